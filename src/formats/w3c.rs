//! w3c export (in progress).

use super::export::{ExportError, Exported};
use crate::model::Project;

/// Exports the project.
pub fn export(project: &Project) -> Result<Exported, ExportError> {
    let _ = project;
    Err(ExportError::NeedsFolder("w3c"))
}
