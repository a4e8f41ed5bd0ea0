//! Annotating: labelling the selection, relabelling, deleting, undo and redo, and moving
//! between documents.

use super::*;

impl Lectern {
    // ----- annotating -----

    /// Shows a document (keeps nothing selected from the previous one).
    pub fn show_document(&mut self, id: DocId) {
        if self.current_doc != Some(id) {
            self.current_doc = Some(id);
            self.selected_span = None;
            self.view.selection = None;
        }
    }

    /// Labels the selection with `label`; with no selection, relabels the selected annotation.
    pub fn apply_label(&mut self, label: &str) {
        let Some(doc_id) = self.current_doc else {
            return;
        };
        if let Some(range) = self.selection() {
            let Some(doc) = self.session.project.document(doc_id) else {
                return;
            };
            let Some(range) =
                trim_whitespace(doc.text.slice(range.clone()).unwrap_or_default(), range)
            else {
                self.status = "The selection holds only spaces".to_owned();
                return;
            };
            let Some(span) = self
                .session
                .project
                .make_span(doc_id, label, range.start, range.end)
            else {
                return;
            };
            let id = span.id;
            match self.session.apply(
                format!("Label '{label}'"),
                vec![Edit::AddSpan { doc: doc_id, span }],
            ) {
                Ok(()) => {
                    self.selected_span = Some(id);
                    self.view.selection = None;
                    self.status = format!("Labelled {}–{} as {label}", range.start, range.end);
                }
                Err(e) => self.status = format!("Could not label: {e}"),
            }
        } else if let Some(span) = self.selected_span_value() {
            if span.label != label {
                let edit = Edit::SetSpanLabel {
                    doc: doc_id,
                    span: span.id,
                    old: span.label.clone(),
                    new: label.to_owned(),
                };
                self.apply_step(format!("Relabel as '{label}'"), vec![edit], None);
            }
        } else {
            self.status = "Select text in the article first, then choose a label".to_owned();
        }
    }

    pub(super) fn selected_span_value(&self) -> Option<crate::model::Span> {
        let doc = self.session.project.document(self.current_doc?)?;
        doc.span(self.selected_span?).cloned()
    }

    pub(super) fn delete_selected_span(&mut self) {
        let Some(doc) = self.current_doc else { return };
        let Some(span) = self.selected_span_value() else {
            self.status = "No annotation is selected".to_owned();
            return;
        };
        let description = format!("Delete '{}'", span.label);
        if self.apply_step(description, vec![Edit::RemoveSpan { doc, span }], None) {
            self.selected_span = None;
        }
    }

    pub(super) fn apply_step(
        &mut self,
        description: String,
        edits: Vec<Edit>,
        coalesce: Option<String>,
    ) -> bool {
        let result = match &coalesce {
            Some(key) => self.session.apply_coalescing(description, edits, key),
            None => self.session.apply(description, edits),
        };
        match result {
            Ok(()) => true,
            Err(e) => {
                self.status = format!("Could not change the project: {e}");
                false
            }
        }
    }

    pub(super) fn undo(&mut self) {
        match self.session.undo() {
            Ok(Some(d)) => self.status = format!("Undid {d}"),
            Ok(None) => self.status = "Nothing to undo".to_owned(),
            Err(e) => self.status = format!("Could not undo: {e}"),
        }
        self.after_history_move();
    }

    pub(super) fn redo(&mut self) {
        match self.session.redo() {
            Ok(Some(d)) => self.status = format!("Redid {d}"),
            Ok(None) => self.status = "Nothing to redo".to_owned(),
            Err(e) => self.status = format!("Could not redo: {e}"),
        }
        self.after_history_move();
    }

    /// After undo/redo the shown document or selected span may be gone (or back).
    pub(super) fn after_history_move(&mut self) {
        let project = &self.session.project;
        if self.current_doc.and_then(|d| project.document(d)).is_none() {
            self.current_doc = project.documents.first().map(|d| d.id);
        }
        let exists = self
            .current_doc
            .and_then(|d| project.document(d))
            .zip(self.selected_span)
            .is_some_and(|(d, s)| d.span(s).is_some());
        if !exists {
            self.selected_span = None;
        }
    }

    pub(super) fn step_document(&mut self, delta: isize) {
        let docs = &self.session.project.documents;
        if docs.is_empty() {
            return;
        }
        let at = self
            .current_doc
            .and_then(|c| docs.iter().position(|d| d.id == c))
            .unwrap_or(0);
        let next = (at as isize + delta).clamp(0, docs.len() as isize - 1) as usize;
        let id = docs[next].id;
        self.show_document(id);
    }

    pub(super) fn zoom(&mut self, font_px: f32) {
        let (lo, hi) = theme::FONT_PX_RANGE;
        self.settings.font_px = font_px.clamp(lo, hi).round();
        self.status = format!("Text size {} pt", self.settings.font_px);
        self.save_settings();
    }
}
