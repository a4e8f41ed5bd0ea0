//! Edits: every change to a project as a value that can be checked, applied and inverted.
//!
//! The UI, the command line and tests never mutate a [`Project`] directly; they build an
//! [`Edit`] and apply it. Each edit carries the values it replaces, so its inverse needs no
//! access to the project — which is what makes undo, redo and autosave trustworthy.

use super::{DocId, Document, MetaField, Project, Span, SpanId};
use thiserror::Error;

/// One change to a project.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// Remove a span (carrying it).
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
    /// Change a document's title or metadata field.
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
    /// Rename the project.
    SetProjectName {
        /// Name before.
        old: String,
        /// Name after.
        new: String,
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
    /// The value the edit expects to replace is not the current one (a stale edit).
    #[error("the value being changed is no longer {0:?}")]
    Stale(String),
    /// The document position is past the end of the list, or holds another document.
    #[error("document position {0} is not valid")]
    BadIndex(usize),
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self.clone() {
            Edit::AddDocument { index, document } => Edit::RemoveDocument { index, document },
            Edit::RemoveDocument { index, document } => Edit::AddDocument { index, document },
            Edit::AddSpan { doc, span } => Edit::RemoveSpan { doc, span },
            Edit::RemoveSpan { doc, span } => Edit::AddSpan { doc, span },
            Edit::SetSpanLabel {
                doc,
                span,
                old,
                new,
            } => Edit::SetSpanLabel {
                doc,
                span,
                old: new,
                new: old,
            },
            Edit::SetSpanNote {
                doc,
                span,
                old,
                new,
            } => Edit::SetSpanNote {
                doc,
                span,
                old: new,
                new: old,
            },
            Edit::SetDocField {
                doc,
                field,
                old,
                new,
            } => Edit::SetDocField {
                doc,
                field,
                old: new,
                new: old,
            },
            Edit::SetProjectName { old, new } => Edit::SetProjectName { old: new, new: old },
        }
    }

    /// The document this edit touches, if it touches one.
    pub fn document(&self) -> Option<DocId> {
        match self {
            Edit::AddDocument { document, .. } | Edit::RemoveDocument { document, .. } => {
                Some(document.id)
            }
            Edit::AddSpan { doc, .. }
            | Edit::RemoveSpan { doc, .. }
            | Edit::SetSpanLabel { doc, .. }
            | Edit::SetSpanNote { doc, .. }
            | Edit::SetDocField { doc, .. } => Some(*doc),
            Edit::SetProjectName { .. } => None,
        }
    }

    /// Checks the edit against the project and applies it; on error nothing changes.
    pub fn apply(&self, project: &mut Project) -> Result<(), EditError> {
        match self {
            Edit::AddDocument { index, document } => {
                if *index > project.documents.len() {
                    return Err(EditError::BadIndex(*index));
                }
                if project.document(document.id).is_some() {
                    return Err(EditError::DuplicateDocument(document.id));
                }
                for s in &document.spans {
                    check_span(project, document, s)?;
                }
                project.documents.insert(*index, (**document).clone());
            }
            Edit::RemoveDocument { index, document } => {
                if project.documents.get(*index) != Some(document) {
                    return Err(EditError::BadIndex(*index));
                }
                project.documents.remove(*index);
            }
            Edit::AddSpan { doc, span } => {
                let d = project
                    .document(*doc)
                    .ok_or(EditError::NoSuchDocument(*doc))?;
                check_span(project, d, span)?;
                let d = doc_mut(project, *doc)?;
                let at = d.insertion_index(span);
                d.spans.insert(at, span.clone());
            }
            Edit::RemoveSpan { doc, span } => {
                let d = doc_mut(project, *doc)?;
                let at = span_index(d, span.id)?;
                if d.spans[at] != *span {
                    return Err(EditError::Stale(span.text.clone()));
                }
                d.spans.remove(at);
            }
            Edit::SetSpanLabel {
                doc,
                span,
                old,
                new,
            } => {
                if project.label(new).is_none() {
                    return Err(EditError::UnknownLabel(new.clone()));
                }
                let d = doc_mut(project, *doc)?;
                let at = span_index(d, *span)?;
                replace(&mut d.spans[at].label, old, new)?;
            }
            Edit::SetSpanNote {
                doc,
                span,
                old,
                new,
            } => {
                let d = doc_mut(project, *doc)?;
                let at = span_index(d, *span)?;
                replace(&mut d.spans[at].note, old, new)?;
            }
            Edit::SetDocField {
                doc,
                field,
                old,
                new,
            } => {
                let d = doc_mut(project, *doc)?;
                replace(d.field_mut(*field), old, new)?;
            }
            Edit::SetProjectName { old, new } => replace(&mut project.name, old, new)?,
        }
        Ok(())
    }
}

fn doc_mut(project: &mut Project, id: DocId) -> Result<&mut Document, EditError> {
    project
        .document_mut(id)
        .ok_or(EditError::NoSuchDocument(id))
}

fn span_index(doc: &Document, id: SpanId) -> Result<usize, EditError> {
    doc.spans
        .iter()
        .position(|s| s.id == id)
        .ok_or(EditError::NoSuchSpan(doc.id, id))
}

fn replace(slot: &mut String, old: &str, new: &str) -> Result<(), EditError> {
    if slot != old {
        return Err(EditError::Stale(old.to_owned()));
    }
    new.clone_into(slot);
    Ok(())
}

/// A span may join a document only if its label exists, its id is new, and its offsets
/// select exactly its stored text.
fn check_span(project: &Project, doc: &Document, span: &Span) -> Result<(), EditError> {
    if project.label(&span.label).is_none() {
        return Err(EditError::UnknownLabel(span.label.clone()));
    }
    if project.has_span_id(span.id) {
        return Err(EditError::DuplicateSpan(span.id));
    }
    let len = doc.text.len_chars();
    if span.start >= span.end || span.end > len {
        return Err(EditError::BadRange {
            start: span.start,
            end: span.end,
            len,
        });
    }
    let actual = doc.text.slice(span.start..span.end).unwrap_or_default();
    if actual != span.text {
        return Err(EditError::TextMismatch {
            stored: span.text.clone(),
            actual: actual.to_owned(),
        });
    }
    Ok(())
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
            label: label.to_owned(),
            start,
            end,
            text,
            note: String::new(),
        })
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
