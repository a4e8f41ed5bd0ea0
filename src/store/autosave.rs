//! The background writer for recovery files. The window hands over what to write — the
//! edits since the last autosave, for the journal (`journal.rs`), or, when no state is
//! on disk to journal from, a copy of the project — and a thread serialises and writes it,
//! so neither a big project nor a slow disk stalls a frame. Jobs run in the order given,
//! so a removal after a write removes it. Journal lines are written at once and synced
//! to the disk when the writer is idle (see [`Writer`]).

use super::journal::{self, Base, BaseKind};
use crate::model::{Edit, Project};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

enum Job {
    Write(PathBuf, Vec<u8>),
    Project(PathBuf, Box<Project>),
    /// A full snapshot to the recovery file, then a fresh journal starting from it.
    Snapshot {
        snapshot: PathBuf,
        journal: PathBuf,
        project: Box<Project>,
    },
    JournalStart(PathBuf, Base),
    JournalAppend(PathBuf, Vec<Edit>),
    Remove(PathBuf),
    /// Answers once every job before it is done and its journal lines are synced.
    Flush(Sender<()>),
    /// Answers once every job before it is done (written, maybe not yet synced).
    Written(Sender<()>),
}

/// How long the writer waits for more work before it syncs the journal lines it wrote.
const SYNC_WHEN_IDLE: Duration = Duration::from_millis(200);
/// The longest a written journal line waits for its sync while edits keep coming.
const SYNC_AT_MOST: Duration = Duration::from_secs(1);

/// Writes and removes recovery files on a background thread.
pub struct Autosaver {
    jobs: Option<Sender<Job>>,
    errors: Receiver<String>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// Journal syncs done, for tests.
    synced: Arc<AtomicU64>,
}

/// The writer thread's state: the journal with lines written but not yet synced.
///
/// A journal line is written (handed to the operating system) as soon as its job comes,
/// so it survives the app being killed; its `fsync` — milliseconds on a busy disk — waits
/// until the writer is idle for [`SYNC_WHEN_IDLE`] (at most [`SYNC_AT_MOST`]), and is done
/// at once on a flush (save, close) and when the writer stops. So a power cut can lose
/// the last second of edits, a crash of the app none.
struct Writer {
    unsynced: Option<(PathBuf, Instant)>,
    synced: Arc<AtomicU64>,
}

impl Writer {
    fn run(&mut self, job: Job) -> Result<(), String> {
        let failed = |path: &Path, e: &dyn std::fmt::Display| {
            format!("cannot write {}: {e}", path.display())
        };
        match job {
            Job::Write(path, bytes) => write_creating_folder(&path, &bytes),
            Job::Project(path, project) => match super::to_ron(&project) {
                Ok(text) => write_creating_folder(&path, text.as_bytes()),
                Err(e) => Err(failed(&path, &e)),
            },
            Job::Snapshot {
                snapshot,
                journal,
                project,
            } => {
                self.forget(&journal);
                let text = super::to_ron(&project).map_err(|e| failed(&snapshot, &e))?;
                write_creating_folder(&snapshot, text.as_bytes())?;
                let base = Base::of_bytes(BaseKind::Snapshot, text.as_bytes());
                journal::start(&journal, &base).map_err(|e| failed(&journal, &e))
            }
            Job::JournalStart(path, base) => {
                self.forget(&path);
                journal::start(&path, &base).map_err(|e| failed(&path, &e))
            }
            Job::JournalAppend(path, edits) => self.append(path, &edits),
            Job::Remove(path) => {
                self.forget(&path);
                super::recovery::remove(&path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))
            }
            Job::Flush(done) => {
                let synced = self.sync();
                let _ = done.send(());
                synced
            }
            Job::Written(done) => {
                let _ = done.send(());
                Ok(())
            }
        }
    }

    /// Writes the line now; syncs it now only when the journal's oldest unsynced line
    /// has waited [`SYNC_AT_MOST`] (or another journal's lines are waiting).
    fn append(&mut self, path: PathBuf, edits: &[Edit]) -> Result<(), String> {
        if self.unsynced.as_ref().is_some_and(|(p, _)| *p != path) {
            self.sync()?;
        }
        journal::append_unsynced(&path, edits)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let since = match self.unsynced.take() {
            Some((_, since)) => since,
            None => Instant::now(),
        };
        self.unsynced = Some((path, since));
        if since.elapsed() >= SYNC_AT_MOST {
            self.sync()?;
        }
        Ok(())
    }

    /// Syncs the journal lines written and not yet synced.
    fn sync(&mut self) -> Result<(), String> {
        let Some((path, _)) = self.unsynced.take() else {
            return Ok(());
        };
        self.synced.fetch_add(1, Ordering::Relaxed);
        journal::sync(&path).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    /// The file at `path` is about to be replaced or removed: its lines need no sync.
    fn forget(&mut self, path: &Path) {
        if self.unsynced.as_ref().is_some_and(|(p, _)| p == path) {
            self.unsynced = None;
        }
    }

    /// How long to wait for the next job before syncing; `None`: nothing to sync.
    fn wait(&self) -> Option<Duration> {
        let (_, since) = self.unsynced.as_ref()?;
        Some(SYNC_WHEN_IDLE.min(SYNC_AT_MOST.saturating_sub(since.elapsed())))
    }
}

