//! Tables written for a spreadsheet are safe to open: `lectern stats -f csv-excel` and
//! the Analysis window's *Save for Excel…* make a cell such as `=HYPERLINK(…)` inert, as
//! span exports' `csv-excel` does; plain CSV stays verbatim for R and pandas.

mod support;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use lectern::ui::Lectern;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An outlet name that a spreadsheet would run as a formula.
const HOSTILE: &str = "=HYPERLINK(\"http://evil.example\",\"Daily Bulwark\")";

/// The analysis fixture with one outlet renamed to a formula, written into `dir`.
fn hostile_project(dir: &Path) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/analysis/outlets.ron");
    let text = std::fs::read_to_string(fixture).expect("fixture");
    assert!(text.contains("outlet: \"Daily Bulwark\","));
    let escaped = HOSTILE.replace('"', "\\\"");
    let text = text.replace(
        "outlet: \"Daily Bulwark\"",
        &format!("outlet: \"{escaped}\""),
    );
    let path = dir.join("hostile.ron");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn stats_as_csv_for_excel_makes_formulas_inert_and_plain_csv_keeps_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = hostile_project(dir.path());
    let project = project.to_string_lossy();
    let limit = Duration::from_secs(60);
    for (format, file) in [("csv-excel", "excel.csv"), ("csv", "plain.csv")] {
        let ran = support::cli::lectern_within(
            dir.path(),
            &[
                "stats", &project, "--by", "outlet", "-f", format, "-o", file,
            ],
            limit,
        );
        assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    }
    let excel = std::fs::read_to_string(dir.path().join("excel.csv")).expect("excel.csv");
    assert!(excel.starts_with('\u{feff}'), "byte order mark");
    let line = excel
        .lines()
        .find(|l| l.contains("HYPERLINK"))
        .expect("the outlet's row");
    assert!(line.starts_with("\"'=HYPERLINK("), "{line}");
    let plain = std::fs::read_to_string(dir.path().join("plain.csv")).expect("plain.csv");
    assert!(!plain.starts_with('\u{feff}'));
    assert!(plain.contains("\n\"=HYPERLINK("), "{plain}");
}

#[test]
fn the_analysis_window_saves_its_table_for_excel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = hostile_project(dir.path());
    let mut app = Lectern::new(None);
    app.set_native_dialogs(false);
    app.open_project_path(&project);
    assert!(app.finish_jobs());
    let mut h = support::window(app);
    h.state_mut()
        .run_command(lectern::ui::command::Command::ToggleAnalysis);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    h.get_by_label("Table for Excel…").click();
    h.run();
    h.get_by_label("Save table as CSV for Excel");
    let out = dir.path().join("counts “for Excel”.csv");
    h.get_by_role_and_label(Role::TextInput, "Path");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(out.display().to_string()));
    h.run();
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().path_prompt().is_none());
    let csv = std::fs::read_to_string(&out).expect("written where typed");
    assert!(csv.starts_with("\u{feff}outlet,"), "{csv}");
    assert!(csv.contains("\n\"'=HYPERLINK("), "{csv}");
    assert!(csv.contains("Northgate Radio,"), "{csv}");
}
