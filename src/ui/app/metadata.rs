//! File ▸ Import metadata table…: the table is read off the UI thread, matched to the
//! documents in a dialog that shows the matching before anything changes, and applied as
//! one undoable step, followed by a report of what did not match.

use super::*;
use crate::formats::table::{Table, TableError, read_table};
use crate::progress::Progress;
use crate::ui::metadata_dialog::{MetadataAction, MetadataImport, metadata_dialog_ui};
use crate::ui::warning_report::WarningReport;
use files::{Done, file_name};

impl Lectern {
    /// Reads `path` as a metadata table (off the UI thread), then asks how to match it.
    pub fn metadata_table_path(&mut self, path: &Path) {
        let path = path.to_path_buf();
        self.start_job(
            format!("Reading {}", file_name(&path)),
            "Cancelled reading the metadata table; nothing was changed".to_owned(),
            Progress::new(),
            move |_| Done::MetadataTable(read_table(&path)),
        );
    }

    /// The table was read: show the matching dialog, or why it could not be read.
    pub(super) fn metadata_table_read(&mut self, result: Result<Table, TableError>) -> bool {
        match result {
            Ok(table) => {
                let revision = self.session.revision();
                self.metadata = Some(MetadataImport::new(table, &self.session.project, revision));
                true
            }
            Err(e) => {
                self.report = Some(Report {
                    title: "Could not read the metadata table".to_owned(),
                    lines: vec![e.to_string()],
                });
                false
            }
        }
    }

    /// The metadata dialog, while a table waits for the user's go-ahead.
    pub(super) fn metadata_dialog(&mut self, ctx: &egui::Context) {
        let Some(state) = &mut self.metadata else {
            return;
        };
        let revision = self.session.revision();
        let action = metadata_dialog_ui(ctx, state, &self.session.project, revision);
        match action {
            Some(MetadataAction::Import(plan)) => {
                let name = file_name(&state.table.path);
                self.metadata = None;
                let documents = self.session.project.documents.len();
                let summary = plan.summary(documents);
                if !plan.edits.is_empty()
                    && !self.apply_step(format!("Import metadata from {name}"), plan.edits, None)
                {
                    return;
                }
                self.status = format!("{name}: {summary}");
                if !plan.warnings.is_empty() {
                    self.warning_report = Some(WarningReport {
                        title: format!("Metadata from {name}"),
                        summary: vec![summary],
                        warnings: plan.warnings,
                    });
                }
            }
            Some(MetadataAction::Cancel) => self.metadata = None,
            None => {}
        }
    }

    /// The metadata table waiting in the dialog, if any.
    pub fn metadata_import(&self) -> Option<&MetadataImport> {
        self.metadata.as_ref()
    }
}
