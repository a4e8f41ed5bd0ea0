//! Imports and exports, one module per format.

pub mod article;
