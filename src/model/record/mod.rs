//! The inspection record: one file per inspector per unit per round.
//!
//! The on-disk shape is documented in `docs/FORMAT.md`. Answers are keyed
//! `template-id/item-id` and are kept whether or not the item still exists (orphans), so a
//! changed template never loses an answer.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::diag::{self, Diagnostic};
use super::template::{Catalog, Role, Template, UnitType, answer_key};
use super::vocab::{Category, SourceKind, Status};

/// The record format this program reads and writes.
pub const FORMAT_VERSION: u32 = 2;

mod time;

pub use time::Timestamp;

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
mod tests;
