//! Campaign progress as the command line shows it: a bar on a terminal, a
//! plain line now and then in a log (a batch scheduler's output file should
//! not fill with redraws). The library only reports
//! [`swapguide::campaign::Progress`] events.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// Progress of one campaign, shown on standard error.
pub struct Shown {
    /// The bar, on a terminal.
    bar: Option<ProgressBar>,
    total: Option<u64>,
    done: u64,
    failed: u64,
    last_line: Instant,
}

impl Shown {
    /// Nothing shown until the campaign says how many rows it builds.
    pub fn new() -> Shown {
        Shown {
            bar: None,
            total: None,
            done: 0,
            failed: 0,
            last_line: Instant::now(),
        }
    }

    /// Shows one event.
    pub fn show(&mut self, event: swapguide::campaign::Progress) {
        use swapguide::campaign::Progress;
        match event {
            Progress::Started { rows } => *self = Shown::start(rows),
            Progress::Built { rows, failed } => self.advance(rows, failed),
            Progress::Finished => self.finish(),
        }
    }

    /// A bar if standard error is a terminal (a counter when the total is
    /// unknown: customers read from a pipe), occasional lines otherwise.
    fn start(total: Option<u64>) -> Shown {
        let bar = std::io::stderr().is_terminal().then(|| {
            let (bar, template) = match total {
                Some(total) => (
                    ProgressBar::new(total),
                    "{bar:40} {pos}/{len} customers, {per_sec}, {eta} left {msg}",
                ),
                None => (ProgressBar::no_length(), "{pos} customers, {per_sec} {msg}"),
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        });
        Shown {
            bar,
            total,
            done: 0,
            failed: 0,
            last_line: Instant::now(),
        }
    }

    /// Records finished rows.
    fn advance(&mut self, done: u64, failed: u64) {
        self.done += done;
        self.failed += failed;
        match &self.bar {
            Some(bar) => {
                bar.inc(done);
                if failed > 0 {
                    bar.set_message(format!("({} failed)", self.failed));
                }
            }
            None => {
                if self.last_line.elapsed() >= Duration::from_secs(5) {
                    let of = self.total.map(|t| format!(" of {t}")).unwrap_or_default();
                    eprintln!("built {}{of} customers, {} failed", self.done, self.failed);
                    self.last_line = Instant::now();
                }
            }
        }
    }

    /// Clears the bar.
    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
