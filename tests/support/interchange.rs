//! What an interchange round trip must keep, as one comparable value per project: shared
//! by the command-line and reference-file interchange tests.

use lectern::model::Project;

/// Per document (by title): every span as (label, pieces, text, note), sorted; and every
/// relation as (type, from text, to text).
pub type Summary = Vec<(
    String,
    Vec<(String, Vec<(usize, usize)>, String, String)>,
    Vec<(String, String, String)>,
)>;

/// The summary of `p`; with `notes` false the notes are left out (for formats that drop
/// them).
pub fn summary(p: &Project, notes: bool) -> Summary {
    let mut out: Summary = p
        .documents
        .iter()
        .map(|d| {
            let mut spans: Vec<_> = d
                .spans
                .iter()
                .map(|s| {
                    let note = if notes { s.note.clone() } else { String::new() };
                    (s.label.to_string(), s.pieces(), s.joined_text(), note)
                })
                .collect();
            spans.sort();
            let text = |id| d.span(id).map(|s| s.joined_text()).unwrap_or_default();
            let mut rels: Vec<_> = d
                .relations
                .iter()
                .map(|r| (r.kind.to_string(), text(r.from), text(r.to)))
                .collect();
            rels.sort();
            (d.title.clone(), spans, rels)
        })
        .collect();
    out.sort();
    out
}
