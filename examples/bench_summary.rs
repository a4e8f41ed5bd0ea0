//! One-screen performance summary for issue 6: `cargo run --release --example bench_summary`.
//!
//! Generates the deterministic workload of `benches/support/workload.rs` (a ~5 MB article,
//! 50,000 spans, 1,000 relations), measures the real document view headlessly (egui
//! `Context::run_ui` plus tessellation, no GPU), the whole window driven through the app
//! (open job, frames with the 50,000-row annotation list, labelling and undo), opening,
//! saving, exporting and searching, and a naive `TextEdit` holding the same text and
//! highlights for comparison. Prints each
//! figure with its target and writes the numbers to `target/bench-summary.json`.
//! Figures are medians of several runs unless marked otherwise.

#[path = "../benches/support/corpus.rs"]
mod corpus;
#[path = "../benches/support/corpus_figures.rs"]
mod corpus_figures;
#[path = "../benches/support/frames.rs"]
mod frames;
#[path = "../benches/support/workload.rs"]
mod workload;
// Issue 13: the same view on a 5 MB Arabic article.
#[path = "../benches/support/arabic.rs"]
mod arabic;

#[path = "../benches/support/assist.rs"]
mod assist_bench;

#[path = "../benches/support/align_corpus.rs"]
mod align_corpus;

use egui::text::LayoutJob;
use egui::{Color32, FontId, TextFormat, Ui};
use frames::{Figure, Frames, median, ms_since, reset_peak, status_mb};
use lectern::formats::export::{ExportFormat, export};
use lectern::model::search::{Query, Scope, search};
use lectern::model::{Edit, Project, Span};
use lectern::store;
use lectern::ui::doc_view::{DocView, DocViewState};
use std::time::Instant;

/// The real view of the workload document, as the app shows it.
fn view_frame(f: &mut Frames, project: &Project, revision: u64, state: &mut DocViewState) -> f64 {
    let doc = &project.documents[0];
    f.frame(|ui| {
        let _ = DocView::new(doc, &project.labels, revision).show(ui, state);
    })
}

/// One LayoutJob for the whole text with each span's background (overlaps clipped).
fn naive_job(project: &Project, wrap: f32) -> LayoutJob {
    let doc = &project.documents[0];
    let text = doc.text.as_str();
    let colors: Vec<(String, Color32)> = project
        .labels
        .iter()
        .map(|l| {
            let [r, g, b] = l.rgb();
            (l.name.clone(), Color32::from_rgba_unmultiplied(r, g, b, 70))
        })
        .collect();
    let font = FontId::proportional(16.0);
    let plain = TextFormat::simple(font.clone(), Color32::BLACK);
    let mut job = LayoutJob {
        text: text.to_owned(),
        ..Default::default()
    };
    job.wrap.max_width = wrap;
    let mut at = 0; // byte
    let section = |job: &mut LayoutJob, r: std::ops::Range<usize>, fmt: &TextFormat| {
        if !r.is_empty() {
            job.sections.push(egui::text::LayoutSection {
                leading_space: 0.0,
                byte_range: egui::text::ByteIndex(r.start)..egui::text::ByteIndex(r.end),
                format: fmt.clone(),
            });
        }
    };
    for s in &doc.spans {
        let Some(b) = doc.text.byte_range(s.start..s.end) else {
            continue;
        };
        if b.end <= at {
            continue;
        }
        let start = b.start.max(at);
        section(&mut job, at..start, &plain);
        let mut fmt = plain.clone();
        fmt.background = colors
            .iter()
            .find(|(n, _)| *n == s.label)
            .map_or(Color32::LIGHT_GRAY, |c| c.1);
        section(&mut job, start..b.end, &fmt);
        at = b.end;
    }
    section(&mut job, at..text.len(), &plain);
    job
}

