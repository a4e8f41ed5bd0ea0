//! How many spans of each label each outlet (or document, date, author…) has, and which
//! labels appear together in a paragraph: the first numbers a comparison of outlets needs.

use super::filter::{Filter, GroupBy};
use super::table::{Cell, SpanRef, Table};
use crate::model::{Project, Span};
use std::collections::{BTreeMap, BTreeSet};

/// Spans per label for each value of `by`: one row per value (sorted), one column per
/// label (codebook order), and a `total` column. Documents without a span still get a row
/// when grouping by document, so a document nobody coded shows as zeros.
pub fn label_counts(project: &Project, filter: &Filter, by: &GroupBy) -> Table {
    let labels = filter.labels(project);
    let mut table = Table::new(
        std::iter::once(by.name())
            .chain(labels.iter().copied())
            .chain(["total"]),
    );
    // Per group, the spans of each label.
    let mut groups: BTreeMap<String, Vec<Vec<SpanRef>>> = BTreeMap::new();
    for doc in project
        .documents
        .iter()
        .filter(|d| filter.accepts_document(d))
    {
        let entry = groups
            .entry(by.value(doc))
            .or_insert_with(|| vec![Vec::new(); labels.len()]);
        for span in doc.spans.iter().filter(|s| filter.accepts_span(s)) {
            if let Some(k) = labels.iter().position(|l| *l == span.label) {
                entry[k].push(SpanRef {
                    doc: doc.id,
                    span: span.id,
                });
            }
        }
    }
    for (value, per_label) in groups {
        let total: usize = per_label.iter().map(Vec::len).sum();
        let row = std::iter::once(Cell::from(value))
            .chain(per_label.iter().map(|s| Cell::from(s.len())))
            .chain([Cell::from(total)])
            .collect();
        let r = table.rows.len();
        let mut sources = Vec::with_capacity(total);
        for (k, spans) in per_label.into_iter().enumerate() {
            sources.extend_from_slice(&spans);
            table.cell_sources.insert((r, k + 1), spans);
        }
        sources.sort_unstable();
        table.push(row, sources);
    }
    table
}

/// In how many paragraphs (lines of text) each pair of labels occurs together. The row
/// and column of one label meet at the number of paragraphs holding that label at all. A
/// span crossing a line break counts in each paragraph it touches.
pub fn cooccurrence(project: &Project, filter: &Filter, within: Within) -> Table {
    let labels: Vec<String> = filter
        .labels(project)
        .into_iter()
        .map(str::to_owned)
        .collect();
    matrix_table(project, filter, within, "label", &labels, |s| {
        labels.iter().position(|l| *l == s.label)
    })
}

