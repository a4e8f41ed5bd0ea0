//! Paints an analysis [`Chart`] with egui, mark for mark as the SVG writes it, in the
//! window's theme: page ink follows the theme, label and class colours stay. Each bar is
//! a widget of its own: it shows what it stands for on hover, can be clicked (to list the
//! spans behind it), and is named for screen readers and tests.

use crate::analysis::chart::{Anchor, BarMark, Chart, Ink, Mark, Rgb, TextMark};
use egui::{Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2, pos2, vec2};

/// What the user did with the chart this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartEvent {
    /// Clicked the bar with this index in [`Chart::bars`].
    Clicked(usize),
}

/// Draws `chart` at `zoom` times its own size (text included, so a chart laid out for a
/// paper reads at the window's text size); `picked` (an index into its bars) is outlined.
pub fn chart_ui(
    ui: &mut egui::Ui,
    chart: &Chart,
    picked: Option<usize>,
    zoom: f32,
) -> Option<ChartEvent> {
    let size = vec2(chart.width, chart.height) * zoom;
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    // Screen readers hear the chart's title; its bars are buttons of their own.
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &chart.title));
    if !ui.is_rect_visible(rect) {
        return None;
    }
    let at = Place {
        origin: rect.min.to_vec2(),
        zoom,
    };
    let painter = ui.painter_at(rect.expand(2.0));
    let mut event = None;
    let mut bar_index = 0;
    for mark in &chart.marks {
        match mark {
            Mark::Bar(bar) => {
                let r = at.rect(bar);
                painter.rect_filled(r, 1.0, color(bar.fill));
                if picked == Some(bar_index) {
                    let stroke = Stroke::new(2.0, ui.visuals().strong_text_color());
                    painter.rect_stroke(r.expand(1.0), 1.0, stroke, egui::StrokeKind::Outside);
                }
                if bar_response(ui, bar, r, bar_index).clicked() {
                    event = Some(ChartEvent::Clicked(bar_index));
                }
                bar_index += 1;
            }
            Mark::Swatch(key) => {
                painter.rect_filled(at.rect(key), 2.0, color(key.fill));
            }
            Mark::Line(line) => {
                let points = [at.point(line.from), at.point(line.to)];
                let stroke = Stroke::new(1.0, ink(ui, line.ink));
                if line.dashed {
                    painter.extend(egui::Shape::dashed_line(&points, stroke, 4.0, 3.0));
                } else {
                    painter.line_segment(points, stroke);
                }
            }
            Mark::Text(text) => paint_text(ui, &painter, text, at),
        }
    }
    event
}

/// Where the chart's own coordinates land on screen.
#[derive(Clone, Copy)]
struct Place {
    origin: Vec2,
    zoom: f32,
}

impl Place {
    fn point(self, (x, y): (f32, f32)) -> Pos2 {
        pos2(x, y) * self.zoom + self.origin
    }

    fn rect(self, bar: &BarMark) -> Rect {
        let size = vec2(bar.w.max(1.0), bar.h) * self.zoom;
        Rect::from_min_size(self.point((bar.x, bar.y)), size)
    }
}

/// The bar as a widget: hover text, click, and a name for screen readers.
fn bar_response(ui: &egui::Ui, bar: &BarMark, rect: Rect, index: usize) -> egui::Response {
    let id = ui.scope_id().with(("chart-bar", index));
    let response = ui.interact(rect, id, Sense::click());
    let spans = bar.spans.len();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &bar.name));
    let response = if spans > 0 {
        response.on_hover_cursor(egui::CursorIcon::PointingHand)
    } else {
        response
    };
    response.on_hover_ui(|ui| {
        ui.label(&bar.name);
        match spans {
            0 => {}
            1 => {
                ui.weak("Click to list the annotation");
            }
            n => {
                ui.weak(format!("Click to list the {n} annotations"));
            }
        }
    })
}

fn paint_text(ui: &egui::Ui, painter: &egui::Painter, text: &TextMark, at: Place) {
    let color = ink(ui, text.ink);
    let color = if text.bold {
        ui.visuals().strong_text_color()
    } else {
        color
    };
    let font = FontId::proportional(text.size * at.zoom);
    let galley = painter.layout_no_wrap(text.text.clone(), font, color);
    let size = galley.size();
    let anchor_x = match text.anchor {
        Anchor::Start => 0.0,
        Anchor::Middle => size.x / 2.0,
        Anchor::End => size.x,
    };
    let at = at.point((text.x, text.y));
    if text.angle_deg == 0.0 {
        painter.galley(at - vec2(anchor_x, size.y / 2.0), galley, color);
        return;
    }
    // A rotated galley turns about its top-left corner: place that corner so the anchor
    // point (on the text's middle line) lands on `at`.
    let angle = text.angle_deg.to_radians();
    let local = vec2(anchor_x, size.y / 2.0);
    let turned = vec2(
        local.x * angle.cos() - local.y * angle.sin(),
        local.x * angle.sin() + local.y * angle.cos(),
    );
    let corner: Pos2 = at - turned;
    painter.add(egui::epaint::TextShape::new(corner, galley, color).with_angle(angle));
}

fn color(rgb: Rgb) -> Color32 {
    let [r, g, b] = rgb.0;
    Color32::from_rgb(r, g, b)
}

fn ink(ui: &egui::Ui, ink: Ink) -> Color32 {
    let visuals = ui.visuals();
    match ink {
        Ink::Text => visuals.text_color(),
        Ink::Weak => visuals.weak_text_color(),
        Ink::Grid => visuals.widgets.noninteractive.bg_stroke.color,
        Ink::Fixed(rgb) => color(rgb),
    }
}
