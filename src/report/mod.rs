//! The report draft: Markdown for reading and editing, CSV for scripts, an XLSX workbook for
//! spreadsheets ([`xlsx`]), each in a full
//! version (internal) and a feedback version (反馈意见, `--redact`: may be shown to the
//! inspected unit). Pure functions from records to text; writing the file is the caller's
//! business.
//!
//! Both build the one [`Review`] aggregation, so a report always agrees with `status` and the
//! review screen; findings on the same item of the same unit are one entry. The feedback
//! version is first built as a model of exactly what it will show ([`Feedback`]), then checked
//! for names ([`check_names`]) — every writer, of every format, goes through `Input::new`,
//! which refuses when a name is found — and only then written. The rules, documented in
//! `docs/REPORT.md`:
//!
//! - evidence only from *material* sources ([`SourceKind::is_material`], one list in the
//!   vocabulary; any other kind, and a note with no or an unknown source, is withheld: its
//!   text, people, figures and code);
//! - only settled problems ([`feedback::holds`]): no 存疑待核, no clue to transfer, no answer
//!   marked 发现问题 without a statement, no item an inspector of the unit calls clean; each
//!   left out is listed with its reason ([`Report::left_out`]), and the full report marks it;
//! - a finding's feedback wording (`feedback_text`) instead of its statement when set;
//! - a finding's `people` only when all of its evidence is shown (at least one note);
//! - no private source reference, no source time, no inspector or file names, no
//!   disagreements, no list of unchecked items, no appendix of sources;
//! - every text it shows passes the name check, or nothing is written.
//!
//! Every text written passes through [`sanitize`].

pub mod clues;
pub mod csv;
pub mod docx;
pub mod feedback;
pub mod ledger;
pub mod markdown;
pub mod names;
pub mod sanitize;
pub mod status;
pub mod xlsx;

use std::borrow::Cow;
use std::path::PathBuf;

use crate::i18n::{Lang, Strings};
use crate::model::review::{Evidence, ItemRef, Review, ReviewOptions};
use crate::model::signoff::{FindingSign, Signoffs};
use crate::model::{Catalog, Note, Record, SourceKind, Timestamp};

pub use csv::csv;
pub use docx::{
    DocxFile, DocxKind, DocxOptions, DocxReport, clues_docx, docx, outline_docx, worksheets,
};
pub use feedback::{Feedback, Hold, MatchKind, NameMatch, check_names};
pub use markdown::markdown;
pub use sanitize::sanitize;
pub use status::{StatusOptions, status};
pub use xlsx::{XlsxReport, XlsxReportError, clues_xlsx, xlsx};

/// What to produce.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    /// The version that may be shown to the inspected unit.
    pub redact: bool,
    /// "Generated at", and the reference point for stale records.
    pub now: Timestamp,
    /// See [`ReviewOptions::stale_days`].
    pub stale_days: u32,
    /// How the Markdown report's problems are grouped first: by the 三大问题 (the default)
    /// or by the 四个落实 ([`Grouping::Focus`]); within a group, by checklist.
    pub group_by: crate::model::review::Grouping,
    /// Only these units (`--unit`); empty: all. A name no record has is an error.
    pub units: Vec<String>,
    /// Only these rounds (`--round`); empty: all. A name no record has is an error.
    pub rounds: Vec<String>,
    /// The sign-offs, settlements and milestones of the rounds (the round files read beside
    /// the records: `store::Round::signoffs`). The feedback version needs the milestone of
    /// each of its rounds and shows only findings whose 审签 is current; the full report shows
    /// each finding's state.
    pub signoffs: Signoffs,
}

impl Options {
    pub fn new(lang: Lang, redact: bool, now: Timestamp) -> Options {
        Options {
            lang,
            redact,
            now,
            stale_days: crate::model::review::DEFAULT_STALE_DAYS,
            group_by: crate::model::review::Grouping::Category,
            units: Vec::new(),
            rounds: Vec::new(),
            signoffs: Signoffs::default(),
        }
    }

    fn review_options(&self) -> ReviewOptions {
        ReviewOptions {
            now: self.now,
            stale_days: self.stale_days,
        }
    }

    fn s(&self) -> &'static Strings {
        self.lang.strings()
    }
}

/// A report: its text (already passed through [`sanitize`]) and, for the feedback version,
/// what it left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub text: String,
    /// The problems the feedback version leaves out, with the reasons; empty for the full
    /// version (which keeps and marks them).
    pub left_out: Vec<LeftOut>,
}

/// A problem left out of the feedback version.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    pub round: String,
    pub unit: String,
    /// `checklist › section › item`.
    pub item: String,
    pub reasons: Vec<Hold>,
}

