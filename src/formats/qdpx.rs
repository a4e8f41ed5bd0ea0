//! REFI-QDA project export (`.qdpx`), the exchange format of MAXQDA, NVivo, ATLAS.ti and
//! QualCoder.
//!
//! Wire format (REFI-QDA 1.5, QDA-XML project schema 1.0): a zip with `project.qde` and
//! `sources/GUID.txt`, one UTF-8 text (no byte order mark, `\n` line ends: exactly Lectern's
//! stored text) per document.
//! - Labels are `Code`s of the `CodeBook` with their colours and descriptions.
//! - Documents are `TextSource`s with `plainTextPath="internal://GUID.txt"`, their memo as
//!   `Description`, outlet/date/URL/author and custom fields as `VariableValue`s of text
//!   `Variable`s.
//! - A span is a `PlainTextSelection` (its note as `Description`) with one `Coding` of its
//!   label's code. `startPosition`/`endPosition` are code points from 0, end exclusive
//!   (§10.2; exclusive as QualCoder reads them). A discontinuous span is one selection per
//!   fragment, named `span ID part K`, each coded.
//! - A relation is a `Link` (`direction="OneWay"`, named by its type) from the first
//!   selection of one span to the first of the other.
//! - Annotators are `User`s; a selection's and its coding's `creatingUser` and the
//!   selection's `creationDateTime` are the span's annotator and time (a span without an
//!   annotator is credited to a `User` whose name is empty).
//!
//! GUIDs are derived from the project name and the item's id, so exporting the same
//! project twice gives the same file. Span attributes have no place in REFI-QDA and are
//! not exported.

use super::export::{ExportError, WriteSeek, check_written_unchanged, checked_pieces};
use crate::model::{Document, Project, Span};
use crate::progress::{Progress, Unit};
use quick_xml::escape::escape;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Write;

/// GUIDs of one project's items: the hex of the SHA-256 of the project's name, a NUL and
/// what the item is (`doc 7`, `span 12 part 0`), shaped as 8-4-4-4-12. The name is hashed
/// once; each item costs one more block (a 1,000,000-span project has millions of them).
struct Guids {
    after_name: Sha256,
    what: String,
}

impl Guids {
    fn new(project: &Project) -> Self {
        let mut after_name = Sha256::new();
        after_name.update(project.name.as_bytes());
        after_name.update([0]);
        Self {
            after_name,
            what: String::new(),
        }
    }

    /// The GUID of the item `what` describes.
    fn of(&mut self, what: std::fmt::Arguments<'_>) -> String {
        self.what.clear();
        let _ = self.what.write_fmt(what);
        let digest = self.after_name.clone().chain_update(&self.what).finalize();
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let h: Vec<u8> = digest[..16]
            .iter()
            .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
            .collect();
        shaped(std::str::from_utf8(&h).unwrap_or_default())
    }
}

/// A GUID from 32 hex digits: 8-4-4-4-12, marked as version 4, variant `a`.
fn shaped(h: &str) -> String {
    match (
        h.get(0..8),
        h.get(8..12),
        h.get(13..16),
        h.get(17..20),
        h.get(20..32),
    ) {
        (Some(a), Some(b), Some(c), Some(d), Some(e)) => format!("{a}-{b}-4{c}-a{d}-{e}"),
        _ => String::new(),
    }
}

/// Writes the project as a `.qdpx` zip to `out` while it is made: `project.qde` a
/// document at a time, then one source file per document.
pub fn write(
    project: &Project,
    out: &mut dyn WriteSeek,
    progress: &Progress,
) -> Result<usize, ExportError> {
    let mut zip = zip::ZipWriter::new(out);
    // Level 1: about three times faster than the default level on this XML (a
    // 1,000,000-span project.qde is some 400 MB) for a file about 15 % larger.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    let zip_err = |e: zip::result::ZipError| ExportError::Encode {
        format: "REFI-QDA",
        what: "the zip".to_owned(),
        message: e.to_string(),
    };
    let mut guids = Guids::new(project);
    zip.start_file("project.qde", options).map_err(zip_err)?;
    let count = project_xml(project, &mut guids, &mut zip, progress)?;
    progress.start_phase(
        "Compressing",
        Unit::Items("documents"),
        project.documents.len() as u64,
    );
    for doc in &project.documents {
        let g = guids.of(format_args!("doc {}", doc.id));
        zip.start_file(format!("sources/{g}.txt"), options)
            .map_err(zip_err)?;
        zip.write_all(doc.text.as_str().as_bytes())?;
        progress.advance(1)?;
    }
    zip.finish().map_err(zip_err)?;
    Ok(count)
}

