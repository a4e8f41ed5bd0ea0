//! Running one long job (opening, saving, importing, exporting) off the UI thread, so the
//! window keeps drawing, shows how far the job got and can cancel it.
//!
//! The app starts a job with a work function; each frame it polls for the result and
//! applies it on the UI thread, through the same paths a quick job would take. A
//! cancelled job is let go at once: its thread may still be inside a call it cannot
//! interrupt (a parse), but it can no longer commit anything (see [`Progress::commit`]),
//! and whatever it returns is dropped. Nothing here draws; `job_bar.rs` does.

use crate::progress::{Progress, Snapshot};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a job runs before its progress bar appears, so quick jobs do not flash one.
pub const SHOW_BAR_AFTER: Duration = Duration::from_millis(150);

/// A work function: runs once, reporting to the progress handle it is given.
type WorkFn<T> = Box<dyn FnOnce(&Progress) -> T + Send>;

/// The running job, or none. `T` is what a finished job hands back to the app.
pub struct Jobs<T> {
    running: Option<Running<T>>,
    /// Cancelled jobs not yet ended; [`Jobs::wait`] sees them out, so a test finds nothing
    /// still happening behind its back.
    cancelled: Vec<(Progress, Work<T>)>,
    /// Jobs wait for [`Jobs::wait`] instead of starting a thread (tests).
    deferred: bool,
}

struct Running<T> {
    title: String,
    cancelled_note: String,
    progress: Progress,
    started: Instant,
    work: Work<T>,
}

enum Work<T> {
    Thread {
        result: Receiver<T>,
        handle: JoinHandle<()>,
    },
    Waiting(WorkFn<T>),
}

/// Why a job did not start.
#[derive(Debug)]
pub enum Refused {
    /// Another job runs; its title.
    Busy(String),
    /// The system would not start a thread.
    NoThread(std::io::Error),
}

/// The job's thread ended without a result: the work panicked (a bug). Nothing it would
/// have changed was applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Crashed;

/// What a cancel did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cancel {
    /// The job stopped; the note says what was left as it was.
    Stopped(String),
    /// The job is already replacing its file and will finish; its title.
    TooLate(String),
    /// No job was running.
    Idle,
}

/// The running job as the progress bar shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobView {
    /// What the job does ("Opening big.ron").
    pub title: String,
    /// Its phase and counts.
    pub progress: Snapshot,
    /// How long it has run.
    pub elapsed: Duration,
}

impl JobView {
    /// Whether the job has run long enough to show its bar.
    pub fn bar_visible(&self) -> bool {
        self.elapsed >= SHOW_BAR_AFTER
    }
}

impl<T: Send + 'static> Default for Jobs<T> {
    fn default() -> Self {
        Self {
            running: None,
            cancelled: Vec::new(),
            deferred: false,
        }
    }
}

