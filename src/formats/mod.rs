//! Imports and exports, one module per format.
//!
//! Exports share their rows ([`row`](mod@row)) and the [`ExportFormat`] registry in [`export`](mod@export); each format
//! module holds one [`RowWriter`](export::RowWriter) that documents its wire format.

pub mod article;
pub mod article_table;
pub mod brat;
pub mod brat_read;
pub mod child_reader;
pub mod csv;
pub mod doccano;
pub mod docx;
pub mod export;
pub mod field_map;
pub mod html;
pub mod import;
pub mod jsonl;
pub mod label_map;
pub mod labelstudio;
pub mod metadata_table;
pub mod pdf;
mod pdf_forms;
pub mod pdf_process;
pub mod qdpx;
pub mod qdpx_read;
pub mod reader;
pub mod row;
pub mod sheet_process;
pub mod table;
pub mod table_sheet;
pub mod w3c;
pub mod warning;
pub mod xlsx;
pub mod zip_limit;

pub use export::{ExportError, ExportFormat, Exported, export, export_project};
pub use import::{ImportError, ImportFormat, Imported};
