//! The `lectern` binary; everything lives in the library's [`lectern::cli`].

use lectern::formats::{pdf, pdf_process};

fn main() -> std::process::ExitCode {
    // `lectern __read-pdf`: this binary as another Lectern's PDF reader. Kept out of the
    // command line's definition, so out of its help, man pages and completions.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == pdf_process::SUBCOMMAND)
    {
        return pdf_process::serve();
    }
    // The shipping build aborts on a panic: say first that it was a bug and that the
    // edits are kept.
    lectern::cli::panic_hook::install();
    // PDFs are read by this binary run again as a child, which a panicking or endless
    // reader ends without the app.
    if let Some(executable) = pdf::own_executable() {
        pdf::read_in_child_process(executable);
    }
    lectern::cli::main()
}
