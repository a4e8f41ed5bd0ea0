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
            // The review starts at the new document's first proposal: an index kept from
            // the last one could lie past its end and read "None left".
            self.proposals.current = 0;
        }
    }

    /// Labels the selection with `label`; with no selection, relabels the selected annotation.
    pub fn apply_label(&mut self, label: &str) {
        let Some(doc_id) = self.current_doc else {
            return;
        };
        if self.waits_for_job() {
            return;
        }
        if let Some(range) = self.selection() {
            let Some(doc) = self.session.project.document(doc_id) else {
                return;
            };
            let Some(range) = self.span_range(&doc.text, range) else {
                self.status = "The selection holds only spaces".to_owned();
                return;
            };
            let Some(mut span) =
                self.session
                    .project
                    .make_span(doc_id, label, range.start, range.end)
            else {
                return;
            };
            self.stamp(&mut span);
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
                    old: span.label.to_string(),
                    new: label.to_owned(),
                };
                self.apply_step(format!("Relabel as '{label}'"), vec![edit], None);
            }
        } else {
            self.status = "Select text in the article first, then choose a label".to_owned();
        }
    }

    /// Records who made `span` and when (the annotator from settings, the clock now).
    pub fn stamp(&self, span: &mut crate::model::Span) {
        span.annotator = self.settings.annotator.as_str().into();
        span.created = crate::model::iso_utc(std::time::SystemTime::now()).into();
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
        let edits = self.session.project.remove_span_edits(doc, span.id);
        if self.apply_step(description, edits, None) {
            self.selected_span = None;
        }
    }

    /// A selection as a new span's range: the spaces at its ends left out, widened to
    /// whole words when the coder asked for that in Preferences; `None` when it holds only
    /// spaces.
    pub(super) fn span_range(
        &self,
        text: &crate::model::DocText,
        range: Range<usize>,
    ) -> Option<Range<usize>> {
        let range = trim_whitespace(text.slice(range.clone()).unwrap_or_default(), range)?;
        Some(if self.settings.snap_to_words {
            snap_to_words(text, range)
        } else {
            range
        })
    }

    pub(super) fn apply_step(
        &mut self,
        description: String,
        edits: Vec<Edit>,
        coalesce: Option<String>,
    ) -> bool {
        // While a job runs the project is read-only: what it started from stays true.
        if self.waits_for_job() {
            return false;
        }
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
        if self.waits_for_job() {
            return;
        }
        match self.session.undo() {
            Ok(Some(d)) => self.status = format!("Undid {d}"),
            Ok(None) => self.status = "Nothing to undo".to_owned(),
            Err(e) => self.status = format!("Could not undo: {e}"),
        }
        self.after_history_move();
    }

    pub(super) fn redo(&mut self) {
        if self.waits_for_job() {
            return;
        }
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

/// Widens a range whose ends fall inside words to the whole words, so a sloppy drag still
/// labels "mayor" rather than "ayo".
pub(super) fn snap_to_words(text: &crate::model::DocText, range: Range<usize>) -> Range<usize> {
    // Letters, digits and the marks on them (Arabic vowels, Devanagari vowel signs).
    let word = |c: Option<char>| c.is_some_and(crate::text::words::is_word_char);
    let at = |i: usize| text.slice(i..i + 1).and_then(|s| s.chars().next());
    let mut start = range.start;
    while start > 0 && word(at(start - 1)) && word(at(start)) {
        start -= 1;
    }
    let mut end = range.end;
    while end < text.len_chars() && word(at(end - 1)) && word(at(end)) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapping_widens_to_whole_words_only_inside_words() {
        let t = crate::model::DocText::from("the far-left Μayor’s plan");
        let word = |r: Range<usize>| t.slice(snap_to_words(&t, r)).unwrap_or_default().to_owned();
        assert_eq!(word(1..2), "the");
        assert_eq!(word(5..10), "far-left");
        assert_eq!(word(14..16), "Μayor");
        assert_eq!(word(4..7), "far");
        assert_eq!(word(0..25), "the far-left Μayor’s plan");
    }
}

/// Which boundary a nudge moves and how far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nudge {
    /// Move the start by this many steps (negative: earlier).
    Start(isize),
    /// Move the end by this many steps (negative: earlier).
    End(isize),
}

