//! The window driven like a user would: mouse drags and clicks, key presses, menus and
//! modal questions, through egui_kittest. Each test checks the project that results.

use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::model::{DocId, Document, Edit, Extent, Project};
use lectern::ui::Lectern;
use lectern::ui::command::Command;
use std::path::Path;

mod support;

const TEXT: &str = "“It’s a disgrace,” said Ms\u{a0}Ελένη Παπαδάκη, the city’s first woman mayor — and she meant it.\n\
Minister Gregor Ward said the bridge 😀 would close from 11–31 May.\n\
A third paragraph, so there is room to click outside the text.";

fn project() -> Project {
    let mut p = Project::new("UI test");
    let mut d = Document::new(DocId(1), "Bridge row", TEXT);
    d.metadata.outlet = "Northgate Public Radio".into();
    p.documents.push(d);
    p
}

fn harness_with(project: &Project, dir: &Path) -> Harness<'static, Lectern> {
    let path = dir.join("p.ron");
    lectern::store::save(project, &path).expect("save fixture");
    support::open_in_window(&path)
}

fn doc_rect(h: &Harness<'_, Lectern>) -> Rect {
    h.get_by_role(Role::Document).rect()
}

/// The first text line starts about here inside the document view (margin + half a line).
fn line_start(h: &Harness<'_, Lectern>) -> Pos2 {
    let r = doc_rect(h);
    let width = (r.width() - 48.0).min(17.0 * 36.0).floor();
    let left = ((r.width() - width) / 2.0).max(24.0).floor();
    r.min + vec2(left + 1.0, 24.0 + 13.0)
}

use support::drag;

fn spans(h: &Harness<'_, Lectern>) -> Vec<lectern::model::Span> {
    h.state().project().documents[0].spans.clone()
}

#[test]
fn drag_select_then_hotkey_labels_exactly_the_selected_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_with(&project(), dir.path());
    let start = line_start(&h);
    drag(&mut h, start, start + vec2(160.0, 0.0));
    let sel = h.state().selection().expect("a selection after dragging");
    assert!(sel.len() > 5, "{sel:?}");
    h.key_press(Key::Num1);
    h.run();
    let s = spans(&h);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].label, "quote");
    let doc = &h.state().project().documents[0];
    let selected = doc.text.slice(sel.clone()).expect("in range");
    assert_eq!(s[0].text, selected.trim(), "span holds the selected text");
    assert_eq!(
        doc.text.slice(s[0].start..s[0].end),
        Some(s[0].text.as_str())
    );
    assert!(s[0].text.starts_with('“'), "{}", s[0].text);
    assert_eq!(
        h.state().selected_span(),
        Some(s[0].id),
        "new span is selected"
    );
    assert!(
        h.state().selection().is_none(),
        "text selection is consumed"
    );
}

#[test]
fn double_click_selects_a_word_and_palette_click_labels_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_with(&project(), dir.path());
    let p = line_start(&h) + vec2(80.0, 0.0); // inside "disgrace"
    h.hover_at(p);
    h.run();
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: p,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            h.step();
        }
    }
    h.run();
    let sel = h.state().selection().expect("double-click selects a word");
    let doc = &h.state().project().documents[0];
    let word = doc.text.slice(sel).expect("range").to_owned();
    assert!(
        !word.is_empty() && word.chars().all(|c| c.is_alphanumeric() || c == '’'),
        "{word:?}"
    );
    h.get_by_role_and_label(Role::Button, "descriptor 3")
        .click();
    h.run();
    let s = spans(&h);
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].label.as_str(), s[0].text.as_str()),
        ("descriptor", word.as_str())
    );
}

#[test]
fn shift_click_extends_the_selection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_with(&project(), dir.path());
    let start = line_start(&h);
    drag(&mut h, start, start + vec2(60.0, 0.0));
    let first = h.state().selection().expect("selection");
    let far = start + vec2(300.0, 0.0);
    h.hover_at(far);
    h.run();
    h.get_by_role(Role::Document)
        .click_modifiers(Modifiers::SHIFT);
    h.run();
    let extended = h.state().selection().expect("still a selection");
    assert_eq!(extended.start, first.start);
    assert!(extended.end > first.end, "{first:?} → {extended:?}");
}

