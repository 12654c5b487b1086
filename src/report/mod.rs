//! The report draft: Markdown for reading and editing, CSV for spreadsheets, each in a full
//! version (internal) and a redacted one (may be shown to the inspected unit). Pure functions
//! from records to `String`; writing the file is the caller's business.
//!
//! Both build the one [`Review`] aggregation, so a report always agrees with `status` and the
//! review screen. The redaction rules live here, in one place ([`Redaction`]); they are
//! documented in `docs/REPORT.md`:
//!
//! - no private source reference, no source time;
//! - no evidence note whose source is an individual interview, a reported clue or a
//!   personal-report check ([`SourceKind::identifies_informant`]) — neither its text nor its
//!   people nor its figures nor its code — and none whose source is missing or unknown (fail
//!   closed);
//! - a finding's `people` only when all of its evidence may be shown (at least one note, none
//!   left out by the rule above);
//! - no finding marked for transfer (问题线索移交), and no 存疑待核 finding (still being
//!   verified: showing it would tip the unit off), in any list or count;
//! - no inspector names and no file names (which carry them); no disagreements, no list of
//!   unchecked items, no appendix of sources.

pub mod csv;
pub mod markdown;

use std::path::PathBuf;

use crate::i18n::{Lang, Strings};
use crate::model::review::{Evidence, FindingRow, Review, ReviewOptions};
use crate::model::{Catalog, Note, Record, SourceKind, Status, Timestamp};

pub use csv::csv;
pub use markdown::markdown;

/// What to produce.
#[derive(Debug, Clone, Copy)]
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
}

impl Options {
    pub fn new(lang: Lang, redact: bool, now: Timestamp) -> Options {
        Options {
            lang,
            redact,
            now,
            stale_days: crate::model::review::DEFAULT_STALE_DAYS,
            group_by: crate::model::review::Grouping::Category,
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

/// The records and their aggregation, shared by both formats.
struct Input<'a> {
    records: &'a [(PathBuf, Record)],
    review: Review,
    /// The records span several rounds: units are named with their round.
    several_rounds: bool,
    options: Options,
    redaction: Redaction,
}

impl<'a> Input<'a> {
    fn new(records: &'a [(PathBuf, Record)], catalog: &Catalog, options: &Options) -> Input<'a> {
        let review = Review::build(records, catalog, &options.review_options());
        Input {
            records,
            several_rounds: review.rounds().len() > 1,
            review,
            options: *options,
            redaction: Redaction { on: options.redact },
        }
    }

    fn record(&self, index: usize) -> Option<&'a Record> {
        self.records.get(index).map(|(_, r)| r)
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

/// The redaction rules. Off: everything is shown.
#[derive(Debug, Clone, Copy)]
struct Redaction {
    on: bool,
}

impl Redaction {
    /// Whether a finding appears at all (and is counted).
    fn shows_finding(self, f: &FindingRow) -> bool {
        !self.on || (f.status == Status::Problem && !f.finding.transfer)
    }

    /// Whether an evidence note appears.
    fn shows_evidence(self, e: &Evidence) -> bool {
        !self.on || !e.may_identify_informant()
    }

    /// A finding's people, or nothing when its evidence may lead back to an informant.
    fn finding_people(self, f: &FindingRow) -> &str {
        let safe = !f.evidence.is_empty() && f.evidence.iter().all(|e| !e.may_identify_informant());
        if !self.on || safe {
            &f.finding.people
        } else {
            ""
        }
    }
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
