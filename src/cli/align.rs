//! `lectern align`: the Quote tracker's statements without the window — which outlets
//! printed each statement whole, cut, paraphrased, or not at all — as a table for R and
//! pandas or a listing to read. Statements a coder confirmed or corrected in the window
//! are used as saved; the other quotes are grouped afresh.

use super::analysis::{check_label, write_out};
use crate::align::{self, Options, report};
use crate::analysis::GroupBy;
use crate::model::Project;
use crate::store;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How `lectern align` writes the statements.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    /// Each statement with its fullest text and one line per compared document.
    #[default]
    Text,
    /// RFC 4180 CSV: one row per statement and document.
    Csv,
    /// A JSON array of the same rows, numbers as numbers, empty span columns as null.
    Json,
}

/// Arguments of `lectern align`.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The project file (.ron).
    project: PathBuf,
    /// Group the spans with this label.
    #[arg(long, default_value = crate::analysis::QUOTE)]
    label: String,
    /// Compare only documents with the same value of this field: outlet, date, author,
    /// status or one of the project's custom fields, such as story. Without it the whole
    /// project is compared.
    #[arg(long)]
    by: Option<String>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t)]
    format: AlignFormat,
    /// File to write (replaced atomically); standard output when omitted.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// `lectern align`.
pub fn run(args: &AlignArgs) -> anyhow::Result<ExitCode> {
    let project = store::load(&args.project)?;
    check_label(&project, &args.project, &args.label)?;
    let options = Options {
        label: args.label.clone(),
        by: match args.by.as_deref() {
            Some(name) => Some(compared_by(&project, &args.project, name)?),
            None => None,
        },
    };
    let alignment = align::align(&project, &options);
    let text = match args.format {
        AlignFormat::Text => report::text(&alignment, &project),
        AlignFormat::Csv => report::rows(&alignment, &project).to_csv(),
        AlignFormat::Json => report::rows(&alignment, &project).to_json(),
    };
    if let Some(path) = &args.output {
        eprintln!(
            "{} statement(s) from {} {} span(s) written to {}",
            alignment.statements.len(),
            alignment.quotes,
            args.label,
            path.display()
        );
    }
    write_out(text.as_bytes(), args.output.as_deref())
}

/// The fields documents can be compared by: the metadata every document has, then the
/// project's custom fields.
const BUILT_IN_FIELDS: [GroupBy; 4] = [
    GroupBy::Outlet,
    GroupBy::Date,
    GroupBy::Author,
    GroupBy::Status,
];

/// The field `name` names (a custom field whatever its case), or an error listing the
/// fields the project has: a misspelt field would otherwise put every document in one
/// group and quietly compare the whole project.
fn compared_by(project: &Project, path: &Path, name: &str) -> anyhow::Result<GroupBy> {
    let wanted = name.trim();
    if let Some(by) = BUILT_IN_FIELDS
        .iter()
        .find(|by| by.name().eq_ignore_ascii_case(wanted))
    {
        return Ok(by.clone());
    }
    if let Some(field) = project
        .custom_fields
        .iter()
        .find(|f| f.trim().to_lowercase() == wanted.to_lowercase())
    {
        return Ok(GroupBy::Custom(field.clone()));
    }
    let fields: Vec<&str> = BUILT_IN_FIELDS
        .iter()
        .map(GroupBy::name)
        .chain(project.custom_fields.iter().map(String::as_str))
        .collect();
    anyhow::bail!(
        "--by \"{wanted}\": {} has no such field; documents can be compared by {}",
        path.display(),
        fields.join(", ")
    )
}
