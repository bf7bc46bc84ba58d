//! One grant as read from a 360Giving file, before it goes into the index,
//! and the small readers for the odd but valid ways publishers write
//! amounts, dates, postcodes and place names.
//!
//! Both readers (JSON and CSV) fill a [`RawGrant`]; [`RawGrant::finish`]
//! checks it the same way for both, so a grant means the same whichever
//! form it came in.

use crate::dates::Day;

/// A place a grant names, as published (a beneficiary location, the
/// recipient's location, or an area GrantNav worked out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawPlace {
    pub name: Option<String>,
    pub code: Option<String>,
}

/// A grant's fields as they were written, every one optional: the checks
/// come after, in [`RawGrant::finish`].
#[derive(Debug, Clone, Default)]
pub struct RawGrant {
    pub id: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub currency: Option<String>,
    pub amount: Option<String>,
    pub award_date: Option<String>,
    pub funder_id: Option<String>,
    pub funder_name: Option<String>,
    pub funder_website: Option<String>,
    pub recipient_id: Option<String>,
    pub recipient_name: Option<String>,
    pub charity_number: Option<String>,
    pub company_number: Option<String>,
    pub postal_code: Option<String>,
    /// The grant went to a person (`recipientIndividual`): never stored.
    pub individual: bool,
    pub places: Vec<RawPlace>,
    pub regions: Vec<String>,
}

/// A grant ready for the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub id: String,
    pub title: String,
    pub description: String,
    pub currency: String,
    pub amount_pence: i64,
    /// `YYYY-MM-DD`.
    pub award_date: String,
    pub funder_id: String,
    pub funder_name: String,
    pub funder_website: Option<String>,
    pub recipient_id: String,
    pub recipient_name: String,
    /// A small or unregistered group: a `360G-` identifier, or neither a
    /// charity nor a company number.
    pub small: bool,
    /// Index keys for every place the grant names (see [`place_key`]).
    pub places: Vec<String>,
    /// Local authority codes the grant names together with a name, so a
    /// group that gives only its council's name finds grants that give only
    /// the code.
    pub authority_names: Vec<(String, String)>,
}

/// What a row turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    Grant(Box<Grant>),
    /// A grant to a person: skipped, by design.
    Individual,
}

fn present(value: Option<String>) -> Option<String> {
    value
        .map(|v| {
            // Most fields are plain printable ASCII: no need to rebuild them.
            let trimmed = v.trim();
            if trimmed.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                if trimmed.len() == v.len() {
                    v
                } else {
                    trimmed.to_string()
                }
            } else {
                crate::text::one_line(trimmed)
            }
        })
        .filter(|v| !v.is_empty())
}

