//! Sample records and catalogs for the tests and the benchmarks, in one place: the unit tests
//! (`cfg(test)`), the integration tests and the benchmarks (the `testing` feature, turned on
//! for them by the crate's dev-dependency on itself). Never part of a normal build.
//!
//! Fixed times are in November 2026, UTC+8. A fixture that cannot be built (a template text
//! that does not parse, a day that does not exist) panics: it is a bug in the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{FixedOffset, TimeZone};

use crate::model::signoff::{LeaderFile, Milestone, Signoff, SignoffFile, Signoffs, Step};
use crate::model::template::answer_key;
use crate::model::{
    Answer, Catalog, Category, Finding, Note, Origin, Record, Source, SourceKind, Status, Template,
    TemplateRef, Timestamp,
};

/// `hour`:00 on November `day`, 2026, in UTC+8.
pub fn at(day: u32, hour: u32) -> Timestamp {
    at_minute(day, hour, 0)
}

/// `hour`:`minute` on November `day`, 2026, in UTC+8.
pub fn at_minute(day: u32, hour: u32, minute: u32) -> Timestamp {
    Timestamp(
        FixedOffset::east_opt(8 * 3600)
            .expect("UTC+8")
            .with_ymd_and_hms(2026, 11, day, hour, minute, 0)
            .single()
            .expect("a day of November 2026"),
    )
}

/// A catalog of two templates counted as built-in: `t` (as `t.toml`), then `u` (as `u.toml`).
pub fn catalog_of(t: &str, u: &str) -> Catalog {
    let mut c = Catalog::default();
    c.insert(Template::parse("t.toml", t).unwrap(), Origin::BuiltIn("t"));
    c.insert(Template::parse("u.toml", u).unwrap(), Origin::BuiltIn("u"));
    c
}

/// The built-in checklists (no user folder).
pub fn builtin_catalog() -> Catalog {
    crate::store::load_catalog(None).0
}

/// A new record of 第三轮, 第二巡察组 for `unit` and `inspector`, using `templates`, created
/// (and last changed) at `created`.
pub fn record(unit: &str, inspector: &str, templates: &[&Template], created: Timestamp) -> Record {
    Record::new(unit, "第三轮", "第二巡察组", inspector, templates, created)
}

/// 张三's record of 计算机学院 (every template of `catalog`) with a note and `status` written
/// on the 三看 look 一看 (`sankan/look-leadership`), as an earlier version let one be: the note
/// 班子议事记录缺 3 次 from source Z07 (documents, 2025 年党委会会议记录).
pub fn record_with_a_note_on_a_look(catalog: &Catalog, status: Status) -> Record {
    let templates: Vec<&Template> = catalog.templates().collect();
    let mut r = record("计算机学院", "张三", &templates, at(1, 9));
    r.sources = vec![source(
        "Z07",
        SourceKind::Documents,
        "2025 年党委会会议记录",
    )];
    r.answers.insert(
        "sankan/look-leadership".into(),
        answer(
            status,
            vec![note(1, "Z07", "班子议事记录缺 3 次", "", "")],
            None,
        ),
    );
    r
}

/// A source seen at 09:00 on November 10.
pub fn source(code: &str, kind: SourceKind, reference: &str) -> Source {
    Source {
        code: code.into(),
        kind,
        reference: reference.into(),
        at: Some(at(10, 9)),
        role: None,
    }
}

/// Note `id` from `source`, taken on November 10 at 10:00 + `id` hours (so `id` < 14).
pub fn note(id: u32, source: &str, text: &str, people: &str, figures: &str) -> Note {
    Note {
        id,
        at: at(10, 10 + id),
        source: source.into(),
        text: text.into(),
        people: people.into(),
        figures: figures.into(),
    }
}

/// An answer last changed at 16:00 on November 12.
pub fn answer(status: Status, notes: Vec<Note>, finding: Option<Finding>) -> Answer {
    Answer {
        status,
        updated: Some(at(12, 16)),
        notes,
        finding,
    }
}

