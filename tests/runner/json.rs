//! Every command's `--json`, run for real: the field names and types that
//! docs/formats.md section 7 promises, in one vocabulary (`group` is the
//! group's short name and `group_name` its name, `funder` the funder's id
//! and `funder_name` its name, dates in ISO form, money in whole pence in
//! fields ending `_pence`, and `format` at the top of every object).

use crate::common::*;
use serde_json::Value;

/// What a field must hold.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Text,
    Int,
    Bool,
    /// `2026-11-26`
    Day,
    /// `2026-10-14T15:40:00Z`
    Moment,
    List,
    Object,
    /// Null, or the kind given.
    OrNull(&'static Kind),
}

use Kind::*;

fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

fn is_moment(s: &str) -> bool {
    s.len() == 20
        && is_day(&s[..10])
        && s.as_bytes()[10] == b'T'
        && s.ends_with('Z')
        && s[11..19].bytes().enumerate().all(|(i, c)| {
            if i == 2 || i == 5 {
                c == b':'
            } else {
                c.is_ascii_digit()
            }
        })
}

fn holds(value: &Value, kind: Kind) -> bool {
    match kind {
        Text => value.is_string(),
        Int => value.is_i64() || value.is_u64(),
        Bool => value.is_boolean(),
        Day => value.as_str().is_some_and(is_day),
        Moment => value.as_str().is_some_and(is_moment),
        List => value.is_array(),
        Object => value.is_object(),
        OrNull(inner) => value.is_null() || holds(value, *inner),
    }
}

/// `value` is an object with exactly these fields, each of its kind.
#[track_caller]
fn assert_shape(value: &Value, fields: &[(&str, Kind)]) {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"));
    let mut got: Vec<&str> = object.keys().map(String::as_str).collect();
    let mut want: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "fields of {value}");
    for (key, kind) in fields {
        assert!(
            holds(&value[key], *kind),
            "`{key}` should be {kind:?}: {}",
            value[key]
        );
    }
    // The shared vocabulary: no other spelling of these may creep in.
    for old in ["slug", "id_pence", "pounds", "min_pounds", "max_pounds"] {
        assert!(!object.contains_key(old), "`{old}` in {value}");
    }
}

fn parse(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

#[track_caller]
fn array(out: &str) -> Vec<Value> {
    match parse(out) {
        Value::Array(rows) => rows,
        other => panic!("not an array: {other}"),
    }
}

#[test]
fn groups_json() {
    let data = Data::with_demo();
    data.ok(&["new", "Riverside Carers"]);
    let rows = array(&data.ok(&["groups", "--json"]));
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_shape(
            row,
            &[
                ("group", Text),
                ("group_name", Text),
                ("updated", Moment),
                ("answered", Int),
                ("total", Int),
                ("path", Text),
            ],
        );
    }
    assert_eq!(rows[0]["group"], DEMO);
    assert_eq!(rows[0]["group_name"], "Riverside Aphasia Café");
    assert_eq!(rows[0]["updated"], "2026-10-14T15:40:00Z");
    assert_eq!(rows[1]["group"], "riverside-carers");
}

#[test]
fn questions_json() {
    let data = Data::new();
    let rows = array(&data.ok(&["questions", "--json"]));
    assert!(rows.len() > 50);
    for row in &rows {
        assert_shape(
            row,
            &[
                ("id", Text),
                ("section", Text),
                ("type", Text),
                ("prompt", Text),
                ("choices", List),
            ],
        );
        assert!(
            row["choices"]
                .as_array()
                .unwrap()
                .iter()
                .all(Value::is_string)
        );
    }
}

#[test]
fn funders_json() {
    let data = Data::new();
    let rows = array(&data.ok(&["funders", "--json"]));
    assert!(rows.len() >= 14);
    for row in &rows {
        assert_shape(
            row,
            &[
                ("funder", Text),
                ("name", Text),
                ("organisation", Text),
                ("kind", Text),
                ("countries", List),
                ("state", Text),
                ("website", Text),
                ("status_source", OrNull(&Text)),
                ("status_as_of", OrNull(&Day)),
                ("checked", Day),
                ("sources", List),
                ("questions", Int),
                ("questions_known", Bool),
                ("min_pence", OrNull(&Int)),
                ("max_pence", OrNull(&Int)),
                ("origin", Text),
            ],
        );
        let sources = row["sources"].as_array().unwrap();
        assert!(!sources.is_empty(), "{row}");
        for source in sources {
            assert_shape(source, &[("url", Text), ("as_of", OrNull(&Day))]);
            assert!(source["url"].as_str().unwrap().starts_with("http"));
        }
        // Ids, not labels for people.
        let kind = row["kind"].as_str().unwrap();
        assert!(!kind.contains(' '), "{kind}");
        assert!(!row["state"].as_str().unwrap().contains(' '), "{row}");
        if row["questions_known"] == false {
            assert_eq!(row["questions"], 0, "{row}");
        }
    }
    let find = |id: &str| rows.iter().find(|r| r["funder"] == id).unwrap();
    let england = find("awards-for-all-england");
    assert_eq!(
        england["organisation"],
        "The National Lottery Community Fund"
    );
    assert_eq!(england["kind"], "lottery");
    assert_eq!(england["countries"], serde_json::json!(["england"]));
    // £300 to £20,000, in pence.
    assert_eq!(england["min_pence"], 30_000);
    assert_eq!(england["max_pence"], 2_000_000);
    assert!(england["questions"].as_u64().unwrap() >= 3);
    assert_eq!(
        england["origin"],
        "built-in funders/awards-for-all-england.toml"
    );
    assert!(rows.iter().any(|r| r["questions_known"] == false));
}

