//! A small invented story told by four invented outlets, for the Quote tracker's tests:
//! a transport commissioner pauses an island ferry, a union leader objects. Between them
//! the outlets print statements whole (curly quotes in one, straight quotes and digits in
//! another), cut (trimmed, with "…", with a word changed), paraphrased in reported speech
//! (one speaker known only from the attribution's `source`), or not at all; the
//! commissioner's second statement shares its first words with her first one.
//!
//! Expected grouping, worked out by hand from the texts below:
//! 1. Brandvold, ferry paused: Courier whole (fullest), Ledger whole, FM paraphrase,
//!    Tribune cut (“…”);
//! 2. Brandvold, harbour office: Courier whole; absent elsewhere;
//! 3. Ferreira, betrayal: Courier whole (fullest, an interrupted quote), Ledger cut, FM
//!    paraphrase, Tribune cut (“It’s” for “This is”);
//! 4. Ferreira, pier left to rot: Tribune whole; absent elsewhere.

use crate::analysis::fixture::{add, link};
use crate::model::{DocId, Document, Fragment, Project, Span, SpanId};

const COURIER: &str = "Ferry to pause for pier rebuild\n\
“We’re not closing the ferry for good; we’re pausing it for twenty-five weeks while the pier is rebuilt,” Commissioner Ilse Brandvold said on Monday.\n\
“We’re not closing the harbour office; it stays open every weekday,” she added.\n\
“This is a stone-cold betrayal of every family on the island,” union leader Tomas Ferreira said, “and people won’t forget it at the ballot box.”\n";

const LEDGER: &str = "Island ferry paused for 25 weeks\n\
\"We're not closing the ferry for good; we're pausing it for 25 weeks while the pier is rebuilt,\" Transport Commissioner Brandvold told reporters.\n\
Tomas Ferreira of the dockers' union said the plan was \"a stone cold betrayal of every family on the island\".\n";

const FM: &str = "Coastline FM news bulletin\n\
Commissioner Brandvold said the ferry would be paused for about six months while the pier is rebuilt, rather than shut for good.\n\
Ferreira warned that islanders would not forget the betrayal at the ballot box.\n";

const TRIBUNE: &str = "FERRY FURY\n\
“We’re not closing the ferry for good … while the pier is rebuilt,” Brandvold admitted.\n\
Ferreira fumed: “It’s a stone-cold betrayal.”\n\
“The pier has been left to rot for ten years,” Ferreira added.\n";

/// The ids of the story's quote spans, by outlet and statement.
pub mod ids {
    use crate::model::SpanId;
    /// Courier: ferry paused (whole, fullest).
    pub const COURIER_FERRY: SpanId = SpanId(1001);
    /// Courier: harbour office.
    pub const COURIER_OFFICE: SpanId = SpanId(1003);
    /// Courier: betrayal (interrupted, fullest).
    pub const COURIER_BETRAYAL: SpanId = SpanId(1005);
    /// Ledger: ferry paused (whole, straight quotes, digits).
    pub const LEDGER_FERRY: SpanId = SpanId(2001);
    /// Ledger: betrayal (cut).
    pub const LEDGER_BETRAYAL: SpanId = SpanId(2003);
    /// FM: ferry paused (reported speech).
    pub const FM_FERRY: SpanId = SpanId(3002);
    /// FM: betrayal (reported speech).
    pub const FM_BETRAYAL: SpanId = SpanId(3003);
    /// Tribune: ferry paused (cut with “…”).
    pub const TRIBUNE_FERRY: SpanId = SpanId(4001);
    /// Tribune: betrayal (cut).
    pub const TRIBUNE_BETRAYAL: SpanId = SpanId(4003);
    /// Tribune: the pier left to rot.
    pub const TRIBUNE_PIER: SpanId = SpanId(4005);
}

fn document(id: u32, title: &str, outlet: &str, text: &str) -> Document {
    let mut d = Document::new(DocId(id), title, text);
    d.metadata.outlet = outlet.to_owned();
    d.metadata.date = "2026-03-02".to_owned();
    d.metadata
        .custom
        .insert("story".to_owned(), "island ferry".to_owned());
    d
}

/// A quote of two pieces: the span over both, the words between left out.
fn interrupted(doc: &mut Document, first: &str, second: &str, speaker: &str) -> SpanId {
    let a = doc.text.find(first, 1).expect("first piece in text");
    let b = doc.text.find(second, 1).expect("second piece in text");
    let id = SpanId(1000 * doc.id.0 + u32::try_from(doc.spans.len()).unwrap_or(0) + 1);
    let span = Span {
        id,
        label: "quote".into(),
        start: a.start,
        end: b.end,
        text: doc.text.slice(a.start..b.end).expect("range").to_owned(),
        fragments: vec![
            Fragment {
                start: a.start,
                end: a.end,
                text: first.to_owned(),
            },
            Fragment {
                start: b.start,
                end: b.end,
                text: second.to_owned(),
            },
        ],
        attributes: [("speaker".to_owned(), speaker.to_owned())].into(),
        ..Span::default()
    };
    let at = doc.insertion_index(&span);
    doc.spans.insert(at, span);
    id
}

