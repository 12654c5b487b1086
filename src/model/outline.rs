//! 谈话提纲: the interview outline for one kind of interviewee, generated from the checklist
//! items that list the role (`roles`), as Markdown.
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
use super::template::{Catalog, Role, UnitType, answer_key};
use super::vocab::Status;

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
fn chinese_numeral(n: usize) -> String {
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
    let mut out = String::new();
    let unit = if options.unit.trim().is_empty() {
        "＿＿＿＿"
    } else {
        options.unit.trim()
    };
    let _ = writeln!(out, "# 谈话提纲（{}）\n", role.label(crate::i18n::Lang::Zh));
    let _ = write!(out, "被巡察单位：{unit}");
    if let Some(t) = options.unit_type {
        let _ = write!(out, "（{}）", t.label(crate::i18n::Lang::Zh));
    }
    let _ = writeln!(
        out,
        "　谈话对象：＿＿＿＿　谈话时间：＿＿＿＿　谈话人：＿＿＿＿　记录人：＿＿＿＿\n"
    );
    let _ = writeln!(
        out,
        "> 本提纲供巡察组内部使用，不得向谈话对象出示，谈话结束后随谈话记录一并归档。\n"
    );

    out.push_str("## 一、开场告知\n\n");
    for line in [
        "表明身份和来意：我们是校党委第＿巡察组，受校党委巡察工作领导小组派遣，对本单位党组织开展巡察。个别谈话是巡察了解情况的重要方式，请您结合自己的工作和了解的情况谈一谈。",
        "谈话纪律：请实事求是反映情况，对反映问题的真实性负责；反映的问题请尽量具体到时间、地点、人员、金额和数量，有材料的可以提供。",
        "保密承诺：谈话内容严格保密，只用于巡察工作，谈话对象和谈话内容不向被巡察单位和任何无关人员透露；也请您对谈话内容保密，不对外谈论。",
        "说明谈话由两人进行，一人提问、一人记录，记录不给被巡察单位。",
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(out, "{}. {}", line.0 + 1, line.1);
    }
    let _ = writeln!(out, "\n本类谈话对象的重点：{}\n", emphasis(role));

    out.push_str("## 二、了解的问题\n\n");
    let mut asked = 0;
    let mut open = 0;
    let mut group = 0;
    for template in catalog.templates() {
        for section in &template.sections {
            let items: Vec<_> = section
                .items
                .iter()
                .filter(|i| i.roles.contains(&role) && i.applies(options.unit_type))
                .collect();
            if items.is_empty() {
                continue;
            }
            group += 1;
            let _ = writeln!(
                out,
                "### （{}）{} · {}\n",
                chinese_numeral(group),
                template.title,
                section.title
            );
            for item in items {
                asked += 1;
                let key = answer_key(&template.id, &item.id);
                let mark = match settled(options.records, &key) {
                    Some(Status::Problem) => "　【已发现问题，可进一步印证】",
                    Some(Status::Doubt) => "　【存疑待核，重点追问】",
                    Some(Status::NoProblem) => "　【已查清：未发现问题】",
                    Some(Status::NotApplicable) => "　【已查：不适用】",
                    _ => {
                        open += 1;
                        ""
                    }
                };
                let _ = writeln!(out, "{asked}. {}{mark}", item.text);
                let _ = writeln!(
                    out,
                    "   - 印证要点（谈后调阅核对）：{}",
                    follow_up(&item.guide)
                );
                if !item.refs.is_empty() {
                    let _ = writeln!(out, "   - 汇总自：{}", item.refs.join("、"));
                }
                let _ = writeln!(out, "   - 对应检查项：`{key}`");
            }
            out.push('\n');
        }
    }
    if asked == 0 {
        out.push_str("（在用清单中没有列出此类谈话对象的检查项。）\n\n");
    } else if !options.records.is_empty() {
        let _ = writeln!(out, "共 {asked} 个问题，其中尚未查清 {open} 个。\n");
    }

    out.push_str("## 三、结束时的问题\n\n");
    for (n, line) in [
        "请您对本单位领导班子整体和主要负责人（书记、院长或主任）分别作出评价，说说优点和不足。",
        "您认为本单位当前最突出的问题是什么？",
        "对本单位改进工作、加强党的建设和全面从严治党，您有什么意见建议？",
        "您是否了解领导干部和重点岗位人员违反纪律的问题线索？不便当面说的，可以通过巡察组邮箱或书面反映。",
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(out, "{}. {line}", n + 1);
    }
    out.push_str(
        "\n## 四、记录提示\n\n记录要素齐全：时间、地点、谈话人、记录人、谈话对象；重点问答详实，不有言必录。\
         反映的问题注明涉及的检查项编号和可核实的材料，涉及领导干部的问题线索单独记录、单独保管。\n",
    );
    out
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
