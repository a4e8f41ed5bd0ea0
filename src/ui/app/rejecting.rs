//! Rejecting the quote assistant's proposals and taking a rejection back: a rejected
//! proposal is kept in the document (so no later run proposes it again) and listed on the
//! Proposals card, where Restore proposes it again — each one undoable step.

use super::*;
use crate::ui::rejected_list::RejectedAction;

impl Lectern {
    /// Rejects the proposal under review: remembered in the document as the assistant
    /// proposed it (a fix is not what a rerun would propose), one undoable step.
    pub(super) fn reject_proposal(&mut self) {
        let Some(doc_id) = self.current_doc else {
            return;
        };
        let current = self.proposals.current;
        let Some(open) = self.open_proposals().into_iter().nth(current) else {
            self.status = "No proposal to reject here".to_owned();
            return;
        };
        let Some(doc) = self.session.project.document(doc_id) else {
            return;
        };
        let mut new = doc.rejected.clone();
        new.push(open.rejected());
        let edit = Edit::SetRejected {
            doc: doc_id,
            old: doc.rejected.clone(),
            new,
        };
        if self.apply_step("Reject proposed quote".to_owned(), vec![edit], None) {
            self.proposals.unfix(doc_id, &open.key);
            self.status = "Rejected; it will not be proposed again for this document (Proposals ▸ Rejected lists it)".to_owned();
            self.clamp_current();
            self.reveal_proposal();
        }
    }

    /// Proposes the document's `index`th rejected proposal again (one undoable step) and
    /// puts it under review, or says why it is not shown.
    pub(super) fn restore_rejected(&mut self, index: usize) {
        let Some(doc_id) = self.current_doc else {
            return;
        };
        let Some(doc) = self.session.project.document(doc_id) else {
            return;
        };
        let Some(restored) = doc.rejected.get(index).cloned() else {
            return;
        };
        let mut new = doc.rejected.clone();
        new.remove(index);
        let edit = Edit::SetRejected {
            doc: doc_id,
            old: doc.rejected.clone(),
            new,
        };
        if !self.apply_step("Restore rejected proposal".to_owned(), vec![edit], None) {
            return;
        }
        let is_it = |o: &crate::ui::proposals::Open| {
            o.key == restored.pieces && o.made_label == restored.label
        };
        let (shown, _) = self.reviewed_proposals();
        if let Some(i) = shown.iter().position(is_it) {
            self.proposals.current = i;
            self.selected_span = None;
            self.reveal_proposal();
            self.status = format!(
                "Restored: proposal {} of {} again; Y accepts it, N rejects it",
                i + 1,
                shown.len()
            );
        } else {
            self.status = self.not_shown_note(&restored.pieces);
        }
    }

    /// Why a restored proposal is not under review: below the minimum confidence, or no
    /// longer proposed (the codebook or lexicon changed since, or the document has it).
    fn not_shown_note(&mut self, pieces: &[(usize, usize)]) -> String {
        let Some(doc) = self
            .current_doc
            .and_then(|d| self.session.project.document(d))
        else {
            return String::new();
        };
        let all = self.proposals.open(&self.session.project, doc);
        match all.iter().find(|o| o.key == pieces) {
            Some(o) => format!(
                "Restored, but it is {:.0}% sure, less than the {}% the Proposals panel shows: lower the bar to review it",
                o.suggestion.confidence * 100.0,
                self.session.project.assistant.min_confidence.min(100)
            ),
            None => "Restored; the assistant no longer proposes it here (the codebook or lexicon changed, or it is coded already)".to_owned(),
        }
    }

    /// The Proposals card's list of rejected proposals, for the shown document.
    pub(super) fn rejected_list_ui(&mut self, ui: &mut egui::Ui) {
        let project = &self.session.project;
        let Some(doc) = self.current_doc.and_then(|d| project.document(d)) else {
            return;
        };
        match crate::ui::rejected_list::rejected_ui(ui, doc, &project.labels) {
            Some(RejectedAction::Restore(i)) => self.restore_rejected(i),
            Some(RejectedAction::Show(at)) => self.view.scroll_to = Some(at),
            None => {}
        }
    }
}
