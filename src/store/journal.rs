//! The edit journal: autosave in proportion to the change, not the project. Rewriting a
//! 10,000-article project (60 MB and more) a second after every change cost seconds of
//! work and hundreds of megabytes a minute; instead the edits made since a state that is
//! already on disk are appended to `.NAME.ron.journal`, one line per autosave.
//!
//! The file is JSON Lines. The first line names the base the edits start from — the
//! project file itself, or a full snapshot in the recovery file beside it (for a project
//! that was never saved, was restored or was opened repaired) — with the SHA-256 and size
//! of that file's bytes. Each further line is `{"edits":[…]}`: [`Edit`] values applied in
//! that order, as one batch. Recovery replays the lines over the base and is only done
//! when the base's hash matches, so a journal left behind by a save that replaced the
//! project file (or by another program changing it) is never applied to the wrong file.
//!
//! A line is only counted once it ends with its line break: a kill in the middle of an
//! append leaves a torn last line, which is left out, and the result is the state after
//! the previous line — a state the user had. A new journal (its first line) is written
//! atomically.

use crate::model::{Edit, EditError, Project, apply_all};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The end of every journal's name.
pub const SUFFIX: &str = ".journal";

/// Version of the journal's format written in its first line.
const VERSION: u32 = 1;

/// The journal that goes with a recovery file: `.NAME.ron.recovery` -> `.NAME.ron.journal`
/// (also for a second window's and a never-saved project's).
pub fn path_for(recovery: &Path) -> PathBuf {
    let name = recovery
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(super::recovery::SUFFIX).unwrap_or(&name);
    recovery.with_file_name(format!("{stem}{SUFFIX}"))
}

/// Which file a journal's edits start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BaseKind {
    /// The project file the journal belongs to.
    Project,
    /// The full snapshot in the recovery file beside the journal.
    Snapshot,
}

/// The exact bytes a journal starts from: which file, its SHA-256 and its size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Base {
    /// Which file.
    pub kind: BaseKind,
    /// SHA-256 of its bytes, in hex.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
}

impl Base {
    /// The base made of `bytes` (the file's whole contents).
    pub fn of_bytes(kind: BaseKind, bytes: &[u8]) -> Self {
        Self::of_hash(kind, Sha256::digest(bytes).into(), bytes.len() as u64)
    }

    /// The base with this hash and size.
    pub fn of_hash(kind: BaseKind, hash: [u8; 32], bytes: u64) -> Self {
        let sha256 = hash.iter().map(|b| format!("{b:02x}")).collect();
        Self {
            kind,
            sha256,
            bytes,
        }
    }

    /// Whether `bytes` are the base's bytes.
    pub fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() as u64 == self.bytes && *self == Self::of_bytes(self.kind, bytes)
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    lectern_journal: u32,
    base: Base,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    edits: &'a [Edit],
}

#[derive(Deserialize)]
struct EntryIn {
    edits: Vec<Edit>,
}

/// Starts a journal at `path` for `base`, replacing any journal there (atomically).
pub fn start(path: &Path, base: &Base) -> std::io::Result<()> {
    let header = Header {
        lectern_journal: VERSION,
        base: base.clone(),
    };
    let mut line = serde_json::to_vec(&header).map_err(std::io::Error::other)?;
    line.push(b'\n');
    crate::fsutil::write_atomic(path, &line)
}

/// Appends one batch of edits as a line and syncs it to the disk.
pub fn append(path: &Path, edits: &[Edit]) -> std::io::Result<()> {
    append_unsynced(path, edits)?;
    sync(path)
}

