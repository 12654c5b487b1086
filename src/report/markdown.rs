//! The Markdown report: header; completion by unit and checklist; the problems (one entry per
//! item and unit) grouped by 三大问题 then checklist, each with its statement, figures, people,
//! policy basis and evidence (见人见事见数据); then (internal version only) disagreements, what
//! is still unchecked and the sources cited.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::feedback::ShownEntry;
use super::{
    Input, Options, Report, ReportError, cite, cite_note, colon, kind_label, note_body,
    progress_cell, sanitize,
};
use crate::i18n::Lang;
use crate::model::review::{Entry, Grouping};
use crate::model::{Catalog, Record};

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
    let mut shown = vec![0usize; review.units.len()];
    for e in &input.feedback.entries {
        if let Some(n) = review
            .entries
            .get(e.entry)
            .and_then(|e| shown.get_mut(e.unit))
        {
            *n += 1;
        }
    }
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
fn looks(input: &Input<'_>, out: &mut String) {
    let lang = input.options.lang;
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
            .map(|(item, status)| {
                let head = item.item_text.split('—').next().unwrap_or_default();
                format!(
                    "{}{}{}",
                    escape(head.trim_end_matches(['？', '?'])),
                    colon(lang),
                    status.label(lang)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "- {}{}{}",
            escape(&unit_label(input, ui)),
            colon(lang),
            parts.join(if lang == Lang::Zh { "；" } else { "; " })
        );
    }
}

fn findings(input: &Input<'_>, out: &mut String) {
    let s = input.options.s();
    let lang = input.options.lang;
    let review = &input.review;
    // indices into review.entries, and for the feedback version where each is in `feedback`
    let shown: Vec<usize> = if input.redaction.on {
        input.feedback.entries.iter().map(|e| e.entry).collect()
    } else {
        (0..review.entries.len()).collect()
    };
    if shown.is_empty() {
        let _ = writeln!(out, "{}", escape(s.report.no_findings));
        return;
    }
    let mut number = 0;
    let first = match input.options.group_by {
        Grouping::Focus => Grouping::Focus,
        Grouping::Category | Grouping::Checklist => Grouping::Category,
    };
    for (ci, by_category) in review.group_entries(shown, first).iter().enumerate() {
        let _ = writeln!(
            out,
            "### {}{}{}\n",
            sub_numeral(ci + 1, lang),
            escape(&by_category.key.label(lang)),
            paren(&(s.report.items_count)(by_category.findings.len()), lang)
        );
        for by_checklist in
            review.group_entries(by_category.findings.iter().copied(), Grouping::Checklist)
        {
            let _ = writeln!(out, "#### {}\n", escape(&by_checklist.key.label(lang)));
            for &ei in &by_checklist.findings {
                number += 1;
                let Some(e) = review.entries.get(ei) else {
                    continue;
                };
                if input.redaction.on {
                    if let Some(shown) = input.feedback.entries.iter().find(|x| x.entry == ei) {
                        feedback_entry(input, out, number, e, shown);
                    }
                } else {
                    full_entry(input, out, number, e);
                }
            }
        }
    }
}

/// `label：value`, several values one per line (hard breaks).
fn field_bullet(out: &mut String, label: &str, values: &[String], lang: Lang) {
    let values: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if values.is_empty() {
        return;
    }
    bullet(
        out,
        &format!("{label}{}{}", colon(lang), inline(&values.join("\n"), 2)),
        0,
    );
}

/// One problem in the full version: every finding of every inspector, with who said what
/// when there are several, the transfer mark, and why the feedback version leaves it out.
fn full_entry(input: &Input<'_>, out: &mut String, number: usize, e: &Entry) {
    let s = input.options.s();
    let lang = input.options.lang;
    let c = colon(lang);
    let review = &input.review;
    let rows: Vec<_> = e
        .findings
        .iter()
        .filter_map(|&i| review.findings.get(i))
        .collect();
    let title = rows
        .iter()
        .map(|f| f.finding.title.trim())
        .find(|t| !t.is_empty())
        .unwrap_or(e.item.item_text.trim());
    let _ = writeln!(
        out,
        "**{number}. {}**{}\n",
        escape(title),
        paren(e.status.label(lang), lang)
    );
    let mut inspectors: Vec<&str> = Vec::new();
    for f in &rows {
        let name = review.records[f.record].inspector.as_str();
        if !inspectors.contains(&name) {
            inspectors.push(name);
        }
    }
    let who = format!(
        "{}{c}{} · {}{c}{}",
        s.unit,
        escape(&unit_label(input, e.unit)),
        s.inspector,
        escape(&inspectors.join("、"))
    );
    bullet(out, &who, 0);
    let mut item = format!(
        "{}{c}{}",
        s.report.item,
        escape(&item_path_of(
            &e.item.template_title,
            &e.item.section_title,
            &e.item.item_text,
        ))
    );
    if e.item.orphan {
        item.push_str(&escape(s.report.orphan));
    }
    bullet(out, &item, 0);
    // with several findings, each value says whose it is (and its status when it differs)
    let several = rows.len() > 1;
    let whose = |f: &crate::model::review::FindingRow, value: &str| {
        if !several {
            return value.to_string();
        }
        let mut tag = review.records[f.record].inspector.clone();
        if f.status != e.status {
            tag.push_str(&paren(f.status.label(lang), lang));
        }
        format!("{tag}{c}{value}")
    };
    type Pick = fn(&crate::model::Finding) -> &str;
    let picks: [(&str, Pick); 5] = [
        (s.report.statement, |f| f.statement.as_str()),
        (s.report.feedback_text, |f| {
            f.feedback_text.as_deref().unwrap_or_default()
        }),
        (s.report.figures, |f| f.figures.as_str()),
        (s.report.people, |f| f.people.as_str()),
        (s.report.basis, |f| f.basis.as_str()),
    ];
    for (label, pick) in picks {
        let values: Vec<String> = rows
            .iter()
            .filter(|f| !pick(&f.finding).trim().is_empty())
            .map(|f| whose(f, pick(&f.finding).trim()))
            .collect();
        field_bullet(out, label, &values, lang);
    }
    if rows.iter().any(|f| f.finding.transfer) {
        bullet(
            out,
            &format!("{}{c}**{}**", s.report.transfer, s.report.transfer_yes),
            0,
        );
    }
    let held = super::feedback::holds(review, e);
    if !held.is_empty() {
        let reasons: Vec<&str> = held.iter().map(|h| h.label(lang)).collect();
        let sep = match lang {
            Lang::Zh => "、",
            Lang::En => ", ",
        };
        bullet(
            out,
            &format!("{}{c}{}", s.report.held, escape(&reasons.join(sep))),
            0,
        );
    }
    let evidence: Vec<_> = rows.iter().flat_map(|f| &f.evidence).collect();
    if !evidence.is_empty() {
        bullet(out, format!("{}{c}", s.report.evidence).trim_end(), 0);
        for ev in evidence {
            let line = format!(
                "{}{c}{}",
                escape(&cite(ev, lang, false)),
                inline(&note_body(ev, lang), 4)
            );
            bullet(out, &line, 1);
        }
    }
    out.push('\n');
}

/// One problem in the feedback version: exactly the texts of `shown`, which passed the name
/// check. Without a title it is headed by its section (the checklist's question would read as
/// an accusation).
fn feedback_entry(
    input: &Input<'_>,
    out: &mut String,
    number: usize,
    e: &Entry,
    shown: &ShownEntry,
) {
    let s = input.options.s();
    let lang = input.options.lang;
    let c = colon(lang);
    let title = match &shown.title {
        Some(t) => t.text.clone(),
        None if !e.item.section_title.is_empty() => e.item.section_title.clone(),
        None => e.item.template_title.clone(),
    };
    let _ = writeln!(out, "**{number}. {}**\n", escape(title.trim()));
    bullet(
        out,
        &format!("{}{c}{}", s.unit, escape(&unit_label(input, e.unit))),
        0,
    );
    let mut item = format!(
        "{}{c}{}",
        s.report.item,
        escape(&item_path_of(
            &e.item.template_title,
            &e.item.section_title,
            &e.item.item_text,
        ))
    );
    if e.item.orphan {
        item.push_str(&escape(s.report.orphan));
    }
    bullet(out, &item, 0);
    let texts = |v: &[super::feedback::ShownText]| -> Vec<String> {
        v.iter().map(|t| t.text.clone()).collect()
    };
    field_bullet(out, s.report.statement, &texts(&shown.statements), lang);
    field_bullet(out, s.report.figures, &texts(&shown.figures), lang);
    field_bullet(out, s.report.basis, &texts(&shown.basis), lang);
    if !shown.notes.is_empty() {
        bullet(out, format!("{}{c}", s.report.evidence).trim_end(), 0);
        for n in &shown.notes {
            let line = format!(
                "{}{c}{}",
                escape(&cite_note(&n.note, Some(n.kind), lang, true)),
                inline(&super::note_text(&n.note, lang), 4)
            );
            bullet(out, &line, 1);
        }
    }
    out.push('\n');
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
            escape(&item_path_of(
                &d.item.template_title,
                &d.item.section_title,
                &d.item.item_text,
            )),
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
            bullet(
                out,
                &escape(&item_path_of(
                    &item.template_title,
                    &item.section_title,
                    &item.item_text,
                )),
                0,
            );
        }
        out.push('\n');
    }
}

