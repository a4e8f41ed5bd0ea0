//! Label Studio JSON, to review or continue coding in Label Studio.
//!
//! Wire format ("Label Studio JSON format of annotated tasks"): a JSON array of tasks
//! `{"id", "data": {"text", "title", "outlet", "date", "url", "author"}, "annotations":
//! [{"id", "completed_by", "result": [...]}]}`. Each span is a `labels` region
//! `{"id", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
//! "value": {"start", "end", "text", "labels": [LABEL]}}`, its note in the region's
//! `"meta": {"text": [NOTE]}`; each attribute a `textarea` result `{"value": {"text":
//! [VALUE]}}` with the same region id and `from_name` = the attribute name; each relation `{"type": "relation", "from_id",
//! "to_id", "direction": "right", "labels": [TYPE]}`. Offsets are code points, end
//! exclusive (Label Studio since 1.x, TEST-VECTORS 3). Region ids are `lectern-SPAN-K`:
//! a discontinuous span is one region per fragment K, joined again on import; relations
//! start and end at fragment 0. The matching labelling config uses
//! `<Labels name="label" toName="text">` and `<Relations>`.
//!
//! Import reads the first annotation of each task (others are reported), or its first
//! prediction when it has no annotation; result types other than labels, textarea,
//! choices and relation are reported.

use super::export::{ExportError, checked_pieces};
use super::import::{ImportError, Imported};
use super::reader::{SpanDraft, add_relation, add_spans, json_document, read_json_files};
use super::warning::{Warning, kind};
use crate::model::{Project, SpanId};
use crate::progress::{Progress, Unit};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes a JSON array with one task per document to `out`.
pub fn write(
    project: &Project,
    out: &mut dyn Write,
    progress: &Progress,
) -> Result<usize, ExportError> {
    let mut tasks = Vec::new();
    let mut count = 0;
    for doc in &project.documents {
        let mut result = Vec::new();
        let mut spans: Vec<_> = doc.spans.iter().collect();
        spans.sort_by_key(|s| s.order_key());
        for span in spans {
            let pieces = checked_pieces(doc, span)?;
            for (k, (start, end, text)) in pieces.iter().enumerate() {
                let id = format!("lectern-{}-{k}", span.id);
                let mut region = json!({
                    "id": id, "from_name": "label", "to_name": "text", "type": "labels",
                    "origin": "manual",
                    "value": {"start": start, "end": end, "text": text, "labels": [span.label.as_str()]},
                });
                if !span.note.is_empty() {
                    region["meta"] = json!({"text": [span.note]});
                }
                result.push(region);
                let provenance = span.provenance();
                let own = provenance.iter().map(|(n, v)| (*n, v));
                for (name, value) in span
                    .attributes
                    .iter()
                    .map(|(n, v)| (n.as_str(), v))
                    .chain(own)
                {
                    result.push(json!({
                        "id": id, "from_name": name, "to_name": "text", "type": "textarea",
                        "origin": "manual",
                        "value": {"text": [value]},
                    }));
                }
            }
            count += 1;
            progress.advance(1)?;
        }
        for r in &doc.relations {
            result.push(json!({
                "type": "relation", "from_id": format!("lectern-{}-0", r.from),
                "to_id": format!("lectern-{}-0", r.to), "direction": "right", "labels": [r.kind.as_str()],
            }));
        }
        let m = &doc.metadata;
        let annotator = doc
            .spans
            .iter()
            .map(|s| s.annotator.as_str())
            .find(|a| !a.is_empty());
        tasks.push(json!({
            "id": doc.id.0,
            "data": {
                "text": doc.text.as_str(), "title": doc.title, "outlet": m.outlet,
                "date": m.date, "url": m.url, "author": m.author,
            },
            "annotations": [{
                "id": doc.id.0, "completed_by": annotator.unwrap_or_default(),
                "was_cancelled": false, "result": result,
            }],
            "predictions": [],
        }));
    }
    progress.start_phase("Encoding", Unit::Bytes, 0);
    super::export::write_pretty_json(out, &tasks, ("Label Studio JSON", "the tasks"))?;
    Ok(count)
}

