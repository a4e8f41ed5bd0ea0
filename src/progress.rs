//! Progress and cancellation for long work — opening, importing or exporting big files —
//! so the window can run it on another thread, show how far it got and stop it.
//!
//! The work takes a `&Progress`, names its phase, counts its units and checks between
//! units whether the user asked to stop, returning [`Cancelled`] if so. Work that ends by
//! replacing a file calls [`Progress::commit`] just before the replacement: from then on a
//! cancel is refused, so a cancelled job never leaves a file behind and a committed one is
//! never reported as cancelled. Nothing here knows about the UI; the command line and the
//! tests pass a progress that nobody watches.

use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// What the units of a phase are, for showing counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Bytes of a file, shown in megabytes.
    Bytes,
    /// Things counted by name, given in the plural ("spans", "files").
    Items(&'static str),
}

/// The work stopped because the user cancelled it; nothing it would have changed was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

const RUNNING: u8 = 0;
const CANCELLED: u8 = 1;
const COMMITTED: u8 = 2;

/// A shared handle to one job's progress: the worker reports, the window reads and
/// cancels. Clones share the same counters.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    shared: Arc<Shared>,
}

#[derive(Debug, Default)]
struct Shared {
    done: AtomicU64,
    /// 0 while the amount of work is not known (a parse that is one call).
    total: AtomicU64,
    state: AtomicU8,
    phase: Mutex<Phase>,
}

#[derive(Clone, Debug)]
struct Phase {
    text: String,
    unit: Unit,
}

impl Default for Phase {
    fn default() -> Self {
        Self {
            text: String::new(),
            unit: Unit::Items("items"),
        }
    }
}

/// What a progress handle said at one moment, for drawing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// What is being done ("Parsing", "Exporting spans").
    pub phase: String,
    /// What the counts count.
    pub unit: Unit,
    /// Units done in this phase.
    pub done: u64,
    /// Units in this phase; 0 when not known.
    pub total: u64,
    /// The work passed the point where it replaces a file; cancelling is too late.
    pub committed: bool,
}

impl Progress {
    /// A fresh handle: no phase, nothing done, not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a phase of `total` units (0: not known); the count starts again at 0.
    pub fn start_phase(&self, text: impl Into<String>, unit: Unit, total: u64) {
        *self.phase() = Phase {
            text: text.into(),
            unit,
        };
        self.shared.done.store(0, Ordering::Relaxed);
        self.shared.total.store(total, Ordering::Relaxed);
    }

    /// Sets how many units this phase has, once the work knows.
    pub fn set_total(&self, total: u64) {
        self.shared.total.store(total, Ordering::Relaxed);
    }

    /// Counts `n` more units done, then says whether to stop.
    pub fn advance(&self, n: u64) -> Result<(), Cancelled> {
        self.shared.done.fetch_add(n, Ordering::Relaxed);
        self.check()
    }