/// In how many paragraphs each pair of values of the attribute `name` occurs together —
/// speakers quoted side by side, stances next to each other. Spans without a value for it
/// do not count; values are the distinct trimmed values in use, sorted ignoring case.
pub fn attribute_cooccurrence(
    project: &Project,
    filter: &Filter,
    within: Within,
    name: &str,
) -> Table {
    let value = |s: &Span| {
        s.attributes
            .get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let mut values: Vec<String> = filter
        .spans(project)
        .filter_map(|(_, s)| value(s))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    values.sort_by_key(|v| v.to_lowercase());
    matrix_table(project, filter, within, name, &values, |s| {
        value(s).and_then(|v| values.iter().position(|x| *x == v))
    })
}

/// The paragraph co-occurrence matrix of `categories`, each accepted span in the category
/// `category` gives it (or none).
fn matrix_table(
    project: &Project,
    filter: &Filter,
    within: Within,
    first_column: &str,
    categories: &[String],
    category: impl Fn(&Span) -> Option<usize>,
) -> Table {
    let n = categories.len();
    let mut matrix = vec![vec![0usize; n]; n];
    let mut sources: Vec<Vec<SpanRef>> = vec![Vec::new(); n];
    // For each pair (a * n + b), the spans of either category in the units they share
    // (sorted and without repeats once every document is in). Flat tables, not maps: a
    // pair is looked up for every unit of every document.
    let mut pairs: Vec<Vec<SpanRef>> = vec![Vec::new(); n * n];
    // Per document: (unit, category, span) for every unit each span touches, found by
    // binary search in the units rather than by testing every span against every unit.
    let mut hits: Vec<(usize, usize, SpanRef)> = Vec::new();
    let mut present: Vec<Vec<SpanRef>> = vec![Vec::new(); n];
    let mut cats: Vec<usize> = Vec::new();
    let mut in_doc: Vec<Vec<SpanRef>> = vec![Vec::new(); n * n];
    for doc in project
        .documents
        .iter()
        .filter(|d| filter.accepts_document(d))
    {
        hits.clear();
        let mut doc_units = None;
        for span in doc.spans.iter().filter(|s| filter.accepts_span(s)) {
            let Some(k) = category(span) else { continue };
            let units: &[(usize, usize)] =
                doc_units.get_or_insert_with(|| within.units(doc.text.as_str()));
            let r = SpanRef {
                doc: doc.id,
                span: span.id,
            };
            let from = hits.len();
            let mut touch = |s: usize, e: usize| {
                let first = units.partition_point(|u| u.1 <= s);
                for (u, &(start, end)) in units.iter().enumerate().skip(first) {
                    if start >= e {
                        break;
                    }
                    if s < end && start < e {
                        hits.push((u, k, r));
                    }
                }
            };
            if span.fragments.is_empty() {
                touch(span.start, span.end);
            } else {
                for f in &span.fragments {
                    touch(f.start, f.end);
                }
            }
            // A span counts once in a unit, however many of its fragments lie there.
            if span.fragments.len() > 1 {
                hits[from..].sort_unstable_by_key(|h| h.0);
                let mut kept = from;
                for i in from..hits.len() {
                    if kept == from || hits[kept - 1].0 != hits[i].0 {
                        hits[kept] = hits[i];
                        kept += 1;
                    }
                }
                hits.truncate(kept);
            }
        }
        // Spans in document order within each unit, as the units were gone through.
        hits.sort_by_key(|h| h.0);
        for unit in hits.chunk_by(|a, b| a.0 == b.0) {
            cats.clear();
            for &(_, k, r) in unit {
                if present[k].is_empty() {
                    cats.push(k);
                }
                present[k].push(r);
                sources[k].push(r);
            }
            for &a in &cats {
                for &b in &cats {
                    matrix[a][b] += 1;
                    in_doc[a * n + b].extend(present[a].iter().chain(&present[b]).copied());
                }
            }
            for &k in &cats {
                present[k].clear();
            }
        }
        for (spans, all) in in_doc.iter_mut().zip(&mut pairs) {
            spans.sort_unstable();
            spans.dedup();
            all.append(spans);
        }
    }
    let mut table =
        Table::new(std::iter::once(first_column).chain(categories.iter().map(String::as_str)));
    for (k, name) in categories.iter().enumerate() {
        let row = std::iter::once(Cell::from(name.as_str()))
            .chain(matrix[k].iter().map(|&n| Cell::from(n)))
            .collect();
        let mut refs = std::mem::take(&mut sources[k]);
        refs.sort_unstable();
        refs.dedup();
        table.push(row, refs);
    }
    for (pair, mut spans) in pairs.into_iter().enumerate() {
        // Only pairs that occur together somewhere have a cell's spans, as before.
        if spans.is_empty() {
            continue;
        }
        spans.sort_unstable();
        spans.dedup();
        table.cell_sources.insert((pair / n, pair % n + 1), spans);
    }
    table
}

/// The stretch of text within which labels count as occurring together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Within {
    /// A non-empty line.
    #[default]
    Paragraph,
    /// A sentence: up to `.`, `!` or `?` (and any closing quotes or brackets after it)
    /// followed by a space, or a line end. A simple rule: "Mr. Ward" ends a sentence.
    Sentence,
}

impl Within {
    /// Code point ranges of the paragraphs or sentences of `text`.
    pub fn units(self, text: &str) -> Vec<(usize, usize)> {
        match self {
            Within::Paragraph => paragraphs(text),
            Within::Sentence => sentences(text),
        }
    }
}

