//! The 整改台账 (rectification ledger) a unit fills in after the round was fed back to it: its
//! rows (one per fed-back finding, [`fed_back`]), the workbook sent out ([`write`]), the
//! filled-in copy read back ([`read`]) and its rows matched to the findings ([`items_from`]).
//! Rules in `docs/REPORT.md` ("整改台账"), the workbook's columns and the ledger file in
//! `docs/FORMAT.md`.
//!
//! A unit's *fed-back findings* are the entries of the unit whose 审签 is current and which the
//! feedback version shows (the same [`Feedback`] model and the same name check as every feedback
//! writer), in a round whose leader file records feedback to that unit. The ledger's 反馈问题
//! is that feedback wording (`feedback_text` where set, else the statement), its 具体表现 the
//! figures the feedback shows; names never.

pub mod read;
pub mod write;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::feedback::{Feedback, NameMatch, check_names};
use super::{LeftOut, ReportError};
use crate::i18n::Lang;
use crate::model::day::Day;
use crate::model::followup::FedBackProblem;
use crate::model::ledger::{Ledger, LedgerItem};
use crate::model::review::{Grouping, Review, ReviewOptions};
use crate::model::signoff::{FedBack, Signoffs, Step};
use crate::model::{Catalog, Category, Record, Timestamp};

pub use read::{CellError, CellProblem, Column, ImportedLedger, ImportedRow, ReadError};

/// One row of a unit's ledger: a fed-back finding.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerRow {
    /// 序号: the order of the feedback (三大问题, then checklist), from 1.
    pub number: u32,
    /// The finding's key, `单位/清单id/条目id`.
    pub key: String,
    /// The finding's content hash now.
    pub hash: String,
    /// 反馈问题: the feedback wording of each of its findings, one per line.
    pub problem: String,
    /// 具体表现: the figures the feedback shows, one per line.
    pub details: String,
    pub category: Option<Category>,
    /// What the unit wrote in an earlier import (from the ledger file), if anything.
    pub filled: Option<LedgerItem>,
}

/// The ledger of a unit: its round, the day it was fed back, its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct FedBackLedger {
    pub round: String,
    pub unit: String,
    /// The day the round was fed back to the unit.
    pub fed_back: Day,
    /// In 序号 order; never empty.
    pub rows: Vec<LedgerRow>,
    /// The unit's problems the feedback leaves out, and why (said on stderr, like the report).
    pub left_out: Vec<LeftOut>,
}

impl FedBackLedger {
    /// The problems as the follow-up template takes them.
    pub fn problems(&self) -> Vec<FedBackProblem> {
        self.rows
            .iter()
            .map(|r| FedBackProblem {
                key: r.key.clone(),
                number: r.number,
                problem: r.problem.clone(),
                category: r.category,
            })
            .collect()
    }

    /// The row of finding `key`.
    pub fn row(&self, key: &str) -> Option<&LedgerRow> {
        self.rows.iter().find(|r| r.key == key)
    }
}

/// Why a unit has no ledger (yet).
#[derive(Debug, Clone, PartialEq)]
pub enum LedgerError {
    /// No record of the round is of this unit.
    UnknownUnit {
        round: String,
        unit: String,
        available: Vec<String>,
    },
    /// The round is not recorded as reported to the leading group (so not fed back either).
    NotReported { round: String, unit: String },
    /// Reported, but the feedback to this unit is not recorded.
    NotFedBack { round: String, unit: String },
    /// Fed back, but no finding of the unit is one the feedback shows (none 审签, or all held).
    Nothing {
        round: String,
        unit: String,
        left_out: Vec<LeftOut>,
    },
    /// Findings that went out with the feedback and are not shown now (edited and not signed
    /// again, no longer a problem, held): the ledger would lose them, so nothing is made until
    /// they are shown again. Their keys.
    ChangedAfterFeedback {
        round: String,
        unit: String,
        fed_back: Day,
        keys: Vec<String>,
    },
    /// The name check found names in the texts the ledger would show.
    Names(Vec<NameMatch>),
}

