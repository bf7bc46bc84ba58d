//! The plain interview: one question at a time as ordinary lines of text,
//! for screen readers, braille displays and very basic terminals. No
//! alternate screen, no box drawing, no colour, numbered choices. The same
//! checks, authorship and saving as the full-screen program, because it
//! calls the same core functions.

use std::io::{BufRead, Write};

use crate::bank::{Bank, Question, QuestionType};
use crate::dates::Moment;
use crate::group::Author;
use crate::store::OpenGroup;
use crate::text::sanitize;
use crate::vocab::{Vocabularies, names};

/// Which questions to visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only questions without an answer (the usual way to carry on).
    Unanswered,
    /// Every question that applies, to review or change answers.
    All,
    /// Next year's review: only questions without an answer and answers
    /// marked "check this" (`Group::review_list`).
    Review,
}

/// What happened in an interview, for the closing line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub saved: usize,
    pub kept: usize,
    /// Answers marked "check this" that the person said are still right.
    pub confirmed: usize,
}

impl Summary {
    /// "3 answers saved this time." and how many were confirmed, if any.
    fn sentence(&self) -> String {
        let saved = format!(
            "{} saved this time.",
            crate::text::count(self.saved, "answer")
        );
        match self.confirmed {
            0 => saved,
            n => format!("{saved} {n} confirmed as still right."),
        }
    }
}

/// Why the interview stopped early.
#[derive(Debug, thiserror::Error)]
pub enum InterviewError {
    #[error("could not read or write the terminal: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Save(#[from] crate::store::StoreError),
}

/// What a person typed for one question.
enum Reply {
    Lines(Vec<String>),
    /// Enter on an empty line, with nothing typed.
    Blank,
    Skip,
    Stop,
    Example,
}

struct Interview<'a> {
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
    /// Lines are broken between words to fit this many columns, so the
    /// terminal never breaks one inside a word.
    width: usize,
}

