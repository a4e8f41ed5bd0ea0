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

use super::export::{ExportError, Exported, check_written_unchanged, checked_pieces};
use crate::model::{Document, Project, Span, content_hash};
use crate::progress::{Progress, Unit};
use quick_xml::escape::escape;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;

/// A GUID for `what` in this project: hex of a SHA-256, shaped as 8-4-4-4-12.
fn guid(project: &Project, what: &str) -> String {
    let hex = content_hash(&format!("{}\u{0}{what}", project.name));
    let h = hex.trim_start_matches("sha256:");
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}

/// Exports the project as a `.qdpx` zip.
pub fn export(project: &Project, progress: &Progress) -> Result<Exported, ExportError> {
    let (xml, sources, count) = project_xml(project, progress)?;
    progress.start_phase(
        "Compressing",
        Unit::Items("documents"),
        sources.len() as u64,
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
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
    zip.start_file("project.qde", options).map_err(zip_err)?;
    zip.write_all(xml.as_bytes())?;
    for (name, text) in sources {
        zip.start_file(format!("sources/{name}"), options)
            .map_err(zip_err)?;
        zip.write_all(text.as_bytes())?;
        progress.advance(1)?;
    }
    zip.finish().map_err(zip_err)?;
    Ok(Exported::single(buf.into_inner(), count))
}

type Sources<'a> = Vec<(String, &'a str)>;

fn project_xml<'a>(
    project: &'a Project,
    progress: &Progress,
) -> Result<(String, Sources<'a>, usize), ExportError> {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"{}\" origin=\"Lectern {}\">",
        escape(project.name.as_str()),
        env!("CARGO_PKG_VERSION")
    );
    users_xml(project, &mut x);
    codebook_xml(project, &mut x);
    let mut variables: Vec<&str> = vec!["outlet", "date", "url", "author"];
    variables.extend(project.custom_fields.iter().map(String::as_str));
    x.push_str("<Variables>\n");
    for v in &variables {
        let _ = writeln!(
            x,
            "<Variable guid=\"{}\" name=\"{}\" typeOfVariable=\"Text\"/>",
            guid(project, &format!("variable {v}")),
            escape(*v)
        );
    }
    x.push_str("</Variables>\n");
    let mut sources = Vec::new();
    let mut known = HashMap::new();
    let mut links = String::new();
    let mut count = 0;
    if !project.documents.is_empty() {
        x.push_str("<Sources>\n");
    }
    for doc in &project.documents {
        let g = guid(project, &format!("doc {}", doc.id));
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
        for span in spans {
            let user = cached_guid(&mut known, project, "user", &span.annotator);
            let code = cached_guid(&mut known, project, "code", &span.label);
            selection_xml(project, doc, span, [&user, &code], &mut x)?;
            count += 1;
            progress.advance(1)?;
        }
        variable_values_xml(project, doc, &variables, &mut x);
        x.push_str("</TextSource>\n");
        sources.push((format!("{g}.txt"), doc.text.as_str()));
        for r in &doc.relations {
            let _ = writeln!(
                links,
                "<Link guid=\"{}\" name=\"{}\" direction=\"OneWay\" originGUID=\"{}\" targetGUID=\"{}\"/>",
                guid(project, &format!("relation {}", r.id)),
                escape(r.kind.as_str()),
                guid(project, &format!("span {} part 0", r.from)),
                guid(project, &format!("span {} part 0", r.to)),
            );
        }
    }
    if !project.documents.is_empty() {
        x.push_str("</Sources>\n");
    }
    if !links.is_empty() {
        let _ = write!(x, "<Links>\n{links}</Links>\n");
    }
    x.push_str("</Project>\n");
    Ok((x, sources, count))
}

/// The `<Users>` element: one user per annotator name.
fn users_xml(project: &Project, x: &mut String) {
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
            guid(project, &format!("user {u}")),
            escape(*u)
        );
    }
    x.push_str("</Users>\n");
}

/// The `<CodeBook>` element: every label, and any label a span uses that the label set
/// lacks (in grey).
fn codebook_xml(project: &Project, x: &mut String) {
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
            guid(project, &format!("code {name}")),
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
fn variable_values_xml(project: &Project, doc: &Document, variables: &[&str], x: &mut String) {
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
                guid(project, &format!("variable {v}")),
                escape(value)
            );
        }
    }
}

/// The GUID of `kind name` (a user, a code), hashed once per export rather than once per
/// span.
fn cached_guid(
    known: &mut HashMap<String, String>,
    project: &Project,
    kind: &str,
    name: &str,
) -> String {
    let key = format!("{kind} {name}");
    if let Some(g) = known.get(&key) {
        return g.clone();
    }
    let g = guid(project, &key);
    known.insert(key, g.clone());
    g
}

/// One span's selections; the two GUIDs are those of its annotator and its label.
fn selection_xml(
    project: &Project,
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
            guid(project, &format!("span {} part {k}", span.id))
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
            guid(project, &format!("coding {} part {k}", span.id)),
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
    use crate::formats::export::fixture;
    use std::io::Read;

    #[test]
    fn zip_holds_the_project_and_one_source_per_document() {
        let mut p = fixture::project();
        p.documents[0].spans[0].annotator = "Ana & Bo".into();
        p.documents[0].spans[0].created = "2026-05-04T10:15:00Z".into();
        let out = export(&p, &Progress::new()).expect("export");
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
            export(&p, &Progress::new()).expect("again").files,
            out.files,
            "deterministic"
        );
    }
}
