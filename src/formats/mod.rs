//! Imports and exports, one module per format.
//!
//! Exports share their rows and the [`ExportFormat`] registry in [`export`]; each format
//! module holds one [`RowWriter`](export::RowWriter) that documents its wire format.

pub mod article;
pub mod csv;
pub mod export;
pub mod jsonl;

pub use export::{ExportError, ExportFormat, export};
