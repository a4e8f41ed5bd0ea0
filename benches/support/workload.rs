//! The deterministic workload of issue 6, shared by `examples/bench_summary.rs` and
//! `benches/frame.rs` (both include this file with `#[path]`): a ~5 MB article of
//! paragraphs of varied length with some non-ASCII text, 50,000 spans over the four
//! default labels (10 % of them overlapping another span) and 1,000 "introduces"
//! relations from an attribution to a quote.

#![allow(dead_code)]

use lectern::model::{DocId, Document, Project, Relation, RelationId, Span, SpanId};

/// Size of the generated text in bytes (the text stops at the first paragraph past it).
pub const TEXT_BYTES: usize = 5_000_000;
/// Spans in the workload.
pub const SPANS: usize = 50_000;
/// Relations in the workload.
pub const RELATIONS: usize = 1_000;
/// The one document's id.
pub const DOC: DocId = DocId(1);

/// A small xorshift generator, so the workload is the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// A number in `lo..hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo) as u64) as usize
    }
}

/// Words the generated text is made of: common English news words, some Greek and
/// accented ones.
pub const WORDS: &[&str] = &[
    "the",
    "the",
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "said",
    "minister",
    "council",
    "harbour",
    "bridge",
    "government",
    "would",
    "not",
    "was",
    "for",
    "on",
    "with",
    "as",
    "residents",
    "spokesperson",
    "according",
    "report",
    "funding",
    "year",
    "people",
    "city",
    "plan",
    "it",
    "by",
    "they",
    "we",
    "had",
    "been",
    "statement",
    "official",
    "critics",
    "claimed",
    "argued",
    "told",
    "reporters",
    "Tuesday",
    "cost",
    "million",
    "euros",
    "school",
    "traffic",
    "λόγος",
    "Αθήνα",
    "café",
    "naïve",
    "Zürich",
    "São",
    "Paulo",
    "déjà",
    "über",
];

/// Appends `s` to `text`, counting its code points in `chars`.
pub fn push(text: &mut String, chars: &mut usize, s: &str) {
    text.push_str(s);
    *chars += s.chars().count();
}

/// Appends word `w` (with a capital first letter if `capital`) and records its code point
/// range in `words`.
pub fn push_word(
    text: &mut String,
    chars: &mut usize,
    words: &mut Vec<(usize, usize)>,
    w: &str,
    capital: bool,
) {
    let start = *chars;
    if capital {
        let mut cs = w.chars();
        let first: String = cs.next().into_iter().flat_map(char::to_uppercase).collect();
        push(text, chars, &first);
        push(text, chars, cs.as_str());
    } else {
        push(text, chars, w);
    }
    words.push((start, *chars));
}

/// The article text and the code point range of every word in it.
pub fn text() -> (String, Vec<(usize, usize)>) {
    let mut rng = Rng::new(0x1ec7e6);
    let mut text = String::with_capacity(TEXT_BYTES + 4096);
    let mut words = Vec::with_capacity(TEXT_BYTES / 5);
    let mut chars = 0usize;
    while text.len() < TEXT_BYTES {
        // Paragraph length: mostly 20-200 words, sometimes a 1,500-word wall of text.
        let n = match rng.range(0, 20) {
            0 => rng.range(800, 1500),
            1..=3 => rng.range(3, 12),
            _ => rng.range(20, 200),
        };
        let quoted = rng.range(0, 4) == 0;
        if quoted {
            push(&mut text, &mut chars, "“");
        }
        for i in 0..n {
            if i > 0 {
                push(&mut text, &mut chars, " ");
            }
            let w = WORDS[rng.range(0, WORDS.len())];
            let capital = i == 0 || rng.range(0, 12) == 0;
            push_word(&mut text, &mut chars, &mut words, w, capital);
            match rng.range(0, 40) {
                0..=3 => push(&mut text, &mut chars, ","),
                4..=6 => push(&mut text, &mut chars, "."),
                7 if rng.range(0, 20) == 0 => push(&mut text, &mut chars, " 😀"),
                8 => push(&mut text, &mut chars, " —"),
                _ => {}
            }
        }
        push(&mut text, &mut chars, if quoted { ".”" } else { "." });
        push(&mut text, &mut chars, "\n");
        if rng.range(0, 3) == 0 {
            push(&mut text, &mut chars, "\n");
        }
    }
    (text, words)
}

