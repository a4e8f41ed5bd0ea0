//! Finding text in documents, and labelling what was found.
//!
//! Search is pure: a [`Query`] and a [`Scope`] give a list of [`Match`]es with code-point
//! ranges (the offsets every span uses) and keyword-in-context text for showing them. A
//! bad regular expression is an error message for the user, never a panic. Labelling all
//! matches is also decided here, as a list of edits the UI applies as one undoable step.

use super::{DocId, Document, Edit, Project, Span, SpanId};
use regex::{Regex, RegexBuilder};
use std::ops::Range;

/// Code points of context shown on each side of a match.
pub const CONTEXT_CHARS: usize = 40;

/// Matches returned at most; more are reported as truncated, so a search for "e" in a
/// large project stays responsive.
pub const MAX_MATCHES: usize = 5000;

/// Compiled regular expressions may use at most this much memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// What to look for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The text, or the regular expression when `regex` is set.
    pub pattern: String,
    /// Treat `pattern` as a regular expression (Rust `regex` syntax).
    pub regex: bool,
    /// Match upper and lower case exactly.
    pub case_sensitive: bool,
}

/// Where to look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One document.
    Document(DocId),
    /// Every document of the project, in list order.
    Project,
}

/// One match, with the text around it for a keyword-in-context line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// The document it is in.
    pub doc: DocId,
    /// Code points of the match, end exclusive.
    pub range: Range<usize>,
    /// Up to [`CONTEXT_CHARS`] code points before the match, on the same line.
    pub before: String,
    /// The matched text.
    pub text: String,
    /// Up to [`CONTEXT_CHARS`] code points after the match, on the same line.
    pub after: String,
}

/// The result of a search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// Matches in document order, then text order.
    pub matches: Vec<Match>,
    /// Whether more than [`MAX_MATCHES`] matched and the rest were left out.
    pub truncated: bool,
}

/// Why a search could not run: the message is for the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SearchError(pub String);

impl Query {
    /// A plain-text, case-insensitive query.
    pub fn plain(pattern: impl Into<String>) -> Self {
        Self {
            pattern: pattern.into(),
            ..Default::default()
        }
    }

    /// The query as a regular expression (plain text is escaped).
    fn compile(&self) -> Result<Regex, SearchError> {
        let source = if self.regex {
            self.pattern.clone()
        } else {
            regex::escape(&self.pattern)
        };
        RegexBuilder::new(&source)
            .case_insensitive(!self.case_sensitive)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| SearchError(regex_message(&e)))
    }
}

/// A short, one-paragraph message for a regex error (the crate's own spans several lines).
fn regex_message(e: &regex::Error) -> String {
    match e {
        regex::Error::Syntax(s) => {
            let last = s.lines().rev().find(|l| l.starts_with("error:"));
            match last {
                Some(l) => format!(
                    "invalid regular expression: {}",
                    l.trim_start_matches("error: ")
                ),
                None => format!("invalid regular expression: {}", s.trim()),
            }
        }
        regex::Error::CompiledTooBig(_) => {
            "regular expression is too large; consider a simpler pattern".to_owned()
        }
        other => format!("invalid regular expression: {other}"),
    }
}

/// Finds `query` in `scope`. An empty pattern finds nothing; empty matches (`x*`) are
/// skipped, since there is nothing to label.
pub fn search(project: &Project, query: &Query, scope: Scope) -> Result<Found, SearchError> {
    let mut found = Found::default();
    if query.pattern.is_empty() {
        return Ok(found);
    }
    let re = query.compile()?;
    let docs: Vec<&Document> = match scope {
        Scope::Document(id) => project.document(id).into_iter().collect(),
        Scope::Project => project.documents.iter().collect(),
    };
    for doc in docs {
        for m in re.find_iter(doc.text.as_str()) {
            if m.is_empty() {
                continue;
            }
            if found.matches.len() == MAX_MATCHES {
                found.truncated = true;
                return Ok(found);
            }
            let (Some(start), Some(end)) = (doc.text.char_of(m.start()), doc.text.char_of(m.end()))
            else {
                continue;
            };
            found.matches.push(Match {
                doc: doc.id,
                range: start..end,
                before: line_tail(doc.text.before(start, CONTEXT_CHARS)).to_owned(),
                text: m.as_str().to_owned(),
                after: line_head(doc.text.after(end, CONTEXT_CHARS)).to_owned(),
            });
        }
    }
    Ok(found)
}