/// The writer thread: runs jobs in order, syncing journal lines when idle.
fn serve(jobs: Receiver<Job>, errors: Sender<String>, mut writer: Writer) {
    loop {
        let next = match writer.wait() {
            None => jobs.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(wait) => jobs.recv_timeout(wait),
        };
        let result = match next {
            Ok(job) => writer.run(job),
            Err(RecvTimeoutError::Timeout) => writer.sync(),
            Err(RecvTimeoutError::Disconnected) => {
                if let Err(message) = writer.sync() {
                    let _ = errors.send(message);
                }
                return;
            }
        };
        if let Err(message) = result {
            let _ = errors.send(message);
        }
    }
}

impl Autosaver {
    /// Starts the writer thread.
    pub fn start() -> Self {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (error_tx, errors) = mpsc::channel();
        let synced = Arc::new(AtomicU64::new(0));
        let writer = Writer {
            unsynced: None,
            synced: Arc::clone(&synced),
        };
        let thread = std::thread::Builder::new()
            .name("lectern-autosave".into())
            .spawn(move || serve(job_rx, error_tx, writer))
            .ok();
        Self {
            jobs: thread.as_ref().map(|_| jobs),
            errors,
            thread,
            synced,
        }
    }

    /// Queues writing `bytes` to `path`. Without a thread (it could not start), writes now.
    pub fn write(&self, path: PathBuf, bytes: Vec<u8>) {
        self.send(Job::Write(path, bytes));
    }

    /// Queues serialising `project` and writing it to `path`.
    pub fn write_project(&self, path: PathBuf, project: Project) {
        self.send(Job::Project(path, Box::new(project)));
    }

    /// Queues a full snapshot of `project` to the recovery file `snapshot`, then a new
    /// journal at `journal` that starts from it.
    pub fn snapshot(&self, snapshot: PathBuf, journal: PathBuf, project: Project) {
        self.send(Job::Snapshot {
            snapshot,
            journal,
            project: Box::new(project),
        });
    }

    /// Queues starting a journal at `path` from `base`, replacing any journal there.
    pub fn start_journal(&self, path: PathBuf, base: Base) {
        self.send(Job::JournalStart(path, base));
    }

    /// Queues appending `edits` to the journal at `path` as one line.
    pub fn append_journal(&self, path: PathBuf, edits: Vec<Edit>) {
        self.send(Job::JournalAppend(path, edits));
    }

    /// Queues removing the file at `path`.
    pub fn remove(&self, path: PathBuf) {
        self.send(Job::Remove(path));
    }

