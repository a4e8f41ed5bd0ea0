//! Layout and hit-testing on every script the view supports, with invented news
//! sentences: right-to-left order, right alignment, numbers and Latin names inside
//! Arabic, drags across a direction change, and English laid out exactly as egui does.

use super::*;
use egui::pos2;

/// Runs `f` with egui's fonts plus the bundled ones and the CJK test subsets
/// (`scripts/make-test-fonts`) in place of the system's, headless.
fn with_fonts<R>(f: impl FnOnce(&mut FontsView<'_>) -> R) -> R {
    let ctx = egui::Context::default();
    let mut defs = fonts::definitions();
    for (name, bytes) in [
        (
            "test-sc",
            &include_bytes!("../../../tests/fixtures/fonts/NotoSansSC-test-subset.otf")[..],
        ),
        (
            "test-jp",
            &include_bytes!("../../../tests/fixtures/fonts/NotoSansJP-test-subset.otf")[..],
        ),
    ] {
        let data = egui::epaint::text::FontData::from_owned(bytes.to_vec());
        defs.font_data.insert(name.to_owned(), Arc::new(data));
        if let Some(chain) = defs.families.get_mut(&egui::FontFamily::Proportional) {
            chain.push(name.to_owned());
        }
    }
    ctx.set_fonts(defs);
    let mut f = Some(f);
    let mut out = None;
    let mut frame = ctx.run_ui(egui::RawInput::default(), |ui| {
        if let Some(f) = f.take() {
            out = Some(ui.fonts_mut(f));
        }
    });
    frame.textures_delta.clear();
    out.expect("one pass")
}

fn style(width: f32) -> ParaStyle {
    ParaStyle {
        font_id: FontId::proportional(16.0),
        color: Color32::BLACK,
        line_px: 22.0,
        width,
    }
}

fn lay(text: &str, width: f32, rtl: bool) -> ParaLayout {
    with_fonts(|f| ParaLayout::new(f, text, &style(width), rtl))
}

fn char_index(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).expect("needle");
    text[..byte].chars().count()
}

fn center(l: &ParaLayout, c: usize) -> Pos2 {
    l.char_rect(c).expect("char on screen").center()
}

/// Every visible code point is found again at the centre of its own rectangle.
fn assert_hit_tests_round_trip(l: &ParaLayout, text: &str) {
    for (c, ch) in text.chars().enumerate() {
        let Some(r) = l.char_rect(c) else { continue };
        if r.width() < 1.0 || ch.is_whitespace() {
            continue;
        }
        assert_eq!(l.char_at(r.center()), Some(c), "{ch:?} at {c}");
    }
}

// "Reuters reported that 25 journalists met in Doha on Sunday."
const ARABIC: &str = "أفادت وكالة Reuters أن 25 صحفيا اجتمعوا في الدوحة يوم الأحد.";
// "The minister said: “the budget will grow by 12% in 1403”, according to www.irna.example."
const PERSIAN: &str =
    "وزیر گفت: «بودجه در سال ۱۴۰۳ حدود ۱۲٪ افزایش می‌یابد» به گزارش www.irna.example";
// "The committee's report was published in Lahore on Monday (Dawn)."
const URDU: &str = "کمیٹی کی رپورٹ پیر کو لاہور میں شائع ہوئی (Dawn)۔";
// "The spokesman told Reuters that 300 residents were evacuated."
const HEBREW: &str = "הדובר אמר ל-Reuters כי 300 תושבים פונו מבתיהם.";
const CHINESE: &str = "新华社北京3月5日电，据路透社报道，约有120名记者参加了发布会。";
const JAPANESE: &str = "ロイター通信によると、東京で3日に200人が「平和」を訴えた。";
const HINDI: &str = "मंत्री ने कहा कि 2024 में 15 नए स्कूल खोले जाएंगे, Reuters ने बताया।";

#[test]
fn english_is_laid_out_exactly_as_egui_does() {
    let text = "The mayor’s “plan” — announced on Tuesday by Ωmega Holdings — was praised. 🙂";
    let (ours, theirs) = with_fonts(|f| {
        let s = style(200.0);
        (
            ParaLayout::new(f, text, &s, false),
            f.layout_job(s.job(text)),
        )
    });
    assert!(Arc::ptr_eq(ours.galley(), &theirs));
    assert!(ours.line_ranges().len() > 2);
    for c in [0, 5, 30, 60] {
        let egui_pos = theirs.pos_from_cursor(egui::text::CCursor::new(c)).min;
        assert!((ours.caret_rect(c).min.x - egui_pos.x).abs() < 0.01);
        let probe = egui_pos + vec2(0.5, 5.0);
        assert_eq!(
            ours.boundary_at(probe),
            theirs.cursor_from_pos(probe.to_vec2()).index.0,
            "{c}"
        );
    }
    assert_hit_tests_round_trip(&ours, text);
}

