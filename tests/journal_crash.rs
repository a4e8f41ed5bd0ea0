//! The autosave journal survives being killed: a child process runs the window's own
//! autosave (labelling, adding a 1 MB article, undo, redo, saving — each change journaled
//! as the window does a second after it) and is SIGKILLed after a different delay each
//! round. It prints a fingerprint of every state the user had before that state reaches
//! the disk; after the kill, what recovery gives (the journal replayed over its base, or
//! the project file when nothing is pending) must be one of them.
//!
//! Kills that land in the middle of a write (during an autosave or a save, as the child
//! says; some leave a journal line cut short or a save's temporary file) are counted, and
//! the test fails when fewer than [`MID_WRITE_FLOOR`] did: a loop whose kills all land
//! between writes proves nothing.
//! `LECTERN_CRASH_ROUNDS=100 cargo test --test journal_crash` runs long.

mod support;

use lectern::model::{DocId, Document, Project};
use lectern::store::{self, journal, recovery};
use lectern::ui::Lectern;
use lectern::ui::app::AUTOSAVE_DELAY;
use lectern::ui::command::Command;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::child::spawn_test_child;

/// Rounds of kill and recover.
fn rounds() -> usize {
    std::env::var("LECTERN_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12)
}

/// Kills that must land mid-write, at the default number of rounds.
const MID_WRITE_FLOOR: usize = 2;

const PARAGRAPH: &str =
    "“We will not wait,” said Ms\u{a0}Ελένη Παπαδάκη — the bridge 😀 stays shut.\n";

/// A fingerprint of a project's state: SHA-256 of the file Lectern would write for it.
fn fingerprint(p: &Project) -> String {
    let text = store::to_ron(p).expect("ron");
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The child: opens the project, then changes, autosaves and sometimes saves it until
/// killed, printing `state FINGERPRINT` before each state can reach the disk.
#[test]
#[ignore = "run by the kill test as a child process"]
fn journal_child() {
    let (Ok(path), Ok(articles)) = (
        std::env::var("LECTERN_JOURNAL_PATH"),
        std::env::var("LECTERN_JOURNAL_ARTICLES"),
    ) else {
        return;
    };
    let path = PathBuf::from(path);
    let articles: Vec<PathBuf> = articles.split('\n').map(PathBuf::from).collect();
    let mut app = Lectern::new(None);
    app.use_manual_clock();
    app.open_project_path(&path);
    assert!(app.finish_jobs(), "{}", app.status());
    let mut out = std::io::stdout();
    let mut say = |p: &Project| {
        let _ = writeln!(out, "state {}", fingerprint(p));
        let _ = out.flush();
    };
    say(app.project());
    let mark = |what: &str| {
        let mut out = std::io::stdout();
        let _ = writeln!(out, "{what}");
        let _ = out.flush();
    };
    mark("ready");
    let start = Instant::now();
    let mut revision = app.session().revision();
    for step in 0usize.. {
        match step % 8 {
            // Big steps: adding a 1 MB article, and undoing and redoing that, are one
            // AddDocument or RemoveDocument edit each.
            0 => {
                app.add_article_paths(&articles[(step / 8) % articles.len()..][..1]);
                app.finish_jobs();
            }
            1 => {
                let at = (step * 37) % 4000;
                app.set_selection(at, at + 12);
                app.apply_label("quote");
            }
            2 | 3 | 6 => app.run_command(Command::Undo),
            4 => app.run_command(Command::Redo),
            _ => {
                // A save also records the document in view: that state is on disk first.
                let mut saved = app.project().clone();
                saved.last_viewed = app.current_document();
                say(&saved);
                mark("writing");
                app.save_to(&path);
                app.finish_jobs();
                mark("written");
            }
        }
        // Fingerprints cost more than the writes: one per change only.
        if app.session().revision() != revision {
            revision = app.session().revision();
            say(app.project());
        }
        // As the frame does, a second after the change.
        mark("writing");
        app.tick(start + AUTOSAVE_DELAY * (step as u32 + 1) * 2);
        app.flush_autosave();
        mark("written");
    }
}

/// What a killed child printed: every state it had, and whether it was writing (an
/// autosave or a save under way) when it was killed.
struct Printed {
    states: HashSet<String>,
    writing: bool,
}

/// Starts the child on `path` and kills it `delay` after it is ready.
fn run_and_kill(exe: &Path, path: &Path, articles: &str, delay: Duration) -> Printed {
    let envs = [
        ("LECTERN_JOURNAL_PATH", path.as_os_str()),
        ("LECTERN_JOURNAL_ARTICLES", OsStr::new(articles)),
    ];
    let mut child = spawn_test_child(exe, "journal_child", &envs);
    let states = Arc::new(Mutex::new(HashSet::new()));
    let writing = Arc::new(Mutex::new(false));
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let reader = child.stdout.take().map(|out| {
        let states = Arc::clone(&states);
        let writing = Arc::clone(&writing);
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
                // The first one follows the test harness's "test journal_child ... ".
                if let Some((_, state)) = line.split_once("state ") {
                    states.lock().expect("lock").insert(state.to_owned());
                } else if line == "ready" {
                    let _ = ready_tx.send(());
                } else {
                    *writing.lock().expect("lock") = line == "writing";
                }
            }
        })
    });
    let _ = ready_rx.recv_timeout(Duration::from_secs(60));
    std::thread::sleep(delay);
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    if let Some(r) = reader {
        r.join().expect("reader");
    }
    let states = states.lock().expect("lock").clone();
    let writing = *writing.lock().expect("lock");
    Printed { states, writing }
}

