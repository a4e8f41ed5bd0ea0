//! The command line: open the window, or add articles, export and check projects without
//! it, so the same project files can be scripted and checked in a pipeline.
//!
//! This is the binary's edge: library errors become `anyhow` errors here and are printed
//! once, as `lectern: <message>`, with exit code 1 (clap exits 2 for usage errors).

mod align;
mod analysis;
pub mod generate;
mod meta;
pub mod panic_hook;
mod reanchor;
mod suggest;
mod warnings;

use crate::formats::field_map::ColumnChoices;
use crate::formats::label_map::LabelMap;
use crate::formats::{ExportError, ExportFormat, ImportFormat, article};
use crate::model::{Document, Project};
use crate::store::{self, StoreError};
use anyhow::Context;
use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Annotate news articles: label quotes, claims, descriptors and attributions.
///
/// With no subcommand, opens the window with the given project and/or article files.
#[derive(Debug, Parser)]
#[command(name = "lectern", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A project (.ron) and/or articles (.txt, .md) to open in the window.
    paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Add articles to a project, creating the project file if it does not exist.
    ///
    /// A table (.csv, .tsv, .xlsx, .ods, .jsonl) adds one document per row: the text from
    /// the text column, the title, outlet, date, URL and author from the columns named so
    /// (or publisher, source, media, publication_date, byline, link…), every other column
    /// as a custom field. Everything is added as one step: the project is saved once.
    Add {
        /// The project file (.ron).
        project: PathBuf,
        /// Article files (.txt, .md, .html, .docx, .pdf) and tables of articles to add.
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// The column holding the article text in tables (default: text, body or content).
        #[arg(long, value_name = "COLUMN")]
        text_column: Option<String>,
        /// Where a table column goes: NAME=FIELD, FIELD one of title, outlet, date, url,
        /// author, memo, none, or a custom field's name (repeatable).
        #[arg(long = "column", value_name = "NAME=FIELD")]
        columns: Vec<String>,
        /// Write every file or row that was skipped to this file, grouped by kind.
        #[arg(long, value_name = "FILE")]
        warnings: Option<PathBuf>,
    },
    /// Export a project: spans, relations and documents in another tool's format.
    Export {
        /// The project file (.ron).
        project: PathBuf,
        /// Output format.
        #[arg(long, short)]
        format: ExportFormat,
        /// File to write (replaced atomically), or for brat a new or empty folder;
        /// standard output when omitted (not for brat).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Import annotated documents from another tool, creating the project if needed.
    Import {
        /// The project file (.ron).
        project: PathBuf,
        /// Input format.
        #[arg(long, short)]
        format: ImportFormat,
        /// Files or folders to read (brat: a folder or .txt/.ann files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write every warning (what was not kept or was changed to fit) to this file,
        /// grouped by kind; standard error shows each kind once with a few examples.
        #[arg(long, value_name = "FILE")]
        warnings: Option<PathBuf>,
        /// Give the spans of the file's type FROM the label TO, an existing label or a new
        /// one (repeatable): --map Content=quote.
        #[arg(long = "map", value_name = "FROM=TO")]
        maps: Vec<String>,
        /// Leave out the spans of this type and their relations (repeatable).
        #[arg(long = "drop", value_name = "TYPE")]
        drops: Vec<String>,
    },
    /// Check that a project file is readable and consistent.
    Check {
        /// The project file (.ron).
        project: PathBuf,
        /// Fix what can be fixed without removing a span (re-anchor drifted spans by their
        /// text, add undefined labels, renumber repeated ids) and save, keeping a backup.
        #[arg(long)]
        repair: bool,
    },
    /// Tables for comparing outlets: label counts, who is quoted, descriptors, co-occurrence.
    Stats(analysis::StatsArgs),
    /// Replace a document's text with a new version of the article and move its spans
    /// to where their text now is; prints what moved.
    Reanchor(reanchor::ReanchorArgs),
    /// Fill the documents' outlet, date, author, title and own fields from a table
    /// (metadata.tsv, a spreadsheet), one row per document matched by a key column.
    Meta(meta::MetaArgs),
    /// Combine coders' projects on the same articles into one, keeping each coder's spans.
    Merge(analysis::MergeArgs),
    /// Intercoder agreement of a merged project: kappa, Krippendorff's alpha, span F1.
    Agreement(analysis::AgreementArgs),
    /// The same statement across outlets: each quote's versions, printed whole, cut,
    /// paraphrased or not at all.
    Align(align::AlignArgs),
    /// Write the man pages and shell completions (for packagers).
    #[command(hide = true)]
    Generate(generate::GenerateArgs),
    /// Propose quotes, their attributions and speakers (JSON Lines), or add them with
    /// --apply.
    Suggest(suggest::SuggestArgs),
}

