//! Training the assistant's models from coded articles (`examples/train_assist.rs` runs
//! it on PolNeAR's train split): logistic regression by AdaGrad over the features of
//! `features.rs`, rare features left out so the weights stay small and general.
//!
//! Examples are taken as the engine meets them: every word outside a quotation is a
//! possible cue (positive when it heads a gold cue), and every token after the start of
//! a gold content that follows its cue is a possible end (positive just after the gold
//! content's last word).
//!
//! The coded articles come from PolNeAR-style brat folders (`examples/train_assist.rs`
//! reads them) or from a Lectern project a researcher coded ([`gold_from_project`]).

use super::features::{self, Context, Sink};
use super::marks;
use super::model::{Model, Weights};
use super::roles::Roles;
use super::token::{Kind, Tokens};
use crate::model::{Document, Lexicon, Project, Span, VerbIndex};
use std::collections::HashMap;

/// A coded article: its text and attributions, as code-point ranges into the text.
#[derive(Clone, Debug, Default)]
pub struct GoldArticle {
    /// The article.
    pub text: String,
    /// Its attributions.
    pub attributions: Vec<GoldAttribution>,
}

/// One coded attribution.
#[derive(Clone, Debug, Default)]
pub struct GoldAttribution {
    /// The content's fragments.
    pub content: Vec<(usize, usize)>,
    /// The cue's fragments (empty when the coder marked none).
    pub cue: Vec<(usize, usize)>,
}

/// Examples of one model: features interned to numbers, with how often each occurs.
#[derive(Default)]
struct Dataset {
    ids: HashMap<String, u32>,
    names: Vec<String>,
    counts: Vec<u32>,
    rows: Vec<(Vec<u32>, bool)>,
}

/// Collects one example's features as numbers.
struct Row<'a> {
    set: &'a mut Dataset,
    ids: Vec<u32>,
}

impl Sink for Row<'_> {
    fn put(&mut self, feature: &str) {
        let set = &mut *self.set;
        let id = match set.ids.get(feature) {
            Some(&id) => id,
            None => {
                let id = set.names.len() as u32;
                set.ids.insert(feature.to_owned(), id);
                set.names.push(feature.to_owned());
                set.counts.push(0);
                id
            }
        };
        set.counts[id as usize] += 1;
        self.ids.push(id);
    }
}

impl Dataset {
    /// Adds the example `features` writes, with its answer `y`.
    fn push(&mut self, features: impl FnOnce(&mut dyn Sink), y: bool) {
        let mut row = Row {
            set: self,
            ids: Vec::with_capacity(32),
        };
        features(&mut row);
        let ids = row.ids;
        self.rows.push((ids, y));
    }

    /// Logistic regression by AdaGrad over features seen `min_count` times or more,
    /// rows visited in a fixed pseudo-random order each epoch.
    fn fit(&self, epochs: usize, min_count: u32) -> Weights {
        let n = self.names.len();
        let (mut w, mut g2) = (vec![0f32; n], vec![1e-6f32; n]);
        let keep: Vec<bool> = self.counts.iter().map(|&c| c >= min_count).collect();
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..epochs {
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            for &r in &order {
                let (fs, y) = &self.rows[r];
                let z: f32 = fs
                    .iter()
                    .filter(|&&f| keep[f as usize])
                    .map(|&f| w[f as usize])
                    .sum();
                let p = 1.0 / (1.0 + (-z).exp());
                let g = p - if *y { 1.0 } else { 0.0 };
                for &f in fs.iter().filter(|&&f| keep[f as usize]) {
                    let f = f as usize;
                    g2[f] += g * g;
                    w[f] -= 0.1 * g / g2[f].sqrt();
                }
            }
        }
        Weights::new(
            self.names
                .iter()
                .zip(w)
                .filter(|(_, w)| w.abs() >= 0.05)
                .map(|(name, w)| (name.clone(), w)),
        )
    }
}

/// The tokens overlapping code-point ranges `ranges`.
fn tokens_in(tokens: &Tokens, ranges: &[(usize, usize)]) -> Vec<usize> {
    (0..tokens.toks.len())
        .filter(|&i| {
            let t = &tokens.toks[i];
            ranges.iter().any(|&(a, b)| t.start < b && a < t.end)
        })
        .collect()
}

/// The token that heads a cue: its first word that is not an auxiliary, adverb,
/// pronoun, determiner or preposition ("has repeatedly said" → "said").
pub fn cue_head(cx: &Context, cue: &[usize]) -> Option<usize> {
    cue.iter().copied().find(|&i| {
        cx.tokens.toks[i].kind == Kind::Word
            && !matches!(
                features::class(cx, i),
                "AUX" | "DET" | "PREP" | "PRON" | "OBJ" | "CONJ" | "THAT"
            )
    })
}

