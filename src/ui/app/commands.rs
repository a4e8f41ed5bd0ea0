//! Running commands and intents, including the questions and path choices they need.

use super::editing::Nudge;
use super::*;
use crate::ui::command::Edge;

impl Lectern {
    // ----- commands -----

    /// Runs `command` now; commands that could lose work ask first, and file commands
    /// wait while a job runs.
    pub(super) fn execute(&mut self, command: Command) {
        if command.is_file_command() && self.waits_for_job() {
            return;
        }
        match command {
            Command::NewProject => self.request(Pending::NewProject),
            Command::OpenProject => self.request(Pending::OpenProject(None)),
            Command::AddArticles => self.choose_path(FileTarget::AddArticles),
            Command::MergeProjects => self.request(Pending::MergeProjects),
            Command::ExportAnalysisTable => self.choose_path(FileTarget::ExportTable),
            Command::ExportAnalysisChart => self.choose_path(FileTarget::ExportChart),
            Command::CopyAnalysisTable => self.copy_analysis_table(),
            Command::ExportAnalysisTableForExcel => {
                self.choose_path(FileTarget::ExportTableForExcel);
            }
            Command::ExportStatementsTable => self.choose_path(FileTarget::ExportStatements),
            Command::Save => self.save_then(None),
            Command::SaveAs => self.choose_path(FileTarget::SaveProject(None)),
            Command::Export(format) => self.choose_path(FileTarget::Export(format)),
            Command::Import(format) => self.choose_path(FileTarget::Import(format)),
            Command::OpenSample => self.request(Pending::OpenSample),
            Command::OpenBackup => self.show_backups(),
            Command::UpdateDocumentText => self.start_text_update(),
            Command::Quit => self.request(Pending::Quit),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::DeleteAnnotation => self.delete_selected_span(),
            Command::ClearSelection => {
                self.view.selection = None;
                self.selected_span = None;
            }
            Command::CloseWindow => self.close_topmost(),
            Command::NextSpan => self.step_span(1),
            Command::PreviousSpan => self.step_span(-1),
            Command::StartLink => self.start_link(),
            Command::AddFragment => match self.selection() {
                Some(range) => self.add_fragment(range),
                None => self.status = "Select text to add as a fragment".to_owned(),
            },
            Command::Boundary(m) => {
                let nudge = match m.edge {
                    Edge::Start => Nudge::Start(m.step()),
                    Edge::End => Nudge::End(m.step()),
                };
                self.nudge(nudge, m.by_word);
            }
            Command::FocusAnnotationList => self.focus_list = true,
            Command::Preferences => self.show_preferences = true,
            Command::EditCodebook => self.codebook = Some(CodebookEditor::default()),
            Command::ExportCodebook => self.choose_path(FileTarget::ExportCodebook),
            Command::ImportCodebook => self.choose_path(FileTarget::ImportCodebook),
            Command::ImportMetadata => self.choose_path(FileTarget::MetadataTable),
            Command::Find => self.open_search(false),
            Command::FindInProject => self.open_search(true),
            Command::CommandPalette => self.open_palette(),
            Command::ZoomIn => self.zoom(self.settings.font_px + 1.0),
            Command::ZoomOut => self.zoom(self.settings.font_px - 1.0),
            Command::ZoomReset => self.zoom(theme::DEFAULT_FONT_PX),
            Command::NextDocument => self.step_document(1),
            Command::PreviousDocument => self.step_document(-1),
            Command::ToggleTheme => {
                self.settings.dark_mode = !self.settings.dark_mode;
                self.save_settings();
            }
            Command::ToggleAnalysis => {
                self.analysis.open = !self.analysis.open;
                self.analysis.left_for_span = false;
            }
            Command::ToggleAdjudication => {
                self.adjudication.open = !self.adjudication.open;
            }
            Command::ProposeQuotes => self.propose_quotes(),
            Command::ProposeQuotesAll => self.propose_quotes_everywhere(),
            Command::NextProposal => self.step_proposal(1),
            Command::PreviousProposal => self.step_proposal(-1),
            Command::AcceptProposal => self.accept_proposals(false),
            Command::AcceptAllProposals => self.accept_proposals(true),
            Command::RejectProposal => self.reject_proposal(),
            Command::ProposalFromSelection => self.proposal_from_selection(),
            Command::SpeakerFromSelection => self.speaker_from_selection(),
            Command::ToggleQuoteTracker => self.tracker.open = !self.tracker.open,
        }
    }