fn main() -> anyhow::Result<()> {
    if std::env::args().any(|a| a == "--corpus") {
        return corpus_figures::run();
    }
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let mut figs: Vec<Figure> = Vec::new();
    let mut fig = |key, name, value, unit, target| {
        figs.push(Figure {
            key,
            name,
            value,
            unit,
            target,
        })
    };

    // ---- the workload, saved to a file, then dropped
    let t = Instant::now();
    let generated = workload::project();
    let text_bytes = generated.documents[0].text.as_str().len();
    let text_mb = text_bytes as f64 / 1e6;
    let problems = generated.problems();
    anyhow::ensure!(problems.is_empty(), "workload is invalid: {problems:?}");
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.ron");
    store::save(&generated, &path)?;
    let file_mb = std::fs::metadata(&path)?.len() as f64 / 1e6;
    eprintln!(
        "workload: {text_mb:.2} MB text, {} chars, {} spans, {} relations, {file_mb:.1} MB project file ({:.1} s to make)",
        generated.documents[0].text.len_chars(),
        generated.documents[0].spans.len(),
        generated.documents[0].relations.len(),
        t.elapsed().as_secs_f64()
    );
    drop(generated);

    // ---- open: read + parse + check (index: see the first frame)
    reset_peak();
    let rss_before = status_mb("VmRSS:");
    let mut open = Vec::new();
    let mut project = Project::new("");
    for _ in 0..runs.min(3) {
        drop(std::mem::replace(&mut project, Project::new("")));
        let t = Instant::now();
        project = store::load(&path)?;
        open.push(ms_since(t));
    }
    let open_ms = median(open);
    // Where opening spends its time: parsing alone, then the project's own checks.
    let raw = std::fs::read_to_string(&path)?;
    /// What `store::from_ron_unchecked` parses first to refuse future formats.
    #[derive(serde::Deserialize)]
    #[serde(rename = "Project")]
    struct Header {
        #[allow(dead_code)]
        format: u32,
    }
    let t = Instant::now();
    let _: Header = ron::from_str(&raw)?;
    let header_ms = ms_since(t);
    let t = Instant::now();
    let parsed = store::from_ron_unchecked(&raw, &path)?;
    let parse_ms = ms_since(t);
    let t = Instant::now();
    let n_problems = parsed.problems().len();
    let check_ms = ms_since(t);
    anyhow::ensure!(n_problems == 0, "reopened workload is invalid");
    drop((raw, parsed));

    eprintln!(
        "peak memory after opening {} times: {:.0} MB",
        runs.min(3),
        status_mb("VmHWM:")
    );

    // ---- the real view: first frame (cut into blocks, measure all heights, index spans)
    let mut first = Vec::new();
    let mut f = Frames::new();
    let mut state = DocViewState::default();
    for _ in 0..runs.min(3) {
        f = Frames::new();
        state = DocViewState::default();
        first.push(view_frame(&mut f, &project, 0, &mut state));
    }
    let first_ms = median(first);
    fig(
        "open_ms",
        "open project (read+parse+check)",
        open_ms,
        "ms",
        Some(300.0),
    );
    fig(
        "open_header_ms",
        "  of which format-header pre-parse",
        header_ms,
        "ms",
        None,
    );
    fig(
        "open_parse_ms",
        "  of which RON parse (incl. header)",
        parse_ms,
        "ms",
        None,
    );
    fig(
        "open_check_ms",
        "  of which problems() check (1 run)",
        check_ms,
        "ms",
        None,
    );
    fig(
        "first_frame_ms",
        "first frame (blocks+heights+index)",
        first_ms,
        "ms",
        None,
    );
    fig(
        "open_to_first_frame_ms",
        "open + first frame",
        open_ms + first_ms,
        "ms",
        Some(300.0),
    );

    // ---- steady frame, scrolled to the middle
    let chars = project.documents[0].text.len_chars();
    let mut revision = 0;
    state.scroll_to = Some(chars / 2);
    for _ in 0..3 {
        view_frame(&mut f, &project, revision, &mut state);
    }
    let steady: Vec<f64> = (0..20.max(runs))
        .map(|_| view_frame(&mut f, &project, revision, &mut state))
        .collect();
    let steady_ms = median(steady);
    fig(
        "steady_frame_ms",
        "steady frame, middle of text",
        steady_ms,
        "ms",
        Some(1.0),
    );

    // ---- add a span, delete it (apply the edit, bump the revision)
    let doc_id = project.documents[0].id;
    let mid = chars / 2;
    let (mut add, mut del) = (Vec::new(), Vec::new());
    for i in 0..runs {
        let span: Span = project
            .make_span(doc_id, "claim", mid + i, mid + i + 12)
            .expect("span in text");
        Edit::AddSpan {
            doc: doc_id,
            span: span.clone(),
        }
        .apply(&mut project)?;
        revision += 1;
        add.push(view_frame(&mut f, &project, revision, &mut state));
        view_frame(&mut f, &project, revision, &mut state);
        Edit::RemoveSpan { doc: doc_id, span }.apply(&mut project)?;
        revision += 1;
        del.push(view_frame(&mut f, &project, revision, &mut state));
        view_frame(&mut f, &project, revision, &mut state);
    }
    fig(
        "add_span_frame_ms",
        "frame after adding a span",
        median(add),
        "ms",
        Some(4.0),
    );
    fig(
        "delete_span_frame_ms",
        "frame after deleting a span",
        median(del),
        "ms",
        Some(4.0),
    );

    // ---- jump 4 MB away: every frame from the one that asks until the target is drawn
    let (mut jump_max, mut jump_sum, mut jump_frames) = (Vec::new(), Vec::new(), 0);
    let text = project.documents[0].text.as_str();
    let far = [200_000, 4_300_000].map(|b| {
        project.documents[0]
            .text
            .char_of(text.floor_char_boundary(b))
            .expect("in text")
    });
    for i in 0..runs {
        let target = far[(i + 1) % 2];
        state.scroll_to = Some(target);
        let mut times = Vec::new();
        while times.len() < 10 {
            times.push(view_frame(&mut f, &project, revision, &mut state));
            if state.char_rect(target).is_some() {
                break;
            }
        }
        anyhow::ensure!(
            state.char_rect(target).is_some(),
            "the jump did not bring code point {target} into view in 10 frames"
        );
        jump_frames = jump_frames.max(times.len());
        jump_max.push(times.iter().copied().fold(0.0, f64::max));
        jump_sum.push(times.iter().sum());
        view_frame(&mut f, &project, revision, &mut state);
    }
    fig(
        "jump_frame_ms",
        "jump 4 MB: slowest frame",
        median(jump_max),
        "ms",
        Some(4.0),
    );
    fig(
        "jump_total_ms",
        "jump 4 MB: all frames until shown",
        median(jump_sum),
        "ms",
        None,
    );
    eprintln!("jump: target drawn after {jump_frames} frame(s)");

    let peak_open_mb = status_mb("VmHWM:");
    let budget_mb = 5.0 * text_mb + 150.0;
    eprintln!("RSS before open {rss_before:.0} MB, peak with project open {peak_open_mb:.0} MB");
    drop(f);

    // ---- save
    let out_path = dir.path().join("saved.ron");
    let save: Vec<f64> = (0..runs.min(3))
        .map(|_| {
            let t = Instant::now();
            store::save(&project, &out_path).expect("save");
            ms_since(t)
        })
        .collect();
    fig(
        "save_ms",
        "save project (to_ron+write)",
        median(save),
        "ms",
        Some(300.0),
    );

    // ---- exports
    for (key, name, format) in [
        ("export_csv_ms", "export 50k spans, CSV", ExportFormat::Csv),
        (
            "export_jsonl_ms",
            "export 50k spans, JSONL",
            ExportFormat::Jsonl,
        ),
    ] {
        let mut buf = Vec::with_capacity(32 << 20);
        let v: Vec<f64> = (0..runs)
            .map(|_| {
                buf.clear();
                let t = Instant::now();
                export(&project, format, &mut buf).expect("export");
                ms_since(t)
            })
            .collect();
        fig(key, name, median(v), "ms", Some(100.0));
    }

    // ---- project-wide search for a common word
    let query = Query::plain("minister");
    let mut found = 0;
    let v: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let r = search(&project, &query, Scope::Project).expect("search");
            let dt = ms_since(t);
            found = r.matches.len();
            dt
        })
        .collect();
    eprintln!("search \"minister\": {found} matches shown");
    fig(
        "search_ms",
        "search \"minister\", whole project",
        median(v),
        "ms",
        Some(50.0),
    );
    fig(
        "peak_memory_mb",
        "peak memory, project open",
        peak_open_mb,
        "MB",
        Some(budget_mb),
    );

    // ---- the whole window as a researcher sees it: menus, document list, annotation list
    // (50,000 rows), details and the document view, driven through the app's own paths.
    let mut app = lectern::ui::Lectern::new(None);
    app.use_manual_clock();
    let t = Instant::now();
    app.open_project_path(&path);
    anyhow::ensure!(
        app.finish_jobs(),
        "the window did not open the workload: {}",
        app.status()
    );
    let window_open_ms = ms_since(t);
    let mut w = Frames::new();
    let window_first = w.frame(|ui| app.ui(ui));
    let middle = workload::SPANS / 2;
    let (mid_id, free_at) = {
        let spans = &app.project().documents[0].spans;
        (spans[middle].id, spans[middle].end + 1)
    };
    app.handle_select(mid_id);
    for _ in 0..5 {
        w.frame(|ui| app.ui(ui));
    }
    let window_steady = median(
        (0..20.max(runs))
            .map(|_| w.frame(|ui| app.ui(ui)))
            .collect(),
    );
    let spans_now = |app: &lectern::ui::Lectern| app.project().documents[0].spans.len();
    let undo = || {
        vec![egui::Event::Key {
            key: egui::Key::Z,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::COMMAND,
        }]
    };
    let (mut window_add, mut window_undo) = (Vec::new(), Vec::new());
    for i in 0..runs {
        // Select a few words and press the label's key path (`apply_label`), as a coder does.
        app.set_selection(free_at + 2 * i, free_at + 2 * i + 12);
        app.apply_label("claim");
        anyhow::ensure!(
            spans_now(&app) == workload::SPANS + 1,
            "no span was added: {}",
            app.status()
        );
        window_add.push(w.frame(|ui| app.ui(ui)));
        w.frame(|ui| app.ui(ui));
        window_undo.push(w.frame_with(undo(), |ui| app.ui(ui)));
        anyhow::ensure!(spans_now(&app) == workload::SPANS, "Ctrl+Z did not undo");
        w.frame(|ui| app.ui(ui));
    }
    fig(
        "window_open_ms",
        "window: open job (+ warnings, session)",
        window_open_ms,
        "ms",
        None,
    );
    fig(
        "window_first_frame_ms",
        "window: first frame",
        window_first,
        "ms",
        None,
    );
    fig(
        "window_steady_frame_ms",
        "window: steady frame, span selected",
        window_steady,
        "ms",
        None,
    );
    fig(
        "window_add_frame_ms",
        "window: frame after labelling a span",
        median(window_add),
        "ms",
        Some(4.0),
    );
    fig(
        "window_undo_frame_ms",
        "window: frame that undoes it (Ctrl+Z)",
        median(window_undo),
        "ms",
        Some(4.0),
    );
    drop(app);

    // ---- naive: one TextEdit holding the whole text with the same highlights
    let wrap = 16.0 * lectern::ui::theme::MEASURE_EM;
    let mut f = Frames::new();
    let doc_text = project.documents[0].text.as_str().to_owned();
    let naive = |ui: &mut Ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let mut layouter = |ui: &Ui, _buf: &dyn egui::TextBuffer, _w: f32| {
                ui.fonts_mut(|fo| fo.layout_job(naive_job(&project, wrap)))
            };
            let mut s: &str = &doc_text;
            egui::TextEdit::multiline(&mut s)
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter)
                .show(ui);
        });
    };
    let naive_first = f.frame(naive);
    let naive_steady = median((0..runs.min(3)).map(|_| f.frame(naive)).collect());
    let ratio = naive_steady / steady_ms;
    fig(
        "naive_first_frame_ms",
        "naive TextEdit: first frame",
        naive_first,
        "ms",
        None,
    );
    fig(
        "naive_steady_frame_ms",
        "naive TextEdit: steady frame",
        naive_steady,
        "ms",
        None,
    );
    figs.push(Figure {
        key: "naive_over_view_ratio",
        name: "naive / Lectern steady frame",
        value: ratio,
        unit: "x",
        target: Some(100.0),
    });

    // ---- issue 13: a 5 MB Arabic article through the bidi layout
    for (key, name, value, target) in arabic::figures(runs) {
        figs.push(Figure {
            key,
            name,
            value,
            unit: "ms",
            target,
        });
    }
    // ---- the quote assistant (issue 11): one average article, 1,000 in under 20 s
    figs.push(Figure {
        key: "assist_article_ms",
        name: "quote assistant: one 5 KB article",
        value: assist_bench::per_article_ms(runs),
        unit: "ms",
        target: Some(20.0),
    });

    // ---- issue 12: the Quote tracker on its own generated corpus
    for (key, name, value, unit, target) in align_corpus::summary(runs) {
        figs.push(Figure {
            key,
            name,
            value,
            unit,
            target,
        });
    }

    // ---- report
    let title = format!(
        "Lectern performance summary — {text_mb:.1} MB text, 50,000 spans, 1,000 relations; medians of {runs} runs"
    );
    let extra = [
        ("text_bytes", text_bytes as f64),
        ("project_file_mb", file_mb),
        ("runs", runs as f64),
    ];
    frames::report(&title, &figs, &extra, "bench-summary.json")?;
    println!("10,000-article figures (issue 17): add -- --corpus (takes minutes)");
    Ok(())
}
