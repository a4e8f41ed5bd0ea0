//! The document view: the article wrapped at a reading measure, spans highlighted, and a
//! text selection made with the mouse.
//!
//! Built for long documents: only blocks (lines) inside the viewport are laid out and
//! painted; block heights and the span index are kept in [`DocViewState`] and rebuilt only
//! when width, zoom or spans change. Highlights are painted as rectangles under and lines
//! over the text galley, so adding a span never re-lays-out text.

use super::doc_layout::{Block, BlockHeights, LayoutKey, blocks_of};
use super::span_index::SpanIndex;
use super::theme;
use crate::model::{DocId, Document, Label, Span, SpanId};
use egui::text::{CCursor, CharIndex, Galley};
use egui::{Align, Pos2, Rect, Sense, Stroke, Ui, Vec2, pos2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// Horizontal and top margin around the text column.
const MARGIN_PX: f32 = 24.0;
/// Height of an empty line, as a fraction of a text line.
const EMPTY_LINE_FACTOR: f32 = 0.4;
/// Thickness of span underlines, and the distance between stacked ones.
const UNDERLINE_PX: f32 = 2.0;
const LANE_STEP_PX: f32 = 3.0;
/// Underline lanes drawn before they repeat; deeper nesting is rare in news text.
const MAX_LANES: u8 = 4;

/// A text selection in code points: where the drag started and where it is now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Where the selection started.
    pub anchor: usize,
    /// Where it ends now (moves with the mouse or shift+click).
    pub focus: usize,
}

impl Selection {
    /// The selected code points, in order.
    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.focus)..self.anchor.max(self.focus)
    }
}

/// What the user did in the view that the app must act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ViewEvent {
    /// A click without drag: select this annotation, or none.
    SelectSpan(Option<SpanId>),
    /// A Ctrl+drag: add this range to the selected annotation as a fragment.
    AddFragment(Range<usize>),
    /// The selected annotation's start or end edge was dragged to a new boundary.
    MoveEdge {
        /// The annotation.
        span: SpanId,
        /// True for the start edge, false for the end.
        start: bool,
        /// The code point boundary it was dropped at.
        to: usize,
    },
    /// An Alt+drag from one annotation to another: link them.
    Link {
        /// Where the drag started.
        from: SpanId,
        /// Where it ended.
        to: SpanId,
    },
}

/// State of the view that lives across frames.
#[derive(Default)]
pub struct DocViewState {
    doc: Option<DocId>,
    revision: Option<u64>,
    blocks: Vec<Block>,
    heights: BlockHeights,
    index: SpanIndex,
    /// The current text selection, if any.
    pub selection: Option<Selection>,
    dragging: bool,
    /// An Alt+drag from this annotation is under way.
    link_drag: Option<SpanId>,
    /// An edge of this annotation is being dragged (true: its start).
    edge_drag: Option<(SpanId, bool)>,
    /// Spans that have relations (for gutter marks), rebuilt with the index.
    linked: std::collections::HashSet<SpanId>,
    /// Blocks drawn in the last frame: first code point, screen origin, galley.
    on_screen: Vec<(usize, Pos2, Arc<Galley>)>,
    /// Code point to bring into view on the next frame.
    pub scroll_to: Option<usize>,
}

impl DocViewState {
    /// Makes the derived data match `doc` at project revision `revision`.
    fn sync(&mut self, doc: &Document, revision: u64) {
        if self.doc != Some(doc.id) {
            *self = DocViewState {
                doc: Some(doc.id),
                blocks: blocks_of(doc.text.as_str()),
                scroll_to: self.scroll_to.take(),
                ..Default::default()
            };
        }
        if self.revision != Some(revision) {
            self.index.update(doc, &self.blocks);
            self.linked = doc.relations.iter().flat_map(|r| [r.from, r.to]).collect();
            self.revision = Some(revision);
            let len = doc.text.len_chars();
            if let Some(sel) = &mut self.selection {
                sel.anchor = sel.anchor.min(len);
                sel.focus = sel.focus.min(len);
            }
        }
    }

