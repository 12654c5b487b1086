//! The canonical text of a record: a direct writer, and a reader for exactly what it writes;
//! and a reader for the plain shape checklist templates are written in.
//!
//! A record is saved before every frame that shows a change, and a full one (every item
//! answered, hundreds of notes) is a few hundred KiB. A general TOML serialiser took most of
//! the time of a save and a general parser most of the time of opening, so:
//!
//! - [`write`] emits the record's fixed shape directly: keys in struct order, one
//!   `key = value` per line, a blank line before each table, basic strings (multi-line ones
//!   for text with line breaks) with every `"`, `\` and control character escaped.
//! - [`read`] accepts only that shape (and literal strings) and answers `None` for anything
//!   else — CRLF, comments, other spacing, unknown or repeated keys, tables out of place,
//!   escapes it does not know, invalid dates — so hand-edited files and every error go
//!   through the `toml` crate, which stays the reference for what a record file means.
//!
//! Tests check that `read(write(r)) == r` for arbitrary records and that whenever `read`
//! accepts a text the `toml` crate reads the same record from it.

use std::collections::BTreeMap;

use chrono::{Datelike, Timelike};
use serde::Deserialize;
use serde::de::value::{Error as ValueError, StrDeserializer};

use super::record::{Answer, Finding, Note, Record, Source, TemplateRef, Timestamp};
use super::template::Threshold;
use super::template::raw::{Item as RawItem, Section as RawSection, Template as RawTemplate};
use super::vocab::{Category, SourceKind, Status};
use toml::Spanned;

// ---------------------------------------------------------------------------------------------
// Writing

/// The record as canonical TOML. Fails only for a time TOML cannot hold (a year outside
/// 0–9999, an offset that is not whole minutes).
pub fn write(r: &Record) -> Result<String, String> {
    let notes: usize = r.answers.values().map(|a| a.notes.len()).sum();
    let text: usize = r
        .answers
        .values()
        .flat_map(|a| &a.notes)
        .map(|n| n.text.len() + n.people.len() + n.figures.len())
        .sum();
    let mut out = String::with_capacity(1024 + 160 * (r.answers.len() + notes) + text * 9 / 8);
    write_into(r, &mut out)?;
    Ok(out)
}

/// [`write`] into `out`, emptied first: a buffer kept from save to save is not allocated,
/// faulted in and given back every time.
pub fn write_into(r: &Record, out: &mut String) -> Result<(), String> {
    write_with(r, out, answer)
}

/// The record's text with each answer's part written by `answers`.
fn write_with(
    r: &Record,
    out: &mut String,
    mut answers: impl FnMut(&mut String, &str, &Answer) -> Result<(), String>,
) -> Result<(), String> {
    out.clear();
    int(out, "format", r.format);
    string(out, "unit", &r.unit);
    string(out, "round", &r.round);
    opt_string(out, "group", &r.group);
    string(out, "inspector", &r.inspector);
    time(out, "created", &r.created)?;
    time(out, "updated", &r.updated)?;
    for t in &r.templates {
        out.push_str("\n[[templates]]\n");
        string(out, "id", &t.id);
        string(out, "version", &t.version);
    }
    for s in &r.sources {
        out.push_str("\n[[sources]]\n");
        string(out, "code", &s.code);
        bare(out, "kind", s.kind.key());
        opt_string(out, "reference", &s.reference);
        if let Some(at) = &s.at {
            time(out, "at", at)?;
        }
    }
    for (key, a) in &r.answers {
        answers(out, key, a)?;
    }
    Ok(())
}

/// One answer's part of the text: its table, its notes, its finding.
fn answer(out: &mut String, key: &str, a: &Answer) -> Result<(), String> {
    let mut quoted = String::with_capacity(key.len() + 2);
    table_key(&mut quoted, key);
    out.push_str("\n[answers.");
    out.push_str(&quoted);
    out.push_str("]\n");
    bare(out, "status", a.status.key());
    if let Some(at) = &a.updated {
        time(out, "updated", at)?;
    }
    for n in &a.notes {
        out.push_str("\n[[answers.");
        out.push_str(&quoted);
        out.push_str(".notes]]\n");
        int(out, "id", n.id);
        time(out, "at", &n.at)?;
        opt_string(out, "source", &n.source);
        string(out, "text", &n.text);
        opt_string(out, "people", &n.people);
        opt_string(out, "figures", &n.figures);
    }
    if let Some(f) = &a.finding {
        out.push_str("\n[answers.");
        out.push_str(&quoted);
        out.push_str(".finding]\n");
        opt_string(out, "title", &f.title);
        opt_string(out, "statement", &f.statement);
        if let Some(text) = &f.feedback_text {
            string(out, "feedback_text", text);
        }
        opt_string(out, "people", &f.people);
        opt_string(out, "figures", &f.figures);
        opt_string(out, "basis", &f.basis);
        if let Some(c) = f.category {
            bare(out, "category", c.key());
        }
        if f.transfer {
            out.push_str("transfer = true\n");
        }
    }
    Ok(())
}

/// A writer kept from one save of a record to the next: its text buffer, and the text of each
/// answer as last written. A save escapes and formats again only the answers that changed
/// since (one, after a keystroke) and copies the others. Its text is always exactly
/// [`write`]'s (checked on every save in debug builds, and by tests).
#[derive(Default)]
pub struct Writer {
    out: String,
    answers: std::collections::HashMap<String, (Answer, String)>,
}

impl Writer {
    /// The record's canonical text.
    pub fn write(&mut self, r: &Record) -> Result<&str, String> {
        let cache = &mut self.answers;
        let mut seen = 0;
        write_with(r, &mut self.out, |out, key, a| {
            seen += 1;
            if let Some((before, text)) = cache.get(key)
                && same_text(before, a)
            {
                out.push_str(text);
                return Ok(());
            }
            let start = out.len();
            answer(out, key, a)?;
            cache.insert(key.to_string(), (a.clone(), out[start..].to_string()));
            Ok(())
        })?;
        if cache.len() > seen {
            cache.retain(|key, _| r.answers.contains_key(key));
        }
        debug_assert_eq!(Some(self.out.as_str()), write(r).ok().as_deref());
        Ok(&self.out)
    }
}

