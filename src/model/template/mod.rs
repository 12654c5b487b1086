//! Checklist templates: parsing, validation (every error positioned) and lookup.
//!
//! The file schema is documented in `docs/FORMAT.md`. Parsing reads into `raw` structs that keep
//! the source span of every id and text, so that semantic errors (duplicate ids, blank text) name
//! a line and column just like syntax errors do.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::diag::{self, Diagnostic};
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

    /// Read a key or a Chinese name, as on the command line (`--unit-type 学院`).
    pub fn parse(s: &str) -> Option<UnitType> {
        let s = s.trim();
        UnitType::ALL
            .into_iter()
            .find(|u| u.key() == s || u.label(Lang::Zh) == s || u.label(Lang::En) == s)
            .or(match s {
                "院系" => Some(UnitType::College),
                "直属单位" | "企业" => Some(UnitType::Affiliate),
                _ => None,
            })
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

    /// Read a key or a Chinese name (`--role 书记`).
    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.key() == s || r.label(Lang::Zh) == s)
            .or(match s {
                "院长" | "行政负责人" => Some(Role::Dean),
                "离退休" => Some(Role::Retiree),
                _ => None,
            })
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
    /// Parse and validate one template file. `file` is only used in messages. Errors: the
    /// first syntax or shape error the `toml` crate finds, else every semantic error (blank
    /// texts, bad or duplicate ids, empty lists), each positioned at line and column.
    pub fn parse(file: &str, text: &str) -> Result<Template, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: raw::Template =
            toml::from_str(text).map_err(|e| vec![diag::from_toml(file, text, &e)])?;
        let errors = Self::validate(file, text, &raw);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(raw.into_template())
    }

    /// Every semantic error of a parsed template (blank texts, bad ids, duplicates, empty
    /// lists), in file order.
    fn validate(file: &str, text: &str, raw: &raw::Template) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let check = |errors: &mut Vec<Diagnostic>, s: &Spanned<String>, what: &str, is_id| {
            if let Some(message) = check_text(s.get_ref(), what, is_id) {
                errors.push(Diagnostic::at(file, text, Some(s.span()), message));
            }
        };
        check(&mut errors, &raw.id, "template id", true);
        check(&mut errors, &raw.title, "template title", false);
        check(&mut errors, &raw.version, "version", false);
        let mut section_ids = HashSet::new();
        let mut item_ids = HashSet::new();
        let mut dupes = Vec::new();
        let mut own_links = Vec::new();
        if let Some(list) = &raw.applies_to
            && list.get_ref().is_empty()
        {
            errors.push(Diagnostic::at(
                file,
                text,
                Some(list.span()),
                "applies_to is empty; leave it out for a checklist that applies to every unit type"
                    .into(),
            ));
        }
        for section in &raw.sections {
            check(&mut errors, &section.id, "section id", true);
            check(&mut errors, &section.title, "section title", false);
            if !section_ids.insert(section.id.get_ref().as_str()) {
                dupes.push((section.id.clone(), "section"));
            }
            for item in &section.items {
                check(&mut errors, &item.id, "item id", true);
                check(&mut errors, &item.text, "item text", false);
                check(&mut errors, &item.guide, "item guide", false);
                if !item_ids.insert(item.id.get_ref().as_str()) {
                    dupes.push((item.id.clone(), "item"));
                }
                if let Some(list) = &item.applies_to
                    && list.get_ref().is_empty()
                {
                    errors.push(Diagnostic::at(
                        file,
                        text,
                        Some(list.span()),
                        "applies_to is empty; leave it out for an item that applies to every unit type".into(),
                    ));
                }
                for (list, what) in [(&item.replaces, "replaces"), (&item.refs, "refs")] {
                    for key in list {
                        if let Some(message) = check_key(key.get_ref(), what) {
                            errors.push(Diagnostic::at(file, text, Some(key.span()), message));
                        }
                    }
                }
                own_links.push(item);
                if item.methods.get_ref().is_empty() {
                    errors.push(Diagnostic::at(
                        file,
                        text,
                        Some(item.methods.span()),
                        "methods is empty; expected at least one source kind".into(),
                    ));
                }
            }
            if section.items.is_empty() {
                errors.push(Diagnostic::at(
                    file,
                    text,
                    Some(section.id.span()),
                    format!("section `{}` has no items", section.id.get_ref()),
                ));
            }
        }
        for (id, what) in dupes {
            errors.push(Diagnostic::at(
                file,
                text,
                Some(id.span()),
                format!(
                    "duplicate {what} id `{}`; ids must be unique in a template",
                    id.get_ref()
                ),
            ));
        }
        // Links inside this template: a lens refers to items that exist; an item does not
        // replace one that is still here. Links to other templates are checked on the whole
        // catalog ([`Catalog::link_problems`]).
        let own = raw.id.get_ref().as_str();
        for item in own_links {
            for key in &item.refs {
                if let Some((t, i)) = key.get_ref().split_once('/')
                    && t == own
                    && (!item_ids.contains(i) || i == item.id.get_ref())
                {
                    errors.push(Diagnostic::at(
                        file,
                        text,
                        Some(key.span()),
                        format!(
                            "refs names `{}`, which is not another item of this checklist",
                            key.get_ref()
                        ),
                    ));
                }
            }
            for key in &item.replaces {
                if let Some((t, i)) = key.get_ref().split_once('/')
                    && t == own
                    && item_ids.contains(i)
                {
                    errors.push(Diagnostic::at(
                        file,
                        text,
                        Some(key.span()),
                        format!(
                            "replaces names `{}`, which is still an item of this checklist",
                            key.get_ref()
                        ),
                    ));
                }
            }
        }
        if raw.sections.is_empty() {
            errors.push(Diagnostic::at(
                file,
                text,
                Some(raw.id.span()),
                "template has no sections; expected at least one [[sections]]".into(),
            ));
        }
        errors.sort_by_key(|d| (d.line, d.column));
        errors
    }

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

