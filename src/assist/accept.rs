//! From suggestions to edits: which suggestions are still worth showing for a document
//! (not rejected, not coded already), and the spans, relations and attributes that
//! accepting them adds — the same for the window's review keys and `lectern suggest
//! --apply`, so both record the assistant's rule and who accepted.

use super::{ProposedSpan, Suggestion};
use crate::model::{
    DocId, Document, Edit, Extent, Project, Proposed, Relation, RelationId, Span, SpanId,
};

/// Ids for spans and relations not yet used, handed out in order while a batch of
/// suggestions becomes edits.
#[derive(Clone, Copy, Debug)]
pub struct FreshIds {
    span: u32,
    relation: u32,
}

impl FreshIds {
    /// The first ids the project does not use.
    pub fn new(project: &Project) -> FreshIds {
        FreshIds {
            span: project.next_span_id().0,
            relation: project.next_relation_id().0,
        }
    }

    fn span(&mut self) -> SpanId {
        self.span += 1;
        SpanId(self.span - 1)
    }

    fn relation(&mut self) -> RelationId {
        self.relation += 1;
        RelationId(self.relation - 1)
    }
}

/// Who accepts, and when, as recorded on the spans.
#[derive(Clone, Debug, Default)]
pub struct Acceptance {
    /// The annotator accepting in the window; empty for `lectern suggest --apply`.
    pub by: String,
    /// ISO 8601 UTC time written as the spans' `created`.
    pub at: String,
}

/// Whether two piece lists cover mostly the same text: half of the shorter one at least.
/// Pieces are half-open ranges of any unit (code points, or tokens).
pub fn same_place(a: &[(usize, usize)], b: &[(usize, usize)]) -> bool {
    let len = |p: &[(usize, usize)]| p.iter().map(|(s, e)| e - s).sum::<usize>();
    let shared: usize = a
        .iter()
        .flat_map(|&(s, e)| {
            b.iter()
                .map(move |&(t, f)| f.min(e).saturating_sub(s.max(t)))
        })
        .sum();
    shared * 2 >= len(a).min(len(b)).max(1)
}

/// Where a quote lies and where what introduces it lies: enough to tell one quote from
/// another. Pieces are half-open ranges of any unit (code points, or tokens).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Place {
    /// The quote's pieces.
    pub pieces: Vec<(usize, usize)>,
    /// The pieces of each attribution introducing it (its cue and source), if any.
    pub attributions: Vec<Vec<(usize, usize)>>,
}

impl Place {
    /// Where a proposed quote lies, with its proposed attribution.
    pub fn of_suggestion(s: &Suggestion) -> Place {
        Place {
            pieces: s.quote.pieces.clone(),
            attributions: s.attribution.iter().map(|a| a.pieces.clone()).collect(),
        }
    }

    /// Where a coded span lies, with the spans linked to it by a relation ending at it.
    pub fn of_span(doc: &Document, span: &Span) -> Place {
        let attributions = doc
            .relations
            .iter()
            .filter(|r| r.to == span.id && r.from != span.id)
            .filter_map(|r| doc.spans.iter().find(|s| s.id == r.from))
            .map(Span::pieces)
            .collect();
        Place {
            pieces: span.pieces(),
            attributions,
        }
    }
}

/// Whether `inner` is a quote of its own inside `outer`'s content — the analysts' words
/// quoted within a spokesman's reported speech: every piece of it inside a piece of
/// `outer`, fewer words than `outer`, and introduced by an attribution of its own that
/// lies in `outer`'s words too. The same words again, or a shorter cut of them introduced
/// from outside (the outer quote's own attribution), are not nested.
pub fn nested_in(inner: &Place, outer: &Place) -> bool {
    let len = |p: &[(usize, usize)]| p.iter().map(|(s, e)| e - s).sum::<usize>();
    let within = |p: &[(usize, usize)]| {
        !p.is_empty()
            && p.iter()
                .all(|&(s, e)| outer.pieces.iter().any(|&(t, f)| t <= s && e <= f))
    };
    within(&inner.pieces)
        && len(&inner.pieces) < len(&outer.pieces)
        && !inner.attributions.is_empty()
        && inner.attributions.iter().any(|a| within(a))
}

/// Whether two quotes are one: mostly the same words ([`same_place`]) and neither
/// nested in the other ([`nested_in`]).
pub fn same_quote(a: &Place, b: &Place) -> bool {
    same_place(&a.pieces, &b.pieces) && !nested_in(a, b) && !nested_in(b, a)
}

