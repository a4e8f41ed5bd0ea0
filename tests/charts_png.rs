//! A chart's PNG drawn from its marks: bars in their colour where the SVG puts them on a
//! white page, its size at scale 1 and 2, text drawn where its label is and as the label
//! says, in Latin, Greek, Cyrillic, Arabic, Hebrew and Devanagari, right to left where the
//! script runs so.

use image::RgbaImage;
use lectern::analysis::chart::{
    Anchor, BarMark, Chart, Ink, LineMark, Mark, PngError, Rgb, TextMark,
};

const WHITE: [u8; 4] = [255, 255, 255, 255];

fn page(width: f32, height: f32, marks: Vec<Mark>) -> Chart {
    Chart {
        title: "test".to_owned(),
        width,
        height,
        marks,
    }
}

fn label(text: &str, x: f32, anchor: Anchor) -> Mark {
    Mark::Text(TextMark {
        x,
        y: 30.0,
        text: text.to_owned(),
        size: 14.0,
        bold: false,
        anchor,
        ink: Ink::Text,
        angle_deg: 0.0,
    })
}

fn draw(chart: &Chart, scale: f32) -> RgbaImage {
    let png = chart.to_png(scale).expect("a PNG");
    image::load_from_memory(&png).expect("decodes").to_rgba8()
}

/// Pixels that are not the white page inside `x0..x1` × `y0..y1`.
fn inked(image: &RgbaImage, x0: u32, x1: u32, y0: u32, y1: u32) -> usize {
    (x0..x1)
        .flat_map(|x| (y0..y1).map(move |y| (x, y)))
        .filter(|&(x, y)| image.get_pixel(x, y).0 != WHITE)
        .count()
}

#[test]
fn a_bar_is_its_colour_where_it_stands_and_the_page_is_white_elsewhere() {
    let fill = Rgb([0x00, 0x72, 0xb2]);
    let bar = BarMark {
        x: 40.0,
        y: 20.0,
        w: 100.0,
        h: 30.0,
        fill,
        name: "bar".to_owned(),
        value: 1.0,
        spans: Vec::new(),
    };
    let chart = page(200.0, 80.0, vec![Mark::Bar(bar)]);
    for scale in [1.0, 2.0] {
        let image = draw(&chart, scale);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let at = |x: f32, y: f32| image.get_pixel((x * scale) as u32, (y * scale) as u32).0;
        for (x, y) in [(41.0, 21.0), (90.0, 35.0), (139.0, 49.0)] {
            assert_eq!(at(x, y), [0x00, 0x72, 0xb2, 255], "bar at {x},{y} ×{scale}");
        }
        for (x, y) in [
            (1.0, 1.0),
            (38.0, 35.0),
            (142.0, 35.0),
            (90.0, 18.0),
            (90.0, 52.0),
        ] {
            assert_eq!(at(x, y), WHITE, "page at {x},{y} ×{scale}");
        }
    }
}

#[test]
fn the_image_is_the_chart_s_size_times_the_scale() {
    let chart = page(300.4, 120.0, Vec::new());
    let one = draw(&chart, 1.0);
    assert_eq!((one.width(), one.height()), (301, 120));
    let two = draw(&chart, 2.0);
    assert_eq!((two.width(), two.height()), (602, 240));
    assert!(matches!(
        page(0.0, 10.0, Vec::new()).to_png(2.0),
        Err(PngError::Size(0, 20))
    ));
    assert!(matches!(
        page(15_000.0, 10.0, Vec::new()).to_png(2.0),
        Err(PngError::Size(30_000, 20))
    ));
}

#[test]
fn a_dashed_line_has_gaps_and_a_solid_one_none() {
    let line = |dashed| {
        Mark::Line(LineMark {
            from: (10.0, 20.5),
            to: (110.0, 20.5),
            ink: Ink::Text,
            dashed,
        })
    };
    let solid = draw(&page(120.0, 40.0, vec![line(false)]), 1.0);
    let dashed = draw(&page(120.0, 40.0, vec![line(true)]), 1.0);
    let on = |image: &RgbaImage| {
        (10..110)
            .filter(|x| image.get_pixel(*x, 20).0[0] < 128)
            .count()
    };
    assert!(on(&solid) >= 99, "{}", on(&solid));
    // 4 on, 3 off.
    let dashes = on(&dashed);
    assert!((50..70).contains(&dashes), "{dashes} px of 100 drawn");
}

#[test]
fn text_is_drawn_where_its_label_is_and_as_it_reads() {
    let alpha = draw(
        &page(200.0, 60.0, vec![label("Alpha", 20.0, Anchor::Start)]),
        2.0,
    );
    // Where the label is (from x = 20, around y = 30, at twice the size): ink.
    assert!(inked(&alpha, 40, 140, 44, 76) > 300);
    // Left of its start, above and below it: the page.
    assert_eq!(inked(&alpha, 0, 38, 0, 120), 0);
    assert_eq!(inked(&alpha, 0, 400, 0, 36), 0);
    assert_eq!(inked(&alpha, 0, 400, 84, 120), 0);
    // Another word draws another picture; the same word the same one.
    let omega = draw(
        &page(200.0, 60.0, vec![label("Omega", 20.0, Anchor::Start)]),
        2.0,
    );
    assert_ne!(alpha, omega);
    let again = draw(
        &page(200.0, 60.0, vec![label("Alpha", 20.0, Anchor::Start)]),
        2.0,
    );
    assert_eq!(alpha, again);
    // Anchored at its end, the text ends at x.
    let end = draw(
        &page(200.0, 60.0, vec![label("Alpha", 180.0, Anchor::End)]),
        2.0,
    );
    assert!(inked(&end, 300, 362, 44, 76) > 300);
    assert_eq!(inked(&end, 364, 400, 0, 120), 0);
    assert_eq!(inked(&end, 0, 200, 0, 120), 0);
}

