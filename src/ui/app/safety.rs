//! Not losing work: autosave to a recovery file and the offer to restore it, backups of
//! earlier saves, the lock that warns a second Lectern, and noticing a project file that
//! another program changed. The file side is in `store::{autosave, recovery, backup, lock,
//! disk}`; this module decides when to use it and asks the user.

use super::*;
use crate::store::autosave::Autosaver;
use crate::store::backup::{self, Backup};
use crate::store::disk::DiskStamp;
use crate::store::journal;
use crate::store::lock::{self, ProjectLock};
use crate::store::recovery::{self, Difference};
use std::time::{Duration, Instant, SystemTime};

/// How long after a change the recovery file is written. Edits in between are written
/// together, so typing a note does not write a file per key.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(1);

/// The question the window asks when it finds unsaved work of a Lectern that did not
/// close normally (the crash message names it, `cli::panic_hook`).
pub const RECOVERY_QUESTION: &str = "Restore unsaved work?";

/// How often the project file is checked for changes by other programs.
pub const DISK_CHECK_INTERVAL: Duration = Duration::from_secs(3);

/// A recovery file found when opening a project or starting, waiting for an answer.
#[derive(Clone, Debug)]
pub struct RecoveryOffer {
    /// The recovery file.
    pub recovery_path: PathBuf,
    /// The project it holds.
    pub project: Project,
    /// When it was written.
    pub written: SystemTime,
    /// How it differs from the project as opened.
    pub difference: Difference,
    /// The project file it belongs to; `None` for a never-saved project.
    pub project_path: Option<PathBuf>,
}

/// A question about the project file and another program's changes to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiskConflict {
    /// The file changed on disk while open.
    Changed(PathBuf),
    /// A save would overwrite changes made on disk since Lectern read the file.
    BeforeSave(PathBuf),
}

/// State for the safety net, one per window.
pub struct Safety {
    pub(super) autosaver: Autosaver,
    /// Where never-saved projects' recovery files (and notes of Lectern windows a bug
    /// ended) go; `None` disables them (tests).
    pub(super) unsaved_dir: Option<PathBuf>,
    /// Notes of Lectern windows a bug ended, found at startup, shown until dismissed.
    pub(super) crash_notes: Vec<crate::store::crash_note::CrashNote>,
    /// Revision of the session last written to the recovery file.
    pub(super) written_revision: Option<u64>,
    /// When a change not yet written was first seen.
    pub(super) change_seen: Option<Instant>,
    /// The recovery file this window wrote (with the journal beside it) and must remove
    /// once the work is saved.
    pub(super) recovery_file: Option<PathBuf>,
    /// What the next autosave writes: journal lines, or a snapshot first (`autosave.rs`).
    pub(super) journal: super::autosave::JournalState,
    offer: Option<RecoveryOffer>,
    startup_checked: bool,
    lock: Option<ProjectLock>,
    /// The project file as Lectern last read or wrote it.
    stamp: Option<DiskStamp>,
    /// A change on disk the user chose to keep their version over; not asked again.
    dismissed: Option<DiskStamp>,
    last_disk_check: Option<Instant>,
    conflict: Option<DiskConflict>,
    overwrite_confirmed: bool,
    backups: Option<Vec<Backup>>,
    /// The repair question (`repair.rs`).
    pub(super) repair: Option<super::repair::RepairOffer>,
    /// The action that waited for a save the disk-change question stopped.
    after_save: Option<Pending>,
    /// Another running Lectern held the project's lock when this one opened it.
    second_window: bool,
    /// Document ▸ Update text from file…, while asked (`drift.rs`).
    pub(super) text_update: Option<super::drift::TextUpdate>,
    manual_clock: bool,
}

impl Safety {
    /// The safety net, writing never-saved projects' recovery files into `unsaved_dir`.
    pub fn new(unsaved_dir: Option<PathBuf>) -> Self {
        Self {
            autosaver: Autosaver::start(),
            unsaved_dir,
            crash_notes: Vec::new(),
            written_revision: None,
            change_seen: None,
            recovery_file: None,
            journal: Default::default(),
            offer: None,
            startup_checked: false,
            lock: None,
            stamp: None,
            dismissed: None,
            last_disk_check: None,
            conflict: None,
            overwrite_confirmed: false,
            backups: None,
            repair: None,
            text_update: None,
            after_save: None,
            second_window: false,
            manual_clock: false,
        }
    }

    /// Whether one of the safety questions is on screen.
    pub fn modal_open(&self) -> bool {
        self.offer.is_some()
            || !self.crash_notes.is_empty()
            || self.conflict.is_some()
            || self.backups.is_some()
            || self.repair.is_some()
            || self.text_update.is_some()
    }
}

