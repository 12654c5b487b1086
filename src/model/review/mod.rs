//! The group leader's review: one aggregation of many inspectors' records, used by `status`,
//! the review screen and the report, so that all three always agree.
//!
//! Pure data in, pure data out: [`Review::build`] takes the loaded records (with the paths
//! they came from), the catalog, the current time and the staleness threshold, and returns
//! progress, findings, coverage and disagreements. It never changes a record.
//!
//! Rules (also in `docs/REPORT.md`):
//! - **Unit** means a unit *in a round*: records are grouped by `(round, unit)`, so a unit
//!   inspected in two rounds is two units. Units appear in the order of their first record.
//! - **Completion of a record** is [`RecordSummary`] (an item is done once its status is not
//!   未查).
//! - **Completion of a unit**: for each checklist that any record of the unit answers, an item
//!   counts as done for the unit if *any* inspector of the unit whose record answers that
//!   checklist has given it a status other than 未查. Counted by the same
//!   [`TemplateProgress::count`] as a record's completion.
//! - **Coverage**: the items of those checklists that no inspector of the unit has checked
//!   (未查 or no answer), in template order.
//! - **Disagreement**: within one unit, an item on which one inspector gave a *clean* verdict
//!   (未发现问题, or 不适用) and another a *concern* (发现问题, or 存疑待核). A doubt against a
//!   clean verdict is a disagreement too — the leader must settle it before the report — but is
//!   marked as the milder [`DisagreementKind::Doubt`]. 发现问题 against 存疑待核 is not a
//!   disagreement: both say something is wrong. Only items in the catalog are compared.
//! - **Findings** are every answer with status 发现问题 or 存疑待核, orphaned or not. The 三大问题
//!   of a finding is its own `category`, else its item's; an orphaned answer without a category
//!   takes its template's when every item of that template has the same one, else it has none
//!   (shown as 未归类).
//! - **Entries** (one problem, one entry): the findings of one unit on one item, from however
//!   many inspectors, are one [`Entry`]: 发现问题 when any of them says so, else 存疑待核; its
//!   三大问题 is the first finding's own category, else the item's. A unit's `problems` and
//!   `doubts` count entries (distinct problems), not answers.
//! - **Stale**: a record whose `updated` time is `stale_days` or more whole days before `now`
//!   (`stale_days = 0` turns the mark off).

mod build;

use build::{distinct, group_by};

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;

use super::collate;
use super::progress::{RecordSummary, TemplateProgress};
use super::record::{Finding, Note, Record, Timestamp};
use super::template::{Catalog, Focus, answer_key};
use super::vocab::{Category, SourceKind, Status};
use crate::i18n::Lang;

/// Records not changed for this many days are marked stale unless told otherwise.
pub const DEFAULT_STALE_DAYS: u32 = 7;

/// What the aggregation needs besides the records.
#[derive(Debug, Clone, Copy)]
pub struct ReviewOptions {
    pub now: Timestamp,
    /// Whole days without a change after which a record is stale; 0: never.
    pub stale_days: u32,
}

impl ReviewOptions {
    pub fn new(now: Timestamp) -> ReviewOptions {
        ReviewOptions {
            now,
            stale_days: DEFAULT_STALE_DAYS,
        }
    }
}

/// A unit in a round.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitKey {
    pub round: String,
    pub unit: String,
}

/// A checklist item as the review shows it: resolved against the catalog, or orphaned.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRef {
    /// `template-id/item-id`.
    pub key: String,
    pub template_id: String,
    /// The template's title, or its id when the catalog does not have it.
    pub template_title: String,
    /// Empty for an orphan.
    pub section_id: String,
    pub section_title: String,
    pub item_id: String,
    /// The check text; for an orphan, the item id (there is no text any more).
    pub item_text: String,
    /// The item's 三大问题 (for an orphan, see the module rules).
    pub category: Option<Category>,
    /// Which of the 四个落实 the item serves (none for an orphan or an item that does not say).
    pub focus: Option<Focus>,
    /// The item no longer exists in the catalog.
    pub orphan: bool,
    /// Catalog order: (template, item within the template); orphans sort last in their
    /// template, unknown templates after every known one.
    pub position: (usize, usize),
}

