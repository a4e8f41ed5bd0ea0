//! Cells made safe for a spreadsheet: a cell that starts like a formula (`=`, `+`, `-`,
//! `@`, a tab or a carriage return) is run by Excel, LibreOffice and Google Sheets when a
//! CSV is opened (OWASP "CSV injection": `=HYPERLINK(…)` in a quoted speaker's name). The
//! span exports' `csv-excel` and the analysis tables' CSV for Excel both write through
//! here, so the two cannot drift apart. It sits below `formats` and `analysis`, which
//! both use it.

use std::borrow::Cow;

/// The UTF-8 byte order mark that makes Excel read a CSV as UTF-8 rather than a legacy
/// code page.
pub const EXCEL_BOM: &str = "\u{feff}";

/// `cell` as a spreadsheet should see it: text a spreadsheet would run as a formula gets a
/// leading `'`, so it is shown as text and never run; anything else is unchanged.
pub fn inert_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_made_inert_and_other_text_is_kept() {
        for live in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(inert_cell(live), format!("'{live}"));
        }
        for text in ["a=b", "“=quoted”", "Παπαδάκη", "", " =space first"] {
            assert!(matches!(inert_cell(text), Cow::Borrowed(t) if t == text));
        }
    }
}
