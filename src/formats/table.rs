//! Tables of articles or metadata — CSV, TSV, Excel/OpenDocument spreadsheets, JSON Lines —
//! read into one shape, so adding articles from a table and importing a metadata table
//! share the reading (and its messages) whatever the file is.
//!
//! Researchers collect articles as tables: Media Cloud and news-API downloads, scraper
//! output, R's `readtext`/`quanteda` data frames written with `write.csv`. Such files come
//! with a byte order mark (Excel's "CSV UTF-8"), in a legacy code page (Excel's plain CSV),
//! with `;` separators (Excel in many European locales) and with article text spanning
//! several lines inside quotes. Each row keeps the number a person sees: the spreadsheet
//! row (the header is row 1) for CSV, TSV and spreadsheets, the line for JSON Lines.

use super::sheet_process::SHEET_TIME_LIMIT;
use super::zip_limit::ZipBudget;
use crate::fsutil::{CappedError, read_capped};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Largest table file read (the same bound as a project file): beyond it the file is
/// refused by name rather than read into memory.
pub const MAX_TABLE_BYTES: u64 = super::import::MAX_IMPORT_BYTES;

/// Extensions read as tables.
pub const TABLE_EXTENSIONS: [&str; 8] =
    ["csv", "tsv", "tab", "xlsx", "xlsm", "xls", "ods", "jsonl"];

/// Why a table could not be read. Nothing was changed.
#[derive(Debug, Error)]
pub enum TableError {
    /// The file could not be read.
    #[error("cannot read table {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is not a readable table.
    #[error("{}: {place}{message}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// "row 5: " or "line 5: ", or empty for the whole file.
        place: String,
        /// What is wrong, lower-case.
        message: String,
    },
    /// The file is larger than [`MAX_TABLE_BYTES`], or a spreadsheet unpacks to more.
    #[error("{} {size} Lectern reads as a table", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size and the limit.
        size: crate::fsutil::TooBig,
    },
}

impl TableError {
    fn malformed(path: &Path, place: String, message: impl Into<String>) -> Self {
        TableError::Malformed {
            path: path.to_path_buf(),
            place,
            message: message.into(),
        }
    }
}

/// One data row of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// Where a person finds the row: the spreadsheet row (header = 1) or the JSONL line.
    pub number: usize,
    /// One cell per column of the table (missing cells are empty).
    pub cells: Vec<String>,
}

/// A table read from a file: column names and rows of text cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The file it was read from.
    pub path: PathBuf,
    /// Column names from the header (unique; an empty one is "column N").
    pub columns: Vec<String>,
    /// The data rows, in file order; rows with every cell empty are left out.
    pub rows: Vec<TableRow>,
    /// How the file was decoded ("UTF-8", "windows-1252", "Excel workbook", …).
    pub encoding: String,
    /// "row" for CSV, TSV and spreadsheets, "line" for JSON Lines.
    pub unit: &'static str,
}

impl Table {
    /// "row 5" or "line 5", as messages name a row.
    pub fn place(&self, row: &TableRow) -> String {
        format!("{} {}", self.unit, row.number)
    }

    /// The index of the column named `name`, ignoring case, spaces and punctuation.
    pub fn column(&self, name: &str) -> Option<usize> {
        let wanted = column_key(name);
        self.columns.iter().position(|c| column_key(c) == wanted)
    }

    /// The cell of `row` in column `index`, trimmed of the spaces spreadsheets leave.
    pub fn cell<'a>(&self, row: &'a TableRow, index: usize) -> &'a str {
        row.cells.get(index).map_or("", |c| c.trim())
    }
}

/// A column name reduced for comparison: lower-case letters and digits, words joined by
/// `_` ("Publication Date", "publication-date" and "publication_date" are one name).
pub fn column_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Whether `path` has the extension of a table Lectern reads.
pub fn is_table_path(path: &Path) -> bool {
    extension(path).is_some_and(|e| TABLE_EXTENSIONS.contains(&e.as_str()))
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// Reads a table file, choosing the reader by extension.
pub fn read_table(path: &Path) -> Result<Table, TableError> {
    let ext = extension(path).unwrap_or_default();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        check_spreadsheet_size(path, &ext)?;
        // calamine panics on some malformed files: in the binary it runs in a child.
        return match super::child_reader::registered() {
            Some(reader) => super::sheet_process::read(reader, path, SHEET_TIME_LIMIT),
            None => super::table_sheet::read_sheet(path),
        };
    }
    let bytes = read_capped(path, MAX_TABLE_BYTES).map_err(|e| match e {
        CappedError::Io(source) => TableError::Io {
            path: path.to_path_buf(),
            source,
        },
        CappedError::TooBig(size) => TableError::TooLarge {
            path: path.to_path_buf(),
            size,
        },
    })?;
    let (text, encoding) = decode(&bytes, path)?;
    match ext.as_str() {
        "jsonl" => read_jsonl(&text, path, encoding),
        "tsv" | "tab" => read_delimited(&text, b'\t', path, encoding),
        _ => read_delimited(&text, sniff_delimiter(&text), path, encoding),
    }
}

