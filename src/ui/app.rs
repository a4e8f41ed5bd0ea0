//! The application: one open [`Session`], what is shown and selected, and the handling of
//! every command and intent. Panels draw and return intents; this file turns them into
//! edits, file operations and view changes.

use super::command::Command;
use super::dialogs::{FileTarget, PathPrompt};
use super::doc_view::{DocView, DocViewState, Selection, ViewEvent};
use super::intent::Intent;
use super::menu::{MenuChoice, MenuContext, menu_bar_ui};
use super::session::Session;
use super::settings::Settings;
use super::{dialogs, doc_list, span_panel, theme};
use crate::formats::ExportFormat;
use crate::formats::article::read_articles;
use crate::model::{DocId, Edit, Project, SpanId};
use crate::store;
use std::collections::BTreeSet;
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
    /// Close the window.
    Quit,
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
/// and the `*_path` methods, which are what the file dialogs call.
pub struct Lectern {
    session: Session,
    current_doc: Option<DocId>,
    selected_span: Option<SpanId>,
    view: DocViewState,
    hidden_labels: BTreeSet<String>,
    pending: Option<Pending>,
    prompt: Option<PathPrompt>,
    native_dialogs: bool,
    queue: Vec<Intent>,
    status: String,
    report: Option<Report>,
    settings: Settings,
    settings_path: Option<PathBuf>,
    shown_title: String,
    shown_dark_mode: Option<bool>,
    /// The user agreed to close (or nothing was unsaved).
    close_confirmed: bool,
    close_sent: bool,
}

/// The sample project, built into the binary so it can be opened from anywhere.
const SAMPLE_PROJECT: &str = include_str!("../../projects/harbour-bridge.ron");

impl Lectern {
    /// An empty project. Settings are read from and written to `settings_path` (none in tests).
    pub fn new(settings_path: Option<PathBuf>) -> Self {
        let settings = settings_path
            .as_deref()
            .map(Settings::load)
            .unwrap_or_default();
        Self {
            session: Session::new(Project::new(""), None),
            current_doc: None,
            selected_span: None,
            view: DocViewState::default(),
            hidden_labels: BTreeSet::new(),
            pending: None,
            prompt: None,
            native_dialogs: dialogs::native_dialogs_available(),
            queue: Vec::new(),
            status: String::new(),
            report: None,
            settings,
            settings_path,
            shown_title: String::new(),
            shown_dark_mode: None,
            close_confirmed: false,
            close_sent: false,
        }
    }

    /// Opens what the command line named: `.ron` files as the project, anything else as
    /// articles added to it.
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
            self.add_article_paths(&articles);
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

    /// Window title: project name, unsaved mark, app name.
    pub fn window_title(&self) -> String {
        let mark = if self.session.is_dirty() { "● " } else { "" };
        format!("{mark}{} — Lectern", self.session.display_name())
    }

    // ----- file operations (what dialogs call) -----

