//! The sentences of the 整改台账 (`rectify export|import|status`) and of 回头看
//! (`new --follow-up`). Each sentence is written whole per language.

use std::fmt::Display;

use super::{Lang, plural};
use crate::report::ledger::CellProblem;

/// The table of one language.
pub struct RectifyStrings {
    /// No record of the round is of the unit: round, unit, the units there are.
    pub unknown_unit: fn(&str, &str, &str) -> String,
    /// The round is not yet reported, so not fed back: round, unit.
    pub not_reported: fn(&str, &str) -> String,
    /// Reported, but the feedback to the unit is not recorded: round, unit.
    pub not_fed_back: fn(&str, &str) -> String,
    /// Fed back, but nothing of the unit goes out (the reasons follow, one per line).
    pub nothing_fed_back: fn(&str, &str) -> String,
    /// Findings that went out with the feedback and are not shown now (their keys follow, one
    /// per line): round, unit, the feedback day.
    pub changed_after_feedback: fn(&str, &str, &dyn Display) -> String,
    /// `「进展」列 F7：无法识别的值「差不多」…`: column, cell, problem.
    pub cell_error: fn(&str, &str, &CellProblem) -> String,
    pub not_xlsx: fn(&str) -> String,
    pub missing_sheet: fn(&str) -> String,
    pub no_meta: fn(&str) -> String,
    /// A workbook of a newer format: found, ours.
    pub newer_workbook: fn(u32, u32) -> String,
    /// The header row lacks these columns (already quoted and joined).
    pub missing_headers: fn(&str) -> String,
    /// The workbook's title: round, unit.
    pub workbook_title: fn(&str, &str) -> String,
    pub workbook_comment: &'static str,
    /// The print footer (Excel field codes).
    pub footer: &'static str,
    /// The drop-down's prompt: the values, joined.
    pub pick_from: fn(&str) -> String,
    /// After an export: rows, file.
    pub exported: fn(usize, &dyn Display) -> String,
    /// After an import: rows, ledger file.
    pub imported: fn(usize, &dyn Display) -> String,
    /// Before the cells of a workbook that cannot be imported: the file.
    pub cells_refused: fn(&dyn Display) -> String,
    /// A file and what is wrong with it.
    pub file_error: fn(&dyn Display, &str) -> String,
    /// `-o` names a `.toml` file.
    pub not_toml: &'static str,
    /// After the cell errors of an import.
    pub nothing_imported: &'static str,
    /// A row whose finding changed since the export: 序号, key.
    pub note_changed: fn(u32, &str) -> String,
    /// A fed-back finding without a row: 序号, key.
    pub note_no_row: fn(u32, &str) -> String,
    /// A row's 完成时限 is before the feedback day: 序号, key, the deadline, the feedback day.
    pub note_deadline_early: fn(u32, &str, &dyn Display, &dyn Display) -> String,
    /// The ledger file is for another round or unit: file, its round and unit.
    pub ledger_mismatch: fn(&dyn Display, &str, &str) -> String,
    /// The workbook would empty cells the ledger holds: `序号 1「整改措施」` … (joined).
    pub would_blank: fn(&str) -> String,
    /// One cell of [`RectifyStrings::would_blank`]'s list: 序号, column.
    pub blank_cell: fn(u32, &str) -> String,
    pub col_round: &'static str,
    pub col_unit: &'static str,
    pub col_number: &'static str,
    pub col_problem: &'static str,
    pub col_deadline: &'static str,
    pub col_type: &'static str,
    pub col_progress: &'static str,
    pub col_overdue: &'static str,
    /// `逾期 N 天`.
    pub overdue_days: fn(i64) -> String,
    /// Total, done, overdue.
    pub status_summary: fn(usize, usize, usize) -> String,
    pub no_ledgers: &'static str,
    /// 回头看 refused: previous round, unit, why.
    pub follow_up_refused: fn(&str, &str, &str) -> String,
    /// A follow-up template written: id, items, file.
    pub follow_up_written: fn(&str, usize, &dyn Display) -> String,
    /// The follow-up template is already there, unchanged: id, file.
    pub follow_up_same: fn(&str, &dyn Display) -> String,
    /// Some files did not load (listed above): no follow-up checklist.
    pub not_loaded: &'static str,
    /// A template with the follow-up's id that is not this follow-up: id, its title.
    pub follow_up_clash: fn(&str, &str) -> String,
}

