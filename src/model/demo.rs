//! A realistic sample round, generated deterministically: for `xuncha demo`, the tests and the
//! benchmarks.
//!
//! The texts (units, people, sources, notes, findings) are data: `demo.toml` beside this file,
//! embedded with `include_str!` and read with the `toml` crate. This module is the generator
//! that turns them into any number of records.
//!
//! The default round ([`DEFAULT_SIZE`] records) is one inspection group (第二巡察组) in four
//! units, two inspectors each. Every record answers every template of the catalog; statuses,
//! sources, notes and findings follow a few hand-written cases and a small xorshift generator,
//! so the same `size` and `now` always give the same files:
//!
//! - all five statuses (an explicit 未查 answer holds a note not yet decided on);
//! - sources of every common kind, with code names from [`Record::suggest_source_code`] and
//!   private references; an interview says whom it was with (`role`, 谈话对象) where one of the
//!   seven roles fits the person named, so the inspect screen's outline key needs no question;
//! - findings in all three 三大问题, one of them a clue to transfer (后勤管理处, procurement);
//! - exactly one disagreement (计算机学院, 科研经费: one inspector 发现问题, the other
//!   未发现问题) — every other item is answered consistently within a unit;
//! - one orphaned answer (外国语学院, an item of an older 八项规定 checklist);
//! - one record made with the 2026.1 checklists (外国语学院, first inspector): its answers
//!   sit on the old items, and are carried to the items that `replaces` them when it is read;
//! - unit types (学院, 职能部门, 直属单位) on every other record, items that do not apply left
//!   unanswered, and the 三看 looks (rolled up, never answered) left alone;
//! - one stale record (not changed for 12 days);
//! - about three evidence notes per answered item.
//!
//! Larger sizes add units of two inspectors (more names, more groups), with random findings.

use chrono::Duration;

use std::collections::BTreeMap;

use super::record::{Record, TemplateRef, Timestamp};
use super::template::{Catalog, Template, UnitType, answer_key};
use super::vocab::Status;

/// The built-in checklists of version 2026.1, before the 2026.2 set replaced and moved items:
/// one demo record is made with them.
pub const EARLIER: &[(&str, &str)] = &[
    (
        "sankan.toml",
        include_str!("../../checklists/2026.1/sankan.toml"),
    ),
    (
        "zhengzhi-jilv.toml",
        include_str!("../../checklists/2026.1/zhengzhi-jilv.toml"),
    ),
    (
        "yigang-shuangze.toml",
        include_str!("../../checklists/2026.1/yigang-shuangze.toml"),
    ),
    (
        "baxiang-guiding.toml",
        include_str!("../../checklists/2026.1/baxiang-guiding.toml"),
    ),
];

/// Records in the default demo round.
pub const DEFAULT_SIZE: usize = 8;
/// The fewest records a demo round has (three units of two inspectors).
pub const MIN_SIZE: usize = 6;

mod builder;
#[cfg(test)]
mod tests;
mod texts;

use texts::{Planned, texts};

/// A small deterministic generator (xorshift64*). Not for anything but sample data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // splitmix64 once, so that small seeds give unrelated streams
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let n = u64::try_from(items.len()).unwrap_or(u64::MAX);
        items.get(usize::try_from(self.below(n)).unwrap_or(0))
    }
}

