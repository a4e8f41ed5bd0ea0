//! Direct quotes: quotations attributed by a cue beside them (“…,” Ward said / Ward
//! said: “…”), one quote in two fragments around its attribution (“…,” he said, “…”), a
//! quotation continuing the previous speaker's, and quotations with no attribution.

use super::Found;
use super::cue::Cue;
use super::marks::Quoted;
use super::rule::Rule;
use super::source;
use super::token::{Kind, Tokens};
use crate::model::Lexicon;

/// Tokens between a quotation and its cue at most ("…,” said the council's chief
/// spokeswoman Ana Ruiz).
const MAX_GAP: usize = 12;

/// Verbs whose listener comes before what is said ("told reporters: …").
pub(super) const LISTENER_VERBS: &[&str] = &[
    "tell", "inform", "assure", "remind", "warn", "ask", "urge", "promise", "advise", "brief",
];

/// A cue found for a quotation: its index, the source's tokens and the rule.
type Hit = (usize, Option<(usize, usize)>, Rule);

/// Attributions of the article's quotations, and which quotations they use.
pub fn attribute(
    tokens: &Tokens,
    quotations: &[Quoted],
    cues: &[Cue],
    lexicon: &Lexicon,
) -> (Vec<Found>, Vec<bool>) {
    let mut found: Vec<Found> = Vec::new();
    let mut used = vec![false; quotations.len()];
    let mut cue_used = vec![false; cues.len()];
    for q in 0..quotations.len() {
        if used[q] {
            continue;
        }
        let hit = quote_then_cue(tokens, &quotations[q], cues, &cue_used)
            .or_else(|| cue_then_quote(tokens, &quotations[q], cues, &cue_used, lexicon));
        let Some((c, src, rule)) = hit else {
            continue;
        };
        used[q] = true;
        cue_used[c] = true;
        let mut content = vec![mixed_bounds(tokens, &quotations[q], cues, c, rule)];
        if rule == Rule::CueThenQuote {
            content[0] = object_and_quotation(tokens, &quotations[q], cues, c, content[0]);
            if content[0].1 == quotations[q].close
                && let Some(next) = joined_by_and(tokens, quotations, q)
            {
                used[next] = true;
                content[0].1 = quotations[next].close;
            }
        }
        let mut rule = rule;
        if rule == Rule::QuoteThenCue
            && let Some(next) = resumed(tokens, quotations, q, cues, c, src)
        {
            used[next] = true;
            content.push((quotations[next].open, quotations[next].close));
            rule = Rule::Interrupted;
        }
        found.push(Found {
            content,
            cue: Some(c),
            source: src,
            rule,
            confidence: confidence(rule, &cues[c]),
        });
    }
    continued(tokens, quotations, cues, &mut used, &mut found);
    (found, used)
}

