//! The app's side of analysis: writing the Analysis window's table to a CSV file, and
//! File ▸ Merge coders' projects, which opens the merged project unsaved.

use super::*;
use crate::analysis::merge::Merged;
use crate::analysis::{MergeSource, merge};
use crate::progress::{Progress, Unit};
use crate::ui::analysis_view::SavedChoices;

/// PNG charts are drawn at twice their size on screen: sharp in print and on slides.
const PNG_SCALE: f32 = 2.0;

impl Lectern {
    /// The Analysis view in place of the article: its choices at the side, chart and
    /// table in the middle.
    pub(super) fn analysis_ui(&mut self, ui: &mut egui::Ui) {
        let revision = self.session.revision();
        let project = &self.session.project;
        egui::Panel::left("analysis-side")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| self.analysis.side_ui(ui, project, revision));
        let asked = egui::CentralPanel::default()
            .show(ui, |ui| self.analysis.main_ui(ui, project, revision))
            .inner;
        self.queue.extend(asked);
    }

    /// Keeps the Analysis view's choices in the settings under the project's file, once
    /// they change, so the view reopens the project as it was left.
    pub(super) fn remember_analysis_choices(&mut self) {
        let Some(path) = self.session.path.clone() else {
            return;
        };
        let saved = self.analysis.saved();
        let kept = self.settings.analysis_choices(&path);
        let untouched = kept.is_none() && saved == SavedChoices::from(&Default::default());
        if kept == Some(&saved) || untouched {
            return;
        }
        self.settings.remember_analysis_choices(&path, saved);
        self.save_settings();
    }

    /// Takes the Analysis view's choices for the project just opened, if any were kept.
    pub(super) fn restore_analysis_choices(&mut self) {
        self.analysis.open = false;
        self.analysis.left_for_span = false;
        let saved = self
            .session
            .path
            .as_deref()
            .and_then(|p| self.settings.analysis_choices(p))
            .cloned()
            .unwrap_or_default();
        self.analysis.restore(&saved);
    }

    /// Whether the Analysis view is shown (instead of the article).
    pub fn analysis_open(&self) -> bool {
        self.analysis.open
    }

    /// The Analysis view's current table, as the view shows it.
    pub fn analysis_table(&mut self) -> crate::analysis::Table {
        let revision = self.session.revision();
        self.analysis.current(&self.session.project, revision)
    }

    /// Writes the Analysis view's current table to `path` (atomically): as CSV, or, for a
    /// path ending in `.svg` or `.png`, its chart.
    pub fn export_analysis_table(&mut self, path: &Path) -> bool {
        let table = self.analysis_table();
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !matches!(extension.as_str(), "svg" | "png") {
            return self.write_analysis_table(path, table.to_csv().as_bytes(), table.rows.len());
        }
        let drawn = match self.analysis.chart(&self.session.project, &table) {
            Some(chart) if extension == "svg" => Ok(chart.to_svg().into_bytes()),
            Some(chart) => chart.to_png(PNG_SCALE).map_err(|e| e.to_string()),
            None => Err(format!(
                "{} has no chart to write; choose a .csv file",
                self.analysis.choices.table.name()
            )),
        };
        match drawn {
            Ok(bytes) => self.write_analysis_table(path, &bytes, table.rows.len()),
            Err(problem) => {
                self.report = Some(Report {
                    title: "Could not write the chart".to_owned(),
                    lines: vec![format!("{}: {problem}", path.display())],
                });
                false
            }
        }
    }

    /// Puts the Analysis view's table on the clipboard as CSV.
    pub(super) fn copy_analysis_table(&mut self) {
        let table = self.analysis_table();
        if let Some(ctx) = &self.repaint {
            ctx.copy_text(table.to_csv());
            self.status = format!(
                "Copied {} rows of {}",
                table.rows.len(),
                self.analysis.choices.table.name()
            );
        }
    }

    /// Writes the Analysis window's current table to `path` (atomically) as CSV for Excel:
    /// a byte order mark, and text cells that a spreadsheet would run as formulas made
    /// inert, as span exports' `csv-excel` does.
    pub fn export_analysis_table_for_excel(&mut self, path: &Path) -> bool {
        let table = self.analysis_table();
        self.write_analysis_table(path, table.to_excel_csv().as_bytes(), table.rows.len())
    }

    /// Writes a table of `rows` rows as `text` to `path`, saying so in the status line or
    /// in a report.
    fn write_analysis_table(&mut self, path: &Path, bytes: &[u8], rows: usize) -> bool {
        match crate::fsutil::write_atomic(path, bytes) {
            Ok(()) => {
                self.status = format!(
                    "Wrote {rows} rows of {} to {}",
                    self.analysis.choices.table.name(),
                    path.display()
                );
                true
            }
            Err(e) => {
                self.report = Some(Report {
                    title: "Could not write the table".to_owned(),
                    lines: vec![format!("cannot write {}: {e}", path.display())],
                });
                false
            }
        }
    }

    /// Merges coders' project files (see `lectern merge`) and opens the result as a new,
    /// unsaved project; the files are read and merged off the UI thread. Files that
    /// cannot be read are reported and nothing is opened.
    pub fn merge_project_paths(&mut self, paths: &[PathBuf]) {
        let paths = paths.to_vec();
        self.start_job(
            format!("Merging {} projects", paths.len()),
            "Cancelled merging; the open project is as it was".to_owned(),
            Progress::new(),
            move |progress| files::Done::Merge(merge_files(&paths, progress)),
        );
    }

    /// Opens a merged project, or reports why there is none.
    pub(super) fn merged(&mut self, result: Result<MergeDone, Vec<String>>) -> bool {
        let done = match result {
            Ok(done) => done,
            Err(problems) => {
                self.report = Some(Report {
                    title: "Could not merge the projects".to_owned(),
                    lines: problems,
                });
                return false;
            }
        };
        let merged = done.merged;
        let summary = format!(
            "Merged {} projects (coders {}): {} documents; Save as… keeps the result",
            done.coders.len(),
            done.coders.join(", "),
            merged.project.documents.len()
        );
        self.set_session(Session::new(merged.project, None));
        // A new project not yet saved anywhere: unsaved, so closing asks and autosave keeps
        // it (a clean session without a file would be dropped silently).
        self.session.history.mark_unsaved();
        self.status = summary;
        if !merged.warnings.is_empty() {
            self.report = Some(Report {
                title: "Merged, with warnings".to_owned(),
                lines: merged.warnings,
            });
        }
        true
    }
}

/// Coders' projects read and merged by a job, to be opened on the UI thread.
pub(super) struct MergeDone {
    merged: Merged,
    /// One name per source project.
    coders: Vec<String>,
}

/// Reads and merges the projects at `paths` (the job's work); the problems with the files
/// if any cannot be read.
fn merge_files(paths: &[PathBuf], progress: &Progress) -> Result<MergeDone, Vec<String>> {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match store::load_with(path, progress) {
            Ok(project) => sources.push(MergeSource {
                fallback: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string()),
                project,
            }),
            // Nobody waits for the result any more.
            Err(store::StoreError::Cancelled) => return Err(Vec::new()),
            Err(e) => problems.push(e.to_string()),
        }
    }
    if sources.len() < 2 && problems.is_empty() {
        problems.push("choose two or more coders' project files to merge".to_owned());
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    progress.start_phase("Merging", Unit::Items("projects"), 0);
    let merged = merge("Merged", &sources);
    let coders = sources
        .iter()
        .map(crate::analysis::merge::coder_name)
        .collect();
    Ok(MergeDone { merged, coders })
}
