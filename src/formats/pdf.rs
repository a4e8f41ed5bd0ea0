//! PDF articles: the text layer, read with `pdf-extract`. A scanned PDF (pages as images)
//! has no text layer; Lectern says so rather than importing an empty document, since it
//! does no OCR itself.
//!
//! `pdf-extract` panics on some malformed files and can read a crafted one for hours. In
//! the `lectern` binary (built with `panic = "abort"` for shipping) each PDF is therefore
//! read by a child process, `lectern __read-pdf` ([`super::pdf_process`]), which a panic,
//! a stack overflow or the time limit ends without touching the app. Where no reader
//! executable is registered ([`super::child_reader::register`]: the library's tests,
//! benchmarks, the fuzz targets) the PDF is read on a thread of this process, as before.

use std::time::Duration;

/// Why a PDF gave no text.
#[derive(Debug, PartialEq, Eq)]
pub enum PdfProblem {
    /// The file could not be parsed as a PDF (damaged, encrypted, or not a PDF).
    Unreadable(String),
    /// The PDF has pages but no text on them.
    NoTextLayer,
}

/// Longest Lectern waits for a PDF's text layer. A 300-page report takes a few seconds;
/// a file that takes longer is damaged or built to never finish.
pub const PDF_TIME_LIMIT: Duration = Duration::from_secs(30);

/// Stack of the thread that reads a PDF: deep enough for any honest nesting of its
/// objects, which [`super::pdf_forms`] bounds before extraction starts.
pub(super) const READER_STACK_BYTES: usize = 64 << 20;

/// The text layer of a PDF, pages separated by line breaks, with form feeds removed; read
/// within [`PDF_TIME_LIMIT`].
pub fn read(bytes: Vec<u8>) -> Result<String, PdfProblem> {
    read_within(bytes, PDF_TIME_LIMIT)
}

/// [`read`] with a time limit of `limit`: by the registered reader executable, which is
/// killed at the limit, else on a thread of this process, abandoned at the limit (a
/// thread cannot be stopped from outside; its result is dropped).
pub fn read_within(bytes: Vec<u8>, limit: Duration) -> Result<String, PdfProblem> {
    let text = match super::child_reader::registered() {
        Some(executable) => super::pdf_process::read(executable, bytes, limit)?,
        None => read_on_thread(bytes, limit)?,
    };
    let text = text.replace('\u{c}', "\n");
    let text = text.trim_matches(|c: char| c.is_whitespace());
    if text.is_empty() {
        return Err(PdfProblem::NoTextLayer);
    }
    Ok(text.to_owned())
}

/// The message of a reader that ran past `limit`.
pub(super) fn too_slow(limit: Duration) -> PdfProblem {
    PdfProblem::Unreadable(format!(
        "its text took longer than {} s to read; the PDF is damaged or built to never finish",
        limit.as_secs_f32()
    ))
}

/// The raw text layer, read on a thread of this process that is abandoned after `limit`.
fn read_on_thread(bytes: Vec<u8>, limit: Duration) -> Result<String, PdfProblem> {
    let failed = || PdfProblem::Unreadable("the PDF reader failed on it".to_owned());
    let (send, receive) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("pdf text".to_owned())
        .stack_size(READER_STACK_BYTES)
        .spawn(move || {
            // pdf-extract panics on some malformed files; where panics unwind, a bad file
            // must not take the program down. (Built to abort, a panic ends the process:
            // that is why the binary reads PDFs in a child process.)
            #[cfg(panic = "unwind")]
            let text =
                std::panic::catch_unwind(|| extract(&bytes)).unwrap_or_else(|_| Err(failed()));
            #[cfg(not(panic = "unwind"))]
            let text = extract(&bytes);
            let _ = send.send(text);
        });
    if let Err(e) = spawned {
        return Err(PdfProblem::Unreadable(format!(
            "cannot start the PDF reader: {e}"
        )));
    }
    match receive.recv_timeout(limit) {
        Ok(text) => text,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(too_slow(limit)),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(failed()),
    }
}

/// The raw text layer: the document parsed, opened if encrypted without a password (as
/// many are), its forms checked, then its text extracted.
pub(super) fn extract(bytes: &[u8]) -> Result<String, PdfProblem> {
    let unreadable = |e: &dyn std::fmt::Display| PdfProblem::Unreadable(e.to_string());
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| unreadable(&e))?;
    if doc.is_encrypted() {
        doc.decrypt("").map_err(|e| unreadable(&e))?;
    }
    super::pdf_forms::check(&doc).map_err(PdfProblem::Unreadable)?;
    let mut text = String::new();
    pdf_extract::output_doc(&doc, &mut pdf_extract::PlainTextOutput::new(&mut text))
        .map_err(|e| unreadable(&e))?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_unreadable_not_a_panic() {
        assert!(matches!(
            read(b"%PDF-1.4 nonsense".to_vec()),
            Err(PdfProblem::Unreadable(_))
        ));
        assert!(matches!(read(Vec::new()), Err(PdfProblem::Unreadable(_))));
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
    pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned(),
    ])
}

