//! Open grants data: importing 360Giving files in both forms (with the odd
//! but valid shapes publishers use), and `nearby` for groups in different
//! places, run through the real binary against a temporary data folder.

use crate::common::{DEMO, Data, assert_contains, assert_lacks};
use serde_json::Value;

/// A JSON package: a stroke charity in Southampton (work and area for the
/// demo group), a tiny trust with two grants (too few to say), and the
/// shapes the standard allows: amounts as strings, several locations, a
/// place given only by its ONS code, a place given only by the recipient's
/// postcode, optional fields left out, and a grant to a person.
const JSON: &str = r#"{
  "license": "https://creativecommons.org/licenses/by/4.0/",
  "publisher": {"name": "Made-up publisher"},
  "grants": [
    {"id": "360G-solent-1", "title": "Aphasia conversation café", "description": "Fortnightly café for stroke survivors with aphasia.",
     "currency": "GBP", "amountAwarded": "1,200.00", "awardDate": "2025-03-12T00:00:00+00:00",
     "recipientOrganization": [{"id": "360G-solent-org-1", "name": "Shirley Aphasia Friends"}],
     "beneficiaryLocation": [{"name": "Southampton", "geoCode": "E06000045", "geoCodeType": "UA"},
                             {"name": "Eastleigh", "geoCode": "E07000086", "geoCodeType": "NMD"}],
     "fundingOrganization": [{"id": "GB-CHC-1000001", "name": "Solent Stroke Trust", "url": "https://solent-stroke.example"}]},
    {"id": "360G-solent-2", "title": "Stroke club outings",
     "currency": "GBP", "amountAwarded": 800, "awardDate": "2024-06-01",
     "recipientOrganization": [{"id": "GB-CHC-5550001", "name": "Portswood Stroke Club", "charityNumber": "5550001"}],
     "beneficiaryLocation": [{"geoCode": "E06000045"}],
     "fundingOrganization": [{"id": "GB-CHC-1000001", "name": "Solent Stroke Trust"}]},
    {"id": "360G-solent-3", "title": "Speech therapy group", "description": "Aphasia group sessions in Leeds.",
     "amountAwarded": 5000, "awardDate": "2023-09-15",
     "recipientOrganization": [{"id": "360G-solent-org-3", "name": "Headingley Aphasia Group"}],
     "beneficiaryLocation": [{"name": "Leeds", "geoCode": "E08000035"}],
     "fundingOrganization": [{"id": "GB-CHC-1000001", "name": "Solent Stroke Trust"}]},
    {"id": "360G-solent-4", "title": "Stroke survivors exercise class", "currency": "GBP",
     "amountAwarded": 500.5, "awardDate": "2022-01-20",
     "recipientOrganization": [{"id": "360G-solent-org-4", "name": "Bristol Stroke Movers"}],
     "beneficiaryLocation": [{"name": "Bristol, City of", "geoCode": "E06000023"}],
     "fundingOrganization": [{"id": "GB-CHC-1000001", "name": "Solent Stroke Trust"}]},
    {"id": "360G-solent-5", "title": "Aphasia friendly leaflets", "amountAwarded": "300", "awardDate": "2021-05-05",
     "recipientOrganization": [{"id": "360G-solent-org-5", "name": "Shirley Aphasia Friends", "postalCode": "so15 2ab"}],
     "fundingOrganization": [{"id": "GB-CHC-1000001", "name": "Solent Stroke Trust"}]},
    {"id": "360G-solent-6", "title": "A grant to a person", "amountAwarded": 250, "awardDate": "2025-01-01",
     "recipientIndividual": {"id": "360G-solent-person-1", "name": "Individual Recipient"},
     "fundingOrganization": [{"id": "GB-CHC-1000001", "name": "Solent Stroke Trust"}]},
    {"id": "360G-tiny-1", "title": "Aphasia choir", "amountAwarded": 400, "awardDate": "2025-02-02",
     "recipientOrganization": [{"id": "360G-tiny-org-1", "name": "Sing Again Southampton"}],
     "beneficiaryLocation": [{"name": "Southampton City Council"}],
     "fundingOrganization": [{"id": "360G-tiny", "name": "The Tiny Trust"}]},
    {"id": "360G-tiny-2", "title": "Stroke peer group", "amountAwarded": 600, "awardDate": "2024-02-02",
     "recipientOrganization": [{"id": "360G-tiny-org-2", "name": "Winchester Stroke Group"}],
     "beneficiaryLocation": [{"name": "Winchester"}],
     "fundingOrganization": [{"id": "360G-tiny", "name": "The Tiny Trust"}]},
    {"id": "360G-solent-7", "title": "Broken grant", "amountAwarded": "lots", "awardDate": "2025-01-01",
     "fundingOrganization": [{"id": "GB-CHC-1000001", "name": "Solent Stroke Trust"}]},
    {"id": "360G-solent-8", "title": "Stroke club in Leeds", "amountAwarded": 700, "awardDate": "2025-07-07",
     "recipientOrganization": [{"id": "GB-CHC-5550008", "name": "Leeds Stroke Club"}],
     "beneficiaryLocation": [{"name": "Leeds"}],
     "fundingOrganization": [{"id": "GB-CHC-1000001", "name": "Solent Stroke Trust"}]}
  ]
}"#;

