//! `report`: the report draft in every format (Markdown, CSV, XLSX, DOCX), the 问题底稿 and the
//! 问题线索移交清单, on standard output or into files; the feedback version with its gate.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::args::{GroupBy, ReportArgs, ReportFormat};
use super::{Ctx, print, print_failures};
use crate::model::Timestamp;
use crate::store;

/// `xuncha report`: the report draft of every record under the paths, on stdout or into a file.
/// Records that do not load are reported on stderr (exit 1); the report holds the rest.
pub(super) fn report(ctx: &Ctx, args: &ReportArgs) -> Result<ExitCode> {
    let s = ctx.s();
    let paths = if args.paths.is_empty() {
        vec![ctx.paths.data_dir.clone()]
    } else {
        args.paths.clone()
    };
    if args.paths.is_empty() && !ctx.paths.data_dir.is_dir() {
        bail!("{}", s.no_records);
    }
    if args.format == ReportFormat::Xlsx && args.output.is_none() {
        bail!("{}", s.report.xlsx_needs_output);
    }
    let catalog = ctx.catalog(None);
    let mut round = store::load_round(&paths)?;
    round.carry_replaced(&catalog);
    if let Some(out) = &args.output {
        let is_toml = out
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("toml"));
        let target = out.canonicalize().ok();
        let is_input = target.is_some_and(|t| {
            round
                .paths()
                .any(|p| p.canonicalize().is_ok_and(|p| p == t))
        });
        if is_toml || is_input {
            bail!("{}: {}", out.display(), s.report.refuse_record);
        }
    }
    if round.is_empty() {
        bail!("{}", s.no_records);
    }
    let options = crate::report::Options {
        lang: ctx.lang,
        redact: args.redact,
        now: Timestamp::now(),
        stale_days: args.stale_days,
        units: args.units.clone(),
        rounds: args.rounds.clone(),
        signoffs: round.signoffs.clone(),
        group_by: match args.group_by {
            GroupBy::Category => crate::model::review::Grouping::Category,
            GroupBy::Focus => crate::model::review::Grouping::Focus,
        },
    };
    if args.worksheets && args.format != ReportFormat::Docx {
        bail!("{}", s.report.worksheets_need_docx);
    }
    if args.clues && args.redact {
        bail!("{}", ctx.lang.signoff().clues_redacted);
    }
    // A 反馈意见 is of one round: with several in the selection, say which.
    if args.redact
        && args.rounds.is_empty()
        && let Ok(selected) = crate::report::select(&round.records, &options)
    {
        let rounds = super::signoff::rounds_of(&selected);
        if rounds.len() > 1 {
            bail!(
                "{}",
                (ctx.lang.signoff().several_rounds)(&rounds.join(ctx.lang.list_separator()))
            );
        }
    }
    // Fail closed: what a file that did not load holds can be neither shown nor checked.
    if args.redact
        && let Some(code) = super::rectify::refuse_partial(ctx, &round)
    {
        let _ = writeln!(io::stderr(), "{}", s.report.feedback_incomplete);
        return Ok(code);
    }
    if args.clues && !matches!(args.format, ReportFormat::Docx | ReportFormat::Xlsx) {
        bail!("{}", ctx.lang.signoff().clues_format);
    }
    if let Some(out) = &args.output
        && !args.force
        && args.format != ReportFormat::Docx
        && out.exists()
    {
        bail!("{}", (s.report.exists)(&out.display()));
    }
    let made = match args.format {
        ReportFormat::Md => crate::report::markdown(&round.records, &catalog, &options)
            .map(|r| (r.text.into_bytes(), r.left_out))
            .map_err(|e| e.message(ctx.lang)),
        ReportFormat::Csv => crate::report::csv(&round.records, &catalog, &options)
            .map(|r| (r.text.into_bytes(), r.left_out))
            .map_err(|e| e.message(ctx.lang)),
        ReportFormat::Xlsx if args.clues => {
            crate::report::clues_xlsx(&round.records, &catalog, &options)
                .map(|r| (r.bytes, r.left_out))
                .map_err(|e| e.message(ctx.lang))
        }
        ReportFormat::Xlsx => crate::report::xlsx(&round.records, &catalog, &options)
            .map(|r| (r.bytes, r.left_out))
            .map_err(|e| e.message(ctx.lang)),
        ReportFormat::Docx => return report_docx(ctx, args, &round, &catalog, &options),
    };
    // an unknown unit or round, or names in the feedback version: nothing is written
    let (bytes, left_out) = match made {
        Ok(made) => made,
        Err(message) => {
            let _ = writeln!(
                io::stderr(),
                "{}",
                crate::report::sanitize(&(s.error)(&message))
            );
            print_failures(ctx, &round.failed);
            return Ok(ExitCode::FAILURE);
        }
    };
    if !left_out.is_empty() {
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "{}", s.report.left_out);
        for l in &left_out {
            let _ = writeln!(err, "  {}", l.line(ctx.lang));
        }
    }
    if args.redact {
        let selected = crate::report::select(&round.records, &options).unwrap_or_default();
        let mut units: Vec<(&str, &str)> = selected
            .iter()
            .map(|(_, r)| (r.round.as_str(), r.unit.as_str()))
            .collect();
        units.sort_unstable();
        units.dedup();
        if units.len() > 1 {
            let _ = writeln!(
                io::stderr(),
                "{}",
                (s.report.redact_many_units)(units.len())
            );
        }
    }
    match &args.output {
        Some(out) => {
            store::fsutil::write_atomic(out, &bytes)?;
            let _ = writeln!(io::stderr(), "{}", (s.report.written)(&out.display()));
        }
        None => print(&String::from_utf8_lossy(&bytes))?,
    }
    Ok(print_failures(ctx, &round.failed))
}

