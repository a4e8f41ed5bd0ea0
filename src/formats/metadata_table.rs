//! Metadata for documents already in a project, from a table: each row is matched to a
//! document by a key column, and its other columns fill that document's fields — so a
//! corpus imported from brat or plain files gets its outlets and dates and the outlet
//! comparison can be made.
//!
//! A row's key is compared, in turn, with a custom field of the key column's name (a
//! table of articles keeps its id column so), the file name the document was read from
//! without its extension, and its title; the first of these that matches anything
//! decides. A key that matches two documents, or a document matched by two rows, changes
//! nothing and is reported. Empty cells leave a field as it is.

use super::field_map::{ColumnChoices, ColumnPlan, DocField, TableRole, plan_columns};
use super::table::{Table, TableRow};
use super::warning::Warning;
use crate::model::{Document, Edit, MetaField, Project};
use std::collections::HashMap;
use std::path::Path;

/// Warning kinds of a metadata import.
pub mod kind {
    /// A document no row matched.
    pub const UNMATCHED_DOCUMENT: &str = "documents no row matched";
    /// A row that matched no document.
    pub const UNMATCHED_ROW: &str = "rows that matched no document";
    /// A key that matched more than one document, or a document matched by several rows.
    pub const AMBIGUOUS: &str = "keys that match twice, nothing changed";
    /// A row without a key.
    pub const NO_KEY: &str = "rows without a key";
}

/// What a metadata table would change, and what it could not match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetadataPlan {
    /// Apply in order, as one step (custom field names first, then field values).
    pub edits: Vec<Edit>,
    /// Documents matched to a row.
    pub matched: usize,
    /// Documents whose fields change.
    pub changed: usize,
    /// Rows in the table.
    pub rows: usize,
    /// Unmatched documents and rows, keys that match twice, rows without a key.
    pub warnings: Vec<Warning>,
}

impl MetadataPlan {
    /// One line for the user: "84 of 84 documents matched (924 rows); 80 changed".
    pub fn summary(&self, documents: usize) -> String {
        let n = crate::progress::thousands;
        format!(
            "{} of {} documents matched a row of the table ({} rows); {} changed",
            n(self.matched as u64),
            n(documents as u64),
            n(self.rows as u64),
            n(self.changed as u64)
        )
    }
}

/// The documents each way of matching finds for a key.
struct Index<'p> {
    by_custom: HashMap<&'p str, Vec<usize>>,
    by_file: HashMap<String, Vec<usize>>,
    by_title: HashMap<&'p str, Vec<usize>>,
}

impl<'p> Index<'p> {
    fn new(project: &'p Project, key_column: &str) -> Self {
        let mut index = Index {
            by_custom: HashMap::new(),
            by_file: HashMap::new(),
            by_title: HashMap::new(),
        };
        for (i, d) in project.documents.iter().enumerate() {
            if let Some(v) = d.metadata.custom.get(key_column.trim()) {
                index.by_custom.entry(v.trim()).or_default().push(i);
            }
            if let Some(stem) = file_stem(&d.source_path) {
                index.by_file.entry(stem).or_default().push(i);
            }
            index.by_title.entry(d.title.trim()).or_default().push(i);
        }
        index
    }

    /// The documents `key` names, by the first way of matching that finds any.
    fn find(&self, key: &str) -> &[usize] {
        let stem = file_stem(key).unwrap_or_else(|| key.to_owned());
        [
            self.by_custom.get(key),
            self.by_file.get(key),
            self.by_file.get(&stem),
            self.by_title.get(key),
        ]
        .into_iter()
        .flatten()
        .next()
        .map_or(&[], Vec::as_slice)
    }
}

/// The file name without its extension (and without a table row's ", row N").
fn file_stem(source: &str) -> Option<String> {
    if source.is_empty() {
        return None;
    }
    let name = Path::new(source)
        .file_name()?
        .to_string_lossy()
        .into_owned();
    let name = name.split(", row ").next().unwrap_or(&name);
    Some(match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.contains(' ') => stem.to_owned(),
        _ => name.to_owned(),
    })
}

