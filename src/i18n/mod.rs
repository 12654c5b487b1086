//! Every user-facing string, in Chinese (the default) and English: the command line and the
//! reports here, the full-screen interface in [`ui`].
//!
//! A sentence that holds a value (a count, a path, an error) is a function in the table, one
//! per language, written whole: the Chinese one with its full-width `：（）`, the English one
//! with its own punctuation and a singular for one (`1 record`, `2 records`). Callers never
//! glue a sentence together from parts.

pub mod args;
pub mod errors;
pub mod rectify;
pub mod signoff;
pub mod ui;

pub use errors::{any_error, diagnostic, os_text, record_error, session_error, store_error};

use std::fmt::Display;

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Lang {
    /// 简体中文
    #[default]
    Zh,
    /// English
    En,
}

/// The strings of one language.
pub struct Strings {
    /// `错误：…` before a message the program ends with.
    pub error: fn(&dyn Display) -> String,
    pub unit: &'static str,
    pub round: &'static str,
    pub group: &'static str,
    pub inspector: &'static str,
    pub problems: &'static str,
    pub doubts: &'static str,
    pub last_change: &'static str,
    pub total: &'static str,
    pub file: &'static str,
    pub no_records: &'static str,
    /// The data folder (its path).
    pub records_in: fn(&dyn Display) -> String,
    /// Before the error of a file (its path) that does not load; the error follows on the
    /// next line.
    pub failed_to_load: fn(&dyn Display) -> String,
    /// Before the path of a new record, on a line of its own.
    pub created: &'static str,
    /// `n` answers whose item the templates no longer have.
    pub orphans: fn(usize) -> String,
    pub home_intro: &'static str,
    pub home_new_hint: &'static str,
    pub home_status_hint: &'static str,
    pub home_help_hint: &'static str,
    pub cl_id: &'static str,
    pub cl_title: &'static str,
    pub cl_version: &'static str,
    pub cl_items: &'static str,
    pub cl_origin: &'static str,
    pub cl_builtin: &'static str,
    pub cl_overrides: &'static str,
    /// A template that validates: file name, id, version, number of items.
    pub cl_valid: fn(&str, &str, &str, usize) -> String,
    /// `n` templates have errors.
    pub cl_invalid: fn(usize) -> String,
    /// Before each content warning of `checklists check`.
    pub cl_warning: &'static str,
    pub cl_none_found: &'static str,
    /// A checklist id not in the catalog, and the ids there are (joined).
    pub unknown_checklist: fn(&str, &str) -> String,
    /// A required field (its label) left blank.
    pub must_not_be_empty: fn(&str) -> String,
    /// A template id a record uses that the catalog does not have.
    pub missing_template: fn(&str) -> String,
    /// Findings whose 三大问题 is unknown (an orphaned answer without a category).
    pub uncategorised: &'static str,
    /// The row of a unit's combined completion in `status`.
    pub unit_total: &'static str,
    /// Whole days without a change.
    pub stale_note: fn(i64) -> String,
    /// Sample records (how many, of how many) are shown: they are not a real inspection.
    pub sample_notice: fn(usize, usize) -> String,
    pub demo: DemoStrings,
    pub report: ReportStrings,
}

/// `xuncha demo`.
pub struct DemoStrings {
    /// Records and units written, and the folder.
    pub written: fn(usize, usize, &dyn Display) -> String,
    pub next: &'static str,
    pub exists: &'static str,
    /// The folder given already holds records (how many): sample data would mix with them.
    pub has_records: fn(usize) -> String,
    /// The folder given is the data folder (or inside it).
    pub data_folder: &'static str,
}

