//! Project files: RON, pretty-printed in a stable order, saved atomically, and checked on
//! load so a broken or future file is refused with a message that says where, instead of
//! being half-read and later written over.

pub mod autosave;
pub mod backup;
pub mod codebook;
pub mod crash_note;
pub mod disk;
pub mod fast_read;
mod fast_write;
pub mod journal;
pub mod lock;
pub mod recovery;

use crate::fsutil::write_atomic_with;
use crate::model::{CURRENT_FORMAT, Problem, Project};
use crate::progress::{Cancelled, Progress, Unit};
use serde::Deserialize;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a project could not be read or written.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The file could not be read or written.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// "read" or "write".
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is not valid RON for a project.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The file was written by a newer Lectern.
    #[error(
        "{}: project format {found} is newer than this Lectern understands (up to {CURRENT_FORMAT}); consider updating Lectern",
        path.display()
    )]
    FutureFormat {
        /// The file.
        path: PathBuf,
        /// Format number found in the file.
        found: u32,
    },
    /// The file parses but breaks the project's rules.
    #[error("{}: {} problem(s), first: {}", path.display(), problems.len(), problems.first().map(|p| p.to_string()).unwrap_or_default())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// The project could not be serialised (should not happen for valid projects).
    #[error("cannot write project {}: {message}", path.display())]
    Serialize {
        /// The file.
        path: PathBuf,
        /// Serializer's reason.
        message: String,
    },
    /// The user cancelled; the file was not changed (or the project not opened).
    #[error("cancelled")]
    Cancelled,
    /// An autosave journal could not be read or replayed.
    #[error(transparent)]
    Journal(#[from] journal::JournalError),
}

impl From<Cancelled> for StoreError {
    fn from(_: Cancelled) -> Self {
        StoreError::Cancelled
    }
}

/// Largest project file Lectern reads (a project of 500 articles of 20 000 words is about
/// 60 MB).
pub const MAX_PROJECT_BYTES: u64 = 1_000_000_000;

/// Only the format number, read first so a future file is reported as such rather than
/// as a confusing type error somewhere in its middle.
#[derive(Deserialize)]
#[serde(rename = "Project")]
struct Header {
    format: u32,
}

/// Parses a project from RON text; `path` is only used in messages.
pub fn from_ron(text: &str, path: &Path) -> Result<Project, StoreError> {
    checked(from_ron_unchecked(text, path)?, path)
}

/// The project if it keeps the project's rules, else `Invalid` with every problem.
fn checked(project: Project, path: &Path) -> Result<Project, StoreError> {
    let problems = project.problems();
    if !problems.is_empty() {
        return Err(StoreError::Invalid {
            path: path.to_path_buf(),
            problems,
        });
    }
    Ok(project)
}

/// Parses a project without checking its rules, for repairing a file that breaks them.
/// Never hand the result to the window or an export without repairing it first.
pub fn from_ron_unchecked(text: &str, path: &Path) -> Result<Project, StoreError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parse_error = |e: ron::error::SpannedError| StoreError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: parse_message(&e.code),
    };
    let future = |found: u32| StoreError::FutureFormat {
        path: path.to_path_buf(),
        found,
    };
    // Parse once; only when that fails is the format number read on its own, so a file
    // from a newer Lectern is reported as such rather than as a type error in its middle.
    // Lectern's own files take the fast path (`fast_read`); anything it does not read is
    // read by ron, which also gives the line and column of an error.
    let parse = |text: &str| match fast_read::parse(text)
        .map_or_else(|| ron::from_str::<Project>(text), Ok)
    {
        Ok(project) => Ok(project),
        Err(e) => {
            if let Ok(header) = ron::from_str::<Header>(text)
                && header.format > CURRENT_FORMAT
            {
                return Err(future(header.format));
            }
            Err(parse_error(e))
        }
    };
    let mut project = parse(text)?;
    // Document text is written with real line breaks (see `to_ron`), so a copy whose line
    // ends were turned into CRLF (git's core.autocrlf on Windows, some editors) has "\r"
    // inside its texts and every offset after the first line would be off. Lectern writes
    // "\n" only and never keeps "\r" in a text, so when the stored hash shows that the
    // text was exactly CRLF-converted, the file is read as Lectern wrote it.
    if text.contains('\r') && project.documents.iter().any(line_ends_were_converted) {
        project = parse(&text.replace("\r\n", "\n"))?;
    }
    upgraded(project, path)
}

