//! The full-screen program driven with synthetic keys: state changes, what
//! is saved to disk, and snapshots of every screen at 80x24.
//!
//! Times are shown in UTC here so snapshots read the same on every machine.

use alongside::bank::{AnswerValue, Bank, BudgetLine};
use alongside::group::Author;
use alongside::store::{Access, OpenGroup};
use alongside::tui::app::StatusKind;
use alongside::tui::screens::answer::Answer;
use alongside::tui::screens::bid::Bid;
use alongside::tui::screens::funder::Funder;
use alongside::tui::screens::funders::Funders;
use alongside::tui::screens::grant::GrantScreen;
use alongside::tui::screens::home::Home;
use alongside::tui::screens::home_entry::{EntryKind, HomeEntry};
use alongside::tui::screens::log_form::LogForm;
use alongside::tui::screens::nearby::Nearby;
use alongside::tui::screens::progress::Progress;
use alongside::tui::screens::questions::Questions;
use alongside::tui::screens::sections::Sections;
use alongside::tui::screens::who::Who;
use alongside::tui::screens::wording::Wording;
use alongside::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

use crate::common::DEMO;
use crate::common::harness::{Harness, award_for_all, fixed_clock};

/// Snapshots the screen at the smallest size (80x24) and a roomy one
/// (120x40).
fn snap(h: &Harness, name: &str) {
    insta::assert_snapshot!(name.to_string(), h.screen(80, 24).backend());
    insta::assert_snapshot!(format!("{name}_120x40"), h.screen(120, 40).backend());
}

#[test]
fn first_run_offers_demo_new_and_import() {
    let h = Harness::new();
    snap(&h, "first_run");
}

#[test]
fn demo_walkthrough_screens() {
    let mut h = Harness::new();
    h.key(KeyCode::Enter);
    snap(&h, "who_is_typing");
    h.key(KeyCode::Enter);
    snap(&h, "sections");
    h.key(KeyCode::Enter);
    snap(&h, "questions");
    h.answer("who_for");
    snap(&h, "answer_long_text");
    h.key(KeyCode::F(4));
    snap(&h, "answer_with_guide");
    h.key(KeyCode::F(1));
    snap(&h, "help");
}

#[test]
fn home_lists_groups_after_closing_one() {
    let mut h = Harness::new();
    h.open_demo(0);
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Home>().is_some());
    snap(&h, "home_with_groups");
}

#[test]
fn typing_autosaves_with_one_history_entry_and_the_author() {
    let mut h = Harness::new();
    h.open_demo(0).answer("who_for");
    h.type_text(" New members are welcome.").pause();
    h.type_text(" Come along.").pause();
    let g = h.saved(DEMO);
    let a = &g.answers["who_for"];
    let AnswerValue::Text(text) = &a.value else {
        panic!()
    };
    assert!(
        text.ends_with("New members are welcome. Come along."),
        "{text}"
    );
    assert_eq!(a.by, Author::Group);
    assert_eq!(a.at, fixed_clock());
    assert_eq!(
        a.history.len(),
        1,
        "autosaves in one sitting keep one earlier version"
    );
    assert!(!matches!(&a.history[0].value, AnswerValue::Text(t) if t.contains("Come along")));
}

#[test]
fn supporter_is_recorded_after_switching() {
    let mut h = Harness::new();
    h.open_demo(0).answer("how_run");
    h.key(KeyCode::F(2));
    assert!(
        h.app.top_is::<Who>().is_some_and(|w| w.cursor.index() == 1),
        "F2 offers the next person"
    );
    h.key(KeyCode::Enter);
    assert!(h.app.top_is::<Answer>().is_some());
    h.type_text(" We vote on big things.").key(KeyCode::Esc);
    // The supporter added to the group's words: now they are shared, and
    // the group's own version is kept in the history.
    let a = &h.saved(DEMO).answers["how_run"];
    assert_eq!(a.by, Author::Together);
    assert_eq!(a.history.last().unwrap().by, Author::Group);
    // A number typed by the supporter is recorded as the supporter's.
    h.answer("regular_members");
    h.key(KeyCode::Backspace)
        .key(KeyCode::Backspace)
        .type_text("16")
        .key(KeyCode::Esc);
    assert_eq!(
        h.saved(DEMO).answers["regular_members"].by,
        Author::Supporter
    );
}

#[test]
fn every_input_kind_saves_a_typed_value() {
    let mut h = Harness::new();
    h.open_demo(2); // together

    // Number: replace the text.
    h.answer("year_started");
    for _ in 0..4 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("2016").key(KeyCode::Esc);

    // Money.
    h.answer("income_last_year");
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("£1,234.50").key(KeyCode::Esc);

    // Yes/no by letter.
    h.answer("has_insurance");
    h.type_text("n").key(KeyCode::Esc);

    // One choice: move and pick.
    h.answer("country");
    h.keys(&[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    snap(&h, "answer_choice");
    h.key(KeyCode::Esc);

    // Several choices: toggle the first one on or off.
    h.answer("policies");
    h.key(KeyCode::Char(' '));
    snap(&h, "answer_choices");
    h.key(KeyCode::Esc);

    // Date.
    h.answer("project_start");
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("2027-05-01").key(KeyCode::Esc);

    let g = h.saved(DEMO);
    assert_eq!(g.value("year_started"), Some(&AnswerValue::Number(2016)));
    assert_eq!(
        g.value("income_last_year"),
        Some(&AnswerValue::Money(123_450))
    );
    assert_eq!(g.value("has_insurance"), Some(&AnswerValue::YesNo(false)));
    assert_eq!(
        g.value("country"),
        Some(&AnswerValue::Choice("wales".into()))
    );
    assert_eq!(
        g.value("project_start").map(|v| v.as_typed()),
        Some("2027-05-01".to_string())
    );
    for id in [
        "year_started",
        "income_last_year",
        "has_insurance",
        "country",
        "project_start",
    ] {
        assert_eq!(g.answers[id].by, Author::Together, "{id}");
    }
}

#[test]
fn several_choices_toggle_on_and_off() {
    let mut h = Harness::new();
    h.open_demo(0).answer("policies");
    let before = match h.saved(DEMO).value("policies") {
        Some(AnswerValue::Choices(c)) => c.clone(),
        _ => panic!(),
    };
    let first = "safeguarding".to_string();
    h.key(KeyCode::Char(' ')).key(KeyCode::Esc);
    let after = match h.saved(DEMO).value("policies") {
        Some(AnswerValue::Choices(c)) => c.clone(),
        _ => panic!(),
    };
    assert_eq!(before.contains(&first), !after.contains(&first));
}

#[test]
fn an_invalid_amount_is_not_saved_and_keeps_you_there() {
    let mut h = Harness::new();
    h.open_demo(0).answer("money_held");
    h.type_text("x").key(KeyCode::Esc);
    assert!(h.app.top_is::<Answer>().is_some(), "stays to fix it");
    let status = h.app.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Error);
    assert!(
        status.text.contains("not an amount of money"),
        "{}",
        status.text
    );
    // Undo puts it right, and leaving works again.
    h.ctrl('z').key(KeyCode::Esc);
    assert!(h.app.top_is::<Questions>().is_some());
}

#[test]
fn budget_lines_are_added_with_a_form() {
    let mut h = Harness::new();
    h.open_demo(1).answer("project_budget");
    snap(&h, "answer_budget");
    h.key(KeyCode::Char('a'));
    h.type_text("Taxi for two members");
    h.key(KeyCode::Tab).key(KeyCode::Down); // second category: transport
    h.key(KeyCode::Tab).type_text("£60");
    snap(&h, "answer_budget_line_form");
    h.key(KeyCode::Enter).key(KeyCode::Esc);
    let g = h.saved(DEMO);
    let Some(AnswerValue::Budget(lines)) = g.value("project_budget") else {
        panic!()
    };
    assert_eq!(
        lines.last(),
        Some(&BudgetLine {
            item: "Taxi for two members".into(),
            category: "transport".into(),
            pence: 6000
        })
    );
    assert_eq!(g.answers["project_budget"].by, Author::Supporter);
}

#[test]
fn a_new_group_starts_from_its_name() {
    let mut h = Harness::new();
    h.keys(&[KeyCode::Down, KeyCode::Enter]);
    h.type_text("Leeds Arthritis Friends");
    snap(&h, "new_group");
    h.key(KeyCode::Enter).key(KeyCode::Enter);
    assert!(h.app.top_is::<Sections>().is_some());
    let g = h.saved("leeds-arthritis-friends");
    assert_eq!(
        g.value("group_name"),
        Some(&AnswerValue::Text("Leeds Arthritis Friends".into()))
    );
    // u jumps to the first unanswered question.
    h.key(KeyCode::Char('u'));
    assert_eq!(h.app.current_question().unwrap().id, "country");
}

#[test]
fn page_down_moves_across_sections_and_skips_questions_that_do_not_apply() {
    let mut h = Harness::new();
    h.open_demo(0).answer("languages");
    h.key(KeyCode::PageDown);
    assert_eq!(
        h.app.current_question().unwrap().id,
        "what_in_common",
        "next section"
    );
    h.answer("runs_services");
    h.key(KeyCode::PageDown);
    assert_eq!(
        h.app.current_question().unwrap().id,
        "changes_for_members",
        "services_run does not apply"
    );
}

#[test]
fn the_lists_keep_their_own_place_when_an_answer_moves_across_sections() {
    let mut h = Harness::new();
    h.open_demo(0).answer("languages");
    let section = h.app.top_is::<Questions>().map(|q| q.section.clone());
    assert_eq!(section, None, "the answer is on top");
    h.key(KeyCode::PageDown);
    assert_eq!(h.app.current_question().unwrap().id, "what_in_common");
    // Esc goes back to the list the answer was opened from, on the
    // question opened, not to the section the answer moved on to.
    h.key(KeyCode::Esc);
    let bank = Bank::builtin().unwrap();
    let questions = h.app.top_is::<Questions>().expect("the questions");
    assert_eq!(
        questions.section,
        bank.question("languages").unwrap().section
    );
    assert_eq!(questions.selected(), Some("languages"));
    h.key(KeyCode::Esc);
    let sections = h.app.top_is::<Sections>().expect("the sections");
    let on = sections.selected(&h.app.ctx).unwrap();
    assert_eq!(on, bank.question("languages").unwrap().section);
    assert_eq!(h.app.stack_names(), ["home", "sections"]);
}

#[test]
fn a_small_window_asks_to_be_larger_and_recovers() {
    let mut h = Harness::new();
    h.open_demo(0);
    let small = h.screen(79, 24).backend().to_string();
    assert!(small.contains("Please make the window larger"), "{small}");
    let short = h.screen(80, 23).backend().to_string();
    assert!(short.contains("this window is 80 by 23"), "{short}");
    assert!(h.text().contains("Sections"));
}

#[test]
fn keys_typed_while_the_window_is_too_small_are_ignored() {
    let mut h = Harness::new();
    h.open_demo(0).answer("languages");
    let before = h.app.top_is::<Answer>().unwrap().editor.typed_text();
    let small = h.screen(60, 20).backend().to_string();
    assert!(small.contains("Keys are ignored"), "{small}");
    // People with large fonts are told about the plain mode, for this group.
    let plain = small
        .replace('"', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        plain.contains(&format!("alongside interview {DEMO} --plain")),
        "{small}"
    );
    h.type_text("unseen").key(KeyCode::Esc);
    paste(&mut h, "pasted unseen");
    assert_eq!(
        h.app.top_is::<Answer>().unwrap().editor.typed_text(),
        before,
        "nothing typed into the answer"
    );
    assert!(h.app.top_is::<Answer>().is_some(), "Esc ignored too");
    // Once the window is large enough again, keys work.
    h.text();
    h.type_text("!");
    assert_ne!(
        h.app.top_is::<Answer>().unwrap().editor.typed_text(),
        before
    );
}

#[test]
fn ctrl_c_saves_then_quits() {
    let mut h = Harness::new();
    h.open_demo(0).answer("languages");
    h.type_text(" and some Polish");
    h.ctrl('c');
    assert!(h.app.quit);
    let g = h.saved(DEMO);
    assert!(
        g.value("languages")
            .unwrap()
            .as_typed()
            .ends_with("and some Polish")
    );
}

/// The groups folder becomes a plain file: nothing can be saved there.
fn groups_folder_cannot_be_saved_in(h: &Harness) {
    let groups = h.data.root().join("groups");
    let away = h.data.root().join("groups-away");
    std::fs::rename(&groups, &away).unwrap();
    std::fs::write(&groups, "not a folder").unwrap();
}

#[test]
fn a_failed_save_on_quitting_offers_a_copy_elsewhere_and_esc_goes_back() {
    use alongside::tui::screens::save_elsewhere::SaveElsewhere;
    let mut h = Harness::new();
    h.open_demo(0).answer("group_name");
    h.key(KeyCode::End).type_text(" Too");
    groups_folder_cannot_be_saved_in(&h);
    let before = h.app.stack_names();
    h.ctrl('c');
    assert!(!h.app.quit, "nothing was saved, so it does not quit");
    assert!(
        h.app.top_is::<SaveElsewhere>().is_some(),
        "{:?}",
        h.app.stack_names()
    );
    let mut seen = Vec::new();
    h.check_commands(&mut seen);
    assert!(h.text().contains("Nothing is lost yet"), "{}", h.text());
    // Esc goes back to the answer, which is still there.
    h.key(KeyCode::Esc);
    assert_eq!(h.app.stack_names(), before);
    assert!(h.status().contains("still not saved"), "{}", h.status());
    // Quitting again offers the copy; a place typed there gets the whole
    // group, written as `alongside export` writes it.
    h.ctrl('c');
    let copy = h.data.root().join("copy.toml");
    for _ in 0..300 {
        h.key(KeyCode::Backspace);
    }
    h.type_text(copy.to_str().unwrap()).key(KeyCode::Enter);
    assert!(h.app.quit);
    let text = std::fs::read_to_string(&copy).unwrap();
    let kept = alongside::group::parse("copy", &text).unwrap();
    assert!(
        kept.value("group_name")
            .unwrap()
            .as_typed()
            .ends_with(" Too")
    );
    assert!(h.app.farewell.join(" ").contains("--merge"));
}

#[test]
fn a_locked_group_opens_read_only_and_refuses_edits() {
    let mut h = Harness::new();
    h.open_demo(0).key(KeyCode::Esc);
    let holder = OpenGroup::open(&h.data, DEMO, Access::Write).unwrap();
    let before = std::fs::read(&holder.path).unwrap();
    h.key(KeyCode::Enter).key(KeyCode::Enter);
    assert!(h.text().contains("READ-ONLY"));
    h.answer("languages")
        .type_text("zzz")
        .pause()
        .key(KeyCode::Esc);
    assert_eq!(std::fs::read(&holder.path).unwrap(), before);
}

#[test]
fn control_characters_from_files_never_reach_the_screen() {
    let mut h = Harness::new();
    h.open_demo(0).key(KeyCode::Esc);
    {
        let mut g = OpenGroup::open(&h.data, DEMO, Access::Write).unwrap();
        g.group.set_answer(
            "group_name",
            AnswerValue::Text("Evil\u{1b}[2J\u{1b}]0;x\u{7}Group".into()),
            Author::Group,
            fixed_clock(),
        );
        g.save().unwrap();
    }
    h.app.refresh_home();
    let screen = h.screen(80, 24);
    let buffer = screen.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|cell| !cell.symbol().chars().any(|c| c.is_control()))
    );
    assert!(screen.backend().to_string().contains("Evil[2J]0;xGroup"));
}

