//! The assistant's learned weights: two small logistic models trained on PolNeAR's train
//! split by `examples/train_assist.rs` — which words are cues (the reporting verb of an
//! attribution, learnt with their context, so "protest" the noun is told from "protest"
//! the verb and "endorsed" or "wants" are found though no list has them) and where
//! reported speech ends. The weights are data (`assets/assist/en.tsv`, one feature a
//! line), read once; they apply to English lexicons only.

use super::features::Sink;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The built-in English weights.
const ENGLISH_TSV: &str = include_str!("../../assets/assist/en.tsv");

/// Weights of one logistic model, by feature.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Weights {
    by_feature: HashMap<String, f32>,
}

impl Weights {
    /// Weights from `(feature, weight)` pairs.
    pub fn new(pairs: impl IntoIterator<Item = (String, f32)>) -> Weights {
        Weights {
            by_feature: pairs.into_iter().collect(),
        }
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
        self.by_feature.len()
    }

    /// Whether no feature has a weight.
    pub fn is_empty(&self) -> bool {
        self.by_feature.is_empty()
    }

    fn write(&self, part: &str, out: &mut String) {
        let mut pairs: Vec<(&String, &f32)> = self.by_feature.iter().collect();
        pairs.sort_by(|a, b| a.0.cmp(b.0));
        for (f, w) in pairs {
            out.push_str(&format!("{part}\t{f}\t{w:.3}\n"));
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
        if let Some(w) = self.weights.by_feature.get(feature) {
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
    /// The probability from which a word is taken as a cue.
    pub cue_threshold: f32,
    /// The probability from which reported speech ends before a token.
    pub end_threshold: f32,
}

impl Default for Model {
    fn default() -> Model {
        Model {
            cue: Weights::default(),
            end: Weights::default(),
            cue_threshold: 0.5,
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
        ENGLISH.get_or_init(|| Model::parse(ENGLISH_TSV).unwrap_or_default())
    }

    /// Reads a weights file: `#` comments, then `PART<tab>FEATURE<tab>WEIGHT` lines
    /// (part `cue` or `end`; part `threshold` gives a model's threshold).
    pub fn parse(tsv: &str) -> Result<Model, ModelError> {
        let mut model = Model::default();
        let mut cue = HashMap::new();
        let mut end = HashMap::new();
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
                    cue.insert(f.to_owned(), w);
                }
                Some(("end", f, w)) => {
                    end.insert(f.to_owned(), w);
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
        model.cue = Weights { by_feature: cue };
        model.end = Weights { by_feature: end };
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
