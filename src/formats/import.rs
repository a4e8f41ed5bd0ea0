//! Annotation imports, shared by every format: what a reader found, and the edits that
//! add it to a project as one undoable step.
//!
//! A reader (brat, doccano, Label Studio, REFI-QDA) returns [`Imported`]: whole documents
//! with their spans and relations, numbered locally, plus every line or item it could not
//! represent, named by file and line. [`Imported::into_edits`] renumbers everything to ids
//! the project does not use, adds missing labels and relation types to the codebook, and
//! gives the edits; the project is changed only by applying them.

use super::warning::{Warning, kind};
use super::{brat, doccano, labelstudio, qdpx};
use crate::fsutil::{CappedError, read_capped};
use crate::model::{
    AttributeDef, AttributeKind, DocId, Document, Edit, Label, Project, RelationId, RelationType,
    SpanId,
};
use crate::progress::{Cancelled, Progress};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Annotation formats Lectern reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    /// brat standoff: a folder, or `.txt`/`.ann` pairs; see [`brat`].
    Brat,
    /// doccano JSONL (relation or sequence-labelling form); see [`doccano`].
    Doccano,
    /// Label Studio JSON tasks; see [`labelstudio`].
    LabelStudio,
    /// REFI-QDA project (`.qdpx`); see [`qdpx`].
    Qdpx,
}

impl ImportFormat {
    /// Every format, in menu order.
    pub const ALL: [ImportFormat; 4] = [
        ImportFormat::Brat,
        ImportFormat::Doccano,
        ImportFormat::LabelStudio,
        ImportFormat::Qdpx,
    ];

    /// Short name, as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Brat => "brat",
            ImportFormat::Doccano => "doccano",
            ImportFormat::LabelStudio => "labelstudio",
            ImportFormat::Qdpx => "qdpx",
        }
    }

    /// Menu text.
    pub fn menu_text(self) -> &'static str {
        match self {
            ImportFormat::Brat => "brat standoff folder…",
            ImportFormat::Doccano => "doccano JSONL…",
            ImportFormat::LabelStudio => "Label Studio JSON…",
            ImportFormat::Qdpx => "REFI-QDA project (.qdpx)…",
        }
    }

    /// Tooltip: what the format is and who writes it.
    pub fn description(self) -> &'static str {
        match self {
            ImportFormat::Brat => "A brat folder, or .txt and .ann pairs, from brat and NLP tools",
            ImportFormat::Doccano => {
                "doccano JSONL, relation-extraction or sequence-labelling form"
            }
            ImportFormat::LabelStudio => "Label Studio JSON tasks with label and relation results",
            ImportFormat::Qdpx => {
                "A REFI-QDA project from MAXQDA, NVivo, ATLAS.ti or QualCoder, with its codes"
            }
        }
    }

    /// Extensions of the files the format reads (a brat folder is also accepted).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            ImportFormat::Brat => &["ann", "txt"],
            ImportFormat::Doccano => &["jsonl", "json"],
            ImportFormat::LabelStudio => &["json"],
            ImportFormat::Qdpx => &["qdpx"],
        }
    }

    /// The format with this [`name`](Self::name), ignoring ASCII case.
    pub fn from_name(name: &str) -> Option<ImportFormat> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// Reads `paths` in this format.
    pub fn read(self, paths: &[PathBuf]) -> Result<Imported, ImportError> {
        self.read_with(paths, &Progress::new())
    }

    /// Reads `paths` in this format, counting files (brat: documents) in `progress` and
    /// stopping between them once it is cancelled.
    pub fn read_with(
        self,
        paths: &[PathBuf],
        progress: &Progress,
    ) -> Result<Imported, ImportError> {
        match self {
            ImportFormat::Brat => brat::read(paths, progress),
            ImportFormat::Doccano => doccano::read(paths, progress),
            ImportFormat::LabelStudio => labelstudio::read(paths, progress),
            ImportFormat::Qdpx => qdpx::read(paths, progress),
        }
    }
}

/// Why an import stopped. Nothing was changed.
#[derive(Debug, Error)]
pub enum ImportError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A file is not in the format.
    #[error("{}:{line}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line (0 when the place is not a line).
        line: usize,
        /// What is wrong, lower-case.
        message: String,
    },
    /// A file is bigger than Lectern imports.
    #[error("{} {size} Lectern imports from one file; it is not read", path.display())]
    TooBig {
        /// The file.
        path: PathBuf,
        /// Its size and the limit.
        size: crate::fsutil::TooBig,
    },
    /// Nothing to import was found.
    #[error("no {what} found in {}", path.display())]
    Nothing {
        /// What was looked for.
        what: &'static str,
        /// Where.
        path: PathBuf,
    },
    /// The user cancelled; nothing was imported.
    #[error("the import was cancelled; nothing was imported")]
    Cancelled,
}

impl From<Cancelled> for ImportError {
    fn from(_: Cancelled) -> Self {
        ImportError::Cancelled
    }
}

