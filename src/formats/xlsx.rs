//! Excel workbook export, for researchers who code and count in a spreadsheet.
//!
//! Wire format: an `.xlsx` workbook (written by `rust_xlsxwriter`) with three sheets.
//! - `spans`: the CSV columns ([`COLUMNS`]: with `fragments` as `start-end;start-end` for a
//!   discontinuous span), then one `attr:NAME` column per attribute field of the codebook
//!   or used by a span.
//! - `relations`: `doc_id`, `doc_title`, `relation_id`, `type`, `from_span`, `from_label`,
//!   `from_text`, `to_span`, `to_label`, `to_text`, `note`.
//! - `documents`: `doc_id`, `title`, `outlet`, `date`, `url`, `author`, one column per custom
//!   field, `status`, `memo`, `source_path`, `encoding`, `content_hash`, `length`, `spans`.
//!
//! Every cell, numbers included, is written as a string cell: nothing a spreadsheet could
//! evaluate is ever stored as a formula, whatever the text starts with, and offsets keep
//! their exact value. Convert `start`/`end` with `int()` / `as.integer()` to compute with
//! them. Offsets are code points, as everywhere in Lectern. Excel holds at most 32,767
//! characters per cell; a longer value stops the export with an error naming it.

use super::export::{COLUMNS, ExportError, WriteSeek, checked_pieces, row};
use super::row::Field;
use crate::model::{Document, Project};
use crate::progress::{Progress, Unit};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// Writes the project to `out` as an `.xlsx` workbook.
///
/// The sheets are written in constant-memory mode: each row goes to a temporary file as
/// soon as the next one starts, and its strings are stored in the cell (`inlineStr`), not
/// in a shared-strings table that would hold every span's text at once (a 1,000,000-span
/// workbook took gigabytes and minutes). Spreadsheets and readers (Excel, LibreOffice,
/// openpyxl, readxl, calamine) read inline strings as they read shared ones.
pub fn write(
    project: &Project,
    out: &mut dyn WriteSeek,
    progress: &Progress,
) -> Result<usize, ExportError> {
    let mut book = Workbook::new();
    let count = spans_sheet(&mut book, project, progress)?;
    relations_sheet(&mut book, project)?;
    documents_sheet(&mut book, project)?;
    progress.check()?;
    // The workbook is compressed in one call; the bar says so instead of standing still.
    progress.start_phase("Compressing the workbook", Unit::Bytes, 0);
    book.save_to_writer(out)
        .map_err(|e| encode_error("the workbook", &e))?;
    Ok(count)
}

fn encode_error(what: &str, e: &XlsxError) -> ExportError {
    ExportError::Encode {
        format: "XLSX",
        what: what.to_owned(),
        message: e.to_string(),
    }
}

/// A sheet of `book` being filled row by row, every cell a string.
struct Sheet<'a> {
    sheet: &'a mut Worksheet,
    row: u32,
    name: &'static str,
}

impl<'a> Sheet<'a> {
    fn new(
        book: &'a mut Workbook,
        name: &'static str,
        header: &[String],
    ) -> Result<Self, ExportError> {
        let sheet = book
            .add_worksheet_with_constant_memory()
            .map_err(|e| encode_error("a temporary file for the sheet", &e))?;
        sheet
            .set_name(name)
            .map_err(|e| encode_error("a sheet name", &e))?;
        let mut s = Self {
            sheet,
            row: 0,
            name,
        };
        s.push(header, &|| "the header".to_owned())?;
        s.sheet
            .set_freeze_panes(1, 0)
            .map_err(|e| encode_error("the header", &e))?;
        Ok(s)
    }

