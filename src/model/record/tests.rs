use super::*;
use chrono::{FixedOffset, TimeZone};

/// Template `new` whose items take over `old/a`, `old/b` and `gone/c`, and which still
/// has an item `keep`.
const NEW: &str = r#"
id = "new"
title = "新清单"
version = "2"
[[sections]]
id = "s"
title = "一"
[[sections.items]]
id = "x"
text = "x"
guide = "g"
methods = ["documents"]
category = "leadership"
replaces = ["old/a", "gone/c"]
[[sections.items]]
id = "y"
text = "y"
guide = "g"
methods = ["documents"]
category = "governance"
replaces = ["old/b", "old/keep"]
"#;

const OLD: &str = r#"
id = "old"
title = "旧清单"
version = "2"
[[sections]]
id = "s"
title = "一"
[[sections.items]]
id = "keep"
text = "k"
guide = "g"
methods = ["documents"]
category = "leadership"
"#;

fn answered(status: Status, notes: u32) -> Answer {
    Answer {
        status,
        updated: Some(ts(9)),
        notes: (1..=notes)
            .map(|id| Note {
                id,
                at: ts(9),
                source: String::new(),
                text: format!("记录 {id}"),
                people: String::new(),
                figures: String::new(),
            })
            .collect(),
        finding: None,
    }
}

#[test]
fn answers_of_replaced_items_are_carried_and_kept_otherwise() {
    let catalog = crate::testing::catalog_of(NEW, OLD);
    let old_template = Template::parse("old.toml", OLD).unwrap();
    let mut r = Record::new("计算机学院", "第三轮", "", "张三", &[&old_template], ts(8));
    r.answers
        .insert("old/a".into(), answered(Status::Problem, 2));
    r.answers
        .insert("old/b".into(), answered(Status::NoProblem, 0));
    r.answers
        .insert("gone/c".into(), answered(Status::Doubt, 1));
    r.answers
        .insert("old/keep".into(), answered(Status::NoProblem, 0));
    r.answers
        .insert("new/y".into(), answered(Status::Unchecked, 1));
    let before = r.clone();
    let moved = r.carry_replaced(&catalog);
    // old/a moves to new/x; gone/c, second in line for new/x, finds it taken and stays;
    // new/y already holds a note, so old/b stays; old/keep is still an item
    assert_eq!(moved, [("old/a".to_string(), "new/x".to_string())]);
    assert_eq!(r.answers["new/x"], before.answers["old/a"]);
    assert!(!r.answers.contains_key("old/a"));
    for kept in ["old/b", "gone/c", "old/keep", "new/y"] {
        assert_eq!(r.answers[kept], before.answers[kept], "{kept}");
    }
    // nothing is lost: the same answers, one under a new key
    assert_eq!(r.answers.len(), before.answers.len());
    // the checklist that received an answer is now one the record answers
    assert_eq!(
        r.templates
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>(),
        ["old", "new"]
    );
    // carrying again changes nothing
    let once = r.clone();
    assert!(r.carry_replaced(&catalog).is_empty());
    assert_eq!(r, once);
}

#[test]
fn an_empty_answer_on_the_new_item_gives_way() {
    let catalog = crate::testing::catalog_of(NEW, OLD);
    let mut r = Record::new("学院", "第三轮", "", "张三", &[], ts(8));
    r.answers
        .insert("gone/c".into(), answered(Status::Doubt, 1));
    r.answers.insert("new/x".into(), Answer::default());
    assert_eq!(r.carry_replaced(&catalog).len(), 1);
    assert_eq!(r.answers["new/x"].status, Status::Doubt);
    assert_eq!(r.answers.len(), 1);
}

#[test]
fn a_sources_role_is_written_only_when_given_and_read_in_either_language() {
    let mut r = Record::new("学院", "第三轮", "", "张三", &[], ts(8));
    r.sources.push(Source {
        code: "T01".into(),
        kind: SourceKind::Interview,
        reference: "与院长谈话".into(),
        at: None,
        role: None,
    });
    let text = r.to_toml().unwrap();
    assert!(!text.contains("role"), "{text}");
    assert_eq!(Record::parse("r.toml", &text).unwrap(), r);
    r.sources[0].role = Some(Role::Dean);
    let text = r.to_toml().unwrap();
    assert!(text.contains("role = \"dean\""), "{text}");
    assert_eq!(Record::parse("r.toml", &text).unwrap(), r);
    let chinese = text.replace("\"dean\"", "\"院长\"");
    assert_eq!(
        Record::parse("r.toml", &chinese).unwrap().sources[0].role,
        Some(Role::Dean)
    );
    // a role that is not one is an error with its place, not dropped
    let bad = text.replace("\"dean\"", "\"校长\"");
    let e = Record::parse("r.toml", &bad).unwrap_err().to_string();
    assert!(e.contains("r.toml:"), "{e}");
}

