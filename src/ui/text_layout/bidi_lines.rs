//! Laying out a paragraph with right-to-left, Chinese or Japanese text: levels (UAX #9),
//! items of one direction and font, greedy line breaking at UAX #14 opportunities with
//! the strict Japanese rules (egui's own wrapping lets a line start with ー or a small
//! kana), then each line's runs in visual order, one egui galley per piece, joined into
//! one galley.

use super::{Line, ParaLayout, ParaStyle, Piece};
use crate::text::bidi::BidiParagraph;
use crate::text::breaks::never_starts_a_line;
use crate::text::fonts::{ARABIC, BundledFont, HEBREW};
use crate::text::shape::char_advances;
use egui::epaint::text::FontsView;
use egui::text::{CharIndex, Galley, LayoutJob};
use egui::{FontFamily, Rect, pos2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// What one item is drawn with.
#[derive(Clone, Copy)]
enum Kind {
    /// Left to right, laid out by egui with the style's family (it picks fonts).
    Ltr,
    /// Right to left in one bundled font, shaped as a whole by egui (harfrust puts its
    /// glyphs in visual order); positions inside from [`char_advances`].
    Rtl(&'static BundledFont),
    /// One code point alone (a neutral no right-to-left font has, an Arabic digit): no
    /// order inside to get wrong; mirrored if it is a bracket in a right-to-left run.
    Single,
}

impl PartialEq for Kind {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Kind::Rtl(a), Kind::Rtl(b)) => std::ptr::eq(*a, *b),
            (Kind::Ltr, Kind::Ltr) | (Kind::Single, Kind::Single) => true,
            _ => false,
        }
    }
}

/// Consecutive code points of one level and [`Kind`].
struct Item {
    chars: Range<usize>,
    rtl: bool,
    kind: Kind,
    /// Boundaries from the item's logical start, `len + 1` entries.
    edges: Vec<f32>,
    /// egui's galley of the whole item, when it was needed to measure it.
    galley: Option<Arc<Galley>>,
}

/// The egui family a right-to-left run in `font` is laid out with: that font first, so
/// every code point of the item (all covered by it) is shaped together.
pub(super) fn family_of(font: &BundledFont) -> FontFamily {
    FontFamily::Name(format!("lectern-rtl {}", font.name).into())
}

/// The mirrored form of a bracket drawn in a right-to-left run (rule L4), for code
/// points laid out alone; runs shaped as a whole are mirrored by the shaper.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => c,
    }
}

/// Which [`Kind`] code point `c` at a right-to-left level gets, given the previous one's.
fn rtl_kind(c: char, previous: Option<Kind>) -> Kind {
    if let Some(Kind::Rtl(f)) = previous
        && f.covers(c)
    {
        return Kind::Rtl(f);
    }
    [&ARABIC, &HEBREW]
        .into_iter()
        .find(|f| f.covers(c))
        .map_or(Kind::Single, Kind::Rtl)
}

/// Whether `c` must be laid out alone at a left-to-right level: Arabic-script and Hebrew
/// characters there (Arabic digits, mostly) would be shaped right to left by egui.
fn alone_when_ltr(c: char) -> bool {
    ('\u{0590}'..='\u{08FF}').contains(&c) || ('\u{FB1D}'..='\u{FEFF}').contains(&c)
}

/// Whether `c` attaches to the code point before it (a vowel sign, a point, a joiner).
fn is_mark(c: char) -> bool {
    !c.is_alphanumeric() && crate::text::words::is_word_char(c)
}

/// Cuts the paragraph into items.
fn items_of(chars: &[char], para: &BidiParagraph<'_>) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let rtl = para.is_rtl_at(i);
        let level = para.level_at(i);
        let same_level = i > 0 && para.level_at(i - 1) == level;
        let previous = items.last().filter(|_| same_level).map(|it| it.kind);
        let kind = if rtl {
            rtl_kind(c, previous)
        } else if alone_when_ltr(c) {
            Kind::Single
        } else {
            Kind::Ltr
        };
        match items.last_mut() {
            Some(last) if same_level && kind == last.kind && kind != Kind::Single => {
                last.chars.end = i + 1;
            }
            _ => items.push(Item {
                chars: i..i + 1,
                rtl,
                kind,
                edges: Vec::new(),
                galley: None,
            }),
        }
    }
    // A right-to-left item without a right-to-left letter (spaces and punctuation
    // between two numbers) would be shaped left to right: lay its code points out alone.
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let letters = chars[item.chars.clone()]
            .iter()
            .any(|&c| crate::text::bidi::is_strong_rtl(c));
        if matches!(item.kind, Kind::Rtl(_)) && !letters && item.chars.len() > 1 {
            for i in item.chars.clone() {
                out.push(Item {
                    chars: i..i + 1,
                    rtl: item.rtl,
                    kind: item.kind,
                    edges: Vec::new(),
                    galley: None,
                });
            }
        } else {
            out.push(item);
        }
    }
    out
}

