//! The feedback version (反馈意见) as a model of exactly what it will show, the rule for
//! which problems may go out, and the name check every feedback writer runs on that model
//! before writing anything. Rules in `docs/REPORT.md`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasick;

use crate::i18n::Lang;
use crate::model::review::{Entry, Review};
use crate::model::signoff::{FedFinding, FindingSign};
use crate::model::{Catalog, Note, Record, SourceKind, Status};

/// Why a problem stays out of the feedback version. The full report keeps it and marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Hold {
    /// An answer marked 发现问题 with neither a statement nor a feedback wording.
    NoStatement,
    /// A 存疑待核 finding: still being verified.
    Doubt,
    /// A finding marked 问题线索移交.
    Transfer,
    /// Another inspector of the unit found no problem or marked the item 不适用, and the
    /// leader has not confirmed it.
    Disputed,
    /// The leader decided it is not a problem (不予认定).
    Dismissed,
    /// Its 审签 is missing or no longer matches its content (内容已变更).
    NotApproved,
}

impl Hold {
    /// The reason as the report and stderr say it.
    pub fn label(self, lang: Lang) -> &'static str {
        let s = &lang.strings().report;
        match self {
            Hold::NoStatement => s.hold_no_statement,
            Hold::Doubt => s.hold_doubt,
            Hold::Transfer => s.hold_transfer,
            Hold::Disputed => s.hold_disputed,
            Hold::Dismissed => lang.signoff().hold_dismissed,
            Hold::NotApproved => lang.signoff().hold_not_approved,
        }
    }
}

/// Why `entry` may not go out; empty when it may. An entry goes out only when every finding
/// in it is settled: 发现问题, with a statement or a feedback wording, not a clue to transfer,
/// and no inspector of the unit says the item is clean.
pub fn holds(review: &Review, entry: &Entry) -> Vec<Hold> {
    let mut out = Vec::new();
    let mut add = |h: Hold| {
        if !out.contains(&h) {
            out.push(h);
        }
    };
    for f in entry
        .findings
        .iter()
        .filter_map(|&i| review.findings.get(i))
    {
        if f.status == Status::Doubt {
            add(Hold::Doubt);
        } else if f.finding.statement.trim().is_empty() && feedback_wording(f).is_none() {
            add(Hold::NoStatement);
        }
        if f.finding.transfer {
            add(Hold::Transfer);
        }
    }
    if entry.disputed {
        add(Hold::Disputed);
    }
    out.sort();
    out
}

fn feedback_wording(f: &crate::model::review::FindingRow) -> Option<&str> {
    f.finding
        .feedback_text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// Which text of a shown entry a match is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShownField {
    Title,
    Statement,
    FeedbackText,
    Figures,
    Basis,
    NoteText,
    NoteFigures,
}

impl ShownField {
    /// The field's name in messages.
    pub fn label(self, lang: Lang) -> String {
        let s = &lang.strings().report;
        let dot = |a: &str, b: &str| format!("{a}·{b}");
        match self {
            ShownField::Title => s.csv.title.to_string(),
            ShownField::Statement => s.statement.to_string(),
            ShownField::FeedbackText => s.feedback_text.to_string(),
            ShownField::Figures => s.figures.to_string(),
            ShownField::Basis => s.basis.to_string(),
            ShownField::NoteText => s.note_field.to_string(),
            ShownField::NoteFigures => dot(s.note_field, s.figures),
        }
    }
}

/// One text the feedback version shows, with the record it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownText {
    /// Index into [`Review::records`].
    pub record: usize,
    pub field: ShownField,
    pub text: String,
}

/// An evidence note the feedback version shows (material sources only), without its time and
/// its people.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownNote {
    /// Index into [`Review::records`].
    pub record: usize,
    pub kind: SourceKind,
    pub note: Note,
}

