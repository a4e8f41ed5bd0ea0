//! Text fields bound to project values. Each keystroke becomes an edit that merges with
//! the previous one, so the model always holds what is on screen (a save never misses
//! what was just typed) and a whole typing burst is one undo step.
//!
//! egui's text editor lays text out left to right, so Arabic, Persian, Urdu or Hebrew in a
//! title, memo, note or speaker field would show its words in reversed order. One-line
//! fields are edited through `bidi_field`, which shows the text in reading order while it
//! is typed. A multi-line field (memo, note) holding right-to-left text is shown, while
//! it is not being edited, through the bidi layout (right-aligned, words in reading
//! order) in the field's own frame; a click or Tab turns it into egui's editor, under
//! which the text being typed is shown again in reading order.

use super::intent::Intent;
use super::text_layout::snippet_galley;
use crate::model::{Edit, TextDirection};
use crate::text::bidi::{needs_bidi, paragraph_is_rtl};
use egui::{Align, Id, Sense, TextStyle, Ui, vec2};

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
    let id = ui.make_persistent_id(&coalesce);
    let hint = multiline.unwrap_or("");
    let resp =
        text_field_ui(ui, &mut text, id, multiline.is_some(), hint).labelled_by(label_resp.id);
    (resp.changed() && text != current).then(|| Intent::Edit {
        description: format!("Edit {}", label.to_lowercase()),
        edits: vec![make(current.to_owned(), text)],
        coalesce: Some(coalesce),
    })
}

/// A full-width text field over `text` with the id `id`. One line: `bidi_field`, which
/// shows right-to-left text in reading order while it is typed. Multi-line: egui's
/// editor, or, when the text has right-to-left characters and the field is not being
/// edited, the text in reading order in the same frame (click or Tab to edit it); while
/// right-to-left text is edited, it is right-aligned and shown once more in reading order
/// under the field.
pub fn text_field_ui(
    ui: &mut Ui,
    text: &mut String,
    id: Id,
    multiline: bool,
    hint: &str,
) -> egui::Response {
    if !multiline {
        let out = super::bidi_field::singleline(ui, text, id, |e| {
            e.hint_text(hint).desired_width(f32::INFINITY)
        });
        return out.response.response;
    }
    let editing = ui.memory(|m| m.has_focus(id));
    if needs_bidi(text) && !editing {
        return reading_ui(ui, text, id, multiline);
    }
    let rtl = paragraph_is_rtl(text, TextDirection::Auto);
    let edit = egui::TextEdit::multiline(text)
        .desired_rows(3)
        .hint_text(hint)
        .desired_width(f32::INFINITY)
        .id(id);
    let edit = if rtl {
        edit.align(egui::Align2::RIGHT_TOP)
    } else {
        edit
    };
    let resp = ui.add(edit);
    if needs_bidi(text) {
        // egui's editor cannot order right-to-left words: show what was typed as it reads.
        let font = TextStyle::Small.resolve(ui.style());
        let color = ui.visuals().weak_text_color();
        let width = ui.available_width();
        let galley = snippet_galley(ui, text, font, color, width);
        let layout = egui::Layout::top_down(if rtl { Align::Max } else { Align::Min });
        ui.with_layout(layout, |ui| ui.label(galley))
            .response
            .on_hover_text("The text as it reads (the field above edits it)");
    }
    resp
}

/// The field's text in reading order, in a frame like the editor's; a click (or the
/// keyboard focus, from Tab) starts editing with the caret at the end.
fn reading_ui(ui: &mut Ui, text: &str, id: Id, multiline: bool) -> egui::Response {
    let margin = ui.spacing().button_padding;
    let width = ui.available_width();
    let font = TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().widgets.inactive.text_color();
    let wrap = if multiline {
        width - 2.0 * margin.x
    } else {
        f32::INFINITY
    };
    let galley = snippet_galley(ui, text, font.clone(), color, wrap);
    let row_h = ui.fonts_mut(|f| f.row_height(&font));
    let rows = if multiline { 3.0 } else { 1.0 };
    let inner_h = galley.size().y.max(row_h * rows);
    let height = (inner_h + 2.0 * margin.y).max(ui.spacing().interact_size.y);
    let (rect, resp) = ui.allocate_exact_size(vec2(width, height), Sense::click());
    let resp = resp.on_hover_cursor(egui::CursorIcon::Text);
    resp.widget_info(|| {
        let mut info = egui::WidgetInfo::text_edit(ui.is_enabled(), text, text, "");
        if multiline {
            info.role = egui::Role::MultilineTextInput;
        }
        info
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&resp);
        ui.painter().rect(
            rect,
            visuals.corner_radius,
            ui.visuals().text_edit_bg_color(),
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
        let inner = rect.shrink2(margin);
        // A one-line right-to-left value sits against the right edge; wrapped paragraphs
        // are already aligned by the layout.
        let x = if !multiline && paragraph_is_rtl(text, TextDirection::Auto) {
            inner.right() - galley.size().x
        } else {
            inner.left()
        };
        let y = if multiline {
            inner.top()
        } else {
            inner.center().y - galley.size().y / 2.0
        };
        ui.painter_at(rect)
            .galley(egui::pos2(x.max(inner.left()), y), galley, color);
    }
    if resp.clicked() || resp.has_focus() {
        start_editing(ui.ctx(), id, text.chars().count());
    }
    resp
}

/// Selects the whole text of the text field `id`, so typing replaces it.
pub fn select_all(ctx: &egui::Context, id: Id, len_chars: usize) {
    use egui::text::{CCursor, CCursorRange};
    let mut st = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    st.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(0),
        CCursor::new(len_chars),
    )));
    st.store(ctx, id);
}

/// Selects the whole value of a one-line field when it takes the keyboard focus, so that
/// typing replaces a proposed value instead of adding to it: at once from Tab, and from
/// a click once the button is released — unless the press dragged over part of the text,
/// which stays selected. A further click places the caret as usual.
pub fn select_all_on_focus(ui: &Ui, resp: &egui::Response, text: &str) {
    let pending = resp.id.with("select all on release");
    let down = ui.input(|i| i.pointer.any_down());
    if resp.gained_focus() {
        if down {
            ui.data_mut(|d| d.insert_temp(pending, true));
        } else {
            select_all(ui.ctx(), resp.id, text.chars().count());
        }
        return;
    }
    if down || !ui.data(|d| d.get_temp::<bool>(pending).unwrap_or(false)) {
        return;
    }
    ui.data_mut(|d| d.remove::<bool>(pending));
    let dragged = egui::TextEdit::load_state(ui.ctx(), resp.id)
        .and_then(|st| st.cursor.char_range())
        .is_some_and(|r| !r.is_empty());
    if resp.has_focus() && !dragged {
        select_all(ui.ctx(), resp.id, text.chars().count());
    }
}

/// Gives the editor `id` the keyboard focus with the caret after the last character.
fn start_editing(ctx: &egui::Context, id: Id, len_chars: usize) {
    use egui::text::{CCursor, CCursorRange};
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(CCursorRange::one(CCursor::new(len_chars))));
    state.store(ctx, id);
    ctx.memory_mut(|m| m.request_focus(id));
    ctx.request_repaint();
}
