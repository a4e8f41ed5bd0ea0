//! Words, for double-click, snapping a selection to whole words and moving an
//! annotation's boundary by a word: Unicode word boundaries (UAX #29), so an Arabic word
//! keeps its vowel marks, a Hindi word its vowel signs and conjuncts, and Chinese and
//! Japanese text is taken one ideograph (or one katakana word) at a time.

use std::ops::Range;
use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_segmentation::UnicodeSegmentation;

/// Whether `c` belongs inside a word: a letter or digit of any script, a combining mark
/// (Arabic harakat, Devanagari vowel signs, Hebrew points) or a zero-width joiner.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{200C}' | '\u{200D}')
        || matches!(
            get_general_category(c),
            GeneralCategory::NonspacingMark
                | GeneralCategory::SpacingMark
                | GeneralCategory::EnclosingMark
        )
}

/// Hyphens that join two words into one for selection ("far-left").
fn is_joining_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}")
}

/// The word around code point `c` of `text`, in code points of `text`: its UAX #29 word,
/// joined across inner hyphens ("far-left", "it’s" is one word already); on a space or a
/// punctuation mark, just that code point.
pub fn word_at(text: &str, c: usize) -> Range<usize> {
    // (first code point, end, holds a letter or digit) of each UAX #29 segment.
    let mut segments: Vec<(usize, usize, bool, bool)> = Vec::new();
    let mut chars = 0;
    for piece in text.split_word_bounds() {
        let n = piece.chars().count();
        let word = piece.chars().any(char::is_alphanumeric);
        segments.push((chars, chars + n, word, is_joining_hyphen(piece)));
        chars += n;
    }
    let len = chars;
    let Some(i) = segments.iter().position(|s| s.0 <= c && c < s.1) else {
        return c.min(len)..c.min(len);
    };
    if !segments[i].2 {
        return c..c + 1;
    }
    let (mut first, mut last) = (i, i);
    while first >= 2 && segments[first - 1].3 && segments[first - 2].2 {
        first -= 2;
    }
    while last + 2 < segments.len() && segments[last + 1].3 && segments[last + 2].2 {
        last += 2;
    }
    segments[first].0..segments[last].1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, c: usize) -> String {
        let r = word_at(text, c);
        text.chars().skip(r.start).take(r.len()).collect()
    }

    #[test]
    fn english_words_join_hyphens_and_apostrophes() {
        let t = "The far-left mayor’s “plan”.";
        assert_eq!(word(t, 5), "far-left");
        assert_eq!(word(t, 14), "mayor’s");
        assert_eq!(word(t, 21), "“");
        assert_eq!(word(t, 23), "plan");
        assert_eq!(word(t, 3), " ");
    }

    #[test]
    fn arabic_word_keeps_its_vowel_marks() {
        // "the spokesman (with vowels) said" — كَتَبَ has three fatha marks.
        let t = "قال المتحدث كَتَبَ رسالة";
        let start = t.chars().position(|c| c == 'ك').expect("kaf");
        assert_eq!(word(t, start + 1), "كَتَبَ");
        assert_eq!(word_at(t, start + 1), start..start + 6);
    }

    #[test]
    fn hindi_word_keeps_vowel_signs_and_conjuncts() {
        let t = "मंत्री ने कहा";
        assert_eq!(word(t, 1), "मंत्री");
        assert_eq!(word(t, 8), "ने");
    }

    #[test]
    fn chinese_is_taken_one_ideograph_at_a_time_and_katakana_as_a_word() {
        assert_eq!(word("新华社报道", 2), "社");
        assert_eq!(word("ロイター通信によると", 1), "ロイター");
    }

    #[test]
    fn marks_and_joiners_are_word_characters() {
        assert!(is_word_char('\u{064E}'));
        assert!(is_word_char('\u{093E}'));
        assert!(is_word_char('\u{200C}'));
        assert!(!is_word_char('،'));
        assert!(!is_word_char(' '));
    }
}
