//! Intercoder agreement of a merged project (see [`merge`](mod@super::merge)), per label and
//! overall, as a table a methods section can cite.
//!
//! Token-level coefficients treat each whitespace-separated token (or each non-space code
//! point, with [`Unit::CodePoint`]) as a unit. For one label, a coder's value for a token
//! is whether one of their spans with that label covers any of its code points (yes/no).
//! Overall, the value is the set of labels covering the token ("none" when empty), one
//! nominal category per combination. Unitizing alpha works on code points, directly on the
//! span boundaries, with the documents laid end to end as one continuum. Span-level F1
//! compares each pair of coders' spans: exact (same label, same pieces) or overlap (same
//! label, sharing a code point), averaged over pairs.
//!
//! Coders are the annotators of the project's spans, except [`GOLD`]. A coder counts as
//! having coded a document if it is listed in the document's `coders` field (written by
//! merge) or has a span in it; documents coded by fewer than two coders are left out, and
//! Fleiss' kappa, unitizing alpha and F1 use only documents every coder coded.

use super::merge::document_coders;
use super::reliability::{
    cohen_kappa, fleiss_kappa, krippendorff_alpha_nominal, unitizing_disagreement,
};
use super::table::{Cell, Table};
use crate::model::{Document, Project};
use std::collections::BTreeSet;

/// The annotator of the adjudicated layer, left out of agreement.
pub const GOLD: &str = "gold";

/// What a token-level unit is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Unit {
    /// A maximal run of non-whitespace code points.
    #[default]
    Token,
    /// One non-whitespace code point.
    CodePoint,
}

impl Unit {
    /// Unit ranges (code points) of `text`.
    pub fn units(self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        let mut i = 0;
        for c in text.chars() {
            if c.is_whitespace() {
                if let Some(s) = start.take() {
                    out.push((s, i));
                }
            } else if self == Unit::CodePoint {
                out.push((i, i + 1));
            } else if start.is_none() {
                start = Some(i);
            }
            i += 1;
        }
        if let Some(s) = start {
            out.push((s, i));
        }
        out
    }
}

/// Coders of the project: every span annotator and listed coder, except [`GOLD`] and
/// spans without an annotator, sorted.
pub fn coders(project: &Project) -> Vec<String> {
    let set: BTreeSet<String> = project
        .documents
        .iter()
        .flat_map(document_coders)
        .chain(
            project
                .documents
                .iter()
                .flat_map(|d| d.spans.iter().map(|s| s.annotator.to_string())),
        )
        .filter(|c| c != GOLD && !c.is_empty())
        .collect();
    set.into_iter().collect()
}

/// The agreement table: an `(all labels)` row, and with `by_label` one row per label.
/// Columns: label, coders, units (tokens with two or more coders), cohen_kappa (two coders
/// only), fleiss_kappa, alpha_nominal, u_alpha, f1_exact, f1_overlap.
pub fn agreement(project: &Project, unit: Unit, by_label: bool) -> Table {
    let coders = coders(project);
    let docs: Vec<(&Document, Vec<bool>)> = project
        .documents
        .iter()
        .map(|d| {
            let listed = document_coders(d);
            let has: Vec<bool> = coders
                .iter()
                .map(|c| listed.contains(c) || d.spans.iter().any(|s| s.annotator == c))
                .collect();
            (d, has)
        })
        .filter(|(_, has)| has.iter().filter(|&&h| h).count() >= 2)
        .collect();
    let labels: Vec<&str> = project.labels.iter().map(|l| l.name.as_str()).collect();
    let mut table = Table::new([
        "label",
        "coders",
        "units",
        "cohen_kappa",
        "fleiss_kappa",
        "alpha_nominal",
        "u_alpha",
        "f1_exact",
        "f1_overlap",
    ]);
    let mut overall_u = (0.0, 0.0, false);
    let mut rows = Vec::new();
    let all = token_sets(&docs, &coders, unit, &labels);
    for (k, label) in labels.iter().enumerate() {
        let data: Vec<Vec<Option<bool>>> = all
            .iter()
            .map(|unit| {
                unit.iter()
                    .map(|v| v.as_ref().map(|set| set.contains(&k)))
                    .collect()
            })
            .collect();
        let u = unitizing(&docs, &coders, label);
        if let Some((o, e)) = u {
            overall_u.0 += o;
            overall_u.1 += e;
            overall_u.2 = true;
        }
        let u_alpha = u.and_then(|(o, e)| (e > 0.0).then(|| 1.0 - o / e));
        rows.push(row(
            label,
            &coders,
            &data,
            u_alpha,
            f1(&docs, &coders, Some(label)),
        ));
    }
    let u_all = (overall_u.2 && overall_u.1 > 0.0).then(|| 1.0 - overall_u.0 / overall_u.1);
    table.push(
        row(
            "(all labels)",
            &coders,
            &all,
            u_all,
            f1(&docs, &coders, None),
        ),
        Vec::new(),
    );
    if by_label {
        for r in rows {
            table.push(r, Vec::new());
        }
    }
    table
}

