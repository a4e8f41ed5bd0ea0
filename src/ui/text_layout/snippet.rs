//! One helper for every place that shows a piece of article text outside the document
//! view — the document list, the article header, the annotation list, the side panel,
//! search results, adjudication, the quote tracker — so right-to-left snippets read in
//! the right order, and right-to-left paragraphs are right-aligned.
//!
//! Text with nothing right to left in it is returned as it is, so English keeps egui's
//! own labels (wrapping, truncation, italics) exactly as before.

use super::{ParaLayout, ParaStyle};
use crate::model::{Document, TextDirection};
use crate::text::bidi::{needs_bidi, paragraph_is_rtl, paragraph_is_rtl_at};
use egui::text::{Galley, LayoutJob};
use egui::{Color32, FontId, TextStyle, Ui, WidgetText};
use std::sync::Arc;

/// `text` laid out for display in `font_id` and `color`: each line (paragraph) in its
/// own direction, taken from its first strong letter, wrapped at `width` (one line each
/// with `f32::INFINITY`), right-aligned when it runs right to left.
pub fn snippet_galley(
    ui: &Ui,
    text: &str,
    font_id: FontId,
    color: Color32,
    width: f32,
) -> Arc<Galley> {
    snippet_galley_in(ui, text, font_id, color, width, TextDirection::Auto)
}

/// [`snippet_galley`] with every line in `direction` (an excerpt in the direction of the
/// article paragraph it comes from, see [`excerpt_direction`]; `Auto` for each line's
/// own).
pub fn snippet_galley_in(
    ui: &Ui,
    text: &str,
    font_id: FontId,
    color: Color32,
    width: f32,
    direction: TextDirection,
) -> Arc<Galley> {
    // Lists show the same snippets frame after frame: lay each out once.
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            text,
            &font_id,
            color,
            width.to_bits(),
            ui.ctx().pixels_per_point().to_bits(),
            direction,
        )
            .hash(&mut h);
        h.finish()
    };
    let ctx = ui.ctx();
    let pass = ctx.cumulative_pass_nr();
    let fill = ctx.fonts(|f| f.font_atlas_fill_ratio());
    if let Some(g) = SNIPPETS.with_borrow_mut(|c| c.get(key, pass, fill)) {
        return g;
    }
    let galley = lay_out(ui, text, font_id, color, width, direction);
    SNIPPETS.with_borrow_mut(|c| c.put(key, pass, galley.clone()));
    galley
}

thread_local! {
    static SNIPPETS: std::cell::RefCell<SnippetCache> = std::cell::RefCell::default();
}

/// Snippet galleys by what they were laid out from, dropped when unused for a while or
/// when egui empties its glyph atlas (their glyphs would point at nothing).
#[derive(Default)]
struct SnippetCache {
    galleys: std::collections::HashMap<u64, (Arc<Galley>, u64)>,
    atlas_fill: f32,
}

impl SnippetCache {
    fn get(&mut self, key: u64, pass: u64, fill: f32) -> Option<Arc<Galley>> {
        if fill < self.atlas_fill {
            self.galleys.clear();
        }
        self.atlas_fill = fill;
        if self.galleys.len() > 2000 {
            self.galleys
                .retain(|_, (_, used)| pass.saturating_sub(*used) < 60);
        }
        let (g, used) = self.galleys.get_mut(&key)?;
        *used = pass;
        Some(g.clone())
    }

    fn put(&mut self, key: u64, pass: u64, galley: Arc<Galley>) {
        self.galleys.insert(key, (galley, pass));
    }
}

fn lay_out(
    ui: &Ui,
    text: &str,
    font_id: FontId,
    color: Color32,
    width: f32,
    direction: TextDirection,
) -> Arc<Galley> {
    let line_px = ui.fonts_mut(|f| f.row_height(&font_id));
    let style = ParaStyle {
        font_id,
        color,
        line_px,
        width,
    };
    let galleys: Vec<Arc<Galley>> = text
        .split('\n')
        .map(|para| {
            let rtl = paragraph_is_rtl(para, direction);
            let layout = ui.fonts_mut(|f| ParaLayout::new(f, para, &style, rtl));
            layout.galley().clone()
        })
        .collect();
    if let [one] = galleys.as_slice() {
        return one.clone();
    }
    let job = Arc::new(LayoutJob::single_section(text.to_owned(), style.format()));
    let ppp = galleys.first().map_or(1.0, |g| g.pixels_per_point);
    Arc::new(Galley::concat(job, &galleys, ppp))
}

/// `text` as the text of a label, button or checkbox in `text_style`: unchanged when
/// nothing in it runs right to left, else a [`snippet_galley`] wrapped at `width`
/// (`f32::INFINITY` for one line).
pub fn snippet_text(ui: &Ui, text: &str, text_style: TextStyle, width: f32) -> WidgetText {
    snippet_text_in(ui, text, text_style, width, TextDirection::Auto)
}

