//! A grant after its award, all in the full-screen program: recording the
//! award, promises, correcting the log, the story form's consent, and
//! writing, exporting and sending the return. Driven with synthetic keys;
//! every new screen is snapshotted at 80x24 and 120x40.
//!
//! Times are shown in UTC here so snapshots read the same on every machine.

use alongside::dates::Day;
use alongside::group::{ReportKind, StoryUse};
use alongside::store::unfinished;
use alongside::tui::screens::award::Award;
use alongside::tui::screens::entry::EntryForm;
use alongside::tui::screens::evidence::Evidence;
use alongside::tui::screens::export_where::{ExportWhere, Saving};
use alongside::tui::screens::grant::GrantScreen;
use alongside::tui::screens::grant_return::GrantReturn;
use alongside::tui::screens::log_form::LogForm;
use alongside::tui::screens::promise::PromiseForm;
use alongside::tui::screens::promises::Promises;
use alongside::tui::screens::return_details::ReturnDetails;
use alongside::tui::screens::sections::Sections;
use ratatui::crossterm::event::KeyCode;

use crate::common::harness::{Harness, award_for_all, fixed_clock};
use crate::common::{DEMO, assert_contains, assert_lacks};

fn day(s: &str) -> Day {
    s.parse().unwrap()
}

/// The demo group with one running grant and a little evidence, on that
/// grant's screen.
fn demo_grant(h: &mut Harness) -> &mut Harness {
    h.demo_with(|g| {
        let grant = award_for_all(g);
        grant.promises.push(
            alongside::monitoring::own_promise("Meet every fortnight", Some("sessions"), Some(20))
                .unwrap(),
        );
        let today = fixed_clock().local_day();
        for (date, came, new) in [("2026-04-08", 11, 2), ("2026-04-22", 13, 1)] {
            alongside::monitoring::log::session(grant, day(date), came, new, today).unwrap();
        }
        alongside::monitoring::log::spend(grant, day("2026-04-08"), 7_000, "1", Some("R1"), today)
            .unwrap();
    });
    h.key(KeyCode::Char('m')).key(KeyCode::Enter);
    assert!(h.app.top_is::<GrantScreen>().is_some());
    h
}

/// Snapshots the screen at the smallest size (80x24) and a roomy one
/// (120x40).
fn snap(h: &Harness, name: &str) {
    insta::assert_snapshot!(name.to_string(), h.screen(80, 24).backend());
    insta::assert_snapshot!(format!("{name}_120x40"), h.screen(120, 40).backend());
}

// ---------------------------------------------------------------------------
// Recording an award

fn no_grants(h: &mut Harness) {
    h.demo_with(|g| g.grants.clear());
    h.key(KeyCode::Char('m'));
}

#[test]
fn a_group_with_no_grants_records_its_award_with_dates_as_people_write_them() {
    let mut h = Harness::new();
    no_grants(&mut h);
    let award = h
        .app
        .top_is::<Award>()
        .expect("no grants: the award form opens");
    let chest = award
        .funders
        .iter()
        .position(|f| f == "southampton-community-chest")
        .unwrap();
    snap(&h, "award");
    for _ in 0..chest {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Tab).type_text("£1,480");
    h.key(KeyCode::Tab).type_text("1/4/2026");
    h.key(KeyCode::Tab).type_text("31 March 2027");
    h.key(KeyCode::Tab).key(KeyCode::Tab).key(KeyCode::Tab);
    h.type_text("SCC/2026/114");
    snap(&h, "award_filled");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.top().name(), "grants", "{}", h.text());
    assert!(
        h.status()
            .starts_with("Recorded grant southampton-community-chest-2026: £1,480 from Southampton Community Chest."),
        "{}",
        h.status()
    );
    let g = h.saved(DEMO);
    let grant = &g.grants[0];
    assert_eq!(grant.funder, "southampton-community-chest");
    assert_eq!(grant.pence, 148_000);
    assert_eq!(
        (grant.start, grant.end),
        (day("2026-04-01"), day("2027-03-31"))
    );
    assert_eq!(grant.reference.as_deref(), Some("SCC/2026/114"));
    assert!(!grant.budget.is_empty(), "the budget is the application's");
    assert!(unfinished::find(&h.data, DEMO).is_none());
    // Esc goes back to the group's sections.
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Sections>().is_some());
}

