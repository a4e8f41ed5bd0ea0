//! Native file dialogs (rfd), modal questions and small informational views.
//!
//! rfd returns `None` when no dialog can be shown (headless machines), so every dialog
//! here has a path-taking method on the app that tests and the command line use instead.

use super::app::{Pending, Report};
use super::command::Command;
use crate::formats::article::ARTICLE_EXTENSIONS;
use crate::formats::table::TABLE_EXTENSIONS;
use crate::formats::{ExportFormat, ImportFormat};
use crate::model::Document;
use std::path::PathBuf;

/// What a path is being chosen for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileTarget {
    /// A project to open.
    OpenProject,
    /// Articles to add (several at once).
    AddArticles,
    /// Where to save the project; then run the action that was waiting for the save.
    SaveProject(Option<Pending>),
    /// Where to export.
    Export(ExportFormat),
    /// Files (or a brat folder) to import annotations from.
    Import(ImportFormat),
    /// Where to write the codebook.
    ExportCodebook,
    /// A codebook to read.
    ImportCodebook,
    /// Coders' projects to merge (several at once).
    MergeProjects,
    /// Where to write the Analysis window's table as CSV.
    ExportTable,
    /// Where to write the full list of an import's warnings.
    SaveWarnings,
    /// Where to write the Analysis window's table as CSV for Excel.
    ExportTableForExcel,
    /// A table of metadata for the project's documents.
    MetadataTable,
    /// Where to write the Quote tracker's statements × outlets table as CSV.
    ExportStatements,
    /// Where to write the Analysis view's chart (SVG, or PNG by the name).
    ExportChart,
}

impl FileTarget {
    fn title(&self) -> String {
        match self {
            FileTarget::OpenProject => "Open project".to_owned(),
            FileTarget::AddArticles => "Add articles".to_owned(),
            FileTarget::SaveProject(_) => "Save project".to_owned(),
            FileTarget::Export(f) => format!("Export {}", f.name()),
            FileTarget::Import(f) => format!("Import {}", f.name()),
            FileTarget::ExportCodebook => "Export codebook".to_owned(),
            FileTarget::ImportCodebook => "Import codebook".to_owned(),
            FileTarget::MergeProjects => "Merge coders' projects".to_owned(),
            FileTarget::ExportTable => "Save table as CSV".to_owned(),
            FileTarget::SaveWarnings => "Save the full list of warnings".to_owned(),
            FileTarget::ExportTableForExcel => "Save table as CSV for Excel".to_owned(),
            FileTarget::MetadataTable => "Import metadata table".to_owned(),
            FileTarget::ExportStatements => "Save statements table as CSV".to_owned(),
            FileTarget::ExportChart => "Save chart as SVG or PNG".to_owned(),
        }
    }
}

/// Whether a native file dialog can appear. On Linux rfd needs the desktop portal (over
/// the session bus) or `zenity`; without either it returns nothing, and the user would
/// see nothing happen.
pub fn native_dialogs_available() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join("zenity").is_file()));
    bus || zenity
}

