//! Adjudication: turning several coders' spans on one document into one agreed ("gold")
//! layer. Each distinct span — a label on a set of pieces — is a candidate, with the coders
//! who made it and whether the gold layer has it; accepting copies a coder's span into
//! gold as an ordinary edit, so it can be undone like any other.

use super::agreement::GOLD;
use super::merge::document_coders;
use crate::model::{Document, Edit, Project, Relation, RelationId, Span, SpanId};
use std::collections::HashMap;

/// Code point ranges of a span.
type Pieces = Vec<(usize, usize)>;

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
    /// A gold span with the same label sharing a code point with this one (the candidate
    /// itself once accepted, or another coder's version of it): the disagreement is settled.
    pub resolved: Option<SpanId>,
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
    let mut index_of: HashMap<(&str, Pieces), usize> = HashMap::new();
    for span in &doc.spans {
        let pieces = span.pieces();
        let index = *index_of
            .entry((span.label.as_str(), pieces.clone()))
            .or_insert_with(|| {
                out.push(Candidate {
                    label: span.label.to_string(),
                    pieces,
                    text: span.joined_text(),
                    coders: Vec::new(),
                    gold: None,
                    resolved: None,
                });
                out.len() - 1
            });
        let c = &mut out[index];
        if span.annotator == GOLD {
            c.gold.get_or_insert(span.id);
        } else if !c.coders.iter().any(|(k, _)| *k == span.annotator) {
            c.coders.push((span.annotator.to_string(), span.id));
        }
    }
    let gold: Vec<(&str, Pieces, SpanId)> = doc
        .spans
        .iter()
        .filter(|s| s.annotator == GOLD)
        .map(|s| (s.label.as_str(), s.pieces(), s.id))
        .collect();
    for c in &mut out {
        c.coders
            .sort_by_key(|(k, _)| coders.iter().position(|x| x == k));
        c.resolved = c.gold.or_else(|| {
            gold.iter()
                .find(|(label, pieces, _)| {
                    *label == c.label
                        && pieces
                            .iter()
                            .any(|&(s, e)| c.pieces.iter().any(|&(t, u)| s < u && t < e))
                })
                .map(|g| g.2)
        });
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

/// The edits that copy `source` (a coder's span) into the gold layer as span `id`: same
/// label, pieces, attributes and note, annotator `gold`; and, for each of the source's
/// relations whose other end already has a gold twin (same label and pieces), the same
/// relation between the gold spans, with ids from `next_relation` up.
pub fn accept(
    doc: &Document,
    source: &Span,
    id: SpanId,
    next_relation: RelationId,
    created: &str,
) -> Vec<Edit> {
    let span = Span {
        id,
        annotator: GOLD.into(),
        created: created.into(),
        ..source.clone()
    };
    let mut edits = vec![Edit::AddSpan { doc: doc.id, span }];
    let mut next = next_relation.0;
    for r in doc.relations_of(source.id) {
        let other = if r.from == source.id { r.to } else { r.from };
        let Some(twin) = doc.span(other).and_then(|o| gold_twin(doc, o)) else {
            continue;
        };
        let (from, to) = if r.from == source.id {
            (id, twin)
        } else {
            (twin, id)
        };
        edits.push(Edit::AddRelation {
            doc: doc.id,
            relation: Relation {
                id: RelationId(next),
                from,
                to,
                ..r.clone()
            },
        });
        next += 1;
    }
    edits
}

/// The gold span with the label and pieces of `span`, if any.
fn gold_twin(doc: &Document, span: &Span) -> Option<SpanId> {
    let pieces = span.pieces();
    doc.spans
        .iter()
        .find(|s| s.annotator == GOLD && s.label == span.label && s.pieces() == pieces)
        .map(|s| s.id)
}

/// The edits that remove a gold span, its relations first.
pub fn reject(doc: &Document, gold: &Span) -> Vec<Edit> {
    let mut edits: Vec<Edit> = doc
        .relations_of(gold.id)
        .map(|r| Edit::RemoveRelation {
            doc: doc.id,
            relation: r.clone(),
        })
        .collect();
    edits.push(Edit::RemoveSpan {
        doc: doc.id,
        span: gold.clone(),
    });
    edits
}

/// Edits accepting into gold every candidate all coders agree on and gold lacks, with
/// their relations between gold spans, ids from `project`'s next free ones upwards.
pub fn accept_agreed(project: &Project, doc: &Document, created: &str) -> Vec<Edit> {
    let coders = coders_of(doc);
    let mut scratch = doc.clone();
    let mut next_span = project.next_span_id().0;
    let mut next_relation = project.next_relation_id().0;
    let mut out = Vec::new();
    for c in candidates(doc) {
        if c.gold.is_some() || !c.agreed(&coders) {
            continue;
        }
        let Some(source) = c.coders.first().and_then(|(_, id)| doc.span(*id)) else {
            continue;
        };
        let edits = accept(
            &scratch,
            source,
            SpanId(next_span),
            RelationId(next_relation),
            created,
        );
        next_span += 1;
        for e in &edits {
            match e {
                Edit::AddSpan { span, .. } => scratch.spans.push(span.clone()),
                Edit::AddRelation { relation, .. } => {
                    scratch.relations.push(relation.clone());
                    next_relation += 1;
                }
                _ => {}
            }
        }
        out.extend(edits);
    }
    out
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
        assert!(cs.iter().all(|c| c.resolved.is_none()));
    }

    #[test]
    fn accepting_carries_relations_and_rejecting_removes_them() {
        let mut p = merged();
        let doc = p.documents[1].clone();
        let edits = accept_agreed(&p, &doc, "2026-05-06T10:00:00Z");
        // Five agreed spans, and the two attribution → quote links between them.
        assert_eq!(edits.len(), 7);
        for e in &edits {
            e.apply(&mut p).expect("accept");
        }
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        let doc = p.documents[1].clone();
        let gold: Vec<&Span> = doc.spans.iter().filter(|s| s.annotator == GOLD).collect();
        assert_eq!(gold.len(), 5);
        let gold_links = doc
            .relations
            .iter()
            .filter(|r| gold.iter().any(|g| g.id == r.from) && gold.iter().any(|g| g.id == r.to))
            .count();
        assert_eq!(gold_links, 2);
        let quote = gold
            .iter()
            .find(|s| s.text == "an act of sabotage")
            .expect("gold quote");
        for e in reject(&doc, quote) {
            e.apply(&mut p).expect("reject");
        }
        let doc = &p.documents[1];
        assert_eq!(doc.spans.iter().filter(|s| s.annotator == GOLD).count(), 4);
        assert!(p.problems().is_empty(), "{:?}", p.problems());

        // Accepting one coder's version settles the other's too.
        let mut q = p.clone();
        let firebrand = candidates(doc)
            .into_iter()
            .find(|c| c.text == "firebrand mayor")
            .and_then(|c| doc.span(c.coders[0].1).cloned())
            .expect("b's version");
        for e in accept(doc, &firebrand, q.next_span_id(), q.next_relation_id(), "t") {
            e.apply(&mut q).expect("accept");
        }
        let cs = candidates(&q.documents[1]);
        let theirs = cs
            .iter()
            .find(|c| c.text == "the firebrand mayor")
            .expect("a's");
        assert!(theirs.gold.is_none() && theirs.resolved.is_some());

        // Accepting the quote alone again links it to the gold attribution already there.
        let source = candidates(doc)
            .into_iter()
            .find(|c| c.text == "an act of sabotage")
            .and_then(|c| doc.span(c.coders[0].1).cloned())
            .expect("source");
        let edits = accept(doc, &source, p.next_span_id(), p.next_relation_id(), "t");
        assert_eq!(edits.len(), 2);
    }
}