/// The flat CSV form with a byte-order mark and Windows line endings: a
/// carers' fund in Leeds (with one Southampton grant for other work), and a
/// gardens fund in Southampton. Amounts as strings with £ and commas, two
/// numbered locations, GrantNav's own columns, a description over two
/// lines, a blank line, and one row with an amount that is not money.
fn csv_text() -> String {
    let rows = [
        "Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Recipient Org:Charity Number,Recipient Org:Postal Code,Beneficiary Location:0:Name,Beneficiary Location:0:Geographic Code,Beneficiary Location:1:Name,Beneficiary Location:1:Geographic Code,Funding Org:Identifier,Funding Org:Name,Recipient District (additional data),Recipient Region (additional data)",
        "360G-leeds-1,Carers' coffee mornings,\"Unpaid carers meet weekly.\r\nA second line.\",GBP,\"£1,500\",2025-10-01,360G-leeds-org-1,Chapel Allerton Carers,,LS7 3AB,Leeds,E08000035,,,GB-CHC-2000002,The Leeds Carers Fund,Leeds,Yorkshire and The Humber",
        "360G-leeds-2,Young carers trips,,GBP,\"2,000.00\",2025-08-01,GB-CHC-6660002,Leeds Young Carers,6660002,,Leeds,E08000035,Bradford,E08000032,GB-CHC-2000002,The Leeds Carers Fund,,",
        "360G-leeds-3,Carers' respite breaks,,GBP,3000,2024-08-01,360G-leeds-org-3,Headingley Carers,,,Leeds,,,,GB-CHC-2000002,The Leeds Carers Fund,,",
        "360G-leeds-4,Carers' choir,,GBP,900,2023-08-01,360G-leeds-org-4,Leeds Carers Sing,,,,,,,GB-CHC-2000002,The Leeds Carers Fund,Leeds,",
        "360G-leeds-5,Allotment for the neighbourhood,,GBP,750,2022-08-01,360G-leeds-org-5,Bevois Growers,,,Southampton,E06000045,,,GB-CHC-2000002,The Leeds Carers Fund,,",
        "360G-leeds-6,Carers' lunch,,GBP,lots,2022-08-01,360G-leeds-org-6,Broken Row Carers,,,Leeds,,,,GB-CHC-2000002,The Leeds Carers Fund,,",
        "",
        "360G-garden-1,Allotment tools and seeds,Raised beds and a shed.,GBP,£450,2025-04-04,360G-garden-org-1,Shirley Growers,,SO15 5QQ,Southampton,E06000045,,,GB-CHC-4000004,Hampshire Gardens Fund,,",
        "360G-garden-2,Park benches,,GBP,1250,2025-03-03,360G-garden-org-2,Friends of Riverside Park,,,Southampton,,,,GB-CHC-4000004,Hampshire Gardens Fund,,",
        "360G-garden-3,Orchard planting,,GBP,2000,2024-03-03,GB-CHC-7770003,Southampton Orchards,7770003,,Southampton,,,,GB-CHC-4000004,Hampshire Gardens Fund,,",
        "360G-garden-4,Pond clearing,,GBP,600,2023-03-03,360G-garden-org-4,Sholing Pond Volunteers,,,,E06000045,,,GB-CHC-4000004,Hampshire Gardens Fund,,",
        "360G-garden-5,Hedge laying course,,GBP,300,2026-01-15,360G-garden-org-5,Winchester Hedgers,,,Winchester,,,,GB-CHC-4000004,Hampshire Gardens Fund,,",
    ];
    format!("\u{feff}{}\r\n", rows.join("\r\n"))
}

