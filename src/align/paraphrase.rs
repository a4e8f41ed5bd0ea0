//! Reported speech joins the statement it renders: once verbatim versions are grouped,
//! each group with no version in quotation marks joins the group of the same speaker
//! whose fullest version shares the most content words, if they are similar enough. Candidates come from an index of content stems; a group that
//! joined another is never joined in turn, so similarity does not drift along a chain.

use super::prepared::Prepared;
use super::sets::Sets;
use std::collections::HashMap;

/// The least content-word similarity of a paraphrase to the statement it renders, when
/// both speakers are known (and the same).
pub const SIMILARITY: f64 = 0.4;
/// The same where either speaker is unknown: without a speaker to agree on, the words
/// must agree more.
const SIMILARITY_UNKNOWN_SPEAKER: f64 = 0.55;
/// Content stems two versions must share, so two words in common are not a statement.
const SHARED_STEMS: usize = 2;
/// Stems in more groups than this are too common to suggest a pair (they still count
/// in the similarity).
const COMMON_STEM: usize = 200;
/// Candidates whose exact similarity is computed, best first.
const CANDIDATES: usize = 3;

/// A group of quotes after the verbatim pass.
struct Group {
    root: usize,
    /// The quote standing for the group: its fullest version.
    reference: usize,
    /// Larger keys are processed first and may be joined by smaller ones.
    key: (bool, bool, usize, usize, std::cmp::Reverse<usize>),
}

/// Joins paraphrases to the statements they render (see the module comment).
pub fn join_paraphrases(prepared: &Prepared, sets: &mut Sets) {
    let groups = groups(prepared, sets);
    let mut postings: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
    let mut weight = vec![0.0f64; groups.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let stems = &prepared.content[g.reference];
        let group_of_docs = prepared.quotes[g.reference].group;
        // Only reported speech joins: a saved statement is the coder's, and a quote in
        // quotation marks that is not verbatim another is another statement.
        let reported = !g.key.0 && !g.key.1;
        if reported && stems.len() >= SHARED_STEMS {
            for &s in stems {
                let Some(list) = postings.get(&(group_of_docs, s)) else {
                    continue;
                };
                if list.len() > COMMON_STEM {
                    continue;
                }
                let w = prepared.idf[s as usize];
                for &p in list {
                    if weight[p as usize] == 0.0 {
                        touched.push(p);
                    }
                    weight[p as usize] += w;
                }
            }
            touched.sort_by(|a, b| {
                weight[*b as usize]
                    .total_cmp(&weight[*a as usize])
                    .then(a.cmp(b))
            });
            let best = touched
                .iter()
                .take(CANDIDATES)
                .map(|&p| &groups[p as usize])
                .find(|p| renders(prepared, sets, g, p));
            let joined = best.is_some_and(|p| sets.union(p.root, g.root));
            for &p in &touched {
                weight[p as usize] = 0.0;
            }
            touched.clear();
            if joined {
                continue;
            }
        }
        for &s in stems {
            postings
                .entry((group_of_docs, s))
                .or_default()
                .push(u32::try_from(gi).unwrap_or(u32::MAX));
        }
    }
}

/// Whether group `g` renders the statement of group `p` in other words.
fn renders(prepared: &Prepared, sets: &mut Sets, g: &Group, p: &Group) -> bool {
    let (a, b) = (sets.speaker(g.root), sets.speaker(p.root));
    if a.is_some() && b.is_some() && a != b {
        return false;
    }
    let needed = if a.is_some() && b.is_some() {
        SIMILARITY
    } else {
        SIMILARITY_UNKNOWN_SPEAKER
    };
    let (similarity, shared) = prepared.content_similarity(g.reference, p.reference);
    similarity >= needed && shared >= SHARED_STEMS
}

/// The groups of the verbatim pass, statements printed by more outlets and in quotation
/// marks first.
fn groups(prepared: &Prepared, sets: &mut Sets) -> Vec<Group> {
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for q in 0..prepared.quotes.len() {
        members.entry(sets.find(q)).or_default().push(q);
    }
    let mut out: Vec<Group> = members
        .into_iter()
        .map(|(root, list)| {
            let reference = fullest(prepared, &list);
            let first = list.iter().copied().min().unwrap_or(root);
            let direct = list.iter().any(|&q| prepared.quotes[q].direct);
            Group {
                root,
                reference,
                key: (
                    sets.pinned(root).is_some(),
                    direct,
                    list.len(),
                    prepared.words[reference].tokens.len(),
                    std::cmp::Reverse(first),
                ),
            }
        })
        .collect();
    out.sort_by_key(|g| std::cmp::Reverse(g.key));
    out
}

/// The fullest version among `members`: the longest printed in quotation marks, else
/// the longest; the first in the project on a tie.
pub fn fullest(prepared: &Prepared, members: &[usize]) -> usize {
    let direct = members.iter().any(|&q| prepared.quotes[q].direct);
    members
        .iter()
        .copied()
        .filter(|&q| !direct || prepared.quotes[q].direct)
        .max_by_key(|&q| (prepared.words[q].tokens.len(), std::cmp::Reverse(q)))
        .unwrap_or(0)
}