#[test]
fn no_colour_theme_keeps_the_selection_visible() {
    let h = Harness::with_theme(Theme::from_env(Some("1"), None));
    let screen = h.screen(80, 24);
    let buffer = screen.backend().buffer();
    let selected_row = (0..24)
        .find(|y| {
            (0..80)
                .map(|x| buffer[(x, *y)].symbol())
                .collect::<String>()
                .contains("> Try the demo")
        })
        .unwrap();
    let cell = &buffer[(3, selected_row)];
    assert!(
        cell.modifier.contains(Modifier::REVERSED),
        "selection shown by reverse video"
    );
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
}

#[test]
fn funders_list_and_one_funder_rule_by_rule() {
    let mut h = Harness::new();
    h.open_demo(0).key(KeyCode::Char('f'));
    assert_eq!(h.app.top_is::<Funders>().unwrap().cursor.index(), 0);
    snap(&h, "funders");
    // The funders are in verdict order; open the one that needs checking.
    let s = h.app.session.as_ref().unwrap();
    let check = s
        .matches
        .iter()
        .position(|m| m.id == "awards-for-all-england")
        .unwrap();
    for _ in 0..check {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    snap(&h, "funder_rule_by_rule");
}

#[test]
fn an_unknown_rule_opens_its_question() {
    let mut h = Harness::new();
    h.open_demo(0);
    {
        // Forget the committee answer so Awards for All has a rule to check.
        let s = h.app.session.as_mut().unwrap();
        s.open.group.answers.remove("committee_unrelated");
    }
    h.key(KeyCode::Char('f'));
    let s = h.app.session.as_ref().unwrap();
    let index = s
        .matches
        .iter()
        .position(|m| m.id == "awards-for-all-england")
        .unwrap();
    let rule = s.matches[index]
        .criteria
        .iter()
        .position(|c| c.question.as_deref() == Some("committee_unrelated"))
        .unwrap();
    for _ in 0..index {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    for _ in 0..rule {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    assert!(h.app.top_is::<Answer>().is_some());
    assert_eq!(h.app.current_question().unwrap().id, "committee_unrelated");
    h.type_text("3").key(KeyCode::Esc);
    assert_eq!(
        h.saved(DEMO).value("committee_unrelated"),
        Some(&AnswerValue::Number(3))
    );
}

#[test]
fn find_a_question_by_its_words() {
    let mut h = Harness::new();
    h.open_demo(0).key(KeyCode::Char('/'));
    h.type_text("bank account");
    snap(&h, "find");
    // A mark and its question never run together ("checkHow much"), and
    // a long question wraps instead of being cut.
    let text = h.text();
    assert!(text.contains("check How much money"), "{text}");
    assert!(!text.contains("checkHow"), "{text}");
    assert!(text.contains("done  Does the group have"), "{text}");
    assert!(text.contains("│        approve payments?"), "{text}");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.current_question().unwrap().id, "has_bank_account");
    // From inside an answer too (Ctrl+F), and Esc goes back to the answer.
    h.ctrl('f');
    assert_eq!(h.app.top().name(), "find");
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Answer>().is_some());
}

/// The line above a question says where it is, in words a group knows:
/// no `[question_id]` (a support worker finds ids with `alongside
/// questions`).
#[test]
fn the_question_header_shows_no_internal_id() {
    let mut h = Harness::new();
    h.open_demo(0).answer("money_held");
    let text = h.text();
    let header = text.lines().nth(1).unwrap();
    assert!(header.contains("question 3 of 6"), "{text}");
    assert!(!text.contains("money_held"), "{text}");
    assert!(!header.contains('['), "{header}");
}

#[test]
fn a_coaching_note_is_saved_and_shown_to_the_group() {
    let mut h = Harness::new();
    h.open_demo(1).answer("changes_for_members");
    h.key(KeyCode::F(6));
    h.type_text("Try one story: what changed for one member.");
    snap(&h, "note");
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Answer>().is_some());
    let g = h.saved(DEMO);
    assert_eq!(
        g.note("changes_for_members"),
        Some("Try one story: what changed for one member.")
    );
    assert_eq!(g.notes["changes_for_members"].by, Author::Supporter);
    assert!(
        h.text().contains("Note: Try one story"),
        "the note shows above the answer"
    );
}

#[test]
fn the_glossary_opens_from_anywhere_and_closes() {
    let mut h = Harness::new();
    h.open_demo(0).answer("who_for");
    h.key(KeyCode::F(5));
    assert_eq!(h.app.top().name(), "glossary");
    h.keys(&[KeyCode::Down, KeyCode::Down]);
    snap(&h, "glossary");
    // Letters still type into the answer once it is closed.
    h.key(KeyCode::Esc).type_text("!");
    assert_eq!(h.app.top().name(), "answer");
    h.key(KeyCode::Esc);
    assert!(
        h.saved(DEMO)
            .value("who_for")
            .unwrap()
            .as_typed()
            .ends_with('!')
    );
}

#[test]
fn your_words_shows_who_wrote_what() {
    let mut h = Harness::new();
    h.open_demo(0).key(KeyCode::Char('y'));
    snap(&h, "your_words");
}

#[test]
fn undo_puts_back_the_last_answer_changed() {
    let mut h = Harness::new();
    h.open_demo(0).answer("languages");
    let before = h.saved(DEMO).answers["languages"].clone();
    h.type_text(" and Welsh")
        .pause()
        .type_text(" too")
        .key(KeyCode::Esc);
    assert_ne!(h.saved(DEMO).answers["languages"], before);
    h.ctrl('z');
    assert_eq!(
        h.saved(DEMO).answers["languages"],
        before,
        "one undo undoes the whole visit"
    );
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Put back the earlier answer to:")
    );
    h.ctrl('z');
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Nothing to undo")
    );
}

#[test]
fn f9_cycles_the_colours() {
    let mut h = Harness::new();
    h.key(KeyCode::F(9));
    assert_eq!(
        h.app.theme.name,
        alongside::tui::theme::ThemeName::HighContrast
    );
    h.key(KeyCode::F(9));
    assert_eq!(h.app.theme.name, alongside::tui::theme::ThemeName::NoColour);
}

#[test]
fn the_dashboard_sums_up_funders_and_grants() {
    let mut h = Harness::new();
    h.open_demo(0);
    let screen = h.text();
    assert!(
        screen.contains("Funders: you can apply to 0, and maybe 5 more. Press f to see them."),
        "{screen}"
    );
    assert!(
        screen.contains("Grants: £1,480 from Southampton Community Chest, until 31 March 2027."),
        "{screen}"
    );
}

/// Adds a running grant with a little evidence to the demo group on disk,
/// then opens the group's grant screen.
fn open_demo_grant(h: &mut Harness) {
    h.open_demo(0).key(KeyCode::Esc);
    {
        let mut open = OpenGroup::open(&h.data, DEMO, Access::Write).unwrap();
        let day = |s: &str| s.parse::<alongside::dates::Day>().unwrap();
        let g = &mut open.group;
        // Only this grant, so the screens and assertions are about it.
        award_for_all(g);
        let promise = alongside::monitoring::promise_from(
            g,
            "monitoring_counts",
            &[4],
            Some("went on to volunteer"),
            Some(2),
        )
        .unwrap();
        let grant = g.grants.last_mut().unwrap();
        grant.promises.push(promise);
        let today = fixed_clock().local_day();
        for (date, came, new) in [
            ("2026-04-08", 11, 2),
            ("2026-04-22", 13, 1),
            ("2026-05-06", 9, 0),
            ("2026-05-20", 14, 3),
        ] {
            alongside::monitoring::log::session(grant, day(date), came, new, today).unwrap();
        }
        alongside::monitoring::log::spend(grant, day("2026-04-08"), 7_000, "1", Some("R1"), today)
            .unwrap();
        open.save().unwrap();
    }
    h.key(KeyCode::Enter)
        .key(KeyCode::Enter)
        .key(KeyCode::Char('m'))
        .key(KeyCode::Enter);
    // The grant screen names its grant by id.
    let id = h.saved(DEMO).grants[0].id.clone();
    assert_eq!(h.app.top_is::<GrantScreen>().unwrap().grant, id);
}

#[test]
fn the_grant_screen_shows_returns_attendance_and_spend() {
    let mut h = Harness::new();
    open_demo_grant(&mut h);
    snap(&h, "grant");
}

#[test]
fn logging_a_session_from_the_grant_screen() {
    let mut h = Harness::new();
    open_demo_grant(&mut h);
    h.key(KeyCode::Char('s'));
    h.type_text("12").key(KeyCode::Tab);
    h.key(KeyCode::Backspace).type_text("2");
    snap(&h, "log_session");
    h.key(KeyCode::Enter);
    assert!(h.app.top_is::<GrantScreen>().is_some());
    assert_eq!(
        h.app.status.as_ref().unwrap().text,
        "Recorded a session on 20 November 2026: 12 came, 2 new."
    );
    let g = h.saved(DEMO);
    assert_eq!(g.grants[0].sessions.last().unwrap().came, 12);
}

#[test]
fn a_half_filled_log_form_is_kept_on_every_way_out_and_comes_back() {
    use alongside::store::unfinished;
    let mut h = Harness::new();
    open_demo_grant(&mut h);
    h.key(KeyCode::Char('s')).type_text("9");
    // Esc keeps it.
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<GrantScreen>().is_some());
    let kept = unfinished::find(&h.data, DEMO).unwrap();
    assert_eq!(kept.form, "log-session");
    assert_eq!(kept.fields[0], "9");
    // Opening the same form brings it back; Ctrl+C keeps what is added.
    h.key(KeyCode::Char('s'));
    assert_eq!(h.app.top_is::<LogForm>().unwrap().kept.form.value(0), "9");
    assert!(h.status().contains("is back"), "{}", h.status());
    h.type_text("1").ctrl('c');
    assert!(h.app.quit);
    assert_eq!(unfinished::find(&h.data, DEMO).unwrap().fields[0], "91");
    // The program has ended: the group's lock goes with it.
    h.app.session = None;
    // The next time, opening the group says so, and recording it forgets
    // the kept copy.
    let mut again = h.next_time();
    again.key(KeyCode::Enter);
    assert!(
        again
            .status()
            .contains("You left a form (a session) half-filled"),
        "{}",
        again.status()
    );
    again
        .key(KeyCode::Enter)
        .key(KeyCode::Char('m'))
        .key(KeyCode::Enter)
        .key(KeyCode::Char('s'))
        .key(KeyCode::Enter);
    assert!(
        again.app.top_is::<GrantScreen>().is_some(),
        "{}",
        again.status()
    );
    assert_eq!(
        again.saved(DEMO).grants[0].sessions.last().unwrap().came,
        91
    );
    assert!(unfinished::find(&again.data, DEMO).is_none());
}

#[test]
fn a_bad_log_entry_stays_on_the_form_with_the_reason() {
    let mut h = Harness::new();
    open_demo_grant(&mut h);
    h.key(KeyCode::Char('p'));
    h.type_text("-4").key(KeyCode::Enter);
    assert!(h.app.top_is::<LogForm>().is_some());
    assert!(h.text().contains("is below zero"), "{}", h.text());
    let before = h.saved(DEMO).grants[0].spending.len();
    h.key(KeyCode::Esc);
    assert_eq!(h.saved(DEMO).grants[0].spending.len(), before);
}

