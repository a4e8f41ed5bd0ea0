//! Reported speech: what a source said, thought or found, in the writer's words — the
//! clause after the verb ("Ward said (that) the bridge is safe"), the sentence before its
//! attribution ("The bridge is safe, Ward said"), both sides of an attribution set in
//! commas ("The bridge, Ward said, is safe") and source markers ("according to Ward").

use super::Found;
use super::cue::{Cue, INCLUDE};
use super::deed;
use super::features::{self, Context};
use super::marks::Quoted;
use super::model::Model;
use super::rule::Rule;
use super::source;
use super::token::{Kind, Tokens};
use super::trailing;

/// Attributions of reported speech for the cues not used by a quotation.
pub fn attribute(cx: &Context, cues: &[Cue], used: &[usize], model: Option<&Model>) -> Vec<Found> {
    let (tokens, quoted) = (cx.tokens, cx.quoted);
    let mut cue_at = vec![false; tokens.toks.len()];
    for c in cues {
        cue_at[c.first] = true;
    }
    let mut out = Vec::new();
    for (c, cue) in cues.iter().enumerate() {
        if used.contains(&c) {
            continue;
        }
        let s = tokens.sentence_of[cue.first];
        let sentence = tokens.sentences[s].clone();
        let first = sentence.start;
        let last = stop_before(tokens, sentence.end - 1, cue.last);
        let found = if cue.marker {
            according_to(tokens, cue, first, last)
        } else {
            trailing::attribute(tokens, cue, first, last, quoted)
                .or_else(|| forward(cx, cue, cues, first, last))
                .filter(|f| f.rule != Rule::Reported || deed::is_said(cx, cue, f))
                // Where reported speech ends: the end model's guess, then what the
                // writer's own clauses after it cut off.
                .map(|f| {
                    if f.rule != Rule::Reported {
                        return f;
                    }
                    let f = match model {
                        Some(m) => learned_end(cx, m, f, cue, &cue_at),
                        None => f,
                    };
                    let f = end_before_next_clause(tokens, f, &cue_at);
                    let f = end_before_speech_event(tokens, f);
                    end_with_fronted_clause(tokens, cue, first, f)
                })
        };
        if let Some(mut f) = found {
            f.cue = Some(c);
            f.confidence *= cue_factor(f.rule, cue.weight);
            out.push(f);
        }
    }
    out
}

/// How much a cue `weight` sure leaves of a rule's confidence. Reported speech after its
/// verb keeps half even with an unsure cue (what follows "Ward endorsed" is most often
/// what the coder marks); a trailing attribution falls fast with it, since without a
/// sure cue the comma before it most often ends a clause of the writer's ("Prices rose,
/// analysts' models showed").
fn cue_factor(rule: Rule, weight: f32) -> f32 {
    if rule == Rule::ReportedBefore {
        weight * weight
    } else {
        0.5 + 0.5 * weight
    }
}

/// The last token of the sentence ending at `end` that is not its final punctuation
/// (keeping a closing quotation mark), never before `floor`.
pub(super) fn stop_before(tokens: &Tokens, end: usize, floor: usize) -> usize {
    let mut e = end;
    while e > floor && tokens.toks[e].kind == Kind::Punct {
        e -= 1;
    }
    e
}

/// Where the clause before token `to` begins: the sentence start, or just after a
/// colon or semicolon in between.
pub(super) fn clause_start(tokens: &Tokens, first: usize, to: usize) -> usize {
    (first..to)
        .rev()
        .find(|&i| matches!(tokens.toks[i].lower.as_str(), ":" | ";"))
        .map_or(first, |i| i + 1)
}

