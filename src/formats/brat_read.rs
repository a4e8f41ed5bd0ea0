//! brat standoff import: `.ann` lines read back into spans, relations, attributes and
//! notes, reporting every line Lectern cannot represent (wire format and the CRLF rule in
//! [`super::brat`]).

use super::brat::{decode_note, decode_value};
use super::import::{ImportError, Imported, expand, normalise_newlines, read_utf8};
use super::warning::{Warning, kind};
use crate::model::{DocId, Document, Extent, Relation, RelationId, Span, SpanId};
use crate::progress::{Progress, Unit};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Reads brat folders and `.txt`/`.ann` files. Each `.ann` is paired with the `.txt` of
/// the same name (required); a `.txt` without `.ann` becomes a document with no spans.
pub fn read(paths: &[PathBuf], progress: &Progress) -> Result<Imported, ImportError> {
    let files = expand(paths, &["ann", "txt"])?;
    let mut stems: Vec<PathBuf> = Vec::new();
    // Seen stems in a set: looking each up in the list made reading 10,000 documents
    // quadratic (their .txt and .ann name one stem).
    let mut seen: HashSet<PathBuf> = HashSet::new();
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
        if seen.insert(stem.clone()) {
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
    warnings: &mut Vec<Warning>,
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
                Err(m) => warnings.push(Warning::new(
                    kind::MALFORMED,
                    format!("{}: {m}; not imported", at(n)),
                )),
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
        warnings.push(Warning::new(
            kind::CHANGED_TO_FIT,
            format!(
                "{}: offsets count CRLF as one character (old brat); read that way",
                ann_path.display()
            ),
        ));
    }
    let chars = if universal { &lf_chars } else { &raw_chars };
    let mut spans: HashMap<String, SpanId> = HashMap::new();
    let mut next = 1;
    for t in tlines {
        if !matches(chars, &t) {
            warnings.push(Warning::new(
                kind::TEXT_MISMATCH,
                format!(
                    "{}: {} not imported: its text {:?} is not the text at its offsets",
                    at(t.line),
                    t.id,
                    t.text
                ),
            ));
            continue;
        }
        let pieces: Vec<(usize, usize)> = if universal {
            t.pieces.clone()
        } else {
            t.pieces.iter().map(|&(s, e)| (map[s], map[e])).collect()
        };
        let Some(extent) = Extent::from_pieces(&doc.text, &pieces) else {
            warnings.push(Warning::new(
                kind::OUTSIDE_TEXT,
                format!("{}: {} not imported: empty fragment", at(t.line), t.id),
            ));
            continue;
        };
        let mut span = Span {
            id: SpanId(next),
            label: t.label.into(),
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

/// What R, E, A/M and # lines are read against: the spans made from the T lines, the
/// event triggers, the relations made so far (by brat id, for notes on them).
struct Others<'a> {
    doc: &'a mut Document,
    spans: &'a HashMap<String, SpanId>,
    /// Event id -> trigger span, to resolve events used as arguments.
    triggers: HashMap<String, SpanId>,
    /// brat relation id -> index in the document's relations.
    relations: HashMap<String, usize>,
    path: &'a Path,
    warnings: &'a mut Vec<Warning>,
}

/// One R, E, A/M or # line split into its fields.
struct Line<'l> {
    n: usize,
    id: &'l str,
    words: Vec<&'l str>,
    rest: &'l str,
}

/// R, E, A/M and # lines, after the spans exist.
fn read_others(
    doc: &mut Document,
    lines: &[(usize, &str)],
    spans: &HashMap<String, SpanId>,
    path: &Path,
    warnings: &mut Vec<Warning>,
) {
    let triggers = event_triggers(lines, spans, path, warnings);
    let mut others = Others {
        doc,
        spans,
        triggers,
        relations: HashMap::new(),
        path,
        warnings,
    };
    for &(n, line) in lines {
        let mut fields = line.splitn(3, '\t');
        let id = fields.next().unwrap_or_default();
        let line = Line {
            n,
            id,
            words: fields
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .collect(),
            rest: fields.next().unwrap_or_default(),
        };
        match id.chars().next() {
            Some('R') => others.relation(&line),
            Some('E') => others.event(&line),
            Some('A' | 'M') => others.attribute(&line),
            Some('#') => others.note(&line),
            _ => others.skip(
                &line,
                kind::NO_PLACE,
                "Lectern has no place for this kind of line (normalisations, equivalences)",
            ),
        }
    }
}

/// The trigger span of each event whose trigger was imported; events without one are
/// reported.
fn event_triggers(
    lines: &[(usize, &str)],
    spans: &HashMap<String, SpanId>,
    path: &Path,
    warnings: &mut Vec<Warning>,
) -> HashMap<String, SpanId> {
    let mut triggers = HashMap::new();
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
            warnings.push(Warning::new(
                kind::MALFORMED,
                format!(
                    "{}:{n}: event not imported: its trigger is missing",
                    path.display()
                ),
            ));
        }
    }
    triggers
}

