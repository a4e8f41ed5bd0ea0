//! Sources: the noun phrase that says who is speaking ("Mr Ward", "a spokeswoman for the
//! council, Ana Ruiz,", "he"), found beside a cue without a parser: words are taken
//! leftwards (or rightwards after an inverted "said Ward") until a clause boundary.

use super::cue::{AUXILIARIES, CONTRACTED};
use super::token::{Kind, Tokens};

/// Words that begin a new clause, so a source never reaches past them.
const CLAUSE_WORDS: &[&str] = &[
    "that",
    "but",
    "when",
    "while",
    "as",
    "because",
    "if",
    "after",
    "before",
    "since",
    "so",
    "although",
    "though",
    "whereas",
    "where",
    "whom",
    "unless",
    "until",
    "or",
    "nor",
    "than",
    "then",
    "how",
    "what",
    "why",
    "whether",
    "yet",
    "once",
    "and",
    "also",
    "however",
    "meanwhile",
    "instead",
    "thus",
    "therefore",
    "moreover",
    "indeed",
    "later",
    "earlier",
    "still",
    "now",
    "today",
    "yesterday",
    "tonight",
    "here",
    "there",
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "will",
    "would",
    "to",
    "not",
    "could",
    "should",
    "can",
    "may",
    "might",
    "did",
    "does",
    "do",
    "be",
    "been",
];

/// The words of connectives that a writer sets in commas between a source and its verb
/// ("Ward, however, said", "Ruiz, for her part, said"): no part of who speaks.
const CONNECTIVE_WORDS: &[&str] = &[
    "however",
    "meanwhile",
    "though",
    "too",
    "instead",
    "therefore",
    "also",
    "nevertheless",
    "moreover",
    "indeed",
    "then",
    "again",
    "in",
    "turn",
    "fact",
    "for",
    "his",
    "her",
    "their",
    "its",
    "part",
    "by",
    "contrast",
    "example",
    "instance",
    "response",
    "meantime",
    "the",
    "likewise",
    "similarly",
    "nonetheless",
    "furthermore",
    "anyway",
    "still",
];

/// Adverbs that open a source without being part of who speaks ("Even her own council
/// admitted", "Only Ward said").
const FOCUS_WORDS: &[&str] = &["even", "only", "just", "perhaps", "certainly"];

/// Adverbs that go with a verb ("have already hung"), never inside a noun phrase.
const VERB_ADVERBS: &[&str] = &[
    "already",
    "never",
    "recently",
    "previously",
    "repeatedly",
    "often",
    "once",
    "just",
];

/// Verbs after which an opening "it" is a placeholder ("It is unclear how …"), not a
/// subject.
const EXPLETIVE_VERBS: &[&str] = &[
    "is", "was", "seems", "seemed", "appears", "appeared", "remains", "remained",
];

/// Prepositions that end a source when read leftwards ("In 2015 he said" → "he").
pub(super) const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "during", "after", "before", "with", "without", "by", "about", "into",
    "through", "over", "under", "against", "upon", "via", "across", "amid", "despite", "toward",
    "towards", "like", "unlike", "per", "to",
];

/// Pronouns that are a whole source by themselves.
pub const SUBJECT_PRONOUNS: &[&str] = &[
    "he", "she", "they", "i", "we", "you", "it", "who", "which", "one", "everyone", "nobody",
    "someone", "somebody", "anyone", "others", "many", "some", "most", "both", "few", "all",
];

/// Tokens a source is made of, read leftwards from the cue; the longest a source gets.
const MAX_SOURCE_TOKENS: usize = 14;

/// Whether token `i` ends a source read leftwards.
fn is_boundary(tokens: &Tokens, i: usize) -> bool {
    let t = &tokens.toks[i];
    match t.kind {
        Kind::Quote => true,
        Kind::Punct => !matches!(t.lower.as_str(), "." | "&" | "'" | "’"),
        Kind::Word if t.cap => false,
        Kind::Word => {
            CLAUSE_WORDS.contains(&t.lower.as_str()) || PREPOSITIONS.contains(&t.lower.as_str())
        }
        Kind::Number => false,
    }
}

