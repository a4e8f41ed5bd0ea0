//! Reporting verbs and source markers: the words that say who said something and how.
//!
//! Two features read them: the quote assistant finds attributions with them ("said",
//! "according to"), and the analysis classes the verbs coders record on attributions
//! (neutral "said" against evaluative "claimed", "branded"). They are data, not code: a
//! project carries its own lexicon when the team edits it (saved with the codebook), so
//! a coder can add "fumed" or use a German list; otherwise the built-in English one in
//! `assets/lexicon/en.ron` applies.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The built-in English lexicon, as shipped in `assets/lexicon/en.ron`.
const ENGLISH_RON: &str = include_str!("../../assets/lexicon/en.ron");

/// Reporting verbs with their classes, and the phrases that attribute without a verb.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lexicon {
    /// Language of the words, a BCP 47 tag (`en`, `de`).
    pub language: String,
    /// The reporting verbs.
    #[serde(default)]
    pub verbs: Vec<ReportingVerb>,
    /// Phrases that introduce a source without a reporting verb ("according to").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_markers: Vec<String>,
    /// Titles written before a name ("Mr", "Dr", "Sen"), without a final dot. The quote
    /// assistant leaves them out of a speaker's name, and a title's gender tells it whom
    /// a later "she" or "he" can mean.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<PersonWord>,
    /// Pronouns that stand for a source introduced earlier ("he", "she"), resolved by the
    /// quote assistant to that source's name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pronouns: Vec<PersonWord>,
    /// Nouns for what a source is ("minister", "spokeswoman"): "the minister said" is
    /// resolved to the name introduced with that role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<PersonWord>,
    /// Words that make a capitalised name an organisation rather than a person
    /// ("Council", "Party"): "she" never refers back to one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisation_words: Vec<String>,
}

/// A word about a person, with the gender it shows when it shows one ("Mrs", "she",
/// "spokeswoman").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonWord {
    /// The word as written (any case).
    pub word: String,
    /// The gender it shows, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
}

/// What a title, pronoun or role word says of a person's gender, for matching "she" to
/// the right name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    /// "she", "Mrs", "spokeswoman".
    Female,
    /// "he", "Mr", "spokesman".
    Male,
}

/// One reporting verb.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportingVerb {
    /// Dictionary form, lower case ("claim", "point out"). For a phrasal verb the first
    /// word is the one that inflects.
    pub lemma: String,
    /// Forms as written that regular English inflection would not produce ("said",
    /// "told"); the lemma itself and its regular forms always match in an English lexicon.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<String>,
    /// The simple class used in framing studies.
    pub class: VerbClass,
    /// The finer class (Caldas-Coulthard), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<VerbDetail>,
}

/// Neutral against evaluative reporting verbs: "said" leaves the judgement to the reader,
/// "claimed", "admitted", "branded" carry the writer's.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum VerbClass {
    /// "say", "tell", "add", "note", "ask".
    #[default]
    Neutral,
    /// "claim", "admit", "insist", "brand", "slam".
    Evaluative,
}

/// Caldas-Coulthard's classes of reporting verbs ("On reporting reporting", 1994).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum VerbDetail {
    /// Neutral structuring verbs: say, tell, ask, reply.
    Structuring,
    /// Metapropositional assertives: claim, insist, explain, deny.
    Assertive,
    /// Metapropositional directives: urge, warn, demand.
    Directive,
    /// Metapropositional expressives: accuse, admit, complain.
    Expressive,
    /// Metalinguistic verbs: quote, recount, describe.
    Metalinguistic,
    /// Descriptive verbs, of voice or manner: shout, whisper, laugh.
    Descriptive,
}

impl ReportingVerb {
    /// How sure the quote assistant is that this verb introduces what someone said,
    /// 0–1: 1 for speech verbs, lower for verbs that often mean something else.
    pub fn weight(&self) -> f32 {
        match self.detail {
            Some(_) => 1.0,
            None => 0.8,
        }
    }
}

impl VerbClass {
    /// Every class, in the order tables list them.
    pub const ALL: [VerbClass; 2] = [VerbClass::Neutral, VerbClass::Evaluative];

    /// Lower-case name for tables and files.
    pub fn name(self) -> &'static str {
        match self {
            VerbClass::Neutral => "neutral",
            VerbClass::Evaluative => "evaluative",
        }
    }
}

