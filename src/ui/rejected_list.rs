//! The Proposals card's list of what the coder rejected in the shown document — each
//! rejected proposal's label, text and rule, in text order — so a rejection is not lost
//! from sight once the undo history has moved on, and one can be proposed again
//! (Restore; the app makes that an undoable change of the document's rejected list).

use crate::model::{Document, Extent, Label};

/// What the coder did in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RejectedAction {
    /// Propose this one again: an index into the document's `rejected`.
    Restore(usize),
    /// Show this code point of the article (the rejected text was clicked).
    Show(usize),
}

/// "Rejected (N)", folded until opened, then one row per rejected proposal with Restore.
/// Nothing at all while the document has none.
pub fn rejected_ui(ui: &mut egui::Ui, doc: &Document, labels: &[Label]) -> Option<RejectedAction> {
    if doc.rejected.is_empty() {
        return None;
    }
    let mut order: Vec<usize> = (0..doc.rejected.len()).collect();
    order.sort_by_key(|&i| doc.rejected[i].pieces.first().copied());
    let mut action = None;
    egui::CollapsingHeader::new(format!("Rejected ({})", doc.rejected.len()))
        .id_salt("rejected proposals")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("rejected proposals list")
                .max_height(200.0)
                .show(ui, |ui| {
                    for i in order {
                        if let Some(a) = row_ui(ui, doc, i, labels) {
                            action = Some(a);
                        }
                    }
                });
        })
        .header_response
        .on_hover_text("Proposals you rejected in this document; the assistant does not propose them again unless you restore one");
    action
}

/// One rejected proposal: its label, rule and Restore, then its text (click to show it).
fn row_ui(ui: &mut egui::Ui, doc: &Document, i: usize, labels: &[Label]) -> Option<RejectedAction> {
    let r = &doc.rejected[i];
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        let color = labels
            .iter()
            .find(|l| l.name == r.label)
            .map_or(ui.visuals().text_color(), super::theme::label_color);
        ui.colored_label(color, &r.label);
        if !r.rule.is_empty() {
            ui.weak(&r.rule);
        }
        if ui
            .small_button("Restore")
            .on_hover_text("Propose it again for review (Ctrl+Z undoes)")
            .clicked()
        {
            action = Some(RejectedAction::Restore(i));
        }
    });
    // A hand-edited file may hold pieces outside the text: say so rather than guess.
    let text = Extent::from_pieces(&doc.text, &r.pieces).map(|e| e.joined_text());
    match (text, r.pieces.first()) {
        (Some(text), Some(&(start, _))) => {
            let excerpt = super::span_panel::excerpt(&text);
            let shown = ui
                .add(
                    egui::Label::new(egui::RichText::new(excerpt).italics())
                        .sense(egui::Sense::click()),
                )
                .on_hover_text(format!("{text}\n\nClick to show it in the article"));
            if shown.clicked() {
                action = Some(RejectedAction::Show(start));
            }
        }
        _ => {
            ui.weak("(its place is outside this document's text)");
        }
    }
    ui.add_space(2.0);
    action
}
