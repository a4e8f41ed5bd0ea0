//! The Quote tracker's table: one row per statement, one column per outlet, the kind in
//! each cell (the outlet's fullest rendering when it has several articles), "not printed"
//! where a compared outlet left it out, nothing where the outlet was not compared (another
//! story). Column headers sort; a statement's number opens it, a cell shows the version.
//! Only the rows in view are laid out, so thousands of statements scroll smoothly.

use super::Asked;
use crate::align::report::{OutletCell, OutletTable, Presence, SortBy};
use crate::model::TextDirection;
use crate::ui::intent::Intent;
use crate::ui::theme;

const ROW_PX: f32 = 24.0;
const ID_PX: f32 = 70.0;
const SPEAKER_PX: f32 = 140.0;
/// The fullest version's column takes what the others leave, within these bounds.
const TEXT_MIN_PX: f32 = 180.0;
const TEXT_MAX_PX: f32 = 460.0;
const OUTLET_PX: f32 = 118.0;

/// Draws the table; returns what the user asked for.
pub fn show(ui: &mut egui::Ui, table: &OutletTable) -> Vec<Asked> {
    let mut asked = Vec::new();
    // Every outlet's column in view when the window allows: the text column gives way.
    let gaps = ui.spacing().item_spacing.x * (table.outlets.len() + 3) as f32;
    let fixed = ID_PX + SPEAKER_PX + OUTLET_PX * table.outlets.len() as f32 + gaps;
    let text_px = (ui.available_width() - fixed).clamp(TEXT_MIN_PX, TEXT_MAX_PX);
    egui::ScrollArea::horizontal()
        .id_salt("tracker-table-x")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                header(ui, "Statement", ID_PX, SortBy::Statement, &mut asked);
                header(ui, "Speaker", SPEAKER_PX, SortBy::Speaker, &mut asked);
                header(ui, "Fullest version", text_px, SortBy::Text, &mut asked);
                for (i, outlet) in table.outlets.iter().enumerate() {
                    header(ui, outlet, OUTLET_PX, SortBy::Outlet(i), &mut asked);
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("tracker-table-y")
                .auto_shrink([false, false])
                .show_rows(ui, ROW_PX, table.rows.len(), |ui, rows| {
                    for row in &table.rows[rows] {
                        ui.horizontal(|ui| {
                            ui.set_height(ROW_PX - 2.0);
                            let open = ui
                                .add_sized(
                                    [ID_PX, ROW_PX - 4.0],
                                    egui::Button::new(format!("{}", row.statement)),
                                )
                                .on_hover_text("Show this statement's versions side by side");
                            if open.clicked() {
                                asked.push(Asked::Open(row.statement));
                            }
                            cell_text(ui, &row.speaker, SPEAKER_PX);
                            cell_text(ui, &row.text, text_px);
                            for (cell, outlet) in row.cells.iter().zip(&table.outlets) {
                                asked.extend(kind_cell(ui, cell, outlet));
                            }
                        });
                    }
                });
        });
    asked
}

/// A column header that sorts by its column.
fn header(ui: &mut egui::Ui, text: &str, width: f32, by: SortBy, asked: &mut Vec<Asked>) {
    let button = egui::Button::new(egui::RichText::new(text).strong())
        .frame(false)
        .truncate();
    if ui
        .add_sized([width, ROW_PX], button)
        .on_hover_text(format!("Sort by {text} (again: the other way)"))
        .clicked()
    {
        asked.push(Asked::Sort(by));
    }
}

/// Text in a column of `width`, from its left edge (words read from the left), cut
/// with "…" when too long, whole on hover.
fn cell_text(ui: &mut egui::Ui, text: &str, width: f32) {
    // Right-to-left text is laid out in reading order and cut to about the cell's width
    // (egui cannot truncate a laid-out line); the cell reads from the left.
    let max_chars = (width / 7.0) as usize;
    let shown = super::bidi_text::line(ui, "", text, max_chars, TextDirection::Auto);
    let layout = egui::Layout::left_to_right(egui::Align::Center);
    ui.allocate_ui_with_layout(egui::vec2(width, ROW_PX - 4.0), layout, |ui| {
        ui.set_width(width);
        ui.add(egui::Label::new(shown).truncate())
            .on_hover_text(text);
    });
}

/// A cell: the kind on its colour (click: show the version), "not printed", or nothing.
fn kind_cell(ui: &mut egui::Ui, cell: &OutletCell, outlet: &str) -> Vec<Asked> {
    let size = [OUTLET_PX, ROW_PX - 4.0];
    match cell.presence {
        Presence::Version(kind) => {
            let button = egui::Button::new(kind.name()).fill(theme::kind_fill(kind, ui.visuals()));
            let more = if cell.versions.len() > 1 {
                format!(" ({} articles; the fullest shown)", cell.versions.len())
            } else {
                String::new()
            };
            let resp = ui.add_sized(size, button).on_hover_text(format!(
                "{outlet}: {}{more} — click to show it in the article",
                kind.name()
            ));
            if resp.clicked()
                && let Some(&(doc, span)) = cell.versions.first()
            {
                return vec![
                    Asked::App(Intent::ShowDocument(doc)),
                    Asked::App(Intent::SelectSpan {
                        span: Some(span),
                        reveal: true,
                    }),
                ];
            }
        }
        Presence::Absent => {
            ui.add_sized(
                size,
                egui::Label::new(egui::RichText::new("not printed").weak()),
            );
        }
        Presence::NotCompared => {
            ui.add_sized(size, egui::Label::new(egui::RichText::new("–").weak()))
                .on_hover_text(format!("{outlet} is not compared with this statement"));
        }
    }
    Vec::new()
}
