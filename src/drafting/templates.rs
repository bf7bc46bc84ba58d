//! The draft templates: built-in ones compiled in from `templates/`
//! (listed by `build.rs`), with the user's own from the data folder laid
//! over them, so a user file overrides the built-in of the same name:
//!
//! ```text
//! templates/application.md.tera                   built-in, for every funder
//! templates/funders/ID/application.md.tera        built-in, for funder ID
//! <data-dir>/templates/application.md.tera        the user's, replaces the first
//! <data-dir>/templates/funders/ID/application.md.tera
//! ```
//!
//! Tera is only ever given strings: no filesystem loader is switched on
//! (tera's `glob_fs` feature is off), so `{% include %}` and `{% extends %}`
//! can reach only the templates loaded here, never another file.
//!
//! A broken template becomes a `TemplateError` naming the file, the line
//! and what is wrong, never a panic.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Kwargs, State, Tera};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_templates.rs"));
}

/// Largest template file read: far above any real template.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

#[derive(Debug, Clone)]
struct Loaded {
    origin: Origin,
    source: String,
}

/// A set of templates ready to render.
pub struct Templates {
    tera: Tera,
    /// By template name (its path inside a templates folder).
    loaded: BTreeMap<String, Loaded>,
    /// The user's templates that would not load, with why. They are left
    /// out so that a mistake in one does not stop the others; rendering one
    /// of them reports its problem.
    broken: BTreeMap<String, TemplateError>,
}

impl fmt::Debug for Templates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Templates")
            .field("names", &self.loaded.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The built-in templates' names and text.
pub fn builtin_templates() -> &'static [(&'static str, &'static str)] {
    builtin::TEMPLATES
}

impl Templates {
    /// The built-in templates, with the user's from `user_dir` over them.
    /// Only the user's top-level templates and those for this `funder`
    /// are read, so a mistake in another funder's template cannot stop
    /// this draft.
    pub fn load(user_dir: Option<&Path>, funder: &str) -> Result<Templates, TemplateError> {
        Templates::load_for(user_dir, funder, None)
    }

    /// As `load`, but when `only` names a template file (such as
    /// `application.md.tera`) only that one, its per-funder version and the
    /// templates they name are compiled: a draft needs one template, and
    /// compiling all of them was an eighth of a draft's time.
    pub fn load_for(
        user_dir: Option<&Path>,
        funder: &str,
        only: Option<&str>,
    ) -> Result<Templates, TemplateError> {
        let mut loaded: BTreeMap<String, Loaded> = builtin::TEMPLATES
            .iter()
            .map(|(name, source)| {
                (
                    (*name).to_string(),
                    Loaded {
                        origin: Origin::BuiltIn,
                        source: (*source).to_string(),
                    },
                )
            })
            .collect();
        let mut broken = BTreeMap::new();
        if let Some(dir) = user_dir {
            let mut folders = vec![(dir.to_path_buf(), String::new())];
            // The funder id becomes part of a path: only a plain short
            // name may, so no id can point outside the templates folder.
            if crate::text::is_valid_slug(funder) {
                folders.push((
                    dir.join("funders").join(funder),
                    format!("funders/{funder}/"),
                ));
            }
            for (folder, prefix) in folders {
                for (name, path) in template_files(&folder)? {
                    let name = format!("{prefix}{name}");
                    let source = read_template(&path).unwrap_or_else(|e| {
                        broken.insert(name.clone(), e);
                        String::new()
                    });
                    loaded.insert(
                        name,
                        Loaded {
                            origin: Origin::File(path),
                            source,
                        },
                    );
                }
            }
        }
        if let Some(file) = only {
            loaded = needed(
                loaded,
                &[file.to_string(), format!("funders/{funder}/{file}")],
            );
            broken.retain(|name, _| loaded.contains_key(name));
        }
        let mut templates = Templates {
            tera: Tera::new(),
            loaded,
            broken,
        };
        // Tera checks a set of templates together. When the set fails, the
        // user templates the error names are set aside and the rest tried
        // again, so a typo in the HTML template cannot stop a Markdown draft.
        // Each round sets aside at least one, so this ends.
        loop {
            let mut tera = Tera::new();
            // Only HTML is escaped: an apostrophe in a plain-text paste
            // sheet must stay an apostrophe, not become `&#39;`.
            tera.autoescape_on([".html.tera"]);
            tera.register_filter("table_cell", table_cell);
            tera.register_filter("md_text", md_text);
            tera.register_filter("md_item", md_item);
            let usable = templates
                .loaded
                .iter()
                .filter(|(name, _)| !templates.broken.contains_key(*name))
                .map(|(name, l)| (name.as_str(), l.source.as_str()));
            let Err(error) = tera.add_raw_templates(usable) else {
                templates.tera = tera;
                return Ok(templates);
            };
            let error = templates.describe(&error);
            let culprits: Vec<String> = error
                .problems
                .iter()
                .filter(|p| p.users && !templates.broken.contains_key(&p.name))
                .map(|p| p.name.clone())
                .collect();
            if culprits.is_empty() {
                return Err(error);
            }
            for name in culprits {
                let own = TemplateError {
                    problems: error
                        .problems
                        .iter()
                        .filter(|p| p.name == name)
                        .cloned()
                        .collect(),
                    users: true,
                };
                templates.broken.insert(name, own);
            }
        }
    }

