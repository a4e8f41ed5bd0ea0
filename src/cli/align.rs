//! `lectern align`: the Quote tracker's statements without the window — which outlets
//! printed each statement whole, cut, paraphrased, or not at all — as a table for R and
//! pandas or a listing to read. Statements a coder confirmed or corrected in the window
//! are used as saved; the other quotes are grouped afresh.

use super::analysis::{check_label, group_by, write_out};
use crate::align::{self, Options, report};
use crate::store;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
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
    /// status or a custom field such as story. Without it the whole project is compared.
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
        by: args
            .by
            .as_deref()
            .map(|name| group_by(&project, &args.project, name)),
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
