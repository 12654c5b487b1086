//! The state of each finding in the sign-off chain: its key, its content hash, each step's
//! state, and whether a signer may sign it (rules in the parent module).

use std::collections::BTreeMap;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::{Decision, LeaderFile, Milestone, Settlement, SignoffFile, Step};
use crate::i18n::Lang;
use crate::model::record::{Record, Timestamp};
use crate::model::review::{Entry, Review};

/// `单位/清单id/条目id`: the stable key of an entry. Parsed from the right, so a unit name with
/// a `/` in it still works (ids never hold one).
pub fn finding_key(review: &Review, entry: &Entry) -> String {
    let unit = review
        .units
        .get(entry.unit)
        .map_or("", |u| u.key.unit.as_str());
    format!("{unit}/{}", entry.item.key)
}

/// The title a finding is known by: the first title its inspectors wrote, else its item's
/// text.
pub fn entry_title<'a>(review: &'a Review, entry: &'a Entry) -> &'a str {
    entry
        .findings
        .iter()
        .filter_map(|&i| review.findings.get(i))
        .map(|r| r.finding.title.trim())
        .find(|t| !t.is_empty())
        .unwrap_or(entry.item.item_text.as_str())
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

    /// `张三 2026-12-01` / `内容已变更（张三）` / `未签` (`-` in English; no em dash: its width is
    /// ambiguous).
    pub fn label(&self, lang: Lang) -> String {
        match (self, lang) {
            (StepState::Missing, Lang::Zh) => "未签".to_string(),
            (StepState::Missing, Lang::En) => "-".to_string(),
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
    if entry.is_some_and(|e| e.status != crate::model::Status::Problem) {
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
