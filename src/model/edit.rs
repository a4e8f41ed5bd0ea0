//! Edits: every change to a project as a value that can be checked, applied and inverted.
//!
//! The UI, the command line and tests never mutate a [`Project`] directly; they build an
//! [`Edit`] and apply it. Each edit carries the values it replaces, so its inverse needs no
//! access to the project — which is what makes undo, redo and autosave trustworthy.
//! Checking and applying live in `apply.rs`.

use super::{
    AssistantSettings, DocId, DocStatus, Document, Extent, Label, Lexicon, MetaField, Project,
    Rejected, Relation, RelationType, Span, SpanId, Statement, StatementId, TextDirection,
};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One change to a project. Edits are plain data and serialise (the autosave journal
/// writes them one step a line), so a new variant holds only serialisable values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    /// Insert a document at a position in the document list.
    AddDocument {
        /// Position in `Project::documents`.
        index: usize,
        /// The document, with its spans.
        document: Box<Document>,
    },
    /// Remove a document (carrying it, so the removal can be undone).
    RemoveDocument {
        /// Position in `Project::documents`.
        index: usize,
        /// The document as it was.
        document: Box<Document>,
    },
    /// Add a span to a document.
    AddSpan {
        /// Document the span belongs to.
        doc: DocId,
        /// The new span.
        span: Span,
    },
    /// Remove a span (carrying it). Its relations must be removed first.
    RemoveSpan {
        /// Document the span belongs to.
        doc: DocId,
        /// The span as it was.
        span: Span,
    },
    /// Change a span's label.
    SetSpanLabel {
        /// Document the span belongs to.
        doc: DocId,
        /// The span.
        span: SpanId,
        /// Label before.
        old: String,
        /// Label after.
        new: String,
    },
    /// Change a span's note.
    SetSpanNote {
        /// Document the span belongs to.
        doc: DocId,
        /// The span.
        span: SpanId,
        /// Note before.
        old: String,
        /// Note after.
        new: String,
    },
    /// Change one attribute value of a span (empty means unset).
    SetSpanAttribute {
        /// Document the span belongs to.
        doc: DocId,
        /// The span.
        span: SpanId,
        /// Attribute name.
        name: String,
        /// Value before.
        old: String,
        /// Value after.
        new: String,
    },
    /// Move a span's boundaries or change its fragments.
    SetSpanExtent {
        /// Document the span belongs to.
        doc: DocId,
        /// The span.
        span: SpanId,
        /// Where it was.
        old: Extent,
        /// Where it goes.
        new: Extent,
    },
    /// Add a relation between two spans of a document.
    AddRelation {
        /// The document.
        doc: DocId,
        /// The new relation.
        relation: Relation,
    },
    /// Remove a relation (carrying it).
    RemoveRelation {
        /// The document.
        doc: DocId,
        /// The relation as it was.
        relation: Relation,
    },
    /// Change a document's title, metadata field or memo.
    SetDocField {
        /// The document.
        doc: DocId,
        /// Which field.
        field: MetaField,
        /// Value before.
        old: String,
        /// Value after.
        new: String,
    },
    /// Change one of a document's custom metadata fields (empty means unset).
    SetCustomField {
        /// The document.
        doc: DocId,
        /// Field name.
        name: String,
        /// Value before.
        old: String,
        /// Value after.
        new: String,
    },
    /// Change a document's coding status.
    SetDocStatus {
        /// The document.
        doc: DocId,
        /// Status before.
        old: DocStatus,
        /// Status after.
        new: DocStatus,
    },
    /// Set which way a document's paragraphs run on screen.
    SetDocDirection {
        /// The document.
        doc: DocId,
        /// Direction before.
        old: TextDirection,
        /// Direction after.
        new: TextDirection,
    },
    /// Rename the project.
    SetProjectName {
        /// Name before.
        old: String,
        /// Name after.
        new: String,
    },
    /// Replace the label set (adding, renaming, recolouring, describing, deleting labels).
    /// Spans that use a label must be relabelled or removed in the same step.
    SetLabels {
        /// Label set before.
        old: Vec<Label>,
        /// Label set after.
        new: Vec<Label>,
    },
    /// Replace the relation types.
    SetRelationTypes {
        /// Types before.
        old: Vec<RelationType>,
        /// Types after.
        new: Vec<RelationType>,
    },
    /// Replace the project's lexicon of reporting verbs and source markers (`None` is
    /// the built-in one).
    SetLexicon {
        /// Lexicon before.
        old: Option<Box<Lexicon>>,
        /// Lexicon after.
        new: Option<Box<Lexicon>>,
    },
    /// Change the quote assistant's settings (the least confidence shown for review).
    SetAssistant {
        /// Settings before.
        old: AssistantSettings,
        /// Settings after.
        new: AssistantSettings,
    },
    /// Replace the list of a document's rejected quote assistant proposals.
    SetRejected {
        /// The document.
        doc: DocId,
        /// Rejections before.
        old: Vec<Rejected>,
        /// Rejections after.
        new: Vec<Rejected>,
    },
    /// Replace the list of custom metadata field names.
    SetCustomFields {
        /// Names before.
        old: Vec<String>,
        /// Names after.
        new: Vec<String>,
    },
    /// Save, change or forget one Quote tracker statement (`None`: not saved). Moving a
    /// version, splitting, merging and setting a kind are steps of these.
    SetStatement {
        /// The statement.
        id: StatementId,
        /// The saved statement before, if any.
        old: Option<Box<Statement>>,
        /// The saved statement after, if any.
        new: Option<Box<Statement>>,
    },
}

