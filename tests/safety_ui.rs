//! Not losing work, driven through the window: autosave and restore after a crash,
//! backups, the lock warning and a project changed on disk by another program.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::formats::ExportFormat;
use lectern::model::{DocId, Document, Project};
use lectern::store::{self, backup, journal, recovery};
use lectern::ui::Lectern;
use lectern::ui::app::{AUTOSAVE_DELAY, DiskConflict};
use lectern::ui::command::Command;
use std::path::Path;
use std::time::{Duration, Instant};
use support::{open_in_window as opened, window as harness};

mod support;

const TEXT: &str = "“It’s a disgrace,” said Ms\u{a0}Ελένη Παπαδάκη, the mayor.\nSecond line.";

fn project() -> Project {
    let mut p = Project::new("Safety");
    p.documents
        .push(Document::new(DocId(1), "Bridge row", TEXT));
    p
}

/// Labels code points 1..16 as a quote, as selecting and pressing 1 does.
fn label_quote(h: &mut Harness<'_, Lectern>) {
    h.state_mut().set_selection(1, 16);
    h.key_press(Key::Num1);
    h.run();
    assert!(h.state().session().is_dirty());
}

/// Lets the autosave delay pass and waits for the background writer.
fn autosave(h: &mut Harness<'_, Lectern>) {
    let t0 = Instant::now();
    h.state_mut().tick(t0);
    h.state_mut().tick(t0 + AUTOSAVE_DELAY);
    h.state().flush_autosave();
}

#[test]
fn a_change_is_autosaved_and_offered_back_after_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).expect("save");
    let snapshot = recovery::path_for(&path);
    let rec = journal::path_for(&snapshot);

    let mut h = opened(&path);
    label_quote(&mut h);
    let t0 = Instant::now();
    h.state_mut().tick(t0);
    h.state().flush_autosave();
    assert!(!rec.exists(), "not before the delay");
    h.state_mut().tick(t0 + AUTOSAVE_DELAY);
    h.state().flush_autosave();
    assert!(
        rec.exists(),
        "written once the change is {AUTOSAVE_DELAY:?} old"
    );
    // Only the change is written (a journal line from the project file), not the project.
    assert!(!snapshot.exists());
    assert_eq!(
        std::fs::read_to_string(&rec)
            .expect("journal")
            .lines()
            .count(),
        2,
        "a header and one line of edits"
    );
    let changed = h.state().project().clone();
    // The window dies without saving (a crash leaves the journal behind).
    drop(h);
    assert!(rec.exists());
    assert_eq!(store::load(&path).expect("saved file"), project());

    let mut h = opened(&path);
    let offer = h.state().recovery_offer().expect("restore offered");
    assert_eq!(offer.difference.spans, 1);
    assert_eq!(offer.difference.documents, 1);
    h.run();
    h.get_by_label("Restore unsaved work?");
    h.get_by_label_contains("1 document and 1 span differ");
    h.get_by_label("Restore").click();
    h.run();
    assert!(h.state().recovery_offer().is_none());
    assert_eq!(h.state().project().documents, changed.documents);
    assert!(h.state().session().is_dirty(), "restored work is unsaved");

    // Saving keeps the work, removes the recovery file and keeps a backup of the old save.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    h.state_mut().finish_jobs();
    h.state().flush_autosave();
    assert!(!h.state().session().is_dirty());
    assert!(!rec.exists(), "recovery file removed after saving");
    assert_eq!(
        store::load(&path).expect("load").documents,
        changed.documents
    );
    let backups = backup::list(&path);
    assert_eq!(backups.len(), 1);
    assert_eq!(store::load(&backups[0].path).expect("backup"), project());
}

