//! Paragraph layout for text egui cannot lay out by itself: right-to-left and mixed
//! direction paragraphs (Arabic, Persian, Urdu, Hebrew with numbers and Latin names),
//! with the geometry every text view needs — where a range of code points is on screen
//! (as several rectangles when it crosses a direction change), which code point is under
//! the pointer, and where the caret goes. Shared by the document view and the side panels.
//!
//! Why this design (measured for issue 13): egui 0.37 shapes an Arabic run with harfrust,
//! so its letters join, but lays runs out left to right and maps glyphs to characters in
//! logical order. Two ways out were weighed: a text engine (`parley` 0.12: bidi, line
//! breaking, hit-testing) or a UAX #9 pass over egui. Parley would bring a second font
//! stack (fontique collection, ICU segmentation data) and leave us drawing its glyph runs
//! without egui's atlas; the pass needs only `unicode-bidi` and `unicode-linebreak` on top
//! of the harfrust egui already links. So: levels from UAX #9, line breaks from UAX #14,
//! one egui galley per run of one direction and font, placed in visual order and joined
//! into one galley per paragraph (one shape to paint, as before), with positions inside
//! right-to-left runs taken from our own shaping (`text::shape`). Text without
//! right-to-left characters in a left-to-right paragraph — any English article — keeps
//! egui's own wrapped galley, so it looks and costs exactly what it did. Chinese and
//! Japanese paragraphs take the pass too, for its strict line breaking (`text::breaks`).

mod bidi_lines;
mod egui_fonts;
mod fonts;
mod snippet;
#[cfg(test)]
mod tests;

pub use egui_fonts::{egui_definitions, font_file, prefetch as prefetch_fonts};
pub use fonts::{cjk_font_to_prefer, install_fonts, missing_font_advice, with_cjk_font};
pub use snippet::{
    Highlight, excerpt_direction, highlighted_ui, isolated, snippet_galley, snippet_galley_in,
    snippet_label, snippet_text, snippet_text_in,
};

use crate::text::bidi::needs_bidi;
use crate::text::breaks::has_cjk;
use egui::epaint::text::FontsView;
use egui::text::{CharIndex, Galley, LayoutJob};
use egui::{Color32, FontId, Pos2, Rect, TextFormat, Vec2, vec2};
use std::sync::Arc;

/// How a paragraph is set: font, colour, line height and wrap width, all in points.
#[derive(Clone, Debug, PartialEq)]
pub struct ParaStyle {
    /// The font (size and family).
    pub font_id: FontId,
    /// Text colour.
    pub color: Color32,
    /// Height of one line.
    pub line_px: f32,
    /// Wrap width; lines of right-to-left paragraphs are aligned to its right end.
    pub width: f32,
}

impl ParaStyle {
    /// The egui layout job of `text` in this style, wrapped at the width.
    pub fn job(&self, text: &str) -> LayoutJob {
        let mut job = LayoutJob::single_section(text.to_owned(), self.format());
        job.wrap.max_width = self.width;
        job
    }

    fn format(&self) -> TextFormat {
        TextFormat {
            font_id: self.font_id.clone(),
            color: self.color,
            line_height: Some(self.line_px),
            ..Default::default()
        }
    }
}

/// A stretch of one direction on one line: code points `start..start + n`, drawn from
/// `x` over `width` points.
#[derive(Clone, Debug)]
struct Piece {
    start: usize,
    rtl: bool,
    x: f32,
    width: f32,
    /// `edges[k]`: distance from the piece's logical start (its left end if left to
    /// right, its right end if right to left) to the boundary before its `k`-th code
    /// point; `n + 1` entries, never decreasing.
    edges: Vec<f32>,
}

impl Piece {
    fn len(&self) -> usize {
        self.edges.len() - 1
    }

    fn end(&self) -> usize {
        self.start + self.len()
    }

    /// Screen x of the boundary before code point `c` (which must be in or at the end
    /// of the piece).
    fn x_of(&self, c: usize) -> f32 {
        let e = self.edges[(c - self.start).min(self.len())];
        if self.rtl {
            self.x + self.width - e
        } else {
            self.x + e
        }
    }
}

/// One line of a paragraph: its code points, height band, and pieces left to right.
#[derive(Clone, Debug)]
struct Line {
    start: usize,
    end: usize,
    top: f32,
    bottom: f32,
    pieces: Vec<Piece>,
}

/// A paragraph laid out: the galley to paint and where each code point is.
///
/// All positions are relative to the paragraph's top left corner; all offsets are code
/// points of the paragraph's text, in logical (stored) order whatever the direction.
pub struct ParaLayout {
    galley: Arc<Galley>,
    lines: Vec<Line>,
    char_len: usize,
    rtl: bool,
    size: Vec2,
}

impl ParaLayout {
    /// Lays out `text` (one paragraph, no line ends) in `style`, right to left if `rtl`.
    pub fn new(fonts: &mut FontsView<'_>, text: &str, style: &ParaStyle, rtl: bool) -> Self {
        if !rtl && !needs_bidi(text) && !has_cjk(text) {
            Self::left_to_right(fonts, text, style)
        } else {
            bidi_lines::layout(fonts, text, style, rtl)
        }
    }

    /// egui's own wrapped galley, for text that has nothing right to left in it.
    fn left_to_right(fonts: &mut FontsView<'_>, text: &str, style: &ParaStyle) -> Self {
        let galley = fonts.layout_job(style.job(text));
        let mut lines = Vec::with_capacity(galley.rows.len());
        let mut start = 0;
        for row in &galley.rows {
            let n = row.char_count_excluding_newline().0;
            let edges = (0..=n).map(|k| row.x_offset(CharIndex(k))).collect();
            lines.push(Line {
                start,
                end: start + n,
                top: row.min_y(),
                bottom: row.max_y(),
                pieces: vec![Piece {
                    start,
                    rtl: false,
                    x: row.pos.x,
                    width: row.size.x,
                    edges,
                }],
            });
            start += row.char_count_including_newline().0;
        }
        Self {
            size: galley.size(),
            char_len: start,
            galley,
            lines,
            rtl: false,
        }
    }