#[test]
fn an_award_with_typed_budget_lines_and_a_bad_date_says_what_to_fix() {
    let mut h = Harness::new();
    no_grants(&mut h);
    h.key(KeyCode::Tab).type_text("500");
    h.key(KeyCode::Tab).type_text("the first of April");
    h.key(KeyCode::Enter);
    assert!(h.app.top_is::<Award>().is_some());
    assert!(h.text().contains("The grant starts:"), "{}", h.text());
    for _ in 0.."the first of April".len() {
        h.key(KeyCode::Backspace);
    }
    h.type_text("1/4/2026")
        .key(KeyCode::Tab)
        .type_text("1/3/2027");
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.key(KeyCode::Down).key(KeyCode::Tab);
    h.type_text("Hall hire | venue_hire | 300")
        .key(KeyCode::Enter)
        .type_text("Tea | refreshments | 200");
    h.ctrl('s');
    assert_eq!(h.app.top().name(), "grants", "{}", h.text());
    let grant = &h.saved(DEMO).grants[0];
    assert_eq!(grant.budget.len(), 2);
    assert_eq!(grant.budget[0].item, "Hall hire");
    assert_eq!(grant.end, day("2027-03-01"));
}

#[test]
fn an_award_left_half_typed_is_kept_and_comes_back() {
    let mut h = Harness::new();
    no_grants(&mut h);
    h.key(KeyCode::Tab).type_text("4752");
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<Sections>().is_some());
    let kept = unfinished::find(&h.data, DEMO).unwrap();
    assert_eq!(kept.form, "award");
    assert_eq!(kept.fields[1], "4752");
    h.key(KeyCode::Char('m'));
    assert!(h.text().contains("4752"), "{}", h.text());
    assert!(h.status().contains("is back"), "{}", h.status());
    // Quitting with Ctrl+C keeps it too.
    h.key(KeyCode::Tab)
        .key(KeyCode::End)
        .type_text("0")
        .ctrl('c');
    assert!(h.app.quit);
    assert_eq!(unfinished::find(&h.data, DEMO).unwrap().fields[1], "47520");

    // The next time, opening the group says so.
    let mut again = h.next_time();
    again.key(KeyCode::Enter); // the group: "who is typing?" says so
    assert!(
        again
            .status()
            .contains("You left an award being recorded half-filled"),
        "{}",
        again.status()
    );
}

#[test]
fn a_second_award_is_recorded_from_the_grants_list() {
    let mut h = Harness::new();
    demo_grant(&mut h);
    h.key(KeyCode::Esc).key(KeyCode::Char('a'));
    assert!(h.app.top_is::<Award>().is_some());
    h.key(KeyCode::Tab).type_text("300");
    h.key(KeyCode::Tab).type_text("1 January 2027");
    h.key(KeyCode::Tab).type_text("31/12/2027");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.top().name(), "grants");
    assert_eq!(h.saved(DEMO).grants.len(), 2);
}

// ---------------------------------------------------------------------------
// Promises

#[test]
fn promises_are_added_changed_and_removed_after_asking() {
    let mut h = Harness::new();
    demo_grant(&mut h).key(KeyCode::Char('o'));
    assert!(h.app.top_is::<Promises>().is_some());
    snap(&h, "promises");
    h.key(KeyCode::Char('a'));
    assert!(h.app.top_is::<PromiseForm>().is_some());
    h.type_text("New people come along")
        .key(KeyCode::Tab)
        .type_text("new_people")
        .key(KeyCode::Tab)
        .type_text("10");
    snap(&h, "promise_add");
    h.key(KeyCode::Enter);
    assert!(h.app.top_is::<Promises>().is_some());
    assert_eq!(h.status(), "Added promise 2.");
    let p = &h.saved(DEMO).grants[0].promises[1];
    assert_eq!(
        (p.what.as_str(), p.measure.as_deref(), p.target),
        ("New people come along", Some("new_people"), Some(10))
    );
    assert!(h.text().contains("new_people: 3 of 10"), "{}", h.text());

    // Change the target of promise 2.
    h.key(KeyCode::Down).key(KeyCode::Enter);
    h.key(KeyCode::Tab).key(KeyCode::Tab);
    h.key(KeyCode::Backspace)
        .key(KeyCode::Backspace)
        .type_text("12");
    h.key(KeyCode::Enter);
    assert_eq!(h.saved(DEMO).grants[0].promises[1].target, Some(12));

    // A target with no measure is refused, naming the fix.
    h.key(KeyCode::Char('a')).type_text("Feel less alone");
    h.key(KeyCode::Tab).key(KeyCode::Tab).type_text("5");
    h.key(KeyCode::Enter);
    assert!(
        h.text().contains("a target needs something to count"),
        "{}",
        h.text()
    );
    h.key(KeyCode::Esc);
    assert_eq!(unfinished::find(&h.data, DEMO).unwrap().form, "promise");

    // Removing asks first; anything but yes keeps it.
    h.key(KeyCode::Delete);
    assert!(h.text().contains("Remove promise 2?"), "{}", h.text());
    h.key(KeyCode::Esc);
    assert_eq!(h.saved(DEMO).grants[0].promises.len(), 2);
    h.key(KeyCode::Delete).key(KeyCode::Enter);
    assert_eq!(h.saved(DEMO).grants[0].promises.len(), 1);
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<GrantScreen>().is_some());
}