fn zh_cell(column: &str, cell: &str, p: &CellProblem) -> String {
    match p {
        CellProblem::Unrecognised(v) if column == "类型" => {
            format!("「{column}」列 {cell}：无法识别的值「{v}」，应为立行立改、限期整改或长期坚持")
        }
        CellProblem::Unrecognised(v) => format!(
            "「{column}」列 {cell}：无法识别的值「{v}」，应为未启动、推进中、阶段完成或已完成"
        ),
        CellProblem::NotADate(v) => {
            format!("「{column}」列 {cell}：「{v}」不是日期，应如 2027-01-31")
        }
        CellProblem::ErrorValue(v) => format!("「{column}」列 {cell}：单元格为错误值 {v}"),
        CellProblem::MissingKey => format!(
            "「{column}」列 {cell}：此行没有问题的键（隐藏列），请在导出的台账中填写，不要另加行"
        ),
        CellProblem::UnknownKey(k) => format!(
            "「{column}」列 {cell}：「{k}」不是该单位已反馈的问题（台账是否来自本轮、本单位？）"
        ),
        CellProblem::DuplicateKey(k) => format!("「{column}」列 {cell}：问题「{k}」出现了两次"),
    }
}

fn en_cell(column: &str, cell: &str, p: &CellProblem) -> String {
    match p {
        CellProblem::Unrecognised(v) if column == "Type" => format!(
            "column \"{column}\" {cell}: unrecognised value \"{v}\"; expected immediate, by \
             deadline or ongoing"
        ),
        CellProblem::Unrecognised(v) => format!(
            "column \"{column}\" {cell}: unrecognised value \"{v}\"; expected not started, in \
             progress, stage done or done"
        ),
        CellProblem::NotADate(v) => {
            format!("column \"{column}\" {cell}: \"{v}\" is not a date; expected e.g. 2027-01-31")
        }
        CellProblem::ErrorValue(v) => {
            format!("column \"{column}\" {cell}: the cell holds the error value {v}")
        }
        CellProblem::MissingKey => format!(
            "column \"{column}\" {cell}: the row has no finding key (a hidden column); fill in \
             the exported ledger, do not add rows"
        ),
        CellProblem::UnknownKey(k) => format!(
            "column \"{column}\" {cell}: \"{k}\" is not a finding fed back to the unit (is the \
             ledger from this round and unit?)"
        ),
        CellProblem::DuplicateKey(k) => {
            format!("column \"{column}\" {cell}: the finding \"{k}\" is on two rows")
        }
    }
}

