//! What the document view derives from a document and keeps between frames: the text cut
//! into blocks (one per line), each block's laid-out height with a prefix sum for O(log n)
//! lookups by y, and the spans indexed per block with an underline lane for each.
//!
//! Nothing here is recomputed per frame: block heights change only with width, zoom,
//! theme or pixel density, and the span index only when the spans change.

use super::text_layout::{ParaLayout, ParaStyle};
use egui::FontId;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// One line of the document, laid out as one galley.
#[derive(Clone, Debug)]
pub struct Block {
    /// Byte range in the document text, without the line end.
    pub bytes: Range<usize>,
    /// Code point offset of the first character.
    pub char_start: usize,
    /// Length in code points.
    pub char_len: usize,
    /// The line goes on in the next block (an overlong line cut for layout): no gap after.
    pub continues: bool,
}

/// Longest block laid out as one galley; longer lines are cut at a space so that a
/// document without line breaks never becomes one huge galley.
const MAX_BLOCK_BYTES: usize = 8 * 1024;

/// Cuts text into lines (and overlong lines into pieces); a trailing line end gives no
/// empty last block.
pub fn blocks_of(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut byte = 0;
    let mut chars = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let mut rest = body;
        let mut piece_start = byte;
        loop {
            let cut = piece_len(rest);
            let piece = &rest[..cut];
            let n = piece.chars().count();
            rest = &rest[cut..];
            out.push(Block {
                bytes: piece_start..piece_start + piece.len(),
                char_start: chars,
                char_len: n,
                continues: !rest.is_empty(),
            });
            chars += n;
            piece_start += piece.len();
            if rest.is_empty() {
                break;
            }
        }
        byte += line.len();
        chars += usize::from(body.len() < line.len());
    }
    if out.is_empty() {
        out.push(Block {
            bytes: 0..0,
            char_start: 0,
            char_len: 0,
            continues: false,
        });
    }
    out
}

/// Bytes of `rest` that go into the next block: all of it if short, else up to just after
/// the last space before the limit (or a char boundary if there is no space).
fn piece_len(rest: &str) -> usize {
    if rest.len() <= MAX_BLOCK_BYTES {
        return rest.len();
    }
    let mut limit = MAX_BLOCK_BYTES;
    while !rest.is_char_boundary(limit) {
        limit -= 1;
    }
    rest[..limit].rfind(' ').map_or(limit, |i| i + 1)
}

/// Everything a block's layout depends on besides its text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutKey {
    /// Wrap width in points.
    pub width: f32,
    /// Font size in points.
    pub font_px: f32,
    /// Text colour (changes with the theme).
    pub color: egui::Color32,
    /// Physical pixels per point (rounding of glyph positions depends on it).
    pub pixels_per_point: f32,
}

impl LayoutKey {
    /// Height of one text line.
    pub fn line_px(&self) -> f32 {
        (self.font_px * super::theme::LINE_HEIGHT_FACTOR).round()
    }

    /// Vertical space after each block.
    pub fn gap_px(&self) -> f32 {
        (self.font_px * super::theme::PARAGRAPH_GAP_EM).round()
    }

    /// A guess at a block's height before it is laid out: its length at an average glyph
    /// width of half the font size, in whole lines.
    pub fn estimate_px(&self, char_len: usize) -> f32 {
        let per_line = (self.width / (self.font_px * 0.5)).max(1.0);
        let lines = (char_len as f32 / per_line).ceil().max(1.0);
        lines * self.line_px()
    }

    /// How a block's text is set.
    pub fn style(&self) -> ParaStyle {
        ParaStyle {
            font_id: FontId::proportional(self.font_px),
            color: self.color,
            line_px: self.line_px(),
            width: self.width,
        }
    }
}

/// Blocks laid out at one key, kept between frames: a steady frame lays nothing out, and
/// right-to-left blocks (several galleys each) are built once. Blocks not drawn for a
/// few frames are dropped, so scrolling through a book keeps only what is near the view.
#[derive(Default)]
pub struct LayoutCache {
    key: Option<LayoutKey>,
    blocks: HashMap<usize, (Arc<ParaLayout>, u64)>,
    frame: u64,
    /// How full egui's glyph atlas was: when it empties, egui has thrown its glyphs away
    /// and every cached galley points at stale ones.
    atlas_fill: f32,
}

/// Frames a block stays cached without being drawn.
const KEEP_FRAMES: u64 = 120;

impl LayoutCache {
    /// Starts a frame: forgets everything if egui's glyph atlas was cleared, and blocks
    /// unused for a while.
    pub fn begin_frame(&mut self, ctx: &egui::Context) {
        self.frame += 1;
        let fill = ctx.fonts(|f| f.font_atlas_fill_ratio());
        if fill < self.atlas_fill {
            self.blocks.clear();
        }
        self.atlas_fill = fill;
        if self.blocks.len() > 512 {
            let frame = self.frame;
            self.blocks
                .retain(|_, (_, used)| frame - *used < KEEP_FRAMES);
        }
    }

    /// Block `b` as laid out at `key`, if it was.
    pub fn get(&mut self, key: &LayoutKey, b: usize) -> Option<Arc<ParaLayout>> {
        if self.key.as_ref() != Some(key) {
            return None;
        }
        let (layout, used) = self.blocks.get_mut(&b)?;
        *used = self.frame;
        Some(layout.clone())
    }

    /// Keeps block `b`'s layout at `key` (forgetting every layout at another key).
    pub fn put(&mut self, key: &LayoutKey, b: usize, layout: Arc<ParaLayout>) {
        if self.key.as_ref() != Some(key) {
            self.blocks.clear();
            self.key = Some(*key);
        }
        self.blocks.insert(b, (layout, self.frame));
    }
}

