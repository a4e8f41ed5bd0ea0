//! The command palette (Ctrl+Shift+P): every command, every "apply label" and every
//! recent project, found by typing part of its name, run with Enter. Built from
//! [`Command::all`], the label set and the recent projects, the same sources as the menus,
//! so it never lists something the menus do not, and each entry shows its menu path
//! ("File ▸ Export ▸ CSV") so the user learns where it lives.

use super::command::{Command, Menu};
use super::intent::Intent;
use crate::model::Label;
use egui::{Key, Modifiers};
use std::path::PathBuf;

/// Rows shown at most; typing narrows the list.
const MAX_ROWS: usize = 14;

/// One thing the palette can run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A command.
    Command(Command),
    /// Apply this label to the selection (or relabel the selected annotation).
    Label {
        /// Label name.
        name: String,
        /// Its hotkey, empty for none.
        hotkey: String,
    },
    /// Open this recent project.
    Recent(PathBuf),
}

impl Entry {
    /// Text shown and matched: the menu path and the entry's own name.
    pub fn text(&self) -> String {
        match self {
            Entry::Command(c) => c.path_text(),
            Entry::Label { name, .. } => format!("{} ▸ {name}", Menu::ApplyLabel.path_text()),
            Entry::Recent(path) => {
                format!("{} ▸ {}", Menu::RecentProjects.path_text(), path.display())
            }
        }
    }

    /// The entry's own name, the last step of its path: matched before the path.
    fn name(&self) -> String {
        match self {
            Entry::Command(c) => c.text().trim_end_matches('…').to_owned(),
            Entry::Label { name, .. } => name.clone(),
            Entry::Recent(path) => path.display().to_string(),
        }
    }

    /// The shortcut, as the platform writes it.
    pub fn shortcut_text(&self, ctx: &egui::Context) -> String {
        match self {
            Entry::Command(c) => c
                .shortcuts()
                .first()
                .map(|s| ctx.format_shortcut(s))
                .unwrap_or_default(),
            Entry::Label { hotkey, .. } => hotkey.clone(),
            Entry::Recent(_) => String::new(),
        }
    }

    /// What running it asks the app to do.
    pub fn intent(&self) -> Intent {
        match self {
            Entry::Command(c) => Intent::Command(*c),
            Entry::Label { name, .. } => Intent::ApplyLabel(name.clone()),
            Entry::Recent(path) => Intent::OpenProject(path.clone()),
        }
    }

    /// How well `query` matches the entry, lower is better; `None` for no match. The
    /// entry's own name counts first ("analysis" finds View ▸ Analysis before entries
    /// that only sit in a menu with that word), then the whole path ("export" finds every
    /// export).
    pub fn score(&self, query: &str) -> Option<usize> {
        let name = self.name();
        match score(query, &name) {
            // An exact name beats a longer one starting the same way.
            Some(s) if s < 100 => {
                Some(2 * s + usize::from(!name.eq_ignore_ascii_case(query.trim())))
            }
            Some(s) => Some(s),
            None => score(query, &self.text()).map(|s| s + 5000),
        }
    }
}

/// What the palette lists besides the commands.
pub struct PaletteSources<'a> {
    /// The project's labels.
    pub labels: &'a [Label],
    /// Recent project files, newest first.
    pub recent: &'a [PathBuf],
}

/// Every entry: commands in menu order, then labels, then recent projects. The palette
/// itself is left out.
pub fn entries(sources: &PaletteSources<'_>) -> Vec<Entry> {
    Command::all()
        .filter(|c| *c != Command::CommandPalette)
        .map(Entry::Command)
        .chain(sources.labels.iter().map(|l| Entry::Label {
            name: l.name.clone(),
            hotkey: l.hotkey.clone(),
        }))
        .chain(sources.recent.iter().cloned().map(Entry::Recent))
        .collect()
}

/// How well `query` matches `text`, lower is better; `None` for no match. A substring
/// beats all the query's words appearing in any order, which beats the query's letters
/// appearing in order ("nxdoc" finds "Next document"). Case is ignored.
pub fn score(query: &str, text: &str) -> Option<usize> {
    let q = query.trim().to_lowercase();
    let t = text.to_lowercase();
    if q.is_empty() {
        return Some(0);
    }
    if let Some(at) = t.find(&q) {
        let word_start = at == 0 || t[..at].ends_with([' ', ':', '-']);
        return Some(if word_start { at } else { 100 + at });
    }
    if q.split_whitespace().all(|w| t.contains(w)) {
        return Some(1000);
    }
    let mut gaps = 0;
    let mut chars = t.chars();
    for qc in q.chars().filter(|c| !c.is_whitespace()) {
        let mut skipped = 0;
        loop {
            match chars.next() {
                Some(c) if c == qc => break,
                Some(_) => skipped += 1,
                None => return None,
            }
        }
        gaps += skipped;
    }
    Some(2000 + gaps)
}

/// The entries matching `query`, best first (ties keep menu order).
pub fn filtered(entries: &[Entry], query: &str) -> Vec<Entry> {
    let mut scored: Vec<(usize, usize, &Entry)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.score(query).map(|s| (s, i, e)))
        .collect();
    scored.sort_by_key(|(s, i, _)| (*s, *i));
    scored.into_iter().map(|(_, _, e)| e.clone()).collect()
}

