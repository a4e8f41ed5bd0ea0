//! Spreadsheets (Excel `.xlsx`/`.xls`, OpenDocument `.ods`) read as a [`Table`]: the
//! first sheet that holds anything, its first row the header, with calamine.
//!
//! Cells become the text a person sees in the spreadsheet, as far as a value allows: whole
//! numbers without ".0", dates as ISO `YYYY-MM-DD` (with the time when there is one), so
//! a publication date column fills the date field the way researchers write it.

use super::table::{Table, TableError, push_row, unique_columns};
use calamine::{Data, Reader};
use std::path::Path;

/// Reads the first non-empty sheet of a workbook.
pub fn read_sheet(path: &Path) -> Result<Table, TableError> {
    let malformed = |message: String| TableError::Malformed {
        path: path.to_path_buf(),
        place: String::new(),
        message,
    };
    let mut workbook = calamine::open_workbook_auto(path)
        .map_err(|e| malformed(format!("not a readable spreadsheet: {e}")))?;
    let names = workbook.sheet_names();
    let mut chosen = None;
    for name in &names {
        let range = workbook
            .worksheet_range(name)
            .map_err(|e| malformed(format!("sheet \"{name}\": {e}")))?;
        if !range.is_empty() {
            chosen = Some(range);
            break;
        }
    }
    let Some(range) = chosen else {
        return Err(malformed(
            "empty spreadsheet: no sheet holds a header row".to_owned(),
        ));
    };
    // Rows are numbered as the spreadsheet shows them, from the sheet's first used row.
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut rows = range.rows();
    let header = rows
        .next()
        .map(|r| r.iter().map(cell_text).collect::<Vec<_>>());
    let mut table = Table {
        path: path.to_path_buf(),
        columns: unique_columns(header.unwrap_or_default()),
        encoding: "spreadsheet".to_owned(),
        unit: "row",
        ..Table::default()
    };
    for (i, row) in rows.enumerate() {
        let cells = row.iter().map(cell_text).collect();
        push_row(&mut table, first_row + i + 2, cells);
    }
    Ok(table)
}

/// A cell as the text a person reads in it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

/// Whole numbers without a decimal point (an id column saved as numbers stays "17").
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    #[test]
    fn the_first_sheet_with_data_numbers_values_and_dates() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("corpus.xlsx");
        let mut book = Workbook::new();
        book.add_worksheet().set_name("empty").expect("name");
        let sheet = book.add_worksheet();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (c, h) in ["id", "Text", "publication_date", "score"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *h).expect("header");
        }
        sheet.write_number(1, 0, 17.0).expect("id");
        sheet
            .write_string(1, 1, "“Line one”\nΚαλημέρα 😀")
            .expect("text");
        let when = ExcelDateTime::from_ymd(2016, 9, 12).expect("date");
        sheet
            .write_datetime_with_format(1, 2, &when, &date)
            .expect("date");
        sheet.write_number(1, 3, 0.25).expect("score");
        sheet.write_string(3, 1, "Row four").expect("text");
        book.save(&path).expect("save");
        let t = read_sheet(&path).expect("read");
        assert_eq!(t.columns, ["id", "Text", "publication_date", "score"]);
        assert_eq!(
            t.rows[0].cells,
            ["17", "“Line one”\nΚαλημέρα 😀", "2016-09-12", "0.25"]
        );
        assert_eq!((t.rows[1].number, t.cell(&t.rows[1], 1)), (4, "Row four"));
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_refused_by_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("fake.xlsx");
        std::fs::write(&path, b"id,text\n1,x\n").expect("write");
        let err = read_sheet(&path).unwrap_err().to_string();
        assert!(
            err.contains("fake.xlsx: not a readable spreadsheet"),
            "{err}"
        );
    }
}
