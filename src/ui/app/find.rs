//! Search and the command palette in the app: opening and closing them, and acting on what
//! they return (showing a match, labelling all matches, running a command).

use super::*;
use crate::model::Span;
use crate::model::search::{self, Match, Provenance};
use crate::ui::command_palette::{self, CommandPalette, Outcome};
use crate::ui::search_panel::{self, Action, SearchContext, SearchState};

impl Lectern {
    /// Opens search (Ctrl+F: the shown document, Ctrl+Shift+F: the project), or, if it is
    /// open, switches scope and puts the keyboard back in the query field.
    /// With a short one-line selection in the article, searches for that text (unless the
    /// selection is a listed match: then the query stays as it is).
    pub(super) fn open_search(&mut self, whole_project: bool) {
        let state = self
            .search
            .get_or_insert_with(|| SearchState::new(whole_project));
        state.refocus(whole_project);
        let current = self.current_doc;
        let selected = current
            .and_then(|d| self.session.project.document(d))
            .zip(self.view.selected_range())
            .filter(|(_, r)| {
                !state
                    .matches()
                    .iter()
                    .any(|m| Some(m.doc) == current && m.range == *r)
            })
            .and_then(|(doc, r)| doc.text.slice(r))
            .map(str::trim)
            .filter(|t| !t.is_empty() && !t.contains('\n') && t.chars().count() <= 200);
        if let Some(text) = selected {
            state.search_for(text);
        }
    }

    /// Whether the search panel is open.
    pub fn search_open(&self) -> bool {
        self.search.is_some()
    }

    /// The matches the search panel lists (empty when closed).
    pub fn search_matches(&self) -> &[Match] {
        self.search.as_ref().map_or(&[], |s| s.matches())
    }

    /// The shown document's search matches, for outlining in the view.
    pub(super) fn search_marks(&self) -> Vec<Range<usize>> {
        self.search_matches()
            .iter()
            .filter(|m| Some(m.doc) == self.current_doc)
            .map(|m| m.range.clone())
            .collect()
    }

    /// Whether the command palette is open.
    pub fn palette_open(&self) -> bool {
        self.palette.is_some()
    }

    /// Draws the search panel, if open, at the bottom of the window.
    pub(super) fn search_panel(&mut self, ui: &mut egui::Ui) {
        let Some(state) = &mut self.search else {
            return;
        };
        let cx = SearchContext {
            project: &self.session.project,
            current_doc: self.current_doc,
            revision: self.session.revision(),
        };
        let action = egui::Panel::bottom("search")
            .resizable(true)
            .default_size(220.0)
            .show(ui, |ui| search_panel::search_panel_ui(ui, state, &cx))
            .inner;
        match action {
            Some(Action::Close) => self.search = None,
            Some(Action::Reveal(m)) => {
                self.show_document(m.doc);
                self.reveal = Some((m.doc, m.range));
            }
            Some(Action::LabelAll { label, matches }) => self.label_matches(&label, &matches),
            None => {}
        }
    }

    /// Labels `matches` with `label` as one undoable step, recording who and when as
    /// labelling a selection does.
    pub(super) fn label_matches(&mut self, label: &str, matches: &[Match]) {
        let mut stamped = Span::default();
        self.stamp(&mut stamped);
        let provenance = Provenance {
            annotator: stamped.annotator.to_string(),
            created: stamped.created.to_string(),
        };
        let picked: Vec<&Match> = matches.iter().collect();
        let edits = search::label_matches_edits(&self.session.project, &picked, label, &provenance);
        let n = edits.len();
        if n == 0 {
            self.status = "No match to label (the text changed since the search)".to_owned();
            return;
        }
        let plural = if n == 1 { "" } else { "es" };
        let description = format!("Label {n} match{plural} as '{label}'");
        if self.apply_step(description.clone(), edits, None) {
            self.status = format!("{description}; one undo takes them all back");
        }
    }

    /// Selects and scrolls to the match chosen in the search results, once its document is
    /// in the view (call after the view has been shown this frame).
    pub(super) fn reveal_match(&mut self, ctx: &egui::Context) {
        let Some((doc, range)) = self.reveal.take() else {
            return;
        };
        if self.current_doc != Some(doc) {
            return;
        }
        self.selected_span = None;
        self.view.selection = Some(Selection {
            anchor: range.start,
            focus: range.end,
        });
        self.view.scroll_to = Some(range.start);
        ctx.request_repaint();
    }

    /// Opens the command palette.
    pub(super) fn open_palette(&mut self) {
        self.palette = Some(CommandPalette::default());
    }

    /// Draws the command palette, if open, and runs what the user picks.
    pub(super) fn palette_ui(&mut self, ctx: &egui::Context) {
        let Some(palette) = &mut self.palette else {
            return;
        };
        let sources = command_palette::PaletteSources {
            labels: &self.session.project.labels,
            recent: &self.settings.recent_projects,
        };
        match command_palette::palette_ui(ctx, palette, &sources) {
            Some(Outcome::Close) => self.palette = None,
            Some(Outcome::Run(intent)) => {
                self.palette = None;
                self.queue.push(intent);
            }
            None => {}
        }
    }
}
