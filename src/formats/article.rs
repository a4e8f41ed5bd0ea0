//! Article files (`.txt`, `.md`, `.html`, `.docx`, `.pdf`) read into document text.
//!
//! Plain text and Markdown are read as they are; a saved web page gives its article text
//! and meta tags ([`super::html`]), a Word document its paragraphs ([`super::docx`]), a
//! PDF its text layer ([`super::pdf`]).
//!
//! Researchers collect articles from many places, so the bytes may be UTF-8 with or
//! without a byte order mark, UTF-16, or a legacy code page; lines may end in CRLF.
//! Everything is decoded to UTF-8 and line ends are normalised to `\n` *before* any offset
//! exists, so offsets always refer to the text stored in the project (documented in
//! `docs/project-format.md`). Binary files are refused by name, never imported as noise.

use super::article_table::read_table_articles;
use super::field_map::ColumnChoices;
use super::table::is_table_path;
use super::warning::{Warning, kind};
use crate::fsutil::{CappedError, read_capped};
use crate::model::{DocId, Document, Edit, Metadata, Project, content_hash};
use crate::progress::{Cancelled, Progress, Unit};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Extensions read as articles.
pub const ARTICLE_EXTENSIONS: [&str; 7] = ["txt", "md", "markdown", "html", "htm", "docx", "pdf"];

/// Why a file could not be read as an article. Nothing was changed.
#[derive(Debug, Error)]
pub enum ArticleError {
    /// The file could not be read.
    #[error("cannot read article {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is not text.
    #[error("{} is not a text file ({reason}); Lectern reads .txt and .md articles", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        reason: String,
    },
    /// The file has no text.
    #[error("{} is empty", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A Word or PDF file could not be read.
    #[error("cannot read article {}: {reason}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A PDF without a text layer (scanned pages).
    #[error("{} has no text layer (scanned pages?); Lectern does no OCR, consider running OCR first (e.g. ocrmypdf) or adding a .txt", path.display())]
    NoTextLayer {
        /// The file.
        path: PathBuf,
    },
    /// The file is bigger than Lectern reads as an article.
    #[error("{} {size} Lectern reads as an article; consider splitting it", path.display())]
    TooBig {
        /// The file.
        path: PathBuf,
        /// Its size and the limit.
        size: crate::fsutil::TooBig,
    },
    /// The extension is not one Lectern reads.
    #[error("{} is not an article Lectern can read; supported: .txt, .md, .html, .docx, .pdf, and tables (.csv, .tsv, .xlsx, .ods, .jsonl) with one article a row", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
    /// A table of articles could not be read.
    #[error(transparent)]
    Table(#[from] super::table::TableError),
    /// A table's columns do not say where the text is (the message names the file).
    #[error("{message}")]
    Columns {
        /// What is wrong, with the table's columns.
        message: String,
    },
    /// A row of a table of articles has no text.
    #[error("{}: {place} has no text in column \"{column}\"; not added", path.display())]
    NoText {
        /// The table.
        path: PathBuf,
        /// "row 7" or "line 7".
        place: String,
        /// The text column.
        column: String,
    },
}

/// Largest article file Lectern reads, and the most a Word document may unpack to. A
/// long report as PDF with images is tens of MB; a news article is kilobytes.
pub const MAX_ARTICLE_BYTES: u64 = 200_000_000;

impl ArticleError {
    /// The kind a report groups this error under.
    pub fn kind(&self) -> &'static str {
        match self {
            ArticleError::NoText { .. } => kind::NO_TEXT,
            _ => kind::UNREADABLE,
        }
    }
}

/// An article decoded and ready to become a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Title: the first non-empty line (without Markdown `#`), else the file name.
    pub title: String,
    /// The text, UTF-8 with `\n` line ends and no byte order mark.
    pub text: String,
    /// The encoding the bytes were decoded from, e.g. "UTF-8", "UTF-16LE", "windows-1252".
    pub encoding: String,
    /// Whether the file used CRLF (or CR) line ends, now normalised to LF.
    pub had_crlf: bool,
    /// Outlet, date, URL and author, when the file says (HTML meta tags, Word properties).
    pub metadata: Metadata,
}

impl Article {
    /// The article as a project document with id `id`.
    pub fn into_document(self, id: DocId, source: &Path) -> Document {
        let mut doc = Document::new(id, self.title, self.text);
        doc.source_path = source.display().to_string();
        doc.encoding = self.encoding;
        if self.had_crlf {
            doc.encoding.push_str(", CRLF");
        }
        doc.content_hash = content_hash(doc.text.as_str());
        doc.metadata = self.metadata;
        doc
    }
}