/// The project brought up to the current format; refused when it is from a newer Lectern.
fn upgraded(mut project: Project, path: &Path) -> Result<Project, StoreError> {
    if project.format > CURRENT_FORMAT {
        return Err(StoreError::FutureFormat {
            path: path.to_path_buf(),
            found: project.format,
        });
    }
    project.upgrade();
    Ok(project)
}

/// True when the document's text differs from what was hashed only by CRLF line ends.
fn line_ends_were_converted(doc: &crate::model::Document) -> bool {
    let text = doc.text.as_str();
    text.contains("\r\n")
        && crate::model::content_hash(text) != doc.content_hash
        && crate::model::content_hash(&text.replace("\r\n", "\n")) == doc.content_hash
}

/// How Lectern writes RON, projects and codebooks alike (see [`to_ron`]): two-space
/// indents, type names, strings unescaped, and everything below a label, a document's
/// fields or the project's lists of them on one line (a span, a relation, a field).
pub fn pretty_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("  ".to_owned())
        .depth_limit(4)
        .struct_names(true)
        .escape_strings(false)
}

/// The project as pretty RON. Documents keep the user's order and spans are kept in
/// reading order by the model, so two saves of similar projects diff line by line.
///
/// Strings are written as they are, not escaped: an article's text keeps its real line
/// breaks, so it reads as prose and a changed paragraph diffs as one line; a string that
/// holds `"` or `\` becomes a raw string (`r#"…"#`). Besides being readable this is what
/// makes big projects open fast: ron looks for the closing quote after every escape, which
/// made a 5 MB escaped text take over a second to parse instead of a few milliseconds.
///
/// Big projects are written by [`fast_write`] (the same bytes, several times faster); ron
/// writes what that path cannot place.
pub fn to_ron(project: &Project) -> Result<String, ron::Error> {
    let mut out = Vec::new();
    Serialized::of(project)?
        .write_to(&mut out)
        .map_err(|e| ron::Error::Io(e.to_string()))?;
    String::from_utf8(out).map_err(|e| ron::Error::Message(e.to_string()))
}

/// A project made ready to write: ron's text of the fast writer's shell (see
/// [`fast_write`]), or ron's text of the whole project where the fast path cannot be
/// taken. Writing it can then fail only on the output, not on serialising.
enum Serialized<'a> {
    Fast(&'a Project, String),
    Plain(String),
}

impl<'a> Serialized<'a> {
    fn of(project: &'a Project) -> Result<Self, ron::Error> {
        Ok(match fast_write::shell(project, pretty_config())? {
            Some(shell) => Serialized::Fast(project, shell),
            None => Serialized::Plain(ron::ser::to_string_pretty(project, pretty_config())?),
        })
    }

    /// The project file's bytes, final newline included, written to `out`.
    fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        match self {
            Serialized::Fast(project, shell) => fast_write::write(project, shell, out)?,
            Serialized::Plain(text) => out.write_all(text.as_bytes())?,
        }
        out.write_all(b"\n")
    }
}

/// Reads and checks a project file.
pub fn load(path: &Path) -> Result<Project, StoreError> {
    load_with(path, &Progress::new())
}

/// Reads and checks a project file, reporting to `progress` and stopping when it is
/// cancelled (the parse itself is one call: a cancel during it is seen right after).
pub fn load_with(path: &Path, progress: &Progress) -> Result<Project, StoreError> {
    let project = load_unchecked_with(path, progress)?;
    progress.start_phase("Checking", Unit::Bytes, 0);
    checked(project, path)
}

/// Reads a project file without checking its rules (see [`from_ron_unchecked`]).
pub fn load_unchecked(path: &Path) -> Result<Project, StoreError> {
    load_unchecked_with(path, &Progress::new())
}

/// [`load_unchecked`], reporting the bytes read and then the parse to `progress`.
pub fn load_unchecked_with(path: &Path, progress: &Progress) -> Result<Project, StoreError> {
    if let Some(project) = read_fast(path, progress)? {
        progress.check()?;
        return upgraded(project, path);
    }
    let text = read_text(path, progress)?;
    progress.start_phase("Parsing", Unit::Bytes, 0);
    let project = from_ron_unchecked(&text, path)?;
    progress.check()?;
    Ok(project)
}

