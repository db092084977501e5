//! Ctrl-C during a quiz: every answer given is already stored, so an interrupt
//! ends the run as `q` does: the attempt is handed back (its lease released, so
//! the same command resumes it at once), the same "saved" line is printed, and
//! the exit code is 130 (128 + SIGINT), as shells expect.
//!
//! The handler runs on its own thread; it never takes the stdout lock for
//! long, because the command writes through `Stdout` (locked per write), not a
//! `StdoutLock` held for the whole run.

use std::io::Write;
use std::sync::{Mutex, Once};

type Action = Box<dyn FnOnce() + Send>;

static ACTION: Mutex<Option<Action>> = Mutex::new(None);
static INSTALL: Once = Once::new();

/// While the returned guard lives, Ctrl-C runs `cleanup`, prints
/// [`crate::runner::SAVED`] and exits 130.
pub fn during_quiz(cleanup: impl FnOnce() + Send + 'static) -> Guard {
    INSTALL.call_once(|| {
        // Without a handler (another one is set) Ctrl-C keeps its default.
        let _ = ctrlc::set_handler(on_interrupt);
    });
    if let Ok(mut a) = ACTION.lock() {
        *a = Some(Box::new(cleanup));
    }
    Guard(())
}

/// Ends the quiz's hold on Ctrl-C when dropped.
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        if let Ok(mut a) = ACTION.lock() {
            a.take();
        }
    }
}

fn on_interrupt() {
    let action = ACTION.lock().ok().and_then(|mut a| a.take());
    if let Some(cleanup) = action {
        cleanup();
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "\n{}", crate::runner::SAVED);
        let _ = out.flush();
    }
    std::process::exit(130);
}
