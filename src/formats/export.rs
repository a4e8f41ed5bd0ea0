//! Span exports: one row per span, shared by every export format.
//!
//! Researchers analyse annotations in R, pandas or a spreadsheet, so every format carries
//! the same flat rows with the same columns ([`COLUMNS`]); only the encoding differs. Rows
//! are built one at a time and streamed to the writer, and each is checked against the
//! document text before it is written, so an export never contains a span whose offsets
//! point at other text than its `text` column.

use super::{csv::CsvWriter, jsonl::JsonlWriter};
use crate::model::{DocId, Document, Project, Span, SpanId};
use crate::progress::{Cancelled, Progress, Unit};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

pub use super::row::{COLUMNS, CONTEXT_CHARS, Row, row};
use super::row::{check_stored_text, in_reading_order, mismatch};

/// Why an export stopped. Rows before the failing one may have been written.
#[derive(Debug, Error)]
pub enum ExportError {
    /// A span's offsets do not select its stored text; the project is inconsistent.
    #[error(
        "document {doc} (\"{title}\"), span {span}: offsets {start}..{end} select {actual:?}, not the span's text {stored:?}; consider `lectern check` on the project"
    )]
    SpanMismatch {
        /// The document.
        doc: DocId,
        /// Its title, to find it in the window.
        title: String,
        /// The span.
        span: SpanId,
        /// Span start.
        start: usize,
        /// Span end.
        end: usize,
        /// Text stored with the span.
        stored: String,
        /// Text at the offsets (empty when they lie outside the document).
        actual: String,
    },
    /// The output could not be written.
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    /// A span breaks the project's rules (fragments out of order, outside the span).
    #[error("document {doc}, span {span}: {message}; consider `lectern check` on the project")]
    BadSpan {
        /// The document.
        doc: DocId,
        /// The span.
        span: SpanId,
        /// What is wrong.
        message: String,
    },
    /// The format cannot hold something in the project.
    #[error("{format} cannot hold {what}")]
    Unrepresentable {
        /// The format.
        format: &'static str,
        /// What, and where ("span 7 of document 2: only line breaks").
        what: String,
    },
    /// A folder format was asked to write to one stream.
    #[error("{0} writes a folder of files; consider --output FOLDER")]
    NeedsFolder(&'static str),
    /// The export folder already holds files.
    #[error("export folder {} is not empty; consider a new or empty folder", .0.display())]
    FolderNotEmpty(PathBuf),
    /// A file of the export could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A row could not be encoded (should not happen: all fields are strings and numbers).
    #[error("cannot encode {what} as {format}: {message}")]
    Encode {
        /// The format being written.
        format: &'static str,
        /// What was being written: "the header", "span 7".
        what: String,
        /// The encoder's reason.
        message: String,
    },
    /// The user cancelled; nothing was written.
    #[error("the export was cancelled; nothing was written")]
    Cancelled,
}

impl From<Cancelled> for ExportError {
    fn from(_: Cancelled) -> Self {
        ExportError::Cancelled
    }
}