/// Matches the rows of `table` to `project`'s documents and works out the edits.
pub fn plan_metadata(
    project: &Project,
    table: &Table,
    choices: &ColumnChoices,
) -> Result<MetadataPlan, String> {
    let columns = plan_columns(table, choices, TableRole::Metadata)?;
    let key_column = &table.columns[columns.main];
    let index = Index::new(project, key_column);
    let mut plan = MetadataPlan {
        rows: table.rows.len(),
        ..MetadataPlan::default()
    };
    // Document index -> the rows that matched it.
    let mut rows_of: Vec<Vec<&TableRow>> = vec![Vec::new(); project.documents.len()];
    for row in &table.rows {
        let key = table.cell(row, columns.main);
        let place = table.place(row);
        if key.is_empty() {
            plan.warnings.push(Warning::new(
                kind::NO_KEY,
                format!("{place}: no key in column \"{key_column}\""),
            ));
            continue;
        }
        match index.find(key) {
            [] => plan.warnings.push(Warning::new(
                kind::UNMATCHED_ROW,
                format!("{place}: \"{key}\" matches no document"),
            )),
            [one] => rows_of[*one].push(row),
            many => plan.warnings.push(Warning::new(
                kind::AMBIGUOUS,
                format!(
                    "{place}: \"{key}\" matches {} documents ({}); left unchanged",
                    many.len(),
                    titles(project, many)
                ),
            )),
        }
    }
    let mut fields = project.custom_fields.clone();
    let mut changes = Vec::new();
    for (i, rows) in rows_of.iter().enumerate() {
        let doc = &project.documents[i];
        match rows.as_slice() {
            [] => plan.warnings.push(Warning::new(
                kind::UNMATCHED_DOCUMENT,
                format!("\"{}\" ({}): no row matched", doc.title, source_name(doc)),
            )),
            [row] => {
                plan.matched += 1;
                let edits = row_edits(table, row, &columns, doc, &mut fields);
                if !edits.is_empty() {
                    plan.changed += 1;
                    changes.extend(edits);
                }
            }
            several => {
                let places: Vec<String> = several.iter().map(|r| table.place(r)).collect();
                plan.warnings.push(Warning::new(
                    kind::AMBIGUOUS,
                    format!(
                        "\"{}\" is matched by {}; left unchanged",
                        doc.title,
                        places.join(" and ")
                    ),
                ));
            }
        }
    }
    if fields != project.custom_fields {
        plan.edits.push(Edit::SetCustomFields {
            old: project.custom_fields.clone(),
            new: fields,
        });
    }
    plan.edits.extend(changes);
    Ok(plan)
}

/// The edits that give `doc` the values of `row` that differ from what it has.
fn row_edits(
    table: &Table,
    row: &TableRow,
    columns: &ColumnPlan,
    doc: &Document,
    fields: &mut Vec<String>,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (column, field) in &columns.fields {
        let new = table.cell(row, *column);
        if new.is_empty() {
            continue;
        }
        match field {
            DocField::Meta(MetaField::Title) if new == doc.title => {}
            DocField::Meta(f) if doc.field(*f) != new => edits.push(Edit::SetDocField {
                doc: doc.id,
                field: *f,
                old: doc.field(*f).to_owned(),
                new: new.to_owned(),
            }),
            DocField::Custom(name) => {
                let old = doc.metadata.custom.get(name).cloned().unwrap_or_default();
                if old != new {
                    if !fields.contains(name) {
                        fields.push(name.clone());
                    }
                    edits.push(Edit::SetCustomField {
                        doc: doc.id,
                        name: name.clone(),
                        old,
                        new: new.to_owned(),
                    });
                }
            }
            _ => {}
        }
    }
    edits
}

fn titles(project: &Project, docs: &[usize]) -> String {
    docs.iter()
        .take(3)
        .map(|&i| format!("\"{}\"", project.documents[i].title))
        .collect::<Vec<_>>()
        .join(", ")
}

