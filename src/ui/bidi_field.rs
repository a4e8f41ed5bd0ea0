//! Single-line text fields that show Arabic, Persian, Urdu and Hebrew in reading order
//! while they are typed in: the search box, codebook names, the Article panel's fields,
//! list filters.
//!
//! egui 0.37's `TextEdit` lays its text out left to right with no bidirectional pass, so
//! typed Arabic words came out in reversed order. Its `layouter` hook (checked against
//! the 0.37 sources: `FnMut(&Ui, &dyn TextBuffer, f32) -> Arc<Galley>`) lets us hand it
//! our own galley. For text that needs the bidi algorithm that galley is drawn from
//! `text_layout::ParaLayout` (runs in visual order, right-aligned when the field's text
//! runs right to left), with one glyph per code point in logical order whose x is where
//! the caret before that code point goes — so egui's caret, cursor movement, typing,
//! deletion, copy and undo keep working on the stored text unchanged.
//!
//! What egui cannot do with such a galley is done here around it: a click or drag maps
//! the pointer through our layout (egui's hit test assumes x grows with the index), the
//! selection is painted as the rectangles it covers on screen (one per run it crosses),
//! and in a right-to-left field ← and → are swapped so the caret moves the way the arrow
//! points (logical steps: inside an embedded number or Latin name the caret still moves
//! by code point, as in most editors with logical cursor movement).

use super::text_layout::{ParaLayout, ParaStyle};
use crate::model::TextDirection;
use crate::text::bidi::{needs_bidi, paragraph_is_rtl};
use egui::text::{CCursor, CCursorRange, Galley, LayoutJob};
use egui::text_edit::TextEditOutput;
use egui::{Color32, Event, FontId, Id, Key, Pos2, TextEdit, Ui, pos2, vec2};
use std::sync::Arc;

