//! A new folder of files made to appear at once: the files are written into a temporary
//! sibling folder with plain writes, the folder is flushed once, then renamed into place.
//! A failed, cancelled or killed write leaves no half-written folder at the target (a
//! killed writer's temporary folder is removed by the next write beside it).

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::{parent_and_name, remove_stale_temporaries, temporary_beside};

/// Creates the folder `path` holding `files` (name inside the folder, bytes) if `ready`
/// agrees once they are all written. `path` must be missing or an empty folder. When
/// `ready` returns false nothing is left behind and the result is `Ok(false)`.
///
/// Files are not flushed one by one (one `fsync` per file made a 20,000-file export take
/// minutes); the folder and its parent are flushed once around the rename.
pub fn write_folder_when<'a>(
    path: &Path,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ready: impl FnOnce() -> bool,
) -> io::Result<bool> {
    write_folder_with(
        path,
        |folder| {
            for (name, bytes) in files {
                folder.write(name, bytes)?;
            }
            Ok::<(), io::Error>(())
        },
        ready,
    )
}

/// [`write_folder_when`] for files made while they are written: `fill` puts each file
/// into the temporary folder through [`NewFolder::write`] as soon as it is made, so the
/// whole folder never has to be held in memory. An error from `fill` leaves nothing
/// behind.
pub fn write_folder_with<E: From<io::Error>>(
    path: &Path,
    fill: impl FnOnce(&mut NewFolder) -> Result<(), E>,
    ready: impl FnOnce() -> bool,
) -> Result<bool, E> {
    let (parent, name) = parent_and_name(path)?;
    let tmp = temporary_beside(&parent, name);
    let result = write_then_rename(&tmp, path, fill, ready);
    match result {
        Ok(true) => {
            if let Ok(d) = File::open(&parent) {
                let _ = d.sync_all();
            }
            remove_stale_temporaries(&parent, name);
        }
        _ => {
            let _ = fs::remove_dir_all(&tmp);
        }
    }
    result
}

/// The temporary folder being filled by [`write_folder_with`].
pub struct NewFolder {
    dir: PathBuf,
}

impl NewFolder {
    /// Writes the file `name` (no separators: a file directly in the folder).
    pub fn write(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        fs::write(self.dir.join(name), bytes)
    }
}

fn write_then_rename<E: From<io::Error>>(
    tmp: &Path,
    path: &Path,
    fill: impl FnOnce(&mut NewFolder) -> Result<(), E>,
    ready: impl FnOnce() -> bool,
) -> Result<bool, E> {
    if tmp.exists() {
        fs::remove_dir_all(tmp)?;
    }
    fs::create_dir(tmp)?;
    fill(&mut NewFolder {
        dir: tmp.to_path_buf(),
    })?;
    // Not every platform can open a directory to flush it.
    if let Ok(d) = File::open(tmp) {
        let _ = d.sync_all();
    }
    if !ready() {
        return Ok(false);
    }
    if path.is_dir() {
        // Empty (the caller checked): make way for the rename; fails if it is not.
        fs::remove_dir(path)?;
    }
    fs::rename(tmp, path)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn writes_every_file_and_leaves_no_temporary_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("brat");
        fs::create_dir(&out).expect("empty folder is fine");
        let files = [("a.txt", &b"alpha"[..]), ("a.ann", "T1 “x”".as_bytes())];
        assert!(write_folder_when(&out, files, || true).expect("write"));
        assert_eq!(names(dir.path()), ["brat"]);
        assert_eq!(names(&out), ["a.ann", "a.txt"]);
        assert_eq!(
            fs::read_to_string(out.join("a.ann")).expect("read"),
            "T1 “x”"
        );
    }

    #[test]
    fn declined_or_failed_leaves_nothing_at_all() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("brat");
        let files = [("a.txt", &b"alpha"[..])];
        let mut asked = false;
        let written = write_folder_when(&out, files, || {
            asked = true;
            false
        });
        assert!(asked && !written.expect("write"));
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
        // The second file cannot be written (no such subfolder): the first one, already
        // written, does not appear either.
        let files = [("a.txt", &b"alpha"[..]), ("missing/b.txt", &b"beta"[..])];
        assert!(write_folder_when(&out, files, || true).is_err());
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }

    #[test]
    fn a_folder_that_is_not_empty_is_not_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("brat");
        fs::create_dir(&out).expect("mkdir");
        fs::write(out.join("old.txt"), b"old").expect("write");
        assert!(write_folder_when(&out, [("a.txt", &b"a"[..])], || true).is_err());
        assert_eq!(names(&out), ["old.txt"]);
        assert_eq!(names(dir.path()), ["brat"]);
    }

    #[test]
    fn temporary_folders_of_killed_writers_are_cleared() {
        let dir = tempfile::tempdir().expect("tempdir");
        let dead = dir.path().join(format!(".brat.{}.tmp", u32::MAX - 7));
        fs::create_dir(&dead).expect("mkdir");
        fs::write(dead.join("half.ann"), b"T1").expect("write");
        let out = dir.path().join("brat");
        assert!(write_folder_when(&out, [("a.txt", &b"a"[..])], || true).expect("write"));
        assert_eq!(names(dir.path()), ["brat"]);
    }
}
