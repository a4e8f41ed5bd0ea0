//! The assistant's learned weights: two small logistic models trained on PolNeAR's train
//! split by `examples/train_assist.rs` — which words are cues (the reporting verb of an
//! attribution, learnt with their context, so "protest" the noun is told from "protest"
//! the verb and "endorsed" or "wants" are found though no list has them) and where
//! reported speech ends. The weights are data (`assets/assist/en.tsv`, one feature a
//! line), read once; they apply to English lexicons only.

use super::features::Sink;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A feature's key: its name hashed by 64-bit FNV-1a. Feature names are short and come
/// from our own asset, so a key stands for its name (a collision among some 100,000
/// names is about one in a billion), and a model asked about every word of an article,
/// thirty features a word, neither compares strings nor allocates.
fn key(feature: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in feature.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Hashes a key that is a hash already by passing it through.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap = HashMap<u64, f32, BuildHasherDefault<KeyHasher>>;

/// The built-in English weights: `assets/assist/en.tsv`, deflated by `build.rs` (the text
/// is most of a megabyte and a half; deflated, a quarter of that in the binary).
const ENGLISH_TSV_DEFLATED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/assist-en.tsv.deflate"));

/// The text of the built-in weights file, inflated (`None` only for a broken build).
fn english_tsv() -> Option<String> {
    let bytes = miniz_oxide::inflate::decompress_to_vec(ENGLISH_TSV_DEFLATED).ok()?;
    String::from_utf8(bytes).ok()
}

/// Weights of one logistic model, by feature.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Weights {
    /// The features with their weights, sorted by name (what a weights file lists).
    named: Vec<(String, f32)>,
    /// The weights by the key of their feature (what proposing reads).
    by_key: KeyMap,
}

impl Weights {
    /// Weights from `(feature, weight)` pairs.
    pub fn new(pairs: impl IntoIterator<Item = (String, f32)>) -> Weights {
        let mut named: Vec<(String, f32)> = pairs.into_iter().collect();
        named.sort_by(|a, b| a.0.cmp(&b.0));
        named.dedup_by(|a, b| a.0 == b.0);
        let by_key = named.iter().map(|(f, w)| (key(f), *w)).collect();
        Weights { named, by_key }
    }

    /// The probability the model gives to what `features` writes.
    pub fn probability(&self, features: impl FnOnce(&mut dyn Sink)) -> f32 {
        let mut sum = Sum {
            weights: self,
            z: 0.0,
        };
        features(&mut sum);
        1.0 / (1.0 + (-sum.z).exp())
    }

    /// How many features have a weight.
    pub fn len(&self) -> usize {
        self.named.len()
    }

    /// Whether no feature has a weight.
    pub fn is_empty(&self) -> bool {
        self.named.is_empty()
    }

    fn write(&self, part: &str, out: &mut String) {
        for (f, w) in &self.named {
            out.push_str(&format!("{part}\t{f}\t{w:.2}\n"));
        }
    }
}

/// Adds up the weights of the features it is given.
struct Sum<'a> {
    weights: &'a Weights,
    z: f32,
}

impl Sink for Sum<'_> {
    fn put(&mut self, feature: &str) {
        if let Some(w) = self.weights.by_key.get(&key(feature)) {
            self.z += w;
        }
    }
}

/// The assistant's models.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Whether a word is the cue of an attribution.
    pub cue: Weights,
    /// Whether reported speech ends before a token.
    pub end: Weights,
    /// The probability from which a word is taken as a cue. Low on purpose: a word the
    /// model is unsure of still makes a proposal, whose confidence says so (on PolNeAR's
    /// train split, reported speech after a cue of probability 0.3–0.5 is right about
    /// half the time, well above what leaving it out costs a coder).
    pub cue_threshold: f32,
    /// The probability from which reported speech ends before a token.
    pub end_threshold: f32,
}

impl Default for Model {
    fn default() -> Model {
        Model {
            cue: Weights::default(),
            end: Weights::default(),
            cue_threshold: 0.3,
            end_threshold: 0.5,
        }
    }
}

