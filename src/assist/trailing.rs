//! Reported speech before its attribution: "CONTENT, Ward said (on Monday).", "CONTENT,
//! said Ward.", "CONTENT, Ana Ruiz, a spokeswoman, said." and, with content on both
//! sides, "CONTENT, Ward said, CONTENT." — told apart from a sentence whose subject
//! merely opens with a comma ("Ana Ruiz, a spokeswoman, said the bridge is safe",
//! "Meanwhile, Ward said the bridge is safe"), whose content follows the verb.

use super::Found;
use super::cue::Cue;
use super::direct::LISTENER_VERBS;
use super::reported::{clause_start, is_participle};
use super::rule::Rule;
use super::source::{self, SUBJECT_PRONOUNS};
use super::token::{Kind, Tokens};

/// Tokens after a trailing cue that can still be adverbials ("…, Ward said on Monday in
/// an interview with the Courier.").
const MAX_TAIL: usize = 10;

/// Words of content opening with a preposition before its attribution at most that
/// make it a weak proposal.
const SHORT_CONTENT: usize = 4;

/// Words that open an adverbial after a trailing attribution ("…, Ward said on Monday",
/// "… in a statement", "… as he left"): what follows the verb is not its content.
const ADVERBIAL_STARTS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "with",
    "to",
    "about",
    "of",
    "from",
    "for",
    "by",
    "via",
    "through",
    "outside",
    "inside",
    "while",
    "as",
    "when",
    "last",
    "this",
    "late",
    "early",
    "earlier",
    "later",
    "recently",
    "yesterday",
    "today",
    "tonight",
    "again",
    "then",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "afterward",
    "afterwards",
    "privately",
    "publicly",
    "repeatedly",
    "flatly",
    "simply",
    "too",
    "also",
];

/// Words that can open an inverted source ("…, said the mayor", "…, said one official").
const SOURCE_OPENERS: &[&str] = &[
    "the", "a", "an", "one", "two", "three", "several", "some", "many", "his", "her", "their",
    "its", "another", "other", "both",
];

/// Auxiliaries and "that", which an inverted source never holds ("…, said Clinton had
/// lied" is reported speech after the verb).
const NOT_IN_SOURCE: &[&str] = &[
    "that", "had", "has", "have", "was", "were", "is", "are", "would", "will", "did", "does",
    "should", "could", "can", "may", "might", "must",
];

/// The attribution of cue `cue` if it trails its content in the sentence `first..=last`.
pub fn attribute(
    tokens: &Tokens,
    cue: &Cue,
    first: usize,
    last: usize,
    quoted: &[bool],
) -> Option<Found> {
    let toks = &tokens.toks;
    // ", saying …" goes on with what the subject said: the content follows.
    if is_participle(&toks[cue.first].lower) {
        return None;
    }
    let (source, comma) = if cue.aux > first && toks[cue.aux - 1].is(",") {
        comma_before_cue(tokens, cue, first, last)?
    } else {
        let src = source::before(tokens, cue.aux, first)?;
        let comma = src
            .0
            .checked_sub(1)
            .filter(|&c| c >= first && toks[c].is(","))?;
        (Some(src), comma)
    };
    let start = clause_start(tokens, first, comma);
    if comma <= start {
        return None;
    }
    // "…, said Ana Ruiz, director of the … at the University of …": after an inverted
    // source the sentence's rest is the source's appositive, however long.
    let inverted = source.is_some_and(|s| s.0 > cue.last && appositive_to(tokens, s.0, last));
    let source = source.map(|s| if inverted { (s.0, last) } else { s });
    let attribution_end = source.map_or(cue.last, |s| s.1.max(cue.last));
    // What follows the attribution up to a comma or dash: nothing or adverbials; after
    // a comma, more content or a clause of the writer's.
    let tail: Vec<usize> = (attribution_end + 1..=last).collect();
    let resume = tail
        .iter()
        .position(|&i| matches!(toks[i].lower.as_str(), "," | "—" | "–" | "-" | ";"));
    let head = &tail[..resume.unwrap_or(tail.len())];
    if inverted {
        return before_cue(tokens, vec![(start, comma - 1)], source, quoted);
    }
    if head.iter().any(|&i| toks[i].is("that") || toks[i].is(":"))
        || head.len() > MAX_TAIL
        || !adverbial_tail(tokens, cue, head)
    {
        return None;
    }
    let mut content = vec![(start, comma - 1)];
    if let Some(p) = resume
        && p <= 4
        && tail[p] < last
        && toks[tail[p]].is(",")
        && resumes_content(tokens, tail[p] + 1)
    {
        // "… cut the budget — a sign, some traders believe, that …": set in a phrase a
        // dash opens, the attribution's content starts after the dash.
        content[0].0 = after_open_dash(tokens, start, comma);
        content.push((tail[p] + 1, last));
    }
    before_cue(tokens, content, source, quoted)
}

/// Where the content before an attribution set in commas starts when a dash opens it
/// ("… cut the ferry budget — a sign, some traders believe, that …": "a sign"): after the
/// last dash from `start` to the `comma`, unless a dash before it closes an aside with it
/// ("The quay — built in 1930 — is, Ward said, unsafe" stays whole).
fn after_open_dash(tokens: &Tokens, start: usize, comma: usize) -> usize {
    let toks = &tokens.toks;
    let is_dash = |i: usize| matches!(toks[i].lower.as_str(), "—" | "–" | "-");
    // A dash is an em dash, or an en dash or hyphen set apart by a space; "--" is one.
    let dashes: Vec<usize> = (start..comma)
        .filter(|&i| {
            is_dash(i)
                && (toks[i].is("—") || toks[i].space_before)
                && (i == start || !is_dash(i - 1))
        })
        .collect();
    let Some(&last) = dashes.last().filter(|_| dashes.len() % 2 == 1) else {
        return start;
    };
    let mut after = last + 1;
    while after < comma && is_dash(after) {
        after += 1;
    }
    if after < comma { after } else { start }
}