fn project_with_span() -> (Project, lectern::model::SpanId) {
    let mut p = project();
    let r = p.documents[0].text.find("Gregor Ward", 1).expect("found");
    let span = p
        .make_span(DocId(1), "descriptor", r.start, r.end)
        .expect("span");
    let id = span.id;
    Edit::AddSpan {
        doc: DocId(1),
        span,
    }
    .apply(&mut p)
    .expect("add");
    (p, id)
}

#[test]
fn delete_undo_redo_from_the_keyboard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (p, id) = project_with_span();
    let mut h = harness_with(&p, dir.path());
    h.get_by_label_contains("descriptor: Gregor Ward").click();
    h.run();
    assert_eq!(h.state().selected_span(), Some(id));
    h.key_press(Key::Delete);
    h.run();
    assert!(
        spans(&h).is_empty(),
        "Delete removes the selected annotation"
    );
    assert!(h.state().session().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(spans(&h).len(), 1, "Ctrl+Z brings it back");
    assert!(!h.state().session().is_dirty(), "back to the saved state");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(spans(&h).is_empty(), "Ctrl+Shift+Z deletes it again");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(spans(&h).is_empty(), "Ctrl+Y redoes too");
}

#[test]
fn relabel_by_hotkey_and_by_button_and_note_is_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (p, id) = project_with_span();
    let mut h = harness_with(&p, dir.path());
    h.state_mut().handle_select(id);
    h.run();
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(spans(&h)[0].label, "claim");
    // The selected annotation's details have one button per label.
    h.get_by_role_and_label(Role::Button, "attribution").click();
    h.run();
    assert_eq!(spans(&h)[0].label, "attribution");
    h.get_by_role_and_label(Role::MultilineTextInput, "Note")
        .click();
    h.run();
    for ch in ["s", "p", "k", "r"] {
        h.event(egui::Event::Text(ch.to_owned()));
        h.run();
    }
    assert_eq!(spans(&h)[0].note, "spkr");
    h.get_by_role(Role::Document).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        spans(&h)[0].note,
        "",
        "typing the note is undone as one step"
    );
    assert_eq!(spans(&h)[0].label, "attribution");
}

#[test]
fn a_span_in_pieces_is_listed_by_its_pieces_not_the_text_between() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = project();
    let text = &p.documents[0].text;
    let who = text.find("Minister", 1).expect("found");
    let cue = text.find("said the bridge", 1).expect("found");
    let extent = Extent::from_pieces(text, &[(who.start, who.end), (cue.start, cue.start + 4)])
        .expect("pieces");
    let mut span = p
        .make_span(DocId(1), "attribution", extent.start, extent.end)
        .expect("span");
    span.fragments = extent.fragments;
    Edit::AddSpan {
        doc: DocId(1),
        span,
    }
    .apply(&mut p)
    .expect("add");
    let h = harness_with(&p, dir.path());
    h.get_by_label_contains("attribution: Minister said");
    assert!(
        h.query_by_label_contains("Minister Gregor Ward").is_none(),
        "the name between the pieces is not part of the span"
    );
}

#[test]
fn clicking_a_highlight_selects_its_annotation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = project();
    let span = p.make_span(DocId(1), "quote", 0, 40).expect("span");
    Edit::AddSpan {
        doc: DocId(1),
        span,
    }
    .apply(&mut p)
    .expect("add");
    let mut h = harness_with(&p, dir.path());
    let at = line_start(&h) + vec2(30.0, 0.0);
    h.hover_at(at);
    h.run();
    h.get_by_role(Role::Document).click();
    h.run();
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.run();
    h.drop_at(at);
    h.run();
    assert_eq!(h.state().selected_span(), Some(spans(&h)[0].id));
}