/// Writes `project.qde` to `out`, one document's elements at a time, and returns the
/// number of spans.
fn project_xml(
    project: &Project,
    guids: &mut Guids,
    out: &mut dyn Write,
    progress: &Progress,
) -> Result<usize, ExportError> {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"{}\" origin=\"Lectern {}\">",
        escape(project.name.as_str()),
        env!("CARGO_PKG_VERSION")
    );
    users_xml(project, guids, &mut x);
    codebook_xml(project, guids, &mut x);
    let mut variables: Vec<&str> = vec!["outlet", "date", "url", "author"];
    variables.extend(project.custom_fields.iter().map(String::as_str));
    x.push_str("<Variables>\n");
    for v in &variables {
        let _ = writeln!(
            x,
            "<Variable guid=\"{}\" name=\"{}\" typeOfVariable=\"Text\"/>",
            guids.of(format_args!("variable {v}")),
            escape(*v)
        );
    }
    x.push_str("</Variables>\n");
    let mut count = 0;
    if !project.documents.is_empty() {
        x.push_str("<Sources>\n");
    }
    let mut known = HashMap::new();
    for doc in &project.documents {
        count += source_xml(doc, (guids, &mut known), &variables, &mut x, progress)?;
        flush(&mut x, out)?;
    }
    if !project.documents.is_empty() {
        x.push_str("</Sources>\n");
    }
    links_xml(project, guids, &mut x, out)?;
    x.push_str("</Project>\n");
    flush(&mut x, out)?;
    Ok(count)
}

/// Writes what `x` holds to `out` and empties it for the next piece.
fn flush(x: &mut String, out: &mut dyn Write) -> Result<(), ExportError> {
    out.write_all(x.as_bytes())?;
    x.clear();
    Ok(())
}

/// One document's `<TextSource>` with its selections; returns its number of spans.
fn source_xml(
    doc: &Document,
    (guids, known): (&mut Guids, &mut HashMap<String, String>),
    variables: &[&str],
    x: &mut String,
    progress: &Progress,
) -> Result<usize, ExportError> {
    let g = guids.of(format_args!("doc {}", doc.id));
    let _ = writeln!(
        x,
        "<TextSource guid=\"{g}\" name=\"{}\" plainTextPath=\"internal://{g}.txt\">",
        escape(doc.title.as_str())
    );
    if !doc.memo.is_empty() {
        let _ = writeln!(
            x,
            "<Description>{}</Description>",
            escape(doc.memo.as_str())
        );
    }
    let mut spans: Vec<&Span> = doc.spans.iter().collect();
    spans.sort_by_key(|s| s.order_key());
    for span in &spans {
        let user = cached_guid(known, guids, "user", &span.annotator);
        let code = cached_guid(known, guids, "code", &span.label);
        selection_xml(guids, doc, span, [&user, &code], x)?;
        progress.advance(1)?;
    }
    variable_values_xml(guids, doc, variables, x);
    x.push_str("</TextSource>\n");
    Ok(spans.len())
}

/// The `<Links>` element, written to `out` a document's relations at a time: a relation
/// links the first selections of its two spans.
fn links_xml(
    project: &Project,
    guids: &mut Guids,
    x: &mut String,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let mut any = false;
    for doc in &project.documents {
        for r in &doc.relations {
            if !any {
                x.push_str("<Links>\n");
                any = true;
            }
            let _ = writeln!(
                x,
                "<Link guid=\"{}\" name=\"{}\" direction=\"OneWay\" originGUID=\"{}\" targetGUID=\"{}\"/>",
                guids.of(format_args!("relation {}", r.id)),
                escape(r.kind.as_str()),
                guids.of(format_args!("span {} part 0", r.from)),
                guids.of(format_args!("span {} part 0", r.to)),
            );
        }
        flush(x, out)?;
    }
    if any {
        x.push_str("</Links>\n");
    }
    Ok(())
}

