//! Which spans touch each block of the document view, and the underline lane of each
//! span, kept up to date after every edit.
//!
//! A frame only draws the blocks in view, so it asks for their spans here instead of
//! scanning a book-length article's fifty thousand spans. After an edit the index is
//! brought up to date in place when one span was added or removed (what labelling,
//! deleting, undo and redo do): a compact copy of each span's extent tells what changed
//! at the cost of a scan, and only the blocks and lanes around the change are redone.
//! Anything else (a batch, a moved boundary) rebuilds it, which is still linear.

use super::doc_layout::Block;
use crate::model::{Document, Span, SpanId};
use std::ops::Range;

/// What an edit did to the spans, as far as the index is concerned.
enum Change {
    /// The same extents in the same order (a label, a note or a field changed).
    None,
    /// One span was added at this position of `Document::spans`.
    Inserted(usize),
    /// The span at this position was removed.
    Removed(usize),
}

/// The extent and identity of a span, all the index depends on.
type Key = (usize, usize, SpanId);

fn key(s: &Span) -> Key {
    (s.start, s.end, s.id)
}

/// Spans of one document, indexed by block, with the underline lane of each.
#[derive(Default)]
pub struct SpanIndex {
    /// Indices into `Document::spans` of the spans touching each block, block after block
    /// in one vector: block `b`'s are `spans[starts[b]..starts[b + 1]]`. One flat vector
    /// rather than one per block: a book-length text has many thousand blocks, and that
    /// many allocations cost more than everything else here.
    spans: Vec<u32>,
    starts: Vec<u32>,
    /// For each span (same order as `Document::spans`), its lane: 0 for spans that
    /// overlap nothing earlier, 1 for the first nested/overlapping one, and so on.
    lanes: Vec<u8>,
    /// Each indexed span's extent, to tell what the next edit changed.
    keys: Vec<Key>,
    /// `max_end[i]`: the furthest end among spans `0..=i`. Span `i` starts a new run of
    /// overlapping spans (its lanes do not depend on anything before) when every earlier
    /// span has ended: `max_end[i - 1] <= start`.
    max_end: Vec<usize>,
}

/// The blocks a span from `start` to `end` is drawn in, searched from block `from` on:
/// the first is the one holding `start` (or an empty line at it), the range ends before
/// the first block at or after `end`.
fn blocks_touched(blocks: &[Block], from: usize, start: usize, end: usize) -> Range<usize> {
    let mut first = from;
    while first < blocks.len() && blocks[first].char_start + blocks[first].char_len < start {
        first += 1;
    }
    let mut last = first;
    while last < blocks.len() && blocks[last].char_start < end {
        last += 1;
    }
    first..last
}

/// Where [`blocks_touched`] can start looking for a span starting at `start`.
fn first_block(blocks: &[Block], start: usize) -> usize {
    blocks.partition_point(|b| b.char_start + b.char_len < start)
}

/// Whether a block within [`blocks_touched`] shows part of a span starting at `start`
/// (a block that merely ends where the span starts does not, unless it is an empty line).
fn shows(block: &Block, start: usize) -> bool {
    block.char_start + block.char_len > start || block.char_len == 0
}

/// The lowest lane no span in `active` (end, lane) uses, after dropping the spans that
/// ended by `start`.
fn next_lane(active: &mut Vec<(usize, u8)>, start: usize, end: usize) -> u8 {
    active.retain(|(e, _)| *e > start);
    let lane = (0u8..)
        .find(|l| active.iter().all(|(_, a)| a != l))
        .unwrap_or(0);
    active.push((end, lane));
    lane
}

