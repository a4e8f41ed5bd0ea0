//! Right panel: the label palette, the current document's annotations (filterable by
//! label), and the selected annotation's label, note and delete button.

use super::intent::Intent;
use super::text_layout::{excerpt_direction, isolated, snippet_text};
use super::theme;
use crate::model::{DocId, Document, Label, Span, SpanId, TextDirection};
use egui::Ui;
use std::collections::BTreeSet;

/// Characters of span text shown in the list.
const EXCERPT_CHARS: usize = 60;

/// Up to this many labels, the palette and the label filter show one full row (or one
/// checkbox) per label; above it they turn compact so the annotation list keeps most of
/// the panel (a study codebook easily has a dozen labels).
pub(crate) const ROOMY_LABELS: usize = 6;

/// Height of the palette when it has more labels than [`ROOMY_LABELS`]: it wraps its
/// buttons and scrolls past this.
const COMPACT_PALETTE_HEIGHT: f32 = 120.0;

/// Buttons that apply a label to the selection (or relabel the selected annotation).
pub fn palette_ui(ui: &mut Ui, labels: &[Label], can_apply: bool) -> Option<Intent> {
    let mut intent = None;
    ui.heading("Labels");
    ui.add_enabled_ui(can_apply, |ui| {
        if labels.len() <= ROOMY_LABELS {
            for label in labels {
                ui.horizontal(|ui| {
                    theme::color_chip(ui, label);
                    let width = ui.available_width();
                    if label_button(ui, label, Some(width)) {
                        intent = Some(Intent::ApplyLabel(label.name.clone()));
                    }
                });
            }
            return;
        }
        egui::ScrollArea::vertical()
            .id_salt("label palette")
            .max_height(COMPACT_PALETTE_HEIGHT)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for label in labels {
                        if label_button(ui, label, None) {
                            intent = Some(Intent::ApplyLabel(label.name.clone()));
                        }
                    }
                });
            });
    });
    intent
}

/// One label's button with its hotkey: `width` wide beside a colour chip drawn before it,
/// or (no width) as wide as its text with the chip inside it, so that in a wrapped row
/// chip and name never part and the name never breaks. Whether it was clicked.
fn label_button(ui: &mut Ui, label: &Label, width: Option<f32>) -> bool {
    let mut button = match width {
        Some(_) => egui::Button::new(&label.name),
        None => egui::Button::new((
            egui::RichText::new("■").color(theme::label_color(label)),
            label.name.as_str(),
        ))
        .wrap_mode(egui::TextWrapMode::Extend),
    };
    if !label.hotkey.is_empty() {
        button = button.shortcut_text(&label.hotkey);
    }
    let resp = match width {
        Some(w) => ui.add_sized([w, 0.0], button),
        None => ui.add(button),
    };
    resp.on_hover_text(&label.description)
        .on_disabled_hover_text("Select text in the article, or an annotation, first")
        .clicked()
}

/// The "Show:" filter of the annotation list: a checkbox per label, or with many labels a
/// menu of them that says how many are shown. Whether the hidden set changed.
fn label_filter_ui(ui: &mut Ui, labels: &[Label], hidden: &mut BTreeSet<String>) -> bool {
    let mut changed = false;
    if labels.len() <= ROOMY_LABELS {
        ui.horizontal_wrapped(|ui| {
            ui.label("Show:");
            changed = label_boxes_ui(ui, labels, hidden);
        });
        return changed;
    }
    let shown = labels.iter().filter(|l| !hidden.contains(&l.name)).count();
    let title = if shown == labels.len() {
        "all labels".to_owned()
    } else {
        format!("{shown} of {} labels", labels.len())
    };
    ui.horizontal(|ui| {
        ui.label("Show:");
        // Stays open while boxes are ticked: it closes on a click outside it.
        let config = egui::containers::menu::MenuConfig::new()
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
        egui::containers::menu::MenuButton::new(title)
            .config(config)
            .ui(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.button("All").clicked() {
                        changed |= !hidden.is_empty();
                        hidden.clear();
                    }
                    if ui.button("None").clicked() {
                        changed |= hidden.len() != labels.len();
                        hidden.extend(labels.iter().map(|l| l.name.clone()));
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| changed |= label_boxes_ui(ui, labels, hidden));
            });
    });
    changed
}

/// A checkbox per label, ticked when its annotations are listed; whether one changed.
fn label_boxes_ui(ui: &mut Ui, labels: &[Label], hidden: &mut BTreeSet<String>) -> bool {
    let mut changed = false;
    for label in labels {
        let mut shown = !hidden.contains(&label.name);
        if ui.checkbox(&mut shown, &label.name).changed() {
            if shown {
                hidden.remove(&label.name);
            } else {
                hidden.insert(label.name.clone());
            }
            changed = true;
        }
    }
    changed
}

/// What the annotation list keeps between frames: the labels it hides, and which spans
/// its rows show while some are hidden, worked out once per document and revision
/// rather than every frame.
#[derive(Default)]
pub struct SpanList {
    /// Labels whose annotations are not listed.
    pub hidden: BTreeSet<String>,
    /// Indices into the document's spans of the rows, for this document and revision.
    rows: Option<(DocId, u64, Vec<usize>)>,
}

