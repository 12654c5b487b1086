//! Reading a unit's filled-in 整改台账 back with `calamine`: the hidden `xuncha` sheet for the
//! round and the unit, the ledger sheet's header row for the columns (Chinese or English
//! headers), then every row. A value that cannot be taken is a [`CellError`] naming its column
//! and cell (`「进展」列 F7：无法识别的值「差不多」`); every one is collected, and the caller
//! takes nothing when there is any. Nothing here panics on a bad file.

use std::io::Cursor;

use calamine::{Data, ExcelDateTime, ExcelDateTimeType, Range, Reader, Xlsx};

use crate::i18n::Lang;
use crate::model::day::Day;
use crate::model::ledger::{LEDGER_FORMAT, Progress, RectifyType};

/// The hidden sheet that says which round and unit the workbook is for.
pub const META_SHEET: &str = "xuncha";

/// The ledger sheet's name in each language (either is read).
pub fn sheet_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "整改台账",
        Lang::En => "Rectification ledger",
    }
}

/// A column of the ledger sheet, in the order written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    Number,
    Problem,
    Details,
    Measures,
    Leaders,
    Departments,
    Deadline,
    Type,
    Progress,
    Evidence,
    Signoff,
    /// Hidden: the finding's key.
    Key,
    /// Hidden: the finding's content hash when exported.
    Hash,
}

impl Column {
    pub const ALL: [Column; 13] = [
        Column::Number,
        Column::Problem,
        Column::Details,
        Column::Measures,
        Column::Leaders,
        Column::Departments,
        Column::Deadline,
        Column::Type,
        Column::Progress,
        Column::Evidence,
        Column::Signoff,
        Column::Key,
        Column::Hash,
    ];

    /// The columns an import needs.
    pub const REQUIRED: [Column; 9] = [
        Column::Measures,
        Column::Leaders,
        Column::Departments,
        Column::Deadline,
        Column::Type,
        Column::Progress,
        Column::Evidence,
        Column::Signoff,
        Column::Key,
    ];

    /// The header.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Column::Number, Lang::Zh) => "序号",
            (Column::Problem, Lang::Zh) => "反馈问题",
            (Column::Details, Lang::Zh) => "具体表现",
            (Column::Measures, Lang::Zh) => "整改措施",
            (Column::Leaders, Lang::Zh) => "责任领导",
            (Column::Departments, Lang::Zh) => "责任部门/责任人",
            (Column::Deadline, Lang::Zh) => "完成时限",
            (Column::Type, Lang::Zh) => "类型",
            (Column::Progress, Lang::Zh) => "进展",
            (Column::Evidence, Lang::Zh) => "佐证材料",
            (Column::Signoff, Lang::Zh) => "销号审核",
            (Column::Key, Lang::Zh) => "键",
            (Column::Hash, Lang::Zh) => "内容哈希",
            (Column::Number, Lang::En) => "No.",
            (Column::Problem, Lang::En) => "Problem fed back",
            (Column::Details, Lang::En) => "Details",
            (Column::Measures, Lang::En) => "Measures",
            (Column::Leaders, Lang::En) => "Leader responsible",
            (Column::Departments, Lang::En) => "Department / person responsible",
            (Column::Deadline, Lang::En) => "Deadline",
            (Column::Type, Lang::En) => "Type",
            (Column::Progress, Lang::En) => "Progress",
            (Column::Evidence, Lang::En) => "Evidence",
            (Column::Signoff, Lang::En) => "Sign-off",
            (Column::Key, Lang::En) => "Key",
            (Column::Hash, Lang::En) => "Content hash",
        }
    }

    /// The column a header names, in either language.
    pub fn from_header(s: &str) -> Option<Column> {
        let s = s.trim();
        Column::ALL
            .into_iter()
            .find(|c| c.label(Lang::Zh) == s || c.label(Lang::En).eq_ignore_ascii_case(s))
    }

    /// Whether the unit fills it in (unlocked in the workbook).
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            Column::Number | Column::Problem | Column::Details | Column::Key | Column::Hash
        )
    }

    /// The column's place in the workbook as written, from 0.
    pub fn index(self) -> u16 {
        // at most 13 columns
        Column::ALL.iter().position(|c| *c == self).unwrap_or(0) as u16
    }
}

/// `A`, `B`, … `Z`, `AA`: the letters of column `index` (from 0).
pub fn column_letters(index: u32) -> String {
    let mut n = index;
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

/// What is wrong with a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum CellProblem {
    /// A 类型 or 进展 that is none of the values.
    Unrecognised(String),
    /// A 完成时限 that is not a date.
    NotADate(String),
    /// An Excel error value (`#N/A`, `#REF!`).
    ErrorValue(String),
    /// A row with content but no key (the hidden key column).
    MissingKey,
    /// A key no fed-back finding of the unit has.
    UnknownKey(String),
    /// A key on two rows.
    DuplicateKey(String),
}

