//! `rectify export|import|status` (the 整改台账 out to the unit and back) and the 回头看 part of
//! `new --follow-up`. The rows are the unit's fed-back findings (`report::ledger`); the ledger
//! file is a round file of the data folder (`store::signoff`). Rules in `docs/REPORT.md`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Subcommand;

use super::{Ctx, print};
use crate::model::day::Day;
use crate::model::ledger::{Ledger, LedgerItem, status_order};
use crate::model::{Catalog, Timestamp};
use crate::report::ledger::{self, FedBackLedger, ImportNote, LedgerError, ReadError};
use crate::report::sanitize;
use crate::store::signoff::{RoundFileKind, ledger_path, round_file_kind, update_file};
use crate::store::{self, Round};
use crate::text;

/// `xuncha rectify`.
#[derive(Debug, Subcommand)]
pub enum RectifyCommand {
    /// 导出单位的整改台账（XLSX），供被巡察单位填写 (write a unit's rectification ledger)
    ///
    /// 每个已反馈的问题一行；巡察组填写的列锁定，其余列由单位填写 (one row per finding fed
    /// back to the unit; the columns filled in here are locked, the unit fills in the rest).
    Export {
        /// 被巡察单位 (the unit)
        #[arg(long, value_name = "UNIT")]
        unit: String,
        /// 轮次，记录中有多个轮次时必填 (the round; needed when the records hold several)
        #[arg(long, value_name = "ROUND")]
        round: Option<String>,
        /// 写入的 .xlsx 文件（权限 0600） (the .xlsx file to write, mode 0600)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// 覆盖已存在的文件 (overwrite an existing file)
        #[arg(long)]
        force: bool,
    },
    /// 导入单位填好的整改台账 (read a unit's filled-in ledger back)
    ///
    /// 有任何无法识别的单元格时，整份不导入 (any cell it cannot take and nothing is imported).
    Import {
        /// 单位填好的 .xlsx 文件 (the filled-in .xlsx file)
        file: PathBuf,
    },
    /// 整改进展一览，逾期在前 (the ledger items, overdue first)
    Status {
        /// 只列该单位 (only this unit)
        #[arg(long, value_name = "UNIT")]
        unit: Option<String>,
        /// 只列该轮次 (only this round)
        #[arg(long, value_name = "ROUND")]
        round: Option<String>,
    },
}

/// Run a `rectify` command.
pub(super) fn run(ctx: &Ctx, command: &RectifyCommand) -> Result<ExitCode> {
    match command {
        RectifyCommand::Export {
            unit,
            round,
            output,
            force,
        } => export(ctx, unit, round.as_deref(), output, *force),
        RectifyCommand::Import { file } => import(ctx, file),
        RectifyCommand::Status { unit, round } => status(ctx, unit.as_deref(), round.as_deref()),
    }
}

/// The data folder's round, replaced items carried over.
fn load(ctx: &Ctx) -> Result<(Round, Catalog)> {
    if !ctx.paths.data_dir.is_dir() {
        bail!("{}", ctx.s().no_records);
    }
    let catalog = ctx.catalog(None);
    let mut round = store::load_round(std::slice::from_ref(&ctx.paths.data_dir))?;
    round.carry_replaced(&catalog);
    Ok((round, catalog))
}

/// Nothing is exported, imported or followed up while a record, a sign-off or a leader file
/// does not load: the fed-back findings would be missing some of their content. (A broken
/// ledger of another unit does not matter here; the unit's own is refused when written.)
pub(super) fn refuse_partial(ctx: &Ctx, round: &Round) -> Option<ExitCode> {
    failures(ctx, round, |kind| kind != Some(RoundFileKind::Ledger))
}