/// Reported speech of `content` before its attribution, unless it is one quotation (a
/// direct quote's, found already).
fn before_cue(
    tokens: &Tokens,
    content: Vec<(usize, usize)>,
    source: Option<(usize, usize)>,
    quoted: &[bool],
) -> Option<Found> {
    let toks = &tokens.toks;
    let (start, end) = *content.first()?;
    if quoted[start] && quoted[end] {
        return None;
    }
    // "In 2008, he wanted …", "Still, Ward has sought …": two words, or a few opening
    // with a preposition, before the comma are mostly a fronted adverbial (on PolNeAR's
    // train split seven in sixty-three contents of four words or fewer before their cue
    // are a quote), so proposed weakly; "The bridge is safe, Ward said" is not.
    let words: usize = content
        .iter()
        .map(|&(a, b)| (a..=b).filter(|&i| toks[i].is_word()).count())
        .sum();
    let adverbial = words <= 2
        || words <= SHORT_CONTENT && source::PREPOSITIONS.contains(&toks[start].lower.as_str());
    Some(Found {
        content,
        cue: None,
        source,
        rule: Rule::ReportedBefore,
        confidence: if adverbial { 0.3 } else { 0.7 },
    })
}

/// A comma just before the cue: "CONTENT, Ana Ruiz, a spokeswoman, said" (the source's
/// appositive closes there) or the inverted "CONTENT, said Ward". The source and the
/// comma that ends the content; `None` when the commas only set off the subject's
/// appositive ("Ana Ruiz, a spokeswoman, said the bridge is safe").
fn comma_before_cue(
    tokens: &Tokens,
    cue: &Cue,
    first: usize,
    last: usize,
) -> Option<(Option<(usize, usize)>, usize)> {
    let toks = &tokens.toks;
    if let Some(src) = source::before(tokens, cue.aux, first) {
        let opens_clause = src.0 == clause_start(tokens, first, src.0);
        if src.0 > first && toks[src.0 - 1].is(",") {
            return Some((Some(src), src.0 - 1));
        }
        if opens_clause {
            return None;
        }
    }
    let src = inverted_source(tokens, cue.last + 1, last)?;
    Some((Some(src), cue.aux - 1))
}

/// The source of an inverted cue ("said Ward", "said the mayor, Ana Ruiz") from token
/// `from`: it must look like a noun phrase, else what follows the verb is its content
/// ("…, said Clinton had lied").
fn inverted_source(tokens: &Tokens, from: usize, last: usize) -> Option<(usize, usize)> {
    let toks = &tokens.toks;
    let t = toks.get(from)?;
    // Up to its first comma (an appositive may follow) it is a few words with no verb.
    let comma = (from..=last).find(|&i| toks[i].is(",")).unwrap_or(last + 1);
    let verb_like = (from..comma).any(|i| NOT_IN_SOURCE.contains(&toks[i].lower.as_str()));
    if comma - from > 6 || verb_like {
        return None;
    }
    // "said Ward", "said the mayor", or a name after its role ("said former governor
    // Ana Ruiz", "says political scientist Ana Ruiz").
    let opener = t.cap && t.kind == Kind::Word
        || SOURCE_OPENERS.contains(&t.lower.as_str())
        || SUBJECT_PRONOUNS.contains(&t.lower.as_str())
        || (from..comma).any(|i| toks[i].cap && toks[i].kind == Kind::Word);
    if !opener {
        return None;
    }
    source::after(tokens, from, last)
}

/// Whether tokens `from..=last` are a noun phrase with its appositives and relative
/// clauses ("Ana Ruiz, director of the …, who has led it since 2010"), not the rest of
/// a sentence the attribution interrupts ("…, says Ana Ruiz, is that …").
fn appositive_to(tokens: &Tokens, from: usize, last: usize) -> bool {
    let toks = &tokens.toks;
    let verb = (from..=last).find(|&i| NOT_IN_SOURCE.contains(&toks[i].lower.as_str()));
    verb.is_none_or(|v| {
        (from..v).any(|i| matches!(toks[i].lower.as_str(), "who" | "which" | "whose"))
    })
}

/// Whether the words after a trailing attribution (up to a comma) leave it trailing:
/// none, an adverbial ("on Monday"), or the listener of "told reporters".
fn adverbial_tail(tokens: &Tokens, cue: &Cue, tail: &[usize]) -> bool {
    let toks = &tokens.toks;
    let Some(&next) = tail.first() else {
        return true;
    };
    let word = toks[next].lower.as_str();
    ADVERBIAL_STARTS.contains(&word)
        || LISTENER_VERBS.contains(&cue.lemma.as_str()) && tail.len() <= 6
        || toks[next].kind == Kind::Punct && !toks[next].is("(")
}

/// Whether the words after the comma that follows a trailing attribution go on with the
/// content ("The bridge, Ward said, is safe") rather than add a clause of the writer's
/// (", adding …", ", but …", ", which …").
fn resumes_content(tokens: &Tokens, at: usize) -> bool {
    let w = tokens.toks[at].lower.as_str();
    !is_participle(w)
        && !ADVERBIAL_STARTS.contains(&w)
        && !matches!(
            w,
            "but" | "and" | "which" | "who" | "while" | "although" | "though" | "as" | "before"
        )
}