    /// The selected code point range, if it is not empty.
    pub fn selected_range(&self) -> Option<Range<usize>> {
        self.selection.map(|s| s.range()).filter(|r| !r.is_empty())
    }

    /// Where code point `c` was drawn in the last frame (screen coordinates), if visible:
    /// for tests and tooltips that need to point at a piece of text.
    pub fn char_rect(&self, c: usize) -> Option<Rect> {
        let (start, origin, galley) = self
            .on_screen
            .iter()
            .rev()
            .find(|(start, _, _)| *start <= c)?;
        let local = c - start;
        if local >= galley.job.text.chars().count() {
            return None;
        }
        let a = galley.pos_from_cursor(CCursor::new(local));
        let b = galley.pos_from_cursor(CCursor::new(local + 1));
        let right = if (b.min.y - a.min.y).abs() < 1.0 {
            b.min.x
        } else {
            a.min.x + 4.0
        };
        Some(Rect::from_min_max(a.min, pos2(right, a.max.y)).translate(origin.to_vec2()))
    }

    /// Index of the block holding code point `c`.
    fn block_of(&self, c: usize) -> usize {
        self.blocks
            .partition_point(|b| b.char_start <= c)
            .saturating_sub(1)
    }
}

/// The document view widget.
#[must_use]
pub struct DocView<'a> {
    doc: &'a Document,
    labels: &'a [Label],
    selected: Option<SpanId>,
    link_target: Option<SpanId>,
    font_px: f32,
    revision: u64,
    marks: &'a [Range<usize>],
}

/// A block on screen this frame.
struct Placed {
    block: usize,
    origin: Pos2,
    galley: Arc<Galley>,
}

impl<'a> DocView<'a> {
    /// A view of `doc` with highlights in the colours of `labels`.
    pub fn new(doc: &'a Document, labels: &'a [Label], revision: u64) -> Self {
        Self {
            doc,
            labels,
            selected: None,
            link_target: None,
            font_px: theme::DEFAULT_FONT_PX,
            revision,
            marks: &[],
        }
    }

    /// Ranges outlined as search matches: sorted, not overlapping, in code points.
    pub fn marks(mut self, marks: &'a [Range<usize>]) -> Self {
        self.marks = marks;
        self
    }

    /// The annotation drawn as selected.
    pub fn selected(mut self, span: Option<SpanId>) -> Self {
        self.selected = span;
        self
    }

    /// The annotation chosen as the target of a link being made.
    pub fn link_target(mut self, span: Option<SpanId>) -> Self {
        self.link_target = span;
        self
    }

    /// Text size in points.
    pub fn font_px(mut self, font_px: f32) -> Self {
        self.font_px = font_px;
        self
    }

    /// Shows the view; returns what the user did that the app must handle.
    pub fn show(self, ui: &mut Ui, state: &mut DocViewState) -> Option<ViewEvent> {
        state.sync(self.doc, self.revision);
        egui::ScrollArea::vertical()
            // One scroll position per document, so switching back returns to the same place.
            .id_salt(("document view", self.doc.id))
            .auto_shrink(false)
            .show_viewport(ui, |ui, viewport| self.contents_ui(ui, viewport, state))
            .inner
    }

