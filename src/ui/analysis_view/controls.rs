//! The Analysis view's side panel: what to group by, the table's own options, dates,
//! labels and annotators. It changes only the view's [`Choices`]; the table and chart
//! follow on the same frame.

use super::choices::{AnalysisTable, Choices};
use crate::analysis::chart::descriptor_targets;
use crate::analysis::{GroupBy, Table, Unit, Within};
use crate::model::Project;
use crate::ui::theme;
use std::collections::BTreeSet;

/// The side panel's contents. `table` is the table shown (for the descriptors' targets).
pub fn controls_ui(ui: &mut egui::Ui, choices: &mut Choices, project: &Project, table: &Table) {
    ui.heading(choices.table.name());
    ui.add_space(4.0);
    group_by_ui(ui, choices, project);
    ui.add_space(6.0);
    table_options_ui(ui, choices, project, table);
    ui.separator();
    ui.strong("Documents dated");
    egui::Grid::new("analysis-dates").show(ui, |ui| {
        ui.label("from");
        date_field_ui(ui, &mut choices.filter.date_from, "analysis-from");
        ui.end_row();
        ui.label("to");
        date_field_ui(ui, &mut choices.filter.date_to, "analysis-to");
        ui.end_row();
    });
    if choices.table.uses_labels() {
        ui.separator();
        labels_ui(ui, choices, project);
    }
    annotators_ui(ui, choices, project);
    ui.separator();
    if ui
        .button("Reset choices")
        .on_hover_text("Every label, annotator and date; grouped by outlet")
        .clicked()
    {
        *choices = Choices {
            table: choices.table,
            ..Choices::default()
        };
    }
}

fn group_by_ui(ui: &mut egui::Ui, choices: &mut Choices, project: &Project) {
    if choices.table == AnalysisTable::Cooccurrence || (choices.table == AnalysisTable::Agreement) {
        // Neither groups documents.
        return;
    }
    ui.horizontal(|ui| {
        let name = ui.label("Group by");
        egui::ComboBox::from_id_salt("analysis-by")
            .selected_text(choices.by.name().to_owned())
            .show_ui(ui, |ui| {
                let custom = project
                    .custom_fields
                    .iter()
                    .map(|f| GroupBy::Custom(f.clone()));
                for g in GroupBy::BUILT_IN.into_iter().chain(custom) {
                    let name = g.name().to_owned();
                    ui.selectable_value(&mut choices.by, g, name);
                }
            })
            .response
            .labelled_by(name.id);
    });
}

fn table_options_ui(ui: &mut egui::Ui, choices: &mut Choices, project: &Project, table: &Table) {
    match choices.table {
        AnalysisTable::Counts => {}
        AnalysisTable::Quoted => {
            ui.checkbox(&mut choices.grouped, "A bar per outlet, side by side")
                .on_hover_text("Instead of one bar per speaker stacked by outlet");
        }
        AnalysisTable::Verbs => {
            ui.checkbox(&mut choices.verbs.per_speaker, "Per speaker");
            ui.checkbox(&mut choices.verbs.detail, "Finer classes")
                .on_hover_text(
                    "Caldas-Coulthard's classes: structuring, assertive, directive, expressive, metalinguistic, descriptive",
                );
        }
        AnalysisTable::Descriptors => target_ui(ui, choices, table),
        AnalysisTable::Cooccurrence => cooccurrence_ui(ui, choices, project),
        AnalysisTable::Agreement => {
            ui.horizontal(|ui| {
                let name = ui.label("Units");
                egui::ComboBox::from_id_salt("analysis-unit")
                    .selected_text(match choices.unit {
                        Unit::Token => "tokens",
                        Unit::CodePoint => "characters",
                    })
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut choices.unit, Unit::Token, "tokens");
                        ui.selectable_value(&mut choices.unit, Unit::CodePoint, "characters");
                    })
                    .response
                    .labelled_by(name.id);
            });
            ui.checkbox(&mut choices.per_document, "Per document");
        }
    }
}

