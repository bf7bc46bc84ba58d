//! Keys as data. `keymap.toml` (compiled in) says which key does what on
//! which screen; the event loop asks `Keymap::action` and the footer and
//! help screen list `Keymap::hints`, so the two cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

pub const BUILTIN_KEYMAP: &str = include_str!("keymap.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    Up,
    Down,
    Open,
    Back,
    NewGroup,
    Demo,
    Import,
    Confirm,
    SwitchAuthor,
    NextUnanswered,
    Guide,
    NextQuestion,
    PreviousQuestion,
    Save,
    Undo,
    Redo,
    Toggle,
    AddLine,
    EditLine,
    DeleteLine,
    NextField,
    PreviousField,
    Funders,
    Find,
    Note,
    Glossary,
    Words,
    UndoAnswer,
    Theme,
    Grants,
    LogSession,
    LogCount,
    LogStory,
    LogSpend,
    LogNote,
    Draft,
    Preview,
    Problems,
    Export,
    Copy,
    StartFromAnswers,
    ScrollOffered,
    Review,
    NextYear,
    Conflicts,
    ConfirmAnswer,
    KeepOurs,
    KeepTheirs,
    Submit,
    Nearby,
    AddFunder,
    AddQuestions,
    WordLimit,
    CharLimit,
    ToggleSpaces,
    ToggleOptional,
    LeaveOut,
    AskYes,
    AskNo,
    Sync,
    Caseload,
    /// Record an award from a funder.
    RecordAward,
    /// A grant's promises, with measures and targets.
    Promises,
    /// A grant's evidence log, to see and correct.
    Evidence,
    /// Write a grant's return.
    WriteReturn,
    /// Between the interim return and the final one.
    SwitchKind,
    /// Say why a final report comes before the grant ends.
    EarlyReason,
    /// Who signs a grant's returns, their role, the thank-you line and
    /// the funder's reference.
    ReturnDetails,
    /// Pick a promise's words from the group's answers.
    PickFromAnswers,
    /// Who did the work, year by year.
    Progress,
}

/// Where a binding works. Screens where people type are marked, so plain
/// letters there are text, not commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Everywhere,
    Home,
    NewGroup,
    Import,
    Who,
    Sections,
    Questions,
    /// Answering a long or short text question.
    Text,
    /// Answering a number, money or date question (one line of typing).
    Line,
    /// Answering yes/no or choice questions.
    Pick,
    Budget,
    BudgetLine,
    /// The list of funders with their verdicts.
    Funders,
    /// One funder, rule by rule.
    Funder,
    /// Finding a question by words (typing).
    Find,
    /// Writing a coaching note (typing).
    Note,
    /// The glossary of funders' words.
    Glossary,
    /// Who wrote the words.
    Words,
    /// The group's grants.
    Grants,
    /// One grant: its returns, promises, attendance and spend.
    Grant,
    /// Logging one piece of evidence (typing).
    LogForm,
    /// A bid to one funder: its questions, counts and status.
    Draft,
    /// Reading the draft or the checks.
    DraftPreview,
    /// Writing the group's wording for one funder question (typing).
    Wording,
    /// A yes-or-no question before something big (starting next year).
    Confirm,
    /// Choosing between two copies' answers.
    Conflicts,
    /// Who funded groups like yours nearby (open grants data).
    Nearby,
    /// A bid to a funder whose questions are not known yet.
    DraftEmpty,
    /// A new funder's name and web address (typing).
    AddFunder,
    /// Pasting or typing a funder's questions (typing).
    FormText,
    /// The questions understood from a form, before saving.
    FormReview,
    /// Typing a question's limit (typing).
    FormLimit,
    /// The support worker's list of every group.
    Caseload,
    /// What a sync did.
    SyncResult,
    Help,
    /// Where to save a draft (typing a folder).
    ExportWhere,
    /// A group file brought in whose group is already here.
    ImportExisting,
    /// A grant's promises.
    Promises,
    /// A grant's evidence log, entry by entry.
    Evidence,
    /// Writing a grant's return: what is missing, the preview, export.
    GrantReturn,
    /// Recording an award, a promise or a corrected log entry (typing).
    GrantForm,
    /// Adding or changing a promise (typing; its words can be picked
    /// from the group's answers).
    PromiseForm,
    /// Choosing the answer a promise's words are picked from.
    PickAnswer,
    /// Picking sentences of that answer.
    PickSentences,
    /// Who did the work, year by year (read-only).
    Progress,
}

