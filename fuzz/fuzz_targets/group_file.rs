//! Any text as a group file: `group::parse` returns the group or a located
//! error, never panics; an accepted group saves and reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(group) = alongside::group::parse("fuzz.toml", source) {
        let saved = alongside::group::to_text(&group).expect("an accepted group writes out");
        let back = alongside::group::parse("fuzz.toml", &saved).expect("and reads back");
        assert_eq!(back, group);
    }
});
