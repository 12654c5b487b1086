//! Filling one demo record: sources, notes, answers and findings drawn from the planned texts
//! of `demo.toml`, each at the next moment of a working day.

use super::texts::{Planned, PlannedFinding, SectionText, texts};
use super::{Builder, Rng, ts};
use crate::model::record::{Answer, Finding, Note, Source, Timestamp};
use crate::model::template::{Item, Role, answer_key};
use crate::model::vocab::{SourceKind, Status};

impl Builder<'_> {
    /// The next moment of work: a few minutes later, within 09:00–17:00 of a day before the
    /// record's last change.
    pub(super) fn tick(&mut self) -> Timestamp {
        const DAY: i64 = 8 * 60;
        self.worked = (self.worked + self.rng.range(3, 40) as i64) % (self.days * DAY);
        let day = self.worked / DAY;
        self.clock = ts(self.day0, day * 24 * 60 + self.worked % DAY);
        self.clock
    }

    pub(super) fn add_source(&mut self, kind: SourceKind, reference: String) {
        self.add_source_with(kind, reference, None);
    }

    /// A source with its 谈话对象 (`role`), for an interview.
    pub(super) fn add_source_with(
        &mut self,
        kind: SourceKind,
        reference: String,
        role: Option<Role>,
    ) {
        let code = self.record.suggest_source_code(kind);
        let at = Some(self.tick());
        self.record.sources.push(Source {
            code,
            kind,
            reference,
            at,
            role,
        });
    }

    pub(super) fn add_sources(&mut self, u: usize, j: usize) {
        let texts = texts();
        let t = &texts.sources;
        let unit = self.record.unit.clone();
        let roles = texts.roles.of(self.unit_kind);
        let surnames = &texts.surnames;
        let interviews = 3 + self.rng.below(3);
        for n in 0..interviews {
            let who = &roles[(n as usize + j * 3 + u) % roles.len()];
            let surname = &surnames[self.rng.below(surnames.len() as u64) as usize];
            let reference = t
                .interview
                .replace("{role}", &who.title)
                .replace("{surname}", surname)
                .replace("{unit}", &unit);
            self.add_source_with(SourceKind::Interview, reference, who.role);
        }
        self.add_source(SourceKind::Briefing, t.briefing.replace("{unit}", &unit));
        for n in 0..(2 + self.rng.below(2)) {
            let doc = &t.documents[(n as usize * 3 + u + j) % t.documents.len()];
            self.add_source(SourceKind::Documents, doc.clone());
        }
        let surveyed = self.rng.range(60, 140);
        let returned = surveyed - self.rng.below(8);
        let survey = t
            .survey
            .replace("{surveyed}", &surveyed.to_string())
            .replace("{returned}", &returned.to_string());
        self.add_source(SourceKind::Survey, survey);
        self.add_source(SourceKind::SitIn, t.sit_in.replace("{unit}", &unit));
        self.add_source(SourceKind::SiteVisit, t.site_visit.clone());
        if j == 0 {
            let clue = t
                .clue
                .replace("{unit}", &unit)
                .replace("{number}", &(17 + u).to_string());
            self.add_source(SourceKind::Clue, clue);
        }
        if j == 1 || u == 3 {
            self.add_source(SourceKind::PersonalReport, t.personal_report.clone());
        }
    }

    /// A source of the record for an item: one of the item's suggested kinds when the record
    /// has one.
    pub(super) fn source_for(&mut self, methods: &[SourceKind]) -> (String, SourceKind) {
        let fitting: Vec<(String, SourceKind)> = self
            .record
            .sources
            .iter()
            .filter(|s| methods.contains(&s.kind))
            .map(|s| (s.code.clone(), s.kind))
            .collect();
        let pool = if fitting.is_empty() {
            self.record
                .sources
                .iter()
                .map(|s| (s.code.clone(), s.kind))
                .collect()
        } else {
            fitting
        };
        self.rng
            .pick(&pool)
            .cloned()
            .unwrap_or((String::new(), SourceKind::Other))
    }

    pub(super) fn code_of(&self, kind: SourceKind) -> String {
        self.record
            .sources
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.code.clone())
            .unwrap_or_default()
    }

    pub(super) fn note(
        &mut self,
        source: String,
        text: String,
        people: String,
        figures: String,
    ) -> Note {
        let id = self.next_note;
        self.next_note += 1;
        Note {
            id,
            at: self.tick(),
            source,
            text,
            people,
            figures,
        }
    }

    pub(super) fn set(
        &mut self,
        key: &str,
        status: Status,
        notes: Vec<Note>,
        finding: Option<Finding>,
    ) {
        let updated = notes.iter().map(|n| n.at).max().or(Some(self.clock));
        self.record.answers.insert(
            key.to_string(),
            Answer {
                status,
                updated,
                notes,
                finding,
            },
        );
    }

    pub(super) fn answer(&mut self, key: &str, section: &str, item: &Item, status: Status) {
        let text = section_text(section);
        let mut notes = Vec::new();
        if status == Status::NotApplicable {
            let (code, _) = self.source_for(&[SourceKind::Briefing, SourceKind::Documents]);
            let text = texts().not_applicable.of(self.unit_kind).clone();
            let n = self.note(code, text, String::new(), String::new());
            notes.push(n);
            self.set(key, status, notes, None);
            return;
        }
        let count = self.rng.range(2, 4);
        for n in 0..count {
            let (code, kind) = self.source_for(&item.methods);
            let (body, figures) = if status.has_finding() && n == 0 {
                fill(&text.problem, &mut self.rng)
            } else {
                fill(&text.clean[n as usize % 2], &mut self.rng)
            };
            let people = if kind == SourceKind::Interview && self.rng.chance(40) {
                text.people.clone()
            } else {
                String::new()
            };
            let note = self.note(code, format!("{}{body}", prefix(kind)), people, figures);
            notes.push(note);
        }
        let finding = status.has_finding().then(|| {
            let (statement, figures) = fill(&text.problem, &mut self.rng);
            Finding {
                title: String::new(),
                statement,
                feedback_text: None,
                people: text.people.clone(),
                figures,
                basis: text.basis.clone(),
                category: None,
                transfer: false,
                ..Finding::default()
            }
        });
        self.set(key, status, notes, finding);
    }

    /// A note taken, no status chosen yet: an explicit 未查 answer.
    pub(super) fn undecided(&mut self, key: &str, _section: &str, item: &Item) {
        let (code, _) = self.source_for(&item.methods);
        let n = self.note(
            code,
            texts().undecided.clone(),
            String::new(),
            String::new(),
        );
        self.set(key, Status::Unchecked, vec![n], None);
    }

    /// The source a planned note cites: one with the planned reference (added when missing),
    /// else the record's first of that kind.
    pub(super) fn planned_source(&mut self, key: &str, kind: SourceKind) -> String {
        let Some(reference) = planned_reference(key, kind) else {
            return self.code_of(kind);
        };
        if let Some(s) = self
            .record
            .sources
            .iter()
            .find(|s| s.kind == kind && s.reference == reference)
        {
            return s.code.clone();
        }
        self.add_source(kind, reference.to_owned());
        self.record
            .sources
            .last()
            .map(|s| s.code.clone())
            .unwrap_or_default()
    }

    pub(super) fn planned_answer(&mut self, key: &str, p: &Planned) {
        let mut notes = Vec::new();
        for note in &p.notes {
            let code = self.planned_source(key, note.kind);
            let n = self.note(
                code,
                note.text.clone(),
                note.people.clone(),
                note.figures.clone(),
            );
            notes.push(n);
        }
        let finding = p.finding.as_ref().map(PlannedFinding::finding);
        self.set(key, p.status, notes, finding);
    }

    /// An answer to an item that a newer 八项规定 checklist no longer has: kept, shown as orphaned.
    pub(super) fn orphan(&mut self) {
        let orphan = &texts().orphan;
        let template = self
            .templates
            .iter()
            .find(|t| t.id == orphan.template)
            .or(self.templates.first());
        let Some(t) = template else {
            return;
        };
        let key = answer_key(&t.id, &orphan.item);
        let code = self.code_of(SourceKind::Documents);
        let n = self.note(
            code,
            orphan.note.clone(),
            String::new(),
            orphan.figures.clone(),
        );
        self.set(
            key.as_str(),
            Status::Doubt,
            vec![n],
            Some(orphan.finding.finding()),
        );
    }
}

