//! The menu bar, generated from the commands' places ([`Command::place`]): each menu
//! lists the commands placed in it, in [`Command::all`] order, sections divided by a
//! separator, submenus after the commands of their section. Each item shows the shortcut
//! that works and the command's tooltip. Only two submenus are filled from the project
//! and the settings instead: recent projects and the labels to apply.

use super::command::{Command, Menu};
use super::intent::Intent;
use crate::model::Label;
use std::borrow::Cow;
use std::path::PathBuf;

/// What the menus need to know to enable items and label Undo/Redo.
pub struct MenuContext<'a> {
    /// Description of the step Undo would undo.
    pub undo: Option<&'a str>,
    /// Description of the step Redo would redo.
    pub redo: Option<&'a str>,
    /// Whether an annotation is selected.
    pub has_selected_span: bool,
    /// Whether a label can be applied now (text or an annotation is selected).
    pub can_label: bool,
    /// Whether the project has documents.
    pub has_documents: bool,
    /// Recent project files, newest first.
    pub recent: &'a [PathBuf],
    /// The project's labels, for Annotation ▸ Apply label.
    pub labels: &'a [Label],
    /// Whether the dark theme is on.
    pub dark_mode: bool,
    /// Whether a job (opening, saving, exporting…) runs: file commands wait for it.
    pub busy: bool,
}

/// One entry of a generated menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuItem {
    /// A command.
    Command(Command),
    /// A submenu.
    Submenu(Menu),
}

/// The entries of `menu` with their sections, top to bottom.
pub fn menu_items(menu: Menu) -> Vec<(u8, MenuItem)> {
    let commands = Command::all()
        .filter(|c| c.place().menu == menu)
        .map(|c| (c.place().section, MenuItem::Command(c)));
    let submenus = Menu::ALL
        .into_iter()
        .filter_map(|m| m.place().filter(|p| p.menu == menu).map(|p| (p.section, m)))
        .map(|(section, m)| (section, MenuItem::Submenu(m)));
    let mut items: Vec<(u8, MenuItem)> = commands.chain(submenus).collect();
    // Stable: commands keep their order and come before the submenus of their section.
    items.sort_by_key(|(section, _)| *section);
    items
}

/// The menu bar; returns what the user chose.
pub fn menu_bar_ui(ui: &mut egui::Ui, cx: &MenuContext<'_>) -> Option<Intent> {
    let mut choice = None;
    egui::MenuBar::new().ui(ui, |ui| {
        for menu in Menu::BAR {
            ui.menu_button(menu.title(), |ui| menu_ui(ui, menu, cx, &mut choice));
        }
    });
    choice
}

/// The entries of one menu (and, when opened, its submenus).
fn menu_ui(ui: &mut egui::Ui, menu: Menu, cx: &MenuContext<'_>, choice: &mut Option<Intent>) {
    match menu {
        Menu::RecentProjects => return recent_ui(ui, cx, choice),
        Menu::ApplyLabel => return labels_ui(ui, cx, choice),
        _ => {}
    }
    let mut section = None;
    for (s, item) in menu_items(menu) {
        if section.is_some_and(|last| last != s) {
            ui.separator();
        }
        section = Some(s);
        match item {
            MenuItem::Command(c) => command_ui(ui, c, cx, choice),
            MenuItem::Submenu(m) => {
                ui.add_enabled_ui(submenu_enabled(m, cx), |ui| {
                    ui.menu_button(m.title(), |ui| menu_ui(ui, m, cx, choice))
                });
            }
        }
    }
}

fn command_ui(ui: &mut egui::Ui, c: Command, cx: &MenuContext<'_>, choice: &mut Option<Intent>) {
    let mut button = egui::Button::new(menu_text(c, cx));
    if let Some(s) = c.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(s));
    }
    if ui
        .add_enabled(is_enabled(c, cx), button)
        .on_hover_text(c.tooltip())
        .clicked()
    {
        *choice = Some(Intent::Command(c));
    }
}

