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

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::collate;
use super::progress::{RecordSummary, TemplateProgress};
use super::record::{Finding, Note, Record, Timestamp};
use super::template::{Catalog, Focus, Template, answer_key};
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
    /// The lens items (the 三看 looks) of the checklists it uses, each with its state rolled up
    /// from the unit's state of the items it rests on ([`super::template::roll_up`]): for each
    /// of those, 发现问题 if any inspector says so, else 存疑待核 if any does, else 未查 if none
    /// checked it, else 未发现问题 (不适用 if every verdict is).
    pub looks: Vec<(ItemRef, Status)>,
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
    /// Aggregate `records` (as loaded, each with the path it came from) against `catalog`.
    pub fn build(
        records: &[(PathBuf, Record)],
        catalog: &Catalog,
        options: &ReviewOptions,
    ) -> Review {
        let index = ItemIndex::new(catalog);
        // Units in reading order: round, then unit, each by pinyin with numbers by value.
        let mut keys: Vec<UnitKey> = Vec::new();
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        for (_, r) in records {
            if seen.insert((r.round.as_str(), r.unit.as_str())) {
                keys.push(UnitKey {
                    round: r.round.clone(),
                    unit: r.unit.clone(),
                });
            }
        }
        keys.sort_by_cached_key(|k| (collate::sort_key(&k.round), collate::sort_key(&k.unit)));
        let unit_of: HashMap<UnitKey, usize> = keys
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, k)| (k, i))
            .collect();
        let mut units: Vec<UnitRow> = keys
            .into_iter()
            .map(|key| UnitRow {
                key,
                groups: Vec::new(),
                records: Vec::new(),
                per_template: Vec::new(),
                done: 0,
                total: 0,
                problems: 0,
                doubts: 0,
                unchecked: Vec::new(),
                looks: Vec::new(),
            })
            .collect();
        let mut rows = Vec::with_capacity(records.len());
        for (i, (path, r)) in records.iter().enumerate() {
            let key = UnitKey {
                round: r.round.clone(),
                unit: r.unit.clone(),
            };
            // every key was collected above, so the lookup always finds it
            let unit_index = unit_of.get(&key).copied().unwrap_or_default();
            let unit = &mut units[unit_index];
            unit.records.push(i);
            if !r.group.is_empty() && !unit.groups.contains(&r.group) {
                unit.groups.push(r.group.clone());
            }
            let summary = RecordSummary::of(r, catalog);
            let idle_days = (options.now.0 - r.updated.0).num_days().max(0);
            rows.push(RecordRow {
                index: i,
                path: path.clone(),
                unit: r.unit.clone(),
                round: r.round.clone(),
                group: r.group.clone(),
                inspector: r.inspector.clone(),
                updated: r.updated,
                idle_days,
                stale: options.stale_days > 0 && idle_days >= i64::from(options.stale_days),
                unit_index,
                orphan_keys: r
                    .answers
                    .keys()
                    .filter(|k| !index.contains(k))
                    .cloned()
                    .collect(),
                summary,
            });
        }

        for unit in &mut units {
            unit.groups.sort_by_cached_key(|g| collate::sort_key(g));
        }

        let mut disagreements = Vec::new();
        for (ui, unit) in units.iter_mut().enumerate() {
            aggregate_unit(ui, unit, records, catalog, &index, &mut disagreements);
        }

        let mut findings = Vec::new();
        for (ri, (_, r)) in records.iter().enumerate() {
            for (key, answer) in &r.answers {
                if !answer.status.has_finding() {
                    continue;
                }
                let item = index.item(key).into_owned();
                let finding = answer.finding.clone().unwrap_or_default();
                let category = finding.category.or(item.category);
                let evidence = answer.notes.iter().map(|n| Evidence::of(r, n)).collect();
                findings.push(FindingRow {
                    record: ri,
                    item,
                    status: answer.status,
                    finding,
                    category,
                    evidence,
                    updated: answer.updated,
                });
            }
        }
        findings.sort_by(|a, b| {
            (
                a.item.position,
                &a.item.key,
                rows[a.record].unit_index,
                a.record,
            )
                .cmp(&(
                    b.item.position,
                    &b.item.key,
                    rows[b.record].unit_index,
                    b.record,
                ))
        });

        let entries = entries(&findings, &rows, &disagreements);
        for u in &mut units {
            u.problems = 0;
            u.doubts = 0;
        }
        for e in &entries {
            if let Some(u) = units.get_mut(e.unit) {
                match e.status {
                    Status::Problem => u.problems += 1,
                    _ => u.doubts += 1,
                }
            }
        }

        let mut columns: Vec<(String, String)> = catalog
            .templates()
            .filter(|t| {
                records
                    .iter()
                    .any(|(_, r)| r.templates.iter().any(|x| x.id == t.id))
            })
            .map(|t| (t.id.clone(), t.title.clone()))
            .collect();
        for (_, r) in records {
            for t in &r.templates {
                if !columns.iter().any(|(id, _)| *id == t.id) {
                    columns.push((t.id.clone(), t.id.clone()));
                }
            }
        }

        Review {
            samples: records.iter().filter(|(_, r)| r.sample).count(),
            columns,
            now: options.now,
            stale_days: options.stale_days,
            records: rows,
            units,
            findings,
            entries,
            disagreements,
        }
    }

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