/// One record in the review.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordRow {
    /// Position of the record in the input.
    pub index: usize,
    pub path: PathBuf,
    pub unit: String,
    pub round: String,
    pub group: String,
    pub inspector: String,
    pub updated: Timestamp,
    pub summary: RecordSummary,
    /// Whole days from `updated` to `now` (0 when `updated` is in the future).
    pub idle_days: i64,
    pub stale: bool,
    /// Index into [`Review::units`].
    pub unit_index: usize,
    /// Keys of the answers whose item is not in the catalog (`summary.orphans` of them).
    pub orphan_keys: Vec<String>,
}

/// One unit: its records and the completion of the group as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    pub key: UnitKey,
    /// The groups named by its records, by pinyin (`model::collate`).
    pub groups: Vec<String>,
    /// Indices into [`Review::records`], in input order.
    pub records: Vec<usize>,
    /// The checklists any of its records answers, in catalog order, then unknown ones; an item
    /// is done if any inspector checked it.
    pub per_template: Vec<TemplateProgress>,
    pub done: usize,
    pub total: usize,
    /// Distinct items of the unit marked 发现问题 by any inspector (orphans included): the
    /// unit's [`Entry`]s with that status.
    pub problems: usize,
    /// Distinct items marked 存疑待核 and by nobody 发现问题.
    pub doubts: usize,
    /// Coverage: items no inspector of the unit has checked, in template order.
    pub unchecked: Vec<ItemRef>,
    /// The lens items (the 三看 looks) of the checklists it uses, in catalog order.
    pub looks: Vec<Look>,
}

/// A lens item (a 三看 look) of a unit, with its state rolled up from the unit's state of the
/// items it rests on ([`super::template::roll_up`]). The unit's state of an item: 发现问题 if
/// any inspector says so, else 存疑待核 if any does, else 未查 if none checked it, else 未发现问题
/// (不适用 if every verdict is).
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    pub item: ItemRef,
    /// The rolled-up state.
    pub status: Status,
    /// The items it rests on that the catalog has, each with the unit's state of it.
    pub refs: Vec<(ItemRef, Status)>,
    /// Evidence notes written on the look itself — a look takes none of its own, but an
    /// earlier version accepted them and a file edited by hand may have them — each with the
    /// index into [`Review::records`] of the record that holds it, in the unit's record order.
    pub notes: Vec<(usize, Evidence)>,
}

impl UnitRow {
    pub fn percent(&self) -> u32 {
        super::progress::percent(self.done, self.total)
    }
}

/// An evidence note with the kind of the source it cites.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub note: Note,
    /// `None`: the note names no source, or a code the record does not define.
    pub source_kind: Option<SourceKind>,
}

impl Evidence {
    /// A note of `record`, with the kind of the source it cites.
    pub fn of(record: &Record, note: &Note) -> Evidence {
        Evidence {
            note: note.clone(),
            source_kind: if note.source.is_empty() {
                None
            } else {
                record.source(&note.source).map(|s| s.kind)
            },
        }
    }

    /// Whether the note may reveal who spoke: its source is an interview, a clue or a
    /// personal-report check — or unknown, since then nobody can tell (fail closed).
    pub fn may_identify_informant(&self) -> bool {
        self.source_kind.is_none_or(|k| !k.is_material())
    }
}

/// An answer marked 发现问题 or 存疑待核.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRow {
    /// Index into [`Review::records`].
    pub record: usize,
    pub item: ItemRef,
    pub status: Status,
    /// The answer's finding; empty fields when it has none yet.
    pub finding: Finding,
    /// The effective 三大问题 (see the module rules).
    pub category: Option<Category>,
    pub evidence: Vec<Evidence>,
    pub updated: Option<Timestamp>,
}

/// One problem: the findings of every inspector of a unit on one item, merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Index into [`Review::units`].
    pub unit: usize,
    pub item: ItemRef,
    /// 发现问题 when any of its findings says so, else 存疑待核.
    pub status: Status,
    /// The first finding's own category, else the item's (see the module rules).
    pub category: Option<Category>,
    /// Indices into [`Review::findings`], in record order; never empty.
    pub findings: Vec<usize>,
    /// Another inspector of the unit gave the item a clean verdict (未发现问题 or 不适用): it is
    /// one of [`Review::disagreements`].
    pub disputed: bool,
}

/// How strong a disagreement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DisagreementKind {
    /// Someone found a problem where someone else found none.
    Problem,
    /// Someone has a doubt where someone else found no problem.
    Doubt,
}

