//! `scripts/quote-cv` on a small invented brat corpus: it splits the articles in two
//! folds, trains a model on each (examples/train_assist.rs), proposes on the other fold
//! with `lectern suggest --model` and scores both folds with quotescore.py. The corpus's
//! reporting verb is a made-up, capitalised word ("Ines Okafor Glorp the tram would
//! close") that neither the lexicon nor the built-in model takes for a cue (it proposes
//! nothing in these articles), so only models trained on the folds — and used — find its
//! quotes.

mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::python::{available, has_shared};

const SPEAKERS: &[&str] = &[
    "Ines Okafor",
    "Tomas Veld",
    "Mara Lind",
    "Olek Brandt",
    "Hanne Sole",
    "Pavel Ruud",
];
const THINGS: &[&str] = &["ferry", "tram", "bridge", "harbour", "market", "library"];
const DAYS: &[&str] = &["Monday", "Tuesday", "Friday", "spring", "winter"];

/// Article `n` of the corpus: its text and brat standoff, each attribution "SPEAKER
/// Glorp CONTENT." coded with Source, Cue, Content and Attribution, between
/// sentences that say nothing.
fn article(n: usize) -> (String, String) {
    let mut text = format!("Island news {n}\n\n");
    let mut ann = String::new();
    for k in 0..6 {
        let i = n * 7 + k;
        let _ = write!(text, "The {} opened at {} o'clock. ", THINGS[i % 6], 6 + k);
        let who = SPEAKERS[i % SPEAKERS.len()];
        let content = format!(
            "the {} would close every {}",
            THINGS[(i + 1) % 6],
            DAYS[i % 5]
        );
        let src = text.chars().count();
        text.push_str(who);
        text.push(' ');
        let cue = text.chars().count();
        text.push_str("Glorp ");
        let con = text.chars().count();
        text.push_str(&content);
        text.push_str(".\n\n");
        let t = k * 4;
        let spans = [
            ("Source", src, who.to_owned()),
            ("Cue", cue, "Glorp".to_owned()),
            ("Content", con, content),
            ("Attribution", cue, "Glorp".to_owned()),
        ];
        for (j, (label, at, s)) in spans.iter().enumerate() {
            let end = at + s.chars().count();
            let _ = writeln!(ann, "T{}\t{label} {at} {end}\t{s}", t + j + 1);
        }
        let _ = writeln!(
            ann,
            "E{}\tAttribution:T{} Content:T{} Cue:T{} Source:T{}",
            k + 1,
            t + 4,
            t + 3,
            t + 2,
            t + 1
        );
    }
    (text, ann)
}

fn corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("text")).expect("mkdir");
    std::fs::create_dir_all(dir.join("attributions")).expect("mkdir");
    for n in 0..10 {
        let (text, ann) = article(n);
        std::fs::write(dir.join(format!("text/island-{n:02}.txt")), text).expect("write");
        // Half the articles with the coder's name after the stem, as PolNeAR names them.
        let ann_name = if n % 2 == 0 {
            format!("island-{n:02}.ann")
        } else {
            format!("island-{n:02}_c{n}.ann")
        };
        std::fs::write(dir.join("attributions").join(ann_name), ann).expect("write");
    }
}

/// The trainer `cargo test` builds beside the binary (examples are built with the tests).
fn trainer() -> Option<PathBuf> {
    let bin = Path::new(env!("CARGO_BIN_EXE_lectern"));
    let path = bin.parent()?.join("examples").join("train_assist");
    available(path.exists(), &path.display().to_string()).then_some(path)
}

fn quote_cv(corpus: &Path, trainer: &Path) -> std::process::Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Command::new(root.join("scripts/quote-cv"))
        .arg(corpus)
        .env("LECTERN_BIN", env!("CARGO_BIN_EXE_lectern"))
        .env("LECTERN_TRAIN", trainer)
        .env("KEEP", corpus.join("kept"))
        .output()
        .expect("run scripts/quote-cv")
}