/// One problem as the feedback version shows it. Every text is here, so that what is checked
/// is what is written. No people: a 反馈意见 names nobody (用“有的”“个别”，不点名); the
/// finding's 涉及人员 and the notes' people stay in the internal report.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownEntry {
    /// Index into [`Review::entries`].
    pub entry: usize,
    /// The first non-empty title of its findings.
    pub title: Option<ShownText>,
    /// Per finding, the feedback wording when set, else the statement; distinct, in order.
    pub statements: Vec<ShownText>,
    pub figures: Vec<ShownText>,
    pub basis: Vec<ShownText>,
    /// The notes from material sources, pooled.
    pub notes: Vec<ShownNote>,
}

impl ShownEntry {
    /// Every text shown, notes included, with where it comes from.
    pub fn texts(&self) -> impl Iterator<Item = (usize, ShownField, &str)> {
        let fields = self
            .title
            .iter()
            .chain(&self.statements)
            .chain(&self.figures)
            .chain(&self.basis)
            .map(|t| (t.record, t.field, t.text.as_str()));
        let notes = self.notes.iter().flat_map(|n| {
            [
                (n.record, ShownField::NoteText, n.note.text.as_str()),
                (n.record, ShownField::NoteFigures, n.note.figures.as_str()),
            ]
        });
        fields.chain(notes).filter(|(_, _, t)| !t.is_empty())
    }
}

/// The feedback version's content: what goes out and what is left out, and why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Feedback {
    /// In the order of [`Review::entries`].
    pub entries: Vec<ShownEntry>,
    /// `(index into Review::entries, reasons)`.
    pub left_out: Vec<(usize, Vec<Hold>)>,
}

impl Feedback {
    /// How many problems the feedback version shows per unit (indexed as [`Review::units`]).
    pub fn shown_per_unit(&self, review: &Review) -> Vec<usize> {
        let mut shown = vec![0usize; review.units.len()];
        for e in &self.entries {
            if let Some(n) = review
                .entries
                .get(e.entry)
                .and_then(|e| shown.get_mut(e.unit))
            {
                *n += 1;
            }
        }
        shown
    }

    /// The findings this feedback shows, of `unit` or of every unit, each with its key and
    /// its content hash now (`signs` as for [`Feedback::build`]): what `round fed-back`
    /// records as gone out, and what the 整改台账 compares with it.
    pub fn shown_findings(
        &self,
        review: &Review,
        signs: &[FindingSign],
        unit: Option<&str>,
    ) -> Vec<FedFinding> {
        self.entries
            .iter()
            .filter(|e| {
                unit.is_none_or(|unit| {
                    review
                        .entries
                        .get(e.entry)
                        .and_then(|en| review.units.get(en.unit))
                        .is_some_and(|u| u.key.unit == unit)
                })
            })
            .filter_map(|e| signs.iter().find(|s| s.entry == e.entry))
            .map(|s| FedFinding {
                key: s.key.clone(),
                hash: s.hash.clone(),
            })
            .collect()
    }

