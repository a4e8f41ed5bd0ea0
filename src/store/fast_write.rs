//! A fast path for saving big projects, the mirror of [`super::fast_read`]. ron's pretty
//! writer takes about 5 µs per span line (a 1,000,000-span project: over five seconds), and
//! nearly all of a big file is those lines. Here ron writes everything else — the project
//! with each document's span and relation lists replaced by one placeholder item — and the
//! placeholders' lines are then replaced by lines written by hand, character for character
//! as ron writes them (a property test and the fixtures hold the two to the same bytes:
//! `tests/fast_open.rs`).
//!
//! A placeholder is found by a marker no project holds (it starts with U+0001); when the
//! marker occurs more often than it was placed (a project that holds the marker itself),
//! the caller lets ron write the whole project instead.

use crate::model::{Document, Fragment, Project, Relation, RelationId, Span, SpanId};
use std::collections::BTreeMap;
use std::fmt::Write as _;

const SPANS: &str = "\u{1}lectern-fast-write:spans\u{1}";
const RELATIONS: &str = "\u{1}lectern-fast-write:relations\u{1}";

/// The project as [`super::to_ron`] writes it (without the final newline), or `None` when
/// the fast path cannot place its lines with certainty.
pub fn to_ron(project: &Project, config: ron::ser::PrettyConfig) -> Option<String> {
    let shell = Project {
        format: project.format,
        name: project.name.clone(),
        labels: project.labels.clone(),
        relation_types: project.relation_types.clone(),
        lexicon: project.lexicon.clone(),
        custom_fields: project.custom_fields.clone(),
        last_viewed: project.last_viewed,
        documents: project.documents.iter().map(shell_document).collect(),
        statements: project.statements.clone(),
    };
    let text = ron::ser::to_string_pretty(&shell, config).ok()?;
    drop(shell);
    let placed: usize = project
        .documents
        .iter()
        .map(|d| usize::from(!d.spans.is_empty()) + usize::from(!d.relations.is_empty()))
        .sum();
    if text.matches('\u{1}').count() != 2 * placed {
        return None;
    }
    let lists = project.documents.iter().flat_map(|d| {
        let spans = (!d.spans.is_empty()).then_some(List::Spans(&d.spans));
        let relations = (!d.relations.is_empty()).then_some(List::Relations(&d.relations));
        spans.into_iter().chain(relations)
    });
    splice(&text, lists, project_lines_bytes(project))
}

/// A document with each non-empty list replaced by its placeholder.
fn shell_document(doc: &Document) -> Document {
    let spans = if doc.spans.is_empty() {
        Vec::new()
    } else {
        vec![Span {
            label: SPANS.to_owned(),
            ..Span::default()
        }]
    };
    let relations = if doc.relations.is_empty() {
        Vec::new()
    } else {
        vec![Relation {
            id: RelationId(0),
            kind: RELATIONS.to_owned(),
            from: SpanId(0),
            to: SpanId(0),
            note: String::new(),
        }]
    };
    Document {
        id: doc.id,
        title: doc.title.clone(),
        source_path: doc.source_path.clone(),
        encoding: doc.encoding.clone(),
        content_hash: doc.content_hash.clone(),
        metadata: doc.metadata.clone(),
        status: doc.status,
        memo: doc.memo.clone(),
        direction: doc.direction,
        spans,
        relations,
        rejected: doc.rejected.clone(),
        text: doc.text.clone(),
    }
}

enum List<'a> {
    Spans(&'a [Span]),
    Relations(&'a [Relation]),
}

impl List<'_> {
    fn marker(&self) -> &'static str {
        match self {
            List::Spans(_) => SPANS,
            List::Relations(_) => RELATIONS,
        }
    }
}

