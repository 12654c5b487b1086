//! 回头看 (the follow-up check): a one-off checklist template for a unit, made from the problems
//! an earlier round fed back to it and from the unit's 整改台账. One item per problem,
//! 「<问题>：整改是否到位」, its guide holding what the ledger says (measures, deadline, type,
//! progress, evidence), checked by documents and a site visit. Pure: the command line writes
//! the text into the user's checklist folder, where the catalog finds it. Rules in
//! `docs/REPORT.md` ("回头看").

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::ledger::{Ledger, LedgerItem};
use super::template::{Focus, Role, valid_id};
use super::vocab::{Category, SourceKind};
use crate::i18n::Lang;

/// What every follow-up template id starts with.
pub const ID_PREFIX: &str = "huitoukan";

/// The longest slug of a round or a unit name in a template id, in bytes.
const SLUG_MAX: usize = 40;

/// A problem fed back to the unit, as the ledger lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct FedBackProblem {
    /// The finding's key, `单位/清单id/条目id`.
    pub key: String,
    /// 序号 in the unit's ledger.
    pub number: u32,
    /// 反馈问题: the feedback wording.
    pub problem: String,
    /// The finding's 三大问题, when known.
    pub category: Option<Category>,
}

/// `huitoukan-<round>-<unit>`, each part in ASCII: Chinese characters by their pinyin, letters
/// lower-cased, digits kept, everything else a `-` (see [`slug`]). Always a valid template id.
pub fn template_id(round: &str, unit: &str) -> String {
    format!("{ID_PREFIX}-{}-{}", slug(round), slug(unit))
}

/// A name as lower-case ASCII letters, digits and single `-`: each Chinese character by its
/// pinyin (first reading, no tone), other characters a separator; at most [`SLUG_MAX`] bytes.
/// A name that leaves nothing (only punctuation, a script without pinyin) is the first eight
/// hex digits of its SHA-256.
pub fn slug(name: &str) -> String {
    use pinyin::ToPinyin;
    let mut out = String::new();
    let push_sep = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    };
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(p) = c.to_pinyin() {
            push_sep(&mut out);
            out.push_str(p.plain());
            out.push('-');
        } else {
            push_sep(&mut out);
        }
    }
    let mut s = out.trim_matches('-').to_string();
    if s.len() > SLUG_MAX {
        s.truncate(SLUG_MAX);
        s = s.trim_end_matches('-').to_string();
    }
    if s.is_empty() || !valid_id(&s) {
        let digest = Sha256::digest(name.as_bytes());
        s = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    }
    s
}

#[derive(Serialize)]
struct OutTemplate {
    id: String,
    title: String,
    version: String,
    description: String,
    basis: Vec<String>,
    sections: Vec<OutSection>,
}

#[derive(Serialize)]
struct OutSection {
    id: String,
    title: String,
    items: Vec<OutItem>,
}

#[derive(Serialize)]
struct OutItem {
    id: String,
    text: String,
    guide: String,
    methods: Vec<SourceKind>,
    category: Category,
    focus: Focus,
    roles: Vec<Role>,
}

/// The methods of every follow-up item: 调阅资料 and 实地查看.
pub const METHODS: [SourceKind; 2] = [SourceKind::Documents, SourceKind::SiteVisit];

/// The follow-up template of `unit` after round `round` as TOML text (a checklist template,
/// `docs/FORMAT.md`), from the problems fed back to it (in the ledger's order) and its ledger,
/// if one was imported. Sections by 三大问题 (a problem without one under 全面从严治党不力);
/// each item's id is the finding's `清单id-条目id`. The version is the first eight hex digits of
/// the SHA-256 of the rest, so the same problems and ledger give the same file.
///
/// # Errors
/// The TOML writer refused (it cannot for these values).
pub fn template_toml(
    round: &str,
    unit: &str,
    problems: &[FedBackProblem],
    ledger: Option<&Ledger>,
) -> Result<String, toml::ser::Error> {
    let mut sections: Vec<OutSection> = Vec::new();
    let mut used: Vec<String> = Vec::new();
    for category in Category::ALL {
        let mut items = Vec::new();
        for p in problems
            .iter()
            .filter(|p| p.category.unwrap_or(Category::Governance) == category)
        {
            let item = ledger.and_then(|l| l.item(&p.key));
            let mut id = item_id(&p.key, p.number);
            if used.contains(&id) {
                id = format!("{id}-{}", p.number);
            }
            used.push(id.clone());
            items.push(OutItem {
                id,
                text: item_text(item.map_or(p.problem.as_str(), |i| i.problem.as_str())),
                guide: guide(item),
                methods: METHODS.to_vec(),
                category,
                focus: Focus::Rectification,
                roles: vec![Role::Secretary, Role::Member],
            });
        }
        if !items.is_empty() {
            sections.push(OutSection {
                id: category.key().to_string(),
                title: category.label(Lang::Zh).to_string(),
                items,
            });
        }
    }
    let mut template = OutTemplate {
        id: template_id(round, unit),
        title: format!("回头看：{unit}（{round}巡察反馈问题整改）"),
        version: String::new(),
        description: format!(
            "根据{round}巡察向{unit}反馈的 {} 个问题{}生成，用于回头看：逐条核查整改是否到位，\
             已销号的问题是否反弹，长效机制是否建立。由 xuncha new --follow-up 生成，再次运行时按最新台账重写。",
            problems.len(),
            if ledger.is_some_and(|l| !l.items.is_empty()) {
                "和整改台账"
            } else {
                "（尚未导入整改台账）"
            }
        ),
        basis: vec![
            format!("{round}巡察反馈意见"),
            format!("{unit}巡察整改台账"),
        ],
        sections,
    };
    let body = toml::to_string(&template)?;
    let digest = Sha256::digest(body.as_bytes());
    template.version = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    toml::to_string(&template)
}

