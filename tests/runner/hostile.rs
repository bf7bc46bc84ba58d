//! Hostile and odd input: huge answers, NUL bytes, terminal escape
//! sequences, right-to-left, CJK and emoji text, oversized and deeply
//! nested files, paths that try to leave the data folder, symlinks, a
//! read-only folder, a full disk and two copies saving at once.
//!
//! Each must end in a clear error or correct handling: never a panic,
//! never a lost or corrupted group file, and never a control character
//! written to the terminal.
#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use alongside::bank::{AnswerValue, Bank};
use alongside::dates::Moment;
use alongside::group::{self, Author};
use alongside::store::{Access, OpenGroup};

use crate::common::{DEMO, Data, assert_contains, assert_no_panic, bare};

/// A built-in funder profile to copy and change.
const PROFILE: &str = include_str!("../../funders/awards-for-all-england.toml");

/// Text that would rewrite the terminal if printed as it is: clear the
/// screen, set the window title, colour, a C1 control (CSI), backspace,
/// delete, and a right-to-left override.
const HOSTILE: &str =
    "Tea\u{1b}[2J\u{1b}]0;owned\u{7} and\u{1b}[31m red\u{9b}31m cake\u{8}\u{7f}\u{202e}gpj.exe";

// ---------------------------------------------------------------------------
// Helpers

/// Fails if `bytes` hold a control character other than newline or tab,
/// or a bidirectional override: nothing that can move the cursor, change
/// colours, set the window title or make text read backwards.
#[track_caller]
fn assert_terminal_safe(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(
            !bad,
            "{what}: control character U+{:04X} at byte {i} would reach the terminal:\n{}",
            c as u32,
            text.escape_debug()
        );
    }
}

/// For output meant for programs (`--json`, `export`): the text must be
/// kept exactly, so controls are written as escapes (`\u001b`) rather than
/// removed; no raw C0 control may appear.
#[track_caller]
fn assert_escaped(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        assert!(
            !(c < ' ' && c != '\n' && c != '\t'),
            "{what}: control character U+{:04X} at byte {i} is not escaped:\n{}",
            c as u32,
            text.escape_debug()
        );
    }
}

/// Like `assert_escaped`, and also no raw DEL or C1 control (U+0080 to
/// U+009F: U+009B is CSI, which many terminals act on like ESC [).
#[track_caller]
fn assert_fully_escaped(bytes: &[u8], what: &str) {
    assert_escaped(bytes, what);
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        assert!(
            !c.is_control() || c == '\n' || c == '\t',
            "{what}: control character U+{:04X} at byte {i} is not escaped:\n{}",
            c as u32,
            text.escape_debug()
        );
    }
}

/// Machine output: stdout escaped, stderr (for people) clean.
#[track_caller]
fn assert_machine_output_safe(out: &Output, what: &str) {
    assert_escaped(&out.stdout, &format!("{what} (stdout)"));
    assert_terminal_safe(&out.stderr, &format!("{what} (stderr)"));
}

#[track_caller]
fn assert_output_safe(out: &Output, what: &str) {
    assert_terminal_safe(&out.stdout, &format!("{what} (stdout)"));
    assert_terminal_safe(&out.stderr, &format!("{what} (stderr)"));
}

/// A TOML basic string holding `text`, with control characters escaped.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A whole group file, written by hand as people (or other programs) might.
fn group_file_text(name: &str, slug: &str, answers: &str) -> String {
    format!(
        "format = 1\nname = {}\nslug = {}\ncreated = 2026-01-01T10:00:00Z\nupdated = 2026-01-01T10:00:00Z\nround = 1\n{answers}",
        toml_string(name),
        toml_string(slug)
    )
}

fn text_answer(id: &str, text: &str) -> String {
    format!(
        "\n[answers.{}]\ntext = {}\nby = \"group\"\nat = 2026-01-01T10:00:00Z\nround = 1\n",
        toml_string(id),
        toml_string(text)
    )
}

fn now() -> Moment {
    "2026-11-20T10:00:00Z".parse().unwrap()
}

/// Whether `alongside draft` exists in this build yet.
fn drafting_exists() -> bool {
    bare()
        .args(["draft", "--help"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn funders_dir_with(data: &Data, name: &str, profile: &str) -> PathBuf {
    let dir = data.scratch("funders");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(name), profile).unwrap();
    dir
}

// ---------------------------------------------------------------------------
// A 5 MB answer

fn five_mb_of_words() -> String {
    let sentence = "We meet every Tuesday in the church hall and share tea, stories and advice.\n";
    sentence.repeat(5 * 1024 * 1024 / sentence.len() + 1)
}

#[test]
fn a_5_mb_answer_is_saved_read_and_shown() {
    let data = Data::with_demo();
    let big = five_mb_of_words();
    assert!(big.len() >= 5 * 1024 * 1024);
    let start = Instant::now();
    {
        let mut open = OpenGroup::open(&data.dir(), DEMO, Access::Write).unwrap();
        open.group.set_answer(
            "who_for",
            AnswerValue::Text(big.clone()),
            Author::Group,
            now(),
        );
        assert!(open.save().unwrap());
    }
    let back = data.group(DEMO);
    assert_eq!(back.value("who_for"), Some(&AnswerValue::Text(big.clone())));
    // The command line reads, shows and saves it too.
    let shown = data.ok(&["show", DEMO]);
    assert!(shown.len() > big.len(), "every line is shown");
    data.ok(&["answer", DEMO, "regular_members", "14"]);
    assert_eq!(
        data.group(DEMO).value("who_for"),
        Some(&AnswerValue::Text(big.clone()))
    );
    assert_eq!(
        alongside::text::word_count(&big),
        14 * (big.len() / 76),
        "14 words a sentence"
    );
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn a_5_mb_answer_in_an_imported_file_is_kept_whole() {
    let data = Data::new();
    let big = five_mb_of_words();
    let file = data.scratch("big.toml");
    fs::write(
        &file,
        group_file_text("Big Group", "big-group", &text_answer("who_for", &big)),
    )
    .unwrap();
    assert_eq!(data.ok(&["import", file.to_str().unwrap()]), "big-group\n");
    assert_eq!(
        data.group("big-group").value("who_for"),
        Some(&AnswerValue::Text(big))
    );
}

#[test]
fn the_longest_answer_a_command_line_can_carry_is_saved() {
    // Linux refuses a single argument over 128 KiB before alongside runs,
    // so a 5 MB answer can only come from the full-screen program or a
    // file; 120 KiB is the most the command line can carry.
    let data = Data::with_demo();
    let long = "word ".repeat(120 * 1024 / 5);
    data.ok(&["answer", DEMO, "who_for", &long]);
    assert_eq!(
        data.group(DEMO).value("who_for"),
        Some(&AnswerValue::Text(long.trim().to_string()))
    );
}

#[test]
fn a_5_mb_paste_in_the_full_screen_program_is_saved() {
    use alongside::tui::App;
    use alongside::tui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    let data = Data::with_demo();
    let mut app = App::with_clock(data.dir(), Bank::builtin().unwrap(), Theme::normal(), now);
    app.open_group(DEMO);
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)); // who is typing
    app.answer_question("who_for");
    assert_eq!(app.current_question().unwrap().id, "who_for");
    let big = five_mb_of_words();
    let start = Instant::now();
    app.on_paste(&big);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| alongside::tui::view::draw(f, &app))
        .unwrap();
    app.tick(Instant::now() + Duration::from_secs(5));
    let saved = data.group(DEMO);
    let AnswerValue::Text(text) = saved.value("who_for").unwrap() else {
        panic!("who_for is not text");
    };
    assert!(
        text.len() >= big.trim().len(),
        "the paste was saved whole ({} bytes)",
        text.len()
    );
    assert!(text.contains(big.trim()));
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );
}

