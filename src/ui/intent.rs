//! What panels ask the app to do. Panels only read the project and return intents; the
//! app applies them at the end of the frame, through the edit path.

use super::command::Command;
use crate::model::{DocId, Edit, SpanId};
use std::path::PathBuf;

/// A request from a panel.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Run a command.
    Command(Command),
    /// Show this document.
    ShowDocument(DocId),
    /// Select this annotation (and scroll to it when `reveal` is set).
    SelectSpan {
        /// The annotation, or none.
        span: Option<SpanId>,
        /// Scroll the view to it.
        reveal: bool,
    },
    /// Apply this label to the selection, or relabel the selected annotation.
    ApplyLabel(String),
    /// Open this project file (asking about unsaved changes first): a recent project.
    OpenProject(PathBuf),
    /// Apply edits as one undoable step.
    Edit {
        /// Shown in the Edit menu ("Undo Edit note").
        description: String,
        /// The edits.
        edits: Vec<Edit>,
        /// Steps with the same key in a row merge (typing in a field).
        coalesce: Option<String>,
    },
}
