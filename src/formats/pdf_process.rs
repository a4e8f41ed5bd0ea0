//! PDF text read in a child process: `lectern __read-pdf` takes the file's bytes on stdin
//! and answers with its text on stdout. `pdf-extract` panics on some malformed files,
//! overflows its stack on others and can read a crafted one for hours; in a child a panic
//! or an overflow ends only the child (the shipping binary aborts on a panic, so no
//! `catch_unwind` could save the app), and at the time limit the child is killed, so a
//! runaway reader really stops instead of running on as an abandoned thread.
//!
//! Both halves are here: [`read`] (the app's side) and [`serve`] (the child's), so the
//! protocol is in one place: exit 0 with the text, [`UNREADABLE_EXIT`] with the reason
//! the file was refused, anything else a failure of the reader, whose panic message (one
//! line on stderr, after [`PANIC_MARK`]) goes into the message the user sees.

use super::pdf::{PdfProblem, READER_STACK_BYTES, extract, too_slow};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The first argument that makes `lectern` run [`serve`] (`src/main.rs`; not in `--help`).
pub const SUBCOMMAND: &str = "__read-pdf";

/// Exit code of a child that refused the file; stdout holds the reason.
pub const UNREADABLE_EXIT: u8 = 3;

/// Starts the child's stderr line that carries a panic's message.
const PANIC_MARK: &str = "lectern pdf reader panicked: ";

/// Longest part of a reader's failure message shown to the user (a panic may print a
/// whole PDF object).
const MAX_FAILURE_CHARS: usize = 200;

/// Reads the text layer of `bytes` with `executable __read-pdf`, killing the child (and
/// waiting for it to be gone) if it has not answered within `limit`.
pub fn read(executable: &Path, bytes: Vec<u8>, limit: Duration) -> Result<String, PdfProblem> {
    let deadline = Instant::now() + limit;
    let mut command = Command::new(executable);
    command
        .arg(SUBCOMMAND)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(windows)]
    {
        // No console window for the reader of a window app.
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        std::os::windows::process::CommandExt::creation_flags(&mut command, CREATE_NO_WINDOW);
    }
    let mut child = command.spawn().map_err(|e| {
        PdfProblem::Unreadable(format!(
            "cannot start the PDF reader ({}): {e}",
            executable.display()
        ))
    })?;
    // Fed and drained on threads, so neither side waits on a full pipe while the time
    // runs. A child that dies early makes the feeding fail: its exit says why.
    let feeding = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        })
    });
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = wait_until(&mut child, deadline);
    if !matches!(status, Ok(Some(_))) {
        // Past the limit (or not to be watched): stopped, and reaped so nothing is left.
        let _ = child.kill();
        let _ = child.wait();
    }
    if let Some(feeding) = feeding {
        let _ = feeding.join();
    }
    let (stdout, stderr) = (joined(stdout), joined(stderr));
    match status {
        Ok(Some(status)) => answer(status, stdout, &stderr),
        Ok(None) => Err(too_slow(limit)),
        Err(e) => Err(PdfProblem::Unreadable(format!(
            "cannot follow the PDF reader: {e}"
        ))),
    }
}

/// Reads all of `pipe` on a thread.
fn drain(pipe: Option<impl Read + Send + 'static>) -> Option<JoinHandle<Vec<u8>>> {
    pipe.map(|mut pipe| {
        std::thread::spawn(move || {
            let mut out = Vec::new();
            let _ = pipe.read_to_end(&mut out);
            out
        })
    })
}

/// What a [`drain`] thread read.
fn joined(drained: Option<JoinHandle<Vec<u8>>>) -> Vec<u8> {
    drained
        .and_then(|thread| thread.join().ok())
        .unwrap_or_default()
}

/// The child's exit status once it ends, or `None` at `deadline`.
fn wait_until(child: &mut Child, deadline: Instant) -> std::io::Result<Option<ExitStatus>> {
    // Short polls first: most PDFs are read in milliseconds.
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(25));
    }
}

/// The text, or the problem, a finished child reported.
fn answer(status: ExitStatus, stdout: Vec<u8>, stderr: &[u8]) -> Result<String, PdfProblem> {
    match status.code() {
        Some(0) => String::from_utf8(stdout).map_err(|_| {
            PdfProblem::Unreadable("the PDF reader's answer was not UTF-8 text".to_owned())
        }),
        Some(code) if code == i32::from(UNREADABLE_EXIT) => Err(PdfProblem::Unreadable(
            String::from_utf8_lossy(&stdout).into_owned(),
        )),
        _ => Err(PdfProblem::Unreadable(format!(
            "the PDF reader failed on it ({})",
            why_failed(status, stderr)
        ))),
    }
}

/// A failed reader's reason: its panic message, else the first line it printed (a stack
/// overflow's), else how it ended.
fn why_failed(status: ExitStatus, stderr: &[u8]) -> String {
    let stderr = String::from_utf8_lossy(stderr);
    let said = stderr
        .lines()
        .find_map(|line| line.strip_prefix(PANIC_MARK))
        .or_else(|| stderr.lines().map(str::trim).find(|line| !line.is_empty()));
    match said {
        Some(said) if said.chars().count() > MAX_FAILURE_CHARS => {
            let cut: String = said.chars().take(MAX_FAILURE_CHARS).collect();
            format!("{cut}…")
        }
        Some(said) => said.to_owned(),
        None => format!("it ended with {status}"),
    }
}

/// Exit code of a child whose reader panicked.
const PANIC_EXIT: i32 = 101;

/// The child: reads a PDF's bytes from stdin and writes its raw text layer to stdout
/// (exit 0), or the reason it is refused ([`UNREADABLE_EXIT`]). A panic prints its
/// message on one line after [`PANIC_MARK`] and exits with [`PANIC_EXIT`] at once, in
/// every build: the tests' (which unwind) as the shipping one's (which would abort, and
/// leave a core dump for each bad PDF).
pub fn serve() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload_as_str()
            .unwrap_or("no message")
            .replace('\n', " ");
        eprintln!("{PANIC_MARK}{message}");
        std::process::exit(PANIC_EXIT);
    }));
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        return refused(&format!("cannot read the PDF from the app: {e}"));
    }
    // The stack of the in-process reader: deep enough for any honest nesting.
    let reader = std::thread::Builder::new()
        .name("pdf text".to_owned())
        .stack_size(READER_STACK_BYTES)
        .spawn(move || extract(&bytes));
    let text = match reader.map(JoinHandle::join) {
        Ok(Ok(text)) => text,
        // Not reached: the panic hook has exited.
        Ok(Err(_)) => return ExitCode::FAILURE,
        Err(e) => return refused(&format!("cannot start the PDF reader: {e}")),
    };
    match text {
        Ok(text) => match std::io::stdout().lock().write_all(text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            // The app stopped listening (killed at the time limit, or gone).
            Err(_) => ExitCode::FAILURE,
        },
        Err(PdfProblem::Unreadable(reason)) => refused(&reason),
        Err(PdfProblem::NoTextLayer) => ExitCode::SUCCESS,
    }
}

/// Writes why the file is refused and gives [`UNREADABLE_EXIT`].
fn refused(reason: &str) -> ExitCode {
    let _ = std::io::stdout().lock().write_all(reason.as_bytes());
    ExitCode::from(UNREADABLE_EXIT)
}