/// `xuncha report --format docx`: one document per unit, into `-o FILE` (one unit) or
/// `-o DIR` (a folder, made if missing: `计算机学院-巡察报告.docx` …). Nothing is written when
/// any target exists without `--force`, or when the feedback version is refused.
fn report_docx(
    ctx: &Ctx,
    args: &ReportArgs,
    round: &store::Round,
    catalog: &crate::model::Catalog,
    options: &crate::report::Options,
) -> Result<ExitCode> {
    let s = ctx.s();
    let Some(out) = &args.output else {
        bail!("{}", s.report.docx_needs_output);
    };
    let made = if args.clues {
        crate::report::clues_docx(&round.records, catalog, options)
    } else if args.worksheets {
        crate::report::worksheets(&round.records, catalog, options)
    } else {
        let d = crate::report::DocxOptions {
            recipient: args.recipient.clone(),
            deadline: args.deadline.clone(),
        };
        crate::report::docx(&round.records, catalog, options, &d)
    };
    let report = match made {
        Ok(report) => report,
        Err(e) => {
            let _ = writeln!(
                io::stderr(),
                "{}",
                crate::report::sanitize(&(s.error)(&e.message(ctx.lang)))
            );
            print_failures(ctx, &round.failed);
            return Ok(ExitCode::FAILURE);
        }
    };
    if !report.left_out.is_empty() {
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "{}", s.report.left_out);
        for l in &report.left_out {
            let _ = writeln!(err, "  {}", l.line(ctx.lang));
        }
    }
    let to_dir = out.is_dir()
        || out
            .as_os_str()
            .to_string_lossy()
            .ends_with(std::path::MAIN_SEPARATOR)
        || out.extension().is_none();
    if !to_dir && report.files.len() > 1 {
        bail!("{}", (s.report.docx_needs_dir)(report.files.len()));
    }
    let targets: Vec<(PathBuf, &crate::report::DocxFile)> = report
        .files
        .iter()
        .map(|f| {
            let path = if to_dir {
                out.join(f.file_name(report.several_rounds))
            } else {
                out.clone()
            };
            (path, f)
        })
        .collect();
    if !args.force
        && let Some((path, _)) = targets.iter().find(|(p, _)| p.exists())
    {
        bail!("{}", (s.report.exists)(&path.display()));
    }
    if to_dir {
        store::fsutil::create_private_dir(out)?;
    }
    for (path, f) in &targets {
        store::fsutil::write_atomic(path, &f.bytes)?;
        let _ = writeln!(io::stderr(), "{}", (s.report.written)(&path.display()));
    }
    Ok(print_failures(ctx, &round.failed))
}
