//! The desktop interface (egui/eframe): panels and widgets that read the model and return
//! intents; [`app::Lectern`] turns those into edits. No project mutation happens here
//! outside the edit path, and no widget touches files.

mod adjudication;
pub mod analysis_view;
pub mod app;
pub mod bidi_field;
mod chart_view;
pub mod codebook;
pub mod command;
mod command_palette;
mod dialogs;
mod doc_layout;
pub mod doc_list;
pub mod doc_view;
mod fields;
pub mod import_dialog;
pub mod intent;
pub mod job;
mod job_bar;
mod label_merge;
mod lexicon_editor;
mod menu;
pub mod metadata_dialog;
pub mod proposals;
mod rejected_list;
mod search_panel;
pub mod session;
pub mod settings;
mod span_details;
mod span_index;
mod span_panel;
mod startup;
pub mod text_layout;
pub mod theme;
pub mod tracker;
pub mod warning_report;
pub mod window_state;
pub mod windows;

pub use app::Lectern;

use std::path::PathBuf;

/// The application's id: the window's Wayland app id and X11 class, matching the desktop
/// entry, icons and AppStream metadata the packages install (`packaging/linux/`).
pub const APP_ID: &str = "app.lectern.Lectern";

/// The window icon: a page with highlighted lines in the default label colours, made from
/// `assets/icons/lectern.svg` by `scripts/make-icons`.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// Opens the main window with `paths` (a project and/or articles) and runs until it closes.
/// The window's size, position and maximised state, the panel widths and the last project
/// come back from eframe's storage (see [`window_state`]); files named on the command line
/// are opened instead of the last project.
pub fn launch(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    // The fonts are in the binary deflated: inflate them while the window opens.
    text_layout::prefetch_fonts();
    // From here a bug that ends the window leaves a note the next window shows.
    if let Some(dir) = crate::store::recovery::default_unsaved_dir() {
        crate::store::crash_note::arm(dir);
    }
    let mut app = Lectern::new(settings::Settings::default_path());
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Lectern")
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        // Next to the recovery files, e.g. ~/.local/share/lectern/window.ron (eframe would
        // otherwise name the folder after the app id).
        persistence_path: dirs::data_dir().map(|d| d.join("lectern").join("window.ron")),
        ..Default::default()
    };
    let timer = startup::StartupTimer::from_env();
    let start = move |cc: &eframe::CreationContext<'_>| {
        let remembered = window_state::WindowState::load(cc.storage);
        app.restore_window_state(&remembered);
        app.open_paths(&remembered.files_to_open(paths));
        let app: Box<dyn eframe::App> = Box::new(startup::Timed { app, timer });
        Ok(app)
    };
    eframe::run_native("Lectern", options, Box::new(start))
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
