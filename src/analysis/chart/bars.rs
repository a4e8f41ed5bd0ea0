//! Horizontal bar charts: label counts (stacked in label colours), who is quoted (per
//! speaker, stacked or grouped by outlet), reporting verbs (each group's verbs as shares by
//! class) and agreement (α, uα and κ per label against the usual thresholds). Bars run
//! sideways so long outlet and speaker names stay readable.

use super::draw::{Axis, Canvas, FONT, MARGIN, SMALL, fit, text, text_width};
use super::{Anchor, BarMark, Chart, Ink, Rgb, TextMark, category_color};
use crate::analysis::table::{Cell, SpanRef, Table};
use crate::analysis::verbs::UNCLASSIFIED;
use crate::model::{Project, VerbDetail};

/// One part of a bar.
struct Segment {
    value: f64,
    fill: Rgb,
    name: String,
    spans: Vec<SpanRef>,
}

/// One bar: its parts, end to end, and the text after it.
struct Bar {
    segments: Vec<Segment>,
    end: String,
}

/// One row of the chart: a name and one bar (stacked) or several (grouped).
struct Row {
    name: String,
    bars: Vec<Bar>,
}

/// What the value axis shows.
struct Scale<'a> {
    min: f64,
    max: f64,
    whole: bool,
    percent: bool,
    caption: &'a str,
    /// Dashed lines at these values, with their names.
    references: &'a [(f64, &'a str)],
}

const BAR_PX: f32 = 16.0;
const ROW_GAP_PX: f32 = 8.0;
/// Rows shown at most; the rest are named in a note.
const MAX_ROWS: usize = 40;

/// Lays the rows out below what the canvas holds, with the axis under them.
fn plot(canvas: &mut Canvas, rows: &[Row], scale: &Scale<'_>) {
    let names = rows
        .iter()
        .map(|r| text_width(&r.name, FONT))
        .fold(0.0, f32::max);
    let name_px = (names + 12.0).min(canvas.width * 0.35);
    let ends = rows
        .iter()
        .flat_map(|r| &r.bars)
        .map(|b| text_width(&b.end, SMALL))
        .fold(0.0, f32::max);
    let left = MARGIN + name_px;
    let right = (canvas.width - MARGIN - ends - 8.0).max(left + 80.0);
    let mut axis = Axis::new(scale.min, scale.max, left, right, scale.whole);
    axis.percent = scale.percent;
    if scale.percent {
        (axis.min, axis.max, axis.step) = (0.0, 1.0, 0.25);
    }
    let top = canvas.y;
    let first_bar = canvas.len();
    let mut y = top + ROW_GAP_PX / 2.0;
    let mut marks = Vec::new();
    for row in rows.iter().take(MAX_ROWS) {
        let height = BAR_PX * count(row.bars.len());
        let name = fit(&row.name, name_px - 10.0, FONT);
        marks.push(TextMark {
            anchor: Anchor::End,
            ..text(left - 8.0, y + height / 2.0, &name, FONT)
        });
        for bar in &row.bars {
            bar_marks(&axis, canvas, y, bar, &mut marks);
            y += BAR_PX;
        }
        y += ROW_GAP_PX;
    }
    let bottom = y - ROW_GAP_PX / 2.0;
    canvas.draw_under(first_bar, |canvas| {
        axis.draw(canvas, top, bottom, scale.caption);
    });
    for (value, name) in scale.references {
        let x = axis.x(*value);
        canvas.line((x, top - 4.0), (x, bottom), Ink::Weak, true);
        canvas.push_text(TextMark {
            anchor: Anchor::Middle,
            ink: Ink::Weak,
            ..text(x, top - 10.0, name, SMALL)
        });
    }
    for mark in marks {
        canvas.push_text(mark);
    }
    if rows.len() > MAX_ROWS {
        canvas.note(&format!(
            "{} more rows are in the table, not in the chart",
            rows.len() - MAX_ROWS
        ));
    }
}

