//! CSV export.

use super::export::{COLUMNS, ExportError, Row, RowWriter};
use std::io::Write;

/// Writes spans as CSV (RFC 4180): UTF-8 without a byte order mark, a header row with the
/// [`COLUMNS`], then one record per span; fields holding a comma, a double quote or a line
/// break are quoted, with quotes doubled. `start` and `end` are code point offsets.
pub struct CsvWriter<'a> {
    inner: ::csv::Writer<&'a mut dyn Write>,
}

impl<'a> CsvWriter<'a> {
    /// A writer that has written the header row to `out`.
    pub fn new(out: &'a mut dyn Write) -> Result<Self, ExportError> {
        let mut inner = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        inner
            .write_record(COLUMNS)
            .map_err(|e| csv_error(e, "the header".to_owned()))?;
        Ok(Self { inner })
    }
}

impl RowWriter for CsvWriter<'_> {
    fn write_row(&mut self, row: &Row<'_>) -> Result<(), ExportError> {
        self.inner
            .serialize(row)
            .map_err(|e| csv_error(e, format!("span {}", row.span_id)))
    }

    fn finish(&mut self) -> Result<(), ExportError> {
        Ok(self.inner.flush()?)
    }
}

fn csv_error(e: ::csv::Error, what: String) -> ExportError {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => ExportError::Io(io),
        other => ExportError::Encode {
            format: "CSV",
            what,
            message: format!("{other:?}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::export::{ExportFormat, export, fixture};
    use std::collections::HashMap;

    fn records(bytes: &[u8]) -> (Vec<String>, Vec<HashMap<String, String>>) {
        let mut reader = ::csv::Reader::from_reader(bytes);
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = reader
            .records()
            .map(|r| {
                let r = r.expect("record");
                header
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_owned))
                    .collect()
            })
            .collect();
        (header, rows)
    }

    #[test]
    fn csv_round_trips_through_a_csv_reader() {
        let p = fixture::project();
        let mut out = Vec::new();
        let n = export(&p, ExportFormat::Csv, &mut out).expect("export");
        assert_eq!(n, 4);
        let (header, rows) = records(&out);
        assert_eq!(header, super::COLUMNS);
        assert_eq!(rows.len(), 4);
        for r in &rows {
            let num = |k: &str| r[k].parse::<usize>().expect("number");
            let doc_id = u64::try_from(num("doc_id")).expect("id");
            fixture::assert_anchored(&p, doc_id, num("start"), num("end"), &r["text"]);
        }
        assert_eq!(rows[0]["note"], fixture::NOTE);
        assert_eq!(rows[0]["doc_title"], "Mayor, “defiant”");
        assert_eq!(rows[0]["outlet"], "Φωνή της Βεριδίας");
        assert_eq!(rows[0]["source_path"], "articles/ä, b.txt");
        assert_eq!(rows[1]["text"], "Ms\u{a0}Παπαδάκη 😤");
        assert_eq!(rows[3]["text"], "😀");
        assert!(rows[2]["context_before"].contains('\n'));
        // Non-ASCII is written as UTF-8, not escaped.
        assert!(String::from_utf8(out).expect("utf-8").contains("Παπαδάκη"));
    }

    #[test]
    fn empty_project_still_has_a_header() {
        let mut out = Vec::new();
        let n = export(
            &crate::model::Project::new("e"),
            ExportFormat::Csv,
            &mut out,
        )
        .expect("export");
        assert_eq!(n, 0);
        assert_eq!(
            String::from_utf8(out).expect("utf-8").trim_end(),
            super::COLUMNS.join(",")
        );
    }
}
