//! A document: one article's text, where it came from, and its spans.

use super::{DocId, DocText, Relation, RelationId, Span, SpanId};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Bibliographic fields a researcher groups and filters articles by.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Publishing outlet ("The Guardian").
    #[serde(default)]
    pub outlet: String,
    /// Publication date, as the researcher writes it (ISO `YYYY-MM-DD` recommended).
    #[serde(default)]
    pub date: String,
    /// Where the article was published.
    #[serde(default)]
    pub url: String,
    /// Byline.
    #[serde(default)]
    pub author: String,
    /// The project's own metadata fields (see `Project::custom_fields`), by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub custom: BTreeMap<String, String>,
}

/// How far coding of a document has got.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum DocStatus {
    /// Nobody has coded it yet.
    #[default]
    NotStarted,
    /// Coding has begun.
    InProgress,
    /// Coding is complete.
    Done,
}

impl DocStatus {
    /// Every status, in workflow order.
    pub const ALL: [DocStatus; 3] = [
        DocStatus::NotStarted,
        DocStatus::InProgress,
        DocStatus::Done,
    ];

    /// Text shown to the user and written to exports.
    pub fn name(self) -> &'static str {
        match self {
            DocStatus::NotStarted => "not started",
            DocStatus::InProgress => "in progress",
            DocStatus::Done => "done",
        }
    }
}

/// Which way a document's paragraphs run on screen. Offsets and exports do not depend
/// on it: it only says how the view lays the stored text out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TextDirection {
    /// Each paragraph from its first letter with a direction (as a browser's `dir=auto`):
    /// Arabic and Hebrew paragraphs right to left, English ones left to right.
    #[default]
    Auto,
    /// Every paragraph left to right.
    LeftToRight,
    /// Every paragraph right to left.
    RightToLeft,
}

impl TextDirection {
    /// Every choice, in the order the Article panel offers them.
    pub const ALL: [TextDirection; 3] = [
        TextDirection::Auto,
        TextDirection::LeftToRight,
        TextDirection::RightToLeft,
    ];

    /// Whether this is the default (then the project file leaves the field out).
    pub fn is_auto(&self) -> bool {
        *self == TextDirection::Auto
    }

    /// Text shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            TextDirection::Auto => "automatic",
            TextDirection::LeftToRight => "left to right",
            TextDirection::RightToLeft => "right to left",
        }
    }
}

/// One editable metadata field, so a single edit type covers all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MetaField {
    /// The document's title.
    Title,
    /// [`Metadata::outlet`].
    Outlet,
    /// [`Metadata::date`].
    Date,
    /// [`Metadata::url`].
    Url,
    /// [`Metadata::author`].
    Author,
    /// [`Document::memo`].
    Memo,
}

impl MetaField {
    /// Every metadata field, in display order (the memo is edited on its own).
    pub const ALL: [MetaField; 5] = [
        MetaField::Title,
        MetaField::Outlet,
        MetaField::Date,
        MetaField::Url,
        MetaField::Author,
    ];

    /// Name shown to the user and used as a column name in exports.
    pub fn name(self) -> &'static str {
        match self {
            MetaField::Title => "title",
            MetaField::Outlet => "outlet",
            MetaField::Date => "date",
            MetaField::Url => "url",
            MetaField::Author => "author",
            MetaField::Memo => "memo",
        }
    }
}

/// One article in a project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Unique within the project.
    pub id: DocId,
    /// Shown in the document list and exports.
    pub title: String,
    /// The file the text was read from, empty when unknown. Informational only: the
    /// text below is the reference, so the project never depends on this file.
    #[serde(default)]
    pub source_path: String,
    /// How the source file was decoded ("UTF-8", "windows-1252", …).
    #[serde(default)]
    pub encoding: String,
    /// `sha256:` + hex digest of `text` in UTF-8; identifies the same article across projects.
    pub content_hash: String,
    /// Outlet, date, URL, author.
    #[serde(default)]
    pub metadata: Metadata,
    /// Coding progress.
    #[serde(default)]
    pub status: DocStatus,
    /// The researcher's memo on the whole document.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
    /// Which way its paragraphs run on screen (automatic unless the researcher chose).
    #[serde(default, skip_serializing_if = "TextDirection::is_auto")]
    pub direction: TextDirection,
    /// Spans in reading order (by start, end, id).
    #[serde(default)]
    pub spans: Vec<Span>,
    /// Links between spans of this document, in creation order (by id).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// Quotes the coder rejected from the quote assistant, so it does not propose them
    /// again for this document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejected>,
    /// The article text that all offsets refer to.
    pub text: DocText,
}

