//! Backups of earlier saves: before each save from the window, the file about to be
//! replaced is kept in a `.lectern-backups` folder beside the project, as
//! `NAME.bak1.ron` (the save before this one) to `NAME.bak5.ron` (five saves ago).
//!
//! A folder rather than `NAME.ron.bak1` files beside the project keeps the project's own
//! folder tidy and takes one line in a `.gitignore`; the `.ron` ending lets any of them be
//! opened as a project.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How many earlier saves are kept.
pub const KEEP: usize = 5;

/// The folder holding the backups of projects in `project`'s folder.
pub fn folder_for(project: &Path) -> PathBuf {
    project.with_file_name(".lectern-backups")
}

/// Path of backup `n` (1 = newest) of the project at `project`.
pub fn path_for(project: &Path, n: usize) -> PathBuf {
    let stem = project
        .file_stem()
        .map_or_else(|| "project".into(), |s| s.to_string_lossy().into_owned());
    folder_for(project).join(format!("{stem}.bak{n}.ron"))
}

/// Keeps a copy of the file at `project` (if any) as backup 1, shifting older ones along
/// and dropping the sixth. Call before replacing the file. The copy is written atomically,
/// so a crash leaves every backup whole.
pub fn rotate(project: &Path) -> std::io::Result<()> {
    let bytes = match std::fs::read(project) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    std::fs::create_dir_all(folder_for(project))?;
    for n in (1..KEEP).rev() {
        let from = path_for(project, n);
        if from.exists() {
            std::fs::rename(&from, path_for(project, n + 1))?;
        }
    }
    crate::fsutil::write_atomic(&path_for(project, 1), &bytes)
}

/// A backup on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    /// 1 for the newest.
    pub number: usize,
    /// The file.
    pub path: PathBuf,
    /// When the save it holds was written (the backup file's modification time).
    pub written: SystemTime,
}

/// The backups of the project at `project`, newest first.
pub fn list(project: &Path) -> Vec<Backup> {
    (1..=KEEP)
        .filter_map(|number| {
            let path = path_for(project, number);
            let written = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
            Some(Backup {
                number,
                path,
                written,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_five_saves_newest_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("p.ron");
        rotate(&project).expect("nothing to back up yet");
        assert!(list(&project).is_empty());
        for i in 0..8 {
            rotate(&project).expect("rotate");
            std::fs::write(&project, format!("save {i}")).expect("save");
        }
        let backups = list(&project);
        assert_eq!(backups.len(), KEEP);
        let text = |n: usize| std::fs::read_to_string(&backups[n].path).expect("read");
        assert_eq!(text(0), "save 6");
        assert_eq!(text(4), "save 2");
        assert_eq!(
            backups[0].path,
            dir.path().join(".lectern-backups").join("p.bak1.ron")
        );
    }
}
