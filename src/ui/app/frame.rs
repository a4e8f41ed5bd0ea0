//! Drawing one frame: menus, panels, the document view and the modal questions, and
//! turning keyboard, dropped files and window close into intents.

use super::*;
use crate::progress::thousands;
use crate::ui::warning_report::{ReportAction, warning_report_ui};

/// How long a frame may spend making proposals again for the document list's counts.
const CATCH_UP_PER_FRAME: std::time::Duration = std::time::Duration::from_millis(8);

impl Lectern {
    // ----- the frame -----

    /// Draws one frame and handles everything the user did in it.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            // Before any text of the first frame is laid out, so that it already has them
            // (egui has no fonts of its own: they are built in deflated, with Arabic,
            // Hebrew and Devanagari; CJK comes from the system).
            crate::ui::text_layout::install_fonts(&ctx);
            self.fonts_installed = true;
        }
        self.jobs_frame(&ctx);
        self.job_keys(&ctx);
        self.keyboard_input(&ctx);
        self.dropped_files(&ctx);

        egui::Panel::top("menu").show(ui, |ui| {
            let cx = MenuContext {
                undo: self.session.history.undo_description(),
                redo: self.session.history.redo_description(),
                has_selected_span: self.selected_span.is_some(),
                can_label: self.selected_span.is_some() || self.view.selected_range().is_some(),
                has_documents: !self.session.project.documents.is_empty(),
                recent: &self.settings.recent_projects,
                labels: &self.session.project.labels,
                dark_mode: self.settings.dark_mode,
                busy: self.jobs.is_running(),
            };
            if let Some(intent) = menu_bar_ui(ui, &cx) {
                self.queue.push(intent);
            }
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar_ui(ui));
        self.job_bar(ui);
        self.search_panel(ui);
        if self.analysis.open {
            self.analysis_ui(ui);
        } else {
            self.article_panels_ui(ui);
        }

        self.dialogs_ui(&ctx);
        let doc = self
            .current_doc
            .and_then(|d| self.session.project.document(d));
        let asked = self
            .adjudication
            .window_ui(&ctx, &self.session.project, doc);
        self.queue.extend(asked);
        let revision = self.session.revision();
        let asked = self
            .tracker
            .window_ui(&ctx, &self.session.project, revision);
        self.queue.extend(asked);
        self.palette_ui(&ctx);
        self.track_windows(&ctx);
        self.remember_analysis_choices();
        self.safety_frame(&ctx);
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

    /// The document list, the annotations and the article.
    fn article_panels_ui(&mut self, ui: &mut egui::Ui) {
        if !self.session.project.documents.is_empty() {
            let shown = egui::Panel::left("documents")
                .resizable(true)
                .default_size(self.documents_panel_px.unwrap_or(250.0))
                .show(ui, |ui| self.left_panel_ui(ui));
            self.documents_panel_px = Some(shown.response.rect.width());
            let shown = egui::Panel::right("annotations")
                .resizable(true)
                .default_size(self.annotations_panel_px.unwrap_or(300.0))
                .show(ui, |ui| self.right_panel_ui(ui));
            self.annotations_panel_px = Some(shown.response.rect.width());
        }
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui));
    }

    pub(super) fn keyboard_input(&mut self, ctx: &egui::Context) {
        if self.shown_dark_mode != Some(self.settings.dark_mode) {
            // Ctrl+= and Ctrl+- zoom the article text, not the whole interface.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            theme::install_symbol_fallback(ctx);
            ctx.set_visuals(if self.settings.dark_mode {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            });
            self.shown_dark_mode = Some(self.settings.dark_mode);
        }
        let typing = ctx.text_edit_focused();
        let modal_open = self.pending.is_some()
            || self.report.is_some()
            || self.prompt.is_some()
            || self.safety.modal_open()
            || self.palette.is_some()
            // Any other modal (preferences, a question in the codebook) takes Esc itself.
            || ctx.memory(|m| m.top_modal_layer().is_some());
        if modal_open {
            return;
        }
        let reviewing = self.proposals.active && !self.adjudication.open;
        for c in Command::pressed(ctx, typing, reviewing) {
            let c = self.arrow_command(c);
            self.queue.push(Intent::Command(c));
        }
        if typing {
            return;
        }
        if let Some(target) = self.linking.and_then(|l| l.candidate)
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
        {
            self.finish_link(target);
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

    pub(super) fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if dropped.is_empty() || self.waits_for_job() {
            return;
        }
        let (projects, articles): (Vec<_>, Vec<_>) = dropped
            .into_iter()
            .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        if let Some(p) = projects.into_iter().next() {
            self.request(Pending::OpenProject(Some(p)));
        }
        if !articles.is_empty() {
            self.add_articles_after_job(articles);
        }
    }

    pub(super) fn window_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed {
            if self.jobs.is_running() {
                // Closing mid-save could lose the save; the window closes once it is done.
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.close_after_job();
            } else if self.session.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.pending = Some(Pending::Quit);
            }
        }
        if self.close_confirmed
            && self.pending.is_none()
            && !self.close_sent
            && !self.jobs.is_running()
        {
            self.close_sent = true;
            self.safety_closing();
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    pub(super) fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(&self.status);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let p = &self.session.project;
                let spans: usize = p.documents.iter().map(|d| d.spans.len()).sum();
                let (docs, spans) = (p.documents.len(), spans as u64);
                ui.weak(format!(
                    "{} {} · {} {}",
                    thousands(docs as u64),
                    if docs == 1 { "document" } else { "documents" },
                    thousands(spans),
                    if spans == 1 {
                        "annotation"
                    } else {
                        "annotations"
                    }
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

    pub(super) fn left_panel_ui(&mut self, ui: &mut egui::Ui) {
        // After a codebook or lexicon change the counts come back a few documents a frame.
        if self.proposals.catch_up(
            &self.session.project,
            self.session.revision(),
            CATCH_UP_PER_FRAME,
        ) {
            ui.request_repaint();
        }
        let waiting = self.proposals.waiting(&self.session.project);
        let at = doc_list::DocListContext {
            project: &self.session.project,
            revision: self.session.revision(),
            current: self.current_doc,
            waiting: waiting
                .as_ref()
                .map(|count| count as &dyn Fn(&crate::model::Document) -> usize),
        };
        if let Some(i) = doc_list::doc_list_ui(ui, &at, &mut self.doc_list, &mut self.doc_order) {
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
                    if let Some(i) =
                        doc_list::metadata_ui(ui, &self.session.project, doc, &mut self.new_field)
                    {
                        self.queue.push(i);
                    }
                });
        }
    }

    pub(super) fn right_panel_ui(&mut self, ui: &mut egui::Ui) {
        self.proposal_card_ui(ui);
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
            self.session.revision(),
            &project.labels,
            &mut self.span_list,
            self.selected_span,
            std::mem::take(&mut self.focus_list),
        ) {
            self.queue.push(i);
        }
        if let Some(span) = self.selected_span.and_then(|s| doc.span(s)) {
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("details")
                .show(ui, |ui| {
                    if let Some(i) = span_details::span_details_ui(ui, project, doc, span) {
                        self.queue.push(i);
                    }
                });
        }
    }

    pub(super) fn central_ui(&mut self, ui: &mut egui::Ui) {
        let revision = self.session.revision();
        let project = &self.session.project;
        let Some(doc) = self.current_doc.and_then(|d| project.document(d)) else {
            // While a project opens its choices would only be refused.
            let idle = !self.jobs.is_running();
            if let Some(c) = ui.add_enabled_ui(idle, dialogs::welcome_ui).inner {
                self.queue.push(Intent::Command(c));
            }
            if ui.ctx().input(|i| !i.raw.hovered_files.is_empty()) {
                dialogs::drop_hint_ui(ui);
            }
            return;
        };
        if self.analysis.left_for_span
            && ui
                .button("← Back to Analysis")
                .on_hover_text("The Analysis view as you left it (View ▸ Analysis)")
                .clicked()
        {
            self.queue.push(Intent::Command(Command::ToggleAnalysis));
        }
        dialogs::doc_header_ui(ui, doc);
        ui.separator();
        if self.fonts_checked != Some(doc.id) {
            self.fonts_checked = Some(doc.id);
            let (advice, cjk) = ui.fonts_mut(|f| {
                let text = doc.text.as_str();
                use crate::ui::text_layout::{cjk_font_to_prefer, missing_font_advice};
                (missing_font_advice(f, text), cjk_font_to_prefer(f, text))
            });
            if let Some((name, data)) = cjk {
                // CJK punctuation from the CJK font, not egui's icon font (next frame on).
                let defs = ui.ctx().fonts(|f| f.definitions().clone());
                ui.ctx()
                    .set_fonts(crate::ui::text_layout::with_cjk_font(defs, &name, data));
            }
            if let Some((script, message)) = advice
                && !self.fonts_advised.contains(&script)
            {
                self.fonts_advised.push(script);
                self.status = message;
            }
        }
        if let Some(link) = self.linking {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "Linking: click the annotation to link to, or choose with ] [ and press Enter. Esc cancels.",
            );
            let _ = link;
        }
        let marks = self.search_marks();
        let proposals = self.proposal_marks();
        let project = &self.session.project;
        let Some(doc) = self.current_doc.and_then(|d| project.document(d)) else {
            return;
        };
        let event = DocView::new(doc, &project.labels, revision)
            .marks(&marks)
            .proposals(&proposals)
            .selected(self.selected_span)
            .link_target(self.linking.and_then(|l| l.candidate))
            .font_px(self.settings.font_px)
            .show(ui, &mut self.view);
        match event {
            Some(ViewEvent::SelectSpan(Some(span))) if self.linking.is_some() => {
                self.finish_link(span)
            }
            Some(ViewEvent::SelectSpan(span)) => {
                self.linking = None;
                self.selected_span = span;
            }
            Some(ViewEvent::AddFragment(range)) => self.add_fragment(range),
            Some(ViewEvent::MoveEdge { span, start, to }) => self.move_edge(span, start, to),
            Some(ViewEvent::Link { from, to }) => {
                self.linking = Some(editing::LinkMode {
                    from,
                    candidate: None,
                });
                self.finish_link(to);
            }
            None => {}
        }
        self.reveal_match(ui.ctx());
    }

    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
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
        self.metadata_dialog(ctx);
        self.import_review_dialog(ctx);
        if let Some(report) = &self.warning_report {
            match warning_report_ui(ctx, report) {
                Some(ReportAction::Close) => self.warning_report = None,
                Some(ReportAction::SaveList) => self.choose_path(FileTarget::SaveWarnings),
                None => {}
            }
        }
        if let Some(mut editor) = self.codebook.take() {
            let mut open = true;
            egui::Window::new("Codebook")
                .id(crate::ui::windows::AppWindow::Codebook.id())
                .open(&mut open)
                .default_size([560.0, 520.0])
                .vscroll(true)
                .show(ctx, |ui| {
                    ui.horizontal(|ui| {
                        if ui.button("Export codebook…").clicked() {
                            self.queue.push(Intent::Command(Command::ExportCodebook));
                        }
                        if ui.button("Import codebook…").clicked() {
                            self.queue.push(Intent::Command(Command::ImportCodebook));
                        }
                    });
                    if let Some(i) = editor.ui(ui, &self.session.project) {
                        self.queue.push(i);
                    }
                });
            if open {
                self.codebook = Some(editor);
            }
        }
        if self.show_preferences {
            let open = dialogs::preferences_ui(ctx, &mut self.settings);
            if !open {
                self.show_preferences = false;
                self.shown_dark_mode = None;
                self.save_settings();
            }
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
