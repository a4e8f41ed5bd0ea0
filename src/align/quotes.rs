//! The quotes the tracker compares, read out of a project once: each quote span's words,
//! its speaker (the `speaker` attribute, else the `source` of the attribution that
//! introduces it), the reporting verb, whether it is printed in quotation marks, and the
//! group of documents it is compared within. What is read here is plain owned data, so
//! the grouping can run on another thread while the window goes on drawing.

use super::Options;
use crate::analysis::{ATTRIBUTION, attribute, linked};
use crate::model::{DocId, Document, Project, Span, SpanId, StatementId, VersionKind};
use std::collections::HashMap;

/// One quote span, as the grouping needs it.
#[derive(Clone, Debug)]
pub struct Quote {
    /// Its document.
    pub doc: DocId,
    /// The span.
    pub span: SpanId,
    /// The span's extent, code points.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The pieces of text to compare: `(first code point, text)` each.
    pub pieces: Vec<(usize, String)>,
    /// The labelled text (fragments joined by a space).
    pub text: String,
    /// Who said it, as coded.
    pub speaker: Option<String>,
    /// The reporting verb: the quote's or its attribution's `cue`.
    pub cue: Option<String>,
    /// The text of the attribution introducing it, if any.
    pub attribution: Option<String>,
    /// Printed in quotation marks (a direct quote), not reported speech.
    pub direct: bool,
    /// The group of documents it is compared within.
    pub group: u32,
    /// The saved statement it is a version of, and the kind the coder set.
    pub pinned: Option<(StatementId, Option<VersionKind>)>,
}

/// The quotes of a project and the documents they are compared across.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// The quote spans with the chosen label, documents in project order, spans in
    /// reading order.
    pub quotes: Vec<Quote>,
    /// The documents of each group, in project order (one group for the whole project).
    pub groups: Vec<Vec<DocId>>,
    /// The value of the grouping field of each group.
    pub group_names: Vec<String>,
    /// Every document, in project order.
    pub documents: Vec<DocId>,
    /// The ids of the saved statements, so new ones never take them.
    pub saved_ids: Vec<StatementId>,
    /// Forms of the lexicon's reporting verbs, which are not content words.
    pub verbs: crate::model::VerbIndex,
}

/// Reads the quotes `options` selects from `project`.
pub fn read(project: &Project, options: &Options) -> Corpus {
    let mut pinned: HashMap<SpanId, (StatementId, Option<VersionKind>)> = HashMap::new();
    for s in &project.statements {
        for v in &s.versions {
            // The first statement listing a span keeps it (see `Project::warnings`).
            pinned.entry(v.span).or_insert((s.id, v.kind));
        }
    }
    let mut corpus = Corpus {
        saved_ids: project.statements.iter().map(|s| s.id).collect(),
        verbs: project.lexicon().index(),
        ..Corpus::default()
    };
    let mut group_of: HashMap<String, u32> = HashMap::new();
    for doc in &project.documents {
        let name = options
            .by
            .as_ref()
            .map(|by| by.value(doc))
            .unwrap_or_default();
        let next = u32::try_from(group_of.len()).unwrap_or(u32::MAX);
        let group = *group_of.entry(name.clone()).or_insert_with(|| {
            corpus.groups.push(Vec::new());
            corpus.group_names.push(name);
            next
        });
        corpus.groups[group as usize].push(doc.id);
        corpus.documents.push(doc.id);
        for span in doc.spans.iter().filter(|s| s.label == options.label) {
            corpus.quotes.push(Quote {
                doc: doc.id,
                span: span.id,
                start: span.start,
                end: span.end,
                pieces: pieces(span),
                text: span.joined_text(),
                speaker: speaker(doc, span),
                cue: cue(doc, span),
                attribution: linked(doc, span, ATTRIBUTION)
                    .first()
                    .map(|a| a.joined_text()),
                direct: is_direct(doc, span),
                group,
                pinned: pinned.get(&span.id).copied(),
            });
        }
    }
    corpus
}

/// The pieces of a span's text with their first code points.
pub(super) fn pieces(span: &Span) -> Vec<(usize, String)> {
    if span.fragments.is_empty() {
        vec![(span.start, span.text.clone())]
    } else {
        span.fragments
            .iter()
            .map(|f| (f.start, f.text.clone()))
            .collect()
    }
}

/// The quote's `speaker`, else the `source` of an attribution linked to it.
fn speaker(doc: &Document, quote: &Span) -> Option<String> {
    attribute(quote, "speaker")
        .or_else(|| {
            linked(doc, quote, ATTRIBUTION)
                .iter()
                .find_map(|a| attribute(a, "source"))
        })
        .map(str::to_owned)
}