    /// The galley to paint at the paragraph's origin.
    pub fn galley(&self) -> &Arc<Galley> {
        &self.galley
    }

    /// Width and height of the paragraph.
    pub fn size(&self) -> Vec2 {
        self.size
    }

    /// Whether the paragraph runs right to left.
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }

    /// Number of code points laid out.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The line showing code point `c` (the last line for the end of the text).
    fn line_of(&self, c: usize) -> Option<&Line> {
        let i = self.lines.partition_point(|l| l.end <= c);
        self.lines.get(i).or(self.lines.last())
    }

    /// The line at height `y` (clamped to the first and last line).
    fn line_at(&self, y: f32) -> Option<&Line> {
        let i = self.lines.partition_point(|l| l.bottom <= y);
        self.lines.get(i).or(self.lines.last())
    }

    /// The piece drawing code point `c`, with its line.
    fn piece_of(&self, c: usize) -> Option<(&Line, &Piece)> {
        let line = self.line_of(c)?;
        let piece = line
            .pieces
            .iter()
            .find(|p| p.start <= c && c < p.end())
            .or_else(|| line.pieces.iter().find(|p| p.end() == c))?;
        Some((line, piece))
    }

    /// Whether code point `c` is drawn right to left.
    pub fn is_rtl_at(&self, c: usize) -> bool {
        self.piece_of(c).is_some_and(|(_, p)| p.rtl)
    }

    /// The rectangles covering code points `a..b`: one per line and per stretch of
    /// adjacent pieces, so a range crossing a direction change gets as many rectangles
    /// as it covers on screen.
    pub fn range_rects(&self, a: usize, b: usize) -> Vec<Rect> {
        let mut out: Vec<Rect> = Vec::new();
        let first = self.lines.partition_point(|l| l.end <= a);
        for line in self.lines[first.min(self.lines.len())..]
            .iter()
            .take_while(|l| l.start < b)
        {
            let mut on_line: Vec<Rect> = Vec::new();
            for p in &line.pieces {
                let (lo, hi) = (a.max(p.start), b.min(p.end()));
                if lo >= hi {
                    continue;
                }
                let (x0, x1) = (p.x_of(lo), p.x_of(hi));
                let r = Rect::from_x_y_ranges(x0.min(x1)..=x0.max(x1), line.top..=line.bottom);
                match on_line.last_mut() {
                    Some(last) if (last.max.x - r.min.x).abs() < 0.5 => last.max.x = r.max.x,
                    _ => on_line.push(r),
                }
            }
            on_line.sort_by(|p, q| p.min.x.total_cmp(&q.min.x));
            out.extend(on_line);
        }
        out
    }

    /// The rectangle of code point `c`, if laid out.
    pub fn char_rect(&self, c: usize) -> Option<Rect> {
        (c < self.char_len)
            .then(|| self.range_rects(c, c + 1).into_iter().next())
            .flatten()
    }

    /// The x of code point `c`'s leading edge (where reading it starts: its left side if
    /// it runs left to right, its right side if right to left) or, with `trailing`, of
    /// its trailing edge; with the line's top and bottom.
    pub fn edge(&self, c: usize, trailing: bool) -> Option<(f32, f32, f32)> {
        let (line, p) = self.piece_of(c)?;
        let x = p.x_of(if trailing { (c + 1).min(p.end()) } else { c });
        Some((x, line.top, line.bottom))
    }

    /// A zero-width rectangle where the caret before code point `c` is drawn.
    pub fn caret_rect(&self, c: usize) -> Rect {
        match self.edge(c.min(self.char_len), false) {
            Some((x, top, bottom)) => Rect::from_x_y_ranges(x..=x, top..=bottom),
            None => Rect::from_min_size(Pos2::ZERO, vec2(0.0, self.size.y)),
        }
    }

    /// The code point boundary nearest to `pos` (for selections): the line at its
    /// height, then the boundary on it whose x is closest.
    pub fn boundary_at(&self, pos: Pos2) -> usize {
        let Some(line) = self.line_at(pos.y) else {
            return 0;
        };
        let mut best = (f32::INFINITY, line.start);
        for p in &line.pieces {
            for c in p.start..=p.end() {
                let d = (p.x_of(c) - pos.x).abs();
                if d < best.0 {
                    best = (d, c);
                }
            }
        }
        if line.pieces.is_empty() {
            return line.start;
        }
        best.1
    }

    /// The code point drawn under `pos`, if the pointer is on text.
    pub fn char_at(&self, pos: Pos2) -> Option<usize> {
        if pos.y < 0.0 || pos.y >= self.size.y {
            return None;
        }
        let line = self.line_at(pos.y)?;
        let p = line
            .pieces
            .iter()
            .find(|p| p.x <= pos.x && pos.x < p.x + p.width)?;
        (p.start..p.end()).find(|&c| {
            let (x0, x1) = (p.x_of(c), p.x_of(c + 1));
            x0.min(x1) <= pos.x && pos.x < x0.max(x1)
        })
    }

    /// Where the lines are, top to bottom: code points and height band (for tests and
    /// for views that need to know how a paragraph wrapped).
    pub fn line_ranges(&self) -> Vec<(std::ops::Range<usize>, f32)> {
        self.lines.iter().map(|l| (l.start..l.end, l.top)).collect()
    }
}