#[test]
fn a_story_form_takes_several_lines_and_records_consent() {
    let mut h = Harness::new();
    open_demo_grant(&mut h);
    h.key(KeyCode::Char('t'));
    h.type_text("I was scared to come.")
        .key(KeyCode::Enter)
        .type_text("Now I help set up.");
    h.key(KeyCode::Tab).key(KeyCode::Down); // consent: yes
    snap(&h, "log_story");
    h.ctrl('s');
    let g = h.saved(DEMO);
    let story = g.grants[0].stories.last().unwrap();
    assert_eq!(story.text, "I was scared to come.\nNow I help set up.");
    assert!(story.consent && !story.anonymised);
}

#[test]
fn counting_a_measure_and_writing_a_note() {
    let mut h = Harness::new();
    open_demo_grant(&mut h);
    h.key(KeyCode::Char('c'))
        .key(KeyCode::Tab)
        .type_text("1")
        .key(KeyCode::Enter);
    h.key(KeyCode::Char('n'))
        .type_text("The lift broke in May.")
        .key(KeyCode::Tab)
        .key(KeyCode::Down)
        .key(KeyCode::Down);
    h.ctrl('s');
    let g = h.saved(DEMO);
    assert_eq!(g.grants[0].counts[0].measure, "went on to volunteer");
    assert_eq!(
        g.grants[0].notes[0].kind,
        alongside::group::NoteKind::Learned
    );
}

/// Opens the demo, the funders, and the draft for Awards for All England.
fn open_demo_draft(h: &mut Harness) {
    h.open_demo(0).key(KeyCode::Char('f'));
    let s = h.app.session.as_ref().unwrap();
    let index = s
        .matches
        .iter()
        .position(|m| m.id == "awards-for-all-england")
        .unwrap();
    for _ in 0..index {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char('d'));
    assert!(h.app.top_is::<Bid>().is_some());
}

#[test]
fn the_draft_screen_lists_the_funders_questions_with_counts() {
    let mut h = Harness::new();
    open_demo_draft(&mut h);
    snap(&h, "draft");
}

/// The group's words for Awards for All's first question, as saved.
fn saved_idea(h: &Harness) -> Option<String> {
    let g = h.saved(DEMO);
    let w = g.wording.get("awards-for-all-england")?.get("your-idea")?;
    match &w.value {
        AnswerValue::Text(text) => Some(text.clone()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn wording_pasted_in_is_kept() {
    // Pasting into the wording box used to be dropped without a word.
    let mut h = Harness::new();
    open_demo_draft(&mut h);
    h.key(KeyCode::Enter);
    paste(&mut h, "Words pasted\nfrom a letter.");
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Bid>().is_some());
    assert_eq!(
        saved_idea(&h).as_deref(),
        Some("Words pasted\nfrom a letter.")
    );
}

#[test]
fn wording_typed_is_kept_by_the_autosave_and_on_quitting() {
    let mut h = Harness::new();
    open_demo_draft(&mut h);
    h.key(KeyCode::Enter).type_text("We meet weekly");
    assert_eq!(saved_idea(&h), None, "not saved while typing goes on");
    h.pause();
    assert_eq!(saved_idea(&h).as_deref(), Some("We meet weekly"));
    assert!(h.app.top_is::<Wording>().is_some());
    h.type_text(" by the river");
    h.ctrl('c');
    assert!(h.app.quit);
    let g = h.saved(DEMO);
    let w = &g.wording["awards-for-all-england"]["your-idea"];
    assert_eq!(
        w.value,
        AnswerValue::Text("We meet weekly by the river".into())
    );
    // One visit, however often saved: no history of its own half-words.
    assert!(w.history.is_empty(), "{:?}", w.history);
}

#[test]
fn a_bid_is_named_by_its_funder_and_keeps_its_place_under_the_wording() {
    let mut h = Harness::new();
    open_demo_draft(&mut h);
    h.key(KeyCode::Down);
    let before = h.app.stack_names();
    h.key(KeyCode::Enter);
    let w = h.app.top_is::<Wording>().unwrap();
    assert_eq!(w.funder, "awards-for-all-england");
    let second = h
        .app
        .catalogue()
        .get("awards-for-all-england")
        .unwrap()
        .profile
        .questions[1]
        .id
        .clone();
    assert_eq!(w.question, second);
    h.type_text("Our plan");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.stack_names(), before);
    let bid = h.app.top_is::<Bid>().unwrap();
    assert_eq!(
        (bid.funder.as_str(), bid.cursor.index()),
        ("awards-for-all-england", 1)
    );
    // "Mark as sent" asks first; another key in between leaves it unsent.
    let sent = h.saved(DEMO).applications().len();
    h.key(KeyCode::Char('s'))
        .key(KeyCode::Down)
        .key(KeyCode::Char('s'));
    assert_eq!(h.saved(DEMO).applications().len(), sent);
    h.key(KeyCode::Char('s'));
    assert_eq!(
        h.saved(DEMO).applications().len(),
        sent + 1,
        "{:?}",
        h.app.status
    );
}

#[test]
fn writing_wording_starts_from_the_answers_only_when_asked() {
    let mut h = Harness::new();
    open_demo_draft(&mut h);
    h.key(KeyCode::Enter);
    assert!(h.app.top_is::<Wording>().is_some());
    snap(&h, "wording_empty");
    // Nothing was pasted: the box is empty until the group asks.
    h.key(KeyCode::Esc);
    assert!(
        h.saved(DEMO).wording.is_empty(),
        "leaving an empty box writes nothing"
    );
    h.key(KeyCode::Enter)
        .key(KeyCode::F(7))
        .type_text(" We will also run two trips.");
    h.key(KeyCode::Esc);
    let g = h.saved(DEMO);
    let w = &g.wording["awards-for-all-england"]["your-idea"];
    let AnswerValue::Text(text) = &w.value else {
        panic!()
    };
    assert!(text.ends_with("We will also run two trips."), "{text}");
    assert_eq!(w.by, Author::Group);
    assert!(
        !g.value("project_what")
            .unwrap()
            .as_typed()
            .contains("We will also run two trips."),
        "the bank answer is unchanged"
    );
    snap(&h, "draft_after_writing");
}

#[test]
fn the_draft_can_be_previewed_checked_and_exported() {
    let mut h = Harness::new();
    let exports = tempfile::tempdir().unwrap();
    h.app.export_dir = exports.path().to_path_buf();
    open_demo_draft(&mut h);
    h.key(KeyCode::Char('v'));
    assert!(h.text().contains("The draft as it will read"));
    h.key(KeyCode::Esc).key(KeyCode::Char('c'));
    // The same words as `alongside check` (the library's heading).
    assert!(
        h.text().contains("Must fix before sending ("),
        "{}",
        h.text()
    );
    assert!(!h.text().contains("MUST FIX"), "{}", h.text());
    h.key(KeyCode::Esc).key(KeyCode::Char('e'));
    // It asks where, offering the folder last used.
    assert_eq!(h.app.top().name(), "export-where");
    assert!(
        h.text()
            .contains("Which folder should the draft be saved in?")
    );
    h.key(KeyCode::Enter);
    assert!(h.app.top_is::<Bid>().is_some());
    let status = h.app.status.as_ref().unwrap().text.clone();
    assert!(
        status.starts_with(&format!("Saved in {}:", exports.path().display())),
        "{status}"
    );
    for ext in ["md", "txt", "html", "docx"] {
        assert!(
            exports
                .path()
                .join(format!(
                    "riverside-aphasia-cafe-awards-for-all-england.{ext}"
                ))
                .exists(),
            "{ext}"
        );
    }
}

#[test]
fn a_new_year_marks_answers_to_check_and_the_review_visits_only_those() {
    let mut h = Harness::new();
    h.open_demo(0);
    h.key(KeyCode::Char('N'));
    snap(&h, "next_year_confirm");
    h.key(KeyCode::Enter);
    assert_eq!(h.saved(DEMO).round, 3);
    let expected: Vec<String> = {
        let g = h.saved(DEMO);
        g.review_list(Bank::builtin().unwrap())
            .iter()
            .map(|q| q.id.clone())
            .collect()
    };
    assert!(!expected.is_empty());
    h.key(KeyCode::Char('r'));
    snap(&h, "review");
    // Ctrl+K keeps each answer as it is and moves to the next to check.
    let mut visited = Vec::new();
    while h.app.top_is::<Answer>().is_some() {
        visited.push(h.app.current_question().unwrap().id.clone());
        h.ctrl('k');
    }
    assert_eq!(
        visited, expected,
        "the review visits exactly the answers to check"
    );
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Review finished")
    );
    assert!(h.saved(DEMO).answers.values().all(|a| !a.check));
}

#[test]
fn last_years_words_to_a_funder_show_beside_this_years_with_the_changes() {
    let mut h = Harness::new();
    open_demo_draft(&mut h);
    h.key(KeyCode::Enter);
    h.type_text("Riverside Aphasia Café is a peer support group for people living with aphasia.");
    snap(&h, "comparison");
}

#[test]
fn the_progress_view_shows_the_years_side_by_side() {
    let mut h = Harness::new();
    h.open_demo(0).key(KeyCode::Char('y'));
    let screen = h.text();
    assert!(screen.contains("Year 1"), "{screen}");
    assert!(screen.contains("Year 2 (so far)"), "{screen}");
}

#[test]
fn marking_a_bid_as_sent_keeps_a_copy_of_what_was_sent() {
    let mut h = Harness::new();
    open_demo_draft(&mut h);
    h.key(KeyCode::Enter)
        .type_text("Our words this year.")
        .key(KeyCode::Esc);
    // Asked first: another key leaves it unsent.
    h.key(KeyCode::Char('s'));
    let asked = &h.app.status.as_ref().unwrap().text;
    assert!(
        asked.starts_with("Mark the bid to ") && asked.contains("Press s again"),
        "{asked}"
    );
    h.key(KeyCode::Down).key(KeyCode::Char('s'));
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Mark the bid to ")
    );
    assert!(
        h.saved(DEMO)
            .last_submitted("awards-for-all-england", 3)
            .is_none_or(|a| a.round != 2),
        "nothing recorded yet"
    );
    h.key(KeyCode::Char('s'));
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Marked as sent today"),
        "{:?}",
        h.app.status
    );
    let g = h.saved(DEMO);
    let sent = g.last_submitted("awards-for-all-england", 3).unwrap();
    assert_eq!(sent.answers["your-idea"], "Our words this year.");
    assert_eq!(sent.round, 2);
}

/// Opens the demo group after two copies of it changed the same answer
/// (languages) and were merged: one conflict to choose, on the sections.
fn two_copies_differ_on_languages(h: &mut Harness) {
    h.open_demo(0).key(KeyCode::Esc);
    {
        // Two copies changed the same answer: merge the other into ours.
        let mut ours = OpenGroup::open(&h.data, DEMO, Access::Write).unwrap();
        let mut theirs = ours.group.clone();
        ours.group.set_answer(
            "languages",
            AnswerValue::Text("English, and some Polish".into()),
            Author::Group,
            fixed_clock(),
        );
        theirs.set_answer(
            "languages",
            AnswerValue::Text("English and Punjabi".into()),
            Author::Supporter,
            fixed_clock(),
        );
        let report = ours.group.merge(&theirs);
        assert_eq!(ours.group.conflicts.len(), 1, "{report:?}");
        ours.save().unwrap();
    }
    h.key(KeyCode::Enter).key(KeyCode::Enter);
}

#[test]
fn conflicts_between_two_copies_are_chosen_one_by_one() {
    let mut h = Harness::new();
    two_copies_differ_on_languages(&mut h);
    let screen = h.text();
    assert!(
        screen.contains("1 differ between copies (x to choose)"),
        "{screen}"
    );
    esc_returns(&mut h, &[KeyCode::Char('x')]);
    h.key(KeyCode::Char('x'));
    assert_eq!(h.app.top().name(), "conflicts");
    snap(&h, "conflicts");
    h.key(KeyCode::Char('t'));
    // The last one chosen: back to the sections.
    assert!(h.app.top_is::<Sections>().is_some());
    let g = h.saved(DEMO);
    assert!(g.conflicts.is_empty());
    assert_eq!(
        g.value("languages"),
        Some(&AnswerValue::Text("English and Punjabi".into()))
    );
    let history: Vec<String> = g.answers["languages"]
        .history
        .iter()
        .map(|p| p.value.as_typed())
        .collect();
    assert!(
        history.contains(&"English, and some Polish".to_string()),
        "{history:?}"
    );
}

// ---------------------------------------------------------------------------
// Any funder, any form: adding a funder and its questions from the form

const PASTED_FORM: &str = "Section 1: About you\n1. Tell us about your group and what it does. (max 300 words)\n2. What will you do with the grant?\nMaximum 1,500 characters\n3. Is there anything else you would like to tell us? Optional\n";

fn paste(h: &mut Harness, text: &str) {
    h.app.on_paste(text);
}

