//! 发现的问题: the entries grouped by 三大问题 (or 四个落实) then checklist; each in the full
//! version with every inspector's finding and its evidence, in the feedback version with exactly
//! the texts of the feedback model.

use std::fmt::Write as _;

use super::text::{bullet, escape, inline};
use super::{sub_numeral, unit_label};
use crate::i18n::Lang;
use crate::model::review::{Entry, Grouping};
use crate::report::feedback::{ShownEntry, ShownText, holds};
use crate::report::{Input, cite, cite_note, colon, item_path, note_body, note_text, paren};

pub(super) fn findings(input: &Input<'_>, out: &mut String) {
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

/// `条目：三看 › 一看：… › the item`, marked when the item is no longer in the catalog.
fn item_bullet(input: &Input<'_>, out: &mut String, e: &Entry) {
    let s = input.options.s();
    let mut item = format!(
        "{}{}{}",
        s.report.item,
        colon(input.options.lang),
        escape(&item_path(&e.item))
    );
    if e.item.orphan {
        item.push_str(&escape(s.report.orphan));
    }
    bullet(out, &item, 0);
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
    item_bullet(input, out, e);
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
    let held = holds(review, e);
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
    if let Some(sign) = input.sign_for(e) {
        let st = lang.signoff();
        bullet(
            out,
            &format!(
                "{}{c}{}{}{}",
                st.signoff,
                escape(&crate::report::sign_line(sign, lang)),
                match lang {
                    crate::i18n::Lang::Zh => "；",
                    crate::i18n::Lang::En => "; ",
                },
                escape(&sign.key)
            ),
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
    item_bullet(input, out, e);
    let texts = |v: &[ShownText]| -> Vec<String> { v.iter().map(|t| t.text.clone()).collect() };
    field_bullet(out, s.report.statement, &texts(&shown.statements), lang);
    field_bullet(out, s.report.figures, &texts(&shown.figures), lang);
    field_bullet(out, s.report.basis, &texts(&shown.basis), lang);
    if !shown.notes.is_empty() {
        bullet(out, format!("{}{c}", s.report.evidence).trim_end(), 0);
        for n in &shown.notes {
            let line = format!(
                "{}{c}{}",
                escape(&cite_note(&n.note, Some(n.kind), lang, true)),
                inline(&note_text(&n.note, lang), 4)
            );
            bullet(out, &line, 1);
        }
    }
    out.push('\n');
}
