//! Reviewing the quote assistant's proposals: showing them for a document or the whole
//! project (a background job), moving between them, fixing one (label, boundaries,
//! speaker) and accepting or rejecting it — each accept or reject one undoable step.

use super::editing::Nudge;
use super::files::Done;
use super::*;
use crate::assist::accept::{self, Acceptance, FreshIds};
use crate::assist::{Assistant, Roles, Suggestion};
use crate::model::{Document, Extent, iso_utc};
use crate::progress::{Cancelled, Progress, Unit};
use crate::ui::doc_view::ProposalMark;
use crate::ui::proposals::{CardAction, Open};

/// Who accepted a proposal when the coder has given no name in Preferences.
pub const UNNAMED_CODER: &str = "unnamed coder";

/// What the project-wide job made: the roles and lexicon it used and the proposals.
pub(in crate::ui) struct ProposedAll {
    roles: Roles,
    lexicon: crate::model::Lexicon,
    made: Vec<(DocId, Vec<Suggestion>)>,
}

impl Lectern {
    /// The open proposals of the shown document under review: those at least as sure as
    /// the project's setting (none while the layer is off).
    pub(super) fn open_proposals(&mut self) -> Vec<Open> {
        self.reviewed_proposals().0
    }

    /// The shown document's open proposals at least as sure as the project's setting, and
    /// how many less sure ones that setting hides.
    pub(super) fn reviewed_proposals(&mut self) -> (Vec<Open>, usize) {
        if !self.proposals.active {
            return (Vec::new(), 0);
        }
        let Some(doc) = self
            .current_doc
            .and_then(|d| self.session.project.document(d))
        else {
            return (Vec::new(), 0);
        };
        let min = self.session.project.assistant.min_sure();
        let (shown, hidden): (Vec<Open>, Vec<Open>) = self
            .proposals
            .open(&self.session.project, doc)
            .into_iter()
            .partition(|o| o.suggestion.confidence >= min);
        (shown, hidden.len())
    }

    /// The least confidence shown, in per cent, as the project holds it.
    fn min_confidence(&self) -> u8 {
        self.session.project.assistant.min_confidence.min(100)
    }

    /// What the minimum confidence hides, for the status line ("" when nothing).
    fn hidden_note(&self, hidden: usize) -> String {
        match hidden {
            0 => String::new(),
            n => format!(
                "; {n} less sure than {}% hidden (Proposals panel)",
                self.min_confidence()
            ),
        }
    }

    /// Changes the least confidence shown (an undoable project change; a slider drag is
    /// one step), staying on the proposal under review while it is still shown.
    pub(super) fn set_min_confidence(&mut self, percent: u8) {
        let old = self.session.project.assistant;
        if old.min_confidence == percent {
            return;
        }
        let reviewed = self
            .open_proposals()
            .into_iter()
            .nth(self.proposals.current)
            .map(|o| o.key);
        let edit = Edit::SetAssistant {
            old,
            new: crate::model::AssistantSettings {
                min_confidence: percent,
            },
        };
        let description = "Change the proposals' minimum confidence".to_owned();
        let key = Some("assistant minimum confidence".to_owned());
        if !self.apply_step(description, vec![edit], key) {
            return;
        }
        let (shown, hidden) = self.reviewed_proposals();
        if let Some(i) = reviewed.and_then(|k| shown.iter().position(|o| o.key == k)) {
            self.proposals.current = i;
        }
        self.clamp_current();
        self.status = format!(
            "Showing {} proposal(s) at least {percent}% sure{}",
            shown.len(),
            self.hidden_note(hidden)
        );
    }

    /// The open proposals of the shown document, for tests and the status line.
    pub fn proposal_texts(&mut self) -> Vec<String> {
        self.open_proposals()
            .into_iter()
            .map(|o| o.suggestion.quote.text)
            .collect()
    }

    /// The proposal under review, if any.
    pub fn current_proposal(&mut self) -> Option<Suggestion> {
        let current = self.proposals.current;
        self.open_proposals()
            .into_iter()
            .nth(current)
            .map(|o| o.suggestion)
    }