impl LedgerError {
    /// The message, sanitised.
    pub fn message(&self, lang: Lang) -> String {
        let s = lang.rectify();
        let text = match self {
            LedgerError::UnknownUnit {
                round,
                unit,
                available,
            } => (s.unknown_unit)(round, unit, &available.join(lang.list_separator())),
            LedgerError::NotReported { round, unit } => (s.not_reported)(round, unit),
            LedgerError::NotFedBack { round, unit } => (s.not_fed_back)(round, unit),
            LedgerError::Nothing {
                round,
                unit,
                left_out,
            } => {
                let mut out = (s.nothing_fed_back)(round, unit);
                for l in left_out {
                    out.push_str("\n  ");
                    out.push_str(&l.line(lang));
                }
                out
            }
            LedgerError::ChangedAfterFeedback {
                round,
                unit,
                fed_back,
                keys,
            } => {
                let mut out = (s.changed_after_feedback)(round, unit, fed_back);
                for key in keys {
                    out.push_str("\n  ");
                    out.push_str(key);
                }
                out
            }
            LedgerError::Names(m) => ReportError::Names(m.clone()).message(lang),
        };
        super::sanitize(&text).into_owned()
    }
}

impl std::fmt::Display for LedgerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Zh))
    }
}

impl std::error::Error for LedgerError {}

