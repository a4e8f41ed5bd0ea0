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

// Every function stays under 100 lines, as in the library (src/lib.rs).
#![warn(clippy::too_many_lines)]

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

/// The figures measured so far, in the order they are printed.
#[derive(Default)]
struct Figures(Vec<Figure>);

impl Figures {
    fn add(
        &mut self,
        key: &'static str,
        name: &'static str,
        value: f64,
        unit: &'static str,
        target: Option<f64>,
    ) {
        self.0.push(Figure {
            key,
            name,
            value,
            unit,
            target,
        });
    }
}

/// The workload saved to a project file (in a temporary folder that lives as long as this).
struct Workload {
    dir: tempfile::TempDir,
    path: std::path::PathBuf,
    text_bytes: usize,
    text_mb: f64,
    file_mb: f64,
}

/// Generates the workload, saves it to a file and drops it.
fn save_workload() -> anyhow::Result<Workload> {
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
    Ok(Workload {
        dir,
        path,
        text_bytes,
        text_mb,
        file_mb,
    })
}

/// How long opening took, whole and in its parts, and the memory before it.
struct Opened {
    open_ms: f64,
    header_ms: f64,
    parse_ms: f64,
    check_ms: f64,
    rss_before: f64,
}

/// Opens the workload file (read + parse + check) a few times, then times parsing alone
/// and the project's own checks, to show where opening spends its time.
fn open_workload(path: &std::path::Path, runs: usize) -> anyhow::Result<(Project, Opened)> {
    reset_peak();
    let rss_before = status_mb("VmRSS:");
    let mut open = Vec::new();
    let mut project = Project::new("");
    for _ in 0..runs.min(3) {
        drop(std::mem::replace(&mut project, Project::new("")));
        let t = Instant::now();
        project = store::load(path)?;
        open.push(ms_since(t));
    }
    let open_ms = median(open);
    let raw = std::fs::read_to_string(path)?;
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
    let parsed = store::from_ron_unchecked(&raw, path)?;
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
    let opened = Opened {
        open_ms,
        header_ms,
        parse_ms,
        check_ms,
        rss_before,
    };
    Ok((project, opened))
}

/// The real document view of the workload, with the project's revision as edits bump it.
struct View {
    f: Frames,
    state: DocViewState,
    revision: u64,
}

impl View {
    fn frame(&mut self, project: &Project) -> f64 {
        view_frame(&mut self.f, project, self.revision, &mut self.state)
    }
}

/// The first frame (cut into blocks, measure all heights, index spans), with the opening
/// figures before it; the view as the last run left it.
fn first_frame_figures(
    project: &Project,
    opened: &Opened,
    runs: usize,
    figs: &mut Figures,
) -> View {
    let mut first = Vec::new();
    let mut view = View {
        f: Frames::new(),
        state: DocViewState::default(),
        revision: 0,
    };
    for _ in 0..runs.min(3) {
        view.f = Frames::new();
        view.state = DocViewState::default();
        first.push(view.frame(project));
    }
    let first_ms = median(first);
    let open_ms = opened.open_ms;
    figs.add(
        "open_ms",
        "open project (read+parse+check)",
        open_ms,
        "ms",
        Some(300.0),
    );
    figs.add(
        "open_header_ms",
        "  of which format-header pre-parse",
        opened.header_ms,
        "ms",
        None,
    );
    figs.add(
        "open_parse_ms",
        "  of which RON parse (incl. header)",
        opened.parse_ms,
        "ms",
        None,
    );
    figs.add(
        "open_check_ms",
        "  of which problems() check (1 run)",
        opened.check_ms,
        "ms",
        None,
    );
    figs.add(
        "first_frame_ms",
        "first frame (blocks+heights+index)",
        first_ms,
        "ms",
        None,
    );
    figs.add(
        "open_to_first_frame_ms",
        "open + first frame",
        open_ms + first_ms,
        "ms",
        Some(300.0),
    );
    view
}

/// The steady frame scrolled to the middle of the text; returns it.
fn steady_frame_figure(project: &Project, view: &mut View, runs: usize, figs: &mut Figures) -> f64 {
    let chars = project.documents[0].text.len_chars();
    view.state.scroll_to = Some(chars / 2);
    for _ in 0..3 {
        view.frame(project);
    }
    let steady: Vec<f64> = (0..20.max(runs)).map(|_| view.frame(project)).collect();
    let steady_ms = median(steady);
    figs.add(
        "steady_frame_ms",
        "steady frame, middle of text",
        steady_ms,
        "ms",
        Some(1.0),
    );
    steady_ms
}

