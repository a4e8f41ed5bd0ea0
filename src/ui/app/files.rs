//! Opening, saving, adding articles and exporting: what the file dialogs (or the path
//! prompt, or tests) call with a path.

use super::*;

impl Lectern {
    // ----- file operations (what dialogs call) -----

    /// Opens a project file, replacing the open one (no unsaved-changes question: callers
    /// ask first). On error the open project stays as it was and a report says why.
    pub fn open_project_path(&mut self, path: &Path) -> bool {
        match store::load(path) {
            Ok(project) => {
                let warnings = project.warnings();
                self.set_session(Session::new(project, Some(path.to_path_buf())));
                self.safety_opened(path);
                self.remember_recent(path);
                self.status = format!("Opened {}", path.display());
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
            Err(e) => {
                if let store::StoreError::Invalid { problems, .. } = &e
                    && self.offer_repair(path, problems)
                {
                    return false;
                }
                let mut lines = vec![e.to_string()];
                if let store::StoreError::Invalid { problems, .. } = &e {
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
        self.hidden_labels.clear();
    }

    /// Imports annotated documents from `paths` as one undoable step, and reports what
    /// could not be kept.
    pub fn import_paths(&mut self, format: crate::formats::ImportFormat, paths: &[PathBuf]) {
        let imported = match format.read(paths) {
            Ok(i) => i,
            Err(e) => {
                self.report = Some(Report {
                    title: format!("Could not import {}", format.name()),
                    lines: vec![e.to_string()],
                });
                return;
            }
        };
        let plan = imported.into_edits(&self.session.project);
        let first_new = plan.edits.iter().find_map(|e| match e {
            Edit::AddDocument { document, .. } => Some(document.id),
            _ => None,
        });
        if plan.documents > 0 {
            let description = format!("Import {} ({} documents)", format.name(), plan.documents);
            if let Err(e) = self.session.apply(description, plan.edits) {
                self.status = format!("Could not import: {e}");
                return;
            }
            if let Some(id) = first_new {
                self.show_document(id);
            }
        }
        self.status = format!(
            "Imported {} documents, {} spans, {} relations ({})",
            plan.documents,
            plan.spans,
            plan.relations,
            format.name()
        );
        if !plan.warnings.is_empty() {
            self.report = Some(Report {
                title: format!("{} item(s) not kept or changed to fit", plan.warnings.len()),
                lines: plan.warnings,
            });
        }
    }

    /// Adds article files as one undoable step; reports files that could not be added.
    pub fn add_article_paths(&mut self, paths: &[PathBuf]) {
        let batch = read_articles(&self.session.project, paths);
        let added = batch.edits.len();
        let decoded: Vec<String> = batch
            .edits
            .iter()
            .filter_map(|e| match e {
                Edit::AddDocument { document, .. } if !document.encoding.starts_with("UTF-8") => {
                    Some(format!("{} read as {}", document.title, document.encoding))
                }
                _ => None,
            })
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
                return;
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
        if !batch.skipped.is_empty() {
            self.report = Some(Report {
                title: format!("{} file(s) not added", batch.skipped.len()),
                lines: batch.skipped,
            });
        }
    }

    /// Saves to `path` atomically and makes it the project's file.
    pub fn save_to(&mut self, path: &Path) -> bool {
        // Which document was in view is saved so the project reopens there; it is view
        // state, not an edit, so it does not mark the project changed.
        self.session.project.last_viewed = self.current_doc;
        if self.session.project.name.trim().is_empty()
            && let Some(stem) = path.file_stem()
        {
            self.session.project.name = stem.to_string_lossy().into_owned();
        }
        if !self.safety_before_save(path) {
            return false;
        }
        match store::save(&self.session.project, path) {
            Ok(()) => {
                self.session.path = Some(path.to_path_buf());
                self.session.history.mark_saved();
                self.safety_saved(path);
                self.remember_recent(path);
                self.status = format!("Saved {}", path.display());
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

    /// Exports the project to `path` (a file, or a new folder for brat); nothing is
    /// written unless the whole export, with its per-span check, succeeds.
    pub fn export_to(&mut self, path: &Path, format: ExportFormat) -> bool {
        let result = crate::formats::export_project(&self.session.project, format)
            .and_then(|exported| {
                exported
                    .write_to(path, format.is_folder())
                    .map(|()| exported.spans)
            })
            .map_err(|e| e.to_string());
        match result {
            Ok(rows) => {
                self.status = format!("Exported {rows} spans to {}", path.display());
                true
            }
            Err(e) => {
                self.report = Some(Report {
                    title: format!("Could not export {}", format.name()),
                    lines: vec![e],
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

    /// Writes the label set and relation types to a codebook file.
    pub fn export_codebook(&mut self, path: &Path) -> bool {
        let codebook = store::codebook::Codebook {
            format: store::codebook::CODEBOOK_FORMAT,
            labels: self.session.project.labels.clone(),
            relation_types: self.session.project.relation_types.clone(),
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
    /// names are replaced, new ones added, and labels only in this project kept.
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
        let edits = vec![
            Edit::SetLabels {
                old: project.labels.clone(),
                new: labels,
            },
            Edit::SetRelationTypes {
                old: project.relation_types.clone(),
                new: types,
            },
        ];
        let ok = self.apply_step(format!("Import codebook {}", path.display()), edits, None);
        if ok {
            self.status = format!("Imported the codebook from {}", path.display());
        }
        ok
    }
}
