//! Fixtures shared by the unit tests of the model and of the reports.

use chrono::{FixedOffset, TimeZone};

use super::template::Origin;
use super::{Catalog, Template, Timestamp};

/// `hour`:00 on November `day`, 2026, in UTC+8.
pub(crate) fn at(day: u32, hour: u32) -> Timestamp {
    Timestamp(
        FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, day, hour, 0, 0)
            .unwrap(),
    )
}

/// A catalog of two built-in templates: `t` (as `t.toml`), then `u` (as `u.toml`).
pub(crate) fn catalog_of(t: &str, u: &str) -> Catalog {
    let mut c = Catalog::default();
    c.insert(Template::parse("t.toml", t).unwrap(), Origin::BuiltIn("t"));
    c.insert(Template::parse("u.toml", u).unwrap(), Origin::BuiltIn("u"));
    c
}
