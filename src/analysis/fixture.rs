//! A small hand-counted project for the analysis tests: two outlets, two articles, every
//! label, attributes, relations and two annotators. The expected numbers in the tests were
//! counted by hand from the texts below.

use crate::model::{DocId, Document, Project, Relation, RelationId, Span, SpanId};

const GAZETTE: &str = "“The bridge is unsafe,” Mr Ward told reporters.\n\
The city’s first woman mayor said the closure was “sabotage”.\n\
Traders will lose €2 million, the council estimates.";

const BULWARK: &str = "Hard-left mayor Eleni Papadaki branded the decision “an act of sabotage”.\n\
“She’d rather play politics,” a ministry source claimed of the firebrand mayor.";

/// Adds a span over the first occurrence of `needle`, returning its id.
pub fn add(
    doc: &mut Document,
    label: &str,
    needle: &str,
    attrs: &[(&str, &str)],
    who: &str,
) -> SpanId {
    let range = doc
        .text
        .find(needle, 1)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let id = SpanId(1000 * doc.id.0 + u32::try_from(doc.spans.len()).unwrap_or(0) + 1);
    let span = Span {
        id,
        label: label.into(),
        start: range.start,
        end: range.end,
        text: needle.to_owned(),
        attributes: attrs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        annotator: who.into(),
        ..Span::default()
    };
    let at = doc.insertion_index(&span);
    doc.spans.insert(at, span);
    id
}

/// Links `from` to `to` with a relation of `kind`.
pub fn link(doc: &mut Document, kind: &str, from: SpanId, to: SpanId) {
    let id = RelationId(from.0 * 10 + u32::try_from(doc.relations.len()).unwrap_or(0));
    doc.relations.push(Relation {
        id,
        kind: kind.into(),
        from,
        to,
        note: String::new(),
    });
}

/// The two-outlet project.
pub fn project() -> Project {
    let mut p = Project::new("Analysis fixture");
    let mut d = Document::new(DocId(1), "Bridge row", GAZETTE);
    d.metadata.outlet = "Northgate Radio".into();
    d.metadata.date = "2026-05-04".into();
    let q1 = add(
        &mut d,
        "quote",
        "The bridge is unsafe",
        &[("speaker", "Ward")],
        "ana",
    );
    let a1 = add(
        &mut d,
        "attribution",
        "Mr Ward told reporters",
        &[("cue", "told"), ("source", "Ward")],
        "ana",
    );
    link(&mut d, "introduces", a1, q1);
    add(
        &mut d,
        "descriptor",
        "The city’s first woman mayor",
        &[("target", "Papadaki")],
        "ana",
    );
    let a2 = add(
        &mut d,
        "attribution",
        "said",
        &[("cue", "said"), ("source", "Papadaki")],
        "ana",
    );
    let q2 = add(&mut d, "quote", "sabotage", &[], "ben");
    link(&mut d, "introduces", a2, q2);
    add(&mut d, "claim", "Traders will lose €2 million", &[], "ana");
    p.documents.push(d);

    let mut d = Document::new(DocId(2), "Mayor attacked", BULWARK);
    d.metadata.outlet = "Daily Bulwark".into();
    d.metadata.date = "2026-05-05".into();
    add(
        &mut d,
        "descriptor",
        "Hard-left mayor",
        &[("target", "Papadaki")],
        "ana",
    );
    let a3 = add(
        &mut d,
        "attribution",
        "Eleni Papadaki branded the decision",
        &[("cue", "branded")],
        "ana",
    );
    let q3 = add(
        &mut d,
        "quote",
        "an act of sabotage",
        &[("speaker", "Papadaki")],
        "ana",
    );
    link(&mut d, "introduces", a3, q3);
    let q4 = add(
        &mut d,
        "quote",
        "She’d rather play politics",
        &[("speaker", "ministry source")],
        "ana",
    );
    let a4 = add(
        &mut d,
        "attribution",
        "a ministry source claimed",
        &[("cue", "claimed")],
        "ana",
    );
    link(&mut d, "introduces", a4, q4);
    add(
        &mut d,
        "descriptor",
        "the firebrand mayor",
        &[("target", "Papadaki")],
        "ana",
    );
    p.documents.push(d);
    debug_assert!(p.problems().is_empty(), "{:?}", p.problems());
    p
}

/// Two coders' files on the fixture's articles: A coded like [`project`]; B missed the
/// claim and labelled "firebrand mayor" without its article. Neither sets an annotator, so
/// merge names them after their files.
pub fn coders() -> (Project, Project) {
    let mut a = project();
    for s in a.documents.iter_mut().flat_map(|d| d.spans.iter_mut()) {
        s.annotator = Default::default();
    }
    let mut b = a.clone();
    b.documents[0].spans.retain(|s| s.label != "claim");
    let d = &mut b.documents[1];
    if let Some(s) = d.spans.iter_mut().find(|s| s.text == "the firebrand mayor") {
        s.start += 4;
        s.text = "firebrand mayor".into();
    }
    (a, b)
}

/// The committed copies in tests/fixtures/analysis/ are these projects; set
/// `LECTERN_BLESS=1` to rewrite them after changing the fixture.
#[test]
fn committed_fixture_files_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/analysis");
    let (a, b) = coders();
    for (name, p) in [
        ("outlets.ron", project()),
        ("coder-a.ron", a),
        ("coder-b.ron", b),
    ] {
        let text = crate::store::to_ron(&p).expect("ron");
        let path = dir.join(name);
        if std::env::var_os("LECTERN_BLESS").is_some() {
            std::fs::create_dir_all(&dir).expect("dir");
            std::fs::write(&path, &text).expect("write");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "{name} is out of date; run with LECTERN_BLESS=1"
        );
    }
}