/// Print the files of `round` that did not load and whose kind `pick` takes, as
/// [`print_failures`] does; failure when there was any.
fn failures(
    ctx: &Ctx,
    round: &Round,
    pick: impl Fn(Option<RoundFileKind>) -> bool,
) -> Option<ExitCode> {
    let mut any = false;
    let mut err = io::stderr().lock();
    for (path, e) in round
        .failed
        .iter()
        .filter(|(p, _)| pick(round_file_kind(p)))
    {
        any = true;
        let message = format!(
            "{}\n{}\n",
            (ctx.s().failed_to_load)(&path.display()),
            crate::i18n::store_error(e, ctx.lang)
        );
        let _ = writeln!(err, "{}", sanitize(&message));
    }
    any.then_some(ExitCode::FAILURE)
}

/// The fed-back ledger of `unit` in `round` (the round's ledger file pre-filling the rows).
fn fed_back(
    round: &Round,
    catalog: &Catalog,
    name: &str,
    unit: &str,
) -> Result<FedBackLedger, LedgerError> {
    let existing = round
        .ledgers
        .iter()
        .map(|(_, l)| l)
        .find(|l| l.round == name && l.unit == unit.trim());
    ledger::fed_back(
        &round.records,
        catalog,
        &round.signoffs,
        name,
        unit,
        Timestamp::now(),
        existing,
    )
}

fn left_out_lines(ctx: &Ctx, sheet: &FedBackLedger) {
    if sheet.left_out.is_empty() {
        return;
    }
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", ctx.s().report.left_out);
    for l in &sheet.left_out {
        let _ = writeln!(err, "  {}", l.line(ctx.lang));
    }
}

fn export(
    ctx: &Ctx,
    unit: &str,
    wanted: Option<&str>,
    output: &Path,
    force: bool,
) -> Result<ExitCode> {
    let s = ctx.s();
    if output
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
    {
        bail!(
            "{}",
            (ctx.lang.rectify().file_error)(&output.display(), ctx.lang.rectify().not_toml)
        );
    }
    let (round, catalog) = load(ctx)?;
    if let Some(code) = refuse_partial(ctx, &round) {
        return Ok(code);
    }
    let name = super::signoff::pick_round(ctx, &round, wanted)?;
    let sheet = match fed_back(&round, &catalog, &name, unit) {
        Ok(sheet) => sheet,
        Err(e) => bail!("{}", e.message(ctx.lang)),
    };
    if !force && output.exists() {
        bail!("{}", (s.report.exists)(&output.display()));
    }
    let bytes = ledger::write::workbook(&sheet, ctx.lang, Timestamp::now())
        .map_err(|e| anyhow::anyhow!("{}", sanitize(&e.to_string())))?;
    if force {
        store::fsutil::write_atomic(output, &bytes)?;
    } else {
        match store::fsutil::write_new(output, &bytes) {
            Err(e) if e.already_exists() => {
                bail!("{}", (s.report.exists)(&output.display()))
            }
            r => r?,
        }
    }
    left_out_lines(ctx, &sheet);
    let _ = writeln!(
        io::stderr(),
        "{}",
        sanitize(&(ctx.lang.rectify().exported)(
            sheet.rows.len(),
            &output.display()
        ))
    );
    Ok(ExitCode::SUCCESS)
}