#[test]
fn unit_type_is_written_only_when_given_and_read_back() {
    let mut r = Record::new("学院", "第三轮", "", "张三", &[], ts(8));
    let text = r.to_toml().unwrap();
    assert!(!text.contains("unit_type"), "{text}");
    assert_eq!(Record::parse("r.toml", &text).unwrap().unit_type, None);
    r.unit_type = Some(UnitType::Department);
    let text = r.to_toml().unwrap();
    assert!(text.contains("unit_type = \"department\""), "{text}");
    assert_eq!(Record::parse("r.toml", &text).unwrap(), r);
    let chinese = text.replace("\"department\"", "\"职能部门\"");
    assert_eq!(
        Record::parse("r.toml", &chinese).unwrap().unit_type,
        Some(UnitType::Department)
    );
}

fn ts(h: u32) -> Timestamp {
    Timestamp(
        FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 26, h, 30, 0)
            .unwrap(),
    )
}

/// A local offset with seconds (Amsterdam's +00:19:32 before 1937, or `TZ=XXX-8:05:43`)
/// becomes the nearest whole minute, the same instant, and the record can be written.
#[test]
fn an_offset_with_seconds_is_rounded_to_whole_minutes() {
    for (seconds, minutes) in [
        (8 * 3600 + 5 * 60 + 43, 8 * 60 + 6),
        (19 * 60 + 32, 20),
        (-(3 * 3600 + 29), -(3 * 60)),
        (-(3 * 3600 + 30), -(3 * 60 + 1)),
        (86_399, 0),
    ] {
        let odd = FixedOffset::east_opt(seconds)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 26, 9, 30, 0)
            .unwrap();
        let t = Timestamp::in_whole_minutes(odd);
        assert_eq!(t.0.offset().local_minus_utc(), minutes * 60, "{seconds}");
        assert_eq!(t, Timestamp(odd), "the same instant");
        let mut r = sample();
        r.updated = t;
        let back = Record::parse("r.toml", &r.to_toml().unwrap()).unwrap();
        assert_eq!(format!("{:?}", back.updated), format!("{t:?}"));
    }
    let whole = ts(9);
    assert_eq!(
        format!("{:?}", Timestamp::in_whole_minutes(whole.0)),
        format!("{whole:?}")
    );
}

fn sample() -> Record {
    let mut r = Record::new("计算机学院", "第三轮", "第二巡察组", "张三", &[], ts(9));
    r.templates.push(TemplateRef {
        id: "sankan".into(),
        version: "2026.1".into(),
    });
    r.sources.push(Source {
        code: "T01".into(),
        kind: SourceKind::Interview,
        reference: "与学院党委书记王某谈话".into(),
        at: Some(ts(10)),
        role: None,
    });
    r.answers.insert(
        "sankan/first-topic".into(),
        Answer {
            status: Status::Problem,
            updated: Some(ts(11)),
            notes: vec![Note {
                id: 1,
                at: ts(11),
                source: "T01".into(),
                text: "2025年3月文件，5月才传达。\n第二行".into(),
                people: "王某".into(),
                figures: "滞后 62 天".into(),
            }],
            finding: Some(Finding {
                statement: "第一议题制度落实滞后".into(),
                category: Some(Category::Leadership),
                transfer: true,
                ..Finding::default()
            }),
        },
    );
    r
}

#[test]
fn round_trip_keeps_everything() {
    let r = sample();
    let text = r.to_toml().unwrap();
    assert!(
        text.contains("created = 2026-11-26T09:30:00+08:00"),
        "{text}"
    );
    let back = Record::parse("r.toml", &text).unwrap();
    assert_eq!(back, r);
}

#[test]
fn newer_format_is_refused_even_with_unknown_fields() {
    let text = sample()
        .to_toml()
        .unwrap()
        .replace("format = 2", "format = 7");
    let e = Record::parse("r.toml", &text).unwrap_err();
    assert!(matches!(e, RecordError::NewerFormat { found: 7, .. }));
    let with_extra = format!("{text}\nsignoffs = []\n");
    let e = Record::parse("r.toml", &with_extra).unwrap_err();
    assert!(
        matches!(e, RecordError::NewerFormat { found: 7, .. }),
        "{e}"
    );
    assert_eq!(e.diagnostic().line, 1);
}

#[test]
fn a_local_datetime_without_offset_is_an_error_with_position() {
    let text = sample().to_toml().unwrap().replace(
        "created = 2026-11-26T09:30:00+08:00",
        "created = 2026-11-26T09:30:00",
    );
    let e = Record::parse("r.toml", &text).unwrap_err();
    assert!(e.diagnostic().message.contains("offset"), "{e}");
    assert!(e.diagnostic().line > 0);
}

#[test]
fn orphans_are_answers_without_an_item() {
    let r = sample();
    let catalog = Catalog::default();
    let orphans: Vec<_> = r.orphans(&catalog).map(|(k, _)| k).collect();
    assert_eq!(orphans, vec!["sankan/first-topic"]);
}

#[test]
fn source_codes_are_suggested_per_kind() {
    let mut r = sample();
    assert_eq!(r.suggest_source_code(SourceKind::Interview), "T02");
    assert_eq!(r.suggest_source_code(SourceKind::Documents), "Z01");
    r.sources.push(Source {
        code: "T09".into(),
        kind: SourceKind::Interview,
        reference: String::new(),
        at: None,
        role: None,
    });
    assert_eq!(r.suggest_source_code(SourceKind::Interview), "T10");
    assert_eq!(r.next_note_id(), 2);
}