/// Why an edit could not be applied. The project is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    /// The document does not exist.
    #[error("document {0} does not exist")]
    NoSuchDocument(DocId),
    /// The span does not exist in that document.
    #[error("span {1} does not exist in document {0}")]
    NoSuchSpan(DocId, SpanId),
    /// A span with this id exists already.
    #[error("span id {0} is already used")]
    DuplicateSpan(SpanId),
    /// A document with this id exists already.
    #[error("document id {0} is already used")]
    DuplicateDocument(DocId),
    /// The label is not in the project's label set.
    #[error("label \"{0}\" is not in the label set")]
    UnknownLabel(String),
    /// The span selects nothing or lies outside the text.
    #[error("span {start}..{end} is empty or outside the text ({len} code points)")]
    BadRange {
        /// Start.
        start: usize,
        /// End.
        end: usize,
        /// Length of the text.
        len: usize,
    },
    /// The span's stored text is not the text at its offsets.
    #[error("span text {stored:?} does not match the document text {actual:?}")]
    TextMismatch {
        /// Text carried by the span.
        stored: String,
        /// Text in the document at the span's offsets.
        actual: String,
    },
    /// The span's fragments are not consistent.
    #[error("span fragments are not valid: {0}")]
    BadFragments(String),
    /// The value the edit expects to replace is not the current one (a stale edit).
    #[error("the value being changed is no longer {0:?}")]
    Stale(String),
    /// The document position is past the end of the list, or holds another document.
    #[error("document position {0} is not valid")]
    BadIndex(usize),
    /// The span still has relations; remove them first.
    #[error("span {0} still has relations")]
    SpanHasRelations(SpanId),
    /// The relation cannot be made.
    #[error("cannot link these spans: {0}")]
    BadRelation(String),
    /// The label set is not valid.
    #[error("label set is not valid: {0}")]
    BadLabels(String),
    /// The value is not one the attribute allows.
    #[error("attribute {0} does not allow {1:?}")]
    BadAttribute(String, String),
    /// The statement is not valid.
    #[error("statement is not valid: {0}")]
    BadStatement(String),
}

impl Edit {
    /// The edit that undoes this one: an addition becomes the removal of what it added
    /// and back; every other edit swaps its `old` and `new` values.
    pub fn inverse(&self) -> Edit {
        use Edit::*;
        use std::mem::swap;
        let mut edit = match self.clone() {
            AddDocument { index, document } => return RemoveDocument { index, document },
            RemoveDocument { index, document } => return AddDocument { index, document },
            AddSpan { doc, span } => return RemoveSpan { doc, span },
            RemoveSpan { doc, span } => return AddSpan { doc, span },
            AddRelation { doc, relation } => return RemoveRelation { doc, relation },
            RemoveRelation { doc, relation } => return AddRelation { doc, relation },
            other => other,
        };
        match &mut edit {
            AddDocument { .. }
            | RemoveDocument { .. }
            | AddSpan { .. }
            | RemoveSpan { .. }
            | AddRelation { .. }
            | RemoveRelation { .. } => {}
            SetSpanLabel { old, new, .. }
            | SetSpanNote { old, new, .. }
            | SetSpanAttribute { old, new, .. }
            | SetDocField { old, new, .. }
            | SetCustomField { old, new, .. }
            | SetProjectName { old, new } => swap(old, new),
            SetSpanExtent { old, new, .. } => swap(old, new),
            SetDocStatus { old, new, .. } => swap(old, new),
            SetDocDirection { old, new, .. } => swap(old, new),
            SetLabels { old, new } => swap(old, new),
            SetRelationTypes { old, new } => swap(old, new),
            SetCustomFields { old, new } => swap(old, new),
            SetLexicon { old, new } => swap(old, new),
            SetAssistant { old, new } => swap(old, new),
            SetRejected { old, new, .. } => swap(old, new),
            SetStatement { old, new, .. } => swap(old, new),
        }
        edit
    }

