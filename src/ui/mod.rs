//! The desktop interface (egui/eframe): panels and widgets that read the model and return
//! intents; [`app::Lectern`] turns those into edits. No project mutation happens here
//! outside the edit path, and no widget touches files.

mod adjudication;
pub mod analysis_panel;
pub mod app;
pub mod codebook;
pub mod command;
mod command_palette;
mod dialogs;
mod doc_layout;
mod doc_list;
pub mod doc_view;
mod fields;
pub mod intent;
pub mod job;
mod job_bar;
mod menu;
mod search_panel;
pub mod session;
pub mod settings;
mod span_details;
mod span_index;
mod span_panel;
mod startup;
pub mod text_layout;
pub mod theme;
pub mod warning_report;
pub mod windows;

pub use app::Lectern;

use std::path::PathBuf;

/// The window icon: a page with highlighted lines in the default label colours.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// Opens the main window with `paths` (a project and/or articles) and runs until it closes.
pub fn launch(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let mut app = Lectern::new(settings::Settings::default_path());
    app.open_paths(&paths);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Lectern")
        .with_app_id("lectern")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let app = startup::Timed {
        app,
        timer: startup::StartupTimer::from_env(),
    };
    eframe::run_native("Lectern", options, Box::new(|_cc| Ok(Box::new(app))))
        .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn window_icon_decodes() {
        let icon = eframe::icon_data::from_png_bytes(super::ICON_PNG).expect("icon");
        assert_eq!((icon.width, icon.height), (128, 128));
    }
}
