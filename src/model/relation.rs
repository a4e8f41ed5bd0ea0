//! Relations: typed, directed links between two spans of one document, following the
//! source → cue → content model of news-quote research (an attribution introduces a
//! quote; a descriptor describes its target).

use super::{RelationId, SpanId, short};
use serde::{Deserialize, Serialize};
use smol_str::SmolStr;

/// A link from one span to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Unique within the project.
    pub id: RelationId,
    /// Name of the relation type (kept inline, see [`super::Span::label`]).
    #[serde(with = "short")]
    pub kind: SmolStr,
    /// The span the relation starts at (e.g. the attribution).
    pub from: SpanId,
    /// The span it points to (e.g. the quote).
    pub to: SpanId,
    /// The coder's note, empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A kind of relation the project allows, with the labels it may link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationType {
    /// Unique name ("introduces").
    pub name: String,
    /// Labels the relation may start at; empty for any.
    #[serde(default)]
    pub from: Vec<String>,
    /// Labels it may point to; empty for any.
    #[serde(default)]
    pub to: Vec<String>,
    /// What the relation means, shown to coders.
    #[serde(default)]
    pub description: String,
}

impl RelationType {
    /// Whether this type may link a span labelled `from` to one labelled `to`.
    pub fn allows(&self, from: &str, to: &str) -> bool {
        let ok = |list: &[String], label: &str| list.is_empty() || list.iter().any(|l| l == label);
        ok(&self.from, from) && ok(&self.to, to)
    }
}

/// Default relation types: attribution → quote or claim, descriptor → the span it describes.
pub fn default_relation_types() -> Vec<RelationType> {
    vec![
        RelationType {
            name: "introduces".to_owned(),
            from: vec!["attribution".to_owned()],
            to: vec!["quote".to_owned(), "claim".to_owned()],
            description:
                "The attribution (source and reporting verb) introduces this quote or claim."
                    .to_owned(),
        },
        RelationType {
            name: "describes".to_owned(),
            from: vec!["descriptor".to_owned()],
            to: Vec::new(),
            description: "The descriptor characterises the person or group named by this span."
                .to_owned(),
        },
    ]
}