/// One bar's segments, end to end from zero (negative values to the left), and the text
/// after it.
fn bar_marks(axis: &Axis, canvas: &mut Canvas, y: f32, bar: &Bar, texts: &mut Vec<TextMark>) {
    let mut at = 0.0;
    let mut end_x = axis.x(0.0);
    for s in &bar.segments {
        let (from, to) = if s.value < 0.0 {
            (s.value, 0.0)
        } else {
            (at, at + s.value)
        };
        let (x0, x1) = (axis.x(from), axis.x(to));
        if x1 - x0 > 0.0 {
            canvas.push_bar(BarMark {
                x: x0,
                y: y + 2.0,
                w: x1 - x0,
                h: BAR_PX - 4.0,
                fill: s.fill,
                name: s.name.clone(),
                value: s.value,
                spans: s.spans.clone(),
            });
        }
        if s.value >= 0.0 {
            at += s.value;
            end_x = end_x.max(x1);
        }
    }
    texts.push(TextMark {
        ink: Ink::Weak,
        ..text(end_x + 4.0, y + BAR_PX / 2.0, &bar.end, SMALL)
    });
}

/// Label counts: a bar per group, a segment per label in its colour, the total after it.
pub fn counts(project: &Project, table: &Table, width: f32) -> Option<Chart> {
    let total = table.column("total")?;
    let labels = &table.header[1..total];
    let color = |name: &str| Rgb(project.label(name).map_or([0x99; 3], |l| l.rgb()));
    let rows: Vec<Row> = (0..table.rows.len())
        .map(|r| {
            let group = table.rows[r][0].text();
            let segments = labels
                .iter()
                .enumerate()
                .map(|(k, label)| {
                    let value = table.rows[r][k + 1].value().unwrap_or(0.0);
                    Segment {
                        value,
                        fill: color(label),
                        name: format!("{group} · {label}: {value}"),
                        spans: table.cell_spans(r, k + 1).to_vec(),
                    }
                })
                .collect();
            let end = table.rows[r][total].display();
            Row {
                name: group,
                bars: vec![Bar { segments, end }],
            }
        })
        .collect();
    let max = rows.iter().map(|r| sum(&r.bars[0])).fold(0.0, f64::max);
    let mut canvas = Canvas::new(width, &format!("Annotations per {}", table.header[0]));
    let legend: Vec<(String, Rgb)> = labels.iter().map(|l| (l.clone(), color(l))).collect();
    canvas.legend(&legend);
    plot(&mut canvas, &rows, &bars_scale(max, "annotations"));
    Some(canvas.finish())
}

/// Who is quoted: a bar per speaker, most quoted first, one segment (or one bar, grouped)
/// per outlet.
pub fn quoted(table: &Table, width: f32, grouped: bool) -> Option<Chart> {
    let (speaker, quotes) = (table.column("speaker")?, table.column("quotes")?);
    let group_col = 1;
    let mut groups: Vec<String> = table.rows.iter().map(|r| r[group_col].text()).collect();
    groups.sort_by_key(|g| g.to_lowercase());
    groups.dedup();
    let mut speakers: Vec<(String, Vec<usize>)> = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        let name = row[speaker].text();
        match speakers.iter_mut().find(|(s, _)| *s == name) {
            Some((_, rows)) => rows.push(r),
            None => speakers.push((name, vec![r])),
        }
    }
    let value = |r: usize| table.rows[r][quotes].value().unwrap_or(0.0);
    speakers.sort_by(|a, b| {
        let total = |rows: &[usize]| rows.iter().map(|r| value(*r)).sum::<f64>();
        total(&b.1)
            .total_cmp(&total(&a.1))
            .then(a.0.to_lowercase().cmp(&b.0.to_lowercase()))
    });
    let segment = |name: &str, r: usize| {
        let group = table.rows[r][group_col].text();
        let k = groups.iter().position(|g| *g == group).unwrap_or(0);
        Segment {
            value: value(r),
            fill: category_color(k),
            name: format!("{name} · {group}: {}", value(r)),
            spans: table.sources[r].clone(),
        }
    };
    let rows: Vec<Row> = speakers
        .iter()
        .map(|(name, rs)| {
            let bars = if grouped {
                rs.iter()
                    .map(|&r| Bar {
                        segments: vec![segment(name, r)],
                        end: table.rows[r][quotes].display(),
                    })
                    .collect()
            } else {
                let segments: Vec<Segment> = rs.iter().map(|&r| segment(name, r)).collect();
                let total: f64 = segments.iter().map(|s| s.value).sum();
                vec![Bar {
                    segments,
                    end: format!("{total}"),
                }]
            };
            Row {
                name: name.clone(),
                bars,
            }
        })
        .collect();
    let max = rows
        .iter()
        .flat_map(|r| &r.bars)
        .map(sum)
        .fold(0.0, f64::max);
    let by = &table.header[group_col];
    let mut canvas = Canvas::new(width, &format!("Who is quoted, by {by}"));
    let legend: Vec<(String, Rgb)> = groups
        .iter()
        .enumerate()
        .map(|(k, g)| (g.clone(), category_color(k)))
        .collect();
    canvas.legend(&legend);
    plot(&mut canvas, &rows, &bars_scale(max, "quotes"));
    Some(canvas.finish())
}

