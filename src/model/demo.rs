//! A realistic sample round, generated deterministically: for `xuncha demo`, the tests and the
//! benchmarks.
//!
//! The default round ([`DEFAULT_SIZE`] records) is one inspection group (第二巡察组) in four
//! units, two inspectors each. Every record answers every template of the catalog; statuses,
//! sources, notes and findings follow a few hand-written cases and a small xorshift generator,
//! so the same `size` and `now` always give the same files:
//!
//! - all five statuses (an explicit 未查 answer holds a note not yet decided on);
//! - sources of every common kind, with code names from [`Record::suggest_source_code`] and
//!   private references;
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

use super::record::{Answer, Finding, Note, Record, Source, TemplateRef, Timestamp};
use super::template::{Catalog, Item, Template, UnitType, answer_key};
use super::vocab::{Category, SourceKind, Status};

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

const ROUND: &str = "第三轮";

const UNITS: [&str; 12] = [
    "计算机学院",
    "外国语学院",
    "后勤管理处",
    "资产与实验室管理处",
    "马克思主义学院",
    "机械工程学院",
    "图书馆",
    "国际交流合作处",
    "化学化工学院",
    "继续教育学院",
    "基建处",
    "体育学院",
];

const INSPECTORS: [&str; 8] = [
    "王立新",
    "李晓梅",
    "陈志刚",
    "刘芳",
    "赵建国",
    "孙丽华",
    "周明",
    "吴静",
];

const GROUPS: [&str; 5] = [
    "第二巡察组",
    "第三巡察组",
    "第四巡察组",
    "第五巡察组",
    "第一巡察组",
];

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
            let name = format!("{}_{}_{}.toml", record.round, record.unit, record.inspector);
            out.push((name, record));
        }
    }
    out
}

fn unit_name(u: usize) -> String {
    let base = UNITS[u % UNITS.len()];
    match u / UNITS.len() {
        0 => base.to_string(),
        n => format!("{base}（{}）", n + 1),
    }
}

fn inspector_name(u: usize, j: usize) -> String {
    let base = INSPECTORS[(2 * u + j) % INSPECTORS.len()];
    // beyond four units, a second group of the same names would clash within a unit: never,
    // since the two inspectors of a unit are always different entries
    match (2 * u + j) / (INSPECTORS.len() * GROUPS.len()) {
        0 => base.to_string(),
        n => format!("{base}{}", n + 1),
    }
}

fn group_name(u: usize) -> &'static str {
    GROUPS[(u / 4) % GROUPS.len()]
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
    let mut record = Record::new(&unit, ROUND, group_name(u), &inspector, templates, created);
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

