//! Arbitrary bytes through the sign-off, leader and ledger file loaders (`SignoffFile::parse`,
//! `LeaderFile::parse`, `Ledger::parse`).
//!
//! Asserts: no panic; an error names a line and column >= 1 (the line at most one past the last
//! line); a file that loads is written by `to_toml`, reads back equal, and is written again as
//! the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xuncha::model::ledger::Ledger;
use xuncha::model::signoff::{LeaderFile, SignoffFile};

fn check<T: std::fmt::Debug>(
    text: &str,
    parse: fn(&str, &str) -> Result<T, xuncha::model::RecordError>,
    write: fn(&T) -> Result<String, toml::ser::Error>,
) {
    match parse("fuzz.toml", text) {
        Err(e) => {
            let d = e.diagnostic();
            assert!(d.line >= 1 && d.column >= 1, "no position: `{}` for {text:?}", d.message);
            assert!(d.line <= text.lines().count() + 1, "line past the end for {text:?}");
        }
        Ok(v) => {
            let written = write(&v).unwrap_or_else(|e| panic!("to_toml failed: {e} for {v:?}"));
            let again = parse("fuzz.toml", &written)
                .unwrap_or_else(|e| panic!("written file does not read back: {e}\n{written}"));
            assert_eq!(format!("{v:?}"), format!("{again:?}"), "round trip:\n{written}");
            assert_eq!(write(&again).ok().as_deref(), Some(written.as_str()), "two texts");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check(text, SignoffFile::parse, SignoffFile::to_toml);
    check(text, LeaderFile::parse, LeaderFile::to_toml);
    check(text, Ledger::parse, Ledger::to_toml);
});