    /// Writes the next row; `what` names it in an error ("span 7 of document 2").
    fn push<S: AsRef<str>>(
        &mut self,
        cells: &[S],
        what: &dyn Fn() -> String,
    ) -> Result<(), ExportError> {
        for (col, cell) in cells.iter().enumerate() {
            let col = u16::try_from(col).map_err(|_| ExportError::Encode {
                format: "XLSX",
                what: what(),
                message: "too many columns".to_owned(),
            })?;
            self.sheet
                .write_string(self.row, col, cell.as_ref())
                .map_err(|e| encode_error(&format!("{} on sheet {}", what(), self.name), &e))?;
        }
        self.row += 1;
        Ok(())
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn spans_sheet(
    book: &mut Workbook,
    project: &Project,
    progress: &Progress,
) -> Result<usize, ExportError> {
    let mut attrs: BTreeSet<&str> = project
        .labels
        .iter()
        .flat_map(|l| l.attributes.iter().map(|a| a.name.as_str()))
        .collect();
    for d in &project.documents {
        for s in &d.spans {
            attrs.extend(s.attributes.keys().map(String::as_str));
        }
    }
    let mut header = strings(&COLUMNS);
    header.extend(attrs.iter().map(|a| format!("attr:{a}")));
    let mut sheet = Sheet::new(book, "spans", &header)?;
    let mut count = 0;
    for doc in &project.documents {
        let mut spans: Vec<_> = doc.spans.iter().collect();
        spans.sort_by_key(|s| s.order_key());
        for span in spans {
            checked_pieces(doc, span)?;
            let r = row(doc, span)?;
            // Borrowed cells: a million rows of thirty cells are written at a time.
            let mut cells: Vec<Cow<'_, str>> = r
                .fields()
                .into_iter()
                .map(|f| match f {
                    Field::Text(t) => Cow::Borrowed(t),
                    Field::Number(n) => Cow::Owned(n.to_string()),
                })
                .collect();
            cells.extend(
                attrs
                    .iter()
                    .map(|a| Cow::Borrowed(span.attributes.get(a).map_or("", String::as_str))),
            );
            let what = || format!("span {} of document {}", span.id, doc.id);
            sheet.push(&cells, &what)?;
            count += 1;
            progress.advance(1)?;
        }
    }
    Ok(count)
}

fn relations_sheet(book: &mut Workbook, project: &Project) -> Result<(), ExportError> {
    let header = strings(&[
        "doc_id",
        "doc_title",
        "relation_id",
        "type",
        "from_span",
        "from_label",
        "from_text",
        "to_span",
        "to_label",
        "to_text",
        "note",
    ]);
    let mut sheet = Sheet::new(book, "relations", &header)?;
    for doc in &project.documents {
        for r in &doc.relations {
            let end = |id| {
                doc.span(id)
                    .map(|s| (s.label.to_string(), s.joined_text()))
                    .unwrap_or_default()
            };
            let (from_label, from_text) = end(r.from);
            let (to_label, to_text) = end(r.to);
            let cells = vec![
                doc.id.to_string(),
                doc.title.clone(),
                r.id.to_string(),
                r.kind.to_string(),
                r.from.to_string(),
                from_label,
                from_text,
                r.to.to_string(),
                to_label,
                to_text,
                r.note.clone(),
            ];
            sheet.push(&cells, &|| {
                format!("relation {} of document {}", r.id, doc.id)
            })?;
        }
    }
    Ok(())
}

fn documents_sheet(book: &mut Workbook, project: &Project) -> Result<(), ExportError> {
    let mut header = strings(&["doc_id", "title", "outlet", "date", "url", "author"]);
    header.extend(project.custom_fields.iter().cloned());
    header.extend(strings(&[
        "status",
        "memo",
        "source_path",
        "encoding",
        "content_hash",
        "length",
        "spans",
    ]));
    let mut sheet = Sheet::new(book, "documents", &header)?;
    for doc in &project.documents {
        sheet.push(&document_cells(project, doc), &|| {
            format!("document {}", doc.id)
        })?;
    }
    Ok(())
}

fn document_cells(project: &Project, doc: &Document) -> Vec<String> {
    let m = &doc.metadata;
    let mut cells = vec![
        doc.id.to_string(),
        doc.title.clone(),
        m.outlet.clone(),
        m.date.clone(),
        m.url.clone(),
        m.author.clone(),
    ];
    cells.extend(
        project
            .custom_fields
            .iter()
            .map(|f| m.custom.get(f).cloned().unwrap_or_default()),
    );
    cells.extend([
        doc.status.name().to_owned(),
        doc.memo.clone(),
        doc.source_path.clone(),
        doc.encoding.clone(),
        doc.content_hash.clone(),
        doc.text.len_chars().to_string(),
        doc.spans.len().to_string(),
    ]);
    cells
}

#[cfg(test)]
mod tests {
    use super::super::export::{COLUMNS, fixture};
    use std::io::Read;

    /// The spreadsheet name of a zero-based column: 0 → A, 25 → Z, 26 → AA.
    fn column_name(mut index: usize) -> String {
        let mut name = Vec::new();
        loop {
            name.push(b'A' + (index % 26) as u8);
            if index < 26 {
                break;
            }
            index = index / 26 - 1;
        }
        name.reverse();
        String::from_utf8(name).expect("ASCII")
    }

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut s = String::new();
        zip.by_name(name)
            .expect("part")
            .read_to_string(&mut s)
            .expect("utf-8");
        s
    }

    #[test]
    fn workbook_has_three_sheets_of_string_cells_and_no_formulas() {
        let mut p = fixture::project();
        p.documents[0].spans[0].note = "=1+1".into();
        p.documents[1].title = "@SUM(A1)".into();
        let out =
            crate::formats::export_project(&p, crate::formats::ExportFormat::Xlsx).expect("export");
        assert_eq!(out.spans, 4);
        let bytes = &out.files[0].bytes;
        let book = part(bytes, "xl/workbook.xml");
        for name in ["spans", "relations", "documents"] {
            assert!(book.contains(&format!("name=\"{name}\"")), "{book}");
        }
        let spans = part(bytes, "xl/worksheets/sheet1.xml");
        assert!(!spans.contains("<f>"), "no formulas: {spans}");
        // A header of the CSV columns plus one `attr:` column per attribute field of the
        // codebook (A to the dimension's last column) and a row per span (empty cells are
        // left out); every cell a string stored in the cell (t="inlineStr"), so no table of
        // every span's text is held while writing.
        let mut attrs: Vec<&str> = p
            .labels
            .iter()
            .flat_map(|l| l.attributes.iter().map(|a| a.name.as_str()))
            .collect();
        attrs.sort_unstable();
        attrs.dedup();
        let columns = COLUMNS.len() + attrs.len();
        assert!(columns > COLUMNS.len(), "the fixture has attribute fields");
        let last = column_name(columns - 1);
        assert!(
            spans.contains(&format!("<dimension ref=\"A1:{last}5\"/>")),
            "{spans}"
        );
        assert_eq!(spans.matches("<row ").count(), 5, "{spans}");
        let header = &spans[..spans.find("</row>").expect("a row")];
        assert_eq!(header.matches("<c ").count(), columns, "{header}");
        let cells = spans.matches("<c ").count();
        assert_eq!(cells, spans.matches("t=\"inlineStr\"").count(), "{spans}");
        assert_eq!(cells, spans.matches("<is><t").count(), "{spans}");
        assert!(spans.contains(">=1+1</t>") && spans.contains(">@SUM(A1)</t>"));
        assert!(spans.contains(">Ms\u{a0}Παπαδάκη 😤</t>"), "{spans}");
        assert!(spans.contains(">attr:speaker</t>"));
    }

    #[test]
    fn our_spreadsheet_reader_reads_the_spans_sheet_as_the_csv_export_has_it() {
        let mut p = fixture::project();
        p.documents[0].spans[0].note = "  padded “note”\nand = more ".into();
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("spans.xlsx");
        let progress = crate::progress::Progress::new();
        let n = crate::formats::export::export_to_path(
            &p,
            crate::formats::ExportFormat::Xlsx,
            &path,
            &progress,
        )
        .expect("export");
        assert_eq!(n, 4);
        let table = crate::formats::table_sheet::read_sheet(&path).expect("read");
        assert_eq!(&table.columns[..COLUMNS.len()], COLUMNS);
        let mut csv = Vec::new();
        crate::formats::export(&p, crate::formats::ExportFormat::Csv, &mut csv).expect("csv");
        let mut reader = ::csv::Reader::from_reader(csv.as_slice());
        let records: Vec<::csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(table.rows.len(), records.len());
        for (row, record) in table.rows.iter().zip(&records) {
            let cells: Vec<&str> = record.iter().collect();
            assert_eq!(&row.cells[..COLUMNS.len()], cells.as_slice());
        }
        assert_eq!(table.rows[0].cells[12], "  padded “note”\nand = more ");
    }
}
