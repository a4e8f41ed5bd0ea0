//! Quotes as sequences of normalised words, each remembering where it was written, so two
//! outlets' versions compare word by word whatever their quotation marks, punctuation,
//! case, hyphens, contractions or spelling of numbers — and the window can still mark the
//! written words that differ.

use super::spelling::write_out;
use super::words::{AlignWords, stem};
use std::collections::HashMap;

/// One normalised word of a quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// The word's id in the [`Vocabulary`].
    pub word: u32,
    /// First code point, in the document, of the written word(s) it comes from.
    pub start: u32,
    /// One past their last code point.
    pub end: u32,
    /// Words were marked as left out ("…", "...", "[…]") right before this one.
    pub gap_before: bool,
    /// An editor's insertion ("[the bridge]") stands right before this one.
    pub editorial_before: bool,
}

/// A quote's words, and the editor's insertions in square brackets, which are not the
/// speaker's words and are left out of the comparison.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokenized {
    /// The speaker's words, in reading order.
    pub tokens: Vec<Token>,
    /// Code point ranges of bracketed insertions, brackets included.
    pub editorial: Vec<(u32, u32)>,
    /// The text ends with "…" (words left out at the end).
    pub gap_after: bool,
    /// An editor's insertion ends the text.
    pub editorial_after: bool,
}

/// Every distinct word of the quotes being compared, with an id each, and for each word
/// the id of its content stem (none for stopwords and reporting verbs).
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    stems: HashMap<String, u32>,
    content: Vec<Option<u32>>,
}

impl Vocabulary {
    /// The id of `word`, adding it. `plain` says whether it is a content word.
    fn intern(&mut self, word: &str, plain: impl FnOnce(&str) -> bool) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = u32::try_from(self.content.len()).unwrap_or(u32::MAX);
        let content = plain(word).then(|| {
            let s = stem(word);
            let next = u32::try_from(self.stems.len()).unwrap_or(u32::MAX);
            *self.stems.entry(s).or_insert(next)
        });
        self.ids.insert(word.to_owned(), id);
        self.content.push(content);
        id
    }

    /// The content stem of word `id`, if it is a content word.
    pub fn content(&self, id: u32) -> Option<u32> {
        self.content.get(id as usize).copied().flatten()
    }

    /// How many distinct content stems there are.
    pub fn stem_count(&self) -> usize {
        self.stems.len()
    }
}

/// A word as written, before contractions and numbers are written out.
#[derive(Clone, Debug)]
pub(super) struct Raw {
    /// The word, lower case, straight apostrophes.
    pub word: String,
    /// First code point, in the document.
    pub start: u32,
    /// One past the last.
    pub end: u32,
    /// Words were marked as left out right before it.
    pub gap_before: bool,
    /// An editor's insertion stands right before it.
    pub editorial_before: bool,
}

/// Reads the pieces of a quote — `(first code point, text)` each, in reading order —
/// into normalised words. `is_content` decides which words carry content (not stopwords,
/// not reporting verbs).
pub fn tokenize(
    pieces: &[(usize, &str)],
    words: &AlignWords,
    vocabulary: &mut Vocabulary,
    is_content: &dyn Fn(&str) -> bool,
) -> Tokenized {
    let mut out = Tokenized::default();
    let mut raw = Vec::new();
    let mut scan = Scan::default();
    for (offset, text) in pieces {
        scan.piece((*offset, text), words, &mut raw, &mut out.editorial);
    }
    out.gap_after = scan.gap;
    out.editorial_after = scan.editorial_pending;
    for r in write_out(raw, words) {
        let word = vocabulary.intern(&r.word, |w| {
            !words.is_stopword(w) && is_content(w) && w.chars().any(char::is_alphanumeric)
        });
        out.tokens.push(Token {
            word,
            start: r.start,
            end: r.end,
            gap_before: r.gap_before,
            editorial_before: r.editorial_before,
        });
    }
    out
}

/// The state of reading characters across the pieces of one quote.
#[derive(Default)]
struct Scan {
    /// A "…" was read and no word since.
    gap: bool,
    /// Inside square brackets since this code point.
    bracket: Option<u32>,
    /// The open bracket holds letters or digits (an insertion, not "[…]").
    bracket_words: bool,
    /// A bracketed insertion ended and no word since.
    editorial_pending: bool,
}

