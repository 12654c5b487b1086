//! Signing and settling findings of a round that has been read (`load_round`): the checks of
//! `model::signoff` on the round's current content, then one durable change of the signer's
//! sign-off file or the leader file. The one way the command line and the review screen do it.

use std::path::{Path, PathBuf};

use super::StoreError;
use super::round::Round;
use super::signoff::{leader_path, signoff_path, update_leader, update_signoff};
use crate::model::review::{Review, ReviewOptions};
use crate::model::signoff::{
    Decision, FindingSign, Refusal, Settlement, Signoff, Step, entry_title, may_sign,
};
use crate::model::{Catalog, Record, Timestamp};

/// The records of round `name` among those read, with their review and the state of each
/// finding.
pub struct RoundState {
    pub records: Vec<(PathBuf, Record)>,
    pub review: Review,
    pub signs: Vec<FindingSign>,
}

impl RoundState {
    /// The state of round `name` of `round` at `now`.
    pub fn of(round: &Round, catalog: &Catalog, name: &str, now: Timestamp) -> RoundState {
        let records: Vec<(PathBuf, Record)> = round
            .records
            .iter()
            .filter(|(_, r)| r.round == name)
            .cloned()
            .collect();
        let review = Review::build(&records, catalog, &ReviewOptions::new(now));
        let signs = round.signoffs.state(&review, &records);
        RoundState {
            records,
            review,
            signs,
        }
    }

    /// The finding with key `key` (surrounding blanks ignored).
    pub fn find(&self, key: &str) -> Option<&FindingSign> {
        self.signs.iter().find(|f| f.key == key.trim())
    }

    /// The title a finding is known by: its first title, else its item's text.
    pub fn title(&self, sign: &FindingSign) -> String {
        self.review
            .entries
            .get(sign.entry)
            .map(|e| entry_title(&self.review, e).to_string())
            .unwrap_or_default()
    }
}

/// What [`sign`] wrote: the signer's file and the keys signed.
#[derive(Debug, Clone, PartialEq)]
pub struct Signed {
    pub path: PathBuf,
    pub keys: Vec<String>,
}

/// Every file of `round` loaded: what is signed is the whole finding.
fn complete(round: &Round) -> Result<(), StoreError> {
    if round.failed.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Incomplete {
            unreadable: round.failed.iter().map(|(p, _)| p.clone()).collect(),
        })
    }
}

/// Sign `keys` of round `name` at `step` as `signer`, into the signer's file in `data_dir`.
/// Every key is checked first ([`may_sign`]); one refusal and nothing is written. Returns the
/// file written and the keys signed.
///
/// # Errors
/// The refusals (`Ok(Err(..))`); [`StoreError::Incomplete`] when a file of `round` did not
/// load; or the file cannot be read, is broken or newer, is locked elsewhere, or cannot be
/// written.
#[allow(clippy::too_many_arguments)]
pub fn sign(
    data_dir: &Path,
    round: &Round,
    catalog: &Catalog,
    name: &str,
    keys: &[String],
    step: Step,
    signer: &str,
    now: Timestamp,
) -> Result<Result<Signed, Vec<Refusal>>, StoreError> {
    complete(round)?;
    let state = RoundState::of(round, catalog, name, now);
    let mut refusals = Vec::new();
    let mut signing = Vec::new();
    for key in keys {
        match state.find(key) {
            None => refusals.push(Refusal::UnknownKey {
                key: key.trim().to_string(),
            }),
            Some(f) => match may_sign(&state.review, f, step, signer) {
                Ok(()) => signing.push(f),
                Err(r) => refusals.push(r),
            },
        }
    }
    if !refusals.is_empty() {
        return Ok(Err(refusals));
    }
    let added: Vec<Signoff> = signing
        .iter()
        .map(|f| Signoff {
            key: f.key.clone(),
            step,
            hash: f.hash.clone(),
            at: now,
            title: state.title(f),
        })
        .collect();
    let path = signoff_path(data_dir, name, signer);
    update_signoff(&path, name, signer.trim(), |file| {
        file.signoffs.extend(added);
        Ok::<(), ()>(())
    })?
    .ok();
    Ok(Ok(Signed {
        path,
        keys: signing.iter().map(|f| f.key.clone()).collect(),
    }))
}

/// Record the leader's decision on the disputed finding `key` of round `name`, for its
/// current content, in the leader file of `data_dir`. Returns the file written.
///
/// # Errors
/// The refusal (`Ok(Err(..))`: an unknown key, a finding nobody disputes);
/// [`StoreError::Incomplete`] when a file of `round` did not load; or the file cannot be read,
/// is broken or newer, is locked elsewhere, or cannot be written.
#[allow(clippy::too_many_arguments)]
pub fn settle(
    data_dir: &Path,
    round: &Round,
    catalog: &Catalog,
    name: &str,
    key: &str,
    decision: Decision,
    reason: &str,
    signer: &str,
    now: Timestamp,
) -> Result<Result<PathBuf, Refusal>, StoreError> {
    complete(round)?;
    let state = RoundState::of(round, catalog, name, now);
    let Some(f) = state.find(key) else {
        return Ok(Err(Refusal::UnknownKey {
            key: key.trim().to_string(),
        }));
    };
    if !state
        .review
        .entries
        .get(f.entry)
        .is_some_and(|e| e.disputed)
    {
        return Ok(Err(Refusal::NotDisputed { key: f.key.clone() }));
    }
    let settlement = Settlement {
        key: f.key.clone(),
        decision,
        reason: reason.trim().to_string(),
        hash: f.hash.clone(),
        signer: signer.trim().to_string(),
        at: now,
    };
    let path = leader_path(data_dir, name);
    update_leader(&path, name, |l| {
        l.settlements.push(settlement);
        Ok::<(), ()>(())
    })?
    .ok();
    Ok(Ok(path))
}
