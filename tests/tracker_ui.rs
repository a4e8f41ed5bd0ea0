//! The Quote tracker window driven as a researcher would, on the invented ferry story
//! (tests/fixtures/align/story.ron): open it from the menu and the palette, pick a
//! statement, read the kinds, click through to the article, correct the grouping and
//! undo it, sort the table and save it as CSV.

mod support;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::model::{DocId, SpanId, VersionKind};
use lectern::ui::Lectern;
use lectern::ui::command::Command;
use std::path::Path;

fn story() -> Harness<'static, Lectern> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align/story.ron");
    let mut h = support::open_in_window(&path);
    h.state_mut().run_command(Command::ToggleQuoteTracker);
    h.run();
    h
}

#[test]
fn view_menu_and_palette_open_the_tracker() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align/story.ron");
    let mut h = support::open_in_window(&path);
    assert!(h.query_by_label("Confirm all").is_none());
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Quote tracker").click();
    h.run();
    h.get_by_label("Confirm all");
    h.get_by_label_contains("4 statements from 10 quotes in 4 documents");
    h.state_mut().run_command(Command::ToggleQuoteTracker);
    h.run();
    assert!(h.query_by_label("Confirm all").is_none());

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    assert!(h.state().palette_open());
    h.event(egui::Event::Text("quote track".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Confirm all");
}

#[test]
fn a_statement_shows_every_outlet_with_its_kind_verb_and_speaker() {
    let mut h = story();
    h.get_by_label_contains("Tomas Ferreira — This is a stone-cold")
        .click();
    h.run();
    h.get_by_label("Statement 3");
    h.get_by_label_contains("Printed in 4 of 4 compared documents: 1 whole, 2 cut, 1 paraphrase");
    for outlet in [
        "Marrow Bay Courier",
        "The National Ledger",
        "Coastline FM",
        "The Daily Tribune",
    ] {
        h.get_by_label(outlet);
    }
    // Reporting verbs as coded: the tabloid's "fumed", the radio's "warned".
    h.get_by_label("fumed");
    h.get_by_label("warned");
    // The cut version with the fullest version's words it left out.
    h.get_by_label_contains("It’s a stone-cold betrayal of every family on the island");
    // The harbour-office statement is printed by one outlet only.
    h.get_by_label_contains("Ilse Brandvold — We’re not closing the harbour office")
        .click();
    h.run();
    assert_eq!(h.get_all_by_label("not printed").count(), 3);
}

#[test]
fn clicking_a_version_shows_it_in_its_article() {
    let mut h = story();
    assert_eq!(h.state().current_document(), Some(DocId(1)));
    h.get_by_label_contains("Tomas Ferreira — This is a stone-cold")
        .click();
    h.run();
    h.get_by_label_contains("It’s a stone-cold betrayal")
        .click();
    h.run();
    assert_eq!(h.state().current_document(), Some(DocId(4)));
    assert_eq!(h.state().selected_span(), Some(SpanId(4003)));
}

#[test]
fn a_correction_is_one_undoable_step() {
    let mut h = story();
    // Statement 1: split the radio's paraphrase off into a statement of its own.
    h.get_all_by_label("Move to…")
        .nth(2)
        .expect("third version")
        .click();
    h.run();
    h.get_by_label("A statement of its own").click();
    h.run();
    let p = h.state().project();
    assert_eq!(p.statements.len(), 2, "{:?}", p.statements);
    let alignment = h.state_mut().tracker_alignment();
    let fm = alignment.statement_of(SpanId(3002)).expect("statement");
    assert_eq!((fm.id.0, fm.versions.len(), fm.saved), (5, 1, true));
    h.get_by_label_contains("5  Brandvold — the ferry would be paused");

    // Set the Tribune's cut to whole by hand, then undo both steps with Ctrl+Z.
    h.get_by_label_contains("1  Brandvold — We’re not closing the ferry")
        .click();
    h.run();
    h.get_all_by_label("Kind…")
        .nth(2)
        .expect("Tribune version")
        .click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::RadioButton, "whole")
        .click();
    h.run();
    let alignment = h.state_mut().tracker_alignment();
    let v = alignment
        .statement_of(SpanId(4001))
        .and_then(|s| s.version(SpanId(4001)))
        .expect("version")
        .clone();
    assert_eq!(
        (v.kind, v.found_kind, v.kind_by_coder),
        (VersionKind::Whole, VersionKind::Cut, true)
    );
    h.get_by_label("(set by hand; found cut)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().project().statements.is_empty());
    let alignment = h.state_mut().tracker_alignment();
    assert_eq!(
        alignment.statement_of(SpanId(3002)).map(|s| s.id.0),
        Some(1)
    );
}

#[test]
fn the_table_sorts_and_is_saved_as_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = story();
    h.state_mut().set_native_dialogs(false);
    h.get_by_label("All statements").click();
    h.run();
    assert_eq!(h.get_all_by_label("not printed").count(), 6);
    // Sorting by the radio's column puts its paraphrases first, blanks last.
    h.get_by_label("Coastline FM").click();
    h.run();
    let csv = h.state_mut().tracker_table().to_csv();
    let first_column: Vec<&str> = csv.lines().skip(1).map(|l| &l[..1]).collect();
    assert_eq!(first_column, ["1", "3", "2", "4"]);
    h.get_by_label("Coastline FM").click();
    h.run();
    let csv = h.state_mut().tracker_table().to_csv();
    assert!(
        csv.lines().nth(1).is_some_and(|l| l.starts_with("2,")),
        "{csv}"
    );

    h.get_by_label("Save as CSV…").click();
    h.run();
    h.get_by_label("Save statements table as CSV");
    let out = dir.path().join("statements.csv");
    assert!(h.state_mut().export_statements_table(&out));
    assert_eq!(
        std::fs::read_to_string(&out).expect("csv"),
        "statement,speaker,text,Marrow Bay Courier,The National Ledger,Coastline FM,The Daily Tribune\n\
         2,Ilse Brandvold,We’re not closing the harbour office; it stays open every weekday,whole,absent,absent,absent\n\
         4,Ferreira,The pier has been left to rot for ten years,absent,absent,absent,whole\n\
         1,Brandvold,We’re not closing the ferry for good; we’re pausing it for twenty-five weeks while the pier is rebuilt,whole,whole,paraphrase,cut\n\
         3,Tomas Ferreira,This is a stone-cold betrayal of every family on the island and people won’t forget it at the ballot box,whole,cut,paraphrase,cut\n"
    );
    h.get_by_label("Cancel").click();
    h.run();
    // A statement's number opens it side by side.
    h.get_by_label("4").click();
    h.run();
    assert_eq!(h.state_mut().tracker().selected.map(|s| s.0), Some(4));
    h.get_by_label("Statement 4");
}