impl Lectern {
    // ----- for tests and the frame -----

    /// Stops the frame from reading the clock: only [`Lectern::tick`] moves time (tests).
    pub fn use_manual_clock(&mut self) {
        self.safety.manual_clock = true;
    }

    /// Where never-saved projects' recovery files go (`None`: nowhere).
    pub fn set_unsaved_recovery_dir(&mut self, dir: Option<PathBuf>) {
        self.safety.unsaved_dir = dir;
    }

    /// Waits until the background writer has written or removed every recovery file asked.
    pub fn flush_autosave(&self) {
        self.safety.autosaver.flush();
    }

    /// The recovery file that would hold the open project's unsaved work.
    pub fn recovery_path(&self) -> Option<PathBuf> {
        match &self.session.path {
            Some(p) if self.safety.second_window => {
                Some(recovery::second_path_for(p, std::process::id()))
            }
            Some(p) => Some(recovery::path_for(p)),
            None => self
                .safety
                .unsaved_dir
                .as_deref()
                .map(recovery::unsaved_path),
        }
    }

    /// The restore question, if one is waiting.
    pub fn recovery_offer(&self) -> Option<&RecoveryOffer> {
        self.safety.offer.as_ref()
    }

    /// The question about changes on disk, if one is waiting.
    pub fn disk_conflict(&self) -> Option<&DiskConflict> {
        self.safety.conflict.as_ref()
    }

    /// The backups listed by File ▸ Open backup…, while the list is shown.
    pub fn backup_list(&self) -> Option<&[Backup]> {
        self.safety.backups.as_deref()
    }

    /// Does the time-driven work: writes the recovery file once a change is
    /// [`AUTOSAVE_DELAY`] old, removes it when nothing is unsaved, and checks the project
    /// file for changes by other programs. Returns how soon it wants to run again.
    pub fn tick(&mut self, now: Instant) -> Option<Duration> {
        if let Some(e) = self.safety.autosaver.next_error() {
            self.status = format!("Autosave failed: {e}");
        }
        if !self.safety.startup_checked {
            self.safety.startup_checked = true;
            self.find_crash_notes();
            self.offer_unsaved_recovery();
        }
        let mut again = None;
        if self.session.is_dirty() {
            if self.safety.written_revision != Some(self.session.revision()) {
                let seen = *self.safety.change_seen.get_or_insert(now);
                let due = seen + AUTOSAVE_DELAY;
                if now >= due {
                    self.write_recovery();
                } else {
                    again = Some(due - now);
                }
            }
        } else if self.safety.recovery_file.is_some() {
            // Back to the saved state (undone): nothing to recover.
            self.remove_recovery_files();
        }
        let check_due = self
            .safety
            .last_disk_check
            .is_none_or(|t| now.duration_since(t) >= DISK_CHECK_INTERVAL);
        // A running job may be the one writing the file: its own save is not a change by
        // another program.
        if check_due && self.session.path.is_some() && !self.jobs.is_running() {
            self.safety.last_disk_check = Some(now);
            self.check_disk();
        }
        if self.session.path.is_some() {
            again = Some(again.map_or(DISK_CHECK_INTERVAL, |a| a.min(DISK_CHECK_INTERVAL)));
        }
        again
    }

    /// Called every frame: ticks with the real clock and draws the safety questions.
    pub(super) fn safety_frame(&mut self, ctx: &egui::Context) {
        if !self.safety.manual_clock
            && let Some(after) = self.tick(Instant::now())
        {
            ctx.request_repaint_after(after);
        }
        if self.pending.is_some() || self.report.is_some() || self.prompt.is_some() {
            return;
        }
        // What happened last time comes before the question about the work it left.
        if !self.safety.crash_notes.is_empty() {
            self.crash_note_ui(ctx);
            return;
        }
        self.repair_offer_ui(ctx);
        self.text_update_ui(ctx);
        self.recovery_offer_ui(ctx);
        self.disk_conflict_ui(ctx);
        self.backup_list_ui(ctx);
    }

    // ----- the hooks files.rs calls -----

    /// The open project is being replaced: its recovery file and lock go (the user saved
    /// or chose to discard), and so does what was known about its file.
    pub(super) fn safety_session_replaced(&mut self) {
        self.remove_recovery_files();
        self.safety.journal = Default::default();
        self.safety.lock = None;
        self.safety.stamp = None;
        self.safety.dismissed = None;
        self.safety.conflict = None;
        self.safety.offer = None;
    }

