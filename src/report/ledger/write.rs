//! The 整改台账 workbook sent to a unit, written with `rust_xlsxwriter`.
//!
//! Sheet 1, **整改台账** (header row first, frozen, with an autofilter): 序号, 反馈问题, 具体表现
//! — filled in here and locked —, then 整改措施, 责任领导, 责任部门/责任人, 完成时限 (a date
//! cell), 类型 (a drop-down: 立行立改/限期整改/长期坚持), 进展 (a drop-down:
//! 未启动/推进中/阶段完成/已完成), 佐证材料, 销号审核 — open for the unit —, then two hidden,
//! locked columns: 键 (the finding's key) and 内容哈希 (its content hash), which the import
//! matches rows by. The sheet is protected without a password (so locked cells cannot be
//! changed by mistake; anyone may lift the protection); widths, row heights and resizing as
//! in the report's workbook. Sheet 2, **xuncha** (hidden): `format`, `round`, `unit`,
//! `fed_back`, `exported`. Every text passes through [`sanitize`] and is written as a string,
//! never a formula.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, Format, FormatAlign, FormatBorder,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::read::{Column, META_SHEET, sheet_name};
use super::{FedBackLedger, LedgerRow};
use crate::i18n::Lang;
use crate::model::Timestamp;
use crate::model::ledger::{LEDGER_FORMAT, Progress, RectifyType};
use crate::report::sanitize;
use crate::report::xlsx::{LINE_HEIGHT, MAX_ROW_HEIGHT, cell_text, header_format, header_text};

/// The widest a column grows to fit its text (Excel's character units; a Chinese character is
/// two); longer texts wrap. The columns the unit fills in get a fixed width to write in.
fn width_rule(c: Column) -> (f64, f64) {
    // (floor, cap)
    match c {
        Column::Number => (6.0, 8.0),
        Column::Problem => (24.0, 48.0),
        Column::Details => (16.0, 36.0),
        Column::Measures => (40.0, 40.0),
        Column::Leaders | Column::Deadline | Column::Type | Column::Progress => (12.0, 14.0),
        Column::Departments => (18.0, 18.0),
        Column::Evidence => (28.0, 28.0),
        Column::Signoff => (16.0, 16.0),
        Column::Key | Column::Hash => (12.0, 40.0),
    }
}

/// The ledger of a unit as an XLSX workbook, pre-filled with what the unit wrote before
/// ([`LedgerRow::filled`]).
///
/// # Errors
/// `rust_xlsxwriter` refused (a limit of the format).
pub fn workbook(ledger: &FedBackLedger, lang: Lang, now: Timestamp) -> Result<Vec<u8>, XlsxError> {
    let s = lang.rectify();
    let title = (s.workbook_title)(&ledger.round, &ledger.unit);
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(sanitize(&title).as_ref())
            .set_comment(s.workbook_comment),
    );
    let ws = book.add_worksheet();
    ws.set_name(sheet_name(lang))?;
    ledger_sheet(ws, ledger, lang, &title)?;
    let meta = book.add_worksheet();
    meta.set_name(META_SHEET)?;
    for (r, (k, v)) in [
        ("format", LEDGER_FORMAT.to_string()),
        ("round", ledger.round.clone()),
        ("unit", ledger.unit.clone()),
        ("fed_back", ledger.fed_back.to_string()),
        ("exported", now.0.format("%Y-%m-%dT%H:%M:%S%:z").to_string()),
    ]
    .into_iter()
    .enumerate()
    {
        let r = r as u32;
        meta.write_string(r, 0, k)?;
        meta.write_string(r, 1, cell_text(v.to_string()))?;
    }
    meta.set_hidden(true);
    meta.protect();
    book.save_to_buffer()
}

struct Styles {
    header: Format,
    locked: Format,
    number: Format,
    open: Format,
    date: Format,
    hidden: Format,
}

impl Styles {
    fn new() -> Styles {
        let body = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Styles {
            header: header_format(),
            // what the office filled in: locked, shaded
            locked: body.clone().set_background_color(0x00F2_F2F2),
            number: body
                .clone()
                .set_background_color(0x00F2_F2F2)
                .set_align(FormatAlign::Center),
            open: body.clone().set_unlocked(),
            date: body.clone().set_unlocked().set_num_format("yyyy-mm-dd"),
            hidden: body,
        }
    }
}

