//! File ▸ Import metadata table…: after the table is read, this window shows which column
//! is the key and how many documents its rows match, so the user sees (and can change)
//! the matching before anything is applied; Import applies it as one undoable step.

use crate::formats::field_map::ColumnChoices;
use crate::formats::metadata_table::{MetadataPlan, plan_metadata};
use crate::formats::table::Table;
use crate::model::Project;

/// A metadata table waiting for the user's go-ahead.
pub struct MetadataImport {
    /// The table read.
    pub table: Table,
    /// The key column chosen (`None`: the recognised one).
    pub key: Option<String>,
    /// The plan, with the key and the project revision it was worked out for.
    plan: (Option<String>, u64, Result<MetadataPlan, String>),
}

/// What the user chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetadataAction {
    /// Apply this plan.
    Import(MetadataPlan),
    /// Close without changing anything.
    Cancel,
}

impl MetadataImport {
    /// A dialog for `table`, matching by the recognised key column.
    pub fn new(table: Table, project: &Project, revision: u64) -> Self {
        let plan = plan_metadata(project, &table, &ColumnChoices::default());
        Self {
            table,
            key: None,
            plan: (None, revision, plan),
        }
    }

    /// The plan for the chosen key, worked out again when the key or the project changed.
    pub fn plan(&mut self, project: &Project, revision: u64) -> &Result<MetadataPlan, String> {
        if self.plan.0 != self.key || self.plan.1 != revision {
            let choices = ColumnChoices {
                key: self.key.clone(),
                ..ColumnChoices::default()
            };
            let plan = plan_metadata(project, &self.table, &choices);
            self.plan = (self.key.clone(), revision, plan);
        }
        &self.plan.2
    }
}

/// Shows the dialog; returns the user's choice.
pub fn metadata_dialog_ui(
    ctx: &egui::Context,
    state: &mut MetadataImport,
    project: &Project,
    revision: u64,
) -> Option<MetadataAction> {
    let mut action = None;
    let modal = egui::Modal::new(egui::Id::unique("metadata import")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading("Import metadata table");
        let name = state
            .table
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        ui.label(format!(
            "{name}: {} rows, columns {}",
            crate::progress::thousands(state.table.rows.len() as u64),
            state.table.columns.join(", ")
        ));
        ui.weak(
            "Each row is matched to a document by its key: the file the document was read \
             from (without extension), else its title. Title, outlet, date, URL and author \
             columns (or publisher, publication_date, byline…) fill those fields; the other \
             columns become the project's own fields. Empty cells change nothing.",
        );
        ui.add_space(4.0);
        key_choice_ui(ui, state);
        let plan = state.plan(project, revision);
        ui.add_space(4.0);
        match plan {
            Ok(plan) => {
                ui.label(plan.summary(project.documents.len()));
                if !plan.warnings.is_empty() {
                    ui.weak(
                        "Unmatched documents and rows are listed in a report after the import.",
                    );
                }
            }
            Err(message) => {
                ui.colored_label(ui.visuals().warn_fg_color, message);
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let ready = plan.as_ref().is_ok_and(|p| p.matched > 0);
            if ui.add_enabled(ready, egui::Button::new("Import")).clicked()
                && let Ok(plan) = plan
            {
                action = Some(MetadataAction::Import(plan.clone()));
            }
            if ui.button("Cancel").clicked() {
                action = Some(MetadataAction::Cancel);
            }
        });
    });
    if modal.should_close() && action.is_none() {
        action = Some(MetadataAction::Cancel);
    }
    action
}

fn key_choice_ui(ui: &mut egui::Ui, state: &mut MetadataImport) {
    ui.horizontal(|ui| {
        let label = ui.label("Key column");
        let shown = state
            .key
            .clone()
            .unwrap_or_else(|| "recognised by its name".to_owned());
        egui::ComboBox::from_id_salt("metadata key")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.key, None, "recognised by its name");
                for c in &state.table.columns {
                    ui.selectable_value(&mut state.key, Some(c.clone()), c);
                }
            })
            .response
            .labelled_by(label.id);
    });
}
