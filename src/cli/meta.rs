//! `lectern meta`: metadata from a table for the documents already in a project (outlet,
//! date, author, title, the project's own fields), matched by a key column.

use super::{column_choices, count, warnings};
use crate::formats::metadata_table::plan_metadata;
use crate::formats::table::read_table;
use crate::model::History;
use crate::store;
use anyhow::Context;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `lectern meta`.
#[derive(Debug, Args)]
pub struct MetaArgs {
    /// The project file (.ron).
    project: PathBuf,
    /// The table (.csv, .tsv, .xlsx, .ods, .jsonl), one row per document.
    table: PathBuf,
    /// The column matched to documents (default: filename, file, id or doc_id), compared
    /// with the file each document was read from, without extension, then its title.
    #[arg(long, value_name = "COLUMN")]
    key: Option<String>,
    /// Where a column goes: NAME=FIELD, FIELD one of title, outlet, date, url, author,
    /// memo, none, or a custom field's name (repeatable). Columns named so (or publisher,
    /// source, publication_date, byline, link…) need no option.
    #[arg(long = "column", value_name = "NAME=FIELD")]
    columns: Vec<String>,
    /// Print what would change, write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Write every unmatched document and row to this file.
    #[arg(long, value_name = "FILE")]
    warnings: Option<PathBuf>,
}

/// Matches, reports and saves in one step; exit status 1 when no document matched.
pub fn run(args: &MetaArgs) -> anyhow::Result<ExitCode> {
    let choices = column_choices(None, args.key.clone(), &args.columns)?;
    let mut project = store::load(&args.project)?;
    let table = read_table(&args.table)?;
    let plan = plan_metadata(&project, &table, &choices).map_err(|m| anyhow::anyhow!(m))?;
    warnings::report(&plan.warnings, "note", args.warnings.as_deref())?;
    let documents = project.documents.len();
    let changes = plan.edits.len();
    let summary = plan.summary(documents);
    let matched = plan.matched;
    if changes > 0 && !args.dry_run {
        History::default()
            .apply(&mut project, "Import metadata table", plan.edits)
            .with_context(|| format!("cannot change {}", args.project.display()))?;
        store::save(&project, &args.project)?;
    }
    let verb = match (changes, args.dry_run) {
        (0, _) => "left unchanged",
        (_, true) => "not written (dry run)",
        (_, false) => "saved",
    };
    eprintln!(
        "{}: {verb}; {}; {}",
        args.project.display(),
        summary,
        count(changes, "field change")
    );
    Ok(if matched == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
