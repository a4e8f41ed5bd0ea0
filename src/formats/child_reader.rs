//! Third-party readers run in a child process: the `lectern` binary run again with a
//! hidden first argument (`__read-pdf`, `__read-sheet`). `pdf-extract` and `calamine`
//! panic on some malformed files (and overflow their stacks or read a crafted file for
//! hours); in a child a panic or an overflow ends only the child (the shipping binary
//! aborts on a panic, so no `catch_unwind` could save the app), and at a time limit the
//! child is killed, so a runaway reader really stops.
//!
//! The protocol, the same for every reader: the child exits 0 with its answer on stdout,
//! [`UNREADABLE_EXIT`] with the reason the file was refused, and anything else is a
//! failure of the reader, whose panic message (one line on stderr, after
//! [`PANIC_MARK`]) goes into the message the user sees. The binary registers itself at
//! startup ([`register`]); without that (the library's tests, benchmarks, fuzz targets)
//! the readers run in-process, as before.

use crate::progress::Progress;
use std::cell::RefCell;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Exit code of a child that refused the file; stdout holds the reason.
pub const UNREADABLE_EXIT: u8 = 3;

/// Exit code of a child whose reader panicked.
const PANIC_EXIT: i32 = 101;

/// Starts the child's stderr line that carries a panic's message.
const PANIC_MARK: &str = "lectern reader panicked: ";

/// Longest part of a reader's failure message shown to the user (a panic may print a
/// whole PDF object).
const MAX_FAILURE_CHARS: usize = 200;

/// The executable that reads files in a child process, once registered.
static READER_EXECUTABLE: OnceLock<PathBuf> = OnceLock::new();

thread_local! {
    /// The progress of the job running on this thread, whose Cancel kills its reader.
    static STOPPED_BY: RefCell<Option<Progress>> = const { RefCell::new(None) };
}

/// While the returned guard lives, a reader child started on this thread is killed as
/// soon as `progress` is cancelled: a job's Cancel stops a PDF or spreadsheet that takes
/// long at once, instead of at the time limit.
pub fn stop_on_cancel(progress: &Progress) -> StopOnCancel {
    let before = STOPPED_BY.with(|s| s.replace(Some(progress.clone())));
    StopOnCancel { before }
}

/// Keeps a job's Cancel killing this thread's reader children ([`stop_on_cancel`]).
pub struct StopOnCancel {
    before: Option<Progress>,
}

impl Drop for StopOnCancel {
    fn drop(&mut self) {
        let before = self.before.take();
        STOPPED_BY.with(|s| *s.borrow_mut() = before);
    }
}

/// Whether the job running on this thread was cancelled.
fn cancelled() -> bool {
    STOPPED_BY.with(|s| s.borrow().as_ref().is_some_and(Progress::is_cancelled))
}

/// Makes PDFs and spreadsheets from now on be read by `executable` in a child process.
/// The `lectern` binary registers itself at startup ([`own_executable`]); the first
/// registration stays.
pub fn register(executable: PathBuf) {
    let _ = READER_EXECUTABLE.set(executable);
}

/// The registered reader executable, if any.
pub fn registered() -> Option<&'static Path> {
    READER_EXECUTABLE.get().map(PathBuf::as_path)
}

/// This program's executable, to run again as a reader. On Linux the running binary
/// itself (`/proc/self/exe`), which stays the same version even when a package upgrade
/// replaces the file on disk while Lectern runs.
pub fn own_executable() -> Option<PathBuf> {
    let linux = PathBuf::from("/proc/self/exe");
    if cfg!(target_os = "linux") && linux.exists() {
        return Some(linux);
    }
    std::env::current_exe().ok()
}

/// What a reader stopped by a job's Cancel says (the job drops it: nobody reads it unless
/// the cancel came too late to stop the job).
pub const CANCELLED: &str = "reading it was cancelled";

/// Why a child gave no answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// It refused the file; the reason.
    Refused(String),
    /// It had not answered within the time limit and was killed.
    TooSlow,
    /// The job it read for was cancelled, and it was killed.
    Stopped,
    /// It could not be started or followed, or it ended without an answer: why, for
    /// the user (its panic message, the line it printed, or how it ended).
    Failed(String),
}

