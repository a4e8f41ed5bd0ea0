//! Text fields bound to project values. Each keystroke becomes an edit that merges with
//! the previous one, so the model always holds what is on screen (a save never misses
//! what was just typed) and a whole typing burst is one undo step.

use super::intent::Intent;
use crate::model::Edit;
use egui::Ui;

/// A labelled field showing `current`, single-line or, given its placeholder `multiline`
/// (shown while it is empty), multi-line; returns an edit intent when the user changes it.
/// `make` builds the edit from (old, new).
pub fn bound_text_ui(
    ui: &mut Ui,
    label: &str,
    current: &str,
    multiline: Option<&str>,
    coalesce: String,
    make: impl FnOnce(String, String) -> Edit,
) -> Option<Intent> {
    let label_resp = ui.label(label);
    let mut text = current.to_owned();
    let edit = if let Some(placeholder) = multiline {
        egui::TextEdit::multiline(&mut text)
            .desired_rows(3)
            .hint_text(placeholder)
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    let resp = ui
        .add(edit.desired_width(f32::INFINITY).id_salt(&coalesce))
        .labelled_by(label_resp.id);
    (resp.changed() && text != current).then(|| Intent::Edit {
        description: format!("Edit {}", label.to_lowercase()),
        edits: vec![make(current.to_owned(), text)],
        coalesce: Some(coalesce),
    })
}
