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
const ID_PX: f32 = 86.0;
const SPEAKER_PX: f32 = 140.0;
/// The fullest version's column takes what the others leave, within these bounds.
const TEXT_MIN_PX: f32 = 180.0;
const TEXT_MAX_PX: f32 = 460.0;
const OUTLET_PX: f32 = 118.0;

/// Room at a header's right for the arrow showing the sort.
const ARROW_PX: f32 = 14.0;

/// A column's header: its text, width, what it sorts by, and whether its cells are
/// centred (a button filling the column) or read from the left (text).
struct Column<'a> {
    text: &'a str,
    width: f32,
    by: SortBy,
    centred: bool,
}

/// Draws the table, sorted by `sort` (column, descending); returns what the user asked
/// for.
pub fn show(ui: &mut egui::Ui, table: &OutletTable, sort: (SortBy, bool)) -> Vec<Asked> {
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
                let fixed = [
                    ("Statement", ID_PX, SortBy::Statement, true),
                    ("Speaker", SPEAKER_PX, SortBy::Speaker, false),
                    ("Fullest version", text_px, SortBy::Text, false),
                ];
                let outlets = table
                    .outlets
                    .iter()
                    .enumerate()
                    .map(|(i, outlet)| (outlet.as_str(), OUTLET_PX, SortBy::Outlet(i), true));
                for (text, width, by, centred) in fixed.into_iter().chain(outlets) {
                    let column = Column {
                        text,
                        width,
                        by,
                        centred,
                    };
                    if header(ui, &column, sort) {
                        asked.push(Asked::Sort(by));
                    }
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

/// A column header that sorts by its column, lined up as its cells are, with an arrow
/// when the table is sorted by it; true when clicked.
fn header(ui: &mut egui::Ui, column: &Column<'_>, sort: (SortBy, bool)) -> bool {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(column.width, ROW_PX), egui::Sense::hover());
    let room = rect.with_max_x(rect.max.x - ARROW_PX);
    let mut inner = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(room)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    if column.centred {
        // Centred over a cell that is a button the column's width.
        let font = egui::TextStyle::Body.resolve(inner.style());
        let text_px = inner
            .painter()
            .layout_no_wrap(column.text.to_owned(), font, egui::Color32::PLACEHOLDER)
            .size()
            .x;
        let lead = ((column.width - text_px) / 2.0).min(room.width() - text_px);
        inner.add_space(lead.max(0.0));
    }
    let sorted = (sort.0 == column.by).then_some(sort.1);
    let hover = match sorted {
        Some(false) => format!(
            "Sorted by {}, ascending — click to sort descending",
            column.text
        ),
        Some(true) => format!(
            "Sorted by {}, descending — click to sort ascending",
            column.text
        ),
        None => format!("Sort by {}", column.text),
    };
    // A label, not a button: no padding, so the header starts where its cells' text does.
    let label = egui::Label::new(egui::RichText::new(column.text).strong())
        .sense(egui::Sense::click())
        .truncate();
    let response = inner
        .add(label)
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text(hover);
    if let Some(descending) = sorted {
        let centre = egui::pos2(
            response.rect.right() + ARROW_PX / 2.0,
            response.rect.center().y,
        );
        sort_arrow(ui, centre, descending);
    }
    response.clicked()
}

/// A small triangle: pointing up for ascending, down for descending.
fn sort_arrow(ui: &egui::Ui, centre: egui::Pos2, descending: bool) {
    let (w, h) = (4.0, 3.0);
    let (tip, base) = if descending { (h, -h) } else { (-h, h) };
    let points = vec![
        centre + egui::vec2(-w, base),
        centre + egui::vec2(w, base),
        centre + egui::vec2(0.0, tip),
    ];
    let color = ui.visuals().strong_text_color();
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        color,
        egui::Stroke::NONE,
    ));
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
