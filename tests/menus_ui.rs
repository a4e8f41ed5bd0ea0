//! The menus, the command palette and Esc, driven through the window as a user would:
//! menus generated from the command list, palette entries with their menu paths, every
//! view reachable by typing its name, and Esc closing the topmost window first.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use lectern::formats::ExportFormat;
use lectern::model::{DocId, Document, Project};
use lectern::ui::Lectern;
use lectern::ui::command::{BoundaryMove, Command};
use lectern::ui::windows::AppWindow;

mod support;

const TEXT: &str =
    "“We will not close the bridge,” said Mayor Ilse Varga — the council’s\u{a0}vote is Thursday.";

fn harness() -> (tempfile::TempDir, Harness<'static, Lectern>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = Project::new("Menus");
    p.documents
        .push(Document::new(DocId(1), "Bridge vote", TEXT));
    support::mark(
        &mut p,
        DocId(1),
        &[("quote", "We will not close the bridge")],
    );
    let path = dir.path().join("menus.ron");
    lectern::store::save(&p, &path).expect("save");
    let h = support::open_in_window(&path);
    (dir, h)
}

fn palette(h: &mut Harness<'_, Lectern>, query: &str) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.event(egui::Event::Text(query.to_owned()));
    h.run();
}

#[test]
fn typing_a_view_name_in_the_palette_opens_it_and_entries_show_menu_paths() {
    let (_dir, mut h) = harness();
    palette(&mut h, "analysis");
    // The view itself comes first, and says where it is in the menus.
    h.get_by_label("View ▸ Analysis");
    h.get_by_label("File ▸ Export ▸ Analysis table as CSV");
    h.get_by_label("File ▸ Export ▸ Analysis chart as SVG or PNG");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().open_windows(), &[AppWindow::Analysis]);

    palette(&mut h, "csv");
    h.get_by_label("File ▸ Export ▸ CSV");
    h.get_by_label("File ▸ Export ▸ CSV for Excel");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().palette_open());

    for (query, window) in [
        ("codebook", AppWindow::Codebook),
        ("adjudicate", AppWindow::Adjudication),
    ] {
        palette(&mut h, query);
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(h.state().open_windows().last(), Some(&window), "{query}");
    }
}

#[test]
fn esc_closes_the_topmost_window_then_the_next_then_clears_the_selection() {
    let (_dir, mut h) = harness();
    h.state_mut().handle_select(lectern::model::SpanId(1));
    h.run();
    assert!(h.state().selected_span().is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.state_mut().run_command(Command::ToggleAnalysis);
    h.run();
    h.run();
    // The Analysis view fills the central area, under the floating Codebook window.
    assert_eq!(
        h.state().open_windows(),
        &[AppWindow::Analysis, AppWindow::Codebook]
    );
    h.state_mut().run_command(Command::ToggleAdjudication);
    h.run();
    h.run();
    assert_eq!(
        h.state().open_windows(),
        &[
            AppWindow::Analysis,
            AppWindow::Codebook,
            AppWindow::Adjudication
        ]
    );

    // Clicking in the Codebook window brings it forward: Esc closes it first, then the
    // Adjudication window, then the Analysis view.
    h.get_by_label("Codebook").click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        h.state().open_windows(),
        &[AppWindow::Analysis, AppWindow::Adjudication]
    );
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().open_windows(), &[AppWindow::Analysis]);
    assert!(
        h.state().selected_span().is_some(),
        "Esc closed a window only"
    );

    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().open_windows().is_empty());
    assert!(h.state().selected_span().is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().selected_span().is_none());
}

#[test]
fn menus_are_generated_from_the_command_list() {
    let (_dir, mut h) = harness();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    for f in ExportFormat::ALL {
        h.get_by_label(f.menu_text());
    }
    h.get_by_label("Analysis table as CSV…");
    h.get_by_label("Analysis chart as SVG or PNG…");
    h.key_press(Key::Escape);
    h.run();

    h.get_by_label("Annotation").click();
    h.run();
    h.get_by_label("Boundaries").click();
    h.run();
    for m in BoundaryMove::ALL {
        // Items read "text shortcut" to screen readers.
        h.get_by_label_contains(m.text());
    }
    h.get_by_label("Apply label").click();
    h.run();
    // The labels, disabled until something is selected.
    assert!(h.state().selection().is_none());
    // (The label panel at the side has the same button.)
    let claims: Vec<_> = h
        .get_all_by_role_and_label(egui::accesskit::Role::Button, "claim 2")
        .collect();
    assert_eq!(claims.len(), 2);
    assert!(claims.iter().all(|c| c.accesskit_node().is_disabled()));
    h.key_press(Key::Escape);
    h.run();

    // Select text, then apply a label from the menu.
    let r = TEXT.find("Mayor Ilse Varga").expect("name");
    let start = TEXT[..r].chars().count();
    h.state_mut()
        .set_selection(start, start + "Mayor Ilse Varga".chars().count());
    h.run();
    let attribution = |h: &Harness<'_, Lectern>| -> Vec<_> {
        h.get_all_by_role_and_label(egui::accesskit::Role::Button, "attribution 4")
            .map(|n| n.accesskit_node().id())
            .collect()
    };
    let in_panel = attribution(&h);
    h.get_by_label("Annotation").click();
    h.run();
    h.get_by_label("Apply label").click();
    h.run();
    let in_menu = attribution(&h)
        .into_iter()
        .find(|id| !in_panel.contains(id))
        .expect("a menu item");
    h.get_all_by_role_and_label(egui::accesskit::Role::Button, "attribution 4")
        .find(|n| n.accesskit_node().id() == in_menu)
        .expect("menu item")
        .click();
    h.run();
    let spans = &h.state().project().documents[0].spans;
    assert_eq!(spans.len(), 2);
    assert!(
        spans
            .iter()
            .any(|s| s.label == "attribution" && s.start == start)
    );
}

#[test]
fn welcome_screen_names_every_format_lectern_reads() {
    let mut app = Lectern::new(None);
    app.set_native_dialogs(false);
    let mut h = support::window(app);
    h.get_by_label_contains(".txt, .md, .html, .docx or .pdf");
    h.get_by_label_contains(".csv, .tsv, .xlsx, .xls, .ods or .jsonl");
    for f in lectern::formats::ImportFormat::ALL {
        h.get_by_label(f.menu_text().trim_end_matches('…'));
    }
    h.get_by_label("doccano JSONL").click();
    h.run();
    let asked = format!("{:?}", h.state().path_prompt());
    assert_eq!(asked, "Some(Import(Doccano))");
}
