//! `lectern stats`, `lectern merge` and `lectern agreement`: the Analysis panel's numbers
//! without the window, for scripts and for a methods section.

use crate::analysis::chart::{ChartKind, ChartOptions, chart};
use crate::analysis::{self, Filter, GroupBy, MergeSource, Table, Unit, VerbOptions, Within};
use crate::model::Project;
use crate::store;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How a table is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for reading in a terminal.
    #[default]
    Text,
    /// RFC 4180 CSV with a header row, every cell verbatim (for R and pandas).
    Csv,
    /// CSV for Excel and other spreadsheets: a byte order mark, and text cells that start
    /// like a formula (=, +, -, @) prefixed with ' so they are never run.
    CsvExcel,
    /// A JSON array of objects, one per row.
    Json,
    /// The table's chart as SVG (text stays text), for a paper or a slide.
    Svg,
    /// The table's chart as PNG, at twice its size (needs -o FILE).
    Png,
}

/// Which table `lectern stats` computes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum StatsTable {
    /// Spans per label for each value of --by.
    #[default]
    Counts,
    /// Quotes per speaker and --by value, with reporting verbs.
    Quoted,
    /// Descriptor texts per target and --by value.
    Descriptors,
    /// Paragraphs in which two labels occur together.
    Cooccurrence,
    /// Reporting verbs per --by value (and speaker): lemma, neutral or evaluative, count,
    /// and the group's share of evaluative verbs.
    Verbs,
}

/// Where labels count as occurring together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum WithinArg {
    /// A non-empty line.
    #[default]
    Paragraph,
    /// A sentence (ends at . ! ? before a space, or a line end).
    Sentence,
}

/// What a token-level agreement unit is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    /// Whitespace-separated tokens.
    #[default]
    Token,
    /// Non-whitespace code points.
    Char,
}

/// Arguments of `lectern stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The project file (.ron).
    project: PathBuf,
    /// Group documents by outlet, document, date, author, status or a custom field.
    #[arg(long, default_value = "outlet")]
    by: String,
    /// Which table.
    #[arg(long, short, value_enum, default_value_t)]
    table: StatsTable,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t)]
    format: TableFormat,
    /// File to write (replaced atomically); standard output when omitted.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Count only these labels (repeat or separate with commas).
    #[arg(long, value_delimiter = ',')]
    label: Vec<String>,
    /// Count only spans by these annotators (repeat or separate with commas).
    #[arg(long, value_delimiter = ',')]
    annotator: Vec<String>,
    /// Only documents dated on or after this date (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Only documents dated on or before this date (YYYY-MM-DD, or YYYY-MM for a month).
    #[arg(long)]
    to: Option<String>,
    /// For --table cooccurrence: values of this span attribute (speaker, target, stance…)
    /// instead of labels.
    #[arg(long)]
    attribute: Option<String>,
    /// For --table cooccurrence: count labels together within a paragraph or a sentence.
    #[arg(long, value_enum, default_value_t)]
    within: WithinArg,
    /// For --table verbs: one set of rows per speaker within each --by value.
    #[arg(long)]
    speaker: bool,
    /// For --table verbs: add Caldas-Coulthard's finer class of each verb (structuring,
    /// assertive, directive, expressive, metalinguistic, descriptive).
    #[arg(long)]
    detail: bool,
    /// For --format svg of --table quoted: one bar per --by value side by side instead of
    /// stacked.
    #[arg(long)]
    grouped: bool,
    /// For --format svg of --table descriptors: whose descriptors to draw (default: the
    /// most described target).
    #[arg(long)]
    target: Option<String>,
}

/// Arguments of `lectern merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Two or more coders' project files (.ron) on the same articles.
    #[arg(required = true, num_args = 2..)]
    projects: Vec<PathBuf>,
    /// The merged project to write (must not exist yet unless --force).
    #[arg(long, short)]
    output: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

/// Arguments of `lectern agreement`.
#[derive(Debug, Args)]
pub struct AgreementArgs {
    /// A merged project (see `lectern merge`).
    project: PathBuf,
    /// `label` adds one row per label to the overall row; `document` gives the overall
    /// figures of each document instead.
    #[arg(long, value_parser = ["label", "document"])]
    by: Option<String>,
    /// Unit of the token-level coefficients.
    #[arg(long, value_enum, default_value_t)]
    unit: UnitArg,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t)]
    format: TableFormat,
    /// File to write (replaced atomically); standard output when omitted.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// `lectern stats`.
pub fn stats(args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let project = store::load(&args.project)?;
    let filter = Filter {
        labels: args.label.iter().map(|l| l.trim().to_owned()).collect(),
        annotators: args.annotator.iter().map(|a| a.trim().to_owned()).collect(),
        date_from: args.from.clone(),
        date_to: args.to.clone(),
    };
    for label in &filter.labels {
        check_label(&project, &args.project, label)?;
    }
    let by = group_by(&project, &args.project, &args.by);
    let within = match args.within {
        WithinArg::Paragraph => Within::Paragraph,
        WithinArg::Sentence => Within::Sentence,
    };
    let table = match args.table {
        StatsTable::Counts => analysis::label_counts(&project, &filter, &by),
        StatsTable::Quoted => analysis::who_is_quoted(&project, &filter, &by),
        StatsTable::Descriptors => analysis::descriptors(&project, &filter, &by),
        StatsTable::Cooccurrence => match &args.attribute {
            Some(name) => analysis::attribute_cooccurrence(&project, &filter, within, name),
            None => analysis::cooccurrence(&project, &filter, within),
        },
        StatsTable::Verbs => {
            let options = VerbOptions {
                per_speaker: args.speaker,
                detail: args.detail,
            };
            analysis::reporting_verbs(&project, &filter, &by, options)
        }
    };
    if matches!(args.format, TableFormat::Svg | TableFormat::Png) {
        let kind = match args.table {
            StatsTable::Counts => ChartKind::Counts,
            StatsTable::Quoted => ChartKind::Quoted,
            StatsTable::Descriptors => ChartKind::Descriptors,
            StatsTable::Cooccurrence => ChartKind::Cooccurrence,
            StatsTable::Verbs => ChartKind::Verbs,
        };
        let options = ChartOptions {
            grouped: args.grouped,
            target: args.target.clone(),
            within,
            ..ChartOptions::default()
        };
        let out = args.output.as_deref();
        return write_chart(kind, &project, &table, &options, args.format, out);
    }
    print_table(&table, args.format, args.output.as_deref())
}

