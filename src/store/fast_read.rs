//! A fast path for opening big projects. ron's own reader takes about 4 µs per span line
//! (a 1,000,000-span project: several seconds), while nearly all of a big file is those
//! lines. This reader walks the file as Lectern writes it, reads each document's span and
//! relation lists by hand, and lets ron read the rest (labels, documents' fields and
//! texts) with those lists left empty; the two are then put together.
//!
//! It accepts only what Lectern itself writes — fields in their order, plain strings
//! without escapes or raw strings, decimal numbers — and gives up (`None`) on anything
//! else: a comment, an escape, a field out of order, a number in another notation. The
//! caller then parses the whole file with ron, so every file reads exactly as ron reads
//! it, and every error still names ron's line and column. A property test holds the two
//! paths to the same result (`tests/loader_properties.rs`).

use crate::model::{Attributes, Fragment, Project, Relation, RelationId, SmolStr, Span, SpanId};
use std::ops::Range;

/// The project in `text`, if the fast path can read all of it; `None` means "ask ron".
pub fn parse(text: &str) -> Option<Project> {
    let mut walker = Walker {
        s: text.as_bytes(),
        text,
        at: 0,
        depth: 0,
    };
    let lists = walker.project()?;
    let mut reduced = String::with_capacity(text.len() - lists.cut_bytes());
    let mut from = 0;
    for doc in &lists.documents {
        for range in [&doc.spans, &doc.relations].into_iter().flatten() {
            reduced.push_str(&text[from..range.start]);
            from = range.end;
        }
    }
    reduced.push_str(&text[from..]);
    let mut project: Project = ron::from_str(&reduced).ok()?;
    if project.documents.len() != lists.documents.len() {
        return None;
    }
    for (doc, found) in project.documents.iter_mut().zip(lists.documents) {
        if !doc.spans.is_empty() || !doc.relations.is_empty() {
            return None;
        }
        doc.spans = found.span_values;
        doc.relations = found.relation_values;
    }
    Some(project)
}

/// What the walk found in one document: where its lists' contents are, and their values.
#[derive(Default)]
struct DocLists {
    spans: Option<Range<usize>>,
    relations: Option<Range<usize>>,
    span_values: Vec<Span>,
    relation_values: Vec<Relation>,
}

struct Lists {
    documents: Vec<DocLists>,
}

impl Lists {
    fn cut_bytes(&self) -> usize {
        self.documents
            .iter()
            .flat_map(|d| [&d.spans, &d.relations])
            .flatten()
            .map(|r| r.len())
            .sum()
    }
}

struct Walker<'a> {
    s: &'a [u8],
    text: &'a str,
    at: usize,
    /// Groups open in [`Walker::skip_group`]; deep nesting is left to ron, which refuses
    /// it by name, rather than recursing until the stack runs out.
    depth: usize,
}

/// Nesting the fast path follows (a project is at most a few levels deep).
const MAX_DEPTH: usize = 32;

impl<'a> Walker<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
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

    fn project(&mut self) -> Option<Lists> {
        self.ws()?;
        if self.text[self.at..].starts_with('\u{feff}') {
            self.at += 3;
        }
        self.open_struct("Project")?;
        let mut documents = None;
        while let Some(key) = self.key()? {
            if key == "documents" {
                if documents.is_some() {
                    return None;
                }
                documents = Some(self.documents()?);
            } else {
                self.skip_value()?;
            }
            self.sep(b')')?;
        }
        self.ws()?;
        (self.at == self.s.len()).then_some(())?;
        Some(Lists {
            documents: documents.unwrap_or_default(),
        })
    }

    fn documents(&mut self) -> Option<Vec<DocLists>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        while !self.eat_if(b']')? {
            self.open_struct("Document")?;
            let mut doc = DocLists::default();
            while let Some(key) = self.key()? {
                match key {
                    "spans" if doc.spans.is_none() => {
                        self.eat(b'[')?;
                        let start = self.at;
                        doc.span_values = self.list(Self::span)?;
                        doc.spans = Some(start..self.at - 1);
                    }
                    "relations" if doc.relations.is_none() => {
                        self.eat(b'[')?;
                        let start = self.at;
                        doc.relation_values = self.list(Self::relation)?;
                        doc.relations = Some(start..self.at - 1);
                    }
                    "spans" | "relations" => return None,
                    _ => self.skip_value()?,
                }
                self.sep(b')')?;
            }
            out.push(doc);
            self.sep(b']')?;
        }
        Some(out)
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
        key.is_none().then_some(span)
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
                let len = self.s[start..]
                    .iter()
                    .position(|&c| c == b'"' || c == b'\\')?;
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
                (self.s.get(open) == Some(&b'"')).then_some(())?;
                let close = format!("\"{}", "#".repeat(hashes));
                let len = self.text[open + 1..].find(&close)?;
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