    /// What the feedback version of `review` shows, given the sign-off state of its entries
    /// (`signs`, in the order of [`Review::entries`]: `model::signoff::Signoffs::state`): an
    /// entry goes out only when it is settled ([`holds`]) and its 审签 is current; a disputed
    /// entry the leader confirmed is settled, one the leader dismissed never goes out. An entry
    /// without a state in `signs` is not approved (fail closed).
    pub fn build(review: &Review, signs: &[FindingSign]) -> Feedback {
        let mut out = Feedback::default();
        for (ei, entry) in review.entries.iter().enumerate() {
            let sign = signs.iter().find(|s| s.entry == ei);
            let mut held = holds(review, entry);
            if sign.is_some_and(FindingSign::confirmed) {
                held.retain(|h| *h != Hold::Disputed);
            }
            if sign.is_some_and(FindingSign::dismissed) {
                held.retain(|h| *h != Hold::Disputed);
                held.push(Hold::Dismissed);
            } else if held.is_empty() && !sign.is_some_and(FindingSign::approved) {
                // said only when nothing else holds it: a doubt or a dispute is the reason
                // it is not approved
                held.push(Hold::NotApproved);
            }
            held.sort();
            held.dedup();
            if !held.is_empty() {
                out.left_out.push((ei, held));
                continue;
            }
            let mut shown = ShownEntry {
                entry: ei,
                title: None,
                statements: Vec::new(),
                figures: Vec::new(),
                basis: Vec::new(),
                notes: Vec::new(),
            };
            let push = |list: &mut Vec<ShownText>, record: usize, field, text: &str| {
                let text = text.trim();
                if !text.is_empty() && !list.iter().any(|t| t.text == text) {
                    list.push(ShownText {
                        record,
                        field,
                        text: text.to_string(),
                    });
                }
            };
            for f in entry
                .findings
                .iter()
                .filter_map(|&i| review.findings.get(i))
            {
                let r = f.record;
                if shown.title.is_none() && !f.finding.title.trim().is_empty() {
                    shown.title = Some(ShownText {
                        record: r,
                        field: ShownField::Title,
                        text: f.finding.title.trim().to_string(),
                    });
                }
                match feedback_wording(f) {
                    Some(t) => push(&mut shown.statements, r, ShownField::FeedbackText, t),
                    None => push(
                        &mut shown.statements,
                        r,
                        ShownField::Statement,
                        &f.finding.statement,
                    ),
                }
                push(
                    &mut shown.figures,
                    r,
                    ShownField::Figures,
                    &f.finding.figures,
                );
                push(&mut shown.basis, r, ShownField::Basis, &f.finding.basis);
                for e in &f.evidence {
                    if let Some(kind) = e.source_kind.filter(|k| k.is_material()) {
                        // without its time and its people (不点名)
                        let mut note = e.note.clone();
                        note.people.clear();
                        shown.notes.push(ShownNote {
                            record: r,
                            kind,
                            note,
                        });
                    }
                }
            }
            out.entries.push(shown);
        }
        out
    }
}

/// What a matching text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// A source's private reference, or a name-like part of it.
    Reference,
    /// The code name of a source whose notes are withheld.
    Code,
    /// The people of a withheld note (or of a clue to transfer).
    People,
    /// An inspector's name.
    Inspector,
}

impl MatchKind {
    pub fn label(self, lang: Lang) -> &'static str {
        let s = &lang.strings().report;
        match self {
            MatchKind::Reference => s.match_reference,
            MatchKind::Code => s.match_code,
            MatchKind::People => s.match_people,
            MatchKind::Inspector => s.match_inspector,
        }
    }
}

/// A shown text that contains a name the feedback version must not carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    /// The record file the text comes from.
    pub file: PathBuf,
    /// The item, as `checklist › section › item`.
    pub item: String,
    pub field: ShownField,
    /// The name found in the text.
    pub text: String,
    pub kind: MatchKind,
}