    fn contents_ui(
        &self,
        ui: &mut Ui,
        viewport: Rect,
        state: &mut DocViewState,
    ) -> Option<ViewEvent> {
        let avail = ui.available_width();
        let key = LayoutKey {
            width: (avail - 2.0 * MARGIN_PX)
                .min(self.font_px * theme::MEASURE_EM)
                .max(80.0)
                .floor(),
            font_px: self.font_px,
            color: ui.visuals().text_color(),
            pixels_per_point: ui.ctx().pixels_per_point(),
        };
        if !state.heights.is_valid_for(&key, state.blocks.len()) {
            let estimates: Vec<(f32, bool)> = state
                .blocks
                .iter()
                .map(|b| {
                    let h = if b.char_len == 0 {
                        (key.line_px() * EMPTY_LINE_FACTOR).round()
                    } else {
                        key.estimate_px(b.char_len)
                    };
                    (h, !b.continues)
                })
                .collect();
            state.heights.set_estimates(key, estimates.into_iter());
        }
        self.measure_visible(ui, &key, viewport, state);
        let size = vec2(avail, state.heights.total() + 2.0 * MARGIN_PX);
        let (rect, resp) = ui.allocate_exact_size(size, Sense::click_and_drag());
        resp.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::Document, true, &self.doc.title)
        });
        let left = ((avail - key.width) / 2.0).max(MARGIN_PX).floor();
        let text_origin = rect.min + vec2(left, MARGIN_PX);

        let mut placed = Vec::new();
        let mut b = state.heights.block_at(viewport.min.y - MARGIN_PX);
        while b < state.blocks.len() && state.heights.top(b) + MARGIN_PX <= viewport.max.y {
            let origin = text_origin + vec2(0.0, state.heights.top(b));
            placed.push(Placed {
                block: b,
                origin,
                galley: self.layout(ui, &key, &state.blocks[b]),
            });
            b += 1;
        }

        if let Some(c) = state.scroll_to.take() {
            let b = state.block_of(c);
            let galley = self.layout(ui, &key, &state.blocks[b]);
            let local = c.saturating_sub(state.blocks[b].char_start);
            let r = galley.pos_from_cursor(CCursor::new(local));
            let r = r.translate(text_origin.to_vec2() + vec2(0.0, state.heights.top(b)));
            ui.scroll_to_rect(r.expand(key.line_px()), Some(Align::Center));
        }

        let event = self.interact_ui(ui, &resp, &key, text_origin, state);
        if ui.is_rect_visible(rect) {
            self.paint(ui, &placed, state, text_origin.x);
        }
        state.on_screen = placed
            .into_iter()
            .map(|p| (state.blocks[p.block].char_start, p.origin, p.galley))
            .collect();
        event
    }

    /// Lays out the blocks in (or scrolled to in) the viewport whose heights are still
    /// estimates, so everything drawn and hit-tested this frame sits where it really is.
    /// Repeats while corrections move other blocks into view.
    fn measure_visible(&self, ui: &Ui, key: &LayoutKey, viewport: Rect, state: &mut DocViewState) {
        for _ in 0..4 {
            let mut changed = false;
            let mut wanted: Vec<usize> = Vec::new();
            let mut b = state.heights.block_at(viewport.min.y - MARGIN_PX);
            while b < state.blocks.len() && state.heights.top(b) + MARGIN_PX <= viewport.max.y {
                wanted.push(b);
                b += 1;
            }
            if let Some(c) = state.scroll_to {
                wanted.push(state.block_of(c));
            }
            for b in wanted {
                if state.heights.is_estimate(b) {
                    let h = self.block_height(ui, key, &state.blocks[b]);
                    changed |= state.heights.measure(b, h);
                }
            }
            if !changed {
                break;
            }
            state.heights.recompute();
        }
    }

    fn block_text(&self, block: &Block) -> &str {
        self.doc
            .text
            .as_str()
            .get(block.bytes.clone())
            .unwrap_or_default()
    }

    fn block_height(&self, ui: &Ui, key: &LayoutKey, block: &Block) -> f32 {
        if block.char_len == 0 {
            return (key.line_px() * EMPTY_LINE_FACTOR).round();
        }
        self.layout(ui, key, block).size().y
    }

    fn layout(&self, ui: &Ui, key: &LayoutKey, block: &Block) -> Arc<Galley> {
        let job = key.job(self.block_text(block));
        ui.fonts_mut(|f| f.layout_job(job))
    }

    /// Code point boundary nearest to `pos` (for selections).
    fn boundary_at(
        &self,
        ui: &Ui,
        key: &LayoutKey,
        origin: Pos2,
        state: &DocViewState,
        pos: Pos2,
    ) -> usize {
        let b = state.heights.block_at(pos.y - origin.y);
        let block = &state.blocks[b];
        let galley = self.layout(ui, key, block);
        let local = pos - (origin + vec2(0.0, state.heights.top(b)));
        let c = galley.cursor_from_pos(local).index.0.min(block.char_len);
        block.char_start + c
    }

    /// Code point under `pos`, if the pointer is on text.
    fn char_at(
        &self,
        ui: &Ui,
        key: &LayoutKey,
        origin: Pos2,
        state: &DocViewState,
        pos: Pos2,
    ) -> Option<usize> {
        let b = state.heights.block_at(pos.y - origin.y);
        let block = &state.blocks[b];
        let galley = self.layout(ui, key, block);
        let local = pos - (origin + vec2(0.0, state.heights.top(b)));
        if !galley.rect.contains(local.to_pos2()) {
            return None;
        }
        let mut c = galley.cursor_from_pos(local).index.0;
        let x = galley.pos_from_cursor(CCursor::new(c)).min.x;
        if local.x < x && c > 0 {
            c -= 1;
        }
        (c < block.char_len).then_some(block.char_start + c)
    }

    fn interact_ui(
        &self,
        ui: &Ui,
        resp: &egui::Response,
        key: &LayoutKey,
        origin: Pos2,
        state: &mut DocViewState,
    ) -> Option<ViewEvent> {
        let (pressed, down, released, modifiers, pos) = ui.input(|i| {
            (
                i.pointer.primary_pressed(),
                i.pointer.primary_down(),
                i.pointer.primary_released(),
                i.modifiers,
                i.pointer.interact_pos(),
            )
        });
        let shift = modifiers.shift;
        let mut event = None;
        if let Some(pos) = pos {
            if let Some((span, start)) = state.edge_drag {
                ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
                if released {
                    state.edge_drag = None;
                    let to = self.boundary_at(ui, key, origin, state, pos);
                    return Some(ViewEvent::MoveEdge { span, start, to });
                }
                return None;
            }
            let edge = self.edge_under(state, pos);
            if edge.is_some() && resp.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
            }
            if pressed
                && resp.contains_pointer()
                && let Some(edge) = edge
            {
                state.edge_drag = Some(edge);
                return None;
            }
            if let Some(from) = state.link_drag {
                if released {
                    state.link_drag = None;
                    let to = self
                        .char_at(ui, key, origin, state, pos)
                        .and_then(|c| self.doc.spans_at(c).first().map(|s| s.id));
                    if let Some(to) = to.filter(|to| *to != from) {
                        return Some(ViewEvent::Link { from, to });
                    }
                }
                return None;
            }
            if pressed
                && modifiers.alt
                && resp.contains_pointer()
                && let Some(c) = self.char_at(ui, key, origin, state, pos)
                && let Some(span) = self.doc.spans_at(c).first()
            {
                state.link_drag = Some(span.id);
                return None;
            }
            if pressed && resp.contains_pointer() {
                resp.request_focus();
                let c = self.boundary_at(ui, key, origin, state, pos);
                match (&mut state.selection, shift) {
                    (Some(sel), true) => sel.focus = c,
                    _ => {
                        state.selection = Some(Selection {
                            anchor: c,
                            focus: c,
                        })
                    }
                }
                state.dragging = true;
            } else if state.dragging && down {
                let clip = ui.clip_rect();
                let clamped = pos2(pos.x, pos.y.clamp(clip.min.y, clip.max.y));
                let focus = self.boundary_at(ui, key, origin, state, clamped);
                if let Some(sel) = &mut state.selection {
                    sel.focus = focus;
                }
                let over = (pos.y - clip.max.y).max(0.0) - (clip.min.y - pos.y).max(0.0);
                if over != 0.0 {
                    ui.scroll_with_delta(Vec2::new(0.0, -over.clamp(-40.0, 40.0)));
                    ui.ctx().request_repaint();
                }
            }
            if released && state.dragging {
                state.dragging = false;
                if modifiers.command
                    && let Some(range) = state.selected_range()
                {
                    event = Some(ViewEvent::AddFragment(range));
                } else if state.selected_range().is_none() && !shift {
                    // The empty selection stays as a caret, so a later shift+click
                    // selects from here, as in any text editor.
                    let hit = self.char_at(ui, key, origin, state, pos);
                    event = Some(ViewEvent::SelectSpan(
                        hit.and_then(|c| self.span_to_select(c)),
                    ));
                }
            }
            if resp.double_clicked()
                && let Some(c) = self.char_at(ui, key, origin, state, pos)
            {
                let word = word_around(self.doc, &state.blocks[state.block_of(c)], c);
                state.selection = Some(Selection {
                    anchor: word.start,
                    focus: word.end,
                });
            }
        }
        if !state.dragging
            && resp.hovered()
            && let Some(pos) = resp.hover_pos()
            && let Some(c) = self.char_at(ui, key, origin, state, pos)
        {
            let spans = self.doc.spans_at(c);
            if !spans.is_empty() {
                resp.clone()
                    .on_hover_ui_at_pointer(|ui| self.tooltip_ui(ui, &spans));
            }
        }
        event
    }

    /// The selected annotation's start or end edge under the pointer, if any: a few points
    /// either side of where its first piece begins or its last piece ends.
    fn edge_under(&self, state: &DocViewState, pos: Pos2) -> Option<(SpanId, bool)> {
        const GRAB_PX: f32 = 4.0;
        let span = self.doc.span(self.selected?)?;
        let pieces = span.pieces();
        let (first, last) = (pieces.first()?.0, pieces.last()?.1);
        if let Some(r) = state.char_rect(first)
            && (pos.x - r.min.x).abs() <= GRAB_PX
            && (r.min.y..=r.max.y).contains(&pos.y)
        {
            return Some((span.id, true));
        }
        if let Some(r) = state.char_rect(last.saturating_sub(1))
            && (pos.x - r.max.x).abs() <= GRAB_PX
            && (r.min.y..=r.max.y).contains(&pos.y)
        {
            return Some((span.id, false));
        }
        None
    }

    /// The annotation a click on code point `c` selects: the innermost one, or if that is
    /// already selected, the next one out, so repeated clicks cycle through nested spans.
    fn span_to_select(&self, c: usize) -> Option<SpanId> {
        let spans = self.doc.spans_at(c);
        let current = spans.iter().position(|s| Some(s.id) == self.selected);
        let next = current.map_or(0, |i| (i + 1) % spans.len());
        spans.get(next).map(|s| s.id)
    }

    fn tooltip_ui(&self, ui: &mut Ui, spans: &[&Span]) {
        for s in spans {
            ui.horizontal(|ui| {
                if let Some(label) = self.labels.iter().find(|l| l.name == s.label) {
                    theme::color_chip(ui, label);
                }
                ui.strong(&s.label);
                for (name, value) in &s.attributes {
                    ui.label(format!("{name}: {value}"));
                }
            });
            if !s.note.is_empty() {
                ui.label(&s.note);
            }
        }
    }

    fn label(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    fn paint(&self, ui: &Ui, placed: &[Placed], state: &DocViewState, text_left: f32) {
        let painter = ui.painter();
        let visuals = ui.visuals();
        let selection = state.selected_range();
        // Where each visible span begins on screen, for relation arcs.
        let mut anchors: std::collections::HashMap<SpanId, Rect> = std::collections::HashMap::new();
        for p in placed {
            let block = &state.blocks[p.block];
            let (bs, be) = (block.char_start, block.char_start + block.char_len);
            let spans = state.index.spans_in(p.block);
            let shrink = (p.galley.rows.first().map_or(0.0, |r| r.height()) - self.font_px * 1.3)
                .max(0.0)
                / 2.0;
            // Screen rectangles of each span's pieces within this block.
            let rects_of = |s: &Span| -> Vec<Rect> {
                let mut out = Vec::new();
                for (ps, pe) in s.pieces() {
                    let (a, b) = (ps.max(bs), pe.min(be));
                    if a < b {
                        for r in range_rects(&p.galley, a - bs, b - bs) {
                            out.push(r.translate(p.origin.to_vec2()).shrink2(vec2(0.0, shrink)));
                        }
                    }
                }
                out
            };
            let mut drawn: Vec<(usize, Vec<Rect>)> = Vec::with_capacity(spans.size_hint().0);
            for i in spans {
                let s = &self.doc.spans[i];
                let Some(label) = self.label(&s.label) else {
                    continue;
                };
                let rects = rects_of(s);
                for r in &rects {
                    painter.rect_filled(*r, 2.0, theme::span_fill(label, visuals));
                }
                if let Some(first) = rects.first() {
                    anchors.entry(s.id).or_insert(*first);
                    if state.linked.contains(&s.id) && (bs..be.max(bs + 1)).contains(&s.start) {
                        let at = pos2(text_left - 10.0, first.center().y);
                        painter.circle_filled(at, 3.0, theme::label_color(label));
                    }
                }
                drawn.push((i, rects));
            }
            if let Some(sel) = &selection {
                let (a, b) = (sel.start.max(bs), sel.end.min(be));
                if a < b {
                    for r in range_rects(&p.galley, a - bs, b - bs) {
                        let r = r.translate(p.origin.to_vec2()).shrink2(vec2(0.0, shrink));
                        painter.rect_filled(r, 0.0, visuals.selection.bg_fill.gamma_multiply(0.6));
                    }
                }
            }
            let first_mark = self.marks.partition_point(|m| m.end <= bs);
            for m in self.marks[first_mark..].iter().take_while(|m| m.start < be) {
                let (a, b) = (m.start.max(bs), m.end.min(be));
                for r in range_rects(&p.galley, a - bs, b - bs) {
                    let r = r.translate(p.origin.to_vec2()).shrink2(vec2(0.0, shrink));
                    painter.rect_stroke(
                        r.expand(1.0),
                        2.0,
                        Stroke::new(1.5, theme::search_match(visuals)),
                        egui::StrokeKind::Outside,
                    );
                }
            }
            painter.galley(p.origin, p.galley.clone(), visuals.text_color());
            for (i, rects) in drawn {
                let s = &self.doc.spans[i];
                let Some(label) = self.label(&s.label) else {
                    continue;
                };
                let lane = f32::from(state.index.lane(i) % MAX_LANES);
                for r in rects {
                    let y = r.max.y - 1.0 + lane * LANE_STEP_PX;
                    painter.hline(
                        r.x_range(),
                        y,
                        Stroke::new(UNDERLINE_PX, theme::span_underline(label)),
                    );
                    let outline = if Some(s.id) == self.selected {
                        Some(theme::selected_outline(visuals))
                    } else if Some(s.id) == self.link_target {
                        Some(visuals.warn_fg_color)
                    } else {
                        None
                    };
                    if let Some(color) = outline {
                        painter.rect_stroke(
                            r.expand(1.0),
                            2.0,
                            Stroke::new(1.5, color),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            }
        }
        self.paint_relations(ui, &anchors, state);
    }

    /// Arcs for the selected annotation's relations whose both ends are on screen, and
    /// the line of an Alt+drag link in progress.
    fn paint_relations(
        &self,
        ui: &Ui,
        anchors: &std::collections::HashMap<SpanId, Rect>,
        state: &DocViewState,
    ) {
        let painter = ui.painter();
        let color = ui.visuals().strong_text_color().gamma_multiply(0.8);
        let arc = |from: Rect, to: Rect, label: &str| {
            let (a, b) = (from.center_top(), to.center_top());
            let lift = 18.0 + (a.distance(b) * 0.15).min(60.0);
            let mid_y = a.y.min(b.y) - lift;
            let points = [a, pos2(a.x, mid_y), pos2(b.x, mid_y), b];
            painter.add(egui::epaint::CubicBezierShape::from_points_stroke(
                points,
                false,
                egui::Color32::TRANSPARENT,
                Stroke::new(1.5, color),
            ));
            let tip = b;
            painter.line_segment([tip, tip + vec2(-4.0, -7.0)], Stroke::new(1.5, color));
            painter.line_segment([tip, tip + vec2(4.0, -7.0)], Stroke::new(1.5, color));
            let t = pos2((a.x + b.x) / 2.0, mid_y + lift * 0.25 - 4.0);
            painter.text(
                t,
                egui::Align2::CENTER_BOTTOM,
                label,
                egui::FontId::proportional(11.0),
                color,
            );
        };
        if let Some(selected) = self.selected {
            for r in self.doc.relations_of(selected) {
                if let (Some(from), Some(to)) = (anchors.get(&r.from), anchors.get(&r.to)) {
                    arc(*from, *to, &r.kind);
                }
            }
        }
        if let Some(from) = state.link_drag.and_then(|id| anchors.get(&id))
            && let Some(pointer) = ui.input(|i| i.pointer.latest_pos())
        {
            painter.arrow(
                from.center_top(),
                pointer - from.center_top(),
                Stroke::new(2.0, ui.visuals().warn_fg_color),
            );
            ui.ctx().request_repaint();
        }
    }
}

/// One rectangle per galley row covered by chars `a..b` (galley coordinates).
fn range_rects(galley: &Galley, a: usize, b: usize) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut row_start = 0usize;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let (ra, rb) = (a.max(row_start), b.min(row_start + n));
        if ra < rb {
            let x0 = row.pos.x + row.x_offset(CharIndex(ra - row_start));
            let x1 = row.pos.x + row.x_offset(CharIndex(rb - row_start));
            out.push(Rect::from_x_y_ranges(x0..=x1, row.min_y()..=row.max_y()));
        }
        row_start += row.char_count_including_newline().0;
        if row_start >= b {
            break;
        }
    }
    out
}

/// The word around code point `c`: letters and digits, joined by inner apostrophes and
/// hyphens ("far-left", "it’s"); a lone punctuation mark selects just itself.
fn word_around(doc: &Document, block: &Block, c: usize) -> Range<usize> {
    let text: Vec<char> = doc
        .text
        .as_str()
        .get(block.bytes.clone())
        .unwrap_or_default()
        .chars()
        .collect();
    let i = c
        .saturating_sub(block.char_start)
        .min(text.len().saturating_sub(1));
    let is_word = |k: usize| {
        let ch = text[k];
        ch.is_alphanumeric()
            || (matches!(ch, '\'' | '’' | '-' | '‐')
                && k > 0
                && k + 1 < text.len()
                && text[k - 1].is_alphanumeric()
                && text[k + 1].is_alphanumeric())
    };
    if text.is_empty() || !is_word(i) {
        return c..(c + 1).min(block.char_start + text.len());
    }
    let mut a = i;
    while a > 0 && is_word(a - 1) {
        a -= 1;
    }
    let mut b = i + 1;
    while b < text.len() && is_word(b) {
        b += 1;
    }
    block.char_start + a..block.char_start + b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_around_joins_hyphens_and_curly_apostrophes() {
        let doc = Document::new(DocId(1), "t", "The far-left mayor’s “plan”.");
        let blocks = blocks_of(doc.text.as_str());
        let w = |c| {
            doc.text
                .slice(word_around(&doc, &blocks[0], c))
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(w(5), "far-left");
        assert_eq!(w(14), "mayor’s");
        assert_eq!(w(21), "“");
        assert_eq!(w(23), "plan");
    }
}