/// The quote around quotation `q` attributed by cue `c`. A quotation set inside the
/// writer's own sentence is a mixed quote, and coders mark the clause it sits in: from
/// just after the cue before it ("insisted that he has “expanded the party”", keeping
/// "that"), else from the sentence start, and — when the cue comes first and words
/// follow the quotation — on to the end of the sentence or the next cue ("says “…”
/// because “…”").
fn mixed_bounds(tokens: &Tokens, q: &Quoted, cues: &[Cue], c: usize, rule: Rule) -> (usize, usize) {
    let toks = &tokens.toks;
    let mut start = q.open;
    let sentence = tokens.sentences[tokens.sentence_of[q.open]].clone();
    let inside_sentence = q.open > sentence.start && toks[q.open - 1].is_word();
    if rule == Rule::CueThenQuote && q.open > 0 && toks[q.open - 1].is("that") {
        start = q.open - 1;
    } else if rule == Rule::QuoteThenCue && inside_sentence {
        let cue_before = cues
            .iter()
            .filter(|k| k.last < q.open && k.first >= sentence.start)
            .map(|k| k.last + 1)
            .next_back();
        start = cue_before.unwrap_or(sentence.start);
        while start < q.open && !toks[start].is_word() {
            start += 1;
        }
    }
    let mut end = q.close;
    let after = toks.get(q.close + 1);
    let same_sentence = after.is_some_and(|t| {
        tokens.sentence_of[q.close + 1] == tokens.sentence_of[q.close]
            && t.para == toks[q.close].para
    });
    let words_follow = after.is_some_and(|t| t.is_word() || t.kind == Kind::Quote);
    // "branded the closure “…” on Friday": after a verb's object the quotation is the
    // whole quote; only one right after its cue ("says “…” because …") runs on.
    let cue_beside =
        ((cues[c].last + 1)..q.open).all(|i| matches!(toks[i].lower.as_str(), ":" | "," | "that"));
    // "chanted “Lock her up!” as he spoke", "published “Harbour Days,” a memoir": a
    // quotation closed by its own stop or comma ends the quote.
    if rule == Rule::CueThenQuote
        && same_sentence
        && words_follow
        && cue_beside
        && !closes_with_stop(tokens, q)
    {
        let s_end = tokens.sentences[tokens.sentence_of[q.close]].end - 1;
        let next_cue = cues[c + 1..]
            .iter()
            .find(|k| k.aux > q.close && k.aux <= s_end)
            .map(|k| k.aux - 1);
        end = next_cue.unwrap_or(s_end);
        while end > q.close
            && (toks[end].kind == Kind::Punct || matches!(toks[end].lower.as_str(), "and" | "but"))
        {
            end -= 1;
        }
    }
    (start, end)
}

/// A quotation after its verb's object or listener ("branded the plan “a disgrace”",
/// "asked them “to think again” before the vote", "is promising to “bomb the hell” out of
/// …"): coders mark the clause from just after the verb, the quotation inside it, on to
/// the end of the sentence or the next attribution.
fn object_and_quotation(
    tokens: &Tokens,
    q: &Quoted,
    cues: &[Cue],
    c: usize,
    (start, end): (usize, usize),
) -> (usize, usize) {
    let toks = &tokens.toks;
    let after_verb = cues[c].last + 1;
    let object = q.open > after_verb && toks[q.open - 1].is_word();
    if !object || start < after_verb {
        return (start, end);
    }
    let s_end = tokens.sentences[tokens.sentence_of[q.close]].end - 1;
    let next_cue = cues[c + 1..]
        .iter()
        .find(|k| k.aux > q.close && k.aux <= s_end)
        .map(|k| k.aux - 1);
    let mut end = next_cue.unwrap_or(s_end).max(end);
    if closes_with_stop(tokens, q) {
        end = q.close;
    }
    // "rates the quay as “poor” but does not ask for repairs": a contrast right after
    // the quotation is the writer's, not the quote.
    let contrast = toks.get(q.close + 1).is_some_and(|t| t.is("but"))
        && q.close < end
        && toks
            .get(q.close + 2)
            .is_some_and(|t| t.kind == Kind::Word && !t.cap && !t.is("that"));
    if contrast {
        end = q.close;
    }
    // "described the row as “a distraction” and called on …": the next cue ends the
    // quote before its conjunction.
    while end > q.close
        && (toks[end].kind == Kind::Punct || matches!(toks[end].lower.as_str(), "and" | "but"))
    {
        end -= 1;
    }
    // "described as “a retreat”": "as" only names what follows; the quote starts after it
    // (the object of "described the plan as “…”" stays).
    let start = after_verb + usize::from(toks[after_verb].is("as"));
    (start, end)
}

fn confidence(rule: Rule, cue: &Cue) -> f32 {
    let base = match rule {
        Rule::QuoteThenCue | Rule::Interrupted => 0.95,
        Rule::CueThenQuote => 0.9,
        _ => 0.6,
    };
    base * (0.5 + 0.5 * cue.weight)
}

