//! Long file work as jobs: starting one, polling it each frame, drawing its progress
//! strip, cancelling it (Cancel or Esc), and applying its result on the UI thread.
//!
//! While a job runs the project is read-only and other file commands wait: the job was
//! given the project as it was when it started (a snapshot to save or export, or nothing
//! for one that reads files), and its result is applied through the same paths as ever
//! (`Session::new`, one undoable step for an import). Reading, scrolling and searching go
//! on. Closing the window waits for the job and then asks as usual.

use super::files::Done;
use super::*;
use crate::progress::Progress;
use crate::ui::job::{Cancel, Crashed, JobView, Refused};
use std::time::Duration;

/// How often the window redraws a running job's progress when nothing else asks for a
/// frame: often enough to look alive, seldom enough to leave the job the processor (a
/// finished job asks for a frame at once).
const POLL_EVERY: Duration = Duration::from_millis(100);

impl Lectern {
    // ----- for tests -----

    /// Makes jobs wait until [`Lectern::finish_jobs`] runs them, instead of starting a
    /// thread: a test can then see a job running and cancel it before it can finish.
    pub fn defer_jobs(&mut self) {
        self.jobs.defer();
    }

    /// Waits for the running job and the ones it leads to (the command line's articles
    /// after its project, the action a save was for), applying each as a frame would.
    /// True when every one did what it was asked; false when none ran.
    pub fn finish_jobs(&mut self) -> bool {
        let mut all = None;
        while let Some(result) = self.jobs.wait() {
            let done = self.job_ended(result);
            all = Some(all.unwrap_or(true) && done);
        }
        all.unwrap_or(false)
    }

    /// The running job, as its progress strip shows it.
    pub fn job(&self) -> Option<JobView> {
        self.jobs.view()
    }

    /// Cancels the running job (what its Cancel button and Esc do): everything stays as it
    /// was, unless the job is already replacing its file, which it then finishes.
    pub fn cancel_job(&mut self) {
        match self.jobs.cancel() {
            Cancel::Stopped(note) => {
                self.status = note;
                self.articles_after_job = None;
                self.after_job();
            }
            Cancel::TooLate(title) => {
                self.status = format!("{title}: the file is being written, too late to cancel");
            }
            Cancel::Idle => {}
        }
    }

    // ----- for the files and the frame -----