#[test]
fn copy_as_csv_puts_the_table_on_the_clipboard() {
    let mut h = story();
    h.get_by_label("All statements").click();
    h.run();
    h.get_by_label("Copy as CSV").click();
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied.len(), 1, "one copy");
    let table = h.state_mut().tracker_table().to_csv();
    assert_eq!(copied[0], table);
    assert!(
        table.starts_with(
            "statement,speaker,text,Marrow Bay Courier,The National Ledger,Coastline FM,The Daily Tribune\n1,Brandvold,"
        ),
        "{table}"
    );
}

#[test]
fn documents_are_compared_within_the_field_the_window_is_given() {
    // The tabloid's article is put in another story: compared by story, its quotes no
    // longer join the other outlets' statements.
    let dir = tempfile::tempdir().expect("tempdir");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align/story.ron");
    let mut p = lectern::store::load(&source).expect("story");
    p.documents[3]
        .metadata
        .custom
        .insert("story".into(), "pier repairs".into());
    let path = dir.path().join("two stories.ron");
    lectern::store::save(&p, &path).expect("save");
    let mut h = support::open_in_window(&path);
    h.state_mut().run_command(Command::ToggleQuoteTracker);
    h.run();
    h.get_by_label_contains("4 statements from 10 quotes in 4 documents");

    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "compared across")
        .click();
    h.run();
    h.get_by_label("each story").click();
    h.run();
    h.get_by_label_contains("6 statements from 10 quotes in 4 documents");
    let alignment = h.state_mut().tracker_alignment();
    assert_eq!(alignment.group_names, ["island ferry", "pier repairs"]);
    let tribune = alignment.statement_of(SpanId(4001)).expect("statement");
    assert_eq!(tribune.versions.len(), 1);
    // The ferry statement is compared across the three island-ferry outlets only: the
    // tabloid is neither a version nor "not printed".
    h.get_by_label_contains("Brandvold — We’re not closing the ferry for good; we’re pausing")
        .click();
    h.run();
    h.get_by_label_contains("Printed in 3 of 3 compared documents");
    assert!(h.query_by_label("The Daily Tribune").is_none());
}

/// The pieces of painted text whose format `marked` picks, from the galley whose text
/// starts with `start` (a version's words as drawn in the window).
fn marked_text(
    h: &Harness<'_, Lectern>,
    start: &str,
    marked: impl Fn(&egui::TextFormat) -> bool,
) -> Vec<String> {
    fn texts(shape: &egui::Shape, out: &mut Vec<std::sync::Arc<egui::Galley>>) {
        match shape {
            egui::Shape::Vec(v) => v.iter().for_each(|s| texts(s, out)),
            egui::Shape::Text(t) => out.push(t.galley.clone()),
            _ => {}
        }
    }
    let mut galleys = Vec::new();
    for clipped in &h.output().shapes {
        texts(&clipped.shape, &mut galleys);
    }
    let galley = galleys
        .iter()
        .find(|g| g.job.text.starts_with(start))
        .unwrap_or_else(|| panic!("no text starting {start:?} painted"));
    galley
        .job
        .sections
        .iter()
        .filter(|s| marked(&s.format))
        .map(|s| galley.job.text[s.byte_range.start.0..s.byte_range.end.0].to_owned())
        .collect()
}

