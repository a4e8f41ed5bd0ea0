//! Document text addressed by Unicode code points.
//!
//! Every offset a user or another tool sees is a code point index (as in Python, brat and
//! the W3C model), but Rust strings are indexed by bytes. `DocText` keeps a sparse table of
//! byte positions so converting a code point offset costs O(log n + STRIDE), not a scan of
//! a 5 MB text.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::Range;

/// Code points between two checkpoints of the byte table: 64 keeps a conversion to a
/// short walk (news text has a curly quote or a dash in most stretches, so the ASCII
/// shortcut below rarely applies) for a table of an eighth of the text's size.
const STRIDE: usize = 64;

/// Immutable document text with code point indexing. Serialises as a plain string.
#[derive(Clone, Default)]
pub struct DocText {
    text: String,
    /// `checkpoints[k]` is the byte offset of code point `k * STRIDE`.
    checkpoints: Vec<usize>,
    len_chars: usize,
}

impl DocText {
    /// Wraps `text`, building its code point index.
    pub fn new(text: String) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut len_chars = 0;
        // Counting the bytes that start a code point is several times faster than
        // decoding each one, and the index is built for every text a project opens.
        for (byte, &b) in text.as_bytes().iter().enumerate() {
            if b & 0xC0 != 0x80 {
                if len_chars % STRIDE == 0 {
                    checkpoints.push(byte);
                }
                len_chars += 1;
            }
        }
        Self {
            text,
            checkpoints,
            len_chars,
        }
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in code points.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Byte offset of code point `char_idx`; `len_chars()` maps to the byte length.
    pub fn byte_of(&self, char_idx: usize) -> Option<usize> {
        if char_idx == self.len_chars {
            return Some(self.text.len());
        }
        if char_idx > self.len_chars {
            return None;
        }
        let k = char_idx / STRIDE;
        let base = self.checkpoints[k];
        let rest = char_idx % STRIDE;
        if self.is_ascii_stretch(k) {
            return Some(base + rest);
        }
        // The `rest`-th byte that starts a code point, counted without decoding.
        self.text.as_bytes()[base..]
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b & 0xC0 != 0x80)
            .nth(rest)
            .map(|(i, _)| base + i)
    }

    /// Code point index of byte offset `byte` (which must be a char boundary).
    pub fn char_of(&self, byte: usize) -> Option<usize> {
        if byte > self.text.len() || !self.text.is_char_boundary(byte) {
            return None;
        }
        let k = self
            .checkpoints
            .partition_point(|&b| b <= byte)
            .saturating_sub(1);
        let base = self.checkpoints.get(k).copied().unwrap_or(0);
        if self.is_ascii_stretch(k) {
            return Some(k * STRIDE + (byte - base));
        }
        Some(k * STRIDE + self.text[base..byte].chars().count())
    }

    /// Whether the code points from checkpoint `k` to the next are one byte each, so a
    /// position inside that stretch converts by arithmetic (most of an English article).
    fn is_ascii_stretch(&self, k: usize) -> bool {
        let Some(&base) = self.checkpoints.get(k) else {
            return false;
        };
        let (next_byte, next_char) = match self.checkpoints.get(k + 1) {
            Some(&next) => (next, (k + 1) * STRIDE),
            None => (self.text.len(), self.len_chars),
        };
        next_byte - base == next_char - k * STRIDE
    }

    /// Byte range of a code point range, if it lies inside the text.
    pub fn byte_range(&self, chars: Range<usize>) -> Option<Range<usize>> {
        if chars.start > chars.end {
            return None;
        }
        Some(self.byte_of(chars.start)?..self.byte_of(chars.end)?)
    }

    /// The text of a code point range, if it lies inside the text.
    pub fn slice(&self, chars: Range<usize>) -> Option<&str> {
        self.byte_range(chars).map(|r| &self.text[r])
    }

    /// Code point range of the `occurrence`-th (1-based, non-overlapping) match of
    /// `needle`; `None` if there are fewer matches, or `needle` is empty.
    pub fn find(&self, needle: &str, occurrence: usize) -> Option<Range<usize>> {
        if needle.is_empty() {
            return None;
        }
        let (byte, _) = self
            .text
            .match_indices(needle)
            .nth(occurrence.checked_sub(1)?)?;
        let start = self.char_of(byte)?;
        Some(start..start + needle.chars().count())
    }

    /// Up to `n` code points of text ending at code point `end` (clamped to the text).
    pub fn before(&self, end: usize, n: usize) -> &str {
        let end = end.min(self.len_chars);
        self.slice(end.saturating_sub(n)..end).unwrap_or("")
    }

    /// Up to `n` code points of text starting at code point `start` (clamped to the text).
    pub fn after(&self, start: usize, n: usize) -> &str {
        let start = start.min(self.len_chars);
        self.slice(start..(start + n).min(self.len_chars))
            .unwrap_or("")
    }
}