#[test]
fn every_script_the_app_handles_is_drawn_with_its_own_glyphs() {
    // Two different words of the same length: missing-glyph boxes would draw both alike.
    let pairs = [
        ("Αθήνα", "Σπάρτ"),
        ("Москва", "Париж!"),
        ("سلام", "كتاب"),
        ("שלום", "ספרי"),
        ("नमस्ते", "सरकार"),
    ];
    for (a, b) in pairs {
        assert_drawn_differently(a, b);
    }
}

/// `a` is drawn, and not as `b` is (missing-glyph boxes would draw both alike).
fn assert_drawn_differently(a: &str, b: &str) {
    let one = draw(&page(200.0, 60.0, vec![label(a, 20.0, Anchor::Start)]), 2.0);
    let two = draw(&page(200.0, 60.0, vec![label(b, 20.0, Anchor::Start)]), 2.0);
    assert!(inked(&one, 40, 300, 36, 84) > 200, "{a} is drawn");
    assert_ne!(one, two, "{a} and {b} differ");
}

#[test]
fn right_to_left_words_start_at_the_right() {
    // Alef alone, and alef first in a Hebrew word: both end at x, so the word's
    // rightmost letter must be the alef (left to right it would be a bet).
    let draw_end = |text| {
        draw(
            &page(200.0, 60.0, vec![label(text, 180.0, Anchor::End)]),
            2.0,
        )
    };
    let alef = draw_end("א");
    let first = draw_end("אבבבב");
    let last = draw_end("בבבבא");
    // The alef's own columns: where the single alef has ink.
    let cols: Vec<u32> = (0..400)
        .filter(|x| inked(&alef, *x, x + 1, 0, 120) > 0)
        .collect();
    assert!(cols.len() > 6, "{cols:?}");
    let (x0, x1) = (cols[0] + 2, cols[cols.len() - 1] - 1);
    let diff = |image: &RgbaImage| -> u32 {
        (x0..x1)
            .flat_map(|x| (0..120).map(move |y| (x, y)))
            .map(|(x, y)| u32::from(image.get_pixel(x, y).0[0].abs_diff(alef.get_pixel(x, y).0[0])))
            .sum()
    };
    let (same, other) = (diff(&first), diff(&last));
    assert!(same * 4 < other, "alef first: {same}; alef last: {other}");
}

/// Whether the machine has a font for every character of `words`; if not, says why the
/// test is skipped (and fails under CI, whose machine has the fonts).
fn system_has_fonts_for(words: &[&str], what: &str) -> bool {
    use lectern::text::fonts::{SANS, bundled};
    use lectern::text::system_fonts::system_font_for;
    let lacking = words.iter().flat_map(|w| w.chars()).find(|&c| {
        !SANS.covers(c) && !bundled().iter().any(|f| f.covers(c)) && system_font_for(c).is_none()
    });
    let Some(c) = lacking else {
        return true;
    };
    let reason = format!("SKIPPED: no installed font has {c:?} ({what}); install fonts-noto-cjk");
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{reason}");
    eprintln!("{reason}");
    false
}

#[test]
fn chinese_japanese_and_korean_are_drawn_in_an_installed_font() {
    // Two different words each: missing-glyph boxes would draw both alike.
    let pairs = [
        ("北京", "上海", "Chinese"),
        ("東京の", "大阪で", "Japanese"),
        ("서울", "부산", "Korean"),
    ];
    for (a, b, what) in pairs {
        if !system_has_fonts_for(&[a, b], what) {
            continue;
        }
        assert_drawn_differently(a, b);
    }
}

#[test]
fn latin_after_chinese_is_in_the_window_s_font_and_emoji_are_drawn() {
    if !system_has_fonts_for(&["人😀"], "Chinese and emoji") {
        return;
    }
    // "Reuters" after a Han character is drawn as "Reuters" alone is (Ubuntu), so the
    // right part of the two pictures matches.
    let mixed = draw(
        &page(300.0, 60.0, vec![label("人 Reuters", 280.0, Anchor::End)]),
        2.0,
    );
    let latin = draw(
        &page(300.0, 60.0, vec![label("Reuters", 280.0, Anchor::End)]),
        2.0,
    );
    // The same glyphs, a fraction of a pixel apart at most (the sums of advances differ).
    let differing = (470..570)
        .flat_map(|x| (30..90).map(move |y| (x, y)))
        .filter(|&(x, y)| {
            let (m, l) = (mixed.get_pixel(x, y).0, latin.get_pixel(x, y).0);
            m.iter().zip(l).any(|(a, b)| a.abs_diff(b) > 40)
        })
        .count();
    assert!(differing < 20, "{differing} pixels differ");
    let smile = draw(
        &page(200.0, 60.0, vec![label("😀", 20.0, Anchor::Start)]),
        2.0,
    );
    let party = draw(
        &page(200.0, 60.0, vec![label("人", 20.0, Anchor::Start)]),
        2.0,
    );
    assert!(inked(&smile, 40, 300, 36, 84) > 50, "the emoji is drawn");
    assert_ne!(smile, party);
}

#[test]
fn a_character_no_font_has_is_a_box_not_an_error() {
    // U+0378 is unassigned: no font, bundled or installed, has it.
    assert!(lectern::text::system_fonts::system_font_for('\u{378}').is_none());
    let boxed = draw(
        &page(200.0, 60.0, vec![label("\u{378}", 20.0, Anchor::Start)]),
        2.0,
    );
    assert!(inked(&boxed, 40, 300, 20, 100) > 20, "a box is drawn");
}
