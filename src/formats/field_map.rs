//! Which document field a column or metadata key fills — one mapping, with one list of
//! aliases, shared by articles from a table, metadata tables and the importers that carry
//! document variables (doccano, Label Studio, REFI-QDA).
//!
//! Corpora name their columns differently (Media Cloud `media_name` and `publish_date`,
//! PolNeAR `publisher` and `publication_date`, scrapers `byline` and `link`), so common
//! aliases are recognised; anything else becomes a custom field under its own name, and
//! `--column NAME=FIELD` says otherwise.

use super::table::{Table, column_key};
use crate::model::{Document, MetaField};

/// Where a column's values go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocField {
    /// The article text (articles from a table only).
    Text,
    /// The title, outlet, date, URL, author or memo.
    Meta(MetaField),
    /// A custom metadata field of this name.
    Custom(String),
    /// Not read.
    Ignore,
}

/// Column names (compared by [`column_key`]) taken as the article text, in preference order.
pub const TEXT_COLUMNS: [&str; 5] = ["text", "body", "content", "full_text", "article_text"];

/// Column names taken as the key of a metadata table, in preference order.
pub const KEY_COLUMNS: [&str; 6] = [
    "filename",
    "file",
    "file_name",
    "id",
    "doc_id",
    "document_id",
];

/// Aliases of the built-in fields.
const ALIASES: [(MetaField, &[&str]); 6] = [
    (MetaField::Title, &["title", "headline"]),
    (
        MetaField::Outlet,
        &[
            "outlet",
            "publisher",
            "source",
            "media",
            "media_name",
            "publication",
            "newspaper",
        ],
    ),
    (
        MetaField::Date,
        &[
            "date",
            "publication_date",
            "publish_date",
            "pub_date",
            "published",
            "published_at",
        ],
    ),
    (MetaField::Url, &["url", "link", "uri", "web_url"]),
    (MetaField::Author, &["author", "authors", "byline"]),
    (MetaField::Memo, &["memo"]),
];

impl DocField {
    /// The built-in field a column or key of this name fills, if it is one of the names
    /// or aliases (`Text` for the text columns).
    pub fn recognise(name: &str) -> Option<DocField> {
        let key = column_key(name);
        if TEXT_COLUMNS.contains(&key.as_str()) {
            return Some(DocField::Text);
        }
        ALIASES
            .iter()
            .find(|(_, names)| names.contains(&key.as_str()))
            .map(|(field, _)| DocField::Meta(*field))
    }

    /// The field named on the command line (`--column NAME=FIELD`): a built-in field or an
    /// alias, `none` (or `ignore`, `skip`, `-`) to leave the column out, else a custom
    /// field named as written.
    pub fn parse(field: &str) -> DocField {
        let field = field.trim();
        match column_key(field).as_str() {
            "none" | "ignore" | "skip" | "" => DocField::Ignore,
            _ => DocField::recognise(field).unwrap_or_else(|| DocField::Custom(field.to_owned())),
        }
    }

    /// As shown to the user: "outlet", "custom field “wire”".
    pub fn describe(&self) -> String {
        match self {
            DocField::Text => "text".to_owned(),
            DocField::Meta(m) => m.name().to_owned(),
            DocField::Custom(name) => format!("custom field “{name}”"),
            DocField::Ignore => "not read".to_owned(),
        }
    }

    /// Puts `value` into this field of `doc` (nothing for text or an ignored column).
    pub fn set(&self, doc: &mut Document, value: &str) {
        match self {
            DocField::Meta(MetaField::Title) => value.clone_into(&mut doc.title),
            DocField::Meta(MetaField::Outlet) => value.clone_into(&mut doc.metadata.outlet),
            DocField::Meta(MetaField::Date) => value.clone_into(&mut doc.metadata.date),
            DocField::Meta(MetaField::Url) => value.clone_into(&mut doc.metadata.url),
            DocField::Meta(MetaField::Author) => value.clone_into(&mut doc.metadata.author),
            DocField::Meta(MetaField::Memo) => value.clone_into(&mut doc.memo),
            DocField::Custom(name) => {
                doc.metadata.custom.insert(name.clone(), value.to_owned());
            }
            DocField::Text | DocField::Ignore => {}
        }
    }
}

