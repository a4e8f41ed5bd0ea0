//! A chart's text marks drawn as glyph outlines for its PNG. Each label is split into
//! runs by the bidirectional algorithm (`text::bidi`, as the window does), each run into
//! pieces by font — egui's Ubuntu for Latin, Greek and Cyrillic, the bundled Noto fonts for
//! Arabic, Hebrew and Devanagari, an installed font for what none of them has (Chinese,
//! Japanese, Korean, emoji: `text::system_fonts`) — shaped by harfrust (`text::shape`),
//! and the outlines filled at the mark's anchor, baseline and angle as the SVG places its
//! `<text>`.
//!
//! Why the bundled font rather than the machine's: the PNG is a figure for a paper; it
//! should look the same on every researcher's machine and never fail for want of an
//! installed font, and it then matches the chart in the window, which egui draws in
//! the same font. A bundled CJK font would be tens of megabytes, so those scripts (as in
//! the window) take the machine's; without one, their characters are boxes. Ubuntu Light is thin for print, so its strokes are thickened slightly,
//! and bold text (titles, headers), which has no face of its own here, more.

use super::{Anchor, PngError, TextMark};
use crate::model::TextDirection;
use crate::text::bidi::{BidiParagraph, paragraph_is_rtl};
use crate::text::fonts::{BundledFont, SANS, bundled};
use crate::text::shape::{PlacedGlyph, glyph_run};
use crate::text::system_fonts::system_font_for;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{GlyphId, MetadataProvider};
use unicode_bidi::{BidiClass, bidi_class};
use vello_cpu::RenderContext;
use vello_cpu::kurbo::{Affine, BezPath, Join, Stroke};

/// Stroke added around Ubuntu Light's glyphs, in ems: thickened towards the regular
/// weight of the Noto fonts beside it, which prints better.
const LIGHT_TO_REGULAR: f64 = 0.025;
/// Stroke added around bold text's glyphs (titles, headers), in ems.
const BOLD: f64 = 0.045;

/// Fails if a font the text is drawn with does not read (a broken build).
pub(super) fn check_fonts() -> Result<(), PngError> {
    for font in std::iter::once(&SANS).chain(bundled()) {
        if font.font_ref().is_none() {
            return Err(PngError::Font(font.name));
        }
    }
    Ok(())
}

/// Draws `mark` on `ctx`, whose page transform (the image's scale) is `page`.
pub(super) fn draw(ctx: &mut RenderContext, page: Affine, mark: &TextMark) {
    let glyphs = shaped(&mark.text);
    let size = f64::from(mark.size);
    let width: f64 = glyphs
        .iter()
        .map(|(_, g)| f64::from(g.advance))
        .sum::<f64>()
        * size;
    let (x, y) = (f64::from(mark.x), f64::from(mark.y));
    let mut pen_x = match mark.anchor {
        Anchor::Start => x,
        Anchor::Middle => x - width / 2.0,
        Anchor::End => x - width,
    };
    // Marks place text by its middle; the SVG puts the baseline 0.35 em below it.
    let baseline = y + 0.35 * size;
    // Ubuntu's glyphs and the Noto fonts' apart: only Ubuntu's are thickened.
    let (mut light, mut regular) = (BezPath::new(), BezPath::new());
    for (font, glyph) in &glyphs {
        let origin = (
            pen_x + f64::from(glyph.x_offset) * size,
            baseline - f64::from(glyph.y_offset) * size,
        );
        let path = if std::ptr::eq(*font, &SANS) {
            &mut light
        } else {
            &mut regular
        };
        outline(font, glyph.id, size, origin, path);
        pen_x += f64::from(glyph.advance) * size;
    }
    let turn = f64::from(mark.angle_deg).to_radians();
    ctx.set_transform(page * Affine::rotate_about(turn, (x, y)));
    ctx.set_paint(super::png::color(super::svg::paper_ink(mark.ink)));
    let bold = if mark.bold { BOLD } else { 0.0 };
    for (path, weight) in [(light, LIGHT_TO_REGULAR + bold), (regular, bold)] {
        if path.elements().is_empty() {
            continue;
        }
        ctx.fill_path(&path);
        if weight > 0.0 {
            ctx.set_stroke(Stroke::new(weight * size).with_join(Join::Round));
            ctx.stroke_path(&path);
        }
    }
    ctx.set_transform(page);
}

