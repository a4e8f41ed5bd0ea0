//! A fast path for saving big projects, the mirror of [`super::fast_read`]. ron's pretty
//! writer takes about 5 µs per span line (a 1,000,000-span project: over five seconds), and
//! nearly all of a big file is those lines. Here ron writes everything else — the project
//! with each document's span and relation lists replaced by one placeholder item — and the
//! placeholders' lines are then replaced by lines written by hand, character for character
//! as ron writes them (a property test and the fixtures hold the two to the same bytes:
//! `tests/fast_open.rs`).
//!
//! Each document's text is a placeholder in ron's part too, so ron's part stays small and
//! the output goes to the file in chunks as it is made: a 250 MB project is never held in
//! memory as one string.
//!
//! A placeholder is found by a marker no project holds (it starts with U+0001); when the
//! marker occurs more often than it was placed (a project that holds the marker itself),
//! the caller lets ron write the whole project instead.

use crate::model::{
    Attributes, DocText, Document, Fragment, Project, Relation, RelationId, Span, SpanId,
};
use std::fmt::Write as _;
use std::io;

const SPANS: &str = "\u{1}lectern-fast-write:spans\u{1}";
const RELATIONS: &str = "\u{1}lectern-fast-write:relations\u{1}";
/// Stands for a document's text, so the shell ron writes holds no article text (a big
/// corpus's texts are tens of MB: they are written once, straight to the output).
const TEXT: &str = "\u{1}lectern-fast-write:text\u{1}";

/// Bytes gathered before they are handed to the output.
const CHUNK: usize = 1 << 20;

/// ron's text of the project with placeholders for every document's span and relation
/// lists and its text, or `None` when the placeholders cannot be found with certainty
/// (the project holds the marker itself).
pub fn shell(
    project: &Project,
    config: ron::ser::PrettyConfig,
) -> Result<Option<String>, ron::Error> {
    let shell = Project {
        format: project.format,
        name: project.name.clone(),
        labels: project.labels.clone(),
        relation_types: project.relation_types.clone(),
        lexicon: project.lexicon.clone(),
        assistant: project.assistant,
        custom_fields: project.custom_fields.clone(),
        last_viewed: project.last_viewed,
        documents: project.documents.iter().map(shell_document).collect(),
        statements: project.statements.clone(),
    };
    let text = ron::ser::to_string_pretty(&shell, config)?;
    drop(shell);
    let placed: usize = project
        .documents
        .iter()
        .map(|d| 1 + usize::from(!d.spans.is_empty()) + usize::from(!d.relations.is_empty()))
        .sum();
    Ok((text.matches('\u{1}').count() == 2 * placed).then_some(text))
}

/// Writes `shell` (from [`shell`] for this `project`) with its placeholders replaced,
/// byte for byte as ron writes the project.
pub fn write(project: &Project, shell: &str, out: &mut impl io::Write) -> io::Result<()> {
    let lists = project.documents.iter().flat_map(|d| {
        let spans = (!d.spans.is_empty()).then_some(List::Spans(&d.spans));
        let relations = (!d.relations.is_empty()).then_some(List::Relations(&d.relations));
        spans
            .into_iter()
            .chain(relations)
            .chain([List::Text(d.text.as_str())])
    });
    splice(shell, lists, out)
}

