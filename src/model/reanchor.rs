//! Re-anchoring spans when a document's text changes (a corrected article, another
//! encoding, CRLF instead of LF), so no annotation is lost or left pointing at the wrong
//! words.
//!
//! Each span is placed by the first rule that works, as the W3C Web Annotation model's
//! selectors are tried in turn:
//! 1. **unchanged** — its stored text is still at its offsets;
//! 2. **moved** — its exact text occurs elsewhere: the occurrence whose surrounding text
//!    best matches the old prefix and suffix (a `TextQuoteSelector`), the nearest to the
//!    old position on a tie; line ends and runs of spaces may differ;
//! 3. **fuzzy** — the closest approximate match (edit distance) near its old position,
//!    if at least [`FUZZY_THRESHOLD`] of its text agrees;
//! 4. otherwise it is **unplaced** and reported; nothing is dropped here.

use super::{DocId, DocText, Document, Extent, Label, Project, Span, SpanId};
use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

/// Least share of a span's text (1 − edit distance / length) a fuzzy match must keep.
pub const FUZZY_THRESHOLD: f64 = 0.8;

/// Code points of context kept on each side of a span for the quote rule.
const CONTEXT_CHARS: usize = 32;

/// Longest span text the fuzzy rule tries (longer ones are placed exactly or not at all).
const FUZZY_MAX_CHARS: usize = 2_000;

/// How a span was placed in the new text.
#[derive(Clone, Debug, PartialEq)]
pub enum Placement {
    /// Same offsets, same text.
    Unchanged,
    /// Same text (up to line ends and spacing), found at another place.
    Moved,
    /// Approximate text; `similarity` is 1 − edit distance / length.
    Fuzzy {
        /// Between [`FUZZY_THRESHOLD`] and 1.
        similarity: f64,
    },
}

/// Where one span goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The span.
    pub span: SpanId,
    /// Its old range.
    pub old: Range<usize>,
    /// Its old text.
    pub old_text: String,
    /// Its new extent and how it was found; `None` when it could not be placed.
    pub placed: Option<(Extent, Placement)>,
}

/// Re-anchors `spans` (anchored in `old`) in `new`. One outcome per span, in order.
pub fn reanchor(old: &DocText, spans: &[Span], new: &DocText) -> Vec<Outcome> {
    let index = Normalized::new(new);
    spans
        .iter()
        .map(|s| {
            let pieces: Vec<(usize, usize, &str)> = if s.fragments.is_empty() {
                vec![(s.start, s.end, s.text.as_str())]
            } else {
                s.fragments
                    .iter()
                    .map(|f| (f.start, f.end, f.text.as_str()))
                    .collect()
            };
            let mut placed = Vec::new();
            let mut worst = Placement::Unchanged;
            for (start, end, text) in pieces {
                let Some((range, how)) = place(old, new, &index, start..end, text) else {
                    placed.clear();
                    break;
                };
                worst = worse(worst, how);
                placed.push((range.start, range.end));
            }
            let extent = Extent::from_pieces(new, &placed)
                .filter(|e| e.fragments.len() == s.fragments.len());
            Outcome {
                span: s.id,
                old: s.start..s.end,
                old_text: s.text.clone(),
                placed: extent.map(|e| (e, worst)),
            }
        })
        .collect()
}

fn worse(a: Placement, b: Placement) -> Placement {
    match (&a, &b) {
        (Placement::Fuzzy { similarity: x }, Placement::Fuzzy { similarity: y }) => {
            if x <= y {
                a
            } else {
                b
            }
        }
        (Placement::Fuzzy { .. }, _) => a,
        (_, Placement::Fuzzy { .. }) => b,
        (Placement::Moved, _) => a,
        _ => b,
    }
}

/// Places one contiguous piece.
fn place(
    old: &DocText,
    new: &DocText,
    index: &Normalized,
    range: Range<usize>,
    text: &str,
) -> Option<(Range<usize>, Placement)> {
    if text.is_empty() {
        return None;
    }
    if new.slice(range.clone()) == Some(text) {
        return Some((range, Placement::Unchanged));
    }
    let prefix = old.before(range.start, CONTEXT_CHARS);
    let suffix = old.after(range.end, CONTEXT_CHARS);
    // Where the span would be if the text grew or shrank evenly.
    let expected = if old.len_chars() == 0 {
        0
    } else {
        (range.start as u128 * new.len_chars() as u128 / old.len_chars() as u128) as usize
    };
    if let Some(found) = index.best_quote(new, text, prefix, suffix, expected) {
        return Some((found, Placement::Moved));
    }
    fuzzy(new, text, expected).map(|(r, similarity)| (r, Placement::Fuzzy { similarity }))
}