/// An error naming the project's labels if `label` is not one of them.
pub(super) fn check_label(project: &Project, path: &Path, label: &str) -> anyhow::Result<()> {
    if project.label(label).is_some() {
        return Ok(());
    }
    anyhow::bail!(
        "label \"{label}\" is not in {}; its labels are {}",
        path.display(),
        project
            .labels
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The field `name` documents are grouped by, with a warning if the project has no such
/// field (every document then has no value).
pub(super) fn group_by(project: &Project, path: &Path, name: &str) -> GroupBy {
    let by = GroupBy::parse(name);
    if let GroupBy::Custom(field) = &by
        && !project.custom_fields.contains(field)
    {
        eprintln!(
            "lectern: warning: {} has no field \"{field}\"; every document is in \"{}\"",
            path.display(),
            analysis::NO_VALUE
        );
    }
    by
}

/// `lectern merge`: refuses to overwrite unless told to, and prints what it merged.
pub fn merge(args: &MergeArgs) -> anyhow::Result<ExitCode> {
    if !args.force && args.output.exists() {
        anyhow::bail!(
            "{} exists; consider another --output, or --force to replace it",
            args.output.display()
        );
    }
    let mut sources = Vec::new();
    for path in &args.projects {
        let project = store::load(path)?;
        let fallback = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        sources.push(MergeSource { fallback, project });
    }
    let name = args
        .output
        .file_stem()
        .map_or_else(|| "merged".to_owned(), |s| s.to_string_lossy().into_owned());
    let merged = analysis::merge(&name, &sources);
    for w in &merged.warnings {
        eprintln!("lectern: warning: {w}");
    }
    store::save(&merged.project, &args.output)?;
    let coders: Vec<String> = sources.iter().map(analysis::merge::coder_name).collect();
    let spans: usize = merged.project.documents.iter().map(|d| d.spans.len()).sum();
    eprintln!(
        "merged {} projects (coders {}) into {}: {} documents, {spans} spans",
        sources.len(),
        coders.join(", "),
        args.output.display(),
        merged.project.documents.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// `lectern agreement`.
pub fn agreement(args: &AgreementArgs) -> anyhow::Result<ExitCode> {
    let project = store::load(&args.project)?;
    let coders = analysis::agreement::coders(&project);
    if coders.len() < 2 {
        anyhow::bail!(
            "{} has {} coder(s) ({}); agreement needs two or more; consider `lectern merge A.ron B.ron -o merged.ron` first",
            args.project.display(),
            coders.len(),
            coders.join(", ")
        );
    }
    let unit = match args.unit {
        UnitArg::Token => Unit::Token,
        UnitArg::Char => Unit::CodePoint,
    };
    let table = match args.by.as_deref() {
        Some("document") => analysis::agreement_by_document(&project, unit),
        by => analysis::agreement(&project, unit, by.is_some()),
    };
    if matches!(args.format, TableFormat::Svg | TableFormat::Png) {
        let options = ChartOptions::default();
        let out = args.output.as_deref();
        return write_chart(
            ChartKind::Agreement,
            &project,
            &table,
            &options,
            args.format,
            out,
        );
    }
    if args.format == TableFormat::Text {
        eprintln!("coders: {}", coders.join(", "));
    }
    print_table(&table, args.format, args.output.as_deref())
}

/// Writes the chart of `table` as SVG or PNG, or says why there is none.
fn write_chart(
    kind: ChartKind,
    project: &Project,
    table: &Table,
    options: &ChartOptions,
    format: TableFormat,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let Some(chart) = chart(kind, project, table, options) else {
        anyhow::bail!("this table has no chart; consider --format csv");
    };
    if format == TableFormat::Svg {
        return write_out(chart.to_svg().as_bytes(), output);
    }
    let Some(path) = output else {
        anyhow::bail!("a PNG is not written to the terminal; consider --output chart.png");
    };
    let png = chart.to_png(2.0)?;
    write_out(&png, Some(path))
}

fn print_table(
    table: &Table,
    format: TableFormat,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let text = match format {
        TableFormat::Text => table.to_text(),
        TableFormat::Csv => table.to_csv(),
        TableFormat::CsvExcel => table.to_excel_csv(),
        TableFormat::Json => table.to_json(),
        TableFormat::Svg | TableFormat::Png => String::new(),
    };
    write_out(text.as_bytes(), output)
}

/// Writes `bytes` atomically to `output`, or to standard output.
pub(super) fn write_out(bytes: &[u8], output: Option<&Path>) -> anyhow::Result<ExitCode> {
    if let Some(path) = output {
        crate::fsutil::write_atomic(path, bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}