/// Quote `text` said by `speaker`, introduced by attribution `cue_text` with `cue`.
fn quote(doc: &mut Document, text: &str, speaker: &str, attribution: &str, cue: &str) {
    let attrs: Vec<(&str, &str)> = if speaker.is_empty() {
        vec![]
    } else {
        vec![("speaker", speaker)]
    };
    let q = add(doc, "quote", text, &attrs, "");
    let a = add(doc, "attribution", attribution, &[("cue", cue)], "");
    link(doc, "introduces", a, q);
}

/// The story, every quote coded with its speaker and attribution.
pub fn project() -> Project {
    let mut p = Project::new("Island ferry");
    p.custom_fields.push("story".to_owned());
    p.documents = vec![courier(), ledger(), fm(), tribune()];
    p
}

/// The local paper: both speakers' statements whole, one of them interrupted.
fn courier() -> Document {
    let mut d = document(
        1,
        "Ferry to pause for pier rebuild",
        "Marrow Bay Courier",
        COURIER,
    );
    quote(
        &mut d,
        "We’re not closing the ferry for good; we’re pausing it for twenty-five weeks while the pier is rebuilt",
        "Ilse Brandvold",
        "Commissioner Ilse Brandvold said",
        "said",
    );
    quote(
        &mut d,
        "We’re not closing the harbour office; it stays open every weekday",
        "Ilse Brandvold",
        "she added",
        "added",
    );
    let q = interrupted(
        &mut d,
        "This is a stone-cold betrayal of every family on the island",
        "and people won’t forget it at the ballot box",
        "Tomas Ferreira",
    );
    let a = add(
        &mut d,
        "attribution",
        "union leader Tomas Ferreira said",
        &[("cue", "said")],
        "",
    );
    link(&mut d, "introduces", a, q);
    d
}

/// The national paper: straight quotes, digits, a cut.
fn ledger() -> Document {
    let mut d = document(
        2,
        "Island ferry paused for 25 weeks",
        "The National Ledger",
        LEDGER,
    );
    quote(
        &mut d,
        "We're not closing the ferry for good; we're pausing it for 25 weeks while the pier is rebuilt",
        "Brandvold",
        "Transport Commissioner Brandvold told reporters",
        "told",
    );
    quote(
        &mut d,
        "a stone cold betrayal of every family on the island",
        "Tomas Ferreira",
        "Tomas Ferreira of the dockers' union said",
        "said",
    );
    d
}

/// The radio bulletin: reported speech only.
fn fm() -> Document {
    let mut d = document(3, "Coastline FM news bulletin", "Coastline FM", FM);
    // The speaker only in the attribution's `source`.
    let a = add(
        &mut d,
        "attribution",
        "Commissioner Brandvold said",
        &[("cue", "said"), ("source", "Brandvold")],
        "",
    );
    let q = add(
        &mut d,
        "quote",
        "the ferry would be paused for about six months while the pier is rebuilt, rather than shut for good",
        &[],
        "",
    );
    link(&mut d, "introduces", a, q);
    quote(
        &mut d,
        "islanders would not forget the betrayal at the ballot box",
        "Ferreira",
        "Ferreira warned",
        "warned",
    );
    d
}

/// The tabloid: a cut with “…”, a word changed, and a statement no one else prints.
fn tribune() -> Document {
    let mut d = document(4, "FERRY FURY", "The Daily Tribune", TRIBUNE);
    quote(
        &mut d,
        "We’re not closing the ferry for good … while the pier is rebuilt",
        "Brandvold",
        "Brandvold admitted",
        "admitted",
    );
    quote(
        &mut d,
        "It’s a stone-cold betrayal",
        "Ferreira",
        "Ferreira fumed",
        "fumed",
    );
    quote(
        &mut d,
        "The pier has been left to rot for ten years",
        "Ferreira",
        "Ferreira added",
        "added",
    );
    d
}

/// The committed copy in tests/fixtures/align/ is this project; set `LECTERN_BLESS=1`
/// to rewrite it after changing the story.
#[test]
fn committed_story_file_is_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align");
    let p = project();
    assert!(p.problems().is_empty(), "{:?}", p.problems());
    let text = crate::store::to_ron(&p).expect("ron");
    let path = dir.join("story.ron");
    if std::env::var_os("LECTERN_BLESS").is_some() {
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(&path, &text).expect("write");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "story.ron is out of date; run with LECTERN_BLESS=1"
    );
}