#[test]
fn arabic_reads_right_to_left_and_is_right_aligned() {
    let l = lay(ARABIC, 2000.0, true);
    assert!(l.is_rtl());
    let first = l.char_rect(0).expect("first letter");
    // The first letter is at the right end of the line; each next one is further left.
    assert!((first.max.x - 2000.0).abs() < 1.0, "{first:?}");
    for c in 0..4 {
        assert!(center(&l, c + 1).x < center(&l, c).x, "{c}");
    }
    // The full stop ends the sentence: on the far left.
    let stop = ARABIC.chars().count() - 1;
    let leftmost = (0..stop)
        .map(|c| center(&l, c).x)
        .fold(f32::INFINITY, f32::min);
    assert!(center(&l, stop).x < leftmost);
    assert_hit_tests_round_trip(&l, ARABIC);
}

#[test]
fn latin_names_and_numbers_read_left_to_right_inside_arabic() {
    let l = lay(ARABIC, 2000.0, true);
    let r = char_index(ARABIC, "Reuters");
    for c in r..r + 6 {
        assert!(center(&l, c).x < center(&l, c + 1).x, "Reuters at {c}");
    }
    let n = char_index(ARABIC, "25");
    assert!(center(&l, n).x < center(&l, n + 1).x);
    // "Reuters" comes after "وكالة" in reading order: to its left.
    let agency = char_index(ARABIC, "وكالة");
    assert!(center(&l, r + 6).x < center(&l, agency).x);
    // …and the number after "Reuters": further left again.
    assert!(center(&l, n + 1).x < center(&l, r).x);
}

#[test]
fn a_range_across_a_direction_change_is_several_rectangles() {
    let l = lay(ARABIC, 2000.0, true);
    // From inside "وكالة" to inside "Reuters": the end of an Arabic word on the right
    // and the start of the Latin word on its left, with the space in between.
    let a = char_index(ARABIC, "وكالة") + 2;
    let b = char_index(ARABIC, "Reuters") + 3;
    let rects = l.range_rects(a, b);
    assert_eq!(rects.len(), 2, "{rects:?}");
    assert!(rects[0].max.x < rects[1].min.x + 0.5);
    // The Latin part covers "Reu": it starts at the left edge of "R".
    let r = l.char_rect(b - 3).expect("R");
    assert!((rects[0].min.x - r.min.x).abs() < 0.5);
    // A drag from the Arabic word to the Latin word selects exactly those code points.
    let from = l.edge(a, false).expect("a").0;
    let to = l.edge(b - 1, true).expect("b").0;
    let y = rects[0].center().y;
    assert_eq!(l.boundary_at(pos2(from, y)), a);
    assert_eq!(l.boundary_at(pos2(to, y)), b);
}

#[test]
fn clicking_either_side_of_an_arabic_letter_gives_the_boundary_before_or_after() {
    let l = lay(ARABIC, 2000.0, true);
    let c = char_index(ARABIC, "صحفيا") + 2;
    let r = l.char_rect(c).expect("letter");
    let y = r.center().y;
    // Right side of a right-to-left letter is where it starts.
    assert_eq!(l.boundary_at(pos2(r.max.x - 0.5, y)), c);
    assert_eq!(l.boundary_at(pos2(r.min.x + 0.5, y)), c + 1);
}

#[test]
fn long_arabic_paragraphs_wrap_with_each_line_right_aligned() {
    let text = [ARABIC; 6].join(" ");
    let l = lay(&text, 300.0, true);
    let lines = l.line_ranges();
    assert!(lines.len() >= 6, "{lines:?}");
    assert_eq!(lines[0].0.start, 0);
    for w in lines.windows(2) {
        assert_eq!(w[0].0.end, w[1].0.start);
        assert!(w[0].1 < w[1].1);
    }
    for (range, _) in &lines[..lines.len() - 1] {
        let right = range
            .clone()
            .filter_map(|c| l.char_rect(c))
            .map(|r| r.max.x)
            .fold(0.0, f32::max);
        assert!((right - 300.0).abs() < 1.0, "{range:?} ends at {right}");
    }
    assert_hit_tests_round_trip(&l, &text);
}

