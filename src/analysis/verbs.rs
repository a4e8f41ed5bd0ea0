//! Reporting verbs per outlet (and speaker): how often each verb introduces someone's
//! words, whether the lexicon calls it neutral ("said") or evaluative ("claimed",
//! "branded", "admitted"), and the share of evaluative verbs in each group — the framing
//! signal DOMAIN.md names first after counts.
//!
//! The verb is the `cue` attribute coders record (on attributions, and on quotes where a
//! codebook puts it there), matched by lemma with the project's lexicon
//! ([`Project::lexicon`]): "claims", "claimed", "has claimed" all count as *claim*. A cue
//! the lexicon does not know is listed as written (lower case) with the class
//! `unclassified`, so the researcher sees it and can add it to the lexicon.

use super::filter::{Filter, GroupBy};
use super::quoted::{UNKNOWN, attribute, id_list};
use super::table::{Cell, SpanRef, Table};
use crate::model::{Document, Project, Span, VerbClass, VerbDetail};
use std::collections::BTreeMap;

/// The class of a cue the lexicon does not know.
pub const UNCLASSIFIED: &str = "unclassified";

/// How the verbs table is broken down.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct VerbOptions {
    /// One set of rows per speaker within each group.
    pub per_speaker: bool,
    /// A `detail` column with Caldas-Coulthard's finer class.
    pub detail: bool,
}

/// A verb's classes as the table shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum VerbKind {
    /// In the lexicon, with its class and finer class.
    Known(VerbClass, Option<VerbDetail>),
    /// Not in the lexicon.
    Unclassified,
}

impl VerbKind {
    /// `neutral`, `evaluative` or `unclassified`.
    pub fn class_name(self) -> &'static str {
        match self {
            VerbKind::Known(class, _) => class.name(),
            VerbKind::Unclassified => UNCLASSIFIED,
        }
    }

    /// The finer class's name, `""` when the lexicon gives none, `unclassified` for an
    /// unknown verb.
    pub fn detail_name(self) -> &'static str {
        match self {
            VerbKind::Known(_, Some(detail)) => detail.name(),
            VerbKind::Known(_, None) => "",
            VerbKind::Unclassified => UNCLASSIFIED,
        }
    }
}

/// One verb in one group: its class and the spans that used it.
struct VerbUse {
    kind: VerbKind,
    spans: Vec<SpanRef>,
}

/// One row per group value (and speaker, with `per_speaker`) and verb: the verb's lemma
/// (or the cue as written when the lexicon lacks it), its class, how many spans used it,
/// the share of evaluative verbs among the group's classified verbs (the same on each of
/// the group's rows; empty when the group has none), and the spans' ids. Rows are grouped,
/// most used verb first. The label filter does not apply: a verb counts on whatever span
/// carries the cue.
pub fn reporting_verbs(
    project: &Project,
    filter: &Filter,
    by: &GroupBy,
    options: VerbOptions,
) -> Table {
    let filter = Filter {
        labels: Default::default(),
        ..filter.clone()
    };
    let lexicon = project.lexicon();
    let index = lexicon.index();
    let mut groups: BTreeMap<(String, String), BTreeMap<String, VerbUse>> = BTreeMap::new();
    for (doc, span) in filter.spans(project) {
        let Some(cue) = attribute(span, "cue") else {
            continue;
        };
        let (verb, kind) = match index.lookup(cue).map(|i| &lexicon.verbs[i]) {
            Some(v) => (v.lemma.clone(), VerbKind::Known(v.class, v.detail)),
            None => (normalise(cue), VerbKind::Unclassified),
        };
        let speaker = if options.per_speaker {
            speaker_of(doc, span)
        } else {
            String::new()
        };
        let entry = groups
            .entry((by.value(doc), speaker))
            .or_default()
            .entry(verb)
            .or_insert_with(|| VerbUse {
                kind,
                spans: Vec::new(),
            });
        entry.spans.push(SpanRef {
            doc: doc.id,
            span: span.id,
        });
    }
    let mut table = Table::new(header(by, options));
    for ((group, speaker), verbs) in sorted_groups(groups) {
        let share = evaluative_share(&verbs);
        let mut verbs: Vec<(String, VerbUse)> = verbs.into_iter().collect();
        verbs.sort_by(|a, b| b.1.spans.len().cmp(&a.1.spans.len()).then(a.0.cmp(&b.0)));
        for (verb, used) in verbs {
            let mut row = vec![Cell::from(group.as_str())];
            if options.per_speaker {
                row.push(Cell::from(speaker.as_str()));
            }
            row.push(Cell::from(verb));
            row.push(Cell::from(used.kind.class_name()));
            if options.detail {
                row.push(Cell::from(used.kind.detail_name()));
            }
            row.push(Cell::from(used.spans.len()));
            row.push(Cell::from(share));
            row.push(Cell::from(id_list(&used.spans)));
            table.push(row, used.spans);
        }
    }
    table
}

fn header(by: &GroupBy, options: VerbOptions) -> Vec<&str> {
    let mut header = vec![by.name()];
    if options.per_speaker {
        header.push("speaker");
    }
    header.extend(["verb", "class"]);
    if options.detail {
        header.push("detail");
    }
    header.extend(["count", "evaluative_share", "span_ids"]);
    header
}

/// Groups in order, speakers ignoring case within each ("analysts" beside "Andreas").
fn sorted_groups<V>(groups: BTreeMap<(String, String), V>) -> Vec<((String, String), V)> {
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by_cached_key(|((g, s), _)| (g.to_lowercase(), s.to_lowercase()));
    groups
}