/// The span `id` over `range` of `doc`, as the app makes them: who and when on every span
/// (on `day` of May 2026), a field value on half of them (a quote's speaker: `speaker`) and
/// a note on a few, so parsing and exporting carry a realistic load.
pub fn bench_span(
    doc: &Document,
    id: u32,
    label: &str,
    range: std::ops::Range<usize>,
    speaker: &str,
    day: u32,
) -> Span {
    let mut attributes = lectern::model::Attributes::new();
    if id.is_multiple_of(2) {
        let (field, value) = match label {
            "quote" => ("speaker", speaker),
            "claim" => ("stance", "attributed"),
            "descriptor" => ("target", "the transport minister"),
            _ => ("cue", "said"),
        };
        attributes.insert(field.to_owned(), value.to_owned());
    }
    Span {
        id: SpanId(id),
        label: label.into(),
        text: doc.text.slice(range.clone()).expect("in text").to_owned(),
        start: range.start,
        end: range.end,
        attributes,
        note: if id.is_multiple_of(50) {
            "Check against the council minutes.".to_owned()
        } else {
            String::new()
        },
        annotator: if id.is_multiple_of(3) {
            "coder-b"
        } else {
            "coder-a"
        }
        .into(),
        created: format!(
            "2026-05-{day:02}T{:02}:{:02}:{:02}Z",
            (id / 60) % 24,
            id % 60,
            (id * 7) % 60
        )
        .into(),
        ..Default::default()
    }
}

/// The workload project: one document with [`SPANS`] spans and [`RELATIONS`] relations.
pub fn project() -> Project {
    let (text, words) = text();
    let mut doc = Document::new(DOC, "Benchmark article", text);
    let labels = ["quote", "claim", "descriptor", "attribution"];
    let mut rng = Rng::new(42);
    let base = SPANS * 9 / 10;
    let step = words.len() / base;
    assert!(step >= 10, "text too short for {SPANS} spans");
    let mut spans = Vec::with_capacity(SPANS);
    let mut id = 0u32;
    let mut make = |first: usize, last: usize, label: &str, doc: &Document| {
        id += 1;
        let (start, end) = (words[first].0, words[last].1);
        bench_span(doc, id, label, start..end, "Eleni Papadaki", 1 + id / 5000)
    };
    // 90 %: spans of 1-8 words that do not touch each other.
    for i in 0..base {
        let first = i * step;
        let label = if i < 2 * RELATIONS {
            // Pairs for the relations: an attribution, then a quote.
            labels[if i % 2 == 0 { 3 } else { 0 }]
        } else {
            labels[rng.range(0, 4)]
        };
        spans.push(make(first, first + rng.range(0, 8), label, &doc));
    }
    // 10 %: spans starting inside a base span and reaching past it (crossing overlaps).
    for k in 0..SPANS - base {
        let i = 2 * RELATIONS + k * ((base - 2 * RELATIONS) / (SPANS - base));
        let first = i * step + 1;
        spans.push(make(
            first,
            first + rng.range(2, 12),
            labels[rng.range(0, 4)],
            &doc,
        ));
    }
    let relations = (0..RELATIONS)
        .map(|j| Relation {
            id: RelationId(j as u32 + 1),
            kind: "introduces".into(),
            from: spans[2 * j].id,
            to: spans[2 * j + 1].id,
            note: String::new(),
        })
        .collect();
    spans.sort_by_key(|s| s.order_key());
    doc.spans = spans;
    doc.relations = relations;
    let mut project = Project::new("Benchmark");
    project.documents.push(doc);
    project
}
