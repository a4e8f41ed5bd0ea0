//! The grouping as tables: one row per statement and document (what `lectern align`
//! writes, with an `absent` row for each compared document that lacks the statement), and
//! statements × outlets with the kind in each cell (the window's table), plus a plain
//! text listing for reading in a terminal.

use super::{AlignedStatement, Alignment};
use crate::analysis::{Cell, SpanRef, Table};
use crate::model::{DocId, Document, Project, SpanId, StatementId, VersionKind};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The columns of `lectern align --format csv`.
pub const COLUMNS: [&str; 13] = [
    "statement",
    "speaker",
    "doc_id",
    "doc_title",
    "outlet",
    "span_id",
    "start",
    "end",
    "kind",
    "similarity",
    "text",
    "found_kind",
    "confirmed",
];

/// The kind written for a compared document without the statement.
pub const ABSENT: &str = "absent";

/// A document's outlet as a column name: its `outlet`, else its title.
pub fn outlet_name(doc: &Document) -> String {
    let outlet = doc.metadata.outlet.trim();
    if outlet.is_empty() {
        doc.title.trim().to_owned()
    } else {
        outlet.to_owned()
    }
}

/// A statement's entries in project order: `(document, version index)`, the index
/// `None` for a compared document without a version.
pub fn entries(alignment: &Alignment, st: &AlignedStatement) -> Vec<(DocId, Option<usize>)> {
    let position: HashMap<DocId, usize> = alignment
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (*d, i))
        .collect();
    let at = |d: DocId| position.get(&d).copied().unwrap_or(usize::MAX);
    let mut list: Vec<(usize, usize, DocId, Option<usize>)> = st
        .versions
        .iter()
        .enumerate()
        .map(|(i, v)| (at(v.doc), v.start, v.doc, Some(i)))
        .collect();
    list.extend(
        alignment
            .absent(st)
            .into_iter()
            .map(|d| (at(d), 0, d, None)),
    );
    list.sort_unstable();
    list.into_iter().map(|(_, _, d, i)| (d, i)).collect()
}

/// One row per version and one `absent` row per compared document without a version;
/// statements in the alignment's order, documents in project order. Offsets, ids and
/// similarity are numbers; an absent row's span columns are empty (`null` in JSON).
/// After the columns, `found_kind` (what the comparison found, which a coder's
/// `kind` may override) and `confirmed` (`yes` when the version is pinned to a statement
/// a coder confirmed or corrected, `no` for a proposal), so the coder's corrections are
/// told apart from the machine's grouping in the export.
pub fn rows(alignment: &Alignment, project: &Project) -> Table {
    let mut table = Table::new(COLUMNS);
    let docs: HashMap<DocId, &Document> = project.documents.iter().map(|d| (d.id, d)).collect();
    let count = |n: u32| Cell::from(n as usize);
    for st in &alignment.statements {
        for (doc, version) in entries(alignment, st) {
            let d = docs.get(&doc);
            let mut row = vec![
                count(st.id.0),
                Cell::from(st.speaker.as_str()),
                count(doc.0),
                Cell::from(d.map_or(String::new(), |d| d.title.clone())),
                Cell::from(d.map_or(String::new(), |d| outlet_name(d))),
            ];
            let mut sources = Vec::new();
            match version.map(|i| &st.versions[i]) {
                Some(v) => {
                    row.extend([
                        count(v.span.0),
                        Cell::from(v.start),
                        Cell::from(v.end),
                        Cell::from(v.kind.name()),
                        Cell::from(Some(v.similarity)),
                        Cell::from(v.text.as_str()),
                        Cell::from(v.found_kind.name()),
                        Cell::from(if v.confirmed { "yes" } else { "no" }),
                    ]);
                    sources.push(SpanRef {
                        doc: v.doc,
                        span: v.span,
                    });
                }
                None => {
                    let none = || Cell::Number(None);
                    row.extend([none(), none(), none(), Cell::from(ABSENT), none()]);
                    row.extend([Cell::from(""), Cell::from(""), Cell::from("")]);
                }
            }
            table.push(row, sources);
        }
    }
    table
}

/// How an outlet renders a statement, fullest first (the order tables sort by).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Presence {
    /// Printed, in this form.
    Version(VersionKind),
    /// Compared, and not printed.
    Absent,
    /// None of the outlet's documents is compared with the statement (another story).
    NotCompared,
}

impl Presence {
    /// The name in tables: the kind, `absent`, or "" when not compared.
    pub fn name(self) -> &'static str {
        match self {
            Presence::Version(kind) => kind.name(),
            Presence::Absent => ABSENT,
            Presence::NotCompared => "",
        }
    }
}

/// One cell of the statements × outlets table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutletCell {
    /// The outlet's fullest rendering among its compared documents.
    pub presence: Presence,
    /// Every version the outlet printed: `(document, span)`, in project order.
    pub versions: Vec<(DocId, SpanId)>,
}

/// One statement's row of the statements × outlets table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutletRow {
    /// The statement.
    pub statement: StatementId,
    /// Its speaker ("" if unknown).
    pub speaker: String,
    /// Its fullest version's text.
    pub text: String,
    /// One cell per outlet, in the order of [`OutletTable::outlets`].
    pub cells: Vec<OutletCell>,
}

