//! 谈话提纲: the interview outline for one kind of interviewee, generated from the checklist
//! items that list the role (`roles`). [`Outline::build`] makes its content once; it is written
//! as Markdown ([`Outline::markdown`], `xuncha outline`), as a DOCX (`report::outline_docx`,
//! `xuncha outline --format docx`) and drawn by the inspect screen's outline overlay.
//!
//! Shape (after university 巡察 practice, `CHECKLIST-REVIEW.md` §3.1): the opening (who we are
//! and why, 谈话纪律, the confidentiality promise), what this kind of interviewee is asked about
//! most, the questions grouped by checklist and section in catalog order — each with the
//! points to corroborate taken from the item's guide and its answer key — then the closing questions
//! (评价班子和主要负责人, 突出问题, 意见建议, 问题线索) and a note for the one who records. With
//! the inspector's records of a unit, items already settled are marked, so that the outline
//! shows what is still open.
//!
//! The outline is for the inspectors only: it is never shown to the interviewee.

use std::fmt::Write as _;

use super::record::Record;
use super::template::{Catalog, Role, Template, UnitType, answer_key};
use super::vocab::Status;
use crate::i18n::Lang;

/// What to put in an outline.
#[derive(Debug, Clone, Default)]
pub struct OutlineOptions<'a> {
    /// The inspected unit's name, for the heading; empty: a blank to fill in.
    pub unit: &'a str,
    /// Only items that apply to this type of unit; none: every item.
    pub unit_type: Option<UnitType>,
    /// Records of the unit whose answers mark items as settled (any record that says so).
    pub records: &'a [Record],
}

/// One question of an outline: an item that lists the role.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Numbered from 1 through the whole outline.
    pub number: usize,
    /// The item's text.
    pub text: String,
    /// What the records already say about the item; `None`: still open (or no records given).
    pub settled: Option<Status>,
    /// The points to corroborate after the talk: the first clauses of the item's guide.
    pub follow_up: String,
    /// For a lens item, the answer keys of the items it is rolled up from.
    pub refs: Vec<String>,
    /// The item's answer key, `template-id/item-id`.
    pub key: String,
}

impl Question {
    /// The mark after the question for what the records say, e.g. `【已查清：未发现问题】`;
    /// empty while the item is open.
    pub fn mark(&self) -> &'static str {
        match self.settled {
            Some(Status::Problem) => "【已发现问题，可进一步印证】",
            Some(Status::Doubt) => "【存疑待核，重点追问】",
            Some(Status::NoProblem) => "【已查清：未发现问题】",
            Some(Status::NotApplicable) => "【已查：不适用】",
            _ => "",
        }
    }
}

/// The questions of one section of one checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// `清单 · 小节`.
    pub title: String,
    pub questions: Vec<Question>,
}

/// An interview outline's content, in the order it is read. Its texts are Chinese whatever
/// the interface language: an outline is a working paper of the 巡察组, like the reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub role: Role,
    /// `谈话提纲（书记）`.
    pub title: String,
    /// `被巡察单位：计算机学院（学院）`, a blank when no unit is given.
    pub unit: String,
    /// The blanks for the interviewee, the time and the two inspectors.
    pub blanks: &'static [&'static str],
    /// That the outline is for the inspectors only.
    pub notice: &'static str,
    /// 一、开场告知: who we are and why, 谈话纪律, the confidentiality promise, how the talk is
    /// recorded.
    pub opening: &'static [&'static str],
    /// What this kind of interviewee is asked about most.
    pub emphasis: &'static str,
    /// 二、了解的问题, by checklist and section in the order of the templates.
    pub groups: Vec<Group>,
    /// How many questions are asked.
    pub asked: usize,
    /// How many of them no record settles.
    pub open: usize,
    /// Records were given, so the count of open questions is said.
    pub with_records: bool,
    /// 三、结束时的问题.
    pub closing: &'static [&'static str],
    /// 四、记录提示.
    pub recording: &'static str,
}

/// The headings of the four parts, numbered 一 to 四.
pub const PARTS: [&str; 4] = ["开场告知", "了解的问题", "结束时的问题", "记录提示"];

/// Said instead of the questions when no item lists the role.
pub const NO_QUESTIONS: &str = "（在用清单中没有列出此类谈话对象的检查项。）";

