//! The table under the chart, as a grid: a count with annotations behind it can be
//! clicked to list them, and a row's `#id` buttons show its annotations one by one.

use super::Picked;
use crate::analysis::{Cell, SpanRef, Table};

/// `#id` buttons shown at most per row.
const MAX_ID_BUTTONS: usize = 12;

/// What a click in the table asked for.
pub enum TableClick {
    /// List the annotations behind a count.
    List(Picked),
    /// Show this annotation in its article.
    Show(SpanRef),
}

/// The grid; returns what a click asked for.
pub fn table_ui(ui: &mut egui::Ui, table: &Table) -> Option<TableClick> {
    let mut clicked = None;
    egui::Grid::new("analysis-grid")
        .striped(true)
        .show(ui, |ui| {
            for h in &table.header {
                ui.strong(h);
            }
            ui.end_row();
            for (r, row) in table.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    // The ids as buttons that show each annotation, not as text.
                    let click = if table.header[c] == "span_ids" {
                        id_buttons_ui(ui, &table.sources[r])
                    } else {
                        cell_ui(ui, table, r, c, cell)
                    };
                    if click.is_some() {
                        clicked = click;
                    }
                }
                ui.end_row();
            }
        });
    clicked
}

/// One cell: a count with annotations behind it is a button that lists them.
fn cell_ui(
    ui: &mut egui::Ui,
    table: &Table,
    r: usize,
    c: usize,
    cell: &Cell,
) -> Option<TableClick> {
    let spans = table.cell_spans(r, c);
    let countable = matches!(cell, Cell::Count(n) if *n > 0) && !spans.is_empty();
    if !countable {
        ui.label(cell.display());
        return None;
    }
    let row = &table.rows[r];
    let name = format!("{} · {}: {}", row[0].text(), table.header[c], cell.text());
    let response = ui.add(egui::Button::new(cell.display()).frame(false));
    // Named in full for screen readers: a bare "2" says nothing.
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Table: {name}"))
    });
    response
        .on_hover_text(format!("List the annotations behind {name}"))
        .clicked()
        .then(|| {
            TableClick::List(Picked {
                name,
                spans: spans.to_vec(),
                bar: None,
            })
        })
}

/// A row's annotations as `#id` buttons, each showing its annotation in its article.
fn id_buttons_ui(ui: &mut egui::Ui, sources: &[SpanRef]) -> Option<TableClick> {
    let mut clicked = None;
    ui.horizontal(|ui| {
        for s in sources.iter().take(MAX_ID_BUTTONS) {
            if ui
                .small_button(format!("#{}", s.span))
                .on_hover_text("Show this annotation in its article")
                .clicked()
            {
                clicked = Some(TableClick::Show(*s));
            }
        }
        if sources.len() > MAX_ID_BUTTONS {
            ui.weak(format!("+{}", sources.len() - MAX_ID_BUTTONS));
        }
    });
    clicked
}