/// A cell that cannot be taken: its column, its reference (`F7`) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct CellError {
    pub column: Column,
    pub cell: String,
    pub problem: CellProblem,
}

impl CellError {
    /// `「进展」列 F7：无法识别的值「差不多」，应为未启动、推进中、阶段完成或已完成`.
    pub fn message(&self, lang: Lang) -> String {
        (lang.rectify().cell_error)(self.column.label(lang), &self.cell, &self.problem)
    }
}

/// Why a workbook was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// Not an XLSX workbook (calamine's reason).
    NotXlsx(String),
    /// A sheet is missing: the ledger sheet or the hidden `xuncha` sheet.
    MissingSheet(String),
    /// The `xuncha` sheet does not say the round or the unit.
    NoMeta(&'static str),
    /// Written by a newer program.
    NewerFormat(u32),
    /// The ledger sheet has no header row, or it lacks these columns.
    MissingHeaders(Vec<Column>),
    /// Cells that cannot be taken.
    Cells(Vec<CellError>),
}

impl ReadError {
    /// The message (one cell per line for [`ReadError::Cells`]).
    pub fn message(&self, lang: Lang) -> String {
        let s = lang.rectify();
        match self {
            ReadError::NotXlsx(why) => (s.not_xlsx)(why),
            ReadError::MissingSheet(name) => (s.missing_sheet)(name),
            ReadError::NoMeta(what) => (s.no_meta)(what),
            ReadError::NewerFormat(found) => (s.newer_workbook)(*found, LEDGER_FORMAT),
            ReadError::MissingHeaders(cols) => {
                let names: Vec<String> = cols
                    .iter()
                    .map(|c| format!("「{}」", c.label(lang)))
                    .collect();
                (s.missing_headers)(&names.join(lang.list_separator()))
            }
            ReadError::Cells(cells) => cells
                .iter()
                .map(|c| c.message(lang))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// One filled-in row.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRow {
    /// Its row number in the sheet (from 1, as Excel shows it).
    pub row: u32,
    pub key: String,
    /// The content hash the row was exported with (empty when the column is gone).
    pub hash: String,
    pub measures: String,
    pub leaders: String,
    pub departments: String,
    pub deadline: Option<Day>,
    pub kind: Option<RectifyType>,
    pub progress: Option<Progress>,
    pub evidence: String,
    pub signoff: String,
}

/// A filled-in workbook as read.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedLedger {
    pub round: String,
    pub unit: String,
    /// The letters of the key column (for messages about keys).
    pub key_column: String,
    /// The rows with content, in sheet order.
    pub rows: Vec<ImportedRow>,
}

/// Read a filled-in ledger workbook.
///
/// # Errors
/// [`ReadError`]: not an XLSX file, a sheet or header missing, a newer format, and every cell
/// that cannot be taken.
pub fn read(bytes: &[u8]) -> Result<ImportedLedger, ReadError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| ReadError::NotXlsx(super::super::sanitize(&e.to_string()).into_owned()))?;
    let names = book.sheet_names();
    let meta_range = if names.iter().any(|n| n == META_SHEET) {
        book.worksheet_range(META_SHEET)
            .map_err(|e| ReadError::NotXlsx(e.to_string()))?
    } else {
        return Err(ReadError::MissingSheet(META_SHEET.to_string()));
    };
    let (format, round, unit) = meta(&meta_range);
    if format > LEDGER_FORMAT {
        return Err(ReadError::NewerFormat(format));
    }
    let round = round.ok_or(ReadError::NoMeta("round"))?;
    let unit = unit.ok_or(ReadError::NoMeta("unit"))?;
    let Some(name) = [Lang::Zh, Lang::En]
        .into_iter()
        .map(sheet_name)
        .find(|s| names.iter().any(|n| n == s))
    else {
        return Err(ReadError::MissingSheet(sheet_name(Lang::Zh).to_string()));
    };
    let range = book
        .worksheet_range(name)
        .map_err(|e| ReadError::NotXlsx(e.to_string()))?;
    rows(&range, round, unit)
}

