//! The quote assistant's speed figure for `examples/bench_summary.rs`: milliseconds to
//! propose every quote of one average news article (5 KB), on invented articles made
//! here (direct and interrupted quotes, reported speech, "according to", pronouns).

use lectern::assist::{Assistant, Roles};
use lectern::model::{Lexicon, default_labels, default_relation_types};
use std::time::Instant;

/// Sentences an article is made of, varied by a seed.
const SENTENCES: &[&str] = &[
    "“The bridge will reopen in May,” Transport Minister Gregor Ward told reporters on Monday.",
    "He said the repairs had cost more than expected but were now finished.",
    "Council leader Ana Ruiz, who has opposed the plan since 2019, disagreed.",
    "“We have seen no report,” she said, “and the residents have seen nothing either.”",
    "The harbour authority believes traffic will return to normal within weeks.",
    "According to the authority, 40,000 cars crossed the bridge every day before it closed.",
    "Shopkeepers on Quay Street said trade had fallen by a third, according to a survey.",
    "Mr Ward insisted that the safety tests were independent.",
    "The vote on the budget is expected on Friday.",
    "Residents gathered outside the town hall, holding signs that read “Open it now”.",
    "Ms Ruiz added that the council would publish its own figures next week.",
    "The minister warned that further delays could cost the city millions.",
];

/// An invented article of about `bytes` bytes, different for each `seed`.
pub fn article(seed: usize, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 200);
    let mut i = seed;
    while out.len() < bytes {
        out.push_str(SENTENCES[i % SENTENCES.len()]);
        i = (i * 7 + 3) % 1009;
        out.push(if i.is_multiple_of(3) { '\n' } else { ' ' });
    }
    out
}

/// Median milliseconds to propose the quotes of one 5 KB article, over `runs` runs of
/// 100 different articles each, with the assistant built once as the window and
/// `lectern suggest` do.
pub fn per_article_ms(runs: usize) -> f64 {
    let roles = Roles::from_codebook(&default_labels(), &default_relation_types())
        .expect("the default codebook has a quote label");
    let assistant = Assistant::new(roles, Lexicon::english());
    let articles: Vec<String> = (0..100).map(|s| article(s, 5_000)).collect();
    let mut per_run: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            let found: usize = articles.iter().map(|a| assistant.propose(a).len()).sum();
            assert!(found > 0, "the benchmark articles have quotes");
            t.elapsed().as_secs_f64() * 1000.0 / articles.len() as f64
        })
        .collect();
    per_run.sort_by(f64::total_cmp);
    per_run[per_run.len() / 2]
}
