//! The deterministic corpus workload of issue 17: many short news articles rather than one
//! long text. At full size, 10,000 articles of about 4,000 bytes (40 MB of text) with 100
//! spans each (1,000,000 spans, 10 % of them overlapping another) and 50 relations each
//! (500,000: attributions introducing quotes, descriptors describing spans), every article
//! with an outlet, date, author, URL and status, every span with annotator and time, half
//! with a field value and some with notes, as the window makes them. Included with `#[path]`
//! beside `workload.rs`, whose generator and words it shares.

#![allow(dead_code)]

use super::workload::{Rng, WORDS, bench_span, push, push_word};
use lectern::model::{DocId, DocStatus, Document, Project, Relation, RelationId, Span};

/// Articles in the full workload.
pub const DOCS: usize = 10_000;
/// Bytes of text per article (each stops at the first paragraph past it).
pub const DOC_BYTES: usize = 4_000;
/// Spans per article.
pub const SPANS_PER_DOC: usize = 100;
/// Relations per article.
pub const RELATIONS_PER_DOC: usize = 50;

/// Invented outlets, so the outlet comparison and the document list have real groups.
const OUTLETS: &[&str] = &[
    "The Harbour Herald",
    "Northgate Daily",
    "Morning Ledger",
    "Coastline Times",
    "Valley Courier",
    "Εφημερίδα Λιμένος",
    "Le Quotidien du Port",
    "Riverside Post",
    "The Civic Review",
    "Eastbank Observer",
    "Metro Wire",
    "The Weekly Lantern",
];

const AUTHORS: &[&str] = &[
    "Mara Lindqvist",
    "Tomás Oyelaran",
    "Eleni Papadaki",
    "Jon Achterberg",
    "Priya Raghunath",
    "Zoë Marchetti",
];

/// One article's text and the code point range of every word in it.
fn article_text(rng: &mut Rng) -> (String, Vec<(usize, usize)>) {
    let mut text = String::with_capacity(DOC_BYTES + 1024);
    let mut words = Vec::with_capacity(DOC_BYTES / 5);
    let mut chars = 0usize;
    while text.len() < DOC_BYTES {
        let n = rng.range(15, 90);
        let quoted = rng.range(0, 3) == 0;
        if quoted {
            push(&mut text, &mut chars, "“");
        }
        for i in 0..n {
            if i > 0 {
                push(&mut text, &mut chars, " ");
            }
            let w = WORDS[rng.range(0, WORDS.len())];
            push_word(&mut text, &mut chars, &mut words, w, i == 0);
            match rng.range(0, 40) {
                0..=3 => push(&mut text, &mut chars, ","),
                4..=5 => push(&mut text, &mut chars, "."),
                6 if rng.range(0, 30) == 0 => push(&mut text, &mut chars, " 😀"),
                7 => push(&mut text, &mut chars, " —"),
                _ => {}
            }
        }
        push(
            &mut text,
            &mut chars,
            if quoted { ".”\n\n" } else { ".\n\n" },
        );
    }
    (text, words)
}

/// The span the generator puts over words `first..=last`, as the window would make it.
fn make_span(
    doc: &Document,
    words: &[(usize, usize)],
    id: u32,
    label: &str,
    first: usize,
    last: usize,
) -> Span {
    let (start, end) = (words[first].0, words[last.min(words.len() - 1)].1);
    let speaker = AUTHORS[id as usize % AUTHORS.len()];
    bench_span(doc, id, label, start..end, speaker, 1 + (id / 40_000) % 28)
}

/// The title of article `i`: one of 180 headlines, numbered.
fn article_title(i: usize) -> String {
    format!(
        "{} {} {} ({})",
        [
            "Council",
            "Minister",
            "Residents",
            "Harbour",
            "Bridge",
            "Budget"
        ][i % 6],
        [
            "defends",
            "questions",
            "rejects",
            "backs",
            "delays",
            "announces"
        ][(i / 6) % 6],
        [
            "bridge plan",
            "school funding",
            "traffic report",
            "harbour levy",
            "city budget"
        ][(i / 36) % 5],
        i + 1
    )
}