    /// `Err(Cancelled)` once the user asked to stop (and the work had not committed).
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }

    /// Whether the user asked to stop before the work committed.
    pub fn is_cancelled(&self) -> bool {
        self.shared.state.load(Ordering::Acquire) == CANCELLED
    }

    /// Asks the work to stop. Returns false when it is too late: the work already
    /// committed and will finish.
    pub fn cancel(&self) -> bool {
        match self.shared.state.compare_exchange(
            RUNNING,
            CANCELLED,
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => true,
            Err(now) => now == CANCELLED,
        }
    }

    /// The work is about to replace a file: from now on it finishes. Fails if the user
    /// cancelled first, and then the work must leave the file alone.
    pub fn commit(&self) -> Result<(), Cancelled> {
        match self.shared.state.compare_exchange(
            RUNNING,
            COMMITTED,
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => Ok(()),
            Err(now) if now == COMMITTED => Ok(()),
            Err(_) => Err(Cancelled),
        }
    }

    /// The phase and counts now.
    pub fn snapshot(&self) -> Snapshot {
        let phase = self.phase().clone();
        Snapshot {
            phase: phase.text,
            unit: phase.unit,
            done: self.shared.done.load(Ordering::Relaxed),
            total: self.shared.total.load(Ordering::Relaxed),
            committed: self.shared.state.load(Ordering::Acquire) == COMMITTED,
        }
    }

    fn phase(&self) -> std::sync::MutexGuard<'_, Phase> {
        // A worker that panicked while naming a phase leaves a usable name behind.
        self.shared
            .phase
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Snapshot {
    /// How much of the phase is done, 0–1; `None` while the total is not known.
    pub fn fraction(&self) -> Option<f32> {
        (self.total > 0).then(|| (self.done.min(self.total) as f64 / self.total as f64) as f32)
    }

    /// The counts for people: "12,400 of 50,000 spans", "3.2 of 13.8 MB"; `None` when
    /// there is nothing to count yet.
    pub fn counts(&self) -> Option<String> {
        match (self.unit, self.total) {
            (_, 0) if self.done == 0 => None,
            (Unit::Bytes, 0) => Some(format!("{} MB", megabytes(self.done))),
            (Unit::Bytes, total) => Some(format!(
                "{} of {} MB",
                megabytes(self.done.min(total)),
                megabytes(total)
            )),
            (Unit::Items(name), 0) => Some(format!("{} {name}", thousands(self.done))),
            (Unit::Items(name), total) => Some(format!(
                "{} of {} {name}",
                thousands(self.done.min(total)),
                thousands(total)
            )),
        }
    }
}

/// `12400` as "12,400".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes as megabytes with one decimal ("13.8").
fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_like_a_sentence() {
        let p = Progress::new();
        assert_eq!(p.snapshot().counts(), None);
        p.start_phase("Exporting spans", Unit::Items("spans"), 50_000);
        p.advance(12_400).expect("running");
        let s = p.snapshot();
        assert_eq!(s.counts().as_deref(), Some("12,400 of 50,000 spans"));
        assert_eq!(s.fraction(), Some(0.248));
        p.start_phase("Reading", Unit::Bytes, 13_800_000);
        p.advance(3_200_000).expect("running");
        assert_eq!(p.snapshot().counts().as_deref(), Some("3.2 of 13.8 MB"));
        p.start_phase("Parsing", Unit::Bytes, 0);
        assert_eq!(p.snapshot().fraction(), None);
        assert_eq!(p.snapshot().counts(), None);
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn a_count_past_the_total_is_shown_as_the_total() {
        let p = Progress::new();
        p.start_phase("Reading", Unit::Items("files"), 2);
        p.advance(3).expect("running");
        assert_eq!(p.snapshot().fraction(), Some(1.0));
        assert_eq!(p.snapshot().counts().as_deref(), Some("2 of 2 files"));
    }

    #[test]
    fn cancel_stops_the_next_unit_and_is_seen_by_every_clone() {
        let p = Progress::new();
        let worker = p.clone();
        assert_eq!(worker.advance(1), Ok(()));
        assert!(p.cancel());
        assert!(worker.is_cancelled());
        assert_eq!(worker.advance(1), Err(Cancelled));
        assert_eq!(worker.check(), Err(Cancelled));
        assert_eq!(
            worker.commit(),
            Err(Cancelled),
            "a cancelled job never commits"
        );
        assert!(p.cancel(), "cancelling twice is still cancelled");
    }

    #[test]
    fn after_commit_a_cancel_is_refused_and_the_work_finishes() {
        let p = Progress::new();
        assert_eq!(p.commit(), Ok(()));
        assert!(!p.cancel());
        assert!(!p.is_cancelled());
        assert_eq!(p.advance(1), Ok(()));
        assert_eq!(p.commit(), Ok(()));
        assert!(p.snapshot().committed);
    }

    #[test]
    fn cancel_and_commit_race_and_exactly_one_wins() {
        for _ in 0..200 {
            let p = Progress::new();
            let worker = p.clone();
            let t = std::thread::spawn(move || worker.commit().is_ok());
            let cancelled = p.cancel();
            let committed = t.join().expect("join");
            assert_ne!(cancelled, committed);
        }
    }
}
