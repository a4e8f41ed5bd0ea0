//! Spreadsheets read in a child process ([`super::child_reader`]): `lectern __read-sheet
//! PATH` reads the workbook with calamine ([`super::table_sheet`]) and answers with its
//! table as JSON. calamine panics on some malformed files (its issue tracker lists index
//! panics on damaged `.xls` workbooks; built with overflow checks, as the tests are, it
//! panics on a cell reference past Excel's last column); in the child that ends only the
//! child, and the file is refused with the reason. Both halves are here: [`read`] (the app's side) and [`serve`] (the
//! child's).

use super::child_reader::{self, CANCELLED, Failure};
use super::table::{Table, TableError, TableRow};
use serde::{Deserialize, Serialize};
use std::ffi::OsStr;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

/// The first argument that makes `lectern` run [`serve`] (`src/main.rs`; not in `--help`).
pub const SUBCOMMAND: &str = "__read-sheet";

/// Longest Lectern waits for a spreadsheet: a workbook of the largest size read (1 GB)
/// takes minutes; one that takes longer is damaged or built to never finish.
pub const SHEET_TIME_LIMIT: Duration = Duration::from_secs(600);

/// The table as the child sends it.
#[derive(Serialize, Deserialize)]
struct Wire {
    columns: Vec<String>,
    /// (row number, cells).
    rows: Vec<(usize, Vec<String>)>,
    encoding: String,
}

/// Reads the spreadsheet at `path` with `executable __read-sheet PATH`, killing the child
/// (and waiting for it to be gone) if it has not answered within `limit`.
pub fn read(executable: &Path, path: &Path, limit: Duration) -> Result<Table, TableError> {
    let malformed = |message: String| TableError::Malformed {
        path: path.to_path_buf(),
        place: String::new(),
        message,
    };
    let args = [OsStr::new(SUBCOMMAND), path.as_os_str()];
    let json = match child_reader::run(executable, &args, Vec::new(), limit) {
        Ok(json) => json,
        Err(Failure::Refused(message)) => return Err(malformed(message)),
        Err(Failure::TooSlow) => {
            return Err(malformed(format!(
                "reading it took longer than {} minutes; the file is damaged or built to never finish",
                limit.as_secs() / 60
            )));
        }
        Err(Failure::Failed(why)) => {
            return Err(malformed(format!(
                "the spreadsheet reader failed on it ({why})"
            )));
        }
        Err(Failure::Stopped) => return Err(malformed(CANCELLED.to_owned())),
    };
    let wire: Wire = serde_json::from_slice(&json).map_err(|e| {
        malformed(format!(
            "the spreadsheet reader's answer was not understood: {e}"
        ))
    })?;
    Ok(Table {
        path: path.to_path_buf(),
        columns: wire.columns,
        rows: wire
            .rows
            .into_iter()
            .map(|(number, cells)| TableRow { number, cells })
            .collect(),
        encoding: wire.encoding,
        unit: "row",
    })
}

/// The child: reads the spreadsheet at `path` and writes its table to stdout as JSON
/// (exit 0), or the reason it is refused; a panic ends it at once
/// ([`child_reader::exit_on_panic`]).
pub fn serve(path: &OsStr) -> ExitCode {
    child_reader::exit_on_panic();
    match super::table_sheet::read_sheet(Path::new(path)) {
        Ok(table) => {
            let wire = Wire {
                columns: table.columns,
                rows: table
                    .rows
                    .into_iter()
                    .map(|row| (row.number, row.cells))
                    .collect(),
                encoding: table.encoding,
            };
            match serde_json::to_vec(&wire) {
                Ok(json) => child_reader::answered(&json),
                Err(e) => child_reader::refused(&format!("cannot pass its table on: {e}")),
            }
        }
        Err(TableError::Malformed { place, message, .. }) => {
            child_reader::refused(&format!("{place}{message}"))
        }
        Err(e) => child_reader::refused(&e.to_string()),
    }
}