/// Puts a document variable found by an importer (a doccano key, a Label Studio data
/// field, a REFI-QDA variable) where it belongs: a built-in field by name or alias, else a
/// custom field. Empty values are left out.
pub fn set_variable(doc: &mut Document, name: &str, value: &str) {
    if value.trim().is_empty() {
        return;
    }
    match DocField::recognise(name) {
        Some(DocField::Text) => {}
        Some(field) => field.set(doc, value),
        None => DocField::Custom(name.trim().to_owned()).set(doc, value),
    }
}

/// What the user said about a table's columns (command-line options or defaults).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnChoices {
    /// The column holding the article text (`--text-column`).
    pub text: Option<String>,
    /// The column matched to documents (`--key`, metadata tables only).
    pub key: Option<String>,
    /// Column → field, overriding the recognised names (`--column NAME=FIELD`).
    pub fields: Vec<(String, DocField)>,
}

impl ColumnChoices {
    /// Reads a `NAME=FIELD` option into [`ColumnChoices::fields`].
    pub fn add_column_option(&mut self, option: &str) -> Result<(), String> {
        let Some((name, field)) = option.split_once('=') else {
            return Err(format!(
                "--column {option:?}: expected NAME=FIELD, e.g. publisher=outlet or wire=none"
            ));
        };
        self.fields
            .push((name.trim().to_owned(), DocField::parse(field)));
        Ok(())
    }
}

/// Which column is the text or key, and where every other column goes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnPlan {
    /// The text column (articles) or key column (metadata), by index.
    pub main: usize,
    /// Every other column that is read, with its field.
    pub fields: Vec<(usize, DocField)>,
}

impl ColumnPlan {
    /// Fills `doc`'s fields from `row` (empty cells left out).
    pub fn fill(&self, table: &Table, row: &super::table::TableRow, doc: &mut Document) {
        for (column, field) in &self.fields {
            let value = table.cell(row, *column);
            if !value.is_empty() {
                field.set(doc, value);
            }
        }
    }
}

/// Whether the plan's main column holds article text or a metadata key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableRole {
    /// Articles: one document per row, the main column its text.
    Articles,
    /// Metadata for documents already in the project, the main column the key.
    Metadata,
}

/// Works out the plan for `table`: the main column from the choices or the recognised
/// names, then each other column as the user said, else by its name. A built-in field
/// named by two columns is filled by the first; the second becomes a custom field.
pub fn plan_columns(
    table: &Table,
    choices: &ColumnChoices,
    role: TableRole,
) -> Result<ColumnPlan, String> {
    let find = |name: &str| {
        table.column(name).ok_or_else(|| {
            format!(
                "{}: no column named \"{name}\"; its columns are {}",
                table.path.display(),
                list(&table.columns)
            )
        })
    };
    let mut explicit = Vec::new();
    for (name, field) in &choices.fields {
        explicit.push((find(name)?, field.clone()));
    }
    let (chosen, defaults, option, what): (_, &[&str], _, _) = match role {
        TableRole::Articles => (
            &choices.text,
            &TEXT_COLUMNS,
            "--text-column",
            "article text",
        ),
        TableRole::Metadata => (&choices.key, &KEY_COLUMNS, "--key", "document key"),
    };
    let main = match chosen {
        Some(name) => find(name)?,
        None => explicit
            .iter()
            .find(|(_, f)| role == TableRole::Articles && *f == DocField::Text)
            .map(|(c, _)| *c)
            .or_else(|| defaults.iter().find_map(|d| table.column(d)))
            .ok_or_else(|| {
                format!(
                    "{}: no {what} column (looked for {}); its columns are {}; \
                     consider {option} COLUMN",
                    table.path.display(),
                    defaults.join(", "),
                    list(&table.columns)
                )
            })?,
    };
    let mut plan = ColumnPlan {
        main,
        fields: Vec::new(),
    };
    for (i, name) in table.columns.iter().enumerate() {
        if i == main {
            continue;
        }
        let field = match explicit.iter().find(|(c, _)| *c == i) {
            Some((_, field)) => field.clone(),
            None => match DocField::recognise(name) {
                Some(DocField::Text) | None => DocField::Custom(name.trim().to_owned()),
                Some(f) if plan.fields.iter().any(|(_, g)| *g == f) => {
                    DocField::Custom(name.trim().to_owned())
                }
                Some(f) => f,
            },
        };
        if field != DocField::Ignore && field != DocField::Text {
            plan.fields.push((i, field));
        }
    }
    Ok(plan)
}

