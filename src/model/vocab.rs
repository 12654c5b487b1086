//! The fixed vocabularies shared by templates and records: source kinds, the 三大问题 and the
//! answer statuses. Files use short ASCII keys; the Chinese names are accepted when reading.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// How a fact was learned: the kind of an evidence source, and a suggested method on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    #[serde(alias = "专题汇报", alias = "工作汇报")]
    Briefing,
    #[serde(alias = "个别谈话")]
    Interview,
    #[serde(alias = "反映线索", alias = "信访")]
    Clue,
    #[serde(alias = "个人事项报告抽查")]
    PersonalReport,
    #[serde(alias = "调阅资料")]
    Documents,
    #[serde(alias = "民主测评", alias = "问卷", alias = "民主测评/问卷")]
    Survey,
    /// 座谈会: staff talking to the group. Records written before 座谈 and 列席 were told
    /// apart say `meeting` (座谈/列席); they read as this kind, the one from people (fail
    /// closed), and the inspector may re-file such a source as [`SourceKind::SitIn`].
    #[serde(
        alias = "座谈会",
        alias = "座谈",
        alias = "meeting",
        alias = "座谈/列席"
    )]
    Forum,
    /// 列席会议: the group sitting in on one of the unit's meetings.
    #[serde(alias = "列席会议", alias = "列席")]
    SitIn,
    #[serde(alias = "实地查看")]
    SiteVisit,
    #[serde(alias = "应知应会测试")]
    Test,
    #[serde(alias = "其他")]
    Other,
}

impl SourceKind {
    /// Every kind, in the order forms offer them (个别谈话 second: the default of a new source).
    pub const ALL: [SourceKind; 11] = [
        SourceKind::Briefing,
        SourceKind::Interview,
        SourceKind::Clue,
        SourceKind::PersonalReport,
        SourceKind::Documents,
        SourceKind::Survey,
        SourceKind::Forum,
        SourceKind::SitIn,
        SourceKind::SiteVisit,
        SourceKind::Test,
        SourceKind::Other,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        use SourceKind::*;
        match (self, lang) {
            (Briefing, Lang::Zh) => "专题汇报",
            (Briefing, Lang::En) => "briefing",
            (Interview, Lang::Zh) => "个别谈话",
            (Interview, Lang::En) => "interview",
            (Clue, Lang::Zh) => "反映线索",
            (Clue, Lang::En) => "reported clue",
            (PersonalReport, Lang::Zh) => "个人事项报告抽查",
            (PersonalReport, Lang::En) => "personal-report check",
            (Documents, Lang::Zh) => "调阅资料",
            (Documents, Lang::En) => "document review",
            (Survey, Lang::Zh) => "民主测评/问卷",
            (Survey, Lang::En) => "survey",
            (Forum, Lang::Zh) => "座谈会",
            (Forum, Lang::En) => "forum",
            (SitIn, Lang::Zh) => "列席会议",
            (SitIn, Lang::En) => "sitting in on a meeting",
            (SiteVisit, Lang::Zh) => "实地查看",
            (SiteVisit, Lang::En) => "site visit",
            (Test, Lang::Zh) => "应知应会测试",
            (Test, Lang::En) => "knowledge test",
            (Other, Lang::Zh) => "其他",
            (Other, Lang::En) => "other",
        }
    }

