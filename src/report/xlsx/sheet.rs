//! A sheet in memory: rows first, then column widths and row heights measured by display
//! width, then written with the header frozen, the autofilter and the print setup.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::{CUT_MARK, MAX_CELL};
use crate::report::sanitize;

/// One cell's value.
#[derive(Debug, Clone)]
pub(super) enum Cell {
    Text(String),
    Number(f64),
    /// A fraction shown as a percentage (`0.85` → `85%`).
    Percent(f64),
    Empty,
}

impl Cell {
    /// The style of the cell, `None` for an empty one.
    fn kind(&self) -> Option<Kind> {
        match self {
            Cell::Text(_) => Some(Kind::Text),
            Cell::Number(_) => Some(Kind::Number),
            Cell::Percent(_) => Some(Kind::Percent),
            Cell::Empty => None,
        }
    }
}

/// The style of a body cell, and of its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Number,
    Percent,
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
pub(super) struct Column {
    header: String,
    cap: f64,
}

pub(super) fn col(header: &str, cap: f64) -> Column {
    Column {
        header: header.to_string(),
        cap,
    }
}

/// What a sheet's rows are: `Row<'a>` is one row, borrowing from the round.
pub(super) trait RowKind {
    type Row<'a>;
}

/// The cell a column takes from a row of kind `K`.
pub(super) type Value<K> = for<'a, 'r> fn(&'r <K as RowKind>::Row<'a>) -> Cell;

/// A column of a sheet whose rows are of kind `K`: its header and cap, the cell it takes from
/// a row, and whether only the full version has it. One list of fields serves both versions
/// of a sheet, so their columns cannot drift apart; what the feedback version leaves out is
/// named once, by [`internal`].
pub(super) struct Field<K: RowKind> {
    column: Column,
    internal: bool,
    value: Value<K>,
}

/// A column both versions have.
pub(super) fn field<K: RowKind>(header: &str, cap: f64, value: Value<K>) -> Field<K> {
    Field {
        column: col(header, cap),
        internal: false,
        value,
    }
}

/// A column only the full (internal) version has.
pub(super) fn internal<K: RowKind>(header: &str, cap: f64, value: Value<K>) -> Field<K> {
    Field {
        internal: true,
        ..field(header, cap, value)
    }
}

/// A sheet filled with rows of kind `K` through a list of [`Field`]s.
pub(super) struct Rows<K: RowKind> {
    sheet: Sheet,
    values: Vec<Value<K>>,
}

impl<K: RowKind> Rows<K> {
    /// The sheet of `fields`, without the internal ones when `redact`.
    pub(super) fn new(fields: Vec<Field<K>>, redact: bool) -> Rows<K> {
        let (columns, values) = fields
            .into_iter()
            .filter(|f| !(redact && f.internal))
            .map(|f| (f.column, f.value))
            .unzip();
        Rows {
            sheet: Sheet::new(columns),
            values,
        }
    }

    /// One row: a cell per column, taken from `row`.
    pub(super) fn push(&mut self, row: &K::Row<'_>) {
        let cells = self.values.iter().map(|value| value(row)).collect();
        self.sheet.push(cells);
    }

    pub(super) fn sheet(self) -> Sheet {
        self.sheet
    }
}

/// Narrow columns: numbers, codes, statuses, names.
pub(super) const NARROW: f64 = 12.0;
/// Names of units, checklists and sections.
pub(super) const MEDIUM: f64 = 24.0;
/// Item texts and titles.
pub(super) const WIDE: f64 = 40.0;
/// Statements, evidence.
pub(super) const WIDEST: f64 = 60.0;

/// The height of one line of wrapped text, in points: 11-point text with a Chinese font's
/// line gap (LibreOffice lays three such lines in about 47 points: at 15 the last one sat on
/// the cell's border).
pub(crate) const LINE_HEIGHT: f64 = 16.5;
/// Excel's tallest row, in points.
pub(crate) const MAX_ROW_HEIGHT: f64 = 409.0;
/// A sheet at most this wide (in character units) prints one page wide on A4 landscape (at no
/// less than about half size); a wider one prints as many pages wide as it takes at that
/// scale, its header row and first column repeated on every page.
const FIT_WIDTH: f64 = 260.0;

pub(super) struct Sheet {
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
    /// Per column, the widest body cell so far (see [`Sheet::width`]), measured as each row is
    /// added, while its texts are at hand.
    widest: Vec<f64>,
    /// Per column, the style of its first body cell that is not empty: the column's style.
    kinds: Vec<Option<Kind>>,
}

pub(super) struct Styles {
    header: Format,
    text: Format,
    number: Format,
    percent: Format,
}

impl Styles {
    pub(super) fn new() -> Styles {
        let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        Styles {
            header: header_format(),
            text: body.clone(),
            number: body.clone().set_align(FormatAlign::Center),
            percent: body.set_num_format("0%").set_align(FormatAlign::Center),
        }
    }

    fn of(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Text => &self.text,
            Kind::Number => &self.number,
            Kind::Percent => &self.percent,
        }
    }
}

