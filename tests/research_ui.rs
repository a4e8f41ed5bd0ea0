//! Research-grade annotation driven through the window: relations, fragments, attribute
//! fields, boundary nudges and the codebook editor, each checked in the project and in a
//! saved and reloaded file.

use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use lectern::model::{DocId, Document, Project, SpanId};
use lectern::ui::Lectern;

mod support;

const TEXT: &str = "“It’s personal,” Ms\u{a0}Παπαδάκη said, “and we will fight it.”\n\
The far-left mayor told reporters the bridge 😀 must stay open.\n\
Minister Gregor Ward said the closure was “regrettable but unavoidable”.";

struct Fixture {
    h: Harness<'static, Lectern>,
    dir: tempfile::TempDir,
}

/// A project with a quote, an attribution and a descriptor already marked.
fn fixture() -> Fixture {
    let mut p = Project::new("Research");
    p.documents.push(Document::new(DocId(1), "Bridge", TEXT));
    support::mark(
        &mut p,
        DocId(1),
        &[
            ("quote", "It’s personal"),
            ("attribution", "Ms\u{a0}Παπαδάκη said"),
            ("descriptor", "The far-left mayor"),
            ("quote", "regrettable but unavoidable"),
        ],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.ron");
    lectern::store::save(&p, &path).expect("save");
    let h = support::open_in_window(&path);
    Fixture { h, dir }
}

fn span_id(h: &Harness<'_, Lectern>, text: &str) -> SpanId {
    h.state().project().documents[0]
        .spans
        .iter()
        .find(|s| s.text == text)
        .map(|s| s.id)
        .expect("span with this text")
}

fn span_start(h: &Harness<'_, Lectern>, text: &str) -> usize {
    h.state().project().documents[0]
        .text
        .find(text, 1)
        .expect("text")
        .start
}

/// Screen point in the middle of code point `c`.
fn at_char(h: &Harness<'_, Lectern>, c: usize) -> Pos2 {
    h.state()
        .char_rect(c)
        .expect("character on screen")
        .center()
}

fn select(h: &mut Harness<'_, Lectern>, text: &str) {
    let id = span_id(h, text);
    h.state_mut().handle_select(id);
    h.run();
    assert_eq!(h.state().selected_span(), Some(id));
}

fn reload(f: &Fixture) -> Project {
    let path = f.dir.path().join("r.ron");
    lectern::store::load(&path).expect("reload")
}

#[test]
fn keyboard_link_from_quote_to_its_attribution_makes_attribution_introduce_quote() {
    let mut f = fixture();
    select(&mut f.h, "It’s personal");
    f.h.key_press(Key::L);
    f.h.run();
    // ] moves the link target to the next annotation: the attribution.
    f.h.key_press(Key::CloseBracket);
    f.h.run();
    f.h.key_press(Key::Enter);
    f.h.run();
    let doc = &f.h.state().project().documents[0];
    assert_eq!(doc.relations.len(), 1, "{}", f.h.state().status());
    let r = &doc.relations[0];
    assert_eq!(r.kind, "introduces");
    assert_eq!(
        doc.span(r.from).map(|s| s.label.as_str()),
        Some("attribution")
    );
    assert_eq!(
        doc.span(r.to).map(|s| s.text.as_str()),
        Some("It’s personal")
    );
    // Deleting the attribution deletes its relation, and one undo brings both back.
    select(&mut f.h, "Ms\u{a0}Παπαδάκη said");
    f.h.key_press(Key::Delete);
    f.h.run();
    let doc = &f.h.state().project().documents[0];
    assert!(doc.relations.is_empty());
    assert_eq!(doc.spans.len(), 3);
    f.h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    f.h.run();
    let doc = &f.h.state().project().documents[0];
    assert_eq!((doc.spans.len(), doc.relations.len()), (4, 1));
    f.h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    f.h.run_steps(2);
    f.h.state_mut().finish_jobs();
    assert_eq!(reload(&f).documents[0].relations.len(), 1);
}

#[test]
fn clicking_a_span_in_link_mode_links_it() {
    let mut f = fixture();
    select(&mut f.h, "The far-left mayor");
    f.h.key_press(Key::L);
    f.h.run();
    let target = at_char(&f.h, span_start(&f.h, "Παπαδάκη said"));
    f.h.hover_at(target);
    f.h.run();
    f.h.drag_at(target);
    f.h.run();
    f.h.drop_at(target);
    f.h.run();
    let doc = &f.h.state().project().documents[0];
    assert_eq!(doc.relations.len(), 1, "{}", f.h.state().status());
    assert_eq!(doc.relations[0].kind, "describes");
}

#[test]
fn ctrl_drag_adds_a_fragment_to_the_selected_quote() {
    let mut f = fixture();
    select(&mut f.h, "It’s personal");
    let a = span_start(&f.h, "and we will");
    let b = span_start(&f.h, "fight it") + "fight it".chars().count();
    let (pa, pb) = (at_char(&f.h, a), at_char(&f.h, b - 1));
    let pa = Pos2::new(f.h.state().char_rect(a).expect("a").min.x + 0.5, pa.y);
    let pb = Pos2::new(f.h.state().char_rect(b - 1).expect("b").max.x - 0.5, pb.y);
    f.h.hover_at(pa);
    f.h.run();
    f.h.event_modifiers(
        egui::Event::PointerButton {
            pos: pa,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::COMMAND,
        },
        Modifiers::COMMAND,
    );
    f.h.run();
    f.h.hover_at(pb);
    f.h.run();
    f.h.event_modifiers(
        egui::Event::PointerButton {
            pos: pb,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::COMMAND,
        },
        Modifiers::COMMAND,
    );
    f.h.run();
    let doc = &f.h.state().project().documents[0];
    let quote = doc
        .spans
        .iter()
        .find(|s| s.text.starts_with("It’s personal"))
        .expect("quote");
    assert_eq!(quote.fragments.len(), 2, "{}", f.h.state().status());
    assert_eq!(quote.joined_text(), "It’s personal and we will fight it");
    f.h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    f.h.run_steps(2);
    f.h.state_mut().finish_jobs();
    let saved = reload(&f);
    let q = saved.documents[0]
        .spans
        .iter()
        .find(|s| s.fragments.len() == 2)
        .expect("saved");
    assert_eq!(q.joined_text(), "It’s personal and we will fight it");
}

#[test]
fn typing_an_attribute_and_taking_a_suggestion() {
    let mut f = fixture();
    select(&mut f.h, "regrettable but unavoidable");
    f.h.get_by_role_and_label(Role::TextInput, "speaker")
        .click();
    f.h.run();
    f.h.event(egui::Event::Text("Gregor Ward".to_owned()));
    f.h.run();
    let doc = &f.h.state().project().documents[0];
    let s = doc
        .spans
        .iter()
        .find(|s| s.text == "regrettable but unavoidable")
        .expect("span");
    assert_eq!(
        s.attributes.get("speaker").map(String::as_str),
        Some("Gregor Ward")
    );
    // On another quote, typing "gre" offers the value used before.
    select(&mut f.h, "It’s personal");
    f.h.get_by_role_and_label(Role::TextInput, "speaker")
        .click();
    f.h.run();
    f.h.event(egui::Event::Text("gre".to_owned()));
    f.h.run();
    f.h.get_by_label("Gregor Ward").click();
    f.h.run();
    let doc = &f.h.state().project().documents[0];
    let s = doc
        .spans
        .iter()
        .find(|s| s.text == "It’s personal")
        .expect("span");
    assert_eq!(
        s.attributes.get("speaker").map(String::as_str),
        Some("Gregor Ward")
    );
}

#[test]
fn keyboard_nudges_move_boundaries_and_undo_as_one_step() {
    let mut f = fixture();
    select(&mut f.h, "The far-left mayor");
    let before = f.h.state().project().clone();
    f.h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    f.h.run();
    let text = |h: &Harness<'_, Lectern>| {
        let id = h.state().selected_span().expect("selected");
        h.state().project().documents[0]
            .span(id)
            .expect("span")
            .text
            .clone()
    };
    assert_eq!(text(&f.h), "The far-left mayor ");
    f.h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::ArrowRight);
    f.h.run();
    assert_eq!(text(&f.h), "The far-left mayor told");
    f.h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    f.h.run();
    assert_eq!(text(&f.h), "he far-left mayor told");
    f.h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    f.h.run();
    assert_eq!(text(&f.h), "he far-left mayor tol");
    f.h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    f.h.run();
    assert_eq!(
        f.h.state().project(),
        &before,
        "one undo restores the boundaries"
    );
}

