//! Corpus work in the window: a table of articles through File ▸ Add articles…, metadata
//! tables, label mapping on import, merging labels, the import report.

mod support;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};
use lectern::formats::ImportFormat;
use lectern::model::Project;
use lectern::ui::Lectern;
use lectern::ui::command::Command;
use std::path::Path;

/// A saved, empty project open in a 1280 × 800 window with Lectern's own path prompt.
fn harness(dir: &Path) -> Harness<'static, Lectern> {
    let path = dir.join("p.ron");
    lectern::store::save(&Project::new("Corpus test"), &path).expect("save");
    let mut app = Lectern::new(None);
    app.use_manual_clock();
    app.open_project_path(&path);
    assert!(app.finish_jobs());
    app.set_native_dialogs(false);
    support::window(app)
}

/// Types `path` into the path prompt and presses OK, then waits for the file job.
fn answer_prompt(h: &mut Harness<'static, Lectern>, path: &Path) {
    h.get_by_label("Path")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.run_steps(2);
    h.state_mut().finish_jobs();
    h.run();
}

#[test]
fn add_articles_with_a_table_adds_one_document_per_row_as_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let table = dir.path().join("corpus.csv");
    std::fs::write(
        &table,
        "\u{feff}title,text,outlet,wave\r\n\
         Bridge row,\"“It’s a disgrace,” said Ms\u{a0}Παπαδάκη.\r\nMore.\",Harbour Post,1\r\n\
         No text,,Tide Times,1\r\n\
         Ferry fares,Fares rise — again 😀,Tide Times,2\r\n",
    )
    .expect("write");
    let mut h = harness(dir.path());
    h.state_mut().run_command(Command::AddArticles);
    h.run();
    answer_prompt(&mut h, &table);
    let p = h.state().project();
    let titles: Vec<&str> = p.documents.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Bridge row", "Ferry fares"]);
    assert_eq!(p.documents[1].metadata.outlet, "Tide Times");
    assert_eq!(p.documents[1].metadata.custom["wave"], "2");
    assert_eq!(p.custom_fields, ["wave"]);
    let report = h
        .state()
        .report()
        .expect("the row without text is reported");
    assert!(
        report.lines.iter().any(|l| l.contains("row 3 has no text")),
        "{:?}",
        report.lines
    );
    h.get_by_label("OK").click();
    h.run();
    h.state_mut().run_command(Command::Undo);
    h.run();
    assert!(h.state().project().documents.is_empty());
    assert!(
        h.state().project().custom_fields.is_empty(),
        "the new field went with them"
    );
}

#[test]
fn an_import_shows_its_warnings_grouped_and_saves_the_full_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let brat = support::brat_with_events(dir.path());
    let mut h = harness(dir.path());
    h.state_mut().import_paths(ImportFormat::Brat, &[brat]);
    h.run_steps(2);
    h.state_mut().finish_jobs();
    h.run();
    h.get_by_label("Import").click();
    h.run();
    let report = h.state().warning_report().expect("a report window");
    assert_eq!(report.warnings.len(), 13);
    // Both kinds are one line each; the rare one is open and shows its line.
    h.get_by_label("1 × malformed lines or items, not imported");
    let events = "12 × brat events became relations from their trigger span";
    h.get_by_label(events).click();
    h.run();
    assert!(
        h.query_all_by_label_contains("became 2 relation(s)")
            .count()
            >= 3,
        "the group opens onto its warnings"
    );
    h.get_by_label("Save the full list…").click();
    h.run();
    let list = dir.path().join("warnings.txt");
    // The prompt offers a name in the current folder; put ours in its place.
    h.get_by_label("Path")
        .set_text_value_accesskit(&list.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let text = std::fs::read_to_string(&list).expect("the list was written");
    assert_eq!(text.matches("became 2 relation(s)").count(), 12);
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().warning_report().is_none());
}