/// The quote's own `cue`, else the `cue` of an attribution linked to it.
fn cue(doc: &Document, quote: &Span) -> Option<String> {
    attribute(quote, "cue")
        .or_else(|| {
            linked(doc, quote, ATTRIBUTION)
                .iter()
                .find_map(|a| attribute(a, "cue"))
        })
        .map(str::to_owned)
}

/// Marks that open a quotation, straight and typographic, in the languages news is
/// written in (» and « open in some of them).
fn is_opening_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '„' | '«' | '»' | '‹' | '›' | '‘' | '\'' | '「' | '『'
    )
}

/// Marks that close a quotation.
fn is_closing_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '”' | '»' | '«' | '›' | '‹' | '’' | '\'' | '」' | '』'
    )
}

/// Whether the quote is printed in quotation marks: an opening mark right before the
/// span (past spaces), a closing one right after it (past the comma or full stop before
/// it), or marks taken into the span. A straight `"` or `'` opens only after a space or
/// at the start, and closes only right after the words: the one closing the previous
/// quote does not make the words after it a quote.
fn is_direct(doc: &Document, span: &Span) -> bool {
    let before: Vec<char> = doc.text.before(span.start, 4).chars().collect();
    let mut i = before.len();
    while i > 0 && before[i - 1].is_whitespace() {
        i -= 1;
    }
    let opens = i > 0 && {
        let c = before[i - 1];
        let straight = c == '"' || c == '\'';
        let after_space = i < 2 || before[i - 2].is_whitespace() || "([—–:".contains(before[i - 2]);
        is_opening_mark(c) && (!straight || after_space)
    };
    let mut spaced = false;
    let closes = doc
        .text
        .after(span.end, 4)
        .chars()
        .find(|&c| {
            spaced |= c.is_whitespace();
            !c.is_whitespace() && !matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '…')
        })
        .is_some_and(|c| is_closing_mark(c) && (!spaced || (c != '"' && c != '\'')));
    // Marks inside: the span takes them in, or a direct part within reported speech.
    let inside = span.text.starts_with(is_opening_mark)
        || span.text.ends_with(is_closing_mark)
        || span
            .text
            .chars()
            .any(|c| matches!(c, '"' | '“' | '”' | '„' | '«' | '»'));
    opens || closes || inside
}

/// A speaker's name as compared: the last word, lower case ("Ms Eleni Papadaki" and
/// "Papadaki" are one speaker), so outlets' ways of naming someone meet.
pub fn speaker_key(name: &str) -> String {
    let word = name
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
        .rfind(|w| !w.is_empty())
        .unwrap_or(name);
    let word = word.trim_end_matches("'s").trim_end_matches("’s");
    word.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers_meet_by_surname() {
        assert_eq!(speaker_key("Ms Eleni Papadaki"), "papadaki");
        assert_eq!(speaker_key("Papadaki"), "papadaki");
        assert_eq!(speaker_key("Dr. Ana Costa-Reyes"), "costa-reyes");
    }

    #[test]
    fn quotation_marks_around_or_inside_make_a_quote_direct() {
        let mut doc = Document::new(
            DocId(1),
            "t",
            "He said: “We close it.” She argued the bridge was “a choice”, not more.",
        );
        let mut span = |s: usize, e: usize| {
            let text = doc.text.slice(s..e).expect("in text").to_owned();
            let span = Span {
                start: s,
                end: e,
                text,
                ..Span::default()
            };
            doc.spans.push(span.clone());
            span
        };
        let direct = span(10, 22);
        assert_eq!(direct.text, "We close it.");
        let reported = span(35, 60);
        assert_eq!(reported.text, "the bridge was “a choice”");
        let plain = span(35, 49);
        assert_eq!(plain.text, "the bridge was");
        assert!(is_direct(&doc, &direct));
        assert!(is_direct(&doc, &reported));
        assert!(!is_direct(&doc, &plain));
    }

    #[test]
    fn a_straight_quote_closing_one_quote_does_not_open_the_next_words() {
        let text = "\"We close it,\" Brandvold said. Then \"we reopen\".";
        let mut doc = Document::new(DocId(1), "t", text);
        let span = |doc: &Document, needle: &str| {
            let r = doc.text.find(needle, 1).expect("in text");
            Span {
                start: r.start,
                end: r.end,
                text: needle.to_owned(),
                ..Span::default()
            }
        };
        doc.spans.clear();
        assert!(is_direct(&doc, &span(&doc, "We close it")));
        assert!(!is_direct(&doc, &span(&doc, "Brandvold said")));
        assert!(!is_direct(&doc, &span(&doc, "Then")));
        assert!(is_direct(&doc, &span(&doc, "we reopen")));
    }
}