/// "According to Ward, …", "…, according to Ward." and "… according to Ward."
fn according_to(tokens: &Tokens, cue: &Cue, first: usize, last: usize) -> Option<Found> {
    let toks = &tokens.toks;
    let after_source = (cue.last + 1..=last).find(|&i| toks[i].is(","));
    let at_start = cue.first == first || toks[cue.first - 1].is(",") && after_source.is_some();
    let (content, source) = if at_start && let Some(comma) = after_source {
        // According to Ward, CONTENT.
        if comma + 1 > last || cue.last + 1 > comma - 1 {
            return None;
        }
        ((comma + 1, last), (cue.last + 1, comma - 1))
    } else {
        // CONTENT(,) according to Ward(, …).
        let start = clause_start(tokens, first, cue.first);
        let mut end = cue.first.checked_sub(1)?;
        if toks[end].is(",") {
            end = end.checked_sub(1)?;
        }
        if end < start {
            return None;
        }
        let src_end = after_source.map_or(last, |c| c - 1);
        if cue.last + 1 > src_end {
            return None;
        }
        ((start, end), (cue.last + 1, src_end))
    };
    // "…, according to Ward": two words or fewer are a name or a figure, rarely what a
    // coder marks (none of eleven on PolNeAR's train split).
    let words = (content.0..=content.1)
        .filter(|&i| toks[i].is_word())
        .count();
    Some(Found {
        content: vec![content],
        cue: None,
        source: Some(source),
        rule: Rule::AccordingTo,
        confidence: if words <= 2 { 0.25 } else { 0.85 },
    })
}

/// "Ward said (that) CONTENT": from after the verb (and its listener, "told reporters
/// that") to the end of the sentence or the next attribution in it.
fn forward(cx: &Context, cue: &Cue, cues: &[Cue], first: usize, last: usize) -> Option<Found> {
    let tokens = cx.tokens;
    let toks = &tokens.toks;
    let mut start = cue.last + 1;
    if start > last {
        return None;
    }
    // "His comments include calling for …": what was said starts after "include".
    if cue.noun && INCLUDE.contains(&toks[start].lower.as_str()) {
        start += 1;
    }
    if let Some(that) = that_after_listener(cx, cue, start, last) {
        start = that;
    }
    while start <= last && matches!(toks[start].lower.as_str(), ":" | "," | "—" | "-") {
        start += 1;
    }
    // The content ends where another attribution of the same sentence begins.
    let mut end = last;
    for other in cues.iter().filter(|o| o.first > start && o.first <= last) {
        let at = other.aux;
        if at > start && toks[at - 1].is(",") && is_participle(&toks[other.first].lower) {
            end = end.min(at - 2);
        }
        if other.marker && at > start && toks[at - 1].is(",") {
            end = end.min(at - 2);
        }
    }
    if end < start || end >= toks.len() {
        return None;
    }
    let participle =
        cue.aux > first && after_comma(tokens, cue.aux) && is_participle(&toks[cue.first].lower);
    let source = if participle {
        // ", saying …": the subject is found by `inherit_sources`.
        None
    } else if is_passive(tokens, cue) {
        // "Ward was accused of …": the subject is who was spoken of, not who spoke.
        None
    } else if cue.noun {
        // A reporting noun ("his accusation that …").
        source::of_noun(tokens, cue.first, first)
    } else {
        source::before(tokens, cue.aux, first)
    };
    Some(Found {
        content: vec![(start, end)],
        cue: None,
        source,
        rule: Rule::Reported,
        confidence: if source.is_some() { 0.7 } else { 0.5 },
    })
}

/// The "that" opening what was said after a listener or an adverbial between it and the
/// verb ("told reporters on Monday that", "said in an interview with the Harbour Courier
/// this week that", "said on “Harbour Hour” that"). A verb that takes a listener
/// reaches further ("told an audience of ferry workers in Corvale last week that"),
/// since who heard it is often a long noun phrase, but only to a "that" opening a
/// clause with its subject ("that the toll …", "that she …"), not a relative "that"
/// after a noun ("promised a bridge to the islands that opens in May").
fn that_after_listener(cx: &Context, cue: &Cue, start: usize, last: usize) -> Option<usize> {
    let toks = &cx.tokens.toks;
    let adverbial = ADVERBIAL_OPENERS.contains(&toks[start].lower.as_str());
    let near = if adverbial { 10 } else { 6 };
    let listener =
        deed::TAKES_LISTENER.contains(&cue.lemma.as_str()) && features::class(cx, start) != "PREP";
    let reach = if listener { LISTENER_REACH } else { near };
    let that = (start..=last.min(start + reach)).find(|&i| toks[i].is("that"))?;
    // A quoted title in an adverbial ("on “Harbour Hour”"): a capitalised word opens it.
    let title = |i: usize| {
        adverbial
            && toks[i].kind == Kind::Quote
            && (!toks[i].space_before || toks.get(i + 1).is_some_and(|t| t.cap))
    };
    let plain = (start..that).all(|i| toks[i].is_word() && !toks[i].is("and") || title(i));
    let marks = (start..that)
        .filter(|&i| toks[i].kind == Kind::Quote)
        .count();
    let clause = that - start <= near
        || matches!(
            features::class(cx, that + 1),
            "CAP" | "CV" | "DET" | "PRON" | "QO" | "NUM"
        );
    let relative = deed::relative_that(cx.tokens, cue, start, that);
    (plain && marks % 2 == 0 && clause && !relative).then_some(that)
}

