//! Native file dialogs (rfd), modal questions and small informational views.
//!
//! rfd returns `None` when no dialog can be shown (headless machines), so every dialog
//! here has a path-taking method on the app that tests and the command line use instead.

use super::app::Report;
use super::command::Command;
use crate::formats::ExportFormat;
use crate::formats::article::ARTICLE_EXTENSIONS;
use crate::model::Document;
use std::path::PathBuf;

/// Asks for article files to add.
pub fn pick_articles() -> Option<Vec<PathBuf>> {
    rfd::FileDialog::new()
        .set_title("Add articles")
        .add_filter("Articles (.txt, .md)", &ARTICLE_EXTENSIONS)
        .add_filter("All files", &["*"])
        .pick_files()
}

/// Asks for a project to open.
pub fn pick_project() -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("Open project")
        .add_filter("Lectern project (.ron)", &["ron"])
        .pick_file()
}

/// Asks where to save the project.
pub fn pick_save_project(default_name: &str) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("Save project")
        .add_filter("Lectern project (.ron)", &["ron"])
        .set_file_name(default_name)
        .save_file()
}

/// Asks where to export.
pub fn pick_export(default_name: &str, format: ExportFormat) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title(format!("Export {}", format.name()))
        .add_filter(format.name(), &[format.extension()])
        .set_file_name(default_name)
        .save_file()
}

/// The user's answer to "save changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Save, then go on.
    Save,
    /// Go on without saving.
    Discard,
    /// Stay.
    Cancel,
}

/// The unsaved-changes question, as a modal.
pub fn unsaved_changes_ui(ctx: &egui::Context, project: &str) -> Option<Answer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("unsaved changes")).show(ctx, |ui| {
        ui.set_max_width(380.0);
        ui.heading("Save changes?");
        ui.label(format!(
            "“{project}” has changes that are not saved. They will be lost if you don’t save them."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                answer = Some(Answer::Save);
            }
            if ui.button("Don’t save").clicked() {
                answer = Some(Answer::Discard);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Answer::Cancel);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(Answer::Cancel);
    }
    answer
}

/// A message window listing problems; returns true when dismissed.
pub fn report_ui(ctx: &egui::Context, report: &Report) -> bool {
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("report")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(&report.title);
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                for line in &report.lines {
                    ui.label(line);
                }
            });
        ui.add_space(8.0);
        if ui.button("OK").clicked() {
            close = true;
        }
    });
    close || modal.should_close()
}

/// Shown when the project has no documents: what Lectern is and how to start.
pub fn welcome_ui(ui: &mut egui::Ui) -> Option<Command> {
    let mut choice = None;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.25);
        ui.heading("Lectern");
        ui.label("Label quotes, claims, descriptors and attributions in news articles.");
        ui.add_space(12.0);
        ui.label("Drop .txt or .md articles on this window, or:");
        ui.add_space(6.0);
        for (text, command) in [
            ("Add articles…", Command::AddArticles),
            ("Open project…", Command::OpenProject),
            ("Open the sample project", Command::OpenSample),
        ] {
            if ui.button(text).clicked() {
                choice = Some(command);
            }
        }
    });
    choice
}

/// Overlay while files are dragged over the window.
pub fn drop_hint_ui(ui: &mut egui::Ui) {
    let rect = ui.max_rect();
    ui.painter().rect_filled(
        rect,
        8.0,
        ui.visuals().selection.bg_fill.gamma_multiply(0.3),
    );
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop articles to add them",
        egui::FontId::proportional(22.0),
        ui.visuals().strong_text_color(),
    );
}

/// Title and metadata line above the document text.
pub fn doc_header_ui(ui: &mut egui::Ui, doc: &Document) {
    ui.add_space(4.0);
    ui.heading(&doc.title);
    let m = &doc.metadata;
    let parts: Vec<&str> = [m.outlet.as_str(), m.date.as_str(), m.author.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !parts.is_empty() {
        ui.weak(parts.join(" · "));
    }
}
