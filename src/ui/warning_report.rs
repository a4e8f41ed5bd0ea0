//! The report window after an import, a table of articles or a metadata table: what was
//! done, then the warnings grouped by kind (rarest first) with a count, each group opening
//! onto every one of its warnings in a scrolling list, and a button to save the full list.
//!
//! A modal list of 19,876 lines hid the few that mattered; this window keeps one line per
//! kind and stays out of the way (it is not modal) while the user looks at the documents.

use crate::formats::warning::{EXAMPLES, Warning, group};
use egui::Ui;

/// What the report window shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarningReport {
    /// Window title ("Import report").
    pub title: String,
    /// What was done, one line each ("Imported 84 documents, 6,925 spans…").
    pub summary: Vec<String>,
    /// What was not kept or changed to fit.
    pub warnings: Vec<Warning>,
}

/// What the user asked of the report window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportAction {
    /// Close it.
    Close,
    /// Save every warning to a file.
    SaveList,
}

/// Shows the report window; returns what the user asked for.
pub fn warning_report_ui(ctx: &egui::Context, report: &WarningReport) -> Option<ReportAction> {
    let mut action = None;
    let mut open = true;
    egui::Window::new(&report.title)
        .id(egui::Id::unique("warning report"))
        .open(&mut open)
        .default_size([640.0, 440.0])
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| {
            for line in &report.summary {
                ui.label(line);
            }
            ui.add_space(4.0);
            if report.warnings.is_empty() {
                ui.weak("Everything was kept as it was.");
            } else {
                groups_ui(ui, &report.warnings);
            }
            ui.separator();
            ui.horizontal(|ui| {
                if !report.warnings.is_empty()
                    && ui
                        .button("Save the full list…")
                        .on_hover_text("Every warning, one a line, grouped by kind")
                        .clicked()
                {
                    action = Some(ReportAction::SaveList);
                }
                if ui.button("Close").clicked() {
                    action = Some(ReportAction::Close);
                }
            });
        });
    if !open {
        action = Some(ReportAction::Close);
    }
    action
}

/// One collapsible section per kind; small groups start open.
fn groups_ui(ui: &mut Ui, warnings: &[Warning]) {
    let groups = group(warnings);
    ui.weak(format!(
        "{} not kept or changed to fit, of {} {}:",
        crate::progress::thousands(warnings.len() as u64),
        groups.len(),
        if groups.len() == 1 { "kind" } else { "kinds" }
    ));
    egui::ScrollArea::vertical()
        .id_salt("warning groups")
        .max_height(ui.available_height() - 40.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for g in &groups {
                egui::CollapsingHeader::new(g.heading())
                    .id_salt(g.kind)
                    .default_open(g.warnings.len() <= EXAMPLES)
                    .show(ui, |ui| {
                        let row_h = ui.text_style_height(&egui::TextStyle::Body);
                        egui::ScrollArea::vertical()
                            .id_salt(("warnings of", g.kind))
                            .max_height(200.0)
                            .auto_shrink([false, true])
                            .show_rows(ui, row_h, g.warnings.len(), |ui, rows| {
                                for w in &g.warnings[rows] {
                                    ui.add(egui::Label::new(&w.text).truncate())
                                        .on_hover_text(&w.text);
                                }
                            });
                    });
            }
        });
}
