//! Sign-off of the 问题底稿 (编制 → 复核 → 审签) against their content, and the round's
//! milestones (reported to the leading group, fed back to the unit) with the leader's
//! settlement of disputed findings. Pure: the files are read and written by `store::signoff`.
//!
//! Rules (also in `docs/REPORT.md`, "Sign-off and the feedback gate"):
//! - A finding is a [`Review`] entry (the findings of every inspector of one unit on one item,
//!   merged). Its key is `单位/清单id/条目id` ([`finding_key`]); its hash ([`content_hash`]) is a
//!   SHA-256 over what a signer vouches for: the title, statement, feedback wording, figures,
//!   people, basis, 三大问题, responsibility type, transfer mark with its receiver and
//!   leading-cadre mark of each
//!   inspector's finding, the texts, people, figures and sources (kind, code, reference) of
//!   their evidence notes, and every inspector's status on the item. Anything else (times,
//!   the order of files, the program version) does not change it.
//! - Sign-offs are kept per signer (one writer per file): key, hash, step, signer, time.
//! - A step *counts* when a sign-off of that step carries the finding's current hash and the
//!   step before it counts (复核 needs 编制, 审签 needs 复核). A sign-off whose hash is not the
//!   current one is 内容已变更 and counts for nothing until signed again.
//! - 审签 of a disputed finding needs a current settlement by the leader (认定 with a reason);
//!   a finding the leader did not confirm (不予认定) cannot be 审签 and never goes out.
//! - The three steps are signed by three people: nobody signs two steps of one finding
//!   (经办人编制、副组长复核、组长审签 — 海宁 practice, `shared/CHECKLIST-REVIEW.md` §3.3).

use serde::{Deserialize, Serialize};

use super::day::Day;
use super::record::{RecordError, Timestamp, parse_versioned};
use crate::i18n::Lang;

/// The version of the sign-off files this program writes and the newest it reads.
pub const SIGNOFF_FORMAT: u32 = 1;

/// The version of the leader files this program writes and the newest it reads: 2 since the
/// feedback to a unit records the findings that went out with it ([`FedBack::findings`]);
/// format 1 files load as they are, and are written as format 2 at their next change.
pub const LEADER_FORMAT: u32 = 2;

/// A step of the sign-off chain, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// 编制: the inspector who drafted the worksheet.
    #[serde(alias = "编制")]
    Draft,
    /// 复核: the deputy leader who checked it.
    #[serde(alias = "复核")]
    Check,
    /// 审签: the leader who signed it.
    #[serde(alias = "审签")]
    Approve,
}

impl Step {
    pub const ALL: [Step; 3] = [Step::Draft, Step::Check, Step::Approve];

    /// 编制 / 复核 / 审签.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Step::Draft, Lang::Zh) => "编制",
            (Step::Check, Lang::Zh) => "复核",
            (Step::Approve, Lang::Zh) => "审签",
            (Step::Draft, Lang::En) => "drafted",
            (Step::Check, Lang::En) => "checked",
            (Step::Approve, Lang::En) => "approved",
        }
    }

    /// The step that must count before this one.
    pub fn previous(self) -> Option<Step> {
        match self {
            Step::Draft => None,
            Step::Check => Some(Step::Draft),
            Step::Approve => Some(Step::Check),
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// `draft`, `check`, `approve`, or 编制/复核/审签.
    pub fn parse(s: &str) -> Option<Step> {
        match s.trim() {
            "draft" | "编制" => Some(Step::Draft),
            "check" | "复核" => Some(Step::Check),
            "approve" | "审签" => Some(Step::Approve),
            _ => None,
        }
    }
}

/// One signer's sign-off file for a round: `第三轮_张三.signoff.toml` in the data folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignoffFile {
    pub format: u32,
    pub round: String,
    pub signer: String,
    /// In the order signed.
    #[serde(default, rename = "signoff")]
    pub signoffs: Vec<Signoff>,
}

/// One signature: this signer vouches for the finding `key` as it was when its hash was `hash`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signoff {
    /// `单位/清单id/条目id`.
    pub key: String,
    pub step: Step,
    /// [`content_hash`] of the finding when signed (64 hex digits).
    pub hash: String,
    pub at: Timestamp,
    /// The finding's title when signed, for a person reading the file; not checked.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
}

/// The leader's file for a round (`第三轮.leader.toml`): the milestones and the settlements of
/// disputed findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaderFile {
    pub format: u32,
    pub round: String,
    /// 已向巡察工作领导小组汇报.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<Milestone>,
    /// 已向被巡察单位反馈, per unit.
    #[serde(default, rename = "fed_back", skip_serializing_if = "Vec::is_empty")]
    pub fed_back: Vec<FedBack>,
    /// How disputed findings were settled, latest last.
    #[serde(default, rename = "settlement", skip_serializing_if = "Vec::is_empty")]
    pub settlements: Vec<Settlement>,
}

/// A milestone of the round: the day it happened and who records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub date: Day,
    pub signer: String,
    /// When it was recorded.
    pub at: Timestamp,
}

