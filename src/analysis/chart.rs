//! The label-counts table as a stacked bar chart in SVG, for a paper or a slide: one bar
//! per row, one segment per label in the label's colour, a legend, the total at the end.

use super::table::Table;
use crate::model::Project;
use std::fmt::Write as _;

const ROW_PX: f64 = 24.0;
const NAME_PX: f64 = 220.0;
const BAR_PX: f64 = 420.0;
const LEGEND_PX: f64 = 28.0;

/// The chart of a [`label_counts`](super::label_counts) table (a `total` column after the
/// label columns); `None` for any other table. Colours are the project's label colours.
pub fn counts_svg(project: &Project, table: &Table) -> Option<String> {
    let total_col = table.column("total")?;
    let max = table
        .rows
        .iter()
        .filter_map(|r| r.get(total_col)?.value())
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let labels: Vec<(&str, String)> = table.header[1..total_col]
        .iter()
        .map(|h| {
            let [r, g, b] = project.label(h).map_or([0x99; 3], |l| l.rgb());
            (h.as_str(), format!("#{r:02x}{g:02x}{b:02x}"))
        })
        .collect();
    let width = NAME_PX + BAR_PX + 60.0;
    let height = LEGEND_PX + ROW_PX * count(table.rows.len()) + 8.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         font-family=\"sans-serif\" font-size=\"12\">\n"
    );
    let mut x = 0.0;
    for (name, color) in &labels {
        let _ = writeln!(
            out,
            "  <rect x=\"{x}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{color}\"/>\
             <text x=\"{}\" y=\"16\">{}</text>",
            x + 16.0,
            escape(name)
        );
        x += 16.0 + 8.0 * count(name.chars().count()) + 16.0;
    }
    for (i, row) in table.rows.iter().enumerate() {
        let y = LEGEND_PX + ROW_PX * count(i);
        let name = row.first().map(|c| c.text()).unwrap_or_default();
        let _ = writeln!(
            out,
            "  <text x=\"0\" y=\"{}\">{}</text>",
            y + 16.0,
            escape(&name)
        );
        let mut x = NAME_PX;
        for (k, (label, color)) in labels.iter().enumerate() {
            let n = row.get(k + 1).and_then(|c| c.value()).unwrap_or(0.0);
            let w = n / max * BAR_PX;
            if w > 0.0 {
                let _ = writeln!(
                    out,
                    "  <rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" fill=\"{color}\"><title>{}: {n}</title></rect>",
                    y + 4.0,
                    ROW_PX - 8.0,
                    escape(label)
                );
                x += w;
            }
        }
        let total = row.get(total_col).map(|c| c.text()).unwrap_or_default();
        let _ = writeln!(
            out,
            "  <text x=\"{:.1}\" y=\"{}\">{total}</text>",
            x + 4.0,
            y + 16.0
        );
    }
    out.push_str("</svg>\n");
    Some(out)
}

// Row and character counts stay far below 2^53, where f64 is exact.
#[allow(clippy::cast_precision_loss)]
fn count(n: usize) -> f64 {
    n as f64
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Filter, GroupBy, fixture, label_counts, who_is_quoted};

    #[test]
    fn one_bar_per_outlet_in_label_colours() {
        let p = fixture::project();
        let t = label_counts(&p, &Filter::default(), &GroupBy::Outlet);
        let svg = counts_svg(&p, &t).expect("svg");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains(">Daily Bulwark</text>"));
        assert!(svg.contains("fill=\"#e69f00\"><title>quote: 2</title>"));
        assert_eq!(svg.matches("<title>").count(), 7);
        assert!(counts_svg(&p, &who_is_quoted(&p, &Filter::default(), &GroupBy::Outlet)).is_none());
    }
}
