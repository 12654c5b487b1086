//! Checklist templates: parsing, validation (every error positioned) and lookup.
//!
//! The file schema is documented in `docs/FORMAT.md`. Parsing reads into `raw` structs that keep
//! the source span of every id and text, so that semantic errors (duplicate ids, blank text) name
//! a line and column just like syntax errors do.

mod catalog;
mod parse;

pub use catalog::{Catalog, NEAR_DUPLICATE, Origin};

use serde::{Deserialize, Serialize};

use super::vocab::{Category, SourceKind, Status};
use crate::i18n::Lang;

/// A validated checklist template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: String,
    pub basis: Vec<String>,
    /// The unit types the whole checklist is meant for; empty: every type. An item's own
    /// `applies_to` narrows or replaces it (see [`Item::applies_to`]).
    pub applies_to: Vec<UnitType>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub text: String,
    pub guide: String,
    pub methods: Vec<SourceKind>,
    pub category: Category,
    /// Not confirmed against an official text.
    pub unverified: bool,
    pub note: String,
    pub thresholds: Vec<Threshold>,
    /// The unit types the item applies to, the template's own list when the item gives none;
    /// empty: every type. Filled in from the template when it is read.
    pub applies_to: Vec<UnitType>,
    /// Whom the item is asked of in an interview (谈话对象); empty: no one in particular.
    pub roles: Vec<Role>,
    /// Which of the 四个落实 it serves, if said.
    pub focus: Option<Focus>,
    /// Answer keys (`template-id/item-id`) of earlier items this one takes over: answers
    /// recorded against them are carried to this item when a record is read.
    pub replaces: Vec<String>,
    /// Answer keys of the detailed items this item rests on. An item with `refs` is a lens
    /// (the 三看): it is not answered itself; its state is rolled up from them
    /// ([`Catalog::rolled_up`]) and it is not counted in completion.
    pub refs: Vec<String>,
}

impl Item {
    /// Whether the item applies to a unit of type `unit` (`None`: type not given, so yes).
    pub fn applies(&self, unit: Option<UnitType>) -> bool {
        match unit {
            Some(u) => self.applies_to.is_empty() || self.applies_to.contains(&u),
            None => true,
        }
    }

    /// Whether the item is answered and counted: it applies to `unit` and is not a lens.
    pub fn counted(&self, unit: Option<UnitType>) -> bool {
        self.refs.is_empty() && self.applies(unit)
    }
}

/// The type of an inspected unit, which decides the items that apply (分类清单). Files use
/// the ASCII keys; the Chinese names are accepted when reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitType {
    /// 学院（院系）.
    #[serde(alias = "学院", alias = "院系")]
    College,
    /// 职能部门（机关部处）.
    #[serde(alias = "职能部门")]
    Department,
    /// 直属单位、附属单位和校办企业.
    #[serde(alias = "直属单位", alias = "直属单位·企业", alias = "企业")]
    Affiliate,
}

impl UnitType {
    pub const ALL: [UnitType; 3] = [UnitType::College, UnitType::Department, UnitType::Affiliate];

    /// The ASCII key written in files.
    pub fn key(self) -> &'static str {
        match self {
            UnitType::College => "college",
            UnitType::Department => "department",
            UnitType::Affiliate => "affiliate",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (UnitType::College, Lang::Zh) => "学院",
            (UnitType::College, Lang::En) => "college",
            (UnitType::Department, Lang::Zh) => "职能部门",
            (UnitType::Department, Lang::En) => "administrative department",
            (UnitType::Affiliate, Lang::Zh) => "直属单位·企业",
            (UnitType::Affiliate, Lang::En) => "affiliated unit or enterprise",
        }
    }
}

