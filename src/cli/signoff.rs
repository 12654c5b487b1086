//! `findings`, `sign`, `settle` and `round`: the 问题底稿's sign-off chain, the leader's
//! settlements and the round's milestones, kept in the round files of the data folder
//! (`store::signoff`). Rules in `model::signoff` and `docs/REPORT.md`.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::args::{FindingsArgs, RoundCommand, SettleArgs, SignArgs};
use super::{Ctx, print, print_failures};
use crate::i18n::Lang;
use crate::model::day::Day;
use crate::model::review::{Review, ReviewOptions};
use crate::model::signoff::{FedBack, FindingSign, Milestone, Refusal, Step, entry_title};
use crate::model::{Catalog, Record, Timestamp, collate};
use crate::report::sanitize;
use crate::store::signing::RoundState;
use crate::store::signoff::{leader_path, update_leader};
use crate::store::{self, Round};
use crate::text;

/// Read the records and round files under `paths` (default: the data folder).
fn load(ctx: &Ctx, paths: &[PathBuf]) -> Result<(Round, Catalog)> {
    let Some(paths) = ctx.read_paths(paths) else {
        bail!("{}", ctx.s().no_records);
    };
    let catalog = ctx.catalog(None);
    let mut round = store::load_round(&paths)?;
    round.carry_replaced(&catalog);
    if round.records.is_empty() && round.failed.is_empty() {
        bail!("{}", ctx.s().no_records);
    }
    Ok((round, catalog))
}

/// The rounds of the records, in reading order.
pub(super) fn rounds_of(records: &[(PathBuf, Record)]) -> Vec<String> {
    let mut rounds: Vec<String> = records.iter().map(|(_, r)| r.round.clone()).collect();
    rounds.sort_by_cached_key(|r| collate::sort_key(r));
    rounds.dedup();
    rounds
}

/// `wanted`, when the records have it, or the only round there is.
pub(super) fn pick_round(ctx: &Ctx, round: &Round, wanted: Option<&str>) -> Result<String> {
    let s = ctx.lang.signoff();
    let rounds = rounds_of(&round.records);
    let list = rounds.join(ctx.lang.list_separator());
    match wanted.map(str::trim) {
        Some(w) if rounds.iter().any(|r| r == w) => Ok(w.to_string()),
        Some(w) => bail!("{}", (s.unknown_round)(w, &list)),
        None => match rounds.as_slice() {
            [only] => Ok(only.clone()),
            [] => bail!("{}", ctx.s().no_records),
            _ => bail!("{}", (s.several_rounds)(&list)),
        },
    }
}

/// `--signer` as it is kept (trimmed), or why it is refused, in the interface's language.
fn checked<'a>(ctx: &Ctx, signer: &'a str) -> Result<&'a str> {
    crate::model::signoff::checked_signer(signer)
        .map_err(|p| anyhow::anyhow!(crate::i18n::signoff::signer_problem(p, ctx.lang)))
}

/// Nothing may be signed or settled on a round of which a record did not load: its content
/// would be missing from the findings (and from their hashes).
fn refuse_partial(ctx: &Ctx, round: &Round) -> Option<ExitCode> {
    (!round.failed.is_empty()).then(|| print_failures(ctx, &round.failed))
}

/// `xuncha findings`: per round, each finding's key, 编号, title, the three steps and marks.
pub(super) fn findings(ctx: &Ctx, args: &FindingsArgs) -> Result<ExitCode> {
    let (round, catalog) = load(ctx, &args.paths)?;
    let options = crate::report::Options {
        units: args.units.clone(),
        rounds: args.rounds.clone(),
        ..crate::report::Options::new(ctx.lang, false, Timestamp::now())
    };
    let selected = match crate::report::select(&round.records, &options) {
        Ok(s) => s.into_owned(),
        Err(e) => bail!("{}", e.message(ctx.lang)),
    };
    let review = Review::build(&selected, &catalog, &ReviewOptions::new(Timestamp::now()));
    let states = round.signoffs.state(&review, &selected);
    let mut out = String::new();
    let s = ctx.lang.signoff();
    if states.is_empty() {
        out.push_str(s.no_findings);
        out.push('\n');
    }
    for name in rounds_of(&selected) {
        let of: Vec<&FindingSign> = states.iter().filter(|f| f.round == name).collect();
        if of.is_empty() {
            continue;
        }
        out.push_str(&format!("{name}\n"));
        let mut rows = vec![vec![
            s.key.to_string(),
            s.number.to_string(),
            s.title.to_string(),
            Step::Draft.label(ctx.lang).to_string(),
            Step::Check.label(ctx.lang).to_string(),
            Step::Approve.label(ctx.lang).to_string(),
            s.marks.to_string(),
        ]];
        for f in &of {
            rows.push(finding_row(ctx, &review, f));
        }
        // keys whole: they are what `sign` is given
        out.push_str(&text::table(&rows, 120));
        let approved = of.iter().filter(|f| f.approved()).count();
        out.push_str(&(s.summary)(of.len(), approved));
        out.push_str("\n\n");
    }
    print(&sanitize(out.trim_end()))?;
    print("\n")?;
    Ok(print_failures(ctx, &round.failed))
}