impl Lectern {
    /// Selects the next (`+1`) or previous (`-1`) annotation in reading order and shows it.
    /// In link mode it moves the link target instead.
    pub(super) fn step_span(&mut self, delta: isize) {
        let Some(doc) = self
            .current_doc
            .and_then(|d| self.session.project.document(d))
        else {
            return;
        };
        if doc.spans.is_empty() {
            return;
        }
        let current = match &self.linking {
            Some(link) => link.candidate.or(Some(link.from)),
            None => self.selected_span,
        };
        let at = current.and_then(|id| doc.spans.iter().position(|s| s.id == id));
        let next = match at {
            Some(i) => (i as isize + delta).rem_euclid(doc.spans.len() as isize) as usize,
            None if delta > 0 => 0,
            None => doc.spans.len() - 1,
        };
        let span = &doc.spans[next];
        let (id, start) = (span.id, span.start);
        match &mut self.linking {
            Some(link) => link.candidate = Some(id),
            None => self.selected_span = Some(id),
        }
        self.view.scroll_to = Some(start);
    }

    /// Enters link mode from the selected annotation.
    pub(super) fn start_link(&mut self) {
        match self.selected_span {
            Some(from) => {
                self.linking = Some(LinkMode {
                    from,
                    candidate: None,
                });
                self.status = "Link: click the annotation to link to, or choose it with ] and [ and press Enter; Esc cancels".to_owned();
            }
            None => self.status = "Select an annotation first, then link it".to_owned(),
        }
    }

    /// Links the annotation link mode started from to `to`, with the first relation type
    /// that allows the pair — in either direction, so linking a quote to its attribution
    /// makes "attribution introduces quote".
    pub(super) fn finish_link(&mut self, to: SpanId) {
        let Some(link) = self.linking.take() else {
            return;
        };
        let Some(doc) = self
            .current_doc
            .and_then(|d| self.session.project.document(d))
        else {
            return;
        };
        let (Some(a), Some(b)) = (doc.span(link.from), doc.span(to)) else {
            return;
        };
        if a.id == b.id {
            self.status = "An annotation cannot be linked to itself".to_owned();
            return;
        }
        let project = &self.session.project;
        let choice = project
            .relation_types
            .iter()
            .find(|t| t.allows(&a.label, &b.label))
            .map(|t| (t.name.clone(), a.id, b.id))
            .or_else(|| {
                project
                    .relation_types
                    .iter()
                    .find(|t| t.allows(&b.label, &a.label))
                    .map(|t| (t.name.clone(), b.id, a.id))
            });
        let Some((kind, from, to)) = choice else {
            self.status = format!(
                "No relation type links {} and {}; add one in the codebook",
                a.label, b.label
            );
            return;
        };
        if doc
            .relations
            .iter()
            .any(|r| r.from == from && r.to == to && r.kind == kind)
        {
            self.status = "These annotations are already linked".to_owned();
            return;
        }
        let relation = crate::model::Relation {
            id: project.next_relation_id(),
            kind: kind.as_str().into(),
            from,
            to,
            note: String::new(),
        };
        let doc_id = doc.id;
        if self.apply_step(
            format!("Link '{kind}'"),
            vec![Edit::AddRelation {
                doc: doc_id,
                relation,
            }],
            None,
        ) {
            self.status = format!("Linked: {kind}");
        }
    }

    /// Makes the text selection another fragment of the selected annotation.
    pub fn add_fragment(&mut self, range: Range<usize>) {
        let Some(doc_id) = self.current_doc else {
            return;
        };
        let Some(span) = self.selected_span_value() else {
            self.status = "Select an annotation first, then add a fragment to it".to_owned();
            return;
        };
        let Some(doc) = self.session.project.document(doc_id) else {
            return;
        };
        let Some(range) = trim_whitespace(doc.text.slice(range.clone()).unwrap_or_default(), range)
        else {
            return;
        };
        let mut pieces = span.pieces();
        pieces.push((range.start, range.end));
        let Some(new) = crate::model::Extent::from_pieces(&doc.text, &pieces) else {
            return;
        };
        let edit = Edit::SetSpanExtent {
            doc: doc_id,
            span: span.id,
            old: span.extent(),
            new,
        };
        if self.apply_step(
            format!("Add fragment to '{}'", span.label),
            vec![edit],
            None,
        ) {
            self.view.selection = None;
            self.status = "Added a fragment".to_owned();
        }
    }

