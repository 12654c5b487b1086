//! Command-line dispatch: one function per subcommand, each calling the store, the model and
//! the reports and printing what they return. The arguments are defined in [`args`]; every
//! sentence printed comes from [`crate::i18n`].

mod args;
pub mod parse;
mod rectify;
mod report;
mod signoff;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use clap::CommandFactory;

pub use args::{
    ChecklistsCommand, Cli, Command, DemoArgs, GroupBy, NewArgs, OutlineArgs, OutlineFormat,
    ReportArgs, ReportFormat,
};

use crate::i18n::{Lang, Strings};
use crate::model::review::DEFAULT_STALE_DAYS;
use crate::model::{Catalog, Diagnostic, Origin, Record, Template, Timestamp};
use crate::store::{self, Paths, Round, StoreError};
use crate::text;

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
    let cli = match parse::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let lang = cli.lang;
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(
                io::stderr(),
                "{}",
                crate::report::sanitize(&(lang.strings().error)(&crate::i18n::any_error(&e, lang)))
            );
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
    crate::tui::run_review(ctx.tui_options(), &paths, stale_days)?;
    Ok(ExitCode::SUCCESS)
}

/// The full-screen interface can run: output to a terminal, keys from one (standard input or
/// `/dev/tty`), and `TERM` not `dumb` ([`crate::tui::terminal_check`]). Otherwise the commands
/// that have one print their plain-text form.
fn interactive() -> bool {
    crate::tui::terminal_check().is_ok()
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

    /// The paths a command reads: those given, else the data folder; `None` when none were
    /// given and the data folder does not exist (there are no records yet).
    fn read_paths(&self, paths: &[PathBuf]) -> Option<Vec<PathBuf>> {
        if !paths.is_empty() {
            Some(paths.to_vec())
        } else if self.paths.data_dir.is_dir() {
            Some(vec![self.paths.data_dir.clone()])
        } else {
            None
        }
    }

    /// The catalog in use; invalid user templates are reported on stderr and skipped.
    fn catalog(&self, dir: Option<&Path>) -> Catalog {
        let (catalog, problems) = store::load_catalog(Some(dir.unwrap_or(&self.user_checklists)));
        report_diagnostics(self.lang, &problems);
        catalog
    }
}

/// Run `cli`.
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
            let file = open_path(&file, &ctx.paths.data_dir);
            crate::tui::run_open(ctx.tui_options(), &file)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Review { paths, stale_days }) => review(&ctx, paths, stale_days),
        Some(Command::Status { paths, stale_days }) => status(&ctx, &paths, stale_days),
        Some(Command::Report(args)) => report::report(&ctx, &args),
        Some(Command::Demo(args)) => demo(&ctx, &args),
        Some(Command::Outline(args)) => outline(&ctx, &args),
        Some(Command::Checklists {
            command: ChecklistsCommand::List { dir },
        }) => checklists_list(&ctx, dir.as_deref()),
        Some(Command::Checklists {
            command: ChecklistsCommand::Check { dir },
        }) => checklists_check(&ctx, dir.as_deref()),
        Some(Command::Findings(args)) => signoff::findings(&ctx, &args),
        Some(Command::Sign(args)) => signoff::sign(&ctx, &args),
        Some(Command::Settle(args)) => signoff::settle(&ctx, &args),
        Some(Command::Round { command }) => signoff::round_milestone(&ctx, &command),
        Some(Command::Rectify { command }) => rectify::run(&ctx, &command),
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

fn report_diagnostics(lang: Lang, diags: &[Diagnostic]) {
    let mut err = io::stderr().lock();
    for d in diags {
        let text = crate::i18n::diagnostic(d, lang);
        let _ = writeln!(err, "{}\n", crate::report::sanitize(&text));
    }
}

