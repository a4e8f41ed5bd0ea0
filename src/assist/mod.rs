//! The quote assistant: proposes every quote of an article, the attribution that
//! introduces it (source and reporting verb) and its speaker, for a coder to review.
//!
//! A pure function of the text, the codebook and the lexicon, like `analysis`: no window,
//! no files. The window and `lectern suggest` call it and turn what it returns into
//! edits. Each proposal names the rule that made it and how sure it is. The rules read
//! quotation marks of every common style, the lexicon's reporting verbs and source
//! markers, and clause boundaries (commas, "that", sentence ends); speakers are resolved
//! within the article ("he" → the full name introduced earlier). Measured on PolNeAR by
//! `scripts/quote-score` (README, "Quote assistant").

pub mod accept;
mod cue;
mod deed;
mod direct;
mod features;
mod headline;
mod marks;
pub mod model;
mod reported;
mod roles;
mod rule;
mod source;
mod speaker;
mod suggestion;
mod token;
mod trailing;
pub mod train;

pub use model::Model;
pub use roles::Roles;
pub use rule::Rule;
pub use suggestion::{ProposedSpan, Suggestion};

use crate::model::{Lexicon, VerbIndex};
use token::Tokens;

/// One attribution found in the text, in tokens: what the rules return.
#[derive(Clone, Debug)]
struct Found {
    /// Token ranges (inclusive) of the quote's pieces, in text order.
    content: Vec<(usize, usize)>,
    /// The cue introducing it, an index into the article's cues.
    cue: Option<usize>,
    /// The source's tokens (inclusive), when the text names one.
    source: Option<(usize, usize)>,
    /// Which rule found it.
    rule: Rule,
    /// How sure the rule is, 0–1.
    confidence: f32,
}

/// The assistant, ready to run over many articles with one codebook and lexicon.
pub struct Assistant<'a> {
    roles: Roles,
    lexicon: &'a Lexicon,
    index: VerbIndex,
    model: Option<&'a Model>,
}

impl<'a> Assistant<'a> {
    /// An assistant proposing spans of the codebook's `roles` with the words of `lexicon`,
    /// and for an English lexicon the built-in learned model.
    pub fn new(roles: Roles, lexicon: &'a Lexicon) -> Assistant<'a> {
        let english = lexicon.language.split('-').next() == Some("en");
        let model = Some(Model::english()).filter(|m| english && !m.is_empty());
        Assistant::with_model(roles, lexicon, model)
    }

    /// An assistant with the given learned model, or rules alone with `None`.
    pub fn with_model(
        roles: Roles,
        lexicon: &'a Lexicon,
        model: Option<&'a Model>,
    ) -> Assistant<'a> {
        Assistant {
            roles,
            index: lexicon.index(),
            lexicon,
            model,
        }
    }

    /// The labels and attributes the proposals use.
    pub fn roles(&self) -> &Roles {
        &self.roles
    }

    /// Every attribution of `text` the rules find, in text order.
    pub fn propose(&self, text: &str) -> Vec<Suggestion> {
        let tokens = Tokens::new(text);
        let quotations = marks::quotations(&tokens);
        let quoted = marks::flags(&tokens, &quotations);
        let cx = features::Context {
            tokens: &tokens,
            lexicon: self.lexicon,
            index: &self.index,
            quoted: &quoted,
        };
        let mut cues = cue::find(&cx, self.model);
        let (mut found, used_quotes) = direct::attribute(&tokens, &quotations, &cues, self.lexicon);
        let used: Vec<usize> = found.iter().filter_map(|f| f.cue).collect();
        found.extend(reported::attribute(&cx, &cues, &used, self.model));
        reported::inherit_sources(&tokens, &cues, &mut found);
        reported::close_quotations(&tokens, &quotations, &cues, &mut found);
        found.extend(headline::attribute(&tokens, self.lexicon));
        let loose = direct::unattributed(&tokens, &quotations, &used_quotes, &found, &mut cues);
        found.extend(loose);
        found.sort_by_key(|f| f.content.first().map(|c| c.0));
        suggestion::build(&tokens, &cues, found, &self.roles, self.lexicon, &quoted)
    }
}

#[cfg(test)]
mod tests;