// ---------------------------------------------------------------------------
// NUL bytes

#[test]
fn nul_in_an_answer_round_trips_through_the_file() {
    let data = Data::with_demo();
    let with_nul = "before\0after";
    {
        let mut open = OpenGroup::open(&data.dir(), DEMO, Access::Write).unwrap();
        open.group.set_answer(
            "who_for",
            AnswerValue::Text(with_nul.into()),
            Author::Group,
            now(),
        );
        open.save().unwrap();
    }
    let raw = fs::read(data.group_file(DEMO)).unwrap();
    assert!(
        !raw.contains(&0),
        "the file holds no raw NUL (TOML escapes it)"
    );
    assert_eq!(
        data.group(DEMO).value("who_for"),
        Some(&AnswerValue::Text(with_nul.into()))
    );
    let out = data.checked(&["show", DEMO]);
    assert!(out.status.success());
    assert_output_safe(&out, "show");
    assert!(String::from_utf8_lossy(&out.stdout).contains("beforeafter"));
}

#[test]
fn a_raw_nul_byte_in_a_group_file_is_refused_clearly() {
    let data = Data::with_demo();
    let path = data.group_file(DEMO);
    let mut bytes = fs::read(&path).unwrap();
    let at = bytes.len() / 2;
    bytes.insert(at, 0);
    fs::write(&path, &bytes).unwrap();
    let err = data.refused(&["answer", DEMO, "regular_members", "3"]);
    assert_contains(&err, "riverside-aphasia-cafe.toml");
    assert!(!err.contains('\0'));
    assert_eq!(fs::read(&path).unwrap(), bytes, "left exactly as it was");
    let file = data.scratch("nul.toml");
    fs::write(
        &file,
        b"format = 1\nname = \"N\0\"\nslug = \"n\"\ncreated = 2026-01-01T10:00:00Z\nupdated = 2026-01-01T10:00:00Z\n",
    )
    .unwrap();
    let err = data.refused(&["import", file.to_str().unwrap()]);
    assert!(err.contains("nul.toml:2:"), "line named: {err}");
    assert!(!data.group_file("n").exists());
}