impl VerbDetail {
    /// Every finer class, in the order tables list them.
    pub const ALL: [VerbDetail; 6] = [
        VerbDetail::Structuring,
        VerbDetail::Assertive,
        VerbDetail::Directive,
        VerbDetail::Expressive,
        VerbDetail::Metalinguistic,
        VerbDetail::Descriptive,
    ];

    /// Lower-case name for tables and files.
    pub fn name(self) -> &'static str {
        match self {
            VerbDetail::Structuring => "structuring",
            VerbDetail::Assertive => "assertive",
            VerbDetail::Directive => "directive",
            VerbDetail::Expressive => "expressive",
            VerbDetail::Metalinguistic => "metalinguistic",
            VerbDetail::Descriptive => "descriptive",
        }
    }
}

impl Lexicon {
    /// The built-in English lexicon. Parsed once; the asset is checked by a test, so the
    /// empty fallback only guards against a broken build.
    pub fn english() -> &'static Lexicon {
        static ENGLISH: OnceLock<Lexicon> = OnceLock::new();
        ENGLISH.get_or_init(|| {
            ron::from_str(ENGLISH_RON).unwrap_or_else(|_| Lexicon {
                language: "en".to_owned(),
                ..Lexicon::default()
            })
        })
    }

    /// An index from every form of every verb to the verb, for matching many words.
    pub fn index(&self) -> VerbIndex {
        let english = self.language.split('-').next() == Some("en");
        let mut by_form = HashMap::new();
        // Explicit forms first and lemmas before generated forms, so a form a team wrote
        // down always wins over one guessed by inflection.
        for (i, verb) in self.verbs.iter().enumerate() {
            for form in std::iter::once(&verb.lemma).chain(&verb.forms) {
                by_form.entry(normalize(form)).or_insert(i);
            }
        }
        if english {
            for (i, verb) in self.verbs.iter().enumerate() {
                for form in english_forms(&verb.lemma) {
                    by_form.entry(form).or_insert(i);
                }
            }
        }
        VerbIndex { by_form }
    }

    /// The entry of `word` (any case, final dot ignored) in `list`, if it has one.
    pub fn person_word<'a>(list: &'a [PersonWord], word: &str) -> Option<&'a PersonWord> {
        let bare = word.trim_end_matches('.');
        let bare = bare.to_lowercase();
        list.iter().find(|w| w.word.to_lowercase() == bare)
    }

    /// The verb whose lemma or form is `cue` ("claimed" → claim), if the lexicon has it.
    /// For many lookups build [`Lexicon::index`] once instead.
    pub fn verb(&self, cue: &str) -> Option<&ReportingVerb> {
        self.index().lookup(cue).map(|i| &self.verbs[i])
    }
}

/// Every form of a lexicon's verbs, lower case, to the verb's position in
/// [`Lexicon::verbs`].
#[derive(Clone, Debug, Default)]
pub struct VerbIndex {
    by_form: HashMap<String, usize>,
}

impl VerbIndex {
    /// The position of the verb `cue` is a form of. `cue` is matched case-insensitively
    /// with runs of white space as one space; a cue recorded with its auxiliary or
    /// negation ("has claimed", "did not deny") is matched on its last words.
    pub fn lookup(&self, cue: &str) -> Option<usize> {
        let cue = normalize(cue);
        if let Some(&i) = self.by_form.get(&cue) {
            return Some(i);
        }
        // Try the cue without its leading words, longest tail first: "has repeatedly
        // claimed" → "repeatedly claimed" → "claimed".
        let mut rest = cue.as_str();
        while let Some((_, tail)) = rest.split_once(' ') {
            if let Some(&i) = self.by_form.get(tail) {
                return Some(i);
            }
            rest = tail;
        }
        None
    }

    /// The position of the verb `form` is a form of, `form` being one or two words in
    /// lower case with straight apostrophes; no auxiliaries are stripped.
    pub fn lookup_exact(&self, form: &str) -> Option<usize> {
        self.by_form.get(form).copied()
    }

    /// Whether `word` (one word, any case) is a form of some verb.
    pub fn contains(&self, word: &str) -> bool {
        self.by_form.contains_key(&normalize(word))
    }
}

