//! The 整改台账 (rectification ledger) of a unit after the round was fed back to it: one item
//! per fed-back finding, with what the unit filled in — its measures, the leader and the
//! department responsible, the deadline, the type (立行立改/限期整改/长期坚持), the progress
//! (未启动/推进中/阶段完成/已完成), the evidence and the sign-off (销号审核). Pure: the file
//! (`DATA/第三轮_计算机学院.ledger.toml`) is read and written by `store::signoff`, the unit's
//! workbook by `report::ledger`. Format in `docs/FORMAT.md`, rules in `docs/REPORT.md`.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::day::Day;
use super::record::{RecordError, Timestamp};
use crate::i18n::Lang;

/// The version of the ledger file this program writes and the newest it reads.
pub const LEDGER_FORMAT: u32 = 1;

/// 类型: how a problem is rectified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RectifyType {
    /// 立行立改: at once.
    #[serde(alias = "立行立改")]
    Immediate,
    /// 限期整改: by a deadline.
    #[serde(alias = "限期整改")]
    Deadline,
    /// 长期坚持: kept up for good.
    #[serde(alias = "长期坚持")]
    LongTerm,
}

impl RectifyType {
    pub const ALL: [RectifyType; 3] = [
        RectifyType::Immediate,
        RectifyType::Deadline,
        RectifyType::LongTerm,
    ];

    /// The ASCII key written in the ledger file.
    pub fn key(self) -> &'static str {
        match self {
            RectifyType::Immediate => "immediate",
            RectifyType::Deadline => "deadline",
            RectifyType::LongTerm => "long-term",
        }
    }

    /// 立行立改 / 限期整改 / 长期坚持.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RectifyType::Immediate, Lang::Zh) => "立行立改",
            (RectifyType::Deadline, Lang::Zh) => "限期整改",
            (RectifyType::LongTerm, Lang::Zh) => "长期坚持",
            (RectifyType::Immediate, Lang::En) => "immediate",
            (RectifyType::Deadline, Lang::En) => "by deadline",
            (RectifyType::LongTerm, Lang::En) => "ongoing",
        }
    }

    /// A key, a label in either language, or 限期 for 限期整改.
    pub fn parse(s: &str) -> Option<RectifyType> {
        let s = s.trim();
        RectifyType::ALL
            .into_iter()
            .find(|t| {
                t.key() == s || t.label(Lang::Zh) == s || t.label(Lang::En).eq_ignore_ascii_case(s)
            })
            .or(match s {
                "限期" => Some(RectifyType::Deadline),
                "长期" => Some(RectifyType::LongTerm),
                _ => None,
            })
    }
}

/// 进展: how far the rectification of a problem has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Progress {
    /// 未启动.
    #[serde(alias = "未启动")]
    NotStarted,
    /// 推进中.
    #[serde(alias = "推进中")]
    InProgress,
    /// 阶段完成: a stage done, the rest ongoing.
    #[serde(alias = "阶段完成")]
    StageDone,
    /// 已完成.
    #[serde(alias = "已完成")]
    Done,
}

impl Progress {
    pub const ALL: [Progress; 4] = [
        Progress::NotStarted,
        Progress::InProgress,
        Progress::StageDone,
        Progress::Done,
    ];

    /// The ASCII key written in the ledger file.
    pub fn key(self) -> &'static str {
        match self {
            Progress::NotStarted => "not-started",
            Progress::InProgress => "in-progress",
            Progress::StageDone => "stage-done",
            Progress::Done => "done",
        }
    }

    /// 未启动 / 推进中 / 阶段完成 / 已完成.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Progress::NotStarted, Lang::Zh) => "未启动",
            (Progress::InProgress, Lang::Zh) => "推进中",
            (Progress::StageDone, Lang::Zh) => "阶段完成",
            (Progress::Done, Lang::Zh) => "已完成",
            (Progress::NotStarted, Lang::En) => "not started",
            (Progress::InProgress, Lang::En) => "in progress",
            (Progress::StageDone, Lang::En) => "stage done",
            (Progress::Done, Lang::En) => "done",
        }
    }

    /// A key or a label in either language.
    pub fn parse(s: &str) -> Option<Progress> {
        let s = s.trim();
        Progress::ALL.into_iter().find(|p| {
            p.key() == s || p.label(Lang::Zh) == s || p.label(Lang::En).eq_ignore_ascii_case(s)
        })
    }
}

