//! Criterion benchmarks for issue 6 (`cargo bench --bench frame`): the document view's
//! steady frame scrolled to the middle of the 5 MB workload, and a project-wide search.
//! `cargo run --release --example bench_summary` prints every figure with its target.

// Every function stays under 100 lines, as in the library (src/lib.rs).
#![warn(clippy::too_many_lines)]

#[path = "support/workload.rs"]
mod workload;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Context, Pos2, RawInput, Rect, vec2};
use lectern::model::search::{Query, Scope, search};
use lectern::ui::doc_view::{DocView, DocViewState};

fn benches(c: &mut Criterion) {
    let project = workload::project();
    let doc = &project.documents[0];

    let ctx = Context::default();
    ctx.set_fonts(lectern::ui::text_layout::egui_definitions());
    ctx.all_styles_mut(|s| s.scroll_animation = egui::style::ScrollAnimation::none());
    let mut state = DocViewState::default();
    let mut time = 0.0;
    let mut frame = |state: &mut DocViewState| {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1200.0, 800.0))),
            time: Some(time),
            ..Default::default()
        };
        time += 1.0 / 60.0;
        let mut out = ctx.run_ui(input, |ui| {
            let _ = DocView::new(doc, &project.labels, 0).show(ui, state);
        });
        let prims = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        out.textures_delta.clear();
        std::hint::black_box(prims);
    };
    state.scroll_to = Some(doc.text.len_chars() / 2);
    for _ in 0..5 {
        frame(&mut state);
    }
    c.bench_function("steady frame, middle of 5 MB document", |b| {
        b.iter(|| frame(&mut state))
    });

    let query = Query::plain("minister");
    c.bench_function("project search for a common word", |b| {
        b.iter(|| search(&project, &query, Scope::Project).expect("search"))
    });
}

criterion_group! {
    name = frame;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(frame);
