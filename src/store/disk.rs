//! Noticing that a project file was changed by another program (a `git pull`, a second
//! Lectern, a sync client): a stamp of its size, modification time and content hash is
//! taken when Lectern reads or writes it, and compared later.

use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::SystemTime;

/// What a file looked like when Lectern last read or wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: [u8; 32],
}

impl DiskStamp {
    /// The stamp of `bytes` just written to or read from `path`.
    pub fn of_bytes(path: &Path, bytes: &[u8]) -> Self {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        Self {
            len: bytes.len() as u64,
            modified,
            hash: Sha256::digest(bytes).into(),
        }
    }

    /// The stamp of the file at `path` as it is now.
    pub fn read(path: &Path) -> std::io::Result<Self> {
        let bytes = std::fs::read(path)?;
        Ok(Self::of_bytes(path, &bytes))
    }

    /// The file as the base of an autosave journal (`journal.rs`).
    pub fn journal_base(&self) -> super::journal::Base {
        super::journal::Base::of_hash(super::journal::BaseKind::Project, self.hash, self.len)
    }

    /// Whether the file at `path` now holds something else. Cheap when nothing changed:
    /// the contents are only hashed when size or time differ, so a mere `touch` is not a
    /// change. A deleted file counts as changed.
    pub fn changed(&self, path: &Path) -> bool {
        let Ok(meta) = std::fs::metadata(path) else {
            return true;
        };
        if meta.len() == self.len && meta.modified().ok() == self.modified {
            return false;
        }
        Self::read(path).map_or(true, |now| now.hash != self.hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_other_contents_but_not_a_touch() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "one").expect("write");
        let stamp = DiskStamp::read(&path).expect("stamp");
        assert!(!stamp.changed(&path));
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(later))
            .expect("touch");
        assert!(!stamp.changed(&path), "same bytes, new time");
        std::fs::write(&path, "two").expect("write");
        assert!(stamp.changed(&path));
        std::fs::remove_file(&path).expect("rm");
        assert!(stamp.changed(&path));
    }
}
