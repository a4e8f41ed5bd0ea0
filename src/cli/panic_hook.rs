//! What the binary says when a bug ends it. The shipping build (`[profile.dist]`) aborts on
//! a panic, so a bug anywhere — in a background job too, which an unwinding build reports
//! in the window and survives — ends the app. Before it does, this hook tells the user it
//! was a bug, where, and that their edits are kept: the window writes every edit to the
//! project's journal within a second of it and before any background work starts, and
//! offers the journal's state the next time the project is opened (README, Not losing
//! work). Builds that unwind keep Rust's own message: there a panic may be caught.

use std::panic::PanicHookInfo;

/// Installs the hook (the binary does, first thing). Rust's own report (the place, and a
/// backtrace with `RUST_BACKTRACE=1`) still follows the message.
pub fn install() {
    if cfg!(panic = "unwind") {
        return;
    }
    let rust_report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        eprintln!("{}", crash_message(info));
        rust_report(info);
    }));
}

/// The message printed before the process ends: the bug, then what became of the work.
pub fn crash_message(info: &PanicHookInfo<'_>) -> String {
    let what = info.payload_as_str().unwrap_or("no message");
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    let thread = std::thread::current();
    let thread = thread.name().unwrap_or("unnamed");
    let question = crate::ui::app::RECOVERY_QUESTION;
    format!(
        "lectern: Lectern has to close because of a bug in it ({what}{place}, thread '{thread}').\n\
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
                *SEEN.lock().unwrap_or_else(|e| e.into_inner()) = Some(crash_message(info));
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
            message.contains("journal (.NAME.ron.journal beside it)")
                && message.contains("(\"Restore unsaved work?\")"),
            "{message}"
        );
    }
}
