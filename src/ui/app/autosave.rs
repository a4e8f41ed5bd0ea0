//! What the window autosaves, and from what: the edits made since a state that is on
//! disk go to the journal (`store::journal`), so autosave work grows with the change, not
//! with the project. That state is the project file as opened or saved; when the open
//! project is not any file (never saved, restored, opened repaired, its file changed by
//! another program) the first autosave writes a full snapshot to the recovery file and
//! the journal goes on from there. `safety.rs` decides when; this module decides what.

use super::*;
use crate::store::disk::DiskStamp;
use crate::store::journal::{self, Base};

/// Where the journal of the open project stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct JournalState {
    /// The project file the open project equals when it has no unsaved changes (as
    /// opened or last saved); `None` when that state is no file (never saved, restored,
    /// opened repaired, or the file was changed by another program).
    file: Option<Base>,
    /// What the journal being written starts from, once one is.
    started: Option<Started>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Started {
    /// The project file ([`JournalState::file`]).
    FromFile,
    /// A snapshot in the recovery file.
    FromSnapshot,
}

impl Lectern {
    /// Writes the edits not yet autosaved now, not [`AUTOSAVE_DELAY`] after the change,
    /// and waits until they are in the operating system's hands (microseconds for a
    /// journal line; a snapshot when the journal has no base yet).
    pub(super) fn write_recovery_now(&mut self) {
        if self.session.is_dirty() && self.safety.written_revision != Some(self.session.revision())
        {
            self.write_recovery();
            self.safety.autosaver.wait_written();
        }
    }

    /// Writes what changed since the last autosave: appends the edits to the journal,
    /// starting it first if needed, or writes a snapshot when there is no base.
    pub(super) fn write_recovery(&mut self) {
        self.safety.change_seen = None;
        // Marked as handled even with nowhere to write (no data folder), so the frame does
        // not come back for it every second.
        self.safety.written_revision = Some(self.session.revision());
        let edits = self.session.take_applied();
        let Some(path) = self.recovery_path() else {
            return;
        };
        let journal = journal::path_for(&path);
        let saver = &self.safety.autosaver;
        let state = &mut self.safety.journal;
        match (state.started, &state.file) {
            (Some(_), _) => {
                if !edits.is_empty() {
                    saver.append_journal(journal, edits);
                }
            }
            (None, Some(base)) => {
                saver.start_journal(journal.clone(), base.clone());
                saver.append_journal(journal, edits);
                state.started = Some(Started::FromFile);
            }
            (None, None) => {
                saver.snapshot(path.clone(), journal, self.session.project.clone());
                state.started = Some(Started::FromSnapshot);
            }
        }
        self.safety.recovery_file = Some(path);
    }

    /// Removes this window's recovery files (journal first: a journal left alone without
    /// its snapshot is never applied) and forgets the edits not yet written: the open
    /// project is saved, or back to its saved state.
    pub(super) fn remove_recovery_files(&mut self) {
        if let Some(path) = self.safety.recovery_file.take() {
            self.safety.autosaver.remove(journal::path_for(&path));
            self.safety.autosaver.remove(path);
        }
        let _ = self.session.take_applied();
        self.safety.journal.started = None;
        self.safety.written_revision = None;
        self.safety.change_seen = None;
    }

    /// The open project now is the file with `stamp` (opened or saved) unless it has
    /// unsaved changes: later edits are journaled from that file.
    pub(super) fn journal_from_file(&mut self, stamp: Option<&DiskStamp>) {
        let _ = self.session.take_applied();
        self.safety.journal = JournalState {
            file: stamp
                .filter(|_| !self.session.is_dirty())
                .map(DiskStamp::journal_base),
            started: None,
        };
    }

    /// The open project's file changed under it (another program): a journal from the
    /// old file could not be replayed over the new one, so the next autosave writes a
    /// snapshot instead.
    pub(super) fn journal_lost_its_base(&mut self) {
        let state = &mut self.safety.journal;
        state.file = None;
        if state.started == Some(Started::FromFile) {
            state.started = None;
            self.safety.written_revision = None;
        }
    }
}