/// Export file formats, for menus and the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// Comma-separated values with a header row; see [`CsvWriter`].
    Csv,
    /// CSV for Excel: byte order mark, formula-like cells neutralised; see [`CsvWriter`].
    CsvExcel,
    /// One JSON object per line; see [`JsonlWriter`].
    Jsonl,
    /// Excel workbook with spans, relations and documents sheets; see [`super::xlsx`].
    Xlsx,
    /// brat standoff folder (`.txt` + `.ann` per document); see [`super::brat`].
    Brat,
    /// W3C Web Annotation JSON-LD collection; see [`super::w3c`].
    W3c,
    /// REFI-QDA project for MAXQDA, NVivo, ATLAS.ti, QualCoder; see [`super::qdpx`].
    Qdpx,
    /// doccano relation-extraction JSONL; see [`super::doccano`].
    Doccano,
    /// Label Studio JSON tasks; see [`super::labelstudio`].
    LabelStudio,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [ExportFormat; 9] = [
        ExportFormat::Csv,
        ExportFormat::CsvExcel,
        ExportFormat::Jsonl,
        ExportFormat::Xlsx,
        ExportFormat::Brat,
        ExportFormat::W3c,
        ExportFormat::Qdpx,
        ExportFormat::Doccano,
        ExportFormat::LabelStudio,
    ];

    /// Short name, as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::CsvExcel => "csv-excel",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Brat => "brat",
            ExportFormat::W3c => "w3c",
            ExportFormat::Qdpx => "qdpx",
            ExportFormat::Doccano => "doccano",
            ExportFormat::LabelStudio => "labelstudio",
        }
    }

    /// File name extension, without the dot; empty for a format that writes a folder.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv | ExportFormat::CsvExcel => "csv",
            ExportFormat::Jsonl | ExportFormat::Doccano => "jsonl",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Brat => "",
            ExportFormat::W3c => "jsonld",
            ExportFormat::Qdpx => "qdpx",
            ExportFormat::LabelStudio => "json",
        }
    }

    /// Whether the export is a folder of files rather than one file.
    pub fn is_folder(self) -> bool {
        self == ExportFormat::Brat
    }

    /// Menu text.
    pub fn menu_text(self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV…",
            ExportFormat::CsvExcel => "CSV for Excel…",
            ExportFormat::Jsonl => "JSON Lines…",
            ExportFormat::Xlsx => "Excel workbook (.xlsx)…",
            ExportFormat::Brat => "brat standoff folder…",
            ExportFormat::W3c => "W3C Web Annotation (JSON-LD)…",
            ExportFormat::Qdpx => "REFI-QDA project (.qdpx)…",
            ExportFormat::Doccano => "doccano JSONL…",
            ExportFormat::LabelStudio => "Label Studio JSON…",
        }
    }

    /// Tooltip: what the export holds and who reads it.
    pub fn description(self) -> &'static str {
        match self {
            ExportFormat::Csv => "Every labelled span as a CSV row, for R, pandas or a spreadsheet",
            ExportFormat::CsvExcel => {
                "CSV with a byte order mark for Excel; cells starting with = + - @ or a tab get a leading '"
            }
            ExportFormat::Jsonl => "Every labelled span as one JSON object per line",
            ExportFormat::Xlsx => "Sheets of spans, relations and documents; every cell is text",
            ExportFormat::Brat => {
                "A folder with .txt, .ann and annotation.conf for brat and NLP tools"
            }
            ExportFormat::W3c => "An AnnotationCollection with quote and position selectors",
            ExportFormat::Qdpx => {
                "Codes, coded selections and links for MAXQDA, NVivo, ATLAS.ti, QualCoder"
            }
            ExportFormat::Doccano => "doccano relation-extraction JSONL, one line per document",
            ExportFormat::LabelStudio => "Label Studio tasks with label and relation results",
        }
    }

    /// The format with this [`name`](Self::name), ignoring ASCII case.
    pub fn from_name(name: &str) -> Option<ExportFormat> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// A format's encoder: receives rows one by one and writes them to its output.
pub trait RowWriter {
    /// Writes one row.
    fn write_row(&mut self, row: &Row<'_>) -> Result<(), ExportError>;
    /// Writes anything still buffered.
    fn finish(&mut self) -> Result<(), ExportError>;
}

/// One file of an export, named relative to the export's folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// File name inside the folder (no separators); empty for a one-file export.
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// A whole export, made in memory and checked before anything is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    /// The files: one for a one-file format, several for a folder format.
    pub files: Vec<ExportFile>,
    /// Number of spans exported.
    pub spans: usize,
}

impl Exported {
    /// A one-file export.
    pub fn single(bytes: Vec<u8>, spans: usize) -> Self {
        Self {
            files: vec![ExportFile {
                name: String::new(),
                bytes,
            }],
            spans,
        }
    }

