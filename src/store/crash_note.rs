//! The note a window leaves when a bug ends it, so that the next window can say what
//! happened. A desktop user starts Lectern from a menu and never sees the message the panic
//! hook prints on stderr (`cli::panic_hook`); the note, written beside the never-saved
//! projects' recovery files, is shown once at the next start and removed when read.
//!
//! Only a dying process writes a note, so every note found at startup belongs to a Lectern
//! that has ended: no process check is needed (and none would work on Windows).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;

/// Notes are named `crash-PID-NANOS.txt`: two windows ending at once never share a file.
const PREFIX: &str = "crash-";
const SUFFIX: &str = ".txt";
/// A note is a few lines; anything longer in the folder is not ours.
const MAX_BYTES: u64 = 16 * 1024;

/// Where this process writes its note if a bug ends it; set by the window when it opens.
static ARMED: OnceLock<PathBuf> = OnceLock::new();

/// From now on a bug that ends this process leaves a note in `dir` (the window calls this
/// as it opens; command-line runs print on stderr, where their user is looking).
pub fn arm(dir: PathBuf) {
    let _ = ARMED.set(dir);
}

/// Writes `text` as this process's note if [`arm`] was called. For the panic hook: never
/// panics, and an error is only printed (the process is ending either way).
pub fn write_if_armed(text: &str) {
    let Some(dir) = ARMED.get() else {
        return;
    };
    if let Err(e) = write(dir, std::process::id(), text) {
        eprintln!("lectern: could not leave a note in {}: {e}", dir.display());
    }
}

/// Writes a note for process `pid` into `dir` (made if missing), atomically.
pub fn write(dir: &Path, pid: u32, text: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let path = dir.join(format!("{PREFIX}{pid}-{nanos}{SUFFIX}"));
    crate::fsutil::write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// A note found at startup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrashNote {
    /// The file, removed once the user has read it.
    pub path: PathBuf,
    /// When the bug happened (the file's time).
    pub written: SystemTime,
    /// What the ended Lectern said about the bug.
    pub text: String,
}

/// The notes in `dir`, oldest first. Files that are not notes, too long or unreadable are
/// left alone.
pub fn left_behind(dir: &Path) -> Vec<CrashNote> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut notes: Vec<CrashNote> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(PREFIX) && name.ends_with(SUFFIX)
        })
        .filter_map(|e| {
            let meta = e.metadata().ok().filter(|m| m.len() <= MAX_BYTES)?;
            let text = std::fs::read_to_string(e.path()).ok()?;
            Some(CrashNote {
                path: e.path(),
                written: meta.modified().ok()?,
                text: text.trim().to_owned(),
            })
        })
        .collect();
    notes.sort_by(|a, b| a.written.cmp(&b.written).then(a.path.cmp(&b.path)));
    notes
}

/// Removes a note the user has read; one already gone is fine.
pub fn remove(note: &CrashNote) -> std::io::Result<()> {
    match std::fs::remove_file(&note.path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_found_oldest_first_and_other_files_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = write(dir.path(), 41, "a bug in the first — «Zürich»").expect("write");
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(dir.path(), 42, "a bug in the second\n").expect("write");
        std::fs::write(dir.path().join("unsaved-7.ron.recovery"), "(not a note)").expect("write");
        std::fs::write(dir.path().join("crash-huge.txt"), "x".repeat(20_000)).expect("write");
        let notes = left_behind(dir.path());
        let texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(
            texts,
            ["a bug in the first — «Zürich»", "a bug in the second"]
        );
        assert_eq!(notes[0].path, first);
        remove(&notes[0]).expect("remove");
        remove(&notes[0]).expect("a note already gone is fine");
        assert_eq!(left_behind(dir.path()).len(), 1);
        assert!(dir.path().join("unsaved-7.ron.recovery").exists());
    }

    #[test]
    fn a_missing_folder_has_no_notes_and_writing_makes_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let inner = dir.path().join("lectern").join("recovery");
        assert!(left_behind(&inner).is_empty());
        write(&inner, 1, "bug").expect("write");
        assert_eq!(left_behind(&inner).len(), 1);
    }
}
