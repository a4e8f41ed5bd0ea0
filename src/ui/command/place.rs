//! Where each [`Command`] sits in the menus. The menu bar is generated from these places
//! (`ui/menu.rs`), and the command palette shows each command with its menu path
//! ("File ▸ Export ▸ CSV"), so a command placed here is found both ways.

use super::Command;

/// A menu of the menu bar, or a submenu of one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Menu {
    /// File.
    File,
    /// File ▸ Recent projects: filled from the recent projects, not from commands.
    RecentProjects,
    /// File ▸ Export.
    Export,
    /// File ▸ Import.
    Import,
    /// File ▸ Codebook: codebook files.
    CodebookFiles,
    /// Edit.
    Edit,
    /// Annotation.
    Annotation,
    /// Annotation ▸ Apply label: filled from the project's labels, not from commands.
    ApplyLabel,
    /// Annotation ▸ Boundaries.
    Boundaries,
    /// Annotation ▸ Quote assistant.
    QuoteAssistant,
    /// View.
    View,
}

impl Menu {
    /// The menus of the menu bar, left to right.
    pub const BAR: [Menu; 4] = [Menu::File, Menu::Edit, Menu::Annotation, Menu::View];

    /// Every menu and submenu.
    pub const ALL: [Menu; 11] = [
        Menu::File,
        Menu::RecentProjects,
        Menu::Export,
        Menu::Import,
        Menu::CodebookFiles,
        Menu::Edit,
        Menu::Annotation,
        Menu::ApplyLabel,
        Menu::Boundaries,
        Menu::QuoteAssistant,
        Menu::View,
    ];

    /// Title in the menu bar or in its parent menu.
    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::RecentProjects => "Recent projects",
            Menu::Export => "Export",
            Menu::Import => "Import",
            Menu::CodebookFiles => "Codebook",
            Menu::Edit => "Edit",
            Menu::Annotation => "Annotation",
            Menu::ApplyLabel => "Apply label",
            Menu::Boundaries => "Boundaries",
            Menu::QuoteAssistant => "Quote assistant",
            Menu::View => "View",
        }
    }

    /// Where a submenu sits in its parent; `None` for the menus of the bar.
    pub fn place(self) -> Option<Place> {
        let at = |menu, section| Some(Place { menu, section });
        match self {
            Menu::File | Menu::Edit | Menu::Annotation | Menu::View => None,
            Menu::RecentProjects => at(Menu::File, 0),
            Menu::Export | Menu::Import | Menu::CodebookFiles => at(Menu::File, 2),
            Menu::ApplyLabel => at(Menu::Annotation, 0),
            Menu::Boundaries => at(Menu::Annotation, 2),
            Menu::QuoteAssistant => at(Menu::Annotation, 3),
        }
    }

    /// Titles from the menu bar down to this menu: `["File", "Export"]`.
    pub fn path(self) -> Vec<&'static str> {
        let mut path = match self.place() {
            Some(parent) => parent.menu.path(),
            None => Vec::new(),
        };
        path.push(self.title());
        path
    }

    /// The path as the palette shows it: "File ▸ Export".
    pub fn path_text(self) -> String {
        self.path().join(" ▸ ")
    }
}

/// A place in a menu: the menu, and the section within it (sections are divided by a
/// separator; within a section commands keep the order of [`Command::all`] and come
/// before submenus).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// The menu.
    pub menu: Menu,
    /// The section, counted from the top.
    pub section: u8,
}