impl ValueEnum for ImportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &ImportFormat::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}

impl ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &ExportFormat::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}

/// The whole `lectern` command line as clap defines it (for man pages and completions).
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => crate::ui::launch(cli.paths).map(|()| ExitCode::SUCCESS),
        Some(Command::Add {
            project,
            articles,
            text_column,
            columns,
            warnings,
        }) => column_choices(text_column, None, &columns)
            .and_then(|choices| add(&project, &articles, &choices, warnings.as_deref())),
        Some(Command::Export {
            project,
            format,
            output,
        }) => export(&project, format, output.as_deref()),
        Some(Command::Import {
            project,
            format,
            paths,
            warnings,
            maps,
            drops,
        }) => LabelMap::from_options(&maps, &drops)
            .map_err(|m| anyhow::anyhow!(m))
            .and_then(|map| import(&project, format, &paths, &map, warnings.as_deref())),
        Some(Command::Check { project, repair }) => check(&project, repair),
        Some(Command::Stats(args)) => analysis::stats(&args),
        Some(Command::Reanchor(args)) => reanchor::run(&args),
        Some(Command::Meta(args)) => meta::run(&args),
        Some(Command::Merge(args)) => analysis::merge(&args),
        Some(Command::Agreement(args)) => analysis::agreement(&args),
        Some(Command::Align(args)) => align::run(&args),
        Some(Command::Generate(args)) => generate::run(&args, command()),
        Some(Command::Suggest(args)) => suggest::run(&args),
    };
    result.unwrap_or_else(|e| {
        eprintln!("lectern: {}", error_chain(&e));
        ExitCode::FAILURE
    })
}

/// The error and its causes joined by ": ", leaving out a cause whose text the message
/// already includes (our error types name their source in their own message).
fn error_chain(e: &anyhow::Error) -> String {
    let mut out = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !out.contains(&cause) {
            out.push_str(": ");
            out.push_str(&cause);
        }
    }
    out
}

/// The `--text-column`, `--key` and `--column NAME=FIELD` options, checked.
pub(crate) fn column_choices(
    text: Option<String>,
    key: Option<String>,
    columns: &[String],
) -> anyhow::Result<ColumnChoices> {
    let mut choices = ColumnChoices {
        text,
        key,
        fields: Vec::new(),
    };
    for c in columns {
        choices
            .add_column_option(c)
            .map_err(|m| anyhow::anyhow!(m))?;
    }
    Ok(choices)
}

/// `lectern add`: everything readable is added in one step and saved once; what was
/// skipped (files, table rows without text) is listed and makes the exit status 1.
fn add(
    path: &Path,
    articles: &[PathBuf],
    columns: &ColumnChoices,
    warnings: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let (mut project, exists) = load_or_create(path)?;
    let batch = article::read_articles_with(&project, articles, columns);
    let added = batch.documents().count();
    let lines = added_lines(batch.documents());
    let skipped = batch.skipped;
    crate::model::History::default()
        .apply(&mut project, "Add articles", batch.edits)
        .with_context(|| format!("cannot add articles to {}", path.display()))?;
    for line in lines {
        eprintln!("added: {line}");
    }
    warnings::report(&skipped, "skipped", warnings)?;
    if added > 0 {
        store::save(&project, path)?;
    }
    let verb = match (added, exists) {
        (0, true) => "left unchanged",
        (0, false) => "not created",
        (_, true) => "saved",
        (_, false) => "created",
    };
    eprintln!(
        "{}: {verb}; {} added, {} skipped",
        path.display(),
        count(added, "article"),
        skipped.len()
    );
    Ok(if skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The project at `path` and `true`, or, when there is no file there yet, a new empty
/// project named after the file and `false` (it is written only once something is added).
fn load_or_create(path: &Path) -> anyhow::Result<(Project, bool)> {
    let exists = path
        .try_exists()
        .with_context(|| format!("cannot read project {}", path.display()))?;
    let project = if exists {
        store::load(path)?
    } else {
        Project::new(project_name(path))
    };
    Ok((project, exists))
}

/// One line per article added, and one per table for its rows (a table may hold
/// thousands).
fn added_lines<'a>(docs: impl Iterator<Item = &'a Document>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut tables: Vec<(String, usize)> = Vec::new();
    for doc in docs {
        let table = doc
            .source_path
            .rsplit_once(", row ")
            .or_else(|| doc.source_path.rsplit_once(", line "))
            .map(|(table, _)| table);
        match table {
            Some(table) => match tables.iter_mut().find(|(t, _)| t == table) {
                Some((_, n)) => *n += 1,
                None => tables.push((table.to_owned(), 1)),
            },
            None => lines.push(format!(
                "{} as \"{}\" (document {}, {} code points, {})",
                doc.source_path,
                doc.title,
                doc.id,
                doc.text.len_chars(),
                doc.encoding
            )),
        }
    }
    for (table, n) in tables {
        lines.push(format!("{table}: {} from its rows", count(n, "document")));
    }
    lines
}

/// A new project's name: the file name without its extension.
fn project_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Untitled".to_owned())
}

