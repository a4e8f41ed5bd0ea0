//! Cues: the reporting verbs ("said", "pointed out") and source markers ("according
//! to") of an article, found with the lexicon, with the auxiliaries and adverbs that go
//! with a verb ("has repeatedly said").

use super::features::{self, Context};
use super::model::Model;
use super::token::{Kind, Tokens};
use super::train;
use crate::model::{Lexicon, VerbDetail, VerbIndex};

/// One cue in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    /// First token of the verb or marker itself.
    pub first: usize,
    /// Last token of the verb or marker.
    pub last: usize,
    /// First token of the auxiliaries and adverbs before the verb ("has also said").
    pub aux: usize,
    /// A source marker ("according to") rather than a verb.
    pub marker: bool,
    /// A reporting noun ("his accusation that …") rather than a verb.
    pub noun: bool,
    /// The verb's position in the lexicon.
    pub verb: Option<usize>,
    /// The lemma ("say") or the marker as listed.
    pub lemma: String,
    /// Words the lexicon lists as how sure it is of the verb, 0–1.
    pub weight: f32,
}

/// Words that make the next word a noun ("the report", "his claim"), so not a cue.
pub const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "whose", "no", "every", "each", "any", "some", "another", "such", "first", "last", "new",
    "more", "most", "many", "own",
];

/// Auxiliaries and adverbs that may stand between a source and its verb.
pub const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "being",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "can",
    "did",
    "does",
    "do",
    "also",
    "not",
    "never",
    "later",
    "previously",
    "again",
    "repeatedly",
    "recently",
    "then",
    "once",
    "publicly",
    "privately",
    "reportedly",
    "already",
    "even",
    "often",
    "frequently",
    "just",
    "still",
    "first",
    "further",
    "clearly",
    "quickly",
    "simply",
    "openly",
    "flatly",
    "angrily",
    "bluntly",
    "firmly",
    "strongly",
    "loudly",
    "quietly",
    "explicitly",
    "n't",
    "ever",
    "since",
    "has",
    "now",
    "separately",
    "initially",
    "earlier",
    "long",
    "always",
    "falsely",
    "correctly",
    "rightly",
    "wrongly",
    "frankly",
    "famously",
    "recently",
    "vehemently",
    "forcefully",
    "emphatically",
    "tersely",
    "cheerfully",
    "specifically",
    "directly",
    "formally",
    "officially",
    "reportedly",
    "allegedly",
    "apparently",
    "too",
];

/// Every cue of the text that is not inside a quotation: source markers from the
/// lexicon, and reporting verbs — by the learned model when there is one, else every
/// lexicon verb not read as a noun.
pub fn find(cx: &Context, model: Option<&Model>) -> Vec<Cue> {
    let (tokens, lexicon, index, quoted) = (cx.tokens, cx.lexicon, cx.index, cx.quoted);
    let toks = &tokens.toks;
    let markers: Vec<Vec<&str>> = lexicon
        .source_markers
        .iter()
        .map(|m| m.split_whitespace().collect())
        .collect();
    let mut out: Vec<Cue> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if quoted[i] || toks[i].kind != Kind::Word {
            i += 1;
            continue;
        }
        if let Some(len) = marker_at(tokens, i, &markers) {
            out.push(Cue {
                first: i,
                last: i + len - 1,
                aux: i,
                marker: true,
                noun: false,
                verb: None,
                lemma: tokens.span_text(i, i + len - 1).to_lowercase(),
                weight: 1.0,
            });
            i += len;
            continue;
        }
        if never_said(tokens, i) {
            i += 1;
            continue;
        }
        let verb = match model {
            Some(m) => learned_at(cx, m, i),
            None => verb_at(tokens, lexicon, index, i),
        }
        .or_else(|| leading_at(cx, i));
        // "repeated her accusation that …": the reporting noun, not the verb before
        // it, introduces what follows.
        if let Some(v) = &verb
            && let Some(k) = noun_after(tokens, v.last)
        {
            i = k;
            continue;
        }
        let cue = verb
            .map(|v| with_infinitive(cx, v))
            .or_else(|| naming_at(cx, i))
            .or_else(|| noun_at(tokens, i));
        if let Some(cue) = cue {
            i = cue.last + 1;
            out.push(cue);
            continue;
        }
        i += 1;
    }
    out
}

