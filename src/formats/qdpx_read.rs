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

use super::field_map::set_variable;
use super::import::{ImportError, Imported, document_from, normalise_newlines};
use super::reader::{SpanDraft, add_relation, add_spans, read_files};
use super::warning::{Warning, kind};
use super::zip_limit::ZipBudget;
use crate::model::SpanId;
use crate::progress::Progress;
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
    read_files(
        paths,
        &["qdpx"],
        "REFI-QDA text sources",
        progress,
        read_one,
    )
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
    out.warnings.extend(
        qde.skipped
            .iter()
            .map(|s| Warning::new(kind::NO_PLACE, at(s))),
    );
    let lf_only = qde.origin.to_ascii_lowercase().contains("atlas");
    for (name, color) in qde.codes.values() {
        if let Some(c) = normalise_color(color) {
            out.colors.entry(name.clone()).or_insert(c);
        }
    }
    for source in &qde.sources {
        let raw = source_text(&mut zip, &mut budget, source).map_err(|e| zip_err(path, e))?;
        let Some(raw) = raw else {
            let text = at(&format!(
                "source \"{}\" skipped: its text {} is not in the project",
                source.name, source.path
            ));
            out.warnings.push(Warning::new(kind::NO_TEXT, text));
            continue;
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
    warnings: &mut Vec<Warning>,
) -> crate::model::Document {
    let at = format!("{}: source \"{}\"", path.display(), source.name);
    let (mut doc, mut map) = document_from(&source.name, raw, &path.display().to_string());
    if lf_only {
        let (text, _) = normalise_newlines(raw);
        map = (0..=text.chars().count()).collect();
    }
    doc.memo.clone_from(&source.memo);
    for (var, value) in &source.variables {
        let name = qde.variables.get(var).unwrap_or(var);
        set_variable(&mut doc, name, value);
    }
    let groups = selection_groups(source, &at, warnings);
    let drafts = groups
        .iter()
        .map(|((_, code), members)| {
            let first = &source.selections[members[0]];
            SpanDraft {
                label: qde.codes.get(code).map_or(code, |c| &c.0).clone(),
                pieces: members
                    .iter()
                    .map(|&i| (source.selections[i].start, source.selections[i].end))
                    .collect(),
                note: first.note.clone(),
                annotator: qde.users.get(&first.user).cloned().unwrap_or_default(),
                created: first.created.clone(),
                ..SpanDraft::default()
            }
        })
        .collect();
    let made = add_spans(
        &mut doc,
        &map,
        drafts,
        &at,
        |_| "selection".to_owned(),
        warnings,
    );
    let mut span_of: HashMap<&str, SpanId> = HashMap::new();
    for ((_, members), span) in groups.iter().zip(made) {
        if let Some(span) = span {
            for &i in members {
                span_of
                    .entry(source.selections[i].guid.as_str())
                    .or_insert(span);
            }
        }
    }
    for (name, from, to) in &qde.links {
        if let (Some(&a), Some(&b)) = (span_of.get(from.as_str()), span_of.get(to.as_str())) {
            add_relation(
                &mut doc,
                if name.is_empty() { "linked" } else { name },
                a,
                b,
            );
        }
    }
    doc
}

/// (part group or guid, code) -> the selections coded with it, in document order: the
/// parts of one discontinuous span coded alike are one group. Selections without a code
/// are reported.
fn selection_groups(
    source: &Source,
    at: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<((String, String), Vec<usize>)> {
    let mut groups: Vec<((String, String), Vec<usize>)> = Vec::new();
    for (i, sel) in source.selections.iter().enumerate() {
        if sel.codes.is_empty() {
            warnings.push(Warning::new(
                kind::NO_PLACE,
                format!(
                    "{at}: selection {}-{} has no code; not kept",
                    sel.start, sel.end
                ),
            ));
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
    groups
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
    let mut parser = Parser {
        path,
        qde: Qde::default(),
        stack: Vec::new(),
        text: String::new(),
        var_ref: String::new(),
        links: Vec::new(),
    };
    loop {
        let event = reader.read_event().map_err(|e| {
            ImportError::syntax(
                path,
                0,
                format!("project.qde at byte {}: {e}", reader.buffer_position()),
            )
        })?;
        match &event {
            Event::Start(e) => parser.start(e, true)?,
            Event::Empty(e) => parser.start(e, false)?,
            Event::Text(t) => parser.text.push_str(&t.xml10_content()),
            Event::CData(t) => parser.text.push_str(t),
            Event::GeneralRef(r) => {
                let raw = format!("&{};", &**r);
                match quick_xml::escape::unescape(&raw) {
                    Ok(s) => parser.text.push_str(&s),
                    Err(_) => parser.text.push_str(&raw),
                }
            }
            Event::End(e) => parser.end(e.local_name().as_ref()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(parser.finish())
}

/// The state of reading project.qde: what was read so far, the open elements and the
/// text of the innermost one.
struct Parser<'p> {
    path: &'p Path,
    qde: Qde,
    stack: Vec<String>,
    text: String,
    var_ref: String,
    links: Vec<(String, String, String)>,
}

impl Parser<'_> {
    /// The open element `up` levels above the innermost one (0: its parent).
    fn ancestor(&self, up: usize) -> &str {
        self.stack
            .iter()
            .rev()
            .nth(up)
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// An opening (or empty) element.
    fn start(&mut self, e: &BytesStart<'_>, is_start: bool) -> Result<(), ImportError> {
        let name = e.local_name().as_ref().to_owned();
        self.text.clear();
        match name.as_str() {
            "Project" => self.qde.origin = attr(e, "origin"),
            "User" => {
                self.qde.users.insert(attr(e, "guid"), attr(e, "name"));
            }
            "Code" => {
                let code = (attr(e, "name"), attr(e, "color"));
                self.qde.codes.insert(attr(e, "guid"), code);
            }
            "Variable" => {
                self.qde.variables.insert(attr(e, "guid"), attr(e, "name"));
            }
            "TextSource" if self.ancestor(0) == "Sources" => self.qde.sources.push(Source {
                guid: attr(e, "guid"),
                name: attr(e, "name"),
                path: attr(e, "plainTextPath"),
                ..Source::default()
            }),
            "PictureSource" | "PDFSource" | "AudioSource" | "VideoSource" => {
                self.qde.skipped.push(format!(
                    "{name} \"{}\" not kept: Lectern holds text only",
                    attr(e, "name")
                ));
            }
            "PlainTextSelection" => self.selection(e)?,
            "CodeRef" if self.ancestor(0) == "Coding" => self.code_ref(e),
            "VariableRef" => self.var_ref = attr(e, "targetGUID"),
            "Link" => self.links.push((
                attr(e, "name"),
                attr(e, "originGUID"),
                attr(e, "targetGUID"),
            )),
            "Case" | "Set" | "Note" | "Graph" => {
                let what = format!("{name} \"{}\" not kept", attr(e, "name"));
                self.qde.skipped.push(what);
            }
            _ => {}
        }
        if is_start {
            self.stack.push(name);
        }
        Ok(())
    }

    fn selection(&mut self, e: &BytesStart<'_>) -> Result<(), ImportError> {
        let sel = Selection {
            guid: attr(e, "guid"),
            name: attr(e, "name"),
            start: position(e, "startPosition", self.path)?,
            end: position(e, "endPosition", self.path)?,
            user: attr(e, "creatingUser"),
            created: attr(e, "creationDateTime"),
            ..Selection::default()
        };
        if let Some(s) = self.qde.sources.last_mut() {
            s.selections.push(sel);
        }
        Ok(())
    }

    /// A code given to the selection being read (or, not kept, to something else).
    fn code_ref(&mut self, e: &BytesStart<'_>) {
        let in_selection = self.ancestor(1) == "PlainTextSelection";
        let target = attr(e, "targetGUID");
        match self
            .qde
            .sources
            .last_mut()
            .and_then(|s| s.selections.last_mut())
        {
            Some(sel) if in_selection => sel.codes.push(target),
            _ => self.qde.skipped.push(format!(
                "a coding of a whole source or other item (code {target}) not kept"
            )),
        }
    }

    /// A closing element: its text goes to the note, memo, content or variable it is.
    fn end(&mut self, name: &str) {
        self.stack.pop();
        let parent = self.ancestor(0).to_owned();
        let in_source = self.ancestor(1) == "TextSource";
        let text = std::mem::take(&mut self.text);
        let Some(source) = self.qde.sources.last_mut() else {
            return;
        };
        match (name, parent.as_str()) {
            ("Description", "PlainTextSelection") => {
                if let Some(sel) = source.selections.last_mut() {
                    sel.note = text;
                }
            }
            ("Description", "TextSource") => source.memo = text,
            ("PlainTextContent", "TextSource") => source.content = text,
            (
                "TextValue" | "BooleanValue" | "IntegerValue" | "FloatValue" | "DateValue"
                | "DateTimeValue",
                "VariableValue",
            ) if in_source => {
                source
                    .variables
                    .push((std::mem::take(&mut self.var_ref), text));
            }
            _ => {}
        }
    }

    /// The project read, with only the links between two selections of one source.
    fn finish(mut self) -> Qde {
        let selections: HashMap<&str, &str> = self
            .qde
            .sources
            .iter()
            .flat_map(|s| {
                s.selections
                    .iter()
                    .map(move |sel| (sel.guid.as_str(), s.guid.as_str()))
            })
            .collect();
        let mut links = Vec::new();
        let mut skipped = Vec::new();
        for (name, from, to) in self.links {
            match (selections.get(from.as_str()), selections.get(to.as_str())) {
                (Some(a), Some(b)) if a == b => links.push((name, from, to)),
                _ => skipped.push(format!(
                    "link \"{name}\" not kept: Lectern links two coded selections of one source"
                )),
            }
        }
        self.qde.links = links;
        self.qde.skipped.extend(skipped);
        self.qde
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::export::fixture;
    use crate::model::Project;
    use crate::model::{Relation, RelationId};

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
        let out =
            crate::formats::export_project(&p, crate::formats::ExportFormat::Qdpx).expect("export");
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
