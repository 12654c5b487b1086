//! Arbitrary bytes through the record loader.
//!
//! Asserts: no panic; an error names a line and column, both >= 1, the line at most one past the
//! last line of the text; a record that loads is written by `to_toml` and reads back equal (down
//! to the UTC offset of every time), and writing it again gives the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xuncha::model::Record;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Record::parse("fuzz.toml", text) {
        Err(e) => {
            let d = e.diagnostic();
            let lines = text.lines().count();
            assert!(
                d.line >= 1 && d.column >= 1,
                "error without a position: {}:{} `{}` for {text:?}",
                d.line,
                d.column,
                d.message
            );
            assert!(
                d.line <= lines + 1,
                "line {} past the end ({lines} lines): `{}` for {text:?}",
                d.line,
                d.message
            );
        }
        Ok(record) => {
            let written = match record.to_toml() {
                Ok(t) => t,
                Err(e) => panic!("to_toml failed: {e} for {record:?}"),
            };
            match Record::parse("fuzz.toml", &written) {
                Ok(again) => {
                    assert_eq!(
                        format!("{record:?}"),
                        format!("{again:?}"),
                        "round trip changed the record:\n{written}"
                    );
                    assert_eq!(
                        again.to_toml().ok().as_deref(),
                        Some(written.as_str()),
                        "written twice, two texts"
                    );
                }
                Err(e) => panic!("written record does not read back: {e}\n{written}"),
            }
        }
    }
});
