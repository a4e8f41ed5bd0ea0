//! A fast path for opening big projects. ron's own reader takes about 4 µs per span line
//! (a 1,000,000-span project: several seconds), while nearly all of a big file is those
//! lines. This reader walks the file as Lectern writes it, in one pass and as it is read
//! from disk (a 250 MB project is never held in memory whole): each document's span and
//! relation lists and its text are read by hand, ron reads the rest of the document (its
//! fields, with those left empty), and ron reads the project around the documents
//! (labels, relation types, statements) at the end.
//!
//! It accepts only what Lectern itself writes — fields in their order, plain strings
//! without escapes or raw strings, decimal numbers — and gives up (`None`) on anything
//! else: a comment, an escape, a field out of order, a number in another notation. The
//! caller then parses the whole file with ron, so every file reads exactly as ron reads
//! it, and every error still names ron's line and column. A property test holds the two
//! paths to the same result (`tests/fast_open.rs`).

use super::StoreError;
use crate::model::{
    Attributes, DocText, Document, Fragment, Project, Proposed, Relation, RelationId, SmolStr,
    Span, SpanId,
};
use crate::progress::Progress;
use std::cell::Cell;
use std::io::Read;
use std::ops::Range;
use std::path::Path;

/// The project in `text`, if the fast path can read all of it; `None` means "ask ron".
pub fn parse(text: &str) -> Option<Project> {
    let mut whole = Whole { text, at: 0 };
    read_project(&mut whole).ok().flatten()
}

/// The project read from `file` as it comes from disk, counting the bytes in `progress`;
/// `Ok(None)` when the fast path cannot read it (read the file again with ron: that also
/// says what is wrong with a file that is not UTF-8 or too big).
pub fn read(
    file: impl Read,
    path: &Path,
    progress: &Progress,
) -> Result<Option<Project>, StoreError> {
    read_in_chunks(file, path, progress, 1 << 20)
}

/// [`read`] reading at least `chunk` bytes at a time (more when a document is longer):
/// tests read in small chunks so every place in a file is a chunk's end somewhere.
pub fn read_in_chunks(
    file: impl Read,
    path: &Path,
    progress: &Progress,
    chunk: usize,
) -> Result<Option<Project>, StoreError> {
    let mut streamed = Streamed {
        chunk: chunk.max(1),
        path,
        reader: file.take(super::MAX_PROJECT_BYTES + 1),
        buf: String::new(),
        at: 0,
        pending: Vec::new(),
        eof: false,
        total: 0,
        progress,
    };
    // One byte order mark at the start is not part of the project, as for ron.
    while streamed.rest().len() < 3 && streamed.more()? {}
    if streamed.rest().starts_with('\u{feff}') {
        streamed.consume(3);
    }
    read_project(&mut streamed)
}

/// Where the walk reads from: the text not yet consumed, and more of it on request.
trait Source {
    /// The text read and not yet consumed.
    fn rest(&self) -> &str;
    /// Marks the first `n` bytes of [`Source::rest`] consumed.
    fn consume(&mut self, n: usize);
    /// Reads more text; false at the end of the input (or when the rest cannot be read
    /// by the fast path: not UTF-8, too big).
    fn more(&mut self) -> Result<bool, StoreError>;
}

/// A text already in memory.
struct Whole<'a> {
    text: &'a str,
    at: usize,
}

impl Source for Whole<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn consume(&mut self, n: usize) {
        self.at += n;
    }

    fn more(&mut self) -> Result<bool, StoreError> {
        Ok(false)
    }
}

/// A file read in chunks: only the part being walked is held.
struct Streamed<'p, R> {
    path: &'p Path,
    reader: R,
    buf: String,
    /// Consumed bytes at the start of `buf`.
    at: usize,
    /// Bytes read that do not yet make a whole UTF-8 character.
    pending: Vec<u8>,
    eof: bool,
    total: u64,
    progress: &'p Progress,
    /// Least bytes read at a time.
    chunk: usize,
}