    /// Opens a project file, replacing the open one (no unsaved-changes question: callers
    /// ask first). On error the open project stays as it was and a report says why.
    pub fn open_project_path(&mut self, path: &Path) -> bool {
        match store::load(path) {
            Ok(project) => {
                self.set_session(Session::new(project, Some(path.to_path_buf())));
                self.remember_recent(path);
                self.status = format!("Opened {}", path.display());
                true
            }
            Err(e) => {
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

    fn set_session(&mut self, session: Session) {
        self.current_doc = session.project.initial_document();
        self.session = session;
        self.selected_span = None;
        self.view = DocViewState::default();
        self.hidden_labels.clear();
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
        match store::save(&self.session.project, path) {
            Ok(()) => {
                self.session.path = Some(path.to_path_buf());
                self.session.history.mark_saved();
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

    /// Exports every span to `path`; the file is written only if the whole export succeeds.
    pub fn export_to(&mut self, path: &Path, format: ExportFormat) -> bool {
        let mut bytes = Vec::new();
        let result = crate::formats::export(&self.session.project, format, &mut bytes)
            .map_err(|e| e.to_string())
            .and_then(|rows| {
                store::write_atomic(path, &bytes)
                    .map(|()| rows)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))
            });
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

    fn remember_recent(&mut self, path: &Path) {
        self.settings.remember(path);
        self.save_settings();
    }

    fn save_settings(&mut self) {
        if let Some(p) = &self.settings_path
            && let Err(e) = self.settings.save(p)
        {
            self.status = format!("Could not save settings to {}: {e}", p.display());
        }
    }

    // ----- annotating -----

    /// Shows a document (keeps nothing selected from the previous one).
    pub fn show_document(&mut self, id: DocId) {
        if self.current_doc != Some(id) {
            self.current_doc = Some(id);
            self.selected_span = None;
            self.view.selection = None;
        }
    }

    /// Labels the selection with `label`; with no selection, relabels the selected annotation.
    pub fn apply_label(&mut self, label: &str) {
        let Some(doc_id) = self.current_doc else {
            return;
        };
        if let Some(range) = self.selection() {
            let Some(doc) = self.session.project.document(doc_id) else {
                return;
            };
            let Some(range) =
                trim_whitespace(doc.text.slice(range.clone()).unwrap_or_default(), range)
            else {
                self.status = "The selection holds only spaces".to_owned();
                return;
            };
            let Some(span) = self
                .session
                .project
                .make_span(doc_id, label, range.start, range.end)
            else {
                return;
            };
            let id = span.id;
            match self.session.apply(
                format!("Label '{label}'"),
                vec![Edit::AddSpan { doc: doc_id, span }],
            ) {
                Ok(()) => {
                    self.selected_span = Some(id);
                    self.view.selection = None;
                    self.status = format!("Labelled {}–{} as {label}", range.start, range.end);
                }
                Err(e) => self.status = format!("Could not label: {e}"),
            }
        } else if let Some(span) = self.selected_span_value() {
            if span.label != label {
                let edit = Edit::SetSpanLabel {
                    doc: doc_id,
                    span: span.id,
                    old: span.label.clone(),
                    new: label.to_owned(),
                };
                self.apply_step(format!("Relabel as '{label}'"), vec![edit], None);
            }
        } else {
            self.status = "Select text in the article first, then choose a label".to_owned();
        }
    }

    fn selected_span_value(&self) -> Option<crate::model::Span> {
        let doc = self.session.project.document(self.current_doc?)?;
        doc.span(self.selected_span?).cloned()
    }

    fn delete_selected_span(&mut self) {
        let Some(doc) = self.current_doc else { return };
        let Some(span) = self.selected_span_value() else {
            self.status = "No annotation is selected".to_owned();
            return;
        };
        let description = format!("Delete '{}'", span.label);
        if self.apply_step(description, vec![Edit::RemoveSpan { doc, span }], None) {
            self.selected_span = None;
        }
    }

    fn apply_step(
        &mut self,
        description: String,
        edits: Vec<Edit>,
        coalesce: Option<String>,
    ) -> bool {
        let result = match &coalesce {
            Some(key) => self.session.apply_coalescing(description, edits, key),
            None => self.session.apply(description, edits),
        };
        match result {
            Ok(()) => true,
            Err(e) => {
                self.status = format!("Could not change the project: {e}");
                false
            }
        }
    }

    fn undo(&mut self) {
        match self.session.undo() {
            Ok(Some(d)) => self.status = format!("Undid {d}"),
            Ok(None) => self.status = "Nothing to undo".to_owned(),
            Err(e) => self.status = format!("Could not undo: {e}"),
        }
        self.after_history_move();
    }

    fn redo(&mut self) {
        match self.session.redo() {
            Ok(Some(d)) => self.status = format!("Redid {d}"),
            Ok(None) => self.status = "Nothing to redo".to_owned(),
            Err(e) => self.status = format!("Could not redo: {e}"),
        }
        self.after_history_move();
    }

    /// After undo/redo the shown document or selected span may be gone (or back).
    fn after_history_move(&mut self) {
        let project = &self.session.project;
        if self.current_doc.and_then(|d| project.document(d)).is_none() {
            self.current_doc = project.documents.first().map(|d| d.id);
        }
        let exists = self
            .current_doc
            .and_then(|d| project.document(d))
            .zip(self.selected_span)
            .is_some_and(|(d, s)| d.span(s).is_some());
        if !exists {
            self.selected_span = None;
        }
    }

    fn step_document(&mut self, delta: isize) {
        let docs = &self.session.project.documents;
        if docs.is_empty() {
            return;
        }
        let at = self
            .current_doc
            .and_then(|c| docs.iter().position(|d| d.id == c))
            .unwrap_or(0);
        let next = (at as isize + delta).clamp(0, docs.len() as isize - 1) as usize;
        let id = docs[next].id;
        self.show_document(id);
    }

    fn zoom(&mut self, font_px: f32) {
        let (lo, hi) = theme::FONT_PX_RANGE;
        self.settings.font_px = font_px.clamp(lo, hi).round();
        self.status = format!("Text size {} pt", self.settings.font_px);
        self.save_settings();
    }

    // ----- commands -----

    /// Runs `command` now; commands that could lose work ask first.
    fn execute(&mut self, command: Command) {
        match command {
            Command::NewProject => self.request(Pending::NewProject),
            Command::OpenProject => self.request(Pending::OpenProject(None)),
            Command::AddArticles => self.choose_path(FileTarget::AddArticles),
            Command::Save => self.save_then(None),
            Command::SaveAs => self.choose_path(FileTarget::SaveProject(None)),
            Command::ExportCsv => self.choose_path(FileTarget::Export(ExportFormat::Csv)),
            Command::ExportJsonl => self.choose_path(FileTarget::Export(ExportFormat::Jsonl)),
            Command::OpenSample => self.request(Pending::OpenSample),
            Command::Quit => self.request(Pending::Quit),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::DeleteAnnotation => self.delete_selected_span(),
            Command::ClearSelection => {
                self.view.selection = None;
                self.selected_span = None;
            }
            Command::ZoomIn => self.zoom(self.settings.font_px + 1.0),
            Command::ZoomOut => self.zoom(self.settings.font_px - 1.0),
            Command::ZoomReset => self.zoom(theme::DEFAULT_FONT_PX),
            Command::NextDocument => self.step_document(1),
            Command::PreviousDocument => self.step_document(-1),
            Command::ToggleTheme => {
                self.settings.dark_mode = !self.settings.dark_mode;
                self.save_settings();
            }
        }
    }

    /// Runs `action` now, or asks about unsaved changes first.
    fn request(&mut self, action: Pending) {
        if self.session.is_dirty() {
            self.pending = Some(action);
        } else {
            self.perform(action);
        }
    }

    fn perform(&mut self, action: Pending) {
        match action {
            Pending::NewProject => self.new_project(),
            Pending::OpenProject(Some(path)) => {
                self.open_project_path(&path);
            }
            Pending::OpenProject(None) => self.choose_path(FileTarget::OpenProject),
            Pending::OpenSample => self.open_sample(),
            Pending::Quit => self.close_confirmed = true,
        }
    }

    /// Saves to the project's file, or asks for one; then runs `then` if the save succeeded.
    fn save_then(&mut self, then: Option<Pending>) {
        match self.session.path.clone() {
            Some(path) => {
                if self.save_to(&path)
                    && let Some(action) = then
                {
                    self.perform(action);
                }
            }
            None => self.choose_path(FileTarget::SaveProject(then)),
        }
    }

    /// Asks for a path with the native dialog, or, where the system has none, with Lectern's
    /// own path prompt, and then uses it.
    fn choose_path(&mut self, target: FileTarget) {
        let default_name = match &target {
            FileTarget::SaveProject(_) => format!("{}.ron", self.session.display_name()),
            FileTarget::Export(f) => format!("{}.{}", self.session.display_name(), f.extension()),
            FileTarget::OpenProject | FileTarget::AddArticles => String::new(),
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
    fn use_paths(&mut self, target: FileTarget, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match target {
            FileTarget::OpenProject => {
                self.open_project_path(&first);
            }
            FileTarget::AddArticles => self.add_article_paths(&paths),
            FileTarget::SaveProject(then) => {
                if self.save_to(&first)
                    && let Some(action) = then
                {
                    self.perform(action);
                }
            }
            FileTarget::Export(format) => {
                self.export_to(&first, format);
            }
        }
    }

    fn handle(&mut self, intent: Intent) {
        match intent {
            Intent::Command(c) => self.execute(c),
            Intent::ShowDocument(id) => self.show_document(id),
            Intent::SelectSpan { span, reveal } => {
                self.selected_span = span;
                if reveal && let Some(s) = self.selected_span_value() {
                    self.view.scroll_to = Some(s.start);
                }
            }
            Intent::ApplyLabel(label) => self.apply_label(&label),
            Intent::Edit {
                description,
                edits,
                coalesce,
            } => {
                self.apply_step(description, edits, coalesce);
            }
        }
    }

    // ----- the frame -----

    /// Draws one frame and handles everything the user did in it.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.keyboard_input(&ctx);
        self.dropped_files(&ctx);

        egui::Panel::top("menu").show(ui, |ui| {
            let cx = MenuContext {
                undo: self.session.history.undo_description(),
                redo: self.session.history.redo_description(),
                has_selected_span: self.selected_span.is_some(),
                has_documents: !self.session.project.documents.is_empty(),
                recent: &self.settings.recent_projects,
                dark_mode: self.settings.dark_mode,
            };
            match menu_bar_ui(ui, &cx) {
                Some(MenuChoice::Intent(i)) => self.queue.push(i),
                Some(MenuChoice::OpenRecent(p)) => self.request(Pending::OpenProject(Some(p))),
                None => {}
            }
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar_ui(ui));
        if !self.session.project.documents.is_empty() {
            egui::Panel::left("documents")
                .resizable(true)
                .default_size(250.0)
                .show(ui, |ui| self.left_panel_ui(ui));
            egui::Panel::right("annotations")
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| self.right_panel_ui(ui));
        }
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui));

        self.dialogs_ui(&ctx);
        let intents = std::mem::take(&mut self.queue);
        if !intents.is_empty() {
            // What the intents change (a dialog, a new span) is drawn on the next frame.
            ctx.request_repaint();
        }
        for intent in intents {
            self.handle(intent);
        }
        self.window_close(&ctx);
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    fn keyboard_input(&mut self, ctx: &egui::Context) {
        if self.shown_dark_mode != Some(self.settings.dark_mode) {
            // Ctrl+= and Ctrl+- zoom the article text, not the whole interface.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            ctx.set_visuals(if self.settings.dark_mode {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            });
            self.shown_dark_mode = Some(self.settings.dark_mode);
        }
        let typing = ctx.text_edit_focused();
        let modal_open = self.pending.is_some() || self.report.is_some() || self.prompt.is_some();
        if modal_open {
            return;
        }
        for c in Command::pressed(ctx, typing) {
            self.queue.push(Intent::Command(c));
        }
        if typing {
            return;
        }
        let hotkeys: Vec<(egui::Key, String)> = self
            .session
            .project
            .labels
            .iter()
            .filter_map(|l| egui::Key::from_name(&l.hotkey).map(|k| (k, l.name.clone())))
            .collect();
        for (key, label) in hotkeys {
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
                self.queue.push(Intent::ApplyLabel(label));
            }
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        let (projects, articles): (Vec<_>, Vec<_>) = dropped
            .into_iter()
            .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        if let Some(p) = projects.into_iter().next() {
            self.request(Pending::OpenProject(Some(p)));
        }
        if !articles.is_empty() {
            self.add_article_paths(&articles);
        }
    }

    fn window_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.close_confirmed
            && self.session.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
        }
        if self.close_confirmed && self.pending.is_none() && !self.close_sent {
            self.close_sent = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(&self.status);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let p = &self.session.project;
                let spans: usize = p.documents.iter().map(|d| d.spans.len()).sum();
                ui.weak(format!(
                    "{} documents · {spans} annotations",
                    p.documents.len()
                ));
                if let Some(r) = self.selection() {
                    ui.weak(format!(
                        "selected {}–{} ({} characters) ·",
                        r.start,
                        r.end,
                        r.len()
                    ));
                }
            });
        });
    }

