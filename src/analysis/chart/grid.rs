//! Charts laid out on a grid rather than along one axis: the co-occurrence heat map, and
//! the descriptors of one target with each outlet's phrases in a column of its own.

use super::draw::{Canvas, FONT, MARGIN, SMALL, TITLE, fit, text, text_width, wrap};
use super::{Anchor, BarMark, Chart, Ink, Rgb, TextMark};
use crate::analysis::counts::Within;
use crate::analysis::quoted::DESCRIPTOR;
use crate::analysis::table::Table;
use crate::model::Project;

/// The lightest and darkest colours of the heat map (ColorBrewer "Blues").
const LIGHT: [u8; 3] = [0xf4, 0xf8, 0xfb];
const DARK: [u8; 3] = [0x08, 0x3b, 0x7a];
/// The diagonal (how often a category occurs at all) in grey, apart from the pairs.
const DIAGONAL: Rgb = Rgb([0xe4, 0xe4, 0xe4]);
const DARK_TEXT: Rgb = Rgb([0x22, 0x22, 0x22]);
const LIGHT_TEXT: Rgb = Rgb([0xff, 0xff, 0xff]);

/// The heat map of a co-occurrence table: a cell per pair, darker for more shared
/// paragraphs (or sentences), the count in the cell.
pub fn heat_map(table: &Table, width: f32, within: Within) -> Option<Chart> {
    let categories = table.header.get(1..)?;
    if table.rows.len() != categories.len() {
        return None;
    }
    let n = categories.len();
    let names = categories
        .iter()
        .map(|c| text_width(c, FONT))
        .fold(0.0, f32::max);
    let name_px = (names + 12.0).min(width * 0.3);
    // Leaning column names reach past the last column by about their width × cos 40°.
    let lean = text_width(categories.last().map_or("", String::as_str), FONT).min(160.0) * 0.77;
    let cell = ((width - 2.0 * MARGIN - name_px - lean) / count(n.max(1))).clamp(28.0, 56.0);
    let max = (0..n)
        .flat_map(|r| (0..n).filter(move |c| *c != r).map(move |c| (r, c)))
        .filter_map(|(r, c)| table.rows[r][c + 1].value())
        .fold(1.0, f64::max);
    let what = match table.header[0].as_str() {
        "label" => "labels".to_owned(),
        attribute => format!("{attribute} values"),
    };
    let unit = match within {
        Within::Paragraph => "paragraph",
        Within::Sentence => "sentence",
    };
    let title = format!("Co-occurrence of {what} within a {unit}");
    let note =
        format!("Each cell: {unit}s holding both; grey: {unit}s holding the category at all.");
    // As wide as the grid, the title (bold, so wider) and the note need, not wider.
    let width = (2.0 * MARGIN + name_px + cell * count(n) + lean)
        .max(text_width(&title, TITLE) * 1.1 + 2.0 * MARGIN)
        .max(text_width(&note, SMALL) + 2.0 * MARGIN);
    let mut canvas = Canvas::new(width, &title);
    canvas.note(&note);
    let left = MARGIN + name_px;
    // Column names lean so long ones fit over narrow cells.
    let header_px = (names.min(160.0) * 0.65 + 16.0).max(30.0);
    for (c, name) in categories.iter().enumerate() {
        let x = left + cell * (count(c) + 0.5);
        canvas.push_text(TextMark {
            anchor: Anchor::Start,
            angle_deg: -40.0,
            ..text(x, canvas.y + header_px - 6.0, &fit(name, 160.0, FONT), FONT)
        });
    }
    let top = canvas.y + header_px;
    for (r, name) in categories.iter().enumerate() {
        let y = top + cell * count(r);
        canvas.push_text(TextMark {
            anchor: Anchor::End,
            ..text(
                left - 8.0,
                y + cell / 2.0,
                &fit(name, name_px - 10.0, FONT),
                FONT,
            )
        });
        for (c, other) in categories.iter().enumerate() {
            let value = table.rows[r][c + 1].value().unwrap_or(0.0);
            let fill = if r == c { DIAGONAL } else { shade(value / max) };
            let x = left + cell * count(c);
            canvas.push_bar(BarMark {
                x: x + 1.0,
                y: y + 1.0,
                w: cell - 2.0,
                h: cell - 2.0,
                fill,
                name: format!("{name} with {other}: {value}"),
                value,
                spans: table.cell_spans(r, c + 1).to_vec(),
            });
            let ink = if value == 0.0 {
                Ink::Weak
            } else if fill.luminance() < 0.35 {
                Ink::Fixed(LIGHT_TEXT)
            } else {
                Ink::Fixed(DARK_TEXT)
            };
            canvas.push_text(TextMark {
                anchor: Anchor::Middle,
                ink,
                ..text(
                    x + cell / 2.0,
                    y + cell / 2.0,
                    &table.rows[r][c + 1].display(),
                    SMALL,
                )
            });
        }
    }
    canvas.y = top + cell * count(n) + 8.0;
    Some(canvas.finish())
}

/// `t` of the way from the lightest to the darkest colour.
fn shade(t: f64) -> Rgb {
    // Colour channels: rounding a value in 0..=255 to u8 cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mix = |a: u8, b: u8| {
        (f64::from(a) + (f64::from(b) - f64::from(a)) * t.clamp(0.0, 1.0)).round() as u8
    };
    Rgb([
        mix(LIGHT[0], DARK[0]),
        mix(LIGHT[1], DARK[1]),
        mix(LIGHT[2], DARK[2]),
    ])
}

