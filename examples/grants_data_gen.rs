//! Writes made-up but realistic 360Giving grants data, of any size, as the
//! flat CSV form (GrantNav's column titles) or a JSON package. Every
//! funder, group and grant is invented; the places are real UK local
//! authorities with their ONS codes, so `nearby` has real areas to find.
//!
//! ```sh
//! cargo run --release --example grants_data_gen -- --grants 1000000 --format csv -o grants.csv
//! cargo run --release --example grants_data_gen -- --grants 5000 --format json -o grants.json
//! ```
//!
//! The same `--seed` (default 1) always writes the same file. The demo's
//! sample (`src/demo/grants-sample.csv`) was written with
//! `--grants 700 --funders 120 --seed 4`.

use std::io::{BufWriter, Write};

/// A small, fast, repeatable random source (splitmix64): the data only has
/// to look varied, and the same seed must give the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// (name, ONS code, code type, region, postcode area, first and last
/// district number). Local authority codes from the ONS Open Geography
/// Portal.
const PLACES: &[(&str, &str, &str, &str, &str, u32, u32)] = &[
    ("Southampton", "E06000045", "UA", "South East", "SO", 14, 19),
    ("Portsmouth", "E06000044", "UA", "South East", "PO", 1, 6),
    (
        "Isle of Wight",
        "E06000046",
        "UA",
        "South East",
        "PO",
        30,
        41,
    ),
    (
        "Brighton and Hove",
        "E06000043",
        "UA",
        "South East",
        "BN",
        1,
        3,
    ),
    ("Oxford", "E07000178", "NMD", "South East", "OX", 1, 4),
    (
        "Bristol, City of",
        "E06000023",
        "UA",
        "South West",
        "BS",
        1,
        16,
    ),
    ("Plymouth", "E06000026", "UA", "South West", "PL", 1, 9),
    ("Exeter", "E07000041", "NMD", "South West", "EX", 1, 4),
    (
        "Leeds",
        "E08000035",
        "MD",
        "Yorkshire and The Humber",
        "LS",
        1,
        17,
    ),
    (
        "Bradford",
        "E08000032",
        "MD",
        "Yorkshire and The Humber",
        "BD",
        1,
        10,
    ),
    (
        "Sheffield",
        "E08000019",
        "MD",
        "Yorkshire and The Humber",
        "S",
        1,
        14,
    ),
    (
        "Kingston upon Hull, City of",
        "E06000010",
        "UA",
        "Yorkshire and The Humber",
        "HU",
        1,
        9,
    ),
    (
        "York",
        "E06000014",
        "UA",
        "Yorkshire and The Humber",
        "YO",
        1,
        32,
    ),
    ("Manchester", "E08000003", "MD", "North West", "M", 1, 40),
    ("Liverpool", "E08000012", "MD", "North West", "L", 1, 27),
    ("Bolton", "E08000001", "MD", "North West", "BL", 1, 6),
    ("Stockport", "E08000007", "MD", "North West", "SK", 1, 8),
    (
        "Newcastle upon Tyne",
        "E08000021",
        "MD",
        "North East",
        "NE",
        1,
        15,
    ),
    ("Birmingham", "E08000025", "MD", "West Midlands", "B", 1, 45),
    ("Coventry", "E08000026", "MD", "West Midlands", "CV", 1, 6),
    (
        "Stoke-on-Trent",
        "E06000021",
        "UA",
        "West Midlands",
        "ST",
        1,
        6,
    ),
    (
        "Nottingham",
        "E06000018",
        "UA",
        "East Midlands",
        "NG",
        1,
        11,
    ),
    ("Leicester", "E06000016", "UA", "East Midlands", "LE", 1, 5),
    ("Derby", "E06000015", "UA", "East Midlands", "DE", 1, 24),
    (
        "Cambridge",
        "E07000008",
        "NMD",
        "East of England",
        "CB",
        1,
        5,
    ),
    ("Norwich", "E07000148", "NMD", "East of England", "NR", 1, 7),
    ("Westminster", "E09000033", "LONB", "London", "W", 1, 11),
    ("Hackney", "E09000012", "LONB", "London", "E", 5, 9),
    ("Lambeth", "E09000022", "LONB", "London", "SE", 11, 27),
    ("Camden", "E09000007", "LONB", "London", "NW", 1, 6),
    ("Southwark", "E09000028", "LONB", "London", "SE", 1, 22),
    ("Cardiff", "W06000015", "UA", "Wales", "CF", 3, 24),
    ("Swansea", "W06000011", "UA", "Wales", "SA", 1, 7),
    (
        "City of Edinburgh",
        "S12000036",
        "CA",
        "Scotland",
        "EH",
        1,
        17,
    ),
    ("Glasgow City", "S12000049", "CA", "Scotland", "G", 1, 53),
    (
        "Belfast",
        "N09000003",
        "LGD",
        "Northern Ireland",
        "BT",
        1,
        17,
    ),
];

