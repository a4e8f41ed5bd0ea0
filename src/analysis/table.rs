//! The one result type of every analysis: a header and rows of cells, which the window
//! shows, the command line prints, and both write as CSV or JSON for R and pandas.

use crate::model::{DocId, SpanId};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One value of a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text (a label, an outlet, a list of verbs).
    Text(String),
    /// A count.
    Count(u64),
    /// A measured number; `None` when it is undefined (e.g. kappa with no variation).
    Number(Option<f64>),
}

impl Cell {
    /// The cell as text: counts as integers, numbers in full precision, undefined as "".
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Number(Some(x)) => x.to_string(),
            Cell::Number(None) => String::new(),
        }
    }

    /// The cell as shown on screen: numbers rounded to three decimals, undefined as "–".
    pub fn display(&self) -> String {
        match self {
            Cell::Number(Some(x)) => format!("{x:.3}"),
            Cell::Number(None) => "–".to_owned(),
            other => other.text(),
        }
    }

    /// The count, or the number, as a float (for charts); text is `None`.
    pub fn value(&self) -> Option<f64> {
        match self {
            Cell::Text(_) => None,
            // Counts of spans stay far below 2^53, where f64 is exact.
            #[allow(clippy::cast_precision_loss)]
            Cell::Count(n) => Some(*n as f64),
            Cell::Number(x) => *x,
        }
    }

    /// The cell as a JSON value: numbers as numbers, undefined as `null`.
    fn json(&self) -> String {
        match self {
            Cell::Text(s) => serde_json::Value::from(s.as_str()).to_string(),
            Cell::Count(n) => n.to_string(),
            Cell::Number(Some(x)) if x.is_finite() => serde_json::Value::from(*x).to_string(),
            Cell::Number(_) => "null".to_owned(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Count(u64::try_from(n).unwrap_or(u64::MAX))
    }
}

impl From<Option<f64>> for Cell {
    fn from(x: Option<f64>) -> Self {
        Cell::Number(x)
    }
}

/// A span a table row was computed from, so the window can show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SpanRef {
    /// The document holding the span.
    pub doc: DocId,
    /// The span.
    pub span: SpanId,
}

/// A table: a header and rows of the same width, each row with the spans behind it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Column names; used as CSV header and JSON keys.
    pub header: Vec<String>,
    /// The rows, each as wide as the header.
    pub rows: Vec<Vec<Cell>>,
    /// For each row, the spans it counts (empty where a row has none, e.g. agreement).
    pub sources: Vec<Vec<SpanRef>>,
    /// Where a cell counts only some of its row's spans (one label's column of the
    /// counts, one pair of the co-occurrence), those spans by (row, column).
    pub cell_sources: BTreeMap<(usize, usize), Vec<SpanRef>>,
}

impl Table {
    /// An empty table with these column names.
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Self {
        Self {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
            sources: Vec::new(),
            cell_sources: BTreeMap::new(),
        }
    }

    /// The spans behind one cell: its own where the table records them, else its row's.
    pub fn cell_spans(&self, row: usize, column: usize) -> &[SpanRef] {
        self.cell_sources
            .get(&(row, column))
            .or_else(|| self.sources.get(row))
            .map_or(&[], Vec::as_slice)
    }

    /// Adds a row with the spans behind it. Short rows are padded with empty text.
    pub fn push(&mut self, mut row: Vec<Cell>, sources: Vec<SpanRef>) {
        row.resize(self.header.len(), Cell::Text(String::new()));
        self.rows.push(row);
        self.sources.push(sources);
    }

    /// Sorts the rows (with their spans) by the text of their first `columns` cells,
    /// ignoring case, so "analysts" sorts beside "Andreas", not after "Ward". Cell
    /// sources are dropped (rows move): sort before recording them.
    pub fn sort_by_text(&mut self, columns: usize) {
        self.cell_sources.clear();
        let key = |row: &[Cell]| -> Vec<String> {
            row.iter()
                .take(columns)
                .map(|c| c.text().to_lowercase())
                .collect()
        };
        let mut both: Vec<(Vec<Cell>, Vec<SpanRef>)> = std::mem::take(&mut self.rows)
            .into_iter()
            .zip(std::mem::take(&mut self.sources))
            .collect();
        both.sort_by_cached_key(|(row, _)| key(row));
        (self.rows, self.sources) = both.into_iter().unzip();
    }

    /// Index of the column with this name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// RFC 4180 CSV, UTF-8, a header row, cells as [`Cell::text`], verbatim: what R and
    /// pandas should read. A cell such as `=HYPERLINK(…)` stays live in a spreadsheet; use
    /// [`Table::to_excel_csv`] for one.
    pub fn to_csv(&self) -> String {
        self.csv_with(|cell| cell.into())
    }

