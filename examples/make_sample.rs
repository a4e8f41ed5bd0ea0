//! Builds the sample project `projects/harbour-bridge.ron` from the three articles and
//! their annotations in `projects/sample-articles/`, so the sample shipped with Lectern is
//! reproducible rather than hand-edited.
//!
//! Run with `cargo run --example make_sample`. `tests/sample_project.rs` includes this file
//! and rebuilds the project in memory, so the committed file and its sources cannot drift.

use anyhow::{Context, bail};
use lectern::formats::article::read_articles;
use lectern::model::{DocId, Edit, MetaField, Project};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Where the sample project is written, relative to the repository root.
pub const PROJECT_PATH: &str = "projects/harbour-bridge.ron";

/// The sample articles and `annotations.ron`, relative to the repository root.
pub const ARTICLES_DIR: &str = "projects/sample-articles";

/// `annotations.ron`: the articles, their metadata and their spans.
#[derive(Deserialize)]
struct Annotations {
    articles: Vec<AnnotatedArticle>,
}

#[derive(Deserialize)]
struct AnnotatedArticle {
    file: String,
    outlet: String,
    date: String,
    url: String,
    author: String,
    spans: Vec<SpanSpec>,
}

/// A span given by its exact text and which occurrence of it (1-based) is meant.
#[derive(Deserialize)]
struct SpanSpec {
    label: String,
    text: String,
    occurrence: usize,
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
    let paths: Vec<PathBuf> = annotations
        .articles
        .iter()
        .map(|a| dir.join(&a.file))
        .collect();
    let batch = read_articles(&project, &paths);
    if !batch.skipped.is_empty() {
        bail!(
            "cannot read the sample articles: {}",
            batch.skipped.join("; ")
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
        annotate(&mut project, doc, article)
            .with_context(|| format!("cannot annotate {}", article.file))?;
    }
    project.last_viewed = None;
    Ok(project)
}

/// Sets the document's metadata and adds its spans, in the order given.
fn annotate(project: &mut Project, doc: DocId, article: &AnnotatedArticle) -> anyhow::Result<()> {
    let fields = [
        (MetaField::Outlet, &article.outlet),
        (MetaField::Date, &article.date),
        (MetaField::Url, &article.url),
        (MetaField::Author, &article.author),
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
    for spec in &article.spans {
        let what = || format!("span {:?} (occurrence {})", spec.text, spec.occurrence);
        let at = project
            .document(doc)
            .and_then(|d| d.text.find(&spec.text, spec.occurrence))
            .with_context(|| format!("{} is not in the text", what()))?;
        let mut span = project
            .make_span(doc, &spec.label, at.start, at.end)
            .with_context(what)?;
        span.note = spec.note.clone();
        Edit::AddSpan { doc, span }
            .apply(project)
            .with_context(what)?;
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = build(root)?;
    let path = root.join(PROJECT_PATH);
    lectern::store::save(&project, &path)?;
    let spans: usize = project.documents.iter().map(|d| d.spans.len()).sum();
    println!(
        "wrote {} ({} documents, {spans} spans)",
        path.display(),
        project.documents.len()
    );
    Ok(())
}