/// The `<Users>` element: one user per annotator name.
fn users_xml(project: &Project, guids: &mut Guids, x: &mut String) {
    let users: BTreeSet<&str> = project
        .documents
        .iter()
        .flat_map(|d| d.spans.iter().map(|s| s.annotator.as_str()))
        .collect();
    if users.is_empty() {
        return;
    }
    x.push_str("<Users>\n");
    for u in &users {
        // A span without an annotator is credited to a user with an empty name: some
        // readers (qc) need every coding to have a creatingUser with a name.
        let _ = writeln!(
            x,
            "<User guid=\"{}\" name=\"{}\"/>",
            guids.of(format_args!("user {u}")),
            escape(*u)
        );
    }
    x.push_str("</Users>\n");
}

/// The `<CodeBook>` element: every label, and any label a span uses that the label set
/// lacks (in grey).
fn codebook_xml(project: &Project, guids: &mut Guids, x: &mut String) {
    let mut labels: Vec<(String, String, String)> = project
        .labels
        .iter()
        .map(|l| {
            let [r, g, b] = l.rgb();
            (
                l.name.clone(),
                format!("#{r:02X}{g:02X}{b:02X}"),
                l.description.clone(),
            )
        })
        .collect();
    for d in &project.documents {
        for s in &d.spans {
            if !labels.iter().any(|l| l.0 == s.label) {
                labels.push((s.label.to_string(), "#999999".to_owned(), String::new()));
            }
        }
    }
    if labels.is_empty() {
        return;
    }
    x.push_str("<CodeBook><Codes>\n");
    for (name, color, description) in &labels {
        let _ = write!(
            x,
            "<Code guid=\"{}\" name=\"{}\" isCodable=\"true\" color=\"{color}\">",
            guids.of(format_args!("code {name}")),
            escape(name.as_str())
        );
        if !description.is_empty() {
            let _ = write!(
                x,
                "<Description>{}</Description>",
                escape(description.as_str())
            );
        }
        x.push_str("</Code>\n");
    }
    x.push_str("</Codes></CodeBook>\n");
}

/// A document's `<VariableValue>`s: its metadata and custom fields that are set.
fn variable_values_xml(guids: &mut Guids, doc: &Document, variables: &[&str], x: &mut String) {
    for v in variables {
        let value = match *v {
            "outlet" => doc.metadata.outlet.as_str(),
            "date" => doc.metadata.date.as_str(),
            "url" => doc.metadata.url.as_str(),
            "author" => doc.metadata.author.as_str(),
            other => doc.metadata.custom.get(other).map_or("", String::as_str),
        };
        if !value.is_empty() {
            let _ = writeln!(
                x,
                "<VariableValue><VariableRef targetGUID=\"{}\"/><TextValue>{}</TextValue></VariableValue>",
                guids.of(format_args!("variable {v}")),
                escape(value)
            );
        }
    }
}

/// The GUID of `kind name` (a user, a code), hashed once per export rather than once per
/// span.
fn cached_guid(
    known: &mut HashMap<String, String>,
    guids: &mut Guids,
    kind: &str,
    name: &str,
) -> String {
    let key = format!("{kind} {name}");
    if let Some(g) = known.get(&key) {
        return g.clone();
    }
    let g = guids.of(format_args!("{key}"));
    known.insert(key, g.clone());
    g
}