/// The source before a cue whose auxiliaries start at token `aux`, not reaching before
/// token `floor`: the subject of "Mr Ward has said", with an appositive between commas
/// ("Ana Ruiz, a council spokeswoman, said") and the antecedent of "who said"
/// ("Ward, who said" → "Ward, who"). Token range, inclusive.
pub fn before(tokens: &Tokens, aux: usize, floor: usize) -> Option<(usize, usize)> {
    if aux <= floor {
        return None;
    }
    let toks = &tokens.toks;
    let end = aux - 1;
    let para = toks[aux].para;
    if toks[end].para != para {
        return None;
    }
    if toks[end].kind == Kind::Word
        && SUBJECT_PRONOUNS.contains(&toks[end].lower.as_str())
        && !matches!(toks[end].lower.as_str(), "who" | "which")
    {
        return Some((end, end));
    }
    if matches!(toks[end].lower.as_str(), "who" | "which") {
        // "Ward, who said" (or "Ward - who said"): the antecedent is the source, written
        // up to "who".
        let comma = end
            .checked_sub(1)
            .filter(|&c| c >= floor && matches!(toks[c].lower.as_str(), "," | "-" | "—" | "–"));
        // "traders who describe it as …": with no comma, the plural noun before "who"
        // and its phrase (a group speaks; "a host who has been critical" is an aside).
        let plural = end.checked_sub(1).is_some_and(|p| {
            p >= floor && toks[p].kind == Kind::Word && !toks[p].cap && is_plural(&toks[p].lower)
        });
        let head = match comma {
            Some(c) => name_left(tokens, c, floor).or_else(|| phrase_left(tokens, c, floor)),
            None if plural => phrase_left(tokens, end, floor),
            None => None,
        };
        return Some(head.map_or((end, end), |(a, _)| (a, end)));
    }
    if toks[end].is(",") {
        return appositive(tokens, end, floor);
    }
    if is_dash(&toks[end].lower) {
        return aside(tokens, end, floor);
    }
    phrase_left(tokens, aux, floor)
}

/// Whether a word reads as a plural noun, a group that speaks ("analysts", "fishermen",
/// "people"), not a possessive.
pub(super) fn is_plural(word: &str) -> bool {
    word.ends_with('s') && !word.ends_with("'s") && !word.ends_with("’s")
        || word.ends_with("men")
        || matches!(word, "people" | "police" | "children")
}

fn is_dash(word: &str) -> bool {
    matches!(word, "-" | "—" | "–")
}

/// "The former president - who also made claims about Ward - described": the phrase
/// before an aside set in dashes that ends at token `dash`.
fn aside(tokens: &Tokens, dash: usize, floor: usize) -> Option<(usize, usize)> {
    let toks = &tokens.toks;
    let open = (floor..dash)
        .rev()
        .take_while(|&k| !matches!(toks[k].lower.as_str(), "." | "!" | "?" | ";"))
        .find(|&k| is_dash(&toks[k].lower))?;
    phrase_left(tokens, open, floor)
}