/// A small record with a field of every kind: a template reference, an interview source, a
/// problem with two notes (one from the source, one without; multi-line text, a tab, Chinese
/// and ASCII quotes) and a finding with a category and a clue transfer, and a bare
/// 未发现问题 answer. Times on November 26, 2026 (09:30, 10:30, 11:30, UTC+8).
pub fn sample_record() -> Record {
    let ts = |hour| at_minute(26, hour, 30);
    let mut r = Record::new("计算机学院", "第三轮", "第二巡察组", "张三", &[], ts(9));
    r.templates.push(TemplateRef {
        id: "sankan".into(),
        version: "2026.1".into(),
    });
    r.sources.push(Source {
        code: "T01".into(),
        kind: SourceKind::Interview,
        reference: "与学院党委书记个别谈话".into(),
        at: Some(ts(10)),
        role: None,
    });
    let mut first = note(
        1,
        "T01",
        "2025 年 3 月 12 日印发的文件，\n5 月 13 日才传达。\t“引号” \"quote\"",
        "学院党委书记",
        "滞后 62 天",
    );
    first.at = ts(10);
    let mut second = note(2, "", "会议记录只有结论，没有讨论发言。", "", "");
    second.at = ts(11);
    r.answers.insert(
        "sankan/rules-of-procedure".into(),
        Answer {
            status: Status::Problem,
            updated: Some(ts(11)),
            notes: vec![first, second],
            finding: Some(Finding {
                title: "第一议题制度落实不及时".into(),
                statement: "平均滞后 40 天以上".into(),
                basis: "第一议题制度".into(),
                category: Some(Category::Leadership),
                transfer: true,
                ..Finding::default()
            }),
        },
    );
    r.answers.insert(
        "sankan/main-responsibility".into(),
        Answer {
            status: Status::NoProblem,
            ..Answer::default()
        },
    );
    r
}

/// A full record of 计算机学院 for the benchmarks: every item of `catalog` answered in turn
/// 未发现问题, 发现问题 (with a finding), 存疑待核 (with a finding), 不适用; 12 interview sources
/// `T01`..`T12`; `notes` evidence notes of about 190 bytes each, spread over the items in
/// order. Every time is `now`. 500 notes make a record of about 190 KB.
pub fn full_record(catalog: &Catalog, notes: usize, now: Timestamp) -> Record {
    let templates: Vec<_> = catalog.templates().collect();
    let mut r = Record::new(
        "计算机学院",
        "第三轮",
        "第二巡察组",
        "张三",
        &templates,
        now,
    );
    for i in 0..12 {
        r.sources.push(Source {
            code: format!("T{:02}", i + 1),
            kind: SourceKind::Interview,
            reference: format!("与第{i}位干部个别谈话"),
            at: Some(now),
            role: None,
        });
    }
    let keys: Vec<String> = catalog
        .templates()
        .flat_map(|t| {
            t.items()
                .map(|(_, i)| answer_key(&t.id, &i.id))
                .collect::<Vec<_>>()
        })
        .collect();
    for (n, key) in keys.iter().enumerate() {
        let status = [
            Status::NoProblem,
            Status::Problem,
            Status::Doubt,
            Status::NotApplicable,
        ][n % 4];
        r.answers.insert(
            key.clone(),
            Answer {
                status,
                updated: Some(now),
                notes: Vec::new(),
                finding: status.has_finding().then(|| Finding {
                    statement: "2025年学院党委传达学习上级重要文件平均滞后40天以上，最长62天。"
                        .into(),
                    ..Finding::default()
                }),
            },
        );
    }
    if keys.is_empty() {
        return r;
    }
    for k in 0..notes {
        let key = &keys[k % keys.len()];
        if let Some(a) = r.answers.get_mut(key) {
            a.notes.push(Note {
                id: u32::try_from(k + 1).unwrap(),
                at: now,
                source: format!("T{:02}", k % 12 + 1),
                text: "2025年3月12日印发的上级重要文件，学院党委5月13日才首次传达学习，会议记录无研究落实措施。\n谈话对象称：会前未征求意见。".into(),
                people: "学院党委书记".into(),
                figures: "滞后 62 天".into(),
            });
        }
    }
    r
}

