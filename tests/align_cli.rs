//! `lectern align` end to end on the invented ferry story (tests/fixtures/align/story.ron,
//! written by src/align/fixture.rs, where the expected grouping is worked out by hand).

mod support;

use std::path::{Path, PathBuf};
use support::{Run, run_lectern};

/// Runs `lectern align ARGS` in the fixtures folder.
fn align(args: &[&str]) -> Run {
    let args: Vec<&str> = ["align"].iter().chain(args).copied().collect();
    run_lectern(&fixtures(), &args)
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align")
}

/// Every row of the story, cell by cell: statement, speaker, document, span, kind,
/// similarity (share of the fullest version's 20 or 22 words, or content similarity), text,
/// the kind found and whether a coder confirmed it (none has, in the story as written).
const STORY_CSV: &str = "\
statement,speaker,doc_id,doc_title,outlet,span_id,start,end,kind,similarity,text,found_kind,confirmed
1,Brandvold,1,Ferry to pause for pier rebuild,Marrow Bay Courier,1001,33,135,whole,1,We’re not closing the ferry for good; we’re pausing it for twenty-five weeks while the pier is rebuilt,whole,no
1,Brandvold,2,Island ferry paused for 25 weeks,The National Ledger,2001,34,127,whole,1,We're not closing the ferry for good; we're pausing it for 25 weeks while the pier is rebuilt,whole,no
1,Brandvold,3,Coastline FM news bulletin,Coastline FM,3002,55,154,paraphrase,0.474,\"the ferry would be paused for about six months while the pier is rebuilt, rather than shut for good\",paraphrase,no
1,Brandvold,4,FERRY FURY,The Daily Tribune,4001,12,76,cut,0.65,We’re not closing the ferry for good … while the pier is rebuilt,cut,no
2,Ilse Brandvold,1,Ferry to pause for pier rebuild,Marrow Bay Courier,1003,183,248,whole,1,We’re not closing the harbour office; it stays open every weekday,whole,no
2,Ilse Brandvold,2,Island ferry paused for 25 weeks,The National Ledger,,,,absent,,,,
2,Ilse Brandvold,3,Coastline FM news bulletin,Coastline FM,,,,absent,,,,
2,Ilse Brandvold,4,FERRY FURY,The Daily Tribune,,,,absent,,,,
3,Tomas Ferreira,1,Ferry to pause for pier rebuild,Marrow Bay Courier,1005,263,404,whole,1,This is a stone-cold betrayal of every family on the island and people won’t forget it at the ballot box,whole,no
3,Tomas Ferreira,2,Island ferry paused for 25 weeks,The National Ledger,2003,235,286,cut,0.455,a stone cold betrayal of every family on the island,cut,no
3,Tomas Ferreira,3,Coastline FM news bulletin,Coastline FM,3003,177,234,paraphrase,0.56,islanders would not forget the betrayal at the ballot box,paraphrase,no
3,Tomas Ferreira,4,FERRY FURY,The Daily Tribune,4003,116,142,cut,0.227,It’s a stone-cold betrayal,cut,no
4,Ferreira,1,Ferry to pause for pier rebuild,Marrow Bay Courier,,,,absent,,,,
4,Ferreira,2,Island ferry paused for 25 weeks,The National Ledger,,,,absent,,,,
4,Ferreira,3,Coastline FM news bulletin,Coastline FM,,,,absent,,,,
4,Ferreira,4,FERRY FURY,The Daily Tribune,4005,146,189,whole,1,The pier has been left to rot for ten years,whole,no
";

/// The CSV's records, each a list of cells.
fn records(csv_text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

/// Compares two CSV texts cell by cell, naming the row and column of the first difference.
fn assert_cells(got: &str, expected: &str) {
    let (got, expected) = (records(got), records(expected));
    let header = &expected[0];
    for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(g.len(), e.len(), "row {i}: {g:?}");
        for (c, (gc, ec)) in g.iter().zip(e).enumerate() {
            assert_eq!(gc, ec, "row {i}, column {}", header[c]);
        }
    }
    assert_eq!(got.len(), expected.len(), "rows");
}

