//! Builds the sample project `projects/harbour-bridge.ron` from the four articles and
//! their annotations in `projects/sample-articles/`, so the sample shipped with Lectern is
//! reproducible rather than hand-edited.
//!
//! Run with `cargo run --example make_sample`. `tests/sample_project.rs` includes this file
//! and rebuilds the project in memory, so the committed file and its sources cannot drift.

// Every function stays under 100 lines, as in the library (src/lib.rs).
#![warn(clippy::too_many_lines)]

use anyhow::{Context, bail};
use lectern::formats::article::read_articles;
use lectern::model::{DocId, DocStatus, Edit, Extent, MetaField, Project, Relation, SpanId};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the sample project is written, relative to the repository root.
pub const PROJECT_PATH: &str = "projects/harbour-bridge.ron";

/// The sample articles and `annotations.ron`, relative to the repository root.
pub const ARTICLES_DIR: &str = "projects/sample-articles";

/// `annotations.ron`: who made the annotations and when, the project's own metadata
/// fields, and the articles with their metadata, spans and relations.
#[derive(Deserialize)]
struct Annotations {
    /// Written as every span's `annotator`.
    annotator: String,
    /// Written as every span's `created`, so the file is the same on every build.
    created: String,
    /// The project's custom metadata fields.
    #[serde(default)]
    custom_fields: Vec<String>,
    articles: Vec<AnnotatedArticle>,
}

#[derive(Deserialize)]
struct AnnotatedArticle {
    file: String,
    outlet: String,
    date: String,
    url: String,
    author: String,
    /// Values of the project's custom fields.
    #[serde(default)]
    custom: BTreeMap<String, String>,
    #[serde(default)]
    status: DocStatus,
    #[serde(default)]
    memo: String,
    spans: Vec<SpanSpec>,
    /// Links between spans, by their keys.
    #[serde(default)]
    relations: Vec<RelationSpec>,
}

/// A span given by its exact text and which occurrence of it (1-based) is meant.
#[derive(Deserialize)]
struct SpanSpec {
    /// Short name that relations refer to ("q1"), unique within the article; empty for none.
    #[serde(default)]
    key: String,
    label: String,
    text: String,
    occurrence: usize,
    /// Further pieces (text, occurrence) that make the span discontinuous.
    #[serde(default)]
    fragments_also: Vec<(String, usize)>,
    /// Values of the label's attribute fields.
    #[serde(default)]
    attributes: BTreeMap<String, String>,
    #[serde(default)]
    note: String,
}

/// A relation between two spans given by their keys.
#[derive(Deserialize)]
struct RelationSpec {
    kind: String,
    from: String,
    to: String,
    #[serde(default)]
    note: String,
}