/// The text a piece of `item` covering `range` is laid out from.
fn piece_text(chars: &[char], item: &Item, range: Range<usize>) -> String {
    let text: String = chars[range].iter().collect();
    if item.kind == Kind::Single && item.rtl {
        text.chars().map(mirrored).collect()
    } else {
        text
    }
}

/// The text a piece of `item` cut by a line end is laid out from. A right-to-left piece
/// left without a right-to-left letter (an Arabic comma and the space after it, at the
/// end of a line) would be shaped left to right, putting the space between the comma and
/// the word before it: its code points are given in visual order, mirrored, instead.
fn line_piece_text(chars: &[char], item: &Item, range: Range<usize>) -> String {
    let letters = chars[range.clone()]
        .iter()
        .any(|&c| crate::text::bidi::is_strong_rtl(c));
    if matches!(item.kind, Kind::Rtl(_)) && item.rtl && !letters {
        return chars[range].iter().rev().map(|&c| mirrored(c)).collect();
    }
    piece_text(chars, item, range)
}

/// egui's galley of `text` drawn as `kind`, on one line.
fn galley_of(
    fonts: &mut FontsView<'_>,
    text: String,
    kind: Kind,
    style: &ParaStyle,
) -> Arc<Galley> {
    let mut format = style.format();
    if let Kind::Rtl(font) = kind {
        let family = family_of(font);
        if fonts.definitions().families.contains_key(&family) {
            format.font_id.family = family;
        }
    }
    let mut job = LayoutJob::single_section(text, format);
    job.wrap.max_width = f32::INFINITY;
    fonts.layout_job(job)
}

/// Measures every item: its boundaries, and egui's galley where that is how it is measured.
fn measure(fonts: &mut FontsView<'_>, chars: &[char], items: &mut [Item], style: &ParaStyle) {
    for item in items.iter_mut() {
        let text = piece_text(chars, item, item.chars.clone());
        match item.kind {
            Kind::Rtl(font) => {
                let size = style.font_id.size;
                let mut x = 0.0;
                item.edges.push(0.0);
                for a in char_advances(font, &text) {
                    x += a * size;
                    item.edges.push(x);
                }
                item.edges.resize(item.chars.len() + 1, x);
            }
            Kind::Ltr | Kind::Single => {
                let galley = galley_of(fonts, text, item.kind, style);
                let n = item.chars.len();
                item.edges = match galley.rows.first() {
                    Some(row) => (0..=n).map(|k| row.x_offset(CharIndex(k))).collect(),
                    None => vec![0.0; n + 1],
                };
                item.galley = Some(galley);
            }
        }
    }
}

/// Where each line starts and ends: greedy filling at UAX #14 break opportunities (made
/// strict for Japanese: `text::breaks`); a
/// stretch with no opportunity wider than the line (a long URL) is cut between
/// characters. Spaces at a line's end hang past it.
fn break_lines(text: &str, chars: &[char], x: &[f32], width: f32) -> Vec<Range<usize>> {
    let n = chars.len();
    let char_of_byte = |b: usize| text[..b].chars().count();
    let fits = |a: usize, mut b: usize| {
        while b > a && chars[b - 1].is_whitespace() {
            b -= 1;
        }
        x[b] - x[a] <= width + 0.5
    };
    let mut lines = Vec::new();
    let mut start = 0;
    let mut last_fit: Option<usize> = None;
    for byte in crate::text::breaks::line_break_opportunities(text) {
        let opp = char_of_byte(byte);
        if opp <= start || fits(start, opp) {
            last_fit = Some(opp);
            continue;
        }
        if let Some(f) = last_fit.filter(|&f| f > start) {
            lines.push(start..f);
            start = f;
        }
        while !fits(start, opp) {
            let mut cut = (start + 1..opp)
                .rev()
                .find(|&c| fits(start, c))
                .unwrap_or(start + 1);
            // Never between a letter and its combining marks, nor (where the line can
            // spare it) before a small kana or closing mark.
            while cut > start + 1 && cut < n && is_mark(chars[cut]) {
                cut -= 1;
            }
            let mut kinsoku = cut;
            while kinsoku > start + 1 && kinsoku < n && never_starts_a_line(chars[kinsoku]) {
                kinsoku -= 1;
            }
            if kinsoku > start + 1 || !never_starts_a_line(chars[kinsoku]) {
                cut = kinsoku;
            }
            lines.push(start..cut);
            start = cut;
        }
        last_fit = Some(opp);
    }
    if start < n || lines.is_empty() {
        lines.push(start..n);
    }
    lines
}