fn ledger_sheet(
    ws: &mut Worksheet,
    ledger: &FedBackLedger,
    lang: Lang,
    title: &str,
) -> Result<(), XlsxError> {
    let s = lang.rectify();
    let styles = Styles::new();
    let cells: Vec<Vec<String>> = ledger.rows.iter().map(|r| row_texts(r, lang)).collect();
    let widths: Vec<f64> = Column::ALL
        .iter()
        .map(|&c| width(c, lang, &cells))
        .collect();
    for (&c, &w) in Column::ALL.iter().zip(&widths) {
        ws.set_column_width(c.index(), w)?;
        ws.write_string_with_format(0, c.index(), c.label(lang), &styles.header)?;
    }
    // the header row as tall as its longest label wraps (责任部门/责任人 in a narrow column),
    // at least two lines
    let labels: Vec<String> = Column::ALL
        .iter()
        .map(|c| c.label(lang).to_string())
        .collect();
    let header = height(&labels, &widths).unwrap_or_default();
    ws.set_row_height(0, header.max(2.0 * LINE_HEIGHT + 2.0))?;
    for (i, (row, texts)) in ledger.rows.iter().zip(&cells).enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if let Some(h) = height(texts, &widths) {
            ws.set_row_height(r, h)?;
        }
        for (&c, text) in Column::ALL.iter().zip(texts) {
            let col = c.index();
            match c {
                Column::Number => {
                    ws.write_number_with_format(r, col, f64::from(row.number), &styles.number)?;
                }
                Column::Deadline => match row.filled.as_ref().and_then(|f| f.deadline) {
                    Some(day) => {
                        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            u16::try_from(chrono::Datelike::year(&day.0)).unwrap_or(1900),
                            chrono::Datelike::month(&day.0) as u8,
                            chrono::Datelike::day(&day.0) as u8,
                        )?;
                        ws.write_datetime_with_format(r, col, &date, &styles.date)?;
                    }
                    None => {
                        ws.write_blank(r, col, &styles.date)?;
                    }
                },
                Column::Key | Column::Hash => {
                    ws.write_string_with_format(
                        r,
                        col,
                        cell_text(text.to_string()),
                        &styles.hidden,
                    )?;
                }
                _ if c.is_open() => {
                    if text.is_empty() {
                        ws.write_blank(r, col, &styles.open)?;
                    } else {
                        ws.write_string_with_format(
                            r,
                            col,
                            cell_text(text.to_string()),
                            &styles.open,
                        )?;
                    }
                }
                _ => {
                    ws.write_string_with_format(
                        r,
                        col,
                        cell_text(text.to_string()),
                        &styles.locked,
                    )?;
                }
            }
        }
    }
    let last = u32::try_from(ledger.rows.len()).unwrap_or(u32::MAX);
    if last >= 1 {
        for (c, values) in [
            (
                Column::Type,
                RectifyType::ALL
                    .iter()
                    .map(|t| t.label(lang))
                    .collect::<Vec<_>>(),
            ),
            (
                Column::Progress,
                Progress::ALL.iter().map(|p| p.label(lang)).collect(),
            ),
        ] {
            let list = values.join(lang.list_separator());
            let v = DataValidation::new()
                .allow_list_strings(&values)?
                .set_input_title(c.label(lang))?
                .set_input_message((s.pick_from)(&list))?
                .set_error_title(c.label(lang))?
                .set_error_message((s.pick_from)(&list))?
                .set_error_style(DataValidationErrorStyle::Stop);
            ws.add_data_validation(1, c.index(), last, c.index(), &v)?;
        }
    }
    ws.set_column_hidden(Column::Key.index())?;
    ws.set_column_hidden(Column::Hash.index())?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last, Column::Signoff.index())?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        ..ProtectionOptions::new()
    });
    ws.set_repeat_rows(0, 0)?;
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_header(format!("&C{}", header_text(title)));
    ws.set_footer(format!("&C{}", s.footer));
    Ok(())
}

/// The texts of a row, in [`Column::ALL`] order.
fn row_texts(row: &LedgerRow, lang: Lang) -> Vec<String> {
    Column::ALL
        .iter()
        .map(|&c| match c {
            Column::Number => row.number.to_string(),
            Column::Problem => row.problem.clone(),
            Column::Details => row.details.clone(),
            Column::Key => row.key.clone(),
            Column::Hash => row.hash.clone(),
            c => row
                .filled
                .as_ref()
                .and_then(|i| unit_cell(i, c, lang))
                .unwrap_or_default(),
        })
        .collect()
}

/// What the unit wrote in column `c` of `item`, as the workbook shows it (empty when it wrote
/// nothing); `None` for the columns the unit does not fill (序号, 反馈问题, 具体表现, the
/// hidden keys).
pub(super) fn unit_cell(
    item: &crate::model::ledger::LedgerItem,
    c: Column,
    lang: Lang,
) -> Option<String> {
    Some(match c {
        Column::Measures => item.measures.clone(),
        Column::Leaders => item.leaders.clone(),
        Column::Departments => item.departments.clone(),
        Column::Deadline => item.deadline.map(|d| d.to_string()).unwrap_or_default(),
        Column::Type => item
            .kind
            .map(|k| k.label(lang).to_string())
            .unwrap_or_default(),
        Column::Progress => item
            .progress
            .map(|p| p.label(lang).to_string())
            .unwrap_or_default(),
        Column::Evidence => item.evidence.clone(),
        Column::Signoff => item.signoff.clone(),
        Column::Number | Column::Problem | Column::Details | Column::Key | Column::Hash => {
            return None;
        }
    })
}

/// A column's width: its widest line (the header's with room for the filter button), within
/// the column's floor and cap.
fn width(c: Column, lang: Lang, cells: &[Vec<String>]) -> f64 {
    let (floor, cap) = width_rule(c);
    let widest = |s: &str| s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as f64;
    let header = widest(c.label(lang)) + 4.0;
    let body = cells
        .iter()
        .filter_map(|r| r.get(usize::from(c.index())))
        .map(|s| widest(s) + 1.0)
        .fold(0.0, f64::max);
    header.max(body).clamp(floor, cap.max(header).max(floor))
}

/// A row's height: enough lines for its tallest cell wrapped at the column widths; `None` for
/// one line. The hidden columns do not count.
fn height(texts: &[String], widths: &[f64]) -> Option<f64> {
    let lines = texts
        .iter()
        .zip(widths)
        .zip(Column::ALL)
        .filter(|(_, c)| !matches!(c, Column::Key | Column::Hash))
        .map(|((s, &w), _)| {
            let room = (w - 1.0).max(1.0);
            s.lines()
                .map(|l| (UnicodeWidthStr::width(l) as f64 / room).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    (lines > 1.0).then(|| (lines * LINE_HEIGHT + 2.0).min(MAX_ROW_HEIGHT))
}
