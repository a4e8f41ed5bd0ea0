//! Opening, saving and exporting projects, and codebook files: what the file dialogs (or
//! the path prompt, or tests) call with a path. The big ones start a job (`jobs.rs`)
//! whose work runs off the UI thread with what it needs (a path, a copy of the project);
//! what it returns is applied here, on the UI thread. Adding articles and imports are in
//! `adding.rs`.

use super::*;
use crate::formats::article::ReadArticle;
use crate::formats::export::{export_to_path, start_export_phase};
use crate::formats::{ExportError, ImportError, ImportFormat, Imported};
use crate::progress::{Cancelled, Progress, Unit};
use crate::store::disk::DiskStamp;
use crate::store::{StoreError, backup};

/// What a job hands back, to be applied on the UI thread.
pub(super) enum Done {
    /// A project file was read.
    Open {
        path: PathBuf,
        purpose: OpenAs,
        opening: Opening,
    },
    /// The project was written: with a note when the old file could not be kept as a
    /// backup, the file's new stamp, and the action that waited for the save; `named` is
    /// the name an unnamed project was written with, applied as an edit once it is saved.
    Save {
        path: PathBuf,
        then: Option<Pending>,
        named: Option<String>,
        result: Result<Saved, StoreError>,
    },
    /// An export was written; the number of spans.
    Export {
        path: PathBuf,
        format: ExportFormat,
        result: Result<usize, ExportError>,
    },
    /// Annotated documents were read, not yet added.
    Import {
        format: ImportFormat,
        result: Result<Imported, ImportError>,
    },
    /// Article files were read, not yet added.
    Articles(Result<Vec<ReadArticle>, Cancelled>),
    /// A metadata table was read, not yet matched (`metadata.rs`).
    MetadataTable(Result<crate::formats::table::Table, crate::formats::table::TableError>),
    /// The quote assistant went over every document (`assist.rs`).
    Proposed(Result<super::assist::ProposedAll, Cancelled>),
    /// Coders' projects were read and merged (`analysis.rs`).
    Merge(Result<super::analysis::MergeDone, Vec<String>>),
}

/// Why a project file is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum OpenAs {
    /// To work on it.
    Project,
    /// Again, because another program changed it.
    Reload,
    /// A backup, as a new unsaved project.
    Backup,
}

/// A project file as read off the UI thread.
pub(super) enum Opening {
    /// Read and valid, with its warnings (worked out by the job: hashing every text is
    /// too slow for the frame that takes the result).
    Opened(Project, Vec<crate::model::Problem>, Option<DiskStamp>),
    /// It breaks the project's rules, and repairs that keep every span fix all of it.
    Repairable(RepairOffer),
    /// Why it cannot be opened.
    Failed(StoreError),
}

impl Lectern {
    // ----- file operations (what dialogs call) -----

    /// Opens a project file, replacing the open one once it is read (no unsaved-changes
    /// question: callers ask first). It is read off the UI thread; on error or cancel the
    /// open project stays as it was, and an error is reported with the file and place.
    pub fn open_project_path(&mut self, path: &Path) {
        self.start_open(path, OpenAs::Project);
    }

    pub(super) fn start_open(&mut self, path: &Path, purpose: OpenAs) {
        let verb = match purpose {
            OpenAs::Project => "Opening",
            OpenAs::Reload => "Reloading",
            OpenAs::Backup => "Opening backup",
        };
        let unchanged = "the open project is as it was";
        self.start_file_job(verb, path, unchanged, Progress::new(), move |path, p| {
            let opening = read_project(&path, purpose != OpenAs::Backup, p);
            Done::Open {
                path,
                purpose,
                opening,
            }
        });
    }

