//! brat standoff import: `.ann` lines read back into spans, relations, attributes and
//! notes, reporting every line Lectern cannot represent (wire format and the CRLF rule in
//! [`super::brat`]).

use super::brat::{decode_note, decode_value};
use super::import::{ImportError, Imported, expand, normalise_newlines, read_utf8};
use crate::model::{DocId, Document, Extent, Relation, RelationId, Span, SpanId};
use crate::progress::{Progress, Unit};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Reads brat folders and `.txt`/`.ann` files. Each `.ann` is paired with the `.txt` of
/// the same name (required); a `.txt` without `.ann` becomes a document with no spans.
pub fn read(paths: &[PathBuf], progress: &Progress) -> Result<Imported, ImportError> {
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
    progress.start_phase("Reading", Unit::Items("documents"), stems.len() as u64);
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
        progress.advance(1)?;
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
            match parse_t(line, n) {
                Ok(t) => tlines.push(t),
                Err(m) => warnings.push(format!("{}: {m}; not imported", at(n))),
            }
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
    use crate::formats::brat::ann_of;
    use crate::model::Project;

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
    fn a_malformed_t_line_is_reported_and_the_rest_imported() {
        let mut w = Vec::new();
        let doc = read_pair(
            "abc def",
            "T1\tX 0 x\tabc\nT2\tX 4 7\tdef\n",
            Path::new("m.ann"),
            &mut w,
        )
        .expect("read");
        assert_eq!(doc.spans.len(), 1);
        assert!(w[0].starts_with("m.ann:1: T1: bad offsets"), "{w:?}");
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
