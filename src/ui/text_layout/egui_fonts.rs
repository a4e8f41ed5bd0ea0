//! egui's own fonts — Ubuntu Light, Hack, the egui icons, Noto Emoji and the emoji icon
//! font — set up exactly as egui's `default_fonts` feature sets them up (same names, same
//! size tweaks, same order in each family), but carried in the binary deflated by
//! `build.rs` (1.4 MB as egui ships them, 0.8 MB deflated) and inflated once, when the
//! window first needs them. `prefetch` starts that on a thread while the window opens.
//! Their licences (copied from `epaint_default_fonts` 0.37) are `assets/fonts/egui-*.txt`,
//! which the Debian package and the Windows/macOS packages install with ours.

use egui::FontFamily;
use egui::epaint::text::{FontData, FontDefinitions, FontTweak};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// One of egui's fonts: its name in egui, the file deflated, and egui's size tweak.
struct EguiFont {
    name: &'static str,
    deflated: &'static [u8],
    scale: Option<f32>,
}

/// The fonts, in the order egui lists them after a family's own fonts ("last resort").
const FONTS: [EguiFont; 5] = [
    EguiFont {
        name: "Hack",
        deflated: include_bytes!(concat!(env!("OUT_DIR"), "/egui-Hack-Regular.ttf.deflate")),
        scale: None,
    },
    EguiFont {
        name: "Ubuntu-Light",
        deflated: crate::text::fonts::UBUNTU_LIGHT_DEFLATED,
        scale: None,
    },
    EguiFont {
        name: "egui-icons",
        deflated: include_bytes!(concat!(env!("OUT_DIR"), "/egui-egui-icons.ttf.deflate")),
        scale: Some(0.90),
    },
    EguiFont {
        name: "NotoEmoji-Regular",
        deflated: include_bytes!(concat!(
            env!("OUT_DIR"),
            "/egui-NotoEmoji-Regular.ttf.deflate"
        )),
        scale: Some(0.81),
    },
    EguiFont {
        name: "emoji-icon-font",
        deflated: include_bytes!(concat!(
            env!("OUT_DIR"),
            "/egui-emoji-icon-font.ttf.deflate"
        )),
        scale: Some(0.90),
    },
];

/// The fonts every family falls back to, after its own (egui's order).
const FALLBACK: [&str; 3] = ["egui-icons", "NotoEmoji-Regular", "emoji-icon-font"];

/// The font files, inflated, in the order of [`FONTS`].
fn inflated() -> &'static [Box<[u8]>] {
    static INFLATED: OnceLock<Vec<Box<[u8]>>> = OnceLock::new();
    INFLATED.get_or_init(|| {
        FONTS
            .iter()
            .map(|f| crate::text::fonts::inflate(f.deflated))
            .collect()
    })
}

/// Starts inflating the fonts on a thread of its own, so that they are (mostly) ready when
/// the first frame asks for them; a frame that comes first waits for them.
pub fn prefetch() {
    let spawned = std::thread::Builder::new()
        .name("lectern-fonts".to_owned())
        .spawn(|| {
            inflated();
            for font in crate::text::fonts::bundled() {
                font.bytes();
            }
        });
    drop(spawned); // no thread: the first frame inflates them itself
}

/// The file of egui's font `name` ("Hack", "Ubuntu-Light"…), if egui has one by that name.
pub fn font_file(name: &str) -> Option<&'static [u8]> {
    let at = FONTS.iter().position(|f| f.name == name)?;
    inflated().get(at).map(|b| &b[..])
}

/// What `FontDefinitions::default()` is with egui's `default_fonts` and
/// `monochrome_emoji_fonts` features: egui's fonts, the proportional family in Ubuntu
/// Light, the monospace family in Hack then Ubuntu Light, both falling back to the icons
/// and emoji.
pub fn egui_definitions() -> FontDefinitions {
    let mut font_data = BTreeMap::new();
    for (font, bytes) in FONTS.iter().zip(inflated()) {
        let mut data = FontData::from_static(bytes);
        if let Some(scale) = font.scale {
            data = data.tweak(FontTweak {
                scale,
                ..Default::default()
            });
        }
        font_data.insert(font.name.to_owned(), Arc::new(data));
    }
    let family = |own: &[&str]| -> Vec<String> {
        own.iter()
            .chain(FALLBACK.iter())
            .map(|n| (*n).to_owned())
            .collect()
    };
    let mut families = BTreeMap::new();
    families.insert(FontFamily::Monospace, family(&["Hack", "Ubuntu-Light"]));
    families.insert(FontFamily::Proportional, family(&["Ubuntu-Light"]));
    FontDefinitions {
        font_data,
        families,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_inflate_to_egui_s_own_files() {
        let originals: [(&str, &[u8]); 5] = [
            ("Hack", epaint_default_fonts::HACK_REGULAR),
            ("Ubuntu-Light", epaint_default_fonts::UBUNTU_LIGHT),
            ("egui-icons", epaint_default_fonts::EGUI_ICONS),
            (
                "NotoEmoji-Regular",
                epaint_default_fonts::NOTO_EMOJI_REGULAR,
            ),
            ("emoji-icon-font", epaint_default_fonts::EMOJI_ICON),
        ];
        for (name, original) in originals {
            let file = font_file(name).unwrap_or_default();
            assert!(file == original, "{name} differs from egui's");
        }
        let deflated: usize = FONTS.iter().map(|f| f.deflated.len()).sum();
        let whole: usize = originals.iter().map(|(_, o)| o.len()).sum();
        assert!(deflated < whole * 7 / 10, "{deflated} of {whole} bytes");
        assert_eq!(font_file("Comic Sans"), None);
    }

    #[test]
    fn the_definitions_are_egui_s() {
        let defs = egui_definitions();
        let names = |family: FontFamily| defs.families.get(&family).cloned().unwrap_or_default();
        let fallback = ["egui-icons", "NotoEmoji-Regular", "emoji-icon-font"];
        let mut mono = vec!["Hack", "Ubuntu-Light"];
        mono.extend(fallback);
        let mut prop = vec!["Ubuntu-Light"];
        prop.extend(fallback);
        assert_eq!(names(FontFamily::Monospace), mono);
        assert_eq!(names(FontFamily::Proportional), prop);
        let scale = |name: &str| defs.font_data.get(name).map(|d| d.tweak.scale);
        assert_eq!(scale("Hack"), Some(1.0));
        assert_eq!(scale("Ubuntu-Light"), Some(1.0));
        assert_eq!(scale("egui-icons"), Some(0.90));
        assert_eq!(scale("NotoEmoji-Regular"), Some(0.81));
        assert_eq!(scale("emoji-icon-font"), Some(0.90));
    }
}
