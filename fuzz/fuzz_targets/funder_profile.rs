//! Any text as a funder profile: `check_source` returns the profile or
//! located problems, never panics; an accepted profile written out again
//! is accepted again.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    match alongside::funders::check_source("fuzz.toml", source) {
        Ok(profile) => {
            let again = toml::to_string(&profile).expect("an accepted profile writes out");
            assert!(
                alongside::funders::check_source("fuzz.toml", &again).is_ok(),
                "written out, it is refused:\n{again}"
            );
        }
        Err(problems) => assert!(!problems.is_empty()),
    }
});