#[test]
fn the_edits_are_in_the_journal_before_a_background_job_starts() {
    // The shipping build ends on a bug in a job (it aborts on a panic): the edits made
    // just before the job must already be in the journal, not a second later.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).expect("save");
    let rec = journal::path_for(&recovery::path_for(&path));
    let mut h = opened(&path);
    label_quote(&mut h);
    assert!(!rec.exists(), "not autosaved yet");
    h.state_mut()
        .export_to(&dir.path().join("spans.csv"), ExportFormat::Csv);
    assert!(rec.exists(), "written as the job started");
    let written = std::fs::read_to_string(&rec).expect("journal");
    assert_eq!(
        written.lines().count(),
        2,
        "a header and the edit: {written}"
    );
    // As if the job had ended the app: the next window offers the edit back.
    drop(h);
    let h = opened(&path);
    let offer = h.state().recovery_offer().expect("restore offered");
    assert_eq!(offer.difference.spans, 1);
}

#[test]
fn discarding_the_offer_deletes_the_recovery_file_and_undo_to_saved_removes_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).expect("save");
    let rec = journal::path_for(&recovery::path_for(&path));
    let mut h = opened(&path);
    label_quote(&mut h);
    autosave(&mut h);
    assert!(rec.exists());
    // Undoing back to the saved state leaves nothing to recover.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    autosave(&mut h);
    assert!(!rec.exists());
    label_quote(&mut h);
    autosave(&mut h);
    drop(h);

    let mut h = opened(&path);
    assert!(h.state().recovery_offer().is_some());
    h.get_by_label("Discard").click();
    h.run();
    assert!(!rec.exists());
    // Set aside, not deleted: a wrong click costs nothing.
    let aside = dir.path().join(".lectern-backups/p.discarded-recovery.ron");
    assert_eq!(
        store::load(&aside).expect("set aside").documents[0]
            .spans
            .len(),
        1
    );
    assert_eq!(h.state().project().documents, project().documents);
}

/// What a Lectern with a never-saved project leaves in `data` when it crashes (process
/// `pid`, no longer running): the project's recovery file.
fn left_unsaved_by_a_crash(data: &Path, pid: u32) -> std::path::PathBuf {
    let orphan = data.join(format!("unsaved-{pid}.ron.recovery"));
    std::fs::create_dir_all(data).expect("mkdir");
    store::save(&project(), &orphan).expect("orphan");
    orphan
}

/// A window started with `data` as its folder for never-saved projects, after its first tick.
fn start_with_data(data: &Path) -> Harness<'static, Lectern> {
    let mut app = Lectern::new(None);
    app.use_manual_clock();
    app.set_unsaved_recovery_dir(Some(data.to_path_buf()));
    let mut h = harness(app);
    h.state_mut().tick(Instant::now());
    h.run();
    h
}

#[test]
fn a_never_saved_project_is_offered_back_at_the_next_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("recovery");
    let orphan = left_unsaved_by_a_crash(&data, u32::MAX - 7);
    let mut h = start_with_data(&data);
    let offer = h.state().recovery_offer().expect("offered at start");
    assert!(offer.project_path.is_none());
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(h.state().project().documents, project().documents);
    assert!(h.state().session().path.is_none());
    assert!(h.state().session().is_dirty());
    // The file is now this window's own, so a second crash still keeps the work.
    assert!(!orphan.exists());
    let own = h.state().recovery_path().expect("own recovery path");
    assert!(own.exists(), "{}", own.display());
}

#[test]
fn open_backup_lists_earlier_saves_and_opens_one_unsaved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).expect("save");
    let mut h = opened(&path);
    label_quote(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    h.state_mut().finish_jobs();
    assert!(!h.state().session().is_dirty());
    h.state_mut().run_command(Command::OpenBackup);
    h.run();
    assert_eq!(h.state().backup_list().expect("listed").len(), 1);
    h.get_by_label("Open backup 1").click();
    h.run_steps(2);
    h.state_mut().finish_jobs();
    assert!(h.state().backup_list().is_none());
    assert_eq!(h.state().project().documents, project().documents);
    assert!(
        h.state().session().path.is_none(),
        "opened as a new project"
    );
    assert!(h.state().session().is_dirty());
}

