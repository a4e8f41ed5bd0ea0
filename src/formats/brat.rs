//! brat standoff, the format of the brat annotation tool and of many NLP corpora.
//!
//! Wire format (brat.nlplab.org/standoff.html): per document a `NAME.txt` holding the text
//! and a `NAME.ann` with one annotation per line, fields separated by tabs:
//! - `T1\tLABEL START END[;START END]…\tTEXT`: a span; a discontinuous span lists its
//!   fragments separated by `;`, and TEXT is the fragments' texts joined by one space;
//! - `R1\tTYPE Arg1:T1 Arg2:T2`: a relation from Arg1 to Arg2;
//! - `A1\tNAME T1 VALUE` (or `A1\tNAME T1` for a yes/no attribute that is `yes`);
//! - `#1\tAnnotatorNotes T1\tNOTE`: a span's or relation's note.
//!
//! Offsets are Unicode code points of the `.txt`, end exclusive. Lectern writes `.txt`
//! with `\n` line ends, exactly its stored text, so there is no CRLF ambiguity in its
//! exports. On import, brat counts **every raw character, `\r` included** (what brat's
//! server does on Python 3 and what `validate_brat.py` checks by default); Lectern then
//! turns CRLF into LF and moves the offsets with it. A file written by old brat (Python 2,
//! universal newlines: CRLF counted as one) is recognised when its offsets only match the
//! text that way, and the import says so.
//!
//! What brat cannot hold is made to fit and documented: a span crossing a line break is
//! written as fragments split at the break (brat's own convention), label and type names
//! get `_` for whitespace, an attribute value's whitespace and `%` are percent-encoded
//! (`%20`, `%25`), and a note's line breaks are written as `\n` (turned back on import).
//! Document metadata and memos have no place in brat and are not exported.

use super::export::{ExportError, ExportFile, Exported, checked_pieces};
use super::import::{ImportError, Imported, expand, normalise_newlines, read_utf8};
use crate::model::{
    AttributeKind, DocId, Document, Extent, Project, Relation, RelationId, Span, SpanId,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Exports the project as a brat folder: `.txt` + `.ann` per document, `annotation.conf`.
pub fn export(project: &Project) -> Result<Exported, ExportError> {
    let mut files = Vec::new();
    let mut used = HashSet::new();
    let mut spans = 0;
    for doc in &project.documents {
        let stem = unique_stem(&doc.title, doc.id, &mut used);
        let (ann, n) = ann_of(project, doc)?;
        spans += n;
        files.push(ExportFile {
            name: format!("{stem}.txt"),
            bytes: doc.text.as_str().as_bytes().to_vec(),
        });
        files.push(ExportFile {
            name: format!("{stem}.ann"),
            bytes: ann.into_bytes(),
        });
    }
    files.push(ExportFile {
        name: "annotation.conf".to_owned(),
        bytes: conf_of(project).into_bytes(),
    });
    Ok(Exported { files, spans })
}

/// A file name stem from a title: letters, digits, `-` and `_` kept, runs of anything else
/// become one `_`; at most 60 characters; never empty, never starting with a dot; unique
/// ignoring case (a clash gets `-ID`).
pub fn unique_stem(title: &str, id: DocId, used: &mut HashSet<String>) -> String {
    let mut stem = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() || c == '-' {
            stem.push(c);
        } else if !stem.ends_with('_') {
            stem.push('_');
        }
    }
    let mut stem: String = stem.trim_matches('_').chars().take(60).collect();
    if stem.is_empty() {
        stem = format!("document-{id}");
    }
    let reserved = ["con", "prn", "aux", "nul", "annotation"];
    if reserved.contains(&stem.to_ascii_lowercase().as_str()) {
        stem.push_str(&format!("-{id}"));
    }
    let mut candidate = stem.clone();
    let mut n = 1;
    while !used.insert(candidate.to_lowercase()) {
        candidate = if n == 1 {
            format!("{stem}-{id}")
        } else {
            format!("{stem}-{id}-{n}")
        };
        n += 1;
    }
    candidate
}