fn source_name(doc: &Document) -> String {
    Path::new(&doc.source_path).file_name().map_or_else(
        || "no file".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;

    fn project() -> Project {
        let mut p = Project::new("t");
        for (i, (title, source)) in [
            ("Bridge row", "corpus/harbour_2024-05-01_bridge.txt"),
            ("Ferry fares", "corpus/tide_2024-05-03_ferry.txt"),
            ("Ferry fares", "corpus/tide_2024-05-04_ferry.txt"),
            ("Μέγαρο", ""),
        ]
        .iter()
        .enumerate()
        {
            let mut d = Document::new(DocId(i as u32 + 1), *title, format!("text {i}"));
            d.source_path = (*source).to_owned();
            p.documents.push(d);
        }
        p
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            path: "meta.tsv".into(),
            columns: ["filename", "publisher", "publication_date", "wire"]
                .map(String::from)
                .to_vec(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| TableRow {
                    number: i + 2,
                    cells: r.iter().map(|c| (*c).to_owned()).collect(),
                })
                .collect(),
            encoding: "UTF-8".into(),
            unit: "row",
        }
    }

    #[test]
    fn rows_match_by_file_name_then_title_and_fill_fields() {
        let p = project();
        let t = table(&[
            &[
                "harbour_2024-05-01_bridge",
                "Harbour Post",
                "2024-05-01",
                "AP",
            ],
            &["tide_2024-05-03_ferry.txt", "Tide Times", "", ""],
            &["Μέγαρο", "Agora", "2024-05-09", ""],
            &["nowhere", "X", "", ""],
        ]);
        let plan = plan_metadata(&p, &t, &ColumnChoices::default()).expect("plan");
        assert_eq!((plan.matched, plan.changed, plan.rows), (3, 3, 4));
        let mut q = p.clone();
        for e in &plan.edits {
            e.apply(&mut q).expect("apply");
        }
        assert_eq!(q.documents[0].metadata.outlet, "Harbour Post");
        assert_eq!(q.documents[0].metadata.custom["wire"], "AP");
        assert_eq!(
            q.documents[1].metadata.date, "",
            "an empty cell changes nothing"
        );
        assert_eq!(q.documents[3].metadata.outlet, "Agora");
        assert_eq!(q.custom_fields, ["wire"]);
        let texts: Vec<&str> = plan.warnings.iter().map(|w| w.text.as_str()).collect();
        assert!(
            texts.contains(&"row 5: \"nowhere\" matches no document"),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains("tide_2024-05-04_ferry.txt): no row matched")),
            "{texts:?}"
        );
    }

    #[test]
    fn a_key_matching_twice_or_a_repeated_key_changes_nothing() {
        let p = project();
        let t = table(&[
            &["Ferry fares", "Tide Times", "", ""],
            &["harbour_2024-05-01_bridge", "Harbour Post", "", ""],
            &["harbour_2024-05-01_bridge", "Other Post", "", ""],
        ]);
        let plan = plan_metadata(&p, &t, &ColumnChoices::default()).expect("plan");
        assert!(plan.edits.is_empty(), "{:?}", plan.edits);
        let texts: Vec<&str> = plan.warnings.iter().map(|w| w.text.as_str()).collect();
        assert!(
            texts.contains(
                &"row 2: \"Ferry fares\" matches 2 documents (\"Ferry fares\", \"Ferry fares\"); left unchanged"
            ),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"\"Bridge row\" is matched by row 3 and row 4; left unchanged"),
            "{texts:?}"
        );
    }

    #[test]
    fn a_custom_field_named_like_the_key_column_matches_first() {
        let mut p = project();
        p.documents[2]
            .metadata
            .custom
            .insert("id".into(), "a7".into());
        let mut t = table(&[&["a7", "Tide Times", "", ""]]);
        t.columns[0] = "id".into();
        let plan = plan_metadata(&p, &t, &ColumnChoices::default()).expect("plan");
        assert_eq!(plan.matched, 1);
        assert!(matches!(
            &plan.edits[0],
            Edit::SetDocField { doc: DocId(3), .. }
        ));
        assert_eq!(file_stem("corpus.csv, row 5"), Some("corpus".into()));
    }
}
