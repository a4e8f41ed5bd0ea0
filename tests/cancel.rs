//! Cancelling long work through its progress handle: an export, a save, an open, an
//! import or adding articles ends with "cancelled" at its next unit of work, and leaves no
//! file behind and nothing replaced. (The window's side is in `jobs_ui.rs`.)

use lectern::formats::article::read_article_files;
use lectern::formats::export::{ExportError, ExportFormat, export_project, export_project_with};
use lectern::formats::{ImportError, ImportFormat};
use lectern::model::{DocId, Document, Edit, Project};
use lectern::progress::{Cancelled, Progress};
use lectern::store::{self, StoreError};
use std::path::Path;

/// `docs` documents of `words` words each, every word a span.
fn project(docs: u32, words: usize) -> Project {
    let mut p = Project::new("Cancel");
    for d in 1..=docs {
        let text: Vec<String> = (0..words).map(|w| format!("word{w}")).collect();
        p.documents
            .push(Document::new(DocId(d), format!("Doc {d}"), text.join(" ")));
        let mut at = 0;
        for w in 0..words {
            let len = format!("word{w}").chars().count();
            let span = p.make_span(DocId(d), "quote", at, at + len).expect("span");
            Edit::AddSpan {
                doc: DocId(d),
                span,
            }
            .apply(&mut p)
            .expect("add");
            at += len + 1;
        }
    }
    p
}

/// A progress the user already cancelled.
fn cancelled() -> Progress {
    let p = Progress::new();
    assert!(p.cancel());
    p
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_export_format_stops_at_its_first_unit_once_cancelled() {
    let p = project(3, 40);
    for format in ExportFormat::ALL {
        let progress = cancelled();
        let result = export_project_with(&p, format, &progress);
        assert!(
            matches!(result, Err(ExportError::Cancelled)),
            "{}: {:?}",
            format.name(),
            result.map(|e| e.spans)
        );
        let s = progress.snapshot();
        assert!(
            s.done > 0 && s.done < s.total,
            "{}: stopped at {} of {} spans",
            format.name(),
            s.done,
            s.total
        );
    }
    // Not cancelled, every span is counted.
    let progress = Progress::new();
    let exported = export_project_with(&p, ExportFormat::Csv, &progress).expect("export");
    assert_eq!(exported.spans, 120);
    let s = progress.snapshot();
    assert_eq!((s.done, s.total), (120, 120));
}

#[test]
fn an_export_cancelled_before_it_is_written_leaves_no_file_and_no_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = project(2, 5);
    let csv = export_project(&p, ExportFormat::Csv).expect("export");
    let path = dir.path().join("spans.csv");
    let err = csv.write_to_with(&path, false, &cancelled()).unwrap_err();
    assert!(matches!(err, ExportError::Cancelled), "{err}");
    assert_eq!(
        err.to_string(),
        "the export was cancelled; nothing was written"
    );
    assert!(
        names_in(dir.path()).is_empty(),
        "no file, no temporary file"
    );
    // An earlier export at the same path is kept as it was.
    std::fs::write(&path, "earlier export").expect("write");
    assert!(csv.write_to_with(&path, false, &cancelled()).is_err());
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "earlier export"
    );
    assert_eq!(names_in(dir.path()), ["spans.csv"]);
    let brat = export_project(&p, ExportFormat::Brat).expect("export");
    let folder = dir.path().join("brat");
    let err = brat.write_to_with(&folder, true, &cancelled()).unwrap_err();
    assert!(matches!(err, ExportError::Cancelled), "{err}");
    assert!(!folder.exists(), "the folder is not even created");
}

#[test]
fn a_cancelled_save_leaves_the_file_alone_and_keeps_no_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(1, 3), &path).expect("save");
    let before = std::fs::read(&path).expect("read");
    let newer = project(2, 3);
    let mut backed_up = false;
    let err = store::save_with(&newer, &path, &cancelled(), || backed_up = true).unwrap_err();
    assert!(matches!(err, StoreError::Cancelled), "{err}");
    assert!(!backed_up);
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert_eq!(names_in(dir.path()), ["p.ron"]);
    // Not cancelled: the hook runs once, while the old file is still there.
    let progress = Progress::new();
    let mut seen = Vec::new();
    store::save_with(&newer, &path, &progress, || {
        seen.push(std::fs::read(&path).expect("read"));
    })
    .expect("save");
    assert_eq!(seen, [before]);
    assert!(progress.snapshot().committed);
    assert_eq!(store::load(&path).expect("load"), newer);
}

#[test]
fn opening_counts_the_bytes_read_and_stops_between_chunks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.ron");
    // Bigger than the 1 MB chunks the file is read in.
    let mut p = project(1, 3);
    p.documents.push(Document::new(
        DocId(2),
        "Long",
        "lorem ipsum ".repeat(300_000),
    ));
    store::save(&p, &path).expect("save");
    let len = std::fs::metadata(&path).expect("metadata").len();
    assert!(len > 3_000_000, "{len}");
    let progress = cancelled();
    let err = store::load_with(&path, &progress).unwrap_err();
    assert!(matches!(err, StoreError::Cancelled), "{err}");
    let s = progress.snapshot();
    assert_eq!((s.phase.as_str(), s.total), ("Reading", len));
    assert!(
        s.done > 0 && s.done < len,
        "stopped after a chunk: {}",
        s.done
    );
    let progress = Progress::new();
    assert_eq!(store::load_with(&path, &progress).expect("load"), p);
    assert_eq!(progress.snapshot().phase, "Checking");
}

#[test]
fn adding_articles_and_importing_stop_between_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths: Vec<_> = (0..3)
        .map(|i| {
            let path = dir.path().join(format!("a{i}.txt"));
            std::fs::write(&path, format!("Article {i}\nBody.")).expect("write");
            path
        })
        .collect();
    let progress = cancelled();
    assert!(matches!(
        read_article_files(&paths, &progress),
        Err(Cancelled)
    ));
    assert_eq!(progress.snapshot().done, 1);
    let read = read_article_files(&paths, &Progress::new()).expect("read");
    assert_eq!(read.len(), 3);
    let brat = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interchange/brat");
    let progress = cancelled();
    let err = ImportFormat::Brat
        .read_with(std::slice::from_ref(&brat), &progress)
        .unwrap_err();
    assert!(matches!(err, ImportError::Cancelled), "{err}");
    let s = progress.snapshot();
    assert_eq!((s.done, s.total), (1, 2), "one document of two");
    assert!(
        ImportFormat::Brat
            .read_with(&[brat], &Progress::new())
            .is_ok()
    );
}
