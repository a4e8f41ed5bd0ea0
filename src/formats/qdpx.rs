//! qdpx export (in progress).

use super::export::{ExportError, Exported};
use crate::model::Project;

/// Exports the project.
pub fn export(project: &Project) -> Result<Exported, ExportError> {
    let _ = project;
    Err(ExportError::NeedsFolder("qdpx"))
}

/// Reads files in this format (in progress).
pub fn read(
    paths: &[std::path::PathBuf],
) -> Result<super::import::Imported, super::import::ImportError> {
    Err(super::import::ImportError::Nothing {
        what: "qdpx data",
        path: paths.first().cloned().unwrap_or_default(),
    })
}
