//! The Quote tracker's engine: groups the quote spans of the compared documents into
//! statements — the same words by the same speaker — and says how each document renders
//! each statement (whole, cut, paraphrase, or not at all), relative to its fullest version.
//!
//! Pure: quote spans in, statements out, no egui and no files, so the window, `lectern
//! align` and the benchmark show the same grouping. The method follows text-reuse
//! research (passim, TextPAIR): candidate pairs from shared word trigrams, confirmed by
//! local alignment of normalised words (`local.rs`), cuts found through "…" (as QUOTUS
//! splits quotes); reported speech joins by content-word similarity (`paraphrase.rs`).
//! Statements a coder confirmed or corrected (`Project::statements`) are kept as they are;
//! quotes in none of them are grouped afresh and may be proposed for them.

mod cluster;
pub mod correct;
mod local;
pub mod marks;
mod paraphrase;
mod prepared;
mod quotes;
pub mod report;
mod sets;
mod spelling;
mod statements;
mod tokens;
mod verbatim;
mod words;

pub use paraphrase::SIMILARITY as PARAPHRASE_SIMILARITY;
pub use quotes::speaker_key;

use crate::analysis::GroupBy;
use crate::model::{DocId, Project, SpanId, StatementId, VersionKind};

/// What is compared.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Options {
    /// The label of the spans to group (`quote` in the default codebook).
    pub label: String,
    /// Compare only documents with the same value of this field (a custom field such as
    /// `story`); `None` compares the whole project.
    pub by: Option<GroupBy>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            label: crate::analysis::QUOTE.to_owned(),
            by: None,
        }
    }
}

/// One document's version of a statement.
#[derive(Clone, Debug, PartialEq)]
pub struct AlignedVersion {
    /// The document.
    pub doc: DocId,
    /// The quote span.
    pub span: SpanId,
    /// The span's first code point.
    pub start: usize,
    /// One past its last.
    pub end: usize,
    /// The labelled text (fragments joined by a space).
    pub text: String,
    /// Who said it, as coded on this version.
    pub speaker: Option<String>,
    /// The reporting verb (the `cue` of the quote or of its attribution).
    pub cue: Option<String>,
    /// The text of the attribution introducing it.
    pub attribution: Option<String>,
    /// Its kind: the coder's where set, else the comparison's.
    pub kind: VersionKind,
    /// The kind the comparison found.
    pub found_kind: VersionKind,
    /// Whether a coder set the kind.
    pub kind_by_coder: bool,
    /// Whole and cut: the share of the fullest version's words it prints, in order.
    /// Paraphrase: the similarity of its content words to the fullest version's. 0–1.
    pub similarity: f64,
    /// Pinned to a saved statement (confirmed), not only proposed.
    pub confirmed: bool,
    /// Printed in quotation marks.
    pub direct: bool,
}

/// A statement and its versions.
#[derive(Clone, Debug, PartialEq)]
pub struct AlignedStatement {
    /// Saved statements keep their ids; new ones are numbered after every saved one.
    pub id: StatementId,
    /// A coder confirmed or corrected it (it is in `Project::statements`).
    pub saved: bool,
    /// The speaker most versions name; empty when none does.
    pub speaker: String,
    /// The versions: documents in project order, spans in reading order.
    pub versions: Vec<AlignedVersion>,
    /// Index in `versions` of the fullest version, which the others are compared with.
    pub fullest: usize,
    /// The groups of documents its versions are in (see [`Alignment::groups`]); the
    /// statement is compared across their documents.
    pub groups: Vec<u32>,
}

impl AlignedStatement {
    /// The fullest version.
    pub fn fullest(&self) -> &AlignedVersion {
        &self.versions[self.fullest]
    }

    /// The version that is span `span`.
    pub fn version(&self, span: SpanId) -> Option<&AlignedVersion> {
        self.versions.iter().find(|v| v.span == span)
    }

    /// Whether any version is only proposed (not yet confirmed in a saved statement).
    pub fn has_proposals(&self) -> bool {
        self.versions.iter().any(|v| !v.confirmed)
    }
}

/// The statements of the compared documents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    /// What was compared.
    pub options: Options,
    /// Saved statements first (by id), then new ones in reading order.
    pub statements: Vec<AlignedStatement>,
    /// The documents of each group compared, in project order.
    pub groups: Vec<Vec<DocId>>,
    /// The value of the grouping field for each group ("" for the whole project).
    pub group_names: Vec<String>,
    /// Every document, in project order.
    pub documents: Vec<DocId>,
    /// How many quote spans were compared.
    pub quotes: usize,
}

impl Alignment {
    /// The statement with this id.
    pub fn statement(&self, id: StatementId) -> Option<&AlignedStatement> {
        self.statements.iter().find(|s| s.id == id)
    }

    /// The statement span `span` is a version of.
    pub fn statement_of(&self, span: SpanId) -> Option<&AlignedStatement> {
        self.statements
            .iter()
            .find(|s| s.versions.iter().any(|v| v.span == span))
    }

    /// The compared documents without a version of `statement`, in project order.
    pub fn absent(&self, statement: &AlignedStatement) -> Vec<DocId> {
        let present: std::collections::HashSet<DocId> =
            statement.versions.iter().map(|v| v.doc).collect();
        let mut groups = statement.groups.clone();
        groups.sort_unstable();
        let docs = groups
            .iter()
            .filter_map(|&g| self.groups.get(g as usize))
            .flatten()
            .filter(|d| !present.contains(d))
            .copied();
        if groups.len() < 2 {
            return docs.collect();
        }
        // Documents of several groups (a saved statement across them): in project order.
        let wanted: std::collections::HashSet<DocId> = docs.collect();
        self.documents
            .iter()
            .filter(|d| wanted.contains(d))
            .copied()
            .collect()
    }

    /// An id no statement shown uses.
    pub fn next_id(&self, project: &Project) -> StatementId {
        let shown = self
            .statements
            .iter()
            .map(|s| s.id.0 + 1)
            .max()
            .unwrap_or(1);
        StatementId(shown.max(project.next_statement_id().0))
    }
}

/// What the grouping needs from a project, read on the caller's thread; [`Input::run`]
/// then does the work, on any thread.
#[derive(Clone, Debug)]
pub struct Input {
    options: Options,
    corpus: quotes::Corpus,
}

impl Input {
    /// Reads the quotes `options` selects from `project`.
    pub fn read(project: &Project, options: &Options) -> Self {
        Input {
            options: options.clone(),
            corpus: quotes::read(project, options),
        }
    }

    /// How many quotes will be compared.
    pub fn quotes(&self) -> usize {
        self.corpus.quotes.len()
    }

    /// Groups the quotes into statements.
    pub fn run(self) -> Alignment {
        let count = self.corpus.quotes.len();
        let prepared = prepared::Prepared::new(self.corpus);
        let mut sets = sets::Sets::new(&prepared);
        cluster::join_verbatim(&prepared, &mut sets);
        paraphrase::join_paraphrases(&prepared, &mut sets);
        Alignment {
            options: self.options,
            statements: statements::assemble(&prepared, &mut sets),
            groups: prepared.corpus.groups.clone(),
            group_names: prepared.corpus.group_names.clone(),
            documents: prepared.corpus.documents.clone(),
            quotes: count,
        }
    }
}

/// Groups the quotes of `project` that `options` selects into statements.
pub fn align(project: &Project, options: &Options) -> Alignment {
    Input::read(project, options).run()
}

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod spelling_tests;
#[cfg(test)]
mod tests;