/// The ledger rows of `unit` in `round`: its fed-back findings, numbered in the order of the
/// feedback (三大问题, then checklist), each with what `ledger` (the unit's earlier import, if
/// any) holds for it. `records` may hold other rounds and units: the name check runs against
/// every record of the round. `now` only dates the review.
///
/// # Errors
/// The unit has no record in the round; the round is not recorded as reported, or not as fed
/// back to the unit; a finding that went out with the feedback is not shown now
/// ([`LedgerError::ChangedAfterFeedback`]); nothing of the unit goes out; a shown text holds a
/// name.
pub fn fed_back(
    records: &[(PathBuf, Record)],
    catalog: &Catalog,
    signoffs: &Signoffs,
    round: &str,
    unit: &str,
    now: Timestamp,
    ledger: Option<&Ledger>,
) -> Result<FedBackLedger, LedgerError> {
    let (round, unit) = (round.trim(), unit.trim());
    let of_round: Vec<&Record> = records
        .iter()
        .map(|(_, r)| r)
        .filter(|r| r.round == round)
        .collect();
    if !of_round.iter().any(|r| r.unit == unit) {
        let mut available: Vec<String> = of_round.iter().map(|r| r.unit.clone()).collect();
        available.sort_by_cached_key(|u| crate::model::collate::sort_key(u));
        available.dedup();
        return Err(LedgerError::UnknownUnit {
            round: round.to_string(),
            unit: unit.to_string(),
            available,
        });
    }
    let leader = signoffs.leader(round);
    if leader.and_then(|l| l.reported.as_ref()).is_none() {
        return Err(LedgerError::NotReported {
            round: round.to_string(),
            unit: unit.to_string(),
        });
    }
    let Some(fed) = leader.and_then(|l| l.fed_back_to(unit)) else {
        return Err(LedgerError::NotFedBack {
            round: round.to_string(),
            unit: unit.to_string(),
        });
    };
    let selected: Vec<(PathBuf, Record)> = records
        .iter()
        .filter(|(_, r)| r.round == round && r.unit == unit)
        .cloned()
        .collect();
    let review = Review::build(&selected, catalog, &ReviewOptions::new(now));
    let signs = signoffs.state(&review, &selected);
    let feedback = Feedback::build(&review, &signs);
    // What went out with the feedback must be on the ledger: a finding that did and is not
    // shown now (edited and not signed again, no longer a problem, held) would drop out of
    // the ledger and the 回头看 unseen. Refused, naming each, until it is shown again.
    let shown_now: BTreeSet<String> = feedback
        .shown_findings(&review, &signs, None)
        .into_iter()
        .map(|f| f.key)
        .collect();
    let went_out = went_out(signoffs, fed, round, unit);
    let missing: Vec<String> = went_out
        .iter()
        .filter(|k| !shown_now.contains(*k))
        .cloned()
        .collect();
    if !missing.is_empty() {
        return Err(LedgerError::ChangedAfterFeedback {
            round: round.to_string(),
            unit: unit.to_string(),
            fed_back: fed.date,
            keys: missing,
        });
    }
    let matches = check_names(&feedback, &review, &selected, &of_round, catalog);
    if !matches.is_empty() {
        return Err(LedgerError::Names(matches));
    }
    let left_out = left_out(&review, &feedback);
    if feedback.entries.is_empty() {
        return Err(LedgerError::Nothing {
            round: round.to_string(),
            unit: unit.to_string(),
            left_out,
        });
    }
    // Only what the unit received (a feedback recorded by format 1 says not: all shown now).
    let shown: Vec<usize> = feedback
        .entries
        .iter()
        .map(|e| e.entry)
        .filter(|&ei| {
            fed.findings.is_empty()
                || signs
                    .iter()
                    .find(|s| s.entry == ei)
                    .is_some_and(|s| went_out.contains(&s.key))
        })
        .collect();
    let mut order: Vec<usize> = Vec::with_capacity(shown.len());
    for by_category in review.group_entries(shown, Grouping::Category) {
        for by_checklist in review.group_entries(by_category.findings, Grouping::Checklist) {
            order.extend(by_checklist.findings);
        }
    }
    let mut rows = Vec::with_capacity(order.len());
    for (n, ei) in order.into_iter().enumerate() {
        let (Some(entry), Some(shown), Some(sign)) = (
            review.entries.get(ei),
            feedback.entries.iter().find(|e| e.entry == ei),
            signs.iter().find(|s| s.entry == ei),
        ) else {
            continue;
        };
        let lines = |v: &[super::feedback::ShownText]| {
            v.iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        rows.push(LedgerRow {
            number: u32::try_from(n + 1).unwrap_or(u32::MAX),
            key: sign.key.clone(),
            hash: sign.hash.clone(),
            problem: lines(&shown.statements),
            details: lines(&shown.figures),
            category: entry.category,
            filled: ledger.and_then(|l| l.item(&sign.key)).cloned(),
        });
    }
    Ok(FedBackLedger {
        round: round.to_string(),
        unit: unit.to_string(),
        fed_back: fed.date,
        rows,
        left_out,
    })
}

/// The keys of the findings that went out with the feedback `fed` to `unit`: as recorded
/// ([`FedBack::findings`]); for a feedback recorded before they were, every finding of the
/// unit with a 审签, of any content, given before the feedback was recorded.
fn went_out(signoffs: &Signoffs, fed: &FedBack, round: &str, unit: &str) -> BTreeSet<String> {
    if !fed.findings.is_empty() {
        return fed.findings.iter().map(|f| f.key.clone()).collect();
    }
    let prefix = format!("{unit}/");
    signoffs
        .files
        .iter()
        .filter(|f| f.round == round)
        .flat_map(|f| &f.signoffs)
        .filter(|s| s.step == Step::Approve && s.at <= fed.at && s.key.starts_with(&prefix))
        .map(|s| s.key.clone())
        .collect()
}

/// The cells an import of `items` would empty in `existing`: each field the ledger holds for a
/// finding that the workbook's row leaves blank, as (序号, column). An older or blank copy of
/// the workbook would otherwise wipe what the unit wrote since; the import refuses it.
pub fn blanked(existing: &Ledger, items: &[LedgerItem]) -> Vec<(u32, read::Column)> {
    let mut out = Vec::new();
    for new in items {
        let Some(old) = existing.item(&new.key) else {
            continue;
        };
        for c in read::Column::ALL {
            // (emptiness is the same in either language)
            if let (Some(was), Some(now)) = (
                write::unit_cell(old, c, Lang::Zh),
                write::unit_cell(new, c, Lang::Zh),
            ) && !was.is_empty()
                && now.is_empty()
            {
                out.push((new.number, c));
            }
        }
    }
    out
}

fn left_out(review: &Review, feedback: &Feedback) -> Vec<LeftOut> {
    feedback
        .left_out
        .iter()
        .filter_map(|(ei, reasons)| {
            let e = review.entries.get(*ei)?;
            let unit = review.units.get(e.unit)?;
            Some(LeftOut {
                round: unit.key.round.clone(),
                unit: unit.key.unit.clone(),
                item: [
                    e.item.template_title.as_str(),
                    e.item.section_title.as_str(),
                    e.item.item_text.as_str(),
                ]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" › "),
                reasons: reasons.clone(),
            })
        })
        .collect()
}

