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

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::day::Day;
use super::record::{Record, RecordError, Timestamp, parse_versioned};
use super::review::{Entry, Review};
use crate::i18n::Lang;

/// The version of the sign-off and leader files this program writes and the newest it reads.
pub const SIGNOFF_FORMAT: u32 = 1;

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
            format: SIGNOFF_FORMAT,
            round: round.trim().to_string(),
            reported: None,
            fed_back: Vec::new(),
            settlements: Vec::new(),
        }
    }

    /// Parse a leader file; errors as [`SignoffFile::parse`].
    pub fn parse(file: &str, text: &str) -> Result<LeaderFile, RecordError> {
        parse_versioned(file, text, "file", SIGNOFF_FORMAT, |f: &LeaderFile| {
            f.format
        })
    }

    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(self)
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

/// `单位/清单id/条目id`: the stable key of an entry. Parsed from the right, so a unit name with
/// a `/` in it still works (ids never hold one).
pub fn finding_key(review: &Review, entry: &Entry) -> String {
    let unit = review
        .units
        .get(entry.unit)
        .map_or("", |u| u.key.unit.as_str());
    format!("{unit}/{}", entry.item.key)
}

/// The round of an entry.
pub fn entry_round<'a>(review: &'a Review, entry: &Entry) -> &'a str {
    review
        .units
        .get(entry.unit)
        .map_or("", |u| u.key.round.as_str())
}

/// The SHA-256 (64 lower-case hex digits) of what a signer vouches for in `entry` (see the
/// module rules). Each text is length-prefixed, so no two different contents give the same
/// input.
pub fn content_hash(review: &Review, records: &[(PathBuf, Record)], entry: &Entry) -> String {
    let mut h = Sha256::new();
    let mut put = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    put("xuncha-finding-1");
    put(&finding_key(review, entry));
    for f in entry
        .findings
        .iter()
        .filter_map(|&i| review.findings.get(i))
    {
        let inspector = review
            .records
            .get(f.record)
            .map_or("", |r| r.inspector.as_str());
        let fi = &f.finding;
        put("finding");
        put(inspector);
        put(f.status.key());
        put(&fi.title);
        put(&fi.statement);
        put(fi.feedback_text.as_deref().unwrap_or(""));
        put(&fi.figures);
        put(&fi.people);
        put(&fi.basis);
        put(f.category.map_or("", |c| c.key()));
        put(fi.responsibility.map_or("", |r| r.key()));
        put(if fi.transfer { "transfer" } else { "" });
        put(fi.receiver.map_or("", |r| r.key()));
        put(&fi.receiver_name);
        put(if fi.leading_cadre {
            "leading-cadre"
        } else {
            ""
        });
        for e in &f.evidence {
            put("note");
            put(&e.note.text);
            put(&e.note.people);
            put(&e.note.figures);
            put(&e.note.source);
            put(e.source_kind.map_or("", |k| k.key()));
            let reference = records
                .get(f.record)
                .and_then(|(_, r)| r.source(&e.note.source))
                .map_or("", |s| s.reference.as_str());
            put(reference);
        }
    }
    // Every inspector's status on the item when they disagree (a clean verdict included).
    if let Some(d) = review
        .disagreements
        .iter()
        .find(|d| d.unit == entry.unit && d.item.key == entry.item.key)
    {
        for v in &d.verdicts {
            put("verdict");
            put(review
                .records
                .get(v.record)
                .map_or("", |r| r.inspector.as_str()));
            put(v.status.key());
        }
    }
    let digest = h.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// What one step of a finding's sign-off is now.
#[derive(Debug, Clone, PartialEq)]
pub enum StepState {
    /// Not signed.
    Missing,
    /// Signed for the current content, and the step before it counts.
    Current { signer: String, at: Timestamp },
    /// Signed for the current content, but the step before it does not count (a file edited
    /// by hand, or an earlier step gone stale): counts for nothing.
    OutOfOrder { signer: String, at: Timestamp },
    /// Signed for other content: 内容已变更.
    Changed { signer: String, at: Timestamp },
}

impl StepState {
    /// Whether the step counts.
    pub fn counts(&self) -> bool {
        matches!(self, StepState::Current { .. })
    }

    /// The signer and time of the sign-off shown, if any.
    pub fn signed(&self) -> Option<(&str, Timestamp)> {
        match self {
            StepState::Missing => None,
            StepState::Current { signer, at }
            | StepState::OutOfOrder { signer, at }
            | StepState::Changed { signer, at } => Some((signer, *at)),
        }
    }

    /// `张三 2026-12-01` / `内容已变更（张三）` / `—`.
    pub fn label(&self, lang: Lang) -> String {
        match (self, lang) {
            (StepState::Missing, _) => "—".to_string(),
            (StepState::Current { signer, at }, _) => {
                format!("{signer} {}", at.0.format("%Y-%m-%d"))
            }
            (StepState::OutOfOrder { signer, .. }, Lang::Zh) => format!("前序未签（{signer}）"),
            (StepState::OutOfOrder { signer, .. }, Lang::En) => {
                format!("earlier step missing ({signer})")
            }
            (StepState::Changed { signer, .. }, Lang::Zh) => format!("内容已变更（{signer}）"),
            (StepState::Changed { signer, .. }, Lang::En) => {
                format!("content changed ({signer})")
            }
        }
    }
}

/// A finding's place in the sign-off chain.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingSign {
    /// Index into [`Review::entries`].
    pub entry: usize,
    pub round: String,
    pub key: String,
    pub hash: String,
    /// 编制, 复核, 审签.
    pub steps: [StepState; 3],
    /// The leader's settlement, when the finding is disputed and it is current (same hash).
    pub settlement: Option<Settlement>,
    /// A settlement exists but was made for other content.
    pub settlement_changed: bool,
}

