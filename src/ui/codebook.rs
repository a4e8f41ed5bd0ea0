//! The codebook editor: add, rename (spans follow), recolour, set keys, describe and
//! delete labels; edit each label's attribute fields and the relation types. Every change
//! is an edit, so the whole codebook history is undoable like any annotation.

use super::intent::Intent;
use super::theme;
use crate::model::{AttributeDef, AttributeKind, Edit, Label, Project, RelationType};
use egui::Ui;

/// Okabe–Ito colours offered to new labels after the four defaults.
const NEW_LABEL_COLORS: [&str; 4] = ["#f0e442", "#0072b2", "#d55e00", "#999999"];

/// Editor state that is not in the project: names being typed, a pending delete.
#[derive(Default)]
pub struct CodebookEditor {
    /// Label index and the new name typed for it (applied on Enter or leaving the field).
    renaming: Option<(usize, String)>,
    /// A label the user asked to delete while spans use it.
    deleting: Option<usize>,
    /// A label the user asked to merge into another.
    merging: Option<super::label_merge::MergeQuestion>,
    /// Where the spans of a deleted label go: another label's name, or empty to delete them.
    move_to: String,
    /// The reporting-verb section's own state.
    lexicon: super::lexicon_editor::LexiconEditor,
}

/// Edits that replace the label set with `new` in one step.
fn set_labels(
    project: &Project,
    description: String,
    new: Vec<Label>,
    coalesce: Option<String>,
) -> Intent {
    Intent::Edit {
        description,
        edits: vec![Edit::SetLabels {
            old: project.labels.clone(),
            new,
        }],
        coalesce,
    }
}

/// Renaming a label relabels every span that uses it, in the same undo step. Both names
/// exist while the spans move (the new one without a key), so the step applies and undoes
/// with every span's label always defined.
pub fn rename_edits(project: &Project, index: usize, new_name: &str) -> Vec<Edit> {
    let Some(old) = project.labels.get(index) else {
        return Vec::new();
    };
    let mut both = project.labels.clone();
    let mut renamed = old.clone();
    new_name.clone_into(&mut renamed.name);
    both.push(Label {
        hotkey: String::new(),
        ..renamed
    });
    let mut labels = project.labels.clone();
    new_name.clone_into(&mut labels[index].name);
    let mut edits = vec![Edit::SetLabels {
        old: project.labels.clone(),
        new: both.clone(),
    }];
    for d in &project.documents {
        for s in d.spans.iter().filter(|s| s.label == old.name) {
            edits.push(Edit::SetSpanLabel {
                doc: d.id,
                span: s.id,
                old: old.name.clone(),
                new: new_name.to_owned(),
            });
        }
    }
    let mut types = project.relation_types.clone();
    let mut changed = false;
    for t in &mut types {
        for l in t.from.iter_mut().chain(t.to.iter_mut()) {
            if *l == old.name {
                new_name.clone_into(l);
                changed = true;
            }
        }
    }
    if changed {
        edits.push(Edit::SetRelationTypes {
            old: project.relation_types.clone(),
            new: types,
        });
    }
    edits.push(Edit::SetLabels {
        old: both,
        new: labels,
    });
    edits
}

/// Deleting a label: its spans move to `move_to`, or are deleted (with their relations)
/// when `move_to` is empty; then the label goes.
pub fn delete_edits(project: &Project, index: usize, move_to: &str) -> Vec<Edit> {
    let Some(old) = project.labels.get(index) else {
        return Vec::new();
    };
    let mut edits = Vec::new();
    for d in &project.documents {
        let mut removed_relations = std::collections::HashSet::new();
        for s in d.spans.iter().filter(|s| s.label == old.name) {
            if move_to.is_empty() {
                for e in project.remove_span_edits(d.id, s.id) {
                    if let Edit::RemoveRelation { relation, .. } = &e
                        && !removed_relations.insert(relation.id)
                    {
                        continue;
                    }
                    edits.push(e);
                }
            } else {
                edits.push(Edit::SetSpanLabel {
                    doc: d.id,
                    span: s.id,
                    old: old.name.clone(),
                    new: move_to.to_owned(),
                });
            }
        }
    }
    let mut labels = project.labels.clone();
    labels.remove(index);
    edits.push(Edit::SetLabels {
        old: project.labels.clone(),
        new: labels,
    });
    edits
}