#[test]
fn renaming_a_label_in_the_codebook_editor_carries_its_spans() {
    let mut f = fixture();
    f.h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    f.h.run();
    let names: Vec<_> =
        f.h.get_all_by_role_and_label(Role::TextInput, "Name")
            .collect();
    assert_eq!(names.len(), 4);
    names[0].click();
    f.h.run();
    f.h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    f.h.event(egui::Event::Text("speech".to_owned()));
    f.h.run();
    f.h.key_press(Key::Enter);
    f.h.run();
    let p = f.h.state().project();
    assert_eq!(p.labels[0].name, "speech");
    let labels: Vec<&str> = p.documents[0]
        .spans
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    assert_eq!(
        labels.iter().filter(|l| **l == "speech").count(),
        2,
        "{labels:?}"
    );
    assert!(!labels.contains(&"quote"));
    assert!(p.problems().is_empty());
}

#[test]
fn next_and_previous_annotation_keys_walk_in_reading_order() {
    let mut f = fixture();
    f.h.key_press(Key::CloseBracket);
    f.h.run();
    assert_eq!(
        f.h.state().selected_span(),
        Some(span_id(&f.h, "It’s personal"))
    );
    f.h.key_press(Key::CloseBracket);
    f.h.run();
    assert_eq!(
        f.h.state().selected_span(),
        Some(span_id(&f.h, "Ms\u{a0}Παπαδάκη said"))
    );
    f.h.key_press(Key::OpenBracket);
    f.h.run();
    assert_eq!(
        f.h.state().selected_span(),
        Some(span_id(&f.h, "It’s personal"))
    );
}