#[test]
fn new_project_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (p, id) = project_with_span();
    let mut h = harness_with(&p, dir.path());
    h.state_mut().handle_select(id);
    h.key_press(Key::Delete);
    h.run();
    assert!(
        h.state().window_title().starts_with('●'),
        "{}",
        h.state().window_title()
    );
    h.state_mut().run_command(Command::NewProject);
    h.run();
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        h.state().project().documents.len(),
        1,
        "cancel keeps the project"
    );
    h.state_mut().run_command(Command::NewProject);
    h.run();
    h.get_by_label("Don’t save").click();
    h.run();
    assert!(h.state().project().documents.is_empty(), "discarded");
    let saved = lectern::store::load(&dir.path().join("p.ron")).expect("file untouched");
    assert_eq!(saved.documents[0].spans.len(), 1);
}

#[test]
fn ctrl_s_saves_to_the_opened_file_without_a_dialog() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_with(&project(), dir.path());
    h.state_mut().set_selection(0, 5);
    h.key_press(Key::Num4);
    h.run();
    assert!(h.state().session().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    h.state_mut().finish_jobs();
    assert!(!h.state().session().is_dirty());
    assert!(!h.state().window_title().starts_with('●'));
    let saved = lectern::store::load(&dir.path().join("p.ron")).expect("load");
    assert_eq!(saved.documents[0].spans[0].label, "attribution");
    assert_eq!(saved.documents[0].spans[0].text, "“It’s");
    assert_eq!(saved.last_viewed, Some(DocId(1)));
}

#[test]
fn zoom_keys_change_the_text_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_with(&project(), dir.path());
    let before = h.state().font_px();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert!(h.state().font_px() > before);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert!(h.state().font_px() < before);
}

#[test]
fn malformed_project_is_reported_and_the_open_one_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_with(&project(), dir.path());
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format: 1, name: \"x\", labels: [").expect("write");
    h.state_mut().open_project_path(&bad);
    assert!(!h.state_mut().finish_jobs());
    h.run();
    let report = h.state().report().expect("a report").clone();
    assert!(report.lines[0].contains("bad.ron:1:"), "{:?}", report.lines);
    h.get_by_label("Could not open project");
    assert_eq!(
        h.state().project().name,
        "UI test",
        "the open project stays"
    );
    assert_eq!(
        std::fs::read_to_string(&bad).expect("read"),
        "(format: 1, name: \"x\", labels: ["
    );
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().report().is_none());
}

#[test]
fn articles_from_paths_are_added_and_binary_files_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_with(&project(), dir.path());
    let good = dir.path().join("second.txt");
    std::fs::write(&good, "Second article\r\nWith CRLF “quotes”.\r\n").expect("write");
    let bad = dir.path().join("image.txt");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n\0\0").expect("write");
    h.state_mut().add_article_paths(&[good, bad]);
    assert!(!h.state_mut().finish_jobs(), "one file was not added");
    h.run();
    let p = h.state().project();
    assert_eq!(p.documents.len(), 2);
    assert_eq!(p.documents[1].title, "Second article");
    assert_eq!(
        p.documents[1].text.as_str(),
        "Second article\nWith CRLF “quotes”.\n"
    );
    assert_eq!(h.state().current_document(), Some(p.documents[1].id));
    let report = h.state().report().expect("skipped file reported");
    assert!(report.lines[0].contains("image.txt"), "{:?}", report.lines);
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    h.get_by_label("OK").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    assert_eq!(h.state().current_document(), Some(DocId(1)));
}

/// A file dropped on the window, as the windowing layer would hand it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_articles_on_the_window_adds_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_with(&project(), dir.path());
    let article = dir.path().join("dropped.md");
    std::fs::write(&article, "# Dropped “article”\n\nBody text.\n").expect("write");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(article)));
    h.run_steps(2);
    h.state_mut().finish_jobs();
    h.run();
    let p = h.state().project();
    assert_eq!(p.documents.len(), 2);
    assert_eq!(p.documents[1].title, "Dropped “article”");
    assert!(
        h.get_all_by_label_contains("Dropped “article”").count() >= 1,
        "listed and shown"
    );
}