/// The sample project, built from the files under `root` (the repository root).
pub fn build(root: &Path) -> anyhow::Result<Project> {
    let dir = root.join(ARTICLES_DIR);
    let annotations_path = dir.join("annotations.ron");
    let text = std::fs::read_to_string(&annotations_path)
        .with_context(|| format!("cannot read {}", annotations_path.display()))?;
    let annotations: Annotations = ron::from_str(&text)
        .with_context(|| format!("{} is not an annotations file", annotations_path.display()))?;
    let mut project = Project::new("Harbour bridge row");
    Edit::SetCustomFields {
        old: Vec::new(),
        new: annotations.custom_fields.clone(),
    }
    .apply(&mut project)?;
    let paths: Vec<PathBuf> = annotations
        .articles
        .iter()
        .map(|a| dir.join(&a.file))
        .collect();
    let batch = read_articles(&project, &paths);
    if !batch.skipped.is_empty() {
        bail!(
            "cannot read the sample articles: {}",
            batch
                .skipped
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    for (mut edit, article) in batch.edits.into_iter().zip(&annotations.articles) {
        let Edit::AddDocument { document, .. } = &mut edit else {
            bail!("reading {} gave an unexpected edit", article.file);
        };
        // Relative, so the committed file does not depend on where it was built.
        document.source_path = format!("{ARTICLES_DIR}/{}", article.file);
        let doc = document.id;
        edit.apply(&mut project)?;
        annotate(&mut project, doc, article, &annotations)
            .with_context(|| format!("cannot annotate {}", article.file))?;
    }
    project.last_viewed = None;
    Ok(project)
}

/// Sets the document's metadata fields, custom fields and status.
fn set_metadata(
    project: &mut Project,
    doc: DocId,
    article: &AnnotatedArticle,
) -> anyhow::Result<()> {
    let fields = [
        (MetaField::Outlet, &article.outlet),
        (MetaField::Date, &article.date),
        (MetaField::Url, &article.url),
        (MetaField::Author, &article.author),
        (MetaField::Memo, &article.memo),
    ];
    for (field, value) in fields {
        let old = project
            .document(doc)
            .map(|d| d.field(field).to_owned())
            .unwrap_or_default();
        let new = value.clone();
        Edit::SetDocField {
            doc,
            field,
            old,
            new,
        }
        .apply(project)?;
    }
    for (name, value) in &article.custom {
        if !project.custom_fields.contains(name) {
            bail!("custom field {name:?} is not in custom_fields");
        }
        Edit::SetCustomField {
            doc,
            name: name.clone(),
            old: String::new(),
            new: value.clone(),
        }
        .apply(project)?;
    }
    Edit::SetDocStatus {
        doc,
        old: DocStatus::default(),
        new: article.status,
    }
    .apply(project)?;
    Ok(())
}

/// Adds one span (its pieces found by their text) with its attributes; returns its id.
fn add_span(
    project: &mut Project,
    doc: DocId,
    spec: &SpanSpec,
    annotations: &Annotations,
) -> anyhow::Result<SpanId> {
    let what = || format!("span {:?} (occurrence {})", spec.text, spec.occurrence);
    let text = &project
        .document(doc)
        .with_context(|| format!("document {doc} is missing"))?
        .text;
    let mut pieces = Vec::new();
    for (piece, occurrence) in std::iter::once((&spec.text, spec.occurrence))
        .chain(spec.fragments_also.iter().map(|(t, o)| (t, *o)))
    {
        let at = text
            .find(piece, occurrence)
            .with_context(|| format!("{piece:?} (occurrence {occurrence}) is not in the text"))?;
        pieces.push((at.start, at.end));
    }
    let extent = Extent::from_pieces(text, &pieces).with_context(what)?;
    if extent.fragments.len() != pieces.len() && pieces.len() > 1 {
        bail!("{}: its fragments touch or overlap", what());
    }
    let mut span = project
        .make_span(doc, &spec.label, extent.start, extent.end)
        .with_context(what)?;
    span.fragments = extent.fragments;
    span.note = spec.note.clone();
    span.annotator = annotations.annotator.as_str().into();
    span.created = annotations.created.as_str().into();
    let id = span.id;
    Edit::AddSpan { doc, span }
        .apply(project)
        .with_context(what)?;
    let defined = project
        .label(&spec.label)
        .map(|l| l.attributes.clone())
        .unwrap_or_default();
    for (name, value) in &spec.attributes {
        if !defined.iter().any(|a| a.name == *name) {
            bail!("{}: label {} has no attribute {name}", what(), spec.label);
        }
        Edit::SetSpanAttribute {
            doc,
            span: id,
            name: name.clone(),
            old: String::new(),
            new: value.clone(),
        }
        .apply(project)
        .with_context(what)?;
    }
    Ok(id)
}

/// Sets the document's metadata, status and memo, then adds its spans (in the order
/// given) and its relations.
fn annotate(
    project: &mut Project,
    doc: DocId,
    article: &AnnotatedArticle,
    annotations: &Annotations,
) -> anyhow::Result<()> {
    set_metadata(project, doc, article)?;
    let mut keys: BTreeMap<&str, SpanId> = BTreeMap::new();
    for spec in &article.spans {
        let id = add_span(project, doc, spec, annotations)?;
        if !spec.key.is_empty() && keys.insert(&spec.key, id).is_some() {
            bail!("span key {:?} is used twice", spec.key);
        }
    }
    for r in &article.relations {
        let span = |key: &str| {
            keys.get(key)
                .copied()
                .with_context(|| format!("no span has the key {key:?}"))
        };
        let relation = Relation {
            id: project.next_relation_id(),
            kind: r.kind.as_str().into(),
            from: span(&r.from)?,
            to: span(&r.to)?,
            note: r.note.clone(),
        };
        Edit::AddRelation { doc, relation }
            .apply(project)
            .with_context(|| format!("relation {} {} → {}", r.kind, r.from, r.to))?;
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = build(root)?;
    let path = root.join(PROJECT_PATH);
    lectern::store::save(&project, &path)?;
    let spans: usize = project.documents.iter().map(|d| d.spans.len()).sum();
    let relations: usize = project.documents.iter().map(|d| d.relations.len()).sum();
    println!(
        "wrote {} ({} documents, {spans} spans, {relations} relations)",
        path.display(),
        project.documents.len()
    );
    Ok(())
}
