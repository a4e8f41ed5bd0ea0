//! Every user command in one enum: its menu text, its tooltip and its shortcuts. Menus,
//! the keyboard and tests all go through it, so a shortcut shown in a menu is the one
//! that works, and no two commands can share one (a test checks).

use egui::{Key, KeyboardShortcut, Modifiers};

/// A user command that takes no parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// Start an empty project.
    NewProject,
    /// Open a project file.
    OpenProject,
    /// Open the sample project built into Lectern.
    OpenSample,
    /// Open one of the backups kept of earlier saves.
    OpenBackup,
    /// Replace the shown document's text with a new version of the article, moving its
    /// annotations along.
    UpdateDocumentText,
    /// Add article files to the project.
    AddArticles,
    /// Merge coders' project files into a new project.
    MergeProjects,
    /// Write the Analysis window's table to a CSV file.
    ExportAnalysisTable,
    /// Save to the project's file (asks for one if it has none).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Export every span as CSV.
    ExportCsv,
    /// Export every span as JSON Lines.
    ExportJsonl,
    /// Close the window.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Delete the selected annotation.
    DeleteAnnotation,
    /// Clear the text selection and the selected annotation.
    ClearSelection,
    /// Larger document text.
    ZoomIn,
    /// Smaller document text.
    ZoomOut,
    /// Default document text size.
    ZoomReset,
    /// Show the next document.
    NextDocument,
    /// Show the previous document.
    PreviousDocument,
    /// Switch between light and dark theme.
    ToggleTheme,
    /// Show or hide the Analysis window.
    ToggleAnalysis,
    /// Show or hide the Adjudication window.
    ToggleAdjudication,
    /// Select the next annotation in reading order.
    NextSpan,
    /// Select the previous annotation in reading order.
    PreviousSpan,
    /// Start linking the selected annotation to another one.
    StartLink,
    /// Add the selected text to the selected annotation as another fragment.
    AddFragment,
    /// Move the selected annotation's start one character earlier.
    ExtendStart,
    /// Move its start one character later.
    ShrinkStart,
    /// Move its end one character later.
    ExtendEnd,
    /// Move its end one character earlier.
    ShrinkEnd,
    /// Move its start one word earlier.
    ExtendStartWord,
    /// Move its start one word later.
    ShrinkStartWord,
    /// Move its end one word later.
    ExtendEndWord,
    /// Move its end one word earlier.
    ShrinkEndWord,
    /// Put the keyboard in the annotation list.
    FocusAnnotationList,
    /// Annotator name and selection preferences.
    Preferences,
    /// Open the codebook editor.
    EditCodebook,
    /// Write the label set and relation types to a codebook file.
    ExportCodebook,
    /// Read labels and relation types from a codebook file.
    ImportCodebook,
    /// Search the shown document.
    Find,
    /// Search every document of the project.
    FindInProject,
    /// Find any command by typing part of its name.
    CommandPalette,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 45] = [
        Command::NewProject,
        Command::OpenProject,
        Command::OpenSample,
        Command::OpenBackup,
        Command::UpdateDocumentText,
        Command::AddArticles,
        Command::MergeProjects,
        Command::ExportAnalysisTable,
        Command::Save,
        Command::SaveAs,
        Command::ExportCsv,
        Command::ExportJsonl,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::DeleteAnnotation,
        Command::ClearSelection,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::NextDocument,
        Command::PreviousDocument,
        Command::ToggleTheme,
        Command::ToggleAnalysis,
        Command::ToggleAdjudication,
        Command::NextSpan,
        Command::PreviousSpan,
        Command::StartLink,
        Command::AddFragment,
        Command::ExtendStart,
        Command::ShrinkStart,
        Command::ExtendEnd,
        Command::ShrinkEnd,
        Command::ExtendStartWord,
        Command::ShrinkStartWord,
        Command::ExtendEndWord,
        Command::ShrinkEndWord,
        Command::FocusAnnotationList,
        Command::Preferences,
        Command::EditCodebook,
        Command::ExportCodebook,
        Command::ImportCodebook,
        Command::Find,
        Command::FindInProject,
        Command::CommandPalette,
    ];

    /// Whether the command reads or writes files or replaces the open project. While a
    /// job (opening, saving, exporting…) runs, these wait: their menu items are disabled
    /// and their shortcuts refused. (Quit is not one: it closes once the job is done.)
    pub fn is_file_command(self) -> bool {
        matches!(
            self,
            Command::NewProject
                | Command::OpenProject
                | Command::OpenSample
                | Command::OpenBackup
                | Command::UpdateDocumentText
                | Command::AddArticles
                | Command::MergeProjects
                | Command::ExportAnalysisTable
                | Command::Save
                | Command::SaveAs
                | Command::ExportCsv
                | Command::ExportJsonl
                | Command::ExportCodebook
                | Command::ImportCodebook
        )
    }

    /// Menu text.
    pub fn text(self) -> &'static str {
        match self {
            Command::NewProject => "New project",
            Command::OpenProject => "Open project…",
            Command::OpenSample => "Open sample project",
            Command::OpenBackup => "Open backup…",
            Command::UpdateDocumentText => "Update document text from file…",
            Command::AddArticles => "Add articles…",
            Command::MergeProjects => "Merge coders' projects…",
            Command::ExportAnalysisTable => "Analysis table as CSV…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::ExportCsv => "CSV…",
            Command::ExportJsonl => "JSON Lines…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::DeleteAnnotation => "Delete annotation",
            Command::ClearSelection => "Clear selection",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Reset zoom",
            Command::NextDocument => "Next document",
            Command::PreviousDocument => "Previous document",
            Command::ToggleTheme => "Dark theme",
            Command::ToggleAnalysis => "Analysis",
            Command::ToggleAdjudication => "Adjudicate",
            Command::NextSpan => "Next annotation",
            Command::PreviousSpan => "Previous annotation",
            Command::StartLink => "Link to another annotation",
            Command::AddFragment => "Add selection as a fragment",
            Command::ExtendStart => "Start one character earlier",
            Command::ShrinkStart => "Start one character later",
            Command::ExtendEnd => "End one character later",
            Command::ShrinkEnd => "End one character earlier",
            Command::ExtendStartWord => "Start one word earlier",
            Command::ShrinkStartWord => "Start one word later",
            Command::ExtendEndWord => "End one word later",
            Command::ShrinkEndWord => "End one word earlier",
            Command::FocusAnnotationList => "Go to the annotation list",
            Command::Preferences => "Preferences…",
            Command::EditCodebook => "Codebook…",
            Command::ExportCodebook => "Export codebook…",
            Command::ImportCodebook => "Import codebook…",
            Command::Find => "Find…",
            Command::FindInProject => "Find in project…",
            Command::CommandPalette => "Command palette…",
        }
    }

    /// Longer explanation for tooltips.
    pub fn tooltip(self) -> &'static str {
        match self {
            Command::NewProject => "Start an empty project with the default labels",
            Command::OpenProject => "Open a Lectern project (.ron)",
            Command::OpenSample => "Open the annotated sample project that ships with Lectern",
            Command::UpdateDocumentText => {
                "Read a corrected version of the shown article; each annotation moves to where its text now is"
            }
            Command::OpenBackup => {
                "Open one of the last five saves of this project as a new, unsaved project"
            }
            Command::MergeProjects => {
                "Combine two or more coders' projects on the same articles into a new project, each coder's spans kept apart"
            }
            Command::ExportAnalysisTable => {
                "Write the table shown in the Analysis window to a CSV file"
            }
            Command::AddArticles => {
                "Add .txt or .md articles to this project (you can also drop files on the window)"
            }
            Command::Save => "Save the project to its file",
            Command::SaveAs => "Save the project to a new file",
            Command::ExportCsv => {
                "Every labelled span as one CSV row, for R, pandas or a spreadsheet"
            }
            Command::ExportJsonl => "Every labelled span as one JSON object per line",
            Command::Quit => "Close Lectern",
            Command::Undo => "Undo the last change",
            Command::Redo => "Redo the last undone change",
            Command::DeleteAnnotation => "Delete the selected annotation",
            Command::ClearSelection => "Clear the text selection and the selected annotation",
            Command::ZoomIn => "Larger document text",
            Command::ZoomOut => "Smaller document text",
            Command::ZoomReset => "Default document text size",
            Command::NextDocument => "Show the next document in the list",
            Command::PreviousDocument => "Show the previous document in the list",
            Command::ToggleTheme => "Switch between the light and the dark theme",
            Command::ToggleAnalysis => {
                "Label counts, who is quoted, descriptors, co-occurrence and coder agreement"
            }
            Command::ToggleAdjudication => {
                "Compare the coders' spans on this document and accept them into a gold layer"
            }
            Command::NextSpan => "Select the next annotation in the article",
            Command::PreviousSpan => "Select the previous annotation in the article",
            Command::StartLink => {
                "Link the selected annotation to another: click it, or move with ] and [ and press Enter"
            }
            Command::AddFragment => {
                "Make the selected text another fragment of the selected annotation (or Ctrl+drag)"
            }
            Command::ExtendStart
            | Command::ShrinkStart
            | Command::ExtendEnd
            | Command::ShrinkEnd
            | Command::ExtendStartWord
            | Command::ShrinkStartWord
            | Command::ExtendEndWord
            | Command::ShrinkEndWord => "Adjust the selected annotation's boundary",
            Command::FocusAnnotationList => {
                "Move the keyboard to the list of annotations (arrow keys move, Enter shows)"
            }
            Command::Preferences => "Your annotator name, word snapping and theme",
            Command::EditCodebook => {
                "Add, rename, recolour, describe and delete labels; their fields; relation types"
            }
            Command::ExportCodebook => {
                "Save the labels and relation types alone, to reuse in another project"
            }
            Command::ImportCodebook => {
                "Take labels and relation types from a codebook file (same names are replaced)"
            }
            Command::Find => "Search the shown document (plain text or regex)",
            Command::FindInProject => {
                "Search every document; label all matches after reviewing them"
            }
            Command::CommandPalette => "Find any command or label by typing part of its name",
        }
    }

    /// Shortcuts; the first is the one shown in menus.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        const fn cmd(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND, key)
        }
        const fn cmd_shift(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
        }
        const fn bare(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::NONE, key)
        }
        const fn alt(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::ALT, key)
        }
        const fn alt_shift(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::ALT.plus(Modifiers::SHIFT), key)
        }
        const fn cmd_alt(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::ALT), key)
        }
        const fn cmd_alt_shift(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(
                Modifiers::COMMAND
                    .plus(Modifiers::ALT)
                    .plus(Modifiers::SHIFT),
                key,
            )
        }
        match self {
            Command::NewProject => vec![cmd(Key::N)],
            Command::OpenProject => vec![cmd(Key::O)],
            Command::AddArticles => vec![cmd_shift(Key::O)],
            Command::Save => vec![cmd(Key::S)],
            Command::SaveAs => vec![cmd_shift(Key::S)],
            Command::OpenSample
            | Command::OpenBackup
            | Command::UpdateDocumentText
            | Command::ExportCsv
            | Command::ExportJsonl
            | Command::ToggleTheme
            | Command::ToggleAnalysis
            | Command::ToggleAdjudication
            | Command::MergeProjects
            | Command::ExportAnalysisTable => vec![],
            Command::Quit => vec![cmd(Key::Q)],
            Command::Undo => vec![cmd(Key::Z)],
            Command::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
            Command::DeleteAnnotation => vec![bare(Key::Delete), bare(Key::Backspace)],
            Command::ClearSelection => vec![bare(Key::Escape)],
            Command::ZoomIn => vec![cmd(Key::Equals), cmd(Key::Plus)],
            Command::ZoomOut => vec![cmd(Key::Minus)],
            Command::ZoomReset => vec![cmd(Key::Num0)],
            Command::NextSpan => vec![bare(Key::CloseBracket)],
            Command::PreviousSpan => vec![bare(Key::OpenBracket)],
            Command::StartLink => vec![bare(Key::L)],
            Command::AddFragment => vec![bare(Key::A)],
            Command::ExtendStart => vec![alt_shift(Key::ArrowLeft)],
            Command::ShrinkStart => vec![alt_shift(Key::ArrowRight)],
            Command::ExtendEnd => vec![alt(Key::ArrowRight)],
            Command::ShrinkEnd => vec![alt(Key::ArrowLeft)],
            Command::ExtendStartWord => vec![cmd_alt_shift(Key::ArrowLeft)],
            Command::ShrinkStartWord => vec![cmd_alt_shift(Key::ArrowRight)],
            Command::ExtendEndWord => vec![cmd_alt(Key::ArrowRight)],
            Command::ShrinkEndWord => vec![cmd_alt(Key::ArrowLeft)],
            Command::FocusAnnotationList => vec![bare(Key::F6)],
            Command::Preferences => vec![cmd(Key::Comma)],
            Command::EditCodebook => vec![cmd(Key::K)],
            Command::ExportCodebook | Command::ImportCodebook => vec![],
            Command::Find => vec![cmd(Key::F)],
            Command::FindInProject => vec![cmd_shift(Key::F)],
            Command::CommandPalette => vec![cmd_shift(Key::P)],
            Command::NextDocument => vec![cmd(Key::PageDown)],
            Command::PreviousDocument => vec![cmd(Key::PageUp)],
        }
    }

    /// Whether the shortcut still acts while the user types in a text field. Undo and
    /// Delete must then go to the field, not to the project.
    pub fn acts_while_typing(self) -> bool {
        !matches!(
            self,
            Command::Undo
                | Command::Redo
                | Command::DeleteAnnotation
                | Command::ClearSelection
                | Command::NextSpan
                | Command::PreviousSpan
                | Command::StartLink
                | Command::AddFragment
                | Command::ExtendStart
                | Command::ShrinkStart
                | Command::ExtendEnd
                | Command::ShrinkEnd
                | Command::ExtendStartWord
                | Command::ShrinkStartWord
                | Command::ExtendEndWord
                | Command::ShrinkEndWord
        )
    }

    /// Commands whose shortcut was pressed this frame, consumed from the input. Shortcuts
    /// with more modifiers are tried first, because egui matches Ctrl+Z inside Ctrl+Shift+Z.
    pub fn pressed(ctx: &egui::Context, typing: bool) -> Vec<Command> {
        let mut all: Vec<(Command, KeyboardShortcut)> = Command::ALL
            .iter()
            .filter(|c| !typing || c.acts_while_typing())
            .flat_map(|c| c.shortcuts().into_iter().map(move |s| (*c, s)))
            .collect();
        all.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        let mut out = Vec::new();
        ctx.input_mut(|i| {
            for (c, s) in all {
                if i.consume_shortcut(&s) && !out.contains(&c) {
                    out.push(c);
                }
            }
        });
        out
    }
}

fn modifier_count(m: Modifiers) -> u32 {
    u32::from(m.alt) + u32::from(m.ctrl) + u32::from(m.shift) + u32::from(m.command || m.mac_cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = Vec::new();
        for c in Command::ALL {
            for s in c.shortcuts() {
                assert!(!seen.contains(&s), "{c:?} reuses {s:?}");
                seen.push(s);
            }
        }
    }

    #[test]
    fn all_lists_every_command_once() {
        let mut v = Command::ALL.to_vec();
        v.dedup();
        assert_eq!(v.len(), Command::ALL.len());
    }
}