/// Whether Lectern reads files with this path's extension as articles.
pub fn is_article_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads and decodes an article file.
pub fn read_article(path: &Path) -> Result<Article, ArticleError> {
    if !is_article_path(path) {
        return Err(ArticleError::Unsupported {
            path: path.to_path_buf(),
        });
    }
    let bytes = read_capped(path, MAX_ARTICLE_BYTES).map_err(|e| match e {
        CappedError::Io(source) => ArticleError::Io {
            path: path.to_path_buf(),
            source,
        },
        CappedError::TooBig(size) => ArticleError::TooBig {
            path: path.to_path_buf(),
            size,
        },
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => {
            let (raw, encoding) = decode(&bytes, path)?;
            let page = super::html::read(&raw);
            let mut article = from_text(page.text, path, encoding)?;
            if !page.title.is_empty() {
                article.title = page.title;
            }
            article.metadata = page.metadata;
            Ok(article)
        }
        "docx" => {
            let doc = super::docx::read(&bytes).map_err(|reason| ArticleError::Unreadable {
                path: path.to_path_buf(),
                reason,
            })?;
            let mut article = from_text(doc.text, path, "UTF-8 (Word)".to_owned())?;
            if !doc.title.is_empty() {
                article.title = doc.title;
            }
            article.metadata.author = doc.author;
            Ok(article)
        }
        "pdf" => match super::pdf::read(bytes) {
            Ok(text) => from_text(text, path, "PDF text layer".to_owned()),
            Err(super::pdf::PdfProblem::NoTextLayer) => Err(ArticleError::NoTextLayer {
                path: path.to_path_buf(),
            }),
            Err(super::pdf::PdfProblem::Unreadable(reason)) => Err(ArticleError::Unreadable {
                path: path.to_path_buf(),
                reason,
            }),
        },
        _ => decode_article(&bytes, path),
    }
}

/// Decodes article bytes; `path` names the file in messages and gives a fallback title.
pub fn decode_article(bytes: &[u8], path: &Path) -> Result<Article, ArticleError> {
    let (raw, encoding) = decode(bytes, path)?;
    from_text(raw, path, encoding)
}

/// An article from decoded text: line ends normalised, title from the first line.
fn from_text(raw: String, path: &Path, encoding: String) -> Result<Article, ArticleError> {
    let had_crlf = raw.contains('\r');
    let text = if had_crlf {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw
    };
    if text.trim().is_empty() {
        return Err(ArticleError::Empty {
            path: path.to_path_buf(),
        });
    }
    let title = title_of(&text).unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".to_owned())
    });
    Ok(Article {
        title,
        text,
        encoding,
        had_crlf,
        metadata: Metadata::default(),
    })
}

/// Decodes with the byte order mark if there is one, else as UTF-8 if valid, else with the
/// encoding a detector guesses.
fn decode(bytes: &[u8], path: &Path) -> Result<(String, String), ArticleError> {
    decode_text(bytes).map_err(|reason| binary(path, reason))
}

/// Text and the name of its encoding, decoded as [`decode`] says; the error is why the
/// bytes are not text (shared with tables of articles, which come in the same encodings).
pub(crate) fn decode_text(bytes: &[u8]) -> Result<(String, String), String> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("invalid {} after its byte order mark", enc.name()));
        }
        return Ok((text.into_owned(), format!("{} (with BOM)", enc.name())));
    }
    if let Some(reason) = binary_reason(bytes) {
        return Err(reason);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), "UTF-8".to_owned()));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let enc = detector.guess(None, true);
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        return Err(format!("not valid {} either", enc.name()));
    }
    Ok((text.into_owned(), enc.name().to_owned()))
}

fn binary(path: &Path, reason: String) -> ArticleError {
    ArticleError::Binary {
        path: path.to_path_buf(),
        reason,
    }
}

/// NUL bytes or many control characters mean binary data (images, PDFs, archives).
fn binary_reason(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Some(format!("NUL byte at offset {at}"));
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    (controls * 20 > head.len().max(1)).then(|| format!("{controls} control bytes"))
}

/// First non-empty line, without Markdown heading marks, shortened to a sensible length.
pub(crate) fn title_of(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let line = line.trim_start_matches('#').trim();
    if line.is_empty() {
        return None;
    }
    const MAX: usize = 120;
    if line.chars().count() <= MAX {
        Some(line.to_owned())
    } else {
        let cut: String = line.chars().take(MAX).collect();
        Some(format!("{}…", cut.trim_end()))
    }
}

/// Articles read for adding to a project: the edits that add them, and what could not be
/// added (unreadable files, or articles the project already holds).
#[derive(Debug, Default)]
pub struct ArticleBatch {
    /// One `AddDocument` edit per readable, new article, in the order given; first a
    /// `SetCustomFields` when the articles bring custom fields the project lacks.
    pub edits: Vec<Edit>,
    /// One warning per file (or table row) that was skipped, naming it.
    pub skipped: Vec<Warning>,
}

