//! `lectern suggest PROJECT [--doc ID]... [--min-confidence P] [--model FILE] [--apply] [-o FILE]`:
//! the quote assistant from the command line. Without `--apply` it writes its proposals as JSON Lines, one span a
//! line; with `--apply` it adds them to the project (spans, `introduces` relations,
//! attributes), skipping quotes the project has already and proposals a coder rejected,
//! saves atomically and prints what it added.

use crate::assist::{self, Assistant, Model, Roles, Suggestion};
use crate::model::{DocId, Document, History, Project, iso_utc};
use crate::store;
use anyhow::{Context, bail};
use clap::Args;
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `lectern suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The project file (.ron).
    project: PathBuf,
    /// Only this document (repeat for several); every document when omitted.
    #[arg(long = "doc")]
    docs: Vec<u32>,
    /// Add the proposals to the project as spans, relations and attributes, and save it.
    #[arg(long)]
    apply: bool,
    /// Only proposals at least this sure (0–1); 0 gives every proposal. When omitted, the
    /// project's own setting (Proposals panel in the window; 0.3 unless changed there),
    /// which leaves out quoted single words and short phrases with no attribution near them.
    #[arg(long, value_name = "P")]
    min_confidence: Option<f32>,
    /// Use the learned weights in this file (made by `examples/train_assist.rs` from a
    /// coded corpus, e.g. by `scripts/quote-cv`) instead of the built-in English model.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Write the JSON Lines to this file (replaced atomically) instead of standard output.
    #[arg(long, short, conflicts_with = "apply")]
    output: Option<PathBuf>,
}

/// Runs `lectern suggest`.
pub fn run(args: &SuggestArgs) -> anyhow::Result<ExitCode> {
    let path = &args.project;
    let mut project = store::load(path)?;
    let Some(roles) = Roles::from_codebook(&project.labels, &project.relation_types) else {
        bail!(
            "{}: the codebook has no label for quotes; consider adding a label named \"quote\"",
            path.display()
        );
    };
    let min_confidence = match args.min_confidence {
        Some(p) if !(0.0..=1.0).contains(&p) => {
            bail!("--min-confidence must be between 0 and 1, found {p}")
        }
        Some(p) => p,
        None => project.assistant.min_sure(),
    };
    let docs = selected(&project, &args.docs, path)?;
    let model = args.model.as_deref().map(read_model).transpose()?;
    let assistant = match &model {
        Some(m) => Assistant::with_model(roles, project.lexicon(), Some(m)),
        None => Assistant::new(roles, project.lexicon()),
    };
    let proposals: Vec<(DocId, Vec<Suggestion>)> = docs
        .iter()
        .filter_map(|id| project.document(*id))
        .map(|d| (d.id, proposals_for(&assistant, d, min_confidence)))
        .collect();
    drop(assistant);
    if args.apply {
        apply(&mut project, &proposals, path)
    } else {
        let mut out = Vec::new();
        write_lines(&project, &proposals, &mut out)?;
        match &args.output {
            Some(file) => {
                crate::fsutil::write_atomic(file, &out)
                    .with_context(|| format!("cannot write {}", file.display()))?;
                eprintln!("{}: {}", file.display(), summary(&proposals));
            }
            None => {
                let mut stdout = std::io::stdout().lock();
                match stdout.write_all(&out).and_then(|()| stdout.flush()) {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
                    _ => {}
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// The weights file at `path`; an unreadable file or a line that does not read is an
/// error naming the file (and the line).
fn read_model(path: &std::path::Path) -> anyhow::Result<Model> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the model {}", path.display()))?;
    let model = Model::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if model.is_empty() {
        bail!("{}: the model has no weights", path.display());
    }
    Ok(model)
}

/// The documents asked for, or all; an unknown id is an error naming it.
fn selected(
    project: &Project,
    asked: &[u32],
    path: &std::path::Path,
) -> anyhow::Result<Vec<DocId>> {
    if asked.is_empty() {
        return Ok(project.documents.iter().map(|d| d.id).collect());
    }
    asked
        .iter()
        .map(|&id| {
            let id = DocId(id);
            match project.document(id) {
                Some(_) => Ok(id),
                None => bail!(
                    "{}: there is no document {id}; `lectern stats` or the window lists them",
                    path.display()
                ),
            }
        })
        .collect()
}

/// What is left to propose in one document: at least `min` sure, not rejected there,
/// not coded already.
fn proposals_for(assistant: &Assistant, doc: &Document, min: f32) -> Vec<Suggestion> {
    let mut all = assistant.propose(doc.text.as_str());
    all.retain(|s| s.confidence >= min);
    assist::accept::still_open(doc, all)
}

fn summary(proposals: &[(DocId, Vec<Suggestion>)]) -> String {
    let n: usize = proposals.iter().map(|(_, s)| s.len()).sum();
    format!("{n} quote(s) proposed in {} document(s)", proposals.len())
}

/// One JSON line per proposed span. An attribution shared by several quotes is written
/// once; `links` lists the relations a span is an end of, by the lines' `id`s.
fn write_lines(
    project: &Project,
    proposals: &[(DocId, Vec<Suggestion>)],
    out: &mut Vec<u8>,
) -> anyhow::Result<()> {
    let mut next = 1u32;
    for (doc, suggestions) in proposals {
        let title = project.document(*doc).map_or("", |d| d.title.as_str());
        let mut attributions: Vec<(Vec<(usize, usize)>, u32)> = Vec::new();
        for s in suggestions {
            let quote_id = next;
            next += 1;
            let mut quote_links = Vec::new();
            if let (Some(att), Some(kind)) = (&s.attribution, &s.relation) {
                let att_id = match attributions.iter().find(|(p, _)| *p == att.pieces) {
                    Some((_, id)) => *id,
                    None => {
                        let id = next;
                        next += 1;
                        attributions.push((att.pieces.clone(), id));
                        let link = json!({"relation": kind, "from": id, "to": quote_id});
                        let line = line(*doc, title, id, att, s, vec![link]);
                        writeln!(out, "{line}")?;
                        id
                    }
                };
                quote_links.push(json!({"relation": kind, "from": att_id, "to": quote_id}));
            }
            writeln!(
                out,
                "{}",
                line(*doc, title, quote_id, &s.quote, s, quote_links)
            )?;
        }
    }
    Ok(())
}

fn line(
    doc: DocId,
    title: &str,
    id: u32,
    span: &assist::ProposedSpan,
    s: &Suggestion,
    links: Vec<serde_json::Value>,
) -> serde_json::Value {
    json!({
        "document": doc.0,
        "title": title,
        "id": id,
        "label": span.label,
        "pieces": span.pieces.iter().map(|&(a, b)| [a, b]).collect::<Vec<_>>(),
        "text": span.text,
        "attributes": span.attributes,
        "links": links,
        "rule": s.rule.name(),
        "confidence": (f64::from(s.confidence) * 100.0).round() / 100.0,
    })
}

/// `--apply`: every document's proposals as one step, saved atomically.
fn apply(
    project: &mut Project,
    proposals: &[(DocId, Vec<Suggestion>)],
    path: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    let who = assist::accept::Acceptance {
        by: String::new(),
        at: iso_utc(std::time::SystemTime::now()),
    };
    let mut ids = assist::accept::FreshIds::new(project);
    let mut edits = Vec::new();
    let (mut quotes, mut attributions, mut relations, mut skipped) = (0, 0, 0, 0);
    for (doc, suggestions) in proposals {
        let done = assist::accept::accept(project, *doc, suggestions, &who, &mut ids);
        let title = project.document(*doc).map_or("", |d| d.title.as_str());
        println!(
            "document {doc} \"{title}\": {} quote(s), {} attribution(s), {} relation(s) added",
            done.quotes, done.attributions, done.relations
        );
        quotes += done.quotes;
        attributions += done.attributions;
        relations += done.relations;
        skipped += done.skipped;
        edits.extend(done.edits);
    }
    if !edits.is_empty() {
        History::default()
            .apply(project, "Accept the assistant's proposals", edits)
            .with_context(|| format!("cannot add the proposals to {}", path.display()))?;
        store::save(project, path)?;
    }
    eprintln!(
        "{}: {}; {quotes} quote(s), {attributions} attribution(s) and {relations} relation(s) added, {skipped} skipped as coded already",
        path.display(),
        if quotes > 0 {
            "saved"
        } else {
            "left unchanged"
        },
    );
    Ok(ExitCode::SUCCESS)
}
