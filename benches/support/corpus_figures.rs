//! Issue 17's figures for 10,000 articles (`cargo run --release --example bench_summary --
//! --corpus`): the corpus workload of `corpus.rs` saved, opened, saved again, listed,
//! searched, counted, exported (CSV, brat, REFI-QDA, xlsx), autosaved after an edit, and
//! brat-imported at 1,000, 2,500, 5,000 and 10,000 documents to show that import time
//! grows linearly. Takes minutes; `BENCH_CORPUS_DOCS=n` runs a smaller corpus (the
//! import sizes shrink with it), `BENCH_CORPUS_QUICK=1` leaves out exports and imports. Writes `target/bench-corpus.json`.

use super::corpus;
use super::frames::{Figure, Frames, cpu_ms, median, ms_since, reset_peak, status_mb};
use lectern::analysis::{self, Filter, GroupBy, Within};
use lectern::formats::ImportFormat;
use lectern::formats::export::{ExportFormat, export_to_path};
use lectern::model::search::{Query, Scope, search};
use lectern::model::{Edit, History, Project};
use lectern::progress::Progress;
use lectern::store;
use lectern::ui::doc_list::{DocListContext, DocListOrder, DocListView, DocSort, doc_list_ui};
use lectern::ui::session::Session;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// An import slower than this is not followed by the next bigger one (the run would
/// otherwise take hours while the import is superlinear).
const IMPORT_GIVE_UP_S: f64 = 120.0;

/// Runs every corpus figure and prints the table.
pub fn run() -> anyhow::Result<()> {
    let runs: usize = env_number("BENCH_RUNS").unwrap_or(3).max(1);
    let docs = env_number("BENCH_CORPUS_DOCS")
        .unwrap_or(corpus::DOCS)
        .max(10);
    let mut figs = Vec::new();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("corpus.ron");

    let t = Instant::now();
    let generated = corpus::project(docs);
    let problems = generated.problems();
    anyhow::ensure!(
        problems.is_empty(),
        "corpus is invalid: {:?}",
        &problems[..1]
    );
    let text_bytes: usize = generated
        .documents
        .iter()
        .map(|d| d.text.as_str().len())
        .sum();
    let spans: usize = generated.documents.iter().map(|d| d.spans.len()).sum();
    let relations: usize = generated.documents.iter().map(|d| d.relations.len()).sum();
    store::save(&generated, &path)?;
    drop(generated);
    let text_mb = text_bytes as f64 / 1e6;
    let file_mb = std::fs::metadata(&path)?.len() as f64 / 1e6;
    let title = format!(
        "Lectern corpus summary — {docs} articles, {text_mb:.1} MB text, {spans} spans, \
         {relations} relations, {file_mb:.0} MB project file; medians of {runs} runs \
         unless marked (1 run)"
    );
    eprintln!("{title} ({:.1} s to make)", t.elapsed().as_secs_f64());

    let project = open_and_save(&path, runs, text_mb, &mut figs)?;
    in_the_window(&project, runs, &mut figs);
    figs.push(Figure {
        key: "peak_memory_mb",
        name: "peak memory: open, save, list, search, stats (own process)",
        value: peak_in_own_process(&path)?,
        unit: "MB",
        target: Some((5.0 * text_mb + 300.0).round()),
    });
    autosave(&project, dir.path(), runs, &mut figs)?;
    // `BENCH_CORPUS_QUICK=1`: the figures above only (no exports, no imports), for work on
    // the window, the analysis tables and autosave.
    if env_number("BENCH_CORPUS_QUICK").unwrap_or(0) == 0 {
        let brat_dir = exports(&project, dir.path(), &mut figs)?;
        drop(project);
        imports(&brat_dir, docs, &mut figs)?;
    }

    let extra = [
        ("documents", docs as f64),
        ("text_bytes", text_bytes as f64),
        ("spans", spans as f64),
        ("relations", relations as f64),
        ("project_file_mb", file_mb),
        ("runs", runs as f64),
    ];
    super::frames::report(&title, &figs, &extra, "bench-corpus.json")
}

/// The argument that makes the bench the child of [`peak_in_own_process`].
pub const MEMORY_CHILD: &str = "--corpus-memory-child";

/// Peak memory of a fresh process (this bench run again as [`memory_child`]) that opens
/// the project file, saves it, lists, searches and counts — as a user's Lectern would.
/// Measured here it would count the generator's freed heap, which the allocator keeps.
fn peak_in_own_process(path: &Path) -> anyhow::Result<f64> {
    let out = std::process::Command::new(std::env::current_exe()?)
        .arg(MEMORY_CHILD)
        .arg(path)
        .env("BENCH_RUNS", "1")
        .output()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let peak = stdout
        .lines()
        .find_map(|l| l.strip_prefix("peak_mb "))
        .and_then(|v| v.trim().parse().ok());
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    peak.ok_or_else(|| anyhow::anyhow!("the memory child said: {stdout}"))
}

