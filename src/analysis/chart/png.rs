//! A [`Chart`] as a PNG image for print and slides: its marks drawn straight to pixels
//! with vello_cpu (the renderer egui already carries), where the SVG puts them — same
//! rectangles, lines, text anchors and colours, white page — antialiased, at a scale for
//! print (2× is about 150 dpi at the chart's size). Text is shaped and drawn with the
//! fonts in the binary (`png_text.rs`), so the picture is the same on every machine.

use super::svg::paper_ink;
use super::{BarMark, Chart, Mark, Rgb};
use thiserror::Error;
use vello_cpu::color::{AlphaColor, Srgb};
use vello_cpu::kurbo::{Affine, BezPath, Rect, Stroke};
use vello_cpu::{Pixmap, RenderContext, Resources};

/// The largest side of a chart image, px (a chart is a few thousand px at most).
const MAX_SIDE: u32 = 20_000;

/// Why a chart could not be drawn as PNG.
#[derive(Debug, Error)]
pub enum PngError {
    /// A font built into Lectern does not read (a broken build; a test rules it out).
    #[error("cannot draw the chart's text: the font {0} built into Lectern is damaged")]
    Font(&'static str),
    /// The image would be empty or too large.
    #[error("cannot draw a chart of {0}×{1} px")]
    Size(u32, u32),
    /// The PNG encoder failed (should not happen: the image is in memory).
    #[error("cannot write the chart as PNG: {0}")]
    Encode(String),
}

impl Chart {
    /// The chart as a PNG file's bytes, `scale` times its size in px.
    pub fn to_png(&self, scale: f32) -> Result<Vec<u8>, PngError> {
        super::png_text::check_fonts()?;
        let (w, h) = image_size(self, scale)?;
        let mut ctx = RenderContext::new(w, h);
        ctx.set_paint(color(Rgb([0xff, 0xff, 0xff])));
        ctx.fill_rect(&Rect::new(0.0, 0.0, f64::from(w), f64::from(h)));
        let page = Affine::scale(f64::from(scale));
        ctx.set_transform(page);
        for mark in &self.marks {
            match mark {
                Mark::Bar(bar) | Mark::Swatch(bar) => fill_bar(&mut ctx, bar),
                Mark::Line(line) => {
                    let mut path = BezPath::new();
                    path.move_to((f64::from(line.from.0), f64::from(line.from.1)));
                    path.line_to((f64::from(line.to.0), f64::from(line.to.1)));
                    let stroke = Stroke::new(1.0);
                    // The SVG's stroke-dasharray="4 3".
                    let stroke = if line.dashed {
                        stroke.with_dashes(0.0, [4.0, 3.0])
                    } else {
                        stroke
                    };
                    ctx.set_stroke(stroke);
                    ctx.set_paint(color(paper_ink(line.ink)));
                    ctx.stroke_path(&path);
                }
                Mark::Text(text) => super::png_text::draw(&mut ctx, page, text),
            }
        }
        ctx.flush();
        let mut pixmap = Pixmap::new(w, h);
        ctx.render(&mut pixmap, &mut Resources::new());
        pixmap
            .into_png()
            .map_err(|e| PngError::Encode(e.to_string()))
    }
}

/// The image's size in px at `scale`, if it is neither empty nor too large.
fn image_size(chart: &Chart, scale: f32) -> Result<(u16, u16), PngError> {
    let side = |px: f32| {
        let px = (px.ceil() * scale).ceil();
        // Checked against MAX_SIDE (and for NaN) before the cast is trusted.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = if px.is_finite() && px > 0.0 {
            px.min(u32::MAX as f32) as u32
        } else {
            0
        };
        n
    };
    let (w, h) = (side(chart.width), side(chart.height));
    match (u16::try_from(w), u16::try_from(h)) {
        (Ok(w16), Ok(h16)) if w > 0 && h > 0 && w <= MAX_SIDE && h <= MAX_SIDE => Ok((w16, h16)),
        _ => Err(PngError::Size(w, h)),
    }
}

fn fill_bar(ctx: &mut RenderContext, bar: &BarMark) {
    let (x, y) = (f64::from(bar.x), f64::from(bar.y));
    ctx.set_paint(color(bar.fill));
    ctx.fill_rect(&Rect::new(x, y, x + f64::from(bar.w), y + f64::from(bar.h)));
}

/// An opaque paint of `rgb`.
pub(super) fn color(rgb: Rgb) -> AlphaColor<Srgb> {
    let [r, g, b] = rgb.0;
    AlphaColor::from_rgb8(r, g, b)
}
