//! Right-to-left text outside the document view, in the window as a user sees it: the
//! annotation list rows, the selected annotation in the side panel, search results in
//! context and adjudication, on Arabic and Hebrew articles (invented news sentences).
//!
//! Each check reads where the glyphs were painted: a Latin name and a number embedded in
//! right-to-left text keep their logical order ("Reuters" before "25") but in a
//! right-to-left line the earlier one is on the right. egui alone would paint them left to
//! right, so each assertion fails if the view stops going through the bidi layout.

use egui::epaint::Shape;
use egui::{Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::analysis::{MergeSource, merge};
use lectern::model::{DocId, Document, Project};
use lectern::ui::Lectern;
use lectern::ui::command::Command;

mod support;

/// "The spokesman told Reuters that 25 journalists met in the Doha hall on Sunday."
const ARABIC: &str = "قال المتحدث لوكالة Reuters إن 25 صحفيا اجتمعوا في قاعة Doha يوم الأحد.";
/// "The spokesman told Reuters that 300 residents were evacuated from their homes."
const HEBREW: &str = "הדובר אמר ל-Reuters כי 300 תושבים פונו מבתיהם.";

fn project_with(title: &str, text: &str) -> Project {
    let mut p = Project::new("Scripts");
    p.documents.push(Document::new(DocId(1), title, text));
    p
}

fn open(p: &Project) -> (tempfile::TempDir, Harness<'static, Lectern>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    lectern::store::save(p, &path).expect("save fixture");
    let h = support::open_in_window(&path);
    (dir, h)
}

/// Every glyph painted in the last frame: its character and the centre of its advance,
/// in window coordinates.
fn glyphs(h: &Harness<'_, Lectern>) -> Vec<(char, Pos2)> {
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk_glyphs(&clipped.shape, &mut out);
    }
    out
}

/// The glyphs of `shape`, as in [`glyphs`].
fn walk_glyphs(shape: &Shape, out: &mut Vec<(char, Pos2)>) {
    match shape {
        Shape::Vec(v) => v.iter().for_each(|s| walk_glyphs(s, out)),
        Shape::Text(t) => {
            for row in &t.galley.rows {
                for g in &row.row.glyphs {
                    let at = t.pos + row.pos.to_vec2() + g.pos.to_vec2();
                    out.push((g.chr, egui::pos2(at.x + g.advance_width / 2.0, at.y)));
                }
            }
        }
        _ => {}
    }
}

/// The x of the first glyph `c` painted inside `rect` (a little taller, for baselines).
fn x_of(h: &Harness<'_, Lectern>, rect: Rect, c: char) -> f32 {
    let area = rect.expand2(egui::vec2(0.0, 6.0));
    glyphs(h)
        .into_iter()
        .find(|(g, at)| *g == c && area.contains(*at))
        .map(|(_, at)| at.x)
        .unwrap_or_else(|| panic!("no {c:?} painted in {rect:?}"))
}

/// The x of the first glyph of each of `chars` inside `rect`, all from one piece of
/// text: the topmost painted that has them all (a window over the document view hides
/// it; a count beside a row is another piece).
fn xs_in_one_text(h: &Harness<'_, Lectern>, rect: Rect, chars: &[char]) -> Vec<f32> {
    let area = rect.expand2(egui::vec2(0.0, 6.0));
    let shapes = &h.output().shapes;
    shapes
        .iter()
        .rev()
        .find_map(|clipped| {
            let mut found = Vec::new();
            walk_glyphs(&clipped.shape, &mut found);
            let x = |c: &char| {
                found
                    .iter()
                    .find(|(g, at)| g == c && area.contains(*at))
                    .map(|(_, at)| at.x)
            };
            chars.iter().map(x).collect::<Option<Vec<f32>>>()
        })
        .unwrap_or_else(|| panic!("no text with {chars:?} painted in {rect:?}"))
}

/// Asserts that in `rect` the "R" of Reuters is right of the first digit `digit`, as
/// in a right-to-left line (egui alone puts it left).
fn assert_reads_right_to_left(h: &Harness<'_, Lectern>, rect: Rect, digit: char, what: &str) {
    let xs = xs_in_one_text(h, rect, &['R', digit]);
    let (r, d) = (xs[0], xs[1]);
    assert!(
        r > d,
        "{what}: “Reuters” (x {r}) should be right of “{digit}” (x {d})"
    );
}

