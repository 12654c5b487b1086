//! Command-line parsing (clap) and dispatch. No domain logic lives here.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{CommandFactory, Parser, Subcommand};

use crate::i18n::{Lang, Strings};
use crate::model::review::{DEFAULT_STALE_DAYS, Review, ReviewOptions};
use crate::model::{Catalog, Diagnostic, Origin, Record, Role, Template, Timestamp, UnitType};
use crate::store::{self, Paths};
use crate::text;

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
        #[arg(long, default_value_t = crate::model::review::DEFAULT_STALE_DAYS, value_name = "DAYS")]
        stale_days: u32,
    },
    /// 各记录完成情况一览 (plain-text completion summary of records)
    Status {
        /// 记录文件或目录，默认为巡察记录目录 (record files or folders; default: the data folder)
        paths: Vec<PathBuf>,
        /// 超过 N 天未更新的记录另行提示，0 为不提示 (note records not changed for N days or
        /// more; 0: never)
        #[arg(long, value_name = "N", default_value_t = DEFAULT_STALE_DAYS)]
        stale_days: u32,
    },
    /// 生成报告底稿，Markdown 或 CSV (the report draft, Markdown or CSV)
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
    /// 格式，目前只有 md (format; only md for now)
    #[arg(long, value_enum, default_value_t = OutlineFormat::Md)]
    pub format: OutlineFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutlineFormat {
    /// Markdown
    Md,
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

/// `--unit-type`: a key (college, department, affiliate) or its Chinese name.
fn parse_unit_type(s: &str) -> Result<UnitType, String> {
    UnitType::parse(s).ok_or_else(|| {
        "expected 学院 (college), 职能部门 (department) or 直属单位 (affiliate)".to_string()
    })
}

/// `--role`: a key or its Chinese name.
fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| {
        "expected 书记, 院长, 班子成员, 中层干部, 教师, 学生 or 离退休人员 (secretary, dean, member, cadre, teacher, student, retiree)".to_string()
    })
}

/// Parse the command line and run it.
pub fn main() -> ExitCode {
    // A file size limit (`ulimit -f`) must fail a save with an error the program shows and
    // survives (EFBIG), not kill it with SIGXFSZ, losing what is not yet saved. A handled
    // signal does that as an ignored one would (the write still fails with EFBIG); unlike an
    // ignored one, it is not passed on to programs started from here, such as `$EDITOR`.
    #[cfg(unix)]
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    // The full-screen commands start making the terminal before the command line is parsed.
    let ahead = if wants_terminal(&std::env::args_os().collect::<Vec<_>>()) && interactive() {
        crate::tui::Ahead::start()
    } else {
        crate::tui::Ahead::default()
    };
    let cli = Cli::parse();
    let lang = cli.lang;
    match run(cli, ahead) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(io::stderr(), "{}: {e:#}", lang.strings().error);
            ExitCode::FAILURE
        }
    }
}

/// Options before the command that take a value (`--lang en`), to be skipped when looking
/// for the command in the raw arguments (tested against the parser's own definition).
const VALUE_OPTIONS: [&str; 3] = ["--data-dir", "--checklists", "--lang"];

/// Whether the command line names a full-screen command (the home screen, `open`, `new`,
/// `review`, `demo`), judged from the raw arguments: the first that is neither an option nor
/// an option's value is the command. Building the parser takes longer than this guess saves;
/// a wrong guess costs a terminal made for nothing, or made later.
fn wants_terminal(args: &[std::ffi::OsString]) -> bool {
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let Some(arg) = arg.to_str() else {
            return false;
        };
        if VALUE_OPTIONS.contains(&arg) {
            rest.next();
        } else if !arg.starts_with('-') {
            return matches!(arg, "open" | "new" | "review" | "demo");
        } else if arg == "-h" || arg == "-V" || arg.starts_with("--help") || arg == "--version" {
            return false;
        }
    }
    true
}

