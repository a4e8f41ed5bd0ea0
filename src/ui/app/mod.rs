//! The application: one open [`Session`], what is shown and selected, and the handling of
//! every command and intent. Panels draw and return intents; the files of this module turn
//! them into edits, file operations and view changes.

mod adding;
mod analysis;
mod assist;
mod autosave;
mod commands;
mod crash_note;
mod drift;
mod editing;
mod files;
mod find;
mod frame;
mod jobs;
mod metadata;
mod rejecting;
mod repair;
mod safety;
mod speaker;
mod tracker;
mod windows;

pub use crash_note::CRASH_TITLE;
pub use drift::TextUpdate;
pub use repair::RepairOffer;
pub use safety::{AUTOSAVE_DELAY, DiskConflict, RECOVERY_QUESTION, RecoveryOffer};

use super::codebook::CodebookEditor;
use super::command::Command;
use super::dialogs::{FileTarget, PathPrompt};
use super::doc_view::{DocView, DocViewState, Selection, ViewEvent};
use super::intent::Intent;
use super::menu::{MenuContext, menu_bar_ui};
use super::session::Session;
use super::settings::Settings;
use super::window_state::WindowState;
use super::{dialogs, doc_list, span_details, span_panel, theme};
use crate::formats::ExportFormat;
use crate::model::{DocId, Edit, Project, SpanId};
use crate::store;
use crate::ui::windows::WindowStack;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// An action that would discard unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Start a new project.
    NewProject,
    /// Open a project (ask for the file when `None`).
    OpenProject(Option<PathBuf>),
    /// Open the built-in sample project.
    OpenSample,
    /// Merge coders' projects into a new one (asks for the files).
    MergeProjects,
    /// Close the window.
    Quit,
    /// Open a backup of the project as a new unsaved project.
    OpenBackup(PathBuf),
}

/// A message for the user that needs more room than the status bar: errors with the file
/// and place, or files that were skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// What was being done ("Could not open project").
    pub title: String,
    /// One line per problem.
    pub lines: Vec<String>,
}

/// The whole application state. `ui` draws one frame; tests drive it through egui_kittest
/// and the `*_path` methods, which are what the file dialogs call. Those start jobs that
/// run off the UI thread; tests wait for them with [`Lectern::finish_jobs`].
pub struct Lectern {
    session: Session,
    current_doc: Option<DocId>,
    selected_span: Option<SpanId>,
    linking: Option<editing::LinkMode>,
    /// Move keyboard focus into the annotation list on the next frame.
    focus_list: bool,
    show_preferences: bool,
    /// The codebook editor window, when open.
    codebook: Option<CodebookEditor>,
    doc_list: doc_list::DocListView,
    /// The documents the list shows, worked out once per revision and view.
    doc_order: doc_list::DocListOrder,
    /// Name typed for a new custom metadata field.
    new_field: String,
    view: DocViewState,
    /// The annotation list's hidden labels and rows.
    span_list: span_panel::SpanList,
    pending: Option<Pending>,
    prompt: Option<PathPrompt>,
    native_dialogs: bool,
    queue: Vec<Intent>,
    status: String,
    report: Option<Report>,
    /// The report window after an import or a table (not modal).
    warning_report: Option<super::warning_report::WarningReport>,
    /// An import read and waiting for the user's label mapping (`adding.rs`).
    import_review: Option<super::import_dialog::ImportReview>,
    /// A metadata table read and waiting for the user's go-ahead (`metadata.rs`).
    metadata: Option<super::metadata_dialog::MetadataImport>,
    settings: Settings,
    settings_path: Option<PathBuf>,
    shown_title: String,
    shown_dark_mode: Option<bool>,
    /// The bundled fonts are in egui.
    fonts_installed: bool,
    /// The document whose characters were last checked against the installed fonts.
    fonts_checked: Option<DocId>,
    /// Scripts the status bar already said no font covers (said once each).
    fonts_advised: Vec<&'static str>,
    /// The Analysis view (View ▸ Analysis), shown instead of the article.
    analysis: super::analysis_view::AnalysisView,
    /// The Adjudication window (View ▸ Adjudicate).
    adjudication: super::adjudication::AdjudicationPanel,
    /// The open windows, topmost last, for Esc (`windows.rs`).
    windows: WindowStack,
    /// The Quote tracker window (View ▸ Quote tracker).
    tracker: super::tracker::TrackerPanel,
    /// The user agreed to close (or nothing was unsaved).
    close_confirmed: bool,
    close_sent: bool,
    /// Autosave, recovery, backups, lock and changes on disk (`safety.rs`).
    safety: safety::Safety,
    /// The search panel, when open (`find.rs`).
    search: Option<super::search_panel::SearchState>,
    /// A search match to select and scroll to once its document is shown.
    reveal: Option<(DocId, Range<usize>)>,
    /// The command palette, when open.
    palette: Option<super::command_palette::CommandPalette>,
    /// The long file work running off the UI thread, if any (`jobs.rs`).
    jobs: super::job::Jobs<files::Done>,
    /// Articles to add once the running job is done (`open_paths`).
    articles_after_job: Option<Vec<PathBuf>>,
    /// The user asked to close while a job ran.
    close_after_job: bool,
    /// The window's context, so a job's thread can ask for a frame when it is done.
    repaint: Option<egui::Context>,
    /// Width of the documents panel as last drawn (or restored), in points.
    documents_panel_px: Option<f32>,
    /// Width of the annotations panel as last drawn (or restored), in points.
    annotations_panel_px: Option<f32>,
    /// The quote assistant's proposals under review (`assist.rs`).
    proposals: super::proposals::Proposals,
}