impl CodebookEditor {
    /// The editor's contents; returns an intent when the user changed something.
    pub fn ui(&mut self, ui: &mut Ui, project: &Project) -> Option<Intent> {
        let mut intent = None;
        ui.heading("Labels");
        ui.weak("Definitions show as tooltips while annotating. Colours are colour-blind safe by default.");
        for (i, label) in project.labels.iter().enumerate() {
            ui.separator();
            if let Some(x) = self.label_ui(ui, project, i, label) {
                intent = Some(x);
            }
        }
        ui.add_space(6.0);
        if ui.button("Add label").clicked() {
            let mut labels = project.labels.clone();
            let n = labels.len();
            let name = (1..)
                .map(|k| {
                    if k == 1 {
                        "new label".to_owned()
                    } else {
                        format!("new label {k}")
                    }
                })
                .find(|n| project.label(n).is_none())
                .unwrap_or_default();
            let hotkey = (1..=9)
                .map(|k| k.to_string())
                .find(|k| !project.labels.iter().any(|l| l.hotkey == *k))
                .unwrap_or_default();
            labels.push(Label {
                name,
                color: NEW_LABEL_COLORS[n % NEW_LABEL_COLORS.len()].to_owned(),
                hotkey,
                description: String::new(),
                attributes: Vec::new(),
            });
            intent = Some(set_labels(project, "Add label".to_owned(), labels, None));
        }
        ui.separator();
        ui.heading("Relation types");
        if let Some(x) = relation_types_ui(ui, project) {
            intent = Some(x);
        }
        ui.separator();
        if let Some(x) = self.lexicon.ui(ui, project) {
            intent = Some(x);
        }
        if let Some(x) = self.delete_question_ui(ui, project) {
            intent = Some(x);
        }
        if let Some(question) = &mut self.merging
            && let Some(answer) = super::label_merge::merge_question_ui(ui.ctx(), question, project)
        {
            self.merging = None;
            intent = answer.or(intent);
        }
        intent
    }

    #[expect(
        clippy::too_many_lines,
        reason = "analysis (issue 16) is rewriting this panel; it is split there"
    )]
    fn label_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        i: usize,
        label: &Label,
    ) -> Option<Intent> {
        let mut intent = None;
        let uses: usize = project
            .documents
            .iter()
            .map(|d| d.spans.iter().filter(|s| s.label == label.name).count())
            .sum();
        ui.horizontal(|ui| {
            let [r, g, b] = label.rgb();
            let mut color = egui::Color32::from_rgb(r, g, b);
            if ui.color_edit_button_srgba(&mut color).changed() {
                let mut labels = project.labels.clone();
                labels[i].color = format!("#{:02x}{:02x}{:02x}", color.r(), color.g(), color.b());
                intent = Some(set_labels(
                    project,
                    "Recolour label".to_owned(),
                    labels,
                    Some(format!("colour {i}")),
                ));
            }
            let mut name = match &self.renaming {
                Some((k, typed)) if *k == i => typed.clone(),
                _ => label.name.clone(),
            };
            let name_label = ui.label("Name");
            let id = ui.make_persistent_id(("label name", i));
            let resp = super::bidi_field::singleline(ui, &mut name, id, |e| e.desired_width(140.0))
                .response
                .response
                .labelled_by(name_label.id);
            if resp.changed() {
                self.renaming = Some((i, name.clone()));
            }
            if resp.lost_focus()
                && let Some((k, typed)) = self.renaming.take()
                && k == i
            {
                let typed = typed.trim().to_owned();
                if !typed.is_empty() && typed != label.name {
                    intent = Some(Intent::Edit {
                        description: format!("Rename label '{}' to '{typed}'", label.name),
                        edits: rename_edits(project, i, &typed),
                        coalesce: None,
                    });
                }
            }
            let key_label = ui.label("Key");
            let mut key = label.hotkey.clone();
            let resp = ui
                .add(
                    egui::TextEdit::singleline(&mut key)
                        .desired_width(24.0)
                        .char_limit(1)
                        .id_salt(("label key", i)),
                )
                .labelled_by(key_label.id);
            if resp.changed() {
                let mut labels = project.labels.clone();
                labels[i].hotkey = key.trim().to_owned();
                intent = Some(set_labels(
                    project,
                    "Set label key".to_owned(),
                    labels,
                    None,
                ));
            }
            ui.weak(format!("{uses} spans"));
            if project.labels.len() > 1
                && ui
                    .small_button("Merge into…")
                    .on_hover_text("Give this label's annotations another label and remove it")
                    .clicked()
            {
                self.merging = Some(super::label_merge::MergeQuestion {
                    from: label.name.clone(),
                    into: String::new(),
                });
            }
            if ui.small_button("Delete…").clicked() {
                if uses == 0 {
                    let mut labels = project.labels.clone();
                    labels.remove(i);
                    intent = Some(set_labels(
                        project,
                        format!("Delete label '{}'", label.name),
                        labels,
                        None,
                    ));
                } else {
                    self.deleting = Some(i);
                    self.move_to.clear();
                }
            }
        });
        let desc_label = ui.label("Definition");
        let mut description = label.description.clone();
        let resp = ui
            .add(
                egui::TextEdit::multiline(&mut description)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .id_salt(("label description", i)),
            )
            .labelled_by(desc_label.id);
        if resp.changed() {
            let mut labels = project.labels.clone();
            labels[i].description = description;
            intent = Some(set_labels(
                project,
                "Edit definition".to_owned(),
                labels,
                Some(format!("description {i}")),
            ));
        }
        if let Some(x) = attributes_ui(ui, project, i, label) {
            intent = Some(x);
        }
        intent
    }

    fn delete_question_ui(&mut self, ui: &mut Ui, project: &Project) -> Option<Intent> {
        let i = self.deleting?;
        let label = project.labels.get(i)?;
        let mut intent = None;
        let modal = egui::Modal::new(egui::Id::unique("delete label")).show(ui.ctx(), |ui| {
            ui.heading(format!("Delete label “{}”?", label.name));
            ui.label("Annotations with this label:");
            ui.radio_value(
                &mut self.move_to,
                String::new(),
                "delete them (and their relations)",
            );
            for other in project.labels.iter().filter(|l| l.name != label.name) {
                ui.radio_value(
                    &mut self.move_to,
                    other.name.clone(),
                    format!("give them the label “{}”", other.name),
                );
            }
            ui.horizontal(|ui| {
                if ui.button("Delete label").clicked() {
                    intent = Some(Intent::Edit {
                        description: format!("Delete label '{}'", label.name),
                        edits: delete_edits(project, i, &self.move_to),
                        coalesce: None,
                    });
                    self.deleting = None;
                }
                if ui.button("Cancel").clicked() {
                    self.deleting = None;
                }
            });
        });
        if modal.should_close() {
            self.deleting = None;
        }
        intent
    }
}