/// A guess of the bytes the hand-written lines take, to allocate the output once.
fn project_lines_bytes(project: &Project) -> usize {
    project
        .documents
        .iter()
        .flat_map(|d| &d.spans)
        .map(|s| 120 + s.text.len() + s.note.len())
        .sum::<usize>()
        + project
            .documents
            .iter()
            .map(|d| 64 * d.relations.len())
            .sum::<usize>()
}

/// `text` with each placeholder's line replaced by the lines of its list, in order.
fn splice<'a>(text: &str, lists: impl Iterator<Item = List<'a>>, extra: usize) -> Option<String> {
    let mut out = String::with_capacity(text.len() + extra);
    let mut from = 0;
    for list in lists {
        let at = from + text[from..].find(list.marker())?;
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let line_end = at + text[at..].find('\n')? + 1;
        let line = &text[line_start..line_end];
        let indent = &line[..line.len() - line.trim_start_matches(' ').len()];
        out.push_str(&text[from..line_start]);
        match list {
            List::Spans(spans) => spans.iter().for_each(|s| {
                out.push_str(indent);
                span(&mut out, s);
                out.push_str(",\n");
            }),
            List::Relations(relations) => relations.iter().for_each(|r| {
                out.push_str(indent);
                relation(&mut out, r);
                out.push_str(",\n");
            }),
        }
        from = line_end;
    }
    out.push_str(&text[from..]);
    Some(out)
}

/// `Span(id: 1, label: "quote", …)` as ron writes it below the depth limit.
fn span(out: &mut String, s: &Span) {
    let _ = write!(out, "Span(id: {}, label: ", s.id.0);
    string(out, &s.label);
    let _ = write!(out, ", start: {}, end: {}, text: ", s.start, s.end);
    string(out, &s.text);
    if !s.fragments.is_empty() {
        out.push_str(", fragments: [");
        for (i, f) in s.fragments.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            fragment(out, f);
        }
        out.push(']');
    }
    if !s.attributes.is_empty() {
        out.push_str(", attributes: ");
        map(out, &s.attributes);
    }
    for (name, value) in [
        ("note", &s.note),
        ("annotator", &s.annotator),
        ("created", &s.created),
    ] {
        if !value.is_empty() {
            let _ = write!(out, ", {name}: ");
            string(out, value);
        }
    }
    if let Some(p) = &s.proposed {
        out.push_str(", proposed: Some(Proposed(rule: ");
        string(out, &p.rule);
        let _ = write!(out, ", confidence: {}", p.confidence);
        if !p.accepted_by.is_empty() {
            out.push_str(", accepted_by: ");
            string(out, &p.accepted_by);
        }
        out.push_str("))");
    }
    out.push(')');
}

fn fragment(out: &mut String, f: &Fragment) {
    let _ = write!(out, "Fragment(start: {}, end: {}, text: ", f.start, f.end);
    string(out, &f.text);
    out.push(')');
}

fn relation(out: &mut String, r: &Relation) {
    let _ = write!(out, "Relation(id: {}, kind: ", r.id.0);
    string(out, &r.kind);
    let _ = write!(out, ", from: {}, to: {}", r.from.0, r.to.0);
    if !r.note.is_empty() {
        out.push_str(", note: ");
        string(out, &r.note);
    }
    out.push(')');
}

fn map(out: &mut String, m: &BTreeMap<String, String>) {
    out.push('{');
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, k);
        out.push_str(": ");
        string(out, v);
    }
    out.push('}');
}

/// A string as ron writes it with `escape_strings(false)`: as it is between quotes, or as
/// a raw string with one more `#` than the longest run of them inside when it holds `"`
/// or `\`.
fn string(out: &mut String, value: &str) {
    if value.contains(['"', '\\']) {
        let mut longest = 0;
        let mut run = 0;
        for c in value.chars() {
            run = if c == '#' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        let hashes = "#".repeat(longest + 1);
        let _ = write!(out, "r{hashes}\"{value}\"{hashes}");
    } else {
        out.push('"');
        out.push_str(value);
        out.push('"');
    }
}