    /// The template to use for `file_name` (such as `application.md.tera`)
    /// and this funder: the funder's own if there is one.
    pub fn pick(&self, file_name: &str, funder: &str) -> Option<&str> {
        let own = format!("funders/{funder}/{file_name}");
        [own.as_str(), file_name]
            .into_iter()
            .find_map(|name| self.loaded.get_key_value(name).map(|(k, _)| k.as_str()))
    }

    /// Where a template came from, for messages.
    pub fn origin(&self, name: &str) -> Option<&Origin> {
        self.loaded.get(name).map(|l| &l.origin)
    }

    /// Renders one template with a context (a draft's, or a return's).
    pub fn render<C: serde::Serialize>(
        &self,
        name: &str,
        context: &C,
    ) -> Result<String, TemplateError> {
        if let Some(error) = self.broken.get(name) {
            return Err(error.clone());
        }
        let context = Context::from_serialize(context).map_err(|e| self.describe(&e))?;
        let all_built_in = self
            .loaded
            .values()
            .all(|l| matches!(l.origin, Origin::BuiltIn));
        let rendered = if all_built_in {
            super::limits::render_trusted(&self.tera, name, context)
        } else {
            super::limits::render(&self.tera, name, context)
        };
        match rendered {
            Ok(result) => result.map_err(|e| self.describe(&e)),
            Err(limit) => Err(TemplateError {
                problems: vec![self.problem(name, 0, 0, &limit.describe())],
                users: self.is_users(name),
            }),
        }
    }

    /// How people should see a template's name: its file, or where a
    /// built-in one lives in the program's source.
    fn shown(&self, name: &str) -> String {
        match self.loaded.get(name).map(|l| &l.origin) {
            Some(Origin::File(path)) => path.display().to_string(),
            Some(Origin::BuiltIn) => format!("built-in templates/{name}"),
            // Tera did not say which template; "templates" is all we know.
            None => "templates".to_string(),
        }
    }

    fn is_users(&self, name: &str) -> bool {
        matches!(
            self.loaded.get(name).map(|l| &l.origin),
            Some(Origin::File(_))
        )
    }

    /// Turns a tera error into problems that name the file and line.
    fn describe(&self, error: &tera::Error) -> TemplateError {
        let mut problems = Vec::new();
        match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let span = report.span();
                problems.push(self.problem(
                    report.filename(),
                    span.start_line,
                    span.start_col + 1,
                    report.message(),
                ));
            }
            // Checks across templates (unknown filters, includes of a
            // template that is not there) come as ready-made reports.
            ErrorKind::Msg(text) => problems.extend(self.parse_reports(text)),
            ErrorKind::CircularInclude { tpl, .. } | ErrorKind::CircularExtend { tpl, .. } => {
                problems.push(self.problem(tpl, 0, 0, &error.kind().to_string()))
            }
            ErrorKind::MissingParent { current, parent } => problems.push(self.problem(
                current,
                0,
                0,
                &format!("it extends `{parent}`, which is not one of the templates"),
            )),
            other => problems.push(TemplateProblem {
                file: "templates".to_string(),
                line: 0,
                column: 0,
                problem: other.to_string(),
                excerpt: String::new(),
                name: String::new(),
                users: self.loaded.values().any(|l| l.origin != Origin::BuiltIn),
            }),
        }
        // Zola's lesson: print the whole chain, the root cause is often last.
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            if let Some(last) = problems.last_mut() {
                last.problem.push_str(&format!(" (reason: {cause})"));
            }
            source = cause.source();
        }
        let users = problems.iter().any(|p| p.users);
        TemplateError { problems, users }
    }

    fn problem(&self, name: &str, line: usize, column: usize, message: &str) -> TemplateProblem {
        let excerpt = self
            .loaded
            .get(name)
            .and_then(|l| l.source.lines().nth(line.wrapping_sub(1)))
            .map(|text| excerpt(line, column, text))
            .unwrap_or_default();
        TemplateProblem {
            file: self.shown(name),
            line,
            column,
            problem: message.to_string(),
            excerpt,
            name: name.to_string(),
            users: self.is_users(name),
        }
    }

    /// Reads tera's reports, each `error: MESSAGE` then ` --> NAME:LINE:COL`,
    /// separated by blank lines. Anything that does not look like one is
    /// kept whole rather than lost.
    fn parse_reports(&self, text: &str) -> Vec<TemplateProblem> {
        let mut out = Vec::new();
        for block in text.split("\n\n") {
            let mut lines = block.lines();
            let Some(message) = lines.next().and_then(|l| l.strip_prefix("error: ")) else {
                continue;
            };
            let location = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("--> "))
                .and_then(|loc| {
                    let mut parts = loc.rsplitn(3, ':');
                    let column = parts.next()?.parse::<usize>().ok()?;
                    let line = parts.next()?.parse::<usize>().ok()?;
                    Some((parts.next()?.to_string(), line, column))
                });
            match location {
                Some((name, line, column)) => out.push(self.problem(&name, line, column, message)),
                None => out.push(self.problem("", 0, 0, message)),
            }
        }
        if out.is_empty() {
            out.push(TemplateProblem {
                file: "templates".to_string(),
                line: 0,
                column: 0,
                problem: text.to_string(),
                excerpt: String::new(),
                name: String::new(),
                users: false,
            });
        }
        out
    }
}

