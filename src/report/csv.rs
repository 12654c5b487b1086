//! The CSV export, for spreadsheets.
//!
//! RFC 4180: fields separated by commas, rows ended by CRLF, a field holding a comma, a
//! double quote, CR or LF is quoted and its quotes doubled. UTF-8 with a byte-order mark, so
//! that Excel opens Chinese text correctly. A cell that starts with `=`, `+`, `-`, `@`, a tab
//! or a CR gets a leading apostrophe, so that a spreadsheet never runs it as a formula (CSV
//! injection).
//!
//! - Full version: one row per answer of every record — every item of every checklist the
//!   record answers (未查 where there is no answer), then the answers to items not in those
//!   checklists (orphaned ones among them) — with every field.
//! - Feedback version: one row per problem it shows (findings on one item of one unit are one
//!   row; see `report` for the rules), without inspector, file, transfer and time columns. A
//!   per-answer sheet would show, by its gaps, where something was left out.
//!
//! Every field passes through [`sanitize`] before it is quoted.

use std::collections::HashSet;
use std::path::PathBuf;

use super::feedback::{ShownNote, ShownText};
use super::{Input, Options, Report, ReportError, cite_note, note_text, sanitize, select};
use crate::i18n::Lang;
use crate::model::review::ItemIndex;
use crate::model::template::answer_key;
use crate::model::{Answer, Catalog, Finding, Record};

/// The byte-order mark that tells spreadsheet programs the file is UTF-8.
pub const BOM: char = '\u{feff}';

/// The report as CSV. The feedback version (`options.redact`) is refused with
/// [`ReportError::Names`] when the name check finds a name in what it would show; an unknown
/// `--unit` or `--round` is an error too.
pub fn csv(
    records: &[(PathBuf, Record)],
    catalog: &Catalog,
    options: &Options,
) -> Result<Report, ReportError> {
    let mut out = String::with_capacity(records.len() * 16 * 1024);
    out.push(BOM);
    if options.redact {
        let input = Input::new(records, catalog, options)?;
        redacted(&input, &mut out);
        return Ok(Report {
            text: out,
            left_out: input.left_out(),
        });
    }
    // every answer of every record: no aggregation needed
    let selected = select(records, options)?;
    full(&selected, catalog, options, &mut out);
    Ok(Report {
        text: out,
        left_out: Vec::new(),
    })
}

fn full(records: &[(PathBuf, Record)], catalog: &Catalog, options: &Options, out: &mut String) {
    let s = options.s();
    let h = &s.report.csv;
    row(
        out,
        &[
            s.unit,
            s.round,
            s.group,
            s.inspector,
            s.file,
            h.template_id,
            h.checklist,
            h.section,
            h.item_id,
            h.item,
            h.status,
            h.category,
            h.title,
            s.report.statement,
            s.report.figures,
            s.report.people,
            s.report.basis,
            h.transfer,
            h.notes,
            h.sources,
            h.updated,
            h.orphan,
        ],
    );
    let lang = options.lang;
    let yes = match lang {
        Lang::Zh => "是",
        Lang::En => "yes",
    };
    let index = ItemIndex::new(catalog);
    let empty = Answer::default();
    let no_finding = Finding::default();
    let mut notes = String::new();
    let mut sources = String::new();
    for (path, record) in records {
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        // every item of the checklists the record answers that is counted for its unit type
        // (not a 三看 look, not an item for another type of unit), in template order, then
        // the rest of the answers
        let mut keys: Vec<String> = Vec::new();
        for t in &record.templates {
            if let Some(template) = catalog.get(&t.id) {
                keys.extend(
                    template
                        .items()
                        .filter(|(_, i)| i.counted(record.unit_type))
                        .map(|(_, i)| answer_key(&template.id, &i.id)),
                );
            }
        }
        let listed: HashSet<&str> = keys.iter().map(String::as_str).collect();
        let rest: Vec<String> = record
            .answers
            .keys()
            .filter(|k| !listed.contains(k.as_str()))
            .cloned()
            .collect();
        drop(listed);
        keys.extend(rest);
        for key in keys {
            let answer = record.answer(&key).unwrap_or(&empty);
            let item = index.item(&key);
            let finding = answer.finding.as_ref().unwrap_or(&no_finding);
            let category = finding.category.or(item.category);
            notes.clear();
            sources.clear();
            join_notes_of(record, answer, lang, &mut notes);
            cited_sources(record, answer, lang, &mut sources);
            let updated = answer.updated.map(super::when).unwrap_or_default();
            let fields: [&str; 22] = [
                &record.unit,
                &record.round,
                &record.group,
                &record.inspector,
                &file,
                &item.template_id,
                &item.template_title,
                &item.section_title,
                &item.item_id,
                if item.orphan { "" } else { &item.item_text },
                answer.status.label(lang),
                category.map(|c| c.label(lang)).unwrap_or_default(),
                &finding.title,
                &finding.statement,
                &finding.figures,
                &finding.people,
                &finding.basis,
                if finding.transfer { yes } else { "" },
                &notes,
                &sources,
                &updated,
                if item.orphan { yes } else { "" },
            ];
            row(out, &fields);
        }
    }
}

