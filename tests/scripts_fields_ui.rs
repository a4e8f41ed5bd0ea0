//! One-line text fields with Arabic and Hebrew typed in, as a user would: type, move the
//! caret with the arrows, click between letters, drag and double-click to select — the
//! stored value is what was typed (logical order), the field shows it in reading order
//! (right-aligned, the first word on the right, "Reuters" and numbers left to right inside
//! it) and every caret and selection lands on the code points under the pointer.
//! A field alone (`bidi_field::singleline`) and the app's search box and Title field.

use egui::accesskit::Role;
use egui::text::{CCursorRange, Galley};
use egui::{Event, Key, Modifiers, Pos2, Rect, Shape, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::model::{DocId, Document, Project};
use lectern::ui::Lectern;
use lectern::ui::bidi_field;
use std::sync::Arc;

mod support;

/// "The spokesman told Reuters that 25 journalists met."
const ARABIC: &str = "قال المتحدث لوكالة Reuters إن 25 صحفيا اجتمعوا";
/// "The spokesman said that 300 residents were evacuated."
const HEBREW: &str = "הדובר אמר כי 300 תושבים פונו";

/// What the field showed in the last frame.
#[derive(Default)]
struct Field {
    text: String,
    galley: Option<Arc<Galley>>,
    galley_pos: Pos2,
    rect: Option<Rect>,
    cursor: Option<CCursorRange>,
    fonts: bool,
}

const FIELD: &str = "field under test";

fn field_window(text: &str) -> Harness<'static, Field> {
    let field = Field {
        text: text.to_owned(),
        ..Default::default()
    };
    Harness::builder()
        .with_size([500.0, 80.0])
        // Real frame times, so two clicks in a row count as a double-click.
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            |ui, f: &mut Field| {
                if !f.fonts {
                    // As the app does on its first frame: Arabic and Hebrew fonts, in use
                    // from the next frame on.
                    lectern::ui::text_layout::install_fonts(ui.ctx());
                    f.fonts = true;
                    return;
                }
                let label = ui.label("Search");
                let out =
                    bidi_field::singleline(ui, &mut f.text, ui.make_persistent_id(FIELD), |e| {
                        e.desired_width(400.0)
                    });
                out.response.response.labelled_by(label.id);
                f.galley = Some(out.galley.clone());
                f.galley_pos = out.galley_pos;
                f.rect = Some(out.text_clip_rect);
                f.cursor = out.state.cursor.char_range();
            },
            field,
        )
}

/// Screen x of the caret before code point `c`, as the field's galley places it.
fn caret_x(h: &Harness<'_, Field>, c: usize) -> f32 {
    let f = h.state();
    let galley = f.galley.as_ref().expect("laid out");
    f.galley_pos.x + galley.pos_from_cursor(egui::text::CCursor::new(c)).min.x
}

fn rect(h: &Harness<'_, Field>) -> Rect {
    h.state().rect.expect("shown")
}

fn cursor(h: &Harness<'_, Field>) -> (usize, usize) {
    let r = h.state().cursor.expect("a caret");
    (r.secondary.index.0, r.primary.index.0)
}

/// Every glyph of text painted in the last frame with the x of its centre.
fn painted(h: &Harness<'_, Field>) -> Vec<(char, f32)> {
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        if let Shape::Text(t) = &clipped.shape {
            for row in &t.galley.rows {
                for g in &row.row.glyphs {
                    let x = t.pos.x + row.pos.x + g.pos.x;
                    out.push((g.chr, x));
                }
            }
        }
    }
    out
}

/// The translucent rectangles painted over the field: the selection.
fn selection_rects(h: &Harness<'_, Field>) -> Vec<Rect> {
    let field = rect(h);
    h.output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            Shape::Rect(r) if r.fill.a() > 0 && r.fill.a() < 255 && field.intersects(r.rect) => {
                Some(r.rect)
            }
            _ => None,
        })
        .collect()
}

fn typed_into_empty_field(text: &str) -> Harness<'static, Field> {
    let mut h = field_window("");
    h.get_by_role_and_label(Role::TextInput, "Search").click();
    h.run();
    for word in text.split_inclusive(' ') {
        h.event(Event::Text(word.to_owned()));
        h.run();
    }
    h.run();
    h
}

