//! The import dialog: after a file is read and before anything is added, the span types it
//! brings are listed with their counts, and the user maps each to an existing label, a new
//! label (named as the file names it, or otherwise), or nothing.

use crate::formats::label_map::{LabelMap, MapTo};
use crate::formats::{ImportFormat, Imported};
use crate::model::Project;
use crate::progress::thousands;

/// What one span type becomes, as chosen in the dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeChoice {
    /// A label of the project (or, when none has the name, a new label of this name).
    Label(String),
    /// A new label whose name is being typed.
    NewLabel(String),
    /// Not imported.
    Drop,
}

/// An import read and waiting for the user's mapping.
pub struct ImportReview {
    /// The format it was read in.
    pub format: ImportFormat,
    /// What was read.
    pub imported: Imported,
    /// Each span type with its count and what it becomes, by type name.
    pub types: Vec<(String, usize, TypeChoice)>,
}

/// What the user decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewAction {
    /// Import with the mapping chosen.
    Import,
    /// Import nothing.
    Cancel,
}

impl ImportReview {
    /// A review of `imported`: every type keeps its name at first (joining the project's
    /// label of that name, if there is one).
    pub fn new(format: ImportFormat, imported: Imported) -> Self {
        let types = imported
            .label_counts()
            .into_iter()
            .map(|(name, n)| {
                let choice = TypeChoice::Label(name.clone());
                (name, n, choice)
            })
            .collect();
        Self {
            format,
            imported,
            types,
        }
    }

    /// The mapping chosen, leaving out the types that keep their own name.
    pub fn label_map(&self) -> LabelMap {
        let mut map = LabelMap::default();
        for (name, _, choice) in &self.types {
            let to = match choice {
                TypeChoice::Label(to) | TypeChoice::NewLabel(to) if to.trim() == name => continue,
                TypeChoice::Label(to) | TypeChoice::NewLabel(to) if to.trim().is_empty() => {
                    continue;
                }
                TypeChoice::Label(to) | TypeChoice::NewLabel(to) => {
                    MapTo::Label(to.trim().to_owned())
                }
                TypeChoice::Drop => MapTo::Drop,
            };
            map.rules.insert(name.clone(), to);
        }
        map
    }
}

/// Shows the dialog; returns what the user decided.
pub fn import_dialog_ui(
    ctx: &egui::Context,
    review: &mut ImportReview,
    project: &Project,
) -> Option<ReviewAction> {
    let mut action = None;
    let modal = egui::Modal::new(egui::Id::unique("import review")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(format!("Import {}", review.format.name()));
        let docs = review.imported.documents.len();
        let relations: usize = review
            .imported
            .documents
            .iter()
            .map(|d| d.relations.len())
            .sum();
        let spans: usize = review.types.iter().map(|t| t.1).sum();
        ui.label(format!(
            "{} documents, {} spans and {} relations read. Choose what each span type becomes:",
            thousands(docs as u64),
            thousands(spans as u64),
            thousands(relations as u64)
        ));
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                egui::Grid::new("import types")
                    .num_columns(3)
                    .striped(true)
                    .show(ui, |ui| {
                        for (name, count, choice) in &mut review.types {
                            type_row_ui(ui, name, *count, choice, project);
                            ui.end_row();
                        }
                    });
            });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Import").clicked() {
                action = Some(ReviewAction::Import);
            }
            if ui.button("Cancel").clicked() {
                action = Some(ReviewAction::Cancel);
            }
        });
    });
    if modal.should_close() && action.is_none() {
        action = Some(ReviewAction::Cancel);
    }
    action
}

/// One span type: its name and count, and a menu of what it becomes.
fn type_row_ui(
    ui: &mut egui::Ui,
    name: &str,
    count: usize,
    choice: &mut TypeChoice,
    project: &Project,
) {
    let label = ui.label(name);
    ui.weak(thousands(count as u64));
    let shown = match &*choice {
        TypeChoice::Label(l) if project.label(l).is_some() => format!("label “{l}”"),
        TypeChoice::Label(l) => format!("new label “{l}”"),
        TypeChoice::NewLabel(_) => "new label named…".to_owned(),
        TypeChoice::Drop => "nothing (leave out)".to_owned(),
    };
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt(("import type", name))
            .selected_text(shown)
            .width(200.0)
            .show_ui(ui, |ui| {
                if project.label(name).is_none() {
                    ui.selectable_value(
                        choice,
                        TypeChoice::Label(name.to_owned()),
                        format!("new label “{name}”"),
                    );
                }
                for l in &project.labels {
                    ui.selectable_value(
                        choice,
                        TypeChoice::Label(l.name.clone()),
                        format!("label “{}”", l.name),
                    );
                }
                if ui
                    .selectable_label(
                        matches!(choice, TypeChoice::NewLabel(_)),
                        "new label named…",
                    )
                    .clicked()
                {
                    *choice = TypeChoice::NewLabel(name.to_owned());
                }
                ui.selectable_value(choice, TypeChoice::Drop, "nothing (leave out)");
            })
            .response
            .labelled_by(label.id);
        if let TypeChoice::NewLabel(typed) = choice {
            let field = ui.label("Name");
            ui.add(
                egui::TextEdit::singleline(typed)
                    .desired_width(120.0)
                    .id_salt(("new label", name)),
            )
            .labelled_by(field.id);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_types_are_mapped() {
        let mut review = ImportReview::new(ImportFormat::Brat, Imported::default());
        review.types = vec![
            ("Content".into(), 3, TypeChoice::Label("quote".into())),
            ("Cue".into(), 2, TypeChoice::Label("Cue".into())),
            ("Source".into(), 2, TypeChoice::NewLabel(" source ".into())),
            ("Discard".into(), 1, TypeChoice::Drop),
            ("Other".into(), 1, TypeChoice::NewLabel(String::new())),
        ];
        let map = review.label_map();
        assert_eq!(map.rules.len(), 3);
        assert_eq!(map.rules["Content"], MapTo::Label("quote".into()));
        assert_eq!(map.rules["Source"], MapTo::Label("source".into()));
        assert_eq!(map.rules["Discard"], MapTo::Drop);
    }
}
