//! One exported span as a row: the columns every export format shares, and how a row is
//! made from a span after checking that its offsets select its text.

use super::export::ExportError;
use crate::model::{DocId, Document, Span, SpanId};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

/// Code points of document text given on each side of a span.
pub const CONTEXT_CHARS: usize = 40;

/// Column names, in order. Every format writes exactly these fields.
pub const COLUMNS: [&str; 22] = [
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
    "fragments",
    "labelled_text",
    "attributes",
    "annotator",
    "created",
    "proposed_by",
    "accepted_by",
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
    /// The pieces of a discontinuous span as `start-end;start-end` (code points), empty
    /// for a contiguous span, whose only piece is `start`–`end`.
    pub fragments: String,
    /// The labelled words: `text`, or for a discontinuous span its fragments joined by one
    /// space, as brat does.
    pub labelled_text: Cow<'a, str>,
    /// The span's attribute values as a JSON object (`{"speaker":"Eleni Papadaki"}`),
    /// empty when it has none.
    pub attributes: String,
    /// Who made the span.
    pub annotator: &'a str,
    /// When, ISO 8601 UTC.
    pub created: &'a str,
    /// Set when the quote assistant proposed the span: `assistant (RULE, NN%)`.
    pub proposed_by: String,
    /// Who accepted the assistant's proposal (empty: added without review).
    pub accepted_by: &'a str,
}

/// One field of a [`Row`]: text, or a whole number (an id or an offset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field<'a> {
    /// A text field.
    Text(&'a str),
    /// A number field.
    Number(u64),
}

impl Row<'_> {
    /// Every field, in [`COLUMNS`] order, without copying any text (an encoder writes
    /// them straight out: a million rows are exported at a time).
    pub fn fields(&self) -> [Field<'_>; 22] {
        use Field::{Number, Text};
        [
            Number(u64::from(self.doc_id.0)),
            Text(self.doc_title),
            Text(self.outlet),
            Text(self.date),
            Text(self.url),
            Text(self.author),
            Text(self.source_path),
            Number(u64::from(self.span_id.0)),
            Text(self.label),
            Number(self.start as u64),
            Number(self.end as u64),
            Text(self.text),
            Text(self.note),
            Text(self.context_before),
            Text(self.context_after),
            Text(&self.fragments),
            Text(&self.labelled_text),
            Text(&self.attributes),
            Text(self.annotator),
            Text(self.created),
            Text(&self.proposed_by),
            Text(self.accepted_by),
        ]
    }
}

/// The document's spans by (start, end, id), whatever order a hand-edited file has.
pub(crate) fn in_reading_order(doc: &Document) -> Vec<&Span> {
    let mut spans: Vec<&Span> = doc.spans.iter().collect();
    spans.sort_by_key(|s| s.order_key());
    spans
}

/// Checks that the span's offsets, and each fragment's, select exactly the text it stores;
/// returns the span's byte range in the document text.
pub(crate) fn check_stored_text(doc: &Document, span: &Span) -> Result<Range<usize>, ExportError> {
    let bytes = doc
        .text
        .byte_range(span.start..span.end)
        .filter(|b| span.start < span.end && doc.text.as_str()[b.clone()] == span.text);
    let Some(bytes) = bytes else {
        return Err(mismatch(doc, span, span.start, span.end, &span.text));
    };
    for f in &span.fragments {
        if doc.text.slice(f.start..f.end) != Some(f.text.as_str()) {
            return Err(mismatch(doc, span, f.start, f.end, &f.text));
        }
    }
    Ok(bytes)
}

/// The error for a piece of `span` whose offsets select other text than `stored`.
pub(crate) fn mismatch(
    doc: &Document,
    span: &Span,
    start: usize,
    end: usize,
    stored: &str,
) -> ExportError {
    ExportError::SpanMismatch {
        doc: doc.id,
        title: doc.title.clone(),
        span: span.id,
        start,
        end,
        stored: stored.to_owned(),
        actual: doc.text.slice(start..end).unwrap_or_default().to_owned(),
    }
}

/// The row for one span, after checking that its offsets select its text.
pub fn row<'a>(doc: &'a Document, span: &'a Span) -> Result<Row<'a>, ExportError> {
    let bytes = check_stored_text(doc, span)?;
    // Rows are made fifty thousand at a time: no allocation a contiguous span does not need.
    let mut fragments = String::new();
    for (k, f) in span.fragments.iter().enumerate() {
        let sep = if k == 0 { "" } else { ";" };
        let _ = write!(fragments, "{sep}{}-{}", f.start, f.end);
    }
    let labelled_text = if span.fragments.is_empty() {
        Cow::Borrowed(span.text.as_str())
    } else {
        Cow::Owned(span.joined_text())
    };
    // The context is counted back and forth from the span's bytes, not looked up by
    // code point offset again.
    let text = doc.text.as_str();
    let from = text[..bytes.start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let to = text[bytes.end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| bytes.end + i);
    let (context_before, context_after) = (&text[from..bytes.start], &text[bytes.end..to]);
    let attributes = if span.attributes.is_empty() {
        String::new()
    } else {
        serde_json::to_string(&span.attributes).unwrap_or_default()
    };
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
        context_before,
        context_after,
        fragments,
        labelled_text,
        attributes,
        annotator: &span.annotator,
        created: &span.created,
        proposed_by: span
            .proposed
            .as_ref()
            .map(|p| p.describe())
            .unwrap_or_default(),
        accepted_by: span
            .proposed
            .as_ref()
            .map_or("", |p| p.accepted_by.as_str()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Project;

    #[test]
    fn context_is_forty_code_points_each_side_clamped_to_the_text() {
        // Spans at the very start and end, and one with emoji and Greek around it: the
        // row's context must equal the code point slices a script would take.
        let text = format!(
            "{}Ms\u{a0}Παπαδάκη 😤 said{}",
            "“Ωχ” 😀 ".repeat(9),
            " — and “then” 😀".repeat(5)
        );
        let mut p = Project::new("t");
        p.documents
            .push(Document::new(DocId(1), "t", text.as_str()));
        let len = text.chars().count();
        for (start, end) in [(0, 3), (len - 4, len), (60, 75), (1, len - 1)] {
            let span = p.make_span(DocId(1), "quote", start, end).expect("span");
            let doc = &p.documents[0];
            let r = row(doc, &span).expect("row");
            let chars: Vec<char> = text.chars().collect();
            let before: String = chars[start.saturating_sub(CONTEXT_CHARS)..start]
                .iter()
                .collect();
            let after: String = chars[end..(end + CONTEXT_CHARS).min(len)].iter().collect();
            assert_eq!(
                (r.context_before, r.context_after),
                (before.as_str(), after.as_str())
            );
            assert_eq!(r.labelled_text, span.text, "contiguous: its text");
            assert_eq!(r.fragments, "");
        }
    }
}
