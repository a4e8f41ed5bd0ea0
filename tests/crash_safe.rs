//! Saving survives being killed: a child process writes a large project (or recovery
//! file, or export) over and over and is SIGKILLed after a different delay each round.
//! After every kill the file must be exactly one complete version, load, and pass
//! `lectern check`.
//!
//! Short by default; `LECTERN_CRASH_ROUNDS=200 cargo test --test crash_safe` runs long.

mod support;

use lectern::model::{DocId, Document, Edit, Project};
use lectern::store::{self, autosave::Autosaver, recovery};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::child::spawn_test_child;
use support::run_lectern;

/// Rounds per kind of file.
fn rounds() -> usize {
    std::env::var("LECTERN_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6)
}

/// A project of about 2 MB, so a save takes long enough to be interrupted mid-write.
/// `version` changes the name and the spans, so versions differ all through the file.
fn big_project(version: usize) -> Project {
    let mut p = Project::new(format!("Crash test v{version}"));
    let paragraph = "“It’s a disgrace,” said Ms\u{a0}Ελένη Παπαδάκη — the bridge 😀 stays shut.\n";
    for d in 1..=40u32 {
        let text = paragraph.repeat(600);
        p.documents
            .push(Document::new(DocId(d), format!("Article {d}"), text));
        let doc = DocId(d);
        for k in 0..(5 + version) {
            let start = k * paragraph.chars().count() + 1;
            if let Some(span) = p.make_span(doc, "quote", start, start + 16) {
                let _ = Edit::AddSpan { doc, span }.apply(&mut p);
            }
        }
    }
    p
}

/// What the child process does, chosen by `LECTERN_CRASH_CHILD`: write versions 1 and 2
/// alternately to `LECTERN_CRASH_PATH` until it is killed.
#[test]
#[ignore = "run by the kill tests as a child process"]
fn crash_child() {
    let (Ok(kind), Ok(path)) = (
        std::env::var("LECTERN_CRASH_CHILD"),
        std::env::var("LECTERN_CRASH_PATH"),
    ) else {
        return;
    };
    let path = PathBuf::from(path);
    let versions = [big_project(1), big_project(2)];
    let saver = Autosaver::start();
    println!("ready");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    for i in 0.. {
        let p = &versions[i % 2];
        match kind.as_str() {
            "project" => store::save(p, &path).expect("save"),
            "recovery" => {
                // As the window does: hand a copy to the autosave thread, which writes it.
                saver.write_project(path.clone(), p.clone());
                saver.flush();
            }
            other => panic!("unknown kind {other}"),
        }
    }
}

/// Starts the child writing `kind` to `path`, kills it `delay` after it starts writing.
/// Returns whether the kill landed mid-write: the killed writer's temporary file
/// (`.NAME.PID.tmp`, written before the rename) is left behind.
fn kill_during_writes(exe: &Path, kind: &str, path: &Path, delay: Duration) -> bool {
    let envs = [
        ("LECTERN_CRASH_CHILD", OsStr::new(kind)),
        ("LECTERN_CRASH_PATH", path.as_os_str()),
    ];
    let mut child = spawn_test_child(exe, "crash_child", &envs);
    // Wait for "ready": the child has built its projects and starts writing.
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let mut out = std::io::BufReader::new(out);
        while !line.contains("ready") {
            line.clear();
            if std::io::BufRead::read_line(&mut out, &mut line).unwrap_or(0) == 0 {
                break;
            }
        }
    }
    std::thread::sleep(delay);
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    let name = path.file_name().expect("name").to_string_lossy();
    path.with_file_name(format!(".{name}.{}.tmp", child.id()))
        .exists()
}

/// Runs `lectern check` on `path`; panics with its output unless it exits 0.
fn check_passes(path: &Path) {
    let file = path.to_str().expect("a UTF-8 path");
    let run = run_lectern(Path::new("."), &["check", file]);
    assert_eq!(run.code, 0, "lectern check {file} failed: {}", run.stderr);
}

/// Delays spread over three times `save` (how long one save takes here), so the kill
/// lands in the middle of the first write, between writes and in later ones.
fn delay(round: usize, save: Duration) -> Duration {
    let span = save.as_micros().max(1000) as u64 * 3;
    Duration::from_micros((round as u64 * 7_919_993) % span)
}