/// The `(all labels)` agreement of each document on its own, one row per document coded
/// by two or more coders (first column `document`: id and title), to find the articles
/// coders read differently.
pub fn agreement_by_document(project: &Project, unit: Unit) -> Table {
    let mut table = Table::default();
    let mut base = project.clone();
    base.documents.clear();
    for doc in &project.documents {
        let mut one = base.clone();
        one.documents.push(doc.clone());
        let t = agreement(&one, unit, false);
        if table.header.is_empty() {
            table = Table::new(t.header.iter().cloned());
            table.header[0] = "document".to_owned();
        }
        let units = t.column("units").and_then(|c| t.rows[0][c].value());
        if units.is_some_and(|n| n > 0.0) {
            let mut row = t.rows[0].clone();
            row[0] = Cell::from(format!("{} {}", doc.id, doc.title));
            table.push(row, Vec::new());
        }
    }
    table
}

type Data = Vec<Vec<Option<Vec<usize>>>>;

fn row<V: Ord + Clone>(
    label: &str,
    coders: &[String],
    data: &[Vec<Option<V>>],
    u_alpha: Option<f64>,
    f1: (Option<f64>, Option<f64>),
) -> Vec<Cell> {
    let units = data
        .iter()
        .filter(|u| u.iter().flatten().count() >= 2)
        .count();
    let cohen = (coders.len() == 2).then(|| {
        let pairs: Vec<(V, V)> = data
            .iter()
            .filter_map(|u| Some((u[0].clone()?, u[1].clone()?)))
            .collect();
        cohen_kappa(&pairs)
    });
    vec![
        Cell::from(label),
        Cell::from(coders.len()),
        Cell::from(units),
        Cell::from(cohen.flatten()),
        Cell::from(fleiss_kappa(data)),
        Cell::from(krippendorff_alpha_nominal(data)),
        Cell::from(u_alpha),
        Cell::from(f1.0),
        Cell::from(f1.1),
    ]
}

/// Units × coders: the labels (indices into `labels`, sorted) of each coder's spans
/// covering the unit, or `None` where the coder did not code the document.
fn token_sets(
    docs: &[(&Document, Vec<bool>)],
    coders: &[String],
    unit: Unit,
    labels: &[&str],
) -> Data {
    let mut out = Vec::new();
    for (doc, has) in docs {
        let units = unit.units(doc.text.as_str());
        let mut sets: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); units.len()]; coders.len()];
        for span in &doc.spans {
            let Some(k) = coders.iter().position(|c| *c == span.annotator) else {
                continue;
            };
            let Some(l) = labels.iter().position(|l| *l == span.label) else {
                continue;
            };
            for (a, b) in span.pieces() {
                let first = units.partition_point(|u| u.1 <= a);
                for (j, _) in units
                    .iter()
                    .enumerate()
                    .skip(first)
                    .take_while(|(_, u)| u.0 < b)
                {
                    sets[k][j].push(l);
                }
            }
        }
        for set in sets.iter_mut().flatten() {
            set.sort_unstable();
            set.dedup();
        }
        out.extend((0..units.len()).map(|j| {
            sets.iter()
                .zip(has)
                .map(|(coder, &h)| h.then(|| coder[j].clone()))
                .collect::<Vec<_>>()
        }));
    }
    out
}