/// Shows the single-line editor `configure(TextEdit::singleline(text))` with the id `id`,
/// laying right-to-left and mixed text out in reading order (see the module comment).
/// Left-to-right text is laid out exactly as egui's own editor does it.
pub fn singleline(
    ui: &mut Ui,
    text: &mut String,
    id: Id,
    configure: impl FnOnce(TextEdit<'_>) -> TextEdit<'_>,
) -> TextEditOutput {
    let bidi = needs_bidi(text);
    let rtl = paragraph_is_rtl(text, TextDirection::Auto);
    let focused = ui.memory(|m| m.has_focus(id));
    // From a press on the field until the frame after its release, the text stays where
    // it was when pressed (a click that focuses a long value must not scroll it under
    // the pointer before the caret is placed).
    let keep_id = id.with("bidi-keep-shift");
    let held = ui.data(|d| d.get_temp::<bool>(keep_id)).unwrap_or(false);
    if bidi && rtl && focused {
        swap_arrow_keys(ui);
    }
    let font = egui::FontSelection::Default.resolve(ui.style());
    let color = ui
        .visuals()
        .override_text_color
        .unwrap_or_else(|| ui.visuals().widgets.inactive.text_color());
    let line_px = ui.fonts_mut(|f| f.row_height(&font)) + ui.spacing().extra_text_line_spacing;
    let mut laid_out: Option<(ParaLayout, f32)> = None;
    let mut layouter = |ui: &Ui, buf: &dyn egui::TextBuffer, wrap: f32| -> Arc<Galley> {
        // Not being edited, a right-to-left value too long for the field shows its
        // beginning (on the right), as a left-to-right one does (on the left).
        let shown_width = (!focused || held).then_some(wrap);
        let (galley, layout) =
            ui.fonts_mut(|f| field_galley(f, buf.as_str(), &font, color, line_px, shown_width));
        laid_out = layout;
        galley
    };
    let mut edit = configure(TextEdit::singleline(text).id(id)).layouter(&mut layouter);
    if rtl {
        edit = edit.align(egui::Align2::RIGHT_CENTER);
    }
    let selection_fill = ui.visuals().selection.bg_fill;
    let caret = ui.visuals().text_cursor.stroke;
    let out = ui
        .scope(|ui| {
            if bidi {
                // Painted below from our layout: the selection as the rectangles it
                // covers on screen, the caret where our hit test put it.
                ui.visuals_mut().selection.bg_fill = Color32::TRANSPARENT;
                ui.visuals_mut().text_cursor.stroke.color = Color32::TRANSPARENT;
            }
            edit.show(ui)
        })
        .inner;
    if let Some((layout, shift)) = laid_out {
        // Where the layout's origin is on screen.
        let origin = out.galley_pos - vec2(shift, 0.0);
        let pressed = ui.input(|i| i.pointer.primary_pressed());
        if pressed && out.response.response.is_pointer_button_down_on() && !focused {
            ui.data_mut(|d| d.insert_temp(keep_id, true));
        } else if !ui.input(|i| i.pointer.any_down() || i.pointer.any_released()) {
            ui.data_mut(|d| d.remove::<bool>(keep_id));
        }
        let range = pointer_selection(ui, &out, &layout, origin, id, text)
            .or_else(|| out.state.cursor.char_range());
        if let Some(range) = range.filter(|_| ui.memory(|m| m.has_focus(id))) {
            paint_selection(ui, &out, &layout, origin, range, (selection_fill, caret));
        }
    }
    out
}

/// Swaps ← and → (with any modifiers) in this frame's input: in a right-to-left field
/// the caret then moves toward the arrow, one code point (or word) at a time.
fn swap_arrow_keys(ui: &mut Ui) {
    ui.input_mut(|i| {
        for event in &mut i.events {
            if let Event::Key { key, .. } = event {
                *key = match *key {
                    Key::ArrowLeft => Key::ArrowRight,
                    Key::ArrowRight => Key::ArrowLeft,
                    other => other,
                };
            }
        }
    });
}

/// The galley of a field's `text`: egui's own for text without right-to-left characters,
/// else one row drawn from our bidi layout (returned too, for hit-testing, with how far
/// left it is drawn). Given `shown_width`, a right-to-left line wider than that is drawn
/// shifted left so that its right end — where it starts — is what shows.
fn field_galley(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    text: &str,
    font: &FontId,
    color: Color32,
    line_px: f32,
    shown_width: Option<f32>,
) -> (Arc<Galley>, Option<(ParaLayout, f32)>) {
    let mut job = LayoutJob::simple_singleline(text.to_owned(), font.clone(), color);
    job.keep_trailing_whitespace = true;
    for section in &mut job.sections {
        section.format.line_height = Some(line_px);
    }
    let plain = fonts.layout_job(job);
    if !needs_bidi(text) {
        return (plain, None);
    }
    let style = ParaStyle {
        font_id: font.clone(),
        color,
        line_px,
        width: f32::INFINITY,
    };
    let rtl = paragraph_is_rtl(text, TextDirection::Auto);
    let layout = ParaLayout::new(fonts, text, &style, rtl);
    let shift = match shown_width {
        Some(w) if rtl && w.is_finite() => (layout.size().x - w).max(0.0),
        _ => 0.0,
    };
    (
        Arc::new(one_row_galley(&plain, &layout, text, shift)),
        Some((layout, shift)),
    )
}

/// `plain` (egui's galley of the same text, for its metrics) rebuilt as one row whose
/// mesh is the bidi layout's and whose glyphs, one per code point in logical order, sit
/// where the caret before each goes; the row's width is where the caret after the last
/// code point goes (egui puts the end-of-text caret there). Everything is drawn `shift`
/// points to the left (the part left of 0 is clipped by the field).
fn one_row_galley(plain: &Galley, layout: &ParaLayout, text: &str, shift: f32) -> Galley {
    let mut galley = plain.clone();
    let shown = layout.galley();
    let top = shown.rows.first().map_or(0.0, |r| r.pos.y);
    let mut mesh = egui::Mesh::default();
    let mut mesh_bounds = egui::Rect::NOTHING;
    for placed in &shown.rows {
        let mut piece = placed.visuals.mesh.clone();
        let offset = vec2(placed.pos.x - shift, placed.pos.y - top);
        piece.translate(offset);
        mesh_bounds |= placed.visuals.mesh_bounds.translate(offset);
        mesh.append(piece);
    }
    let template = plain
        .rows
        .first()
        .and_then(|r| r.glyphs.first().copied())
        .or_else(|| shown.rows.iter().find_map(|r| r.glyphs.first().copied()));
    let end_vertex = mesh.vertices.len() as u32;
    let mut glyphs = Vec::new();
    if let Some(template) = template {
        for (c, chr) in text.chars().enumerate() {
            let lead = layout.edge(c, false).map_or(0.0, |e| e.0);
            let trail = layout.edge(c, true).map_or(lead, |e| e.0);
            let mut g = template;
            g.chr = chr;
            g.pos.x = lead - shift;
            g.advance_width = (trail - lead).abs();
            // No recolouring of "selected glyphs" by egui: our mesh is in visual order.
            g.first_vertex = end_vertex;
            glyphs.push(g);
        }
    }
    let end_x = layout.caret_rect(layout.char_len()).min.x - shift;
    let height = plain.rows.first().map_or(layout.size().y, |r| r.size.y);
    let (num_vertices, num_indices) = (mesh.vertices.len(), mesh.indices.len());
    // `Row` has a private field: start from egui's row of the same text.
    let Some(mut row) = plain
        .rows
        .first()
        .or(shown.rows.first())
        .map(|r| (*r.row).clone())
    else {
        return galley;
    };
    row.glyphs = glyphs;
    row.size = vec2(end_x, height);
    row.visuals = egui::epaint::text::RowVisuals {
        glyph_vertex_range: 0..num_vertices,
        glyph_index_start: 0,
        mesh,
        mesh_bounds,
    };
    let pos = plain.rows.first().map_or(Pos2::ZERO, |r| r.pos);
    galley.rows = vec![egui::epaint::text::PlacedRow {
        pos: pos2(0.0, pos.y),
        row: Arc::new(row),
        ends_with_newline: false,
    }];
    let width = layout.size().x - shift;
    galley.rect = egui::Rect::from_min_size(pos2(0.0, pos.y), vec2(width, height));
    galley.mesh_bounds = mesh_bounds.translate(vec2(0.0, pos.y));
    galley.num_vertices = num_vertices;
    galley.num_indices = num_indices;
    galley
}

/// Where a press, drag or double-click on the field puts the caret or selection, from
/// our layout (egui's own hit test of this galley would be wrong right to left); stored
/// as the editor's state, and returned.
fn pointer_selection(
    ui: &Ui,
    out: &TextEditOutput,
    layout: &ParaLayout,
    origin: Pos2,
    id: Id,
    text: &str,
) -> Option<CCursorRange> {
    let resp = &out.response.response;
    let pointer = resp.interact_pointer_pos()?;
    let local = pointer - origin;
    let middle = pos2(local.x, layout.size().y / 2.0);
    let at = layout.boundary_at(middle);
    let anchor_id = id.with("bidi-anchor");
    let (pressed, shift) = ui.input(|i| (i.pointer.primary_pressed(), i.modifiers.shift));
    let mut state = out.state.clone();
    let range = if resp.double_clicked() {
        let word = crate::text::words::word_at(text, layout.char_at(middle).unwrap_or(at));
        CCursorRange::two(CCursor::new(word.start), CCursor::new(word.end))
    } else if pressed {
        let kept = ui.data(|d| d.get_temp::<usize>(anchor_id));
        let anchor = if shift { kept.unwrap_or(at) } else { at };
        ui.data_mut(|d| d.insert_temp(anchor_id, anchor));
        CCursorRange::two(CCursor::new(anchor), CCursor::new(at))
    } else if resp.dragged() || resp.is_pointer_button_down_on() || resp.clicked() {
        let anchor = ui.data(|d| d.get_temp(anchor_id)).unwrap_or(at);
        CCursorRange::two(CCursor::new(anchor), CCursor::new(at))
    } else {
        return None;
    };
    // Painted this frame from `range` (below), and egui's state from the next one on.
    state.cursor.set_char_range(Some(range));
    state.store(ui.ctx(), id);
    Some(range)
}

/// The selection, as the rectangles it covers on screen (translucent, over the text),
/// and the caret at the primary end.
fn paint_selection(
    ui: &Ui,
    out: &TextEditOutput,
    layout: &ParaLayout,
    origin: Pos2,
    range: CCursorRange,
    (fill, caret): (Color32, egui::Stroke),
) {
    let painter = ui.painter_at(out.text_clip_rect.expand(1.0));
    let origin = origin.to_vec2();
    let [a, b] = range.sorted_cursors();
    for r in layout.range_rects(a.index.0, b.index.0) {
        painter.rect_filled(r.translate(origin), 0.0, fill.gamma_multiply(0.55));
    }
    if ui.input(|i| i.focused) {
        let r = layout.caret_rect(range.primary.index.0).translate(origin);
        painter.line_segment([r.left_top(), r.left_bottom()], caret);
    }
}