/// Shows the native dialog for `target`; `None` when cancelled.
pub fn pick(target: &FileTarget, default_name: &str) -> Option<Vec<PathBuf>> {
    let dialog = rfd::FileDialog::new().set_title(target.title());
    match target {
        FileTarget::OpenProject => dialog
            .add_filter("Lectern project (.ron)", &["ron"])
            .pick_file()
            .map(|p| vec![p]),
        FileTarget::AddArticles => dialog
            .add_filter(
                "Articles and tables of articles",
                &[ARTICLE_EXTENSIONS.as_slice(), TABLE_EXTENSIONS.as_slice()].concat(),
            )
            .add_filter(
                format!("Articles ({})", article_formats_text()),
                &ARTICLE_EXTENSIONS,
            )
            .add_filter(
                format!("Tables, one article a row ({})", table_formats_text()),
                &TABLE_EXTENSIONS,
            )
            .add_filter("All files", &["*"])
            .pick_files(),
        FileTarget::SaveProject(_) => dialog
            .add_filter("Lectern project (.ron)", &["ron"])
            .set_file_name(default_name)
            .save_file()
            .map(|p| vec![p]),
        // A folder format (brat) is saved under a new folder name.
        FileTarget::Export(f) if f.is_folder() => dialog
            .set_file_name(default_name)
            .save_file()
            .map(|p| vec![p]),
        FileTarget::Export(f) => dialog
            .add_filter(f.name(), &[f.extension()])
            .set_file_name(default_name)
            .save_file()
            .map(|p| vec![p]),
        // brat exports are folders: pick one or more (the .ann/.txt pairs inside are read).
        FileTarget::Import(ImportFormat::Brat) => dialog.pick_folders(),
        FileTarget::Import(f) => dialog
            .add_filter(f.menu_text().trim_end_matches('…'), f.extensions())
            .add_filter("All files", &["*"])
            .pick_files(),
        FileTarget::ExportCodebook => dialog
            .add_filter("Lectern codebook (.ron)", &["ron"])
            .set_file_name(default_name)
            .save_file()
            .map(|p| vec![p]),
        FileTarget::ImportCodebook => dialog
            .add_filter("Lectern codebook (.ron)", &["ron"])
            .pick_file()
            .map(|p| vec![p]),
        FileTarget::MergeProjects => dialog
            .add_filter("Lectern project (.ron)", &["ron"])
            .pick_files(),
        FileTarget::MetadataTable => dialog
            .add_filter(
                "Tables (.csv, .tsv, .xlsx, .ods, .jsonl)",
                &TABLE_EXTENSIONS,
            )
            .add_filter("All files", &["*"])
            .pick_file()
            .map(|p| vec![p]),
        FileTarget::SaveWarnings => dialog
            .add_filter("Text", &["txt"])
            .set_file_name(default_name)
            .save_file()
            .map(|p| vec![p]),
        FileTarget::ExportTableForExcel => dialog
            .add_filter("CSV for Excel", &["csv"])
            .set_file_name(default_name)
            .save_file()
            .map(|p| vec![p]),
        FileTarget::ExportTable => dialog
            .add_filter("CSV", &["csv"])
            .set_file_name(default_name)
            .save_file()
            .map(|p| vec![p]),
        FileTarget::ExportChart => dialog
            .add_filter("SVG (text stays text)", &["svg"])
            .add_filter("PNG", &["png"])
            .set_file_name(default_name)
            .save_file()
            .map(|p| vec![p]),
        FileTarget::ExportStatements => dialog
            .add_filter("CSV", &["csv"])
            .set_file_name(default_name)
            .save_file()
            .map(|p| vec![p]),
    }
}

/// Lectern's own path prompt, for systems without a native file dialog.
pub struct PathPrompt {
    /// What the path is for.
    pub target: FileTarget,
    text: String,
}

impl PathPrompt {
    /// A prompt for `target`, prefilled with `default_name` in the current folder.
    pub fn new(target: FileTarget, default_name: &str) -> Self {
        let text = if default_name.is_empty() {
            String::new()
        } else {
            std::env::current_dir()
                .map(|d| d.join(default_name).display().to_string())
                .unwrap_or_else(|_| default_name.to_owned())
        };
        Self { target, text }
    }
}

