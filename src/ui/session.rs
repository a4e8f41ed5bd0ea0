//! One open project with its undo history and file, and the only place edits are applied.

use crate::model::{Edit, EditError, History, Project};
use std::path::{Path, PathBuf};

/// An open project.
pub struct Session {
    /// The project as it is now.
    pub project: Project,
    /// Undo and redo stacks.
    pub history: History,
    /// The file it was opened from or last saved to; `None` for a new project.
    pub path: Option<PathBuf>,
    /// Bumped on every change, so views know when to rebuild what they derive from spans.
    revision: u64,
    /// Edits applied since [`Session::take_applied`] last took them, in the order they
    /// changed the project (an undo's inverse edits included): what autosave appends to
    /// the journal.
    applied: Vec<Edit>,
}

impl Session {
    /// A session for a project that is already on disk at `path` (or nowhere).
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        Self {
            project,
            history: History::default(),
            path,
            revision: 0,
            applied: Vec::new(),
        }
    }

    /// Applies edits as one undoable step.
    pub fn apply(
        &mut self,
        description: impl Into<String>,
        edits: Vec<Edit>,
    ) -> Result<(), EditError> {
        let copy = edits.clone();
        self.history.apply(&mut self.project, description, edits)?;
        self.changed(copy);
        Ok(())
    }

    /// Applies edits, merging them into the previous step if it had the same `key`.
    pub fn apply_coalescing(
        &mut self,
        description: impl Into<String>,
        edits: Vec<Edit>,
        key: &str,
    ) -> Result<(), EditError> {
        let copy = edits.clone();
        self.history
            .apply_coalescing(&mut self.project, description, edits, key)?;
        self.changed(copy);
        Ok(())
    }

    /// Undoes the last step; returns its description.
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        let inverse: Vec<Edit> = self
            .history
            .last_step()
            .map(|s| s.edits.iter().rev().map(Edit::inverse).collect())
            .unwrap_or_default();
        let done = self.history.undo(&mut self.project)?;
        self.changed(inverse);
        Ok(done)
    }

    /// Redoes the last undone step; returns its description.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        let edits = self
            .history
            .redo_step()
            .map(|s| s.edits.clone())
            .unwrap_or_default();
        let done = self.history.redo(&mut self.project)?;
        self.changed(edits);
        Ok(done)
    }

    fn changed(&mut self, applied: Vec<Edit>) {
        self.revision += 1;
        self.applied.extend(applied);
    }

    /// The edits applied since the last call, oldest first; the session forgets them.
    pub fn take_applied(&mut self) -> Vec<Edit> {
        std::mem::take(&mut self.applied)
    }

    /// Changes with every applied, undone or redone step.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether there are changes not saved to `path`.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Name for the window title: the project's name, else its file name.
    pub fn display_name(&self) -> String {
        if !self.project.name.trim().is_empty() {
            return self.project.name.clone();
        }
        self.path
            .as_deref()
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled project".to_owned())
    }
}