#[test]
fn a_promise_is_picked_from_the_groups_answers_and_cut_down_before_saving() {
    let mut h = Harness::new();
    demo_grant(&mut h)
        .key(KeyCode::Char('o'))
        .key(KeyCode::Char('a'));
    h.ctrl('o');
    let form = h.app.top_is::<PromiseForm>().unwrap();
    let picker = form.picking.as_ref().expect("Ctrl+O opens the answers");
    let at = picker
        .answers
        .iter()
        .position(|a| a.from == "project_what")
        .expect("the group's answer about the project is offered");
    assert!(
        picker
            .answers
            .iter()
            .all(|a| a.from != "project_budget" && !a.sentences.is_empty()),
        "only answers with words or a number"
    );
    snap(&h, "pick_answer");
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    assert!(
        h.text()
            .contains("We want to keep the café going for a year"),
        "{}",
        h.text()
    );
    // Nothing picked yet: Enter says how to pick.
    h.key(KeyCode::Enter);
    assert!(h.status().starts_with("Pick one or more sentences first"));
    h.key(KeyCode::Char(' '))
        .key(KeyCode::Down)
        .key(KeyCode::Down);
    h.key(KeyCode::Char(' '));
    assert!(
        h.text().contains("The promise will read: We want to keep"),
        "{}",
        h.text()
    );
    snap(&h, "pick_sentences");
    // Unpick the third, and take the first alone.
    h.key(KeyCode::Char(' ')).key(KeyCode::Enter);
    let form = h.app.top_is::<PromiseForm>().unwrap();
    assert!(form.picking.is_none());
    let first = "We want to keep the café going for a year, every two weeks, so 26 cafés.";
    assert_eq!(form.kept.form.value(0), first);
    assert_eq!(form.picked(), Some(("project_what".to_string(), vec![1])));
    // Cut down in the box, then measured and saved.
    for _ in 0..", so 26 cafés.".chars().count() {
        h.key(KeyCode::Backspace);
    }
    h.key(KeyCode::Tab)
        .type_text("sessions")
        .key(KeyCode::Tab)
        .type_text("26");
    h.key(KeyCode::Enter);
    assert!(h.app.top_is::<Promises>().is_some());
    let p = h.saved(DEMO).grants[0].promises[1].clone();
    assert_eq!(
        p.what,
        "We want to keep the café going for a year, every two weeks"
    );
    assert_eq!(p.from.as_deref(), Some("project_what"));
    assert_eq!(
        (p.measure.as_deref(), p.target),
        (Some("sessions"), Some(26))
    );

    // Picked words left half-done are kept with where they came from, and
    // Esc in the picker goes back a step, then to the form.
    h.key(KeyCode::Char('a')).ctrl('o');
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter).key(KeyCode::Esc);
    assert!(
        h.app
            .top_is::<PromiseForm>()
            .unwrap()
            .picking
            .as_ref()
            .unwrap()
            .chosen
            .is_none()
    );
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<PromiseForm>().unwrap().picking.is_none());
    h.ctrl('o');
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter)
        .key(KeyCode::Down)
        .key(KeyCode::Char(' '));
    h.key(KeyCode::Enter).key(KeyCode::Esc);
    assert!(h.app.top_is::<Promises>().is_some());
    let kept = unfinished::find(&h.data, DEMO).unwrap();
    assert_eq!(kept.form, "promise");
    assert_eq!(&kept.fields[3..], ["project_what", "2"]);
    h.key(KeyCode::Char('a'));
    let form = h.app.top_is::<PromiseForm>().unwrap();
    assert_eq!(form.picked(), Some(("project_what".to_string(), vec![2])));
    assert!(
        form.kept
            .form
            .value(0)
            .starts_with("The café is where people")
    );
    // Words added make it the group's own line, and it says so.
    h.key(KeyCode::End).type_text(" on Tuesdays");
    h.key(KeyCode::Enter);
    let p = h.saved(DEMO).grants[0].promises[2].clone();
    assert!(
        p.what.ends_with("without being rushed. on Tuesdays"),
        "{}",
        p.what
    );
    assert_eq!(p.from, None);
    assert!(
        h.status().contains("saved as your own line"),
        "{}",
        h.status()
    );
}

