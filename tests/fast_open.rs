//! The fast reader for big projects (`store::fast_read`) gives exactly the project ron
//! gives, or gives up: over generated projects (strings with quotes, backslashes, `"#`,
//! line breaks, non-ASCII; fragments, attributes, notes, the assistant's provenance,
//! relations), over mutations of them, and over every project file among the test fixtures. For what Lectern writes it
//! must not give up, or big projects would open slowly again. And the fast writer
//! (`store::to_ron`'s path for span and relation lines) writes exactly ron's bytes: over the
//! same generated projects, with spans the quote assistant proposed, with the writer's own
//! marker in a string (it then leaves the project to ron), and over every fixture.

use lectern::model::{
    DocId, DocStatus, Document, Fragment, Project, Proposed, Relation, RelationId, Span, SpanId,
};
use lectern::progress::Progress;
use lectern::store::{self, fast_read};
use proptest::prelude::*;
use std::path::Path;

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Pieces strings are made of: the characters that decide how ron writes and reads them.
const PIECES: &[&str] = &[
    "a", "Ζ", "“", "”", "—", "\u{a0}", "😀", "\"", "\\", "\"#", "r#\"", "\n", "\r\n", "\t", ",",
    ")", "(", "]", "}", ":", " ", "Span(", "spans: [", "//", "e\u{301}",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(|p| p.concat())
}

fn span() -> impl Strategy<Value = Span> {
    (
        (any::<u32>(), text(), 0usize..5000, 0usize..5000, text()),
        prop::collection::vec((0usize..99, 0usize..99, text()), 0..3),
        prop::collection::btree_map(text(), text(), 0..3),
        (
            text(),
            text(),
            text(),
            prop::option::of((text(), any::<u8>(), text())),
        ),
    )
        .prop_map(
            |(
                (id, label, start, end, text),
                fragments,
                attributes,
                (note, annotator, created, proposed),
            )| {
                Span {
                    id: SpanId(id),
                    label: label.into(),
                    start,
                    end,
                    text,
                    fragments: fragments
                        .into_iter()
                        .map(|(start, end, text)| Fragment { start, end, text })
                        .collect(),
                    attributes: attributes.into(),
                    note,
                    annotator: annotator.into(),
                    created: created.into(),
                    proposed: proposed.map(|(rule, confidence, accepted_by)| {
                        Box::new(Proposed {
                            rule,
                            confidence,
                            accepted_by,
                        })
                    }),
                }
            },
        )
}

fn relation() -> impl Strategy<Value = Relation> {
    (any::<u32>(), text(), any::<u32>(), any::<u32>(), text()).prop_map(
        |(id, kind, from, to, note)| Relation {
            id: RelationId(id),
            kind: kind.into(),
            from: SpanId(from),
            to: SpanId(to),
            note,
        },
    )
}

fn document() -> impl Strategy<Value = Document> {
    (
        (any::<u32>(), text(), text(), text()),
        prop::collection::vec(span(), 0..4),
        prop::collection::vec(relation(), 0..3),
        0usize..3,
    )
        .prop_map(|((id, title, body, outlet), spans, relations, status)| {
            let mut d = Document::new(DocId(id), title, body);
            d.metadata.outlet = outlet;
            d.status = DocStatus::ALL[status];
            d.spans = spans;
            d.relations = relations;
            d
        })
}

fn project() -> impl Strategy<Value = Project> {
    (text(), prop::collection::vec(document(), 0..4)).prop_map(|(name, documents)| {
        let mut p = Project::new(name);
        p.documents = documents;
        p
    })
}

/// Whatever the fast reader returns for `text` is what ron returns.
fn agrees_with_ron(text: &str) -> Result<Option<Project>, TestCaseError> {
    let fast = fast_read::parse(text);
    if let Some(fast) = &fast {
        let slow: Result<Project, _> = ron::from_str(text);
        prop_assert!(slow.is_ok(), "fast read what ron refuses: {slow:?}\n{text}");
        let slow = slow.ok();
        prop_assert_eq!(slow.as_ref(), Some(fast));
    }
    Ok(fast)
}

