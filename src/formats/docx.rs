//! Word documents (`.docx`) read as articles: the body's paragraphs, one per line, and the
//! title and author from the document properties.
//!
//! A `.docx` is a zip of XML parts. The text is `word/document.xml`'s runs (`w:t`), with
//! `w:tab` as a tab and `w:br`/`w:cr` as a line break; each paragraph (`w:p`) ends a line.
//! Deleted tracked changes (`w:delText`) and field codes (`w:instrText`) are not text.
//! Headers, footers, footnotes and comments are left out. `dc:title` and `dc:creator`
//! from `docProps/core.xml` give the title and author when set.

use super::zip_limit::ZipBudget;
use quick_xml::events::Event;

/// A Word document's text and properties.
#[derive(Debug)]
pub struct DocxArticle {
    /// `dc:title`, empty when unset.
    pub title: String,
    /// `dc:creator`, empty when unset.
    pub author: String,
    /// Paragraphs separated by `\n`.
    pub text: String,
}

/// Reads a `.docx` from its bytes; the error says what is wrong, lower-case. Its parts
/// may unpack to at most [`super::article::MAX_ARTICLE_BYTES`] together.
pub fn read(bytes: &[u8]) -> Result<DocxArticle, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a .docx (zip) file: {e}"))?;
    let mut budget = ZipBudget::new(super::article::MAX_ARTICLE_BYTES);
    let document = part(&mut zip, &mut budget, "word/document.xml")?
        .ok_or("no word/document.xml; not a Word document")?;
    let text = body_text(&document)?;
    let core = part(&mut zip, &mut budget, "docProps/core.xml")?.unwrap_or_default();
    Ok(DocxArticle {
        title: element_text(&core, "title"),
        author: element_text(&core, "creator"),
        text,
    })
}

/// The XML part `name`, within the budget; `None` when the document has no such part.
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    budget: &mut ZipBudget,
    name: &str,
) -> Result<Option<String>, String> {
    let Some(bytes) = budget.read(zip, name)? else {
        return Ok(None);
    };
    String::from_utf8(bytes).map(Some).map_err(|e| {
        format!(
            "{name} is not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn unescape_ref(r: &str) -> String {
    let raw = format!("&{r};");
    quick_xml::escape::unescape(&raw).map_or(raw.clone(), |s| s.into_owned())
}

fn body_text(xml: &str) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "word/document.xml at byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tab" => current.push('\t'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => current.push('\t'),
                "br" | "cr" => current.push('\n'),
                "p" => paragraphs.push(String::new()),
                _ => {}
            },
            Event::Text(t) if in_text => current.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => current.push_str(&unescape_ref(&r)),
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => paragraphs.push(std::mem::take(&mut current)),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    Ok(paragraphs.join("\n").trim_end_matches('\n').to_owned())
}

/// Text of the first element with this local name (`dc:title` → "title").
fn element_text(xml: &str, name: &str) -> String {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut inside = false;
    let mut out = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == name => inside = true,
            Ok(Event::Text(t)) if inside => out.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if inside => out.push_str(&unescape_ref(&r)),
            Ok(Event::End(e)) if inside && e.local_name().as_ref() == name => break,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// A minimal `.docx` with these paragraphs and title, for tests.
#[cfg(test)]
pub fn make_docx(paragraphs: &[&str], title: &str) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let o = zip::write::SimpleFileOptions::default();
    let body: String = paragraphs
        .iter()
        .map(|p| {
            let runs: Vec<String> = p
                .split('\t')
                .map(|r| {
                    format!(
                        "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                        quick_xml::escape::escape(r)
                    )
                })
                .collect();
            format!("<w:p>{}</w:p>", runs.join("<w:r><w:tab/></w:r>"))
        })
        .collect();
    zip.start_file("word/document.xml", o).expect("zip");
    write!(
        zip,
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:p><w:r><w:delText>gone</w:delText></w:r></w:p></w:body></w:document>"
    )
    .expect("write");
    zip.start_file("docProps/core.xml", o).expect("zip");
    write!(
        zip,
        "<cp:coreProperties xmlns:cp=\"c\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>Ana &amp; Bo</dc:creator></cp:coreProperties>",
        quick_xml::escape::escape(title)
    )
    .expect("write");
    zip.finish().expect("zip");
    buf.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tabs_and_properties() {
        let bytes = make_docx(
            &["“It’s a disgrace,” said Ms\u{a0}Π 😤", "a\tb & c"],
            "Bridge row",
        );
        let a = read(&bytes).expect("docx");
        assert_eq!(a.text, "“It’s a disgrace,” said Ms\u{a0}Π 😤\na\tb & c");
        assert_eq!(a.title, "Bridge row");
        assert_eq!(a.author, "Ana & Bo");
        assert!(read(b"not a zip").unwrap_err().contains("not a .docx"));
    }
}