/// Pronouns and other words whose "'s" is "is" or "has" ("he's said", "it's"), not a
/// possessive.
pub(super) const CONTRACTED: &[&str] = &[
    "he",
    "she",
    "it",
    "that",
    "there",
    "here",
    "what",
    "who",
    "where",
    "how",
    "let",
    "everyone",
    "anyone",
    "someone",
    "nobody",
    "everybody",
    "somebody",
    "one",
];

/// Whether the word at token `i` cannot be a cue whatever the model reads in its
/// neighbours: a noun's possessive ("the minister’s order": a modifier, never a verb),
/// "yet" in "has yet to say" (nothing said so far), or the verb after it.
fn never_said(tokens: &Tokens, i: usize) -> bool {
    let toks = &tokens.toks;
    let w = toks[i].lower.as_str();
    let possessive = w
        .strip_suffix("'s")
        .is_some_and(|stem| !stem.is_empty() && !CONTRACTED.contains(&stem));
    let yet_to = |k: usize| toks[k].is("yet") && toks.get(k + 1).is_some_and(|t| t.is("to"));
    possessive || yet_to(i) || i >= 2 && yet_to(i - 2)
}

/// The length in tokens of the source marker starting at token `i`, if one does.
fn marker_at(tokens: &Tokens, i: usize, markers: &[Vec<&str>]) -> Option<usize> {
    let toks = &tokens.toks;
    markers
        .iter()
        .filter(|m| {
            !m.is_empty()
                && m.iter().enumerate().all(|(k, w)| {
                    toks.get(i + k)
                        .is_some_and(|t| t.lower == w.to_lowercase() && t.para == toks[i].para)
                })
        })
        .map(Vec::len)
        .max()
}

/// The cue at token `i` if the model finds it probable enough: the word (or a two-word
/// verb of the lexicon, "pointed out") with its auxiliaries.
fn learned_at(cx: &Context, model: &Model, i: usize) -> Option<Cue> {
    let p = model.cue.probability(|sink| features::cue(cx, i, sink));
    if p < model.cue_threshold {
        return None;
    }
    let toks = &cx.tokens.toks;
    let two = toks
        .get(i + 1)
        .filter(|n| n.kind == Kind::Word && n.para == toks[i].para)
        .and_then(|n| {
            cx.index
                .lookup_exact(&format!("{} {}", toks[i].lower, n.lower))
        })
        .map(|v| (v, i + 1));
    let verb = two
        .map(|t| t.0)
        .or_else(|| cx.index.lookup_exact(&toks[i].lower));
    Some(Cue {
        first: i,
        last: two.map_or(i, |t| t.1),
        aux: aux_start(cx.tokens, i),
        marker: false,
        noun: false,
        verb,
        lemma: train::lemma_of(cx, i),
        weight: p,
    })
}

/// A naming verb of the lexicon ("branded", "dubbed", "called") whose quotation follows
/// within a few words ("branded the plan “a disgrace”"): the model, which learnt from
/// clauses, passes over such short quotes.
fn naming_at(cx: &Context, i: usize) -> Option<Cue> {
    let toks = &cx.tokens.toks;
    let v = cx.index.lookup_exact(&toks[i].lower)?;
    let entry = cx.lexicon.verbs.get(v)?;
    if !introduces_quotation(entry.detail, &entry.lemma) {
        return None;
    }
    let prev = i.checked_sub(1).map(|p| toks[p].lower.as_str());
    if prev.is_some_and(|p| DETERMINERS.contains(&p)) {
        return None;
    }
    // A verb's object follows it; a dash or a stop after the word makes it a noun
    // ("interest rates — both forms of “printing money” — boost …").
    if toks.get(i + 1).is_none_or(|n| n.kind == Kind::Punct) {
        return None;
    }
    let sentence = cx.tokens.sentence_of[i];
    let near = || {
        (i + 1..toks.len().min(i + 7))
            .take_while(|&k| cx.tokens.sentence_of[k] == sentence && !toks[k].is(","))
    };
    // "described the plan as reckless": "as" after the object names it as a quotation
    // would.
    let quote_soon = near().any(|k| cx.quoted[k]) || near().skip(1).any(|k| toks[k].is("as"));
    quote_soon.then(|| Cue {
        first: i,
        last: i,
        aux: aux_start(cx.tokens, i),
        marker: false,
        noun: false,
        verb: Some(v),
        lemma: entry.lemma.clone(),
        weight: entry.weight(),
    })
}

