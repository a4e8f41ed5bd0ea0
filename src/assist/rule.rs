//! The rules that propose quotes, named so a coder (and a paper) can say which rule made
//! each proposal and how often each one is right.

use serde::{Deserialize, Serialize};

/// Which pattern found a quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// “…,” Ward said. — a quotation followed by its source and verb.
    QuoteThenCue,
    /// Ward said: “…” — source and verb, then the quotation.
    CueThenQuote,
    /// “…,” Ward said, “…” — one quote in two fragments around its attribution.
    Interrupted,
    /// A quotation that goes on from the speaker's previous one, with no new attribution.
    Continued,
    /// Ward said (that) … — reported speech after the verb.
    Reported,
    /// …, Ward said. — reported speech before its source and verb.
    ReportedBefore,
    /// According to Ward, … / …, according to Ward.
    AccordingTo,
    /// Ward: … — a headline's source and colon.
    Colon,
    /// A quotation with no attribution near it (a quoted word or phrase, a quote whose
    /// speaker the article leaves to the context).
    Unattributed,
}

impl Rule {
    /// Every rule, in the order tables list them.
    pub const ALL: [Rule; 9] = [
        Rule::QuoteThenCue,
        Rule::CueThenQuote,
        Rule::Interrupted,
        Rule::Continued,
        Rule::Reported,
        Rule::ReportedBefore,
        Rule::AccordingTo,
        Rule::Colon,
        Rule::Unattributed,
    ];

    /// Short name, as written in files and shown in the window.
    pub fn name(self) -> &'static str {
        match self {
            Rule::QuoteThenCue => "quote-then-cue",
            Rule::CueThenQuote => "cue-then-quote",
            Rule::Interrupted => "interrupted-quote",
            Rule::Continued => "continued-quote",
            Rule::Reported => "reported-speech",
            Rule::ReportedBefore => "reported-before-cue",
            Rule::AccordingTo => "according-to",
            Rule::Colon => "source-colon",
            Rule::Unattributed => "unattributed-quote",
        }
    }

    /// What the rule looks for, for the coder.
    pub fn description(self) -> &'static str {
        match self {
            Rule::QuoteThenCue => "a quotation followed by its source and verb (“…,” Ward said)",
            Rule::CueThenQuote => "a source and verb followed by a quotation (Ward said: “…”)",
            Rule::Interrupted => "a quotation interrupted by its attribution (“…,” Ward said, “…”)",
            Rule::Continued => "a quotation continuing the same speaker's previous one",
            Rule::Reported => "reported speech after a reporting verb (Ward said that …)",
            Rule::ReportedBefore => "reported speech before its source and verb (…, Ward said)",
            Rule::AccordingTo => "a source marker (according to Ward, …)",
            Rule::Colon => "a source followed by a colon (Ward: …)",
            Rule::Unattributed => "a quotation with no attribution near it",
        }
    }

    /// The rule with this name.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }
}
