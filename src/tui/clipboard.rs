//! Copying one answer for pasting into a funder's web form. The system
//! clipboard is used through the tool each system provides (pbcopy on a
//! Mac, clip on Windows, wl-copy, xclip or xsel on Linux); where there is
//! none (a server, a terminal over SSH), the text is sent to the terminal
//! itself with the OSC 52 escape, which most modern terminals put on the
//! clipboard. The message says which, so nobody pastes an old copy.

use std::io::Write;
use std::process::{Command, Stdio};

/// How the text was copied, in words for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    System(&'static str),
    Terminal,
}

impl Copied {
    pub fn message(&self) -> String {
        match self {
            Copied::System(tool) => format!("Copied to the clipboard (with {tool}). Paste it into the form."),
            Copied::Terminal => {
                "Sent to your terminal's clipboard. If pasting gives nothing, this terminal does not allow it: use the draft file instead.".to_string()
            }
        }
    }
}

/// The clipboard tools to try, in order, for this system.
fn tools() -> &'static [(&'static str, &'static [&'static str])] {
    if cfg!(target_os = "macos") {
        &[("pbcopy", &[])]
    } else if cfg!(windows) {
        &[("clip", &[])]
    } else {
        &[
            ("wl-copy", &[]),
            ("xclip", &["-selection", "clipboard"]),
            ("xsel", &["--clipboard", "--input"]),
        ]
    }
}

fn with_tool(tool: &str, args: &[&str], text: &str) -> bool {
    // Only where a display is there to own the clipboard.
    if !cfg!(any(target_os = "macos", windows))
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        return false;
    }
    let Ok(mut child) = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    else {
        return false;
    };
    let wrote = child
        .stdin
        .take()
        .is_some_and(|mut stdin| stdin.write_all(text.as_bytes()).is_ok());
    wrote && child.wait().is_ok_and(|s| s.success())
}

/// The OSC 52 sequence that asks the terminal to set its clipboard.
pub fn osc52(text: &str) -> String {
    format!("\u{1b}]52;c;{}\u{7}", base64(text.as_bytes()))
}

/// Copies `text`, using the system clipboard if it can, else the terminal.
pub fn copy(text: &str) -> Result<Copied, String> {
    for (tool, args) in tools() {
        if with_tool(tool, args, text) {
            return Ok(Copied::System(tool));
        }
    }
    let mut out = std::io::stdout();
    out.write_all(osc52(text).as_bytes()).and_then(|()| out.flush()).map_err(|e| {
        format!("Could not copy: there is no clipboard tool here and the terminal could not be reached ({e}). Use the draft file instead.")
    })?;
    Ok(Copied::Terminal)
}

/// Standard base64 (RFC 4648) — all OSC 52 needs, too small for a crate.
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64("café".as_bytes()), "Y2Fmw6k=");
    }

    #[test]
    fn osc52_wraps_the_text() {
        assert_eq!(osc52("hi"), "\u{1b}]52;c;aGk=\u{7}");
    }
}