/// Kinds of work small groups are funded for: (who, what they do, the
/// words a title uses).
const WORK: &[(&str, &str)] = &[
    (
        "people with aphasia after a stroke",
        "Aphasia conversation café",
    ),
    (
        "stroke survivors and their partners",
        "Stroke survivors' peer support group",
    ),
    (
        "people living with arthritis",
        "Arthritis gentle exercise and social group",
    ),
    ("people affected by cancer", "Cancer support drop-in"),
    (
        "people living with diabetes",
        "Diabetes peer support sessions",
    ),
    (
        "people with epilepsy and their families",
        "Epilepsy self help group",
    ),
    (
        "people living with ME",
        "ME and chronic fatigue support group",
    ),
    (
        "people living with vertigo",
        "Dizziness and vertigo support meetings",
    ),
    (
        "people in recovery from addiction",
        "Recovery café and mutual aid meetings",
    ),
    (
        "people living with dementia and their carers",
        "Memory café",
    ),
    (
        "people with Parkinson's",
        "Parkinson's singing and movement group",
    ),
    (
        "unpaid carers",
        "Carers' respite breaks and coffee mornings",
    ),
    (
        "parents of disabled children",
        "Parent carers' support group",
    ),
    ("older people living alone", "Lunch club for older people"),
    ("Chinese elders", "Chinese elders' lunch club"),
    ("South Asian women", "South Asian women's wellbeing group"),
    ("gay and bisexual men", "Gay men's social and support group"),
    (
        "people with mental health needs",
        "Mental health peer support group",
    ),
    (
        "refugees and people seeking asylum",
        "English conversation and friendship club",
    ),
    ("young people", "Youth club and holiday activities"),
    ("families on low incomes", "Community pantry"),
    ("local residents", "Community garden"),
    ("local residents", "Village hall improvements"),
    ("children and young people", "After-school sports sessions"),
    ("local residents", "Summer festival and arts workshops"),
];

const COSTS: &[&str] = &[
    "room hire",
    "transport for members",
    "speakers' travel expenses",
    "refreshments",
    "publicity",
    "a day trip",
    "volunteer expenses",
    "sessional worker fees",
    "equipment",
    "training for volunteers",
];

const SURNAMES: &[&str] = &[
    "Ashworth",
    "Barrow",
    "Caldwell",
    "Dunmore",
    "Ellery",
    "Fairbairn",
    "Garside",
    "Holloway",
    "Ingram",
    "Jessop",
    "Kershaw",
    "Lindley",
    "Merriman",
    "Norcott",
    "Oakley",
    "Pennington",
    "Quarrie",
    "Radcliffe",
    "Sowerby",
    "Thorne",
    "Upton",
    "Varley",
    "Whitlock",
    "Yardley",
];

const TRUST_WORDS: &[&str] = &[
    "Charitable Trust",
    "Foundation",
    "Fund",
    "Memorial Trust",
    "Family Trust",
    "Community Trust",
];

struct Funder {
    id: String,
    name: String,
    /// Gives mostly in this place (an index into PLACES), or anywhere.
    home: Option<usize>,
    /// The last year it published grants (some stopped).
    last_year: u32,
    /// Typical grant size band (0 small, 1 medium, 2 large).
    band: usize,
}

fn funders(rng: &mut Rng, count: usize) -> Vec<Funder> {
    (0..count)
        .map(|i| {
            let kind = rng.below(10);
            let home = (kind < 7).then(|| rng.below(PLACES.len()));
            let (id, name) = match (kind, home) {
                (0..=1, Some(p)) => (
                    format!("GB-CHC-{}", 1_100_000 + i),
                    format!(
                        "{} Community Foundation (made up {})",
                        short_place(p),
                        i + 1
                    ),
                ),
                (2..=3, Some(p)) => (
                    format!("GB-LAE-MADEUP{}", i + 1),
                    format!(
                        "{} Council Community Grants (made up {})",
                        short_place(p),
                        i + 1
                    ),
                ),
                (_, Some(_)) | (_, None) => (
                    format!("GB-CHC-{}", 200_000 + i * 7),
                    format!(
                        "The {} {} (made up {})",
                        rng.pick(SURNAMES),
                        rng.pick(TRUST_WORDS),
                        i + 1
                    ),
                ),
            };
            Funder {
                id,
                name,
                home,
                last_year: if rng.chance(12) {
                    2021 + rng.below(3) as u32
                } else {
                    2026
                },
                band: if rng.chance(70) {
                    0
                } else if rng.chance(75) {
                    1
                } else {
                    2
                },
            }
        })
        .collect()
}

