//! The round's deliverables as DOCX in GB/T 9704-2012 公文格式 (figures in
//! [`layout`]): the 巡察报告 (full version), the 反馈意见 (`--redact`) and the
//! 问题底稿 (`--worksheets`, one page per finding), one document per unit; and the 谈话提纲
//! (`xuncha outline --format docx`) in the same layout.
//!
//! Built from the same [`Input`] as every other format: the feedback version shows only the
//! [`Feedback`](super::Feedback) model, which passed the name check in `Input::new`, and only
//! the texts of it that a 反馈意见 carries (no evidence lines, no source codes, no 涉及人员).
//! Every text passes through [`sanitize`](super::sanitize). The documents are Chinese official
//! documents: their wording does not follow `--lang`.

use std::io::Cursor;
use std::path::PathBuf;

use docx_rs::Docx;

use super::{Input, LeftOut, Options, ReportError};
use crate::model::{Catalog, Record};

mod clues;
mod content;
mod feedback;
pub mod layout;
mod outline;
mod page;
mod report;
mod worksheet;

pub use content::WorkCounts;
pub use outline::outline_docx;
pub use page::date;

/// 主送 of the 巡察报告 when none is given.
pub const DEFAULT_RECIPIENT: &str = "校党委巡察工作领导小组";
/// The 整改要求's time limit when none is given: the 2015/2017 条例 ask for the 整改情况报告
/// within two months of the feedback (CHECKLIST-REVIEW §3.6).
pub const DEFAULT_DEADLINE: &str = "2个月";

/// What the DOCX documents say beyond the records.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxOptions {
    /// 主送 of the 巡察报告 (`--to`).
    pub recipient: String,
    /// The 整改要求's time limit, as written into the sentence 「收到本反馈意见后{deadline}内」
    /// (`--deadline`), e.g. `2个月`, `30日`.
    pub deadline: String,
}

impl Default for DocxOptions {
    fn default() -> Self {
        DocxOptions {
            recipient: DEFAULT_RECIPIENT.to_string(),
            deadline: DEFAULT_DEADLINE.to_string(),
        }
    }
}

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocxKind {
    /// 巡察报告 (full version).
    Report,
    /// 反馈意见 (`--redact`).
    Feedback,
    /// 问题底稿, one page per finding (`--worksheets`).
    Worksheets,
    /// 问题线索移交清单, one for the whole selection (`--clues`).
    Clues,
}

impl DocxKind {
    /// `巡察报告`, `反馈意见`, `问题底稿`: the last part of a file name.
    pub fn label(self) -> &'static str {
        match self {
            DocxKind::Report => "巡察报告",
            DocxKind::Feedback => "反馈意见",
            DocxKind::Worksheets => "问题底稿",
            DocxKind::Clues => "问题线索移交清单",
        }
    }
}

/// One generated document: one unit of one round.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxFile {
    pub round: String,
    pub unit: String,
    pub kind: DocxKind,
    /// The file's bytes (a ZIP package, WordprocessingML).
    pub bytes: Vec<u8>,
}

