//! The document view: the article wrapped at a reading measure, spans highlighted, and a
//! text selection made with the mouse.
//!
//! Built for long documents: only blocks (lines) inside the viewport are laid out and
//! painted; block heights and the span index are kept in [`DocViewState`] and rebuilt only
//! when width, zoom or spans change. Highlights are painted as rectangles under and lines
//! over the text galley, so adding a span never re-lays-out text.
//!
//! Each block is laid out by [`super::text_layout`]: right-to-left paragraphs (Arabic,
//! Hebrew…) in visual order and right-aligned, English through egui's own galley as
//! before. Every position — highlights, selection, hover, the caret, arcs — comes from
//! its "rectangles of a code point range" and hit-testing, so they follow the glyphs
//! whatever the direction, while offsets stay code points of the stored text.

use super::doc_layout::{Block, BlockHeights, LayoutCache, LayoutKey, blocks_of};
use super::span_index::SpanIndex;
use super::text_layout::ParaLayout;
use super::theme;
use crate::model::{DocId, Document, Label, Span, SpanId};
use egui::{Align, Pos2, Rect, Sense, Ui, Vec2, pos2, vec2};
use std::ops::Range;
use std::sync::Arc;

mod paint;

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
    /// Blocks drawn in the last frame: first code point, screen origin, layout.
    on_screen: Vec<(usize, Pos2, Arc<ParaLayout>)>,
    /// Laid-out blocks kept between frames.
    layouts: LayoutCache,
    /// The document's direction setting the layouts were made with.
    direction: crate::model::TextDirection,
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
        if self.direction != doc.direction {
            self.direction = doc.direction;
            self.layouts = LayoutCache::default();
            self.heights = BlockHeights::default();
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

    /// The block drawn in the last frame that holds code point `c` (or ends at it):
    /// its first code point, screen origin and layout.
    fn shown(&self, c: usize) -> Option<&(usize, Pos2, Arc<ParaLayout>)> {
        self.on_screen
            .iter()
            .rev()
            .find(|(start, _, l)| *start <= c && c <= start + l.char_len())
    }

    /// Where code point `c` was drawn in the last frame (screen coordinates), if visible:
    /// for tests and tooltips that need to point at a piece of text.
    pub fn char_rect(&self, c: usize) -> Option<Rect> {
        let (start, origin, layout) = self.shown(c)?;
        Some(layout.char_rect(c - start)?.translate(origin.to_vec2()))
    }

    /// The screen rectangles code points `range` covered in the last frame: one per
    /// line and per stretch of one direction, so a range crossing from Arabic into a
    /// Latin name is several. Highlights, the selection, search marks and proposal
    /// outlines are all drawn from these.
    pub fn range_rects(&self, range: Range<usize>) -> Vec<Rect> {
        let mut out = Vec::new();
        for (start, origin, layout) in &self.on_screen {
            let end = start + layout.char_len();
            let (a, b) = (range.start.max(*start), range.end.min(end));
            if a < b {
                out.extend(
                    layout
                        .range_rects(a - start, b - start)
                        .into_iter()
                        .map(|r| r.translate(origin.to_vec2())),
                );
            }
        }
        out
    }

    /// Screen x of code point `c`'s leading edge (with `trailing`, its trailing edge) and
    /// the top and bottom of its line, as drawn in the last frame.
    pub fn char_edge(&self, c: usize, trailing: bool) -> Option<(f32, f32, f32)> {
        let (start, origin, layout) = self.shown(c)?;
        let (x, top, bottom) = layout.edge(c - start, trailing)?;
        Some((x + origin.x, top + origin.y, bottom + origin.y))
    }

    /// Whether code point `c` was drawn right to left in the last frame (false if it
    /// was not on screen).
    pub fn is_rtl_at(&self, c: usize) -> bool {
        self.shown(c)
            .is_some_and(|(start, _, layout)| layout.is_rtl_at(c - start))
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
    proposals: &'a [ProposalMark],
}

/// A quote assistant proposal drawn as a dashed outline, a layer apart from the coder's
/// spans.
#[derive(Clone, Debug, PartialEq)]
pub struct ProposalMark {
    /// Code point pieces, end exclusive.
    pub pieces: Vec<(usize, usize)>,
    /// The proposed label's colour.
    pub color: egui::Color32,
    /// Whether it is the proposal under review (drawn bolder).
    pub current: bool,
}

/// A block on screen this frame.
struct Placed {
    block: usize,
    origin: Pos2,
    layout: Arc<ParaLayout>,
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
            proposals: &[],
        }
    }

    /// The quote assistant's proposals, outlined with dashes in their label's colour.
    pub fn proposals(mut self, proposals: &'a [ProposalMark]) -> Self {
        self.proposals = proposals;
        self
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
        state.layouts.begin_frame(ui.ctx());
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
                layout: self.layout(ui, &key, state, b),
            });
            b += 1;
        }

        if let Some(c) = state.scroll_to.take() {
            let b = state.block_of(c);
            let layout = self.layout(ui, &key, state, b);
            let local = c.saturating_sub(state.blocks[b].char_start);
            let r = layout.caret_rect(local);
            let r = r.translate(text_origin.to_vec2() + vec2(0.0, state.heights.top(b)));
            ui.scroll_to_rect(r.expand(key.line_px()), Some(Align::Center));
        }

        let event = self.interact_ui(ui, &resp, &key, text_origin, state);
        if ui.is_rect_visible(rect) {
            let column = text_origin.x..=text_origin.x + key.width;
            self.paint(ui, &placed, state, column, key.line_px());
        }
        state.on_screen = placed
            .into_iter()
            .map(|p| (state.blocks[p.block].char_start, p.origin, p.layout))
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
                    let h = self.block_height(ui, key, state, b);
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

    fn block_height(&self, ui: &Ui, key: &LayoutKey, state: &mut DocViewState, b: usize) -> f32 {
        if state.blocks[b].char_len == 0 {
            return (key.line_px() * EMPTY_LINE_FACTOR).round();
        }
        self.layout(ui, key, state, b).size().y
    }

    /// Block `b` laid out (from the cache when it was laid out at this key before).
    fn layout(
        &self,
        ui: &Ui,
        key: &LayoutKey,
        state: &mut DocViewState,
        b: usize,
    ) -> Arc<ParaLayout> {
        if let Some(l) = state.layouts.get(key, b) {
            return l;
        }
        let rtl = self.block_is_rtl(state, b);
        let text = self.block_text(&state.blocks[b]);
        let layout = Arc::new(ui.fonts_mut(|f| ParaLayout::new(f, text, &key.style(), rtl)));
        state.layouts.put(key, b, layout.clone());
        layout
    }

    /// Whether block `b` runs right to left: the document's setting, or the first strong
    /// letter of its line (a long line cut into several blocks takes its first block's).
    fn block_is_rtl(&self, state: &DocViewState, b: usize) -> bool {
        let mut first = b;
        while first > 0 && state.blocks[first - 1].continues {
            first -= 1;
        }
        let setting = self.doc.direction;
        crate::text::bidi::paragraph_is_rtl(self.block_text(&state.blocks[first]), setting)
    }

    /// The block under screen height `pos.y`, and `pos` relative to that block's origin.
    fn block_at(&self, origin: Pos2, state: &DocViewState, pos: Pos2) -> (usize, Pos2) {
        let b = state.heights.block_at(pos.y - origin.y);
        let local = pos - (origin + vec2(0.0, state.heights.top(b)));
        (b, local.to_pos2())
    }

    /// Code point boundary nearest to `pos` (for selections).
    fn boundary_at(
        &self,
        ui: &Ui,
        key: &LayoutKey,
        origin: Pos2,
        state: &mut DocViewState,
        pos: Pos2,
    ) -> usize {
        let (b, local) = self.block_at(origin, state, pos);
        let layout = self.layout(ui, key, state, b);
        let block = &state.blocks[b];
        block.char_start + layout.boundary_at(local).min(block.char_len)
    }

    /// Code point under `pos`, if the pointer is on text.
    fn char_at(
        &self,
        ui: &Ui,
        key: &LayoutKey,
        origin: Pos2,
        state: &mut DocViewState,
        pos: Pos2,
    ) -> Option<usize> {
        let (b, local) = self.block_at(origin, state, pos);
        let layout = self.layout(ui, key, state, b);
        let block = &state.blocks[b];
        let c = layout.char_at(local)?;
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
            event = self.select_ui(
                ui,
                resp,
                key,
                origin,
                state,
                &Pointer {
                    pressed,
                    down,
                    released,
                    modifiers,
                    pos,
                },
            );
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

    /// Selecting with the pointer: press and drag, shift+click to extend, Ctrl+release to
    /// add a piece, a click on a span to select it, a double click for a word.
    fn select_ui(
        &self,
        ui: &Ui,
        resp: &egui::Response,
        key: &LayoutKey,
        origin: Pos2,
        state: &mut DocViewState,
        pointer: &Pointer,
    ) -> Option<ViewEvent> {
        let Pointer {
            pressed,
            down,
            released,
            modifiers,
            pos,
        } = *pointer;
        let shift = modifiers.shift;
        let mut event = None;
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
            let block = &state.blocks[state.block_of(c)];
            let word = crate::text::words::word_at(self.block_text(block), c - block.char_start);
            let word = block.char_start + word.start..block.char_start + word.end;
            state.selection = Some(Selection {
                anchor: word.start,
                focus: word.end,
            });
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
        // The start edge is where reading the first code point begins (its right side
        // in right-to-left text), the end edge where reading the last one ends.
        let near = |(x, top, bottom): (f32, f32, f32)| {
            (pos.x - x).abs() <= GRAB_PX && (top..=bottom).contains(&pos.y)
        };
        if state.char_edge(first, false).is_some_and(near) {
            return Some((span.id, true));
        }
        if state
            .char_edge(last.saturating_sub(1), true)
            .is_some_and(near)
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
                ui.strong(s.label.as_str());
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
}

/// The primary button and modifiers this frame, at the pointer's position.
struct Pointer {
    pressed: bool,
    down: bool,
    released: bool,
    modifiers: egui::Modifiers,
    pos: Pos2,
}