/// The new text with line ends and whitespace runs folded to one space, and for each
/// folded code point the code point range of the original it stands for.
struct Normalized {
    chars: Vec<char>,
    origin: Vec<Range<usize>>,
}

impl Normalized {
    fn new(text: &DocText) -> Self {
        let mut chars = Vec::new();
        let mut origin: Vec<Range<usize>> = Vec::new();
        for (i, c) in text.as_str().chars().enumerate() {
            if c.is_whitespace() {
                if chars.last() == Some(&' ')
                    && let Some(last) = origin.last_mut()
                {
                    last.end = i + 1;
                    continue;
                }
                chars.push(' ');
            } else {
                chars.push(c);
            }
            origin.push(i..i + 1);
        }
        Self { chars, origin }
    }

    /// The occurrence of `quote` whose context best matches, nearest `expected` on a tie,
    /// as a code point range of the original new text.
    fn best_quote(
        &self,
        new: &DocText,
        quote: &str,
        prefix: &str,
        suffix: &str,
        expected: usize,
    ) -> Option<Range<usize>> {
        let needle = fold(quote);
        if needle.is_empty() || needle.len() > self.chars.len() {
            return None;
        }
        let (prefix, suffix) = (fold(prefix), fold(suffix));
        let mut best: Option<((usize, usize), Range<usize>)> = None;
        for at in 0..=self.chars.len() - needle.len() {
            if self.chars[at..at + needle.len()] != needle[..] {
                continue;
            }
            let before = common_suffix(&self.chars[..at], &prefix);
            let after = common_prefix(&self.chars[at + needle.len()..], &suffix);
            let start = self.origin[at].start;
            let end = self.origin[at + needle.len() - 1].end;
            let range = trim_to(new, start..end, quote);
            let key = (before + after, usize::MAX - start.abs_diff(expected));
            if best.as_ref().is_none_or(|(k, _)| key > *k) {
                best = Some((key, range));
            }
        }
        best.map(|(_, r)| r)
    }
}

/// A folded span keeps its first and last non-space character, so a match that swallowed
/// a folded line end at either edge is narrowed back to what the quote holds.
fn trim_to(new: &DocText, range: Range<usize>, quote: &str) -> Range<usize> {
    let text = new.slice(range.clone()).unwrap_or_default();
    let lead = if quote.starts_with(char::is_whitespace) {
        0
    } else {
        text.chars().take_while(|c| c.is_whitespace()).count()
    };
    let trail = if quote.ends_with(char::is_whitespace) {
        0
    } else {
        text.chars().rev().take_while(|c| c.is_whitespace()).count()
    };
    if lead + trail >= range.len() {
        return range;
    }
    range.start + lead..range.end - trail
}

