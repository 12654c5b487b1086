//! The command line as clap reads it: the subcommands, their options and their help (each
//! help line in Chinese, with the English in brackets).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::i18n::Lang;
use crate::i18n::args::ValueError;
use crate::model::review::DEFAULT_STALE_DAYS;
use crate::model::{Role, UnitType};

/// 巡察清单助手 — 按“三看”和专题清单逐项检查、记录证据，保存在本机。
/// (The inspection checklist assistant: walk the checklists, tick items, keep evidence notes.)
#[derive(Debug, Parser)]
#[command(name = "xuncha", version, about, long_about = None)]
pub struct Cli {
    /// 巡察记录目录 (folder of inspection records)
    #[arg(long, global = true, env = "XUNCHA_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// 用户清单模板目录，补充或覆盖内置清单 (user template folder; adds to and overrides the
    /// built-in checklists)
    #[arg(long, global = true, env = "XUNCHA_CHECKLISTS", value_name = "DIR")]
    pub checklists: Option<PathBuf>,

    /// 界面语言 (interface language)
    #[arg(long, global = true, value_enum, default_value_t = Lang::Zh, env = "XUNCHA_LANG")]
    pub lang: Lang,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 新建巡察记录，打印路径并打开 (create a record, print its path, open it)
    New(NewArgs),
    /// 打开一份巡察记录逐项检查 (open a record in the full-screen inspect screen)
    Open {
        /// 记录文件 (the record file)
        file: PathBuf,
    },
    /// 组长审阅：进度、问题、覆盖与分歧，只读 (group leader's read-only review)
    Review {
        /// 记录文件或目录，默认为巡察记录目录 (record files or folders; default: the data folder)
        paths: Vec<PathBuf>,
        /// 超过多少天未修改标为久未更新，0 为不标 (days without change before a record is
        /// marked stale; 0: never)
        #[arg(long, default_value_t = crate::model::review::DEFAULT_STALE_DAYS, value_name = "DAYS",
              value_parser = parse_days)]
        stale_days: u32,
    },
    /// 各记录完成情况一览 (plain-text completion summary of records)
    Status {
        /// 记录文件或目录，默认为巡察记录目录 (record files or folders; default: the data folder)
        paths: Vec<PathBuf>,
        /// 超过 N 天未更新的记录另行提示，0 为不提示 (note records not changed for N days or
        /// more; 0: never)
        #[arg(long, value_name = "N", default_value_t = DEFAULT_STALE_DAYS,
              value_parser = parse_days)]
        stale_days: u32,
    },
    /// 生成报告：Markdown、CSV、DOCX 或 XLSX (the report: Markdown, CSV, DOCX or XLSX)
    Report(ReportArgs),
    /// 写入示例巡察轮次，供试用 (write a sample round to try the tool on)
    Demo(DemoArgs),
    /// 谈话提纲，仅供巡察组内部使用 (interview outline for a role)
    Outline(OutlineArgs),
    /// 清单模板：列出或校验 (checklist templates: list or validate)
    Checklists {
        #[command(subcommand)]
        command: ChecklistsCommand,
    },
    /// 问题清单及签审状态 (findings and their sign-off)
    ///
    /// 每个问题的键、编号、编制/复核/审签、分歧与移交标记 (each finding's key, number, the three
    /// steps, disagreement and transfer marks).
    Findings(FindingsArgs),
    /// 问题底稿签审 (sign findings)
    ///
    /// 编制 → 复核 → 审签，记入签名人自己的签审文件 (draft, check, approve; kept in the
    /// signer's own sign-off file).
    Sign(SignArgs),
    /// 组长认定有分歧的问题 (settle a disputed finding)
    ///
    /// 认定或不予认定，并写明理由 (confirm or dismiss, with the reason).
    Settle(SettleArgs),
    /// 轮次节点：汇报、反馈 (the round's milestones)
    Round {
        #[command(subcommand)]
        command: RoundCommand,
    },
    /// 整改台账：导出、导入、进展 (the rectification ledger: export, import, status)
    Rectify {
        #[command(subcommand)]
        command: super::rectify::RectifyCommand,
    },
    /// 生成命令行补全脚本 (print a shell completion script)
    Completions {
        /// bash, zsh, fish, elvish, powershell
        shell: clap_complete::Shell,
    },
    /// 打印 man 手册页 (print the man page, roff format)
    Man,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// 被巡察单位 (the unit inspected), e.g. 计算机学院
    #[arg(long)]
    pub unit: String,
    /// 巡察轮次 (round), e.g. 第三轮
    #[arg(long)]
    pub round: String,
    /// 巡察人员姓名 (inspector's name)
    #[arg(long)]
    pub inspector: String,
    /// 巡察组 (inspection group), e.g. 第二巡察组
    #[arg(long, default_value = "")]
    pub group: String,
    /// 单位类型：学院 / 职能部门 / 直属单位（college, department, affiliate）；不适用的检查项隐藏、不计数
    /// (unit type: items that do not apply are hidden and not counted)
    #[arg(long = "unit-type", value_name = "TYPE", value_parser = parse_unit_type)]
    pub unit_type: Option<UnitType>,
    /// 使用的清单编号，可重复；默认全部内置清单 (checklist id, repeatable; default: all built-in)
    #[arg(long = "checklist", value_name = "ID")]
    pub checklist_ids: Vec<String>,
    /// 只创建，不打开 (create only, do not open)
    #[arg(long)]
    pub no_open: bool,
    /// 回头看：按该轮次向本单位反馈的问题和整改台账生成回头看清单并使用 (follow-up check: make
    /// a checklist from the problems that round fed back to the unit and its ledger, and use it)
    #[arg(long = "follow-up", value_name = "PREVIOUS_ROUND")]
    pub follow_up: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ChecklistsCommand {
    /// 列出在用的清单模板 (list the templates in use and where each comes from)
    List {
        /// 用户模板目录 (user template folder; default: --checklists or the config folder)
        dir: Option<PathBuf>,
    },
    /// 校验清单模板，有错误时返回非零 (validate templates; non-zero exit on any error)
    Check {
        /// 要校验的目录；默认校验内置清单和用户模板目录 (folder to check; default: built-in and
        /// the user folder)
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// 记录文件或目录，默认为巡察记录目录 (record files or folders; default: the data folder)
    pub paths: Vec<PathBuf>,
    /// 格式：md（Markdown 报告）、csv（每条答复一行，供脚本使用）、docx（公文格式的巡察报告，
    /// 每个单位一份）或 xlsx（工作簿：问题清单、证据、完成情况、线索移交，须用 -o 指定文件）
    /// (md: the Markdown report; csv: one row per answer, for scripts; docx: the 巡察报告 in
    /// GB/T 9704 layout, one per unit; xlsx: a workbook of problems, evidence, completion and
    /// clues, needs -o)
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// 反馈稿（脱敏版），可提供给被巡察单位：只引用资料性来源，只收入已认定的问题，写出前检查
    /// 姓名与来源内容（详见 docs/REPORT.md） (the feedback version for the inspected unit:
    /// evidence from material sources only, settled problems only, nobody named; refused when
    /// a shown text holds a source reference, a withheld code or person, or an inspector's name)
    #[arg(long)]
    pub redact: bool,
    /// 写入文件（权限 0600），默认输出到标准输出；docx 必须指定，多个单位时为目录 (write to
    /// FILE, mode 0600, instead of stdout; required for docx, a folder for several units)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 覆盖已存在的输出文件 (overwrite an existing output file)
    #[arg(long)]
    pub force: bool,
    /// 问题底稿：每个问题一页（内部文件，仅 docx；不含领导干部问题线索） (the finding
    /// worksheets, one page per finding: internal, docx only, never a clue about a leading cadre)
    #[arg(long, conflicts_with = "redact")]
    pub worksheets: bool,
    /// 问题线索移交清单：按接收单位分列（内部保密，仅 docx 或 xlsx，不能与 --redact 同用）
    /// (the clue transfer list by receiving body: confidential, docx or xlsx, never with
    /// --redact)
    #[arg(long, conflicts_with = "worksheets")]
    pub clues: bool,
    /// 巡察报告的主送机关 (the report's addressee)
    #[arg(long = "to", value_name = "主送", default_value = crate::report::docx::DEFAULT_RECIPIENT)]
    pub recipient: String,
    /// 反馈意见中报送整改情况报告的时限 (the feedback's time limit for the rectification
    /// report, e.g. 2个月, 30日)
    #[arg(long, value_name = "时限", default_value = crate::report::docx::DEFAULT_DEADLINE)]
    pub deadline: String,
    /// 只包括该单位，可重复 (only this unit; repeatable)
    #[arg(long = "unit", value_name = "UNIT")]
    pub units: Vec<String>,
    /// 只包括该轮次，可重复 (only this round; repeatable)
    #[arg(long = "round", value_name = "ROUND")]
    pub rounds: Vec<String>,
    /// 超过 N 天未更新的记录加以标记，0 为不标记 (mark records not changed for N days or
    /// more; 0: never)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_STALE_DAYS,
              value_parser = parse_days)]
    pub stale_days: u32,
    /// 问题分组：category 按三大问题（默认），focus 按「四个落实」 (group the problems by the
    /// 三大问题, the default, or by the 四个落实)
    #[arg(long = "group-by", value_enum, default_value_t = GroupBy::Category)]
    pub group_by: GroupBy,
}