/// `xuncha` alone: what this is, the records there are, and what to type next.
fn home(ctx: &Ctx) -> Result<ExitCode> {
    let s = ctx.s();
    let dir = &ctx.paths.data_dir;
    let mut out = format!("{}\n\n{}\n", s.home_intro, (s.records_in)(&dir.display()));
    let mut code = ExitCode::SUCCESS;
    let round = if dir.is_dir() {
        let catalog = ctx.catalog(None);
        let mut round = store::load_round(std::slice::from_ref(dir))?;
        round.carry_replaced(&catalog);
        if !round.is_empty() {
            out.push('\n');
            out.push_str(&status_table(
                ctx,
                &catalog,
                &round,
                false,
                DEFAULT_STALE_DAYS,
            ));
        }
        code = print_failures(ctx, &round.failed);
        round
    } else {
        Round::default()
    };
    if round.is_empty() {
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
            bail!("{}", (s.must_not_be_empty)(label));
        }
    }
    let mut ids = args.checklist_ids.clone();
    if let Some(previous) = &args.follow_up {
        ids.insert(0, rectify::follow_up(ctx, previous, &args.unit)?);
    }
    let catalog = ctx.catalog(None);
    let templates = catalog.for_new_record(&ids).map_err(|id| {
        let ids: Vec<&str> = catalog.templates().map(|t| t.id.as_str()).collect();
        anyhow!("{}", (s.unknown_checklist)(id, &ids.join(", ")))
    })?;
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
    let _ = writeln!(io::stderr(), "{}", s.created);
    print(&format!("{}\n", path.display()))?;
    if !args.no_open && interactive() {
        crate::tui::run_open(ctx.tui_options(), &path)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Each file that did not load, with its error, on stderr; failure if there was any.
fn print_failures(ctx: &Ctx, failed: &[(PathBuf, StoreError)]) -> ExitCode {
    if failed.is_empty() {
        return ExitCode::SUCCESS;
    }
    let mut err = io::stderr().lock();
    for (path, e) in failed {
        let message = format!(
            "{}\n{}\n",
            (ctx.s().failed_to_load)(&path.display()),
            crate::i18n::store_error(e, ctx.lang)
        );
        let _ = writeln!(err, "{}", crate::report::sanitize(&message));
    }
    ExitCode::FAILURE
}

fn status(ctx: &Ctx, paths: &[PathBuf], stale_days: u32) -> Result<ExitCode> {
    let Some(paths) = ctx.read_paths(paths) else {
        print(&format!("{}\n", ctx.s().no_records))?;
        return Ok(ExitCode::SUCCESS);
    };
    let catalog = ctx.catalog(None);
    let mut round = store::load_round(&paths)?;
    round.carry_replaced(&catalog);
    if round.is_empty() {
        print(&format!("{}\n", ctx.s().no_records))?;
    } else if !round.records.is_empty() {
        print(&status_table(ctx, &catalog, &round, true, stale_days))?;
    }
    Ok(print_failures(ctx, &round.failed))
}

/// The completion table of `status` and the home listing ([`crate::report::status`]).
fn status_table(
    ctx: &Ctx,
    catalog: &Catalog,
    round: &Round,
    with_notes: bool,
    stale_days: u32,
) -> String {
    let options = crate::report::StatusOptions {
        lang: ctx.lang,
        now: Timestamp::now(),
        stale_days,
        with_notes,
    };
    crate::report::status(&round.records, catalog, &options)
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
        out.push_str(&(s.cl_valid)(name, &t.id, &t.version, t.item_count()));
        out.push('\n');
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
    // Warnings on the content of the checklists in use: they do not fail the check. (The
    // errors of the files were reported above: the catalog's own list is not repeated.)
    let (in_use, _) = store::load_catalog(Some(folder));
    for warning in in_use.content_warnings() {
        let _ = writeln!(io::stderr(), "{}{warning}", s.cl_warning);
    }
    if bad == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    report_diagnostics(ctx.lang, &errors);
    let _ = writeln!(io::stderr(), "{}", (s.cl_invalid)(bad));
    Ok(ExitCode::FAILURE)
}

/// `xuncha demo`: write the sample round into a folder, never over an existing file.
/// `xuncha outline`: the 谈话提纲 for a role, as Markdown on standard output or into `-o FILE`,
/// or as a DOCX (`--format docx`, into `-o FILE` only); never over a file without `--force`.
fn outline(ctx: &Ctx, args: &OutlineArgs) -> Result<ExitCode> {
    let s = ctx.s();
    if args.format == OutlineFormat::Docx && args.output.is_none() {
        bail!("{}", s.report.docx_needs_output);
    }
    if let Some(out) = &args.output {
        // never over a record, and never over anything without --force
        if out
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
        {
            bail!("{}: {}", out.display(), s.report.refuse_record);
        }
        if !args.force && out.exists() {
            bail!("{}", (s.report.exists)(&out.display()));
        }
    }
    let catalog = ctx.catalog(None);
    let mut records = Vec::new();
    if let Some(unit) = &args.unit
        && ctx.paths.data_dir.is_dir()
    {
        let mut round = store::load_round(std::slice::from_ref(&ctx.paths.data_dir))?;
        round.carry_replaced(&catalog);
        records = round
            .records
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| r.unit == unit.trim())
            .collect();
    }
    let unit_type = args
        .unit_type
        .or_else(|| records.iter().find_map(|r| r.unit_type));
    let outline = crate::model::outline::Outline::build(
        catalog.templates(),
        args.role,
        &crate::model::outline::OutlineOptions {
            unit: args.unit.as_deref().unwrap_or(""),
            unit_type,
            records: &records,
        },
    );
    let bytes = match args.format {
        OutlineFormat::Md => outline.markdown().into_bytes(),
        OutlineFormat::Docx => crate::report::outline_docx(&outline, Timestamp::now()),
    };
    match &args.output {
        Some(out) => {
            store::fsutil::write_atomic(out, &bytes)?;
            let _ = writeln!(io::stderr(), "{}", (s.report.written)(&out.display()));
        }
        None => print(&String::from_utf8_lossy(&bytes))?,
    }
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
    if within(&dir, &ctx.paths.data_dir) {
        bail!("{}: {}", dir.display(), s.demo.data_folder);
    }
    if dir.is_dir() {
        let records = store::find_records(std::slice::from_ref(&dir))?.len();
        if records > 0 {
            bail!("{}: {}", dir.display(), (s.demo.has_records)(records));
        }
    }
    let catalog = ctx.catalog(None);
    let size = usize::try_from(args.size).unwrap_or(crate::model::demo::DEFAULT_SIZE);
    let round = crate::model::demo::sample_round(&catalog, size, now);
    let files: Vec<(PathBuf, &Record)> = round.iter().map(|(n, r)| (dir.join(n), r)).collect();
    if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
        bail!("{}: {}", path.display(), s.demo.exists);
    }
    store::fsutil::create_private_dir(&dir)?;
    for (path, record) in &files {
        store::save_record(path, record)?;
    }
    let shown = shell_word(&dir.display().to_string());
    let units = round
        .iter()
        .map(|(_, r)| &r.unit)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let mut out = format!(
        "{}\n\n{}\n",
        (s.demo.written)(files.len(), units, &dir.display()),
        s.demo.next
    );
    for command in [
        format!("xuncha review {shown}"),
        format!("xuncha status {shown}"),
        format!("xuncha report {shown} --format md"),
        format!("xuncha report {shown} --format docx -o 报告/"),
        // the feedback version needs sign-off and the report to the leading group first
        // (README: "After the interviews")
        format!("xuncha findings {shown}"),
    ] {
        out.push_str(&format!("  {command}\n"));
    }
    print(&out)?;
    if !args.no_open && interactive() {
        // The sample round's folder is the data folder of this review: its findings may be
        // signed there, as a real round's are in the data folder.
        let mut options = ctx.tui_options();
        options.paths.data_dir = dir.clone();
        crate::tui::run_review(
            options,
            std::slice::from_ref(&dir),
            crate::model::review::DEFAULT_STALE_DAYS,
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The file `xuncha open FILE` means: `file` itself when it exists or names a folder; a bare
/// name (`NAME.toml`, no folder part) that is not in the current folder but is in the data
/// folder means the one there.
fn open_path(file: &Path, data_dir: &Path) -> PathBuf {
    let bare = file.components().count() == 1
        && matches!(
            file.components().next(),
            Some(std::path::Component::Normal(_))
        );
    if bare && !file.exists() {
        let there = data_dir.join(file);
        if there.exists() {
            return there;
        }
    }
    file.to_path_buf()
}

/// Whether `dir` is `folder` or inside it, comparing real paths where they exist (a folder
/// not made yet is compared through its nearest existing parent).
fn within(dir: &Path, folder: &Path) -> bool {
    fn real(p: &Path) -> PathBuf {
        let absolute = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut rest = Vec::new();
        let mut base = absolute.as_path();
        loop {
            if let Ok(found) = base.canonicalize() {
                return rest.iter().rev().fold(found, |acc, part| acc.join(part));
            }
            match (base.parent(), base.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    base = parent;
                }
                _ => return absolute,
            }
        }
    }
    real(dir).starts_with(real(folder))
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

    /// A bare name not in the current folder is looked up in the data folder; a name that is
    /// here, a path with a folder part and a name found nowhere stay as they were.
    #[test]
    fn open_looks_for_a_bare_name_in_the_data_folder() {
        let data = tempfile::tempdir().unwrap();
        std::fs::write(data.path().join("第三轮_学院_王五.toml"), "").unwrap();
        let bare = Path::new("第三轮_学院_王五.toml");
        assert_eq!(
            open_path(bare, data.path()),
            data.path().join("第三轮_学院_王五.toml")
        );
        for stays in [
            "./第三轮_学院_王五.toml",
            "无此记录.toml",
            "sub/第三轮_学院_王五.toml",
        ] {
            assert_eq!(open_path(Path::new(stays), data.path()), Path::new(stays));
        }
        // Here (the crate root, the current folder of tests) wins over the data folder.
        std::fs::write(data.path().join("Cargo.toml"), "").unwrap();
        assert_eq!(
            open_path(Path::new("Cargo.toml"), data.path()),
            Path::new("Cargo.toml")
        );
    }

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