#[test]
fn label_filter_hides_annotations_from_the_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut p, _) = project_with_span();
    let span = p.make_span(DocId(1), "quote", 1, 16).expect("span");
    Edit::AddSpan {
        doc: DocId(1),
        span,
    }
    .apply(&mut p)
    .expect("add");
    let mut h = harness_with(&p, dir.path());
    h.get_by_label_contains("quote: It’s a disgrace");
    h.get_by_role_and_label(Role::CheckBox, "quote").click();
    h.run();
    assert!(
        h.query_by_label_contains("quote: It’s a disgrace")
            .is_none()
    );
    h.get_by_label_contains("descriptor: Gregor Ward");

    // With a label hidden the list keeps its rows between frames; an edit refreshes them.
    let r = p.documents[0].text.find("disgrace", 1).expect("found");
    h.state_mut().set_selection(r.start, r.end);
    h.key_press(Key::Num3);
    h.run();
    h.get_by_label_contains("descriptor: disgrace");
    h.get_by_label_contains("descriptor: Gregor Ward");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.query_by_label_contains("descriptor: disgrace").is_none());
}

#[test]
fn export_from_the_app_writes_csv_and_jsonl_with_code_point_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (p, _) = project_with_span();
    let mut h = harness_with(&p, dir.path());
    let csv_path = dir.path().join("spans.csv");
    h.state_mut()
        .export_to(&csv_path, lectern::formats::ExportFormat::Csv);
    assert!(h.state_mut().finish_jobs());
    let csv = std::fs::read_to_string(&csv_path).expect("csv");
    assert!(csv.lines().next().expect("header").contains("start"));
    assert!(csv.contains("Gregor Ward"));
    let jsonl_path = dir.path().join("spans.jsonl");
    h.state_mut()
        .export_to(&jsonl_path, lectern::formats::ExportFormat::Jsonl);
    assert!(h.state_mut().finish_jobs());
    let line = std::fs::read_to_string(&jsonl_path).expect("jsonl");
    let row: serde_json::Value =
        serde_json::from_str(line.lines().next().expect("row")).expect("json");
    let (s, e) = (
        row["start"].as_u64().expect("start") as usize,
        row["end"].as_u64().expect("end") as usize,
    );
    let by_chars: String = TEXT.chars().skip(s).take(e - s).collect();
    assert_eq!(by_chars, "Gregor Ward");
    assert!(
        h.state().status().contains("Exported 1 spans"),
        "{}",
        h.state().status()
    );
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_with(&project(), dir.path());
    h.state_mut().set_selection(0, 5);
    h.key_press(Key::Num1);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    assert_eq!(h.state().pending(), Some(&lectern::ui::app::Pending::Quit));
    h.get_by_label("Save").click();
    h.run_steps(2);
    h.state_mut().finish_jobs();
    // Saved to the file the project came from, so the window may now close.
    assert!(!h.state().session().is_dirty());
    assert!(h.state().pending().is_none());
    let saved = lectern::store::load(&dir.path().join("p.ron")).expect("load");
    assert_eq!(saved.documents[0].spans.len(), 1);
}

#[test]
fn reopening_shows_the_last_viewed_document_and_remembers_recent_projects() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = project();
    p.documents
        .push(Document::new(DocId(2), "Second", "Another “article”."));
    p.last_viewed = Some(DocId(2));
    let path = dir.path().join("two.ron");
    lectern::store::save(&p, &path).expect("save");
    let settings = dir.path().join("settings.ron");
    let mut app = Lectern::new(Some(settings.clone()));
    app.open_paths(std::slice::from_ref(&path));
    assert!(app.finish_jobs());
    assert_eq!(app.current_document(), Some(DocId(2)));
    let saved = lectern::ui::settings::Settings::load(&settings);
    let canonical = std::fs::canonicalize(&path).expect("canonical");
    assert_eq!(saved.recent_projects.first(), Some(&canonical));
    // A project never opened before shows its first document.
    p.last_viewed = None;
    lectern::store::save(&p, &path).expect("save");
    let mut app = Lectern::new(None);
    app.open_paths(&[path]);
    assert!(app.finish_jobs());
    assert_eq!(app.current_document(), Some(DocId(1)));
}