    /// Writes the export to `path`: one file replaced atomically, or a folder (created if
    /// missing, refused if it holds anything, so no earlier export's files are mixed in).
    pub fn write_to(&self, path: &Path, folder: bool) -> Result<(), ExportError> {
        self.write_to_with(path, folder, &Progress::new())
    }

    /// [`write_to`](Self::write_to), unless `progress` is cancelled first: a file, or a
    /// folder written beside the target under a temporary name, is renamed into place only
    /// after [`Progress::commit`], so a cancelled or failed export leaves nothing behind.
    pub fn write_to_with(
        &self,
        path: &Path,
        folder: bool,
        progress: &Progress,
    ) -> Result<(), ExportError> {
        let at = |e: std::io::Error| ExportError::Write {
            path: path.to_path_buf(),
            source: e,
        };
        progress.start_phase("Writing", Unit::Bytes, 0);
        if !folder {
            let bytes = self
                .files
                .first()
                .map(|f| f.bytes.as_slice())
                .unwrap_or(&[]);
            let replaced =
                crate::fsutil::write_atomic_when(path, bytes, || progress.commit().is_ok())
                    .map_err(at)?;
            return if replaced {
                Ok(())
            } else {
                Err(ExportError::Cancelled)
            };
        }
        if path.exists() {
            let mut entries = std::fs::read_dir(path).map_err(at)?;
            if entries.next().is_some() {
                return Err(ExportError::FolderNotEmpty(path.to_path_buf()));
            }
        }
        let files = self
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.bytes.as_slice()));
        let created = crate::fsutil::write_folder_when(path, files, || progress.commit().is_ok())
            .map_err(at)?;
        if created {
            Ok(())
        } else {
            Err(ExportError::Cancelled)
        }
    }
}

/// Exports the whole project in `format`, in memory, after checking every span.
pub fn export_project(project: &Project, format: ExportFormat) -> Result<Exported, ExportError> {
    export_project_with(project, format, &Progress::new())
}