/// A data folder with the demo group and both files imported.
fn imported() -> (Data, std::path::PathBuf, std::path::PathBuf) {
    let data = Data::with_demo();
    let json = data.scratch("grants.json");
    let csv = data.scratch("grants.csv");
    std::fs::write(&json, JSON).unwrap();
    std::fs::write(&csv, csv_text()).unwrap();
    data.ok(&[
        "grants-data",
        "import",
        crate::common::path_str(&json),
        crate::common::path_str(&csv),
    ]);
    (data, json, csv)
}

/// Each funder `nearby --json` listed, by org-id, with its tier.
fn tiers_of(funders: &[Value]) -> Vec<(&str, &str)> {
    funders
        .iter()
        .map(|f| {
            (
                f["funder_org_id"].as_str().unwrap(),
                f["tier"].as_str().unwrap(),
            )
        })
        .collect()
}

fn nearby_json(data: &Data, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["nearby"];
    all.extend_from_slice(args);
    all.push("--json");
    let out = data.ok(&all);
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn find<'a>(funders: &'a [Value], org_id: &str) -> &'a Value {
    funders
        .iter()
        .find(|f| f["funder_org_id"] == org_id)
        .unwrap_or_else(|| panic!("{org_id} not in {funders:#?}"))
}

#[test]
fn import_reads_both_forms_and_reports_bad_rows_with_their_place() {
    let data = Data::with_demo();
    let json = data.scratch("grants.json");
    let csv = data.scratch("grants.csv");
    // A byte-order mark before the JSON too, as some tools write.
    std::fs::write(&json, format!("\u{feff}{JSON}")).unwrap();
    std::fs::write(&csv, csv_text()).unwrap();
    let (out, err) = data.ok_with_warnings(&[
        "grants-data",
        "import",
        crate::common::path_str(&json),
        crate::common::path_str(&csv),
    ]);
    assert_contains(
        &out,
        "grants.json: 8 grants imported, 1 grants to individuals skipped (they are never stored), 1 could not be read.",
    );
    assert_contains(&out, "grants.csv: 10 grants imported, 1 could not be read.");
    assert_contains(
        &out,
        "The index now holds 18 grants from 4 funders, data up to 15 January 2026.",
    );
    // The bad JSON grant by its place in the list; the bad CSV row by its
    // line (the header is line 1, the two-line description is lines 2-3).
    assert_contains(
        &err,
        "grants.json: grant 9 (360G-solent-7): grant 360G-solent-7: the amount awarded `lots` is not an amount of money",
    );
    assert_contains(
        &err,
        "grants.csv: line 8: grant 360G-leeds-6: the amount awarded `lots`",
    );

    let status = data.ok(&["grants-data", "status"]);
    assert_contains(&status, "18 grants from 4 funders");
    assert_contains(
        &status,
        "Awarded from 5 May 2021 to 15 January 2026: data up to 15 January 2026",
    );
    assert_contains(
        &status,
        "grants.json: 8 grants, 1 to individuals skipped, 1 could not be read",
    );
    // Nothing about the person is stored, not even in the word index.
    let db = std::fs::read(data.root.join("grants-data.sqlite")).unwrap();
    assert!(!String::from_utf8_lossy(&db).contains("A grant to a person"));
    assert!(!String::from_utf8_lossy(&db).contains("360G-solent-person-1"));
}

#[test]
fn importing_again_changes_nothing() {
    let (data, json, csv) = imported();
    let before_status: Value =
        serde_json::from_str(&data.ok(&["grants-data", "status", "--json"])).unwrap();
    let before = data.ok(&["nearby", DEMO, "--json"]);
    let leeds_before = data.ok(&["nearby", DEMO, "--within", "Leeds", "--json"]);
    data.ok(&[
        "grants-data",
        "import",
        crate::common::path_str(&csv),
        crate::common::path_str(&json),
    ]);
    let after_status: Value =
        serde_json::from_str(&data.ok(&["grants-data", "status", "--json"])).unwrap();
    assert_eq!(after_status["grants"], 18);
    assert_eq!(after_status["funders"], before_status["funders"]);
    assert_eq!(after_status["files"].as_array().unwrap().len(), 2);
    assert_eq!(data.ok(&["nearby", DEMO, "--json"]), before);
    assert_eq!(
        data.ok(&["nearby", DEMO, "--within", "Leeds", "--json"]),
        leeds_before
    );
}