impl ImportError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        ImportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A format error at `path:line`.
    pub fn syntax(path: &Path, line: usize, message: impl Into<String>) -> Self {
        ImportError::Syntax {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

/// What a reader found: documents with spans and relations (ids local to the import), and
/// what it could not keep.
#[derive(Clone, Debug, Default)]
pub struct Imported {
    /// The documents, with spans and relations.
    pub documents: Vec<Document>,
    /// Label colours the file gave (`#rrggbb`), by label name.
    pub colors: BTreeMap<String, String>,
    /// One warning per line or item not represented, naming file and line.
    pub warnings: Vec<Warning>,
}

/// The edits of an import, and a summary for the user.
#[derive(Clone, Debug, Default)]
pub struct ImportPlan {
    /// Apply in order, as one step.
    pub edits: Vec<Edit>,
    /// Documents added.
    pub documents: usize,
    /// Spans added.
    pub spans: usize,
    /// Relations added.
    pub relations: usize,
    /// What could not be kept, and documents skipped.
    pub warnings: Vec<Warning>,
}

/// Colours for labels a file brings without one (Okabe–Ito, then greys).
const PALETTE: [&str; 8] = [
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999",
];

impl Imported {
    /// The edits that add everything to `project`: new labels (with the attribute fields
    /// the spans use) and relation types first, then one `AddDocument` per document, with
    /// fresh document, span and relation ids. Documents whose text is already in the
    /// project are skipped with a warning.
    pub fn into_edits(self, project: &Project) -> ImportPlan {
        let mut plan = ImportPlan {
            warnings: self.warnings,
            ..ImportPlan::default()
        };
        let mut labels = project.labels.clone();
        let mut types = project.relation_types.clone();
        let mut next_doc = project.next_doc_id().0;
        let mut next_span = project.next_span_id().0;
        let mut next_rel = project.next_relation_id().0;
        let mut hashes: HashMap<String, String> = project
            .documents
            .iter()
            .map(|d| (d.content_hash.clone(), d.title.clone()))
            .collect();
        let mut docs = Vec::new();
        for mut doc in self.documents {
            if let Some(title) = hashes.get(&doc.content_hash) {
                plan.warnings.push(Warning::new(
                    kind::DUPLICATE_DOCUMENT,
                    format!(
                        "\"{}\" skipped: its text is already in the project as \"{title}\"",
                        doc.title
                    ),
                ));
                continue;
            }
            hashes.insert(doc.content_hash.clone(), doc.title.clone());
            doc.id = DocId(next_doc);
            next_doc += 1;
            let mut span_ids = HashMap::new();
            for s in &mut doc.spans {
                span_ids.insert(s.id, SpanId(next_span));
                s.id = SpanId(next_span);
                next_span += 1;
                add_label(&mut labels, &s.label, &self.colors);
                add_attributes(&mut labels, &s.label, s.attributes.iter());
            }
            doc.spans.sort_by_key(|s| s.order_key());
            for r in &mut doc.relations {
                r.id = RelationId(next_rel);
                next_rel += 1;
                r.from = span_ids.get(&r.from).copied().unwrap_or(r.from);
                r.to = span_ids.get(&r.to).copied().unwrap_or(r.to);
                if !types.iter().any(|t| t.name == r.kind) {
                    types.push(RelationType {
                        name: r.kind.to_string(),
                        from: Vec::new(),
                        to: Vec::new(),
                        description: String::new(),
                    });
                }
            }
            plan.spans += doc.spans.len();
            plan.relations += doc.relations.len();
            docs.push(doc);
        }
        if labels != project.labels {
            plan.edits.push(Edit::SetLabels {
                old: project.labels.clone(),
                new: labels,
            });
        }
        let mut fields = project.custom_fields.clone();
        for d in &docs {
            for name in d.metadata.custom.keys() {
                if !fields.contains(name) {
                    fields.push(name.clone());
                }
            }
        }
        if fields != project.custom_fields {
            plan.edits.push(Edit::SetCustomFields {
                old: project.custom_fields.clone(),
                new: fields,
            });
        }
        if types != project.relation_types {
            plan.edits.push(Edit::SetRelationTypes {
                old: project.relation_types.clone(),
                new: types,
            });
        }
        plan.documents = docs.len();
        for (i, doc) in docs.into_iter().enumerate() {
            plan.edits.push(Edit::AddDocument {
                index: project.documents.len() + i,
                document: Box::new(doc),
            });
        }
        plan
    }
}

fn add_label(labels: &mut Vec<Label>, name: &str, colors: &BTreeMap<String, String>) {
    if labels.iter().any(|l| l.name == name) {
        return;
    }
    let color = colors
        .get(name)
        .cloned()
        .unwrap_or_else(|| PALETTE[labels.len() % PALETTE.len()].to_owned());
    labels.push(Label {
        name: name.to_owned(),
        color,
        hotkey: String::new(),
        description: String::new(),
        attributes: Vec::new(),
    });
}

fn add_attributes<'a>(
    labels: &mut [Label],
    label: &str,
    attrs: impl Iterator<Item = (&'a String, &'a String)>,
) {
    let Some(l) = labels.iter_mut().find(|l| l.name == label) else {
        return;
    };
    for (name, value) in attrs {
        match l.attributes.iter_mut().find(|a| a.name == *name) {
            Some(def) => {
                if !def.accepts(value) {
                    def.kind = AttributeKind::Text;
                }
            }
            None => l.attributes.push(AttributeDef {
                name: name.clone(),
                kind: if value == "yes" {
                    AttributeKind::YesNo
                } else {
                    AttributeKind::Text
                },
            }),
        }
    }
}

/// Files to read from `paths`: each file as given, and a folder's files (not recursive)
/// whose extension is one of `extensions`, sorted by name.
pub fn expand(paths: &[PathBuf], extensions: &[&str]) -> Result<Vec<PathBuf>, ImportError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: BTreeSet<PathBuf> = BTreeSet::new();
            for entry in std::fs::read_dir(p).map_err(|e| ImportError::io(p, e))? {
                let path = entry.map_err(|e| ImportError::io(p, e))?.path();
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase)
                    .unwrap_or_default();
                if path.is_file() && extensions.contains(&ext.as_str()) {
                    found.insert(path);
                }
            }
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Largest file Lectern imports, and the most an imported archive may unpack to: the
/// same as the largest project, which the import becomes part of.
pub const MAX_IMPORT_BYTES: u64 = 1_000_000_000;