impl RawGrant {
    /// Checks the fields and turns them into a [`Grant`], or says what is
    /// wrong in words a person can act on.
    pub fn finish(self) -> Result<Read, String> {
        if self.individual {
            return Ok(Read::Individual);
        }
        let id = present(self.id).ok_or("it has no identifier (the `id` or `Identifier` field)")?;
        let funder_id = present(self.funder_id).ok_or_else(|| {
            format!("grant {id} has no funder identifier (`fundingOrganization` id or `Funding Org:Identifier`)")
        })?;
        let amount_text = present(self.amount).ok_or_else(|| {
            format!("grant {id} has no amount awarded (`amountAwarded` or `Amount Awarded`)")
        })?;
        let amount_pence = parse_pence(&amount_text).ok_or_else(|| {
            format!("grant {id}: the amount awarded `{amount_text}` is not an amount of money such as 1200 or 1,200.50")
        })?;
        let date_text = present(self.award_date)
            .ok_or_else(|| format!("grant {id} has no award date (`awardDate` or `Award Date`)"))?;
        let award_date = parse_date(&date_text).ok_or_else(|| {
            format!("grant {id}: the award date `{date_text}` is not a date such as 2025-03-12")
        })?;
        let recipient_id = present(self.recipient_id).unwrap_or_default();
        let charity = present(self.charity_number).is_some();
        let company = present(self.company_number).is_some();
        let registered_id = ["GB-CHC-", "GB-SC-", "GB-NIC-", "GB-COH-", "GB-MPR-"]
            .iter()
            .any(|p| recipient_id.to_ascii_uppercase().starts_with(p));
        let small = recipient_id.to_ascii_uppercase().starts_with("360G-")
            || !(charity || company || registered_id);

        let mut places = Vec::new();
        let mut authority_names = Vec::new();
        if let Some(pc) = present(self.postal_code).and_then(|p| postcode_district(&p)) {
            places.push(format!("p:{pc}"));
        }
        for place in self.places {
            let name = present(place.name).map(|n| normalise_cached(&n));
            let code = present(place.code).map(|c| c.to_ascii_uppercase());
            if let Some(region) = code.as_deref().and_then(crate::places::region_by_code) {
                places.push(format!("r:{}", region.key()));
                continue;
            }
            if let Some(code) = &code {
                places.push(format!("c:{code}"));
            }
            match (code, name) {
                // A council's name with its code: the code is enough, and the
                // name is kept once for the whole index (`authority_names`).
                (Some(code), Some(name)) if crate::places::is_authority_code(&code) => {
                    authority_names.push((code, name));
                }
                (code, Some(name)) => match region_cached(&name) {
                    Some(region) if code.is_none() => places.push(format!("r:{}", region.key())),
                    _ => places.push(format!("n:{name}")),
                },
                (_, None) => {}
            }
        }
        for region in self.regions {
            let region = region.trim();
            if region.is_empty() {
                continue;
            }
            match region_cached(region) {
                Some(r) => places.push(format!("r:{}", r.key())),
                None => places.push(format!("r:{}", normalise_cached(region))),
            }
        }
        places.sort();
        places.dedup();
        authority_names.sort();
        authority_names.dedup();

        Ok(Read::Grant(Box::new(Grant {
            title: present(self.title).unwrap_or_default(),
            description: present(self.description).unwrap_or_default(),
            currency: present(self.currency)
                .map(|c| c.to_ascii_uppercase())
                .unwrap_or_else(|| "GBP".to_string()),
            amount_pence,
            award_date,
            funder_name: present(self.funder_name).unwrap_or_else(|| funder_id.clone()),
            funder_website: present(self.funder_website),
            funder_id,
            recipient_name: present(self.recipient_name).unwrap_or_default(),
            recipient_id,
            small,
            places,
            authority_names,
            id,
        })))
    }
}

/// Reads an amount as publishers write it: `1200`, `1200.5`, `"1,200.50"`,
/// `£1200`, `1.2e3`. Returns pence, rounded to the nearest penny; `None`
/// for anything else or a negative amount.
pub fn parse_pence(text: &str) -> Option<i64> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    if cleaned.is_empty() || cleaned.starts_with('-') {
        return None;
    }
    if cleaned.contains(['e', 'E']) {
        let value: f64 = cleaned.parse().ok()?;
        return (value.is_finite() && (0.0..9.0e16).contains(&value))
            .then(|| (value * 100.0).round() as i64);
    }
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || whole.len() > 15
    {
        return None;
    }
    let pounds: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let digits: Vec<i64> = fraction.bytes().map(|b| i64::from(b - b'0')).collect();
    let mut pence = digits.first().copied().unwrap_or(0) * 10 + digits.get(1).copied().unwrap_or(0);
    if digits.get(2).copied().unwrap_or(0) >= 5 {
        pence += 1;
    }
    pounds.checked_mul(100)?.checked_add(pence)
}

/// Reads an award date: ISO (`2025-03-12`, or a date-time starting so) or
/// the UK's `12/03/2025`. Returns `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<String> {
    let text = text.trim();
    let day = if text.len() >= 10 && text.as_bytes()[4] == b'-' {
        let y = text.get(0..4)?.parse().ok()?;
        let m = text.get(5..7)?.parse().ok()?;
        let d = text.get(8..10)?.parse().ok()?;
        Day::new(y, m, d)?
    } else {
        let mut parts = text.split('/');
        let d = parts.next()?.trim().parse().ok()?;
        let m = parts.next()?.trim().parse().ok()?;
        let y = parts.next()?.get(0..4)?.parse().ok()?;
        Day::new(y, m, d)?
    };
    Some(day.to_string())
}

