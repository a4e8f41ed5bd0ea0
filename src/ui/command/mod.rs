//! Every user command in one enum: its text and tooltip (here), its shortcuts
//! ([`keys`]) and its place in the menus ([`place`]). The menu bar, the command palette,
//! the keyboard and tests are all built from [`Command::all`], so a shortcut shown in a
//! menu is the one that works, every command the palette lists says where it sits in the
//! menus, and no two commands can share a shortcut (a test checks).
//!
//! Adding a command: a variant, its entry in [`Command::PLAIN`], its text and tooltip
//! below, its shortcuts in `keys.rs`, its menu place in `place.rs` (the compiler asks for
//! each), and what it does in `app/commands.rs`.

mod boundary;
mod keys;
pub mod place;

pub use boundary::{BoundaryMove, Edge};
pub use place::{Menu, Place};

use crate::formats::{ExportFormat, ImportFormat};

/// A user command. Most take no parameters; the export and import commands carry their
/// format.
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
    /// Write the Analysis view's table to a CSV file.
    ExportAnalysisTable,
    /// Write the Analysis view's table as CSV for Excel (formula-like cells made inert).
    ExportAnalysisTableForExcel,
    /// Write the Quote tracker's statements × outlets table to a CSV file.
    ExportStatementsTable,
    /// Write the Analysis view's chart as SVG or PNG.
    ExportAnalysisChart,
    /// Put the Analysis view's table on the clipboard as CSV.
    CopyAnalysisTable,
    /// Save to the project's file (asks for one if it has none).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Export every span in this format (asks where).
    Export(ExportFormat),
    /// Import annotated documents in this format (asks which files).
    Import(ImportFormat),
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
    /// Show or hide the Quote tracker: the same statement across outlets.
    ToggleQuoteTracker,
    /// Select the next annotation in reading order.
    NextSpan,
    /// Select the previous annotation in reading order.
    PreviousSpan,
    /// Start linking the selected annotation to another one.
    StartLink,
    /// Add the selected text to the selected annotation as another fragment.
    AddFragment,
    /// Move an edge of the selected annotation by a character or a word.
    Boundary(BoundaryMove),
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
    /// Fill documents' metadata from a table (File ▸ Import metadata table…).
    ImportMetadata,
    /// Search the shown document.
    Find,
    /// Search every document of the project.
    FindInProject,
    /// Find any command by typing part of its name.
    CommandPalette,
    /// Close the topmost window (Analysis, Codebook, Adjudication…); with none open, leave
    /// search or linking, or clear the selection.
    CloseWindow,
    /// Propose quotes in this document.
    ProposeQuotes,
    /// Propose quotes in every document.
    ProposeQuotesAll,
    /// Next proposal.
    NextProposal,
    /// Previous proposal.
    PreviousProposal,
    /// Accept proposal.
    AcceptProposal,
    /// Reject proposal.
    RejectProposal,
    /// Accept all proposals in this document.
    AcceptAllProposals,
    /// Use the selection as the proposed quote.
    ProposalFromSelection,
    /// Use the selection (or the selected annotation's text) as the proposed speaker.
    SpeakerFromSelection,
}

impl Command {
    /// Every command without a parameter, in menu order.
    pub const PLAIN: [Command; 51] = [
        Command::NewProject,
        Command::OpenProject,
        Command::OpenSample,
        Command::OpenBackup,
        Command::UpdateDocumentText,
        Command::AddArticles,
        Command::MergeProjects,
        Command::ExportAnalysisTable,
        Command::ExportAnalysisTableForExcel,
        Command::ExportStatementsTable,
        Command::ExportAnalysisChart,
        Command::CopyAnalysisTable,
        Command::Save,
        Command::SaveAs,
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
        Command::ToggleQuoteTracker,
        Command::NextSpan,
        Command::PreviousSpan,
        Command::StartLink,
        Command::AddFragment,
        Command::FocusAnnotationList,
        Command::Preferences,
        Command::EditCodebook,
        Command::ExportCodebook,
        Command::ImportCodebook,
        Command::ImportMetadata,
        Command::Find,
        Command::FindInProject,
        Command::CommandPalette,
        Command::CloseWindow,
        Command::ProposeQuotes,
        Command::ProposeQuotesAll,
        Command::NextProposal,
        Command::PreviousProposal,
        Command::AcceptProposal,
        Command::RejectProposal,
        Command::AcceptAllProposals,
        Command::ProposalFromSelection,
        Command::SpeakerFromSelection,
    ];

