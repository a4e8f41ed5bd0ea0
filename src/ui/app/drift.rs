//! Updating a document's text from a corrected or re-encoded article file: the spans are
//! re-anchored (`model::reanchor`) and the user sees what moved, what matched only
//! approximately and what cannot be placed, before anything changes. Applying is one undo
//! step, so even the annotations the user agreed to drop come back with Ctrl+Z.

use super::*;
use crate::formats::article::{ARTICLE_EXTENSIONS, read_article};
use crate::model::DocText;
use crate::model::reanchor::{Placement, Retext, retext};

/// The question "update this document's text?", from choosing the file to the review.
#[derive(Clone, Debug)]
pub struct TextUpdate {
    /// The document whose text is replaced.
    pub doc: DocId,
    /// The file path as typed or chosen.
    pub path_text: String,
    /// The re-anchoring, once the file was read.
    pub review: Option<Retext>,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
}

impl Lectern {
    /// Document ▸ Update text from file…: asks for the new version of the shown article.
    pub fn start_text_update(&mut self) {
        let Some(doc) = self.current_doc else {
            self.status = "Show a document first".to_owned();
            return;
        };
        self.safety.text_update = Some(TextUpdate {
            doc,
            path_text: String::new(),
            review: None,
            error: None,
        });
    }

    /// Reads `path` as the new text of the shown document and shows what would happen to
    /// its spans (what the dialog's Compare button does). Nothing changes yet.
    pub fn compare_text_update(&mut self, path: &Path) -> bool {
        if self.safety.text_update.is_none() {
            self.start_text_update();
        }
        let Some(update) = &mut self.safety.text_update else {
            return false;
        };
        update.path_text = path.display().to_string();
        let Some(doc) = self.session.project.document(update.doc) else {
            return false;
        };
        match read_article(path) {
            Ok(article) => {
                let mut review = retext(doc, DocText::new(article.text));
                review.document.encoding = article.encoding;
                review.document.source_path = path.display().to_string();
                update.review = Some(review);
                update.error = None;
                true
            }
            Err(e) => {
                update.review = None;
                update.error = Some(e.to_string());
                false
            }
        }
    }

    /// The text update being asked about, if any.
    pub fn text_update(&self) -> Option<&TextUpdate> {
        self.safety.text_update.as_ref()
    }

    /// Applies the reviewed update as one undoable step.
    pub fn apply_text_update(&mut self) -> bool {
        let Some(TextUpdate {
            doc,
            review: Some(review),
            ..
        }) = self.safety.text_update.take()
        else {
            return false;
        };
        let Some(index) = self
            .session
            .project
            .documents
            .iter()
            .position(|d| d.id == doc)
        else {
            return false;
        };
        let old = self.session.project.documents[index].clone();
        let title = old.title.clone();
        let edits = vec![
            Edit::RemoveDocument {
                index,
                document: Box::new(old),
            },
            Edit::AddDocument {
                index,
                document: Box::new(review.document),
            },
        ];
        let ok = self.apply_step(format!("Update text of {title}"), edits, None);
        if ok {
            self.selected_span = None;
            self.view = DocViewState::default();
            self.show_document(doc);
            self.status = match review.unplaced.len() {
                0 => format!("Updated the text of {title}; every annotation was placed"),
                n => format!(
                    "Updated the text of {title}; {n} annotation(s) removed (Undo brings them back)"
                ),
            };
        }
        ok
    }

    pub(super) fn text_update_ui(&mut self, ctx: &egui::Context) {
        let Some(update) = &mut self.safety.text_update else {
            return;
        };
        let title = self
            .session
            .project
            .document(update.doc)
            .map(|d| d.title.clone())
            .unwrap_or_default();
        let native = self.native_dialogs;
        let mut action = None;
        egui::Modal::new(egui::Id::unique("text-update")).show(ctx, |ui| {
            ui.set_max_width(640.0);
            ui.heading(format!("Update the text of “{title}”"));
            ui.label("Choose the corrected or re-encoded article; each annotation moves to where its text now is.");
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut update.path_text)
                        .hint_text("path of the new .txt or .md file")
                        .desired_width(420.0),
                );
                if native && ui.button("Browse…").clicked() {
                    action = Some(Action::Browse);
                }
                if ui.button("Compare").clicked() {
                    action = Some(Action::Compare);
                }
            });
            if let Some(e) = &update.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            if let Some(review) = &update.review {
                review_ui(ui, review);
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if let Some(review) = &update.review {
                    let text = match review.unplaced.len() {
                        0 => "Apply".to_owned(),
                        n => format!("Apply and remove {n} annotation(s)"),
                    };
                    if ui.button(text).clicked() {
                        action = Some(Action::Apply);
                    }
                }
                if ui.button("Cancel").clicked() {
                    action = Some(Action::Cancel);
                }
            });
        });
        match action {
            Some(Action::Browse) => {
                if let Some(p) = rfd::FileDialog::new()
                    .add_filter(
                        format!("Articles ({})", dialogs::article_formats_text()),
                        &ARTICLE_EXTENSIONS,
                    )
                    .pick_file()
                {
                    self.compare_text_update(&p);
                }
            }
            Some(Action::Compare) => {
                let path = PathBuf::from(update.path_text.trim());
                self.compare_text_update(&path);
            }
            Some(Action::Apply) => {
                self.apply_text_update();
            }
            Some(Action::Cancel) => self.safety.text_update = None,
            None => {}
        }
    }
}

enum Action {
    Browse,
    Compare,
    Apply,
    Cancel,
}

/// The outcome per span: counts, then the spans that did not stay where they were.
fn review_ui(ui: &mut egui::Ui, review: &Retext) {
    let (mut same, mut moved, mut fuzzy) = (0, 0, 0);
    for o in &review.outcomes {
        match o.placed.as_ref().map(|p| &p.1) {
            Some(Placement::Unchanged) => same += 1,
            Some(Placement::Moved) => moved += 1,
            Some(Placement::Fuzzy { .. }) => fuzzy += 1,
            None => {}
        }
    }
    ui.separator();
    ui.label(format!(
        "{same} unchanged, {moved} moved, {fuzzy} matched approximately, {} cannot be placed.",
        review.unplaced.len()
    ));
    egui::ScrollArea::vertical()
        .id_salt("text-update-review")
        .max_height(240.0)
        .show(ui, |ui| {
            for o in &review.outcomes {
                let line = match &o.placed {
                    Some((_, Placement::Unchanged)) => continue,
                    Some((e, Placement::Moved)) => {
                        format!(
                            "moved: “{}” from {} to {}",
                            o.old_text, o.old.start, e.start
                        )
                    }
                    Some((e, Placement::Fuzzy { similarity })) => format!(
                        "approximate ({:.0}%): “{}” is now “{}”",
                        similarity * 100.0,
                        o.old_text,
                        e.text
                    ),
                    None => format!("cannot be placed: “{}” (span {})", o.old_text, o.span),
                };
                ui.label(line);
            }
        });
    if !review.unplaced.is_empty() {
        ui.label(
            "The annotations that cannot be placed are not in the new text. Applying removes \
             them; Undo brings them back. Cancel to keep the current text.",
        );
    }
}
