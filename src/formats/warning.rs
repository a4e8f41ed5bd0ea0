//! Warnings a person can read: what an import (or a metadata table) could not keep or
//! changed to fit, each with a kind, grouped by kind with a count and the first examples.
//!
//! A corpus import can give tens of thousands of warnings, nearly all of one kind (brat
//! events turned into relations); listed one by one they hide the few that matter (a
//! malformed line, a span whose text is not at its offsets). Grouped, the rare kinds come
//! first and each kind is one line; the full list is written to a file on request.

use std::fmt;
use std::path::Path;

/// The kinds importers share, so that one kind reads the same whatever the format.
pub mod kind {
    /// A document whose text the project (or the import) already holds.
    pub const DUPLICATE_DOCUMENT: &str = "documents already in the project, skipped";
    /// A file that could not be read as an article (or table of articles).
    pub const UNREADABLE: &str = "files that could not be read, not added";
    /// An item with no text to make a document of.
    pub const NO_TEXT: &str = "items without text, skipped";
    /// A line or item that does not follow the format.
    pub const MALFORMED: &str = "malformed lines or items, not imported";
    /// A span that selects nothing or lies outside its text.
    pub const OUTSIDE_TEXT: &str = "spans empty or outside the text, not imported";
    /// A span whose recorded text is not the text at its offsets.
    pub const TEXT_MISMATCH: &str =
        "spans whose text is not the text at their offsets, not imported";
    /// A relation whose ends were not imported.
    pub const RELATION_ENDS: &str = "relations whose spans were not imported, not imported";
    /// A note on something that was not imported.
    pub const NOTE_TARGET: &str = "notes on items that were not imported";
    /// Something the format has and Lectern has no place for.
    pub const NO_PLACE: &str = "items Lectern has no place for, not imported";
    /// Something kept in another shape (a brat event as relations, an attribute moved).
    pub const CHANGED_TO_FIT: &str = "items changed to fit (kept in another shape)";
    /// brat events, each turned into relations from its trigger span.
    pub const EVENT: &str = "brat events became relations from their trigger span";
    /// Only part of an item was imported (the first of several annotations).
    pub const PARTLY: &str = "items imported in part";
    /// Spans whose type the user chose to drop (`--drop`, or "nothing" in the window).
    pub const DROPPED: &str = "spans of dropped types, not imported";
}

/// How many examples a group shows.
pub const EXAMPLES: usize = 3;

/// One thing that was not kept or was changed to fit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// What happened, the same words for every warning of the kind ("brat events became
    /// relations from their trigger span"); the group's heading.
    pub kind: &'static str,
    /// The whole message, naming the file and the place (line, row, item).
    pub text: String,
}

impl Warning {
    /// A warning of `kind` saying `text`.
    pub fn new(kind: &'static str, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The warnings of one kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarningGroup<'a> {
    /// The kind, as [`Warning::kind`].
    pub kind: &'static str,
    /// Every warning of the kind, in the order they were found.
    pub warnings: Vec<&'a Warning>,
}

impl WarningGroup<'_> {
    /// The group's heading: "19,868 × brat events became relations from their trigger span".
    pub fn heading(&self) -> String {
        format!(
            "{} × {}",
            crate::progress::thousands(self.warnings.len() as u64),
            self.kind
        )
    }
}

/// The warnings grouped by kind, the rarest kinds first (they are the ones a long list
/// hides), kinds of equal count in the order first found.
pub fn group(warnings: &[Warning]) -> Vec<WarningGroup<'_>> {
    let mut groups: Vec<WarningGroup<'_>> = Vec::new();
    for w in warnings {
        match groups.iter_mut().find(|g| g.kind == w.kind) {
            Some(g) => g.warnings.push(w),
            None => groups.push(WarningGroup {
                kind: w.kind,
                warnings: vec![w],
            }),
        }
    }
    groups.sort_by_key(|g| g.warnings.len());
    groups
}

/// Lines for a terminal: each group's heading, then its first [`EXAMPLES`] warnings
/// indented, then how many more there are.
pub fn summary_lines(warnings: &[Warning]) -> Vec<String> {
    let mut lines = Vec::new();
    for g in group(warnings) {
        lines.push(g.heading());
        for w in g.warnings.iter().take(EXAMPLES) {
            lines.push(format!("    {w}"));
        }
        if g.warnings.len() > EXAMPLES {
            lines.push(format!(
                "    … and {} more",
                crate::progress::thousands((g.warnings.len() - EXAMPLES) as u64)
            ));
        }
    }
    lines
}

/// Every warning on its own line, grouped by kind under its heading: the full list a user
/// asks for (`--warnings FILE`, "Save the full list…" in the window).
pub fn full_text(warnings: &[Warning]) -> String {
    let mut out = String::new();
    for g in group(warnings) {
        out.push_str(&g.heading());
        out.push('\n');
        for w in &g.warnings {
            out.push_str("    ");
            out.push_str(&w.text);
            out.push('\n');
        }
    }
    out
}

/// Writes [`full_text`] to `path`, atomically.
pub fn write_full_list(warnings: &[Warning], path: &Path) -> std::io::Result<()> {
    crate::fsutil::write_atomic(path, full_text(warnings).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn many() -> Vec<Warning> {
        let mut w: Vec<Warning> = (1..=5)
            .map(|n| Warning::new("events became relations", format!("a.ann:{n}: event E{n}")))
            .collect();
        w.insert(
            2,
            Warning::new("malformed lines", "b.ann:7: T3: bad offsets"),
        );
        w
    }

    #[test]
    fn groups_put_rare_kinds_first_with_counts_and_examples() {
        let w = many();
        let groups = group(&w);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].heading(), "1 × malformed lines");
        assert_eq!(groups[1].heading(), "5 × events became relations");
        let lines = summary_lines(&w);
        assert_eq!(
            lines,
            [
                "1 × malformed lines",
                "    b.ann:7: T3: bad offsets",
                "5 × events became relations",
                "    a.ann:1: event E1",
                "    a.ann:2: event E2",
                "    a.ann:3: event E3",
                "    … and 2 more",
            ]
        );
    }

    #[test]
    fn the_full_list_holds_every_warning() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("warnings.txt");
        write_full_list(&many(), &path).expect("write");
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(text.lines().count(), 8);
        assert!(text.contains("    a.ann:5: event E5\n"), "{text}");
    }
}