/// Runs `executable ARGS` with `input` on its stdin and returns its stdout, killing the
/// child (and waiting for it to be gone) if it has not answered within `limit`.
pub fn run(
    executable: &Path,
    args: &[&std::ffi::OsStr],
    input: Vec<u8>,
    limit: Duration,
) -> Result<Vec<u8>, Failure> {
    let deadline = Instant::now() + limit;
    let mut command = Command::new(executable);
    command
        .args(args)
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
        Failure::Failed(format!(
            "cannot start the reader ({}): {e}",
            executable.display()
        ))
    })?;
    // Fed and drained on threads, so neither side waits on a full pipe while the time
    // runs. A child that dies early makes the feeding fail: its exit says why.
    let feeding = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        })
    });
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = wait_until(&mut child, deadline);
    if !matches!(status, Ok(Waited::Ended(_))) {
        // Past the limit, cancelled (or not to be watched): stopped, and reaped so
        // nothing is left.
        let _ = child.kill();
        let _ = child.wait();
    }
    if let Some(feeding) = feeding {
        let _ = feeding.join();
    }
    let (stdout, stderr) = (joined(stdout), joined(stderr));
    match status {
        Ok(Waited::Ended(status)) => answer(status, stdout, &stderr),
        Ok(Waited::TooLong) => Err(Failure::TooSlow),
        Ok(Waited::Cancelled) => Err(Failure::Stopped),
        Err(e) => Err(Failure::Failed(format!("cannot follow the reader: {e}"))),
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

/// How waiting for a child ended.
enum Waited {
    Ended(ExitStatus),
    TooLong,
    Cancelled,
}

/// The child's exit status once it ends, unless `deadline` comes or the job is
/// cancelled first.
fn wait_until(child: &mut Child, deadline: Instant) -> std::io::Result<Waited> {
    // Short polls first: most files are read in milliseconds.
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Waited::Ended(status));
        }
        if cancelled() {
            return Ok(Waited::Cancelled);
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(Waited::TooLong);
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(25));
    }
}

/// The answer, or the problem, a finished child reported.
fn answer(status: ExitStatus, stdout: Vec<u8>, stderr: &[u8]) -> Result<Vec<u8>, Failure> {
    match status.code() {
        Some(0) => Ok(stdout),
        Some(code) if code == i32::from(UNREADABLE_EXIT) => Err(Failure::Refused(
            String::from_utf8_lossy(&stdout).into_owned(),
        )),
        _ => Err(Failure::Failed(why_failed(status, stderr))),
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

/// For the child: a panic prints its message on one line after [`PANIC_MARK`] and exits
/// at once, in every build: the tests' (which unwind) as the shipping one's (which would
/// abort, and leave a core dump for each bad file).
pub fn exit_on_panic() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload_as_str()
            .unwrap_or("no message")
            .replace('\n', " ");
        eprintln!("{PANIC_MARK}{message}");
        std::process::exit(PANIC_EXIT);
    }));
}

/// For the child: writes `answer` to stdout and exits 0.
pub fn answered(answer: &[u8]) -> ExitCode {
    match std::io::stdout().lock().write_all(answer) {
        Ok(()) => ExitCode::SUCCESS,
        // The app stopped listening (killed at the time limit, or gone).
        Err(_) => ExitCode::FAILURE,
    }
}

/// For the child: writes why the file is refused and gives [`UNREADABLE_EXIT`].
pub fn refused(reason: &str) -> ExitCode {
    let _ = std::io::stdout().lock().write_all(reason.as_bytes());
    ExitCode::from(UNREADABLE_EXIT)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A reader that does not answer for half a minute (`exec`: no grandchild keeps the
    /// pipes open once the shell is killed).
    fn slow(limit: Duration) -> Result<Vec<u8>, Failure> {
        let args = [
            std::ffi::OsStr::new("-c"),
            std::ffi::OsStr::new("exec sleep 30"),
        ];
        run(Path::new("/bin/sh"), &args, Vec::new(), limit)
    }

    #[test]
    fn a_cancelled_job_kills_its_reader_at_once() {
        let progress = Progress::new();
        let _stop = stop_on_cancel(&progress);
        let canceller = {
            let progress = progress.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(200));
                progress.cancel()
            })
        };
        let started = Instant::now();
        assert_eq!(slow(Duration::from_secs(60)), Err(Failure::Stopped));
        assert!(started.elapsed() < Duration::from_secs(20));
        assert_eq!(canceller.join().ok(), Some(true));
    }

    #[test]
    fn a_reader_outside_a_job_runs_to_its_time_limit() {
        // Another thread's cancelled job does not stop it; nor does a guard dropped before.
        let progress = Progress::new();
        drop(stop_on_cancel(&progress));
        assert!(progress.cancel());
        assert_eq!(slow(Duration::from_millis(300)), Err(Failure::TooSlow));
    }

    #[test]
    fn a_reader_that_answers_is_heard() {
        let progress = Progress::new();
        let _stop = stop_on_cancel(&progress);
        let args = [
            std::ffi::OsStr::new("-c"),
            std::ffi::OsStr::new("printf ok"),
        ];
        let answer = run(
            Path::new("/bin/sh"),
            &args,
            Vec::new(),
            Duration::from_secs(20),
        );
        assert_eq!(answer, Ok(b"ok".to_vec()));
    }
}