fn kill_loop(kind: &str, path: &Path) {
    let versions: Vec<Vec<u8>> = [big_project(0), big_project(1), big_project(2)]
        .iter()
        .map(|p| store::to_ron(p).expect("ron").into_bytes())
        .collect();
    // A private copy of this test binary: a rebuild in the shared target folder during a
    // long run must not pull it away from under the loop.
    let exe_dir = tempfile::tempdir().expect("tempdir");
    let exe = exe_dir.path().join("crash-child");
    std::fs::copy(std::env::current_exe().expect("test binary"), &exe).expect("copy binary");
    let timer = Instant::now();
    store::save(&big_project(1), path).expect("timing save");
    let save = timer.elapsed();
    std::fs::write(path, &versions[0]).expect("initial version");
    let started = Instant::now();
    let mut seen = [0usize; 3];
    // Kills that land between writes prove nothing: go on past the planned rounds until
    // half of them have landed mid-write (about a third to a half do), within a bound.
    let needed = rounds().div_ceil(2);
    let mut mid_write = 0;
    let mut done = 0;
    for round in 0..rounds() * 5 {
        if round >= rounds() && mid_write >= needed {
            break;
        }
        done += 1;
        mid_write += usize::from(kill_during_writes(&exe, kind, path, delay(round, save)));
        let bytes = std::fs::read(path).expect("file still exists");
        let which = versions.iter().position(|v| *v == bytes);
        let Some(which) = which else {
            panic!(
                "round {round}: {} is neither version after a kill ({} bytes)",
                path.display(),
                bytes.len()
            );
        };
        seen[which] += 1;
        store::load(path).expect("loads after a kill");
        check_passes(path);
    }
    // The next save clears the temporary files the killed writers left.
    store::save(&big_project(0), path).expect("save after the kills");
    let dir = path.parent().expect("folder");
    let left: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    eprintln!(
        "{kind}: {done} rounds in {:?} (one save {save:?}); {mid_write} killed mid-write; \
         old/v1/v2 found {seen:?}",
        started.elapsed()
    );
    assert!(
        mid_write >= needed,
        "{kind}: only {mid_write} of {done} kills landed mid-write (at least {needed} needed); \
         the test proved too little"
    );
}

#[test]
fn a_killed_project_save_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    kill_loop("project", &dir.path().join("big.ron"));
}

#[test]
fn a_killed_autosave_leaves_a_whole_recovery_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = recovery::path_for(&dir.path().join("big.ron"));
    kill_loop("recovery", &path);
}

#[test]
fn a_killed_export_leaves_the_old_or_the_new_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("big.ron");
    let out = dir.path().join("spans.jsonl");
    let export = |p: &Path| {
        let status = Command::new(env!("CARGO_BIN_EXE_lectern"))
            .args(["export"])
            .arg(p)
            .args(["--format", "jsonl", "-o"])
            .arg(&out)
            .stderr(Stdio::null())
            .status()
            .expect("export");
        assert!(status.success());
        std::fs::read(&out).expect("export written")
    };
    store::save(&big_project(1), &project).expect("v1");
    let old = export(&project);
    store::save(&big_project(2), &project).expect("v2");
    let new = export(&project);
    assert_ne!(old, new);
    std::fs::write(&out, &old).expect("old export back");
    for round in 0..rounds() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lectern"))
            .args(["export"])
            .arg(&project)
            .args(["--format", "jsonl", "-o"])
            .arg(&out)
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn export");
        std::thread::sleep(Duration::from_millis((round as u64 * 389) % 900 + 10));
        let _ = child.kill();
        child.wait().expect("reap");
        let bytes = std::fs::read(&out).expect("export still exists");
        assert!(
            bytes == old || bytes == new,
            "round {round}: the export is neither version ({} bytes)",
            bytes.len()
        );
        // Each line is a whole JSON object.
        for line in String::from_utf8(bytes).expect("UTF-8").lines() {
            serde_json::from_str::<serde_json::Value>(line).expect("whole JSON line");
        }
        std::fs::write(&out, &old).expect("reset");
    }
}
