//! Who gets to speak and how each person is described, per outlet: quotes per speaker with
//! the reporting verbs used for them, and every descriptor grouped by whom it describes.
//!
//! Both read the default codebook's conventions (DOMAIN.md): a `quote` has a `speaker`
//! attribute, an `attribution` a `cue` (reporting verb) and maybe a `source`, linked to
//! the quote by a relation; a `descriptor` has a `target`, or a relation to the span
//! naming its target.

use super::filter::{Filter, GroupBy};
use super::table::{Cell, SpanRef, Table};
use crate::model::{DocId, Document, Project, Span, SpanId};
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// Label of quotes.
pub const QUOTE: &str = "quote";
/// Label of attributions (source and reporting verb).
pub const ATTRIBUTION: &str = "attribution";
/// Label of descriptors.
pub const DESCRIPTOR: &str = "descriptor";
/// Shown where a speaker or target was not coded.
pub const UNKNOWN: &str = "(unknown)";

/// One row per speaker and group value: how many quotes, which reporting verbs (with
/// counts, most used first) and the quotes' ids. The speaker is the quote's `speaker`
/// attribute, else the `source` of an attribution linked to it; the verbs are the quote's
/// own `cue` attribute and the `cue` of every attribution linked to it.
pub fn who_is_quoted(project: &Project, filter: &Filter, by: &GroupBy) -> Table {
    let filter = Filter {
        labels: Default::default(),
        ..filter.clone()
    };
    let mut groups: BTreeMap<(String, String), Speaker> = BTreeMap::new();
    let mut index = SpansById::default();
    for (doc, quote) in filter.spans(project).filter(|(_, s)| s.label == QUOTE) {
        let attributions = index.of(doc).linked(quote, ATTRIBUTION);
        let speaker = attribute(quote, "speaker")
            .or_else(|| attributions.iter().find_map(|a| attribute(a, "source")))
            .unwrap_or(UNKNOWN)
            .to_owned();
        let entry = groups.entry((speaker, by.value(doc))).or_default();
        entry.0.push(SpanRef {
            doc: doc.id,
            span: quote.id,
        });
        let verbs = attribute(quote, "cue")
            .into_iter()
            .chain(attributions.iter().filter_map(|a| attribute(a, "cue")));
        for verb in verbs {
            *entry.1.entry(verb.to_lowercase()).or_default() += 1;
        }
    }
    let mut table = Table::new([
        "speaker",
        by.name(),
        "quotes",
        "reporting_verbs",
        "span_ids",
    ]);
    for ((speaker, group), (refs, verbs)) in groups {
        let row = vec![
            Cell::from(speaker),
            Cell::from(group),
            Cell::from(refs.len()),
            Cell::from(verb_list(verbs)),
            Cell::from(id_list(&refs)),
        ];
        table.push(row, refs);
    }
    table.sort_by_text(2);
    table
}

/// One row per target, group value and descriptor text: every phrase used for each person,
/// side by side per outlet, with how often and where. Texts that differ only in case or
/// spacing count as one, shown as first seen. The target is the descriptor's `target`
/// attribute, else the text of the span a relation links it to.
pub fn descriptors(project: &Project, filter: &Filter, by: &GroupBy) -> Table {
    let filter = Filter {
        labels: Default::default(),
        ..filter.clone()
    };
    // Targets and group values are numbered as first seen, so each descriptor costs one
    // hash lookup and one lower-cased copy of its text rather than three strings compared
    // in an ordered map (3 s for 190,000 descriptors of 10,000 articles).
    let mut targets = Interned::default();
    let mut group_values = Interned::default();
    let mut index: HashMap<(usize, usize, String), usize> = HashMap::new();
    // (target, group, text as first seen, its spans), in order of first appearance.
    let mut rows: Vec<DescriptorRow> = Vec::new();
    let mut current: Option<(DocId, usize)> = None;
    let mut by_id = SpansById::default();
    for (doc, span) in filter.spans(project).filter(|(_, s)| s.label == DESCRIPTOR) {
        let group = match current {
            Some((id, group)) if id == doc.id => group,
            _ => {
                let group = group_values.id(&by.value(doc));
                current = Some((doc.id, group));
                group
            }
        };
        let target: Cow<'_, str> = match attribute(span, "target") {
            Some(t) => Cow::Borrowed(t),
            None => by_id
                .of(doc)
                .linked_any(span)
                .map_or(Cow::Borrowed(UNKNOWN), joined_text),
        };
        let target = targets.id(&target);
        let joined = joined_text(span);
        let text = normalise(&joined);
        let r = SpanRef {
            doc: doc.id,
            span: span.id,
        };
        match index.entry((target, group, text.to_lowercase())) {
            Entry::Occupied(row) => rows[*row.get()].3.push(r),
            Entry::Vacant(row) => {
                row.insert(rows.len());
                rows.push((target, group, text.into_owned(), vec![r]));
            }
        }
    }
    drop(index);
    // Ordered by target, group and text ignoring case; where those are equal, by target,
    // group and lower-cased text as they are (the order of `Table::sort_by_text` on rows
    // made in that order).
    let lower_targets = targets.lower();
    let lower_groups = group_values.lower();
    let lower_texts: Vec<String> = rows.iter().map(|r| r.2.to_lowercase()).collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&rows[a], &rows[b]);
        (
            &lower_targets[ra.0],
            &lower_groups[ra.1],
            &lower_texts[a],
            &targets.names[ra.0],
            &group_values.names[ra.1],
        )
            .cmp(&(
                &lower_targets[rb.0],
                &lower_groups[rb.1],
                &lower_texts[b],
                &targets.names[rb.0],
                &group_values.names[rb.1],
            ))
    });
    let mut rows: Vec<Option<DescriptorRow>> = rows.into_iter().map(Some).collect();
    let mut table = Table::new(["target", by.name(), "descriptor", "count", "span_ids"]);
    for k in order {
        let Some((target, group, text, refs)) = rows[k].take() else {
            continue;
        };
        let row = vec![
            Cell::from(targets.names[target].as_str()),
            Cell::from(group_values.names[group].as_str()),
            Cell::from(text),
            Cell::from(refs.len()),
            Cell::from(id_list(&refs)),
        ];
        table.push(row, refs);
    }
    table
}