#[test]
fn persian_and_urdu_keep_their_digits_url_and_brackets_in_order() {
    let l = lay(PERSIAN, 2000.0, true);
    let d = char_index(PERSIAN, "۱۴۰۳");
    for c in d..d + 3 {
        assert!(center(&l, c).x < center(&l, c + 1).x, "digit {c}");
    }
    let url = char_index(PERSIAN, "www");
    assert!(center(&l, url).x < center(&l, url + 4).x);
    assert_hit_tests_round_trip(&l, PERSIAN);

    let l = lay(URDU, 2000.0, true);
    let dawn = char_index(URDU, "Dawn");
    let open = dawn - 1;
    // The opening bracket comes first in reading order: right of "Dawn".
    assert!(center(&l, open).x > center(&l, dawn + 3).x);
    assert_hit_tests_round_trip(&l, URDU);
}

#[test]
fn hebrew_reads_right_to_left_with_its_number_left_to_right() {
    let l = lay(HEBREW, 2000.0, true);
    assert!(center(&l, 1).x < center(&l, 0).x);
    let n = char_index(HEBREW, "300");
    assert!(center(&l, n).x < center(&l, n + 2).x);
    assert_hit_tests_round_trip(&l, HEBREW);
}

#[test]
fn arabic_inside_an_english_paragraph_is_reversed_in_place() {
    let text = "The outlet Al Qalam (القلم اليومية) published 3 reports.";
    let l = lay(text, 2000.0, false);
    assert!(!l.is_rtl());
    let a = char_index(text, "القلم");
    assert!(center(&l, a + 1).x < center(&l, a).x);
    assert!(center(&l, 0).x < center(&l, a).x);
    let published = char_index(text, "published");
    assert!(center(&l, published).x > center(&l, a).x);
    assert_hit_tests_round_trip(&l, text);
}

/// The character drawn at the centre of code point `c`'s rectangle.
fn glyph_at(l: &ParaLayout, c: usize) -> char {
    let at = center(l, c);
    l.galley()
        .rows
        .iter()
        .flat_map(|r| r.row.glyphs.iter().map(move |g| (r.pos, g)))
        .find(|(pos, g)| (pos.x + g.pos.x..pos.x + g.pos.x + g.advance_width).contains(&at.x))
        .map(|(_, g)| g.chr)
        .expect("a glyph there")
}

#[test]
fn guillemets_around_an_arabic_quote_in_english_stay_outside_it_unmirrored() {
    // "The minister told the Al-Qalam Daily: «we will open 15 new schools» in 2025."
    let text = "The minister told the Al-Qalam Daily: «سنفتح 15 مدرسة جديدة» in 2025.";
    let l = lay(text, 2000.0, false);
    let (open, close) = (char_index(text, "«"), char_index(text, "»"));
    let (first, last) = (open + 1, close - 1);
    // « then the quote (its first word rightmost) then », left to right.
    assert!(center(&l, open).x < center(&l, last).x);
    assert!(center(&l, last).x < center(&l, first).x);
    assert!(center(&l, first).x < center(&l, close).x);
    assert_eq!(glyph_at(&l, open), '«');
    assert_eq!(glyph_at(&l, close), '»');
}

#[test]
fn chinese_and_japanese_lines_break_between_characters() {
    for text in [CHINESE, JAPANESE] {
        let l = lay(text, 120.0, false);
        let lines = l.line_ranges();
        assert!(lines.len() > 2, "{lines:?}");
        let chars: Vec<char> = text.chars().collect();
        // A break falls between two ideographs or kana, not only at punctuation.
        assert!(
            lines.iter().skip(1).any(|(r, _)| {
                let (a, b) = (chars[r.start - 1], chars[r.start]);
                a.is_alphanumeric() && b.is_alphanumeric()
            }),
            "{lines:?}"
        );
        // Never a closing mark at the start of a line.
        for (r, _) in &lines {
            assert!(!"、。，」".contains(chars[r.start]), "{r:?}");
        }
    }
}

/// "The computer system stopped. 'Just a moment,' the official said (Kyodo). According to
/// the news, the server's memory had run short." — long vowels, small kana, brackets.
const JAPANESE_KINSOKU: &str = "コンピューターのシステムが止まった。「ちょっと待って」と担当者は言った（共同）。\
ニュースによると、サーバーのメモリーが不足していたという。ジョッキーやシェフ、チョコレート、\
ウィーンのフェスティバルにも影響が出ている。";

