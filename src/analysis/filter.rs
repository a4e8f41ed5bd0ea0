//! Which spans an analysis looks at, and what it groups documents by: the same choices
//! in the window's Analysis panel and on the `lectern stats` command line.

use crate::model::{Document, Project, Span};
use std::collections::BTreeSet;

/// Shown for a document that has no value for the grouping field.
pub const NO_VALUE: &str = "(none)";

/// Which spans count. Empty sets mean "all".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Labels to count; empty for every label.
    pub labels: BTreeSet<String>,
    /// Earliest publication date, inclusive, as `YYYY-MM-DD` (or a prefix: `2026-05`).
    pub date_from: Option<String>,
    /// Latest publication date, inclusive; `2026-05` includes every day of May.
    pub date_to: Option<String>,
    /// Annotators whose spans count; empty for everyone. `""` stands for spans without one.
    pub annotators: BTreeSet<String>,
}

impl Filter {
    /// Whether the document's date lies in the range. Dates compare as text, which is
    /// chronological for ISO dates; with a range set, a document without a date is out.
    pub fn accepts_document(&self, doc: &Document) -> bool {
        let date = doc.metadata.date.trim();
        if (self.date_from.is_some() || self.date_to.is_some()) && date.is_empty() {
            return false;
        }
        let from_ok = self
            .date_from
            .as_deref()
            .is_none_or(|from| date >= from.trim());
        let to_ok = self.date_to.as_deref().is_none_or(|to| {
            let to = to.trim();
            date <= to || date.starts_with(to)
        });
        from_ok && to_ok
    }

    /// Whether the span's label and annotator are among those chosen.
    pub fn accepts_span(&self, span: &Span) -> bool {
        (self.labels.is_empty() || self.labels.contains(span.label.as_str()))
            && (self.annotators.is_empty() || self.annotators.contains(span.annotator.as_str()))
    }

    /// Every accepted span with its document, documents in project order.
    pub fn spans<'p>(
        &self,
        project: &'p Project,
    ) -> impl Iterator<Item = (&'p Document, &'p Span)> {
        project
            .documents
            .iter()
            .filter(|d| self.accepts_document(d))
            .flat_map(|d| d.spans.iter().map(move |s| (d, s)))
            .filter(|(_, s)| self.accepts_span(s))
    }

    /// The project's labels that pass the filter, in codebook order.
    pub fn labels<'p>(&self, project: &'p Project) -> Vec<&'p str> {
        project
            .labels
            .iter()
            .map(|l| l.name.as_str())
            .filter(|l| self.labels.is_empty() || self.labels.contains(*l))
            .collect()
    }
}

/// What documents are grouped by: one of their fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum GroupBy {
    /// Each document on its own (its title).
    Document,
    /// Publishing outlet.
    #[default]
    Outlet,
    /// Publication date.
    Date,
    /// Byline.
    Author,
    /// Coding status.
    Status,
    /// One of the project's own metadata fields.
    Custom(String),
}

impl GroupBy {
    /// The built-in choices, for menus.
    pub const BUILT_IN: [GroupBy; 5] = [
        GroupBy::Document,
        GroupBy::Outlet,
        GroupBy::Date,
        GroupBy::Author,
        GroupBy::Status,
    ];

    /// Parses a field name: `document`, `outlet`, `date`, `author`, `status`, or any other
    /// name as a custom metadata field.
    pub fn parse(name: &str) -> Self {
        match name.trim().to_lowercase().as_str() {
            "document" | "doc" | "title" => GroupBy::Document,
            "outlet" => GroupBy::Outlet,
            "date" => GroupBy::Date,
            "author" => GroupBy::Author,
            "status" => GroupBy::Status,
            _ => GroupBy::Custom(name.trim().to_owned()),
        }
    }

    /// The field's name, used as the first column's header.
    pub fn name(&self) -> &str {
        match self {
            GroupBy::Document => "document",
            GroupBy::Outlet => "outlet",
            GroupBy::Date => "date",
            GroupBy::Author => "author",
            GroupBy::Status => "status",
            GroupBy::Custom(name) => name,
        }
    }

    /// The document's value for this field; [`NO_VALUE`] when it is empty.
    pub fn value(&self, doc: &Document) -> String {
        let v = match self {
            GroupBy::Document => {
                return format!("{} {}", doc.id, doc.title);
            }
            GroupBy::Outlet => doc.metadata.outlet.as_str(),
            GroupBy::Date => doc.metadata.date.as_str(),
            GroupBy::Author => doc.metadata.author.as_str(),
            GroupBy::Status => doc.status.name(),
            GroupBy::Custom(name) => doc.metadata.custom.get(name).map_or("", String::as_str),
        };
        let v = v.trim();
        if v.is_empty() {
            NO_VALUE.to_owned()
        } else {
            v.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;

    fn doc(date: &str) -> Document {
        let mut d = Document::new(DocId(1), "t", "x");
        d.metadata.date = date.to_owned();
        d
    }

    #[test]
    fn date_range_is_inclusive_and_a_month_prefix_covers_the_month() {
        let f = Filter {
            date_from: Some("2026-05-01".into()),
            date_to: Some("2026-05".into()),
            ..Filter::default()
        };
        assert!(f.accepts_document(&doc("2026-05-01")));
        assert!(f.accepts_document(&doc("2026-05-31")));
        assert!(!f.accepts_document(&doc("2026-06-01")));
        assert!(!f.accepts_document(&doc("2026-04-30")));
        assert!(!f.accepts_document(&doc("")));
        assert!(Filter::default().accepts_document(&doc("")));
    }

    #[test]
    fn group_by_parses_built_in_and_custom_fields() {
        assert_eq!(GroupBy::parse("Outlet"), GroupBy::Outlet);
        assert_eq!(GroupBy::parse("region"), GroupBy::Custom("region".into()));
        let mut d = doc("");
        assert_eq!(GroupBy::Date.value(&d), NO_VALUE);
        d.metadata.custom.insert("region".into(), "north".into());
        assert_eq!(GroupBy::parse("region").value(&d), "north");
    }
}