/// A descriptors row being gathered: target and group (numbered), the text as first
/// seen, its spans.
type DescriptorRow = (usize, usize, String, Vec<SpanRef>);

/// Strings numbered in order of first appearance.
#[derive(Default)]
struct Interned {
    ids: HashMap<String, usize>,
    names: Vec<String>,
}

impl Interned {
    fn id(&mut self, name: &str) -> usize {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        self.ids.insert(name.to_owned(), self.names.len());
        self.names.push(name.to_owned());
        self.names.len() - 1
    }

    /// Every name lower-cased, by id.
    fn lower(&self) -> Vec<String> {
        self.names.iter().map(|n| n.to_lowercase()).collect()
    }
}

/// The labelled text ([`Span::joined_text`]), borrowed where the span is one piece.
fn joined_text(span: &Span) -> Cow<'_, str> {
    if span.fragments.is_empty() {
        Cow::Borrowed(&span.text)
    } else {
        Cow::Owned(span.joined_text())
    }
}

/// One speaker's quotes in one group, and the reporting verbs with their counts.
type Speaker = (Vec<SpanRef>, BTreeMap<String, usize>);

/// A non-empty, trimmed attribute value.
pub(crate) fn attribute<'s>(span: &'s Span, name: &str) -> Option<&'s str> {
    span.attributes
        .get(name)
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
}

/// Spans labelled `label` linked to `span` by a relation in either direction.
pub(crate) fn linked<'d>(doc: &'d Document, span: &Span, label: &str) -> Vec<&'d Span> {
    doc.relations_of(span.id)
        .filter_map(|r| doc.span(if r.from == span.id { r.to } else { r.from }))
        .filter(|s| s.label == label)
        .collect()
}

/// One document's spans by id, made when an analysis first needs a span of it by id:
/// [`Document::span`] reads through the document's spans, which for every quote and
/// descriptor of 10,000 articles was most of the work.
#[derive(Default)]
struct SpansById<'d> {
    doc: Option<&'d Document>,
    /// (id, position in `doc.spans`), sorted by id; the first of equal ids first.
    ids: Vec<(SpanId, usize)>,
}

impl<'d> SpansById<'d> {
    /// The index of `doc`, made again when the previous call was for another document.
    fn of(&mut self, doc: &'d Document) -> &Self {
        if !self.doc.is_some_and(|d| std::ptr::eq(d, doc)) {
            self.doc = Some(doc);
            self.ids.clear();
            self.ids
                .extend(doc.spans.iter().enumerate().map(|(i, s)| (s.id, i)));
            self.ids.sort_unstable();
        }
        self
    }

