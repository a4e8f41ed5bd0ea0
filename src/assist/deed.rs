//! Deeds, not words: clauses after a reporting verb that tell what somebody did rather
//! than what was said ("has been marred by delays", "was criticised by traders who …",
//! "is expected next month", "continued its review"). The cue model and the lexicon find
//! such verbs rightly — they report speech often enough — so the clause after each is
//! checked for the shape of something said.
//!
//! Measured on PolNeAR's train split, whose coders mark far more than speech: the object
//! of an evaluative verb ("criticised his handling of …", 79 % of such proposals match a
//! coded quote), a directive's ("called for …", 68 %) and the question put in "Asked if
//! …" (82 %) are coded there, so they stay; what is dropped here matched a coded quote
//! in under a third of cases (a passive's agent 22 %, "continued" and its object 12 %).

use super::Found;
use super::cue::Cue;
use super::features::Context;
use super::reported::is_passive;
use super::source::SUBJECT_PRONOUNS;
use super::token::Tokens;

/// Verbs that take a listener before their "that" ("told the paper that …", "warned
/// the board that …"), lemmas.
pub const TAKES_LISTENER: &[&str] = &[
    "tell", "inform", "assure", "warn", "remind", "brief", "convince", "persuade", "promise",
    "reassure", "advise", "notify", "ask", "urge", "caution", "show", "teach", "email", "text",
];

/// Words opening a noun phrase: a determiner or possessive before its noun.
const NOUN_OPENERS: &[&str] = &[
    "a", "an", "the", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "no", "every", "each", "such",
];

/// Lemmas of verbs that report only with a quotation or a verb after them ("“…,” he
/// continued", "continued to insist"): what else follows is their object ("continued his
/// critiques").
const OBJECT_ONLY: &[&str] = &["continue"];

/// Words after a passive verb that open what was said or thought ("was told that …",
/// "was accused of …", "is described as …", "was worried about …").
const PASSIVE_OPENERS: &[&str] = &["that", "to", "of", "as", "about", ":", ","];

/// Lemmas whose passive reports the words put to the subject ("was asked whether …",
/// "was charged with …").
const PASSIVE_REPORTS: &[&str] = &["ask", "charge"];

/// Whether the reported speech `f` after `cue` reads as something said rather than a
/// deed or its object.
pub fn is_said(cx: &Context, cue: &Cue, f: &Found) -> bool {
    let toks = &cx.tokens.toks;
    let Some(&(start, end)) = f.content.first() else {
        return true;
    };
    let quoted = (start..=end).any(|k| cx.quoted.get(k).copied().unwrap_or(false));
    if quoted {
        return true;
    }
    if is_passive(cx.tokens, cue) {
        // "has been marred by delays", "was criticised by traders who …": who acted
        // follows "by", and nothing said; "is expected next month" says nothing either.
        let after = toks.get(cue.last + 1).map(|t| t.lower.as_str());
        return after != Some("by")
            && (after.is_some_and(|w| PASSIVE_OPENERS.contains(&w))
                || PASSIVE_REPORTS.contains(&cue.lemma.as_str()));
    }
    !OBJECT_ONLY.contains(&cue.lemma.as_str()) || toks[start].is("that")
}

/// Whether the "that" at token `that`, after words from `start` on that follow `cue`,
/// opens a relative clause of the reported clause's own subject ("say the only thing
/// that will suffer is …") rather than the reported clause after a listener or a noun
/// ("told the paper that …", "made the point that the plan …"): the words open with a
/// determiner, the verb takes no listener, and a verb, not a subject, follows "that".
pub fn relative_that(tokens: &Tokens, cue: &Cue, start: usize, that: usize) -> bool {
    let toks = &tokens.toks;
    let subject_after = toks.get(that + 1).is_some_and(|t| {
        let w = t.lower.as_str();
        t.cap || NOUN_OPENERS.contains(&w) || SUBJECT_PRONOUNS.contains(&w)
    });
    NOUN_OPENERS.contains(&toks[start].lower.as_str())
        && !TAKES_LISTENER.contains(&cue.lemma.as_str())
        && !subject_after
}
