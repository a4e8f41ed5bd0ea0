//! When two quotes are verbatim the same statement: the decision made on their word
//! alignment (`local.rs`), shared by grouping and by naming each version's kind.

use super::local::Aligned;
use super::tokens::Token;

/// Whether `version` is verbatim the same statement as `reference` (or a part of it):
/// most of the shorter one's words are the other's, in order, in runs of three or more
/// (or right after a "…"), and the rest is trimmed ends, words marked as left out, or at
/// most a few unmarked cuts. Two versions that overlap end to end (each trimmed at
/// another end) count when they share five or more words and half the shorter.
/// `short_ok` allows a quote of one or two words to count. The number returned when they
/// are is how many words they share in such runs: more is a closer match.
pub fn verbatim(
    aligned: &Aligned,
    version: &[Token],
    reference: &[Token],
    short_ok: bool,
) -> Option<usize> {
    let (nv, nf, m) = (version.len(), reference.len(), aligned.matched());
    let (Some(&(v0, f0)), Some(&(v1, f1))) = (aligned.pairs.first(), aligned.pairs.last()) else {
        return None;
    };
    let marked = |v: usize| version[v].gap_before || version[v].editorial_before;
    let unmarked_cuts = aligned
        .pairs
        .windows(2)
        .filter(|w| {
            let ((_, fa), (vb, fb)) = (w[0], w[1]);
            fb > fa + 1 && !marked(vb)
        })
        .count();
    if unmarked_cuts > (m / 6).max(1) {
        return None;
    }
    if nv < 3 {
        return (short_ok && m == nv && f1 + 1 - f0 == m).then_some(m);
    }
    let solid = solid_words(&aligned.pairs, (nv, nf), marked);
    let contained = solid * 5 >= nv * 4 && m >= 3;
    let dovetail = (v0 == 0 || f0 == 0) && (v1 + 1 == nv || f1 + 1 == nf);
    let inside = v1 + 1 - v0;
    let overlap = dovetail && solid >= 5 && 2 * solid >= nv.min(nf) && m * 5 >= inside * 4;
    (contained || overlap).then_some(solid)
}

/// How many aligned words stand in runs that show reuse: three or more words in a row
/// (a changed word between two matches does not break a run), or two right after a
/// marked cut, or one that ends both versions right after a marked cut. Lone function
/// words that happen to line up do not count.
fn solid_words(
    pairs: &[(usize, usize)],
    ends: (usize, usize),
    marked: impl Fn(usize) -> bool,
) -> usize {
    let counts = |run: usize, after_mark: bool, last: (usize, usize)| {
        let at_end = last.0 + 1 == ends.0 && last.1 + 1 == ends.1;
        run >= 3 || (after_mark && (run >= 2 || at_end))
    };
    let mut solid = 0;
    let mut run = 0;
    let mut after_mark = false;
    for (k, &(v, f)) in pairs.iter().enumerate() {
        let continues = k > 0 && {
            let (pv, pf) = pairs[k - 1];
            v - pv == f - pf && v - pv <= 2
        };
        if !continues {
            if k > 0 && counts(run, after_mark, pairs[k - 1]) {
                solid += run;
            }
            run = 0;
            after_mark = k > 0 && marked(v);
        }
        run += 1;
    }
    if let Some(&last) = pairs.last()
        && counts(run, after_mark, last)
    {
        solid += run;
    }
    solid
}
