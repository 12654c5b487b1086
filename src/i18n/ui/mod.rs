//! Every string of the full-screen interface, in Chinese (default) and English. A sentence
//! that holds a value is a function, written whole per language (see [`crate::i18n`]).

use std::fmt::Display;

use crate::i18n::{Lang, plural};

pub struct Ui {
    pub app: &'static str,
    pub too_small: &'static str,
    pub read_only: &'static str,
    /// The header of a read-only record: the host of the window that holds it, and since when
    /// (`HH:MM`).
    pub read_only_by: fn(&dyn Display, &dyn Display) -> String,
    /// The header of a read-only record whose holder has not said who it is.
    pub read_only_unknown: &'static str,
    /// The holder saved: the read-only window shows its version.
    pub read_only_reloaded: &'static str,
    /// The folder does not support file locks (`ENOLCK`).
    pub no_lock_warning: &'static str,
    /// A save refused: another program changed the file; the three ways out follow.
    pub conflict_title: &'static str,
    pub conflict_text: &'static str,
    /// The three ways out, one line each: reload, keep mine, save mine as a copy.
    pub conflict_ways: [&'static str; 3],
    /// What the chosen way did, naming the copy that keeps the other version.
    pub conflict_reloaded: fn(&dyn Display) -> String,
    pub conflict_kept_mine: fn(&dyn Display) -> String,
    pub conflict_copied: fn(&dyn Display) -> String,
    /// The chosen way failed (the error); the change is still only in memory.
    pub conflict_failed: fn(&dyn Display) -> String,
    /// Closing a record with an outside change not yet resolved.
    pub conflict_pending: &'static str,
    pub saved: &'static str,
    pub not_saved_yet: &'static str,
    /// The record is being saved on the writer thread.
    pub saving: &'static str,
    /// The status bar after a save failed, with the error.
    pub save_failed: fn(&dyn Display) -> String,
    pub current_source: &'static str,
    pub no_source: &'static str,
    pub filter: &'static str,
    pub filters: [&'static str; 6],
    pub search: &'static str,
    pub checklists: &'static str,
    pub items: &'static str,
    pub detail: &'static str,
    pub orphans: &'static str,
    /// The tree's first row: every item of every checklist of the record.
    pub all_checklists: &'static str,
    /// Beside an item marked 发现问题 or 存疑待核 whose finding is still empty.
    pub finding_missing: &'static str,
    pub orphan_note: &'static str,
    pub status: &'static str,
    pub category: &'static str,
    pub methods: &'static str,
    pub guide: &'static str,
    pub local_standards: &'static str,
    pub unverified: &'static str,
    pub finding: &'static str,
    pub notes: &'static str,
    pub no_notes: &'static str,
    pub no_items: &'static str,
    pub note_title_new: &'static str,
    pub note_title_edit: &'static str,
    pub f_text: &'static str,
    pub f_source: &'static str,
    pub f_people: &'static str,
    pub f_figures: &'static str,
    pub f_title: &'static str,
    pub f_statement: &'static str,
    pub f_basis: &'static str,
    /// The finding's wording for the feedback version (反馈稿表述).
    pub f_feedback_text: &'static str,
    pub f_category: &'static str,
    pub f_transfer: &'static str,
    /// The 问题底稿 fields of the finding form: 编号, 发现过程, 责任类型 (its unset choice), and
    /// the leading-cadre mark.
    pub f_number: &'static str,
    pub f_process: &'static str,
    pub f_responsibility: &'static str,
    pub f_responsibility_unset: &'static str,
    pub f_leading_cadre: &'static str,
    pub f_kind: &'static str,
    pub f_code: &'static str,
    pub f_reference: &'static str,
    pub f_time: &'static str,
    pub f_unit: &'static str,
    pub f_round: &'static str,
    pub f_group: &'static str,
    pub f_inspector: &'static str,
    pub f_unit_type: &'static str,
    pub unit_type_unsaid: &'static str,
    pub none: &'static str,
    pub item_default: &'static str,
    /// The default choice of a finding's 三大问题, naming the item's.
    pub item_default_is: fn(&str) -> String,
    pub finding_title: &'static str,
    pub sources_title: &'static str,
    pub source_new: &'static str,
    pub no_sources: &'static str,
    pub confirm_delete: &'static str,
    pub confirm_discard: &'static str,
    pub yes_no: &'static str,
    pub help_title: &'static str,
    pub help_user: &'static str,
    pub form_hint: &'static str,
    /// The new-record form has no long text, so no external editor.
    pub new_form_hint: &'static str,
    pub need_finding_status: &'static str,
    pub empty_note: &'static str,
    pub no_note_selected: &'static str,
    pub no_item_selected: &'static str,
    pub lens_not_answered: &'static str,
    pub focus: &'static str,
    pub roles: &'static str,
    pub applies_to: &'static str,
    pub rests_on: &'static str,
    pub read_only_blocked: &'static str,
    pub nothing_to_undo: &'static str,
    pub nothing_to_redo: &'static str,
    /// What was undone.
    pub undone: fn(&dyn Display) -> String,
    /// What was redone.
    pub redone: fn(&dyn Display) -> String,
    pub did_status: &'static str,
    pub did_note_added: &'static str,
    pub did_note_edited: &'static str,
    pub did_note_deleted: &'static str,
    pub did_finding: &'static str,
    pub did_source_added: &'static str,
    /// A new note is opened while no current source is set.
    pub note_without_source: &'static str,
    /// The title of the form that edits a source.
    pub source_edit: &'static str,
    pub did_source_edited: &'static str,
    pub did_source_deleted: &'static str,
    /// A source is saved with no reference.
    pub reference_empty: &'static str,
    /// A source cannot be deleted: this many notes cite it.
    pub source_cited: fn(usize) -> String,
    /// A source's code cannot change: this many notes cite it by that code.
    pub source_code_cited: fn(usize) -> String,
    /// Before a revealed private reference in the sources popup.
    pub revealed: &'static str,
    pub code_taken: &'static str,
    pub code_empty: &'static str,
    pub bad_time: &'static str,
    pub mouse_released: &'static str,
    pub mouse_captured: &'static str,
    /// `$EDITOR` failed, with the error.
    pub editor_failed: fn(&dyn Display) -> String,
    pub search_prompt: &'static str,
    /// The items pane while searching: the query and the number of items that match.
    pub search_matches: fn(&str, usize) -> String,
    pub home_title: &'static str,
    /// Asking before a record (its file name) goes to the data folder's `trash/`.
    pub trash_confirm: fn(&dyn Display) -> String,
    /// Where the record went, and how to bring it back.
    pub trashed: fn(&dyn Display) -> String,
    /// Asking before a second record for the same unit, round and inspector (the file of the
    /// one there is).
    pub duplicate_confirm: fn(&dyn Display) -> String,
    /// In the review's header when sample records (`xuncha demo`) are shown.
    pub sample_mark: &'static str,
    /// Before the selected record's file on the home screen's status line.
    pub file_label: &'static str,
    /// Under a unit or round field: the key that fills one in, and the values already used in
    /// the data folder.
    pub used_values: fn(&str, &str) -> String,
    pub home_empty_1: &'static str,
    pub home_empty_2: &'static str,
    pub home_empty_3: &'static str,
    pub cannot_close_unsaved: &'static str,
    pub need_a_checklist: &'static str,
    /// The last change was not saved (why) and went to a rescue copy (its path).
    pub rescued: fn(&dyn Display, &dyn Display) -> String,
    /// An interrupted save's copy moved to the rescue folder (its name or path).
    pub unconfirmed_rescued: fn(&dyn Display) -> String,
    /// An interrupted save's copy could not be moved (the error).
    pub unconfirmed_stays: fn(&dyn Display) -> String,
    /// The last change was not saved (why), and no rescue copy could be written (the error).
    pub not_saved: fn(&dyn Display, &dyn Display) -> String,
    pub home_failed: &'static str,
    pub new_title: &'static str,
    pub new_checklists: &'static str,
    pub required: &'static str,
    pub last_change: &'static str,
    pub completion: &'static str,
    /// Names of the key modes, in `Mode::ALL` order, for the help.
    pub mode_names: [&'static str; 11],
    /// Review: the three tabs.
    pub tabs: [&'static str; 3],
    pub review_title: &'static str,
    /// A stale record, with its whole days without a change.
    pub stale: fn(i64) -> String,
    pub unchecked_n: &'static str,
    pub disagreements: &'static str,
    pub disagreement: &'static str,
    pub by_category: &'static str,
    pub by_checklist: &'static str,
    pub by_focus: &'static str,
    pub all_units: &'static str,
    pub no_findings: &'static str,
    pub nothing_unchecked: &'static str,
    /// The number of records in the review.
    pub records_n: fn(usize) -> String,
    pub failed_records: &'static str,
    pub unit_total: &'static str,
    pub evidence: &'static str,
    pub orphan_mark: &'static str,
    /// Help lines about keys that are not in the tables.
    pub help_extra: [&'static str; 2],
    /// After a field label.
    pub colon: &'static str,
    /// Between items of a list.
    pub list_sep: &'static str,
    /// The status keys, grouped in the footer.
    pub set_status: &'static str,
    /// `config.toml` is not UTF-8 text.
    pub config_not_utf8: &'static str,
    /// The status bar at start when `config.toml` had entries that were skipped (how many).
    pub config_problems: fn(usize) -> String,
    /// One skipped entry of `config.toml` (the file, the problem), said when the program ends.
    pub config_problem: fn(&dyn Display, &dyn Display) -> String,
    /// The help's heading over the skipped entries of `config.toml`.
    pub config_problems_title: &'static str,
    /// The help's line on auto-advance (`[inspect] auto-advance` in `config.toml`): on, off.
    pub auto_advance: [&'static str; 2],
    /// `TERM=dumb`: the full-screen interface is refused.
    pub term_dumb: &'static str,
    /// Standard output is not a terminal.
    pub output_not_terminal: &'static str,
    /// No terminal at all (the system's text).
    pub no_terminal: fn(&dyn Display) -> String,
}

pub static ZH: Ui = Ui {
    app: "巡察清单助手",
    too_small: "终端太小：至少 40×10",
    read_only: "只读",
    read_only_by: |host, since| {
        format!("此记录正在另一窗口编辑（主机 {host}，{since} 起），本窗口只读")
    },
    read_only_unknown: "此记录正在另一窗口编辑，本窗口只读",
    read_only_reloaded: "另一窗口已保存，已显示最新内容",
    no_lock_warning: "注意：此文件夹不支持文件锁，另一窗口同时修改此记录时无法察觉",
    conflict_title: "记录已被其他程序修改",
    conflict_text: "此记录在打开后被其他程序改过，你的修改尚未保存。请选择：",
    conflict_ways: [
        "r  重新载入磁盘上的版本（你的修改另存为救援文件）",
        "k  保留我的（覆盖；磁盘上的版本另存一份在记录旁）",
        "c  我的修改另存为副本（记录旁），显示磁盘上的版本",
    ],
    conflict_reloaded: |file| format!("已重新载入；你的修改已存为救援文件：{file}"),
    conflict_kept_mine: |file| format!("已保存你的版本；其他程序的版本已另存为：{file}"),
    conflict_copied: |file| format!("你的修改已另存为副本：{file}；现显示磁盘上的版本"),
    conflict_failed: |e| format!("未能完成（{e}），修改仍未保存"),
    conflict_pending: "记录已被其他程序修改，请先选择处理方式",
    saved: "已保存",
    not_saved_yet: "未修改",
    saving: "保存中",
    save_failed: |e| format!("保存失败（修改仍在内存中，将自动重试）：{e}"),
    current_source: "当前来源",
    no_source: "无",
    filter: "筛选",
    filters: [
        "全部",
        "未查",
        "问题与存疑",
        "存疑待核",
        "有证据",
        "含不适用本类单位的项",
    ],
    search: "搜索",
    checklists: "清单",
    items: "检查项",
    detail: "详情",
    orphans: "已失效的答复",
    all_checklists: "全部清单",
    finding_missing: "未写问题",
    orphan_note: "此答复对应的清单项已不在当前模板中，原样保留。",
    status: "状态",
    category: "三大问题",
    methods: "检查方式",
    guide: "检查要点",
    local_standards: "本地标准",
    unverified: "【待核实】",
    finding: "问题底稿",
    notes: "证据记录",
    no_notes: "（暂无证据记录，按 n 添加）",
    no_items: "（没有符合条件的检查项）",
    note_title_new: "新增证据",
    note_title_edit: "修改证据",
    f_text: "内容",
    f_source: "来源",
    f_people: "涉及人员",
    f_figures: "数据",
    f_title: "标题",
    f_statement: "问题描述",
    f_basis: "定性依据",
    f_feedback_text: "反馈稿表述",
    f_category: "三大问题",
    f_transfer: "线索移交",
    f_number: "底稿编号",
    f_process: "发现过程",
    f_responsibility: "责任类型",
    f_responsibility_unset: "未定",
    f_leading_cadre: "涉及领导干部",
    f_kind: "类型",
    f_code: "代号",
    f_reference: "具体对象",
    f_time: "时间",
    f_unit: "单位",
    f_round: "轮次",
    f_group: "巡察组",
    f_inspector: "巡察人员",
    f_unit_type: "单位类型",
    unit_type_unsaid: "未指定（显示全部检查项）",
    none: "（无）",
    item_default: "默认",
    item_default_is: |category| format!("默认：{category}"),
    finding_title: "问题底稿",
    sources_title: "证据来源",
    source_new: "新增来源",
    no_sources: "（还没有来源，按 a 新增）",
    confirm_delete: "删除这条证据？",
    confirm_discard: "放弃未保存的修改？",
    yes_no: "y 是 / n 否",
    help_title: "按键帮助",
    help_user: "（自定义）",
    form_hint: "Ctrl+S 保存  Esc 取消  Tab 下一栏  空格/Enter 勾选  ←/→ 选项  Ctrl+E 外部编辑器",
    new_form_hint: "Ctrl+S 创建  Esc 取消  Tab 下一栏  空格 勾选清单",
    need_finding_status: "先标记为 发现问题(2) 或 存疑待核(3)",
    empty_note: "证据内容为空，未保存",
    no_note_selected: "没有选中的证据",
    no_item_selected: "没有选中的检查项",
    lens_not_answered: "此项由所列明细检查项汇总，不单独作答",
    focus: "四个落实",
    roles: "谈话对象",
    applies_to: "适用单位",
    rests_on: "汇总自以下检查项",
    read_only_blocked: "只读，不能修改",
    nothing_to_undo: "没有可撤销的修改",
    nothing_to_redo: "没有可重做的修改",
    undone: |what| format!("已撤销：{what}"),
    redone: |what| format!("已重做：{what}"),
    did_status: "标记",
    did_note_added: "新增笔记",
    did_note_edited: "修改笔记",
    did_note_deleted: "删除笔记",
    did_finding: "填写问题底稿",
    did_source_added: "新增来源",
    note_without_source: "未设当前来源：这条证据不归入任何来源（在「来源」栏选择，或先按 s 设当前来源）",
    source_edit: "修改来源",
    did_source_edited: "修改来源",
    did_source_deleted: "删除来源",
    reference_empty: "具体对象不能为空（谈话对象、文件名称等，仅本人可见）",
    source_cited: |n| format!("不能删除：有 {n} 条证据引用此来源"),
    source_code_cited: |n| format!("不能改代号：有 {n} 条证据引用原代号"),
    revealed: "具体对象：",
    code_taken: "代号已被使用",
    code_empty: "代号不能为空",
    bad_time: "时间格式应为 2026-11-26 09:30",
    mouse_released: "已释放鼠标：可用终端选择复制文字，按 m 恢复",
    mouse_captured: "鼠标已接管",
    editor_failed: |e| format!("外部编辑器失败：{e}"),
    search_prompt: "搜索",
    search_matches: |query, n| format!("搜索 “{query}” {n} 项匹配"),
    home_title: "巡察记录",
    trash_confirm: |file| format!("将 {file} 移到数据文件夹的 trash/ 中？（移回原处即可恢复）"),
    trashed: |path| format!("已移到 {path}（移回原处即可恢复）"),
    duplicate_confirm: |file| format!("同一单位、轮次、巡察组成员已有记录 {file}，仍要新建一份？"),
    used_values: |key, values| format!("已用（{key} 填入）：{values}"),
    file_label: "文件：",
    sample_mark: "示例数据，非真实巡察",
    home_empty_1: "还没有巡察记录。",
    home_empty_2: "按 n 新建一份记录（单位、轮次、姓名），按 q 退出。",
    home_empty_3: "想先看看完整示例：退出后运行 xuncha demo",
    need_a_checklist: "至少选择一个清单",
    cannot_close_unsaved: "未保存，暂不关闭（会自动重试；Ctrl+C 强制退出并另存救援文件）",
    rescued: |why, file| format!("最后的修改未能保存到记录文件（{why}），已另存为救援文件：{file}"),
    unconfirmed_rescued: |file| format!("上次保存被中断，未确认的修改已存入救援文件夹：{file}"),
    unconfirmed_stays: |e| format!("上次保存被中断，其未确认的副本无法移入救援文件夹：{e}"),
    not_saved: |why, e| format!("最后的修改未能保存（{why}）；救援文件也无法写入：{e}"),
    home_failed: "无法读取",
    new_title: "新建巡察记录",
    new_checklists: "清单",
    required: "单位、轮次、巡察人员不能为空",
    last_change: "最后修改",
    completion: "完成",
    tabs: ["进度", "问题", "覆盖"],
    review_title: "组长审阅（只读）",
    stale: |days| format!("久未更新（{days} 天未修改）"),
    unchecked_n: "项未查",
    disagreements: "意见分歧",
    disagreement: "分歧",
    by_category: "按三大问题",
    by_checklist: "按清单",
    by_focus: "按四个落实",
    all_units: "全部单位",
    no_findings: "（没有发现问题或存疑的答复）",
    nothing_unchecked: "（所有检查项都已有人查过）",
    records_n: |n| format!("{n} 份记录"),
    failed_records: "无法读取的记录",
    unit_total: "单位合计",
    evidence: "证据",
    orphan_mark: "（清单项已不存在）",
    help_extra: [
        "Ctrl+C            任何时候退出（先保存）",
        "编辑框内          Ctrl+U 撤销  Ctrl+R 重做  方向键、Home/End 移动光标",
    ],
    colon: "：",
    list_sep: "、",
    set_status: "标记状态",
    config_not_utf8: "config.toml 不是 UTF-8 文本，全部按默认设置",
    config_problems: |n| format!("config.toml 有 {n} 处设置有误，已跳过并按默认处理（按 ? 查看）"),
    config_problem: |file, p| format!("{file}：{p}"),
    config_problems_title: "config.toml 中跳过的设置",
    auto_advance: [
        "标记状态后自动跳到下一项：开（config.toml [inspect] auto-advance）",
        "标记状态后自动跳到下一项：关（config.toml [inspect] auto-advance = true 开启）",
    ],
    term_dumb: "终端类型为 dumb（TERM=dumb），无法显示全屏界面；请在普通终端中运行，或用 xuncha status 查看进度",
    output_not_terminal: "标准输出不是终端（已重定向到文件或管道），无法显示全屏界面；请直接在终端中运行",
    no_terminal: |e| format!("没有可用的终端：全屏界面需要在终端中运行（{e}）"),
    mode_names: [
        "记录列表",
        "检查界面",
        "表单（证据、问题底稿、来源）",
        "来源列表",
        "搜索",
        "确认",
        "帮助",
        "隐私遮挡",
        "组长审阅",
        "详情",
        "外部修改",
    ],
};

pub static EN: Ui = Ui {
    app: "Inspection checklist",
    too_small: "Terminal too small: at least 40×10",
    read_only: "READ-ONLY",
    read_only_by: |host, since| {
        format!("Being edited in another window (host {host}, since {since}): read-only here")
    },
    read_only_unknown: "Being edited in another window: read-only here",
    read_only_reloaded: "The other window saved: showing its version",
    no_lock_warning: "Warning: this folder does not support file locks, so another window editing this record at the same time cannot be detected",
    conflict_title: "Changed by another program",
    conflict_text: "Another program changed this record after it was opened; your changes are not saved yet. Choose:",
    conflict_ways: [
        "r  Reload the version on disk (your changes go to a rescue copy)",
        "k  Keep mine (overwrite; the version on disk is kept as a copy beside the record)",
        "c  Save mine as a copy beside the record, and show the version on disk",
    ],
    conflict_reloaded: |file| format!("Reloaded; your changes were saved as a rescue copy: {file}"),
    conflict_kept_mine: |file| {
        format!("Your version was saved; the other program's version is kept as {file}")
    },
    conflict_copied: |file| {
        format!("Your changes were saved as a copy: {file}; showing the version on disk")
    },
    conflict_failed: |e| format!("Could not do that ({e}); the changes are still not saved"),
    conflict_pending: "Another program changed this record: choose what to do first",
    saved: "Saved",
    not_saved_yet: "No changes",
    saving: "Saving",
    save_failed: |e| format!("Save failed (changes kept in memory, retrying): {e}"),
    current_source: "Source",
    no_source: "none",
    filter: "Filter",
    filters: [
        "all",
        "unchecked",
        "problems and doubts",
        "doubts",
        "with notes",
        "also items for other unit types",
    ],
    search: "Search",
    checklists: "Checklists",
    items: "Items",
    detail: "Detail",
    orphans: "Orphaned answers",
    all_checklists: "All checklists",
    finding_missing: "no finding yet",
    orphan_note: "This answer's item is no longer in the template; it is kept as it is.",
    status: "Status",
    category: "Category",
    methods: "Methods",
    guide: "How to check",
    local_standards: "Local standards",
    unverified: "[unverified]",
    finding: "Finding",
    notes: "Evidence",
    no_notes: "(no evidence yet; press n to add)",
    no_items: "(no items match)",
    note_title_new: "New evidence note",
    note_title_edit: "Edit evidence note",
    f_text: "Text",
    f_source: "Source",
    f_people: "People",
    f_figures: "Figures",
    f_title: "Title",
    f_statement: "Statement",
    f_basis: "Basis",
    f_feedback_text: "Feedback wording",
    f_category: "Category",
    f_transfer: "Transfer",
    f_number: "Worksheet no.",
    f_process: "How found",
    f_responsibility: "Responsibility",
    f_responsibility_unset: "not decided",
    f_leading_cadre: "Leading cadre",
    f_kind: "Kind",
    f_code: "Code",
    f_reference: "Reference",
    f_time: "Time",
    f_unit: "Unit",
    f_round: "Round",
    f_group: "Group",
    f_inspector: "Inspector",
    f_unit_type: "Unit type",
    unit_type_unsaid: "not said (every item shown)",
    none: "(none)",
    item_default: "item's",
    item_default_is: |category| format!("item's ({category})"),
    finding_title: "Finding",
    sources_title: "Sources",
    source_new: "New source",
    no_sources: "(no sources yet; press a to add)",
    confirm_delete: "Delete this note?",
    confirm_discard: "Discard unsaved changes?",
    yes_no: "y yes / n no",
    help_title: "Keys",
    help_user: "(custom)",
    form_hint: "Ctrl+S save  Esc cancel  Tab next field  Space/Enter tick  ←/→ choose  Ctrl+E $EDITOR",
    new_form_hint: "Ctrl+S create  Esc cancel  Tab next field  Space tick a checklist",
    need_finding_status: "Mark the item problem (2) or doubt (3) first",
    empty_note: "Empty note, not saved",
    no_note_selected: "No note selected",
    no_item_selected: "No item selected",
    lens_not_answered: "This item is rolled up from the items it lists; it is not answered itself",
    focus: "Serves",
    roles: "Asked of",
    applies_to: "Applies to",
    rests_on: "Rolled up from",
    read_only_blocked: "Read-only: not changed",
    nothing_to_undo: "Nothing to undo",
    nothing_to_redo: "Nothing to redo",
    undone: |what| format!("Undone: {what}"),
    redone: |what| format!("Redone: {what}"),
    did_status: "marked",
    did_note_added: "note added to",
    did_note_edited: "note edited on",
    did_note_deleted: "note deleted from",
    did_finding: "finding written for",
    did_source_added: "source added",
    note_without_source: "No current source: this note will cite none (pick one in the Source field, or press s first)",
    source_edit: "Edit source",
    did_source_edited: "source edited",
    did_source_deleted: "source deleted",
    reference_empty: "The reference cannot be empty (who was interviewed, which file; only you see it)",
    source_cited: |n| {
        format!(
            "Cannot delete: {n} {} {} this source",
            plural(n, "note", "notes"),
            plural(n, "cites", "cite")
        )
    },
    source_code_cited: |n| {
        format!(
            "Cannot change the code: {n} {} {} the old code",
            plural(n, "note", "notes"),
            plural(n, "cites", "cite")
        )
    },
    revealed: "Reference: ",
    code_taken: "Code already used",
    code_empty: "Code must not be empty",
    bad_time: "Time should look like 2026-11-26 09:30",
    mouse_released: "Mouse released: select text with the terminal; press m to capture again",
    mouse_captured: "Mouse captured",
    editor_failed: |e| format!("External editor failed: {e}"),
    search_prompt: "Search",
    search_matches: |query, n| format!("Search “{query}”: {n} {}", plural(n, "match", "matches")),
    home_title: "Inspection records",
    trash_confirm: |file| {
        format!("Move {file} to the data folder's trash/? (Move it back to restore it.)")
    },
    trashed: |path| format!("Moved to {path} (move it back to restore it)"),
    duplicate_confirm: |file| {
        format!(
            "A record for this unit, round and inspector exists already ({file}). Make another?"
        )
    },
    used_values: |key, values| format!("Used ({key} fills in): {values}"),
    file_label: "File: ",
    sample_mark: "SAMPLE DATA, not a real inspection",
    home_empty_1: "No inspection records yet.",
    home_empty_2: "Press n to start one (unit, round, your name); q quits.",
    home_empty_3: "To see a whole sample round first: quit and run xuncha demo",
    need_a_checklist: "Choose at least one checklist",
    cannot_close_unsaved: "Not saved, not closing (retrying; Ctrl+C quits and writes a rescue copy)",
    rescued: |why, file| {
        format!(
            "The last changes could not be saved to the record ({why}); a rescue copy was written: {file}"
        )
    },
    unconfirmed_rescued: |file| {
        format!(
            "The last save was interrupted; the change it was making is in the rescue folder as {file}"
        )
    },
    unconfirmed_stays: |e| {
        format!(
            "The last save was interrupted, and its unconfirmed copy could not be moved to the rescue folder: {e}"
        )
    },
    not_saved: |why, e| {
        format!(
            "The last changes could not be saved ({why}); the rescue copy could not be written either: {e}"
        )
    },
    home_failed: "could not load",
    new_title: "New inspection record",
    new_checklists: "Checklists",
    required: "Unit, round and inspector are required",
    last_change: "Last change",
    completion: "Done",
    tabs: ["Progress", "Findings", "Coverage"],
    review_title: "Review (read-only)",
    stale: |days| {
        format!(
            "stale ({days} {} without change)",
            plural(days, "day", "days")
        )
    },
    unchecked_n: "unchecked",
    disagreements: "Disagreements",
    disagreement: "disagree",
    by_category: "by category",
    by_checklist: "by checklist",
    by_focus: "by the four implementations",
    all_units: "all units",
    no_findings: "(no problems or doubts)",
    nothing_unchecked: "(every item has been checked by someone)",
    records_n: |n| format!("{n} {}", plural(n, "record", "records")),
    failed_records: "Records that could not be loaded",
    unit_total: "unit total",
    evidence: "Evidence",
    orphan_mark: "(item no longer in the template)",
    help_extra: [
        "Ctrl+C            quit at any time (saves first)",
        "In a text field   Ctrl+U undo  Ctrl+R redo  arrows, Home/End move the caret",
    ],
    colon: ": ",
    list_sep: ", ",
    set_status: "set status",
    config_not_utf8: "config.toml is not UTF-8 text; all defaults are used",
    config_problems: |n| {
        format!(
            "config.toml: {n} {} skipped, defaults used (press ? to see)",
            plural(n, "setting", "settings")
        )
    },
    config_problem: |file, p| format!("{file}: {p}"),
    config_problems_title: "Skipped in config.toml",
    auto_advance: [
        "After a status key, move to the next item: on (config.toml [inspect] auto-advance)",
        "After a status key, move to the next item: off (config.toml [inspect] auto-advance = true)",
    ],
    term_dumb: "The terminal is dumb (TERM=dumb) and cannot show the full-screen interface; run it in an ordinary terminal, or use xuncha status",
    output_not_terminal: "Standard output is not a terminal (redirected to a file or a pipe), so the full-screen interface cannot be shown; run it in a terminal",
    no_terminal: |e| format!("No terminal: the full-screen interface needs one ({e})"),
    mode_names: [
        "Record list",
        "Inspect",
        "Forms (note, finding, source)",
        "Sources",
        "Search",
        "Confirm",
        "Help",
        "Privacy",
        "Review",
        "Detail",
        "Outside change",
    ],
};

pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every composed sentence of the interface, for a count of `n`.
    fn sentences(ui: &Ui, n: usize) -> Vec<String> {
        let days = i64::try_from(n).unwrap();
        vec![
            (ui.read_only_by)(&"vm", &"05:53"),
            (ui.conflict_reloaded)(&"a.toml"),
            (ui.conflict_kept_mine)(&"a.toml"),
            (ui.conflict_copied)(&"a.toml"),
            (ui.conflict_failed)(&"disk full"),
            (ui.trash_confirm)(&"a.toml"),
            (ui.trashed)(&"/d/trash/a.toml"),
            (ui.duplicate_confirm)(&"a.toml"),
            (ui.used_values)("Ctrl+N", "R3, R4"),
            (ui.save_failed)(&"disk full"),
            (ui.item_default_is)("leadership"),
            (ui.undone)(&"marked a/b"),
            (ui.redone)(&"marked a/b"),
            (ui.editor_failed)(&"no editor"),
            (ui.search_matches)("接待", n),
            (ui.rescued)(&"disk full", &"/c/rescue/x.toml"),
            (ui.unconfirmed_rescued)(&"x.toml"),
            (ui.unconfirmed_stays)(&"denied"),
            (ui.not_saved)(&"disk full", &"denied"),
            (ui.stale)(days),
            (ui.records_n)(n),
            (ui.config_problems)(n),
            (ui.config_problem)(&"/c/config.toml", &"keys.inspect[1]: unknown key"),
            (ui.no_terminal)(&"No such device or address"),
            ui.term_dumb.to_string(),
            ui.output_not_terminal.to_string(),
            ui.config_not_utf8.to_string(),
            ui.auto_advance.join("\n"),
            ui.too_small.to_string(),
        ]
    }

    #[test]
    fn english_sentences_have_no_chinese_punctuation_and_say_one_thing() {
        for n in [1, 2] {
            for line in sentences(&EN, n) {
                assert!(
                    !line.contains(['：', '（', '）', '，', '；', '。']),
                    "{line}"
                );
            }
        }
        let one = sentences(&EN, 1).join("\n");
        for wrong in ["1 matches", "1 days", "1 records", "1 settings"] {
            assert!(!one.contains(wrong), "{wrong} in\n{one}");
        }
        assert_eq!((EN.stale)(12), "stale (12 days without change)");
        assert_eq!((ZH.stale)(12), "久未更新（12 天未修改）");
        assert_eq!((ZH.undone)(&"标记"), "已撤销：标记");
    }
}