/// Observed and expected unitizing disagreement for one label,
/// over the documents every coder coded, laid end to end.
fn unitizing(
    docs: &[(&Document, Vec<bool>)],
    coders: &[String],
    label: &str,
) -> Option<(f64, f64)> {
    let mut units: Vec<Vec<(usize, usize)>> = vec![Vec::new(); coders.len()];
    let mut offset = 0;
    for (doc, _) in docs.iter().filter(|(_, has)| has.iter().all(|&h| h)) {
        for (k, c) in coders.iter().enumerate() {
            for s in doc
                .spans
                .iter()
                .filter(|s| s.annotator == c && s.label == label)
            {
                units[k].extend(
                    s.pieces()
                        .into_iter()
                        .map(|(a, b)| (offset + a, offset + b)),
                );
            }
        }
        offset += doc.text.len_chars();
    }
    unitizing_disagreement(offset, &units)
}

/// Mean pairwise span F1, exact and overlapping, over documents every coder coded.
fn f1(
    docs: &[(&Document, Vec<bool>)],
    coders: &[String],
    label: Option<&str>,
) -> (Option<f64>, Option<f64>) {
    let mut exact = Vec::new();
    let mut overlap = Vec::new();
    for i in 0..coders.len() {
        for j in i + 1..coders.len() {
            let (mut matched_exact, mut a_hit, mut b_hit, mut a_n, mut b_n) =
                (0usize, 0usize, 0usize, 0usize, 0usize);
            for (doc, _) in docs.iter().filter(|(_, has)| has.iter().all(|&h| h)) {
                // (label, pieces) of each span, computed once per document.
                let pick = |c: &String| -> Vec<(&str, Vec<(usize, usize)>)> {
                    doc.spans
                        .iter()
                        .filter(|s| s.annotator == c && label.is_none_or(|l| s.label == l))
                        .map(|s| (s.label.as_str(), s.pieces()))
                        .collect()
                };
                let (a, b) = (pick(&coders[i]), pick(&coders[j]));
                a_n += a.len();
                b_n += b.len();
                let touch = |x: &(&str, Vec<(usize, usize)>), y: &(&str, Vec<(usize, usize)>)| {
                    x.0 == y.0
                        && x.1
                            .iter()
                            .any(|&(s, e)| y.1.iter().any(|&(t, u)| s < u && t < e))
                };
                let mut used = vec![false; b.len()];
                for x in &a {
                    if let Some(k) = (0..b.len()).find(|&k| !used[k] && *x == b[k]) {
                        used[k] = true;
                        matched_exact += 1;
                    }
                }
                a_hit += a.iter().filter(|x| b.iter().any(|y| touch(x, y))).count();
                b_hit += b.iter().filter(|y| a.iter().any(|x| touch(x, y))).count();
            }
            if a_n + b_n > 0 {
                exact.push(2.0 * to_f(matched_exact) / to_f(a_n + b_n));
                let recall = if a_n > 0 {
                    to_f(a_hit) / to_f(a_n)
                } else {
                    0.0
                };
                let precision = if b_n > 0 {
                    to_f(b_hit) / to_f(b_n)
                } else {
                    0.0
                };
                overlap.push(if precision + recall > 0.0 {
                    2.0 * precision * recall / (precision + recall)
                } else {
                    0.0
                });
            }
        }
    }
    (mean(&exact), mean(&overlap))
}