#[test]
fn a_change_on_disk_is_noticed_and_reloaded_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).expect("save");
    let mut h = opened(&path);
    let t0 = Instant::now();
    h.state_mut().tick(t0);
    assert!(h.state().disk_conflict().is_none());
    let mut theirs = project();
    theirs.name = "Pulled from git".into();
    store::save(&theirs, &path).expect("their save");
    h.state_mut().tick(t0 + Duration::from_secs(10));
    h.run();
    assert_eq!(
        h.state().disk_conflict(),
        Some(&DiskConflict::Changed(path.clone()))
    );
    h.get_by_label("Reload").click();
    h.run_steps(2);
    h.state_mut().finish_jobs();
    assert_eq!(h.state().project().name, "Pulled from git");
    assert!(h.state().disk_conflict().is_none());
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).expect("save");
    let mut h = opened(&path);
    label_quote(&mut h);
    let mut theirs = project();
    theirs.name = "Theirs".into();
    store::save(&theirs, &path).expect("their save");
    let t0 = Instant::now();
    h.state_mut().tick(t0 + Duration::from_secs(10));
    h.run();
    h.get_by_label("Keep my version").click();
    h.run();
    assert!(h.state().disk_conflict().is_none());
    h.state_mut().tick(t0 + Duration::from_secs(20));
    assert!(h.state().disk_conflict().is_none(), "not asked twice");

    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    h.state_mut().finish_jobs();
    assert_eq!(
        h.state().disk_conflict(),
        Some(&DiskConflict::BeforeSave(path.clone()))
    );
    assert_eq!(
        store::load(&path).expect("load").name,
        "Theirs",
        "not overwritten"
    );
    h.get_by_label("Overwrite").click();
    h.run_steps(2);
    h.state_mut().finish_jobs();
    assert!(!h.state().session().is_dirty());
    assert_eq!(store::load(&path).expect("load").name, "Safety");
    let backups = backup::list(&path);
    assert_eq!(
        store::load(&backups[0].path).expect("backup").name,
        "Theirs"
    );
}

#[test]
#[cfg(target_os = "linux")]
fn a_second_lectern_on_the_same_project_is_warned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).expect("save");
    // Another Lectern holds the project.
    let other = support::OtherLockHolder::of(&path);
    let h = opened(&path);
    let report = h.state().report().expect("warned");
    assert_eq!(report.title, "Project open in another Lectern");
    assert!(
        report.lines[0].contains(&format!("(process {})", other.pid())),
        "{:?}",
        report.lines
    );
    drop(h);
    drop(other);
    // A lock file left by a Lectern that crashed is not locked: it is taken over.
    let lock = store::lock::path_for(&path);
    std::fs::write(&lock, "1\n").expect("lock");
    let h = opened(&path);
    assert!(h.state().report().is_none());
    assert_eq!(
        std::fs::read_to_string(&lock).expect("ours").trim(),
        std::process::id().to_string()
    );
    drop(h);
    assert!(!lock.exists(), "released when the window goes");
}

#[test]
fn a_file_with_drifted_spans_is_repaired_keeping_every_span() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("drifted.ron");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/malformed/span-shifted-by-edit.ron");
    let original = std::fs::read(&fixture).expect("fixture");
    std::fs::write(&path, &original).expect("copy");
    let mut app = Lectern::new(None);
    app.use_manual_clock();
    app.open_project_path(&path);
    assert!(!app.finish_jobs());
    let mut h = harness(app);
    h.get_by_label("Project has problems");
    let offer = h.state().repair_offer().expect("repair offered");
    assert_eq!(offer.repair.actions.len(), 2, "{:?}", offer.repair.actions);
    h.get_by_label("Repair and open").click();
    h.run();
    let p = h.state().project();
    assert!(p.problems().is_empty());
    let texts: Vec<&str> = p.documents[0]
        .spans
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(texts, ["Mayor vows to fight.", "“It’s a disgrace,”"]);
    assert!(h.state().session().is_dirty());
    assert_eq!(
        std::fs::read(&path).expect("read"),
        original,
        "not written before saving"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    h.state_mut().finish_jobs();
    assert!(store::load(&path).is_ok(), "the saved repair is valid");
    assert_eq!(
        std::fs::read(&backup::list(&path)[0].path).expect("backup"),
        original
    );
}