/// [`snippet_text`] with its lines in `direction` (see [`snippet_galley_in`]).
pub fn snippet_text_in(
    ui: &Ui,
    text: &str,
    text_style: TextStyle,
    width: f32,
    direction: TextDirection,
) -> WidgetText {
    if !needs_bidi(text) {
        return WidgetText::from(text);
    }
    let font_id = text_style.resolve(ui.style());
    let color = ui.visuals().text_color();
    WidgetText::from(snippet_galley_in(
        ui, text, font_id, color, width, direction,
    ))
}

/// A label showing `text` (an excerpt of an article, in `direction`) wrapped to the
/// available width, right-to-left lines in the right order.
pub fn snippet_label(ui: &mut Ui, text: &str, direction: TextDirection) -> egui::Response {
    let width = ui.available_width();
    let shown = snippet_text_in(ui, text, TextStyle::Body, width, direction);
    ui.label(shown)
}

/// The direction an excerpt of `doc` starting at code point `at` is shown in: that of
/// the article paragraph it comes from, so a quote that starts with a Latin name or a
/// number inside an Arabic paragraph still reads right to left, as in the article.
pub fn excerpt_direction(doc: &Document, at: usize) -> TextDirection {
    let text = doc.text.as_str();
    let byte = doc.text.byte_of(at).unwrap_or(text.len());
    if paragraph_is_rtl_at(text, byte, doc.direction) {
        TextDirection::RightToLeft
    } else {
        TextDirection::LeftToRight
    }
}

/// `excerpt` set apart after a prefix of the interface ("quote: …", "Title · …"):
/// wrapped in a directional isolate when it has right-to-left text, so it is laid out as
/// one unit in `direction` and the prefix does not decide its order.
pub fn isolated(excerpt: &str, direction: TextDirection) -> String {
    if !needs_bidi(excerpt) {
        return excerpt.to_owned();
    }
    let open = match direction {
        TextDirection::RightToLeft => '\u{2067}',
        TextDirection::LeftToRight => '\u{2066}',
        TextDirection::Auto => '\u{2068}',
    };
    format!("{open}{excerpt}\u{2069}")
}

/// A stretch of text to mark in [`highlighted_ui`]: code points of the text shown, a
/// background, and an underline or a line through it if any.
#[derive(Clone, Debug)]
pub struct Highlight {
    /// Code points of the text.
    pub chars: std::ops::Range<usize>,
    /// Background colour.
    pub fill: Color32,
    /// Underline, if the stretch is marked (a disagreement, say).
    pub underline: Option<egui::Stroke>,
    /// A line through the text (words left out, say), drawn over it.
    pub strike: Option<egui::Stroke>,
}

/// `text` wrapped to the available width with `highlights` painted under it, every
/// paragraph in `direction` (`Auto`: its own; right-to-left ones right-aligned and in
/// visual order, a highlight crossing a direction change drawn as the rectangles it
/// covers). For views that show a whole document's text, or an excerpt, with marks:
/// adjudication's coder columns, the quote tracker's versions.
pub fn highlighted_ui(
    ui: &mut Ui,
    text: &str,
    highlights: &[Highlight],
    direction: TextDirection,
) -> egui::Response {
    let font_id = TextStyle::Body.resolve(ui.style());
    let style = ParaStyle {
        line_px: ui.fonts_mut(|f| f.row_height(&font_id)),
        font_id,
        color: ui.visuals().text_color(),
        width: ui.available_width().max(40.0),
    };
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for para in text.split('\n') {
        let rtl = paragraph_is_rtl(para, direction);
        let layout = ui.fonts_mut(|f| ParaLayout::new(f, para, &style, rtl));
        paragraphs.push((start, layout));
        start += para.chars().count() + 1;
    }
    let height: f32 = paragraphs
        .iter()
        .map(|(_, l)| l.size().y.max(style.line_px))
        .sum();
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(style.width, height), egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        let mut y = rect.min.y;
        for (first, layout) in &paragraphs {
            let origin = egui::pos2(rect.min.x, y);
            let end = first + layout.char_len();
            for h in highlights {
                let (a, b) = (h.chars.start.max(*first), h.chars.end.min(end));
                if a >= b {
                    continue;
                }
                for r in layout.range_rects(a - first, b - first) {
                    let r = r.translate(origin.to_vec2());
                    painter.rect_filled(r, 2.0, h.fill);
                    if let Some(stroke) = h.underline {
                        painter.hline(r.x_range(), r.max.y - 1.0, stroke);
                    }
                }
            }
            painter.galley(origin, layout.galley().clone(), style.color);
            for h in highlights {
                let Some(stroke) = h.strike else { continue };
                let (a, b) = (h.chars.start.max(*first), h.chars.end.min(end));
                for r in (a < b)
                    .then(|| layout.range_rects(a - first, b - first))
                    .into_iter()
                    .flatten()
                {
                    let r = r.translate(origin.to_vec2());
                    painter.hline(r.x_range(), r.center().y, stroke);
                }
            }
            y += layout.size().y.max(style.line_px);
        }
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    response
}