/// [`export_project`], counting spans in `progress` and stopping between spans (or
/// documents) once it is cancelled. The bytes are those [`export_to_path`] writes.
pub fn export_project_with(
    project: &Project,
    format: ExportFormat,
    progress: &Progress,
) -> Result<Exported, ExportError> {
    start_export_phase(project, progress);
    if format.is_folder() {
        let mut files = Vec::new();
        let spans = super::brat::write(
            project,
            &mut |name, bytes| {
                files.push(ExportFile {
                    name: name.to_owned(),
                    bytes: bytes.to_vec(),
                });
                Ok(())
            },
            progress,
        )?;
        return Ok(Exported { files, spans });
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    let spans = write_file(project, format, &mut bytes, progress)?;
    Ok(Exported::single(bytes.into_inner(), spans))
}

/// Exports the whole project in `format` to `path` while it is made, and returns the
/// number of spans exported. A file is written through a buffered writer into a temporary
/// file beside `path` and renamed over it once complete; a folder format fills a temporary
/// sibling folder, renamed into place once complete (`path` must be missing or empty).
/// Nothing replaces `path` unless every span passed its check and `progress` was not
/// cancelled before [`Progress::commit`]; a failed or cancelled export leaves nothing.
///
/// Unlike [`export_project`], no export is held in memory whole: a 1,000,000-span CSV is
/// some 330 MB, a REFI-QDA project's XML some 400 MB.
pub fn export_to_path(
    project: &Project,
    format: ExportFormat,
    path: &Path,
    progress: &Progress,
) -> Result<usize, ExportError> {
    let at = |e: std::io::Error| ExportError::Write {
        path: path.to_path_buf(),
        source: e,
    };
    start_export_phase(project, progress);
    let mut spans = 0;
    let ready = || progress.commit().is_ok();
    let written = if format.is_folder() {
        if path.exists() && std::fs::read_dir(path).map_err(at)?.next().is_some() {
            return Err(ExportError::FolderNotEmpty(path.to_path_buf()));
        }
        crate::fsutil::write_folder_with(
            path,
            |folder| {
                spans = super::brat::write(project, &mut |n, b| folder.write(n, b), progress)?;
                Ok(())
            },
            ready,
        )
    } else {
        crate::fsutil::write_atomic_with(
            path,
            |file| {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
                spans = write_file(project, format, &mut out, progress)?;
                out.flush()?;
                Ok(())
            },
            ready,
        )
    };
    match written {
        Ok(true) => Ok(spans),
        Ok(false) => Err(ExportError::Cancelled),
        Err(ExportError::Io(e)) => Err(at(e)),
        Err(e) => Err(e),
    }
}

/// An output a zip can be written to: it goes back to fill in sizes and offsets.
pub trait WriteSeek: Write + Seek + Send {}

impl<T: Write + Seek + Send> WriteSeek for T {}

/// Writes a one-file format to `out` as it is made.
fn write_file(
    project: &Project,
    format: ExportFormat,
    out: &mut dyn WriteSeek,
    progress: &Progress,
) -> Result<usize, ExportError> {
    match format {
        ExportFormat::Xlsx => super::xlsx::write(project, out, progress),
        ExportFormat::Qdpx => super::qdpx::write(project, out, progress),
        other => write_stream(project, other, out, progress),
    }
}

/// Names an export's main phase in `progress`: one unit per span of `project`, each
/// checked against its document and encoded.
pub fn start_export_phase(project: &Project, progress: &Progress) {
    let spans: usize = project.documents.iter().map(|d| d.spans.len()).sum();
    progress.start_phase("Encoding spans", Unit::Items("spans"), spans as u64);
}

/// Writes every span of `project` to `out` in `format`, in document order then reading
/// order, and returns the number of spans written. Every format but the zipped ones
/// (xlsx, REFI-QDA, which go back to their headers and are made in memory here) streams.
/// A folder format cannot go to one stream.
pub fn export(
    project: &Project,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    write_stream(project, format, out, &Progress::new())
}

/// [`export`], counting each span in `progress` and stopping once it is cancelled.
fn write_stream(
    project: &Project,
    format: ExportFormat,
    out: &mut dyn Write,
    progress: &Progress,
) -> Result<usize, ExportError> {
    let mut writer: Box<dyn RowWriter + '_> = match format {
        ExportFormat::Csv => Box::new(CsvWriter::new(out)?),
        ExportFormat::CsvExcel => Box::new(CsvWriter::for_excel(out)?),
        ExportFormat::Jsonl => Box::new(JsonlWriter::new(out)),
        ExportFormat::W3c => return super::w3c::write(project, out, progress),
        ExportFormat::Doccano => return super::doccano::write(project, out, progress),
        ExportFormat::LabelStudio => return super::labelstudio::write(project, out, progress),
        ExportFormat::Brat => return Err(ExportError::NeedsFolder(format.name())),
        ExportFormat::Xlsx | ExportFormat::Qdpx => {
            let mut zip = std::io::Cursor::new(Vec::new());
            let spans = write_file(project, format, &mut zip, progress)?;
            out.write_all(zip.get_ref())?;
            return Ok(spans);
        }
    };
    let mut count = 0;
    for doc in &project.documents {
        for span in in_reading_order(doc) {
            writer.write_row(&row(doc, span)?)?;
            count += 1;
            progress.advance(1)?;
        }
    }
    writer.finish()?;
    Ok(count)
}

/// Writes `value` to `out` as indented JSON through a buffer; `(format, what)` name it
/// in an error.
pub(super) fn write_pretty_json(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
    (format, what): (&'static str, &str),
) -> Result<(), ExportError> {
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, value).map_err(|e| {
        if e.is_io() {
            ExportError::Io(e.into())
        } else {
            ExportError::Encode {
                format,
                what: what.to_owned(),
                message: e.to_string(),
            }
        }
    })?;
    Ok(out.flush()?)
}