fn short_place(p: usize) -> &'static str {
    PLACES[p].0.split(',').next().unwrap_or(PLACES[p].0)
}

/// The chosen funder for each grant follows a long tail: a few funders
/// publish most grants, many publish a handful.
fn funder_weights(count: usize) -> Vec<f64> {
    let mut total = 0.0;
    (0..count)
        .map(|i| {
            total += 1.0 / ((i + 1) as f64).powf(0.9);
            total
        })
        .collect()
}

fn pick_funder(rng: &mut Rng, cumulative: &[f64]) -> usize {
    let total = *cumulative.last().unwrap_or(&1.0);
    let x = (rng.next() % 1_000_000_000) as f64 / 1e9 * total;
    cumulative
        .partition_point(|c| *c < x)
        .min(cumulative.len() - 1)
}

struct Grant {
    id: String,
    title: String,
    description: String,
    amount: u64,
    date: String,
    months: u32,
    recipient_id: String,
    recipient_name: String,
    charity: String,
    postcode: String,
    individual: bool,
    places: Vec<usize>,
    funder: usize,
    programme: String,
}

fn grant(rng: &mut Rng, n: usize, funders: &[Funder], cumulative: &[f64]) -> Grant {
    let f = pick_funder(rng, cumulative);
    let funder = &funders[f];
    let place = match funder.home {
        Some(home) if rng.chance(85) => home,
        _ => rng.below(PLACES.len()),
    };
    let (who, what) = *rng.pick(WORK);
    let (lo, hi, step) = match funder.band {
        0 => (300, 5_000, 50),
        1 => (2_000, 30_000, 250),
        _ => (10_000, 250_000, 1_000),
    };
    let amount = (lo + rng.below((hi - lo) / step + 1) * step) as u64;
    let year = 2019 + rng.below((funder.last_year - 2019 + 1) as usize) as u32;
    let month = 1 + rng.below(12) as u32;
    let day = 1 + rng.below(28) as u32;
    let (month, day) = if year == 2026 && month > 3 {
        (3, day.min(12))
    } else {
        (month, day)
    };
    let small = rng.chance(45);
    let (recipient_id, charity) = if small {
        (format!("360G-made-up-org-{}", n % 50_000), String::new())
    } else {
        let number = 1_000_000 + n % 90_000;
        (format!("GB-CHC-{number}"), number.to_string())
    };
    let town = short_place(place);
    let (_, _, _, _, area, first, last) = PLACES[place];
    let district = first + rng.below((last - first + 1) as usize) as u32;
    let letters = b"ABDEFGHJLNPQRSTUWXYZ";
    let postcode = format!(
        "{area}{district} {}{}{}",
        1 + rng.below(9),
        letters[rng.below(letters.len())] as char,
        letters[rng.below(letters.len())] as char
    );
    let mut places = vec![place];
    if rng.chance(10) {
        places.push(rng.below(PLACES.len()));
    }
    let cost_a = rng.pick(COSTS);
    let cost_b = rng.pick(COSTS);
    Grant {
        id: format!("360G-madeup-{:07}", n + 1),
        title: format!("{what} in {town}"),
        description: format!(
            "A year of meetings for {who} in {town}, run by members for members. The grant pays for {cost_a} and {cost_b}."
        ),
        amount,
        date: format!("{year}-{month:02}-{day:02}"),
        months: [6, 12, 12, 12, 18, 24, 36][rng.below(7)],
        recipient_name: format!("{town} {}", what.split(" in ").next().unwrap_or(what)),
        recipient_id,
        charity,
        postcode,
        individual: rng.chance(1),
        places,
        funder: f,
        programme: [
            "Small Grants",
            "Community Fund",
            "Main Grants",
            "Covid Recovery",
        ][funder.band.min(2) + rng.below(2)]
        .to_string(),
    }
}

