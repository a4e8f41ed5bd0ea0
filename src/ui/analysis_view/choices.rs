//! What the Analysis view shows: the table and every choice that shapes it, and the same
//! choices as plain strings for the settings file, so the view reopens a project as the
//! user left it (a renamed or unknown value falls back to the default, never breaking the
//! settings).

use crate::analysis::chart::{ChartKind, ChartOptions};
use crate::analysis::{self, Filter, GroupBy, Table, Unit, VerbOptions, Within};
use crate::model::Project;
use serde::{Deserialize, Serialize};

/// Which table the view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AnalysisTable {
    /// Spans per label per group.
    #[default]
    Counts,
    /// Quotes per speaker with reporting verbs.
    Quoted,
    /// Reporting verbs, neutral or evaluative.
    Verbs,
    /// Descriptor texts per target.
    Descriptors,
    /// Labels together in a paragraph.
    Cooccurrence,
    /// Intercoder agreement per label.
    Agreement,
}

impl AnalysisTable {
    /// Every table, in the order of the view's tabs.
    pub const ALL: [AnalysisTable; 6] = [
        AnalysisTable::Counts,
        AnalysisTable::Quoted,
        AnalysisTable::Verbs,
        AnalysisTable::Descriptors,
        AnalysisTable::Cooccurrence,
        AnalysisTable::Agreement,
    ];

    /// Name on its tab.
    pub fn name(self) -> &'static str {
        match self {
            AnalysisTable::Counts => "Label counts",
            AnalysisTable::Quoted => "Who is quoted",
            AnalysisTable::Verbs => "Reporting verbs",
            AnalysisTable::Descriptors => "Descriptors",
            AnalysisTable::Cooccurrence => "Co-occurrence",
            AnalysisTable::Agreement => "Agreement",
        }
    }

    /// Name in files and on the command line (`lectern stats -t NAME`).
    pub fn key(self) -> &'static str {
        match self {
            AnalysisTable::Counts => "counts",
            AnalysisTable::Quoted => "quoted",
            AnalysisTable::Verbs => "verbs",
            AnalysisTable::Descriptors => "descriptors",
            AnalysisTable::Cooccurrence => "cooccurrence",
            AnalysisTable::Agreement => "agreement",
        }
    }

    /// The kind of chart the table has.
    pub fn chart_kind(self) -> ChartKind {
        match self {
            AnalysisTable::Counts => ChartKind::Counts,
            AnalysisTable::Quoted => ChartKind::Quoted,
            AnalysisTable::Verbs => ChartKind::Verbs,
            AnalysisTable::Descriptors => ChartKind::Descriptors,
            AnalysisTable::Cooccurrence => ChartKind::Cooccurrence,
            AnalysisTable::Agreement => ChartKind::Agreement,
        }
    }

    /// Whether the table counts only the labels ticked in the filter (the others are
    /// defined by their labels: quotes, attributions, descriptors).
    pub fn uses_labels(self) -> bool {
        matches!(
            self,
            AnalysisTable::Counts | AnalysisTable::Cooccurrence | AnalysisTable::Agreement
        )
    }
}

/// Every choice the view offers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choices {
    /// The table shown.
    pub table: AnalysisTable,
    /// What documents are grouped by.
    pub by: GroupBy,
    /// Which spans count.
    pub filter: Filter,
    /// Co-occurrence: values of this attribute instead of labels.
    pub attribute: Option<String>,
    /// Co-occurrence: within a paragraph or a sentence.
    pub within: Within,
    /// Agreement: what a token-level unit is.
    pub unit: Unit,
    /// Agreement: one row per document instead of per label.
    pub per_document: bool,
    /// Reporting verbs: per speaker, finer classes.
    pub verbs: VerbOptions,
    /// Who is quoted: one bar per outlet side by side instead of stacked.
    pub grouped: bool,
    /// Descriptors: whose descriptors the chart shows (the most described if none).
    pub target: Option<String>,
}

impl Choices {
    /// The table these choices give for `project`.
    pub fn compute(&self, project: &Project) -> Table {
        let (filter, by) = (&self.filter, &self.by);
        match self.table {
            AnalysisTable::Counts => analysis::label_counts(project, filter, by),
            AnalysisTable::Quoted => analysis::who_is_quoted(project, filter, by),
            AnalysisTable::Verbs => analysis::reporting_verbs(project, filter, by, self.verbs),
            AnalysisTable::Descriptors => analysis::descriptors(project, filter, by),
            AnalysisTable::Cooccurrence => match &self.attribute {
                Some(name) => analysis::attribute_cooccurrence(project, filter, self.within, name),
                None => analysis::cooccurrence(project, filter, self.within),
            },
            AnalysisTable::Agreement if self.per_document => {
                analysis::agreement_by_document(project, self.unit)
            }
            AnalysisTable::Agreement => analysis::agreement(project, self.unit, true),
        }
    }