/// `report --group-by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    /// 三大问题
    Category,
    /// 四个落实
    Focus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown
    Md,
    /// CSV (UTF-8 with BOM)
    Csv,
    /// DOCX, GB/T 9704 公文格式
    Docx,
    /// XLSX workbook (needs -o FILE)
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// 写入的目录，默认在当前目录下新建 xuncha-demo-年月日-时分秒；不覆盖已有文件 (folder to
    /// write to; default: a new xuncha-demo-YYYYMMDD-HHMMSS in the current folder; existing
    /// files are never overwritten)
    pub dir: Option<PathBuf>,
    /// 只写入，不打开组长审阅界面 (write only, do not open the review)
    #[arg(long)]
    pub no_open: bool,
    /// 记录份数，至少 6 份 (number of records, at least 6)
    #[arg(long, value_name = "N", default_value_t = crate::model::demo::DEFAULT_SIZE as u32,
          value_parser = parse_size)]
    pub size: u32,
}

#[derive(Debug, clap::Args)]
pub struct OutlineArgs {
    /// 谈话对象类别：书记、院长/行政负责人、班子成员、中层干部、教师、学生、离退休人员
    /// (secretary, dean, member, cadre, teacher, student, retiree)
    #[arg(long, value_name = "ROLE", value_parser = parse_role)]
    pub role: Role,
    /// 单位类型，只列适用的检查项 (unit type: only the items that apply)
    #[arg(long = "unit-type", value_name = "TYPE", value_parser = parse_unit_type)]
    pub unit_type: Option<UnitType>,
    /// 被巡察单位：标出本人记录中已查清的事项 (the unit: mark what the records in the data
    /// folder already settle)
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// 格式：md（Markdown）或 docx（与巡察报告相同的公文版式，须用 -o 指定文件） (format: md,
    /// or docx in the layout of the reports, needs -o)
    #[arg(long, value_enum, default_value_t = OutlineFormat::Md)]
    pub format: OutlineFormat,
    /// 写入文件（权限 0600），默认输出到标准输出；docx 必须指定 (write to FILE, mode 0600,
    /// instead of stdout; required for docx)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 覆盖已存在的输出文件 (overwrite an existing output file)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutlineFormat {
    /// Markdown
    Md,
    /// Word (GB/T 9704 layout)
    Docx,
}

