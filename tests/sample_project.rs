//! The sample project shipped in `projects/`: valid, rich enough to show every label and
//! the awkward characters, and exactly what `examples/make_sample.rs` builds.

// The builder is shared with the example; its `main` is unused here.
#[allow(dead_code)]
#[path = "../examples/make_sample.rs"]
mod make_sample;

use lectern::model::Project;
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
fn committed_sample_matches_a_fresh_build() {
    let built = make_sample::build(root()).expect("build the sample");
    assert!(
        built == committed(),
        "projects/harbour-bridge.ron is out of date; run `cargo run --example make_sample`"
    );
}