/// How many tokens a listener and the adverbials after it may take before "that".
const LISTENER_REACH: usize = 14;

/// Reported speech ending where the end model says, instead of the rules' guess: the
/// first token before which it finds an end probable, else the sentence's end.
fn learned_end(cx: &Context, model: &Model, mut f: Found, cue: &Cue, cue_at: &[bool]) -> Found {
    let tokens = cx.tokens;
    let Some(&(start, _)) = f.content.first() else {
        return f;
    };
    let s = tokens.sentence_of[start];
    let first = tokens.sentences[s].start;
    // "Vance - who once likened him to Hitler - had U-turned": a cue inside a dashed
    // aside says no more than the aside.
    let aside_close = closing_dash(tokens, first, cue, tokens.sentences[s].end - 1);
    let sentence_last = aside_close.map_or(tokens.sentences[s].end - 1, |d| d - 1);
    let mut end = stop_before(tokens, sentence_last, start);
    let mut j = start + 1;
    while j <= sentence_last {
        let p = model
            .end
            .probability(|sink| features::end(cx, start, j, &cue.lemma, cue_at, sink));
        if p >= model.end_threshold {
            // "Ward said the bridge, which opened in May, is unsafe": a relative clause
            // set in commas or an aside in dashes inside the content does not end it, nor
            // does a dash between numbers ("closed from 11–31 May"); an end before a
            // day's month comes after it.
            let inside = embedded_relative(tokens, j, sentence_last)
                .or_else(|| dashed_aside(tokens, j, sentence_last))
                .or_else(|| range_dash(tokens, j));
            if let Some(after) = inside {
                j = after;
                continue;
            }
            end = month_of_day(tokens, j).map_or(j - 1, |after| after - 1);
            break;
        }
        j += 1;
    }
    f.content = vec![(start, end.max(start))];
    f
}

/// Reported speech holding a quotation closed after a comma, with a capitalised word
/// after it, ends at that quotation: the name opens a clause of the writer's ("Ward
/// said the toll was “a fair price,” Ruiz was not so sure") or the quotation's own
/// attribution ("… - “A fair price,” Ruiz said"). Not when the content opens with a
/// subordinate clause, whose main clause follows the comma ("said that while the toll
/// was “a fair price,” Ward would …"), nor when a quoted phrase inside a clause is
/// followed by an attribution (`cue_at`) of the whole sentence ("Ward conceded the
/// toll was “a fair price,” the Courier reported").
fn end_before_next_clause(tokens: &Tokens, mut f: Found, cue_at: &[bool]) -> Found {
    let toks = &tokens.toks;
    let Some(&mut (start, ref mut end)) = f.content.first_mut() else {
        return f;
    };
    let opener = if toks[start].is("that") {
        start + 1
    } else {
        start
    };
    if toks
        .get(opener)
        .is_some_and(|t| SUBORDINATORS.contains(&t.lower.as_str()))
    {
        return f;
    }
    let closes_clause = |k: usize| {
        let next = &toks[k + 1];
        let closed = toks[k].kind == Kind::Quote && !toks[k].space_before && toks[k - 1].is(",");
        closed && next.kind == Kind::Word && next.cap && next.lower != "i"
    };
    let phrase_then_cue = |k: usize| {
        let open = (start..k).rev().find(|&o| toks[o].kind == Kind::Quote);
        let in_clause = open.is_some_and(|o| o > 0 && toks[o - 1].is_word());
        in_clause && (k + 1..=(k + 4).min(*end)).any(|c| cue_at.get(c).copied().unwrap_or(false))
    };
    if let Some(k) = (start + 1..*end).find(|&k| closes_clause(k) && !phrase_then_cue(k)) {
        *end = k;
    }
    f
}