/// A byte range of `text` replaced by `insert` (at char boundaries).
fn splice(text: &str, at: usize, len: usize, insert: &str) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(at % (text.len() + 1));
    let to = floor(from + len);
    format!("{}{insert}{}", &text[..from], &text[to..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(200)))]

    #[test]
    fn what_lectern_writes_is_read_fast_and_as_ron_reads_it(p in project()) {
        let written = store::to_ron(&p).expect("ron");
        let fast = agrees_with_ron(&written)?;
        prop_assert!(fast.is_some(), "the fast reader gave up on\n{written}");
        prop_assert_eq!(fast, Some(p));
    }

    #[test]
    fn a_changed_file_is_read_as_ron_reads_it_or_left_to_ron(
        p in project(),
        edits in prop::collection::vec((any::<usize>(), 0usize..6, prop::sample::select(PIECES)), 1..4),
    ) {
        let mut text = store::to_ron(&p).expect("ron");
        for (at, len, insert) in edits {
            text = splice(&text, at, len, insert);
        }
        agrees_with_ron(&text)?;
    }

    #[test]
    fn a_file_read_in_chunks_is_read_as_the_whole_text_is(
        p in project(),
        edits in prop::collection::vec((any::<usize>(), 0usize..6, prop::sample::select(PIECES)), 0..3),
        chunk in 1usize..40,
        bom in any::<bool>(),
    ) {
        let mut text = store::to_ron(&p).expect("ron");
        for (at, len, insert) in edits {
            text = splice(&text, at, len, insert);
        }
        let file = format!("{}{text}", if bom { "\u{feff}" } else { "" });
        let streamed = fast_read::read_in_chunks(
            file.as_bytes(),
            Path::new("p.ron"),
            &Progress::new(),
            chunk,
        );
        prop_assert_eq!(streamed.expect("no read error"), fast_read::parse(&text));
    }

    #[test]
    fn the_fast_writer_writes_rons_bytes(
        mut p in project(),
        proposed in prop::collection::vec((text(), any::<u8>(), text()), 0..6),
        marker in prop::sample::select(vec!["", "\u{1}", "\u{1}lectern-fast-write:spans\u{1}", "\u{1}lectern-fast-write:text\u{1}"]),
    ) {
        let spans = p.documents.iter_mut().flat_map(|d| &mut d.spans);
        for (span, (rule, confidence, accepted_by)) in spans.zip(proposed) {
            span.proposed = Some(Box::new(Proposed { rule, confidence, accepted_by }));
        }
        if let Some(doc) = p.documents.first_mut() {
            doc.memo = marker.to_owned();
        }
        let mut by_ron = ron::ser::to_string_pretty(&p, store::pretty_config()).expect("ron");
        by_ron.push('\n');
        prop_assert_eq!(store::to_ron(&p).expect("fast"), by_ron);
    }
}

#[test]
fn every_fixture_is_written_as_ron_writes_it() {
    for path in project_files() {
        let Ok(p) = store::load_unchecked(&path) else {
            continue;
        };
        let mut by_ron = ron::ser::to_string_pretty(&p, store::pretty_config()).expect("ron");
        by_ron.push('\n');
        assert!(
            store::to_ron(&p).expect("fast") == by_ron,
            "{} is written differently",
            path.display()
        );
    }
}

/// The sample project and every project file among the test fixtures.
fn project_files() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("projects/harbour-bridge.ron")];
    let mut dirs = vec![root.join("tests/fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "ron") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "fixtures not found: {files:?}");
    files
}

#[test]
fn every_fixture_reads_as_ron_reads_it() {
    let files = project_files();
    let mut fast = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        if let Some(p) = fast_read::parse(text) {
            fast += 1;
            let slow: Project = ron::from_str(text)
                .unwrap_or_else(|e| panic!("{}: fast read what ron refuses: {e}", path.display()));
            assert_eq!(p, slow, "{}", path.display());
        }
    }
    // The sample project and the valid fixtures are Lectern's own writing.
    assert!(
        fast >= 2,
        "the fast reader read only {fast} of {} files",
        files.len()
    );
}