fn finding_row(ctx: &Ctx, review: &Review, f: &FindingSign) -> Vec<String> {
    let s = ctx.lang.signoff();
    let entry = &review.entries[f.entry];
    let rows: Vec<_> = entry
        .findings
        .iter()
        .filter_map(|&i| review.findings.get(i))
        .collect();
    let number = rows
        .iter()
        .map(|r| r.finding.number.trim())
        .find(|n| !n.is_empty())
        .unwrap_or("-");
    let title = entry_title(review, entry);
    let mut marks: Vec<String> = Vec::new();
    if entry.status == crate::model::Status::Doubt {
        marks.push(s.doubt.to_string());
    }
    if entry.disputed {
        marks.push(
            if f.confirmed() {
                s.confirmed
            } else if f.dismissed() {
                s.dismissed
            } else {
                s.disputed
            }
            .to_string(),
        );
        if f.settlement_changed && f.settlement.is_none() {
            marks.push(s.settlement_changed.to_string());
        }
    }
    for r in &rows {
        if r.finding.transfer {
            let to = r
                .finding
                .receiver_label(ctx.lang)
                .unwrap_or_else(|| s.receiver_undecided.to_string());
            let colon = match ctx.lang {
                crate::i18n::Lang::Zh => "：",
                crate::i18n::Lang::En => ": ",
            };
            marks.push(format!("{}{colon}{to}", s.transfer));
        }
        if r.finding.leading_cadre {
            marks.push(s.leading_cadre.to_string());
        }
    }
    marks.dedup();
    vec![
        f.key.clone(),
        number.to_string(),
        text::truncate(title, 30),
        f.step(Step::Draft).label(ctx.lang),
        f.step(Step::Check).label(ctx.lang),
        f.step(Step::Approve).label(ctx.lang),
        marks.join(ctx.lang.list_separator()),
    ]
}

/// `xuncha sign KEY... --step S --signer NAME`: every key is checked first; one refusal and
/// nothing is recorded. Then all are added to the signer's file in one durable save.
pub(super) fn sign(ctx: &Ctx, args: &SignArgs) -> Result<ExitCode> {
    let signer = checked(ctx, &args.signer)?;
    let (round, catalog) = load(ctx, &[])?;
    if let Some(code) = refuse_partial(ctx, &round) {
        return Ok(code);
    }
    let name = match pick_round(ctx, &round, args.round.as_deref()) {
        Ok(n) => n,
        // several rounds: say which ones hold each key
        Err(_) if args.round.is_none() => {
            return refuse_ambiguous(ctx, &round, &catalog, &args.keys);
        }
        Err(e) => return Err(e),
    };
    let signed = crate::store::signing::sign(
        &ctx.paths.data_dir,
        &round,
        &catalog,
        &name,
        &args.keys,
        args.step,
        signer,
        Timestamp::now(),
    )?;
    let crate::store::signing::Signed { path, keys } = match signed {
        Ok(done) => done,
        Err(refusals) => return Ok(refuse(ctx, &refusals, ctx.lang.signoff().none_signed)),
    };
    let st = ctx.lang.signoff();
    let mut out = String::new();
    for key in &keys {
        out.push_str(&(st.signed)(key, args.step));
        out.push('\n');
    }
    out.push_str(&(st.saved)(&path.display()));
    out.push('\n');
    print(&sanitize(&out))?;
    Ok(ExitCode::SUCCESS)
}

