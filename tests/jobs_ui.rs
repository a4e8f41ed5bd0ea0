//! Long file work in the window: it runs as a job with a progress strip and a Cancel
//! button (Esc also cancels); while it runs the project is read-only and file commands
//! wait; a cancel leaves the project and the files as they were.
//!
//! Most tests defer jobs (`defer_jobs`): a started job then stays running, as a long one
//! would, until the test cancels it or lets it run with `finish_jobs`, so the test never
//! races the job. `an_export_left_alone_finishes_in_the_background` uses a real thread.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use lectern::formats::{ExportFormat, ImportFormat};
use lectern::model::{DocId, Document, Project};
use lectern::ui::Lectern;
use lectern::ui::app::Pending;
use lectern::ui::command::Command;
use lectern::ui::job::SHOW_BAR_AFTER;
use std::path::Path;
use std::time::{Duration, Instant};

const TEXT: &str =
    "“It’s a disgrace,” said Ms\u{a0}Ελένη Παπαδάκη, the mayor.\nThe bridge closes in May.";

mod support;

/// One document with three spans.
fn project() -> Project {
    let mut p = Project::new("Jobs");
    p.documents
        .push(Document::new(DocId(1), "Bridge row", TEXT));
    support::mark(
        &mut p,
        DocId(1),
        &[
            ("quote", "It’s a disgrace"),
            ("descriptor", "Ελένη Παπαδάκη"),
            ("claim", "The bridge closes in May"),
        ],
    );
    p
}

/// The project saved as `p.ron` in `dir` and open in the window.
fn harness(dir: &Path) -> Harness<'static, Lectern> {
    let path = dir.join("p.ron");
    lectern::store::save(&project(), &path).expect("save");
    support::open_in_window(&path)
}

/// Lets the job run long enough for its strip to show, and draws a frame.
fn strip_shown(h: &mut Harness<'_, Lectern>) {
    std::thread::sleep(SHOW_BAR_AFTER + Duration::from_millis(20));
    h.run();
}

fn spans(h: &Harness<'_, Lectern>) -> usize {
    h.state().project().documents[0].spans.len()
}

/// Files in `dir` whose name mentions `name` (the file, or a temporary file for it).
fn files_named(dir: &Path, name: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(name))
        .collect()
}

#[test]
fn an_export_shows_its_progress_and_cancel_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    let before = h.state().project().clone();
    h.state_mut().defer_jobs();
    let out = dir.path().join("spans.csv");
    h.state_mut().export_to(&out, ExportFormat::Csv);
    strip_shown(&mut h);
    h.get_by_role_and_label(Role::Label, "Exporting spans.csv");
    h.get_by_role_and_label(Role::ProgressIndicator, "Exporting spans.csv");
    h.get_by_label("Encoding spans…");
    h.get_by_label("0 of 3 spans");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().job().is_none());
    assert!(h.query_by_label("Cancel").is_none(), "the strip is gone");
    assert_eq!(
        h.state().status(),
        "Cancelled exporting spans.csv; nothing was written"
    );
    // The cancelled work runs now, sees the cancel at its first span and stops.
    assert!(!h.state_mut().finish_jobs(), "nothing was left to finish");
    assert!(files_named(dir.path(), "spans.csv").is_empty());
    assert_eq!(h.state().project(), &before);
    assert!(!h.state().session().is_dirty());
}

#[test]
fn escape_cancels_opening_another_project_and_the_open_one_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    let other = dir.path().join("other.ron");
    lectern::store::save(&Project::new("Other"), &other).expect("save");
    h.state_mut().defer_jobs();
    h.state_mut().open_project_path(&other);
    strip_shown(&mut h);
    h.get_by_role_and_label(Role::ProgressIndicator, "Opening other.ron");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().job().is_none());
    assert_eq!(
        h.state().status(),
        "Cancelled opening other.ron; the open project is as it was"
    );
    h.state_mut().finish_jobs();
    assert_eq!(h.state().project().name, "Jobs");
    assert_eq!(
        h.state().session().path.as_deref(),
        Some(dir.path().join("p.ron").as_path())
    );
    assert!(h.state().report().is_none());
    assert!(h.get_all_by_label("Bridge row").count() > 0, "still shown");
}

#[test]
fn while_a_job_runs_changes_wait_and_file_commands_are_disabled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    h.state_mut().defer_jobs();
    let out = dir.path().join("spans.jsonl");
    h.state_mut().export_to(&out, ExportFormat::Jsonl);
    strip_shown(&mut h);
    // A label key changes nothing, and says why.
    h.state_mut().set_selection(47, 52);
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(spans(&h), 3);
    assert!(
        h.state()
            .status()
            .contains("Exporting spans.jsonl is still running"),
        "{}",
        h.state().status()
    );
    // So does another export started meanwhile.
    h.state_mut()
        .export_to(&dir.path().join("second.csv"), ExportFormat::Csv);
    assert_eq!(
        h.state().job().map(|j| j.title),
        Some("Exporting spans.jsonl".to_owned())
    );
    // Let it finish: the file is written and changes are possible again.
    assert!(h.state_mut().finish_jobs());
    h.run();
    assert!(h.query_by_label("Cancel").is_none());
    assert_eq!(
        std::fs::read_to_string(&out)
            .expect("export")
            .lines()
            .count(),
        3
    );
    assert!(files_named(dir.path(), "second.csv").is_empty());
    h.state_mut().set_selection(47, 52);
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(spans(&h), 4);
}

