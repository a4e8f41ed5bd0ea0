//! Where a line may break: the opportunities of UAX #14, made strict the way Japanese
//! typesetting requires (kinsoku shori). The default algorithm lets a line start with a
//! prolonged sound mark ー or a small kana (ゃ ュ ッ ァ…, class CJ, "normal" breaking) and
//! leaves some pairs to tailoring; a Japanese reader expects neither. So no line starts
//! with a character of class NS, CJ, CL, CP, EX or IS (ー ゃ ッ 々 ・ 、 。 」 ） ！ ？ ，)
//! and none ends with an opening bracket (OP: 「 （ 『). Chinese follows the same rules
//! for its punctuation; other scripts have no such characters in running text.

use unicode_linebreak::{BreakClass, break_property};

/// Whether a line may not start with `c` (strict Japanese line-start rule).
pub fn never_starts_a_line(c: char) -> bool {
    matches!(
        break_property(c as u32),
        BreakClass::NonStarter
            | BreakClass::ConditionalJapaneseStarter
            | BreakClass::ClosePunctuation
            | BreakClass::CloseParenthesis
            | BreakClass::Exclamation
            | BreakClass::InfixSeparator
    )
}

/// Whether a line may not end with `c` (an opening bracket or quotation mark).
pub fn never_ends_a_line(c: char) -> bool {
    break_property(c as u32) == BreakClass::OpenPunctuation
}

/// Whether `text` has Chinese or Japanese characters (ideographs, kana, CJK punctuation or
/// full-width forms), whose lines break between characters under these rules.
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32,
            0x3000..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
    })
}

/// The byte offsets in `text` where a line may end: UAX #14's opportunities without the
/// ones the strict rules forbid (a break after a space stays, so a Latin sentence is
/// never made unbreakable). Mandatory breaks and the end of the text are kept.
pub fn line_break_opportunities(text: &str) -> impl Iterator<Item = usize> + '_ {
    unicode_linebreak::linebreaks(text).filter_map(move |(at, kind)| {
        if kind == unicode_linebreak::BreakOpportunity::Mandatory || at >= text.len() {
            return Some(at);
        }
        let before = text[..at].chars().next_back()?;
        let after = text[at..].chars().next()?;
        let allowed =
            before.is_whitespace() || (!never_starts_a_line(after) && !never_ends_a_line(before));
        allowed.then_some(at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each opportunity as the two characters around it, "a|b".
    fn pairs(text: &str) -> Vec<String> {
        line_break_opportunities(text)
            .filter(|&at| at < text.len())
            .map(|at| {
                let a = text[..at].chars().next_back().unwrap_or(' ');
                let b = text[at..].chars().next().unwrap_or(' ');
                format!("{a}|{b}")
            })
            .collect()
    }

    #[test]
    fn japanese_lines_never_start_with_small_kana_long_vowels_or_closing_marks() {
        // "The computer system stopped. 'Just a moment,' the official said (Kyodo)."
        let text =
            "コンピューターのシステムが止まった。「ちょっと待って」と担当者は言った（共同）。";
        let found = pairs(text);
        for p in &found {
            let after = p.chars().nth(2).unwrap_or(' ');
            let before = p.chars().next().unwrap_or(' ');
            assert!(
                !"ーゃゅょっャュョッァィゥェォ。、」）".contains(after),
                "{p}"
            );
            assert!(!"「（".contains(before), "{p}");
        }
        // Still breakable between kana and ideographs.
        assert!(found.contains(&"の|シ".to_owned()), "{found:?}");
        assert!(!found.contains(&"た|。".to_owned()), "{found:?}");
        assert!(found.contains(&"。|「".to_owned()), "{found:?}");
    }

    #[test]
    fn latin_text_breaks_after_spaces_as_before() {
        assert_eq!(pairs("a b-c d"), [" |b", "-|c", " |d"]);
    }

    #[test]
    fn the_classes_the_rules_name() {
        for c in "ーゃゅょっァィゥェォッャュョヮ々・、。」）』！？，".chars()
        {
            assert!(never_starts_a_line(c), "{c}");
        }
        for c in "「（『【".chars() {
            assert!(never_ends_a_line(c), "{c}");
        }
        for c in "新聞あカA1".chars() {
            assert!(!never_starts_a_line(c) && !never_ends_a_line(c), "{c}");
        }
    }
}
