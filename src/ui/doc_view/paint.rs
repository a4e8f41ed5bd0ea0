//! Painting the document view's blocks: highlights, the selection and search marks under
//! the text, underlines and outlines over it, relation marks and arcs — all from the
//! layout's rectangles of a code point range, so they follow right-to-left text too.

use super::{DocView, DocViewState, LANE_STEP_PX, MAX_LANES, Placed, UNDERLINE_PX};
use crate::model::{Span, SpanId};
use crate::ui::theme;
use egui::{Rect, Stroke, Ui, pos2, vec2};
use std::collections::HashMap;
use std::ops::RangeInclusive;

impl DocView<'_> {
    /// Paints the placed blocks; `column` is the text column's left and right x.
    pub(super) fn paint(
        &self,
        ui: &Ui,
        placed: &[Placed],
        state: &DocViewState,
        column: RangeInclusive<f32>,
        line_px: f32,
    ) {
        let painter = ui.painter();
        let visuals = ui.visuals();
        let selection = state.selected_range();
        // Highlights are a little shorter than the line, so stacked lines stay apart.
        let shrink = (line_px - self.font_px * 1.3).max(0.0) / 2.0;
        // Where each visible span begins on screen, for relation arcs.
        let mut anchors: HashMap<SpanId, Rect> = HashMap::new();
        for p in placed {
            let block = &state.blocks[p.block];
            let (bs, be) = (block.char_start, block.char_start + block.char_len);
            // Screen rectangles of code points a..b within this block.
            let rects = |a: usize, b: usize| -> Vec<Rect> {
                let (a, b) = (a.max(bs), b.min(be));
                if a >= b {
                    return Vec::new();
                }
                p.layout
                    .range_rects(a - bs, b - bs)
                    .into_iter()
                    .map(|r| r.translate(p.origin.to_vec2()).shrink2(vec2(0.0, shrink)))
                    .collect()
            };
            let rects_of = |s: &Span| -> Vec<Rect> {
                s.pieces()
                    .into_iter()
                    .flat_map(|(a, b)| rects(a, b))
                    .collect()
            };
            // Relation marks sit in the margin the paragraph starts from.
            let gutter_x = if p.layout.is_rtl() {
                column.end() + 10.0
            } else {
                column.start() - 10.0
            };
            let spans = state.index.spans_in(p.block);
            let mut drawn: Vec<(usize, Vec<Rect>)> = Vec::with_capacity(spans.size_hint().0);
            for i in spans {
                let s = &self.doc.spans[i];
                let Some(label) = self.label(&s.label) else {
                    continue;
                };
                let rs = rects_of(s);
                for r in &rs {
                    painter.rect_filled(*r, 2.0, theme::span_fill(label, visuals));
                }
                if let Some(first) = rs.first() {
                    anchors.entry(s.id).or_insert(*first);
                    if state.linked.contains(&s.id) && (bs..be.max(bs + 1)).contains(&s.start) {
                        let at = pos2(gutter_x, first.center().y);
                        painter.circle_filled(at, 3.0, theme::label_color(label));
                    }
                }
                drawn.push((i, rs));
            }
            if let Some(sel) = &selection {
                for r in rects(sel.start, sel.end) {
                    painter.rect_filled(r, 0.0, visuals.selection.bg_fill.gamma_multiply(0.6));
                }
            }
            let first_mark = self.marks.partition_point(|m| m.end <= bs);
            for m in self.marks[first_mark..].iter().take_while(|m| m.start < be) {
                for r in rects(m.start, m.end) {
                    painter.rect_stroke(
                        r.expand(1.0),
                        2.0,
                        Stroke::new(1.5, theme::search_match(visuals)),
                        egui::StrokeKind::Outside,
                    );
                }
            }
            painter.galley(p.origin, p.layout.galley().clone(), visuals.text_color());
            // The quote assistant's proposals, a layer apart from the coder's spans.
            for m in self.proposals {
                for r in m.pieces.iter().flat_map(|&(a, b)| rects(a, b)) {
                    dashed_outline(painter, r.expand(2.0), m);
                }
            }
            self.paint_underlines(ui, state, drawn);
        }
        self.paint_relations(ui, &anchors, state);
    }

    /// Underlines (one lane per nesting depth) and the selected or link-target outline.
    fn paint_underlines(&self, ui: &Ui, state: &DocViewState, drawn: Vec<(usize, Vec<Rect>)>) {
        let painter = ui.painter();
        let visuals = ui.visuals();
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
        let background = ui.visuals().panel_fill;
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
            // On the article's background: the arc rises over the line above, and its name
            // drawn straight over that line's words could be read by neither.
            let galley =
                painter.layout_no_wrap(label.to_owned(), egui::FontId::proportional(11.0), color);
            let rect = egui::Align2::CENTER_BOTTOM.anchor_size(t, galley.size());
            painter.rect_filled(rect.expand(2.0), 3.0, background);
            painter.galley(rect.min, galley, color);
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

/// A proposal's outline around one row rectangle: dashes in its label's colour, wider
/// and over a faint wash of it when under review.
fn dashed_outline(painter: &egui::Painter, r: Rect, mark: &super::ProposalMark) {
    let width = if mark.current {
        painter.rect_filled(r, 2.0, mark.color.gamma_multiply(0.12));
        2.2
    } else {
        1.2
    };
    let corners = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    let stroke = Stroke::new(width, mark.color);
    painter.extend(egui::Shape::dashed_line(&corners, stroke, 4.0, 3.0));
}