impl<T: Send + 'static> Jobs<T> {
    /// Makes later jobs wait for [`Jobs::wait`] instead of starting a thread, so a test
    /// can see a job running, cancel it, and know it did not finish first.
    pub fn defer(&mut self) {
        self.deferred = true;
    }

    /// Whether a job runs.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts `work` as the job titled `title`, reporting to `progress` (which may
    /// already name a first phase the caller knows the size of); `cancelled_note` is what
    /// a cancel tells the user ("nothing was written"). `wake` runs on the job's thread
    /// once the result is ready, to ask the window for a frame.
    pub fn start(
        &mut self,
        title: impl Into<String>,
        cancelled_note: impl Into<String>,
        progress: Progress,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
        wake: impl Fn() + Send + 'static,
    ) -> Result<(), Refused> {
        if let Some(r) = &self.running {
            return Err(Refused::Busy(r.title.clone()));
        }
        // Cancel kills a PDF or spreadsheet reader the job is waiting for, at once.
        let work = move |progress: &Progress| {
            let _stop = crate::formats::child_reader::stop_on_cancel(progress);
            work(progress)
        };
        let work = if self.deferred {
            Work::Waiting(Box::new(work))
        } else {
            let (send, result) = mpsc::channel();
            let mine = progress.clone();
            let handle = std::thread::Builder::new()
                .name("lectern-job".to_owned())
                .spawn(move || {
                    // The window may have let a cancelled job go: then nobody listens.
                    let _ = send.send(work(&mine));
                    wake();
                })
                .map_err(Refused::NoThread)?;
            Work::Thread { result, handle }
        };
        self.running = Some(Running {
            title: title.into(),
            cancelled_note: cancelled_note.into(),
            progress,
            started: Instant::now(),
            work,
        });
        Ok(())
    }

    /// The finished job's result, if it finished since the last poll; never blocks.
    pub fn poll(&mut self) -> Option<Result<T, Crashed>> {
        self.cancelled.retain(|(_, w)| match w {
            Work::Thread { handle, .. } => !handle.is_finished(),
            Work::Waiting(_) => true,
        });
        let ended = match &self.running.as_ref()?.work {
            Work::Thread { result, .. } => match result.try_recv() {
                Ok(value) => Ok(value),
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => Err(Crashed),
            },
            Work::Waiting(_) => return None,
        };
        if let Some(Running {
            work: Work::Thread { handle, .. },
            ..
        }) = self.running.take()
        {
            // The thread has sent its result (or died): joining returns at once.
            let _ = handle.join();
        }
        Some(ended)
    }

    /// Waits for the running job (running it here if it was deferred) and returns its
    /// result; first sees every cancelled job out. `None` when no job was running.
    pub fn wait(&mut self) -> Option<Result<T, Crashed>> {
        for (progress, work) in std::mem::take(&mut self.cancelled) {
            // Their results are not wanted; they end by seeing the cancel.
            let _ = finish(work, &progress);
        }
        let running = self.running.take()?;
        Some(finish(running.work, &running.progress))
    }

    /// Cancels the running job. Unless it is too late, the job is let go now and its
    /// result will be dropped.
    pub fn cancel(&mut self) -> Cancel {
        let Some(running) = &self.running else {
            return Cancel::Idle;
        };
        if !running.progress.cancel() {
            return Cancel::TooLate(running.title.clone());
        }
        let Some(running) = self.running.take() else {
            return Cancel::Idle;
        };
        self.cancelled.push((running.progress, running.work));
        Cancel::Stopped(running.cancelled_note)
    }

    /// The running job, for the progress bar.
    pub fn view(&self) -> Option<JobView> {
        self.running.as_ref().map(|r| JobView {
            title: r.title.clone(),
            progress: r.progress.snapshot(),
            elapsed: r.started.elapsed(),
        })
    }
}