/// Shows the path prompt; `Some(Some(paths))` when confirmed, `Some(None)` when cancelled.
pub fn path_prompt_ui(
    ctx: &egui::Context,
    prompt: &mut PathPrompt,
) -> Option<Option<Vec<PathBuf>>> {
    let mut answer = None;
    let several = matches!(
        prompt.target,
        FileTarget::AddArticles | FileTarget::MergeProjects
    );
    let modal = egui::Modal::new(egui::Id::unique("path prompt")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading(prompt.target.title());
        ui.label(if several {
            "No file dialog is available here. Type the paths, one per line:"
        } else {
            "No file dialog is available here. Type the file’s path:"
        });
        let label = ui.label("Path");
        let edit = if several {
            egui::TextEdit::multiline(&mut prompt.text).desired_rows(4)
        } else {
            egui::TextEdit::singleline(&mut prompt.text)
        };
        let resp = ui
            .add(edit.desired_width(f32::INFINITY))
            .labelled_by(label.id);
        resp.request_focus();
        let enter = !several && resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            if ui.button("OK").clicked() || enter {
                let paths: Vec<PathBuf> = prompt
                    .text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(PathBuf::from)
                    .collect();
                answer = Some(Some(paths));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(None);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(None);
    }
    answer
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

/// A row of widgets centred in the width: egui lays a row out from the left, so the row's
/// width from the last frame sets the space before it (one more frame when it changes).
fn centred_row_ui(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    let id = ui.scope_id().with("centred row");
    let known: Option<f32> = ui.data(|d| d.get_temp(id));
    let margin = known.map_or(0.0, |w| ((ui.available_width() - w) / 2.0).max(0.0));
    ui.horizontal_wrapped(|ui| {
        ui.add_space(margin);
        let start = ui.cursor().min.x;
        add(ui);
        let width = ui.min_rect().max.x - start;
        if known.is_none_or(|w| (w - width).abs() > 0.5) {
            ui.data_mut(|d| d.insert_temp(id, width));
            ui.ctx().request_repaint();
        }
    });
}

/// Shown when the project has no documents: what Lectern is and how to start.
pub fn welcome_ui(ui: &mut egui::Ui) -> Option<Command> {
    let mut choice = None;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.25);
        ui.heading("Lectern");
        ui.label("Label quotes, claims, descriptors and attributions in news articles.");
        ui.add_space(12.0);
        ui.label(format!(
            "Drop articles ({}) or tables of articles, one a row ({}), on this window, or:",
            article_formats_text(),
            table_formats_text()
        ));
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
        ui.add_space(12.0);
        ui.weak("Or import documents annotated elsewhere:");
        centred_row_ui(ui, |ui| {
            for format in ImportFormat::ALL {
                let command = Command::Import(format);
                let text = format.menu_text().trim_end_matches('…');
                if ui
                    .small_button(text)
                    .on_hover_text(command.tooltip())
                    .clicked()
                {
                    choice = Some(command);
                }
            }
        });
    });
    choice
}

/// The article formats Lectern reads, for people: ".txt, .md, .html, .docx or .pdf"
/// (spelling variants such as .htm and .markdown left out).
pub fn article_formats_text() -> String {
    extensions_text(&ARTICLE_EXTENSIONS, &["htm", "markdown"])
}

/// The table formats Lectern reads articles from, for people (variants left out).
pub fn table_formats_text() -> String {
    extensions_text(&TABLE_EXTENSIONS, &["tab", "xlsm"])
}

/// ".a, .b or .c" for `extensions` without `variants`.
fn extensions_text(extensions: &[&str], variants: &[&str]) -> String {
    let shown: Vec<String> = extensions
        .iter()
        .filter(|e| !variants.contains(e))
        .map(|e| format!(".{e}"))
        .collect();
    match shown.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => shown.concat(),
    }
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
    let title = super::text_layout::snippet_text(
        ui,
        &doc.title,
        egui::TextStyle::Heading,
        ui.available_width(),
    );
    ui.label(title.heading());
    let m = &doc.metadata;
    let parts: Vec<&str> = [m.outlet.as_str(), m.date.as_str(), m.author.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !parts.is_empty() {
        ui.weak(parts.join(" · "));
    }
}

/// The preferences window; returns false once the user closes it.
pub fn preferences_ui(ctx: &egui::Context, settings: &mut super::settings::Settings) -> bool {
    let mut open = true;
    let modal = egui::Modal::new(egui::Id::unique("preferences")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Preferences");
        let label = ui.label("Annotator name (recorded on every annotation you make)");
        ui.add(egui::TextEdit::singleline(&mut settings.annotator).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        ui.checkbox(
            &mut settings.snap_to_words,
            "Widen new selections to whole words",
        );
        ui.checkbox(&mut settings.dark_mode, "Dark theme");
        ui.add_space(8.0);
        if ui.button("Done").clicked() {
            open = false;
        }
    });
    open && !modal.should_close()
}