/// Trains both models on `articles` with the words of `lexicon`, over features seen at
/// least `min_count` times (rarer ones would only learn the training articles by heart
/// and make the weights file large).
pub fn train(articles: &[GoldArticle], lexicon: &Lexicon, epochs: usize, min_count: u32) -> Model {
    let index = lexicon.index();
    let mut cues = Dataset::default();
    let mut ends = Dataset::default();
    for article in articles {
        let tokens = Tokens::new(&article.text);
        let quoted = marks::flags(&tokens, &marks::quotations(&tokens));
        let cx = Context {
            tokens: &tokens,
            lexicon,
            index: &index,
            quoted: &quoted,
        };
        let mut head = vec![false; tokens.toks.len()];
        for a in &article.attributions {
            if let Some(h) = cue_head(&cx, &tokens_in(&tokens, &a.cue)) {
                head[h] = true;
            }
        }
        for i in 0..tokens.toks.len() {
            if tokens.toks[i].kind == Kind::Word && !quoted[i] {
                cues.push(|sink| features::cue(&cx, i, sink), head[i]);
            }
        }
        for a in &article.attributions {
            end_examples(&cx, a, &head, &mut ends);
        }
    }
    Model {
        cue: cues.fit(epochs, min_count),
        end: ends.fit(epochs, min_count),
        ..Model::default()
    }
}

/// End examples of one attribution whose content follows its cue in the same sentence.
fn end_examples(cx: &Context, a: &GoldAttribution, head: &[bool], ends: &mut Dataset) {
    let tokens = cx.tokens;
    let cue = tokens_in(tokens, &a.cue);
    let content = tokens_in(tokens, &a.content);
    let (Some(&cue_last), Some(&start), Some(&last)) =
        (cue.last(), content.first(), content.last())
    else {
        return;
    };
    let s = tokens.sentence_of[start];
    if cue_last >= start || tokens.sentence_of[cue_last] != s {
        return;
    }
    let lemma = cue_head(cx, &cue).map_or(String::new(), |h| lemma_of(cx, h));
    let sentence_last = tokens.sentences[s].end - 1;
    for j in start + 1..=sentence_last {
        ends.push(
            |sink| features::end(cx, start, j, &lemma, head, sink),
            j == last + 1,
        );
        if j > last {
            break;
        }
    }
}

/// The lexicon's lemma of the word at `i`, else its stem.
pub fn lemma_of(cx: &Context, i: usize) -> String {
    let w = &cx.tokens.toks[i].lower;
    cx.index
        .lookup_exact(w)
        .and_then(|v| cx.lexicon.verbs.get(v))
        .map_or_else(|| features::stem(w).to_owned(), |v| v.lemma.clone())
}

/// The coded quotes of a Lectern project as training articles: every span of the
/// codebook's quote label is a content, and the attribution introducing it gives the cue
/// (see [`cue_of`]). Documents with no quote are left out; `None` when the codebook has
/// no label for quotes.
pub fn gold_from_project(project: &Project, lexicon: &Lexicon) -> Option<Vec<GoldArticle>> {
    let roles = Roles::from_codebook(&project.labels, &project.relation_types)?;
    let index = lexicon.index();
    let articles = project
        .documents
        .iter()
        .map(|d| gold_of(d, &roles, &index))
        .filter(|a| !a.attributions.is_empty())
        .collect();
    Some(articles)
}

/// One document's quotes with the cues of the attributions introducing them.
fn gold_of(doc: &Document, roles: &Roles, index: &VerbIndex) -> GoldArticle {
    let attribution_of = |quote: &Span| {
        let relation = roles.relation.as_deref()?;
        let link = doc
            .relations
            .iter()
            .find(|r| r.kind == relation && r.to == quote.id)?;
        doc.spans.iter().find(|s| s.id == link.from)
    };
    let attributions = doc
        .spans
        .iter()
        .filter(|s| s.label == roles.quote)
        .map(|q| GoldAttribution {
            content: q.pieces(),
            cue: attribution_of(q)
                .and_then(|a| cue_of(a, roles, index))
                .into_iter()
                .collect(),
        })
        .collect();
    GoldArticle {
        text: doc.text.as_str().to_owned(),
        attributions,
    }
}

/// Where an attribution's reporting verb stands, in code points: its `cue` attribute as
/// written inside the attribution ("Ward told reporters", cue "told"; the last place,
/// any case), else the first word of the attribution the lexicon knows as a verb.
fn cue_of(attribution: &Span, roles: &Roles, index: &VerbIndex) -> Option<(usize, usize)> {
    let lower = |s: &str| -> Vec<char> {
        s.chars()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
            .collect()
    };
    let text = lower(&attribution.text);
    let at = |k: usize, n: usize| (attribution.start + k, attribution.start + k + n);
    let word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let starts_word = |k: usize| word(text[k]) && (k == 0 || !word(text[k - 1]));
    let cue = roles
        .cue
        .as_deref()
        .and_then(|name| attribution.attributes.get(name))
        .map(|c| lower(c.trim()))
        .filter(|c| !c.is_empty() && c.len() <= text.len());
    if let Some(cue) = cue {
        let n = cue.len();
        let found = (0..=text.len() - n).rev().find(|&k| {
            text[k..k + n] == cue[..] && starts_word(k) && text.get(k + n).is_none_or(|&c| !word(c))
        });
        if let Some(k) = found {
            return Some(at(k, n));
        }
    }
    (0..text.len()).filter(|&k| starts_word(k)).find_map(|k| {
        let n = text[k..].iter().take_while(|&&c| word(c)).count();
        let w: String = text[k..k + n].iter().collect();
        index.lookup_exact(&w).map(|_| at(k, n))
    })
}
