//! Issue 13's figures: the document view on a 5 MB Arabic article (right-to-left
//! paragraphs with numbers, a Latin agency name, a URL and «quotes», 50,000 spans), so the
//! README's frame targets are checked on text laid out by the bidi path, not only English.
//! Included by `examples/bench_summary.rs`, which prints these with its own figures.

use crate::workload::Rng;
use crate::{Frames, median};
use lectern::model::{DocId, Document, Edit, Project, Span, SpanId};
use lectern::ui::doc_view::{DocView, DocViewState};

/// Size of the generated Arabic text in bytes.
const TEXT_BYTES: usize = 5_000_000;
/// Spans over it.
const SPANS: usize = 50_000;

/// Invented news vocabulary: "the spokesman said that the meeting in the capital…".
const WORDS: &[&str] = &[
    "قال",
    "المتحدث",
    "باسم",
    "الحكومة",
    "إن",
    "الاجتماع",
    "سيعقد",
    "في",
    "العاصمة",
    "يوم",
    "الأحد",
    "بحضور",
    "وزراء",
    "الخارجية",
    "وأضاف",
    "أن",
    "المفاوضات",
    "مستمرة",
    "منذ",
    "أسابيع",
    "وفق",
    "مصادر",
    "مطلعة",
    "للصحفيين",
    "المدينة",
    "الجديد",
    "الميناء",
    "الشركة",
    "السكان",
    "التقرير",
    "البلدية",
    "الجسر",
    "مجلس",
    "المحافظة",
    "وأكد",
    "رئيس",
    "اللجنة",
];

/// The article: paragraphs of three to six sentences, some with a number, "Reuters",
/// a URL or a quotation in guillemets.
fn text() -> String {
    let mut rng = Rng::new(7);
    let mut out = String::with_capacity(TEXT_BYTES + 4096);
    while out.len() < TEXT_BYTES {
        for _ in 0..rng.range(3, 7) {
            let words = rng.range(8, 20);
            for w in 0..words {
                if w > 0 {
                    out.push(' ');
                }
                match rng.range(0, 40) {
                    0 => out.push_str(&rng.range(2, 2000).to_string()),
                    1 => out.push_str("Reuters"),
                    2 => out.push_str("www.alqalam.example/2024"),
                    3 => {
                        out.push('«');
                        out.push_str(WORDS[rng.range(0, WORDS.len())]);
                        out.push(' ');
                        out.push_str(WORDS[rng.range(0, WORDS.len())]);
                        out.push('»');
                    }
                    _ => out.push_str(WORDS[rng.range(0, WORDS.len())]),
                }
            }
            out.push_str(if rng.range(0, 4) == 0 { "، " } else { ". " });
        }
        out.pop();
        out.push('\n');
    }
    out
}

/// The Arabic project: one document, [`SPANS`] spans of one to six words, in order.
pub fn project() -> Project {
    let text = text();
    // Word boundaries in code points.
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    let mut doc = Document::new(DocId(1), "مقال للاختبار", text);
    let labels = ["quote", "claim", "descriptor", "attribution"];
    let step = words.len() / SPANS;
    let mut rng = Rng::new(11);
    doc.spans = (0..SPANS)
        .map(|i| {
            let first = i * step;
            let last = (first + rng.range(0, 6)).min(first + step - 1);
            let (start, end) = (words[first].0, words[last].1);
            Span {
                id: SpanId(i as u32 + 1),
                label: labels[rng.range(0, 4)].into(),
                start,
                end,
                text: doc.text.slice(start..end).unwrap_or_default().to_owned(),
                ..Default::default()
            }
        })
        .collect();
    let mut project = Project::new("Arabic benchmark");
    project.documents.push(doc);
    project
}

fn view_frame(f: &mut Frames, project: &Project, revision: u64, state: &mut DocViewState) -> f64 {
    let doc = &project.documents[0];
    f.frame(|ui| {
        let _ = DocView::new(doc, &project.labels, revision).show(ui, state);
    })
}

/// Measures the Arabic figures: (key, name, value in ms, target).
pub fn figures(runs: usize) -> Vec<(&'static str, &'static str, f64, Option<f64>)> {
    let mut project = project();
    let chars = project.documents[0].text.len_chars();
    let mut f = Frames::new();
    lectern::ui::text_layout::install_fonts(&f.ctx);
    let mut state = DocViewState::default();
    let first = view_frame(&mut f, &project, 0, &mut state);

    let mut revision = 0;
    state.scroll_to = Some(chars / 2);
    for _ in 0..3 {
        view_frame(&mut f, &project, revision, &mut state);
    }
    let steady = median(
        (0..20.max(runs))
            .map(|_| view_frame(&mut f, &project, revision, &mut state))
            .collect(),
    );

    let doc_id = project.documents[0].id;
    let (mut add, mut del) = (Vec::new(), Vec::new());
    for i in 0..runs {
        let Some(span) = project.make_span(doc_id, "claim", chars / 2 + i, chars / 2 + i + 12)
        else {
            continue;
        };
        let _ = Edit::AddSpan {
            doc: doc_id,
            span: span.clone(),
        }
        .apply(&mut project);
        revision += 1;
        add.push(view_frame(&mut f, &project, revision, &mut state));
        view_frame(&mut f, &project, revision, &mut state);
        let _ = Edit::RemoveSpan { doc: doc_id, span }.apply(&mut project);
        revision += 1;
        del.push(view_frame(&mut f, &project, revision, &mut state));
        view_frame(&mut f, &project, revision, &mut state);
    }

    // A jump 4 MB away (from near the start to near the end): the slowest frame until
    // the target is on screen.
    let mut jump = Vec::new();
    for i in 0..runs.min(3) {
        let (from, to) = if i % 2 == 0 {
            (chars / 10, chars * 9 / 10)
        } else {
            (chars * 9 / 10 + 500, chars / 10 + 500)
        };
        state.scroll_to = Some(from);
        for _ in 0..3 {
            view_frame(&mut f, &project, revision, &mut state);
        }
        state.scroll_to = Some(to);
        let mut slowest: f64 = 0.0;
        for _ in 0..5 {
            slowest = slowest.max(view_frame(&mut f, &project, revision, &mut state));
            if state.char_rect(to).is_some() {
                break;
            }
        }
        jump.push(slowest);
    }
    vec![
        (
            "arabic_first_frame_ms",
            "Arabic 5 MB: first frame",
            first,
            None,
        ),
        (
            "arabic_steady_frame_ms",
            "Arabic 5 MB: steady frame, middle",
            steady,
            Some(1.0),
        ),
        (
            "arabic_add_span_frame_ms",
            "Arabic 5 MB: frame after adding a span",
            median(add),
            Some(4.0),
        ),
        (
            "arabic_delete_span_frame_ms",
            "Arabic 5 MB: frame after deleting it",
            median(del),
            Some(4.0),
        ),
        (
            "arabic_jump_slowest_frame_ms",
            "Arabic 5 MB: jump 4 MB, slowest frame",
            median(jump),
            Some(4.0),
        ),
    ]
}