/// Whether a naming verb introduces the quotation after its object as a quote
/// ("branded the plan “a disgrace”": the verb is the cue, the object with its label the
/// content). "Called" is left to the learned cue model, which reads its clause as
/// reported speech ("called the delay “a disgrace” on Friday") and tells "called for
/// “…”" apart; taking it here too made more boundary errors on PolNeAR's train split.
pub fn introduces_quotation(detail: Option<VerbDetail>, lemma: &str) -> bool {
    detail == Some(VerbDetail::Metalinguistic) && lemma != "call"
}

/// Nouns that report what somebody said or thought when "that" follows ("his
/// accusation that …", "the minister's claim that …").
const NOUN_CUES: &[&str] = &[
    "accusation",
    "accusations",
    "claim",
    "claims",
    "assertion",
    "assertions",
    "allegation",
    "allegations",
    "admission",
    "warning",
    "warnings",
    "suggestion",
    "argument",
    "insistence",
    "contention",
    "prediction",
    "predictions",
    "assurance",
    "assurances",
    "announcement",
    "denial",
    "complaint",
    "complaints",
    "charge",
    "charges",
    "promise",
    "pledge",
    "statement",
    "remarks",
    "comments",
    "criticism",
    "boast",
    "threat",
    "vow",
    "belief",
    "view",
];

/// Nouns of words spoken whose list of what was said follows "include" ("His comments
/// included calling for a ban …").
const SPEECH_NOUNS: &[&str] = &[
    "comments",
    "remarks",
    "statements",
    "words",
    "claims",
    "pledges",
    "promises",
    "proposals",
];

/// Forms of "include" between a noun of speech and what was said.
pub(super) const INCLUDE: &[&str] = &["include", "includes", "included"];

/// Whether token `i` opens "include(d) VERB-ing" after a noun of speech: the clause that
/// reports what was said ("His comments include calling for a ban …").
fn includes_saying(tokens: &Tokens, i: usize) -> bool {
    let toks = &tokens.toks;
    let include = toks
        .get(i)
        .is_some_and(|t| INCLUDE.contains(&t.lower.as_str()));
    include
        && toks.get(i + 1).is_some_and(|t| {
            t.kind == Kind::Word
                && t.para == toks[i].para
                && super::reported::is_participle(&t.lower)
        })
}

/// A reporting noun followed by "that" ("his accusation that …"), or a noun of speech
/// followed by "include" and an -ing clause ("his comments include calling for …").
fn noun_at(tokens: &Tokens, i: usize) -> Option<Cue> {
    let toks = &tokens.toks;
    let word = toks[i].lower.as_str();
    let that = NOUN_CUES.contains(&word) && toks.get(i + 1).is_some_and(|t| t.is("that"));
    let include = SPEECH_NOUNS.contains(&word) && includes_saying(tokens, i + 1);
    if !that && !include {
        return None;
    }
    Some(Cue {
        first: i,
        last: i,
        aux: i,
        marker: false,
        noun: true,
        verb: None,
        lemma: word.to_owned(),
        weight: 0.6,
    })
}

