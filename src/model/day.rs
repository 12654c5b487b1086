//! A calendar day, written as a native TOML local date (`2026-12-05`): the dates of the round's
//! milestones, sign-off and rectification deadlines.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day without a time or an offset. Shown as `2026-12-05`; in a 公文 as `2026年12月5日`
/// (GB/T 9704-2012 §7.3.5: Arabic numerals, no leading zeros).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub NaiveDate);

impl Day {
    /// The calendar day of `now` in its own offset (for [`crate::model::Timestamp::now`], the
    /// local date).
    pub fn of(now: crate::model::Timestamp) -> Day {
        Day(now.0.date_naive())
    }

    /// The day as a document writes it: `2026年12月5日`.
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.0.year(), self.0.month(), self.0.day())
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// Reads `2026-12-05`, `2026-12-5`, `2026/12/5`, `2026.12.5` and `2026年12月5日`.
impl FromStr for Day {
    type Err = String;

    fn from_str(s: &str) -> Result<Day, String> {
        let t = s.trim();
        let cleaned: String = t
            .trim_end_matches('日')
            .chars()
            .map(|c| match c {
                '年' | '月' | '/' | '.' => '-',
                c => c,
            })
            .collect();
        let parts: Vec<&str> = cleaned.split('-').collect();
        if let [y, m, d] = parts.as_slice()
            && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
            && (1000..=9999).contains(&y)
            && let Some(day) = NaiveDate::from_ymd_opt(y, m, d)
        {
            return Ok(Day(day));
        }
        Err(format!("`{t}` is not a date; expected e.g. 2026-12-05"))
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use toml::value::{Date, Datetime};
        let year = u16::try_from(self.0.year())
            .ok()
            .filter(|y| *y <= 9999)
            .ok_or_else(|| {
                serde::ser::Error::custom(format!("the day {self} cannot be written in TOML"))
            })?;
        Datetime {
            // month 1-12 and day 1-31: no truncation
            date: Some(Date {
                year,
                month: self.0.month() as u8,
                day: self.0.day() as u8,
            }),
            time: None,
            offset: None,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)?;
        match (dt.date, dt.time, dt.offset) {
            (Some(date), None, None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .map(Day)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid date `{dt}`"))),
            _ => Err(serde::de::Error::custom(format!(
                "`{dt}` is not a plain date; expected e.g. 2026-12-05"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ways_people_write_a_date() {
        let want = Day(NaiveDate::from_ymd_opt(2026, 12, 5).unwrap());
        for s in [
            "2026-12-05",
            "2026-12-5",
            "2026/12/5",
            "2026.12.05",
            "2026年12月5日",
        ] {
            assert_eq!(s.parse::<Day>().unwrap(), want, "{s}");
        }
        for s in ["", "明天", "2026-13-01", "2026-02-30", "26-1-1", "2026-12"] {
            assert!(s.parse::<Day>().is_err(), "{s}");
        }
        assert_eq!(want.chinese(), "2026年12月5日");
        assert_eq!(want.to_string(), "2026-12-05");
    }

    #[test]
    fn is_a_native_toml_date() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct T {
            d: Day,
        }
        let t = T {
            d: Day(NaiveDate::from_ymd_opt(2026, 1, 9).unwrap()),
        };
        let text = toml::to_string(&t).unwrap();
        assert_eq!(text, "d = 2026-01-09\n");
        assert_eq!(toml::from_str::<T>(&text).unwrap(), t);
        assert!(toml::from_str::<T>("d = 2026-01-09T10:00:00+08:00").is_err());
        assert!(toml::from_str::<T>("d = \"2026-01-09\"").is_err());
    }
}