    /// Makes a project read from `path` the open one, or reports why it cannot be.
    pub(super) fn opened(&mut self, path: &Path, purpose: OpenAs, opening: Opening) -> bool {
        match opening {
            Opening::Opened(project, _, _) if purpose == OpenAs::Backup => {
                self.set_session(Session::new(project, None));
                self.session.history.mark_unsaved();
                self.status = format!(
                    "Opened backup {} as an unsaved project; Save as… keeps it",
                    path.display()
                );
                true
            }
            Opening::Opened(project, warnings, stamp) => {
                self.set_session(Session::new(project, Some(path.to_path_buf())));
                self.safety_opened(path, stamp);
                self.remember_recent(path);
                self.status = match purpose {
                    OpenAs::Reload => format!("Reloaded {} from disk", path.display()),
                    _ => format!("Opened {}", path.display()),
                };
                if !warnings.is_empty() {
                    self.report = Some(Report {
                        title: "Opened, with warnings".to_owned(),
                        lines: warnings
                            .iter()
                            .map(|w| format!("{}: {w}", path.display()))
                            .collect(),
                    });
                }
                true
            }
            Opening::Repairable(offer) => {
                self.safety.repair = Some(offer);
                false
            }
            Opening::Failed(e) if purpose == OpenAs::Backup => {
                self.report = Some(Report {
                    title: "Could not open backup".to_owned(),
                    lines: vec![e.to_string()],
                });
                false
            }
            Opening::Failed(e) => {
                let mut lines = vec![e.to_string()];
                if let StoreError::Invalid { problems, .. } = &e {
                    lines = problems
                        .iter()
                        .map(|p| format!("{}: {p}", path.display()))
                        .collect();
                }
                lines.push("Nothing was changed; the file was not modified.".to_owned());
                self.report = Some(Report {
                    title: "Could not open project".to_owned(),
                    lines,
                });
                false
            }
        }
    }

    /// Opens the sample project built into Lectern, as a new unsaved project.
    pub fn open_sample(&mut self) {
        match store::from_ron(SAMPLE_PROJECT, Path::new("harbour-bridge.ron")) {
            Ok(project) => {
                self.set_session(Session::new(project, None));
                self.status = "Opened the sample project; Save as… keeps your changes".to_owned();
            }
            Err(e) => self.status = format!("The built-in sample is damaged: {e}"),
        }
    }

    /// Starts an empty project.
    pub fn new_project(&mut self) {
        self.set_session(Session::new(Project::new(""), None));
        self.status = "New project: add articles to begin".to_owned();
    }

    pub(super) fn set_session(&mut self, session: Session) {
        self.safety_session_replaced();
        self.current_doc = session.project.initial_document();
        self.session = session;
        self.selected_span = None;
        self.view = DocViewState::default();
        self.span_list = span_panel::SpanList::default();
        self.proposals.reset();
        self.doc_order = doc_list::DocListOrder::default();
        self.restore_analysis_choices();
    }

    /// Saves to `path` atomically and makes it the project's file.
    pub fn save_to(&mut self, path: &Path) {
        self.save_then_to(path, None);
    }

    /// Saves to `path` off the UI thread, then runs `then` if the save succeeded.
    pub(super) fn save_then_to(&mut self, path: &Path, then: Option<Pending>) {
        if self.waits_for_job() {
            return;
        }
        // Which document was in view is saved so the project reopens there; it is view
        // state, not an edit, so it does not mark the project changed.
        self.session.project.last_viewed = self.current_doc;
        if !self.safety_may_save(path) {
            self.safety_after_save(then);
            return;
        }
        // The job writes a copy; the project stays read-only until the job is done, so
        // the state marked saved is the one written. An unnamed project is written with
        // the file's name, which becomes an undoable edit only once the save succeeds.
        let mut project = self.session.project.clone();
        let named = name_from_file(&project, path);
        if let Some(name) = &named {
            project.name.clone_from(name);
        }
        let unchanged = "the file on disk was not changed";
        self.start_file_job(
            "Saving",
            path,
            unchanged,
            Progress::new(),
            move |path, p| {
                let result = save_with_backup(&project, &path, p);
                Done::Save {
                    path,
                    then,
                    named,
                    result,
                }
            },
        );
    }

