//! The XLSX workbook, for the leader's own spreadsheets (`report --format xlsx -o FILE`).
//!
//! Written with `rust_xlsxwriter`. Sheets, in this order:
//!
//! 1. **问题清单** — one row per distinct problem ([`Review::entries`]: the findings of one unit
//!    on one item, merged), numbered in the order of the Markdown report (三大问题, then
//!    checklist), so that 序号 3 here is problem 3 there;
//! 2. **证据** — one row per evidence note: in the full version every note of every answer of
//!    the selected records (with its problem's 序号 where the answer is one), in the feedback
//!    version only the notes the feedback shows ([`super::feedback::ShownEntry::notes`]);
//! 3. **完成情况** — units × checklists (and, in the full version, a row per inspector);
//! 4. **线索移交** — the findings marked for transfer, with their people and private source
//!    references (full version only).
//!
//! Every sheet has its header row frozen, an autofilter over its rows, column widths measured
//! by display width (a Chinese character counts two, as in a terminal) between a floor and a
//! cap per column, wrapped text aligned to the top (the body's style is its columns', see
//! [`sheet`]), and prints on A4 landscape with its grid, one page wide or, when wider, a few
//! pages wide with the header row and the first column repeated. Every cell text passes through [`sanitize`] and is cut to
//! Excel's limit of 32,767 UTF-16 units per cell ([`MAX_CELL`]). Texts are written as strings,
//! never as formulas, so a note starting with `=` is shown as typed (no CSV-style injection).
//!
//! The feedback version (`options.redact`) goes through [`Input::new`] like every other format:
//! the same [`super::Feedback`] model, the same settled-only rule and the same name check, which
//! refuses the whole workbook when a shown text holds a name. It shows exactly the texts of that
//! model; no inspector, file, people, time, private reference, transfer or disagreement.

use std::collections::HashMap;
use std::path::PathBuf;

use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

use super::feedback::{ShownEntry, ShownText};
use super::{Input, LeftOut, Options, ReportError, sanitize};
use crate::i18n::Lang;
use crate::model::review::{Entry, Grouping, Review};
use crate::model::{Catalog, Record};

mod completion;
mod evidence;
mod problems;
mod sheet;

pub(crate) use sheet::{LINE_HEIGHT, MAX_ROW_HEIGHT, cell_text, header_format, header_text};
mod transfers;

use sheet::{Sheet, Styles};

/// The most UTF-16 code units Excel holds in one cell; longer texts are cut and end with
/// [`CUT_MARK`].
pub const MAX_CELL: usize = 32_767;

/// What ends a cell text that was cut at [`MAX_CELL`].
pub const CUT_MARK: &str = "…[截断]";

/// The workbook's bytes and, for the feedback version, what it left out.
#[derive(Debug, Clone, PartialEq)]
pub struct XlsxReport {
    /// A complete `.xlsx` file (a zip archive).
    pub bytes: Vec<u8>,
    /// As [`super::Report::left_out`].
    pub left_out: Vec<LeftOut>,
}

/// Why no workbook was made.
#[derive(Debug)]
pub enum XlsxReportError {
    /// An unknown `--unit` or `--round`, or names in the feedback version.
    Report(ReportError),
    /// `rust_xlsxwriter` refused (a limit of the format: more than 1,048,576 rows in a sheet).
    Write(XlsxError),
}

impl XlsxReportError {
    /// The message, sanitised.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            XlsxReportError::Report(e) => e.message(lang),
            XlsxReportError::Write(e) => sanitize(&e.to_string()).into_owned(),
        }
    }
}

impl std::fmt::Display for XlsxReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Zh))
    }
}

impl std::error::Error for XlsxReportError {}

impl From<ReportError> for XlsxReportError {
    fn from(e: ReportError) -> Self {
        XlsxReportError::Report(e)
    }
}

impl From<XlsxError> for XlsxReportError {
    fn from(e: XlsxError) -> Self {
        XlsxReportError::Write(e)
    }
}

/// The sheet names, in order: 问题清单, 证据, 完成情况, and (full version) 线索移交.
pub fn sheet_names(lang: Lang, redact: bool) -> Vec<&'static str> {
    let l = labels(lang);
    let mut v = vec![l.sheet_problems, l.sheet_evidence, l.sheet_completion];
    if !redact {
        v.push(l.sheet_transfer);
    }
    v
}

/// The report as an XLSX workbook. The feedback version (`options.redact`) is refused with
/// [`ReportError::Names`] when the name check finds a name in what it would show; an unknown
/// `--unit` or `--round` is an error too.
pub fn xlsx(
    records: &[(PathBuf, Record)],
    catalog: &Catalog,
    options: &Options,
) -> Result<XlsxReport, XlsxReportError> {
    let input = Input::new(records, catalog, options)?;
    let numbers = numbering(&input);
    let mut book = Workbook::new();
    let l = labels(options.lang);
    let title = input.title();
    let notice = if input.redaction.on {
        options.s().report.redacted_notice
    } else {
        options.s().report.internal_notice
    };
    book.set_properties(
        &DocProperties::new()
            .set_title(sanitize(&title).as_ref())
            .set_comment(notice),
    );
    let styles = Styles::new();
    let sheets: Vec<Sheet> = if input.redaction.on {
        vec![
            problems::feedback_problems(&input, &numbers),
            evidence::feedback_evidence(&input, &numbers),
            completion::completion(&input),
        ]
    } else {
        vec![
            problems::full_problems(&input, &numbers),
            evidence::full_evidence(&input, catalog, &numbers),
            completion::completion(&input),
            transfers::transfers(&input),
        ]
    };
    for (name, sheet) in sheet_names(options.lang, input.redaction.on)
        .into_iter()
        .zip(sheets)
    {
        let ws = book.add_worksheet();
        ws.set_name(name)?;
        sheet.write(ws, &styles, &title, l.footer)?;
    }
    // Excel's own level: about a third faster to save than the default 6 (the workbook of a
    // 500-record round: 5.6 instead of 4.9 MB)
    book.set_zip_compression_level(3);
    Ok(XlsxReport {
        bytes: book.save_to_buffer()?,
        left_out: input.left_out(),
    })
}