#[test]
fn annotation_list_rows_and_the_selected_annotation_read_right_to_left() {
    let mut p = project_with("تقرير", ARABIC);
    support::mark(&mut p, DocId(1), &[("quote", "لوكالة Reuters إن 25 صحفيا")]);
    let (_dir, mut h) = open(&p);
    let row = h.get_by_label_contains("لوكالة Reuters إن").rect();
    assert_reads_right_to_left(&h, row, '2', "annotation list row");

    // Selecting it shows its text in the side panel, in the same order.
    h.get_by_label_contains("لوكالة Reuters إن").click();
    h.run();
    h.run();
    assert!(h.state().selected_span().is_some());
    let quoted = h.get_by_label("“لوكالة Reuters إن 25 صحفيا”").rect();
    assert_reads_right_to_left(&h, quoted, '2', "selected annotation");
}

#[test]
fn hebrew_rows_in_the_annotation_list_read_right_to_left() {
    let mut p = project_with("ידיעות", HEBREW);
    support::mark(&mut p, DocId(1), &[("claim", "ל-Reuters כי 300 תושבים")]);
    let (_dir, h) = open(&p);
    let row = h.get_by_label_contains("ל-Reuters כי 300").rect();
    assert_reads_right_to_left(&h, row, '3', "Hebrew annotation list row");
}

#[test]
fn search_results_in_context_read_right_to_left_with_the_text_before_on_the_right() {
    let mut p = project_with("تقرير", ARABIC);
    // A second article, so the project-wide results show a title column.
    p.documents.push(Document::new(
        DocId(2),
        "تقرير Reuters لعام 2024",
        "وقال رئيس اللجنة إن 40 صحفيا حضروا.",
    ));
    let (_dir, mut h) = open(&p);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run();
    h.event(egui::Event::Text("صحفيا".to_owned()));
    h.run();
    h.run();
    assert_eq!(h.state().search_matches().len(), 2);
    let row = h.get_by_label_contains("25 [صحفيا]").rect();
    // Inside the context before the match: Reuters, then 25, right to left.
    assert_reads_right_to_left(&h, row, '2', "search result");
    // The text before the match is on its right, the text after ("Doha") on its left.
    let (two, d) = (x_of(&h, row, '2'), x_of(&h, row, 'D'));
    assert!(
        two > d,
        "context before (x {two}) should be right of context after (x {d})"
    );
    // The document's title, in the title column at the left of the row, is laid out
    // right to left too.
    let other = h.get_by_label_contains("40 [صحفيا]").rect();
    let title = Rect::from_x_y_ranges(other.left()..=other.left() + 200.0, other.y_range());
    assert_reads_right_to_left(&h, title, '2', "title “تقرير Reuters لعام 2024”");
}

/// Two coders' projects on the same Arabic article, merged, opened in a wide window.
fn adjudication_window() -> (tempfile::TempDir, Harness<'static, Lectern>) {
    let coder = |spans: &[(&str, &str)]| {
        let mut p = project_with("تقرير", ARABIC);
        support::mark(&mut p, DocId(1), spans);
        p
    };
    let sources = [
        MergeSource {
            fallback: "coder-a".to_owned(),
            project: coder(&[("quote", "لوكالة Reuters إن 25 صحفيا")]),
        },
        MergeSource {
            fallback: "coder-b".to_owned(),
            project: coder(&[("claim", "Reuters إن 25 صحفيا اجتمعوا")]),
        },
    ];
    let merged = merge("merged", &sources);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("merged.ron");
    lectern::store::save(&merged.project, &path).expect("save");
    let mut app = Lectern::new(None);
    app.use_manual_clock();
    app.open_project_path(&path);
    assert!(app.finish_jobs());
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut Lectern| app.ui(ui), app);
    h.run();
    h.state_mut().run_command(Command::ToggleAdjudication);
    h.run();
    h.run();
    (dir, h)
}

#[test]
fn adjudication_rows_and_coder_columns_read_right_to_left() {
    let (_dir, h) = adjudication_window();
    h.get_by_label_contains("2 disagreements open");
    for text in [
        "“لوكالة Reuters إن 25 صحفيا”",
        "“Reuters إن 25 صحفيا اجتمعوا”",
    ] {
        let row = h.get_by_label(text).rect();
        assert_reads_right_to_left(&h, row, '2', text);
    }
    // Each coder's column shows the article right-aligned and right to left, the
    // column's first letter at its right edge.
    let columns: Vec<Rect> = h
        .get_all_by_label(ARABIC)
        .map(|n| n.rect())
        .filter(|r| r.width() < 700.0)
        .collect();
    assert_eq!(columns.len(), 2, "{columns:?}");
    for col in columns {
        assert_reads_right_to_left(&h, col, '2', "coder column");
        let rightmost = glyphs(&h)
            .into_iter()
            .filter(|(_, at)| col.contains(*at))
            .map(|(_, at)| at.x)
            .fold(f32::MIN, f32::max);
        assert!(
            rightmost > col.right() - 25.0,
            "right-aligned: last glyph at {rightmost} in {col:?}"
        );
    }
}