#[test]
fn typed_arabic_is_stored_as_typed_and_shown_right_to_left() {
    let h = typed_into_empty_field(ARABIC);
    assert_eq!(h.state().text, ARABIC);
    let n = ARABIC.chars().count();
    // The first word is at the right, the end of the text (where the caret is) at the left.
    let (first, end) = (caret_x(&h, 0), caret_x(&h, n));
    assert!(first > end + 200.0, "first {first}, end {end}");
    assert!(first > rect(&h).right() - 12.0, "right-aligned: {first}");
    assert_eq!(cursor(&h), (n, n));
    // Inside, "Reuters" and "25" read left to right, Reuters right of 25 (after it).
    let r = ARABIC.chars().position(|c| c == 'R').expect("R");
    let two = ARABIC.chars().position(|c| c == '2').expect("2");
    assert!(caret_x(&h, r) < caret_x(&h, r + 1), "Reuters left to right");
    assert!(caret_x(&h, two) < caret_x(&h, two + 1), "25 left to right");
    assert!(
        caret_x(&h, r) > caret_x(&h, two),
        "Reuters comes first, on the right"
    );
    // egui's own editor painted 'ق' (the first letter) leftmost; now it is the rightmost.
    let glyphs = painted(&h);
    let x_of = |c: char| glyphs.iter().find(|(g, _)| *g == c).map(|(_, x)| *x);
    assert!(x_of('ق').expect("ق") > x_of('R').expect("R"));
}

#[test]
fn arrows_move_the_caret_the_way_they_point_in_a_right_to_left_field() {
    let mut h = typed_into_empty_field(HEBREW);
    let n = HEBREW.chars().count();
    assert_eq!(cursor(&h), (n, n));
    let before = caret_x(&h, n);
    // → moves toward the start of the Hebrew text, which is on the right.
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(cursor(&h), (n - 1, n - 1));
    assert!(caret_x(&h, n - 1) > before);
    h.key_press(Key::ArrowRight);
    h.run();
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(cursor(&h), (n - 1, n - 1));
    // Shift+→ selects the letter on the right of the caret, and it is that letter that
    // is highlighted.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(cursor(&h), (n - 1, n - 2));
    let marked = selection_rects(&h);
    assert_eq!(marked.len(), 1, "{marked:?}");
    let (left, right) = (caret_x(&h, n - 1), caret_x(&h, n - 2));
    assert!((marked[0].left() - left).abs() < 1.0, "{marked:?} {left}");
    assert!(
        (marked[0].right() - right).abs() < 1.0,
        "{marked:?} {right}"
    );
    // Typing replaces the selection in the stored text.
    h.event(Event::Text("ה".to_owned()));
    h.run();
    let expected: String = HEBREW.chars().take(n - 2).chain("הו".chars()).collect();
    assert_eq!(h.state().text, expected);
}

#[test]
fn a_click_between_arabic_letters_puts_the_caret_there() {
    let mut h = field_window(ARABIC);
    h.run();
    // On the boundary between the 5th and 6th code point ("قال ال|متحدث"), a hair to
    // its left: inside the 6th letter's glyph, at its right (leading) edge.
    let x = caret_x(&h, 5) - 0.5;
    let y = rect(&h).center().y;
    h.hover_at(pos2(x, y));
    h.run();
    h.drag_at(pos2(x, y));
    h.run();
    h.drop_at(pos2(x, y));
    h.run();
    h.run();
    assert_eq!(cursor(&h), (5, 5));
    h.event(Event::Text("ـ".to_owned()));
    h.run();
    let expected: String = ARABIC
        .chars()
        .take(5)
        .chain(['ـ'])
        .chain(ARABIC.chars().skip(5))
        .collect();
    assert_eq!(h.state().text, expected);
}

