//! The grouping of the invented ferry story (`fixture.rs`), worked out by hand, and how
//! corrections survive grouping again.

use super::fixture::{self, ids::*};
use super::marks::{Mark, marks};
use super::*;
use crate::model::{Document, Edit, History, Span, VersionKind::*};

/// A statement as `(speaker, [(span, kind)], absent documents)`.
type Summary = (String, Vec<(SpanId, VersionKind)>, Vec<u32>);

/// Each statement, summed up.
fn summary(a: &Alignment) -> Vec<Summary> {
    a.statements
        .iter()
        .map(|s| {
            (
                s.speaker.clone(),
                s.versions.iter().map(|v| (v.span, v.kind)).collect(),
                a.absent(s).iter().map(|d| d.0).collect(),
            )
        })
        .collect()
}

fn expected() -> Vec<Summary> {
    vec![
        (
            "Brandvold".into(),
            vec![
                (COURIER_FERRY, Whole),
                (LEDGER_FERRY, Whole),
                (FM_FERRY, Paraphrase),
                (TRIBUNE_FERRY, Cut),
            ],
            vec![],
        ),
        (
            "Ilse Brandvold".into(),
            vec![(COURIER_OFFICE, Whole)],
            vec![2, 3, 4],
        ),
        (
            "Tomas Ferreira".into(),
            vec![
                (COURIER_BETRAYAL, Whole),
                (LEDGER_BETRAYAL, Cut),
                (FM_BETRAYAL, Paraphrase),
                (TRIBUNE_BETRAYAL, Cut),
            ],
            vec![],
        ),
        (
            "Ferreira".into(),
            vec![(TRIBUNE_PIER, Whole)],
            vec![1, 2, 3],
        ),
    ]
}

#[test]
fn the_story_groups_into_its_four_statements_with_their_kinds() {
    let p = fixture::project();
    let a = align(&p, &Options::default());
    assert_eq!(a.quotes, 10);
    assert_eq!(summary(&a), expected());
    let ids: Vec<u32> = a.statements.iter().map(|s| s.id.0).collect();
    assert_eq!(ids, [1, 2, 3, 4]);
    assert!(a.statements.iter().all(|s| !s.saved && s.has_proposals()));
    // The fullest versions: the Courier's, first of two equally full ones for the ferry.
    assert_eq!(a.statements[0].fullest().span, COURIER_FERRY);
    assert_eq!(a.statements[2].fullest().span, COURIER_BETRAYAL);
}

#[test]
fn similarity_is_the_share_of_words_printed_or_of_content_words() {
    let p = fixture::project();
    let a = align(&p, &Options::default());
    let sim = |span| {
        a.statement_of(span)
            .and_then(|s| s.version(span))
            .map(|v| v.similarity)
    };
    assert_eq!(sim(LEDGER_FERRY), Some(1.0));
    // 13 of the 20 words: "we are not closing the ferry for good … while the pier is rebuilt".
    assert_eq!(sim(TRIBUNE_FERRY), Some(0.65));
    // 10 of 22: "a stone cold betrayal of every family on the island".
    assert_eq!(sim(LEDGER_BETRAYAL), Some(0.455));
    let fm = sim(FM_FERRY).expect("paraphrase");
    assert!((PARAPHRASE_SIMILARITY..1.0).contains(&fm), "{fm}");
}

#[test]
fn reporting_verbs_and_speakers_come_from_the_attributions() {
    let p = fixture::project();
    let a = align(&p, &Options::default());
    let v = |span| {
        a.statement_of(span)
            .and_then(|s| s.version(span))
            .expect("version")
            .clone()
    };
    assert_eq!(v(TRIBUNE_FERRY).cue.as_deref(), Some("admitted"));
    // No `speaker` on the quote: the attribution's `source` names her.
    assert_eq!(v(FM_FERRY).speaker.as_deref(), Some("Brandvold"));
    assert_eq!(
        v(FM_FERRY).attribution.as_deref(),
        Some("Commissioner Brandvold said")
    );
    assert!(v(COURIER_FERRY).direct && !v(FM_FERRY).direct);
}

