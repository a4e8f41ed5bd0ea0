//! Fixtures shared by the tests (each file that needs them says `mod support;`): spans
//! marked by their text, a project file opened in a headless window, the binary run with
//! a time limit.

// Each test file uses some of these.
#![allow(dead_code)]

pub mod child;
pub mod cli;
pub mod interchange;
pub mod python;

use egui_kittest::Harness;
use lectern::model::{DocId, Edit, Project};
use lectern::ui::Lectern;
use std::path::Path;

/// Marks the first occurrence of each text in document `doc` with its label, as the
/// window would: `[("quote", "It’s a disgrace")]`.
pub fn mark(p: &mut Project, doc: DocId, spans: &[(&str, &str)]) {
    for (label, text) in spans {
        let d = p.document(doc).expect("document");
        let r = d.text.find(text, 1).expect("text in the document");
        let span = p.make_span(doc, label, r.start, r.end).expect("span");
        Edit::AddSpan { doc, span }.apply(p).expect("add");
    }
}

/// `app` in a 1280 × 800 headless window, one frame drawn.
pub fn window(app: Lectern) -> Harness<'static, Lectern> {
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        // Real frame times, so two clicks in a row count as a double-click.
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut Lectern| app.ui(ui), app);
    h.run();
    h
}

/// The project file at `path` opened in a headless window.
pub fn open_in_window(path: &Path) -> Harness<'static, Lectern> {
    let mut app = Lectern::new(None);
    // Time moves only when a test says so: no autosave or disk check at a random frame.
    app.use_manual_clock();
    app.open_project_path(path);
    assert!(app.finish_jobs(), "{}", app.status());
    window(app)
}

/// What one run of the `lectern` binary did.
pub struct Run {
    /// Exit status.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs the `lectern` binary with `args` in `dir`.
pub fn run_lectern(dir: &Path, args: &[&str]) -> Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run lectern");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A mouse drag from `from` to `to`, a frame at each step, as a hand would do it.
pub fn drag<S>(h: &mut Harness<'_, S>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
}

/// A brat folder whose `.ann` turns twelve events into relations and has one malformed
/// line: the kind that matters is one line among many of another kind.
pub fn brat_with_events(dir: &Path) -> std::path::PathBuf {
    let brat = dir.join("brat");
    std::fs::create_dir(&brat).expect("mkdir");
    let text = "Ms Ωμέγα said “no”. ".repeat(12);
    std::fs::write(brat.join("a.txt"), &text).expect("txt");
    let mut ann = String::new();
    for k in 0..12 {
        let base = k * 20;
        ann.push_str(&format!(
            "T{}\tSource {} {}\tMs Ωμέγα\n",
            3 * k + 1,
            base,
            base + 8
        ));
        ann.push_str(&format!(
            "T{}\tCue {} {}\tsaid\n",
            3 * k + 2,
            base + 9,
            base + 13
        ));
        ann.push_str(&format!(
            "T{}\tContent {} {}\t“no”\n",
            3 * k + 3,
            base + 14,
            base + 18
        ));
        ann.push_str(&format!(
            "E{}\tAttribution:T{} Source:T{} Content:T{}\n",
            k + 1,
            3 * k + 2,
            3 * k + 1,
            3 * k + 3
        ));
    }
    ann.push_str("T99\tContent 5 x\tbroken\n");
    std::fs::write(brat.join("a.ann"), ann).expect("ann");
    brat
}

/// Another process holding a project's lock, as a second Lectern would: a shell that locks
/// the lock file with `flock(1)` (Linux, util-linux) and writes its pid there. The process
/// ends when this is dropped.
#[cfg(target_os = "linux")]
pub struct OtherLockHolder(std::process::Child);

#[cfg(target_os = "linux")]
impl OtherLockHolder {
    /// Starts the holder and waits until it holds the lock of `project`.
    pub fn of(project: &Path) -> Self {
        use std::io::BufRead;
        let lock = lectern::store::lock::path_for(project);
        // The shell keeps the locked file open (fd 9) and becomes `cat`, so the process
        // that holds the lock is the one whose pid is written and which drop kills.
        let script =
            r#"exec 9<>"$0" && flock --nonblock 9 && echo $$ > "$0" && echo held && exec cat"#;
        let mut child = std::process::Command::new("sh")
            .args(["-c", script])
            .arg(&lock)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("flock (util-linux) runs");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read");
        assert_eq!(
            line.trim(),
            "held",
            "flock could not lock {}",
            lock.display()
        );
        Self(child)
    }

    /// Its process id (the one written in the lock file).
    pub fn pid(&self) -> u32 {
        self.0.id()
    }
}

#[cfg(target_os = "linux")]
impl Drop for OtherLockHolder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A workbook of articles: a header row (id, title, text, date), then one row per text
/// with its number, "Story N", the text and a date cell.
pub fn articles_workbook(texts: &[&str]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["id", "title", "text", "date"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let when = ExcelDateTime::from_ymd(2016, 9, 12).expect("date");
    for (r, text) in texts.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_number(row, 0, f64::from(row)).expect("id");
        sheet
            .write_string(row, 1, format!("Story {row}"))
            .expect("title");
        sheet.write_string(row, 2, *text).expect("text");
        sheet
            .write_datetime_with_format(row, 3, &when, &date)
            .expect("date");
    }
    book.save_to_buffer().expect("workbook")
}