#[test]
fn the_demo_group_in_southampton_sees_every_tier_with_its_evidence() {
    let (data, _, _) = imported();
    let funders = nearby_json(&data, &[DEMO]);
    let tiers = tiers_of(&funders);
    assert_eq!(
        tiers,
        [
            ("GB-CHC-1000001", "work-and-area"),
            ("GB-CHC-2000002", "work-elsewhere"),
            ("GB-CHC-4000004", "area-other-work"),
            ("360G-tiny", "too-few"),
        ]
    );

    let solent = find(&funders, "GB-CHC-1000001");
    // Six grants: the person and the broken one are not among them.
    assert_eq!(solent["grants"], 6);
    assert_eq!(solent["funder_name"], "Solent Stroke Trust");
    assert_eq!(solent["min_pence"], 30_000);
    assert_eq!(solent["max_pence"], 500_000);
    // 300, 500.50, 700, 800, 1200, 5000: the middle two are 700 and 800.
    assert_eq!(solent["median_pence"], 75_000);
    // Recipients with 360G- ids or no numbers; the two charities are not.
    assert_eq!(solent["small_groups"], 4);
    assert_eq!(solent["latest"], "2025-07-07");
    // In Southampton: by name and code, by the code alone (learnt from the
    // other grant), and by the recipient's postcode SO15.
    assert_eq!(solent["area_grants"], 3);
    assert_eq!(solent["work_and_area_grants"], 3);
    let examples: Vec<&str> = solent["examples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        examples,
        [
            "Aphasia conversation café",
            "Stroke club outings",
            "Aphasia friendly leaflets"
        ]
    );
    let first = &solent["examples"][0];
    assert_eq!(first["recipient"], "Shirley Aphasia Friends");
    assert_eq!(first["amount_pence"], 120_000);
    assert_eq!(first["date"], "2025-03-12");
    assert_eq!(solent["profile"], Value::Null);
    assert_eq!(solent["verdict"], Value::Null);

    // Carers' grants are the demo group's kind of work (it works with
    // carers) but none was in Southampton; its Southampton grant was other
    // work.
    let leeds = find(&funders, "GB-CHC-2000002");
    assert_eq!(leeds["work_and_area_grants"], 0);
    assert_eq!(leeds["area_grants"], 1);
    assert_eq!(leeds["grants"], 5);

    let gardens = find(&funders, "GB-CHC-4000004");
    assert_eq!(gardens["work_grants"], 0);
    assert_eq!(gardens["area_grants"], 4);
    assert_eq!(gardens["examples"][0]["title"], "Allotment tools and seeds");

    let tiny = find(&funders, "360G-tiny");
    assert_eq!(tiny["grants"], 2);
    assert_eq!(
        tiny["area_grants"], 1,
        "\"Southampton City Council\" is Southampton"
    );

    // Every field the contract names is there.
    for key in [
        "funder_org_id",
        "funder_name",
        "tier",
        "grants",
        "median_pence",
        "min_pence",
        "max_pence",
        "small_groups",
        "latest",
        "examples",
        "profile",
        "verdict",
    ] {
        assert!(solent.get(key).is_some(), "no `{key}` in {solent:#?}");
    }
    for key in ["recipient", "amount_pence", "date", "title"] {
        assert!(first.get(key).is_some(), "no `{key}` in an example");
    }
}

