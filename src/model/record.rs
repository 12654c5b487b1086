//! The inspection record: one file per inspector per unit per round.
//!
//! The on-disk shape is documented in `docs/FORMAT.md`. Answers are keyed
//! `template-id/item-id` and are kept whether or not the item still exists (orphans), so a
//! changed template never loses an answer.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, FixedOffset, Local, Offset, SubsecRound};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::diag::{self, Diagnostic};
use super::template::{Catalog, Role, Template, UnitType, answer_key};
use super::vocab::{Category, SourceKind, Status};

/// The record format this program reads and writes.
pub const FORMAT_VERSION: u32 = 2;

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

fn is_false(b: &bool) -> bool {
    !*b
}

/// One inspector's record for one unit in one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Format version of the file (see [`FORMAT_VERSION`]).
    pub format: u32,
    /// Sample data, not a real inspection (`xuncha demo` writes it): said in the status, the
    /// review and every report. Written only when true.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sample: bool,
    /// 被巡察单位
    pub unit: String,
    /// 巡察轮次, e.g. 第三轮
    pub round: String,
    /// 巡察组
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
    /// 巡察组成员
    pub inspector: String,
    /// The type of the inspected unit (学院 / 职能部门 / 直属单位·企业), which hides the items
    /// that do not apply; absent in records made before it was asked (every item then shows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_type: Option<UnitType>,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// The templates (id and version) this record answers.
    #[serde(default)]
    pub templates: Vec<TemplateRef>,
    /// Interviews, briefings, bundles of documents... each entered once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Keyed `template-id/item-id`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Answer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateRef {
    pub id: String,
    pub version: String,
}

/// Where evidence came from. `code` is safe to show; `reference` is private.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short code name that is safe to show, e.g. `T03`. Unique in the record.
    pub code: String,
    pub kind: SourceKind,
    /// Who was interviewed, which file: sensitive, never shown in lists or redacted reports.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
    /// Whom the source is a talk with (谈话对象类别), when it is one: the inspect screen's
    /// outline key shows the 谈话提纲 for it. Private like `reference`: never in a report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<Finding>,
}

impl Answer {
    /// Nothing recorded: 未查, no notes, no finding.
    pub fn is_empty(&self) -> bool {
        self.status == Status::Unchecked && self.notes.is_empty() && self.finding.is_none()
    }
}

/// An evidence note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Unique in the record; never reused.
    pub id: u32,
    pub at: Timestamp,
    /// Code name of the source it came from (empty: none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    pub text: String,
    /// People involved.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub people: String,
    /// Amounts, dates, counts.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub figures: String,
}

/// The finding of an answer marked 发现问题 or 存疑待核, shaped like the 问题底稿.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The problem with time, place and figures.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub statement: String,
    /// 反馈稿表述: the wording for the feedback version (反馈意见), which names nobody ("有的班子
    ///成员……", "个别……"). When set it replaces `statement` there; the internal report keeps the
    /// statement. Omitted from the file when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback_text: Option<String>,
    /// People responsible or involved.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub people: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub figures: String,
    /// 定性依据
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
    /// Which of the 三大问题; none means the item's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// A clue to transfer (问题线索移交).
    #[serde(default, skip_serializing_if = "is_false")]
    pub transfer: bool,
    /// Who receives the clue when `transfer` is set (接收单位, by 干部管理权限); none: not yet
    /// decided (the transfer list says 待定). Format 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiver: Option<Receiver>,
    /// The named 职能部门 when `receiver` is [`Receiver::Department`] (e.g. 国有资产管理处);
    /// ignored otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub receiver_name: String,
    /// 编号: the worksheet number (问题底稿编号), e.g. `三轮-计算机-007`. Typed once and kept:
    /// nothing renumbers it. Empty: the worksheet shows one derived from the answer key.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// 发现过程: how the problem came to light (which talk led to which file...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub process: String,
    /// 责任类型: 主要/直接/领导责任 of the people in `people`; none: not yet decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibility: Option<Responsibility>,
    /// A clue about a leading cadre (领导干部问题线索): reported separately, never in an
    /// ordinary 问题底稿 (CHECKLIST-REVIEW §3.3, 海宁 2018: 不含领导干部问题线索).
    #[serde(default, skip_serializing_if = "is_false")]
    pub leading_cadre: bool,
}

