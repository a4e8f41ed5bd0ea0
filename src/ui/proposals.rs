//! The quote assistant's proposals in the window: a layer of their own, drawn as dashed
//! outlines and reviewed one at a time in the side panel (accept, reject, fix the
//! boundaries, label or speaker first), never mixed with the coder's spans until
//! accepted.
//!
//! The proposals of a document are worked out from its text when first shown and kept
//! until the codebook or lexicon changes; what is still open is filtered each time
//! against the document (accepted, coded or rejected ones drop out, and come back on
//! undo).

use crate::assist::{Assistant, Roles, Suggestion, accept};
use crate::model::{DocId, Document, Lexicon, Project, Rejected};
use std::collections::HashMap;

/// The review state: proposals per document and the coder's fixes to them.
#[derive(Default)]
pub struct Proposals {
    /// Whether the layer is shown (the assistant was asked for proposals).
    pub active: bool,
    /// The proposal under review, an index into the shown document's open proposals.
    pub current: usize,
    /// Every proposal by document, as the assistant made them.
    made: HashMap<DocId, Vec<Suggestion>>,
    /// The codebook roles and lexicon they were made with.
    made_with: Option<(Roles, Lexicon)>,
    /// The coder's fixed versions of proposals, by document and the original quote's
    /// pieces.
    fixes: HashMap<(DocId, Vec<(usize, usize)>), Suggestion>,
    /// Whether the assistant was run on the whole project: then every document's
    /// proposals are kept current (made again, a few each frame, after the codebook or
    /// lexicon changes), so the document list's counts do not vanish.
    everywhere: bool,
    /// The project revision at which every document had its proposals: until the project
    /// changes, [`Proposals::catch_up`] has nothing to look at.
    complete_at: Option<u64>,
}

/// One open proposal with the key its fix is kept under.
#[derive(Clone, Debug)]
pub struct Open {
    /// The pieces of the quote as the assistant proposed it.
    pub key: Vec<(usize, usize)>,
    /// The quote's label as the assistant proposed it.
    pub made_label: String,
    /// The proposal, with the coder's fixes.
    pub suggestion: Suggestion,
}

impl Open {
    /// What rejecting it records: the proposal as the assistant made it, not as fixed, so
    /// that no later run of the assistant proposes it again.
    pub fn rejected(&self) -> Rejected {
        Rejected {
            label: self.made_label.clone(),
            pieces: self.key.clone(),
            rule: self.suggestion.rule.name().to_owned(),
        }
    }
}

impl Proposals {
    /// Forgets every proposal (another project was opened).
    pub fn reset(&mut self) {
        *self = Proposals::default();
    }

    /// Keeps what the assistant made for many documents (the project-wide job).
    pub fn store(&mut self, roles: Roles, lexicon: Lexicon, made: Vec<(DocId, Vec<Suggestion>)>) {
        if self.made_with.as_ref() != Some(&(roles.clone(), lexicon.clone())) {
            self.made.clear();
            self.made_with = Some((roles, lexicon));
        }
        self.made.extend(made);
        self.active = true;
        self.everywhere = true;
        self.complete_at = None;
    }

    /// After a codebook or lexicon change, makes the proposals of documents that have none
    /// yet, in document order, for about `budget` (at least one document): the document
    /// list's counts come back a few documents each frame, the window staying responsive;
    /// documents added since are made too. Only once the assistant ran on the whole
    /// project; true while documents are left. `revision` is the project's
    /// (`Session::revision`): a project unchanged since every document had its proposals
    /// is not looked at again, so a quiet frame costs nothing however large the corpus.
    pub fn catch_up(
        &mut self,
        project: &Project,
        revision: u64,
        budget: std::time::Duration,
    ) -> bool {
        if !self.active || !self.everywhere || self.complete_at == Some(revision) {
            return false;
        }
        let Some(roles) = Roles::from_codebook(&project.labels, &project.relation_types) else {
            return false;
        };
        let lexicon = project.lexicon();
        self.make_current(&roles, lexicon);
        let missing: Vec<&Document> = project
            .documents
            .iter()
            .filter(|d| !self.made.contains_key(&d.id))
            .collect();
        if missing.is_empty() {
            self.complete_at = Some(revision);
            return false;
        }
        let started = std::time::Instant::now();
        let assistant = Assistant::new(roles, lexicon);
        for (i, doc) in missing.iter().enumerate() {
            self.made
                .insert(doc.id, assistant.propose(doc.text.as_str()));
            if started.elapsed() >= budget {
                return i + 1 < missing.len();
            }
        }
        false
    }