    /// A project was opened from `path`: lock it, remember its stamp (taken by the opening
    /// job, which had the file in hand), offer recovery.
    pub(super) fn safety_opened(&mut self, path: &Path, stamp: Option<DiskStamp>) {
        self.journal_from_file(stamp.as_ref());
        self.safety.stamp = stamp;
        self.take_lock(path);
        if self.safety.second_window {
            // Any recovery file may be the other window's live work: not ours to offer.
            return;
        }
        let base = self.safety.stamp.as_ref().map(DiskStamp::journal_base);
        let opened = base.as_ref().map(|b| (&self.session.project, b));
        match recovery::pending_for(path, opened) {
            Ok(Some(found)) => {
                let difference = recovery::difference(&self.session.project, &found.project);
                self.safety.offer = Some(RecoveryOffer {
                    recovery_path: found.path,
                    project: found.project,
                    written: found.written,
                    difference,
                    project_path: Some(path.to_path_buf()),
                });
            }
            Ok(None) => {}
            Err(e) => {
                self.status = format!("A recovery file was found but cannot be read: {e}");
            }
        }
    }

    fn take_lock(&mut self, path: &Path) {
        self.safety.lock = None;
        self.safety.second_window = false;
        match lock::acquire(path) {
            Ok(lock::Acquired::Locked(l)) => self.safety.lock = Some(l),
            Ok(lock::Acquired::HeldBy { pid }) => {
                // The other window owns `.NAME.ron.recovery`; this one keeps its own.
                self.safety.second_window = true;
                self.report = Some(Report {
                    title: "Project open in another Lectern".to_owned(),
                    lines: vec![
                        format!(
                            "{} is already open in another Lectern{}.",
                            path.display(),
                            pid.map(|p| format!(" (process {p})")).unwrap_or_default()
                        ),
                        "Saving here may overwrite changes made there; Lectern will ask \
                         before overwriting a file that changed on disk."
                            .to_owned(),
                    ],
                });
            }
            // A read-only folder: the project still opens, without a lock.
            Err(_) => {}
        }
    }

    /// Before saving to `path`: refuses (and asks) when the file changed on disk since it
    /// was read, unless the user said to overwrite. (The save job keeps a backup of the
    /// old file once it is sure to replace it.)
    pub(super) fn safety_may_save(&mut self, path: &Path) -> bool {
        let same_file = self.session.path.as_deref() == Some(path);
        if same_file
            && !std::mem::take(&mut self.safety.overwrite_confirmed)
            && self.safety.stamp.as_ref().is_some_and(|s| s.changed(path))
        {
            self.safety.conflict = Some(DiskConflict::BeforeSave(path.to_path_buf()));
            return false;
        }
        true
    }

    /// A save that `then` waited for did not happen: if it stopped at the disk-change
    /// question, `then` runs once the user answers Overwrite (or goes on to Save as…).
    pub(super) fn safety_after_save(&mut self, then: Option<Pending>) {
        self.safety.after_save = match self.safety.conflict {
            Some(DiskConflict::BeforeSave(_)) => then,
            _ => None,
        };
    }

    /// After saving to `path`: the recovery file goes, the new file is stamped and locked.
    pub(super) fn safety_saved(&mut self, path: &Path, stamp: Option<DiskStamp>) {
        self.remove_recovery_files();
        self.journal_from_file(stamp.as_ref());
        self.safety.stamp = stamp;
        self.safety.dismissed = None;
        if self.safety.lock.as_ref().map(|l| l.path()) != Some(&lock::path_for(path)) {
            self.take_lock(path);
        }
    }

    /// The window is closing after the user saved or discarded: nothing is left to recover.
    pub(super) fn safety_closing(&mut self) {
        self.remove_recovery_files();
        self.safety.autosaver.flush();
        self.safety.lock = None;
    }

    // ----- recovery -----

    fn offer_unsaved_recovery(&mut self) {
        if self.session.path.is_some() || self.session.is_dirty() || self.safety.offer.is_some() {
            return;
        }
        let Some(dir) = self.safety.unsaved_dir.clone() else {
            return;
        };
        for path in recovery::orphaned_unsaved(&dir) {
            match recovery::read(&path) {
                Ok(Some(found)) => {
                    let difference = recovery::difference(&self.session.project, &found.project);
                    self.safety.offer = Some(RecoveryOffer {
                        recovery_path: found.path,
                        project: found.project,
                        written: found.written,
                        difference,
                        project_path: None,
                    });
                    return;
                }
                Ok(None) => {}
                Err(e) => self.status = format!("An unreadable recovery file was skipped: {e}"),
            }
        }
    }

