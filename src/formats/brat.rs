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

use super::export::{ExportError, checked_pieces};
use crate::model::{AttributeKind, DocId, Document, Project, Span, SpanId};
use crate::progress::Progress;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Writes the project as a brat folder, one file at a time through `put` (name inside the
/// folder, bytes): `.txt` + `.ann` per document, then `annotation.conf`. Returns the
/// number of spans written.
pub fn write(
    project: &Project,
    put: &mut dyn FnMut(&str, &[u8]) -> std::io::Result<()>,
    progress: &Progress,
) -> Result<usize, ExportError> {
    let mut used = HashSet::new();
    let mut spans = 0;
    let mut name = String::new();
    for doc in &project.documents {
        let stem = unique_stem(&doc.title, doc.id, &mut used);
        let (ann, n) = ann_of(project, doc)?;
        spans += n;
        progress.advance(n as u64)?;
        name.clear();
        let _ = write!(name, "{stem}.txt");
        put(&name, doc.text.as_str().as_bytes())?;
        name.clear();
        let _ = write!(name, "{stem}.ann");
        put(&name, ann.as_bytes())?;
    }
    put("annotation.conf", conf_of(project).as_bytes())?;
    Ok(spans)
}

/// A file name stem from a title: letters, digits, `-`, `_` and single inner dots kept
/// (never `..`, no leading or trailing dot), runs of anything else become one `_`; at
/// most 120 bytes of UTF-8 (file systems allow 255); never empty or a reserved name;
/// unique ignoring case (a clash gets `-ID`).
pub fn unique_stem(title: &str, id: DocId, used: &mut HashSet<String>) -> String {
    let mut stem = String::new();
    for c in title.chars() {
        let inner_dot = c == '.' && !stem.is_empty() && !stem.ends_with(['.', '_']);
        if c.is_alphanumeric() || c == '-' || c == '_' || inner_dot {
            stem.push(c);
        } else if !stem.ends_with('_') {
            stem.push('_');
        }
    }
    let mut stem: String = stem
        .trim_matches(['_', '.'])
        .chars()
        .scan(0, |bytes, c| {
            *bytes += c.len_utf8();
            (*bytes <= 120).then_some(c)
        })
        .collect::<String>()
        .trim_end_matches(['_', '.'])
        .to_owned();
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

pub(super) fn encode_value(v: &str) -> String {
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

pub(super) fn decode_value(v: &str) -> String {
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

pub(super) fn decode_note(note: &str) -> String {
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

pub(super) fn ann_of(project: &Project, doc: &Document) -> Result<(String, usize), ExportError> {
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
            super::export::check_written_unchanged(doc, span, (*s, *e), piece)?;
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
        // Whether the quote assistant proposed the span, as attributes of their own.
        for (name, value) in span.provenance() {
            a += 1;
            let _ = writeln!(ann, "A{a}\t{name} T{t} {}", encode_value(&value));
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
            let provenance = s.provenance();
            let own = provenance.iter().map(|(n, v)| (*n, v));
            for (name, value) in s.attributes.iter().map(|(n, v)| (n.as_str(), v)).chain(own) {
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

/// Reads brat folders and `.txt`/`.ann` files; see [`super::brat_read`].
pub fn read(
    paths: &[PathBuf],
    progress: &Progress,
) -> Result<super::import::Imported, super::import::ImportError> {
    super::brat_read::read(paths, progress)
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
}