#[test]
fn a_funder_is_added_from_its_form_and_drafted_against() {
    let mut h = Harness::new();
    h.open_demo(0)
        .key(KeyCode::Char('f'))
        .key(KeyCode::Char('a'));
    assert_eq!(h.app.top().name(), "add-funder");
    // Nothing typed: Enter says what is needed, and nothing moves on.
    h.key(KeyCode::Enter);
    assert!(h.text().contains("Type the funder's name first."));
    h.type_text("Riverside Trust Small Grants")
        .key(KeyCode::Tab)
        .type_text("Riverside Trust");
    snap(&h, "add_funder_details");
    h.key(KeyCode::Enter);
    paste(&mut h, PASTED_FORM);
    snap(&h, "add_funder_paste");
    h.ctrl('s');
    snap(&h, "add_funder_review");
    // The form did not say whether spaces count: the person says they do
    // not, and gives question 3 a word limit the paste did not state.
    h.key(KeyCode::Down).key(KeyCode::Char('s'));
    h.key(KeyCode::Down).key(KeyCode::Char('w'));
    h.type_text("100");
    snap(&h, "add_funder_limit");
    h.key(KeyCode::Enter);
    assert!(
        !h.data.root().join("funders").exists(),
        "nothing saved before asking"
    );
    h.key(KeyCode::Enter);
    // Saved, and the bid to it is open.
    let bid = h.app.top_is::<Bid>().expect("the draft opens after saving");
    assert_eq!(bid.funder, "riverside-trust-small-grants");
    let saved = std::fs::read_to_string(
        h.data
            .root()
            .join("funders/riverside-trust-small-grants.toml"),
    )
    .unwrap();
    let profile = alongside::funders::check_source("x", &saved).unwrap();
    assert_eq!(profile.funder, "Riverside Trust");
    let limits: Vec<_> = profile
        .questions
        .iter()
        .map(|q| (q.max_words, q.max_chars, q.chars_include_spaces, q.optional))
        .collect();
    assert_eq!(
        limits,
        vec![
            (Some(300), None, true, false),
            (None, Some(1500), false, false),
            (Some(100), None, true, true),
        ]
    );
    // Write the group's words for question 1 and check the bid.
    h.key(KeyCode::Enter)
        .type_text("We are a cafe for people with aphasia.");
    h.key(KeyCode::Esc).key(KeyCode::Char('c'));
    let text = h.text();
    assert!(text.contains("Before sending"), "{text}");
    // And saved as files in all four formats, as for a built-in funder.
    let exports = tempfile::tempdir().unwrap();
    h.app.export_dir = exports.path().to_path_buf();
    h.key(KeyCode::Esc)
        .key(KeyCode::Char('e'))
        .key(KeyCode::Enter);
    for ext in ["md", "txt", "html", "docx"] {
        let path = exports
            .path()
            .join(format!("{DEMO}-riverside-trust-small-grants.{ext}"));
        assert!(path.exists(), "{} was not written", path.display());
    }
    let md = std::fs::read_to_string(
        exports
            .path()
            .join(format!("{DEMO}-riverside-trust-small-grants.md")),
    )
    .unwrap();
    assert!(
        md.contains("We are a cafe for people with aphasia."),
        "{md}"
    );
}

#[test]
fn limits_typed_wrong_are_refused_and_questions_can_be_left_out() {
    let mut h = Harness::new();
    h.open_demo(0)
        .key(KeyCode::Char('f'))
        .key(KeyCode::Char('a'));
    h.type_text("Hall Fund").key(KeyCode::Enter);
    h.ctrl('s');
    assert!(h.text().contains("No questions found yet"));
    paste(&mut h, "What is your idea?\nWho will come?");
    h.ctrl('s').key(KeyCode::Char('w')).type_text("lots");
    h.key(KeyCode::Enter);
    assert!(h.text().contains("\"lots\" is not a whole number above 0"));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('x'))
        .key(KeyCode::Down)
        .key(KeyCode::Char('x'));
    h.key(KeyCode::Enter);
    assert!(h.text().contains("Every question is left out"));
    // Esc goes back to the words pasted, kept as they were.
    h.key(KeyCode::Esc);
    assert!(h.text().contains("Who will come?"));
}

#[test]
fn a_funder_with_no_known_questions_offers_to_add_them() {
    let mut h = Harness::new();
    h.open_demo(0).key(KeyCode::Char('f'));
    let s = h.app.session.as_ref().unwrap();
    let index = s
        .matches
        .iter()
        .position(|m| m.id == "tudor-trust")
        .unwrap();
    for _ in 0..index {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char('d'));
    snap(&h, "draft_no_questions");
    // Keys that need questions are not offered; q is.
    assert!(h.text().contains("Press q to add them"));
    assert!(!h.text().contains("check before sending"));
    h.key(KeyCode::Char('q'));
    paste(&mut h, "What would you like to do? (max 500 words)");
    h.ctrl('s').key(KeyCode::Enter);
    // A copy of the built-in profile, with its sources, now in the data folder.
    let saved = std::fs::read_to_string(h.data.root().join("funders/tudor-trust.toml")).unwrap();
    let original = std::fs::read_to_string("funders/tudor-trust.toml").unwrap();
    let saved = alongside::funders::check_source("saved", &saved).unwrap();
    let original = alongside::funders::check_source("original", &original).unwrap();
    assert!(!(original.sources.is_empty() && original.source_list.is_empty()));
    assert_eq!(saved.source_list, original.source_list);
    assert_eq!(saved.sources, original.sources);
    assert!(
        h.app
            .top_is::<Bid>()
            .is_some_and(|b| b.funder == "tudor-trust")
    );
    assert!(h.text().contains("What would you like to do?"));
}

#[test]
fn who_funded_groups_like_yours_nearby_from_the_grants_data() {
    let mut h = Harness::new();
    h.open_demo(0).key(KeyCode::Char('f'));
    // Without grants data the screen says how to get some.
    h.key(KeyCode::Char('n'));
    assert_eq!(h.app.top_is::<Nearby>().unwrap().cursor.index(), 0);
    assert!(h.text().contains("no grants data has been imported yet"));
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Funders>().is_some());

    // The made-up sample shipped for the demo.
    {
        use alongside::grants_data::{self, Form, Index, import};
        let mut index = Index::create(&h.data).unwrap();
        let mut writer = index.writer().unwrap();
        import::import_reader(
            &mut writer,
            grants_data::SAMPLE_NAME,
            Form::Csv,
            grants_data::SAMPLE_CSV.as_bytes(),
            &mut |_| {},
        )
        .unwrap();
        writer.finish().unwrap();
    }
    h.key(KeyCode::Char('n'));
    let found = h.app.top_is::<Nearby>().unwrap().found().unwrap();
    assert_eq!(
        found.funders[0].tier,
        alongside::grants_data::Tier::WorkAndArea
    );
    let screen = h.text();
    assert!(screen.contains("Your kind of work, in your area"));
    assert!(screen.contains("who funded groups like yours nearby") || screen.contains("back"));
    h.key(KeyCode::Down);
    assert_eq!(h.app.top_is::<Nearby>().unwrap().cursor.index(), 1);
    snap(&h, "nearby");
}

#[test]
fn a_profile_starts_from_the_grants_data_on_the_nearby_screen() {
    let mut h = Harness::new();
    h.open_demo(0);
    {
        use alongside::grants_data::{self, Form, Index, import};
        let mut index = Index::create(&h.data).unwrap();
        let mut writer = index.writer().unwrap();
        import::import_reader(
            &mut writer,
            grants_data::SAMPLE_NAME,
            Form::Csv,
            grants_data::SAMPLE_CSV.as_bytes(),
            &mut |_| {},
        )
        .unwrap();
        writer.finish().unwrap();
    }
    h.key(KeyCode::Char('f')).key(KeyCode::Char('n'));
    let found = |h: &Harness| {
        h.app
            .top_is::<Nearby>()
            .unwrap()
            .found()
            .unwrap()
            .funders
            .clone()
    };
    let first = found(&h)[0].clone();
    assert_eq!(first.profile, None);
    h.key(KeyCode::Char('a'));
    let id = alongside::text::slugify(&first.funder_name).unwrap();
    let path = h.data.funders().join(format!("{id}.toml"));
    let saved = alongside::funders::check_source(
        "x.toml",
        &std::fs::read_to_string(&path).expect("the profile is saved"),
    )
    .unwrap();
    assert_eq!(saved.org_id.as_deref(), Some(first.funder_org_id.as_str()));
    assert_eq!(saved.name, first.funder_name);
    assert!(saved.grant.max_pounds.is_none());
    // The tiers are worked out again: the funder now shows its profile.
    assert_eq!(h.app.top_is::<Nearby>().unwrap().cursor.index(), 0);
    assert_eq!(found(&h)[0].profile.as_deref(), Some(id.as_str()));
    let screen = h.text();
    assert!(screen.contains("Started the profile"), "{screen}");
    // Again: it already has one, and nothing more is written.
    h.key(KeyCode::Char('a'));
    assert!(h.text().contains("already has a profile"));
    assert_eq!(std::fs::read_dir(h.data.funders()).unwrap().count(), 1);
}

#[test]
fn a_funders_own_question_is_answered_with_one_key() {
    let mut h = Harness::new();
    h.open_demo(0);
    // The only funder: a profile file in a folder of its own, as with
    // `--funders DIR`.
    let only = tempfile::tempdir().unwrap();
    std::fs::write(
        only.path().join("asking-fund.toml"),
        r#"id = "asking-fund"
name = "Asking Fund"
funder = "Asking Trust"
kind = "trust"
website = "https://example.org"
checked = 2026-11-01
summary = "Asks one question."
[[source]]
id = "s"
url = "https://example.org/guidance"
title = "Guidance"
as_of = 2026-10-01
seen = 2026-11-01
[status]
state = "rolling"
source = "s"
as_of = 2026-10-01
[grant]
[eligibility]
source = "s"
[[eligibility.ask]]
id = "funded-before"
question = "Has the group had a grant from the Asking Fund before?"
passes = "no"
fix = "The Asking Fund only funds groups it has not funded before."
"#,
    )
    .unwrap();
    let ws = alongside::workspace::Workspace::new(h.data.clone()).unwrap();
    h.app.ws = ws.with_funders(Some(only.path().to_path_buf())).unwrap();
    assert_eq!(
        h.app.catalogue().profiles.len(),
        1,
        "{:?}",
        h.app.catalogue().problems
    );
    h.key(KeyCode::Char('f')).key(KeyCode::Enter);
    let rule = h.app.session.as_ref().unwrap().matches[0]
        .criteria
        .iter()
        .position(|c| c.key == "ask.funded-before")
        .unwrap();
    for _ in 0..rule {
        h.key(KeyCode::Down);
    }
    assert!(
        h.text()
            .contains("Not answered yet: Has the group had a grant from the Asking")
    );
    // The footer comes from the keymap, so it names the key.
    h.key(KeyCode::Char('n'));
    let saved = h.saved(DEMO);
    let answer = saved.ask_answer("asking-fund", "funded-before").unwrap();
    assert!(!answer.yes);
    assert_eq!(answer.by, Author::Group);
    let m = &h.app.session.as_ref().unwrap().matches[0];
    assert_eq!(
        m.verdict,
        alongside::matching::Verdict::Eligible,
        "{:#?}",
        m.criteria
    );
    assert_eq!(h.app.top_is::<Funder>().unwrap().id, "asking-fund");
    assert!(
        h.text()
            .contains("You answered no to \"Has the group had a grant from the"),
        "{}",
        h.text()
    );
}

#[test]
fn a_funder_half_added_is_kept_on_quitting_and_comes_back() {
    let mut h = Harness::new();
    h.open_demo(0)
        .key(KeyCode::Char('f'))
        .key(KeyCode::Char('a'));
    h.type_text("Riverside Trust Small Grants")
        .key(KeyCode::Tab)
        .type_text("Riverside Trust")
        .key(KeyCode::Enter);
    paste(&mut h, PASTED_FORM);
    h.ctrl('c');
    assert!(h.app.quit, "quits: what was typed is kept, not lost");
    let kept = alongside::store::unfinished::find(&h.data, "add-funder").unwrap();
    assert_eq!(kept.form, "add-funder");
    assert_eq!(kept.fields[0], "Riverside Trust Small Grants");
    assert_eq!(kept.fields[1], "Riverside Trust");
    assert!(
        kept.fields[3].contains("Tell us about your group"),
        "{kept:?}"
    );

    // The next time: the funders list says so, and `a` brings it back.
    let mut again = h.next_time();
    again.key(KeyCode::Enter).key(KeyCode::Enter); // the group, then who
    again.key(KeyCode::Char('f'));
    assert!(
        again.text().contains("You left a funder half-added"),
        "{}",
        again.text()
    );
    again.key(KeyCode::Char('a'));
    assert!(again.text().contains("Riverside Trust Small Grants"));
    assert!(again.text().contains("is back"));
    again.key(KeyCode::Enter);
    assert!(again.text().contains("Tell us about your group"));
    // Saving it forgets the kept copy.
    again.ctrl('s').key(KeyCode::Enter);
    assert!(alongside::store::unfinished::find(&h.data, "add-funder").is_none());
    assert!(again.app.top_is::<Bid>().is_some());
}

#[test]
fn questions_half_added_are_kept_on_esc_for_that_funder_only() {
    let mut h = Harness::new();
    h.open_demo(0).key(KeyCode::Char('f'));
    let first = h.app.top_is::<Funders>().unwrap().matches[0].id.clone();
    h.key(KeyCode::Char('q'));
    paste(&mut h, "1. What will you do? (max 100 words)");
    h.key(KeyCode::Esc);
    assert!(
        h.app.top_is::<Funders>().is_some(),
        "Esc goes back to the list"
    );
    let kept = alongside::store::unfinished::find(&h.data, "add-funder").unwrap();
    assert_eq!(
        (kept.form.as_str(), kept.grant.as_str()),
        ("add-questions", first.as_str())
    );
    // Another funder's questions start empty; this one's come back.
    h.key(KeyCode::Down).key(KeyCode::Char('q'));
    assert!(!h.text().contains("What will you do?"));
    h.key(KeyCode::Esc).key(KeyCode::Up).key(KeyCode::Char('q'));
    assert!(h.text().contains("What will you do? (max 100 words)"));
    // Emptied and left, nothing is kept.
    for _ in 0..60 {
        h.key(KeyCode::Backspace);
    }
    h.key(KeyCode::Esc);
    assert!(alongside::store::unfinished::find(&h.data, "add-funder").is_none());
}

