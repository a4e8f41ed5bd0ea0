//! Grouping quotes into statements the way text-reuse research finds reused passages:
//! candidate pairs from shared word trigrams (an inverted index, never all pairs),
//! each confirmed by aligning the two quotes word by word; then reported speech joined
//! to the statement it renders by the content words they share.
//!
//! Groups only ever merge when their speakers agree (where both are known) and they are
//! not pinned to two different saved statements, so a coder's correction holds and two
//! people saying the same words stay apart.

use super::local::Aligner;
use super::prepared::Prepared;
use super::sets::Sets;
use super::verbatim::verbatim;
use std::collections::HashMap;

/// Trigrams shared by more quotes than this are too common to suggest a pair.
const COMMON_TRIGRAM: usize = 400;
/// Joins quotes that are verbatim versions of each other, within each group of
/// documents: candidates share a word trigram, and each candidate group is confirmed by
/// aligning the quote with the group's fullest member (or, for a cut of a cut, with the
/// member it shares most with). A quote that holds a group's fullest member (a fuller
/// version) joins every such group; a quote held by several groups (a cut that two
/// statements could have made) joins only the one it matches best.
pub fn join_verbatim(prepared: &Prepared, sets: &mut Sets) {
    let mut aligner = Aligner::default();
    let n = prepared.quotes.len();
    let mut postings: HashMap<(u32, u64), Vec<u32>> = HashMap::new();
    let mut shared = vec![0u32; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut keys: Vec<u64> = Vec::new();
    for q in 0..n {
        let tokens = &prepared.words[q].tokens;
        if tokens.len() < 3 {
            continue;
        }
        let group = prepared.quotes[q].group;
        keys.clear();
        keys.extend(
            tokens
                .windows(3)
                .map(|w| trigram(w[0].word, w[1].word, w[2].word)),
        );
        keys.sort_unstable();
        keys.dedup();
        for key in &keys {
            let Some(list) = postings.get(&(group, *key)) else {
                continue;
            };
            if list.len() > COMMON_TRIGRAM {
                continue;
            }
            for &r in list {
                if shared[r as usize] == 0 {
                    touched.push(r);
                }
                shared[r as usize] += 1;
            }
        }
        touched.sort_by_key(|&r| (std::cmp::Reverse(shared[r as usize]), r));
        join_matches(prepared, sets, &mut aligner, q, &touched);
        for &r in &touched {
            shared[r as usize] = 0;
        }
        touched.clear();
        let id = u32::try_from(q).unwrap_or(u32::MAX);
        for key in &keys {
            postings.entry((group, *key)).or_default().push(id);
        }
    }
    join_short(prepared, sets, &mut aligner);
}

/// A group quote `q` is verbatim with: its root, whether `q` is the fuller of the two,
/// and how closely they match.
struct Match {
    root: usize,
    fuller: bool,
    solid: usize,
    score: f32,
}

/// Compares quote `q` with the groups of its candidates (most shared trigrams first)
/// and joins it as [`join_verbatim`] says.
fn join_matches(
    prepared: &Prepared,
    sets: &mut Sets,
    aligner: &mut Aligner,
    q: usize,
    candidates: &[u32],
) {
    let mut tried: Vec<usize> = Vec::new();
    let mut matches: Vec<Match> = Vec::new();
    let root_q = sets.find(q);
    for &r in candidates {
        let r = r as usize;
        let root = sets.find(r);
        if root == root_q || tried.contains(&root) || !sets.compatible(root_q, root) {
            continue;
        }
        tried.push(root);
        let rep = sets.rep(root);
        let mut found = compare(prepared, aligner, q, rep);
        // A cut of a cut: the quote lies inside this member, not the group's fullest.
        if found.is_none() && r != rep {
            found = compare(prepared, aligner, q, r).filter(|m| !m.0);
        }
        if let Some((fuller, solid, score)) = found {
            matches.push(Match {
                root,
                fuller,
                solid,
                score,
            });
        }
    }
    let best = matches
        .iter()
        .filter(|m| !m.fuller)
        .max_by(|a, b| {
            (a.solid, a.score)
                .partial_cmp(&(b.solid, b.score))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|m| m.root);
    for m in &matches {
        if m.fuller || Some(m.root) == best {
            sets.union(m.root, q);
        }
    }
}

/// Whether quotes `q` and `r` are verbatim versions of each other: `(q is the fuller,
/// solid words, alignment score)`.
fn compare(
    prepared: &Prepared,
    aligner: &mut Aligner,
    q: usize,
    r: usize,
) -> Option<(bool, usize, f32)> {
    let (tq, tr) = (&prepared.words[q].tokens, &prepared.words[r].tokens);
    let fuller = tq.len() > tr.len();
    let (v, f) = if fuller { (tr, tq) } else { (tq, tr) };
    let aligned = aligner.align(v, f);
    verbatim(&aligned, v, f, false).map(|solid| (fuller, solid, aligned.score))
}

/// Whether quotes `a` and `b` are verbatim versions of each other (the shorter aligned
/// to the longer).
pub fn same_words(
    aligner: &mut Aligner,
    prepared: &Prepared,
    a: usize,
    b: usize,
    short_ok: bool,
) -> bool {
    let (ta, tb) = (&prepared.words[a].tokens, &prepared.words[b].tokens);
    let (v, f) = if ta.len() <= tb.len() {
        (ta, tb)
    } else {
        (tb, ta)
    };
    let aligned = aligner.align(v, f);
    verbatim(&aligned, v, f, short_ok).is_some()
}

/// Quotes of one or two words ("ignorant") join a longer quote of the same, known,
/// speaker that contains them, found through their rarest content word.
fn join_short(prepared: &Prepared, sets: &mut Sets, aligner: &mut Aligner) {
    let short: Vec<usize> = (0..prepared.quotes.len())
        .filter(|&q| {
            let t = &prepared.words[q].tokens;
            !t.is_empty() && t.len() < 3 && prepared.speaker[q].is_some()
        })
        .collect();
    if short.is_empty() {
        return;
    }
    let mut by_word: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
    let wanted: std::collections::HashSet<u32> = short
        .iter()
        .flat_map(|&q| prepared.words[q].tokens.iter().map(|t| t.word))
        .collect();
    for (q, words) in prepared.words.iter().enumerate() {
        for t in words.tokens.iter().filter(|t| wanted.contains(&t.word)) {
            let list = by_word
                .entry((prepared.quotes[q].group, t.word))
                .or_default();
            if list.last() != Some(&q) {
                list.push(q);
            }
        }
    }
    for &q in &short {
        let group = prepared.quotes[q].group;
        let content = prepared.words[q]
            .tokens
            .iter()
            .filter(|t| prepared.vocabulary.content(t.word).is_some())
            .min_by_key(|t| by_word.get(&(group, t.word)).map_or(0, Vec::len));
        let Some(rarest) = content else {
            continue;
        };
        let candidates = by_word
            .get(&(group, rarest.word))
            .cloned()
            .unwrap_or_default();
        for r in candidates.into_iter().filter(|&r| r != q) {
            if prepared.speaker[r] != prepared.speaker[q] {
                continue;
            }
            // One or two words could sit in several statements: the first (in project
            // order) that holds them takes them, and none are merged through them.
            if sets.find(q) != sets.find(r)
                && same_words(aligner, prepared, q, r, true)
                && sets.union(r, q)
            {
                break;
            }
        }
    }
}

/// Three word ids as one key.
fn trigram(a: u32, b: u32, c: u32) -> u64 {
    let mut h = u64::from(a).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h = (h ^ u64::from(b)).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (h ^ u64::from(c)).wrapping_mul(0x1656_67B1_9E37_79F9)
}