/// The targets of a descriptors table with how many descriptors each has, most first.
fn target_counts(table: &Table) -> Vec<(String, f64)> {
    let Some(n) = table.column("count") else {
        return Vec::new();
    };
    let mut out: Vec<(String, f64)> = Vec::new();
    for row in &table.rows {
        let target = row[0].text();
        let value = row[n].value().unwrap_or(0.0);
        match out.iter_mut().find(|(t, _)| *t == target) {
            Some((_, total)) => *total += value,
            None => out.push((target, value)),
        }
    }
    out.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(a.0.to_lowercase().cmp(&b.0.to_lowercase()))
    });
    out
}

/// The targets of a descriptors table, most described first.
pub fn targets(table: &Table) -> Vec<String> {
    target_counts(table).into_iter().map(|(t, _)| t).collect()
}

/// How one target is described: a column per outlet (or other group) with its phrases,
/// most used first, each with a bar for its count.
pub fn descriptors(
    project: &Project,
    table: &Table,
    width: f32,
    target: Option<&str>,
) -> Option<Chart> {
    let (descriptor, n) = (table.column("descriptor")?, table.column("count")?);
    let targets = target_counts(table);
    let target = target
        .filter(|t| targets.iter().any(|(x, _)| x == t))
        .map(str::to_owned)
        .or_else(|| targets.first().map(|(t, _)| t.clone()))
        .unwrap_or_default();
    let rows: Vec<usize> = (0..table.rows.len())
        .filter(|r| table.rows[*r][0].text() == target)
        .collect();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for &r in &rows {
        let group = table.rows[r][1].text();
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, rs)) => rs.push(r),
            None => groups.push((group, vec![r])),
        }
    }
    let value = |r: usize| table.rows[r][n].value().unwrap_or(0.0);
    for (_, rs) in &mut groups {
        rs.sort_by(|a, b| value(*b).total_cmp(&value(*a)));
    }
    let max = rows.iter().map(|r| value(*r)).fold(1.0, f64::max);
    let fill = Rgb(project
        .label(DESCRIPTOR)
        .map_or([0x00, 0x9e, 0x73], |l| l.rgb()));
    let by = &table.header[1];
    let mut canvas = Canvas::new(width, &format!("How {target} is described, by {by}"));
    let others: Vec<String> = targets
        .iter()
        .filter(|(t, _)| *t != target)
        .map(|(t, c)| format!("{t} ({c})"))
        .collect();
    if !others.is_empty() {
        canvas.note(&format!("Other targets: {}", others.join(", ")));
    }
    let columns = groups.len().clamp(1, 3);
    let gap = 16.0;
    let column_px = (width - 2.0 * MARGIN - gap * count(columns - 1)) / count(columns);
    for line in groups.chunks(columns) {
        let top = canvas.y;
        let mut bottom = top;
        for (i, (group, rs)) in line.iter().enumerate() {
            let x = MARGIN + count(i) * (column_px + gap);
            let column = Column {
                x,
                width: column_px,
                max,
                fill,
                table,
                descriptor,
                count: n,
            };
            bottom = bottom.max(column.draw(&mut canvas, top, group, rs));
        }
        canvas.y = bottom + 12.0;
    }
    Some(canvas.finish())
}

/// One group's column of the descriptors chart.
struct Column<'t> {
    x: f32,
    width: f32,
    /// The largest count in the chart (the longest bar).
    max: f64,
    fill: Rgb,
    table: &'t Table,
    /// Columns of the descriptor text and its count.
    descriptor: usize,
    count: usize,
}

impl Column<'_> {
    /// Draws the group's name and its phrases (rows of the table) from `top`; returns
    /// where it ends.
    fn draw(&self, canvas: &mut Canvas, top: f32, group: &str, rows: &[usize]) -> f32 {
        let (table, descriptor, n) = (self.table, self.descriptor, self.count);
        canvas.push_text(TextMark {
            bold: true,
            ..text(
                self.x,
                top + FONT / 2.0,
                &fit(group, self.width, FONT),
                FONT,
            )
        });
        canvas.line(
            (self.x, top + FONT + 4.0),
            (self.x + self.width, top + FONT + 4.0),
            Ink::Grid,
            false,
        );
        let mut y = top + FONT + 12.0;
        for &r in rows {
            let phrase = table.rows[r][descriptor].text();
            for line in wrap(&phrase, self.width, FONT, 2) {
                canvas.push_text(text(self.x, y + FONT / 2.0, &line, FONT));
                y += FONT + 3.0;
            }
            let value = table.rows[r][n].value().unwrap_or(0.0);
            // Chart coordinates are small; f32 is plenty.
            #[allow(clippy::cast_possible_truncation)]
            let w = ((value / self.max) as f32 * (self.width - 40.0)).max(2.0);
            canvas.push_bar(BarMark {
                x: self.x,
                y: y + 1.0,
                w,
                h: 8.0,
                fill: self.fill,
                name: format!("{group} · “{phrase}”: {value}"),
                value,
                spans: table.sources[r].clone(),
            });
            canvas.push_text(TextMark {
                ink: Ink::Weak,
                ..text(
                    self.x + w + 4.0,
                    y + 5.0,
                    &table.rows[r][n].display(),
                    SMALL,
                )
            });
            y += 18.0;
        }
        y
    }
}

// Row and column counts stay far below 2^24, where f32 is exact.
#[allow(clippy::cast_precision_loss)]
fn count(n: usize) -> f32 {
    n as f32
}
