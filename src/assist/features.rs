//! What the assistant's learned models see of a token: its word, a crude stem, what the
//! lexicon says of it, its neighbours and the marks around it, written as feature
//! strings. Training (`train.rs`) and proposing read the same functions, so the model
//! and the engine cannot drift apart.

use super::cue::{AUXILIARIES, DETERMINERS};
use super::source::SUBJECT_PRONOUNS;
use super::token::{Kind, Token, Tokens};
use crate::model::{Lexicon, VerbIndex};
use std::fmt::Write as _;

/// Where features go: training interns them, a model adds up their weights. Features
/// are written into one reused buffer, so proposing allocates nothing per feature.
pub trait Sink {
    /// Takes one feature.
    fn put(&mut self, feature: &str);
}

/// Writes formatted features into a sink through one buffer.
struct Writer<'s> {
    buf: String,
    sink: &'s mut dyn Sink,
}

impl Writer<'_> {
    fn f(&mut self, args: std::fmt::Arguments) {
        self.buf.clear();
        let _ = self.buf.write_fmt(args);
        self.sink.put(&self.buf);
    }
}

/// Prepositions, for the word classes.
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "of", "for", "with", "by", "about", "from", "into", "to", "over", "after",
    "before", "during", "against", "under", "without", "through", "since", "as", "like",
];

/// Object pronouns, which end a subject but often follow a verb.
const OBJECT_PRONOUNS: &[&str] = &["him", "her", "them", "us", "me", "it", "himself", "herself"];

/// The tokens a feature may look at beside a token: the lexicon (with its index) and
/// which tokens lie inside quotations.
pub struct Context<'a> {
    /// The article.
    pub tokens: &'a Tokens,
    /// The lexicon the verbs come from.
    pub lexicon: &'a Lexicon,
    /// Its index of verb forms.
    pub index: &'a VerbIndex,
    /// Whether each token lies inside a quotation.
    pub quoted: &'a [bool],
}

/// A coarse class of a token, as features use it: punctuation as itself, quotation marks
/// by whether they open or close, function words by kind, other words by case and by
/// whether the lexicon knows them as verbs.
pub fn class(cx: &Context, i: usize) -> &'static str {
    let Some(t) = cx.tokens.toks.get(i) else {
        return "END";
    };
    match t.kind {
        Kind::Number => "NUM",
        Kind::Quote if t.space_before || i == 0 => "QO",
        Kind::Quote => "QC",
        Kind::Punct => match t.lower.as_str() {
            "," => ",",
            "." | "!" | "?" => ".",
            ":" => ":",
            ";" => ";",
            "(" | "[" => "(",
            ")" | "]" => ")",
            "—" | "–" | "-" => "—",
            _ => "P",
        },
        Kind::Word => word_class(cx, t),
    }
}

fn word_class(cx: &Context, t: &Token) -> &'static str {
    let w = t.lower.as_str();
    if w == "that" {
        "THAT"
    } else if w == "and" || w == "but" || w == "or" {
        "CONJ"
    } else if DETERMINERS.contains(&w) {
        "DET"
    } else if SUBJECT_PRONOUNS.contains(&w) {
        "PRON"
    } else if OBJECT_PRONOUNS.contains(&w) {
        "OBJ"
    } else if AUXILIARIES.contains(&w) {
        "AUX"
    } else if PREPOSITIONS.contains(&w) {
        "PREP"
    } else if cx.index.lookup_exact(w).is_some() {
        if t.cap { "CV" } else { "V" }
    } else if t.cap {
        "CAP"
    } else if w.ends_with("ed") {
        "ED"
    } else if w.ends_with("ing") {
        "ING"
    } else if w.ends_with("ly") {
        "LY"
    } else {
        "W"
    }
}

/// A crude stem, so unseen forms of a seen verb share features ("endorses", "endorsed",
/// "endorsing" → "endors").
pub fn stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s", "e"] {
        if let Some(s) = word.strip_suffix(suffix)
            && s.chars().count() >= 3
        {
            return s;
        }
    }
    word
}

/// The lower-case word of token `i`, or a placeholder beyond the text or its sentence.
fn word_at<'a>(cx: &Context<'a>, i: Option<usize>, sentence: usize) -> &'a str {
    match i.and_then(|i| cx.tokens.toks.get(i).map(|t| (i, t))) {
        Some((i, t)) if cx.tokens.sentence_of[i] == sentence => t.lower.as_str(),
        Some(_) => "<s>",
        None => "<s>",
    }
}

/// What the lexicon says of the word at `i`: its class and detail, or `none`.
fn lexicon_class(cx: &Context, i: usize) -> &'static str {
    match cx
        .index
        .lookup_exact(&cx.tokens.toks[i].lower)
        .and_then(|v| cx.lexicon.verbs.get(v))
    {
        Some(v) => v.detail.map_or(v.class.name(), |d| d.name()),
        None => "none",
    }
}

