//! doccano JSONL, for projects that train sequence-labelling and relation models.
//!
//! Wire format (doccano's relation-extraction export): one JSON object per document and
//! line: `{"id", "text", "entities": [{"id", "label", "start_offset", "end_offset"}],
//! "relations": [{"id", "from_id", "to_id", "type"}], "Comments": []}` plus the document's
//! `title`, `outlet`, `date`, `url` and `author` as extra keys (doccano keeps unknown keys
//! as metadata). Offsets are code points, end exclusive (doccano with "count grapheme
//! clusters" off, its default). An entity's id is its span's id.
//!
//! doccano has no discontinuous entities: each fragment is its own entity (the first has
//! the span's id, relations point at it), and `lectern_fragments` lists the entity ids of
//! each discontinuous span so that Lectern joins them again on import. Notes and
//! attributes have no place in doccano and are not exported.
//!
//! Import reads that form and the sequence-labelling form (`"label": [[start, end,
//! "LABEL"], …]`), one object per line or a JSON array or object in the whole file.

use super::export::{ExportError, checked_pieces};
use super::import::{ImportError, Imported};
use super::reader::{SpanDraft, add_relation, add_spans, json_document, read_json_files};
use super::warning::{Warning, kind};
use crate::model::{Document, Project, SpanId};
use crate::progress::Progress;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes one JSON line per document to `out`.
pub fn write(
    project: &Project,
    out: &mut dyn Write,
    progress: &Progress,
) -> Result<usize, ExportError> {
    let mut out = std::io::BufWriter::new(out);
    let mut count = 0;
    let mut next_extra = project.next_span_id().0;
    for doc in &project.documents {
        let mut entities = Vec::new();
        let mut joined = Vec::new();
        let mut spans: Vec<_> = doc.spans.iter().collect();
        spans.sort_by_key(|s| s.order_key());
        for span in spans {
            let pieces = checked_pieces(doc, span)?;
            let mut ids = Vec::new();
            for (k, (start, end, _)) in pieces.iter().enumerate() {
                let id = if k == 0 {
                    span.id.0
                } else {
                    next_extra += 1;
                    next_extra - 1
                };
                ids.push(id);
                let mut entity = json!({
                    "id": id, "label": span.label.as_str(), "start_offset": start, "end_offset": end,
                });
                // Whether the quote assistant proposed it (doccano ignores extra keys).
                for (name, value) in span.provenance() {
                    entity[name] = json!(value);
                }
                entities.push(entity);
            }
            if ids.len() > 1 {
                joined.push(ids);
            }
            count += 1;
            progress.advance(1)?;
        }
        let relations: Vec<Value> = doc
            .relations
            .iter()
            .map(|r| json!({"id": r.id.0, "from_id": r.from.0, "to_id": r.to.0, "type": r.kind.as_str()}))
            .collect();
        let m = &doc.metadata;
        let mut line = json!({
            "id": doc.id.0,
            "text": doc.text.as_str(),
            "entities": entities,
            "relations": relations,
            "Comments": [],
            "title": doc.title,
            "outlet": m.outlet,
            "date": m.date,
            "url": m.url,
            "author": m.author,
        });
        if !joined.is_empty() {
            line["lectern_fragments"] = json!(joined);
        }
        serde_json::to_writer(&mut out, &line).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(count)
}

/// Keys of a doccano line that belong to the format, not to the document's variables.
const RESERVED: [&str; 8] = [
    "id",
    "text",
    "entities",
    "relations",
    "Comments",
    "label",
    "lectern_fragments",
    "cats",
];

/// Reads doccano JSONL (or JSON) files.
pub fn read(paths: &[PathBuf], progress: &Progress) -> Result<Imported, ImportError> {
    read_json_files(
        paths,
        &["jsonl", "json"],
        "doccano documents",
        "item",
        progress,
        read_one,
    )
}

fn offset(v: &Value) -> Option<usize> {
    v.as_u64().and_then(|n| usize::try_from(n).ok())
}

/// One entity: id, label, raw start and end.
type Entity = (u64, String, usize, usize);

/// One doccano line: a document, its entities as spans (fragments listed in
/// `lectern_fragments` joined again), relations and comments.
fn read_one(v: &Value, path: &Path, at: &str, out: &mut Imported) {
    let Some(raw) = v.get("text").and_then(Value::as_str) else {
        let text = format!("{at}: skipped: no \"text\"");
        out.warnings.push(Warning::new(kind::NO_TEXT, text));
        return;
    };
    let (mut doc, map) = json_document(v, raw, path, &RESERVED);
    let entities = entities(v, at, &mut out.warnings);
    let fragments: Vec<Vec<u64>> = v
        .get("lectern_fragments")
        .and_then(|g| serde_json::from_value(g.clone()).ok())
        .unwrap_or_default();
    let mut groups: Vec<Vec<u64>> = Vec::new();
    let mut drafts = Vec::new();
    let mut done: HashSet<u64> = HashSet::new();
    for (id, label, _, _) in &entities {
        if done.contains(id) {
            continue;
        }
        let group = fragments
            .iter()
            .find(|g| g.contains(id))
            .cloned()
            .unwrap_or_else(|| vec![*id]);
        let pieces = entities
            .iter()
            .filter(|e| group.contains(&e.0))
            .map(|e| (e.2, e.3))
            .collect();
        done.extend(&group);
        drafts.push(SpanDraft {
            label: label.clone(),
            pieces,
            ..SpanDraft::default()
        });
        groups.push(group);
    }
    let made = add_spans(
        &mut doc,
        &map,
        drafts,
        at,
        |i| format!("entity {}", groups[i][0]),
        &mut out.warnings,
    );
    let mut span_of: HashMap<u64, SpanId> = HashMap::new();
    for (group, span) in groups.iter().zip(made) {
        if let Some(span) = span {
            span_of.extend(group.iter().map(|g| (*g, span)));
        }
    }
    relations(v, &span_of, at, &mut doc, &mut out.warnings);
    if let Some(c) = v.get("Comments").and_then(Value::as_array)
        && !c.is_empty()
    {
        doc.memo = c
            .iter()
            .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join("\n");
    }
    out.documents.push(doc);
}

/// The entities of both forms: `entities` objects and sequence-labelling `label` triples.
fn entities(v: &Value, at: &str, warnings: &mut Vec<Warning>) -> Vec<Entity> {
    let mut entities = Vec::new();
    for e in v
        .get("entities")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let fields = (
            e.get("id").and_then(Value::as_u64),
            e.get("label").and_then(Value::as_str),
            e.get("start_offset").and_then(offset),
            e.get("end_offset").and_then(offset),
        );
        match fields {
            (Some(id), Some(l), Some(s), Some(en)) => entities.push((id, l.to_owned(), s, en)),
            _ => warnings.push(Warning::new(
                kind::MALFORMED,
                format!("{at}: entity {e} skipped: needs id, label, start_offset, end_offset"),
            )),
        }
    }
    let labels = v
        .get("label")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    for (i, e) in labels.enumerate() {
        match (
            e.get(0).and_then(offset),
            e.get(1).and_then(offset),
            e.get(2).and_then(Value::as_str),
        ) {
            (Some(s), Some(en), Some(l)) => {
                entities.push((u64::MAX - i as u64, l.to_owned(), s, en));
            }
            _ => warnings.push(Warning::new(
                kind::MALFORMED,
                format!("{at}: label {e} skipped: expected [start, end, \"LABEL\"]"),
            )),
        }
    }
    entities
}