/// A label or type name as brat accepts it: whitespace becomes `_`.
fn type_name(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect();
    if s.is_empty() { "_".to_owned() } else { s }
}

fn encode_value(v: &str) -> String {
    let mut out = String::new();
    for c in v.chars() {
        if c == '%' || c.is_whitespace() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn decode_value(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = v
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| v.to_owned())
}

fn encode_note(note: &str) -> String {
    note.replace("\r\n", "\\n").replace(['\n', '\r'], "\\n")
}

fn decode_note(note: &str) -> String {
    note.replace("\\n", "\n")
}

/// The pieces of a span as brat writes them: split at line breaks, breaks left out.
fn brat_pieces(pieces: &[(usize, usize, &str)]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for &(start, _, text) in pieces {
        let mut at = start;
        let mut current = String::new();
        let mut current_start = start;
        for c in text.chars() {
            if c == '\n' || c == '\r' {
                if !current.is_empty() {
                    out.push((current_start, at, std::mem::take(&mut current)));
                }
                current_start = at + 1;
            } else {
                current.push(c);
            }
            at += 1;
        }
        if !current.is_empty() {
            out.push((current_start, at, current));
        }
    }
    out
}

fn ann_of(project: &Project, doc: &Document) -> Result<(String, usize), ExportError> {
    let mut ann = String::new();
    let mut t_of: HashMap<SpanId, usize> = HashMap::new();
    let (mut a, mut note) = (0, 0);
    let mut spans: Vec<&Span> = doc.spans.iter().collect();
    spans.sort_by_key(|s| s.order_key());
    for (i, span) in spans.iter().enumerate() {
        let t = i + 1;
        t_of.insert(span.id, t);
        let pieces = brat_pieces(&checked_pieces(doc, span)?);
        if pieces.is_empty() {
            return Err(ExportError::Unrepresentable {
                format: "brat",
                what: format!(
                    "span {} of document {} (\"{}\"): it holds only line breaks",
                    span.id, doc.id, doc.title
                ),
            });
        }
        let ranges: Vec<String> = pieces.iter().map(|(s, e, _)| format!("{s} {e}")).collect();
        let texts: Vec<&str> = pieces.iter().map(|(_, _, t)| t.as_str()).collect();
        // Self-check: each written range selects its piece of the written .txt.
        for (s, e, piece) in &pieces {
            super::export::check_written(doc, span, doc.text.as_str(), (*s, *e), piece)?;
        }
        let _ = writeln!(
            ann,
            "T{t}\t{} {}\t{}",
            type_name(&span.label),
            ranges.join(";"),
            texts.join(" ")
        );
        for (name, value) in &span.attributes {
            if value.is_empty() {
                continue;
            }
            let yes_no = project.label(&span.label).is_some_and(|l| {
                l.attributes
                    .iter()
                    .any(|d| d.name == *name && d.kind == AttributeKind::YesNo)
            });
            a += 1;
            if yes_no && value == "yes" {
                let _ = writeln!(ann, "A{a}\t{} T{t}", type_name(name));
            } else {
                let _ = writeln!(
                    ann,
                    "A{a}\t{} T{t} {}",
                    type_name(name),
                    encode_value(value)
                );
            }
        }
        if !span.note.is_empty() {
            note += 1;
            let _ = writeln!(
                ann,
                "#{note}\tAnnotatorNotes T{t}\t{}",
                encode_note(&span.note)
            );
        }
    }
    for (i, r) in doc.relations.iter().enumerate() {
        let (Some(from), Some(to)) = (t_of.get(&r.from), t_of.get(&r.to)) else {
            return Err(ExportError::BadSpan {
                doc: doc.id,
                span: r.from,
                message: format!("relation {} links a span that does not exist", r.id),
            });
        };
        let n = i + 1;
        let _ = writeln!(
            ann,
            "R{n}\t{} Arg1:T{from} Arg2:T{to}\t",
            type_name(&r.kind)
        );
        if !r.note.is_empty() {
            note += 1;
            let _ = writeln!(
                ann,
                "#{note}\tAnnotatorNotes R{n}\t{}",
                encode_note(&r.note)
            );
        }
    }
    Ok((ann, spans.len()))
}

fn conf_of(project: &Project) -> String {
    let mut conf = String::from(
        "# Written by Lectern: the project's labels, relation types and attributes.\n[entities]\n",
    );
    let mut labels: Vec<String> = project.labels.iter().map(|l| type_name(&l.name)).collect();
    for d in &project.documents {
        labels.extend(d.spans.iter().map(|s| type_name(&s.label)));
    }
    let mut seen = HashSet::new();
    labels.retain(|l| seen.insert(l.clone()));
    for l in &labels {
        conf.push_str(l);
        conf.push('\n');
    }
    conf.push_str("\n[relations]\n");
    let mut types: Vec<&str> = project
        .relation_types
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    for d in &project.documents {
        types.extend(d.relations.iter().map(|r| r.kind.as_str()));
    }
    let mut seen = HashSet::new();
    types.retain(|t| seen.insert(*t));
    for t in types {
        let rt = project.relation_type(t);
        let side = |list: Option<&Vec<String>>| match list {
            Some(l) if !l.is_empty() => {
                l.iter().map(|x| type_name(x)).collect::<Vec<_>>().join("|")
            }
            _ => "<ENTITY>".to_owned(),
        };
        let _ = writeln!(
            conf,
            "{}\tArg1:{}, Arg2:{}",
            type_name(t),
            side(rt.map(|r| &r.from)),
            side(rt.map(|r| &r.to))
        );
    }
    conf.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    conf.push_str("\n[events]\n\n[attributes]\n");
    // Attribute name -> (labels it is on, values used, yes/no).
    let mut attrs: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>, bool)> = BTreeMap::new();
    for l in &project.labels {
        for a in &l.attributes {
            let e = attrs.entry(type_name(&a.name)).or_default();
            e.0.insert(type_name(&l.name));
            match &a.kind {
                AttributeKind::YesNo => e.2 = true,
                AttributeKind::Choice(options) => {
                    e.1.extend(options.iter().map(|o| encode_value(o)));
                }
                AttributeKind::Text => {}
            }
        }
    }
    for d in &project.documents {
        for s in &d.spans {
            for (name, value) in &s.attributes {
                let e = attrs.entry(type_name(name)).or_default();
                e.0.insert(type_name(&s.label));
                if (!e.2 || value != "yes") && !value.is_empty() {
                    e.1.insert(encode_value(value));
                }
            }
        }
    }
    for (name, (labels, values, _)) in attrs {
        let labels: Vec<String> = labels.into_iter().collect();
        let _ = write!(conf, "{name}\tArg:{}", labels.join("|"));
        if !values.is_empty() {
            let values: Vec<String> = values.into_iter().collect();
            let _ = write!(conf, ", Value:{}", values.join("|"));
        }
        conf.push('\n');
    }
    conf
}

