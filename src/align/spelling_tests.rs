//! One statement printed by nine invented outlets, each spelling it its own way — other
//! quotation marks, punctuation, case, hyphens, contractions, and money and shares
//! written in digits, symbols or words — is the same words: every one of them whole.
//! Another sum of money, or words left out, is a cut.

use super::*;
use crate::analysis::fixture::add;
use crate::model::{Document, VersionKind};

/// The statement as the first outlet prints it.
const FULLEST: &str = "We’re not cutting the harbour budget: it stays at £4m, and fares rise by 10% at most — a stone-cold promise";

/// Each outlet's version, what it changes, and the kind it must get.
const VERSIONS: [(&str, &str, VersionKind); 10] = [
    ("the fullest version", FULLEST, VersionKind::Whole),
    (
        "straight quotation marks and apostrophe",
        "We're not cutting the harbour budget: it stays at £4m, and fares rise by 10% at most — a stone-cold promise",
        VersionKind::Whole,
    ),
    (
        "punctuation",
        "We’re not cutting the harbour budget; it stays at £4m and fares rise by 10% at most. A stone-cold promise",
        VersionKind::Whole,
    ),
    (
        "case",
        "WE’RE NOT CUTTING THE HARBOUR BUDGET: IT STAYS AT £4M, AND FARES RISE BY 10% AT MOST — A STONE-COLD PROMISE",
        VersionKind::Whole,
    ),
    (
        "hyphenation and a contraction written out",
        "We are not cutting the harbour budget: it stays at £4m, and fares rise by 10% at most — a stone cold promise",
        VersionKind::Whole,
    ),
    (
        "numbers in words",
        "We’re not cutting the harbour budget: it stays at four million pounds, and fares rise by ten per cent at most — a stone-cold promise",
        VersionKind::Whole,
    ),
    (
        "digits and words",
        "We’re not cutting the harbour budget: it stays at 4 million pounds, and fares rise by 10 percent at most — a stone-cold promise",
        VersionKind::Whole,
    ),
    (
        "symbol and word, and the tabloid's pc",
        "We’re not cutting the harbour budget: it stays at £4 million, and fares rise by 10pc at most — a stone-cold promise",
        VersionKind::Whole,
    ),
    (
        "another sum of money",
        "We’re not cutting the harbour budget: it stays at £4.5m, and fares rise by 10% at most — a stone-cold promise",
        VersionKind::Cut,
    ),
    (
        "its end left out",
        "We’re not cutting the harbour budget: it stays at four million pounds",
        VersionKind::Cut,
    ),
];

fn project() -> Project {
    let mut p = Project::new("Harbour budget");
    for (k, (outlet, words, _)) in VERSIONS.iter().enumerate() {
        let id = u32::try_from(k + 1).expect("few documents");
        let text = format!("Harbour budget\n“{words},” Mayor Odile Quenneville said.\n");
        let mut d = Document::new(DocId(id), "Harbour budget", &text);
        d.metadata.outlet = (*outlet).to_owned();
        add(
            &mut d,
            "quote",
            words,
            &[("speaker", "Odile Quenneville")],
            "",
        );
        p.documents.push(d);
    }
    p
}

#[test]
fn each_spelling_of_the_same_words_is_whole_and_other_words_are_cut() {
    let p = project();
    let a = align(&p, &Options::default());
    assert_eq!(a.statements.len(), 1, "{:#?}", a.statements);
    let st = &a.statements[0];
    assert_eq!(st.fullest().doc, DocId(1));
    for (k, (outlet, _, kind)) in VERSIONS.iter().enumerate() {
        let doc = DocId(u32::try_from(k + 1).expect("few documents"));
        let v = st
            .versions
            .iter()
            .find(|v| v.doc == doc)
            .unwrap_or_else(|| panic!("{outlet}: not in the statement"));
        assert_eq!(v.kind, *kind, "{outlet}: {v:?}");
        if *kind == VersionKind::Whole {
            assert_eq!(v.similarity, 1.0, "{outlet}");
        }
    }
}

#[test]
fn the_other_sum_is_marked_as_changed_and_the_words_left_out_as_struck() {
    use super::marks::{Mark, marks};
    let p = project();
    let a = align(&p, &Options::default());
    let st = &a.statements[0];
    let marked = |doc: u32| {
        let index = st
            .versions
            .iter()
            .position(|v| v.doc == DocId(doc))
            .expect("version");
        marks(&p, st, index)
    };
    let of = |segments: &[marks::Segment], mark: Mark| -> Vec<String> {
        segments
            .iter()
            .filter(|s| s.mark == mark)
            .map(|s| s.text.clone())
            .collect()
    };
    let other_sum = marked(9);
    assert_eq!(of(&other_sum, Mark::Changed), ["£4.5m"]);
    assert_eq!(of(&other_sum, Mark::LeftOut), ["£4m"]);
    // Spelled in words, the same sum is not marked at all.
    assert!(
        marked(6).iter().all(|s| s.mark == Mark::Same),
        "{:?}",
        marked(6)
    );
    let cut = marked(10);
    assert_eq!(
        of(&cut, Mark::LeftOut),
        ["and fares rise by 10% at most — a stone-cold promise"]
    );
}