/// Reads Label Studio JSON exports (an array of tasks, one task, or JSON lines).
pub fn read(paths: &[PathBuf], progress: &Progress) -> Result<Imported, ImportError> {
    read_json_files(
        paths,
        &["json", "jsonl"],
        "Label Studio tasks",
        "task",
        progress,
        read_task,
    )
}

fn offset(v: Option<&Value>) -> Option<usize> {
    v.and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
}

/// The span a region id belongs to: `lectern-SPAN-K` regions of one span share it.
fn group_of(id: &str) -> String {
    let parts: Vec<&str> = id.split('-').collect();
    match parts.as_slice() {
        ["lectern", span, k] if span.parse::<u32>().is_ok() && k.parse::<u32>().is_ok() => {
            format!("lectern-{span}")
        }
        _ => id.to_owned(),
    }
}

/// One task: its `data` as the document (the `text` field, else its first string), the
/// chosen annotation's regions as spans and its relations.
fn read_task(task: &Value, path: &Path, at: &str, out: &mut Imported) {
    let data = task.get("data").unwrap_or(task);
    let text_key = match data.get("text") {
        Some(Value::String(_)) => Some("text"),
        _ => data.as_object().and_then(|o| {
            o.iter()
                .find(|(_, v)| v.is_string())
                .map(|(k, _)| k.as_str())
        }),
    };
    let Some(raw) = text_key.and_then(|k| data.get(k)).and_then(Value::as_str) else {
        let text = format!("{at}: skipped: no text in \"data\"");
        out.warnings.push(Warning::new(kind::NO_TEXT, text));
        return;
    };
    let reserved = ["text", text_key.unwrap_or("text"), "id"];
    let (mut doc, map) = json_document(data, raw, path, &reserved);
    let result = chosen_result(task, at, &mut out.warnings);
    let (groups, drafts, relations) = regions(result, at, &mut out.warnings);
    let made = add_spans(
        &mut doc,
        &map,
        drafts,
        at,
        |i| format!("region {}", groups[i]),
        &mut out.warnings,
    );
    let span_of: HashMap<&str, SpanId> = groups
        .iter()
        .zip(made)
        .filter_map(|(g, s)| Some((g.as_str(), s?)))
        .collect();
    for (i, r) in relations.into_iter().enumerate() {
        let end = |k: &str| {
            r.get(k)
                .and_then(Value::as_str)
                .and_then(|id| span_of.get(group_of(id).as_str()).copied())
        };
        let label = r
            .get("labels")
            .and_then(|l| l.get(0))
            .and_then(Value::as_str)
            .unwrap_or("related");
        let reversed = r.get("direction").and_then(Value::as_str) == Some("left");
        match (end("from_id"), end("to_id")) {
            (Some(a), Some(b)) if reversed => add_relation(&mut doc, label, b, a),
            (Some(a), Some(b)) => add_relation(&mut doc, label, a, b),
            _ => out.warnings.push(Warning::new(
                kind::RELATION_ENDS,
                format!("{at}: relation {i} skipped: its regions were not imported"),
            )),
        }
    }
    out.documents.push(doc);
}