/// The project read by [`fast_read`] as the file comes from disk, in one pass and without
/// holding the file's text; `None` when the fast path cannot read it (the file is then
/// read whole and parsed as [`from_ron_unchecked`] does, which also names what is wrong).
fn read_fast(path: &Path, progress: &Progress) -> Result<Option<Project>, StoreError> {
    let file = std::fs::File::open(path).map_err(|source| StoreError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    let len = file.metadata().map_or(0, |m| m.len());
    if len > MAX_PROJECT_BYTES {
        return Ok(None);
    }
    progress.start_phase("Reading", Unit::Bytes, len);
    fast_read::read(file, path, progress)
}

/// The file's text, refused when it is not UTF-8 or holds nothing. It is read in chunks
/// so `progress` can show the bytes read and stop between chunks.
fn read_text(path: &Path, progress: &Progress) -> Result<String, StoreError> {
    let io = |source| StoreError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    let too_big = |len: u64| StoreError::Parse {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!(
            "the file is {} MB, more than the {} MB Lectern opens; it is not a project",
            len / 1_000_000,
            MAX_PROJECT_BYTES / 1_000_000
        ),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    // A bigger file is not a project (or not one this machine should hold in memory):
    // refuse it before reading, so a mistaken or hostile file cannot exhaust memory.
    let len = file.metadata().map_or(0, |m| m.len());
    if len > MAX_PROJECT_BYTES {
        return Err(too_big(len));
    }
    progress.start_phase("Reading", Unit::Bytes, len);
    let read = read_chunks(file.take(MAX_PROJECT_BYTES + 1), len, progress);
    let bytes = read.map_err(|e| match e.downcast::<Cancelled>() {
        Ok(_) => StoreError::Cancelled,
        Err(e) => io(e),
    })?;
    // A file that grew while read, or a device that never ends, is refused all the same.
    if bytes.len() as u64 > MAX_PROJECT_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    // The bytes become the string without a copy (a big project is tens of MB).
    let text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let (line, column) = line_column(&bytes[..e.utf8_error().valid_up_to()]);
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: not_utf8_message(bytes),
        }
    })?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(StoreError::Parse {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!(
                "the file is empty; earlier saves may be in {}",
                backup::folder_for(path).display()
            ),
        });
    }
    Ok(text)
}

/// Why bytes that are not UTF-8 are not a project, as precisely as can be told.
fn not_utf8_message(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        "the file is not UTF-8 text but UTF-16; consider saving it again as UTF-8".to_owned()
    } else if bytes.iter().take(8192).any(|&b| b == 0) {
        "the file is not UTF-8 text but binary data; it is not a Lectern project".to_owned()
    } else {
        "the file is not UTF-8 text".to_owned()
    }
}

/// The parser's complaint in the user's terms where ron's own text is meant for programmers.
fn parse_message(code: &ron::error::Error) -> String {
    match code {
        ron::error::Error::ExceededRecursionLimit => {
            "values are nested too deeply (more than 128 levels); this is not a Lectern project"
                .to_owned()
        }
        other => shorten(&other.to_string(), 200),
    }
}

/// `text` cut to at most `max` characters with "…", so a 10 MB token found where a
/// project was expected does not fill the terminal.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Everything `reader` holds, read 1 MB at a time with each chunk counted in `progress`;
/// a cancel is an error wrapping [`Cancelled`].
fn read_chunks(
    mut reader: impl Read,
    expected: u64,
    progress: &Progress,
) -> std::io::Result<Vec<u8>> {
    const CHUNK: usize = 1 << 20;
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    let mut chunk = vec![0; CHUNK];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        bytes.extend_from_slice(&chunk[..n]);
        progress.advance(n as u64).map_err(std::io::Error::other)?;
    }
}

/// Writes the project atomically.
pub fn save(project: &Project, path: &Path) -> Result<(), StoreError> {
    save_with(project, path, &Progress::new(), || {})
}

/// Writes the project atomically, reporting to `progress`. A cancel before the file is
/// replaced leaves it as it was; `before_replace` runs once replacing it is certain (the
/// window keeps a backup of the old file there).
pub fn save_with(
    project: &Project,
    path: &Path,
    progress: &Progress,
    before_replace: impl FnOnce(),
) -> Result<(), StoreError> {
    progress.start_phase("Writing", Unit::Bytes, 0);
    let serialized = Serialized::of(project).map_err(|e| StoreError::Serialize {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    progress.check()?;
    // Written straight into the temporary file through a buffer: a big project's bytes
    // are never held in memory whole.
    let write = |file: &mut std::fs::File| {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        serialized.write_to(&mut out)?;
        out.flush()
    };
    let replaced = write_atomic_with(path, write, || {
        let go = progress.commit().is_ok();
        if go {
            before_replace();
        }
        go
    })
    .map_err(|source| StoreError::Io {
        action: "write",
        path: path.to_path_buf(),
        source,
    })?;
    if replaced {
        Ok(())
    } else {
        Err(StoreError::Cancelled)
    }
}

/// 1-based line and column of the end of `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let last = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&prefix[last..]).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests;