impl Builder<'_> {
    /// The next moment of work: a few minutes later, within 09:00–17:00 of a day before the
    /// record's last change.
    fn tick(&mut self) -> Timestamp {
        const DAY: i64 = 8 * 60;
        self.worked = (self.worked + self.rng.range(3, 40) as i64) % (self.days * DAY);
        let day = self.worked / DAY;
        self.clock = ts(self.day0, day * 24 * 60 + self.worked % DAY);
        self.clock
    }

    fn add_source(&mut self, kind: SourceKind, reference: String) {
        let code = self.record.suggest_source_code(kind);
        let at = Some(self.tick());
        self.record.sources.push(Source {
            code,
            kind,
            reference,
            at,
        });
    }

    fn add_sources(&mut self, u: usize, j: usize) {
        let unit = self.record.unit.clone();
        let roles: &[&str] = match self.unit_kind {
            UnitKind::College => &[
                "学院党委书记",
                "院长",
                "分管科研副院长",
                "分管学生工作副书记",
                "学院办公室主任",
                "教工第二党支部书记",
                "财务报账员",
                "青年教师代表",
                "实验中心主任",
            ],
            UnitKind::Office => &[
                "处党总支书记",
                "处长",
                "分管副处长",
                "综合办公室主任",
                "采购科科长",
                "车队队长",
                "财务科科员",
                "职工代表",
            ],
        };
        const SURNAMES: [&str; 10] = ["周", "郑", "钱", "冯", "褚", "蒋", "韩", "杨", "朱", "秦"];
        let interviews = 3 + self.rng.below(3);
        for n in 0..interviews {
            let role = roles[(n as usize + j * 3 + u) % roles.len()];
            let surname = SURNAMES[self.rng.below(10) as usize];
            self.add_source(
                SourceKind::Interview,
                format!("与{role}（{surname}某）个别谈话，{unit}会议室"),
            );
        }
        self.add_source(
            SourceKind::Briefing,
            format!("{unit}党组织关于落实全面从严治党主体责任情况的专题汇报"),
        );
        let docs = [
            "2024—2025 年党政联席会议和党委会会议记录（第 1—46 次）",
            "2025 年公务接待审批单、接待清单及报销凭证（78 笔）",
            "2025 年科研经费和日常经费报销凭证（抽查 120 笔）",
            "各党支部“三会一课”记录本及组织生活会材料",
            "2025 年采购合同台账、招标文件和验收单",
            "公务用车使用登记表和加油卡消费明细",
            "2025 年校内津补贴发放明细表",
        ];
        for n in 0..(2 + self.rng.below(2)) {
            let doc = docs[(n as usize * 3 + u + j) % docs.len()];
            self.add_source(SourceKind::Documents, doc.to_string());
        }
        let surveyed = self.rng.range(60, 140);
        let returned = surveyed - self.rng.below(8);
        self.add_source(
            SourceKind::Survey,
            format!("民主测评和问卷汇总（发放 {surveyed} 份，收回 {returned} 份）"),
        );
        self.add_source(
            SourceKind::Meeting,
            format!("列席{unit} 2026 年 11 月党政联席会议"),
        );
        self.add_source(
            SourceKind::SiteVisit,
            "实地查看办公用房、实验室和公务用车停放点".to_string(),
        );
        if j == 0 {
            self.add_source(
                SourceKind::Clue,
                format!(
                    "巡察组邮箱来信（署名“{unit}职工”，信访编号 2026-0{}）",
                    17 + u
                ),
            );
        }
        if j == 1 || u == 3 {
            self.add_source(
                SourceKind::PersonalReport,
                "抽查副处级以上干部 2025 年度个人有关事项报告（2 人）".to_string(),
            );
        }
    }

    /// A source of the record for an item: one of the item's suggested kinds when the record
    /// has one.
    fn source_for(&mut self, methods: &[SourceKind]) -> (String, SourceKind) {
        let fitting: Vec<(String, SourceKind)> = self
            .record
            .sources
            .iter()
            .filter(|s| methods.contains(&s.kind))
            .map(|s| (s.code.clone(), s.kind))
            .collect();
        let pool = if fitting.is_empty() {
            self.record
                .sources
                .iter()
                .map(|s| (s.code.clone(), s.kind))
                .collect()
        } else {
            fitting
        };
        self.rng
            .pick(&pool)
            .cloned()
            .unwrap_or((String::new(), SourceKind::Other))
    }

    fn code_of(&self, kind: SourceKind) -> String {
        self.record
            .sources
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.code.clone())
            .unwrap_or_default()
    }

    fn note(&mut self, source: String, text: String, people: String, figures: String) -> Note {
        let id = self.next_note;
        self.next_note += 1;
        Note {
            id,
            at: self.tick(),
            source,
            text,
            people,
            figures,
        }
    }

    fn set(&mut self, key: &str, status: Status, notes: Vec<Note>, finding: Option<Finding>) {
        let updated = notes.iter().map(|n| n.at).max().or(Some(self.clock));
        self.record.answers.insert(
            key.to_string(),
            Answer {
                status,
                updated,
                notes,
                finding,
            },
        );
    }

    fn answer(&mut self, key: &str, section: &str, item: &Item, status: Status) {
        let text = section_text(section);
        let mut notes = Vec::new();
        if status == Status::NotApplicable {
            let (code, _) = self.source_for(&[SourceKind::Briefing, SourceKind::Documents]);
            let reason = match self.unit_kind {
                UnitKind::College => "经核对，本单位无此类事项（相关业务由学校职能部门统一办理）",
                UnitKind::Office => "经核对，本单位不承担此项职责，相关业务由学院自行办理",
            };
            let n = self.note(
                code,
                format!("{reason}，标记为不适用。"),
                String::new(),
                String::new(),
            );
            notes.push(n);
            self.set(key, status, notes, None);
            return;
        }
        let count = self.rng.range(2, 4);
        for n in 0..count {
            let (code, kind) = self.source_for(&item.methods);
            let (body, figures) = if status.has_finding() && n == 0 {
                fill(text.problem, &mut self.rng)
            } else {
                fill(text.clean[n as usize % 2], &mut self.rng)
            };
            let people = if kind == SourceKind::Interview && self.rng.chance(40) {
                text.people.to_string()
            } else {
                String::new()
            };
            let note = self.note(code, format!("{}{body}", prefix(kind)), people, figures);
            notes.push(note);
        }
        let finding = status.has_finding().then(|| {
            let (statement, figures) = fill(text.problem, &mut self.rng);
            Finding {
                title: String::new(),
                statement,
                people: text.people.to_string(),
                figures,
                basis: text.basis.to_string(),
                category: None,
                transfer: false,
            }
        });
        self.set(key, status, notes, finding);
    }

    /// A note taken, no status chosen yet: an explicit 未查 answer.
    fn undecided(&mut self, key: &str, _section: &str, item: &Item) {
        let (code, _) = self.source_for(&item.methods);
        let n = self.note(
            code,
            "已调阅相关材料，尚未逐项核对完毕，待补充。".to_string(),
            String::new(),
            String::new(),
        );
        self.set(key, Status::Unchecked, vec![n], None);
    }

    /// The source a planned note cites: one with the planned reference (added when missing),
    /// else the record's first of that kind.
    fn planned_source(&mut self, key: &str, kind: SourceKind) -> String {
        let Some(reference) = planned_reference(key, kind) else {
            return self.code_of(kind);
        };
        if let Some(s) = self
            .record
            .sources
            .iter()
            .find(|s| s.kind == kind && s.reference == reference)
        {
            return s.code.clone();
        }
        self.add_source(kind, reference.to_string());
        self.record
            .sources
            .last()
            .map(|s| s.code.clone())
            .unwrap_or_default()
    }

    fn planned_answer(&mut self, key: &str, p: &Planned) {
        let mut notes = Vec::new();
        for (kind, text, people, figures) in p.notes {
            let code = self.planned_source(key, *kind);
            let n = self.note(
                code,
                text.to_string(),
                people.to_string(),
                figures.to_string(),
            );
            notes.push(n);
        }
        let finding = p.finding.map(|f| Finding {
            title: f.title.to_string(),
            statement: f.statement.to_string(),
            people: f.people.to_string(),
            figures: f.figures.to_string(),
            basis: f.basis.to_string(),
            category: f.category,
            transfer: f.transfer,
        });
        self.set(key, p.status, notes, finding);
    }

    /// An answer to an item that a newer 八项规定 checklist no longer has: kept, shown as orphaned.
    fn orphan(&mut self) {
        let template = self
            .templates
            .iter()
            .find(|t| t.id == "baxiang-guiding")
            .or(self.templates.first());
        let Some(t) = template else {
            return;
        };
        let key = answer_key(&t.id, "reception-menu-kept");
        let code = self.code_of(SourceKind::Documents);
        let n = self.note(
            code,
            "2025 年 4 月 16 日一次外单位来访接待的菜单未留存，报销单后仅附发票。".to_string(),
            String::new(),
            "1 批次，1,860 元".to_string(),
        );
        self.set(
            key.as_str(),
            Status::Doubt,
            vec![n],
            Some(Finding {
                title: "接待菜单未留存".to_string(),
                statement: "2025 年 4 月 16 日一次接待未留存菜单，无法核实用餐标准，待财务处提供原始单据核实。".to_string(),
                people: String::new(),
                figures: "1 批次，1,860 元".to_string(),
                basis: "本校公务接待管理办法（旧版清单条目）".to_string(),
                category: Some(Category::Governance),
                transfer: false,
            }),
        );
    }
}

/// How a generated note begins, by the kind of its source: the note's source already says it
/// is a document or a site visit, but what someone *said* is marked as such.
fn prefix(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Interview => "据谈话对象介绍，",
        SourceKind::Clue => "来信反映，",
        SourceKind::Briefing => "汇报称，",
        _ => "",
    }
}