#[test]
fn csv_has_a_row_per_version_and_per_document_without_the_statement() {
    let r = align(&["story.ron", "-f", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_cells(&r.stdout, STORY_CSV);
    // Grouping by the story field compares the same four documents.
    let by_story = align(&["story.ron", "--by", "story", "--format", "csv"]);
    assert_eq!(by_story.stdout, r.stdout);
}

#[test]
fn json_rows_have_numbers_and_null_span_columns_for_absent_documents() {
    let r = align(&["story.ron", "-f", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 16);
    assert_eq!(rows[3]["kind"], "cut");
    assert_eq!(rows[3]["similarity"], 0.65);
    assert_eq!(rows[3]["span_id"], 4001);
    assert_eq!(rows[5]["kind"], "absent");
    assert_eq!(rows[5]["span_id"], serde_json::Value::Null);
    assert_eq!(rows[5]["outlet"], "The National Ledger");
}

#[test]
fn text_lists_each_statement_with_its_versions() {
    let r = align(&["story.ron"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("Statement 1 — Brandvold (proposed)\n"));
    assert!(r.stdout.contains(
        "  cut        0.650  The Daily Tribune — FERRY FURY (doc 4, span 4001): “We’re not closing the ferry for good … while the pier is rebuilt”\n"
    ));
    assert!(
        r.stdout
            .contains("  absent            Coastline FM — Coastline FM news bulletin (doc 3)\n")
    );
    assert!(r.stdout.ends_with("4 statement(s) from 10 quote(s)\n"));
}

#[test]
fn output_file_and_mistakes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("statements.csv");
    let r = align(&["story.ron", "-f", "csv", "-o", out.to_str().expect("path")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out).expect("written"), STORY_CSV);
    assert!(
        r.stderr.contains("4 statement(s) from 10 quote span(s)"),
        "{}",
        r.stderr
    );

    let r = align(&["story.ron", "--label", "quotation"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("label \"quotation\" is not in story.ron"),
        "{}",
        r.stderr
    );
    // Any label can be grouped: attributions are not in quotation marks, so they can only
    // be paraphrases of each other, as the two naming the union leader are.
    let r = align(&["story.ron", "--label", "attribution", "-f", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let statement_of = |span: u64| {
        let rows = rows.as_array().expect("array");
        let row = rows.iter().find(|r| r["span_id"] == span).expect("row");
        (row["statement"].clone(), row["kind"].clone())
    };
    assert_eq!(statement_of(1006).0, statement_of(2004).0);
    assert_eq!(statement_of(1006).1, "paraphrase");
    assert_ne!(statement_of(1002).0, statement_of(1004).0);
    let r = align(&["missing.ron"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("missing.ron"), "{}", r.stderr);
    // A field the project does not have is an error naming the fields it has (custom
    // ones included), not a quiet comparison of the whole project.
    let r = align(&[
        "story.ron",
        "--by",
        "region",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr.contains(
            "--by \"region\": story.ron has no such field; documents can be compared by \
             outlet, date, author, status, story"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&out).expect("left alone"),
        STORY_CSV,
        "a failed run leaves the earlier output untouched"
    );
    // A custom field is found whatever its case.
    let r = align(&["story.ron", "--by", "Story", "-f", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        align(&["story.ron", "--by", "story", "-f", "csv"]).stdout
    );
}

#[test]
fn corrections_saved_in_the_project_are_what_align_writes() {
    use lectern::align::{Options, correct};
    use lectern::model::{History, SpanId, VersionKind};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = lectern::store::load(&fixtures().join("story.ron")).expect("story");
    let mut h = History::default();
    // The coder splits the radio's paraphrase off the ferry statement, and calls the
    // Ledger's cut of the betrayal quote whole.
    let a = lectern::align::align(&p, &Options::default());
    let c = correct::move_version(&p, &a, SpanId(3002), None).expect("move");
    h.apply(&mut p, c.description, c.edits).expect("apply");
    let a = lectern::align::align(&p, &Options::default());
    let st = a.statement_of(SpanId(2003)).expect("statement").clone();
    let c = correct::set_kind(&p, &st, SpanId(2003), Some(VersionKind::Whole)).expect("kind");
    h.apply(&mut p, c.description, c.edits).expect("apply");
    let path = dir.path().join("corrected.ron");
    lectern::store::save(&p, &path).expect("save");

    let r = align(&[path.to_str().expect("path"), "-f", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = records(&r.stdout);
    let row = |span: &str| {
        rows.iter()
            .find(|r| r[5] == span)
            .unwrap_or_else(|| panic!("no row for span {span}"))
            .clone()
    };
    // statement, kind, found_kind, confirmed.
    let cells = |r: Vec<String>| (r[0].clone(), r[8].clone(), r[11].clone(), r[12].clone());
    let s = |x: &str| x.to_owned();
    // The split-off paraphrase is a saved statement of its own, numbered after the four
    // found ones (reported speech stays a paraphrase even alone); the ferry statement (1)
    // it left is saved too, its other versions confirmed there.
    assert_eq!(
        cells(row("3002")),
        (s("5"), s("paraphrase"), s("paraphrase"), s("yes"))
    );
    assert_eq!(cells(row("4001")), (s("1"), s("cut"), s("cut"), s("yes")));
    // The kind set by hand, with what the comparison found beside it; the statement,
    // saved now, keeps the number it was shown with (7: statements not yet saved are
    // numbered after the saved ones).
    assert_eq!(cells(row("2003")), (s("7"), s("whole"), s("cut"), s("yes")));
    // A statement no one corrected is still a proposal, numbered after the saved ones.
    assert_eq!(
        cells(row("1003")),
        (s("8"), s("whole"), s("whole"), s("no"))
    );
    // The radio's document no longer prints the ferry statement: an absent row.
    assert!(
        rows.iter()
            .any(|r| r[0] == "1" && r[2] == "3" && r[8] == "absent"),
        "{}",
        r.stdout
    );
}
