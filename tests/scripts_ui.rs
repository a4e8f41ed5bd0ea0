//! World scripts in the window, driven like a user would: double-click a word, drag across
//! a change of direction, shift+click, the boundary keys and the direction setting, on
//! Arabic, Hebrew, Persian, Hindi and Chinese articles (invented news sentences). Every
//! check is on the code points that end up selected or labelled.

use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::model::{DocId, Document, Project, TextDirection};
use lectern::ui::Lectern;

mod support;

/// "Reuters reported that 25 journalists met in Doha on Sunday, according to www.alqalam.example."
const ARABIC: &str = "أفادت وكالة Reuters أن 25 صحفيا اجتمعوا في الدوحة يوم الأحد، وفق «القلم» www.alqalam.example.\n\
وقال المتحدث إن الاجتماع استمر ثلاث ساعات.";
/// "The spokesman told Reuters that 300 residents were evacuated."
const HEBREW: &str = "הדובר אמר ל-Reuters כי 300 תושבים פונו מבתיהם.";
/// "The minister said that 15 new schools will open in 2024, Reuters reported."
const HINDI: &str = "मंत्री ने कहा कि 2024 में 15 नए स्कूल खोले जाएंगे, Reuters ने बताया।";
/// "Xinhua, Beijing, 5 March: about 120 journalists attended the briefing, Reuters reported."
const CHINESE: &str = "新华社北京3月5日电，据路透社报道，约有120名记者参加了发布会。";
const ENGLISH: &str = "The harbour board met on Tuesday, a spokesman said.";

fn window_with(title: &str, text: &str) -> (tempfile::TempDir, Harness<'static, Lectern>) {
    let mut p = Project::new("Scripts");
    p.documents.push(Document::new(DocId(1), title, text));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    lectern::store::save(&p, &path).expect("save fixture");
    let h = support::open_in_window(&path);
    (dir, h)
}

fn char_index(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle")].chars().count()
}

fn center(h: &Harness<'_, Lectern>, c: usize) -> Pos2 {
    h.state()
        .char_rect(c)
        .expect("code point on screen")
        .center()
}

fn double_click(h: &mut Harness<'_, Lectern>, at: Pos2) {
    for _ in 0..2 {
        h.hover_at(at);
        h.run();
        h.drag_at(at);
        h.run();
        h.drop_at(at);
        h.run();
    }
}

use support::drag;

fn doc<'a>(h: &'a Harness<'_, Lectern>) -> &'a Document {
    &h.state().project().documents[0]
}

#[test]
fn arabic_lines_are_right_aligned_and_read_right_to_left() {
    let (_dir, h) = window_with("القلم", ARABIC);
    let view = h.get_by_role(Role::Document).rect();
    let first = h.state().char_rect(0).expect("first letter");
    // The first letter sits at the right end of the text column, the next to its left.
    assert!(
        first.max.x > view.center().x + 150.0,
        "{first:?} in {view:?}"
    );
    assert!(center(&h, 1).x < center(&h, 0).x);
    // The second paragraph starts at the same right edge.
    let second = char_index(ARABIC, "وقال");
    let r = h.state().char_rect(second).expect("second paragraph");
    assert!((r.max.x - first.max.x).abs() < 1.0, "{r:?} vs {first:?}");
}

#[test]
fn double_click_on_an_arabic_word_then_a_label_key_labels_that_word() {
    let (_dir, mut h) = window_with("القلم", ARABIC);
    let word = char_index(ARABIC, "الدوحة");
    let at = center(&h, word + 2);
    double_click(&mut h, at);
    assert_eq!(h.state().selection(), Some(word..word + 6));
    h.key_press(Key::Num1);
    h.run();
    let s = &doc(&h).spans;
    assert_eq!(
        s.len(),
        1,
        "a label key after a double-click labels the word"
    );
    assert_eq!(
        (s[0].start, s[0].end, s[0].text.as_str()),
        (word, word + 6, "الدوحة")
    );
}

#[test]
fn drag_from_an_arabic_word_into_a_latin_name_selects_the_code_points_between() {
    let (_dir, mut h) = window_with("القلم", ARABIC);
    let a = char_index(ARABIC, "وكالة");
    let r = char_index(ARABIC, "Reuters");
    // From the right edge of "و" (where reading the Arabic word starts) to the middle of
    // the "t" of Reuters.
    let from = h.state().char_rect(a).expect("waw");
    let t = h.state().char_rect(r + 4).expect("t");
    drag(
        &mut h,
        pos2(from.max.x - 0.5, from.center().y),
        pos2(t.max.x - 0.5, t.center().y),
    );
    assert_eq!(h.state().selection(), Some(a..r + 5));
    h.key_press(Key::Num4);
    h.run();
    // With snap to words on (the default), the partly dragged Latin word is taken whole.
    assert_eq!(doc(&h).spans[0].text, "وكالة Reuters");
}