fn main() {
    let mut grants = 1000usize;
    let mut json = false;
    let mut seed = 1u64;
    let mut funder_count: Option<usize> = None;
    let mut output: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--grants" => grants = value().parse().unwrap_or_else(|_| usage("--grants N")),
            "--format" => json = value() == "json",
            "--seed" => seed = value().parse().unwrap_or_else(|_| usage("--seed N")),
            "--funders" => {
                funder_count = Some(value().parse().unwrap_or_else(|_| usage("--funders N")))
            }
            "-o" | "--output" => output = Some(value()),
            _ => usage(&format!("unknown argument {arg}")),
        }
    }
    let sink: Box<dyn Write> = match &output {
        Some(path) => {
            Box::new(std::fs::File::create(path).unwrap_or_else(|e| usage(&e.to_string())))
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, sink);
    let mut rng = Rng(seed);
    let funder_count = funder_count
        .unwrap_or((grants / 400).clamp(30, 3000))
        .max(1);
    let funders = funders(&mut rng, funder_count);
    let cumulative = funder_weights(funder_count);
    let result = if json {
        write_json(&mut out, &mut rng, grants, &funders, &cumulative)
    } else {
        write_csv(&mut out, &mut rng, grants, &funders, &cumulative)
    };
    if let Err(e) = result.and_then(|()| out.flush()) {
        usage(&format!("could not write: {e}"));
    }
}

fn usage(problem: &str) -> ! {
    eprintln!(
        "error: {problem}\nusage: grants_data_gen [--grants N] [--funders N] [--format csv|json] [--seed N] [-o FILE]"
    );
    std::process::exit(2);
}

const LICENSE: &str = "Made-up data for testing alongside; not real grants";

/// A field's value: numbers are numbers in JSON.
enum Value {
    Text(String),
    Number(u64),
}

/// One field of a grant in both forms: its column title in GrantNav's
/// CSV (none if only the JSON has it) and its place in a JSON grant, keys
/// and list positions joined by `/` (none if only the CSV has it).
struct Field {
    csv: Option<&'static str>,
    json: Option<&'static str>,
    value: Value,
}

fn both(csv: &'static str, json: &'static str, value: Value) -> Field {
    Field {
        csv: Some(csv),
        json: Some(json),
        value,
    }
}

/// The two beneficiary locations: (CSV title, JSON place) of the name,
/// the code and the code type; and where the JSON gives the country.
const LOCATIONS: [([(&str, &str); 3], &str); 2] = [
    (
        [
            ("Beneficiary Location:0:Name", "beneficiaryLocation/0/name"),
            (
                "Beneficiary Location:0:Geographic Code",
                "beneficiaryLocation/0/geoCode",
            ),
            (
                "Beneficiary Location:0:Geographic Code Type",
                "beneficiaryLocation/0/geoCodeType",
            ),
        ],
        "beneficiaryLocation/0/countryCode",
    ),
    (
        [
            ("Beneficiary Location:1:Name", "beneficiaryLocation/1/name"),
            (
                "Beneficiary Location:1:Geographic Code",
                "beneficiaryLocation/1/geoCode",
            ),
            (
                "Beneficiary Location:1:Geographic Code Type",
                "beneficiaryLocation/1/geoCodeType",
            ),
        ],
        "beneficiaryLocation/1/countryCode",
    ),
];