/// Reported speech ends before the occasion it was said on, when that closes the
/// sentence: "in an interview with the Courier on Sunday", "during a news conference",
/// "at the start of his speech", "in a tweet" tell where the source spoke, not what
/// (PolNeAR's coders leave them out). Not when a clause follows the occasion ("… in an
/// interview that the toll …") or a quotation does.
fn end_before_speech_event(tokens: &Tokens, mut f: Found) -> Found {
    let toks = &tokens.toks;
    let Some(&mut (start, ref mut end)) = f.content.first_mut() else {
        return f;
    };
    let occasion = |p: usize| {
        let opens = matches!(toks[p].lower.as_str(), "in" | "during" | "at")
            && toks.get(p + 1).is_some_and(|t| {
                EVENT_DETERMINERS.contains(&t.lower.as_str()) || t.lower.ends_with("'s")
            });
        let noun = (p + 2..=(p + 5).min(*end))
            .find(|&k| opens && SPEECH_EVENTS.contains(&toks[k].lower.as_str()));
        let Some(noun) = noun else {
            return false;
        };
        let words = (p + 2..noun).all(|k| toks[k].kind == Kind::Word);
        let rest = noun + 1..=*end;
        let plain = rest.clone().all(|k| {
            toks[k].kind != Kind::Quote && !CLAUSE_OPENERS.contains(&toks[k].lower.as_str())
        });
        words && plain && rest.count() <= 12
    };
    if let Some(p) = (start + 1..*end).find(|&p| occasion(p)) {
        let before = if toks[p - 1].is(",") { p - 2 } else { p - 1 };
        *end = before.max(start);
    }
    f
}

/// Reported speech whose verb stands in a subordinate clause opening the sentence
/// ("While Ward said the toll was fair, Corvale refused to pay") ends with that clause,
/// at its comma: the main clause after it is the writer's. The comma is the first one
/// after four words or more of content; not when a quotation mark follows it (the
/// comma stands inside a quotation, or the main clause quotes the same speaker).
fn end_with_fronted_clause(tokens: &Tokens, cue: &Cue, first: usize, mut f: Found) -> Found {
    let toks = &tokens.toks;
    let opener = (first..cue.aux).find(|&i| toks[i].kind != Kind::Quote);
    let fronted = opener.is_some_and(|o| FRONTED_OPENERS.contains(&toks[o].lower.as_str()))
        && !(first..cue.aux).any(|i| toks[i].is(","));
    if !fronted {
        return f;
    }
    let Some(&mut (start, ref mut end)) = f.content.first_mut() else {
        return f;
    };
    let comma = (start..*end)
        .find(|&k| toks[k].is(",") && (start..k).filter(|&i| toks[i].is_word()).count() >= 4);
    if let Some(k) = comma
        && !(k + 1..=*end).any(|i| toks[i].kind == Kind::Quote)
    {
        *end = k - 1;
    }
    f
}

/// Words opening a subordinate clause at the start of a sentence ("While …", "Even as
/// …", "For someone who …").
const FRONTED_OPENERS: &[&str] = &[
    "while", "when", "although", "though", "as", "after", "before", "since", "if", "because",
    "once", "until", "whereas", "even", "for", "despite", "unless",
];

/// Determiners before the occasion of speech ("in an interview", "in his speech").
const EVENT_DETERMINERS: &[&str] = &["a", "an", "the", "his", "her", "their", "its", "our"];

/// Nouns naming the occasion on which somebody spoke or wrote.
const SPEECH_EVENTS: &[&str] = &[
    "interview",
    "interviews",
    "statement",
    "tweet",
    "tweets",
    "op-ed",
    "appearance",
    "conference",
    "post",
    "letter",
    "email",
    "e-mail",
    "remarks",
    "speech",
    "address",
];

/// Words that open a clause of their own after the occasion, which then is part of what
/// was said.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "whether", "to", "when", "as", "who", "which", "where", "because", "and", "but", "if",
    "while",
];

/// Words opening a subordinate clause, whose main clause follows its comma.
const SUBORDINATORS: &[&str] = &[
    "while", "although", "though", "if", "when", "because", "since", "as", "after", "before", "by",
    "unless", "until", "once", "whether", "despite", "without",
];