/// The demo group with its own words for one question of a funder, so
/// `check` has a written answer and unwritten ones to report.
fn data_for_check() -> Data {
    let data = Data::with_demo();
    data.ok(&[
        "wording",
        DEMO,
        "--funder",
        "awards-for-all-england",
        "your-idea",
        "We would like to run a weekly café for people with aphasia.",
    ]);
    data
}

#[test]
fn check_json() {
    let data = data_for_check();
    let out = data
        .run(&[
            "check",
            DEMO,
            "--funder",
            "awards-for-all-england",
            "--json",
        ])
        .get_output()
        .stdout
        .clone();
    let report = parse(&text(&out));
    assert_shape(
        &report,
        &[
            ("format", Int),
            ("group", Text),
            ("group_name", Text),
            ("funder", Text),
            ("funder_name", Text),
            ("blocking", Int),
            ("warnings", Int),
            ("problems", List),
        ],
    );
    assert_eq!(report["format"], 1);
    assert_eq!(report["group"], DEMO);
    assert_eq!(report["group_name"], "Riverside Aphasia Café");
    assert_eq!(report["funder"], "awards-for-all-england");
    assert_eq!(
        report["funder_name"],
        "National Lottery Awards for All England"
    );
    let problems = report["problems"].as_array().unwrap();
    assert!(!problems.is_empty());
    for p in problems {
        assert_shape(
            p,
            &[
                ("severity", Text),
                ("kind", Text),
                ("where", Text),
                ("question", OrNull(&Text)),
                ("problem", Text),
                ("fix", Text),
            ],
        );
    }
}

#[test]
fn due_json() {
    let data = Data::with_demo();
    data.ok(&AWARD_2026);
    let rows = array(&data.ok(&["due", "--today", "2026-07-02", "--json"]));
    assert_eq!(rows.len(), 1);
    assert_shape(
        &rows[0],
        &[
            ("group", Text),
            ("group_name", Text),
            ("grant", Text),
            ("funder", Text),
            ("kind", Text),
            ("due", Day),
            ("days_left", Int),
        ],
    );
    assert_eq!(rows[0]["group"], DEMO);
    assert_eq!(rows[0]["funder"], "awards-for-all-england");
    assert_eq!(rows[0]["due"], "2026-06-30");
}

#[test]
fn progress_json() {
    let data = Data::with_demo();
    let report = parse(&data.ok(&["progress", DEMO, "--json"]));
    assert_shape(
        &report,
        &[
            ("format", Int),
            ("group", Text),
            ("group_name", Text),
            ("round", Int),
            ("rounds", List),
        ],
    );
    assert_eq!(report["format"], 1);
    assert_eq!(report["group"], DEMO);
    assert_eq!(report["group_name"], "Riverside Aphasia Café");
    let rounds = report["rounds"].as_array().unwrap();
    assert!(!rounds.is_empty());
    for r in rounds {
        assert_shape(
            r,
            &[
                ("round", Int),
                ("year", Int),
                ("started", Day),
                ("closed", OrNull(&Day)),
                ("words", Object),
                ("percent", Object),
                ("steps", Object),
                ("done_by_the_group", List),
            ],
        );
        for share in ["words", "percent"] {
            assert_shape(
                &r[share],
                &[("group", Int), ("supporter", Int), ("together", Int)],
            );
        }
    }
}

