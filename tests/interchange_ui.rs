//! File ▸ Export and File ▸ Import in the window: every format is in the menus, an import
//! is one undoable step, and an export from the app writes what the command line writes.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::formats::{ExportFormat, ImportFormat};
use lectern::model::Project;
use lectern::ui::Lectern;
use std::path::{Path, PathBuf};

fn harness(dir: &Path) -> Harness<'static, Lectern> {
    let path = dir.join("p.ron");
    lectern::store::save(&Project::new("Import test"), &path).expect("save");
    let mut app = Lectern::new(None);
    app.open_project_path(&path);
    assert!(app.finish_jobs());
    app.set_native_dialogs(false);
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_ui_state(|ui, app: &mut Lectern| app.ui(ui), app);
    h.run();
    h
}

fn brat_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interchange/brat")
}

#[test]
fn import_menu_asks_for_files_and_the_import_is_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import").click();
    h.run();
    for f in ImportFormat::ALL {
        h.get_by_label(f.menu_text());
    }
    h.get_by_label(ImportFormat::Brat.menu_text()).click();
    h.run();
    let prompt = format!("{:?}", h.state().path_prompt());
    assert!(prompt.contains("Import(Brat)"), "{prompt}");
    h.get_by_label("Cancel").click();
    h.run();

    h.state_mut()
        .import_paths(ImportFormat::Brat, &[brat_fixtures()]);
    assert!(h.state_mut().finish_jobs());
    h.run();
    assert!(
        h.state().import_review().is_some(),
        "the import waits for its mapping"
    );
    assert!(h.state().project().documents.is_empty());
    h.get_by_label("Import").click();
    h.run();
    let p = h.state().project();
    assert_eq!(p.documents.len(), 2);
    assert!(p.problems().is_empty(), "{:?}", p.problems());
    assert!(h.state().status().contains("Imported 2 documents"));
    let report = h
        .state()
        .warning_report()
        .expect("report of what was changed to fit");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.text.contains("became 1 relation"))
    );
    h.state_mut()
        .run_command(lectern::ui::command::Command::Undo);
    h.run();
    assert!(h.state().project().documents.is_empty());
    assert_eq!(
        h.state().project().labels,
        Project::new("x").labels,
        "the new labels were undone with the documents"
    );
}

#[test]
fn export_menu_lists_every_format_and_exports_a_brat_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    for f in ExportFormat::ALL {
        h.get_by_label(f.menu_text());
    }
    h.key_press(egui::Key::Escape);
    h.run();
    h.state_mut()
        .import_paths(ImportFormat::Brat, &[brat_fixtures()]);
    assert!(h.state_mut().finish_jobs());
    h.run();
    h.get_by_label("Import").click();
    h.run();
    assert_eq!(h.state().project().documents.len(), 2);
    let out = dir.path().join("brat out");
    h.state_mut().export_to(&out, ExportFormat::Brat);
    assert!(h.state_mut().finish_jobs());
    assert!(out.join("annotation.conf").exists());
    assert!(out.join("crlf-emoji.ann").exists());
    let xlsx = dir.path().join("p.xlsx");
    h.state_mut().export_to(&xlsx, ExportFormat::Xlsx);
    assert!(h.state_mut().finish_jobs());
    assert!(std::fs::metadata(&xlsx).expect("xlsx").len() > 1000);
}
