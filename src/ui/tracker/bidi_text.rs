//! The tracker's text that may run right to left — quotes, speakers, titles, reporting
//! verbs of Arabic, Persian, Urdu or Hebrew articles — through the shared snippet helpers
//! of `text_layout`, so a statement reads in the order its readers expect (egui alone
//! would draw its words left to right). Text without right-to-left letters keeps the
//! tracker's own labels and layout job, unchanged.

use crate::align::AlignedVersion;
use crate::align::marks::{Mark, Segment};
use crate::model::{Project, TextDirection};
use crate::text::bidi::needs_bidi;
use crate::ui::text_layout::{self, Highlight};
use egui::{RichText, Stroke, TextStyle, Ui, WidgetText};

/// The direction version `v` is shown in: that of its paragraph in its article, so a
/// quote starting with "Reuters" inside an Arabic paragraph still reads right to left.
pub fn direction_of(project: &Project, v: &AlignedVersion) -> TextDirection {
    project.document(v.doc).map_or(TextDirection::Auto, |d| {
        text_layout::excerpt_direction(d, v.start)
    })
}

/// `prefix` (the interface's: "7  Ferreira — ") then `text` cut to `max_chars` with an
/// ellipsis, on one line; right-to-left text is laid out as one unit in `direction`
/// after the prefix.
pub fn line(
    ui: &Ui,
    prefix: &str,
    text: &str,
    max_chars: usize,
    direction: TextDirection,
) -> WidgetText {
    if !needs_bidi(prefix) && !needs_bidi(text) {
        // egui truncates its own labels to fit.
        return format!("{prefix}{text}").into();
    }
    let mut cut: String = text.chars().take(max_chars).collect();
    if text.chars().count() > max_chars {
        cut = format!("{}…", cut.trim_end());
    }
    let shown = format!("{prefix}{}", text_layout::isolated(&cut, direction));
    text_layout::snippet_text(ui, &shown, TextStyle::Button, f32::INFINITY)
}

/// A short value (speaker, reporting verb, title): `rich` (its text styled: italics,
/// strong, weak) when it has no right-to-left letters, else the text in reading order.
pub fn value(ui: &Ui, rich: RichText) -> WidgetText {
    if !needs_bidi(rich.text()) {
        return rich.into();
    }
    text_layout::snippet_text(ui, rich.text(), TextStyle::Body, f32::INFINITY)
}

/// A version's words with their marks (its own words underlined, the fullest version's
/// words it left out struck through, a paraphrase's shared words highlighted), wrapped to the available width, when they have
/// right-to-left text; clickable. `None` for other text: the caller's layout job shows
/// it as before. `direction`: see [`direction_of`].
pub fn marked_ui(
    ui: &mut Ui,
    segments: &[Segment],
    direction: TextDirection,
) -> Option<egui::Response> {
    let text: String = segments.iter().map(|s| s.text.as_str()).collect();
    if !needs_bidi(&text) {
        return None;
    }
    let visuals = ui.visuals();
    let left_out = Stroke::new(1.5, crate::ui::theme::left_out_strike(visuals));
    let changed = Stroke::new(1.5, crate::ui::theme::changed_underline(visuals));
    let shared = crate::ui::theme::kind_fill(crate::model::VersionKind::Paraphrase, visuals);
    let mut highlights = Vec::new();
    let mut at = 0;
    for s in segments {
        let n = s.text.chars().count();
        let (fill, underline, strike) = match s.mark {
            Mark::Same => (egui::Color32::TRANSPARENT, None, None),
            Mark::Changed => (egui::Color32::TRANSPARENT, Some(changed), None),
            Mark::LeftOut => (egui::Color32::TRANSPARENT, None, Some(left_out)),
            Mark::Shared => (shared, None, None),
        };
        if s.mark != Mark::Same {
            highlights.push(Highlight {
                chars: at..at + n,
                fill,
                underline,
                strike,
            });
        }
        at += n;
    }
    let shown = text_layout::highlighted_ui(ui, &text, &highlights, direction);
    let id = shown.id.with("click");
    Some(ui.interact(shown.rect, id, egui::Sense::click()))
}
