//! The real binary in a real terminal: a tmux server of the test's own,
//! 80x24, running `alongside --data-dir DATA`. Tests wait for text to
//! appear on the screen rather than sleeping a fixed time. Without tmux the
//! tests say so and are skipped, except in CI, where `.ci/run` installs it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tempfile::TempDir;

pub struct Tmux {
    socket: String,
    /// Where the program writes its process id as it starts.
    pid_file: PathBuf,
}

/// How to start the program.
#[derive(Default)]
pub struct Launch<'a> {
    /// Extra environment variables.
    pub env: &'a [(&'a str, &'a str)],
    /// Arguments after `--data-dir DATA`.
    pub args: &'a [&'a str],
    /// Shell words run before the program in the same shell, such as
    /// `trap '' HUP;`.
    pub before: &'a str,
    /// Run the program in a session of its own (`setsid`), so closing the
    /// terminal sends it no SIGHUP: its input just ends.
    pub own_session: bool,
}

/// Whether `screen` is the answer screen of the question `id`: the line
/// under the header says which question of the section it is, and the
/// question's own words come next. (The screen shows no ids; the list of
/// questions shows the words too, but not that line.)
pub fn shows_answer(screen: &str, id: &str) -> bool {
    let bank = alongside::bank::Bank::builtin().unwrap();
    let prompt = alongside::text::one_line(&bank.question(id).expect("a bank question").prompt);
    let start: String = prompt.chars().take(24).collect();
    let mut lines = screen.lines().skip(1);
    lines.next().is_some_and(|l| l.contains(" - question "))
        && lines.next().is_some_and(|l| l.starts_with(start.as_str()))
}

/// Whether tmux is installed. Without it a test says so and is skipped,
/// except in CI, where it must be there.
pub fn installed() -> bool {
    if Command::new("tmux").arg("-V").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "tmux must be installed in CI (see .ci/run)"
    );
    eprintln!("skipping: tmux is not installed");
    false
}

/// A fresh temporary data folder (the program makes it) and the program
/// started on it in tmux as `name`, with `env`; None without tmux. Keep
/// the folder (bind it to a name, not `_`) for as long as the test runs.
pub fn start_fresh(name: &str, env: &[(&str, &str)]) -> Option<(TempDir, PathBuf, Tmux)> {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let t = Tmux::start(name, &data, env)?;
    Some((tmp, data, t))
}

/// A home folder whose Documents folder is named in
/// `~/.config/user-dirs.dirs`, as a desktop sets it up, so the program
/// offers `Documents/alongside` for saving.
pub struct Home {
    pub dir: PathBuf,
    home: String,
    config: String,
}

impl Home {
    /// The home folder `home` below `tmp`, with its Documents folder.
    pub fn with_documents(tmp: &Path) -> Home {
        let dir = tmp.join("home");
        std::fs::create_dir_all(dir.join(".config")).unwrap();
        std::fs::create_dir_all(dir.join("Documents")).unwrap();
        std::fs::write(
            dir.join(".config/user-dirs.dirs"),
            "XDG_DOCUMENTS_DIR=\"$HOME/Documents\"\n",
        )
        .unwrap();
        Home {
            home: dir.display().to_string(),
            config: dir.join(".config").display().to_string(),
            dir,
        }
    }

    /// The environment that points the program at this home.
    pub fn env(&self) -> [(&str, &str); 2] {
        [("HOME", &self.home), ("XDG_CONFIG_HOME", &self.config)]
    }

    /// Where the program saves drafts and returns by default.
    pub fn saves(&self) -> PathBuf {
        self.dir.join("Documents").join("alongside")
    }
}

/// Quotes `s` for the shell.
pub fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

impl Tmux {
    pub fn start(name: &str, data: &Path, env: &[(&str, &str)]) -> Option<Tmux> {
        Self::launch(
            name,
            data,
            Launch {
                env,
                ..Launch::default()
            },
        )
    }