#[test]
fn a_carers_group_in_leeds_sees_other_funders_first() {
    let (data, _, _) = imported();
    data.ok(&["new", "Chapel Carers"]);
    for (q, v) in [
        ("local_authority", "Leeds City Council"),
        ("postcode_district", "LS7"),
        ("who_for", "Unpaid carers looking after someone at home"),
    ] {
        data.ok(&["answer", "chapel-carers", q, v]);
    }
    let funders = nearby_json(&data, &["chapel-carers"]);
    let tiers = tiers_of(&funders);
    // The gardens fund gave nothing in Leeds nor for carers: not listed.
    assert_eq!(
        tiers,
        [
            ("GB-CHC-2000002", "work-and-area"),
            ("GB-CHC-1000001", "area-other-work"),
        ]
    );
    let leeds = find(&funders, "GB-CHC-2000002");
    assert_eq!(leeds["work_and_area_grants"], 4);
    assert_eq!(leeds["examples"].as_array().unwrap().len(), 4);
    let solent = find(&funders, "GB-CHC-1000001");
    assert_eq!(solent["area_grants"], 2);

    let text = data.ok(&["nearby", "chapel-carers"]);
    assert_contains(&text, "Your area: Leeds City Council and LS7");
    assert_contains(
        &text,
        "Your kind of work: grants whose title or description use",
    );
    assert_contains(&text, "The Leeds Carers Fund (GB-CHC-2000002)");
    assert_contains(
        &text,
        "2025-10-01 £1,500 to Chapel Allerton Carers: Carers' coffee mornings",
    );
    assert_contains(&text, "Your area, other work (1 funders)");
}

#[test]
fn within_a_region_or_another_authority() {
    let (data, _, _) = imported();
    // The region comes from GrantNav's column on one Leeds grant.
    let region = nearby_json(&data, &[DEMO, "--within", "Yorkshire and the Humber"]);
    let leeds = find(&region, "GB-CHC-2000002");
    assert_eq!(leeds["area_grants"], 1);
    // An ONS code works as well as a name.
    let by_code = nearby_json(&data, &[DEMO, "--within", "E08000032"]);
    assert_eq!(find(&by_code, "GB-CHC-2000002")["area_grants"], 1);

    let (out, _) = data.ok_with_warnings(&["nearby", DEMO, "--within", "Atlantis"]);
    assert_contains(&out, "No grant in the data names Atlantis");
    assert_contains(&out, "Your kind of work, elsewhere");
    // The same council list as `match`: a misspelt council gets the closest.
    let (out, _) = data.ok_with_warnings(&["nearby", DEMO, "--within", "Southamptn"]);
    assert_contains(
        &out,
        "`Southamptn` is not a UK council area alongside knows. Did you mean Southampton",
    );
    // A council written as the data writes it is one place.
    let by_name = nearby_json(&data, &[DEMO, "--within", "Leeds City Council"]);
    assert!(find(&by_name, "GB-CHC-2000002")["area_grants"].as_u64() > Some(1));
}

#[test]
fn a_funder_with_a_profile_shows_its_verdict() {
    let (data, _, _) = imported();
    let dir = data.scratch("profiles");
    std::fs::create_dir(&dir).unwrap();
    let chest = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("funders/southampton-community-chest.toml"),
    )
    .unwrap()
    .replacen(
        "kind = \"council\"",
        "org_id = \"GB-CHC-1000001\"\nkind = \"council\"",
        1,
    );
    std::fs::write(dir.join("southampton-community-chest.toml"), chest).unwrap();
    let dir = crate::common::path_str(&dir);
    let funders = nearby_json(&data, &[DEMO, "--funders", dir, "--today", "2026-12-01"]);
    let solent = find(&funders, "GB-CHC-1000001");
    assert_eq!(solent["profile"], "southampton-community-chest");
    let matched: Value = serde_json::from_str(&data.ok(&[
        "match",
        DEMO,
        "--funders",
        dir,
        "--today",
        "2026-12-01",
        "--json",
    ]))
    .unwrap();
    let verdict = &matched["funders"][0]["verdict"];
    assert!(verdict.is_string(), "{matched:#?}");
    assert_eq!(&solent["verdict"], verdict);
    assert_eq!(find(&funders, "GB-CHC-4000004")["profile"], Value::Null);
}