    /// The ASCII key written in files (the serde name).
    pub fn key(self) -> &'static str {
        use SourceKind::*;
        match self {
            Briefing => "briefing",
            Interview => "interview",
            Clue => "clue",
            PersonalReport => "personal-report",
            Documents => "documents",
            Survey => "survey",
            Forum => "forum",
            SitIn => "sit-in",
            SiteVisit => "site-visit",
            Test => "test",
            Other => "other",
        }
    }

    /// The *material* kinds: the unit's own documents and the group's own observation
    /// (调阅资料, 实地查看, 专题汇报 — the unit's own briefing —, 列席会议, 应知应会测试). The one
    /// list of them: every kind not in it is [`SourceClass::FromPeople`], including any kind
    /// added later, until it is put here on purpose (fail closed). Source of the rule:
    /// `docs/REPORT.md`, "Who may see what" in the design.
    pub const MATERIAL: [SourceKind; 5] = [
        SourceKind::Documents,
        SourceKind::SiteVisit,
        SourceKind::Briefing,
        SourceKind::SitIn,
        SourceKind::Test,
    ];

    /// Which of the two classes the kind belongs to: [`SourceKind::MATERIAL`], or from people.
    pub fn class(self) -> SourceClass {
        if SourceKind::MATERIAL.contains(&self) {
            SourceClass::Material
        } else {
            SourceClass::FromPeople
        }
    }

    /// Evidence of this kind may be shown to the inspected unit (see [`SourceKind::class`]).
    pub fn is_material(self) -> bool {
        self.class() == SourceClass::Material
    }
}

/// The two classes of source kinds. What the inspected unit sees carries evidence from
/// material sources only: what people said can identify them by its content, not only by a
/// name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceClass {
    /// The unit's own documents and the group's own observation.
    Material,
    /// 个别谈话, 座谈会, 反映线索/信访, 个人事项报告抽查, 民主测评/问卷 (free-text answers identify
    /// people), 其他 — and every kind not deliberately listed as material.
    FromPeople,
}

/// The 三大问题 every finding maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    #[serde(alias = "党的领导弱化")]
    Leadership,
    #[serde(alias = "党的建设缺失")]
    PartyBuilding,
    #[serde(alias = "全面从严治党不力")]
    Governance,
}

impl Category {
    pub const ALL: [Category; 3] = [
        Category::Leadership,
        Category::PartyBuilding,
        Category::Governance,
    ];

    /// The ASCII key written in files (the serde name).
    pub fn key(self) -> &'static str {
        match self {
            Category::Leadership => "leadership",
            Category::PartyBuilding => "party-building",
            Category::Governance => "governance",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Category::Leadership, Lang::Zh) => "党的领导弱化",
            (Category::Leadership, Lang::En) => "party leadership weakened",
            (Category::PartyBuilding, Lang::Zh) => "党的建设缺失",
            (Category::PartyBuilding, Lang::En) => "party building missing",
            (Category::Governance, Lang::Zh) => "全面从严治党不力",
            (Category::Governance, Lang::En) => "strict governance not carried out",
        }
    }
}

