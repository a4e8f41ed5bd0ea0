//! Trains the quote assistant's built-in English model (`assets/assist/en.tsv`) on
//! PolNeAR's train split, so anyone can remake it from the corpus:
//!
//! ```text
//! cargo run --release --example train_assist                  # ../shared/corpora/polnear/train
//! cargo run --release --example train_assist -- DIR [OUT.tsv] # another brat corpus
//! cargo run --release --example train_assist -- PROJECT.ron OUT.tsv # quotes you coded
//! ```
//!
//! `lectern suggest PROJECT --model OUT.tsv` then proposes with the weights made. A
//! project trains on its coded quotes (the codebook's quote label) and the attributions
//! introducing them, with the project's lexicon. `DIR` holds `text/STEM.txt` and `attributions/STEM.ann` (or `STEM_CODER.ann`, the
//! alphabetically first coder when several coded it), in brat standoff with `Content`
//! and `Cue` spans tied by events, as PolNeAR is. Nothing of the corpus goes into the
//! weights but feature names (words, their neighbours' classes) and numbers.

// Every function stays under 100 lines, as in the library (src/lib.rs).
#![warn(clippy::too_many_lines)]

use lectern::assist::train::{self, GoldArticle, GoldAttribution};
use lectern::model::Lexicon;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Passes over the training examples.
const EPOCHS: usize = 4;

/// How often a feature must occur in the training examples to get a weight.
const MIN_COUNT: u32 = 10;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(
        args.first()
            .map_or("../shared/corpora/polnear/train", String::as_str),
    );
    let out = PathBuf::from(args.get(1).map_or("assets/assist/en.tsv", String::as_str));
    let (articles, lexicon) = if dir.is_file() {
        let project = lectern::store::load(&dir)?;
        let Some(articles) = train::gold_from_project(&project, project.lexicon()) else {
            return Err(format!("{}: the codebook has no label for quotes", dir.display()).into());
        };
        (articles, project.lexicon().clone())
    } else {
        (read_corpus(&dir)?, Lexicon::english().clone())
    };
    let attributions: usize = articles.iter().map(|a| a.attributions.len()).sum();
    eprintln!(
        "{}: {} articles, {attributions} attributions",
        dir.display(),
        articles.len()
    );
    let model = train::train(&articles, &lexicon, EPOCHS, MIN_COUNT);
    let from = if args.is_empty() {
        "PolNeAR's train\nsplit".to_owned()
    } else {
        dir.display().to_string()
    };
    let comment = format!(
        "The quote assistant's English model: logistic weights of its cue and end-of-content\n\
         models, made by `cargo run --release --example train_assist` from {from} \
         ({} articles, {attributions} attributions), {EPOCHS} epochs, features seen\n\
         {MIN_COUNT} times or more.",
        articles.len()
    );
    std::fs::write(&out, model.to_tsv(&comment))?;
    eprintln!(
        "{}: {} cue and {} end weights",
        out.display(),
        model.cue.len(),
        model.end.len()
    );
    Ok(())
}

/// Every article of `dir/text` with the attributions of its `.ann` file.
fn read_corpus(dir: &Path) -> Result<Vec<GoldArticle>, Box<dyn std::error::Error>> {
    let mut anns: HashMap<String, PathBuf> = HashMap::new();
    let mut ann_paths: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    ann_paths.sort();
    for p in ann_paths {
        let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
        let Some(stem) = stem else { continue };
        anns.entry(stem.clone()).or_insert_with(|| p.clone());
        if let Some((article, _coder)) = stem.rsplit_once('_') {
            anns.entry(article.to_owned()).or_insert(p);
        }
    }
    let mut texts: Vec<PathBuf> = std::fs::read_dir(dir.join("text"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    texts.sort();
    let mut out = Vec::new();
    for t in texts {
        let stem = t.file_stem().map(|s| s.to_string_lossy().into_owned());
        let Some(ann) = stem.and_then(|s| anns.get(&s)) else {
            continue;
        };
        let text = std::fs::read_to_string(&t)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
        let attributions = read_ann(&std::fs::read_to_string(ann)?, &text);
        out.push(GoldArticle { text, attributions });
    }
    Ok(out)
}

/// The attributions of one brat file: each event's Content (all its fragments) and Cue.
/// Lines that do not read, or whose offsets lie outside the text, are left out.
fn read_ann(ann: &str, text: &str) -> Vec<GoldAttribution> {
    let len = text.chars().count();
    let mut spans: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let mut cols = line.split('\t');
        let (Some(id), Some(mid)) = (cols.next(), cols.next()) else {
            continue;
        };
        let ranges = mid.split_once(' ').map_or("", |(_, r)| r);
        let frags: Option<Vec<(usize, usize)>> = ranges
            .split(';')
            .map(|f| {
                let (a, b) = f.trim().split_once(' ')?;
                let (a, b) = (a.parse().ok()?, b.parse().ok()?);
                (a < b && b <= len).then_some((a, b))
            })
            .collect();
        if let Some(frags) = frags {
            spans.insert(id, frags);
        }
    }
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let args = line.split('\t').nth(1).unwrap_or("");
        let mut att = GoldAttribution::default();
        for arg in args.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let frags = spans.get(id).cloned().unwrap_or_default();
            match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Content" => att.content.extend(frags),
                "Cue" => att.cue.extend(frags),
                _ => {}
            }
        }
        if !att.content.is_empty() {
            att.content.sort_unstable();
            out.push(att);
        }
    }
    out
}
