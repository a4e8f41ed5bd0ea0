//! Adjudication: turning several coders' spans on one document into one agreed ("gold")
//! layer. Each distinct span — a label on a set of pieces — is a candidate, with the coders
//! who made it and whether the gold layer has it; accepting copies a coder's span into
//! gold as an ordinary edit, so it can be undone like any other.

use super::agreement::GOLD;
use super::merge::document_coders;
use crate::model::{DocId, Document, Edit, Project, Span, SpanId};

/// One distinct span some coder made, and who made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The label.
    pub label: String,
    /// Code point pieces (one for a contiguous span).
    pub pieces: Vec<(usize, usize)>,
    /// The labelled text (fragments joined by a space).
    pub text: String,
    /// Each coder who made this span, with their span's id, in coder order.
    pub coders: Vec<(String, SpanId)>,
    /// The gold span with the same label and pieces, if accepted.
    pub gold: Option<SpanId>,
}

impl Candidate {
    /// Whether every one of `coders` made this span (nothing to adjudicate).
    pub fn agreed(&self, coders: &[String]) -> bool {
        coders
            .iter()
            .all(|c| self.coders.iter().any(|(k, _)| k == c))
    }

    /// Where it starts, for reading order.
    pub fn start(&self) -> usize {
        self.pieces.first().map_or(0, |p| p.0)
    }
}

/// The coders of a document, without the gold layer, sorted.
pub fn coders_of(doc: &Document) -> Vec<String> {
    document_coders(doc)
        .into_iter()
        .filter(|c| c != GOLD)
        .collect()
}

/// Every distinct coder span of `doc` in reading order, with the coders who made it.
/// Gold spans no coder made are candidates too (with no coders), so they can be removed.
pub fn candidates(doc: &Document) -> Vec<Candidate> {
    let coders = coders_of(doc);
    let mut out: Vec<Candidate> = Vec::new();
    for span in &doc.spans {
        let pieces = span.pieces();
        let index = match out
            .iter()
            .position(|c| c.label == span.label && c.pieces == pieces)
        {
            Some(i) => i,
            None => {
                out.push(Candidate {
                    label: span.label.clone(),
                    pieces,
                    text: span.joined_text(),
                    coders: Vec::new(),
                    gold: None,
                });
                out.len() - 1
            }
        };
        let c = &mut out[index];
        if span.annotator == GOLD {
            c.gold.get_or_insert(span.id);
        } else if !c.coders.iter().any(|(k, _)| *k == span.annotator) {
            c.coders.push((span.annotator.clone(), span.id));
        }
    }
    for c in &mut out {
        c.coders
            .sort_by_key(|(k, _)| coders.iter().position(|x| x == k));
    }
    out.sort_by_key(|c| {
        (
            c.start(),
            c.pieces.last().map_or(0, |p| p.1),
            c.label.clone(),
        )
    });
    out
}

/// The edit that copies `source` (a coder's span) into the gold layer under `id`: same
/// label, pieces, attributes and note; annotator `gold`.
pub fn accept(doc: DocId, source: &Span, id: SpanId, created: &str) -> Edit {
    let span = Span {
        id,
        annotator: GOLD.to_owned(),
        created: created.to_owned(),
        ..source.clone()
    };
    Edit::AddSpan { doc, span }
}

/// The edit that removes a gold span.
pub fn reject(doc: DocId, gold: &Span) -> Edit {
    Edit::RemoveSpan {
        doc,
        span: gold.clone(),
    }
}

/// Edits accepting into gold every candidate all coders agree on and gold lacks, with ids
/// from `project`'s next free span id upwards.
pub fn accept_agreed(project: &Project, doc: &Document, created: &str) -> Vec<Edit> {
    let coders = coders_of(doc);
    let mut next = project.next_span_id().0;
    candidates(doc)
        .iter()
        .filter(|c| c.gold.is_none() && c.agreed(&coders))
        .filter_map(|c| doc.span(c.coders.first()?.1))
        .map(|s| {
            let e = accept(doc.id, s, SpanId(next), created);
            next += 1;
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture;
    use crate::analysis::merge::{MergeSource, merge};

    fn merged() -> Project {
        let (a, b) = fixture::coders();
        let src = |fallback: &str, project| MergeSource {
            fallback: fallback.into(),
            project,
        };
        merge("m", &[src("a", a), src("b", b)]).project
    }

    #[test]
    fn candidates_list_each_distinct_span_with_its_coders() {
        let p = merged();
        let doc = &p.documents[1];
        let cs = candidates(doc);
        let coders = coders_of(doc);
        assert_eq!(coders, ["a", "b"]);
        assert_eq!(cs.len(), 7);
        let open: Vec<&str> = cs
            .iter()
            .filter(|c| !c.agreed(&coders))
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(open, ["the firebrand mayor", "firebrand mayor"]);
        let first = &cs[0];
        assert_eq!(first.text, "Hard-left mayor");
        assert_eq!(first.coders.len(), 2);
    }

    #[test]
    fn accepting_and_rejecting_are_undoable_edits() {
        let mut p = merged();
        let doc = p.documents[1].clone();
        let edits = accept_agreed(&p, &doc, "2026-05-06T10:00:00Z");
        assert_eq!(edits.len(), 5);
        for e in &edits {
            e.apply(&mut p).expect("accept");
        }
        let doc = &p.documents[1];
        let cs = candidates(doc);
        assert_eq!(cs.iter().filter(|c| c.gold.is_some()).count(), 5);
        let gold = cs
            .iter()
            .find_map(|c| c.gold)
            .and_then(|id| doc.span(id))
            .expect("gold");
        assert_eq!(gold.annotator, GOLD);
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        let undo = reject(DocId(2), &gold.clone());
        undo.apply(&mut p).expect("reject");
        assert_eq!(
            candidates(&p.documents[1])
                .iter()
                .filter(|c| c.gold.is_some())
                .count(),
            4
        );
    }
}
