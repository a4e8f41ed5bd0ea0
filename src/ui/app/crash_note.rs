//! Telling the user, at the next start, that a bug ended the last Lectern window
//! (`store::crash_note` keeps the note; `cli::panic_hook` writes it). Shown before the offer
//! to restore the work that window left, which it explains.

use super::safety::iso_local;
use super::*;
use crate::store::crash_note;

/// The dialog's title.
pub const CRASH_TITLE: &str = "Lectern closed because of a bug";

impl Lectern {
    /// Reads the notes left by Lectern windows a bug ended (once, when the window starts).
    pub(super) fn find_crash_notes(&mut self) {
        if let Some(dir) = &self.safety.unsaved_dir {
            self.safety.crash_notes = crash_note::left_behind(dir);
        }
    }

    /// The notes on screen, oldest first (tests).
    pub fn crash_notes(&self) -> &[crash_note::CrashNote] {
        &self.safety.crash_notes
    }

    /// The text "Copy report" puts on the clipboard: every note, with when it happened.
    pub fn crash_report(&self) -> String {
        self.safety
            .crash_notes
            .iter()
            .map(|n| format!("{}\n{}", crate::model::iso_utc(n.written), n.text))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The user has read the notes: they are removed, so they are shown once.
    pub fn dismiss_crash_notes(&mut self) {
        for note in std::mem::take(&mut self.safety.crash_notes) {
            if let Err(e) = crash_note::remove(&note) {
                self.status = format!("Could not remove {}: {e}", note.path.display());
            }
        }
    }

    pub(super) fn crash_note_ui(&mut self, ctx: &egui::Context) {
        let (mut copy, mut close) = (false, false);
        let modal = egui::Modal::new(egui::Id::unique("crash-note")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(CRASH_TITLE);
            let times = match self.safety.crash_notes.len() {
                1 => "The last time Lectern ran, it".to_owned(),
                n => format!("{n} times since you last saw this, Lectern"),
            };
            ui.label(format!("{times} had to close because of a bug in it:"));
            for note in &self.safety.crash_notes {
                ui.add_space(4.0);
                ui.label(iso_local(note.written));
                ui.label(egui::RichText::new(&note.text).monospace());
            }
            ui.add_space(6.0);
            ui.label(
                "Edits made in the window were kept: each is written to the project's \
                 journal within a second. Open the project again and Lectern offers to \
                 restore them; a project that was never saved is offered next.",
            );
            ui.label("Please report the bug to the Lectern developers, with what you were doing.");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                copy = ui
                    .button("Copy report")
                    .on_hover_text("Put the bug's description on the clipboard")
                    .clicked();
                close = ui.button("OK").clicked();
            });
        });
        // Esc or a click beside it is "OK" too.
        close |= modal.should_close();
        if copy {
            ctx.copy_text(self.crash_report());
        }
        if close {
            self.dismiss_crash_notes();
        }
    }
}