/// Whether a quotation's last word is followed, inside its marks, by a comma, stop,
/// question or exclamation mark (“… up!”, “…,”) and no other quotation follows in its
/// sentence (“…,” Ward “…” goes on).
fn closes_with_stop(tokens: &Tokens, q: &Quoted) -> bool {
    let toks = &tokens.toks;
    let mut last = q.close - 1;
    while last > q.open + 1 && toks[last].kind == Kind::Quote {
        last -= 1;
    }
    let s_end = tokens.sentences[tokens.sentence_of[q.close]].end;
    matches!(toks[last].lower.as_str(), "," | "." | "?" | "!" | "…")
        && !(q.close + 1..s_end).any(|i| toks[i].kind == Kind::Quote)
}

/// Whether a quotation ends as a quote does before its attribution: with a comma, stop,
/// question or exclamation mark or dash inside or a comma just after it — not a title
/// ("“Jaws” director Ana Ruiz said").
fn ends_like_a_quote(tokens: &Tokens, q: &Quoted) -> bool {
    let toks = &tokens.toks;
    // “… ‘a civil person,’” — the inner quotation's mark stands before the outer one.
    let mut last = q.close - 1;
    while last > q.open + 1 && toks[last].kind == Kind::Quote {
        last -= 1;
    }
    let inside = toks[last].lower.as_str();
    matches!(inside, "," | "." | "?" | "!" | "…" | "—" | "–" | "-")
        || toks
            .get(q.close + 1)
            .is_some_and(|t| t.is(",") && t.para == toks[q.close].para)
}

/// “…,” Ward said / “…,” said Ward: a cue right after the quotation, with its source.
fn quote_then_cue(tokens: &Tokens, q: &Quoted, cues: &[Cue], cue_used: &[bool]) -> Option<Hit> {
    let toks = &tokens.toks;
    if !ends_like_a_quote(tokens, q) {
        return None;
    }
    // "On Channel 4’s “Morning Desk,” Ward said …": a show or work named inside the
    // writer's sentence is no quote, though a comma and a verb follow it.
    let inside_sentence = q.open > 0 && toks[q.open - 1].is_word();
    if inside_sentence && names_a_work(tokens, q)
        || work_in_apposition(tokens, q)
        || credited_work(tokens, q)
    {
        return None;
    }
    let mut k = q.close + 1;
    if toks.get(k).is_some_and(|t| t.is(",")) {
        k += 1;
    }
    let para = toks[q.close].para;
    if toks.get(k).is_none_or(|t| t.para != para) {
        return None;
    }
    // “… today.” He said … : a stop inside and a capital after open the next sentence,
    // whose verb is not this quotation's.
    let stop_inside = toks[q.close - 1].is(".");
    if stop_inside && toks[k].cap && tokens.sentence_of[k] != tokens.sentence_of[q.close] {
        return None;
    }
    let last = tokens.sentences[tokens.sentence_of[k]].end - 1;
    let c = cues.iter().enumerate().position(|(ci, c)| {
        !cue_used[ci] && !c.marker && c.aux >= k && c.first <= k + MAX_GAP && c.last <= last
    })?;
    let cue = &cues[c];
    // "“…,” saying …" goes on with the earlier speaker's words, not this quote's source.
    if cue.aux == k && super::reported::is_participle(&toks[cue.first].lower) {
        return None;
    }
    // A dot that does not end the sentence ("Mr. Rubio said") may stand in the gap.
    let cue_sentence = tokens.sentence_of[cue.aux];
    let gap_ok = (k..cue.aux).all(|i| {
        let t = &toks[i];
        let abbreviation = t.is(".") && tokens.sentence_of[i] == cue_sentence;
        t.para == para
            && (t.kind != Kind::Quote || plural_possessive(tokens, i))
            && (abbreviation || !matches!(t.lower.as_str(), "." | "!" | "?" | ";" | ":"))
    });
    // "“…,” and threatened …", "“…,” which he described as …": a verb joined to the
    // sentence's own or in a relative clause does not attribute the quotation before it.
    let joined = cue.aux > k
        && matches!(
            toks[k].lower.as_str(),
            "and" | "but" | "or" | "which" | "who" | "whom" | "where" | "while"
        );
    if !gap_ok || joined {
        return None;
    }
    let src = if cue.aux == k {
        source::after(tokens, cue.last + 1, stop_before(tokens, last))
    } else {
        Some((k, cue.aux - 1))
    };
    // "… to “pay homage”, he said: “…”": the colon hands the verb to what follows.
    let after = src.map_or(cue.last, |s| s.1.max(cue.last)) + 1;
    if inside_sentence && toks.get(after).is_some_and(|t| t.is(":")) {
        return None;
    }
    Some((c, src, Rule::QuoteThenCue))
}