/// Code point ranges of the sentences of `text` (see [`Within::Sentence`]), without
/// leading whitespace.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let push = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
        let lead = chars[s..e].iter().take_while(|c| c.is_whitespace()).count();
        if s + lead < e {
            out.push((s + lead, e));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            push(start, i, &mut out);
            start = i + 1;
        } else if matches!(c, '.' | '!' | '?') {
            let mut end = i + 1;
            while end < chars.len()
                && matches!(chars[end], '”' | '’' | '"' | '\'' | ')' | ']' | '»')
            {
                end += 1;
            }
            if end == chars.len() || chars[end].is_whitespace() {
                push(start, end, &mut out);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(start, chars.len(), &mut out);
    out
}

/// Code point ranges of the non-empty lines of `text`.
pub fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let len = line.chars().count();
        if !line.trim().is_empty() {
            out.push((start, start + len));
        }
        start += len + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture;

    #[test]
    fn counts_by_outlet_match_a_hand_count() {
        let p = fixture::project();
        let t = label_counts(&p, &Filter::default(), &GroupBy::Outlet);
        assert_eq!(
            t.header,
            [
                "outlet",
                "quote",
                "claim",
                "descriptor",
                "attribution",
                "total"
            ]
        );
        let csv = t.to_csv();
        assert_eq!(
            csv,
            "outlet,quote,claim,descriptor,attribution,total\n\
             Daily Bulwark,2,0,2,2,6\n\
             Northgate Radio,2,1,1,2,6\n"
        );
    }

    #[test]
    fn filters_by_label_annotator_and_date() {
        let p = fixture::project();
        let filter = Filter {
            labels: ["quote".to_owned()].into(),
            annotators: ["ana".to_owned()].into(),
            date_to: Some("2026-05-04".into()),
            ..Filter::default()
        };
        let t = label_counts(&p, &filter, &GroupBy::Document);
        assert_eq!(t.to_csv(), "document,quote,total\n1 Bridge row,1,1\n");
        assert_eq!(t.sources[0].len(), 1);
    }

    #[test]
    fn cooccurrence_counts_paragraphs() {
        let p = fixture::project();
        let t = cooccurrence(&p, &Filter::default(), Within::Paragraph);
        let row = |label: &str| {
            let r = t
                .rows
                .iter()
                .find(|r| r[0] == Cell::from(label))
                .expect("row");
            r.iter()
                .skip(1)
                .map(Cell::text)
                .collect::<Vec<_>>()
                .join(",")
        };
        // quote, claim, descriptor, attribution
        assert_eq!(row("quote"), "4,0,3,4");
        assert_eq!(row("claim"), "0,1,0,0");
        // Each cell's spans: those of either label in the paragraphs holding both, found
        // the slow way.
        let labels = ["quote", "claim", "descriptor", "attribution"];
        let mut cells_with_spans = 0;
        for (r, a) in labels.iter().enumerate() {
            assert_eq!(t.rows[r][0], Cell::from(*a), "rows in codebook order");
            for (c, b) in labels.iter().enumerate() {
                let mut want = Vec::new();
                for doc in &p.documents {
                    for (start, end) in paragraphs(doc.text.as_str()) {
                        let touches = |s: &Span| {
                            let pieces: Vec<(usize, usize)> = if s.fragments.is_empty() {
                                vec![(s.start, s.end)]
                            } else {
                                s.fragments.iter().map(|f| (f.start, f.end)).collect()
                            };
                            pieces.iter().any(|&(ps, pe)| ps < end && start < pe)
                        };
                        let inside: Vec<&Span> = doc.spans.iter().filter(|s| touches(s)).collect();
                        let has = |l: &str| inside.iter().any(|s| s.label == l);
                        if has(a) && has(b) {
                            want.extend(
                                inside
                                    .iter()
                                    .filter(|s| s.label == *a || s.label == *b)
                                    .map(|s| SpanRef {
                                        doc: doc.id,
                                        span: s.id,
                                    }),
                            );
                        }
                    }
                }
                want.sort_unstable();
                want.dedup();
                cells_with_spans += usize::from(!want.is_empty());
                // (A pair never together has no spans of its own: the cell shows its row's.)
                let own = t
                    .cell_sources
                    .get(&(r, c + 1))
                    .map_or(&[][..], Vec::as_slice);
                assert_eq!(own, want.as_slice(), "{a} × {b}");
            }
        }
        assert!(cells_with_spans >= 4, "{cells_with_spans}");
    }

    #[test]
    fn speakers_quoted_in_the_same_paragraph() {
        let p = fixture::project();
        let t = attribute_cooccurrence(&p, &Filter::default(), Within::Paragraph, "speaker");
        assert_eq!(
            t.to_csv(),
            "speaker,ministry source,Papadaki,Ward\n\
             ministry source,1,0,0\n\
             Papadaki,0,1,0\n\
             Ward,0,0,1\n"
        );
        let t = attribute_cooccurrence(&p, &Filter::default(), Within::Paragraph, "target");
        assert_eq!(t.to_csv(), "target,Papadaki\nPapadaki,3\n");
    }

    #[test]
    fn sentences_end_at_stops_after_closing_quotes() {
        let text = "“It is unsafe.” He left! Did he?\nNo 3.5 km. ";
        let got: Vec<String> = sentences(text)
            .into_iter()
            .map(|(s, e)| text.chars().skip(s).take(e - s).collect())
            .collect();
        assert_eq!(
            got,
            ["“It is unsafe.”", "He left!", "Did he?", "No 3.5 km."]
        );
        let p = fixture::project();
        let t = cooccurrence(&p, &Filter::default(), Within::Sentence);
        let quote = t
            .rows
            .iter()
            .find(|r| r[0] == Cell::from("quote"))
            .expect("quote");
        // Every line of the fixture is one sentence, so the counts equal the paragraphs'.
        assert_eq!(quote[1], Cell::from(4usize));
    }

    #[test]
    fn paragraphs_skip_blank_lines() {
        assert_eq!(paragraphs("ab\n\ncd\n"), [(0, 2), (4, 6)]);
    }
}
