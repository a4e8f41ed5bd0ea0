//! Recovery files: the unsaved state of an open project, written in the background while
//! it has changes, so a crash or a kill loses at most a few seconds of work.
//!
//! A saved project's recovery file sits next to it as `.NAME.ron.recovery`; a never-saved
//! project's goes to the user's data folder as `unsaved-PID.ron.recovery`, named after the
//! process so two running Lecterns do not share one. Both are ordinary project files,
//! holding a full snapshot; beside each, `….journal` holds the edits made since the
//! snapshot or since the project file itself (`journal.rs`). The unsaved state is the
//! journal replayed over its base when the base is unchanged, else the snapshot alone.

use super::journal::{self, Base, BaseKind};
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

/// Reads the unsaved state kept at the recovery file `path` of a never-saved project:
/// its journal replayed over its snapshot, or the snapshot alone; `Ok(None)` when there
/// is neither.
pub fn read(path: &Path) -> Result<Option<Recovery>, StoreError> {
    read_slot(path, None, None)
}

/// The project file a recovery slot belongs to, and the project as opened from it (with
/// the file's journal base), so a journal that starts from it need not read it again.
#[derive(Clone, Copy)]
pub struct ProjectFile<'a> {
    /// The project file.
    pub path: &'a Path,
    /// The open project and the base of the file it was read from, if already read.
    pub opened: Option<(&'a Project, &'a Base)>,
}

/// The unsaved state kept at the recovery file `path` (and the journal beside it): the
/// journal replayed over its base when that base is unchanged; else the snapshot alone,
/// when it was written after the project file (`saved`) last changed.
fn read_slot(
    path: &Path,
    file: Option<ProjectFile>,
    saved: Option<SystemTime>,
) -> Result<Option<Recovery>, StoreError> {
    let snapshot = read_snapshot(path)?.filter(|r| saved.is_none_or(|s| r.written >= s));
    let journal_path = journal::path_for(path);
    let Some(journal) = journal::read(&journal_path)? else {
        return Ok(snapshot);
    };
    let written = std::fs::metadata(&journal_path)
        .and_then(|m| m.modified())
        .map_err(|source| StoreError::Io {
            action: "read",
            path: journal_path.clone(),
            source,
        })?;
    let base = match journal.base.kind {
        // A snapshot newer than the journal was written after it (a restored project's
        // first autosave) and holds everything the journal does.
        BaseKind::Project if snapshot.as_ref().is_some_and(|s| s.written > written) => None,
        BaseKind::Project => file.and_then(|f| project_base(f, &journal.base).transpose()),
        BaseKind::Snapshot => {
            let bytes = std::fs::read(path).ok();
            bytes
                .filter(|b| journal.base.matches(b))
                .map(|b| parse_bytes(&b, path))
        }
    };
    let fresh = journal.base.kind == BaseKind::Project || saved.is_none_or(|s| written >= s);
    match base.transpose()? {
        Some(_) if !fresh => Ok(snapshot),
        Some(_) if journal.entries.is_empty() && journal.base.kind == BaseKind::Project => Ok(None),
        Some(base) => Ok(Some(Recovery {
            path: path.to_path_buf(),
            project: journal.replay(base, &journal_path)?,
            written,
        })),
        None => Ok(snapshot),
    }
}

/// The project file as the journal's base, if it is still the file the journal started
/// from: the open project when it was read from that file, else the file read again.
fn project_base(file: ProjectFile, base: &Base) -> Result<Option<Project>, StoreError> {
    if let Some((project, opened)) = file.opened
        && opened == base
    {
        return Ok(Some(project.clone()));
    }
    match std::fs::read(file.path) {
        Ok(bytes) if base.matches(&bytes) => parse_bytes(&bytes, file.path).map(Some),
        _ => Ok(None),
    }
}

fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Project, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(&bytes[..e.valid_up_to()]);
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not UTF-8 text".to_owned(),
        }
    })?;
    from_ron(text, path)
}

/// Reads the snapshot in a recovery file; `Ok(None)` when there is none.
fn read_snapshot(path: &Path) -> Result<Option<Recovery>, StoreError> {
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
    let project = parse_bytes(&bytes, path)?;
    Ok(Some(Recovery {
        path: path.to_path_buf(),
        project,
        written,
    }))
}