/// `xuncha report`: the Markdown and CSV documents and the command's messages.
pub struct ReportStrings {
    pub title: &'static str,
    pub title_redacted: &'static str,
    pub internal_notice: &'static str,
    pub redacted_notice: &'static str,
    pub generated: &'static str,
    /// Records and units in the report.
    pub counts: fn(usize, usize) -> String,
    pub h_completion: &'static str,
    pub h_findings: &'static str,
    pub h_disagreements: &'static str,
    pub h_unchecked: &'static str,
    pub h_sources: &'static str,
    pub unit_total: &'static str,
    pub no_findings: &'static str,
    pub no_disagreements: &'static str,
    pub nothing_unchecked: &'static str,
    pub item: &'static str,
    pub statement: &'static str,
    pub figures: &'static str,
    pub people: &'static str,
    pub basis: &'static str,
    pub evidence: &'static str,
    /// The head of the evidence notes written on a 三看 look (which takes none of its own),
    /// given the look's short name.
    pub look_notes: fn(&str) -> String,
    pub transfer: &'static str,
    pub transfer_yes: &'static str,
    pub orphan: &'static str,
    /// The staleness threshold in days.
    pub stale: fn(u32) -> String,
    pub verdicts: &'static str,
    pub source_code: &'static str,
    pub source_kind: &'static str,
    pub source_reference: &'static str,
    pub source_at: &'static str,
    pub no_source: &'static str,
    /// A number of items.
    pub items_count: fn(usize) -> String,
    /// The file a report was written to.
    pub written: fn(&dyn Display) -> String,
    pub refuse_record: &'static str,
    /// `--format xlsx` without `-o`: a workbook is binary and never goes to the terminal.
    pub xlsx_needs_output: &'static str,
    /// The output file exists and `--force` was not given (the file).
    pub exists: fn(&dyn Display) -> String,
    /// A DOCX cannot go to standard output: `-o` is needed.
    pub docx_needs_output: &'static str,
    /// Several units give several documents: `-o` must name a folder (the number of units).
    pub docx_needs_dir: fn(usize) -> String,
    /// `--worksheets` is only for `--format docx`.
    pub worksheets_need_docx: &'static str,
    /// The number of units in a redacted report.
    pub redact_many_units: fn(usize) -> String,
    /// The feedback version refused: files of the round did not load (listed before it).
    pub feedback_incomplete: &'static str,
    /// The finding's wording for the feedback version.
    pub feedback_text: &'static str,
    /// Before the reasons an entry is left out of the feedback version (full version mark).
    pub held: &'static str,
    pub hold_no_statement: &'static str,
    pub hold_doubt: &'static str,
    pub hold_transfer: &'static str,
    pub hold_disputed: &'static str,
    /// stderr, before the list of entries left out of the feedback version.
    pub left_out: &'static str,
    /// The name check refused: nothing was written.
    pub names_refused: &'static str,
    /// What a matching text is: a source's private reference, a withheld source's code, the
    /// people of a withheld note, an inspector's name.
    pub match_reference: &'static str,
    pub match_code: &'static str,
    pub match_people: &'static str,
    pub match_inspector: &'static str,
    /// Note text and its people/figures as fields named in a match.
    pub note_field: &'static str,
    /// No records of the unit asked for (the unit, the units there are, listed).
    pub unknown_unit: fn(&str, &str) -> String,
    /// No records of the round asked for (the round, the rounds there are, listed).
    pub unknown_round: fn(&str, &str) -> String,
    /// The end of a list cut short in a message: how many there are in all.
    pub and_more: fn(usize) -> String,
    pub csv: CsvHeaders,
}

/// Column names of the CSV export.
pub struct CsvHeaders {
    pub template_id: &'static str,
    pub checklist: &'static str,
    pub section: &'static str,
    pub item_id: &'static str,
    pub item: &'static str,
    pub status: &'static str,
    pub category: &'static str,
    pub title: &'static str,
    pub transfer: &'static str,
    pub notes: &'static str,
    pub sources: &'static str,
    pub updated: &'static str,
    pub orphan: &'static str,
    /// The 问题底稿 fields and the clue's receiver (full version only).
    pub receiver: &'static str,
    pub number: &'static str,
    pub process: &'static str,
    pub responsibility: &'static str,
    pub leading_cadre: &'static str,
    pub feedback_text: &'static str,
}