    /// Records a finished save, or reports why it failed.
    pub(super) fn saved(
        &mut self,
        path: &Path,
        then: Option<Pending>,
        named: Option<String>,
        result: Result<Saved, StoreError>,
    ) -> bool {
        match result {
            Ok(Saved {
                backup_problem,
                stamp,
            }) => {
                // The file holds the name, so naming is a step before the saved state:
                // undoing it leaves the project changed, as it then differs from the file.
                if let Some(new) = named {
                    let description = format!("Name project \"{new}\"");
                    let old = self.session.project.name.clone();
                    let edit = Edit::SetProjectName { old, new };
                    if let Err(e) = self.session.apply(description, vec![edit]) {
                        self.status = format!("Could not name the project: {e}");
                    }
                }
                self.session.path = Some(path.to_path_buf());
                self.session.history.mark_saved();
                self.safety_saved(path, stamp);
                self.remember_recent(path);
                self.status = format!("Saved {}", path.display());
                if let Some(problem) = backup_problem {
                    self.status.push_str(&format!(" ({problem})"));
                }
                if let Some(action) = then {
                    self.perform(action);
                }
                true
            }
            Err(e) => {
                self.report = Some(Report {
                    title: "Could not save".to_owned(),
                    lines: vec![
                        e.to_string(),
                        "The file on disk was not changed.".to_owned(),
                    ],
                });
                false
            }
        }
    }

    /// Exports the project to `path` (a file, or a new folder for brat) off the UI
    /// thread; nothing is written unless the whole export, with its per-span check,
    /// succeeds and is not cancelled.
    pub fn export_to(&mut self, path: &Path, format: ExportFormat) {
        if self.waits_for_job() {
            return;
        }
        // A copy for the job: about 10 ms for 5 MB of text and 50,000 spans (README).
        let project = self.session.project.clone();
        // The job's first phase is known here, so the strip has counts from the start.
        let progress = Progress::new();
        start_export_phase(&project, &progress);
        self.start_file_job(
            "Exporting",
            path,
            "nothing was written",
            progress,
            move |path, p| {
                let result = export_to_path(&project, format, &path, p);
                Done::Export {
                    path,
                    format,
                    result,
                }
            },
        );
    }

    /// Reports a finished export.
    pub(super) fn exported(
        &mut self,
        path: &Path,
        format: ExportFormat,
        result: Result<usize, ExportError>,
    ) -> bool {
        match result {
            Ok(rows) => {
                self.status = format!("Exported {rows} spans to {}", path.display());
                true
            }
            Err(e) => {
                self.report = Some(Report {
                    title: format!("Could not export {}", format.name()),
                    lines: vec![e.to_string()],
                });
                false
            }
        }
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        self.settings.remember(path);
        self.save_settings();
    }

    pub(super) fn save_settings(&mut self) {
        if let Some(p) = &self.settings_path
            && let Err(e) = self.settings.save(p)
        {
            self.status = format!("Could not save settings to {}: {e}", p.display());
        }
    }

    /// Writes the label set, relation types, lexicon and assistant settings (those two
    /// when the project has its own) to a codebook file.
    pub fn export_codebook(&mut self, path: &Path) -> bool {
        let codebook = store::codebook::Codebook {
            format: store::codebook::CODEBOOK_FORMAT,
            labels: self.session.project.labels.clone(),
            relation_types: self.session.project.relation_types.clone(),
            lexicon: self.session.project.lexicon.clone(),
            assistant: Some(self.session.project.assistant).filter(|a| !a.is_default()),
        };
        match store::codebook::save_codebook(&codebook, path) {
            Ok(()) => {
                self.status = format!("Wrote the codebook to {}", path.display());
                true
            }
            Err(e) => {
                self.report = Some(Report {
                    title: "Could not export the codebook".to_owned(),
                    lines: vec![e.to_string()],
                });
                false
            }
        }
    }