impl SpanIndex {
    /// Builds the index; O(spans × blocks touched + blocks).
    pub fn build(doc: &Document, blocks: &[Block]) -> Self {
        let n = doc.spans.len();
        let mut index = SpanIndex {
            keys: doc.spans.iter().map(key).collect(),
            lanes: Vec::with_capacity(n),
            max_end: Vec::with_capacity(n),
            ..Default::default()
        };
        let mut active = Vec::new();
        let mut furthest = 0;
        for &(start, end, _) in &index.keys {
            index.lanes.push(next_lane(&mut active, start, end));
            furthest = furthest.max(end);
            index.max_end.push(furthest);
        }
        // Which blocks each span touches (spans come in reading order, so the search
        // only moves forward; a span out of order, from a hand-edited file, searches
        // again from the top), then the lists laid out block after block.
        let mut touched: Vec<Range<usize>> = Vec::with_capacity(n);
        let mut counts = vec![0u32; blocks.len() + 1];
        let mut from = 0;
        let mut previous_start = 0;
        for &(start, end, _) in &index.keys {
            if start < previous_start {
                from = 0;
            }
            previous_start = start;
            let range = blocks_touched(blocks, from, start, end);
            from = range.start;
            for b in range.clone() {
                if shows(&blocks[b], start) {
                    counts[b] += 1;
                }
            }
            touched.push(range);
        }
        let mut total = 0u32;
        for c in &counts {
            index.starts.push(total);
            total += c;
        }
        let mut fill = index.starts.clone();
        index.spans = vec![0u32; total as usize];
        for (i, range) in touched.into_iter().enumerate() {
            let start = index.keys[i].0;
            for b in range {
                if shows(&blocks[b], start) {
                    index.spans[fill[b] as usize] = i as u32;
                    fill[b] += 1;
                }
            }
        }
        index
    }

    /// Brings the index up to date with `doc` (cut into the same `blocks`): in place when
    /// one span was added or removed or no extent changed, else by rebuilding it.
    pub fn update(&mut self, doc: &Document, blocks: &[Block]) {
        if self.starts.len() != blocks.len() + 1 {
            *self = Self::build(doc, blocks);
            return;
        }
        match self.change(doc) {
            Some(Change::None) => {}
            Some(Change::Inserted(p)) => self.insert(p, key(&doc.spans[p]), blocks),
            Some(Change::Removed(p)) => self.remove(p, blocks),
            None => *self = Self::build(doc, blocks),
        }
    }

    /// What changed since the index was made, when it is one of the cheap cases.
    fn change(&self, doc: &Document) -> Option<Change> {
        let (old, new) = (self.keys.len(), doc.spans.len());
        let same = |i: usize, j: usize| key(&doc.spans[i]) == self.keys[j];
        let common = old.min(new);
        let p = (0..common).find(|&i| !same(i, i)).unwrap_or(common);
        if new == old {
            (p == old).then_some(Change::None)
        } else if new == old + 1 {
            (p..old)
                .all(|i| same(i + 1, i))
                .then_some(Change::Inserted(p))
        } else if new + 1 == old {
            (p..new)
                .all(|i| same(i, i + 1))
                .then_some(Change::Removed(p))
        } else {
            None
        }
    }

    /// Adds the span now at position `p`.
    fn insert(&mut self, p: usize, k: Key, blocks: &[Block]) {
        for v in &mut self.spans {
            if *v as usize >= p {
                *v += 1;
            }
        }
        let (start, end, _) = k;
        for b in blocks_touched(blocks, first_block(blocks, start), start, end) {
            if !shows(&blocks[b], start) {
                continue;
            }
            let list = self.starts[b] as usize..self.starts[b + 1] as usize;
            let at = list.start + self.spans[list].partition_point(|&v| (v as usize) < p);
            self.spans.insert(at, p as u32);
            for s in &mut self.starts[b + 1..] {
                *s += 1;
            }
        }
        let old_max_end = self.max_end.clone();
        self.keys.insert(p, k);
        self.lanes.insert(p, 0);
        self.max_end.insert(p, 0);
        self.refresh_max_end(p);
        // Old position of new position i: i below p, i - 1 after it.
        self.relane(p, |i| (i > p).then(|| i - 1), &old_max_end);
    }

    /// Drops the span that was at position `p`.
    fn remove(&mut self, p: usize, blocks: &[Block]) {
        let (start, end, _) = self.keys[p];
        for b in blocks_touched(blocks, first_block(blocks, start), start, end).rev() {
            let list = self.starts[b] as usize..self.starts[b + 1] as usize;
            if let Some(at) = self.spans[list.clone()]
                .iter()
                .position(|&v| v as usize == p)
            {
                self.spans.remove(list.start + at);
                for s in &mut self.starts[b + 1..] {
                    *s -= 1;
                }
            }
        }
        for v in &mut self.spans {
            if *v as usize > p {
                *v -= 1;
            }
        }
        let old_max_end = self.max_end.clone();
        self.keys.remove(p);
        self.lanes.remove(p);
        self.max_end.remove(p);
        self.refresh_max_end(p);
        self.relane(p, |i| (i >= p).then_some(i + 1), &old_max_end);
    }