const BLANKS: &[&str] = &[
    "谈话对象：＿＿＿＿",
    "谈话时间：＿＿＿＿",
    "谈话人：＿＿＿＿",
    "记录人：＿＿＿＿",
];

const NOTICE: &str = "本提纲供巡察组内部使用，不得向谈话对象出示，谈话结束后随谈话记录一并归档。";

const OPENING: &[&str] = &[
    "表明身份和来意：我们是校党委第＿巡察组，受校党委巡察工作领导小组派遣，对本单位党组织开展巡察。个别谈话是巡察了解情况的重要方式，请您结合自己的工作和了解的情况谈一谈。",
    "谈话纪律：请实事求是反映情况，对反映问题的真实性负责；反映的问题请尽量具体到时间、地点、人员、金额和数量，有材料的可以提供。",
    "保密承诺：谈话内容严格保密，只用于巡察工作，谈话对象和谈话内容不向被巡察单位和任何无关人员透露；也请您对谈话内容保密，不对外谈论。",
    "说明谈话由两人进行，一人提问、一人记录，记录不给被巡察单位。",
];

const CLOSING: &[&str] = &[
    "请您对本单位领导班子整体和主要负责人（书记、院长或主任）分别作出评价，说说优点和不足。",
    "您认为本单位当前最突出的问题是什么？",
    "对本单位改进工作、加强党的建设和全面从严治党，您有什么意见建议？",
    "您是否了解领导干部和重点岗位人员违反纪律的问题线索？不便当面说的，可以通过巡察组邮箱或书面反映。",
];

const RECORDING: &str = "记录要素齐全：时间、地点、谈话人、记录人、谈话对象；重点问答详实，不有言必录。\
反映的问题注明涉及的检查项编号和可核实的材料，涉及领导干部的问题线索单独记录、单独保管。";

impl Outline {
    /// The outline for `role` from the items of `templates` (in their order) that list it.
    pub fn build<'t>(
        templates: impl IntoIterator<Item = &'t Template>,
        role: Role,
        options: &OutlineOptions<'_>,
    ) -> Outline {
        let unit = if options.unit.trim().is_empty() {
            "＿＿＿＿"
        } else {
            options.unit.trim()
        };
        let mut unit = format!("被巡察单位：{unit}");
        if let Some(t) = options.unit_type {
            let _ = write!(unit, "（{}）", t.label(Lang::Zh));
        }
        let mut groups = Vec::new();
        let mut asked = 0;
        let mut open = 0;
        for template in templates {
            for section in &template.sections {
                let mut questions = Vec::new();
                for item in section
                    .items
                    .iter()
                    .filter(|i| i.roles.contains(&role) && i.applies(options.unit_type))
                {
                    asked += 1;
                    let key = answer_key(&template.id, &item.id);
                    let settled = settled(options.records, &key);
                    if settled.is_none() {
                        open += 1;
                    }
                    questions.push(Question {
                        number: asked,
                        text: item.text.clone(),
                        settled,
                        follow_up: follow_up(&item.guide),
                        refs: item.refs.clone(),
                        key,
                    });
                }
                if !questions.is_empty() {
                    groups.push(Group {
                        title: format!("{} · {}", template.title, section.title),
                        questions,
                    });
                }
            }
        }
        Outline {
            role,
            title: format!("谈话提纲（{}）", role.label(Lang::Zh)),
            unit,
            blanks: BLANKS,
            notice: NOTICE,
            opening: OPENING,
            emphasis: emphasis(role),
            groups,
            asked,
            open,
            with_records: !options.records.is_empty(),
            closing: CLOSING,
            recording: RECORDING,
        }
    }

    /// `共 12 个问题，其中尚未查清 5 个。`, when records were given and there are questions.
    pub fn count(&self) -> Option<String> {
        (self.with_records && self.asked > 0)
            .then(|| format!("共 {} 个问题，其中尚未查清 {} 个。", self.asked, self.open))
    }

    /// The unit and the blanks on one line, parted by a full-width space.
    pub fn header(&self) -> String {
        let mut line = self.unit.clone();
        for blank in self.blanks {
            line.push('　');
            line.push_str(blank);
        }
        line
    }

    /// `本类谈话对象的重点：…`.
    pub fn emphasis_line(&self) -> String {
        format!("本类谈话对象的重点：{}", self.emphasis)
    }

    /// The outline as Markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", self.title);
        let _ = writeln!(out, "{}\n", self.header());
        let _ = writeln!(out, "> {}\n", self.notice);
        let _ = writeln!(out, "## 一、{}\n", PARTS[0]);
        for (n, line) in self.opening.iter().enumerate() {
            let _ = writeln!(out, "{}. {line}", n + 1);
        }
        let _ = writeln!(out, "\n{}\n", self.emphasis_line());
        let _ = writeln!(out, "## 二、{}\n", PARTS[1]);
        for (g, group) in self.groups.iter().enumerate() {
            let _ = writeln!(out, "### （{}）{}\n", chinese_numeral(g + 1), group.title);
            for q in &group.questions {
                let mark = q.mark();
                let space = if mark.is_empty() { "" } else { "　" };
                let _ = writeln!(out, "{}. {}{space}{mark}", q.number, q.text);
                let _ = writeln!(out, "   - {}{}", FOLLOW_UP, q.follow_up);
                if !q.refs.is_empty() {
                    let _ = writeln!(out, "   - {}{}", ROLLED_UP_FROM, q.refs.join("、"));
                }
                let _ = writeln!(out, "   - {}`{}`", ITEM_KEY, q.key);
            }
            out.push('\n');
        }
        if self.asked == 0 {
            let _ = writeln!(out, "{NO_QUESTIONS}\n");
        } else if let Some(count) = self.count() {
            let _ = writeln!(out, "{count}\n");
        }
        let _ = writeln!(out, "## 三、{}\n", PARTS[2]);
        for (n, line) in self.closing.iter().enumerate() {
            let _ = writeln!(out, "{}. {line}", n + 1);
        }
        let _ = writeln!(out, "\n## 四、{}\n\n{}", PARTS[3], self.recording);
        out
    }
}

