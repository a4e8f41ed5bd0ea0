//! The `lectern` binary; everything lives in the library's [`lectern::cli`].

fn main() -> std::process::ExitCode {
    lectern::cli::main()
}