/// `match --json` keeps each funder's result as text while profiles are
/// read, then writes them in order: the whole list must hold exactly what
/// asking about each funder alone gives, in verdict order, after the
/// shared fields.
#[test]
fn match_json_over_all_funders_is_each_funder_in_order() {
    let data = Data::with_demo();
    let run = |extra: &[&str]| {
        let mut args = vec!["match", DEMO, "--today", "2026-11-26", "--json"];
        args.extend_from_slice(extra);
        let report = parse(&data.ok(&args));
        assert_shape(
            &report,
            &[
                ("format", Int),
                ("group", Text),
                ("group_name", Text),
                ("today", Day),
                ("ask_pence", OrNull(&Int)),
                ("funders", List),
            ],
        );
        assert_eq!(report["format"], 1);
        assert_eq!(report["group"], DEMO);
        assert_eq!(report["today"], "2026-11-26");
        report["funders"].as_array().unwrap().clone()
    };
    let all = run(&[]);
    let funders = array(&data.ok(&["funders", "--json"]));
    assert_eq!(all.len(), funders.len());
    let mut alone: Vec<String> = funders
        .iter()
        .map(|f| {
            let one = run(&["--funder", f["funder"].as_str().unwrap()]);
            assert_eq!(one.len(), 1);
            one[0].to_string()
        })
        .collect();
    let mut together: Vec<String> = all.iter().map(Value::to_string).collect();
    alone.sort();
    together.sort();
    assert_eq!(together, alone);
    let rank = |v: &Value| {
        ["eligible", "check", "not-eligible", "closed"]
            .iter()
            .position(|r| v["verdict"] == *r)
            .unwrap()
    };
    assert!(all.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])));
}

// ---------------------------------------------------------------------------
// One vocabulary across every command's --json

/// Keys holding a day or a moment, wherever they appear.
const DATE_KEYS: &[&str] = &[
    "today",
    "date",
    "due",
    "checked",
    "started",
    "closed",
    "until",
    "withdrawn",
    "deadline",
    "earliest",
    "latest",
    "newest",
    "updated",
    "at",
    "taken",
    "as_of",
    "status_as_of",
    "imported_at",
];

/// Names that other spellings of the shared words would use.
const NOT_OUR_WORDS: &[&str] = &[
    "slug",
    "group_slug",
    "group_id",
    "funder_id",
    "id_pence",
    "amount",
    "pounds",
];

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The counts by who wrote (`progress`'s `words` and `percent`): the one
/// place `group` is not a group's short name but the group as a writer.
fn is_writer_counts(object: &serde_json::Map<String, Value>) -> bool {
    !object.is_empty()
        && object
            .iter()
            .all(|(k, v)| ["group", "supporter", "together"].contains(&k.as_str()) && v.is_u64())
}

/// Who did each step (`progress`'s `steps`): keys are step ids, such as
/// `checked`, not fields, so the rules for field names do not apply.
fn is_steps_by_writer(object: &serde_json::Map<String, Value>) -> bool {
    !object.is_empty()
        && object.values().all(|v| {
            v.as_str()
                .is_some_and(|w| ["group", "supporter", "together"].contains(&w))
        })
}

/// Every way `value` (found at `at`) breaks docs/formats.md 7.1.
fn vocabulary_problems(at: &str, value: &Value, problems: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                vocabulary_problems(&format!("{at}[{i}]"), item, problems);
            }
        }
        Value::Object(object) => {
            let writers = is_writer_counts(object);
            let steps = is_steps_by_writer(object);
            for (key, v) in object {
                let here = format!("{at}.{key}");
                let text = v.as_str();
                let bad = match key.as_str() {
                    _ if steps => false,
                    "group" if writers => false,
                    "group" | "funder" => !text.is_some_and(is_slug),
                    "group_name" | "funder_name" => text.is_none_or(str::is_empty),
                    k if k.ends_with("_pence") => !(v.is_i64() || v.is_u64() || v.is_null()),
                    k if DATE_KEYS.contains(&k) => {
                        !(v.is_null() || text.is_some_and(|s| is_day(s) || is_moment(s)))
                    }
                    k if NOT_OUR_WORDS.contains(&k) || k.contains("pounds") => true,
                    _ => false,
                };
                if bad {
                    problems.push(format!("{here} = {v}"));
                }
                vocabulary_problems(&here, v, problems);
            }
        }
        _ => {}
    }
}

/// The rules for one command's whole output: every value as above, and an
/// object starts with its `format`.
fn output_problems(command: &str, out: &str) -> Vec<String> {
    let value = parse(out);
    let mut problems = Vec::new();
    if value.is_object() {
        if !out.starts_with("{\n  \"format\": ") {
            problems.push(format!("{command}: an object must start with `format`"));
        }
        if !value["format"].is_u64() {
            problems.push(format!("{command}: `format` must be a number"));
        }
    } else if !value.is_array() {
        problems.push(format!("{command}: neither an object nor an array"));
    }
    vocabulary_problems(command, &value, &mut problems);
    problems
}