// ---------------------------------------------------------------------------
// The evidence list

#[test]
fn a_log_entry_is_corrected_and_removed_with_the_old_versions_kept() {
    let mut h = Harness::new();
    demo_grant(&mut h).key(KeyCode::Char('l'));
    assert!(h.app.top_is::<Evidence>().is_some());
    snap(&h, "evidence");
    // The first entry is the session of 8 April: 11 came.
    h.key(KeyCode::Enter);
    assert!(h.app.top_is::<EntryForm>().is_some());
    snap(&h, "evidence_edit");
    h.key(KeyCode::Enter);
    assert!(h.text().contains("Nothing is changed yet"), "{}", h.text());
    h.key(KeyCode::Backspace)
        .key(KeyCode::Backspace)
        .type_text("12");
    h.key(KeyCode::Enter);
    assert!(h.app.top_is::<Evidence>().is_some(), "{}", h.text());
    assert!(
        h.status().contains("The old version is kept"),
        "{}",
        h.status()
    );
    let g = h.saved(DEMO);
    assert_eq!(g.grants[0].sessions[0].came, 12);
    assert_eq!(g.grants[0].corrections.len(), 1);

    // Remove the payment (second: the log is in date order), after yes.
    h.key(KeyCode::Down).key(KeyCode::Char('x'));
    assert!(h.text().contains("Remove spend-1"), "{}", h.text());
    h.key(KeyCode::Enter);
    let g = h.saved(DEMO);
    assert!(g.grants[0].spending.is_empty());
    assert_eq!(g.grants[0].corrections.len(), 2);
    assert!(
        h.text().contains("History: 2 earlier versions kept"),
        "{}",
        h.text()
    );
    snap(&h, "evidence_history");
}

#[test]
fn the_story_form_records_the_uses_agreed_and_when_consent_ends() {
    let mut h = Harness::new();
    demo_grant(&mut h).key(KeyCode::Char('t'));
    h.type_text("I found my words again here.");
    h.key(KeyCode::Tab).key(KeyCode::Down);
    h.key(KeyCode::Tab).type_text("report, publicity");
    h.key(KeyCode::Tab).type_text("31/12/2027");
    snap(&h, "log_story_consent");
    h.ctrl('s');
    let story = h.saved(DEMO).grants[0].stories.last().unwrap().clone();
    assert_eq!(
        story.uses_agreed(),
        vec![StoryUse::Report, StoryUse::Publicity]
    );
    assert_eq!(story.until, Some(day("2027-12-31")));

    // A use that is not one of the three is refused on the form.
    h.key(KeyCode::Char('t')).type_text("Another.");
    h.key(KeyCode::Tab).key(KeyCode::Down);
    h.key(KeyCode::Tab).type_text("newspaper");
    h.ctrl('s');
    assert!(h.app.top_is::<LogForm>().is_some());
    assert!(h.text().contains("Agreed uses:"), "{}", h.text());
}

// ---------------------------------------------------------------------------
// The return