/// Whether the mark at token `i` is the apostrophe of a plural possessive ("the
/// Greens’ spokesman"), not a quotation mark.
fn plural_possessive(tokens: &Tokens, i: usize) -> bool {
    let t = &tokens.toks[i];
    let prev = i.checked_sub(1).map(|p| &tokens.toks[p]);
    matches!(t.lower.as_str(), "'" | "’")
        && !t.space_before
        && t.space_after
        && prev.is_some_and(|p| p.kind == Kind::Word && p.lower.ends_with('s'))
}

/// The last token of a sentence ending at `last`, without its final stop.
fn stop_before(tokens: &Tokens, last: usize) -> usize {
    let mut end = last;
    while end > 0 && !tokens.toks[end].is_word() {
        end -= 1;
    }
    end
}

/// Whether a cue is a naming verb ("branded", "called", "described … as").
fn is_naming(cue: &Cue, lexicon: &Lexicon) -> bool {
    cue.verb.is_some_and(|v| {
        lexicon
            .verbs
            .get(v)
            .is_some_and(|e| super::cue::introduces_quotation(e.detail, &e.lemma))
    })
}

/// Ward said: “…” / Ward told reporters “…”: a cue before the quotation (in its sentence,
/// or ending the paragraph before it with a colon).
fn cue_then_quote(
    tokens: &Tokens,
    q: &Quoted,
    cues: &[Cue],
    cue_used: &[bool],
    lexicon: &Lexicon,
) -> Option<Hit> {
    let toks = &tokens.toks;
    if work_in_apposition(tokens, q) {
        return None;
    }
    let open = q.open;
    let first = tokens.sentences[tokens.sentence_of[open]].start;
    let prev = open.checked_sub(1)?;
    let colon_before_paragraph = toks[prev].para != toks[open].para && toks[prev].is(":");
    let floor = if colon_before_paragraph {
        tokens.sentences[tokens.sentence_of[prev]].start
    } else {
        first
    };
    let c = cues
        .iter()
        .enumerate()
        .rev()
        .position(|(ci, c)| !cue_used[ci] && !c.marker && c.last < open && c.aux >= floor)?;
    let c = cues.len() - 1 - c;
    let cue = &cues[c];
    let gap: Vec<&str> = ((cue.last + 1)..open)
        .map(|i| toks[i].lower.as_str())
        .collect();
    let listener = cue.verb.is_some() && LISTENER_VERBS.contains(&cue.lemma.as_str());
    // "branded the plan “a disgrace”": a naming verb's object comes first.
    let naming = is_naming(cue, lexicon);
    let fits = match gap.as_slice() {
        [] | [":"] | [","] | ["that"] => true,
        [.., ":"] => gap.len() <= 12 && !gap.iter().any(|w| matches!(*w, "." | "that")),
        [.., ","] => gap.len() <= 8 && !gap.iter().any(|w| matches!(*w, "." | "that")),
        words if naming => {
            words.len() <= 6
                && words
                    .iter()
                    .all(|w| !matches!(*w, "." | "," | "that" | "was" | "is"))
        }
        words => {
            listener
                && words.len() <= 4
                && words
                    .iter()
                    .all(|w| !matches!(*w, "." | "," | "that" | "the" | "was" | "is"))
        }
    };
    if !fits {
        return None;
    }
    let src = source::before(tokens, cue.aux, floor);
    Some((c, src, Rule::CueThenQuote))
}