#[test]
fn documents_are_compared_within_the_groups_a_field_makes() {
    let mut p = fixture::project();
    let by_story = Options {
        by: Some(crate::analysis::GroupBy::Custom("story".into())),
        ..Options::default()
    };
    assert_eq!(summary(&align(&p, &by_story)), expected());
    // Put the Tribune in another story: its quotes form statements of their own, and
    // the other outlets are not compared with them (nor it with theirs).
    p.documents[3]
        .metadata
        .custom
        .insert("story".into(), "harbour office".into());
    let a = align(&p, &by_story);
    let tribune = a.statement_of(TRIBUNE_FERRY).expect("statement");
    assert_eq!(tribune.versions.len(), 1);
    assert!(a.absent(tribune).is_empty());
    let courier = a.statement_of(COURIER_FERRY).expect("statement");
    assert_eq!(courier.versions.len(), 3);
    assert_eq!(a.group_names, ["island ferry", "harbour office"]);
}

/// The statement `span` is a version of, and the version's index in it.
fn version_of(a: &Alignment, span: SpanId) -> (&AlignedStatement, usize) {
    let st = a.statement_of(span).expect("statement");
    let at = st
        .versions
        .iter()
        .position(|v| v.span == span)
        .expect("version");
    (st, at)
}

#[test]
fn words_left_out_are_struck_where_they_were_and_changed_words_underlined() {
    let p = fixture::project();
    let a = align(&p, &Options::default());
    let (st, at) = version_of(&a, TRIBUNE_BETRAYAL);
    let m = marks(&p, st, at);
    let shown: Vec<(Mark, &str)> = m.iter().map(|s| (s.mark, s.text.as_str())).collect();
    assert_eq!(
        shown,
        [
            (Mark::LeftOut, "This"),
            (Mark::Same, " "),
            (Mark::Changed, "It’s"),
            (Mark::Same, " a stone-cold betrayal "),
            (
                Mark::LeftOut,
                "of every family on the island and people won’t forget it at the ballot box"
            ),
        ]
    );
    let (st, at) = version_of(&a, TRIBUNE_FERRY);
    let left_out: Vec<String> = marks(&p, st, at)
        .into_iter()
        .filter(|s| s.mark == Mark::LeftOut)
        .map(|s| s.text)
        .collect();
    assert_eq!(left_out, ["we’re pausing it for twenty-five weeks"]);
}

/// Applies a correction as one step.
fn apply(
    p: &mut Project,
    h: &mut History,
    make: impl FnOnce(&Project) -> Option<correct::Correction>,
) {
    let c = make(p).expect("a correction");
    h.apply(p, c.description, c.edits).expect("applies");
}

#[test]
fn corrections_are_kept_when_the_quotes_are_grouped_again() {
    let mut p = fixture::project();
    let mut h = History::default();
    let a = align(&p, &Options::default());
    // The coder decides the FM paraphrase of the ferry statement is a statement of its
    // own, and that the Ledger's cut betrayal quote is whole enough.
    apply(&mut p, &mut h, |p| {
        correct::move_version(p, &a, FM_FERRY, None)
    });
    let a = align(&p, &Options::default());
    let fm = a.statement_of(FM_FERRY).expect("statement");
    assert_eq!((fm.id.0, fm.versions.len(), fm.saved), (5, 1, true));
    let ferry = a.statement_of(COURIER_FERRY).expect("statement");
    assert!(ferry.saved && ferry.version(FM_FERRY).is_none());
    let betrayal = a.statement_of(LEDGER_BETRAYAL).expect("statement").clone();
    apply(&mut p, &mut h, |p| {
        correct::set_kind(p, &betrayal, LEDGER_BETRAYAL, Some(Whole))
    });
    let a = align(&p, &Options::default());
    let v = a
        .statement_of(LEDGER_BETRAYAL)
        .and_then(|s| s.version(LEDGER_BETRAYAL))
        .expect("v");
    assert_eq!((v.kind, v.found_kind, v.kind_by_coder), (Whole, Cut, true));

    // A new article quoting the ferry statement: proposed for the saved statement.
    let mut d = Document::new(
        DocId(5),
        "Ferry news",
        "“We're not closing the ferry for good,” Brandvold said.",
    );
    d.metadata.outlet = "Island Post".into();
    let text = "We're not closing the ferry for good";
    let at = d.text.find(text, 1).expect("in text");
    let span = Span {
        id: SpanId(5001),
        label: "quote".into(),
        start: at.start,
        end: at.end,
        text: text.into(),
        attributes: [("speaker".to_owned(), "Brandvold".to_owned())].into(),
        ..Span::default()
    };
    d.spans.push(span);
    h.apply(
        &mut p,
        "add",
        vec![Edit::AddDocument {
            index: 4,
            document: Box::new(d),
        }],
    )
    .expect("add");
    let a = align(&p, &Options::default());
    let ferry = a.statement_of(SpanId(5001)).expect("statement");
    assert_eq!(ferry.id, a.statement_of(COURIER_FERRY).expect("s").id);
    let new = ferry.version(SpanId(5001)).expect("version");
    assert!(!new.confirmed && new.kind == Cut);
    assert!(ferry.version(FM_FERRY).is_none(), "the split stays split");

    // Undo every step: back to the automatic grouping.
    while h.undo(&mut p).expect("undo").is_some() {}
    assert!(p.statements.is_empty());
    assert_eq!(summary(&align(&p, &Options::default())), expected());
}