/// Group `(index, category, item)` triples, keeping their order within each group; groups in
/// the fixed order [`Review::group`] documents. The indices are kept in [`FindingGroup`].
fn group_by<'a>(
    rows: impl Iterator<Item = (usize, Option<Category>, &'a ItemRef)>,
    by: Grouping,
) -> Vec<FindingGroup> {
    let mut groups: Vec<(usize, FindingGroup)> = Vec::new();
    for (i, category, item) in rows {
        let (order, key) = match by {
            Grouping::Category => (
                category
                    .and_then(|c| Category::ALL.iter().position(|x| *x == c))
                    .unwrap_or(Category::ALL.len()),
                GroupKey::Category(category),
            ),
            Grouping::Focus => (
                item.focus
                    .and_then(|x| Focus::ALL.iter().position(|y| *y == x))
                    .unwrap_or(Focus::ALL.len()),
                GroupKey::Focus(item.focus),
            ),
            Grouping::Checklist => (
                item.position.0,
                GroupKey::Checklist {
                    id: item.template_id.clone(),
                    title: item.template_title.clone(),
                },
            ),
        };
        match groups.iter_mut().find(|(_, g)| g.key == key) {
            Some((_, g)) => g.findings.push(i),
            None => groups.push((
                order,
                FindingGroup {
                    key,
                    findings: vec![i],
                },
            )),
        }
    }
    groups.sort_by(|(a, ga), (b, gb)| {
        let id = |g: &FindingGroup| match &g.key {
            GroupKey::Checklist { id, .. } => id.clone(),
            GroupKey::Category(_) | GroupKey::Focus(_) => String::new(),
        };
        (a, id(ga)).cmp(&(b, id(gb)))
    });
    groups.into_iter().map(|(_, g)| g).collect()
}

/// The findings (sorted by item, then unit, then record) merged per unit and item.
fn entries(
    findings: &[FindingRow],
    records: &[RecordRow],
    disagreements: &[Disagreement],
) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for (fi, f) in findings.iter().enumerate() {
        let unit = records[f.record].unit_index;
        match out.last_mut() {
            Some(e) if e.unit == unit && e.item.key == f.item.key => {
                e.findings.push(fi);
                if f.status == Status::Problem {
                    e.status = Status::Problem;
                }
                if e.category.is_none() {
                    e.category = f.finding.category;
                }
            }
            _ => out.push(Entry {
                unit,
                item: f.item.clone(),
                status: f.status,
                category: f.finding.category,
                findings: vec![fi],
                disputed: disagreements
                    .iter()
                    .any(|d| d.unit == unit && d.item.key == f.item.key),
            }),
        }
    }
    for e in &mut out {
        if e.category.is_none() {
            e.category = e.item.category;
        }
    }
    out
}

fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Completion, coverage and disagreements of one unit.
fn aggregate_unit(
    unit_index: usize,
    unit: &mut UnitRow,
    records: &[(PathBuf, Record)],
    catalog: &Catalog,
    index: &ItemIndex,
    disagreements: &mut Vec<Disagreement>,
) {
    // The checklists used by the unit: catalog order, then unknown ids.
    let uses = |r: &Record, id: &str| r.templates.iter().any(|t| t.id == id);
    let mut known: Vec<&Template> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for &ri in &unit.records {
        for t in &records[ri].1.templates {
            match catalog.get(&t.id) {
                Some(tpl) => {
                    if !known.iter().any(|k| k.id == tpl.id) {
                        known.push(tpl);
                    }
                }
                None => {
                    if !unknown.contains(&t.id) {
                        unknown.push(t.id.clone());
                    }
                }
            }
        }
    }
    known.sort_by_key(|t| index.template_position(&t.id));
    // The unit's type, as the first of its records that gives one says.
    let unit_type = unit.records.iter().find_map(|&ri| records[ri].1.unit_type);
    for t in known {
        let answering: Vec<usize> = unit
            .records
            .iter()
            .copied()
            .filter(|&ri| uses(&records[ri].1, &t.id))
            .collect();
        let progress = TemplateProgress::count(t, unit_type, |key| {
            answering
                .iter()
                .any(|&ri| records[ri].1.status(key).is_done())
        });
        unit.done += progress.done;
        unit.total += progress.total;
        unit.per_template.push(progress);
        for (_, item) in t.items().filter(|(_, i)| !i.refs.is_empty()) {
            let unit_state = |key: &str| {
                let states: Vec<Status> = unit
                    .records
                    .iter()
                    .map(|&ri| records[ri].1.status(key))
                    .filter(|s| s.is_done())
                    .collect();
                [Status::Problem, Status::Doubt, Status::NoProblem]
                    .into_iter()
                    .find(|s| states.contains(s))
                    .or(states.first().copied())
                    .unwrap_or(Status::Unchecked)
            };
            let state = catalog.rolled_up(&t.id, item, unit_state);
            unit.looks
                .push((index.item(&answer_key(&t.id, &item.id)).into_owned(), state));
        }
        for (_, item) in t.items().filter(|(_, i)| i.counted(unit_type)) {
            let key = answer_key(&t.id, &item.id);
            let statuses: Vec<(usize, Status)> = answering
                .iter()
                .map(|&ri| (ri, records[ri].1.status(&key)))
                .filter(|(_, s)| s.is_done())
                .collect();
            if statuses.is_empty() {
                unit.unchecked.push(index.item(&key).into_owned());
                continue;
            }
            let clean = statuses
                .iter()
                .any(|(_, s)| matches!(s, Status::NoProblem | Status::NotApplicable));
            let concern = statuses.iter().find_map(|(_, s)| match s {
                Status::Problem => Some(DisagreementKind::Problem),
                _ => None,
            });
            let doubt = statuses.iter().any(|(_, s)| *s == Status::Doubt);
            let kind = concern.or(doubt.then_some(DisagreementKind::Doubt));
            let (true, Some(kind)) = (clean, kind) else {
                continue;
            };
            // only a disagreement carries its texts: the common case costs nothing
            let verdicts: Vec<Verdict> = statuses
                .into_iter()
                .map(|(ri, status)| {
                    let r = &records[ri].1;
                    let answer = r.answers.get(&key);
                    Verdict {
                        record: ri,
                        status,
                        finding: answer.and_then(|a| a.finding.clone()),
                        evidence: answer
                            .map(|a| a.notes.iter().map(|n| Evidence::of(r, n)).collect())
                            .unwrap_or_default(),
                    }
                })
                .collect();
            disagreements.push(Disagreement {
                unit: unit_index,
                item: index.item(&key).into_owned(),
                kind,
                verdicts,
            });
        }
    }
    for id in unknown {
        unit.per_template.push(TemplateProgress::missing(&id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::record::{Answer, Source, TemplateRef};
    use crate::testing::{at, catalog_of};

    const T: &str = r#"
id = "t"
title = "三看"
version = "1"
[[sections]]
id = "s1"
title = "一看"
[[sections.items]]
id = "a"
text = "班子议事规则是否执行？"
guide = "g"
methods = ["documents"]
category = "leadership"
[[sections.items]]
id = "b"
text = "民主生活会是否有辣味？"
guide = "g"
methods = ["interview"]
category = "party-building"
[[sections]]
id = "s2"
title = "二看"
[[sections.items]]
id = "c"
text = "责任书是否层层签订？"
guide = "g"
methods = ["documents"]
category = "governance"
"#;

    const U: &str = r#"
id = "u"
title = "中央八项规定精神"
version = "1"
[[sections]]
id = "r"
title = "公务接待"
[[sections.items]]
id = "x"
text = "公务接待是否先审批后接待？"
guide = "g"
methods = ["documents"]
category = "governance"
[[sections.items]]
id = "y"
text = "有无公车私用？"
guide = "g"
methods = ["site-visit"]
category = "governance"
"#;

    fn catalog() -> Catalog {
        catalog_of(T, U)
    }

    fn record(unit: &str, inspector: &str, answers: &[(&str, Status)]) -> Record {
        let c = catalog();
        let templates: Vec<&Template> = c.templates().collect();
        let mut r = Record::new(
            unit,
            "第三轮",
            "第二巡察组",
            inspector,
            &templates,
            at(1, 9),
        );
        r.updated = at(20, 9);
        r.sources.push(Source {
            code: "T01".into(),
            kind: SourceKind::Interview,
            reference: "与书记谈话".into(),
            at: None,
        });
        r.sources.push(Source {
            code: "Z01".into(),
            kind: SourceKind::Documents,
            reference: "会议记录".into(),
            at: None,
        });
        for (key, status) in answers {
            r.answers.insert(
                key.to_string(),
                Answer {
                    status: *status,
                    ..Answer::default()
                },
            );
        }
        r
    }

    fn build(records: Vec<Record>) -> Review {
        let input: Vec<(PathBuf, Record)> = records
            .into_iter()
            .enumerate()
            .map(|(i, r)| (PathBuf::from(format!("{i}.toml")), r))
            .collect();
        Review::build(&input, &catalog(), &ReviewOptions::new(at(26, 9)))
    }

    use Status::*;

    #[test]
    fn a_unit_is_done_where_any_inspector_checked_the_item() {
        let review = build(vec![
            record(
                "计算机学院",
                "张三",
                &[("t/a", NoProblem), ("t/b", Unchecked)],
            ),
            record(
                "计算机学院",
                "李四",
                &[("t/b", NotApplicable), ("u/x", Problem)],
            ),
            record("外国语学院", "王五", &[("t/c", Doubt)]),
        ]);
        assert_eq!(review.units.len(), 2);
        let unit = &review.units[0];
        assert_eq!(unit.key.unit, "计算机学院");
        assert_eq!(unit.records, vec![0, 1]);
        // per record: the RecordSummary
        assert_eq!(
            (
                review.records[0].summary.done,
                review.records[0].summary.total
            ),
            (1, 5)
        );
        assert_eq!(
            (
                review.records[1].summary.done,
                review.records[1].summary.total
            ),
            (2, 5)
        );
        // per unit: the union
        let t = &unit.per_template[0];
        assert_eq!((t.id.as_str(), t.done, t.total), ("t", 2, 3));
        let u = &unit.per_template[1];
        assert_eq!((u.id.as_str(), u.done, u.total), ("u", 1, 2));
        assert_eq!((unit.done, unit.total, unit.percent()), (3, 5, 60));
        assert_eq!((unit.problems, unit.doubts), (1, 0));
        assert_eq!(review.units[1].doubts, 1);
        assert_eq!(review.units[1].groups, vec!["第二巡察组".to_string()]);
        assert_eq!(review.columns.len(), 2);
        assert_eq!(review.rounds(), vec!["第三轮"]);
    }

    #[test]
    fn coverage_lists_what_nobody_checked_in_template_order() {
        let review = build(vec![
            record(
                "计算机学院",
                "张三",
                &[("t/b", Unchecked), ("u/y", NoProblem)],
            ),
            record("计算机学院", "李四", &[("t/c", Problem)]),
        ]);
        let keys: Vec<&str> = review.units[0]
            .unchecked
            .iter()
            .map(|i| i.key.as_str())
            .collect();
        assert_eq!(keys, ["t/a", "t/b", "u/x"]);
        let a = &review.units[0].unchecked[0];
        assert_eq!(
            (
                a.template_title.as_str(),
                a.section_title.as_str(),
                a.item_text.as_str()
            ),
            ("三看", "一看", "班子议事规则是否执行？")
        );
        assert_eq!(a.category, Some(Category::Leadership));
    }

    #[test]
    fn a_checklist_only_one_inspector_answers_counts_only_their_answers() {
        let mut only_t = record("计算机学院", "李四", &[]);
        only_t.templates.retain(|t| t.id == "t");
        // an answer to a template the record does not use does not count
        only_t.answers.insert(
            "u/x".into(),
            Answer {
                status: NoProblem,
                ..Answer::default()
            },
        );
        let mut only_u = record("计算机学院", "张三", &[]);
        only_u.templates.retain(|t| t.id == "u");
        let review = build(vec![only_t, only_u]);
        let unit = &review.units[0];
        assert_eq!(unit.total, 5);
        assert_eq!(unit.done, 0);
        assert_eq!(unit.unchecked.len(), 5);
    }

    #[test]
    fn disagreements_pair_a_clean_verdict_with_a_concern_in_the_same_unit() {
        let review = build(vec![
            record(
                "计算机学院",
                "张三",
                &[
                    ("t/a", NoProblem),
                    ("t/b", NoProblem),
                    ("t/c", Problem),
                    ("u/x", NotApplicable),
                ],
            ),
            record(
                "计算机学院",
                "李四",
                &[
                    ("t/a", Problem),
                    ("t/b", Doubt),
                    ("t/c", Doubt),
                    ("u/x", Problem),
                ],
            ),
            record("计算机学院", "王五", &[("t/a", Unchecked)]),
            // another unit, and the same unit in another round: never compared
            record(
                "外国语学院",
                "赵六",
                &[("t/c", NoProblem), ("u/y", NoProblem)],
            ),
            {
                let mut r = record("计算机学院", "钱七", &[("t/c", NoProblem)]);
                r.round = "第二轮".into();
                r
            },
        ]);
        type Found<'a> = (&'a str, DisagreementKind, Vec<(usize, Status)>);
        let found: Vec<Found> = review
            .disagreements
            .iter()
            .map(|d| {
                (
                    d.item.key.as_str(),
                    d.kind,
                    d.verdicts.iter().map(|v| (v.record, v.status)).collect(),
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "t/a",
                    DisagreementKind::Problem,
                    vec![(0, NoProblem), (1, Problem)]
                ),
                (
                    "t/b",
                    DisagreementKind::Doubt,
                    vec![(0, NoProblem), (1, Doubt)]
                ),
                (
                    "u/x",
                    DisagreementKind::Problem,
                    vec![(0, NotApplicable), (1, Problem)]
                ),
            ]
        );
        // units in reading order: 第二轮 (er) before 第三轮 (san), 计算机 (ji) before 外国语 (wai)
        assert!(review.disagreements.iter().all(|d| d.unit == 1));
        assert_eq!(review.units.len(), 3);
        assert_eq!(review.units[0].key.round, "第二轮");
        assert_eq!(review.units[1].key.unit, "计算机学院");
    }

    #[test]
    fn orphans_are_counted_per_record_and_keep_a_sensible_category() {
        let mut r = record(
            "计算机学院",
            "张三",
            &[
                ("t/gone", Problem),
                ("u/gone", Doubt),
                ("old/x", Problem),
                ("t/a", Problem),
            ],
        );
        r.answers.get_mut("old/x").unwrap().finding = Some(Finding {
            category: Some(Category::PartyBuilding),
            ..Finding::default()
        });
        r.templates.push(TemplateRef {
            id: "old".into(),
            version: "1".into(),
        });
        let review = build(vec![
            r,
            record("计算机学院", "李四", &[("t/zz", NoProblem)]),
        ]);
        assert_eq!(review.records[0].summary.orphans, 3);
        assert_eq!(review.records[0].orphan_keys, ["old/x", "t/gone", "u/gone"]);
        assert_eq!(review.records[1].summary.orphans, 1);
        let cat = |key: &str| {
            let f = review.findings.iter().find(|f| f.item.key == key).unwrap();
            (f.item.orphan, f.category)
        };
        // a template of mixed categories: none; a uniform one: its category; the finding's own
        assert_eq!(cat("t/gone"), (true, None));
        assert_eq!(cat("u/gone"), (true, Some(Category::Governance)));
        assert_eq!(cat("old/x"), (true, Some(Category::PartyBuilding)));
        assert_eq!(cat("t/a"), (false, Some(Category::Leadership)));
        // an unknown template is a missing column of the unit, after the known ones
        let last = review.units[0].per_template.last().unwrap();
        assert!(last.missing && last.id == "old");
        assert_eq!(review.columns.last().unwrap().0, "old");
        // the orphan of a known template sorts after its items, the unknown template last
        let order: Vec<&str> = review
            .findings
            .iter()
            .map(|f| f.item.key.as_str())
            .collect();
        assert_eq!(order, ["t/a", "t/gone", "u/gone", "old/x"]);
    }

    #[test]
    fn findings_group_by_category_or_checklist_and_filter_by_unit() {
        let mut a = record(
            "计算机学院",
            "张三",
            &[
                ("u/x", Problem),
                ("t/b", Doubt),
                ("t/a", Problem),
                ("t/gone", Problem),
            ],
        );
        a.answers.get_mut("u/x").unwrap().finding = Some(Finding {
            statement: "接待超标".into(),
            category: Some(Category::Leadership),
            ..Finding::default()
        });
        let b = record("外国语学院", "李四", &[("t/c", Problem)]);
        let review = build(vec![a, b]);
        let labels = |groups: &[FindingGroup]| -> Vec<(String, Vec<String>)> {
            groups
                .iter()
                .map(|g| {
                    (
                        g.key.label(Lang::Zh),
                        g.findings
                            .iter()
                            .map(|&i| review.findings[i].item.key.clone())
                            .collect(),
                    )
                })
                .collect()
        };
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            labels(&review.grouped(Grouping::Category, None)),
            vec![
                ("党的领导弱化".to_string(), s(&["t/a", "u/x"])),
                ("党的建设缺失".to_string(), s(&["t/b"])),
                ("全面从严治党不力".to_string(), s(&["t/c"])),
                ("未归类".to_string(), s(&["t/gone"])),
            ]
        );
        assert_eq!(
            labels(&review.grouped(Grouping::Checklist, None)),
            vec![
                ("三看".to_string(), s(&["t/a", "t/b", "t/c", "t/gone"])),
                ("中央八项规定精神".to_string(), s(&["u/x"])),
            ]
        );
        let foreign = review.units[1].key.clone();
        assert_eq!(
            labels(&review.grouped(Grouping::Category, Some(&foreign))),
            vec![("全面从严治党不力".to_string(), s(&["t/c"]))]
        );
        assert_eq!(GroupKey::Category(None).label(Lang::En), "uncategorised");
    }

    #[test]
    fn evidence_knows_its_source_kind_and_unknown_sources_fail_closed() {
        let mut r = record("计算机学院", "张三", &[("t/a", Problem)]);
        let note = |id, source: &str| Note {
            id,
            at: at(2, 10),
            source: source.into(),
            text: "会议记录显示……".into(),
            people: String::new(),
            figures: String::new(),
        };
        r.answers.get_mut("t/a").unwrap().notes =
            vec![note(1, "Z01"), note(2, "T01"), note(3, ""), note(4, "Q99")];
        let review = build(vec![r]);
        let ev = &review.findings[0].evidence;
        let kinds: Vec<(Option<SourceKind>, bool)> = ev
            .iter()
            .map(|e| (e.source_kind, e.may_identify_informant()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (Some(SourceKind::Documents), false),
                (Some(SourceKind::Interview), true),
                (None, true),
                (None, true),
            ]
        );
        assert_eq!(review.findings[0].finding, Finding::default());
    }

    #[test]
    fn findings_on_one_item_of_one_unit_are_one_entry_and_units_count_entries() {
        let mut a = record(
            "计算机学院",
            "张三",
            &[("t/a", Doubt), ("t/b", Problem), ("u/x", Doubt)],
        );
        a.answers.get_mut("t/a").unwrap().finding = Some(Finding {
            category: Some(Category::Governance),
            ..Finding::default()
        });
        let b = record(
            "计算机学院",
            "李四",
            &[("t/a", Problem), ("t/b", Problem), ("u/y", NoProblem)],
        );
        let c = record("外国语学院", "王五", &[("t/a", Problem)]);
        let review = build(vec![a, b, c]);
        type Seen<'a> = (&'a str, usize, Status, Option<Category>, Vec<usize>, bool);
        let entries: Vec<Seen> = review
            .entries
            .iter()
            .map(|e| {
                let records = e
                    .findings
                    .iter()
                    .map(|&i| review.findings[i].record)
                    .collect();
                (
                    e.item.key.as_str(),
                    e.unit,
                    e.status,
                    e.category,
                    records,
                    e.disputed,
                )
            })
            .collect();
        assert_eq!(
            entries,
            vec![
                // a doubt and a problem: a problem; the first finding's own category
                (
                    "t/a",
                    0,
                    Problem,
                    Some(Category::Governance),
                    vec![0, 1],
                    false
                ),
                (
                    "t/a",
                    1,
                    Problem,
                    Some(Category::Leadership),
                    vec![2],
                    false
                ),
                (
                    "t/b",
                    0,
                    Problem,
                    Some(Category::PartyBuilding),
                    vec![0, 1],
                    false
                ),
                ("u/x", 0, Doubt, Some(Category::Governance), vec![0], false),
            ]
        );
        // two problems and a doubt, not four answers marked 发现问题 and two 存疑待核
        assert_eq!((review.units[0].problems, review.units[0].doubts), (2, 1));
        assert_eq!(review.records[0].summary.problems, 1);
        let dispute = build(vec![
            record("计算机学院", "张三", &[("t/c", Problem)]),
            record("计算机学院", "李四", &[("t/c", NotApplicable)]),
        ]);
        assert!(dispute.entries[0].disputed);
        let groups = review.group_entries(0..review.entries.len(), Grouping::Category);
        assert_eq!(
            groups[0].key,
            GroupKey::Category(Some(Category::Leadership))
        );
        assert_eq!(groups[0].findings, vec![1]);
    }

    #[test]
    fn records_idle_for_the_threshold_are_stale() {
        let mut old = record("计算机学院", "张三", &[]);
        old.updated = at(19, 8); // 7 days and 1 hour before the 26th, 9:00
        let mut fresh = record("计算机学院", "李四", &[]);
        fresh.updated = at(19, 10); // 6 days 23 hours
        let mut future = record("计算机学院", "王五", &[]);
        future.updated = at(28, 10);
        let review = build(vec![old, fresh, future]);
        let days: Vec<(i64, bool)> = review
            .records
            .iter()
            .map(|r| (r.idle_days, r.stale))
            .collect();
        assert_eq!(days, vec![(7, true), (6, false), (0, false)]);
        let input = vec![(PathBuf::from("a.toml"), record("计算机学院", "张三", &[]))];
        let off = Review::build(
            &input,
            &catalog(),
            &ReviewOptions {
                now: at(26, 9),
                stale_days: 0,
            },
        );
        assert!(off.stale().next().is_none());
    }

    #[test]
    fn no_records_no_review() {
        let review = build(Vec::new());
        assert!(review.units.is_empty() && review.findings.is_empty() && review.columns.is_empty());
    }

    #[test]
    fn units_rounds_and_groups_sort_by_pinyin_with_numbers_by_value() {
        let mut second = record("化学学院", "甲", &[]);
        second.round = "第10轮".into();
        let mut seventh_group = record("继续教育学院（7）", "乙", &[]);
        seventh_group.group = "第10组".into();
        let mut ninth_group = record("继续教育学院（10）", "丙", &[]);
        ninth_group.group = "第9组".into();
        let review = build(vec![
            record("外国语学院", "丁", &[]),
            ninth_group,
            second,
            seventh_group,
            record("机械学院", "戊", &[]),
        ]);
        let units: Vec<(&str, &str)> = review
            .units
            .iter()
            .map(|u| (u.key.round.as_str(), u.key.unit.as_str()))
            .collect();
        // 第10轮 (di 10) before 第三轮 (di san): a number sorts before a character
        assert_eq!(
            units,
            [
                ("第10轮", "化学学院"),
                ("第三轮", "机械学院"),
                ("第三轮", "继续教育学院（7）"),
                ("第三轮", "继续教育学院（10）"),
                ("第三轮", "外国语学院"),
            ]
        );
        assert_eq!(review.rounds(), ["第10轮", "第三轮"]);
        assert_eq!(review.groups(), ["第9组", "第10组", "第二巡察组"]);
        // each record still points at its own unit
        for r in &review.records {
            assert_eq!(review.units[r.unit_index].key.unit, r.unit);
            assert!(review.units[r.unit_index].records.contains(&r.index));
        }
    }

    #[test]
    fn a_disagreement_carries_each_inspectors_finding_and_notes_and_marks_its_findings() {
        let mut zhang = record(
            "计算机学院",
            "张三",
            &[("t/a", NoProblem), ("t/c", Problem)],
        );
        zhang
            .answers
            .get_mut("t/a")
            .unwrap()
            .notes
            .push(crate::testing::note(1, "Z01", "会议记录齐全", "", ""));
        let mut li = record("计算机学院", "李四", &[("t/a", Problem), ("t/c", Problem)]);
        let a = li.answers.get_mut("t/a").unwrap();
        a.finding = Some(Finding {
            title: "议事规则未执行".into(),
            ..Finding::default()
        });
        a.notes
            .push(crate::testing::note(2, "T01", "书记称未上会", "", ""));
        let review = build(vec![zhang, li]);
        assert_eq!(review.disagreements.len(), 1);
        let d = &review.disagreements[0];
        assert_eq!(d.item.key, "t/a");
        type Side<'a> = (
            Status,
            Option<&'a str>,
            Vec<&'a str>,
            Vec<Option<SourceKind>>,
        );
        let texts: Vec<Side> = d
            .verdicts
            .iter()
            .map(|v| {
                (
                    v.status,
                    v.finding.as_ref().map(|f| f.title.as_str()),
                    v.evidence.iter().map(|e| e.note.text.as_str()).collect(),
                    v.evidence.iter().map(|e| e.source_kind).collect(),
                )
            })
            .collect();
        assert_eq!(
            texts,
            [
                (
                    NoProblem,
                    None,
                    vec!["会议记录齐全"],
                    vec![Some(SourceKind::Documents)]
                ),
                (
                    Problem,
                    Some("议事规则未执行"),
                    vec!["书记称未上会"],
                    vec![Some(SourceKind::Interview)]
                ),
            ]
        );
        // the finding on the disputed item is marked, the agreed one is not
        let disputed: Vec<(&str, bool)> = (0..review.findings.len())
            .map(|i| (review.findings[i].item.key.as_str(), review.disputed(i)))
            .collect();
        assert_eq!(disputed, [("t/a", true), ("t/c", false), ("t/c", false)]);
        assert!(!review.disputed(99));
    }
}
