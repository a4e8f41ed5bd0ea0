//! The language data the comparison of quotes needs — stopwords, contractions, number
//! words — kept as data in `assets/align/en.ron` and parsed once, so a language can be
//! added or corrected without touching the comparison.

use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The built-in English word data.
const ENGLISH_RON: &str = include_str!("../../assets/align/en.ron");

/// Word data for one language.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct AlignWords {
    /// Words without content of their own.
    pub stopwords: HashSet<String>,
    /// Whole words written out ("won't" → will not).
    pub contractions: HashMap<String, Vec<String>>,
    /// Endings written out after the stem ("n't" → not).
    pub suffixes: HashMap<String, Vec<String>>,
    /// Words after which "'s" means "is".
    pub is_after: HashSet<String>,
    /// Number words below a hundred.
    pub numbers: HashMap<String, u64>,
    /// Hundred, thousand, million, billion.
    pub multipliers: HashMap<String, u64>,
    /// Multipliers written against the digits: "m" in "£4m", "bn" in "2bn".
    #[serde(default)]
    pub abbreviated: HashMap<String, u64>,
    /// Currency symbols written before a number ("£") and the word both spellings
    /// compare as ("pounds").
    #[serde(default)]
    pub currencies: HashMap<String, String>,
    /// Words after a number naming what it counts ("pound", "pounds", "pc") and the
    /// word they compare as ("pounds", "percent").
    #[serde(default)]
    pub units: HashMap<String, String>,
}

impl AlignWords {
    /// The built-in English data. The asset is checked by a test; the empty fallback
    /// only guards against a broken build (quotes then compare word for word).
    pub fn english() -> &'static AlignWords {
        static ENGLISH: OnceLock<AlignWords> = OnceLock::new();
        ENGLISH.get_or_init(|| ron::from_str(ENGLISH_RON).unwrap_or_default())
    }

    /// Whether `word` (normalised) carries no content.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }

    /// The value of a number word, if it is one; multipliers are not.
    pub fn number(&self, word: &str) -> Option<u64> {
        self.numbers.get(word).copied()
    }

    /// The value of "hundred", "thousand" …
    pub fn multiplier(&self, word: &str) -> Option<u64> {
        self.multipliers.get(word).copied()
    }

    /// The value of a multiplier written against digits ("m" → a million).
    pub fn abbreviated(&self, suffix: &str) -> Option<u64> {
        self.abbreviated.get(suffix).copied()
    }

    /// The word currency symbol `symbol` compares as ("£" → pounds).
    pub fn currency(&self, symbol: char) -> Option<&str> {
        let mut buf = [0u8; 4];
        self.currencies
            .get(&*symbol.encode_utf8(&mut buf))
            .map(String::as_str)
    }

    /// The word a unit after a number compares as ("pound" → pounds, "pc" → percent).
    pub fn unit(&self, word: &str) -> Option<&str> {
        self.units.get(word).map(String::as_str)
    }

    /// `word` (lower case, straight apostrophes) written out: "won't" → will not,
    /// "don't" → do not, "it's" → it is. `None` when it is not a contraction.
    pub fn expand(&self, word: &str) -> Option<Vec<String>> {
        if let Some(whole) = self.contractions.get(word) {
            return Some(whole.clone());
        }
        for (suffix, written) in &self.suffixes {
            if let Some(stem) = word.strip_suffix(suffix.as_str())
                && !stem.is_empty()
            {
                let mut out = vec![stem.to_owned()];
                out.extend(written.iter().cloned());
                return Some(out);
            }
        }
        let stem = word.strip_suffix("'s")?;
        self.is_after
            .contains(stem)
            .then(|| vec![stem.to_owned(), "is".to_owned()])
    }
}

/// A light English stem for comparing content words of paraphrases: plural and common
/// verb endings cut, so "closures"/"closure" and "reopened"/"reopen" meet. It does not
/// need to be a real stem, only the same for both sides.
pub fn stem(word: &str) -> String {
    let n = word.chars().count();
    let cut = |suffix: &str, keep: usize| -> Option<String> {
        (n >= keep + suffix.len() && word.ends_with(suffix))
            .then(|| word[..word.len() - suffix.len()].to_owned())
    };
    if let Some(s) = cut("ies", 2) {
        return s + "y";
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_owned();
    }
    cut("ing", 3)
        .or_else(|| cut("ed", 3))
        .or_else(|| cut("es", 3).filter(|s| s.ends_with(['s', 'x', 'z', 'h'])))
        .or_else(|| cut("s", 3))
        .unwrap_or_else(|| word.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_data_parses_and_writes_out_contractions() {
        let parsed: AlignWords = ron::from_str(ENGLISH_RON).expect("assets/align/en.ron");
        assert!(parsed.stopwords.len() > 100 && parsed.numbers.len() == 28);
        let w = AlignWords::english();
        assert!(w.is_stopword("the") && !w.is_stopword("bridge"));
        assert_eq!(w.expand("won't"), Some(vec!["will".into(), "not".into()]));
        assert_eq!(w.expand("don't"), Some(vec!["do".into(), "not".into()]));
        assert_eq!(w.expand("it's"), Some(vec!["it".into(), "is".into()]));
        assert_eq!(w.expand("we're"), Some(vec!["we".into(), "are".into()]));
        assert_eq!(w.expand("city's"), None);
        assert_eq!(w.number("twenty"), Some(20));
        assert_eq!(w.multiplier("thousand"), Some(1000));
        assert_eq!(w.abbreviated("bn"), Some(1_000_000_000));
        assert_eq!(w.currency('£'), Some("pounds"));
        assert_eq!(w.currency('#'), None);
        assert_eq!(w.unit("pound"), Some("pounds"));
        assert_eq!(w.unit("pc"), Some("percent"));
    }

    #[test]
    fn stems_meet_across_endings() {
        assert_eq!(stem("closures"), stem("closure"));
        assert_eq!(stem("reopened"), stem("reopen"));
        assert_eq!(stem("charges"), stem("charge"));
        assert_eq!(stem("taxes"), "tax");
        assert_eq!(stem("policies"), "policy");
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("ring"), "ring");
    }
}
