//! Word-by-word alignment of two versions of a quote, as text-reuse research confirms a
//! candidate pair (Smith–Waterman with affine gaps, Gotoh's form): which words of the
//! version are the reference's words, in order, and which the version left out or changed.
//!
//! The alignment is an *overlap* alignment: either version may start or end outside the
//! other for free (an outlet trimmed the quote at one end, or two outlets trimmed it at
//! opposite ends), but inside, every word left out and every word added costs. Leaving
//! words out costs little once opened (a cut takes several words at a time) and nothing
//! where the version marks it with "…" or replaces the words with "[…]" of its own.

use super::tokens::Token;

/// A match scores this; the rest are penalties.
const MATCH: f32 = 1.0;
/// A word of the version where the reference has another.
const MISMATCH: f32 = -1.0;
/// Opening a run of the version's own words (not in the reference).
const ADDED_OPEN: f32 = 1.0;
/// Each further added word.
const ADDED_MORE: f32 = 0.5;
/// Opening a run of the reference's words the version left out.
const LEFT_OUT_OPEN: f32 = 1.0;
/// Each further word left out.
const LEFT_OUT_MORE: f32 = 0.05;

/// Where a cell's best score came from, per state (two bits each).
const FROM_MATCH: u8 = 0;
const FROM_LEFT_OUT: u8 = 1;
const FROM_ADDED: u8 = 2;

/// The aligned words of a version and a reference: pairs of positions, increasing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aligned {
    /// `(version position, reference position)` of each word the two share.
    pub pairs: Vec<(usize, usize)>,
    /// The alignment's score (matches minus penalties).
    pub score: f32,
}

impl Aligned {
    /// How many words the two share.
    pub fn matched(&self) -> usize {
        self.pairs.len()
    }
}

/// Reusable work space, so comparing thousands of pairs allocates once.
#[derive(Default)]
pub struct Aligner {
    matched: Vec<f32>,
    left_out: Vec<f32>,
    added: Vec<f32>,
    trace: Vec<u8>,
}

impl Aligner {
    /// Aligns `version` to `reference`.
    pub fn align(&mut self, version: &[Token], reference: &[Token]) -> Aligned {
        let (n, m) = (version.len(), reference.len());
        if n == 0 || m == 0 {
            return Aligned::default();
        }
        let cells = (n + 1) * (m + 1);
        let neg = f32::NEG_INFINITY;
        for v in [&mut self.matched, &mut self.left_out, &mut self.added] {
            v.clear();
            v.resize(cells, neg);
        }
        self.trace.clear();
        self.trace.resize(cells, 0);
        let at = |i: usize, j: usize| i * (m + 1) + j;
        // Either version may start anywhere in the other for free.
        for j in 0..=m {
            self.matched[at(0, j)] = 0.0;
        }
        for i in 0..=n {
            self.matched[at(i, 0)] = 0.0;
        }
        for i in 1..=n {
            // Words left out before version word i (or after the last) cost nothing to
            // open where the version marked a cut or an insertion of its own there.
            let marked = version
                .get(i)
                .is_some_and(|t| t.gap_before || t.editorial_before);
            let open_left_out = if marked { 0.0 } else { LEFT_OUT_OPEN };
            for j in 1..=m {
                self.fill(version, reference, i, j, open_left_out);
            }
        }
        let best = self.best_end(n, m);
        self.trace_back(best, version, reference)
    }

    fn fill(&mut self, version: &[Token], reference: &[Token], i: usize, j: usize, open: f32) {
        let m = reference.len();
        let at = |i: usize, j: usize| i * (m + 1) + j;
        let (diag, left, up) = (at(i - 1, j - 1), at(i, j - 1), at(i - 1, j));
        let here = at(i, j);
        let same = version[i - 1].word == reference[j - 1].word;
        let gain = if same { MATCH } else { MISMATCH };
        let (from, best) = best_of([self.matched[diag], self.left_out[diag], self.added[diag]]);
        self.matched[here] = best + gain;
        let mut trace = from;
        let (from, best) = best_of([
            self.matched[left] - open,
            self.left_out[left] - LEFT_OUT_MORE,
            self.added[left] - open,
        ]);
        self.left_out[here] = best;
        trace |= from << 2;
        let (from, best) = best_of([
            self.matched[up] - ADDED_OPEN,
            self.left_out[up] - ADDED_OPEN,
            self.added[up] - ADDED_MORE,
        ]);
        self.added[here] = best;
        trace |= from << 4;
        self.trace[here] = trace;
    }

