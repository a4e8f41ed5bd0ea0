//! The project as plain data and pure operations: documents, labels, spans, and the
//! edits that change them. Nothing here knows about egui or files, so every rule about
//! what a valid project is lives in one place and is testable without a window.

mod document;
mod edit;
mod history;
mod ids;
mod label;
mod project;
mod span;
mod text;

pub use document::{Document, MetaField, Metadata, content_hash};
pub use edit::{Edit, EditError};
pub use history::{History, Step};
pub use ids::{DocId, SpanId};
pub use label::{Label, default_labels};
pub use project::{CURRENT_FORMAT, Problem, Project};
pub use span::Span;
pub use text::DocText;