/// Lower case, curly apostrophes straightened, white space runs as one space.
fn normalize(s: &str) -> String {
    let lower = s.to_lowercase().replace('\u{2019}', "'");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The regular English forms of a lemma: third person, past and participle, gerund. A
/// phrasal verb inflects its first word ("point out" → "pointed out").
pub fn english_forms(lemma: &str) -> Vec<String> {
    let lemma = normalize(lemma);
    let (head, tail) = match lemma.split_once(' ') {
        Some((h, t)) => (h.to_owned(), format!(" {t}")),
        None => (lemma.clone(), String::new()),
    };
    if head.is_empty() {
        return Vec::new();
    }
    inflect(&head)
        .into_iter()
        .map(|f| format!("{f}{tail}"))
        .collect()
}

fn inflect(w: &str) -> Vec<String> {
    let last = w.chars().last().unwrap_or(' ');
    let stem = &w[..w.len() - last.len_utf8()];
    let consonant_y = last == 'y' && !stem.ends_with(['a', 'e', 'i', 'o', 'u']);
    let third = if w.ends_with(['s', 'x', 'z']) || w.ends_with("ch") || w.ends_with("sh") {
        format!("{w}es")
    } else if consonant_y {
        format!("{stem}ies")
    } else {
        format!("{w}s")
    };
    let (past, gerund) = if w.ends_with("ee") {
        (format!("{w}d"), format!("{w}ing"))
    } else if let Some(root) = w.strip_suffix("ie") {
        (format!("{w}d"), format!("{root}ying"))
    } else if last == 'e' {
        (format!("{w}d"), format!("{stem}ing"))
    } else if consonant_y {
        (format!("{stem}ied"), format!("{w}ing"))
    } else if doubles_final_consonant(w) {
        (format!("{w}{last}ed"), format!("{w}{last}ing"))
    } else {
        (format!("{w}ed"), format!("{w}ing"))
    };
    let mut out = vec![w.to_owned(), third, past, gerund];
    // British English doubles a final -l after one vowel ("signalled"), American does
    // not ("signaled"): accept both.
    if last == 'l' && !doubles_final_consonant(w) && ends_consonant_vowel_consonant(w) {
        out.push(format!("{w}led"));
        out.push(format!("{w}ling"));
    }
    out
}

/// Whether a verb doubles its final consonant before -ed and -ing: one-syllable verbs
/// ending consonant–vowel–consonant (slam → slammed, quip → quipped), and longer ones
/// stressed on that last syllable, which spelling cannot show: the endings below cover
/// the reporting verbs that do (admit, regret, compel, rebut, refer, concur), while
/// "offer", "edit" and "listen" do not double. A lexicon lists other exceptions as forms.
fn doubles_final_consonant(w: &str) -> bool {
    if !ends_consonant_vowel_consonant(w) {
        return false;
    }
    let spelled = w.replace("qu", "kw");
    let vowel_groups = spelled
        .split(|c: char| !"aeiou".contains(c))
        .filter(|g| !g.is_empty())
        .count();
    vowel_groups <= 1
        || ["mit", "gret", "get", "pel", "quit", "cur", "but"]
            .iter()
            .any(|e| w.ends_with(e))
        || (w.ends_with("fer") && !w.ends_with("ffer"))
}

fn ends_consonant_vowel_consonant(w: &str) -> bool {
    let spelled = w.replace("qu", "kw");
    let tail: Vec<char> = spelled.chars().rev().take(3).collect();
    let vowel = |c: char| "aeiou".contains(c);
    match tail.as_slice() {
        [c, v, before] => !vowel(*c) && !"wxy".contains(*c) && vowel(*v) && !vowel(*before),
        [c, v] => !vowel(*c) && vowel(*v),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_english_lexicon_parses_and_is_not_empty() {
        let parsed: Result<Lexicon, _> = ron::from_str(ENGLISH_RON);
        let lexicon = parsed.expect("assets/lexicon/en.ron parses");
        assert_eq!(lexicon.language, "en");
        assert!(lexicon.verbs.len() > 100, "{} verbs", lexicon.verbs.len());
        assert!(lexicon.source_markers.iter().any(|m| m == "according to"));
        let mut lemmas: Vec<&str> = lexicon.verbs.iter().map(|v| v.lemma.as_str()).collect();
        lemmas.sort_unstable();
        let before = lemmas.len();
        lemmas.dedup();
        assert_eq!(before, lemmas.len(), "a lemma is listed twice");
    }

    #[test]
    fn regular_and_listed_forms_find_their_lemma() {
        let en = Lexicon::english();
        for (cue, lemma) in [
            ("claims", "claim"),
            ("claimed", "claim"),
            ("Claiming", "claim"),
            ("said", "say"),
            ("told", "tell"),
            ("admitted", "admit"),
            ("denied", "deny"),
            ("argued", "argue"),
            ("slammed", "slam"),
            ("pointed out", "point out"),
            ("has repeatedly claimed", "claim"),
            ("did not deny", "deny"),
        ] {
            let verb = en.verb(cue).unwrap_or_else(|| panic!("{cue} not found"));
            assert_eq!(verb.lemma, lemma, "{cue}");
        }
        assert!(en.verb("sandwiched").is_none());
        assert!(en.verb("").is_none());
    }

    #[test]
    fn classes_separate_neutral_from_evaluative() {
        let en = Lexicon::english();
        let class = |cue: &str| en.verb(cue).map(|v| v.class);
        assert_eq!(class("said"), Some(VerbClass::Neutral));
        assert_eq!(class("told"), Some(VerbClass::Neutral));
        assert_eq!(class("claimed"), Some(VerbClass::Evaluative));
        assert_eq!(class("branded"), Some(VerbClass::Evaluative));
        assert_eq!(class("admitted"), Some(VerbClass::Evaluative));
        assert_eq!(
            en.verb("shouted").and_then(|v| v.detail),
            Some(VerbDetail::Descriptive)
        );
    }

    #[test]
    fn english_inflection() {
        assert_eq!(
            english_forms("claim"),
            ["claim", "claims", "claimed", "claiming"]
        );
        assert_eq!(
            english_forms("argue"),
            ["argue", "argues", "argued", "arguing"]
        );
        assert_eq!(
            english_forms("deny"),
            ["deny", "denies", "denied", "denying"]
        );
        assert_eq!(
            english_forms("admit"),
            ["admit", "admits", "admitted", "admitting"]
        );
        assert_eq!(
            english_forms("stress"),
            ["stress", "stresses", "stressed", "stressing"]
        );
        assert_eq!(
            english_forms("offer"),
            ["offer", "offers", "offered", "offering"]
        );
        assert_eq!(english_forms("free"), ["free", "frees", "freed", "freeing"]);
        assert_eq!(
            english_forms("quip"),
            ["quip", "quips", "quipped", "quipping"]
        );
        assert_eq!(
            english_forms("edit"),
            ["edit", "edits", "edited", "editing"]
        );
        assert_eq!(
            english_forms("rebut"),
            ["rebut", "rebuts", "rebutted", "rebutting"]
        );
        assert_eq!(english_forms("lie"), ["lie", "lies", "lied", "lying"]);
        assert!(english_forms("signal").contains(&"signalled".to_owned()));
        assert!(english_forms("signal").contains(&"signaled".to_owned()));
        assert_eq!(
            english_forms("point out"),
            ["point out", "points out", "pointed out", "pointing out"]
        );
    }

    #[test]
    fn a_team_can_add_a_verb_and_a_german_list_is_matched_by_its_forms_only() {
        let mut own = Lexicon::english().clone();
        assert!(own.verb("seethed").is_none());
        own.verbs.push(ReportingVerb {
            lemma: "seethe".into(),
            forms: Vec::new(),
            class: VerbClass::Evaluative,
            detail: Some(VerbDetail::Expressive),
        });
        assert_eq!(
            own.verb("seethed").map(|v| v.lemma.as_str()),
            Some("seethe")
        );

        let german = Lexicon {
            language: "de".into(),
            verbs: vec![ReportingVerb {
                lemma: "behaupten".into(),
                forms: vec!["behauptete".into(), "behauptet".into()],
                class: VerbClass::Evaluative,
                detail: None,
            }],
            source_markers: vec!["laut".into()],
            ..Lexicon::default()
        };
        assert!(german.verb("behauptete").is_some());
        assert!(german.verb("behauptens").is_none(), "no English inflection");
    }
}