#[test]
fn japanese_lines_keep_the_line_start_and_line_end_rules_at_every_width() {
    let chars: Vec<char> = JAPANESE_KINSOKU.chars().collect();
    let one = lay("東", 1000.0, false).char_rect(0).expect("東").width();
    assert!(one > 8.0, "the test font draws 東: {one}");
    let mut widths_seen = 0;
    // From four characters wide (a narrower column could not keep 「ちょっ together).
    for glyphs in 4..40 {
        let l = lay(JAPANESE_KINSOKU, one * glyphs as f32 + 0.3 * one, false);
        let lines = l.line_ranges();
        assert!(
            lines.len() > 1,
            "{glyphs} ({one}): {lines:?} {:?}",
            l.size()
        );
        widths_seen += 1;
        for (r, _) in &lines {
            let first = chars[r.start];
            assert!(
                !"ーゃゅょっャュョッァィゥェォ。、」）".contains(first),
                "{glyphs} glyphs wide: a line starts with {first} ({r:?})"
            );
            if r.end < chars.len() {
                let last = chars[r.end - 1];
                assert!(!"「（".contains(last), "{glyphs}: a line ends with {last}");
            }
            assert!(
                l.range_rects(r.start, r.end)
                    .iter()
                    .all(|q| q.width() <= l.size().x + 0.5)
            );
        }
        assert_hit_tests_round_trip(&l, JAPANESE_KINSOKU);
    }
    assert!(widths_seen > 30);
    // egui's own wrapping, which the view used before, breaks these rules.
    let egui_breaks_them = (4..40).any(|glyphs| {
        let width = one * glyphs as f32 + 0.3 * one;
        let galley = with_fonts(|f| f.layout_job(style(width).job(JAPANESE_KINSOKU)));
        galley.rows.iter().skip(1).any(|r| {
            r.glyphs
                .first()
                .is_some_and(|g| "ーゃゅょっャュョッァィゥェォ。、」）".contains(g.chr))
        })
    });
    assert!(egui_breaks_them);
}

#[test]
fn hindi_is_laid_out_left_to_right_and_hit_tests() {
    let l = lay(HINDI, 2000.0, false);
    assert!(!l.is_rtl());
    assert!(center(&l, 0).x < center(&l, char_index(HINDI, "कहा")).x);
    let n = char_index(HINDI, "Reuters");
    assert_eq!(l.char_at(center(&l, n)), Some(n));
}

#[test]
fn an_empty_paragraph_has_one_empty_line() {
    let l = lay("", 300.0, true);
    assert_eq!(l.char_len(), 0);
    assert_eq!(l.boundary_at(pos2(10.0, 5.0)), 0);
    assert!(l.range_rects(0, 0).is_empty());
}

#[test]
fn snippets_keep_english_as_is_and_lay_right_to_left_lines_out_in_order() {
    let ctx = egui::Context::default();
    install_fonts(&ctx);
    let mut frame = ctx.run_ui(egui::RawInput::default(), |ui| {
        let english = snippet_text(ui, "The mayor’s plan", egui::TextStyle::Body, 200.0);
        assert_eq!(english.text(), "The mayor’s plan");
        assert!(!matches!(english, egui::WidgetText::Galley(_)));
        // Two paragraphs, unwrapped: the Arabic one right-aligned to the wider line.
        let text = format!("{HEBREW}\nshort");
        let g = snippet_galley(
            ui,
            &text,
            FontId::proportional(14.0),
            Color32::BLACK,
            f32::INFINITY,
        );
        let width = g.rect.width();
        let first_row = g.rows.iter().map(|r| r.rect().max.x).fold(0.0, f32::max);
        assert!((first_row - width).abs() < 1.0, "{first_row} of {width}");
        assert!(
            g.rows.iter().any(|r| r.rect().min.y > 10.0),
            "second paragraph below"
        );
    });
    frame.textures_delta.clear();
}

#[test]
fn an_arabic_comma_at_a_line_end_stays_against_its_word() {
    // "... wages have not risen since 2021, while the union called ..."
    let text = "لم ترتفع الأجور منذ عام 2021، فيما دعت النقابة إلى اجتماع";
    let comma = char_index(text, "،");
    // A width that ends the first line just after the comma and its space.
    let one_line = lay(text, 2000.0, true);
    let upto: f32 = one_line
        .range_rects(0, comma + 1)
        .iter()
        .map(|r| r.width())
        .sum();
    let l = lay(text, upto + 2.0, true);
    assert_eq!(l.line_ranges()[0].0, 0..comma + 2, "{:?}", l.line_ranges());
    let c = l.char_rect(comma).expect("comma");
    // "2021" reads left to right: its first digit is the one beside the comma.
    let two = l.char_rect(comma - 4).expect("2");
    assert!(
        (c.max.x - two.min.x).abs() < 0.5,
        "comma {c:?} against 2 {two:?}"
    );
    // The glyph drawn there is the comma, not the space.
    assert_eq!(glyph_at(&l, comma), '،');
}