/// `--unit-type`: a key (college, department, affiliate) or its Chinese name.
fn parse_unit_type(s: &str) -> Result<UnitType, ValueError> {
    UnitType::parse(s).ok_or(ValueError::UnitType)
}

/// `--role`: a key or its Chinese name.
fn parse_role(s: &str) -> Result<Role, ValueError> {
    Role::parse(s).ok_or(ValueError::Role)
}

/// `demo --size`: 1 to 20,000 records.
fn parse_size(s: &str) -> Result<u32, ValueError> {
    const MAX: u32 = 20_000;
    s.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX).contains(n))
        .ok_or(ValueError::Number {
            min: 1,
            max: u64::from(MAX),
        })
}

/// `--stale-days`: a whole number of days, 0 for never.
fn parse_days(s: &str) -> Result<u32, ValueError> {
    s.trim().parse::<u32>().map_err(|_| ValueError::Number {
        min: 0,
        max: u64::from(u32::MAX),
    })
}

#[derive(Debug, clap::Args)]
pub struct FindingsArgs {
    /// 记录文件或目录，默认为巡察记录目录 (record files or folders; default: the data folder)
    pub paths: Vec<PathBuf>,
    /// 只列该单位，可重复 (only this unit; repeatable)
    #[arg(long = "unit", value_name = "UNIT")]
    pub units: Vec<String>,
    /// 只列该轮次，可重复 (only this round; repeatable)
    #[arg(long = "round", value_name = "ROUND")]
    pub rounds: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// 问题的键「单位/清单id/条目id」，可多个；xuncha findings 列出 (finding keys, as xuncha
    /// findings lists them)
    #[arg(required = true, value_name = "KEY")]
    pub keys: Vec<String>,
    /// 签审步骤：编制（draft）、复核（check）、审签（approve）
    #[arg(long, value_name = "STEP", value_parser = parse_step)]
    pub step: crate::model::signoff::Step,
    /// 签名人姓名 (the signer's name)
    #[arg(long, value_name = "NAME")]
    pub signer: String,
    /// 轮次，记录中有多个轮次时必填 (the round; needed when the records hold several)
    #[arg(long, value_name = "ROUND")]
    pub round: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct SettleArgs {
    /// 问题的键「单位/清单id/条目id」 (the finding's key)
    #[arg(value_name = "KEY")]
    pub key: String,
    /// 认定（confirm）或不予认定（dismiss）
    #[arg(long, value_name = "DECISION", value_parser = parse_decision)]
    pub decision: crate::model::signoff::Decision,
    /// 认定理由 (why)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// 组长姓名 (the leader's name)
    #[arg(long, value_name = "NAME")]
    pub signer: String,
    /// 轮次，记录中有多个轮次时必填 (the round; needed when the records hold several)
    #[arg(long, value_name = "ROUND")]
    pub round: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// 记录已向领导小组汇报 (reported to the leading group)
    ///
    /// 此后才能生成反馈意见 (the feedback version needs it).
    Reported {
        /// 汇报日期，如 2026-12-05 (the day)
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        date: crate::model::day::Day,
        /// 记录人姓名 (who records it)
        #[arg(long, value_name = "NAME")]
        signer: String,
        /// 轮次，记录中有多个轮次时必填 (the round; needed when the records hold several)
        #[arg(long, value_name = "ROUND")]
        round: Option<String>,
    },
    /// 记录已向被巡察单位反馈 (fed back to the unit)
    ///
    /// 不指定单位时为本轮全部单位 (all units of the round without --unit).
    FedBack {
        /// 反馈日期 (the day)
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        date: crate::model::day::Day,
        /// 记录人姓名 (who records it)
        #[arg(long, value_name = "NAME")]
        signer: String,
        /// 单位，可重复 (the unit; repeatable)
        #[arg(long = "unit", value_name = "UNIT")]
        units: Vec<String>,
        /// 轮次，记录中有多个轮次时必填 (the round; needed when the records hold several)
        #[arg(long, value_name = "ROUND")]
        round: Option<String>,
    },
}

/// `--step`: draft, check, approve or 编制, 复核, 审签.
fn parse_step(s: &str) -> Result<crate::model::signoff::Step, ValueError> {
    crate::model::signoff::Step::parse(s).ok_or(ValueError::Step)
}

/// `--decision`: confirm, dismiss or 认定, 不予认定.
fn parse_decision(s: &str) -> Result<crate::model::signoff::Decision, ValueError> {
    crate::model::signoff::Decision::parse(s).ok_or(ValueError::Decision)
}

/// `--date`: 2026-12-05, 2026/12/5 or 2026年12月5日.
fn parse_day(s: &str) -> Result<crate::model::day::Day, ValueError> {
    s.parse()
        .map_err(|_: String| ValueError::Date(s.trim().to_string()))
}