/// A document with each non-empty list and its text replaced by its placeholder.
fn shell_document(doc: &Document) -> Document {
    let spans = if doc.spans.is_empty() {
        Vec::new()
    } else {
        vec![Span {
            label: SPANS.into(),
            ..Span::default()
        }]
    };
    let relations = if doc.relations.is_empty() {
        Vec::new()
    } else {
        vec![Relation {
            id: RelationId(0),
            kind: RELATIONS.into(),
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
        text: DocText::new(TEXT.to_owned()),
    }
}

enum List<'a> {
    Spans(&'a [Span]),
    Relations(&'a [Relation]),
    Text(&'a str),
}

impl List<'_> {
    fn marker(&self) -> &'static str {
        match self {
            List::Spans(_) => SPANS,
            List::Relations(_) => RELATIONS,
            List::Text(_) => TEXT,
        }
    }
}

/// `text` with each list placeholder's line replaced by the lines of its list and each
/// text placeholder (a quoted string) by the text, in order, written to `out` in chunks.
fn splice<'a>(
    text: &str,
    lists: impl Iterator<Item = List<'a>>,
    out: &mut impl io::Write,
) -> io::Result<()> {
    let missing = || io::Error::other("a placeholder of the fast writer is missing");
    let mut buf = String::with_capacity(CHUNK + 4096);
    let mut from = 0;
    for list in lists {
        let at = from + text[from..].find(list.marker()).ok_or_else(missing)?;
        let (cut_start, cut_end) = match list {
            // The quoted placeholder, inside its line.
            List::Text(_) => (at - 1, at + list.marker().len() + 1),
            _ => (
                text[..at].rfind('\n').map_or(0, |n| n + 1),
                at + text[at..].find('\n').ok_or_else(missing)? + 1,
            ),
        };
        let line = &text[cut_start..];
        let indent = &line[..line.len() - line.trim_start_matches(' ').len()];
        buf.push_str(&text[from..cut_start]);
        match list {
            List::Spans(spans) => {
                for s in spans {
                    buf.push_str(indent);
                    span(&mut buf, s);
                    buf.push_str(",\n");
                    drain_full(&mut buf, out)?;
                }
            }
            List::Relations(relations) => {
                for r in relations {
                    buf.push_str(indent);
                    relation(&mut buf, r);
                    buf.push_str(",\n");
                    drain_full(&mut buf, out)?;
                }
            }
            List::Text(value) => string(&mut buf, value),
        }
        drain_full(&mut buf, out)?;
        from = cut_end;
    }
    buf.push_str(&text[from..]);
    out.write_all(buf.as_bytes())
}

/// Hands `buf` to `out` once it holds a chunk.
fn drain_full(buf: &mut String, out: &mut impl io::Write) -> io::Result<()> {
    if buf.len() >= CHUNK {
        out.write_all(buf.as_bytes())?;
        buf.clear();
    }
    Ok(())
}

/// `Span(id: 1, label: "quote", …)` as ron writes it below the depth limit.
fn span(out: &mut String, s: &Span) {
    out.push_str("Span(id: ");
    number(out, u64::from(s.id.0));
    out.push_str(", label: ");
    string(out, &s.label);
    out.push_str(", start: ");
    number(out, s.start as u64);
    out.push_str(", end: ");
    number(out, s.end as u64);
    out.push_str(", text: ");
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
        ("note", s.note.as_str()),
        ("annotator", s.annotator.as_str()),
        ("created", s.created.as_str()),
    ] {
        if !value.is_empty() {
            out.push_str(", ");
            out.push_str(name);
            out.push_str(": ");
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
    out.push_str("Fragment(start: ");
    number(out, f.start as u64);
    out.push_str(", end: ");
    number(out, f.end as u64);
    out.push_str(", text: ");
    string(out, &f.text);
    out.push(')');
}

fn relation(out: &mut String, r: &Relation) {
    out.push_str("Relation(id: ");
    number(out, u64::from(r.id.0));
    out.push_str(", kind: ");
    string(out, &r.kind);
    out.push_str(", from: ");
    number(out, u64::from(r.from.0));
    out.push_str(", to: ");
    number(out, u64::from(r.to.0));
    if !r.note.is_empty() {
        out.push_str(", note: ");
        string(out, &r.note);
    }
    out.push(')');
}

fn map(out: &mut String, m: &Attributes) {
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

/// `n` in decimal, as `{}` writes it, without the formatting machinery (a corpus's save
/// writes millions of numbers).
fn number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits only.
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// A string as ron writes it with `escape_strings(false)`: as it is between quotes, or as
/// a raw string with one more `#` than the longest run of them inside when it holds `"`
/// or `\`.
fn string(out: &mut String, value: &str) {
    // Two byte searches (memchr) rather than a search for either character: a corpus's
    // texts are tens of MB.
    let bytes = value.as_bytes();
    if bytes.contains(&b'"') || bytes.contains(&b'\\') {
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
