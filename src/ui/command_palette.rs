//! The command palette (Ctrl+Shift+P): every command and every "apply label" found by
//! typing part of its name, run with Enter. Built from [`Command::ALL`] and the label set,
//! so it never lists something the menus and shortcuts do not do.

use super::command::Command;
use super::intent::Intent;
use crate::model::Label;
use egui::{Key, Modifiers};

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
}

impl Entry {
    /// Text shown and matched.
    pub fn text(&self) -> String {
        match self {
            Entry::Command(c) => c.text().trim_end_matches('…').to_owned(),
            Entry::Label { name, .. } => format!("Apply label: {name}"),
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
        }
    }

    /// What running it asks the app to do.
    pub fn intent(&self) -> Intent {
        match self {
            Entry::Command(c) => Intent::Command(*c),
            Entry::Label { name, .. } => Intent::ApplyLabel(name.clone()),
        }
    }
}

/// Every entry: commands in menu order, then labels. The palette itself is left out.
pub fn entries(labels: &[Label]) -> Vec<Entry> {
    Command::ALL
        .iter()
        .filter(|c| **c != Command::CommandPalette)
        .map(|c| Entry::Command(*c))
        .chain(labels.iter().map(|l| Entry::Label {
            name: l.name.clone(),
            hotkey: l.hotkey.clone(),
        }))
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
        .filter_map(|(i, e)| score(query, &e.text()).map(|s| (s, i, e)))
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
    labels: &[Label],
) -> Option<Outcome> {
    let all = entries(labels);
    let mut outcome = None;
    let modal = egui::Modal::new(egui::Id::unique("command palette"))
        .area(
            egui::Modal::default_area(egui::Id::unique("command palette"))
                .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0)),
        )
        .show(ctx, |ui| {
            ui.set_width(480.0);
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
                .hint_text("Type part of a command or label name")
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
                let button = egui::Button::selectable(i == palette.selected, entry.text())
                    .shortcut_text(entry.shortcut_text(ui.ctx()));
                let r = ui.add_sized([ui.available_width(), 0.0], button);
                let r = match entry {
                    Entry::Command(c) => r.on_hover_text(c.tooltip()),
                    Entry::Label { .. } => r,
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
    use crate::model::default_labels;

    fn texts(query: &str) -> Vec<String> {
        filtered(&entries(&default_labels()), query)
            .iter()
            .map(Entry::text)
            .collect()
    }

    #[test]
    fn substring_first_then_words_then_letters() {
        assert_eq!(texts("zoom in")[0], "Zoom in");
        assert_eq!(texts("next doc")[0], "Next document");
        assert_eq!(texts("document next")[0], "Next document");
        assert_eq!(texts("nxdoc")[0], "Next document");
        assert!(texts("quote").contains(&"Apply label: quote".to_owned()));
        assert!(texts("qqqqzz").is_empty());
    }

    #[test]
    fn every_command_but_the_palette_is_listed() {
        let all = entries(&[]);
        assert_eq!(all.len(), Command::ALL.len() - 1);
        assert!(!all.contains(&Entry::Command(Command::CommandPalette)));
        assert_eq!(texts("").len(), all.len() + default_labels().len());
    }
}