impl std::fmt::Debug for DocText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text.fmt(f)
    }
}

impl PartialEq for DocText {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for DocText {}

impl From<&str> for DocText {
    fn from(s: &str) -> Self {
        Self::new(s.to_owned())
    }
}

impl Serialize for DocText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for DocText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(DocText::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_not_bytes_or_utf16() {
        // From TEST-VECTORS.md #2: every digit k sits at code point k.
        let t = DocText::from("0😔2😔4😷6😂8👉0");
        assert_eq!(t.len_chars(), 11);
        assert_eq!(t.slice(6..7), Some("6"));
        assert_eq!(t.slice(1..2), Some("😔"));
        // TEST-VECTORS.md #3
        let t = DocText::from("💩This is an annotation.");
        assert_eq!(t.slice(12..22), Some("annotation"));
    }

    #[test]
    fn curly_quotes_nbsp_and_dashes() {
        let t = DocText::from("“No,” said Ms\u{a0}Παπαδάκη — twice.");
        assert_eq!(t.slice(0..5), Some("“No,”"));
        assert_eq!(t.slice(11..13), Some("Ms"));
        assert_eq!(t.slice(14..22), Some("Παπαδάκη"));
        assert_eq!(t.slice(23..24), Some("—"));
    }

    #[test]
    fn conversions_agree_across_checkpoints() {
        let s: String = (0..2000)
            .map(|i| {
                if i % 7 == 0 {
                    'é'
                } else if i % 11 == 0 {
                    '😀'
                } else {
                    'a'
                }
            })
            .collect();
        let t = DocText::new(s.clone());
        for (ci, (bi, _)) in s.char_indices().enumerate() {
            assert_eq!(t.byte_of(ci), Some(bi));
            assert_eq!(t.char_of(bi), Some(ci));
        }
        assert_eq!(t.byte_of(t.len_chars()), Some(s.len()));
        assert_eq!(t.char_of(s.len()), Some(t.len_chars()));
        assert_eq!(t.byte_of(t.len_chars() + 1), None);
    }

    #[test]
    fn ascii_stretches_convert_like_the_rest() {
        // Whole ASCII stretches between checkpoints take the arithmetic shortcut; a
        // stretch with one wide character, and the short last stretch, must not.
        for wide_at in [STRIDE + 5, 3 * STRIDE - 1, 4 * STRIDE + 10] {
            let s: String = (0..4 * STRIDE + 20)
                .map(|i| if i == wide_at { '😀' } else { 'a' })
                .collect();
            let t = DocText::new(s.clone());
            for (ci, (bi, _)) in s.char_indices().enumerate() {
                assert_eq!(t.byte_of(ci), Some(bi), "char {ci}, wide at {wide_at}");
                assert_eq!(t.char_of(bi), Some(ci), "byte {bi}, wide at {wide_at}");
            }
            assert_eq!(t.byte_of(t.len_chars()), Some(s.len()));
            assert_eq!(t.char_of(s.len()), Some(t.len_chars()));
            assert_eq!(t.char_of(wide_at + 1), None, "inside the emoji");
        }
    }

    #[test]
    fn find_gives_code_points_of_the_nth_match() {
        let t = DocText::from("😀 “he said” and “he said” again");
        assert_eq!(t.find("he said", 1), Some(3..10));
        assert_eq!(t.find("he said", 2), Some(17..24));
        assert_eq!(t.slice(17..24), Some("he said"));
        assert_eq!(t.find("he said", 3), None);
        assert_eq!(t.find("he said", 0), None);
        assert_eq!(t.find("", 1), None);
    }

    #[test]
    fn out_of_range_and_inverted_ranges_are_none() {
        let t = DocText::from("abc");
        assert_eq!(t.slice(2..5), None);
        assert_eq!(t.byte_range(Range { start: 2, end: 1 }), None);
        assert_eq!(t.before(2, 10), "ab");
        assert_eq!(t.after(1, 10), "bc");
        assert_eq!(DocText::from("").slice(0..0), Some(""));
    }
}
