use super::*;
use crate::model::{DocId, Document, Edit};

fn sample() -> Project {
    let mut p = Project::new("Bridge row");
    let mut d = Document::new(
        DocId(1),
        "Mayor vows to fight",
        "“It’s a disgrace,” said Ms\u{a0}Παπαδάκη — twice.\nSecond line 😀 “end”.",
    );
    d.metadata.outlet = "Northgate Public Radio".into();
    p.documents.push(d);
    for (label, s, e) in [("quote", 1, 16), ("descriptor", 27, 35), ("claim", 50, 56)] {
        let span = p.make_span(DocId(1), label, s, e).expect("span");
        Edit::AddSpan {
            doc: DocId(1),
            span,
        }
        .apply(&mut p)
        .expect("add");
    }
    p
}

#[test]
fn round_trip_keeps_everything_and_is_readable() {
    let p = sample();
    let text = to_ron(&p).expect("ron");
    assert!(text.contains("Παπαδάκη"), "non-ASCII kept literal:\n{text}");
    assert!(text.contains("“It’s a disgrace”") || text.contains("It’s a disgrace"));
    assert!(text.contains("format: 2"));
    let back = from_ron(&text, Path::new("x.ron")).expect("parse");
    assert_eq!(back, p);
    // Saving twice gives identical bytes (stable order).
    assert_eq!(to_ron(&back).expect("ron"), text);
}

#[test]
fn save_and_load_through_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    save(&sample(), &path).expect("save");
    assert_eq!(load(&path).expect("load"), sample());
}

#[test]
fn truncated_file_reports_line_and_column() {
    let text = to_ron(&sample()).expect("ron");
    let cut = &text[..text.len() / 2];
    match from_ron(cut, Path::new("cut.ron")) {
        Err(StoreError::Parse { line, column, .. }) => {
            assert!(line > 1 && column >= 1);
            let msg = from_ron(cut, Path::new("cut.ron")).unwrap_err().to_string();
            assert!(
                msg.starts_with(&format!("cut.ron:{line}:{column}")),
                "{msg}"
            );
        }
        other => panic!("expected parse error, got {other:?}"),
    }
}

#[test]
fn wrong_types_report_a_place() {
    let text = to_ron(&sample())
        .expect("ron")
        .replace("start: 1,", "start: \"one\",");
    let err = from_ron(&text, Path::new("t.ron")).unwrap_err();
    assert!(matches!(err, StoreError::Parse { .. }), "{err}");
}