/// The 问题线索移交清单 alone (`report --clues --format xlsx`): one sheet, 线索移交. Internal
/// and confidential: refused for the feedback version ([`ReportError::CluesRedacted`]).
pub fn clues_xlsx(
    records: &[(PathBuf, Record)],
    catalog: &Catalog,
    options: &Options,
) -> Result<XlsxReport, XlsxReportError> {
    if options.redact {
        return Err(ReportError::CluesRedacted.into());
    }
    let input = Input::new(records, catalog, options)?;
    let mut book = Workbook::new();
    let l = labels(options.lang);
    let title = format!("{} · {}", input.title(), l.sheet_transfer);
    book.set_properties(
        &DocProperties::new()
            .set_title(sanitize(&title).as_ref())
            .set_comment(options.s().report.internal_notice),
    );
    let ws = book.add_worksheet();
    ws.set_name(l.sheet_transfer)?;
    transfers::transfers(&input).write(ws, &Styles::new(), &title, l.footer)?;
    Ok(XlsxReport {
        bytes: book.save_to_buffer()?,
        left_out: Vec::new(),
    })
}

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------

/// The workbook's own words (the rest are the report's, from `i18n`).
struct Labels {
    sheet_problems: &'static str,
    sheet_evidence: &'static str,
    sheet_completion: &'static str,
    sheet_transfer: &'static str,
    number: &'static str,
    problem_number: &'static str,
    notes_count: &'static str,
    percent: &'static str,
    source_code: &'static str,
    source_kind: &'static str,
    source_reference: &'static str,
    at: &'static str,
    text: &'static str,
    footer: &'static str,
}

fn labels(lang: Lang) -> &'static Labels {
    static ZH: Labels = Labels {
        sheet_problems: "问题清单",
        sheet_evidence: "证据",
        sheet_completion: "完成情况",
        sheet_transfer: "线索移交",
        number: "序号",
        problem_number: "问题序号",
        notes_count: "证据条数",
        percent: "完成率",
        source_code: "来源代号",
        source_kind: "来源类别",
        source_reference: "来源内容（内部）",
        at: "时间",
        text: "内容",
        footer: "第 &P 页，共 &N 页",
    };
    static EN: Labels = Labels {
        sheet_problems: "Problems",
        sheet_evidence: "Evidence",
        sheet_completion: "Completion",
        sheet_transfer: "Clues to transfer",
        number: "No.",
        problem_number: "Problem no.",
        notes_count: "Notes",
        percent: "Done",
        source_code: "Source",
        source_kind: "Source kind",
        source_reference: "Reference (internal)",
        at: "Time",
        text: "Text",
        footer: "Page &P of &N",
    };
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

// ---------------------------------------------------------------------------------------------
// Numbering and shared pieces
// ---------------------------------------------------------------------------------------------

/// Each listed entry's number (index into `Review::entries` → 序号), in the order of the
/// Markdown report: grouped by 三大问题, then by checklist. In the feedback version only the
/// entries it shows are numbered.
fn numbering(input: &Input<'_>) -> HashMap<usize, usize> {
    let review = &input.review;
    let listed: Vec<usize> = if input.redaction.on {
        input.feedback.entries.iter().map(|e| e.entry).collect()
    } else {
        (0..review.entries.len()).collect()
    };
    let mut out = HashMap::with_capacity(listed.len());
    for by_category in review.group_entries(listed, Grouping::Category) {
        for by_checklist in review.group_entries(by_category.findings, Grouping::Checklist) {
            for ei in by_checklist.findings {
                let n = out.len() + 1;
                out.insert(ei, n);
            }
        }
    }
    out
}

/// The entries in numbered order: `(序号, index into Review::entries)`.
fn in_order(numbers: &HashMap<usize, usize>) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = numbers.iter().map(|(&ei, &n)| (n, ei)).collect();
    v.sort_unstable();
    v
}

/// The problems the feedback version shows, in numbered order: `(序号, entry, what it shows)`.
fn shown_in_order<'b>(
    input: &'b Input<'_>,
    numbers: &HashMap<usize, usize>,
) -> Vec<(usize, &'b Entry, &'b ShownEntry)> {
    let shown: HashMap<usize, &ShownEntry> = input
        .feedback
        .entries
        .iter()
        .map(|e| (e.entry, e))
        .collect();
    in_order(numbers)
        .into_iter()
        .filter_map(|(n, ei)| Some((n, input.review.entries.get(ei)?, *shown.get(&ei)?)))
        .collect()
}

fn unit_of(review: &Review, e: &Entry) -> (String, String, String) {
    review.units.get(e.unit).map_or_else(Default::default, |u| {
        (u.key.unit.clone(), u.key.round.clone(), u.groups.join("、"))
    })
}

fn lines(v: &[ShownText]) -> String {
    v.iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn sep(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}
