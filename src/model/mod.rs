//! The project as plain data and pure operations: documents, labels, spans, and the
//! edits that change them. Nothing here knows about egui or files, so every rule about
//! what a valid project is lives in one place and is testable without a window.

mod apply;
mod assistant;
mod attributes;
mod document;
mod edit;
mod history;
mod ids;
mod label;
mod label_merge;
mod lexicon;
mod project;
pub mod reanchor;
mod relation;
pub mod search;
mod short;
mod span;
mod statement;
mod text;
mod time;

pub use apply::SpanIds;
pub use assistant::{AssistantSettings, DEFAULT_MIN_CONFIDENCE};
pub use attributes::Attributes;
pub use document::{
    DocStatus, Document, MetaField, Metadata, Rejected, TextDirection, content_hash,
};
pub use edit::{Edit, EditError};
pub use history::{History, Step, apply_all};
pub use ids::{DocId, RelationId, SpanId, StatementId};
pub use label::{AttributeDef, AttributeKind, Label, default_labels};
pub use label_merge::merge_label_edits;
pub use lexicon::{
    Gender, Lexicon, PersonWord, ReportingVerb, VerbClass, VerbDetail, VerbIndex, english_forms,
};
pub use project::{CURRENT_FORMAT, Problem, Project};
pub use relation::{Relation, RelationType, default_relation_types};
pub use smol_str::SmolStr;
pub use span::{Extent, Fragment, Proposed, Span};
pub use statement::{Statement, Version, VersionKind};
pub use text::DocText;
pub use time::iso_utc;
