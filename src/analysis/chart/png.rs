//! A [`Chart`] as a PNG image: its SVG rendered by resvg, so the picture is the SVG's to
//! the pixel, at a scale for print (2× is about 150 dpi at the chart's size). Text is drawn
//! with the system's fonts (read once, on first use) and the fonts Lectern bundles for
//! Arabic, Hebrew and Devanagari; a system without any sans-serif font gets a clear error
//! rather than a picture without words.

use super::Chart;
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};
use thiserror::Error;

/// Families tried, in order, for the chart's sans-serif text.
const SANS_FAMILIES: [&str; 6] = [
    "DejaVu Sans",
    "Liberation Sans",
    "Noto Sans",
    "Arial",
    "Helvetica",
    "Ubuntu",
];

/// Why a chart could not be drawn as PNG.
#[derive(Debug, Error)]
pub enum PngError {
    /// No font to draw the text with.
    #[error(
        "no sans-serif font found to draw the chart's text; consider SVG, or install a font (fonts-dejavu)"
    )]
    NoFont,
    /// The chart's SVG could not be read back (should not happen).
    #[error("cannot draw the chart: {0}")]
    Svg(String),
    /// The image would be empty or too large.
    #[error("cannot draw a chart of {0}×{1} px")]
    Size(u32, u32),
}

/// The fonts, found once per run.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            for font in crate::text::fonts::bundled() {
                db.load_font_data(font.bytes().to_vec());
            }
            let families: Vec<String> = db
                .faces()
                .flat_map(|f| f.families.iter().map(|(name, _)| name.clone()))
                .collect();
            if let Some(sans) = SANS_FAMILIES
                .iter()
                .find(|s| families.iter().any(|f| f == *s))
            {
                db.set_sans_serif_family(*sans);
            }
            Arc::new(db)
        })
        .clone()
}

impl Chart {
    /// The chart as a PNG file's bytes, `scale` times its size in px.
    pub fn to_png(&self, scale: f32) -> Result<Vec<u8>, PngError> {
        let fontdb = fonts();
        let has_sans = fontdb
            .query(&usvg::fontdb::Query {
                families: &[usvg::fontdb::Family::SansSerif],
                ..Default::default()
            })
            .is_some();
        if !has_sans {
            return Err(PngError::NoFont);
        }
        let options = usvg::Options {
            fontdb,
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(&self.to_svg(), &options)
            .map_err(|e| PngError::Svg(e.to_string()))?;
        let size = tree.size().to_int_size();
        // Chart sizes are a few thousand px at most; the scaled size is checked below.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (w, h) = (
            (size.width() as f32 * scale).ceil() as u32,
            (size.height() as f32 * scale).ceil() as u32,
        );
        if w > 20_000 || h > 20_000 {
            return Err(PngError::Size(w, h));
        }
        let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(PngError::Size(w, h))?;
        pixmap.fill(tiny_skia::Color::WHITE);
        let transform = tiny_skia::Transform::from_scale(scale, scale);
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        pixmap
            .encode_png()
            .map_err(|e| PngError::Svg(e.to_string()))
    }
}