/// Statements × outlets, the kind in each cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutletTable {
    /// Outlet names, in the order their first document appears in the project.
    pub outlets: Vec<String>,
    /// One row per statement.
    pub rows: Vec<OutletRow>,
}

/// The table's column to sort by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortBy {
    /// Statement id.
    #[default]
    Statement,
    /// Speaker, then id.
    Speaker,
    /// Fullest text, then id.
    Text,
    /// The kind in this outlet's column (fullest first), then id.
    Outlet(usize),
}

impl OutletTable {
    /// The table of `alignment`'s statements.
    pub fn new(alignment: &Alignment, project: &Project) -> Self {
        let mut outlets: Vec<String> = Vec::new();
        let mut column: HashMap<DocId, usize> = HashMap::new();
        for doc in &project.documents {
            let name = outlet_name(doc);
            let at = outlets.iter().position(|o| *o == name).unwrap_or_else(|| {
                outlets.push(name);
                outlets.len() - 1
            });
            column.insert(doc.id, at);
        }
        let rows = alignment
            .statements
            .iter()
            .map(|st| {
                let mut cells = vec![
                    OutletCell {
                        presence: Presence::NotCompared,
                        versions: Vec::new(),
                    };
                    outlets.len()
                ];
                for (doc, version) in entries(alignment, st) {
                    let Some(cell) = column.get(&doc).and_then(|&c| cells.get_mut(c)) else {
                        continue;
                    };
                    let presence = match version.map(|i| &st.versions[i]) {
                        Some(v) => {
                            cell.versions.push((v.doc, v.span));
                            Presence::Version(v.kind)
                        }
                        None => Presence::Absent,
                    };
                    cell.presence = cell.presence.min(presence);
                }
                OutletRow {
                    statement: st.id,
                    speaker: st.speaker.clone(),
                    text: st.fullest().text.clone(),
                    cells,
                }
            })
            .collect();
        OutletTable { outlets, rows }
    }

    /// Sorts the rows by `by`, descending if asked; ties by statement id.
    pub fn sort(&mut self, by: SortBy, descending: bool) {
        self.rows.sort_by(|a, b| {
            let order = match by {
                SortBy::Statement => a.statement.cmp(&b.statement),
                SortBy::Speaker => a.speaker.to_lowercase().cmp(&b.speaker.to_lowercase()),
                SortBy::Text => a.text.to_lowercase().cmp(&b.text.to_lowercase()),
                SortBy::Outlet(c) => {
                    let p = |r: &OutletRow| r.cells.get(c).map(|c| c.presence);
                    p(a).cmp(&p(b))
                }
            };
            let order = if descending { order.reverse() } else { order };
            order.then(a.statement.cmp(&b.statement))
        });
    }

    /// The table with a header: `statement`, `speaker`, `text`, then one column per
    /// outlet holding `whole`, `cut`, `paraphrase`, `absent`, or nothing where the
    /// outlet was not compared.
    pub fn to_table(&self) -> Table {
        let mut header = vec!["statement".to_owned(), "speaker".into(), "text".into()];
        header.extend(self.outlets.iter().cloned());
        let mut table = Table::new(header);
        for row in &self.rows {
            let mut cells = vec![
                Cell::from(row.statement.0 as usize),
                Cell::from(row.speaker.as_str()),
                Cell::from(row.text.as_str()),
            ];
            cells.extend(row.cells.iter().map(|c| Cell::from(c.presence.name())));
            table.push(cells, Vec::new());
        }
        table
    }
}

/// The grouping for reading in a terminal: each statement with its fullest text, then
/// one line per compared document.
pub fn text(alignment: &Alignment, project: &Project) -> String {
    let docs: HashMap<DocId, &Document> = project.documents.iter().map(|d| (d.id, d)).collect();
    let mut out = String::new();
    for st in &alignment.statements {
        let speaker = if st.speaker.is_empty() {
            "speaker unknown"
        } else {
            st.speaker.as_str()
        };
        let state = if st.saved { "confirmed" } else { "proposed" };
        let _ = writeln!(out, "Statement {} — {speaker} ({state})", st.id);
        let _ = writeln!(out, "  “{}”", st.fullest().text);
        for (doc, version) in entries(alignment, st) {
            let d = docs.get(&doc);
            let place = format!(
                "{} — {}",
                d.map_or(String::new(), |d| outlet_name(d)),
                d.map_or(String::new(), |d| d.title.clone())
            );
            match version.map(|i| (i, &st.versions[i])) {
                Some((i, v)) => {
                    let text = if i == st.fullest {
                        String::new()
                    } else {
                        format!(": “{}”", v.text)
                    };
                    let _ = writeln!(
                        out,
                        "  {:<10} {:.3}  {place} (doc {}, span {}){text}",
                        v.kind.name(),
                        v.similarity,
                        doc,
                        v.span
                    );
                }
                None => {
                    let _ = writeln!(out, "  {ABSENT:<10}        {place} (doc {doc})");
                }
            }
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} statement(s) from {} quote(s)",
        alignment.statements.len(),
        alignment.quotes
    );
    out
}