#[test]
fn dragging_and_double_clicking_select_the_code_points_under_the_pointer() {
    let mut h = field_window(ARABIC);
    h.run();
    let y = rect(&h).center().y;
    // Drag from the boundary before "المتحدث" (4) leftwards to the one after it (11).
    let (a, b) = (caret_x(&h, 4) - 1.0, caret_x(&h, 11) + 1.0);
    support::drag(&mut h, pos2(a, y), pos2(b, y));
    assert_eq!(cursor(&h), (4, 11));
    // Across the change of direction into "Reuters": the selection ends inside it.
    let r = ARABIC.chars().position(|c| c == 'R').expect("R");
    let (a, b) = (caret_x(&h, 12) - 1.0, caret_x(&h, r + 3) + 1.0);
    support::drag(&mut h, pos2(a, y), pos2(b, y));
    assert_eq!(cursor(&h), (12, r + 3));
    // A double-click on a word selects the whole word.
    let w = ARABIC
        .find("صحفيا")
        .map(|b| ARABIC[..b].chars().count())
        .expect("word");
    let at = pos2((caret_x(&h, w + 2) + caret_x(&h, w + 3)) / 2.0, y);
    for _ in 0..2 {
        h.hover_at(at);
        h.run();
        h.drag_at(at);
        h.run();
        h.drop_at(at);
        h.run();
    }
    h.run();
    assert_eq!(cursor(&h), (w, w + 5));
}

#[test]
fn a_long_right_to_left_value_shows_its_beginning_until_it_is_edited() {
    let long = format!("{ARABIC} {ARABIC}");
    let n = long.chars().count();
    let mut h = field_window(&long);
    h.run();
    let field = rect(&h);
    // The start is on the right, inside the field; the end is cut off on the left.
    assert!(
        field.x_range().contains(caret_x(&h, 0)),
        "{}",
        caret_x(&h, 0)
    );
    assert!(caret_x(&h, n) < field.left(), "{}", caret_x(&h, n));
    // A click on the fourth letter from the right puts the caret there.
    let x = caret_x(&h, 3) - 0.5;
    let y = field.center().y;
    h.hover_at(pos2(x, y));
    h.run();
    h.drag_at(pos2(x, y));
    h.run();
    h.drop_at(pos2(x, y));
    h.run();
    h.run();
    assert_eq!(cursor(&h), (3, 3));
    assert!(field.x_range().contains(caret_x(&h, 3)));
}

#[test]
fn english_fields_are_laid_out_as_egui_does() {
    let h = typed_into_empty_field("The harbour board");
    let n = "The harbour board".chars().count();
    assert!(caret_x(&h, 0) < caret_x(&h, n));
    assert!(caret_x(&h, 0) < rect(&h).left() + 12.0, "left-aligned");
}

fn app_with_arabic_article() -> (tempfile::TempDir, Harness<'static, Lectern>) {
    let mut p = Project::new("Scripts");
    p.documents
        .push(Document::new(DocId(1), "تقرير Reuters لعام 2024", ARABIC));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    lectern::store::save(&p, &path).expect("save fixture");
    let h = support::open_in_window(&path);
    (dir, h)
}

#[test]
fn the_search_box_shows_typed_arabic_in_reading_order_and_finds_it() {
    let (_dir, mut h) = app_with_arabic_article();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.run();
    h.event(Event::Text("لوكالة Reuters".to_owned()));
    h.run();
    h.run();
    let field = h
        .get_by_role_and_label(Role::TextInput, "Search document")
        .rect();
    // In the box, the Arabic word (typed first) is right of "Reuters".
    let mut xs: Vec<(char, f32)> = Vec::new();
    for clipped in &h.output().shapes {
        if let Shape::Text(t) = &clipped.shape {
            for row in &t.galley.rows {
                for g in &row.row.glyphs {
                    let at = t.pos + row.pos.to_vec2() + g.pos.to_vec2();
                    if field.expand(4.0).contains(at) {
                        xs.push((g.chr, at.x));
                    }
                }
            }
        }
    }
    let x = |c: char| xs.iter().find(|(g, _)| *g == c).map(|(_, x)| *x);
    assert!(
        x('ك').expect("ك in the box") > x('R').expect("R in the box"),
        "{xs:?}"
    );
    assert!(h.state().status().contains('1') || !h.state().status().contains("No match"));
}

#[test]
fn the_title_field_is_edited_in_reading_order_and_typing_appends_at_end() {
    let (_dir, mut h) = app_with_arabic_article();
    h.get_by_role_and_label(Role::TextInput, "Title").click();
    h.run();
    h.key_press(Key::End);
    h.run();
    h.event(Event::Text(" جديد".to_owned()));
    h.run();
    h.run();
    assert_eq!(
        h.state().project().documents[0].title,
        "تقرير Reuters لعام 2024 جديد"
    );
}