/// A line of a weights file that does not read.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: expected PART<tab>FEATURE<tab>WEIGHT, found {found:?}")]
pub struct ModelError {
    /// 1-based line number.
    pub line: usize,
    /// The line as found, shortened.
    pub found: String,
}

impl Model {
    /// The built-in English model; the asset is checked by a test, so the empty model
    /// (rules only) only guards against a broken build.
    pub fn english() -> &'static Model {
        static ENGLISH: OnceLock<Model> = OnceLock::new();
        ENGLISH.get_or_init(|| {
            english_tsv()
                .and_then(|tsv| Model::parse(&tsv).ok())
                .unwrap_or_default()
        })
    }

    /// Reads a weights file: `#` comments, then `PART<tab>FEATURE<tab>WEIGHT` lines
    /// (part `cue` or `end`; part `threshold` gives a model's threshold).
    pub fn parse(tsv: &str) -> Result<Model, ModelError> {
        let mut model = Model::default();
        let mut cue = Vec::new();
        let mut end = Vec::new();
        for (n, line) in tsv.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let parsed = match (cols.next(), cols.next(), cols.next(), cols.next()) {
                (Some(part), Some(f), Some(w), None) => w.parse::<f32>().ok().map(|w| (part, f, w)),
                _ => None,
            };
            match parsed {
                Some(("cue", f, w)) => {
                    cue.push((f.to_owned(), w));
                }
                Some(("end", f, w)) => {
                    end.push((f.to_owned(), w));
                }
                Some(("threshold", "cue", w)) => model.cue_threshold = w,
                Some(("threshold", "end", w)) => model.end_threshold = w,
                _ => {
                    return Err(ModelError {
                        line: n + 1,
                        found: line.chars().take(60).collect(),
                    });
                }
            }
        }
        model.cue = Weights::new(cue);
        model.end = Weights::new(end);
        Ok(model)
    }

    /// The weights file for this model, with a comment saying what made it.
    pub fn to_tsv(&self, comment: &str) -> String {
        let mut out = String::new();
        for line in comment.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        out.push_str(&format!("threshold\tcue\t{}\n", self.cue_threshold));
        out.push_str(&format!("threshold\tend\t{}\n", self.end_threshold));
        self.cue.write("cue", &mut out);
        self.end.write("end", &mut out);
        out
    }

    /// Whether the model has weights at all.
    pub fn is_empty(&self) -> bool {
        self.cue.is_empty() && self.end.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_model_reads_and_has_weights() {
        // The asset as written, not as the binary carries it: the model built in is the
        // same, weight for weight, so the proposals are too.
        let asset = include_str!("../../assets/assist/en.tsv");
        assert_eq!(english_tsv().as_deref(), Some(asset));
        let m = Model::parse(asset).expect("the asset reads");
        assert!(m.cue.len() > 1000, "{} cue weights", m.cue.len());
        assert!(m.end.len() > 1000, "{} end weights", m.end.len());
        assert!(m.cue_threshold > 0.0 && m.cue_threshold < 1.0);
        assert_eq!(Model::english(), &m);
    }

    #[test]
    fn a_weights_file_round_trips_and_a_bad_line_is_named() {
        let m = Model {
            cue: Weights::new([("w=said".to_owned(), 2.5), ("b".to_owned(), -1.0)]),
            end: Weights::new([("b".to_owned(), 0.25)]),
            cue_threshold: 0.4,
            end_threshold: 0.6,
        };
        assert_eq!(
            Model::parse(&m.to_tsv("made by a test\nsecond line")).unwrap(),
            m
        );
        let err = Model::parse("# comment\ncue\tw=said\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(Model::parse("cue\tw=said\tmany\n").is_err());
        assert!(Model::parse("threshold\tother\t0.5\n").is_err());
    }

    #[test]
    fn probability_adds_the_weights_of_the_features_written() {
        let w = Weights::new([("a".to_owned(), 1.0), ("b".to_owned(), 1.5)]);
        let p = w.probability(|s| {
            s.put("a");
            s.put("b");
            s.put("not a feature");
        });
        assert!((p - 1.0 / (1.0 + (-2.5f32).exp())).abs() < 1e-6, "{p}");
        assert!((Weights::default().probability(|s| s.put("a")) - 0.5).abs() < 1e-6);
    }
}
