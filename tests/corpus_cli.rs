//! Corpus work on the command line: articles from tables (`lectern add`), metadata tables
//! (`lectern meta`), label mapping and grouped warnings on import.

mod support;

use lectern::store;
use std::path::Path;
use support::{brat_with_events, run_lectern as lectern};

/// A CSV as Excel's "CSV UTF-8" writes it: a byte order mark, CRLF, a quoted cell with a
/// line break, an empty text cell, a repeated article, and columns under alias names.
const CORPUS_CSV: &str = "\u{feff}id,headline,body,publisher,publication_date,byline,wave\r\n\
    a1,Bridge row,\"“It’s a disgrace,” said Ms\u{a0}Παπαδάκη 😤.\r\nThe minister disagreed.\",Harbour Post,2024-05-01,Ana Ruiz,1\r\n\
    a2,Empty body,,Tide Times,2024-05-02,,1\r\n\
    a3,Ferry fares,\"Fares rise — again, riders say.\",Tide Times,2024-05-03,Bo Lind,2\r\n\
    a4,Bridge row again,\"“It’s a disgrace,” said Ms\u{a0}Παπαδάκη 😤.\r\nThe minister disagreed.\",Harbour Post,2024-05-01,,1\r\n";

#[test]
fn add_a_csv_makes_one_document_per_row_and_reports_rows_without_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("corpus.csv"), CORPUS_CSV).expect("write");
    let run = lectern(dir.path(), &["add", "p.ron", "corpus.csv"]);
    assert_eq!(
        run.code, 1,
        "a skipped row makes the status 1: {}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("corpus.csv: row 3 has no text in column \"body\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("corpus.csv, row 5 is already in the project"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("corpus.csv: 2 documents from its rows"),
        "{}",
        run.stderr
    );
    let p = store::load(&dir.path().join("p.ron")).expect("load");
    assert_eq!(p.documents.len(), 2);
    let d = &p.documents[0];
    assert_eq!(d.title, "Bridge row");
    assert_eq!(
        d.text.as_str(),
        "“It’s a disgrace,” said Ms\u{a0}Παπαδάκη 😤.\nThe minister disagreed."
    );
    let m = &d.metadata;
    assert_eq!(
        (m.outlet.as_str(), m.date.as_str(), m.author.as_str()),
        ("Harbour Post", "2024-05-01", "Ana Ruiz")
    );
    assert_eq!(m.custom["id"], "a1");
    assert_eq!(m.custom["wave"], "1");
    assert_eq!(p.custom_fields, ["id", "wave"]);
    assert_eq!(p.documents[1].metadata.custom["id"], "a3");
}