/// A PDF of `objects` (numbered from 1, the first the catalog) with its cross-reference
/// table, for tests.
#[cfg(test)]
pub fn pdf_of(objects: &[String]) -> Vec<u8> {
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

/// A one-page PDF whose page shows "Hello" and draws form `/X0`; `forms` are the form
/// XObjects as (resources, content), the first being `/X0`, object 6 + i for form i
/// (object 5 is the font). For tests of nested forms.
#[cfg(test)]
pub fn forms_pdf(forms: &[(String, &str)]) -> Vec<u8> {
    let stream = |dict: &str, content: &str| {
        format!(
            "<< {dict} /Length {} >>\nstream\n{content}\nendstream",
            content.len() + 1
        )
    };
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /X0 6 0 R >> /Font << /F1 5 0 R >> >> >>".to_owned(),
        stream("", "BT /F1 12 Tf 72 720 Td (Hello) Tj ET /X0 Do"),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned(),
    ];
    for (resources, content) in forms {
        objects.push(stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources {resources}"),
            content,
        ));
    }
    pdf_of(&objects)
}

#[cfg(test)]
mod layer_tests {
    use super::*;

    #[test]
    fn text_layer_is_read_and_its_absence_is_named() {
        let text = read(make_pdf(&["Bridge row", "The mayor said no."])).expect("text");
        assert!(
            text.contains("Bridge row") && text.contains("The mayor said no."),
            "{text:?}"
        );
        assert_eq!(read(make_pdf(&[])), Err(PdfProblem::NoTextLayer));
    }

    #[test]
    fn nested_forms_are_read_and_a_form_drawing_itself_is_refused_not_a_crash() {
        let font = "/Font << /F1 5 0 R >>";
        let nested = forms_pdf(&[
            (
                format!("<< /XObject << /X1 7 0 R >> {font} >>"),
                "BT /F1 12 Tf (outer) Tj ET /X1 Do",
            ),
            (format!("<< {font} >>"), "BT /F1 12 Tf (inner) Tj ET"),
        ]);
        let text = read(nested).expect("nested forms");
        assert!(text.contains("Hello") && text.contains("inner"), "{text:?}");
        // Without the check, pdf-extract recurses until the stack overflows and the
        // process aborts.
        let itself = forms_pdf(&[(format!("<< /XObject << /X0 6 0 R >> {font} >>"), "/X0 Do")]);
        match read(itself) {
            Err(PdfProblem::Unreadable(why)) => assert!(why.contains("draws itself"), "{why}"),
            other => panic!("not refused: {other:?}"),
        }
        // Inherited resources: a form without its own draws /X0 from the page's.
        let inherited = forms_pdf(&[("<< >>".to_owned(), "/X0 Do")]);
        let inherited = String::from_utf8(inherited)
            .expect("ascii")
            .replace("/Resources << >>", "");
        assert!(matches!(
            read(inherited.into_bytes()),
            Err(PdfProblem::Unreadable(_))
        ));
    }

    #[test]
    fn forms_drawing_the_next_twice_are_refused_before_they_run_forever() {
        let font = "/Font << /F1 5 0 R >>";
        let chain = |depth: usize| {
            let mut forms = Vec::new();
            for i in 0..depth {
                forms.push(if i + 1 < depth {
                    (
                        format!("<< /XObject << /X0 {} 0 R >> {font} >>", 7 + i),
                        "BT /F1 12 Tf (a) Tj ET /X0 Do /X0 Do",
                    )
                } else {
                    (format!("<< {font} >>"), "BT /F1 12 Tf (a) Tj ET")
                });
            }
            forms_pdf(&forms)
        };
        // Four deep is an ordinary drawing: 30 draws.
        assert!(read(chain(4)).expect("text").contains("Hello"));
        let started = std::time::Instant::now();
        // 24 deep draws 2^25 forms.
        match read(chain(24)) {
            Err(PdfProblem::Unreadable(why)) => {
                assert!(why.contains("more than 100000 times"), "{why}");
            }
            other => panic!("not refused: {other:?}"),
        }
        // Refused by counting, not by the time limit.
        assert!(started.elapsed() < PDF_TIME_LIMIT / 2);
        match read(chain(40)) {
            Err(PdfProblem::Unreadable(why)) => assert!(why.contains("nest more than 32"), "{why}"),
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn a_reader_past_its_time_limit_is_abandoned_with_a_message() {
        match read_within(make_pdf(&["Bridge row"]), Duration::ZERO) {
            Err(PdfProblem::Unreadable(why)) => assert!(why.contains("took longer than"), "{why}"),
            other => panic!("not abandoned: {other:?}"),
        }
    }
}