/// “…,” Ward said, “…”: the quotation that resumes right after the attribution of
/// quotation `q`, in the same sentence.
fn resumed(
    tokens: &Tokens,
    quotations: &[Quoted],
    q: usize,
    cues: &[Cue],
    c: usize,
    src: Option<(usize, usize)>,
) -> Option<usize> {
    let toks = &tokens.toks;
    let next = quotations.get(q + 1)?;
    let cue = &cues[c];
    let attribution_end = src.map_or(cue.last, |s| s.1.max(cue.last));
    // "“…,” Ward said before adding: “…”": a second verb introduces the next quotation.
    if cues
        .iter()
        .any(|k| k.first > attribution_end && k.first < next.open)
    {
        return None;
    }
    let between: Vec<&str> = ((attribution_end + 1)..next.open)
        .map(|i| toks[i].lower.as_str())
        .collect();
    let same_paragraph = toks[next.open].para == toks[q_close(quotations, q)].para;
    // An interrupted quote opens its sentence (or follows a colon); a quoted phrase
    // inside the writer's sentence ("having to “pay homage”, he said: “…”") does not
    // go on after the attribution: the next quotation is the verb's own.
    let this = &quotations[q];
    let sentence_start = tokens.sentences[tokens.sentence_of[this.open]].start;
    let opens = this.open == sentence_start || toks[this.open - 1].is(":");
    if !opens {
        return None;
    }
    let ok = same_paragraph
        && matches!(between.last(), Some(&",") | Some(&":") | Some(&"—"))
        && between.len() <= 6
        && !between.iter().any(|w| matches!(*w, "." | "!" | "?"));
    ok.then_some(q + 1)
}

/// The quotation joined to quotation `q` by "and" or "or" in its sentence ("the crowd
/// chanted, “Fix the bridge,” and “Cut the toll.”"): one verb introduces both, and
/// coders mark them as one quote.
fn joined_by_and(tokens: &Tokens, quotations: &[Quoted], q: usize) -> Option<usize> {
    let toks = &tokens.toks;
    let this = &quotations[q];
    let next = quotations.get(q + 1)?;
    let between: Vec<&str> = (this.close + 1..next.open)
        .map(|i| toks[i].lower.as_str())
        .collect();
    let joined = matches!(
        between.as_slice(),
        ["and" | "or"] | [",", "and" | "or"] | ["and" | "or", ","] | [",", "and" | "or", ","]
    );
    let same_sentence = tokens.sentence_of[next.open] == tokens.sentence_of[this.close]
        && toks[next.open].para == toks[this.close].para;
    (joined && same_sentence).then_some(q + 1)
}

fn q_close(quotations: &[Quoted], q: usize) -> usize {
    quotations[q].close
}

/// Quotations with no attribution of their own that continue the speaker of the
/// attributed quotation just before them: one opening a sentence with no verb of its own
/// (the same or the next paragraph), or one resuming right after the attribution in its
/// paragraph (see `resumes_after`).
fn continued(
    tokens: &Tokens,
    quotations: &[Quoted],
    cues: &[Cue],
    used: &mut [bool],
    found: &mut [Found],
) {
    let toks = &tokens.toks;
    for q in 0..quotations.len() {
        if used[q] {
            continue;
        }
        let quote = &quotations[q];
        let para = toks[quote.open].para;
        let previous = found
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.rule != Rule::Unattributed
                    && f.content.last().is_some_and(|c| c.1 < quote.open)
                    && f.content.last().is_some_and(|c| para - toks[c.1].para <= 1)
            })
            .max_by_key(|(_, f)| f.content.last().map(|c| c.1))
            .map(|(i, _)| i);
        let Some(previous) = previous else {
            continue;
        };
        // Nothing else may be said between them.
        let last_before = found[previous].content.last().map_or(0, |c| c.1);
        if found.iter().any(|f| {
            f.content
                .first()
                .is_some_and(|c| c.0 > last_before && c.0 < quote.open)
        }) {
            continue;
        }
        let starts_sentence = tokens.sentences[tokens.sentence_of[quote.open]].start == quote.open;
        let cue_in_sentence = cues.iter().any(|c| {
            tokens.sentence_of[c.first] == tokens.sentence_of[quote.open]
                || tokens.sentence_of[c.first] == tokens.sentence_of[quote.close]
        });
        let goes_on = starts_sentence && !cue_in_sentence;
        if !goes_on && !resumes_after(tokens, quote, &found[previous], cues) {
            continue;
        }
        used[q] = true;
        // The quote goes on: one quote in pieces, as coders mark it.
        let f = &mut found[previous];
        f.content.push((quote.open, quote.close));
        f.rule = Rule::Interrupted;
    }
}