/// The unsaved state of the project at `project`, if any: its journal replayed over the
/// file it started from (`opened` is the project as just read from that file, with the
/// file's journal base, so it need not be read again), or a snapshot written after the
/// project file was last changed (an older one was overtaken by a save elsewhere).
/// A second window's files (see [`second_path_for`]) count once its process is gone; the
/// newest candidate wins.
pub fn pending_for(
    project: &Path,
    opened: Option<(&Project, &Base)>,
) -> Result<Option<Recovery>, StoreError> {
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
                .and_then(|rest| {
                    rest.strip_suffix(SUFFIX)
                        .or_else(|| rest.strip_suffix(journal::SUFFIX))
                })
                .and_then(|pid| pid.parse::<u32>().ok());
            if let Some(pid) = pid
                && pid != std::process::id()
                && !crate::fsutil::process_alive(pid)
            {
                let slot = second_path_for(project, pid);
                if !candidates.contains(&slot) {
                    candidates.push(slot);
                }
            }
        }
    }
    let saved = std::fs::metadata(project).and_then(|m| m.modified()).ok();
    let file = ProjectFile {
        path: project,
        opened,
    };
    let mut best: Option<Recovery> = None;
    for path in candidates {
        let Some(recovery) = read_slot(&path, Some(file), saved)? else {
            continue;
        };
        if best.as_ref().is_none_or(|b| recovery.written > b.written) {
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
            || old.assistant != new.assistant
            || old.custom_fields != new.custom_fields
            || old.statements != new.statements,
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
        assert!(pending_for(&path, None).expect("read").is_none());
        let rec = path_for(&path);
        super::super::save(&project(), &rec).expect("save recovery");
        let found = pending_for(&path, None).expect("read").expect("found");
        assert_eq!(found.project, project());
        // A recovery file older than the project was overtaken by a later save.
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&rec)
            .and_then(|f| f.set_modified(old))
            .expect("age");
        assert!(pending_for(&path, None).expect("read").is_none());
        remove(&rec).expect("remove");
        remove(&rec).expect("removing twice is fine");
    }

    /// `p` with a quote over code points `start..end` added.
    fn labelled(p: &Project, start: usize, end: usize) -> (Project, Edit) {
        let span = p.make_span(DocId(1), "quote", start, end).expect("span");
        let edit = Edit::AddSpan {
            doc: DocId(1),
            span,
        };
        let mut after = p.clone();
        edit.apply(&mut after).expect("apply");
        (after, edit)
    }

    #[test]
    fn a_journal_is_replayed_over_the_project_file_it_started_from() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        super::super::save(&project(), &path).expect("save");
        let bytes = std::fs::read(&path).expect("read");
        let base = Base::of_bytes(BaseKind::Project, &bytes);
        let journal_path = journal::path_for(&path_for(&path));
        journal::start(&journal_path, &base).expect("start");
        assert!(
            pending_for(&path, None).expect("read").is_none(),
            "no edits yet"
        );
        let (one, e1) = labelled(&project(), 0, 3);
        let (two, e2) = labelled(&one, 4, 7);
        journal::append(&journal_path, &[e1]).expect("append");
        journal::append(&journal_path, &[e2]).expect("append");
        let found = pending_for(&path, None).expect("read").expect("found");
        assert_eq!(found.project, two);
        assert_eq!(found.path, path_for(&path));
        // The project as opened stands in for reading the file again.
        let opened = project();
        let again = pending_for(&path, Some((&opened, &base))).expect("read");
        assert_eq!(again.expect("found").project, two);
        // Once the file is saved over (here or elsewhere), the journal no longer applies.
        super::super::save(&one, &path).expect("save");
        assert!(pending_for(&path, None).expect("read").is_none());
    }

    #[test]
    fn a_journal_from_a_snapshot_is_replayed_over_it_and_a_newer_snapshot_wins() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        super::super::save(&project(), &path).expect("save");
        let rec = path_for(&path);
        let (one, e1) = labelled(&project(), 0, 3);
        let (two, e2) = labelled(&one, 4, 7);
        super::super::save(&one, &rec).expect("snapshot");
        let snapshot = std::fs::read(&rec).expect("read");
        let journal_path = journal::path_for(&rec);
        journal::start(
            &journal_path,
            &Base::of_bytes(BaseKind::Snapshot, &snapshot),
        )
        .expect("start");
        journal::append(&journal_path, &[e2]).expect("append");
        let found = pending_for(&path, None).expect("read").expect("found");
        assert_eq!(found.project, two);
        // A project-file journal older than the snapshot beside it: the snapshot is newer.
        let file = std::fs::read(&path).expect("read");
        journal::start(&journal_path, &Base::of_bytes(BaseKind::Project, &file)).expect("start");
        journal::append(&journal_path, &[e1]).expect("append");
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&rec)
            .and_then(|f| f.set_modified(later))
            .expect("age");
        assert_eq!(
            pending_for(&path, None)
                .expect("read")
                .expect("found")
                .project,
            one
        );
    }

    #[test]
    fn a_dead_second_windows_recovery_file_is_found_a_live_ones_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        super::super::save(&project(), &path).expect("save");
        let live = second_path_for(&path, 1);
        assert_eq!(live.file_name().expect("name"), ".p.ron.1.recovery");
        super::super::save(&project(), &live).expect("live");
        assert!(pending_for(&path, None).expect("read").is_none());
        let dead = second_path_for(&path, u32::MAX - 7);
        super::super::save(&project(), &dead).expect("dead");
        assert_eq!(
            pending_for(&path, None).expect("read").expect("found").path,
            dead
        );
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
