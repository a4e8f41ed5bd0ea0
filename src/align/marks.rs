//! A version's text marked against its statement's fullest version, for reading side by
//! side: the fullest version's words it left out (shown struck through, where they would
//! be) and its own words that the fullest version does not have (shown underlined) —
//! changed words, and an editor's insertions in square brackets. A paraphrase is in other
//! words by nature: what is marked in it are the content words it shares with the fullest
//! version (highlighted), so the coder sees why it was grouped there.

use super::local::Aligner;
use super::tokens::{Token, Vocabulary, tokenize};
use super::words::AlignWords;
use super::{AlignedStatement, AlignedVersion};
use crate::model::{Project, VersionKind};
use std::collections::BTreeMap;

/// How a stretch of text compares with the fullest version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// The same words (or text between words).
    Same,
    /// Words of the fullest version this version left out (text of the fullest version).
    LeftOut,
    /// Words of this version the fullest version does not have.
    Changed,
    /// A paraphrase's content words that the fullest version has too (the same stem:
    /// "closure" and "closing" do not meet, "closures" and "closure" do).
    Shared,
}

/// A stretch of text with one mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The text, as printed.
    pub text: String,
    /// How it compares.
    pub mark: Mark,
}

/// Version `index` of `statement`, marked against the fullest version: a whole or cut
/// version with the words it left out and its own words, a paraphrase with the content
/// words it shares. The fullest version itself comes back unmarked, in one segment.
pub fn marks(project: &Project, statement: &AlignedStatement, index: usize) -> Vec<Segment> {
    let Some(version) = statement.versions.get(index) else {
        return Vec::new();
    };
    let plain = || {
        vec![Segment {
            text: version.text.clone(),
            mark: Mark::Same,
        }]
    };
    if index == statement.fullest {
        return plain();
    }
    let (Some(v), Some(f)) = (
        pieces(project, version),
        pieces(project, statement.fullest()),
    ) else {
        return plain();
    };
    if version.found_kind == VersionKind::Paraphrase {
        return shared_marks(&v, &f);
    }
    let words = AlignWords::english();
    let mut vocabulary = Vocabulary::default();
    let vt = tokenize(&as_refs(&v), words, &mut vocabulary, &|_| true);
    let ft = tokenize(&as_refs(&f), words, &mut vocabulary, &|_| true);
    let aligned = Aligner::default().align(&vt.tokens, &ft.tokens);
    let matched_v: Vec<bool> = {
        let mut m = vec![false; vt.tokens.len()];
        for &(i, _) in &aligned.pairs {
            m[i] = true;
        }
        m
    };
    // Left-out words of the fullest version, by the position in this version's text
    // they belong before (its end: `usize::MAX`).
    let mut left_out: BTreeMap<usize, Vec<(u32, u32)>> = BTreeMap::new();
    let matched_f: std::collections::HashSet<usize> = aligned.pairs.iter().map(|p| p.1).collect();
    for (j, token) in ft.tokens.iter().enumerate() {
        if matched_f.contains(&j) {
            continue;
        }
        let before = aligned
            .pairs
            .iter()
            .find(|p| p.1 > j)
            .map_or(usize::MAX, |p| vt.tokens[p.0].start as usize);
        left_out
            .entry(before)
            .or_default()
            .push((token.start, token.end));
    }
    let left_out = left_out
        .into_iter()
        .map(|(before, ranges)| (before, as_printed(&f, &ranges)))
        .collect();
    let changed = changed_ranges(&vt.tokens, &matched_v, &vt.editorial);
    segments(&v, (&changed, Mark::Changed), &left_out)
}