/// The child of [`peak_in_own_process`]: opens, saves, lists, searches and counts the
/// project at `path`, then prints its peak resident memory (`peak_mb N`).
pub fn memory_child(path: Option<&Path>) -> anyhow::Result<()> {
    let path = path.ok_or_else(|| anyhow::anyhow!("{MEMORY_CHILD} PATH"))?;
    let project = store::load(path)?;
    eprintln!("memory child: {:.0} MB after open", status_mb("VmRSS:"));
    store::save(&project, &path.with_file_name("saved-by-child.ron"))?;
    in_the_window(&project, 1, &mut Vec::new());
    println!("peak_mb {}", status_mb("VmHWM:"));
    Ok(())
}

fn env_number(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|s| s.parse().ok())
}

fn push(
    figs: &mut Vec<Figure>,
    key: &'static str,
    name: &'static str,
    value: f64,
    unit: &'static str,
    target: Option<f64>,
) {
    figs.push(Figure {
        key,
        name,
        value,
        unit,
        target,
    });
}

/// Opening (read + parse + check) and saving the project file; returns the project.
fn open_and_save(
    path: &Path,
    runs: usize,
    text_mb: f64,
    figs: &mut Vec<Figure>,
) -> anyhow::Result<Project> {
    reset_peak();
    let before = status_mb("VmRSS:");
    let mut times = Vec::new();
    let mut project = Project::new("");
    for _ in 0..runs {
        drop(std::mem::replace(&mut project, Project::new("")));
        let t = Instant::now();
        project = store::load(path)?;
        times.push(ms_since(t));
    }
    eprintln!(
        "open: RSS before {before:.0} MB, peak {:.0} MB ({:.1} MB text)",
        status_mb("VmHWM:"),
        text_mb
    );
    push(
        figs,
        "open_ms",
        "open project (read+parse+check)",
        median(times),
        "ms",
        Some(1500.0),
    );
    let out = path.with_file_name("saved.ron");
    let times = (0..runs)
        .map(|_| {
            let t = Instant::now();
            store::save(&project, &out).map(|()| ms_since(t))
        })
        .collect::<Result<Vec<_>, _>>()?;
    push(
        figs,
        "save_ms",
        "save project (to_ron+write)",
        median(times),
        "ms",
        Some(1500.0),
    );
    Ok(project)
}

/// What the window does with the corpus open: the document list filtered and sorted, a
/// project-wide search, and the analysis tables `lectern stats` prints.
fn in_the_window(project: &Project, runs: usize, figs: &mut Vec<Figure>) {
    doc_list_figures(project, figs);
    search_and_table_figures(project, runs, figs);
}

/// The document list's frames with the corpus open.
fn doc_list_figures(project: &Project, figs: &mut Vec<Figure>) {
    // The frame after typing in the filter or choosing another order (the list is worked
    // out again), alternating between two views so every measured frame does it.
    let views = [
        DocListView {
            sort: DocSort::Outlet,
            status: None,
            filter: "harbour".to_owned(),
        },
        DocListView {
            sort: DocSort::Title,
            status: Some(lectern::model::DocStatus::Done),
            filter: "counc".to_owned(),
        },
        DocListView {
            sort: DocSort::Date,
            ..DocListView::default()
        },
    ];
    let at = DocListContext {
        project,
        revision: 1,
        current: project.documents.first().map(|d| d.id),
        waiting: None,
    };
    let mut f = Frames::new();
    let mut order = DocListOrder::default();
    let mut frame = |view: &DocListView, order: &mut DocListOrder| {
        let mut view = view.clone();
        f.frame(|ui| {
            egui::Panel::left("docs").show(ui, |ui| {
                let _ = doc_list_ui(ui, &at, &mut view, order);
            });
        })
    };
    let changed = median(
        (0..12)
            .map(|k| frame(&views[k % views.len()], &mut order))
            .collect(),
    );
    let steady = median((0..12).map(|_| frame(&views[0], &mut order)).collect());
    push(
        figs,
        "doc_list_change_frame_ms",
        "document list: frame after filter/sort change",
        changed,
        "ms",
        Some(5.0),
    );
    push(
        figs,
        "doc_list_steady_frame_ms",
        "document list: steady frame",
        steady,
        "ms",
        Some(5.0),
    );
}