impl FindingSign {
    pub fn step(&self, step: Step) -> &StepState {
        &self.steps[step.index()]
    }

    /// 审签 counts: the finding may go out (subject to the feedback rules).
    pub fn approved(&self) -> bool {
        self.step(Step::Approve).counts()
    }

    /// The leader confirmed it (current settlement, 认定).
    pub fn confirmed(&self) -> bool {
        self.settlement
            .as_ref()
            .is_some_and(|s| s.decision == Decision::Confirm)
    }

    /// The leader dismissed it (current settlement, 不予认定).
    pub fn dismissed(&self) -> bool {
        self.settlement
            .as_ref()
            .is_some_and(|s| s.decision == Decision::Dismiss)
    }

    /// The furthest step that counts.
    pub fn reached(&self) -> Option<Step> {
        Step::ALL.into_iter().rev().find(|s| self.step(*s).counts())
    }
}

/// The sign-offs, milestones and settlements of the rounds of a review.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signoffs {
    /// Every sign-off file read, in any order.
    pub files: Vec<SignoffFile>,
    /// The leader file of each round, by round.
    pub leaders: BTreeMap<String, LeaderFile>,
}

impl Signoffs {
    pub fn leader(&self, round: &str) -> Option<&LeaderFile> {
        self.leaders.get(round)
    }

    /// The round was reported to the leading group: its milestone.
    pub fn reported(&self, round: &str) -> Option<&Milestone> {
        self.leader(round).and_then(|l| l.reported.as_ref())
    }