#[test]
fn dragging_the_end_edge_of_the_selected_span_moves_it() {
    let mut f = fixture();
    select(&mut f.h, "The far-left mayor");
    let end = span_start(&f.h, "The far-left mayor") + "The far-left mayor".chars().count();
    let edge = f.h.state().char_rect(end - 1).expect("edge").right_center();
    let told_end = span_start(&f.h, "told") + 4;
    let target =
        f.h.state()
            .char_rect(told_end - 1)
            .expect("told")
            .right_center();
    f.h.hover_at(edge);
    f.h.run();
    f.h.drag_at(edge);
    f.h.run();
    f.h.hover_at(target);
    f.h.run();
    f.h.drop_at(target);
    f.h.run();
    let id = f.h.state().selected_span().expect("still selected");
    let span = f.h.state().project().documents[0]
        .span(id)
        .expect("span")
        .clone();
    assert_eq!(
        span.text,
        "The far-left mayor told",
        "{}",
        f.h.state().status()
    );
}

#[test]
fn status_memo_and_a_custom_field_are_edited_saved_and_filter_the_list() {
    let mut f = fixture();
    f.h.get_by_role_and_label(Role::Button, "done").click();
    f.h.run();
    let memo = f.h.get_by_role_and_label(Role::MultilineTextInput, "Memo");
    // An empty memo says what it is for: a note about the article, not an annotation's note.
    let placeholder = memo.accesskit_node().placeholder().map(str::to_owned);
    assert!(
        placeholder
            .as_deref()
            .is_some_and(|p| p.contains("article") && !p.contains("annotation")),
        "{placeholder:?}"
    );
    memo.click();
    f.h.run();
    f.h.event(egui::Event::Text("Check the “€2m” figure".to_owned()));
    f.h.run();
    f.h.get_by_role_and_label(Role::TextInput, "New field")
        .click();
    f.h.run();
    f.h.event(egui::Event::Text("section".to_owned()));
    f.h.run();
    f.h.get_by_label("Add").click();
    f.h.run();
    f.h.get_by_role_and_label(Role::TextInput, "section")
        .click();
    f.h.run();
    f.h.event(egui::Event::Text("Politics".to_owned()));
    f.h.run();
    f.h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    f.h.run_steps(2);
    f.h.state_mut().finish_jobs();
    let saved = reload(&f);
    let doc = &saved.documents[0];
    assert_eq!(doc.status, lectern::model::DocStatus::Done);
    assert_eq!(doc.memo, "Check the “€2m” figure");
    assert_eq!(saved.custom_fields, ["section"]);
    assert_eq!(
        doc.metadata.custom.get("section").map(String::as_str),
        Some("Politics")
    );
    // Filtering by text no title or outlet has empties the list (the heading stays).
    let shown = |h: &Harness<'_, Lectern>| h.get_all_by_label("Bridge").count();
    let before = shown(&f.h);
    f.h.get_by_role_and_label(Role::TextInput, "Find").click();
    f.h.run();
    f.h.event(egui::Event::Text("no such outlet".to_owned()));
    f.h.run();
    assert_eq!(shown(&f.h), before - 1);
}