impl ArticleBatch {
    /// The documents the edits add.
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        self.edits.iter().filter_map(|e| match e {
            Edit::AddDocument { document, .. } => Some(document.as_ref()),
            _ => None,
        })
    }
}

/// One file read as an article, not yet part of any project: the document (its id is
/// given when it is added) or why the file could not be read.
pub type ReadArticle = (PathBuf, Result<Document, ArticleError>);

/// Reads `paths` as articles to append to `project`, with fresh document ids. Files that
/// fail are reported in `skipped`; the rest are still added.
pub fn read_articles(project: &Project, paths: &[PathBuf]) -> ArticleBatch {
    read_articles_with(project, paths, &ColumnChoices::default())
}

/// Like [`read_articles`], with the user's choice of columns for tables of articles.
pub fn read_articles_with(
    project: &Project,
    paths: &[PathBuf],
    columns: &ColumnChoices,
) -> ArticleBatch {
    match read_article_files_with(paths, columns, &Progress::new()) {
        Ok(read) => batch_for(project, read),
        Err(Cancelled) => ArticleBatch::default(),
    }
}

/// Reads and decodes article files, one unit of `progress` per file, stopping between
/// files once it is cancelled. Needs no project, so it can run while the window shows one.
pub fn read_article_files(
    paths: &[PathBuf],
    progress: &Progress,
) -> Result<Vec<ReadArticle>, Cancelled> {
    read_article_files_with(paths, &ColumnChoices::default(), progress)
}

/// Like [`read_article_files`]; a table (`.csv`, `.tsv`, `.xlsx`, `.ods`, `.jsonl`) gives
/// one entry per row, its columns read as `columns` says.
pub fn read_article_files_with(
    paths: &[PathBuf],
    columns: &ColumnChoices,
    progress: &Progress,
) -> Result<Vec<ReadArticle>, Cancelled> {
    progress.start_phase("Reading", Unit::Items("files"), paths.len() as u64);
    let mut read = Vec::with_capacity(paths.len());
    for path in paths {
        if is_table_path(path) {
            read.extend(read_table_articles(path, columns));
        } else {
            let doc = read_article(path).map(|a| a.into_document(DocId(0), path));
            read.push((path.clone(), doc));
        }
        progress.advance(1)?;
    }
    Ok(read)
}