/// The sources cited by the findings, with their private references. Internal version only.
fn sources(input: &Input<'_>, out: &mut String) {
    let s = input.options.s();
    let lang = input.options.lang;
    let review = &input.review;
    let cited: std::collections::BTreeSet<(usize, &str)> = review
        .findings
        .iter()
        .flat_map(|f| {
            f.evidence
                .iter()
                .filter(|e| !e.note.source.is_empty())
                .map(|e| (f.record, e.note.source.as_str()))
        })
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

/// `（text）` in Chinese, ` (text)` in English.
fn paren(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

/// `三看 › 一看：… › the item`.
fn item_path_of(template: &str, section: &str, item: &str) -> String {
    [template, section, item]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" › ")
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// End what came before with exactly one blank line.
fn blank_line(out: &mut String) {
    while out.ends_with('\n') {
        out.pop();
    }
    out.push_str("\n\n");
}

fn bullet(out: &mut String, text: &str, depth: usize) {
    let _ = writeln!(out, "{}- {text}", "  ".repeat(depth));
}

/// A pipe table; cells are already escaped.
fn table(out: &mut String, rows: &[Vec<String>]) {
    let Some(head) = rows.first() else {
        return;
    };
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let _ = writeln!(out, "{}", line(head));
    let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
    for row in &rows[1..] {
        let _ = writeln!(out, "{}", line(row));
    }
}

/// A table cell: no line breaks, no unescaped pipe.
fn cell(s: &str) -> String {
    let one_line = s.replace("\r\n", "\n").replace(['\n', '\r'], " ");
    let mut out = String::with_capacity(one_line.len());
    let mut prev = '\0';
    for c in one_line.chars() {
        if c == '|' && prev != '\\' {
            out.push('\\');
        }
        out.push(c);
        prev = c;
    }
    out
}

/// Text inside a list item: escaped, line breaks kept as hard breaks indented by `indent`.
fn inline(s: &str, indent: usize) -> String {
    let text = s.replace("\r\n", "\n").replace('\r', "\n");
    escape(&text).replace('\n', &format!("\\\n{}", " ".repeat(indent)))
}

/// Escape what Markdown would otherwise read as markup, so that text typed by an inspector is
/// shown as typed: the ASCII punctuation that means something inline, and list markers at the
/// start of a continuation line (text always follows a prefix of ours on its first line).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut at_line_start = false;
    let mut digits = false;
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_line_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if digits => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        digits = c.is_ascii_digit() && (at_line_start || digits);
        at_line_start = c == '\n' || (at_line_start && c == ' ');
    }
    out
}
