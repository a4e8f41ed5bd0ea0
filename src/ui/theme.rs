//! Colours and sizes in one place, so light and dark themes stay readable together.

use crate::model::Label;
use egui::{Color32, Visuals};

/// Default size of the document text in points.
pub const DEFAULT_FONT_PX: f32 = 17.0;
/// Smallest and largest document text size reachable by zooming.
pub const FONT_PX_RANGE: (f32, f32) = (10.0, 40.0);
/// Line height as a multiple of the font size: room for stacked underlines and easy reading.
pub const LINE_HEIGHT_FACTOR: f32 = 1.6;
/// Comfortable reading measure, in multiples of the font size (about 70 characters).
pub const MEASURE_EM: f32 = 36.0;
/// Space between paragraphs, in multiples of the font size.
pub const PARAGRAPH_GAP_EM: f32 = 0.7;

/// The label's own colour, opaque.
pub fn label_color(label: &Label) -> Color32 {
    let [r, g, b] = label.rgb();
    Color32::from_rgb(r, g, b)
}

/// Background fill for a span. Translucent, so nested spans show darker where they overlap.
pub fn span_fill(label: &Label, visuals: &Visuals) -> Color32 {
    let alpha = if visuals.dark_mode { 0.30 } else { 0.24 };
    label_color(label).gamma_multiply(alpha)
}

/// Underline for a span: the full label colour.
pub fn span_underline(label: &Label) -> Color32 {
    label_color(label)
}

/// Outline around the selected annotation.
pub fn selected_outline(visuals: &Visuals) -> Color32 {
    visuals.strong_text_color()
}

/// Outline of search matches in the document view.
pub fn search_match(visuals: &Visuals) -> Color32 {
    visuals.warn_fg_color
}

/// Colour for warnings and errors in the status bar.
pub fn error_color(visuals: &Visuals) -> Color32 {
    visuals.error_fg_color
}

/// The empty part of a progress bar: a button's fill, visible on panels in both themes.
pub fn progress_track(visuals: &Visuals) -> Color32 {
    visuals.widgets.inactive.bg_fill
}

/// The done part of a progress bar: the selection colour, calm in both themes.
pub fn progress_fill(visuals: &Visuals) -> Color32 {
    visuals.selection.bg_fill
}

/// A small square of the label's colour, used as a chip in lists and palettes.
pub fn color_chip(ui: &mut egui::Ui, label: &Label) -> egui::Response {
    let size = egui::vec2(12.0, 12.0);
    let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        ui.painter().rect_filled(rect, 3.0, label_color(label));
    }
    resp
}

/// Name under which the monospace font is added as the proportional text's last fallback.
const SYMBOL_FALLBACK: &str = "lectern-symbol-fallback";

/// Makes menu paths ("View ▸ Analysis") and arrows draw on every system: egui's default
/// proportional font has no "▸", its monospace font has. Added once, after the default
/// fonts and before any system fallback; a bundled font set can replace it.
pub fn install_symbol_fallback(ctx: &egui::Context) {
    let Some(hack) = crate::ui::text_layout::font_file("Hack") else {
        return;
    };
    ctx.add_font(egui::epaint::text::FontInsert::new(
        SYMBOL_FALLBACK,
        egui::epaint::text::FontData::from_static(hack),
        vec![egui::epaint::text::InsertFontFamily {
            family: egui::FontFamily::Proportional,
            priority: egui::epaint::text::FontPriority::Lowest,
        }],
    ));
}

/// Opaque colour of a Quote tracker kind: whole bluish green, cut orange, paraphrase sky
/// blue (Okabe–Ito colours, told apart with colour blindness).
pub fn kind_color(kind: crate::model::VersionKind) -> Color32 {
    match kind {
        crate::model::VersionKind::Whole => Color32::from_rgb(0x00, 0x9e, 0x73),
        crate::model::VersionKind::Cut => Color32::from_rgb(0xe6, 0x9f, 0x00),
        crate::model::VersionKind::Paraphrase => Color32::from_rgb(0x56, 0xb4, 0xe9),
    }
}

/// Fill behind a kind's name: its colour, translucent so the text reads in both themes.
pub fn kind_fill(kind: crate::model::VersionKind, visuals: &Visuals) -> Color32 {
    let alpha = if visuals.dark_mode { 0.40 } else { 0.30 };
    kind_color(kind).gamma_multiply(alpha)
}

/// Underline under a version's words that the fullest version does not have.
pub fn changed_underline(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0xf0, 0xb4, 0x40)
    } else {
        Color32::from_rgb(0xb0, 0x70, 0x00)
    }
}

/// Line through the fullest version's words a version left out: vermillion (Okabe–Ito),
/// so a short cut ("and") stands out from the dimmed words it crosses.
pub fn left_out_strike(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0xf0, 0x8a, 0x5a)
    } else {
        Color32::from_rgb(0xd5, 0x5e, 0x00)
    }
}