/// Everything a command needs from the environment.
struct Ctx {
    lang: Lang,
    paths: Paths,
    /// `--checklists`, else the config folder's `checklists/`.
    user_checklists: PathBuf,
    /// The terminal, if it is being made ahead; taken by the full-screen command that runs.
    ahead: std::cell::Cell<crate::tui::Ahead>,
}

/// The review screen; outside a terminal, the plain-text status instead.
fn review(ctx: &Ctx, paths: Vec<PathBuf>, stale_days: u32) -> Result<ExitCode> {
    if !interactive() {
        return status(ctx, &paths, stale_days);
    }
    let paths = if paths.is_empty() {
        vec![ctx.paths.data_dir.clone()]
    } else {
        paths
    };
    crate::tui::run_review(ctx.tui_options(), &paths, stale_days, ctx.ahead.take())?;
    Ok(ExitCode::SUCCESS)
}

/// Both ends are a terminal: the full-screen interface can run.
fn interactive() -> bool {
    use std::io::IsTerminal;
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

impl Ctx {
    fn tui_options(&self) -> crate::tui::Options {
        crate::tui::Options {
            lang: self.lang,
            paths: self.paths.clone(),
            catalog: self.catalog(None),
        }
    }

    fn s(&self) -> &'static Strings {
        self.lang.strings()
    }

    /// The catalog in use; invalid user templates are reported on stderr and skipped.
    fn catalog(&self, dir: Option<&Path>) -> Catalog {
        let (catalog, problems) = store::load_catalog(Some(dir.unwrap_or(&self.user_checklists)));
        report_diagnostics(&problems);
        catalog
    }
}

