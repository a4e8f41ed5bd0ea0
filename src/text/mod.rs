//! Text handling for the world's scripts that egui does not do by itself: paragraph
//! direction and bidirectional levels (UAX #9), line-break opportunities (UAX #14), word
//! boundaries (UAX #29), and the fonts Lectern bundles with their shaped cluster widths.
//!
//! Pure functions of text, like the analysis module: no egui, no files. The document view
//! and the side panels lay text out through `ui::text_layout`, which builds on these.

pub mod bidi;
pub mod breaks;
pub mod fonts;
pub mod shape;
pub mod system_fonts;
pub mod words;
