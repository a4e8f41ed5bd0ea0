//! Speakers: who a source is, resolved within the article. "he", "she", "Mr Ward" and
//! "the minister" become the full name introduced earlier ("Gregor Ward"); a source with
//! nothing to resolve to is kept as written.
//!
//! Names are runs of capitalised words, with titles ("Mr", "Sen.") and capitalised
//! roles ("Transport Minister") split off; a title or role gives the name a gender or a
//! role that later pronouns and role nouns ("the minister") are matched against.

use super::token::{Kind, Tokens};
use crate::model::{Gender, Lexicon};
use std::collections::HashMap;

/// Capitalised words that start sentences without being names.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "in",
    "on",
    "at",
    "for",
    "with",
    "as",
    "after",
    "before",
    "when",
    "while",
    "if",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "there",
    "here",
    "then",
    "so",
    "yet",
    "also",
    "however",
    "meanwhile",
    "still",
    "now",
    "today",
    "yesterday",
    "last",
    "next",
    "former",
    "both",
    "all",
    "some",
    "many",
    "most",
    "several",
    "one",
    "according",
    "speaking",
    "asked",
    "earlier",
    "later",
    "despite",
    "during",
    "since",
    "because",
    "although",
    "though",
    "what",
    "who",
    "why",
    "how",
    "where",
    "even",
    "just",
    "only",
    "not",
    "no",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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
    "from",
    "by",
    "of",
    "to",
    "instead",
    "asked",
    "whether",
    "would",
    "will",
    "do",
    "does",
    "did",
    "is",
    "was",
    "are",
    "were",
    "yes",
    "oh",
    "well",
    "thanks",
    "please",
    "dear",
    "let",
    "every",
    "each",
    "other",
    "another",
    "under",
    "over",
    "about",
    "without",
    "within",
    "among",
    "between",
    "into",
    "recently",
    "finally",
    "ultimately",
    "similarly",
    "previously",
    "currently",
    "apparently",
    "unfortunately",
    "fortunately",
    "additionally",
    "initially",
    "separately",
    "notably",
    "eventually",
    "indeed",
    "again",
    "lately",
    "likewise",
    "nevertheless",
    "nonetheless",
    "moreover",
    "furthermore",
    "otherwise",
    "perhaps",
    "certainly",
    "clearly",
    "obviously",
    "ironically",
    "specifically",
    "already",
    // Prepositions opening a sentence ("Along with Ward, he …", "Through his
    // announcement, Ruiz …").
    "along",
    "through",
    "throughout",
    "around",
    "across",
    "against",
    "amid",
    "beyond",
    "toward",
    "towards",
    "upon",
    "via",
    "like",
    "unlike",
    "following",
    "including",
];

/// Prepositions after which a name is a place or body the source belongs to ("the
/// mayor of Port Halden"), not the source.
const COMPLEMENT_WORDS: &[&str] = &["of", "in", "from", "for", "at", "with", "to", "on"];

/// Lower-case words that may sit inside a name ("Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "bin", "al", "da", "di", "du", "del", "la", "le", "dos",
    "das",
];

/// A person or organisation named in the text.
#[derive(Clone, Debug)]
struct Name {
    /// First token of the name, after any title.
    first: usize,
    /// Last token.
    last: usize,
    /// The name as written, possessive ending removed ("Gregor Ward").
    full: String,
    /// Its last word, lower case: what "Mr Ward" or "Ward" is matched on.
    key: String,
    /// How many words the name has.
    words: usize,
    /// Gender shown by a title or role beside it.
    gender: Option<Gender>,
    /// Roles written beside it ("minister"), lower case.
    roles: Vec<String>,
    /// Whether an organisation word makes it a body, not a person.
    organisation: bool,
    /// Whether it ends in a possessive ("Ward’s"), so it qualifies another noun.
    possessive: bool,
    /// Whether it is the first name of its sentence: a likely subject.
    subject: bool,
    /// Whether it is one word capitalised only because it opens its sentence or headline,
    /// written in lower case elsewhere in the article ("Quay row deepens … the quay"):
    /// a common noun, nobody a pronoun can refer to.
    common: bool,
}

