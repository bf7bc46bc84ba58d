//! The real binary in a real terminal (tmux): a grant from its award to
//! its interim return, who signs it and the thank-you, all in the
//! full-screen program. Needs tmux;
//! `.ci/run` installs it. Waits for text on the screen, never a fixed time.

use std::fs;

use crate::common::tmux::{Home, Tmux, open_demo_from_the_start};
use crate::common::{assert_contains, assert_lacks};

#[test]
fn an_award_a_session_the_sign_off_and_the_interim_return_saved_where_the_screen_says() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let home = Home::with_documents(tmp.path());
    let Some(t) = Tmux::start("returns", &data, &home.env()) else {
        return;
    };
    open_demo_from_the_start(&t);

    // Record an award from the grants list: amount and dates as people
    // write them; the budget is the application's.
    t.send(&["m"]);
    t.wait_for("Southampton Community Chest");
    t.send(&["a"]);
    t.wait_for("Record an award");
    t.send(&["Tab"]);
    t.type_literally("£2,000");
    t.send(&["Tab"]);
    t.type_literally("1/4/2026");
    t.send(&["Tab"]);
    t.type_literally("31 March 2027");
    t.send(&["Enter"]);
    t.wait_for("Recorded grant");

    // The new grant is the second in the list: log a session on it.
    t.send(&["Down", "Enter"]);
    t.wait_for("£2,000");
    t.send(&["s"]);
    t.wait_for("Log a session");
    t.type_literally("9");
    t.send(&["Enter"]);
    t.wait_for("Recorded a session");

    // Write the interim return and save it in every format; a wide window
    // shows each file's whole path on one line.
    t.resize(220, 50);
    t.send(&["r"]);
    t.wait_for("How it will read");

    // Who signs it and the thank-you, typed in the program: the missing
    // list names the key, and clears once they are saved.
    t.wait_for("Nobody signs this return: press d");
    t.send(&["d"]);
    t.wait_for("Who signs the returns, when they are due, and the thank-you");
    t.send(&["Tab"]);
    t.type_literally("Jan Morris");
    t.send(&["Tab"]);
    t.type_literally("Coordinator");
    t.send(&["Tab", "Tab"]);
    t.type_literally("Thank you for keeping the cafe going.");
    t.send(&["C-s"]);
    let screen = t.wait_for("thank-you line written");
    assert_lacks(&screen, "Nobody signs");
    // It asks where, offering alongside in the Documents folder.
    t.send(&["e"]);
    let asked = t.wait_for(&home.saves().display().to_string());
    assert_contains(&asked, "Save the interim return");
    t.send(&["Enter"]);
    let screen = t.wait_for("Saved the interim return");
    let shown: Vec<&str> = screen
        .lines()
        .filter_map(|l| {
            let l = l.trim().trim_matches('│').trim();
            l.starts_with('/').then_some(l)
        })
        .collect();
    assert_eq!(shown.len(), 4, "four files shown:\n{screen}");
    let md = shown.iter().find(|p| p.ends_with(".md")).unwrap();
    assert!(md.starts_with(&home.saves().display().to_string()), "{md}");
    let text = fs::read_to_string(md).unwrap();
    assert_contains(&text, "Riverside Aphasia Café");
    assert_contains(&text, "Jan Morris");
    assert_contains(&text, "Thank you for keeping the cafe going.");
    for path in &shown {
        assert!(fs::metadata(path).unwrap().len() > 0, "{path} was written");
    }
    t.quit();
    let saved = fs::read_to_string(data.join("groups/riverside-aphasia-cafe.toml")).unwrap();
    assert!(saved.contains("pence = 200000"), "the award is saved");
}