/// The annotation list with label filter; `revision` is the project's, so the rows are
/// worked out again after every edit.
pub fn span_list_ui(
    ui: &mut Ui,
    doc: &Document,
    revision: u64,
    labels: &[Label],
    list: &mut SpanList,
    selected: Option<SpanId>,
    take_focus: bool,
) -> Option<Intent> {
    let mut intent = None;
    ui.heading(format!(
        "Annotations ({})",
        crate::progress::thousands(doc.spans.len() as u64)
    ));
    if label_filter_ui(ui, labels, &mut list.hidden) {
        list.rows = None;
    }
    list.refresh(doc, revision);
    let hidden = &list.hidden;
    let shown: &[usize] = list.rows.as_ref().map_or(&[], |(_, _, rows)| rows);
    let rows = if hidden.is_empty() {
        doc.spans.len()
    } else {
        shown.len()
    };
    let span_at = |row: usize| -> &Span {
        let i = if hidden.is_empty() { row } else { shown[row] };
        &doc.spans[i]
    };
    if rows == 0 {
        ui.weak(if doc.spans.is_empty() {
            "Select text in the article and press a label’s key (1–4) to annotate it."
        } else {
            "No annotations with the labels shown."
        });
    }
    let height = (ui.available_height() - 230.0).max(120.0);
    let row_h =
        ui.spacing().interact_size.y.max(
            ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y,
        );
    let pitch = row_h + ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("annotations")
        .max_height(height)
        .auto_shrink([false, true]);
    // Scroll the selected annotation into view once when it changes (or the list is
    // entered from the keyboard), not every frame, so the list can still be scrolled away.
    // What the list showed last frame: the annotation last revealed, the scroll offset
    // and the height of the view.
    let memory_id = ui.scope_id().with("annotations view");
    let (revealed, offset, view_h): (Option<SpanId>, f32, f32) = ui
        .data(|d| d.get_temp(memory_id))
        .unwrap_or((None, 0.0, height));
    let reveal_row = if take_focus && selected.is_none() {
        Some(0)
    } else if selected.is_some() && (selected != revealed || take_focus) {
        (0..rows).find(|&r| Some(span_at(r).id) == selected)
    } else {
        None
    };
    if let Some(row) = reveal_row {
        let (top, bottom) = (row as f32 * pitch, row as f32 * pitch + row_h);
        if top < offset {
            area = area.vertical_scroll_offset(top);
        } else if bottom > offset + view_h {
            area = area.vertical_scroll_offset(bottom - view_h);
        }
    }
    let out = area.show_rows(ui, row_h, rows, |ui, visible| {
        for row in visible {
            let span = span_at(row);
            let is_selected = Some(span.id) == selected;
            let resp = ui
                .horizontal(|ui| {
                    ui.set_min_height(row_h);
                    if let Some(label) = labels.iter().find(|l| l.name == span.label) {
                        theme::color_chip(ui, label);
                    }
                    let direction = excerpt_direction(doc, span.start);
                    // A span in pieces ("Mr Trump … saying") is listed by its pieces, as the
                    // details and exports show it, not by the text between them.
                    let text = row_text(ui, &span.label, &span.joined_text(), direction);
                    ui.add(egui::Button::selectable(is_selected, text).truncate())
                })
                .inner;
            let focus_here = take_focus && (is_selected || (selected.is_none() && row == 0));
            if focus_here {
                resp.request_focus();
            }
            // Moving through the list with Tab or the arrow keys selects as it goes.
            if resp.clicked() || (resp.gained_focus() && !is_selected && !focus_here) {
                intent = Some(Intent::SelectSpan {
                    span: Some(span.id),
                    reveal: true,
                });
            }
        }
    });
    let view = (
        selected,
        out.state.clamped_offset().y,
        out.inner_rect.height(),
    );
    ui.data_mut(|d| d.insert_temp(memory_id, view));
    intent
}

impl SpanList {
    /// Works out the rows for `doc` at `revision` when some labels are hidden and they
    /// were worked out for another document or revision.
    fn refresh(&mut self, doc: &Document, revision: u64) {
        // Only the rows in view are laid out (`show_rows`): a book-length article has tens
        // of thousands of annotations, and laying out every row took hundreds of
        // milliseconds a frame. Rows therefore have one fixed height and never wrap.
        if self.hidden.is_empty() {
            self.rows = None; // every span, in order: no list needed
        } else if self
            .rows
            .as_ref()
            .is_none_or(|(d, r, _)| (*d, *r) != (doc.id, revision))
        {
            let rows = (0..doc.spans.len())
                .filter(|&i| !self.hidden.contains(doc.spans[i].label.as_str()))
                .collect();
            self.rows = Some((doc.id, revision, rows));
        }
    }
}

/// A row's text, "label: excerpt", on one line; an excerpt with right-to-left text is laid
/// out by UAX #9 as one unit in `direction` (its paragraph's in the article), and
/// shortened until it fits (egui cannot truncate a laid-out galley).
fn row_text(ui: &egui::Ui, label: &str, text: &str, direction: TextDirection) -> egui::WidgetText {
    let full = format!("{label}: {}", excerpt(text));
    if !crate::text::bidi::needs_bidi(&full) {
        return full.into();
    }
    let room = ui.available_width() - 2.0 * ui.spacing().button_padding.x;
    let mut chars = EXCERPT_CHARS;
    loop {
        let cut: String = excerpt(text).chars().take(chars).collect();
        let shown = if chars < EXCERPT_CHARS {
            format!(
                "{label}: {}",
                isolated(&format!("{}…", cut.trim_end()), direction)
            )
        } else {
            format!("{label}: {}", isolated(&cut, direction))
        };
        let shown = snippet_text(ui, &shown, egui::TextStyle::Button, f32::INFINITY);
        let width = match &shown {
            egui::WidgetText::Galley(g) => g.size().x,
            _ => 0.0,
        };
        if width <= room || chars <= 8 {
            return shown;
        }
        chars = (chars as f32 * room / width)
            .floor()
            .min(chars as f32 - 1.0) as usize;
    }
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
