//! The app's floating windows in the order the user last brought them forward, so that
//! Esc (View ▸ Close window) closes the one on top. egui keeps its own window order but
//! does not say which of the *open* windows is topmost, so the app keeps this stack: a
//! window opened or clicked goes to the top, a closed one leaves it.

/// A window the app shows over the document view (or, for Analysis, instead of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppWindow {
    /// The codebook editor (Edit ▸ Codebook).
    Codebook,
    /// The Analysis view (View ▸ Analysis).
    Analysis,
    /// The Adjudication window (View ▸ Adjudicate).
    Adjudication,
    /// The Quote tracker (View ▸ Quote tracker).
    QuoteTracker,
}

impl AppWindow {
    /// Every window.
    pub const ALL: [AppWindow; 4] = [
        AppWindow::Codebook,
        AppWindow::Analysis,
        AppWindow::Adjudication,
        AppWindow::QuoteTracker,
    ];

    /// The fixed egui id of the window's area, so its layer can be recognised; give it to
    /// `egui::Window::id`.
    pub fn id(self) -> egui::Id {
        egui::Id::unique(match self {
            AppWindow::Codebook => "codebook-window",
            AppWindow::Analysis => "analysis-window",
            AppWindow::Adjudication => "adjudication-window",
            AppWindow::QuoteTracker => "quote-tracker-window",
        })
    }
}

/// The open windows, topmost last.
#[derive(Debug, Default)]
pub struct WindowStack {
    order: Vec<AppWindow>,
}

impl WindowStack {
    /// Brings the stack in step with this frame: windows no longer `open` leave it, newly
    /// opened ones go on top, and `front` (the window egui shows in front, if it is one of
    /// ours) moves to the top; the Analysis view, not a floating window, stays below them.
    pub fn update(&mut self, open: &[AppWindow], front: Option<AppWindow>) {
        self.order.retain(|w| open.contains(w));
        for w in open {
            if !self.order.contains(w) {
                self.order.push(*w);
            }
        }
        if let Some(front) = front.filter(|w| open.contains(w)) {
            self.order.retain(|w| *w != front);
            self.order.push(front);
        }
        // The Analysis view fills the central area: every floating window is above it.
        if let Some(at) = self.order.iter().position(|w| *w == AppWindow::Analysis) {
            let analysis = self.order.remove(at);
            self.order.insert(0, analysis);
        }
    }

    /// The topmost open window.
    pub fn top(&self) -> Option<AppWindow> {
        self.order.last().copied()
    }

    /// The open windows, topmost last.
    pub fn windows(&self) -> &[AppWindow] {
        &self.order
    }

    /// Forgets `window` (it was closed).
    pub fn remove(&mut self, window: AppWindow) {
        self.order.retain(|w| *w != window);
    }
}

/// Which of our windows egui shows in front of the others (from the last frame).
pub fn front_window(ctx: &egui::Context) -> Option<AppWindow> {
    let top = ctx.memory(|m| m.areas().top_layer_id(egui::Order::Middle))?;
    AppWindow::ALL.into_iter().find(|w| w.id() == top.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use AppWindow::*;

    #[test]
    fn opened_and_clicked_windows_go_on_top_closed_ones_leave() {
        let mut stack = WindowStack::default();
        stack.update(&[Adjudication], None);
        stack.update(&[Codebook, Adjudication], None);
        assert_eq!(stack.top(), Some(Codebook));
        // The user clicks the Adjudication window: egui brings it forward.
        stack.update(&[Codebook, Adjudication], Some(Adjudication));
        assert_eq!(stack.top(), Some(Adjudication));
        // Closed, it leaves even though egui still names it as the front layer.
        stack.update(&[Codebook], Some(Adjudication));
        assert_eq!(stack.windows(), &[Codebook]);
        stack.remove(Codebook);
        assert_eq!(stack.top(), None);
    }

    #[test]
    fn the_analysis_view_stays_under_the_floating_windows() {
        let mut stack = WindowStack::default();
        stack.update(&[Codebook], None);
        stack.update(&[Codebook, Analysis], None);
        assert_eq!(stack.windows(), &[Analysis, Codebook]);
        stack.update(&[Codebook, Analysis, Adjudication], Some(Codebook));
        assert_eq!(stack.windows(), &[Analysis, Adjudication, Codebook]);
    }
}