/// Where an inspector stands on one checklist item.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    #[serde(alias = "未查")]
    Unchecked,
    #[serde(alias = "未发现问题")]
    NoProblem,
    #[serde(alias = "发现问题")]
    Problem,
    #[serde(alias = "存疑待核")]
    Doubt,
    #[serde(alias = "不适用")]
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Unchecked,
        Status::NoProblem,
        Status::Problem,
        Status::Doubt,
        Status::NotApplicable,
    ];

    /// The ASCII key written in files (the serde name).
    pub fn key(self) -> &'static str {
        match self {
            Status::Unchecked => "unchecked",
            Status::NoProblem => "no-problem",
            Status::Problem => "problem",
            Status::Doubt => "doubt",
            Status::NotApplicable => "not-applicable",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Unchecked, Lang::Zh) => "未查",
            (Status::Unchecked, Lang::En) => "unchecked",
            (Status::NoProblem, Lang::Zh) => "未发现问题",
            (Status::NoProblem, Lang::En) => "no problem",
            (Status::Problem, Lang::Zh) => "发现问题",
            (Status::Problem, Lang::En) => "problem found",
            (Status::Doubt, Lang::Zh) => "存疑待核",
            (Status::Doubt, Lang::En) => "doubt",
            (Status::NotApplicable, Lang::Zh) => "不适用",
            (Status::NotApplicable, Lang::En) => "not applicable",
        }
    }

    /// An item counts as done once it has any status but 未查.
    pub fn is_done(self) -> bool {
        self != Status::Unchecked
    }

    /// 发现问题 and 存疑待核 carry a finding.
    pub fn has_finding(self) -> bool {
        matches!(self, Status::Problem | Status::Doubt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Probe {
        kind: SourceKind,
        category: Category,
        status: Status,
    }

    #[test]
    fn chinese_aliases_read_as_the_ascii_keys() {
        let p: Probe = toml::from_str(
            "kind = \"个别谈话\"\ncategory = \"党的建设缺失\"\nstatus = \"存疑待核\"",
        )
        .unwrap();
        assert_eq!(p.kind, SourceKind::Interview);
        assert_eq!(p.category, Category::PartyBuilding);
        assert_eq!(p.status, Status::Doubt);
    }

    #[test]
    fn keys_are_written_in_ascii() {
        #[derive(Serialize)]
        struct Out {
            kind: SourceKind,
            status: Status,
        }
        let s = toml::to_string(&Out {
            kind: SourceKind::SiteVisit,
            status: Status::NotApplicable,
        })
        .unwrap();
        assert_eq!(s, "kind = \"site-visit\"\nstatus = \"not-applicable\"\n");
    }

    #[test]
    fn key_is_the_serde_name() {
        fn serde_name<T: Serialize>(v: T) -> String {
            toml::Value::try_from(v)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        }
        for k in SourceKind::ALL {
            assert_eq!(k.key(), serde_name(k));
        }
        for c in Category::ALL {
            assert_eq!(c.key(), serde_name(c));
        }
        for s in Status::ALL {
            assert_eq!(s.key(), serde_name(s));
        }
    }

    #[test]
    fn unknown_key_names_what_was_expected() {
        let err = toml::from_str::<Probe>(
            "kind = \"谈心\"\ncategory = \"leadership\"\nstatus = \"problem\"",
        )
        .err()
        .unwrap();
        assert!(err.message().contains("interview"), "{}", err.message());
    }

    #[test]
    fn the_two_classes_are_the_documented_ones_and_unlisted_kinds_are_from_people() {
        use SourceKind::*;
        let material: Vec<SourceKind> = SourceKind::ALL
            .into_iter()
            .filter(|k| k.is_material())
            .collect();
        assert_eq!(material, [Briefing, Documents, SitIn, SiteVisit, Test]);
        for k in [Interview, Forum, Clue, PersonalReport, Survey, Other] {
            assert_eq!(k.class(), SourceClass::FromPeople, "{k:?}");
        }
        // the class is decided by the one list, nowhere else
        for k in SourceKind::ALL {
            assert_eq!(k.is_material(), SourceKind::MATERIAL.contains(&k));
        }
    }

    #[test]
    fn an_old_meeting_source_reads_as_a_forum_and_is_written_as_one() {
        for old in ["meeting", "座谈/列席", "座谈", "座谈会", "forum"] {
            let p: Probe = toml::from_str(&format!(
                "kind = \"{old}\"\ncategory = \"leadership\"\nstatus = \"problem\""
            ))
            .unwrap();
            assert_eq!(p.kind, SourceKind::Forum, "{old}");
        }
        for sit_in in ["sit-in", "列席", "列席会议"] {
            let p: Probe = toml::from_str(&format!(
                "kind = \"{sit_in}\"\ncategory = \"leadership\"\nstatus = \"problem\""
            ))
            .unwrap();
            assert_eq!(p.kind, SourceKind::SitIn, "{sit_in}");
        }
        assert_eq!(SourceKind::Forum.key(), "forum");
        assert!(!SourceKind::Forum.is_material() && SourceKind::SitIn.is_material());
    }

    #[test]
    fn labels_exist_in_both_languages() {
        for k in SourceKind::ALL {
            assert!(!k.label(Lang::Zh).is_empty() && !k.label(Lang::En).is_empty());
        }
        assert_eq!(Status::Problem.label(Lang::Zh), "发现问题");
        assert!(Status::Doubt.has_finding() && !Status::NoProblem.has_finding());
        assert!(!Status::Unchecked.is_done() && Status::NotApplicable.is_done());
    }
}
