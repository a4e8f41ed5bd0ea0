//! The codebook editor's section for the lexicon: the reporting verbs with their class
//! (neutral or evaluative), finer class and irregular forms, the cues coders typed that
//! the lexicon does not know yet (each addable in one click), and the word lists
//! (`lists.rs`): source markers and the quote assistant's titles, pronouns, roles and
//! organisation words. Every change is one `Edit::SetLexicon`, so it is undone in one step
//! and saved with the codebook; the first change gives the project its own copy of the
//! built-in list.

mod cues;
mod lists;

use super::intent::Intent;
use crate::model::{Edit, Lexicon, Project, ReportingVerb, VerbClass, VerbDetail};
use cues::unknown_cues_ui;
use egui::Ui;
use lists::{Typing, WordList};

/// Verbs listed at most without a search; typing narrows the list.
const MAX_SHOWN: usize = 60;

/// What the section keeps between frames: the search, the verb being added, text being
/// typed into a field, and the last refusals.
#[derive(Default)]
pub struct LexiconEditor {
    find: String,
    new_lemma: String,
    new_class: VerbClass,
    /// A lemma, forms or a word list as typed (applied on leaving the field).
    typing: Typing,
    /// Why the last addition was refused.
    refusal: Option<String>,
    /// A word list whose text could not be read, and why.
    list_problem: Option<(WordList, String)>,
}

/// The edit that makes `new` the project's lexicon, as one undo step.
pub(super) fn set_lexicon(
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

/// The edit that adds `lemma` of `class` to the project's lexicon.
pub(super) fn add_verb(project: &Project, lemma: &str, class: VerbClass) -> Intent {
    let mut new = project.lexicon().clone();
    new.verbs.push(ReportingVerb {
        lemma: lemma.to_owned(),
        class,
        ..ReportingVerb::default()
    });
    set_lexicon(project, format!("Add reporting verb '{lemma}'"), new, None)
}

/// Lower case, spaces single, ends trimmed: how lemmas are written.
pub(super) fn tidy(word: &str) -> String {
    word.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl LexiconEditor {
    /// The section; returns an intent when the user changed the lexicon.
    pub fn ui(&mut self, ui: &mut Ui, project: &Project) -> Option<Intent> {
        let lexicon = project.lexicon();
        let mut intent = None;
        ui.heading("Reporting verbs and source words");
        ui.weak(
            "Classes the cue (reporting verb) of attributions in Analysis ▸ Reporting verbs. \
             Regular English forms match by themselves (claims, claimed, claiming, has \
             claimed); list irregular ones (said, told) as forms.",
        );
        ui.horizontal(|ui| {
            match &project.lexicon {
                Some(own) => ui.label(format!(
                    "This project's own lexicon: {} verbs",
                    own.verbs.len()
                )),
                None => ui.label(format!(
                    "The built-in English lexicon: {} verbs",
                    lexicon.verbs.len()
                )),
            };
            if project.lexicon.is_some()
                && ui
                    .small_button("Back to the built-in list")
                    .on_hover_text(
                        "Forget this project's changes to the verbs and word lists (undoable)",
                    )
                    .clicked()
            {
                intent = Some(Intent::Edit {
                    description: "Use the built-in lexicon".to_owned(),
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
        if let Some(x) = self.lists_ui(ui, project) {
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
                    intent = Some(add_verb(project, &lemma, self.new_class));
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
        // Sideways scrolling keeps every column its width in a narrow window; squeezed,
        // the verbs themselves were cut to a few letters.
        egui::ScrollArea::horizontal()
            .id_salt("lexicon-verbs-scroll")
            .show(ui, |ui| {
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
        let (response, typed) = self.typing.field(
            ui,
            egui::Id::unique(("lexicon lemma", i)),
            &verb.lemma,
            1,
            110.0,
        );
        response
            .accessible_name(format!("Verb {}", verb.lemma))
            .on_hover_text(format!("Reporting verb “{}”", verb.lemma));
        let typed = typed.map(|t| tidy(&t)).filter(|t| !t.is_empty());
        if let Some(typed) = typed.filter(|t| *t != verb.lemma) {
            match lexicon
                .verb(&typed)
                .filter(|other| other.lemma != verb.lemma)
            {
                Some(other) => {
                    self.refusal = Some(format!(
                        "“{typed}” is already in the list, as “{}”",
                        other.lemma
                    ));
                }
                None => {
                    let description =
                        format!("Rename reporting verb '{}' to '{typed}'", verb.lemma);
                    intent = Some(change(description, None, &|v| v.lemma.clone_from(&typed)));
                }
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
        let (response, typed) = self.typing.field(
            ui,
            egui::Id::unique(("lexicon forms", i)),
            &verb.forms.join(", "),
            1,
            110.0,
        );
        response
            .accessible_name(format!("Forms of {}", verb.lemma))
            .on_hover_text(format!(
                "Irregular forms of “{}”, comma separated (said, told)",
                verb.lemma
            ));
        if let Some(typed) = typed {
            let list: Vec<String> = typed
                .split(',')
                .map(tidy)
                .filter(|f| !f.is_empty())
                .collect();
            let description = format!("Edit the forms of '{}'", verb.lemma);
            intent = Some(change(description, None, &|v| v.forms.clone_from(&list)));
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
        .width(95.0)
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
        .width(115.0)
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

impl LexiconEditor {
    /// The word lists: source markers, then the quote assistant's words for speakers.
    fn lists_ui(&mut self, ui: &mut Ui, project: &Project) -> Option<Intent> {
        let mut intent = self.list_ui(ui, project, WordList::SourceMarkers);
        egui::CollapsingHeader::new("Words for finding speakers (quote assistant)")
            .id_salt("lexicon-speaker-words")
            .show(ui, |ui| {
                for list in WordList::SPEAKER_WORDS {
                    if let Some(x) = self.list_ui(ui, project, list) {
                        intent = Some(x);
                    }
                }
            });
        intent
    }

    /// One word list as a comma-separated field, applied when the field loses focus.
    fn list_ui(&mut self, ui: &mut Ui, project: &Project, list: WordList) -> Option<Intent> {
        let lexicon = project.lexicon();
        ui.add_space(4.0);
        let name = ui.strong(list.name());
        ui.weak(list.explanation());
        let id = egui::Id::unique(("lexicon list", list));
        let current = list.text(lexicon);
        let (response, typed) = self.typing.field(ui, id, &current, 2, f32::INFINITY);
        response.labelled_by(name.id);
        if let Some((shown, problem)) = &self.list_problem
            && *shown == list
        {
            ui.colored_label(ui.visuals().warn_fg_color, problem);
        }
        match list.apply(lexicon, &typed?) {
            Ok(new) => {
                self.list_problem = None;
                (new != *lexicon).then(|| {
                    set_lexicon(
                        project,
                        format!("Edit {}", list.name().to_lowercase()),
                        new,
                        None,
                    )
                })
            }
            Err(problem) => {
                self.list_problem = Some((list, format!("Not changed: {problem}")));
                None
            }
        }
    }
}