impl LeftOut {
    /// `计算机学院 · 三看 › … › item：存疑待核、问题线索移交`, sanitised.
    pub fn line(&self, lang: Lang) -> String {
        let reasons: Vec<&str> = self.reasons.iter().map(|h| h.label(lang)).collect();
        let sep = match lang {
            Lang::Zh => "、",
            Lang::En => ", ",
        };
        sanitize(&format!(
            "{} · {}{}{}",
            self.unit,
            self.item,
            colon(lang),
            reasons.join(sep)
        ))
        .into_owned()
    }
}

/// Why no report was written.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportError {
    /// `--unit` names a unit no record (of the chosen rounds) has; `available` are those there are.
    UnknownUnit {
        unit: String,
        available: Vec<String>,
    },
    /// `--round` names a round no record has.
    UnknownRound {
        round: String,
        available: Vec<String>,
    },
    /// The name check found names in the texts the feedback version would show.
    Names(Vec<NameMatch>),
    /// The feedback version of rounds not yet reported to the leading group (反馈须在领导小组
    /// 听取汇报之后: 2015 巡视工作条例 art. 26, `shared/CHECKLIST-REVIEW.md` §3.6).
    NotReported { rounds: Vec<String> },
    /// The 问题线索移交清单 asked for in the feedback version: it is never made for the unit.
    CluesRedacted,
    /// The feedback version of units that would show no problem while some of theirs wait for
    /// 审签: it would tell the unit 未发现问题 (fail closed). `(unit, how many wait)`.
    NothingApproved { units: Vec<(String, usize)> },
}

/// At most this many names of units or rounds in one message, then how many in all.
const LIST_MAX: usize = 10;

impl ReportError {
    /// The message, one match per line for [`ReportError::Names`]; sanitised.
    pub fn message(&self, lang: Lang) -> String {
        let s = &lang.strings().report;
        // A round of hundreds of units must not make a message of hundreds of names.
        let list = |v: &[String]| {
            let mut out = v
                .get(..v.len().min(LIST_MAX))
                .unwrap_or(v)
                .join(match lang {
                    Lang::Zh => "、",
                    Lang::En => ", ",
                });
            if v.len() > LIST_MAX {
                out.push_str(&(s.and_more)(v.len()));
            }
            out
        };
        let text = match self {
            ReportError::UnknownUnit { unit, available } => {
                (s.unknown_unit)(unit, &list(available))
            }
            ReportError::UnknownRound { round, available } => {
                (s.unknown_round)(round, &list(available))
            }
            ReportError::CluesRedacted => lang.signoff().clues_redacted.to_string(),
            ReportError::NothingApproved { units } => {
                let each: Vec<String> = units
                    .iter()
                    .map(|(u, n)| (lang.signoff().waiting)(u, *n))
                    .collect();
                (lang.signoff().nothing_approved)(&list(&each))
            }
            ReportError::NotReported { rounds } => {
                (lang.signoff().gate_not_reported)(&list(rounds))
            }
            ReportError::Names(matches) => {
                let mut out = s.names_refused.to_string();
                for m in matches {
                    out.push_str("\n  ");
                    out.push_str(&m.line(lang));
                }
                out
            }
        };
        sanitize(&text).into_owned()
    }
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Zh))
    }
}

impl std::error::Error for ReportError {}

/// The records `options` selects (`--round`, then `--unit`), or the error naming what exists.
pub fn select<'a>(
    records: &'a [(PathBuf, Record)],
    options: &Options,
) -> Result<Cow<'a, [(PathBuf, Record)]>, ReportError> {
    if options.units.is_empty() && options.rounds.is_empty() {
        return Ok(Cow::Borrowed(records));
    }
    let distinct = |f: &dyn Fn(&Record) -> &str, among: &[&(PathBuf, Record)]| {
        let mut v: Vec<String> = among.iter().map(|(_, r)| f(r).to_string()).collect();
        v.sort();
        v.dedup();
        v
    };
    let all: Vec<&(PathBuf, Record)> = records.iter().collect();
    let wanted = |list: &[String], value: &str| list.iter().any(|x| x.trim() == value);
    for round in &options.rounds {
        if !records.iter().any(|(_, r)| r.round == round.trim()) {
            return Err(ReportError::UnknownRound {
                round: round.trim().to_string(),
                available: distinct(&|r| &r.round, &all),
            });
        }
    }
    let in_rounds: Vec<&(PathBuf, Record)> = records
        .iter()
        .filter(|(_, r)| options.rounds.is_empty() || wanted(&options.rounds, &r.round))
        .collect();
    for unit in &options.units {
        if !in_rounds.iter().any(|(_, r)| r.unit == unit.trim()) {
            return Err(ReportError::UnknownUnit {
                unit: unit.trim().to_string(),
                available: distinct(&|r| &r.unit, &in_rounds),
            });
        }
    }
    Ok(Cow::Owned(
        in_rounds
            .into_iter()
            .filter(|(_, r)| options.units.is_empty() || wanted(&options.units, &r.unit))
            .cloned()
            .collect(),
    ))
}

