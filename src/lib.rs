//! Lectern: annotate news articles — label quotes, claims, descriptors and attributions —
//! and keep the result in an open, human-readable project file.
//!
//! Layers, each knowing only the ones above it in this list:
//! [`model`] (plain data and edits) and [`fsutil`] (atomic file replacement, live
//! processes) ← [`store`] (project files), [`formats`] (imports and exports) and
//! [`analysis`] (tables and agreement) and [`text`] (bidi, line breaks, words and fonts for
//! the world's scripts), none of which knows the others ← [`ui`] (egui) and
//! [`cli`] (command line). [`progress`] sits beside them all: long work in store and
//! formats reports to it and stops when it says so; [`spreadsheet`] (cells a spreadsheet
//! would run as formulas, made inert) sits at the bottom for formats and analysis alike.
//! [`assist`] (the quote assistant) is a pure engine beside `analysis`.

// Every function stays under 100 lines (clippy's threshold); CI denies warnings, so a
// longer one fails the build.
#![warn(clippy::too_many_lines)]

pub mod align;
pub mod analysis;
pub mod assist;
pub mod cli;
pub mod formats;
pub mod fsutil;
pub mod model;
pub mod progress;
pub mod spreadsheet;
pub mod store;
pub mod text;
pub mod ui;