impl Scan {
    fn piece(
        &mut self,
        (offset, text): (usize, &str),
        words: &AlignWords,
        raw: &mut Vec<Raw>,
        editorial: &mut Vec<(u32, u32)>,
    ) {
        let chars: Vec<char> = text.chars().collect();
        let at = |i: usize| u32::try_from(offset + i).unwrap_or(u32::MAX);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if let Some(open) = self.bracket {
                if c == ']' {
                    self.close_bracket(open, at(i + 1), editorial);
                } else if c.is_alphanumeric() {
                    self.bracket_words = true;
                } else if c == '…' || c == '.' {
                    // "[…]" marks words left out, not an insertion.
                    self.gap = true;
                }
                i += 1;
                continue;
            }
            if c == '[' {
                self.bracket = Some(at(i));
                self.bracket_words = false;
                i += 1;
                continue;
            }
            if c == '…' || (c == '.' && chars.get(i + 1) == Some(&'.')) {
                self.gap = true;
                i += 1;
                continue;
            }
            if c == '%' {
                self.push(raw, "percent".to_owned(), at(i), at(i + 1));
                i += 1;
                continue;
            }
            if words.currency(c).is_some() {
                // Kept as the symbol: `write_out` puts its word after the number.
                self.push(raw, c.to_string(), at(i), at(i + 1));
                i += 1;
                continue;
            }
            if !c.is_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && word_char(&chars, i) {
                i += 1;
            }
            let word: String = chars[start..i]
                .iter()
                .map(|&c| if is_apostrophe(c) { '\'' } else { c })
                .collect::<String>()
                .to_lowercase();
            self.push(raw, word, at(start), at(i));
        }
        if let Some(open) = self.bracket {
            // A bracket left open at the end of a piece closes there.
            self.close_bracket(open, at(chars.len()), editorial);
        }
    }

    /// Ends a bracket opened at `open`: with words in it, an editor's insertion.
    fn close_bracket(&mut self, open: u32, end: u32, editorial: &mut Vec<(u32, u32)>) {
        self.bracket = None;
        if self.bracket_words {
            editorial.push((open, end));
            self.editorial_pending = true;
        }
    }

    fn push(&mut self, raw: &mut Vec<Raw>, word: String, start: u32, end: u32) {
        raw.push(Raw {
            word,
            start,
            end,
            gap_before: std::mem::take(&mut self.gap),
            editorial_before: std::mem::take(&mut self.editorial_pending),
        });
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

/// Whether character `i` continues a word: letters and digits, an apostrophe between
/// letters ("don’t"), a point or comma between digits ("1,000", "3.5").
fn word_char(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if c.is_alphanumeric() {
        return true;
    }
    let (before, after) = (
        i.checked_sub(1).map(|j| chars[j]),
        chars.get(i + 1).copied(),
    );
    let between = |test: fn(char) -> bool| before.is_some_and(test) && after.is_some_and(test);
    (is_apostrophe(c) && between(char::is_alphabetic))
        || ((c == '.' || c == ',') && between(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(text: &str) -> (Vec<String>, Tokenized) {
        let mut v = Vocabulary::default();
        let t = tokenize(&[(0, text)], AlignWords::english(), &mut v, &|_| true);
        let mut names: Vec<(u32, String)> = v.ids.iter().map(|(w, &i)| (i, w.clone())).collect();
        names.sort();
        let list = t
            .tokens
            .iter()
            .map(|tok| names[tok.word as usize].1.clone())
            .collect();
        (list, t)
    }

    #[test]
    fn quotation_marks_case_hyphens_and_contractions_do_not_count() {
        let (a, _) = words_of("“It’s a stone-cold choice, and we won't pretend otherwise.”");
        let (b, _) = words_of("\"it is a Stone Cold choice - and we will not pretend otherwise\"");
        assert_eq!(a, b);
        assert_eq!(a[..4], ["it", "is", "a", "stone"]);
    }

    #[test]
    fn numbers_compare_however_they_are_spelled() {
        let (a, _) = words_of("twenty-five ships and one hundred and twenty crew, 40 per cent");
        let (b, _) = words_of("25 ships and 120 crew, forty%");
        assert_eq!(a, b);
        assert_eq!(words_of("1,000 jobs").0, words_of("one thousand jobs").0);
        assert_eq!(words_of("3 million").0, words_of("three million").0);
        assert_eq!(words_of("3.5 metres").0[0], "3.5");
    }

    #[test]
    fn sums_of_money_and_shares_compare_however_they_are_written() {
        let four_million = ["4000000", "pounds"];
        for written in [
            "£4m",
            "£4 million",
            "4 million pounds",
            "four million pounds",
            "£4,000,000",
            "4m pounds",
        ] {
            assert_eq!(words_of(written).0, four_million, "{written}");
        }
        assert_eq!(words_of("£4.5m").0, ["4500000", "pounds"]);
        assert_eq!(words_of("$2.25bn").0, ["2250000000", "dollars"]);
        assert_eq!(words_of("a million euros").0, words_of("€1m").0);
        assert_eq!(words_of("one pound").0, words_of("£1").0);
        for written in [
            "10%",
            "10 per cent",
            "ten per cent",
            "10 percent",
            "10pc",
            "ten percent",
        ] {
            assert_eq!(words_of(written).0, ["10", "percent"], "{written}");
        }
        // Other sums and other words stay apart; "pound" as a verb is not money.
        assert_ne!(words_of("£4m").0, words_of("£5m").0);
        assert_ne!(words_of("£4m").0, words_of("$4m").0);
        assert_eq!(
            words_of("we pound the table").0,
            ["we", "pound", "the", "table"]
        );
        assert_eq!(words_of("the 1st of 4x4 cars").0[1], "1st");
        // A sum written with a symbol stands for all of it, for the window's marks.
        let (_, t) = words_of("cost £4m now");
        let spans: Vec<(u32, u32)> = t.tokens.iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(spans, [(0, 4), (5, 8), (5, 8), (9, 12)]);
    }

    #[test]
    fn ellipsis_marks_a_gap_and_brackets_are_the_editor_s() {
        let (w, t) = words_of("We will close it … [the bridge] for repairs...");
        assert_eq!(w, ["we", "will", "close", "it", "for", "repairs"]);
        let four = t.tokens[4];
        assert!(four.gap_before && four.editorial_before);
        assert!(t.gap_after);
        assert_eq!(t.editorial, [(19, 31)]);
        let (_, t) = words_of("close it [...] for repairs");
        assert!(t.tokens[2].gap_before && !t.tokens[2].editorial_before);
        assert!(t.editorial.is_empty());
    }

    #[test]
    fn offsets_are_code_points_of_the_document() {
        let mut v = Vocabulary::default();
        let text = "Ms Παπαδάκη 😀 said: “no”";
        let t = tokenize(&[(100, text)], AlignWords::english(), &mut v, &|_| true);
        let spans: Vec<(u32, u32)> = t.tokens.iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(spans, [(100, 102), (103, 111), (114, 118), (121, 123)]);
    }
}