#[test]
fn next_year_twice_the_same_day_is_refused_with_the_clis_guard_then_offered() {
    let mut h = Harness::new();
    h.open_demo(0);
    h.key(KeyCode::Char('N')).key(KeyCode::Enter);
    assert_eq!(h.saved(DEMO).round, 3);
    let marked_before = h.saved(DEMO).answers.values().filter(|a| a.check).count();
    h.key(KeyCode::Char('N')).key(KeyCode::Enter);
    let saved = h.saved(DEMO);
    assert_eq!(saved.round, 3, "no fourth round the same day");
    assert_eq!(
        saved.answers.values().filter(|a| a.check).count(),
        marked_before
    );
    let status = h.app.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Warning);
    assert!(
        status
            .text
            .starts_with("year 3 began today (20 November 2026), so year 4 was not started")
            && status.text.contains("press Enter again to start it anyway"),
        "{}",
        status.text
    );
    // Still asking, and saying why.
    assert_eq!(h.app.top().name(), "confirm-next-year");
    assert!(
        h.text().contains("Careful: year 3 began today"),
        "{}",
        h.text()
    );
    snap(&h, "confirm_next_year_too_soon");
    // Esc and N again: the guard is back.
    h.key(KeyCode::Esc)
        .key(KeyCode::Char('N'))
        .key(KeyCode::Enter);
    assert_eq!(h.saved(DEMO).round, 3);
    // Going on anyway, as the command line's --force.
    h.key(KeyCode::Enter);
    assert_eq!(h.saved(DEMO).round, 4);
    assert!(h.app.top_is::<Sections>().is_some());
}

#[test]
fn starting_a_year_is_undone_by_ctrl_z_and_redone_by_ctrl_y() {
    let mut h = Harness::new();
    h.open_demo(0).answer("languages");
    h.type_text(" and Welsh")
        .key(KeyCode::Esc)
        .key(KeyCode::Esc);
    let before = h.saved(DEMO);
    h.key(KeyCode::Char('N')).key(KeyCode::Enter);
    assert_eq!(h.saved(DEMO).round, before.round + 1);
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("Ctrl+Z to take the new year back"),
        "{:?}",
        h.app.status
    );
    // Ctrl+Z takes back the year, not the earlier answer.
    h.ctrl('z');
    let undone = h.saved(DEMO);
    assert_eq!(undone.round, before.round);
    assert_eq!(undone.answers["languages"], before.answers["languages"]);
    for (id, answer) in &undone.answers {
        assert_eq!(answer.check, before.answers[id].check, "{id}");
    }
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Year 3 taken back"),
        "{:?}",
        h.app.status
    );
    // Ctrl+Y starts it again; a second Ctrl+Z then the answer.
    h.ctrl('y');
    assert_eq!(h.saved(DEMO).round, before.round + 1);
    h.ctrl('z').ctrl('z');
    let saved = h.saved(DEMO);
    assert_eq!(saved.round, before.round);
    let welsh = |g: &alongside::group::Group| matches!(&g.answers["languages"].value, AnswerValue::Text(t) if t.contains("Welsh"));
    assert!(!welsh(&saved));
    h.ctrl('y');
    assert!(welsh(&h.saved(DEMO)));
    h.ctrl('y').ctrl('y');
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Nothing to redo"),
        "{:?}",
        h.app.status
    );
}

/// From the import list, the choice to type a path (the last).
fn type_import_path(h: &mut Harness) {
    use alongside::tui::screens::import_pick::ImportPick;
    let files = h
        .app
        .top_is::<ImportPick>()
        .expect("the import list")
        .files
        .len();
    for _ in 0..files {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.top_is::<HomeEntry>().map(|e| e.kind),
        Some(EntryKind::Import)
    );
}

/// Every word on the screen, in order, with the borders and line breaks
/// taken out: a message is on the screen whole when its words are here.
fn words_on(h: &Harness, width: u16, height: u16) -> String {
    let screen = h.screen(width, height).backend().to_string();
    screen
        .split(|c: char| c.is_whitespace() || "│┌┐└┘─\"".contains(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_long_message_is_shown_whole_in_a_status_area_that_grows() {
    for theme in [Theme::normal(), Theme::no_colour()] {
        let mut h = Harness::with_theme(theme);
        h.open_demo(0).answer("money_held");
        for _ in 0..20 {
            h.key(KeyCode::Backspace);
        }
        h.type_text("1250 pounds").key(KeyCode::Esc);
        let status = h.app.status.clone().unwrap();
        assert_eq!(status.kind, StatusKind::Error);
        assert!(
            status.text.len() > 80,
            "a message longer than a line: {}",
            status.text
        );
        for (width, height) in [(80, 24), (120, 40)] {
            let shown = words_on(&h, width, height);
            assert!(
                shown.contains(&words(&status.text.replace('"', ""))),
                "{width}x{height}: {}\n{shown}",
                status.text
            );
        }
    }
    let mut h = Harness::new();
    h.open_demo(0).answer("money_held");
    for _ in 0..20 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("1250 pounds").key(KeyCode::Esc);
    snap(&h, "status_grows_for_a_long_message");
    // Longer than four lines at 80 columns (a copy saved deep in folders).
    let long = format!(
        "Saved in {}: open that folder to find the draft and the checks before sending. {}",
        "/home/sam/Documents/alongside/thursday-aphasia-group/awards-for-all-england",
        "If the folder is on a shared drive, the support worker can open it too. Nothing was sent to the funder: the bid goes when you send it yourself, from the funder's own form or by email, and pressing s in the draft records that it was sent."
    );
    h.app.status = Some(alongside::tui::app::Status {
        text: long.clone(),
        kind: StatusKind::Info,
    });
    assert!(words_on(&h, 80, 24).contains(&words(&long)), "{}", h.text());
}

#[test]
fn f3_goes_to_the_next_unanswered_question_and_when_none_is_left_to_the_sections() {
    let mut h = Harness::new();
    h.open_demo(0);
    // Two questions without an answer.
    let s = h.app.session.as_mut().unwrap();
    for id in ["languages", "money_held"] {
        s.open.group.answers.remove(id);
    }
    h.key(KeyCode::Char('u'));
    let first = h.app.current_question().unwrap().id.clone();
    assert_eq!(first, "languages");
    h.key(KeyCode::F(3));
    let second = h.app.current_question().unwrap().id.clone();
    assert_eq!(
        second, "money_held",
        "F3 on an unanswered question moves on"
    );
    assert!(h.app.top_is::<Answer>().is_some());

    // F3 again goes round to the first; answered, only this one is left.
    h.key(KeyCode::F(3));
    assert_eq!(h.app.current_question().unwrap().id, "languages");
    h.type_text("English").key(KeyCode::F(3));
    assert_eq!(h.app.current_question().unwrap().id, "money_held");
    h.key(KeyCode::F(3));
    assert!(
        h.app.top_is::<Sections>().is_some(),
        "never an empty answer screen: {:?}",
        h.app.stack_names()
    );
    assert_eq!(
        h.app.status.as_ref().unwrap().text,
        "This was the last question without an answer."
    );
    h.key(KeyCode::Char('u'));
    assert!(h.app.top_is::<Answer>().is_some());
    assert_eq!(h.app.current_question().unwrap().id, second);
}

#[test]
fn a_long_group_name_leaves_room_for_who_is_typing() {
    let mut h = Harness::new();
    h.key(KeyCode::Down).key(KeyCode::Enter); // "Start a new group"
    h.type_text("The Thursday Afternoon Aphasia Conversation and Friendship Group of Riverside and District")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    assert!(h.app.top_is::<Sections>().is_some());
    for width in [80, 120] {
        let screen = h.screen(width, 24).backend().to_string();
        let header = screen.lines().next().unwrap().to_string();
        assert!(header.contains("Typing: the group"), "{header}");
        assert!(header.contains("The Thursday Afternoon"), "{header}");
        if width == 80 {
            assert!(header.contains('…'), "the name gives way: {header}");
        }
    }
}

#[test]
fn a_name_or_a_path_left_half_typed_comes_back_over_the_list_of_groups() {
    let mut first = Harness::new();
    first
        .key(KeyCode::Char('n'))
        .type_text("Tuesday Knit")
        .ctrl('c');
    assert!(first.app.quit);
    // The next time, the box is open again over the list, saying so.
    let mut h = first.next_time();
    assert_eq!(h.app.stack_names(), ["home", "new-group"]);
    assert_eq!(h.app.top_is::<HomeEntry>().unwrap().typed(), "Tuesday Knit");
    assert!(h.text().contains("Tuesday Knit"), "{}", h.text());
    assert!(
        h.status().ends_with("is back. Esc goes back to the list."),
        "{}",
        h.status()
    );
    // Esc keeps it and shows the list of groups under it.
    h.key(KeyCode::Esc);
    assert_eq!(h.app.stack_names(), ["home"]);
    assert!(h.text().contains("Try the demo group"), "{}", h.text());
    h.key(KeyCode::Char('n'));
    assert_eq!(h.app.top_is::<HomeEntry>().unwrap().typed(), "Tuesday Knit");
    h.key(KeyCode::Esc);
    // An import path typed, then Esc: offered again when the box opens,
    // and the next time the program starts.
    h.app.import_folders = Vec::new();
    h.key(KeyCode::Char('i')).key(KeyCode::Enter);
    assert_eq!(h.app.top_is::<HomeEntry>().unwrap().typed(), "");
    h.type_text("/media/usb/riverside.toml").key(KeyCode::Esc);
    assert_eq!(h.app.stack_names(), ["home"]);
    h.key(KeyCode::Char('i')).key(KeyCode::Enter);
    assert_eq!(
        h.app.top_is::<HomeEntry>().unwrap().typed(),
        "/media/usb/riverside.toml"
    );
    h.key(KeyCode::Esc);
    let h = first.next_time();
    assert_eq!(h.app.stack_names(), ["home", "import"]);
    assert!(
        h.text().contains("/media/usb/riverside.toml"),
        "{}",
        h.text()
    );
}

#[test]
fn after_an_import_error_quitting_prints_nothing_old() {
    let mut h = Harness::new();
    h.keys(&[KeyCode::Down, KeyCode::Down, KeyCode::Enter]); // "Import a group file"
    type_import_path(&mut h);
    let missing = h.data.root().join("no-such-file.toml");
    h.type_text(&missing.display().to_string())
        .key(KeyCode::Enter);
    assert_eq!(h.app.status.as_ref().unwrap().kind, StatusKind::Error);
    h.key(KeyCode::Esc).ctrl('c');
    assert!(h.app.quit);
    let printed = alongside::tui::exit_messages(&h.app);
    assert!(printed.is_empty(), "{printed:?}");
}

#[test]
fn the_sections_funder_counts_follow_an_answer_without_opening_f() {
    let mut h = Harness::new();
    h.open_demo(0);
    let summary = |h: &Harness| {
        h.text()
            .lines()
            .find(|l| l.contains("Funders:"))
            .map(str::to_string)
            .unwrap_or_default()
    };
    let before = summary(&h);
    // Another part of the UK, one after another: regional funders come and go.
    let mut changed = false;
    for downs in 1..12 {
        h.answer("region");
        for _ in 0..20 {
            h.key(KeyCode::Up);
        }
        for _ in 0..downs {
            h.key(KeyCode::Down);
        }
        h.key(KeyCode::Char(' '))
            .key(KeyCode::Esc)
            .key(KeyCode::Esc);
        let after = summary(&h);
        changed |= after != before;
        // The same counts the funders screen works out afresh.
        h.key(KeyCode::Char('f')).key(KeyCode::Esc);
        assert_eq!(summary(&h), after, "after {downs} down");
    }
    assert!(changed, "some part of the UK changes the counts");
}

#[test]
fn closing_the_guide_shows_the_first_line_of_the_answer_again() {
    let mut h = Harness::new();
    h.open_demo(0).answer("languages");
    let AnswerValue::Text(text) = &h.saved(DEMO).answers["languages"].value else {
        panic!("a text answer")
    };
    let start: String = text.chars().take(24).collect();
    // A few more lines: the answer fits the box, but not the box made
    // smaller by the guide. The cursor is at the end.
    for i in 0..8 {
        h.key(KeyCode::Enter).type_text(&format!("line {i}"));
    }
    assert!(h.text().contains(&start), "{}", h.text());
    h.key(KeyCode::F(4));
    assert!(
        !h.text().contains(&start),
        "the guide pushes it up: {}",
        h.text()
    );
    h.key(KeyCode::F(4));
    assert!(h.text().contains(&start), "{}", h.text());
    assert!(h.text().contains("line 7"), "the cursor's line still shows");
}

#[test]
fn tick_boxes_do_not_ask_for_commas() {
    let mut h = Harness::new();
    let bank = Bank::builtin().unwrap();
    let id = bank
        .questions
        .iter()
        .find(|q| q.kind == alongside::bank::QuestionType::Choices && q.section == "about")
        .map(|q| q.id.clone())
        .unwrap();
    h.open_demo(0).answer(&id);
    let text = h.text();
    assert!(!text.contains("separated by commas"), "{text}");
    assert!(text.contains("tick any that apply (Space ticks)"), "{text}");
}

#[test]
fn long_titles_and_budget_columns_wrap_instead_of_being_cut() {
    let mut h = Harness::new();
    h.open_demo(0).answer("project_budget");
    let shown = words_on(&h, 120, 40);
    assert!(shown.contains("Speakers' travel and expenses"), "{shown}");
    // A log form's choice says how to change it inside the box, not in a
    // title the border cuts.
    let text = h.text();
    assert!(!text.contains("(Up/D┐"));
}

#[test]
fn wrapped_lines_do_not_start_with_a_space() {
    let mut h = Harness::new();
    open_demo_draft(&mut h);
    h.key(KeyCode::Char('v'));
    let screen = h.screen(80, 24).backend().to_string();
    for line in screen.lines() {
        let Some(inner) = line.trim_matches('"').strip_prefix('│') else {
            continue;
        };
        assert!(
            !inner.starts_with(' ') || inner.trim().is_empty() || inner.starts_with("  "),
            "a wrapped line starting with one space: {line}"
        );
    }
}

/// The screens `every_screen_offers_what_its_keymap_context_binds` walks
/// (`every_screen_is_walked` reads them too).
pub const WALKED_FROM_HOME: &[&str] = &[
    "home",
    "new-group",
    "import-pick",
    "import",
    "who",
    "sections",
    "help",
    "glossary",
    "find",
    "words",
    "confirm-next-year",
    "grants",
    "grant",
    "log-form",
    "caseload",
    "sync-result",
    "questions",
    "note",
    "answer",
    "funders",
    "nearby",
    "funder",
    "draft",
    "wording",
    "draft-preview",
    "add-funder",
    "progress",
];

#[test]
fn every_screen_offers_what_its_keymap_context_binds() {
    let mut h = Harness::new();
    let mut seen = Vec::new();
    h.check_commands(&mut seen); // home
    for key in ['c', 's', 'n', 'i'] {
        h.key(KeyCode::Char(key));
        h.check_commands(&mut seen); // the caseload, a sync, a new group, import
        h.key(KeyCode::Esc);
    }
    h.key(KeyCode::Char('i'));
    type_import_path(&mut h);
    h.check_commands(&mut seen); // the import path
    h.key(KeyCode::Esc);
    h.key(KeyCode::Enter);
    h.check_commands(&mut seen); // who
    h.key(KeyCode::Enter);
    h.check_commands(&mut seen); // sections
    for keys in [
        vec![KeyCode::F(1)],
        vec![KeyCode::F(5)],
        vec![KeyCode::Char('/')],
        vec![KeyCode::Char('y')],
        vec![KeyCode::Char('N')],
        vec![KeyCode::Char('m')],
        vec![KeyCode::Char('m'), KeyCode::Enter],
        vec![KeyCode::Char('m'), KeyCode::Enter, KeyCode::Char('s')],
        vec![KeyCode::Char('m'), KeyCode::Enter, KeyCode::Char('t')],
        vec![KeyCode::Char('p')],
    ] {
        h.keys(&keys);
        h.check_commands(&mut seen);
        for _ in &keys {
            h.key(KeyCode::Esc);
        }
    }
    h.key(KeyCode::Enter);
    h.check_commands(&mut seen); // questions
    h.key(KeyCode::Char('c'));
    h.check_commands(&mut seen); // note
    h.key(KeyCode::Esc);
    for id in [
        "who_for",
        "group_name",
        "regular_members",
        "has_bank_account",
        "project_budget",
    ] {
        h.answer(id);
        h.check_commands(&mut seen); // the answer, in each kind of box
    }
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('f'));
    h.check_commands(&mut seen); // funders
    h.key(KeyCode::Char('n'));
    h.check_commands(&mut seen); // nearby
    h.key(KeyCode::Esc);
    to_funder(&mut h, "awards-for-all-england");
    h.key(KeyCode::Enter);
    h.check_commands(&mut seen); // one funder
    h.key(KeyCode::Char('d'));
    h.check_commands(&mut seen); // its bid
    h.key(KeyCode::Enter);
    h.check_commands(&mut seen); // the words for one of its questions
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('v'));
    h.check_commands(&mut seen); // the draft as it will read
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc).key(KeyCode::Esc);
    to_funder(&mut h, "tudor-trust");
    h.key(KeyCode::Char('d'));
    assert_eq!(h.app.context(), alongside::tui::keymap::Context::DraftEmpty);
    h.check_commands(&mut seen); // a bid whose questions are not known
    h.key(KeyCode::Esc);
    to_funder(&mut h, "awards-for-all-england");
    h.key(KeyCode::Enter).key(KeyCode::Char('d'));
    h.key(KeyCode::Esc)
        .key(KeyCode::Esc)
        .key(KeyCode::Char('a'));
    h.check_commands(&mut seen); // adding a funder: details
    h.type_text("Walk Trust").key(KeyCode::Enter);
    h.check_commands(&mut seen); // its questions
    paste(&mut h, "1. What will you do? (max 50 words)");
    h.ctrl('s');
    h.check_commands(&mut seen); // what was understood
    h.key(KeyCode::Char('w'));
    h.check_commands(&mut seen); // a limit
    for name in WALKED_FROM_HOME {
        assert!(seen.contains(name), "{name} not walked: {seen:?}");
    }
}