/// Reads brat folders and `.txt`/`.ann` files. Each `.ann` is paired with the `.txt` of
/// the same name (required); a `.txt` without `.ann` becomes a document with no spans.
pub fn read(paths: &[PathBuf]) -> Result<Imported, ImportError> {
    let files = expand(paths, &["ann", "txt"])?;
    let mut stems: Vec<PathBuf> = Vec::new();
    for f in &files {
        let ext = f
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !matches!(ext.as_deref(), Some("ann" | "txt")) {
            return Err(ImportError::syntax(
                f,
                0,
                "not a brat file; brat imports read .ann and .txt files or a folder of them",
            ));
        }
        let stem = f.with_extension("");
        if !stems.contains(&stem) {
            stems.push(stem);
        }
    }
    let mut out = Imported::default();
    for stem in &stems {
        let txt = with_suffix(stem, ".txt");
        let ann = with_suffix(stem, ".ann");
        if !txt.exists() {
            return Err(ImportError::syntax(
                &ann,
                0,
                format!(
                    "its text {} is missing; brat keeps the text beside the .ann",
                    txt.display()
                ),
            ));
        }
        let raw = read_utf8(&txt)?;
        let ann_text = if ann.exists() {
            read_utf8(&ann)?
        } else {
            String::new()
        };
        let doc = read_pair(&raw, &ann_text, &ann, &mut out.warnings)?;
        out.documents.push(doc);
    }
    if out.documents.is_empty() {
        return Err(ImportError::Nothing {
            what: "brat .ann/.txt files",
            path: paths.first().cloned().unwrap_or_default(),
        });
    }
    Ok(out)
}