/// What the palette is showing: the typed text and the highlighted row.
#[derive(Debug, Default)]
pub struct CommandPalette {
    /// The typed text.
    pub query: String,
    /// Row highlighted for Enter.
    pub selected: usize,
}

/// The palette's answer this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Close without running anything.
    Close,
    /// Close and run this.
    Run(Intent),
}

/// Shows the palette as a modal; arrow keys move, Enter runs, Esc closes.
pub fn palette_ui(
    ctx: &egui::Context,
    palette: &mut CommandPalette,
    sources: &PaletteSources<'_>,
) -> Option<Outcome> {
    let all = entries(sources);
    let mut outcome = None;
    let modal = egui::Modal::new(egui::Id::unique("command palette"))
        .area(
            egui::Modal::default_area(egui::Id::unique("command palette"))
                .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0)),
        )
        .show(ctx, |ui| {
            ui.set_width(560.0);
            let shown = filtered(&all, &palette.query);
            let (down, up, enter) = ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::ArrowDown),
                    i.consume_key(Modifiers::NONE, Key::ArrowUp),
                    i.key_pressed(Key::Enter),
                )
            });
            let last = shown.len().min(MAX_ROWS).saturating_sub(1);
            if down {
                palette.selected = (palette.selected + 1).min(last);
            }
            if up {
                palette.selected = palette.selected.saturating_sub(1);
            }
            let label = ui.label("Run a command");
            let edit = egui::TextEdit::singleline(&mut palette.query)
                .hint_text("Type part of a command, menu, label or recent project")
                .desired_width(f32::INFINITY);
            let resp = ui.add(edit).labelled_by(label.id);
            resp.request_focus();
            if resp.changed() {
                palette.selected = 0;
            }
            palette.selected = palette.selected.min(last);
            ui.separator();
            if shown.is_empty() {
                ui.weak("No command matches");
            }
            for (i, entry) in shown.iter().take(MAX_ROWS).enumerate() {
                let mut button = egui::Button::selectable(i == palette.selected, entry.text());
                let shortcut = entry.shortcut_text(ui.ctx());
                if !shortcut.is_empty() {
                    // An empty one would still add a space to the name screen readers hear.
                    button = button.shortcut_text(shortcut);
                }
                let r = ui.add_sized([ui.available_width(), 0.0], button);
                let r = match entry {
                    Entry::Command(c) => r.on_hover_text(c.tooltip()),
                    Entry::Label { .. } | Entry::Recent(_) => r,
                };
                if r.clicked() {
                    outcome = Some(Outcome::Run(entry.intent()));
                }
            }
            if enter && outcome.is_none() {
                outcome = Some(match shown.get(palette.selected) {
                    Some(e) => Outcome::Run(e.intent()),
                    None => Outcome::Close,
                });
            }
        });
    if modal.should_close() && outcome.is_none() {
        outcome = Some(Outcome::Close);
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::ExportFormat;
    use crate::model::default_labels;

    fn texts(query: &str) -> Vec<String> {
        let labels = default_labels();
        let recent = [PathBuf::from("/home/r/bridge study.ron")];
        let sources = PaletteSources {
            labels: &labels,
            recent: &recent,
        };
        filtered(&entries(&sources), query)
            .iter()
            .map(Entry::text)
            .collect()
    }

    #[test]
    fn substring_first_then_words_then_letters() {
        assert_eq!(texts("zoom in")[0], "View ▸ Zoom in");
        assert_eq!(texts("next doc")[0], "View ▸ Next document");
        assert_eq!(texts("document next")[0], "View ▸ Next document");
        assert_eq!(texts("nxdoc")[0], "View ▸ Next document");
        assert!(texts("quote").contains(&"Annotation ▸ Apply label ▸ quote".to_owned()));
        assert!(texts("qqqqzz").is_empty());
    }

    #[test]
    fn entries_carry_their_menu_path_and_views_come_first() {
        assert_eq!(texts("analysis")[0], "View ▸ Analysis");
        assert!(texts("csv").contains(&"File ▸ Export ▸ CSV".to_owned()));
        // A menu's name finds everything in it.
        let exports = texts("export");
        for f in ExportFormat::ALL {
            assert!(
                exports.contains(&Command::Export(f).path_text()),
                "{f:?} in {exports:?}"
            );
        }
        assert_eq!(texts("codebook")[0], "Edit ▸ Codebook");
        assert_eq!(texts("adjud")[0], "View ▸ Adjudicate");
        assert_eq!(
            texts("bridge")[0],
            "File ▸ Recent projects ▸ /home/r/bridge study.ron"
        );
    }

    #[test]
    fn every_command_but_the_palette_is_listed() {
        let sources = PaletteSources {
            labels: &[],
            recent: &[],
        };
        let all = entries(&sources);
        assert_eq!(all.len(), Command::all().count() - 1);
        assert!(!all.contains(&Entry::Command(Command::CommandPalette)));
        assert_eq!(texts("").len(), all.len() + default_labels().len() + 1);
    }
}