/// FNV-1a, to seed per-item choices from their key.
fn hash(parts: &[&str], n: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ n;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Generate the round: `(file name, record)` pairs, `size` records (at least [`MIN_SIZE`]).
/// Every record answers every template in `catalog`; times are before `now`.
pub fn demo_round(catalog: &Catalog, size: usize, now: Timestamp) -> Vec<(String, Record)> {
    let size = size.max(MIN_SIZE);
    let units = size / 2;
    let templates: Vec<&Template> = catalog.templates().collect();
    let mut out = Vec::with_capacity(size);
    for u in 0..units {
        // an odd size gives the last unit a third inspector
        let inspectors = if u + 1 == units { size - 2 * u } else { 2 };
        for j in 0..inspectors {
            let record = demo_record(&templates, u, j, inspectors, now);
            out.push((file_name(&record), record));
        }
    }
    out
}

/// What marks a unit name as made up: `示例计算机学院`.
pub const SAMPLE_PREFIX: &str = "示例";

/// The round `xuncha demo` writes: [`demo_round`] with every record marked as sample data
/// (`sample = true`) and every unit name prefixed [`SAMPLE_PREFIX`], so that neither can be
/// taken for a real inspection, in a list, a review or a report.
pub fn sample_round(catalog: &Catalog, size: usize, now: Timestamp) -> Vec<(String, Record)> {
    demo_round(catalog, size, now)
        .into_iter()
        .map(|(_, mut record)| {
            record.sample = true;
            record.unit = format!("{SAMPLE_PREFIX}{}", record.unit);
            (file_name(&record), record)
        })
        .collect()
}

/// `轮次_单位_姓名.toml`.
fn file_name(record: &Record) -> String {
    format!("{}_{}_{}.toml", record.round, record.unit, record.inspector)
}

fn unit_name(u: usize) -> String {
    let units = &texts().units;
    let base = &units[u % units.len()];
    match u / units.len() {
        0 => base.clone(),
        n => texts()
            .unit_copy
            .replace("{unit}", base)
            .replace("{n}", &(n + 1).to_string()),
    }
}

fn inspector_name(u: usize, j: usize) -> String {
    let t = texts();
    let base = &t.inspectors[(2 * u + j) % t.inspectors.len()];
    // beyond four units, a second group of the same names would clash within a unit: never,
    // since the two inspectors of a unit are always different entries
    match (2 * u + j) / (t.inspectors.len() * t.groups.len()) {
        0 => base.clone(),
        n => format!("{base}{}", n + 1),
    }
}

fn group_name(u: usize) -> &'static str {
    let groups = &texts().groups;
    &groups[(u / 4) % groups.len()]
}

fn ts(t: Timestamp, minutes: i64) -> Timestamp {
    Timestamp(t.0 + Duration::minutes(minutes))
}

/// The unit-wide truth of an item: every inspector who checks it sees the same thing, so the
/// only disagreement is the planned one.
fn truth(u: usize, key: &str) -> Status {
    let mut rng = Rng::new(hash(&[key], u as u64));
    let roll = rng.below(100);
    let planned_unit = u < 4;
    match roll {
        0..=6 => Status::Unchecked, // nobody gets to it: shows in coverage
        7..=13 => Status::NotApplicable,
        14..=22 if !planned_unit => Status::Problem,
        23..=29 if !planned_unit => Status::Doubt,
        _ => Status::NoProblem,
    }
}

struct Builder<'a> {
    rng: Rng,
    record: Record,
    next_note: u32,
    /// The time of the last note or source.
    clock: Timestamp,
    /// 09:00 on the first day of the round.
    day0: Timestamp,
    /// Working minutes since `day0`, wrapping after `days` working days.
    worked: i64,
    days: i64,
    unit_kind: UnitKind,
    templates: &'a [&'a Template],
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    College,
    Office,
}