/// One inspector's status on a disputed item, with what they wrote there: the finding (if
/// any) and the evidence notes, so the leader can compare the inspectors side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Index into [`Review::records`].
    pub record: usize,
    pub status: Status,
    /// The answer's finding, as written (also for a clean verdict that kept one).
    pub finding: Option<Finding>,
    /// The answer's evidence notes, each with its source's kind.
    pub evidence: Vec<Evidence>,
}

/// Inspectors of the same unit who disagree on an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// Index into [`Review::units`].
    pub unit: usize,
    pub item: ItemRef,
    pub kind: DisagreementKind,
    /// Every inspector of the unit who checked the item, in record order.
    pub verdicts: Vec<Verdict>,
}

/// How findings are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    /// By the 三大问题 (then 未归类).
    #[default]
    Category,
    /// By checklist, in catalog order.
    Checklist,
    /// By the 四个落实 (then 未归类), as the 2024 巡视工作条例 frames a report.
    Focus,
}

/// The heading of a group of findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupKey {
    Category(Option<Category>),
    Checklist { id: String, title: String },
    Focus(Option<Focus>),
}

impl GroupKey {
    pub fn label(&self, lang: Lang) -> String {
        match self {
            GroupKey::Category(Some(c)) => c.label(lang).to_string(),
            GroupKey::Category(None) => lang.strings().uncategorised.to_string(),
            GroupKey::Checklist { title, .. } => title.clone(),
            GroupKey::Focus(Some(f)) => f.label(lang).to_string(),
            GroupKey::Focus(None) => lang.strings().uncategorised.to_string(),
        }
    }
}

/// Findings under one heading, as indices into [`Review::findings`].
#[derive(Debug, Clone, PartialEq)]
pub struct FindingGroup {
    pub key: GroupKey,
    pub findings: Vec<usize>,
}

/// Everything the group leader reviews.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub now: Timestamp,
    pub stale_days: u32,
    /// In input order.
    pub records: Vec<RecordRow>,
    /// By round, then unit, each by pinyin with numbers by value (`model::collate`:
    /// `继续教育学院（7）` before `（10）`).
    pub units: Vec<UnitRow>,
    /// Sorted by item (catalog order), then unit, then record.
    pub findings: Vec<FindingRow>,
    /// The findings merged per unit and item, in the order of `findings`.
    pub entries: Vec<Entry>,
    /// Sorted by unit, then item.
    pub disagreements: Vec<Disagreement>,
    /// The checklists any record answers, as `(id, title)`: catalog order, then the ids the
    /// catalog does not have, in order of appearance (their title is the id).
    pub columns: Vec<(String, String)>,
    /// How many of the records are sample data (`sample = true`, written by `xuncha demo`):
    /// the status, the review screen and every report say so when any is.
    pub samples: usize,
}

/// Every catalog item by answer key, for resolving keys without scanning the catalog.
#[derive(Debug, Clone, Default)]
pub struct ItemIndex {
    /// Per template in catalog order: id, title, and the category all its items share.
    templates: Vec<(String, String, Option<Category>)>,
    items: HashMap<String, ItemRef>,
}

impl ItemIndex {
    pub fn new(catalog: &Catalog) -> ItemIndex {
        let mut templates = Vec::new();
        let mut items = HashMap::new();
        for (ti, t) in catalog.templates().enumerate() {
            let mut cats = t.items().map(|(_, i)| i.category);
            let uniform = cats.next().filter(|first| cats.all(|c| c == *first));
            templates.push((t.id.clone(), t.title.clone(), uniform));
            for (ii, (s, i)) in t.items().enumerate() {
                let key = answer_key(&t.id, &i.id);
                items.insert(
                    key.clone(),
                    ItemRef {
                        key,
                        template_id: t.id.clone(),
                        template_title: t.title.clone(),
                        section_id: s.id.clone(),
                        section_title: s.title.clone(),
                        item_id: i.id.clone(),
                        item_text: i.text.clone(),
                        category: Some(i.category),
                        focus: i.focus,
                        orphan: false,
                        position: (ti, ii),
                    },
                );
            }
        }
        ItemIndex { templates, items }
    }

    /// Whether the key names an item of the catalog.
    pub fn contains(&self, key: &str) -> bool {
        self.items.contains_key(key)
    }