/// The colour of a verb class, or of a finer class.
fn class_color(name: &str) -> Rgb {
    match name {
        "neutral" | "structuring" => Rgb([0x00, 0x72, 0xb2]),
        "evaluative" | "expressive" => Rgb([0xd5, 0x5e, 0x00]),
        "assertive" => Rgb([0x56, 0xb4, 0xe9]),
        "directive" => Rgb([0x00, 0x9e, 0x73]),
        "metalinguistic" => Rgb([0xcc, 0x79, 0xa7]),
        "descriptive" => Rgb([0xe6, 0x9f, 0x00]),
        UNCLASSIFIED => Rgb([0xc8, 0xc8, 0xc8]),
        _ => Rgb([0x99, 0x99, 0x99]),
    }
}

/// Reporting verbs: per group (and speaker) one bar of 100%, a segment per class (or
/// finer class), the group's evaluative share after it.
pub fn verbs(table: &Table, width: f32) -> Option<Chart> {
    let verb = table.column("verb")?;
    let class = table.column("class")?;
    let count = table.column("count")?;
    let share = table.column("evaluative_share")?;
    let speaker = table.column("speaker");
    let detail = table.column("detail");
    let class_of = |r: usize| -> String {
        let name = table.rows[r][detail.unwrap_or(class)].text();
        if name.is_empty() {
            "no finer class".to_owned()
        } else {
            name
        }
    };
    // The classes in use (neutral and evaluative always, so two charts compare).
    let used: Vec<String> = (0..table.rows.len()).map(class_of).collect();
    let classes: Vec<&str> = match detail {
        Some(_) => VerbDetail::ALL
            .iter()
            .map(|d| d.name())
            .chain(["no finer class", UNCLASSIFIED])
            .filter(|c| used.iter().any(|u| u == c))
            .collect(),
        None => ["neutral", "evaluative", UNCLASSIFIED]
            .into_iter()
            .filter(|c| *c != UNCLASSIFIED || used.iter().any(|u| u == c))
            .collect(),
    };
    // Rows of one group (and speaker) are next to each other.
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        let name = match speaker {
            Some(s) => format!("{} · {}", row[0].text(), row[s].text()),
            None => row[0].text(),
        };
        match groups.last_mut() {
            Some((last, rows)) if *last == name => rows.push(r),
            _ => groups.push((name, vec![r])),
        }
    }
    let value = |r: usize| table.rows[r][count].value().unwrap_or(0.0);
    let rows = groups
        .iter()
        .map(|(name, rs)| {
            let total: f64 = rs.iter().map(|r| value(*r)).sum();
            let segments = classes
                .iter()
                .map(|c| {
                    let of_class: Vec<usize> =
                        rs.iter().copied().filter(|r| class_of(*r) == *c).collect();
                    let n: f64 = of_class.iter().map(|r| value(*r)).sum();
                    let verbs: Vec<String> = of_class
                        .iter()
                        .map(|r| table.rows[*r][verb].text())
                        .collect();
                    Segment {
                        value: if total > 0.0 { n / total } else { 0.0 },
                        fill: class_color(c),
                        name: format!("{name} · {c}: {n} of {total} ({})", verbs.join(", ")),
                        spans: of_class
                            .iter()
                            .flat_map(|r| table.sources[*r].iter().copied())
                            .collect(),
                    }
                })
                .collect();
            let end = match &table.rows[rs[0]][share] {
                Cell::Number(Some(x)) => format!("{:.0}% evaluative · n = {total}", x * 100.0),
                _ => format!("n = {total}"),
            };
            Row {
                name: name.clone(),
                bars: vec![Bar { segments, end }],
            }
        })
        .collect::<Vec<Row>>();
    let title = match speaker {
        Some(_) => format!("Reporting verbs by {} and speaker", table.header[0]),
        None => format!("Reporting verbs by {}", table.header[0]),
    };
    let mut canvas = Canvas::new(width, &title);
    let legend: Vec<(String, Rgb)> = classes
        .iter()
        .map(|c| ((*c).to_owned(), class_color(c)))
        .collect();
    canvas.legend(&legend);
    let scale = Scale {
        min: 0.0,
        max: 1.0,
        whole: false,
        percent: true,
        caption: "share of the group's reporting verbs",
        references: &[],
    };
    plot(&mut canvas, &rows, &scale);
    canvas.note("The percentage after each bar: evaluative verbs among the verbs the lexicon classes (unclassified ones left out).");
    Some(canvas.finish())
}