#[test]
fn progress_shows_who_did_the_work_year_by_year() {
    let mut h = Harness::new();
    h.open_demo(0).key(KeyCode::Char('p'));
    assert_eq!(h.app.top().name(), "progress");
    snap(&h, "progress");
    // The years move with the list keys, and stop at the last one.
    let year = |h: &Harness| h.app.top_is::<Progress>().unwrap().cursor.index();
    h.key(KeyCode::PageDown).key(KeyCode::Down);
    assert_eq!(year(&h), 1, "the demo group is in its second year");
    h.key(KeyCode::Up);
    assert_eq!(year(&h), 0);
}

#[test]
fn progress_changes_when_the_supporter_writes_an_answer() {
    let bank = Bank::builtin().unwrap();
    // This year's shares of the words: the group, the supporter, together.
    let shares = |h: &Harness| {
        let this_year = h.saved(DEMO).round_history(bank).pop().unwrap();
        [Author::Group, Author::Supporter, Author::Together].map(|a| this_year.words.percent(a))
    };
    let this_years_row = |h: &Harness| {
        let round = h.saved(DEMO).round;
        h.text()
            .lines()
            .find(|l| l.contains(&format!("Year {round} ")))
            .unwrap_or_default()
            .to_string()
    };
    let mut h = Harness::new();
    h.open_demo(1); // the supporter
    let before = shares(&h);
    h.key(KeyCode::Char('p'));
    let row_before = this_years_row(&h);
    h.key(KeyCode::Esc);
    h.answer("who_for");
    h.type_text(
        " Anyone living on the estate can come along, and carers and friends are welcome too, \
         whether or not they have been to a group like ours before.",
    )
    .key(KeyCode::Esc);
    while h.app.top_is::<Sections>().is_none() {
        h.key(KeyCode::Esc);
    }
    h.key(KeyCode::Char('p'));
    let after = shares(&h);
    assert!(
        after[0] < before[0],
        "the group's share went down: {before:?} {after:?}"
    );
    let row = this_years_row(&h);
    assert_ne!(row, row_before);
    let [group, supporter, together] = after;
    assert!(
        row.contains(&format!("{group:>4}%  {supporter:>8}%  {together:>7}%")),
        "{row}"
    );
}

/// On the funders list, moves the cursor to this funder.
fn to_funder(h: &mut Harness, id: &str) {
    let at = h
        .app
        .top_is::<Funders>()
        .unwrap()
        .matches
        .iter()
        .position(|m| m.id == id)
        .unwrap();
    while h.app.top_is::<Funders>().unwrap().cursor.index() > 0 {
        h.key(KeyCode::Up);
    }
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
}

/// Presses `keys`, checks a screen opened over this one, presses Esc and
/// checks the stack is back where it was (the same screens, the same one
/// on top).
fn esc_returns(h: &mut Harness, keys: &[KeyCode]) {
    let before = h.app.stack_names();
    h.keys(keys);
    assert_ne!(h.app.stack_names(), before, "{keys:?} opened nothing");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.stack_names(), before, "Esc after {keys:?}");
}

#[test]
fn esc_returns_to_the_screen_it_came_from_everywhere() {
    let mut h = Harness::new();
    esc_returns(&mut h, &[KeyCode::F(1)]);
    esc_returns(&mut h, &[KeyCode::F(5)]);
    esc_returns(&mut h, &[KeyCode::Char('g')]);
    // The caseload and a sync from the list of groups, and a sync from the
    // caseload (Esc comes back to the caseload, not the list).
    esc_returns(&mut h, &[KeyCode::Char('c')]);
    esc_returns(&mut h, &[KeyCode::Char('s')]);
    h.key(KeyCode::Char('c'));
    esc_returns(&mut h, &[KeyCode::Char('s')]);
    h.key(KeyCode::Esc);
    // A new group's name, the import list and the box for a path (with no
    // group files about, the list's only row).
    h.app.import_folders = Vec::new();
    esc_returns(&mut h, &[KeyCode::Char('n')]);
    esc_returns(&mut h, &[KeyCode::Down, KeyCode::Enter]);
    esc_returns(&mut h, &[KeyCode::Char('i')]);
    esc_returns(&mut h, &[KeyCode::Char('i'), KeyCode::Enter]);
    h.key(KeyCode::Up);
    h.open_demo(0);
    // From the sections.
    for keys in [
        &[KeyCode::Char('f')][..],
        &[KeyCode::Char('/')],
        &[KeyCode::Char('y')],
        &[KeyCode::Char('N')],
        &[KeyCode::F(1)],
        &[KeyCode::F(5)],
        &[KeyCode::Char('m')],
        &[KeyCode::Char('p')],
    ] {
        esc_returns(&mut h, keys);
    }
    // From the grants, one grant and its log forms.
    h.key(KeyCode::Char('m'));
    esc_returns(&mut h, &[KeyCode::Enter]);
    esc_returns(&mut h, &[KeyCode::Char('a')]);
    h.key(KeyCode::Enter);
    for key in ['s', 't', 'n', 'o', 'l', 'r', 'p'] {
        esc_returns(&mut h, &[KeyCode::Char(key)]);
    }
    h.key(KeyCode::Esc).key(KeyCode::Esc);
    // From a section's questions and an answer.
    h.key(KeyCode::Enter);
    esc_returns(&mut h, &[KeyCode::Char('m')]);
    esc_returns(&mut h, &[KeyCode::Char('/')]);
    esc_returns(&mut h, &[KeyCode::Char('c')]);
    esc_returns(&mut h, &[KeyCode::Char('f')]);
    h.key(KeyCode::Enter);
    esc_returns(&mut h, &[KeyCode::F(6)]);
    esc_returns(&mut h, &[KeyCode::F(1)]);
    esc_returns(&mut h, &[KeyCode::F(5)]);
    esc_returns(&mut h, &[KeyCode::F(2)]);
    h.ctrl('f');
    assert_eq!(h.app.top().name(), "find");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.top().name(), "answer");
    // Find, then a question found: Esc from it goes back to where find
    // was opened (the answer), not to the found question's section.
    h.key(KeyCode::Esc).key(KeyCode::Esc);
    let before = h.app.stack_names();
    h.key(KeyCode::Char('/'))
        .type_text("bank account")
        .key(KeyCode::Enter);
    assert_eq!(h.app.current_question().unwrap().id, "has_bank_account");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.stack_names(), before);
    // From the funders and one funder.
    h.key(KeyCode::Char('f'));
    for keys in [
        &[KeyCode::Enter][..],
        &[KeyCode::Char('n')],
        &[KeyCode::Char('a')],
        &[KeyCode::Char('q')],
        &[KeyCode::Char('d')],
    ] {
        esc_returns(&mut h, keys);
    }
    to_funder(&mut h, "awards-for-all-england");
    h.key(KeyCode::Enter);
    esc_returns(&mut h, &[KeyCode::Char('d')]);
    esc_returns(&mut h, &[KeyCode::Char('q')]);
    esc_returns(&mut h, &[KeyCode::F(1)]);
    // From a bid: its preview and its checks.
    h.key(KeyCode::Char('d'));
    esc_returns(&mut h, &[KeyCode::Char('v')]);
    esc_returns(&mut h, &[KeyCode::Char('c')]);
    esc_returns(&mut h, &[KeyCode::Enter]);
    h.key(KeyCode::Down);
    esc_returns(&mut h, &[KeyCode::Enter]);
    h.key(KeyCode::Esc);
    // From a bid with no questions, adding them and leaving.
    h.key(KeyCode::Esc);
    let s = h.app.top_is::<Funders>().unwrap();
    let empty = s
        .matches
        .iter()
        .position(|m| m.id == "tudor-trust")
        .unwrap();
    for _ in 0..empty {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char('d'));
    esc_returns(&mut h, &[KeyCode::Char('q')]);
}