/// Sign-offs that approve every finding of `records` that may be approved (发现问题 and no
/// disagreement among the inspectors): 编制 by 编制人, 复核 by 复核人, 审签 by 审签人, each
/// for the finding's current content, and every round recorded as reported to the leading
/// group on 2026-11-28. What a group leader's sign-off gives the feedback version.
pub fn approve_all(records: &[(std::path::PathBuf, Record)], catalog: &Catalog) -> Signoffs {
    use crate::model::review::{Review, ReviewOptions};
    let review = Review::build(records, catalog, &ReviewOptions::new(at(28, 9)));
    let mut signoffs = Signoffs::default();
    for (i, step) in Step::ALL.into_iter().enumerate() {
        for round in review.rounds() {
            let signer = ["编制人", "复核人", "审签人"][i];
            let mut file = SignoffFile::new(round, signer);
            for sign in signoffs.state(&review, records) {
                let entry = &review.entries[sign.entry];
                if sign.round == round && entry.status == Status::Problem && !entry.disputed {
                    file.signoffs.push(Signoff {
                        key: sign.key.clone(),
                        step,
                        hash: sign.hash.clone(),
                        at: at(27, 9 + i as u32),
                        title: String::new(),
                    });
                }
            }
            signoffs.files.push(file);
        }
    }
    for round in review.rounds() {
        let mut leader = LeaderFile::new(round);
        leader.reported = Some(Milestone {
            date: "2026-11-28".parse().unwrap(),
            signer: "审签人".into(),
            at: at(28, 9),
        });
        signoffs.leaders.insert(round.to_string(), leader);
    }
    signoffs
}

/// Write [`approve_all`] of the records under `dir` (read with `catalog`, which should be the
/// one the program will use) into `dir` as the round files `xuncha sign` and `xuncha round
/// reported` write, replacing any there.
pub fn write_approvals(dir: &std::path::Path, catalog: &Catalog) {
    use crate::store::signoff::{leader_path, signoff_path};
    let mut round = crate::store::load_round(&[dir.to_path_buf()]).unwrap();
    round.carry_replaced(catalog);
    let signoffs = approve_all(&round.records, catalog);
    for f in &signoffs.files {
        let path = signoff_path(dir, &f.round, &f.signer);
        crate::store::fsutil::write_atomic(&path, f.to_toml().unwrap().as_bytes()).unwrap();
    }
    for l in signoffs.leaders.values() {
        let path = leader_path(dir, &l.round);
        crate::store::fsutil::write_atomic(&path, l.to_toml().unwrap().as_bytes()).unwrap();
    }
}

/// Report options for `records`: for the feedback version (`redact`), with every finding that
/// may be approved approved and every round reported ([`approve_all`]), so a test of what the
/// feedback shows is not a test of the sign-off gate.
pub fn report_options(
    records: &[(std::path::PathBuf, Record)],
    catalog: &Catalog,
    lang: crate::i18n::Lang,
    redact: bool,
    now: Timestamp,
) -> crate::report::Options {
    let mut options = crate::report::Options::new(lang, redact, now);
    if redact {
        options.signoffs = approve_all(records, catalog);
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_record_has_what_it_promises() {
        let catalog = builtin_catalog();
        let items: usize = catalog.templates().map(Template::item_count).sum();
        let r = full_record(&catalog, 500, at(26, 9));
        assert_eq!(r.answers.len(), items);
        assert_eq!(
            r.answers.values().map(|a| a.notes.len()).sum::<usize>(),
            500
        );
        assert_eq!(r.sources.len(), 12);
        assert!(
            r.answers
                .values()
                .all(|a| a.notes.iter().all(|n| r.source(&n.source).is_some()))
        );
        let size = r.to_toml().unwrap().len();
        assert!((150_000..250_000).contains(&size), "{size}");
        // note ids are unique
        let mut ids: Vec<u32> = r
            .answers
            .values()
            .flat_map(|a| a.notes.iter().map(|n| n.id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 500);
    }

    #[test]
    fn the_sample_record_round_trips() {
        let r = sample_record();
        let text = r.to_toml().unwrap();
        assert_eq!(Record::parse("sample.toml", &text).unwrap(), r);
        assert!(text.contains("5 月 13 日才传达"));
    }
}