/// The labels of a question's lines: what to corroborate, what a look is rolled up from, the
/// item it comes from.
pub const FOLLOW_UP: &str = "印证要点（谈后调阅核对）：";
pub const ROLLED_UP_FROM: &str = "汇总自：";
pub const ITEM_KEY: &str = "对应检查项：";

/// What the records say about an item, for the mark after a question.
fn settled(records: &[Record], key: &str) -> Option<Status> {
    let states: Vec<Status> = records.iter().map(|r| r.status(key)).collect();
    [
        Status::Problem,
        Status::Doubt,
        Status::NoProblem,
        Status::NotApplicable,
    ]
    .into_iter()
    .find(|s| states.contains(s))
}

/// What the interviews of a role dwell on (从实践总结的谈话重点).
fn emphasis(role: Role) -> &'static str {
    match role {
        Role::Secretary => {
            "第一责任人履责、议事决策与前置研究、意识形态研判、党建与支部工作、选人用人、上轮巡察整改，以及对班子成员的评价。"
        }
        Role::Dean => {
            "党政协调、「三重一大」决策、学科教学科研任务、财务审批、招生招聘采购等高风险领域和本人「一岗双责」。"
        }
        Role::Member => {
            "分管领域的风险点和廉政谈话、班子团结、民主生活会中的相互批评，以及对书记和院长（主任）的评价。"
        }
        Role::Cadre => {
            "执行层面的情况：接待、用车、津补贴发放、报销、支部工作、会议记录和台账的实际做法。"
        }
        Role::Teacher => {
            "师德师风、职称评审和岗位聘用是否公平、津补贴分配、科研经费、院务公开与教代会，以及对班子的评价。"
        }
        Role::Student => "课堂情况、导师与劳务费、奖助学金推免评优是否公平、发展党员、辅导员工作。",
        Role::Retiree => "政治生态的变化、历史遗留问题、离退休工作和离退休党支部的落实情况。",
    }
}