    /// Forgets what was made with another codebook or lexicon than `roles` and `lexicon`.
    fn make_current(&mut self, roles: &Roles, lexicon: &Lexicon) {
        let current = self
            .made_with
            .as_ref()
            .is_some_and(|(r, l)| r == roles && l == lexicon);
        if !current {
            self.made.clear();
            self.fixes.clear();
            self.made_with = Some((roles.clone(), lexicon.clone()));
            self.complete_at = None;
        }
    }

    /// The open proposals of `doc`, in text order: made now if not yet, fixes applied,
    /// those accepted, coded or rejected left out. Empty when the codebook has no quote
    /// label.
    pub fn open(&mut self, project: &Project, doc: &Document) -> Vec<Open> {
        let Some(roles) = Roles::from_codebook(&project.labels, &project.relation_types) else {
            return Vec::new();
        };
        let lexicon = project.lexicon();
        self.make_current(&roles, lexicon);
        self.made
            .entry(doc.id)
            .or_insert_with(|| Assistant::new(roles, lexicon).propose(doc.text.as_str()));
        self.still_open(doc)
            .map(|(made, shown)| Open {
                key: made.quote.pieces.clone(),
                made_label: made.quote.label.clone(),
                suggestion: shown.clone(),
            })
            .collect()
    }

    /// The proposals made so far for `doc` still to review, each as the assistant made
    /// it and as the coder fixed it: those rejected (as made or, in older files, as
    /// fixed), accepted or coded already left out.
    fn still_open<'a>(
        &'a self,
        doc: &'a Document,
    ) -> impl Iterator<Item = (&'a Suggestion, &'a Suggestion)> + 'a {
        self.made
            .get(&doc.id)
            .into_iter()
            .flatten()
            .filter(|s| !accept::is_rejected(doc, &s.quote))
            .map(|s| {
                let fixed = self.fixes.get(&(doc.id, s.quote.pieces.clone()));
                (s, fixed.unwrap_or(s))
            })
            .filter(|(_, shown)| {
                let q = &shown.quote;
                !accept::is_rejected(doc, q) && !accept::is_coded(doc, shown)
            })
    }

    /// Keeps the coder's fixed version of a proposal until it is accepted or rejected.
    pub fn fix(&mut self, doc: DocId, key: Vec<(usize, usize)>, fixed: Suggestion) {
        self.fixes.insert((doc, key), fixed);
    }

    /// Forgets the coder's fix of a proposal (it was rejected: restored, it comes back as
    /// the assistant proposed it).
    pub fn unfix(&mut self, doc: DocId, key: &[(usize, usize)]) {
        self.fixes.remove(&(doc, key.to_vec()));
    }

    /// Counts the proposals waiting for review in a document, at least as sure as the
    /// project's setting: `None` while the layer is off or the proposals were made with
    /// another codebook or lexicon (they are made again when next shown). A document the
    /// assistant has not run on counts 0.
    pub fn waiting<'a>(&'a self, project: &Project) -> Option<impl Fn(&Document) -> usize + 'a> {
        if !self.active {
            return None;
        }
        let roles = Roles::from_codebook(&project.labels, &project.relation_types)?;
        let (made_roles, made_lexicon) = self.made_with.as_ref()?;
        if *made_roles != roles || made_lexicon != project.lexicon() {
            return None;
        }
        let min = project.assistant.min_sure();
        Some(move |doc: &Document| {
            self.still_open(doc)
                .filter(|(_, s)| s.confidence >= min)
                .count()
        })
    }
}

