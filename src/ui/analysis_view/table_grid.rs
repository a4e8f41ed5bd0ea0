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
    let ids = table.header.iter().any(|h| h == "span_ids");
    egui::Grid::new("analysis-grid")
        .striped(true)
        .show(ui, |ui| {
            for h in &table.header {
                ui.strong(h);
            }
            ui.end_row();
            for (r, row) in table.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let spans = table.cell_spans(r, c);
                    let countable = matches!(cell, Cell::Count(n) if *n > 0) && !spans.is_empty();
                    if !countable || table.header[c] == "span_ids" {
                        ui.label(cell.display());
                        continue;
                    }
                    let name = format!("{} · {}: {}", row[0].text(), table.header[c], cell.text());
                    let button = egui::Button::new(cell.display()).frame(false);
                    let response = ui.add(button);
                    // Named in full for screen readers: a bare "2" says nothing.
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("Table: {name}"),
                        )
                    });
                    if response
                        .on_hover_text(format!("List the annotations behind {name}"))
                        .clicked()
                    {
                        clicked = Some(TableClick::List(Picked {
                            name,
                            spans: spans.to_vec(),
                            bar: None,
                        }));
                    }
                }
                if ids && !table.sources[r].is_empty() {
                    ui.horizontal(|ui| {
                        for s in table.sources[r].iter().take(MAX_ID_BUTTONS) {
                            if ui
                                .small_button(format!("#{}", s.span))
                                .on_hover_text("Show this annotation in its article")
                                .clicked()
                            {
                                clicked = Some(TableClick::Show(*s));
                            }
                        }
                    });
                }
                ui.end_row();
            }
        });
    clicked
}