/// A unit's ledger for a round: `第三轮_计算机学院.ledger.toml` in the data folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ledger {
    pub format: u32,
    pub round: String,
    pub unit: String,
    /// By 序号.
    #[serde(default, rename = "item", skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<LedgerItem>,
}

/// One row of the ledger: a fed-back finding and what the unit wrote about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerItem {
    /// The finding's key, `单位/清单id/条目id` (`model::signoff::finding_key`).
    pub key: String,
    /// The finding's content hash when the row was imported (`model::signoff::content_hash`).
    pub hash: String,
    /// 序号 in the unit's ledger.
    pub number: u32,
    /// 反馈问题: the problem as fed back (the feedback wording, else the statement).
    pub problem: String,
    /// 整改措施.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measures: String,
    /// 责任领导.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub leaders: String,
    /// 责任部门/责任人.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub departments: String,
    /// 完成时限.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Day>,
    /// 类型.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<RectifyType>,
    /// 进展.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<Progress>,
    /// 佐证材料.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    /// 销号审核.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signoff: String,
    /// When this row was last imported from the unit's workbook.
    pub imported: Timestamp,
}

impl Ledger {
    pub fn new(round: &str, unit: &str) -> Ledger {
        Ledger {
            format: LEDGER_FORMAT,
            round: round.trim().to_string(),
            unit: unit.trim().to_string(),
            items: Vec::new(),
        }
    }

    /// Parse a ledger file; `file` names it in messages.
    ///
    /// # Errors
    /// Not TOML or not a ledger: [`RecordError::Invalid`] with line and column; a newer
    /// `format`: [`RecordError::NewerFormat`] (also when the rest would not parse).
    pub fn parse(file: &str, text: &str) -> Result<Ledger, RecordError> {
        super::record::parse_versioned(file, text, "ledger", LEDGER_FORMAT, |l: &Ledger| l.format)
    }

    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(self)
    }

    /// The item of finding `key`.
    pub fn item(&self, key: &str) -> Option<&LedgerItem> {
        self.items.iter().find(|i| i.key == key)
    }

    /// Take `items` in: each replaces the item with its key, or is added; items not among them
    /// are kept (never dropped by an import). Then sorted by 序号.
    pub fn merge(&mut self, items: Vec<LedgerItem>) {
        for item in items {
            match self.items.iter_mut().find(|i| i.key == item.key) {
                Some(slot) => *slot = item,
                None => self.items.push(item),
            }
        }
        self.items
            .sort_by(|a, b| a.number.cmp(&b.number).then_with(|| a.key.cmp(&b.key)));
    }
}

impl LedgerItem {
    /// Whole days past the deadline on `today`, when the deadline has passed and the item is
    /// not 已完成; `None` otherwise (no deadline, not yet due, or done).
    pub fn overdue_days(&self, today: Day) -> Option<i64> {
        let deadline = self.deadline?;
        if self.progress == Some(Progress::Done) || deadline >= today {
            return None;
        }
        Some((today.0 - deadline.0).num_days())
    }
}

