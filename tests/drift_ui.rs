//! Document ▸ Update document text from file…: a corrected article replaces the text, the
//! annotations follow, the ones that cannot be placed are listed before anything changes,
//! and one Undo brings the old text and every annotation back.

use egui::Key;
use egui_kittest::kittest::Queryable;
use lectern::model::{DocId, Document, Project};
use lectern::store;
use lectern::ui::Lectern;
use lectern::ui::command::Command;

mod support;

const TEXT: &str = "“It’s a disgrace,” said Ms\u{a0}Ελένη Παπαδάκη, the mayor.\nSecond line.";

fn project() -> Project {
    let mut p = Project::new("Drift");
    p.documents
        .push(Document::new(DocId(1), "Bridge row", TEXT));
    support::mark(
        &mut p,
        DocId(1),
        &[("descriptor", "Ελένη Παπαδάκη"), ("claim", "Second line.")],
    );
    p
}

#[test]
fn updating_the_text_moves_annotations_lists_the_lost_and_undoes_in_one_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).expect("save");
    let new = dir.path().join("corrected.txt");
    std::fs::write(
        &new,
        "Correction appended.\r\n“It’s a disgrace,” said Ms Ελένη Παπαδάκη, the mayor.\r\n",
    )
    .expect("new");

    let mut h = support::open_in_window(&path);
    h.state_mut().run_command(Command::UpdateDocumentText);
    h.run();
    assert!(h.state().text_update().is_some());
    h.get_by_label("Update the text of “Bridge row”");
    assert!(h.state_mut().compare_text_update(&new));
    h.run();
    h.get_by_label_contains("1 moved, 0 matched approximately, 1 cannot be placed");
    h.get_by_label_contains("cannot be placed: “Second line.”");
    assert_eq!(
        h.state().project(),
        &project(),
        "nothing changes before Apply"
    );
    h.get_by_label("Apply and remove 1 annotation(s)").click();
    h.run();
    let doc = &h.state().project().documents[0];
    assert!(
        doc.text.as_str().starts_with("Correction appended.\n"),
        "line ends normalised"
    );
    assert_eq!(doc.spans.len(), 1);
    assert_eq!(doc.spans[0].text, "Ελένη Παπαδάκη");
    assert!(h.state().project().problems().is_empty());
    assert!(h.state().status().contains("1 annotation(s) removed"));

    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().project().documents, project().documents);
}

#[test]
fn an_unreadable_file_is_reported_in_the_dialog_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).expect("save");
    let mut app = Lectern::new(None);
    app.use_manual_clock();
    app.open_project_path(&path);
    assert!(app.finish_jobs());
    app.start_text_update();
    assert!(!app.compare_text_update(&dir.path().join("missing.txt")));
    let update = app.text_update().expect("still asking");
    assert!(
        update
            .error
            .as_deref()
            .is_some_and(|e| e.contains("missing.txt"))
    );
    assert!(!app.apply_text_update());
    assert_eq!(app.project(), &project());
}
