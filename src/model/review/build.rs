//! Building a review from loaded records: per-unit aggregation, coverage, entries (the
//! findings of a unit on one item merged), disagreements and staleness, and the grouping of
//! findings under headings.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::model::collate;
use crate::model::progress::{RecordSummary, TemplateProgress};
use crate::model::record::Record;
use crate::model::template::{Catalog, Focus, Template, answer_key};
use crate::model::vocab::{Category, Status};

use super::{
    Disagreement, DisagreementKind, Entry, Evidence, FindingGroup, FindingRow, GroupKey, Grouping,
    ItemIndex, ItemRef, Look, RecordRow, Review, ReviewOptions, UnitKey, UnitRow, Verdict,
};

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
}

/// Group `(index, category, item)` triples, keeping their order within each group; groups in
/// the fixed order [`Review::group`] documents. The indices are kept in [`FindingGroup`].
pub(super) fn group_by<'a>(
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
pub(super) fn entries(
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

pub(super) fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Completion, coverage and disagreements of one unit.
pub(super) fn aggregate_unit(
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
            let status = catalog.rolled_up(&t.id, item, unit_state);
            let refs = item
                .refs
                .iter()
                .filter(|key| catalog.resolve(key).is_some())
                .map(|key| (index.item(key).into_owned(), unit_state(key)))
                .collect();
            let key = answer_key(&t.id, &item.id);
            let notes = unit
                .records
                .iter()
                .flat_map(|&ri| {
                    let r = &records[ri].1;
                    r.answer(&key)
                        .into_iter()
                        .flat_map(move |a| a.notes.iter().map(move |n| (ri, Evidence::of(r, n))))
                })
                .collect();
            unit.looks.push(Look {
                item: index.item(&key).into_owned(),
                status,
                refs,
                notes,
            });
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