#[test]
fn a_metadata_table_is_matched_shown_applied_as_one_step_and_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles: Vec<std::path::PathBuf> = ["harbour_bridge", "tide_ferry", "agora_market"]
        .iter()
        .enumerate()
        .map(|(i, stem)| {
            let path = dir.path().join(format!("{stem}.txt"));
            std::fs::write(&path, format!("Article {i}: “quoted” — Ωμέγα\n")).expect("write");
            path
        })
        .collect();
    let table = dir.path().join("metadata.tsv");
    std::fs::write(
        &table,
        "filename\tpublisher\tpublication_date\twire\n\
         harbour_bridge\tHarbour Post\t2024-05-01\tAP\n\
         tide_ferry\tTide Times\t2024-05-03\t\n\
         tide_ferry\tOther Times\t2024-05-04\t\n\
         unknown_story\tNowhere News\t2024-05-05\t\n",
    )
    .expect("write");
    let mut h = harness(dir.path());
    h.state_mut().add_article_paths(&articles);
    h.run_steps(2);
    h.state_mut().finish_jobs();
    h.run();
    assert_eq!(h.state().project().documents.len(), 3);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import metadata table…").click();
    h.run();
    answer_prompt(&mut h, &table);
    assert!(h.state().metadata_import().is_some(), "the dialog waits");
    h.get_by_label("1 of 3 documents matched a row of the table (4 rows); 1 changed");
    assert_eq!(
        h.state().project().documents[0].metadata.outlet,
        "",
        "nothing changes before Import"
    );
    h.get_by_label("Import").click();
    h.run();
    let p = h.state().project();
    assert_eq!(p.documents[0].metadata.outlet, "Harbour Post");
    assert_eq!(p.documents[0].metadata.date, "2024-05-01");
    assert_eq!(p.documents[0].metadata.custom["wire"], "AP");
    assert_eq!(
        p.documents[1].metadata.outlet, "",
        "a key matching twice changes nothing"
    );
    let report = h.state().warning_report().expect("what did not match");
    let texts: Vec<&str> = report.warnings.iter().map(|w| w.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("matched by row 3 and row 4")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("\"unknown_story\" matches no document")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("agora_market.txt): no row matched")),
        "{texts:?}"
    );
    h.state_mut().run_command(Command::Undo);
    h.run();
    let p = h.state().project();
    assert_eq!(p.documents[0].metadata.outlet, "");
    assert!(
        p.custom_fields.is_empty(),
        "one step, the new field included"
    );
}

#[test]
fn the_import_dialog_maps_types_to_labels_or_drops_them_before_anything_is_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let brat = support::brat_with_events(dir.path());
    let mut h = harness(dir.path());
    h.state_mut().import_paths(ImportFormat::Brat, &[brat]);
    h.run_steps(2);
    h.state_mut().finish_jobs();
    h.run();
    let review = h.state().import_review().expect("the dialog");
    let types: Vec<(&str, usize)> = review.types.iter().map(|t| (t.0.as_str(), t.1)).collect();
    assert_eq!(types, [("Content", 12), ("Cue", 12), ("Source", 12)]);
    // Content becomes the existing quote label; Cue is left out.
    h.get_by_label("Content").click();
    h.run();
    h.get_by_label("label “quote”").click();
    h.run();
    h.get_by_label("Cue").click();
    h.run();
    h.get_by_label("nothing (leave out)").click();
    h.run();
    assert!(h.state().project().documents.is_empty(), "nothing yet");
    h.get_by_label("Import").click();
    h.run();
    let p = h.state().project();
    let d = &p.documents[0];
    let quotes = d.spans.iter().filter(|s| s.label == "quote").count();
    assert_eq!((quotes, d.spans.len()), (12, 24));
    assert!(
        d.spans
            .iter()
            .all(|s| s.label != "Cue" && s.label != "Content")
    );
    assert!(p.label("Cue").is_none() && p.label("Content").is_none());
    assert!(p.label("Source").is_some(), "kept as a new label");
    assert!(
        d.relations.is_empty(),
        "the events' relations started at the dropped cues"
    );
    let report = h.state().warning_report().expect("report");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.text.contains("type \"Cue\" dropped: 12 span(s)"))
    );
    h.state_mut().run_command(Command::Undo);
    h.run();
    assert!(h.state().project().documents.is_empty());
}

