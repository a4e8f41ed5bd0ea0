//! The codebook editor's section for the reporting-verb lexicon: the verbs with their
//! class (neutral or evaluative), finer class and irregular forms, the phrases that
//! attribute without a verb, and the cues coders typed that the lexicon does not know yet,
//! each addable in one click. Every change is one `Edit::SetLexicon`, so it is undone in one
//! step; the first change gives the project its own copy of the built-in list.

use super::intent::Intent;
use crate::model::{Edit, Lexicon, Project, ReportingVerb, VerbClass, VerbDetail};
use egui::Ui;
use std::collections::BTreeMap;

/// Verbs listed at most without a search; typing narrows the list.
const MAX_SHOWN: usize = 60;

/// What the section keeps between frames: the search, the verb being added, a lemma
/// being retyped, and the last refusal.
#[derive(Default)]
pub struct LexiconEditor {
    find: String,
    new_lemma: String,
    new_class: VerbClass,
    /// A verb's position and its lemma as typed (applied on leaving the field).
    renaming: Option<(usize, String)>,
    /// Why the last addition was refused.
    refusal: Option<String>,
}

/// The edit that makes `new` the project's lexicon, as one undo step.
fn set_lexicon(
    project: &Project,
    description: String,
    new: Lexicon,
    coalesce: Option<String>,
) -> Intent {
    Intent::Edit {
        description,
        edits: vec![Edit::SetLexicon {
            old: project.lexicon.clone().map(Box::new),
            new: Some(Box::new(new)),
        }],
        coalesce,
    }
}

