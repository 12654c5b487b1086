//! The Markdown report: header; completion by unit and checklist; the problems (one entry per
//! item and unit) grouped by 三大问题 then checklist, each with its statement, figures, people,
//! policy basis and evidence (见人见事见数据); then (internal version only) disagreements, what
//! is still unchecked and the sources cited.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::{
    Input, Options, Report, ReportError, cite, colon, item_path, kind_label, note_body, paren,
    progress_cell, sanitize,
};
use crate::i18n::Lang;
use crate::model::{Catalog, Record};

mod problems;
mod text;

use problems::findings;
pub use text::escape;
use text::{blank_line, bullet, inline, table};

/// The report as Markdown (CommonMark with pipe tables), sanitised. The feedback version
/// (`options.redact`) is refused with [`ReportError::Names`] when the name check finds a name
/// in what it would show; an unknown `--unit` or `--round` is an error too.
pub fn markdown(
    records: &[(PathBuf, Record)],
    catalog: &Catalog,
    options: &Options,
) -> Result<Report, ReportError> {
    let input = Input::new(records, catalog, options)?;
    let mut out = String::new();
    header(&input, &mut out);
    let mut chapter = 0;
    let mut next = |out: &mut String, title: &str| {
        chapter += 1;
        blank_line(out);
        let _ = writeln!(
            out,
            "## {}{}\n",
            numeral(chapter, options.lang),
            escape(title)
        );
    };
    let s = options.s();
    next(&mut out, s.report.h_completion);
    completion(&input, &mut out);
    next(&mut out, s.report.h_findings);
    findings(&input, &mut out);
    if !input.redaction.on {
        next(&mut out, s.report.h_disagreements);
        disagreements(&input, &mut out);
        next(&mut out, s.report.h_unchecked);
        unchecked(&input, &mut out);
        sources(&input, &mut out);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    Ok(Report {
        text: sanitize(&out).into_owned(),
        left_out: input.left_out(),
    })
}

fn header(input: &Input<'_>, out: &mut String) {
    let s = input.options.s();
    let _ = writeln!(out, "# {}\n", escape(&input.title()));
    let notice = if input.redaction.on {
        s.report.redacted_notice
    } else {
        s.report.internal_notice
    };
    let _ = writeln!(out, "> {}", escape(notice));
    let samples = input.review.samples;
    if samples > 0 {
        let said = (s.sample_notice)(samples, input.review.records.len());
        let _ = writeln!(out, ">\n> **{}**", escape(&said));
    }
    let counts = (s.report.counts)(input.review.records.len(), input.review.units.len());
    let _ = writeln!(
        out,
        ">\n> {}{}{} · {}",
        s.report.generated,
        colon(input.options.lang),
        super::when(input.options.now),
        counts
    );
}

/// The chapter number: 一、 in Chinese, `1. ` in English.
fn numeral(n: usize, lang: Lang) -> String {
    const ZH: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    match lang {
        Lang::Zh => format!("{}、", ZH.get(n.wrapping_sub(1)).copied().unwrap_or("十")),
        Lang::En => format!("{n}. "),
    }
}

/// The section number: （一） in Chinese, `1.` in English.
fn sub_numeral(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{}）", numeral(n, lang).trim_end_matches('、')),
        Lang::En => {
            let letter =
                u8::try_from(n.saturating_sub(1) % 26).map_or('A', |i| char::from(b'A' + i));
            format!("{letter}. ")
        }
    }
}

