//! Interchange through the command line: import a brat folder, export every format, import
//! each importable export again and compare the spans code point for code point. When the
//! shared reference folder and the Python validators' packages are present, the exports
//! are also checked by the independent validators; otherwise those checks are skipped.

mod support;

use lectern::formats::{ExportFormat, ImportFormat};
use lectern::model::Project;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::interchange::summary;
use support::{Run, run_lectern};

/// Runs `lectern ARGS` in `dir`; it must succeed.
fn lectern(dir: &Path, args: &[&str]) -> Run {
    let run = run_lectern(dir, args);
    assert_eq!(run.code, 0, "lectern {args:?} failed: {}", run.stderr);
    run
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interchange/brat")
}

fn load(path: &Path) -> Project {
    lectern::store::load(path).expect("load")
}

#[test]
fn brat_folder_to_every_format_and_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let brat = fixtures();
    let run = lectern(
        d,
        &[
            "import",
            "p.ron",
            "--format",
            "brat",
            brat.to_str().expect("utf-8"),
        ],
    );
    let stderr = &run.stderr;
    assert!(stderr.contains("E1 (Say:T4) became 1 relation"), "{stderr}");
    assert!(
        stderr.contains("attributes are kept on spans only"),
        "{stderr}"
    );
    let p = load(&d.join("p.ron"));
    assert!(p.problems().is_empty(), "{:?}", p.problems());
    let doc = p
        .documents
        .iter()
        .find(|d| d.title == "crlf-emoji")
        .expect("document");
    assert!(!doc.text.as_str().contains('\r'));
    let quote = doc
        .spans
        .iter()
        .find(|s| s.label == "quote")
        .expect("quote");
    assert_eq!(quote.joined_text(), "It’s 😀 personal e\u{301}tat.");
    assert_eq!(quote.note, "line one\nline two");
    assert_eq!(quote.attributes["speaker"], "Ms X");
    let expected = summary(&p, true);

    for format in ExportFormat::ALL {
        let out = format!("out-{}", format.name());
        lectern(
            d,
            &[
                "export",
                "p.ron",
                "--format",
                format.name(),
                "--output",
                &out,
            ],
        );
        assert!(d.join(&out).exists(), "{out}");
        let back = match format {
            ExportFormat::Brat => Some((ImportFormat::Brat, true)),
            ExportFormat::Doccano => Some((ImportFormat::Doccano, false)),
            ExportFormat::LabelStudio => Some((ImportFormat::LabelStudio, true)),
            _ => None,
        };
        let Some((import, notes)) = back else {
            continue;
        };
        let project = format!("back-{}.ron", format.name());
        lectern(d, &["import", &project, "--format", import.name(), &out]);
        let q = load(&d.join(&project));
        assert!(q.problems().is_empty(), "{format:?}: {:?}", q.problems());
        assert_eq!(summary(&q, notes), summary(&p, notes), "{format:?}");
    }
    // brat → Lectern → brat → Lectern is exact, notes and attributes included.
    let q = load(&d.join("back-brat.ron"));
    assert_eq!(summary(&q, true), expected);
    let attrs = |p: &Project| {
        let mut a: Vec<_> = p
            .documents
            .iter()
            .flat_map(|d| {
                d.spans
                    .iter()
                    .map(|s| (s.text.clone(), s.attributes.clone()))
            })
            .collect();
        a.sort();
        a
    };
    assert_eq!(attrs(&q), attrs(&p));
    assert_eq!(attrs(&load(&d.join("back-labelstudio.ron"))), attrs(&p));
    std::fs::write(d.join("crlf-emoji.txt"), doc.text.as_str()).expect("write");
    validators(d, &lectern::formats::w3c::source_iri(doc));
}

#[test]
fn folder_export_refuses_a_non_empty_folder_and_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let brat = fixtures();
    lectern(
        d,
        &[
            "import",
            "p.ron",
            "-f",
            "brat",
            brat.to_str().expect("utf-8"),
        ],
    );
    std::fs::create_dir(d.join("full")).expect("mkdir");
    std::fs::write(d.join("full/x"), "x").expect("write");
    for args in [
        &["export", "p.ron", "-f", "brat", "-o", "full"][..],
        &["export", "p.ron", "-f", "brat"][..],
    ] {
        let run = run_lectern(d, args);
        assert_ne!(run.code, 0);
        assert!(run.stderr.contains("folder"), "{}", run.stderr);
    }
}

/// Runs the shared validators on the exports when they and their packages are present.
/// `iri`: the W3C source of the document whose text is in `crlf-emoji.txt`, whose
/// selectors are also checked against that text.
fn validators(d: &Path, iri: &str) {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/validate");
    let python = support::python::python();
    let check = |script: &str, args: &[&str]| {
        let out = Command::new(&python)
            .arg(shared.join(script))
            .args(args)
            .current_dir(d)
            .output()
            .expect("python");
        assert!(
            out.status.success(),
            "{script} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let python_ok = Command::new(&python)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !support::python::available(python_ok, &python)
        || !support::python::has_shared("../shared/tools/validate")
    {
        return;
    }
    check(
        "check_spans.py",
        &["doccano", "out-doccano", "--allow-overlap"],
    );
    check("check_spans.py", &["labelstudio", "out-labelstudio"]);
    if support::python::has_module("pybrat") {
        check("pybrat_check.py", &["out-brat"]);
    }
    if support::python::has_module("xmlschema") {
        check("validate_qde.py", &["out-qdpx"]);
    }
    if support::python::has_module("jsonschema") && support::python::has_module("referencing") {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(d.join("out-w3c")).expect("read")).expect("json");
        std::fs::write(
            d.join("items.json"),
            serde_json::to_vec(&v["first"]["items"]).expect("json"),
        )
        .expect("write");
        check("validate_wa.py", &["--selectors", "items.json"]);
        let one: Vec<&serde_json::Value> = v["first"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|a| a["target"].to_string().contains(iri))
            .collect();
        assert!(one.len() >= 5, "{one:?}");
        std::fs::write(d.join("one.json"), serde_json::to_vec(&one).expect("json")).expect("write");
        check(
            "validate_wa.py",
            &["--selectors", "--source-text", "crlf-emoji.txt", "one.json"],
        );
        check(
            "validate_wa.py",
            &["--suite", "collections/collectionMusts.test", "out-w3c"],
        );
    }
}