/// The templates named in `wanted` and, over and over, every template the
/// ones kept mention by name (`{% include "x" %}`, `{% extends "x" %}`,
/// `{% import "x" %}`), so nothing a kept template uses is left out.
fn needed(mut all: BTreeMap<String, Loaded>, wanted: &[String]) -> BTreeMap<String, Loaded> {
    let mut keep: BTreeMap<String, Loaded> = BTreeMap::new();
    let mut queue: Vec<String> = wanted.to_vec();
    while let Some(name) = queue.pop() {
        let Some(template) = all.remove(&name) else {
            continue;
        };
        for other in all.keys() {
            if template.source.contains(&format!("\"{other}\""))
                || template.source.contains(&format!("'{other}'"))
            {
                queue.push(other.clone());
            }
        }
        keep.insert(name, template);
    }
    keep
}

/// The template line with a mark under the column, as compilers show it.
fn excerpt(line: usize, column: usize, text: &str) -> String {
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let before: String = text
        .chars()
        .take(column.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!("{number} | {text}\n{pad} | {before}^")
}

/// The `*.tera` files directly in `dir`, by name. A missing folder is
/// normal (the user has no templates of their own).
fn template_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, TemplateError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(TemplateError::whole_file(
                dir,
                format!("cannot read this folder of templates: {e}"),
            ));
        }
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| crate::paths::is_regular_file(p) && p.extension().is_some_and(|e| e == "tera"))
        .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), p)))
        .collect();
    files.sort();
    Ok(files)
}