#[test]
fn merging_a_label_in_the_codebook_moves_its_spans_in_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("m.ron");
    let mut p = Project::new("Merge test");
    let mut content = p.labels[0].clone();
    content.name = "Content".into();
    content.hotkey = "5".into();
    content.attributes = vec![lectern::model::AttributeDef::text("source_id")];
    p.labels.push(content);
    p.documents.push(lectern::model::Document::new(
        lectern::model::DocId(1),
        "Bridge row",
        "Ms Ωμέγα said “no” — and “never” 😀.",
    ));
    support::mark(
        &mut p,
        lectern::model::DocId(1),
        &[("Content", "“no”"), ("Content", "“never”")],
    );
    p.documents[0].spans[0]
        .attributes
        .insert("source_id".into(), "T1".into());
    lectern::store::save(&p, &path).expect("save");
    let mut h = support::open_in_window(&path);
    h.state_mut().run_command(Command::EditCodebook);
    h.run();
    let merge_buttons: Vec<_> = h.get_all_by_label("Merge into…").collect();
    assert_eq!(merge_buttons.len(), 5, "one per label");
    merge_buttons[4].scroll_to_me();
    h.run();
    let merge_buttons: Vec<_> = h.get_all_by_label("Merge into…").collect();
    merge_buttons[4].click();
    h.run();
    h.get_by_label("Merge label “Content” into…");
    h.get_by_label("“quote”").click();
    h.run();
    h.get_by_label("Merge").click();
    h.run();
    let p = h.state().project();
    assert!(p.label("Content").is_none());
    let spans = &p.documents[0].spans;
    assert!(spans.iter().all(|s| s.label == "quote"), "{spans:?}");
    assert_eq!(spans[0].attributes["source_id"], "T1", "attributes kept");
    assert_eq!(
        h.state().session().history.undo_description(),
        Some("Merge label 'Content' into 'quote'")
    );
    h.state_mut().run_command(Command::Undo);
    h.run();
    let p = h.state().project();
    assert!(p.label("Content").is_some());
    assert!(p.documents[0].spans.iter().all(|s| s.label == "Content"));
}

/// A project with the default labels plus `extra` more (12 in all with 8), one document
/// with one annotation, open in a 1280 × 800 window.
fn labelled_window(dir: &Path, extra: usize) -> Harness<'static, Lectern> {
    let path = dir.join("labels.ron");
    let mut p = Project::new("Labels test");
    for i in 0..extra {
        let mut label = p.labels[0].clone();
        label.name = format!("frame {}", i + 1);
        label.hotkey = String::new();
        p.labels.push(label);
    }
    p.documents.push(lectern::model::Document::new(
        lectern::model::DocId(1),
        "Bridge row",
        "Ms Ωμέγα said “no” — and “never” 😀.",
    ));
    support::mark(&mut p, lectern::model::DocId(1), &[("quote", "“no”")]);
    lectern::store::save(&p, &path).expect("save");
    support::open_in_window(&path)
}

/// Where the annotation list starts: the top of its heading.
fn list_top(h: &Harness<'static, Lectern>) -> f32 {
    h.get_by_label("Annotations (1)").rect().min.y
}

#[test]
fn with_twelve_labels_the_palette_and_filter_stay_compact_and_the_list_keeps_the_panel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let four = list_top(&labelled_window(dir.path(), 0));
    let mut h = labelled_window(dir.path(), 8);
    let twelve = list_top(&h);
    // Twelve full-width rows would push the list down by eight more rows (over 200 px);
    // the wrapped, bounded palette and the one-line filter keep it close to where four
    // labels put it, in the upper half of an 800 px window.
    assert!(twelve < 400.0 && twelve - four < 100.0, "{four} → {twelve}");
    // Every label can still be applied from the palette: the last one labels the
    // selected annotation.
    h.get_by_label("quote: “no”").click();
    h.run();
    let palette_button = |h: &Harness<'static, Lectern>| {
        h.get(by().role(Role::Button).label_contains("frame 8"))
            .rect()
    };
    h.get(by().role(Role::Button).label_contains("frame 8"))
        .scroll_to_me();
    h.run();
    // Its name is on one line and inside the window.
    let rect = palette_button(&h);
    assert!(rect.height() < 40.0 && rect.max.x <= 1280.0, "{rect:?}");
    h.get(by().role(Role::Button).label_contains("frame 8"))
        .click();
    h.run();
    assert_eq!(h.state().project().documents[0].spans[0].label, "frame 8");
    // The filter is one menu that says how many labels are shown.
    h.get_by_label("all labels").click();
    h.run();
    h.get_by_label("None").click();
    h.run();
    h.get_by_label("frame 8").click();
    h.run();
    assert!(h.query_by_label("1 of 12 labels").is_some());
    assert!(
        h.query_by_label("No annotations with the labels shown.")
            .is_none()
    );
}