/// 责任类型 of a finding's people, as the 问题底稿 names it (《中国共产党问责条例》 distinguishes
/// 主要领导责任 and 重要领导责任; worksheets in practice write 主要/直接/领导责任).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Responsibility {
    /// 主要责任
    #[serde(alias = "主要责任")]
    Main,
    /// 直接责任
    #[serde(alias = "直接责任")]
    Direct,
    /// 领导责任
    #[serde(alias = "领导责任")]
    Leadership,
}

/// The body a clue is transferred to, by 干部管理权限 (`shared/CHECKLIST-REVIEW.md` §3.4):
/// 违纪违法 → 纪委, 选人用人 → 组织部门, 业务问题 → the competent 职能部门; clues about school
/// leaders are outside a 校内巡察's remit and go through the leading group to the 上级纪检.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Receiver {
    /// 纪委（纪检监察机构）
    #[serde(alias = "纪委")]
    Discipline,
    /// 组织部门
    #[serde(alias = "组织部门", alias = "组织部")]
    Organization,
    /// a named 职能部门 (`receiver_name`)
    #[serde(alias = "职能部门")]
    Department,
    /// 上级纪检 (clues about school leaders)
    #[serde(alias = "上级纪检")]
    Superior,
}

impl Receiver {
    /// Every receiver, in the order forms offer them.
    pub const ALL: [Receiver; 4] = [
        Receiver::Discipline,
        Receiver::Organization,
        Receiver::Department,
        Receiver::Superior,
    ];

    /// The ASCII key written in files (the serde name).
    pub fn key(self) -> &'static str {
        match self {
            Receiver::Discipline => "discipline",
            Receiver::Organization => "organization",
            Receiver::Department => "department",
            Receiver::Superior => "superior",
        }
    }

    /// `纪委（纪检监察机构）`, `organisation department`…
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang;
        match (self, lang) {
            (Receiver::Discipline, Lang::Zh) => "纪委（纪检监察机构）",
            (Receiver::Organization, Lang::Zh) => "组织部门",
            (Receiver::Department, Lang::Zh) => "职能部门",
            (Receiver::Superior, Lang::Zh) => "上级纪检",
            (Receiver::Discipline, Lang::En) => "discipline inspection commission",
            (Receiver::Organization, Lang::En) => "organisation department",
            (Receiver::Department, Lang::En) => "functional department",
            (Receiver::Superior, Lang::En) => "higher discipline inspection body",
        }
    }
}

impl Finding {
    /// Who receives the clue, as the transfer list names it: the named department for
    /// [`Receiver::Department`] when one is given; `None` when not a clue or not yet decided.
    pub fn receiver_label(&self, lang: crate::i18n::Lang) -> Option<String> {
        if !self.transfer {
            return None;
        }
        self.receiver.map(|r| match r {
            Receiver::Department if !self.receiver_name.trim().is_empty() => {
                self.receiver_name.trim().to_string()
            }
            r => r.label(lang).to_string(),
        })
    }
}

impl Responsibility {
    /// The ASCII key written in files (the serde name).
    pub fn key(self) -> &'static str {
        match self {
            Responsibility::Main => "main",
            Responsibility::Direct => "direct",
            Responsibility::Leadership => "leadership",
        }
    }

    /// Every kind, in the order forms offer them.
    pub const ALL: [Responsibility; 3] = [
        Responsibility::Main,
        Responsibility::Direct,
        Responsibility::Leadership,
    ];

    /// `主要责任`, `direct responsibility`…
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang;
        match (self, lang) {
            (Responsibility::Main, Lang::Zh) => "主要责任",
            (Responsibility::Direct, Lang::Zh) => "直接责任",
            (Responsibility::Leadership, Lang::Zh) => "领导责任",
            (Responsibility::Main, Lang::En) => "main responsibility",
            (Responsibility::Direct, Lang::En) => "direct responsibility",
            (Responsibility::Leadership, Lang::En) => "leadership responsibility",
        }
    }
}

/// Why a record could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordError {
    /// Not TOML, or not the shape of a record.
    Invalid(Diagnostic),
    /// Written by a newer program; must not be rewritten by this one.
    NewerFormat { diag: Diagnostic, found: i64 },
}