pub(super) const ZH: RectifyStrings = RectifyStrings {
    unknown_unit: |r, u, a| format!("{r}没有单位「{u}」的记录；现有：{a}"),
    not_reported: |r, u| {
        format!(
            "{r}尚未记录向巡察工作领导小组汇报，也尚未记录向{u}反馈，还没有整改台账（先 xuncha round reported --date 日期 --signer 姓名，反馈后 xuncha round fed-back --date 日期 --signer 姓名 --unit {u}）"
        )
    },
    not_fed_back: |r, u| {
        format!(
            "{r}尚未记录向{u}反馈，还没有整改台账（反馈后运行 xuncha round fed-back --date 日期 --signer 姓名 --unit {u}）"
        )
    },
    nothing_fed_back: |r, u| {
        format!("{r}向{u}反馈的问题中没有可列入整改台账的（须已审签且收入反馈稿）：")
    },
    changed_after_feedback: |r, u, d| {
        format!(
            "{r}于 {d} 向{u}反馈的以下问题，现已不在反馈稿中（反馈后内容或状态有变更）：须核实后恢复为问题并重新编制、复核、审签，才能导出、导入整改台账或生成回头看（xuncha findings 查看，xuncha sign 签审）；什么也没有写出："
        )
    },
    cell_error: zh_cell,
    // (the reader's own reason is in English: said only in the English interface)
    not_xlsx: |_| {
        "不是可读取的 XLSX 工作簿：文件已损坏，或不是 Excel 工作簿（请用导出的台账文件）"
            .to_string()
    },
    missing_sheet: |name| {
        format!(
            "工作簿中没有「{name}」工作表；请导入由 xuncha rectify export 导出、单位填写后的台账"
        )
    },
    no_meta: |what| {
        format!("工作簿的 xuncha 工作表缺少 {what}；请导入由 xuncha rectify export 导出的台账")
    },
    newer_workbook: |found, ours| {
        format!("台账格式 {found} 比本程序能读的（格式 {ours}）新；请用新版 xuncha 导入")
    },
    missing_headers: |cols| format!("整改台账工作表的表头缺少{cols}列"),
    workbook_title: |r, u| format!("{u}巡察整改台账（{r}）"),
    workbook_comment: "灰底列由巡察组填写并锁定，其余列由被巡察单位填写；隐藏列用于导入，请勿改动。工作表保护未设密码。",
    footer: "第 &P 页，共 &N 页",
    pick_from: |list| format!("请从下拉列表中选择：{list}"),
    exported: |n, f| format!("已写出整改台账（{n} 个问题）：{f}"),
    imported: |n, f| format!("已导入 {n} 个问题的整改情况：{f}"),
    cells_refused: |f| format!("{f} 中以下单元格无法导入："),
    file_error: |f, why| format!("{f}：{why}"),
    nothing_imported: "本次什么也没有导入。",
    not_toml: "整改台账是 .xlsx 工作簿，不写到 .toml 文件上",
    note_changed: |n, k| {
        format!("提示：序号 {n}（{k}）导出后内容有变更并已重新审签，已按当前内容导入")
    },
    note_no_row: |n, k| format!("提示：序号 {n}（{k}）在工作簿中没有对应的行，台账中该项保持不变"),
    note_deadline_early: |n, k, d, f| {
        format!("注意：序号 {n}（{k}）的完成时限 {d} 早于反馈日期 {f}，已照填导入，请与单位核实")
    },
    ledger_mismatch: |f, r, u| format!("{f} 是{r}、{u}的台账，与工作簿不符，未导入"),
    would_blank: |cells| {
        format!(
            "这份工作簿会清空单位此前已填写的内容：{cells}。它可能是较早导出或未填写的一份；请在最新导出的台账上填写（xuncha rectify export 会带上已填内容）后再导入"
        )
    },
    blank_cell: |n, col| format!("序号 {n}「{col}」"),
    col_round: "轮次",
    col_unit: "单位",
    col_number: "序号",
    col_problem: "问题",
    col_deadline: "完成时限",
    col_type: "类型",
    col_progress: "进展",
    col_overdue: "逾期",
    overdue_days: |n| format!("逾期 {n} 天"),
    status_summary: |n, done, late| format!("共 {n} 项，已完成 {done} 项，逾期 {late} 项。"),
    no_ledgers: "还没有导入的整改台账（xuncha rectify import 文件.xlsx）。",
    follow_up_refused: |r, u, why| format!("不能为{u}生成{r}的回头看清单：{why}"),
    follow_up_written: |id, n, f| format!("已生成回头看清单 {id}（{n} 项）：{f}"),
    follow_up_same: |id, f| format!("回头看清单 {id} 已是最新：{f}"),
    not_loaded: "以上文件无法读取，未生成回头看清单，也未新建记录。",
    follow_up_clash: |id, title| {
        format!("清单 {id} 已存在且是另一份清单（「{title}」），未覆盖；请改名或移走该清单")
    },
};

