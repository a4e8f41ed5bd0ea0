//! The Analysis window driven like a user would: open it from the View menu's command,
//! switch tables, and click through from a descriptor to its span in the article.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::model::{DocId, SpanId};
use lectern::ui::Lectern;
use lectern::ui::command::Command;
use std::path::Path;

fn harness() -> Harness<'static, Lectern> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/analysis/outlets.ron");
    let mut app = Lectern::new(None);
    app.open_project_path(&path);
    assert!(app.finish_jobs());
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut Lectern| app.ui(ui), app);
    h.run();
    h
}

#[test]
fn analysis_window_shows_counts_and_clicks_through_to_a_descriptor() {
    let mut h = harness();
    assert!(h.query_by_label("Copy as CSV").is_none());
    h.state_mut().run_command(Command::ToggleAnalysis);
    h.run();
    // The counts table, with the hand-counted totals per outlet.
    h.get_by_label("Daily Bulwark");
    h.get_by_label("Northgate Radio");
    h.get_by_label("Copy as CSV");

    h.get_by_role_and_label(Role::ComboBox, "Table").click();
    h.run();
    h.get_by_label("Descriptors").click();
    h.run();
    h.get_by_label("Hard-left mayor");
    assert_eq!(h.state().current_document(), Some(DocId(1)));
    h.get_by_label("#2001").click();
    h.run();
    assert_eq!(h.state().current_document(), Some(DocId(2)));
    assert_eq!(h.state().selected_span(), Some(SpanId(2001)));

    h.state_mut().run_command(Command::ToggleAnalysis);
    h.run();
    assert!(h.query_by_label("Copy as CSV").is_none());
}

#[test]
fn agreement_table_in_the_window() {
    let mut h = harness();
    h.state_mut().run_command(Command::ToggleAnalysis);
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Table").click();
    h.run();
    h.get_by_label("Agreement").click();
    h.run();
    h.get_by_label("(all labels)");
    h.get_by_label("alpha_nominal");
    h.get_by_label("per document").click();
    h.run();
    h.get_by_label("1 Bridge row");
    assert!(h.query_by_label("(all labels)").is_none());
}

#[test]
fn save_table_as_csv_and_merge_from_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness();
    h.state_mut().set_native_dialogs(false);
    h.state_mut().run_command(Command::ToggleAnalysis);
    h.run();
    h.get_by_label("Save as CSV or SVG…").click();
    h.run();
    assert!(h.state().path_prompt().is_some());
    h.get_by_label("Save table as CSV");
    let out = dir.path().join("counts.csv");
    assert!(h.state_mut().export_analysis_table(&out));
    assert_eq!(
        std::fs::read_to_string(&out).expect("csv"),
        "outlet,quote,claim,descriptor,attribution,total\n\
         Daily Bulwark,2,0,2,2,6\n\
         Northgate Radio,2,1,1,2,6\n"
    );
    let chart = dir.path().join("counts.svg");
    assert!(h.state_mut().export_analysis_table(&chart));
    let svg = std::fs::read_to_string(&chart).expect("svg");
    assert!(svg.starts_with("<svg") && svg.contains("Daily Bulwark"));

    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/analysis");
    let paths = [fixtures.join("coder-a.ron"), fixtures.join("coder-b.ron")];
    let app = h.state_mut();
    app.merge_project_paths(&paths);
    assert!(app.finish_jobs());
    assert_eq!(app.project().documents.len(), 2);
    // The merged project opens as a new project: no file yet, and unsaved.
    assert_eq!(app.session().path, None);
    assert!(app.session().is_dirty());
    assert!(
        app.status().contains("coders coder-a, coder-b"),
        "{}",
        app.status()
    );
    app.merge_project_paths(&paths[..1]);
    assert!(!app.finish_jobs());
    assert!(app.report().is_some());
}

#[test]
fn cooccurrence_of_attribute_values() {
    let mut h = harness();
    h.state_mut().run_command(Command::ToggleAnalysis);
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Table").click();
    h.run();
    h.get_by_label("Co-occurrence").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "of").click();
    h.run();
    h.get_by_label("speaker").click();
    h.run();
    assert_eq!(h.get_all_by_label("ministry source").count(), 2);
}

#[test]
fn unticking_an_annotator_leaves_their_spans_out() {
    let mut h = harness();
    h.state_mut().run_command(Command::ToggleAnalysis);
    h.run();
    h.get_by_label("ben").click();
    h.run();
    // ben made one quote in the Northgate article; ana's spans remain.
    assert_eq!(
        h.state_mut().analysis_table().to_csv(),
        "outlet,quote,claim,descriptor,attribution,total\n\
         Daily Bulwark,2,0,2,2,6\n\
         Northgate Radio,1,1,1,2,5\n"
    );
    h.get_by_label("ben").click();
    h.run();
    assert!(
        h.state_mut()
            .analysis_table()
            .to_csv()
            .contains("Northgate Radio,2,1,1,2,6")
    );
}

#[test]
fn menus_open_analysis_adjudication_and_merge() {
    let mut h = harness();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Analysis").click();
    h.run();
    h.get_by_label("Copy as CSV");

    let mut h = harness();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Adjudicate").click();
    h.run();
    h.get_by_label_contains("coders: ana, ben");

    let mut h = harness();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Merge coders' projects…");
}