/// Lower case, spaces single, ends trimmed: how lemmas are written.
fn tidy(word: &str) -> String {
    word.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Cues coders recorded that the lexicon does not match, with how often, most first.
pub fn unknown_cues(project: &Project) -> Vec<(String, usize)> {
    let index = project.lexicon().index();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for span in project.documents.iter().flat_map(|d| &d.spans) {
        if let Some(cue) = span
            .attributes
            .get("cue")
            .map(|c| tidy(c))
            .filter(|c| !c.is_empty())
            && index.lookup(&cue).is_none()
        {
            *counts.entry(cue).or_default() += 1;
        }
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

impl LexiconEditor {
    /// The section; returns an intent when the user changed the lexicon.
    pub fn ui(&mut self, ui: &mut Ui, project: &Project) -> Option<Intent> {
        let lexicon = project.lexicon();
        let mut intent = None;
        ui.heading("Reporting verbs");
        ui.weak(
            "Classes the cue (reporting verb) of attributions in Analysis ▸ Reporting verbs. \
             Regular English forms match by themselves (claims, claimed, claiming, has \
             claimed); list irregular ones (said, told) as forms.",
        );
        ui.horizontal(|ui| {
            match &project.lexicon {
                Some(own) => ui.label(format!(
                    "This project's own list: {} verbs",
                    own.verbs.len()
                )),
                None => ui.label(format!(
                    "The built-in English list: {} verbs",
                    lexicon.verbs.len()
                )),
            };
            if project.lexicon.is_some()
                && ui
                    .small_button("Back to the built-in list")
                    .on_hover_text("Forget this project's changes to the verbs (undoable)")
                    .clicked()
            {
                intent = Some(Intent::Edit {
                    description: "Use the built-in reporting verbs".to_owned(),
                    edits: vec![Edit::SetLexicon {
                        old: project.lexicon.clone().map(Box::new),
                        new: None,
                    }],
                    coalesce: None,
                });
            }
        });
        if let Some(x) = unknown_cues_ui(ui, project) {
            intent = Some(x);
        }
        if let Some(x) = self.add_ui(ui, project) {
            intent = Some(x);
        }
        if let Some(x) = self.verbs_ui(ui, project) {
            intent = Some(x);
        }
        if let Some(x) = markers_ui(ui, project) {
            intent = Some(x);
        }
        intent
    }

    /// A field for a new verb, its class and "Add verb".
    fn add_ui(&mut self, ui: &mut Ui, project: &Project) -> Option<Intent> {
        let mut intent = None;
        ui.horizontal(|ui| {
            let name = ui.label("New verb");
            let field = egui::TextEdit::singleline(&mut self.new_lemma)
                .hint_text("e.g. fume, point out")
                .desired_width(140.0);
            let response = ui.add(field).labelled_by(name.id);
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            class_ui(
                ui,
                "new verb class",
                &mut self.new_class,
                "Class of the new verb",
            );
            if ui.button("Add verb").clicked() || enter {
                let lemma = tidy(&self.new_lemma);
                let lexicon = project.lexicon();
                if lemma.is_empty() {
                    self.refusal = Some("Type the verb's dictionary form first".to_owned());
                } else if let Some(v) = lexicon.verb(&lemma) {
                    self.refusal = Some(format!(
                        "“{lemma}” is already in the list, as “{}”",
                        v.lemma
                    ));
                } else {
                    let mut new = lexicon.clone();
                    new.verbs.push(ReportingVerb {
                        lemma: lemma.clone(),
                        class: self.new_class,
                        ..ReportingVerb::default()
                    });
                    intent = Some(set_lexicon(
                        project,
                        format!("Add reporting verb '{lemma}'"),
                        new,
                        None,
                    ));
                    self.new_lemma.clear();
                    self.find = lemma;
                    self.refusal = None;
                }
            }
        });
        if let Some(r) = &self.refusal {
            ui.colored_label(ui.visuals().warn_fg_color, r);
        }
        intent
    }

    /// The verbs matching the search, each with its class, finer class, forms and Remove.
    fn verbs_ui(&mut self, ui: &mut Ui, project: &Project) -> Option<Intent> {
        let lexicon = project.lexicon();
        let mut intent = None;
        ui.horizontal(|ui| {
            let name = ui.label("Find verb");
            ui.add(egui::TextEdit::singleline(&mut self.find).desired_width(140.0))
                .labelled_by(name.id);
        });
        let query = tidy(&self.find);
        let shown: Vec<usize> = (0..lexicon.verbs.len())
            .filter(|i| query.is_empty() || lexicon.verbs[*i].lemma.contains(&query))
            .collect();
        egui::Grid::new("lexicon-verbs")
            .striped(true)
            .show(ui, |ui| {
                for h in ["verb", "class", "finer class", "irregular forms", ""] {
                    ui.strong(h);
                }
                ui.end_row();
                for &i in shown.iter().take(MAX_SHOWN) {
                    if let Some(x) = self.verb_row_ui(ui, project, i) {
                        intent = Some(x);
                    }
                    ui.end_row();
                }
            });
        if shown.len() > MAX_SHOWN {
            ui.weak(format!(
                "{} more; type to find them",
                shown.len() - MAX_SHOWN
            ));
        }
        intent
    }

    fn verb_row_ui(&mut self, ui: &mut Ui, project: &Project, i: usize) -> Option<Intent> {
        let lexicon = project.lexicon();
        let verb = &lexicon.verbs[i];
        let mut intent = None;
        let change =
            |description: String, coalesce: Option<String>, f: &dyn Fn(&mut ReportingVerb)| {
                let mut new = lexicon.clone();
                f(&mut new.verbs[i]);
                set_lexicon(project, description, new, coalesce)
            };
        let mut lemma = match &self.renaming {
            Some((k, typed)) if *k == i => typed.clone(),
            _ => verb.lemma.clone(),
        };
        let response = ui.add(
            egui::TextEdit::singleline(&mut lemma)
                .desired_width(120.0)
                .id_salt(("lexicon lemma", i)),
        );
        let response = response
            .accessible_name(format!("Verb {}", verb.lemma))
            .on_hover_text(format!("Reporting verb “{}”", verb.lemma));
        if response.changed() {
            self.renaming = Some((i, lemma));
        }
        if response.lost_focus()
            && let Some((k, typed)) = self.renaming.take()
            && k == i
        {
            let typed = tidy(&typed);
            if !typed.is_empty() && typed != verb.lemma {
                let description = format!("Rename reporting verb '{}' to '{typed}'", verb.lemma);
                intent = Some(change(description, None, &|v| v.lemma.clone_from(&typed)));
            }
        }
        let mut class = verb.class;
        if class_ui(
            ui,
            ("lexicon class", i),
            &mut class,
            &format!("Class of {}", verb.lemma),
        ) {
            let description = format!("Class '{}' as {}", verb.lemma, class.name());
            intent = Some(change(description, None, &|v| v.class = class));
        }
        let mut detail = verb.detail;
        if detail_ui(
            ui,
            ("lexicon detail", i),
            &mut detail,
            &format!("Finer class of {}", verb.lemma),
        ) {
            let description = format!("Set the finer class of '{}'", verb.lemma);
            intent = Some(change(description, None, &|v| v.detail = detail));
        }
        let mut forms = verb.forms.join(", ");
        let response = ui.add(
            egui::TextEdit::singleline(&mut forms)
                .hint_text("said, told")
                .desired_width(150.0)
                .id_salt(("lexicon forms", i)),
        );
        let response = response.accessible_name(format!("Forms of {}", verb.lemma));
        if response
            .on_hover_text(format!("Irregular forms of “{}”", verb.lemma))
            .changed()
        {
            let list: Vec<String> = forms
                .split(',')
                .map(tidy)
                .filter(|f| !f.is_empty())
                .collect();
            let description = format!("Edit the forms of '{}'", verb.lemma);
            intent = Some(change(
                description,
                Some(format!("lexicon forms {i}")),
                &|v| v.forms.clone_from(&list),
            ));
        }
        if ui
            .small_button("Remove")
            .on_hover_text(format!("Remove “{}”", verb.lemma))
            .clicked()
        {
            let mut new = lexicon.clone();
            new.verbs.remove(i);
            intent = Some(set_lexicon(
                project,
                format!("Remove reporting verb '{}'", verb.lemma),
                new,
                None,
            ));
        }
        intent
    }
}

/// Neutral or evaluative; true when the user changed it.
fn class_ui(ui: &mut Ui, id: impl egui::AsIdSalt, class: &mut VerbClass, name: &str) -> bool {
    let before = *class;
    egui::ComboBox::from_id_salt(id)
        .selected_text(class.name())
        .show_ui(ui, |ui| {
            for c in VerbClass::ALL {
                ui.selectable_value(class, c, c.name());
            }
        })
        .response
        .accessible_name(name);
    *class != before
}

/// Caldas-Coulthard's finer class, or none; true when the user changed it.
fn detail_ui(
    ui: &mut Ui,
    id: impl egui::AsIdSalt,
    detail: &mut Option<VerbDetail>,
    name: &str,
) -> bool {
    let before = *detail;
    egui::ComboBox::from_id_salt(id)
        .selected_text(detail.map_or("—", VerbDetail::name))
        .show_ui(ui, |ui| {
            ui.selectable_value(detail, None, "—");
            for d in VerbDetail::ALL {
                ui.selectable_value(detail, Some(d), d.name());
            }
        })
        .response
        .accessible_name(name);
    *detail != before
}

/// The project's cues the lexicon does not know, each with buttons that add it.
fn unknown_cues_ui(ui: &mut Ui, project: &Project) -> Option<Intent> {
    let unknown = unknown_cues(project);
    if unknown.is_empty() {
        return None;
    }
    let mut intent = None;
    ui.label("Cues in this project the list does not know (counted as unclassified):");
    for (cue, n) in unknown.iter().take(12) {
        ui.horizontal(|ui| {
            ui.label(format!("“{cue}” ×{n}"));
            for class in VerbClass::ALL {
                let text = format!("Add as {}", class.name());
                if ui
                    .small_button(text)
                    .on_hover_text(format!("Add “{cue}” as a {} verb", class.name()))
                    .clicked()
                {
                    let mut new = project.lexicon().clone();
                    new.verbs.push(ReportingVerb {
                        lemma: cue.clone(),
                        class,
                        ..ReportingVerb::default()
                    });
                    intent = Some(set_lexicon(
                        project,
                        format!("Add reporting verb '{cue}'"),
                        new,
                        None,
                    ));
                }
            }
        });
    }
    intent
}

/// The phrases that attribute without a verb ("according to"), comma separated.
fn markers_ui(ui: &mut Ui, project: &Project) -> Option<Intent> {
    let lexicon = project.lexicon();
    let name = ui.label("Source markers (phrases that attribute without a verb), comma separated");
    let mut text = lexicon.source_markers.join(", ");
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(name.id);
    if !response.changed() {
        return None;
    }
    let mut new = lexicon.clone();
    new.source_markers = text
        .split(',')
        .map(tidy)
        .filter(|m| !m.is_empty())
        .collect();
    Some(set_lexicon(
        project,
        "Edit source markers".to_owned(),
        new,
        Some("lexicon markers".to_owned()),
    ))
}
