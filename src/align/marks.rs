//! A version's text marked against its statement's fullest version, for reading side by
//! side: the fullest version's words it left out (shown struck through, where they would
//! be) and its own words that the fullest version does not have (shown underlined) —
//! changed words, and an editor's insertions in square brackets.

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
}

/// A stretch of text with one mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The text, as printed.
    pub text: String,
    /// How it compares.
    pub mark: Mark,
}

/// Version `index` of `statement`, marked against the fullest version. Paraphrases and
/// the fullest version itself come back unmarked, in one segment.
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
    if index == statement.fullest || version.found_kind == VersionKind::Paraphrase {
        return plain();
    }
    let (Some(v), Some(f)) = (
        pieces(project, version),
        pieces(project, statement.fullest()),
    ) else {
        return plain();
    };
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
    let mut left_out: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let matched_f: std::collections::HashSet<usize> = aligned.pairs.iter().map(|p| p.1).collect();
    let mut last_range = None;
    for (j, token) in ft.tokens.iter().enumerate() {
        if matched_f.contains(&j) || last_range == Some((token.start, token.end)) {
            continue;
        }
        last_range = Some((token.start, token.end));
        let before = aligned
            .pairs
            .iter()
            .find(|p| p.1 > j)
            .map_or(usize::MAX, |p| vt.tokens[p.0].start as usize);
        left_out
            .entry(before)
            .or_default()
            .push(text_of(&f, token.start, token.end));
    }
    let changed = changed_ranges(&vt.tokens, &matched_v, &vt.editorial);
    segments(&v, &changed, &left_out)
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

/// This version's text as segments, with the left-out words put where they belong.
fn segments(
    pieces: &[(usize, String)],
    changed: &[(usize, usize)],
    left_out: &BTreeMap<usize, Vec<String>>,
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
                push(&words.join(" "), Mark::LeftOut);
                push(" ", Mark::Same);
            }
            let mark = if changed.iter().any(|&(s, e)| s <= pos && pos < e) {
                Mark::Changed
            } else {
                Mark::Same
            };
            let mut buf = [0u8; 4];
            push(c.encode_utf8(&mut buf), mark);
        }
    }
    if let Some(words) = left_out.get(&usize::MAX) {
        push(" ", Mark::Same);
        push(&words.join(" "), Mark::LeftOut);
    }
    out
}
