//! Reading a file whole, but never more than a limit: a mistaken or hostile file (a 2 GB
//! "article", `/dev/zero`, a named pipe that never ends) is refused with its size instead
//! of exhausting memory. Regular files are refused by their size before a byte is read;
//! anything else is read up to the limit and refused if there is more.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// A file bigger than the limit it was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooBig {
    /// Its size in bytes; `None` for a device or pipe that had more than the limit (it
    /// may never end).
    pub size: Option<u64>,
    /// The limit in bytes.
    pub limit: u64,
}

impl fmt::Display for TooBig {
    /// "is 2,147 MB, more than the 200 MB" or "holds more than the 200 MB", to be
    /// followed by what Lectern does with such files ("… Lectern reads as an article").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.size {
            Some(size) => write!(
                f,
                "is {}, more than the {}",
                megabytes(size),
                megabytes(self.limit)
            ),
            None => write!(f, "holds more than the {}", megabytes(self.limit)),
        }
    }
}

/// Why [`read_capped`] gave no bytes.
#[derive(Debug)]
pub enum CappedError {
    /// The file could not be opened or read.
    Io(io::Error),
    /// The file is bigger than the limit.
    TooBig(TooBig),
}

/// The bytes of `path` when it holds at most `limit` bytes.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, CappedError> {
    let file = std::fs::File::open(path).map_err(CappedError::Io)?;
    let meta = file.metadata().map_err(CappedError::Io)?;
    let known = meta.is_file().then_some(meta.len());
    if let Some(size) = known
        && size > limit
    {
        return Err(CappedError::TooBig(TooBig {
            size: Some(size),
            limit,
        }));
    }
    let mut bytes = Vec::with_capacity(known.unwrap_or(0).try_into().unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(CappedError::Io)?;
    if bytes.len() as u64 > limit {
        // A file that grew while read, or a device that never ends.
        return Err(CappedError::TooBig(TooBig { size: None, limit }));
    }
    Ok(bytes)
}

/// `bytes` in whole megabytes (10⁶ bytes) with thousands separators, at least "1 MB"
/// for a non-empty size so a small limit never reads as nothing.
pub fn megabytes(bytes: u64) -> String {
    let mb = bytes.div_ceil(1_000_000);
    let digits = mb.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(" MB");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_up_to_the_limit_and_refuses_more() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "“quoted” — text").expect("write");
        let len = std::fs::metadata(&path).expect("meta").len();
        assert_eq!(
            read_capped(&path, len).expect("at the limit"),
            "“quoted” — text".as_bytes()
        );
        match read_capped(&path, len - 1) {
            Err(CappedError::TooBig(t)) => {
                assert_eq!(
                    t,
                    TooBig {
                        size: Some(len),
                        limit: len - 1
                    }
                );
            }
            other => panic!("not refused: {other:?}"),
        }
        assert!(matches!(
            read_capped(&dir.path().join("missing"), 10),
            Err(CappedError::Io(_))
        ));
    }

    #[test]
    #[cfg(unix)]
    fn an_endless_device_is_refused_after_the_limit() {
        match read_capped(Path::new("/dev/zero"), 1_000_000) {
            Err(CappedError::TooBig(t)) => {
                assert_eq!(t.size, None);
                assert_eq!(t.to_string(), "holds more than the 1 MB");
            }
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn sizes_read_in_megabytes() {
        assert_eq!(megabytes(2_147_483_648), "2,148 MB");
        assert_eq!(megabytes(200_000_000), "200 MB");
        assert_eq!(megabytes(1), "1 MB");
        let t = TooBig {
            size: Some(2_000_000_000),
            limit: 200_000_000,
        };
        assert_eq!(t.to_string(), "is 2,000 MB, more than the 200 MB");
    }
}