#[test]
fn esc_from_a_question_opened_from_a_funders_rule_goes_back_to_the_funder_with_the_rule_updated() {
    let mut h = Harness::new();
    h.open_demo(0);
    {
        // Forget the committee answer so Awards for All has a rule to check.
        let s = h.app.session.as_mut().unwrap();
        s.open.group.answers.remove("committee_unrelated");
    }
    h.key(KeyCode::Char('f'));
    let funders = h.app.top_is::<Funders>().unwrap();
    let index = funders
        .matches
        .iter()
        .position(|m| m.id == "awards-for-all-england")
        .unwrap();
    for _ in 0..index {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    let rule_at = |h: &Harness| {
        h.app
            .matches()
            .iter()
            .find(|m| m.id == "awards-for-all-england")
            .unwrap()
            .criteria
            .iter()
            .position(|c| c.question.as_deref() == Some("committee_unrelated"))
            .unwrap()
    };
    for _ in 0..rule_at(&h) {
        h.key(KeyCode::Down);
    }
    let rule = h.app.top_is::<Funder>().unwrap().rule().unwrap().clone();
    assert_eq!(rule.outcome, alongside::matching::Outcome::Unknown);
    h.key(KeyCode::Enter);
    assert!(h.app.top_is::<Answer>().is_some());
    assert_eq!(h.app.current_question().unwrap().id, "committee_unrelated");
    h.type_text("3").key(KeyCode::Esc);
    // Back on the funder, on the same rule, now worked out.
    let funder = h
        .app
        .top_is::<Funder>()
        .expect("Esc goes back to the funder");
    assert_eq!(funder.id, "awards-for-all-england");
    let now = funder.rule().unwrap();
    assert_eq!(now.key, rule.key);
    assert_ne!(
        now.outcome,
        alongside::matching::Outcome::Unknown,
        "{now:?}"
    );
    // Esc again: the list of funders, then the sections.
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Funders>().is_some());
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Sections>().is_some());
}

#[test]
fn messages_name_the_keys_a_person_has_rebound() {
    let mut h = Harness::new();
    let user = "[[binding]]\naction = \"theme\"\nkeys = [\"f10\"]\nscreens = [\"everywhere\"]\nhint = \"colours\"\n\n[[binding]]\naction = \"funders\"\nkeys = [\"F\"]\nscreens = [\"sections\", \"questions\"]\nhint = \"funders\"\n";
    h.app.keymap = alongside::tui::keymap::Keymap::with_user(user).unwrap();
    h.open_demo(0);
    assert!(h.text().contains("Press F to see"), "{}", h.text());
    h.key(KeyCode::F(10));
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("F10 changes it again"),
        "{:?}",
        h.app.status
    );
    // On one funder, yes to a rule that is not the funder's own question
    // says which keys answer those, as rebound.
    let user = "[[binding]]\naction = \"ask_yes\"\nkeys = [\"Y\"]\nscreens = [\"funder\"]\nhint = \"yes\"\n";
    h.app.keymap = alongside::tui::keymap::Keymap::with_user(user).unwrap();
    h.key(KeyCode::Char('f')).key(KeyCode::Enter);
    assert!(
        h.app
            .top_is::<Funder>()
            .unwrap()
            .rule()
            .is_some_and(|c| !c.key.starts_with("ask."))
    );
    h.key(KeyCode::Char('Y'));
    let said = &h.app.status.as_ref().unwrap().text;
    assert!(
        said.starts_with("Y and n answer the funder's own questions"),
        "{said}"
    );
}

#[test]
fn an_answer_is_autosaved_while_the_help_is_open_over_it() {
    let mut h = Harness::new();
    h.open_demo(0).answer("languages");
    h.type_text(" and Gujarati").key(KeyCode::F(1));
    assert_eq!(h.app.top().name(), "help");
    h.pause();
    assert!(matches!(
        h.saved(DEMO).value("languages"),
        Some(AnswerValue::Text(t)) if t.ends_with(" and Gujarati")
    ));
}

/// The text of a saved answer.
fn saved_text(h: &Harness, id: &str) -> String {
    match h.saved(DEMO).value(id) {
        Some(AnswerValue::Text(t)) => t.clone(),
        other => panic!("{id}: {other:?}"),
    }
}

#[test]
fn two_answers_open_at_once_each_keep_their_words() {
    let mut h = Harness::new();
    h.open_demo(0).answer("languages");
    let history = h.saved(DEMO).answers["languages"].history.len();
    h.type_text(" and Gujarati");
    // Find, from the answer, opens a second answer over the first.
    h.ctrl('f').type_text("run the group").key(KeyCode::Enter);
    assert_eq!(h.app.current_question().unwrap().id, "how_run");
    let answers = |h: &Harness| {
        h.app
            .stack_names()
            .into_iter()
            .filter(|n| *n == "answer")
            .count()
    };
    assert_eq!(answers(&h), 2, "{:?}", h.app.stack_names());
    h.type_text(" We vote on big things.");
    h.key(KeyCode::Esc);
    // The first answer is on top again with its words, its visit going on.
    assert_eq!(answers(&h), 1);
    let first = h.app.top_is::<Answer>().expect("the first answer");
    assert_eq!(first.question_id().as_str(), "languages");
    assert!(
        first
            .editor
            .typed_text()
            .is_some_and(|t| t.ends_with(" and Gujarati")),
        "{:?}",
        first.editor.typed_text()
    );
    h.type_text(" and Urdu");
    h.ctrl('c');
    assert!(h.app.quit);
    assert!(saved_text(&h, "languages").ends_with(" and Gujarati and Urdu"));
    assert!(saved_text(&h, "how_run").ends_with(" We vote on big things."));
    // One visit, though another answer was written in the middle of it:
    // one earlier version kept, not one for each part of the visit.
    assert_eq!(
        h.saved(DEMO).answers["languages"].history.len(),
        history + 1
    );
}

#[test]
fn an_answer_changed_over_the_same_answer_is_not_put_back() {
    let mut h = Harness::new();
    h.open_demo(0).answer("languages");
    h.type_text(" and Gujarati");
    // The same question found from its own answer, and changed there.
    h.ctrl('f')
        .type_text("languages do people use")
        .key(KeyCode::Enter);
    assert_eq!(h.app.current_question().unwrap().id, "languages");
    h.type_text(" and Urdu").key(KeyCode::Esc);
    // Back on the first: it shows the words written over it, and saving
    // it again keeps them.
    let first = h.app.top_is::<Answer>().expect("the first answer");
    assert!(
        first
            .editor
            .typed_text()
            .is_some_and(|t| t.ends_with(" and Gujarati and Urdu")),
        "{:?}",
        first.editor.typed_text()
    );
    h.type_text(" and Polish").key(KeyCode::Esc);
    assert!(saved_text(&h, "languages").ends_with(" and Gujarati and Urdu and Polish"));
}

#[test]
fn words_covered_by_other_screens_are_autosaved() {
    let mut h = Harness::new();
    h.open_demo(0).answer("languages");
    h.type_text(" and Gujarati").key(KeyCode::F(5));
    assert_eq!(h.app.top().name(), "glossary");
    h.pause();
    assert!(saved_text(&h, "languages").ends_with(" and Gujarati"));
    h.key(KeyCode::Esc);
    // An answer with words not yet saved, under a second answer with
    // words of its own: one autosave keeps both.
    h.type_text(" and Urdu");
    let second = Answer::open(&mut h.app.ctx, "how_run").expect("how_run applies");
    h.app.push(Box::new(second));
    h.type_text(" We vote on big things.");
    h.pause();
    assert!(saved_text(&h, "languages").ends_with(" and Gujarati and Urdu"));
    assert!(saved_text(&h, "how_run").ends_with(" We vote on big things."));
    assert_eq!(h.app.top().name(), "answer");
}

#[test]
fn wording_typed_under_the_help_screen_is_autosaved() {
    // Only the top screen used to be asked to autosave: words for a funder
    // under the help screen waited for the help to close.
    let mut h = Harness::new();
    open_demo_draft(&mut h);
    h.key(KeyCode::Enter).type_text("We meet weekly");
    h.key(KeyCode::F(1));
    assert_eq!(h.app.top().name(), "help");
    h.pause();
    assert_eq!(saved_idea(&h).as_deref(), Some("We meet weekly"));
}

#[test]
fn a_half_typed_amount_is_kept_when_the_program_is_stopped_and_comes_back() {
    use alongside::store::unfinished;
    use alongside::tui::signals::Stop;
    let mut h = Harness::new();
    h.open_demo(0).answer("money_held");
    let before = h.saved(DEMO).value("money_held").cloned();
    h.type_text("x");
    h.app.stop(Stop::HangUp);
    assert!(h.app.quit);
    // Not an amount, so not an answer: the saved one stays as it was, and
    // the words typed are kept for next time.
    assert_eq!(h.saved(DEMO).value("money_held").cloned(), before);
    let kept = unfinished::find(&h.data, DEMO).expect("kept in unfinished/");
    assert_eq!(
        (kept.form.as_str(), kept.grant.as_str()),
        ("answer", "money_held")
    );
    let typed = kept.fields[0].clone();
    assert!(typed.ends_with('x'), "{typed}");
    // The program has ended: the group's lock goes with it.
    h.app.session = None;
    let mut again = h.next_time();
    again.key(KeyCode::Enter);
    assert!(
        again.status().contains("You left an answer half-filled"),
        "{}",
        again.status()
    );
    again.key(KeyCode::Enter).answer("money_held");
    let answer = again.app.top_is::<Answer>().unwrap();
    assert_eq!(answer.editor.typed_text().as_deref(), Some(typed.as_str()));
    assert!(
        again.status().contains("last time is back"),
        "{}",
        again.status()
    );
    assert!(unfinished::find(&again.data, DEMO).is_none());
}

#[test]
fn ctrl_c_on_an_answer_not_valid_yet_asks_first_then_quits_without_it() {
    let mut h = Harness::new();
    h.open_demo(0).answer("money_held");
    let before = h.saved(DEMO).value("money_held").cloned();
    h.type_text("x").ctrl('c');
    assert!(!h.app.quit, "the first Ctrl+C warns");
    assert!(
        h.status().contains("this answer is not saved yet")
            && h.status().contains("Press Ctrl+C again to quit without it"),
        "{}",
        h.status()
    );
    h.ctrl('c');
    assert!(h.app.quit);
    assert_eq!(h.saved(DEMO).value("money_held").cloned(), before);
}

#[test]
fn a_review_left_with_esc_is_over() {
    let mut h = Harness::new();
    h.open_demo(0);
    h.key(KeyCode::Char('N')).key(KeyCode::Enter);
    h.key(KeyCode::Char('r'));
    assert!(h.app.top_is::<Answer>().is_some_and(Answer::in_review));
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Sections>().is_some());
    // The next unanswered question is the next without an answer again,
    // not the next to review.
    h.key(KeyCode::Char('u'));
    match h.app.top_is::<Answer>() {
        Some(answer) => {
            assert!(!answer.in_review());
            let id = answer.question_id().as_str();
            assert!(
                !h.app
                    .session
                    .as_ref()
                    .unwrap()
                    .open
                    .group
                    .answers
                    .contains_key(id),
                "{id}"
            );
        }
        None => assert_eq!(h.status(), "Every question that applies has an answer."),
    }
}

#[test]
fn find_looks_in_why_funders_ask_the_glossary_and_words_meaning_the_same() {
    let mut h = Harness::new();
    // "signatory" is the funders' word; the question says "sign cheques".
    h.open_demo(0).key(KeyCode::Char('/'));
    h.type_text("signatory");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.current_question().unwrap().id,
        "unrelated_signatories"
    );
    // Words only in why funders ask it.
    h.key(KeyCode::Esc);
    while h.app.top_is::<Sections>().is_none() {
        h.key(KeyCode::Esc);
    }
    h.key(KeyCode::Char('/'));
    h.type_text("carries alone");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.current_question().unwrap().id,
        "unrelated_signatories"
    );
}

#[test]
fn exporting_asks_where_and_makes_the_folder_typed_private() {
    let mut h = Harness::new();
    let home = tempfile::tempdir().unwrap();
    open_demo_draft(&mut h);
    h.app.export_dir = "/home/sam/Documents/alongside".into();
    h.key(KeyCode::Char('e'));
    snap(&h, "export_where");
    // Emptied, it asks for a folder; Esc saves nothing.
    for _ in 0..300 {
        h.key(KeyCode::Backspace);
    }
    h.key(KeyCode::Enter);
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Type the folder")
    );
    assert_eq!(h.app.top().name(), "export-where");
    let folder = home.path().join("bids").join("2027");
    h.type_text(&folder.display().to_string())
        .key(KeyCode::Enter);
    let status = h.app.status.as_ref().unwrap().text.clone();
    assert!(
        status.starts_with(&format!("Saved in {}:", folder.display())),
        "the whole path: {status}"
    );
    assert!(
        folder
            .join(format!("{DEMO}-awards-for-all-england.docx"))
            .exists()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&folder).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
    // Next time it offers the folder used.
    h.key(KeyCode::Char('e'));
    assert!(h.text().contains(&folder.display().to_string()));
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Bid>().is_some());
}

/// Back on the list of groups with the demo group here, writes a copy of
/// it from another computer (an answer changed there) outside the data
/// folder and returns its path.
fn a_changed_copy_of_the_demo(h: &mut Harness) -> std::path::PathBuf {
    h.open_demo(0);
    while h.app.top_is::<Home>().is_none() {
        h.key(KeyCode::Esc);
    }
    let copy = h.outside().join("riverside copy.toml");
    let text = std::fs::read_to_string(h.data.group_file(DEMO)).unwrap();
    let changed = text.replacen(
        "Riverside Aphasia Café\"",
        "Riverside Aphasia Café (upstairs)\"",
        1,
    );
    assert_ne!(changed, text);
    std::fs::write(&copy, changed).unwrap();
    copy
}