fn completion(input: &Input<'_>, out: &mut String) {
    let s = input.options.s();
    let review = &input.review;
    let redact = input.redaction.on;
    let mut head: Vec<String> = vec![s.unit.to_string()];
    if !redact {
        head.push(s.inspector.to_string());
    }
    head.extend(review.columns.iter().map(|(_, title)| title.clone()));
    head.push(s.total.to_string());
    head.push(s.problems.to_string());
    if !redact {
        head.push(s.doubts.to_string());
        head.push(s.last_change.to_string());
    }
    let mut rows = vec![head];
    let shown = input.feedback.shown_per_unit(review);
    for (ui, unit) in review.units.iter().enumerate() {
        let name = unit_label(input, ui);
        let mut row = vec![name.clone()];
        if !redact {
            row.push(format!("**{}**", escape(s.report.unit_total)));
        }
        for (id, _) in &review.columns {
            row.push(match unit.per_template.iter().find(|p| &p.id == id) {
                None => "-".into(),
                Some(p) if p.missing => "?".into(),
                Some(p) => progress_cell(p.done, p.total),
            });
        }
        row.push(progress_cell(unit.done, unit.total));
        if redact {
            row.push(shown[ui].to_string());
        } else {
            row.push(unit.problems.to_string());
            row.push(unit.doubts.to_string());
            row.push(String::new());
        }
        rows.push(row);
        if redact {
            continue;
        }
        for &ri in &unit.records {
            let r = &review.records[ri];
            let mut row = vec![name.clone(), escape(&r.inspector)];
            for (id, _) in &review.columns {
                row.push(match r.summary.per_template.iter().find(|p| &p.id == id) {
                    None => "-".into(),
                    Some(p) if p.missing => "?".into(),
                    Some(p) => progress_cell(p.done, p.total),
                });
            }
            row.push(progress_cell(r.summary.done, r.summary.total));
            row.push(r.summary.problems.to_string());
            row.push(r.summary.doubts.to_string());
            let mut when = super::when(r.updated);
            if r.stale {
                let _ = write!(when, " ⚠ {}", (s.report.stale)(review.stale_days));
            }
            row.push(when);
            rows.push(row);
        }
    }
    table(out, &rows);
    if redact {
        return;
    }
    looks(input, out);
    let orphaned: Vec<_> = review
        .records
        .iter()
        .filter(|r| r.summary.orphans > 0)
        .collect();
    if !orphaned.is_empty() {
        out.push('\n');
        for r in orphaned {
            let _ = writeln!(
                out,
                "- {}{}{}",
                escape(&file_name(&r.path)),
                colon(input.options.lang),
                escape(&(s.orphans)(r.summary.orphans))
            );
        }
    }
}

/// The 三看 of each unit, rolled up from the detailed items (full version only): one line per
/// unit, each look by the words before its dash, e.g. `一看：领导班子是否坚强有力：发现问题`.
/// Under it, the evidence notes written on a look itself (a look takes none now; an earlier
/// version accepted them), each with its inspector, so that none is lost from the report.
fn looks(input: &Input<'_>, out: &mut String) {
    let lang = input.options.lang;
    let c = colon(lang);
    let head = |item: &crate::model::review::ItemRef| {
        let head = item.item_text.split('—').next().unwrap_or_default();
        escape(head.trim_end_matches(['？', '?']))
    };
    let mut any = false;
    for (ui, unit) in input.review.units.iter().enumerate() {
        if unit.looks.is_empty() {
            continue;
        }
        if !any {
            out.push('\n');
            any = true;
        }
        let parts: Vec<String> = unit
            .looks
            .iter()
            .map(|look| format!("{}{c}{}", head(&look.item), look.status.label(lang)))
            .collect();
        let _ = writeln!(
            out,
            "- {}{}{}",
            escape(&unit_label(input, ui)),
            colon(lang),
            parts.join(if lang == Lang::Zh { "；" } else { "; " })
        );
        for look in unit.looks.iter().filter(|l| !l.notes.is_empty()) {
            let s = input.options.s();
            bullet(out, &(s.report.look_notes)(&head(&look.item)), 1);
            for (ri, ev) in &look.notes {
                let inspector = input
                    .review
                    .records
                    .get(*ri)
                    .map(|r| escape(&r.inspector))
                    .unwrap_or_default();
                let line = format!(
                    "{inspector}{c}{}{c}{}",
                    escape(&cite(ev, lang, false)),
                    inline(&note_body(ev, lang), 6)
                );
                bullet(out, &line, 2);
            }
        }
    }
}