/// The sample project, built into the binary so it can be opened from anywhere.
const SAMPLE_PROJECT: &str = include_str!("../../../projects/harbour-bridge.ron");

impl Lectern {
    /// An empty project. Settings are read from and written to `settings_path` (none in tests).
    pub fn new(settings_path: Option<PathBuf>) -> Self {
        // Tests (no settings file) keep never-saved projects' recovery files nowhere.
        let unsaved_dir = settings_path
            .as_ref()
            .and_then(|_| store::recovery::default_unsaved_dir());
        let settings = settings_path
            .as_deref()
            .map(Settings::load)
            .unwrap_or_default();
        Self {
            session: Session::new(Project::new(""), None),
            current_doc: None,
            selected_span: None,
            linking: None,
            focus_list: false,
            show_preferences: false,
            codebook: None,
            doc_list: doc_list::DocListView::default(),
            doc_order: doc_list::DocListOrder::default(),
            new_field: String::new(),
            view: DocViewState::default(),
            span_list: span_panel::SpanList::default(),
            pending: None,
            prompt: None,
            native_dialogs: dialogs::native_dialogs_available(),
            queue: Vec::new(),
            status: String::new(),
            report: None,
            warning_report: None,
            metadata: None,
            import_review: None,
            settings,
            settings_path,
            shown_title: String::new(),
            shown_dark_mode: None,
            fonts_installed: false,
            fonts_checked: None,
            fonts_advised: Vec::new(),
            analysis: Default::default(),
            adjudication: Default::default(),
            windows: WindowStack::default(),
            tracker: Default::default(),
            close_confirmed: false,
            close_sent: false,
            safety: safety::Safety::new(unsaved_dir),
            search: None,
            reveal: None,
            palette: None,
            jobs: Default::default(),
            articles_after_job: None,
            close_after_job: false,
            repaint: None,
            documents_panel_px: None,
            annotations_panel_px: None,
            proposals: Default::default(),
        }
    }

    /// Opens what the command line named: `.ron` files as the project, anything else as
    /// articles added to it once the project is read (both off the UI thread).
    pub fn open_paths(&mut self, paths: &[PathBuf]) {
        let (projects, articles): (Vec<_>, Vec<_>) = paths
            .iter()
            .cloned()
            .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        if let Some(project) = projects.first() {
            self.open_project_path(project);
        }
        if projects.len() > 1 {
            self.status = format!(
                "Only one project can be open; opened {}",
                projects[0].display()
            );
        }
        if !articles.is_empty() {
            self.add_articles_after_job(articles);
        }
    }

