//! [`Timestamp`]: a moment with its UTC offset, as records and round files hold it.

use std::fmt;

use chrono::{DateTime, FixedOffset, Local, Offset, SubsecRound};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A moment with its UTC offset, written as a native TOML offset date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<FixedOffset>);

impl Timestamp {
    /// Now, in the local offset, to the second. A local offset that is not a whole number of
    /// minutes (old local mean time, a hand-made `TZ`) is rounded to the nearest minute: a TOML
    /// date-time can only hold whole minutes, and a time that cannot be written would make every
    /// save fail.
    pub fn now() -> Self {
        Timestamp::in_whole_minutes(Local::now().fixed_offset().trunc_subsecs(0))
    }

    /// The same instant, in its offset rounded to whole minutes.
    pub(crate) fn in_whole_minutes(t: DateTime<FixedOffset>) -> Self {
        let seconds = t.offset().local_minus_utc();
        if seconds % 60 == 0 {
            return Timestamp(t);
        }
        let minutes = (f64::from(seconds) / 60.0).round() as i32;
        // ±24:00 rounded from just under a day is no offset: UTC then.
        let offset = FixedOffset::east_opt(minutes * 60).unwrap_or(chrono::Utc.fix());
        Timestamp(t.with_timezone(&offset))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d %H:%M"))
    }
}

/// Written as a TOML offset date-time built from the fields (seconds always, the fraction
/// only when there is one). Fails for a time TOML cannot hold: a year outside 0–9999 or an
/// offset that is not whole minutes.
impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use chrono::{Datelike, Timelike};
        use toml::value::{Date, Datetime, Offset, Time};
        let local = self.0.naive_local();
        let seconds = self.0.offset().local_minus_utc();
        let (Ok(year), true) = (u16::try_from(local.year()), seconds % 60 == 0) else {
            return Err(serde::ser::Error::custom(format!(
                "the time {} cannot be written as a TOML date-time",
                self.0
            )));
        };
        if year > 9999 || local.nanosecond() >= 1_000_000_000 {
            return Err(serde::ser::Error::custom(format!(
                "the time {} cannot be written as a TOML date-time",
                self.0
            )));
        }
        // Each field below is within its range (month 1-12, seconds 0-59...): no truncation.
        let nanos = local.nanosecond();
        Datetime {
            date: Some(Date {
                year,
                month: local.month() as u8,
                day: local.day() as u8,
            }),
            time: Some(Time {
                hour: local.hour() as u8,
                minute: local.minute() as u8,
                second: Some(local.second() as u8),
                nanosecond: (nanos != 0).then_some(nanos),
            }),
            offset: Some(Offset::Custom {
                minutes: (seconds / 60) as i16,
            }),
        }
        .serialize(s)
    }
}

impl Timestamp {
    /// A time from the fields of a TOML offset date-time; `None` if they name no real moment.
    fn from_fields(
        (year, month, day): (i32, u32, u32),
        (hour, minute, second, nanosecond): (u32, u32, u32, u32),
        offset_minutes: i32,
    ) -> Option<Timestamp> {
        use chrono::{NaiveDate, NaiveTime};
        let naive = NaiveDate::from_ymd_opt(year, month, day)?.and_time(
            NaiveTime::from_hms_nano_opt(hour, minute, second, nanosecond)?,
        );
        let offset = FixedOffset::east_opt(offset_minutes.checked_mul(60)?)?;
        naive.and_local_timezone(offset).single().map(Timestamp)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use toml::value::Offset;
        let dt = toml::value::Datetime::deserialize(d)?;
        let (Some(date), Some(time), Some(offset)) = (dt.date, dt.time, dt.offset) else {
            return Err(serde::de::Error::custom(format!(
                "`{dt}` lacks a date, a time or a UTC offset; expected e.g. 2026-11-26T09:30:00+08:00"
            )));
        };
        // Built from the parsed fields directly: records hold thousands of these.
        let minutes = match offset {
            Offset::Z => 0,
            Offset::Custom { minutes } => i32::from(minutes),
        };
        Timestamp::from_fields(
            (
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            ),
            (
                u32::from(time.hour),
                u32::from(time.minute),
                u32::from(time.second.unwrap_or(0)),
                time.nanosecond.unwrap_or(0),
            ),
            minutes,
        )
        .ok_or_else(|| serde::de::Error::custom(format!("invalid date-time `{dt}`")))
    }
}