#[test]
fn shift_click_extends_an_arabic_selection_by_code_points() {
    let (_dir, mut h) = window_with("القلم", ARABIC);
    let word = char_index(ARABIC, "صحفيا");
    let at = center(&h, word + 1);
    double_click(&mut h, at);
    assert_eq!(h.state().selection(), Some(word..word + 5));
    let day = char_index(ARABIC, "يوم");
    let at = h.state().char_rect(day + 2).expect("end of يوم");
    // The left side of the last letter of يوم is the boundary after it.
    let click = pos2(at.min.x + 0.5, at.center().y);
    h.hover_at(click);
    h.run();
    for pressed in [true, false] {
        let event = egui::Event::PointerButton {
            pos: click,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::SHIFT,
        };
        h.event_modifiers(event, Modifiers::SHIFT);
        h.run();
    }
    assert_eq!(h.state().selection(), Some(word..day + 3));
}

#[test]
fn boundary_keys_move_an_arabic_edge_the_way_the_arrow_points() {
    let (_dir, mut h) = window_with("القلم", ARABIC);
    let word = char_index(ARABIC, "الدوحة");
    let at = center(&h, word + 2);
    double_click(&mut h, at);
    h.key_press(Key::Num1);
    h.run();
    let span = doc(&h).spans[0].clone();
    h.state_mut().handle_select(span.id);
    h.run();
    // In right-to-left text the end is on the left: Alt+← moves it one code point later.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run();
    assert_eq!(doc(&h).spans[0].end, word + 7);
    // Alt+→ takes it back.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    assert_eq!(doc(&h).spans[0].end, word + 6);
    // Ctrl+Alt+← moves it to the end of the next word: "يوم".
    h.key_press_modifiers(Modifiers::ALT | Modifiers::COMMAND, Key::ArrowLeft);
    h.run();
    assert_eq!(doc(&h).spans[0].text, "الدوحة يوم");
}

#[test]
fn hebrew_double_click_and_number_order() {
    let (_dir, mut h) = window_with("ידיעות", HEBREW);
    let n = char_index(HEBREW, "300");
    assert!(
        center(&h, n).x < center(&h, n + 2).x,
        "digits left to right"
    );
    let word = char_index(HEBREW, "תושבים");
    let at = center(&h, word + 3);
    double_click(&mut h, at);
    assert_eq!(h.state().selection(), Some(word..word + 6));
}

#[test]
fn hindi_double_click_takes_the_whole_word_with_its_vowel_signs() {
    let (_dir, mut h) = window_with("समाचार", HINDI);
    let word = char_index(HINDI, "स्कूल");
    let at = center(&h, word + 1);
    double_click(&mut h, at);
    assert_eq!(h.state().selection(), Some(word..word + 5));
}

#[test]
fn the_direction_setting_right_aligns_an_english_article_and_undoes() {
    let (_dir, mut h) = window_with("Harbour", ENGLISH);
    let left = h.state().char_rect(0).expect("T").min.x;
    h.get_by_label("right to left").click();
    h.run();
    h.run();
    assert_eq!(doc(&h).direction, TextDirection::RightToLeft);
    let moved = h.state().char_rect(0).expect("T").min.x;
    assert!(moved > left + 100.0, "{left} -> {moved}");
    // The full stop ends the sentence, so in a right-to-left paragraph it is on the left.
    let stop = ENGLISH.chars().count() - 1;
    assert!(center(&h, stop).x < center(&h, 0).x);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.run();
    assert_eq!(doc(&h).direction, TextDirection::Auto);
    assert!((h.state().char_rect(0).expect("T").min.x - left).abs() < 0.5);
}

#[test]
fn chinese_double_click_selects_one_ideograph_and_missing_fonts_are_named() {
    let mut p = Project::new("Scripts");
    p.documents.push(Document::new(DocId(1), "新华社", CHINESE));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    lectern::store::save(&p, &path).expect("save fixture");
    let mut app = Lectern::new(None);
    app.use_manual_clock();
    app.open_project_path(&path);
    assert!(app.finish_jobs());
    // No CJK font in a headless test: the window must say what to install.
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(1.0 / 60.0)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut Lectern| app.ui(ui), app);
    h.run();
    assert!(
        h.state().status().contains("fonts-noto-cjk"),
        "{}",
        h.state().status()
    );
    let c = char_index(CHINESE, "记者");
    let at = center(&h, c);
    double_click(&mut h, at);
    assert_eq!(h.state().selection(), Some(c..c + 1));
}
