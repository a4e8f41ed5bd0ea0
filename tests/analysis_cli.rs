//! `lectern stats`, `merge` and `agreement` end to end on the fixture projects in
//! tests/fixtures/analysis/ (hand-counted; see src/analysis/fixture.rs).

mod support;

use std::path::{Path, PathBuf};
use support::{Run, run_lectern};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/analysis")
        .join(name)
}

fn fixtures() -> PathBuf {
    fixture("")
}

#[test]
fn stats_counts_by_outlet_as_csv() {
    let r = run_lectern(&fixtures(), &["stats", "outlets.ron", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "outlet,quote,claim,descriptor,attribution,total\n\
         Daily Bulwark,2,0,2,2,6\n\
         Northgate Radio,2,1,1,2,6\n"
    );
}

#[test]
fn stats_tables_filters_and_json() {
    let r = run_lectern(
        &fixtures(),
        &[
            "stats",
            "outlets.ron",
            "--table",
            "quoted",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v[0]["speaker"], "ministry source");
    assert_eq!(v[0]["reporting_verbs"], "claimed");
    assert_eq!(v[0]["quotes"], 1);

    let r = run_lectern(
        &fixtures(),
        &[
            "stats",
            "outlets.ron",
            "--by",
            "date",
            "--label",
            "quote,descriptor",
            "--from",
            "2026-05-05",
            "-f",
            "csv",
        ],
    );
    assert_eq!(r.stdout, "date,quote,descriptor,total\n2026-05-05,2,2,4\n");

    let r = run_lectern(
        &fixtures(),
        &["stats", "outlets.ron", "-t", "descriptors", "-f", "csv"],
    );
    assert!(
        r.stdout
            .contains("Papadaki,Daily Bulwark,Hard-left mayor,1,2001\n")
    );

    let r = run_lectern(
        &fixtures(),
        &[
            "stats",
            "outlets.ron",
            "-t",
            "cooccurrence",
            "--attribute",
            "target",
            "-f",
            "csv",
        ],
    );
    assert_eq!(r.stdout, "target,Papadaki\nPapadaki,3\n");
    let r = run_lectern(
        &fixtures(),
        &[
            "stats",
            "outlets.ron",
            "-t",
            "cooccurrence",
            "--within",
            "sentence",
            "-f",
            "csv",
        ],
    );
    assert!(
        r.stdout
            .starts_with("label,quote,claim,descriptor,attribution\nquote,4,0,3,4\n"),
        "{}",
        r.stdout
    );

    let r = run_lectern(&fixtures(), &["stats", "outlets.ron", "-f", "svg"]);
    assert!(r.stdout.starts_with("<svg") && r.stdout.contains(">Northgate Radio</text>"));
    let r = run_lectern(
        &fixtures(),
        &["stats", "outlets.ron", "-t", "quoted", "-f", "svg"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("<title>Who is quoted, by outlet</title>"));

    let r = run_lectern(&fixtures(), &["stats", "outlets.ron", "--label", "quotes"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("label \"quotes\" is not in"),
        "{}",
        r.stderr
    );
}

#[test]
fn merge_then_agreement() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["coder-a.ron", "coder-b.ron"] {
        std::fs::copy(fixture(name), dir.path().join(name)).expect("copy");
    }
    let r = run_lectern(
        dir.path(),
        &["merge", "coder-a.ron", "coder-b.ron", "-o", "merged.ron"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("(coders coder-a, coder-b)") && r.stderr.contains("23 spans"),
        "{}",
        r.stderr
    );
    let again = run_lectern(
        dir.path(),
        &["merge", "coder-a.ron", "coder-b.ron", "-o", "merged.ron"],
    );
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(run_lectern(dir.path(), &["check", "merged.ron"]).code, 0);

    let r = run_lectern(
        dir.path(),
        &["agreement", "merged.ron", "--by", "label", "-f", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let rows = v.as_array().expect("rows");
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["label"], "(all labels)");
    assert_eq!(rows[0]["coders"], 2);
    // Both coders coded the quotes identically.
    assert_eq!(rows[1]["label"], "quote");
    assert_eq!(rows[1]["alpha_nominal"], 1.0);
    assert_eq!(rows[1]["f1_exact"], 1.0);
    // B missed the claim: no agreement beyond chance on it.
    assert_eq!(rows[2]["f1_exact"], 0.0);
    let descriptor = rows[3]["alpha_nominal"].as_f64().expect("number");
    assert!(descriptor > 0.0 && descriptor < 1.0, "{descriptor}");
    assert_eq!(rows[3]["f1_overlap"], 1.0);

    let r = run_lectern(
        dir.path(),
        &["agreement", "merged.ron", "--by", "document", "-f", "csv"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("document,coders,units,"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("\n1 Bridge row,2,") && r.stdout.contains("\n2 Mayor attacked,2,"));

    let r = run_lectern(
        dir.path(),
        &[
            "agreement",
            "merged.ron",
            "-f",
            "csv",
            "-o",
            "agreement.csv",
        ],
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    let written = std::fs::read_to_string(dir.path().join("agreement.csv")).expect("written");
    assert!(written.starts_with("label,coders,units,"), "{written}");

    let text = run_lectern(dir.path(), &["agreement", "merged.ron"]);
    assert!(text.stdout.starts_with("label "), "{}", text.stdout);
    assert!(text.stderr.contains("coders: coder-a, coder-b"));

    let single = run_lectern(&fixtures(), &["agreement", "outlets.ron"]);
    // The outlets fixture has two annotators (ana, ben) but only one coded each span.
    assert_eq!(single.code, 0, "{}", single.stderr);
    let one = run_lectern(dir.path(), &["agreement", "coder-a.ron"]);
    assert_eq!(one.code, 1);
    assert!(one.stderr.contains("lectern merge"), "{}", one.stderr);
}

/// Cross-check with an independent implementation: when Python and its `krippendorff`
/// package are installed, the test builds the token × coder table for each label itself
/// (whitespace tokens, a token is "yes" when a span of the label overlaps it), asks the
/// package for nominal alpha and compares with `lectern agreement`. Without the package
/// (`$LECTERN_PYTHON` or python3) it is skipped, and fails under CI.
#[test]
fn alpha_agrees_with_the_python_krippendorff_package_when_installed() {
    if !support::python::has_module("krippendorff") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let merged = dir.path().join("merged.ron");
    let r = run_lectern(
        dir.path(),
        &[
            "merge",
            fixture("coder-a.ron").to_str().expect("utf-8"),
            fixture("coder-b.ron").to_str().expect("utf-8"),
            "-o",
            "merged.ron",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let project = lectern::store::load(&merged).expect("load");
    let r = run_lectern(
        dir.path(),
        &["agreement", "merged.ron", "--by", "label", "-f", "json"],
    );
    let ours: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    for row in ours.as_array().expect("rows").iter().skip(1) {
        let label = row["label"].as_str().expect("label");
        let mut coders: Vec<Vec<u8>> = vec![Vec::new(), Vec::new()];
        for doc in &project.documents {
            let chars: Vec<char> = doc.text.as_str().chars().collect();
            let mut i = 0;
            while i < chars.len() {
                if chars[i].is_whitespace() {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() {
                    i += 1;
                }
                for (k, who) in ["coder-a", "coder-b"].iter().enumerate() {
                    let yes = doc.spans.iter().any(|s| {
                        s.annotator == *who && s.label == label && s.start < i && start < s.end
                    });
                    coders[k].push(u8::from(yes));
                }
            }
        }
        let script = format!(
            "import krippendorff; print(krippendorff.alpha(reliability_data={coders:?}, level_of_measurement='nominal'))"
        );
        let out = std::process::Command::new(support::python::python())
            .args(["-c", &script])
            .output()
            .expect("python");
        let theirs = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        match row["alpha_nominal"].as_f64() {
            Some(ours) => {
                let theirs: f64 = theirs.parse().unwrap_or(f64::NAN);
                assert!((ours - theirs).abs() < 1e-9, "{label}: {ours} vs {theirs}");
            }
            // No variation: the package refuses (an error), lectern reports undefined.
            None => assert!(
                !out.status.success() || theirs == "nan",
                "{label}: {theirs}"
            ),
        }
    }
}

/// A project whose coders typed reporting verbs in every form, one the built-in lexicon
/// lacks ("harrumphed"), saved with or without the team's own lexicon.
fn verbs_project(dir: &Path, own_lexicon: bool) -> PathBuf {
    use lectern::model::{
        DocId, Document, Edit, Lexicon, Project, ReportingVerb, VerbClass, VerbDetail,
    };
    let mut p = Project::new("Verbs");
    let text = "Ana claimed it. Ben claims it. Cleo has claimed it. Dan said so. \
                Eve harrumphed. Flo Harrumphed. Gus told us.";
    for (id, outlet) in [(1, "The Ledger"), (2, "Evening Post")] {
        let mut d = Document::new(DocId(id), "Cues", text);
        d.metadata.outlet = outlet.into();
        p.documents.push(d);
    }
    let cues = [
        ("Ana claimed", "claimed"),
        ("Ben claims", "claims"),
        ("Cleo has claimed", "has claimed"),
        ("Dan said", "said"),
        ("Eve harrumphed", "harrumphed"),
        ("Flo Harrumphed", "Harrumphed"),
        ("Gus told", "told"),
    ];
    // The Ledger uses every cue, the Evening Post only the neutral ones.
    for (doc, cues) in [(DocId(1), &cues[..]), (DocId(2), &cues[3..4])] {
        for (needle, cue) in cues {
            let r = p
                .document(doc)
                .expect("doc")
                .text
                .find(needle, 1)
                .expect("in text");
            let mut span = p
                .make_span(doc, "attribution", r.start, r.end)
                .expect("span");
            span.attributes.insert("cue".into(), (*cue).into());
            span.attributes.insert(
                "source".into(),
                needle.split(' ').next().unwrap_or("").into(),
            );
            Edit::AddSpan { doc, span }.apply(&mut p).expect("add");
        }
    }
    if own_lexicon {
        let mut own = Lexicon::english().clone();
        own.verbs.push(ReportingVerb {
            lemma: "harrumph".into(),
            class: VerbClass::Evaluative,
            detail: Some(VerbDetail::Expressive),
            ..ReportingVerb::default()
        });
        let old = p.lexicon.clone().map(Box::new);
        Edit::SetLexicon {
            old,
            new: Some(Box::new(own)),
        }
        .apply(&mut p)
        .expect("lexicon");
    }
    let path = dir.join(if own_lexicon {
        "own.ron"
    } else {
        "built-in.ron"
    });
    lectern::store::save(&p, &path).expect("save");
    path
}

fn verbs_csv(dir: &Path, project: &Path) -> Run {
    let project = project.to_str().expect("path");
    run_lectern(dir, &["stats", project, "-t", "verbs", "-f", "csv"])
}

#[test]
fn stats_verbs_by_lemma_with_unknown_verbs_unclassified() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = verbs_project(dir.path(), false);
    let r = verbs_csv(dir.path(), &path);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "outlet,verb,class,count,evaluative_share,span_ids\n\
         Evening Post,say,neutral,1,0,8\n\
         The Ledger,claim,evaluative,3,0.6,1 2 3\n\
         The Ledger,harrumphed,unclassified,2,0.6,5 6\n\
         The Ledger,say,neutral,1,0.6,4\n\
         The Ledger,tell,neutral,1,0.6,7\n"
    );

    // Per speaker, with the finer classes, as JSON.
    let r = run_lectern(
        dir.path(),
        &[
            "stats",
            path.to_str().expect("path"),
            "-t",
            "verbs",
            "--speaker",
            "--detail",
            "-f",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let cleo = v
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row["speaker"] == "Cleo")
        .expect("Cleo's row");
    assert_eq!(cleo["verb"], "claim");
    assert_eq!(cleo["detail"], "assertive");
    assert_eq!(cleo["evaluative_share"], 1.0);
}

#[test]
fn stats_verbs_follow_the_projects_own_lexicon() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = verbs_project(dir.path(), true);
    let r = verbs_csv(dir.path(), &path);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("The Ledger,harrumph,evaluative,2,0.714"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("unclassified"), "{}", r.stdout);
}