impl Others<'_> {
    fn at(&self, n: usize) -> String {
        format!("{}:{n}", self.path.display())
    }

    fn skip(&mut self, line: &Line<'_>, kind: &'static str, why: &str) {
        let text = format!("{}: {} not imported: {why}", self.at(line.n), line.id);
        self.warnings.push(Warning::new(kind, text));
    }

    /// A span or an event's trigger span, by brat id.
    fn resolve(&self, arg: &str) -> Option<SpanId> {
        self.spans
            .get(arg)
            .or_else(|| self.triggers.get(arg))
            .copied()
    }

    fn push_relation(&mut self, kind: &str, from: SpanId, to: SpanId) {
        let id = RelationId(u32::try_from(self.doc.relations.len() + 1).unwrap_or(u32::MAX));
        self.doc.relations.push(Relation {
            id,
            kind: kind.into(),
            from,
            to,
            note: String::new(),
        });
    }

    /// `R1\tTYPE Arg1:T1 Arg2:T2`.
    fn relation(&mut self, line: &Line<'_>) {
        let arg = |w: Option<&&str>| {
            w.and_then(|w| w.split_once(':'))
                .and_then(|(_, v)| self.resolve(v))
        };
        match (
            line.words.first(),
            arg(line.words.get(1)),
            arg(line.words.get(2)),
        ) {
            (Some(kind), Some(from), Some(to)) if line.words.len() == 3 => {
                self.relations
                    .insert(line.id.to_owned(), self.doc.relations.len());
                self.push_relation(kind, from, to);
            }
            _ => self.skip(
                line,
                kind::RELATION_ENDS,
                "a relation needs TYPE Arg1:ID Arg2:ID of known spans",
            ),
        }
    }

    /// `E1\tTYPE:T1 ROLE:T2 …`: one relation per argument, from the trigger span.
    fn event(&mut self, line: &Line<'_>) {
        let Some(&trigger) = self.triggers.get(line.id) else {
            return; // reported by event_triggers
        };
        let mut made = 0;
        for a in line.words.iter().skip(1) {
            match a
                .split_once(':')
                .and_then(|(role, v)| Some((role, self.resolve(v)?)))
            {
                Some((role, to)) => {
                    self.push_relation(role, trigger, to);
                    made += 1;
                }
                None => self.skip(
                    line,
                    kind::RELATION_ENDS,
                    &format!("event argument {a} does not name a known span"),
                ),
            }
        }
        let text = format!(
            "{}: event {} ({}) became {made} relation(s) from its trigger span",
            self.at(line.n),
            line.id,
            line.words.first().copied().unwrap_or_default()
        );
        self.warnings.push(Warning::new(kind::EVENT, text));
    }

    /// `A1\tNAME T1 [VALUE]` (or `M`): an attribute of a span, or of an event's trigger.
    fn attribute(&mut self, line: &Line<'_>) {
        let target = line.words.get(1).copied().unwrap_or_default();
        let Some(span) = self.resolve(target) else {
            self.skip(
                line,
                kind::NO_PLACE,
                "attributes are kept on spans only; this one is on something else",
            );
            return;
        };
        if !self.spans.contains_key(target) {
            let text = format!(
                "{}: {}: attribute on event {target} kept on its trigger span",
                self.at(line.n),
                line.id
            );
            self.warnings.push(Warning::new(kind::CHANGED_TO_FIT, text));
        }
        let value = line
            .words
            .get(2)
            .map_or_else(|| "yes".to_owned(), |v| decode_value(v));
        let name = line.words.first().copied().unwrap_or_default().to_owned();
        if let Some(span) = span_mut(self.doc, span) {
            span.attributes.insert(name, value);
        }
    }

    /// `#1\tAnnotatorNotes T1\tTEXT`: the note of a span, an event's trigger or a relation.
    fn note(&mut self, line: &Line<'_>) {
        let target = line.words.get(1).copied().unwrap_or_default();
        let slot = match self.resolve(target) {
            Some(span) => span_mut(self.doc, span).map(|s| &mut s.note),
            None => self
                .relations
                .get(target)
                .and_then(|&i| self.doc.relations.get_mut(i))
                .map(|r| &mut r.note),
        };
        let note = decode_note(line.rest);
        match slot {
            Some(slot) if slot.is_empty() => *slot = note,
            Some(slot) => {
                slot.push('\n');
                slot.push_str(&note);
            }
            None => self.skip(
                line,
                kind::NOTE_TARGET,
                &format!("note on {target}, which was not imported"),
            ),
        }
    }
}

/// The span with local id `id`: spans are numbered in the order they were pushed, so it
/// is found by position, without a search through a long document's spans.
fn span_mut(doc: &mut Document, id: SpanId) -> Option<&mut Span> {
    let i = (id.0 as usize).checked_sub(1)?;
    match doc.spans.get(i) {
        Some(s) if s.id == id => doc.spans.get_mut(i),
        _ => doc.spans.iter_mut().find(|s| s.id == id),
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
        assert!(
            w[0].text.contains("x.ann:9") && w[0].text.contains("N1"),
            "{w:?}"
        );
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
        assert!(w[0].text.contains("CRLF as one"), "{w:?}");
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
        assert!(w[0].text.contains("became 2 relation"), "{w:?}");
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
        assert!(w[0].text.starts_with("m.ann:1: T1: bad offsets"), "{w:?}");
    }

    #[test]
    fn a_wrong_text_field_is_reported_not_imported() {
        let mut w = Vec::new();
        let doc =
            read_pair("abc def", "T1\tX 0 3\tabd\n", Path::new("w.ann"), &mut w).expect("read");
        assert!(doc.spans.is_empty());
        assert!(w[0].text.starts_with("w.ann:1: T1 not imported"), "{w:?}");
    }
}