/// The item's text: Undo and Redo name the step, the theme item names the other theme.
fn menu_text(c: Command, cx: &MenuContext<'_>) -> Cow<'static, str> {
    match (c, cx.undo, cx.redo) {
        (Command::Undo, Some(step), _) => format!("Undo {step}").into(),
        (Command::Redo, _, Some(step)) => format!("Redo {step}").into(),
        (Command::ToggleTheme, ..) if cx.dark_mode => "Light theme".into(),
        _ => c.text().into(),
    }
}

/// Whether a submenu opens now: one of nothing but file work (Export, Import, Recent
/// projects) waits while a job runs. Others open even when their items are disabled, so
/// the user can still see what is there and its shortcuts.
fn submenu_enabled(menu: Menu, cx: &MenuContext<'_>) -> bool {
    !(cx.busy && only_file_work(menu))
}

fn only_file_work(menu: Menu) -> bool {
    match menu {
        Menu::RecentProjects => true,
        Menu::ApplyLabel => false,
        _ => menu_items(menu).into_iter().all(|(_, item)| match item {
            MenuItem::Command(c) => c.is_file_command(),
            MenuItem::Submenu(m) => only_file_work(m),
        }),
    }
}

/// Whether the command can run now: it has something to act on, and file commands wait
/// while a job runs.
fn is_enabled(c: Command, cx: &MenuContext<'_>) -> bool {
    if cx.busy && c.is_file_command() {
        return false;
    }
    match c {
        Command::Undo => cx.undo.is_some(),
        Command::Redo => cx.redo.is_some(),
        Command::DeleteAnnotation
        | Command::StartLink
        | Command::AddFragment
        | Command::Boundary(_) => cx.has_selected_span,
        Command::UpdateDocumentText
        | Command::Export(_)
        | Command::Find
        | Command::NextSpan
        | Command::PreviousSpan
        | Command::FocusAnnotationList
        | Command::NextDocument
        | Command::PreviousDocument
        | Command::ToggleAdjudication => cx.has_documents,
        _ => true,
    }
}

fn recent_ui(ui: &mut egui::Ui, cx: &MenuContext<'_>, choice: &mut Option<Intent>) {
    if cx.recent.is_empty() {
        ui.weak("None yet");
    }
    for path in cx.recent {
        let button = egui::Button::new(path.display().to_string());
        if ui.add_enabled(!cx.busy, button).clicked() {
            *choice = Some(Intent::OpenProject(path.clone()));
        }
    }
}

fn labels_ui(ui: &mut egui::Ui, cx: &MenuContext<'_>, choice: &mut Option<Intent>) {
    if cx.labels.is_empty() {
        ui.weak("No labels: add some in Edit ▸ Codebook");
    }
    for label in cx.labels {
        let button = egui::Button::new(&label.name).shortcut_text(&label.hotkey);
        let response = ui
            .add_enabled(cx.can_label, button)
            .on_hover_text("Label the selected text, or relabel the selected annotation");
        if response.clicked() {
            *choice = Some(Intent::ApplyLabel(label.name.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::command::{BoundaryMove, Edge};

    #[test]
    fn boundaries_are_generated_from_the_command_list() {
        let items = menu_items(Menu::Boundaries);
        assert_eq!(items.len(), 8);
        let end_word_earlier = BoundaryMove::new(Edge::End, false, true);
        assert!(items.contains(&(1, MenuItem::Command(Command::Boundary(end_word_earlier)))));
    }

    #[test]
    fn submenus_follow_the_commands_of_their_section() {
        let file = menu_items(Menu::File);
        let at = |item| file.iter().position(|(_, i)| *i == item).expect("in File");
        assert!(
            at(MenuItem::Command(Command::OpenBackup))
                < at(MenuItem::Submenu(Menu::RecentProjects))
        );
        assert!(
            at(MenuItem::Submenu(Menu::RecentProjects))
                < at(MenuItem::Command(Command::AddArticles))
        );
        assert!(at(MenuItem::Command(Command::SaveAs)) < at(MenuItem::Submenu(Menu::Export)));
        assert!(at(MenuItem::Submenu(Menu::CodebookFiles)) < at(MenuItem::Command(Command::Quit)));
    }

    #[test]
    fn every_command_is_in_exactly_one_generated_menu() {
        for c in Command::all() {
            let found = Menu::ALL
                .iter()
                .filter(|m| menu_items(**m).contains(&(c.place().section, MenuItem::Command(c))))
                .count();
            assert_eq!(found, 1, "{c:?}");
        }
    }
}
