//! The speaker of the proposal under review: typed on the Proposals card (the field
//! selects its value when it takes the focus, so typing replaces the proposed name) or
//! taken from the article with S — the selected text, or the selected annotation's — in
//! place of the one proposed. A fix to the proposal, kept until it is accepted.

use super::*;
use crate::assist::Roles;

impl Lectern {
    /// The codebook's speaker field of quotes, if it has one.
    fn speaker_field(&self) -> Option<String> {
        let project = &self.session.project;
        Roles::from_codebook(&project.labels, &project.relation_types).and_then(|r| r.speaker)
    }

    /// The speaker typed on the review card.
    pub(super) fn set_proposal_speaker(&mut self, who: String) {
        let Some(field) = self.speaker_field() else {
            return;
        };
        // Typing shows in the field itself; the status line keeps what it said.
        self.fix_current("", |s, _| {
            if who.is_empty() {
                s.quote.attributes.remove(&field);
            } else {
                s.quote.attributes.insert(field, who);
            }
        });
    }

    /// S: the selected text (widened as a label key widens it), or else the selected
    /// annotation's text, becomes the speaker of the proposal under review.
    pub(super) fn speaker_from_selection(&mut self) {
        let Some(field) = self.speaker_field() else {
            self.status = "The codebook's quote label has no speaker field".to_owned();
            return;
        };
        let Some(doc) = self
            .current_doc
            .and_then(|d| self.session.project.document(d))
        else {
            return;
        };
        let from_selection = self
            .selection()
            .and_then(|range| self.span_range(&doc.text, range))
            .and_then(|range| doc.text.slice(range))
            .map(str::to_owned);
        let from_span = || {
            self.selected_span
                .and_then(|id| doc.span(id))
                .map(|span| span.joined_text())
        };
        let Some(picked) = from_selection.or_else(from_span) else {
            self.status =
                "Select the speaker's name in the article (or click an annotation), then press S"
                    .to_owned();
            return;
        };
        // A name broken over a line end reads as one line.
        let who = picked.split_whitespace().collect::<Vec<_>>().join(" ");
        if who.is_empty() {
            self.status = "The selection holds only spaces".to_owned();
            return;
        }
        let done = format!("The proposal's speaker is now “{who}”");
        if !self.fix_current(&done, |s, _| {
            s.quote.attributes.insert(field, who);
        }) {
            self.status = "No proposal under review".to_owned();
            return;
        }
        self.view.selection = None;
    }
}