pub static ZH: Strings = Strings {
    error: |e| format!("错误：{e}"),
    unit: "单位",
    round: "轮次",
    group: "巡察组",
    inspector: "巡察人员",
    problems: "发现问题",
    doubts: "存疑",
    last_change: "最后修改",
    total: "合计",
    file: "文件",
    no_records: "还没有巡察记录。",
    records_in: |dir| format!("巡察记录目录：{dir}"),
    failed_to_load: |path| format!("无法读取 {path}："),
    created: "已创建巡察记录：",
    orphans: |n| format!("{n} 条答复的清单项已不存在（已保留）"),
    home_intro: "xuncha 巡察清单助手：按“三看”和专题清单逐项检查、记录证据，全部保存在本机。",
    home_new_hint: "新建记录：xuncha new --unit 单位 --round 轮次 --inspector 姓名",
    home_status_hint: "查看进度：xuncha status      查看清单：xuncha checklists list",
    home_help_hint: "全部命令：xuncha --help",
    cl_id: "编号",
    cl_title: "清单",
    cl_version: "版本",
    cl_items: "条目",
    cl_origin: "来源",
    cl_builtin: "内置",
    cl_overrides: "（覆盖内置）",
    cl_valid: |name, id, version, items| format!("有效  {name}（{id} {version}，{items} 条）"),
    cl_invalid: |n| format!("{n} 个清单模板有错误"),
    cl_warning: "提示：",
    cl_none_found: "目录中没有 .toml 清单模板",
    unknown_checklist: |id, available| format!("未知的清单 `{id}`；可用清单：{available}"),
    must_not_be_empty: |label| format!("{label}不能为空"),
    missing_template: |id| format!("清单 `{id}` 不在当前模板中"),
    uncategorised: "未归类",
    unit_total: "（单位合计）",
    stale_note: |n| format!("{n} 天未更新"),
    sample_notice: |n, total| {
        if n == total {
            "示例数据：由 xuncha demo 生成，不是真实巡察记录".to_string()
        } else {
            format!("含示例数据：{total} 份记录中有 {n} 份由 xuncha demo 生成，不是真实巡察记录")
        }
    },
    demo: DemoStrings {
        written: |records, units, dir| {
            format!("已写入示例巡察轮次（{records} 份记录，{units} 个单位）：{dir}")
        },
        next: "接下来可以：",
        exists: "已存在，不覆盖",
        has_records: |n| format!("已有 {n} 份巡察记录，示例数据不写入此文件夹，请另选一个空文件夹"),
        data_folder: "是数据文件夹，示例数据不写入其中（以免混入真实记录），请另选一个文件夹",
    },
    report: ReportStrings {
        title: "巡察情况报告（底稿）",
        title_redacted: "巡察反馈材料（脱敏版）",
        internal_notice: "内部材料，注意保密，不得外传。",
        redacted_notice: "脱敏版：证据只引用调阅资料、实地查看、专题汇报、列席会议和应知应会测试，不含个别谈话、座谈会、反映线索、个人事项报告抽查、民主测评/问卷等来自人员的内容及其涉及人员；只收入已认定的问题，不含存疑待核、意见不一致的事项和移交的问题线索；不列涉及人员，不署巡察人员姓名。",
        generated: "生成时间",
        counts: |records, units| format!("{records} 份记录，{units} 个单位"),
        h_completion: "完成情况",
        h_findings: "发现的问题",
        h_disagreements: "意见不一致的事项",
        h_unchecked: "尚未检查的事项",
        h_sources: "附：证据来源（内部）",
        unit_total: "单位合计",
        no_findings: "暂无发现的问题。",
        no_disagreements: "各巡察人员意见一致。",
        nothing_unchecked: "各单位的清单项均已检查。",
        item: "清单项",
        statement: "问题",
        figures: "数据",
        people: "涉及人员",
        basis: "定性依据",
        evidence: "证据（见人见事见数据）",
        look_notes: |look| format!("{look} 上记有证据（此项不单独取证，宜移至所列检查项）"),
        transfer: "问题线索移交",
        transfer_yes: "拟移交",
        orphan: "（清单项已不存在）",
        stale: |n| format!("超过 {n} 天未更新"),
        verdicts: "各人意见",
        source_code: "代号",
        source_kind: "类别",
        source_reference: "内容（内部）",
        source_at: "时间",
        no_source: "未注明来源",
        items_count: |n| format!("{n} 项"),
        written: |file| format!("已写出报告：{file}"),
        refuse_record: "不能把报告写到 .toml 文件或巡察记录上",
        xlsx_needs_output: "XLSX 工作簿是二进制文件，不能输出到终端；请用 -o 文件名.xlsx 指定输出文件",
        exists: |file| format!("{file} 已存在；要覆盖请加 --force"),
        docx_needs_output: "DOCX 文档不能输出到终端，请用 -o 指定文件或目录",
        docx_needs_dir: |n| {
            format!(
                "共 {n} 个单位，每个单位一份文档：请用 -o 指定一个目录，或用 --unit 选择一个单位"
            )
        },
        worksheets_need_docx: "--worksheets 只用于 --format docx",
        redact_many_units: |n| {
            format!(
                "注意：脱敏版包含 {n} 个单位；向被巡察单位反馈时，请用 --unit 为每个单位分别生成。"
            )
        },
        feedback_incomplete: "以上文件未能读取：反馈稿会缺少其中的内容，名字检查也看不到其中的人名和来源，故未写出任何文件。请修复或移出这些文件后重试。",
        feedback_text: "反馈稿表述",
        held: "不进入反馈稿",
        hold_no_statement: "未写问题描述",
        hold_doubt: "存疑待核",
        hold_transfer: "问题线索移交",
        hold_disputed: "巡察人员意见不一致",
        left_out: "反馈稿未收入以下事项（完整版报告中保留并标注）：",
        names_refused: "未写出反馈稿：以下文字与来源内容、未显示来源的代号、未显示笔记的涉及人员或巡察人员姓名相同，请改写（可填写“反馈稿表述”）后重试：",
        match_reference: "来源内容",
        match_code: "未显示来源的代号",
        match_people: "未显示笔记的涉及人员",
        match_inspector: "巡察人员姓名",
        note_field: "证据",
        unknown_unit: |unit, list| format!("没有单位「{unit}」的记录；可用单位：{list}"),
        unknown_round: |round, list| format!("没有轮次「{round}」的记录；可用轮次：{list}"),
        and_more: |n| format!("等（共 {n} 个）"),
        csv: CsvHeaders {
            template_id: "清单编号",
            checklist: "清单",
            section: "部分",
            item_id: "条目编号",
            item: "条目",
            status: "状态",
            category: "三大问题",
            title: "问题标题",
            transfer: "线索移交",
            notes: "证据",
            sources: "来源",
            updated: "更新时间",
            orphan: "清单项已不存在",
            receiver: "接收单位",
            number: "底稿编号",
            process: "发现过程",
            responsibility: "责任类型",
            leading_cadre: "涉及领导干部",
            feedback_text: "反馈稿表述",
        },
    },
};

