//! Drafting a bid: rendered drafts of the demo group for Awards for All
//! England (insta snapshots of Markdown, plain text and HTML), the Word
//! document, the pre-submission checks one kind of problem at a time,
//! template errors and overrides, and the `draft` and `check` commands run
//! for real against a temporary data folder.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use alongside::bank::{AnswerValue, Bank};
use alongside::drafting::{
    self, DraftContext, Format, Problem, ProblemKind, Severity, Status, Templates,
};
use alongside::funders::Profile;
use alongside::group::{Author, Group};
use alongside::vocab::Vocabularies;

use crate::common::*;

const FUNDER: &str = "awards-for-all-england";
const PROFILE: &str = include_str!("../../funders/awards-for-all-england.toml");

// ---------------------------------------------------------------------------
// The demo group with wording for Awards for All

fn profile() -> Profile {
    alongside::funders::check_source("awards-for-all-england.toml", PROFILE)
        .expect("the profile is valid")
}

fn bank() -> &'static Bank {
    Bank::builtin().unwrap()
}

fn vocab() -> &'static Vocabularies {
    Vocabularies::builtin()
}

/// The group's own wording for each Awards for All question except
/// `beneficiaries`, which is left unwritten to show a gap. (The Fund's form
/// has no written question about the organisation: it asks for its details
/// in fields.)
const WORDING: &[(&str, &str, Author, &str)] = &[
    (
        "your-idea",
        "We are Riverside Aphasia Café, a group for people who have aphasia after a stroke and their partners. \
We want to keep our café going every two weeks for a year, so 26 cafés in the church hall in Shirley. \
At the café people have a cuppa and practise talking without being rushed.\n\n\
The money will pay for the hall, tea and cake, and taxis for three members who cannot use the bus. \
We also want two trips with a coach that has a lift, and a talk from a speech and language therapist about phones and talking apps. \
Members chose all of this themselves. We will count who comes and ask members what changed for them.",
        Author::Group,
        "2026-11-12T14:05:00Z",
    ),
    (
        "priorities",
        "Bringing people together. After a stroke with aphasia, people stop going out because talking is hard and friends drift away. \
Partners become carers overnight. At the café everyone understands, so people relax and talk again. \
New members are paired with someone who has been coming a while. The trips get people out who otherwise only go to the hospital. \
Members tell us they feel less lonely and more confident, and some go on to help new patients at the hospital.",
        Author::Together,
        "2026-11-12T14:20:00Z",
    ),
    (
        "community",
        "The café is run by its members. Three of our five committee members have aphasia and two are partners. \
We talked about this plan at three cafés. Dave drew each idea on the whiteboard and people voted with stickers, \
because not everyone can say or write what they think. Trips and the therapist's talk got most stickers. \
Sue and Ken found a coach with a lift. 14 people come regularly and about 40 are in touch.",
        Author::Group,
        "2026-11-12T14:40:00Z",
    ),
    (
        "budget",
        "Hall hire £910, refreshments £312, taxis £780, coach for two trips £1,300, lunch on the trips £600, \
therapist's talk £200, printing £300, tablet and stand £350. Total £4,752.",
        Author::Supporter,
        "2026-11-19T13:50:00Z",
    ),
    (
        "total-cost",
        "£4,752. Members' £1 subs cover some of the tea and cake, and the church lets us have the hall for less than the normal price.",
        Author::Together,
        "2026-11-19T14:00:00Z",
    ),
];

/// The demo group with the wording above.
fn demo_with_wording() -> Group {
    let mut group = alongside::demo::demo_group().unwrap();
    for (question, text, by, when) in WORDING {
        assert!(group.set_wording(FUNDER, question, (*text).to_string(), *by, at(when)));
    }
    group
}

/// The demo wording with a required question (`your-idea`) taken out again.
fn without_your_idea() -> Group {
    let mut group = demo_with_wording();
    group
        .wording
        .get_mut(FUNDER)
        .unwrap()
        .remove("your-idea")
        .expect("the demo wording answers your-idea");
    group
}

fn context(group: &Group, with_notes: bool) -> DraftContext {
    DraftContext::build(group, &profile(), bank(), vocab(), today(), with_notes)
}

