//! Atomic file replacement: write a temporary file in the same folder, flush it to disk,
//! then rename it over the target. A crash at any moment leaves either the old file or the
//! new one, never a mixture, because a rename within one file system is atomic.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces `path` with `bytes` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_when(path, bytes, || true).map(|_| ())
}

/// Replaces `path` with `bytes` atomically if `ready` agrees. `ready` runs once the new
/// content is safely on disk beside the target, just before the rename, so a job can be
/// cancelled up to the last moment; when it returns false the temporary file is removed,
/// `path` is untouched and the result is `Ok(false)`.
pub fn write_atomic_when(
    path: &Path,
    bytes: &[u8],
    ready: impl FnOnce() -> bool,
) -> io::Result<bool> {
    write_atomic_with(path, |f| f.write_all(bytes), ready)
}

/// [`write_atomic_when`] with the content written by `write` straight into the temporary
/// file, so a big file (a 250 MB project, a 330 MB CSV export) is never held in memory
/// whole; a writer buffers as it needs. An error from `write` (any error type an I/O
/// error converts into, such as an export's) removes the temporary file and leaves
/// `path` untouched.
pub fn write_atomic_with<E: From<io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut File) -> Result<(), E>,
    ready: impl FnOnce() -> bool,
) -> Result<bool, E> {
    let (dir, name) = parent_and_name(path)?;
    let tmp = temporary_beside(&dir, name);
    let result = (|| {
        let mut f = File::create(&tmp)?;
        write(&mut f)?;
        f.sync_all()?;
        drop(f);
        if !ready() {
            return Ok(false);
        }
        fs::rename(&tmp, path)?;
        // Make the rename itself durable; not every platform can open a directory.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(true)
    })();
    match result {
        Ok(true) => remove_stale_temporaries(&dir, name),
        _ => {
            let _ = fs::remove_file(&tmp);
        }
    }
    result
}

/// The folder `path` is in (`.` for a bare file name) and its name there: where a writer
/// puts its temporary and what it names it after.
pub(super) fn parent_and_name(path: &Path) -> io::Result<(PathBuf, &std::ffi::OsStr)> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
    Ok((parent, name))
}

/// `dir/.NAME.PID.tmp`: where this process writes `name` before renaming it into place.
pub(super) fn temporary_beside(dir: &Path, name: &std::ffi::OsStr) -> PathBuf {
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    dir.join(tmp_name)
}

/// Removes temporary files (or folders) that writers of `name` killed mid-write left in
/// `dir` (their process is gone). They never replaced anything, so nothing is lost.
pub(super) fn remove_stale_temporaries(dir: &Path, name: &std::ffi::OsStr) {
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !super::process_alive(pid)
        {
            let path = entry.path();
            if path.is_dir() {
                let _ = fs::remove_dir_all(path);
            } else {
                let _ = fs::remove_file(path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        write_atomic(&path, b"old").expect("write old");
        write_atomic(&path, "new “text”".as_bytes()).expect("write new");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new “text”");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn temporaries_of_killed_writers_are_cleared_and_live_ones_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        let dead = dir.path().join(format!(".p.ron.{}.tmp", u32::MAX - 7));
        let live = dir.path().join(".p.ron.1.tmp");
        let other = dir.path().join(format!(".q.ron.{}.tmp", u32::MAX - 7));
        for f in [&dead, &live, &other] {
            fs::write(f, b"half").expect("write");
        }
        write_atomic(&path, b"new").expect("write");
        assert!(!dead.exists());
        assert!(live.exists() && other.exists());
    }

    #[test]
    fn declined_at_the_last_moment_keeps_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        write_atomic(&path, b"old").expect("write old");
        let mut asked = false;
        let replaced = write_atomic_when(&path, b"new", || {
            asked = true;
            false
        })
        .expect("write");
        assert!(asked && !replaced);
        assert_eq!(fs::read_to_string(&path).expect("read"), "old");
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);
        let fresh = dir.path().join("never.csv");
        assert!(!write_atomic_when(&fresh, b"x", || false).expect("write"));
        assert!(!fresh.exists());
    }

    #[test]
    fn a_failed_writer_keeps_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        write_atomic(&path, b"old").expect("write old");
        let failed = write_atomic_with(
            &path,
            |f| {
                f.write_all(b"half of the new")?;
                Err(io::Error::other("disk full"))
            },
            || true,
        );
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&path).expect("read"), "old");
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);
        let written = write_atomic_with(&path, |f| f.write_all(b"new"), || true);
        assert!(written.expect("write"));
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
    }

    #[test]
    fn failure_keeps_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        write_atomic(&path, b"old").expect("write old");
        // A directory in the way of the rename makes it fail.
        let blocked = dir.path().join("blocked");
        fs::create_dir(&blocked).expect("mkdir");
        fs::write(blocked.join("x"), b"x").expect("fill");
        assert!(write_atomic(&blocked, b"new").is_err());
        assert_eq!(fs::read_to_string(&path).expect("read"), "old");
    }
}
