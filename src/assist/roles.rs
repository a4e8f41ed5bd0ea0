//! Which labels, attributes and relation of a codebook the assistant's proposals use:
//! the default codebook's `quote`, `attribution`, `introduces`, `speaker`, `cue` and
//! `source`, or a renamed codebook's equivalents found through its relation types.

use crate::model::{Label, RelationType};

/// The parts of a codebook a proposal is written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roles {
    /// Label of the quote (the content).
    pub quote: String,
    /// Label of the attribution span (source and cue), if the codebook has one.
    pub attribution: Option<String>,
    /// Relation type from attribution to quote, if the codebook has one.
    pub relation: Option<String>,
    /// The quote's attribute for the resolved speaker, if its label has one.
    pub speaker: Option<String>,
    /// The attribution's attribute for the reporting verb, if its label has one.
    pub cue: Option<String>,
    /// The attribution's attribute for the source as written, if its label has one.
    pub source: Option<String>,
}

impl Roles {
    /// The roles of a codebook: the label named `quote` (else the first label an
    /// `introduces` relation may point to), the label named `attribution` (else the
    /// first that relation may start from), and their attributes by name. `None` when
    /// no label can hold a quote.
    pub fn from_codebook(labels: &[Label], relation_types: &[RelationType]) -> Option<Roles> {
        let has = |name: &str| labels.iter().any(|l| l.name == name);
        let introduces = relation_types.iter().find(|t| t.name == "introduces");
        let quote = if has("quote") {
            "quote".to_owned()
        } else {
            introduces?.to.iter().find(|l| has(l))?.clone()
        };
        let attribution = if has("attribution") {
            Some("attribution".to_owned())
        } else {
            introduces.and_then(|t| t.from.iter().find(|l| has(l)).cloned())
        };
        let relation = introduces
            .filter(|t| attribution.as_deref().is_some_and(|a| t.allows(a, &quote)))
            .map(|t| t.name.clone());
        let field = |label: &str, names: &[&str]| {
            let label = labels.iter().find(|l| l.name == label)?;
            names.iter().find_map(|n| {
                label
                    .attributes
                    .iter()
                    .find(|a| a.name == *n)
                    .map(|a| a.name.clone())
            })
        };
        Some(Roles {
            speaker: field(&quote, &["speaker", "source"]),
            cue: attribution
                .as_deref()
                .and_then(|a| field(a, &["cue", "verb"])),
            source: attribution
                .as_deref()
                .and_then(|a| field(a, &["source", "speaker"])),
            quote,
            attribution,
            relation,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttributeDef, default_labels, default_relation_types};

    #[test]
    fn the_default_codebook_has_every_role() {
        let r = Roles::from_codebook(&default_labels(), &default_relation_types()).expect("roles");
        assert_eq!(r.quote, "quote");
        assert_eq!(r.attribution.as_deref(), Some("attribution"));
        assert_eq!(r.relation.as_deref(), Some("introduces"));
        assert_eq!(r.speaker.as_deref(), Some("speaker"));
        assert_eq!(r.cue.as_deref(), Some("cue"));
        assert_eq!(r.source.as_deref(), Some("source"));
    }

    #[test]
    fn a_renamed_codebook_is_read_through_its_relation() {
        let mut labels = default_labels();
        labels[0].name = "Zitat".into();
        labels[0].attributes = vec![AttributeDef::text("source")];
        labels[3].name = "Zuschreibung".into();
        let mut types = default_relation_types();
        types[0].from = vec!["Zuschreibung".into()];
        types[0].to = vec!["Zitat".into()];
        let r = Roles::from_codebook(&labels, &types).expect("roles");
        assert_eq!(r.quote, "Zitat");
        assert_eq!(r.attribution.as_deref(), Some("Zuschreibung"));
        assert_eq!(r.speaker.as_deref(), Some("source"));

        labels.retain(|l| l.name == "claim");
        assert!(Roles::from_codebook(&labels, &[]).is_none());
    }
}
