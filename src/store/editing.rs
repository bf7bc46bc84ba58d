//! Editing words in the person's own text editor (`$VISUAL`, else
//! `$EDITOR`). The words go into a file in `<data-dir>/unfinished/`, not
//! a temporary folder, and the file is removed only once what came back
//! has been saved: if the editor crashes, the machine stops or the save
//! fails, the words are still there, and the next edit of the same words
//! starts from them.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::paths::DataDir;

/// What came back from the editor.
#[derive(Debug)]
pub enum Edited {
    /// The words were not changed (or only a line ending was added).
    Unchanged,
    /// New words, still kept in `file` until [`Edited::done`] is called.
    /// `earlier` says the editor opened words left by an edit that never
    /// finished, rather than the current words.
    Changed {
        text: String,
        file: PathBuf,
        earlier: bool,
    },
}

impl Edited {
    /// The words have been saved: the kept file is no longer needed.
    pub fn done(&self) {
        if let Edited::Changed { file, .. } = self {
            let _ = std::fs::remove_file(file);
        }
    }
}

/// Why the words could not be edited. Each says what to do next.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error(
        "no text editor is set. Set VISUAL or EDITOR to the editor you use (for example EDITOR=nano), or give the words on the command line instead of --edit"
    )]
    NoEditor,
    #[error("could not keep the words in {file} for the editor: {source}")]
    Keep {
        file: String,
        source: std::io::Error,
    },
    #[error("could not start the editor `{editor}`: {source}. Check VISUAL or EDITOR")]
    Start {
        editor: String,
        source: std::io::Error,
    },
    #[error(
        "the editor `{editor}` stopped with a problem ({status}), so nothing was recorded. Your words are kept in {file}; the next --edit starts from them"
    )]
    Failed {
        editor: String,
        status: String,
        file: String,
    },
    #[error("could not read the words back from {file}: {source}. They are still in that file")]
    Read {
        file: String,
        source: std::io::Error,
    },
}

/// The editor the person chose: `VISUAL` first (the full-screen one, by
/// convention), then `EDITOR`. Empty values count as unset.
pub fn chosen_editor() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|value| value.trim().to_string())
        .find(|value| !value.is_empty())
}

/// Where the words for `name` (such as `riverside/awards-for-all/q1`) wait
/// while they are being edited.
pub fn kept_file(data: &DataDir, name: &str) -> PathBuf {
    let slug = crate::text::slugify(name).unwrap_or_else(|| "words".to_string());
    data.root()
        .join("unfinished")
        .join(format!("edit-{slug}.txt"))
}

/// Opens `current` in the person's editor and returns what they left.
/// Words left in the kept file by an edit that never finished are opened
/// instead of `current`, so they are not lost.
pub fn edit_words(data: &DataDir, name: &str, current: &str) -> Result<Edited, EditError> {
    let editor = chosen_editor().ok_or(EditError::NoEditor)?;
    let file = kept_file(data, name);
    let shown = file.display().to_string();
    let keep_error = |source| EditError::Keep {
        file: shown.clone(),
        source,
    };
    let earlier = match std::fs::read_to_string(&file) {
        Ok(left) if crate::paths::is_regular_file(&file) => left.trim_end() != current.trim_end(),
        _ => {
            if let Some(dir) = file.parent() {
                crate::paths::create_private_dir(dir).map_err(keep_error)?;
            }
            let mut text = current.to_string();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            super::write_atomic(&file, text.as_bytes()).map_err(keep_error)?;
            false
        }
    };
    let status = editor_command(&editor, &file)
        .status()
        .map_err(|source| EditError::Start {
            editor: editor.clone(),
            source,
        })?;
    if !status.success() {
        return Err(EditError::Failed {
            editor,
            status: status.to_string(),
            file: shown,
        });
    }
    let after = std::fs::read_to_string(&file).map_err(|source| EditError::Read {
        file: shown.clone(),
        source,
    })?;
    // Editors add a final line ending; that is not a change of words.
    if after.trim_end() == current.trim_end() {
        let _ = std::fs::remove_file(&file);
        return Ok(Edited::Unchanged);
    }
    Ok(Edited::Changed {
        text: after,
        file,
        earlier,
    })
}

/// The editor as a shell would run it, so a setting with arguments
/// (`code --wait`, `emacsclient -t`) works; the file is passed as one
/// argument, never pasted into the command line.
fn editor_command(editor: &str, file: &Path) -> Command {
    #[cfg(windows)]
    {
        let mut cmd = Command::new("cmd");
        cmd.arg("/C").arg(editor).arg(file);
        cmd
    }
    #[cfg(not(windows))]
    {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(file);
        cmd
    }
}