#[allow(clippy::cast_precision_loss)]
fn to_f(n: usize) -> f64 {
    n as f64
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / to_f(v.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::merge::{MergeSource, merge};
    use crate::model::{DocId, Span, SpanId};

    /// Two coders on "a b c d e f g h i j": A labels quote "a b c", B quote "b c d"; both
    /// label "h" a descriptor.
    pub(crate) fn two_coders() -> Project {
        let coder = |who: &str, quote: (usize, usize)| {
            let mut p = Project::new(who);
            let mut d = Document::new(DocId(1), "letters", "a b c d e f g h i j");
            for (id, label, (s, e)) in [(1, "quote", quote), (2, "descriptor", (14, 15))] {
                d.spans.push(Span {
                    id: SpanId(id),
                    label: label.into(),
                    start: s,
                    end: e,
                    text: d.text.slice(s..e).unwrap_or_default().to_owned(),
                    ..Span::default()
                });
            }
            d.spans.sort_by_key(Span::order_key);
            p.documents.push(d);
            MergeSource {
                fallback: who.into(),
                project: p,
            }
        };
        merge("m", &[coder("A", (0, 5)), coder("B", (2, 7))]).project
    }

    fn number(t: &Table, row: usize, column: &str) -> Option<f64> {
        t.column(column).and_then(|c| t.rows[row][c].value())
    }

    #[test]
    fn token_agreement_matches_hand_computation_and_the_python_package() {
        let t = agreement(&two_coders(), Unit::Token, true);
        let rows: Vec<String> = t.rows.iter().map(|r| r[0].text()).collect();
        assert_eq!(
            rows,
            [
                "(all labels)",
                "quote",
                "claim",
                "descriptor",
                "attribution"
            ]
        );
        let close = |row, column, expected: f64| {
            let v = number(&t, row, column).expect(column);
            assert!(
                (v - expected).abs() < 1e-12,
                "{column}: {v} is not {expected}"
            );
        };
        // quote, by hand: p_o = 8/10, p_e = .3·.3 + .7·.7 = .58, κ = .22/.42 = 11/21.
        close(1, "cohen_kappa", 11.0 / 21.0);
        // α = 1 − (n − 1)·D/E = 1 − 19·4/(20² − 6² − 14²) = 23/42; the Python
        // `krippendorff` package (0.9.0) gives 0.5476190476190477 for rows A, B.
        close(1, "alpha_nominal", 0.547_619_047_619_047_7);
        close(1, "f1_exact", 0.0);
        close(1, "f1_overlap", 1.0);
        // With two coders Fleiss' kappa is Scott's pi: pooled p(yes) = 6/20 = .3, so
        // p_e = .09 + .49 = .58 as for Cohen (equal marginals), π = 11/21.
        close(1, "fleiss_kappa", 11.0 / 21.0);
        // Overall, categories {quote}, {descriptor}, none: p_e = .09 + .01 + .36, κ = .34/.54;
        // the Python package gives α = 0.6481481481481481.
        close(0, "cohen_kappa", 0.34 / 0.54);
        close(0, "alpha_nominal", 0.648_148_148_148_148_1);
        close(3, "alpha_nominal", 1.0);
        close(3, "u_alpha", 1.0);
        let u = number(&t, 1, "u_alpha").expect("u_alpha");
        assert!(u > 0.0 && u < 1.0, "{u}");
        // Nobody used claim: no variation, so kappa and alpha are undefined.
        assert_eq!(number(&t, 2, "alpha_nominal"), None);
        assert_eq!(number(&t, 0, "units"), Some(10.0));
        assert_eq!(agreement(&two_coders(), Unit::Token, false).rows.len(), 1);
    }

    #[test]
    fn by_document_gives_one_row_per_coded_document() {
        let t = agreement_by_document(&two_coders(), Unit::Token);
        assert_eq!(t.header[0], "document");
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0][0].text(), "1 letters");
        let whole = agreement(&two_coders(), Unit::Token, false);
        assert_eq!(t.rows[0][1..], whole.rows[0][1..]);
    }

    #[test]
    fn code_point_units_skip_whitespace() {
        assert_eq!(Unit::CodePoint.units("ab c"), [(0, 1), (1, 2), (3, 4)]);
        assert_eq!(Unit::Token.units(" ab  c"), [(1, 3), (5, 6)]);
    }

    #[test]
    fn gold_is_not_a_coder() {
        let mut p = two_coders();
        p.documents[0].spans[0].annotator = GOLD.into();
        assert_eq!(coders(&p), ["A", "B"]);
    }
}