/// Whether quotation `quote` goes on with quote `f`, whose attribution follows it, in
/// the same paragraph: right after the attribution ("“…,” Ward told the Courier on
/// Monday, “…”", "“…,” she said “…”") or in the next sentence, which no verb of its own
/// attributes ("“…,” Ward said outside the hall. But “…”").
fn resumes_after(tokens: &Tokens, quote: &Quoted, f: &Found, cues: &[Cue]) -> bool {
    let toks = &tokens.toks;
    let (Some(c), Some(&(_, last))) = (f.cue, f.content.last()) else {
        return false;
    };
    let trailing = matches!(f.rule, Rule::QuoteThenCue | Rule::Interrupted);
    let attribution_end = f.source.map_or(cues[c].last, |s| s.1.max(cues[c].last));
    if !trailing
        || attribution_end < last
        || attribution_end >= quote.open
        || toks[attribution_end].para != toks[quote.open].para
        || names_a_work(tokens, quote)
    {
        return false;
    }
    let sentence = tokens.sentence_of[quote.open];
    let own_cue = cues.iter().enumerate().any(|(i, k)| {
        let outside = k.first < quote.open || k.first > quote.close;
        let near = (k.first > attribution_end && k.first < quote.open)
            || tokens.sentence_of[k.first] == sentence
            || tokens.sentence_of[k.first] == tokens.sentence_of[quote.close];
        i != c && outside && near
    });
    if own_cue {
        return false;
    }
    let attribution_sentence = tokens.sentence_of[attribution_end];
    if attribution_sentence == sentence {
        // Right after the verb and source, or after what they said it to and when, up
        // to a comma ("told the Courier on Monday, “…”"); not a quoted word further on
        // ("said of the “surge” plan").
        let gap: Vec<&str> = (attribution_end + 1..quote.open)
            .map(|i| toks[i].lower.as_str())
            .collect();
        let plain = gap
            .iter()
            .all(|w| !matches!(*w, "." | "!" | "?" | ";" | "that"));
        plain
            && gap.len() <= 12
            && matches!(gap.last(), None | Some(&",") | Some(&":") | Some(&"—"))
    } else {
        // A quoted word or two in the next sentence is the writer's ("… the “gifts”").
        let words = (quote.open..quote.close)
            .filter(|&i| toks[i].is_word())
            .count();
        sentence == attribution_sentence + 1
            && quote.open - tokens.sentences[sentence].start <= 12
            && words >= 4
    }
}

/// Words before a quotation that make it a title of a work, not somebody's words
/// ("the film “Harbour Lights”").
const WORK_WORDS: &[&str] = &[
    "film",
    "movie",
    "book",
    "novel",
    "song",
    "album",
    "show",
    "series",
    "programme",
    "program",
    "play",
    "musical",
    "opera",
    "poem",
    "article",
    "column",
    "essay",
    "report",
    "documentary",
    "episode",
    "podcast",
    "newspaper",
    "magazine",
    "titled",
    "entitled",
    "headlined",
    "single",
    "painting",
    "exhibition",
    "campaign",
    "slogan",
    "hashtag",
    "memoir",
    "autobiography",
    "biography",
    "ad",
    "advert",
    "commercial",
    "spot",
    "video",
    "blog",
    "newsletter",
    "sitcom",
    "sequel",
];