#[test]
fn a_nul_byte_in_a_funder_profile_is_refused_clearly() {
    let data = Data::new();
    let profile = PROFILE.replacen("name = \"", "name = \"\0", 1);
    let dir = funders_dir_with(&data, "nul.toml", &profile);
    let out = data.checked(&["funders", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_output_safe(&out, "funders check");
    let all =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_contains(&all, "nul.toml:");
    assert!(alongside::funders::check_source("nul.toml", &profile).is_err());
}

// ---------------------------------------------------------------------------
// Escape sequences and other control characters never reach the terminal

#[test]
fn escape_sequences_typed_as_answers_are_not_printed() {
    let data = Data::with_demo();
    let out = data.checked(&["answer", DEMO, "who_for", HOSTILE]);
    assert!(out.status.success());
    assert_output_safe(&out, "answer");
    // The words are kept; the control characters are taken out as they
    // come in, so they can never reach a terminal later.
    let AnswerValue::Text(kept) = data.group(DEMO).value("who_for").unwrap().clone() else {
        panic!()
    };
    assert!(
        !kept.is_empty() && !kept.chars().any(|c| c.is_control() && c != '\n'),
        "control characters are taken out: {kept:?}"
    );
    for args in [vec!["show", DEMO], vec!["groups"], vec!["match", DEMO]] {
        let out = data.checked(&args);
        assert!(out.status.success(), "{args:?}");
        assert_output_safe(&out, &args.join(" "));
    }
    for args in [
        vec!["export", DEMO],
        vec!["groups", "--json"],
        vec!["match", DEMO, "--json"],
    ] {
        let out = data.checked(&args);
        assert!(out.status.success(), "{args:?}");
        assert_machine_output_safe(&out, &args.join(" "));
    }
    // Refusals quote what was typed: still no control characters.
    for args in [
        vec!["answer", DEMO, "year_started", HOSTILE],
        vec!["answer", DEMO, HOSTILE, "x"],
        vec!["answer", HOSTILE, "who_for", "x"],
        vec!["show", HOSTILE],
        vec!["match", DEMO, "--funder", HOSTILE],
    ] {
        let out = data.checked(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_output_safe(&out, &format!("{args:?}"));
    }
}

#[test]
fn a_group_name_with_escape_sequences_is_not_printed_raw() {
    let data = Data::new();
    // Letters inside an escape sequence still make a short name.
    let out = data.checked(&["new", "\u{1b}[2J\u{7}"]);
    assert_output_safe(&out, "new");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2j\n");
    let out = data.checked(&["new", &format!("Evil {HOSTILE} Group")]);
    assert!(out.status.success());
    assert_output_safe(&out, "new");
    let out = data.checked(&["new", &format!("Evil {HOSTILE} Group")]);
    assert_eq!(out.status.code(), Some(1), "a second one is refused");
    assert_output_safe(&out, "new again");
    let out = data.checked(&["new", &format!("Other {HOSTILE} Group")]);
    assert!(out.status.success());
    assert_output_safe(&out, "new");
    let slug = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(alongside::text::is_valid_slug(&slug), "{slug}");
    for args in [vec!["groups"], vec!["show", &slug], vec!["match", &slug]] {
        let out = data.checked(&args);
        assert!(out.status.success());
        assert_output_safe(&out, &args.join(" "));
    }
}

/// A group file from elsewhere with escape sequences everywhere text can go.
fn hostile_group_file() -> String {
    hostile_group_file_with(true)
}

/// `with_ids`: also in an answer's id, a grant's id and a choice that is
/// not in its list (which `show` quotes in a note).
fn hostile_group_file_with(with_ids: bool) -> String {
    let mut answers = String::new();
    answers += &text_answer("who_for", HOSTILE);
    answers += &text_answer("group_name", HOSTILE);
    answers +=
        "\n[answers.country]\nchoice = \"england\"\nby = \"group\"\nat = 2026-01-01T10:00:00Z\n";
    // An answer to a question this alongside does not know, its id itself hostile.
    let id = if with_ids {
        format!("unknown{HOSTILE}")
    } else {
        "unknown_question".to_string()
    };
    answers += &text_answer(&id, HOSTILE);
    // A choice that is not in the list, with an escape in it.
    if with_ids {
        answers += &format!(
            "\n[answers.meeting_frequency]\nchoice = {}\nby = \"group\"\nat = 2026-01-01T10:00:00Z\n",
            toml_string(HOSTILE)
        );
    }
    answers += &format!(
        "\n[wording.awards-for-all-england.{}]\ntext = {}\nby = \"group\"\nat = 2026-01-01T10:00:00Z\n",
        toml_string(HOSTILE),
        toml_string(HOSTILE)
    );
    answers += &format!(
        "\n[[grant]]\nid = {}\nfunder = {}\npence = 100000\nstart = 2027-01-01\nend = 2027-12-31\n",
        toml_string(if with_ids { HOSTILE } else { "grant-1" }),
        toml_string(HOSTILE)
    );
    group_file_text(HOSTILE, "hostile", &answers)
}

#[test]
fn escape_sequences_in_an_imported_file_are_not_printed() {
    let data = Data::new();
    let file = data.scratch("hostile.toml");
    fs::write(&file, hostile_group_file()).unwrap();
    let out = data.checked(&["import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_output_safe(&out, "import");
    for args in [
        vec!["groups"],
        vec!["match", "hostile"],
        vec!["match", "hostile", "--funder", "awards-for-all-england"],
    ] {
        let out = data.checked(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_output_safe(&out, &args.join(" "));
    }
    for args in [
        vec!["groups", "--json"],
        vec!["export", "hostile"],
        vec!["match", "hostile", "--json"],
    ] {
        let out = data.checked(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_machine_output_safe(&out, &args.join(" "));
    }
    // `show` of the same file without hostile ids (see the ignored test
    // below for those).
    let file = data.scratch("hostile-text.toml");
    fs::write(
        &file,
        hostile_group_file_with(false).replace("slug = \"hostile\"", "slug = \"hostile-text\""),
    )
    .unwrap();
    data.ok(&["import", file.to_str().unwrap()]);
    let out = data.checked(&["show", "hostile-text"]);
    assert!(out.status.success());
    assert_output_safe(&out, "show");
}

#[test]
fn json_and_export_escape_every_control_character() {
    let data = Data::with_demo();
    data.ok(&["answer", DEMO, "who_for", HOSTILE]);
    data.import_text("hostile.toml", hostile_group_file());
    let profile = PROFILE.replacen(
        "name = \"",
        &format!("name = \"{}", toml_escape(HOSTILE)),
        1,
    );
    let dir = funders_dir_with(&data, "evil.toml", &profile);
    let d = dir.to_str().unwrap();
    for args in [
        vec!["export", DEMO],
        vec!["export", "hostile"],
        vec!["groups", "--json"],
        vec!["match", DEMO, "--json"],
        vec!["match", "hostile", "--json"],
        vec!["funders", "--funders", d, "--json"],
    ] {
        let out = data.checked(&args);
        assert!(out.status.success(), "{args:?}");
        assert_fully_escaped(&out.stdout, &args.join(" "));
    }
}

#[test]
fn show_removes_control_characters_from_ids_read_from_the_file() {
    let data = Data::new();
    data.import_text("hostile.toml", hostile_group_file());
    let out = data.checked(&["show", "hostile"]);
    assert!(out.status.success());
    assert_output_safe(&out, "show");
}

#[test]
fn a_hostile_file_that_will_not_parse_is_reported_without_its_escapes() {
    let data = Data::new();
    // Raw escape bytes are not allowed in TOML strings: the error quotes
    // the line, which must not carry them to the terminal.
    let file = data.scratch("raw.toml");
    fs::write(
        &file,
        format!("format = 1\nname = \"{HOSTILE}\"\nslug = \"raw\"\n"),
    )
    .unwrap();
    let out = data.checked(&["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_output_safe(&out, "import");
    // A file name with an escape in it.
    let odd = data.scratch("odd\u{1b}[2Jname.toml");
    fs::write(&odd, "not toml at all [").unwrap();
    let out = data.checked(&["import", odd.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_output_safe(&out, "import of an odd file name");
}

#[test]
fn escape_sequences_in_funder_profiles_are_not_printed() {
    let data = Data::with_demo();
    let profile = PROFILE
        .replacen(
            "name = \"",
            &format!("name = \"{}", toml_escape(HOSTILE)),
            1,
        )
        .replacen(
            "summary = \"",
            &format!("summary = \"{}", toml_escape(HOSTILE)),
            1,
        )
        .replacen(
            "funder = \"",
            &format!("funder = \"{}", toml_escape(HOSTILE)),
            1,
        );
    assert!(alongside::funders::check_source("x.toml", &profile).is_ok());
    let dir = funders_dir_with(&data, "evil.toml", &profile);
    // And one broken profile whose mistake quotes hostile text.
    fs::write(
        dir.join("broken.toml"),
        PROFILE.replacen(
            "kind = \"",
            &format!("kind = \"{}", toml_escape(HOSTILE)),
            1,
        ),
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let out = data.checked(&["funders", "--funders", d, "--json"]);
    assert_machine_output_safe(&out, "funders --json");
    for (args, code) in [
        (vec!["funders", "--funders", d], 0),
        (vec!["funders", "check", d], 1),
        (vec!["match", DEMO, "--funders", d], 0),
        (
            vec![
                "match",
                DEMO,
                "--funders",
                d,
                "--funder",
                "awards-for-all-england",
            ],
            0,
        ),
    ] {
        let out = data.checked(&args);
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert_output_safe(&out, &args.join(" "));
    }
    // The same profile in the data folder's own funders/.
    fs::create_dir_all(data.root.join("funders")).unwrap();
    fs::copy(dir.join("evil.toml"), data.root.join("funders/evil.toml")).unwrap();
    for args in [
        vec!["funders"],
        vec!["match", DEMO],
        vec!["funders", "check"],
    ] {
        let out = data.checked(&args);
        assert_output_safe(&out, &args.join(" "));
    }
}

/// `text` as it would be written inside a TOML basic string.
fn toml_escape(text: &str) -> String {
    let quoted = toml_string(text);
    quoted[1..quoted.len() - 1].to_string()
}

#[test]
fn escape_sequences_never_reach_the_full_screen_program() {
    use alongside::tui::App;
    use alongside::tui::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    let data = Data::new();
    data.import_text("hostile.toml", hostile_group_file());
    let profile = PROFILE.replacen(
        "name = \"",
        &format!("name = \"{}", toml_escape(HOSTILE)),
        1,
    );
    fs::create_dir_all(data.root.join("funders")).unwrap();
    fs::write(data.root.join("funders/evil.toml"), profile).unwrap();

    let mut app = App::with_clock(data.dir(), Bank::builtin().unwrap(), Theme::normal(), now);
    let key = |app: &mut App, code| app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    let check = |app: &App, what: &str| {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal
                .draw(|f| alongside::tui::view::draw(f, app))
                .unwrap();
            let cells: String = terminal
                .backend()
                .buffer()
                .content()
                .iter()
                .map(|c| c.symbol())
                .collect();
            assert_terminal_safe(cells.as_bytes(), &format!("screen {what} at {w}x{h}"));
        }
    };
    check(&app, "home");
    app.open_group("hostile");
    check(&app, "who");
    key(&mut app, KeyCode::Enter);
    check(&app, "sections");
    key(&mut app, KeyCode::Enter);
    check(&app, "questions");
    app.answer_question("who_for");
    check(&app, "answer");
    app.on_paste(HOSTILE);
    check(&app, "answer after a hostile paste");
    key(&mut app, KeyCode::F(4));
    check(&app, "guide");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('f'));
    check(&app, "funders");
    key(&mut app, KeyCode::Enter);
    check(&app, "one funder");
}

#[test]
fn a_draft_printed_to_the_terminal_has_no_control_characters() {
    if !drafting_exists() {
        eprintln!("skipping: `alongside draft` does not exist in this build yet");
        return;
    }
    let data = Data::new();
    data.import_text("hostile.toml", hostile_group_file());
    for args in [
        vec!["draft", "hostile", "--funder", "awards-for-all-england"],
        vec![
            "draft",
            "hostile",
            "--funder",
            "awards-for-all-england",
            "--format",
            "txt",
        ],
        vec![
            "draft",
            "hostile",
            "--funder",
            "awards-for-all-england",
            "--with-notes",
        ],
        vec!["check", "hostile", "--funder", "awards-for-all-england"],
    ] {
        let out = data.checked(&args);
        assert_output_safe(&out, &args.join(" "));
    }
}

// ---------------------------------------------------------------------------
// Right-to-left, CJK and emoji

#[test]
fn words_are_counted_in_every_script() {
    use alongside::text::word_count;
    // Arabic and Hebrew: words between spaces, whatever the direction.
    assert_eq!(word_count("نلتقي كل أسبوع في القاعة"), 5);
    assert_eq!(word_count("אנחנו נפגשים כל שבוע"), 4);
    // Urdu and Bengali, with their own marks.
    assert_eq!(word_count("ہم ہر ہفتے ملتے ہیں"), 5);
    assert_eq!(word_count("আমরা প্রতি সপ্তাহে দেখা করি"), 5);
    // Chinese has no spaces: each ideograph is counted, as word processors
    // and most web forms count Chinese.
    assert_eq!(word_count("我们每周见面"), 6);
    assert_eq!(word_count("我们 每周 见面"), 6);
    // Emoji are not words; the words around them still count.
    assert_eq!(word_count("tea ☕ and cake 🎂"), 3);
    assert_eq!(word_count("👩‍👩‍👧 family 🇬🇧 group"), 2);
    // Mixed scripts in one answer.
    assert_eq!(word_count("Café 咖啡 مقهى night"), 5);
    // Accents written as a letter and a combining mark are one word.
    assert_eq!(word_count("cafe\u{301} cre\u{300}me"), 2);
    // A bidirectional override mark is not a word.
    assert_eq!(word_count("\u{202e}abc def"), 2);
}

#[test]
fn wrapping_keeps_every_line_within_the_width_in_every_script() {
    use alongside::text::wrap;
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    let samples = [
        "نلتقي كل أسبوع في القاعة ونشرب الشاي ونتحدث عن الأسبوع",
        "אנחנו נפגשים כל שבוע באולם של הכנסייה",
        "我们每周二在教堂大厅见面，一起喝茶聊天，互相支持。",
        "私たちは毎週火曜日に教会のホールで会います",
        "tea ☕ and cake 🎂 with 👩‍👩‍👧 families 🇬🇧 every week",
        "👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧",
        "cafe\u{301}cafe\u{301}cafe\u{301}cafe\u{301}",
        "Café 咖啡 مقهى night and day",
    ];
    for text in samples {
        for width in [1usize, 2, 3, 5, 8, 13, 40] {
            let lines = wrap(text, width);
            let joined: String = lines.concat();
            let squeezed: String = text.split_whitespace().collect();
            assert_eq!(
                joined.split_whitespace().collect::<String>(),
                squeezed,
                "no text lost or added: {text:?} at {width}"
            );
            for line in &lines {
                let widest_grapheme = line.graphemes(true).map(|g| g.width()).max().unwrap_or(0);
                assert!(
                    line.width() <= width.max(widest_grapheme),
                    "{line:?} is {} columns, wider than {width}",
                    line.width()
                );
            }
        }
    }
    assert_eq!(wrap("我们每周见面", 6), vec!["我们每", "周见面"]);
    assert_eq!(
        wrap("نلتقي كل أسبوع", 9),
        vec!["نلتقي كل", "أسبوع"],
        "right-to-left text is wrapped in its stored order; the terminal shows it right to left"
    );
}

#[test]
fn wrapping_never_cuts_a_grapheme_in_half() {
    use alongside::text::wrap;
    use unicode_segmentation::UnicodeSegmentation;
    for (text, width) in [
        ("👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧", 4),
        ("🇬🇧🇬🇧🇬🇧", 3),
        ("cafe\u{301}cafe\u{301}", 3),
    ] {
        let graphemes: Vec<&str> = text.graphemes(true).collect();
        for line in wrap(text, width) {
            for g in line.graphemes(true) {
                assert!(
                    graphemes.contains(&g),
                    "{text:?} at width {width}: line {line:?} holds a broken piece {g:?}"
                );
            }
        }
    }
}

#[test]
fn right_to_left_cjk_and_emoji_answers_survive_the_command_line() {
    let data = Data::with_demo();
    let text = "نلتقي كل أسبوع. 我们每周见面。 We meet ☕🎂 👩‍👩‍👧 🇬🇧 אנחנו נפגשים";
    let out = data.checked(&["answer", DEMO, "who_for", text]);
    assert!(out.status.success());
    assert_eq!(
        data.group(DEMO).value("who_for"),
        Some(&AnswerValue::Text(text.to_string()))
    );
    let shown = data.ok(&["show", DEMO]);
    assert!(shown.contains(text), "{shown}");
    let words = alongside::text::word_count(text);
    assert_eq!(words, 3 + 6 + 2 + 2, "{text}");
    // A name of only non-Latin letters gets its short name in Latin
    // letters: never a panic, never an empty or unsafe file name.
    let slug = data.ok(&["new", "我们的小组"]);
    assert!(alongside::text::is_valid_slug(slug.trim()), "{slug:?}");
    // A name with no letters at all is refused clearly.
    let err = data.refused(&["new", "— · —"]);
    assert_contains(&err, "short name");
}

// ---------------------------------------------------------------------------
// Oversized and deeply nested files

#[test]
fn a_10_mb_funder_profile_is_refused_clearly() {
    let data = Data::with_demo();
    let mut big = PROFILE.to_string();
    big.push_str("\n# padding\n");
    while big.len() < 10 * 1024 * 1024 {
        big.push_str(&"# a long comment line to make the file very large indeed\n".repeat(1000));
    }
    let dir = funders_dir_with(&data, "big.toml", &big);
    let start = Instant::now();
    let out = data.checked(&["funders", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let all =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        all.contains("big.toml") && all.contains("10 MB") && all.contains("at most 4 MB"),
        "{all}"
    );
    // Listing and matching skip it with the same reason and go on.
    let out = data.checked(&["match", DEMO, "--funders", dir.to_str().unwrap()]);
    let all =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_contains(&all, "at most 4 MB");
    fs::create_dir_all(data.root.join("funders")).unwrap();
    fs::copy(dir.join("big.toml"), data.root.join("funders/big.toml")).unwrap();
    let out = data.checked(&["funders"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 4 MB"));
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "refused without reading it all: {:?}",
        start.elapsed()
    );
    assert!(alongside::funders::MAX_PROFILE_BYTES < big.len() as u64);
}

/// Deeply nested TOML in each shape the parser might recurse on.
fn deep_nestings() -> Vec<(&'static str, String)> {
    let n = 100_000;
    vec![
        ("open brackets", "[".repeat(n)),
        ("nested arrays", format!("a = {}", "[".repeat(n))),
        (
            "closed nested arrays",
            format!("a = {}1{}", "[".repeat(n), "]".repeat(n)),
        ),
        ("nested inline tables", format!("a = {}", "{b = ".repeat(n))),
        (
            "array of inline tables",
            format!("a = {}", "[{b = ".repeat(n / 2)),
        ),
        ("dotted keys", format!("{} = 1", vec!["a"; n].join("."))),
        ("table header", format!("[{}]", vec!["a"; n].join("."))),
    ]
}

#[test]
fn deeply_nested_toml_is_refused_without_overflowing_the_stack() {
    let data = Data::with_demo();
    for (shape, text) in deep_nestings() {
        // Funder profile, through the command line.
        let dir = data.scratch(&format!("deep-{}", shape.replace(' ', "-")));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("deep.toml");
        fs::write(&file, &text).unwrap();
        let out = data.checked(&["funders", "check", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "funders check, {shape}");
        assert_output_safe(&out, shape);
        // Group file: imported, shown by path, and sitting in groups/.
        let out = data.checked(&["import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "import, {shape}");
        let out = data.checked(&["show", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "show, {shape}");
        let in_groups = data.group_file("deep");
        fs::write(&in_groups, &text).unwrap();
        let out = data.checked(&["groups"]);
        assert_eq!(out.status.code(), Some(0), "groups, {shape}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("deep.toml"));
        let out = data.checked(&["answer", "deep", "regular_members", "3"]);
        assert_eq!(out.status.code(), Some(1), "answer, {shape}");
        assert_eq!(fs::read_to_string(&in_groups).unwrap(), text, "untouched");
        fs::remove_file(&in_groups).unwrap();
    }
    // The library, on a test thread's smaller stack.
    for (shape, text) in deep_nestings() {
        assert!(
            alongside::funders::check_source("deep.toml", &text).is_err(),
            "{shape}"
        );
        assert!(group::parse("deep.toml", &text).is_err(), "{shape}");
    }
}

#[test]
fn a_huge_group_file_is_refused_before_it_is_read() {
    let data = Data::with_demo();
    let path = data.group_file("huge");
    let file = fs::File::create(&path).unwrap();
    file.set_len(alongside::store::MAX_GROUP_BYTES + 1).unwrap();
    drop(file);
    let err = data.refused(&["show", "huge"]);
    assert_contains(&err, "too large");
    let out = data.checked(&["groups"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("too large"));
}

// ---------------------------------------------------------------------------
// Names that try to leave the data folder

#[test]
fn dot_dot_as_a_group_argument_finds_nothing_and_writes_nothing() {
    let data = Data::with_demo();
    let groups = data.root.join("groups");
    let before = snapshot(data.tmp.path());
    for target in [
        "../../x",
        "../x",
        "..",
        "../groups/riverside-aphasia-cafe",
        "/",
    ] {
        for args in [
            vec!["show", target],
            vec!["answer", target, "regular_members", "3"],
            vec!["export", target],
            vec!["match", target],
        ] {
            let out = data
                .cmd()
                .current_dir(&groups)
                .args(&args)
                .output()
                .unwrap();
            assert_no_panic(&out);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains("no group") || err.contains("cannot read"),
                "{args:?}: {err}"
            );
        }
    }
    assert_eq!(snapshot(data.tmp.path()), before, "nothing was written");
}

#[test]
fn dot_dot_in_a_new_group_name_stays_in_the_data_folder() {
    let data = Data::new();
    assert_eq!(data.ok(&["new", "../../x"]), "x\n");
    assert!(data.group_file("x").is_file());
    assert!(!data.tmp.path().join("x.toml").exists());
    assert!(!data.root.join("x.toml").exists());
    let err = data.refused(&["new", "../.."]);
    assert_contains(&err, "short name");
    let err = data.refused(&["new", "/"]);
    assert_contains(&err, "short name");
}

#[test]
fn dot_dot_as_the_slug_inside_an_imported_file_is_refused() {
    let data = Data::with_demo();
    let before = snapshot(data.tmp.path());
    for slug in [
        "../../x",
        "../x",
        "x/../../y",
        "/tmp/x",
        "..",
        "x\0y",
        "X",
        "-x",
    ] {
        let file = data.scratch("evil.toml");
        fs::write(&file, group_file_text("Evil", slug, "")).unwrap();
        let err = data.refused(&["import", file.to_str().unwrap(), "--replace"]);
        assert!(err.contains("evil.toml:3:1: field `slug`"), "{slug}: {err}");
        fs::remove_file(&file).unwrap();
    }
    assert_eq!(snapshot(data.tmp.path()), before, "nothing was written");
}

/// Every file under `dir` with its contents.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path).unwrap_or_default();
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}

// ---------------------------------------------------------------------------
// Symlinks in the data folder

/// A group file that is a symlink to a file outside the data folder is
/// read, but a save never writes through the link: the link is replaced by
/// the group's own file in `groups/`, and the file outside stays exactly as
/// it was. (Writing through would let a link planted in the data folder
/// make alongside overwrite any file the user can write.)
#[test]
fn a_group_file_symlinked_outside_is_replaced_not_written_through() {
    let data = Data::with_demo();
    let outside = data.scratch("elsewhere.toml");
    let link = data.group_file("linked");
    let original = fs::read_to_string(data.group_file(DEMO))
        .unwrap()
        .replace(DEMO, "linked");
    fs::write(&outside, &original).unwrap();
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    let shown = data.ok(&["show", "linked"]);
    assert_contains(&shown, "(linked)");
    data.ok(&["answer", "linked", "regular_members", "77"]);
    assert_eq!(
        fs::read_to_string(&outside).unwrap(),
        original,
        "the file outside was not written"
    );
    let meta = fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_file(), "the link became a real file");
    assert_eq!(
        data.group("linked").value("regular_members"),
        Some(&AnswerValue::Number(77))
    );
}

#[test]
fn a_lock_file_symlinked_outside_is_not_written_through() {
    let data = Data::with_demo();
    let outside = data.scratch("precious.txt");
    fs::write(&outside, "precious words\n").unwrap();
    let lock = data.root.join("groups").join(format!("{DEMO}.lock"));
    let _ = fs::remove_file(&lock);
    std::os::unix::fs::symlink(&outside, &lock).unwrap();
    let out = data.checked(&["answer", DEMO, "regular_members", "5"]);
    assert_output_safe(&out, "answer");
    assert_eq!(
        fs::read_to_string(&outside).unwrap(),
        "precious words\n",
        "the file the lock pointed to was changed"
    );
}

#[test]
fn a_funder_profile_symlinked_outside_is_only_read() {
    let data = Data::with_demo();
    let outside = data.scratch("mine.toml");
    let profile = PROFILE.replace("awards-for-all-england", "my-linked-fund");
    fs::write(&outside, &profile).unwrap();
    fs::create_dir_all(data.root.join("funders")).unwrap();
    std::os::unix::fs::symlink(&outside, data.root.join("funders/mine.toml")).unwrap();
    // A link to a folder is not a profile and is not followed.
    std::os::unix::fs::symlink(data.tmp.path(), data.root.join("funders/loop.toml")).unwrap();
    let out = data.ok(&["funders"]);
    assert_contains(&out, "my-linked-fund");
    data.ok(&["match", DEMO]);
    assert_eq!(fs::read_to_string(&outside).unwrap(), profile);
}

// ---------------------------------------------------------------------------
// Templates that try to reach files outside the template folders

#[test]
fn a_template_cannot_include_files_outside_the_template_folders() {
    if !drafting_exists() {
        eprintln!("skipping: `alongside draft` does not exist in this build yet");
        return;
    }
    let data = Data::with_demo();
    let secret = data.scratch("secret.txt");
    fs::write(&secret, "TOP-SECRET-CONTENTS").unwrap();
    let templates = data.root.join("templates");
    fs::create_dir_all(templates.join("funders/awards-for-all-england")).unwrap();
    let secret_abs = secret.to_str().unwrap().to_string();
    let attempts = [
        "{% include \"../../secret.txt\" %}".to_string(),
        "{% include \"../secret.txt\" %}".to_string(),
        format!("{{% include \"{secret_abs}\" %}}"),
        format!("{{% extends \"{secret_abs}\" %}}"),
        "{% extends \"../../secret.txt\" %}".to_string(),
        format!("{{% import \"{secret_abs}\" as m %}}"),
        "{% include \"/etc/passwd\" %}".to_string(),
        "{% include \"funders/../../../secret.txt\" %}".to_string(),
    ];
    for (i, attempt) in attempts.iter().enumerate() {
        for place in [
            templates.join("application.md.tera"),
            templates.join("funders/awards-for-all-england/application.md.tera"),
        ] {
            fs::write(&place, format!("Draft {i}\n{attempt}\n")).unwrap();
            let out = data.checked(&["draft", DEMO, "--funder", "awards-for-all-england"]);
            let all = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            assert!(!all.contains("TOP-SECRET"), "{attempt}: {all}");
            assert!(!all.contains("root:"), "{attempt}: {all}");
            assert_eq!(out.status.code(), Some(1), "{attempt}: refused\n{all}");
            assert!(
                all.contains("application.md.tera"),
                "{attempt}: the message names the template\n{all}"
            );
            assert_output_safe(&out, attempt);
            fs::remove_file(&place).unwrap();
        }
    }
    // A template that is a symlink to a file outside is not read as a
    // template either way it is named.
    let out = data.checked(&["draft", DEMO, "--funder", "awards-for-all-england"]);
    assert!(out.status.success(), "the built-in template still works");
}

// ---------------------------------------------------------------------------
// A folder that cannot be written to

/// Whether this process can still write in `dir` (root ignores permissions).
fn can_write_in(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let ok = fs::write(&probe, b"x").is_ok();
    let _ = fs::remove_file(&probe);
    ok
}

/// A command line that runs alongside as an ordinary user when we are root
/// (chmod does not stop root), or `None` when that is not possible here.
fn as_unprivileged(data: &Data) -> Option<Vec<String>> {
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    // nobody needs to reach the binary and the data folder.
    let bin = data.scratch("alongside");
    fs::copy(env!("CARGO_BIN_EXE_alongside"), &bin).ok()?;
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(data.tmp.path(), fs::Permissions::from_mode(0o755)).ok()?;
    fs::set_permissions(&bin, fs::Permissions::from_mode(0o755)).ok()?;
    let mut stack = vec![data.root.clone()];
    while let Some(p) = stack.pop() {
        std::os::unix::fs::chown(&p, Some(65534), Some(65534)).ok()?;
        if p.is_dir() {
            stack.extend(
                fs::read_dir(&p)
                    .ok()?
                    .filter_map(Result::ok)
                    .map(|e| e.path()),
            );
        }
    }
    Some(vec![
        setpriv.to_string(),
        "--reuid=65534".into(),
        "--regid=65534".into(),
        "--clear-groups".into(),
        bin.to_str()?.to_string(),
    ])
}

#[test]
fn a_read_only_groups_folder_fails_clearly_and_keeps_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let data = Data::with_demo();
    let groups = data.root.join("groups");
    let file = data.group_file(DEMO);
    let before = fs::read(&file).unwrap();
    // Root writes through permissions; run as nobody then.
    let runner = if can_write_in(&groups) {
        match as_unprivileged(&data) {
            Some(r) => {
                eprintln!(
                    "running as root: `answer` runs as the user nobody (setpriv), as chmod does not stop root"
                );
                Some(r)
            }
            None => {
                eprintln!(
                    "skipping the read-only folder test: running as root and setpriv is not available to run as another user"
                );
                assert!(
                    std::env::var_os("CI").is_none(),
                    "CI needs setpriv (util-linux) for the read-only folder test"
                );
                return;
            }
        }
    } else {
        None
    };
    fs::set_permissions(&groups, fs::Permissions::from_mode(0o500)).unwrap();
    let output = match &runner {
        Some(r) => std::process::Command::new(&r[0])
            .args(&r[1..])
            .arg("--data-dir")
            .arg(&data.root)
            .args(["answer", DEMO, "regular_members", "99"])
            .env("TZ", "UTC")
            .output()
            .unwrap(),
        None => data
            .cmd()
            .args(["answer", DEMO, "regular_members", "99"])
            .output()
            .unwrap(),
    };
    fs::set_permissions(&groups, fs::Permissions::from_mode(0o700)).unwrap();
    assert_no_panic(&output);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("could not save") || err.contains("lock"),
        "says what failed: {err}"
    );
    assert!(
        err.contains("Permission denied") || err.contains("permission"),
        "says why: {err}"
    );
    assert_eq!(fs::read(&file).unwrap(), before, "the file is intact");
    let leftovers: Vec<_> = fs::read_dir(&groups)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

// ---------------------------------------------------------------------------
// A full disk

/// Runs `alongside answer` with writes limited to `kib` KiB per file (the
/// shell's `ulimit -f`), so a write past it fails with EFBIG as on a full
/// disk. SIGXFSZ is ignored so the write fails instead of killing us.
fn answer_with_file_limit(data: &Data, kib: u64, value: &str) -> Output {
    let script = format!(
        "trap '' XFSZ; ulimit -f {}; exec \"$0\" \"$@\"",
        // POSIX sh counts 512-byte blocks.
        kib * 2
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_alongside"))
        .arg("--data-dir")
        .arg(&data.root)
        .args(["answer", DEMO, "who_for", value])
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert_no_panic(&out);
    out
}

#[test]
fn a_full_disk_fails_clearly_and_keeps_the_file() {
    let data = Data::with_demo();
    let file = data.group_file(DEMO);
    let before = fs::read(&file).unwrap();
    assert!(
        before.len() > 8 * 1024,
        "the demo file is bigger than the limit"
    );
    let out = answer_with_file_limit(&data, 4, "A new answer that will not fit on the disk.");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_contains(&err, "could not save");
    assert!(
        err.contains("check the disk has space"),
        "says what to do: {err}"
    );
    assert!(
        err.contains("Nothing was lost") || err.contains("not changed"),
        "{err}"
    );
    assert_eq!(fs::read(&file).unwrap(), before, "the file is intact");
    let groups = data.root.join("groups");
    let leftovers: Vec<_> = fs::read_dir(&groups)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no half-written temporary files");
    // With room again, the same answer saves.
    data.ok(&["answer", DEMO, "who_for", "It fits now."]);
}

/// A real full file system: a 256 KiB tmpfs. Mounting needs root and a
/// system that allows it; without it the file-size limit test above covers
/// the same save path. Returns `None` (and says why) when it cannot mount.
struct SmallDisk {
    mount: PathBuf,
    root: PathBuf,
    _tmp: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let tmp = tempfile::tempdir().unwrap();
        let mount = tmp.path().join("small");
        fs::create_dir_all(&mount).unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
            .arg(&mount)
            .output()
            .is_ok_and(|o| o.status.success());
        if !mounted {
            eprintln!(
                "skipping the tmpfs test: cannot mount a small tmpfs here (needs root); the ulimit test covers a full disk"
            );
            return None;
        }
        let root = mount.join("data");
        Some(SmallDisk {
            mount,
            root,
            _tmp: tmp,
        })
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = bare()
            .arg("--data-dir")
            .arg(&self.root)
            .args(args)
            .output()
            .unwrap();
        assert_no_panic(&out);
        out
    }

    /// Fills the disk, then frees `room` bytes again.
    fn fill_leaving(&self, room: u64) {
        use std::io::Write;
        let filler = self.mount.join("filler");
        let mut f = fs::File::create(&filler).unwrap();
        let chunk = vec![b'x'; 1024];
        while f.write_all(&chunk).is_ok() {}
        let len = f.metadata().unwrap().len();
        f.set_len(len.saturating_sub(room)).unwrap();
    }

    fn make_room(&self) {
        fs::remove_file(self.mount.join("filler")).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(&self.mount)
            .status();
    }
}

#[test]
fn a_full_tmpfs_fails_clearly_and_keeps_the_file() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    assert!(disk.run(&["demo"]).status.success());
    let file = disk.root.join("groups").join(format!("{DEMO}.toml"));
    // Room for the lock's few bytes, not for a new copy of the file.
    disk.fill_leaving(8 * 1024);
    let before = fs::read(&file).unwrap();
    let out = disk.run(&[
        "answer",
        DEMO,
        "who_for",
        "This will not fit on a full disk.",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_contains(&err, "could not save");
    assert_contains(&err, "check the disk has space");
    assert_eq!(fs::read(&file).unwrap(), before, "the file is intact");
    disk.make_room();
    assert!(
        disk.run(&["answer", DEMO, "who_for", "Room again."])
            .status
            .success()
    );
}

#[test]
fn a_completely_full_disk_says_what_to_do() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    assert!(disk.run(&["demo"]).status.success());
    let file = disk.root.join("groups").join(format!("{DEMO}.toml"));
    disk.fill_leaving(0);
    let before = fs::read(&file).unwrap();
    let out = disk.run(&["answer", DEMO, "who_for", "No room at all."]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(fs::read(&file).unwrap(), before, "the file is intact");
    assert!(
        err.contains("disk has space") || err.contains("free some space"),
        "says what to do: {err}"
    );
}

// ---------------------------------------------------------------------------
// Two copies saving at once

#[test]
fn many_copies_saving_at_once_never_lose_a_save() {
    let data = Data::with_demo();
    let mut children = Vec::new();
    for i in 0..24 {
        let value = format!("Written by copy number {i} of many.");
        let child = data
            .spawnable()
            .args(["answer", DEMO, "who_for", &value])
            .spawn()
            .unwrap();
        children.push((value, child));
    }
    let pids: Vec<u32> = children.iter().map(|(_, c)| c.id()).collect();
    let mut saved = Vec::new();
    let mut refused = 0;
    let mut unnamed = Vec::new();
    for (value, child) in children {
        let out = child.wait_with_output().unwrap();
        assert_no_panic(&out);
        assert_output_safe(&out, "answer");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            assert!(stdout.starts_with("Saved"), "{stdout}");
            saved.push(value);
        } else {
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            assert!(
                stderr.contains("another copy of alongside is changing this group"),
                "refused with the lock message: {stderr}"
            );
            refused += 1;
            let names_one_of_us = pids
                .iter()
                .any(|pid| stderr.contains(&format!("process {pid} ")));
            if !names_one_of_us {
                unnamed.push(stderr.into_owned());
            }
        }
    }
    assert!(!saved.is_empty(), "at least one copy saved");
    eprintln!(
        "{} saved, {refused} refused, {} refusals without the other copy's process number",
        saved.len(),
        unnamed.len()
    );
    let group = data.group(DEMO);
    let answer = &group.answers["who_for"];
    let texts: Vec<&AnswerValue> = std::iter::once(&answer.value)
        .chain(answer.history.iter().map(|h| &h.value))
        .collect();
    for value in &saved {
        assert!(
            texts.contains(&&AnswerValue::Text(value.clone())),
            "the save of {value:?} was lost"
        );
    }
    // The lock is free again afterwards.
    data.ok(&["answer", DEMO, "regular_members", "31"]);
}

#[test]
fn a_refusal_always_names_the_copy_holding_the_lock() {
    let data = Data::with_demo();
    for _round in 0..5 {
        let children: Vec<_> = (0..16)
            .map(|i| {
                data.spawnable()
                    .args(["answer", DEMO, "regular_members", &i.to_string()])
                    .spawn()
                    .unwrap()
            })
            .collect();
        let pids: Vec<u32> = children.iter().map(|c| c.id()).collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            if out.status.success() {
                continue;
            }
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                pids.iter()
                    .any(|pid| stderr.contains(&format!("process {pid} "))),
                "the refusal names the copy holding the lock: {stderr}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Amounts at the edge of what the file can hold

/// A group file from elsewhere with the largest amounts a file can hold.
fn huge_amounts_file() -> String {
    let max = i64::MAX;
    let mut answers = String::new();
    for id in [
        "income_last_year",
        "spending_last_year",
        "money_held",
        "project_total",
    ] {
        answers += &format!(
            "\n[answers.{id}]\npence = {max}\nby = \"group\"\nat = 2026-01-01T10:00:00Z\n"
        );
    }
    answers += &format!(
        "\n[answers.regular_members]\nnumber = {max}\nby = \"group\"\nat = 2026-01-01T10:00:00Z\n"
    );
    answers += "\n[answers.project_budget]\nby = \"group\"\nat = 2026-01-01T10:00:00Z\n";
    for _ in 0..3 {
        answers += &format!(
            "\n[[answers.project_budget.budget]]\nitem = \"Room\"\ncategory = \"venue_hire\"\npence = {max}\n"
        );
    }
    group_file_text("Huge Amounts", "huge-amounts", &answers)
}

#[test]
fn the_largest_amounts_in_a_file_are_matched_without_a_panic() {
    let data = Data::new();
    data.import_text("huge.toml", huge_amounts_file());
    for args in [
        vec!["groups"],
        vec!["export", "huge-amounts"],
        vec!["match", "huge-amounts"],
        vec!["match", "huge-amounts", "--json"],
        vec![
            "match",
            "huge-amounts",
            "--funder",
            "awards-for-all-england",
        ],
    ] {
        let out = data.checked(&args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn the_largest_amounts_in_a_file_are_shown_drafted_and_checked_without_a_panic() {
    let data = Data::new();
    data.import_text("huge.toml", huge_amounts_file());
    for profile in [
        "awards-for-all-england",
        "tudor-trust",
        "aviva-community-fund",
    ] {
        for args in [
            vec!["draft", "huge-amounts", "--funder", profile],
            vec![
                "draft",
                "huge-amounts",
                "--funder",
                profile,
                "--format",
                "txt",
            ],
            vec!["check", "huge-amounts", "--funder", profile],
        ] {
            let out = data.checked(&args);
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                !String::from_utf8_lossy(&out.stdout).contains("-£"),
                "{args:?}: a total wrapped round to below zero"
            );
        }
    }
}