/// The results of the task's first live annotation (others are reported), or of its first
/// prediction when it has none.
fn chosen_result<'t>(task: &'t Value, at: &str, warnings: &mut Vec<Warning>) -> &'t [Value] {
    let live: Vec<&Value> = task
        .get("annotations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|x| x.get("was_cancelled") != Some(&Value::Bool(true)))
        .collect();
    if live.len() > 1 {
        warnings.push(Warning::new(
            kind::PARTLY,
            format!(
                "{at}: {} annotations; only the first is imported",
                live.len()
            ),
        ));
    }
    let chosen = live.first().copied().or_else(|| {
        task.get("predictions")
            .and_then(Value::as_array)
            .and_then(|p| p.first())
    });
    chosen
        .and_then(|a| a.get("result"))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The results as spans in first-seen order (each with its region group: the fragments
/// of one span share it), and the relation results.
fn regions<'r>(
    result: &'r [Value],
    at: &str,
    warnings: &mut Vec<Warning>,
) -> (Vec<String>, Vec<SpanDraft>, Vec<&'r Value>) {
    let mut groups: Vec<String> = Vec::new();
    let mut drafts: Vec<SpanDraft> = Vec::new();
    let mut relations = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut draft = |group: String, groups: &mut Vec<String>| -> usize {
        *index.entry(group.clone()).or_insert_with(|| {
            groups.push(group);
            groups.len() - 1
        })
    };
    for r in result {
        let kind = r.get("type").and_then(Value::as_str).unwrap_or_default();
        let id = r.get("id").and_then(Value::as_str).unwrap_or_default();
        let group = group_of(id);
        match kind {
            "labels" => {
                if let Some((label, piece, note)) = labels_region(r, id, at, warnings) {
                    let i = draft(group, &mut groups);
                    drafts.resize_with(groups.len(), SpanDraft::default);
                    let d = &mut drafts[i];
                    d.label = label;
                    d.pieces.push(piece);
                    if d.note.is_empty() {
                        d.note = note;
                    }
                }
            }
            "textarea" | "choices" if id.is_empty() => {
                let name = r
                    .get("from_name")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                warnings.push(Warning::new(
                    kind::NO_PLACE,
                    format!("{at}: {kind} \"{name}\" on the whole task not imported"),
                ));
            }
            "textarea" | "choices" => {
                let (name, value) = attribute(r, kind);
                let i = draft(group, &mut groups);
                drafts.resize_with(groups.len(), SpanDraft::default);
                drafts[i].attributes.insert(name, value);
            }
            "relation" => relations.push(r),
            other => warnings.push(Warning::new(
                kind::NO_PLACE,
                format!("{at}: result {id} of type {other} not imported"),
            )),
        }
    }
    // A group that only ever had attributes has no label: it is no span.
    let keep: Vec<bool> = drafts.iter().map(|d| !d.pieces.is_empty()).collect();
    let mut k = keep.iter();
    groups.retain(|_| *k.next().unwrap_or(&false));
    drafts.retain(|d| !d.pieces.is_empty());
    (groups, drafts, relations)
}

/// A `labels` region's label, raw piece and note; `None` (reported) when it lacks one.
fn labels_region(
    r: &Value,
    id: &str,
    at: &str,
    warnings: &mut Vec<Warning>,
) -> Option<(String, (usize, usize), String)> {
    let v = r.get("value");
    let label = v
        .and_then(|v| v.get("labels"))
        .and_then(|l| l.get(0))
        .and_then(Value::as_str);
    let start = offset(v.and_then(|v| v.get("start")));
    let end = offset(v.and_then(|v| v.get("end")));
    let (Some(label), Some(s), Some(e)) = (label, start, end) else {
        warnings.push(Warning::new(
            kind::MALFORMED,
            format!("{at}: region {id} skipped: needs value.start, value.end and one label"),
        ));
        return None;
    };
    let note = r
        .pointer("/meta/text")
        .and_then(Value::as_array)
        .map(|notes| {
            notes
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    Some((label.to_owned(), (s, e), note))
}

/// A `textarea` or `choices` result on a region: the attribute's name and value.
fn attribute(r: &Value, kind: &str) -> (String, String) {
    let name = r
        .get("from_name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let key = if kind == "textarea" {
        "text"
    } else {
        "choices"
    };
    let values: Vec<&str> = r
        .pointer(&format!("/value/{key}"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    (name.to_owned(), values.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::export::fixture;
    use crate::model::{Relation, RelationId};

    fn import_into_new(bytes: &[u8]) -> (Project, Vec<Warning>) {
        let text = String::from_utf8(bytes.to_vec()).expect("utf-8");
        let mut imported = Imported::default();
        let path = Path::new("x.json");
        for (i, (_, v)) in super::super::reader::objects(&text, path)
            .expect("json")
            .into_iter()
            .enumerate()
        {
            read_task(&v, path, &format!("x.json task {}", i + 1), &mut imported);
        }
        let warnings = imported.warnings.clone();
        let mut p = Project::new("t");
        for e in imported.into_edits(&p).edits {
            e.apply(&mut p).expect("apply");
        }
        (p, warnings)
    }

    #[test]
    fn round_trip_is_exact_with_notes_attributes_fragments_and_relations() {
        let mut p = fixture::project();
        let d = &p.documents[0];
        let e = crate::model::Extent::from_pieces(&d.text, &[(1, 5), (24, 27)]).expect("extent");
        p.documents[0].spans[0].set_extent(&e);
        p.documents[0].spans[0]
            .attributes
            .insert("speaker".into(), "Ms Π".into());
        p.documents[0].relations.push(Relation {
            id: RelationId(1),
            kind: "describes".into(),
            from: SpanId(2),
            to: SpanId(1),
            note: String::new(),
        });
        let first = crate::formats::export_project(&p, crate::formats::ExportFormat::LabelStudio)
            .expect("export");
        let (q, w) = import_into_new(&first.files[0].bytes);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(q.documents[0].spans[0].note, fixture::NOTE);
        assert_eq!(q.documents[0].spans[0].attributes["speaker"], "Ms Π");
        let second = crate::formats::export_project(&q, crate::formats::ExportFormat::LabelStudio)
            .expect("export");
        assert_eq!(
            String::from_utf8(first.files[0].bytes.clone()).expect("utf-8"),
            String::from_utf8(second.files[0].bytes.clone()).expect("utf-8")
        );
    }

    #[test]
    fn crlf_nbsp_and_combining_marks_are_read_in_code_points_of_the_raw_text() {
        // "e" + U+0301 is two code points; the CR of the CRLF counts, as in the raw text.
        let task = "[{\"data\": {\"text\": \"e\\u0301t\\u00e9\\r\\nMs\\u00a0X 😀\"}, \"annotations\": [{\"result\": [\
            {\"id\": \"a\", \"type\": \"labels\", \"value\": {\"start\": 6, \"end\": 12, \"labels\": [\"Q\"]}}]}]}]";
        let (p, w) = import_into_new(task.as_bytes());
        assert!(w.is_empty(), "{w:?}");
        let d = &p.documents[0];
        assert_eq!(d.text.as_str(), "e\u{301}t\u{e9}\nMs\u{a0}X 😀");
        assert_eq!(d.spans[0].text, "Ms\u{a0}X 😀");
        let out = crate::formats::export_project(&p, crate::formats::ExportFormat::LabelStudio)
            .expect("export");
        let v: Value = serde_json::from_slice(&out.files[0].bytes).expect("json");
        let region = &v[0]["annotations"][0]["result"][0]["value"];
        assert_eq!(
            (region["start"].as_u64(), region["end"].as_u64()),
            (Some(5), Some(11))
        );
    }

    #[test]
    fn issue_1347_text_reads_code_points() {
        let task = r#"[{"data": {"text": "💩This is an annotation."}, "annotations": [{"result": [
            {"id": "a1", "from_name": "l", "to_name": "t", "type": "labels",
             "value": {"start": 12, "end": 22, "text": "annotation", "labels": ["X"]}}]}]}]"#;
        let (p, w) = import_into_new(task.as_bytes());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(p.documents[0].spans[0].text, "annotation");
    }
}
