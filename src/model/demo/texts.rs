//! The texts of the demo round: `demo.toml`, embedded, in the shape it is written in.

use std::sync::OnceLock;

use serde::Deserialize;

use super::UnitKind;
use crate::model::record::Finding;
use crate::model::template::Role;
use crate::model::vocab::{Category, SourceKind, Status};

/// The texts of the round, as written in `demo.toml` (which documents each field).
pub(super) const TEXTS: &str = include_str!("../demo.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Texts {
    pub(super) round: String,
    pub(super) unit_copy: String,
    pub(super) units: Vec<String>,
    pub(super) inspectors: Vec<String>,
    pub(super) groups: Vec<String>,
    pub(super) surnames: Vec<String>,
    pub(super) undecided: String,
    pub(super) roles: ByUnitKind<Vec<Interviewee>>,
    pub(super) sources: SourceTexts,
    pub(super) not_applicable: ByUnitKind<String>,
    pub(super) prefixes: Prefixes,
    pub(super) orphan: Orphan,
    pub(super) generic: SectionText,
    pub(super) sections: Vec<SectionText>,
    pub(super) references: Vec<Reference>,
    pub(super) planned: Vec<Planned>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ByUnitKind<T> {
    pub(super) college: T,
    pub(super) office: T,
}

impl<T> ByUnitKind<T> {
    pub(super) fn of(&self, kind: UnitKind) -> &T {
        match kind {
            UnitKind::College => &self.college,
            UnitKind::Office => &self.office,
        }
    }
}

/// Someone interviewed: the title the reference names, and the source's 谈话对象 if one fits.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Interviewee {
    pub(super) title: String,
    #[serde(default)]
    pub(super) role: Option<Role>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SourceTexts {
    pub(super) interview: String,
    pub(super) briefing: String,
    pub(super) survey: String,
    pub(super) sit_in: String,
    pub(super) site_visit: String,
    pub(super) clue: String,
    pub(super) personal_report: String,
    pub(super) documents: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Prefixes {
    pub(super) interview: String,
    pub(super) clue: String,
    pub(super) briefing: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Orphan {
    pub(super) template: String,
    pub(super) item: String,
    pub(super) note: String,
    pub(super) figures: String,
    pub(super) finding: PlannedFinding,
}

/// The texts of generated answers to the items of one section (`id` empty for the generic).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SectionText {
    #[serde(default)]
    pub(super) id: String,
    pub(super) clean: [String; 2],
    pub(super) problem: String,
    pub(super) people: String,
    pub(super) basis: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Reference {
    pub(super) key: String,
    pub(super) kind: SourceKind,
    pub(super) text: String,
}

/// A hand-written answer of the default round.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Planned {
    pub(super) unit: usize,
    pub(super) inspector: usize,
    pub(super) key: String,
    pub(super) status: Status,
    pub(super) notes: Vec<PlannedNote>,
    pub(super) finding: Option<PlannedFinding>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PlannedNote {
    pub(super) kind: SourceKind,
    pub(super) text: String,
    #[serde(default)]
    pub(super) people: String,
    #[serde(default)]
    pub(super) figures: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct PlannedFinding {
    pub(super) title: String,
    pub(super) statement: String,
    pub(super) people: String,
    pub(super) figures: String,
    pub(super) basis: String,
    pub(super) category: Option<Category>,
    pub(super) transfer: bool,
    pub(super) receiver: Option<crate::model::Receiver>,
}

impl PlannedFinding {
    pub(super) fn finding(&self) -> Finding {
        Finding {
            title: self.title.clone(),
            statement: self.statement.clone(),
            feedback_text: None,
            people: self.people.clone(),
            figures: self.figures.clone(),
            basis: self.basis.clone(),
            category: self.category,
            transfer: self.transfer,
            receiver: self.receiver,
            ..Finding::default()
        }
    }
}

/// The texts, read once. `demo.toml` is part of the program and a test reads it, so it cannot
/// fail to parse in a build that passed its tests.
#[allow(clippy::expect_used)]
pub(super) fn texts() -> &'static Texts {
    static TEXTS_READ: OnceLock<Texts> = OnceLock::new();
    TEXTS_READ.get_or_init(|| toml::from_str(TEXTS).expect("demo.toml parses (a test checks it)"))
}