#[test]
fn importing_a_group_already_here_offers_merge_or_replace_with_a_backup() {
    let mut h = Harness::new();
    let copy = a_changed_copy_of_the_demo(&mut h);
    let backups = |h: &Harness| -> Vec<String> {
        std::fs::read_dir(h.data.backups(DEMO))
            .into_iter()
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
            .collect()
    };
    for (downs, said) in [(0, "Merged"), (1, "Replaced")] {
        h.key(KeyCode::Char('i'));
        type_import_path(&mut h);
        for _ in 0..200 {
            h.key(KeyCode::Backspace);
        }
        h.type_text(&copy.display().to_string()).key(KeyCode::Enter);
        assert_eq!(h.app.top().name(), "import-existing", "{}", h.text());
        assert!(h.text().contains("is already here"), "{}", h.text());
        assert!(
            h.text().contains("Replace it with the file"),
            "{}",
            h.text()
        );
        let before = std::fs::read_to_string(h.data.group_file(DEMO)).unwrap();
        for _ in 0..downs {
            h.key(KeyCode::Down);
        }
        h.key(KeyCode::Enter);
        let status = h.app.status.clone().unwrap();
        assert!(status.text.starts_with(said), "{status:?}");
        assert!(h.app.top_is::<Home>().is_some());
        if said == "Replaced" {
            assert!(backups(&h).contains(&before), "the group as it was is kept");
        }
    }
    // Esc imports nothing.
    h.key(KeyCode::Char('i'));
    for _ in 0..200 {
        h.key(KeyCode::Backspace);
    }
    h.type_text(&copy.display().to_string())
        .key(KeyCode::Enter)
        .key(KeyCode::Esc);
    assert!(h.app.top_is::<Home>().is_some());
}

#[test]
fn import_lists_the_group_files_in_the_usual_folders_to_pick_from() {
    use alongside::tui::screens::import_pick::ImportPick;
    let mut h = Harness::new();
    let downloads = h.outside().join("Downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let demo = alongside::demo::demo_group().unwrap();
    let mut group = demo.clone();
    group.slug = "tuesday-knitters".into();
    group.name = "Tuesday Knitters".into();
    let file = downloads.join("tuesday-knitters.toml");
    std::fs::write(&file, alongside::group::to_text(&group).unwrap()).unwrap();
    std::fs::write(downloads.join("notes.txt"), "not a group").unwrap();
    h.app.import_folders = vec![downloads.clone()];
    h.keys(&[KeyCode::Down, KeyCode::Down, KeyCode::Enter]); // "Import a group file"
    assert_eq!(
        h.app.top_is::<ImportPick>().unwrap().files,
        vec![file.clone()]
    );
    assert!(h.text().contains("tuesday-knitters.toml"), "{}", h.text());
    assert!(h.text().contains("Type the path of another file"));
    h.key(KeyCode::Enter);
    assert!(
        h.app
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Imported tuesday-knitters")
    );
    assert!(h.data.group_file("tuesday-knitters").exists());
    assert!(h.app.top_is::<Home>().is_some());
    assert!(h.text().contains("Tuesday Knitters"));
    // The same file again: merge or replace, not an error.
    h.key(KeyCode::Char('i')).key(KeyCode::Enter);
    assert_eq!(h.app.top().name(), "import-existing");
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Home>().is_some());
}

/// The screens reached only by a set-up of their own, walked by
/// `the_screens_reached_only_by_special_set_ups_offer_what_their_keymap_binds`.
pub const WALKED_BY_SET_UP: &[&str] = &[
    "conflicts",
    "export-where",
    "import-existing",
    "save-elsewhere",
];

#[test]
fn the_screens_reached_only_by_special_set_ups_offer_what_their_keymap_binds() {
    let mut seen = Vec::new();

    // Choosing between two copies' words, from the sections.
    let mut h = Harness::new();
    two_copies_differ_on_languages(&mut h);
    let before = h.app.stack_names();
    h.key(KeyCode::Char('x'));
    assert_eq!(h.app.top().name(), "conflicts");
    h.check_commands(&mut seen);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.stack_names(), before, "Esc from conflicts");
    assert!(!h.saved(DEMO).conflicts.is_empty(), "Esc chose nothing");

    // Where to save a bid's export, from the bid.
    let mut h = Harness::new();
    let exports = tempfile::tempdir().unwrap();
    h.app.export_dir = exports.path().to_path_buf();
    open_demo_draft(&mut h);
    let before = h.app.stack_names();
    h.key(KeyCode::Char('e'));
    assert_eq!(h.app.top().name(), "export-where");
    h.check_commands(&mut seen);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.stack_names(), before, "Esc from export-where");
    let written = std::fs::read_dir(exports.path()).unwrap().count();
    assert_eq!(written, 0, "Esc exported nothing");

    // Importing a file whose group is already here, from the box for its
    // path; that box has done its work, so Esc comes back to the list of
    // groups the import was started from.
    let mut h = Harness::new();
    let copy = a_changed_copy_of_the_demo(&mut h);
    let before = h.app.stack_names();
    h.key(KeyCode::Char('i'));
    type_import_path(&mut h);
    for _ in 0..200 {
        h.key(KeyCode::Backspace);
    }
    h.type_text(&copy.display().to_string()).key(KeyCode::Enter);
    assert_eq!(h.app.top().name(), "import-existing", "{}", h.text());
    h.check_commands(&mut seen);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.stack_names(), before, "Esc from import-existing");

    // A save that fails on quitting, from an answer. Esc there does not
    // quit: it goes back to the answer, its words still in the box and
    // the status saying they are still not saved.
    let mut h = Harness::new();
    h.open_demo(0).answer("group_name");
    h.key(KeyCode::End).type_text(" Too");
    groups_folder_cannot_be_saved_in(&h);
    let before = h.app.stack_names();
    h.ctrl('c');
    assert_eq!(h.app.top().name(), "save-elsewhere");
    h.check_commands(&mut seen);
    h.key(KeyCode::Esc);
    assert!(!h.app.quit);
    assert_eq!(h.app.stack_names(), before, "Esc from save-elsewhere");
    assert!(h.status().contains("still not saved"), "{}", h.status());
    let typed = h.app.top_is::<Answer>().unwrap().editor.typed_text();
    let typed = typed.unwrap_or_default();
    assert!(typed.ends_with(" Too"), "{typed}");

    for name in WALKED_BY_SET_UP {
        assert!(seen.contains(name), "{name} not walked: {seen:?}");
    }
}

/// Screen files whose `name` does not return a string literal: the file,
/// the expression `name` returns, the function whose match arms give the
/// names (None when the file names no screen itself) and those names. A
/// change to either fails `every_screen_is_walked`, so this table is read
/// again rather than quietly going stale.
const NAMES_NOT_WRITTEN_IN_NAME: &[(&str, &str, Option<&str>, &[&str])] = &[
    // Every `FormScreen` is a screen by this one impl; each is named by
    // its `NAME` in its own file, which the guard reads there.
    ("grant_form.rs", "T::NAME", None, &[]),
    (
        "home_entry.rs",
        "self.kind.form()",
        Some("fn form(self) -> &'static str {"),
        &["new-group", "import"],
    ),
];

/// The string literal that starts `text` (after spaces), if it does.
fn leading_literal(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix('"')?;
    rest.split('"').next()
}

/// The names of the screens one file of `src/tui/screens` defines, read
/// from its source: what its `fn name` returns, or its `FormScreen` `NAME`.
fn screen_names_in(file: &str, source: &str) -> Vec<String> {
    const NAME_FN: &str = "fn name(&self) -> &'static str {";
    const FORM_NAME: &str = "const NAME: &'static str =";
    let defines_a_screen = source.lines().any(|line| {
        line.starts_with("impl")
            && (line.contains(" Screen for ") || line.contains("FormScreen for "))
    });
    if !defines_a_screen {
        return Vec::new();
    }
    let mut names = Vec::new();
    let mut read_a_name = false;
    for (start, marker) in source
        .match_indices(NAME_FN)
        .chain(source.match_indices(FORM_NAME))
    {
        read_a_name = true;
        let after = &source[start + marker.len()..];
        if let Some(name) = leading_literal(after) {
            names.push(name.to_string());
            continue;
        }
        let returned = after.split('}').next().unwrap_or_default().trim();
        let Some((_, _, arms, listed)) = NAMES_NOT_WRITTEN_IN_NAME
            .iter()
            .find(|(known, expression, ..)| *known == file && *expression == returned)
        else {
            panic!(
                "{file}: `name` returns `{returned}`, not a string literal; \
                 add the file to NAMES_NOT_WRITTEN_IN_NAME with the names it gives"
            );
        };
        if let Some(arms) = arms {
            let body = source
                .split_once(arms)
                .unwrap_or_else(|| panic!("{file}: `{arms}` is gone"))
                .1;
            let body = body.split("\n    }\n").next().unwrap_or_default();
            let given: Vec<&str> = body
                .match_indices("=> \"")
                .filter_map(|(at, arrow)| body[at + arrow.len()..].split('"').next())
                .collect();
            assert_eq!(&given, listed, "{file}: the names in `{arms}` changed");
        }
        names.extend(listed.iter().map(|name| name.to_string()));
    }
    assert!(read_a_name, "{file} defines a screen but no name was read");
    names
}

#[test]
fn every_screen_is_walked() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/screens");
    let mut defined = Vec::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let source = std::fs::read_to_string(&path).unwrap();
            defined.extend(screen_names_in(&file, &source));
        }
    }
    // Reading the sources found the screens this test knows are there.
    for name in ["home", "answer", "new-group", "award", "conflicts"] {
        assert!(defined.iter().any(|d| d == name), "{name}: {defined:?}");
    }
    let walked: Vec<&str> = WALKED_FROM_HOME
        .iter()
        .chain(WALKED_BY_SET_UP)
        .chain(super::tui_returns::GRANT_SCREENS_WALKED)
        .copied()
        .collect();
    let missing: Vec<&String> = defined
        .iter()
        .filter(|name| !walked.contains(&name.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "screens no walk checks with check_commands (walk them and add them \
         to a walk's list of names): {missing:?}"
    );
}

#[test]
fn a_budget_line_typed_but_not_added_is_kept_on_quitting_and_comes_back() {
    use alongside::store::unfinished;
    let mut h = Harness::new();
    h.open_demo(1).answer("project_budget");
    let before = h.saved(DEMO).value("project_budget").cloned();
    h.key(KeyCode::Char('a'));
    h.type_text("Taxi for two members");
    h.key(KeyCode::Tab).key(KeyCode::Down); // second category: transport
    h.key(KeyCode::Tab).type_text("£60");
    // Quit with the line's form still open: Enter never added it.
    h.ctrl('c');
    assert!(h.app.quit);
    assert_eq!(h.saved(DEMO).value("project_budget").cloned(), before);
    let kept = unfinished::find(&h.data, DEMO).expect("kept in unfinished/");
    assert_eq!(
        (kept.form.as_str(), kept.grant.as_str()),
        ("budget-line", "project_budget")
    );
    assert_eq!(kept.fields[..3], ["Taxi for two members", "£60", "1"]);
    h.app.session = None;
    let mut again = h.next_time();
    again.key(KeyCode::Enter);
    assert!(
        again
            .status()
            .contains("You left a budget line half-filled"),
        "{}",
        again.status()
    );
    again.key(KeyCode::Enter).answer("project_budget");
    let answer = again.app.top_is::<Answer>().unwrap();
    assert_eq!(
        answer.editor.half_filled_line().unwrap()[..3],
        ["Taxi for two members", "£60", "1"]
    );
    assert!(unfinished::find(&again.data, DEMO).is_none());
    // Enter adds it, as if it had never been left.
    again.key(KeyCode::Enter).key(KeyCode::Esc);
    let Some(AnswerValue::Budget(lines)) = again.saved(DEMO).value("project_budget").cloned()
    else {
        panic!("no budget")
    };
    assert_eq!(
        lines.last(),
        Some(&BudgetLine {
            item: "Taxi for two members".into(),
            category: "transport".into(),
            pence: 6000
        })
    );
}

#[test]
fn a_typed_import_path_for_a_group_already_here_is_kept_until_the_file_is_brought_in() {
    let mut h = Harness::new();
    let copy = a_changed_copy_of_the_demo(&mut h);
    let type_the_copy = |h: &mut Harness| {
        h.key(KeyCode::Char('i'));
        type_import_path(h);
        for _ in 0..200 {
            h.key(KeyCode::Backspace);
        }
        h.type_text(&copy.display().to_string()).key(KeyCode::Enter);
        assert_eq!(h.app.top().name(), "import-existing", "{}", h.text());
    };
    // Going back from "already here" leaves the typed path in its box.
    type_the_copy(&mut h);
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Home>().is_some());
    h.key(KeyCode::Char('i'));
    type_import_path(&mut h);
    let in_the_box = h
        .text()
        .lines()
        .any(|l| l.contains('│') && l.contains("riverside copy.toml"));
    assert!(in_the_box, "{}", h.text());
    h.key(KeyCode::Esc).key(KeyCode::Esc);
    // Merging brings the file in: the box is empty next time.
    while h.app.top_is::<Home>().is_none() {
        h.key(KeyCode::Esc);
    }
    type_the_copy(&mut h);
    h.key(KeyCode::Enter); // the first choice: merge
    assert!(h.status().contains("Merged"), "{}", h.status());
    h.key(KeyCode::Char('i'));
    type_import_path(&mut h);
    let in_the_box = h
        .text()
        .lines()
        .any(|l| l.contains('│') && l.contains("riverside copy.toml"));
    assert!(!in_the_box, "{}", h.text());
}
