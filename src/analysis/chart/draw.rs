//! The pieces every chart is laid out with: a canvas that stacks a title, legends and
//! plots from the top down, a value axis with round ticks, and text measured well enough
//! to place without a font (an SVG is read by programs with fonts of their own).

use super::{Anchor, BarMark, Chart, Ink, LineMark, Mark, Rgb, TextMark};

/// Space around the chart, px.
pub const MARGIN: f32 = 16.0;
/// Body text: names, values, legends.
pub const FONT: f32 = 12.0;
/// Tick labels and notes.
pub const SMALL: f32 = 11.0;
/// The title.
pub const TITLE: f32 = 15.0;

/// Width of `text` at `size` px in a sans-serif font, estimated per character class on
/// the wide side (DejaVu Sans, which many SVG viewers fall back to): close enough to leave
/// room for names and legends in any font.
pub fn text_width(text: &str, size: f32) -> f32 {
    let em: f32 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'I' | '.' | ',' | ';' | ':' | '\'' | '’' | '!' | '|' => 0.3,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' | '‘' => 0.4,
            'm' | 'w' => 0.92,
            'M' | 'W' => 0.98,
            '0'..='9' => 0.64,
            c if c.is_uppercase() => 0.72,
            c if c.is_ascii() => 0.6,
            // CJK and other wide scripts take a full em.
            c if u32::from(c) >= 0x2E80 => 1.0,
            _ => 0.64,
        })
        .sum();
    em * size
}

/// `text` cut to fit `max_px`, ending in "…" when cut.
pub fn fit(text: &str, max_px: f32, size: f32) -> String {
    if text_width(text, size) <= max_px {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out, size) + text_width(&format!("{c}…"), size) > max_px {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// `text` broken at spaces into lines of at most `max_px`, at most `max_lines` of them
/// (the last cut with "…" when the text does not fit).
pub fn wrap(text: &str, max_px: f32, size: f32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size) <= max_px || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(format!("{rest}\u{0}"));
    }
    lines
        .into_iter()
        .map(|l| match l.strip_suffix('\u{0}') {
            Some(cut) => {
                let shown = fit(cut, max_px, size);
                if shown.ends_with('…') {
                    shown
                } else {
                    format!("{shown}…")
                }
            }
            None => fit(&l, max_px, size),
        })
        .collect()
}

/// A chart being laid out from the top down.
pub struct Canvas {
    /// Width, px.
    pub width: f32,
    /// Where the next piece goes, px from the top.
    pub y: f32,
    marks: Vec<Mark>,
    title: String,
}

impl Canvas {
    /// A canvas of `width` with `title` at the top.
    pub fn new(width: f32, title: &str) -> Self {
        let mut canvas = Canvas {
            width,
            y: MARGIN,
            marks: Vec::new(),
            title: title.to_owned(),
        };
        canvas.push_text(TextMark {
            bold: true,
            ..text(MARGIN, MARGIN + TITLE / 2.0, title, TITLE)
        });
        canvas.y += TITLE + 10.0;
        canvas
    }

    /// How many marks the canvas holds.
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    /// Runs `draw`, and puts what it adds behind the marks from `at` on (grid lines
    /// drawn after the bars, whose extent they needed, still go under them).
    pub fn draw_under(&mut self, at: usize, draw: impl FnOnce(&mut Canvas)) {
        let before = self.marks.len();
        draw(self);
        let added: Vec<Mark> = self.marks.drain(before..).collect();
        self.marks.splice(at..at, added);
    }

    /// Adds a piece of text.
    pub fn push_text(&mut self, mark: TextMark) {
        self.marks.push(Mark::Text(mark));
    }

    /// Adds a value's rectangle.
    pub fn push_bar(&mut self, bar: BarMark) {
        self.marks.push(Mark::Bar(bar));
    }

    /// Adds a line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), ink: Ink, dashed: bool) {
        self.marks.push(Mark::Line(LineMark {
            from,
            to,
            ink,
            dashed,
        }));
    }

    /// A line of secondary text across the chart, then moves down.
    pub fn note(&mut self, note: &str) {
        let shown = fit(note, self.width - 2.0 * MARGIN, SMALL);
        self.push_text(TextMark {
            ink: Ink::Weak,
            ..text(MARGIN, self.y + SMALL / 2.0, &shown, SMALL)
        });
        self.y += SMALL + 8.0;
    }

    /// A legend: a colour square and a name per item, flowing over lines.
    pub fn legend(&mut self, items: &[(String, Rgb)]) {
        let mut x = MARGIN;
        let row = FONT + 8.0;
        for (name, color) in items {
            let name = fit(name, self.width * 0.4, FONT);
            let w = 12.0 + 5.0 + text_width(&name, FONT) + 18.0;
            if x + w > self.width - MARGIN && x > MARGIN {
                x = MARGIN;
                self.y += row;
            }
            self.marks.push(Mark::Swatch(BarMark {
                x,
                y: self.y,
                w: 12.0,
                h: 12.0,
                fill: *color,
                name: name.clone(),
                value: 0.0,
                spans: Vec::new(),
            }));
            self.push_text(text(x + 17.0, self.y + 6.0, &name, FONT));
            x += w;
        }
        self.y += row + 6.0;
    }

    /// The finished chart, as tall as what was laid out.
    pub fn finish(self) -> Chart {
        Chart {
            title: self.title,
            width: self.width,
            height: self.y + MARGIN,
            marks: self.marks,
        }
    }
}

