//! The skeleton the file-based annotation importers share (doccano, Label Studio,
//! REFI-QDA): the loop over files with progress and cancelling, JSON items with their
//! place, a document with its variables, spans from drafts and relations by span.
//!
//! Each format module then only says how its own items map onto these steps, and a fix to
//! a shared step (how a place is named, how an empty span is reported) reaches all of them.

use super::field_map::set_variable;
use super::import::{ImportError, Imported, document_from, expand, push_span, read_utf8};
use super::warning::{Warning, kind};
use crate::model::{Document, Relation, RelationId, SpanId};
use crate::progress::{Progress, Unit};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Reads every file of `paths` (a folder's files with one of `extensions`) with
/// `read_one`, counting files in `progress` and stopping between them once it is
/// cancelled. An import that found no document is an error naming `what` was looked for.
pub fn read_files(
    paths: &[PathBuf],
    extensions: &[&str],
    what: &'static str,
    progress: &Progress,
    mut read_one: impl FnMut(&Path, &mut Imported) -> Result<(), ImportError>,
) -> Result<Imported, ImportError> {
    let mut out = Imported::default();
    let files = expand(paths, extensions)?;
    progress.start_phase("Reading", Unit::Items("files"), files.len() as u64);
    for path in files {
        read_one(&path, &mut out)?;
        progress.advance(1)?;
    }
    if out.documents.is_empty() {
        return Err(ImportError::Nothing {
            what,
            path: paths.first().cloned().unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Like [`read_files`] for JSON exports: each item of each file (see [`objects`]) is
/// given to `read_item` with its file and place: `file:LINE` for JSON lines, `file ITEM N`
/// for the items of a JSON array.
pub fn read_json_files(
    paths: &[PathBuf],
    extensions: &[&str],
    what: &'static str,
    item: &'static str,
    progress: &Progress,
    mut read_item: impl FnMut(&Value, &Path, &str, &mut Imported),
) -> Result<Imported, ImportError> {
    read_files(paths, extensions, what, progress, |path, out| {
        let text = read_utf8(path)?;
        for (i, (line, value)) in objects(&text, path)?.into_iter().enumerate() {
            let at = if line == 0 {
                format!("{} {item} {}", path.display(), i + 1)
            } else {
                format!("{}:{line}", path.display())
            };
            read_item(&value, path, &at, out);
        }
        Ok(())
    })
}

/// The JSON objects of a file with their 1-based line: a whole-file array (line 0: its
/// items are numbered instead) or object, else one object per non-empty line.
pub fn objects(text: &str, path: &Path) -> Result<Vec<(usize, Value)>, ImportError> {
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return Ok(match v {
            Value::Array(items) => items.into_iter().map(|i| (0, i)).collect(),
            other => vec![(1, other)],
        });
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v = serde_json::from_str(line)
            .map_err(|e| ImportError::syntax(path, i + 1, format!("not JSON: {e}")))?;
        out.push((i + 1, v));
    }
    Ok(out)
}

/// A document of `raw` text whose title and other variables come from the JSON object
/// `fields` (a doccano line, a Label Studio task's `data`): title, outlet, date, URL and
/// author by name or alias, other strings and numbers as custom fields, except the keys
/// in `reserved` (the format's own). Returns the map from raw offsets to stored ones.
pub fn json_document(
    fields: &Value,
    raw: &str,
    source: &Path,
    reserved: &[&str],
) -> (Document, Vec<usize>) {
    let title = fields
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let (mut doc, map) = document_from(title, raw, &source.display().to_string());
    for (name, value) in fields.as_object().into_iter().flatten() {
        if name == "title" || reserved.contains(&name.as_str()) {
            continue;
        }
        match value {
            Value::String(s) => set_variable(&mut doc, name, s),
            Value::Number(n) => set_variable(&mut doc, name, &n.to_string()),
            _ => {}
        }
    }
    (doc, map)
}

/// A span as a reader collects it before it is added: label, raw pieces and what it
/// carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpanDraft {
    /// Label (span type).
    pub label: String,
    /// Fragments, in raw code point offsets of the file's text.
    pub pieces: Vec<(usize, usize)>,
    /// Note.
    pub note: String,
    /// Attribute values.
    pub attributes: BTreeMap<String, String>,
    /// Who made it.
    pub annotator: String,
    /// When it was made.
    pub created: String,
}

/// Adds each draft to `doc` as a span with the next local id, its offsets mapped through
/// `map`, and returns the span made of each draft, in order; a draft whose pieces are
/// empty or outside the text is reported as `"{at}: {name} ({label} …) skipped: …"`
/// with `name(i)` naming draft `i` as the file does.
pub fn add_spans(
    doc: &mut Document,
    map: &[usize],
    drafts: Vec<SpanDraft>,
    at: &str,
    name: impl Fn(usize) -> String,
    warnings: &mut Vec<Warning>,
) -> Vec<Option<SpanId>> {
    let mut next = u32::try_from(doc.spans.len() + 1).unwrap_or(u32::MAX);
    let mut made = Vec::with_capacity(drafts.len());
    for (i, draft) in drafts.into_iter().enumerate() {
        match push_span(doc, map, next, &draft.label, &draft.pieces) {
            Some(id) => {
                if let Some(span) = doc.spans.last_mut() {
                    span.note = draft.note;
                    span.attributes = draft.attributes.into();
                    span.annotator = draft.annotator.into();
                    span.created = draft.created.into();
                }
                next += 1;
                made.push(Some(id));
            }
            None => {
                let text = format!(
                    "{at}: {} ({} {:?}) skipped: empty or outside the text",
                    name(i),
                    draft.label,
                    draft.pieces
                );
                warnings.push(Warning::new(kind::OUTSIDE_TEXT, text));
                made.push(None);
            }
        }
    }
    made
}

/// Adds a relation of `kind` between two imported spans, with the next local id.
pub fn add_relation(doc: &mut Document, kind: &str, from: SpanId, to: SpanId) {
    doc.relations.push(Relation {
        id: RelationId(u32::try_from(doc.relations.len() + 1).unwrap_or(u32::MAX)),
        kind: kind.into(),
        from,
        to,
        note: String::new(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_document_takes_its_variables_and_leaves_the_format_keys() {
        let fields: Value = serde_json::json!({
            "title": "Bridge row", "text": "x", "publisher": "Harbour Post",
            "wave": 2, "entities": [], "tags": ["a"]
        });
        let (doc, map) = json_document(
            &fields,
            "a\r\nb",
            Path::new("x.jsonl"),
            &["text", "entities"],
        );
        assert_eq!(doc.title, "Bridge row");
        assert_eq!(doc.metadata.outlet, "Harbour Post");
        assert_eq!(doc.metadata.custom.len(), 1);
        assert_eq!(doc.metadata.custom["wave"], "2");
        assert_eq!(map, [0, 1, 1, 2, 3]);
    }

    #[test]
    fn drafts_outside_the_text_are_reported_and_the_rest_numbered_in_order() {
        let mut doc = Document::new(crate::model::DocId(1), "t", "one two");
        let drafts = vec![
            SpanDraft {
                label: "A".into(),
                pieces: vec![(0, 3)],
                ..SpanDraft::default()
            },
            SpanDraft {
                label: "B".into(),
                pieces: vec![(5, 99)],
                ..SpanDraft::default()
            },
            SpanDraft {
                label: "C".into(),
                pieces: vec![(4, 7)],
                note: "n".into(),
                ..SpanDraft::default()
            },
        ];
        let mut w = Vec::new();
        let made = add_spans(
            &mut doc,
            &(0..=7).collect::<Vec<_>>(),
            drafts,
            "f:1",
            |i| format!("entity {i}"),
            &mut w,
        );
        assert_eq!(made, [Some(SpanId(1)), None, Some(SpanId(2))]);
        assert_eq!(doc.spans[1].note, "n");
        assert_eq!(w.len(), 1);
        assert!(
            w[0].text.starts_with("f:1: entity 1 (B [(5, 99)]) skipped"),
            "{}",
            w[0]
        );
    }
}