/// Runs or joins `work` to its end.
fn finish<T>(work: Work<T>, progress: &Progress) -> Result<T, Crashed> {
    match work {
        Work::Waiting(f) => Ok(f(progress)),
        Work::Thread { result, handle } => {
            let value = result.recv().map_err(|_| Crashed);
            let _ = handle.join();
            value
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Cancelled, Unit};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Work that counts to `n`, one unit at a time, until cancelled.
    fn count_to(n: u64) -> impl FnOnce(&Progress) -> Result<u64, Cancelled> + Send {
        move |p: &Progress| {
            p.start_phase("Counting", Unit::Items("steps"), n);
            for _ in 0..n {
                p.advance(1)?;
            }
            Ok(n)
        }
    }

    /// Cancel stops a reader child the job waits for at once, not at its time limit.
    #[cfg(unix)]
    #[test]
    fn cancel_kills_the_reader_the_job_waits_for() {
        use crate::formats::child_reader::{Failure, run};
        let (send, heard) = std::sync::mpsc::channel();
        let mut jobs = Jobs::default();
        let work = move |_: &Progress| {
            let args = [
                std::ffi::OsStr::new("-c"),
                std::ffi::OsStr::new("exec sleep 30"),
            ];
            let read = run(
                std::path::Path::new("/bin/sh"),
                &args,
                Vec::new(),
                std::time::Duration::from_secs(60),
            );
            let _ = send.send(read);
        };
        jobs.start("Reading", "", Progress::new(), work, || {})
            .expect("start");
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(matches!(jobs.cancel(), Cancel::Stopped(_)));
        let read = heard.recv_timeout(std::time::Duration::from_secs(20));
        assert_eq!(read, Ok(Err(Failure::Stopped)));
    }

    #[test]
    fn a_background_job_runs_on_its_own_thread_and_wakes_the_window() {
        let mut jobs = Jobs::default();
        let woke = Arc::new(AtomicBool::new(false));
        let flag = woke.clone();
        let started = jobs.start("Counting", "", Progress::new(), count_to(1000), move || {
            flag.store(true, Ordering::SeqCst)
        });
        assert!(started.is_ok());
        assert!(jobs.is_running());
        assert_eq!(jobs.wait(), Some(Ok(Ok(1000))));
        assert!(woke.load(Ordering::SeqCst));
        assert!(!jobs.is_running());
        assert_eq!(jobs.wait(), None);
    }

    #[test]
    fn poll_returns_the_result_once_without_blocking() {
        let mut jobs = Jobs::default();
        jobs.start("Counting", "", Progress::new(), count_to(10), || {})
            .expect("start");
        let result = loop {
            if let Some(r) = jobs.poll() {
                break r;
            }
            std::thread::yield_now();
        };
        assert_eq!(result, Ok(Ok(10)));
        assert_eq!(jobs.poll(), None);
    }

    #[test]
    fn one_job_at_a_time() {
        let mut jobs: Jobs<Result<u64, Cancelled>> = Jobs::default();
        jobs.defer();
        jobs.start("First", "", Progress::new(), count_to(1), || {})
            .expect("start");
        match jobs.start("Second", "", Progress::new(), count_to(1), || {}) {
            Err(Refused::Busy(title)) => assert_eq!(title, "First"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_deferred_job_waits_shows_its_bar_late_and_runs_when_waited_for() {
        let mut jobs = Jobs::default();
        jobs.defer();
        jobs.start("Counting", "", Progress::new(), count_to(5), || {})
            .expect("start");
        let view = jobs.view().expect("running");
        assert_eq!(view.title, "Counting");
        assert!(!view.bar_visible(), "a job just started shows no bar");
        assert!(
            JobView {
                elapsed: SHOW_BAR_AFTER,
                ..view
            }
            .bar_visible()
        );
        assert_eq!(jobs.poll(), None, "deferred work does not run by itself");
        assert_eq!(jobs.wait(), Some(Ok(Ok(5))));
    }

    #[test]
    fn a_cancelled_job_is_let_go_and_ends_by_seeing_the_cancel() {
        let mut jobs = Jobs::default();
        jobs.defer();
        let ran = Arc::new(AtomicBool::new(false));
        let seen = ran.clone();
        let work = move |p: &Progress| {
            seen.store(true, Ordering::SeqCst);
            count_to(5)(p)
        };
        jobs.start(
            "Counting",
            "nothing was counted",
            Progress::new(),
            work,
            || {},
        )
        .expect("start");
        assert_eq!(
            jobs.cancel(),
            Cancel::Stopped("nothing was counted".to_owned())
        );
        assert!(!jobs.is_running() && jobs.view().is_none());
        assert_eq!(jobs.wait(), None, "its result is not handed back");
        assert!(ran.load(Ordering::SeqCst), "it ran to see the cancel");
        assert_eq!(jobs.cancel(), Cancel::Idle);
    }

    #[test]
    fn a_job_that_committed_cannot_be_cancelled() {
        let mut jobs = Jobs::default();
        let (go, wait) = mpsc::channel::<()>();
        let (committed, is_committed) = mpsc::channel::<()>();
        let work = move |p: &Progress| {
            let ok = p.commit().is_ok();
            let _ = committed.send(());
            let _ = wait.recv();
            ok
        };
        jobs.start("Writing", "", Progress::new(), work, || {})
            .expect("start");
        is_committed.recv().expect("committed");
        assert_eq!(jobs.cancel(), Cancel::TooLate("Writing".to_owned()));
        go.send(()).expect("go");
        assert_eq!(jobs.wait(), Some(Ok(true)));
    }

    #[test]
    fn a_panicking_job_is_reported_not_propagated() {
        let mut jobs: Jobs<u32> = Jobs::default();
        jobs.start(
            "Breaking",
            "",
            Progress::new(),
            |_: &Progress| panic!("a bug"),
            || {},
        )
        .expect("start");
        assert_eq!(jobs.wait(), Some(Err(Crashed)));
    }
}