/// `format`, `round` and `unit` of the `xuncha` sheet (a key in column A, its value in B).
fn meta(range: &Range<Data>) -> (u32, Option<String>, Option<String>) {
    let mut format = 0;
    let mut round = None;
    let mut unit = None;
    for row in range.rows() {
        let (Some(k), Some(v)) = (row.first(), row.get(1)) else {
            continue;
        };
        let key = text(k).unwrap_or_default();
        let value = text(v).unwrap_or_default();
        match key.as_str() {
            "format" => format = value.parse().unwrap_or(u32::MAX),
            "round" if !value.is_empty() => round = Some(value),
            "unit" if !value.is_empty() => unit = Some(value),
            _ => {}
        }
    }
    (format, round, unit)
}

fn rows(range: &Range<Data>, round: String, unit: String) -> Result<ImportedLedger, ReadError> {
    let Some((top, left)) = range.start() else {
        return Err(ReadError::MissingHeaders(Column::REQUIRED.to_vec()));
    };
    let (bottom, right) = range.end().unwrap_or((top, left));
    let at = |r: u32, c: u32| range.get_value((r, c)).unwrap_or(&Data::Empty);
    // the header row: the first of the top ten rows that names the key column
    let header_row = (top..=bottom.min(top + 9)).find(|&r| {
        (left..=right)
            .any(|c| text(at(r, c)).ok().and_then(|t| Column::from_header(&t)) == Some(Column::Key))
    });
    let mut columns: Vec<(Column, u32)> = Vec::new();
    if let Some(r) = header_row {
        for c in left..=right {
            if let Some(col) = text(at(r, c)).ok().and_then(|t| Column::from_header(&t))
                && !columns.iter().any(|(x, _)| *x == col)
            {
                columns.push((col, c));
            }
        }
    }
    let missing: Vec<Column> = Column::REQUIRED
        .into_iter()
        .filter(|c| !columns.iter().any(|(x, _)| x == c))
        .collect();
    let Some(header_row) = header_row.filter(|_| missing.is_empty()) else {
        return Err(ReadError::MissingHeaders(missing));
    };
    let col = |c: Column| columns.iter().find(|(x, _)| *x == c).map(|(_, i)| *i);
    let key_col = col(Column::Key).unwrap_or(left);
    let mut errors: Vec<CellError> = Vec::new();
    let mut out = Vec::new();
    for r in header_row + 1..=bottom {
        let row_number = r + 1;
        let cell = |c: Column| col(c).map_or(&Data::Empty, |i| at(r, i));
        let reference =
            |c: Column| format!("{}{row_number}", column_letters(col(c).unwrap_or(key_col)));
        // a row the unit left blank in every column it fills, and without a key, is skipped
        let blank = Column::ALL
            .into_iter()
            .filter(|c| c.is_open() || *c == Column::Key)
            .all(|c| matches!(cell(c), Data::Empty) || text(cell(c)).is_ok_and(|t| t.is_empty()));
        if blank {
            continue;
        }
        let mut get = |c: Column| match text(cell(c)) {
            Ok(t) => t,
            Err(e) => {
                errors.push(CellError {
                    column: c,
                    cell: reference(c),
                    problem: CellProblem::ErrorValue(e),
                });
                String::new()
            }
        };
        let key = get(Column::Key);
        let hash = get(Column::Hash);
        let measures = get(Column::Measures);
        let leaders = get(Column::Leaders);
        let departments = get(Column::Departments);
        let evidence = get(Column::Evidence);
        let signoff = get(Column::Signoff);
        let kind_text = get(Column::Type);
        let progress_text = get(Column::Progress);
        if key.is_empty() {
            errors.push(CellError {
                column: Column::Key,
                cell: reference(Column::Key),
                problem: CellProblem::MissingKey,
            });
        }
        let kind = if kind_text.is_empty() {
            None
        } else {
            let parsed = RectifyType::parse(&kind_text);
            if parsed.is_none() {
                errors.push(CellError {
                    column: Column::Type,
                    cell: reference(Column::Type),
                    problem: CellProblem::Unrecognised(kind_text),
                });
            }
            parsed
        };
        let progress = if progress_text.is_empty() {
            None
        } else {
            let parsed = Progress::parse(&progress_text);
            if parsed.is_none() {
                errors.push(CellError {
                    column: Column::Progress,
                    cell: reference(Column::Progress),
                    problem: CellProblem::Unrecognised(progress_text),
                });
            }
            parsed
        };
        let deadline = match day(cell(Column::Deadline)) {
            Ok(d) => d,
            Err(problem) => {
                errors.push(CellError {
                    column: Column::Deadline,
                    cell: reference(Column::Deadline),
                    problem,
                });
                None
            }
        };
        out.push(ImportedRow {
            row: row_number,
            key,
            hash,
            measures,
            leaders,
            departments,
            deadline,
            kind,
            progress,
            evidence,
            signoff,
        });
    }
    if !errors.is_empty() {
        return Err(ReadError::Cells(errors));
    }
    Ok(ImportedLedger {
        round,
        unit,
        key_column: column_letters(key_col),
        rows: out,
    })
}

