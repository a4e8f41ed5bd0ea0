//! A labelled span of a document's text.

use super::SpanId;
use serde::{Deserialize, Serialize};

/// A labelled range of a document's text.
///
/// `start` and `end` are Unicode code point offsets, end exclusive, so that
/// `text[start:end] == span.text` holds in Python. The span keeps its own copy of the text
/// so anyone can check its anchor, and so a drifted document can be re-anchored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Unique within the project.
    pub id: SpanId,
    /// Name of the span's label.
    pub label: String,
    /// First code point of the span.
    pub start: usize,
    /// One past the last code point of the span.
    pub end: usize,
    /// The exact text between `start` and `end`.
    pub text: String,
    /// The coder's note, empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Span {
    /// Key that keeps a document's spans in reading order, stable for equal ranges.
    pub fn order_key(&self) -> (usize, usize, SpanId) {
        (self.start, self.end, self.id)
    }

    /// Number of code points covered.
    pub fn len_chars(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether code point `c` lies inside the span.
    pub fn contains(&self, c: usize) -> bool {
        self.start <= c && c < self.end
    }
}