/// The frames after adding a span and deleting it (the edit applied, the revision bumped).
fn edit_frame_figures(
    project: &mut Project,
    view: &mut View,
    runs: usize,
    figs: &mut Figures,
) -> anyhow::Result<()> {
    let doc_id = project.documents[0].id;
    let mid = project.documents[0].text.len_chars() / 2;
    let (mut add, mut del) = (Vec::new(), Vec::new());
    for i in 0..runs {
        let span: Span = project
            .make_span(doc_id, "claim", mid + i, mid + i + 12)
            .expect("span in text");
        Edit::AddSpan {
            doc: doc_id,
            span: span.clone(),
        }
        .apply(project)?;
        view.revision += 1;
        add.push(view.frame(project));
        view.frame(project);
        Edit::RemoveSpan { doc: doc_id, span }.apply(project)?;
        view.revision += 1;
        del.push(view.frame(project));
        view.frame(project);
    }
    figs.add(
        "add_span_frame_ms",
        "frame after adding a span",
        median(add),
        "ms",
        Some(4.0),
    );
    figs.add(
        "delete_span_frame_ms",
        "frame after deleting a span",
        median(del),
        "ms",
        Some(4.0),
    );
    Ok(())
}

/// A jump 4 MB away: every frame from the one that asks until the target is drawn.
fn jump_figures(
    project: &Project,
    view: &mut View,
    runs: usize,
    figs: &mut Figures,
) -> anyhow::Result<()> {
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
        view.state.scroll_to = Some(target);
        let mut times = Vec::new();
        while times.len() < 10 {
            times.push(view.frame(project));
            if view.state.char_rect(target).is_some() {
                break;
            }
        }
        anyhow::ensure!(
            view.state.char_rect(target).is_some(),
            "the jump did not bring code point {target} into view in 10 frames"
        );
        jump_frames = jump_frames.max(times.len());
        jump_max.push(times.iter().copied().fold(0.0, f64::max));
        jump_sum.push(times.iter().sum());
        view.frame(project);
    }
    figs.add(
        "jump_frame_ms",
        "jump 4 MB: slowest frame",
        median(jump_max),
        "ms",
        Some(4.0),
    );
    figs.add(
        "jump_total_ms",
        "jump 4 MB: all frames until shown",
        median(jump_sum),
        "ms",
        None,
    );
    eprintln!("jump: target drawn after {jump_frames} frame(s)");
    Ok(())
}

/// Saving, the span exports and a project-wide search for a common word.
fn file_and_search_figures(project: &Project, work: &Workload, runs: usize, figs: &mut Figures) {
    let out_path = work.dir.path().join("saved.ron");
    let save: Vec<f64> = (0..runs.min(3))
        .map(|_| {
            let t = Instant::now();
            store::save(project, &out_path).expect("save");
            ms_since(t)
        })
        .collect();
    figs.add(
        "save_ms",
        "save project (to_ron+write)",
        median(save),
        "ms",
        Some(300.0),
    );
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
                export(project, format, &mut buf).expect("export");
                ms_since(t)
            })
            .collect();
        figs.add(key, name, median(v), "ms", Some(100.0));
    }
    let query = Query::plain("minister");
    let mut found = 0;
    let v: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let r = search(project, &query, Scope::Project).expect("search");
            let dt = ms_since(t);
            found = r.matches.len();
            dt
        })
        .collect();
    eprintln!("search \"minister\": {found} matches shown");
    figs.add(
        "search_ms",
        "search \"minister\", whole project",
        median(v),
        "ms",
        Some(50.0),
    );
}

/// A Ctrl+Z key press.
fn undo_key() -> Vec<egui::Event> {
    vec![egui::Event::Key {
        key: egui::Key::Z,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    }]
}

/// What the whole window's frames took.
struct WindowTimes {
    open_ms: f64,
    first: f64,
    steady: f64,
    add: Vec<f64>,
    undo: Vec<f64>,
}

/// The whole window as a researcher sees it: menus, document list, annotation list (50,000
/// rows), details and the document view, driven through the app's own paths.
fn window_times(path: &std::path::Path, runs: usize) -> anyhow::Result<WindowTimes> {
    let mut app = lectern::ui::Lectern::new(None);
    app.use_manual_clock();
    let t = Instant::now();
    app.open_project_path(path);
    anyhow::ensure!(
        app.finish_jobs(),
        "the window did not open the workload: {}",
        app.status()
    );
    let open_ms = ms_since(t);
    let mut w = Frames::new();
    let first = w.frame(|ui| app.ui(ui));
    let middle = workload::SPANS / 2;
    let (mid_id, free_at) = {
        let spans = &app.project().documents[0].spans;
        (spans[middle].id, spans[middle].end + 1)
    };
    app.handle_select(mid_id);
    for _ in 0..5 {
        w.frame(|ui| app.ui(ui));
    }
    let steady = median(
        (0..20.max(runs))
            .map(|_| w.frame(|ui| app.ui(ui)))
            .collect(),
    );
    let spans_now = |app: &lectern::ui::Lectern| app.project().documents[0].spans.len();
    let (mut add, mut undo) = (Vec::new(), Vec::new());
    for i in 0..runs {
        // Select a few words and press the label's key path (`apply_label`), as a coder does.
        app.set_selection(free_at + 2 * i, free_at + 2 * i + 12);
        app.apply_label("claim");
        anyhow::ensure!(
            spans_now(&app) == workload::SPANS + 1,
            "no span was added: {}",
            app.status()
        );
        add.push(w.frame(|ui| app.ui(ui)));
        w.frame(|ui| app.ui(ui));
        undo.push(w.frame_with(undo_key(), |ui| app.ui(ui)));
        anyhow::ensure!(spans_now(&app) == workload::SPANS, "Ctrl+Z did not undo");
        w.frame(|ui| app.ui(ui));
    }
    Ok(WindowTimes {
        open_ms,
        first,
        steady,
        add,
        undo,
    })
}