/// Features of token `i` as a possible cue (the reporting verb of an attribution).
pub fn cue(cx: &Context, i: usize, sink: &mut dyn Sink) {
    let toks = &cx.tokens.toks;
    let t = &toks[i];
    let s = cx.tokens.sentence_of[i];
    let w = t.lower.as_str();
    let st = stem(w);
    let lx = lexicon_class(cx, i);
    let (p1, p2) = (
        word_at(cx, i.checked_sub(1), s),
        word_at(cx, i.checked_sub(2), s),
    );
    let (n1, n2) = (word_at(cx, Some(i + 1), s), word_at(cx, Some(i + 2), s));
    let pc = if i == cx.tokens.sentences[s].start {
        "<s>"
    } else {
        class(cx, i - 1)
    };
    let pc2 = i.checked_sub(2).map_or("<s>", |k| class(cx, k));
    let nc = class(cx, i + 1);
    let nc2 = class(cx, i + 2);
    let start = i == cx.tokens.sentences[s].start;
    let that_soon = (i + 1..i + 5).any(|k| toks.get(k).is_some_and(|t| t.is("that")));
    let quote_before = (i.saturating_sub(4)..i).any(|k| class(cx, k) == "QC");
    let quote_after = (i + 1..i + 5).any(|k| class(cx, k) == "QO");
    let colon_after = (i + 1..i + 6).any(|k| toks.get(k).is_some_and(|t| t.is(":")));
    let mut o = Writer {
        buf: String::with_capacity(48),
        sink,
    };
    o.f(format_args!("b"));
    o.f(format_args!("w={w}"));
    o.f(format_args!("st={st}"));
    o.f(format_args!("lx={lx}"));
    o.f(format_args!("sf={}", suffix(w)));
    o.f(format_args!("cap={}", u8::from(t.cap && !start)));
    o.f(format_args!("p1={p1}"));
    o.f(format_args!("p2={p2}"));
    o.f(format_args!("n1={n1}"));
    o.f(format_args!("n2={n2}"));
    o.f(format_args!("pc={pc}"));
    o.f(format_args!("pc2={pc2}|{pc}"));
    o.f(format_args!("nc={nc}"));
    o.f(format_args!("nc2={nc}|{nc2}"));
    o.f(format_args!("p1st={p1}|{st}"));
    o.f(format_args!("stn1={st}|{n1}"));
    o.f(format_args!("stnc={st}|{nc}"));
    o.f(format_args!("stpc={st}|{pc}"));
    o.f(format_args!("lxnc={lx}|{nc}"));
    o.f(format_args!("lxpc={lx}|{pc}"));
    o.f(format_args!("lxpcnc={lx}|{pc}|{nc}"));
    o.f(format_args!("that={}|{lx}", u8::from(that_soon)));
    o.f(format_args!("qb={}|{lx}", u8::from(quote_before)));
    o.f(format_args!("qa={}|{lx}", u8::from(quote_after)));
    o.f(format_args!("colon={}|{lx}", u8::from(colon_after)));
    o.f(format_args!("stthat={st}|{}", u8::from(that_soon)));
    o.f(format_args!("stqb={st}|{}", u8::from(quote_before)));
    // What follows the word, also for words the model never saw: a "that"-clause, a
    // quotation, a colon, an object then "that" are how a reporting verb goes on.
    let fr = frame(cx, i);
    o.f(format_args!("fr={fr}"));
    o.f(format_args!("shpfr={}|{fr}", shape(w)));
    o.f(format_args!("lxfr={lx}|{fr}"));
}

/// The inflection a word's ending suggests ("-ed", "-ing", "-s" or none).
fn shape(w: &str) -> &'static str {
    if w.ends_with("ed") {
        "ed"
    } else if w.ends_with("ing") {
        "ing"
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        "s"
    } else {
        "x"
    }
}

/// What follows token `i`: "that", "to", "as", "for", "about", "if", a question word, a
/// quotation, a colon, a comma (before a quotation or not), a stop, an object pronoun
/// (before "that" or a quotation or not), a determiner, a name, or another class.
fn frame(cx: &Context, i: usize) -> &'static str {
    let toks = &cx.tokens.toks;
    let Some(n) = toks.get(i + 1) else {
        return "END";
    };
    match n.lower.as_str() {
        "that" => return "THAT",
        "to" => return "TO",
        "as" => return "AS",
        "for" => return "FOR",
        "about" => return "ABOUT",
        "if" | "whether" => return "IF",
        "why" | "how" | "what" | "when" => return "WH",
        _ => {}
    }
    match class(cx, i + 1) {
        "QO" => "Q",
        ":" => "COLON",
        "," => {
            if class(cx, i + 2) == "QO" {
                "COMMAQ"
            } else {
                ","
            }
        }
        "." => ".",
        "OBJ" | "PRON" => {
            if toks.get(i + 2).is_some_and(|t| t.is("that")) {
                "OBJTHAT"
            } else if class(cx, i + 2) == "QO" {
                "OBJQ"
            } else {
                "OBJ"
            }
        }
        "DET" => "NP",
        "CAP" | "CV" => "NAME",
        c => c,
    }
}