fn list(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::table::TableRow;

    fn table(columns: &[&str]) -> Table {
        Table {
            path: "t.csv".into(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows: vec![TableRow {
                number: 2,
                cells: columns.iter().map(|c| format!("{c} value")).collect(),
            }],
            encoding: "UTF-8".into(),
            unit: "row",
        }
    }

    #[test]
    fn aliases_fill_fields_and_the_rest_become_custom_fields() {
        let t = table(&[
            "ID",
            "Body",
            "Publisher",
            "Publication Date",
            "byline",
            "link",
            "source",
            "wire",
        ]);
        let plan = plan_columns(&t, &ColumnChoices::default(), TableRole::Articles).expect("plan");
        assert_eq!(plan.main, 1);
        let fields: Vec<String> = plan.fields.iter().map(|(_, f)| f.describe()).collect();
        assert_eq!(
            fields,
            [
                "custom field “ID”",
                "outlet",
                "date",
                "author",
                "url",
                "custom field “source”",
                "custom field “wire”"
            ]
        );
        let mut doc = Document::new(crate::model::DocId(1), "", "x");
        plan.fill(&t, &t.rows[0], &mut doc);
        assert_eq!(doc.metadata.outlet, "Publisher value");
        assert_eq!(doc.metadata.custom["wire"], "wire value");
    }

    #[test]
    fn choices_override_names_and_missing_columns_are_named() {
        let t = table(&["filename", "story", "pub", "junk"]);
        let mut choices = ColumnChoices::default();
        choices.add_column_option("pub=outlet").expect("option");
        choices.add_column_option("junk=none").expect("option");
        choices.add_column_option("story=text").expect("option");
        let plan = plan_columns(&t, &choices, TableRole::Articles).expect("plan");
        assert_eq!(plan.main, 1);
        assert_eq!(
            plan.fields,
            [
                (0, DocField::Custom("filename".into())),
                (2, DocField::Meta(MetaField::Outlet))
            ]
        );
        let plan = plan_columns(&t, &ColumnChoices::default(), TableRole::Metadata).expect("plan");
        assert_eq!(plan.main, 0);
        let err = plan_columns(
            &table(&["a", "b"]),
            &ColumnChoices::default(),
            TableRole::Articles,
        )
        .unwrap_err();
        assert!(
            err.contains("no article text column")
                && err.contains("\"a\", \"b\"")
                && err.contains("--text-column"),
            "{err}"
        );
        choices.text = Some("nope".into());
        assert!(
            plan_columns(&t, &choices, TableRole::Articles)
                .unwrap_err()
                .contains("no column named \"nope\"")
        );
        assert!(ColumnChoices::default().add_column_option("pub").is_err());
    }

    #[test]
    fn variables_go_to_their_fields() {
        let mut doc = Document::new(crate::model::DocId(1), "t", "x");
        set_variable(&mut doc, "Publisher", "Harbour Post");
        set_variable(&mut doc, "wave", "2");
        set_variable(&mut doc, "empty", " ");
        assert_eq!(doc.metadata.outlet, "Harbour Post");
        assert_eq!(doc.metadata.custom.len(), 1);
    }
}
