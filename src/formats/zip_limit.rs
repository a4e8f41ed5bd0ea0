//! Reading entries of a zip (a `.docx`, a REFI-QDA `.qdpx`) with limits, so a zip bomb — a
//! few kilobytes that unpack to gigabytes — is refused instead of exhausting memory. Every
//! entry read from one archive draws on one budget of unpacked bytes, and an entry that
//! unpacks to far more than its packed size is refused as it is read. The sizes an
//! archive declares are not trusted: the bytes actually unpacked are counted.

use std::io::{Read, Seek};

/// Most unpacked bytes per packed byte an entry may have once it is past
/// [`RATIO_FREE_BYTES`]. Text and XML pack 3–20 times; zip bombs pack 1,000 times.
pub const MAX_RATIO: u64 = 100;

/// Entries up to this size are not checked for their ratio: a small file that packs
/// very well (a run of spaces) is harmless.
pub const RATIO_FREE_BYTES: u64 = 1_000_000;

/// The unpacked bytes still allowed from one archive.
#[derive(Debug)]
pub struct ZipBudget {
    left: u64,
    total: u64,
}

impl ZipBudget {
    /// A budget of `total` unpacked bytes for all the entries read from one archive.
    pub fn new(total: u64) -> Self {
        ZipBudget { left: total, total }
    }

    /// The entry `name` of `zip`, unpacked; `Ok(None)` when the archive has no such
    /// entry. The error says what is wrong, lower-case, naming the entry.
    pub fn read<R: Read + Seek>(
        &mut self,
        zip: &mut zip::ZipArchive<R>,
        name: &str,
    ) -> Result<Option<Vec<u8>>, String> {
        let mut entry = match zip.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("cannot read {name}: {e}")),
        };
        let mut bytes = Vec::with_capacity(entry.size().min(64 << 20) as usize);
        self.unpack(&mut entry, name, |chunk| bytes.extend_from_slice(chunk))?;
        Ok(Some(bytes))
    }

    /// Unpacks every entry of the archive at `path` without keeping anything, so a reader
    /// that unpacks it itself (calamine for a spreadsheet) is known to stay within the
    /// budget. The error says what is wrong, lower-case, naming the entry.
    pub fn check_archive(&mut self, path: &std::path::Path) -> Result<(), String> {
        let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
        let mut zip =
            zip::ZipArchive::new(file).map_err(|e| format!("not a readable zip file: {e}"))?;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).map_err(|e| format!("entry {i}: {e}"))?;
            let name = entry
                .name()
                .map_or_else(|_| format!("entry {i}"), |n| n.into_owned());
            self.unpack(&mut entry, &name, |_| ())?;
        }
        Ok(())
    }

    /// Unpacks `entry` in chunks handed to `keep`, counting them against the budget and
    /// the entry's packing ratio.
    fn unpack(
        &mut self,
        entry: &mut zip::read::ZipFile<'_, impl Read>,
        name: &str,
        mut keep: impl FnMut(&[u8]),
    ) -> Result<(), String> {
        let packed = entry.compressed_size();
        if entry.size() > self.left {
            return Err(self.over_budget(name));
        }
        let mut chunk = vec![0u8; 64 * 1024];
        let mut unpacked: u64 = 0;
        loop {
            let n = entry
                .read(&mut chunk)
                .map_err(|e| format!("cannot read {name}: {e}"))?;
            if n == 0 {
                break;
            }
            unpacked += n as u64;
            if unpacked > self.left {
                return Err(self.over_budget(name));
            }
            if unpacked > RATIO_FREE_BYTES && unpacked > packed.saturating_mul(MAX_RATIO) {
                return Err(format!(
                    "{name} unpacks to more than {MAX_RATIO} times its packed size ({packed} bytes); \
                     the file looks like a zip bomb and is not read"
                ));
            }
            keep(&chunk[..n]);
        }
        self.left -= unpacked;
        Ok(())
    }

    fn over_budget(&self, name: &str) -> String {
        format!(
            "{name} would unpack past the {} Lectern reads from one archive; \
             the file is too big or a zip bomb and is not read",
            crate::fsutil::megabytes(self.total)
        )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A zip holding `entries` (name, bytes), deflated.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            out.start_file(*name, options).expect("start");
            out.write_all(bytes).expect("write");
        }
        out.finish().expect("finish").into_inner()
    }

    fn archive(bytes: Vec<u8>) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip")
    }

    #[test]
    fn ordinary_entries_are_read_and_missing_ones_are_none() {
        let text = "“Tá”, είπε — ok 😀".repeat(100);
        let mut zip = archive(zip_of(&[("a.txt", text.as_bytes())]));
        let mut budget = ZipBudget::new(1_000_000);
        assert_eq!(
            budget.read(&mut zip, "a.txt").expect("read"),
            Some(text.into_bytes())
        );
        assert_eq!(budget.read(&mut zip, "b.txt").expect("read"), None);
    }

    #[test]
    fn a_highly_packed_entry_is_refused_as_a_bomb() {
        let zeros = vec![0u8; 20_000_000];
        let mut zip = archive(zip_of(&[("word/document.xml", &zeros)]));
        let err = ZipBudget::new(u64::MAX)
            .read(&mut zip, "word/document.xml")
            .expect_err("bomb");
        assert!(
            err.contains("word/document.xml") && err.contains("zip bomb"),
            "{err}"
        );
    }

    #[test]
    fn a_whole_archive_is_checked_without_keeping_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let honest = dir.path().join("honest.xlsx");
        std::fs::write(
            &honest,
            zip_of(&[("xl/a.xml", b"<a/>"), ("xl/b.xml", b"<b/>")]),
        )
        .expect("write");
        ZipBudget::new(1_000)
            .check_archive(&honest)
            .expect("honest");
        let bomb = dir.path().join("bomb.xlsx");
        let zeros = vec![0u8; 20_000_000];
        std::fs::write(
            &bomb,
            zip_of(&[("xl/a.xml", b"<a/>"), ("xl/sheet1.xml", &zeros)]),
        )
        .expect("write");
        let err = ZipBudget::new(u64::MAX)
            .check_archive(&bomb)
            .expect_err("bomb");
        assert!(err.starts_with("xl/sheet1.xml unpacks"), "{err}");
    }

    #[test]
    fn the_budget_is_shared_by_every_entry_of_an_archive() {
        let a = "x".repeat(600);
        let mut zip = archive(zip_of(&[("a", a.as_bytes()), ("b", a.as_bytes())]));
        let mut budget = ZipBudget::new(1_000);
        assert!(budget.read(&mut zip, "a").expect("first").is_some());
        let err = budget.read(&mut zip, "b").expect_err("over budget");
        assert!(err.starts_with("b would unpack past the 1 MB"), "{err}");
    }
}