/// The noun phrase ending just before token `before`, read leftwards.
fn phrase_left(tokens: &Tokens, before: usize, floor: usize) -> Option<(usize, usize)> {
    let toks = &tokens.toks;
    let end = before.checked_sub(1)?;
    if end < floor || toks[end].para != toks[before].para || is_boundary(tokens, end) {
        return None;
    }
    let mut start = end;
    loop {
        while start > floor
            && end - start + 1 < MAX_SOURCE_TOKENS
            && toks[start - 1].para == toks[end].para
            && !is_boundary(tokens, start - 1)
        {
            start -= 1;
        }
        // "Observers in Veridia’s capital say": a plural noun before the preposition
        // is the source, the place its complement.
        let group = start >= floor + 2
            && matches!(
                toks[start - 1].lower.as_str(),
                "in" | "at" | "from" | "for" | "on"
            )
            && toks[start - 2].kind == Kind::Word
            && is_plural(&toks[start - 2].lower)
            && !is_boundary(tokens, start - 2);
        if !group {
            break;
        }
        start -= 2;
    }
    // "Her allies have already hung banners reading …": an adverb of a verb inside the
    // phrase means the verb after it is there too; the source is what follows the verb.
    // The sentence's subject before the adverb is who acts — and speaks ("Ruiz’s allies
    // have already hung banners reading “…”" → "Ruiz’s allies"), else the phrase after
    // the verb.
    if let Some(k) = (start..end.saturating_sub(1))
        .rev()
        .find(|&k| VERB_ADVERBS.contains(&toks[k].lower.as_str()))
    {
        let first = tokens.sentences[tokens.sentence_of[k]].start.max(floor);
        if let Some(subject) = subject(tokens, first, k) {
            return Some(subject);
        }
        start = k + 2;
    }
    // A capitalised clause word or preposition starting the sentence ("But", "In 2015")
    // is not part of the source, nor is a relative pronoun ("which Mr Ward claimed").
    while start < end && {
        let w = toks[start].lower.as_str();
        CLAUSE_WORDS.contains(&w)
            || PREPOSITIONS.contains(&w)
            || FOCUS_WORDS.contains(&w)
            || matches!(w, "which" | "who")
    } {
        start += 1;
    }
    Some((start, end))
}

/// The capitalised words ending just before token `before` ("It angered Gregor Ward,"
/// → "Gregor Ward").
fn name_left(tokens: &Tokens, before: usize, floor: usize) -> Option<(usize, usize)> {
    let toks = &tokens.toks;
    let end = before.checked_sub(1)?;
    let is_name = |t: &super::token::Token| t.kind == Kind::Word && t.cap || t.is(".");
    if end < floor || !is_name(&toks[end]) {
        return None;
    }
    let mut start = end;
    while start > floor && is_name(&toks[start - 1]) && toks[start - 1].para == toks[end].para {
        start -= 1;
    }
    (start > floor || !toks[start].is(".")).then_some((start, end))
}

/// "NAME, APPOSITIVE, said": the name with its appositive, commas included.
fn appositive(tokens: &Tokens, comma: usize, floor: usize) -> Option<(usize, usize)> {
    let toks = &tokens.toks;
    let mut k = comma;
    let mut words = 0;
    while k > floor {
        k -= 1;
        if toks[k].is(",") {
            let name = phrase_left(tokens, k, floor)?;
            // "The mayor, who has long feuded with Ward, said": a relative clause tells
            // about the source, whose names are not the speaker's.
            let relative = toks
                .get(k + 1)
                .is_some_and(|t| matches!(t.lower.as_str(), "who" | "which"));
            // "Ward, however, said": a connective set in commas is not an appositive.
            let connective =
                (k + 1..comma).all(|i| CONNECTIVE_WORDS.contains(&toks[i].lower.as_str()));
            let end = if relative || connective {
                name.1
            } else {
                comma
            };
            return (words > 0).then_some((name.0, end));
        }
        if matches!(toks[k].kind, Kind::Quote)
            || toks[k].is(".")
            || toks[k].para != toks[comma].para
        {
            return None;
        }
        words += 1;
        if words > MAX_SOURCE_TOKENS {
            return None;
        }
    }
    None
}