#[test]
fn funder_summary_says_what_it_gave_not_its_rules() {
    let (data, _, _) = imported();
    let out = data.ok(&["grants-data", "funder", "gb-chc-4000004"]);
    assert_contains(&out, "Hampshire Gardens Fund (GB-CHC-4000004)");
    assert_contains(
        &out,
        "In the grants data it gave £300–£2,000, median £600, between 2022–23 and 2025–26 (5 grants, 4 to small or unregistered groups).",
    );
    assert_contains(&out, "This is what it gave, not its rules");
    let json: Value =
        serde_json::from_str(&data.ok(&["grants-data", "funder", "GB-CHC-1000001", "--json"]))
            .unwrap();
    assert_eq!(json["format"], 1);
    assert_eq!(json["funder_name"], "Solent Stroke Trust");
    assert_eq!(json["website"], "https://solent-stroke.example");
    assert_eq!(json["grants"], 6);
    let err = data.fails(&["grants-data", "funder", "GB-CHC-40000"], 1);
    assert_contains(&err, "no funder with the org-id `GB-CHC-40000`");
    assert_contains(
        &err,
        "Did you mean GB-CHC-4000004 (Hampshire Gardens Fund)?",
    );
}

#[test]
fn a_file_that_is_not_grants_data_or_stops_part_way() {
    let data = Data::with_demo();
    let err = data.fails(&["nearby", DEMO], 1);
    assert_contains(&err, "no grants data has been imported yet");
    assert_contains(&err, "grants-data import FILE");
    assert_contains(
        &data.ok(&["grants-data", "status"]),
        "no grants data has been imported yet",
    );

    let notes = data.scratch("notes.csv");
    std::fs::write(&notes, "Name,Phone\nAnn,123\n").unwrap();
    let err = data.fails(
        &["grants-data", "import", crate::common::path_str(&notes)],
        1,
    );
    assert_contains(
        &err,
        "notes.csv does not look like 360Giving data: it has no `Identifier` column",
    );

    // A download cut off part way: the grants before the break are kept.
    let cut = data.scratch("cut.json");
    let end = JSON.find("{\"id\": \"360G-solent-3\"").unwrap() + 40;
    std::fs::write(&cut, &JSON[..end]).unwrap();
    let (out, err) =
        data.ok_with_warnings(&["grants-data", "import", crate::common::path_str(&cut)]);
    assert_contains(&out, "cut.json: 2 grants imported.");
    assert_contains(&err, "the file stops being readable JSON at line");
    assert_contains(&err, "the grants before that were imported");

    let err = data.fails(&["grants-data", "import", "no-such-file.csv"], 1);
    assert_contains(&err, "there is no file no-such-file.csv");
}

#[test]
fn the_demo_sample_shows_nearby_funders_and_says_it_is_made_up() {
    let data = Data::with_demo();
    let out = data.ok(&["grants-data", "import", "--sample"]);
    assert_contains(&out, "built-in sample (made-up data): 695 grants imported");
    let text = data.ok(&["nearby", DEMO, "--limit", "3"]);
    for tier in [
        "Your kind of work, in your area (",
        "Your kind of work, elsewhere (",
        "Your area, other work (1 funders)",
        "Too few grants published to say (fewer than five) (",
    ] {
        assert_contains(&text, tier);
    }
    assert_lacks(&text, "  none");
    assert_contains(&text, "(made up");
    let status = data.ok(&["grants-data", "status"]);
    assert_contains(&status, "built-in sample (made-up data): 695 grants");
}