    /// Waits until every queued job is done and the journal lines written are synced to
    /// the disk (before a save, on close).
    pub fn flush(&self) {
        let (tx, rx) = mpsc::channel();
        self.send(Job::Flush(tx));
        let _ = rx.recv();
    }

    /// Waits until every queued job is written: in the operating system's hands (a kill
    /// of the app no longer loses it), not necessarily synced to the disk yet.
    pub fn wait_written(&self) {
        let (tx, rx) = mpsc::channel();
        self.send(Job::Written(tx));
        let _ = rx.recv();
    }

    /// The next error the writer met, if any.
    pub fn next_error(&self) -> Option<String> {
        self.errors.try_recv().ok()
    }

    fn send(&self, job: Job) {
        let unsent = match &self.jobs {
            Some(tx) => tx.send(job).err().map(|e| e.0),
            None => Some(job),
        };
        if let Some(job) = unsent {
            // No writer thread: write and sync now.
            let mut writer = Writer {
                unsynced: None,
                synced: Arc::clone(&self.synced),
            };
            let _ = writer.run(job);
            let _ = writer.sync();
        }
    }
}

/// Writes atomically, creating the folder first if it is missing (the data folder for
/// never-saved projects may not exist yet).
fn write_creating_folder(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    crate::fsutil::write_atomic(path, bytes)
        .or_else(|e| match path.parent().filter(|d| !d.exists()) {
            Some(d) => {
                std::fs::create_dir_all(d).and_then(|()| crate::fsutil::write_atomic(path, bytes))
            }
            None => Err(e),
        })
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        // Closing the channel ends the thread once it has written what is queued.
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_then_removes_in_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub").join(".p.ron.recovery");
        let saver = Autosaver::start();
        saver.write(path.clone(), b"one".to_vec());
        saver.flush();
        assert_eq!(std::fs::read(&path).expect("written"), b"one");
        saver.write_project(path.clone(), crate::model::Project::new("p"));
        saver.flush();
        assert!(
            std::fs::read_to_string(&path)
                .expect("written")
                .contains("name: \"p\"")
        );
        saver.write(path.clone(), b"two".to_vec());
        saver.remove(path.clone());
        saver.flush();
        assert!(!path.exists());
        assert!(saver.next_error().is_none());
    }

    fn label(p: &Project, start: usize) -> Edit {
        let doc = crate::model::DocId(1);
        let span = p.make_span(doc, "quote", start, start + 2).expect("span");
        Edit::AddSpan { doc, span }
    }

    #[test]
    fn journal_lines_are_written_at_once_and_synced_by_flush_and_on_close() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".p.ron.journal");
        let mut p = Project::new("p");
        p.documents.push(crate::model::Document::new(
            crate::model::DocId(1),
            "a",
            "“Ναι,” she said — café 😀.",
        ));
        let saver = Autosaver::start();
        saver.start_journal(path.clone(), Base::of_bytes(BaseKind::Project, b"p"));
        saver.append_journal(path.clone(), vec![label(&p, 0)]);
        saver.append_journal(path.clone(), vec![label(&p, 3)]);
        saver.wait_written();
        // Written: another process (recovery after a kill) reads both lines now.
        let read = journal::read(&path).expect("read").expect("journal");
        assert_eq!((read.entries.len(), read.torn), (2, false));
        saver.flush();
        assert!(
            saver.synced.load(Ordering::Relaxed) >= 1,
            "flush syncs the lines"
        );
        let synced = Arc::clone(&saver.synced);
        let before = synced.load(Ordering::Relaxed);
        saver.append_journal(path.clone(), vec![label(&p, 6)]);
        drop(saver);
        assert!(
            synced.load(Ordering::Relaxed) > before,
            "closing syncs the line"
        );
        let read = journal::read(&path).expect("read").expect("journal");
        assert_eq!(read.entries.len(), 3);
    }
}