/// Whether tokens `gap` between a source and its cue are only what a writer sets between
/// them without starting anything of its own: commas, connectives ("Ward, however,
/// said") and adverbs ("Ward has now offered", "Ruiz angrily said"). A verb with its
/// object ("Ward continued his critiques, saying"), an aside in dashes or a clause is
/// not, so the source and the cue are two pieces of the attribution.
pub fn only_asides(tokens: &Tokens, gap: std::ops::Range<usize>) -> bool {
    tokens.toks.get(gap).is_some_and(|between| {
        between.iter().all(|t| match t.kind {
            Kind::Punct => t.is(","),
            Kind::Word => {
                let w = t.lower.as_str();
                !t.cap
                    && (CONNECTIVE_WORDS.contains(&w)
                        || VERB_ADVERBS.contains(&w)
                        || AUXILIARIES.contains(&w)
                        || w.len() > 4 && w.ends_with("ly"))
            }
            Kind::Number | Kind::Quote => false,
        })
    })
}

/// The source after an inverted cue ("…,” said Ana Ruiz, a spokeswoman.), from token
/// `from`, ending before the sentence's last token `last` stop or a comma.
pub fn after(tokens: &Tokens, from: usize, last: usize) -> Option<(usize, usize)> {
    let toks = &tokens.toks;
    if from > last || toks[from].kind != Kind::Word {
        return None;
    }
    let mut end = from;
    while end < last
        && end + 1 - from < MAX_SOURCE_TOKENS
        && toks[end + 1].para == toks[from].para
        && (toks[end + 1].is_word() || toks[end + 1].is(",") && end + 2 <= last)
    {
        end += 1;
    }
    while end > from && toks[end].is(",") {
        end -= 1;
    }
    Some((from, end))
}

/// The subject opening the sentence that starts at token `first`, for a verb or noun
/// whose own subject is elsewhere ("Ward visited the quay and says …", "The mayor
/// repeated her accusation that …"): a pronoun, a run of capitalised words, or "the"
/// with the few words of its noun. `None` when the sentence opens otherwise.
pub fn subject(tokens: &Tokens, first: usize, before: usize) -> Option<(usize, usize)> {
    let toks = &tokens.toks;
    // "Earlier this year, Mr Ward …": a fronted adverbial up to its comma is skipped.
    let opener = toks.get(first).map(|t| t.lower.as_str());
    let adverbial = opener.is_some_and(|w| {
        PREPOSITIONS.contains(&w)
            || CLAUSE_WORDS.contains(&w)
            || matches!(w, "last" | "this" | "on" | "for" | "asked" | "speaking")
    });
    let first = match (first..before.min(first + 8)).find(|&k| toks[k].is(",")) {
        Some(comma) if adverbial => comma + 1,
        _ => first,
    };
    let t = toks.get(first).filter(|_| first < before)?;
    if t.kind != Kind::Word {
        return None;
    }
    if t.lower == "it"
        && toks
            .get(first + 1)
            .is_some_and(|n| EXPLETIVE_VERBS.contains(&n.lower.as_str()))
    {
        // "It is unclear how far it goes, given Ward’s record of attacking the plan,
        // once calling it …": no subject; the person whose record it is, if named.
        return possessive_name(tokens, first + 1, before);
    }
    if SUBJECT_PRONOUNS.contains(&t.lower.as_str()) {
        return Some((first, first));
    }
    let article = matches!(t.lower.as_str(), "the" | "a" | "an");
    if !t.cap && !article {
        return None;
    }
    let mut end = first;
    while end + 1 < before
        && toks[end + 1].para == t.para
        && (toks[end + 1].cap && toks[end + 1].kind == Kind::Word || toks[end + 1].is("."))
    {
        end += 1;
    }
    // "Ruiz’s activist allies have …": a possessive name is the owner of the noun that
    // follows it, which is the subject, with the name it may go on to ("Ruiz’s deputy
    // Ana Lind").
    let possessive = toks[end].lower.ends_with("s'")
        || toks[end]
            .lower
            .strip_suffix("'s")
            .is_some_and(|stem| !CONTRACTED.contains(&stem));
    if (article && end == first) || possessive {
        // "The mayor repeated …": the noun's few words, up to an auxiliary or a verb form.
        let reach = end + 3;
        while end + 1 < before && end < reach && {
            let n = &toks[end + 1];
            n.kind == Kind::Word
                && (!possessive || !n.cap)
                && !CLAUSE_WORDS.contains(&n.lower.as_str())
                && !PREPOSITIONS.contains(&n.lower.as_str())
                && !n.lower.ends_with("ed")
        } {
            end += 1;
        }
        while possessive
            && end + 1 < before
            && toks[end + 1].cap
            && toks[end + 1].kind == Kind::Word
        {
            end += 1;
        }
    }
    (end > first || !article).then_some((first, end))
}