/// Several rounds and no `--round`: each key says which rounds hold it.
fn refuse_ambiguous(
    ctx: &Ctx,
    round: &Round,
    catalog: &Catalog,
    keys: &[String],
) -> Result<ExitCode> {
    let mut holders: Vec<(String, Vec<String>)> = keys
        .iter()
        .map(|k| (k.trim().to_string(), vec![]))
        .collect();
    for name in rounds_of(&round.records) {
        let state = RoundState::of(round, catalog, &name, Timestamp::now());
        for (key, rounds) in &mut holders {
            if state.find(key).is_some() {
                rounds.push(name.clone());
            }
        }
    }
    let refusals: Vec<Refusal> = holders
        .into_iter()
        .map(|(key, rounds)| match rounds.len() {
            0 => Refusal::UnknownKey { key },
            _ => Refusal::AmbiguousRound { key, rounds },
        })
        .collect();
    Ok(refuse(ctx, &refusals, ctx.lang.signoff().none_signed))
}

/// Each refusal on stderr, then `closing` (that nothing was recorded); failure.
fn refuse(ctx: &Ctx, refusals: &[Refusal], closing: &str) -> ExitCode {
    let mut err = io::stderr().lock();
    for r in refusals {
        let line = crate::i18n::signoff::refusal(r, ctx.lang);
        let _ = writeln!(err, "{}", sanitize(&(ctx.s().error)(&line)));
    }
    let _ = writeln!(err, "{closing}");
    ExitCode::FAILURE
}

/// `xuncha settle KEY --decision D --reason R --signer NAME`: into the leader's file.
pub(super) fn settle(ctx: &Ctx, args: &SettleArgs) -> Result<ExitCode> {
    let st = ctx.lang.signoff();
    let reason = args.reason.trim();
    if reason.is_empty() {
        bail!("{}", st.reason_needed);
    }
    let (round, catalog) = load(ctx, &[])?;
    if let Some(code) = refuse_partial(ctx, &round) {
        return Ok(code);
    }
    let name = pick_round(ctx, &round, args.round.as_deref())?;
    let settled = crate::store::signing::settle(
        &ctx.paths.data_dir,
        &round,
        &catalog,
        &name,
        &args.key,
        args.decision,
        reason,
        checked(ctx, &args.signer)?,
        Timestamp::now(),
    )?;
    let path = match settled {
        Ok(path) => path,
        Err(refusal) => return Ok(refuse(ctx, &[refusal], ctx.lang.signoff().none_settled)),
    };
    let line = format!(
        "{}\n{}\n",
        (st.settled)(args.key.trim(), args.decision.label(ctx.lang), reason),
        (st.saved)(&path.display())
    );
    print(&sanitize(&line))?;
    Ok(ExitCode::SUCCESS)
}

/// A milestone is recorded after it happened: a day after the day of `now` is refused (the
/// sentence, in `lang`).
fn future_day(lang: Lang, date: Day, now: Timestamp) -> Option<String> {
    let today = Day::of(now);
    (date > today).then(|| (lang.signoff().future_day)(&date, &today))
}