#[test]
fn merging_and_forgetting_statements() {
    let mut p = fixture::project();
    let mut h = History::default();
    let a = align(&p, &Options::default());
    let (office, ferry) = (StatementId(2), StatementId(1));
    apply(&mut p, &mut h, |p| correct::merge(p, &a, ferry, office));
    let a = align(&p, &Options::default());
    let st = a.statement(ferry).expect("merged");
    assert!(st.version(COURIER_OFFICE).is_some() && st.version(TRIBUNE_FERRY).is_some());
    assert_eq!(a.statements.len(), 3);
    assert_eq!(p.statements.len(), 1);
    apply(&mut p, &mut h, |p| correct::forget(p, st));
    assert!(p.statements.is_empty());
    assert_eq!(summary(&align(&p, &Options::default())), expected());
    let a = align(&p, &Options::default());
    apply(&mut p, &mut h, |p| correct::confirm_all(p, &a));
    assert_eq!(p.statements.len(), 4);
    assert!(correct::confirm_all(&p, &align(&p, &Options::default())).is_none());
    assert!(p.problems().is_empty() && p.warnings().is_empty());
}

#[test]
fn a_deleted_quote_leaves_its_saved_statement_quietly() {
    let mut p = fixture::project();
    let a = align(&p, &Options::default());
    let c = correct::confirm(&p, a.statement_of(TRIBUNE_PIER).expect("s")).expect("c");
    let mut h = History::default();
    h.apply(&mut p, c.description, c.edits).expect("confirm");
    let edits = p.remove_span_edits(DocId(4), TRIBUNE_PIER);
    h.apply(&mut p, "delete", edits).expect("delete");
    let a = align(&p, &Options::default());
    assert_eq!(a.statements.len(), 3);
    assert!(p.problems().is_empty());
}

#[test]
fn a_paraphrase_is_marked_with_the_content_words_it_shares() {
    let p = fixture::project();
    let a = align(&p, &Options::default());
    let (st, at) = version_of(&a, FM_FERRY);
    let m = marks(&p, st, at);
    let text: String = m.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        text, st.versions[at].text,
        "a paraphrase's own words, unchanged"
    );
    let shared: Vec<&str> = m
        .iter()
        .filter(|s| s.mark == Mark::Shared)
        .map(|s| s.text.as_str())
        .collect();
    // "paused" shares its stem with the fullest version's "pausing"; stopwords ("the",
    // "for", "is") and words of its own ("months", "shut") are not marked.
    assert_eq!(shared, ["ferry", "paused", "pier", "rebuilt", "good"]);
    assert!(
        m.iter()
            .all(|s| s.mark != Mark::LeftOut && s.mark != Mark::Changed)
    );
}