    /// The span with this id, as [`Document::span`] finds it.
    fn span(&self, id: SpanId) -> Option<&'d Span> {
        let doc = self.doc?;
        let at = self.ids.partition_point(|(i, _)| *i < id);
        match self.ids.get(at) {
            Some(&(i, k)) if i == id => doc.spans.get(k),
            _ => None,
        }
    }

    /// Spans labelled `label` linked to `span` by a relation in either direction, as
    /// [`linked`] finds them.
    fn linked(&self, span: &Span, label: &str) -> Vec<&'d Span> {
        let Some(doc) = self.doc else {
            return Vec::new();
        };
        doc.relations_of(span.id)
            .filter_map(|r| self.span(if r.from == span.id { r.to } else { r.from }))
            .filter(|s| s.label == label)
            .collect()
    }

    /// The first span `span` points to with a relation.
    fn linked_any(&self, span: &Span) -> Option<&'d Span> {
        self.doc?
            .relations
            .iter()
            .find(|r| r.from == span.id)
            .and_then(|r| self.span(r.to))
    }
}

/// Whitespace runs collapsed to one space, ends trimmed; borrowed when it already is.
fn normalise(text: &str) -> Cow<'_, str> {
    let mut previous_space = true;
    let tidy = text.chars().all(|c| {
        let ok = if c.is_whitespace() {
            c == ' ' && !previous_space
        } else {
            true
        };
        previous_space = c.is_whitespace();
        ok
    }) && !previous_space;
    if tidy || text.is_empty() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// "said ×2, claimed" — most used first, then alphabetical.
fn verb_list(verbs: BTreeMap<String, usize>) -> String {
    let mut v: Vec<(String, usize)> = verbs.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.iter()
        .map(|(verb, n)| {
            if *n == 1 {
                verb.clone()
            } else {
                format!("{verb} ×{n}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Span ids separated by spaces, for finding the spans in an export.
pub(super) fn id_list(refs: &[SpanRef]) -> String {
    let mut out = String::with_capacity(refs.len() * 8);
    for (i, r) in refs.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{}", r.span);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture;

    #[test]
    fn spans_by_id_find_what_the_document_finds() {
        let mut p = fixture::project();
        for doc in &mut p.documents {
            doc.spans.reverse();
        }
        let mut index = SpansById::default();
        let mut compared = 0;
        for doc in &p.documents {
            let ids = doc
                .spans
                .iter()
                .map(|s| s.id)
                .chain([SpanId(0), SpanId(9999)]);
            for id in ids {
                let found = index.of(doc).span(id);
                assert_eq!(
                    found.map(|s| s as *const Span),
                    doc.span(id).map(|s| s as *const Span)
                );
            }
            for span in &doc.spans {
                for label in [QUOTE, ATTRIBUTION, DESCRIPTOR] {
                    let ours: Vec<SpanId> = index
                        .of(doc)
                        .linked(span, label)
                        .iter()
                        .map(|s| s.id)
                        .collect();
                    let theirs: Vec<SpanId> =
                        linked(doc, span, label).iter().map(|s| s.id).collect();
                    compared += theirs.len();
                    assert_eq!(ours, theirs);
                }
                let first = doc
                    .relations
                    .iter()
                    .find(|r| r.from == span.id)
                    .and_then(|r| doc.span(r.to));
                assert_eq!(
                    index.of(doc).linked_any(span).map(|s| s.id),
                    first.map(|s| s.id)
                );
            }
        }
        assert!(compared > 0, "the fixture links spans");
    }

    #[test]
    fn speakers_and_verbs_per_outlet() {
        let p = fixture::project();
        let t = who_is_quoted(&p, &Filter::default(), &GroupBy::Outlet);
        assert_eq!(
            t.to_csv(),
            "speaker,outlet,quotes,reporting_verbs,span_ids\n\
             ministry source,Daily Bulwark,1,claimed,2004\n\
             Papadaki,Daily Bulwark,1,branded,2003\n\
             Papadaki,Northgate Radio,1,said,1005\n\
             Ward,Northgate Radio,1,told,1001\n"
        );
        assert_eq!(t.sources[2][0].doc.0, 1);
    }

    #[test]
    fn descriptors_grouped_by_target_and_outlet() {
        let p = fixture::project();
        let t = descriptors(&p, &Filter::default(), &GroupBy::Outlet);
        assert_eq!(
            t.to_csv(),
            "target,outlet,descriptor,count,span_ids\n\
             Papadaki,Daily Bulwark,Hard-left mayor,1,2001\n\
             Papadaki,Daily Bulwark,the firebrand mayor,1,2006\n\
             Papadaki,Northgate Radio,The city’s first woman mayor,1,1003\n"
        );
    }

    #[test]
    fn verbs_are_counted_most_used_first() {
        let verbs = [("said".to_owned(), 1), ("claimed".to_owned(), 3)].into();
        assert_eq!(verb_list(verbs), "claimed ×3, said");
    }
}