fn read_template(path: &Path) -> Result<String, TemplateError> {
    use crate::paths::ReadProblem;
    let bytes = crate::paths::read_regular_file(path, MAX_TEMPLATE_BYTES).map_err(|e| {
        let problem = match e {
            ReadProblem::TooBig(size) => format!(
                "the file is {} KB; a template is at most {} KB. Is this the right file?",
                size / 1024,
                MAX_TEMPLATE_BYTES / 1024
            ),
            ReadProblem::Io(e) => format!("cannot read this template: {e}"),
            other => other.to_string(),
        };
        TemplateError::whole_file(path, problem)
    })?;
    String::from_utf8(bytes).map_err(|e| {
        TemplateError::whole_file(
            path,
            format!(
                "the file is not plain UTF-8 text (bad byte at position {}). Save it as UTF-8 text",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Group text made safe as Markdown: a line that would start a heading, a
/// quote, a list or a rule (`# Our plans`, `- tea`, `1. first`) gets a
/// backslash so it stays the group's words, and every line after the first
/// is indented by `indent` so it stays inside the list item it belongs to.
pub fn markdown_escape(value: &str, indent: &str) -> String {
    let mut out = String::new();
    for (i, line) in value.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.trim().is_empty() {
                out.push_str(indent);
            }
        }
        let body = line.trim_start();
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        let marker = body.starts_with(['#', '>', '-', '*', '+', '=', '|', '`', '~'])
            || (digits > 0 && body[digits..].starts_with(['.', ')']));
        if marker {
            out.push('\\');
        }
        out.push_str(body);
    }
    out
}

/// `md_text`: group text safe as a Markdown paragraph.
fn md_text(value: &str, _: Kwargs, _: &State) -> String {
    markdown_escape(value, "")
}

/// `md_item`: group text safe inside a `- ` list item, paragraphs kept.
fn md_item(value: &str, _: Kwargs, _: &State) -> String {
    markdown_escape(value, "  ")
}

/// `table_cell`: text safe inside one cell of a Markdown table (a `|`
/// would start a new cell, a line break would end the row).
fn table_cell(value: &str, _: Kwargs, _: &State) -> String {
    value.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// One problem in one template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateProblem {
    /// The template's file, or `built-in templates/NAME`.
    pub file: String,
    /// From 1; 0 when the problem is with the file as a whole.
    pub line: usize,
    pub column: usize,
    pub problem: String,
    /// The line itself with a mark under the column.
    pub excerpt: String,
    /// The template's name inside the templates folder.
    name: String,
    users: bool,
}

/// Why a set of templates could not be loaded or a draft rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub problems: Vec<TemplateProblem>,
    /// At least one problem is in the user's own template.
    users: bool,
}

impl TemplateError {
    fn whole_file(path: &Path, problem: String) -> TemplateError {
        TemplateError {
            problems: vec![TemplateProblem {
                file: path.display().to_string(),
                line: 0,
                column: 0,
                problem,
                excerpt: String::new(),
                name: String::new(),
                users: true,
            }],
            users: true,
        }
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            if p.line == 0 {
                write!(f, "{}: {}", p.file, p.problem)?;
            } else {
                write!(f, "{}:{}:{}: {}", p.file, p.line, p.column, p.problem)?;
            }
            if !p.excerpt.is_empty() {
                write!(f, "\n{}", p.excerpt)?;
            }
        }
        if self.users {
            write!(
                f,
                "\nFix the template and try again, or move it out of the templates folder to use the built-in one."
            )
        } else {
            write!(
                f,
                "\nThis is a mistake in alongside's own templates. Please report it; meanwhile try another --format."
            )
        }
    }
}

impl std::error::Error for TemplateError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_loads() {
        let templates = Templates::load(None, "any").expect("built-in templates are valid");
        for name in [
            "application.md.tera",
            "application.txt.tera",
            "application.html.tera",
        ] {
            assert_eq!(templates.pick(name, "any"), Some(name));
            assert_eq!(templates.origin(name), Some(&Origin::BuiltIn));
        }
    }

    #[test]
    fn only_the_template_needed_is_compiled() {
        let t = Templates::load_for(None, "x", Some("application.md.tera")).unwrap();
        assert_eq!(
            t.loaded.keys().collect::<Vec<_>>(),
            vec!["application.md.tera"]
        );
        // A user's template that includes another of theirs brings it along.
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join("application.md.tera"),
            "{% include \"part.md.tera\" %} for {{ funder.name }}",
        )
        .unwrap();
        std::fs::write(tmp.path().join("part.md.tera"), "Our bid").unwrap();
        std::fs::write(tmp.path().join("other.md.tera"), "{% broken").unwrap();
        let t = Templates::load_for(Some(tmp.path()), "x", Some("application.md.tera")).unwrap();
        let names: Vec<&String> = t.loaded.keys().collect();
        assert_eq!(names, vec!["application.md.tera", "part.md.tera"]);
        let nothing = Templates::load_for(None, "x", Some("")).unwrap();
        assert!(nothing.loaded.is_empty());
    }

    #[test]
    fn a_missing_user_folder_is_fine() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(Templates::load(Some(&tmp.path().join("nothing")), "x").is_ok());
    }

    #[test]
    fn a_funder_id_cannot_climb_out_of_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let templates = Templates::load(Some(tmp.path()), "../../etc").unwrap();
        assert_eq!(
            templates.pick("application.md.tera", "../../etc"),
            Some("application.md.tera")
        );
    }

    #[test]
    fn excerpt_marks_the_column() {
        assert_eq!(excerpt(3, 4, "ab\tcd"), "3 | ab\tcd\n  |   \t^");
    }

    #[test]
    fn markdown_text_cannot_become_a_heading_or_leave_its_list_item() {
        assert_eq!(
            markdown_escape("# Our plans\n\n- tea\n2. more\nplain", "  "),
            "\\# Our plans\n\n  \\- tea\n  \\2. more\n  plain"
        );
        assert_eq!(markdown_escape("2026 was good", ""), "2026 was good");
    }

    #[test]
    fn table_cells_are_escaped() {
        let mut tera = Tera::new();
        tera.register_filter("table_cell", table_cell);
        tera.add_raw_template("t", "{{ x | table_cell }}").unwrap();
        let mut c = Context::new();
        c.insert("x", "a|b\nc");
        assert_eq!(tera.render("t", &c).unwrap(), "a\\|b c");
    }
}