    /// The best place to end: the last word of either version, any state.
    fn best_end(&self, n: usize, m: usize) -> (usize, usize, u8, f32) {
        let at = |i: usize, j: usize| i * (m + 1) + j;
        let mut best = (0, 0, FROM_MATCH, 0.0_f32);
        let ends = (0..=m).map(|j| (n, j)).chain((0..n).map(|i| (i, m)));
        for (i, j) in ends {
            for (state, table) in [
                (FROM_MATCH, &self.matched),
                (FROM_LEFT_OUT, &self.left_out),
                (FROM_ADDED, &self.added),
            ] {
                let s = table[at(i, j)];
                if s > best.3 {
                    best = (i, j, state, s);
                }
            }
        }
        best
    }

    fn trace_back(
        &self,
        end: (usize, usize, u8, f32),
        version: &[Token],
        reference: &[Token],
    ) -> Aligned {
        let m = reference.len();
        let at = |i: usize, j: usize| i * (m + 1) + j;
        let (mut i, mut j, mut state, score) = end;
        let mut pairs = Vec::new();
        // Row 0 and column 0 are where an alignment starts.
        while i > 0 && j > 0 {
            let trace = self.trace[at(i, j)];
            match state {
                FROM_MATCH => {
                    if version[i - 1].word == reference[j - 1].word {
                        pairs.push((i - 1, j - 1));
                    }
                    state = trace & 3;
                    i -= 1;
                    j -= 1;
                }
                FROM_LEFT_OUT => {
                    state = (trace >> 2) & 3;
                    j -= 1;
                }
                _ => {
                    state = (trace >> 4) & 3;
                    i -= 1;
                }
            }
        }
        pairs.reverse();
        Aligned { pairs, score }
    }
}

/// The largest of three scores and which it was (first wins a tie).
fn best_of(scores: [f32; 3]) -> (u8, f32) {
    let mut best = (0u8, scores[0]);
    for (k, &s) in scores.iter().enumerate().skip(1) {
        if s > best.1 {
            best = (u8::try_from(k).unwrap_or(0), s);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens from single letters: "abc" → words a, b, c; "|" marks a gap before the next.
    fn toks(s: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut gap = false;
        for c in s.chars() {
            if c == '|' {
                gap = true;
                continue;
            }
            out.push(Token {
                word: c as u32,
                start: 0,
                end: 0,
                gap_before: std::mem::take(&mut gap),
                editorial_before: false,
            });
        }
        out
    }

    fn pairs(v: &str, r: &str) -> Vec<(usize, usize)> {
        Aligner::default().align(&toks(v), &toks(r)).pairs
    }

    #[test]
    fn a_whole_copy_matches_every_word() {
        assert_eq!(pairs("abcd", "abcd"), [(0, 0), (1, 1), (2, 2), (3, 3)]);
    }

    #[test]
    fn trimmed_ends_are_free_and_words_left_out_inside_are_found() {
        assert_eq!(pairs("cde", "abcdefg"), [(0, 2), (1, 3), (2, 4)]);
        assert_eq!(
            pairs("ab|hij", "abcdefghij"),
            [(0, 0), (1, 1), (2, 7), (3, 8), (4, 9)]
        );
        // Without the mark, a long cut still pays off when enough words follow it.
        assert_eq!(pairs("abhij", "abcdefghij").len(), 5);
    }

    #[test]
    fn overlapping_versions_meet_end_to_end() {
        assert_eq!(
            pairs("defgxyz", "abcdefg"),
            [(0, 3), (1, 4), (2, 5), (3, 6)]
        );
    }

    #[test]
    fn a_changed_word_is_not_a_match() {
        assert_eq!(pairs("abXde", "abcde"), [(0, 0), (1, 1), (3, 3), (4, 4)]);
    }

    #[test]
    fn versions_that_only_share_their_start_do_not_align_to_the_end() {
        let a = Aligner::default().align(&toks("abcPQRS"), &toks("abcWXYZ"));
        assert_eq!(a.pairs, [(0, 0), (1, 1), (2, 2)]);
    }
}
