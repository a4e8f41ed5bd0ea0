//! The `lectern` binary end to end: help, adding articles, exporting and checking projects.

mod support;

use lectern::model::{DocId, Edit, Project};
use lectern::store;
use std::path::Path;
use support::run_lectern;

/// An article with CRLF line ends, curly quotes, NBSP, an emoji and Greek.
const CRLF_ARTICLE: &str = "Mayor “defiant” over bridge\r\n“It’s a disgrace,” said Ms\u{a0}Παπαδάκη 😤, the mayor.\r\nThe minister, Gregor Ward, disagreed.\r\n";

/// A Markdown article starting with a UTF-8 byte order mark.
const BOM_ARTICLE: &str = "\u{feff}# Φωνή report\n\nThe bridge carries 3,000 passengers a day — “our lifeline”, the mayor said.\n";

/// Writes the two text articles and a binary one into `dir`.
fn write_articles(dir: &Path) {
    std::fs::write(dir.join("crlf.txt"), CRLF_ARTICLE).expect("crlf.txt");
    std::fs::write(dir.join("bom.md"), BOM_ARTICLE).expect("bom.md");
    std::fs::write(dir.join("photo.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").expect("png");
}

/// A saved project of the two articles with spans whose notes need quoting.
fn project_with_spans(dir: &Path) -> Project {
    write_articles(dir);
    let run = run_lectern(dir, &["add", "p.ron", "crlf.txt", "bom.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = dir.join("p.ron");
    let mut p = store::load(&path).expect("load");
    let spans = [
        (
            1,
            "quote",
            "It’s a disgrace",
            "speaker: Papadaki, \"angry\"\nfragment 1",
        ),
        (1, "descriptor", "Ms\u{a0}Παπαδάκη 😤", ""),
        (1, "descriptor", "mayor", "ASCII, for the broken-file test"),
        (1, "attribution", "said Ms\u{a0}Παπαδάκη", ""),
        (2, "claim", "3,000 passengers a day", ""),
        (2, "quote", "our lifeline", "“curly”"),
    ];
    for (doc, label, text, note) in spans {
        let d = p.document(DocId(doc)).expect("doc");
        let at = d.text.find(text, 1).expect("span text in document");
        let mut span = p
            .make_span(DocId(doc), label, at.start, at.end)
            .expect("span");
        span.note = note.to_owned();
        Edit::AddSpan {
            doc: DocId(doc),
            span,
        }
        .apply(&mut p)
        .expect("add span");
    }
    store::save(&p, &path).expect("save");
    p
}

/// The document text between code points `start` and `end`, counted with `chars()`.
fn code_point_slice(p: &Project, doc_id: u64, start: u64, end: u64) -> String {
    let id = u32::try_from(doc_id).expect("doc id");
    let doc = p.document(DocId(id)).expect("document of the row");
    let skip = usize::try_from(start).expect("start");
    let take = usize::try_from(end - start).expect("length");
    doc.text.as_str().chars().skip(skip).take(take).collect()
}

fn total_spans(p: &Project) -> usize {
    p.documents.iter().map(|d| d.spans.len()).sum()
}

/// Parses CSV output and checks every row's offsets against the project.
fn check_csv(p: &Project, csv_text: &str) {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[..4], ["doc_id", "doc_title", "outlet", "date"]);
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let mut rows = 0;
    for record in reader.records() {
        let r = record.expect("record");
        let num = |name: &str| r[col(name)].parse::<u64>().expect("number");
        let slice = code_point_slice(p, num("doc_id"), num("start"), num("end"));
        assert_eq!(slice, &r[col("text")]);
        rows += 1;
    }
    assert_eq!(rows, total_spans(p));
    assert!(csv_text.contains("\"speaker: Papadaki, \"\"angry\"\"\nfragment 1\""));
}

/// Parses JSONL output and checks every row's offsets against the project.
fn check_jsonl(p: &Project, jsonl: &str) {
    let mut rows = 0;
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one object per line");
        let num = |name: &str| v[name].as_u64().expect("number");
        let slice = code_point_slice(p, num("doc_id"), num("start"), num("end"));
        assert_eq!(slice, v["text"].as_str().expect("text"));
        rows += 1;
    }
    assert_eq!(rows, total_spans(p));
    assert!(
        jsonl.contains("Ms\u{a0}Παπαδάκη 😤"),
        "non-ASCII written literally"
    );
}

#[test]
fn help_and_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let help = run_lectern(dir.path(), &["--help"]);
    assert_eq!(help.code, 0);
    for word in ["Usage: lectern", "add", "export", "check"] {
        assert!(help.stdout.contains(word), "{word} in {}", help.stdout);
    }
    let version = run_lectern(dir.path(), &["--version"]);
    assert_eq!(version.code, 0);
    assert_eq!(
        version.stdout.trim(),
        format!("lectern {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = run_lectern(dir.path(), &["export", "p.ron", "--format", "xls"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("xls"), "{}", run.stderr);
}

#[test]
fn add_creates_a_project_and_keeps_going_past_a_binary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_articles(dir.path());
    let run = run_lectern(
        dir.path(),
        &["add", "new.ron", "crlf.txt", "photo.txt", "bom.md"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("photo.txt is not a text file"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2 articles added, 1 skipped"),
        "{}",
        run.stderr
    );
    let p = store::load(&dir.path().join("new.ron")).expect("saved despite the skip");
    assert_eq!(p.name, "new");
    let texts: Vec<&str> = p.documents.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts.len(), 2);
    assert_eq!(texts[0], CRLF_ARTICLE.replace("\r\n", "\n"));
    assert_eq!(texts[1], BOM_ARTICLE.trim_start_matches('\u{feff}'));
    assert_eq!(p.documents[1].title, "Φωνή report");

    // Adding an article again is a skip, and the project keeps what it had.
    let again = run_lectern(dir.path(), &["add", "new.ron", "bom.md"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("already in the project"),
        "{}",
        again.stderr
    );
    let p = store::load(&dir.path().join("new.ron")).expect("load");
    assert_eq!(p.documents.len(), 2);
}

#[test]
fn export_csv_and_jsonl_to_stdout_and_to_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = project_with_spans(dir.path());
    let csv_out = run_lectern(dir.path(), &["export", "p.ron", "--format", "csv"]);
    assert_eq!(csv_out.code, 0, "{}", csv_out.stderr);
    check_csv(&p, &csv_out.stdout);
    let jsonl_out = run_lectern(dir.path(), &["export", "p.ron", "--format", "jsonl"]);
    assert_eq!(jsonl_out.code, 0, "{}", jsonl_out.stderr);
    check_jsonl(&p, &jsonl_out.stdout);

    for (format, stdout) in [("csv", &csv_out.stdout), ("jsonl", &jsonl_out.stdout)] {
        let file = format!("spans.{format}");
        let run = run_lectern(
            dir.path(),
            &["export", "p.ron", "--format", format, "--output", &file],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.is_empty());
        let written = std::fs::read_to_string(dir.path().join(&file)).expect("export file");
        assert_eq!(&written, stdout);
    }
}

#[test]
fn check_accepts_a_good_project_and_lists_every_problem_of_a_broken_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = project_with_spans(dir.path());
    let ok = run_lectern(dir.path(), &["check", "p.ron"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert_eq!(
        ok.stdout.trim(),
        format!("p.ron: ok (2 documents, {} spans)", total_spans(&p))
    );

    // Alter two spans' stored text by hand, as a careless edit of the file would.
    let path = dir.path().join("p.ron");
    let ron = std::fs::read_to_string(&path).expect("read");
    let broken = ron
        .replacen("text: \"mayor\"", "text: \"mayer\"", 1)
        .replacen(
            "text: \"3,000 passengers a day\"",
            "text: \"4,000 passengers a day\"",
            1,
        );
    assert_ne!(broken, ron, "the fixture's span lines were found");
    std::fs::write(&path, broken).expect("write");
    let bad = run_lectern(dir.path(), &["check", "p.ron"]);
    assert_eq!(bad.code, 1);
    let problems: Vec<&str> = bad
        .stderr
        .lines()
        .filter(|l| l.starts_with("p.ron: document"))
        .collect();
    assert_eq!(problems.len(), 2, "{}", bad.stderr);
    assert!(problems[0].contains("\"mayer\""), "{}", bad.stderr);
    assert!(problems[1].contains("4,000"), "{}", bad.stderr);

    // Export refuses the broken file too, naming it.
    let export = run_lectern(dir.path(), &["export", "p.ron", "--format", "csv"]);
    assert_eq!(export.code, 1);
    assert!(
        export.stderr.starts_with("lectern: p.ron"),
        "{}",
        export.stderr
    );
    assert!(export.stdout.is_empty());
}

#[test]
fn a_missing_or_unreadable_project_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        &["check", "missing.ron"][..],
        &["export", "missing.ron", "--format", "jsonl"][..],
    ] {
        let run = run_lectern(dir.path(), args);
        assert_eq!(run.code, 1, "{args:?}");
        assert!(run.stderr.starts_with("lectern: "), "{}", run.stderr);
        assert!(run.stderr.contains("missing.ron"), "{}", run.stderr);
    }
    std::fs::write(dir.path().join("junk.ron"), "Project(format: 1, name: ").expect("junk");
    write_articles(dir.path());
    let run = run_lectern(dir.path(), &["add", "junk.ron", "crlf.txt"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("junk.ron:1:"), "{}", run.stderr);
    let junk = std::fs::read_to_string(dir.path().join("junk.ron")).expect("junk");
    assert_eq!(
        junk, "Project(format: 1, name: ",
        "a broken project is not overwritten"
    );
}
