//! The progress bar of `vpagen build`: shown on a terminal only once a build has run
//! for a second (short builds stay quiet), never when stderr is not a terminal or
//! with `--quiet`, and cleared when the build ends.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::build::Progress;

/// How long a build runs before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// A progress bar that appears after [`DELAY`].
pub(super) struct Bar {
    inner: ProgressBar,
    done: Option<mpsc::Sender<()>>,
    shower: Option<thread::JoinHandle<()>>,
}

impl Bar {
    /// A bar drawing to stderr.
    pub(super) fn new() -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let (done, wait) = mpsc::channel::<()>();
        let shown = bar.clone();
        let shower = thread::spawn(move || {
            if wait.recv_timeout(DELAY) == Err(mpsc::RecvTimeoutError::Timeout) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Bar {
            inner: bar,
            done: Some(done),
            shower: Some(shower),
        }
    }
}

impl Progress for Bar {
    fn stage(&self, name: &'static str, total: Option<u64>) {
        let style = match total {
            Some(total) => {
                self.inner.set_length(total);
                self.inner.set_position(0);
                ProgressStyle::with_template("{spinner} {msg:<26} [{bar:30}] {pos}/{len}")
            }
            None => ProgressStyle::with_template("{spinner} {msg} … {elapsed}"),
        };
        if let Ok(style) = style {
            self.inner.set_style(style.progress_chars("=> "));
        }
        self.inner.set_message(name);
    }

    fn step(&self) {
        // The total counts the content items; list pages and data files come on top.
        if self.inner.position() >= self.inner.length().unwrap_or(0) {
            self.inner.inc_length(1);
        }
        self.inner.inc(1);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        drop(self.done.take());
        if let Some(shower) = self.shower.take() {
            let _ = shower.join();
        }
        self.inner.finish_and_clear();
    }
}
