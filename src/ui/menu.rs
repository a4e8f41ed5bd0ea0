//! The menu bar, built from [`Command`]s so each item shows the shortcut that works.

use super::command::Command;
use super::intent::Intent;
use crate::formats::{ExportFormat, ImportFormat};
use std::path::PathBuf;

/// What the menus need to know to enable items and label Undo/Redo.
pub struct MenuContext<'a> {
    /// Description of the step Undo would undo.
    pub undo: Option<&'a str>,
    /// Description of the step Redo would redo.
    pub redo: Option<&'a str>,
    /// Whether an annotation is selected.
    pub has_selected_span: bool,
    /// Whether the project has documents.
    pub has_documents: bool,
    /// Recent project files, newest first.
    pub recent: &'a [PathBuf],
    /// Whether the dark theme is on.
    pub dark_mode: bool,
    /// Whether a job (opening, saving, exporting…) runs: file commands wait for it.
    pub busy: bool,
}

/// A request from the menu: a command, or a recent project to open.
pub enum MenuChoice {
    /// Run this.
    Intent(Intent),
    /// Open this recent project.
    OpenRecent(PathBuf),
}

/// The menu bar.
pub fn menu_bar_ui(ui: &mut egui::Ui, cx: &MenuContext<'_>) -> Option<MenuChoice> {
    let choice = std::cell::RefCell::new(None);
    let item = |ui: &mut egui::Ui, command: Command, text: &str, enabled: bool| {
        let enabled = enabled && !(cx.busy && command.is_file_command());
        let mut button = egui::Button::new(text);
        if let Some(s) = command.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(s));
        }
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.tooltip())
            .clicked()
        {
            choice.replace(Some(MenuChoice::Intent(Intent::Command(command))));
        }
    };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for c in [
                Command::NewProject,
                Command::OpenProject,
                Command::OpenSample,
                Command::OpenBackup,
            ] {
                item(ui, c, c.text(), true);
            }
            // Submenus of file work are disabled while a job runs.
            let idle = !cx.busy;
            ui.add_enabled_ui(idle, |ui| {
                ui.menu_button("Recent projects", |ui| {
                    if cx.recent.is_empty() {
                        ui.weak("None yet");
                    }
                    for path in cx.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            choice.replace(Some(MenuChoice::OpenRecent(path.clone())));
                        }
                    }
                })
            });
            ui.separator();
            item(ui, Command::AddArticles, Command::AddArticles.text(), true);
            item(
                ui,
                Command::UpdateDocumentText,
                Command::UpdateDocumentText.text(),
                cx.has_documents,
            );
            item(
                ui,
                Command::MergeProjects,
                Command::MergeProjects.text(),
                true,
            );
            ui.separator();
            for c in [Command::Save, Command::SaveAs] {
                item(ui, c, c.text(), true);
            }
            ui.add_enabled_ui(idle, |ui| {
                ui.menu_button("Export", |ui| {
                    for f in ExportFormat::ALL {
                        let button = ui
                            .add_enabled(cx.has_documents, egui::Button::new(f.menu_text()))
                            .on_hover_text(f.description());
                        if button.clicked() {
                            choice.replace(Some(MenuChoice::Intent(Intent::Export(f))));
                        }
                    }
                })
            });
            ui.add_enabled_ui(idle, |ui| {
                ui.menu_button("Import", |ui| {
                    for f in ImportFormat::ALL {
                        if ui.button(f.menu_text()).clicked() {
                            choice.replace(Some(MenuChoice::Intent(Intent::Import(f))));
                        }
                    }
                })
            });
            ui.menu_button("Codebook", |ui| {
                for c in [Command::ExportCodebook, Command::ImportCodebook] {
                    item(ui, c, c.text(), true);
                }
            });
            ui.separator();
            item(ui, Command::Quit, Command::Quit.text(), true);
        });
        ui.menu_button("Edit", |ui| {
            let undo = cx.undo.map_or("Undo".to_owned(), |d| format!("Undo {d}"));
            item(ui, Command::Undo, &undo, cx.undo.is_some());
            let redo = cx.redo.map_or("Redo".to_owned(), |d| format!("Redo {d}"));
            item(ui, Command::Redo, &redo, cx.redo.is_some());
            ui.separator();
            item(
                ui,
                Command::DeleteAnnotation,
                Command::DeleteAnnotation.text(),
                cx.has_selected_span,
            );
            item(
                ui,
                Command::ClearSelection,
                Command::ClearSelection.text(),
                true,
            );
            ui.separator();
            item(ui, Command::Find, Command::Find.text(), cx.has_documents);
            for c in [Command::FindInProject, Command::CommandPalette] {
                item(ui, c, c.text(), true);
            }
            ui.separator();
            item(
                ui,
                Command::EditCodebook,
                Command::EditCodebook.text(),
                true,
            );
            item(ui, Command::Preferences, Command::Preferences.text(), true);
        });
        ui.menu_button("Annotation", |ui| {
            for c in [
                Command::NextSpan,
                Command::PreviousSpan,
                Command::FocusAnnotationList,
            ] {
                item(ui, c, c.text(), cx.has_documents);
            }
            ui.separator();
            for c in [Command::StartLink, Command::AddFragment] {
                item(ui, c, c.text(), cx.has_selected_span);
            }
            ui.menu_button("Boundaries", |ui| {
                for c in [
                    Command::ExtendStart,
                    Command::ShrinkStart,
                    Command::ExtendEnd,
                    Command::ShrinkEnd,
                    Command::ExtendStartWord,
                    Command::ShrinkStartWord,
                    Command::ExtendEndWord,
                    Command::ShrinkEndWord,
                ] {
                    item(ui, c, c.text(), cx.has_selected_span);
                }
            });
        });
        ui.menu_button("View", |ui| {
            for c in [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset] {
                item(ui, c, c.text(), true);
            }
            ui.separator();
            for c in [Command::NextDocument, Command::PreviousDocument] {
                item(ui, c, c.text(), cx.has_documents);
            }
            ui.separator();
            let theme = if cx.dark_mode {
                "Light theme"
            } else {
                "Dark theme"
            };
            item(ui, Command::ToggleTheme, theme, true);
            ui.separator();
            item(
                ui,
                Command::ToggleAnalysis,
                Command::ToggleAnalysis.text(),
                true,
            );
            item(
                ui,
                Command::ToggleAdjudication,
                Command::ToggleAdjudication.text(),
                cx.has_documents,
            );
        });
    });
    choice.into_inner()
}
