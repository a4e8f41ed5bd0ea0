//! Snapshot images of the document view on each script (Arabic, Hebrew, Arabic with
//! English and numbers, Chinese, Japanese, Hindi — invented news sentences), rendered by
//! wgpu (Mesa's llvmpipe on a machine without a GPU) and compared with the images in
//! `tests/snapshots/`. A change in line order, alignment, joining, highlight geometry or
//! the fonts shows up as a failed comparison with a `.diff.png` beside the image.
//!
//! Only the document view is compared (the window is cropped to it), so a change to the
//! panels around it does not touch these images. Chinese and Japanese come from tiny
//! font subsets in `tests/fixtures/fonts/` (made by `scripts/make-test-fonts`), given to
//! egui as a font provider the way the system's fonts are in the app.
//!
//! After a deliberate change of the view: `UPDATE_SNAPSHOTS=1 cargo test --test
//! scripts_snapshots`, then look at every changed image before committing it.

use egui::FontFamily;
use egui::accesskit::Role;
use egui::epaint::text::{
    FallbackRequest, FontData, FontInsert, FontPriority, FontProvider, InsertFontFamily,
};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::model::{DocId, Document, Project};
use lectern::ui::Lectern;
use std::sync::Arc;

mod support;

/// "Reuters reported that 25 journalists met in Doha on Sunday, according to «Al-Qalam»."
/// and "The spokesman said the meeting lasted three hours."
const ARABIC: &str = "أفادت وكالة Reuters أن 25 صحفيا اجتمعوا في الدوحة يوم الأحد، وفق «القلم».\n\
وقال المتحدث إن الاجتماع استمر ثلاث ساعات، وإن الجلسة التالية ستعقد في 12 آذار.";
/// "The spokesman told Reuters that 300 residents were evacuated from their homes in Haifa."
const HEBREW: &str = "הדובר אמר ל-Reuters כי 300 תושבים פונו מבתיהם בחיפה.\n\
לדבריו, \"המצב נמצא בשליטה\" והתושבים יחזרו ביום ראשון.";
/// An English paragraph quoting Arabic, and an Arabic one with English and numbers.
const MIXED: &str = "The minister told the Al-Qalam Daily: «سنفتح 15 مدرسة جديدة» in 2025.\n\
قالت شركة Harbour Lines إن أرباحها بلغت 4.5 مليون دولار في 2024 (+12%).";
/// "Xinhua, Beijing, 5 March: about 120 journalists attended the briefing, Reuters
/// reported." — three times in one paragraph, so lines break between characters.
const CHINESE: &str = "新华社北京3月5日电，据路透社报道，约有120名记者参加了发布会。\
新华社北京3月5日电，据路透社报道，约有120名记者参加了发布会。\
新华社北京3月5日电，据路透社报道，约有120名记者参加了发布会。";
/// "According to Reuters, 200 people called for «peace» in Tokyo on the 3rd." (×3)
const JAPANESE: &str = "ロイター通信によると、東京で3日に200人が「平和」を訴えた。\
ロイター通信によると、東京で3日に200人が「平和」を訴えた。\
ロイター通信によると、東京で3日に200人が「平和」を訴えた。";
/// "The minister said that 15 new schools will open in 2024, Reuters reported."
const HINDI: &str = "मंत्री ने कहा कि 2024 में 15 नए स्कूल खोले जाएंगे, Reuters ने बताया।\n\
नगर निगम के अनुसार शहर में 300 परिवारों को नए घर मिले।";

/// The subsets of Noto Sans CJK, found for a character no installed font has, the way
/// the system's fonts are found in the app (each subset has only its sentence's
/// characters).
struct TestCjkFonts;

impl FontProvider for TestCjkFonts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let c = request.cluster.chars().next()?;
        let (name, bytes): (&str, &'static [u8]) = if CHINESE.contains(c) {
            (
                "test-sc",
                include_bytes!("fixtures/fonts/NotoSansSC-test-subset.otf"),
            )
        } else if JAPANESE.contains(c) {
            (
                "test-jp",
                include_bytes!("fixtures/fonts/NotoSansJP-test-subset.otf"),
            )
        } else {
            return None;
        };
        Some(FontInsert {
            name: name.to_owned(),
            data: FontData::from_static(bytes),
            families: vec![InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Lowest,
            }],
        })
    }
}