fn check_text(v: &str, what: &str, is_id: bool) -> Option<String> {
    if v.trim().is_empty() {
        Some(format!("{what} is empty; expected some text"))
    } else if is_id && !valid_id(v) {
        Some(format!(
            "{what} `{v}` may only use lowercase ASCII letters, digits and '-'"
        ))
    } else {
        None
    }
}

/// The share of character pairs two item texts must have in common to be warned of as nearly
/// the same. Set on the 2026.1 checklists: the 三看 items that restated 政治纪律 items share
/// 40–57 %; the most alike of two distinct 2026.2 items share 29 %.
pub const NEAR_DUPLICATE: f64 = 0.4;

/// The adjacent-character pairs of a text, punctuation, whitespace, digits and Latin letters
/// left out.
fn bigrams(text: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
        .collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

fn jaccard(a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
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

/// Why `key` is not an answer key `template-id/item-id`, for the field `what`.
fn check_key(key: &str, what: &str) -> Option<String> {
    match key.split_once('/') {
        Some((t, i)) if valid_id(t) && valid_id(i) => None,
        _ => Some(format!(
            "{what} entry `{key}` is not `template-id/item-id` (lowercase ASCII letters, digits and '-')"
        )),
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

/// Where a template in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn(&'static str),
    File(String),
}

/// The templates in use: built-in ones, overridden or extended by the user's folder.
/// Ordered: built-ins first in their fixed order, then user templates by file name.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<(Template, Origin)>,
    /// Built-in ids that a user template replaced, with the replacing file.
    overridden: BTreeMap<String, Origin>,
}

impl Catalog {
    /// Add a template; one with the same id replaces the earlier one in place.
    pub fn insert(&mut self, template: Template, origin: Origin) {
        if let Some(slot) = self.entries.iter_mut().find(|(t, _)| t.id == template.id) {
            self.overridden.insert(template.id.clone(), origin.clone());
            *slot = (template, origin);
        } else {
            self.entries.push((template, origin));
        }
    }

    pub fn get(&self, id: &str) -> Option<&Template> {
        self.entries.iter().map(|(t, _)| t).find(|t| t.id == id)
    }

    pub fn templates(&self) -> impl Iterator<Item = &Template> {
        self.entries.iter().map(|(t, _)| t)
    }

    pub fn entries(&self) -> &[(Template, Origin)] {
        &self.entries
    }

    pub fn is_overridden(&self, id: &str) -> bool {
        self.overridden.contains_key(id)
    }

    /// The state of a lens item (one with `refs`) rolled up from the items it rests on, as
    /// `status` gives them by answer key: 发现问题 if any is, else 存疑待核 if any is, else
    /// 未查 while any is unchecked, else 未发现问题 (不适用 when every one is). Refs the catalog
    /// does not have are skipped. An item without refs: `status` of its own key.
    pub fn rolled_up(
        &self,
        template_id: &str,
        item: &Item,
        status: impl Fn(&str) -> Status,
    ) -> Status {
        if item.refs.is_empty() {
            return status(&answer_key(template_id, &item.id));
        }
        roll_up(
            item.refs
                .iter()
                .filter(|key| self.resolve(key).is_some())
                .map(|key| status(key)),
        )
    }

    /// Problems with the links between the templates in use, one message each: a `refs` entry
    /// naming an item that is not in use or is itself a lens, a `replaces` entry naming an item
    /// that is still in use, and an old item claimed by two `replaces`.
    pub fn link_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut claimed: BTreeMap<&str, String> = BTreeMap::new();
        for t in self.templates() {
            for (_, item) in t.items() {
                let here = answer_key(&t.id, &item.id);
                for key in &item.refs {
                    match self.resolve(key) {
                        None => problems.push(format!(
                            "{here}: refs names `{key}`, which is not an item in use"
                        )),
                        Some((_, _, target)) if !target.refs.is_empty() => problems.push(format!(
                            "{here}: refs names `{key}`, which is itself rolled up from refs"
                        )),
                        Some(_) => {}
                    }
                }
                for key in &item.replaces {
                    if self.resolve(key).is_some() {
                        problems.push(format!(
                            "{here}: replaces names `{key}`, which is still an item in use: its answers stay there"
                        ));
                    }
                    if let Some(first) = claimed.insert(key.as_str(), here.clone()) {
                        problems.push(format!(
                            "{here}: replaces `{key}`, already replaced by {first}"
                        ));
                    }
                }
            }
        }
        problems
    }

    /// Warnings on the content of the templates in use, one message each, for `xuncha
    /// checklists check`: the link problems ([`Catalog::link_problems`]), items that list no
    /// interviewee `roles` (they never reach an interview outline), and pairs of items whose
    /// texts are nearly the same — the same fact asked twice. Near means that the two texts
    /// share at least [`NEAR_DUPLICATE`] of their character pairs (Jaccard similarity of the
    /// sets of adjacent-character pairs, punctuation, digits and Latin letters left out).
    pub fn content_warnings(&self) -> Vec<String> {
        let mut warnings = self.link_problems();
        let items: Vec<(String, &Item)> = self
            .templates()
            .flat_map(|t| t.items().map(move |(_, i)| (answer_key(&t.id, &i.id), i)))
            .collect();
        for (key, item) in &items {
            if item.roles.is_empty() {
                warnings.push(format!(
                    "{key}: no roles; the item is in no interview outline"
                ));
            }
        }
        let grams: Vec<HashSet<(char, char)>> =
            items.iter().map(|(_, i)| bigrams(&i.text)).collect();
        for a in 0..items.len() {
            for b in a + 1..items.len() {
                let similarity = jaccard(&grams[a], &grams[b]);
                if similarity >= NEAR_DUPLICATE {
                    warnings.push(format!(
                        "{} and {}: nearly the same text ({:.0}% shared); one fact, one item",
                        items[a].0,
                        items[b].0,
                        similarity * 100.0
                    ));
                }
            }
        }
        warnings
    }

    /// Whether a new record uses template `id` unless told otherwise: every built-in one (also
    /// where a user file replaced it); a template only the user's folder adds is chosen by hand.
    pub fn is_default(&self, id: &str) -> bool {
        self.entries
            .iter()
            .any(|(t, o)| t.id == id && (matches!(o, Origin::BuiltIn(_)) || self.is_overridden(id)))
    }

    /// The templates of a new record: those named in `ids` (each once, in the order given), or
    /// the [defaults](Self::is_default) when `ids` is empty.
    ///
    /// # Errors
    /// The first id the catalog does not have.
    pub fn for_new_record<'a>(&self, ids: &'a [String]) -> Result<Vec<&Template>, &'a str> {
        if ids.is_empty() {
            return Ok(self
                .templates()
                .filter(|t| self.is_default(&t.id))
                .collect());
        }
        let mut chosen: Vec<&Template> = Vec::new();
        for id in ids {
            let t = self.get(id).ok_or(id.as_str())?;
            if !chosen.iter().any(|c| c.id == t.id) {
                chosen.push(t);
            }
        }
        Ok(chosen)
    }

    /// Look up the item an answer key points at.
    pub fn resolve(&self, key: &str) -> Option<(&Template, &Section, &Item)> {
        let (tid, iid) = key.split_once('/')?;
        let t = self.get(tid)?;
        t.items().find(|(_, i)| i.id == iid).map(|(s, i)| (t, s, i))
    }
}

