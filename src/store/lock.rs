//! Lock files: `.NAME.ron.lock` next to an open project is held with the operating system's
//! file lock ([`std::fs::File::try_lock`]) by the Lectern that has the project open, so a
//! second Lectern can warn before two people overwrite each other's work. The system lets
//! go of the lock when its process ends, crash or kill included, so a lock file left
//! behind never stands in anyone's way. The file also holds the holder's pid, for the
//! message.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Where the lock of the project at `project` goes.
pub fn path_for(project: &Path) -> PathBuf {
    let name = project.file_name().map_or_else(
        || "project.ron".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    project.with_file_name(format!(".{name}.lock"))
}

/// A held lock. Dropping the last one of a project in this process removes the lock file
/// and lets go of the lock.
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
}

/// The outcome of trying to lock a project.
#[derive(Debug)]
pub enum Acquired {
    /// Locked by us.
    Locked(ProjectLock),
    /// Another running Lectern holds it.
    HeldBy {
        /// Its process id, when the lock file could be read (on Windows a locked file
        /// cannot be read by anyone else, so there it is `None`).
        pid: Option<u32>,
    },
}

/// The lock files this process holds, each with how many [`ProjectLock`]s share it. The
/// system's locks are per open file, so a second window of the same process (tests open
/// one project in several) would otherwise be told the project is open elsewhere. One
/// mutex also orders taking and letting go within the process.
static HELD: Mutex<Vec<(PathBuf, File, usize)>> = Mutex::new(Vec::new());

fn held() -> std::sync::MutexGuard<'static, Vec<(PathBuf, File, usize)>> {
    HELD.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How often a lock file that its holder removed while we opened it is tried again.
const ATTEMPTS: usize = 8;