#[test]
fn the_return_shows_what_is_missing_previews_exports_and_asks_before_sent() {
    let mut h = Harness::new();
    demo_grant(&mut h).key(KeyCode::Char('r'));
    let screen = h.app.top_is::<GrantReturn>().expect("the return opens");
    assert_eq!(screen.kind, ReportKind::Interim);
    let text = h.text();
    assert_contains(&text, "There is no grant reference");
    snap(&h, "grant_return");
    // What is missing and the whole return read on in one page.
    assert_lacks(&text, "Meet every fortnight");
    h.key(KeyCode::PageDown).key(KeyCode::Down);
    assert!(h.text().contains("Meet every fortnight"), "{}", h.text());

    // e asks where first, as a draft does (the folder last used); Esc
    // there saves nothing and comes back to the return.
    h.key(KeyCode::Char('e'));
    let exports = h.app.export_dir.clone();
    let stem = format!("{DEMO}-awards-for-all-england-2026-interim");
    let asked = h.app.top_is::<ExportWhere>().expect("it asks where");
    assert_eq!(
        asked.saving,
        Saving::Return {
            label: "interim return"
        }
    );
    assert_eq!(asked.typed(), exports.display().to_string());
    assert!(h.text().contains("Save the interim return"), "{}", h.text());
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<GrantReturn>().is_some());
    assert!(!exports.join(format!("{stem}.md")).exists());
    h.key(KeyCode::Char('e')).key(KeyCode::Enter);
    assert!(h.app.top_is::<GrantReturn>().is_some());
    for ext in ["md", "txt", "html", "docx"] {
        let path = exports.join(format!("{stem}.{ext}"));
        assert!(path.is_file(), "{} was written", path.display());
    }
    let md = std::fs::read_to_string(exports.join(format!("{stem}.md"))).unwrap();
    assert_contains(&md, "Meet every fortnight");
    // In a small window: the folder's whole path, then the file names.
    let small = h.text();
    assert_contains(&small, "│In /");
    assert!(small.contains(&format!("{stem}.md")), "{small}");
    // The whole path of each file is on the screen.
    let wide = h.screen(200, 40).backend().to_string();
    assert!(
        wide.contains(&exports.join(format!("{stem}.docx")).display().to_string()),
        "{wide}"
    );
    let g = h.saved(DEMO);
    let round = g.rounds.iter().find(|r| r.round == g.round).unwrap();
    assert_eq!(
        round.steps.wrote_return,
        Some(alongside::group::Author::Group)
    );

    // Mark as sent asks; Esc leaves it unsent, Enter records it. (Opened
    // again, so the snapshot has no temporary folder in it.)
    h.key(KeyCode::Esc)
        .key(KeyCode::Char('r'))
        .key(KeyCode::Char('s'));
    assert!(
        h.text().contains("Mark the interim return as sent today"),
        "{}",
        h.text()
    );
    snap(&h, "grant_return_sent_asked");
    h.key(KeyCode::Esc);
    assert_eq!(h.status(), "Not marked as sent.");
    assert!(
        h.saved(DEMO).grants[0]
            .reports
            .iter()
            .all(|r| r.sent.is_none())
    );
    h.key(KeyCode::Char('s')).key(KeyCode::Enter);
    assert_eq!(
        h.status(),
        "Marked the interim return due 1 December 2026 as sent on 20 November 2026."
    );
    let reports = &h.saved(DEMO).grants[0].reports;
    let interim = reports
        .iter()
        .find(|r| r.kind == ReportKind::Interim)
        .unwrap();
    assert_eq!(interim.sent, Some(day("2026-11-20")));
    h.key(KeyCode::Char('s'));
    assert_eq!(
        h.status(),
        "No interim return is waiting to be sent for this grant."
    );
}

/// The return asks where it goes with the same screen as a draft, naming
/// the return; Esc there makes no folder and writes nothing.
#[test]
fn a_return_asks_which_folder_with_the_drafts_question() {
    let mut h = Harness::new();
    demo_grant(&mut h).key(KeyCode::Char('r'));
    // A fixed folder, so the snapshot has no temporary path in it.
    let folder = h.outside().join("Documents/alongside");
    h.app.export_dir = "/home/sam/Documents/alongside".into();
    h.key(KeyCode::Char('e'));
    assert_eq!(h.app.top().name(), "export-where");
    snap(&h, "grant_return_export_where");
    for _ in 0.."/home/sam/Documents/alongside".len() {
        h.key(KeyCode::Backspace);
    }
    h.type_text(&folder.display().to_string());
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<GrantReturn>().is_some());
    assert!(!folder.exists(), "Esc makes no folder");
    assert_eq!(
        h.app.export_dir,
        std::path::PathBuf::from("/home/sam/Documents/alongside")
    );
    // Typed and Enter: saved there, and remembered for next time.
    h.key(KeyCode::Char('e'));
    for _ in 0.."/home/sam/Documents/alongside".len() {
        h.key(KeyCode::Backspace);
    }
    h.type_text(&folder.display().to_string())
        .key(KeyCode::Enter);
    assert_eq!(h.app.export_dir, folder);
    let stem = format!("{DEMO}-awards-for-all-england-2026-interim");
    assert!(folder.join(format!("{stem}.docx")).is_file());
    assert!(
        h.status().starts_with("Saved the interim return"),
        "{}",
        h.status()
    );
}