/// Whether every word of a quotation is capitalised, as in a title ("The Long Night of
/// the Harbour"; small words aside).
fn is_title_case(tokens: &Tokens, q: &Quoted) -> bool {
    let small = [
        "of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with", "or",
    ];
    let mut words = tokens.toks[q.open + 1..q.close]
        .iter()
        .filter(|t| t.is_word())
        .peekable();
    words.peek().is_some()
        && words.all(|t| t.cap || t.kind == Kind::Number || small.contains(&t.lower.as_str()))
}

/// Whether a title-case quotation inside the writer's sentence names a show or a work:
/// after a possessive ("Channel 4’s “Morning Desk”"), a work word ("the show “City
/// Talk”") or the preposition that places an appearance or a role ("on “Morning Desk”",
/// "host of “The Week”", "an interview with “City Talk”", "starred in “Harbour
/// Lights”"). A title after "titled" is left to the rules: coders mark it as the
/// verb's content.
fn names_a_work(tokens: &Tokens, q: &Quoted) -> bool {
    let Some(before) = q.open.checked_sub(1).map(|i| &tokens.toks[i]) else {
        return false;
    };
    let word = before.lower.as_str();
    let placed = matches!(word, "on" | "of" | "with" | "in")
        || word.ends_with("'s")
        || names_what_follows(word);
    placed && is_title_case(tokens, q) || work_in_apposition(tokens, q)
}

/// Whether a word names a work the quotation after it is the title of ("his memoir “…”").
/// "titled" and its kin are left out: coders mark what follows them as the verb's content.
fn names_what_follows(word: &str) -> bool {
    WORK_WORDS.contains(&word) && !matches!(word, "titled" | "entitled" | "headlined")
}

/// Whether a title-case quotation stands in apposition to a work word, set off by a
/// comma ("in his 2019 memoir, “Harbour Days,” she wrote", "One ad, “Fair Fares,” shows
/// …"): the writer names the work; the verb nearby is not its source's.
fn work_in_apposition(tokens: &Tokens, q: &Quoted) -> bool {
    let toks = &tokens.toks;
    let comma = q.open.checked_sub(1).filter(|&i| toks[i].is(","));
    let work = comma
        .and_then(|i| i.checked_sub(1))
        .is_some_and(|i| names_what_follows(&toks[i].lower));
    work && is_title_case(tokens, q)
}

/// Whether a quotation is the title of a piece credited to its author right after it
/// ("“Ferry fares to rise in spring,” by the Courier's Ana Ruiz", "according to “Harbour
/// Days” by Tomas Ferrand"): a headline or a book, not somebody's words.
fn credited_work(tokens: &Tokens, q: &Quoted) -> bool {
    let toks = &tokens.toks;
    let mut k = q.close + 1;
    if toks.get(k).is_some_and(|t| t.is(",")) {
        k += 1;
    }
    let same_para = |i: usize| toks.get(i).is_some_and(|t| t.para == toks[q.close].para);
    if !same_para(k) || !toks[k].is("by") {
        return false;
    }
    let mut name = k + 1;
    if toks.get(name).is_some_and(|t| t.is("the")) {
        name += 1;
    }
    same_para(name) && toks[name].cap && toks[name].kind == Kind::Word
}

/// Whether a quotation names a work or is a nickname: every word capitalised and a
/// work word or possessive before it ("the film “Harbour Lights”", "Fox’s “Hannity”"),
/// or set between the parts of a name (Dwayne “The Rock” Johnson).
fn is_title_or_nickname(tokens: &Tokens, q: &Quoted) -> bool {
    let toks = &tokens.toks;
    let words = toks[q.open + 1..q.close]
        .iter()
        .filter(|t| t.is_word())
        .count();
    let title_case = is_title_case(tokens, q);
    let before = q.open.checked_sub(1).map(|i| &toks[i]);
    let after = toks.get(q.close + 1);
    let work_before = before.is_some_and(|b| {
        WORK_WORDS.contains(&b.lower.as_str()) || b.lower.ends_with("'s") || b.lower == "called"
    });
    let nickname = before.is_some_and(|b| b.cap && b.kind == Kind::Word)
        && after.is_some_and(|a| a.cap && a.kind == Kind::Word);
    title_case && (work_before || nickname || words <= 4 && before.is_some_and(|b| b.cap))
}