/// Block positions for one document at one layout key.
///
/// Heights start as estimates from each block's length and become exact as blocks are laid
/// out for display, so opening a book-length text never lays out all of it at once (and
/// never fills egui's galley cache with every paragraph).
#[derive(Default)]
pub struct BlockHeights {
    key: Option<LayoutKey>,
    heights: Vec<f32>,
    gap_after: Vec<bool>,
    measured: Vec<bool>,
    /// `tops[i]` is the y of block i relative to the top of the text; one extra entry
    /// holds the total height.
    tops: Vec<f32>,
}

impl BlockHeights {
    /// Whether heights exist for this key and number of blocks.
    pub fn is_valid_for(&self, key: &LayoutKey, blocks: usize) -> bool {
        self.key.as_ref() == Some(key) && self.tops.len() == blocks + 1
    }

    /// Sets exact heights from per-block text heights and whether a gap follows each block.
    #[cfg(test)]
    pub fn set(&mut self, key: LayoutKey, heights: impl Iterator<Item = (f32, bool)>) {
        self.set_estimates(key, heights);
        self.measured.iter_mut().for_each(|m| *m = true);
    }

    /// Sets estimated heights; each becomes exact when [`BlockHeights::measure`]d.
    pub fn set_estimates(&mut self, key: LayoutKey, heights: impl Iterator<Item = (f32, bool)>) {
        self.heights.clear();
        self.gap_after.clear();
        for (h, gap) in heights {
            self.heights.push(h);
            self.gap_after.push(gap);
        }
        self.measured = vec![false; self.heights.len()];
        self.key = Some(key);
        self.recompute();
    }

    /// Whether block `i` still has an estimated height.
    pub fn is_estimate(&self, i: usize) -> bool {
        self.measured.get(i).is_some_and(|m| !m)
    }

    /// Records block `i`'s exact height; true if that changed it (then call `recompute`).
    pub fn measure(&mut self, i: usize, height: f32) -> bool {
        let Some(m) = self.measured.get_mut(i) else {
            return false;
        };
        *m = true;
        let changed = (self.heights[i] - height).abs() > 0.01;
        self.heights[i] = height;
        changed
    }

    /// Rebuilds the prefix sum of heights.
    pub fn recompute(&mut self) {
        let gap = self.key.map_or(0.0, |k| k.gap_px());
        self.tops.clear();
        let mut y = 0.0;
        for (h, gap_after) in self.heights.iter().zip(&self.gap_after) {
            self.tops.push(y);
            y += h + if *gap_after { gap } else { 0.0 };
        }
        self.tops.push(y);
    }

    /// Top of block `i`.
    pub fn top(&self, i: usize) -> f32 {
        self.tops.get(i).copied().unwrap_or(0.0)
    }

    /// Total height of the text.
    pub fn total(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The block at height `y` (clamped to the first and last block).
    pub fn block_at(&self, y: f32) -> usize {
        let blocks = self.tops.len().saturating_sub(1);
        self.tops[..blocks]
            .partition_point(|&t| t <= y)
            .saturating_sub(1)
            .min(blocks.saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_lines_with_code_point_starts() {
        let blocks = blocks_of("“Ab”\n\nΩmega\n");
        let starts: Vec<_> = blocks.iter().map(|b| (b.char_start, b.char_len)).collect();
        assert_eq!(starts, [(0, 4), (5, 0), (6, 5)]);
        assert_eq!(blocks_of("").len(), 1);
    }

    #[test]
    fn overlong_lines_are_cut_at_spaces_and_keep_offsets() {
        let line = "wörd ".repeat(4000);
        let text = format!("{line}\nnext");
        let blocks = blocks_of(&text);
        assert!(blocks.len() > 3, "{}", blocks.len());
        let mut rebuilt = String::new();
        for (i, b) in blocks.iter().enumerate() {
            let piece = &text[b.bytes.clone()];
            assert_eq!(piece.chars().count(), b.char_len);
            assert_eq!(
                text.chars().take(b.char_start).collect::<String>().len(),
                b.bytes.start
            );
            assert!(b.bytes.len() <= MAX_BLOCK_BYTES);
            rebuilt.push_str(piece);
            if !b.continues && i + 1 < blocks.len() {
                rebuilt.push('\n');
            }
        }
        assert_eq!(rebuilt, text);
    }

    #[test]
    fn heights_prefix_sum_finds_blocks() {
        let mut h = BlockHeights::default();
        let key = LayoutKey {
            width: 100.0,
            font_px: 10.0,
            color: egui::Color32::BLACK,
            pixels_per_point: 1.0,
        };
        h.set(key, [16.0, 32.0, 16.0].into_iter().map(|h| (h, true)));
        assert_eq!(h.block_at(0.0), 0);
        assert_eq!(h.block_at(30.0), 1);
        assert_eq!(h.block_at(1000.0), 2);
        assert_eq!(h.total(), 16.0 + 32.0 + 16.0 + 3.0 * 7.0);
        assert!(h.is_valid_for(&key, 3));
        h.set_estimates(key, [16.0, 16.0, 16.0].into_iter().map(|h| (h, true)));
        assert!(h.is_estimate(1));
        assert!(h.measure(1, 48.0));
        assert!(!h.measure(1, 48.0));
        h.recompute();
        assert_eq!(h.top(2), 16.0 + 7.0 + 48.0 + 7.0);
        assert!(!h.is_estimate(1));
    }
}