/// `relations`: `{"from_id", "to_id", "type"}` between imported entities.
fn relations(
    v: &Value,
    span_of: &HashMap<u64, SpanId>,
    at: &str,
    doc: &mut Document,
    warnings: &mut Vec<Warning>,
) {
    for r in v
        .get("relations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let end = |k: &str| {
            r.get(k)
                .and_then(Value::as_u64)
                .and_then(|id| span_of.get(&id))
                .copied()
        };
        match (end("from_id"), end("to_id"), r.get("type").and_then(Value::as_str)) {
            (Some(from), Some(to), Some(kind)) => add_relation(doc, kind, from, to),
            _ => warnings.push(Warning::new(
                kind::RELATION_ENDS,
                format!(
                    "{at}: relation {r} skipped: needs from_id and to_id of imported entities and a type"
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::export::fixture;
    use crate::model::{Relation, RelationId};

    fn import_into_new(bytes: &[u8]) -> Project {
        let text = String::from_utf8(bytes.to_vec()).expect("utf-8");
        let mut imported = Imported::default();
        let path = Path::new("x.jsonl");
        for (line, v) in super::super::reader::objects(&text, path).expect("json") {
            read_one(&v, path, &format!("x.jsonl:{line}"), &mut imported);
        }
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        let mut p = Project::new("t");
        for e in imported.into_edits(&p).edits {
            e.apply(&mut p).expect("apply");
        }
        p
    }

    #[test]
    fn round_trip_is_exact_with_fragments_and_relations() {
        let mut p = fixture::project();
        let d = &p.documents[0];
        let e = crate::model::Extent::from_pieces(&d.text, &[(1, 5), (24, 27)]).expect("extent");
        p.documents[0].spans[0].set_extent(&e);
        p.documents[0].relations.push(Relation {
            id: RelationId(1),
            kind: "describes".into(),
            from: SpanId(2),
            to: SpanId(1),
            note: String::new(),
        });
        let first = crate::formats::export_project(&p, crate::formats::ExportFormat::Doccano)
            .expect("export");
        let text = String::from_utf8(first.files[0].bytes.clone()).expect("utf-8");
        assert!(text.contains("\"lectern_fragments\":[["), "{text}");
        let q = import_into_new(&first.files[0].bytes);
        assert_eq!(q.documents[0].spans[0].pieces(), vec![(1, 5), (24, 27)]);
        assert_eq!(q.documents[0].title, "Mayor, “defiant”");
        let second = crate::formats::export_project(&q, crate::formats::ExportFormat::Doccano)
            .expect("export");
        assert_eq!(first.files[0].bytes, second.files[0].bytes);
    }

    #[test]
    fn sequence_labelling_form_and_crlf_are_read() {
        let line = r#"{"text": "💩 e\u0301\u00a0a\r\nb", "label": [[8, 9, "X"], [0, 1, "E"], [2, 5, "C"]]}"#;
        let p = import_into_new(line.as_bytes());
        let d = &p.documents[0];
        assert_eq!(d.text.as_str(), "💩 e\u{301}\u{a0}a\nb");
        let texts: Vec<&str> = d.spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["💩", "e\u{301}\u{a0}", "b"]);
        // Exported from the stored text: the line break is one code point now.
        let out = String::from_utf8(
            crate::formats::export_project(&p, crate::formats::ExportFormat::Doccano)
                .expect("export")
                .files[0]
                .bytes
                .clone(),
        )
        .expect("utf-8");
        assert!(
            out.contains(r#"{"end_offset":8,"id":1,"label":"X","start_offset":7}"#),
            "{out}"
        );
    }
}