/// The capitalised name with a possessive ending nearest before token `before`, from
/// token `from` on ("Ward’s record" → "Ward’s").
fn possessive_name(tokens: &Tokens, from: usize, before: usize) -> Option<(usize, usize)> {
    let toks = &tokens.toks;
    let p = (from..before).rev().find(|&k| {
        let t = &toks[k];
        t.kind == Kind::Word && t.cap && t.lower.ends_with("'s")
    })?;
    let start = (from..p)
        .rev()
        .take_while(|&k| toks[k].kind == Kind::Word && toks[k].cap)
        .last()
        .unwrap_or(p);
    Some((start, p))
}

/// The source of a reporting noun at token `noun` ("his accusation", "Ward’s claim",
/// "the minister’s repeated warning"): the possessive just before it, else the
/// sentence's subject.
pub fn of_noun(tokens: &Tokens, noun: usize, first: usize) -> Option<(usize, usize)> {
    let toks = &tokens.toks;
    for p in (first.max(noun.saturating_sub(3))..noun).rev() {
        let w = toks[p].lower.as_str();
        if matches!(w, "his" | "her" | "their" | "its" | "our" | "my") {
            return Some((p, p));
        }
        if w.ends_with("'s") || w.ends_with("s'") || w.ends_with("’s") || w.ends_with("s’") {
            let start = (first..p)
                .rev()
                .take_while(|&k| !is_boundary(tokens, k))
                .last()
                .unwrap_or(p);
            return Some((start, p));
        }
    }
    subject(tokens, first, noun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str, cue_word: &str) -> Option<String> {
        let t = Tokens::new(text);
        let i = t.toks.iter().position(|k| k.lower == cue_word)?;
        let floor = t.sentences[t.sentence_of[i]].start;
        before(&t, i, floor).map(|(a, b)| t.span_text(a, b))
    }

    #[test]
    fn subjects_stop_at_clause_boundaries() {
        assert_eq!(
            src("On Monday, Mr. Ward said no.", "said").as_deref(),
            Some("Mr. Ward")
        );
        assert_eq!(src("In 2015 he said no.", "said").as_deref(), Some("he"));
        assert_eq!(
            src(
                "The bill passed but veteran analyst Ana Ruiz said no.",
                "said"
            )
            .as_deref(),
            Some("veteran analyst Ana Ruiz")
        );
        assert_eq!(
            src("Ana Ruiz, a spokeswoman for the council, said no.", "said").as_deref(),
            Some("Ana Ruiz, a spokeswoman for the council,")
        );
        assert_eq!(
            src("It angered Ward, who said no.", "said").as_deref(),
            Some("Ward, who")
        );
        assert_eq!(src("“No,” said Ward.", "said"), None);
    }

    #[test]
    fn a_participle_after_what_the_subject_did_has_the_subject_as_source() {
        assert_eq!(
            src(
                "Sandel’s closest friends have already hung banners reading “Save our quay”.",
                "reading"
            )
            .as_deref(),
            Some("Sandel’s closest friends")
        );
    }

    #[test]
    fn inverted_sources_run_to_the_stop() {
        let t = Tokens::new("“No,” said Ana Ruiz, a spokeswoman.");
        let said = t.toks.iter().position(|k| k.lower == "said").expect("said");
        let last = t.toks.len() - 2;
        let (a, b) = after(&t, said + 1, last).expect("source");
        assert_eq!(t.span_text(a, b), "Ana Ruiz, a spokeswoman");
    }
}
