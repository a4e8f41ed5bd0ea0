//! The quotes read from a project, turned into what the comparison works on: normalised
//! words, content-word stems with their weights, and speakers as numbers.

use super::quotes::{Corpus, Quote, speaker_key};
use super::tokens::{Tokenized, Vocabulary, tokenize};
use super::words::AlignWords;
use std::collections::HashMap;

/// Quotes ready to compare.
pub struct Prepared {
    /// The quotes, as read.
    pub quotes: Vec<Quote>,
    /// Each quote's normalised words.
    pub words: Vec<Tokenized>,
    /// Each quote's content-word stems, sorted, each once.
    pub content: Vec<Vec<u32>>,
    /// Each quote's speaker as a number (same surname, same number).
    pub speaker: Vec<Option<u32>>,
    /// Every word seen.
    pub vocabulary: Vocabulary,
    /// Weight of each content stem: rarer stems say more (inverse document frequency
    /// over the quotes).
    pub idf: Vec<f64>,
    /// What the quotes were read with: groups of documents and saved statement ids.
    pub corpus: Corpus,
}

impl Prepared {
    /// Tokenises every quote of `corpus`.
    pub fn new(mut corpus: Corpus) -> Self {
        let words = AlignWords::english();
        let mut vocabulary = Vocabulary::default();
        let quotes = std::mem::take(&mut corpus.quotes);
        let verbs = &corpus.verbs;
        let is_content = |w: &str| !verbs.contains(w);
        let mut speakers: HashMap<String, u32> = HashMap::new();
        let mut out_words = Vec::with_capacity(quotes.len());
        let mut content = Vec::with_capacity(quotes.len());
        let mut speaker = Vec::with_capacity(quotes.len());
        for q in &quotes {
            let pieces: Vec<(usize, &str)> =
                q.pieces.iter().map(|(at, t)| (*at, t.as_str())).collect();
            let t = tokenize(&pieces, words, &mut vocabulary, &is_content);
            let mut stems: Vec<u32> = t
                .tokens
                .iter()
                .filter_map(|tok| vocabulary.content(tok.word))
                .collect();
            stems.sort_unstable();
            stems.dedup();
            content.push(stems);
            out_words.push(t);
            speaker.push(q.speaker.as_deref().map(|name| {
                let next = u32::try_from(speakers.len()).unwrap_or(u32::MAX);
                *speakers.entry(speaker_key(name)).or_insert(next)
            }));
        }
        let mut df = vec![0u32; vocabulary.stem_count()];
        for stems in &content {
            for &s in stems {
                df[s as usize] += 1;
            }
        }
        let n = quotes.len().max(1) as f64;
        let idf = df
            .iter()
            .map(|&d| (1.0 + n / f64::from(d.max(1))).ln())
            .collect();
        Prepared {
            quotes,
            words: out_words,
            content,
            speaker,
            vocabulary,
            idf,
            corpus,
        }
    }

    /// Cosine similarity of two quotes' content stems, each stem counting as much as it
    /// is rare (its inverse document frequency, not squared: a paraphrase's own new words
    /// are rare by nature and should not outweigh the words it shares); and how many
    /// stems they share.
    pub fn content_similarity(&self, a: usize, b: usize) -> (f64, usize) {
        let (x, y) = (&self.content[a], &self.content[b]);
        let weight = |s: u32| self.idf[s as usize];
        let (mut i, mut j, mut dot, mut shared) = (0, 0, 0.0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += weight(x[i]);
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let norm = |v: &[u32]| v.iter().map(|&s| weight(s)).sum::<f64>().sqrt();
        let denominator = norm(x) * norm(y);
        if denominator == 0.0 {
            return (0.0, 0);
        }
        (dot / denominator, shared)
    }
}
