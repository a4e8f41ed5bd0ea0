//! `lectern reanchor PROJECT --doc ID NEWFILE`: replace a document's text with a corrected
//! or re-encoded version of the article and move every span to where its text now is,
//! printing what moved. Spans that cannot be placed are listed and, unless asked, nothing
//! is written: no annotation disappears without the user saying so.

use crate::formats::article;
use crate::model::reanchor::{Outcome, Placement, Retext, retext};
use crate::model::{DocId, DocText, Edit};
use crate::store;
use anyhow::{Context, bail};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `lectern reanchor`.
#[derive(Debug, Args)]
pub struct ReanchorArgs {
    /// The project file (.ron).
    project: PathBuf,
    /// Id of the document whose text is replaced.
    #[arg(long)]
    doc: u32,
    /// The new version of the article (.txt, .md), in any encoding Lectern reads.
    new_file: PathBuf,
    /// Print what would move, write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Remove the spans that cannot be placed (they are listed) instead of stopping.
    #[arg(long)]
    drop_unplaced: bool,
}

/// One line on where a span went: `span 3: moved 10..20 -> 35..45`.
pub fn describe(o: &Outcome) -> String {
    let from = format!("{}..{}", o.old.start, o.old.end);
    match &o.placed {
        None => format!("span {}: unplaced {from} {:?}", o.span, o.old_text),
        Some((extent, how)) => {
            let to = format!("{}..{}", extent.start, extent.end);
            match how {
                Placement::Unchanged => format!("span {}: unchanged {from}", o.span),
                Placement::Moved => format!("span {}: moved {from} -> {to}", o.span),
                Placement::Fuzzy { similarity } => format!(
                    "span {}: fuzzy {from} -> {to} ({:.0}% alike) {:?} -> {:?}",
                    o.span,
                    similarity * 100.0,
                    o.old_text,
                    extent.text
                ),
            }
        }
    }
}

/// Runs `lectern reanchor`; exit 1 when spans could not be placed and nothing was written.
pub fn run(args: &ReanchorArgs) -> anyhow::Result<ExitCode> {
    let path = &args.project;
    let mut project = store::load(path)?;
    let doc_id = DocId(args.doc);
    let Some(index) = project.documents.iter().position(|d| d.id == doc_id) else {
        bail!(
            "{}: there is no document {doc_id}; `lectern stats` or the window lists them",
            path.display()
        );
    };
    let article = article::read_article(&args.new_file)?;
    let old = project.documents[index].clone();
    let Retext {
        document: mut doc,
        outcomes,
        unplaced,
    } = retext(&old, DocText::new(article.text));
    let mut moved = 0;
    for o in &outcomes {
        println!("{}", describe(o));
        if o.placed
            .as_ref()
            .is_some_and(|(_, how)| *how != Placement::Unchanged)
        {
            moved += 1;
        }
    }
    eprintln!(
        "{}: document {doc_id}: {} span(s): {moved} moved, {} unplaced",
        path.display(),
        outcomes.len(),
        unplaced.len()
    );
    if !unplaced.is_empty() && !args.drop_unplaced {
        eprintln!(
            "lectern: {}: nothing written; {} span(s) could not be placed (listed above); \
             consider correcting the new text, or --drop-unplaced to remove them",
            path.display(),
            unplaced.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    doc.encoding = article.encoding;
    doc.source_path = args.new_file.display().to_string();
    let edits = [
        Edit::RemoveDocument {
            index,
            document: Box::new(old),
        },
        Edit::AddDocument {
            index,
            document: Box::new(doc),
        },
    ];
    for e in &edits {
        e.apply(&mut project)
            .with_context(|| format!("cannot re-anchor document {doc_id}"))?;
    }
    if args.dry_run {
        eprintln!("{}: dry run, not written", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    if let Err(e) = store::backup::rotate(path) {
        bail!(
            "cannot keep a backup of {} before rewriting it: {e}",
            path.display()
        );
    }
    store::save(&project, path)?;
    eprintln!(
        "{}: saved; the previous version is {}",
        path.display(),
        store::backup::path_for(path, 1).display()
    );
    Ok(ExitCode::SUCCESS)
}

/// After `lectern check` found problems: with `--repair`, repairs the file if repairs that
/// keep every span fix all of them (keeping a backup) and exits 0; otherwise says whether
/// they could, and exits 1.
pub fn repair_file(path: &std::path::Path, write: bool) -> anyhow::Result<ExitCode> {
    let Ok(project) = store::load_unchecked(path) else {
        return Ok(ExitCode::FAILURE);
    };
    let repaired = crate::model::reanchor::repair(&project);
    let remaining = repaired.project.problems();
    if repaired.actions.is_empty() {
        return Ok(ExitCode::FAILURE);
    }
    if !write {
        let all = if remaining.is_empty() {
            "all of them"
        } else {
            "some of them"
        };
        eprintln!(
            "hint: `lectern check --repair {}` fixes {all} without removing a span ({} change(s))",
            path.display(),
            repaired.actions.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    for a in &repaired.actions {
        println!("repaired: {a}");
    }
    if !remaining.is_empty() {
        eprintln!(
            "lectern: {}: nothing written; {} problem(s) cannot be repaired without removing something",
            path.display(),
            remaining.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    store::backup::rotate(path)
        .with_context(|| format!("cannot keep a backup of {}", path.display()))?;
    store::save(&repaired.project, path)?;
    eprintln!(
        "{}: repaired and saved; the file as it was is {}",
        path.display(),
        store::backup::path_for(path, 1).display()
    );
    Ok(ExitCode::SUCCESS)
}