/// `清单id-条目id` of a finding key `单位/清单id/条目id`; `p<序号>` when the key has no ids.
fn item_id(key: &str, number: u32) -> String {
    let mut parts = key.rsplitn(3, '/');
    let item = parts.next().unwrap_or_default();
    let template = parts.next().unwrap_or_default();
    let id = format!("{template}-{item}");
    if valid_id(&id) && !template.is_empty() {
        id
    } else {
        format!("p{number}")
    }
}

/// 「<问题>：整改是否到位」: the problem on one line, its closing punctuation dropped.
pub fn item_text(problem: &str) -> String {
    let one_line: Vec<&str> = problem
        .lines()
        .map(|l| l.trim().trim_end_matches(['。', '；', ';', '.', '，', ',']))
        .filter(|l| !l.is_empty())
        .collect();
    format!("{}：整改是否到位", one_line.join("；"))
}

/// The guide of a follow-up item: what the ledger says of the problem, then how to check it.
pub fn guide(item: Option<&LedgerItem>) -> String {
    let mut lines: Vec<String> = Vec::new();
    match item {
        None => lines.push(
            "整改台账：尚未导入此问题的整改情况（xuncha rectify import），向单位索取整改台账。"
                .to_string(),
        ),
        Some(i) => {
            let or_blank = |s: &str| {
                if s.trim().is_empty() {
                    "（台账未填写）".to_string()
                } else {
                    s.trim().replace('\n', "；")
                }
            };
            lines.push(format!("整改措施：{}", or_blank(&i.measures)));
            let deadline = i
                .deadline
                .map_or_else(|| "（台账未填写）".to_string(), |d| d.to_string());
            match i.kind {
                Some(k) => lines.push(format!("完成时限：{deadline}（{}）", k.label(Lang::Zh))),
                None => lines.push(format!("完成时限：{deadline}")),
            }
            if !i.leaders.trim().is_empty() || !i.departments.trim().is_empty() {
                lines.push(format!(
                    "责任领导：{}；责任部门/责任人：{}",
                    or_blank(&i.leaders),
                    or_blank(&i.departments)
                ));
            }
            lines.push(format!(
                "台账进展：{}（{} 导入）",
                i.progress.map_or("未填写", |p| p.label(Lang::Zh)),
                i.imported.0.format("%Y-%m-%d")
            ));
            if !i.evidence.trim().is_empty() {
                lines.push(format!("佐证材料：{}", or_blank(&i.evidence)));
            }
            if !i.signoff.trim().is_empty() {
                lines.push(format!("销号审核：{}", or_blank(&i.signoff)));
            }
        }
    }
    lines.push(
        "核查：调阅整改台账、佐证材料和新建制度，实地查看整改成效；已销号的看是否反弹，\
         长效机制是否建立。结论：到位、基本到位、未到位或反弹。"
            .to_string(),
    );
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Template;
    use crate::model::ledger::{Progress, RectifyType};
    use crate::testing::at;

    fn problems() -> Vec<FedBackProblem> {
        vec![
            FedBackProblem {
                key: "计算机学院/zhengzhi-jilv/first-topic".into(),
                number: 1,
                problem: "有的上级重要文件传达学习滞后，最长 62 天。".into(),
                category: Some(Category::Leadership),
            },
            FedBackProblem {
                key: "计算机学院/baxiang-guiding/reception-approval".into(),
                number: 2,
                problem: "公务接待先接待后审批。\n陪餐人数超标。".into(),
                category: None,
            },
        ]
    }

    fn ledger() -> Ledger {
        let mut l = Ledger::new("第三轮", "计算机学院");
        l.items.push(LedgerItem {
            key: "计算机学院/zhengzhi-jilv/first-topic".into(),
            hash: "0".repeat(64),
            number: 1,
            problem: "有的上级重要文件传达学习滞后，最长 62 天。".into(),
            measures: "修订第一议题学习制度\n建立传达台账".into(),
            leaders: "学院党委书记".into(),
            departments: "党政办公室".into(),
            deadline: Some("2027-03-31".parse().unwrap()),
            kind: Some(RectifyType::Deadline),
            progress: Some(Progress::InProgress),
            evidence: "党委会纪要".into(),
            signoff: String::new(),
            imported: at(30, 9),
        });
        l
    }

    #[test]
    fn ids_are_ascii_and_valid() {
        assert_eq!(slug("第三轮"), "di-san-lun");
        assert_eq!(slug("计算机学院"), "ji-suan-ji-xue-yuan");
        assert_eq!(slug("2026年 第2轮"), "2026-nian-di-2-lun");
        assert_eq!(slug("ABC·学院"), "abc-xue-yuan");
        assert_eq!(
            template_id("第三轮", "计算机学院"),
            "huitoukan-di-san-lun-ji-suan-ji-xue-yuan"
        );
        for name in ["", "……", "Ελλάδα", "a/b\\c", &"长".repeat(100)] {
            let s = slug(name);
            assert!(valid_id(&s), "{name}: {s}");
            assert!(s.len() <= SLUG_MAX, "{s}");
            assert!(valid_id(&template_id(name, name)));
        }
        assert_ne!(slug("……"), slug("——"));
    }

    #[test]
    fn one_item_per_problem_with_the_ledger_in_its_guide() {
        let l = ledger();
        let text = template_toml("第三轮", "计算机学院", &problems(), Some(&l)).unwrap();
        let t = Template::parse("huitoukan.toml", &text).unwrap();
        assert_eq!(t.id, "huitoukan-di-san-lun-ji-suan-ji-xue-yuan");
        assert_eq!(t.item_count(), 2);
        assert_eq!(t.sections.len(), 2);
        let first = t.item("zhengzhi-jilv-first-topic").unwrap();
        assert_eq!(
            first.text,
            "有的上级重要文件传达学习滞后，最长 62 天：整改是否到位"
        );
        assert!(
            first
                .guide
                .contains("整改措施：修订第一议题学习制度；建立传达台账"),
            "{}",
            first.guide
        );
        assert!(
            first.guide.contains("完成时限：2027-03-31（限期整改）"),
            "{}",
            first.guide
        );
        assert!(first.guide.contains("台账进展：推进中"), "{}", first.guide);
        assert_eq!(first.methods, METHODS);
        assert_eq!(first.category, Category::Leadership);
        assert_eq!(first.focus, Some(Focus::Rectification));
        let second = t.item("baxiang-guiding-reception-approval").unwrap();
        assert_eq!(
            second.text,
            "公务接待先接待后审批；陪餐人数超标：整改是否到位"
        );
        assert!(second.guide.contains("尚未导入"), "{}", second.guide);
        assert_eq!(second.category, Category::Governance);
        // the same input gives the same file; a changed ledger another version
        assert_eq!(
            template_toml("第三轮", "计算机学院", &problems(), Some(&l)).unwrap(),
            text
        );
        let mut later = l.clone();
        later.items[0].progress = Some(Progress::Done);
        let other = template_toml("第三轮", "计算机学院", &problems(), Some(&later)).unwrap();
        assert_ne!(
            Template::parse("x.toml", &other).unwrap().version,
            t.version
        );
    }

    #[test]
    fn without_a_ledger_every_item_asks_for_it() {
        let text = template_toml("第三轮", "计算机学院", &problems(), None).unwrap();
        let t = Template::parse("huitoukan.toml", &text).unwrap();
        assert!(t.description.contains("尚未导入整改台账"));
        assert!(t.items().all(|(_, i)| i.guide.contains("尚未导入")));
    }

    #[test]
    fn keys_without_ids_still_give_unique_item_ids() {
        let mut p = problems();
        p[1].key = "计算机学院/zhengzhi-jilv/first-topic".into();
        p[1].category = Some(Category::Leadership);
        p.push(FedBackProblem {
            key: "奇怪".into(),
            number: 3,
            problem: "x".into(),
            category: None,
        });
        let text = template_toml("第三轮", "计算机学院", &p, None).unwrap();
        let t = Template::parse("huitoukan.toml", &text).unwrap();
        assert_eq!(t.item_count(), 3);
        assert!(t.item("p3").is_some());
    }
}