/// Whether the document already has a span of the proposed quote's label that is the
/// same quote ([`same_quote`]): a quote nested in a coded one, or around a coded one,
/// with its own attribution, is still to code.
pub fn is_coded(doc: &Document, s: &Suggestion) -> bool {
    let place = Place::of_suggestion(s);
    doc.spans.iter().any(|span| {
        // `same_place` alone first: it is cheap, and most spans are elsewhere; only those
        // over the same words need their attributions looked up (`Place::of_span`).
        span.label == s.quote.label
            && same_place(&span.pieces(), &place.pieces)
            && same_quote(&Place::of_span(doc, span), &place)
    })
}

/// Whether the coder rejected this proposal in this document.
pub fn is_rejected(doc: &Document, quote: &ProposedSpan) -> bool {
    doc.rejected
        .iter()
        .any(|r| r.label == quote.label && r.pieces == quote.pieces)
}

/// The suggestions still to review in `doc`: neither rejected nor coded already.
pub fn still_open(doc: &Document, suggestions: Vec<Suggestion>) -> Vec<Suggestion> {
    suggestions
        .into_iter()
        .filter(|s| !is_rejected(doc, &s.quote) && !is_coded(doc, s))
        .collect()
}

/// A span added in the batch being made: label, pieces, id.
type Added = (String, Vec<(usize, usize)>, SpanId);

/// What accepting some suggestions adds.
#[derive(Clone, Debug, Default)]
pub struct Accepted {
    /// The edits, in the order to apply.
    pub edits: Vec<Edit>,
    /// Quotes added.
    pub quotes: usize,
    /// Attribution spans added (an existing one is linked instead of doubled).
    pub attributions: usize,
    /// Relations added.
    pub relations: usize,
    /// Suggestions left out because the document has their quote already.
    pub skipped: usize,
}

/// The edits that add `suggestions` to document `doc` of `project`: each quote with its
/// speaker, its attribution (reusing an identical one already there or added before in
/// the batch) and the relation between them. Quotes already coded are skipped.
pub fn accept(
    project: &Project,
    doc: DocId,
    suggestions: &[Suggestion],
    who: &Acceptance,
    ids: &mut FreshIds,
) -> Accepted {
    let mut out = Accepted::default();
    let Some(d) = project.document(doc) else {
        return out;
    };
    // Spans added in this batch: label, pieces, id.
    let mut added: Vec<Added> = Vec::new();
    // Quotes added in this batch: label and place.
    let mut batch: Vec<(&str, Place)> = Vec::new();
    for s in suggestions {
        let place = Place::of_suggestion(s);
        let duplicate = is_coded(d, s)
            || batch
                .iter()
                .any(|(l, p)| *l == s.quote.label && same_quote(p, &place));
        let Some(quote) = (!duplicate)
            .then(|| span_of(d, &s.quote, s, who, ids))
            .flatten()
        else {
            out.skipped += 1;
            continue;
        };
        let quote_id = quote.id;
        added.push((quote.label.to_string(), s.quote.pieces.clone(), quote_id));
        batch.push((&s.quote.label, place));
        out.edits.push(Edit::AddSpan { doc, span: quote });
        out.quotes += 1;
        let (Some(att), Some(kind)) = (&s.attribution, &s.relation) else {
            continue;
        };
        let existing = d
            .spans
            .iter()
            .find(|x| x.label == att.label && x.pieces() == att.pieces)
            .map(|x| x.id)
            .or_else(|| {
                added
                    .iter()
                    .find(|(l, p, _)| *l == att.label && *p == att.pieces)
                    .map(|(_, _, id)| *id)
            });
        let from = match existing {
            Some(id) => id,
            None => {
                let Some(span) = span_of(d, att, s, who, ids) else {
                    continue;
                };
                let id = span.id;
                added.push((att.label.clone(), att.pieces.clone(), id));
                out.edits.push(Edit::AddSpan { doc, span });
                out.attributions += 1;
                id
            }
        };
        out.edits.push(Edit::AddRelation {
            doc,
            relation: Relation {
                id: ids.relation(),
                kind: kind.as_str().into(),
                from,
                to: quote_id,
                note: String::new(),
            },
        });
        out.relations += 1;
    }
    out
}

/// A new span for a proposed one, marked as the assistant's.
fn span_of(
    doc: &Document,
    p: &ProposedSpan,
    s: &Suggestion,
    who: &Acceptance,
    ids: &mut FreshIds,
) -> Option<Span> {
    let extent = Extent::from_pieces(&doc.text, &p.pieces)?;
    let mut span = Span {
        id: ids.span(),
        label: p.label.as_str().into(),
        attributes: p.attributes.clone().into(),
        annotator: who.by.as_str().into(),
        created: who.at.as_str().into(),
        proposed: Some(Box::new(Proposed {
            rule: s.rule.name().to_owned(),
            confidence: (s.confidence * 100.0).round().clamp(0.0, 100.0) as u8,
            accepted_by: who.by.clone(),
        })),
        ..Span::default()
    };
    span.set_extent(&extent);
    Some(span)
}