/// A paraphrase (pieces `v`) with the content words it shares with the fullest version
/// (pieces `f`) marked: the same content stem, whatever the order.
fn shared_marks(v: &[(usize, String)], f: &[(usize, String)]) -> Vec<Segment> {
    let words = AlignWords::english();
    let mut vocabulary = Vocabulary::default();
    let vt = tokenize(&as_refs(v), words, &mut vocabulary, &|_| true);
    let ft = tokenize(&as_refs(f), words, &mut vocabulary, &|_| true);
    let stems: std::collections::HashSet<u32> = ft
        .tokens
        .iter()
        .filter_map(|t| vocabulary.content(t.word))
        .collect();
    let shared: Vec<(usize, usize)> = vt
        .tokens
        .iter()
        .filter(|t| {
            vocabulary
                .content(t.word)
                .is_some_and(|s| stems.contains(&s))
        })
        .map(|t| (t.start as usize, t.end as usize))
        .collect();
    segments(v, (&shared, Mark::Shared), &BTreeMap::new())
}

fn as_refs(pieces: &[(usize, String)]) -> Vec<(usize, &str)> {
    pieces.iter().map(|(at, t)| (*at, t.as_str())).collect()
}

/// The pieces of the span a version is: `(first code point, text)`.
fn pieces(project: &Project, version: &AlignedVersion) -> Option<Vec<(usize, String)>> {
    let span = project.document(version.doc)?.span(version.span)?;
    Some(super::quotes::pieces(span))
}

/// Code point ranges of this version's own words: unmatched words and insertions.
fn changed_ranges(
    tokens: &[Token],
    matched: &[bool],
    editorial: &[(u32, u32)],
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = tokens
        .iter()
        .zip(matched)
        .filter(|(_, m)| !**m)
        .map(|(t, _)| (t.start as usize, t.end as usize))
        .chain(editorial.iter().map(|&(s, e)| (s as usize, e as usize)))
        .collect();
    out.sort_unstable();
    out
}

/// The text between code points `start` and `end`, from the piece holding them.
fn text_of(pieces: &[(usize, String)], start: u32, end: u32) -> String {
    let (start, end) = (start as usize, end as usize);
    pieces
        .iter()
        .find_map(|(at, text)| {
            let len = text.chars().count();
            (start >= *at && end <= at + len).then(|| {
                text.chars()
                    .skip(start - at)
                    .take(end - start)
                    .collect::<String>()
            })
        })
        .unwrap_or_default()
}

/// The fullest version's words at `ranges` (in reading order) as it printed them: a run
/// of words with its punctuation ("10% at most — a stone-cold promise"), runs in
/// different pieces of an interrupted quote joined by a space.
fn as_printed(pieces: &[(usize, String)], ranges: &[(u32, u32)]) -> String {
    let piece_of = |at: u32| {
        pieces.iter().position(|(start, text)| {
            (at as usize) >= *start && (at as usize) <= start + text.chars().count()
        })
    };
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &(start, end) in ranges {
        match runs.last_mut() {
            Some(run) if piece_of(run.0) == piece_of(start) => run.1 = run.1.max(end),
            _ => runs.push((start, end)),
        }
    }
    runs.iter()
        .map(|&(start, end)| text_of(pieces, start, end))
        .collect::<Vec<_>>()
        .join(" ")
}

/// This version's text as segments: the code point ranges `marked` with their mark,
/// the left-out words put where they belong.
fn segments(
    pieces: &[(usize, String)],
    (marked, mark_of_marked): (&[(usize, usize)], Mark),
    left_out: &BTreeMap<usize, String>,
) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |text: &str, mark: Mark| match out.last_mut() {
        Some(last) if last.mark == mark => last.text.push_str(text),
        _ => out.push(Segment {
            text: text.to_owned(),
            mark,
        }),
    };
    for (k, (at, text)) in pieces.iter().enumerate() {
        if k > 0 {
            push(" ", Mark::Same);
        }
        for (i, c) in text.chars().enumerate() {
            let pos = at + i;
            if let Some(words) = left_out.get(&pos) {
                push(words, Mark::LeftOut);
                push(" ", Mark::Same);
            }
            let mark = if marked.iter().any(|&(s, e)| s <= pos && pos < e) {
                mark_of_marked
            } else {
                Mark::Same
            };
            let mut buf = [0u8; 4];
            push(c.encode_utf8(&mut buf), mark);
        }
    }
    if let Some(words) = left_out.get(&usize::MAX) {
        push(" ", Mark::Same);
        push(words, Mark::LeftOut);
    }
    out
}
