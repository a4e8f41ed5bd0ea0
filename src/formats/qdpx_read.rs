//! REFI-QDA project import: text sources, coded selections, links and variables from a
//! `.qdpx` written by MAXQDA, NVivo, ATLAS.ti, QualCoder or Lectern.
//!
//! Each `TextSource` becomes a document: its text from `sources/` in the zip (the
//! `internal://` path, or a bare file name as some tools write) or its `PlainTextContent`.
//! Each `Coding` of a `PlainTextSelection` becomes a span labelled with the code's name; the
//! selection's `Description` becomes the note, its `creatingUser` the annotator. Selections
//! named `span ID part K` (Lectern's discontinuous spans) coded alike are joined again.
//! `Link`s between two selections of one source become relations named by the link.
//! Variables named outlet, date, URL or author fill those fields; other variables become
//! custom fields. Pictures, PDFs, audio, video, cases, sets, notes and links between other
//! things are reported, not kept.
//!
//! Positions are code points from 0, end exclusive, counting a CRLF as two characters as
//! the specification's "Unicode codepoint" says (NVivo does so); a project whose `origin`
//! names ATLAS.ti counts CRLF as one, as ATLAS.ti does (TEST-VECTORS 5). Either way the
//! text is stored with `\n` line ends and the offsets moved with it.

use super::import::{ImportError, Imported, document_from, expand, normalise_newlines, push_span};
use super::zip_limit::ZipBudget;
use crate::model::{Relation, RelationId, SpanId};
use crate::progress::{Progress, Unit};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Default)]
struct Selection {
    guid: String,
    name: String,
    start: usize,
    end: usize,
    user: String,
    created: String,
    note: String,
    codes: Vec<String>,
}

#[derive(Default)]
struct Source {
    guid: String,
    name: String,
    path: String,
    content: String,
    memo: String,
    selections: Vec<Selection>,
    variables: Vec<(String, String)>,
}

#[derive(Default)]
struct Qde {
    origin: String,
    codes: HashMap<String, (String, String)>,
    users: HashMap<String, String>,
    variables: HashMap<String, String>,
    sources: Vec<Source>,
    links: Vec<(String, String, String)>,
    skipped: Vec<String>,
}

/// Reads `.qdpx` files.
pub fn read(paths: &[PathBuf], progress: &Progress) -> Result<Imported, ImportError> {
    let mut out = Imported::default();
    let files = expand(paths, &["qdpx"])?;
    progress.start_phase("Reading", Unit::Items("files"), files.len() as u64);
    for path in files {
        read_one(&path, &mut out)?;
        progress.advance(1)?;
    }
    if out.documents.is_empty() {
        return Err(ImportError::Nothing {
            what: "REFI-QDA text sources",
            path: paths.first().cloned().unwrap_or_default(),
        });
    }
    Ok(out)
}

fn zip_err(path: &Path, e: impl std::fmt::Display) -> ImportError {
    ImportError::syntax(path, 0, format!("not a readable .qdpx zip: {e}"))
}

