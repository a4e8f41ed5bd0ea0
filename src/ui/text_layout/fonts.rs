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
    let mut defs = FontDefinitions::default();
    for font in bundled() {
        defs.font_data.insert(
            font.name.to_owned(),
            Arc::new(FontData::from_static(font.bytes)),
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