/// Whether the kill cut a write short: a torn journal line or a temporary file left.
fn cut_short(dir: &Path, path: &Path) -> bool {
    let journal = journal::path_for(&recovery::path_for(path));
    let torn = journal::read(&journal)
        .ok()
        .flatten()
        .is_some_and(|j| j.torn);
    let temporary = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"));
    torn || temporary
}

#[test]
fn a_killed_autosave_recovers_a_state_the_user_had() {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles: Vec<PathBuf> = (0..3)
        .map(|k| {
            let p = dir.path().join(format!("article-{k}.txt"));
            let text = format!("Article {k}.\n{}", PARAGRAPH.repeat(12_000));
            std::fs::write(&p, text).expect("article");
            p
        })
        .collect();
    let list = articles
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    // A private copy of this test binary, safe from rebuilds during a long run.
    let exe = dir.path().join("journal-child");
    std::fs::copy(std::env::current_exe().expect("test binary"), &exe).expect("copy binary");
    let mut start = Project::new("Journal");
    start
        .documents
        .push(Document::new(DocId(1), "First", PARAGRAPH.repeat(60)));
    let (mut mid_write, mut torn, mut recovered) = (0, 0, 0);
    for round in 0..rounds() {
        let work = dir.path().join(format!("round-{round}"));
        std::fs::create_dir(&work).expect("round folder");
        let path = work.join("p.ron");
        store::save(&start, &path).expect("start");
        let delay = Duration::from_millis(200 + (round as u64 * 7_919) % 3_000);
        let Printed { states, writing } = run_and_kill(&exe, &path, &list, delay);
        assert!(
            !states.is_empty(),
            "round {round}: the child printed nothing"
        );
        let cut = cut_short(&work, &path);
        torn += usize::from(cut);
        mid_write += usize::from(cut || writing);
        let project = match recovery::pending_for(&path, None) {
            Ok(Some(r)) => {
                recovered += 1;
                r.project
            }
            Ok(None) => store::load(&path).expect("the project file loads after a kill"),
            Err(e) => panic!("round {round}: recovery failed after a kill: {e}"),
        };
        assert!(
            states.contains(&fingerprint(&project)),
            "round {round} ({delay:?}): recovery gave a state the user never had \
             ({} documents, {} states printed)",
            project.documents.len(),
            states.len()
        );
        assert!(
            project.problems().is_empty(),
            "round {round}: {:?}",
            project.problems()
        );
    }
    eprintln!(
        "{} rounds: {recovered} recovered from a journal, {mid_write} killed mid-write \
         ({torn} of them leaving a torn line or a temporary file)",
        rounds()
    );
    let floor = MID_WRITE_FLOOR * rounds() / 12;
    assert!(
        mid_write >= floor,
        "only {mid_write} of {} kills landed mid-write (floor {floor}): the test no longer \
         interrupts writes; make the child's writes longer",
        rounds()
    );
}