/// An interviewee role (谈话对象类别) an item is asked of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    #[serde(alias = "书记")]
    Secretary,
    #[serde(alias = "院长", alias = "行政负责人", alias = "院长/行政负责人")]
    Dean,
    #[serde(alias = "班子成员")]
    Member,
    #[serde(alias = "中层干部")]
    Cadre,
    #[serde(alias = "教师")]
    Teacher,
    #[serde(alias = "学生")]
    Student,
    #[serde(alias = "离退休人员", alias = "离退休")]
    Retiree,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Secretary,
        Role::Dean,
        Role::Member,
        Role::Cadre,
        Role::Teacher,
        Role::Student,
        Role::Retiree,
    ];

    /// The ASCII key written in files.
    pub fn key(self) -> &'static str {
        match self {
            Role::Secretary => "secretary",
            Role::Dean => "dean",
            Role::Member => "member",
            Role::Cadre => "cadre",
            Role::Teacher => "teacher",
            Role::Student => "student",
            Role::Retiree => "retiree",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Secretary, Lang::Zh) => "书记",
            (Role::Secretary, Lang::En) => "party secretary",
            (Role::Dean, Lang::Zh) => "院长/行政负责人",
            (Role::Dean, Lang::En) => "dean or head",
            (Role::Member, Lang::Zh) => "班子成员",
            (Role::Member, Lang::En) => "leadership team member",
            (Role::Cadre, Lang::Zh) => "中层干部",
            (Role::Cadre, Lang::En) => "middle-level cadre",
            (Role::Teacher, Lang::Zh) => "教师",
            (Role::Teacher, Lang::En) => "teacher",
            (Role::Student, Lang::Zh) => "学生",
            (Role::Student, Lang::En) => "student",
            (Role::Retiree, Lang::Zh) => "离退休人员",
            (Role::Retiree, Lang::En) => "retiree",
        }
    }
}

/// The 四个落实 of the 2024 巡视工作条例, the other way a report groups its problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Focus {
    /// 落实党的理论路线方针政策和党中央重大决策部署（履行职能责任）.
    #[serde(alias = "落实党中央决策部署")]
    Policy,
    /// 落实全面从严治党战略部署.
    #[serde(alias = "落实全面从严治党")]
    Governance,
    /// 落实新时代党的组织路线.
    #[serde(alias = "落实组织路线")]
    OrgLine,
    /// 落实巡视、审计等监督发现问题整改.
    #[serde(alias = "落实整改")]
    Rectification,
}

impl Focus {
    pub const ALL: [Focus; 4] = [
        Focus::Policy,
        Focus::Governance,
        Focus::OrgLine,
        Focus::Rectification,
    ];

    /// The ASCII key written in files.
    pub fn key(self) -> &'static str {
        match self {
            Focus::Policy => "policy",
            Focus::Governance => "governance",
            Focus::OrgLine => "org-line",
            Focus::Rectification => "rectification",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Focus::Policy, Lang::Zh) => "落实党的理论路线方针政策和党中央重大决策部署",
            (Focus::Policy, Lang::En) => "carrying out the Party's line and the central decisions",
            (Focus::Governance, Lang::Zh) => "落实全面从严治党战略部署",
            (Focus::Governance, Lang::En) => "carrying out strict Party governance",
            (Focus::OrgLine, Lang::Zh) => "落实新时代党的组织路线",
            (Focus::OrgLine, Lang::En) => "carrying out the Party's organisational line",
            (Focus::Rectification, Lang::Zh) => "落实巡视巡察、审计等监督发现问题整改",
            (Focus::Rectification, Lang::En) => "rectifying what inspections and audits found",
        }
    }
}

/// A local figure that differs by university, kept editable in the template.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub name: String,
    pub value: String,
    #[serde(default)]
    pub note: String,
}

impl Template {
    pub fn items(&self) -> impl Iterator<Item = (&Section, &Item)> {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter().map(move |i| (s, i)))
    }

    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    pub fn item(&self, item_id: &str) -> Option<&Item> {
        self.items().map(|(_, i)| i).find(|i| i.id == item_id)
    }
}

/// The state of a 三看 look from the states of the items it rests on: 发现问题 if any is, else
/// 存疑待核 if any is, else 未查 while any is unchecked (or there are none), else 未发现问题
/// (不适用 when every one is).
pub fn roll_up(states: impl IntoIterator<Item = Status>) -> Status {
    let states: Vec<Status> = states.into_iter().collect();
    if states.contains(&Status::Problem) {
        Status::Problem
    } else if states.contains(&Status::Doubt) {
        Status::Doubt
    } else if states.is_empty() || states.contains(&Status::Unchecked) {
        Status::Unchecked
    } else if states.iter().all(|s| *s == Status::NotApplicable) {
        Status::NotApplicable
    } else {
        Status::NoProblem
    }
}

pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The key of an answer: `template-id/item-id`.
pub fn answer_key(template_id: &str, item_id: &str) -> String {
    format!("{template_id}/{item_id}")
}

#[cfg(test)]
mod tests;