#[test]
fn the_frame_autosaves_by_the_real_clock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).expect("save");
    let mut app = Lectern::new(None);
    app.open_project_path(&path);
    assert!(app.finish_jobs());
    let mut h = harness(app);
    label_quote(&mut h);
    std::thread::sleep(AUTOSAVE_DELAY + Duration::from_millis(100));
    h.run();
    h.state().flush_autosave();
    assert!(journal::path_for(&recovery::path_for(&path)).exists());
}

#[test]
fn quit_waits_through_the_overwrite_question_and_then_closes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).expect("save");
    let mut h = opened(&path);
    label_quote(&mut h);
    let mut theirs = project();
    theirs.name = "Theirs".into();
    store::save(&theirs, &path).expect("their save");
    assert!(store::lock::path_for(&path).exists());
    h.state_mut().run_command(Command::Quit);
    h.run();
    h.get_by_label("Save").click();
    h.run_steps(2);
    h.state_mut().finish_jobs();
    assert!(matches!(
        h.state().disk_conflict(),
        Some(DiskConflict::BeforeSave(_))
    ));
    h.get_by_label("Overwrite").click();
    h.run_steps(2);
    h.state_mut().finish_jobs();
    h.run();
    assert_eq!(store::load(&path).expect("load").name, "Safety");
    assert!(!h.state().session().is_dirty());
    assert!(h.state().pending().is_none());
    // The quit went ahead: the closing window let go of its lock.
    assert!(!store::lock::path_for(&path).exists());
}

#[test]
#[cfg(target_os = "linux")]
fn a_second_window_keeps_its_own_recovery_file_and_offers_none_of_the_firsts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).expect("save");
    // The first window holds the lock and has autosaved its work.
    let _first = support::OtherLockHolder::of(&path);
    let mut firsts = project();
    firsts.name = "First window's work".into();
    store::save(&firsts, &recovery::path_for(&path)).expect("first's recovery");

    let mut h = opened(&path);
    assert!(
        h.state().recovery_offer().is_none(),
        "the first window's live work"
    );
    h.get_by_label("OK").click();
    h.run();
    label_quote(&mut h);
    autosave(&mut h);
    let own = recovery::second_path_for(&path, std::process::id());
    assert!(journal::path_for(&own).exists());
    assert_eq!(
        store::load(&recovery::path_for(&path))
            .expect("first's")
            .name,
        "First window's work",
        "not overwritten"
    );
}

#[test]
fn a_bug_that_ended_the_last_window_is_told_once_before_its_work_is_offered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("recovery");
    // The last window: its unsaved project, and the note its panic hook left as it ended.
    left_unsaved_by_a_crash(&data, u32::MAX - 9);
    let bug = "index out of range at src/ui/doc_view.rs:12, thread 'main'\nLectern 9.9.9";
    let note = store::crash_note::write(&data, u32::MAX - 9, bug).expect("note");

    let mut h = start_with_data(&data);
    h.get_by_label(lectern::ui::app::CRASH_TITLE);
    h.get_by_label(bug);
    assert!(
        h.query_by_label("Restore").is_none(),
        "the note comes first"
    );
    assert!(h.state().crash_report().ends_with(bug));

    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().crash_notes().is_empty());
    assert!(!note.exists(), "shown once: the note is removed");
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(h.state().project().documents, project().documents);

    // The next start says nothing more.
    let h = start_with_data(&data);
    assert!(h.query_by_label(lectern::ui::app::CRASH_TITLE).is_none());
    assert!(h.state().crash_notes().is_empty());
}