/// Attribute fields of label `i`.
#[expect(
    clippy::too_many_lines,
    reason = "analysis (issue 16) is rewriting this panel; it is split there"
)]
fn attributes_ui(ui: &mut Ui, project: &Project, i: usize, label: &Label) -> Option<Intent> {
    let mut intent = None;
    let edit = |f: &dyn Fn(&mut Vec<AttributeDef>), what: &str, coalesce: Option<String>| {
        let mut labels = project.labels.clone();
        f(&mut labels[i].attributes);
        set_labels(project, what.to_owned(), labels, coalesce)
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("Fields:");
        for (k, def) in label.attributes.iter().enumerate() {
            ui.group(|ui| {
                let mut name = def.name.clone();
                let name_label = ui.label("Field");
                let id = ui.make_persistent_id(("attr name", i, k));
                if super::bidi_field::singleline(ui, &mut name, id, |e| e.desired_width(80.0))
                    .response
                    .response
                    .labelled_by(name_label.id)
                    .changed()
                {
                    intent = Some(edit(
                        &|a| a[k].name.clone_from(&name),
                        "Rename field",
                        Some(format!("attr {i} {k}")),
                    ));
                }
                let kind = match &def.kind {
                    AttributeKind::Text => "text",
                    AttributeKind::Choice(_) => "choice",
                    AttributeKind::YesNo => "yes/no",
                };
                egui::ComboBox::new(("attr kind", i, k), "type")
                    .selected_text(kind)
                    .show_ui(ui, |ui| {
                        for (text, new) in [
                            ("text", AttributeKind::Text),
                            (
                                "choice",
                                AttributeKind::Choice(vec!["a".to_owned(), "b".to_owned()]),
                            ),
                            ("yes/no", AttributeKind::YesNo),
                        ] {
                            if ui.selectable_label(kind == text, text).clicked() && kind != text {
                                intent = Some(edit(
                                    &|a| a[k].kind = new.clone(),
                                    "Change field type",
                                    None,
                                ));
                            }
                        }
                    });
                if let AttributeKind::Choice(options) = &def.kind {
                    let mut joined = options.join(", ");
                    let options_label = ui.label("Options");
                    if ui
                        .add(
                            egui::TextEdit::singleline(&mut joined)
                                .desired_width(160.0)
                                .id_salt(("attr options", i, k)),
                        )
                        .labelled_by(options_label.id)
                        .on_hover_text("Comma-separated")
                        .changed()
                    {
                        let list: Vec<String> = joined
                            .split(',')
                            .map(|o| o.trim().to_owned())
                            .filter(|o| !o.is_empty())
                            .collect();
                        intent = Some(edit(
                            &|a| a[k].kind = AttributeKind::Choice(list.clone()),
                            "Edit options",
                            Some(format!("options {i} {k}")),
                        ));
                    }
                }
                if ui
                    .small_button("×")
                    .on_hover_text("Remove this field")
                    .clicked()
                {
                    intent = Some(edit(
                        &|a| {
                            a.remove(k);
                        },
                        "Remove field",
                        None,
                    ));
                }
            });
        }
        if ui.small_button("+ field").clicked() {
            let name = (1..)
                .map(|n| format!("field{n}"))
                .find(|n| !label.attributes.iter().any(|a| a.name == *n))
                .unwrap_or_default();
            intent = Some(edit(
                &|a| a.push(AttributeDef::text(&name)),
                "Add field",
                None,
            ));
        }
    });
    let _ = theme::DEFAULT_FONT_PX;
    intent
}