/// The names of one article and what has been learnt about them while resolving.
pub struct People<'a> {
    names: Vec<Name>,
    /// Names with a title or role written inside quotations ("… with President Ward"):
    /// never speakers themselves, but they tell who holds a role.
    quoted_titled: Vec<Name>,
    lexicon: &'a Lexicon,
    /// Gender learnt from pronouns already resolved, by name key.
    learnt: HashMap<String, Gender>,
    /// Keys of names already resolved as speakers, with the token where they spoke.
    spoke: Vec<(usize, String)>,
}

impl<'a> People<'a> {
    /// Finds every name outside quotations (`quoted[i]` says a token is inside one).
    pub fn new(tokens: &Tokens, lexicon: &'a Lexicon, quoted: &[bool]) -> People<'a> {
        let mut names = Vec::new();
        let mut quoted_titled = Vec::new();
        let mut i = 0;
        while i < tokens.toks.len() {
            if quoted[i] {
                match name_at(tokens, lexicon, i) {
                    Some(name) => {
                        i = name.last + 1;
                        if !name.roles.is_empty() {
                            quoted_titled.push(name);
                        }
                    }
                    None => i += 1,
                }
                continue;
            }
            match name_at(tokens, lexicon, i) {
                Some(mut name) => {
                    // A name opening its sentence (after titles, roles, "The", "But")
                    // is its likely subject; one further in is usually an object.
                    let start = tokens.sentences[tokens.sentence_of[name.first]].start;
                    name.subject = (start..name.first).all(|k| {
                        let t = &tokens.toks[k];
                        t.cap || t.kind != Kind::Word || t.lower == "and"
                    });
                    name.common = name.words == 1
                        && name.first == start
                        && name.roles.is_empty()
                        && name.gender.is_none()
                        && lower_elsewhere(tokens, quoted, &name.full);
                    i = name.last + 1;
                    names.push(name);
                }
                None => i += 1,
            }
        }
        People {
            names,
            quoted_titled,
            lexicon,
            learnt: HashMap::new(),
            spoke: Vec::new(),
        }
    }

    /// The speaker a source stands for: tokens `a..=b` of the text.
    pub fn resolve(&mut self, tokens: &Tokens, (a, b): (usize, usize)) -> String {
        let written = clean(&tokens.span_text(a, b));
        let head = self.head_name(tokens, a, b);
        if let Some(joined) = head.and_then(|h| self.joined_name(tokens, h)) {
            return joined;
        }
        let found = match head {
            Some(h) => self.full_name(h),
            None if a == b => self.pronoun(tokens, a),
            None => self.role(tokens, a, b),
        };
        match found {
            Some((key, full)) => {
                self.spoke.push((a, key));
                full
            }
            None => written,
        }
    }

    /// The name that heads a source: the first one that ends the source or is followed by
    /// a comma, a bracket or "who", and is not a possessive inside it ("Ward’s aide").
    /// A name after a preposition ("the mayor of Port Halden, Eleni Papadaki") is a
    /// complement, taken only when no other name heads the source.
    fn head_name(&self, tokens: &Tokens, a: usize, b: usize) -> Option<usize> {
        let candidate = |n: &Name| {
            let ends = n.last == b
                || tokens.toks.get(n.last + 1).is_some_and(|t| {
                    matches!(t.lower.as_str(), "," | "(" | "who" | "-" | "—" | "–")
                });
            // A possessive ending the source is the speaker of a reporting noun
            // ("Ward’s claim that …"); inside it, it is not ("Ward’s aide").
            n.first >= a && n.last <= b && (!n.possessive || n.last == b) && ends
        };
        let complement = |n: &Name| {
            n.first > a && COMPLEMENT_WORDS.contains(&tokens.toks[n.first - 1].lower.as_str())
        };
        // "The Mayor of Kestrel Bay": a role before the complement heads the source, so
        // the place is not the speaker (the role resolves to the person).
        let role_heads = |n: &Name| {
            (a..n.first)
                .any(|k| Lexicon::person_word(&self.lexicon.roles, &tokens.toks[k].lower).is_some())
        };
        // "analysts in Veridia", "Traders in Elmsby": a common noun before the
        // preposition heads the source (capitalised only as its first word, a plural).
        let noun_heads = |n: &Name| {
            n.first >= a + 2 && {
                let k = n.first - 2;
                let t = &tokens.toks[k];
                let plural = k == a && super::source::is_plural(&t.lower);
                t.kind == Kind::Word && (!t.cap || plural)
            }
        };
        self.names
            .iter()
            .position(|n| candidate(n) && !complement(n))
            .or_else(|| {
                self.names.iter().position(|n| {
                    candidate(n) && !(complement(n) && (role_heads(n) || noun_heads(n)))
                })
            })
    }

    /// "The Port Halden Chamber of Commerce", "the Bank of Norland": a name joined by
    /// "of" to the name `k` is one name with it, written whole.
    fn joined_name(&self, tokens: &Tokens, k: usize) -> Option<String> {
        let n = &self.names[k];
        let of = n
            .first
            .checked_sub(1)
            .filter(|&o| tokens.toks[o].is("of"))?;
        let before = self.names[..k].iter().rev().find(|m| m.last + 1 == of)?;
        Some(tokens.span_text(before.first, n.last))
    }

    /// The fullest form of the name `k` used up to it ("Ward" → "Gregor Ward").
    fn full_name(&self, k: usize) -> Option<(String, String)> {
        let name = &self.names[k];
        let best = self.names[..=k]
            .iter()
            .filter(|n| n.key == name.key && n.words >= name.words)
            .max_by_key(|n| n.words)
            .unwrap_or(name);
        Some((name.key.clone(), best.full.clone()))
    }

    /// The person a pronoun at token `at` refers to: the latest subject name before it
    /// whose gender fits, else the latest name.
    fn pronoun(&mut self, tokens: &Tokens, at: usize) -> Option<(String, String)> {
        // A possessive ("his accusation") refers as its subject form does.
        let written = tokens.toks[at].lower.as_str();
        let subject = match written {
            "his" => "he",
            "her" => "she",
            "their" => "they",
            "its" => "it",
            other => other,
        };
        let word = Lexicon::person_word(&self.lexicon.pronouns, subject)?;
        let gender = word.gender?;
        let person = |n: &Name, learnt: &HashMap<String, Gender>| {
            !n.organisation
                && !n.common
                && n.gender
                    .or_else(|| learnt.get(&n.key).copied())
                    .is_none_or(|g| g == gender)
        };
        let fits = |n: &Name, learnt: &HashMap<String, Gender>| !n.possessive && person(n, learnt);
        let sentence = tokens.sentence_of[at];
        let before: Vec<usize> = (0..self.names.len())
            .rev()
            .filter(|&k| self.names[k].last < at)
            .collect();
        let recent_speaker = self
            .spoke
            .iter()
            .rev()
            .find(|(pos, _)| *pos < at && sentence - tokens.sentence_of[*pos] <= 3)
            .and_then(|(_, key)| before.iter().copied().find(|&k| self.names[k].key == *key));
        // The subject of this or the previous sentence ("Andreas Kyriou offered help.
        // “…,” he said"), else whoever spoke last, else the latest subject or name.
        let previous_subject = before.iter().copied().find(|&k| {
            let n = &self.names[k];
            n.subject && sentence - tokens.sentence_of[n.first] <= 1
        });
        // "Local taxi driver Dave Horne, 52, said …. “…,” he told us": a subject name
        // inside the source of the speaker who spoke in that sentence ("Local") is part
        // of the phrase naming the speaker, not somebody else.
        let inside_source = |k: usize| {
            let n = &self.names[k];
            self.spoke.iter().any(|(pos, key)| {
                *pos <= n.first
                    && tokens.sentence_of[*pos] == tokens.sentence_of[n.first]
                    && *key != n.key
            })
        };
        let previous_subject = previous_subject.filter(|&k| {
            !(inside_source(k)
                && recent_speaker.is_some_and(|r| fits(&self.names[r], &self.learnt)))
        });
        // "Trump’s campaign has been marred …. His comments include …": the owner opening
        // the sentence before is who "his" refers to.
        let owner_before = |k: usize| {
            let n = &self.names[k];
            written != subject
                && n.possessive
                && n.subject
                && sentence == tokens.sentence_of[n.first] + 1
                && person(n, &self.learnt)
        };
        let pick = previous_subject
            .filter(|&k| fits(&self.names[k], &self.learnt) || owner_before(k))
            .or(recent_speaker.filter(|&k| fits(&self.names[k], &self.learnt)))
            .or_else(|| {
                before
                    .iter()
                    .copied()
                    .find(|&k| self.names[k].subject && fits(&self.names[k], &self.learnt))
            })
            .or_else(|| {
                before
                    .iter()
                    .copied()
                    .find(|&k| fits(&self.names[k], &self.learnt))
            })?;
        let key = self.names[pick].key.clone();
        self.learnt.entry(key).or_insert(gender);
        self.full_name(pick)
    }

    /// The person a role noun ("the minister") refers to: the latest name written with
    /// that role, else the latest person who was a subject ("Ana Ruiz … The mayor said").
    fn role(&self, tokens: &Tokens, a: usize, b: usize) -> Option<(String, String)> {
        // "the then-president", "an ex-minister": the role after the hyphen.
        let role = (a..=b).rev().find_map(|i| {
            let word = tokens.toks[i].lower.as_str();
            let after_hyphen = word.rsplit('-').next().unwrap_or(word);
            Lexicon::person_word(&self.lexicon.roles, word)
                .or_else(|| Lexicon::person_word(&self.lexicon.roles, after_hyphen))
                .map(|r| r.word.to_lowercase())
        })?;
        // "A ministry spokeswoman said": somebody new, never somebody named before.
        if matches!(tokens.toks[a].lower.as_str(), "a" | "an" | "another") {
            return None;
        }
        let singular = matches!(tokens.toks[a].lower.as_str(), "the" | "this");
        let before = |k: &usize| self.names[*k].last < a;
        // Else the first name given that role later ("the city's mayor said …. Mayor
        // Hanna Lind called …"), else the latest subject with no other role who is a
        // person ("Ana Ruiz … The mayor said", but not "Transport Minister Gregor Ward
        // … the city's mayor said", nor "Traders say … The mayor said").
        let with_role = (0..self.names.len())
            .rev()
            .filter(before)
            .find(|&k| self.names[k].roles.contains(&role));
        // "… with President Trump,” Khan said. The then-US President …": a role written
        // with a name inside a quotation.
        if with_role.is_none()
            && let Some(q) = self
                .quoted_titled
                .iter()
                .rev()
                .find(|n| n.last < a && n.roles.contains(&role))
        {
            let best = self
                .names
                .iter()
                .filter(|n| n.key == q.key && n.words >= q.words)
                .max_by_key(|n| n.words)
                .unwrap_or(q);
            return Some((q.key.clone(), best.full.clone()));
        }
        let k = with_role
            .or_else(|| {
                (0..self.names.len())
                    .filter(|&k| self.names[k].first > b + 1)
                    .find(|&k| {
                        let title = &tokens.toks[self.names[k].first - 1].lower;
                        self.names[k].roles.contains(&role) && *title == role
                    })
            })
            .or_else(|| {
                let n = &self.names;
                (0..n.len()).rev().filter(before).find(|&k| {
                    singular
                        && n[k].subject
                        && !n[k].organisation
                        && !n[k].possessive
                        && n[k].roles.is_empty()
                        && (n[k].words >= 2 || n[k].gender.is_some())
                })
            })?;
        self.full_name(k)
    }
}

/// A source as written, without commas at its ends nor the "who" of a relative clause
/// ("traders who" → "traders").
pub fn clean(s: &str) -> String {
    let trim = |s: &str| {
        s.trim_matches(|c: char| c == ',' || c == '-' || c == '—' || c.is_whitespace())
            .to_owned()
    };
    let written = trim(s);
    match written.rsplit_once(' ') {
        Some((head, "who" | "which")) => trim(head),
        _ => written,
    }
}

/// Whether the writer uses `word` in lower case outside quotations (a quoted "trump"
/// is a pun, not the writer's noun).
fn lower_elsewhere(tokens: &Tokens, quoted: &[bool], word: &str) -> bool {
    let word = word.to_lowercase();
    tokens.toks.iter().enumerate().any(|(i, t)| {
        !t.cap && t.kind == Kind::Word && t.lower == word && !quoted.get(i).copied().unwrap_or(true)
    })
}

/// Whether token `i` is a capitalised word that can be part of a name.
fn name_word(tokens: &Tokens, i: usize) -> bool {
    let t = &tokens.toks[i];
    t.kind == Kind::Word && t.cap && !NOT_NAMES.contains(&t.lower.as_str())
}

/// The name starting at token `i`, with the titles and roles before it.
fn name_at(tokens: &Tokens, lexicon: &Lexicon, i: usize) -> Option<Name> {
    let toks = &tokens.toks;
    let t = &toks[i];
    if t.kind != Kind::Word || !t.cap || NOT_NAMES.contains(&t.lower.as_str()) {
        return None;
    }
    let mut gender = None;
    let mut roles = Vec::new();
    let mut first = i;
    let mut j = i;
    loop {
        let w = &toks[j];
        let title = Lexicon::person_word(&lexicon.titles, &w.lower);
        let role = Lexicon::person_word(&lexicon.roles, &w.lower);
        if title.is_some() || role.is_some() {
            // "Sen." or "Transport Minister": what comes after is the name.
            gender = title
                .and_then(|t| t.gender)
                .or(role.and_then(|r| r.gender))
                .or(gender);
            if let Some(r) = role {
                roles.push(r.word.to_lowercase());
            }
            first = j + 1;
        }
        let next = j + 1;
        let skip_dot = toks.get(next).is_some_and(|d| d.is(".") && !d.space_before)
            && (w.end - w.start == 1 || first == j + 1);
        let k = if skip_dot { next + 1 } else { next };
        if skip_dot && first == next {
            // "Mr. Ward": the name starts after the title's dot, not on it.
            first = k;
        }
        let continues = toks.get(k).is_some_and(|n| n.para == w.para)
            && !w.lower.ends_with("'s")
            && (name_word(tokens, k)
                || PARTICLES.contains(&toks[k].lower.as_str())
                    && toks.get(k + 1).is_some_and(|m| m.cap));
        if !continues {
            break;
        }
        j = k;
    }
    if first > j {
        return None;
    }
    let last = j;
    let text = tokens.span_text(first, last);
    let possessive = toks[last].lower.ends_with("'s") || toks[last].lower.ends_with("s'");
    let full = text
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_owned();
    let key = full.rsplit(' ').next().unwrap_or_default().to_lowercase();
    roles.extend(roles_around(tokens, lexicon, first, last));
    let organisation = (first..=last).any(|k| {
        lexicon
            .organisation_words
            .iter()
            .any(|o| o.to_lowercase() == toks[k].lower.trim_end_matches("'s"))
    });
    Some(Name {
        first,
        last,
        words: full.split_whitespace().count(),
        full,
        key,
        gender,
        roles,
        organisation,
        possessive,
        subject: false,
        common: false,
    })
}

/// Lower-case roles just before a name ("transport minister Gregor Ward") or in an
/// appositive after it ("Gregor Ward, the transport minister,").
fn roles_around(tokens: &Tokens, lexicon: &Lexicon, first: usize, last: usize) -> Vec<String> {
    let toks = &tokens.toks;
    let is_role = |k: usize| {
        Lexicon::person_word(&lexicon.roles, &toks[k].lower).map(|r| r.word.to_lowercase())
    };
    let mut out = Vec::new();
    for k in first.saturating_sub(3)..first {
        if toks[k].para == toks[first].para
            && let Some(r) = is_role(k)
        {
            out.push(r);
        }
    }
    if toks.get(last + 1).is_some_and(|c| c.is(",")) {
        let mut k = last + 2;
        while k < toks.len() && k <= last + 8 && toks[k].is_word() {
            if let Some(r) = is_role(k) {
                out.push(r);
            }
            k += 1;
        }
    }
    out
}