/// `stem` + `suffix`, keeping any dots in the stem (`esp.train-doc-29` + `.ann`).
fn with_suffix(stem: &Path, suffix: &str) -> PathBuf {
    let mut s = stem.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// One parsed T line: local id, label, raw pieces, text field, 1-based line.
struct TLine {
    id: String,
    label: String,
    pieces: Vec<(usize, usize)>,
    text: String,
    line: usize,
}

/// Parses one `.txt` (raw, with any CRLF) and its `.ann` into a document with local ids.
/// `ann_path` names the file in messages; lines that cannot be represented go to `warnings`.
pub fn read_pair(
    raw: &str,
    ann: &str,
    ann_path: &Path,
    warnings: &mut Vec<String>,
) -> Result<Document, ImportError> {
    let at = |line: usize| format!("{}:{line}", ann_path.display());
    let title = ann_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (text, map) = normalise_newlines(raw);
    let mut doc = Document::new(DocId(1), title.clone(), text);
    doc.source_path = ann_path.with_extension("txt").display().to_string();
    doc.title = title;
    doc.encoding = if raw.contains('\r') {
        "UTF-8, CRLF".into()
    } else {
        "UTF-8".into()
    };
    let mut tlines = Vec::new();
    let mut others = Vec::new();
    for (i, line) in ann.lines().enumerate() {
        let n = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with('T') {
            tlines.push(parse_t(line, n).map_err(|m| ImportError::syntax(ann_path, n, m))?);
        } else {
            others.push((n, line));
        }
    }
    // Which newline convention do the offsets follow? Raw (\r counted) unless only the
    // LF-counted text matches them.
    let raw_chars: Vec<char> = raw.chars().collect();
    let lf_chars: Vec<char> = doc.text.as_str().chars().collect();
    let matches = |chars: &[char], t: &TLine| {
        let parts: Option<Vec<String>> = t
            .pieces
            .iter()
            .map(|&(s, e)| chars.get(s..e).map(|c| c.iter().collect()))
            .collect();
        parts.is_some_and(|p| p.join(" ") == t.text)
    };
    let universal = raw.contains('\r')
        && tlines.iter().any(|t| !matches(&raw_chars, t))
        && tlines.iter().all(|t| matches(&lf_chars, t));
    if universal {
        warnings.push(format!(
            "{}: offsets count CRLF as one character (old brat); read that way",
            ann_path.display()
        ));
    }
    let chars = if universal { &lf_chars } else { &raw_chars };
    let mut spans: HashMap<String, SpanId> = HashMap::new();
    let mut next = 1;
    for t in tlines {
        if !matches(chars, &t) {
            warnings.push(format!(
                "{}: {} not imported: its text {:?} is not the text at its offsets",
                at(t.line),
                t.id,
                t.text
            ));
            continue;
        }
        let pieces: Vec<(usize, usize)> = if universal {
            t.pieces.clone()
        } else {
            t.pieces.iter().map(|&(s, e)| (map[s], map[e])).collect()
        };
        let Some(extent) = Extent::from_pieces(&doc.text, &pieces) else {
            warnings.push(format!(
                "{}: {} not imported: empty fragment",
                at(t.line),
                t.id
            ));
            continue;
        };
        let mut span = Span {
            id: SpanId(next),
            label: t.label,
            ..Default::default()
        };
        span.set_extent(&extent);
        next += 1;
        spans.insert(t.id, span.id);
        doc.spans.push(span);
    }
    read_others(&mut doc, &others, &spans, ann_path, warnings);
    Ok(doc)
}

fn parse_t(line: &str, n: usize) -> Result<TLine, String> {
    let _ = n;
    let mut fields = line.splitn(3, '\t');
    let id = fields.next().unwrap_or_default().to_owned();
    let (Some(middle), Some(text)) = (fields.next(), fields.next()) else {
        return Err(format!(
            "{id}: a T line needs ID, TYPE START END and TEXT separated by tabs"
        ));
    };
    let (label, ranges) = middle
        .split_once(' ')
        .ok_or_else(|| format!("{id}: no offsets after the type"))?;
    let mut pieces = Vec::new();
    for r in ranges.split(';') {
        let mut nums = r.split_whitespace().map(str::parse::<usize>);
        match (nums.next(), nums.next(), nums.next()) {
            (Some(Ok(s)), Some(Ok(e)), None) if s <= e => pieces.push((s, e)),
            _ => return Err(format!("{id}: bad offsets {r:?}; expected START END")),
        }
    }
    Ok(TLine {
        id,
        label: label.to_owned(),
        pieces,
        text: text.to_owned(),
        line: n,
    })
}

/// R, E, A/M and # lines, after the spans exist.
fn read_others(
    doc: &mut Document,
    lines: &[(usize, &str)],
    spans: &HashMap<String, SpanId>,
    path: &Path,
    warnings: &mut Vec<String>,
) {
    let at = |line: usize| format!("{}:{line}", path.display());
    let mut relations: HashMap<String, usize> = HashMap::new();
    // Event id -> trigger span, to resolve events used as arguments.
    let mut triggers: HashMap<String, SpanId> = HashMap::new();
    for (n, line) in lines {
        if let Some((id, rest)) = line.split_once('\t')
            && id.starts_with('E')
            && let Some((_, trigger)) = rest
                .split_whitespace()
                .next()
                .and_then(|a| a.split_once(':'))
            && let Some(&t) = spans.get(trigger)
        {
            triggers.insert(id.to_owned(), t);
        } else if line.starts_with('E') {
            warnings.push(format!(
                "{}: event not imported: its trigger is missing",
                at(*n)
            ));
        }
    }
    let resolve = |arg: &str| spans.get(arg).or_else(|| triggers.get(arg)).copied();
    let mut next_rel = 1;
    for (n, line) in lines {
        let mut fields = line.splitn(3, '\t');
        let id = fields.next().unwrap_or_default();
        let middle = fields.next().unwrap_or_default();
        let rest = fields.next().unwrap_or_default();
        let words: Vec<&str> = middle.split_whitespace().collect();
        let skip = |why: &str| format!("{}: {id} not imported: {why}", at(*n));
        match id.chars().next() {
            Some('R') => {
                let arg = |w: Option<&&str>| {
                    w.and_then(|w| w.split_once(':'))
                        .and_then(|(_, v)| resolve(v))
                };
                match (words.first(), arg(words.get(1)), arg(words.get(2))) {
                    (Some(kind), Some(from), Some(to)) if words.len() == 3 => {
                        relations.insert(id.to_owned(), doc.relations.len());
                        doc.relations.push(Relation {
                            id: RelationId(next_rel),
                            kind: (*kind).to_owned(),
                            from,
                            to,
                            note: String::new(),
                        });
                        next_rel += 1;
                    }
                    _ => {
                        warnings.push(skip("a relation needs TYPE Arg1:ID Arg2:ID of known spans"))
                    }
                }
            }
            Some('E') => {
                let Some(&trigger) = triggers.get(id) else {
                    continue;
                };
                let mut made = 0;
                for a in words.iter().skip(1) {
                    match a
                        .split_once(':')
                        .and_then(|(role, v)| Some((role, resolve(v)?)))
                    {
                        Some((role, to)) => {
                            doc.relations.push(Relation {
                                id: RelationId(next_rel),
                                kind: role.to_owned(),
                                from: trigger,
                                to,
                                note: String::new(),
                            });
                            next_rel += 1;
                            made += 1;
                        }
                        None => warnings.push(skip(&format!(
                            "event argument {a} does not name a known span"
                        ))),
                    }
                }
                warnings.push(format!(
                    "{}: event {id} ({}) became {made} relation(s) from its trigger span",
                    at(*n),
                    words.first().copied().unwrap_or_default()
                ));
            }
            Some('A' | 'M') => {
                let name = words.get(1).copied().unwrap_or_default();
                let target = spans.get(name).or_else(|| triggers.get(name));
                if target.is_some() && !spans.contains_key(name) {
                    warnings.push(format!(
                        "{}: {id}: attribute on event {name} kept on its trigger span",
                        at(*n)
                    ));
                }
                let Some(span) = target.and_then(|t| doc.spans.iter_mut().find(|s| s.id == *t))
                else {
                    warnings.push(skip(
                        "attributes are kept on spans only; this one is on something else",
                    ));
                    continue;
                };
                let value = match words.get(2) {
                    Some(v) => decode_value(v),
                    None => "yes".to_owned(),
                };
                span.attributes
                    .insert(words.first().copied().unwrap_or_default().to_owned(), value);
            }
            Some('#') => {
                let target = words.get(1).copied().unwrap_or_default();
                let note = decode_note(rest);
                let slot = if let Some(t) = spans.get(target).or_else(|| triggers.get(target)) {
                    doc.spans
                        .iter_mut()
                        .find(|s| s.id == *t)
                        .map(|s| &mut s.note)
                } else {
                    relations
                        .get(target)
                        .and_then(|&i| doc.relations.get_mut(i))
                        .map(|r| &mut r.note)
                };
                match slot {
                    Some(slot) if slot.is_empty() => *slot = note,
                    Some(slot) => {
                        slot.push('\n');
                        slot.push_str(&note);
                    }
                    None => {
                        warnings.push(skip(&format!("note on {target}, which was not imported")))
                    }
                }
            }
            _ => warnings.push(skip(
                "Lectern has no place for this kind of line (normalisations, equivalences)",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::export::fixture;

    fn ann_of_fixture() -> (Project, String) {
        let p = fixture::project();
        let (ann, n) = ann_of(&p, &p.documents[0]).expect("ann");
        assert_eq!(n, 3);
        (p, ann)
    }

    #[test]
    fn t_lines_carry_code_point_offsets_and_notes_escape_newlines() {
        let (_, ann) = ann_of_fixture();
        let lines: Vec<&str> = ann.lines().collect();
        assert_eq!(lines[0], "T1\tquote 1 16\tIt’s a disgrace");
        assert_eq!(
            lines[1],
            "#1\tAnnotatorNotes T1\tspeaker: Papadaki, \"angry\"\\nsecond line"
        );
        assert_eq!(lines[2], "T2\tdescriptor 24 37\tMs\u{a0}Παπαδάκη 😤");
    }

    #[test]
    fn stems_are_safe_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(
            unique_stem("../../etc/passwd", DocId(1), &mut used),
            "etc_passwd"
        );
        assert_eq!(
            unique_stem("etc/passwd", DocId(2), &mut used),
            "etc_passwd-2"
        );
        assert_eq!(unique_stem("...", DocId(3), &mut used), "document-3");
        assert_eq!(
            unique_stem("Mayor, “defiant”", DocId(4), &mut used),
            "Mayor_defiant"
        );
        assert_eq!(
            unique_stem("annotation", DocId(5), &mut used),
            "annotation-5"
        );
        assert_eq!(
            unique_stem("ETC_PASSWD", DocId(6), &mut used),
            "ETC_PASSWD-6"
        );
    }

    #[test]
    fn round_trip_keeps_fragments_attributes_relations_and_notes() {
        let text = "“It’s 😀 personal,”\nhe said, “e\u{301}tat.”\u{a0}End";
        let mut w = Vec::new();
        let ann = "T1\tquote 29 35;1 16\te\u{301}tat. It’s 😀 personal\n\
                   T2\tattribution 19 26\the said\n\
                   T3\tclaim 16 18;19 21\t,” he\n\
                   R1\tintroduces Arg1:T2 Arg2:T1\t\n\
                   A1\tspeaker T1 Ms%20X\n\
                   A2\tnegated T2\n\
                   #1\tAnnotatorNotes T1\tline one\\nline two\n\
                   #2\tAnnotatorNotes R1\tsure\n\
                   N1\tReference T1 Wikipedia:1 \tx\n";
        let doc = read_pair(text, ann, Path::new("x.ann"), &mut w).expect("read");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("x.ann:9") && w[0].contains("N1"), "{w:?}");
        assert_eq!(doc.spans.len(), 3);
        let quote = &doc.spans[0];
        assert_eq!(quote.pieces(), vec![(1, 16), (29, 35)]);
        assert_eq!(quote.attributes["speaker"], "Ms X");
        assert_eq!(quote.note, "line one\nline two");
        assert_eq!(doc.relations[0].note, "sure");
        let mut p = Project::new("t");
        let plan = super::super::import::Imported {
            documents: vec![doc],
            ..Default::default()
        }
        .into_edits(&p);
        for e in plan.edits {
            e.apply(&mut p).expect("apply");
        }
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        let (out, _) = ann_of(&p, &p.documents[0]).expect("export");
        let mut expected: Vec<&str> = vec![
            "T1\tquote 1 16;29 35\tIt’s 😀 personal e\u{301}tat.",
            "A1\tspeaker T1 Ms%20X",
            "#1\tAnnotatorNotes T1\tline one\\nline two",
            "T2\tclaim 16 18;19 21\t,” he",
            "T3\tattribution 19 26\the said",
            "A2\tnegated T3",
            "R1\tintroduces Arg1:T3 Arg2:T1\t",
            "#2\tAnnotatorNotes R1\tsure",
        ];
        let mut got: Vec<&str> = out.lines().collect();
        expected.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, expected);
    }

    #[test]
    fn crlf_counts_raw_characters_and_old_brat_files_are_recognised() {
        let raw = "John loves Mary.\r\nHe married her.";
        let mut w = Vec::new();
        let doc = read_pair(
            raw,
            "T1\tP 18 20\tHe\nT2\tP 29 32\ther\n",
            Path::new("a.ann"),
            &mut w,
        )
        .expect("read");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(doc.text.as_str(), "John loves Mary.\nHe married her.");
        assert_eq!((doc.spans[0].start, doc.spans[0].text.as_str()), (17, "He"));
        let doc = read_pair(
            raw,
            "T1\tP 17 19\tHe\nT2\tP 28 31\ther\n",
            Path::new("b.ann"),
            &mut w,
        )
        .expect("read");
        assert_eq!(doc.spans[1].text, "her");
        assert!(w[0].contains("CRLF as one"), "{w:?}");
    }

    #[test]
    fn events_become_relations_from_the_trigger() {
        let text = "Sony bought Ericsson";
        let ann = "T1\tOrg 0 4\tSony\nT2\tBuy 5 11\tbought\nT3\tOrg 12 20\tEricsson\n\
                   E1\tBuy:T2 Buyer:T1 Seller:T3\n";
        let mut w = Vec::new();
        let doc = read_pair(text, ann, Path::new("e.ann"), &mut w).expect("read");
        let kinds: Vec<&str> = doc.relations.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(kinds, ["Buyer", "Seller"]);
        assert!(doc.relations.iter().all(|r| r.from == SpanId(2)));
        assert!(w[0].contains("became 2 relation"), "{w:?}");
    }

    #[test]
    fn a_wrong_text_field_is_reported_not_imported() {
        let mut w = Vec::new();
        let doc =
            read_pair("abc def", "T1\tX 0 3\tabd\n", Path::new("w.ann"), &mut w).expect("read");
        assert!(doc.spans.is_empty());
        assert!(w[0].starts_with("w.ann:1: T1 not imported"), "{w:?}");
    }
}
