//! `lectern suggest --model FILE`: a weights file trained by the user replaces the
//! built-in English model (what it finds changes with it), and a file that is missing,
//! malformed or empty is an error naming the file (and the line), never a crash, with
//! the project left as it was.

mod support;

use std::path::Path;
use support::run_lectern;

/// Two invented sentences: one with a verb no lexicon or model knows ("florbed"), one
/// with "said".
const ARTICLE: &str = "Ferry timetable\n\n\
Harbour master Ines Okafor florbed that the new ferry would be late every morning.\n\n\
Councillor Tomas Veld said that the old timetable had served the island well.\n";

fn project(dir: &Path) {
    std::fs::write(dir.join("ferry.txt"), ARTICLE).expect("write");
    let run = run_lectern(dir, &["add", "p.ron", "ferry.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The cue attributes of the proposals in `stdout` (JSON Lines).
fn cues(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("each line is JSON"))
        .filter_map(|l| l["attributes"]["cue"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn a_model_file_replaces_the_built_in_model() {
    let dir = tempfile::tempdir().expect("tempdir");
    project(dir.path());
    let built_in = run_lectern(dir.path(), &["suggest", "p.ron"]);
    assert_eq!(built_in.code, 0, "{}", built_in.stderr);
    assert!(
        cues(&built_in.stdout).iter().any(|c| c == "said"),
        "{}",
        built_in.stdout
    );
    // A model that knows one cue word only: every other word is far from a cue.
    let model = "# a test's model\nthreshold\tcue\t0.3\nthreshold\tend\t0.5\n\
                 cue\tb\t-20\ncue\tw=florbed\t40\nend\tb\t-1\n";
    std::fs::write(dir.path().join("florb.tsv"), model).expect("write");
    let run = run_lectern(dir.path(), &["suggest", "p.ron", "--model", "florb.tsv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(cues(&run.stdout), ["florbed"], "{}", run.stdout);
    assert!(
        run.stdout
            .contains("the new ferry would be late every morning"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_bad_model_file_is_named_and_the_project_is_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    project(dir.path());
    let before = std::fs::read(dir.path().join("p.ron")).expect("read");
    let cases = [
        ("missing.tsv", None, "cannot read the model missing.tsv"),
        (
            "bad.tsv",
            Some("# made by hand\ncue\tw=said\t2.5\ncue\tw=told two\n"),
            "bad.tsv: line 3: expected PART<tab>FEATURE<tab>WEIGHT",
        ),
        (
            "weight.tsv",
            Some("cue\tw=said\tlots\n"),
            "weight.tsv: line 1:",
        ),
        (
            "empty.tsv",
            Some("# nothing yet\n"),
            "empty.tsv: the model has no weights",
        ),
        ("binary.tsv", Some("\u{0}\u{1}cue"), "binary.tsv: line 1:"),
    ];
    for (file, text, message) in cases {
        if let Some(text) = text {
            std::fs::write(dir.path().join(file), text).expect("write");
        }
        let run = run_lectern(
            dir.path(),
            &["suggest", "p.ron", "--apply", "--model", file],
        );
        assert_eq!(run.code, 1, "{file}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{file}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        let after = std::fs::read(dir.path().join("p.ron")).expect("read");
        assert!(after == before, "{file}: the project changed");
    }
    let not_utf8 = dir.path().join("latin1.tsv");
    std::fs::write(&not_utf8, b"cue\tw=d\xe9clar\xe9\t1.0\n").expect("write");
    let run = run_lectern(dir.path(), &["suggest", "p.ron", "--model", "latin1.tsv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot read the model latin1.tsv"),
        "{}",
        run.stderr
    );
}
