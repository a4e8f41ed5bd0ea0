//! PDF text read in a child process ([`super::child_reader`]): `lectern __read-pdf` takes
//! the file's bytes on stdin and answers with its raw text layer on stdout. Both halves
//! are here: [`read`] (the app's side) and [`serve`] (the child's).

use super::child_reader::{self, CANCELLED, Failure};
use super::pdf::{PdfProblem, READER_STACK_BYTES, extract, too_slow};
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use std::thread::JoinHandle;
use std::time::Duration;

/// The first argument that makes `lectern` run [`serve`] (`src/main.rs`; not in `--help`).
pub const SUBCOMMAND: &str = "__read-pdf";

/// Reads the text layer of `bytes` with `executable __read-pdf`, killing the child (and
/// waiting for it to be gone) if it has not answered within `limit`.
pub fn read(executable: &Path, bytes: Vec<u8>, limit: Duration) -> Result<String, PdfProblem> {
    match child_reader::run(executable, &[SUBCOMMAND.as_ref()], bytes, limit) {
        Ok(text) => String::from_utf8(text).map_err(|_| {
            PdfProblem::Unreadable("the PDF reader's answer was not UTF-8 text".to_owned())
        }),
        Err(Failure::Refused(reason)) => Err(PdfProblem::Unreadable(reason)),
        Err(Failure::TooSlow) => Err(too_slow(limit)),
        Err(Failure::Stopped) => Err(PdfProblem::Unreadable(CANCELLED.to_owned())),
        Err(Failure::Failed(why)) => Err(PdfProblem::Unreadable(format!(
            "the PDF reader failed on it ({why})"
        ))),
    }
}

/// The child: reads a PDF's bytes from stdin and writes its raw text layer to stdout
/// (exit 0), or the reason it is refused; a panic ends it at once
/// ([`child_reader::exit_on_panic`]).
pub fn serve() -> ExitCode {
    child_reader::exit_on_panic();
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        return child_reader::refused(&format!("cannot read the PDF from the app: {e}"));
    }
    // The stack of the in-process reader: deep enough for any honest nesting.
    let reader = std::thread::Builder::new()
        .name("pdf text".to_owned())
        .stack_size(READER_STACK_BYTES)
        .spawn(move || extract(&bytes));
    match reader.map(JoinHandle::join) {
        Ok(Ok(Ok(text))) => child_reader::answered(text.as_bytes()),
        Ok(Ok(Err(PdfProblem::Unreadable(reason)))) => child_reader::refused(&reason),
        Ok(Ok(Err(PdfProblem::NoTextLayer))) => child_reader::answered(b""),
        // Not reached: the panic hook has exited.
        Ok(Err(_)) => ExitCode::FAILURE,
        Err(e) => child_reader::refused(&format!("cannot start the PDF reader: {e}")),
    }
}