    /// Recomputes `max_end` from position `p` on.
    fn refresh_max_end(&mut self, p: usize) {
        let mut furthest = if p == 0 { 0 } else { self.max_end[p - 1] };
        for i in p..self.keys.len() {
            furthest = furthest.max(self.keys[i].1);
            self.max_end[i] = furthest;
        }
    }

    /// Recomputes the lanes around position `p`: from the last span at or before it that
    /// starts a run of overlapping spans, up to the first span after it that starts a run
    /// both now and before the edit (from there on the old lanes still hold).
    /// `old_of(i)` is the position span `i` had before the edit, for spans after `p`.
    fn relane(&mut self, p: usize, old_of: impl Fn(usize) -> Option<usize>, old_max_end: &[usize]) {
        let n = self.keys.len();
        if n == 0 {
            return;
        }
        let starts_run =
            |max_end: &[usize], i: usize, start: usize| i == 0 || max_end[i - 1] <= start;
        let mut i = p.min(n - 1);
        while !starts_run(&self.max_end, i, self.keys[i].0) {
            i -= 1;
        }
        let mut active = Vec::new();
        while i < n {
            let (start, end, _) = self.keys[i];
            if i > p
                && starts_run(&self.max_end, i, start)
                && old_of(i).is_some_and(|j| starts_run(old_max_end, j, start))
            {
                break;
            }
            self.lanes[i] = next_lane(&mut active, start, end);
            i += 1;
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
    use crate::ui::doc_layout::blocks_of;

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

    /// Every block's spans and every lane, for comparing two indexes.
    fn contents(idx: &SpanIndex, blocks: usize, spans: usize) -> (Vec<Vec<usize>>, Vec<u8>) {
        (
            (0..blocks).map(|b| idx.spans_in(b).collect()).collect(),
            (0..spans).map(|i| idx.lane(i)).collect(),
        )
    }

    /// A small deterministic generator, so a failure can be replayed.
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) as usize % n
        }
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
        let mut rng = Lcg(7);
        let ranges: Vec<(usize, usize)> = (0..40)
            .map(|_| {
                let start = rng.below(len - 1);
                (start, start + 1 + rng.below(len - start))
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

    #[test]
    fn updating_after_each_edit_equals_building_afresh() {
        // Random additions and removals (one per revision, as labelling, Delete, undo and
        // redo make them), now and then a batch or a moved boundary; long spans make
        // removals split runs of overlapping spans, which changes lanes further on.
        let text = "Alpha beta gamma.\nDelta epsilon.\n\nZeta eta theta iota kappa.\nLambda mu.\n"
            .repeat(4);
        let len = text.chars().count();
        let mut p = with_spans(&text, []);
        let blocks = blocks_of(&text);
        let mut idx = SpanIndex::build(&p.documents[0], &blocks);
        let mut rng = Lcg(11);
        let (mut inserted, mut removed, mut rebuilt) = (0, 0, 0);
        for step in 0..600 {
            let doc = &p.documents[0];
            let n = doc.spans.len();
            let edits: Vec<Edit> = match rng.below(10) {
                0..=4 => {
                    let start = rng.below(len - 1);
                    let longest = if rng.below(6) == 0 { len } else { 12 };
                    let end = (start + 1 + rng.below(longest)).min(len);
                    p.make_span(DocId(1), "claim", start, end)
                        .map(|span| Edit::AddSpan {
                            doc: DocId(1),
                            span,
                        })
                        .into_iter()
                        .collect()
                }
                5..=7 if n > 0 => vec![Edit::RemoveSpan {
                    doc: DocId(1),
                    span: doc.spans[rng.below(n)].clone(),
                }],
                8 if n > 1 => (0..2)
                    .map(|k| Edit::RemoveSpan {
                        doc: DocId(1),
                        span: doc.spans[k].clone(),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let before = idx.keys.len();
            for e in edits {
                e.apply(&mut p).expect("edit");
            }
            let doc = &p.documents[0];
            let after = doc.spans.len();
            match after as isize - before as isize {
                1 => inserted += 1,
                -1 => removed += 1,
                0 => {}
                _ => rebuilt += 1,
            }
            idx.update(doc, &blocks);
            let fresh = SpanIndex::build(doc, &blocks);
            assert_eq!(
                contents(&idx, blocks.len(), after),
                contents(&fresh, blocks.len(), after),
                "step {step}"
            );
            assert_eq!(idx.max_end, fresh.max_end, "step {step}");
        }
        assert!(
            inserted > 100 && removed > 50 && rebuilt > 10,
            "{inserted} {removed} {rebuilt}"
        );
    }
}