/// Refuses a spreadsheet bigger than [`MAX_TABLE_BYTES`] and, for the zipped ones
/// (`.xlsx`, `.ods`), one whose parts unpack past it or look like a zip bomb, before
/// calamine unpacks it without limits.
fn check_spreadsheet_size(path: &Path, ext: &str) -> Result<(), TableError> {
    let size = std::fs::metadata(path)
        .map_err(|source| TableError::Io {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    if size > MAX_TABLE_BYTES {
        return Err(TableError::TooLarge {
            path: path.to_path_buf(),
            size: crate::fsutil::TooBig {
                size: Some(size),
                limit: MAX_TABLE_BYTES,
            },
        });
    }
    if ext == "xls" {
        return Ok(());
    }
    ZipBudget::new(MAX_TABLE_BYTES)
        .check_archive(path)
        .map_err(|message| TableError::malformed(path, String::new(), message))
}

/// The bytes as text, decoded as articles are (a byte order mark, else UTF-8, else the
/// code page a detector guesses: Excel's plain "CSV" is windows-1252 in the West).
fn decode(bytes: &[u8], path: &Path) -> Result<(String, String), TableError> {
    super::article::decode_text(bytes).map_err(|reason| {
        TableError::malformed(
            path,
            String::new(),
            format!("not a text table ({reason}); consider saving it as CSV UTF-8"),
        )
    })
}

/// `;` when the header line has more semicolons than commas (Excel in locales whose
/// decimal mark is a comma), else `,`.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let count = |c: char| header.chars().filter(|&x| x == c).count();
    if count(';') > count(',') { b';' } else { b',' }
}

/// Unique, non-empty column names: an empty one becomes "column N", a repeated one gets
/// " (2)", " (3)"… so every column can be named on the command line.
pub fn unique_columns(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let base = match name.trim() {
            "" => format!("column {}", i + 1),
            n => n.to_owned(),
        };
        let mut unique = base.clone();
        let mut k = 2;
        while out.iter().any(|o| column_key(o) == column_key(&unique)) {
            unique = format!("{base} ({k})");
            k += 1;
        }
        out.push(unique);
    }
    out
}

/// Adds a data row unless every cell is empty, padding it to the table's width.
pub(super) fn push_row(table: &mut Table, number: usize, mut cells: Vec<String>) {
    if cells.iter().all(|c| c.trim().is_empty()) {
        return;
    }
    cells.resize(table.columns.len().max(cells.len()), String::new());
    table.rows.push(TableRow { number, cells });
}

fn read_delimited(
    text: &str,
    delimiter: u8,
    path: &Path,
    encoding: String,
) -> Result<Table, TableError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table {
        path: path.to_path_buf(),
        encoding,
        unit: "row",
        ..Table::default()
    };
    let mut header = true;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            TableError::malformed(path, format!("line {line}: "), csv_message(&e))
        })?;
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if header {
            table.columns = unique_columns(cells);
            header = false;
        } else {
            push_row(&mut table, i + 1, cells);
        }
    }
    if header {
        return Err(TableError::malformed(
            path,
            String::new(),
            "empty table: no header row",
        ));
    }
    Ok(table)
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_owned(),
        _ => e.to_string().to_lowercase(),
    }
}

/// JSON Lines: one object per line; its keys are the columns, in order of first
/// appearance. Strings are taken as they are, numbers and booleans as written, lists and
/// objects as JSON.
fn read_jsonl(text: &str, path: &Path, encoding: String) -> Result<Table, TableError> {
    let mut objects = Vec::new();
    let mut columns: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let place = format!("line {}: ", i + 1);
        let object: OrderedObject = serde_json::from_str(line).map_err(|e| {
            let message = if e.is_data() {
                "not a JSON object".to_owned()
            } else {
                format!("not JSON: {e}")
            };
            TableError::malformed(path, place.clone(), message)
        })?;
        for (key, _) in &object.0 {
            if !columns.contains(key) {
                columns.push(key.clone());
            }
        }
        objects.push((i + 1, object));
    }
    let mut table = Table {
        path: path.to_path_buf(),
        columns: unique_columns(columns.clone()),
        encoding,
        unit: "line",
        ..Table::default()
    };
    for (line, object) in objects {
        let cells = columns
            .iter()
            .map(
                |c| match object.0.iter().find(|(k, _)| k == c).map(|(_, v)| v) {
                    None | Some(serde_json::Value::Null) => String::new(),
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(other) => other.to_string(),
                },
            )
            .collect();
        push_row(&mut table, line, cells);
    }
    if table.columns.is_empty() {
        return Err(TableError::malformed(
            path,
            String::new(),
            "no JSON objects",
        ));
    }
    Ok(table)
}