#[test]
fn without_native_dialogs_save_as_asks_for_a_path_in_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_with(&project(), dir.path());
    h.state_mut().set_native_dialogs(false);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    assert!(h.state().path_prompt().is_some());
    let target = dir.path().join("copy “β”.ron");
    h.get_by_role_and_label(Role::TextInput, "Path");
    // Replace the prefilled path with ours: select all, then type.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(target.display().to_string()));
    h.run();
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().path_prompt().is_none());
    // The frame may have applied the save already; this waits if it has not.
    h.state_mut().finish_jobs();
    let saved = lectern::store::load(&target).expect("saved where typed");
    assert_eq!(saved.name, "UI test");
    assert_eq!(h.state().session().path.as_deref(), Some(target.as_path()));
}

/// A shift+click at `pos` (a node's `click_modifiers` would click the node's centre, which
/// in the document view is another line).
fn shift_click_at(h: &mut Harness<'_, Lectern>, pos: Pos2) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event_modifiers(
            egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::SHIFT,
            },
            Modifiers::SHIFT,
        );
        h.run();
    }
}

#[test]
fn click_then_shift_click_selects_between_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness_with(&project(), dir.path());
    let a = line_start(&h) + vec2(20.0, 0.0);
    let b = a + vec2(200.0, 0.0);
    h.hover_at(a);
    h.run();
    h.get_by_role(Role::Document).click();
    h.run();
    h.hover_at(a);
    h.drag_at(a);
    h.run();
    h.drop_at(a);
    h.run();
    assert!(
        h.state().selection().is_none(),
        "a click alone selects nothing"
    );
    shift_click_at(&mut h, b);
    let sel = h
        .state()
        .selection()
        .expect("shift+click selects from the click");
    // 20 px into the line is a few characters in; 200 px further is tens of characters.
    assert!(sel.start < 10 && (10..80).contains(&sel.len()), "{sel:?}");
    // A shift+click further on extends the same selection from the same anchor.
    shift_click_at(&mut h, b + vec2(100.0, 0.0));
    let longer = h.state().selection().expect("still a selection");
    assert_eq!(longer.start, sel.start, "{longer:?} vs {sel:?}");
    assert!(longer.end > sel.end, "{longer:?} vs {sel:?}");
}

#[test]
fn a_long_annotation_list_shows_its_rows_in_view_and_follows_the_selection() {
    // 3,000 annotations: the list lays out only the rows in view, yet selecting one far
    // down brings its row into view, and Tab keeps moving through the list past the rows
    // that were first shown.
    let dir = tempfile::tempdir().expect("tempdir");
    let text: String = (1..=3000)
        .map(|i| format!("Item {i:04}: Ms\u{a0}Παπαδάκη said so — “again”.\n"))
        .collect();
    let mut p = Project::new("long");
    p.documents.push(Document::new(DocId(1), "Long", text));
    let marks: Vec<String> = (1..=3000).map(|i| format!("Item {i:04}")).collect();
    let marks: Vec<(&str, &str)> = marks.iter().map(|m| ("descriptor", m.as_str())).collect();
    support::mark(&mut p, DocId(1), &marks);
    let mut h = harness_with(&p, dir.path());
    h.get_by_label_contains("Annotations (3,000)");
    h.get_by_label_contains("descriptor: Item 0001");
    assert!(
        h.query_by_label_contains("descriptor: Item 2900").is_none(),
        "rows out of view are not laid out"
    );

    let far = p.documents[0].spans[2899].id;
    h.state_mut().handle_select(far);
    h.run();
    h.get_by_label_contains("descriptor: Item 2900");
    assert!(h.query_by_label_contains("descriptor: Item 0001").is_none());

    // F6 goes to the list at the selected row; each Tab selects the next annotation.
    h.key_press(Key::F6);
    h.run();
    for _ in 0..60 {
        h.key_press(Key::Tab);
        h.run();
    }
    let selected = h.state().selected_span();
    assert_eq!(selected, Some(p.documents[0].spans[2959].id));
    h.get_by_label_contains("descriptor: Item 2960");
}
