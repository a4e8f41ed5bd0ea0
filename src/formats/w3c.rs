//! W3C Web Annotation export, for annotation servers, Hypothesis-style tools and archives.
//!
//! Wire format (Web Annotation Data Model, W3C Recommendation 2017): one JSON-LD
//! `AnnotationCollection` whose `first` page embeds every annotation as `items`.
//! - A span is an `Annotation` with motivation `classifying`; its label is a `TextualBody`
//!   with purpose `classifying`, its note one with purpose `commenting`, each attribute one
//!   with purpose `describing` and value `NAME: VALUE`. Its `creator` and `created` are the
//!   span's annotator and time.
//! - Its target is one `SpecificResource` per fragment (one for a contiguous span), each
//!   with a `TextQuoteSelector` (`exact`, and up to 32 code points of `prefix`/`suffix`) and
//!   a `TextPositionSelector` (`start`, `end`: code points, end exclusive, as §4.2.5 says).
//! - The `source` is `urn:lectern:doc:sha256:HEX`, the document's content hash: the
//!   selectors address Lectern's stored text (line ends `\n`), which may differ from the
//!   web page at the article's URL (kept in the collection's document list as `url`).
//! - A relation is an `Annotation` with motivation `linking`, a `tagging` body naming its
//!   type, and as targets the ids of its two span annotations, from first.
//!
//! Ids are `urn:lectern:doc:sha256:HEX#span-ID` and `…#relation-ID`.

use super::export::{ExportError, check_written, checked_pieces};
use crate::model::{Document, Project, Span};
use crate::progress::{Progress, Unit};
use serde_json::{Value, json};
use std::io::Write;

/// Code points of context in each TextQuoteSelector's prefix and suffix.
pub const CONTEXT: usize = 32;

/// The document's IRI: its content hash as a URN.
pub fn source_iri(doc: &Document) -> String {
    let hex = doc
        .content_hash
        .strip_prefix("sha256:")
        .unwrap_or(&doc.content_hash);
    format!("urn:lectern:doc:sha256:{hex}")
}

/// Writes the project to `out` as one AnnotationCollection.
pub fn write(
    project: &Project,
    out: &mut dyn Write,
    progress: &Progress,
) -> Result<usize, ExportError> {
    let mut items = Vec::new();
    let mut count = 0;
    for doc in &project.documents {
        let src = source_iri(doc);
        let mut spans: Vec<&Span> = doc.spans.iter().collect();
        spans.sort_by_key(|s| s.order_key());
        for span in spans {
            items.push(span_annotation(doc, span, &src)?);
            count += 1;
            progress.advance(1)?;
        }
        for r in &doc.relations {
            let mut body = vec![
                json!({"type": "TextualBody", "purpose": "tagging", "value": r.kind.as_str()}),
            ];
            if !r.note.is_empty() {
                body.push(json!({"type": "TextualBody", "purpose": "commenting", "value": r.note}));
            }
            items.push(json!({
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "id": format!("{src}#relation-{}", r.id),
                "type": "Annotation",
                "motivation": "linking",
                "body": body,
                "target": [format!("{src}#span-{}", r.from), format!("{src}#span-{}", r.to)],
            }));
        }
    }
    let id = format!(
        "urn:lectern:project:{}",
        crate::model::content_hash(&project.name)
            .trim_start_matches("sha256:")
            .chars()
            .take(16)
            .collect::<String>()
    );
    let total = items.len();
    progress.start_phase("Encoding", Unit::Bytes, 0);
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": id,
        "type": "AnnotationCollection",
        "label": project.name,
        "total": total,
        "first": {
            "id": format!("{id}/page1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    super::export::write_pretty_json(out, &collection, ("W3C JSON-LD", "the collection"))?;
    Ok(count)
}

fn span_annotation(doc: &Document, span: &Span, src: &str) -> Result<Value, ExportError> {
    let text = doc.text.as_str();
    let mut targets = Vec::new();
    for (start, end, exact) in checked_pieces(doc, span)? {
        check_written(doc, span, text, (start, end), exact)?;
        let mut quote = json!({"type": "TextQuoteSelector", "exact": exact});
        let prefix = doc.text.before(start, CONTEXT);
        let suffix = doc.text.after(end, CONTEXT);
        if !prefix.is_empty() {
            quote["prefix"] = json!(prefix);
        }
        if !suffix.is_empty() {
            quote["suffix"] = json!(suffix);
        }
        targets.push(json!({
            "source": src,
            "selector": [quote, {"type": "TextPositionSelector", "start": start, "end": end}],
        }));
    }
    let mut body = vec![
        json!({"type": "TextualBody", "purpose": "classifying", "value": span.label.as_str()}),
    ];
    if !span.note.is_empty() {
        body.push(json!({"type": "TextualBody", "purpose": "commenting", "value": span.note}));
    }
    for (name, value) in &span.attributes {
        body.push(json!({"type": "TextualBody", "purpose": "describing", "value": format!("{name}: {value}")}));
    }
    for (name, value) in span.provenance() {
        body.push(json!({"type": "TextualBody", "purpose": "describing", "value": format!("{name}: {value}")}));
    }
    let mut a = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{src}#span-{}", span.id),
        "type": "Annotation",
        "motivation": "classifying",
        "body": body,
        "target": if targets.len() == 1 { targets.remove(0) } else { Value::Array(targets) },
    });
    if !span.annotator.is_empty() {
        a["creator"] = json!({"type": "Person", "name": span.annotator.as_str()});
    }
    if !span.created.is_empty() {
        a["created"] = json!(span.created.as_str());
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::export::fixture;

    #[test]
    fn selectors_select_the_span_in_code_points() {
        let p = fixture::project();
        let out =
            crate::formats::export_project(&p, crate::formats::ExportFormat::W3c).expect("export");
        assert_eq!(out.spans, 4);
        let v: Value = serde_json::from_slice(&out.files[0].bytes).expect("json");
        assert_eq!(v["type"], "AnnotationCollection");
        let items = v["first"]["items"].as_array().expect("items");
        assert_eq!(items.len(), 4);
        let second = &items[1];
        assert_eq!(second["body"][0]["value"], "descriptor");
        let sel = &second["target"]["selector"];
        assert_eq!(sel[0]["exact"], "Ms\u{a0}Παπαδάκη 😤");
        assert_eq!(
            (sel[1]["start"].as_u64(), sel[1]["end"].as_u64()),
            (Some(24), Some(37))
        );
        assert_eq!(sel[0]["prefix"], "“It’s a disgrace,” said ");
        assert_eq!(items[0]["body"][1]["purpose"], "commenting");
        assert!(items[0]["target"]["selector"][0].get("prefix").is_some());
        assert!(items[3]["target"]["selector"][0].get("prefix").is_some());
    }
}
