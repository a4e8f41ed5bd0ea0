//! The lexicon's word lists, each edited as one comma-separated text: the source markers
//! ("according to") and the words the quote assistant reads to find and resolve speakers
//! — titles, pronouns and roles (each with the gender it shows, written "Mrs (female)")
//! and the words that make a name an organisation's. Text is kept as typed while its field
//! has focus and applied, as one undoable step, when the field loses it: a comma typed at
//! the end is not tidied away under the cursor.

use crate::model::{Gender, Lexicon, PersonWord};
use egui::Ui;

/// One of the lexicon's word lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WordList {
    /// Phrases that attribute without a verb.
    SourceMarkers,
    /// Titles before a name.
    Titles,
    /// Pronouns that refer back to a source.
    Pronouns,
    /// Nouns for what a source is.
    Roles,
    /// Words that make a name an organisation's.
    OrganisationWords,
}

impl WordList {
    /// The lists the quote assistant reads to find speakers, in the order shown.
    pub const SPEAKER_WORDS: [WordList; 4] = [
        WordList::Titles,
        WordList::Pronouns,
        WordList::Roles,
        WordList::OrganisationWords,
    ];

    /// The field's name.
    pub fn name(self) -> &'static str {
        match self {
            WordList::SourceMarkers => "Source markers",
            WordList::Titles => "Titles",
            WordList::Pronouns => "Pronouns",
            WordList::Roles => "Roles",
            WordList::OrganisationWords => "Organisation words",
        }
    }

    /// What the list is for, under its name.
    pub fn explanation(self) -> &'static str {
        match self {
            WordList::SourceMarkers => {
                "Phrases that attribute without a verb (“according to”), comma separated."
            }
            WordList::Titles => {
                "Written before a name and left out of the speaker (“Mr”, “Dr”); a gender \
                 in brackets lets “she” find the name: Mrs (female)."
            }
            WordList::Pronouns => "Words that refer back to a source: he (male), she (female).",
            WordList::Roles => {
                "What a source is (“the minister said” → the name introduced with that \
                 role): spokeswoman (female), minister."
            }
            WordList::OrganisationWords => {
                "A name holding one of these is an organisation's, never “she” or “he”: \
                 Party, Council."
            }
        }
    }

    /// The list as the field shows it.
    pub fn text(self, lexicon: &Lexicon) -> String {
        match self {
            WordList::SourceMarkers => lexicon.source_markers.join(", "),
            WordList::OrganisationWords => lexicon.organisation_words.join(", "),
            WordList::Titles => person_words_text(&lexicon.titles),
            WordList::Pronouns => person_words_text(&lexicon.pronouns),
            WordList::Roles => person_words_text(&lexicon.roles),
        }
    }

    /// `lexicon` with this list read from `text`, or why the text cannot be read.
    pub fn apply(self, lexicon: &Lexicon, text: &str) -> Result<Lexicon, String> {
        let mut new = lexicon.clone();
        match self {
            WordList::SourceMarkers => {
                new.source_markers = plain_words(text)
                    .into_iter()
                    .map(|m| m.to_lowercase())
                    .collect();
            }
            WordList::OrganisationWords => new.organisation_words = plain_words(text),
            WordList::Titles => {
                new.titles = parse_person_words(text)?
                    .into_iter()
                    // Written without a final dot: "Mr." is looked up as "Mr".
                    .map(|mut w| {
                        w.word = w.word.trim_end_matches('.').to_owned();
                        w
                    })
                    .filter(|w| !w.word.is_empty())
                    .collect();
            }
            WordList::Pronouns => new.pronouns = parse_person_words(text)?,
            WordList::Roles => new.roles = parse_person_words(text)?,
        }
        Ok(new)
    }
}

/// Runs of white space as one space, ends trimmed.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Comma-separated words, tidied, empty ones and repeats (ignoring case) left out.
fn plain_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(',').map(squash).filter(|w| !w.is_empty()) {
        if !out.iter().any(|o| o.to_lowercase() == word.to_lowercase()) {
            out.push(word);
        }
    }
    out
}