    /// Runs `action` now, or asks about unsaved changes first. While a job runs, closing
    /// waits for it and anything else is refused.
    pub(super) fn request(&mut self, action: Pending) {
        if action == Pending::Quit && self.jobs.is_running() {
            self.close_after_job();
            return;
        }
        if self.waits_for_job() {
            return;
        }
        if self.session.is_dirty() {
            self.pending = Some(action);
        } else {
            self.perform(action);
        }
    }

    pub(super) fn perform(&mut self, action: Pending) {
        match action {
            Pending::NewProject => self.new_project(),
            Pending::OpenProject(Some(path)) => self.open_project_path(&path),
            Pending::OpenProject(None) => self.choose_path(FileTarget::OpenProject),
            Pending::OpenSample => self.open_sample(),
            Pending::MergeProjects => self.choose_path(FileTarget::MergeProjects),
            Pending::Quit => self.close_confirmed = true,
            Pending::OpenBackup(path) => self.open_backup_path(&path),
        }
    }

    /// Saves to the project's file, or asks for one; then runs `then` if the save succeeded.
    pub(super) fn save_then(&mut self, then: Option<Pending>) {
        match self.session.path.clone() {
            Some(path) => self.save_then_to(&path, then),
            None => self.choose_path(FileTarget::SaveProject(then)),
        }
    }

    /// Asks for a path with the native dialog, or, where the system has none, with Lectern's
    /// own path prompt, and then uses it.
    pub(super) fn choose_path(&mut self, target: FileTarget) {
        let default_name = match &target {
            FileTarget::SaveProject(_) => format!("{}.ron", self.session.display_name()),
            FileTarget::Export(f) if f.is_folder() => {
                format!("{} {}", self.session.display_name(), f.name())
            }
            FileTarget::Export(f) => format!("{}.{}", self.session.display_name(), f.extension()),
            FileTarget::Import(_) => String::new(),
            FileTarget::ExportCodebook => format!("{} codebook.ron", self.session.display_name()),
            FileTarget::ExportTable | FileTarget::ExportTableForExcel => format!(
                "{} {}.csv",
                self.session.display_name(),
                self.analysis.choices.table.key()
            ),
            FileTarget::ExportChart => format!(
                "{} {}.svg",
                self.session.display_name(),
                self.analysis.choices.table.key()
            ),
            FileTarget::SaveWarnings => format!("{} warnings.txt", self.session.display_name()),
            FileTarget::ExportStatements => {
                format!("{} statements.csv", self.session.display_name())
            }
            FileTarget::OpenProject
            | FileTarget::AddArticles
            | FileTarget::MetadataTable
            | FileTarget::ImportCodebook
            | FileTarget::MergeProjects => String::new(),
        };
        if !self.native_dialogs {
            self.prompt = Some(PathPrompt::new(target, &default_name));
            return;
        }
        if let Some(paths) = dialogs::pick(&target, &default_name) {
            self.use_paths(target, paths);
        }
    }

    /// Does what the path was chosen for.
    pub(super) fn use_paths(&mut self, target: FileTarget, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match target {
            FileTarget::OpenProject => self.open_project_path(&first),
            FileTarget::AddArticles => self.add_article_paths(&paths),
            FileTarget::MetadataTable => self.metadata_table_path(&first),
            FileTarget::MergeProjects => self.merge_project_paths(&paths),
            FileTarget::ExportTable | FileTarget::ExportChart => {
                self.export_analysis_table(&first);
            }
            FileTarget::SaveWarnings => self.save_warnings(&first),
            FileTarget::ExportTableForExcel => {
                self.export_analysis_table_for_excel(&first);
            }
            FileTarget::ExportStatements => {
                self.export_statements_table(&first);
            }
            FileTarget::SaveProject(then) => self.save_then_to(&first, then),
            FileTarget::Export(format) => self.export_to(&first, format),
            FileTarget::Import(format) => self.import_paths(format, &paths),
            FileTarget::ExportCodebook => {
                self.export_codebook(&first);
            }
            FileTarget::ImportCodebook => {
                self.import_codebook(&first);
            }
        }
    }

    pub(super) fn handle(&mut self, intent: Intent) {
        match intent {
            Intent::Command(c) => self.execute(c),
            Intent::ShowDocument(id) => self.show_document(id),
            Intent::SelectSpan { span, reveal } => {
                self.selected_span = span;
                if reveal && let Some(s) = self.selected_span_value() {
                    self.view.scroll_to = Some(s.start);
                }
            }
            Intent::ApplyLabel(label) => {
                if !self.relabel_proposal(&label) {
                    self.apply_label(&label);
                }
            }
            Intent::OpenProject(path) => self.request(Pending::OpenProject(Some(path))),
            Intent::Edit {
                description,
                edits,
                coalesce,
            } => {
                self.apply_step(description, edits, coalesce);
            }
        }
    }
}
