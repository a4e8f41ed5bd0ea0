//! Span exports: one row per span, shared by every export format.
//!
//! Researchers analyse annotations in R, pandas or a spreadsheet, so every format carries
//! the same flat rows with the same columns ([`COLUMNS`]); only the encoding differs. Rows
//! are built one at a time and streamed to the writer, and each is checked against the
//! document text before it is written, so an export never contains a span whose offsets
//! point at other text than its `text` column.

use super::{csv::CsvWriter, jsonl::JsonlWriter};
use crate::model::{DocId, Document, Project, Span, SpanId};
use serde::Serialize;
use std::io::Write;
use thiserror::Error;

/// Code points of document text given on each side of a span.
pub const CONTEXT_CHARS: usize = 40;

/// Column names, in order. Every format writes exactly these fields.
pub const COLUMNS: [&str; 15] = [
    "doc_id",
    "doc_title",
    "outlet",
    "date",
    "url",
    "author",
    "source_path",
    "span_id",
    "label",
    "start",
    "end",
    "text",
    "note",
    "context_before",
    "context_after",
];

/// One exported span with its document's fields. Field order is [`COLUMNS`].
///
/// `start` and `end` are Unicode code point offsets into the document text, end exclusive
/// (as stored in the project), so `document_text[start:end] == text` in Python.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row<'a> {
    /// The document's id.
    pub doc_id: DocId,
    /// The document's title.
    pub doc_title: &'a str,
    /// Publishing outlet.
    pub outlet: &'a str,
    /// Publication date.
    pub date: &'a str,
    /// Where the article was published.
    pub url: &'a str,
    /// Byline.
    pub author: &'a str,
    /// The file the article was read from.
    pub source_path: &'a str,
    /// The span's id.
    pub span_id: SpanId,
    /// The span's label.
    pub label: &'a str,
    /// First code point of the span.
    pub start: usize,
    /// One past the last code point of the span.
    pub end: usize,
    /// The span's text.
    pub text: &'a str,
    /// The coder's note.
    pub note: &'a str,
    /// Up to [`CONTEXT_CHARS`] code points before the span.
    pub context_before: &'a str,
    /// Up to [`CONTEXT_CHARS`] code points after the span.
    pub context_after: &'a str,
}

/// Why an export stopped. Rows before the failing one may have been written.
#[derive(Debug, Error)]
pub enum ExportError {
    /// A span's offsets do not select its stored text; the project is inconsistent.
    #[error(
        "document {doc} (\"{title}\"), span {span}: offsets {start}..{end} select {actual:?}, not the span's text {stored:?}; consider `lectern check` on the project"
    )]
    SpanMismatch {
        /// The document.
        doc: DocId,
        /// Its title, to find it in the window.
        title: String,
        /// The span.
        span: SpanId,
        /// Span start.
        start: usize,
        /// Span end.
        end: usize,
        /// Text stored with the span.
        stored: String,
        /// Text at the offsets (empty when they lie outside the document).
        actual: String,
    },
    /// The output could not be written.
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    /// A row could not be encoded (should not happen: all fields are strings and numbers).
    #[error("cannot encode {what} as {format}: {message}")]
    Encode {
        /// The format being written.
        format: &'static str,
        /// What was being written: "the header", "span 7".
        what: String,
        /// The encoder's reason.
        message: String,
    },
}

/// Export file formats, for menus and the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// Comma-separated values with a header row; see [`CsvWriter`].
    Csv,
    /// One JSON object per line; see [`JsonlWriter`].
    Jsonl,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [ExportFormat; 2] = [ExportFormat::Csv, ExportFormat::Jsonl];

    /// Short name, as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
        }
    }

    /// File name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
        }
    }

    /// The format with this [`name`](Self::name), ignoring ASCII case.
    pub fn from_name(name: &str) -> Option<ExportFormat> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// A format's encoder: receives rows one by one and writes them to its output.
pub trait RowWriter {
    /// Writes one row.
    fn write_row(&mut self, row: &Row<'_>) -> Result<(), ExportError>;
    /// Writes anything still buffered.
    fn finish(&mut self) -> Result<(), ExportError>;
}

/// Writes every span of `project` to `out` in `format`, in document order then reading
/// order, and returns the number of rows written.
pub fn export(
    project: &Project,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let mut writer: Box<dyn RowWriter + '_> = match format {
        ExportFormat::Csv => Box::new(CsvWriter::new(out)?),
        ExportFormat::Jsonl => Box::new(JsonlWriter::new(out)),
    };
    let mut count = 0;
    for doc in &project.documents {
        for span in in_reading_order(doc) {
            writer.write_row(&row(doc, span)?)?;
            count += 1;
        }
    }
    writer.finish()?;
    Ok(count)
}

/// The document's spans by (start, end, id), whatever order a hand-edited file has.
fn in_reading_order(doc: &Document) -> Vec<&Span> {
    let mut spans: Vec<&Span> = doc.spans.iter().collect();
    spans.sort_by_key(|s| s.order_key());
    spans
}