/// Agreement: per label (or document) a bar each for α, uα and κ, with dashed lines at
/// Krippendorff's thresholds (.667 tentative, .800 reliable).
pub fn agreement(table: &Table, width: f32) -> Option<Chart> {
    let alpha = table.column("alpha_nominal")?;
    let u_alpha = table.column("u_alpha");
    let (kappa_col, kappa_name) = match (table.column("cohen_kappa"), table.column("fleiss_kappa"))
    {
        (Some(c), f) if f.is_none() || table.rows.iter().all(|r| r[c].value().is_some()) => {
            (Some(c), "Cohen's κ")
        }
        (_, Some(f)) => (Some(f), "Fleiss' κ"),
        _ => (None, ""),
    };
    let mut coefficients = vec![(alpha, "Krippendorff's α")];
    if let Some(u) = u_alpha {
        coefficients.push((u, "unitizing uα"));
    }
    if let Some(k) = kappa_col {
        coefficients.push((k, kappa_name));
    }
    let rows: Vec<Row> = table
        .rows
        .iter()
        .map(|row| {
            let name = row[0].text();
            let bars = coefficients
                .iter()
                .enumerate()
                .map(|(k, (col, coefficient))| {
                    let value = row[*col].value();
                    Bar {
                        segments: value
                            .map(|v| Segment {
                                value: v,
                                fill: category_color(k),
                                name: format!("{name} · {coefficient}: {}", row[*col].display()),
                                spans: Vec::new(),
                            })
                            .into_iter()
                            .collect(),
                        end: row[*col].display(),
                    }
                })
                .collect();
            Row { name, bars }
        })
        .collect();
    let min = table
        .rows
        .iter()
        .flat_map(|r| coefficients.iter().filter_map(|(c, _)| r[*c].value()))
        .fold(0.0, f64::min);
    let mut canvas = Canvas::new(
        width,
        &format!("Intercoder agreement by {}", table.header[0]),
    );
    let legend: Vec<(String, Rgb)> = coefficients
        .iter()
        .enumerate()
        .map(|(k, (_, name))| ((*name).to_owned(), category_color(k)))
        .collect();
    canvas.legend(&legend);
    canvas.y += 14.0;
    let scale = Scale {
        min,
        max: 1.0,
        whole: false,
        percent: false,
        caption: "agreement (1 = perfect, 0 = chance)",
        references: &[(0.667, ".667"), (0.8, ".800")],
    };
    plot(&mut canvas, &rows, &scale);
    canvas.note(
        "Dashed lines: α ≥ .800 reliable, ≥ .667 for tentative conclusions (Krippendorff 2004).",
    );
    Some(canvas.finish())
}

fn bars_scale<'a>(max: f64, caption: &'a str) -> Scale<'a> {
    Scale {
        min: 0.0,
        max,
        whole: true,
        percent: false,
        caption,
        references: &[],
    }
}

fn sum(bar: &Bar) -> f64 {
    bar.segments.iter().map(|s| s.value.max(0.0)).sum()
}

// Row counts stay far below 2^24, where f32 is exact.
#[allow(clippy::cast_precision_loss)]
fn count(n: usize) -> f32 {
    n as f32
}