impl Context {
    /// Screens where letters are typed into a box.
    pub fn takes_typing(self) -> bool {
        matches!(
            self,
            Context::Text
                | Context::Line
                | Context::NewGroup
                | Context::Import
                | Context::BudgetLine
                | Context::Find
                | Context::Note
                | Context::LogForm
                | Context::Wording
                | Context::AddFunder
                | Context::FormText
                | Context::FormLimit
                | Context::ExportWhere
                | Context::GrantForm
                | Context::PromiseForm
        )
    }
}

/// One key: a code and its modifiers (shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn from_event(event: &KeyEvent) -> Key {
        let code = match event.code {
            // Some terminals report a lone Shift+Tab as BackTab, others as
            // Tab with shift; treat them alike.
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// A plain character with no ctrl or alt: text on typing screens.
    pub fn is_plain_char(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }

    pub fn parse(text: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = text.trim();
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            f if f.starts_with('f')
                && f.len() > 1
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().unwrap_or(' ')),
            other => return Err(format!("`{other}` is not a key name")),
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The key as shown to people: "Ctrl+S", "F1", "Enter", "q".
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Up => "Up".to_string(),
            KeyCode::Down => "Down".to_string(),
            KeyCode::Left => "Left".to_string(),
            KeyCode::Right => "Right".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift+Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::Delete => "Delete".to_string(),
            KeyCode::Insert => "Insert".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => "Space".to_string(),
            // "/" would read as a separator in "Up/k".
            KeyCode::Char('/') => "Slash".to_string(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            _ => "?".to_string(),
        };
        let mut out = String::new();
        if self.ctrl {
            out.push_str("Ctrl+");
        }
        if self.alt {
            out.push_str("Alt+");
        }
        out.push_str(&base);
        out
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    action: Action,
    keys: Vec<String>,
    screens: Vec<Context>,
    hint: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeymap {
    binding: Vec<RawBinding>,
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
    pub screens: Vec<Context>,
    pub hint: String,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Keymap {
    pub fn parse(source: &str) -> Result<Keymap, String> {
        let raw: RawKeymap = toml::from_str(source).map_err(|e| e.to_string())?;
        let mut bindings = Vec::new();
        for b in raw.binding {
            let keys = b
                .keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<_>, _>>()?;
            bindings.push(Binding {
                action: b.action,
                keys,
                screens: b.screens,
                hint: b.hint,
            });
        }
        Ok(Keymap { bindings })
    }

    /// The built-in keymap with a user's bindings laid over it. A user
    /// binding for an action replaces the built-in keys for that action on
    /// the screens it names; other bindings stay. A key that would then do
    /// two things on one screen is refused, naming both.
    pub fn with_user(source: &str) -> Result<Keymap, String> {
        let mut map = Keymap::builtin();
        let user = Keymap::parse(source)?;
        for b in user.bindings {
            for existing in map.bindings.iter_mut().filter(|e| e.action == b.action) {
                existing.screens.retain(|s| !b.screens.contains(s));
            }
            map.bindings.retain(|e| !e.screens.is_empty());
            map.bindings.push(b);
        }
        map.check()?;
        Ok(map)
    }

    /// Every key must mean one thing on each screen.
    fn check(&self) -> Result<(), String> {
        for (i, a) in self.bindings.iter().enumerate() {
            for b in &self.bindings[i + 1..] {
                if a.action == b.action {
                    continue;
                }
                let everywhere = |x: &Binding| x.screens.contains(&Context::Everywhere);
                let shared_screen = if everywhere(a) {
                    b.screens.first()
                } else if everywhere(b) {
                    a.screens.first()
                } else {
                    a.screens.iter().find(|s| b.screens.contains(s))
                };
                let shared_key = a.keys.iter().find(|k| b.keys.contains(k));
                if let (Some(screen), Some(key)) = (shared_screen, shared_key) {
                    return Err(format!(
                        "{} would mean both `{}` and `{}` on the {:?} screen",
                        key.label(),
                        a.hint,
                        b.hint,
                        screen
                    ));
                }
            }
        }
        Ok(())
    }

    /// The keys compiled into this build. `tui::run` checks them with
    /// `builtin_checked` before anything is drawn, so a build whose
    /// keymap.toml does not parse stops with that error instead of
    /// starting with no keys at all (no footer, Enter doing nothing, only
    /// the event loop's own Ctrl+C still working).
    pub fn builtin() -> Keymap {
        Self::builtin_from(BUILTIN_KEYMAP)
    }

    /// The compiled-in keys, or what is wrong with them.
    pub fn builtin_checked() -> Result<Keymap, String> {
        Keymap::parse(BUILTIN_KEYMAP)
            .map_err(|e| format!("this build's own keys (src/tui/keymap.toml) cannot be read: {e}"))
    }

    fn builtin_from(source: &str) -> Keymap {
        match Keymap::parse(source) {
            Ok(map) => map,
            // Only a broken build gets here (the unit test
            // builtin_keymap_parses and `tui::run` catch it first).
            Err(e) => panic!("the built-in keymap.toml cannot be read: {e}"),
        }
    }

    fn applies(binding: &Binding, context: Context) -> bool {
        binding.screens.contains(&context) || binding.screens.contains(&Context::Everywhere)
    }

    /// The action for a key on a screen. On typing screens a plain letter
    /// from an "everywhere" binding (such as `?`) is left as text.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        let specific = self
            .bindings
            .iter()
            .find(|b| b.screens.contains(&context) && b.keys.contains(&key));
        if let Some(b) = specific {
            return Some(b.action);
        }
        if context.takes_typing() && key.is_plain_char() {
            return None;
        }
        self.bindings
            .iter()
            .find(|b| b.screens.contains(&Context::Everywhere) && b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The keys and hints that work on a screen, in keymap order, one entry
    /// per hint (keys with the same hint are joined: "Up/k").
    pub fn hints(&self, context: Context) -> Vec<(String, String)> {
        self.hints_where(context, |_| true)
    }

    /// The hints for the footer, which must fit a small window: this
    /// screen's own keys, then only help and quit of the keys that work
    /// everywhere (the help screen lists the rest).
    pub fn footer_hints(&self, context: Context) -> Vec<(String, String)> {
        let mut own = self.hints_where(context, |b| !b.screens.contains(&Context::Everywhere));
        own.extend(self.hints_where(context, |b| {
            b.screens.contains(&Context::Everywhere)
                && matches!(b.action, Action::Help | Action::Quit)
        }));
        own
    }

    /// The footer for a screen offering these commands: its own keys for
    /// them, then help and quit. A command bound here but not offered now
    /// (nothing to act on) is not shown.
    pub fn footer_hints_for(&self, context: Context, offered: &[Action]) -> Vec<(String, String)> {
        let mut own = self.hints_where(context, |b| {
            !b.screens.contains(&Context::Everywhere) && offered.contains(&b.action)
        });
        own.extend(self.hints_where(context, |b| {
            b.screens.contains(&Context::Everywhere)
                && matches!(b.action, Action::Help | Action::Quit)
        }));
        own
    }

    /// Every key for a screen offering these commands, with the keys that
    /// work everywhere (for the help screen).
    pub fn hints_for(&self, context: Context, offered: &[Action]) -> Vec<(String, String)> {
        self.hints_where(context, |b| {
            b.screens.contains(&Context::Everywhere) || offered.contains(&b.action)
        })
    }

    /// Every action bound on a screen (not counting the keys that work
    /// everywhere), in keymap order.
    pub fn actions_in(&self, context: Context) -> Vec<Action> {
        let mut out = Vec::new();
        for b in self
            .bindings
            .iter()
            .filter(|b| b.screens.contains(&context))
        {
            if !out.contains(&b.action) {
                out.push(b.action);
            }
        }
        out
    }

    /// The key for an action, as people read it ("Ctrl+Z", "F9"), for
    /// messages that tell people what to press: the first key bound to it
    /// on this screen, or everywhere, so a rebound key is named correctly.
    pub fn label_in(&self, context: Context, action: Action) -> String {
        self.bindings
            .iter()
            .filter(|b| b.action == action)
            .find(|b| b.screens.contains(&context))
            .or_else(|| {
                self.bindings
                    .iter()
                    .find(|b| b.action == action && b.screens.contains(&Context::Everywhere))
            })
            .or_else(|| self.bindings.iter().find(|b| b.action == action))
            .and_then(|b| {
                // On a typing screen a plain letter is text, not this key.
                b.keys
                    .iter()
                    .find(|k| !(context.takes_typing() && k.is_plain_char()))
                    .or(b.keys.first())
            })
            .map_or_else(|| "(no key)".to_string(), Key::label)
    }

    fn hints_where(
        &self,
        context: Context,
        keep: impl Fn(&Binding) -> bool,
    ) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for b in self
            .bindings
            .iter()
            .filter(|b| Self::applies(b, context) && keep(b))
        {
            let keys: Vec<String> = b
                .keys
                .iter()
                .filter(|k| !(context.takes_typing() && k.is_plain_char()))
                .map(Key::label)
                .collect();
            if keys.is_empty() {
                continue;
            }
            if let Some(existing) = out.iter_mut().find(|(_, hint)| *hint == b.hint) {
                for k in keys {
                    if !existing.0.split('/').any(|e| e == k) {
                        existing.0.push('/');
                        existing.0.push_str(&k);
                    }
                }
            } else {
                out.push((keys.join("/"), b.hint.clone()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_keymap_parses() {
        let map = Keymap::parse(BUILTIN_KEYMAP).expect("built-in keymap parses");
        assert!(map.bindings.len() > 20);
    }

    /// Two branches that each add a binding after the same one, merged
    /// by keeping both sides, give one binding two `screens` keys. That
    /// used to start the program with no keys at all.
    #[test]
    #[should_panic(expected = "keymap.toml cannot be read")]
    fn a_built_in_keymap_that_does_not_parse_is_never_an_empty_one() {
        let merged = "[[binding]]\naction = \"up\"\nkeys = [\"up\"]\nscreens = [\"import_existing\"]\nscreens = [\"promises\"]\nhint = \"move up\"\n";
        let map = Keymap::builtin_from(merged);
        // Without the check this is reached with no bindings.
        assert!(!map.bindings.is_empty());
    }

    #[test]
    fn no_key_does_two_things_on_one_screen() {
        let map = Keymap::builtin();
        for context in [
            Context::Home,
            Context::NewGroup,
            Context::Import,
            Context::Who,
            Context::Sections,
            Context::Questions,
            Context::Text,
            Context::Line,
            Context::Pick,
            Context::Budget,
            Context::BudgetLine,
            Context::Funders,
            Context::Funder,
            Context::Find,
            Context::Note,
            Context::Glossary,
            Context::Words,
            Context::Grants,
            Context::Grant,
            Context::LogForm,
            Context::Draft,
            Context::DraftPreview,
            Context::Wording,
            Context::Confirm,
            Context::Conflicts,
            Context::Nearby,
            Context::Caseload,
            Context::SyncResult,
            Context::Help,
            Context::ExportWhere,
            Context::ImportExisting,
            Context::Promises,
            Context::Evidence,
            Context::GrantReturn,
            Context::GrantForm,
            Context::PromiseForm,
            Context::PickAnswer,
            Context::PickSentences,
            Context::Progress,
        ] {
            let mut seen: Vec<(Key, Action)> = Vec::new();
            for b in map.bindings.iter().filter(|b| b.screens.contains(&context)) {
                for k in &b.keys {
                    if let Some((_, other)) = seen.iter().find(|(key, _)| key == k) {
                        assert_eq!(
                            *other,
                            b.action,
                            "{} means two things on {context:?}",
                            k.label()
                        );
                    }
                    seen.push((*k, b.action));
                }
            }
        }
    }

    #[test]
    fn every_screen_where_people_type_takes_letters_as_text() {
        let map = Keymap::builtin();
        for context in [
            Context::Text,
            Context::Line,
            Context::NewGroup,
            Context::Import,
            Context::BudgetLine,
            Context::Find,
            Context::Note,
            Context::LogForm,
            Context::Wording,
            Context::GrantForm,
        ] {
            for c in "qkjabcdefghilmnoprstuvwxyz?/ ".chars() {
                let key = Key {
                    code: KeyCode::Char(c),
                    ctrl: false,
                    alt: false,
                };
                let action = map.action(context, key);
                assert!(
                    action.is_none() || matches!(action, Some(Action::Toggle)),
                    "typing {c:?} on {context:?} would {action:?}"
                );
            }
        }
    }

    #[test]
    fn letters_are_text_on_typing_screens() {
        let map = Keymap::builtin();
        let q = Key::parse("q").unwrap();
        let question_mark = Key::parse("?").unwrap();
        assert_eq!(map.action(Context::Home, q), Some(Action::Quit));
        assert_eq!(map.action(Context::Text, q), None);
        assert_eq!(map.action(Context::Text, question_mark), None);
        assert_eq!(map.action(Context::Home, question_mark), Some(Action::Help));
        assert_eq!(
            map.action(Context::Text, Key::parse("ctrl-c").unwrap()),
            Some(Action::Quit)
        );
        assert_eq!(
            map.action(Context::Text, Key::parse("enter").unwrap()),
            None,
            "Enter is a new line in text"
        );
    }

    #[test]
    fn hints_join_keys() {
        let map = Keymap::builtin();
        let hints = map.hints(Context::Home);
        assert!(
            hints.iter().any(|(k, h)| k == "Up/k" && h == "move up"),
            "{hints:?}"
        );
        let text_hints = map.hints(Context::Text);
        assert!(text_hints.iter().all(|(k, _)| k != "?"), "{text_hints:?}");
    }

    #[test]
    fn the_builtin_keymap_has_no_clashes() {
        Keymap::builtin().check().unwrap();
    }

    #[test]
    fn a_user_keymap_replaces_keys_for_an_action() {
        let user = "[[binding]]\naction = \"guide\"\nkeys = [\"f8\"]\nscreens = [\"text\"]\nhint = \"why they ask\"\n";
        let map = Keymap::with_user(user).unwrap();
        assert_eq!(
            map.action(Context::Text, Key::parse("f8").unwrap()),
            Some(Action::Guide)
        );
        assert_eq!(
            map.action(Context::Text, Key::parse("f4").unwrap()),
            None,
            "replaced on text"
        );
        assert_eq!(
            map.action(Context::Line, Key::parse("f4").unwrap()),
            Some(Action::Guide),
            "kept elsewhere"
        );
        assert!(
            map.hints(Context::Text)
                .iter()
                .any(|(k, h)| k == "F8" && h == "why they ask")
        );
    }

    #[test]
    fn a_user_keymap_that_clashes_is_refused() {
        let user = "[[binding]]\naction = \"guide\"\nkeys = [\"ctrl-s\"]\nscreens = [\"text\"]\nhint = \"why\"\n";
        let err = Keymap::with_user(user).unwrap_err();
        assert!(err.contains("Ctrl+S would mean both"), "{err}");
        assert!(Keymap::with_user("nonsense = 1").is_err());
    }

    /// Words in a message that name a key: a rebound key would make them
    /// wrong, so messages ask the keymap (`Keymap::label_in`) instead.
    fn names_a_key(text: &str) -> Option<String> {
        const LITERAL: [&str; 10] = [
            "Ctrl+",
            "PgDn",
            "PgUp",
            "(Esc)",
            "Esc ",
            "press Enter",
            "Press Enter",
            "then Enter",
            "Up/Down",
            "Shift+Tab",
        ];
        if let Some(hit) = LITERAL.iter().find(|l| text.contains(*l)) {
            return Some(hit.to_string());
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        for pair in words.windows(2) {
            let key = pair[1].trim_end_matches([',', '.', ':', ')']);
            let one_letter = key.chars().count() == 1 && key.chars().all(|c| c.is_alphabetic());
            let function_key = key.len() <= 3
                && key.starts_with('F')
                && key[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n));
            // "(x to choose)", "N starts next year": a lone letter doing something.
            let lone = pair[0].trim_start_matches('(');
            let lone_letter = lone.chars().count() == 1
                && lone.chars().all(|c| c.is_alphabetic())
                && !matches!(lone, "a" | "A" | "I");
            let doing =
                ["to", "starts", "changes", "goes", "opens", "brings", "for"].contains(&pair[1]);
            // "you choose with x": a key to use, named as a letter.
            let with_letter = pair[0].eq_ignore_ascii_case("with")
                && one_letter
                && !matches!(key, "a" | "A" | "I");
            if (pair[0].eq_ignore_ascii_case("press") && (one_letter || function_key))
                || with_letter
                || (function_key && pair[0] != "the")
                || (lone_letter && doing)
            {
                return Some(format!("{} {}", pair[0], pair[1]));
            }
        }
        None
    }

    #[test]
    fn the_key_name_check_finds_literal_keys() {
        assert!(names_a_key("press Ctrl+Z to undo").is_some());
        assert!(names_a_key("where they differ, you choose with x)").is_some());
        assert!(names_a_key("a line with a word").is_none());
        assert!(names_a_key("Press q to add them").is_some());
        assert!(names_a_key("Showing no colour. F9 changes it again.").is_some());
        assert!(names_a_key("2 differ between copies (x to choose)").is_some());
        assert!(names_a_key("N starts next year").is_some());
        assert!(names_a_key("Press {} to add them").is_none());
        assert!(names_a_key("Plan A or plan B").is_none());
    }

    #[test]
    fn no_message_in_the_full_screen_program_names_a_key_literally() {
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    files(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
        let mut all = Vec::new();
        files(&root, &mut all);
        let mut found = Vec::new();
        for path in all.iter().filter(|p| !p.ends_with("keymap.rs")) {
            let source = std::fs::read_to_string(path).unwrap();
            // Unit tests may name keys.
            let code = source.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in code.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                // The text inside string literals on this line.
                for (i, literal) in line.split('"').enumerate() {
                    if i % 2 == 1
                        && let Some(hit) = names_a_key(literal)
                    {
                        found.push(format!("{}:{}: {hit}", path.display(), n + 1));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "keys named literally:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn key_names() {
        assert_eq!(Key::parse("ctrl-s").unwrap().label(), "Ctrl+S");
        assert_eq!(Key::parse("f12").unwrap().label(), "F12");
        assert!(Key::parse("hyper-x").is_err());
    }
}