/// The records and their aggregation, shared by both formats.
struct Input<'a> {
    records: Cow<'a, [(PathBuf, Record)]>,
    review: Review,
    /// The records span several rounds: units are named with their round.
    several_rounds: bool,
    options: Options,
    redaction: Redaction,
    /// What the feedback version shows (empty in the full version).
    feedback: Feedback,
    /// The sign-off state of each entry, in the order of [`Review::entries`].
    signs: Vec<FindingSign>,
}

/// The units of `review` whose feedback would read 未发现问题 only because every problem of
/// theirs still waits for 审签 (none shown, some held as [`Hold::NotApproved`]), each with how
/// many wait: the feedback version refuses them, and so does recording their feedback.
pub fn waiting_for_approval(review: &Review, feedback: &Feedback) -> Vec<(String, usize)> {
    let shown = feedback.shown_per_unit(review);
    let mut waiting = Vec::new();
    for (ui, unit) in review.units.iter().enumerate() {
        let n = feedback
            .left_out
            .iter()
            .filter(|(ei, reasons)| {
                reasons.contains(&Hold::NotApproved)
                    && review.entries.get(*ei).is_some_and(|e| e.unit == ui)
            })
            .count();
        if n > 0 && shown.get(ui).copied().unwrap_or_default() == 0 {
            waiting.push((unit.key.unit.clone(), n));
        }
    }
    waiting
}

impl<'a> Input<'a> {
    /// Select the records, aggregate them, and for the feedback version build what it shows
    /// and run the name check on it against every record of the selected rounds: any match and
    /// nothing is written.
    fn new(
        records: &'a [(PathBuf, Record)],
        catalog: &Catalog,
        options: &Options,
    ) -> Result<Input<'a>, ReportError> {
        let selected = select(records, options)?;
        let review = Review::build(&selected, catalog, &options.review_options());
        let signs = options.signoffs.state(&review, &selected);
        let feedback = if options.redact {
            let rounds = review.rounds();
            let unreported: Vec<String> = rounds
                .iter()
                .filter(|r| options.signoffs.reported(r).is_none())
                .map(|r| r.to_string())
                .collect();
            if !unreported.is_empty() {
                return Err(ReportError::NotReported { rounds: unreported });
            }
            let round: Vec<&Record> = records
                .iter()
                .map(|(_, r)| r)
                .filter(|r| rounds.contains(&r.round.as_str()))
                .collect();
            let feedback = Feedback::build(&review, &signs);
            let waiting = waiting_for_approval(&review, &feedback);
            if !waiting.is_empty() {
                return Err(ReportError::NothingApproved { units: waiting });
            }
            let matches = check_names(&feedback, &review, &selected, &round, catalog);
            if !matches.is_empty() {
                return Err(ReportError::Names(matches));
            }
            feedback
        } else {
            Feedback::default()
        };
        Ok(Input {
            signs,
            several_rounds: review.rounds().len() > 1,
            records: selected,
            review,
            options: options.clone(),
            redaction: Redaction { on: options.redact },
            feedback,
        })
    }

    /// The sign-off state of entry `entry` (an index into `review.entries`).
    fn sign(&self, entry: usize) -> Option<&FindingSign> {
        self.signs.get(entry).filter(|s| s.entry == entry)
    }

    /// The sign-off state of `entry`, one of `review.entries`.
    fn sign_for(&self, entry: &crate::model::review::Entry) -> Option<&FindingSign> {
        let i = self
            .review
            .entries
            .iter()
            .position(|e| e.unit == entry.unit && e.item.key == entry.item.key)?;
        self.sign(i)
    }

    /// The sign-off state of the entry holding finding `finding` (an index into
    /// `review.findings`).
    fn sign_of_finding(&self, finding: usize) -> Option<&FindingSign> {
        let entry = self
            .review
            .entries
            .iter()
            .position(|e| e.findings.contains(&finding))?;
        self.sign(entry)
    }

    fn record(&self, index: usize) -> Option<&Record> {
        self.records.get(index).map(|(_, r)| r)
    }

    /// The problems the feedback version leaves out (none in the full version).
    fn left_out(&self) -> Vec<LeftOut> {
        if !self.redaction.on {
            return Vec::new();
        }
        self.feedback
            .left_out
            .iter()
            .filter_map(|(ei, reasons)| {
                let e = self.review.entries.get(*ei)?;
                let unit = self.review.units.get(e.unit)?;
                Some(LeftOut {
                    round: unit.key.round.clone(),
                    unit: unit.key.unit.clone(),
                    item: item_path(&e.item),
                    reasons: reasons.clone(),
                })
            })
            .collect()
    }

    /// The title line: rounds and groups, then the kind of document.
    fn title(&self) -> String {
        let s = self.options.s();
        let rounds = self.review.rounds().join("、");
        let groups = self.review.groups().join("、");
        let mut parts: Vec<String> = Vec::new();
        if !rounds.is_empty() {
            parts.push(match self.options.lang {
                Lang::Zh => format!("{rounds}巡察"),
                Lang::En => format!("Round {rounds}"),
            });
        }
        if !groups.is_empty() {
            parts.push(groups);
        }
        parts.push(
            if self.redaction.on {
                s.report.title_redacted
            } else {
                s.report.title
            }
            .to_string(),
        );
        parts.join(" · ")
    }
}