/// How a generated note begins, by the kind of its source: the note's source already says it
/// is a document or a site visit, but what someone *said* is marked as such.
fn prefix(kind: SourceKind) -> &'static str {
    let p = &texts().prefixes;
    match kind {
        SourceKind::Interview => &p.interview,
        SourceKind::Clue => &p.clue,
        SourceKind::Briefing => &p.briefing,
        _ => "",
    }
}

/// The private reference of the source a planned note cites, where the generic one of its
/// kind would not fit.
fn planned_reference(key: &str, kind: SourceKind) -> Option<&'static str> {
    texts()
        .references
        .iter()
        .find(|r| r.key == key && r.kind == kind)
        .map(|r| r.text.as_str())
}

/// Fill `{y}`, `{m}`, `{m2}`, `{d}`, `{n}`, `{k}`, `{amt}`, `{pct}` with plausible figures.
/// Returns the text and the figures used (for the note's `figures` field).
pub(super) fn fill(template: &str, rng: &mut Rng) -> (String, String) {
    let mut out = String::with_capacity(template.len() + 16);
    let mut figures: Vec<String> = Vec::new();
    let mut rest = template;
    let m = rng.range(1, 9);
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let value = match &after[..end] {
            "y" => "2025".to_string(),
            "m" => m.to_string(),
            "m2" => (m + rng.range(1, 3)).to_string(),
            "d" => rng.range(1, 28).to_string(),
            "n" => {
                let v = rng.range(8, 60).to_string();
                figures.push(v.clone());
                v
            }
            "k" => {
                let v = rng.range(2, 6).to_string();
                figures.push(v.clone());
                v
            }
            "pct" => rng.range(12, 96).to_string(),
            "amt" => {
                let yuan = rng.range(1_200, 98_000);
                let v = if yuan >= 10_000 {
                    format!("{}.{} 万元", yuan / 10_000, (yuan % 10_000) / 1_000)
                } else {
                    format!("{},{:03} 元", yuan / 1_000, yuan % 1_000)
                };
                figures.push(v.clone());
                v
            }
            other => format!("{{{other}}}"),
        };
        out.push_str(&value);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    (out, figures.join("，"))
}

/// The texts of generated answers to an item of `section`.
fn section_text(section: &str) -> &'static SectionText {
    let t = texts();
    t.sections
        .iter()
        .find(|s| s.id == section)
        .unwrap_or(&t.generic)
}