mod raw {
    use super::*;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Template {
        pub id: Spanned<String>,
        pub title: Spanned<String>,
        pub version: Spanned<String>,
        #[serde(default)]
        pub description: String,
        #[serde(default)]
        pub basis: Vec<String>,
        #[serde(default)]
        pub applies_to: Option<Spanned<Vec<UnitType>>>,
        #[serde(default)]
        pub sections: Vec<Section>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Section {
        pub id: Spanned<String>,
        pub title: Spanned<String>,
        #[serde(default)]
        pub items: Vec<Item>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Item {
        pub id: Spanned<String>,
        pub text: Spanned<String>,
        pub guide: Spanned<String>,
        pub methods: Spanned<Vec<SourceKind>>,
        pub category: Category,
        #[serde(default)]
        pub unverified: bool,
        #[serde(default)]
        pub note: String,
        #[serde(default)]
        pub thresholds: Vec<Threshold>,
        #[serde(default)]
        pub applies_to: Option<Spanned<Vec<UnitType>>>,
        #[serde(default)]
        pub roles: Vec<Role>,
        #[serde(default)]
        pub focus: Option<Focus>,
        #[serde(default)]
        pub replaces: Vec<Spanned<String>>,
        #[serde(default)]
        pub refs: Vec<Spanned<String>>,
    }

    impl Template {
        pub fn into_template(self) -> super::Template {
            let applies_to = self.applies_to.map(Spanned::into_inner).unwrap_or_default();
            super::Template {
                id: self.id.into_inner(),
                title: self.title.into_inner().trim().to_string(),
                version: self.version.into_inner().trim().to_string(),
                description: self.description,
                basis: self.basis,
                applies_to: applies_to.clone(),
                sections: self
                    .sections
                    .into_iter()
                    .map(|s| super::Section {
                        id: s.id.into_inner(),
                        title: s.title.into_inner().trim().to_string(),
                        items: s
                            .items
                            .into_iter()
                            .map(|i| super::Item {
                                id: i.id.into_inner(),
                                text: i.text.into_inner().trim().to_string(),
                                guide: i.guide.into_inner().trim().to_string(),
                                methods: i.methods.into_inner(),
                                category: i.category,
                                unverified: i.unverified,
                                note: i.note,
                                thresholds: i.thresholds,
                                applies_to: i
                                    .applies_to
                                    .map_or_else(|| applies_to.clone(), Spanned::into_inner),
                                roles: i.roles,
                                focus: i.focus,
                                replaces: i.replaces.into_iter().map(Spanned::into_inner).collect(),
                                refs: i.refs.into_iter().map(Spanned::into_inner).collect(),
                            })
                            .collect(),
                    })
                    .collect(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "demo"
title = "示例清单"
version = "1"

[[sections]]
id = "s1"
title = "第一部分"

[[sections.items]]
id = "a"
text = "是否按期召开民主生活会？"
guide = "调阅近三年民主生活会方案、征求意见汇总、会议记录。"
methods = ["documents", "个别谈话"]
category = "party-building"

[[sections.items.thresholds]]
name = "陪餐人数"
value = "不超过 3 人"
"#;

    fn errors(text: &str) -> Vec<Diagnostic> {
        Template::parse("t.toml", text).err().unwrap_or_default()
    }

    #[test]
    fn a_good_template_parses() {
        let t = Template::parse("t.toml", GOOD).unwrap();
        assert_eq!(t.id, "demo");
        assert_eq!(t.item_count(), 1);
        let item = t.item("a").unwrap();
        assert_eq!(
            item.methods,
            vec![SourceKind::Documents, SourceKind::Interview]
        );
        assert_eq!(item.thresholds[0].name, "陪餐人数");
    }

    #[test]
    fn a_bom_is_accepted() {
        assert!(Template::parse("t.toml", &format!("\u{feff}{GOOD}")).is_ok());
    }

    #[test]
    fn missing_version_is_an_error() {
        let e = errors(&GOOD.replace("version = \"1\"\n", ""));
        assert_eq!(e.len(), 1);
        assert!(e[0].message.contains("version"), "{}", e[0]);
    }

    #[test]
    fn duplicate_item_id_points_at_the_second_one() {
        let twice = format!(
            "{GOOD}\n[[sections.items]]\nid = \"a\"\ntext = \"x\"\nguide = \"y\"\nmethods = [\"other\"]\ncategory = \"governance\"\n"
        );
        let e = errors(&twice);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].message.contains("duplicate item id `a`"));
        assert_eq!(
            e[0].line,
            twice
                .lines()
                .collect::<Vec<_>>()
                .iter()
                .rposition(|l| *l == "id = \"a\"")
                .unwrap()
                + 1
        );
    }

    #[test]
    fn blank_text_unknown_method_and_category_are_errors() {
        let e = errors(&GOOD.replace("是否按期召开民主生活会？", "  "));
        assert!(e[0].message.contains("item text is empty"), "{}", e[0]);
        let e = errors(&GOOD.replace("\"documents\"", "\"谈心谈话\""));
        assert!(e[0].message.contains("unknown variant"), "{}", e[0]);
        let e = errors(&GOOD.replace("party-building", "党风"));
        assert!(e[0].message.contains("leadership"), "{}", e[0]);
        let e = errors(&GOOD.replace("[\"documents\", \"个别谈话\"]", "[]"));
        assert!(e[0].message.contains("methods is empty"), "{}", e[0]);
    }

    #[test]
    fn misspelt_field_and_bad_id_are_errors() {
        let e = errors(&GOOD.replace("guide =", "guid ="));
        assert!(!e.is_empty());
        let e = errors(&GOOD.replace("id = \"s1\"", "id = \"第一\""));
        assert!(e[0].message.contains("lowercase"), "{}", e[0]);
    }

    /// Other spellings of the same template (comments, CRLF, other spacing, literal strings)
    /// read as the same template.
    #[test]
    fn other_spellings_read_alike() {
        let body = GOOD.trim_start();
        let plain = Template::parse("t.toml", body).unwrap();
        for text in [
            format!("# 本校版\n{body}"),
            body.replace('\n', "\r\n"),
            body.replacen("id = \"demo\"", "id=\"demo\"", 1),
            body.replacen("title = \"示例清单\"", "title = '''示例清单'''", 1),
            body.replacen("version = \"1\"", "version = \"1\" # 版本", 1),
        ] {
            assert_eq!(Template::parse("t.toml", &text).unwrap(), plain, "{text}");
        }
    }

    /// GOOD with these lines added to its item (after `category`).
    fn with_item_lines(lines: &str) -> String {
        GOOD.replace(
            "category = \"party-building\"\n",
            &format!("category = \"party-building\"\n{lines}\n"),
        )
    }

    #[test]
    fn applicability_roles_focus_and_links_are_read() {
        let text = with_item_lines(
            "roles = [\"secretary\", \"教师\", \"院长/行政负责人\"]\nfocus = \"org-line\"\nreplaces = [\"old/a\"]\nrefs = [\"other/b\"]",
        )
        .replace("version = \"1\"\n", "version = \"1\"\napplies_to = [\"学院\", \"affiliate\"]\n");
        let t = Template::parse("t.toml", &text).unwrap();
        let item = t.item("a").unwrap();
        assert_eq!(item.roles, [Role::Secretary, Role::Teacher, Role::Dean]);
        assert_eq!(item.focus, Some(Focus::OrgLine));
        assert_eq!(item.replaces, ["old/a"]);
        assert_eq!(item.refs, ["other/b"]);
        // the template's applies_to is the item's when it gives none
        assert_eq!(item.applies_to, [UnitType::College, UnitType::Affiliate]);
        assert!(item.applies(Some(UnitType::College)));
        assert!(!item.applies(Some(UnitType::Department)));
        assert!(item.applies(None));
        // a lens is not counted, wherever it applies
        assert!(!item.counted(Some(UnitType::College)));
        // an item's own list replaces the template's
        let own = text.replace("focus = ", "applies_to = [\"职能部门\"]\nfocus = ");
        let item = Template::parse("t.toml", &own)
            .unwrap()
            .item("a")
            .unwrap()
            .clone();
        assert_eq!(item.applies_to, [UnitType::Department]);
        // old templates without these fields: every unit type, no roles
        let plain = Template::parse("t.toml", GOOD).unwrap();
        let item = plain.item("a").unwrap();
        assert!(item.applies_to.is_empty() && item.roles.is_empty() && item.focus.is_none());
        assert!(item.counted(Some(UnitType::Department)));
    }

    /// Line and column (1-based, column in characters) of the first `needle` in `text`.
    fn position(text: &str, needle: &str) -> (usize, usize) {
        let at = text.find(needle).unwrap();
        let line = text[..at].matches('\n').count() + 1;
        let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        (line, text[start..at].chars().count() + 1)
    }

    #[test]
    fn bad_links_and_values_are_positioned() {
        let text = with_item_lines("replaces = [\"old/a\", \"no-slash\"]");
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].message
                .contains("`no-slash` is not `template-id/item-id`"),
            "{}",
            e[0]
        );
        assert_eq!((e[0].line, e[0].column), position(&text, "\"no-slash\""));

        let text = with_item_lines("refs = [\"demo/zz\"]");
        let e = errors(&text);
        assert!(
            e[0].message.contains("not another item of this checklist"),
            "{}",
            e[0]
        );
        assert_eq!((e[0].line, e[0].column), position(&text, "\"demo/zz\""));

        let text = with_item_lines("replaces = [\"demo/a\"]");
        let e = errors(&text);
        assert!(
            e[0].message.contains("still an item of this checklist"),
            "{}",
            e[0]
        );

        let text = with_item_lines("applies_to = []");
        let e = errors(&text);
        assert!(e[0].message.contains("applies_to is empty"), "{}", e[0]);
        assert_eq!((e[0].line, e[0].column), position(&text, "[]"));

        let text = with_item_lines("roles = [\"校长\"]");
        let e = errors(&text);
        assert!(e[0].message.contains("secretary"), "{}", e[0]);
        assert_eq!(e[0].line, position(&text, "\"校长\"").0);

        let text = with_item_lines("focus = \"整改\"");
        let e = errors(&text);
        assert!(e[0].message.contains("rectification"), "{}", e[0]);
    }

    #[test]
    fn a_lens_rolls_up_the_items_it_rests_on() {
        let text = format!(
            "{GOOD}\n[[sections.items]]\nid = \"b\"\ntext = \"x\"\nguide = \"y\"\nmethods = [\"other\"]\ncategory = \"governance\"\n\n[[sections.items]]\nid = \"look\"\ntext = \"看\"\nguide = \"汇总\"\nmethods = [\"other\"]\ncategory = \"leadership\"\nrefs = [\"demo/a\", \"demo/b\", \"gone/x\"]\n"
        );
        let mut c = Catalog::default();
        c.insert(
            Template::parse("t.toml", &text).unwrap(),
            Origin::BuiltIn("t"),
        );
        let t = c.get("demo").unwrap();
        let look = t.item("look").unwrap();
        let roll = |a: Status, b: Status| {
            c.rolled_up("demo", look, |key| match key {
                "demo/a" => a,
                "demo/b" => b,
                _ => Status::Problem, // a ref the catalog lacks is skipped
            })
        };
        use Status::*;
        assert_eq!(roll(Unchecked, NoProblem), Unchecked);
        assert_eq!(roll(NoProblem, NoProblem), NoProblem);
        assert_eq!(roll(NotApplicable, NoProblem), NoProblem);
        assert_eq!(roll(NotApplicable, NotApplicable), NotApplicable);
        assert_eq!(roll(Doubt, Unchecked), Doubt);
        assert_eq!(roll(Doubt, Problem), Problem);
        // an ordinary item is its own answer
        let a = t.item("a").unwrap();
        assert_eq!(
            c.rolled_up("demo", a, |k| if k == "demo/a" { Doubt } else { Problem }),
            Doubt
        );
        // the catalog sees the ref to a checklist it does not have
        let problems = c.link_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("`gone/x`"), "{problems:?}");
    }

    #[test]
    fn replacing_a_live_item_or_one_twice_is_a_link_problem() {
        let mut c = Catalog::default();
        c.insert(
            Template::parse("t.toml", GOOD).unwrap(),
            Origin::BuiltIn("t"),
        );
        let other = |id: &str, replaces: &str| {
            GOOD.replace("id = \"demo\"", &format!("id = \"{id}\""))
                .replace(
                    "category = \"party-building\"\n",
                    &format!("category = \"party-building\"\nreplaces = [\"{replaces}\"]\n"),
                )
        };
        c.insert(
            Template::parse("o.toml", &other("o1", "demo/a")).unwrap(),
            Origin::BuiltIn("o1"),
        );
        c.insert(
            Template::parse("p.toml", &other("o2", "old/x")).unwrap(),
            Origin::BuiltIn("o2"),
        );
        c.insert(
            Template::parse("q.toml", &other("o3", "old/x")).unwrap(),
            Origin::BuiltIn("o3"),
        );
        let problems = c.link_problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("o1/a") && problems[0].contains("still an item in use"));
        assert!(
            problems[1].starts_with("o3/a") && problems[1].contains("already replaced by o2/a")
        );
    }