/// The row for one span, after checking that its offsets select its text.
pub fn row<'a>(doc: &'a Document, span: &'a Span) -> Result<Row<'a>, ExportError> {
    let actual = doc.text.slice(span.start..span.end);
    if span.start >= span.end || actual != Some(span.text.as_str()) {
        return Err(ExportError::SpanMismatch {
            doc: doc.id,
            title: doc.title.clone(),
            span: span.id,
            start: span.start,
            end: span.end,
            stored: span.text.clone(),
            actual: actual.unwrap_or_default().to_owned(),
        });
    }
    Ok(Row {
        doc_id: doc.id,
        doc_title: &doc.title,
        outlet: &doc.metadata.outlet,
        date: &doc.metadata.date,
        url: &doc.metadata.url,
        author: &doc.metadata.author,
        source_path: &doc.source_path,
        span_id: span.id,
        label: &span.label,
        start: span.start,
        end: span.end,
        text: &span.text,
        note: &span.note,
        context_before: doc.text.before(span.start, CONTEXT_CHARS),
        context_after: doc.text.after(span.end, CONTEXT_CHARS),
    })
}

/// Fixtures shared by the format modules' tests.
#[cfg(test)]
pub(crate) mod fixture {
    use crate::model::{DocId, Document, Edit, Project};

    /// Text with curly quotes, an emoji, NBSPs and Greek.
    pub const TEXT: &str =
        "“It’s a disgrace,” said Ms\u{a0}Παπαδάκη 😤 — twice.\nThe\u{a0}mayor, “defiant”, left.";

    /// Note with a comma, a double quote and a newline.
    pub const NOTE: &str = "speaker: Papadaki, \"angry\"\nsecond line";

    /// A project of two documents whose spans touch every awkward character.
    pub fn project() -> Project {
        let mut p = Project::new("Bridge row");
        let mut d = Document::new(DocId(1), "Mayor, “defiant”", TEXT);
        d.metadata.outlet = "Φωνή της Βεριδίας".into();
        d.metadata.date = "2026-05-04".into();
        d.source_path = "articles/ä, b.txt".into();
        p.documents.push(d);
        p.documents
            .push(Document::new(DocId(2), "Second", "Plain 😀 text"));
        let spans = [
            (1, "quote", "It’s a disgrace", NOTE),
            (1, "descriptor", "Ms\u{a0}Παπαδάκη 😤", ""),
            (1, "claim", "mayor, “defiant”", ""),
            (2, "claim", "😀", ""),
        ];
        for (doc, label, text, note) in spans {
            let d = p.document(DocId(doc)).expect("doc");
            let at = d.text.find(text, 1).expect("text");
            let mut span = p
                .make_span(DocId(doc), label, at.start, at.end)
                .expect("span");
            span.note = note.into();
            Edit::AddSpan {
                doc: DocId(doc),
                span,
            }
            .apply(&mut p)
            .expect("add");
        }
        p
    }

    /// Checks one exported row against the project: by code points, the document text
    /// between `start` and `end` is `text`.
    pub fn assert_anchored(p: &Project, doc_id: u64, start: usize, end: usize, text: &str) {
        let doc_id = u32::try_from(doc_id).expect("doc id");
        let doc = p.document(DocId(doc_id)).expect("doc");
        let slice: String = doc
            .text
            .as_str()
            .chars()
            .skip(start)
            .take(end - start)
            .collect();
        assert_eq!(slice, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::from_name(f.name()), Some(f));
            assert_eq!(f.extension(), f.name());
        }
        assert_eq!(ExportFormat::from_name("CSV"), Some(ExportFormat::Csv));
        assert_eq!(ExportFormat::from_name("xlsx"), None);
    }

    #[test]
    fn rows_carry_code_point_offsets_and_context() {
        let p = fixture::project();
        let d = &p.documents[0];
        let r = row(d, &d.spans[1]).expect("row");
        assert_eq!(r.text, "Ms\u{a0}Παπαδάκη 😤");
        assert_eq!((r.start, r.end), (24, 37));
        assert_eq!(r.context_before, "“It’s a disgrace,” said ");
        assert_eq!(
            r.context_after,
            " — twice.\nThe\u{a0}mayor, “defiant”, left."
        );
        let first = row(d, &d.spans[0]).expect("row");
        assert_eq!(first.context_before, "“");
        assert_eq!(first.context_after.chars().count(), CONTEXT_CHARS);
        assert!(first.context_after.starts_with(",” said Ms\u{a0}Π"));
    }

    #[test]
    fn a_span_that_does_not_match_its_text_stops_the_export() {
        let mut p = fixture::project();
        p.documents[0].spans[2].text = "something else".into();
        let mut out = Vec::new();
        let err = export(&p, ExportFormat::Jsonl, &mut out).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, ExportError::SpanMismatch { .. }), "{msg}");
        assert!(
            msg.contains("Mayor, “defiant”") && msg.contains("span 3"),
            "{msg}"
        );
        // The two rows before it were written; the wrong one was not.
        let written = String::from_utf8(out).expect("utf-8");
        assert_eq!(written.lines().count(), 2, "{written}");
    }

    #[test]
    fn out_of_range_span_is_an_error_not_a_panic() {
        let mut p = fixture::project();
        p.documents[1].spans[0].end = 999;
        let err = export(&p, ExportFormat::Csv, &mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("document 2"), "{err}");
    }

    #[test]
    fn spans_are_exported_in_reading_order() {
        let mut p = fixture::project();
        p.documents[0].spans.reverse();
        let mut out = Vec::new();
        export(&p, ExportFormat::Jsonl, &mut out).expect("export");
        let ids: Vec<u64> = String::from_utf8(out)
            .expect("utf-8")
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).expect("json")["span_id"]
                    .as_u64()
                    .expect("id")
            })
            .collect();
        assert_eq!(ids, [1, 2, 3, 4]);
    }
}
