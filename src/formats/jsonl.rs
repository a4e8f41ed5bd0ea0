//! JSON Lines export.

use super::export::{ExportError, Row, RowWriter};
use std::io::{BufWriter, Write};

/// Writes spans as JSON Lines: one JSON object per span and line, keys as in
/// [`COLUMNS`](super::export::COLUMNS) and in that order, UTF-8 with non-ASCII characters
/// written literally. `doc_id`, `span_id`, `start` and `end` are numbers; `start` and `end`
/// are code point offsets. Line breaks inside values are escaped (`\n`), so every line
/// is one complete object.
pub struct JsonlWriter<'a> {
    out: BufWriter<&'a mut dyn Write>,
}

impl<'a> JsonlWriter<'a> {
    /// A writer to `out`; nothing is written until the first row.
    pub fn new(out: &'a mut dyn Write) -> Self {
        Self {
            out: BufWriter::new(out),
        }
    }
}

impl RowWriter for JsonlWriter<'_> {
    fn write_row(&mut self, row: &Row<'_>) -> Result<(), ExportError> {
        serde_json::to_writer(&mut self.out, row).map_err(|e| {
            if e.is_io() {
                ExportError::Io(e.into())
            } else {
                ExportError::Encode {
                    format: "JSON",
                    what: format!("span {}", row.span_id),
                    message: e.to_string(),
                }
            }
        })?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(&mut self) -> Result<(), ExportError> {
        Ok(self.out.flush()?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::export::{COLUMNS, ExportFormat, export, fixture};
    use serde_json::{Map, Value};

    #[test]
    fn jsonl_round_trips_through_serde_json() {
        let p = fixture::project();
        let mut out = Vec::new();
        let n = export(&p, ExportFormat::Jsonl, &mut out).expect("export");
        assert_eq!(n, 4);
        let text = String::from_utf8(out).expect("utf-8");
        assert!(
            text.contains("Ms\u{a0}Παπαδάκη 😤"),
            "non-ASCII literal: {text}"
        );
        assert!(text.starts_with("{\"doc_id\":1,\"doc_title\":"), "{text}");
        let rows: Vec<Map<String, Value>> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("one object per line"))
            .collect();
        assert_eq!(rows.len(), 4);
        for r in &rows {
            let keys: Vec<&str> = r.keys().map(String::as_str).collect();
            assert_eq!(keys.len(), COLUMNS.len());
            assert!(COLUMNS.iter().all(|c| r.contains_key(*c)), "{keys:?}");
            let num = |k: &str| r[k].as_u64().expect("number");
            let at = |k: &str| usize::try_from(num(k)).expect("offset");
            let text = r["text"].as_str().expect("text");
            fixture::assert_anchored(&p, num("doc_id"), at("start"), at("end"), text);
        }
        assert_eq!(rows[0]["note"], fixture::NOTE);
        assert_eq!(rows[0]["outlet"], "Φωνή της Βεριδίας");
        assert_eq!(rows[3]["text"], "😀");
        assert_eq!(
            (rows[3]["start"].as_u64(), rows[3]["end"].as_u64()),
            (Some(6), Some(7))
        );
    }
}