    /// The state of every entry of `review` (built from `records`), in the order of
    /// [`Review::entries`].
    pub fn state(&self, review: &Review, records: &[(PathBuf, Record)]) -> Vec<FindingSign> {
        review
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| self.state_of(review, records, i, e))
            .collect()
    }

    /// The state of one entry (`index` into [`Review::entries`]).
    pub fn state_of(
        &self,
        review: &Review,
        records: &[(PathBuf, Record)],
        index: usize,
        entry: &Entry,
    ) -> FindingSign {
        let round = entry_round(review, entry).to_string();
        let key = finding_key(review, entry);
        let hash = content_hash(review, records, entry);
        let mut steps: [StepState; 3] =
            [StepState::Missing, StepState::Missing, StepState::Missing];
        let mut counted = true;
        for step in Step::ALL {
            // Every sign-off of this step, from every file of the round; the latest current
            // one wins, else the latest of any content.
            let mut current: Option<(&str, Timestamp)> = None;
            let mut other: Option<(&str, Timestamp)> = None;
            for f in self.files.iter().filter(|f| f.round == round) {
                for s in f.signoffs.iter().filter(|s| s.key == key && s.step == step) {
                    let slot = if s.hash == hash {
                        &mut current
                    } else {
                        &mut other
                    };
                    if slot.is_none_or(|(_, at)| s.at >= at) {
                        *slot = Some((f.signer.as_str(), s.at));
                    }
                }
            }
            let state = match (current, other) {
                (Some((signer, at)), _) if counted => StepState::Current {
                    signer: signer.to_string(),
                    at,
                },
                (Some((signer, at)), _) => StepState::OutOfOrder {
                    signer: signer.to_string(),
                    at,
                },
                (None, Some((signer, at))) => StepState::Changed {
                    signer: signer.to_string(),
                    at,
                },
                (None, None) => StepState::Missing,
            };
            counted = state.counts();
            steps[step.index()] = state;
        }
        let latest = self.leader(&round).and_then(|l| l.settlement(&key));
        FindingSign {
            entry: index,
            settlement: latest.filter(|s| s.hash == hash).cloned(),
            settlement_changed: latest.is_some_and(|s| s.hash != hash),
            round,
            key,
            hash,
            steps,
        }
    }
}

/// Why a sign-off was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// No finding of the round has this key.
    UnknownKey { key: String },
    /// The key matches findings in several rounds: `--round` must say which.
    AmbiguousRound { key: String, rounds: Vec<String> },
    /// The step before has no current sign-off.
    NeedsPrevious { key: String, step: Step },
    /// Already signed at this step for the current content.
    AlreadySigned {
        key: String,
        step: Step,
        signer: String,
    },
    /// The signer signed another step of this finding.
    SameSigner { key: String, other: Step },
    /// 审签 of a disputed finding the leader has not settled (or settled for other content).
    Disputed { key: String },
    /// The leader decided it is not a problem.
    Dismissed { key: String },
    /// Only 存疑待核: there is no problem to sign yet.
    Doubt { key: String },
    /// A settlement asked for a finding the inspectors do not disagree on.
    NotDisputed { key: String },
}

impl Refusal {
    pub fn key(&self) -> &str {
        match self {
            Refusal::UnknownKey { key }
            | Refusal::AmbiguousRound { key, .. }
            | Refusal::NeedsPrevious { key, .. }
            | Refusal::AlreadySigned { key, .. }
            | Refusal::SameSigner { key, .. }
            | Refusal::Disputed { key }
            | Refusal::Dismissed { key }
            | Refusal::Doubt { key }
            | Refusal::NotDisputed { key } => key,
        }
    }
}

/// Whether `signer` may sign `sign` (the state of a finding of `review`) at `step`.
///
/// # Errors
/// The [`Refusal`] saying why not.
pub fn may_sign(
    review: &Review,
    sign: &FindingSign,
    step: Step,
    signer: &str,
) -> Result<(), Refusal> {
    let key = sign.key.clone();
    let entry = review.entries.get(sign.entry);
    if entry.is_some_and(|e| e.status != super::vocab::Status::Problem) {
        return Err(Refusal::Doubt { key });
    }
    if let StepState::Current { signer: who, .. } = sign.step(step) {
        return Err(Refusal::AlreadySigned {
            key,
            step,
            signer: who.clone(),
        });
    }
    if let Some(prev) = step.previous()
        && !sign.step(prev).counts()
    {
        return Err(Refusal::NeedsPrevious { key, step: prev });
    }
    for other in Step::ALL.into_iter().filter(|s| *s != step) {
        if let StepState::Current { signer: who, .. } = sign.step(other)
            && who.trim() == signer.trim()
        {
            return Err(Refusal::SameSigner { key, other });
        }
    }
    if step == Step::Approve {
        if sign.dismissed() {
            return Err(Refusal::Dismissed { key });
        }
        if entry.is_some_and(|e| e.disputed) && !sign.confirmed() {
            return Err(Refusal::Disputed { key });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
