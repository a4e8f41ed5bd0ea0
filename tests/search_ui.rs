//! Search, "Label all matches" and the command palette, driven through the window with
//! egui_kittest as a user would: shortcuts, typing, clicking results and tick boxes.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::model::{DocId, Document, Project};
use lectern::ui::Lectern;
use std::ops::Range;
use std::path::Path;

mod support;

const FIRST: &str = "“It’s a disgrace,” said Ms\u{a0}Ελένη Παπαδάκη 😀, the city’s first woman mayor.\n\
Minister Gregor Ward said the bridge 😷 would close; Παπαδάκη disagreed.";
const SECOND: &str = "😂 Ward said nothing more. «Παπαδάκη» said “no”.";

fn project() -> Project {
    let mut p = Project::new("Search test");
    p.documents
        .push(Document::new(DocId(1), "Bridge row", FIRST));
    p.documents
        .push(Document::new(DocId(2), "Follow-up", SECOND));
    p
}

fn harness(dir: &Path) -> Harness<'static, Lectern> {
    let path = dir.join("p.ron");
    lectern::store::save(&project(), &path).expect("save fixture");
    support::open_in_window(&path)
}

/// Code-point ranges of `needle` in `text`, found without Lectern's code.
fn expected(text: &str, needle: &str) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let n: Vec<char> = needle.chars().collect();
    (0..=chars.len().saturating_sub(n.len()))
        .filter(|&i| chars[i..i + n.len()] == n[..])
        .map(|i| i..i + n.len())
        .collect()
}

fn type_query(h: &mut Harness<'_, Lectern>, text: &str) {
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
}

fn found(h: &Harness<'_, Lectern>) -> Vec<(DocId, Range<usize>)> {
    h.state()
        .search_matches()
        .iter()
        .map(|m| (m.doc, m.range.clone()))
        .collect()
}

fn span_count(h: &Harness<'_, Lectern>) -> usize {
    h.state()
        .project()
        .documents
        .iter()
        .map(|d| d.spans.len())
        .sum()
}

#[test]
fn ctrl_f_finds_greek_after_emoji_with_code_point_ranges_and_click_selects_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(h.state().search_open());
    type_query(&mut h, "παπαδάκη"); // lower case: the default ignores case
    let want = expected(FIRST, "Παπαδάκη");
    assert_eq!(want.len(), 2);
    let got = found(&h);
    assert_eq!(
        got,
        want.iter()
            .map(|r| (DocId(1), r.clone()))
            .collect::<Vec<_>>()
    );
    let doc = &h.state().project().documents[0];
    for m in h.state().search_matches() {
        assert_eq!(doc.text.slice(m.range.clone()), Some("Παπαδάκη"));
    }
    // Keyword-in-context: left context, the match, right context on one line.
    h.get_by_label_contains("[Παπαδάκη] disagreed.").click();
    h.run();
    assert_eq!(h.state().selection(), Some(want[1].clone()));
    // Typing in the field did not trigger label hotkeys or shortcuts.
    assert_eq!(span_count(&h), 0);

    // Curly quotes and a regex, case-sensitive.
    h.get_by_role_and_label(Role::CheckBox, "Regex").click();
    h.get_by_role_and_label(Role::CheckBox, "Match case")
        .click();
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "Search document");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_query(&mut h, "“[^”]+”");
    assert_eq!(
        found(&h),
        vec![(DocId(1), expected(FIRST, "“It’s a disgrace,”")[0].clone())]
    );

    // Ctrl+F with a match selected goes back to the query and keeps it.
    h.get_by_label_contains("[“It’s a disgrace,”]").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert_eq!(found(&h).len(), 1);

    // A bad regex is a message, not a crash.
    type_query(&mut h, "(");
    assert!(h.state().search_matches().is_empty());
    h.get_by_label_contains("invalid regular expression");

    // Esc leaves search and keeps the selection.
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().search_open());
    let quote = expected(FIRST, "“It’s a disgrace,”")[0].clone();
    assert_eq!(h.state().selection(), Some(quote));
}

#[test]
fn project_search_lists_titles_and_clicking_shows_the_other_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run();
    type_query(&mut h, "Παπαδάκη");
    let mut want: Vec<(DocId, Range<usize>)> = expected(FIRST, "Παπαδάκη")
        .into_iter()
        .map(|r| (DocId(1), r))
        .collect();
    want.extend(
        expected(SECOND, "Παπαδάκη")
            .into_iter()
            .map(|r| (DocId(2), r)),
    );
    assert_eq!(found(&h), want);
    h.get_by_label_contains("3 matches in 2 documents");
    h.get_by_label_contains("Follow-up · ").click();
    h.run();
    h.run();
    assert_eq!(h.state().current_document(), Some(DocId(2)));
    assert_eq!(h.state().selection(), Some(want[2].1.clone()));
    // The close button leaves search too.
    h.get_by_role_and_label(Role::Button, "Close").click();
    h.run();
    assert!(!h.state().search_open());
}