/// Person words as "Mrs (female), Dr".
pub fn person_words_text(words: &[PersonWord]) -> String {
    words
        .iter()
        .map(|w| match w.gender {
            Some(Gender::Female) => format!("{} (female)", w.word),
            Some(Gender::Male) => format!("{} (male)", w.word),
            None => w.word.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads "Mrs (female), Dr, Mr (m)": a gender in brackets after a word, or none.
pub fn parse_person_words(text: &str) -> Result<Vec<PersonWord>, String> {
    let mut out: Vec<PersonWord> = Vec::new();
    for entry in text.split(',').map(squash).filter(|e| !e.is_empty()) {
        let (word, gender) = match entry.strip_suffix(')').and_then(|e| e.rsplit_once('(')) {
            Some((word, said)) => {
                let gender = match said.trim().to_lowercase().as_str() {
                    "female" | "f" => Gender::Female,
                    "male" | "m" => Gender::Male,
                    _ => {
                        return Err(format!(
                            "“{entry}”: write (female) or (male) after the word, or no brackets"
                        ));
                    }
                };
                (squash(word), Some(gender))
            }
            None => (entry.clone(), None),
        };
        if word.is_empty() {
            return Err(format!("“{entry}”: a gender with no word before it"));
        }
        if !out
            .iter()
            .any(|o| o.word.to_lowercase() == word.to_lowercase())
        {
            out.push(PersonWord { word, gender });
        }
    }
    Ok(out)
}

/// Text typed into one field, kept while it has focus.
#[derive(Default)]
pub struct Typing {
    typing: Option<(egui::Id, String)>,
}

impl Typing {
    /// A field over `current`; returns what was typed once the field loses focus with a
    /// change. `rows` above 1 makes a wrapping field.
    pub fn field(
        &mut self,
        ui: &mut Ui,
        id: egui::Id,
        current: &str,
        rows: usize,
        width: f32,
    ) -> (egui::Response, Option<String>) {
        let mut text = match &self.typing {
            Some((k, typed)) if *k == id => typed.clone(),
            _ => current.to_owned(),
        };
        let response = if rows > 1 {
            let edit = egui::TextEdit::multiline(&mut text).desired_rows(rows);
            ui.add(edit.id(id).desired_width(width))
        } else {
            // Sized, not just desired: in a grid a field is otherwise held to its column's
            // width of the last frame, which a short header ("verb") sets.
            let height = ui.spacing().interact_size.y;
            ui.add_sized(
                [width, height],
                egui::TextEdit::singleline(&mut text).id(id),
            )
        };
        if response.changed() {
            self.typing = Some((id, text));
        }
        let mut done = None;
        if response.lost_focus()
            && let Some((k, typed)) = self.typing.take()
        {
            if k == id && typed != current {
                done = Some(typed);
            } else if k != id {
                self.typing = Some((k, typed));
            }
        }
        (response, done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_words_read_back_as_written() {
        let words =
            parse_person_words(" Mrs (female),Dr , Herr  (m), Ελένη (F), mrs").expect("reads");
        assert_eq!(
            person_words_text(&words),
            "Mrs (female), Dr, Herr (male), Ελένη (female)"
        );
        assert_eq!(parse_person_words(&person_words_text(&words)), Ok(words));
        let refused = parse_person_words("Mx (nonbinary)").expect_err("unknown gender");
        assert!(refused.contains("Mx (nonbinary)"), "{refused}");
        assert!(parse_person_words("(female)").is_err());
    }

    #[test]
    fn lists_apply_to_their_own_field_only() {
        let english = Lexicon::english();
        let titles = WordList::Titles
            .apply(english, "Mr. (male), Dr., Frau (female)")
            .expect("reads");
        assert_eq!(
            WordList::Titles.text(&titles),
            "Mr (male), Dr, Frau (female)"
        );
        assert_eq!(titles.roles, english.roles);
        assert_eq!(titles.verbs, english.verbs);
        let markers = WordList::SourceMarkers
            .apply(english, "According To, , per ,according to")
            .expect("reads");
        assert_eq!(markers.source_markers, ["according to", "per"]);
        let organisations = WordList::OrganisationWords
            .apply(english, "Party,Council, Σύλλογος")
            .expect("reads");
        assert_eq!(
            organisations.organisation_words,
            ["Party", "Council", "Σύλλογος"]
        );
        assert!(WordList::Roles.apply(english, "aide (x)").is_err());
    }
}