impl RecordError {
    pub fn diagnostic(&self) -> &Diagnostic {
        match self {
            RecordError::Invalid(d) | RecordError::NewerFormat { diag: d, .. } => d,
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic().fmt(f)
    }
}

impl std::error::Error for RecordError {}

impl Record {
    pub fn new(
        unit: &str,
        round: &str,
        group: &str,
        inspector: &str,
        templates: &[&Template],
        now: Timestamp,
    ) -> Record {
        Record {
            format: FORMAT_VERSION,
            sample: false,
            unit: unit.trim().to_string(),
            round: round.trim().to_string(),
            group: group.trim().to_string(),
            inspector: inspector.trim().to_string(),
            unit_type: None,
            created: now,
            updated: now,
            templates: templates
                .iter()
                .map(|t| TemplateRef {
                    id: t.id.clone(),
                    version: t.version.clone(),
                })
                .collect(),
            sources: Vec::new(),
            answers: BTreeMap::new(),
        }
    }

    /// Parse a record file. `file` is only used in messages.
    pub fn parse(file: &str, text: &str) -> Result<Record, RecordError> {
        let mut record =
            parse_versioned(file, text, "record", FORMAT_VERSION, |r: &Record| r.format)?;
        // An earlier format is a subset of this one: read as it is, and written as this
        // format by the next save (only a save writes; reading changes nothing).
        record.format = FORMAT_VERSION;
        Ok(record)
    }

    /// The record as TOML text, written by the `toml` crate: one `key = value` per line in
    /// struct order, a `[table]` or `[[array]]` header before each source, answer, note and
    /// finding, text with line breaks as a multi-line string (see `docs/FORMAT.md`). Fails only
    /// for a time TOML cannot hold (see [`Timestamp`]'s `Serialize`).
    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(self)
    }

    pub fn answer(&self, key: &str) -> Option<&Answer> {
        self.answers.get(key)
    }

    pub fn status(&self, key: &str) -> Status {
        self.answers
            .get(key)
            .map_or(Status::Unchecked, |a| a.status)
    }

    /// Answers whose item is not in the catalog (template changed or missing). Kept, never
    /// dropped.
    pub fn orphans<'a>(
        &'a self,
        catalog: &'a Catalog,
    ) -> impl Iterator<Item = (&'a str, &'a Answer)> {
        self.answers
            .iter()
            .filter(|(k, _)| catalog.resolve(k).is_none())
            .map(|(k, a)| (k.as_str(), a))
    }

    /// Carry answers recorded against items that a checklist in use now `replaces` to the
    /// item that replaces them, so that a record made with earlier checklists loses nothing
    /// when they change. An answer moves when its old item is no longer in the catalog and the
    /// new item has no answer yet, or only an empty one (未查, no notes, no finding); otherwise
    /// it stays where it is, an orphan as before. A checklist that receives an answer is added
    /// to the record's `templates` if the record did not list it. Changes only this copy: the
    /// file is rewritten on the next save. Returns the (old, new) keys moved, in catalog order.
    pub fn carry_replaced(&mut self, catalog: &Catalog) -> Vec<(String, String)> {
        let mut moved = Vec::new();
        if self.answers.is_empty() {
            return moved;
        }
        for template in catalog.templates() {
            for (_, item) in template.items() {
                for old in &item.replaces {
                    if !self.answers.contains_key(old) || catalog.resolve(old).is_some() {
                        continue;
                    }
                    let new = answer_key(&template.id, &item.id);
                    if self.answers.get(&new).is_some_and(|a| !a.is_empty()) {
                        continue;
                    }
                    if let Some(answer) = self.answers.remove(old) {
                        self.answers.insert(new.clone(), answer);
                        if !self.templates.iter().any(|t| t.id == template.id) {
                            self.templates.push(TemplateRef {
                                id: template.id.clone(),
                                version: template.version.clone(),
                            });
                        }
                        moved.push((old.clone(), new));
                    }
                }
            }
        }
        moved
    }

    pub fn source(&self, code: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.code == code)
    }

    /// The next unused note id.
    pub fn next_note_id(&self) -> u32 {
        self.answers
            .values()
            .flat_map(|a| a.notes.iter().map(|n| n.id))
            .max()
            .map_or(1, |m| m.saturating_add(1))
    }

    /// A code name for a new source of `kind`: a pinyin letter for the kind and the next number,
    /// e.g. `T03` for the third interview (谈话).
    pub fn suggest_source_code(&self, kind: SourceKind) -> String {
        let prefix = match kind {
            SourceKind::Interview => 'T',
            SourceKind::Briefing => 'H',
            SourceKind::Clue => 'X',
            SourceKind::PersonalReport => 'B',
            SourceKind::Documents => 'Z',
            SourceKind::Survey => 'C',
            SourceKind::Forum => 'Y',
            SourceKind::SitIn => 'L',
            SourceKind::SiteVisit => 'K',
            SourceKind::Test => 'S',
            SourceKind::Other => 'Q',
        };
        let next = self
            .sources
            .iter()
            .filter_map(|s| s.code.strip_prefix(prefix)?.parse::<u32>().ok())
            .max()
            .unwrap_or(0)
            + 1;
        let mut n = next;
        loop {
            let code = format!("{prefix}{n:02}");
            if self.source(&code).is_none() {
                return code;
            }
            n += 1;
        }
    }
}