fn read_one(path: &Path, out: &mut Imported) -> Result<(), ImportError> {
    let file = std::fs::File::open(path).map_err(|e| ImportError::io(path, e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| zip_err(path, e))?;
    // Everything read from one archive, the project and its sources, shares one budget.
    let mut budget = ZipBudget::new(super::import::MAX_IMPORT_BYTES);
    let xml = budget
        .read(&mut zip, "project.qde")
        .map_err(|e| zip_err(path, e))?
        .ok_or_else(|| zip_err(path, "project.qde: not in the archive"))?;
    let xml = String::from_utf8(xml).map_err(|e| {
        zip_err(
            path,
            format!(
                "project.qde: not UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    let qde = parse(&xml, path)?;
    let at = |what: &str| format!("{}: {what}", path.display());
    out.warnings.extend(qde.skipped.iter().map(|s| at(s)));
    let lf_only = qde.origin.to_ascii_lowercase().contains("atlas");
    for (guid, (name, color)) in &qde.codes {
        let _ = guid;
        if let Some(c) = normalise_color(color) {
            out.colors.entry(name.clone()).or_insert(c);
        }
    }
    for source in &qde.sources {
        let raw = match source_text(&mut zip, &mut budget, source).map_err(|e| zip_err(path, e))? {
            Some(t) => t,
            None => {
                out.warnings.push(at(&format!(
                    "source \"{}\" skipped: its text {} is not in the project",
                    source.name, source.path
                )));
                continue;
            }
        };
        out.documents.push(document(
            &qde,
            source,
            &raw,
            lf_only,
            path,
            &mut out.warnings,
        ));
    }
    Ok(())
}

fn normalise_color(c: &str) -> Option<String> {
    let hex = c.trim().trim_start_matches('#');
    let full = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_owned(),
        _ => return None,
    };
    full.chars()
        .all(|c| c.is_ascii_hexdigit())
        .then(|| format!("#{}", full.to_ascii_lowercase()))
}

/// A source's text: inline, or its entry under `sources/` read within the budget. `None`
/// when the entry is missing or not UTF-8 (the source is skipped with a warning); an
/// error when the entry breaks the archive's limits (nothing is imported).
fn source_text(
    zip: &mut zip::ZipArchive<std::fs::File>,
    budget: &mut ZipBudget,
    source: &Source,
) -> Result<Option<String>, String> {
    if source.path.is_empty() {
        return Ok((!source.content.is_empty()).then(|| source.content.clone()));
    }
    let name = source
        .path
        .strip_prefix("internal://")
        .unwrap_or(&source.path);
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let Some(bytes) = budget.read(zip, &format!("sources/{name}"))? else {
        return Ok(None);
    };
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    Ok(String::from_utf8(bytes.to_vec()).ok())
}

/// `span ID part K` → `span ID`, the key that joins a discontinuous span's parts.
fn part_group(name: &str) -> Option<&str> {
    let (head, k) = name.rsplit_once(" part ")?;
    let id = head.strip_prefix("span ")?;
    (id.parse::<u32>().is_ok() && k.parse::<u32>().is_ok()).then_some(head)
}

fn document(
    qde: &Qde,
    source: &Source,
    raw: &str,
    lf_only: bool,
    path: &Path,
    warnings: &mut Vec<String>,
) -> crate::model::Document {
    let at = |what: String| format!("{}: source \"{}\": {what}", path.display(), source.name);
    let (mut doc, mut map) = document_from(&source.name, raw, &path.display().to_string());
    if lf_only {
        let (text, _) = normalise_newlines(raw);
        map = (0..=text.chars().count()).collect();
    }
    doc.memo.clone_from(&source.memo);
    for (var, value) in &source.variables {
        let name = qde
            .variables
            .get(var)
            .cloned()
            .unwrap_or_else(|| var.clone());
        match name.to_ascii_lowercase().as_str() {
            "outlet" => doc.metadata.outlet.clone_from(value),
            "date" => doc.metadata.date.clone_from(value),
            "url" => doc.metadata.url.clone_from(value),
            "author" => doc.metadata.author.clone_from(value),
            _ => {
                doc.metadata.custom.insert(name, value.clone());
            }
        }
    }
    // (group key, code) -> selection indices, in document order.
    let mut groups: Vec<((String, String), Vec<usize>)> = Vec::new();
    for (i, sel) in source.selections.iter().enumerate() {
        if sel.codes.is_empty() {
            warnings.push(at(format!(
                "selection {}-{} has no code; not kept",
                sel.start, sel.end
            )));
        }
        for code in &sel.codes {
            let key = (
                part_group(&sel.name).map_or_else(|| sel.guid.clone(), str::to_owned),
                code.clone(),
            );
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(i),
                None => groups.push((key, vec![i])),
            }
        }
    }
    let mut span_of: HashMap<&str, SpanId> = HashMap::new();
    let mut next = 1;
    for ((_, code), members) in &groups {
        let label = qde.codes.get(code).map_or(code.as_str(), |c| c.0.as_str());
        let pieces: Vec<(usize, usize)> = members
            .iter()
            .map(|&i| (source.selections[i].start, source.selections[i].end))
            .collect();
        let first = &source.selections[members[0]];
        match push_span(&mut doc, &map, next, label, &pieces) {
            Some(id) => {
                if let Some(span) = doc.spans.last_mut() {
                    span.note.clone_from(&first.note);
                    span.annotator = qde.users.get(&first.user).cloned().unwrap_or_default();
                    span.created.clone_from(&first.created);
                }
                for &i in members {
                    span_of
                        .entry(source.selections[i].guid.as_str())
                        .or_insert(id);
                }
                next += 1;
            }
            None => warnings.push(at(format!(
                "selection {pieces:?} ({label}) is empty or outside the text; not kept"
            ))),
        }
    }
    for (name, from, to) in &qde.links {
        let (Some(&a), Some(&b)) = (span_of.get(from.as_str()), span_of.get(to.as_str())) else {
            continue;
        };
        doc.relations.push(Relation {
            id: RelationId(u32::try_from(doc.relations.len() + 1).unwrap_or(u32::MAX)),
            kind: if name.is_empty() {
                "linked".to_owned()
            } else {
                name.clone()
            },
            from: a,
            to: b,
            note: String::new(),
        });
    }
    doc
}

fn attr(e: &BytesStart<'_>, name: &str) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
        .unwrap_or_default()
}

fn position(e: &BytesStart<'_>, name: &str, path: &Path) -> Result<usize, ImportError> {
    let v = attr(e, name);
    v.trim().parse().map_err(|_| {
        ImportError::syntax(
            path,
            0,
            format!("PlainTextSelection {name}=\"{v}\" is not a position"),
        )
    })
}

/// Parses project.qde into the parts Lectern keeps.
fn parse(xml: &str, path: &Path) -> Result<Qde, ImportError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut qde = Qde::default();
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut var_ref = String::new();
    let mut all_links: Vec<(String, String, String)> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| {
            ImportError::syntax(
                path,
                0,
                format!("project.qde at byte {}: {e}", reader.buffer_position()),
            )
        })?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let is_start = matches!(event, Event::Start(_));
                let name = e.local_name().as_ref().to_owned();
                let parent = stack.last().map(String::as_str).unwrap_or_default();
                text.clear();
                match name.as_str() {
                    "Project" => qde.origin = attr(e, "origin"),
                    "User" => {
                        qde.users.insert(attr(e, "guid"), attr(e, "name"));
                    }
                    "Code" => {
                        qde.codes
                            .insert(attr(e, "guid"), (attr(e, "name"), attr(e, "color")));
                    }
                    "Variable" => {
                        qde.variables.insert(attr(e, "guid"), attr(e, "name"));
                    }
                    "TextSource" if parent == "Sources" => qde.sources.push(Source {
                        guid: attr(e, "guid"),
                        name: attr(e, "name"),
                        path: attr(e, "plainTextPath"),
                        ..Source::default()
                    }),
                    "PictureSource" | "PDFSource" | "AudioSource" | "VideoSource" => {
                        qde.skipped.push(format!(
                            "{name} \"{}\" not kept: Lectern holds text only",
                            attr(e, "name")
                        ));
                    }
                    "PlainTextSelection" => {
                        let sel = Selection {
                            guid: attr(e, "guid"),
                            name: attr(e, "name"),
                            start: position(e, "startPosition", path)?,
                            end: position(e, "endPosition", path)?,
                            user: attr(e, "creatingUser"),
                            created: attr(e, "creationDateTime"),
                            ..Selection::default()
                        };
                        if let Some(s) = qde.sources.last_mut() {
                            s.selections.push(sel);
                        }
                    }
                    "CodeRef" if parent == "Coding" => {
                        let in_selection = stack.iter().rev().nth(1).map(String::as_str)
                            == Some("PlainTextSelection");
                        let target = attr(e, "targetGUID");
                        match qde.sources.last_mut().and_then(|s| s.selections.last_mut()) {
                            Some(sel) if in_selection => sel.codes.push(target),
                            _ => qde.skipped.push(format!(
                                "a coding of a whole source or other item (code {target}) not kept"
                            )),
                        }
                    }
                    "VariableRef" => var_ref = attr(e, "targetGUID"),
                    "Link" => all_links.push((
                        attr(e, "name"),
                        attr(e, "originGUID"),
                        attr(e, "targetGUID"),
                    )),
                    "Case" | "Set" | "Note" | "Graph" => {
                        qde.skipped
                            .push(format!("{name} \"{}\" not kept", attr(e, "name")));
                    }
                    _ => {}
                }
                if is_start {
                    stack.push(name);
                }
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(t),
            Event::GeneralRef(r) => {
                let raw = format!("&{};", &**r);
                match quick_xml::escape::unescape(&raw) {
                    Ok(s) => text.push_str(&s),
                    Err(_) => text.push_str(&raw),
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_owned();
                stack.pop();
                let parent = stack.last().map(String::as_str).unwrap_or_default();
                let source = qde.sources.last_mut();
                match (name.as_str(), parent, source) {
                    ("Description", "PlainTextSelection", Some(s)) => {
                        if let Some(sel) = s.selections.last_mut() {
                            sel.note = std::mem::take(&mut text);
                        }
                    }
                    ("Description", "TextSource", Some(s)) => s.memo = std::mem::take(&mut text),
                    ("PlainTextContent", "TextSource", Some(s)) => {
                        s.content = std::mem::take(&mut text);
                    }
                    (
                        "TextValue" | "BooleanValue" | "IntegerValue" | "FloatValue" | "DateValue"
                        | "DateTimeValue",
                        "VariableValue",
                        _,
                    ) => {
                        let in_source =
                            stack.iter().rev().nth(1).map(String::as_str) == Some("TextSource");
                        if in_source && let Some(s) = qde.sources.last_mut() {
                            s.variables
                                .push((std::mem::take(&mut var_ref), std::mem::take(&mut text)));
                        }
                    }
                    _ => {}
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let selections: HashMap<&str, &str> = qde
        .sources
        .iter()
        .flat_map(|s| {
            s.selections
                .iter()
                .map(move |sel| (sel.guid.as_str(), s.guid.as_str()))
        })
        .collect();
    for (name, from, to) in all_links {
        match (selections.get(from.as_str()), selections.get(to.as_str())) {
            (Some(a), Some(b)) if a == b => qde.links.push((name, from, to)),
            _ => qde.skipped.push(format!(
                "link \"{name}\" not kept: Lectern links two coded selections of one source"
            )),
        }
    }
    Ok(qde)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::export::fixture;
    use crate::model::Project;

    #[test]
    fn lectern_qdpx_round_trips() {
        let mut p = fixture::project();
        let e = crate::model::Extent::from_pieces(&p.documents[0].text, &[(1, 5), (24, 27)])
            .expect("extent");
        p.documents[0].spans[0].set_extent(&e);
        p.documents[0].spans[0].annotator = "Ana".into();
        p.documents[0].relations.push(Relation {
            id: RelationId(1),
            kind: "describes".into(),
            from: SpanId(2),
            to: SpanId(1),
            note: String::new(),
        });
        let out = super::super::qdpx::export(&p, &Progress::new()).expect("export");
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("p.qdpx");
        std::fs::write(&file, &out.files[0].bytes).expect("write");
        let imported = read(&[file], &Progress::new()).expect("read");
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        let mut q = Project::new("Bridge row");
        for e in imported.into_edits(&q).edits {
            e.apply(&mut q).expect("apply");
        }
        let view = |p: &Project| {
            p.documents
                .iter()
                .map(|d| {
                    let spans: Vec<_> = d
                        .spans
                        .iter()
                        .map(|s| {
                            (
                                s.label.clone(),
                                s.pieces(),
                                s.note.clone(),
                                s.annotator.clone(),
                            )
                        })
                        .collect();
                    let rels: Vec<_> = d
                        .relations
                        .iter()
                        .map(|r| (r.kind.clone(), r.from, r.to))
                        .collect();
                    (
                        d.title.clone(),
                        d.text.as_str().to_owned(),
                        d.metadata.clone(),
                        spans,
                        rels,
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(view(&q), view(&p));
    }

    #[test]
    fn crlf_counts_two_unless_atlas() {
        let (doc_text, raw) = ("a\nbc", "a\r\nbc");
        let mut qde = Qde::default();
        qde.codes.insert("c".into(), ("X".into(), "#fff".into()));
        let source = Source {
            name: "s".into(),
            selections: vec![Selection {
                guid: "g".into(),
                start: 3,
                end: 5,
                codes: vec!["c".into()],
                ..Selection::default()
            }],
            ..Source::default()
        };
        let mut w = Vec::new();
        let d = document(&qde, &source, raw, false, Path::new("x"), &mut w);
        assert_eq!(d.text.as_str(), doc_text);
        assert_eq!(d.spans[0].text, "bc");
        let d = document(&qde, &source, raw, true, Path::new("x"), &mut w);
        assert!(d.spans.is_empty() || d.spans[0].text != "bc");
        assert_eq!(normalise_color("#fA0"), Some("#ffaa00".into()));
    }
}