pub(super) const EN: RectifyStrings = RectifyStrings {
    unknown_unit: |r, u, a| format!("round {r} has no records of unit \"{u}\"; there are: {a}"),
    not_reported: |r, u| {
        format!(
            "round {r} is not yet recorded as reported to the leading group, nor as fed back to \
             {u}; there is no ledger yet (first xuncha round reported --date DAY --signer NAME, \
             after the feedback xuncha round fed-back --date DAY --signer NAME --unit {u})"
        )
    },
    not_fed_back: |r, u| {
        format!(
            "round {r} is not yet recorded as fed back to {u}; there is no ledger yet (after the \
             feedback run xuncha round fed-back --date DAY --signer NAME --unit {u})"
        )
    },
    nothing_fed_back: |r, u| {
        format!(
            "none of the findings of round {r} for {u} goes on a ledger (each must be approved \
             and in the feedback version):"
        )
    },
    changed_after_feedback: |r, u, d| {
        format!(
            "these findings of round {r}, fed back to {u} on {d}, are no longer in the feedback \
             version (their content or state changed since): check them, make them problems \
             again and have them drafted, checked and approved again before the ledger is \
             exported or imported or a follow-up is made (xuncha findings shows them, xuncha \
             sign signs); nothing was written:"
        )
    },
    cell_error: en_cell,
    not_xlsx: |why| format!("not a readable XLSX workbook ({why})"),
    missing_sheet: |name| {
        format!(
            "the workbook has no sheet \"{name}\"; import a ledger exported with xuncha rectify \
             export and filled in by the unit"
        )
    },
    no_meta: |what| {
        format!(
            "the workbook's xuncha sheet does not give the {what}; import a ledger exported \
             with xuncha rectify export"
        )
    },
    newer_workbook: |found, ours| {
        format!(
            "ledger format {found} is newer than this program reads (format {ours}); import it \
             with a newer xuncha"
        )
    },
    missing_headers: |cols| format!("the ledger sheet's header row lacks the columns {cols}"),
    workbook_title: |r, u| format!("Rectification ledger of {u} (round {r})"),
    workbook_comment: "Grey columns are filled in by the inspection group and locked; the unit \
                       fills in the others. The hidden columns are for the import: do not change \
                       them. The sheet protection has no password.",
    footer: "Page &P of &N",
    pick_from: |list| format!("Pick from the list: {list}"),
    exported: |n, f| {
        format!(
            "Ledger written ({n} {}): {f}",
            plural(n, "problem", "problems")
        )
    },
    imported: |n, f| {
        format!(
            "Imported the rectification of {n} {}: {f}",
            plural(n, "problem", "problems")
        )
    },
    cells_refused: |f| format!("{f}: these cells cannot be imported:"),
    file_error: |f, why| format!("{f}: {why}"),
    nothing_imported: "Nothing was imported.",
    not_toml: "the ledger is an .xlsx workbook; it is not written over a .toml file",
    note_changed: |n, k| {
        format!(
            "Note: no. {n} ({k}) changed and was approved again since the export; imported for \
             its current content"
        )
    },
    note_no_row: |n, k| {
        format!("Note: no. {n} ({k}) has no row in the workbook; its ledger item is unchanged")
    },
    note_deadline_early: |n, k, d, f| {
        format!(
            "Note: no. {n} ({k}) has a deadline of {d}, before the feedback day {f}; imported \
             as filled in, check it with the unit"
        )
    },
    ledger_mismatch: |f, r, u| {
        format!("{f} is the ledger of {u} in round {r}, not this workbook's; nothing imported")
    },
    would_blank: |cells| {
        format!(
            "this workbook would empty what the unit had already written: {cells}. It may be an \
             older or blank copy; fill in the latest export (xuncha rectify export carries what \
             was written) and import that"
        )
    },
    blank_cell: |n, col| format!("No. {n} \"{col}\""),
    col_round: "Round",
    col_unit: "Unit",
    col_number: "No.",
    col_problem: "Problem",
    col_deadline: "Deadline",
    col_type: "Type",
    col_progress: "Progress",
    col_overdue: "Overdue",
    overdue_days: |n| format!("{n} {} overdue", plural(n, "day", "days")),
    status_summary: |n, done, late| {
        format!(
            "{n} {}, {done} done, {late} overdue.",
            plural(n, "item", "items")
        )
    },
    no_ledgers: "No ledger imported yet (xuncha rectify import FILE.xlsx).",
    follow_up_refused: |r, u, why| format!("no follow-up checklist of round {r} for {u}: {why}"),
    follow_up_written: |id, n, f| {
        format!(
            "Follow-up checklist {id} written ({n} {}): {f}",
            plural(n, "item", "items")
        )
    },
    follow_up_same: |id, f| format!("Follow-up checklist {id} is up to date: {f}"),
    not_loaded: "The files above do not load: no follow-up checklist, no new record.",
    follow_up_clash: |id, title| {
        format!(
            "a checklist {id} exists and is another checklist (\"{title}\"); not overwritten: \
             rename or move it"
        )
    },
};

impl Lang {
    /// The sentences of the 整改台账 and 回头看.
    pub fn rectify(self) -> &'static RectifyStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}
