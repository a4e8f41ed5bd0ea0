//! The Analysis view (View ▸ Analysis): it takes the place of the article, the choices in
//! a panel at the side, each table's chart above the table. Clicking a bar or a count
//! lists the annotations behind it; clicking one of those shows it in its article. The
//! view reads the project and returns intents; it never edits. Its choices are kept per
//! project in the settings ([`SavedChoices`]).

mod choices;
mod controls;
mod picked;
mod table_grid;

pub use choices::{AnalysisTable, Choices, SavedChoices};

use super::chart_view::{ChartEvent, chart_ui};
use super::command::Command;
use super::intent::Intent;
use crate::analysis::chart::{Chart, chart};
use crate::analysis::{SpanRef, Table, agreement};
use crate::model::Project;
use table_grid::TableClick;

/// Width the chart is laid out for when written to a file, px.
pub const FILE_CHART_PX: f32 = 760.0;

/// The chart in the view is drawn this much larger than laid out: its text, sized for a
/// printed figure, then reads like the window's own.
const CHART_ZOOM: f32 = 1.25;

/// Annotations listed after a click on a bar or a count.
#[derive(Clone, Debug, PartialEq)]
pub struct Picked {
    /// What was clicked: "Daily Bulwark · quote: 2".
    pub name: String,
    /// The annotations behind it.
    pub spans: Vec<SpanRef>,
    /// The bar clicked (index into [`Chart::bars`]), to outline it; none for a table cell.
    pub bar: Option<usize>,
}

/// The view's state, kept between frames; the table and chart are recomputed only when
/// the project, a choice or the width changes.
#[derive(Default)]
pub struct AnalysisView {
    /// Whether the view is shown instead of the article.
    pub open: bool,
    /// What it shows.
    pub choices: Choices,
    /// The view was left to show an annotation: the article offers the way back.
    pub left_for_span: bool,
    /// The annotations of the bar or count last clicked.
    pub picked: Option<Picked>,
    table_cache: Option<(u64, Choices, Table)>,
    chart_cache: Option<(u64, Choices, u32, Option<Chart>)>,
}

impl AnalysisView {
    /// The table for the current choices, computed at most once per project revision.
    pub fn current(&mut self, project: &Project, revision: u64) -> Table {
        if let Some((r, c, table)) = &self.table_cache
            && *r == revision
            && *c == self.choices
        {
            return table.clone();
        }
        let table = self.choices.compute(project);
        self.table_cache = Some((revision, self.choices.clone(), table.clone()));
        table
    }

    /// The chart of the current table laid out for `width_px`, cached like the table.
    fn chart_for(&mut self, project: &Project, revision: u64, width_px: f32) -> Option<Chart> {
        // Whole pixels: a resize by a fraction of one does not lay the chart out again.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let width = width_px.max(0.0) as u32;
        if let Some((r, c, w, chart)) = &self.chart_cache
            && *r == revision
            && *c == self.choices
            && *w == width
        {
            return chart.clone();
        }
        let table = self.current(project, revision);
        #[allow(clippy::cast_precision_loss)]
        let options = self.choices.chart_options(width as f32);
        let laid_out = chart(self.choices.table.chart_kind(), project, &table, &options);
        self.chart_cache = Some((revision, self.choices.clone(), width, laid_out.clone()));
        laid_out
    }

    /// The chart of `table` (the current table) as written to a file.
    pub fn chart(&self, project: &Project, table: &Table) -> Option<Chart> {
        let options = self.choices.chart_options(FILE_CHART_PX);
        chart(self.choices.table.chart_kind(), project, table, &options)
    }

    /// The choices as the settings file keeps them.
    pub fn saved(&self) -> SavedChoices {
        SavedChoices::from(&self.choices)
    }

    /// Takes back choices saved for the project.
    pub fn restore(&mut self, saved: &SavedChoices) {
        self.choices = Choices::from(saved);
        self.picked = None;
    }

    /// The side panel: the choices.
    pub fn side_ui(&mut self, ui: &mut egui::Ui, project: &Project, revision: u64) {
        let table = self.current(project, revision);
        egui::ScrollArea::vertical()
            .id_salt("analysis-choices")
            .show(ui, |ui| {
                controls::controls_ui(ui, &mut self.choices, project, &table);
            });
    }