    /// Takes labels and relation types from a codebook file, as one undoable step: same
    /// names are replaced, new ones added, and labels only in this project kept; its
    /// lexicon and assistant settings, when it has them, replace the project's.
    pub fn import_codebook(&mut self, path: &Path) -> bool {
        let codebook = match store::codebook::load_codebook(path) {
            Ok(c) => c,
            Err(e) => {
                self.report = Some(Report {
                    title: "Could not import the codebook".to_owned(),
                    lines: vec![e.to_string(), "The project was not changed.".to_owned()],
                });
                return false;
            }
        };
        let project = &self.session.project;
        let labels =
            store::codebook::merge_codebook(&project.labels, &codebook.labels, |l| l.name.as_str());
        let types = store::codebook::merge_codebook(
            &project.relation_types,
            &codebook.relation_types,
            |t| t.name.as_str(),
        );
        let mut edits = vec![
            Edit::SetLabels {
                old: project.labels.clone(),
                new: labels,
            },
            Edit::SetRelationTypes {
                old: project.relation_types.clone(),
                new: types,
            },
        ];
        if codebook.lexicon.is_some() && codebook.lexicon != project.lexicon {
            edits.push(Edit::SetLexicon {
                old: project.lexicon.clone().map(Box::new),
                new: codebook.lexicon.map(Box::new),
            });
        }
        if let Some(assistant) = codebook.assistant
            && assistant != project.assistant
        {
            edits.push(Edit::SetAssistant {
                old: project.assistant,
                new: assistant,
            });
        }
        let ok = self.apply_step(format!("Import codebook {}", path.display()), edits, None);
        if ok {
            self.status = format!("Imported the codebook from {}", path.display());
        }
        ok
    }
}

/// Reads a project file for the window (the job's work): the project, a repair to offer
/// when `repairable` and one fixes everything, or why it cannot be opened.
fn read_project(path: &Path, repairable: bool, progress: &Progress) -> Opening {
    let project = match store::load_unchecked_with(path, progress) {
        Ok(project) => project,
        Err(e) => return Opening::Failed(e),
    };
    progress.start_phase("Checking", Unit::Bytes, 0);
    let problems = project.problems();
    if problems.is_empty() {
        // Both read every text or the whole file again: here, not in the frame that
        // takes the result.
        let warnings = project.warnings();
        let stamp = DiskStamp::read(path).ok();
        return Opening::Opened(project, warnings, stamp);
    }
    if repairable && let Some(offer) = RepairOffer::for_project(path, &project, &problems) {
        return Opening::Repairable(offer);
    }
    Opening::Failed(StoreError::Invalid {
        path: path.to_path_buf(),
        problems,
    })
}

/// Writes `project` to `path` (the job's work), keeping the file it replaces in
/// `.lectern-backups/` once replacing it is certain, so a cancelled save rotates nothing.
/// A backup that cannot be kept does not stop the save; it is returned to be told.
/// What a finished save hands back to the window.
pub(super) struct Saved {
    /// Why the old file could not be kept as a backup, if it could not.
    backup_problem: Option<String>,
    /// The written file's stamp (reading and hashing it belongs in the job).
    stamp: Option<DiskStamp>,
}

fn save_with_backup(
    project: &Project,
    path: &Path,
    progress: &Progress,
) -> Result<Saved, StoreError> {
    let mut problem = None;
    store::save_with(project, path, progress, || {
        if let Err(e) = backup::rotate(path) {
            problem = Some(format!(
                "could not keep a backup in {}: {e}",
                backup::folder_for(path).display()
            ));
        }
    })?;
    Ok(Saved {
        backup_problem: problem,
        stamp: DiskStamp::read(path).ok(),
    })
}

/// The name an unnamed `project` takes from the file it is saved to (`news.ron` →
/// "news"); `None` when it has a name or the path has no file name.
fn name_from_file(project: &Project, path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    (project.name.trim().is_empty() && !stem.is_empty()).then_some(stem)
}

/// The file name alone, for job titles ("Opening big.ron").
pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
