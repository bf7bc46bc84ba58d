//! Limits on rendering a template. A template from the data folder is
//! code someone else may have written: three nested `range(end=100000)`
//! loops never finish, and two that print build gigabytes of text until
//! the program is killed for memory. Tera has no limits of its own beyond
//! the length of one `range`, so rendering here runs on its own thread with
//! a deadline, into a writer that refuses more than `MAX_OUTPUT_BYTES`.
//! Past either limit the render is an error naming the template. A set of
//! templates that are all built in is rendered on the caller's thread,
//! with the size limit only.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The most a rendered document may be: far above any real bid or return
/// (a group file is at most 64 MB, and HTML escaping can double it).
pub const MAX_OUTPUT_BYTES: usize = 128 * 1024 * 1024;
/// The longest a render may take. The built-in templates take well under a
/// second for the largest group file tested.
pub const MAX_RENDER_TIME: Duration = Duration::from_secs(10);

/// Why a render was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    TooBig,
    TooSlow,
}

impl Limit {
    pub fn describe(self) -> String {
        match self {
            Limit::TooBig => format!(
                "this template makes a document over {} MB, the most alongside writes. Look for a loop that repeats too often",
                MAX_OUTPUT_BYTES / (1024 * 1024)
            ),
            Limit::TooSlow => format!(
                "this template took over {} seconds, so it was stopped. Look for loops inside loops that repeat too often",
                MAX_RENDER_TIME.as_secs()
            ),
        }
    }
}

/// Collects output up to the limit; past it, and once the render has been
/// given up, every write fails, which makes tera stop.
struct Capped {
    bytes: Vec<u8>,
    over: bool,
    abandoned: Arc<AtomicBool>,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.abandoned.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("the render was given up"));
        }
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.over = true;
            return Err(std::io::Error::other("the document is too big"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders `name` within the limits: the text, tera's own error, or the
/// limit it went past.
pub fn render(
    tera: &tera::Tera,
    name: &str,
    context: tera::Context,
) -> Result<Result<String, tera::Error>, Limit> {
    render_within(tera, name, context, MAX_RENDER_TIME)
}

/// Renders `name` on this thread, with the size limit but no deadline: for
/// a set of templates that are all built in, whose loops only go over the
/// group's own data. Starting a thread costs more than the whole render of
/// an ordinary draft.
pub fn render_trusted(
    tera: &tera::Tera,
    name: &str,
    context: tera::Context,
) -> Result<Result<String, tera::Error>, Limit> {
    let mut out = Capped {
        bytes: Vec::new(),
        over: false,
        abandoned: Arc::new(AtomicBool::new(false)),
    };
    let result = tera.render_to(name, &context, &mut out);
    finish(result, out)
}

/// What a render came to, from tera's result and what it wrote.
fn finish(
    result: Result<(), tera::Error>,
    out: Capped,
) -> Result<Result<String, tera::Error>, Limit> {
    match result {
        _ if out.over => Err(Limit::TooBig),
        Ok(()) => Ok(Ok(String::from_utf8_lossy(&out.bytes).into_owned())),
        Err(e) => Ok(Err(e)),
    }
}

fn render_within(
    tera: &tera::Tera,
    name: &str,
    context: tera::Context,
    deadline: Duration,
) -> Result<Result<String, tera::Error>, Limit> {
    let (tx, rx) = std::sync::mpsc::channel();
    let abandoned = Arc::new(AtomicBool::new(false));
    let mut out = Capped {
        bytes: Vec::new(),
        over: false,
        abandoned: Arc::clone(&abandoned),
    };
    let tera = tera.clone();
    let name = name.to_string();
    let spawned = std::thread::Builder::new()
        .name("render".to_string())
        .spawn(move || {
            let result = tera.render_to(&name, &context, &mut out);
            let _ = tx.send((result, out));
        });
    if spawned.is_err() {
        return Err(Limit::TooSlow);
    }
    match rx.recv_timeout(deadline) {
        Ok((result, out)) => finish(result, out),
        Err(_) => {
            // The thread stops at its next write; one that writes nothing
            // runs on until the program ends, using no more memory.
            abandoned.store(true, Ordering::Relaxed);
            Err(Limit::TooSlow)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera_with(source: &str) -> tera::Tera {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t", source).unwrap();
        tera
    }

    #[test]
    fn an_ordinary_template_renders() {
        let tera = tera_with("Hello {{ who }}");
        let mut context = tera::Context::new();
        context.insert("who", "Riverside");
        assert_eq!(
            render(&tera, "t", context).unwrap().unwrap(),
            "Hello Riverside"
        );
    }

    #[test]
    fn a_trusted_render_gives_the_same_text_and_keeps_the_size_limit() {
        let tera = tera_with("Hello {{ who }}{% if missing %}x{% endif %}");
        let mut context = tera::Context::new();
        context.insert("who", "Riverside");
        context.insert("missing", &false);
        assert_eq!(
            render_trusted(&tera, "t", context.clone())
                .unwrap()
                .unwrap(),
            render(&tera, "t", context).unwrap().unwrap()
        );
        let big = tera_with("{% for a in range(end=200) %}{{ page }}{% endfor %}");
        let mut context = tera::Context::new();
        context.insert("page", &"x".repeat(1024 * 1024));
        assert_eq!(
            render_trusted(&big, "t", context).unwrap_err(),
            Limit::TooBig
        );
        let broken = tera_with("{{ nobody.here }}");
        assert!(
            render_trusted(&broken, "t", tera::Context::new())
                .unwrap()
                .is_err()
        );
    }

    #[test]
    fn endless_loops_are_stopped() {
        // The case that hung: whichever limit comes first stops it.
        let nested = tera_with(
            "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% for c in range(end=100000) %}x{% endfor %}{% endfor %}{% endfor %}",
        );
        let start = std::time::Instant::now();
        assert!(render_within(&nested, "t", tera::Context::new(), Duration::from_secs(2)).is_err());
        assert!(start.elapsed() < Duration::from_secs(5));
        // Printing a lot quickly is stopped by size, before memory runs out.
        let big = tera_with("{% for a in range(end=100000) %}{{ page }}{% endfor %}");
        let mut context = tera::Context::new();
        context.insert("page", &"x".repeat(1024 * 1024));
        assert_eq!(render(&big, "t", context).unwrap_err(), Limit::TooBig);
        // Looping without printing is stopped by time.
        let quiet = tera_with(
            "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% if a == -1 %}x{% endif %}{% endfor %}{% endfor %}",
        );
        assert_eq!(
            render_within(
                &quiet,
                "t",
                tera::Context::new(),
                Duration::from_millis(300)
            )
            .unwrap_err(),
            Limit::TooSlow
        );
    }
}
