//! What the document view derives from a document and keeps between frames: the text cut
//! into blocks (one per line), each block's laid-out height with a prefix sum for O(log n)
//! lookups by y, and the spans indexed per block with an underline lane for each.
//!
//! Nothing here is recomputed per frame: block heights change only with width, zoom,
//! theme or pixel density, and the span index only when the spans change.

use crate::model::Document;
use egui::text::LayoutJob;
use egui::{FontId, TextFormat};
use std::ops::Range;

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

    /// The layout job of a block's text.
    pub fn job(&self, text: &str) -> LayoutJob {
        let format = TextFormat {
            font_id: FontId::proportional(self.font_px),
            color: self.color,
            line_height: Some(self.line_px()),
            ..Default::default()
        };
        let mut job = LayoutJob::single_section(text.to_owned(), format);
        job.wrap.max_width = self.width;
        job
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

/// Spans of one document, indexed by block, with the underline lane of each.
#[derive(Default)]
pub struct SpanIndex {
    /// Indices into `Document::spans` of the spans touching each block, block after block
    /// in one vector: block `b`'s are `spans[starts[b]..starts[b + 1]]`. One flat vector
    /// instead of a `Vec` per block, because the index is rebuilt after every edit and a
    /// book-length text has a hundred thousand blocks: that many allocations took
    /// milliseconds, the two flat passes below a fraction of one.
    spans: Vec<u32>,
    starts: Vec<u32>,
    /// For each span (same order as `Document::spans`), its lane: 0 for spans that
    /// overlap nothing earlier, 1 for the first nested/overlapping one, and so on.
    lanes: Vec<u8>,
}

impl SpanIndex {
    /// Builds the index; O(spans × blocks touched + blocks).
    pub fn build(doc: &Document, blocks: &[Block]) -> Self {
        let mut lanes = Vec::with_capacity(doc.spans.len());
        let mut active: Vec<(usize, u8)> = Vec::new();
        // Which blocks each span touches, and how many spans each block gets.
        let mut touched: Vec<(usize, usize, usize)> = Vec::with_capacity(doc.spans.len());
        let mut counts = vec![0u32; blocks.len() + 1];
        let mut cursor = 0;
        for s in &doc.spans {
            active.retain(|(end, _)| *end > s.start);
            let lane = (0u8..)
                .find(|l| active.iter().all(|(_, a)| a != l))
                .unwrap_or(0);
            active.push((s.end, lane));
            lanes.push(lane);
            // Spans come in reading order, so the first block a span touches only moves
            // forward: a cursor instead of a binary search per span (which cost more than
            // everything else here). A span out of order (a hand-edited file) searches.
            if cursor > 0 && blocks[cursor - 1].char_start + blocks[cursor - 1].char_len >= s.start
            {
                cursor = blocks.partition_point(|b| b.char_start + b.char_len < s.start);
            }
            while cursor < blocks.len()
                && blocks[cursor].char_start + blocks[cursor].char_len < s.start
            {
                cursor += 1;
            }
            let first = cursor;
            let mut last = first;
            for (b, block) in blocks.iter().enumerate().skip(first) {
                if block.char_start >= s.end {
                    break;
                }
                if block.char_start + block.char_len > s.start || block.char_len == 0 {
                    counts[b] += 1;
                }
                last = b + 1;
            }
            touched.push((s.start, first, last));
        }
        // Prefix sums: where each block's list begins.
        let mut starts = Vec::with_capacity(blocks.len() + 1);
        let mut total = 0u32;
        for c in &counts {
            starts.push(total);
            total += c;
        }
        let mut fill: Vec<u32> = starts.clone();
        let mut spans = vec![0u32; total as usize];
        // From the compact copy, not the spans: a span is some 200 bytes, and reading
        // 50,000 of them twice is what the rebuild's time went to.
        for (i, &(start, first, last)) in touched.iter().enumerate() {
            for (b, block) in blocks.iter().enumerate().take(last).skip(first) {
                if block.char_start + block.char_len > start || block.char_len == 0 {
                    spans[fill[b] as usize] = i as u32;
                    fill[b] += 1;
                }
            }
        }
        Self {
            spans,
            starts,
            lanes,
        }
    }

    /// Spans touching block `b`, as indices into `Document::spans`.
    pub fn spans_in(&self, b: usize) -> impl Iterator<Item = usize> + '_ {
        let range = match (self.starts.get(b), self.starts.get(b + 1)) {
            (Some(&from), Some(&to)) => from as usize..to as usize,
            _ => 0..0,
        };
        self.spans[range].iter().map(|&i| i as usize)
    }

    /// Lane of span `i`.
    pub fn lane(&self, i: usize) -> u8 {
        self.lanes.get(i).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Edit, Project};

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

    /// A one-document project with a span over each code point range.
    fn with_spans(text: &str, ranges: impl IntoIterator<Item = (usize, usize)>) -> Project {
        let mut p = Project::new("t");
        p.documents
            .push(crate::model::Document::new(DocId(1), "t", text));
        for (start, end) in ranges {
            let span = p.make_span(DocId(1), "quote", start, end).expect("span");
            Edit::AddSpan {
                doc: DocId(1),
                span,
            }
            .apply(&mut p)
            .expect("add");
        }
        p
    }

    #[test]
    fn nested_spans_get_distinct_lanes_and_cross_blocks() {
        let p = with_spans(
            "one two three\nfour five",
            [(0, 13), (4, 7), (8, 18), (14, 18)],
        );
        let doc = &p.documents[0];
        let blocks = blocks_of(doc.text.as_str());
        let idx = SpanIndex::build(doc, &blocks);
        assert_eq!(idx.spans_in(0).collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(idx.spans_in(1).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(idx.spans_in(2).count(), 0, "past the last block");
        let lanes: Vec<_> = (0..4).map(|i| idx.lane(i)).collect();
        assert_eq!(lanes, [0, 1, 1, 0]);
    }

    #[test]
    fn index_lists_exactly_the_spans_touching_each_block() {
        // Lines of varied length, an empty line, and spans of every shape: inside one
        // line, across several, ending at a line end, nested; compared with a plain filter.
        let text = "Ab cd.\n\nEfg hij klm.\nN\nOpq rst uvw xyz.\n\n";
        let len = text.chars().count();
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let ranges: Vec<(usize, usize)> = (0..40)
            .map(|_| {
                let start = next(len - 1);
                (start, start + 1 + next(len - start))
            })
            .collect();
        let p = with_spans(text, ranges);
        let doc = &p.documents[0];
        assert!(doc.spans.len() > 20);
        let blocks = blocks_of(doc.text.as_str());
        let idx = SpanIndex::build(doc, &blocks);
        for (b, block) in blocks.iter().enumerate() {
            let (from, to) = (block.char_start, block.char_start + block.char_len);
            let expected: Vec<usize> = (0..doc.spans.len())
                .filter(|&i| {
                    let s = &doc.spans[i];
                    s.start < to.max(from + 1) && s.end > from
                })
                .collect();
            assert_eq!(idx.spans_in(b).collect::<Vec<_>>(), expected, "block {b}");
        }
    }
}