/// `lectern export`: to standard output as rows are made, or atomically to a file.
fn export(path: &Path, format: ExportFormat, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let project = store::load(path)?;
    let Some(output) = output else {
        let mut stdout = std::io::stdout().lock();
        let result =
            crate::formats::export(&project, format, &mut stdout).and_then(|_| Ok(stdout.flush()?));
        return match result {
            Ok(()) => Ok(ExitCode::SUCCESS),
            // The reader went away (`lectern export … | head`): not an error of ours.
            Err(ExportError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                Err(anyhow::Error::new(e).context(format!("cannot export {}", path.display())))
            }
        };
    };
    let progress = crate::progress::Progress::new();
    let rows = crate::formats::export::export_to_path(&project, format, output, &progress)
        .with_context(|| format!("cannot export {}", path.display()))?;
    eprintln!(
        "exported {rows} span(s) from {} to {} ({})",
        path.display(),
        output.display(),
        format.name()
    );
    Ok(ExitCode::SUCCESS)
}

/// `lectern import`: adds every document read as one step, saves, and lists on standard
/// error each line or item that was not kept or was changed to fit (brat events).
fn import(
    path: &Path,
    format: ImportFormat,
    paths: &[PathBuf],
    map: &LabelMap,
    warnings: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let (mut project, exists) = load_or_create(path)?;
    let mut imported = format.read(paths)?;
    map.check(&imported.label_counts())
        .map_err(|m| anyhow::anyhow!("cannot import {}: {m}", format.name()))?;
    imported.map_labels(map);
    let plan = imported.into_edits(&project);
    let mut history = crate::model::History::default();
    history
        .apply(
            &mut project,
            format!("Import {}", format.name()),
            plan.edits,
        )
        .with_context(|| format!("cannot import into {}", path.display()))?;
    warnings::report(&plan.warnings, "warning", warnings)?;
    if plan.documents > 0 {
        store::save(&project, path)?;
    }
    eprintln!(
        "{}: {} {}, {} and {} imported ({}); {}",
        path.display(),
        if exists { "saved;" } else { "created;" },
        count(plan.documents, "document"),
        count(plan.spans, "span"),
        count(plan.relations, "relation"),
        format.name(),
        count(plan.warnings.len(), "warning"),
    );
    Ok(ExitCode::SUCCESS)
}

/// `lectern check`: every problem on its own line, exit 1 if there is any.
fn check(path: &Path, repair: bool) -> anyhow::Result<ExitCode> {
    match store::load(path) {
        Ok(project) => {
            for w in project.warnings() {
                eprintln!("{}: warning: {w}", path.display());
            }
            let spans: usize = project.documents.iter().map(|d| d.spans.len()).sum();
            println!(
                "{}: ok ({}, {})",
                path.display(),
                count(project.documents.len(), "document"),
                count(spans, "span")
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(StoreError::Invalid { path, problems }) => {
            for p in &problems {
                eprintln!("{}: {p}", path.display());
            }
            eprintln!(
                "lectern: {}: {} found",
                path.display(),
                count(problems.len(), "problem")
            );
            reanchor::repair_file(&path, repair)
        }
        Err(e) => Err(e.into()),
    }
}

/// "1 span", "3 spans".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn plain_paths_open_the_window_and_subcommands_still_parse() {
        let cli = Cli::try_parse_from(["lectern", "a.ron", "b.txt"]).expect("parse");
        assert!(cli.command.is_none());
        assert_eq!(cli.paths.len(), 2);
        let cli = Cli::try_parse_from(["lectern", "export", "p.ron", "--format", "jsonl"])
            .expect("parse");
        assert!(matches!(
            cli.command,
            Some(Command::Export {
                format: ExportFormat::Jsonl,
                ..
            })
        ));
        assert!(Cli::try_parse_from(["lectern", "export", "p.ron", "--format", "xls"]).is_err());
        assert!(Cli::try_parse_from(["lectern", "add", "p.ron"]).is_err());
    }

    #[test]
    fn error_chain_reports_each_message_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let e = anyhow::Error::new(io).context("cannot read a.ron: no such file");
        assert_eq!(error_chain(&e), "cannot read a.ron: no such file");
        let e = anyhow::anyhow!("inner").context("outer");
        assert_eq!(error_chain(&e), "outer: inner");
    }
}