/// The rules catch each way of breaking them (so the walk below cannot pass
/// by checking nothing).
#[test]
fn the_vocabulary_check_catches_each_rule_broken() {
    let broken = [
        r#"{"format": 1, "slug": "a"}"#,
        r#"{"format": 1, "group": "Riverside Café"}"#,
        r#"{"format": 1, "funder": 7}"#,
        r#"{"format": 1, "funder_name": ""}"#,
        r#"{"format": 1, "max_pence": 12.5}"#,
        r#"{"format": 1, "max_pounds": 20000}"#,
        r#"{"format": 1, "rows": [{"due": "1 April 2027"}]}"#,
        r#"{"format": 1, "at": "2026-10-14 15:40"}"#,
        r#"{"group": "a"}"#,
        r#"{"format": "1"}"#,
        r#""text""#,
        r#"[{"words": {"group": 3, "author": 1}}]"#,
        r#"[{"steps": {"checked": "supporter", "at": "today"}}]"#,
    ];
    for text in broken {
        let pretty = serde_json::to_string_pretty(&parse(text)).unwrap();
        assert!(
            !output_problems("test", &pretty).is_empty(),
            "not caught: {text}"
        );
    }
    let fine = r#"[{"group": "a-b", "funder": "c", "ask_pence": null, "words": {"group": 3, "supporter": 1}, "steps": {"checked": "group"}, "taken": "2026-10-14T15:40:00Z", "due": "2026-10-14"}]"#;
    assert_eq!(output_problems("test", fine), Vec::<String>::new());
}

/// Every subcommand path with a `--json` flag, from the command line's
/// own definition: `groups`, `share status`, ...
fn commands_with_json() -> Vec<String> {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, found: &mut Vec<String>) {
        if cmd.get_arguments().any(|a| a.get_long() == Some("json")) {
            found.push(path.trim().to_string());
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), found);
        }
    }
    let mut found = Vec::new();
    walk(&alongside::cli::Cli::command(), "", &mut found);
    found.sort();
    found
}

fn git_available() -> bool {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok()
    {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "git must be installed in CI (see .ci/run)"
    );
    eprintln!("skipping the share commands: git is not installed");
    false
}

/// Runs every command that has `--json`, on a data folder where each has
/// something to say, and checks its whole output against the shared
/// vocabulary. A new command with `--json` fails here until it is added.
#[test]
fn every_json_output_uses_one_vocabulary() {
    let data = Data::with_demo();
    let funder = "awards-for-all-england";
    data.ok(&["new", "Riverside Carers"]);
    // A backup (taken before the first save), a grant with a return due, a
    // story with consent, the grants data sample, and a shared history.
    data.ok(&["answer", DEMO, "regular_members", "13"]);
    data.ok(&AWARD_2026);
    data.ok(&["grants-data", "import", "--sample"]);
    let shared = git_available();
    if shared {
        data.ok(&["share", "init"]);
        data.ok(&["share", "sync"]);
    }
    let today = ["--today", "2026-07-02"];
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("backups", vec!["backups", DEMO]),
        ("caseload", [&["caseload"][..], &today].concat()),
        ("check", vec!["check", DEMO, "--funder", funder]),
        ("consent", vec!["consent", DEMO]),
        ("consent", vec!["consent", DEMO, "--use", "report"]),
        ("due", [&["due"][..], &today].concat()),
        ("funders", vec!["funders"]),
        (
            "grants-data funder",
            vec!["grants-data", "funder", "GB-CHC-200021"],
        ),
        ("grants-data status", vec!["grants-data", "status"]),
        ("groups", vec!["groups"]),
        (
            "log list",
            vec![
                "log",
                DEMO,
                "--grant",
                "southampton-community-chest-2026",
                "list",
            ],
        ),
        ("match", [&["match", DEMO][..], &today].concat()),
        ("nearby", vec!["nearby", DEMO]),
        ("progress", vec!["progress", DEMO]),
        ("questions", vec!["questions"]),
        ("share log", vec!["share", "log", DEMO]),
        ("share status", vec!["share", "status"]),
    ];
    let mut covered: Vec<String> = runs.iter().map(|(c, _)| c.to_string()).collect();
    covered.dedup();
    assert_eq!(
        covered,
        commands_with_json(),
        "every command with --json is checked here (keep the list in order)"
    );
    let mut problems = Vec::new();
    for (command, mut args) in runs {
        if command.starts_with("share") && !shared {
            continue;
        }
        args.push("--json");
        // `check` exits 1 when something must be fixed before sending.
        let out = text(&data.run(&args).get_output().stdout);
        let found = output_problems(command, &out);
        if found.is_empty() {
            // Not an empty output that passes by holding nothing.
            assert!(out.len() > 20, "{command} printed little: {out}");
        }
        problems.extend(found);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