fn disagreements(input: &Input<'_>, out: &mut String) {
    let s = input.options.s();
    let lang = input.options.lang;
    let review = &input.review;
    if review.disagreements.is_empty() {
        let _ = writeln!(out, "{}", escape(s.report.no_disagreements));
        return;
    }
    let mut rows = vec![vec![
        s.unit.to_string(),
        s.report.item.to_string(),
        s.report.verdicts.to_string(),
    ]];
    for d in &review.disagreements {
        let verdicts: Vec<String> = d
            .verdicts
            .iter()
            .map(|v| {
                format!(
                    "{}{}{}",
                    escape(&review.records[v.record].inspector),
                    colon(lang),
                    v.status.label(lang)
                )
            })
            .collect();
        let sep = match lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        };
        rows.push(vec![
            unit_label(input, d.unit),
            escape(&item_path(&d.item)),
            verdicts.join(sep),
        ]);
    }
    table(out, &rows);
}

fn unchecked(input: &Input<'_>, out: &mut String) {
    let s = input.options.s();
    let review = &input.review;
    if review.units.iter().all(|u| u.unchecked.is_empty()) {
        let _ = writeln!(out, "{}", escape(s.report.nothing_unchecked));
        return;
    }
    for (ui, unit) in review.units.iter().enumerate() {
        if unit.unchecked.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "### {}{}\n",
            unit_label(input, ui),
            paren(
                &(s.report.items_count)(unit.unchecked.len()),
                input.options.lang
            )
        );
        for item in &unit.unchecked {
            bullet(out, &escape(&item_path(item)), 0);
        }
        out.push('\n');
    }
}

/// The sources cited by the findings (and by notes on a look), with their private references.
/// Internal version only.
fn sources(input: &Input<'_>, out: &mut String) {
    let s = input.options.s();
    let lang = input.options.lang;
    let review = &input.review;
    // (and by the notes written on a look, listed under the 三看)
    let on_looks = review
        .units
        .iter()
        .flat_map(|u| &u.looks)
        .flat_map(|l| l.notes.iter().map(|(ri, e)| (*ri, e)));
    let cited: std::collections::BTreeSet<(usize, &str)> = review
        .findings
        .iter()
        .flat_map(|f| f.evidence.iter().map(|e| (f.record, e)))
        .chain(on_looks)
        .filter(|(_, e)| !e.note.source.is_empty())
        .map(|(ri, e)| (ri, e.note.source.as_str()))
        .collect();
    if cited.is_empty() {
        return;
    }
    blank_line(out);
    let _ = writeln!(out, "## {}\n", escape(s.report.h_sources));
    let mut rows = vec![vec![
        s.unit.to_string(),
        s.inspector.to_string(),
        s.report.source_code.to_string(),
        s.report.source_kind.to_string(),
        s.report.source_reference.to_string(),
        s.report.source_at.to_string(),
    ]];
    for (ri, code) in cited {
        let row = &review.records[ri];
        let Some(source) = input.record(row.index).and_then(|r| r.source(code)) else {
            continue;
        };
        rows.push(vec![
            unit_label(input, row.unit_index),
            escape(&row.inspector),
            escape(&source.code),
            kind_label(source.kind, lang).to_string(),
            escape(&source.reference),
            source.at.map(super::when).unwrap_or_default(),
        ]);
    }
    table(out, &rows);
}

/// `计算机学院`, or `计算机学院（第三轮）` when the report covers several rounds.
fn unit_label(input: &Input<'_>, unit: usize) -> String {
    let Some(u) = input.review.units.get(unit) else {
        return String::new();
    };
    if input.several_rounds {
        escape(&format!(
            "{}{}",
            u.key.unit,
            paren(&u.key.round, input.options.lang)
        ))
    } else {
        escape(&u.key.unit)
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
