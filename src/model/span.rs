//! A labelled span of a document's text, possibly in several fragments.

use super::{Attributes, DocText, SpanId, short};
use serde::{Deserialize, Serialize};
use smol_str::SmolStr;

/// One piece of a discontinuous span.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fragment {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The exact text between `start` and `end`.
    pub text: String,
}

/// A labelled range of a document's text.
///
/// `start` and `end` are Unicode code point offsets, end exclusive, so that
/// `text[start:end] == span.text` holds in Python for every span. The span keeps its own
/// copy of the text so anyone can check its anchor, and so a drifted document can be
/// re-anchored.
///
/// A discontinuous span (a quote interrupted by "he said") also lists its `fragments`, in
/// reading order; `start`/`end`/`text` then cover everything from the first fragment's
/// start to the last one's end, so readers that ignore fragments still get a valid range.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Unique within the project.
    pub id: SpanId,
    /// Name of the span's label. (Short strings here are kept inline, without a heap
    /// block each: a corpus holds a million spans.)
    #[serde(with = "short")]
    pub label: SmolStr,
    /// First code point of the span.
    pub start: usize,
    /// One past the last code point of the span.
    pub end: usize,
    /// The exact text between `start` and `end`.
    pub text: String,
    /// The pieces of a discontinuous span (two or more), empty for a contiguous one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fragments: Vec<Fragment>,
    /// Values of the label's attribute fields (e.g. `speaker`), by field name.
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// The coder's note, empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Who made the span (the annotator name from settings).
    #[serde(default, skip_serializing_if = "SmolStr::is_empty", with = "short")]
    pub annotator: SmolStr,
    /// When the span was made, ISO 8601 UTC (`2026-05-04T10:15:00Z`).
    #[serde(default, skip_serializing_if = "SmolStr::is_empty", with = "short")]
    pub created: SmolStr,
    /// Set when the quote assistant proposed the span: which rule, how sure, and who
    /// accepted it — so a study can report how much of its coding the assistant did.
    /// Boxed: few spans have one, and each span would otherwise carry its 56 bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed: Option<Box<Proposed>>,
}

/// How a span came from the quote assistant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposed {
    /// The rule that proposed it (`reported-speech`, see `assist::Rule`).
    pub rule: String,
    /// How sure the rule was, in percent.
    pub confidence: u8,
    /// Who accepted it in the window (the annotator name); empty when it was written
    /// without review by `lectern suggest --apply`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accepted_by: String,
}

impl Proposed {
    /// One line for tables and exports: `assistant (reported-speech, 72%)`.
    pub fn describe(&self) -> String {
        format!("assistant ({}, {}%)", self.rule, self.confidence)
    }
}

/// Where a span lies: its range, text and fragments — what a boundary change replaces.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extent {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Text of `start..end`.
    pub text: String,
    /// Pieces of a discontinuous span, else empty.
    pub fragments: Vec<Fragment>,
}

impl Extent {
    /// The extent made of `pieces` (code point ranges) of `text`: sorted, merged where
    /// they touch or overlap, with their texts. `None` if a piece is empty or outside.
    pub fn from_pieces(text: &DocText, pieces: &[(usize, usize)]) -> Option<Extent> {
        let mut sorted: Vec<(usize, usize)> = pieces.to_vec();
        sorted.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (s, e) in sorted {
            if s >= e || e > text.len_chars() {
                return None;
            }
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let (first, last) = (merged.first()?.0, merged.last()?.1);
        let fragments = if merged.len() > 1 {
            merged
                .iter()
                .map(|&(s, e)| {
                    Some(Fragment {
                        start: s,
                        end: e,
                        text: text.slice(s..e)?.to_owned(),
                    })
                })
                .collect::<Option<Vec<_>>>()?
        } else {
            Vec::new()
        };
        Some(Extent {
            start: first,
            end: last,
            text: text.slice(first..last)?.to_owned(),
            fragments,
        })
    }

    /// The text of its pieces joined by one space (as brat and [`Span::joined_text`] do).
    pub fn joined_text(&self) -> String {
        joined(&self.text, &self.fragments)
    }
}

/// `text` when there are no fragments, else the fragments' texts joined by one space.
fn joined(text: &str, fragments: &[Fragment]) -> String {
    if fragments.is_empty() {
        text.to_owned()
    } else {
        let parts: Vec<&str> = fragments.iter().map(|f| f.text.as_str()).collect();
        parts.join(" ")
    }
}

impl Span {
    /// The assistant's part in the span as name–value pairs for exports:
    /// `proposed_by` (`assistant (RULE, NN%)`) and, when someone accepted it in the
    /// window, `accepted_by`. Empty for a span the coder made.
    pub fn provenance(&self) -> Vec<(&'static str, String)> {
        let Some(p) = &self.proposed else {
            return Vec::new();
        };
        let mut out = vec![("proposed_by", p.describe())];
        if !p.accepted_by.is_empty() {
            out.push(("accepted_by", p.accepted_by.clone()));
        }
        out
    }