impl Interview<'_> {
    fn say(&mut self, text: &str) -> std::io::Result<()> {
        // Everything printed may quote a file; never let control characters
        // through, but keep line breaks.
        for line in wrap_keeping_indent(&sanitize(text, true), self.width) {
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    fn read_line(&mut self) -> std::io::Result<Option<String>> {
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
    }

    /// Reads one answer. A single line finishes it, except for sentences
    /// and budgets (`several_lines`), which go on until a blank line. A
    /// first line that is a command word (skip, stop, example) is taken as
    /// that command.
    fn read_reply(&mut self, several_lines: bool) -> std::io::Result<Reply> {
        let mut lines = Vec::new();
        loop {
            write!(self.out, "> ")?;
            self.out.flush()?;
            let Some(line) = self.read_line()? else {
                // End of input: whatever was typed so far still counts.
                return Ok(if lines.is_empty() {
                    Reply::Stop
                } else {
                    Reply::Lines(lines)
                });
            };
            if lines.is_empty() {
                match line.trim().to_lowercase().as_str() {
                    "" => return Ok(Reply::Blank),
                    "skip" => return Ok(Reply::Skip),
                    "stop" | "quit" => return Ok(Reply::Stop),
                    "example" => return Ok(Reply::Example),
                    _ => {}
                }
            } else if line.trim().is_empty() {
                return Ok(Reply::Lines(lines));
            }
            lines.push(line);
            if !several_lines {
                return Ok(Reply::Lines(lines));
            }
        }
    }

    /// Asks a yes/no question until it gets one. End of input is "no".
    fn yes_or_no(&mut self, question: &str) -> std::io::Result<bool> {
        loop {
            write!(self.out, "{question} (yes/no): ")?;
            self.out.flush()?;
            let Some(line) = self.read_line()? else {
                return Ok(false);
            };
            match line.trim().to_lowercase().as_str() {
                "yes" | "y" => return Ok(true),
                "no" | "n" | "" => return Ok(false),
                _ => self.say("Please type yes or no.")?,
            }
        }
    }
}

/// Asks who is at the keyboard, as a numbered choice.
pub fn ask_author(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<Option<Author>, InterviewError> {
    let mut i = Interview {
        input,
        out,
        width: usize::MAX,
    };
    i.say("Who is at the keyboard?")?;
    i.say("  1. The group (a member is typing)")?;
    i.say("  2. The supporter (the support worker is typing)")?;
    i.say("  3. Together")?;
    loop {
        write!(i.out, "Type 1, 2 or 3: ")?;
        i.out.flush()?;
        let Some(line) = i.read_line()? else {
            return Ok(None);
        };
        match line.trim() {
            "1" => return Ok(Some(Author::Group)),
            "2" => return Ok(Some(Author::Supporter)),
            "3" => return Ok(Some(Author::Together)),
            other => match Author::parse(other) {
                Some(a) => return Ok(Some(a)),
                None => i.say("Please type 1, 2 or 3.")?,
            },
        }
    }
}

/// How an interview runs: who is typing, which questions, and the clock
/// that stamps each answer.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    pub by: Author,
    pub scope: Scope,
    /// Only this section's questions (a section id such as `ethos`).
    pub section: Option<&'a str>,
    pub clock: fn() -> Moment,
    /// How wide the lines may be, in columns (the terminal's width).
    pub width: usize,
}

/// Runs the interview over `open`, saving after every answer.
pub fn interview(
    open: &mut OpenGroup,
    bank: &Bank,
    vocab: &Vocabularies,
    settings: Settings<'_>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<Summary, InterviewError> {
    let Settings {
        by,
        scope,
        section: only_section,
        clock,
        width,
    } = settings;
    let mut i = Interview { input, out, width };
    let mut summary = Summary::default();
    i.say(&format!(
        "Questions for {}. Each answer is saved as soon as you give it, recorded as given by {}.",
        open.group.name,
        by.label()
    ))?;
    i.say("Type the answer and press Enter. Sentences and budgets can take several lines: press Enter on an empty line to finish them.")?;
    i.say("Instead of an answer you can type: skip (or just press Enter) to leave it, example to hear another group's answer, stop to finish for now.")?;
    if scope == Scope::Review {
        i.say("Some answers are marked \"check this\": they may be out of date since the new year began. Type a new answer, or press Enter to say whether it is still right.")?;
    }
    if let Some(reason) = &open.read_only {
        i.say(&format!(
            "This group is read-only ({reason}); answers cannot be saved. Stopping."
        ))?;
        return Ok(summary);
    }

    // Walk the bank in order, checking `only_if` as we go: an answer given
    // earlier in this interview can bring a later question in or out.
    let mut index = 0;
    // From the second year on, the first question visited in each section
    // is preceded by the section's "what changed this year?" question.
    let mut last_section: Option<&str> = None;
    while index < bank.questions.len() {
        let q = &bank.questions[index];
        index += 1;
        let visit = match (scope, open.group.answers.get(&q.id)) {
            (Scope::Unanswered, Some(_)) => false,
            (Scope::Review, Some(a)) => a.check,
            _ => true,
        };
        let in_section = only_section.is_none_or(|s| s == q.section);
        if !open.group.applies(q) || !visit || !in_section {
            continue;
        }
        let position = bank
            .questions
            .iter()
            .filter(|x| open.group.applies(x))
            .position(|x| x.id == q.id)
            .unwrap_or(0)
            + 1;
        let total = bank
            .questions
            .iter()
            .filter(|x| open.group.applies(x))
            .count();
        let section = bank.section(&q.section).map_or("", |s| s.title.as_str());
        if open.group.round > 1 && last_section != Some(q.section.as_str()) {
            last_section = Some(q.section.as_str());
            if let Some(prompt) = bank
                .section(&q.section)
                .and_then(|s| s.changes_prompt.as_deref())
            {
                i.say("")?;
                i.say(&format!("{section}. {prompt}"))?;
            }
        }
        i.say("")?;
        i.say(&format!(
            "Question {position} of {total} ({section}): {}",
            q.prompt
        ))?;
        i.say(&format!("Why funders ask: {}", q.why))?;
        if let Some(note) = open.group.note(&q.id) {
            i.say(&format!("Note from your supporter: {note}"))?;
        }
        match open.group.answers.get(&q.id) {
            Some(a) => {
                i.say(&format!(
                    "Current answer, from {}, {}:",
                    a.by.label(),
                    a.at.for_people()
                ))?;
                i.say(&a.value.display(Some(q), vocab))?;
                if a.check {
                    i.say("Check this: it may be out of date since the new year began.")?;
                }
            }
            None => i.say("Current answer: none yet.")?,
        }
        describe_input(&mut i, q, vocab)?;
        loop {
            let several_lines = matches!(q.kind, QuestionType::LongText | QuestionType::Budget);
            match i.read_reply(several_lines)? {
                Reply::Stop => {
                    i.say(&format!("Stopped. {}", summary.sentence()))?;
                    return Ok(summary);
                }
                Reply::Blank if open.group.answers.get(&q.id).is_some_and(|a| a.check) => {
                    if i.yes_or_no("Is this still right?")? {
                        open.group.confirm(&q.id, by, clock());
                        open.save()?;
                        summary.confirmed += 1;
                        i.say("Thank you. Kept as it is.")?;
                    } else {
                        summary.kept += 1;
                        i.say("Left as it is, still marked to check. Type the new answer when you know it.")?;
                    }
                    break;
                }
                Reply::Blank | Reply::Skip => {
                    summary.kept += 1;
                    i.say("Left as it was.")?;
                    break;
                }
                Reply::Example => {
                    i.say(&format!(
                        "An example from another group (theirs, not yours to copy): {}",
                        q.example
                    ))?;
                }
                Reply::Lines(lines) => {
                    let typed = typed_answer(q, &lines);
                    match q.parse_value(&typed, vocab) {
                        Ok(value) => {
                            let length = length_against_guide(q, &value);
                            let changed = open.group.set_answer(&q.id, value, by, clock());
                            if changed {
                                open.save()?;
                                summary.saved += 1;
                                i.say(&format!("Saved.{length}"))?;
                            } else {
                                summary.kept += 1;
                                i.say("That is the same as before; nothing changed.")?;
                            }
                            break;
                        }
                        Err(e) => {
                            i.say(&format!("Not saved: {}. {}.", e.problem, e.expected))?;
                            i.say("Please try again, or press Enter to leave it.")?;
                        }
                    }
                }
            }
        }
    }
    i.say("")?;
    i.say(&format!(
        "That was the last question. {}",
        summary.sentence()
    ))?;
    Ok(summary)
}

/// " 62 words; funders usually want 50 to 150." after a long answer
/// with a word guide, so a person who cannot see the screen still knows
/// how long it came out. Empty for every other answer.
fn length_against_guide(q: &Question, value: &crate::bank::AnswerValue) -> String {
    match (q.kind, q.word_guide) {
        (QuestionType::LongText, Some(g)) => {
            let words = value.words();
            let advice = if words < g.min {
                ", so you may want to add to it"
            } else if words > g.max {
                ", so some funders may want it shorter"
            } else {
                ""
            };
            format!(
                " {}; funders usually want {} to {}{advice}.",
                crate::text::count(words, "word"),
                g.min,
                g.max
            )
        }
        _ => String::new(),
    }
}

/// Breaks each line between words to fit `width` columns. A line's
/// indent (the two spaces before a numbered choice) is kept on the lines
/// it wraps onto, so a list still reads as a list.
fn wrap_keeping_indent(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        if body.is_empty() || width == usize::MAX {
            lines.push(line.to_string());
            continue;
        }
        let room = width.saturating_sub(indent.len()).max(10);
        lines.extend(
            crate::text::wrap(body, room)
                .into_iter()
                .map(|part| format!("{indent}{part}")),
        );
    }
    lines
}

