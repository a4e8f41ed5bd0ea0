//! PDF articles: the text layer, read with `pdf-extract`. A scanned PDF (pages as images)
//! has no text layer; Lectern says so rather than importing an empty document, since it
//! does no OCR itself.

/// Why a PDF gave no text.
#[derive(Debug, PartialEq, Eq)]
pub enum PdfProblem {
    /// The file could not be parsed as a PDF (damaged, encrypted, or not a PDF).
    Unreadable(String),
    /// The PDF has pages but no text on them.
    NoTextLayer,
}

/// The text layer of a PDF, pages separated by line breaks, with form feeds removed.
pub fn read(bytes: &[u8]) -> Result<String, PdfProblem> {
    // pdf-extract panics on some malformed files; a bad file must never take the app down.
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    let text = match result {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => return Err(PdfProblem::Unreadable(e.to_string())),
        Err(_) => {
            return Err(PdfProblem::Unreadable(
                "the PDF reader failed on it".to_owned(),
            ));
        }
    };
    let text = text.replace('\u{c}', "\n");
    let text = text.trim_matches(|c: char| c.is_whitespace());
    if text.is_empty() {
        return Err(PdfProblem::NoTextLayer);
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_unreadable_not_a_panic() {
        assert!(matches!(
            read(b"%PDF-1.4 nonsense"),
            Err(PdfProblem::Unreadable(_))
        ));
        assert!(matches!(read(b""), Err(PdfProblem::Unreadable(_))));
    }
}

/// A minimal one-page PDF showing `lines` in Helvetica (no text when empty), for tests.
#[cfg(test)]
pub fn make_pdf(lines: &[&str]) -> Vec<u8> {
    let mut content = String::from("BT /F1 12 Tf 72 720 Td 14 TL\n");
    for l in lines {
        content.push_str(&format!("({l}) Tj T*\n"));
    }
    content.push_str("ET\n");
    if lines.is_empty() {
        content = "0 0 1 rg 72 72 100 100 re f\n".to_owned();
    }
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

#[cfg(test)]
mod layer_tests {
    use super::*;

    #[test]
    fn text_layer_is_read_and_its_absence_is_named() {
        let text = read(&make_pdf(&["Bridge row", "The mayor said no."])).expect("text");
        assert!(
            text.contains("Bridge row") && text.contains("The mayor said no."),
            "{text:?}"
        );
        assert_eq!(read(&make_pdf(&[])), Err(PdfProblem::NoTextLayer));
    }
}