/// A project of one article `text` with the span `marked` labelled a quote, opened in
/// a 1280 × 520 window whose fonts include the CJK test subsets.
fn window(title: &str, text: &str, marked: &str) -> (tempfile::TempDir, Harness<'static, Lectern>) {
    let mut p = Project::new("Scripts");
    p.documents.push(Document::new(DocId(1), title, text));
    support::mark(&mut p, DocId(1), &[("quote", marked)]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    lectern::store::save(&p, &path).expect("save fixture");
    let mut app = Lectern::new(None);
    app.use_manual_clock();
    app.open_project_path(&path);
    assert!(app.finish_jobs(), "{}", app.status());
    let mut h = Harness::builder()
        .with_size([1280.0, 520.0])
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(|ctx| ctx.add_font_provider(Arc::new(TestCjkFonts)))
        .build_ui_state(|ui, app: &mut Lectern| app.ui(ui), app);
    for _ in 0..4 {
        h.run();
    }
    (dir, h)
}

/// Renders the window, crops it to the document view and compares that with
/// `tests/snapshots/scripts_{name}.png`. Every script's fonts must be there: the status
/// line must not be asking for one.
fn snapshot_document_view(name: &str, title: &str, text: &str, marked: &str) {
    let (_dir, mut h) = window(title, text, marked);
    let status = h.state().status().to_owned();
    assert!(!status.contains("No installed font"), "{name}: {status}");
    let view = h.get_by_role(Role::Document).rect();
    let image = h.render().expect("render with wgpu");
    let ppp = h.ctx.pixels_per_point();
    let x = (view.left() * ppp).max(0.0) as u32;
    let y = (view.top() * ppp).max(0.0) as u32;
    let w = ((view.width() * ppp) as u32).min(image.width() - x);
    let hgt = ((view.height() * ppp) as u32).min(image.height() - y);
    let crop = image::imageops::crop_imm(&image, x, y, w, hgt).to_image();
    egui_kittest::image_snapshot(&crop, format!("scripts_{name}"));
}

#[test]
fn arabic_document_view() {
    snapshot_document_view("arabic", "القلم", ARABIC, "25 صحفيا اجتمعوا");
}

#[test]
fn hebrew_document_view() {
    snapshot_document_view("hebrew", "ידיעות", HEBREW, "300 תושבים");
}

#[test]
fn mixed_arabic_english_numbers_document_view() {
    snapshot_document_view(
        "mixed_arabic_english",
        "Harbour Lines",
        MIXED,
        "Harbour Lines إن أرباحها",
    );
}

#[test]
fn chinese_document_view() {
    snapshot_document_view("chinese", "新华社", CHINESE, "约有120名记者");
}

#[test]
fn japanese_document_view() {
    snapshot_document_view("japanese", "ロイター", JAPANESE, "「平和」");
}

#[test]
fn hindi_document_view() {
    snapshot_document_view("hindi", "समाचार", HINDI, "15 नए स्कूल");
}

/// The font egui draws `c` with in the window's text: the first font of the family's
/// chain that has it.
fn font_of(h: &Harness<'_, Lectern>, c: char) -> Option<String> {
    h.ctx.fonts_mut(|f| {
        f.characters(&FontFamily::Proportional)
            .get(&c)
            .and_then(|names| names.first().cloned())
    })
}

/// Full-width brackets and marks in a Chinese article come from the CJK font that draws
/// its ideographs — egui's emoji icon font has （ ） ！ ？ ： too (narrow and bold), and
/// a font found on the system otherwise only comes after it.
#[test]
fn chinese_full_width_punctuation_is_drawn_from_the_cjk_font() {
    let text = "（新华社）北京3月5日电！据路透社报道：约有120名记者参加了发布会？";
    let (_dir, h) = window("新华社", text, "新华社");
    assert_eq!(font_of(&h, '新').as_deref(), Some("test-sc"));
    for c in "（）！：？".chars() {
        assert_eq!(font_of(&h, c).as_deref(), Some("test-sc"), "{c}");
    }
    // Latin letters and digits keep egui's own font.
    assert_eq!(font_of(&h, '3').as_deref(), Some("Ubuntu-Light"));
}
