//! A chart for every analysis table, as a list of marks (bars, text, lines) laid out for a
//! width: the window paints the marks with egui (`ui/chart_view.rs`) and `lectern stats -f
//! svg` writes them as SVG ([`Chart::to_svg`]) or PNG ([`Chart::to_png`], the same marks
//! drawn to pixels), so all show the same chart.
//!
//! Why our own marks rather than `egui_plot`: a chart here has to leave the window as a
//! figure for a paper — SVG with its text as text, in label colours, with legends — and
//! egui_plot draws only into egui (no SVG), is built for numeric x/y plots rather than
//! categorical bars with long outlet names, heat maps or side-by-side phrase lists, and
//! would be a second layout to keep in step with the SVG one. One pure layout in the
//! analysis layer, two small painters, is less code and gives identical results.
//!
//! Each bar carries the spans behind it, so clicking it in the window lists them.

mod bars;
mod draw;
mod grid;
mod png;
mod png_text;
mod svg;

pub use draw::text_width;
pub use png::PngError;

use super::counts::Within;
use super::table::{SpanRef, Table};
use crate::model::Project;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Relative luminance (0 black … 1 white), to choose text that reads on a fill.
    pub fn luminance(self) -> f32 {
        let lin = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
}

/// The colour of text and lines: the page's own (dark on paper, light in a dark window)
/// or a fixed colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ink {
    /// Body text.
    Text,
    /// Secondary text: ticks, notes.
    Weak,
    /// Grid and axis lines.
    Grid,
    /// A fixed colour (text on a coloured cell).
    Fixed(Rgb),
}

/// Which point of the text its position names, horizontally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The left end.
    Start,
    /// The middle.
    Middle,
    /// The right end.
    End,
}

/// A piece of text, positioned by its vertical middle.
#[derive(Clone, Debug, PartialEq)]
pub struct TextMark {
    /// Horizontal position of the anchor point, px.
    pub x: f32,
    /// Vertical middle of the text, px.
    pub y: f32,
    /// The text.
    pub text: String,
    /// Font size, px.
    pub size: f32,
    /// Bold (titles, headers).
    pub bold: bool,
    /// Which end `x` names.
    pub anchor: Anchor,
    /// Colour.
    pub ink: Ink,
    /// Clockwise rotation about the anchor point, degrees (column headers lean at -40).
    pub angle_deg: f32,
}

/// A filled rectangle standing for a value: a bar, a bar's segment, a heat-map cell.
#[derive(Clone, Debug, PartialEq)]
pub struct BarMark {
    /// Left, px.
    pub x: f32,
    /// Top, px.
    pub y: f32,
    /// Width, px.
    pub w: f32,
    /// Height, px.
    pub h: f32,
    /// Fill.
    pub fill: Rgb,
    /// What it stands for, as a tooltip and accessible name: "Daily Bulwark · quote: 2".
    pub name: String,
    /// The value it stands for.
    pub value: f64,
    /// The spans behind it (empty where a value has none, e.g. agreement).
    pub spans: Vec<SpanRef>,
}

/// A straight line: an axis, a grid line, a reference value.
#[derive(Clone, Debug, PartialEq)]
pub struct LineMark {
    /// Start, px.
    pub from: (f32, f32),
    /// End, px.
    pub to: (f32, f32),
    /// Colour.
    pub ink: Ink,
    /// Drawn dashed (reference values).
    pub dashed: bool,
}

/// One mark of a chart.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// A value.
    Bar(BarMark),
    /// A colour key in a legend (not a value).
    Swatch(BarMark),
    /// Text.
    Text(TextMark),
    /// A line.
    Line(LineMark),
}

/// A chart laid out for a width: its marks in drawing order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chart {
    /// The title, also the SVG's `<title>`.
    pub title: String,
    /// Width, px.
    pub width: f32,
    /// Height, px.
    pub height: f32,
    /// The marks, back to front.
    pub marks: Vec<Mark>,
}

impl Chart {
    /// The bars (values), in drawing order.
    pub fn bars(&self) -> impl Iterator<Item = &BarMark> {
        self.marks.iter().filter_map(|m| match m {
            Mark::Bar(b) => Some(b),
            _ => None,
        })
    }

    /// The chart as a standalone SVG document (see `svg.rs`).
    pub fn to_svg(&self) -> String {
        svg::write(self)
    }
}

/// Which table a chart is drawn from; each has its own kind of chart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Label counts: stacked bars per group in label colours.
    #[default]
    Counts,
    /// Who is quoted: bars per speaker, stacked or grouped by outlet.
    Quoted,
    /// Reporting verbs: neutral and evaluative shares per group (and speaker).
    Verbs,
    /// Descriptors of one target: each outlet's phrases side by side with counts.
    Descriptors,
    /// Co-occurrence: a heat map.
    Cooccurrence,
    /// Agreement per label: bars of α and κ with the usual thresholds.
    Agreement,
}

/// Choices a chart offers beyond its table.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartOptions {
    /// Width to lay the chart out for, px.
    pub width: f32,
    /// Who is quoted: one bar per outlet beside each other instead of one stacked bar.
    pub grouped: bool,
    /// Descriptors: the target whose descriptors to show; the most described one if
    /// `None` or not in the table.
    pub target: Option<String>,
    /// Co-occurrence: what the table counted within (named in the title).
    pub within: Within,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            width: 760.0,
            grouped: false,
            target: None,
            within: Within::Paragraph,
        }
    }
}

/// The chart of `table`, a table of `kind` computed from `project` (whose label colours
/// it uses). `None` when the table does not have the columns of its kind.
pub fn chart(
    kind: ChartKind,
    project: &Project,
    table: &Table,
    options: &ChartOptions,
) -> Option<Chart> {
    let width = options.width.max(320.0);
    match kind {
        ChartKind::Counts => bars::counts(project, table, width),
        ChartKind::Quoted => bars::quoted(table, width, options.grouped),
        ChartKind::Verbs => bars::verbs(table, width),
        ChartKind::Agreement => bars::agreement(table, width),
        ChartKind::Descriptors => {
            grid::descriptors(project, table, width, options.target.as_deref())
        }
        ChartKind::Cooccurrence => grid::heat_map(table, width, options.within),
    }
}

/// The targets of a descriptors table, most described first (for choosing one).
pub fn descriptor_targets(table: &Table) -> Vec<String> {
    grid::targets(table)
}

/// Colours for categories without colours of their own (outlets, coefficients): the
/// Okabe–Ito palette, readable by people with colour-vision deficiencies.
pub const CATEGORY_COLORS: [Rgb; 8] = [
    Rgb([0x00, 0x72, 0xb2]),
    Rgb([0xe6, 0x9f, 0x00]),
    Rgb([0x00, 0x9e, 0x73]),
    Rgb([0xcc, 0x79, 0xa7]),
    Rgb([0x56, 0xb4, 0xe9]),
    Rgb([0xd5, 0x5e, 0x00]),
    Rgb([0xf0, 0xe4, 0x42]),
    Rgb([0x99, 0x99, 0x99]),
];

/// The colour of the `i`th category.
pub fn category_color(i: usize) -> Rgb {
    CATEGORY_COLORS[i % CATEGORY_COLORS.len()]
}
