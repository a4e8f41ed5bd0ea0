//! The Quote tracker on a generated corpus (benches/support/align_corpus.rs): every whole
//! and cut version of a known statement lands with exactly the other whole and cut
//! versions of that statement, with the right kind — whatever quotation marks,
//! contractions, numbers, sums of money and hyphens each outlet writes; no distractor
//! joins one. The benchmark (`examples/bench_summary.rs`) checks the same on 1,000
//! articles.

#[path = "../benches/support/align_corpus.rs"]
mod align_corpus;

use lectern::align::{Options, align};

#[test]
fn whole_and_cut_versions_are_grouped_exactly() {
    let corpus = align_corpus::corpus(60, 25, 120, 7);
    let problems = corpus.project.problems();
    assert!(
        problems.is_empty(),
        "{:?}",
        &problems[..problems.len().min(3)]
    );
    // Outlets write numbers, sums and shares their own ways; exactness covers them all.
    let quoted: Vec<&str> = corpus
        .project
        .documents
        .iter()
        .flat_map(|d| &d.spans)
        .map(|s| s.text.as_str())
        .collect();
    for spelling in ["£", " million pounds", "%", " per cent", "-"] {
        assert!(
            quoted.iter().filter(|q| q.contains(spelling)).count() >= 10,
            "few quotes with {spelling:?}"
        );
    }
    let a = align(&corpus.project, &Options::default());
    assert_eq!(a.quotes, 1500);
    let e = align_corpus::check(&a, &corpus.truth);
    eprintln!("{e:?}");
    assert!(e.verbatim > 1000, "{e:?}");
    assert_eq!(
        (e.misgrouped, e.wrong_kind, e.distractors_joined),
        (0, 0, 0),
        "{e:?}"
    );
    // Reported speech is not held to exactness, but most of it should be found.
    assert!(e.paraphrases_found * 10 >= e.paraphrases * 8, "{e:?}");
}
