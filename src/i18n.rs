//! Every user-facing string, in Chinese (the default) and English.

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
    pub error: &'static str,
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
    pub records_in: &'static str,
    pub failed_to_load: &'static str,
    pub created: &'static str,
    pub orphans: &'static str,
    pub tui_not_yet: &'static str,
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
    pub cl_valid: &'static str,
    pub cl_invalid: &'static str,
    pub cl_none_found: &'static str,
    pub unknown_checklist: &'static str,
    pub available: &'static str,
    pub missing_template: &'static str,
}

pub static ZH: Strings = Strings {
    error: "错误",
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
    records_in: "巡察记录目录",
    failed_to_load: "无法读取",
    created: "已创建巡察记录",
    orphans: "条答复的清单项已不存在（已保留）",
    tui_not_yet: "全屏界面尚未提供；用 `xuncha status` 查看进度。",
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
    cl_valid: "有效",
    cl_invalid: "个清单模板有错误",
    cl_none_found: "目录中没有 .toml 清单模板",
    unknown_checklist: "未知的清单",
    available: "可用清单",
    missing_template: "清单不在当前模板中",
};

pub static EN: Strings = Strings {
    error: "error",
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
    records_in: "Records folder",
    failed_to_load: "could not load",
    created: "Created inspection record",
    orphans: "answers whose checklist item no longer exists (kept)",
    tui_not_yet: "The full-screen interface is not available yet; see progress with `xuncha status`.",
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
    cl_valid: "valid",
    cl_invalid: "checklist template(s) have errors",
    cl_none_found: "no .toml checklist templates in the folder",
    unknown_checklist: "unknown checklist",
    available: "available",
    missing_template: "checklist not in the templates in use",
};

impl Lang {
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}
