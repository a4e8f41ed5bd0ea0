//! Lectern: annotate news articles — label quotes, claims, descriptors and attributions —
//! and keep the result in an open, human-readable project file.
//!
//! Layers, each knowing only the ones above it in this list:
//! [`model`] (plain data and edits) ← [`store`] (project files) and [`formats`] (imports
//! and exports) ← [`ui`] (egui) and [`cli`] (command line).

pub mod analysis;
pub mod cli;
pub mod formats;
pub mod model;
pub mod store;
pub mod ui;