/// Quoted words and phrases no rule attributed and no found quote contains: a quote of
/// an unnamed source or a quoted word (“ignorant”), unless it names a work or a
/// nickname. The speaker is left to the coder. A quotation the writer's clause hands
/// over with a colon is attributed to that clause (see `colon_clause`), whose colon is
/// added to `cues`.
pub fn unattributed(
    tokens: &Tokens,
    quotations: &[Quoted],
    used: &[bool],
    found: &[Found],
    cues: &mut Vec<Cue>,
) -> Vec<Found> {
    let inside = |q: &Quoted| {
        found
            .iter()
            .any(|f| f.content.iter().any(|&(a, b)| a <= q.open && q.close <= b))
    };
    let mut loose = Vec::new();
    for (q, _) in quotations.iter().zip(used).filter(|(q, used)| {
        !**used
            && q.close > q.open + 1
            && !inside(q)
            && !is_title_or_nickname(tokens, q)
            && !names_a_work(tokens, q)
            && !credited_work(tokens, q)
    }) {
        let clause = colon_clause(tokens, q);
        let cue = clause.map(|c| {
            cues.push(c);
            cues.len() - 1
        });
        loose.push(Found {
            content: vec![(q.open, q.close)],
            cue,
            source: None,
            rule: if cue.is_some() {
                Rule::Colon
            } else {
                Rule::Unattributed
            },
            confidence: unattributed_confidence(tokens, q),
        });
    }
    loose
}

/// Tokens of the writer's clause before a colon that an attribution spans at most.
const MAX_COLON_CLAUSE: usize = 12;

/// The clause that hands a quotation over with a colon ("Her reply was: “…”", "The rally
/// had one message: “…”"): a cue at the colon whose attribution spans the clause back
/// to its sentence's start or a comma — where coders mark the source and cue of such a
/// quote. None when no colon stands right before the quotation or no word before it.
fn colon_clause(tokens: &Tokens, q: &Quoted) -> Option<Cue> {
    let toks = &tokens.toks;
    let colon = q.open.checked_sub(1).filter(|&i| toks[i].is(":"))?;
    let sentence_start = tokens.sentences[tokens.sentence_of[colon]].start;
    let mut start = colon;
    while start > sentence_start
        && colon - start < MAX_COLON_CLAUSE
        && toks[start - 1].kind != Kind::Quote
        && !matches!(toks[start - 1].lower.as_str(), "," | ";" | "—" | "–")
    {
        start -= 1;
    }
    (start..colon).any(|i| toks[i].is_word()).then(|| Cue {
        first: colon,
        last: colon,
        aux: start,
        marker: false,
        noun: false,
        verb: None,
        lemma: ":".to_owned(),
        weight: 0.5,
    })
}

/// How likely a quotation with no attribution is a quote a coder marks, by its length:
/// on PolNeAR's train split about two in three quoted sentences (nine words or more) are
/// somebody's words left to the context, but only about one in five shorter quoted
/// phrases and one in ten quoted words is a quote of its own (the rest are the writer's
/// scare quotes, names or parts of a longer quote that the rules attribute already).
///
/// A shorter quotation the writer's sentence hands over with a colon ("the rally had one
/// message: “Dump the plan.”", "her reply was: “Not this year.”") is presented as what was
/// said or written, like a quote after its verb: on train about four in five of them are
/// coded quotes.
fn unattributed_confidence(tokens: &Tokens, q: &Quoted) -> f32 {
    let words = tokens.toks[q.open + 1..q.close]
        .iter()
        .filter(|t| t.is_word())
        .count();
    let after_colon = q
        .open
        .checked_sub(1)
        .is_some_and(|i| tokens.toks[i].is(":"));
    match words {
        _ if words >= 9 => 0.6,
        _ if after_colon => 0.5,
        0..=1 => 0.1,
        _ => 0.25,
    }
}