/// Article `i`'s outlet, date, author, URL and status.
fn describe(doc: &mut Document, i: usize) {
    doc.metadata.outlet = OUTLETS[i % OUTLETS.len()].to_owned();
    let day = (i * 37) % 730;
    doc.metadata.date = format!(
        "{}-{:02}-{:02}",
        2024 + day / 365,
        1 + (day % 365) / 31 % 12,
        1 + day % 28
    );
    doc.metadata.author = AUTHORS[i % AUTHORS.len()].to_owned();
    doc.metadata.url = format!(
        "https://news.example.org/{}/article-{}",
        2024 + day / 365,
        i + 1
    );
    doc.status = DocStatus::ALL[i % 3];
}

/// Article `i` (0-based) with its spans and relations; span and relation ids continue from
/// `first_span` and `first_relation`.
pub fn article(i: usize, first_span: u32, first_relation: u32) -> Document {
    let mut rng = Rng::new(0x5ca1e + i as u64 * 7919);
    let (text, words) = article_text(&mut rng);
    let mut doc = Document::new(DocId(i as u32 + 1), article_title(i), text);
    describe(&mut doc, i);
    let base = SPANS_PER_DOC * 9 / 10;
    let step = words.len() / base;
    assert!(step >= 4, "article {i} too short for {SPANS_PER_DOC} spans");
    let labels = ["quote", "claim", "descriptor", "attribution"];
    let introduces = RELATIONS_PER_DOC * 7 / 10;
    let describes = RELATIONS_PER_DOC - introduces;
    let mut spans = Vec::with_capacity(SPANS_PER_DOC);
    let mut id = first_span;
    for k in 0..base {
        // Pairs for "introduces" (an attribution, then a quote), then descriptors, then any.
        let label = if k < 2 * introduces {
            labels[if k % 2 == 0 { 3 } else { 0 }]
        } else if k < 2 * introduces + describes {
            "descriptor"
        } else {
            labels[rng.range(0, 4)]
        };
        let first = k * step;
        spans.push(make_span(
            &doc,
            &words,
            id,
            label,
            first,
            first + rng.range(0, step.min(5) - 1),
        ));
        id += 1;
    }
    for k in 0..SPANS_PER_DOC - base {
        let first = (k * (base / (SPANS_PER_DOC - base))) * step + 1;
        let label = labels[rng.range(0, 4)];
        spans.push(make_span(
            &doc,
            &words,
            id,
            label,
            first,
            first + rng.range(2, 7),
        ));
        id += 1;
    }
    let mut relations = Vec::with_capacity(RELATIONS_PER_DOC);
    let mut rid = first_relation;
    for j in 0..introduces {
        relations.push(relation(
            rid,
            "introduces",
            &spans[2 * j],
            &spans[2 * j + 1],
        ));
        rid += 1;
    }
    for j in 0..describes {
        let target = &spans[2 * introduces + describes + j % (base - 2 * introduces - describes)];
        relations.push(relation(
            rid,
            "describes",
            &spans[2 * introduces + j],
            target,
        ));
        rid += 1;
    }
    spans.sort_by_key(|s| s.order_key());
    doc.spans = spans;
    doc.relations = relations;
    doc
}

fn relation(id: u32, kind: &str, from: &Span, to: &Span) -> Relation {
    Relation {
        id: RelationId(id),
        kind: kind.into(),
        from: from.id,
        to: to.id,
        note: String::new(),
    }
}

/// A project of the first `docs` articles of the workload.
pub fn project(docs: usize) -> Project {
    let mut project = Project::new("Corpus benchmark");
    project.documents = (0..docs)
        .map(|i| {
            article(
                i,
                (i * SPANS_PER_DOC) as u32 + 1,
                (i * RELATIONS_PER_DOC) as u32 + 1,
            )
        })
        .collect();
    project
}