/// A cell as text, trimmed: numbers as written (`3`, not `3.0`), a date as `2027-01-31`. An
/// Excel error value is `Err` with its text.
fn text(d: &Data) -> Result<String, String> {
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().replace("\r\n", "\n"),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match excel_day(dt) {
            Some(day) => day.to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Error(e) => return Err(e.to_string()),
    })
}

/// The day an Excel date-time falls on, when it is one (not a duration) between the years
/// 1900 and 9999.
fn excel_day(dt: &ExcelDateTime) -> Option<Day> {
    if !dt.is_datetime() {
        return None;
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)).map(Day)
}

/// A 完成时限: an Excel date, a number that is an Excel date of the years 2000–2100 (a date
/// typed into a cell formatted as a number), or a text date (`2027-01-31`, `2027/1/31`,
/// `2027年1月31日`, also with a time after it); empty is none.
fn day(d: &Data) -> Result<Option<Day>, CellProblem> {
    let not = |s: String| Err(CellProblem::NotADate(s));
    match d {
        Data::Empty => Ok(None),
        Data::DateTime(dt) => match excel_day(dt) {
            Some(day) => Ok(Some(day)),
            None => not(dt.as_f64().to_string()),
        },
        Data::Float(_) | Data::Int(_) => {
            let v = match d {
                Data::Float(f) => *f,
                // serials are far below 2^53
                Data::Int(i) => *i as f64,
                _ => 0.0,
            };
            let shown = text(d).unwrap_or_default();
            if !(1.0..2_958_466.0).contains(&v) {
                return not(shown);
            }
            match excel_day(&ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false)) {
                Some(day) if (2000..=2100).contains(&chrono::Datelike::year(&day.0)) => {
                    Ok(Some(day))
                }
                _ => not(shown),
            }
        }
        Data::String(_) | Data::DateTimeIso(_) => {
            let t = text(d).unwrap_or_default();
            if t.is_empty() {
                return Ok(None);
            }
            let date_part = t.split(['T', ' ']).next().unwrap_or_default();
            match date_part.parse::<Day>().or_else(|_| t.parse::<Day>()) {
                Ok(day) => Ok(Some(day)),
                Err(_) => not(t),
            }
        }
        Data::Error(e) => Err(CellProblem::ErrorValue(e.to_string())),
        other => not(text(other).unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_excel_does() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(8), "I");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn headers_are_known_in_both_languages() {
        for c in Column::ALL {
            assert_eq!(Column::from_header(c.label(Lang::Zh)), Some(c));
            assert_eq!(Column::from_header(c.label(Lang::En)), Some(c));
            assert_eq!(Column::ALL[usize::from(c.index())], c);
        }
        assert_eq!(Column::from_header("备注"), None);
    }

    #[test]
    fn a_deadline_is_an_excel_date_a_serial_or_a_text_date() {
        let want = Some("2027-01-31".parse::<Day>().unwrap());
        // 2027-01-31 is serial 46418 in the 1900 system
        let dt = ExcelDateTime::new(46418.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(day(&Data::DateTime(dt)), Ok(want));
        assert_eq!(day(&Data::Float(46418.0)), Ok(want));
        assert_eq!(day(&Data::Int(46418)), Ok(want));
        for s in [
            "2027-01-31",
            "2027/1/31",
            "2027年1月31日",
            "2027-01-31 00:00:00",
        ] {
            assert_eq!(day(&Data::String(s.into())), Ok(want), "{s}");
        }
        assert_eq!(
            day(&Data::DateTimeIso("2027-01-31T00:00:00".into())),
            Ok(want)
        );
        assert_eq!(day(&Data::Empty), Ok(None));
        assert_eq!(day(&Data::String("  ".into())), Ok(None));
        assert_eq!(
            day(&Data::String("年底前".into())),
            Err(CellProblem::NotADate("年底前".into()))
        );
        assert_eq!(
            day(&Data::Float(2027.0)),
            Err(CellProblem::NotADate("2027".into()))
        );
        assert_eq!(
            day(&Data::Float(-3.0)),
            Err(CellProblem::NotADate("-3".into()))
        );
    }

    #[test]
    fn not_a_workbook_is_an_error_not_a_panic() {
        for bytes in [&b""[..], b"PK\x03\x04garbage", b"format = 1\n"] {
            assert!(matches!(read(bytes), Err(ReadError::NotXlsx(_))));
        }
    }
}
