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
    let columns = columns(options, false);
    header(out, &columns);
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
            let receiver = finding.receiver_label(lang).unwrap_or_default();
            row(
                out,
                &columns,
                &Row {
                    unit: &record.unit,
                    round: &record.round,
                    group: &record.group,
                    inspector: &record.inspector,
                    file: &file,
                    template_id: &item.template_id,
                    checklist: &item.template_title,
                    section: &item.section_title,
                    item_id: &item.item_id,
                    item: if item.orphan { "" } else { &item.item_text },
                    status: answer.status.label(lang),
                    category: category.map(|c| c.label(lang)).unwrap_or_default(),
                    title: &finding.title,
                    statement: &finding.statement,
                    figures: &finding.figures,
                    people: &finding.people,
                    basis: &finding.basis,
                    transfer: if finding.transfer { yes } else { "" },
                    notes: &notes,
                    sources: &sources,
                    updated: &updated,
                    orphan: if item.orphan { yes } else { "" },
                    receiver: &receiver,
                    number: &finding.number,
                    process: &finding.process,
                    responsibility: finding
                        .responsibility
                        .map(|r| r.label(lang))
                        .unwrap_or_default(),
                    leading_cadre: if finding.leading_cadre { yes } else { "" },
                    feedback_text: finding.feedback_text.as_deref().unwrap_or_default(),
                },
            );
        }
    }
}

fn redacted(input: &Input<'_>, out: &mut String) {
    let columns = columns(&input.options, true);
    header(out, &columns);
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
        let groups = unit.groups.join("、");
        let title = shown.title.as_ref().map(|t| t.text.as_str());
        let (statements, figures, basis) = (
            lines(&shown.statements),
            lines(&shown.figures),
            lines(&shown.basis),
        );
        let sources = shown_sources(&shown.notes, lang);
        row(
            out,
            &columns,
            &Row {
                unit: &unit.key.unit,
                round: &unit.key.round,
                group: &groups,
                template_id: &e.item.template_id,
                checklist: &e.item.template_title,
                section: &e.item.section_title,
                item_id: &e.item.item_id,
                item: if e.item.orphan { "" } else { &e.item.item_text },
                status: e.status.label(lang),
                category: e.category.map(|c| c.label(lang)).unwrap_or_default(),
                title: title.unwrap_or_default(),
                statement: &statements,
                figures: &figures,
                basis: &basis,
                notes: &notes,
                sources: &sources,
                ..Row::default()
            },
        );
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

/// One row as the CSV writes it. The feedback version fills only the fields of the columns it
/// has (the rest stay empty, and their columns are internal).
#[derive(Default)]
struct Row<'a> {
    unit: &'a str,
    round: &'a str,
    group: &'a str,
    inspector: &'a str,
    file: &'a str,
    template_id: &'a str,
    checklist: &'a str,
    section: &'a str,
    item_id: &'a str,
    item: &'a str,
    status: &'a str,
    category: &'a str,
    title: &'a str,
    statement: &'a str,
    figures: &'a str,
    people: &'a str,
    basis: &'a str,
    transfer: &'a str,
    notes: &'a str,
    sources: &'a str,
    updated: &'a str,
    orphan: &'a str,
    receiver: &'a str,
    number: &'a str,
    process: &'a str,
    responsibility: &'a str,
    leading_cadre: &'a str,
    feedback_text: &'a str,
}

/// The field of a [`Row`] a column shows.
type Value = for<'r, 'a> fn(&'r Row<'a>) -> &'r str;

/// A column: its header and its field of a [`Row`].
struct Column {
    header: &'static str,
    value: Value,
}

/// The columns of the full version, or of the feedback version (`redact`): one list, in which
/// the full version's own columns — inspector, file, people, transfer, time, orphan — are
/// marked, so the two versions cannot drift apart.
fn columns(options: &Options, redact: bool) -> Vec<Column> {
    let s = options.s();
    let h = &s.report.csv;
    let all: [(&'static str, bool, Value); 28] = [
        (s.unit, false, |r| r.unit),
        (s.round, false, |r| r.round),
        (s.group, false, |r| r.group),
        (s.inspector, true, |r| r.inspector),
        (s.file, true, |r| r.file),
        (h.template_id, false, |r| r.template_id),
        (h.checklist, false, |r| r.checklist),
        (h.section, false, |r| r.section),
        (h.item_id, false, |r| r.item_id),
        (h.item, false, |r| r.item),
        (h.status, false, |r| r.status),
        (h.category, false, |r| r.category),
        (h.title, false, |r| r.title),
        (s.report.statement, false, |r| r.statement),
        (s.report.figures, false, |r| r.figures),
        (s.report.people, true, |r| r.people),
        (s.report.basis, false, |r| r.basis),
        (h.transfer, true, |r| r.transfer),
        (h.notes, false, |r| r.notes),
        (h.sources, false, |r| r.sources),
        (h.updated, true, |r| r.updated),
        (h.orphan, true, |r| r.orphan),
        (h.receiver, true, |r| r.receiver),
        (h.number, true, |r| r.number),
        (h.process, true, |r| r.process),
        (h.responsibility, true, |r| r.responsibility),
        (h.leading_cadre, true, |r| r.leading_cadre),
        (h.feedback_text, true, |r| r.feedback_text),
    ];
    all.into_iter()
        .filter(|&(_, internal, _)| !(redact && internal))
        .map(|(header, _, value)| Column { header, value })
        .collect()
}

fn header(out: &mut String, columns: &[Column]) {
    let names: Vec<&str> = columns.iter().map(|c| c.header).collect();
    fields(out, &names);
}

fn row(out: &mut String, columns: &[Column], row: &Row<'_>) {
    let values: Vec<&str> = columns.iter().map(|c| (c.value)(row)).collect();
    fields(out, &values);
}

fn fields(out: &mut String, fields: &[&str]) {
    out.reserve(fields.iter().map(|f| f.len() + 1).sum::<usize>() + 2);
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
