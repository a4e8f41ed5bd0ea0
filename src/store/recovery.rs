//! Recovery files: the unsaved state of an open project, written in the background while
//! it has changes, so a crash or a kill loses at most a few seconds of work.
//!
//! A saved project's recovery file sits next to it as `.NAME.ron.recovery`; a never-saved
//! project's goes to the user's data folder as `unsaved-PID.ron.recovery`, named after the
//! process so two running Lecterns do not share one. Both are ordinary project files.

use super::{StoreError, from_ron, line_column};
use crate::model::{DocId, Document, Project, Span, SpanId};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The end of every recovery file's name.
pub const SUFFIX: &str = ".recovery";

/// Where the recovery file of the project saved at `project` goes.
pub fn path_for(project: &Path) -> PathBuf {
    let name = project.file_name().map_or_else(
        || "project.ron".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    project.with_file_name(format!(".{name}{SUFFIX}"))
}

/// Where a second Lectern with the project at `project` open (the first holds the lock)
/// keeps its recovery file, so the two do not overwrite each other's:
/// `.NAME.ron.PID.recovery`.
pub fn second_path_for(project: &Path, pid: u32) -> PathBuf {
    let name = project.file_name().map_or_else(
        || "project.ron".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    project.with_file_name(format!(".{name}.{pid}{SUFFIX}"))
}

/// Where this process keeps the recovery file of a never-saved project, inside `dir`.
pub fn unsaved_path(dir: &Path) -> PathBuf {
    dir.join(format!("unsaved-{}.ron{SUFFIX}", std::process::id()))
}

/// The folder for never-saved projects' recovery files: `DATA_DIR/lectern/recovery`.
pub fn default_unsaved_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("lectern").join("recovery"))
}

/// A recovery file found on disk, read and checked.
#[derive(Clone, Debug)]
pub struct Recovery {
    /// The recovery file.
    pub path: PathBuf,
    /// The project it holds.
    pub project: Project,
    /// When it was written.
    pub written: SystemTime,
}

/// Reads a recovery file; `Ok(None)` when there is none.
pub fn read(path: &Path) -> Result<Option<Recovery>, StoreError> {
    let io = |source| StoreError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    let written = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map_err(io)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let (line, column) = line_column(&bytes[..e.valid_up_to()]);
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not UTF-8 text".to_owned(),
        }
    })?;
    let project = from_ron(text, path)?;
    Ok(Some(Recovery {
        path: path.to_path_buf(),
        project,
        written,
    }))
}

/// The recovery file of the project at `project`, if there is one written after the
/// project file was last changed (an older one was overtaken by a save elsewhere).
/// A second window's file (see [`second_path_for`]) counts once its process is gone; the
/// newest candidate wins.
pub fn pending_for(project: &Path) -> Result<Option<Recovery>, StoreError> {
    let mut candidates = vec![path_for(project)];
    let name = project
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.");
    if let Some(dir) = project.parent().map(|d| {
        if d.as_os_str().is_empty() {
            Path::new(".")
        } else {
            d
        }
    }) && let Ok(entries) = std::fs::read_dir(dir)
    {
        for e in entries.filter_map(Result::ok) {
            let file = e.file_name().to_string_lossy().into_owned();
            let pid = file
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(SUFFIX))
                .and_then(|pid| pid.parse::<u32>().ok());
            if let Some(pid) = pid
                && pid != std::process::id()
                && !crate::fsutil::process_alive(pid)
            {
                candidates.push(e.path());
            }
        }
    }
    let saved = std::fs::metadata(project).and_then(|m| m.modified()).ok();
    let mut best: Option<Recovery> = None;
    for path in candidates {
        let Some(recovery) = read(&path)? else {
            continue;
        };
        let newer_than_saved = saved.is_none_or(|s| recovery.written >= s);
        if newer_than_saved && best.as_ref().is_none_or(|b| recovery.written > b.written) {
            best = Some(recovery);
        }
    }
    Ok(best)
}

/// Recovery files of never-saved projects in `dir` whose Lectern is no longer running,
/// newest first. Unreadable entries are skipped: they are offered by path only.
pub fn orphaned_unsaved(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let pid: u32 = name
                .strip_prefix("unsaved-")?
                .strip_suffix(&format!(".ron{SUFFIX}"))?
                .parse()
                .ok()?;
            if pid == std::process::id() || crate::fsutil::process_alive(pid) {
                return None;
            }
            let time = e.metadata().and_then(|m| m.modified()).ok()?;
            Some((time, e.path()))
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.into_iter().map(|(_, p)| p).collect()
}

/// Removes a recovery file; a missing one is fine.
pub fn remove(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// How far two versions of a project differ, counted for the user.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Difference {
    /// Documents added, removed or changed in any way.
    pub documents: usize,
    /// Spans added, removed or changed.
    pub spans: usize,
    /// Whether labels, relation types, fields or the name differ.
    pub settings: bool,
}