/// Checks a span before it is exported: its range and every fragment select exactly their
/// stored text in the document text that the export writes. Returns its pieces with their
/// texts, as the exporter will write them.
pub fn checked_pieces<'a>(
    doc: &'a Document,
    span: &Span,
) -> Result<Vec<(usize, usize, &'a str)>, ExportError> {
    // The row's own check first (a mismatch names both texts), then the span's rules.
    check_stored_text(doc, span)?;
    let mismatch = |start, end, stored: &str| mismatch(doc, span, start, end, stored);
    if let Some(problem) = span.anchor_problem(&doc.text) {
        return Err(ExportError::BadSpan {
            doc: doc.id,
            span: span.id,
            message: problem,
        });
    }
    let mut out = Vec::new();
    if span.fragments.is_empty() {
        let text = doc
            .text
            .slice(span.start..span.end)
            .ok_or_else(|| mismatch(span.start, span.end, &span.text))?;
        out.push((span.start, span.end, text));
    }
    for f in &span.fragments {
        match doc.text.slice(f.start..f.end) {
            Some(t) if f.start < f.end && t == f.text => out.push((f.start, f.end, t)),
            _ => return Err(mismatch(f.start, f.end, &f.text)),
        }
    }
    Ok(out)
}

/// [`check_written`] for an exporter that writes the document text unchanged: looks the
/// range up through the text's index instead of counting code points from the start (a
/// scan per span made a 1,000,000-span export quadratic in document length).
pub fn check_written_unchanged(
    doc: &Document,
    span: &Span,
    (start, end): (usize, usize),
    expected: &str,
) -> Result<(), ExportError> {
    if start < end && doc.text.slice(start..end) == Some(expected) {
        return Ok(());
    }
    check_written(doc, span, doc.text.as_str(), (start, end), expected)
}

/// Checks that `exported_text[start..end]` (code points) is `expected`, for a span an
/// exporter is about to write with text it has transformed (line breaks, encodings).
pub fn check_written(
    doc: &Document,
    span: &Span,
    exported_text: &str,
    (start, end): (usize, usize),
    expected: &str,
) -> Result<(), ExportError> {
    let actual: String = exported_text
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect();
    if actual == expected && start < end {
        return Ok(());
    }
    Err(ExportError::SpanMismatch {
        doc: doc.id,
        title: doc.title.clone(),
        span: span.id,
        start,
        end,
        stored: expected.to_owned(),
        actual,
    })
}

/// Fixtures shared by the format modules' tests.
#[cfg(test)]
pub(crate) mod fixture {
    use crate::model::{DocId, Document, Edit, Project};

    /// Text with curly quotes, an emoji, NBSPs and Greek.
    pub const TEXT: &str =
        "“It’s a disgrace,” said Ms\u{a0}Παπαδάκη 😤 — twice.\nThe\u{a0}mayor, “defiant”, left.";

    /// Note with a comma, a double quote and a newline.
    pub const NOTE: &str = "speaker: Papadaki, \"angry\"\nsecond line";

    /// A project of two documents whose spans touch every awkward character.
    pub fn project() -> Project {
        let mut p = Project::new("Bridge row");
        let mut d = Document::new(DocId(1), "Mayor, “defiant”", TEXT);
        d.metadata.outlet = "Φωνή της Βεριδίας".into();
        d.metadata.date = "2026-05-04".into();
        d.source_path = "articles/ä, b.txt".into();
        p.documents.push(d);
        p.documents
            .push(Document::new(DocId(2), "Second", "Plain 😀 text"));
        let spans = [
            (1, "quote", "It’s a disgrace", NOTE),
            (1, "descriptor", "Ms\u{a0}Παπαδάκη 😤", ""),
            (1, "claim", "mayor, “defiant”", ""),
            (2, "claim", "😀", ""),
        ];
        for (doc, label, text, note) in spans {
            let d = p.document(DocId(doc)).expect("doc");
            let at = d.text.find(text, 1).expect("text");
            let mut span = p
                .make_span(DocId(doc), label, at.start, at.end)
                .expect("span");
            span.note = note.into();
            Edit::AddSpan {
                doc: DocId(doc),
                span,
            }
            .apply(&mut p)
            .expect("add");
        }
        p
    }

