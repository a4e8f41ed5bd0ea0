//! The sample project shipped in `projects/`: valid, rich enough to show every label,
//! attribute, relation type, a discontinuous span and the awkward characters, and exactly
//! what `examples/make_sample.rs` builds.

// The builder is shared with the example; its `main` is unused here.
#[allow(dead_code)]
#[path = "../examples/make_sample.rs"]
mod make_sample;

use lectern::model::{DocStatus, Project};
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn committed() -> Project {
    lectern::store::load(&root().join(make_sample::PROJECT_PATH))
        .expect("the sample project loads and is valid")
}

#[test]
fn sample_project_is_valid_and_uses_every_label_in_every_document() {
    let p = committed();
    assert!(p.problems().is_empty());
    assert!(p.documents.len() >= 3);
    let labels: BTreeSet<&str> = p.labels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(labels.len(), 4);
    for d in &p.documents {
        let used: BTreeSet<&str> = d.spans.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(used, labels, "labels used in {}", d.title);
        assert!(
            d.source_path.starts_with("projects/sample-articles/"),
            "relative source path: {}",
            d.source_path
        );
    }
    assert_eq!(p.last_viewed, None);
}

#[test]
fn sample_project_has_nbsp_curly_quotes_and_greek() {
    let p = committed();
    let all: String = p.documents.iter().map(|d| d.text.as_str()).collect();
    assert!(all.contains('\u{a0}'), "non-breaking space");
    for quote in ['“', '”', '’'] {
        assert!(all.contains(quote), "curly quote {quote}");
    }
    assert!(
        all.chars().any(|c| ('\u{0370}'..='\u{03ff}').contains(&c)),
        "Greek"
    );
}

#[test]
fn sample_project_fills_every_attribute_and_links_spans() {
    let p = committed();
    assert!(p.warnings().is_empty(), "{:?}", p.warnings());
    for d in &p.documents {
        for s in &d.spans {
            let label = p.label(&s.label).expect("label");
            assert!(!label.attributes.is_empty());
            for a in &label.attributes {
                assert!(
                    s.attributes.get(&a.name).is_some_and(|v| !v.is_empty()),
                    "{} {:?} in {} has no {}",
                    s.label,
                    s.text,
                    d.title,
                    a.name
                );
            }
            assert_eq!(s.annotator, "sample");
            assert_eq!(s.created, "2026-05-05T09:00:00Z");
        }
        let kinds: BTreeSet<&str> = d.relations.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(
            kinds,
            BTreeSet::from(["describes", "introduces"]),
            "relation types used in {}",
            d.title
        );
        // Every attribution introduces something.
        for s in d.spans.iter().filter(|s| s.label == "attribution") {
            assert!(
                d.relations
                    .iter()
                    .any(|r| r.kind == "introduces" && r.from == s.id),
                "attribution {:?} in {} introduces nothing",
                s.text,
                d.title
            );
        }
    }
    let cues: BTreeSet<&str> = p
        .documents
        .iter()
        .flat_map(|d| &d.spans)
        .filter_map(|s| s.attributes.get("cue").map(String::as_str))
        .collect();
    for cue in ["said", "told", "claimed", "branded", "admitted"] {
        assert!(cues.contains(cue), "cue {cue}");
    }
}

#[test]
fn sample_project_has_discontinuous_quotes_and_no_leftover_halves() {
    let p = committed();
    let split: Vec<_> = p
        .documents
        .iter()
        .flat_map(|d| d.spans.iter().map(move |s| (d, s)))
        .filter(|(_, s)| !s.fragments.is_empty())
        .collect();
    assert_eq!(split.len(), 4, "one interrupted quote per article");
    for (d, s) in split {
        assert_eq!(s.label, "quote");
        assert_eq!(s.fragments.len(), 2);
        assert_eq!(d.text.slice(s.start..s.end), Some(s.text.as_str()));
        // The attribution that interrupts the quote lies between its fragments.
        let gap = s.fragments[0].end..s.fragments[1].start;
        let inside = d
            .spans
            .iter()
            .find(|a| a.label == "attribution" && gap.contains(&a.start) && a.end <= gap.end);
        let attribution = inside.expect("an attribution between the fragments");
        assert!(
            d.relations
                .iter()
                .any(|r| r.from == attribution.id && r.to == s.id)
        );
        assert!(!s.joined_text().contains(&attribution.text));
        assert!(!s.note.contains("fragment"));
    }
}

#[test]
fn sample_project_documents_have_status_memo_and_custom_fields() {
    let p = committed();
    let statuses: BTreeSet<DocStatus> = p.documents.iter().map(|d| d.status).collect();
    assert!(statuses.contains(&DocStatus::Done));
    assert!(statuses.contains(&DocStatus::InProgress));
    assert!(p.documents.iter().all(|d| !d.memo.is_empty()));
    assert!(!p.custom_fields.is_empty());
    for d in &p.documents {
        for f in &p.custom_fields {
            assert!(d.metadata.custom.contains_key(f), "{f} of {}", d.title);
        }
    }
}

#[test]
fn committed_sample_matches_a_fresh_build() {
    let built = make_sample::build(root()).expect("build the sample");
    assert!(
        built == committed(),
        "projects/harbour-bridge.ron is out of date; run `cargo run --example make_sample`"
    );
    // Byte for byte, too: what `make_sample` writes is what is committed.
    let fresh = lectern::store::to_ron(&built).expect("serialise");
    let on_disk = std::fs::read_to_string(root().join(make_sample::PROJECT_PATH)).expect("read");
    assert!(
        fresh == on_disk,
        "projects/harbour-bridge.ron is not formatted as Lectern saves it; run `cargo run --example make_sample`"
    );
}

#[test]
fn the_quote_tracker_finds_every_kind_in_the_sample() {
    use lectern::align::{Options, align};
    use lectern::model::VersionKind::{Cut, Paraphrase, Whole};
    let p = committed();
    let a = align(&p, &Options::default());
    let wire = p
        .documents
        .iter()
        .find(|d| d.metadata.outlet == "Strait Wire");
    let wire = wire.expect("the wire story").id;
    // The wire's versions: (its text begins, kind, how many outlets print the statement).
    let mut found: Vec<(String, lectern::model::VersionKind, usize)> = a
        .statements
        .iter()
        .flat_map(|s| {
            s.versions
                .iter()
                .filter(|v| v.doc == wire)
                .map(|v| (v.text.chars().take(24).collect(), v.kind, s.versions.len()))
        })
        .collect();
    found.sort();
    let expected = [
        ("I will not wait for a br", Cut, 2),
        ("Nobody from the ministry", Cut, 2),
        ("The bridge can carry ped", Whole, 1),
        ("The engineers have been ", Whole, 2),
        ("Veridian engineers can a", Whole, 2),
        ("an act of sabotage", Cut, 2),
        ("the bridge was the city'", Paraphrase, 2),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(t, k, n)| ((*t).to_owned(), *k, *n))
        .collect();
    assert_eq!(found, expected);
    // Every other statement is printed by one outlet, absent from the other three.
    assert_eq!(a.statements.len(), 16);
    let absent: usize = a.statements.iter().map(|s| a.absent(s).len()).sum();
    assert_eq!(absent, 16 * 4 - 22);
}