/// The edits that append `read` to `project` with fresh document ids, leaving out
/// articles the project (or an earlier file of `read`) already holds. Custom fields the
/// documents bring (table columns) are added to the project's list first.
pub fn batch_for(project: &Project, read: Vec<ReadArticle>) -> ArticleBatch {
    let mut batch = ArticleBatch::default();
    let mut fields = project.custom_fields.clone();
    let mut next_id = project.next_doc_id().0;
    let mut hashes: Vec<(String, String)> = project
        .documents
        .iter()
        .map(|d| (d.content_hash.clone(), d.title.clone()))
        .collect();
    for (path, doc) in read {
        match doc {
            Ok(mut doc) => {
                if let Some((_, title)) = hashes.iter().find(|(h, _)| *h == doc.content_hash) {
                    let source = if doc.source_path.is_empty() {
                        path.display().to_string()
                    } else {
                        doc.source_path.clone()
                    };
                    batch.skipped.push(Warning::new(
                        kind::DUPLICATE_DOCUMENT,
                        format!("{source} is already in the project as \"{title}\""),
                    ));
                    continue;
                }
                hashes.push((doc.content_hash.clone(), doc.title.clone()));
                for name in doc.metadata.custom.keys() {
                    if !fields.contains(name) {
                        fields.push(name.clone());
                    }
                }
                doc.id = DocId(next_id);
                next_id += 1;
                let index = project.documents.len() + batch.edits.len();
                batch.edits.push(Edit::AddDocument {
                    index,
                    document: Box::new(doc),
                });
            }
            Err(e) => batch.skipped.push(Warning::new(e.kind(), e.to_string())),
        }
    }
    if fields != project.custom_fields {
        batch.edits.insert(
            0,
            Edit::SetCustomFields {
                old: project.custom_fields.clone(),
                new: fields,
            },
        );
    }
    batch
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("a.txt")
    }

    #[test]
    fn utf8_with_bom_and_crlf_is_normalised() {
        let bytes = "\u{feff}Headline “quoted”\r\nBody\u{a0}text —\r\n".as_bytes();
        let a = decode_article(bytes, p()).expect("decode");
        assert_eq!(a.text, "Headline “quoted”\nBody\u{a0}text —\n");
        assert_eq!(a.title, "Headline “quoted”");
        assert_eq!(a.encoding, "UTF-8 (with BOM)");
        assert!(a.had_crlf);
    }

    #[test]
    fn plain_utf8_keeps_everything() {
        let a = decode_article("# Ελένη wins\n\nText".as_bytes(), p()).expect("decode");
        assert_eq!(a.title, "Ελένη wins");
        assert_eq!(a.encoding, "UTF-8");
        assert!(!a.had_crlf);
    }

    #[test]
    fn windows_1252_is_detected() {
        // “Café” — with curly quotes — in windows-1252.
        let bytes = b"\x93Caf\xe9 society\x94 said the mayor, and the caf\xe9 owners agreed.\n";
        let a = decode_article(bytes, p()).expect("decode");
        assert_eq!(a.encoding, "windows-1252");
        assert!(a.text.starts_with("“Café society”"), "{}", a.text);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Mayor “Ω”".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let a = decode_article(&bytes, p()).expect("decode");
        assert_eq!(a.text, "Mayor “Ω”");
        assert_eq!(a.encoding, "UTF-16LE (with BOM)");
    }

    #[test]
    fn binary_and_empty_files_are_refused_with_the_name() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let err = decode_article(png, Path::new("photo.txt")).unwrap_err();
        assert!(matches!(err, ArticleError::Binary { .. }));
        assert!(err.to_string().contains("photo.txt"), "{err}");
        let err = decode_article(b"  \n\n", Path::new("blank.txt")).unwrap_err();
        assert!(matches!(err, ArticleError::Empty { .. }));
    }

    #[test]
    fn title_falls_back_to_file_name_and_is_shortened() {
        let long = "x".repeat(300);
        let a = decode_article(long.as_bytes(), p()).expect("decode");
        assert_eq!(a.title.chars().count(), 121);
        assert!(is_article_path(Path::new("A.MD")));
        assert!(is_article_path(Path::new("a.PDF")) && !is_article_path(Path::new("a.jpg")));
    }

    #[test]
    fn batch_adds_readable_files_and_reports_the_rest() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.md");
        let bad = dir.path().join("bad.txt");
        std::fs::write(&a, "Alpha\nbody").expect("a");
        std::fs::write(&b, "# Beta\nbody").expect("b");
        std::fs::write(&bad, b"\0\0\0binary").expect("bad");
        let dup = dir.path().join("a-copy.txt");
        std::fs::write(&dup, "Alpha\nbody").expect("dup");
        let mut project = Project::new("p");
        let batch = read_articles(&project, &[a, bad, b, dup]);
        assert_eq!(batch.edits.len(), 2);
        assert_eq!(batch.skipped.len(), 2, "{:?}", batch.skipped);
        assert!(batch.skipped[0].text.contains("bad.txt"));
        assert!(batch.skipped[1].text.contains("already in the project"));
        for e in &batch.edits {
            e.apply(&mut project).expect("apply");
        }
        let titles: Vec<_> = project.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["Alpha", "Beta"]);
        assert_ne!(project.documents[0].id, project.documents[1].id);
    }

    #[test]
    fn html_docx_and_pdf_articles_by_extension() {
        let dir = tempfile::tempdir().expect("tempdir");
        let html = dir.path().join("page.html");
        std::fs::write(
            &html,
            "<html><head><title>Row</title><meta name=\"author\" content=\"Ana\"></head>\
             <body><article><p>Hello\r\n world 😀</p></article></body></html>",
        )
        .expect("write");
        let a = read_article(&html).expect("html");
        assert_eq!(
            (a.title.as_str(), a.text.as_str()),
            ("Row", "Hello world 😀")
        );
        assert_eq!(a.metadata.author, "Ana");
        let docx = dir.path().join("a.docx");
        std::fs::write(&docx, super::super::docx::make_docx(&["One", "Two"], "")).expect("write");
        let a = read_article(&docx).expect("docx");
        assert_eq!((a.title.as_str(), a.text.as_str()), ("One", "One\nTwo"));
        let pdf = dir.path().join("a.pdf");
        std::fs::write(&pdf, super::super::pdf::make_pdf(&["Bridge row"])).expect("write");
        assert!(read_article(&pdf).expect("pdf").text.contains("Bridge row"));
        std::fs::write(&pdf, super::super::pdf::make_pdf(&[])).expect("write");
        let err = read_article(&pdf).unwrap_err().to_string();
        assert!(err.contains("a.pdf has no text layer"), "{err}");
        std::fs::write(&docx, b"junk").expect("write");
        let err = read_article(&docx).unwrap_err().to_string();
        assert!(
            err.contains("a.docx") && err.contains("not a .docx"),
            "{err}"
        );
    }
}