    /// The chart options these choices give, for a chart `width_px` wide.
    pub fn chart_options(&self, width_px: f32) -> ChartOptions {
        ChartOptions {
            width: width_px,
            grouped: self.grouped,
            target: self.target.clone(),
            within: self.within,
        }
    }
}

/// [`Choices`] as the settings file keeps them, per project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedChoices {
    /// [`AnalysisTable::key`].
    pub table: String,
    /// [`GroupBy::name`].
    pub by: String,
    /// Labels counted; empty for all.
    pub labels: Vec<String>,
    /// Annotators counted; empty for all.
    pub annotators: Vec<String>,
    /// Earliest date.
    pub date_from: Option<String>,
    /// Latest date.
    pub date_to: Option<String>,
    /// Co-occurrence of this attribute's values.
    pub attribute: Option<String>,
    /// `sentence`, else paragraph.
    pub within: String,
    /// `char`, else token.
    pub unit: String,
    /// Agreement per document.
    pub per_document: bool,
    /// Verbs per speaker.
    pub per_speaker: bool,
    /// Verbs' finer classes.
    pub detail: bool,
    /// Who is quoted, bars side by side.
    pub grouped: bool,
    /// Descriptors' target.
    pub target: Option<String>,
}

impl From<&Choices> for SavedChoices {
    fn from(c: &Choices) -> Self {
        SavedChoices {
            table: c.table.key().to_owned(),
            by: c.by.name().to_owned(),
            labels: c.filter.labels.iter().cloned().collect(),
            annotators: c.filter.annotators.iter().cloned().collect(),
            date_from: c.filter.date_from.clone(),
            date_to: c.filter.date_to.clone(),
            attribute: c.attribute.clone(),
            within: match c.within {
                Within::Paragraph => "paragraph",
                Within::Sentence => "sentence",
            }
            .to_owned(),
            unit: match c.unit {
                Unit::Token => "token",
                Unit::CodePoint => "char",
            }
            .to_owned(),
            per_document: c.per_document,
            per_speaker: c.verbs.per_speaker,
            detail: c.verbs.detail,
            grouped: c.grouped,
            target: c.target.clone(),
        }
    }
}

impl From<&SavedChoices> for Choices {
    fn from(s: &SavedChoices) -> Self {
        let table = AnalysisTable::ALL
            .into_iter()
            .find(|t| t.key() == s.table)
            .unwrap_or_default();
        Choices {
            table,
            by: if s.by.is_empty() {
                GroupBy::default()
            } else {
                GroupBy::parse(&s.by)
            },
            filter: Filter {
                labels: s.labels.iter().cloned().collect(),
                annotators: s.annotators.iter().cloned().collect(),
                date_from: s.date_from.clone(),
                date_to: s.date_to.clone(),
            },
            attribute: s.attribute.clone(),
            within: if s.within == "sentence" {
                Within::Sentence
            } else {
                Within::Paragraph
            },
            unit: if s.unit == "char" {
                Unit::CodePoint
            } else {
                Unit::Token
            },
            per_document: s.per_document,
            verbs: VerbOptions {
                per_speaker: s.per_speaker,
                detail: s.detail,
            },
            grouped: s.grouped,
            target: s.target.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_survive_the_settings_file() {
        let choices = Choices {
            table: AnalysisTable::Verbs,
            by: GroupBy::Custom("desk".into()),
            filter: Filter {
                labels: ["quote".to_owned()].into(),
                annotators: ["ana".to_owned()].into(),
                date_from: Some("2026-05".into()),
                date_to: None,
            },
            attribute: Some("speaker".into()),
            within: Within::Sentence,
            unit: Unit::CodePoint,
            per_document: true,
            verbs: VerbOptions {
                per_speaker: true,
                detail: true,
            },
            grouped: true,
            target: Some("Ελένη Παπαδάκη".into()),
        };
        let saved = SavedChoices::from(&choices);
        let text = ron::to_string(&saved).expect("ron");
        let back: SavedChoices = ron::from_str(&text).expect("parse");
        assert_eq!(Choices::from(&back), choices);
        // A table this version does not know gives the default, not an error.
        let odd: SavedChoices = ron::from_str("(table: \"sankey\")").expect("parse");
        assert_eq!(Choices::from(&odd), Choices::default());
    }
}