/// The figures of `metric` in quotescore.py's table (P, R and F1; one for accuracies).
fn figures(stdout: &str, metric: &str) -> Vec<f64> {
    let line = stdout
        .lines()
        .find(|l| l.starts_with(metric))
        .unwrap_or_else(|| panic!("no {metric} line in:\n{stdout}"));
    line.split_whitespace()
        .skip(1)
        .take(3)
        .map_while(|f| f.parse().ok())
        .collect()
}

#[test]
fn quote_cv_trains_on_each_fold_and_scores_the_other() {
    if !has_shared("../shared/tools/quotescore.py") {
        return;
    }
    let Some(trainer) = trainer() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus_dir = dir.path().join("island");
    corpus(&corpus_dir);
    let out = quote_cv(&corpus_dir, &trainer);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    eprintln!("{stdout}");
    assert!(stdout.contains("10 articles, folds of 5 and 5"), "{stdout}");
    assert!(
        stdout.contains("fold a: proposed by the model of fold b"),
        "{stdout}"
    );
    // Each fold's model learnt "Glorp" from the other fold's five articles.
    let overlap = figures(&stdout, "content_overlap");
    assert!(overlap[2] >= 0.9, "{stdout}");
    let cue = figures(&stdout, "cue_accuracy");
    assert!(cue[0] >= 0.9, "{stdout}");
    for kept in ["a.tsv", "b.tsv"] {
        let model = std::fs::read_to_string(corpus_dir.join("kept").join(kept)).expect("kept");
        assert!(model.contains("cue\tw=glorp\t"), "{kept}");
    }
}

#[test]
fn quote_cv_names_a_corpus_that_is_not_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = quote_cv(&dir.path().join("nowhere"), Path::new("train_assist"));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nowhere is missing"), "{stderr}");
}

#[test]
fn train_assist_learns_from_the_quotes_of_a_lectern_project() {
    let Some(trainer) = trainer() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for n in 0..3 {
        let mut text = format!("Council notes {n}\n\n");
        for k in 0..6 {
            let i = n * 6 + k;
            let _ = write!(
                text,
                "Councillor {} said that the {} would close every {}.\n\n",
                SPEAKERS[i % SPEAKERS.len()],
                THINGS[(i + 2) % 6],
                DAYS[i % 5]
            );
        }
        let name = format!("notes-{n}.txt");
        std::fs::write(dir.path().join(&name), text).expect("write");
        files.push(name);
    }
    let mut add = vec!["add", "p.ron"];
    add.extend(files.iter().map(String::as_str));
    assert_eq!(support::run_lectern(dir.path(), &add).code, 0);
    let apply = support::run_lectern(dir.path(), &["suggest", "p.ron", "--apply"]);
    // "p.ron: saved; N quote(s), …": every quote coded is a training attribution.
    let quotes: usize = apply
        .stderr
        .split("saved; ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the quotes --apply added");
    assert!(quotes >= 18, "{}", apply.stderr);
    let out = Command::new(&trainer)
        .args(["p.ron", "mine.tsv"])
        .current_dir(dir.path())
        .output()
        .expect("run train_assist");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("3 articles, {quotes} attributions")),
        "{stderr}"
    );
    let model = std::fs::read_to_string(dir.path().join("mine.tsv")).expect("the model");
    // The coded cue is "said" in every attribution: the model learnt it is one, and that
    // "would", never coded, is none (were the cues not read, "said" would be none too).
    let weight = |word: &str| {
        model
            .lines()
            .find_map(|l| l.strip_prefix(&format!("cue\tw={word}\t")))
            .and_then(|w| w.parse::<f32>().ok())
            .unwrap_or(0.0)
    };
    assert!(weight("said") > 0.0, "{}", weight("said"));
    assert!(weight("would") < 0.0, "{}", weight("would"));
    let run = support::run_lectern(dir.path(), &["suggest", "p.ron", "--model", "mine.tsv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
