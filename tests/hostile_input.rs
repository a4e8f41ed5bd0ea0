//! Hostile article and import files: zip bombs (`.docx`, `.qdpx`), a 2 GB sparse text,
//! `/dev/zero`, PDFs whose drawings never finish. Each is refused with a message naming the
//! file and the limit, quickly, without a panic or a crash, and without creating or
//! changing the project. The small ones are in `tests/fixtures/malformed/` (written by its
//! `make.py`); the gigabyte ones are made here, sparse, taking no disk space.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;
use support::cli::lectern_within;

/// Longest a refusal may take (debug build, loaded machine); reading any of these files
/// without the limits takes minutes, gigabytes or forever.
const TIME_LIMIT: Duration = Duration::from_secs(60);

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/malformed")
        .join(name)
}

/// A sparse file of `bytes` bytes at `dir/name`.
fn sparse(dir: &Path, name: &str, bytes: u64) -> PathBuf {
    let path = dir.join(name);
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(bytes))
        .expect("sparse file");
    path
}

/// Runs `lectern ARGS` (the project `p.ron` in a fresh folder) and checks the refusal:
/// exit 1, no panic, the file named, `expected` in the message, no project written.
fn assert_refused(args: &[&str], file: &Path, expected: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file_arg = file.to_string_lossy();
    let args: Vec<&str> = args
        .iter()
        .map(|a| if *a == "FILE" { &*file_arg } else { a })
        .collect();
    let ran = lectern_within(dir.path(), &args, TIME_LIMIT);
    let name = file.file_name().expect("name").to_string_lossy();
    assert_eq!(ran.code, Some(1), "{args:?}: {}", ran.stderr);
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    assert!(ran.stderr.contains(&*name), "names {name}: {}", ran.stderr);
    assert!(
        ran.stderr.contains(expected),
        "says {expected:?}: {}",
        ran.stderr
    );
    assert!(!dir.path().join("p.ron").exists(), "a project was written");
}

#[test]
fn zip_bombs_are_refused_by_their_packing_ratio() {
    assert_refused(
        &["add", "p.ron", "FILE"],
        &fixture("bomb.docx"),
        "word/document.xml unpacks to more than 100 times its packed size",
    );
    // A spreadsheet of articles is unpacked by calamine, so it is checked whole first.
    assert_refused(
        &["add", "p.ron", "FILE"],
        &fixture("bomb.xlsx"),
        "xl/worksheets/sheet1.xml unpacks to more than 100 times its packed size",
    );
    assert_refused(
        &["import", "p.ron", "--format", "qdpx", "FILE"],
        &fixture("bomb.qdpx"),
        "sources/a.txt unpacks to more than 100 times its packed size",
    );
}

#[test]
fn pdfs_whose_drawings_never_finish_are_refused() {
    assert_refused(
        &["add", "p.ron", "FILE"],
        &fixture("pdf-form-draws-itself.pdf"),
        "draws itself",
    );
    assert_refused(
        &["add", "p.ron", "FILE"],
        &fixture("pdf-forms-draw-twice.pdf"),
        "more than 100000 times",
    );
}

#[test]
fn gigabyte_articles_and_imports_are_refused_before_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let txt = sparse(dir.path(), "big.txt", 2 << 30);
    assert_refused(
        &["add", "p.ron", "FILE"],
        &txt,
        "is 2,148 MB, more than the 200 MB Lectern reads as an article",
    );
    let csv = sparse(dir.path(), "big.csv", 2 << 30);
    assert_refused(
        &["add", "p.ron", "FILE"],
        &csv,
        "is 2,148 MB, more than the 1,000 MB Lectern reads as a table",
    );
    let jsonl = sparse(dir.path(), "big.jsonl", 2 << 30);
    assert_refused(
        &["import", "p.ron", "--format", "doccano", "FILE"],
        &jsonl,
        "more than the 1,000 MB Lectern imports from one file",
    );
}

#[test]
#[cfg(unix)]
fn an_endless_device_is_refused() {
    // Named as itself it is not an article at all; behind a .txt name it is read up to
    // the limit and refused.
    assert_refused(
        &["add", "p.ron", "FILE"],
        Path::new("/dev/zero"),
        "not an article",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let zero = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    assert_refused(
        &["add", "p.ron", "FILE"],
        &zero,
        "holds more than the 200 MB Lectern reads as an article",
    );
    let zero = dir.path().join("zero.csv");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    assert_refused(
        &["add", "p.ron", "FILE"],
        &zero,
        "holds more than the 1,000 MB Lectern reads as a table",
    );
    let zero = dir.path().join("zero.jsonl");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    assert_refused(
        &["import", "p.ron", "--format", "doccano", "FILE"],
        &zero,
        "holds more than the 1,000 MB",
    );
}

#[test]
fn the_window_refuses_them_too_and_keeps_the_project() {
    let dir = tempfile::tempdir().expect("tempdir");
    let txt = sparse(dir.path(), "big.txt", 2 << 30);
    for file in [
        fixture("bomb.docx"),
        fixture("pdf-form-draws-itself.pdf"),
        txt,
    ] {
        let mut app = lectern::ui::Lectern::new(None);
        app.add_article_paths(std::slice::from_ref(&file));
        app.finish_jobs();
        assert_eq!(app.project().documents.len(), 0, "{}", file.display());
        let report = app.report().expect("a report of the refused file");
        let name = file.file_name().expect("name").to_string_lossy();
        assert!(
            report.lines.iter().any(|l| l.contains(&*name)),
            "{report:?}"
        );
    }
}