    /// Restores the offered recovery file: its project becomes the open one, unsaved.
    pub fn restore_recovery(&mut self) {
        let Some(offer) = self.safety.offer.take() else {
            return;
        };
        let lock = self.safety.lock.take();
        let stamp = self.safety.stamp.take();
        self.set_session(Session::new(offer.project, offer.project_path.clone()));
        self.session.history.mark_unsaved();
        self.safety.lock = lock;
        self.safety.stamp = stamp;
        // The file now holds this window's unsaved work; it is replaced by the next
        // autosave and removed by the next save.
        let mine = match &offer.project_path {
            Some(_) => Some(offer.recovery_path.clone()),
            None => self.recovery_path().and_then(|own| {
                let journal = journal::path_for(&offer.recovery_path);
                if journal.exists() {
                    let _ = std::fs::rename(&journal, journal::path_for(&own));
                }
                std::fs::rename(&offer.recovery_path, &own)
                    .ok()
                    .map(|()| own)
            }),
        };
        self.safety.recovery_file = mine.or(Some(offer.recovery_path));
        self.status = format!(
            "Restored unsaved work from {}; save to keep it",
            iso_local(offer.written)
        );
    }

    /// Declines the offered recovery file and deletes it.
    /// The file is not deleted but set aside (`.lectern-backups/NAME.discarded-recovery.ron`,
    /// or `discarded-recovery.ron` in the data folder), replacing the one set aside before, so
    /// a wrong click costs nothing.
    pub fn discard_recovery(&mut self) {
        let Some(offer) = self.safety.offer.take() else {
            return;
        };
        let aside = match &offer.project_path {
            Some(p) => backup::folder_for(p).join(format!(
                "{}.discarded-recovery.ron",
                p.file_stem()
                    .map_or_else(|| "project".into(), |s| s.to_string_lossy().into_owned())
            )),
            None => offer.recovery_path.with_file_name("discarded-recovery.ron"),
        };
        let journal = journal::path_for(&offer.recovery_path);
        let moved = aside
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                if journal.exists() {
                    // The recovered state is the journal replayed over its base: it is
                    // what is set aside, as a project file.
                    crate::store::save(&offer.project, &aside)
                        .map_err(std::io::Error::other)
                        .and_then(|()| recovery::remove(&journal))
                        .and_then(|()| recovery::remove(&offer.recovery_path))
                } else {
                    std::fs::rename(&offer.recovery_path, &aside)
                }
            });
        self.status = match moved {
            Ok(()) => format!(
                "Discarded the recovered changes (set aside as {})",
                aside.display()
            ),
            Err(_) => match recovery::remove(&journal)
                .and_then(|()| recovery::remove(&offer.recovery_path))
            {
                Ok(()) => "Discarded the recovered changes".to_owned(),
                Err(e) => format!("Could not remove {}: {e}", offer.recovery_path.display()),
            },
        };
    }

    fn recovery_offer_ui(&mut self, ctx: &egui::Context) {
        let Some(offer) = &self.safety.offer else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("recovery-offer")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(RECOVERY_QUESTION);
            let what = match &offer.project_path {
                Some(p) => format!("{} has unsaved changes", p.display()),
                None => "A project that was never saved has unsaved work".to_owned(),
            };
            ui.label(format!(
                "{what} from a Lectern that did not close normally, written {}.",
                iso_local(offer.written)
            ));
            ui.label(format!(
                "Compared with the project as opened, {}.",
                offer.difference
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    answer = Some(true);
                }
                if ui
                    .button("Discard")
                    .on_hover_text("Keep the project as it is; the recovered changes are set aside, not deleted")
                    .clicked()
                {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => self.restore_recovery(),
            Some(false) => self.discard_recovery(),
            None => {}
        }
    }

    // ----- changes on disk -----

    fn check_disk(&mut self) {
        let (Some(path), Some(stamp)) = (&self.session.path, &self.safety.stamp) else {
            return;
        };
        if self.safety.conflict.is_some() || !stamp.changed(path) {
            return;
        }
        let now = DiskStamp::read(path).ok();
        if now.is_some() && now == self.safety.dismissed {
            return;
        }
        self.safety.conflict = Some(DiskConflict::Changed(path.clone()));
        self.journal_lost_its_base();
    }

    /// Reloads the project from its file, dropping unsaved changes (the user asked).
    pub fn reload_from_disk(&mut self) {
        self.safety.conflict = None;
        if let Some(path) = self.session.path.clone() {
            self.start_open(&path, super::files::OpenAs::Reload);
        }
    }

    /// Keeps the open version over a change on disk: not asked again for that change; a
    /// save still asks before overwriting it.
    pub fn keep_mine(&mut self) {
        if let Some(DiskConflict::Changed(path)) = self.safety.conflict.take() {
            self.safety.dismissed = DiskStamp::read(&path).ok();
        }
    }

    /// Saves over a file that changed on disk (the user saw the question).
    pub fn overwrite_on_disk(&mut self) {
        if let Some(DiskConflict::BeforeSave(path) | DiskConflict::Changed(path)) =
            self.safety.conflict.take()
        {
            self.safety.overwrite_confirmed = true;
            let then = self.safety.after_save.take();
            self.save_then_to(&path, then);
        }
    }

    fn disk_conflict_ui(&mut self, ctx: &egui::Context) {
        let Some(conflict) = self.safety.conflict.clone() else {
            return;
        };
        let dirty = self.session.is_dirty();
        let mut choice: Option<fn(&mut Lectern)> = None;
        egui::Modal::new(egui::Id::unique("disk-conflict")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &conflict {
                DiskConflict::Changed(path) => {
                    ui.heading("Project changed on disk");
                    ui.label(format!(
                        "{} was changed by another program since Lectern read it.",
                        path.display()
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        let reload = if dirty {
                            "Reload, discarding my changes"
                        } else {
                            "Reload"
                        };
                        if ui.button(reload).clicked() {
                            choice = Some(Lectern::reload_from_disk);
                        }
                        if ui
                            .button("Keep my version")
                            .on_hover_text("Saving will still ask before overwriting the file")
                            .clicked()
                        {
                            choice = Some(Lectern::keep_mine);
                        }
                    });
                }
                DiskConflict::BeforeSave(path) => {
                    ui.heading("Overwrite changes on disk?");
                    ui.label(format!(
                        "{} was changed by another program since Lectern read it. Saving \
                         replaces those changes (the replaced file is kept as a backup).",
                        path.display()
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Overwrite").clicked() {
                            choice = Some(Lectern::overwrite_on_disk);
                        }
                        if ui.button("Save as…").clicked() {
                            choice = Some(|app: &mut Lectern| {
                                app.safety.conflict = None;
                                let then = app.safety.after_save.take();
                                app.choose_path(FileTarget::SaveProject(then));
                            });
                        }
                        if ui.button("Cancel").clicked() {
                            choice = Some(|app: &mut Lectern| {
                                app.safety.conflict = None;
                                app.safety.after_save = None;
                            });
                        }
                    });
                }
            }
        });
        if let Some(f) = choice {
            f(self);
        }
    }

    // ----- backups -----

    /// File ▸ Open backup…: lists the open project's backups.
    pub fn show_backups(&mut self) {
        let Some(path) = self.session.path.clone() else {
            self.status = "Backups are kept for saved projects; this one was never saved".into();
            return;
        };
        let list = backup::list(&path);
        if list.is_empty() {
            self.status = format!("No backups of {} yet", path.display());
            return;
        }
        self.safety.backups = Some(list);
    }

    /// Opens a backup as a new, never-saved project, read off the UI thread (the open one
    /// is replaced: callers ask about unsaved changes first).
    pub fn open_backup_path(&mut self, path: &Path) {
        self.safety.backups = None;
        self.start_open(path, super::files::OpenAs::Backup);
    }

    fn backup_list_ui(&mut self, ctx: &egui::Context) {
        let Some(list) = &self.safety.backups else {
            return;
        };
        let mut open = None;
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("backups")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Open backup");
            ui.label(
                "Earlier saves of this project, newest first. One opens as a new, unsaved project.",
            );
            ui.add_space(6.0);
            for b in list {
                ui.horizontal(|ui| {
                    ui.label(format!(
                        "Backup {}, saved {}",
                        b.number,
                        iso_local(b.written)
                    ));
                    if ui.button(format!("Open backup {}", b.number)).clicked() {
                        open = Some(b.path.clone());
                    }
                });
            }
            ui.add_space(6.0);
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        if close || modal.should_close() {
            self.safety.backups = None;
        }
        if let Some(path) = open {
            self.safety.backups = None;
            self.request(Pending::OpenBackup(path));
        }
    }
}

/// A time for the user: ISO 8601 in UTC with seconds, and how long ago.
pub(super) fn iso_local(time: SystemTime) -> String {
    let ago = SystemTime::now()
        .duration_since(time)
        .map_or(0, |d| d.as_secs());
    let ago = match ago {
        0..60 => format!("{ago} s ago"),
        60..3600 => format!("{} min ago", ago / 60),
        _ => format!("{} h ago", ago / 3600),
    };
    format!("{} ({ago})", crate::model::iso_utc(time))
}