/// Run `cli`; `ahead` is the terminal being made ahead, if the command looked full-screen.
pub fn run(cli: Cli, ahead: crate::tui::Ahead) -> Result<ExitCode> {
    let config_dir = std::env::var_os("XUNCHA_CONFIG_DIR").map(PathBuf::from);
    let paths = Paths::resolve(cli.data_dir, config_dir);
    let ctx = Ctx {
        lang: cli.lang,
        user_checklists: cli.checklists.unwrap_or_else(|| paths.user_checklists()),
        paths,
        ahead: std::cell::Cell::new(ahead),
    };
    match cli.command {
        None if interactive() => {
            crate::tui::run_home(ctx.tui_options(), ctx.ahead.take())?;
            Ok(ExitCode::SUCCESS)
        }
        None => home(&ctx),
        Some(Command::New(args)) => new(&ctx, &args),
        Some(Command::Open { file }) => {
            crate::tui::run_open(|| ctx.tui_options(), &file, ctx.ahead.take())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Review { paths, stale_days }) => review(&ctx, paths, stale_days),
        Some(Command::Status { paths, stale_days }) => status(&ctx, &paths, stale_days),
        Some(Command::Report(args)) => report(&ctx, &args),
        Some(Command::Demo(args)) => demo(&ctx, &args),
        Some(Command::Outline(args)) => outline(&ctx, &args),
        Some(Command::Checklists {
            command: ChecklistsCommand::List { dir },
        }) => checklists_list(&ctx, dir.as_deref()),
        Some(Command::Checklists {
            command: ChecklistsCommand::Check { dir },
        }) => checklists_check(&ctx, dir.as_deref()),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "xuncha", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            io::stdout().write_all(&out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn report_diagnostics(diags: &[Diagnostic]) {
    let mut err = io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{d}\n");
    }
}

/// `xuncha` alone: what this is, the records there are, and what to type next.
fn home(ctx: &Ctx) -> Result<ExitCode> {
    let s = ctx.s();
    let mut out = String::new();
    out.push_str(s.home_intro);
    out.push_str("\n\n");
    out.push_str(&format!(
        "{}: {}\n",
        s.records_in,
        ctx.paths.data_dir.display()
    ));
    let dir = ctx.paths.data_dir.clone();
    let mut code = ExitCode::SUCCESS;
    if dir.is_dir() {
        let catalog = ctx.catalog(None);
        let loaded = load_all(&[dir], &catalog)?;
        if loaded.ok.is_empty() && loaded.failed.is_empty() {
            out.push_str(s.no_records);
            out.push('\n');
        } else {
            out.push('\n');
            out.push_str(&status_table(
                ctx,
                &catalog,
                &loaded.ok,
                false,
                DEFAULT_STALE_DAYS,
            ));
        }
        code = print_failures(ctx, &loaded.failed);
    } else {
        out.push_str(s.no_records);
        out.push('\n');
    }
    out.push('\n');
    for hint in [s.home_new_hint, s.home_status_hint, s.home_help_hint] {
        out.push_str(hint);
        out.push('\n');
    }
    print(&out)?;
    Ok(code)
}

fn new(ctx: &Ctx, args: &NewArgs) -> Result<ExitCode> {
    let s = ctx.s();
    for (label, value) in [
        (s.unit, &args.unit),
        (s.round, &args.round),
        (s.inspector, &args.inspector),
    ] {
        if value.trim().is_empty() {
            bail!(
                "{label}: {}",
                if ctx.lang == Lang::Zh {
                    "不能为空"
                } else {
                    "must not be empty"
                }
            );
        }
    }
    let catalog = ctx.catalog(None);
    let templates: Vec<&Template> = if args.checklist_ids.is_empty() {
        catalog
            .entries()
            .iter()
            .filter(|(t, o)| matches!(o, Origin::BuiltIn(_)) || catalog.is_overridden(&t.id))
            .map(|(t, _)| t)
            .collect()
    } else {
        let mut chosen = Vec::new();
        for id in &args.checklist_ids {
            let Some(t) = catalog.get(id) else {
                let ids: Vec<&str> = catalog.templates().map(|t| t.id.as_str()).collect();
                bail!(
                    "{} `{id}`; {}: {}",
                    s.unknown_checklist,
                    s.available,
                    ids.join(", ")
                );
            };
            if !chosen.iter().any(|c: &&Template| c.id == t.id) {
                chosen.push(t);
            }
        }
        chosen
    };
    let mut record = Record::new(
        &args.unit,
        &args.round,
        &args.group,
        &args.inspector,
        &templates,
        Timestamp::now(),
    );
    record.unit_type = args.unit_type;
    let path = store::create_record(&ctx.paths.data_dir, &record)?;
    let _ = writeln!(io::stderr(), "{}:", s.created);
    print(&format!("{}\n", path.display()))?;
    if !args.no_open && interactive() {
        crate::tui::run_open(|| ctx.tui_options(), &path, ctx.ahead.take())?;
    }
    Ok(ExitCode::SUCCESS)
}

struct Loaded {
    ok: Vec<(PathBuf, Record)>,
    failed: Vec<(PathBuf, String)>,
}

/// Every record under `paths`, answers of replaced items carried to their successors in
/// `catalog` (in memory only).
fn load_all(paths: &[PathBuf], catalog: &Catalog) -> Result<Loaded> {
    let files = store::find_records(paths)?;
    let mut loaded = Loaded {
        ok: Vec::new(),
        failed: Vec::new(),
    };
    let results = store::records::load_records(&files);
    for (path, result) in files.into_iter().zip(results) {
        match result {
            Ok(mut r) => {
                r.carry_replaced(catalog);
                loaded.ok.push((path, r));
            }
            Err(e) => loaded.failed.push((path, e.to_string())),
        }
    }
    loaded.ok.sort_by(|(pa, a), (pb, b)| {
        (&a.unit, &a.round, &a.inspector, pa).cmp(&(&b.unit, &b.round, &b.inspector, pb))
    });
    Ok(loaded)
}

fn print_failures(ctx: &Ctx, failed: &[(PathBuf, String)]) -> ExitCode {
    if failed.is_empty() {
        return ExitCode::SUCCESS;
    }
    let mut err = io::stderr().lock();
    for (path, e) in failed {
        let _ = writeln!(err, "{} {}:\n{e}\n", ctx.s().failed_to_load, path.display());
    }
    ExitCode::FAILURE
}

fn status(ctx: &Ctx, paths: &[PathBuf], stale_days: u32) -> Result<ExitCode> {
    let paths = if paths.is_empty() {
        if !ctx.paths.data_dir.is_dir() {
            print(&format!("{}\n", ctx.s().no_records))?;
            return Ok(ExitCode::SUCCESS);
        }
        vec![ctx.paths.data_dir.clone()]
    } else {
        paths.to_vec()
    };
    let catalog = ctx.catalog(None);
    let loaded = load_all(&paths, &catalog)?;
    if loaded.ok.is_empty() && loaded.failed.is_empty() {
        print(&format!("{}\n", ctx.s().no_records))?;
    } else if !loaded.ok.is_empty() {
        print(&status_table(ctx, &catalog, &loaded.ok, true, stale_days))?;
    }
    Ok(print_failures(ctx, &loaded.failed))
}

/// The completion table shared by `status` and the home listing: one row per record, and a
/// total row for each unit with several records (an item is done for the unit if any of its
/// inspectors checked it). Both come from the review aggregation.
fn status_table(
    ctx: &Ctx,
    catalog: &Catalog,
    records: &[(PathBuf, Record)],
    with_notes: bool,
    stale_days: u32,
) -> String {
    let s = ctx.s();
    let options = ReviewOptions {
        now: Timestamp::now(),
        stale_days,
    };
    let review = Review::build(records, catalog, &options);
    let cell = |p: Option<&crate::model::TemplateProgress>| match p {
        None => "-".to_string(),
        Some(p) if p.missing => "?".to_string(),
        Some(p) => format!("{}/{} {}%", p.done, p.total, p.percent()),
    };
    let mut header = vec![
        s.unit.to_string(),
        s.round.to_string(),
        s.inspector.to_string(),
    ];
    header.extend(review.columns.iter().map(|(_, title)| title.clone()));
    header.extend([
        s.total.to_string(),
        s.problems.to_string(),
        s.doubts.to_string(),
        s.last_change.to_string(),
    ]);
    let mut rows = vec![header];
    let mut notes = String::new();
    for unit in &review.units {
        for &ri in &unit.records {
            let r = &review.records[ri];
            let sum = &r.summary;
            let mut row = vec![r.unit.clone(), r.round.clone(), r.inspector.clone()];
            for (id, _) in &review.columns {
                row.push(cell(sum.per_template.iter().find(|p| &p.id == id)));
            }
            row.push(format!("{}/{} {}%", sum.done, sum.total, sum.percent()));
            row.push(sum.problems.to_string());
            row.push(sum.doubts.to_string());
            row.push(r.updated.to_string());
            rows.push(row);
            if with_notes {
                let path = r.path.display();
                if sum.orphans > 0 {
                    notes.push_str(&format!("{path}: {} {}\n", sum.orphans, s.orphans));
                }
                for p in sum.per_template.iter().filter(|p| p.missing) {
                    notes.push_str(&format!("{path}: {} `{}`\n", s.missing_template, p.id));
                }
                if r.stale {
                    let idle = s.stale_note.replace("{n}", &r.idle_days.to_string());
                    notes.push_str(&format!("{path}: {idle}\n"));
                }
            }
        }
        if unit.records.len() > 1 {
            let mut row = vec![
                unit.key.unit.clone(),
                unit.key.round.clone(),
                s.unit_total.to_string(),
            ];
            for (id, _) in &review.columns {
                row.push(cell(unit.per_template.iter().find(|p| &p.id == id)));
            }
            row.push(format!("{}/{} {}%", unit.done, unit.total, unit.percent()));
            row.push(unit.problems.to_string());
            row.push(unit.doubts.to_string());
            row.push(String::new());
            rows.push(row);
        }
    }
    let mut out = text::table(&rows, 30);
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    out
}

fn checklists_list(ctx: &Ctx, dir: Option<&Path>) -> Result<ExitCode> {
    let s = ctx.s();
    let catalog = ctx.catalog(dir);
    let mut rows = vec![vec![
        s.cl_id.to_string(),
        s.cl_title.to_string(),
        s.cl_version.to_string(),
        s.cl_items.to_string(),
        s.cl_origin.to_string(),
    ]];
    for (t, origin) in catalog.entries() {
        let origin = match origin {
            Origin::BuiltIn(_) => s.cl_builtin.to_string(),
            Origin::File(p) if catalog.is_overridden(&t.id) => format!("{p} {}", s.cl_overrides),
            Origin::File(p) => p.clone(),
        };
        rows.push(vec![
            t.id.clone(),
            t.title.clone(),
            t.version.clone(),
            t.item_count().to_string(),
            origin,
        ]);
    }
    print(&text::table(&rows, 200))?;
    Ok(ExitCode::SUCCESS)
}

fn checklists_check(ctx: &Ctx, dir: Option<&Path>) -> Result<ExitCode> {
    let s = ctx.s();
    let mut out = String::new();
    let mut bad = 0usize;
    let good = |out: &mut String, name: &str, t: &Template| {
        out.push_str(&format!(
            "{}  {name}  ({} {}, {} {})\n",
            s.cl_valid,
            t.id,
            t.version,
            t.item_count(),
            s.cl_items
        ));
    };
    let mut errors = Vec::new();
    if dir.is_none() {
        for (result, name) in store::catalog::builtin_templates() {
            match result {
                Ok(t) => good(&mut out, &format!("<built-in>/{name}"), t),
                Err(d) => {
                    bad += 1;
                    errors.extend_from_slice(d);
                }
            }
        }
    }
    let folder = dir.unwrap_or(&ctx.user_checklists);
    if dir.is_some() || folder.is_dir() {
        let files = store::load_template_dir(folder).map_err(|d| anyhow::anyhow!("{d}"))?;
        if files.is_empty() && dir.is_some() {
            bail!("{}: {}", folder.display(), s.cl_none_found);
        }
        for f in files {
            match f.result {
                Ok(t) => good(&mut out, &f.path.display().to_string(), &t),
                Err(mut d) => {
                    bad += 1;
                    errors.append(&mut d);
                }
            }
        }
    }
    print(&out)?;
    // Warnings on the content of the checklists in use: they do not fail the check.
    // (The errors of the files were reported above: the catalog's own list is not repeated.)
    let (in_use, _) = store::load_catalog(Some(folder));
    for warning in in_use.content_warnings() {
        let _ = writeln!(io::stderr(), "{}{warning}", s.cl_warning);
    }
    if bad == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    report_diagnostics(&errors);
    let _ = writeln!(io::stderr(), "{bad} {}", s.cl_invalid);
    Ok(ExitCode::FAILURE)
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// 记录文件或目录，默认为巡察记录目录 (record files or folders; default: the data folder)
    pub paths: Vec<PathBuf>,
    /// 格式：md（Markdown 报告）或 csv（每条答复一行，供电子表格使用） (md: the Markdown
    /// report; csv: one row per answer, for spreadsheets)
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// 脱敏版，可提供给被巡察单位（详见 docs/REPORT.md） (the version that may be shown to the
    /// inspected unit: no source details, informants, doubts, clue transfers or inspector names)
    #[arg(long)]
    pub redact: bool,
    /// 写入文件（权限 0600），默认输出到标准输出 (write to FILE, mode 0600, instead of stdout)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 只包括该单位，可重复 (only this unit; repeatable)
    #[arg(long = "unit", value_name = "UNIT")]
    pub units: Vec<String>,
    /// 超过 N 天未更新的记录加以标记，0 为不标记 (mark records not changed for N days or
    /// more; 0: never)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_STALE_DAYS)]
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
          value_parser = clap::value_parser!(u32).range(1..=20_000))]
    pub size: u32,
}

