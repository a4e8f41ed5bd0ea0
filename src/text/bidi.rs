//! Direction of paragraphs and of the runs inside them (the Unicode Bidirectional
//! Algorithm, UAX #9, through `unicode-bidi`).
//!
//! Offsets stay logical everywhere: this module only says which code points go in which
//! direction and in what order runs appear on a line; the stored text is never reordered.

use crate::model::TextDirection;
use std::ops::Range;
use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};

/// Whether `c` is a strong right-to-left letter (Arabic, Hebrew, Syriac, Thaana, N'Ko…).
pub fn is_strong_rtl(c: char) -> bool {
    c >= '\u{0590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Whether text needs the bidirectional algorithm to be shown: it has right-to-left
/// letters, Arabic digits, or explicit direction controls. Pure left-to-right text (any
/// English, Greek, Chinese or Hindi article) does not, and is laid out as before.
pub fn needs_bidi(text: &str) -> bool {
    text.chars().any(|c| {
        c >= '\u{0590}'
            && matches!(
                bidi_class(c),
                BidiClass::R
                    | BidiClass::AL
                    | BidiClass::AN
                    | BidiClass::RLE
                    | BidiClass::RLO
                    | BidiClass::RLI
                    | BidiClass::LRE
                    | BidiClass::LRO
                    | BidiClass::LRI
                    | BidiClass::FSI
                    | BidiClass::PDF
                    | BidiClass::PDI
            )
    })
}

/// Whether a paragraph runs right to left under `setting`: with `Auto`, when its first
/// strong character (skipping isolated runs) is right-to-left; no strong character means
/// left to right.
pub fn paragraph_is_rtl(text: &str, setting: TextDirection) -> bool {
    match setting {
        TextDirection::LeftToRight => false,
        TextDirection::RightToLeft => true,
        TextDirection::Auto => {
            unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
        }
    }
}

/// Whether the paragraph (line) of `text` holding byte `at` runs right to left under
/// `setting` (see [`paragraph_is_rtl`]). Looks at that paragraph only.
pub fn paragraph_is_rtl_at(text: &str, at: usize, setting: TextDirection) -> bool {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    paragraph_is_rtl(&text[start..end], setting)
}

/// A paragraph's embedding levels, one per code point, and its visual runs per line.
pub struct BidiParagraph<'a> {
    info: ParagraphBidiInfo<'a>,
    /// Byte offset of each code point, plus the text length at the end.
    char_bytes: Vec<usize>,
}

/// A run of one direction on one line, as code points of the paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualRun {
    /// The run's code points (logical order).
    pub chars: Range<usize>,
    /// Drawn right to left.
    pub rtl: bool,
}

impl<'a> BidiParagraph<'a> {
    /// Resolves the levels of `text` (one paragraph, no line ends) with the given base
    /// direction.
    pub fn new(text: &'a str, rtl: bool) -> Self {
        let base = if rtl { Level::rtl() } else { Level::ltr() };
        let info = ParagraphBidiInfo::new(text, Some(base));
        let mut char_bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        char_bytes.push(text.len());
        Self { info, char_bytes }
    }

    /// Number of code points.
    pub fn char_len(&self) -> usize {
        self.char_bytes.len() - 1
    }

    /// Whether code point `c` sits at an odd (right-to-left) level.
    pub fn is_rtl_at(&self, c: usize) -> bool {
        self.char_bytes
            .get(c)
            .and_then(|&b| self.info.levels.get(b))
            .is_some_and(|l| l.is_rtl())
    }

    /// The embedding level of code point `c`.
    pub fn level_at(&self, c: usize) -> u8 {
        self.char_bytes
            .get(c)
            .and_then(|&b| self.info.levels.get(b))
            .map_or(0, |l| l.number())
    }

    /// The runs of the line holding code points `line`, left to right as drawn (rules L1
    /// and L2: trailing spaces take the paragraph's direction, then runs are reversed by
    /// level).
    pub fn visual_runs(&self, line: Range<usize>) -> Vec<VisualRun> {
        let bytes = self.char_bytes[line.start]..self.char_bytes[line.end];
        if bytes.is_empty() {
            return Vec::new();
        }
        let (levels, runs) = self.info.visual_runs(bytes);
        runs.into_iter()
            .map(|r| VisualRun {
                rtl: levels[r.start].is_rtl(),
                chars: self.char_of(r.start)..self.char_of(r.end),
            })
            .collect()
    }

    fn char_of(&self, byte: usize) -> usize {
        self.char_bytes.partition_point(|&b| b < byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_comes_from_the_first_strong_letter() {
        assert!(paragraph_is_rtl("«قال» المتحدث", TextDirection::Auto));
        assert!(paragraph_is_rtl("2024 – שלום עולם", TextDirection::Auto));
        assert!(!paragraph_is_rtl("Reuters: قال", TextDirection::Auto));
        assert!(!paragraph_is_rtl("2024 …", TextDirection::Auto));
        assert!(paragraph_is_rtl("Reuters", TextDirection::RightToLeft));
        assert!(!paragraph_is_rtl("قال", TextDirection::LeftToRight));
    }

    #[test]
    fn only_right_to_left_text_needs_bidi() {
        assert!(!needs_bidi("The mayor’s “plan” — Ωmega, 北京, नमस्ते 🙂"));
        assert!(needs_bidi("The word שלום"));
        assert!(needs_bidi("year ٢٠٢٤"));
    }

    #[test]
    fn numbers_and_latin_names_run_left_to_right_inside_arabic() {
        // "Reuters said 25 people" in Arabic with a Latin name and a number.
        let text = "قالت Reuters إن 25 شخصا";
        let p = BidiParagraph::new(text, true);
        let n = p.char_len();
        let runs = p.visual_runs(0..n);
        let shown: Vec<(String, bool)> = runs
            .iter()
            .map(|r| {
                (
                    text.chars()
                        .skip(r.chars.start)
                        .take(r.chars.len())
                        .collect(),
                    r.rtl,
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                (" شخصا".to_owned(), true),
                ("25".to_owned(), false),
                (" إن ".to_owned(), true),
                ("Reuters".to_owned(), false),
                ("قالت ".to_owned(), true),
            ]
        );
        assert!(p.is_rtl_at(0));
        assert!(!p.is_rtl_at(5));
        assert_eq!(p.level_at(5), 2);
    }
}