    // ----- reading the state (for panels and tests) -----

    /// The open project.
    pub fn project(&self) -> &Project {
        &self.session.project
    }

    /// The open session (project, history, file).
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The document shown.
    pub fn current_document(&self) -> Option<DocId> {
        self.current_doc
    }

    /// The selected annotation.
    pub fn selected_span(&self) -> Option<SpanId> {
        self.selected_span
    }

    /// The text selection in the document view, in code points.
    pub fn selection(&self) -> Option<Range<usize>> {
        self.view.selected_range()
    }

    /// Where code point `c` of the shown document was drawn in the last frame.
    pub fn char_rect(&self, c: usize) -> Option<egui::Rect> {
        self.view.char_rect(c)
    }

    /// Sets the text selection from `anchor` to `focus` (what a mouse drag does).
    pub fn set_selection(&mut self, anchor: usize, focus: usize) {
        self.view.selection = Some(Selection { anchor, focus });
    }

    /// Selects an annotation of the shown document and scrolls to it (what clicking it in
    /// the annotation list does).
    pub fn handle_select(&mut self, span: SpanId) {
        self.queue.push(Intent::SelectSpan {
            span: Some(span),
            reveal: true,
        });
    }

    /// The status bar message.
    pub fn status(&self) -> &str {
        &self.status
    }

    /// The message window's contents, if one is shown.
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// The import waiting in the import dialog for the user's label mapping, if any.
    pub fn import_review(&self) -> Option<&super::import_dialog::ImportReview> {
        self.import_review.as_ref()
    }

    /// The report window after an import or a table of articles, if one is shown.
    pub fn warning_report(&self) -> Option<&super::warning_report::WarningReport> {
        self.warning_report.as_ref()
    }

    /// Use native file dialogs (true where the system has them) or Lectern's path prompt.
    pub fn set_native_dialogs(&mut self, native: bool) {
        self.native_dialogs = native;
    }

    /// What the path prompt (shown where no native file dialog exists) is asking for.
    pub fn path_prompt(&self) -> Option<&FileTarget> {
        self.prompt.as_ref().map(|p| &p.target)
    }

    /// The action waiting for "save changes?", if any.
    pub fn pending(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    /// Document text size in points.
    pub fn font_px(&self) -> f32 {
        self.settings.font_px
    }

    /// Queues a command to run at the end of the frame (as a menu click does).
    pub fn run_command(&mut self, command: Command) {
        self.queue.push(Intent::Command(command));
    }

    /// What the window remembers for next time (eframe stores it when the window closes
    /// and every half minute): the open project and the side panels' widths.
    pub fn window_state(&self) -> WindowState {
        WindowState {
            last_project: self.session.path.clone(),
            documents_panel_px: self.documents_panel_px,
            annotations_panel_px: self.annotations_panel_px,
        }
    }

    /// Sizes the side panels as `state` remembers them (its project is opened by the
    /// caller, see [`WindowState::files_to_open`]).
    pub fn restore_window_state(&mut self, state: &WindowState) {
        self.documents_panel_px = state.documents_panel_px;
        self.annotations_panel_px = state.annotations_panel_px;
    }

    /// Window title: project name, unsaved mark, app name.
    pub fn window_title(&self) -> String {
        let mark = if self.session.is_dirty() { "● " } else { "" };
        format!("{mark}{} — Lectern", self.session.display_name())
    }
}

/// Narrows a selection so it neither starts nor ends with whitespace: dragging across a
/// word usually picks up the space after it, and spans should be exact.
fn trim_whitespace(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    if lead == range.len() {
        return None;
    }
    let trail = text.chars().rev().take_while(|c| c.is_whitespace()).count();
    Some(range.start + lead..range.end - trail)
}

impl eframe::App for Lectern {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        Lectern::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.window_state().save(storage);
    }

    /// Only what [`WindowState`] names is restored: egui's whole memory would also bring
    /// back scroll offsets and widget states of a project that may have changed since.
    fn persist_egui_memory(&self) -> bool {
        false
    }
}