/// Sizes only: the text is a record's confidential notes.
impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("bytes", &self.out.len())
            .field("answers", &self.answers.len())
            .finish()
    }
}

/// Whether `a` and `b` are written as the same text: equal, with every time at the same
/// offset too (`==` on times compares the instants only).
fn same_text(a: &Answer, b: &Answer) -> bool {
    fn offsets(x: &Answer) -> impl Iterator<Item = i32> + '_ {
        x.updated
            .iter()
            .chain(x.notes.iter().map(|n| &n.at))
            .map(|t| t.0.offset().local_minus_utc())
    }
    a == b && offsets(a).eq(offsets(b))
}

fn int(out: &mut String, key: &str, value: u32) {
    out.push_str(key);
    out.push_str(" = ");
    let mut buf = [0u8; 10];
    let mut at = buf.len();
    let mut v = value;
    loop {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
    out.push('\n');
}

/// A string that needs no escaping (vocabulary keys).
fn bare(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = \"");
    out.push_str(value);
    out.push_str("\"\n");
}

fn string(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    if value.contains('\n') {
        // After the opening quotes a line break is not part of the value.
        out.push_str("\"\"\"\n");
        escaped(out, value, true);
        out.push_str("\"\"\"\n");
    } else {
        out.push('"');
        escaped(out, value, false);
        out.push_str("\"\n");
    }
}

fn opt_string(out: &mut String, key: &str, value: &str) {
    if !value.is_empty() {
        string(out, key, value);
    }
}

/// A table key: bare when it can be, else a basic string.
fn table_key(out: &mut String, key: &str) {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        out.push_str(key);
    } else {
        out.push('"');
        escaped(out, key, false);
        out.push('"');
    }
}