    /// The main area: tabs, buttons, chart and table, and the list of picked annotations.
    pub fn main_ui(&mut self, ui: &mut egui::Ui, project: &Project, revision: u64) -> Vec<Intent> {
        let mut intents = Vec::new();
        let before = self.choices.clone();
        toolbar_ui(ui, &mut self.choices, &mut intents);
        if self.choices != before {
            self.picked = None;
        }
        ui.separator();
        if self.picked.is_some() {
            egui::Panel::right("analysis-picked")
                .resizable(true)
                .default_size(340.0)
                .show(ui, |ui| {
                    if let Some(i) = picked::picked_ui(ui, project, &mut self.picked) {
                        intents.extend(i);
                        self.open = false;
                        self.left_for_span = true;
                    }
                });
        }
        let table = self.current(project, revision);
        egui::ScrollArea::both()
            .id_salt("analysis-main")
            .auto_shrink(false)
            .show(ui, |ui| {
                if !notice_ui(ui, self.choices.table, project, &table) {
                    let width = ((ui.available_width() - 8.0) / CHART_ZOOM).max(420.0);
                    let laid_out = self.chart_for(project, revision, width);
                    if let Some(chart) = laid_out {
                        let bar = self.picked.as_ref().and_then(|p| p.bar);
                        if let Some(ChartEvent::Clicked(i)) = chart_ui(ui, &chart, bar, CHART_ZOOM)
                            && let Some(b) = chart.bars().nth(i)
                        {
                            self.picked = Some(Picked {
                                name: b.name.clone(),
                                spans: b.spans.clone(),
                                bar: Some(i),
                            });
                        }
                    }
                }
                ui.add_space(8.0);
                ui.strong(format!("Table · {} rows", table.rows.len()));
                match table_grid::table_ui(ui, &table) {
                    Some(TableClick::List(p)) => self.picked = Some(p),
                    Some(TableClick::Show(r)) => {
                        intents.extend(show_span(r));
                        self.open = false;
                        self.left_for_span = true;
                    }
                    None => {}
                }
            });
        intents
    }
}

/// What showing an annotation in its article asks for.
pub fn show_span(r: SpanRef) -> Vec<Intent> {
    vec![
        Intent::ShowDocument(r.doc),
        Intent::SelectSpan {
            span: Some(r.span),
            reveal: true,
        },
    ]
}

/// The tables as tabs, and what can be done with the one shown.
fn toolbar_ui(ui: &mut egui::Ui, choices: &mut Choices, intents: &mut Vec<Intent>) {
    ui.horizontal_wrapped(|ui| {
        for t in AnalysisTable::ALL {
            ui.selectable_value(&mut choices.table, t, t.name());
        }
        ui.separator();
        ui.menu_button("Save", |ui| {
            for (text, command) in [
                ("Table as CSV…", Command::ExportAnalysisTable),
                ("Table for Excel…", Command::ExportAnalysisTableForExcel),
                ("Chart as SVG or PNG…", Command::ExportAnalysisChart),
            ] {
                if ui.button(text).on_hover_text(command.tooltip()).clicked() {
                    intents.push(Intent::Command(command));
                }
            }
        })
        .response
        .on_hover_text("Save the table (CSV, for Excel) or the chart (SVG, PNG)");
        if ui
            .button("Copy as CSV")
            .on_hover_text("Copy the table as CSV, to paste into a spreadsheet or a file")
            .clicked()
        {
            intents.push(Intent::Command(Command::CopyAnalysisTable));
        }
        if ui
            .button("Close")
            .on_hover_text("Back to the article (Esc)")
            .clicked()
        {
            intents.push(Intent::Command(Command::ToggleAnalysis));
        }
    });
}

/// Says why there is no chart, if there is none to draw; true when it said so.
fn notice_ui(ui: &mut egui::Ui, kind: AnalysisTable, project: &Project, table: &Table) -> bool {
    let text = if kind == AnalysisTable::Agreement && agreement::coders(project).len() < 2 {
        "Agreement needs two or more coders on the same articles: merge their projects \
         (File ▸ Merge coders' projects…) and open the result."
    } else if table.rows.is_empty() {
        match kind {
            AnalysisTable::Verbs => {
                "No reporting verbs yet: record the verb as the `cue` of an attribution \
                 (the attribute field under the annotation list)."
            }
            AnalysisTable::Quoted => "No quotes yet, or none in these documents.",
            AnalysisTable::Descriptors => "No descriptors yet, or none in these documents.",
            _ => "Nothing to count yet: label some text, or widen the choices at the side.",
        }
    } else {
        return false;
    };
    ui.add_space(12.0);
    ui.label(text);
    ui.add_space(12.0);
    true
}