/// The feedback of the round to one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FedBack {
    pub unit: String,
    pub date: Day,
    pub signer: String,
    pub at: Timestamp,
    /// The findings the feedback version showed when the feedback was recorded, each with the
    /// content it showed: what the unit received, so what its 整改台账 and 回头看 hold. Empty
    /// in files written before format 2.
    #[serde(default, rename = "finding", skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<FedFinding>,
}

/// A finding that went out with a feedback: its key (`单位/清单id/条目id`) and
/// [`content_hash`] then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FedFinding {
    pub key: String,
    pub hash: String,
}

/// The leader's decision on a finding the inspectors disagree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// 认定为问题: it may be signed and fed back.
    #[serde(alias = "认定")]
    Confirm,
    /// 不予认定: it is not a problem of the unit; it never goes out.
    #[serde(alias = "不予认定")]
    Dismiss,
}

impl Decision {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Decision::Confirm, Lang::Zh) => "认定为问题",
            (Decision::Dismiss, Lang::Zh) => "不予认定",
            (Decision::Confirm, Lang::En) => "confirmed",
            (Decision::Dismiss, Lang::En) => "dismissed",
        }
    }

    /// `confirm`, `dismiss`, 认定, 不予认定.
    pub fn parse(s: &str) -> Option<Decision> {
        match s.trim() {
            "confirm" | "认定" | "认定为问题" => Some(Decision::Confirm),
            "dismiss" | "不予认定" | "不认定" => Some(Decision::Dismiss),
            _ => None,
        }
    }
}

/// How the leader settled a disputed finding, for its content at `hash`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settlement {
    pub key: String,
    pub decision: Decision,
    pub reason: String,
    pub hash: String,
    pub signer: String,
    pub at: Timestamp,
}

/// The longest signer's name taken, in characters.
pub const SIGNER_MAX: usize = 32;

/// What is wrong with a signer's name as typed (it is trimmed first), if anything. A name
/// goes into a sign-off, the leader file and the sign-off file's name, and is shown in every
/// report: it must say who signed, and be text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignerProblem {
    /// Nothing but blanks (or characters of no width).
    Empty,
    /// A control character (an escape, a line break, a tab, a bidirectional override).
    Control,
    /// More than [`SIGNER_MAX`] characters.
    TooLong,
}

/// The name as it is kept (trimmed), or what is wrong with it.
///
/// # Errors
/// The [`SignerProblem`].
pub fn checked_signer(name: &str) -> Result<&str, SignerProblem> {
    let name = name.trim();
    // bidirectional controls reorder what is shown; zero-width characters show nothing
    let hidden = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if crate::text::width(name) == 0 {
        Err(SignerProblem::Empty)
    } else if name.chars().any(|c| c.is_control() || hidden(c)) {
        Err(SignerProblem::Control)
    } else if name.chars().count() > SIGNER_MAX {
        Err(SignerProblem::TooLong)
    } else {
        Ok(name)
    }
}

impl SignoffFile {
    pub fn new(round: &str, signer: &str) -> SignoffFile {
        SignoffFile {
            format: SIGNOFF_FORMAT,
            round: round.trim().to_string(),
            signer: signer.trim().to_string(),
            signoffs: Vec::new(),
        }
    }

    /// Parse a sign-off file; `file` names it in messages.
    ///
    /// # Errors
    /// Not TOML or not a sign-off file: [`RecordError::Invalid`] with line and column; a
    /// newer `format`: [`RecordError::NewerFormat`].
    pub fn parse(file: &str, text: &str) -> Result<SignoffFile, RecordError> {
        parse_versioned(file, text, "file", SIGNOFF_FORMAT, |f: &SignoffFile| {
            f.format
        })
    }

    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(self)
    }
}

impl LeaderFile {
    pub fn new(round: &str) -> LeaderFile {
        LeaderFile {
            format: LEADER_FORMAT,
            round: round.trim().to_string(),
            reported: None,
            fed_back: Vec::new(),
            settlements: Vec::new(),
        }
    }

    /// Parse a leader file; errors as [`SignoffFile::parse`].
    pub fn parse(file: &str, text: &str) -> Result<LeaderFile, RecordError> {
        parse_versioned(file, text, "file", LEADER_FORMAT, |f: &LeaderFile| f.format)
    }

    /// The file's text, always as [`LEADER_FORMAT`] (a format 1 file read is written anew as
    /// format 2: everything it held, format 2 holds).
    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        if self.format == LEADER_FORMAT {
            return toml::to_string(self);
        }
        let mut current = self.clone();
        current.format = LEADER_FORMAT;
        toml::to_string(&current)
    }

    /// The latest settlement of `key`, current or not.
    pub fn settlement(&self, key: &str) -> Option<&Settlement> {
        self.settlements.iter().rev().find(|s| s.key == key)
    }

    /// When the round was fed back to `unit`.
    pub fn fed_back_to(&self, unit: &str) -> Option<&FedBack> {
        self.fed_back.iter().find(|f| f.unit == unit)
    }
}

mod state;

pub use state::{
    FindingSign, Refusal, Signoffs, StepState, content_hash, entry_round, entry_title, finding_key,
    may_sign,
};

#[cfg(test)]
mod tests;
