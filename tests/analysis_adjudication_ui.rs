//! Merge and adjudicate end to end: two coders' fixture files are merged, the merged
//! project is opened in the window, and the Adjudication window builds a gold layer with
//! the mouse and the keyboard (J/K, Y, N, S), with undo.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::analysis::adjudication::candidates;
use lectern::analysis::{MergeSource, merge};
use lectern::model::{DocId, Project};
use lectern::ui::Lectern;
use lectern::ui::command::Command;
use std::path::Path;

fn merged(dir: &Path) -> std::path::PathBuf {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/analysis");
    let sources: Vec<MergeSource> = ["coder-a", "coder-b"]
        .iter()
        .map(|name| MergeSource {
            fallback: (*name).to_owned(),
            project: lectern::store::load(&fixtures.join(format!("{name}.ron"))).expect("load"),
        })
        .collect();
    let m = merge("merged", &sources);
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    let path = dir.join("merged.ron");
    lectern::store::save(&m.project, &path).expect("save");
    path
}

fn gold_texts(p: &Project, doc: DocId) -> Vec<String> {
    p.document(doc)
        .map(|d| {
            d.spans
                .iter()
                .filter(|s| s.annotator == "gold")
                .map(|s| s.text.clone())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn merge_then_adjudicate_with_mouse_and_keyboard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = merged(dir.path());
    let mut app = Lectern::new(None);
    app.open_project_path(&path);
    assert!(app.finish_jobs());
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut Lectern| app.ui(ui), app);
    h.run();
    h.state_mut().run_command(Command::NextDocument);
    h.state_mut().run_command(Command::ToggleAdjudication);
    h.run();
    h.run();
    assert_eq!(h.state().current_document(), Some(DocId(2)));
    h.get_by_label_contains("2 disagreements open · 0 in gold");

    h.get_by_label("Accept all agreed (5)").click();
    h.run();
    assert_eq!(gold_texts(h.state().project(), DocId(2)).len(), 5);
    h.get_by_label_contains("2 disagreements open · 5 in gold");

    // The first row is coder a's "the firebrand mayor": Y accepts it.
    h.key_press(Key::Y);
    h.run();
    let gold = gold_texts(h.state().project(), DocId(2));
    assert!(gold.contains(&"the firebrand mayor".to_owned()), "{gold:?}");
    // Both versions of the descriptor are now settled.
    h.get_by_label_contains("0 disagreements open · 6 in gold");
    h.get_by_label_contains("≈ gold #");
    // J moves to coder b's "firebrand mayor"; S shows it in the article.
    h.key_press(Key::J);
    h.run();
    h.key_press(Key::S);
    h.run();
    let doc = h.state().project().document(DocId(2)).expect("doc").clone();
    let shown = h
        .state()
        .selected_span()
        .and_then(|s| doc.span(s))
        .expect("selected");
    assert_eq!(
        (shown.text.as_str(), shown.annotator.as_str()),
        ("firebrand mayor", "coder-b")
    );

    // Undo takes back the last accept; K then Y accepts it again; N removes it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(gold_texts(h.state().project(), DocId(2)).len(), 5);
    h.key_press(Key::K);
    h.run();
    h.key_press(Key::Y);
    h.run();
    assert_eq!(gold_texts(h.state().project(), DocId(2)).len(), 6);
    h.key_press(Key::N);
    h.run();
    assert_eq!(gold_texts(h.state().project(), DocId(2)).len(), 5);

    // The gold layer is a coder nobody agrees with: agreement leaves it out.
    let p = h.state().project();
    assert_eq!(
        lectern::analysis::agreement::coders(p),
        ["coder-a", "coder-b"]
    );
    assert_eq!(candidates(p.document(DocId(2)).expect("doc")).len(), 7);
}