    /// Starts `work` as a job titled `title`, reporting to `progress`; `cancelled` is the
    /// status line a cancel leaves. Refused (and said why) while another job runs.
    pub(super) fn start_job(
        &mut self,
        title: String,
        cancelled: String,
        progress: Progress,
        work: impl FnOnce(&Progress) -> Done + Send + 'static,
    ) -> bool {
        // A bug in the job ends the shipping build (it aborts on a panic): the edits made
        // since the last autosave go to the journal first, so none goes with it.
        self.write_recovery_now();
        let ctx = self.repaint.clone();
        let wake = move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        };
        match self.jobs.start(title, cancelled, progress, work, wake) {
            Ok(()) => true,
            Err(Refused::Busy(running)) => {
                self.status = busy_message(&running);
                false
            }
            Err(Refused::NoThread(e)) => {
                self.report = Some(Report {
                    title: "Could not start the work".to_owned(),
                    lines: vec![format!("the system would not start a thread: {e}")],
                });
                false
            }
        }
    }

    /// True, with the reason in the status line, when a job runs and what the user asked
    /// (a change, another file command) must wait for it.
    pub(super) fn waits_for_job(&mut self) -> bool {
        let Some(job) = self.jobs.view() else {
            return false;
        };
        self.status = busy_message(&job.title);
        true
    }

    /// Each frame: applies a finished job, and keeps frames coming while one runs.
    pub(super) fn jobs_frame(&mut self, ctx: &egui::Context) {
        self.repaint = Some(ctx.clone());
        if let Some(result) = self.jobs.poll() {
            self.job_ended(result);
        }
        if self.jobs.is_running() {
            ctx.request_repaint_after(POLL_EVERY);
        }
    }

    /// Esc cancels a running job before it does anything else.
    pub(super) fn job_keys(&mut self, ctx: &egui::Context) {
        if self.jobs.is_running()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.cancel_job();
        }
    }

    /// The progress strip, once the job has run long enough to need one.
    pub(super) fn job_bar(&mut self, ui: &mut egui::Ui) {
        let Some(job) = self.jobs.view().filter(JobView::bar_visible) else {
            return;
        };
        let cancel = egui::Panel::bottom("job")
            .show(ui, |ui| super::super::job_bar::job_bar_ui(ui, &job))
            .inner;
        if cancel {
            self.cancel_job();
        }
    }

    /// Starts a job on the file at `path`, titled "{verb} NAME"; a cancel leaves the
    /// status line "Cancelled {verb} NAME; {unchanged}".
    pub(super) fn start_file_job(
        &mut self,
        verb: &str,
        path: &Path,
        unchanged: &str,
        progress: Progress,
        work: impl FnOnce(PathBuf, &Progress) -> Done + Send + 'static,
    ) -> bool {
        let name = super::files::file_name(path);
        let path = path.to_path_buf();
        self.start_job(
            format!("{verb} {name}"),
            format!("Cancelled {} {name}; {unchanged}", lowercase_first(verb)),
            progress,
            move |progress| work(path, progress),
        )
    }

    /// Adds `paths` as articles now, or once the running job is done (the project named
    /// with them on the command line, or dropped with them, is opened first).
    pub(super) fn add_articles_after_job(&mut self, paths: Vec<PathBuf>) {
        if self.jobs.is_running() {
            self.articles_after_job = Some(paths);
        } else {
            self.add_article_paths(&paths);
        }
    }

    /// The window was asked to close while a job runs: it closes once the job is done.
    pub(super) fn close_after_job(&mut self) {
        if let Some(job) = self.jobs.view() {
            self.close_after_job = true;
            self.status = format!(
                "Lectern closes when {} is done; Esc cancels it",
                lowercase_first(&job.title)
            );
        }
    }

    /// Applies a job's result; true when it did what it was asked.
    fn job_ended(&mut self, result: Result<Done, Crashed>) -> bool {
        let ok = match result {
            Ok(done) => self.apply_done(done),
            Err(Crashed) => {
                self.report = Some(Report {
                    title: "The work stopped unexpectedly".to_owned(),
                    lines: vec![
                        "Lectern hit an internal error; nothing was changed.".to_owned(),
                        "Please report it, with what you were doing.".to_owned(),
                    ],
                });
                false
            }
        };
        if let Some(paths) = self.articles_after_job.take() {
            self.add_article_paths(&paths);
        }
        self.after_job();
        ok
    }

    /// What waited for the job: closing the window.
    fn after_job(&mut self) {
        if self.close_after_job && !self.jobs.is_running() {
            self.close_after_job = false;
            self.request(Pending::Quit);
        }
    }

    fn apply_done(&mut self, done: Done) -> bool {
        match done {
            Done::Open {
                path,
                purpose,
                opening,
            } => self.opened(&path, purpose, opening),
            Done::Save {
                path,
                then,
                named,
                result,
            } => self.saved(&path, then, named, result),
            Done::Export {
                path,
                format,
                result,
            } => self.exported(&path, format, result),
            Done::Import { format, result } => self.imported(format, result),
            Done::Articles(read) => self.articles_read(read),
            Done::MetadataTable(result) => self.metadata_table_read(result),
            Done::Merge(result) => self.merged(result),
            Done::Proposed(result) => self.proposed(result),
        }
    }
}

/// The status line when something must wait for the job titled `title`.
fn busy_message(title: &str) -> String {
    format!("{title} is still running: wait for it, or press Esc to cancel it")
}

/// "Saving p.ron" as "saving p.ron", to go inside a sentence.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}