/// The whole window's figures.
fn window_figures(path: &std::path::Path, runs: usize, figs: &mut Figures) -> anyhow::Result<()> {
    let w = window_times(path, runs)?;
    figs.add(
        "window_open_ms",
        "window: open job (+ warnings, session)",
        w.open_ms,
        "ms",
        None,
    );
    figs.add(
        "window_first_frame_ms",
        "window: first frame",
        w.first,
        "ms",
        None,
    );
    figs.add(
        "window_steady_frame_ms",
        "window: steady frame, span selected",
        w.steady,
        "ms",
        None,
    );
    figs.add(
        "window_add_frame_ms",
        "window: frame after labelling a span",
        median(w.add),
        "ms",
        Some(4.0),
    );
    figs.add(
        "window_undo_frame_ms",
        "window: frame that undoes it (Ctrl+Z)",
        median(w.undo),
        "ms",
        Some(4.0),
    );
    Ok(())
}

/// The naive way for comparison: one TextEdit holding the whole text with the same
/// highlights.
fn naive_figures(project: &Project, steady_ms: f64, runs: usize, figs: &mut Figures) {
    let wrap = 16.0 * lectern::ui::theme::MEASURE_EM;
    let mut f = Frames::new();
    let doc_text = project.documents[0].text.as_str().to_owned();
    let naive = |ui: &mut Ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let mut layouter = |ui: &Ui, _buf: &dyn egui::TextBuffer, _w: f32| {
                ui.fonts_mut(|fo| fo.layout_job(naive_job(project, wrap)))
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
    figs.add(
        "naive_first_frame_ms",
        "naive TextEdit: first frame",
        naive_first,
        "ms",
        None,
    );
    figs.add(
        "naive_steady_frame_ms",
        "naive TextEdit: steady frame",
        naive_steady,
        "ms",
        None,
    );
    figs.add(
        "naive_over_view_ratio",
        "naive / Lectern steady frame",
        naive_steady / steady_ms,
        "x",
        Some(100.0),
    );
}

/// The engines' figures, each on its own generated input: the 5 MB Arabic article through
/// the bidi layout (issue 13), the quote assistant on one average article (issue 11: 1,000
/// in under 20 s) and the Quote tracker on its corpus (issue 12).
fn engine_figures(runs: usize, figs: &mut Figures) {
    for (key, name, value, target) in arabic::figures(runs) {
        figs.add(key, name, value, "ms", target);
    }
    figs.add(
        "assist_article_ms",
        "quote assistant: one 5 KB article",
        assist_bench::per_article_ms(runs),
        "ms",
        Some(20.0),
    );
    for (key, name, value, unit, target) in align_corpus::summary(runs) {
        figs.add(key, name, value, unit, target);
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == corpus_figures::MEMORY_CHILD) {
        return corpus_figures::memory_child(args.get(at + 1).map(std::path::Path::new));
    }
    if args.iter().any(|a| a == "--corpus") {
        return corpus_figures::run();
    }
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let mut figs = Figures::default();
    let work = save_workload()?;
    let (mut project, opened) = open_workload(&work.path, runs)?;
    let mut view = first_frame_figures(&project, &opened, runs, &mut figs);
    let steady_ms = steady_frame_figure(&project, &mut view, runs, &mut figs);
    edit_frame_figures(&mut project, &mut view, runs, &mut figs)?;
    jump_figures(&project, &mut view, runs, &mut figs)?;
    let peak_open_mb = status_mb("VmHWM:");
    let budget_mb = 5.0 * work.text_mb + 150.0;
    eprintln!(
        "RSS before open {:.0} MB, peak with project open {peak_open_mb:.0} MB",
        opened.rss_before
    );
    drop(view);
    file_and_search_figures(&project, &work, runs, &mut figs);
    figs.add(
        "peak_memory_mb",
        "peak memory, project open",
        peak_open_mb,
        "MB",
        Some(budget_mb),
    );
    window_figures(&work.path, runs, &mut figs)?;
    naive_figures(&project, steady_ms, runs, &mut figs);
    engine_figures(runs, &mut figs);

    let title = format!(
        "Lectern performance summary — {:.1} MB text, 50,000 spans, 1,000 relations; medians of {runs} runs",
        work.text_mb
    );
    let extra = [
        ("text_bytes", work.text_bytes as f64),
        ("project_file_mb", work.file_mb),
        ("runs", runs as f64),
    ];
    frames::report(&title, &figs.0, &extra, "bench-summary.json")?;
    println!("10,000-article figures (issue 17): add -- --corpus (takes minutes)");
    Ok(())
}