/// The order of `rectify status`: overdue items first (the longest overdue first), then the
/// others by deadline (none last); ties by unit, then 序号.
pub fn status_order(a: (&str, &LedgerItem), b: (&str, &LedgerItem), today: Day) -> Ordering {
    let rank = |(unit, item): (&str, &LedgerItem)| {
        (
            item.overdue_days(today).is_none(),
            item.deadline.is_none(),
            item.deadline,
            crate::model::collate::sort_key(unit),
            item.number,
        )
    };
    rank(a).cmp(&rank(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    fn day(s: &str) -> Day {
        s.parse().unwrap()
    }

    fn item(number: u32, deadline: Option<&str>, progress: Option<Progress>) -> LedgerItem {
        LedgerItem {
            key: format!("计算机学院/t/i{number}"),
            hash: "0".repeat(64),
            number,
            problem: format!("问题{number}"),
            measures: String::new(),
            leaders: String::new(),
            departments: String::new(),
            deadline: deadline.map(day),
            kind: None,
            progress,
            evidence: String::new(),
            signoff: String::new(),
            imported: at(20, 9),
        }
    }

    #[test]
    fn values_are_read_by_key_and_by_label_in_either_language() {
        for t in RectifyType::ALL {
            for s in [t.key(), t.label(Lang::Zh), t.label(Lang::En)] {
                assert_eq!(RectifyType::parse(s), Some(t), "{s}");
            }
        }
        for p in Progress::ALL {
            for s in [p.key(), p.label(Lang::Zh), p.label(Lang::En)] {
                assert_eq!(Progress::parse(&format!(" {s} ")), Some(p), "{s}");
            }
        }
        assert_eq!(RectifyType::parse("限期"), Some(RectifyType::Deadline));
        assert_eq!(Progress::parse("差不多"), None);
        assert_eq!(RectifyType::parse(""), None);
    }

    #[test]
    fn a_ledger_round_trips_and_writes_keys() {
        let mut l = Ledger::new("第三轮", "计算机学院");
        let mut i = item(1, Some("2027-01-31"), Some(Progress::InProgress));
        i.kind = Some(RectifyType::Deadline);
        i.measures = "修订制度\n\"第一议题\"".into();
        l.items.push(i);
        let text = l.to_toml().unwrap();
        assert!(text.contains("type = \"deadline\""), "{text}");
        assert!(text.contains("progress = \"in-progress\""), "{text}");
        assert!(text.contains("deadline = 2027-01-31"), "{text}");
        assert!(!text.contains("leaders"), "{text}");
        assert_eq!(Ledger::parse("l.toml", &text).unwrap(), l);
        // Chinese values are read too
        let zh = text
            .replace("\"deadline\"", "\"限期整改\"")
            .replace("\"in-progress\"", "\"推进中\"");
        assert_eq!(Ledger::parse("l.toml", &zh).unwrap(), l);
    }

    #[test]
    fn unknown_fields_and_newer_formats_are_refused() {
        let text = Ledger::new("第三轮", "计算机学院").to_toml().unwrap();
        let e = Ledger::parse("l.toml", &format!("{text}colour = 1\n")).unwrap_err();
        assert!(matches!(e, RecordError::Invalid(_)), "{e:?}");
        let e = Ledger::parse(
            "l.toml",
            "format = 2\nround = \"第三轮\"\nunit = \"x\"\n[[row]]\n",
        )
        .unwrap_err();
        assert!(
            matches!(e, RecordError::NewerFormat { found: 2, .. }),
            "{e:?}"
        );
    }

    #[test]
    fn merge_replaces_by_key_keeps_the_rest_and_sorts_by_number() {
        let mut l = Ledger::new("第三轮", "计算机学院");
        l.merge(vec![item(2, None, None), item(1, None, None)]);
        let mut changed = item(2, Some("2027-01-01"), Some(Progress::Done));
        changed.measures = "已整改".into();
        l.merge(vec![changed.clone()]);
        assert_eq!(l.items.len(), 2);
        assert_eq!(l.items[0].number, 1);
        assert_eq!(l.items[1], changed);
        assert_eq!(l.item(&changed.key), Some(&changed));
    }

    #[test]
    fn overdue_is_past_the_deadline_and_not_done() {
        let today = day("2027-02-10");
        assert_eq!(
            item(1, Some("2027-01-31"), None).overdue_days(today),
            Some(10)
        );
        assert_eq!(
            item(1, Some("2027-01-31"), Some(Progress::StageDone)).overdue_days(today),
            Some(10)
        );
        assert_eq!(
            item(1, Some("2027-01-31"), Some(Progress::Done)).overdue_days(today),
            None
        );
        assert_eq!(item(1, Some("2027-02-10"), None).overdue_days(today), None);
        assert_eq!(item(1, None, None).overdue_days(today), None);
    }

    #[test]
    fn status_puts_overdue_first_then_by_deadline() {
        let today = day("2027-02-10");
        let items = [
            ("外国语学院", item(1, None, None)),
            ("计算机学院", item(2, Some("2027-03-01"), None)),
            ("计算机学院", item(3, Some("2027-01-31"), None)),
            (
                "计算机学院",
                item(4, Some("2026-12-31"), Some(Progress::Done)),
            ),
            ("外国语学院", item(5, Some("2027-01-01"), None)),
        ];
        let mut v: Vec<(&str, &LedgerItem)> = items.iter().map(|(u, i)| (*u, i)).collect();
        v.sort_by(|a, b| status_order(*a, *b, today));
        let order: Vec<u32> = v.iter().map(|(_, i)| i.number).collect();
        assert_eq!(order, [5, 3, 4, 2, 1]);
    }
}