    #[test]
    fn near_duplicates_and_items_without_roles_are_warned_of() {
        // the 2026.1 set asked the same facts twice in 三看 and 政治纪律
        let mut old = Catalog::default();
        for (name, text) in crate::model::demo::EARLIER {
            old.insert(Template::parse(name, text).unwrap(), Origin::BuiltIn(name));
        }
        let warnings = old.content_warnings();
        let twins = warnings
            .iter()
            .filter(|w| w.contains("nearly the same"))
            .count();
        assert!(twins >= 4, "{warnings:#?}");
        assert!(warnings.iter().any(|w| {
            w.contains("sankan/democratic-life-quality and zhengzhi-jilv/democratic-life-meeting")
        }));
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("sankan/rules-of-procedure: no roles"))
        );
        // the built-in set has none of either
        let (now, _) = crate::store::load_catalog(None);
        assert_eq!(now.content_warnings(), Vec::<String>::new());
    }

    #[test]
    fn unit_types_and_roles_read_from_the_command_line() {
        assert_eq!(UnitType::parse("学院"), Some(UnitType::College));
        assert_eq!(UnitType::parse("department"), Some(UnitType::Department));
        assert_eq!(UnitType::parse("企业"), Some(UnitType::Affiliate));
        assert_eq!(UnitType::parse("系"), None);
        assert_eq!(Role::parse("书记"), Some(Role::Secretary));
        assert_eq!(Role::parse("院长"), Some(Role::Dean));
        assert_eq!(Role::parse("retiree"), Some(Role::Retiree));
        assert_eq!(Role::parse("校长"), None);
        for r in Role::ALL {
            assert_eq!(Role::parse(r.key()), Some(r));
            assert_eq!(Role::parse(r.label(Lang::Zh)), Some(r));
        }
    }

    #[test]
    fn catalog_override_replaces_in_place() {
        let t = Template::parse("t.toml", GOOD).unwrap();
        let mut c = Catalog::default();
        c.insert(t.clone(), Origin::BuiltIn("demo.toml"));
        let mut t2 = t.clone();
        t2.title = "本校版".into();
        c.insert(t2, Origin::File("/x/demo.toml".into()));
        assert_eq!(c.templates().count(), 1);
        assert_eq!(c.get("demo").unwrap().title, "本校版");
        assert!(c.is_overridden("demo"));
        assert!(c.resolve("demo/a").is_some());
        assert!(c.resolve("demo/zz").is_none());
        assert!(c.resolve("nope").is_none());
    }

    #[test]
    fn a_new_record_gets_the_built_ins_unless_told_otherwise() {
        let t = Template::parse("t.toml", GOOD).unwrap();
        let mut extra = t.clone();
        extra.id = "extra".into();
        let mut c = Catalog::default();
        c.insert(t.clone(), Origin::BuiltIn("demo.toml"));
        c.insert(extra, Origin::File("/x/extra.toml".into()));
        assert!(c.is_default("demo") && !c.is_default("extra") && !c.is_default("nope"));
        let ids = |ts: Vec<&Template>| ts.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(c.for_new_record(&[]).unwrap()), ["demo"]);
        let asked = ["extra".to_string(), "demo".into(), "extra".into()];
        assert_eq!(ids(c.for_new_record(&asked).unwrap()), ["extra", "demo"]);
        assert_eq!(c.for_new_record(&["zz".to_string()]), Err("zz"));
        // a built-in replaced by a user file is still one
        c.insert(t, Origin::File("/x/demo.toml".into()));
        assert!(c.is_default("demo"));
    }
}