fn render_with(templates: &Templates, format: Format, group: &Group, with_notes: bool) -> Vec<u8> {
    drafting::render(format, &context(group, with_notes), templates)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn render_text(format: Format, group: &Group, with_notes: bool) -> String {
    alongside::dates::show_times_in_utc();
    let templates = Templates::load(None, FUNDER).unwrap();
    String::from_utf8(render_with(&templates, format, group, with_notes)).unwrap()
}

// ---------------------------------------------------------------------------
// Rendered drafts

#[test]
fn markdown_draft_of_the_demo() {
    insta::assert_snapshot!(
        "draft_md",
        render_text(Format::Markdown, &demo_with_wording(), false)
    );
}

#[test]
fn text_paste_sheet_of_the_demo() {
    insta::assert_snapshot!(
        "draft_txt",
        render_text(Format::Text, &demo_with_wording(), false)
    );
}

#[test]
fn html_draft_of_the_demo() {
    insta::assert_snapshot!(
        "draft_html",
        render_text(Format::Html, &demo_with_wording(), false)
    );
}

#[test]
fn markdown_working_copy_of_the_demo() {
    insta::assert_snapshot!(
        "draft_md_with_notes",
        render_text(Format::Markdown, &demo_with_wording(), true)
    );
}

#[test]
fn the_paste_sheet_has_nothing_a_web_form_would_show_literally() {
    let txt = render_text(Format::Text, &demo_with_wording(), false);
    for mark in ['#', '*', '|', '`', '<', '>', '[', ']', '_'] {
        assert!(!txt.contains(mark), "`{mark}` in the paste sheet:\n{txt}");
    }
    // Every answer is there exactly as written, with its limit and count.
    for (_, text, _, _) in WORDING {
        assert_contains(&txt, text);
    }
    assert_contains(&txt, "Limit: 50 to 300 words\nCount: 117 words: fine");
}

#[test]
fn an_unwritten_question_is_a_gap_and_nothing_is_filled_in() {
    let group = demo_with_wording();
    let md = render_text(Format::Markdown, &group, false);
    assert_contains(
        &md,
        "## 6. Is your project open to everyone or is it aimed at a specific group of people?\n\n**Not written yet.**",
    );
    // The bank answer `beneficiaries` draws on is not pasted in.
    let who_for = match group.value("who_for") {
        Some(AnswerValue::Text(t)) => t.clone(),
        other => panic!("{other:?}"),
    };
    let first_line = who_for.lines().next().unwrap();
    for format in [Format::Markdown, Format::Text, Format::Html] {
        let out = render_text(format, &group, false);
        assert_lacks(&out, first_line);
        assert_lacks(&out, "Older people");
    }
    // The working copy offers it, labelled as the group's own answers.
    let notes = render_text(Format::Markdown, &group, true);
    assert_contains(&notes, "From your answers (to start from, not to copy):");
    assert_contains(&notes, first_line);
}

#[test]
fn authorship_and_coaching_notes_appear_only_in_a_working_copy() {
    let mut group = demo_with_wording();
    group.set_note(
        "who_for",
        "Say who comes, in your words.",
        Author::Supporter,
        at("2026-11-12T15:00:00Z"),
    );
    for format in [Format::Markdown, Format::Text, Format::Html] {
        let draft = render_text(format, &group, false);
        for hidden in [
            "Written by",
            "the supporter",
            "and supporter together",
            "From your answers",
            "The funder's tips",
            "19 Nov 2026",
            "Coaching note",
            "Say who comes",
        ] {
            assert_lacks(&draft, hidden);
        }
        let working = render_text(format, &group, true);
        assert_contains(&working, "Written by the supporter, 19 Nov 2026 13:50.");
        assert_contains(
            &working,
            "Written by the group and supporter together, 12 Nov 2026 14:20.",
        );
        assert_contains(&working, "Do not send it to the funder.");
        assert_contains(&working, "Coaching note: Say who comes, in your words.");
        assert_contains(&working, "The funder's tips: Pick the aim that fits best");
    }
}

#[test]
fn html_escapes_every_answer() {
    let mut group = demo_with_wording();
    group.set_wording(
        FUNDER,
        "beneficiaries",
        "<script>alert('x')</script> Tea & cake for \"everyone\" <b>here</b>".into(),
        Author::Group,
        at("2026-11-20T10:00:00Z"),
    );
    group.set_answer(
        "group_name",
        AnswerValue::Text("Café <i>& Co</i>".into()),
        Author::Group,
        at("2026-11-20T10:00:00Z"),
    );
    let html = render_text(Format::Html, &group, true);
    assert_lacks(&html, "<script>");
    assert_lacks(&html, "<b>here");
    assert_lacks(&html, "<i>& Co");
    assert_contains(
        &html,
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Tea &amp; cake for &quot;everyone&quot; &lt;b&gt;here&lt;/b&gt;",
    );
    assert_contains(&html, "From: Café &lt;i&gt;&amp; Co&lt;/i&gt;");
    // Self-contained: nothing fetched from elsewhere.
    for outside in ["<link", "<script", "src=", "@import", "url("] {
        assert_lacks(&html, outside);
    }
}

#[test]
fn control_characters_never_reach_a_draft() {
    let mut group = demo_with_wording();
    group.set_wording(
        FUNDER,
        "beneficiaries",
        "Carers\u{1b}[2J and \u{7}partners".into(),
        Author::Group,
        at("2026-11-20T10:00:00Z"),
    );
    for format in [Format::Markdown, Format::Text, Format::Html] {
        let out = render_text(format, &group, false);
        assert_contains(&out, "Carers[2J and partners");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'));
    }
}

// ---------------------------------------------------------------------------
// Word

/// The text of one file inside a zip (a .docx is a zip of XML files).
fn unzip(bytes: &[u8], name: &str) -> String {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a .docx is a zip file");
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in the .docx"));
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn word_document_holds_headings_answers_and_the_budget_table() {
    let mut group = demo_with_wording();
    group.set_wording(
        FUNDER,
        "beneficiaries",
        "Carers & partners <all ages>".into(),
        Author::Group,
        at("2026-11-20T10:00:00Z"),
    );
    let templates = Templates::load(None, FUNDER).unwrap();
    let bytes = render_with(&templates, Format::Docx, &group, false);
    assert_eq!(&bytes[..2], b"PK", "a zip file");
    let xml = unzip(&bytes, "word/document.xml");
    assert!(
        xml.trim_start().starts_with("<?xml"),
        "{}",
        &xml[..100.min(xml.len())]
    );
    assert!(xml.trim_end().ends_with("</w:document>"));
    assert_contains(
        &xml,
        "Application to National Lottery Awards for All England",
    );
    assert_contains(
        &xml,
        "We are Riverside Aphasia Café, a group for people who have aphasia",
    );
    assert_contains(&xml, "Carers &amp; partners &lt;all ages&gt;");
    assert_contains(&xml, "<w:tbl>");
    assert_contains(&xml, "Church hall hire, 26 sessions at £35");
    assert_contains(&xml, "£4,752");
    assert_contains(&xml, "w:val=\"Heading2\"");
    assert_lacks(&xml, "Written by");
    let styles = unzip(&bytes, "word/styles.xml");
    assert_contains(&styles, "w:styleId=\"Heading1\"");
}

#[test]
fn word_working_copy_has_authorship_and_unwritten_gaps() {
    alongside::dates::show_times_in_utc();
    let templates = Templates::load(None, FUNDER).unwrap();
    let xml = unzip(
        &render_with(&templates, Format::Docx, &demo_with_wording(), true),
        "word/document.xml",
    );
    assert_contains(&xml, "Working copy: application to");
    assert_contains(&xml, "Written by the supporter, 19 Nov 2026 13:50.");
    assert_contains(&xml, "Not written yet.");
}

// ---------------------------------------------------------------------------
// Counting

#[test]
fn live_count_follows_the_funders_limits() {
    let profile = profile();
    let idea = &profile.questions[0];
    assert_eq!(
        drafting::limit_description(idea).as_deref(),
        Some("50 to 300 words")
    );
    let count = drafting::limit_status(idea, "We want to keep the café going.");
    assert_eq!(count.status, Status::Under);
    assert_eq!(count.words, 7);
    assert_eq!(count.description, "7 words: 43 short of the minimum of 50");
    assert_eq!(count.advice, "Add at least 43 more words.");
    let count = drafting::limit_status(idea, &"tea ".repeat(301));
    assert_eq!(
        (count.status, count.description.as_str()),
        (Status::Over, "301 words: 1 over the limit of 300 words")
    );
    assert_eq!(drafting::limit_status(idea, "").status, Status::Empty);
}

// ---------------------------------------------------------------------------
// Pre-submission checks

/// Every other built-in funder's name, as `alongside check` uses them.
fn other_funders(profile: &Profile) -> Vec<String> {
    let builtins = alongside::funders::Catalogue::load(&alongside::funders::Sources::Standard {
        user_dir: PathBuf::from("/nonexistent/alongside/funders"),
    });
    drafting::funder_names(builtins.profiles.iter().map(|l| &l.profile), profile)
}

fn problems(group: &Group, profile: &Profile) -> Vec<Problem> {
    drafting::check(
        group,
        profile,
        &other_funders(profile),
        bank(),
        vocab(),
        today(),
    )
}

fn of_kind(problems: &[Problem], kind: ProblemKind) -> Vec<&Problem> {
    problems.iter().filter(|p| p.kind == kind).collect()
}

/// The demo with every question written: only warnings are left.
fn ready_group() -> Group {
    let mut group = demo_with_wording();
    group.set_wording(
        FUNDER,
        "beneficiaries",
        "People with aphasia after a stroke, and their partners.".into(),
        Author::Group,
        at("2026-11-20T10:00:00Z"),
    );
    group
}

#[test]
fn a_finished_bid_has_nothing_blocking() {
    let found = problems(&ready_group(), &profile());
    assert!(
        found.iter().all(|p| p.severity == Severity::Warning),
        "{found:#?}"
    );
    insta::assert_snapshot!(
        "check_ready_json",
        serde_json::to_string_pretty(&found).unwrap()
    );
}

#[test]
fn check_finds_questions_not_written() {
    let found = problems(&demo_with_wording(), &profile());
    let gaps = of_kind(&found, ProblemKind::NotWritten);
    assert_eq!(gaps.len(), 1, "{found:#?}");
    let p = gaps[0];
    // The funder's form requires it, so a gap stops the bid.
    assert_eq!(p.severity, Severity::Blocking);
    assert_eq!(p.question.as_deref(), Some("beneficiaries"));
    assert_eq!(
        p.place,
        "Question 6 \"Is your project open to everyone or is it aimed at a specific group of people?\""
    );
    assert_eq!(p.problem, "Not written yet.");
    assert_eq!(
        p.fix,
        "Write the group's answer for this funder, in your own words. Your answers to \"Which of these describe the people your group is for? Pick all that fit.\" and \"Who is your group for? What have members been through, or what do they share?\" are there to start from."
    );
    // The bank answers being there does not count as written.
    assert!(
        alongside::demo::demo_group()
            .unwrap()
            .value("who_for")
            .is_some()
    );
}

#[test]
fn check_finds_answers_under_the_minimum_and_over_the_limit() {
    let mut group = ready_group();
    group.set_wording(
        FUNDER,
        "your-idea",
        "We want to keep the café going.".into(),
        Author::Group,
        at("2026-11-21T10:00:00Z"),
    );
    group.set_wording(
        FUNDER,
        "priorities",
        "word ".repeat(160),
        Author::Group,
        at("2026-11-21T10:00:00Z"),
    );
    let found = problems(&group, &profile());
    let under = of_kind(&found, ProblemKind::UnderMinimum);
    assert_eq!(under.len(), 1);
    assert_eq!(
        (under[0].question.as_deref(), under[0].severity),
        (Some("your-idea"), Severity::Blocking)
    );
    assert_eq!(under[0].problem, "7 words: 43 short of the minimum of 50");
    assert_eq!(under[0].fix, "Add at least 43 more words.");
    let over = of_kind(&found, ProblemKind::OverLimit);
    assert_eq!(over.len(), 1);
    assert_eq!(over[0].question.as_deref(), Some("priorities"));
    assert_eq!(over[0].problem, "160 words: 10 over the limit of 150 words");
    assert_eq!(
        over[0].fix,
        "Cut 10 words. The form will not take more than the limit."
    );
}

#[test]
fn check_counts_characters_as_the_funder_does() {
    let mut profile = profile();
    profile.questions[5].max_chars = Some(40);
    profile.questions[5].chars_include_spaces = false;
    let mut group = ready_group();
    // 55 characters with spaces, 47 without.
    group.set_wording(
        FUNDER,
        "beneficiaries",
        "People with aphasia after a stroke, and their partners.".into(),
        Author::Group,
        at("2026-11-21T10:00:00Z"),
    );
    let over = problems(&group, &profile)
        .into_iter()
        .filter(|p| p.kind == ProblemKind::OverLimit)
        .collect::<Vec<_>>();
    assert_eq!(over.len(), 1);
    assert_eq!(
        over[0].problem,
        "9 words, 47 characters (spaces do not count): 7 over the limit of 40 characters"
    );
}

#[test]
fn check_finds_costs_the_funder_does_not_pay_for() {
    let mut profile = profile();
    profile.costs.does_not_fund.push("trips_and_social".into());
    let found = problems(&ready_group(), &profile);
    let refused = of_kind(&found, ProblemKind::CostNotFunded);
    assert_eq!(refused.len(), 2, "{found:#?}");
    assert_eq!(refused[0].severity, Severity::Blocking);
    assert_eq!(
        refused[0].place,
        "Budget line 4 \"Coach with a wheelchair lift, two trips at £650\""
    );
    assert_eq!(
        refused[0].problem,
        "This funder does not pay for trips and social events (£1,300)."
    );
    // Costs the funder does not list are worth a question, not a refusal.
    let unlisted = of_kind(&found, ProblemKind::CostNotListed);
    assert!(unlisted.iter().all(|p| p.severity == Severity::Warning));
    assert_eq!(
        unlisted[0].place,
        "Budget line 1 \"Church hall hire, 26 sessions at £35\""
    );
    assert_eq!(
        unlisted[0].problem,
        "This funder does not list room or venue hire among the costs it pays for."
    );
}

#[test]
fn check_finds_a_budget_that_does_not_add_up_to_the_ask() {
    let mut group = ready_group();
    group.set_answer(
        "project_total",
        AnswerValue::Money(500_000),
        Author::Group,
        at("2026-11-21T10:00:00Z"),
    );
    let found = problems(&group, &profile());
    let total = of_kind(&found, ProblemKind::BudgetTotal);
    assert_eq!(total.len(), 1);
    assert_eq!(total[0].severity, Severity::Blocking);
    assert_eq!(
        total[0].problem,
        "The budget lines add up to £4,752, but the amount you ask for (`project_total`) is £5,000."
    );
}

#[test]
fn check_finds_a_missing_budget_and_ask() {
    let mut group = ready_group();
    group.answers.remove("project_budget");
    group.answers.remove("project_total");
    let found = problems(&group, &profile());
    assert_eq!(
        of_kind(&found, ProblemKind::NoBudget)[0].severity,
        Severity::Blocking,
        "{found:#?}"
    );
    assert_eq!(
        of_kind(&found, ProblemKind::NoAsk)[0].fix,
        "Answer \"What is the total amount you will ask for?\"."
    );
}

#[test]
fn check_finds_an_ask_outside_the_funders_range() {
    let mut profile = profile();
    profile.grant.max_pounds = Some(3000);
    let found = problems(&ready_group(), &profile);
    let ask = of_kind(&found, ProblemKind::AskOutsideRange);
    assert_eq!(ask.len(), 1, "{found:#?}");
    assert_eq!(ask[0].severity, Severity::Blocking);
    assert_eq!(
        ask[0].problem,
        "The group would ask for £4,752; this funder gives grants from £300 to £3,000."
    );
    assert!(
        ask[0].fix.starts_with("Ask for £3,000 or less"),
        "{}",
        ask[0].fix
    );
}

#[test]
fn check_finds_papers_not_ready() {
    let mut group = ready_group();
    group.set_answer(
        "documents_ready",
        AnswerValue::Choices(vec!["governing_document".into()]),
        Author::Group,
        at("2026-11-21T10:00:00Z"),
    );
    let found = problems(&group, &profile());
    let papers = of_kind(&found, ProblemKind::DocumentNotReady);
    let places: Vec<&str> = papers.iter().map(|p| p.place.as_str()).collect();
    assert_eq!(
        places,
        [
            "Papers to send: Recent bank statement",
            "Papers to send: Annual accounts"
        ]
    );
    assert!(papers.iter().all(|p| p.is_blocking()));
    assert_eq!(
        papers[0].fix,
        "Get it ready, then tick it in your answer to \"Which of these papers do you have ready to send?\"."
    );
    group.answers.remove("documents_ready");
    let found = problems(&group, &profile());
    assert_eq!(of_kind(&found, ProblemKind::DocumentNotReady).len(), 2);
}

#[test]
fn check_warns_about_formatting_a_web_form_would_show() {
    let mut group = ready_group();
    group.set_wording(
        FUNDER,
        "beneficiaries",
        "Mainly:\n* people with **aphasia**\n* their partners\nSee [our page](https://example.org) or <b>ask</b>.\n| Who | How many |".into(),
        Author::Group,
        at("2026-11-21T10:00:00Z"),
    );
    let found = problems(&group, &profile());
    let formatting = of_kind(&found, ProblemKind::Formatting);
    let problems: Vec<&str> = formatting.iter().map(|p| p.problem.as_str()).collect();
    assert_eq!(
        problems,
        [
            "Line 2: `* people with **aphasia**` is a list mark (* or +). A plain-text web form shows it just as it is.",
            "Line 2: `**aphasia**` is bold marks (** or __). A plain-text web form shows it just as it is.",
            "Line 3: `* their partners` is a list mark (* or +). A plain-text web form shows it just as it is.",
            "Line 4: `[our page](https://example.org)` is a link written as [words](address). A plain-text web form shows it just as it is.",
            "Line 4: `<b>` is an HTML tag. A plain-text web form shows it just as it is.",
            "Line 4: `</b>` is an HTML tag. A plain-text web form shows it just as it is.",
            "Line 5: `| Who | How many |` is a table made with |. A plain-text web form shows it just as it is.",
        ]
    );
    assert!(formatting.iter().all(|p| p.severity == Severity::Warning));
    assert!(
        formatting
            .iter()
            .all(|p| p.question.as_deref() == Some("beneficiaries"))
    );
}

#[test]
fn check_finds_notes_and_placeholders_left_in() {
    let mut group = ready_group();
    group.set_wording(
        FUNDER,
        "beneficiaries",
        "People with aphasia TODO check numbers.\nWe meet at <venue> since [insert year], costs £xxx ???\nLorem ipsum.".into(),
        Author::Group,
        at("2026-11-21T10:00:00Z"),
    );
    let found = problems(&group, &profile());
    let left: Vec<&str> = of_kind(&found, ProblemKind::Placeholder)
        .iter()
        .map(|p| p.problem.as_str())
        .collect();
    assert_eq!(
        left,
        [
            "Line 1: `TODO` looks like a note to yourself (TODO) left in.",
            "Line 2: `xxx` looks like a placeholder (XXX) left in.",
            "Line 2: `[insert year]` looks like a placeholder ([insert ...]) left in.",
            "Line 2: `???` looks like question marks left as a placeholder (???) left in.",
            "Line 2: `<venue>` looks like a placeholder in angle brackets (<...>) left in.",
            "Line 3: `Lorem ipsum` looks like filler text (Lorem ipsum) left in.",
        ]
    );
    assert!(
        of_kind(&found, ProblemKind::Placeholder)
            .iter()
            .all(|p| p.is_blocking())
    );
}

// ---------------------------------------------------------------------------
// Templates: errors and overrides

/// A user templates folder in a temporary data folder.
struct UserTemplates {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl UserTemplates {
    fn new() -> UserTemplates {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data").join("templates");
        fs::create_dir_all(&dir).unwrap();
        UserTemplates { _tmp: tmp, dir }
    }

    fn add(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn render(&self, format: Format) -> Result<String, String> {
        let templates = Templates::load(Some(&self.dir), FUNDER).map_err(|e| e.to_string())?;
        drafting::render(format, &context(&demo_with_wording(), false), &templates)
            .map(|bytes| String::from_utf8(bytes).unwrap())
            .map_err(|e| e.to_string())
    }
}

#[test]
fn a_broken_user_template_names_its_file_line_and_problem() {
    let cases = [
        ("{{ group.name | shout }}", 1, 17, "Unknown filter `shout`"),
        (
            "Line one\n{% if group.name %}\nnever closed",
            3,
            13,
            "Unexpected end of input",
        ),
        (
            "# {{ funder.name }}\n\n{{ group.nmae }}",
            3,
            10,
            "Field `nmae` is not defined. Available fields: name, slug",
        ),
        (
            "Questions:\n{{ questions | upper }}",
            2,
            4,
            "Invalid type for the value, expected `string`",
        ),
        (
            "ok\n{% include \"/etc/passwd\" %}",
            2,
            12,
            "Unknown template `/etc/passwd`",
        ),
        (
            "ok\n{% include \"../../groups/riverside-aphasia-cafe.toml\" %}",
            2,
            12,
            "Unknown template",
        ),
    ];
    for (text, line, column, message) in cases {
        let user = UserTemplates::new();
        let path = user.add("application.md.tera", text);
        let err = match user.render(Format::Markdown) {
            Err(e) => e,
            Ok(out) => panic!("{text:?} rendered:\n{out}"),
        };
        let at = format!("{}:{line}:{column}: {message}", path.display());
        assert!(
            err.starts_with(&at),
            "expected {at:?} at the start of\n{err}"
        );
        assert!(err.ends_with("Fix the template and try again, or move it out of the templates folder to use the built-in one."), "{err}");
    }
}

#[test]
fn a_mistake_in_an_unused_format_or_another_funders_template_does_not_stop_a_draft() {
    let user = UserTemplates::new();
    user.add("funders/tudor-trust/application.md.tera", "{{ broken");
    let html = user.add("application.html.tera", "<p>{{ broken</p>");
    assert!(user.render(Format::Markdown).is_ok());
    let err = user.render(Format::Html).unwrap_err();
    assert!(err.starts_with(&format!("{}:1:", html.display())), "{err}");
}

#[test]
fn user_templates_override_built_ins_of_the_same_name() {
    let user = UserTemplates::new();
    user.add(
        "application.md.tera",
        "Ours for {{ group.name }}: {{ questions | length }} questions",
    );
    assert_eq!(
        user.render(Format::Markdown).unwrap(),
        "Ours for Riverside Aphasia Café: 6 questions"
    );
    // Other formats keep the built-in.
    assert!(
        user.render(Format::Text)
            .unwrap()
            .starts_with("PASTE SHEET: ")
    );
    // A template for this funder wins over the general one, and can use a
    // shared piece from the top folder.
    user.add("signature.tera", "From {{ group.name }}");
    user.add(
        &format!("funders/{FUNDER}/application.md.tera"),
        "For {{ funder.name }}. {% include \"signature.tera\" %}",
    );
    assert_eq!(
        user.render(Format::Markdown).unwrap(),
        "For National Lottery Awards for All England. From Riverside Aphasia Café"
    );
}

#[test]
fn user_html_templates_are_escaped_too() {
    let user = UserTemplates::new();
    user.add("application.html.tera", "<p>{{ questions[0].text }}</p>");
    let mut group = demo_with_wording();
    group.set_wording(
        FUNDER,
        "your-idea",
        "<img src=x onerror=alert(1)>".into(),
        Author::Group,
        at("2026-11-21T10:00:00Z"),
    );
    let templates = Templates::load(Some(&user.dir), FUNDER).unwrap();
    let html = String::from_utf8(render_with(&templates, Format::Html, &group, false)).unwrap();
    assert_eq!(html, "<p>&lt;img src=x onerror=alert(1)&gt;</p>");
}

#[test]
fn a_template_that_is_not_text_is_refused_by_name() {
    let user = UserTemplates::new();
    let path = user.add("application.md.tera", "");
    fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
    let err = user.render(Format::Markdown).unwrap_err();
    assert!(
        err.starts_with(&format!(
            "{}: the file is not plain UTF-8 text",
            path.display()
        )),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// The `draft` and `check` commands

#[test]
fn draft_prints_markdown_with_gaps_for_the_demo() {
    let data = Data::with_demo();
    let assert = data
        .run(&["draft", DEMO, "--funder", FUNDER, "--today", "2026-11-26"])
        .success();
    let out = text(&assert.get_output().stdout);
    assert!(
        out.starts_with("# Application to National Lottery Awards for All England\n"),
        "{out}"
    );
    assert_contains(&out, "- Draft of: 26 November 2026");
    assert_eq!(
        out.matches("**Not written yet.**").count(),
        6,
        "the demo has no wording yet:\n{out}"
    );
    assert_eq!(
        text(&assert.get_output().stderr),
        "note: 6 of 6 questions not written yet; they show as gaps.\n"
    );
}

#[test]
fn draft_writes_each_format_to_a_file() {
    let data = Data::with(&demo_with_wording());
    for (file, format, starts) in [
        ("bid.md", None, &b"# Application"[..]),
        ("bid.txt", None, b"PASTE SHEET"),
        ("bid.html", None, b"<!DOCTYPE html>"),
        ("bid.docx", None, b"PK"),
        ("bid-sheet", Some("txt"), b"PASTE SHEET"),
    ] {
        let path = data.tmp.path().join(file);
        let mut args = vec![
            "draft",
            DEMO,
            "--funder",
            FUNDER,
            "-o",
            path.to_str().unwrap(),
        ];
        if let Some(format) = format {
            args.extend(["--format", format]);
        }
        let out = data.ok(&args);
        assert_contains(
            &out,
            &format!(
                "draft for National Lottery Awards for All England to {}.",
                path.display()
            ),
        );
        assert_contains(
            &out,
            &format!(
                "5 of 6 questions written. Before you send it: alongside check {DEMO} --funder {FUNDER}"
            ),
        );
        let bytes = fs::read(&path).unwrap();
        assert!(bytes.starts_with(starts), "{file}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600,
                "{file} is private"
            );
        }
    }
}

#[test]
fn draft_with_notes_shows_who_wrote_each_answer() {
    let data = Data::with(&demo_with_wording());
    let out = data.ok(&[
        "draft",
        DEMO,
        "--funder",
        FUNDER,
        "--format",
        "txt",
        "--with-notes",
    ]);
    assert!(out.starts_with("WORKING COPY: "), "{out}");
    assert_contains(&out, "Written by the group, 12 Nov 2026 14:05.");
}

#[test]
fn draft_refuses_word_on_the_screen_and_unknown_names() {
    let data = Data::with_demo();
    let err = data.fails(&["draft", DEMO, "--funder", FUNDER, "--format", "docx"], 1);
    assert_eq!(
        err,
        "error: a Word document cannot be shown on the screen. Add -o FILE.docx to save it to a file (or -o - and send it into a pipe)\n"
    );
    let err = data.fails(&["draft", DEMO, "--funder", "awards-for-all"], 1);
    assert_contains(
        &err,
        "there is no funder `awards-for-all`. Did you mean `awards-for-all-",
    );
    let err = data.fails(&["draft", DEMO, "--funder", FUNDER, "-o", "bid.doc"], 1);
    assert_contains(&err, "Add --format md, txt, html or docx");
    data.run(&["draft", DEMO, "--funder", FUNDER, "--format", "pdf"])
        .code(2);
    // The group's own file is never written over.
    let own = data.root.join("groups").join(format!("{DEMO}.toml"));
    let before = fs::read(&own).unwrap();
    let err = data.fails(
        &[
            "draft",
            DEMO,
            "--funder",
            FUNDER,
            "--format",
            "md",
            "-o",
            own.to_str().unwrap(),
        ],
        1,
    );
    assert_contains(&err, "is the group's own file");
    assert_eq!(fs::read(&own).unwrap(), before);
}

#[test]
fn draft_reports_a_broken_user_template_with_exit_1() {
    let data = Data::with_demo();
    let dir = data.root.join("templates");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("application.txt.tera");
    fs::write(&path, "Bid\n{{ group.name | shout }}\n").unwrap();
    let err = data.fails(&["draft", DEMO, "--funder", FUNDER, "--format", "txt"], 1);
    assert!(
        err.starts_with(&format!(
            "error: {}:2:17: Unknown filter `shout`\n",
            path.display()
        )),
        "{err}"
    );
    assert_contains(&err, "2 | {{ group.name | shout }}\n  |                 ^");
    // Other formats still work, Word included (it uses no template).
    data.run(&["draft", DEMO, "--funder", FUNDER, "--format", "md"])
        .success();
    let docx = data.tmp.path().join("bid.docx");
    data.run(&[
        "draft",
        DEMO,
        "--funder",
        FUNDER,
        "-o",
        docx.to_str().unwrap(),
    ])
    .success();
}

#[test]
fn check_lists_blocking_problems_and_exits_1() {
    let data = Data::with(&without_your_idea());
    let assert = data.run(&["check", DEMO, "--funder", FUNDER]).code(1);
    let out = text(&assert.get_output().stdout);
    assert!(out.starts_with("Checked Riverside Aphasia Café's bid to National Lottery Awards for All England [awards-for-all-england].\n\nMust fix before sending (2):\n\n  Question 1 \""), "{out}");
    assert_contains(
        &out,
        "    Not written yet.\n    What to do: Write the group's answer for this funder",
    );
    assert_contains(&out, "Worth checking (6):");
    assert!(
        out.ends_with("\n2 problems to fix and 6 things to check.\n"),
        "{out}"
    );
    assert_eq!(
        text(&assert.get_output().stderr),
        "error: the bid is not ready to send: 2 problems to fix and 6 things to check\n"
    );
}

#[test]
fn check_passes_a_finished_bid() {
    let data = Data::with(&ready_group());
    let out = data.ok(&["check", DEMO, "--funder", FUNDER]);
    assert!(
        out.ends_with("\nNothing to fix; 6 things to check.\n"),
        "{out}"
    );
}

#[test]
fn check_json_for_scripts() {
    let data = Data::with(&demo_with_wording());
    // One required question is unwritten, so it exits 1; the JSON still
    // lists every problem.
    let assert = data
        .run(&["check", DEMO, "--funder", FUNDER, "--json"])
        .code(1);
    let report: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(report["group"], DEMO);
    assert_eq!(report["funder"], FUNDER);
    assert_eq!(report["blocking"], 1);
    assert_eq!(report["warnings"], 6);
    let problems = report["problems"].as_array().unwrap();
    let gap = problems
        .iter()
        .find(|p| p["kind"] == "not-written")
        .expect("the unwritten question shows as not written");
    assert_eq!(gap["severity"], "blocking");
    assert_eq!(gap["question"], "beneficiaries");
    assert!(gap["where"].as_str().unwrap().starts_with("Question 6"));
    let cost = problems
        .iter()
        .find(|p| p["kind"] == "cost-not-listed")
        .unwrap();
    assert_eq!(cost["question"], serde_json::Value::Null);
}

// ---------------------------------------------------------------------------
// Every text template for three more funders

/// A built-in profile by id.
fn builtin_profile(id: &str) -> Profile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("funders")
        .join(format!("{id}.toml"));
    let source = std::fs::read_to_string(&path).unwrap();
    alongside::funders::check_source(&path.display().to_string(), &source).unwrap()
}

#[test]
fn every_text_template_for_three_more_funders() {
    alongside::dates::show_times_in_utc();
    let mut group = alongside::demo::demo_group().unwrap();
    // Some wording for Southampton's first question; the rest show as gaps.
    group.set_wording(
        "southampton-community-chest",
        "what-group-does",
        "We are a café for people with aphasia after a stroke, and their partners.".to_string(),
        Author::Group,
        at("2026-11-20T10:00:00Z"),
    );
    for id in [
        "southampton-community-chest",
        "comic-relief-community-fund",
        "tesco-stronger-starts",
    ] {
        let profile = builtin_profile(id);
        let templates = Templates::load(None, id).unwrap();
        let context = DraftContext::build(&group, &profile, bank(), vocab(), today(), false);
        for format in [Format::Markdown, Format::Text, Format::Html] {
            let text =
                String::from_utf8(drafting::render(format, &context, &templates).unwrap()).unwrap();
            insta::assert_snapshot!(format!("draft_{id}_{}", format.extension()), text);
        }
    }
}

#[test]
fn template_syntax_and_markup_in_an_answer_come_out_inert_in_every_format() {
    alongside::dates::show_times_in_utc();
    let hostile = "{{ group.name }} {% for q in questions %}LOOP{% endfor %} {# note #} <script>x</script> \"q\" & 'a' \u{1b}[31mred";
    let mut group = demo_with_wording();
    group.set_wording(
        FUNDER,
        "beneficiaries",
        hostile.to_string(),
        Author::Group,
        at("2026-11-20T10:00:00Z"),
    );
    let templates = Templates::load(None, FUNDER).unwrap();
    for format in Format::ALL {
        let bytes = render_with(&templates, format, &group, false);
        let out = if format == Format::Docx {
            unzip(&bytes, "word/document.xml")
        } else {
            String::from_utf8(bytes).unwrap()
        };
        // The template syntax is kept as written, never run: the loop's
        // word appears once (where the group typed it), and the braces stay.
        assert!(
            out.contains("{% for q in questions %}LOOP{% endfor %}"),
            "{format:?} changed the words:\n{out}"
        );
        assert_eq!(
            out.matches("LOOP").count(),
            1,
            "{format:?} ran a loop from an answer"
        );
        assert!(
            out.contains("{{ group.name }}"),
            "{format:?} ran a variable from an answer"
        );
        assert!(
            !out.contains('\u{1b}'),
            "{format:?} kept an escape character"
        );
        match format {
            Format::Html | Format::Docx => {
                assert!(!out.contains("<script>"), "{format:?} let markup through");
                assert!(out.contains("&lt;script&gt;"), "{format:?}");
            }
            _ => assert!(
                out.contains("<script>x</script>"),
                "{format:?} changed the group's words"
            ),
        }
    }
}

#[test]
fn the_word_document_converts_with_libreoffice_where_it_is_installed() {
    let office = ["libreoffice", "soffice"].into_iter().find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(office) = office else {
        eprintln!(
            "skipping: LibreOffice is not installed here (the zip and XML checks above still run)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let templates = Templates::load(None, FUNDER).unwrap();
    let docx = dir.path().join("draft.docx");
    std::fs::write(
        &docx,
        render_with(&templates, Format::Docx, &demo_with_wording(), false),
    )
    .unwrap();
    let pdf = std::fs::read(print_to_pdf(office, &docx)).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn a_question_the_funder_requires_blocks_when_unwritten() {
    // Awards for All requires every question; make one optional to see the
    // difference side by side.
    let mut profile = profile();
    profile
        .questions
        .iter_mut()
        .find(|q| q.id == "beneficiaries")
        .unwrap()
        .optional = true;
    let found = problems(&without_your_idea(), &profile);
    let not_written = of_kind(&found, ProblemKind::NotWritten);
    let required: Vec<_> = not_written
        .iter()
        .filter(|p| p.question.as_deref() == Some("your-idea"))
        .collect();
    assert_eq!(required.len(), 1, "{found:#?}");
    assert!(required[0].is_blocking());
    assert_eq!(required[0].problem, "Not written yet.");
    // The optional one stays a warning beside it.
    let optional = not_written
        .iter()
        .find(|p| p.question.as_deref() == Some("beneficiaries"))
        .unwrap();
    assert!(!optional.is_blocking());
}

#[test]
fn a_gap_drawing_on_one_bank_answer_says_answer_in_the_singular() {
    let mut group = demo_with_wording();
    group
        .wording
        .get_mut(FUNDER)
        .unwrap()
        .remove("budget")
        .expect("the demo wording answers budget");
    let found = problems(&group, &profile());
    let gap = of_kind(&found, ProblemKind::NotWritten)
        .into_iter()
        .find(|p| p.question.as_deref() == Some("budget"))
        .unwrap();
    assert_eq!(
        gap.fix,
        "Write the group's answer for this funder, in your own words. Your answer to \"What will the project cost? Write one line for each thing you need money for.\" is there to start from."
    );
}

#[test]
fn a_gap_only_points_at_bank_answers_the_group_has_given() {
    let mut group = alongside::demo::demo_group().unwrap();
    group.answers.remove("project_total");
    group.answers.remove("project_budget");
    let found = problems(&group, &profile());
    let fix_for = |id: &str| {
        of_kind(&found, ProblemKind::NotWritten)
            .into_iter()
            .find(|p| p.question.as_deref() == Some(id))
            .unwrap()
            .fix
            .clone()
    };
    // One of the two is answered: only that one is offered.
    assert_eq!(
        fix_for("total-cost"),
        "Write the group's answer for this funder, in your own words. Your answer to \"Is any other money or help going into this project? If not, write none.\" is there to start from."
    );
    // None answered: say what to answer first instead.
    assert_eq!(
        fix_for("budget"),
        "Write the group's answer for this funder, in your own words. Answering \"What will the project cost? Write one line for each thing you need money for.\" first will give you something to start from."
    );
}

// ---------------------------------------------------------------------------
// What reused words carry: each rule firing, and staying quiet on the demo

/// The kinds of problem that come from words reused from elsewhere.
const CARRIED: &[ProblemKind] = &[
    ProblemKind::AmountDiffers,
    ProblemKind::OtherFunder,
    ProblemKind::PastYear,
    ProblemKind::CarriedYearWords,
    ProblemKind::PeopleCount,
    ProblemKind::NoWords,
    ProblemKind::Placeholder,
];

fn carried_in(group: &Group) -> Vec<Problem> {
    problems(group, &profile())
        .into_iter()
        .filter(|p| CARRIED.contains(&p.kind))
        .collect()
}

/// The demo's wording with one question's words changed.
fn with_words(question: &str, text: &str) -> Group {
    let mut group = ready_group();
    group.set_wording(
        FUNDER,
        question,
        text.to_string(),
        Author::Group,
        at("2026-11-25T10:00:00Z"),
    );
    group
}

#[test]
fn the_demo_drafts_show_none_of_the_carried_word_problems() {
    assert_eq!(carried_in(&ready_group()), vec![]);
    // Nor for another funder whose questions draw on the same answers.
    for id in ["tesco-stronger-starts", "southampton-community-chest"] {
        let source = fs::read_to_string(format!("funders/{id}.toml")).unwrap();
        let other = alongside::funders::check_source(id, &source).unwrap();
        let mut group = alongside::demo::demo_group().unwrap();
        for (i, q) in other.questions.iter().enumerate() {
            let (_, text, by, when) = WORDING[i % WORDING.len()];
            group.set_wording(id, &q.id, text.to_string(), by, at(when));
        }
        let found: Vec<Problem> = drafting::check(
            &group,
            &other,
            &other_funders(&other),
            bank(),
            vocab(),
            today(),
        )
        .into_iter()
        .filter(|p| CARRIED.contains(&p.kind))
        .collect();
        assert_eq!(found, vec![], "{id}");
    }
}

#[test]
fn an_old_ask_left_in_the_words_must_be_fixed() {
    // As a new user tried it: the ask went down and the words did not.
    let mut group = ready_group();
    group.set_answer(
        "project_total",
        AnswerValue::Money(470_000),
        Author::Together,
        at("2026-11-25T10:00:00Z"),
    );
    let found = carried_in(&group);
    let amounts = of_kind(&found, ProblemKind::AmountDiffers);
    assert_eq!(amounts.len(), 2, "{found:#?}");
    assert!(amounts.iter().all(|p| p.is_blocking()));
    assert_eq!(amounts[0].question.as_deref(), Some("budget"));
    assert_eq!(
        amounts[0].problem,
        "It says £4,752, which is what you asked for before; you now ask for £4,700."
    );
    assert!(amounts[0].fix.contains("Change £4,752 to £4,700"));
}

#[test]
fn another_funders_name_is_worth_a_look() {
    let found = carried_in(&with_words(
        "priorities",
        "Thank you to Tesco for reading our bid. Bringing people together is what we do.",
    ));
    let names = of_kind(&found, ProblemKind::OtherFunder);
    assert_eq!(names.len(), 1, "{found:#?}");
    assert_eq!(names[0].severity, Severity::Warning);
    assert_eq!(names[0].problem, "It names Tesco, which is another funder.");
    assert!(
        names[0].place.starts_with("Question 2 "),
        "{}",
        names[0].place
    );
}

#[test]
fn a_past_year_in_a_plan_must_be_fixed() {
    let found = carried_in(&with_words(
        "your-idea",
        "In 2026 we will run 26 cafés in the church hall, every two weeks, with tea and cake and taxis for three members. We will count who comes and ask members what changed for them, and we want two trips with a coach.",
    ));
    let years = of_kind(&found, ProblemKind::PastYear);
    assert_eq!(years.len(), 1, "{found:#?}");
    assert!(years[0].is_blocking());
    assert!(
        years[0].problem.contains("the project starts in 2027"),
        "{}",
        years[0].problem
    );
}

#[test]
fn this_year_in_last_years_words_is_worth_a_look() {
    let mut group = with_words(
        "priorities",
        "Bringing people together. This year we want two trips so members get out.",
    );
    assert_eq!(
        of_kind(&carried_in(&group), ProblemKind::CarriedYearWords).len(),
        0
    );
    group
        .wording
        .get_mut(FUNDER)
        .unwrap()
        .get_mut("priorities")
        .unwrap()
        .round = 1;
    let found = carried_in(&group);
    let carried = of_kind(&found, ProblemKind::CarriedYearWords);
    assert_eq!(carried.len(), 1, "{found:#?}");
    assert_eq!(carried[0].severity, Severity::Warning);
}

#[test]
fn a_people_count_far_from_the_answers_is_worth_a_look() {
    // Last year's figure (11) in this year's words; the answer says 14.
    let found = carried_in(&with_words(
        "community",
        "The café is run by its members. About 11 people attend regularly and 40 are in touch.",
    ));
    let counts = of_kind(&found, ProblemKind::PeopleCount);
    assert_eq!(counts.len(), 1, "{found:#?}");
    assert!(
        counts[0].problem.contains("14 regular members"),
        "{}",
        counts[0].problem
    );
}

#[test]
fn placeholders_and_empty_words_must_be_fixed() {
    let found = carried_in(&with_words("community", "We started in TBC. Income £XX."));
    let placeholders: Vec<&str> = of_kind(&found, ProblemKind::Placeholder)
        .iter()
        .map(|p| p.problem.as_str())
        .collect();
    assert_eq!(
        placeholders,
        vec![
            "Line 1: `TBC` looks like a placeholder (TBC: to be confirmed) left in.",
            "Line 1: `XX` looks like a placeholder (XX) left in."
        ]
    );
    let found = carried_in(&with_words("community", "-"));
    let empty = of_kind(&found, ProblemKind::NoWords);
    assert_eq!(empty.len(), 1, "{found:#?}");
    assert!(empty[0].is_blocking());
    assert_eq!(
        empty[0].problem,
        "The wording is just `-`: there are no words in it."
    );
    // On an optional question a lone "-" is worth a look, not a stop.
    let mut optional = profile();
    for q in &mut optional.questions {
        q.optional = q.id == "beneficiaries";
    }
    let found = problems(&with_words("beneficiaries", "-"), &optional);
    assert_eq!(
        of_kind(&found, ProblemKind::NoWords)[0].severity,
        Severity::Warning
    );
}

#[test]
fn a_funder_with_no_known_questions_says_how_to_add_them() {
    let mut bare = profile();
    bare.questions.clear();
    let found = problems(&ready_group(), &bare);
    let none = of_kind(&found, ProblemKind::NoQuestions);
    assert_eq!(none.len(), 1);
    assert!(none[0].is_blocking());
    assert!(
        none[0]
            .fix
            .contains("alongside funders questions awards-for-all-england --questions-from FILE")
    );
}

#[test]
fn check_works_while_the_group_is_open_elsewhere_and_says_the_step_was_not_recorded() {
    let data = Data::with(&ready_group());
    let dir = alongside::paths::DataDir::at(&data.root);
    let held = alongside::store::OpenGroup::open(&dir, DEMO, alongside::store::Access::Write)
        .expect("this test holds the group open");
    let assert = data.run(&["check", DEMO, "--funder", FUNDER]).success();
    assert_contains(&text(&assert.get_output().stdout), "Nothing to fix");
    assert_contains(
        &text(&assert.get_output().stderr),
        "the group is open in another copy of alongside, so \"checked the bid\" was not recorded",
    );
    drop(held);
    // Once it is free the step is recorded.
    let assert = data.run(&["check", DEMO, "--funder", FUNDER]).success();
    assert_eq!(text(&assert.get_output().stderr), "");
}

// ---------------------------------------------------------------------------
// Members' stories in a bid: only those agreed for other funders

#[test]
fn a_working_copy_offers_only_stories_agreed_for_other_funders() {
    // The demo's story-1 is agreed for its grant's report and for other
    // funders; story-2 only for the report; story-3 has no consent.
    let group = demo_with_wording();
    let ctx = context(&group, true);
    let ids: Vec<&str> = ctx.stories.iter().map(|s| s.entry.as_str()).collect();
    assert_eq!(ids, ["story-1"]);
    assert!(
        context(&group, false).stories.is_empty(),
        "not in a copy to send"
    );
    for format in [Format::Markdown, Format::Text, Format::Html] {
        let text = render_text(format, &group, true);
        assert!(
            text.contains("I have started saying hello in the shop"),
            "{format:?}"
        );
        assert!(!text.contains("My husband laughs again"), "{format:?}");
        assert!(!text.contains("lost his job"), "{format:?}");
        let sending = render_text(format, &group, false);
        assert!(!sending.contains("saying hello in the shop"), "{format:?}");
    }
    let templates = Templates::load(None, FUNDER).unwrap();
    let docx = render_with(&templates, Format::Docx, &group, true);
    let xml = unzip(&docx, "word/document.xml");
    assert!(xml.contains("saying hello in the shop") && !xml.contains("My husband laughs"));

    // A bid to the funder of the story's own grant gets none of them: a
    // bid is not one of that grant's reports.
    let mut own = profile();
    own.id = "southampton-community-chest".into();
    let ctx = DraftContext::build(&group, &own, bank(), vocab(), today(), true);
    assert!(ctx.stories.is_empty());

    // Withdrawn, the story goes from the working copy too.
    let mut gone = group.clone();
    alongside::monitoring::consent::withdraw(&mut gone, "story-1", today()).unwrap();
    assert!(context(&gone, true).stories.is_empty());
}

#[test]
fn check_blocks_a_bid_that_quotes_a_story_not_agreed_for_other_funders() {
    let mut group = ready_group();
    let quote = |group: &mut Group, words: &str| {
        group.set_wording(
            FUNDER,
            "priorities",
            format!("Bringing people together. One partner told us: \"{words}\""),
            Author::Group,
            at("2026-11-21T10:00:00Z"),
        );
    };
    // story-2 was agreed for the Community Chest's report only.
    quote(&mut group, "My husband laughs again here.");
    let found = problems(&group, &profile());
    let stories = of_kind(&found, ProblemKind::StoryWithoutConsent);
    assert_eq!(stories.len(), 1, "{found:#?}");
    assert_eq!(stories[0].severity, Severity::Blocking);
    assert!(
        stories[0].problem.contains("story-2"),
        "{}",
        stories[0].problem
    );
    assert_eq!(stories[0].question.as_deref(), Some("priorities"));
    // story-1 was agreed for other funders: quoting it is fine.
    quote(
        &mut group,
        "Now I come every fortnight and I have started saying hello in the shop.",
    );
    assert!(
        of_kind(
            &problems(&group, &profile()),
            ProblemKind::StoryWithoutConsent
        )
        .is_empty()
    );
    // Once consent is withdrawn the words are gone from the file; the
    // story with no consent at all (story-3) is caught too.
    quote(
        &mut group,
        "Told us about the day he lost his job after the stroke.",
    );
    let found = problems(&group, &profile());
    let stories = of_kind(&found, ProblemKind::StoryWithoutConsent);
    assert!(
        stories.len() == 1 && stories[0].problem.contains("did not agree"),
        "{stories:#?}"
    );
}
