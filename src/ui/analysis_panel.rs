//! The Analysis window (View ▸ Analysis): the `lectern stats` and `lectern agreement`
//! tables for the open project, a bar chart of the counts, and click-through from a row
//! to the spans behind it. It reads the project and returns intents; it never edits.

use super::command::Command;
use super::intent::Intent;
use super::theme;
use crate::analysis::chart::{Chart, ChartKind, ChartOptions, chart};
use crate::analysis::{self, Filter, GroupBy, Table, Unit, Within};
use crate::model::Project;

/// Which table the window shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AnalysisTable {
    /// Spans per label per group.
    #[default]
    Counts,
    /// Quotes per speaker with reporting verbs.
    Quoted,
    /// Descriptor texts per target.
    Descriptors,
    /// Labels together in a paragraph.
    Cooccurrence,
    /// Intercoder agreement per label.
    Agreement,
}

impl AnalysisTable {
    /// Every table, in the order of the selector.
    pub const ALL: [AnalysisTable; 5] = [
        AnalysisTable::Counts,
        AnalysisTable::Quoted,
        AnalysisTable::Descriptors,
        AnalysisTable::Cooccurrence,
        AnalysisTable::Agreement,
    ];

    /// Name in the selector.
    pub fn name(self) -> &'static str {
        match self {
            AnalysisTable::Counts => "Label counts",
            AnalysisTable::Quoted => "Who is quoted",
            AnalysisTable::Descriptors => "Descriptors",
            AnalysisTable::Cooccurrence => "Co-occurrence",
            AnalysisTable::Agreement => "Agreement",
        }
    }
}

/// What the window shows, kept between frames; the table is recomputed only when the
/// project or a choice changes.
#[derive(Default)]
pub struct AnalysisPanel {
    /// Whether the window is open.
    pub open: bool,
    /// The table shown.
    pub table: AnalysisTable,
    /// What documents are grouped by.
    pub by: GroupBy,
    /// Which spans count.
    pub filter: Filter,
    /// For co-occurrence: values of this attribute instead of labels.
    pub attribute: Option<String>,
    /// For co-occurrence: within a paragraph or a sentence.
    pub within: Within,
    /// For agreement: what a token-level unit is.
    pub unit: Unit,
    /// For agreement: one row per document instead of per label.
    pub per_document: bool,
    cache: Option<(u64, Choice, Table)>,
}

/// Everything a table depends on besides the project.
#[derive(Clone, PartialEq)]
struct Choice {
    table: AnalysisTable,
    by: GroupBy,
    filter: Filter,
    attribute: Option<String>,
    within: Within,
    unit: Unit,
    per_document: bool,
}

impl AnalysisPanel {
    /// The table for the current choices, computed at most once per project revision.
    pub fn current(&mut self, project: &Project, revision: u64) -> Table {
        let choice = Choice {
            table: self.table,
            by: self.by.clone(),
            filter: self.filter.clone(),
            attribute: self.attribute.clone(),
            within: self.within,
            unit: self.unit,
            per_document: self.per_document,
        };
        if let Some((r, c, table)) = &self.cache
            && *r == revision
            && *c == choice
        {
            return table.clone();
        }
        let table = compute(project, &choice);
        self.cache = Some((revision, choice, table.clone()));
        table
    }

    /// Draws the window if it is open; returns what a click asked for.
    pub fn window_ui(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        revision: u64,
    ) -> Vec<Intent> {
        let mut intents = Vec::new();
        let mut open = self.open;
        egui::Window::new("Analysis")
            .id(super::windows::AppWindow::Analysis.id())
            .open(&mut open)
            .default_size([720.0, 480.0])
            .resizable(true)
            .show(ctx, |ui| {
                self.controls_ui(ui, project);
                ui.separator();
                let kind = self.table;
                let table = self.current(project, revision);
                ui.horizontal(|ui| {
                    if ui
                        .button("Copy as CSV")
                        .on_hover_text(
                            "Copy this table as CSV, to paste into a spreadsheet or a file",
                        )
                        .clicked()
                    {
                        ui.ctx().copy_text(table.to_csv());
                    }
                    if ui
                        .button("Save as CSV or SVG…")
                        .on_hover_text(
                            "Write this table to a CSV file, or the bar chart to an SVG file",
                        )
                        .clicked()
                    {
                        intents.push(Intent::Command(Command::ExportAnalysisTable));
                    }
                    if ui
                        .button("Save for Excel…")
                        .on_hover_text(Command::ExportAnalysisTableForExcel.tooltip())
                        .clicked()
                    {
                        intents.push(Intent::Command(Command::ExportAnalysisTableForExcel));
                    }
                    ui.weak(format!("{} rows", table.rows.len()));
                });
                if kind == AnalysisTable::Agreement
                    && analysis::agreement::coders(project).len() < 2
                {
                    ui.label(
                        "Agreement needs two or more coders on the same articles: merge their \
                         projects (File ▸ Merge coders' projects…) and open the result.",
                    );
                }
                if kind == AnalysisTable::Counts {
                    bar_chart_ui(ui, project, &table);
                    ui.separator();
                }
                if let Some(i) = table_ui(ui, &table) {
                    intents.extend(i);
                }
            });
        self.open = open;
        intents
    }

