//! What the binary says when a bug ends it. The shipping build (`[profile.dist]`) aborts on
//! a panic, so a bug anywhere — in a background job too, which an unwinding build reports
//! in the window and survives — ends the app. Before it does, this hook tells the user it
//! was a bug, where, and that their edits are kept: the window writes every edit to the
//! project's journal within a second of it and before any background work starts, and
//! offers the journal's state the next time the project is opened (README, Not losing
//! work). Builds that unwind keep Rust's own message: there a panic may be caught. A bug
//! that ends the window also leaves a note that the next window shows
//! (`store::crash_note`), since a desktop user never sees stderr.

use std::panic::PanicHookInfo;

/// Installs the hook (the binary does, first thing). Rust's own report (the place, and a
/// backtrace with `RUST_BACKTRACE=1`) still follows the message. A bug that ends an open
/// window also leaves a note the next window shows (`store::crash_note`): in the shipping
/// build any panic ends it; where panics unwind, one on the main thread does (the window's
/// thread; background jobs catch theirs and report them in the window).
pub fn install() {
    let rust_report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let aborts = cfg!(panic = "abort");
        if aborts || std::thread::current().name() == Some("main") {
            crate::store::crash_note::write_if_armed(&crash_note(info));
        }
        if aborts {
            eprintln!("{}", crash_message(info));
        }
        rust_report(info);
    }));
}

/// The bug itself: its message, where in the code, and on which thread.
fn bug(info: &PanicHookInfo<'_>) -> String {
    let what = info.payload_as_str().unwrap_or("no message");
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    let thread = std::thread::current();
    let thread = thread.name().unwrap_or("unnamed");
    format!("{what}{place}, thread '{thread}'")
}

/// What the next window shows (and the user can copy into a report): the bug and the
/// version it happened in.
pub fn crash_note(info: &PanicHookInfo<'_>) -> String {
    format!("{}\nLectern {}", bug(info), env!("CARGO_PKG_VERSION"))
}

/// The message printed before the process ends: the bug, then what became of the work.
pub fn crash_message(info: &PanicHookInfo<'_>) -> String {
    let bug = bug(info);
    let question = crate::ui::app::RECOVERY_QUESTION;
    format!(
        "lectern: Lectern has to close because of a bug in it ({bug}).\n\
         lectern: If a project was open in the window, your edits are kept: each is written to \
         the project's journal (.NAME.ron.journal beside it) within a second and before any \
         background work starts. Open the project again and Lectern offers to restore them \
         (\"{question}\"); a project never saved is offered when Lectern starts.\n\
         lectern: Please report this message, with what you were doing, to the Lectern developers."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn the_message_names_the_bug_its_place_and_how_the_edits_come_back() {
        static SEEN: Mutex<Option<String>> = Mutex::new(None);
        const THREAD: &str = "crash-message-test";
        let rust_report = std::panic::take_hook();
        // Other tests panic on purpose meanwhile: only this test's thread is recorded.
        std::panic::set_hook(Box::new(|info| {
            if std::thread::current().name() == Some(THREAD) {
                *SEEN.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!(
                    "{}\n---\n{}",
                    crash_message(info),
                    crash_note(info)
                ));
            }
        }));
        let ended = std::thread::Builder::new()
            .name(THREAD.to_owned())
            .spawn(|| panic!("a bug in a job"))
            .expect("thread")
            .join();
        std::panic::set_hook(rust_report);
        assert!(ended.is_err());
        let message = SEEN
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .expect("the hook ran");
        assert!(
            message.starts_with(
                "lectern: Lectern has to close because of a bug in it (a bug in a job at \
                 src/cli/panic_hook.rs:"
            ),
            "{message}"
        );
        assert!(
            message.contains(", thread 'crash-message-test')."),
            "{message}"
        );
        assert!(
            message.contains("\n---\na bug in a job at src/cli/panic_hook.rs:")
                && message.ends_with(&format!(
                    ", thread 'crash-message-test'\nLectern {}",
                    env!("CARGO_PKG_VERSION")
                )),
            "{message}"
        );
        assert!(
            message.contains("journal (.NAME.ron.journal beside it)")
                && message.contains("(\"Restore unsaved work?\")"),
            "{message}"
        );
    }
}
