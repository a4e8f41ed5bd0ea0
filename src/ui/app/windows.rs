//! Esc in the app: it closes the topmost floating window (Codebook, Adjudication, Quote
//! tracker), then the Analysis view under them, and with none open it leaves search, then
//! linking, then clears the selection. The stack of open windows is kept in step once a
//! frame.

use super::*;
use crate::ui::windows::{AppWindow, front_window};

impl Lectern {
    /// The open windows, topmost last.
    pub fn open_windows(&self) -> &[AppWindow] {
        self.windows.windows()
    }

    /// Whether `window` is open.
    pub(super) fn is_window_open(&self, window: AppWindow) -> bool {
        match window {
            AppWindow::Codebook => self.codebook.is_some(),
            AppWindow::Analysis => self.analysis.open,
            AppWindow::Adjudication => self.adjudication.open,
            AppWindow::QuoteTracker => self.tracker.open,
        }
    }

    fn close_window(&mut self, window: AppWindow) {
        match window {
            AppWindow::Codebook => self.codebook = None,
            AppWindow::Analysis => self.analysis.open = false,
            AppWindow::Adjudication => self.adjudication.open = false,
            AppWindow::QuoteTracker => self.tracker.open = false,
        }
        self.windows.remove(window);
    }

    /// Keeps the window stack in step with what is open and what egui shows in front.
    pub(super) fn track_windows(&mut self, ctx: &egui::Context) {
        let open = self.opened_windows();
        self.windows.update(&open, front_window(ctx));
    }

    fn opened_windows(&self) -> Vec<AppWindow> {
        AppWindow::ALL
            .into_iter()
            .filter(|w| self.is_window_open(*w))
            .collect()
    }

    /// What Esc does: the topmost window closes; with none, search closes (keeping the
    /// found text selected for labelling), then linking is cancelled, then the selection
    /// is cleared.
    pub(super) fn close_topmost(&mut self) {
        self.track_windows_now();
        if let Some(window) = self.windows.top() {
            self.close_window(window);
        } else if self.search.is_some() {
            self.search = None;
        } else if self.linking.take().is_some() {
            self.status = "Linking cancelled".to_owned();
        } else {
            self.view.selection = None;
            self.selected_span = None;
        }
    }

    /// Windows opened by a command earlier in this frame's queue are on the stack too.
    fn track_windows_now(&mut self) {
        let open = self.opened_windows();
        self.windows.update(&open, None);
    }
}