/// For a dash joining two numbers with no space around it ("11–31 May", "2015-16"),
/// the token after it.
fn range_dash(tokens: &Tokens, dash: usize) -> Option<usize> {
    let toks = &tokens.toks;
    let number = |k: usize| toks.get(k).is_some_and(|t| t.kind == Kind::Number);
    let joined = matches!(toks[dash].lower.as_str(), "-" | "–" | "—")
        && !toks[dash].space_before
        && !toks[dash].space_after
        && dash > 0
        && number(dash - 1)
        && number(dash + 1);
    joined.then_some(dash + 1)
}

/// Months, as written after a day ("31 May").
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// For a month just after a day's number ("31 May"), the token after it.
fn month_of_day(tokens: &Tokens, month: usize) -> Option<usize> {
    let toks = &tokens.toks;
    let day = month.checked_sub(1).map(|d| &toks[d])?;
    let date = day.kind == Kind::Number
        && toks[month].cap
        && MONTHS.contains(&toks[month].lower.trim_end_matches('.'));
    date.then_some(month + 1)
}

/// Whether a token is a dash setting off an aside.
fn is_dash(tokens: &Tokens, i: usize) -> bool {
    matches!(tokens.toks[i].lower.as_str(), "-" | "—" | "–" | "--") && tokens.toks[i].space_before
}

/// For a dash at `dash` opening an aside that a second dash closes before the sentence
/// goes on ("said the quay - which opened in May - is unsafe"), the token after it.
fn dashed_aside(tokens: &Tokens, dash: usize, sentence_last: usize) -> Option<usize> {
    if !is_dash(tokens, dash) {
        return None;
    }
    let close = (dash + 2..=sentence_last.min(dash + 20)).find(|&k| is_dash(tokens, k))?;
    let goes_on = close + 1 < sentence_last && tokens.toks[close + 1].is_word();
    goes_on.then_some(close + 1)
}

/// The dash closing the aside that cue `cue` stands in, if it stands in one: an odd
/// number of dashes between the sentence start `first` and the cue, and one after it.
fn closing_dash(tokens: &Tokens, first: usize, cue: &Cue, sentence_last: usize) -> Option<usize> {
    let before = (first..cue.aux).filter(|&i| is_dash(tokens, i)).count();
    if before % 2 == 0 {
        return None;
    }
    (cue.last + 1..=sentence_last).find(|&i| is_dash(tokens, i))
}

/// For a comma at `comma` opening a relative clause (", which …", ", who …") that a
/// second comma closes before the sentence goes on, the token after that comma.
fn embedded_relative(tokens: &Tokens, comma: usize, sentence_last: usize) -> Option<usize> {
    let toks = &tokens.toks;
    let opens = toks[comma].is(",")
        && toks
            .get(comma + 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "which" | "who" | "whose" | "where"));
    if !opens {
        return None;
    }
    let close = (comma + 2..=sentence_last.min(comma + 16)).find(|&k| {
        matches!(
            toks[k].lower.as_str(),
            "," | ";" | ":" | "." | "—" | "–" | "(" | ")"
        )
    })?;
    let next = toks.get(close + 1)?;
    let goes_on = toks[close].is(",")
        && close + 1 < sentence_last
        && next.kind == Kind::Word
        && !next.cap
        && !matches!(
            next.lower.as_str(),
            "and" | "but" | "which" | "who" | "while"
        )
        && !is_participle(&next.lower);
    goes_on.then_some(close + 1)
}

/// Words that open an adverbial between a verb and its "that" ("said in an interview
/// … that", "told reporters on Monday that").
const ADVERBIAL_OPENERS: &[&str] = &["in", "on", "at", "during", "after", "before", "with"];

/// Whether the token before `aux` is a comma, or a quotation mark closed after one
/// ("…, “a tactic,” asserting that …").
fn after_comma(tokens: &Tokens, aux: usize) -> bool {
    let toks = &tokens.toks;
    let Some(before) = aux.checked_sub(1) else {
        return false;
    };
    toks[before].is(",")
        || toks[before].kind == Kind::Quote && before > 0 && toks[before - 1].is(",")
}