fn demo_record(
    templates: &[&Template],
    u: usize,
    j: usize,
    inspectors: usize,
    now: Timestamp,
) -> Record {
    let unit = unit_name(u);
    let inspector = inspector_name(u, j);
    // the round started 18 days ago; notes are taken on working hours (09:00–17:00)
    let offset = *now.0.offset();
    let day0 = (now.0 - Duration::days(18))
        .date_naive()
        .and_hms_opt(9, 0, 0)
        .and_then(|t| t.and_local_timezone(offset).single())
        .map_or(Timestamp(now.0 - Duration::days(18)), Timestamp);
    let created = ts(day0, -30 + (u as i64 % 4) * 3 + j as i64);
    let stale = u == 3 && j == 1;
    let updated = if stale {
        ts(now, -(12 * 24 * 60) - 35)
    } else {
        ts(now, -(60 + (u as i64 * 37 + j as i64 * 53) % 2000))
    };
    let round = &texts().round;
    let mut record = Record::new(&unit, round, group_name(u), &inspector, templates, created);
    record.updated = updated;
    let unit_kind = if unit.contains("学院") {
        UnitKind::College
    } else {
        UnitKind::Office
    };
    record.unit_type = Some(if unit.contains("学院") {
        UnitType::College
    } else if unit.contains("图书馆") {
        UnitType::Affiliate
    } else {
        UnitType::Department
    });
    let unit_type = record.unit_type;
    let mut b = Builder {
        rng: Rng::new(hash(&[&unit, &inspector], (u * 31 + j) as u64)),
        record,
        next_note: 1,
        clock: created,
        day0,
        worked: 0,
        days: (updated.0.date_naive() - day0.0.date_naive())
            .num_days()
            .max(1),
        unit_kind,
        templates,
    };
    b.add_sources(u, j);
    let planned = planned(u, j);
    for t in templates {
        for (ti, (section, item)) in t.items().enumerate() {
            let key = answer_key(&t.id, &item.id);
            if !item.counted(unit_type) {
                continue; // a look of 三看, or an item for another type of unit
            }
            if let Some(p) = planned.iter().find(|p| p.key == key) {
                b.planned_answer(&key, p);
                continue;
            }
            if planned_elsewhere(u, &key) {
                continue; // another inspector of the unit holds the planned answer
            }
            let own = (t.id.len() + j + ti / 8).is_multiple_of(inspectors);
            let p_answer = if own { 88 } else { 30 };
            let truth = truth(u, &key);
            let answered = truth != Status::Unchecked && b.rng.chance(p_answer);
            if answered {
                b.answer(&key, &section.id, item, truth);
            } else if b.rng.chance(4) {
                b.undecided(&key, &section.id, item);
            }
        }
    }
    if u == 1 && j == 0 {
        made_with_2026_1(&mut b.record, templates);
        b.orphan();
    }
    b.record
}

/// Turn `record` into one made with the 2026.1 checklists ([`EARLIER`]), as it was before
/// they changed: answers on items that `replaces` an old item go back to that item, answers
/// on items 2026.1 did not have are dropped, no unit type (not yet asked then).
fn made_with_2026_1(record: &mut Record, templates: &[&Template]) {
    let earlier: Vec<Template> = EARLIER
        .iter()
        .filter_map(|(name, text)| Template::parse(name, text).ok())
        .collect();
    let was_item = |key: &str| {
        key.split_once('/')
            .is_some_and(|(tid, iid)| earlier.iter().any(|t| t.id == tid && t.item(iid).is_some()))
    };
    let mut answers = BTreeMap::new();
    for (key, answer) in std::mem::take(&mut record.answers) {
        let old = if was_item(&key) {
            Some(key)
        } else {
            key.split_once('/').and_then(|(tid, iid)| {
                let item = templates.iter().find(|t| t.id == tid)?.item(iid)?;
                item.replaces.iter().find(|k| was_item(k)).cloned()
            })
        };
        if let Some(old) = old {
            answers.entry(old).or_insert(answer);
        }
    }
    record.answers = answers;
    record.templates = earlier
        .iter()
        .map(|t| TemplateRef {
            id: t.id.clone(),
            version: t.version.clone(),
        })
        .collect();
    record.unit_type = None;
}

impl Builder<'_> {}

/// Whether unit `u` has a planned answer to `key` (for any inspector).
fn planned_elsewhere(u: usize, key: &str) -> bool {
    texts().planned.iter().any(|p| p.unit == u && p.key == key)
}

/// The hand-written answers of inspector `j` of unit `u`, in the order of the file.
fn planned(u: usize, j: usize) -> Vec<&'static Planned> {
    texts()
        .planned
        .iter()
        .filter(|p| p.unit == u && p.inspector == j)
        .collect()
}