/// A project-wide search and the analysis tables `lectern stats` prints, on the corpus.
fn search_and_table_figures(project: &Project, runs: usize, figs: &mut Vec<Figure>) {
    let query = Query::plain("minister");
    let times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let found = search(project, &query, Scope::Project).map(|f| f.matches.len());
            std::hint::black_box(found.ok());
            ms_since(t)
        })
        .collect();
    push(
        figs,
        "search_ms",
        "search \"minister\", whole project",
        median(times),
        "ms",
        Some(150.0),
    );

    let filter = Filter::default();
    let by = GroupBy::parse("outlet");
    let tables: [(&'static str, &'static str, &dyn Fn() -> analysis::Table); 4] = [
        ("stats_counts_ms", "stats: counts by outlet", &|| {
            analysis::label_counts(project, &filter, &by)
        }),
        (
            "stats_quoted_ms",
            "stats: who is quoted, by outlet",
            &|| analysis::who_is_quoted(project, &filter, &by),
        ),
        (
            "stats_descriptors_ms",
            "stats: descriptors, by outlet",
            &|| analysis::descriptors(project, &filter, &by),
        ),
        (
            "stats_cooccurrence_ms",
            "stats: co-occurrence in paragraphs",
            &|| analysis::cooccurrence(project, &filter, Within::Paragraph),
        ),
    ];
    for (key, name, table) in tables {
        let times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(table());
                ms_since(t)
            })
            .collect();
        push(figs, key, name, median(times), "ms", Some(1000.0));
    }
}

/// The work autosave does after one labelled span, as the window does it: on the window's
/// thread, taking the edits and handing them to the writer; then, on the writer's thread,
/// the journal line serialised and written (a kill of the app no longer loses it). The
/// target figure is the two together, waited for (hand-off included). The line's fsync
/// is done off the edit path, when the writer is idle (`store::autosave`), and shown on
/// its own; and, for comparison, a full snapshot as autosave wrote before the journal.
fn autosave(
    project: &Project,
    dir: &Path,
    runs: usize,
    figs: &mut Vec<Figure>,
) -> anyhow::Result<()> {
    let path = dir.join("corpus.ron");
    let mut session = Session::new(project.clone(), Some(path.clone()));
    let saver = store::autosave::Autosaver::start();
    let snapshot = store::recovery::path_for(&path);
    let journal = store::journal::path_for(&snapshot);
    let bytes = std::fs::read(&path)?;
    saver.start_journal(
        journal.clone(),
        store::journal::Base::of_bytes(store::journal::BaseKind::Project, &bytes),
    );
    drop(bytes);
    saver.flush();
    let doc = session.project.documents[docs_middle(&session.project)].id;
    let (mut apply, mut ui, mut work, mut sync, mut full) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..runs.max(5) {
        let t = Instant::now();
        let span = session
            .project
            .make_span(doc, "claim", 2 * i, 2 * i + 1)
            .ok_or_else(|| anyhow::anyhow!("no span"))?;
        session.apply("Label", vec![Edit::AddSpan { doc, span }])?;
        apply.push(ms_since(t));
        let t = Instant::now();
        saver.append_journal(journal.clone(), session.take_applied());
        ui.push(ms_since(t));
        saver.wait_written();
        work.push(ms_since(t));
        let t = Instant::now();
        saver.flush();
        sync.push(ms_since(t));
    }
    for _ in 0..runs.min(2) {
        let t = Instant::now();
        saver.write_project(snapshot.clone(), session.project.clone());
        saver.flush();
        full.push(ms_since(t));
    }
    anyhow::ensure!(saver.next_error().is_none(), "autosave failed");
    let rows: [(&'static str, &'static str, Vec<f64>, Option<f64>); 5] = [
        (
            "label_apply_ms",
            "labelling a span: make + apply the edit",
            apply,
            None,
        ),
        (
            "autosave_work_ms",
            "autosave work per edit (journal line written)",
            work,
            Some(10.0),
        ),
        (
            "autosave_ui_thread_ms",
            "  of which on the window's thread",
            ui,
            None,
        ),
        (
            "autosave_sync_ms",
            "  the line's fsync, off the edit path",
            sync,
            None,
        ),
        (
            "autosave_snapshot_ms",
            "  a full snapshot, as before the journal",
            full,
            None,
        ),
    ];
    for (key, name, times, target) in rows {
        push(figs, key, name, median(times), "ms", target);
    }
    Ok(())
}

fn docs_middle(project: &Project) -> usize {
    project.documents.len() / 2
}