impl DocxFile {
    /// `计算机学院-巡察报告.docx`, with the round in front when `with_round`; characters a
    /// file name cannot hold (`/`, `\`, controls…) become `_`.
    pub fn file_name(&self, with_round: bool) -> String {
        let mut name = String::new();
        if with_round {
            name.push_str(&self.round);
            name.push('-');
        }
        if !self.unit.is_empty() {
            name.push_str(&self.unit);
            name.push('-');
        }
        name.push_str(self.kind.label());
        let name: String = name
            .chars()
            .map(|c| {
                if c.is_control()
                    || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        format!("{}.docx", name.trim_start_matches('.'))
    }
}

/// The documents and what the feedback version left out.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxReport {
    /// One per unit, in the order of [`crate::model::Review::units`].
    pub files: Vec<DocxFile>,
    /// See [`super::Report::left_out`].
    pub left_out: Vec<LeftOut>,
    /// The records span several rounds (file names carry the round).
    pub several_rounds: bool,
}

/// The 巡察报告 (or with `options.redact` the 反馈意见) of every selected unit as DOCX. Errors
/// as [`super::markdown`]: an unknown `--unit`/`--round`, or names in the feedback version.
pub fn docx(
    records: &[(PathBuf, Record)],
    catalog: &Catalog,
    options: &Options,
    docx: &DocxOptions,
) -> Result<DocxReport, ReportError> {
    let input = Input::new(records, catalog, options)?;
    let kind = if input.redaction.on {
        DocxKind::Feedback
    } else {
        DocxKind::Report
    };
    let files = (0..input.review.units.len())
        .map(|ui| {
            let doc = match kind {
                DocxKind::Feedback => feedback::feedback_document(&input, ui, docx),
                _ => report::report_document(&input, ui, docx),
            };
            file(&input, ui, kind, doc)
        })
        .collect();
    Ok(DocxReport {
        files,
        left_out: input.left_out(),
        several_rounds: input.several_rounds,
    })
}

/// The 问题底稿 of every selected unit, one page per finding (发现问题 and 存疑待核), as DOCX.
/// An internal document: always built from the full version (`options.redact` is not
/// consulted; the command line refuses `--worksheets --redact`), private source references
/// included; findings marked [`leading_cadre`](crate::model::Finding::leading_cadre) are
/// never in it.
pub fn worksheets(
    records: &[(PathBuf, Record)],
    catalog: &Catalog,
    options: &Options,
) -> Result<DocxReport, ReportError> {
    let options = Options {
        redact: false,
        ..options.clone()
    };
    let input = Input::new(records, catalog, &options)?;
    let files = (0..input.review.units.len())
        .map(|ui| {
            let doc = worksheet::worksheet_document(&input, ui);
            file(&input, ui, DocxKind::Worksheets, doc)
        })
        .collect();
    Ok(DocxReport {
        files,
        left_out: Vec::new(),
        several_rounds: input.several_rounds,
    })
}

/// The 问题线索移交清单 of the selected records, as one document (named without a unit:
/// `问题线索移交清单.docx`). Internal and confidential: refused for the feedback version
/// ([`ReportError::CluesRedacted`]).
pub fn clues_docx(
    records: &[(PathBuf, Record)],
    catalog: &Catalog,
    options: &Options,
) -> Result<DocxReport, ReportError> {
    if options.redact {
        return Err(ReportError::CluesRedacted);
    }
    let input = Input::new(records, catalog, options)?;
    let doc = clues::clues_document(&input);
    let round = input.review.rounds().join("、");
    let file = DocxFile {
        round,
        unit: String::new(),
        kind: DocxKind::Clues,
        bytes: pack(doc, input.options.now),
    };
    Ok(DocxReport {
        files: vec![file],
        left_out: Vec::new(),
        several_rounds: input.several_rounds,
    })
}

fn file(input: &Input<'_>, ui: usize, kind: DocxKind, doc: Docx) -> DocxFile {
    let (round, unit) = input
        .review
        .units
        .get(ui)
        .map(|u| (u.key.round.clone(), u.key.unit.clone()))
        .unwrap_or_default();
    DocxFile {
        round,
        unit,
        kind,
        bytes: pack(doc, input.options.now),
    }
}

/// The document as the bytes of a `.docx` package, created and modified at `now` (the
/// package's core properties; without them Word and WPS show 1970-01-01).
fn pack(doc: Docx, now: crate::model::Timestamp) -> Vec<u8> {
    let stamp = now
        .0
        .with_timezone(&chrono::Utc)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let doc = doc.created_at(&stamp).updated_at(&stamp);
    let mut bytes = Cursor::new(Vec::with_capacity(64 * 1024));
    // writing into memory fails only when the ZIP writer does, which it does not for a Vec
    match doc.build().pack(&mut bytes) {
        Ok(()) => bytes.into_inner(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