impl NameMatch {
    /// `file · item · field · text（what it is）`.
    pub fn line(&self, lang: Lang) -> String {
        let file = self.file.file_name().map_or_else(
            || self.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let (open, close) = match lang {
            Lang::Zh => ("（", "）"),
            Lang::En => (" (", ")"),
        };
        format!(
            "{file} · {} · {} · 「{}」{open}{}{close}",
            self.item,
            self.field.label(lang),
            self.text,
            self.kind.label(lang)
        )
    }
}

/// Check every text `feedback` shows against the names of `round`: each private reference of
/// every source; for a source from people also its name-like parts ([`name_parts`]), for a
/// material one (a file, a place) the surname-and-某 names in it; the code names of sources from people
/// and of every note that is not shown for its source (none, unknown or from people), the
/// people of such notes and of the notes and findings marked for transfer, and the
/// inspectors' names (and their parts). `records` are the records `review` was built from
/// (for file names); `round` every record whose names count, normally the whole round. Empty:
/// the feedback version may be written.
pub fn check_names(
    feedback: &Feedback,
    review: &Review,
    records: &[(PathBuf, Record)],
    round: &[&Record],
    catalog: &Catalog,
) -> Vec<NameMatch> {
    let needles = needles(round, catalog);
    if needles.is_empty() || feedback.entries.is_empty() {
        return Vec::new();
    }
    let patterns: Vec<&str> = needles.iter().map(|(t, _)| t.as_str()).collect();
    // a contiguous NFA: quick to build for the few hundred names of a round, and the texts
    // searched are short
    let automaton = AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(&patterns);
    let Ok(automaton) = automaton else {
        // Cannot happen with these sizes; refuse rather than let anything through.
        return vec![NameMatch {
            file: PathBuf::new(),
            item: String::new(),
            field: ShownField::Title,
            text: String::new(),
            kind: MatchKind::Reference,
        }];
    };
    let mut out: Vec<NameMatch> = Vec::new();
    for shown in &feedback.entries {
        let Some(entry) = review.entries.get(shown.entry) else {
            continue;
        };
        for (record, field, text) in shown.texts() {
            for m in automaton.find_overlapping_iter(text) {
                let Some((needle, kind)) = needles.get(m.pattern().as_usize()) else {
                    continue;
                };
                let file = records
                    .get(record)
                    .map_or_else(PathBuf::new, |(p, _)| p.clone());
                let found = NameMatch {
                    file,
                    item: super::item_path(&entry.item),
                    field,
                    text: needle.clone(),
                    kind: *kind,
                };
                if !out.contains(&found) {
                    out.push(found);
                }
            }
        }
    }
    out
}

/// Every name to look for, distinct, each with the first kind it was found as.
fn needles(round: &[&Record], catalog: &Catalog) -> Vec<(String, MatchKind)> {
    let mut seen: HashMap<String, MatchKind> = HashMap::new();
    // the units' own names are in the feedback's header anyway, and collective nouns name
    // nobody ("有的班子成员" is how a feedback speaks)
    let mut public: HashSet<String> = COLLECTIVE.iter().map(|w| w.to_string()).collect();
    for r in round {
        public.extend(name_parts(&r.unit));
        // sample data names its units 示例后勤管理处, its texts 后勤管理处
        if r.sample
            && let Some(unit) = r.unit.strip_prefix(crate::model::demo::SAMPLE_PREFIX)
        {
            public.extend(name_parts(unit));
        }
    }
    let mut out: Vec<(String, MatchKind)> = Vec::new();
    // names inside references written as phrases (与院办主任王建国个别谈话), checked against the
    // catalog's words once all are known
    let mut phrase: Vec<String> = Vec::new();
    let mut phrase_seen: HashSet<String> = HashSet::new();
    let mut add = |text: String, kind: MatchKind| {
        if text.chars().count() >= 2 && !seen.contains_key(&text) && !public.contains(&text) {
            seen.insert(text.clone(), kind);
            out.push((text, kind));
        }
    };
    for r in round {
        for part in name_parts(&r.inspector) {
            add(part, MatchKind::Inspector);
        }
        for s in &r.sources {
            if s.kind.is_material() {
                // a file or a place: the whole reference and the names in it
                add(s.reference.trim().to_string(), MatchKind::Reference);
                for name in surname_names(&s.reference) {
                    add(name, MatchKind::Reference);
                }
            } else {
                for part in name_parts(&s.reference) {
                    add(part, MatchKind::Reference);
                }
                add(s.code.trim().to_string(), MatchKind::Code);
                for name in super::names::phrase_names(&s.reference) {
                    if phrase_seen.insert(name.clone()) {
                        phrase.push(name);
                    }
                }
            }
        }
        for a in r.answers.values() {
            let transfer = a.finding.as_ref().is_some_and(|f| f.transfer);
            for n in &a.notes {
                let shown = r.source(&n.source).is_some_and(|s| s.kind.is_material());
                if !shown {
                    add(n.source.trim().to_string(), MatchKind::Code);
                }
                if !shown || transfer {
                    for part in name_parts(&n.people) {
                        add(part, MatchKind::People);
                    }
                }
            }
            if let Some(f) = a.finding.as_ref().filter(|f| f.transfer) {
                for part in name_parts(&f.people) {
                    add(part, MatchKind::People);
                }
            }
        }
    }
    // a part of a unit's name (管理处 of 后勤管理处) is public like the name
    let mut units: Vec<&str> = round.iter().map(|r| r.unit.as_str()).collect();
    units.sort_unstable();
    units.dedup();
    for name in super::names::names_not_words(catalog, phrase) {
        if !units.iter().any(|u| u.contains(name.as_str())) {
            add(name, MatchKind::Reference);
        }
    }
    out
}

/// Collective nouns that name nobody: never looked for, although a withheld note's people or a
/// reference may consist of one (a feedback says "有的班子成员……", "个别干部……").
pub const COLLECTIVE: &[&str] = &[
    "班子成员",
    "领导班子",
    "班子",
    "职工",
    "教职工",
    "教师",
    "学生",
    "师生",
    "党员",
    "干部",
    "中层干部",
    "群众",
];

/// The separators a reference or a list of people is split on: Chinese and ASCII commas,
/// enumeration commas, semicolons, colons, brackets, quotes, slashes, full stops, middle dots
/// and white space (a space next to a digit does not split: `发放 86 份` is one part).
const SEPARATORS: &[char] = &[
    '，', ',', '、', '；', ';', '：', ':', '（', '）', '(', ')', '/', '／', '。', '《', '》', '“',
    '”', '‘', '’', '"', '\'', '【', '】', '[', ']', '|', '·', '\n', '\t', '　',
];

/// Chinese surnames, the common ones first and then less common ones met in universities:
/// `周某` (a surname and 某) inside a longer part is a name too, and a surname starts a name
/// inside a phrase ([`super::names`]).
pub(crate) const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘\
于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎\
贺顾毛郝龚邵万钱严覃武戴莫孔向汤褚常康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦\
俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶\
解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞\
姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝\
洪阎储强鞠宣芮蔺帅晁冼邰郜阚禹匡揭仝钮练惠荆栗伏厉郁晋綦";

/// The whole of `s` and its name-like parts: `s` split on [`SEPARATORS`] (and on spaces not
/// next to a digit), each part trimmed and kept when it has at least two characters, two
/// letters in a row (Chinese characters are letters) and is not only 某; plus every
/// surname-and-某 (`周某`, `周某某`) inside a part.
pub fn name_parts(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut keep = |p: &str| {
        let p = p.trim();
        if name_like(p) && !out.iter().any(|o| o == p) {
            out.push(p.to_string());
        }
    };
    keep(s);
    let chars: Vec<char> = s.chars().collect();
    let mut part = String::new();
    let mut parts: Vec<String> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let split = SEPARATORS.contains(&c)
            || (c == ' ' && {
                let before = i.checked_sub(1).and_then(|j| chars.get(j));
                let after = chars.get(i + 1);
                !before.is_some_and(char::is_ascii_digit)
                    && !after.is_some_and(char::is_ascii_digit)
            });
        if split {
            parts.push(std::mem::take(&mut part));
        } else {
            part.push(c);
        }
    }
    parts.push(part);
    for p in &parts {
        keep(p);
    }
    for name in surname_names(s) {
        keep(&name);
    }
    out
}

/// Every surname-and-某 in `s`: `周某`, `周某某`.
pub fn surname_names(s: &str) -> Vec<String> {
    let cs: Vec<char> = s.chars().collect();
    let mut out: Vec<String> = Vec::new();
    for (i, w) in cs.windows(2).enumerate() {
        if w[1] == '某' && SURNAMES.contains(w[0]) {
            let twice = cs.get(i + 2) == Some(&'某');
            let name: String = cs[i..i + if twice { 3 } else { 2 }].iter().collect();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

fn name_like(p: &str) -> bool {
    let cs: Vec<char> = p.chars().collect();
    cs.len() >= 2
        && cs
            .windows(2)
            .any(|w| w[0].is_alphabetic() && w[1].is_alphabetic())
        && !cs.iter().all(|&c| c == '某')
}

/// The file a record came from, for messages.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