/// Reads a UTF-8 file (a byte order mark is dropped) of at most [`MAX_IMPORT_BYTES`].
pub fn read_utf8(path: &Path) -> Result<String, ImportError> {
    let bytes = read_capped(path, MAX_IMPORT_BYTES).map_err(|e| match e {
        CappedError::Io(e) => ImportError::io(path, e),
        CappedError::TooBig(size) => ImportError::TooBig {
            path: path.to_path_buf(),
            size,
        },
    })?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        ImportError::syntax(
            path,
            0,
            format!(
                "not UTF-8 (invalid byte at offset {}); consider re-saving it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Text with CRLF and lone CR turned into LF, and a map from each code point offset in
/// the original (0..=len) to the offset in the result: a CR of a CRLF pair maps to
/// where its LF lands, so a range ending before or after the CR ends at the line break.
pub fn normalise_newlines(raw: &str) -> (String, Vec<usize>) {
    let chars: Vec<char> = raw.chars().collect();
    let mut text = String::with_capacity(raw.len());
    let mut map = Vec::with_capacity(chars.len() + 1);
    let mut n = 0;
    for (i, &c) in chars.iter().enumerate() {
        map.push(n);
        if c == '\r' {
            if chars.get(i + 1) == Some(&'\n') {
                continue;
            }
            text.push('\n');
        } else {
            text.push(c);
        }
        n += 1;
    }
    map.push(n);
    (text, map)
}

/// A new document (local id 1) from a title and raw text: line ends normalised to `\n`,
/// with the map from raw code point offsets to the stored ones (see
/// [`normalise_newlines`]). An empty title becomes the first line of the text.
pub fn document_from(title: &str, raw: &str, source: &str) -> (Document, Vec<usize>) {
    let (text, map) = normalise_newlines(raw);
    let title = if title.trim().is_empty() {
        let first = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("Untitled");
        first.trim().chars().take(80).collect()
    } else {
        title.to_owned()
    };
    let mut doc = Document::new(DocId(1), title, text);
    doc.source_path = source.to_owned();
    doc.encoding = if raw.contains('\r') {
        "UTF-8, CRLF".to_owned()
    } else {
        "UTF-8".to_owned()
    };
    (doc, map)
}

/// Adds a span of `pieces` (raw offsets, mapped through `map`) to `doc`, with local id
/// `id`. `None` when a piece is empty or outside the text.
pub fn push_span(
    doc: &mut Document,
    map: &[usize],
    id: u32,
    label: &str,
    pieces: &[(usize, usize)],
) -> Option<SpanId> {
    let mapped: Option<Vec<(usize, usize)>> = pieces
        .iter()
        .map(|&(s, e)| Some((*map.get(s)?, *map.get(e)?)))
        .collect();
    let extent = crate::model::Extent::from_pieces(&doc.text, &mapped?)?;
    let mut span = crate::model::Span {
        id: SpanId(id),
        label: label.into(),
        ..Default::default()
    };
    span.set_extent(&extent);
    doc.spans.push(span);
    Some(SpanId(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_offsets_map_to_the_normalised_text() {
        // TEST-VECTORS 1: raw "He" = 18-20, "her" = 29-32.
        let (text, map) = normalise_newlines("John loves Mary.\r\nHe married her.");
        assert_eq!(text, "John loves Mary.\nHe married her.");
        let t = crate::model::DocText::from(text.as_str());
        assert_eq!(t.slice(map[18]..map[20]), Some("He"));
        assert_eq!(t.slice(map[29]..map[32]), Some("her"));
        assert_eq!(map[16], map[17], "the CR and the LF are one line break");
        let (text, map) = normalise_newlines("a\rb");
        assert_eq!((text.as_str(), map), ("a\nb", vec![0, 1, 2, 3]));
    }

    #[test]
    fn names_round_trip() {
        for f in ImportFormat::ALL {
            assert_eq!(ImportFormat::from_name(f.name()), Some(f));
        }
    }
}