/// The review card for the proposal under review: what it is, why, how sure; its
/// speaker to fix; accept, reject, accept all, previous and next.
pub fn card_ui(
    ui: &mut egui::Ui,
    open: &[Open],
    current: usize,
    threshold: Threshold,
    roles_speaker: Option<&str>,
    labels: &[crate::model::Label],
) -> Option<CardAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.strong("Proposals");
        // "0 of 0" says nothing the line below does not say better.
        if !open.is_empty() {
            ui.weak(format!(
                "{} of {}",
                (current + 1).min(open.len()),
                open.len()
            ));
        }
    });
    if let Some(percent) = threshold_ui(ui, threshold) {
        action = Some(CardAction::MinConfidence(percent));
    }
    let Some(o) = open.get(current) else {
        ui.weak(match threshold.hidden {
            0 => "None left in this document. Ctrl+PageDown goes to the next one.".to_owned(),
            n => format!(
                "None left at {}% or surer; {n} less sure hidden (lower the bar above to see them). Ctrl+PageDown goes to the next document.",
                threshold.percent
            ),
        });
        return action;
    };
    let s = &o.suggestion;
    ui.horizontal_wrapped(|ui| {
        let color = labels
            .iter()
            .find(|l| l.name == s.quote.label)
            .map(super::theme::label_color)
            .unwrap_or(ui.visuals().text_color());
        ui.colored_label(color, &s.quote.label);
        ui.weak(format!(
            "{} · {:.0}% sure",
            s.rule.name(),
            s.confidence * 100.0
        ))
        .on_hover_text(s.rule.description());
    });
    ui.label(egui::RichText::new(shorten(&s.quote.text, 240)).italics());
    if let Some(att) = &s.attribution {
        ui.weak(format!("introduced by “{}”", shorten(&att.text, 80)));
    }
    if let Some(field) = roles_speaker
        && let Some(a) = speaker_ui(ui, s.quote.attributes.get(field))
    {
        action = Some(a);
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button("Accept (Y)").clicked() {
            action = Some(CardAction::Run(super::command::Command::AcceptProposal));
        }
        if ui.button("Reject (N)").clicked() {
            action = Some(CardAction::Run(super::command::Command::RejectProposal));
        }
        if ui
            .button(format!("Accept all {}", open.len()))
            .on_hover_text(
                "Ctrl+Shift+Y: every proposal of this document shown here (at least as sure as the bar above)",
            )
            .clicked()
        {
            action = Some(CardAction::Run(super::command::Command::AcceptAllProposals));
        }
    });
    ui.horizontal(|ui| {
        if ui.small_button("◀ Previous (,)").clicked() {
            action = Some(CardAction::Run(super::command::Command::PreviousProposal));
        }
        if ui.small_button("Next (.) ▶").clicked() {
            action = Some(CardAction::Run(super::command::Command::NextProposal));
        }
    });
    ui.weak("Fix first: a label key relabels it, Alt+arrows move its ends; select text and press B to make it the quote, S to make it the speaker.");
    action
}

/// "Speaker [field] [From selection (S)]": the proposed speaker, edited in place (the
/// whole name selected when the field takes the focus, so typing replaces it) or taken
/// from the article's selection.
fn speaker_ui(ui: &mut egui::Ui, proposed: Option<&String>) -> Option<CardAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        let label = ui.label("Speaker");
        let mut who = proposed.cloned().unwrap_or_default();
        let pick = ui
            .with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let pick = ui
                    .small_button("Selection (S)")
                    .on_hover_text("Select the speaker's name in the article (or click an annotation), then press S or this");
                let id = ui.make_persistent_id("proposed speaker");
                let edit = super::bidi_field::singleline(ui, &mut who, id, |e| {
                    e.hint_text("who says it").desired_width(f32::INFINITY)
                })
                .response
                .response
                .labelled_by(label.id);
                super::fields::select_all_on_focus(ui, &edit, &who);
                if edit.changed() {
                    action = Some(CardAction::Speaker(who.clone()));
                }
                pick.clicked()
            })
            .inner;
        if pick {
            action = Some(CardAction::Run(
                super::command::Command::SpeakerFromSelection,
            ));
        }
    });
    action
}

/// The minimum confidence the review shows, and what it hides in the shown document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Threshold {
    /// Proposals less sure than this, in per cent, are hidden.
    pub percent: u8,
    /// How many open proposals of the shown document that hides.
    pub hidden: usize,
}

/// "At least [slider] 30% sure · 2 hidden": the project's minimum confidence, in steps of
/// 5 %. Returns the new value while the coder moves it.
fn threshold_ui(ui: &mut egui::Ui, threshold: Threshold) -> Option<u8> {
    let mut changed = None;
    ui.horizontal(|ui| {
        let label = ui.label("At least");
        let mut percent = threshold.percent;
        let slider = egui::Slider::new(&mut percent, 0..=100)
            .step_by(5.0)
            .suffix("% sure");
        let response = ui
            .add(slider)
            .labelled_by(label.id)
            .on_hover_text(
                "Proposals less sure than this are not shown, not stepped through and not accepted by Accept all. Saved with the project (undo with Ctrl+Z); lectern suggest uses it too.",
            );
        if response.changed() {
            changed = Some(percent);
        }
        if threshold.hidden > 0 {
            ui.weak(format!("{} hidden", threshold.hidden))
                .on_hover_text("Proposals in this document less sure than the bar: lower it to review them");
        }
    });
    changed
}

/// What the coder did on the review card.
#[derive(Clone, Debug, PartialEq)]
pub enum CardAction {
    /// A command (accept, reject, next…).
    Run(super::command::Command),
    /// The speaker was changed to this.
    Speaker(String),
    /// The minimum confidence shown was moved to this, in per cent.
    MinConfidence(u8),
}

/// At most `n` characters of `text`, with an ellipsis when cut.
fn shorten(text: &str, n: usize) -> String {
    let flat = text.replace('\n', " ");
    if flat.chars().count() <= n {
        return flat;
    }
    let cut: String = flat.chars().take(n).collect();
    format!("{cut}…")
}
