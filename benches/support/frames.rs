//! Shared by `examples/bench_summary.rs` and its corpus figures: headless egui frames
//! timed as the window would draw them, medians, and the process's memory figures.

#![allow(dead_code)]

use egui::{Context, Pos2, RawInput, Rect, Ui, vec2};
use std::time::Instant;

/// Screen of a typical laptop window.
pub const SCREEN: (f32, f32) = (1200.0, 800.0);

/// The middle value of `v` (not empty).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Milliseconds since `t`.
pub fn ms_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// A `/proc/self/status` field in MB (Linux only; 0 elsewhere).
pub fn status_mb(field: &str) -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU time this process has used so far (every thread, user and system), in ms, from
/// `/proc/self/stat` (Linux only; 0 elsewhere). Beside a wall-clock figure it tells work
/// from waiting: for the disk, or for a core on a loaded machine.
pub fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces):
    // utime and stime are the 12th and 13th, in clock ticks of 1/100 s on Linux.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: f64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<f64>().ok())
        .sum();
    ticks * 10.0
}

/// Resets the peak-memory mark (VmHWM) to the current resident size.
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// A headless egui frame: time of `run_ui` plus tessellation, in ms.
pub struct Frames {
    pub ctx: Context,
    time: f64,
}

impl Frames {
    pub fn new() -> Self {
        let ctx = Context::default();
        // egui's own fonts, as the window has them (built in deflated, not by egui).
        ctx.set_fonts(lectern::ui::text_layout::egui_definitions());
        // Jumps land in one frame instead of an animation over many.
        ctx.all_styles_mut(|s| s.scroll_animation = egui::style::ScrollAnimation::none());
        Frames { ctx, time: 0.0 }
    }

    pub fn frame(&mut self, ui_fn: impl FnMut(&mut Ui)) -> f64 {
        self.frame_with(Vec::new(), ui_fn)
    }

    /// A frame that receives `events` (key presses) first.
    pub fn frame_with(&mut self, events: Vec<egui::Event>, mut ui_fn: impl FnMut(&mut Ui)) -> f64 {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(SCREEN.0, SCREEN.1))),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        self.time += 1.0 / 60.0;
        let t = Instant::now();
        let mut out = self.ctx.run_ui(input, |ui| ui_fn(ui));
        let prims = self
            .ctx
            .tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        let dt = ms_since(t);
        out.textures_delta.clear();
        std::hint::black_box(prims);
        dt
    }
}

/// One measured figure and its target.
pub struct Figure {
    /// Key in the JSON file.
    pub key: &'static str,
    /// Name in the printed table.
    pub name: &'static str,
    /// The measurement.
    pub value: f64,
    /// "ms", "MB", "s", "x" (a ratio that must reach its target).
    pub unit: &'static str,
    /// At most this (at least, for "x"); `None` for figures shown for information.
    pub target: Option<f64>,
}

/// Prints `figs` as a table with ok/FAIL per target and writes them, with `extra`
/// numbers, to `target/JSON_NAME`.
pub fn report(
    title: &str,
    figs: &[Figure],
    extra: &[(&str, f64)],
    json_name: &str,
) -> anyhow::Result<()> {
    println!("{title}");
    println!(
        "{:<44} {:>12} {:>12}  result",
        "figure", "measured", "target"
    );
    let mut json = serde_json::Map::new();
    for fg in figs {
        let at_least = fg.unit == "x";
        let (target, ok) = match fg.target {
            Some(t) if at_least => (format!("≥ {t} {}", fg.unit), fg.value >= t),
            Some(t) => (format!("≤ {t} {}", fg.unit), fg.value <= t),
            None => ("—".to_owned(), true),
        };
        let result = match (fg.target, ok) {
            (None, _) => "info",
            (_, true) => "ok",
            (_, false) => "FAIL",
        };
        println!(
            "{:<44} {:>9.2} {:<2} {:>12}  {result}",
            fg.name, fg.value, fg.unit, target
        );
        json.insert(fg.key.to_owned(), serde_json::json!(fg.value));
        if let Some(t) = fg.target {
            json.insert(format!("{}_target", fg.key), serde_json::json!(t));
        }
    }
    for (key, value) in extra {
        json.insert((*key).to_owned(), serde_json::json!(value));
    }
    let target_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&target_dir)?;
    let out = target_dir.join(json_name);
    std::fs::write(&out, serde_json::to_string_pretty(&json)? + "\n")?;
    println!("numbers written to {}", out.display());
    Ok(())
}