    pub fn launch(name: &str, data: &Path, how: Launch<'_>) -> Option<Tmux> {
        if !installed() {
            return None;
        }
        let socket = format!("alongside-test-{name}-{}", std::process::id());
        let pid_file = data.with_extension(format!("{name}.pid"));
        let _ = std::fs::remove_file(&pid_file);
        let mut program = format!(
            "env -u NO_COLOR {} {} --data-dir {}",
            how.env
                .iter()
                .map(|(k, v)| format!("{k}={}", quoted(v)))
                .collect::<Vec<_>>()
                .join(" "),
            quoted(env!("CARGO_BIN_EXE_alongside")),
            quoted(&data.display().to_string()),
        );
        for arg in how.args {
            program.push(' ');
            program.push_str(&quoted(arg));
        }
        // `exec` keeps the process id the shell wrote down.
        let inner = format!(
            "echo $$ > {}; exec {program}",
            quoted(&pid_file.display().to_string())
        );
        let setsid = if how.own_session { "setsid -w " } else { "" };
        let command = format!(
            "{} {setsid}sh -c {}; echo EXITED $?; sleep 30",
            how.before,
            quoted(&inner)
        );
        // Keep the pane after the program ends so its last screen can be read.
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "80",
                "-y",
                "24",
                "-e",
                "TERM=xterm-256color",
            ])
            .arg(command)
            .status()
            .unwrap();
        assert!(status.success());
        Some(Tmux { socket, pid_file })
    }

    pub fn screen(&self, escapes: bool) -> String {
        let mut args = vec!["-L", &self.socket, "capture-pane", "-p"];
        if escapes {
            args.push("-e");
        }
        String::from_utf8_lossy(&Command::new("tmux").args(&args).output().unwrap().stdout)
            .into_owned()
    }

    /// Waits for the answer screen of the question `id` (see
    /// `shows_answer`).
    #[track_caller]
    pub fn wait_for_answer(&self, id: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(false);
            if shows_answer(&screen, id) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for the answer to {id}; screen was:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    #[track_caller]
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(false);
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for {text:?}; screen was:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn send(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn resize(&self, width: u16, height: u16) {
        let status = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "resize-window",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn type_literally(&self, text: &str) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-l", text])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Ctrl+C, then waits for the program to end with exit status 0;
    /// returns the last screen.
    #[track_caller]
    pub fn quit(&self) -> String {
        self.send(&["C-c"]);
        self.wait_for("EXITED 0")
    }

    /// Closes the terminal and waits (up to 10 s, else the test fails,
    /// naming `what` happened) for the program to end.
    #[track_caller]
    pub fn close_and_wait_for_the_end(&self, what: &str) {
        let pid = self.pid();
        self.close();
        let start = Instant::now();
        while running(pid) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "still running 10 s after {what}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The pane's title, which a program can set with the escape sequence
    /// OSC 2 (ESC ] 2 ; TITLE BEL).
    pub fn title(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "display-message", "-p", "#{pane_title}"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(pid) = std::fs::read_to_string(&self.pid_file)
                .ok()
                .and_then(|t| t.trim().parse().ok())
            {
                return pid;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "no pid file");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a signal (`HUP`, `TERM`, `INT`, `KILL`) to the program.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Closes the terminal, as closing its window does: the tmux server
    /// and the pane go away.
    pub fn close(&self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }

    /// Whether the program is still running (a zombie counts as ended).
    pub fn running(&self) -> bool {
        running(self.pid())
    }

    /// Waits for the program to end; false if it still runs after `limit`.
    pub fn ended_within(&self, limit: Duration) -> bool {
        let start = Instant::now();
        while self.running() {
            if start.elapsed() > limit {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        true
    }
}

pub fn running(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name in brackets.
        Ok(stat) => !stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with(['Z', 'X'])),
        Err(_) => false,
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.close();
        // A program the test left running (a failed test) is stopped.
        if let Ok(pid) = std::fs::read_to_string(&self.pid_file)
            && let Ok(pid) = pid.trim().parse::<u32>()
            && running(pid)
        {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    }
}

/// Opens the demo's first section and the question `downs` below the first.
pub fn open_demo_question(t: &Tmux, downs: usize, first_time: bool) {
    if first_time {
        t.wait_for("Try the demo group");
    } else {
        t.wait_for("Your groups");
    }
    open_demo_sections(t);
    t.send(&["Enter"]);
    t.wait_for("What is your group called?");
    for _ in 0..downs {
        t.send(&["Down"]);
    }
    t.send(&["Enter"]);
}

/// From the very first screen (no group yet): the demo group, opened to
/// its sections.
pub fn open_demo_from_the_start(t: &Tmux) {
    t.wait_for("Try the demo group");
    open_demo_sections(t);
}

/// From a group's sections: the funders list, then adding a funder that
/// is not listed, named `name`, up to the box for its form's questions.
pub fn add_funder_named(t: &Tmux, name: &str) {
    t.send(&["f"]);
    t.wait_for("Funders, best fit first");
    t.send(&["a"]);
    t.wait_for("A funder that is not in the list");
    t.type_literally(name);
    t.send(&["Enter"]);
    t.wait_for(&format!("The questions on {name}'s form"));
}

/// From the first screen, with the demo group highlighted: open it as the
/// group and wait for its sections.
pub fn open_demo_sections(t: &Tmux) {
    t.send(&["Enter"]);
    t.wait_for("Who is typing?");
    t.send(&["Enter"]);
    t.wait_for("questions answered");
}