/// Whether a verb cue is passive ("was accused", "has been criticised"): a form of
/// "be" just before a verb in -ed.
pub(super) fn is_passive(tokens: &Tokens, cue: &Cue) -> bool {
    let toks = &tokens.toks;
    !cue.marker
        && !cue.noun
        && cue.first > 0
        && toks[cue.first].lower.ends_with("ed")
        && matches!(
            toks[cue.first - 1].lower.as_str(),
            "is" | "are" | "was" | "were" | "be" | "been" | "being"
        )
}

/// Whether a word is an -ing form ("adding", "saying").
pub fn is_participle(word: &str) -> bool {
    word.ends_with("ing")
}

/// ", saying …", ", adding …" and "… and says …": the verb's subject is the source of
/// the attribution before it in the sentence ("He ridiculed the offer, saying …" → he),
/// else, after "and", the sentence's subject ("Ward visited the quay and says …").
pub fn inherit_sources(tokens: &Tokens, cues: &[Cue], found: &mut [Found]) {
    let toks = &tokens.toks;
    for i in 0..found.len() {
        let Some(c) = found[i].cue.filter(|_| found[i].source.is_none()) else {
            continue;
        };
        let cue = &cues[c];
        let before = cue.aux.checked_sub(1).map(|b| toks[b].lower.as_str());
        let after_comma = after_comma(tokens, cue.aux) && is_participle(&toks[cue.first].lower);
        // "Ward said before adding: …", "… while insisting that …": the same subject.
        let subordinate = matches!(before, Some("before" | "after" | "while" | "when" | "by"))
            && is_participle(&toks[cue.first].lower);
        let after_comma = after_comma || subordinate;
        let coordinated = matches!(before, Some("and" | "but")) && !cue.noun;
        // "Ward broke ranks to argue that …": the subject argues.
        let infinitive = before == Some("to") && !cue.noun;
        if !after_comma && !coordinated && !infinitive {
            continue;
        }
        let sentence = tokens.sentence_of[cue.first];
        // A reporting noun's source is its owner ("doubled down on his accusation that
        // …, and says …"), not the subject who goes on speaking.
        let earlier = found
            .iter()
            .filter_map(|g| Some((cues.get(g.cue?)?, g.source?)))
            .filter(|(k, _)| !k.noun)
            .filter(|(k, _)| k.last < cue.aux && tokens.sentence_of[k.first] == sentence)
            .max_by_key(|(k, _)| k.last)
            .map(|(_, src)| src);
        // "Ward visited the quay and says …": else the sentence's subject.
        let first = tokens.sentences[sentence].start;
        found[i].source = earlier.or_else(|| source::subject(tokens, first, cue.aux));
    }
}

/// Reported speech that ends inside a quotation it opened goes on to the quotation's
/// close ("Ward said the bridge “is safe. It always was.”"), and content before its
/// attribution that starts inside a quotation goes back to the sentence the quotation
/// opens in ("“The bridge is old. It is safe,” according to Ward"): sentences are cut
/// inside quotations, quotes are not.
pub fn close_quotations(tokens: &Tokens, quotations: &[Quoted], cues: &[Cue], found: &mut [Found]) {
    let toks = &tokens.toks;
    for f in found.iter_mut().filter(|f| !is_direct(f.rule)) {
        let cue_first = f.cue.and_then(|c| cues.get(c)).map(|c| c.aux);
        if let Some(first) = f.content.first_mut() {
            let (start, end) = *first;
            let inside = quotations.iter().find(|q| {
                q.open < start && q.close >= start && toks[q.open].para == toks[start].para
            });
            // Only content that its attribution follows: the cue stays outside.
            if let Some(q) = inside.filter(|_| cue_first.is_some_and(|c| c > end)) {
                first.0 = tokens.sentences[tokens.sentence_of[q.open]].start;
            }
        }
        let Some(last) = f.content.last_mut() else {
            continue;
        };
        let (start, end) = *last;
        let open = quotations
            .iter()
            .find(|q| q.open >= start && q.open <= end && q.close > end);
        if let Some(q) = open.filter(|q| toks[q.close].para == toks[end].para) {
            last.1 = q.close;
        }
    }
}

/// Whether a rule takes its content from quotation marks already.
fn is_direct(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::QuoteThenCue
            | Rule::CueThenQuote
            | Rule::Interrupted
            | Rule::Continued
            | Rule::Unattributed
    )
}
