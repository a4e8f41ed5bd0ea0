//! CSV export, plain (for R and pandas) or prepared for Excel.

use super::export::{COLUMNS, ExportError, Row, RowWriter};
use super::row::Field;
use crate::spreadsheet::inert_cell;
use std::io::{BufWriter, Write};

/// Writes spans as CSV (RFC 4180): UTF-8 without a byte order mark, a header row with the
/// [`COLUMNS`], then one record per span; fields holding a comma, a double quote or a line
/// break are quoted, with quotes doubled. `start` and `end` are code point offsets.
///
/// The Excel variant ([`CsvWriter::for_excel`], format `csv-excel`) starts with a UTF-8 byte
/// order mark, so Excel does not read the file as a legacy code page, and neutralises
/// formula injection (OWASP "CSV injection"): every text cell that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'`, so Excel shows it as text and
/// never runs it ([`crate::spreadsheet::inert_cell`], shared with the analysis tables).
/// Such a cell's value is then one character longer than the span's text; strip one
/// leading `'` from those cells to compare with the offsets (or use plain `csv`, which
/// writes every cell verbatim).
pub struct CsvWriter<'a> {
    out: BufWriter<&'a mut dyn Write>,
    excel: bool,
    /// The record being made, reused from row to row.
    line: Vec<u8>,
}

impl<'a> CsvWriter<'a> {
    /// A writer that has written the header row to `out`.
    pub fn new(out: &'a mut dyn Write) -> Result<Self, ExportError> {
        let mut w = Self {
            out: BufWriter::with_capacity(1 << 16, out),
            excel: false,
            line: Vec::new(),
        };
        w.write_record(COLUMNS.map(Field::Text))?;
        Ok(w)
    }

    /// A writer for Excel that has written the byte order mark and the header to `out`.
    pub fn for_excel(out: &'a mut dyn Write) -> Result<Self, ExportError> {
        out.write_all(crate::spreadsheet::EXCEL_BOM.as_bytes())?;
        let mut w = Self::new(out)?;
        w.excel = true;
        Ok(w)
    }

    fn write_record(&mut self, fields: [Field<'_>; 22]) -> Result<(), ExportError> {
        self.line.clear();
        for (k, field) in fields.into_iter().enumerate() {
            if k > 0 {
                self.line.push(b',');
            }
            match field {
                Field::Number(n) => {
                    let _ = write!(self.line, "{n}");
                }
                Field::Text(t) if self.excel => push_field(&mut self.line, &inert_cell(t)),
                Field::Text(t) => push_field(&mut self.line, t),
            }
        }
        self.line.push(b'\n');
        Ok(self.out.write_all(&self.line)?)
    }
}

/// Appends `field` as RFC 4180 has it (and the `csv` crate writes it): in double quotes,
/// with its double quotes doubled, when it holds a comma, a double quote or a line break
/// (`\r` too: readers take a lone one as a line end); as it is otherwise.
fn push_field(line: &mut Vec<u8>, field: &str) {
    let bytes = field.as_bytes();
    if !bytes
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        line.extend_from_slice(bytes);
        return;
    }
    line.push(b'"');
    for piece in bytes.split_inclusive(|&b| b == b'"') {
        line.extend_from_slice(piece);
        if piece.ends_with(b"\"") {
            line.push(b'"');
        }
    }
    line.push(b'"');
}

impl RowWriter for CsvWriter<'_> {
    fn write_row(&mut self, row: &Row<'_>) -> Result<(), ExportError> {
        self.write_record(row.fields())
    }

    fn finish(&mut self) -> Result<(), ExportError> {
        Ok(self.out.flush()?)
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
    fn excel_csv_has_a_bom_and_no_live_formulas() {
        let mut p = fixture::project();
        p.documents[1].title = "=HYPERLINK(\"http://x\")".into();
        p.documents[0].spans[0].note = "+1 and\nmore".into();
        p.documents[0].metadata.author = "@someone".into();
        p.documents[0].metadata.url = "-2".into();
        let mut out = Vec::new();
        let n = export(&p, ExportFormat::CsvExcel, &mut out).expect("export");
        assert_eq!(n, 4);
        assert!(out.starts_with("\u{feff}".as_bytes()));
        let (header, rows) = records(&out["\u{feff}".len()..]);
        assert_eq!(header, super::COLUMNS);
        assert_eq!(rows[3]["doc_title"], "'=HYPERLINK(\"http://x\")");
        assert_eq!(rows[0]["note"], "'+1 and\nmore");
        assert_eq!(rows[0]["author"], "'@someone");
        assert_eq!(rows[0]["url"], "'-2");
        assert_eq!(rows[1]["text"], "Ms\u{a0}Παπαδάκη 😤");
        for r in &rows {
            for v in r.values() {
                assert!(!v.starts_with(['=', '+', '-', '@', '\t', '\r']), "{v}");
            }
        }
    }

    #[test]
    fn fields_are_quoted_exactly_as_the_csv_crate_quotes_them() {
        let awkward = [
            "",
            "plain",
            "a,b",
            "\"",
            "say \"no\", twice\"\"",
            "line\nbreak",
            "cr\rlf\r\n",
            "“curly”, Παπαδάκη 😤",
            " padded ",
            "#hash",
            "'quote",
            "tab\tin",
            "\"",
        ];
        for field in awkward {
            let mut ours = Vec::new();
            super::push_field(&mut ours, field);
            let mut theirs = ::csv::WriterBuilder::new().from_writer(Vec::new());
            theirs.write_record(["x", field]).expect("write");
            let theirs = theirs.into_inner().expect("flush");
            assert_eq!(
                String::from_utf8(ours).expect("utf-8"),
                String::from_utf8(theirs[2..theirs.len() - 1].to_vec()).expect("utf-8"),
                "{field:?}"
            );
        }
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