/// Lays out `text` (see [`ParaLayout::new`]).
pub(super) fn layout(
    fonts: &mut FontsView<'_>,
    text: &str,
    style: &ParaStyle,
    rtl: bool,
) -> ParaLayout {
    let chars: Vec<char> = text.chars().collect();
    let para = BidiParagraph::new(text, rtl);
    let mut items = items_of(&chars, &para);
    measure(fonts, &chars, &mut items, style);

    // Running x of every boundary in logical order, for line breaking.
    let mut x = Vec::with_capacity(chars.len() + 1);
    x.push(0.0);
    for item in &items {
        for k in 0..item.chars.len() {
            let last = *x.last().unwrap_or(&0.0);
            x.push(last + item.edges[k + 1] - item.edges[k]);
        }
    }

    let ranges = break_lines(text, &chars, &x, style.width);
    let rows: Vec<_> = ranges
        .iter()
        .map(|r| line_pieces(fonts, &chars, &para, &items, r.clone(), style))
        .collect();
    let totals: Vec<f32> = rows
        .iter()
        .map(|pieces| pieces.iter().map(|(p, _)| p.width).sum())
        .collect();
    // Unwrapped (a one-line snippet): as wide as its longest line.
    let width = if style.width.is_finite() {
        style.width
    } else {
        totals.iter().copied().fold(0.0, f32::max)
    };
    let mut lines = Vec::new();
    let mut galleys: Vec<(Arc<Galley>, f32, f32)> = Vec::new();
    for (i, (range, mut pieces)) in ranges.into_iter().zip(rows).enumerate() {
        let top = i as f32 * style.line_px;
        let mut at = if rtl { width - totals[i] } else { 0.0 };
        for (p, g) in &mut pieces {
            p.x = at;
            at += p.width;
            galleys.push((g.clone(), p.x, top));
        }
        lines.push(Line {
            start: range.start,
            end: range.end,
            top,
            bottom: top + style.line_px,
            pieces: pieces.into_iter().map(|(p, _)| p).collect(),
        });
    }
    let height = lines.len() as f32 * style.line_px;
    ParaLayout {
        galley: Arc::new(join(fonts, text, style, &galleys, vec2(width, height))),
        lines,
        char_len: chars.len(),
        rtl,
        size: vec2(width, height),
    }
}

/// The pieces of one line, left to right, each with its galley (x not yet set).
fn line_pieces(
    fonts: &mut FontsView<'_>,
    chars: &[char],
    para: &BidiParagraph<'_>,
    items: &[Item],
    line: Range<usize>,
    style: &ParaStyle,
) -> Vec<(Piece, Arc<Galley>)> {
    let mut out = Vec::new();
    for run in para.visual_runs(line) {
        let first = items.partition_point(|it| it.chars.end <= run.chars.start);
        let mut in_run = Vec::new();
        for item in items[first..]
            .iter()
            .take_while(|it| it.chars.start < run.chars.end)
        {
            let (lo, hi) = (
                item.chars.start.max(run.chars.start),
                item.chars.end.min(run.chars.end),
            );
            if lo >= hi {
                continue;
            }
            let whole = lo == item.chars.start && hi == item.chars.end;
            let galley = match (&item.galley, whole) {
                (Some(g), true) => g.clone(),
                _ => galley_of(
                    fonts,
                    line_piece_text(chars, item, lo..hi),
                    item.kind,
                    style,
                ),
            };
            let base = item.edges[lo - item.chars.start];
            let mut edges: Vec<f32> = item.edges[lo - item.chars.start..=hi - item.chars.start]
                .iter()
                .map(|e| e - base)
                .collect();
            let width = galley.size().x;
            // Our shaping and egui's agree up to rounding: make the piece exactly as
            // wide as what is drawn.
            if let Some(&last) = edges.last()
                && last > 0.0
                && width > 0.0
            {
                let scale = width / last;
                edges.iter_mut().for_each(|e| *e *= scale);
            }
            let piece = Piece {
                start: lo,
                rtl: run.rtl,
                x: 0.0,
                width,
                edges,
            };
            in_run.push((piece, galley));
        }
        if run.rtl {
            in_run.reverse();
        }
        out.extend(in_run);
    }
    out
}

/// One galley holding every piece's row at its place.
fn join(
    fonts: &mut FontsView<'_>,
    text: &str,
    style: &ParaStyle,
    pieces: &[(Arc<Galley>, f32, f32)],
    size: egui::Vec2,
) -> Galley {
    let job = Arc::new(LayoutJob::single_section(text.to_owned(), style.format()));
    let parts: Vec<Arc<Galley>> = pieces.iter().map(|(g, _, _)| g.clone()).collect();
    let ppp = parts.first().map_or(1.0, |g| g.pixels_per_point);
    if parts.is_empty() {
        let mut empty = LayoutJob::single_section(String::new(), style.format());
        empty.wrap.max_width = size.x;
        return (*fonts.layout_job(empty)).clone();
    }
    let mut galley = Galley::concat(job, &parts, ppp);
    let mut rows = galley.rows.iter_mut();
    let mut rect = Rect::from_min_size(pos2(0.0, 0.0), size);
    let mut mesh_bounds = Rect::NOTHING;
    for (g, x, top) in pieces {
        for source in &g.rows {
            let Some(row) = rows.next() else { break };
            row.pos = pos2(x + source.pos.x, top + source.pos.y);
            rect |= Rect::from_min_size(row.pos, row.size);
            mesh_bounds |= row.visuals.mesh_bounds.translate(row.pos.to_vec2());
        }
    }
    galley.rect = rect;
    galley.mesh_bounds = mesh_bounds;
    galley
}
