//! The background writer for recovery files. The window hands over what to write — the
//! edits since the last autosave, for the journal (`journal.rs`), or, when no state is
//! on disk to journal from, a copy of the project — and a thread serialises and writes it,
//! so neither a big project nor a slow disk stalls a frame. Jobs run in the order given,
//! so a removal after a write removes it.

use super::journal::{self, Base, BaseKind};
use crate::model::{Edit, Project};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

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
    Flush(Sender<()>),
}

/// Writes and removes recovery files on a background thread.
pub struct Autosaver {
    jobs: Option<Sender<Job>>,
    errors: Receiver<String>,
    thread: Option<std::thread::JoinHandle<()>>,
}

fn run(job: Job) -> Result<(), String> {
    let failed =
        |path: &Path, e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
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
            let text = super::to_ron(&project).map_err(|e| failed(&snapshot, &e))?;
            write_creating_folder(&snapshot, text.as_bytes())?;
            let base = Base::of_bytes(BaseKind::Snapshot, text.as_bytes());
            journal::start(&journal, &base).map_err(|e| failed(&journal, &e))
        }
        Job::JournalStart(path, base) => {
            journal::start(&path, &base).map_err(|e| failed(&path, &e))
        }
        Job::JournalAppend(path, edits) => {
            journal::append(&path, &edits).map_err(|e| failed(&path, &e))
        }
        Job::Remove(path) => super::recovery::remove(&path)
            .map_err(|e| format!("cannot remove {}: {e}", path.display())),
        Job::Flush(done) => {
            let _ = done.send(());
            Ok(())
        }
    }
}

impl Autosaver {
    /// Starts the writer thread.
    pub fn start() -> Self {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (error_tx, errors) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("lectern-autosave".into())
            .spawn(move || {
                for job in job_rx {
                    if let Err(message) = run(job) {
                        let _ = error_tx.send(message);
                    }
                }
            })
            .ok();
        Self {
            jobs: thread.as_ref().map(|_| jobs),
            errors,
            thread,
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

    /// Waits until every queued job is done.
    pub fn flush(&self) {
        let (tx, rx) = mpsc::channel();
        self.send(Job::Flush(tx));
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
            let _ = run(job);
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
}
