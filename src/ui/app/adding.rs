//! Adding articles and importing annotated documents: the files are read by a job off
//! the UI thread (`jobs.rs`); what was read becomes one undoable step here, checked
//! against the project as it is then (fresh ids, articles it already holds left out).

use super::*;
use crate::formats::article::{ReadArticle, batch_for, read_article_files};
use crate::formats::warning::write_full_list;
use crate::formats::{ImportError, ImportFormat, Imported};
use crate::progress::thousands;
use crate::progress::{Cancelled, Progress};
use crate::ui::import_dialog::{ImportReview, ReviewAction, import_dialog_ui};
use crate::ui::warning_report::WarningReport;
use files::{Done, file_name};

/// Up to this many skipped files are listed in a message; more open the report window,
/// grouped by kind.
const FEW: usize = 10;

impl Lectern {
    /// Imports annotated documents from `paths` as one undoable step, and reports what
    /// could not be kept. The files are read off the UI thread.
    pub fn import_paths(&mut self, format: ImportFormat, paths: &[PathBuf]) {
        let paths = paths.to_vec();
        let name = format.name();
        self.start_job(
            format!("Importing {name}"),
            format!("Cancelled importing {name}; nothing was imported"),
            Progress::new(),
            move |progress| Done::Import {
                format,
                result: format.read_with(&paths, progress),
            },
        );
    }

    /// What an import read: the import dialog asks what each span type becomes (when
    /// there are any), then it is added as one undoable step.
    pub(super) fn imported(
        &mut self,
        format: ImportFormat,
        result: Result<Imported, ImportError>,
    ) -> bool {
        match result {
            Ok(imported) if imported.label_counts().is_empty() => {
                self.add_imported(format, imported)
            }
            Ok(imported) => {
                self.import_review = Some(ImportReview::new(format, imported));
                true
            }
            Err(e) => {
                self.report = Some(Report {
                    title: format!("Could not import {}", format.name()),
                    lines: vec![e.to_string()],
                });
                false
            }
        }
    }

    /// The import dialog, while an import waits for the user's mapping.
    pub(super) fn import_review_dialog(&mut self, ctx: &egui::Context) {
        let Some(review) = &mut self.import_review else {
            return;
        };
        match import_dialog_ui(ctx, review, &self.session.project) {
            Some(ReviewAction::Import) => {
                if let Some(review) = self.import_review.take() {
                    let map = review.label_map();
                    let mut imported = review.imported;
                    imported.map_labels(&map);
                    self.add_imported(review.format, imported);
                }
            }
            Some(ReviewAction::Cancel) => {
                self.import_review = None;
                self.status = "Import cancelled; nothing was imported".to_owned();
            }
            None => {}
        }
    }

    /// Adds what an import read (mapped), as one undoable step, and reports what could
    /// not be kept.
    fn add_imported(&mut self, format: ImportFormat, imported: Imported) -> bool {
        let plan = imported.into_edits(&self.session.project);
        let first_new = plan.edits.iter().find_map(|e| match e {
            Edit::AddDocument { document, .. } => Some(document.id),
            _ => None,
        });
        if plan.documents > 0 {
            let description = format!("Import {} ({} documents)", format.name(), plan.documents);
            if let Err(e) = self.session.apply(description, plan.edits) {
                self.status = format!("Could not import: {e}");
                return false;
            }
            if let Some(id) = first_new {
                self.show_document(id);
            }
        }
        self.status = format!(
            "Imported {} documents, {} spans, {} relations ({})",
            thousands(plan.documents as u64),
            thousands(plan.spans as u64),
            thousands(plan.relations as u64),
            format.name()
        );
        if !plan.warnings.is_empty() {
            self.warning_report = Some(WarningReport {
                title: format!("Import report ({})", format.name()),
                summary: vec![self.status.clone()],
                warnings: plan.warnings,
            });
        }
        true
    }

    /// Adds article files as one undoable step; reports files that could not be added.
    /// The files are read off the UI thread.
    pub fn add_article_paths(&mut self, paths: &[PathBuf]) {
        let title = match paths {
            [one] => format!("Adding {}", file_name(one)),
            _ => format!("Adding {} articles", paths.len()),
        };
        let paths = paths.to_vec();
        self.start_job(
            title,
            "Cancelled adding articles; nothing was added".to_owned(),
            Progress::new(),
            move |progress| Done::Articles(read_article_files(&paths, progress)),
        );
    }

    /// Adds articles read from files, leaving out the ones the project already holds.
    pub(super) fn articles_read(&mut self, read: Result<Vec<ReadArticle>, Cancelled>) -> bool {
        let Ok(read) = read else {
            self.status = "Cancelled adding articles; nothing was added".to_owned();
            return false;
        };
        let batch = batch_for(&self.session.project, read);
        let added = batch.documents().count();
        let decoded: Vec<String> = batch
            .documents()
            .filter(|d| !d.encoding.starts_with("UTF-8") && d.encoding != "spreadsheet")
            .map(|d| format!("{} read as {}", d.title, d.encoding))
            .take(3)
            .collect();
        let first_new = batch.edits.iter().find_map(Edit::document);
        if added > 0 {
            let description = if added == 1 {
                "Add article".to_owned()
            } else {
                format!("Add {added} articles")
            };
            if let Err(e) = self.session.apply(description, batch.edits) {
                self.status = format!("Could not add articles: {e}");
                return false;
            }
            if self.session.path.is_none() && self.session.project.documents.len() == added {
                self.session.history.mark_unsaved();
            }
            if let Some(id) = first_new {
                self.show_document(id);
            }
            self.status = format!("Added {added} article{}", if added == 1 { "" } else { "s" });
            if !decoded.is_empty() {
                self.status.push_str(&format!(" ({})", decoded.join("; ")));
            }
        }
        if batch.skipped.is_empty() {
            return true;
        }
        if batch.skipped.len() <= FEW {
            self.report = Some(Report {
                title: format!("{} file(s) not added", batch.skipped.len()),
                lines: batch.skipped.iter().map(ToString::to_string).collect(),
            });
        } else {
            self.warning_report = Some(WarningReport {
                title: "Adding articles: report".to_owned(),
                summary: vec![format!(
                    "Added {} articles; {} files or rows were not added.",
                    thousands(added as u64),
                    thousands(batch.skipped.len() as u64)
                )],
                warnings: batch.skipped,
            });
        }
        false
    }
}

impl Lectern {
    /// Writes every warning of the report window to `path`, grouped by kind.
    pub fn save_warnings(&mut self, path: &Path) {
        let Some(report) = &self.warning_report else {
            return;
        };
        self.status = match write_full_list(&report.warnings, path) {
            Ok(()) => format!(
                "Saved {} warnings to {}",
                thousands(report.warnings.len() as u64),
                path.display()
            ),
            Err(e) => format!("Could not save the warnings to {}: {e}", path.display()),
        };
    }
}