    /// Turns the layer on for the shown document and goes to its first proposal.
    pub(super) fn propose_quotes(&mut self) {
        if Roles::from_codebook(
            &self.session.project.labels,
            &self.session.project.relation_types,
        )
        .is_none()
        {
            self.status =
                "The codebook has no label for quotes; add one named \"quote\" (Ctrl+K)".to_owned();
            return;
        }
        self.proposals.active = true;
        self.proposals.current = 0;
        let (shown, hidden) = self.reviewed_proposals();
        let hidden = self.hidden_note(hidden);
        self.status = match shown.len() {
            0 => format!("No quotes to propose in this document{hidden}"),
            n => format!(
                "{n} proposed quote(s): . and , move between them, Y accepts, N rejects, Ctrl+Shift+Y accepts all{hidden}"
            ),
        };
        self.reveal_proposal();
    }

    /// Runs the assistant over every document in the background.
    pub(super) fn propose_quotes_everywhere(&mut self) {
        let project = &self.session.project;
        let Some(roles) = Roles::from_codebook(&project.labels, &project.relation_types) else {
            self.status =
                "The codebook has no label for quotes; add one named \"quote\" (Ctrl+K)".to_owned();
            return;
        };
        let lexicon = project.lexicon().clone();
        let texts: Vec<(DocId, String)> = project
            .documents
            .iter()
            .map(|d| (d.id, d.text.as_str().to_owned()))
            .collect();
        let progress = Progress::new();
        progress.start_phase(
            "Looking for quotes",
            Unit::Items("articles"),
            texts.len() as u64,
        );
        self.start_job(
            format!("Proposing quotes in {} articles", texts.len()),
            "Cancelled proposing quotes; nothing was changed".to_owned(),
            progress,
            move |progress| Done::Proposed(propose_all(roles, lexicon, &texts, progress)),
        );
    }

    /// Keeps what the project-wide job proposed and shows the layer.
    pub(super) fn proposed(&mut self, result: Result<ProposedAll, Cancelled>) -> bool {
        let Ok(all) = result else {
            return false;
        };
        // Counted as the review shows them: not coded or rejected already, and at least as
        // sure as the project's setting.
        let project = &self.session.project;
        let min = project.assistant.min_sure();
        let (mut docs, mut total, mut hidden) = (0, 0, 0);
        for (id, made) in &all.made {
            let Some(doc) = project.document(*id) else {
                continue;
            };
            let open = accept::still_open(doc, made.clone());
            let sure = open.iter().filter(|s| s.confidence >= min).count();
            docs += usize::from(sure > 0);
            total += sure;
            hidden += open.len() - sure;
        }
        self.proposals.store(all.roles, all.lexicon, all.made);
        self.proposals.current = 0;
        self.status = format!(
            "Proposed {total} quote(s) in {docs} document(s){}; review them with . , Y and N (Ctrl+PageDown for the next document)",
            self.hidden_note(hidden)
        );
        self.reveal_proposal();
        true
    }

    /// Scrolls to the proposal under review.
    pub(super) fn reveal_proposal(&mut self) {
        if let Some(s) = self.current_proposal()
            && let Some(&(start, _)) = s.quote.pieces.first()
        {
            self.view.scroll_to = Some(start);
        }
    }

    /// Moves to the next (`+1`) or previous (`-1`) proposal, wrapping around.
    pub(super) fn step_proposal(&mut self, delta: isize) {
        if !self.proposals.active {
            self.propose_quotes();
            return;
        }
        let n = self.open_proposals().len();
        if n == 0 {
            self.status = "No proposals left in this document".to_owned();
            return;
        }
        let current = self.proposals.current.min(n - 1) as isize;
        self.proposals.current = (current + delta).rem_euclid(n as isize) as usize;
        self.selected_span = None;
        self.reveal_proposal();
    }