/// The private reference of the source a planned note cites, where the generic one of its
/// kind would not fit.
fn planned_reference(key: &str, kind: SourceKind) -> Option<&'static str> {
    use SourceKind::*;
    Some(match (key, kind) {
        ("sankan/transmission-lag", Documents) => "2025 年党委会会议记录（第 1—24 次）",
        ("sankan/transmission-lag", Interview) => "与学院党委书记（周某）个别谈话，学院会议室",
        ("baxiang-guiding/reception-standard", Documents) => {
            "2025 年公务接待审批单、接待清单及报销凭证（78 笔）"
        }
        ("baxiang-guiding/reception-standard", SiteVisit) => "实地查看学院接待用餐场所（校外酒店）",
        ("yigang-shuangze/research-funds", Documents) => "2025 年科研经费报销凭证（抽查 120 笔）",
        ("yigang-shuangze/research-funds", Interview) => "与在读研究生（课题组成员，蒋某）个别谈话",
        ("zhengzhi-jilv/sanhui-yike", Documents) => "7 个教工党支部 2025 年“三会一课”记录本",
        ("zhengzhi-jilv/sanhui-yike", Meeting) => "列席第四教工党支部 11 月组织生活会",
        ("zhengzhi-jilv/lecture-forum-approval", Documents) => {
            "2025 年讲座论坛审批表（17 份）及学院网站新闻"
        }
        ("zhengzhi-jilv/lecture-forum-approval", Interview) => "与外事秘书（韩某）个别谈话",
        ("zhengzhi-jilv/democratic-life-meeting", Documents) => {
            "2025 年度民主生活会方案、对照检查材料和会议记录"
        }
        ("baxiang-guiding/allowance", Documents) => "2025 年校内津补贴发放明细表",
        ("yigang-shuangze/procurement", Documents) => {
            "2025 年食堂食材和保洁用品采购合同台账、招标文件"
        }
        ("baxiang-guiding/car-private-use", Documents) => {
            "公务用车使用登记表和加油卡消费明细（2025 年）"
        }
        ("baxiang-guiding/car-private-use", SiteVisit) => "实地查看公务用车停放点（国庆假期）",
        ("baxiang-guiding/office-space", SiteVisit) => {
            "实地测量行政楼 3 层处领导办公用房和实验楼 412 室"
        }
        ("yigang-shuangze/construction-repair", Documents) => {
            "2025 年实验室改造项目立项、合同和结算资料"
        }
        _ => return None,
    })
}

/// Fill `{y}`, `{m}`, `{m2}`, `{d}`, `{n}`, `{k}`, `{amt}`, `{pct}` with plausible figures.
/// Returns the text and the figures used (for the note's `figures` field).
fn fill(template: &str, rng: &mut Rng) -> (String, String) {
    let mut out = String::with_capacity(template.len() + 16);
    let mut figures: Vec<String> = Vec::new();
    let mut rest = template;
    let m = rng.range(1, 9);
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let value = match &after[..end] {
            "y" => "2025".to_string(),
            "m" => m.to_string(),
            "m2" => (m + rng.range(1, 3)).to_string(),
            "d" => rng.range(1, 28).to_string(),
            "n" => {
                let v = rng.range(8, 60).to_string();
                figures.push(v.clone());
                v
            }
            "k" => {
                let v = rng.range(2, 6).to_string();
                figures.push(v.clone());
                v
            }
            "pct" => rng.range(12, 96).to_string(),
            "amt" => {
                let yuan = rng.range(1_200, 98_000);
                let v = if yuan >= 10_000 {
                    format!("{}.{} 万元", yuan / 10_000, (yuan % 10_000) / 1_000)
                } else {
                    format!("{},{:03} 元", yuan / 1_000, yuan % 1_000)
                };
                figures.push(v.clone());
                v
            }
            other => format!("{{{other}}}"),
        };
        out.push_str(&value);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    (out, figures.join("，"))
}