#[test]
fn a_funder_profile_starts_from_the_grants_data_with_what_it_gave_shown() {
    let (data, _, _) = imported();
    let out = data.ok(&[
        "funders",
        "new",
        "hampshire-gardens",
        "--from-grants-data",
        "gb-chc-4000004",
    ]);
    assert_contains(
        &out,
        "In the grants data Hampshire Gardens Fund (GB-CHC-4000004) gave £300–£2,000, median £600, between 2022–23 and 2025–26 (5 grants, 4 to small or unregistered groups).",
    );
    assert_contains(&out, "That is what it gave, not its rules");
    // The data gives no website for this funder: none is written.
    let path = data.root.join("funders").join("hampshire-gardens.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let profile: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(profile["name"].as_str(), Some("Hampshire Gardens Fund"));
    assert_eq!(profile["org_id"].as_str(), Some("GB-CHC-4000004"));
    assert_eq!(profile["status"]["state"].as_str(), Some("unknown"));
    assert!(!profile.contains_key("website"), "{text}");
    // What it gave is in the summary's words, never as its rules.
    assert!(
        profile["summary"]
            .as_str()
            .unwrap()
            .contains("in that data it gave £300–£2,000, median £600"),
        "{text}"
    );
    let grant = profile["grant"].as_table().unwrap();
    assert!(
        grant.keys().all(|k| !k.contains("pounds")),
        "no amounts as rules: {text}"
    );
    // It passes the same checks as any profile, and nearby now names it.
    data.ok(&["funders", "check"]);
    let funders = nearby_json(&data, &[DEMO]);
    assert_eq!(
        find(&funders, "GB-CHC-4000004")["profile"],
        "hampshire-gardens"
    );

    // A website in the data is taken; a name given by the person wins.
    data.ok(&[
        "funders",
        "new",
        "solent-small",
        "--from-grants-data",
        "GB-CHC-1000001",
        "--name",
        "Solent Small Grants",
    ]);
    let text =
        std::fs::read_to_string(data.root.join("funders").join("solent-small.toml")).unwrap();
    let profile: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(profile["name"].as_str(), Some("Solent Small Grants"));
    assert_eq!(profile["funder"].as_str(), Some("Solent Small Grants"));
    assert_eq!(
        profile["website"].as_str(),
        Some("https://solent-stroke.example")
    );
    // The same org-id again is said, not refused (one funder's programmes).
    let out = data.ok(&[
        "funders",
        "new",
        "solent-other",
        "--from-grants-data",
        "GB-CHC-1000001",
        "--dry-run",
    ]);
    assert_contains(
        &out,
        "Note: the funder `solent-small` (Solent Small Grants) already has this org-id.",
    );
    assert_contains(&out, "Nothing saved (--dry-run)");
    assert!(!data.root.join("funders").join("solent-other.toml").exists());
}

#[test]
fn a_profile_from_grants_data_needs_the_data_and_the_funder() {
    let data = Data::with_demo();
    let err = data.fails(
        &[
            "funders",
            "new",
            "x-trust",
            "--from-grants-data",
            "GB-CHC-1",
        ],
        1,
    );
    assert_contains(&err, "no grants data has been imported yet");
    assert_contains(&err, "grants-data import FILE");

    let (data, _, _) = imported();
    // A mistyped org-id contains nothing: the closest spellings are named.
    let err = data.fails(
        &[
            "funders",
            "new",
            "x-trust",
            "--from-grants-data",
            "GB-CHC-4000040",
        ],
        1,
    );
    assert_contains(&err, "no funder with the org-id `GB-CHC-4000040`");
    assert_contains(&err, "GB-CHC-4000004 (Hampshire Gardens Fund)");
    // A part of a name finds it.
    let err = data.fails(
        &["funders", "new", "x-trust", "--from-grants-data", "Gardens"],
        1,
    );
    assert_contains(
        &err,
        "Did you mean GB-CHC-4000004 (Hampshire Gardens Fund)?",
    );
    assert!(!data.root.join("funders").join("x-trust.toml").exists());
    // Without the data, a name is still needed.
    let err = data.fails(&["funders", "new", "x-trust"], 2);
    assert_contains(&err, "--name");
}

/// An index made by an older version (schema 2, before the word counts)
/// is never read for an answer, nor changed: every command that uses it
/// says so and gives the command that rebuilds it from the same files.
#[test]
fn an_index_from_an_older_version_is_named_with_the_files_to_import_again() {
    let (data, json, csv) = imported();
    let db = data.root.join("grants-data.sqlite");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "UPDATE meta SET value = '2' WHERE key = 'schema'; DROP TABLE word_counts;",
        )
        .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let json = crate::common::path_str(&json);
    let csv = crate::common::path_str(&csv);
    for args in [
        &["nearby", DEMO][..],
        &["grants-data", "status"],
        &["grants-data", "import", csv],
    ] {
        let err = data.fails(args, 1);
        assert_contains(&err, "was made by another version of alongside");
        assert_contains(
            &err,
            "delete it and import them again with `alongside grants-data import ",
        );
        assert_contains(&err, json);
        assert_contains(&err, csv);
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the old index was changed"
    );

    // Deleted and imported again, as the message says, it answers as before.
    std::fs::remove_file(&db).unwrap();
    data.ok(&["grants-data", "import", json, csv]);
    assert_eq!(
        find(&nearby_json(&data, &[DEMO]), "GB-CHC-1000001")["tier"],
        "work-and-area"
    );
}