/// A proposal the coder rejected: its label and code point pieces as the assistant
/// proposed them (before any fix), and the rule that proposed it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    /// The proposed label.
    pub label: String,
    /// The proposed pieces, code points, end exclusive.
    pub pieces: Vec<(usize, usize)>,
    /// The assistant's rule that proposed it (`reported-speech`…), so the list of rejected
    /// proposals says why it was proposed; empty in files written before it was kept.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rule: String,
}

impl Document {
    /// A document with no spans; computes the content hash.
    pub fn new(id: DocId, title: impl Into<String>, text: impl Into<String>) -> Self {
        let text = DocText::new(text.into());
        Self {
            id,
            title: title.into(),
            source_path: String::new(),
            encoding: String::new(),
            content_hash: content_hash(text.as_str()),
            metadata: Metadata::default(),
            status: DocStatus::default(),
            memo: String::new(),
            direction: TextDirection::Auto,
            spans: Vec::new(),
            relations: Vec::new(),
            rejected: Vec::new(),
            text,
        }
    }

    /// The span with this id.
    pub fn span(&self, id: SpanId) -> Option<&Span> {
        self.spans.iter().find(|s| s.id == id)
    }

    /// The relation with this id.
    pub fn relation(&self, id: RelationId) -> Option<&Relation> {
        self.relations.iter().find(|r| r.id == id)
    }

    /// Relations starting or ending at span `id`.
    pub fn relations_of(&self, id: SpanId) -> impl Iterator<Item = &Relation> {
        self.relations
            .iter()
            .filter(move |r| r.from == id || r.to == id)
    }

    /// Current value of a metadata field.
    pub fn field(&self, field: MetaField) -> &str {
        match field {
            MetaField::Title => &self.title,
            MetaField::Outlet => &self.metadata.outlet,
            MetaField::Date => &self.metadata.date,
            MetaField::Url => &self.metadata.url,
            MetaField::Author => &self.metadata.author,
            MetaField::Memo => &self.memo,
        }
    }

    pub(crate) fn field_mut(&mut self, field: MetaField) -> &mut String {
        match field {
            MetaField::Title => &mut self.title,
            MetaField::Outlet => &mut self.metadata.outlet,
            MetaField::Date => &mut self.metadata.date,
            MetaField::Url => &mut self.metadata.url,
            MetaField::Author => &mut self.metadata.author,
            MetaField::Memo => &mut self.memo,
        }
    }

    /// Index at which a span with this order key belongs.
    pub(crate) fn insertion_index(&self, span: &Span) -> usize {
        let key = span.order_key();
        self.spans.partition_point(|s| s.order_key() < key)
    }

    /// Spans containing code point `c`, innermost (shortest) first.
    pub fn spans_at(&self, c: usize) -> Vec<&Span> {
        let mut hits: Vec<&Span> = self
            .spans
            .iter()
            .take_while(|s| s.start <= c)
            .filter(|s| s.contains(c))
            .collect();
        hits.sort_by_key(|s| (s.len_chars(), s.id));
        hits
    }
}

/// The content hash stored with each document.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_is_sha256_of_utf8() {
        assert_eq!(
            content_hash("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_rejected_proposal_without_its_rule_reads_and_writes_as_before() {
        let old = r#"(label:"quote",pieces:[(3,9)])"#;
        let read: Rejected = ron::from_str(old).expect("an older file's entry reads");
        assert_eq!(read.rule, "");
        assert_eq!(ron::to_string(&read).expect("write"), old);
        let with_rule = Rejected {
            rule: "according-to".to_owned(),
            ..read
        };
        let written = ron::to_string(&with_rule).expect("write");
        assert!(written.contains(r#"rule:"according-to""#), "{written}");
        assert_eq!(
            ron::from_str::<Rejected>(&written).expect("read"),
            with_rule
        );
    }
}
