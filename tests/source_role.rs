//! A source's 谈话对象 (`role`) stays inside the record: no report shows it — the full version
//! and the feedback version, as Markdown, CSV and DOCX — and the feedback version's name check
//! passes as it did without roles.

use std::io::{Cursor, Read};
use std::path::PathBuf;

use xuncha::i18n::Lang;
use xuncha::model::demo::demo_round;
use xuncha::model::{Catalog, Record, Timestamp};
use xuncha::report::{self, DocxOptions};
use xuncha::testing::{at, builtin_catalog, report_options};

fn now() -> Timestamp {
    at(26, 18)
}

/// The demo round as the program reads it; with `roles` false, every source's role cleared.
fn round(catalog: &Catalog, roles: bool) -> Vec<(PathBuf, Record)> {
    demo_round(catalog, 8, now())
        .into_iter()
        .map(|(name, mut r)| {
            r.carry_replaced(catalog);
            if !roles {
                for s in &mut r.sources {
                    s.role = None;
                }
            }
            (PathBuf::from(name), r)
        })
        .collect()
}

/// The text of every part of a DOCX package but its properties (which carry the time it was
/// made).
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().starts_with("docProps/") {
            continue;
        }
        out.push_str(f.name());
        f.read_to_string(&mut out).unwrap();
    }
    out
}

#[test]
fn no_report_changes_when_sources_carry_a_role() {
    let catalog = builtin_catalog();
    let with = round(&catalog, true);
    let without = round(&catalog, false);
    assert!(
        with.iter()
            .flat_map(|(_, r)| &r.sources)
            .any(|s| s.role.is_some()),
        "the demo's interviews say whom they were with"
    );
    for redact in [false, true] {
        let options = |records: &[(PathBuf, Record)]| {
            report_options(records, &catalog, Lang::Zh, redact, now())
        };
        let (a, b) = (options(&with), options(&without));
        // the feedback version passes the name check with roles as without
        let md = report::markdown(&with, &catalog, &a).expect("the name check passes");
        assert_eq!(
            md.text,
            report::markdown(&without, &catalog, &b).unwrap().text,
            "markdown, redact {redact}"
        );
        assert_eq!(
            report::csv(&with, &catalog, &a).unwrap().text,
            report::csv(&without, &catalog, &b).unwrap().text,
            "csv, redact {redact}"
        );
        let docx = |records, options| {
            report::docx(records, &catalog, options, &DocxOptions::default())
                .unwrap()
                .files
                .iter()
                .map(|f| docx_text(&f.bytes))
                .collect::<Vec<_>>()
        };
        assert_eq!(docx(&with, &a), docx(&without, &b), "docx, redact {redact}");
    }
}