/// Appends one batch of edits as a line, handed to the operating system but not synced:
/// it survives the app being killed, not a power cut before the next [`sync`]. The line is
/// written in pieces (a big step can be megabytes): a kill between them leaves a torn
/// line, which [`read`] leaves out.
pub fn append_unsynced(path: &Path, edits: &[Edit]) -> std::io::Result<()> {
    let file = std::fs::OpenOptions::new().append(true).open(path)?;
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
    serde_json::to_writer(&mut out, &EntryOut { edits }).map_err(std::io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Syncs the journal's lines to the disk.
pub fn sync(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .append(true)
        .open(path)?
        .sync_data()
}

/// A journal as read from disk.
#[derive(Clone, Debug)]
pub struct Journal {
    /// The file it starts from.
    pub base: Base,
    /// The complete lines, in order: each a batch of edits.
    pub entries: Vec<Vec<Edit>>,
    /// Whether a last line was left out because it was cut short (a kill mid-append) or
    /// could not be read.
    pub torn: bool,
}

/// Why a journal was not used.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The journal.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Its first line is not a journal header this Lectern reads.
    #[error("{}:1: not a Lectern journal (or one from a newer Lectern)", path.display())]
    Header {
        /// The journal.
        path: PathBuf,
    },
    /// An entry could not be applied to the base (it belongs to another state).
    #[error("{}:{line}: the edits do not apply: {source}", path.display())]
    Replay {
        /// The journal.
        path: PathBuf,
        /// 1-based line of the entry.
        line: usize,
        /// Why.
        source: EditError,
    },
}

/// Reads the journal at `path`; `Ok(None)` when there is none.
pub fn read(path: &Path) -> Result<Option<Journal>, JournalError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(JournalError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let header_error = || JournalError::Header {
        path: path.to_path_buf(),
    };
    let mut lines = bytes.split_inclusive(|&b| b == b'\n');
    let header: Header = lines
        .next()
        .filter(|l| l.ends_with(b"\n"))
        .and_then(|l| serde_json::from_slice(l).ok())
        .ok_or_else(header_error)?;
    if header.lectern_journal > VERSION {
        return Err(header_error());
    }
    let mut journal = Journal {
        base: header.base,
        entries: Vec::new(),
        torn: false,
    };
    for line in lines {
        let entry = line
            .ends_with(b"\n")
            .then(|| serde_json::from_slice::<EntryIn>(line).ok())
            .flatten();
        match entry {
            Some(e) => journal.entries.push(e.edits),
            None => {
                // Only the last line can be cut short by a kill; anything after an
                // unreadable line cannot be trusted to follow from it either.
                journal.torn = true;
                break;
            }
        }
    }
    Ok(Some(journal))
}

impl Journal {
    /// The edits replayed over `base` (the project read from the base file): each line
    /// applied as one batch, in order.
    pub fn replay(&self, mut base: Project, path: &Path) -> Result<Project, JournalError> {
        for (i, edits) in self.entries.iter().enumerate() {
            apply_all(&mut base, edits).map_err(|source| JournalError::Replay {
                path: path.to_path_buf(),
                line: i + 2,
                source,
            })?;
        }
        Ok(base)
    }

    /// Number of edits in the complete lines.
    pub fn edits(&self) -> usize {
        self.entries.iter().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Document};

    fn project() -> Project {
        let mut p = Project::new("j");
        p.documents.push(Document::new(
            DocId(1),
            "a",
            "“Ναι,” she said — café 😀 over\u{a0}there.\nNext line.",
        ));
        p
    }

    fn label(p: &Project, start: usize, end: usize) -> Edit {
        let span = p.make_span(DocId(1), "quote", start, end).expect("span");
        Edit::AddSpan {
            doc: DocId(1),
            span,
        }
    }

    #[test]
    fn names_follow_the_recovery_file() {
        assert_eq!(
            path_for(Path::new("/x/.p.ron.recovery")),
            Path::new("/x/.p.ron.journal")
        );
        assert_eq!(
            path_for(Path::new("/d/unsaved-7.ron.recovery")),
            Path::new("/d/unsaved-7.ron.journal")
        );
    }

    #[test]
    fn replays_complete_lines_and_leaves_out_a_torn_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".p.ron.journal");
        let p0 = project();
        let base = Base::of_bytes(BaseKind::Project, b"the file");
        start(&path, &base).expect("start");
        let mut p1 = p0.clone();
        let e1 = label(&p1, 0, 6);
        e1.apply(&mut p1).expect("apply");
        let e2 = label(&p1, 30, 35);
        let e3 = Edit::SetProjectName {
            old: "j".into(),
            new: "j\n\"two\"".into(),
        };
        let mut p2 = p1.clone();
        crate::model::apply_all(&mut p2, &[e2.clone(), e3.clone()]).expect("apply");
        append(&path, std::slice::from_ref(&e1)).expect("append");
        append(&path, &[e2, e3]).expect("append");
        let read_back = read(&path).expect("read").expect("some");
        assert!(!read_back.torn);
        assert!(read_back.base.matches(b"the file"));
        assert!(!read_back.base.matches(b"the filE"));
        assert_eq!(read_back.edits(), 3);
        assert_eq!(read_back.replay(p0.clone(), &path).expect("replay"), p2);
        // A kill in the middle of the third append: the line is cut short.
        let full = std::fs::read(&path).expect("bytes");
        let mut cut = full.clone();
        cut.extend_from_slice(br#"{"edits":[{"SetProjectName":{"old":"j"#);
        std::fs::write(&path, &cut).expect("write");
        let torn = read(&path).expect("read").expect("some");
        assert!(torn.torn);
        assert_eq!(torn.replay(p0.clone(), &path).expect("replay"), p2);
        // Cut inside the second line: the state after the first.
        std::fs::write(&path, &full[..full.len() - 10]).expect("write");
        let torn = read(&path).expect("read").expect("some");
        assert_eq!(torn.replay(p0.clone(), &path).expect("replay"), p1);
        // Edits that do not fit the base are refused, naming the line.
        let err = read_back.replay(p1, &path).expect_err("already applied");
        assert!(err.to_string().contains(".p.ron.journal:2:"), "{err}");
    }

    #[test]
    fn a_file_that_is_not_a_journal_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".p.ron.journal");
        assert!(read(&path).expect("none").is_none());
        std::fs::write(&path, "Project(format: 2)\n").expect("write");
        assert!(matches!(read(&path), Err(JournalError::Header { .. })));
        std::fs::write(&path, "{\"lectern_journal\":1").expect("write");
        assert!(matches!(read(&path), Err(JournalError::Header { .. })));
    }
}
