//! The strip shown above the status bar while a long job runs: what it does, its phase,
//! a progress bar with counts, and Cancel. It draws and reports the click; the app
//! cancels. A phase whose length is unknown (a parse is one call) gets a slow sweep
//! instead of a bar that stands still.

use super::job::JobView;
use super::theme;
use egui::{Response, Sense, Ui, Widget, WidgetInfo, vec2};
use std::time::Duration;

/// Width of the progress bar.
const BAR_WIDTH_PX: f32 = 280.0;
/// Height of the bar itself; thin, so it reads as a status, not an alarm.
const BAR_HEIGHT_PX: f32 = 8.0;
/// Share of the bar the sweep of an unknown-length phase covers.
const SWEEP_SHARE: f32 = 0.25;
/// Seconds the sweep takes to cross the bar and back: calm, not busy.
const SWEEP_PERIOD_S: f64 = 3.0;
/// Time between frames of the sweep: smooth enough at its slow pace, and cheap.
const SWEEP_FRAME: Duration = Duration::from_millis(80);

/// Draws the strip for `job`; returns true when Cancel was clicked.
pub fn job_bar_ui(ui: &mut Ui, job: &JobView) -> bool {
    let mut cancel = false;
    ui.horizontal(|ui| {
        ui.strong(&job.title);
        let p = &job.progress;
        if !p.phase.is_empty() {
            ui.label(format!("{}…", p.phase));
        }
        ui.add(ProgressBar {
            fraction: p.fraction(),
            label: &job.title,
        });
        if let Some(counts) = p.counts() {
            ui.label(counts);
        }
        ui.add_space(8.0);
        if p.committed {
            // The file is being replaced; stopping now would be the worst moment.
            ui.add_enabled(false, egui::Button::new("Finishing…"));
        } else if ui
            .button("Cancel")
            .on_hover_text("Stop and keep everything as it was (Esc)")
            .clicked()
        {
            cancel = true;
        }
    });
    cancel
}

/// A thin progress bar: filled to `fraction`, or a slow sweep when it is `None`.
#[must_use = "add it with ui.add"]
struct ProgressBar<'a> {
    fraction: Option<f32>,
    /// What the bar is the progress of, for screen readers and tests.
    label: &'a str,
}

impl Widget for ProgressBar<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        let size = vec2(BAR_WIDTH_PX, ui.spacing().interact_size.y);
        let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
        response.widget_info(|| {
            let mut info = WidgetInfo::labeled(egui::Role::ProgressIndicator, true, self.label);
            info.value = self.fraction.map(|f| f64::from(f * 100.0).floor());
            info
        });
        if !ui.is_rect_visible(rect) {
            return response;
        }
        let track = egui::Rect::from_center_size(rect.center(), vec2(rect.width(), BAR_HEIGHT_PX));
        let radius = BAR_HEIGHT_PX / 2.0;
        let visuals = ui.visuals();
        let painter = ui.painter();
        painter.rect_filled(track, radius, theme::progress_track(visuals));
        let fill = theme::progress_fill(visuals);
        match self.fraction {
            Some(f) => {
                let mut done = track;
                done.set_width((track.width() * f).max(BAR_HEIGHT_PX));
                painter.rect_filled(done, radius, fill);
            }
            None => {
                let time = ui.input(|i| i.time);
                let phase = (time / SWEEP_PERIOD_S * std::f64::consts::TAU).sin() as f32;
                let width = track.width() * SWEEP_SHARE;
                let left = track.left() + (phase * 0.5 + 0.5) * (track.width() - width);
                let sweep = egui::Rect::from_min_size(
                    egui::pos2(left, track.top()),
                    vec2(width, BAR_HEIGHT_PX),
                );
                painter.rect_filled(sweep, radius, fill);
                ui.ctx().request_repaint_after(SWEEP_FRAME);
            }
        }
        response
    }
}