    /// The document this edit touches, if it touches one.
    pub fn document(&self) -> Option<DocId> {
        use Edit::*;
        match self {
            AddDocument { document, .. } | RemoveDocument { document, .. } => Some(document.id),
            AddSpan { doc, .. }
            | RemoveSpan { doc, .. }
            | SetSpanLabel { doc, .. }
            | SetSpanNote { doc, .. }
            | SetSpanAttribute { doc, .. }
            | SetSpanExtent { doc, .. }
            | AddRelation { doc, .. }
            | RemoveRelation { doc, .. }
            | SetDocField { doc, .. }
            | SetCustomField { doc, .. }
            | SetDocStatus { doc, .. }
            | SetDocDirection { doc, .. }
            | SetRejected { doc, .. } => Some(*doc),
            SetProjectName { .. }
            | SetLabels { .. }
            | SetRelationTypes { .. }
            | SetLexicon { .. }
            | SetAssistant { .. }
            | SetCustomFields { .. }
            | SetStatement { .. } => None,
        }
    }
}

impl Project {
    /// A span over code points `start..end` of a document, with the next free id and the
    /// document's text at those offsets; `None` if the range is empty or outside the text.
    pub fn make_span(&self, doc: DocId, label: &str, start: usize, end: usize) -> Option<Span> {
        let d = self.document(doc)?;
        if start >= end {
            return None;
        }
        let text = d.text.slice(start..end)?.to_owned();
        Some(Span {
            id: self.next_span_id(),
            label: label.into(),
            start,
            end,
            text,
            ..Default::default()
        })
    }

    /// The edits that delete a span and every relation touching it, in the order to apply.
    pub fn remove_span_edits(&self, doc: DocId, span: SpanId) -> Vec<Edit> {
        let Some(d) = self.document(doc) else {
            return Vec::new();
        };
        let Some(s) = d.span(span) else {
            return Vec::new();
        };
        let mut edits: Vec<Edit> = d
            .relations_of(span)
            .map(|r| Edit::RemoveRelation {
                doc,
                relation: r.clone(),
            })
            .collect();
        edits.push(Edit::RemoveSpan {
            doc,
            span: s.clone(),
        });
        edits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        let mut p = Project::new("t");
        let d = Document::new(
            DocId(1),
            "Bridge",
            "“It’s a disgrace,” said Ms\u{a0}Παπαδάκη.",
        );
        p.documents.push(d);
        p
    }

    #[test]
    fn add_span_checks_text_and_inverse_restores() {
        let mut p = project();
        let before = p.clone();
        let span = p.make_span(DocId(1), "quote", 1, 16).expect("span");
        assert_eq!(span.text, "It’s a disgrace");
        let e = Edit::AddSpan {
            doc: DocId(1),
            span,
        };
        e.apply(&mut p).expect("apply");
        assert_eq!(p.documents[0].spans.len(), 1);
        e.inverse().apply(&mut p).expect("inverse");
        assert_eq!(p, before);
    }

    #[test]
    fn mismatched_or_out_of_range_spans_are_refused() {
        let mut p = project();
        let mut span = p.make_span(DocId(1), "quote", 1, 5).expect("span");
        span.text = "nope".into();
        let err = Edit::AddSpan {
            doc: DocId(1),
            span: span.clone(),
        }
        .apply(&mut p);
        assert!(matches!(err, Err(EditError::TextMismatch { .. })));
        span.end = 500;
        let err = Edit::AddSpan {
            doc: DocId(1),
            span: span.clone(),
        }
        .apply(&mut p);
        assert!(matches!(err, Err(EditError::BadRange { .. })));
        span.label = "nonsense".into();
        let err = Edit::AddSpan {
            doc: DocId(1),
            span,
        }
        .apply(&mut p);
        assert!(matches!(err, Err(EditError::UnknownLabel(_))));
        assert!(p.documents[0].spans.is_empty());
    }

    #[test]
    fn stale_relabel_is_refused() {
        let mut p = project();
        let span = p.make_span(DocId(1), "quote", 1, 5).expect("span");
        let id = span.id;
        Edit::AddSpan {
            doc: DocId(1),
            span,
        }
        .apply(&mut p)
        .expect("add");
        let relabel = |old: &str| Edit::SetSpanLabel {
            doc: DocId(1),
            span: id,
            old: old.into(),
            new: "claim".into(),
        };
        assert!(matches!(
            relabel("claim").apply(&mut p),
            Err(EditError::Stale(_))
        ));
        relabel("quote").apply(&mut p).expect("relabel");
        assert_eq!(p.documents[0].spans[0].label, "claim");
    }

    #[test]
    fn spans_stay_in_reading_order() {
        let mut p = project();
        for (s, e) in [(20, 28), (1, 16), (8, 16)] {
            let span = p.make_span(DocId(1), "descriptor", s, e).expect("span");
            Edit::AddSpan {
                doc: DocId(1),
                span,
            }
            .apply(&mut p)
            .expect("add");
        }
        let starts: Vec<_> = p.documents[0].spans.iter().map(|s| s.start).collect();
        assert_eq!(starts, [1, 8, 20]);
        assert!(p.problems().is_empty());
    }
}
