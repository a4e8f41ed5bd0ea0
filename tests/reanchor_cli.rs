//! `lectern reanchor`: a corrected article replaces a document's text and the spans follow.

use lectern::model::{DocId, Document, Project};
use lectern::store;
use std::path::Path;
use std::process::{Command, Output};

mod support;

const OLD: &str =
    "Mayor Ελένη Παπαδάκη said the bridge will close.\nThe ministr said “no”.\nIt closes in May.";

fn project() -> Project {
    let mut p = Project::new("Drift");
    p.documents.push(Document::new(DocId(1), "Bridge", OLD));
    support::mark(
        &mut p,
        DocId(1),
        &[
            ("descriptor", "Ελένη Παπαδάκη"),
            ("quote", "“no”"),
            ("claim", "The ministr said"),
        ],
    );
    p
}

fn reanchor(dir: &Path, new_text: &[u8], extra: &[&str]) -> Output {
    store::save(&project(), &dir.join("p.ron")).expect("save");
    std::fs::write(dir.join("new.txt"), new_text).expect("new");
    Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["reanchor", "p.ron", "--doc", "1", "new.txt"])
        .args(extra)
        .current_dir(dir)
        .output()
        .expect("run")
}

#[test]
fn a_corrected_crlf_article_with_a_new_paragraph_keeps_every_span() {
    let dir = tempfile::tempdir().expect("tempdir");
    let new = format!(
        "UPDATE: corrected.\n\n{}",
        OLD.replace("ministr", "minister")
    )
    .replace('\n', "\r\n");
    let out = reanchor(dir.path(), new.as_bytes(), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("moved"), "{stdout}");
    assert!(stdout.contains("fuzzy"), "{stdout}");
    let p = store::load(&dir.path().join("p.ron")).expect("valid after re-anchoring");
    let doc = &p.documents[0];
    assert!(doc.text.as_str().starts_with("UPDATE"));
    let texts: Vec<&str> = doc.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["Ελένη Παπαδάκη", "The minister said", "“no”"]);
    // The old file is kept as a backup.
    assert_eq!(
        store::load(&store::backup::path_for(&dir.path().join("p.ron"), 1)).expect("backup"),
        project()
    );
}

#[test]
fn unplaceable_spans_are_listed_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = reanchor(
        dir.path(),
        "Mayor Ελένη Παπαδάκη said the bridge will close.".as_bytes(),
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("unplaced"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing written"));
    assert_eq!(
        store::load(&dir.path().join("p.ron")).expect("load"),
        project()
    );
    // With --drop-unplaced the listed spans go and the rest are kept.
    std::fs::remove_file(dir.path().join("p.ron")).expect("rm");
    let out = reanchor(
        dir.path(),
        "Mayor Ελένη Παπαδάκη said the bridge will close.".as_bytes(),
        &["--drop-unplaced"],
    );
    assert!(out.status.success());
    let p = store::load(&dir.path().join("p.ron")).expect("load");
    assert_eq!(p.documents[0].spans.len(), 1);
}

#[test]
fn a_missing_document_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    store::save(&project(), &dir.path().join("p.ron")).expect("save");
    std::fs::write(dir.path().join("new.txt"), OLD).expect("new");
    let out = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["reanchor", "p.ron", "--doc", "9", "new.txt"])
        .current_dir(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document 9"));
}

#[test]
fn check_repair_fixes_drifted_spans_and_keeps_a_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/malformed/span-shifted-by-edit.ron");
    let path = dir.path().join("p.ron");
    std::fs::copy(&fixture, &path).expect("copy");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_lectern"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("run")
    };
    let out = run(&["check", "p.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--repair"));
    let out = run(&["check", "--repair", "p.ron"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("moved from"));
    assert!(run(&["check", "p.ron"]).status.success());
    let p = store::load(&path).expect("valid");
    assert_eq!(p.documents[0].spans.len(), 2);
    assert_eq!(
        std::fs::read(store::backup::path_for(&path, 1)).expect("backup"),
        std::fs::read(&fixture).expect("fixture")
    );
}