fn redacted(input: &Input<'_>, out: &mut String) {
    let s = input.options.s();
    let h = &s.report.csv;
    row(
        out,
        &[
            s.unit,
            s.round,
            s.group,
            h.template_id,
            h.checklist,
            h.section,
            h.item_id,
            h.item,
            h.status,
            h.category,
            h.title,
            s.report.statement,
            s.report.figures,
            s.report.basis,
            h.notes,
            h.sources,
        ],
    );
    let lang = input.options.lang;
    let review = &input.review;
    let colon = super::colon(lang);
    let lines = |v: &[ShownText]| -> String {
        v.iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    for shown in &input.feedback.entries {
        let Some(e) = review.entries.get(shown.entry) else {
            continue;
        };
        let Some(unit) = review.units.get(e.unit) else {
            continue;
        };
        let notes = shown
            .notes
            .iter()
            .map(|n| {
                format!(
                    "{}{colon}{}",
                    cite_note(&n.note, Some(n.kind), lang, true),
                    note_text(&n.note, lang)
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        let fields: Vec<String> = vec![
            unit.key.unit.clone(),
            unit.key.round.clone(),
            unit.groups.join("、"),
            e.item.template_id.clone(),
            e.item.template_title.clone(),
            e.item.section_title.clone(),
            e.item.item_id.clone(),
            if e.item.orphan {
                String::new()
            } else {
                e.item.item_text.clone()
            },
            e.status.label(lang).to_string(),
            e.category
                .map(|c| c.label(lang))
                .unwrap_or_default()
                .to_string(),
            shown
                .title
                .as_ref()
                .map(|t| t.text.clone())
                .unwrap_or_default(),
            lines(&shown.statements),
            lines(&shown.figures),
            lines(&shown.basis),
            notes,
            shown_sources(&shown.notes, lang),
        ];
        row_owned(out, &fields);
    }
}

/// Every note of an answer, one per line: `Z01（调阅资料，2026-11-20 10:35）：text；涉及人员：…；数据：…`
/// (full version).
fn join_notes_of(record: &Record, answer: &Answer, lang: Lang, out: &mut String) {
    let colon = super::colon(lang);
    for (i, note) in answer.notes.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let kind = (!note.source.is_empty())
            .then(|| record.source(&note.source).map(|s| s.kind))
            .flatten();
        out.push_str(&cite_note(note, kind, lang, false));
        out.push_str(colon);
        out.push_str(&note_text(note, lang));
    }
}

/// The sources an answer's notes cite, one per line, with their private reference (full
/// version).
fn cited_sources(record: &Record, answer: &Answer, lang: Lang, out: &mut String) {
    let colon = super::colon(lang);
    let mut seen: Vec<&str> = Vec::new();
    for note in &answer.notes {
        let code = note.source.as_str();
        if code.is_empty() || seen.contains(&code) {
            continue;
        }
        if !seen.is_empty() {
            out.push('\n');
        }
        seen.push(code);
        match record.source(code) {
            Some(src) => {
                out.push_str(&src.code);
                out.push(' ');
                out.push_str(src.kind.label(lang));
                if !src.reference.is_empty() {
                    out.push_str(colon);
                    out.push_str(&src.reference);
                }
            }
            None => out.push_str(code),
        }
    }
}

/// The code names and kinds of the shown notes' sources (never a reference).
fn shown_sources(notes: &[ShownNote], lang: Lang) -> String {
    let mut lines: Vec<String> = Vec::new();
    for n in notes {
        let line = format!("{} {}", n.note.source, n.kind.label(lang));
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines.join("\n")
}

fn row(out: &mut String, fields: &[&str]) {
    out.reserve(fields.iter().map(|f| f.len() + 1).sum::<usize>() + 2);
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f);
    }
    out.push_str("\r\n");
}

fn row_owned(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f);
    }
    out.push_str("\r\n");
}

/// One field: sanitised, guarded against formula injection, quoted when needed.
pub fn field(out: &mut String, value: &str) {
    let value = sanitize(value);
    let value = value.as_ref();
    let guard = matches!(
        value.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    let quote = value
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    if quote {
        let mut parts = value.split('"');
        if let Some(first) = parts.next() {
            out.push_str(first);
        }
        for part in parts {
            out.push_str("\"\"");
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(value);
    }
}
