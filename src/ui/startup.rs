//! How long Lectern takes from launch to its first frame on screen (issue 6), measured in
//! the real window by `scripts/startup-time`. Off unless `LECTERN_STARTUP_REPORT` is set.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The variable that turns the measurement on. Its value is the launch time in nanoseconds
/// since the Unix epoch (`date +%s%N`), so the figure includes starting the process;
/// any other value measures from when `main` ran.
pub const ENV: &str = "LECTERN_STARTUP_REPORT";

/// Reports once, then closes the window.
pub struct StartupTimer {
    launched: SystemTime,
    frames: u32,
}

impl StartupTimer {
    /// A timer when the environment asks for one.
    pub fn from_env() -> Option<Self> {
        std::env::var(ENV)
            .ok()
            .map(|value| Self::launched_at(&value))
    }

    /// A timer counting from `value` (see [`ENV`]).
    fn launched_at(value: &str) -> Self {
        let launched = value
            .trim()
            .parse::<u64>()
            .ok()
            .map(|ns| UNIX_EPOCH + Duration::from_nanos(ns))
            .unwrap_or_else(SystemTime::now);
        Self {
            launched,
            frames: 0,
        }
    }

    /// Call at the start of every frame. The first frame is on screen once the second
    /// begins (eframe paints and presents a frame after `ui` returns), so the figure is
    /// taken then, printed to stderr, and the window is asked to close.
    pub fn on_frame(&mut self, ctx: &egui::Context) {
        self.frames += 1;
        match self.frames {
            1 => ctx.request_repaint(),
            2 => {
                let elapsed = SystemTime::now()
                    .duration_since(self.launched)
                    .unwrap_or_default();
                eprintln!("{}", report(elapsed));
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            _ => {}
        }
    }
}

/// The line `scripts/startup-time` reads.
fn report(elapsed: Duration) -> String {
    format!(
        "startup: first frame on screen {:.0} ms after launch",
        elapsed.as_secs_f64() * 1e3
    )
}

/// The app with the timer in front of it.
pub struct Timed<A> {
    /// The app itself.
    pub app: A,
    /// Present when measuring.
    pub timer: Option<StartupTimer>,
}

impl<A: eframe::App> eframe::App for Timed<A> {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        self.app.logic(ctx, frame);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if let Some(timer) = &mut self.timer {
            timer.on_frame(ui.ctx());
        }
        self.app.ui(ui, frame);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.app.save(storage);
    }

    fn persist_egui_memory(&self) -> bool {
        self.app.persist_egui_memory()
    }

    fn auto_save_interval(&self) -> std::time::Duration {
        self.app.auto_save_interval()
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        self.app.on_exit(gl);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs one headless frame and says whether it asked the window to close.
    fn frame_closes(ctx: &egui::Context, timer: &mut StartupTimer) -> bool {
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| timer.on_frame(ui.ctx()));
        out.textures_delta.clear();
        out.viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::Close))
    }

    #[test]
    fn reports_when_the_second_frame_starts_and_closes_once() {
        let ctx = egui::Context::default();
        let mut timer = StartupTimer::launched_at("not a number");
        assert!(
            !frame_closes(&ctx, &mut timer),
            "the first frame is not yet shown"
        );
        assert!(frame_closes(&ctx, &mut timer));
        assert!(!frame_closes(&ctx, &mut timer), "only once");
    }

    #[test]
    fn launch_time_comes_from_the_script_in_nanoseconds() {
        let timer = StartupTimer::launched_at("1700000000123456789\n");
        let since = timer
            .launched
            .duration_since(UNIX_EPOCH)
            .expect("after epoch");
        assert_eq!(since.as_nanos(), 1_700_000_000_123_456_789);
        assert_eq!(
            report(Duration::from_millis(312)),
            "startup: first frame on screen 312 ms after launch"
        );
    }
}