    fn left_panel_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(i) = doc_list::doc_list_ui(ui, &self.session.project, self.current_doc) {
            self.queue.push(i);
        }
        ui.separator();
        if let Some(doc) = self
            .current_doc
            .and_then(|d| self.session.project.document(d))
        {
            egui::ScrollArea::vertical()
                .id_salt("metadata")
                .show(ui, |ui| {
                    if let Some(i) = doc_list::metadata_ui(ui, doc) {
                        self.queue.push(i);
                    }
                });
        }
    }

    fn right_panel_ui(&mut self, ui: &mut egui::Ui) {
        let project = &self.session.project;
        let can_apply = self.selection().is_some() || self.selected_span.is_some();
        if let Some(i) = span_panel::palette_ui(ui, &project.labels, can_apply) {
            self.queue.push(i);
        }
        ui.separator();
        let Some(doc) = self.current_doc.and_then(|d| project.document(d)) else {
            return;
        };
        if let Some(i) = span_panel::span_list_ui(
            ui,
            doc,
            &project.labels,
            &mut self.hidden_labels,
            self.selected_span,
        ) {
            self.queue.push(i);
        }
        if let Some(span) = self.selected_span.and_then(|s| doc.span(s)) {
            ui.separator();
            if let Some(i) = span_panel::span_details_ui(ui, doc, &project.labels, span) {
                self.queue.push(i);
            }
        }
    }

    fn central_ui(&mut self, ui: &mut egui::Ui) {
        let revision = self.session.revision();
        let project = &self.session.project;
        let Some(doc) = self.current_doc.and_then(|d| project.document(d)) else {
            if let Some(c) = dialogs::welcome_ui(ui) {
                self.queue.push(Intent::Command(c));
            }
            if ui.ctx().input(|i| !i.raw.hovered_files.is_empty()) {
                dialogs::drop_hint_ui(ui);
            }
            return;
        };
        dialogs::doc_header_ui(ui, doc);
        ui.separator();
        let event = DocView::new(doc, &project.labels, revision)
            .selected(self.selected_span)
            .font_px(self.settings.font_px)
            .show(ui, &mut self.view);
        match event {
            Some(ViewEvent::SelectSpan(span)) => self.selected_span = span,
            None => {}
        }
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        if let Some(action) = self.pending.clone() {
            match dialogs::unsaved_changes_ui(ctx, &self.session.display_name()) {
                Some(dialogs::Answer::Save) => {
                    self.pending = None;
                    self.save_then(Some(action));
                }
                Some(dialogs::Answer::Discard) => {
                    self.pending = None;
                    self.perform(action);
                }
                Some(dialogs::Answer::Cancel) => self.pending = None,
                None => {}
            }
        }
        if let Some(report) = &self.report
            && dialogs::report_ui(ctx, report)
        {
            self.report = None;
        }
        if let Some(prompt) = &mut self.prompt {
            match dialogs::path_prompt_ui(ctx, prompt) {
                Some(Some(paths)) => {
                    if let Some(prompt) = self.prompt.take() {
                        self.use_paths(prompt.target, paths);
                    }
                }
                Some(None) => self.prompt = None,
                None => {}
            }
        }
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
}
