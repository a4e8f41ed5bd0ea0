//! A [`Chart`] as a standalone SVG 1.1 document for papers and slides: text stays text
//! (searchable, editable in Inkscape or Illustrator), each bar is a `<rect class="bar">`
//! with a `<title>` naming what it stands for, the background is white and the ink dark,
//! whatever the window's theme.

use super::{Anchor, BarMark, Chart, Ink, Mark, Rgb};
use std::fmt::Write as _;

/// Body text on paper.
const TEXT: Rgb = Rgb([0x22, 0x22, 0x22]);
/// Ticks and notes.
const WEAK: Rgb = Rgb([0x66, 0x66, 0x66]);
/// Grid lines.
const GRID: Rgb = Rgb([0xdd, 0xdd, 0xdd]);

/// The SVG document.
pub fn write(chart: &Chart) -> String {
    let (w, h) = (chart.width.ceil(), chart.height.ceil());
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"Helvetica, Arial, sans-serif\">\n  <title>{}</title>\n  \
         <rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n",
        escape(&chart.title)
    );
    for mark in &chart.marks {
        match mark {
            Mark::Bar(bar) => rect(&mut out, "bar", bar, true),
            Mark::Swatch(bar) => rect(&mut out, "key", bar, false),
            Mark::Line(line) => {
                let dash = if line.dashed {
                    " stroke-dasharray=\"4 3\""
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "  <line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"1\"{dash}/>",
                    line.from.0,
                    line.from.1,
                    line.to.0,
                    line.to.1,
                    ink(line.ink)
                );
            }
            Mark::Text(t) => {
                let anchor = match t.anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                // Marks place text by its middle; SVG by its baseline, about a third of
                // the size below the middle for Latin text.
                let baseline = t.y + 0.35 * t.size;
                let mut attrs = format!(
                    "x=\"{:.1}\" y=\"{baseline:.1}\" font-size=\"{}\" text-anchor=\"{anchor}\" fill=\"{}\"",
                    t.x,
                    t.size,
                    ink(t.ink)
                );
                if t.bold {
                    attrs.push_str(" font-weight=\"bold\"");
                }
                if t.angle_deg != 0.0 {
                    let _ = write!(
                        attrs,
                        " transform=\"rotate({} {:.1} {:.1})\"",
                        t.angle_deg, t.x, t.y
                    );
                }
                let _ = writeln!(out, "  <text {attrs}>{}</text>", escape(&t.text));
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

fn rect(out: &mut String, class: &str, bar: &BarMark, titled: bool) {
    let _ = write!(
        out,
        "  <rect class=\"{class}\" x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{}\"",
        bar.x,
        bar.y,
        bar.w,
        bar.h,
        bar.fill.hex()
    );
    if titled {
        let _ = writeln!(out, "><title>{}</title></rect>", escape(&bar.name));
    } else {
        out.push_str("/>\n");
    }
}

fn ink(ink: Ink) -> String {
    paper_ink(ink).hex()
}

/// The colour of `ink` on paper (white), in SVG and PNG alike.
pub(super) fn paper_ink(ink: Ink) -> Rgb {
    match ink {
        Ink::Text => TEXT,
        Ink::Weak => WEAK,
        Ink::Grid => GRID,
        Ink::Fixed(c) => c,
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
