//! Headlines that quote by a source and a colon ("Ward: Bridge Is Safe", "Mayor Ruiz:
//! ‘We Will Not Pay’"): news sites title what somebody said this way, with no reporting
//! verb for the other rules to find. Only the article's first paragraph is read as a
//! headline; in the body a name and a colon is as often a tally ("Ward: 1,204") or a
//! section label as a speaker.

use super::Found;
use super::reported::stop_before;
use super::rule::Rule;
use super::token::{Kind, Tokens};
use crate::model::Lexicon;

/// Labels before a headline's colon that say what kind of piece it is, not who speaks
/// ("The Latest: …", "Watch: …"), lower case.
const KICKERS: &[&str] = &[
    "the latest",
    "breaking",
    "breaking news",
    "update",
    "updated",
    "watch",
    "listen",
    "live",
    "poll",
    "photos",
    "photo",
    "video",
    "exclusive",
    "analysis",
    "opinion",
    "editorial",
    "review",
    "interview",
    "explainer",
    "factbox",
    "fact check",
    "q",
    "a",
    "note",
    "editor's note",
    "correction",
    "revealed",
    "wow",
    "related",
    "read more",
    "see also",
    "timeline",
    "quiz",
];

/// Small words a name or title may hold between its capitalised words ("Bank of
/// Halden", "Ana de la Cruz").
const NAME_PARTICLES: &[&str] = &["of", "the", "de", "la", "van", "von", "der", "al", "and"];

/// Most tokens a headline's source holds ("Former Harbour Master Gregor Ward").
const MAX_SOURCE: usize = 6;

/// Fewest words what the source says must hold: "Ward: No" is rarely a quote.
const MIN_WORDS: usize = 3;

/// Words of a title that a name never holds capitalised ("Stealth Over Health: …").
const TITLE_WORDS: &[&str] = &[
    "over", "in", "on", "at", "for", "with", "from", "to", "by", "into", "is", "are", "was",
    "were", "vs", "versus", "after", "before", "against", "about", "a", "an",
];

/// Whether the words before a headline's colon read as a title, not a source: a word no
/// name holds ("Stealth Over Health"), or "The …" with no title or role in it ("The
/// Ninth Circle", but "The Mayor", "The Harbour Minister").
fn title_like(tokens: &Tokens, colon: usize, lexicon: &Lexicon) -> bool {
    let toks = &tokens.toks[..colon];
    let person_word = |w: &str| {
        Lexicon::person_word(&lexicon.roles, w).is_some()
            || Lexicon::person_word(&lexicon.titles, w).is_some()
    };
    let inner_title_word = toks
        .iter()
        .skip(1)
        .any(|t| TITLE_WORDS.contains(&t.lower.as_str()));
    let article = toks.first().is_some_and(|t| t.lower == "the");
    inner_title_word || article && !toks.iter().any(|t| person_word(&t.lower))
}

/// The attribution of a headline "SOURCE: WHAT THE SOURCE SAID" opening the article.
pub fn attribute(tokens: &Tokens, lexicon: &Lexicon) -> Option<Found> {
    let toks = &tokens.toks;
    let para = toks.first()?.para;
    let colon = toks
        .iter()
        .take_while(|t| t.para == para)
        .position(|t| t.is(":"))?;
    if colon == 0 || colon > MAX_SOURCE {
        return None;
    }
    let source_like = toks[..colon].iter().enumerate().all(|(i, t)| {
        t.kind == Kind::Word && (t.cap || i > 0 && NAME_PARTICLES.contains(&t.lower.as_str()))
            || i > 0 && t.is(".")
    });
    let label = tokens
        .span_text(0, colon - 1)
        .to_lowercase()
        .replace('’', "'");
    if !source_like || KICKERS.contains(&label.as_str()) || title_like(tokens, colon, lexicon) {
        return None;
    }
    let last_in_para = toks.iter().take_while(|t| t.para == para).count() - 1;
    let start = colon + 1;
    if start > last_in_para {
        return None;
    }
    let end = stop_before(tokens, last_in_para, start);
    let words = toks[start..=end].iter().filter(|t| t.is_word()).count();
    (words >= MIN_WORDS).then(|| Found {
        content: vec![(start, end)],
        cue: None,
        source: Some((0, colon - 1)),
        rule: Rule::Colon,
        confidence: 0.7,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(text: &str) -> Option<String> {
        let tokens = Tokens::new(text);
        let f = attribute(&tokens, Lexicon::english())?;
        let (a, b) = f.content[0];
        Some(tokens.span_text(a, b))
    }

    #[test]
    fn a_headline_source_and_colon_introduce_what_the_source_said() {
        assert_eq!(
            content("Ward: Harbour Bridge Is Safe for Lorries.\n\nPORT HALDEN — The harbour…")
                .as_deref(),
            Some("Harbour Bridge Is Safe for Lorries")
        );
        assert_eq!(
            content("Mayor Ana de la Cruz: ‘We Will Not Pay the Toll’\n\nText.").as_deref(),
            Some("‘We Will Not Pay the Toll’")
        );
        assert_eq!(
            content("The Harbour Minister: Lorries Must Wait Until June\n\nText.").as_deref(),
            Some("Lorries Must Wait Until June")
        );
    }

    #[test]
    fn kickers_tallies_and_body_paragraphs_are_not_headline_quotes() {
        for text in [
            "The Latest: Ferry strike enters its third day.\n\nText.",
            "Watch: The new bridge opens to traffic.\n\nText.",
            "Ward: 1,204.\n\nText.",
            "Harbour tolls to double.\n\nWard: We will not pay the toll.",
            "12:05 p.m. The council meets.",
            "The harbour master of the small town of Halden said: tolls rise.",
            // Titles of columns and features, not sources.
            "The Fourth Pier: Notes From Inside the Harbour Office, #3\n\nText.",
            "Tolls Over Trolls: Ward Was Seen at the Quay on Sunday\n\nText.",
        ] {
            assert_eq!(content(text), None, "{text}");
        }
    }
}