#[test]
fn add_reads_xlsx_and_jsonl_with_the_columns_named_on_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["story", "pub", "junk"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    sheet
        .write_string(1, 0, "Καλημέρα, “harbour”\nline two")
        .expect("cell");
    sheet.write_string(1, 1, "Harbour Post").expect("cell");
    sheet.write_string(1, 2, "x").expect("cell");
    book.save(dir.path().join("sheet.xlsx")).expect("save");
    std::fs::write(
        dir.path().join("feed.jsonl"),
        "{\"story\": \"From a feed 😀\", \"pub\": \"Tide Times\", \"url\": \"https://example.org/1\"}\n",
    )
    .expect("write");
    let run = lectern(
        dir.path(),
        &[
            "add",
            "p.ron",
            "sheet.xlsx",
            "--text-column",
            "story",
            "--column",
            "pub=outlet",
            "--column",
            "junk=none",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = lectern(
        dir.path(),
        &["add", "p.ron", "feed.jsonl", "--column", "junk=none"],
    );
    assert!(
        run.stderr
            .contains("no column named \"junk\"; its columns are \"story\", \"pub\", \"url\""),
        "{}",
        run.stderr
    );
    let run = lectern(
        dir.path(),
        &[
            "add",
            "p.ron",
            "feed.jsonl",
            "--column",
            "story=text",
            "--column",
            "pub=outlet",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let p = store::load(&dir.path().join("p.ron")).expect("load");
    assert_eq!(p.documents.len(), 2);
    assert_eq!(
        p.documents[0].text.as_str(),
        "Καλημέρα, “harbour”\nline two"
    );
    assert_eq!(p.documents[0].title, "Καλημέρα, “harbour”");
    assert_eq!(p.documents[0].metadata.outlet, "Harbour Post");
    assert!(p.documents[0].metadata.custom.is_empty());
    assert_eq!(p.documents[1].metadata.url, "https://example.org/1");
    assert!(p.custom_fields.is_empty(), "{:?}", p.custom_fields);
}

#[test]
fn a_table_without_a_text_column_adds_nothing_and_names_the_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("meta.tsv"),
        "filename\tpublisher\nx\tHarbour Post\n",
    )
    .expect("write");
    let run = lectern(dir.path(), &["add", "p.ron", "meta.tsv"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no article text column") && run.stderr.contains("\"publisher\""),
        "{}",
        run.stderr
    );
    assert!(
        !dir.path().join("p.ron").exists(),
        "nothing to add: no project written"
    );
    let run = lectern(
        dir.path(),
        &["add", "p.ron", "meta.tsv", "--column", "publisher"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("expected NAME=FIELD"), "{}", run.stderr);
}

#[test]
fn adding_to_an_existing_project_leaves_it_untouched_when_nothing_is_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("corpus.csv"), CORPUS_CSV).expect("write");
    assert_eq!(lectern(dir.path(), &["add", "p.ron", "corpus.csv"]).code, 1);
    let before = std::fs::read(dir.path().join("p.ron")).expect("read");
    let run = lectern(dir.path(), &["add", "p.ron", "corpus.csv"]);
    assert!(
        run.stderr.contains("left unchanged; 0 articles added"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(dir.path().join("p.ron")).expect("read"),
        before
    );
    let _ = Path::new("");
}

#[test]
fn import_groups_its_warnings_by_kind_and_writes_the_full_list_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let brat = brat_with_events(dir.path());
    let run = lectern(
        dir.path(),
        &[
            "import",
            "p.ron",
            "--format",
            "brat",
            brat.to_str().expect("path"),
            "--warnings",
            "w.txt",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let err = &run.stderr;
    let malformed = err.find("1 × malformed lines").expect(err);
    let events = err.find("12 × brat events became relations").expect(err);
    assert!(malformed < events, "the rare kind first: {err}");
    assert!(err.contains("… and 9 more"), "{err}");
    assert_eq!(
        err.matches("became 2 relation(s)").count(),
        3,
        "three examples: {err}"
    );
    assert!(
        err.contains("the full list of 13 warnings is in w.txt"),
        "{err}"
    );
    let list = std::fs::read_to_string(dir.path().join("w.txt")).expect("list");
    assert_eq!(list.matches("became 2 relation(s)").count(), 12, "{list}");
    assert!(list.contains("a.ann:49: T99: bad offsets"), "{list}");
    let p = store::load(&dir.path().join("p.ron")).expect("load");
    assert_eq!(p.documents[0].spans.len(), 36);
    assert_eq!(p.documents[0].relations.len(), 24);
}

#[test]
fn meta_fills_fields_reports_what_did_not_match_and_leaves_a_twice_matched_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (stem, text) in [
        (
            "harbour_bridge",
            "“It’s a disgrace,” said Ms\u{a0}Ωμέγα 😤.",
        ),
        ("tide_ferry", "Fares rise — again."),
        ("agora_market", "Stalls close early."),
    ] {
        std::fs::write(dir.path().join(format!("{stem}.txt")), text).expect("write");
    }
    let run = lectern(
        dir.path(),
        &[
            "add",
            "p.ron",
            "harbour_bridge.txt",
            "tide_ferry.txt",
            "agora_market.txt",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::write(
        dir.path().join("meta.csv"),
        "\u{feff}doc,Media,Publication Date,headline,wave\r\n\
         harbour_bridge,Harbour Post,2024-05-01,Bridge row,1\r\n\
         tide_ferry,Tide Times,2024-05-03,Ferry fares,2\r\n\
         tide_ferry,Tide Times,2024-05-04,Ferry fares again,2\r\n\
         missing_one,Nowhere News,2024-05-05,,3\r\n",
    )
    .expect("write");
    let before = std::fs::read(dir.path().join("p.ron")).expect("read");
    let run = lectern(dir.path(), &["meta", "p.ron", "meta.csv"]);
    assert_eq!(run.code, 1, "no key column recognised: {}", run.stderr);
    assert!(
        run.stderr.contains("no document key column") && run.stderr.contains("--key"),
        "{}",
        run.stderr
    );
    let run = lectern(
        dir.path(),
        &["meta", "p.ron", "meta.csv", "--key", "doc", "--dry-run"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("not written (dry run)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(dir.path().join("p.ron")).expect("read"),
        before
    );
    let run = lectern(
        dir.path(),
        &[
            "meta",
            "p.ron",
            "meta.csv",
            "--key",
            "doc",
            "--column",
            "wave=none",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("1 of 3 documents matched a row of the table (4 rows); 1 changed"),
        "{err}"
    );
    assert!(
        err.contains("\"Fares rise — again.\" is matched by row 3 and row 4; left unchanged"),
        "{err}"
    );
    assert!(
        err.contains("row 5: \"missing_one\" matches no document"),
        "{err}"
    );
    assert!(err.contains("agora_market.txt): no row matched"), "{err}");
    let p = store::load(&dir.path().join("p.ron")).expect("load");
    let d = &p.documents[0];
    assert_eq!(
        (
            d.title.as_str(),
            d.metadata.outlet.as_str(),
            d.metadata.date.as_str()
        ),
        ("Bridge row", "Harbour Post", "2024-05-01")
    );
    assert!(
        p.custom_fields.is_empty(),
        "wave was left out: {:?}",
        p.custom_fields
    );
    assert_eq!(p.documents[1].metadata.outlet, "");
}

#[test]
fn import_maps_and_drops_types_and_refuses_a_type_the_file_lacks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let brat = brat_with_events(dir.path());
    let folder = brat.to_str().expect("path");
    let run = lectern(
        dir.path(),
        &[
            "import",
            "p.ron",
            "--format",
            "brat",
            folder,
            "--map",
            "Contnt=quote",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("no span type \"Contnt\"; its types are Content, Cue, Source"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("p.ron").exists(), "nothing imported");
    let run = lectern(
        dir.path(),
        &[
            "import",
            "p.ron",
            "--format",
            "brat",
            folder,
            "--map",
            "Content=quote",
            "--map",
            "Source=attribution",
            "--drop",
            "Cue",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("type \"Cue\" dropped: 12 span(s) and 24 relation(s)"),
        "{}",
        run.stderr
    );
    let p = store::load(&dir.path().join("p.ron")).expect("load");
    let names: Vec<&str> = p.labels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        ["quote", "claim", "descriptor", "attribution"],
        "no new labels"
    );
    let d = &p.documents[0];
    assert_eq!(d.spans.iter().filter(|s| s.label == "quote").count(), 12);
    assert_eq!(d.spans.len(), 24);
}