pub static EN: Strings = Strings {
    error: |e| format!("error: {e}"),
    unit: "Unit",
    round: "Round",
    group: "Group",
    inspector: "Inspector",
    problems: "Problems",
    doubts: "Doubts",
    last_change: "Last change",
    total: "Total",
    file: "File",
    no_records: "No inspection records yet.",
    records_in: |dir| format!("Records folder: {dir}"),
    failed_to_load: |path| format!("could not load {path}:"),
    created: "Created inspection record:",
    orphans: |n| {
        let answers = plural(n, "answer", "answers");
        let exists = plural(n, "exists", "exist");
        format!("{n} {answers} whose checklist item no longer {exists} (kept)")
    },
    home_intro: "xuncha, the inspection checklist assistant: walk the checklists, tick items, keep evidence notes, all saved on this machine.",
    home_new_hint: "Start a record: xuncha new --unit UNIT --round ROUND --inspector NAME",
    home_status_hint: "Progress: xuncha status      Checklists: xuncha checklists list",
    home_help_hint: "All commands: xuncha --help",
    cl_id: "ID",
    cl_title: "Checklist",
    cl_version: "Version",
    cl_items: "Items",
    cl_origin: "Source",
    cl_builtin: "built-in",
    cl_overrides: "(overrides built-in)",
    cl_valid: |name, id, version, items| {
        format!(
            "valid  {name}  ({id} {version}, {items} {})",
            plural(items, "item", "items")
        )
    },
    cl_invalid: |n| {
        let has = plural(n, "template has", "templates have");
        format!("{n} checklist {has} errors")
    },
    cl_warning: "warning: ",
    cl_none_found: "no .toml checklist templates in the folder",
    unknown_checklist: |id, available| format!("unknown checklist `{id}`; available: {available}"),
    must_not_be_empty: |label| format!("{label}: must not be empty"),
    missing_template: |id| format!("checklist `{id}` is not in the templates in use"),
    uncategorised: "uncategorised",
    unit_total: "(unit total)",
    stale_note: |n| format!("not changed for {n} {}", plural(n, "day", "days")),
    sample_notice: |n, total| {
        if n == total {
            "Sample data, made by xuncha demo: not a real inspection".to_string()
        } else {
            format!(
                "Includes sample data: {n} of {total} records were made by xuncha demo, not a real inspection"
            )
        }
    },
    demo: DemoStrings {
        written: |records, units, dir| {
            let records = format!("{records} {}", plural(records, "record", "records"));
            let units = format!("{units} {}", plural(units, "unit", "units"));
            format!("Wrote a sample inspection round ({records}, {units}): {dir}")
        },
        next: "Try next:",
        exists: "already exists; not overwritten",
        has_records: |n| {
            format!(
                "already holds {n} {}; sample data is not written there (choose an empty folder)",
                plural(n, "record", "records")
            )
        },
        data_folder: "is the data folder; sample data is not written there, so that it never mixes with real records (choose another folder)",
    },
    report: ReportStrings {
        title: "Inspection report (draft)",
        title_redacted: "Inspection feedback (redacted)",
        internal_notice: "Internal and confidential: not to be passed on.",
        redacted_notice: "Redacted: evidence only from documents, site visits, the unit's briefings, meetings sat in on and knowledge tests; nothing from interviews, forums, reported clues, personal-report checks, surveys or other sources from people, nor the people they name; only settled problems, no doubts, disputed items or clues marked for transfer; no people named, no inspector names.",
        generated: "Generated",
        counts: |records, units| {
            let r = plural(records, "record", "records");
            let u = plural(units, "unit", "units");
            format!("{records} {r}, {units} {u}")
        },
        h_completion: "Completion",
        h_findings: "Findings",
        h_disagreements: "Disagreements",
        h_unchecked: "Not yet checked",
        h_sources: "Appendix: sources (internal)",
        unit_total: "Unit total",
        no_findings: "No findings yet.",
        no_disagreements: "The inspectors agree on every item.",
        nothing_unchecked: "Every item has been checked in every unit.",
        item: "Item",
        statement: "Problem",
        figures: "Figures",
        people: "People",
        basis: "Policy basis",
        evidence: "Evidence",
        look_notes: |look| {
            format!(
                "Evidence noted on {look} (not taken on a look itself; better moved to the items it lists)"
            )
        },
        transfer: "Clue transfer",
        transfer_yes: "to be transferred",
        orphan: "(item no longer in the checklist)",
        stale: |n| format!("not changed for {n} {} or more", plural(n, "day", "days")),
        verdicts: "Verdicts",
        source_code: "Code",
        source_kind: "Kind",
        source_reference: "Reference (internal)",
        source_at: "When",
        no_source: "no source given",
        items_count: |n| format!("{n} {}", plural(n, "item", "items")),
        written: |file| format!("Report written to {file}"),
        refuse_record: "will not write a report over a .toml file or an inspection record",
        xlsx_needs_output: "an XLSX workbook is binary and is never written to the terminal; name the file with -o FILE.xlsx",
        exists: |file| format!("{file} exists; add --force to overwrite it"),
        docx_needs_output: "a DOCX document cannot go to the terminal: name a file or folder with -o",
        docx_needs_dir: |n| {
            format!(
                "{n} units make one document each: name a folder with -o, or choose one unit with --unit"
            )
        },
        worksheets_need_docx: "--worksheets is for --format docx only",
        redact_many_units: |n| {
            format!(
                "Note: the redacted report covers {n} {}; for feedback to an inspected unit, make one per unit with --unit.",
                plural(n, "unit", "units")
            )
        },
        feedback_incomplete: "The files above could not be read: the feedback version would miss what they hold, and the name check could not see the names and sources in them, so nothing was written. Repair or move those files, then try again.",
        feedback_text: "Feedback wording",
        held: "Not in the feedback",
        hold_no_statement: "no statement written",
        hold_doubt: "doubt still being verified",
        hold_transfer: "clue to transfer",
        hold_disputed: "inspectors disagree",
        left_out: "Left out of the feedback version (kept and marked in the full report):",
        names_refused: "Feedback version not written: these texts match a source's private reference, the code of a withheld source, the people of a withheld note or an inspector's name. Reword them (the feedback wording field may help) and try again:",
        match_reference: "source reference",
        match_code: "code of a withheld source",
        match_people: "people of a withheld note",
        match_inspector: "inspector's name",
        note_field: "evidence",
        unknown_unit: |unit, list| format!("no records of unit “{unit}”; units there are: {list}"),
        and_more: |n| format!(" and others ({n} in all)"),
        unknown_round: |round, list| {
            format!("no records of round “{round}”; rounds there are: {list}")
        },
        csv: CsvHeaders {
            template_id: "Checklist ID",
            checklist: "Checklist",
            section: "Section",
            item_id: "Item ID",
            item: "Item",
            status: "Status",
            category: "Category",
            title: "Finding title",
            transfer: "Transfer",
            notes: "Evidence",
            sources: "Sources",
            updated: "Updated",
            orphan: "Orphaned",
            receiver: "Receiving body",
            number: "Worksheet no.",
            process: "How it came to light",
            responsibility: "Responsibility",
            leading_cadre: "Leading cadre",
            feedback_text: "Feedback wording",
        },
    },
};

/// `one` for 1 (and -1), else `many`: English nouns and verbs after a count.
pub(crate) fn plural<N: TryInto<i64>>(n: N, one: &'static str, many: &'static str) -> &'static str {
    match n.try_into() {
        Ok(1 | -1) => one,
        _ => many,
    }
}

impl Lang {
    /// A heading over a block of text: 【name】 in Chinese, [name] in English (full-width
    /// brackets belong to Chinese text only).
    pub fn heading(self, name: &str) -> String {
        match self {
            Lang::Zh => format!("【{name}】"),
            Lang::En => format!("[{name}]"),
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

#[cfg(test)]
mod tests;
