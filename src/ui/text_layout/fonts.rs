//! Putting the bundled fonts into egui, and noticing characters no font can draw.

use super::bidi_lines::family_of;
use crate::text::fonts::{BundledFont, advice_for, bundled};
use egui::epaint::text::{FontData, FontDefinitions, FontsView};
use egui::{FontFamily, FontId};
use std::sync::Arc;

/// Installs the bundled fonts: after egui's own in the proportional and monospace
/// families (so every label and text field can show Arabic, Hebrew and Hindi), and first
/// in one family per right-to-left font, which the paragraph layout shapes those runs in.
/// The system's fonts (CJK…) still come after these, through eframe's font provider.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

/// egui's default fonts plus the bundled ones.
pub fn definitions() -> FontDefinitions {
    let mut defs = super::egui_fonts::egui_definitions();
    for font in bundled() {
        defs.font_data.insert(
            font.name.to_owned(),
            Arc::new(FontData::from_static(font.bytes())),
        );
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            defs.families
                .entry(family)
                .or_default()
                .push(font.name.to_owned());
        }
    }
    let proportional = defs
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let rtl: [&BundledFont; 2] = [&crate::text::fonts::ARABIC, &crate::text::fonts::HEBREW];
    for font in rtl {
        let mut chain = vec![font.name.to_owned()];
        chain.extend(proportional.iter().filter(|n| *n != font.name).cloned());
        defs.families.insert(family_of(font), chain);
    }
    defs
}

/// The font egui's default set draws full-width forms with (（ ） ！ ？ ０–９ Ａ–Ｚ…), as
/// narrow bold icons: a CJK font must come before it.
const ICON_FONT: &str = "emoji-icon-font";

/// For a text with Chinese, Japanese or Korean characters: the system font egui found
/// for them (through eframe's `system_fonts` provider), if it is not yet among the
/// configured fonts. Discovered fonts only come after every configured one, so without
/// this the full-width punctuation of CJK text — （ ） ！ ？ ： — is taken from egui's
/// emoji icon font (which has them) instead of the CJK font, and looks wrong beside it.
pub fn cjk_font_to_prefer(fonts: &mut FontsView<'_>, text: &str) -> Option<(String, FontData)> {
    let c = text.chars().find(|&c| is_cjk_letter(c))?;
    if !fonts.has_glyph(&FontId::proportional(14.0), c) {
        return None; // no CJK font on the machine: the status line says what to install
    }
    let configured = fonts
        .definitions()
        .families
        .get(&FontFamily::Proportional)?;
    if configured
        .iter()
        .filter_map(|name| fonts.definitions().font_data.get(name))
        .any(|data| font_covers(data, c))
    {
        return None;
    }
    fonts
        .discovered_fonts()
        .iter()
        .find(|f| font_covers(&f.data, c))
        .map(|f| (f.name.clone(), f.data.clone()))
}

/// `defs` with the CJK font `name` among the configured fonts of the proportional and
/// monospace families, just before egui's icon font (after egui's Latin fonts, so Latin
/// letters in CJK text keep egui's look).
pub fn with_cjk_font(mut defs: FontDefinitions, name: &str, data: FontData) -> FontDefinitions {
    defs.font_data.insert(name.to_owned(), Arc::new(data));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let chain = defs.families.entry(family).or_default();
        chain.retain(|n| n != name);
        let at = chain
            .iter()
            .position(|n| n == ICON_FONT)
            .unwrap_or(chain.len());
        chain.insert(at, name.to_owned());
    }
    defs
}

/// A Han ideograph, kana or hangul syllable: a character only a CJK font has (unlike the
/// punctuation, which some other fonts have too).
fn is_cjk_letter(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Whether the font file in `data` maps `c` to a glyph.
fn font_covers(data: &FontData, c: char) -> bool {
    use read_fonts::TableProvider;
    let bytes: &[u8] = (*data.font).as_ref();
    read_fonts::FontRef::from_index(bytes, data.index)
        .ok()
        .and_then(|f| f.cmap().ok())
        .and_then(|cmap| cmap.map_codepoint(c))
        .is_some_and(|g| g.to_u32() != 0)
}

/// If some characters of `text` have no glyph in any installed or system font, the name
/// of their script and a sentence for the status bar saying what to install; else `None`.
/// Looks at each distinct character once (a 5 MB article takes a few milliseconds).
pub fn missing_font_advice(
    fonts: &mut FontsView<'_>,
    text: &str,
) -> Option<(&'static str, String)> {
    let font = FontId::proportional(14.0);
    let mut seen = vec![0u64; 0x10000 / 64];
    let mut seen_astral = std::collections::HashSet::new();
    for c in text.chars() {
        let u = c as usize;
        if u < 0x0370 || c.is_whitespace() || c.is_control() {
            continue;
        }
        let first_time = if u < 0x10000 {
            let fresh = seen[u / 64] & (1 << (u % 64)) == 0;
            seen[u / 64] |= 1 << (u % 64);
            fresh
        } else {
            seen_astral.insert(c)
        };
        if !first_time || bundled().iter().any(|f| f.covers(c)) {
            continue;
        }
        if crate::text::words::is_word_char(c) && !c.is_alphanumeric() {
            continue; // a mark is drawn with its letter's font
        }
        if !fonts.has_glyph(&font, c) {
            let (script, package) = advice_for(c);
            return Some((
                script,
                format!(
                    "No installed font has {script} characters (U+{:04X} and others): install \
                     one (on Debian or Ubuntu: sudo apt install {package}) and restart Lectern",
                    c as u32
                ),
            ));
        }
    }
    None
}
