//! From groups of quotes to statements: each group's fullest version, every version's
//! kind and similarity relative to it, the compared documents that lack it, and ids —
//! saved statements keep theirs, new ones are numbered after them in reading order.

use super::local::{Aligned, Aligner};
use super::paraphrase::fullest;
use super::prepared::Prepared;
use super::sets::Sets;
use super::tokens::Tokenized;
use super::verbatim::verbatim;
use super::{AlignedStatement, AlignedVersion};
use crate::model::{StatementId, VersionKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The statements of every group of quotes, saved ones first.
pub fn assemble(prepared: &Prepared, sets: &mut Sets) -> Vec<AlignedStatement> {
    let mut saved: BTreeMap<StatementId, Vec<usize>> = BTreeMap::new();
    let mut auto: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for q in 0..prepared.quotes.len() {
        let root = sets.find(q);
        match sets.pinned(root) {
            Some(id) => saved.entry(id).or_default().push(q),
            None => auto.entry(root).or_default().push(q),
        }
    }
    let mut aligner = Aligner::default();
    let mut out: Vec<AlignedStatement> = saved
        .into_iter()
        .map(|(id, members)| statement(prepared, &mut aligner, id, true, &members))
        .collect();
    // Members are in project and reading order, so the first is where it first appears.
    let mut new: Vec<Vec<usize>> = auto.into_values().collect();
    new.sort_by_key(|members| members[0]);
    let first_new = prepared
        .corpus
        .saved_ids
        .iter()
        .map(|id| id.0 + 1)
        .max()
        .unwrap_or(1);
    for (k, members) in new.iter().enumerate() {
        let id = StatementId(first_new + u32::try_from(k).unwrap_or(u32::MAX));
        out.push(statement(prepared, &mut aligner, id, false, members));
    }
    out
}

/// One statement from its member quotes (in project and reading order).
fn statement(
    prepared: &Prepared,
    aligner: &mut Aligner,
    id: StatementId,
    saved: bool,
    members: &[usize],
) -> AlignedStatement {
    let f = fullest(prepared, members);
    let versions: Vec<AlignedVersion> = members
        .iter()
        .map(|&q| version(prepared, aligner, q, f))
        .collect();
    let fullest_at = members.iter().position(|&q| q == f).unwrap_or(0);
    AlignedStatement {
        id,
        saved,
        speaker: common_speaker(prepared, members),
        groups: groups(prepared, members),
        versions,
        fullest: fullest_at,
    }
}

/// Quote `q` as a version of the statement whose fullest version is quote `f`.
fn version(prepared: &Prepared, aligner: &mut Aligner, q: usize, f: usize) -> AlignedVersion {
    let quote = &prepared.quotes[q];
    let (found_kind, similarity) = kind(prepared, aligner, q, f);
    let by_coder = quote.pinned.and_then(|p| p.1);
    AlignedVersion {
        doc: quote.doc,
        span: quote.span,
        start: quote.start,
        end: quote.end,
        text: quote.text.clone(),
        speaker: quote.speaker.clone(),
        cue: quote.cue.clone(),
        attribution: quote.attribution.clone(),
        kind: by_coder.unwrap_or(found_kind),
        found_kind,
        kind_by_coder: by_coder.is_some(),
        similarity: (similarity * 1000.0).round() / 1000.0,
        confirmed: quote.pinned.is_some(),
        direct: quote.direct,
    }
}

/// How quote `q` renders the statement whose fullest version is `f`, and how closely.
fn kind(prepared: &Prepared, aligner: &mut Aligner, q: usize, f: usize) -> (VersionKind, f64) {
    let printed = prepared.quotes[f].direct;
    if q == f {
        let kind = if printed {
            VersionKind::Whole
        } else {
            VersionKind::Paraphrase
        };
        return (kind, 1.0);
    }
    // Reported speech is a paraphrase however many words it shares; a quote in
    // quotation marks is whole or cut if its words are the fullest version's.
    let (v, r) = (&prepared.words[q], &prepared.words[f]);
    if printed && prepared.quotes[q].direct && !v.tokens.is_empty() {
        let aligned = aligner.align(&v.tokens, &r.tokens);
        if verbatim(&aligned, &v.tokens, &r.tokens, true).is_some() {
            let kind = if left_out(&aligned, v, r.tokens.len()) == 0 {
                VersionKind::Whole
            } else {
                VersionKind::Cut
            };
            let share = aligned.matched() as f64 / r.tokens.len().max(1) as f64;
            return (kind, share);
        }
    }
    (VersionKind::Paraphrase, prepared.content_similarity(q, f).0)
}

/// How many of the reference's words the version left out, not counting words it
/// replaced with an insertion of its own in square brackets ("[the bridge]" for "it").
fn left_out(aligned: &Aligned, version: &Tokenized, reference_len: usize) -> usize {
    let replaced_before = |v: usize| {
        version
            .tokens
            .get(v)
            .map_or(version.editorial_after, |t| t.editorial_before)
    };
    let mut count = 0;
    let mut previous: Option<(usize, usize)> = None;
    for &(v, f) in &aligned.pairs {
        let from = previous.map_or(0, |p| p.1 + 1);
        if f > from && !replaced_before(v) {
            count += f - from;
        }
        previous = Some((v, f));
    }
    if let Some((v, f)) = previous
        && f + 1 < reference_len
        && !replaced_before(v + 1)
    {
        count += reference_len - f - 1;
    }
    count
}

/// The speaker named by most versions (the first named on a tie), or "".
fn common_speaker(prepared: &Prepared, members: &[usize]) -> String {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (order, &q) in members.iter().enumerate() {
        if let Some(name) = prepared.quotes[q].speaker.as_deref() {
            let entry = counts.entry(name).or_insert((0, order));
            entry.0 += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, (n, order))| (*n, std::cmp::Reverse(*order)))
        .map(|(name, _)| name.to_owned())
        .unwrap_or_default()
}

/// The groups of documents the members are in.
fn groups(prepared: &Prepared, members: &[usize]) -> Vec<u32> {
    let set: BTreeSet<u32> = members.iter().map(|&q| prepared.quotes[q].group).collect();
    set.into_iter().collect()
}