    /// Accepts the proposal under review (or every open one) as one undoable step.
    pub(super) fn accept_proposals(&mut self, all: bool) {
        let Some(doc) = self.current_doc else { return };
        let open = self.open_proposals();
        let chosen: Vec<Suggestion> = if all {
            open.into_iter().map(|o| o.suggestion).collect()
        } else {
            open.into_iter()
                .nth(self.proposals.current)
                .map(|o| o.suggestion)
                .into_iter()
                .collect()
        };
        if chosen.is_empty() {
            self.status = "No proposal to accept here".to_owned();
            return;
        }
        // An empty name would read as "added without review" in the side panel and
        // every export; a coder who gave no name still reviewed it.
        let named = !self.settings.annotator.trim().is_empty();
        let who = Acceptance {
            by: if named {
                self.settings.annotator.clone()
            } else {
                UNNAMED_CODER.to_owned()
            },
            at: iso_utc(std::time::SystemTime::now()),
        };
        let mut ids = FreshIds::new(&self.session.project);
        let done = accept::accept(&self.session.project, doc, &chosen, &who, &mut ids);
        let description = if all {
            format!("Accept {} proposed quotes", done.quotes)
        } else {
            "Accept proposed quote".to_owned()
        };
        if self.apply_step(description, done.edits, None) {
            self.status = format!(
                "Added {} quote(s), {} attribution(s), {} link(s){}",
                done.quotes,
                done.attributions,
                done.relations,
                if named {
                    ""
                } else {
                    ", accepted by \"unnamed coder\" (give your name in Preferences, Ctrl+,)"
                }
            );
            self.clamp_current();
            self.reveal_proposal();
        }
    }

    pub(super) fn clamp_current(&mut self) {
        let n = self.open_proposals().len();
        self.proposals.current = self.proposals.current.min(n.saturating_sub(1));
    }

    /// Replaces the proposal under review by `f` of it, keeping the fix until it is
    /// accepted or rejected. False when there is none.
    /// `done` says what changed, for the status line.
    pub(super) fn fix_current(
        &mut self,
        done: &str,
        f: impl FnOnce(&mut Suggestion, &Document),
    ) -> bool {
        let Some(doc_id) = self.current_doc else {
            return false;
        };
        let current = self.proposals.current;
        let Some(open) = self.open_proposals().into_iter().nth(current) else {
            return false;
        };
        let Some(doc) = self.session.project.document(doc_id) else {
            return false;
        };
        let mut fixed = open.suggestion;
        f(&mut fixed, doc);
        // A fix that lands on a span the coder has (or on a rejected proposal) would make
        // the proposal vanish from the review with no undo: keep it as it was and say why.
        let q = &fixed.quote;
        let place = accept::Place::of_suggestion(&fixed);
        if let Some(span) = doc.spans.iter().find(|s| {
            s.label == q.label && accept::same_quote(&accept::Place::of_span(doc, s), &place)
        }) {
            self.status = format!(
                "Not changed: the document has this {} already (“{}”); reject the proposal (N) or fix it otherwise",
                q.label,
                crate::ui::span_panel::excerpt(&span.joined_text())
            );
            return true;
        }
        if accept::is_rejected(doc, q) {
            self.status =
                "Not changed: that is a proposal rejected before; fix it otherwise".to_owned();
            return true;
        }
        self.proposals.fix(doc_id, open.key, fixed);
        if !done.is_empty() {
            self.status = format!("{done}; Y accepts it as fixed, N rejects it");
        }
        true
    }

    /// A label key with a proposal under review and nothing selected relabels it.
    pub(super) fn relabel_proposal(&mut self, label: &str) -> bool {
        if !self.proposals.active || self.selected_span.is_some() || self.selection().is_some() {
            return false;
        }
        let done = format!("Proposal relabelled as {label}");
        self.fix_current(&done, |s, _| s.quote.label = label.to_owned())
    }

    /// Alt+arrows with a proposal under review and no annotation selected move its ends.
    pub(super) fn nudge_proposal(&mut self, nudge: Nudge, by_word: bool) -> bool {
        if !self.proposals.active || self.selected_span.is_some() {
            return false;
        }
        let done = match nudge {
            Nudge::Start(_) => "Moved the proposal's start",
            Nudge::End(_) => "Moved the proposal's end",
        };
        self.fix_current(done, |s, doc| {
            let mut pieces = s.quote.pieces.clone();
            let last = pieces.len() - 1;
            let len = doc.text.len_chars();
            let step = |from: usize, d: isize| {
                if by_word {
                    super::editing::word_step(&doc.text, from, d)
                } else {
                    from.saturating_add_signed(d).min(len)
                }
            };
            match nudge {
                Nudge::Start(d) => pieces[0].0 = step(pieces[0].0, d),
                Nudge::End(d) => pieces[last].1 = step(pieces[last].1, d),
            }
            set_pieces(s, doc, &pieces);
        })
    }