/// The first half of a UK postcode (`SO15` from `so15 2ab`, `SO152AB` or
/// `SO15`), or `None` if it does not look like one.
pub fn postcode_district(text: &str) -> Option<String> {
    let upper = text.trim().to_ascii_uppercase();
    let outward = match upper.split_once(' ') {
        Some((first, _)) => first.to_string(),
        None if upper.len() >= 5 => upper[..upper.len() - 3].to_string(),
        None => upper,
    };
    let letters = outward.bytes().take_while(u8::is_ascii_alphabetic).count();
    let ok = (1..=2).contains(&letters)
        && (2..=4).contains(&outward.len())
        && outward
            .as_bytes()
            .get(letters)
            .is_some_and(u8::is_ascii_digit)
        && outward.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then_some(outward)
}

thread_local! {
    /// Place names repeat across a file (every grant in Leeds says "Leeds"):
    /// each is worked out once.
    static NAMES: std::cell::RefCell<std::collections::HashMap<String, String>> =
        Default::default();
    static REGIONS: std::cell::RefCell<
        std::collections::HashMap<String, Option<&'static crate::places::Region>>,
    > = Default::default();
}

/// The region a place name or a region column names, if any: worked out
/// once a name, like [`normalise_cached`].
fn region_cached(text: &str) -> Option<&'static crate::places::Region> {
    REGIONS.with(|regions| {
        let mut regions = regions.borrow_mut();
        if let Some(done) = regions.get(text) {
            return *done;
        }
        let done = crate::places::find_region(text);
        if regions.len() < 100_000 {
            regions.insert(text.to_string(), done);
        }
        done
    })
}

fn normalise_cached(name: &str) -> String {
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(done) = names.get(name) {
            return done.clone();
        }
        let done = crate::places::key(name);
        if names.len() < 100_000 {
            names.insert(name.to_string(), done.clone());
        }
        done
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_publishers_write_them() {
        assert_eq!(parse_pence("1200"), Some(120_000));
        assert_eq!(parse_pence("1,200.50"), Some(120_050));
        assert_eq!(parse_pence("£1200"), Some(120_000));
        assert_eq!(parse_pence("1200.0"), Some(120_000));
        assert_eq!(parse_pence("99.995"), Some(10_000));
        assert_eq!(parse_pence("1.2e3"), Some(120_000));
        assert_eq!(parse_pence(".5"), Some(50));
        assert_eq!(parse_pence("twelve"), None);
        assert_eq!(parse_pence("-5"), None);
        assert_eq!(parse_pence(""), None);
        assert_eq!(parse_pence("99999999999999999999"), None);
    }

    #[test]
    fn dates_iso_and_uk() {
        assert_eq!(parse_date("2025-03-12").as_deref(), Some("2025-03-12"));
        assert_eq!(
            parse_date("2025-03-12T00:00:00+00:00").as_deref(),
            Some("2025-03-12")
        );
        assert_eq!(parse_date("12/03/2025").as_deref(), Some("2025-03-12"));
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("March 2025"), None);
    }

    #[test]
    fn postcode_districts() {
        assert_eq!(postcode_district("so15 2ab").as_deref(), Some("SO15"));
        assert_eq!(postcode_district("SO152AB").as_deref(), Some("SO15"));
        assert_eq!(postcode_district("SO15").as_deref(), Some("SO15"));
        assert_eq!(postcode_district("EC1A 1BB").as_deref(), Some("EC1A"));
        assert_eq!(postcode_district("M1 1AE").as_deref(), Some("M1"));
        assert_eq!(postcode_district("Southampton"), None);
    }

    #[test]
    fn small_groups_and_individuals() {
        let raw = |recipient: &str, charity: Option<&str>| RawGrant {
            id: Some("g1".into()),
            funder_id: Some("GB-CHC-1".into()),
            amount: Some("500".into()),
            award_date: Some("2025-01-01".into()),
            recipient_id: Some(recipient.into()),
            charity_number: charity.map(Into::into),
            ..RawGrant::default()
        };
        let small = |r: RawGrant| match r.finish().unwrap() {
            Read::Grant(g) => g.small,
            Read::Individual => panic!("not an individual"),
        };
        assert!(small(raw("360G-xyz-org-1", None)));
        assert!(small(raw("", None)));
        assert!(!small(raw("GB-CHC-123", None)));
        assert!(!small(raw("X-1", Some("123"))));
        let person = RawGrant {
            individual: true,
            ..raw("", None)
        };
        assert_eq!(person.finish(), Ok(Read::Individual));
        let missing = RawGrant {
            amount: None,
            ..raw("", None)
        };
        assert!(missing.finish().unwrap_err().contains("no amount"));
    }
}