/// The part of `s` after its last line break.
fn line_tail(s: &str) -> &str {
    s.rfind('\n').map_or(s, |i| &s[i + 1..])
}

/// The part of `s` before its first line break.
fn line_head(s: &str) -> &str {
    s.find('\n').map_or(s, |i| &s[..i])
}

/// The label of a contiguous span lying exactly on `range` of `doc`, preferring one
/// labelled `label` (so "already labelled" can be flagged).
pub fn existing_label<'p>(
    project: &'p Project,
    doc: DocId,
    range: &Range<usize>,
    label: &str,
) -> Option<&'p str> {
    let d = project.document(doc)?;
    let same = |s: &&Span| s.fragments.is_empty() && s.start == range.start && s.end == range.end;
    let mut on_range = d.spans.iter().filter(same);
    let first = on_range.clone().next()?;
    Some(
        on_range
            .find(|s| s.label == label)
            .unwrap_or(first)
            .label
            .as_str(),
    )
}

/// Who made new spans and when, as the app records them (empty when unknown).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Provenance {
    /// Annotator name.
    pub annotator: String,
    /// ISO 8601 UTC time.
    pub created: String,
}

/// One `AddSpan` per match, labelled `label`, with distinct new span ids counted up from
/// the project's next free id. Matches whose text no longer lies at their range (the
/// project changed since the search) are left out. Apply the result as one step.
pub fn label_matches_edits(
    project: &Project,
    matches: &[&Match],
    label: &str,
    provenance: &Provenance,
) -> Vec<Edit> {
    let mut next = project.next_span_id().0;
    let mut edits = Vec::new();
    for m in matches {
        let Some(d) = project.document(m.doc) else {
            continue;
        };
        if d.text.slice(m.range.clone()) != Some(m.text.as_str()) {
            continue;
        }
        let span = Span {
            id: SpanId(next),
            label: label.into(),
            start: m.range.start,
            end: m.range.end,
            text: m.text.clone(),
            annotator: provenance.annotator.as_str().into(),
            created: provenance.created.as_str().into(),
            ..Default::default()
        };
        next += 1;
        edits.push(Edit::AddSpan { doc: m.doc, span });
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::History;

    const TEXT: &str = "“No,” said Ms\u{a0}Παπαδάκη 😀 — “no” again.\nNO more: Παπαδάκη said no.";

    fn project() -> Project {
        let mut p = Project::new("search");
        p.documents.push(Document::new(DocId(1), "One", TEXT));
        p.documents
            .push(Document::new(DocId(2), "Two", "Nothing here but Nobody."));
        p
    }

    fn ranges(found: &Found) -> Vec<(DocId, Range<usize>)> {
        found
            .matches
            .iter()
            .map(|m| (m.doc, m.range.clone()))
            .collect()
    }

    #[test]
    fn plain_search_gives_code_point_ranges_in_non_ascii_text() {
        let p = project();
        let q = Query::plain("Παπαδάκη");
        let found = search(&p, &q, Scope::Document(DocId(1))).expect("search");
        assert_eq!(ranges(&found), vec![(DocId(1), 14..22), (DocId(1), 48..56)]);
        let t = &p.documents[0].text;
        for m in &found.matches {
            assert_eq!(t.slice(m.range.clone()), Some(m.text.as_str()));
        }
        // Context stays on the match's line.
        assert_eq!(found.matches[1].before, "NO more: ");
        assert_eq!(found.matches[1].after, " said no.");
        assert_eq!(found.matches[0].after, " 😀 — “no” again.");
    }

    #[test]
    fn case_option_and_project_scope() {
        let p = project();
        let mut q = Query::plain("no");
        let all = search(&p, &q, Scope::Project).expect("search");
        // “No, “no”, NO, no (doc 1); Nothing, Nobody (doc 2).
        assert_eq!(all.matches.len(), 6);
        assert_eq!(all.matches[0].range, 1..3);
        assert_eq!(all.matches[4].doc, DocId(2));
        q.case_sensitive = true;
        let exact = search(&p, &q, Scope::Project).expect("search");
        assert_eq!(ranges(&exact), vec![(DocId(1), 28..30), (DocId(1), 62..64)]);
    }

    #[test]
    fn regex_search_and_bad_regex_is_an_error_not_a_panic() {
        let p = project();
        let q = Query {
            pattern: r"“[^”]*”".into(),
            regex: true,
            case_sensitive: false,
        };
        let found = search(&p, &q, Scope::Project).expect("search");
        assert_eq!(ranges(&found), vec![(DocId(1), 0..5), (DocId(1), 27..31)]);
        assert_eq!(found.matches[0].text, "“No,”");
        for bad in ["(unclosed", "[z-a]", "a{99999999}", "\\"] {
            let q = Query {
                pattern: bad.into(),
                regex: true,
                case_sensitive: false,
            };
            let err = search(&p, &q, Scope::Project).expect_err(bad);
            assert!(
                err.0.contains("regular expression") && !err.0.contains('\n'),
                "{err}"
            );
        }
        // Plain text with regex characters is taken literally.
        let found = search(&p, &Query::plain("(no"), Scope::Project).expect("search");
        assert!(found.matches.is_empty());
    }

    #[test]
    fn empty_pattern_and_empty_matches_find_nothing() {
        let p = project();
        assert!(
            search(&p, &Query::plain(""), Scope::Project)
                .expect("ok")
                .matches
                .is_empty()
        );
        let q = Query {
            pattern: "x*".into(),
            regex: true,
            case_sensitive: false,
        };
        assert!(
            search(&p, &q, Scope::Project)
                .expect("ok")
                .matches
                .is_empty()
        );
        let missing = search(&p, &Query::plain("no"), Scope::Document(DocId(9))).expect("ok");
        assert!(missing.matches.is_empty());
    }

    #[test]
    fn many_matches_are_truncated() {
        let mut p = Project::new("big");
        p.documents
            .push(Document::new(DocId(1), "E", "e ".repeat(MAX_MATCHES + 10)));
        let found = search(&p, &Query::plain("e"), Scope::Project).expect("search");
        assert_eq!(found.matches.len(), MAX_MATCHES);
        assert!(found.truncated);
    }

    #[test]
    fn label_all_is_one_step_with_distinct_ids_and_flags_existing_spans() {
        let mut p = project();
        let existing = p.make_span(DocId(1), "quote", 14, 22).expect("span");
        let mut h = History::default();
        h.apply(
            &mut p,
            "Label",
            vec![Edit::AddSpan {
                doc: DocId(1),
                span: existing,
            }],
        )
        .expect("apply");
        let found = search(&p, &Query::plain("Παπαδάκη"), Scope::Project).expect("search");
        let m = &found.matches;
        assert_eq!(
            existing_label(&p, DocId(1), &m[0].range, "quote"),
            Some("quote")
        );
        assert_eq!(existing_label(&p, DocId(1), &m[1].range, "quote"), None);
        let found = search(&p, &Query::plain("no"), Scope::Project).expect("search");
        let picked: Vec<&Match> = found.matches.iter().collect();
        let who = Provenance {
            annotator: "ak".into(),
            created: "2026-01-01T00:00:00Z".into(),
        };
        let edits = label_matches_edits(&p, &picked, "claim", &who);
        assert_eq!(edits.len(), 6);
        let before = p.clone();
        h.apply(&mut p, "Label all", edits).expect("apply all");
        let spans: usize = p.documents.iter().map(|d| d.spans.len()).sum();
        assert_eq!(spans, 7);
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        assert!(p.documents[1].spans.iter().all(|s| s.annotator == "ak"));
        h.undo(&mut p).expect("undo");
        assert_eq!(p, before);
    }

    #[test]
    fn stale_matches_are_left_out() {
        let p = project();
        let stale = Match {
            doc: DocId(1),
            range: 0..3,
            before: String::new(),
            text: "xyz".into(),
            after: String::new(),
        };
        assert!(label_matches_edits(&p, &[&stale], "quote", &Provenance::default()).is_empty());
    }
}
