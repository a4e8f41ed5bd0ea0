//! Words, punctuation and quotation marks of an article with their code point offsets,
//! grouped into paragraphs and sentences: the units every rule of the assistant reads.
//!
//! No tagger or parser: the rules only need to know what a token is (a word, a number, a
//! quotation mark, other punctuation), whether it starts with a capital, and where
//! sentences end, which abbreviations ("Mr.", "U.S.") must not do.

use std::ops::Range;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters (with inner apostrophes, hyphens and abbreviation dots: "don’t", "far-left",
    /// "U.S.").
    Word,
    /// Digits, possibly with inner separators ("1,000", "3.5").
    Number,
    /// A quotation mark of any style; `''` (two apostrophes) counts as one.
    Quote,
    /// Any other punctuation or symbol, one character.
    Punct,
}

/// One token of the text.
#[derive(Clone, Debug)]
pub struct Token {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// Lower case, curly apostrophes straightened.
    pub lower: String,
    /// Whether the first character is upper case.
    pub cap: bool,
    /// Paragraph number (paragraphs are separated by line breaks).
    pub para: u32,
    /// White space, a line break or the start of the text before it.
    pub space_before: bool,
    /// White space, a line break or the end of the text after it.
    pub space_after: bool,
}

impl Token {
    /// Whether this is the punctuation character `c`.
    pub fn is(&self, c: &str) -> bool {
        self.lower == c
    }

    /// Whether this is a word (or a number).
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word | Kind::Number)
    }
}

/// An article cut into tokens, paragraphs and sentences.
#[derive(Debug)]
pub struct Tokens {
    /// The text's characters, indexed by code point.
    pub chars: Vec<char>,
    /// Every token in text order.
    pub toks: Vec<Token>,
    /// Sentences as token ranges, in text order, covering every token.
    pub sentences: Vec<Range<usize>>,
    /// For each token, the sentence it belongs to.
    pub sentence_of: Vec<usize>,
}

/// Words that end with a dot without ending a sentence ("Mr. Ward", "Gov. Bush").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "st",
    "jr", "sr", "rev", "hon", "pres", "vs", "no", "inc", "corp", "co", "ltd", "jan", "feb", "mar",
    "apr", "aug", "sept", "sep", "oct", "nov", "dec", "mt", "ft", "approx", "dept", "univ", "ave",
    "blvd", "e.g", "i.e", "cf", "etc", "al", "fig",
];

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '„'
            | '‚'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

impl Tokens {
    /// Tokenizes `text`.
    pub fn new(text: &str) -> Tokens {
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(&chars);
        let sentences = split_sentences(&toks);
        let mut sentence_of = vec![0; toks.len()];
        for (i, s) in sentences.iter().enumerate() {
            for slot in &mut sentence_of[s.clone()] {
                *slot = i;
            }
        }
        Tokens {
            chars,
            toks,
            sentences,
            sentence_of,
        }
    }

    /// The text of code points `range`.
    pub fn text(&self, range: Range<usize>) -> String {
        self.chars[range].iter().collect()
    }

    /// The text from token `a` to token `b` inclusive.
    pub fn span_text(&self, a: usize, b: usize) -> String {
        self.text(self.toks[a].start..self.toks[b].end)
    }
}

fn tokenize(chars: &[char]) -> Vec<Token> {
    let mut toks = Vec::new();
    let mut i = 0;
    let mut para = 0u32;
    let mut seen_text_in_para = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            if seen_text_in_para {
                para += 1;
                seen_text_in_para = false;
            }
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        seen_text_in_para = true;
        let (end, kind) = token_end(chars, i);
        let lower: String = chars[i..end]
            .iter()
            .flat_map(|c| c.to_lowercase())
            .map(|c| if c == '’' { '\'' } else { c })
            .collect();
        toks.push(Token {
            start: i,
            end,
            kind,
            lower,
            cap: c.is_uppercase(),
            para,
            space_before: i == 0 || chars[i - 1].is_whitespace(),
            space_after: end >= chars.len() || chars[end].is_whitespace(),
        });
        i = end;
    }
    toks
}

/// Where the token starting at `i` ends, and what it is.
fn token_end(chars: &[char], i: usize) -> (usize, Kind) {
    let c = chars[i];
    let at = |k: usize| chars.get(k).copied().unwrap_or(' ');
    if is_apostrophe(c) && at(i + 1) == '\'' && c == '\'' {
        return (i + 2, Kind::Quote);
    }
    if c.is_alphabetic() {
        return (word_end(chars, i), Kind::Word);
    }
    if c.is_numeric() {
        let mut j = i + 1;
        while j < chars.len() {
            let d = chars[j];
            if d.is_alphanumeric() || (matches!(d, ',' | '.' | ':') && at(j + 1).is_numeric()) {
                j += 1;
            } else {
                break;
            }
        }
        return (j, Kind::Number);
    }
    if is_quote_char(c) || c == '\'' {
        return (i + 1, Kind::Quote);
    }
    (i + 1, Kind::Punct)
}