struct SectionText {
    clean: [&'static str; 2],
    problem: &'static str,
    people: &'static str,
    basis: &'static str,
}

fn section_text(section: &str) -> &'static SectionText {
    static TEXTS: &[(&str, SectionText)] = &[
        (
            "strong-leadership",
            SectionText {
                clean: [
                    "{y} 年党政联席会议共 {n} 次，抽查 {k} 次，重大事项均按议事规则集体研究，表决情况记录完整。",
                    "班子成员分工文件于 {y} 年 {m} 月印发，分工明确，书记与行政负责人会前沟通有记录。",
                ],
                problem: "{y} 年 {m} 月以来有 {k} 项重大事项未经会议研究，由主要负责人个人签批后执行，事后未补充报告。",
                people: "单位党政主要负责人",
                basis: "学校党政联席会议议事规则；“三重一大”决策制度实施办法",
            },
        ),
        (
            "political-discipline",
            SectionText {
                clean: [
                    "意识形态工作责任制清单已制定，{y} 年开展专题研判 {k} 次，并纳入班子考核。",
                    "抽查二级网站和公众号推文 {n} 篇，均有“三审”记录。",
                ],
                problem: "{y} 年 {m} 月以来公众号有 {k} 篇推文未经审核即发布，其中 1 篇转载内容被学校宣传部门通报。",
                people: "分管宣传思想工作的副书记",
                basis: "意识形态工作责任制实施细则；学校新媒体管理办法",
            },
        ),
        (
            "implementation",
            SectionText {
                clean: [
                    "抽查上级文件 {n} 份，均在收文后 {k} 周内传达学习，并有落实措施和督办台账。",
                    "理论学习中心组 {y} 年学习 {n} 次，专题研讨 {k} 次，研讨发言联系本单位实际。",
                ],
                problem: "抽查上级文件 {n} 份，{k} 份传达学习滞后 30 天以上，会议记录无研究落实措施。",
                people: "党组织书记、党政办公室主任",
                basis: "第一议题制度；学校督查督办工作办法",
            },
        ),
        (
            "decision-implementation",
            SectionText {
                clean: [
                    "{y} 年党委会第一议题共 {n} 次，学习后均研究了落实措施。",
                    "上级部署的 {k} 项重点任务均有落实方案、责任分工和台账，按期办结。",
                ],
                problem: "上级部署的 {k} 项重点任务中 2 项只发文转发，无落实方案，{y} 年 {m} 月督查时仍未启动。",
                people: "党组织书记",
                basis: "第一议题制度；《中国共产党重大事项请示报告条例》",
            },
        ),
        (
            "ideology",
            SectionText {
                clean: [
                    "{y} 年举办讲座论坛 {n} 场，均落实“一会一报”，境外报告人均经审核。",
                    "教学督导听课 {n} 节，未发现课堂错误言论；教材选用审核记录齐全。",
                ],
                problem: "{y} 年有 {k} 场讲座论坛未履行审批备案，其中 1 场邀请境外报告人未报审核。",
                people: "分管宣传思想工作的副书记",
                basis: "学校哲学社会科学讲座论坛报告会管理办法",
            },
        ),
        (
            "democratic-centralism",
            SectionText {
                clean: [
                    "调阅 {y} 年党委会和党政联席会议记录 {n} 次，干部推荐、党员发展等事项均先经党委会研究。",
                    "“三重一大”事项 {k} 项均有集体决策记录，表决意见逐人记录。",
                ],
                problem: "{y} 年有 {k} 次以党政联席会议研究干部推荐事项，未召开党委会前置研究。",
                people: "党组织书记、行政主要负责人",
                basis: "《中国共产党普通高等学校基层组织工作条例》；本单位议事规则",
            },
        ),
        (
            "inner-party-life",
            SectionText {
                clean: [
                    "抽查 {k} 个党支部“三会一课”记录，均按期召开，记录真实完整。",
                    "领导干部 {y} 年以普通党员身份参加所在支部组织生活 {n} 次，有签到和发言记录。",
                ],
                problem: "{k} 个党支部 {y} 年 {m} 月至 {m2} 月未召开支部委员会，会议记录有集中补写痕迹。",
                people: "相关党支部书记",
                basis: "《中国共产党支部工作条例（试行）》",
            },
        ),
        (
            "responsibility-system",
            SectionText {
                clean: [
                    "{y} 年党风廉政建设责任书签订 {n} 份，覆盖全部系（所）和重点岗位，内容结合分管业务。",
                    "班子会议 {y} 年专题研究党风廉政建设 {k} 次，有会议纪要和落实措施。",
                ],
                problem: "{y} 年责任书 {n} 份内容完全相同，未结合岗位风险；班子会议全年仅专题研究党风廉政建设 1 次。",
                people: "党组织书记、班子成员",
                basis: "《党委（党组）落实全面从严治党主体责任规定》；《关于实行党风廉政建设责任制的规定》",
            },
        ),
        (
            "duty-performance",
            SectionText {
                clean: [
                    "分管领导 {y} 年听取分管领域廉政汇报 {k} 次，开展廉政谈话 {n} 人次，有记录。",
                    "廉政风险台账列风险点 {n} 个，防控措施逐项落实，{m} 月已更新。",
                ],
                problem: "{y} 年班子成员述职述廉报告 {k} 份均未报告“一岗双责”落实情况，廉政风险台账 {m} 月后未更新。",
                people: "班子成员",
                basis: "《关于实行党风廉政建设责任制的规定》",
            },
        ),
        (
            "high-risk-areas",
            SectionText {
                clean: [
                    "抽查 {y} 年相关合同和凭证 {n} 份（笔），程序完整，审批齐全，未见异常。",
                    "{y} 年相关信息均按要求公示，抽查 {k} 个环节的原始材料，未见异常。",
                ],
                problem: "抽查 {y} 年凭证 {n} 笔，其中 {k} 笔审批手续不全，涉及金额 {amt}。",
                people: "分管负责人、经办人",
                basis: "学校采购、基建、科研经费和财务管理有关办法",
            },
        ),
        (
            "reception",
            SectionText {
                clean: [
                    "抽查 {y} 年公务接待 {n} 批次，均有公函和接待清单，人均标准未超。",
                    "接待报销附件齐全（审批单、公函、清单、发票），抽查 {k} 批次陪餐人数合规。",
                ],
                problem: "{y} 年 {m} 月 {d} 日一次接待陪餐 {k} 人，人均餐费超标，合计 {amt}，报销附件无接待清单。",
                people: "办公室主任、经办人",
                basis: "《党政机关国内公务接待管理规定》；本校公务接待管理办法",
            },
        ),
        (
            "car-office",
            SectionText {
                clean: [
                    "公务用车使用登记 {y} 年 {n} 条，派车单与里程一致，加油卡消费未见异常。",
                    "实地测量领导干部办公用房 {k} 间，面积均未超过本校标准。",
                ],
                problem: "{y} 年节假日出车 {k} 次无派车单，加油卡消费 {amt} 与行驶里程不符。",
                people: "车辆管理人员",
                basis: "《党政机关公务用车管理办法》；《党政机关办公用房管理办法》",
            },
        ),
        (
            "overseas-travel",
            SectionText {
                clean: [
                    "{y} 年因公出国（境）{k} 批次均列入年度计划，回国后按时交回证件并提交报告。",
                    "抽查差旅报销 {n} 笔，住宿和交通标准均符合规定。",
                ],
                problem: "抽查差旅报销 {n} 笔，{k} 笔住宿超标准，另有 1 笔同一行程重复报销 {amt}。",
                people: "报销人、审批人",
                basis: "学校因公出国（境）管理办法；差旅费管理办法",
            },
        ),
        (
            "meetings-training",
            SectionText {
                clean: [
                    "{y} 年举办会议 {k} 场，审批材料（请示、通知、日程、签到表）齐全，会期和人数未超标。",
                    "培训计划经审批，{n} 人参加，费用在预算内，未发放纪念品。",
                ],
                problem: "{y} 年 {m} 月在风景区酒店举办研讨会，会期 {k} 天，发放纪念品，费用 {amt}。",
                people: "会议主办部门负责人",
                basis: "学校会议费和培训费管理办法",
            },
        ),
        (
            "money-gifts",
            SectionText {
                clean: [
                    "核对 {y} 年校内津补贴发放明细 {n} 笔，均有文件依据，未见以加班费、课时费名义发放福利。",
                    "廉政档案显示 {y} 年主动登记上交礼品 {k} 件，未见公款购买节礼。",
                ],
                problem: "{y} 年 {m} 月以“值班费”名义向 {n} 名教职工发放节日补贴，合计 {amt}，无对应值班记录。",
                people: "单位行政负责人、财务报账员",
                basis: "中央八项规定精神；学校校内津贴补贴管理办法",
            },
        ),
        (
            "formalism-bureaucratism",
            SectionText {
                clean: [
                    "{y} 年发文 {n} 件，较上年减少 {pct}%，未见层层转发。",
                    "问卷中认为“填表报数过多”的比例为 {pct}%，已制定减负措施。",
                ],
                problem: "{y} 年转发上级文件 {n} 件，其中 {k} 件未提出任何落实要求；师生反映的实验室维修问题 {m} 个月未解决。",
                people: "办公室负责人",
                basis: "关于整治形式主义为基层减负的有关规定",
            },
        ),
    ];
    static GENERIC: SectionText = SectionText {
        clean: [
            "抽查相关材料 {n} 份，程序完整，未见异常。",
            "核对 {y} 年台账和会议记录 {k} 次，与汇报情况一致。",
        ],
        problem: "抽查相关材料 {n} 份，其中 {k} 份程序不完整，涉及金额 {amt}。",
        people: "相关负责人",
        basis: "学校有关管理规定",
    };
    TEXTS
        .iter()
        .find(|(id, _)| *id == section)
        .map_or(&GENERIC, |(_, t)| t)
}

