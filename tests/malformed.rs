//! The catalogue of broken and hostile project files in `tests/fixtures/malformed/`, plus
//! a few generated ones too big to commit. Each must give a clear message naming the file
//! and a non-zero exit from `lectern check`, within a time limit, without a panic, and
//! without changing a byte or leaving a file behind; the window must refuse it the same
//! way. `00-valid-control.ron` is the valid file the others were made from.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use support::cli::{Ran, lectern_within};

/// Longest a check of one file may take (debug build, a 10 MB file, a loaded machine).
const TIME_LIMIT: Duration = Duration::from_secs(60);

fn catalogue() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter(|p| !p.ends_with("00-valid-control.ron"))
        .collect();
    files.sort();
    files
}

/// Runs `lectern check` on a copy of `fixture` in a fresh folder, with a time limit, and
/// asserts that neither the file nor the folder changed.
fn check_copy(fixture: &Path) -> Ran {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = fixture.file_name().expect("name");
    let path = dir.path().join(name);
    std::fs::copy(fixture, &path).expect("copy");
    let before = std::fs::read(&path).expect("read");
    let file = path.to_str().expect("a UTF-8 path");
    let ran = lectern_within(dir.path(), &["check", file], TIME_LIMIT);
    assert_eq!(
        std::fs::read(&path).expect("read after"),
        before,
        "{}: modified",
        path.display()
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, vec![name.to_owned()], "files left behind");
    ran
}

fn assert_refused(fixture: &Path) {
    let name = fixture
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let out = check_copy(fixture);
    assert_eq!(
        out.code,
        Some(1),
        "{name}: exit code; stderr: {}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{name}: {}", out.stderr);
    assert!(
        out.stderr.contains(&name),
        "{name}: message names the file: {}",
        out.stderr
    );
    assert!(out.stderr.len() < 20_000, "{name}: message is not a dump");
    // In the library and the window: an error, no panic, nothing changed.
    let before = std::fs::read(fixture).expect("read");
    assert!(lectern::store::load(fixture).is_err(), "{name}: loads");
    let mut app = lectern::ui::Lectern::new(None);
    app.open_project_path(fixture);
    assert!(!app.finish_jobs(), "{name}: opened in the window");
    // A report, or for rule breaks that repairs can fix, the repair question.
    match (app.report(), app.repair_offer()) {
        (Some(report), None) => assert!(
            report.lines.iter().any(|l| l.contains(&name)),
            "{name}: {report:?}"
        ),
        (None, Some(offer)) => {
            assert_eq!(offer.path, fixture, "{name}");
            assert!(!offer.problems.is_empty() && !offer.repair.actions.is_empty());
        }
        other => panic!("{name}: {other:?}"),
    }
    assert_eq!(std::fs::read(fixture).expect("read"), before);
}

#[test]
fn the_valid_control_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed");
    let out = check_copy(&dir.join("00-valid-control.ron"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

#[test]
fn every_catalogued_file_is_refused_clearly() {
    let files = catalogue();
    assert!(files.len() >= 30, "only {} fixtures", files.len());
    for f in &files {
        assert_refused(f);
    }
}

#[test]
fn messages_say_where_and_what() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed");
    for (file, expected) in [
        ("empty.ron", "empty.ron:1:1: the file is empty"),
        ("truncated-half.ron", "truncated-half.ron:12:"),
        ("invalid-utf8.ron", "not UTF-8"),
        ("utf16-with-bom.ron", "but UTF-16"),
        ("binary-png.ron", "binary data"),
        ("future-format.ron", "format 99 is newer"),
        ("deeply-nested-unknown-field.ron", "nested too deeply"),
        (
            "span-shifted-by-edit.ron",
            "differs from the document's text",
        ),
        ("relation-to-missing-span.ron", "span 77 does not exist"),
        ("format-huge-number.ron", "out of bounds"),
    ] {
        let out = check_copy(&dir.join(file));
        assert!(out.stderr.contains(expected), "{file}: {}", out.stderr);
    }
}

#[test]
fn generated_giants_are_refused_in_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let control = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed/00-valid-control.ron"),
    )
    .expect("control");
    let ten_mb = 10 * 1024 * 1024;
    let giants: [(&str, Vec<u8>); 4] = [
        ("single-line-10mb.ron", "x".repeat(ten_mb).into_bytes()),
        ("nested-10mb.ron", "[".repeat(ten_mb).into_bytes()),
        // A valid file but for one 10 MB title on one line and a broken span.
        (
            "huge-title.ron",
            control
                .replace(
                    "title: \"A\"",
                    &format!("title: \"{}\"", "A".repeat(ten_mb)),
                )
                .replace("end: 39", "end: 4000")
                .into_bytes(),
        ),
        ("nul-10mb.ron", vec![0u8; ten_mb]),
    ];
    for (name, bytes) in giants {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        assert_refused(&path);
    }
}

#[test]
fn a_file_too_big_to_be_a_project_is_refused_before_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.ron");
    // Sparse: takes no disk space, but reading it would take 1.1 GB of memory.
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(lectern::store::MAX_PROJECT_BYTES + 100_000_000))
        .expect("sparse file");
    let started = Instant::now();
    let err = lectern::store::load(&path).expect_err("refused");
    assert!(started.elapsed() < Duration::from_secs(5), "read it anyway");
    assert!(err.to_string().contains("more than the 1000 MB"), "{err}");
}