#[test]
fn label_all_matches_with_one_unticked_labels_the_others_in_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run();
    type_query(&mut h, "said");
    let matches = found(&h);
    assert_eq!(matches.len(), 4);
    h.get_by_label("Label all matches…").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "quote").click();
    h.run();
    // Every match is ticked; untick the one in "Ward said nothing".
    let boxes = h.get_all_by_role(Role::CheckBox).count();
    assert!(boxes >= 4, "{boxes}");
    h.get_by_label_contains("Ward [said] nothing").click();
    h.run();
    h.get_by_label("Label 3 matches").click();
    h.run();
    let mut labelled: Vec<(DocId, Range<usize>, String)> = Vec::new();
    for d in &h.state().project().documents {
        for s in &d.spans {
            assert_eq!(s.text, "said");
            assert!(s.created.ends_with('Z'), "made at a time: {:?}", s.created);
            labelled.push((d.id, s.start..s.end, s.label.to_string()));
        }
    }
    let unticked = (DocId(2), expected(SECOND, "said")[0].clone());
    let want: Vec<(DocId, Range<usize>, String)> = matches
        .iter()
        .filter(|m| **m != unticked)
        .map(|(d, r)| (*d, r.clone(), "quote".to_owned()))
        .collect();
    labelled.sort_by_key(|(d, r, _)| (*d, r.start));
    assert_eq!(labelled, want);
    assert!(h.state().project().problems().is_empty());

    // Running it again flags the labelled matches and leaves them unticked.
    h.get_by_label("Label all matches…").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "quote").click();
    h.run();
    assert_eq!(
        h.get_all_by_label_contains("(already labelled quote)")
            .count(),
        3
    );
    h.get_by_label("Label 1 match");
    h.get_by_label("Cancel").click();
    h.run();

    // One Ctrl+Z takes all three away.
    h.get_by_role(Role::Document).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(span_count(&h), 0);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(span_count(&h), 3);
}

#[test]
fn palette_finds_a_command_by_part_of_its_name_and_enter_runs_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    let size = h.state().font_px();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    assert!(h.state().palette_open());
    type_query(&mut h, "zoom in");
    h.key_press(Key::Enter);
    h.run();
    assert!(!h.state().palette_open());
    assert_eq!(h.state().font_px(), size + 1.0);

    // Letters in order find it too; arrow keys pick among several.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    type_query(&mut h, "document");
    h.get_by_label_contains("Previous document");
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::ArrowUp);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().current_document(), Some(DocId(2)));

    // Esc closes it without running anything.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    type_query(&mut h, "nxdoc");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().palette_open());
    assert_eq!(h.state().current_document(), Some(DocId(2)));
}

#[test]
fn palette_applies_a_label_to_the_selection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    h.state_mut().set_selection(1, 16);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    type_query(&mut h, "label claim");
    h.key_press(Key::Enter);
    h.run();
    let spans = &h.state().project().documents[0].spans;
    assert_eq!(spans.len(), 1);
    assert_eq!(
        (spans[0].label.as_str(), spans[0].text.as_str()),
        ("claim", "It’s a disgrace")
    );
}

#[test]
fn enter_in_the_query_field_steps_through_matches() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    type_query(&mut h, "said");
    let want = expected(FIRST, "said");
    assert_eq!(want.len(), 2);
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().selection(), Some(want[0].clone()));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().selection(), Some(want[1].clone()));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().selection(), Some(want[0].clone()), "wraps around");
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run();
    assert_eq!(h.state().selection(), Some(want[1].clone()));
    // The field kept the keyboard: typing a label hotkey goes into the query.
    type_query(&mut h, "1");
    assert_eq!(h.state().search_matches().len(), 0);
    assert!(h.state().project().documents[0].spans.is_empty());
}

#[test]
fn find_with_text_selected_searches_for_it_and_typing_replaces_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    let ward = expected(FIRST, "Ward")[0].clone();
    h.state_mut().set_selection(ward.start, ward.end);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run();
    assert_eq!(
        found(&h),
        vec![
            (DocId(1), ward.clone()),
            (DocId(2), expected(SECOND, "Ward")[0].clone())
        ]
    );
    type_query(&mut h, "Minister");
    assert_eq!(
        found(&h),
        vec![(DocId(1), expected(FIRST, "Minister")[0].clone())]
    );
}