/// Whose descriptors the chart shows.
fn target_ui(ui: &mut egui::Ui, choices: &mut Choices, table: &Table) {
    let targets = descriptor_targets(table);
    let shown = choices
        .target
        .clone()
        .filter(|t| targets.contains(t))
        .or_else(|| targets.first().cloned())
        .unwrap_or_default();
    ui.horizontal(|ui| {
        let name = ui.label("Chart of");
        egui::ComboBox::from_id_salt("analysis-target")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for t in targets {
                    ui.selectable_value(&mut choices.target, Some(t.clone()), t);
                }
            })
            .response
            .labelled_by(name.id);
    });
}

fn cooccurrence_ui(ui: &mut egui::Ui, choices: &mut Choices, project: &Project) {
    let names: BTreeSet<&str> = project
        .labels
        .iter()
        .flat_map(|l| l.attributes.iter().map(|a| a.name.as_str()))
        .collect();
    egui::Grid::new("analysis-cooccurrence").show(ui, |ui| {
        let name = ui.label("Of");
        egui::ComboBox::from_id_salt("analysis-of")
            .selected_text(choices.attribute.as_deref().unwrap_or("labels"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut choices.attribute, None, "labels");
                for n in names {
                    ui.selectable_value(&mut choices.attribute, Some(n.to_owned()), n);
                }
            })
            .response
            .labelled_by(name.id);
        ui.end_row();
        let name = ui.label("Within a");
        egui::ComboBox::from_id_salt("analysis-within")
            .selected_text(match choices.within {
                Within::Paragraph => "paragraph",
                Within::Sentence => "sentence",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut choices.within, Within::Paragraph, "paragraph");
                ui.selectable_value(&mut choices.within, Within::Sentence, "sentence");
            })
            .response
            .labelled_by(name.id);
        ui.end_row();
    });
}

/// Tick boxes over a set where an empty set means "all": ticking the last one empties
/// it again, so a label added later is counted too.
fn tick(set: &mut BTreeSet<String>, all: &BTreeSet<String>, item: &str, on: bool) {
    if set.is_empty() {
        set.clone_from(all);
    }
    if on {
        set.insert(item.to_owned());
    } else {
        set.remove(item);
    }
    if set == all {
        set.clear();
    }
}

fn labels_ui(ui: &mut egui::Ui, choices: &mut Choices, project: &Project) {
    ui.strong("Labels");
    let all: BTreeSet<String> = project.labels.iter().map(|l| l.name.clone()).collect();
    for label in &project.labels {
        let labels = &mut choices.filter.labels;
        let mut on = labels.is_empty() || labels.contains(&label.name);
        ui.horizontal(|ui| {
            theme::color_chip(ui, label);
            if ui.checkbox(&mut on, &label.name).changed() {
                tick(labels, &all, &label.name, on);
            }
        });
    }
}

fn annotators_ui(ui: &mut egui::Ui, choices: &mut Choices, project: &Project) {
    let all: BTreeSet<String> = project
        .documents
        .iter()
        .flat_map(|d| d.spans.iter().map(|s| s.annotator.to_string()))
        .collect();
    if all.len() < 2 {
        return;
    }
    ui.separator();
    ui.horizontal(|ui| {
        ui.strong("Annotators");
        if !choices.filter.annotators.is_empty() && ui.small_button("all").clicked() {
            choices.filter.annotators.clear();
        }
    });
    for a in &all {
        let annotators = &mut choices.filter.annotators;
        let mut on = annotators.is_empty() || annotators.contains(a);
        let name = if a.is_empty() { "(none)" } else { a.as_str() };
        if ui.checkbox(&mut on, name).changed() {
            tick(annotators, &all, a, on);
        }
    }
}

/// A date bound as a small text field; empty means none.
fn date_field_ui(ui: &mut egui::Ui, value: &mut Option<String>, id: &str) {
    let mut text = value.clone().unwrap_or_default();
    let edit = egui::TextEdit::singleline(&mut text)
        .id_salt(id)
        .hint_text("YYYY-MM-DD");
    // Wide enough for the whole hint: a bare "Y…" says nothing.
    if ui.add_sized([110.0, 20.0], edit).changed() {
        *value = (!text.trim().is_empty()).then(|| text.trim().to_owned());
    }
}
