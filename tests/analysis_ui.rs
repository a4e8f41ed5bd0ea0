//! The Analysis view driven like a user would: open it from the View menu or the palette,
//! switch tables with the tabs, click a bar to list the annotations behind it and jump to
//! one in its article (and back), and find the view's choices again after reopening the
//! project.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::model::{DocId, SpanId};
use lectern::ui::Lectern;
use lectern::ui::command::Command;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/analysis/outlets.ron")
}

fn window(app: Lectern) -> Harness<'static, Lectern> {
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut Lectern| app.ui(ui), app);
    h.run();
    h
}

fn harness() -> Harness<'static, Lectern> {
    let mut app = Lectern::new(None);
    app.open_project_path(&fixture());
    assert!(app.finish_jobs());
    window(app)
}

fn open_view(h: &mut Harness<'_, Lectern>) {
    h.state_mut().run_command(Command::ToggleAnalysis);
    h.run();
}

#[test]
fn the_view_replaces_the_article_and_a_bar_lists_its_annotations() {
    let mut h = harness();
    assert!(h.query_by_role(Role::Document).is_some(), "the article");
    open_view(&mut h);
    assert!(
        h.query_by_role(Role::Document).is_none(),
        "the view takes its place"
    );
    // The chart's bars carry what they stand for; the table is below.
    h.get_by_label("Daily Bulwark · descriptor: 2").click();
    h.run();
    // The bar, and the list's heading beside the chart.
    assert_eq!(
        h.get_all_by_label("Daily Bulwark · descriptor: 2").count(),
        2
    );
    h.get_by_label_contains("2 annotations; click one");
    h.get_by_label("“Hard-left mayor”").click();
    h.run();
    // The article is shown with the descriptor selected, and the way back is offered.
    assert!(!h.state().analysis_open());
    assert_eq!(h.state().current_document(), Some(DocId(2)));
    assert_eq!(h.state().selected_span(), Some(SpanId(2001)));
    h.get_by_label("← Back to Analysis").click();
    h.run();
    assert!(h.state().analysis_open());
    // The list is still there, as left.
    h.get_by_label("“the firebrand mayor”");

    // A count in the table lists its annotations too.
    h.get_by_label("Table: Northgate Radio · attribution: 2")
        .click();
    h.run();
    h.get_by_label("“Mr Ward told reporters”");
    h.get_by_label("“said”");
    assert!(h.query_by_label("“the firebrand mayor”").is_none());
}

#[test]
fn tabs_switch_tables_and_id_buttons_show_the_span() {
    let mut h = harness();
    open_view(&mut h);
    h.get_by_label("Descriptors").click();
    h.run();
    h.get_by_label("How Papadaki is described, by outlet");
    h.get_by_label("Hard-left mayor");
    assert_eq!(h.state().current_document(), Some(DocId(1)));
    h.get_by_label("#2001").click();
    h.run();
    assert_eq!(h.state().current_document(), Some(DocId(2)));
    assert_eq!(h.state().selected_span(), Some(SpanId(2001)));
    assert!(!h.state().analysis_open());
}

#[test]
fn reporting_verbs_with_speakers_and_finer_classes() {
    let mut h = harness();
    open_view(&mut h);
    h.get_by_label("Reporting verbs").click();
    h.run();
    h.get_by_label("Daily Bulwark · evaluative: 2 of 2 (brand, claim)");
    h.get_by_label("Reporting verbs by outlet");
    h.get_by_label("Per speaker").click();
    h.run();
    h.get_by_label("Finer classes").click();
    h.run();
    h.get_by_label("Northgate Radio · Ward · structuring: 1 of 1 (tell)")
        .click();
    h.run();
    h.get_by_label("“Mr Ward told reporters”").click();
    h.run();
    assert_eq!(h.state().selected_span(), Some(SpanId(1002)));
}

#[test]
fn agreement_table_in_the_view() {
    let mut h = harness();
    open_view(&mut h);
    h.get_by_label("Agreement").click();
    h.run();
    h.get_by_label("(all labels)");
    h.get_by_label("alpha_nominal");
    h.get_by_label("Per document").click();
    h.run();
    h.get_by_label("1 Bridge row");
    assert!(h.query_by_label("(all labels)").is_none());
}

#[test]
fn save_table_and_chart_and_merge_from_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness();
    h.state_mut().set_native_dialogs(false);
    open_view(&mut h);
    h.get_by_label("Save").click();
    h.run();
    h.get_by_label("Table as CSV…").click();
    h.run();
    assert!(h.state().path_prompt().is_some());
    h.get_by_label("Save table as CSV");
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    h.get_by_label("Chart as SVG or PNG…").click();
    h.run();
    h.get_by_label("Save chart as SVG or PNG");
    h.key_press(Key::Escape);
    h.run();
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
    assert!(svg.starts_with("<svg") && svg.contains(">Daily Bulwark</text>"));
    let png = dir.path().join("counts.png");
    let wrote = h.state_mut().export_analysis_table(&png);
    let no_font = h
        .state()
        .report()
        .is_some_and(|r| r.lines.iter().any(|l| l.contains("no sans-serif font")));
    // A machine without fonts cannot draw the chart's text; CI has them.
    if !no_font || std::env::var_os("CI").is_some() {
        assert!(wrote, "{:?}", h.state().report());
        let bytes = std::fs::read(&png).expect("png");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    }

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
    open_view(&mut h);
    h.get_by_label("Co-occurrence").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Of").click();
    h.run();
    h.get_by_label("speaker").click();
    h.run();
    h.get_by_label("Co-occurrence of speaker values within a paragraph");
    h.get_by_label("ministry source with ministry source: 1");
}

#[test]
fn unticking_an_annotator_leaves_their_spans_out() {
    let mut h = harness();
    open_view(&mut h);
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
fn menus_and_palette_open_analysis_adjudication_and_merge() {
    let mut h = harness();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Analysis").click();
    h.run();
    assert!(h.state().analysis_open());
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().analysis_open(), "Esc closes the view");

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.event(egui::Event::Text("analysis".to_owned()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().analysis_open());

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

#[test]
fn the_view_remembers_its_choices_per_project() {
    let dir = tempfile::tempdir().expect("tempdir");
    let settings = dir.path().join("settings.ron");
    let project = dir.path().join("outlets.ron");
    std::fs::copy(fixture(), &project).expect("copy");
    let other = dir.path().join("other.ron");
    std::fs::copy(fixture(), &other).expect("copy");

    let open = |path: &Path| {
        let mut app = Lectern::new(Some(settings.clone()));
        app.use_manual_clock();
        app.open_project_path(path);
        assert!(app.finish_jobs());
        let mut h = window(app);
        open_view(&mut h);
        h
    };
    let mut h = open(&project);
    h.get_by_label("Reporting verbs").click();
    h.run();
    h.get_by_label("Per speaker").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Group by").click();
    h.run();
    h.get_by_label("date").click();
    h.run();
    drop(h);

    // Another project starts from the defaults…
    let h = open(&other);
    h.get_by_label("Annotations per outlet");
    drop(h);
    // …and the first one, in a new window, is as it was left.
    let h = open(&project);
    h.get_by_label("Reporting verbs by date and speaker");
    let csv = {
        let mut h = h;
        h.state_mut().analysis_table().to_csv()
    };
    assert!(csv.starts_with("date,speaker,verb,class,"), "{csv}");
}