/// Body-coloured text starting at `x`, not bold, not rotated.
pub fn text(x: f32, y: f32, text: &str, size: f32) -> TextMark {
    TextMark {
        x,
        y,
        text: text.to_owned(),
        size,
        bold: false,
        anchor: Anchor::Start,
        ink: Ink::Text,
        angle_deg: 0.0,
    }
}

/// A horizontal value axis from `min` to `max` (widened to round numbers) drawn between
/// `left` and `right` px.
pub struct Axis {
    /// Smallest value shown.
    pub min: f64,
    /// Largest value shown.
    pub max: f64,
    /// Distance between ticks.
    pub step: f64,
    /// Where `min` is, px.
    pub left: f32,
    /// Where `max` is, px.
    pub right: f32,
    /// Values are shares, shown as percentages.
    pub percent: bool,
}

impl Axis {
    /// An axis covering `min..=max` with about five round ticks; counts get whole steps.
    pub fn new(min: f64, max: f64, left: f32, right: f32, whole: bool) -> Axis {
        let span = (max - min).max(if whole { 1.0 } else { 1e-9 });
        let raw = span / 5.0;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .into_iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * magnitude);
        let step = if whole { step.max(1.0).round() } else { step };
        Axis {
            min: (min / step).floor() * step,
            max: (max / step).ceil().max(1.0) * step,
            step,
            left,
            right,
            percent: false,
        }
    }

    /// Where `value` is, px.
    pub fn x(&self, value: f64) -> f32 {
        let t = (value - self.min) / (self.max - self.min);
        // Chart coordinates are small; f32 is plenty.
        #[allow(clippy::cast_possible_truncation)]
        let t = t as f32;
        self.left + t * (self.right - self.left)
    }

    /// The tick values, `min` to `max`.
    pub fn ticks(&self) -> Vec<f64> {
        let mut out = Vec::new();
        let mut v = self.min;
        while v <= self.max + self.step * 1e-6 {
            out.push(if v.abs() < self.step * 1e-6 { 0.0 } else { v });
            v += self.step;
        }
        out
    }

    /// A value as its tick label: "40%", "12", "0.8", "−0.2".
    pub fn label(&self, value: f64) -> String {
        let text = if self.percent {
            format!("{:.0}%", value * 100.0)
        } else if self.step >= 1.0 {
            format!("{value:.0}")
        } else {
            // Decimals enough for the step: 0.2 → 1, 0.05 → 2.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let decimals = (-self.step.log10()).ceil().max(0.0) as usize;
            format!("{value:.decimals$}")
        };
        text.replace('-', "−")
    }

    /// Grid lines from `top` to `bottom`, tick labels below, then `caption`; moves the
    /// canvas below them.
    pub fn draw(&self, canvas: &mut Canvas, top: f32, bottom: f32, caption: &str) {
        for v in self.ticks() {
            let x = self.x(v);
            let ink = if v == 0.0 { Ink::Weak } else { Ink::Grid };
            canvas.line((x, top), (x, bottom), ink, false);
            canvas.push_text(TextMark {
                anchor: Anchor::Middle,
                ink: Ink::Weak,
                ..text(x, bottom + 10.0, &self.label(v), SMALL)
            });
        }
        canvas.push_text(TextMark {
            anchor: Anchor::Middle,
            ink: Ink::Weak,
            ..text(
                (self.left + self.right) / 2.0,
                bottom + 28.0,
                caption,
                SMALL,
            )
        });
        canvas.y = bottom + 44.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_round_numbers() {
        let a = Axis::new(0.0, 7.0, 100.0, 300.0, true);
        assert_eq!((a.min, a.max, a.step), (0.0, 8.0, 2.0));
        assert_eq!(a.ticks(), [0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(a.x(4.0), 200.0);
        let a = Axis::new(-0.05, 1.0, 0.0, 100.0, false);
        assert_eq!(a.label(a.min), "−0.2");
        assert_eq!(a.max, 1.0);
        let one = Axis::new(0.0, 1.0, 0.0, 10.0, true);
        assert_eq!(one.ticks(), [0.0, 1.0]);
    }

    #[test]
    fn long_text_is_cut_or_wrapped_to_fit() {
        let long = "The mayor of Port Halden, Eleni Papadaki (Ελένη Παπαδάκη)";
        let cut = fit(long, 120.0, FONT);
        assert!(
            cut.ends_with('…') && text_width(&cut, FONT) <= 120.0,
            "{cut}"
        );
        let lines = wrap(long, 150.0, FONT, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("The mayor of"), "{lines:?}");
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert_eq!(wrap("said", 150.0, FONT, 2), ["said"]);
    }
}