impl Difference {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        *self == Difference::default()
    }
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, noun: &str| {
            if n == 1 {
                format!("1 {noun}")
            } else {
                format!("{n} {noun}s")
            }
        };
        write!(
            f,
            "{} and {} differ",
            plural(self.documents, "document"),
            plural(self.spans, "span")
        )?;
        if self.settings {
            write!(f, "; project settings differ")?;
        }
        Ok(())
    }
}

/// What differs between `old` and `new`, by document and span id.
pub fn difference(old: &Project, new: &Project) -> Difference {
    let (a, b) = (documents_by_id(old), documents_by_id(new));
    let mut out = Difference {
        settings: old.name != new.name
            || old.labels != new.labels
            || old.relation_types != new.relation_types
            || old.lexicon != new.lexicon
            || old.custom_fields != new.custom_fields,
        ..Difference::default()
    };
    for id in a.keys().chain(b.keys().filter(|k| !a.contains_key(k))) {
        let (x, y) = (a.get(id), b.get(id));
        if x != y {
            out.documents += 1;
        }
        let (sx, sy) = (spans_by_id(x.copied()), spans_by_id(y.copied()));
        out.spans += sx.iter().filter(|(k, s)| sy.get(*k) != Some(*s)).count()
            + sy.keys().filter(|k| !sx.contains_key(*k)).count();
    }
    out
}

fn documents_by_id(p: &Project) -> BTreeMap<DocId, &Document> {
    p.documents.iter().map(|d| (d.id, d)).collect()
}

fn spans_by_id(d: Option<&Document>) -> BTreeMap<SpanId, &Span> {
    d.map(|d| d.spans.iter().map(|s| (s.id, s)).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edit;

    fn project() -> Project {
        let mut p = Project::new("r");
        p.documents
            .push(Document::new(DocId(1), "a", "One two three four."));
        p
    }

    #[test]
    fn names_sit_next_to_the_project_and_hidden() {
        assert_eq!(
            path_for(Path::new("/x/p.ron")),
            Path::new("/x/.p.ron.recovery")
        );
        assert!(
            unsaved_path(Path::new("/d"))
                .to_string_lossy()
                .ends_with(&format!("unsaved-{}.ron.recovery", std::process::id()))
        );
    }

    #[test]
    fn difference_counts_documents_and_spans() {
        let old = project();
        let mut new = old.clone();
        assert!(difference(&old, &new).is_empty());
        let span = new.make_span(DocId(1), "quote", 0, 3).expect("span");
        Edit::AddSpan {
            doc: DocId(1),
            span,
        }
        .apply(&mut new)
        .expect("add");
        new.documents.push(Document::new(DocId(2), "b", "x"));
        let d = difference(&old, &new);
        assert_eq!((d.documents, d.spans, d.settings), (2, 1, false));
        assert_eq!(d.to_string(), "2 documents and 1 span differ");
        assert_eq!(difference(&new, &old).spans, 1);
    }

    #[test]
    fn pending_only_when_newer_than_the_project() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        super::super::save(&project(), &path).expect("save");
        assert!(pending_for(&path).expect("read").is_none());
        let rec = path_for(&path);
        super::super::save(&project(), &rec).expect("save recovery");
        let found = pending_for(&path).expect("read").expect("found");
        assert_eq!(found.project, project());
        // A recovery file older than the project was overtaken by a later save.
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&rec)
            .and_then(|f| f.set_modified(old))
            .expect("age");
        assert!(pending_for(&path).expect("read").is_none());
        remove(&rec).expect("remove");
        remove(&rec).expect("removing twice is fine");
    }

    #[test]
    fn a_dead_second_windows_recovery_file_is_found_a_live_ones_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        super::super::save(&project(), &path).expect("save");
        let live = second_path_for(&path, 1);
        assert_eq!(live.file_name().expect("name"), ".p.ron.1.recovery");
        super::super::save(&project(), &live).expect("live");
        assert!(pending_for(&path).expect("read").is_none());
        let dead = second_path_for(&path, u32::MAX - 7);
        super::super::save(&project(), &dead).expect("dead");
        assert_eq!(pending_for(&path).expect("read").expect("found").path, dead);
    }

    #[test]
    fn orphans_are_files_of_dead_processes_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        super::super::save(&project(), &unsaved_path(dir.path())).expect("ours");
        // pid 1 is always alive; u32::MAX - 7 is not a process.
        let dead = dir
            .path()
            .join(format!("unsaved-{}.ron.recovery", u32::MAX - 7));
        let alive = dir.path().join("unsaved-1.ron.recovery");
        for p in [&dead, &alive] {
            super::super::save(&project(), p).expect("save");
        }
        assert_eq!(orphaned_unsaved(dir.path()), vec![dead]);
    }
}