fn import(ctx: &Ctx, file: &Path) -> Result<ExitCode> {
    let r = ctx.lang.rectify();
    let bytes = store::fsutil::read_limited(file, store::records::RECORD_LIMIT)?;
    // the cells that cannot be taken, one per line under the file; or one sentence
    let refuse = |cells: &[ledger::CellError], message: Option<String>| -> Result<ExitCode> {
        let mut err = io::stderr().lock();
        let head = match message {
            Some(m) => (ctx.s().error)(&m),
            None => (ctx.s().error)(&(r.cells_refused)(&file.display())),
        };
        let _ = writeln!(err, "{}", sanitize(&head));
        for c in cells {
            let _ = writeln!(err, "  {}", sanitize(&c.message(ctx.lang)));
        }
        let _ = writeln!(err, "{}", r.nothing_imported);
        Ok(ExitCode::FAILURE)
    };
    let sheet = match ledger::read::read(&bytes) {
        Ok(sheet) => sheet,
        Err(ReadError::Cells(cells)) => return refuse(&cells, None),
        Err(e) => bail!("{}", (r.file_error)(&file.display(), &e.message(ctx.lang))),
    };
    let (round, catalog) = load(ctx)?;
    if let Some(code) = refuse_partial(ctx, &round) {
        return Ok(code);
    }
    let name = super::signoff::pick_round(ctx, &round, Some(&sheet.round))?;
    let fed = match fed_back(&round, &catalog, &name, &sheet.unit) {
        Ok(fed) => fed,
        Err(e) => bail!("{}", e.message(ctx.lang)),
    };
    let (items, notes) = match ledger::items_from(&fed, &sheet, Timestamp::now()) {
        Ok(v) => v,
        Err(cells) => return refuse(&cells, None),
    };
    let path = ledger_path(&ctx.paths.data_dir, &fed.round, &fed.unit);
    let count = items.len();
    let (round_name, unit) = (fed.round.clone(), fed.unit.clone());
    let shown = path.display().to_string();
    let written = update_file(
        &path,
        || Ledger::new(&round_name, &unit),
        Ledger::parse,
        Ledger::to_toml,
        |l| {
            if l.round != fed.round || l.unit != fed.unit {
                return Err((r.ledger_mismatch)(&shown, &l.round, &l.unit));
            }
            let blanked = ledger::blanked(l, &items);
            if !blanked.is_empty() {
                let cells: Vec<String> = blanked
                    .iter()
                    .map(|(n, c)| (r.blank_cell)(*n, c.label(ctx.lang)))
                    .collect();
                return Err((r.would_blank)(&cells.join(ctx.lang.list_separator())));
            }
            l.merge(items);
            Ok(())
        },
    )?;
    if let Err(message) = written {
        return refuse(&[], Some(message));
    }
    let mut out = String::new();
    let mut err = io::stderr().lock();
    for n in &notes {
        let line = match n {
            ImportNote::Changed { number, key } => (r.note_changed)(*number, key),
            ImportNote::NoRow { number, key } => (r.note_no_row)(*number, key),
            // a warning on a row the unit wrote: on stderr, one per row
            ImportNote::DeadlineBeforeFeedback {
                number,
                key,
                deadline,
                fed_back,
            } => {
                let line = (r.note_deadline_early)(*number, key, deadline, fed_back);
                let _ = writeln!(err, "{}", sanitize(&line));
                continue;
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
    drop(err);
    out.push_str(&(r.imported)(count, &path.display()));
    out.push('\n');
    print(&sanitize(&out))?;
    Ok(ExitCode::SUCCESS)
}

/// Today in the local time zone.
fn today() -> Day {
    Day::of(Timestamp::now())
}

fn status(ctx: &Ctx, unit: Option<&str>, wanted: Option<&str>) -> Result<ExitCode> {
    let r = ctx.lang.rectify();
    if !ctx.paths.data_dir.is_dir() {
        print(&format!("{}\n", r.no_ledgers))?;
        return Ok(ExitCode::SUCCESS);
    }
    let round = store::load_round(std::slice::from_ref(&ctx.paths.data_dir))?;
    // a unit no record has is an error that lists those there are, as for `report --unit`
    if let Some(u) = unit.map(str::trim)
        && !round.records.iter().any(|(_, rec)| rec.unit == u)
    {
        let mut units: Vec<&str> = round
            .records
            .iter()
            .map(|(_, rec)| rec.unit.as_str())
            .collect();
        units.sort_by_cached_key(|u| crate::model::collate::sort_key(u));
        units.dedup();
        bail!(
            "{}",
            (ctx.lang.signoff().unknown_unit)(u, &units.join(ctx.lang.list_separator()))
        );
    }
    let today = today();
    let mut items: Vec<(&Ledger, &LedgerItem)> = round
        .ledgers
        .iter()
        .map(|(_, l)| l)
        .filter(|l| unit.is_none_or(|u| l.unit == u.trim()))
        .filter(|l| wanted.is_none_or(|w| l.round == w.trim()))
        .flat_map(|l| l.items.iter().map(move |i| (l, i)))
        .collect();
    items.sort_by(|a, b| status_order((&a.0.unit, a.1), (&b.0.unit, b.1), today));
    let mut rounds: Vec<&str> = items.iter().map(|(l, _)| l.round.as_str()).collect();
    rounds.sort_unstable();
    rounds.dedup();
    let several = rounds.len() > 1;
    let mut out = String::new();
    if items.is_empty() {
        out.push_str(r.no_ledgers);
        out.push('\n');
    } else {
        let mut header = Vec::new();
        if several {
            header.push(r.col_round.to_string());
        }
        header.extend(
            [
                r.col_unit,
                r.col_number,
                r.col_problem,
                r.col_deadline,
                r.col_type,
                r.col_progress,
                r.col_overdue,
            ]
            .map(String::from),
        );
        let mut rows = vec![header];
        for (l, i) in &items {
            let mut row = Vec::new();
            if several {
                row.push(l.round.clone());
            }
            row.extend([
                l.unit.clone(),
                i.number.to_string(),
                text::truncate(&i.problem.replace('\n', " "), 36),
                i.deadline
                    .map_or_else(|| "—".to_string(), |d| d.to_string()),
                i.kind.map_or("—", |k| k.label(ctx.lang)).to_string(),
                i.progress.map_or("—", |p| p.label(ctx.lang)).to_string(),
                i.overdue_days(today)
                    .map(|n| (r.overdue_days)(n))
                    .unwrap_or_default(),
            ]);
            rows.push(row);
        }
        out.push_str(&text::table(&rows, 40));
        let done = items
            .iter()
            .filter(|(_, i)| i.progress == Some(crate::model::ledger::Progress::Done))
            .count();
        let late = items
            .iter()
            .filter(|(_, i)| i.overdue_days(today).is_some())
            .count();
        out.push_str(&(r.status_summary)(items.len(), done, late));
        out.push('\n');
    }
    print(&sanitize(&out))?;
    Ok(
        failures(ctx, &round, |kind| kind == Some(RoundFileKind::Ledger))
            .unwrap_or(ExitCode::SUCCESS),
    )
}

/// 回头看 for `new --follow-up PREVIOUS --unit U`: write (or keep, when unchanged) the unit's
/// follow-up template into the user's checklist folder and return its id. Refused when the
/// previous round has no fed-back findings for the unit.
pub(super) fn follow_up(ctx: &Ctx, previous: &str, unit: &str) -> Result<String> {
    let r = ctx.lang.rectify();
    let (round, catalog) = load(ctx)?;
    if refuse_partial(ctx, &round).is_some() {
        bail!("{}", r.not_loaded);
    }
    let name = super::signoff::pick_round(ctx, &round, Some(previous))?;
    let fed = match fed_back(&round, &catalog, &name, unit) {
        Ok(fed) => fed,
        Err(e) => bail!(
            "{}",
            (r.follow_up_refused)(&name, unit.trim(), &e.message(ctx.lang))
        ),
    };
    let existing = round
        .ledgers
        .iter()
        .map(|(_, l)| l)
        .find(|l| l.round == fed.round && l.unit == fed.unit);
    let text =
        crate::model::followup::template_toml(&fed.round, &fed.unit, &fed.problems(), existing)?;
    let id = crate::model::followup::template_id(&fed.round, &fed.unit);
    let title = crate::model::Template::parse("follow-up", &text)
        .map(|t| t.title)
        .unwrap_or_default();
    if let Some(other) = catalog.get(&id)
        && other.title != title
    {
        bail!("{}", (r.follow_up_clash)(&id, &other.title));
    }
    let path = ctx.user_checklists.join(format!("{id}.toml"));
    if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
        let _ = writeln!(
            io::stderr(),
            "{}",
            sanitize(&(r.follow_up_same)(&id, &path.display()))
        );
        return Ok(id);
    }
    store::fsutil::create_private_dir(&ctx.user_checklists)?;
    store::fsutil::write_atomic(&path, text.as_bytes())?;
    let _ = writeln!(
        io::stderr(),
        "{}",
        sanitize(&(r.follow_up_written)(&id, fed.rows.len(), &path.display()))
    );
    Ok(id)
}
