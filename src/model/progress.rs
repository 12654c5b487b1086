//! Completion of a record against the templates it answers. The counting used by
//! `review::Review` (and through it by `status`, the review screen and the report), so they
//! always agree.

use super::record::Record;
use super::template::{Catalog, Template, UnitType};
use super::vocab::Status;

/// Completion of one checklist in one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateProgress {
    pub id: String,
    /// The template title, or the id when the template is not in the catalog.
    pub title: String,
    pub done: usize,
    pub total: usize,
    /// The record names a template the catalog does not have.
    pub missing: bool,
}

impl TemplateProgress {
    /// Count the items of `template` for which `is_done(answer_key)` holds, among those that
    /// are counted for a unit of type `unit` ([`Item::counted`](super::template::Item::counted): not a lens, and applying to
    /// the unit type). The one place where checklist completion is counted: a record's
    /// (`RecordSummary`) and a unit's (any inspector of the unit, `review::Review`) both go
    /// through it.
    pub fn count(
        template: &Template,
        unit: Option<UnitType>,
        is_done: impl Fn(&str) -> bool,
    ) -> TemplateProgress {
        // one buffer for every key: this runs for every item of every record of a round
        let mut key = String::new();
        TemplateProgress {
            id: template.id.clone(),
            title: template.title.clone(),
            done: template
                .items()
                .filter(|(_, i)| i.counted(unit))
                .filter(|(_, i)| {
                    key.clear();
                    key.push_str(&template.id);
                    key.push('/');
                    key.push_str(&i.id);
                    is_done(&key)
                })
                .count(),
            total: template.items().filter(|(_, i)| i.counted(unit)).count(),
            missing: false,
        }
    }

    /// A template the record names but the catalog does not have.
    pub fn missing(id: &str) -> TemplateProgress {
        TemplateProgress {
            id: id.to_string(),
            title: id.to_string(),
            done: 0,
            total: 0,
            missing: true,
        }
    }

    pub fn percent(&self) -> u32 {
        percent(self.done, self.total)
    }
}

/// Everything a one-line summary of a record needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSummary {
    pub per_template: Vec<TemplateProgress>,
    pub done: usize,
    pub total: usize,
    /// Answers marked 发现问题.
    pub problems: usize,
    /// Answers marked 存疑待核.
    pub doubts: usize,
    pub notes: usize,
    /// Answers whose item no longer exists in the catalog.
    pub orphans: usize,
}

impl RecordSummary {
    pub fn of(record: &Record, catalog: &Catalog) -> RecordSummary {
        let per_template: Vec<TemplateProgress> = record
            .templates
            .iter()
            .map(|r| match catalog.get(&r.id) {
                Some(t) => {
                    TemplateProgress::count(t, record.unit_type, |key| record.status(key).is_done())
                }
                None => TemplateProgress::missing(&r.id),
            })
            .collect();
        let count = |s: Status| record.answers.values().filter(|a| a.status == s).count();
        RecordSummary {
            done: per_template.iter().map(|p| p.done).sum(),
            total: per_template.iter().map(|p| p.total).sum(),
            problems: count(Status::Problem),
            doubts: count(Status::Doubt),
            notes: record.answers.values().map(|a| a.notes.len()).sum(),
            orphans: record.orphans(catalog).count(),
            per_template,
        }
    }

    pub fn percent(&self) -> u32 {
        percent(self.done, self.total)
    }
}

/// Whole percent, rounded down so that 100 % means truly complete.
pub fn percent(done: usize, total: usize) -> u32 {
    done.saturating_mul(100)
        .checked_div(total)
        .map_or(0, |p| u32::try_from(p).unwrap_or(100))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::record::{Answer, Timestamp};
    use crate::model::template::{Origin, Template};

    const T: &str = r#"
id = "t"
title = "清单"
version = "1"
[[sections]]
id = "s"
title = "节"
[[sections.items]]
id = "a"
text = "甲"
guide = "g"
methods = ["other"]
category = "leadership"
[[sections.items]]
id = "b"
text = "乙"
guide = "g"
methods = ["other"]
category = "governance"
[[sections.items]]
id = "c"
text = "丙"
guide = "g"
methods = ["other"]
category = "governance"
"#;

    #[test]
    fn counts_done_problems_doubts_and_orphans() {
        let t = Template::parse("t.toml", T).unwrap();
        let mut catalog = Catalog::default();
        catalog.insert(t.clone(), Origin::BuiltIn("t.toml"));
        let mut r = Record::new("u", "r", "", "i", &[&t], Timestamp::now());
        r.templates.push(crate::model::record::TemplateRef {
            id: "gone".into(),
            version: "1".into(),
        });
        let mut set = |k: &str, s: Status| {
            r.answers.insert(
                k.into(),
                Answer {
                    status: s,
                    ..Answer::default()
                },
            );
        };
        set("t/a", Status::Problem);
        set("t/b", Status::Unchecked);
        set("t/c", Status::NotApplicable);
        set("t/old", Status::Doubt);
        let s = RecordSummary::of(&r, &catalog);
        assert_eq!((s.done, s.total, s.percent()), (2, 3, 66));
        assert_eq!((s.problems, s.doubts, s.orphans), (1, 1, 1));
        assert_eq!(s.per_template.len(), 2);
        assert!(s.per_template[1].missing);
    }

    #[test]
    fn percent_rounds_down_and_handles_zero() {
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(199, 200), 99);
        assert_eq!(percent(5, 5), 100);
    }
}
