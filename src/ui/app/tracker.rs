//! The app's side of the Quote tracker: its statements × outlets table written to a CSV
//! file (File target of the window's Save as CSV…), and what tests read of the window.

use super::*;
use crate::align::Alignment;
use crate::analysis::Table;
use std::sync::Arc;

impl Lectern {
    /// The Quote tracker's grouping of the open project with the window's choices,
    /// worked out now if needed.
    pub fn tracker_alignment(&mut self) -> Arc<Alignment> {
        let revision = self.session.revision();
        self.tracker
            .grouping(&self.session.project, revision, None)
            .map(|g| Arc::clone(&g.alignment))
            .unwrap_or_default()
    }

    /// The Quote tracker's statements × outlets table, sorted as the window shows it.
    pub fn tracker_table(&mut self) -> Table {
        let revision = self.session.revision();
        self.tracker
            .grouping(&self.session.project, revision, None)
            .map(|g| g.table.to_table())
            .unwrap_or_default()
    }

    /// The Quote tracker window's state (open, choices, statement shown).
    pub fn tracker(&mut self) -> &mut crate::ui::tracker::TrackerPanel {
        &mut self.tracker
    }

    /// Writes the Quote tracker's statements × outlets table to `path` as CSV, atomically.
    pub fn export_statements_table(&mut self, path: &Path) -> bool {
        let table = self.tracker_table();
        match crate::fsutil::write_atomic(path, table.to_csv().as_bytes()) {
            Ok(()) => {
                self.status = format!(
                    "Wrote {} statements × {} outlets to {}",
                    table.rows.len(),
                    table.header.len().saturating_sub(3),
                    path.display()
                );
                true
            }
            Err(e) => {
                self.report = Some(Report {
                    title: "Could not write the statements table".to_owned(),
                    lines: vec![format!("cannot write {}: {e}", path.display())],
                });
                false
            }
        }
    }
}