    /// Moves the start (or end) of annotation `span` to boundary `to`, as dragging its edge
    /// does; with fragments, the first (or last) fragment moves.
    pub fn move_edge(&mut self, span: SpanId, start: bool, to: usize) {
        let Some(doc_id) = self.current_doc else {
            return;
        };
        let Some(doc) = self.session.project.document(doc_id) else {
            return;
        };
        let Some(s) = doc.span(span) else { return };
        let mut pieces = s.pieces();
        let last = pieces.len() - 1;
        if start {
            pieces[0].0 = to;
        } else {
            pieces[last].1 = to;
        }
        let s = s.clone();
        self.reshape(
            doc_id,
            &s,
            &pieces,
            "Drag boundary",
            None,
            "An annotation cannot end before it starts",
        );
    }

    /// Gives span `span` the code point `pieces` as one edit, unless that changes nothing;
    /// `invalid` is the status shown when the pieces make no valid span.
    fn reshape(
        &mut self,
        doc_id: DocId,
        span: &crate::model::Span,
        pieces: &[(usize, usize)],
        description: &str,
        coalesce: Option<String>,
        invalid: &str,
    ) {
        let Some(doc) = self.session.project.document(doc_id) else {
            return;
        };
        let Some(new) = crate::model::Extent::from_pieces(&doc.text, pieces) else {
            invalid.clone_into(&mut self.status);
            return;
        };
        if new == span.extent() {
            return;
        }
        let edit = Edit::SetSpanExtent {
            doc: doc_id,
            span: span.id,
            old: span.extent(),
            new,
        };
        self.apply_step(description.to_owned(), vec![edit], coalesce);
    }

    /// A boundary key as pressed: Alt+arrows move an edge the way the arrow points, so
    /// where the edge's text runs right to left (Arabic, Hebrew) → moves it toward the
    /// start and ← toward the end: the command is mirrored (extend ↔ shrink). Menu
    /// entries keep their meaning.
    pub(super) fn arrow_command(&self, c: Command) -> Command {
        let Command::Boundary(m) = c else {
            return c;
        };
        let Some(span) = self.selected_span_value() else {
            return c;
        };
        let pieces = span.pieces();
        let edge_char = match m.edge {
            crate::ui::command::Edge::Start => pieces.first().map(|p| p.0),
            crate::ui::command::Edge::End => pieces.last().map(|p| p.1.saturating_sub(1)),
        };
        if edge_char.is_some_and(|e| self.view.is_rtl_at(e)) {
            Command::Boundary(crate::ui::command::BoundaryMove {
                later: !m.later,
                ..m
            })
        } else {
            c
        }
    }

    /// Moves a boundary of the selected annotation by characters or words. With
    /// fragments, the start moves the first fragment and the end the last one.
    pub(super) fn nudge(&mut self, nudge: Nudge, by_word: bool) {
        let Some(doc_id) = self.current_doc else {
            return;
        };
        if self.nudge_proposal(nudge, by_word) {
            return;
        }
        let Some(span) = self.selected_span_value() else {
            self.status = "Select an annotation to adjust its boundaries".to_owned();
            return;
        };
        let Some(doc) = self.session.project.document(doc_id) else {
            return;
        };
        let mut pieces = span.pieces();
        let last = pieces.len() - 1;
        let step = |from: usize, delta: isize| -> usize {
            if by_word {
                word_step(&doc.text, from, delta)
            } else {
                from.saturating_add_signed(delta).min(doc.text.len_chars())
            }
        };
        match nudge {
            Nudge::Start(d) => pieces[0].0 = step(pieces[0].0, d),
            Nudge::End(d) => pieces[last].1 = step(pieces[last].1, d),
        }
        // A run of nudges on one span is one undo step.
        self.reshape(
            doc_id,
            &span,
            &pieces,
            "Adjust boundary",
            Some(format!("nudge {}", span.id)),
            "An annotation cannot be shorter than one character",
        );
    }
}

/// The next word boundary from `from` in direction `delta` (its sign).
pub(super) fn word_step(text: &crate::model::DocText, from: usize, delta: isize) -> usize {
    let word = |i: usize| {
        text.slice(i..i + 1)
            .and_then(|s| s.chars().next())
            .is_some_and(crate::text::words::is_word_char)
    };
    let len = text.len_chars();
    let mut i = from;
    if delta > 0 {
        while i < len && !word(i) {
            i += 1;
        }
        while i < len && word(i) {
            i += 1;
        }
    } else {
        while i > 0 && !word(i - 1) {
            i -= 1;
        }
        while i > 0 && word(i - 1) {
            i -= 1;
        }
    }
    i
}

/// Link mode: the annotation a new relation starts from, and the target chosen by keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkMode {
    /// Where the relation starts.
    pub from: SpanId,
    /// The target picked with ] and [, confirmed with Enter.
    pub candidate: Option<SpanId>,
}
