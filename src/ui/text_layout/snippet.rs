//! One helper for every place that shows a piece of article text outside the document
//! view — the annotation list, the side panel, search results, adjudication, the quote
//! tracker — so right-to-left snippets read in the right order and are right-aligned.

use super::{ParaLayout, ParaStyle};
use crate::model::TextDirection;
use crate::text::bidi::{needs_bidi, paragraph_is_rtl};
use egui::{Response, Sense, Ui, Widget};

/// A label showing `text` (a snippet of an article, possibly several lines) wrapped to
/// the available width; paragraphs with right-to-left text are laid out by UAX #9 and
/// right-aligned. Plain left-to-right text is an ordinary egui label.
pub fn snippet_label(ui: &mut Ui, text: &str) -> Response {
    if !needs_bidi(text) {
        return egui::Label::new(text).wrap().ui(ui);
    }
    let font_id = egui::TextStyle::Body.resolve(ui.style());
    let width = ui.available_width().max(40.0);
    let color = ui.visuals().text_color();
    let style = ParaStyle {
        line_px: ui.fonts_mut(|f| f.row_height(&font_id)),
        font_id,
        color,
        width,
    };
    let layouts: Vec<ParaLayout> = text
        .split('\n')
        .map(|para| {
            let rtl = paragraph_is_rtl(para, TextDirection::Auto);
            ui.fonts_mut(|f| ParaLayout::new(f, para, &style, rtl))
        })
        .collect();
    let height: f32 = layouts.iter().map(|l| l.size().y).sum();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), Sense::hover());
    if ui.is_rect_visible(rect) {
        let mut y = rect.min.y;
        for layout in &layouts {
            ui.painter()
                .galley(egui::pos2(rect.min.x, y), layout.galley().clone(), color);
            y += layout.size().y;
        }
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, text));
    response
}
