//! Numbers from a coded project, for comparing outlets and checking that coders agree.
//!
//! Pure functions from a [`Project`](crate::model::Project) to a [`Table`]: no files, no
//! window, so the Analysis panel, `lectern stats` and `lectern agreement` show the same
//! numbers, and tests check them against hand counts and published worked examples.
//! A layer beside `formats`: it reads the model and knows nothing of the UI.

pub mod adjudication;
pub mod agreement;
pub mod chart;
pub(crate) mod counts;
mod filter;
pub mod merge;
mod quoted;
pub mod reliability;
mod table;
mod verbs;

#[cfg(test)]
pub(crate) mod fixture;

pub use agreement::{Unit, agreement, agreement_by_document};
pub use counts::{
    Within, attribute_cooccurrence, cooccurrence, label_counts, paragraphs, sentences,
};
pub use filter::{Filter, GroupBy, NO_VALUE};
pub use merge::{MergeSource, Merged, merge};
pub use quoted::{ATTRIBUTION, DESCRIPTOR, QUOTE, UNKNOWN, descriptors, who_is_quoted};
pub(crate) use quoted::{attribute, linked};
pub use table::{Cell, SpanRef, Table};
pub use verbs::{UNCLASSIFIED, VerbKind, VerbOptions, reporting_verbs};