/// Every field of one grant, in the CSV's column order: the one list both
/// writers read. An empty text is a CSV cell left empty and a field left
/// out of the JSON.
fn fields(g: &Grant, funder: &Funder, i: usize) -> Vec<Field> {
    let text = |s: &str| Value::Text(s.to_string());
    // The recipient organisation's fields are empty for a person.
    let org = |s: &str| text(if g.individual { "" } else { s });
    let mut out = vec![
        both("Identifier", "id", text(&g.id)),
        both("Title", "title", text(&g.title)),
        both("Description", "description", text(&g.description)),
        both("Currency", "currency", text("GBP")),
        both("Amount Awarded", "amountAwarded", Value::Number(g.amount)),
        both("Award Date", "awardDate", text(&g.date)),
        both(
            "Planned Dates:Duration (months)",
            "plannedDates/0/duration",
            Value::Number(u64::from(g.months)),
        ),
        both(
            "Recipient Org:Identifier",
            "recipientOrganization/0/id",
            org(&g.recipient_id),
        ),
        both(
            "Recipient Org:Name",
            "recipientOrganization/0/name",
            org(&g.recipient_name),
        ),
        both(
            "Recipient Org:Charity Number",
            "recipientOrganization/0/charityNumber",
            org(&g.charity),
        ),
        both(
            "Recipient Org:Postal Code",
            "recipientOrganization/0/postalCode",
            org(&g.postcode),
        ),
        both(
            "Recipient Individual Id",
            "recipientIndividual/id",
            text(&if g.individual {
                format!("360G-made-up-person-{i}")
            } else {
                String::new()
            }),
        ),
        Field {
            csv: None,
            json: Some("recipientIndividual/name"),
            value: text(if g.individual {
                "Individual Recipient"
            } else {
                ""
            }),
        },
    ];
    for (k, (parts, country)) in LOCATIONS.iter().enumerate() {
        let place = g.places.get(k).map(|p| PLACES[*p]);
        let values = place.map_or(["", "", ""], |(name, code, kind, ..)| [name, code, kind]);
        for ((csv, json), value) in parts.iter().zip(values) {
            out.push(both(csv, json, text(value)));
        }
        out.push(Field {
            csv: None,
            json: Some(country),
            value: text(if place.is_some() { "GB" } else { "" }),
        });
    }
    out.extend([
        both(
            "Funding Org:Identifier",
            "fundingOrganization/0/id",
            text(&funder.id),
        ),
        both(
            "Funding Org:Name",
            "fundingOrganization/0/name",
            text(&funder.name),
        ),
        both(
            "Grant Programme:Title",
            "grantProgramme/0/title",
            text(&g.programme),
        ),
    ]);
    // GrantNav's own columns, and the licence (a JSON package gives it
    // once, for all its grants).
    let (home_name, home_code, _, region, ..) = PLACES[g.places[0]];
    for (title, value) in [
        ("Recipient Region", region),
        ("Recipient District", home_name),
        ("Recipient District Geographic Code", home_code),
        ("License", LICENSE),
    ] {
        out.push(Field {
            csv: Some(title),
            json: None,
            value: text(value),
        });
    }
    out
}

/// Writes the flat CSV form: the column titles (taken from the first
/// grant's fields, so no grants writes an empty file), then a row a grant.
fn write_csv(
    out: &mut dyn Write,
    rng: &mut Rng,
    n: usize,
    funders: &[Funder],
    cumulative: &[f64],
) -> std::io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    for i in 0..n {
        let g = grant(rng, i, funders, cumulative);
        let fields = fields(&g, &funders[g.funder], i);
        let columns = || {
            fields
                .iter()
                .filter_map(|f| f.csv.map(|title| (title, &f.value)))
        };
        if i == 0 {
            csv.write_record(columns().map(|(title, _)| title))?;
        }
        csv.write_record(columns().map(|(_, value)| match value {
            Value::Text(t) => t.clone(),
            Value::Number(n) => n.to_string(),
        }))?;
    }
    csv.flush()
}

/// Writes a JSON package: a grant a line, each built from its fields'
/// places.
fn write_json(
    out: &mut dyn Write,
    rng: &mut Rng,
    n: usize,
    funders: &[Funder],
    cumulative: &[f64],
) -> std::io::Result<()> {
    use serde_json::Value as Json;
    writeln!(out, "{{\"license\": {:?}, \"grants\": [", LICENSE)?;
    for i in 0..n {
        let g = grant(rng, i, funders, cumulative);
        let mut grant = Json::Object(Default::default());
        for f in fields(&g, &funders[g.funder], i) {
            let (Some(place), value) = (f.json, f.value) else {
                continue;
            };
            let value = match value {
                Value::Text(t) if t.is_empty() => continue,
                Value::Text(t) => Json::String(t),
                Value::Number(n) => Json::from(n),
            };
            *slot(&mut grant, place) = value;
        }
        let sep = if i + 1 == n { "" } else { "," };
        writeln!(out, "{grant}{sep}")?;
    }
    writeln!(out, "]}}")
}

/// The place in a JSON value that a path such as
/// `recipientOrganization/0/id` names, made (objects for keys, lists for
/// positions) where it is not there yet.
fn slot<'a>(mut at: &'a mut serde_json::Value, path: &str) -> &'a mut serde_json::Value {
    use serde_json::Value as Json;
    for part in path.split('/') {
        at = match part.parse::<usize>() {
            Ok(position) => {
                if !at.is_array() {
                    *at = Json::Array(Vec::new());
                }
                let Json::Array(list) = at else {
                    unreachable!("made a list above")
                };
                if list.len() <= position {
                    list.resize(position + 1, Json::Null);
                }
                &mut list[position]
            }
            Err(_) => {
                if !at.is_object() {
                    *at = Json::Object(Default::default());
                }
                let Json::Object(map) = at else {
                    unreachable!("made an object above")
                };
                map.entry(part).or_insert(Json::Null)
            }
        };
    }
    at
}