impl Command {
    /// Where the command sits in the menus. Every command has a place, so every command
    /// the palette finds can also be found in a menu.
    pub fn place(self) -> Place {
        let (menu, section) = match self {
            Command::NewProject
            | Command::OpenProject
            | Command::OpenSample
            | Command::OpenBackup => (Menu::File, 0),
            Command::AddArticles
            | Command::ImportMetadata
            | Command::UpdateDocumentText
            | Command::MergeProjects => (Menu::File, 1),
            Command::Save | Command::SaveAs => (Menu::File, 2),
            Command::Quit => (Menu::File, 3),
            Command::Export(_) => (Menu::Export, 0),
            Command::ExportAnalysisTable
            | Command::ExportAnalysisTableForExcel
            | Command::ExportStatementsTable
            | Command::ExportAnalysisChart => (Menu::Export, 1),
            Command::Import(_) => (Menu::Import, 0),
            Command::ExportCodebook | Command::ImportCodebook => (Menu::CodebookFiles, 0),
            Command::Undo | Command::Redo => (Menu::Edit, 0),
            Command::DeleteAnnotation | Command::ClearSelection => (Menu::Edit, 1),
            Command::Find | Command::FindInProject | Command::CommandPalette => (Menu::Edit, 2),
            Command::EditCodebook | Command::Preferences => (Menu::Edit, 3),
            Command::CopyAnalysisTable => (Menu::Edit, 4),
            Command::NextSpan | Command::PreviousSpan | Command::FocusAnnotationList => {
                (Menu::Annotation, 1)
            }
            Command::StartLink | Command::AddFragment => (Menu::Annotation, 2),
            Command::Boundary(m) => (Menu::Boundaries, u8::from(m.by_word)),
            Command::ProposeQuotes | Command::ProposeQuotesAll => (Menu::QuoteAssistant, 0),
            Command::NextProposal
            | Command::PreviousProposal
            | Command::AcceptProposal
            | Command::RejectProposal
            | Command::AcceptAllProposals
            | Command::ProposalFromSelection
            | Command::SpeakerFromSelection => (Menu::QuoteAssistant, 1),
            Command::ZoomIn | Command::ZoomOut | Command::ZoomReset => (Menu::View, 0),
            Command::NextDocument | Command::PreviousDocument => (Menu::View, 1),
            Command::ToggleTheme => (Menu::View, 2),
            Command::ToggleAnalysis
            | Command::ToggleAdjudication
            | Command::ToggleQuoteTracker
            | Command::CloseWindow => (Menu::View, 3),
        };
        Place { menu, section }
    }

    /// The command as the palette lists it: its menu path and its text, "File ▸ Export ▸
    /// CSV" (without the "…" that says a dialog follows).
    pub fn path_text(self) -> String {
        format!(
            "{} ▸ {}",
            self.place().menu.path_text(),
            self.text().trim_end_matches('…')
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::ExportFormat;

    #[test]
    fn paths_name_the_menus_from_the_bar_down() {
        assert_eq!(
            Command::Export(ExportFormat::Csv).path_text(),
            "File ▸ Export ▸ CSV"
        );
        assert_eq!(Command::ToggleAnalysis.path_text(), "View ▸ Analysis");
        let end_word_earlier =
            super::super::BoundaryMove::new(super::super::Edge::End, false, true);
        assert_eq!(
            Command::Boundary(end_word_earlier).path_text(),
            "Annotation ▸ Boundaries ▸ End one word earlier"
        );
    }

    #[test]
    fn every_menu_is_reached_from_the_bar() {
        for menu in Menu::ALL {
            let root = menu.path()[0];
            assert!(
                Menu::BAR.iter().any(|m| m.title() == root),
                "{menu:?} hangs from {root}"
            );
            assert_eq!(
                menu.place().is_none(),
                Menu::BAR.contains(&menu),
                "{menu:?}"
            );
        }
    }

    #[test]
    fn every_menu_built_from_commands_has_some() {
        for menu in Menu::ALL {
            let dynamic = matches!(menu, Menu::RecentProjects | Menu::ApplyLabel);
            let has_commands = Command::all().any(|c| c.place().menu == menu);
            let has_submenus = Menu::ALL
                .iter()
                .any(|m| m.place().map(|p| p.menu) == Some(menu));
            assert!(dynamic || has_commands || has_submenus, "{menu:?} is empty");
        }
    }
}
