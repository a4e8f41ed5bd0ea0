//! The document list with thousands of articles: only the rows in view are laid out,
//! typing in Find filters it, a row opens its document, and an edit to a title shows at
//! once (the list is worked out again when the project changes, not every frame).

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::model::{DocId, Document, Project};
use lectern::store;
use lectern::ui::Lectern;
use support::open_in_window;

mod support;

const OUTLETS: [&str; 3] = ["Harbour Herald", "Northgate Daily", "Λιμάνι Σήμερα"];

fn title(i: u32) -> String {
    format!("Article {i:04} — bridge row")
}

fn corpus() -> Project {
    let mut p = Project::new("Many articles");
    for i in 1..=3_000u32 {
        let mut d = Document::new(DocId(i), title(i), format!("“Text {i},” she said.\n"));
        d.metadata.outlet = OUTLETS[i as usize % 3].to_owned();
        p.documents.push(d);
    }
    p
}

/// How many widgets show `text` (a document's title is also in the metadata panel).
fn shown(h: &Harness<'_, Lectern>, text: &str) -> usize {
    h.query_all_by_label(text).count()
}

fn type_in_find(h: &mut Harness<'_, Lectern>, text: &str) {
    h.get_by_role_and_label(Role::TextInput, "Find").click();
    h.run();
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
}

#[test]
fn three_thousand_articles_list_only_the_rows_in_view_and_filter_as_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("many.ron");
    store::save(&corpus(), &path).expect("save");
    let mut h = open_in_window(&path);
    assert!(shown(&h, &title(2)) == 1, "the second row is shown");
    assert_eq!(
        shown(&h, &title(3_000)),
        0,
        "rows out of view are not laid out"
    );
    h.get_by_label_contains("Documents (3,000)");

    // An outlet, typed in capitals: only that outlet's articles are left.
    type_in_find(&mut h, "HERALD");
    assert_eq!(shown(&h, &title(3)), 1);
    assert_eq!(shown(&h, &title(2)), 0);
    for _ in 0.."HERALD".len() {
        h.key_press(egui::Key::Backspace);
    }
    h.event(egui::Event::Text("2999".to_owned()));
    h.run();
    assert_eq!(shown(&h, &title(3)), 0, "filtered out");
    h.get_by_label(&title(2_999)).click();
    h.run();
    assert_eq!(h.state().current_document(), Some(DocId(2_999)));
    assert_eq!(shown(&h, &title(1)), 0, "neither listed nor open");
}

#[test]
fn a_changed_title_leaves_a_filtered_list_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("many.ron");
    store::save(&corpus(), &path).expect("save");
    let mut h = open_in_window(&path);
    type_in_find(&mut h, "bridge row");
    let before = shown(&h, &title(1));
    assert!(before >= 2, "listed and in the Title field");
    h.get_by_role_and_label(Role::TextInput, "Title").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.event(egui::Event::Text("Zebra crossing".to_owned()));
    h.run();
    h.run();
    assert_eq!(h.state().project().documents[0].title, "Zebra crossing");
    // The filter no longer matches it: shown where the old title was, except the list.
    assert_eq!(shown(&h, "Zebra crossing"), before - 1);
    assert_eq!(shown(&h, &title(1)), 0);
    assert_eq!(shown(&h, &title(2)), 1, "the next one is still listed");
}