/// The last two letters of a word, a hint at its inflection.
fn suffix(w: &str) -> &str {
    let n = w.chars().count();
    w.char_indices()
        .nth(n.saturating_sub(2))
        .map_or(w, |(k, _)| &w[k..])
}

/// Features of ending a content that began at token `start` just before token `j`, for
/// a cue with lemma `lemma` (or its word).
pub fn end(
    cx: &Context,
    start: usize,
    j: usize,
    lemma: &str,
    cue_at: &[bool],
    sink: &mut dyn Sink,
) {
    let toks = &cx.tokens.toks;
    let s = cx.tokens.sentence_of[j.min(toks.len() - 1)];
    let w = word_at(cx, Some(j), s);
    let p1 = word_at(cx, j.checked_sub(1), s);
    let n1 = word_at(cx, Some(j + 1), s);
    let (c, pc, nc, nc2) = (
        class(cx, j),
        class(cx, j - 1),
        class(cx, j + 1),
        class(cx, j + 2),
    );
    let len = match j - start {
        0..=2 => "1-2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        11..=20 => "11-20",
        _ => "21+",
    };
    let cue_here = cue_at.get(j).copied().unwrap_or(false);
    let cue_soon = (j..j + 6).any(|k| cue_at.get(k).copied().unwrap_or(false));
    let inside = cx.quoted.get(j).copied().unwrap_or(false) && class(cx, j) != "QO";
    let comma_seen = (start..j).any(|k| toks[k].is(","));
    let mut o = Writer {
        buf: String::with_capacity(48),
        sink,
    };
    o.f(format_args!("b"));
    o.f(format_args!("w={w}"));
    o.f(format_args!("p1={p1}"));
    o.f(format_args!("n1={n1}"));
    o.f(format_args!("c={c}"));
    o.f(format_args!("pc={pc}|{c}"));
    o.f(format_args!("cnc={c}|{nc}"));
    o.f(format_args!("cnc2={c}|{nc}|{nc2}"));
    o.f(format_args!("pcnc={pc}|{c}|{nc}"));
    o.f(format_args!("wnc={w}|{nc}"));
    o.f(format_args!("p1w={p1}|{w}"));
    o.f(format_args!("wn1={w}|{n1}"));
    o.f(format_args!("len={len}"));
    o.f(format_args!("lenc={len}|{c}"));
    o.f(format_args!("cue={}|{c}", u8::from(cue_here)));
    o.f(format_args!("cuesoon={}|{c}", u8::from(cue_soon)));
    o.f(format_args!("inq={}|{c}", u8::from(inside)));
    o.f(format_args!("comma={}|{c}", u8::from(comma_seen)));
    o.f(format_args!("lem={lemma}|{c}"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assist::marks;

    /// The features `write` gives token `word` of `text`.
    fn features_of(
        text: &str,
        word: &str,
        write: impl Fn(&Context, usize, &mut dyn Sink),
    ) -> Vec<String> {
        struct Collect(Vec<String>);
        impl Sink for Collect {
            fn put(&mut self, feature: &str) {
                self.0.push(feature.to_owned());
            }
        }
        let tokens = Tokens::new(text);
        let quoted = marks::flags(&tokens, &marks::quotations(&tokens));
        let lexicon = Lexicon::english();
        let index = lexicon.index();
        let cx = Context {
            tokens: &tokens,
            lexicon,
            index: &index,
            quoted: &quoted,
        };
        let i = (0..tokens.toks.len())
            .find(|&i| tokens.toks[i].lower == word)
            .expect("the word");
        let mut out = Collect(Vec::new());
        write(&cx, i, &mut out);
        out.0
    }

    #[test]
    fn a_cue_s_frame_is_what_follows_it_even_for_a_word_no_list_has() {
        let cases = [
            ("Ines Okafor glorped that the tram is late.", "fr=THAT"),
            (
                "Ines Okafor glorped reporters that the tram is late.",
                "fr=W",
            ),
            (
                "Ines Okafor glorped them that the tram is late.",
                "fr=OBJTHAT",
            ),
            ("Ines Okafor glorped: “The tram is late.”", "fr=COLON"),
            ("Ines Okafor glorped, “The tram is late.”", "fr=COMMAQ"),
            ("Ines Okafor glorped the tram.", "fr=NP"),
            ("Ines Okafor glorped whether the tram is late.", "fr=IF"),
        ];
        for (text, frame) in cases {
            let fs = features_of(text, "glorped", |cx, i, s| cue(cx, i, s));
            assert!(fs.iter().any(|f| f == frame), "{text}: {fs:?}");
            assert!(
                fs.iter().any(|f| *f == format!("shpfr=ed|{}", &frame[3..])),
                "{text}"
            );
        }
        let fs = features_of("She glorps.", "glorps", |cx, i, s| cue(cx, i, s));
        assert!(fs.contains(&"shpfr=s|.".to_owned()), "{fs:?}");
    }
}