/// 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99; larger numbers as digits).
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// The points to corroborate (印证要点) from a guide: its first two clauses.
fn follow_up(guide: &str) -> String {
    let mut out = String::new();
    for (n, part) in guide
        .split(['；', '。'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .take(2)
        .enumerate()
    {
        if n > 0 {
            out.push('；');
        }
        out.push_str(part);
    }
    out.push('。');
    out
}

/// The outline for `role` from the items of `catalog` that list it, as Markdown.
pub fn outline(catalog: &Catalog, role: Role, options: &OutlineOptions<'_>) -> String {
    Outline::build(catalog.templates(), role, options).markdown()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load_catalog;

    #[test]
    fn every_role_gets_an_outline_with_opening_questions_and_closing() {
        let (catalog, _) = load_catalog(None);
        for role in Role::ALL {
            let text = outline(&catalog, role, &OutlineOptions::default());
            assert!(text.starts_with(&format!(
                "# 谈话提纲（{}）",
                role.label(crate::i18n::Lang::Zh)
            )));
            for part in [
                "保密承诺",
                "谈话纪律",
                "## 二、了解的问题",
                "主要负责人",
                "问题线索",
                "意见建议",
            ] {
                assert!(text.contains(part), "{role:?} lacks {part}");
            }
            // the questions are exactly the items that list the role, in catalog order
            let expected: Vec<String> = catalog
                .templates()
                .flat_map(|t| t.items().map(move |(_, i)| (t, i)))
                .filter(|(_, i)| i.roles.contains(&role))
                .map(|(t, i)| answer_key(&t.id, &i.id))
                .collect();
            let found: Vec<String> = text
                .lines()
                .filter_map(|l| l.trim().strip_prefix("- 对应检查项：`"))
                .map(|k| k.trim_end_matches('`').to_string())
                .collect();
            assert_eq!(found, expected, "{role:?}");
            assert!(expected.len() >= 5, "{role:?}");
        }
    }

    #[test]
    fn unit_type_and_records_narrow_and_mark_the_questions() {
        let (catalog, _) = load_catalog(None);
        let all = outline(&catalog, Role::Student, &OutlineOptions::default());
        let office = OutlineOptions {
            unit: "后勤管理处",
            unit_type: Some(UnitType::Department),
            records: &[],
        };
        let text = outline(&catalog, Role::Student, &office);
        assert!(text.contains("被巡察单位：后勤管理处（职能部门）"));
        // 推免 is asked of students in a college, not of those met in an office
        assert!(all.contains("lide-shuren/postgrad-recommendation"));
        assert!(!text.contains("lide-shuren/postgrad-recommendation"));

        let secretary = |records: &[Record]| {
            outline(
                &catalog,
                Role::Secretary,
                &OutlineOptions {
                    unit: "计算机学院",
                    unit_type: Some(UnitType::College),
                    records,
                },
            )
        };
        let template = catalog.get("zhengzhi-jilv").unwrap();
        let mut r = Record::new(
            "计算机学院",
            "第三轮",
            "",
            "张三",
            &[template],
            crate::testing::at(26, 9),
        );
        r.answers
            .entry("zhengzhi-jilv/first-topic".into())
            .or_default()
            .status = Status::Problem;
        r.answers
            .entry("zhengzhi-jilv/major-matters-report".into())
            .or_default()
            .status = Status::NoProblem;
        let text = secretary(std::slice::from_ref(&r));
        let line = |key: &str| {
            let lines: Vec<&str> = text.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.contains(&format!("`{key}`")))
                .unwrap();
            lines[at - 2].to_string()
        };
        assert!(line("zhengzhi-jilv/first-topic").ends_with("【已发现问题，可进一步印证】"));
        assert!(line("zhengzhi-jilv/major-matters-report").ends_with("【已查清：未发现问题】"));
        assert!(line("zhengzhi-jilv/ideology-responsibility").ends_with('？'));
        assert!(text.contains("其中尚未查清"));
    }

    #[test]
    fn groups_are_numbered_in_chinese() {
        let got: Vec<String> = [1, 9, 10, 12, 20, 35, 100].map(chinese_numeral).to_vec();
        assert_eq!(got, ["一", "九", "十", "十二", "二十", "三十五", "100"]);
    }

    #[test]
    fn follow_up_points_are_the_first_clauses_of_the_guide() {
        assert_eq!(
            follow_up("调阅记录；统计次数；看措施。"),
            "调阅记录；统计次数。"
        );
        assert_eq!(follow_up("只有一句"), "只有一句。");
    }
}