/// `xuncha report`: the report draft of every record under the paths, on stdout or into a file.
/// Records that do not load are reported on stderr (exit 1); the report holds the rest.
fn report(ctx: &Ctx, args: &ReportArgs) -> Result<ExitCode> {
    let s = ctx.s();
    let paths = if args.paths.is_empty() {
        vec![ctx.paths.data_dir.clone()]
    } else {
        args.paths.clone()
    };
    if args.paths.is_empty() && !ctx.paths.data_dir.is_dir() {
        bail!("{}", s.no_records);
    }
    let catalog = ctx.catalog(None);
    let mut loaded = load_all(&paths, &catalog)?;
    if let Some(out) = &args.output {
        let is_toml = out
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("toml"));
        let target = out.canonicalize().ok();
        let is_input = target.is_some_and(|t| {
            loaded
                .ok
                .iter()
                .map(|(p, _)| p)
                .chain(loaded.failed.iter().map(|(p, _)| p))
                .any(|p| p.canonicalize().is_ok_and(|p| p == t))
        });
        if is_toml || is_input {
            bail!("{}: {}", out.display(), s.report.refuse_record);
        }
    }
    if !args.units.is_empty() {
        loaded
            .ok
            .retain(|(_, r)| args.units.iter().any(|u| u.trim() == r.unit));
    }
    if loaded.ok.is_empty() && loaded.failed.is_empty() {
        bail!("{}", s.no_records);
    }
    let options = crate::report::Options {
        lang: ctx.lang,
        redact: args.redact,
        now: Timestamp::now(),
        stale_days: args.stale_days,
        group_by: match args.group_by {
            GroupBy::Category => crate::model::review::Grouping::Category,
            GroupBy::Focus => crate::model::review::Grouping::Focus,
        },
    };
    let text = match args.format {
        ReportFormat::Md => crate::report::markdown(&loaded.ok, &catalog, &options),
        ReportFormat::Csv => crate::report::csv(&loaded.ok, &catalog, &options),
    };
    if args.redact {
        let mut units: Vec<(&str, &str)> = loaded
            .ok
            .iter()
            .map(|(_, r)| (r.round.as_str(), r.unit.as_str()))
            .collect();
        units.sort_unstable();
        units.dedup();
        if units.len() > 1 {
            let _ = writeln!(
                io::stderr(),
                "{}",
                s.report
                    .redact_many_units
                    .replace("{n}", &units.len().to_string())
            );
        }
    }
    match &args.output {
        Some(out) => {
            store::fsutil::write_atomic(out, text.as_bytes())?;
            let _ = writeln!(io::stderr(), "{}: {}", s.report.written, out.display());
        }
        None => print(&text)?,
    }
    Ok(print_failures(ctx, &loaded.failed))
}