    fn template_position(&self, id: &str) -> Option<usize> {
        self.templates.iter().position(|(t, _, _)| t == id)
    }

    /// The item an answer key names, or an orphan made from the key.
    pub fn item(&self, key: &str) -> Cow<'_, ItemRef> {
        if let Some(item) = self.items.get(key) {
            return Cow::Borrowed(item);
        }
        let (tid, iid) = key.split_once('/').unwrap_or((key, ""));
        let template = self
            .template_position(tid)
            .and_then(|p| self.templates.get(p).map(|t| (p, t)));
        Cow::Owned(ItemRef {
            key: key.to_string(),
            template_id: tid.to_string(),
            template_title: template.map_or_else(|| tid.to_string(), |(_, t)| t.1.clone()),
            section_id: String::new(),
            section_title: String::new(),
            item_id: iid.to_string(),
            item_text: if iid.is_empty() { key } else { iid }.to_string(),
            category: template.and_then(|(_, t)| t.2),
            focus: None,
            orphan: true,
            position: (template.map_or(usize::MAX, |(p, _)| p), usize::MAX),
        })
    }
}

impl Review {
    /// The findings of one unit (all when `unit` is `None`), as indices into `findings`.
    pub fn findings_in<'a>(
        &'a self,
        unit: Option<&'a UnitKey>,
    ) -> impl Iterator<Item = usize> + 'a {
        self.findings
            .iter()
            .enumerate()
            .filter(move |(_, f)| {
                unit.is_none_or(|u| self.units[self.records[f.record].unit_index].key == *u)
            })
            .map(|(i, _)| i)
    }

    /// Group the given findings (indices into `findings`), keeping their order within each
    /// group. Groups come in a fixed order: the 三大问题 as listed in [`Category::ALL`] then
    /// 未归类, the 四个落实 as listed in [`Focus::ALL`] then 未归类, or the checklists in catalog order then unknown ones; empty groups are left out.
    pub fn group(
        &self,
        findings: impl IntoIterator<Item = usize>,
        by: Grouping,
    ) -> Vec<FindingGroup> {
        group_by(
            findings
                .into_iter()
                .filter_map(|i| self.findings.get(i).map(|f| (i, f.category, &f.item))),
            by,
        )
    }

    /// Group the given entries (indices into `entries`) as [`Review::group`] groups findings.
    pub fn group_entries(
        &self,
        entries: impl IntoIterator<Item = usize>,
        by: Grouping,
    ) -> Vec<FindingGroup> {
        group_by(
            entries
                .into_iter()
                .filter_map(|i| self.entries.get(i).map(|e| (i, e.category, &e.item))),
            by,
        )
    }

    /// Findings of one unit (or all) grouped.
    pub fn grouped(&self, by: Grouping, unit: Option<&UnitKey>) -> Vec<FindingGroup> {
        self.group(self.findings_in(unit), by)
    }

    /// The record a finding or verdict belongs to.
    pub fn record(&self, index: usize) -> Option<&RecordRow> {
        self.records.get(index)
    }

    /// Whether inspectors of the finding's unit disagree on its item (one of
    /// [`Review::disagreements`]); `false` for an index out of range.
    pub fn disputed(&self, finding: usize) -> bool {
        self.findings.get(finding).is_some_and(|f| {
            let unit = self.records.get(f.record).map(|r| r.unit_index);
            self.disagreements
                .iter()
                .any(|d| Some(d.unit) == unit && d.item.key == f.item.key)
        })
    }

    /// Records not changed for `stale_days` days or more.
    pub fn stale(&self) -> impl Iterator<Item = &RecordRow> {
        self.records.iter().filter(|r| r.stale)
    }

    /// The distinct rounds, by pinyin with numbers by value (`model::collate`).
    pub fn rounds(&self) -> Vec<&str> {
        let mut v = distinct(self.records.iter().map(|r| r.round.as_str()));
        v.sort_by_cached_key(|s| collate::sort_key(s));
        v
    }

    /// The distinct groups (non-empty), by pinyin with numbers by value (`model::collate`).
    pub fn groups(&self) -> Vec<&str> {
        let mut v = distinct(
            self.records
                .iter()
                .map(|r| r.group.as_str())
                .filter(|g| !g.is_empty()),
        );
        v.sort_by_cached_key(|s| collate::sort_key(s));
        v
    }
}

#[cfg(test)]
mod tests;
