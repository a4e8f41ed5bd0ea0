//! A new project saved for the first time takes the file's name through the edit path:
//! one undoable step ("Name project …"), autosaved like any change, and not taken at all
//! when the save fails.

mod support;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::store::{self, recovery};
use lectern::ui::Lectern;
use lectern::ui::app::AUTOSAVE_DELAY;
use std::path::Path;
use std::time::Instant;

/// A new, unnamed project with one article, in a window whose unsaved-recovery folder is
/// `dir/recovery` and whose file prompts are Lectern's own.
fn new_project_window(dir: &Path) -> Harness<'static, Lectern> {
    let article = dir.join("article.txt");
    std::fs::write(&article, "“We will not move,” said the mayor — Παπαδάκη.").expect("write");
    let mut app = Lectern::new(None);
    app.use_manual_clock();
    app.set_unsaved_recovery_dir(Some(dir.join("recovery")));
    app.set_native_dialogs(false);
    app.add_article_paths(&[article]);
    assert!(app.finish_jobs());
    assert_eq!(app.project().name, "");
    assert!(app.session().is_dirty());
    support::window(app)
}

/// Ctrl+Shift+S (Save as), the path typed into the prompt, OK, and the save job waited for.
fn save_as_typed(h: &mut Harness<'static, Lectern>, path: &Path) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Path");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(path.display().to_string()));
    h.run();
    h.get_by_label("OK").click();
    h.run_steps(2);
    h.state_mut().finish_jobs();
    h.run();
}

#[test]
fn saving_names_the_project_in_one_undoable_step_that_is_autosaved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = new_project_window(dir.path());
    let path = dir.path().join("harbour “β”.ron");
    save_as_typed(&mut h, &path);
    assert_eq!(h.state().project().name, "harbour “β”");
    assert_eq!(store::load(&path).expect("saved").name, "harbour “β”");
    assert!(
        !h.state().session().is_dirty(),
        "the name is part of the save"
    );

    // Undo takes the name back: the project now differs from its file.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().project().name, "");
    assert!(h.state().session().is_dirty());
    // …and that state is autosaved like any other change.
    let t0 = Instant::now();
    h.state_mut().tick(t0);
    h.state_mut().tick(t0 + AUTOSAVE_DELAY);
    h.state().flush_autosave();
    // Autosave is a journal of edits beside the file; recovery replays it over the file.
    let autosaved = recovery::pending_for(&path, None)
        .expect("recovery reads")
        .expect("autosaved")
        .project;
    assert_eq!(autosaved.name, "");
    assert_eq!(autosaved.documents.len(), 1);

    // Redo names it again, back to the saved state.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().project().name, "harbour “β”");
    assert!(!h.state().session().is_dirty());
    // A second save under another name keeps the name the project has.
    save_as_typed(&mut h, &dir.path().join("copy.ron"));
    assert_eq!(
        store::load(&dir.path().join("copy.ron"))
            .expect("copy")
            .name,
        "harbour “β”"
    );
}

#[test]
fn a_failed_save_leaves_the_project_unnamed_and_adds_no_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = new_project_window(dir.path());
    // A folder that does not exist: the save fails.
    let path = dir.path().join("missing folder/news.ron");
    save_as_typed(&mut h, &path);
    assert!(h.state().report().is_some(), "the failure is reported");
    h.get_by_label("OK").click();
    h.run();
    assert!(!path.exists());
    assert_eq!(h.state().project().name, "");
    assert!(h.state().session().is_dirty());
    // The only step to undo is adding the article.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().project().documents.len(), 0);
    assert_eq!(h.state().project().name, "");
}