/// Evaluative verbs over classified verbs (neutral and evaluative); `None` without any.
fn evaluative_share(verbs: &BTreeMap<String, VerbUse>) -> Option<f64> {
    let count = |class: VerbClass| -> usize {
        verbs
            .values()
            .filter(|v| matches!(v.kind, VerbKind::Known(c, _) if c == class))
            .map(|v| v.spans.len())
            .sum()
    };
    let evaluative = count(VerbClass::Evaluative);
    let classified = evaluative + count(VerbClass::Neutral);
    // Counts of spans stay far below 2^53, where f64 is exact.
    #[allow(clippy::cast_precision_loss)]
    (classified > 0).then(|| evaluative as f64 / classified as f64)
}

/// Who the verb reports: the span's `source` or `speaker`, else that of a span linked to
/// it (the quote an attribution introduces, the attribution of a quote).
fn speaker_of(doc: &Document, span: &Span) -> String {
    fn own(s: &Span) -> Option<&str> {
        attribute(s, "source").or_else(|| attribute(s, "speaker"))
    }
    own(span)
        .or_else(|| {
            doc.relations_of(span.id)
                .filter_map(|r| doc.span(if r.from == span.id { r.to } else { r.from }))
                .find_map(own)
        })
        .unwrap_or(UNKNOWN)
        .to_owned()
}

/// Lower case, white space runs as one space.
fn normalise(cue: &str) -> String {
    cue.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture;
    use crate::model::{DocId, Document, Lexicon, ReportingVerb};

    #[test]
    fn verbs_per_outlet_with_class_and_evaluative_share() {
        let p = fixture::project();
        let t = reporting_verbs(
            &p,
            &Filter::default(),
            &GroupBy::Outlet,
            VerbOptions::default(),
        );
        assert_eq!(
            t.to_csv(),
            "outlet,verb,class,count,evaluative_share,span_ids\n\
             Daily Bulwark,brand,evaluative,1,1,2002\n\
             Daily Bulwark,claim,evaluative,1,1,2005\n\
             Northgate Radio,say,neutral,1,0,1004\n\
             Northgate Radio,tell,neutral,1,0,1002\n"
        );
        assert_eq!(t.sources[0][0].doc, DocId(2));
    }

    #[test]
    fn speakers_come_from_the_span_or_the_quote_it_introduces() {
        let p = fixture::project();
        let options = VerbOptions {
            per_speaker: true,
            detail: true,
        };
        let t = reporting_verbs(&p, &Filter::default(), &GroupBy::Outlet, options);
        assert_eq!(
            t.to_csv(),
            "outlet,speaker,verb,class,detail,count,evaluative_share,span_ids\n\
             Daily Bulwark,ministry source,claim,evaluative,assertive,1,1,2005\n\
             Daily Bulwark,Papadaki,brand,evaluative,metalinguistic,1,1,2002\n\
             Northgate Radio,Papadaki,say,neutral,structuring,1,0,1004\n\
             Northgate Radio,Ward,tell,neutral,structuring,1,0,1002\n"
        );
    }

    /// One outlet whose coders typed cues in every form: lemmas join, unknown verbs are
    /// listed as written and left out of the share.
    #[test]
    fn lemmas_join_and_unknown_verbs_are_unclassified() {
        let mut p = Project::new("Cues");
        let mut d = Document::new(
            DocId(1),
            "Forms",
            "Α claimed. Β claims. Γ has claimed. Δ said. Ε harrumphed. Ζ Harrumphed.",
        );
        d.metadata.outlet = "The Ledger".into();
        for (who, cue) in [
            ("Α", "claimed"),
            ("Β", "claims"),
            ("Γ", "has claimed"),
            ("Δ", "said"),
            ("Ε", "harrumphed"),
            ("Ζ", "Harrumphed"),
        ] {
            fixture::add(&mut d, "attribution", who, &[("cue", cue)], "ana");
        }
        p.documents.push(d);
        let options = VerbOptions::default();
        let t = reporting_verbs(&p, &Filter::default(), &GroupBy::Outlet, options);
        let csv = t.to_csv();
        assert!(csv.contains("The Ledger,claim,evaluative,3,0.75,"), "{csv}");
        assert!(
            csv.contains("The Ledger,harrumphed,unclassified,2,0.75,"),
            "{csv}"
        );
        assert!(csv.contains("The Ledger,say,neutral,1,0.75,"), "{csv}");

        // The team adds "harrumph" to its own lexicon: the two cues become one evaluative
        // verb.
        let mut own: Lexicon = Lexicon::english().clone();
        own.verbs.push(ReportingVerb {
            lemma: "harrumph".into(),
            class: VerbClass::Evaluative,
            detail: Some(VerbDetail::Descriptive),
            ..ReportingVerb::default()
        });
        p.lexicon = Some(own);
        let t = reporting_verbs(&p, &Filter::default(), &GroupBy::Outlet, options);
        let csv = t.to_csv();
        assert!(
            csv.contains("The Ledger,harrumph,evaluative,2,0.833"),
            "{csv}"
        );
        assert!(!csv.contains(UNCLASSIFIED), "{csv}");
    }

    #[test]
    fn a_group_without_classified_verbs_has_no_share() {
        let mut p = Project::new("Unknown only");
        let mut d = Document::new(DocId(1), "One", "Ω quipped.");
        fixture::add(&mut d, "attribution", "Ω", &[("cue", "zinged")], "");
        p.documents.push(d);
        let t = reporting_verbs(
            &p,
            &Filter::default(),
            &GroupBy::Outlet,
            VerbOptions::default(),
        );
        assert_eq!(t.rows[0][4], Cell::Number(None));
        assert_eq!(t.rows[0][2].text(), UNCLASSIFIED);
    }
}