/// Says how to answer this kind of question, with numbered choices.
fn describe_input(
    i: &mut Interview<'_>,
    q: &Question,
    vocab: &Vocabularies,
) -> std::io::Result<()> {
    let list = q.choices.as_deref().unwrap_or("");
    match q.kind {
        QuestionType::Choice | QuestionType::Choices => {
            i.say("Choices:")?;
            for (n, entry) in vocab.list(list).iter().enumerate() {
                i.say(&format!("  {}. {}", n + 1, entry.label))?;
            }
            if q.kind == QuestionType::Choice {
                i.say("Type one number.")
            } else {
                i.say("Type the numbers that apply, separated by commas, or none.")
            }
        }
        QuestionType::Budget => {
            i.say("Type one budget line per line: what it is for, a comma, the kind of cost (a number from this list), a comma, the amount in pounds without commas.")?;
            i.say("For example: Room hire for 26 sessions, 1, 910")?;
            for (n, entry) in vocab.list(names::COST_CATEGORY).iter().enumerate() {
                i.say(&format!("  {}. {}", n + 1, entry.label))?;
            }
            Ok(())
        }
        QuestionType::LongText => match q.word_guide {
            Some(g) => i.say(&format!(
                "Type some sentences in your own words (funders usually want {} to {} words).",
                g.min, g.max
            )),
            None => i.say("Type some sentences in your own words."),
        },
        other => i.say(&format!("Type {}.", other.describe())),
    }
}

/// Turns the typed lines into the text the question's parser reads. Budget
/// lines may be typed with commas (easier to say than `|`); the last two
/// commas split a line, so an item may itself contain commas, but the
/// amount must not (the line says so).
fn typed_answer(q: &Question, lines: &[String]) -> String {
    match q.kind {
        QuestionType::Budget => lines
            .iter()
            .map(|line| {
                if line.contains('|') {
                    return line.clone();
                }
                let parts: Vec<&str> = line.rsplitn(3, ',').collect();
                match parts.as_slice() {
                    [amount, category, item] => {
                        format!("{} | {} | {}", item.trim(), category.trim(), amount.trim())
                    }
                    _ => line.clone(),
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        QuestionType::LongText => lines.join("\n"),
        _ => lines.join(" "),
    }
}