    /// CSV for Excel and other spreadsheets: a UTF-8 byte order mark, and every text cell
    /// (header included) that a spreadsheet would run as a formula made inert with a
    /// leading `'` ([`crate::spreadsheet::inert_cell`], as span exports' `csv-excel`).
    /// Counts and numbers are written as they are, so a negative kappa stays a number.
    pub fn to_excel_csv(&self) -> String {
        let csv = self.csv_with(|cell| crate::spreadsheet::inert_cell(cell).into_owned());
        format!("{}{csv}", crate::spreadsheet::EXCEL_BOM)
    }

    /// The CSV with each text cell (header included) passed through `text`.
    fn csv_with(&self, text: impl Fn(&str) -> String) -> String {
        let mut out = Vec::new();
        {
            let mut w = ::csv::WriterBuilder::new().from_writer(&mut out);
            // Writing to a Vec cannot fail; a row of the wrong width cannot occur (push pads).
            let _ = w.write_record(self.header.iter().map(|h| text(h)));
            for row in &self.rows {
                let _ = w.write_record(row.iter().map(|cell| match cell {
                    Cell::Text(s) => text(s),
                    other => other.text(),
                }));
            }
            let _ = w.flush();
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// A JSON array with one object per row, keys in column order; counts and numbers are
    /// JSON numbers, undefined numbers `null`. Reads with `pandas.read_json(path)`.
    pub fn to_json(&self) -> String {
        let mut out = String::from("[");
        for (i, row) in self.rows.iter().enumerate() {
            out.push_str(if i == 0 { "\n  {" } else { ",\n  {" });
            for (j, (key, cell)) in self.header.iter().zip(row).enumerate() {
                if j > 0 {
                    out.push_str(", ");
                }
                let key = serde_json::Value::from(key.as_str()).to_string();
                let _ = write!(out, "{key}: {}", cell.json());
            }
            out.push('}');
        }
        out.push_str(if self.rows.is_empty() { "]\n" } else { "\n]\n" });
        out
    }

    /// Aligned plain text for a terminal, numbers as [`Cell::display`].
    pub fn to_text(&self) -> String {
        let cells: Vec<Vec<String>> = std::iter::once(self.header.clone())
            .chain(
                self.rows
                    .iter()
                    .map(|r| r.iter().map(Cell::display).collect()),
            )
            .collect();
        let mut widths = vec![0; self.header.len()];
        for row in &cells {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.chars().count());
            }
        }
        let mut out = String::new();
        for row in &cells {
            let line: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect();
            out.push_str(line.join("  ").trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new(["outlet", "quotes", "alpha"]);
        t.push(
            vec![
                "The \"Bulwark\", daily".into(),
                3usize.into(),
                Some(0.5).into(),
            ],
            vec![],
        );
        t.push(vec!["Voice".into(), 0usize.into(), None.into()], vec![]);
        t
    }

    #[test]
    fn csv_quotes_and_leaves_undefined_empty() {
        assert_eq!(
            table().to_csv(),
            "outlet,quotes,alpha\n\"The \"\"Bulwark\"\", daily\",3,0.5\nVoice,0,\n"
        );
    }

    #[test]
    fn csv_for_excel_makes_formula_text_inert_and_keeps_numbers() {
        let mut t = Table::new(["=speaker", "quotes", "kappa"]);
        t.push(
            vec![
                "=HYPERLINK(\"http://x\",\"Παπαδάκη\")".into(),
                2usize.into(),
                Some(-0.25).into(),
            ],
            vec![],
        );
        t.push(vec!["@Voice".into(), 1usize.into(), None.into()], vec![]);
        assert_eq!(
            t.to_excel_csv(),
            "\u{feff}'=speaker,quotes,kappa\n\"'=HYPERLINK(\"\"http://x\"\",\"\"Παπαδάκη\"\")\",2,-0.25\n'@Voice,1,\n"
        );
        // Plain CSV is verbatim, for R and pandas.
        assert!(
            t.to_csv()
                .starts_with("=speaker,quotes,kappa\n\"=HYPERLINK(")
        );
    }

    #[test]
    fn json_has_numbers_and_null_in_column_order() {
        let json = table().to_json();
        assert!(
            json.contains(r#"{"outlet": "The \"Bulwark\", daily", "quotes": 3, "alpha": 0.5}"#)
        );
        let v: serde_json::Value = serde_json::from_str(&json).expect("valid json");
        assert_eq!(v[1]["alpha"], serde_json::Value::Null);
        assert_eq!(Table::new(["a"]).to_json(), "[]\n");
    }

    #[test]
    fn text_is_aligned() {
        let text = table().to_text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[2], "Voice                 0       –");
    }
}
