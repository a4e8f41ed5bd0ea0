//! The `lectern` binary; everything lives in the library's [`lectern::cli`].

use lectern::formats::{child_reader, pdf_process, sheet_process};

fn main() -> std::process::ExitCode {
    // This binary as another Lectern's reader of a PDF or a spreadsheet (hidden first
    // arguments, kept out of the command line's definition, so out of its help, man pages
    // and completions).
    let mut args = std::env::args_os().skip(1);
    match (args.next(), args.next()) {
        (Some(first), None) if first == pdf_process::SUBCOMMAND => return pdf_process::serve(),
        (Some(first), Some(path)) if first == sheet_process::SUBCOMMAND => {
            return sheet_process::serve(&path);
        }
        _ => {}
    }
    // The shipping build aborts on a panic: say first that it was a bug and that the
    // edits are kept.
    lectern::cli::panic_hook::install();
    // PDFs and spreadsheets are read by this binary run again as a child, which a
    // panicking or endless reader ends without the app.
    if let Some(executable) = child_reader::own_executable() {
        child_reader::register(executable);
    }
    lectern::cli::main()
}