impl Sheet {
    pub(super) fn new(columns: Vec<Column>) -> Sheet {
        Sheet {
            widest: vec![0.0; columns.len()],
            kinds: vec![None; columns.len()],
            columns,
            rows: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, row: Vec<Cell>) {
        for (kind, cell) in self.kinds.iter_mut().zip(&row) {
            if kind.is_none() {
                *kind = cell.kind();
            }
        }
        for (widest, cell) in self.widest.iter_mut().zip(&row) {
            let width = match cell {
                Cell::Text(s) => widest_line(s) as f64 + 1.0,
                Cell::Number(_) | Cell::Percent(_) => 6.0,
                Cell::Empty => 0.0,
            };
            *widest = widest.max(width);
        }
        self.rows.push(row);
    }

    /// The width of column `c`: its widest line (header included, plus room for the filter
    /// button), at least 6, at most the column's cap.
    fn width(&self, c: usize, column: &Column) -> f64 {
        let header = widest_line(&column.header) as f64 + 4.0;
        let body = self.widest.get(c).copied().unwrap_or_default();
        header.max(body).clamp(6.0, column.cap.max(header))
    }

    /// Write the sheet into `ws` (its texts moved, not copied).
    pub(super) fn write(
        self,
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
            ws.write_string_with_format(0, ci, cell_text(column.header.clone()), &styles.header)?;
            // a body cell of the column's style is written without a format of its own and takes
            // the column's (a format given with each cell costs a lookup of the format each
            // time); empty cells are not written at all
            if let Some(kind) = self.kinds.get(c).copied().flatten() {
                ws.set_column_format(ci, styles.of(kind))?;
            }
        }
        let last_row = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        for (r, row) in self.rows.into_iter().enumerate() {
            let ri = u32::try_from(r + 1).unwrap_or(u32::MAX);
            if let Some(h) = height(&row, &widths) {
                ws.set_row_height(ri, h)?;
            }
            for (c, cell) in row.into_iter().enumerate() {
                let ci = u16::try_from(c).unwrap_or(u16::MAX);
                let Some(kind) = cell.kind() else {
                    continue;
                };
                let own =
                    (self.kinds.get(c).copied().flatten() != Some(kind)).then(|| styles.of(kind));
                match (cell, own) {
                    (Cell::Text(s), None) => {
                        ws.write_string(ri, ci, cell_text(s))?;
                    }
                    (Cell::Text(s), Some(format)) => {
                        ws.write_string_with_format(ri, ci, cell_text(s), format)?;
                    }
                    (Cell::Number(n) | Cell::Percent(n), None) => {
                        ws.write_number(ri, ci, n)?;
                    }
                    (Cell::Number(n) | Cell::Percent(n), Some(format)) => {
                        ws.write_number_with_format(ri, ci, n, format)?;
                    }
                    (Cell::Empty, _) => {}
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, last_row, last_col)?;
        ws.set_repeat_rows(0, 0)?;
        ws.set_print_gridlines(true);
        ws.set_paper_size(9); // A4
        ws.set_landscape();
        // as many pages wide as it takes at the scale of FIT_WIDTH on one page
        let pages_wide = (widths.iter().sum::<f64>() / FIT_WIDTH)
            .ceil()
            .clamp(1.0, 16.0);
        ws.set_print_fit_to_pages(pages_wide as u16, 0);
        if pages_wide > 1.0 {
            // every page repeats the first column (序号, 问题序号, 单位), so its rows can be told
            // apart, and the pages of the same rows follow each other
            ws.set_repeat_columns(0, 0)?;
            ws.set_page_order(false);
        }
        ws.set_header(format!("&C{}", header_text(title)));
        ws.set_footer(format!("&C{footer}"));
        Ok(())
    }
}

/// The height of a body row in points: enough lines for its tallest cell wrapped at the
/// column widths (programs do not all fit wrapped rows when they open a file); `None` for
/// one line.
fn height(row: &[Cell], widths: &[f64]) -> Option<f64> {
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

/// The display width of the widest line of `s`.
fn widest_line(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// A cell's text: sanitised and cut to [`MAX_CELL`] UTF-16 units.
pub(crate) fn cell_text(text: String) -> String {
    let s = match sanitize(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(clean) => clean,
    };
    // a text of at most MAX_CELL bytes has at most as many UTF-16 units
    if s.len() <= MAX_CELL || s.encode_utf16().count() <= MAX_CELL {
        return s;
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

/// A column header cell: bold, wrapped, centred, light blue, thin border (the report's
/// workbook and the ledger alike).
pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_align(FormatAlign::Center)
        .set_background_color(0x00D9_E1F2)
        .set_border(FormatBorder::Thin)
}

/// The title in a print header: sanitised, one line, `&` doubled (it starts a field code),
/// short enough for Excel's limit of 255 characters for the whole header.
pub(crate) fn header_text(title: &str) -> String {
    let one_line: String = sanitize(title)
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .take(100)
        .collect();
    one_line.replace('&', "&&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_cut_at_excels_limit_counting_utf16_units() {
        let short = "正常文本";
        assert_eq!(cell_text(short.to_string()), short);
        // 𠀀 is two UTF-16 units
        let long = "𠀀".repeat(MAX_CELL);
        let cut = cell_text(long);
        assert!(cut.ends_with(CUT_MARK));
        assert!(cut.encode_utf16().count() <= MAX_CELL);
        assert!(cut.encode_utf16().count() > MAX_CELL - 10);
        assert_eq!(cell_text("a\u{1b}b".to_string()), "a\u{fffd}b");
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