/// Locks the project at `project`, unless another running process holds it. The error
/// (a read-only folder, a file system without locks) is for the caller to shrug off: the
/// project opens without a lock.
pub fn acquire(project: &Path) -> std::io::Result<Acquired> {
    let path = std::path::absolute(path_for(project))?;
    let mut held = held();
    if let Some(entry) = held.iter_mut().find(|(p, _, _)| *p == path) {
        entry.2 += 1;
        return Ok(Acquired::Locked(ProjectLock { path }));
    }
    for _ in 0..ATTEMPTS {
        let mut file = open_lock_file(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Ok(Acquired::HeldBy { pid: holder(&path) });
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        if !names_this_file(&file, &path) {
            // The last holder removed the file between our open and our lock: the lock
            // we have is on a file nobody else will look at. Open the one at `path` anew.
            continue;
        }
        file.set_len(0)?;
        file.write_all(format!("{}\n", std::process::id()).as_bytes())?;
        held.push((path.clone(), file, 1));
        return Ok(Acquired::Locked(ProjectLock { path }));
    }
    Err(std::io::Error::other(format!(
        "the lock file {} keeps being removed while it is opened",
        path.display()
    )))
}

/// Opens (creating if needed) the lock file for reading and writing, keeping its content.
#[cfg(not(windows))]
fn open_lock_file(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// Opens (creating if needed) the lock file for reading and writing, keeping its content.
/// Windows: shared for reading and writing but not for deleting, so a file anyone has open
/// cannot be removed, and a lock taken is always on the file at `path`.
#[cfg(windows)]
fn open_lock_file(path: &Path) -> std::io::Result<File> {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_SHARE_READ: u32 = 0x1;
    const FILE_SHARE_WRITE: u32 = 0x2;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .share_mode(FILE_SHARE_READ | FILE_SHARE_WRITE)
        .open(path)
}

/// Whether `path` still names the open `file` (and not a newer file, or none).
#[cfg(unix)]
fn names_this_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Whether `path` still names the open `file`: always, where an open file cannot be
/// removed (see [`open_lock_file`]).
#[cfg(not(unix))]
fn names_this_file(_file: &File, _path: &Path) -> bool {
    true
}

/// The pid in a lock file, if it holds one and can be read.
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
        let mut held = held();
        let Some(at) = held.iter().position(|(p, _, _)| *p == self.path) else {
            return;
        };
        held[at].2 -= 1;
        if held[at].2 > 0 {
            return;
        }
        let (path, file, _) = held.swap_remove(at);
        // Unix: removed while still locked, so whoever opened it meanwhile sees (after
        // locking it) that it is no longer at the path and opens the new one.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&path);
        // Windows: closed first (an open file cannot be removed); if someone has already
        // opened it again, the removal fails and they take it over.
        drop(file);
        #[cfg(not(unix))]
        let _ = std::fs::remove_file(&path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Command, Stdio};

    /// Set in the second process of the two-process test: the project it locks.
    const HOLDER_ENV: &str = "LECTERN_TEST_LOCK_HOLDER";
    /// What the second process prints once it holds the lock.
    const HELD: &str = "lectern-test: lock held";

    #[test]
    fn a_lock_file_without_a_lock_is_taken_over_and_removed_on_drop() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("p.ron");
        let lock = path_for(&project);
        assert_eq!(lock.file_name().expect("name"), ".p.ron.lock");
        // Left by a crashed Lectern (pid 1 always runs, so no pid check could tell).
        std::fs::write(&lock, "1\n").expect("write");
        let Acquired::Locked(held) = acquire(&project).expect("acquire") else {
            panic!("a lock file nobody holds stood in the way");
        };
        assert_eq!(held.path(), std::path::absolute(&lock).expect("absolute"));
        assert_eq!(holder(&lock), Some(std::process::id()));
        // A second window of the same process shares the lock; the file goes with the last.
        let Acquired::Locked(second) = acquire(&project).expect("acquire again") else {
            panic!("this process locked itself out");
        };
        drop(held);
        assert_eq!(holder(&lock), Some(std::process::id()));
        drop(second);
        assert!(!lock.exists());
        // Garbage in the lock file does not stop anyone either.
        std::fs::write(&lock, "not a pid").expect("write");
        assert!(matches!(
            acquire(&project).expect("acquire"),
            Acquired::Locked(_)
        ));
    }

    /// The second process of [`a_second_process_is_refused_until_the_first_ends`]: this
    /// test binary run again with [`HOLDER_ENV`] set. It locks the project, says so on
    /// stdout and holds the lock until its stdin closes. Without the variable, a no-op.
    #[test]
    fn lock_holder_process() {
        let Some(project) = std::env::var_os(HOLDER_ENV) else {
            return;
        };
        let Acquired::Locked(_held) = acquire(Path::new(&project)).expect("acquire") else {
            panic!("the holder process found the project locked");
        };
        println!("{HELD}");
        std::io::stdout().flush().expect("flush");
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
    }

    /// Starts [`lock_holder_process`] on `project` and waits until it holds the lock.
    fn spawn_holder(project: &Path) -> std::process::Child {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", "store::lock::tests::lock_holder_process"])
            .args(["--nocapture", "--test-threads=1"])
            .env(HOLDER_ENV, project)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the holder process");
        let stdout = child.stdout.take().expect("stdout");
        let (held, said_held) = std::sync::mpsc::channel();
        // Reads to the end, so the child can still print when it finishes.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                // libtest may print the test's name on the same line first.
                if line.contains(HELD) {
                    let _ = held.send(());
                }
            }
        });
        let said_locked = said_held
            .recv_timeout(std::time::Duration::from_secs(60))
            .is_ok();
        assert!(said_locked, "the holder process never locked the project");
        child
    }

    #[test]
    fn a_second_process_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("Δ project.ron");
        let lock = path_for(&project);

        // A holder killed outright, as a crash would end it: the system lets go.
        let mut first = spawn_holder(&project);
        let seen = acquire(&project).expect("acquire");
        #[cfg(unix)]
        assert!(
            matches!(seen, Acquired::HeldBy { pid: Some(p) } if p == first.id()),
            "{seen:?}"
        );
        #[cfg(not(unix))]
        assert!(matches!(seen, Acquired::HeldBy { .. }), "{seen:?}");
        first.kill().expect("kill");
        first.wait().expect("wait");
        assert!(lock.exists(), "a killed holder cannot remove its file");
        let Acquired::Locked(held) = acquire(&project).expect("acquire") else {
            panic!("the lock of a killed process was not let go");
        };
        assert_eq!(holder(&lock), Some(std::process::id()));
        drop(held);

        // A holder that ends normally removes its file.
        let mut second = spawn_holder(&project);
        assert!(matches!(
            acquire(&project).expect("acquire"),
            Acquired::HeldBy { .. }
        ));
        drop(second.stdin.take());
        assert!(second.wait().expect("wait").success());
        assert!(!lock.exists(), "the holder left its lock file behind");
        assert!(matches!(
            acquire(&project).expect("acquire"),
            Acquired::Locked(_)
        ));
    }
}