/// `xuncha round reported|fed-back`: the milestones, in the leader's file. A day after today
/// is refused before anything is read or written.
pub(super) fn round_milestone(ctx: &Ctx, command: &RoundCommand) -> Result<ExitCode> {
    let st = ctx.lang.signoff();
    let now = Timestamp::now();
    let (wanted, day) = match command {
        RoundCommand::Reported { round, date, .. } | RoundCommand::FedBack { round, date, .. } => {
            (round, *date)
        }
    };
    if let Some(refused) = future_day(ctx.lang, day, now) {
        bail!("{refused}");
    }
    let (round, catalog) = load(ctx, &[])?;
    let name = pick_round(ctx, &round, wanted.as_deref())?;
    let path = leader_path(&ctx.paths.data_dir, &name);
    let said = match command {
        RoundCommand::Reported { date, signer, .. } => {
            let signer = checked(ctx, signer)?.to_string();
            update_leader(&path, &name, |l| match &l.reported {
                Some(m) => Err((st.already_reported)(&name, &m.date)),
                None => {
                    l.reported = Some(Milestone {
                        date: *date,
                        signer: signer.clone(),
                        at: now,
                    });
                    Ok((st.reported)(&name, date, &signer))
                }
            })?
        }
        RoundCommand::FedBack {
            date,
            signer,
            units,
            ..
        } => {
            let of: Vec<String> = {
                let mut v: Vec<String> = round
                    .records
                    .iter()
                    .filter(|(_, r)| r.round == name)
                    .map(|(_, r)| r.unit.clone())
                    .collect();
                v.sort_by_cached_key(|u| collate::sort_key(u));
                v.dedup();
                v
            };
            for u in units {
                if !of.iter().any(|x| x == u.trim()) {
                    bail!(
                        "{}",
                        (st.unknown_unit)(u.trim(), &of.join(ctx.lang.list_separator()))
                    );
                }
            }
            let chosen: Vec<String> = if units.is_empty() {
                of
            } else {
                units.iter().map(|u| u.trim().to_string()).collect()
            };
            let signer = checked(ctx, signer)?.to_string();
            // What the feedback showed is recorded from the files as they are: all of them.
            if let Some(code) = super::rectify::refuse_partial(ctx, &round) {
                return Ok(code);
            }
            // A unit whose every problem waits for 审签 has no feedback to give yet.
            let state = RoundState::of(&round, &catalog, &name, now);
            let (review, signs) = (&state.review, &state.signs);
            let feedback = crate::report::feedback::Feedback::build(review, signs);
            let waiting: Vec<String> = crate::report::waiting_for_approval(review, &feedback)
                .into_iter()
                .map(|(u, _)| u)
                .filter(|u| chosen.contains(u))
                .collect();
            let waiting = (!waiting.is_empty())
                .then(|| (st.fed_back_waiting)(&waiting.join(ctx.lang.list_separator())));
            update_leader(&path, &name, |l| {
                let Some(reported) = &l.reported else {
                    return Err((st.not_reported)(&name));
                };
                if *date < reported.date {
                    return Err((st.fed_back_before_report)(date, &reported.date));
                }
                if let Some(f) = chosen.iter().find_map(|u| l.fed_back_to(u)) {
                    let rest: Vec<&str> = chosen
                        .iter()
                        .filter(|u| l.fed_back_to(u).is_none())
                        .map(String::as_str)
                        .collect();
                    if units.is_empty() && !rest.is_empty() {
                        return Err((st.already_fed_back_rest)(
                            &f.unit,
                            &f.date,
                            &rest.join(ctx.lang.list_separator()),
                        ));
                    }
                    return Err((st.already_fed_back)(&f.unit, &f.date));
                }
                if let Some(waiting) = &waiting {
                    return Err(waiting.clone());
                }
                let mut lines = Vec::new();
                for unit in &chosen {
                    l.fed_back.push(FedBack {
                        unit: unit.clone(),
                        date: *date,
                        signer: signer.clone(),
                        at: now,
                        // what went out: the findings its feedback version shows now
                        findings: feedback.shown_findings(review, signs, Some(unit)),
                    });
                    lines.push((st.fed_back)(&name, date, unit, &signer));
                }
                Ok(lines.join("\n"))
            })?
        }
    };
    match said {
        Ok(line) => {
            print(&sanitize(&format!(
                "{line}\n{}\n",
                (st.saved)(&path.display())
            )))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(refused) => bail!("{refused}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Today and days before are taken; the next day is refused, in the language asked for.
    /// The clock is given: the local day of `now` in its own offset.
    #[test]
    fn a_milestone_day_after_today_is_refused() {
        let now =
            Timestamp(chrono::DateTime::parse_from_rfc3339("2026-11-30T23:59:00+08:00").unwrap());
        let day = |s: &str| s.parse::<Day>().unwrap();
        assert_eq!(future_day(Lang::Zh, day("2026-11-30"), now), None);
        assert_eq!(future_day(Lang::Zh, day("2025-12-31"), now), None);
        let zh = future_day(Lang::Zh, day("2026-12-01"), now).unwrap();
        assert_eq!(
            zh,
            "日期 2026-12-01 晚于今天（2026-11-30）：节点在发生之后才记录，未记录"
        );
        let en = future_day(Lang::En, day("2026-12-05"), now).unwrap();
        assert!(
            en.starts_with("the day 2026-12-05 is after today (2026-11-30)"),
            "{en}"
        );
    }
}
