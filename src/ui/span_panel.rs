//! Right panel: the label palette, the current document's annotations (filterable by
//! label), and the selected annotation's label, note and delete button.

use super::intent::Intent;
use super::theme;
use crate::model::{Document, Label, Span, SpanId};
use egui::Ui;
use std::collections::BTreeSet;

/// Characters of span text shown in the list.
const EXCERPT_CHARS: usize = 60;

/// Buttons that apply a label to the selection (or relabel the selected annotation).
pub fn palette_ui(ui: &mut Ui, labels: &[Label], can_apply: bool) -> Option<Intent> {
    let mut intent = None;
    ui.heading("Labels");
    ui.add_enabled_ui(can_apply, |ui| {
        for label in labels {
            ui.horizontal(|ui| {
                theme::color_chip(ui, label);
                let mut button = egui::Button::new(&label.name);
                if !label.hotkey.is_empty() {
                    button = button.shortcut_text(&label.hotkey);
                }
                let resp = ui
                    .add_sized([ui.available_width(), 0.0], button)
                    .on_hover_text(&label.description)
                    .on_disabled_hover_text("Select text in the article, or an annotation, first");
                if resp.clicked() {
                    intent = Some(Intent::ApplyLabel(label.name.clone()));
                }
            });
        }
    });
    intent
}

/// The annotation list with label filter.
pub fn span_list_ui(
    ui: &mut Ui,
    doc: &Document,
    labels: &[Label],
    hidden: &mut BTreeSet<String>,
    selected: Option<SpanId>,
    take_focus: bool,
) -> Option<Intent> {
    let mut intent = None;
    ui.heading(format!("Annotations ({})", doc.spans.len()));
    ui.horizontal_wrapped(|ui| {
        ui.label("Show:");
        for label in labels {
            let mut shown = !hidden.contains(&label.name);
            if ui.checkbox(&mut shown, &label.name).changed() {
                if shown {
                    hidden.remove(&label.name);
                } else {
                    hidden.insert(label.name.clone());
                }
            }
        }
    });
    let height = (ui.available_height() - 230.0).max(120.0);
    egui::ScrollArea::vertical()
        .id_salt("annotations")
        .max_height(height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let shown: Vec<&Span> = doc
                .spans
                .iter()
                .filter(|s| !hidden.contains(&s.label))
                .collect();
            if shown.is_empty() {
                ui.weak(if doc.spans.is_empty() {
                    "Select text in the article and press a label’s key (1–4) to annotate it."
                } else {
                    "No annotations with the labels shown."
                });
            }
            let mut first = true;
            for span in shown {
                let is_selected = Some(span.id) == selected;
                let resp = ui
                    .horizontal(|ui| {
                        if let Some(label) = labels.iter().find(|l| l.name == span.label) {
                            theme::color_chip(ui, label);
                        }
                        ui.selectable_label(
                            is_selected,
                            format!("{}: {}", span.label, excerpt(&span.text)),
                        )
                    })
                    .inner;
                if is_selected && !ui.is_rect_visible(resp.rect) {
                    resp.scroll_to_me(None);
                }
                let focus_here = take_focus && (is_selected || (selected.is_none() && first));
                if focus_here {
                    resp.request_focus();
                }
                first = false;
                // Moving through the list with Tab or the arrow keys selects as it goes.
                if resp.clicked() || (resp.gained_focus() && !is_selected && !focus_here) {
                    intent = Some(Intent::SelectSpan {
                        span: Some(span.id),
                        reveal: true,
                    });
                }
            }
        });
    intent
}

/// A one-line excerpt of at most [`EXCERPT_CHARS`] characters.
pub fn excerpt(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= EXCERPT_CHARS {
        one_line
    } else {
        let cut: String = one_line.chars().take(EXCERPT_CHARS).collect();
        format!("{}…", cut.trim_end())
    }
}
