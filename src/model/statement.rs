//! Statements of the Quote tracker, as a coder confirmed or corrected them: which quote
//! spans, across documents, are versions of the same words by the same speaker, and the
//! kinds the coder set by hand. Saved with the project so that grouping the quotes again
//! never throws a correction away; the automatic grouping (`crate::align`) fills in only
//! what is not here.

use super::{DocId, SpanId, StatementId};
use serde::{Deserialize, Serialize};

/// How a version renders its statement, relative to the statement's fullest version.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub enum VersionKind {
    /// All of the fullest version's words (quotation marks, punctuation, case, hyphens,
    /// contractions and the spelling of numbers aside).
    #[default]
    Whole,
    /// Part of them: trimmed at one end or both, or with words left out.
    Cut,
    /// The same statement in other words (reported speech).
    Paraphrase,
}

impl VersionKind {
    /// Every kind, fullest first.
    pub const ALL: [VersionKind; 3] = [
        VersionKind::Whole,
        VersionKind::Cut,
        VersionKind::Paraphrase,
    ];

    /// The kind's name in exports and on screen: `whole`, `cut`, `paraphrase`.
    pub fn name(self) -> &'static str {
        match self {
            VersionKind::Whole => "whole",
            VersionKind::Cut => "cut",
            VersionKind::Paraphrase => "paraphrase",
        }
    }
}

/// One version of a statement: a quote span of one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// The document holding the span.
    pub doc: DocId,
    /// The quote span.
    pub span: SpanId,
    /// The kind a coder set by hand; `None` leaves it to the automatic comparison.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<VersionKind>,
}

/// A statement a coder confirmed or corrected: its versions are pinned to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Unique among the project's statements.
    pub id: StatementId,
    /// The versions, in the order they were added.
    pub versions: Vec<Version>,
}

impl Statement {
    /// The version that is span `span`, if any.
    pub fn version(&self, span: SpanId) -> Option<&Version> {
        self.versions.iter().find(|v| v.span == span)
    }

    /// The problem with the statement's own shape, if any: a span listed twice.
    pub fn shape_problem(&self) -> Option<String> {
        let mut seen = std::collections::HashSet::new();
        self.versions
            .iter()
            .find(|v| !seen.insert(v.span))
            .map(|v| format!("statement {} lists span {} twice", self.id, v.span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_their_export_names_and_a_span_listed_twice_is_a_problem() {
        let names: Vec<&str> = VersionKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names, ["whole", "cut", "paraphrase"]);
        let version = |span| Version {
            doc: DocId(1),
            span: SpanId(span),
            kind: None,
        };
        let mut s = Statement {
            id: StatementId(4),
            versions: vec![version(1), version(2)],
        };
        assert!(s.shape_problem().is_none());
        assert_eq!(s.version(SpanId(2)), Some(&version(2)));
        s.versions.push(version(1));
        assert_eq!(
            s.shape_problem().as_deref(),
            Some("statement 4 lists span 1 twice")
        );
    }
}