#[test]
fn the_file_menu_disables_file_commands_while_a_job_runs_but_not_quit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    h.state_mut().defer_jobs();
    h.state_mut()
        .export_to(&dir.path().join("spans.csv"), ExportFormat::Csv);
    strip_shown(&mut h);
    h.get_by_label("File").click();
    h.run();
    // Menu items read "text shortcut" to screen readers.
    let disabled = |h: &Harness<'_, Lectern>, item: &str| {
        h.get_by_role_and_label(Role::Button, item)
            .accesskit_node()
            .is_disabled()
    };
    for item in [
        "Open project… Ctrl+O",
        "Save Ctrl+S",
        "Save as… Ctrl+Shift+S",
        "Add articles… Ctrl+Shift+O",
        "Export",
        "Import",
    ] {
        assert!(disabled(&h, item), "{item}");
    }
    assert!(!disabled(&h, "Quit Ctrl+Q"));
    assert!(h.state_mut().finish_jobs());
    h.run();
    assert!(!disabled(&h, "Save Ctrl+S"));
}

#[test]
fn a_cancelled_save_leaves_the_file_and_the_unsaved_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    let mut h = harness(dir.path());
    let on_disk = std::fs::read(&path).expect("read");
    h.state_mut().set_selection(47, 52);
    h.key_press(Key::Num1);
    h.run();
    assert!(h.state().session().is_dirty());
    h.state_mut().defer_jobs();
    h.state_mut().run_command(Command::Save);
    h.run();
    strip_shown(&mut h);
    h.get_by_role_and_label(Role::ProgressIndicator, "Saving p.ron");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    h.state_mut().finish_jobs();
    assert_eq!(
        h.state().status(),
        "Cancelled saving p.ron; the file on disk was not changed"
    );
    assert_eq!(std::fs::read(&path).expect("read"), on_disk);
    assert!(h.state().session().is_dirty());
    assert!(
        !dir.path().join(".lectern-backups").exists(),
        "no backup rotated for a save that did not happen"
    );
    // Saving again, left to finish, saves and keeps the old file as a backup.
    h.state_mut().run_command(Command::Save);
    h.run();
    // The frames may have applied the finished save already (checked below either way).
    h.state_mut().finish_jobs();
    h.run();
    assert!(!h.state().session().is_dirty());
    assert_eq!(
        lectern::store::load(&path).expect("load").documents[0]
            .spans
            .len(),
        4
    );
    assert!(dir.path().join(".lectern-backups/p.bak1.ron").exists());
}

#[test]
fn a_cancelled_import_adds_nothing_and_no_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    h.state_mut().defer_jobs();
    let brat = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interchange/brat");
    h.state_mut().import_paths(ImportFormat::Brat, &[brat]);
    strip_shown(&mut h);
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    h.state_mut().finish_jobs();
    assert_eq!(h.state().project().documents.len(), 1);
    assert_eq!(h.state().session().history.undo_description(), None);
    assert_eq!(
        h.state().status(),
        "Cancelled importing brat; nothing was imported"
    );
}

#[test]
fn closing_while_a_job_runs_waits_for_it_then_asks_about_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    h.state_mut().set_selection(47, 52);
    h.key_press(Key::Num1);
    h.run();
    h.state_mut().defer_jobs();
    h.state_mut()
        .export_to(&dir.path().join("spans.csv"), ExportFormat::Csv);
    h.state_mut().run_command(Command::Quit);
    h.run();
    assert_eq!(h.state().pending(), None, "no question while the job runs");
    assert!(
        h.state()
            .status()
            .starts_with("Lectern closes when exporting spans.csv is done"),
        "{}",
        h.state().status()
    );
    assert!(h.state_mut().finish_jobs());
    assert_eq!(h.state().pending(), Some(&Pending::Quit));
}

#[test]
fn an_export_left_alone_finishes_in_the_background() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    let out = dir.path().join("spans.csv");
    h.state_mut().export_to(&out, ExportFormat::Csv);
    // Frames go on while it runs; one of them applies its result.
    let deadline = Instant::now() + Duration::from_secs(30);
    while h.state().job().is_some() {
        assert!(Instant::now() < deadline, "the export never finished");
        std::thread::sleep(Duration::from_millis(5));
        h.run();
    }
    assert!(
        h.state().status().starts_with("Exported 3 spans to"),
        "{}",
        h.state().status()
    );
    let csv = std::fs::read_to_string(&out).expect("csv");
    assert_eq!(csv.matches("\n1,Bridge row,").count(), 3, "{csv}");
    assert!(csv.contains("Ελένη Παπαδάκη"));
}