    /// Checks one exported row against the project: by code points, the document text
    /// between `start` and `end` is `text`.
    pub fn assert_anchored(p: &Project, doc_id: u64, start: usize, end: usize, text: &str) {
        let doc_id = u32::try_from(doc_id).expect("doc id");
        let doc = p.document(DocId(doc_id)).expect("doc");
        let slice: String = doc
            .text
            .as_str()
            .chars()
            .skip(start)
            .take(end - start)
            .collect();
        assert_eq!(slice, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::from_name(f.name()), Some(f));
            assert_eq!(f.extension().is_empty(), f.is_folder());
        }
        assert_eq!(ExportFormat::from_name("CSV"), Some(ExportFormat::Csv));
        assert_eq!(ExportFormat::from_name("xls"), None);
    }

    #[test]
    fn discontinuous_spans_export_their_fragments_and_joined_text() {
        let mut p = fixture::project();
        let d = &p.documents[0];
        let q = d.spans[0].clone();
        let extra = d.text.find("twice", 1).expect("twice");
        let new = crate::model::Extent::from_pieces(
            &d.text,
            &[(q.start, q.end), (extra.start, extra.end)],
        )
        .expect("extent");
        crate::model::Edit::SetSpanExtent {
            doc: d.id,
            span: q.id,
            old: q.extent(),
            new,
        }
        .apply(&mut p)
        .expect("apply");
        crate::model::Edit::SetSpanAttribute {
            doc: p.documents[0].id,
            span: q.id,
            name: "speaker".into(),
            old: String::new(),
            new: "Ελένη “E.” Π".into(),
        }
        .apply(&mut p)
        .expect("attr");
        let d = &p.documents[0];
        let span = d.span(q.id).expect("span");
        let r = row(d, span).expect("row");
        assert_eq!(
            r.fragments,
            format!("{}-{};{}-{}", q.start, q.end, extra.start, extra.end)
        );
        assert_eq!(r.labelled_text, format!("{} twice", q.text));
        let attrs: serde_json::Value = serde_json::from_str(&r.attributes).expect("json");
        assert_eq!(attrs["speaker"], "Ελένη “E.” Π");
        let mut broken = span.clone();
        broken.fragments[1].text = "thrice".into();
        assert!(matches!(
            row(d, &broken),
            Err(ExportError::SpanMismatch { .. })
        ));
    }

    #[test]
    fn rows_carry_code_point_offsets_and_context() {
        let p = fixture::project();
        let d = &p.documents[0];
        let r = row(d, &d.spans[1]).expect("row");
        assert_eq!(r.text, "Ms\u{a0}Παπαδάκη 😤");
        assert_eq!((r.start, r.end), (24, 37));
        assert_eq!(r.context_before, "“It’s a disgrace,” said ");
        assert_eq!(
            r.context_after,
            " — twice.\nThe\u{a0}mayor, “defiant”, left."
        );
        let first = row(d, &d.spans[0]).expect("row");
        assert_eq!(first.context_before, "“");
        assert_eq!(first.context_after.chars().count(), CONTEXT_CHARS);
        assert!(first.context_after.starts_with(",” said Ms\u{a0}Π"));
    }

    #[test]
    fn a_span_that_does_not_match_its_text_stops_the_export() {
        let mut p = fixture::project();
        p.documents[0].spans[2].text = "something else".into();
        let mut out = Vec::new();
        let err = export(&p, ExportFormat::Jsonl, &mut out).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, ExportError::SpanMismatch { .. }), "{msg}");
        assert!(
            msg.contains("Mayor, “defiant”") && msg.contains("span 3"),
            "{msg}"
        );
        // The two rows before it were written; the wrong one was not.
        let written = String::from_utf8(out).expect("utf-8");
        assert_eq!(written.lines().count(), 2, "{written}");
    }

    #[test]
    fn out_of_range_span_is_an_error_not_a_panic() {
        let mut p = fixture::project();
        p.documents[1].spans[0].end = 999;
        let err = export(&p, ExportFormat::Csv, &mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("document 2"), "{err}");
    }

    #[test]
    fn spans_are_exported_in_reading_order() {
        let mut p = fixture::project();
        p.documents[0].spans.reverse();
        let mut out = Vec::new();
        export(&p, ExportFormat::Jsonl, &mut out).expect("export");
        let ids: Vec<u64> = String::from_utf8(out)
            .expect("utf-8")
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).expect("json")["span_id"]
                    .as_u64()
                    .expect("id")
            })
            .collect();
        assert_eq!(ids, [1, 2, 3, 4]);
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_format_written_to_a_path_has_the_bytes_made_in_memory() {
        let p = fixture::project();
        let dir = tempfile::tempdir().expect("tempdir");
        for format in ExportFormat::ALL {
            let in_memory = export_project(&p, format).expect("in memory");
            let path = dir.path().join(format!("out-{}", format.name()));
            let spans = export_to_path(&p, format, &path, &Progress::new()).expect("to path");
            assert_eq!(spans, in_memory.spans, "{}", format.name());
            if format.is_folder() {
                let mut names: Vec<&str> =
                    in_memory.files.iter().map(|f| f.name.as_str()).collect();
                names.sort_unstable();
                assert_eq!(names_in(&path), names);
                for f in &in_memory.files {
                    let bytes = std::fs::read(path.join(&f.name)).expect("file");
                    assert!(bytes == f.bytes, "{}: {}", format.name(), f.name);
                }
            } else if format != ExportFormat::Xlsx {
                // (A workbook holds the time it was made; its parts are checked in xlsx.rs.)
                let bytes = std::fs::read(&path).expect("file");
                assert!(bytes == in_memory.files[0].bytes, "{}", format.name());
            }
        }
        assert_eq!(
            names_in(dir.path()).len(),
            ExportFormat::ALL.len(),
            "no temporaries"
        );
    }

    #[test]
    fn a_failed_or_cancelled_export_to_a_path_leaves_the_earlier_file_and_no_temporary() {
        let mut p = fixture::project();
        // The last span written is wrong: everything before it was already streamed out.
        p.documents[1].spans[0].text = "not the text".into();
        let dir = tempfile::tempdir().expect("tempdir");
        for format in ExportFormat::ALL {
            let path = dir.path().join(format!("out-{}", format.name()));
            if format.is_folder() {
                let err = export_to_path(&p, format, &path, &Progress::new()).unwrap_err();
                assert!(matches!(err, ExportError::SpanMismatch { .. }), "{err}");
                assert!(!path.exists(), "no folder, not even a partial one");
                continue;
            }
            std::fs::write(&path, "earlier export").expect("write");
            let err = export_to_path(&p, format, &path, &Progress::new()).unwrap_err();
            assert!(
                matches!(err, ExportError::SpanMismatch { .. }),
                "{}: {err}",
                format.name()
            );
            let cancelled = Progress::new();
            assert!(cancelled.cancel());
            let err = export_to_path(&fixture::project(), format, &path, &cancelled).unwrap_err();
            assert!(
                matches!(err, ExportError::Cancelled),
                "{}: {err}",
                format.name()
            );
            let kept = std::fs::read_to_string(&path).expect("read");
            assert_eq!(kept, "earlier export", "{}", format.name());
        }
        assert_eq!(
            names_in(dir.path()).len(),
            ExportFormat::ALL.len() - 1,
            "no temporaries"
        );
        // A folder that holds anything is refused before anything is written.
        let full = dir.path().join("full");
        std::fs::create_dir(&full).expect("mkdir");
        std::fs::write(full.join("old.ann"), "T1").expect("write");
        let err = export_to_path(
            &fixture::project(),
            ExportFormat::Brat,
            &full,
            &Progress::new(),
        )
        .unwrap_err();
        assert!(matches!(err, ExportError::FolderNotEmpty(_)), "{err}");
        assert_eq!(names_in(&full), ["old.ann"]);
    }
}