/// The end of a word: letters and digits, with apostrophes, hyphens and dots inside
/// ("don’t", "Trump’s", "far-left", "U.S.").
fn word_end(chars: &[char], i: usize) -> usize {
    let at = |k: usize| chars.get(k).copied().unwrap_or(' ');
    let mut j = i + 1;
    loop {
        let d = at(j);
        if d.is_alphanumeric() || d == '\u{ad}' {
            j += 1;
        } else if (is_apostrophe(d) || is_dash(d)) && at(j + 1).is_alphanumeric() {
            j += 2;
        } else if d == '.' && at(j + 1).is_alphabetic() && !at(j + 2).is_alphabetic() {
            // "U.S", "e.g": a single letter after the dot; the last dot joins below.
            j += 2;
        } else {
            break;
        }
    }
    // An initialism keeps its final dot ("U.S.") when it holds inner dots.
    if at(j) == '.' && chars[i..j].contains(&'.') {
        j += 1;
    }
    j
}

/// Whether a dot after word token `w` is part of an abbreviation, not a sentence end.
fn is_abbreviation(w: &Token) -> bool {
    let bare = w.lower.trim_end_matches('.');
    ABBREVIATIONS.contains(&bare) || (w.kind == Kind::Word && w.end - w.start == 1 && w.cap)
}

fn split_sentences(toks: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let n = toks.len();
    let mut i = 0;
    while i < n {
        let t = &toks[i];
        let mut end_here = i + 1 < n && toks[i + 1].para != t.para;
        if matches!(t.lower.as_str(), "." | "!" | "?" | "…")
            || (t.kind == Kind::Word && t.lower.ends_with('.'))
        {
            // Closing quotes and brackets after the stop belong to this sentence.
            let mut j = i + 1;
            while j < n
                && toks[j].para == t.para
                && (toks[j].kind == Kind::Quote && !toks[j].space_before
                    || matches!(toks[j].lower.as_str(), ")" | "]"))
            {
                j += 1;
            }
            let next_starts = j >= n
                || toks[j].para != t.para
                || toks[j].cap
                || toks[j].kind == Kind::Quote
                || toks[j].kind == Kind::Number;
            let abbreviation = t.lower == "." && i > 0 && is_abbreviation(&toks[i - 1]);
            let initialism_mid = t.kind == Kind::Word && !next_starts;
            if next_starts && !abbreviation && !initialism_mid {
                // "Mr. Ward" never ends a sentence, whatever follows.
                i = j - 1;
                end_here = true;
            }
        }
        if end_here || i + 1 == n {
            out.push(start..i + 1);
            start = i + 1;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &Tokens) -> Vec<&str> {
        t.toks.iter().map(|t| t.lower.as_str()).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_hyphens_and_initialisms() {
        let t = Tokens::new("The U.S. far-left mayor’s “plan” isn’t 1,000.5 ''now''");
        assert_eq!(
            words(&t),
            [
                "the", "u.s.", "far-left", "mayor's", "“", "plan", "”", "isn't", "1,000.5", "''",
                "now", "''"
            ]
        );
        assert_eq!(t.toks[4].kind, Kind::Quote);
        assert_eq!(t.toks[11].kind, Kind::Quote);
    }

    #[test]
    fn offsets_are_code_points() {
        let t = Tokens::new("Ο Παπαδάκης είπε «όχι» 😀 ok");
        let ok = t.toks.last().expect("token");
        assert_eq!(t.text(ok.start..ok.end), "ok");
        assert_eq!(ok.start, 25);
    }

    #[test]
    fn sentences_end_at_stops_but_not_after_titles_or_initialisms() {
        let t = Tokens::new(
            "Mr. Ward met Gov. Bush in the U.S. on Monday. “It works,” he said. Then\nNew line",
        );
        let sents: Vec<String> = t
            .sentences
            .iter()
            .map(|r| t.span_text(r.start, r.end - 1))
            .collect();
        assert_eq!(
            sents,
            [
                "Mr. Ward met Gov. Bush in the U.S. on Monday.",
                "“It works,” he said.",
                "Then",
                "New line"
            ]
        );
    }

    #[test]
    fn a_closing_quote_after_the_stop_stays_in_the_sentence() {
        let t = Tokens::new("He said: “We won.” She left.");
        assert_eq!(t.sentences.len(), 2);
        assert_eq!(t.span_text(0, t.sentences[0].end - 1), "He said: “We won.”");
    }
}
