//! Arbitrary bytes through the template loader.
//!
//! Asserts: no panic; an error has at least one diagnostic; every diagnostic has a line and
//! column >= 1, the line at most one past the last line of the text; the diagnostics are in
//! file order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xuncha::model::Template;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = Template::parse("fuzz.toml", text);
    if let Err(diags) = parsed {
        assert!(
            !diags.is_empty(),
            "an error without a diagnostic for {text:?}"
        );
        let lines = text.lines().count();
        for d in &diags {
            assert!(
                d.line >= 1 && d.column >= 1,
                "diagnostic without a position: {}:{} `{}` for {text:?}",
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
        assert!(
            diags.windows(2).all(|w| (w[0].line, w[0].column) <= (w[1].line, w[1].column)),
            "diagnostics out of file order for {text:?}"
        );
    }
});