fn fold(s: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in s.chars() {
        if c.is_whitespace() {
            if out.last() != Some(&' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn common_suffix(a: &[char], b: &[char]) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &[char], b: &[char]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// The substring of `new` near `expected` with the least edit distance to `text`
/// (Sellers' algorithm: the match may start anywhere), if similar enough.
fn fuzzy(new: &DocText, text: &str, expected: usize) -> Option<(Range<usize>, f64)> {
    let pattern: Vec<char> = text.chars().collect();
    let m = pattern.len();
    if m == 0 || m > FUZZY_MAX_CHARS {
        return None;
    }
    let reach = (4 * m).max(5_000);
    let lo = expected.saturating_sub(reach);
    let hi = (expected + reach).min(new.len_chars());
    let window: Vec<char> = new.slice(lo..hi)?.chars().collect();
    // cost[i] = edit distance of pattern[..i] against the best substring ending here;
    // start[i] = where that substring starts.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut start: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(usize, usize, usize)> = None; // (distance, start, end)
    for (j, &c) in window.iter().enumerate() {
        let (mut diag_cost, mut diag_start) = (0, j);
        cost[0] = 0;
        start[0] = j + 1;
        for i in 1..=m {
            let sub = diag_cost + usize::from(pattern[i - 1] != c);
            let del = cost[i] + 1; // skip a text char
            let ins = cost[i - 1] + 1; // skip a pattern char
            let (up_cost, up_start) = (cost[i], start[i]);
            let (c_new, s_new) = if sub <= del && sub <= ins {
                (sub, diag_start)
            } else if del <= ins {
                (del, up_start)
            } else {
                (ins, start[i - 1])
            };
            diag_cost = up_cost;
            diag_start = up_start;
            cost[i] = c_new;
            start[i] = s_new;
        }
        let candidate = (cost[m], start[m], j + 1);
        let better = match best {
            None => true,
            // Fewer edits; then edges like the span's (a whole word is not cut, a quote
            // mark is not swallowed); then a length nearer the span's; then nearer.
            Some((d, s, e)) => {
                let key = |(dist, start, end): (usize, usize, usize)| {
                    (
                        dist,
                        edge_misfit(&window, start, end, &pattern),
                        (end - start).abs_diff(m),
                        (lo + start).abs_diff(expected),
                    )
                };
                key(candidate) < key((d, s, e))
            }
        };
        if better {
            best = Some(candidate);
        }
    }
    let (distance, s, e) = best?;
    let similarity = 1.0 - distance as f64 / m as f64;
    (similarity >= FUZZY_THRESHOLD && s < e).then(|| (lo + s..lo + e, similarity))
}

/// A document given a new text, with its spans re-anchored.
#[derive(Clone, Debug)]
pub struct Retext {
    /// The document with the new text and every placed span moved; spans that could not
    /// be placed, and relations touching them, are left out (they are in `outcomes`).
    pub document: Document,
    /// One per span of the old document, in order.
    pub outcomes: Vec<Outcome>,
    /// Spans left out because their text is not in the new text.
    pub unplaced: Vec<SpanId>,
}

/// `doc` with its text replaced by `new_text` and its spans re-anchored (see [`reanchor`]).
pub fn retext(doc: &Document, new_text: DocText) -> Retext {
    let outcomes = reanchor(&doc.text, &doc.spans, &new_text);
    let mut document = doc.clone();
    let mut unplaced = Vec::new();
    for o in &outcomes {
        match &o.placed {
            Some((extent, _)) => {
                if let Some(span) = document.spans.iter_mut().find(|s| s.id == o.span) {
                    span.set_extent(extent);
                }
            }
            None => unplaced.push(o.span),
        }
    }
    document.spans.retain(|s| !unplaced.contains(&s.id));
    document
        .relations
        .retain(|r| !unplaced.contains(&r.from) && !unplaced.contains(&r.to));
    document.spans.sort_by_key(Span::order_key);
    document.content_hash = super::content_hash(new_text.as_str());
    document.text = new_text;
    Retext {
        document,
        outcomes,
        unplaced,
    }
}

/// What [`repair`] did to a project that broke its rules, keeping every span.
#[derive(Clone, Debug)]
pub struct Repair {
    /// The repaired project.
    pub project: Project,
    /// One line per change, for the user.
    pub actions: Vec<String>,
    /// Spans whose text was found nowhere; they are still in `project`, unrepaired.
    pub unplaced: Vec<(DocId, SpanId)>,
}

/// Repairs what can be repaired without losing an annotation: spans whose offsets no
/// longer match their stored text are moved to where that text is (nearest the old
/// place, or a close fuzzy match); labels spans use but the label set lacks are added;
/// duplicate span and document ids get new ids. Nothing is removed, so what `repair`
/// cannot fix stays a problem for the user to see.
pub fn repair(project: &Project) -> Repair {
    let mut p = project.clone();
    let mut actions = Vec::new();
    let mut unplaced = Vec::new();
    let mut doc_ids = HashSet::new();
    for i in 0..p.documents.len() {
        if !doc_ids.insert(p.documents[i].id) {
            let new = p.next_doc_id();
            actions.push(format!(
                "document {} (\"{}\") used a taken id; it is now document {new}",
                p.documents[i].id, p.documents[i].title
            ));
            p.documents[i].id = new;
            doc_ids.insert(new);
        }
    }
    let mut span_ids = HashSet::new();
    for d in 0..p.documents.len() {
        for s in 0..p.documents[d].spans.len() {
            let id = p.documents[d].spans[s].id;
            if !span_ids.insert(id) {
                let new = p.next_span_id();
                actions.push(format!(
                    "document {}: a second span {id} is now span {new}",
                    p.documents[d].id
                ));
                p.documents[d].spans[s].id = new;
                span_ids.insert(new);
            }
        }
    }
    for doc in &mut p.documents {
        let broken: Vec<Span> = doc
            .spans
            .iter()
            .filter(|s| s.anchor_problem(&doc.text).is_some())
            .cloned()
            .collect();
        // The stored text is the reference; the offsets are what went wrong.
        for outcome in reanchor(&doc.text, &broken, &doc.text) {
            let Some(span) = doc.spans.iter_mut().find(|s| s.id == outcome.span) else {
                continue;
            };
            match outcome.placed {
                Some((extent, _)) => {
                    actions.push(format!(
                        "document {}, span {}: {:?} moved from {}..{} to {}..{}",
                        doc.id,
                        span.id,
                        short(&extent.text),
                        outcome.old.start,
                        outcome.old.end,
                        extent.start,
                        extent.end
                    ));
                    span.set_extent(&extent);
                }
                None => unplaced.push((doc.id, span.id)),
            }
        }
        doc.spans.sort_by_key(Span::order_key);
    }
    let used: BTreeSet<String> = p
        .documents
        .iter()
        .flat_map(|d| d.spans.iter().map(|s| s.label.to_string()))
        .collect();
    for name in used {
        if p.label(&name).is_none() {
            actions.push(format!(
                "label \"{name}\" was missing from the label set; added"
            ));
            p.labels.push(Label {
                name,
                color: "#999999".into(),
                hotkey: String::new(),
                description: "Added when repairing the project: spans used it but the label set did not define it.".into(),
                attributes: Vec::new(),
            });
        }
    }
    Repair {
        project: p,
        actions,
        unplaced,
    }
}

fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// How many of a match's two edges differ in kind from the span's: a span that starts
/// (ends) with a letter or digit should start (end) at a word boundary in the text, and
/// one that starts (ends) with punctuation should too with punctuation.
fn edge_misfit(text: &[char], start: usize, end: usize, pattern: &[char]) -> usize {
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    let mut misfit = 0;
    let (first, last) = (pattern.first(), pattern.last());
    if word(first) != word(text.get(start)) {
        misfit += 1;
    }
    if word(first) && start > 0 && word(text.get(start - 1)) {
        misfit += 1;
    }
    if word(last) != word(end.checked_sub(1).and_then(|i| text.get(i))) {
        misfit += 1;
    }
    if word(last) && word(text.get(end)) {
        misfit += 1;
    }
    misfit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fragment, SpanId};

    fn span(id: u32, text: &DocText, needle: &str) -> Span {
        let r = text.find(needle, 1).expect("needle in old text");
        Span {
            id: SpanId(id),
            label: "quote".into(),
            start: r.start,
            end: r.end,
            text: needle.into(),
            ..Default::default()
        }
    }

    fn placed(o: &Outcome, new: &DocText) -> (String, Placement) {
        let (e, how) = o.placed.clone().expect("placed");
        assert_eq!(new.slice(e.start..e.end), Some(e.text.as_str()));
        (e.text, how)
    }

    const OLD: &str = "Mayor Ελένη Παπαδάκη said the bridge will close.\nThe minister said “no”.\nThe bridge will close in May.";

    #[test]
    fn repair_moves_shifted_spans_adds_labels_and_renumbers_duplicates() {
        let mut p = Project::new("r");
        let mut d = crate::model::Document::new(DocId(1), "a", OLD);
        let mut s1 = span(1, &d.text, "the bridge will close");
        s1.start += 4; // offsets drifted (the text was edited by hand)
        s1.end += 4;
        let mut s2 = span(1, &d.text, "Παπαδάκη");
        s2.label = "person".into();
        d.spans = vec![s2, s1];
        p.documents.push(d);
        assert_eq!(p.problems().len(), 3, "{:?}", p.problems());
        let r = repair(&p);
        assert!(
            r.project.problems().is_empty(),
            "{:?}",
            r.project.problems()
        );
        assert!(r.unplaced.is_empty());
        assert_eq!(r.actions.len(), 3, "{:?}", r.actions);
        let texts: Vec<&str> = r.project.documents[0]
            .spans
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(texts, ["Παπαδάκη", "the bridge will close"]);
        assert!(r.project.label("person").is_some());
    }

    #[test]
    fn unchanged_text_keeps_offsets() {
        let old = DocText::from(OLD);
        let s = span(1, &old, "the bridge will close");
        let out = reanchor(&old, std::slice::from_ref(&s), &old);
        assert_eq!(
            out[0].placed.as_ref().map(|p| &p.1),
            Some(&Placement::Unchanged)
        );
        assert_eq!(out[0].placed.as_ref().map(|p| p.0.start), Some(s.start));
    }

    #[test]
    fn inserted_paragraph_moves_spans_and_context_picks_the_right_repeat() {
        let old = DocText::from(OLD);
        // "The bridge will close" occurs twice; the span is the second one.
        let second = old.find("bridge will close", 2).expect("second");
        let s = Span {
            id: SpanId(2),
            start: second.start,
            end: second.end,
            text: "bridge will close".into(),
            ..Default::default()
        };
        let new_text = format!("EDITOR'S NOTE: updated.\n\n{OLD}");
        let new = DocText::from(new_text.as_str());
        let out = reanchor(&old, &[s], &new);
        let (e, how) = out[0].placed.clone().expect("placed");
        assert_eq!(how, Placement::Moved);
        assert_eq!(Some(e.start..e.end), new.find("bridge will close", 2));
    }

    #[test]
    fn crlf_text_is_matched_across_line_ends() {
        let old = DocText::from(OLD);
        let s = span(3, &old, "close.\nThe minister");
        let new = DocText::from(OLD.replace('\n', "\r\n").as_str());
        let out = reanchor(&old, &[s], &new);
        let (text, how) = placed(&out[0], &new);
        assert_eq!(how, Placement::Moved);
        assert_eq!(text, "close.\r\nThe minister");
    }

    #[test]
    fn corrected_typo_is_a_fuzzy_match() {
        let old =
            DocText::from("The ministr said “we will not be moved by protests”. Then he left.");
        let s = span(4, &old, "we will not be moved by protests");
        let new =
            DocText::from("The minister said “we will not be moved by protest”. Then he left.");
        let out = reanchor(&old, &[s], &new);
        let (text, how) = placed(&out[0], &new);
        assert_eq!(text, "we will not be moved by protest");
        assert!(matches!(how, Placement::Fuzzy { similarity } if similarity > 0.9));
    }

    #[test]
    fn a_transposed_letter_keeps_the_whole_word() {
        let old = DocText::from("He has never crossed this bridge. Later text follows here.");
        let s = span(8, &old, "never crossed this bridge");
        let new = DocText::from("He has never crossed this brigde. Later text follows here.");
        let out = reanchor(&old, &[s], &new);
        let (text, _) = placed(&out[0], &new);
        assert_eq!(text, "never crossed this brigde");
    }

    #[test]
    fn a_removed_passage_is_unplaced_not_dropped() {
        let old = DocText::from(OLD);
        let s = span(5, &old, "The minister said “no”.");
        let new = DocText::from("Mayor Ελένη Παπαδάκη said the bridge will close.");
        let out = reanchor(&old, &[s], &new);
        assert_eq!(out.len(), 1);
        assert!(out[0].placed.is_none());
        assert_eq!(out[0].old_text, "The minister said “no”.");
    }

    #[test]
    fn non_ascii_offsets_are_code_points() {
        let old = DocText::from(OLD);
        let s = span(6, &old, "Παπαδάκη");
        let new = DocText::from(format!("😀😀 {OLD}").as_str());
        let out = reanchor(&old, std::slice::from_ref(&s), &new);
        let (e, _) = out[0].placed.clone().expect("placed");
        assert_eq!(e.start, s.start + 3);
        assert_eq!(e.text, "Παπαδάκη");
    }

    #[test]
    fn fragments_move_together() {
        let old = DocText::from(OLD);
        let a = old.find("Mayor", 1).expect("a");
        let b = old.find("said the bridge", 1).expect("b");
        let s = Span {
            id: SpanId(7),
            start: a.start,
            end: b.end,
            text: old.slice(a.start..b.end).expect("t").into(),
            fragments: vec![
                Fragment {
                    start: a.start,
                    end: a.end,
                    text: "Mayor".into(),
                },
                Fragment {
                    start: b.start,
                    end: b.end,
                    text: "said the bridge".into(),
                },
            ],
            ..Default::default()
        };
        let new = DocText::from(format!("Update. {OLD}").as_str());
        let out = reanchor(&old, &[s], &new);
        let (e, _) = out[0].placed.clone().expect("placed");
        assert_eq!(e.fragments.len(), 2);
        assert_eq!(e.fragments[1].text, "said the bridge");
        assert_eq!(e.start, a.start + 8);
    }
}