#[test]
fn versions_are_drawn_with_their_marks_paraphrases_with_the_words_they_share() {
    let mut h = story();
    h.get_by_label_contains("Brandvold — We’re not closing the ferry for good; we’re pausing")
        .click();
    h.run();
    h.get_by_label_contains("Against the fullest version: words left out");
    // The radio's reported speech: the content words it shares with the Courier's words.
    let shared = marked_text(&h, "the ferry would be paused", |f| {
        f.background != egui::Color32::TRANSPARENT
    });
    assert_eq!(shared, ["ferry", "paused", "pier", "rebuilt", "good"]);
    // The tabloid's cut: what it left out struck through where it was, nothing of its own.
    let struck = marked_text(&h, "We’re not closing the ferry for good ", |f| {
        f.strikethrough.width > 0.0
    });
    assert_eq!(struck, ["we’re pausing it for twenty-five weeks"]);
    let own = marked_text(&h, "We’re not closing the ferry for good ", |f| {
        f.underline.width > 0.0
    });
    assert!(own.is_empty(), "{own:?}");

    h.get_by_label_contains("Tomas Ferreira — This is a stone-cold")
        .click();
    h.run();
    let own = marked_text(&h, "This It’s", |f| f.underline.width > 0.0);
    assert_eq!(own, ["It’s"]);
}

#[test]
fn table_headers_line_up_with_their_cells_and_show_the_sort() {
    let mut h = story();
    h.get_by_label("All statements").click();
    h.run();
    // Text columns read from the left, header and cells alike.
    let header = h.get_by_label("Speaker").rect();
    let cell = h.get_by_label("Ilse Brandvold").rect();
    assert!(
        (header.left() - cell.left()).abs() <= 1.0,
        "header {header:?}, cell {cell:?}"
    );
    let header = h.get_by_label("Fullest version").rect();
    let cell = h
        .get_by_label("We’re not closing the harbour office; it stays open every weekday")
        .rect();
    assert!(
        (header.left() - cell.left()).abs() <= 1.0,
        "header {header:?}, cell {cell:?}"
    );
    // An outlet's kinds are buttons across its column: its name is centred over them.
    let header = h.get_by_label("Coastline FM").rect();
    for cell in h.get_all_by_label("paraphrase") {
        let cell = cell.rect();
        assert!(
            (header.center().x - cell.center().x).abs() <= 1.5,
            "header {header:?}, cell {cell:?}"
        );
    }
    // The column sorted by has an arrow after its name: up, then down when clicked again.
    assert_eq!(sort_arrow(&h, "Coastline FM"), None);
    h.get_by_label("Coastline FM").click();
    h.run();
    assert_eq!(sort_arrow(&h, "Coastline FM"), Some(true));
    h.get_by_label("Speaker").click();
    h.run();
    assert_eq!(sort_arrow(&h, "Coastline FM"), None);
    assert_eq!(sort_arrow(&h, "Speaker"), Some(true));
    for _ in 0..2 {
        h.get_by_label("Coastline FM").click();
        h.run();
    }
    assert_eq!(sort_arrow(&h, "Coastline FM"), Some(false));
    assert_eq!(sort_arrow(&h, "Speaker"), None);
}

/// The triangle painted right after the header `name`, if there is one: true when it
/// points up (ascending).
fn sort_arrow(h: &Harness<'_, Lectern>, name: &str) -> Option<bool> {
    fn triangles(shape: &egui::Shape, out: &mut Vec<Vec<egui::Pos2>>) {
        match shape {
            egui::Shape::Vec(v) => v.iter().for_each(|s| triangles(s, out)),
            egui::Shape::Path(p) if p.points.len() == 3 && p.closed => out.push(p.points.clone()),
            _ => {}
        }
    }
    let header = h.get_by_label(name).rect();
    let mut found = Vec::new();
    for clipped in &h.output().shapes {
        triangles(&clipped.shape, &mut found);
    }
    found
        .into_iter()
        .find(|points| {
            points.iter().all(|p| {
                p.x >= header.right() - 0.5
                    && p.x <= header.right() + 16.0
                    && (header.top()..=header.bottom()).contains(&p.y)
            })
        })
        .map(|points| {
            // Two points share the base; the third is the tip.
            let tip = if points[0].y == points[1].y {
                points[2]
            } else {
                points[0]
            };
            tip.y < points[1].y.max(points[0].y)
        })
}