    fn controls_ui(&mut self, ui: &mut egui::Ui, project: &Project) {
        ui.horizontal_wrapped(|ui| {
            let name = ui.label("Table");
            egui::ComboBox::from_id_salt("analysis-table")
                .selected_text(self.table.name())
                .show_ui(ui, |ui| {
                    for t in AnalysisTable::ALL {
                        ui.selectable_value(&mut self.table, t, t.name());
                    }
                })
                .response
                .labelled_by(name.id);
            let name = ui.label("by");
            egui::ComboBox::from_id_salt("analysis-by")
                .selected_text(self.by.name().to_owned())
                .show_ui(ui, |ui| {
                    let custom = project
                        .custom_fields
                        .iter()
                        .map(|f| GroupBy::Custom(f.clone()));
                    for g in GroupBy::BUILT_IN.into_iter().chain(custom) {
                        let name = g.name().to_owned();
                        ui.selectable_value(&mut self.by, g, name);
                    }
                })
                .response
                .labelled_by(name.id);
            if self.table == AnalysisTable::Agreement {
                let name = ui.label("units");
                egui::ComboBox::from_id_salt("analysis-unit")
                    .selected_text(match self.unit {
                        Unit::Token => "tokens",
                        Unit::CodePoint => "characters",
                    })
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.unit, Unit::Token, "tokens");
                        ui.selectable_value(&mut self.unit, Unit::CodePoint, "characters");
                    })
                    .response
                    .labelled_by(name.id);
                ui.checkbox(&mut self.per_document, "per document");
            }
            if self.table == AnalysisTable::Cooccurrence {
                let names: std::collections::BTreeSet<&str> = project
                    .labels
                    .iter()
                    .flat_map(|l| l.attributes.iter().map(|a| a.name.as_str()))
                    .collect();
                let name = ui.label("of");
                egui::ComboBox::from_id_salt("analysis-of")
                    .selected_text(self.attribute.as_deref().unwrap_or("labels"))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.attribute, None, "labels");
                        for n in names {
                            ui.selectable_value(&mut self.attribute, Some(n.to_owned()), n);
                        }
                    })
                    .response
                    .labelled_by(name.id);
                let name = ui.label("within a");
                egui::ComboBox::from_id_salt("analysis-within")
                    .selected_text(match self.within {
                        Within::Paragraph => "paragraph",
                        Within::Sentence => "sentence",
                    })
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.within, Within::Paragraph, "paragraph");
                        ui.selectable_value(&mut self.within, Within::Sentence, "sentence");
                    })
                    .response
                    .labelled_by(name.id);
            }
            ui.label("from");
            date_field_ui(ui, &mut self.filter.date_from, "analysis-from");
            ui.label("to");
            date_field_ui(ui, &mut self.filter.date_to, "analysis-to");
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Labels:");
            for label in &project.labels {
                let mut on =
                    self.filter.labels.is_empty() || self.filter.labels.contains(&label.name);
                theme::color_chip(ui, label);
                if ui.checkbox(&mut on, &label.name).changed() {
                    if self.filter.labels.is_empty() {
                        self.filter.labels =
                            project.labels.iter().map(|l| l.name.clone()).collect();
                    }
                    if on {
                        self.filter.labels.insert(label.name.clone());
                    } else {
                        self.filter.labels.remove(&label.name);
                    }
                    if self.filter.labels.len() == project.labels.len() {
                        self.filter.labels.clear();
                    }
                }
            }
        });
        let annotators: std::collections::BTreeSet<String> = project
            .documents
            .iter()
            .flat_map(|d| d.spans.iter().map(|s| s.annotator.clone()))
            .collect();
        if annotators.len() > 1 {
            ui.horizontal_wrapped(|ui| {
                ui.label("Annotators:");
                for a in &annotators {
                    let mut on =
                        self.filter.annotators.is_empty() || self.filter.annotators.contains(a);
                    let name = if a.is_empty() { "(none)" } else { a.as_str() };
                    if ui.checkbox(&mut on, name).changed() {
                        if self.filter.annotators.is_empty() {
                            self.filter.annotators.clone_from(&annotators);
                        }
                        if on {
                            self.filter.annotators.insert(a.clone());
                        } else {
                            self.filter.annotators.remove(a);
                        }
                        if self.filter.annotators.len() == annotators.len() {
                            self.filter.annotators.clear();
                        }
                    }
                }
                if !self.filter.annotators.is_empty() && ui.small_button("all").clicked() {
                    self.filter.annotators.clear();
                }
            });
        }
    }
}