    /// Every command: the plain ones, then the boundary moves, one export per format and
    /// one import per format.
    pub fn all() -> impl Iterator<Item = Command> {
        Command::PLAIN
            .into_iter()
            .chain(BoundaryMove::ALL.map(Command::Boundary))
            .chain(ExportFormat::ALL.map(Command::Export))
            .chain(ImportFormat::ALL.map(Command::Import))
    }

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
                | Command::ExportAnalysisTableForExcel
                | Command::ExportStatementsTable
                | Command::ExportAnalysisChart
                | Command::Save
                | Command::SaveAs
                | Command::Export(_)
                | Command::Import(_)
                | Command::ExportCodebook
                | Command::ImportCodebook
                | Command::ImportMetadata
                | Command::ProposeQuotesAll
        )
    }

    /// Menu text (the last step of its menu path).
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
            Command::ExportAnalysisChart => "Analysis chart as SVG or PNG…",
            Command::CopyAnalysisTable => "Copy analysis table as CSV",
            Command::ExportAnalysisTableForExcel => "Analysis table for Excel…",
            Command::ExportStatementsTable => "Statements table…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::Boundary(m) => m.text(),
            Command::Export(format) => format.menu_text(),
            Command::Import(format) => format.menu_text(),
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
            Command::ToggleQuoteTracker => "Quote tracker",
            Command::NextSpan => "Next annotation",
            Command::PreviousSpan => "Previous annotation",
            Command::StartLink => "Link to another annotation",
            Command::AddFragment => "Add selection as a fragment",
            Command::FocusAnnotationList => "Go to the annotation list",
            Command::Preferences => "Preferences…",
            Command::EditCodebook => "Codebook…",
            Command::ExportCodebook => "Export codebook…",
            Command::ImportCodebook => "Import codebook…",
            Command::ImportMetadata => "Import metadata table…",
            Command::Find => "Find…",
            Command::FindInProject => "Find in project…",
            Command::CommandPalette => "Command palette…",
            Command::CloseWindow => "Close window",
            Command::ProposeQuotes => "Propose quotes in this document",
            Command::ProposeQuotesAll => "Propose quotes in every document",
            Command::NextProposal => "Next proposal",
            Command::PreviousProposal => "Previous proposal",
            Command::AcceptProposal => "Accept proposal",
            Command::RejectProposal => "Reject proposal",
            Command::AcceptAllProposals => "Accept all proposals in this document",
            Command::ProposalFromSelection => "Use the selection as the proposed quote",
            Command::SpeakerFromSelection => "Use the selection as the proposed speaker",
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
            Command::ExportAnalysisTableForExcel => {
                "Write the Analysis view's table as CSV for Excel: a byte order mark, and cells that start like a formula (=, +, -, @) prefixed with ' so a spreadsheet never runs them"
            }
            Command::ExportAnalysisTable => {
                "Write the Analysis view's table to a CSV file, every cell verbatim, for R or pandas"
            }
            Command::ExportAnalysisChart => {
                "Write the Analysis view's chart as SVG (text stays text, for a paper) or PNG (a name ending in .png)"
            }
            Command::CopyAnalysisTable => {
                "Put the Analysis view's table on the clipboard as CSV, to paste into a spreadsheet"
            }
            Command::ExportStatementsTable => {
                "Write the Quote tracker's statements × outlets table (the kind in each cell) to a CSV file"
            }
            Command::AddArticles => {
                "Add articles (text, Markdown, HTML, Word or PDF files, or a table with one article a row) to this project; you can also drop files on the window"
            }
            Command::ImportMetadata => {
                "Fill the documents' outlet, date, author, title and own fields from a table (CSV, TSV, Excel, JSON Lines), one row per document"
            }
            Command::Save => "Save the project to its file",
            Command::SaveAs => "Save the project to a new file",
            Command::Export(format) => format.description(),
            Command::Import(format) => format.description(),
            Command::Quit => "Close Lectern",
            Command::Undo => "Undo the last change",
            Command::Redo => "Redo the last undone change",
            Command::DeleteAnnotation => "Delete the selected annotation",
            Command::ClearSelection => {
                "Clear the text selection and the selected annotation (Esc, when no window is open)"
            }
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
            Command::ToggleQuoteTracker => {
                "The same statement across outlets: printed whole, cut, paraphrased or not at all"
            }
            Command::NextSpan => "Select the next annotation in the article",
            Command::PreviousSpan => "Select the previous annotation in the article",
            Command::StartLink => {
                "Link the selected annotation to another: click it, or move with ] and [ and press Enter"
            }
            Command::AddFragment => {
                "Make the selected text another fragment of the selected annotation (or Ctrl+drag)"
            }
            Command::Boundary(_) => "Adjust the selected annotation's boundary",
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
            Command::CloseWindow => {
                "Close the topmost window; with none open, leave search or linking, or clear the selection"
            }
            Command::ProposeQuotes
            | Command::ProposeQuotesAll
            | Command::NextProposal
            | Command::PreviousProposal
            | Command::AcceptProposal
            | Command::RejectProposal
            | Command::AcceptAllProposals
            | Command::ProposalFromSelection
            | Command::SpeakerFromSelection => self.assistant_tooltip(),
        }
    }

    /// Tooltips of the quote assistant's commands (`tooltip` lists which they are).
    fn assistant_tooltip(self) -> &'static str {
        match self {
            Command::ProposeQuotes => {
                "Let the quote assistant propose every quote of the shown article, with its attribution and speaker, as dashed outlines to review"
            }
            Command::ProposeQuotesAll => {
                "Run the quote assistant over the whole project in the background (with progress and Cancel)"
            }
            Command::NextProposal => "Go to the next proposal of the quote assistant",
            Command::PreviousProposal => "Go to the previous proposal of the quote assistant",
            Command::AcceptProposal => {
                "Add the proposal under review as an annotation (with its attribution and link), recorded as the assistant's"
            }
            Command::RejectProposal => {
                "Drop the proposal under review; it is not proposed again for this document"
            }
            Command::AcceptAllProposals => {
                "Add every open proposal of the shown document in one step"
            }
            Command::ProposalFromSelection => {
                "Make the selected text the quote of the proposal under review"
            }
            Command::SpeakerFromSelection => {
                "Make the selected text (or the selected annotation's) the speaker of the proposal under review, in place of the one proposed"
            }
            _ => "",
        }
    }
}