#[test]
fn who_signs_the_thanks_and_the_reference_are_set_in_the_program_and_the_missing_list_names_the_key()
 {
    let mut h = Harness::new();
    demo_grant(&mut h).key(KeyCode::Char('r'));
    let text = h.text();
    assert_contains(&text, "There is no grant reference: press d to add the one");
    assert_lacks(&text, "alongside grant");
    h.key(KeyCode::Char('d'));
    let form = h.app.top_is::<ReturnDetails>().expect("d opens the form");
    // What the grant holds, and nothing invented: the thank-you is empty.
    assert_eq!(form.kept.form.value(3), "45");
    assert_eq!(form.kept.form.value(4), "");
    snap(&h, "return_details");
    h.type_text("AFA-1234")
        .key(KeyCode::Tab)
        .type_text("Jan Morris")
        .key(KeyCode::Tab)
        .type_text("Coordinator")
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .type_text("Thank you for the café.")
        .key(KeyCode::Enter)
        .type_text("It matters to us.");
    // Enter in the thank-you box is a new line; Ctrl+S saves.
    assert!(h.app.top_is::<ReturnDetails>().is_some());
    h.ctrl('s');
    assert!(
        h.app.top_is::<GrantReturn>().is_some(),
        "back to the return"
    );
    assert_eq!(
        h.status(),
        "Grant awards-for-all-england-2026: reference: AFA-1234; contact: Jan Morris; role: Coordinator; thank-you line written."
    );
    let g = h.saved(DEMO).grants[0].clone();
    assert_eq!(g.reference.as_deref(), Some("AFA-1234"));
    assert_eq!(
        (g.contact.as_deref(), g.contact_role.as_deref()),
        (Some("Jan Morris"), Some("Coordinator"))
    );
    assert_eq!(
        g.thanks.as_deref(),
        Some("Thank you for the café.\nIt matters to us.")
    );
    let text = h.text();
    for gone in [
        "There is no grant reference",
        "Nobody signs",
        "There is no thank-you line",
    ] {
        assert!(!text.contains(gone), "{gone} still missing:\n{text}");
    }

    // From the grant's own screen too; a bad number says what to type;
    // an emptied box takes that detail away.
    h.key(KeyCode::Esc).key(KeyCode::Char('d'));
    assert!(h.app.top_is::<ReturnDetails>().is_some());
    h.keys(&[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    h.keys(&[KeyCode::Backspace, KeyCode::Backspace])
        .type_text("lots");
    h.key(KeyCode::Enter);
    assert!(h.text().contains("How many people:"), "{}", h.text());
    h.keys(&[KeyCode::Backspace; 4]).type_text("50");
    h.key(KeyCode::BackTab);
    for _ in 0.."Coordinator".len() {
        h.key(KeyCode::Backspace);
    }
    h.key(KeyCode::Enter);
    assert_eq!(
        h.status(),
        "Grant awards-for-all-england-2026: role taken away; people promised: 50."
    );
    assert!(h.app.top_is::<GrantScreen>().is_some());
    let g = h.saved(DEMO).grants[0].clone();
    assert_eq!((g.contact_role, g.people_promised), (None, Some(50)));
    // Saving with nothing changed says so.
    h.key(KeyCode::Char('d')).key(KeyCode::Enter);
    assert_eq!(h.status(), "Nothing was changed.");

    // Left half-typed: kept, and back the next time, on Esc and on Ctrl+C.
    h.key(KeyCode::Char('d'))
        .keys(&[KeyCode::Tab, KeyCode::Tab])
        .type_text("Treasurer")
        .key(KeyCode::Esc);
    let kept = unfinished::find(&h.data, DEMO).unwrap();
    assert_eq!(
        (kept.form.as_str(), kept.grant.as_str()),
        ("return-details", "awards-for-all-england-2026")
    );
    assert_eq!(kept.fields[2], "Treasurer");
    h.key(KeyCode::Char('d'));
    assert_eq!(
        h.app.top_is::<ReturnDetails>().unwrap().kept.form.value(2),
        "Treasurer"
    );
    assert!(h.status().contains("is back"), "{}", h.status());
    h.key(KeyCode::Tab).type_text("!").ctrl('c');
    assert!(h.app.quit);
    assert_eq!(
        unfinished::find(&h.data, DEMO).unwrap().fields[2],
        "Treasurer"
    );
    assert_eq!(
        unfinished::find(&h.data, DEMO).unwrap().fields[1],
        "Jan Morris!"
    );
}

/// Issue 16: once an award was recorded its return dates could not be
/// set anywhere; the return-details form now sets, changes and takes
/// them away, and the award form's message names that form's key.
#[test]
fn return_due_dates_are_set_and_changed_in_the_details_form() {
    let mut h = Harness::new();
    no_grants(&mut h);
    let chest = h
        .app
        .top_is::<Award>()
        .unwrap()
        .funders
        .iter()
        .position(|f| f == "southampton-community-chest")
        .unwrap();
    for _ in 0..chest {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Tab).type_text("1480");
    h.key(KeyCode::Tab).type_text("1/4/2026");
    h.key(KeyCode::Tab).type_text("31/3/2027");
    h.key(KeyCode::Enter);
    assert!(
        h.status().ends_with(
            "No reporting dates are known: add them from the grant's screen (press d there)."
        ),
        "{}",
        h.status()
    );
    assert!(!h.status().contains("alongside"), "{}", h.status());
    // The grants list, then the grant's screen, then d: the details form
    // with two empty date boxes.
    h.key(KeyCode::Enter);
    assert!(h.app.top_is::<GrantScreen>().is_some(), "{}", h.text());
    h.key(KeyCode::Char('d'));
    let form = h.app.top_is::<ReturnDetails>().expect("d opens the form");
    assert_eq!(
        (
            form.kept.form.value(5).as_str(),
            form.kept.form.value(6).as_str()
        ),
        ("", "")
    );
    for _ in 0..5 {
        h.key(KeyCode::Tab);
    }
    h.type_text("30 September 2026")
        .key(KeyCode::Tab)
        .type_text("31/4/2027");
    h.ctrl('s');
    assert!(
        h.text().contains("Final report due: "),
        "a bad date says which box: {}",
        h.text()
    );
    assert!(
        h.saved(DEMO).grants[0].reports.is_empty(),
        "nothing saved yet"
    );
    h.keys(&[KeyCode::Backspace; 9]).type_text("30 April 2027");
    h.ctrl('s');
    assert_eq!(
        h.status(),
        "Grant southampton-community-chest-2026: interim return due 30 September 2026; final report due 30 April 2027."
    );
    let dues = |h: &Harness| {
        h.saved(DEMO).grants[0]
            .reports
            .iter()
            .map(|r| (r.kind, r.due, r.sent))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        dues(&h),
        [
            (ReportKind::Interim, day("2026-09-30"), None),
            (ReportKind::Final, day("2027-04-30"), None)
        ]
    );
    // Opened again it shows the dates as people write them; emptying the
    // final box takes that date away and leaves the interim one.
    h.key(KeyCode::Char('d'));
    let form = h.app.top_is::<ReturnDetails>().unwrap();
    assert_eq!(
        (
            form.kept.form.value(5).as_str(),
            form.kept.form.value(6).as_str()
        ),
        ("30 September 2026", "30 April 2027")
    );
    for _ in 0..6 {
        h.key(KeyCode::Tab);
    }
    h.keys(&[KeyCode::Backspace; 13]);
    h.ctrl('s');
    assert_eq!(
        h.status(),
        "Grant southampton-community-chest-2026: final report date taken away."
    );
    assert_eq!(dues(&h), [(ReportKind::Interim, day("2026-09-30"), None)]);
}

#[test]
fn no_missing_piece_on_the_return_sends_people_to_the_command_line() {
    let mut h = Harness::new();
    demo_grant(&mut h);
    // A grant with everything missing: no sessions, no people promised,
    // and a promise with no measure.
    {
        let session = h.app.ctx.session.as_mut().unwrap();
        let grant = &mut session.open.group.grants[0];
        grant.promises.clear();
        grant.sessions.clear();
        grant.people_promised = None;
        grant
            .promises
            .push(alongside::monitoring::own_promise("Feel less alone", None, None).unwrap());
    }
    h.key(KeyCode::Char('r'));
    let text = h.screen(200, 60).backend().to_string();
    for piece in [
        "There is no grant reference: press d",
        "Nobody signs this return: press d",
        "There is no thank-you line: press d",
        "Promise 1 has no measure, and the return says so: press o to add one.",
        "The number of people promised is not known: press d to add it.",
        "No sessions are logged in this period: log them from the grant's screen (press s there).",
    ] {
        assert!(text.contains(piece), "{piece}\n{text}");
    }
    assert_lacks(&text, "`alongside");
    // o and d there open the promises and the details, and Esc comes
    // back to the return.
    for key in ['o', 'd'] {
        h.key(KeyCode::Char(key));
        assert!(h.app.top().name() != "grant-return", "{key} opened nothing");
        h.key(KeyCode::Esc);
        assert!(h.app.top_is::<GrantReturn>().is_some(), "Esc after {key}");
    }
}

#[test]
fn a_final_report_before_the_grant_ends_waits_for_the_groups_reason() {
    let mut h = Harness::new();
    demo_grant(&mut h)
        .key(KeyCode::Char('r'))
        .key(KeyCode::Char('t'));
    assert_eq!(
        h.app.top_is::<GrantReturn>().unwrap().kind,
        ReportKind::Final
    );
    assert!(
        h.text()
            .contains("Not yet: the grant runs until 31 March 2027"),
        "{}",
        h.text()
    );
    h.key(KeyCode::Char('e'));
    assert!(h.status().contains("Not yet"), "{}", h.status());
    assert!(
        h.app.top_is::<GrantReturn>().is_some(),
        "not asked where before it can be written"
    );
    assert!(
        !h.app.export_dir.exists()
            || std::fs::read_dir(&h.app.export_dir)
                .unwrap()
                .next()
                .is_none()
    );

    // With the group's reason, it is written, the reason printed in it.
    h.key(KeyCode::Char('w'));
    h.ctrl('s');
    assert!(h.text().contains("Say why in a few words"), "{}", h.text());
    h.type_text("The group is closing in January.");
    snap(&h, "grant_return_early_reason");
    h.ctrl('s');
    assert!(h.app.top_is::<GrantReturn>().unwrap().reason.is_none());
    h.key(KeyCode::Char('e')).key(KeyCode::Enter);
    let stem = format!("{DEMO}-awards-for-all-england-2026-final");
    let md = std::fs::read_to_string(h.app.export_dir.join(format!("{stem}.md"))).unwrap();
    assert_contains(&md, "The group is closing in January.");
    h.key(KeyCode::Esc);
    assert!(h.app.top_is::<GrantScreen>().is_some());
}

// ---------------------------------------------------------------------------
// Every new screen offers what its keymap context binds, and Esc returns

/// The screens `every_grant_screen_offers_what_its_context_binds_and_esc_comes_back`
/// walks (`every_screen_is_walked` in tui.rs reads them too).
pub const GRANT_SCREENS_WALKED: &[&str] = &[
    "promises",
    "promise",
    "evidence",
    "log-entry",
    "grant-return",
    "award",
    "return-details",
];

#[test]
fn every_grant_screen_offers_what_its_context_binds_and_esc_comes_back() {
    let mut h = Harness::new();
    demo_grant(&mut h);
    let mut seen = Vec::new();
    for keys in [
        vec![KeyCode::Char('o')],
        vec![KeyCode::Char('o'), KeyCode::Char('a')],
        vec![KeyCode::Char('o'), KeyCode::Enter],
        vec![KeyCode::Char('o'), KeyCode::Delete],
        vec![KeyCode::Char('l')],
        vec![KeyCode::Char('l'), KeyCode::Enter],
        vec![KeyCode::Char('l'), KeyCode::Delete],
        vec![KeyCode::Char('r')],
        vec![KeyCode::Char('r'), KeyCode::Char('s')],
        vec![KeyCode::Char('r'), KeyCode::Char('t'), KeyCode::Char('w')],
        vec![KeyCode::Char('d')],
        vec![KeyCode::Char('r'), KeyCode::Char('d')],
        vec![KeyCode::Char('r'), KeyCode::Char('o')],
    ] {
        let before = h.app.stack_names();
        h.keys(&keys);
        h.check_commands(&mut seen);
        // Esc answers "no" to a question, leaves a form, or goes back.
        while h.app.stack_names() != before {
            h.key(KeyCode::Esc);
        }
        assert!(h.app.top_is::<GrantScreen>().is_some());
    }
    // The promise form's picker: the answers, then one answer's sentences.
    let before = h.app.stack_names();
    h.keys(&[KeyCode::Char('o'), KeyCode::Char('a')]).ctrl('o');
    h.check_commands(&mut seen);
    h.key(KeyCode::Enter);
    h.check_commands(&mut seen);
    while h.app.stack_names() != before {
        h.key(KeyCode::Esc);
    }
    assert!(h.app.top_is::<GrantScreen>().is_some());
    h.key(KeyCode::Esc).key(KeyCode::Char('a'));
    h.check_commands(&mut seen);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.top().name(), "grants");
    for name in GRANT_SCREENS_WALKED {
        assert!(seen.contains(name), "{name} not walked: {seen:?}");
    }
}
