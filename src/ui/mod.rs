//! The desktop interface (egui/eframe): panels and widgets that read the model and emit
//! edits. No project mutation happens here outside the edit path.

use std::path::PathBuf;

/// Opens the main window with `paths` (a project and/or articles) and runs until it closes.
pub fn launch(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let _ = paths;
    anyhow::bail!("the window is not built yet")
}