/// A JSON object with its keys in file order (serde_json's map sorts them), so the
/// columns of a JSON Lines table read in the order the file gives them.
struct OrderedObject(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for OrderedObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OrderedObject;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedObject(entries))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// A cell's text as stored in a document: line ends normalised to `\n` (a CSV cell
/// written on Windows holds CRLF) and no byte order mark.
pub fn cell_text(cell: &str) -> String {
    let text = cell.trim_start_matches('\u{feff}');
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }

    #[test]
    fn csv_with_bom_quoted_newlines_and_an_empty_cell() {
        let dir = tempfile::tempdir().expect("tempdir");
        let csv = "\u{feff}Title,Text,Outlet\r\n\
                   \"Bridge row, day 2\",\"“It’s a disgrace,” said Ms\u{a0}Παπαδάκη.\r\nShe left — 😀\",Harbour Post\r\n\
                   Empty one,,Tide Times\r\n\
                   ,,\r\n\
                   Third,Plain,\r\n";
        let t = read_table(&write(dir.path(), "a.csv", csv.as_bytes())).expect("read");
        assert_eq!(t.columns, ["Title", "Text", "Outlet"]);
        assert_eq!(t.encoding, "UTF-8 (with BOM)");
        assert_eq!(t.rows.len(), 3, "the all-empty row is left out");
        assert_eq!(t.rows[0].number, 2);
        assert_eq!(
            cell_text(&t.rows[0].cells[1]),
            "“It’s a disgrace,” said Ms\u{a0}Παπαδάκη.\nShe left — 😀"
        );
        assert_eq!((t.rows[1].number, t.cell(&t.rows[1], 1)), (3, ""));
        assert_eq!(
            t.rows[2].number, 5,
            "spreadsheet rows, the blank one counted"
        );
        assert_eq!(t.column("text"), Some(1));
    }

    #[test]
    fn semicolons_tabs_and_windows_1252_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let t = read_table(&write(
            dir.path(),
            "a.csv",
            b"id;text\n1;caf\xe9 \x93society\x94\n",
        ))
        .expect("read");
        assert_eq!(t.encoding, "windows-1252");
        assert_eq!(t.rows[0].cells, ["1", "café “society”"]);
        let t = read_table(&write(
            dir.path(),
            "b.tsv",
            b"filename\tpublisher\nx\tY, Z\n",
        ))
        .expect("read");
        assert_eq!(t.rows[0].cells, ["x", "Y, Z"]);
    }

    #[test]
    fn jsonl_keys_become_columns_and_lines_number_rows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let t = read_table(&write(
            dir.path(),
            "a.jsonl",
            "{\"text\": \"One\", \"n\": 3}\n\n{\"text\": \"Two\", \"tags\": [\"a\"]}\n".as_bytes(),
        ))
        .expect("read");
        assert_eq!(t.columns, ["text", "n", "tags"]);
        assert_eq!(t.rows[1].number, 3);
        assert_eq!(t.rows[1].cells, ["Two", "", "[\"a\"]"]);
        let err = read_table(&write(dir.path(), "b.jsonl", b"{\"text\": 1}\n[1]\n")).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("b.jsonl: line 2: not a JSON object"),
            "{err}"
        );
    }

    #[test]
    fn columns_are_unique_and_compared_loosely() {
        let cols = unique_columns(["Text", "", "text", " Publication Date "].map(String::from));
        assert_eq!(cols, ["Text", "column 2", "text (2)", "Publication Date"]);
        assert_eq!(column_key("publication-date"), "publication_date");
        assert!(is_table_path(Path::new("x.XLSX")) && !is_table_path(Path::new("x.txt")));
    }

    #[test]
    fn broken_files_are_refused_with_the_place() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = read_table(&write(dir.path(), "e.csv", b"")).unwrap_err();
        assert!(err.to_string().contains("e.csv: empty table"), "{err}");
        let err = read_table(&write(dir.path(), "b.csv", b"a,b\n\0\0\0")).unwrap_err();
        assert!(err.to_string().contains("NUL byte"), "{err}");
    }
}