/// Something an import takes in but says.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportNote {
    /// The finding changed (and was signed again) since the workbook was exported: the row is
    /// taken in for the finding as it is now.
    Changed { number: u32, key: String },
    /// A fed-back finding without a row in the workbook: its ledger item is left as it was.
    NoRow { number: u32, key: String },
    /// A row whose 完成时限 is before the day the round was fed back to the unit: a deadline
    /// that had passed before the unit was told of the problem, most likely a slip. Taken in
    /// as written, and said.
    DeadlineBeforeFeedback {
        number: u32,
        key: String,
        deadline: Day,
        fed_back: Day,
    },
}

/// The ledger items of the rows of `sheet` (a unit's filled-in workbook), matched by key to the
/// fed-back findings of `ledger`, each stamped `now`; 序号 and 反馈问题 are the findings' own,
/// whatever the workbook shows. A 完成时限 before the feedback day is taken and noted
/// ([`ImportNote::DeadlineBeforeFeedback`]). All or nothing: any row whose key is missing, unknown or given
/// twice is an error, and every such error is returned.
///
/// # Errors
/// Each row that cannot be matched, with its cell.
pub fn items_from(
    ledger: &FedBackLedger,
    sheet: &ImportedLedger,
    now: Timestamp,
) -> Result<(Vec<LedgerItem>, Vec<ImportNote>), Vec<CellError>> {
    let mut errors = Vec::new();
    let mut items: Vec<LedgerItem> = Vec::new();
    let mut notes = Vec::new();
    for row in &sheet.rows {
        let cell = format!("{}{}", sheet.key_column, row.row);
        let Some(found) = ledger.row(&row.key) else {
            errors.push(CellError {
                column: Column::Key,
                cell,
                problem: CellProblem::UnknownKey(row.key.clone()),
            });
            continue;
        };
        if items.iter().any(|i| i.key == row.key) {
            errors.push(CellError {
                column: Column::Key,
                cell,
                problem: CellProblem::DuplicateKey(row.key.clone()),
            });
            continue;
        }
        if !row.hash.is_empty() && row.hash != found.hash {
            notes.push(ImportNote::Changed {
                number: found.number,
                key: found.key.clone(),
            });
        }
        if let Some(deadline) = row.deadline
            && deadline < ledger.fed_back
        {
            notes.push(ImportNote::DeadlineBeforeFeedback {
                number: found.number,
                key: found.key.clone(),
                deadline,
                fed_back: ledger.fed_back,
            });
        }
        items.push(LedgerItem {
            key: found.key.clone(),
            hash: found.hash.clone(),
            number: found.number,
            problem: found.problem.clone(),
            measures: row.measures.clone(),
            leaders: row.leaders.clone(),
            departments: row.departments.clone(),
            deadline: row.deadline,
            kind: row.kind,
            progress: row.progress,
            evidence: row.evidence.clone(),
            signoff: row.signoff.clone(),
            imported: now,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for r in &ledger.rows {
        if !items.iter().any(|i| i.key == r.key) {
            notes.push(ImportNote::NoRow {
                number: r.number,
                key: r.key.clone(),
            });
        }
    }
    items.sort_by_key(|i| i.number);
    Ok((items, notes))
}
