//! How wide each code point of a run is when shaped with a bundled font, in logical order,
//! and the glyphs of a run for drawing it outside egui (a chart's PNG).
//!
//! egui shapes a right-to-left run correctly (harfrust puts its glyphs in visual order)
//! but then maps glyphs to characters as if they were in logical order, so its caret and
//! selection positions inside Arabic and Hebrew words are wrong (egui issue #8576). The
//! document view draws such runs with egui's galley and takes the positions inside them
//! from here instead: the same font bytes, the same shaper and the same flags as egui,
//! so the clusters are the ones drawn.

use super::fonts::BundledFont;

/// The advance of each code point of `text` shaped alone with `font`, in ems (multiply
/// by the font size), in logical order. A cluster of several code points (a ligature
/// such as lam-alef, a letter with its vowel marks) shares its advance evenly among them,
/// as browsers place a caret inside a ligature. Empty if the font does not parse.
pub fn char_advances(font: &'static BundledFont, text: &str) -> Vec<f32> {
    let Some((glyphs, upem)) = shape(font, text, None) else {
        return Vec::new();
    };

    // Advance per cluster (cluster = byte offset of its first code point).
    let mut by_cluster: Vec<(usize, f32)> = Vec::new();
    for (info, pos) in glyphs.glyph_infos().iter().zip(glyphs.glyph_positions()) {
        let cluster = info.cluster as usize;
        let advance = pos.x_advance as f32 / upem;
        match by_cluster.iter_mut().find(|(c, _)| *c == cluster) {
            Some((_, a)) => *a += advance,
            None => by_cluster.push((cluster, advance)),
        }
    }
    by_cluster.sort_by_key(|(c, _)| *c);

    let char_bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    let mut out = vec![0.0; char_bytes.len()];
    for (k, &(cluster, advance)) in by_cluster.iter().enumerate() {
        let end = by_cluster.get(k + 1).map_or(text.len(), |n| n.0);
        let first = char_bytes.partition_point(|&b| b < cluster);
        let last = char_bytes.partition_point(|&b| b < end);
        let n = (last - first).max(1);
        for a in out.iter_mut().take(last).skip(first) {
            *a = advance / n as f32;
        }
    }
    out
}

/// A glyph placed by the shaper, in ems (multiply by the font size).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedGlyph {
    /// The glyph's id in its font.
    pub id: u32,
    /// How far the pen moves after it.
    pub advance: f32,
    /// Shift right from the pen position.
    pub x_offset: f32,
    /// Shift up from the baseline.
    pub y_offset: f32,
}

/// The glyphs of `text` shaped as one run with `font`, in visual order (left to right as
/// drawn), right to left if `rtl`: what a figure draws for a run the bidirectional
/// algorithm found (see `text::bidi`). Empty if the font does not parse.
pub fn glyph_run(font: &'static BundledFont, text: &str, rtl: bool) -> Vec<PlacedGlyph> {
    let Some((glyphs, upem)) = shape(font, text, Some(rtl)) else {
        return Vec::new();
    };
    glyphs
        .glyph_infos()
        .iter()
        .zip(glyphs.glyph_positions())
        .map(|(info, pos)| PlacedGlyph {
            id: info.glyph_id,
            advance: pos.x_advance as f32 / upem,
            x_offset: pos.x_offset as f32 / upem,
            y_offset: pos.y_offset as f32 / upem,
        })
        .collect()
}

/// `text` shaped with `font` as egui shapes it (the direction given, or guessed from the
/// script), and the font's units per em.
fn shape(
    font: &'static BundledFont,
    text: &str,
    rtl: Option<bool>,
) -> Option<(harfrust::GlyphBuffer, f32)> {
    let (font_ref, data, upem) = font.for_shaping()?;
    let shaper = data.shaper(&font_ref).build();
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.set_flags(harfrust::BufferFlags::BEGINNING_OF_TEXT | harfrust::BufferFlags::END_OF_TEXT);
    buffer.push_str(text);
    if let Some(rtl) = rtl {
        buffer.set_direction(if rtl {
            harfrust::Direction::RightToLeft
        } else {
            harfrust::Direction::LeftToRight
        });
    }
    buffer.guess_segment_properties();
    Some((shaper.shape(buffer, harfrust::ShapeOptions::new()), upem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fonts::{ARABIC, HEBREW};

    #[test]
    fn every_code_point_gets_an_advance_and_words_have_width() {
        let word = "الصحفيين";
        let a = char_advances(&ARABIC, word);
        assert_eq!(a.len(), word.chars().count());
        assert!(a.iter().all(|w| *w >= 0.0));
        let total: f32 = a.iter().sum();
        assert!(total > 1.5 && total < 6.0, "{total} em");
    }

    #[test]
    fn a_ligature_shares_its_advance() {
        // Lam-alef is one glyph for two code points.
        let a = char_advances(&ARABIC, "لا");
        assert_eq!(a.len(), 2);
        assert!((a[0] - a[1]).abs() < 1e-6 && a[0] > 0.0, "{a:?}");
    }

    #[test]
    fn hebrew_points_share_the_letter_advance() {
        let a = char_advances(&HEBREW, "שָׁלוֹם");
        assert_eq!(a.len(), 7);
        assert!(a.iter().sum::<f32>() > 1.0);
    }
}
