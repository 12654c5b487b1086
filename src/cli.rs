//! Command-line parsing (clap) and dispatch. No domain logic lives here.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{CommandFactory, Parser, Subcommand};

use crate::i18n::{Lang, Strings};
use crate::model::{Catalog, Diagnostic, Origin, Record, RecordSummary, Template, Timestamp};
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
    /// 各记录完成情况一览 (plain-text completion summary of records)
    Status {
        /// 记录文件或目录，默认为巡察记录目录 (record files or folders; default: the data folder)
        paths: Vec<PathBuf>,
    },
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
    /// 使用的清单编号，可重复；默认全部内置清单 (checklist id, repeatable; default: all built-in)
    #[arg(long = "checklist", value_name = "ID")]
    pub checklist_ids: Vec<String>,
    /// 只创建，不打开 (create only, do not open)
    #[arg(long)]
    pub no_open: bool,
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

/// Parse the command line and run it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(io::stderr(), "{}: {e:#}", lang.strings().error);
            ExitCode::FAILURE
        }
    }
}

/// Everything a command needs from the environment.
struct Ctx {
    lang: Lang,
    paths: Paths,
    /// `--checklists`, else the config folder's `checklists/`.
    user_checklists: PathBuf,
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

pub fn run(cli: Cli) -> Result<ExitCode> {
    let config_dir = std::env::var_os("XUNCHA_CONFIG_DIR").map(PathBuf::from);
    let paths = Paths::resolve(cli.data_dir, config_dir);
    let ctx = Ctx {
        lang: cli.lang,
        user_checklists: cli.checklists.unwrap_or_else(|| paths.user_checklists()),
        paths,
    };
    match cli.command {
        None if interactive() => {
            crate::tui::run_home(ctx.tui_options())?;
            Ok(ExitCode::SUCCESS)
        }
        None => home(&ctx),
        Some(Command::New(args)) => new(&ctx, &args),
        Some(Command::Open { file }) => {
            crate::tui::run_open(ctx.tui_options(), &file)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Status { paths }) => status(&ctx, &paths),
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
        let loaded = load_all(&[dir])?;
        if loaded.ok.is_empty() && loaded.failed.is_empty() {
            out.push_str(s.no_records);
            out.push('\n');
        } else {
            out.push('\n');
            out.push_str(&status_table(ctx, &catalog, &loaded.ok, false));
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
    let record = Record::new(
        &args.unit,
        &args.round,
        &args.group,
        &args.inspector,
        &templates,
        Timestamp::now(),
    );
    let path = store::create_record(&ctx.paths.data_dir, &record)?;
    let _ = writeln!(io::stderr(), "{}:", s.created);
    print(&format!("{}\n", path.display()))?;
    if !args.no_open && interactive() {
        crate::tui::run_open(ctx.tui_options(), &path)?;
    }
    Ok(ExitCode::SUCCESS)
}

struct Loaded {
    ok: Vec<(PathBuf, Record)>,
    failed: Vec<(PathBuf, String)>,
}

fn load_all(paths: &[PathBuf]) -> Result<Loaded> {
    let files = store::find_records(paths)?;
    let mut loaded = Loaded {
        ok: Vec::new(),
        failed: Vec::new(),
    };
    for path in files {
        match store::load_record(&path) {
            Ok(r) => loaded.ok.push((path, r)),
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

fn status(ctx: &Ctx, paths: &[PathBuf]) -> Result<ExitCode> {
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
    let loaded = load_all(&paths)?;
    if loaded.ok.is_empty() && loaded.failed.is_empty() {
        print(&format!("{}\n", ctx.s().no_records))?;
    } else if !loaded.ok.is_empty() {
        print(&status_table(ctx, &catalog, &loaded.ok, true))?;
    }
    Ok(print_failures(ctx, &loaded.failed))
}

/// The completion table shared by `status` and the home listing.
fn status_table(
    ctx: &Ctx,
    catalog: &Catalog,
    records: &[(PathBuf, Record)],
    with_notes: bool,
) -> String {
    let s = ctx.s();
    let summaries: Vec<RecordSummary> = records
        .iter()
        .map(|(_, r)| RecordSummary::of(r, catalog))
        .collect();
    // Columns: the templates used by any record, in catalog order, then unknown ones.
    let mut columns: Vec<(String, String)> = catalog
        .templates()
        .filter(|t| {
            records
                .iter()
                .any(|(_, r)| r.templates.iter().any(|x| x.id == t.id))
        })
        .map(|t| (t.id.clone(), t.title.clone()))
        .collect();
    for (_, r) in records {
        for t in &r.templates {
            if !columns.iter().any(|(id, _)| id == &t.id) {
                columns.push((t.id.clone(), t.id.clone()));
            }
        }
    }
    let mut header = vec![
        s.unit.to_string(),
        s.round.to_string(),
        s.inspector.to_string(),
    ];
    header.extend(columns.iter().map(|(_, title)| title.clone()));
    header.extend([
        s.total.to_string(),
        s.problems.to_string(),
        s.doubts.to_string(),
        s.last_change.to_string(),
    ]);
    let mut rows = vec![header];
    let mut notes = String::new();
    for ((path, r), sum) in records.iter().zip(&summaries) {
        let mut row = vec![r.unit.clone(), r.round.clone(), r.inspector.clone()];
        for (id, _) in &columns {
            row.push(match sum.per_template.iter().find(|p| &p.id == id) {
                None => "-".to_string(),
                Some(p) if p.missing => "?".to_string(),
                Some(p) => format!("{}/{} {}%", p.done, p.total, p.percent()),
            });
        }
        row.push(format!("{}/{} {}%", sum.done, sum.total, sum.percent()));
        row.push(sum.problems.to_string());
        row.push(sum.doubts.to_string());
        row.push(r.updated.to_string());
        rows.push(row);
        if with_notes {
            if sum.orphans > 0 {
                notes.push_str(&format!(
                    "{}: {} {}\n",
                    path.display(),
                    sum.orphans,
                    s.orphans
                ));
            }
            for p in sum.per_template.iter().filter(|p| p.missing) {
                notes.push_str(&format!(
                    "{}: {} `{}`\n",
                    path.display(),
                    s.missing_template,
                    p.id
                ));
            }
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
                Ok(t) => good(&mut out, &format!("<built-in>/{name}"), &t),
                Err(mut d) => {
                    bad += 1;
                    errors.append(&mut d);
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
    if bad == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    report_diagnostics(&errors);
    let _ = writeln!(io::stderr(), "{bad} {}", s.cl_invalid);
    Ok(ExitCode::FAILURE)
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
}
