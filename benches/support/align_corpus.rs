//! A generated news corpus for the Quote tracker (issue 12), shared by
//! `examples/bench_summary.rs` and `tests/align_corpus.rs` (both include this file with
//! `#[path]`): articles by a dozen invented outlets quoting known statements of invented
//! speakers — whole, cut (trimmed at either end, or with words left out behind “…”),
//! reworded as reported speech — and distractors: a speaker's other words that begin like
//! one of their statements. Outlets differ in quotation marks, contractions, numbers,
//! sums of money ("£4m", "4 million pounds", "four million pounds"), shares ("10%",
//! "10 per cent", "ten per cent") and hyphens, as real ones do. Every quote span's truth is kept, to check the grouping.
//! The words are made up of syllables, so nothing here is anyone's real text.

#![allow(dead_code)]

use lectern::align::Alignment;
use lectern::model::{
    DocId, Document, Project, Relation, RelationId, Span, SpanId, StatementId, VersionKind,
};
use std::collections::HashMap;

/// What a generated quote truly is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Truth {
    /// The known statement it renders, or (distractors) a number of its own.
    pub statement: u32,
    /// How it renders it.
    pub kind: VersionKind,
    /// A distractor: its own words, beginning like another statement.
    pub distractor: bool,
}

/// The corpus and the truth of every quote span.
pub struct Corpus {
    pub project: Project,
    pub truth: HashMap<SpanId, Truth>,
}

/// splitmix64: small, deterministic, the same on every machine.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mer", "tan", "vi", "sor", "del", "bru", "po", "nek", "sa", "tri", "gal", "mon",
    "dre", "fu", "lin", "gor", "ves", "cha", "plo", "rin", "tes", "ban",
];
const FUNCTION: &[&str] = &[
    "the", "a", "of", "and", "to", "in", "for", "on", "with", "that", "this", "is", "was", "be",
    "by", "at", "from", "our", "their", "every", "not", "will", "have", "has", "more", "no", "all",
    "its", "as", "but",
];
const NUMBERS: &[(u32, &str)] = &[
    (3, "three"),
    (12, "twelve"),
    (25, "twenty-five"),
    (40, "forty"),
    (90, "ninety"),
    (100, "one hundred"),
];
const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "added",
    "insisted",
    "claimed",
    "warned",
];
const REPORTED: &[&str] = &["said", "argued", "suggested", "claimed", "insisted"];