/// The glyphs of `text` left to right as drawn, each with its font.
fn shaped(text: &str) -> Vec<(&'static BundledFont, PlacedGlyph)> {
    let rtl = paragraph_is_rtl(text, TextDirection::Auto);
    let paragraph = BidiParagraph::new(text, rtl);
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let mut out = Vec::new();
    for run in paragraph.visual_runs(0..paragraph.char_len()) {
        let run_text = &text[bytes[run.chars.start]..bytes[run.chars.end]];
        let mut pieces = by_font(run_text);
        if run.rtl {
            // The first piece in reading order is the rightmost.
            pieces.reverse();
        }
        for (font, piece) in pieces {
            out.extend(
                glyph_run(font, piece, run.rtl)
                    .into_iter()
                    .map(|g| (font, g)),
            );
        }
    }
    out
}

/// `text` cut where its font changes: a character stays in the font of the one before
/// when that font has it (spaces and digits inside Arabic, marks on their letter) unless
/// it is a letter Ubuntu has (Latin after Chinese is in Ubuntu, as in the window),
/// otherwise takes Ubuntu, otherwise the bundled font that has it, otherwise a font of
/// the machine that has it (Chinese, Japanese, Korean, emoji: `text::system_fonts`,
/// looked for only then). A character no font has, bundled or installed, is drawn as
/// the missing-glyph box of the font before it (Ubuntu's at the start).
fn by_font(text: &str) -> Vec<(&'static BundledFont, &str)> {
    let mut pieces: Vec<(&'static BundledFont, usize)> = Vec::new();
    for (at, c) in text.char_indices() {
        let current = pieces.last().map(|(f, _)| *f);
        let keeps = current.filter(|f| {
            let ubuntu_letter = c.is_alphabetic() && SANS.covers(c);
            (f.covers(c) && !ubuntu_letter)
                || matches!(bidi_class(c), BidiClass::NSM | BidiClass::BN)
        });
        let font = keeps
            .or_else(|| SANS.covers(c).then_some(&SANS))
            .or_else(|| bundled().into_iter().find(|f| f.covers(c)))
            .or_else(|| system_font_for(c))
            .unwrap_or_else(|| current.unwrap_or(&SANS));
        if current.is_none_or(|f| !std::ptr::eq(f, font)) {
            pieces.push((font, at));
        }
    }
    let ends: Vec<usize> = pieces
        .iter()
        .skip(1)
        .map(|(_, at)| *at)
        .chain([text.len()])
        .collect();
    pieces
        .iter()
        .zip(ends)
        .map(|((font, start), end)| (*font, &text[*start..end]))
        .collect()
}

/// Adds glyph `id` of `font` at `size` px, its origin at `origin`, to `path`.
fn outline(font: &'static BundledFont, id: u32, size: f64, origin: (f64, f64), path: &mut BezPath) {
    let Some(font) = font.font_ref() else {
        return;
    };
    let Some(glyph) = font.outline_glyphs().get(GlyphId::new(id)) else {
        return;
    };
    // Font sizes are a few dozen px.
    #[allow(clippy::cast_possible_truncation)]
    let settings = DrawSettings::unhinted(Size::new(size as f32), LocationRef::default());
    let mut pen = PathPen { path, origin };
    // A glyph that does not draw is left out rather than failing the chart.
    let _ = glyph.draw(settings, &mut pen);
}

/// Glyph outlines (y up, from the origin) into a page path (y down).
struct PathPen<'a> {
    path: &'a mut BezPath,
    origin: (f64, f64),
}

impl PathPen<'_> {
    fn at(&self, x: f32, y: f32) -> (f64, f64) {
        (self.origin.0 + f64::from(x), self.origin.1 - f64::from(y))
    }
}

impl OutlinePen for PathPen<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.path.move_to(self.at(x, y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.path.line_to(self.at(x, y));
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.path.quad_to(self.at(cx0, cy0), self.at(x, y));
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.path
            .curve_to(self.at(cx0, cy0), self.at(cx1, cy1), self.at(x, y));
    }
    fn close(&mut self) {
        self.path.close_path();
    }
}