/// `xuncha demo`: write the sample round into a folder, never over an existing file.
/// `xuncha outline`: the 谈话提纲 for a role, on standard output.
fn outline(ctx: &Ctx, args: &OutlineArgs) -> Result<ExitCode> {
    let catalog = ctx.catalog(None);
    let mut records = Vec::new();
    if let Some(unit) = &args.unit
        && ctx.paths.data_dir.is_dir()
    {
        let loaded = load_all(std::slice::from_ref(&ctx.paths.data_dir), &catalog)?;
        records = loaded
            .ok
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| r.unit == unit.trim())
            .collect();
    }
    let unit_type = args
        .unit_type
        .or_else(|| records.iter().find_map(|r| r.unit_type));
    let OutlineFormat::Md = args.format;
    let text = crate::model::outline::outline(
        &catalog,
        args.role,
        &crate::model::outline::OutlineOptions {
            unit: args.unit.as_deref().unwrap_or(""),
            unit_type,
            records: &records,
        },
    );
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn demo(ctx: &Ctx, args: &DemoArgs) -> Result<ExitCode> {
    let s = ctx.s();
    let now = Timestamp::now();
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => std::env::current_dir()
            .context("current folder")?
            .join(format!("xuncha-demo-{}", now.0.format("%Y%m%d-%H%M%S"))),
    };
    let catalog = ctx.catalog(None);
    let size = usize::try_from(args.size).unwrap_or(crate::model::demo::DEFAULT_SIZE);
    let round = crate::model::demo::demo_round(&catalog, size, now);
    let files: Vec<(PathBuf, &Record)> = round.iter().map(|(n, r)| (dir.join(n), r)).collect();
    if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
        bail!("{}: {}", path.display(), s.demo.exists);
    }
    store::fsutil::create_private_dir(&dir)?;
    for (path, record) in &files {
        store::save_record(path, record)?;
    }
    let shown = shell_word(&dir.display().to_string());
    let (open, close) = match ctx.lang {
        Lang::Zh => ("（", "）："),
        Lang::En => (" (", "): "),
    };
    let mut out = format!(
        "{}{open}{}{close}{}\n\n{}\n",
        s.demo.written,
        s.report
            .counts
            .replace("{records}", &files.len().to_string())
            .replace(
                "{units}",
                &round
                    .iter()
                    .map(|(_, r)| &r.unit)
                    .collect::<std::collections::BTreeSet<_>>()
                    .len()
                    .to_string()
            ),
        dir.display(),
        s.demo.next
    );
    for command in [
        format!("xuncha review {shown}"),
        format!("xuncha status {shown}"),
        format!("xuncha report {shown} --format md"),
        format!("xuncha report {shown} --format md --redact --unit 计算机学院"),
        format!("xuncha report {shown} --format csv -o 巡察底稿.csv"),
    ] {
        out.push_str(&format!("  {command}\n"));
    }
    print(&out)?;
    if !args.no_open && interactive() {
        crate::tui::run_review(
            ctx.tui_options(),
            std::slice::from_ref(&dir),
            crate::model::review::DEFAULT_STALE_DAYS,
            ctx.ahead.take(),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A path as one shell word: as it is when that is safe, else in single quotes.
fn shell_word(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "-_./:+@%,".contains(c) || !c.is_ascii());
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Write to stdout; a closed pipe (`xuncha status | head`) is not an error.
fn print(s: &str) -> Result<()> {
    match io::stdout().lock().write_all(s.as_bytes()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("stdout"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_options_skipped_with_their_value_are_those_that_take_one() {
        let mut taking: Vec<String> = Cli::command()
            .get_arguments()
            .filter(|a| !a.is_positional() && a.get_action().takes_values())
            .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
            .collect();
        taking.sort();
        let mut listed = VALUE_OPTIONS.map(String::from).to_vec();
        listed.sort();
        assert_eq!(taking, listed);
    }

    #[test]
    fn full_screen_commands_are_recognised_from_the_raw_arguments() {
        let wants = |line: &str| {
            let args: Vec<std::ffi::OsString> = line.split_whitespace().map(Into::into).collect();
            wants_terminal(&args)
        };
        for line in [
            "xuncha",
            "xuncha open 记录.toml",
            "xuncha --lang en open x.toml",
            "xuncha --lang=en review",
            "xuncha --data-dir open new 单位",
            "xuncha --checklists review demo /tmp/r",
        ] {
            assert!(wants(line), "{line}");
        }
        for line in [
            "xuncha status",
            "xuncha --lang en report x",
            "xuncha --data-dir review status",
            "xuncha --help",
            "xuncha -V open",
            "xuncha checklists list",
            "xuncha man",
        ] {
            assert!(!wants(line), "{line}");
        }
    }
}