/// A hand-written answer of the default round.
struct Planned {
    key: &'static str,
    status: Status,
    /// (source kind, text, people, figures)
    notes: &'static [(SourceKind, &'static str, &'static str, &'static str)],
    finding: Option<&'static PlannedFinding>,
}

struct PlannedFinding {
    title: &'static str,
    statement: &'static str,
    people: &'static str,
    figures: &'static str,
    basis: &'static str,
    category: Option<Category>,
    transfer: bool,
}

/// Keys with a planned answer in unit `u` (for any inspector).
fn planned_elsewhere(u: usize, key: &str) -> bool {
    (0..3).any(|j| planned(u, j).iter().any(|p| p.key == key))
}

/// The hand-written answers of inspector `j` of unit `u`.
fn planned(u: usize, j: usize) -> &'static [Planned] {
    use SourceKind::*;
    static U0J0: &[Planned] = &[
        Planned {
            key: "zhengzhi-jilv/first-topic",
            status: Status::Problem,
            notes: &[
                (
                    Documents,
                    "3 月 14 日收文登记的上级重要文件，5 月 13 日第 9 次党委会才首次传达学习，记录中无研究落实措施。",
                    "",
                    "收文后 60 天",
                ),
                (
                    Interview,
                    "学院办公室收文后交书记签批，文件平均压件 3 周，书记表示“先放一放，等开会一起学”。",
                    "学院党委书记周某",
                    "平均压件 3 周",
                ),
                (
                    Briefing,
                    "专题汇报称第一议题制度“全部落实到位”，与会议记录不符。",
                    "",
                    "",
                ),
            ],
            finding: Some(&PlannedFinding {
                title: "第一议题制度落实不及时，上级文件传达学习滞后",
                statement: "2025 年学院党委传达学习上级重要文件 12 份，其中 9 份滞后 30 天以上；3 月 14 日收文的文件至 5 月 13 日才首次传达，会议记录无研究落实措施。",
                people: "学院党委书记周某（第一责任人）、党政办公室主任",
                figures: "抽查 12 份文件，9 份收文后超过 30 天才学习，最长 60 天",
                basis: "第一议题制度；学校关于及时传达学习贯彻上级重要会议和文件精神的规定",
                category: Some(Category::Leadership),
                transfer: false,
            }),
        },
        Planned {
            key: "baxiang-guiding/reception-standard",
            status: Status::Problem,
            notes: &[
                (
                    Documents,
                    "2025 年 6 月 18 日接待外校来访 4 人，陪餐 7 人，人均餐费 286 元，报销附件无接待清单。",
                    "经办人：学院办公室主任",
                    "陪餐 7 人；合计 3,146 元",
                ),
                (
                    SiteVisit,
                    "接待所在餐厅为校外酒店包间，菜单含酒水 2 瓶。",
                    "",
                    "酒水 2 瓶",
                ),
            ],
            finding: Some(&PlannedFinding {
                title: "公务接待超标准，陪餐人数超规定",
                statement: "2025 年 6 月 18 日学院接待外校来访 4 人，陪餐 7 人，人均餐费 286 元，超本校接待标准，且饮酒；报销附件无接待清单。",
                people: "学院办公室主任（经办）、分管副院长（审批）",
                figures: "陪餐 7 人（标准不超过 3 人）；合计 3,146 元",
                basis: "《党政机关国内公务接待管理规定》；本校公务接待管理办法",
                category: None,
                transfer: false,
            }),
        },
        Planned {
            key: "yigang-shuangze/research-funds",
            status: Status::Problem,
            notes: &[
                (
                    Documents,
                    "抽查 2025 年科研经费报销凭证 120 笔，2 个课题组向在读研究生发放劳务费后，当月由同一账户集中转回课题负责人。",
                    "",
                    "120 笔中 14 笔；6.8 万元",
                ),
                (
                    Interview,
                    "研究生称劳务费“发下来要交回去，用于组里报账”，已持续两年。",
                    "在读研究生（谈话对象）",
                    "两年",
                ),
            ],
            finding: Some(&PlannedFinding {
                title: "虚列劳务费套取科研经费",
                statement: "2025 年 2 个课题组以劳务费名义向在读研究生发放 6.8 万元，当月集中转回课题负责人账户，涉嫌虚列劳务费套取科研经费。",
                people: "两个课题组负责人",
                figures: "涉及 2 个课题组、14 笔、6.8 万元",
                basis: "国家和学校科研经费管理办法；《中国共产党纪律处分条例》",
                category: None,
                transfer: true,
            }),
        },
    ];
    static U0J1: &[Planned] = &[
        Planned {
            key: "jiceng-dangjian/sanhui-yike",
            status: Status::Problem,
            notes: &[
                (
                    Documents,
                    "第二、第四、第五教工党支部 3—8 月无支部党员大会记录，9 月集中补写，签到笔迹相同。",
                    "第二、第四、第五教工党支部书记",
                    "3 个支部，缺会 11 次",
                ),
                (
                    Meeting,
                    "第四支部 11 月组织生活会仅 5 人到会，会议以传达文件为主。",
                    "",
                    "到会 5 人（应到 19 人）",
                ),
            ],
            finding: Some(&PlannedFinding {
                title: "部分党支部“三会一课”不规范，记录补写",
                statement: "学院 7 个教工党支部中 3 个支部 2025 年 3—8 月未按期召开支部党员大会，记录于 9 月集中补写。",
                people: "第二、第四、第五教工党支部书记",
                figures: "7 个支部中 3 个，缺会 11 次",
                basis: "《中国共产党支部工作条例（试行）》关于“三会一课”的规定",
                category: Some(Category::PartyBuilding),
                transfer: false,
            }),
        },
        Planned {
            key: "yigang-shuangze/research-funds",
            status: Status::NoProblem,
            notes: &[(
                Documents,
                "抽查 2025 年科研经费报销凭证 30 笔（横向课题），票据齐全，审批流程完整，未见异常。",
                "",
                "30 笔",
            )],
            finding: None,
        },
    ];
    static U1J0: &[Planned] = &[
        Planned {
            key: "zhengzhi-jilv/lecture-forum-approval",
            status: Status::Problem,
            notes: &[
                (
                    Documents,
                    "2025 年讲座论坛审批表 17 份，对照学院网站新闻共举办 23 场，2 场境外报告人讲座无审批表。",
                    "",
                    "23 场，17 份审批表",
                ),
                (
                    Interview,
                    "外事秘书称境外专家讲座“由课题组直接邀请，学院不掌握”。",
                    "外事秘书",
                    "",
                ),
            ],
            finding: Some(&PlannedFinding {
                title: "讲座论坛“一会一报”落实不到位",
                statement: "2025 年学院举办讲座论坛 23 场，其中 2 场境外报告人讲座未履行审批，另有 4 场事后补办备案。",
                people: "学院分管外事工作的副院长",
                figures: "23 场中 2 场未审批、4 场事后补备案",
                basis: "学校哲学社会科学讲座论坛报告会管理办法",
                category: None,
                transfer: false,
            }),
        },
        // 2026.1 items that 2026.2 moved: this record keeps them under their old keys
        Planned {
            key: "zhengzhi-jilv/wrong-speech-response",
            status: Status::NoProblem,
            notes: &[(
                Documents,
                "2025 年涉及学院的网络舆情 2 起，均在当日报告学校党委宣传部，处置记录完整。",
                "",
                "2 起，当日报告",
            )],
            finding: None,
        },
        Planned {
            key: "jiceng-dangjian/sanhui-yike",
            status: Status::NoProblem,
            notes: &[(
                Documents,
                "抽查 3 个教工党支部 2025 年记录本，支部党员大会、支委会、党小组会次数符合要求，签到与记录一致。",
                "",
                "3 个支部",
            )],
            finding: None,
        },
        Planned {
            key: "zuzhi-luxian/private-passport",
            status: Status::NotApplicable,
            notes: &[],
            finding: None,
        },
    ];
    static U1J1: &[Planned] = &[
        Planned {
            key: "zhengzhi-jilv/democratic-life-meeting",
            status: Status::Doubt,
            notes: &[(
                Documents,
                "2025 年度民主生活会对照检查材料，3 名班子成员互相批评意见表述高度雷同，未见会前谈心谈话记录。",
                "",
                "3 名班子成员",
            )],
            finding: Some(&PlannedFinding {
                title: "民主生活会会前谈心谈话可能未开展",
                statement: "2025 年度民主生活会 3 名班子成员的批评意见高度雷同，疑似会前未开展谈心谈话，待调阅谈心谈话记录核实。",
                people: "学院领导班子",
                figures: "3 名班子成员",
                basis: "《县以上党和国家机关党员领导干部民主生活会若干规定》",
                category: None,
                transfer: false,
            }),
        },
        Planned {
            key: "baxiang-guiding/allowance",
            status: Status::Problem,
            notes: &[
                (
                    Documents,
                    "2025 年 1 月、9 月津补贴发放明细，以“课时补贴”名义向全体教职工各发放 1 次，无对应课时工作量表。",
                    "学院院长、分管财务副院长",
                    "2 次，126 人，18.4 万元",
                ),
                (Survey, "41% 的教职工认为学院“发放福利不规范”。", "", "41%"),
            ],
            finding: Some(&PlannedFinding {
                title: "以课时补贴名义违规发放节日福利",
                statement: "2025 年 1 月、9 月学院以“课时补贴”名义向全体教职工发放节日慰问 2 次，共计 18.4 万元，无对应课时工作量。",
                people: "学院院长、分管财务副院长、财务报账员",
                figures: "2 次，126 人，18.4 万元",
                basis: "中央八项规定精神；学校校内津贴补贴发放管理办法",
                category: None,
                transfer: false,
            }),
        },
    ];
    static U2J0: &[Planned] = &[Planned {
        key: "yigang-shuangze/procurement",
        status: Status::Problem,
        notes: &[
            (
                Clue,
                "反映采购科科长刘某收受食材供应商回扣，其妻弟为中标公司股东。",
                "采购科科长刘某",
                "",
            ),
            (
                Documents,
                "2025 年采购合同台账，3 个食材和保洁用品项目的技术参数指向同一品牌，中标供应商均为同一公司。",
                "",
                "3 个项目，286.5 万元",
            ),
        ],
        finding: Some(&PlannedFinding {
            title: "采购参数指向特定品牌，反映经办人收受回扣",
            statement: "2025 年食堂食材和保洁用品采购 3 个项目技术参数指向同一品牌，中标供应商均为同一公司，反映经办人与供应商存在利益关系、收受回扣。",
            people: "采购科科长刘某",
            figures: "3 个项目，合同金额合计 286.5 万元",
            basis: "《中华人民共和国政府采购法》；学校采购管理办法；《中国共产党纪律处分条例》",
            category: None,
            transfer: true,
        }),
    }];
    static U2J1: &[Planned] = &[
        Planned {
            key: "baxiang-guiding/car-private-use",
            status: Status::Problem,
            notes: &[
                (
                    Documents,
                    "2025 年公务用车使用登记表，2 辆车节假日出车 17 次无派车单；加油卡消费 1.2 万元，与登记里程不符。",
                    "车队队长",
                    "17 次；1.2 万元",
                ),
                (
                    SiteVisit,
                    "国庆假期 10 月 3 日一辆公务用车停放在校外小区。",
                    "",
                    "",
                ),
            ],
            finding: Some(&PlannedFinding {
                title: "公务用车管理不严，节假日无单出车",
                statement: "2025 年后勤管理处 2 辆公务用车节假日出车 17 次无派车单，加油卡消费 1.2 万元与行驶里程不符。",
                people: "车队队长、分管副处长",
                figures: "17 次；加油 1.2 万元",
                basis: "《党政机关公务用车管理办法》；学校公务用车管理办法",
                category: None,
                transfer: false,
            }),
        },
        Planned {
            key: "zhengzhi-jilv/democratic-life-meeting",
            status: Status::Doubt,
            notes: &[(
                Survey,
                "对班子“批评与自我批评”满意度为 58%，低于全校平均 20 个百分点。",
                "",
                "58%；低 20 个百分点",
            )],
            finding: Some(&PlannedFinding {
                title: "民主生活会质量不高",
                statement: "职工对班子批评与自我批评满意度为 58%，民主生活会整改清单 6 项中 4 项无完成时限，待进一步核实整改落实情况。",
                people: "处领导班子",
                figures: "满意度 58%；6 项中 4 项无时限",
                basis: "《县以上党和国家机关党员领导干部民主生活会若干规定》",
                category: None,
                transfer: false,
            }),
        },
    ];
    static U3J0: &[Planned] = &[Planned {
        key: "baxiang-guiding/office-space",
        status: Status::Problem,
        notes: &[(
            SiteVisit,
            "处领导 3 人办公用房实测面积 24—31 平方米；1 名副处长在实验楼另占用一间办公室。",
            "",
            "3 人，24—31 平方米；多占 1 间",
        )],
        finding: Some(&PlannedFinding {
            title: "办公用房超标、多处占用",
            statement: "处领导 3 人办公用房实测面积 24—31 平方米，超出本校标准；1 名副处长在实验楼另占用一间办公室，清理腾退不到位。",
            people: "处长、副处长",
            figures: "3 人超标；多占 1 间",
            basis: "《党政机关办公用房管理办法》；本校办公用房管理规定",
            category: None,
            transfer: false,
        }),
    }];
    static U3J1: &[Planned] = &[
        Planned {
            key: "yigang-shuangze/construction-repair",
            status: Status::Doubt,
            notes: &[(
                Documents,
                "2025 年 3 个实验室改造项目单项金额 38.6 万—39.8 万元，均略低于 40 万元公开招标限额，施工单位相同。",
                "",
                "3 个项目，合计 117.6 万元",
            )],
            finding: Some(&PlannedFinding {
                title: "实验室改造疑似拆分项目规避招标",
                statement: "2025 年 3 个实验室改造项目单项金额均略低于公开招标限额，由同一施工单位承建，疑似拆分项目规避招标，待调阅立项和结算资料核实。",
                people: "分管副处长、实验室建设科",
                figures: "3 个项目，合计 117.6 万元",
                basis: "学校基建修缮工程管理办法；招标投标有关规定",
                category: None,
                transfer: false,
            }),
        },
        Planned {
            key: "zuzhi-luxian/personal-report-check",
            status: Status::Problem,
            notes: &[(
                PersonalReport,
                "副处长郑某 2025 年度个人有关事项报告未填报配偶持有的股票 1 只。",
                "副处长郑某",
                "市值约 8.6 万元",
            )],
            finding: Some(&PlannedFinding {
                title: "个人有关事项报告漏报",
                statement: "抽查 2 名副处级以上干部 2025 年度个人有关事项报告，1 人漏报配偶持有的股票 1 只（市值约 8.6 万元）。",
                people: "副处长郑某",
                figures: "抽查 2 人，1 人漏报，约 8.6 万元",
                basis: "《领导干部报告个人有关事项规定》",
                category: None,
                transfer: true,
            }),
        },
    ];
    match (u, j) {
        (0, 0) => U0J0,
        (0, 1) => U0J1,
        (1, 0) => U1J0,
        (1, 1) => U1J1,
        (2, 0) => U2J0,
        (2, 1) => U2J1,
        (3, 0) => U3J0,
        (3, 1) => U3J1,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::review::{DisagreementKind, Review, ReviewOptions};
    use crate::store::load_catalog;
    use chrono::{FixedOffset, TimeZone};
    use std::path::PathBuf;

    fn now() -> Timestamp {
        Timestamp(
            FixedOffset::east_opt(8 * 3600)
                .unwrap()
                .with_ymd_and_hms(2026, 11, 26, 18, 0, 0)
                .unwrap(),
        )
    }

    /// The round as the program reads it: answers of replaced items carried.
    fn review(size: usize) -> (Vec<(PathBuf, Record)>, Review) {
        let (catalog, _) = load_catalog(None);
        let round: Vec<(PathBuf, Record)> = demo_round(&catalog, size, now())
            .into_iter()
            .map(|(n, mut r)| {
                r.carry_replaced(&catalog);
                (PathBuf::from(n), r)
            })
            .collect();
        let review = Review::build(&round, &catalog, &ReviewOptions::new(now()));
        (round, review)
    }

    #[test]
    fn the_default_round_has_everything_the_tour_needs() {
        let (round, review) = review(DEFAULT_SIZE);
        assert_eq!(round.len(), DEFAULT_SIZE);
        assert!(review.units.len() >= 3);
        assert!(review.units.iter().all(|u| u.records.len() >= 2));
        for s in Status::ALL {
            assert!(
                round
                    .iter()
                    .any(|(_, r)| r.answers.values().any(|a| a.status == s)),
                "{s:?}"
            );
        }
        for c in Category::ALL {
            assert!(
                review.findings.iter().any(|f| f.category == Some(c)),
                "{c:?}"
            );
        }
        assert!(review.findings.iter().any(|f| f.finding.transfer));
        assert_eq!(review.disagreements.len(), 1, "{:#?}", review.disagreements);
        let d = &review.disagreements[0];
        assert_eq!(d.kind, DisagreementKind::Problem);
        assert_eq!(d.item.key, "yigang-shuangze/research-funds");
        assert_eq!(review.units[d.unit].key.unit, "计算机学院");
        let orphans: usize = review.records.iter().map(|r| r.summary.orphans).sum();
        assert_eq!(orphans, 1);
        assert_eq!(review.stale().count(), 1);
        assert!(review.units.iter().all(|u| !u.unchecked.is_empty()));
        // each unit's three looks, rolled up: 计算机学院's first-topic problem shows in 三看
        assert!(review.units.iter().all(|u| u.looks.len() == 3));
        let cs = review
            .units
            .iter()
            .find(|u| u.key.unit == "计算机学院")
            .unwrap();
        assert_eq!(
            cs.looks
                .iter()
                .find(|(i, _)| i.key == "sankan/look-implementation")
                .map(|(_, s)| *s),
            Some(Status::Problem)
        );
        // and no look is ever answered or counted
        for (_, r) in &round {
            assert!(r.answers.keys().all(|k| !k.starts_with("sankan/look-")));
        }
        // several kinds of sources, codes unique within each record
        for (_, r) in &round {
            let kinds: std::collections::HashSet<_> = r.sources.iter().map(|s| s.kind).collect();
            assert!(kinds.len() >= 5);
            let mut codes: Vec<&str> = r.sources.iter().map(|s| s.code.as_str()).collect();
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), r.sources.len());
            // every note cites a source of the record
            for a in r.answers.values() {
                for n in &a.notes {
                    assert!(r.source(&n.source).is_some(), "{}", n.source);
                }
            }
            assert!(r.updated <= now() && r.created < r.updated);
        }
    }

    #[test]
    fn the_record_made_with_2026_1_loses_no_answer() {
        let (catalog, _) = load_catalog(None);
        let round = demo_round(&catalog, DEFAULT_SIZE, now());
        let (name, old) = round
            .iter()
            .find(|(_, r)| r.templates.iter().any(|t| t.version == "2026.1"))
            .unwrap();
        assert!(name.contains("外国语学院"), "{name}");
        assert!(old.templates.iter().all(|t| t.version == "2026.1"));
        assert_eq!(old.unit_type, None);
        // read as a file is read: many answers sit on items 2026.2 replaced
        let text = old.to_toml().unwrap();
        let mut read = Record::parse(name, &text).unwrap();
        let on_old_items = read.orphans(&catalog).count();
        assert!(on_old_items >= 4, "{on_old_items}");
        let moved = read.carry_replaced(&catalog);
        assert_eq!(moved.len() + 1, on_old_items, "{moved:?}");
        // every old answer is now on a live item, but the one planned orphan of an item
        // that is simply gone; none is lost, and the notes are the same notes
        let orphans: Vec<&str> = read.orphans(&catalog).map(|(k, _)| k).collect();
        assert_eq!(orphans, ["baxiang-guiding/reception-menu-kept"]);
        assert_eq!(read.answers.len(), old.answers.len());
        for (from, to) in &moved {
            assert_eq!(read.answers[to], old.answers[from], "{from} -> {to}");
        }
        for (from, to) in [
            (
                "sankan/wrong-speech-response",
                "zhengzhi-jilv/wrong-speech-response",
            ),
            ("zhengzhi-jilv/sanhui-yike", "jiceng-dangjian/sanhui-yike"),
            (
                "baxiang-guiding/private-passport",
                "zuzhi-luxian/private-passport",
            ),
        ] {
            assert!(
                moved.contains(&(from.to_string(), to.to_string())),
                "{from}: {moved:?}"
            );
        }
        // reading never rewrote the text; the carried answers are written on the next save
        assert_eq!(old.to_toml().unwrap(), text);
        assert_ne!(read.to_toml().unwrap(), text);
    }

    #[test]
    fn it_is_deterministic_and_round_trips() {
        let (catalog, _) = load_catalog(None);
        let a = demo_round(&catalog, DEFAULT_SIZE, now());
        let b = demo_round(&catalog, DEFAULT_SIZE, now());
        assert_eq!(a, b);
        let mut names: Vec<&String> = a.iter().map(|(n, _)| n).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), a.len());
        for (name, r) in &a {
            let text = r.to_toml().unwrap();
            assert_eq!(&Record::parse(name, &text).unwrap(), r);
        }
    }

    #[test]
    fn it_scales_with_about_three_notes_per_answered_item() {
        let (round, review) = review(501);
        assert_eq!(round.len(), 501);
        assert_eq!(review.disagreements.len(), 1);
        let answered: usize = round
            .iter()
            .flat_map(|(_, r)| r.answers.values())
            .filter(|a| a.status.is_done() && a.status != Status::NotApplicable)
            .count();
        let notes: usize = round
            .iter()
            .flat_map(|(_, r)| r.answers.values())
            .filter(|a| a.status.is_done() && a.status != Status::NotApplicable)
            .map(|a| a.notes.len())
            .sum();
        let per = notes as f64 / answered as f64;
        assert!((2.5..=3.5).contains(&per), "{per}");
        assert!(review.units.iter().all(|u| u.records.len() >= 2));
        // unit and inspector pairs are unique: file names never clash
        let mut files: Vec<PathBuf> = round.iter().map(|(n, _)| n.clone()).collect();
        files.sort();
        files.dedup();
        assert_eq!(files.len(), 501);
    }

    #[test]
    fn fill_replaces_placeholders_and_reports_figures() {
        let mut rng = Rng::new(7);
        let (text, figures) = fill("抽查 {n} 笔，{k} 笔不全，金额 {amt}，{x}", &mut rng);
        assert!(!text.contains("{n}") && !text.contains("{amt}"), "{text}");
        assert!(text.ends_with("{x}"));
        assert_eq!(figures.split('，').count(), 3, "{figures}");
    }
}
