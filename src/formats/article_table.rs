//! Articles from a table: one document per row, its text from the text column, its title,
//! outlet, date, URL and author from the columns named so (or aliases), every other column
//! a custom field. Rows without text are reported by their number, never added half-empty.

use super::article::{ArticleError, ReadArticle, title_of};
use super::field_map::{ColumnChoices, DocField, TableRole, plan_columns};
use super::table::{Table, TableError, cell_text, read_table};
use crate::model::{DocId, Document, MetaField};
use std::path::Path;

/// Reads `path` as a table of articles: one entry per data row (a document, or why the
/// row was not read), or one error when the table or its columns cannot be used.
pub fn read_table_articles(path: &Path, choices: &ColumnChoices) -> Vec<ReadArticle> {
    let table = match read_table(path) {
        Ok(t) => t,
        Err(e) => return vec![(path.to_path_buf(), Err(ArticleError::Table(e)))],
    };
    let plan = match plan_columns(&table, choices, TableRole::Articles) {
        Ok(p) => p,
        Err(message) => return vec![(path.to_path_buf(), Err(ArticleError::Columns { message }))],
    };
    if table.rows.is_empty() {
        // Said as a skip, not as "0 articles added, 0 skipped" with nothing to act on.
        let columns = table.columns.join(", ");
        let message = format!("no rows of articles under its header row ({columns})");
        let error = ArticleError::Table(TableError::Malformed {
            path: path.to_path_buf(),
            place: String::new(),
            message,
        });
        return vec![(path.to_path_buf(), Err(error))];
    }
    let has_title = plan
        .fields
        .iter()
        .any(|(_, f)| *f == DocField::Meta(MetaField::Title));
    table
        .rows
        .iter()
        .map(|row| {
            let text = cell_text(table.cell(row, plan.main));
            if text.trim().is_empty() {
                let error = ArticleError::NoText {
                    path: path.to_path_buf(),
                    place: table.place(row),
                    column: table.columns[plan.main].clone(),
                };
                return (path.to_path_buf(), Err(error));
            }
            let mut doc = Document::new(DocId(0), "", text);
            plan.fill(&table, row, &mut doc);
            if !has_title || doc.title.trim().is_empty() {
                doc.title = title_of(doc.text.as_str()).unwrap_or_else(|| table.place(row));
            }
            doc.source_path = source_of(&table, path, row.number);
            doc.encoding.clone_from(&table.encoding);
            (path.to_path_buf(), Ok(doc))
        })
        .collect()
}

/// Where a row's document came from, as the document list and messages show it.
fn source_of(table: &Table, path: &Path, number: usize) -> String {
    format!("{}, {} {number}", path.display(), table.unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_documents_and_empty_rows_are_reported_by_number() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("corpus.csv");
        std::fs::write(
            &path,
            "\u{feff}headline,body,media_name,publish_date,wave\r\n\
             \"Bridge row\",\"“No,” said Ms\u{a0}Ωμέγα.\r\nMore — 😀\",Harbour Post,2024-05-01,1\r\n\
             Empty,,Tide Times,2024-05-02,1\r\n\
             ,\"Untitled text here\nsecond line\",,,2\r\n",
        )
        .expect("write");
        let read = read_table_articles(&path, &ColumnChoices::default());
        assert_eq!(read.len(), 3);
        let doc = read[0].1.as_ref().expect("doc");
        assert_eq!(doc.title, "Bridge row");
        assert_eq!(doc.text.as_str(), "“No,” said Ms\u{a0}Ωμέγα.\nMore — 😀");
        assert_eq!(
            (doc.metadata.outlet.as_str(), doc.metadata.date.as_str()),
            ("Harbour Post", "2024-05-01")
        );
        assert_eq!(doc.metadata.custom["wave"], "1");
        assert!(
            doc.source_path.ends_with("corpus.csv, row 2"),
            "{}",
            doc.source_path
        );
        let err = read[1].1.as_ref().unwrap_err().to_string();
        assert!(
            err.contains("corpus.csv: row 3 has no text in column \"body\""),
            "{err}"
        );
        assert_eq!(read[2].1.as_ref().expect("doc").title, "Untitled text here");
    }

    #[test]
    fn a_table_without_a_text_column_is_one_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("meta.tsv");
        std::fs::write(&path, "filename\tpublisher\na\tb\n").expect("write");
        let read = read_table_articles(&path, &ColumnChoices::default());
        assert_eq!(read.len(), 1);
        let err = read[0].1.as_ref().unwrap_err().to_string();
        assert!(err.contains("--text-column"), "{err}");
    }

    #[test]
    fn a_table_with_a_header_and_no_rows_is_one_error_naming_its_columns() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("leer.csv");
        std::fs::write(&path, "Titel,text,Quelle\n").expect("write");
        let read = read_table_articles(&path, &ColumnChoices::default());
        assert_eq!(read.len(), 1);
        let err = read[0].1.as_ref().unwrap_err().to_string();
        assert!(
            err.ends_with(
                "leer.csv: no rows of articles under its header row (Titel, text, Quelle)"
            ),
            "{err}"
        );
    }
}