#[test]
fn right_to_left_fields_read_in_order_also_while_edited() {
    use egui::accesskit::Role;
    let title = "تقرير Reuters لعام 2024";
    let mut p = project_with(title, ARABIC);
    p.documents[0].memo = HEBREW.to_owned();
    let (_dir, mut h) = open(&p);
    let field = h.get_by_role_and_label(Role::TextInput, "Title").rect();
    assert_reads_right_to_left(&h, field, '2', "Title field");
    let memo = h
        .get_by_role_and_label(Role::MultilineTextInput, "Memo")
        .rect();
    assert_reads_right_to_left(&h, memo, '3', "Memo field");

    // A one-line field reads right to left in the editor itself while it is typed in.
    h.get_by_role_and_label(Role::TextInput, "Title").click();
    h.run();
    h.key_press(egui::Key::End);
    h.run();
    h.event(egui::Event::Text(" جديد".to_owned()));
    h.run();
    h.run();
    let typed = format!("{title} جديد");
    assert_eq!(h.state().project().documents[0].title, typed);
    let field = h.get_by_role_and_label(Role::TextInput, "Title").rect();
    assert_reads_right_to_left(&h, field, '2', "edited Title field");

    // A multi-line field shows the text once more in reading order under its editor.
    h.get_by_role_and_label(Role::MultilineTextInput, "Memo")
        .click();
    h.run();
    h.run();
    h.event(egui::Event::Text(" א".to_owned()));
    h.run();
    let memo = h
        .get_by_role_and_label(Role::MultilineTextInput, "Memo")
        .rect();
    let below = Rect::from_x_y_ranges(memo.x_range(), memo.bottom() + 6.0..=memo.bottom() + 26.0);
    assert_reads_right_to_left(&h, below, '3', "reading line under the edited memo");
}

/// Two outlets printing the same Arabic statement, one whole and one cut, each quote
/// with its speaker.
fn tracker_project() -> Project {
    // "… told Reuters that 25 journalists met in the Doha hall on Sunday."
    let whole = "لوكالة Reuters إن 25 صحفيا اجتمعوا في قاعة Doha يوم الأحد";
    let cut = "Reuters إن 25 صحفيا اجتمعوا في قاعة Doha";
    let mut p = Project::new("Scripts");
    let texts = [
        ("تقرير", "القلم", format!("قال المتحدث {whole}.")),
        ("خبر", "الشرق", format!("وقال المتحدث ل{cut} أمس.")),
    ];
    for (i, (title, outlet, text)) in texts.iter().enumerate() {
        let id = DocId(i as u32 + 1);
        let mut d = Document::new(id, *title, text);
        d.metadata.outlet = (*outlet).to_owned();
        p.documents.push(d);
        support::mark(&mut p, id, &[("quote", if i == 0 { whole } else { cut })]);
        p.documents[i].spans[0]
            .attributes
            .insert("speaker".to_owned(), "سامي الحداد".to_owned());
    }
    p
}

#[test]
fn quote_tracker_list_and_versions_read_right_to_left() {
    let (_dir, mut h) = open(&tracker_project());
    h.state_mut().run_command(Command::ToggleQuoteTracker);
    h.run();
    h.run();
    let row = h.get_by_label_contains("سامي الحداد — ").rect();
    assert_reads_right_to_left(&h, row, '2', "tracker list row");
    h.get_by_label_contains("سامي الحداد — ").click();
    h.run();
    h.run();
    h.get_by_label_contains("Printed in 2 of 2 compared documents");
    // Each outlet's version, its marks drawn under it, reads right to left.
    let versions: Vec<Rect> = h
        .get_all_by_label_contains("إن 25 صحفيا اجتمعوا في قاعة Doha")
        .map(|n| n.rect())
        .filter(|r| r.height() < 200.0)
        .collect();
    assert!(versions.len() >= 2, "{versions:?}");
    for v in versions {
        assert_reads_right_to_left(&h, v, '2', "tracker version");
        // Doha comes after 25 in reading order: left of it.
        let xs = xs_in_one_text(&h, v, &['D', '2']);
        assert!(xs[0] < xs[1], "Doha left of 25 in {v:?}: {xs:?}");
    }
}