#[test]
fn future_format_is_refused_by_number() {
    let text = to_ron(&sample())
        .expect("ron")
        .replace("format: 2", "format: 99");
    let err = from_ron(&text, Path::new("f.ron")).unwrap_err();
    assert!(
        matches!(err, StoreError::FutureFormat { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer"));
}

#[test]
fn out_of_range_and_mismatched_spans_name_the_span() {
    let good = to_ron(&sample()).expect("ron");
    let bad_range = good.replace("end: 56,", "end: 5600,");
    let err = from_ron(&bad_range, Path::new("r.ron")).unwrap_err();
    assert!(err.to_string().contains("span 3"), "{err}");
    assert!(err.to_string().contains("past the end"), "{err}");
    let bad_text = good.replace("text: \"It’s a disgrace\"", "text: \"Its a disgrace\"");
    let err = from_ron(&bad_text, Path::new("m.ron")).unwrap_err();
    assert!(err.to_string().contains("differs"), "{err}");
}

#[test]
fn invalid_utf8_and_missing_file_are_errors_not_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bin.ron");
    std::fs::write(&path, b"(format: 1, name: \"\xff\xfe\")").expect("write");
    let err = load(&path).unwrap_err();
    assert!(err.to_string().contains("not UTF-8"), "{err}");
    let err = load(&dir.path().join("missing.ron")).unwrap_err();
    assert!(err.to_string().contains("missing.ron"), "{err}");
}

#[test]
fn crlf_and_bom_in_project_file_are_accepted() {
    // As git's core.autocrlf on Windows leaves it: CRLF even inside the article texts,
    // which are written with real line breaks. A document without spans is only caught
    // by its content hash, so one is added.
    let mut p = sample();
    p.documents.push(Document::new(
        DocId(2),
        "No spans",
        "First line.\nSecond line.\n",
    ));
    let text = to_ron(&p).expect("ron").replace('\n', "\r\n");
    let text = format!("\u{feff}{text}");
    let back = from_ron(&text, Path::new("w.ron")).expect("parse");
    assert!(
        back.documents
            .iter()
            .all(|d| !d.text.as_str().contains('\r'))
    );
    assert_eq!(back, p);
    assert!(back.warnings().is_empty(), "{:?}", back.warnings());
}

#[test]
fn texts_keep_real_line_breaks_and_each_span_is_one_line() {
    let mut p = sample();
    let tricky = "A \"straight\" quote, a back\\slash, \"# and r#\"raw\"#,\ta tab.\nNext.";
    let mut d = Document::new(DocId(2), "Tricky \"title\"", tricky);
    d.memo = "two\nlines".into();
    p.documents.push(d);
    let span = p.make_span(DocId(2), "quote", 2, 16).expect("span");
    Edit::AddSpan {
        doc: DocId(2),
        span,
    }
    .apply(&mut p)
    .expect("add");
    let text = to_ron(&p).expect("ron");
    // The article reads as prose in the file: its second line is a line of the file.
    assert!(
        text.lines().any(|l| l.starts_with("Second line 😀")),
        "{text}"
    );
    // One span, one line: a changed span is a one-line diff and grep counts spans.
    let span_lines = text
        .lines()
        .filter(|l| l.trim_start().starts_with("Span("))
        .count();
    assert_eq!(span_lines, 4, "{text}");
    assert!(text.contains(r#"text: "It’s a disgrace")"#), "{text}");
    let back = from_ron(&text, Path::new("t.ron")).expect("parse");
    assert_eq!(back, p);
    assert_eq!(back.documents[1].text.as_str(), tricky);
}

#[test]
fn edited_text_with_stale_hash_loads_with_a_warning() {
    let text = to_ron(&sample()).expect("ron").replace("twice.", "TWICE.");
    let p = from_ron(&text, Path::new("h.ron")).expect("still loads: spans still match");
    let w = p.warnings();
    assert_eq!(w.len(), 1);
    assert!(w[0].to_string().contains("content_hash"), "{}", w[0]);
    assert!(sample().warnings().is_empty());
}

#[test]
fn format_1_files_still_open_and_gain_relation_types() {
    let mut v1 = sample();
    v1.format = 1;
    v1.relation_types.clear();
    let text = to_ron(&v1)
        .expect("ron")
        .replace("  relation_types: [],\n", "");
    assert!(!text.contains("relation_types"));
    let p = from_ron(&text, Path::new("v1.ron")).expect("v1 opens");
    assert_eq!(p.format, CURRENT_FORMAT);
    assert_eq!(p.relation_types, crate::model::default_relation_types());
}

/// The complete example in docs/project-format.md is a file Lectern reads and writes back
/// unchanged, so the page never shows a layout Lectern does not write. Set
/// `LECTERN_BLESS=1` to rewrite the example after changing how projects are written.
#[test]
fn documented_example_is_what_lectern_writes() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/project-format.md");
    let page = std::fs::read_to_string(&path).expect("docs/project-format.md");
    let start = page.find("```ron\n").expect("a ron block") + "```ron\n".len();
    let end = start + page[start..].find("```\n").expect("end of the block");
    let example = &page[start..end];
    let project = from_ron(example, Path::new("example.ron")).expect("the example parses");
    let written = to_ron(&project).expect("ron");
    if std::env::var_os("LECTERN_BLESS").is_some() {
        let page = format!("{}{written}{}", &page[..start], &page[end..]);
        std::fs::write(&path, page).expect("write the page");
    } else {
        assert!(
            written == example,
            "the example in docs/project-format.md is not what Lectern writes; run with LECTERN_BLESS=1\n{written}"
        );
    }
    // The codebook example too, through the files the window reads and writes.
    let start = page.find("```ron\nCodebook(").expect("a codebook block") + "```ron\n".len();
    let end = start + page[start..].find("```\n").expect("end of the block");
    let dir = tempfile::tempdir().expect("tempdir");
    let (given, saved) = (dir.path().join("given.ron"), dir.path().join("saved.ron"));
    std::fs::write(&given, &page[start..end]).expect("write");
    let codebook = codebook::load_codebook(&given).expect("the codebook example parses");
    codebook::save_codebook(&codebook, &saved).expect("save");
    let written = std::fs::read_to_string(&saved).expect("read");
    assert!(
        written == page[start..end],
        "the codebook example in docs/project-format.md is not what Lectern writes:\n{written}"
    );
}

#[test]
fn the_fast_writer_writes_spans_and_relations_itself() {
    let sample_project =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/harbour-bridge.ron");
    let p = load(&sample_project).expect("the sample project");
    assert!(p.documents.iter().any(|d| !d.relations.is_empty()));
    let shell = super::fast_write::shell(&p, pretty_config())
        .expect("ron")
        .expect("fast path taken");
    // ron's part holds no article text and no span line.
    assert!(shell.len() < to_ron(&p).expect("ron").len() / 4);
    assert!(!shell.contains("Span(id: 1,"));
    let mut fast = Vec::new();
    super::fast_write::write(&p, &shell, &mut fast).expect("write");
    let by_ron = ron::ser::to_string_pretty(&p, pretty_config()).expect("ron");
    assert!(fast == by_ron.as_bytes());
    // What `save` writes is exactly that, with a final line break.
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = dir.path().join("saved.ron");
    save(&p, &saved).expect("save");
    assert!(std::fs::read_to_string(&saved).expect("read") == by_ron + "\n");
    // A project holding the writer's marker is left to ron.
    let mut marked = p;
    marked.documents[0].memo = "\u{1}".to_owned();
    assert!(
        super::fast_write::shell(&marked, pretty_config())
            .expect("ron")
            .is_none()
    );
    assert!(to_ron(&marked).expect("ron").contains("memo: \"\u{1}\""));
}

#[test]
fn the_assistants_least_confidence_is_kept_and_left_out_while_default() {
    let default = to_ron(&sample()).expect("ron");
    assert!(
        !default.contains("assistant"),
        "an unchanged project writes what it wrote before:\n{default}"
    );
    assert_eq!(
        from_ron(&default, Path::new("old.ron"))
            .expect("parse")
            .assistant
            .min_confidence,
        crate::model::DEFAULT_MIN_CONFIDENCE,
        "a file without the setting gets the default"
    );
    let mut p = sample();
    Edit::SetAssistant {
        old: p.assistant,
        new: crate::model::AssistantSettings { min_confidence: 55 },
    }
    .apply(&mut p)
    .expect("set");
    let text = to_ron(&p).expect("ron");
    assert!(text.contains("min_confidence: 55"), "{text}");
    assert_eq!(from_ron(&text, Path::new("x.ron")).expect("parse"), p);
    assert_eq!(fast_read::parse(&text).expect("fast path reads it"), p);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    save(&p, &path).expect("save");
    assert_eq!(load(&path).expect("load").assistant.min_confidence, 55);
}
