//! Every table's chart as SVG, parsed as XML and checked against its table: each bar's
//! length is proportional to the value it stands for, names and values are text (not
//! paths), label colours are used, and `lectern stats -f svg` writes the same chart.

use lectern::analysis::chart::{ChartKind, ChartOptions, chart};
use lectern::analysis::{
    self, Filter, GroupBy, Table, Unit, VerbOptions, Within, agreement, merge,
};
use lectern::model::{DocId, Document, Edit, Project};
use quick_xml::events::{BytesStart, Event};
use std::path::Path;

/// A bar as the SVG draws it.
#[derive(Debug)]
struct Rect {
    x: f64,
    w: f64,
    fill: String,
    title: String,
}

/// What a chart's SVG holds: its bars and its texts.
#[derive(Debug, Default)]
struct Svg {
    bars: Vec<Rect>,
    texts: Vec<String>,
}

impl Svg {
    fn bar(&self, title: &str) -> &Rect {
        let found: Vec<&Rect> = self.bars.iter().filter(|b| b.title == title).collect();
        assert_eq!(found.len(), 1, "bar {title:?} in {:#?}", self.bars);
        found[0]
    }

    fn has_text(&self, text: &str) -> bool {
        self.texts.iter().any(|t| t == text)
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
        .unwrap_or_default()
}

/// Parses the SVG (failing on anything that is not well-formed XML).
fn parse(svg: &str) -> Svg {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut out = Svg::default();
    let mut open: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut root = None;
    loop {
        match reader.read_event().expect("well-formed SVG") {
            Event::Start(e) | Event::Empty(e) if root.is_none() => {
                root = Some(e.local_name().as_ref().to_owned());
                assert_eq!(attr(&e, "xmlns"), "http://www.w3.org/2000/svg");
                open.push("svg".to_owned());
            }
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_owned();
                if name == "rect" && attr(&e, "class") == "bar" {
                    out.bars.push(Rect {
                        x: attr(&e, "x").parse().expect("x"),
                        w: attr(&e, "width").parse().expect("width"),
                        fill: attr(&e, "fill"),
                        title: String::new(),
                    });
                }
                text.clear();
                open.push(name);
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let raw = format!("&{};", &*r);
                text.push_str(&quick_xml::escape::unescape(&raw).expect("entity"));
            }
            Event::End(_) => {
                let name = open.pop().expect("open element");
                let parent = open.last().map(String::as_str);
                match (name.as_str(), parent) {
                    ("title", Some("rect")) => {
                        out.bars.last_mut().expect("bar").title = text.clone();
                    }
                    ("text", _) => out.texts.push(text.clone()),
                    _ => {}
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(root.as_deref(), Some("svg"));
    out
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/analysis")
        .join(name)
}

fn outlets() -> Project {
    lectern::store::load(&fixture("outlets.ron")).expect("fixture")
}

fn svg_of(kind: ChartKind, project: &Project, table: &Table, options: &ChartOptions) -> Svg {
    let chart = chart(kind, project, table, options).expect("a chart");
    parse(&chart.to_svg())
}

/// Every bar's length divided by its value, which must be the same for all bars.
fn assert_proportional(pairs: &[(f64, f64)]) {
    let scale = pairs[0].0 / pairs[0].1;
    for (w, v) in pairs {
        assert!(
            (w - v * scale).abs() < 0.05,
            "bar of {w} px for {v}, expected {}",
            v * scale
        );
    }
}

#[test]
fn counts_bars_are_proportional_in_label_colours() {
    let p = outlets();
    let t = analysis::label_counts(&p, &Filter::default(), &GroupBy::Outlet);
    let svg = svg_of(ChartKind::Counts, &p, &t, &ChartOptions::default());
    let mut pairs = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        let group = row[0].text();
        assert!(svg.has_text(&group), "{group}");
        assert!(svg.has_text(&row[t.header.len() - 1].text()), "total");
        for (k, label) in t.header[1..t.header.len() - 1].iter().enumerate() {
            let value = t.rows[r][k + 1].value().expect("count");
            if value == 0.0 {
                continue;
            }
            let bar = svg.bar(&format!("{group} · {label}: {value}"));
            let [red, green, blue] = p.label(label).expect("label").rgb();
            assert_eq!(bar.fill, format!("#{red:02x}{green:02x}{blue:02x}"));
            pairs.push((bar.w, value));
        }
        assert!(svg.has_text(&t.header[1]), "legend");
    }
    assert_eq!(pairs.len(), 7);
    assert_proportional(&pairs);
}

/// The fixture with a third article in which the Bulwark calls Papadaki "the firebrand
/// mayor" twice more and quotes Ward twice, so counts differ from bar to bar.
fn outlets_with_repeats() -> Project {
    let mut p = outlets();
    let text =
        "The firebrand mayor spoke. “No,” Ward said. The firebrand mayor left. “Never,” Ward said.";
    let mut d = Document::new(DocId(3), "Again", text);
    d.metadata.outlet = "Daily Bulwark".into();
    p.documents.push(d);
    for (label, needle, occurrence, attribute) in [
        (
            "descriptor",
            "The firebrand mayor",
            1,
            ("target", "Papadaki"),
        ),
        (
            "descriptor",
            "The firebrand mayor",
            2,
            ("target", "Papadaki"),
        ),
        ("quote", "No", 1, ("speaker", "Ward")),
        ("quote", "Never", 1, ("speaker", "Ward")),
    ] {
        let doc = p.document(DocId(3)).expect("doc");
        let r = doc.text.find(needle, occurrence).expect("needle");
        let mut span = p.make_span(DocId(3), label, r.start, r.end).expect("span");
        span.attributes
            .insert(attribute.0.to_owned(), attribute.1.to_owned());
        Edit::AddSpan {
            doc: DocId(3),
            span,
        }
        .apply(&mut p)
        .expect("add");
    }
    p
}

#[test]
fn who_is_quoted_stacked_and_grouped() {
    let p = outlets_with_repeats();
    let t = analysis::who_is_quoted(&p, &Filter::default(), &GroupBy::Outlet);
    for grouped in [false, true] {
        let options = ChartOptions {
            grouped,
            ..ChartOptions::default()
        };
        let svg = svg_of(ChartKind::Quoted, &p, &t, &options);
        let pairs: Vec<(f64, f64)> = t
            .rows
            .iter()
            .map(|row| {
                let value = row[2].value().expect("quotes");
                let title = format!("{} · {}: {value}", row[0].text(), row[1].text());
                (svg.bar(&title).w, value)
            })
            .collect();
        assert!(pairs.iter().any(|(_, v)| *v == 2.0), "{pairs:?}");
        assert_proportional(&pairs);
        for name in [
            "Papadaki",
            "Ward",
            "ministry source",
            "Daily Bulwark",
            "quotes",
        ] {
            assert!(svg.has_text(name), "{name} in {:?}", svg.texts);
        }
    }
}

#[test]
fn verbs_are_shares_of_each_group_by_class() {
    let p = outlets();
    let t = analysis::reporting_verbs(
        &p,
        &Filter::default(),
        &GroupBy::Outlet,
        VerbOptions::default(),
    );
    let svg = svg_of(ChartKind::Verbs, &p, &t, &ChartOptions::default());
    // Daily Bulwark: brand and claim, both evaluative; Northgate: said and told, neutral.
    let bulwark = svg.bar("Daily Bulwark · evaluative: 2 of 2 (brand, claim)");
    let northgate = svg.bar("Northgate Radio · neutral: 2 of 2 (say, tell)");
    assert!((bulwark.w - northgate.w).abs() < 0.01, "both fill 100%");
    assert!(svg.has_text("100% evaluative · n = 2"));
    assert!(svg.has_text("0% evaluative · n = 2"));
    for text in ["neutral", "evaluative", "100%", "50%"] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    assert!(
        !svg.has_text("unclassified"),
        "no unknown verbs, no key for them"
    );
}

#[test]
fn descriptors_of_one_target_side_by_side() {
    let p = outlets_with_repeats();
    let t = analysis::descriptors(&p, &Filter::default(), &GroupBy::Outlet);
    let svg = svg_of(ChartKind::Descriptors, &p, &t, &ChartOptions::default());
    for text in [
        "How Papadaki is described, by outlet",
        "Daily Bulwark",
        "Northgate Radio",
        "Hard-left mayor",
        "the firebrand mayor",
    ] {
        assert!(svg.has_text(text), "{text} in {:?}", svg.texts);
    }
    let pairs: Vec<(f64, f64)> = t
        .rows
        .iter()
        .map(|row| {
            let value = row[3].value().expect("count");
            let title = format!("{} · “{}”: {value}", row[1].text(), row[2].text());
            (svg.bar(&title).w, value)
        })
        .collect();
    assert!(pairs.iter().any(|(_, v)| *v == 3.0), "{pairs:?}");
    assert_proportional(&pairs);
}

#[test]
fn cooccurrence_heat_map_is_darker_for_more() {
    let p = outlets();
    let t = analysis::cooccurrence(&p, &Filter::default(), Within::Sentence);
    let options = ChartOptions {
        within: Within::Sentence,
        ..ChartOptions::default()
    };
    let svg = svg_of(ChartKind::Cooccurrence, &p, &t, &options);
    let n = t.header.len() - 1;
    assert_eq!(svg.bars.len(), n * n);
    assert!(svg.has_text("Co-occurrence of labels within a sentence"));
    let darkness = |fill: &str| {
        let v = u32::from_str_radix(&fill[1..], 16).expect("hex");
        765 - ((v >> 16) + ((v >> 8) & 0xff) + (v & 0xff))
    };
    let mut cells: Vec<(f64, u32)> = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        for c in (0..n).filter(|c| *c != r) {
            let value = row[c + 1].value().expect("count");
            let title = format!("{} with {}: {value}", t.header[r + 1], t.header[c + 1]);
            cells.push((value, darkness(&svg.bar(&title).fill)));
            assert!(svg.has_text(&row[c + 1].text()));
        }
    }
    cells.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(cells.windows(2).all(|w| w[0].1 <= w[1].1), "{cells:?}");
    assert!(cells.first().expect("cells").1 < cells.last().expect("cells").1);
}

#[test]
fn agreement_bars_carry_their_coefficients() {
    let a = lectern::store::load(&fixture("coder-a.ron")).expect("a");
    let b = lectern::store::load(&fixture("coder-b.ron")).expect("b");
    let sources = [
        analysis::MergeSource {
            fallback: "coder-a".into(),
            project: a,
        },
        analysis::MergeSource {
            fallback: "coder-b".into(),
            project: b,
        },
    ];
    let merged = merge("merged", &sources).project;
    let t = agreement(&merged, Unit::Token, true);
    let svg = svg_of(ChartKind::Agreement, &merged, &t, &ChartOptions::default());
    let alpha = t.column("alpha_nominal").expect("alpha");
    let mut pairs = Vec::new();
    for row in &t.rows {
        let value = row[alpha].value().expect("alpha");
        let title = format!(
            "{} · Krippendorff's α: {}",
            row[0].text(),
            row[alpha].display()
        );
        let bar = svg.bar(&title);
        pairs.push((bar.w, value.abs()));
        assert!(svg.has_text(&row[alpha].display()));
    }
    assert_proportional(&pairs);
    // The claim's α is below zero: its bar ends where the others start.
    let claim = svg.bar(&format!(
        "claim · Krippendorff's α: {}",
        t.rows[2][alpha].display()
    ));
    let quote = svg.bar(&format!(
        "quote · Krippendorff's α: {}",
        t.rows[1][alpha].display()
    ));
    assert!(
        (claim.x + claim.w - quote.x).abs() < 0.05,
        "{claim:?} {quote:?}"
    );
    assert!(svg.has_text(".800") && svg.has_text("Cohen's κ"));
}

#[test]
fn the_command_line_writes_the_same_charts() {
    let dir = fixture("");
    for (table, extra) in [
        ("counts", &[][..]),
        ("quoted", &["--grouped"][..]),
        ("verbs", &["--speaker", "--detail"][..]),
        ("descriptors", &["--target", "Papadaki"][..]),
        ("cooccurrence", &["--attribute", "speaker"][..]),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_lectern"))
            .args(["stats", "outlets.ron", "-t", table, "-f", "svg"])
            .args(extra)
            .current_dir(&dir)
            .output()
            .expect("run lectern");
        assert!(
            out.status.success(),
            "{table}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = parse(&String::from_utf8(out.stdout).expect("utf-8"));
        assert!(!svg.bars.is_empty(), "{table} has bars");
    }
    // PNG goes to a file only.
    let out_dir = tempfile::tempdir().expect("tempdir");
    let png = out_dir.path().join("verbs.png");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lectern"))
            .args(["stats", "outlets.ron", "-t", "verbs", "-f", "png"])
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("run lectern")
    };
    let out = run(&["-o", png.to_str().expect("path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).expect("png written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    let out = run(&[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--output chart.png"));

    let p = outlets();
    let t = analysis::label_counts(&p, &Filter::default(), &GroupBy::Outlet);
    let expected = chart(ChartKind::Counts, &p, &t, &ChartOptions::default())
        .expect("chart")
        .to_svg();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["stats", "outlets.ron", "-f", "svg"])
        .current_dir(&dir)
        .output()
        .expect("run lectern");
    assert_eq!(String::from_utf8(out.stdout).expect("utf-8"), expected);
}

#[test]
fn charts_as_png_are_the_svg_drawn_at_twice_the_size() {
    let p = outlets();
    let t = analysis::label_counts(&p, &Filter::default(), &GroupBy::Outlet);
    let chart = chart(ChartKind::Counts, &p, &t, &ChartOptions::default()).expect("chart");
    let png = chart.to_png(2.0).expect("a PNG");
    let image = image::load_from_memory(&png).expect("a PNG").to_rgba8();
    let size = |px: f32| {
        // Chart sizes are small positive numbers.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let px = (px * 2.0).ceil() as u32;
        px
    };
    assert_eq!(image.width(), size(chart.width));
    assert_eq!(image.height(), size(chart.height));
    // Each bar is drawn in its colour where the SVG puts it.
    for bar in chart.bars() {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (x, y) = (
            ((bar.x + bar.w / 2.0) * 2.0) as u32,
            ((bar.y + bar.h / 2.0) * 2.0) as u32,
        );
        let pixel = image.get_pixel(x, y).0;
        assert_eq!([pixel[0], pixel[1], pixel[2]], bar.fill.0, "{}", bar.name);
    }
    // The title is drawn: dark pixels where it is, on a white page.
    let dark = (0..image.width() / 2)
        .flat_map(|x| (20..50).map(move |y| (x, y)))
        .filter(|(x, y)| image.get_pixel(*x, *y).0[0] < 100)
        .count();
    assert!(dark > 200, "{dark} dark pixels in the title");
    assert_eq!(image.get_pixel(1, 1).0, [255, 255, 255, 255]);
}