/// Folder and file exports as the window's export job makes them: checked and written
/// while they are made.
/// Returns the brat folder, which the import figures read.
fn exports(project: &Project, dir: &Path, figs: &mut Vec<Figure>) -> anyhow::Result<PathBuf> {
    let formats: [(&'static str, &'static str, ExportFormat, Option<f64>); 4] = [
        (
            "export_csv_ms",
            "export CSV (1 run)",
            ExportFormat::Csv,
            Some(2000.0),
        ),
        (
            "export_brat_ms",
            "export brat folder (1 run)",
            ExportFormat::Brat,
            Some(10_000.0),
        ),
        (
            "export_qdpx_ms",
            "export REFI-QDA .qdpx (1 run)",
            ExportFormat::Qdpx,
            Some(10_000.0),
        ),
        (
            "export_xlsx_ms",
            "export xlsx (1 run)",
            ExportFormat::Xlsx,
            None,
        ),
    ];
    let mut brat = dir.join("brat");
    let mut peak: f64 = 0.0;
    for (key, name, format, target) in formats {
        let out = dir.join(format!("export.{}", format.extension()));
        reset_peak();
        let (t, cpu) = (Instant::now(), cpu_ms());
        export_to_path(project, format, &out, &Progress::new())?;
        let (ms, cpu) = (ms_since(t), cpu_ms() - cpu);
        push(figs, key, name, ms, "ms", target);
        let cpu_key = match format {
            ExportFormat::Csv => "export_csv_cpu_ms",
            ExportFormat::Brat => "export_brat_cpu_ms",
            ExportFormat::Qdpx => "export_qdpx_cpu_ms",
            _ => "export_xlsx_cpu_ms",
        };
        push(figs, cpu_key, "  of which CPU time", cpu, "ms", None);
        let bytes = size_of(&out);
        eprintln!(
            "{}: {:.1} MB in {ms:.0} ms ({cpu:.0} ms of CPU; the rest waited for the disk or a \
             core), peak memory {:.0} MB",
            format.name(),
            bytes as f64 / 1e6,
            status_mb("VmHWM:")
        );
        peak = peak.max(status_mb("VmHWM:"));
        if format == ExportFormat::Brat {
            brat = out;
        } else if format == ExportFormat::Xlsx {
            push(
                figs,
                "export_xlsx_mb",
                "  xlsx file size",
                bytes as f64 / 1e6,
                "MB",
                None,
            );
        }
    }
    push(
        figs,
        "export_peak_memory_mb",
        "peak memory during exports",
        peak,
        "MB",
        None,
    );
    Ok(brat)
}

fn size_of(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .map(|d| d.filter_map(Result::ok).map(|e| size_of(&e.path())).sum())
            .unwrap_or(0)
    } else {
        std::fs::metadata(path).map_or(0, |m| m.len())
    }
}

/// brat import (read, plan, apply as one step) of the first 10 %, 25 %, 50 % and all of
/// the exported folder's documents: time, and time per document against the smallest.
fn imports(brat: &Path, docs: usize, figs: &mut Vec<Figure>) -> anyhow::Result<()> {
    let mut anns: Vec<PathBuf> = std::fs::read_dir(brat)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    anns.sort();
    let keys: [(&'static str, &'static str); 4] = [
        ("import_brat_10pct_s", "brat import, 10 % of the documents"),
        ("import_brat_25pct_s", "brat import, 25 % of the documents"),
        ("import_brat_50pct_s", "brat import, 50 % of the documents"),
        ("import_brat_all_s", "brat import, all documents"),
    ];
    let mut per_doc_first = None;
    let mut worst_ratio: f64 = 0.0;
    for ((key, name), share) in keys.into_iter().zip([10, 25, 50, 100]) {
        let n = (docs * share / 100).max(1);
        let t = Instant::now();
        let imported = ImportFormat::Brat.read(&anns[..n])?;
        let mut project = Project::new("import");
        let plan = imported.into_edits(&project);
        History::default().apply(&mut project, "Import brat", plan.edits)?;
        let s = t.elapsed().as_secs_f64();
        anyhow::ensure!(
            project.documents.len() == n,
            "imported {} of {n}",
            project.documents.len()
        );
        eprintln!("brat import of {n} documents: {s:.1} s");
        let target = (share == 100).then_some(60.0 * docs as f64 / corpus::DOCS as f64);
        push(figs, key, name, s, "s", target);
        let per_doc = s / n as f64;
        let first = *per_doc_first.get_or_insert(per_doc);
        worst_ratio = worst_ratio.max(per_doc / first);
        if s > IMPORT_GIVE_UP_S && share < 100 {
            eprintln!(
                "brat import: {n} documents took over {IMPORT_GIVE_UP_S} s; bigger sizes not run"
            );
            worst_ratio = f64::INFINITY;
            break;
        }
    }
    push(
        figs,
        "import_brat_linearity",
        "brat import: time per doc vs at 10 %",
        worst_ratio,
        "×",
        Some(1.5),
    );
    Ok(())
}
