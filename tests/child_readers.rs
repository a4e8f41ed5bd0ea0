//! PDFs and spreadsheets are read by the `lectern` binary run again as a child
//! (`lectern __read-pdf`, `lectern __read-sheet PATH`), so a reader that panics (the
//! shipping build aborts on a panic) or never finishes cannot take the app with it: the
//! panic's reason reaches the user, an endless reader is killed at the time limit and is
//! gone afterwards, and a good file reads exactly as in-process. Tested through the real
//! binary; the fixtures are written by `tests/fixtures/malformed/make.py`.

mod support;

use lectern::formats::pdf::{self, PdfProblem};
use lectern::formats::pdf_process;
use lectern::formats::sheet_process::{self, SHEET_TIME_LIMIT};
use lectern::formats::table::read_table;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use support::cli::lectern_within;

/// One test at a time: the endless reader's test looks for child processes of this one.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/malformed")
        .join(name)
}

fn lectern() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_lectern"))
}

/// `lectern add p.ron BAD GOOD` in `dir`: exit 1 (a file skipped), with no panic of
/// the app in its messages.
fn add_refused_then_added(dir: &Path, bad: &Path, good: &Path) -> support::cli::Ran {
    let (bad, good) = (bad.to_string_lossy(), good.to_string_lossy());
    let ran = lectern_within(
        dir,
        &["add", "p.ron", &bad, &good],
        Duration::from_secs(120),
    );
    assert_eq!(ran.code, Some(1), "{}", ran.stderr);
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    ran
}

#[test]
fn a_pdf_the_reader_panics_on_is_refused_with_why_and_the_others_are_added() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = fixture("pdf-font-unknown-encoding.pdf");
    let good = fixture("pdf-valid-control.pdf");
    // pdf-extract panics on the font's encoding; the child's panic is the file's refusal.
    let ran = add_refused_then_added(dir.path(), &bad, &good);
    assert!(
        ran.stderr.contains(
            "pdf-font-unknown-encoding.pdf: the PDF reader failed on it \
             (unexpected encoding \"LecternEncoding\")"
        ),
        "{}",
        ran.stderr
    );
    // The run went on to the next file.
    let project = lectern::store::load(&dir.path().join("p.ron")).expect("the good PDF was added");
    assert_eq!(project.documents.len(), 1);
    let in_process = pdf::read(std::fs::read(&good).expect("fixture")).expect("text");
    assert_eq!(project.documents[0].text.as_str(), in_process);
}

#[test]
fn a_good_pdf_reads_the_same_in_the_child_as_in_process() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let bytes = std::fs::read(fixture("pdf-valid-control.pdf")).expect("fixture");
    let child = pdf_process::read(lectern(), bytes.clone(), pdf::PDF_TIME_LIMIT).expect("child");
    // This test process registered no reader executable: `read` is in-process here.
    let in_process = pdf::read(bytes).expect("in-process");
    assert_eq!(child.trim(), in_process);
    assert_eq!(
        in_process,
        "Bridge row\n\u{201c}We will not pay,\u{201d} the mayor said \u{2013} twice."
    );
    // A refusal comes back as the reader gave it.
    let itself = std::fs::read(fixture("pdf-form-draws-itself.pdf")).expect("fixture");
    match pdf_process::read(lectern(), itself, pdf::PDF_TIME_LIMIT) {
        Err(PdfProblem::Unreadable(why)) => {
            assert_eq!(
                why,
                "page 1: form 6 0 draws itself; the file would never finish"
            );
        }
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn a_pdf_that_never_finishes_is_stopped_at_the_limit_and_its_reader_is_gone() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let bytes = std::fs::read(fixture("pdf-slow-drawing.pdf")).expect("fixture");
    let seen = AtomicBool::new(false);
    let reading = AtomicBool::new(true);
    let limit = Duration::from_secs(3);
    let result = std::thread::scope(|scope| {
        // Watches for the reader while it runs, so the check after it cannot pass by
        // looking in the wrong place.
        scope.spawn(|| {
            while reading.load(Ordering::Relaxed) {
                if !readers().is_empty() {
                    seen.store(true, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let result = pdf_process::read(lectern(), bytes, limit);
        reading.store(false, Ordering::Relaxed);
        result
    });
    match result {
        Err(PdfProblem::Unreadable(why)) => assert!(
            why.contains(
                "took longer than 3 s to read; the PDF is damaged or built to never finish"
            ),
            "{why}"
        ),
        other => panic!("not stopped: {other:?}"),
    }
    if cfg!(target_os = "linux") {
        assert!(seen.load(Ordering::Relaxed), "the reader was never seen");
        // Killed and reaped: not running, not even a zombie.
        assert_eq!(
            readers(),
            Vec::<u32>::new(),
            "the reader outlived its limit"
        );
    }
}

/// A workbook of articles with a header row, non-ASCII text, a number and a date.
fn good_workbook(dir: &Path) -> PathBuf {
    let path = dir.join("articles.xlsx");
    let book = support::articles_workbook(&[
        "\u{201c}We will not pay,\u{201d} she said \u{2013} twice.",
        "Καλημέρα 😀",
    ]);
    std::fs::write(&path, book).expect("save");
    path
}

#[test]
fn a_spreadsheet_the_reader_panics_on_is_refused_with_why_and_the_others_are_added() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = fixture("sheet-cell-past-last-column.xlsx");
    let good = good_workbook(dir.path());
    // calamine's overflow check (the test build has them; a release build wraps the
    // number and reads no rows) panics on the cell reference; the child's panic is the
    // file's refusal.
    let ran = add_refused_then_added(dir.path(), &bad, &good);
    assert!(
        ran.stderr
            .contains("sheet-cell-past-last-column.xlsx: the spreadsheet reader failed on it ("),
        "{}",
        ran.stderr
    );
    let project =
        lectern::store::load(&dir.path().join("p.ron")).expect("the good workbook was added");
    let texts: Vec<&str> = project.documents.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "\u{201c}We will not pay,\u{201d} she said \u{2013} twice.",
            "Καλημέρα 😀"
        ]
    );
}

#[test]
fn a_good_spreadsheet_reads_the_same_in_the_child_as_in_process() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = good_workbook(dir.path());
    let child = sheet_process::read(lectern(), &path, SHEET_TIME_LIMIT).expect("child");
    // This test process registered no reader executable: `read_table` is in-process here.
    let in_process = read_table(&path).expect("in-process");
    assert_eq!(child, in_process);
    assert_eq!(in_process.columns, ["id", "title", "text", "date"]);
    assert_eq!(in_process.rows[1].number, 3);
    assert_eq!(
        in_process.rows[1].cells,
        ["2", "Story 2", "Καλημέρα 😀", "2016-09-12"]
    );
}

/// Child processes of this test process that are `lectern` (running or zombie), from
/// `/proc` (Linux; empty elsewhere).
fn readers() -> Vec<u32> {
    let me = std::process::id().to_string();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // "PID (COMM) STATE PPID …": the command name may hold spaces, not ')'.
            let (head, tail) = stat.rsplit_once(')')?;
            let comm = head.split_once('(')?.1;
            let ppid = tail.split_whitespace().nth(1)?;
            (ppid == me && comm == "lectern").then_some(pid)
        })
        .collect()
}
