//! The ways the full-screen program is told to stop other than a key:
//! the terminal window closed (SIGHUP), the system or a person asking it to
//! end (SIGTERM, or SIGINT sent with `kill`: in raw mode Ctrl+C is a key),
//! and the terminal's input ending (a closed tmux, or a window closed while
//! SIGHUP is ignored). In each case the event loop saves and exits.
//!
//! The signal handlers only set a flag (nothing else is safe in a handler);
//! the event loop looks at it at least every `WAIT`. The terminal is
//! watched with poll(2) before crossterm reads from it: crossterm reads a
//! terminal at end-of-file over and over without returning, so it must
//! never be asked to read one that has gone.

use std::time::Duration;

/// The longest the event loop waits for a key before looking at the flag,
/// the autosave timers and the terminal again.
pub const WAIT: Duration = Duration::from_millis(250);

/// Why the program was asked to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// SIGHUP: the terminal window was closed.
    HangUp,
    /// SIGTERM or SIGINT: asked to end.
    Terminate,
    /// The terminal's input ended or failed.
    InputEnded,
}

impl Stop {
    pub fn describe(self) -> &'static str {
        match self {
            Stop::HangUp => "the terminal window was closed",
            Stop::Terminate => "alongside was asked to stop",
            Stop::InputEnded => "the terminal stopped sending keys",
        }
    }
}

/// What waiting for input found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Keys (or other events) may be ready to read.
    Ready,
    /// Nothing came within the wait.
    Quiet,
    /// The terminal has gone: nothing more will ever come.
    Gone,
}

#[cfg(unix)]
mod imp {
    use super::{Input, Stop};
    use std::os::fd::{AsFd, OwnedFd};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use rustix::event::{PollFd, PollFlags, Timespec, poll};

    /// The signal flags and the terminal being watched.
    pub struct Watch {
        hang_up: Arc<AtomicBool>,
        terminate: Arc<AtomicBool>,
        /// The terminal crossterm reads: standard input when it is one,
        /// otherwise `/dev/tty` (the same choice crossterm makes).
        tty: Option<OwnedFd>,
    }

    impl Watch {
        pub fn install() -> Watch {
            let hang_up = Arc::new(AtomicBool::new(false));
            let terminate = Arc::new(AtomicBool::new(false));
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            // Registering can only fail for signals that cannot be caught;
            // these three can. Without a handler the signal's default (end
            // at once) would apply, so there is nothing better to do.
            let _ = signal_hook::flag::register(SIGHUP, Arc::clone(&hang_up));
            let _ = signal_hook::flag::register(SIGTERM, Arc::clone(&terminate));
            let _ = signal_hook::flag::register(SIGINT, Arc::clone(&terminate));
            let stdin = std::io::stdin();
            let tty = if rustix::termios::isatty(stdin.as_fd()) {
                stdin.as_fd().try_clone_to_owned().ok()
            } else {
                std::fs::File::open("/dev/tty").ok().map(OwnedFd::from)
            };
            Watch {
                hang_up,
                terminate,
                tty,
            }
        }

        pub fn stop(&self) -> Option<Stop> {
            if self.hang_up.load(Ordering::Relaxed) {
                Some(Stop::HangUp)
            } else if self.terminate.load(Ordering::Relaxed) {
                Some(Stop::Terminate)
            } else {
                None
            }
        }

        pub fn wait(&self, timeout: Duration) -> Input {
            let Some(tty) = &self.tty else {
                return Input::Ready;
            };
            let mut fds = [PollFd::new(tty, PollFlags::IN)];
            let timeout = Timespec {
                tv_sec: timeout.as_secs() as _,
                tv_nsec: timeout.subsec_nanos() as _,
            };
            match poll(&mut fds, Some(&timeout)) {
                Ok(0) => Input::Quiet,
                Ok(_) => {
                    let got = fds[0].revents();
                    if got.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                        Input::Gone
                    } else {
                        Input::Ready
                    }
                }
                // A signal arrived: the caller looks at the flags next.
                Err(rustix::io::Errno::INTR) => Input::Quiet,
                Err(_) => Input::Gone,
            }
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use super::{Input, Stop};
    use std::time::Duration;

    /// Elsewhere closing the window ends the process; crossterm's own wait
    /// is used.
    pub struct Watch;

    impl Watch {
        pub fn install() -> Watch {
            Watch
        }

        pub fn stop(&self) -> Option<Stop> {
            None
        }

        pub fn wait(&self, timeout: Duration) -> Input {
            match ratatui::crossterm::event::poll(timeout) {
                Ok(true) => Input::Ready,
                Ok(false) => Input::Quiet,
                Err(_) => Input::Gone,
            }
        }
    }
}

pub use imp::Watch;
