//! The conventions a command-line program keeps: shell completions and a
//! manual page, both built from the real command definitions.

use crate::common::{bare, stdout_of};

/// Subcommands every completion script and the man page must name.
const SOME_COMMANDS: [&str; 4] = ["answer", "draft", "next-year", "completions"];

fn assert_names_commands(what: &str, text: &str) {
    assert!(!text.trim().is_empty(), "{what} is empty");
    for name in SOME_COMMANDS {
        assert!(
            text.contains(name),
            "{what} does not name `{name}`:\n{text}"
        );
    }
}

#[test]
fn completions_for_each_shell_name_the_real_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout_of(bare().args(["completions", shell]));
        assert_names_commands(&format!("the {shell} script"), &script);
        assert!(
            script.contains("alongside"),
            "the {shell} script does not name the program"
        );
    }
}

#[test]
fn completions_refuse_an_unknown_shell_listing_the_known_ones() {
    let out = bare().args(["completions", "tcsh"]).assert().code(2);
    let err = crate::common::text(&out.get_output().stderr);
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(err.contains(shell), "{err}");
    }
}

#[test]
fn man_prints_a_manual_page_naming_the_real_subcommands() {
    let page = stdout_of(bare().arg("man"));
    assert!(page.contains(".TH alongside 1"), "{page}");
    // roff writes a hyphen as `\-`.
    assert_names_commands("the man page", &page.replace("\\-", "-"));
}

#[test]
fn man_prints_the_page_of_one_command_and_of_a_command_below_it() {
    let page = stdout_of(bare().args(["man", "answer"]));
    assert!(page.contains(".TH alongside-answer 1"), "{page}");
    assert!(page.contains("\\-\\-by"), "the page lists --by:\n{page}");
    let page = stdout_of(bare().args(["man", "share", "init"]));
    assert!(page.contains(".TH alongside-share-init 1"), "{page}");
}

#[test]
fn man_refuses_a_command_that_does_not_exist_listing_the_pages() {
    let out = bare().args(["man", "frobnicate"]).assert().code(1);
    let err = crate::common::text(&out.get_output().stderr);
    assert!(
        err.contains("`frobnicate` is not one of alongside's commands"),
        "{err}"
    );
    assert!(err.contains("next-year"), "{err}");
    assert!(
        !err.contains("merge-driver"),
        "hidden commands stay hidden: {err}"
    );
}

#[test]
fn a_welsh_name_makes_a_readable_short_name() {
    let data = crate::common::Data::new();
    let out = stdout_of(data.cmd().args(["new", "Grŵp Cefnogi Strôc Tŷ Ddewi"]));
    assert_eq!(out.trim(), "grwp-cefnogi-stroc-ty-ddewi");
    assert!(data.group_file("grwp-cefnogi-stroc-ty-ddewi").exists());
}

#[test]
fn funders_show_amounts_with_thousands_separators() {
    let out = stdout_of(bare().arg("funders"));
    assert!(out.contains("up to £50,000"), "{out}");
    assert!(out.contains("£1,000–£15,000"), "{out}");
    assert!(!out.contains("£50000") && !out.contains("£15000"), "{out}");
}

#[test]
fn an_html_draft_is_an_html_draft() {
    let data = crate::common::Data::with_demo();
    let file = data.tmp.path().join("bid.html");
    let out = stdout_of(data.cmd().args([
        "draft",
        crate::common::DEMO,
        "--funder",
        "awards-for-all-england",
        "-o",
        crate::common::path_str(&file),
    ]));
    assert!(out.contains("Wrote an HTML draft for"), "{out}");
}

#[test]
fn counts_are_never_written_with_s_in_brackets() {
    let data = crate::common::Data::with_demo();
    let out = stdout_of(
        data.cmd()
            .args(["match", crate::common::DEMO, "--today", "2026-05-01"]),
    );
    assert!(
        out.contains("Checked against ") && out.contains(" funders on "),
        "{out}"
    );
    let out = stdout_of(data.cmd().args(["caseload", "--today", "2026-05-01"]));
    assert!(out.contains(": 1 group, "), "{out}");
    let out = stdout_of(data.cmd().args(["next-year", crate::common::DEMO]));
    assert!(!out.contains("(s)"), "{out}");
    assert!(out.contains(" answers are marked \"check this\""), "{out}");
}

#[test]
fn dates_are_typed_day_first_and_shown_in_words() {
    let data = crate::common::Data::with_demo();
    for typed in ["1/4/2027", "01/04/2027", "1 April 2027", "2027-04-01"] {
        let out =
            stdout_of(
                data.cmd()
                    .args(["answer", crate::common::DEMO, "project_start", typed]),
            );
        assert!(out.contains("1 April 2027"), "{typed}: {out}");
        // The file keeps the ISO form.
        let file = std::fs::read_to_string(data.group_file(crate::common::DEMO)).unwrap();
        assert!(file.contains("2027-04-01"), "{typed}");
    }
    let err = data.fails(
        &["answer", crate::common::DEMO, "project_start", "4/13/2027"],
        1,
    );
    assert!(
        err.contains("the day comes first, as in 13/4/2027"),
        "{err}"
    );
    let err = data.fails(
        &["answer", crate::common::DEMO, "project_start", "31/2/2027"],
        1,
    );
    assert!(err.contains("there is no 31 February 2027"), "{err}");
}

#[test]
fn date_flags_take_the_same_forms() {
    let data = crate::common::Data::with_demo();
    let out = stdout_of(data.cmd().args(["due", "--today", "1/4/2027"]));
    let iso = stdout_of(data.cmd().args(["due", "--today", "2027-04-01"]));
    assert_eq!(out, iso);
    let out = data
        .cmd()
        .args(["due", "--today", "1/4/27"])
        .assert()
        .code(2);
    let err = crate::common::text(&out.get_output().stderr);
    assert!(
        err.contains("write the year in full, such as 2027"),
        "{err}"
    );
}