/// Redaction on or off; what the feedback version shows is [`Feedback`].
#[derive(Debug, Clone, Copy)]
struct Redaction {
    on: bool,
}

/// `T01（个别谈话，2026-11-20 10:35）` — the source of a note as cited in a report. The time
/// is left out of the redacted version.
fn cite(e: &Evidence, lang: Lang, redact: bool) -> String {
    cite_note(&e.note, e.source_kind, lang, redact)
}

fn cite_note(note: &Note, kind: Option<SourceKind>, lang: Lang, redact: bool) -> String {
    let s = lang.strings();
    let (open, sep, close) = match lang {
        Lang::Zh => ("（", "，", "）"),
        Lang::En => (" (", ", ", ")"),
    };
    let mut out = String::with_capacity(48);
    out.push_str(&note.source);
    out.push_str(if note.source.is_empty() {
        open.trim_start()
    } else {
        open
    });
    let mut first = true;
    match kind {
        Some(k) => {
            out.push_str(k.label(lang));
            first = false;
        }
        None if note.source.is_empty() => {
            out.push_str(s.report.no_source);
            first = false;
        }
        None => {}
    }
    if !redact {
        if !first {
            out.push_str(sep);
        }
        out.push_str(&when(note.at));
    }
    out.push_str(close);
    out
}

/// The body of a note with its people and figures: `text；涉及人员：…；数据：…`.
fn note_body(e: &Evidence, lang: Lang) -> String {
    note_text(&e.note, lang)
}

fn note_text(note: &Note, lang: Lang) -> String {
    let s = lang.strings();
    let sep = match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    };
    let colon = colon(lang);
    let text = note.text.trim();
    let mut out = String::with_capacity(text.len() + 64);
    if note.people.is_empty() && note.figures.is_empty() {
        out.push_str(text);
        return out;
    }
    // `……措施。；数据：` reads badly: drop the full stop before the separator
    out.push_str(text.trim_end_matches(['。', '；', ';', '.']));
    for (label, value) in [
        (s.report.people, &note.people),
        (s.report.figures, &note.figures),
    ] {
        if !value.is_empty() {
            out.push_str(sep);
            out.push_str(label);
            out.push_str(colon);
            out.push_str(value);
        }
    }
    out
}

/// `三看 › 一看：… › the item`: the checklist, the section and the item, those that are not
/// empty.
fn item_path(item: &ItemRef) -> String {
    [
        item.template_title.as_str(),
        item.section_title.as_str(),
        item.item_text.as_str(),
    ]
    .iter()
    .filter(|p| !p.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" › ")
}

/// `（text）` in Chinese, ` (text)` in English.
fn paren(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// A source kind's label, for the appendix and the CSV.
fn kind_label(kind: SourceKind, lang: Lang) -> &'static str {
    kind.label(lang)
}

/// `2026-11-26 09:30`, as [`Timestamp`]'s `Display` writes it (without parsing a format string
/// for each of the many thousand notes of a round).
fn when(t: Timestamp) -> String {
    use chrono::{Datelike, Timelike};
    let d = t.0;
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.year(),
        d.month(),
        d.day(),
        d.hour(),
        d.minute()
    )
}

/// `done/total percent%`, as `status` shows it.
fn progress_cell(done: usize, total: usize) -> String {
    format!(
        "{done}/{total} {}%",
        crate::model::progress::percent(done, total)
    )
}

#[cfg(test)]
mod tests;

/// A finding's sign-off as one line: `编制 张三 2026-12-01；复核 —；审签 —` (each step's state
/// as `model::signoff::StepState::label` says it).
fn sign_line(sign: &FindingSign, lang: Lang) -> String {
    use crate::model::signoff::Step;
    let parts: Vec<String> = Step::ALL
        .iter()
        .map(|step| format!("{} {}", step.label(lang), sign.step(*step).label(lang)))
        .collect();
    parts.join(match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    })
}
