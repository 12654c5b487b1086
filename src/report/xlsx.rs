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
//! cap per column, wrapped text aligned to the top, and prints on A4 landscape one page wide
//! with the header row repeated. Every cell text passes through [`sanitize`] and is cut to
//! Excel's limit of 32,767 UTF-16 units per cell ([`MAX_CELL`]). Texts are written as strings,
//! never as formulas, so a note starting with `=` is shown as typed (no CSV-style injection).
//!
//! The feedback version (`options.redact`) goes through [`Input::new`] like every other format:
//! the same [`super::Feedback`] model, the same settled-only rule and the same name check, which
//! refuses the whole workbook when a shown text holds a name. It shows exactly the texts of that
//! model; no inspector, file, people, time, private reference, transfer or disagreement.

use std::collections::HashMap;
use std::path::PathBuf;

use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::feedback::ShownText;
use super::{Input, LeftOut, Options, ReportError, cite, colon, note_body, sanitize};
use crate::i18n::Lang;
use crate::model::review::{Entry, FindingRow, Grouping, ItemIndex, Review};
use crate::model::{Catalog, Record};

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
            feedback_problems(&input, &numbers),
            feedback_evidence(&input, &numbers),
            completion(&input),
        ]
    } else {
        vec![
            full_problems(&input, &numbers),
            full_evidence(&input, catalog, &numbers),
            completion(&input),
            transfers(&input, &numbers),
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
    Ok(XlsxReport {
        bytes: book.save_to_buffer()?,
        left_out: input.left_out(),
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
// A sheet in memory: rows first, widths measured, then written
// ---------------------------------------------------------------------------------------------

/// One cell's value.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Number(f64),
    /// A fraction shown as a percentage (`0.85` → `85%`).
    Percent(f64),
    Empty,
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::from(s.to_string())
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        // counts of a round are far below 2^53
        Cell::Number(n as f64)
    }
}

/// A column: its header and the widest it may grow (in Excel's character units; a Chinese
/// character is two). Texts wider than the cap wrap.
struct Column {
    header: String,
    cap: f64,
}

fn col(header: &str, cap: f64) -> Column {
    Column {
        header: header.to_string(),
        cap,
    }
}

/// Narrow columns: numbers, codes, statuses, names.
const NARROW: f64 = 12.0;
/// Names of units, checklists and sections.
const MEDIUM: f64 = 24.0;
/// Item texts and titles.
const WIDE: f64 = 40.0;
/// Statements, evidence.
const WIDEST: f64 = 60.0;

/// The height of one line of wrapped text, in points: 11-point text with a Chinese font's
/// line gap.
const LINE_HEIGHT: f64 = 15.0;
/// Excel's tallest row, in points.
const MAX_ROW_HEIGHT: f64 = 409.0;
/// A sheet at most this wide (in character units) prints one page wide on A4 landscape (at no
/// less than about half size); a wider one prints across pages, its header row repeated.
const FIT_WIDTH: f64 = 260.0;

struct Sheet {
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
}

struct Styles {
    header: Format,
    text: Format,
    number: Format,
    percent: Format,
}

impl Styles {
    fn new() -> Styles {
        let body = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Styles {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter)
                .set_align(FormatAlign::Center)
                .set_background_color(0x00D9_E1F2)
                .set_border(FormatBorder::Thin),
            text: body.clone(),
            number: body.clone().set_align(FormatAlign::Center),
            percent: body.set_num_format("0%").set_align(FormatAlign::Center),
        }
    }
}

impl Sheet {
    fn new(columns: Vec<Column>) -> Sheet {
        Sheet {
            columns,
            rows: Vec::new(),
        }
    }

    fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// The width of column `c`: its widest line (header included, plus room for the filter
    /// button), at least 6, at most the column's cap.
    fn width(&self, c: usize, column: &Column) -> f64 {
        let widest_line = |s: &str| s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        let header = widest_line(&column.header) as f64 + 4.0;
        let body = self
            .rows
            .iter()
            .filter_map(|r| match r.get(c) {
                Some(Cell::Text(s)) => Some(widest_line(s) as f64 + 1.0),
                Some(Cell::Number(_) | Cell::Percent(_)) => Some(6.0),
                _ => None,
            })
            .fold(0.0, f64::max);
        header.max(body).clamp(6.0, column.cap.max(header))
    }

    /// The height of body row `r` in points: enough lines for its tallest cell wrapped at the
    /// column widths (programs do not all fit wrapped rows when they open a file); `None` for
    /// one line.
    fn height(&self, row: &[Cell], widths: &[f64]) -> Option<f64> {
        let lines = row
            .iter()
            .zip(widths)
            .map(|(cell, &w)| match cell {
                Cell::Text(s) => {
                    let room = (w - 1.0).max(1.0);
                    s.lines()
                        .map(|l| (UnicodeWidthStr::width(l) as f64 / room).ceil().max(1.0))
                        .sum::<f64>()
                }
                _ => 1.0,
            })
            .fold(1.0, f64::max);
        (lines > 1.0).then(|| (lines * LINE_HEIGHT + 2.0).min(MAX_ROW_HEIGHT))
    }

    fn write(
        &self,
        ws: &mut Worksheet,
        styles: &Styles,
        title: &str,
        footer: &str,
    ) -> Result<(), XlsxError> {
        let last_col = u16::try_from(self.columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
        let widths: Vec<f64> = self
            .columns
            .iter()
            .enumerate()
            .map(|(c, column)| self.width(c, column))
            .collect();
        for (c, (column, &width)) in self.columns.iter().zip(&widths).enumerate() {
            let ci = u16::try_from(c).unwrap_or(u16::MAX);
            ws.set_column_width(ci, width)?;
            ws.write_string_with_format(0, ci, cell_text(&column.header), &styles.header)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let ri = u32::try_from(r + 1).unwrap_or(u32::MAX);
            if let Some(h) = self.height(row, &widths) {
                ws.set_row_height(ri, h)?;
            }
            for (c, cell) in row.iter().enumerate() {
                let ci = u16::try_from(c).unwrap_or(u16::MAX);
                match cell {
                    Cell::Text(s) => {
                        ws.write_string_with_format(ri, ci, cell_text(s), &styles.text)?;
                    }
                    Cell::Number(n) => {
                        ws.write_number_with_format(ri, ci, *n, &styles.number)?;
                    }
                    Cell::Percent(n) => {
                        ws.write_number_with_format(ri, ci, *n, &styles.percent)?;
                    }
                    Cell::Empty => {
                        ws.write_blank(ri, ci, &styles.text)?;
                    }
                }
            }
        }
        let last_row = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, last_row, last_col)?;
        ws.set_repeat_rows(0, 0)?;
        ws.set_paper_size(9); // A4
        ws.set_landscape();
        if widths.iter().sum::<f64>() <= FIT_WIDTH {
            ws.set_print_fit_to_pages(1, 0);
        }
        ws.set_header(format!("&C{}", header_text(title)));
        ws.set_footer(format!("&C{footer}"));
        Ok(())
    }
}

/// A cell's text: sanitised and cut to [`MAX_CELL`] UTF-16 units.
fn cell_text(s: &str) -> String {
    let s = sanitize(s);
    if s.encode_utf16().count() <= MAX_CELL {
        return s.into_owned();
    }
    let room = MAX_CELL - CUT_MARK.encode_utf16().count();
    let mut used = 0;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        used += c.len_utf16();
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push_str(CUT_MARK);
    out
}

/// The title in a print header: sanitised, one line, `&` doubled (it starts a field code),
/// short enough for Excel's limit of 255 characters for the whole header.
fn header_text(title: &str) -> String {
    let one_line: String = sanitize(title)
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .take(100)
        .collect();
    one_line.replace('&', "&&")
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

// ---------------------------------------------------------------------------------------------
// 问题清单
// ---------------------------------------------------------------------------------------------

fn full_problems(input: &Input<'_>, numbers: &HashMap<usize, usize>) -> Sheet {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let h = &s.report.csv;
    let lang = input.options.lang;
    let c = colon(lang);
    let review = &input.review;
    let mut sheet = Sheet::new(vec![
        col(l.number, NARROW),
        col(s.unit, MEDIUM),
        col(s.round, NARROW),
        col(s.group, NARROW),
        col(h.category, NARROW + 4.0),
        col(h.checklist, MEDIUM),
        col(h.section, MEDIUM),
        col(h.item, WIDE),
        col(h.status, NARROW),
        col(h.title, WIDE),
        col(s.report.statement, WIDEST),
        col(s.report.feedback_text, WIDE),
        col(s.report.figures, WIDE),
        col(s.report.people, MEDIUM),
        col(s.report.basis, WIDE),
        col(h.transfer, NARROW),
        col(s.report.held, MEDIUM),
        col(s.inspector, MEDIUM),
        col(l.notes_count, NARROW),
    ]);
    for (n, ei) in in_order(numbers) {
        let Some(e) = review.entries.get(ei) else {
            continue;
        };
        let rows: Vec<&FindingRow> = e
            .findings
            .iter()
            .filter_map(|&i| review.findings.get(i))
            .collect();
        let several = rows.len() > 1;
        // with several findings, each value says whose it is (and its status when it differs)
        let values = |pick: &dyn Fn(&FindingRow) -> &str| -> String {
            rows.iter()
                .filter(|f| !pick(f).trim().is_empty())
                .map(|f| {
                    let value = pick(f).trim();
                    if !several {
                        return value.to_string();
                    }
                    let mut tag = review
                        .records
                        .get(f.record)
                        .map(|r| r.inspector.clone())
                        .unwrap_or_default();
                    if f.status != e.status {
                        tag.push_str(&paren(f.status.label(lang), lang));
                    }
                    format!("{tag}{c}{value}")
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let title = rows
            .iter()
            .map(|f| f.finding.title.trim())
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        let mut inspectors: Vec<&str> = Vec::new();
        for f in &rows {
            if let Some(r) = review.records.get(f.record)
                && !inspectors.contains(&r.inspector.as_str())
            {
                inspectors.push(&r.inspector);
            }
        }
        let held: Vec<&str> = super::feedback::holds(review, e)
            .iter()
            .map(|h| h.label(lang))
            .collect();
        let (unit, round, group) = unit_of(review, e);
        let notes: usize = rows.iter().map(|f| f.evidence.len()).sum();
        let mut item = if e.item.orphan {
            e.item.key.clone()
        } else {
            e.item.item_text.clone()
        };
        if e.item.orphan {
            item.push_str(s.report.orphan);
        }
        sheet.push(vec![
            n.into(),
            unit.into(),
            round.into(),
            group.into(),
            e.category.map(|c| c.label(lang)).unwrap_or_default().into(),
            e.item.template_title.as_str().into(),
            e.item.section_title.as_str().into(),
            item.into(),
            e.status.label(lang).into(),
            title.into(),
            values(&|f| f.finding.statement.as_str()).into(),
            values(&|f| f.finding.feedback_text.as_deref().unwrap_or_default()).into(),
            values(&|f| f.finding.figures.as_str()).into(),
            values(&|f| f.finding.people.as_str()).into(),
            values(&|f| f.finding.basis.as_str()).into(),
            if rows.iter().any(|f| f.finding.transfer) {
                s.report.transfer_yes
            } else {
                ""
            }
            .into(),
            held.join(sep(lang)).into(),
            inspectors.join(sep(lang)).into(),
            notes.into(),
        ]);
    }
    sheet
}

/// The feedback version's problems: exactly the texts of [`super::Feedback`].
fn feedback_problems(input: &Input<'_>, numbers: &HashMap<usize, usize>) -> Sheet {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let h = &s.report.csv;
    let lang = input.options.lang;
    let review = &input.review;
    let mut sheet = Sheet::new(vec![
        col(l.number, NARROW),
        col(s.unit, MEDIUM),
        col(s.round, NARROW),
        col(s.group, NARROW),
        col(h.category, NARROW + 4.0),
        col(h.checklist, MEDIUM),
        col(h.section, MEDIUM),
        col(h.item, WIDE),
        col(h.status, NARROW),
        col(h.title, WIDE),
        col(s.report.statement, WIDEST),
        col(s.report.figures, WIDE),
        col(s.report.basis, WIDE),
        col(l.notes_count, NARROW),
    ]);
    let shown: HashMap<usize, &super::feedback::ShownEntry> = input
        .feedback
        .entries
        .iter()
        .map(|e| (e.entry, e))
        .collect();
    for (n, ei) in in_order(numbers) {
        let (Some(e), Some(shown)) = (review.entries.get(ei), shown.get(&ei)) else {
            continue;
        };
        let (unit, round, group) = unit_of(review, e);
        sheet.push(vec![
            n.into(),
            unit.into(),
            round.into(),
            group.into(),
            e.category.map(|c| c.label(lang)).unwrap_or_default().into(),
            e.item.template_title.as_str().into(),
            e.item.section_title.as_str().into(),
            if e.item.orphan {
                Cell::Empty
            } else {
                e.item.item_text.as_str().into()
            },
            e.status.label(lang).into(),
            shown
                .title
                .as_ref()
                .map(|t| t.text.as_str())
                .unwrap_or_default()
                .into(),
            lines(&shown.statements).into(),
            lines(&shown.figures).into(),
            lines(&shown.basis).into(),
            shown.notes.len().into(),
        ]);
    }
    sheet
}

fn paren(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

// ---------------------------------------------------------------------------------------------
// 证据
// ---------------------------------------------------------------------------------------------

/// Every note of every answer of the selected records, by record, then by item in catalog
/// order; a note of a finding carries its problem's 序号.
fn full_evidence(input: &Input<'_>, catalog: &Catalog, numbers: &HashMap<usize, usize>) -> Sheet {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let h = &s.report.csv;
    let lang = input.options.lang;
    let review = &input.review;
    let mut sheet = Sheet::new(vec![
        col(l.problem_number, NARROW),
        col(s.unit, MEDIUM),
        col(s.round, NARROW),
        col(s.inspector, NARROW),
        col(h.checklist, MEDIUM),
        col(h.section, MEDIUM),
        col(h.item, WIDE),
        col(h.status, NARROW),
        col(l.source_code, NARROW),
        col(l.source_kind, NARROW + 2.0),
        col(l.source_reference, MEDIUM),
        col(l.at, NARROW + 6.0),
        col(l.text, WIDEST),
        col(s.report.people, MEDIUM),
        col(s.report.figures, WIDE),
    ]);
    // (unit index, item key) → 序号
    let by_item: HashMap<(usize, &str), usize> = numbers
        .iter()
        .filter_map(|(&ei, &n)| {
            review
                .entries
                .get(ei)
                .map(|e| ((e.unit, e.item.key.as_str()), n))
        })
        .collect();
    let index = ItemIndex::new(catalog);
    for row in &review.records {
        let Some(record) = input.record(row.index) else {
            continue;
        };
        let mut answers: Vec<(&String, &crate::model::Answer, _)> = record
            .answers
            .iter()
            .filter(|(_, a)| !a.notes.is_empty())
            .map(|(k, a)| (k, a, index.item(k)))
            .collect();
        answers.sort_by_key(|(k, _, item)| (item.orphan, item.position, (*k).clone()));
        for (key, answer, item) in answers {
            let number = if answer.status.has_finding() {
                by_item.get(&(row.unit_index, key.as_str())).copied()
            } else {
                None
            };
            for note in &answer.notes {
                let source = (!note.source.is_empty())
                    .then(|| record.source(&note.source))
                    .flatten();
                sheet.push(vec![
                    number.map_or(Cell::Empty, Cell::from),
                    row.unit.as_str().into(),
                    row.round.as_str().into(),
                    row.inspector.as_str().into(),
                    item.template_title.as_str().into(),
                    item.section_title.as_str().into(),
                    if item.orphan {
                        key.as_str()
                    } else {
                        item.item_text.as_str()
                    }
                    .into(),
                    answer.status.label(lang).into(),
                    note.source.as_str().into(),
                    source
                        .map(|src| src.kind.label(lang))
                        .unwrap_or_default()
                        .into(),
                    source
                        .map(|src| src.reference.as_str())
                        .unwrap_or_default()
                        .into(),
                    super::when(note.at).into(),
                    note.text.trim().into(),
                    note.people.as_str().into(),
                    note.figures.as_str().into(),
                ]);
            }
        }
    }
    sheet
}

/// The notes the feedback version shows: material sources only, without time or people.
fn feedback_evidence(input: &Input<'_>, numbers: &HashMap<usize, usize>) -> Sheet {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let h = &s.report.csv;
    let lang = input.options.lang;
    let review = &input.review;
    let mut sheet = Sheet::new(vec![
        col(l.problem_number, NARROW),
        col(s.unit, MEDIUM),
        col(s.round, NARROW),
        col(h.checklist, MEDIUM),
        col(h.section, MEDIUM),
        col(h.item, WIDE),
        col(l.source_code, NARROW),
        col(l.source_kind, NARROW + 2.0),
        col(l.text, WIDEST),
        col(s.report.figures, WIDE),
    ]);
    let shown: HashMap<usize, &super::feedback::ShownEntry> = input
        .feedback
        .entries
        .iter()
        .map(|e| (e.entry, e))
        .collect();
    for (n, ei) in in_order(numbers) {
        let (Some(e), Some(shown)) = (review.entries.get(ei), shown.get(&ei)) else {
            continue;
        };
        let (unit, round, _) = unit_of(review, e);
        for note in &shown.notes {
            sheet.push(vec![
                n.into(),
                unit.as_str().into(),
                round.as_str().into(),
                e.item.template_title.as_str().into(),
                e.item.section_title.as_str().into(),
                if e.item.orphan {
                    Cell::Empty
                } else {
                    e.item.item_text.as_str().into()
                },
                note.note.source.as_str().into(),
                note.kind.label(lang).into(),
                note.note.text.trim().into(),
                note.note.figures.as_str().into(),
            ]);
        }
    }
    sheet
}

// ---------------------------------------------------------------------------------------------
// 完成情况
// ---------------------------------------------------------------------------------------------

/// Units × checklists: `done/total` per checklist, the total, the share done; in the full
/// version a row per inspector too, the doubts and the last change (stale marked).
fn completion(input: &Input<'_>) -> Sheet {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let review = &input.review;
    let redact = input.redaction.on;
    let mut columns = vec![col(s.unit, MEDIUM), col(s.round, NARROW)];
    if !redact {
        columns.push(col(s.inspector, NARROW));
    }
    columns.extend(review.columns.iter().map(|(_, title)| col(title, NARROW)));
    columns.push(col(s.total, NARROW));
    columns.push(col(l.percent, NARROW));
    columns.push(col(s.problems, NARROW));
    if !redact {
        columns.push(col(s.doubts, NARROW));
        columns.push(col(s.last_change, MEDIUM));
    }
    let mut sheet = Sheet::new(columns);
    let mut shown = vec![0usize; review.units.len()];
    for e in &input.feedback.entries {
        if let Some(n) = review
            .entries
            .get(e.entry)
            .and_then(|e| shown.get_mut(e.unit))
        {
            *n += 1;
        }
    }
    let progress = |per: &[crate::model::progress::TemplateProgress], id: &str| -> Cell {
        match per.iter().find(|p| p.id == id) {
            None => "-".into(),
            Some(p) if p.missing => "?".into(),
            Some(p) => format!("{}/{}", p.done, p.total).into(),
        }
    };
    let share = |done: usize, total: usize| {
        if total == 0 {
            Cell::Empty
        } else {
            Cell::Percent(done as f64 / total as f64)
        }
    };
    for (ui, unit) in review.units.iter().enumerate() {
        let mut row: Vec<Cell> = vec![
            unit.key.unit.as_str().into(),
            unit.key.round.as_str().into(),
        ];
        if !redact {
            row.push(s.report.unit_total.into());
        }
        for (id, _) in &review.columns {
            row.push(progress(&unit.per_template, id));
        }
        row.push(format!("{}/{}", unit.done, unit.total).into());
        row.push(share(unit.done, unit.total));
        if redact {
            row.push(shown.get(ui).copied().unwrap_or_default().into());
        } else {
            row.push(unit.problems.into());
            row.push(unit.doubts.into());
            row.push(Cell::Empty);
        }
        sheet.push(row);
        if redact {
            continue;
        }
        for &ri in &unit.records {
            let Some(r) = review.records.get(ri) else {
                continue;
            };
            let mut row: Vec<Cell> = vec![
                unit.key.unit.as_str().into(),
                unit.key.round.as_str().into(),
                r.inspector.as_str().into(),
            ];
            for (id, _) in &review.columns {
                row.push(progress(&r.summary.per_template, id));
            }
            row.push(format!("{}/{}", r.summary.done, r.summary.total).into());
            row.push(share(r.summary.done, r.summary.total));
            row.push(r.summary.problems.into());
            row.push(r.summary.doubts.into());
            let mut when = super::when(r.updated);
            if r.stale {
                when.push_str(&paren(
                    &(s.report.stale)(review.stale_days),
                    input.options.lang,
                ));
            }
            row.push(when.into());
            sheet.push(row);
        }
    }
    sheet
}

// ---------------------------------------------------------------------------------------------
// 线索移交 (full version only)
// ---------------------------------------------------------------------------------------------

/// Every finding marked for transfer, one row each, with its people, evidence and the private
/// references of the sources it cites.
fn transfers(input: &Input<'_>, numbers: &HashMap<usize, usize>) -> Sheet {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let h = &s.report.csv;
    let lang = input.options.lang;
    let c = colon(lang);
    let review = &input.review;
    let mut sheet = Sheet::new(vec![
        col(l.number, NARROW),
        col(l.problem_number, NARROW),
        col(s.unit, MEDIUM),
        col(s.round, NARROW),
        col(s.inspector, NARROW),
        col(h.checklist, MEDIUM),
        col(h.item, WIDE),
        col(h.status, NARROW),
        col(h.title, WIDE),
        col(s.report.statement, WIDEST),
        col(s.report.people, MEDIUM),
        col(s.report.figures, WIDE),
        col(s.report.basis, WIDE),
        col(h.notes, WIDEST),
        col(h.sources, WIDE),
    ]);
    // finding index → entry index
    let mut entry_of: HashMap<usize, usize> = HashMap::new();
    for (ei, e) in review.entries.iter().enumerate() {
        for &fi in &e.findings {
            entry_of.insert(fi, ei);
        }
    }
    let mut rows: Vec<(usize, usize)> = review
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.finding.transfer)
        .map(|(fi, _)| {
            let n = entry_of
                .get(&fi)
                .and_then(|ei| numbers.get(ei))
                .copied()
                .unwrap_or(usize::MAX);
            (n, fi)
        })
        .collect();
    rows.sort_unstable();
    for (i, (n, fi)) in rows.into_iter().enumerate() {
        let Some(f) = review.findings.get(fi) else {
            continue;
        };
        let Some(r) = review.records.get(f.record) else {
            continue;
        };
        let record = input.record(r.index);
        let evidence = f
            .evidence
            .iter()
            .map(|ev| format!("{}{c}{}", cite(ev, lang, false), note_body(ev, lang)))
            .collect::<Vec<_>>()
            .join("\n");
        let mut sources: Vec<String> = Vec::new();
        for ev in &f.evidence {
            let code = ev.note.source.as_str();
            if code.is_empty() {
                continue;
            }
            let line = match record.and_then(|rec| rec.source(code)) {
                Some(src) if !src.reference.is_empty() => {
                    format!("{} {}{c}{}", src.code, src.kind.label(lang), src.reference)
                }
                Some(src) => format!("{} {}", src.code, src.kind.label(lang)),
                None => code.to_string(),
            };
            if !sources.contains(&line) {
                sources.push(line);
            }
        }
        sheet.push(vec![
            (i + 1).into(),
            if n == usize::MAX {
                Cell::Empty
            } else {
                n.into()
            },
            r.unit.as_str().into(),
            r.round.as_str().into(),
            r.inspector.as_str().into(),
            f.item.template_title.as_str().into(),
            f.item.item_text.as_str().into(),
            f.status.label(lang).into(),
            f.finding.title.trim().into(),
            f.finding.statement.trim().into(),
            f.finding.people.trim().into(),
            f.finding.figures.trim().into(),
            f.finding.basis.trim().into(),
            evidence.into(),
            sources.join("\n").into(),
        ]);
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_cut_at_excels_limit_counting_utf16_units() {
        let short = "正常文本";
        assert_eq!(cell_text(short), short);
        // 𠀀 is two UTF-16 units
        let long = "𠀀".repeat(MAX_CELL);
        let cut = cell_text(&long);
        assert!(cut.ends_with(CUT_MARK));
        assert!(cut.encode_utf16().count() <= MAX_CELL);
        assert!(cut.encode_utf16().count() > MAX_CELL - 10);
        assert_eq!(cell_text("a\u{1b}b"), "a\u{fffd}b");
    }

    #[test]
    fn the_print_header_doubles_ampersands_and_keeps_one_line() {
        assert_eq!(header_text("A&B\n第三轮"), "A&&B 第三轮");
        assert_eq!(header_text(&"长".repeat(300)).chars().count(), 100);
    }

    #[test]
    fn column_widths_count_chinese_characters_twice_and_stop_at_the_cap() {
        let mut sheet = Sheet::new(vec![col("单位", MEDIUM), col("问题", WIDEST)]);
        sheet.push(vec!["计算机学院".into(), "长".repeat(100).into()]);
        // 5 Chinese characters: 10 units, plus one
        assert_eq!(sheet.width(0, &sheet.columns[0]), 11.0);
        assert_eq!(sheet.width(1, &sheet.columns[1]), WIDEST);
        let empty = Sheet::new(vec![col("序号", NARROW)]);
        // the header and its filter button
        assert_eq!(empty.width(0, &empty.columns[0]), 8.0);
    }
}