    /// B: the selected text becomes the quote of the proposal under review.
    pub(super) fn proposal_from_selection(&mut self) {
        let Some(range) = self.selection() else {
            self.status = "Select the quote's text first, then press B".to_owned();
            return;
        };
        // The same range a label key would give the selection.
        let range = self
            .current_doc
            .and_then(|d| self.session.project.document(d))
            .and_then(|doc| self.span_range(&doc.text, range));
        let Some(range) = range else {
            self.status = "The selection holds only spaces".to_owned();
            return;
        };
        let done = "The proposal's quote is now the selected text";
        if !self.fix_current(done, |s, doc| {
            set_pieces(s, doc, &[(range.start, range.end)]);
        }) {
            self.status = "No proposal under review".to_owned();
            return;
        }
        self.view.selection = None;
    }

    /// Dashed outlines of the shown document's open proposals.
    pub(super) fn proposal_marks(&mut self) -> Vec<ProposalMark> {
        let open = self.open_proposals();
        let current = self.proposals.current;
        let labels = &self.session.project.labels;
        let color = |name: &str| {
            labels
                .iter()
                .find(|l| l.name == name)
                .map_or(egui::Color32::GRAY, crate::ui::theme::label_color)
        };
        let mut marks = Vec::new();
        for (i, o) in open.iter().enumerate() {
            let s = &o.suggestion;
            marks.push(ProposalMark {
                pieces: s.quote.pieces.clone(),
                color: color(&s.quote.label),
                current: i == current,
            });
            if i == current
                && let Some(att) = &s.attribution
            {
                marks.push(ProposalMark {
                    pieces: att.pieces.clone(),
                    color: color(&att.label),
                    current: true,
                });
            }
        }
        marks
    }

    /// The review card in the side panel, while the layer is on.
    pub(super) fn proposal_card_ui(&mut self, ui: &mut egui::Ui) {
        if !self.proposals.active || self.current_doc.is_none() {
            return;
        }
        let (open, hidden) = self.reviewed_proposals();
        let threshold = crate::ui::proposals::Threshold {
            percent: self.min_confidence(),
            hidden,
        };
        let speaker = Roles::from_codebook(
            &self.session.project.labels,
            &self.session.project.relation_types,
        )
        .and_then(|r| r.speaker);
        let action = crate::ui::proposals::card_ui(
            ui,
            &open,
            self.proposals.current,
            threshold,
            speaker.as_deref(),
            &self.session.project.labels,
        );
        self.rejected_list_ui(ui);
        ui.separator();
        match action {
            Some(CardAction::Run(c)) => self.queue.push(Intent::Command(c)),
            Some(CardAction::Speaker(who)) => self.set_proposal_speaker(who),
            Some(CardAction::MinConfidence(percent)) => self.set_min_confidence(percent),
            None => {}
        }
    }
}

/// Gives a proposal new quote pieces (sorted and merged, with their text).
fn set_pieces(s: &mut Suggestion, doc: &Document, pieces: &[(usize, usize)]) {
    let Some(extent) = Extent::from_pieces(&doc.text, pieces) else {
        return;
    };
    s.quote.pieces = if extent.fragments.is_empty() {
        vec![(extent.start, extent.end)]
    } else {
        extent.fragments.iter().map(|f| (f.start, f.end)).collect()
    };
    s.quote.text = extent.joined_text();
}

/// The project-wide job: every document's proposals, counting articles.
fn propose_all(
    roles: Roles,
    lexicon: crate::model::Lexicon,
    texts: &[(DocId, String)],
    progress: &Progress,
) -> Result<ProposedAll, Cancelled> {
    let assistant = Assistant::new(roles.clone(), &lexicon);
    let mut made = Vec::with_capacity(texts.len());
    for (id, text) in texts {
        made.push((*id, assistant.propose(text)));
        progress.advance(1)?;
    }
    drop(assistant);
    Ok(ProposedAll {
        roles,
        lexicon,
        made,
    })
}