/// The reporting noun with "that" just after token `last`, with at most two
/// determiners or a possessive between ("her accusation that", "the minister's claim
/// that").
fn noun_after(tokens: &Tokens, last: usize) -> Option<usize> {
    let toks = &tokens.toks;
    let mut k = last + 1;
    while k < toks.len() && k <= last + 3 {
        if noun_at(tokens, k).is_some() {
            return Some(k);
        }
        let w = toks[k].lower.as_str();
        let between = DETERMINERS.contains(&w) || w.ends_with("'s") || w.ends_with("’s");
        if !between || toks[k].para != toks[last].para {
            return None;
        }
        k += 1;
    }
    None
}

/// Verbs that lead on to a reporting verb ("went on to say", "continued to insist").
const LEADING_VERBS: &[&str] = &["go on", "continue", "proceed"];

/// A verb leading on to a reporting verb at token `i` ("went on to say"), which the
/// model may pass over (it reads the infinitive as no attribution: "hard to say").
fn leading_at(cx: &Context, i: usize) -> Option<Cue> {
    let toks = &cx.tokens.toks;
    // Checked first: most words have no "to" one or two words on.
    if !(i + 1..i + 3).any(|k| toks.get(k).is_some_and(|t| t.is("to"))) {
        return None;
    }
    let cue = verb_at(cx.tokens, cx.lexicon, cx.index, i)?;
    let leads = LEADING_VERBS.contains(&cue.lemma.as_str())
        && toks.get(cue.last + 1).is_some_and(|t| t.is("to"))
        && toks
            .get(cue.last + 2)
            .is_some_and(|v| cx.index.lookup_exact(&v.lower).is_some());
    leads.then_some(cue)
}

/// A verb with the reporting verb it leads to ("went on to say", "continued to insist"):
/// the cue runs to that verb, which is what was said, and takes its lemma.
fn with_infinitive(cx: &Context, mut cue: Cue) -> Cue {
    let toks = &cx.tokens.toks;
    let (Some(to), Some(verb)) = (toks.get(cue.last + 1), toks.get(cue.last + 2)) else {
        return cue;
    };
    if !to.is("to") || verb.para != toks[cue.last].para || verb.kind != Kind::Word {
        return cue;
    }
    if let Some(v) = cx.index.lookup_exact(&verb.lower) {
        cue.last += 2;
        cue.verb = Some(v);
        if let Some(entry) = cx.lexicon.verbs.get(v) {
            cue.lemma.clone_from(&entry.lemma);
        }
    }
    cue
}

/// The first of the auxiliaries and adverbs just before the verb at `i`.
fn aux_start(tokens: &Tokens, i: usize) -> usize {
    let toks = &tokens.toks;
    let mut aux = i;
    while aux > 0
        && toks[aux - 1].para == toks[i].para
        && AUXILIARIES.contains(&toks[aux - 1].lower.as_str())
    {
        aux -= 1;
    }
    aux
}

/// The reporting verb at token `i` (two words first, for "pointed out"), if the word is
/// one and reads as a verb here.
fn verb_at(tokens: &Tokens, lexicon: &Lexicon, index: &VerbIndex, i: usize) -> Option<Cue> {
    let toks = &tokens.toks;
    let two = toks
        .get(i + 1)
        .filter(|n| n.kind == Kind::Word && n.para == toks[i].para)
        .and_then(|n| index.lookup_exact(&format!("{} {}", toks[i].lower, n.lower)))
        .map(|v| (v, i + 1));
    let (verb, last) = two.or_else(|| index.lookup_exact(&toks[i].lower).map(|v| (v, i)))?;
    let prev = i.checked_sub(1).map(|p| toks[p].lower.as_str());
    if prev.is_some_and(|p| DETERMINERS.contains(&p)) {
        return None;
    }
    // "to" before a bare form is an infinitive ("wants to say"): kept, it still attributes.
    let aux = aux_start(tokens, i);
    let entry = lexicon.verbs.get(verb)?;
    Some(Cue {
        first: i,
        last,
        aux,
        marker: false,
        noun: false,
        verb: Some(verb),
        lemma: entry.lemma.clone(),
        weight: entry.weight(),
    })
}
