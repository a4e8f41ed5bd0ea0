//! The window remembers itself: side panel widths, the last project and the text zoom
//! come back in a new window (eframe stores the state between runs; its window size,
//! position and maximised state are eframe's own and tried in a real window, see README).

mod support;

use egui::{Key, Modifiers, Pos2};
use lectern::ui::Lectern;
use lectern::ui::window_state::WindowState;
use std::path::Path;

/// The sample project, copied to `dir` (opening locks it; the repository stays clean).
fn sample_in(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("harbour “bridge”.ron");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/harbour-bridge.ron");
    std::fs::copy(sample, &path).expect("copy the sample");
    path
}

/// Drags horizontally from `from` to `to` as a mouse would.
fn drag(h: &mut egui_kittest::Harness<'_, Lectern>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
}

#[test]
fn resized_panels_and_the_open_project_come_back_in_a_new_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = sample_in(dir.path());
    let mut h = support::open_in_window(&path);
    let before = h.state().window_state();
    let left = before.documents_panel_px.expect("documents panel drawn");
    let right = before
        .annotations_panel_px
        .expect("annotations panel drawn");

    // Widen the documents panel by its right edge, narrow the annotations panel by its
    // left (the grab line is just outside the panel's content).
    drag(
        &mut h,
        Pos2::new(left + 3.0, 400.0),
        Pos2::new(left + 93.0, 400.0),
    );
    let edge = 1280.0 - right - 3.0;
    drag(
        &mut h,
        Pos2::new(edge, 400.0),
        Pos2::new(edge + 60.0, 400.0),
    );
    let after = h.state().window_state();
    let left_after = after.documents_panel_px.expect("left");
    let right_after = after.annotations_panel_px.expect("right");
    assert!(
        (left_after - (left + 90.0)).abs() < 10.0,
        "{left} -> {left_after}"
    );
    assert!(
        (right_after - (right - 60.0)).abs() < 10.0,
        "{right} -> {right_after}"
    );
    assert_eq!(after.last_project.as_deref(), Some(path.as_path()));
    drop(h);

    // A new window given the stored state opens the same project with the same panels.
    let mut app = Lectern::new(None);
    app.use_manual_clock();
    app.restore_window_state(&after);
    app.open_paths(&after.files_to_open(Vec::new()));
    assert!(app.finish_jobs(), "{}", app.status());
    let h = support::window(app);
    let again = h.state().window_state();
    assert_eq!(again.last_project.as_deref(), Some(path.as_path()));
    assert_eq!(h.state().project().documents.len(), 4);
    let left_again = again.documents_panel_px.expect("left");
    let right_again = again.annotations_panel_px.expect("right");
    assert!((left_again - left_after).abs() < 1.0, "{left_again}");
    assert!((right_again - right_after).abs() < 1.0, "{right_again}");
}

#[test]
fn a_new_project_is_not_reopened_and_named_files_win() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = sample_in(dir.path());
    let mut h = support::open_in_window(&path);
    h.state_mut()
        .run_command(lectern::ui::command::Command::NewProject);
    h.run_steps(2);
    assert_eq!(h.state().window_state().last_project, None);
    let state = WindowState {
        last_project: Some(path.clone()),
        ..Default::default()
    };
    drop(h);
    let other = dir.path().join("other.ron");
    assert_eq!(state.files_to_open(vec![other.clone()]), [other]);
    assert_eq!(state.files_to_open(Vec::new()), std::slice::from_ref(&path));
}

#[test]
#[cfg(target_os = "linux")]
fn the_last_project_is_not_reopened_while_another_lectern_has_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = sample_in(dir.path());
    let state = WindowState {
        last_project: Some(path.clone()),
        ..Default::default()
    };
    let other = support::OtherLockHolder::of(&path);
    assert!(state.files_to_open(Vec::new()).is_empty());
    drop(other);
    assert_eq!(state.files_to_open(Vec::new()), [path]);
}

/// A window reading and writing `settings`, with no empty project's recovery to offer: a
/// recovery file another run left in this user's data folder would otherwise open its
/// "Recover?" question over the window and take the keys.
fn with_settings(settings: &Path) -> egui_kittest::Harness<'static, Lectern> {
    let mut app = Lectern::new(Some(settings.to_path_buf()));
    app.set_unsaved_recovery_dir(None);
    support::window(app)
}

#[test]
fn text_zoom_comes_back_from_the_settings_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let settings = dir.path().join("settings.ron");
    let h = with_settings(&settings);
    let size = h.state().font_px();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    let mut h = h;
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run_steps(2);
    assert_eq!(h.state().font_px(), size + 2.0);
    drop(h);
    let h = with_settings(&settings);
    assert_eq!(h.state().font_px(), size + 2.0);
    drop(h);
    // A broken settings file: the defaults, no error.
    std::fs::write(&settings, "(font_px: 2").expect("break it");
    let h = with_settings(&settings);
    assert_eq!(h.state().font_px(), size);
    assert!(h.state().report().is_none());
}