/// The relation types: name, labels it links, definition.
fn relation_types_ui(ui: &mut Ui, project: &Project) -> Option<Intent> {
    let mut intent = None;
    let set = |types: Vec<RelationType>, what: &str, coalesce: Option<String>| Intent::Edit {
        description: what.to_owned(),
        edits: vec![Edit::SetRelationTypes {
            old: project.relation_types.clone(),
            new: types,
        }],
        coalesce,
    };
    for (k, t) in project.relation_types.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let mut name = t.name.clone();
            let name_label = ui.label("Type");
            let id = ui.make_persistent_id(("rel name", k));
            if super::bidi_field::singleline(ui, &mut name, id, |e| e.desired_width(100.0))
                .response
                .response
                .labelled_by(name_label.id)
                .changed()
            {
                let mut types = project.relation_types.clone();
                types[k].name = name;
                intent = Some(set(
                    types,
                    "Rename relation type",
                    Some(format!("rel name {k}")),
                ));
            }
            for (side, list) in [("from", &t.from), ("to", &t.to)] {
                let shown = if list.is_empty() {
                    "any label".to_owned()
                } else {
                    list.join(", ")
                };
                egui::ComboBox::new(("rel side", k, side), side)
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for label in &project.labels {
                            let mut on = list.contains(&label.name);
                            if ui.checkbox(&mut on, &label.name).changed() {
                                let mut types = project.relation_types.clone();
                                let target = if side == "from" {
                                    &mut types[k].from
                                } else {
                                    &mut types[k].to
                                };
                                if on {
                                    target.push(label.name.clone());
                                } else {
                                    target.retain(|l| *l != label.name);
                                }
                                intent = Some(set(types, "Change relation type", None));
                            }
                        }
                    });
            }
            if ui
                .small_button("×")
                .on_hover_text("Remove this relation type")
                .clicked()
            {
                let in_use = project
                    .documents
                    .iter()
                    .any(|d| d.relations.iter().any(|r| r.kind == t.name));
                if !in_use {
                    let mut types = project.relation_types.clone();
                    types.remove(k);
                    intent = Some(set(types, "Remove relation type", None));
                }
            }
        });
    }
    if ui.button("Add relation type").clicked() {
        let mut types = project.relation_types.clone();
        let name = (1..)
            .map(|n| format!("relation{n}"))
            .find(|n| project.relation_type(n).is_none())
            .unwrap_or_default();
        types.push(RelationType {
            name,
            from: Vec::new(),
            to: Vec::new(),
            description: String::new(),
        });
        intent = Some(set(types, "Add relation type", None));
    }
    intent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Document, History};

    #[test]
    fn rename_carries_spans_and_relation_types_and_undoes_in_one_step() {
        let mut p = Project::new("t");
        p.documents
            .push(Document::new(DocId(1), "d", "Khan said it was a disgrace."));
        for (label, s, e) in [("attribution", 0, 9), ("quote", 10, 27)] {
            let span = p.make_span(DocId(1), label, s, e).expect("span");
            Edit::AddSpan {
                doc: DocId(1),
                span,
            }
            .apply(&mut p)
            .expect("add");
        }
        let before = p.clone();
        let mut h = History::default();
        let edits = rename_edits(&p, 0, "speech");
        h.apply(&mut p, "rename", edits).expect("rename");
        assert_eq!(p.labels[0].name, "speech");
        assert_eq!(p.documents[0].spans[1].label, "speech");
        assert!(p.relation_types[0].to.contains(&"speech".to_owned()));
        assert!(p.problems().is_empty());
        h.undo(&mut p).expect("undo");
        assert_eq!(p, before);
    }

    #[test]
    fn delete_label_moves_or_removes_its_spans() {
        let mut p = Project::new("t");
        p.documents
            .push(Document::new(DocId(1), "d", "one two three"));
        let span = p.make_span(DocId(1), "claim", 0, 3).expect("span");
        Edit::AddSpan {
            doc: DocId(1),
            span,
        }
        .apply(&mut p)
        .expect("add");
        let mut moved = p.clone();
        for e in delete_edits(&p, 1, "quote") {
            e.apply(&mut moved).expect("apply");
        }
        assert_eq!(moved.documents[0].spans[0].label, "quote");
        assert!(moved.label("claim").is_none());
        let mut removed = p.clone();
        for e in delete_edits(&p, 1, "") {
            e.apply(&mut removed).expect("apply");
        }
        assert!(removed.documents[0].spans.is_empty());
        assert!(removed.problems().is_empty());
    }
}