/// Push `value` with `"`, `\` and control characters escaped (line breaks kept in a
/// multi-line string; tabs always kept).
fn escaped(out: &mut String, value: &str, multiline: bool) {
    let bytes = value.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Most text (Chinese above all) has nothing to escape: skip it 32, then eight bytes at
        // a time.
        if let Some(chunk) = bytes.get(i..i + 32) {
            let word = |k: usize| u64::from_le_bytes(chunk[k..k + 8].try_into().unwrap_or([0; 8]));
            if !(may_need_escape(word(0))
                | may_need_escape(word(8))
                | may_need_escape(word(16))
                | may_need_escape(word(24)))
            {
                i += 32;
                continue;
            }
        }
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            if !may_need_escape(word) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' if multiline => "",
            b'\n' => "\\n",
            b'\t' => "",
            b'\r' => "\\r",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f | 0x7f => "\\u",
            _ => "",
        };
        if !escape.is_empty() {
            // `i` is an ASCII byte, so a character boundary.
            out.push_str(&value[start..i]);
            out.push_str(escape);
            if escape == "\\u" {
                out.push_str("00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
            start = i + 1;
        }
        i += 1;
    }
    out.push_str(&value[start..]);
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Whether any of the eight bytes may be `"`, `\`, DEL or a control character (false
/// positives allowed: the bytes are then looked at one by one).
fn may_need_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x20, or equal to one of the three: the classic "has zero byte" test.
    let below = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    below
        | zero(word ^ (ONES * u64::from(b'"')))
        | zero(word ^ (ONES * u64::from(b'\\')))
        | zero(word ^ (ONES * 0x7f))
        != 0
}

/// Whether any of the eight bytes may be `b` (false positives allowed).
fn has_byte(word: u64, b: u8) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let x = word ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & (ONES * 0x80) != 0
}

fn time(out: &mut String, key: &str, t: &Timestamp) -> Result<(), String> {
    let local = t.0.naive_local();
    let offset = t.0.offset().local_minus_utc();
    let nanos = local.nanosecond();
    let year = local.year();
    if !(0..=9999).contains(&year) || offset % 60 != 0 || nanos >= 1_000_000_000 {
        return Err(format!(
            "{key}: the time {} cannot be written as a TOML date-time",
            t.0
        ));
    }
    let minutes = offset / 60;
    let fields = [
        (year as u32, 4, b'-'),
        (local.month(), 2, b'-'),
        (local.day(), 2, b'T'),
        (local.hour(), 2, b':'),
        (local.minute(), 2, b':'),
        (local.second(), 2, 0),
    ];
    let mut buf = [0u8; 19];
    let mut at = 0;
    for (value, width, sep) in fields {
        let mut v = value;
        for k in (0..width).rev() {
            buf[at + k] = b'0' + (v % 10) as u8;
            v /= 10;
        }
        at += width;
        if sep != 0 {
            buf[at] = sep;
            at += 1;
        }
    }
    out.push_str(key);
    out.push_str(" = ");
    out.push_str(std::str::from_utf8(&buf).unwrap_or_default());
    if nanos != 0 {
        let digits = format!("{nanos:09}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    let sign = if minutes < 0 { '-' } else { '+' };
    let (h, m) = (minutes.unsigned_abs() / 60, minutes.unsigned_abs() % 60);
    for c in [
        sign,
        digit(h / 10),
        digit(h % 10),
        ':',
        digit(m / 10),
        digit(m % 10),
        '\n',
    ] {
        out.push(c);
    }
    Ok(())
}

fn digit(d: u32) -> char {
    char::from_digit(d % 10, 10).unwrap_or('0')
}

// ---------------------------------------------------------------------------------------------
// Reading

/// The record in `text` if it is in the canonical shape [`write`] produces; `None` for anything
/// else (which the caller hands to the full TOML parser). Never wrong when it answers: the
/// shape it accepts is a strict subset of TOML, read the way the `toml` crate reads it.
pub fn read(text: &str) -> Option<Record> {
    if text.contains('\r') {
        return None;
    }
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        pos: 0,
    };
    let mut top = TopB::default();
    let mut templates = Vec::new();
    let mut sources = Vec::new();
    let mut answers: BTreeMap<String, Answer> = BTreeMap::new();
    // The table the next `key = value` lines go to.
    let mut table = Table::Top;
    let mut current: Option<(String, AnswerB)> = None;

    while let Some(b) = p.peek() {
        match b {
            b'\n' => p.pos += 1,
            b'[' => {
                table.finish(&mut templates, &mut sources, current.as_mut())?;
                table = match p.header()? {
                    Header::Templates => Table::Template(TemplateB::default()),
                    Header::Sources => Table::Source(SourceB::default()),
                    Header::Answer(key) => {
                        if let Some((k, a)) = current.take() {
                            answers.insert(k, a.build());
                        }
                        if answers.contains_key(&key) {
                            return None;
                        }
                        current = Some((key, AnswerB::default()));
                        Table::Answer
                    }
                    Header::Notes(key) => {
                        if current.as_ref()?.0 != key {
                            return None;
                        }
                        Table::Note(NoteB::default())
                    }
                    Header::Finding(key) => {
                        let (k, a) = current.as_mut()?;
                        if *k != key || a.finding.is_some() {
                            return None;
                        }
                        a.finding = Some(FindingB::default());
                        Table::Finding
                    }
                };
            }
            _ => {
                let key = p.key()?;
                match &mut table {
                    Table::Top => top.set(key, &mut p)?,
                    Table::Template(t) => t.set(key, &mut p)?,
                    Table::Source(s) => s.set(key, &mut p)?,
                    Table::Answer => current.as_mut()?.1.set(key, &mut p)?,
                    Table::Note(n) => n.set(key, &mut p)?,
                    Table::Finding => current.as_mut()?.1.finding.as_mut()?.set(key, &mut p)?,
                }
                p.end_of_line()?;
            }
        }
    }
    table.finish(&mut templates, &mut sources, current.as_mut())?;
    if let Some((k, a)) = current {
        answers.insert(k, a.build());
    }
    Some(Record {
        format: top.format?,
        unit: top.unit?,
        round: top.round?,
        group: top.group.unwrap_or_default(),
        inspector: top.inspector?,
        created: top.created?,
        updated: top.updated?,
        templates,
        sources,
        answers,
    })
}

/// The table being filled; array-of-tables entries are finished when the next header starts.
enum Table {
    Top,
    Template(TemplateB),
    Source(SourceB),
    Answer,
    Note(NoteB),
    Finding,
}

impl Table {
    fn finish(
        &mut self,
        templates: &mut Vec<TemplateRef>,
        sources: &mut Vec<Source>,
        current: Option<&mut (String, AnswerB)>,
    ) -> Option<()> {
        match std::mem::replace(self, Table::Top) {
            Table::Template(t) => templates.push(TemplateRef {
                id: t.id?,
                version: t.version?,
            }),
            Table::Source(s) => sources.push(Source {
                code: s.code?,
                kind: s.kind?,
                reference: s.reference.unwrap_or_default(),
                at: s.at,
            }),
            Table::Note(n) => current?.1.notes.push(Note {
                id: n.id?,
                at: n.at?,
                source: n.source.unwrap_or_default(),
                text: n.text?,
                people: n.people.unwrap_or_default(),
                figures: n.figures.unwrap_or_default(),
            }),
            Table::Top | Table::Answer | Table::Finding => {}
        }
        Some(())
    }
}

enum Header {
    Templates,
    Sources,
    Answer(String),
    Notes(String),
    Finding(String),
}

/// Set a field that must not be set twice (TOML: a duplicate key is an error).
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

#[derive(Default)]
struct TopB {
    format: Option<u32>,
    unit: Option<String>,
    round: Option<String>,
    group: Option<String>,
    inspector: Option<String>,
    created: Option<Timestamp>,
    updated: Option<Timestamp>,
}

impl TopB {
    fn set(&mut self, key: &str, p: &mut Parser) -> Option<()> {
        match key {
            "format" => once(&mut self.format, p.int()?),
            "unit" => once(&mut self.unit, p.string()?),
            "round" => once(&mut self.round, p.string()?),
            "group" => once(&mut self.group, p.string()?),
            "inspector" => once(&mut self.inspector, p.string()?),
            "created" => once(&mut self.created, p.time()?),
            "updated" => once(&mut self.updated, p.time()?),
            _ => None,
        }
    }
}

#[derive(Default)]
struct TemplateB {
    id: Option<String>,
    version: Option<String>,
}

impl TemplateB {
    fn set(&mut self, key: &str, p: &mut Parser) -> Option<()> {
        match key {
            "id" => once(&mut self.id, p.string()?),
            "version" => once(&mut self.version, p.string()?),
            _ => None,
        }
    }
}

#[derive(Default)]
struct SourceB {
    code: Option<String>,
    kind: Option<SourceKind>,
    reference: Option<String>,
    at: Option<Timestamp>,
}

impl SourceB {
    fn set(&mut self, key: &str, p: &mut Parser) -> Option<()> {
        match key {
            "code" => once(&mut self.code, p.string()?),
            "kind" => once(&mut self.kind, vocab(&p.string()?)?),
            "reference" => once(&mut self.reference, p.string()?),
            "at" => once(&mut self.at, p.time()?),
            _ => None,
        }
    }
}

#[derive(Default)]
struct AnswerB {
    status: Option<Status>,
    updated: Option<Timestamp>,
    notes: Vec<Note>,
    finding: Option<FindingB>,
}

impl AnswerB {
    /// Only reached before the answer's first sub-table: keys after a sub-table's header
    /// belong to that sub-table.
    fn set(&mut self, key: &str, p: &mut Parser) -> Option<()> {
        match key {
            "status" => once(&mut self.status, vocab(&p.string()?)?),
            "updated" => once(&mut self.updated, p.time()?),
            _ => None,
        }
    }

    fn build(self) -> Answer {
        Answer {
            status: self.status.unwrap_or_default(),
            updated: self.updated,
            notes: self.notes,
            finding: self.finding.map(|f| Finding {
                title: f.title.unwrap_or_default(),
                statement: f.statement.unwrap_or_default(),
                feedback_text: f.feedback_text,
                people: f.people.unwrap_or_default(),
                figures: f.figures.unwrap_or_default(),
                basis: f.basis.unwrap_or_default(),
                category: f.category,
                transfer: f.transfer.unwrap_or(false),
            }),
        }
    }
}

#[derive(Default)]
struct NoteB {
    id: Option<u32>,
    at: Option<Timestamp>,
    source: Option<String>,
    text: Option<String>,
    people: Option<String>,
    figures: Option<String>,
}

impl NoteB {
    fn set(&mut self, key: &str, p: &mut Parser) -> Option<()> {
        match key {
            "id" => once(&mut self.id, p.int()?),
            "at" => once(&mut self.at, p.time()?),
            "source" => once(&mut self.source, p.string()?),
            "text" => once(&mut self.text, p.string()?),
            "people" => once(&mut self.people, p.string()?),
            "figures" => once(&mut self.figures, p.string()?),
            _ => None,
        }
    }
}

#[derive(Default)]
struct FindingB {
    title: Option<String>,
    statement: Option<String>,
    feedback_text: Option<String>,
    people: Option<String>,
    figures: Option<String>,
    basis: Option<String>,
    category: Option<Category>,
    transfer: Option<bool>,
}

impl FindingB {
    fn set(&mut self, key: &str, p: &mut Parser) -> Option<()> {
        match key {
            "title" => once(&mut self.title, p.string()?),
            "statement" => once(&mut self.statement, p.string()?),
            "feedback_text" => once(&mut self.feedback_text, p.string()?),
            "people" => once(&mut self.people, p.string()?),
            "figures" => once(&mut self.figures, p.string()?),
            "basis" => once(&mut self.basis, p.string()?),
            "category" => once(&mut self.category, vocab(&p.string()?)?),
            "transfer" => once(&mut self.transfer, p.bool()?),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Checklist templates

/// The template in `text` if it is written in the plain shape of the built-in checklists:
/// `key = value` lines (basic or literal strings, one-line arrays of strings, `true`/`false`)
/// under `[[sections]]`, `[[sections.items]]` and `[[sections.items.thresholds]]`, blank lines
/// between. `None` for anything else (comments, other spacing, unknown or repeated keys, tables
/// out of place), which goes to the `toml` crate. Parsing the four built-in checklists with
/// the `toml` crate took about 0.45 ms of every start.
///
/// The spans of the result are empty: a template that fails validation is parsed again by the
/// `toml` crate, whose spans position every message.
pub(super) fn read_template(text: &str) -> Option<RawTemplate> {
    if text.contains('\r') {
        return None;
    }
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        pos: 0,
    };
    let mut top = TemplateTop::default();
    let mut sections: Vec<SectionB> = Vec::new();
    // Which table the next `key = value` lines go to.
    let mut level = 0;
    while let Some(b) = p.peek() {
        match b {
            b'\n' => p.pos += 1,
            b'[' => {
                level = if p.eat(b"[[sections]]") {
                    sections.push(SectionB::default());
                    1
                } else if p.eat(b"[[sections.items]]") {
                    sections.last_mut()?.items.push(ItemB::default());
                    2
                } else if p.eat(b"[[sections.items.thresholds]]") {
                    let item = sections.last_mut()?.items.last_mut()?;
                    item.thresholds.push(ThresholdB::default());
                    3
                } else {
                    return None;
                };
                p.end_of_line()?;
            }
            _ => {
                let key = p.key()?;
                match level {
                    0 => top.set(key, &mut p)?,
                    1 => sections.last_mut()?.set(key, &mut p)?,
                    2 => sections.last_mut()?.items.last_mut()?.set(key, &mut p)?,
                    _ => {
                        let item = sections.last_mut()?.items.last_mut()?;
                        item.thresholds.last_mut()?.set(key, &mut p)?;
                    }
                }
                p.end_of_line()?;
            }
        }
    }
    Some(RawTemplate {
        id: spanned(top.id?),
        title: spanned(top.title?),
        version: spanned(top.version?),
        description: top.description.unwrap_or_default(),
        basis: top.basis.unwrap_or_default(),
        sections: sections
            .into_iter()
            .map(SectionB::build)
            .collect::<Option<_>>()?,
    })
}

fn spanned<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

#[derive(Default)]
struct TemplateTop {
    id: Option<String>,
    title: Option<String>,
    version: Option<String>,
    description: Option<String>,
    basis: Option<Vec<String>>,
}

impl TemplateTop {
    fn set(&mut self, key: &str, p: &mut Parser) -> Option<()> {
        match key {
            "id" => once(&mut self.id, p.string()?),
            "title" => once(&mut self.title, p.string()?),
            "version" => once(&mut self.version, p.string()?),
            "description" => once(&mut self.description, p.string()?),
            "basis" => once(&mut self.basis, p.strings()?),
            _ => None,
        }
    }
}

#[derive(Default)]
struct SectionB {
    id: Option<String>,
    title: Option<String>,
    items: Vec<ItemB>,
}

impl SectionB {
    fn set(&mut self, key: &str, p: &mut Parser) -> Option<()> {
        // Keys after the first item would belong to the item in TOML: not this shape.
        if !self.items.is_empty() {
            return None;
        }
        match key {
            "id" => once(&mut self.id, p.string()?),
            "title" => once(&mut self.title, p.string()?),
            _ => None,
        }
    }

    fn build(self) -> Option<RawSection> {
        Some(RawSection {
            id: spanned(self.id?),
            title: spanned(self.title?),
            items: self
                .items
                .into_iter()
                .map(ItemB::build)
                .collect::<Option<_>>()?,
        })
    }
}

#[derive(Default)]
struct ItemB {
    id: Option<String>,
    text: Option<String>,
    guide: Option<String>,
    methods: Option<Vec<SourceKind>>,
    category: Option<Category>,
    unverified: Option<bool>,
    note: Option<String>,
    thresholds: Vec<ThresholdB>,
}

impl ItemB {
    fn set(&mut self, key: &str, p: &mut Parser) -> Option<()> {
        if !self.thresholds.is_empty() {
            return None;
        }
        match key {
            "id" => once(&mut self.id, p.string()?),
            "text" => once(&mut self.text, p.string()?),
            "guide" => once(&mut self.guide, p.string()?),
            "methods" => {
                let kinds: Option<Vec<SourceKind>> =
                    p.strings()?.iter().map(|s| vocab(s)).collect();
                once(&mut self.methods, kinds?)
            }
            "category" => once(&mut self.category, vocab(&p.string()?)?),
            "unverified" => once(&mut self.unverified, p.bool()?),
            "note" => once(&mut self.note, p.string()?),
            _ => None,
        }
    }

    fn build(self) -> Option<RawItem> {
        Some(RawItem {
            id: spanned(self.id?),
            text: spanned(self.text?),
            guide: spanned(self.guide?),
            methods: spanned(self.methods?),
            category: self.category?,
            unverified: self.unverified.unwrap_or_default(),
            note: self.note.unwrap_or_default(),
            thresholds: self
                .thresholds
                .into_iter()
                .map(|t| {
                    Some(Threshold {
                        name: t.name?,
                        value: t.value?,
                        note: t.note.unwrap_or_default(),
                    })
                })
                .collect::<Option<_>>()?,
        })
    }
}

#[derive(Default)]
struct ThresholdB {
    name: Option<String>,
    value: Option<String>,
    note: Option<String>,
}

impl ThresholdB {
    fn set(&mut self, key: &str, p: &mut Parser) -> Option<()> {
        match key {
            "name" => once(&mut self.name, p.string()?),
            "value" => once(&mut self.value, p.string()?),
            "note" => once(&mut self.note, p.string()?),
            _ => None,
        }
    }
}

/// A vocabulary key (or its Chinese alias), read the way serde reads it.
fn vocab<T: for<'de> Deserialize<'de>>(s: &str) -> Option<T> {
    T::deserialize(StrDeserializer::<ValueError>::new(s)).ok()
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.s[self.pos..].starts_with(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    /// End of the line (or of the text), nothing else.
    fn end_of_line(&mut self) -> Option<()> {
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.pos += 1;
                Some(())
            }
            Some(_) => None,
        }
    }

    /// `name = ` with a name of lowercase ASCII letters and `_` (`feedback_text`).
    fn key(&mut self) -> Option<&'a str> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
        {
            self.pos += 1;
        }
        let name = &self.text[start..self.pos];
        (!name.is_empty() && self.eat(b" = ")).then_some(name)
    }

    fn bool(&mut self) -> Option<bool> {
        if self.eat(b"true") {
            Some(true)
        } else if self.eat(b"false") {
            Some(false)
        } else {
            None
        }
    }

    fn header(&mut self) -> Option<Header> {
        let header = if self.eat(b"[[templates]]") {
            Header::Templates
        } else if self.eat(b"[[sources]]") {
            Header::Sources
        } else if self.eat(b"[[answers.") {
            let key = self.table_key()?;
            if !self.eat(b".notes]]") {
                return None;
            }
            Header::Notes(key)
        } else if self.eat(b"[answers.") {
            let key = self.table_key()?;
            if self.eat(b"]") {
                Header::Answer(key)
            } else if self.eat(b".finding]") {
                Header::Finding(key)
            } else {
                return None;
            }
        } else {
            return None;
        };
        self.end_of_line()?;
        Some(header)
    }

    /// A bare key or a basic string.
    fn table_key(&mut self) -> Option<String> {
        if self.peek() == Some(b'"') {
            self.pos += 1;
            return self.basic();
        }
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            self.pos += 1;
        }
        (self.pos > start).then(|| self.text[start..self.pos].to_string())
    }

    fn int(&mut self) -> Option<u32> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        let digits = &self.text[start..self.pos];
        if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
            return None;
        }
        digits.parse().ok()
    }

    fn string(&mut self) -> Option<String> {
        if self.eat(b"\"\"\"") {
            self.multiline()
        } else if self.eat(b"\"") {
            self.basic()
        } else if self.peek() == Some(b'\'') && !self.s[self.pos..].starts_with(b"'''") {
            self.pos += 1;
            self.literal()
        } else {
            None
        }
    }

    /// A one-line array of strings: `[]` or `["a", "b"]`, exactly so spaced.
    fn strings(&mut self) -> Option<Vec<String>> {
        if !self.eat(b"[") {
            return None;
        }
        let mut out = Vec::new();
        if self.eat(b"]") {
            return Some(out);
        }
        loop {
            out.push(self.string()?);
            if self.eat(b"]") {
                return Some(out);
            }
            if !self.eat(b", ") {
                return None;
            }
        }
    }

    /// Skip 32, then eight bytes at a time while none of them can end a string, start an
    /// escape or be a control character.
    fn skip_plain(&mut self) {
        let plain = |word: u64| !(may_need_escape(word) | has_byte(word, b'\''));
        while let Some(chunk) = self.s.get(self.pos..self.pos + 32) {
            let word = |k: usize| u64::from_le_bytes(chunk[k..k + 8].try_into().unwrap_or([0; 8]));
            if !(plain(word(0)) & plain(word(8)) & plain(word(16)) & plain(word(24))) {
                break;
            }
            self.pos += 32;
        }
        while let Some(chunk) = self.s.get(self.pos..self.pos + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            if may_need_escape(word) || has_byte(word, b'\'') {
                return;
            }
            self.pos += 8;
        }
    }

    /// The rest of a basic string, after its opening quote.
    fn basic(&mut self) -> Option<String> {
        let mut out = String::new();
        let mut start = self.pos;
        loop {
            self.skip_plain();
            let b = self.peek()?;
            match b {
                b'"' => {
                    out.push_str(&self.text[start..self.pos]);
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => {
                    out.push_str(&self.text[start..self.pos]);
                    self.pos += 1;
                    out.push(self.escape()?);
                    start = self.pos;
                }
                b'\t' => self.pos += 1,
                0..=0x1f | 0x7f => return None,
                _ => self.pos += 1,
            }
        }
    }

    /// The rest of a multi-line basic string, after its opening quotes.
    fn multiline(&mut self) -> Option<String> {
        if self.peek() == Some(b'\n') {
            self.pos += 1;
        }
        let mut out = String::new();
        let mut start = self.pos;
        loop {
            self.skip_plain();
            let b = self.peek()?;
            match b {
                b'"' if self.s[self.pos..].starts_with(b"\"\"\"") => {
                    // Quotes right before the closing ones belong to the value: not written
                    // by `write`, left to the full parser.
                    if self.s.get(self.pos + 3) == Some(&b'"') {
                        return None;
                    }
                    out.push_str(&self.text[start..self.pos]);
                    self.pos += 3;
                    return Some(out);
                }
                b'\\' => {
                    out.push_str(&self.text[start..self.pos]);
                    self.pos += 1;
                    out.push(self.escape()?);
                    start = self.pos;
                }
                b'\t' | b'\n' | b'"' => self.pos += 1,
                0..=0x1f | 0x7f => return None,
                _ => self.pos += 1,
            }
        }
    }

    /// The rest of a literal string, after its opening quote.
    fn literal(&mut self) -> Option<String> {
        let start = self.pos;
        loop {
            self.skip_plain();
            match self.peek()? {
                b'\'' => {
                    let value = self.text[start..self.pos].to_string();
                    self.pos += 1;
                    return Some(value);
                }
                b'\t' => self.pos += 1,
                0..=0x1f | 0x7f => return None,
                _ => self.pos += 1,
            }
        }
    }

    /// An escape, after its backslash: those of TOML 1.0 only.
    fn escape(&mut self) -> Option<char> {
        let b = self.peek()?;
        self.pos += 1;
        match b {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'n' => Some('\n'),
            b't' => Some('\t'),
            b'r' => Some('\r'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'u' => self.hex(4),
            b'U' => self.hex(8),
            _ => None,
        }
    }

    fn hex(&mut self, digits: usize) -> Option<char> {
        let hex = self.text.get(self.pos..self.pos + digits)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += digits;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM`, as `write` puts it: a fraction of one to nine
    /// digits (what TOML date-times hold), an offset in whole minutes.
    fn time(&mut self) -> Option<Timestamp> {
        let num = |field: &[u8]| -> Option<u32> {
            field.iter().try_fold(0u32, |n, &b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let field = self.s.get(self.pos..self.pos + 19)?;
        let shape = field[4] == b'-'
            && field[7] == b'-'
            && field[10] == b'T'
            && field[13] == b':'
            && field[16] == b':';
        if !shape || num(&field[17..19])? > 59 {
            return None;
        }
        let mut end = self.pos + 19;
        let mut nanos = 0;
        if self.s.get(end) == Some(&b'.') {
            let digits = self.s[end + 1..]
                .iter()
                .take(10)
                .take_while(|b| b.is_ascii_digit())
                .count();
            if !(1..=9).contains(&digits) {
                return None;
            }
            nanos = num(&self.s[end + 1..end + 1 + digits])? * 10u32.pow(9 - digits as u32);
            end += 1 + digits;
        }
        let offset = self.s.get(end..end + 6)?;
        let sign = match offset[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        if offset[3] != b':' {
            return None;
        }
        let (oh, om) = (num(&offset[1..3])?, num(&offset[4..6])?);
        if oh > 23 || om > 59 || (sign < 0 && oh == 0 && om == 0) {
            return None;
        }
        let t = Timestamp::from_fields(
            (
                i32::try_from(num(&field[0..4])?).ok()?,
                num(&field[5..7])?,
                num(&field[8..10])?,
            ),
            (
                num(&field[11..13])?,
                num(&field[14..16])?,
                num(&field[17..19])?,
                nanos,
            ),
            sign * i32::try_from(oh * 60 + om).ok()?,
        )?;
        self.pos = end + 6;
        Some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, TimeZone};

    fn ts(h: u32) -> Timestamp {
        Timestamp(
            FixedOffset::east_opt(8 * 3600)
                .unwrap()
                .with_ymd_and_hms(2026, 11, 26, h, 30, 0)
                .unwrap(),
        )
    }

    fn sample() -> Record {
        let mut r = Record::new("计算机学院", "第三轮", "", "张三", &[], ts(9));
        r.templates.push(TemplateRef {
            id: "sankan".into(),
            version: "2026.1".into(),
        });
        r.sources.push(Source {
            code: "T01".into(),
            kind: SourceKind::Interview,
            reference: "与书记\"王某\"谈话\t\\".into(),
            at: Some(ts(10)),
        });
        r.answers.insert(
            "sankan/lag".into(),
            Answer {
                status: Status::Problem,
                updated: Some(ts(11)),
                notes: vec![Note {
                    id: 7,
                    at: ts(11),
                    source: "T01".into(),
                    text: "第一行\n第二行 \"引号\"\u{1b}".into(),
                    people: String::new(),
                    figures: "62 天".into(),
                }],
                finding: Some(Finding {
                    statement: "滞后".into(),
                    category: Some(Category::Leadership),
                    transfer: true,
                    ..Finding::default()
                }),
            },
        );
        r.answers.insert("odd key \"x\"".into(), Answer::default());
        r
    }

    const SAMPLE: &str = r#"format = 1
unit = "计算机学院"
round = "第三轮"
inspector = "张三"
created = 2026-11-26T09:30:00+08:00
updated = 2026-11-26T09:30:00+08:00

[[templates]]
id = "sankan"
version = "2026.1"

[[sources]]
code = "T01"
kind = "interview"
reference = "与书记\"王某\"谈话	\\"
at = 2026-11-26T10:30:00+08:00

[answers."odd key \"x\""]
status = "unchecked"

[answers."sankan/lag"]
status = "problem"
updated = 2026-11-26T11:30:00+08:00

[[answers."sankan/lag".notes]]
id = 7
at = 2026-11-26T11:30:00+08:00
source = "T01"
text = """
第一行
第二行 \"引号\"\u001B"""
figures = "62 天"

[answers."sankan/lag".finding]
statement = "滞后"
category = "leadership"
transfer = true
"#;

    #[test]
    fn writes_the_documented_shape() {
        assert_eq!(write(&sample()).unwrap(), SAMPLE);
    }

    #[test]
    fn writing_into_a_used_buffer_gives_the_same_text() {
        let mut buffer = String::from("旧的内容，不应留下");
        write_into(&sample(), &mut buffer).unwrap();
        assert_eq!(buffer, SAMPLE);
        write_into(&sample(), &mut buffer).unwrap();
        assert_eq!(buffer, SAMPLE);
    }

    #[test]
    fn reads_what_it_writes_as_toml_does() {
        assert_eq!(read(SAMPLE), Some(sample()));
        assert_eq!(toml::from_str::<Record>(SAMPLE).unwrap(), sample());
    }

    #[test]
    fn times_keep_their_offset_and_fraction() {
        let mut r = sample();
        r.created = Timestamp(
            FixedOffset::west_opt(3 * 3600 + 30 * 60)
                .unwrap()
                .with_ymd_and_hms(1999, 1, 2, 3, 4, 5)
                .unwrap(),
        );
        r.updated = Timestamp(r.created.0 + chrono::Duration::milliseconds(250));
        let text = write(&r).unwrap();
        assert!(
            text.contains("created = 1999-01-02T03:04:05-03:30\n"),
            "{text}"
        );
        assert!(
            text.contains("updated = 1999-01-02T03:04:05.25-03:30\n"),
            "{text}"
        );
        // Read back directly and by the full parser: the same instants in the same offsets.
        let direct = read(&text).expect("the written shape is read directly");
        let full: Record = toml::from_str(&text).unwrap();
        assert_eq!(format!("{direct:?}"), format!("{r:?}"));
        assert_eq!(format!("{full:?}"), format!("{r:?}"));
    }

    /// Fractions of one to nine digits are read directly, as toml reads them; anything else
    /// is left to the full parser, which reads or refuses it.
    #[test]
    fn fractions_of_a_second() {
        let base = write(&sample()).unwrap();
        let at = "created = 2026-11-26T09:30:00";
        assert!(base.contains(at), "{base}");
        for fraction in [".5", ".05", ".123456789", ".000000001", ".500"] {
            let text = base.replacen(at, &format!("{at}{fraction}"), 1);
            let direct = read(&text).unwrap_or_else(|| panic!("{fraction}"));
            let full: Record = toml::from_str(&text).unwrap();
            assert_eq!(format!("{direct:?}"), format!("{full:?}"), "{fraction}");
            assert_ne!(direct.created, sample().created, "{fraction}");
        }
        for fraction in [".", ".1234567891", ".5x", ".+", "..5"] {
            let text = base.replacen(at, &format!("{at}{fraction}"), 1);
            assert_eq!(read(&text), None, "{fraction}");
        }
    }

    /// Valid TOML in another shape: not read directly, read by the full parser, same record.
    #[test]
    fn other_shapes_go_to_the_full_parser() {
        let cases = [
            SAMPLE.replace('\n', "\r\n"),
            format!("# 注释\n{SAMPLE}"),
            SAMPLE.replace("round = \"第三轮\"", "round = \"第三轮\"   "),
            SAMPLE.replace("round = \"第三轮\"", "round=\"第三轮\""),
            SAMPLE.replace("round = \"第三轮\"", "\"round\" = \"第三轮\""),
            SAMPLE.replace("[answers.\"sankan/lag\"]", "[ answers.\"sankan/lag\" ]"),
            SAMPLE.replace("[answers.\"sankan/lag\"]", "[answers.'sankan/lag']"),
            SAMPLE.replace("T09:30:00+08:00\nupdated", "T01:30:00Z\nupdated"),
            SAMPLE.replace(
                "created = 2026-11-26T09:30:00+08:00",
                "created = 2026-11-26 09:30:00+08:00",
            ),
            SAMPLE.replace("第一行\n", "第一行\\\n   "),
            SAMPLE.replace(
                "\u{5f15}\u{53f7}\\\"\\u001B\"\"\"",
                "\u{5f15}\u{53f7}\\\"\\u001B\"\"\"\"\"",
            ),
            SAMPLE.replace("format = 1", "format = +1"),
            SAMPLE.replace("transfer = true", "transfer = true # 移交"),
            SAMPLE.replace(
                "[[templates]]\nid = \"sankan\"\nversion = \"2026.1\"\n",
                "templates = [{id = \"sankan\", version = \"2026.1\"}]\n",
            ),
        ];
        let expected = sample();
        for (i, text) in cases.iter().enumerate() {
            assert_eq!(read(text), None, "case {i}:\n{text}");
            let full = Record::parse("r.toml", text);
            match i {
                // `\` at a line end joins the lines; four quotes end the text with a quote.
                9 | 10 => assert!(full.is_ok(), "case {i}: {full:?}"),
                7 => assert_eq!(full.unwrap().created, ts(9)),
                // Line breaks inside a multi-line string are kept as they are in the file.
                0 => assert_eq!(
                    full.unwrap().answers["sankan/lag"].notes[0].text,
                    "第一行\r\n第二行 \"引号\"\u{1b}"
                ),
                _ => assert_eq!(full.unwrap(), expected, "case {i}"),
            }
        }
    }

    /// What TOML refuses, the direct reader never accepts.
    #[test]
    fn errors_go_to_the_full_parser() {
        let cases = [
            SAMPLE.replace(
                "status = \"problem\"",
                "status = \"problem\"\nstatus = \"doubt\"",
            ),
            SAMPLE.replace(
                "status = \"unchecked\"",
                "status = \"unchecked\"\nstatus = \"doubt\"",
            ),
            SAMPLE.replace(
                "round = \"第三轮\"",
                "round = \"第三轮\"\nround = \"第四轮\"",
            ),
            format!("{SAMPLE}\n[answers.\"sankan/lag\".finding]\n"),
            format!("{SAMPLE}\n[answers.\"sankan/lag\"]\n"),
            format!("{SAMPLE}\n[answers.\"sankan/lag\".notes]\n"),
            SAMPLE.replace("figures = \"62 天\"", "figures = \"62 天\"\nwho = \"x\""),
            SAMPLE.replace("T10:30:00+08:00", "T10:30:00-00:00"),
            SAMPLE.replace("T10:30:00+08:00", "T24:30:00+08:00"),
            SAMPLE.replace("T10:30:00+08:00", "T10:30:60+08:00"),
            SAMPLE.replace("2026-11-26T10", "2026-02-30T10"),
            SAMPLE.replace("谈话", "谈\\e话"),
            SAMPLE.replace("谈话", "谈\\x41话"),
            SAMPLE.replace("谈话", "谈\\uD800话"),
            SAMPLE.replace("谈话", "谈\u{1}话"),
            SAMPLE.replace("id = 7", "id = 07"),
            SAMPLE.replace("id = 7", "id = 4294967296"),
            SAMPLE.replace("kind = \"interview\"", "kind = \"谈心\""),
            SAMPLE.replace("code = \"T01\"\n", ""),
            SAMPLE.replace(
                "[answers.\"sankan/lag\".finding]",
                "[answers.\"odd key \\\"x\\\"\".finding]",
            ),
            SAMPLE.replace("inspector = \"张三\"\n", ""),
            SAMPLE[..SAMPLE.len() - 20].to_string(),
        ];
        for (i, text) in cases.iter().enumerate() {
            assert_eq!(read(text), None, "case {i}:\n{text}");
        }
    }

    #[test]
    fn the_eight_byte_test_misses_no_special_byte() {
        let special = |b: u8| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7f;
        for filler in [b'a', 0xe4, 0xff, b' ', b'~'] {
            for at in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = [filler; 8];
                    bytes[at] = b;
                    let word = u64::from_le_bytes(bytes);
                    if special(b) {
                        assert!(may_need_escape(word), "{b:#x} at {at} among {filler:#x}");
                    }
                    if b == b'\'' {
                        assert!(has_byte(word, b'\''));
                    }
                }
            }
        }
        assert!(!may_need_escape(u64::from_le_bytes(*b"abc~ \xe4\xb8\xad")));
    }

    proptest::proptest! {
        /// A writer kept across saves writes exactly what a fresh `write` does, after any
        /// sequence of changes: texts, notes added, statuses, answers removed and added,
        /// findings, and a time moved to another offset at the same instant (which `==` on
        /// answers does not see).
        #[test]
        fn a_kept_writer_writes_what_a_fresh_write_does(
            ops in proptest::collection::vec((0u8..8, 0usize..4, "[a-z\"\\\\\n中文]{0,12}"), 1..40)
        ) {
            let keys = ["sankan/lag", "a/1", "b/\"x\"", "中/文"];
            let mut r = sample();
            let mut writer = Writer::default();
            proptest::prop_assert_eq!(writer.write(&r).unwrap(), write(&r).unwrap());
            for (op, k, text) in ops {
                let key = keys[k].to_string();
                let a = r.answers.entry(key.clone()).or_default();
                match op {
                    0 => a.notes.iter_mut().for_each(|n| n.text = text.clone()),
                    1 => a.notes.push(Note {
                        id: a.notes.len() as u32 + 1,
                        at: ts(12),
                        source: String::new(),
                        text: text.clone(),
                        people: String::new(),
                        figures: text.clone(),
                    }),
                    2 => a.status = if a.status == Status::Problem { Status::NoProblem } else { Status::Problem },
                    3 => {
                        for n in &mut a.notes {
                            let east = if n.at.0.offset().local_minus_utc() == 0 { 8 * 3600 } else { 0 };
                            n.at = Timestamp(n.at.0.with_timezone(&FixedOffset::east_opt(east).unwrap()));
                        }
                    }
                    4 => {
                        r.answers.remove(&key);
                    }
                    5 => a.finding = Some(Finding { statement: text.clone(), ..Finding::default() }),
                    6 => a.updated = Some(ts(13)),
                    _ => {}
                }
                proptest::prop_assert_eq!(writer.write(&r).unwrap(), write(&r).unwrap());
            }
        }
    }

    #[test]
    fn a_special_byte_anywhere_in_a_long_text_is_written_and_read_back() {
        // Past the 32- and 8-byte skips at every offset: each special character at each place
        // of a text of Chinese and ASCII, in a one-line and in a multi-line note.
        let base = "巡察清单ab三看cd政治纪律ef一岗双责gh中央八项规定精神ij".repeat(2);
        for special in ["\"", "\\", "\t", "\u{1}", "\u{1b}", "\u{7f}", "'", "\r"] {
            for (at, _) in base.char_indices() {
                for tail in ["", "\n第二行"] {
                    let mut text = base.clone();
                    text.insert_str(at, special);
                    text.push_str(tail);
                    let mut r = sample();
                    r.answers.get_mut("sankan/lag").unwrap().notes[0].text = text.clone();
                    r.sources[0].reference = text.replace('\n', " ");
                    let written = write(&r).unwrap();
                    let back = read(&written).unwrap_or_else(|| panic!("{written}"));
                    assert_eq!(back.answers["sankan/lag"].notes[0].text, text);
                    assert_eq!(back.sources[0].reference, text.replace('\n', " "));
                    assert_eq!(toml::from_str::<Record>(&written).unwrap(), back);
                }
            }
        }
    }

    proptest::proptest! {
        /// Any eight bytes, several special ones among them included: never a miss (a borrow
        /// from one byte must not hide another).
        #[test]
        fn the_eight_byte_test_misses_nothing_in_any_word(
            bytes in proptest::array::uniform8(proptest::prop_oneof![
                proptest::prelude::any::<u8>(),
                proptest::sample::select(vec![0u8, 0x1f, 0x20, b'"', b'\\', b'\'', 0x7f, 0x80, 0xff]),
            ])
        ) {
            let word = u64::from_le_bytes(bytes);
            let special = bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7f);
            if special {
                proptest::prop_assert!(may_need_escape(word), "{:x?}", bytes);
            }
            if bytes.contains(&b'\'') {
                proptest::prop_assert!(has_byte(word, b'\''), "{:x?}", bytes);
            }
        }
    }

    #[test]
    fn chinese_aliases_read_as_keys() {
        let text = SAMPLE
            .replace("\"problem\"", "\"发现问题\"")
            .replace("\"interview\"", "\"个别谈话\"");
        assert_eq!(read(&text), Some(sample()));
        let text = SAMPLE
            .replace("第三轮", "第\\u4E09轮")
            .replace("张三", "张\\U00004E09");
        assert_eq!(read(&text), Some(sample()));
    }
}