/// One word of a statement, which outlets may write in different ways.
#[derive(Clone, Debug)]
enum Word {
    Plain(String),
    /// "twenty-five" or "25".
    Number(u32, &'static str),
    /// Millions of pounds: "£25m", "25 million pounds" or "twenty-five million pounds".
    Money(u32, &'static str),
    /// A share: "25%", "25 per cent" or "twenty-five per cent".
    Percent(u32, &'static str),
    /// "stone-cold" or "stone cold".
    Compound(String, String),
    /// "we're" or "we are".
    WeAre,
}

/// How an outlet writes.
#[derive(Clone, Copy)]
struct Style {
    curly: bool,
    contract: bool,
    digits: bool,
    /// With `digits`: "£" and "%" rather than "pounds" and "per cent".
    symbols: bool,
    hyphen: bool,
}

impl Word {
    fn write(&self, style: Style, out: &mut Vec<String>) {
        match self {
            Word::Plain(w) => out.push(w.clone()),
            Word::Number(n, spelled) => out.push(if style.digits {
                n.to_string()
            } else {
                (*spelled).to_owned()
            }),
            Word::Money(n, _) if style.digits && style.symbols => out.push(format!("£{n}m")),
            Word::Money(n, _) if style.digits => out.push(format!("{n} million pounds")),
            Word::Money(_, spelled) => out.push(format!("{spelled} million pounds")),
            Word::Percent(n, _) if style.digits && style.symbols => out.push(format!("{n}%")),
            Word::Percent(n, _) if style.digits => out.push(format!("{n} per cent")),
            Word::Percent(_, spelled) => out.push(format!("{spelled} per cent")),
            Word::Compound(a, b) if style.hyphen => out.push(format!("{a}-{b}")),
            Word::Compound(a, b) => {
                out.push(a.clone());
                out.push(b.clone());
            }
            Word::WeAre if style.contract && style.curly => out.push("we’re".into()),
            Word::WeAre if style.contract => out.push("we're".into()),
            Word::WeAre => {
                out.push("we".into());
                out.push("are".into());
            }
        }
    }
}

fn made_up(rng: &mut Mix) -> String {
    let n = 2 + rng.below(2);
    (0..n).map(|_| *rng.pick(SYLLABLES)).collect()
}

/// A statement of 12–28 words: function words, the speaker's topic words, sometimes a
/// number, a compound or "we're".
fn statement(rng: &mut Mix, topic: &[String], common: &[String]) -> Vec<Word> {
    let n = 12 + rng.below(17);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        // Two numbers in a row ("one hundred ninety") would read as one.
        let after_number = matches!(
            out.last(),
            Some(Word::Number(..) | Word::Money(..) | Word::Percent(..))
        );
        let roll = if after_number {
            rng.below(90)
        } else {
            rng.below(100)
        };
        out.push(match roll {
            0..=37 => Word::Plain((*rng.pick(FUNCTION)).to_owned()),
            38..=69 => Word::Plain(rng.pick(topic).clone()),
            70..=89 => Word::Plain(rng.pick(common).clone()),
            90..=93 => {
                let (n, s) = *rng.pick(NUMBERS);
                match roll {
                    90 | 91 => Word::Number(n, s),
                    92 => Word::Money(n, s),
                    _ => Word::Percent(n, s),
                }
            }
            94..=96 => Word::Compound(rng.pick(topic).clone(), rng.pick(common).clone()),
            _ if i > 0 => Word::WeAre,
            _ => Word::Plain(rng.pick(topic).clone()),
        });
    }
    out
}

fn render(words: &[Word], style: Style) -> Vec<String> {
    let mut out = Vec::new();
    for w in words {
        w.write(style, &mut out);
    }
    out
}

/// The invented world the articles quote: words, speakers, statements, outlets.
struct World {
    rng: Mix,
    common: Vec<String>,
    /// Name and topic words of each speaker.
    speakers: Vec<(String, Vec<String>)>,
    /// Speaker and words of each known statement.
    statements: Vec<(usize, Vec<Word>)>,
    outlets: Vec<(String, Style)>,
    printed_whole: Vec<bool>,
    distractors: u32,
}

impl World {
    fn new(known: usize, seed: u64) -> Self {
        let mut rng = Mix(seed);
        let common: Vec<String> = (0..3000).map(|_| made_up(&mut rng)).collect();
        let speakers: Vec<(String, Vec<String>)> = (0..120)
            .map(|_| {
                let first = capital(&made_up(&mut rng));
                let name = format!("{first} {}", capital(&made_up(&mut rng)));
                (name, (0..60).map(|_| made_up(&mut rng)).collect())
            })
            .collect();
        let statements: Vec<(usize, Vec<Word>)> = (0..known)
            .map(|k| {
                let who = k % speakers.len();
                (who, statement(&mut rng, &speakers[who].1, &common))
            })
            .collect();
        let outlets = (0..12)
            .map(|i| {
                let style = Style {
                    curly: i % 2 == 0,
                    contract: i % 3 != 0,
                    digits: i % 4 < 2,
                    symbols: i % 7 < 4,
                    hyphen: i % 5 != 0,
                };
                let kind = ["Courier", "Post", "Ledger", "Voice"][i % 4];
                (format!("The {} {kind}", capital(&made_up(&mut rng))), style)
            })
            .collect();
        World {
            rng,
            common,
            speakers,
            printed_whole: vec![false; statements.len()],
            distractors: statements.len() as u32,
            statements,
            outlets,
        }
    }

    /// Article number `a` with `quotes` quotes of distinct statements.
    fn article(&mut self, a: usize, quotes: usize, b: &mut Builder) -> Document {
        let (outlet, style) = self.outlets[a % self.outlets.len()].clone();
        b.push(&format!("Article {a}\n"));
        let mut used = Vec::new();
        for _ in 0..quotes {
            let mut s = self.rng.below(self.statements.len());
            while used.contains(&s) {
                s = self.rng.below(self.statements.len());
            }
            used.push(s);
            self.quote(s, style, b);
        }
        let mut doc = Document::new(DocId(a as u32 + 1), format!("Article {a}"), b.text.clone());
        doc.metadata.outlet = outlet;
        doc.spans = std::mem::take(&mut b.spans);
        doc.spans.sort_by_key(|s| s.order_key());
        doc.relations = std::mem::take(&mut b.relations);
        doc
    }

    /// A quote of statement `s` (or a distractor beginning like it), as `style` writes.
    fn quote(&mut self, s: usize, style: Style, b: &mut Builder) {
        let (who, words) = self.statements[s].clone();
        let name = self.speakers[who].0.clone();
        let verb = VERBS[self.rng.below(VERBS.len())];
        let reported_verb = REPORTED[self.rng.below(REPORTED.len())];
        let mut kind = match self.rng.below(100) {
            0..=44 => VersionKind::Whole,
            45..=69 => VersionKind::Cut,
            70..=84 => VersionKind::Paraphrase,
            _ => {
                self.distractors += 1;
                let t = Truth {
                    statement: self.distractors,
                    kind: VersionKind::Whole,
                    distractor: true,
                };
                let d = distractor(&mut self.rng, &words, &self.speakers[who].1, &self.common);
                b.direct(&render(&d, style), style, &name, verb, t);
                return;
            }
        };
        if !self.printed_whole[s] {
            kind = VersionKind::Whole;
        }
        let t = Truth {
            statement: s as u32,
            kind,
            distractor: false,
        };
        let full = render(&words, style);
        match kind {
            VersionKind::Whole => {
                self.printed_whole[s] = true;
                b.direct(&full, style, &name, verb, t);
            }
            VersionKind::Cut => b.direct(&cut(&mut self.rng, &full), style, &name, verb, t),
            VersionKind::Paraphrase => {
                let words = paraphrase(&mut self.rng, &words, &self.common);
                b.reported(&words, &name, reported_verb, t);
            }
        }
    }
}

/// The generated corpus: `articles` articles with `quotes` quotes each, drawn from
/// `known` statements.
pub fn corpus(articles: usize, quotes: usize, known: usize, seed: u64) -> Corpus {
    let mut world = World::new(known, seed);
    let mut p = Project::new("Generated quote corpus");
    let mut b = Builder {
        next_span: 1,
        ..Builder::default()
    };
    for a in 0..articles {
        b.text.clear();
        b.chars = 0;
        p.documents.push(world.article(a, quotes, &mut b));
    }
    Corpus {
        project: p,
        truth: b.truth,
    }
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A cut of the rendered words: trimmed at the start, the end or both, or with a run of
/// words in the middle left out behind "…" or "..."; at least six words kept, one left out.
fn cut(rng: &mut Mix, full: &[String]) -> Vec<String> {
    let n = full.len();
    let keep = 6.max(n * (45 + rng.below(30)) / 100).min(n - 1);
    match rng.below(4) {
        0 => full[n - keep..].to_vec(),
        1 => full[..keep].to_vec(),
        2 => {
            let start = rng.below(n - keep + 1).max(1).min(n - keep);
            full[start..start + keep].to_vec()
        }
        _ => {
            let gap = (n - keep).max(1);
            let at = 3 + rng.below((n - gap - 3).max(1)).min(n - gap - 3);
            let mark = if rng.chance(50) { "…" } else { "..." };
            let mut out = full[..at].to_vec();
            out.push(mark.to_owned());
            out.extend_from_slice(&full[at + gap..]);
            out
        }
    }
}

/// Reported speech: most of the statement's content words in another order, other
/// function words, and a few words of the outlet's own.
fn paraphrase(rng: &mut Mix, words: &[Word], common: &[String]) -> Vec<String> {
    let mut content: Vec<String> = words
        .iter()
        .filter_map(|w| match w {
            Word::Plain(w) if !FUNCTION.contains(&w.as_str()) => Some(w.clone()),
            _ => None,
        })
        .filter(|_| rng.chance(75))
        .collect();
    for i in (1..content.len()).rev() {
        content.swap(i, rng.below(i + 1));
    }
    content.extend((0..2).map(|_| rng.pick(common).clone()));
    let mut out = Vec::new();
    for w in content {
        out.push(w);
        if rng.chance(50) {
            out.push((*rng.pick(FUNCTION)).to_owned());
        }
    }
    out
}

/// Other words of the same speaker that begin with the first three or four of one of
/// their statements.
fn distractor(rng: &mut Mix, words: &[Word], topic: &[String], common: &[String]) -> Vec<Word> {
    let shared = 3 + rng.below(2);
    let mut out: Vec<Word> = words.iter().take(shared).cloned().collect();
    out.extend(
        statement(rng, topic, common)
            .into_iter()
            .take(8 + rng.below(8)),
    );
    out
}

/// An article's text, spans and relations as they are written, and every quote's truth.
#[derive(Default)]
struct Builder {
    text: String,
    chars: usize,
    spans: Vec<Span>,
    relations: Vec<Relation>,
    next_span: u32,
    truth: HashMap<SpanId, Truth>,
}

impl Builder {
    fn push(&mut self, s: &str) -> (usize, usize) {
        let start = self.chars;
        self.text.push_str(s);
        self.chars += s.chars().count();
        (start, self.chars)
    }

    fn span(&mut self, id: u32, label: &str, at: (usize, usize), text: &str, attr: (&str, &str)) {
        self.spans.push(Span {
            id: SpanId(id),
            label: label.into(),
            start: at.0,
            end: at.1,
            text: text.to_owned(),
            attributes: [(attr.0.to_owned(), attr.1.to_owned())].into(),
            ..Span::default()
        });
    }

    /// `“words,” Name verb.` — the quote and its attribution, linked.
    fn direct(&mut self, words: &[String], style: Style, name: &str, verb: &str, t: Truth) {
        let id = self.next_span;
        self.next_span += 2;
        let (open, close) = if style.curly {
            ("“", "”")
        } else {
            ("\"", "\"")
        };
        self.push(open);
        let mut quote = words.join(" ");
        if let Some(first) = quote.get(..1) {
            quote = first.to_uppercase() + &quote[1..];
        }
        let at = self.push(&quote);
        self.span(id, "quote", at, &quote, ("speaker", name));
        self.push(&format!(",{close} "));
        let attribution = format!("{name} {verb}");
        let at = self.push(&attribution);
        self.span(id + 1, "attribution", at, &attribution, ("cue", verb));
        self.push(".\n");
        self.link(id + 1, id);
        self.truth.insert(SpanId(id), t);
    }

    /// `Name verb that words.` — reported speech and its attribution, linked.
    fn reported(&mut self, words: &[String], name: &str, verb: &str, t: Truth) {
        let id = self.next_span;
        self.next_span += 2;
        let attribution = format!("{name} {verb}");
        let at = self.push(&attribution);
        self.span(id + 1, "attribution", at, &attribution, ("cue", verb));
        self.push(" that ");
        let text = words.join(" ");
        let at = self.push(&text);
        self.span(id, "quote", at, &text, ("speaker", name));
        self.push(".\n");
        self.link(id + 1, id);
        self.truth.insert(SpanId(id), t);
    }

    fn link(&mut self, from: u32, to: u32) {
        self.relations.push(Relation {
            id: RelationId(from),
            kind: "introduces".into(),
            from: SpanId(from),
            to: SpanId(to),
            note: String::new(),
        });
    }
}

/// How exactly a grouping matches the truth.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exactness {
    /// Whole and cut versions of known statements.
    pub verbatim: usize,
    /// Of those, not in one statement with exactly the other whole and cut versions of
    /// theirs (and no distractor).
    pub misgrouped: usize,
    /// Of those, grouped right but with the wrong kind.
    pub wrong_kind: usize,
    /// Paraphrases.
    pub paraphrases: usize,
    /// Of those, grouped with their statement's whole versions.
    pub paraphrases_found: usize,
    /// Distractors grouped with a known statement's whole or cut versions.
    pub distractors_joined: usize,
}

/// Compares a grouping of the corpus with its truth.
pub fn check(alignment: &Alignment, truth: &HashMap<SpanId, Truth>) -> Exactness {
    let mut of_span: HashMap<SpanId, (StatementId, VersionKind)> = HashMap::new();
    for st in &alignment.statements {
        for v in &st.versions {
            of_span.insert(v.span, (st.id, v.kind));
        }
    }
    let verbatim = |t: &Truth| !t.distractor && t.kind != VersionKind::Paraphrase;
    // The statement holding the most whole/cut versions of each known statement.
    let mut votes: HashMap<u32, HashMap<StatementId, usize>> = HashMap::new();
    let mut members: HashMap<StatementId, Vec<Truth>> = HashMap::new();
    for (span, t) in truth {
        let Some(&(id, _)) = of_span.get(span) else {
            continue;
        };
        members.entry(id).or_default().push(*t);
        if verbatim(t) {
            *votes.entry(t.statement).or_default().entry(id).or_default() += 1;
        }
    }
    let home: HashMap<u32, StatementId> = votes
        .iter()
        .map(|(s, v)| {
            (
                *s,
                *v.iter()
                    .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)))
                    .map(|(id, _)| id)
                    .unwrap_or(&StatementId(0)),
            )
        })
        .collect();
    let mut e = Exactness::default();
    for (span, t) in truth {
        let found = of_span.get(span);
        if t.distractor {
            let joined = found.is_some_and(|(id, _)| members[id].iter().any(verbatim));
            e.distractors_joined += usize::from(joined);
            continue;
        }
        if t.kind == VersionKind::Paraphrase {
            e.paraphrases += 1;
            e.paraphrases_found +=
                usize::from(found.map(|f| f.0) == home.get(&t.statement).copied());
            continue;
        }
        e.verbatim += 1;
        let Some(&(id, kind)) = found else {
            e.misgrouped += 1;
            continue;
        };
        let pure = members[&id]
            .iter()
            .filter(|m| verbatim(m) || m.distractor)
            .all(|m| m.statement == t.statement && !m.distractor);
        if home.get(&t.statement) != Some(&id) || !pure {
            e.misgrouped += 1;
        } else if kind != t.kind {
            e.wrong_kind += 1;
        }
    }
    e
}

