//! Arbitrary bytes through the record loader.
//!
//! Asserts: no panic; an error names a line and column, both >= 1, the line at most one past the
//! last line of the text; a record that loads is written by `to_toml` and reads back equal, and
//! the written text is in the canonical shape (read directly). Differential: whenever the direct
//! reader of the canonical shape accepts a text, the `toml` crate reads the same record from it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xuncha::model::{Record, canonical};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(direct) = canonical::read(text) {
        match toml::from_str::<Record>(text) {
            // Debug, not ==: a time's == compares instants, Debug also shows its offset.
            Ok(full) => assert_eq!(
                format!("{full:?}"),
                format!("{direct:?}"),
                "the two readers differ on {text:?}"
            ),
            Err(e) => panic!("direct reader accepted what toml refuses ({e}): {text:?}"),
        }
    }
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
            assert_eq!(
                canonical::read(&written).map(|r| format!("{r:?}")),
                Some(format!("{record:?}")),
                "written text not in the canonical shape:\n{written}"
            );
            match Record::parse("fuzz.toml", &written) {
                Ok(again) => assert_eq!(
                    format!("{record:?}"),
                    format!("{again:?}"),
                    "round trip changed the record:\n{written}"
                ),
                Err(e) => panic!("written record does not read back: {e}\n{written}"),
            }
        }
    }
});