impl<R: Read> Source for Streamed<'_, R> {
    fn rest(&self) -> &str {
        &self.buf[self.at..]
    }

    fn consume(&mut self, n: usize) {
        self.at += n;
        // Drop what is walked once it is most of the buffer (a memmove of the rest).
        if self.at >= 1 << 20 && self.at * 2 >= self.buf.len() {
            self.buf.drain(..self.at);
            self.at = 0;
        }
    }

    fn more(&mut self) -> Result<bool, StoreError> {
        if self.eof {
            return Ok(false);
        }
        // At least as much as is waiting: a step that needs more walks its text again, and
        // doubling keeps that linear however long one document is.
        let want = (self.buf.len() - self.at).max(self.chunk);
        let read = (&mut self.reader)
            .take(want as u64)
            .read_to_end(&mut self.pending)
            .map_err(|source| StoreError::Io {
                action: "read",
                path: self.path.to_path_buf(),
                source,
            })?;
        self.eof = read < want;
        self.total += read as u64;
        self.progress.advance(read as u64)?;
        if self.total > super::MAX_PROJECT_BYTES {
            return Ok(false);
        }
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(text) => {
                self.buf.push_str(text);
                self.pending.clear();
                return Ok(true);
            }
            Err(e) if e.error_len().is_none() && !self.eof => e.valid_up_to(),
            Err(_) => return Ok(false),
        };
        // `valid` bytes are UTF-8: checked just above.
        self.buf
            .push_str(std::str::from_utf8(&self.pending[..valid]).unwrap_or_default());
        self.pending.drain(..valid);
        Ok(true)
    }
}

/// What one step of the walk found.
enum Step<T> {
    Done(T),
    /// The text ended before the step did: read more and walk it again.
    More,
    GiveUp,
}

/// Runs `step` on the source's text until it is done, reading more while it needs more.
fn step<T>(src: &mut impl Source, step: impl Fn(&str) -> Step<T>) -> Result<Option<T>, StoreError> {
    loop {
        match step(src.rest()) {
            Step::Done(t) => return Ok(Some(t)),
            Step::GiveUp => return Ok(None),
            Step::More => {
                if !src.more()? {
                    return Ok(None);
                }
            }
        }
    }
}

/// Walks `text` with `walk`: done with its value, or needing more text when it failed at
/// the end of what there is.
fn walk<T>(text: &str, walk: impl FnOnce(&mut Walker) -> Option<T>) -> Step<T> {
    let mut walker = Walker::new(text);
    match walk(&mut walker) {
        Some(t) => Step::Done(t),
        None if walker.hit_end.get() => Step::More,
        None => Step::GiveUp,
    }
}

/// After a document: more of them, or the end of the list.
enum Next {
    Document(usize),
    End(usize),
}

/// The project: the text around the documents gathered for ron, the documents read one
/// at a time.
fn read_project(src: &mut impl Source) -> Result<Option<Project>, StoreError> {
    macro_rules! or_give_up {
        ($e:expr) => {
            match $e? {
                Some(v) => v,
                None => return Ok(None),
            }
        };
    }
    let head = or_give_up!(step(src, |t| walk(t, |w| w.head())));
    let mut shell = String::new();
    shell.push_str(&src.rest()[head.clone()]);
    src.consume(head.end);
    let mut documents = Vec::new();
    loop {
        match or_give_up!(step(src, |t| walk(t, |w| w.next_document()))) {
            Next::End(n) => {
                shell.push_str(&src.rest()[..n]);
                src.consume(n);
                break;
            }
            Next::Document(n) => src.consume(n),
        }
        let (doc, n) = or_give_up!(step(src, |t| walk(t, |w| w.document())));
        documents.push(doc);
        src.consume(n);
        let n = or_give_up!(step(src, |t| walk(t, |w| w.sep(b']').map(|()| w.at))));
        src.consume(n);
    }
    while src.more()? {}
    shell.push_str(src.rest());
    let Ok(mut project) = ron::from_str::<Project>(&shell) else {
        return Ok(None);
    };
    if !project.documents.is_empty() {
        return Ok(None);
    }
    documents.shrink_to_fit();
    project.documents = documents;
    Ok(Some(project))
}

struct Walker<'a> {
    s: &'a [u8],
    text: &'a str,
    at: usize,
    /// Groups open in [`Walker::skip_group`]; deep nesting is left to ron, which refuses
    /// it by name, rather than recursing until the stack runs out.
    depth: usize,
    /// Set when the walk looked past the end of the text: a failure then may only mean
    /// that the text read so far ends in the middle.
    hit_end: Cell<bool>,
}