/// One span's selections; the two GUIDs are those of its annotator and its label.
fn selection_xml(
    guids: &mut Guids,
    doc: &Document,
    span: &Span,
    [user_guid, code_guid]: [&str; 2],
    x: &mut String,
) -> Result<(), ExportError> {
    let pieces = checked_pieces(doc, span)?;
    let several = pieces.len() > 1;
    for (k, (start, end, text)) in pieces.into_iter().enumerate() {
        check_written_unchanged(doc, span, (start, end), text)?;
        let name = if several {
            format!("span {} part {k}", span.id)
        } else {
            format!("span {}", span.id)
        };
        let _ = write!(
            x,
            "<PlainTextSelection guid=\"{}\" name=\"{name}\" startPosition=\"{start}\" endPosition=\"{end}\"",
            guids.of(format_args!("span {} part {k}", span.id))
        );
        let user = format!(" creatingUser=\"{user_guid}\"");
        x.push_str(&user);
        if !span.created.is_empty() {
            let _ = write!(x, " creationDateTime=\"{}\"", escape(span.created.as_str()));
        }
        x.push('>');
        // The note, then whether the quote assistant proposed the span.
        let mut description = span.note.clone();
        for (name, value) in span.provenance() {
            if !description.is_empty() {
                description.push('\n');
            }
            description.push_str(&format!("{name}: {value}"));
        }
        if !description.is_empty() {
            let _ = write!(
                x,
                "<Description>{}</Description>",
                escape(description.as_str())
            );
        }
        let _ = writeln!(
            x,
            "<Coding guid=\"{}\"{user}><CodeRef targetGUID=\"{code_guid}\"/></Coding></PlainTextSelection>",
            guids.of(format_args!("coding {} part {k}", span.id)),
        );
    }
    Ok(())
}

/// Reads REFI-QDA projects (`.qdpx`); see [`super::qdpx_read`].
pub fn read(
    paths: &[std::path::PathBuf],
    progress: &Progress,
) -> Result<super::import::Imported, super::import::ImportError> {
    super::qdpx_read::read(paths, progress)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::export::{ExportFormat, export_project, fixture};
    use crate::model::content_hash;
    use std::io::Read;

    /// The GUID as first defined: the hex of `content_hash(NAME \0 WHAT)`, 8-4-4-4-12.
    fn guid(project: &Project, what: &str) -> String {
        let hex = content_hash(&format!("{}\u{0}{what}", project.name));
        shaped(hex.trim_start_matches("sha256:"))
    }

    #[test]
    fn guids_hash_the_project_name_once_and_give_the_same_guids() {
        for name in ["Bridge row", "", "Φωνή “x” 😤\u{0}y"] {
            let p = Project::new(name);
            let mut guids = Guids::new(&p);
            for what in ["doc 1", "span 12 part 0", "user ", "code Ζήτω"] {
                let made = guids.of(format_args!("{what}"));
                assert_eq!(made, guid(&p, what), "{name:?} {what}");
            }
        }
    }

    #[test]
    fn zip_holds_the_project_and_one_source_per_document() {
        let mut p = fixture::project();
        p.documents[0].spans[0].annotator = "Ana & Bo".into();
        p.documents[0].spans[0].created = "2026-05-04T10:15:00Z".into();
        let out = export_project(&p, ExportFormat::Qdpx).expect("export");
        assert_eq!(out.spans, 4);
        let mut zip =
            zip::ZipArchive::new(std::io::Cursor::new(out.files[0].bytes.clone())).expect("zip");
        let mut xml = String::new();
        zip.by_name("project.qde")
            .expect("qde")
            .read_to_string(&mut xml)
            .expect("utf-8");
        assert!(xml.contains("name=\"Ana &amp; Bo\""), "{xml}");
        assert!(
            xml.contains("startPosition=\"24\" endPosition=\"37\""),
            "{xml}"
        );
        assert!(
            xml.contains("<TextValue>Φωνή της Βεριδίας</TextValue>"),
            "{xml}"
        );
        let g = guid(&p, "doc 1");
        let mut text = String::new();
        zip.by_name(&format!("sources/{g}.txt"))
            .expect("source")
            .read_to_string(&mut text)
            .expect("utf-8");
        assert_eq!(text, fixture::TEXT);
        assert_eq!(
            export_project(&p, ExportFormat::Qdpx).expect("again").files,
            out.files,
            "deterministic"
        );
    }
}
