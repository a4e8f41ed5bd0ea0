//! Lock files: `.NAME.ron.lock` next to an open project holds the pid of the Lectern that
//! has it open, so a second Lectern can warn before two people overwrite each other's work.
//! A lock whose process is gone (a crash) is stale and ignored.

use crate::fsutil::{process_alive, write_atomic};
use std::path::{Path, PathBuf};

/// Where the lock of the project at `project` goes.
pub fn path_for(project: &Path) -> PathBuf {
    let name = project.file_name().map_or_else(
        || "project.ron".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    project.with_file_name(format!(".{name}.lock"))
}

/// A held lock; dropping it removes the lock file if it is still ours.
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
}

/// The outcome of trying to lock a project.
#[derive(Debug)]
pub enum Acquired {
    /// Locked by us (any stale lock was replaced).
    Locked(ProjectLock),
    /// Another running Lectern holds it.
    HeldBy {
        /// Its process id.
        pid: u32,
    },
}

/// Locks the project at `project`, unless another running process holds it. A lock that
/// cannot be written (read-only folder) is not an error: the project opens without one.
pub fn acquire(project: &Path) -> std::io::Result<Acquired> {
    let path = path_for(project);
    if let Some(pid) = holder(&path)
        && pid != std::process::id()
        && process_alive(pid)
    {
        return Ok(Acquired::HeldBy { pid });
    }
    write_atomic(&path, format!("{}\n", std::process::id()).as_bytes())?;
    Ok(Acquired::Locked(ProjectLock { path }))
}

/// The pid in a lock file, if it holds one.
fn holder(path: &Path) -> Option<u32> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

impl ProjectLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        if holder(&self.path) == Some(std::process::id()) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_is_told_and_stale_locks_are_taken_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("p.ron");
        let lock = path_for(&project);
        assert_eq!(lock.file_name().expect("name"), ".p.ron.lock");
        // Another live process (pid 1 always runs) holds it.
        std::fs::write(&lock, "1\n").expect("write");
        assert!(matches!(
            acquire(&project).expect("acquire"),
            Acquired::HeldBy { pid: 1 }
        ));
        // A dead process's lock is stale.
        std::fs::write(&lock, format!("{}\n", u32::MAX - 7)).expect("write");
        let Acquired::Locked(held) = acquire(&project).expect("acquire") else {
            panic!("stale lock not taken over");
        };
        assert_eq!(holder(&lock), Some(std::process::id()));
        drop(held);
        assert!(!lock.exists());
        // Garbage in the lock file does not stop anyone.
        std::fs::write(&lock, "not a pid").expect("write");
        assert!(matches!(
            acquire(&project).expect("acquire"),
            Acquired::Locked(_)
        ));
    }
}