/// Nesting the fast path follows (a project is at most a few levels deep).
const MAX_DEPTH: usize = 32;

impl<'a> Walker<'a> {
    fn new(text: &'a str) -> Self {
        Walker {
            s: text.as_bytes(),
            text,
            at: 0,
            depth: 0,
            hit_end: Cell::new(false),
        }
    }

    fn peek(&self) -> Option<u8> {
        let c = self.s.get(self.at).copied();
        if c.is_none() {
            self.hit_end.set(true);
        }
        c
    }

    /// Gives up for want of text.
    fn at_end<T>(&self) -> Option<T> {
        self.hit_end.set(true);
        None
    }

    /// Skips whitespace; a comment gives up (Lectern never writes one).
    fn ws(&mut self) -> Option<()> {
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\n' | b'\r' | b'\t' => self.at += 1,
                b'/' => return None,
                _ => break,
            }
        }
        Some(())
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        self.ws()?;
        (self.peek() == Some(c)).then(|| self.at += 1)
    }

    /// `c` if it comes next (after whitespace), else nothing consumed.
    fn eat_if(&mut self, c: u8) -> Option<bool> {
        self.ws()?;
        let here = self.peek() == Some(c);
        if here {
            self.at += 1;
        }
        Some(here)
    }

    fn ident(&mut self) -> Option<&'a str> {
        self.ws()?;
        let start = self.at;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' {
                self.at += 1;
            } else {
                break;
            }
        }
        let name = &self.text[start..self.at];
        name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            .then_some(name)
    }

    /// `NAME(` for a struct Lectern writes with its name.
    fn open_struct(&mut self, name: &str) -> Option<()> {
        (self.ident()? == name).then_some(())?;
        self.eat(b'(')
    }

    /// `key:`; `None` at the closing `)` of the struct (consumed).
    fn key(&mut self) -> Option<Option<&'a str>> {
        if self.eat_if(b')')? {
            return Some(None);
        }
        let key = self.ident()?;
        self.eat(b':')?;
        Some(Some(key))
    }

    /// After a value: a comma, or no comma before the `close` that ends the group (as
    /// ron demands).
    fn sep(&mut self, close: u8) -> Option<()> {
        if self.eat_if(b',')? {
            return Some(());
        }
        (self.peek() == Some(close)).then_some(())
    }

    /// `Project(` and its fields up to `documents: [`: the range of that text.
    fn head(&mut self) -> Option<Range<usize>> {
        self.ws()?;
        let start = self.at;
        self.open_struct("Project")?;
        while let Some(key) = self.key()? {
            if key == "documents" {
                self.eat(b'[')?;
                return Some(start..self.at);
            }
            self.skip_value()?;
            self.sep(b')')?;
        }
        None
    }

    /// Before a document or the `]` that ends the list (consumed with the whitespace
    /// before it).
    fn next_document(&mut self) -> Option<Next> {
        self.ws()?;
        Some(match self.peek()? {
            b']' => Next::End(self.at + 1),
            _ => Next::Document(self.at),
        })
    }

    /// One `Document(…)` and the bytes it takes: its span and relation lists and its
    /// text read here, its other fields by ron (from the document with those left out).
    fn document(&mut self) -> Option<(Document, usize)> {
        self.ws()?;
        let start = self.at;
        self.open_struct("Document")?;
        let (mut spans, mut relations, mut text) = (None, None, None);
        // Byte ranges ron does not read, with what stands in their place.
        let mut cuts: Vec<(Range<usize>, &str)> = Vec::new();
        while let Some(key) = self.key()? {
            match key {
                "spans" if spans.is_none() => {
                    self.eat(b'[')?;
                    let from = self.at;
                    spans = Some(self.list(Self::span)?);
                    cuts.push((from..self.at - 1, ""));
                }
                "relations" if relations.is_none() => {
                    self.eat(b'[')?;
                    let from = self.at;
                    relations = Some(self.list(Self::relation)?);
                    cuts.push((from..self.at - 1, ""));
                }
                "text" if text.is_none() => {
                    self.ws()?;
                    let from = self.at;
                    text = Some(self.string_slice()?);
                    cuts.push((from..self.at, "\"\""));
                }
                "spans" | "relations" | "text" => return None,
                _ => self.skip_value()?,
            }
            self.sep(b')')?;
        }
        let mut rest = String::with_capacity(1024);
        let mut from = start;
        for (range, with) in &cuts {
            rest.push_str(&self.text[from..range.start]);
            rest.push_str(with);
            from = range.end;
        }
        rest.push_str(&self.text[from..self.at]);
        let mut doc: Document = ron::from_str(&rest).ok()?;
        if !doc.spans.is_empty() || !doc.relations.is_empty() {
            return None;
        }
        doc.spans = spans.unwrap_or_default();
        doc.relations = relations.unwrap_or_default();
        doc.text = DocText::new(text?.to_owned());
        // A copy whose line ends were converted to CRLF is read again whole, with them
        // turned back, by `from_ron_unchecked`.
        if doc.text.as_str().contains('\r') && super::line_ends_were_converted(&doc) {
            return None;
        }
        Some((doc, self.at))
    }

    /// Items up to and including the closing `]`.
    fn list<T>(&mut self, item: fn(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        while !self.eat_if(b']')? {
            out.push(item(self)?);
            self.sep(b']')?;
        }
        // A list grown by pushing has up to twice the room it needs: a quarter of a big
        // project's span memory.
        out.shrink_to_fit();
        Some(out)
    }

    fn span(&mut self) -> Option<Span> {
        self.open_struct("Span")?;
        let mut span = Span {
            id: SpanId(self.field("id", Self::number)?),
            label: self.field("label", Self::short)?,
            start: self.field("start", Self::number)?,
            end: self.field("end", Self::number)?,
            text: self.field("text", Self::string)?,
            ..Span::default()
        };
        let mut key = self.key()?;
        if key == Some("fragments") {
            self.eat(b'[')?;
            span.fragments = self.list(Self::fragment)?;
            self.sep(b')')?;
            key = self.key()?;
        }
        if key == Some("attributes") {
            span.attributes = self.map()?;
            self.sep(b')')?;
            key = self.key()?;
        }
        if key == Some("note") {
            span.note = self.string()?;
            self.sep(b')')?;
            key = self.key()?;
        }
        for (name, slot) in [
            ("annotator", &mut span.annotator),
            ("created", &mut span.created),
        ] {
            if key == Some(name) {
                *slot = self.short()?;
                self.sep(b')')?;
                key = self.key()?;
            }
        }
        if key == Some("proposed") {
            span.proposed = Some(Box::new(self.proposed()?));
            self.sep(b')')?;
            key = self.key()?;
        }
        key.is_none().then_some(span)
    }

    /// `Some(Proposed(rule: "…", confidence: N[, accepted_by: "…"]))`: a span the quote
    /// assistant proposed.
    fn proposed(&mut self) -> Option<Proposed> {
        (self.ident()? == "Some").then_some(())?;
        self.eat(b'(')?;
        self.open_struct("Proposed")?;
        let mut proposed = Proposed {
            rule: self.field("rule", Self::string)?,
            confidence: self.field("confidence", Self::number)?,
            accepted_by: String::new(),
        };
        let mut key = self.key()?;
        if key == Some("accepted_by") {
            proposed.accepted_by = self.string()?;
            self.sep(b')')?;
            key = self.key()?;
        }
        key.is_none().then_some(())?;
        self.eat(b')')?;
        Some(proposed)
    }

    fn fragment(&mut self) -> Option<Fragment> {
        self.open_struct("Fragment")?;
        let fragment = Fragment {
            start: self.field("start", Self::number)?,
            end: self.field("end", Self::number)?,
            text: self.field("text", Self::string)?,
        };
        self.key()?.is_none().then_some(fragment)
    }

    fn relation(&mut self) -> Option<Relation> {
        self.open_struct("Relation")?;
        let mut relation = Relation {
            id: RelationId(self.field("id", Self::number)?),
            kind: self.field("kind", Self::short)?,
            from: SpanId(self.field("from", Self::number)?),
            to: SpanId(self.field("to", Self::number)?),
            note: String::new(),
        };
        let mut key = self.key()?;
        if key == Some("note") {
            relation.note = self.string()?;
            self.sep(b')')?;
            key = self.key()?;
        }
        key.is_none().then_some(relation)
    }

    /// `name: VALUE,` — the field Lectern writes next.
    fn field<T>(&mut self, name: &str, value: fn(&mut Self) -> Option<T>) -> Option<T> {
        (self.key()? == Some(name)).then_some(())?;
        let v = value(self)?;
        self.sep(b')')?;
        Some(v)
    }

    /// `{"key": "value", …}` with no key twice.
    fn map(&mut self) -> Option<Attributes> {
        self.eat(b'{')?;
        let mut out = Attributes::new();
        while !self.eat_if(b'}')? {
            let key = self.string()?;
            self.eat(b':')?;
            let value = self.string()?;
            if out.insert(key, value).is_some() {
                return None;
            }
            self.sep(b'}')?;
        }
        Some(out)
    }

    /// A decimal number that fits its type (ron also reads hex, `_` and signs: not here).
    fn number<T: std::str::FromStr>(&mut self) -> Option<T> {
        self.ws()?;
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let next = self.peek();
        if next.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.')) {
            return None;
        }
        self.text[start..self.at].parse().ok()
    }

    /// A plain string without escapes, or a raw string `r#"…"#`.
    fn string(&mut self) -> Option<String> {
        Some(self.string_slice()?.to_owned())
    }

    /// [`Walker::string`] kept inline when short (labels, annotators, times).
    fn short(&mut self) -> Option<SmolStr> {
        Some(SmolStr::new(self.string_slice()?))
    }

    fn string_slice(&mut self) -> Option<&'a str> {
        self.ws()?;
        match self.peek()? {
            b'"' => {
                let start = self.at + 1;
                let Some(len) = self.s[start..]
                    .iter()
                    .position(|&c| c == b'"' || c == b'\\')
                else {
                    return self.at_end();
                };
                if self.s[start + len] == b'\\' {
                    return None;
                }
                self.at = start + len + 1;
                Some(&self.text[start..start + len])
            }
            b'r' => {
                let hashes = self.s[self.at + 1..]
                    .iter()
                    .take_while(|&&c| c == b'#')
                    .count();
                let open = self.at + 1 + hashes;
                if open >= self.s.len() {
                    return self.at_end();
                }
                (self.s.get(open) == Some(&b'"')).then_some(())?;
                let close = format!("\"{}", "#".repeat(hashes));
                let Some(len) = self.text[open + 1..].find(&close) else {
                    return self.at_end();
                };
                self.at = open + 1 + len + close.len();
                Some(&self.text[open + 1..open + 1 + len])
            }
            _ => None,
        }
    }

    /// Any value Lectern writes outside span and relation lists: strings, numbers,
    /// identifiers and enum variants, `Name(…)`, lists, maps, tuples.
    fn skip_value(&mut self) -> Option<()> {
        self.ws()?;
        match self.peek()? {
            b'"' => self.string_slice().map(drop),
            b'r' if matches!(self.s.get(self.at + 1), Some(b'#' | b'"')) => {
                self.string_slice().map(drop)
            }
            b'(' | b'[' | b'{' => self.skip_group(),
            c if c.is_ascii_digit() || c == b'-' => {
                self.at += 1;
                while self.peek().is_some_and(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'+' | b'-')
                }) {
                    self.at += 1;
                }
                Some(())
            }
            _ => {
                self.ident()?;
                self.ws()?;
                if self.peek() == Some(b'(') {
                    self.skip_group()?;
                }
                Some(())
            }
        }
    }

    /// A bracketed group: values separated by `,` and `:`, up to the matching bracket.
    fn skip_group(&mut self) -> Option<()> {
        let close = match self.peek()? {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        self.at += 1;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        loop {
            if self.eat_if(close)? {
                self.depth -= 1;
                return Some(());
            }
            self.skip_value()?;
            if !self.eat_if(b':')? && !self.eat_if(b',')? {
                self.ws()?;
                (self.peek() == Some(close)).then_some(())?;
            }
        }
    }
}
