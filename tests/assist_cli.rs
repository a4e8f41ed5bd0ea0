//! `lectern suggest` end to end on a project made by `lectern add` from plain articles:
//! JSON Lines with rule and confidence, `--apply` writing spans, relations and
//! attributes once (a second run adds nothing), `--doc`, `-o`, and a small regression
//! check of the assistant on invented articles.

mod support;

use lectern::store;
use std::path::Path;
use support::run_lectern;

const HARBOUR: &str = "Bridge to reopen in May\n\n\
Transport Minister Gregor Ward said on Monday that the harbour bridge would reopen in May.\n\n\
“The repairs are finished,” he told reporters. “Now we test.”\n\n\
Residents are not convinced, according to Ana Ruiz, who leads the council.\n";

const MARKET: &str = "Market hall plan\n\n\
« Nous ne céderons pas », said Ελένη Παπαδάκη 😀.\n\n\
Ms Παπαδάκη said the market hall would stay open.\n";

fn project(dir: &Path) {
    std::fs::write(dir.join("harbour.txt"), HARBOUR).expect("write");
    std::fs::write(dir.join("market.txt"), MARKET).expect("write");
    let run = run_lectern(dir, &["add", "p.ron", "harbour.txt", "market.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn suggest_writes_json_lines_with_pieces_rule_and_confidence() {
    let dir = tempfile::tempdir().expect("tempdir");
    project(dir.path());
    let run = run_lectern(dir.path(), &["suggest", "p.ron"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all = lines(&run.stdout);
    let quote = all
        .iter()
        .find(|l| l["text"] == "“The repairs are finished,” “Now we test.”")
        .expect("the interrupted quote");
    assert_eq!(quote["label"], "quote");
    assert_eq!(quote["document"], 1);
    assert_eq!(quote["rule"], "interrupted-quote");
    assert_eq!(quote["attributes"]["speaker"], "Gregor Ward");
    assert_eq!(quote["pieces"].as_array().expect("pieces").len(), 2);
    let c = quote["confidence"].as_f64().expect("confidence");
    assert!(c > 0.5 && c <= 1.0);
    let link = &quote["links"][0];
    assert_eq!(link["relation"], "introduces");
    let att = all
        .iter()
        .find(|l| l["id"] == link["from"])
        .expect("attribution line");
    assert_eq!(att["label"], "attribution");
    assert_eq!(att["text"], "he told");
    assert_eq!(att["attributes"]["cue"], "told");
    // Pieces are code points of the stored text, whatever the script.
    let p = store::load(&dir.path().join("p.ron")).expect("load");
    let greek = all
        .iter()
        .find(|l| l["text"].as_str().is_some_and(|t| t.contains("céderons")))
        .expect("the French quote");
    let text: Vec<char> = p.documents[1].text.as_str().chars().collect();
    let a = greek["pieces"][0][0].as_u64().expect("start") as usize;
    let b = greek["pieces"][0][1].as_u64().expect("end") as usize;
    assert_eq!(
        text[a..b].iter().collect::<String>(),
        greek["text"].as_str().expect("text")
    );
    assert_eq!(greek["attributes"]["speaker"], "Ελένη Παπαδάκη");
}

#[test]
fn apply_adds_spans_relations_and_attributes_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    project(dir.path());
    let run = run_lectern(dir.path(), &["suggest", "p.ron", "--apply"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("document 1"), "{}", run.stdout);
    let p = store::load(&dir.path().join("p.ron")).expect("load");
    assert!(p.problems().is_empty());
    let d = &p.documents[0];
    let quotes: Vec<_> = d.spans.iter().filter(|s| s.label == "quote").collect();
    assert!(quotes.len() >= 3, "{quotes:#?}");
    assert!(quotes.iter().all(|q| {
        q.proposed
            .as_ref()
            .is_some_and(|p| p.accepted_by.is_empty())
    }));
    let reported = quotes
        .iter()
        .find(|q| q.text == "that the harbour bridge would reopen in May")
        .expect("reported speech");
    let link = d
        .relations
        .iter()
        .find(|r| r.to == reported.id)
        .expect("introduces");
    let att = d.span(link.from).expect("attribution");
    assert_eq!(att.attributes.get("cue").map(String::as_str), Some("said"));
    assert_eq!(
        att.attributes.get("source").map(String::as_str),
        Some("Transport Minister Gregor Ward")
    );
    assert_eq!(
        reported.attributes.get("speaker").map(String::as_str),
        Some("Gregor Ward")
    );

    let spans_before: usize = p.documents.iter().map(|d| d.spans.len()).sum();
    let again = run_lectern(dir.path(), &["suggest", "p.ron", "--apply"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stderr.contains("0 quote(s)"), "{}", again.stderr);
    let p = store::load(&dir.path().join("p.ron")).expect("load");
    let spans_after: usize = p.documents.iter().map(|d| d.spans.len()).sum();
    assert_eq!(spans_before, spans_after, "nothing is added twice");
}

#[test]
fn apply_adds_a_quote_nested_in_another_and_neither_twice() {
    // The traders' quotation inside Ana Ruiz's reported speech has its own attribution:
    // a quote of its own, not a duplicate of hers.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("quay.txt"),
        "Quay row\n\nAna Ruiz admitted that a partial closure was likely, a decision that \
         traders in Corvale described as “a slap in the face”.\n",
    )
    .expect("write");
    assert_eq!(
        run_lectern(dir.path(), &["add", "p.ron", "quay.txt"]).code,
        0
    );
    let run = run_lectern(dir.path(), &["suggest", "p.ron", "--apply"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("2 quote(s), 2 attribution(s) and 2 relation(s) added, 0 skipped"),
        "{}",
        run.stderr
    );
    let p = store::load(&dir.path().join("p.ron")).expect("load");
    let d = &p.documents[0];
    let speakers: Vec<(&str, &str)> = d
        .spans
        .iter()
        .filter(|s| s.label == "quote")
        .map(|s| {
            let who = s.attributes.get("speaker").map_or("", String::as_str);
            (s.text.as_str(), who)
        })
        .collect();
    assert_eq!(speakers.len(), 2, "{speakers:?}");
    assert!(speakers.contains(&("“a slap in the face”", "traders in Corvale")));
    assert!(
        speakers.iter().any(|(t, who)| t.contains("partial closure")
            && t.contains("slap")
            && *who == "Ana Ruiz"),
        "{speakers:?}"
    );
    let again = run_lectern(dir.path(), &["suggest", "p.ron", "--apply"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("left unchanged; 0 quote(s)"),
        "{}",
        again.stderr
    );
}

#[test]
fn doc_and_output_choose_what_and_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    project(dir.path());
    let run = run_lectern(
        dir.path(),
        &["suggest", "p.ron", "--doc", "2", "-o", "out.jsonl"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(dir.path().join("out.jsonl")).expect("out.jsonl");
    let all = lines(&text);
    assert!(!all.is_empty());
    assert!(all.iter().all(|l| l["document"] == 2));
    let bad = run_lectern(dir.path(), &["suggest", "p.ron", "--doc", "9"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("no document 9"), "{}", bad.stderr);
}

#[test]
fn min_confidence_leaves_out_quoted_words_defaults_to_the_projects_and_is_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("words.txt"),
        "Ferry row\n\nThe mayor’s “ignorant” remarks drew anger at the quay.\n\n\
         Ana Ruiz said the ferry would run again in June.\n",
    )
    .expect("write");
    assert_eq!(
        run_lectern(dir.path(), &["add", "p.ron", "words.txt"]).code,
        0
    );
    let texts = |args: &[&str]| -> Vec<String> {
        let run = run_lectern(dir.path(), args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        lines(&run.stdout)
            .iter()
            .filter(|l| l["label"] == "quote")
            .map(|l| l["text"].as_str().expect("text").to_owned())
            .collect()
    };
    let all = texts(&["suggest", "p.ron", "--min-confidence", "0"]);
    assert!(all.contains(&"“ignorant”".to_owned()), "{all:?}");
    let sure = texts(&["suggest", "p.ron", "--min-confidence", "0.3"]);
    assert!(!sure.contains(&"“ignorant”".to_owned()), "{sure:?}");
    assert!(
        sure.iter().any(|t| t.contains("ferry would run again")),
        "{sure:?}"
    );
    // Without the option, the project's own setting: 30 % for a project made by `add`…
    assert_eq!(texts(&["suggest", "p.ron"]), sure);
    // …and whatever the team set in the window, saved in the project.
    let path = dir.path().join("p.ron");
    let mut project = store::load(&path).expect("load");
    project.assistant.min_confidence = 5;
    store::save(&project, &path).expect("save");
    assert_eq!(texts(&["suggest", "p.ron"]), all);
    let bad = run_lectern(dir.path(), &["suggest", "p.ron", "--min-confidence", "2"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("between 0 and 1"), "{}", bad.stderr);
}