    /// Key that keeps a document's spans in reading order, stable for equal ranges.
    pub fn order_key(&self) -> (usize, usize, SpanId) {
        (self.start, self.end, self.id)
    }

    /// Number of code points from start to end.
    pub fn len_chars(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether code point `c` lies inside one of the span's pieces.
    pub fn contains(&self, c: usize) -> bool {
        self.pieces().iter().any(|&(s, e)| s <= c && c < e)
    }

    /// The code point ranges the span labels: its fragments, or its one range.
    pub fn pieces(&self) -> Vec<(usize, usize)> {
        if self.fragments.is_empty() {
            vec![(self.start, self.end)]
        } else {
            self.fragments.iter().map(|f| (f.start, f.end)).collect()
        }
    }

    /// The labelled text: fragments joined by one space, as brat does.
    pub fn joined_text(&self) -> String {
        joined(&self.text, &self.fragments)
    }

    /// Where the span lies now.
    pub fn extent(&self) -> Extent {
        Extent {
            start: self.start,
            end: self.end,
            text: self.text.clone(),
            fragments: self.fragments.clone(),
        }
    }

    pub(crate) fn set_extent(&mut self, extent: &Extent) {
        self.start = extent.start;
        self.end = extent.end;
        self.text.clone_from(&extent.text);
        self.fragments.clone_from(&extent.fragments);
    }

    /// What is wrong with the span's anchoring in `text`, if anything.
    pub fn anchor_problem(&self, text: &DocText) -> Option<String> {
        if self.start >= self.end {
            return Some(format!(
                "start {} is not before end {}",
                self.start, self.end
            ));
        }
        if self.end > text.len_chars() {
            return Some(format!(
                "end {} is past the end of the text ({} code points)",
                self.end,
                text.len_chars()
            ));
        }
        let actual = text.slice(self.start..self.end).unwrap_or_default();
        if actual != self.text {
            return Some(format!(
                "stored text {:?} differs from the document's text {:?} at {}..{}",
                self.text, actual, self.start, self.end
            ));
        }
        if self.fragments.len() == 1 {
            return Some("a discontinuous span needs two or more fragments".to_owned());
        }
        let mut previous_end = None;
        for f in &self.fragments {
            if f.start >= f.end || f.start < self.start || f.end > self.end {
                return Some(format!(
                    "fragment {}..{} is empty or outside the span {}..{}",
                    f.start, f.end, self.start, self.end
                ));
            }
            if previous_end.is_some_and(|p| f.start <= p) {
                return Some(format!(
                    "fragment {}..{} overlaps or precedes the one before it",
                    f.start, f.end
                ));
            }
            previous_end = Some(f.end);
            if text.slice(f.start..f.end) != Some(f.text.as_str()) {
                return Some(format!(
                    "fragment text {:?} differs from the document's text at {}..{}",
                    f.text, f.start, f.end
                ));
            }
        }
        if let (Some(first), Some(last)) = (self.fragments.first(), self.fragments.last())
            && (first.start != self.start || last.end != self.end)
        {
            return Some("the fragments do not start and end where the span does".to_owned());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extent_from_pieces_sorts_merges_and_joins_like_brat() {
        let t = DocText::from("“It’s personal,” he said, “let’s be frank.”");
        let e = Extent::from_pieces(&t, &[(27, 42), (1, 14)]).expect("extent");
        assert_eq!((e.start, e.end), (1, 42));
        assert_eq!(e.fragments.len(), 2);
        let span = Span {
            start: e.start,
            end: e.end,
            text: e.text.clone(),
            fragments: e.fragments.clone(),
            ..Default::default()
        };
        assert_eq!(span.joined_text(), "It’s personal let’s be frank.");
        assert!(span.anchor_problem(&t).is_none());
        assert!(span.contains(5) && !span.contains(20));
        let merged = Extent::from_pieces(&t, &[(1, 10), (5, 14)]).expect("extent");
        assert!(merged.fragments.is_empty());
        assert_eq!((merged.start, merged.end), (1, 14));
        assert!(Extent::from_pieces(&t, &[(3, 3)]).is_none());
    }

    #[test]
    fn broken_fragments_are_reported() {
        let t = DocText::from("abcdefghij");
        let mut span = Span {
            start: 0,
            end: 10,
            text: "abcdefghij".into(),
            fragments: vec![
                Fragment {
                    start: 0,
                    end: 3,
                    text: "abc".into(),
                },
                Fragment {
                    start: 2,
                    end: 10,
                    text: "cdefghij".into(),
                },
            ],
            ..Default::default()
        };
        assert!(
            span.anchor_problem(&t)
                .expect("problem")
                .contains("overlaps")
        );
        span.fragments[1] = Fragment {
            start: 5,
            end: 10,
            text: "XXXXX".into(),
        };
        assert!(
            span.anchor_problem(&t)
                .expect("problem")
                .contains("fragment text")
        );
    }
}