/// The Quote tracker's figures on the workload: 1,000 articles with 25 quotes
/// each from 1,500 known statements.
pub struct Figures {
    /// Median time to group every quote (reading, normalising, grouping, kinds), ms.
    pub group_ms: f64,
    /// Quote spans grouped.
    pub quotes: usize,
    /// Statements found.
    pub statements: usize,
    /// The grouping against the truth.
    pub exactness: Exactness,
}

/// Generates the workload and times `lectern::align::align` on it `runs` times.
pub fn measure(runs: usize) -> Figures {
    let corpus = corpus(1000, 25, 1500, 12);
    let options = lectern::align::Options::default();
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs.max(1) {
        let t = std::time::Instant::now();
        let a = lectern::align::align(&corpus.project, &options);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        last = Some(a);
    }
    times.sort_by(f64::total_cmp);
    let a = last.unwrap_or_default();
    Figures {
        group_ms: times[times.len() / 2],
        quotes: a.quotes,
        statements: a.statements.len(),
        exactness: check(&a, &corpus.truth),
    }
}

/// The figures `examples/bench_summary.rs` prints: `(key, name, value, unit, target)`.
pub fn summary(runs: usize) -> Vec<(&'static str, &'static str, f64, &'static str, Option<f64>)> {
    let f = measure(runs.min(3));
    let e = &f.exactness;
    eprintln!(
        "quote tracker: {} quotes into {} statements; {} whole/cut versions, {} misgrouped, {} with the wrong kind, {} distractors joined; paraphrases found {}/{}",
        f.quotes,
        f.statements,
        e.verbatim,
        e.misgrouped,
        e.wrong_kind,
        e.distractors_joined,
        e.paraphrases_found,
        e.paraphrases
    );
    vec![
        (
            "align_group_ms",
            "quote tracker: group 1,000 × 25 quotes",
            f.group_ms,
            "ms",
            Some(2000.0),
        ),
        (
            "align_errors",
            "  whole/cut versions misgrouped",
            (e.misgrouped + e.wrong_kind + e.distractors_joined) as f64,
            "",
            Some(0.0),
        ),
    ]
}