/// Parse a versioned TOML file of this program (`what` names its kind in messages: a
/// `record`, a `file`): a `format` larger than `max` is refused as newer even when the rest
/// would not parse (a newer program may have added fields), and format 0 is no format.
///
/// # Errors
/// [`RecordError::NewerFormat`], or [`RecordError::Invalid`] with the line and column.
pub(crate) fn parse_versioned<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    what: &str,
    max: u32,
    format: impl Fn(&T) -> u32,
) -> Result<T, RecordError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let newer = |found: i64| RecordError::NewerFormat {
        diag: Diagnostic::at(
            file,
            text,
            diag::key_span(text, "format"),
            format!(
                "{what} format {found} is newer than this program reads (format {max}); \
                 open it with a newer xuncha. The file is left untouched."
            ),
        ),
        found,
    };
    match toml::from_str::<T>(text) {
        Ok(v) => match format(&v) {
            f if f > max => Err(newer(i64::from(f))),
            0 => Err(RecordError::Invalid(Diagnostic::at(
                file,
                text,
                diag::key_span(text, "format"),
                format!("format 0 is not a {what} format; expected format = {max}"),
            ))),
            _ => Ok(v),
        },
        Err(e) => {
            // A newer program may have added fields: say so rather than name the field.
            if let Ok(table) = toml::from_str::<toml::Table>(text)
                && let Some(found) = table.get("format").and_then(toml::Value::as_integer)
                && found > i64::from(max)
            {
                return Err(newer(found));
            }
            Err(RecordError::Invalid(diag::from_toml(file, text, &e)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// Template `new` whose items take over `old/a`, `old/b` and `gone/c`, and which still
    /// has an item `keep`.
    const NEW: &str = r#"
id = "new"
title = "新清单"
version = "2"
[[sections]]
id = "s"
title = "一"
[[sections.items]]
id = "x"
text = "x"
guide = "g"
methods = ["documents"]
category = "leadership"
replaces = ["old/a", "gone/c"]
[[sections.items]]
id = "y"
text = "y"
guide = "g"
methods = ["documents"]
category = "governance"
replaces = ["old/b", "old/keep"]
"#;

    const OLD: &str = r#"
id = "old"
title = "旧清单"
version = "2"
[[sections]]
id = "s"
title = "一"
[[sections.items]]
id = "keep"
text = "k"
guide = "g"
methods = ["documents"]
category = "leadership"
"#;

    fn answered(status: Status, notes: u32) -> Answer {
        Answer {
            status,
            updated: Some(ts(9)),
            notes: (1..=notes)
                .map(|id| Note {
                    id,
                    at: ts(9),
                    source: String::new(),
                    text: format!("记录 {id}"),
                    people: String::new(),
                    figures: String::new(),
                })
                .collect(),
            finding: None,
        }
    }

    #[test]
    fn answers_of_replaced_items_are_carried_and_kept_otherwise() {
        let catalog = crate::testing::catalog_of(NEW, OLD);
        let old_template = Template::parse("old.toml", OLD).unwrap();
        let mut r = Record::new("计算机学院", "第三轮", "", "张三", &[&old_template], ts(8));
        r.answers
            .insert("old/a".into(), answered(Status::Problem, 2));
        r.answers
            .insert("old/b".into(), answered(Status::NoProblem, 0));
        r.answers
            .insert("gone/c".into(), answered(Status::Doubt, 1));
        r.answers
            .insert("old/keep".into(), answered(Status::NoProblem, 0));
        r.answers
            .insert("new/y".into(), answered(Status::Unchecked, 1));
        let before = r.clone();
        let moved = r.carry_replaced(&catalog);
        // old/a moves to new/x; gone/c, second in line for new/x, finds it taken and stays;
        // new/y already holds a note, so old/b stays; old/keep is still an item
        assert_eq!(moved, [("old/a".to_string(), "new/x".to_string())]);
        assert_eq!(r.answers["new/x"], before.answers["old/a"]);
        assert!(!r.answers.contains_key("old/a"));
        for kept in ["old/b", "gone/c", "old/keep", "new/y"] {
            assert_eq!(r.answers[kept], before.answers[kept], "{kept}");
        }
        // nothing is lost: the same answers, one under a new key
        assert_eq!(r.answers.len(), before.answers.len());
        // the checklist that received an answer is now one the record answers
        assert_eq!(
            r.templates
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>(),
            ["old", "new"]
        );
        // carrying again changes nothing
        let once = r.clone();
        assert!(r.carry_replaced(&catalog).is_empty());
        assert_eq!(r, once);
    }

    #[test]
    fn an_empty_answer_on_the_new_item_gives_way() {
        let catalog = crate::testing::catalog_of(NEW, OLD);
        let mut r = Record::new("学院", "第三轮", "", "张三", &[], ts(8));
        r.answers
            .insert("gone/c".into(), answered(Status::Doubt, 1));
        r.answers.insert("new/x".into(), Answer::default());
        assert_eq!(r.carry_replaced(&catalog).len(), 1);
        assert_eq!(r.answers["new/x"].status, Status::Doubt);
        assert_eq!(r.answers.len(), 1);
    }

    #[test]
    fn unit_type_is_written_only_when_given_and_read_back() {
        let mut r = Record::new("学院", "第三轮", "", "张三", &[], ts(8));
        let text = r.to_toml().unwrap();
        assert!(!text.contains("unit_type"), "{text}");
        assert_eq!(Record::parse("r.toml", &text).unwrap().unit_type, None);
        r.unit_type = Some(UnitType::Department);
        let text = r.to_toml().unwrap();
        assert!(text.contains("unit_type = \"department\""), "{text}");
        assert_eq!(Record::parse("r.toml", &text).unwrap(), r);
        let chinese = text.replace("\"department\"", "\"职能部门\"");
        assert_eq!(
            Record::parse("r.toml", &chinese).unwrap().unit_type,
            Some(UnitType::Department)
        );
    }

    #[test]
    fn a_sources_role_is_written_only_when_given_and_read_in_either_language() {
        let mut r = Record::new("学院", "第三轮", "", "张三", &[], ts(8));
        r.sources.push(Source {
            code: "T01".into(),
            kind: SourceKind::Interview,
            reference: "与院长谈话".into(),
            at: None,
            role: None,
        });
        let text = r.to_toml().unwrap();
        assert!(!text.contains("role"), "{text}");
        assert_eq!(Record::parse("r.toml", &text).unwrap(), r);
        r.sources[0].role = Some(Role::Dean);
        let text = r.to_toml().unwrap();
        assert!(text.contains("role = \"dean\""), "{text}");
        assert_eq!(Record::parse("r.toml", &text).unwrap(), r);
        let chinese = text.replace("\"dean\"", "\"院长\"");
        assert_eq!(
            Record::parse("r.toml", &chinese).unwrap().sources[0].role,
            Some(Role::Dean)
        );
        // a role that is not one is an error with its place, not dropped
        let bad = text.replace("\"dean\"", "\"校长\"");
        let e = Record::parse("r.toml", &bad).unwrap_err().to_string();
        assert!(e.contains("r.toml:"), "{e}");
    }

    fn ts(h: u32) -> Timestamp {
        Timestamp(
            FixedOffset::east_opt(8 * 3600)
                .unwrap()
                .with_ymd_and_hms(2026, 11, 26, h, 30, 0)
                .unwrap(),
        )
    }

    /// A local offset with seconds (Amsterdam's +00:19:32 before 1937, or `TZ=XXX-8:05:43`)
    /// becomes the nearest whole minute, the same instant, and the record can be written.
    #[test]
    fn an_offset_with_seconds_is_rounded_to_whole_minutes() {
        for (seconds, minutes) in [
            (8 * 3600 + 5 * 60 + 43, 8 * 60 + 6),
            (19 * 60 + 32, 20),
            (-(3 * 3600 + 29), -(3 * 60)),
            (-(3 * 3600 + 30), -(3 * 60 + 1)),
            (86_399, 0),
        ] {
            let odd = FixedOffset::east_opt(seconds)
                .unwrap()
                .with_ymd_and_hms(2026, 11, 26, 9, 30, 0)
                .unwrap();
            let t = Timestamp::in_whole_minutes(odd);
            assert_eq!(t.0.offset().local_minus_utc(), minutes * 60, "{seconds}");
            assert_eq!(t, Timestamp(odd), "the same instant");
            let mut r = sample();
            r.updated = t;
            let back = Record::parse("r.toml", &r.to_toml().unwrap()).unwrap();
            assert_eq!(format!("{:?}", back.updated), format!("{t:?}"));
        }
        let whole = ts(9);
        assert_eq!(
            format!("{:?}", Timestamp::in_whole_minutes(whole.0)),
            format!("{whole:?}")
        );
    }

    fn sample() -> Record {
        let mut r = Record::new("计算机学院", "第三轮", "第二巡察组", "张三", &[], ts(9));
        r.templates.push(TemplateRef {
            id: "sankan".into(),
            version: "2026.1".into(),
        });
        r.sources.push(Source {
            code: "T01".into(),
            kind: SourceKind::Interview,
            reference: "与学院党委书记王某谈话".into(),
            at: Some(ts(10)),
            role: None,
        });
        r.answers.insert(
            "sankan/first-topic".into(),
            Answer {
                status: Status::Problem,
                updated: Some(ts(11)),
                notes: vec![Note {
                    id: 1,
                    at: ts(11),
                    source: "T01".into(),
                    text: "2025年3月文件，5月才传达。\n第二行".into(),
                    people: "王某".into(),
                    figures: "滞后 62 天".into(),
                }],
                finding: Some(Finding {
                    statement: "第一议题制度落实滞后".into(),
                    category: Some(Category::Leadership),
                    transfer: true,
                    ..Finding::default()
                }),
            },
        );
        r
    }

    #[test]
    fn round_trip_keeps_everything() {
        let r = sample();
        let text = r.to_toml().unwrap();
        assert!(
            text.contains("created = 2026-11-26T09:30:00+08:00"),
            "{text}"
        );
        let back = Record::parse("r.toml", &text).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn newer_format_is_refused_even_with_unknown_fields() {
        let text = sample()
            .to_toml()
            .unwrap()
            .replace("format = 2", "format = 7");
        let e = Record::parse("r.toml", &text).unwrap_err();
        assert!(matches!(e, RecordError::NewerFormat { found: 7, .. }));
        let with_extra = format!("{text}\nsignoffs = []\n");
        let e = Record::parse("r.toml", &with_extra).unwrap_err();
        assert!(
            matches!(e, RecordError::NewerFormat { found: 7, .. }),
            "{e}"
        );
        assert_eq!(e.diagnostic().line, 1);
    }

    #[test]
    fn a_local_datetime_without_offset_is_an_error_with_position() {
        let text = sample().to_toml().unwrap().replace(
            "created = 2026-11-26T09:30:00+08:00",
            "created = 2026-11-26T09:30:00",
        );
        let e = Record::parse("r.toml", &text).unwrap_err();
        assert!(e.diagnostic().message.contains("offset"), "{e}");
        assert!(e.diagnostic().line > 0);
    }

    #[test]
    fn orphans_are_answers_without_an_item() {
        let r = sample();
        let catalog = Catalog::default();
        let orphans: Vec<_> = r.orphans(&catalog).map(|(k, _)| k).collect();
        assert_eq!(orphans, vec!["sankan/first-topic"]);
    }

    #[test]
    fn source_codes_are_suggested_per_kind() {
        let mut r = sample();
        assert_eq!(r.suggest_source_code(SourceKind::Interview), "T02");
        assert_eq!(r.suggest_source_code(SourceKind::Documents), "Z01");
        r.sources.push(Source {
            code: "T09".into(),
            kind: SourceKind::Interview,
            reference: String::new(),
            at: None,
            role: None,
        });
        assert_eq!(r.suggest_source_code(SourceKind::Interview), "T10");
        assert_eq!(r.next_note_id(), 2);
    }
}