impl AnalysisTable {
    /// The kind of chart the table has.
    pub fn chart_kind(self) -> ChartKind {
        match self {
            AnalysisTable::Counts => ChartKind::Counts,
            AnalysisTable::Quoted => ChartKind::Quoted,
            AnalysisTable::Descriptors => ChartKind::Descriptors,
            AnalysisTable::Cooccurrence => ChartKind::Cooccurrence,
            AnalysisTable::Agreement => ChartKind::Agreement,
        }
    }
}

impl AnalysisPanel {
    /// The chart of `table` (the current table) as written to a file.
    pub fn chart(&self, project: &Project, table: &Table) -> Option<Chart> {
        chart(
            self.table.chart_kind(),
            project,
            table,
            &ChartOptions::default(),
        )
    }
}

fn compute(project: &Project, choice: &Choice) -> Table {
    let (filter, by) = (&choice.filter, &choice.by);
    match choice.table {
        AnalysisTable::Counts => analysis::label_counts(project, filter, by),
        AnalysisTable::Quoted => analysis::who_is_quoted(project, filter, by),
        AnalysisTable::Descriptors => analysis::descriptors(project, filter, by),
        AnalysisTable::Cooccurrence => match &choice.attribute {
            Some(name) => analysis::attribute_cooccurrence(project, filter, choice.within, name),
            None => analysis::cooccurrence(project, filter, choice.within),
        },
        AnalysisTable::Agreement if choice.per_document => {
            analysis::agreement_by_document(project, choice.unit)
        }
        AnalysisTable::Agreement => analysis::agreement(project, choice.unit, true),
    }
}

/// A date bound as a small text field; empty means none.
fn date_field_ui(ui: &mut egui::Ui, value: &mut Option<String>, id: &str) {
    let mut text = value.clone().unwrap_or_default();
    let edit = egui::TextEdit::singleline(&mut text)
        .id_salt(id)
        .hint_text("YYYY-MM-DD")
        .desired_width(90.0);
    if ui.add(edit).changed() {
        *value = (!text.trim().is_empty()).then(|| text.trim().to_owned());
    }
}

/// Horizontal stacked bars: one per row of the counts table, one segment per label in
/// the label's colour, the row's total at the end.
fn bar_chart_ui(ui: &mut egui::Ui, project: &Project, table: &Table) {
    let Some(total_col) = table.column("total") else {
        return;
    };
    let max = table
        .rows
        .iter()
        .filter_map(|r| r[total_col].value())
        .fold(0.0_f64, f64::max);
    if max <= 0.0 {
        return;
    }
    let row_px = 18.0;
    let label_px = 180.0;
    let width = ui.available_width().max(label_px + 60.0);
    let height = row_px * table.rows.len() as f32;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter_at(rect);
    let text_color = ui.visuals().text_color();
    let font = egui::FontId::proportional(12.0);
    let bar_width = (width - label_px - 40.0) as f64;
    for (i, row) in table.rows.iter().enumerate() {
        let y = rect.top() + row_px * i as f32;
        let name: String = row[0].text().chars().take(28).collect();
        painter.text(
            egui::pos2(rect.left(), y + row_px / 2.0),
            egui::Align2::LEFT_CENTER,
            name,
            font.clone(),
            text_color,
        );
        let mut x = rect.left() + label_px;
        for (c, header) in table.header.iter().enumerate().take(total_col).skip(1) {
            let n = row[c].value().unwrap_or(0.0);
            let w = (n / max * bar_width) as f32;
            if w > 0.0 {
                let color = project.label(header).map_or(text_color, theme::label_color);
                painter.rect_filled(
                    egui::Rect::from_min_size(egui::pos2(x, y + 3.0), egui::vec2(w, row_px - 6.0)),
                    1.0,
                    color,
                );
                x += w;
            }
        }
        painter.text(
            egui::pos2(x + 4.0, y + row_px / 2.0),
            egui::Align2::LEFT_CENTER,
            row[total_col].display(),
            font.clone(),
            text_color,
        );
    }
}

/// The table as a grid; a row with spans behind it gets a button per span that shows
/// the span in its document.
fn table_ui(ui: &mut egui::Ui, table: &Table) -> Option<Vec<Intent>> {
    let mut clicked = None;
    egui::ScrollArea::both()
        .id_salt("analysis-table")
        .show(ui, |ui| {
            egui::Grid::new("analysis-grid")
                .striped(true)
                .show(ui, |ui| {
                    for h in &table.header {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for (row, sources) in table.rows.iter().zip(&table.sources) {
                        for cell in row {
                            ui.label(cell.display());
                        }
                        if !sources.is_empty() && table.header.iter().any(|h| h == "span_ids") {
                            ui.horizontal(|ui| {
                                for s in sources.iter().take(12) {
                                    if ui
                                        .small_button(format!("#{}", s.span))
                                        .on_hover_text("Show this annotation in its document")
                                        .clicked()
                                    {
                                        clicked = Some(*s);
                                    }
                                }
                            });
                        }
                        ui.end_row();
                    }
                });
        });
    clicked.map(|s| {
        vec![
            Intent::ShowDocument(s.doc),
            Intent::SelectSpan {
                span: Some(s.span),
                reveal: true,
            },
        ]
    })
}
