use super::*;
use crate::model::record::{Answer, Source, TemplateRef};
use crate::model::template::Template;
use crate::testing::{at, catalog_of};

const T: &str = r#"
id = "t"
title = "三看"
version = "1"
[[sections]]
id = "s1"
title = "一看"
[[sections.items]]
id = "a"
text = "班子议事规则是否执行？"
guide = "g"
methods = ["documents"]
category = "leadership"
[[sections.items]]
id = "b"
text = "民主生活会是否有辣味？"
guide = "g"
methods = ["interview"]
category = "party-building"
[[sections]]
id = "s2"
title = "二看"
[[sections.items]]
id = "c"
text = "责任书是否层层签订？"
guide = "g"
methods = ["documents"]
category = "governance"
"#;

const U: &str = r#"
id = "u"
title = "中央八项规定精神"
version = "1"
[[sections]]
id = "r"
title = "公务接待"
[[sections.items]]
id = "x"
text = "公务接待是否先审批后接待？"
guide = "g"
methods = ["documents"]
category = "governance"
[[sections.items]]
id = "y"
text = "有无公车私用？"
guide = "g"
methods = ["site-visit"]
category = "governance"
"#;

fn catalog() -> Catalog {
    catalog_of(T, U)
}

fn record(unit: &str, inspector: &str, answers: &[(&str, Status)]) -> Record {
    let c = catalog();
    let templates: Vec<&Template> = c.templates().collect();
    let mut r = Record::new(
        unit,
        "第三轮",
        "第二巡察组",
        inspector,
        &templates,
        at(1, 9),
    );
    r.updated = at(20, 9);
    r.sources.push(Source {
        code: "T01".into(),
        kind: SourceKind::Interview,
        reference: "与书记谈话".into(),
        at: None,
        role: None,
    });
    r.sources.push(Source {
        code: "Z01".into(),
        kind: SourceKind::Documents,
        reference: "会议记录".into(),
        at: None,
        role: None,
    });
    for (key, status) in answers {
        r.answers.insert(
            key.to_string(),
            Answer {
                status: *status,
                ..Answer::default()
            },
        );
    }
    r
}

fn build(records: Vec<Record>) -> Review {
    let input: Vec<(PathBuf, Record)> = records
        .into_iter()
        .enumerate()
        .map(|(i, r)| (PathBuf::from(format!("{i}.toml")), r))
        .collect();
    Review::build(&input, &catalog(), &ReviewOptions::new(at(26, 9)))
}

use Status::*;

#[test]
fn a_unit_is_done_where_any_inspector_checked_the_item() {
    let review = build(vec![
        record(
            "计算机学院",
            "张三",
            &[("t/a", NoProblem), ("t/b", Unchecked)],
        ),
        record(
            "计算机学院",
            "李四",
            &[("t/b", NotApplicable), ("u/x", Problem)],
        ),
        record("外国语学院", "王五", &[("t/c", Doubt)]),
    ]);
    assert_eq!(review.units.len(), 2);
    let unit = &review.units[0];
    assert_eq!(unit.key.unit, "计算机学院");
    assert_eq!(unit.records, vec![0, 1]);
    // per record: the RecordSummary
    assert_eq!(
        (
            review.records[0].summary.done,
            review.records[0].summary.total
        ),
        (1, 5)
    );
    assert_eq!(
        (
            review.records[1].summary.done,
            review.records[1].summary.total
        ),
        (2, 5)
    );
    // per unit: the union
    let t = &unit.per_template[0];
    assert_eq!((t.id.as_str(), t.done, t.total), ("t", 2, 3));
    let u = &unit.per_template[1];
    assert_eq!((u.id.as_str(), u.done, u.total), ("u", 1, 2));
    assert_eq!((unit.done, unit.total, unit.percent()), (3, 5, 60));
    assert_eq!((unit.problems, unit.doubts), (1, 0));
    assert_eq!(review.units[1].doubts, 1);
    assert_eq!(review.units[1].groups, vec!["第二巡察组".to_string()]);
    assert_eq!(review.columns.len(), 2);
    assert_eq!(review.rounds(), vec!["第三轮"]);
}

#[test]
fn coverage_lists_what_nobody_checked_in_template_order() {
    let review = build(vec![
        record(
            "计算机学院",
            "张三",
            &[("t/b", Unchecked), ("u/y", NoProblem)],
        ),
        record("计算机学院", "李四", &[("t/c", Problem)]),
    ]);
    let keys: Vec<&str> = review.units[0]
        .unchecked
        .iter()
        .map(|i| i.key.as_str())
        .collect();
    assert_eq!(keys, ["t/a", "t/b", "u/x"]);
    let a = &review.units[0].unchecked[0];
    assert_eq!(
        (
            a.template_title.as_str(),
            a.section_title.as_str(),
            a.item_text.as_str()
        ),
        ("三看", "一看", "班子议事规则是否执行？")
    );
    assert_eq!(a.category, Some(Category::Leadership));
}

#[test]
fn a_checklist_only_one_inspector_answers_counts_only_their_answers() {
    let mut only_t = record("计算机学院", "李四", &[]);
    only_t.templates.retain(|t| t.id == "t");
    // an answer to a template the record does not use does not count
    only_t.answers.insert(
        "u/x".into(),
        Answer {
            status: NoProblem,
            ..Answer::default()
        },
    );
    let mut only_u = record("计算机学院", "张三", &[]);
    only_u.templates.retain(|t| t.id == "u");
    let review = build(vec![only_t, only_u]);
    let unit = &review.units[0];
    assert_eq!(unit.total, 5);
    assert_eq!(unit.done, 0);
    assert_eq!(unit.unchecked.len(), 5);
}

#[test]
fn disagreements_pair_a_clean_verdict_with_a_concern_in_the_same_unit() {
    let review = build(vec![
        record(
            "计算机学院",
            "张三",
            &[
                ("t/a", NoProblem),
                ("t/b", NoProblem),
                ("t/c", Problem),
                ("u/x", NotApplicable),
            ],
        ),
        record(
            "计算机学院",
            "李四",
            &[
                ("t/a", Problem),
                ("t/b", Doubt),
                ("t/c", Doubt),
                ("u/x", Problem),
            ],
        ),
        record("计算机学院", "王五", &[("t/a", Unchecked)]),
        // another unit, and the same unit in another round: never compared
        record(
            "外国语学院",
            "赵六",
            &[("t/c", NoProblem), ("u/y", NoProblem)],
        ),
        {
            let mut r = record("计算机学院", "钱七", &[("t/c", NoProblem)]);
            r.round = "第二轮".into();
            r
        },
    ]);
    type Found<'a> = (&'a str, DisagreementKind, Vec<(usize, Status)>);
    let found: Vec<Found> = review
        .disagreements
        .iter()
        .map(|d| {
            (
                d.item.key.as_str(),
                d.kind,
                d.verdicts.iter().map(|v| (v.record, v.status)).collect(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "t/a",
                DisagreementKind::Problem,
                vec![(0, NoProblem), (1, Problem)]
            ),
            (
                "t/b",
                DisagreementKind::Doubt,
                vec![(0, NoProblem), (1, Doubt)]
            ),
            (
                "u/x",
                DisagreementKind::Problem,
                vec![(0, NotApplicable), (1, Problem)]
            ),
        ]
    );
    // units in reading order: 第二轮 (er) before 第三轮 (san), 计算机 (ji) before 外国语 (wai)
    assert!(review.disagreements.iter().all(|d| d.unit == 1));
    assert_eq!(review.units.len(), 3);
    assert_eq!(review.units[0].key.round, "第二轮");
    assert_eq!(review.units[1].key.unit, "计算机学院");
}

#[test]
fn orphans_are_counted_per_record_and_keep_a_sensible_category() {
    let mut r = record(
        "计算机学院",
        "张三",
        &[
            ("t/gone", Problem),
            ("u/gone", Doubt),
            ("old/x", Problem),
            ("t/a", Problem),
        ],
    );
    r.answers.get_mut("old/x").unwrap().finding = Some(Finding {
        category: Some(Category::PartyBuilding),
        ..Finding::default()
    });
    r.templates.push(TemplateRef {
        id: "old".into(),
        version: "1".into(),
    });
    let review = build(vec![
        r,
        record("计算机学院", "李四", &[("t/zz", NoProblem)]),
    ]);
    assert_eq!(review.records[0].summary.orphans, 3);
    assert_eq!(review.records[0].orphan_keys, ["old/x", "t/gone", "u/gone"]);
    assert_eq!(review.records[1].summary.orphans, 1);
    let cat = |key: &str| {
        let f = review.findings.iter().find(|f| f.item.key == key).unwrap();
        (f.item.orphan, f.category)
    };
    // a template of mixed categories: none; a uniform one: its category; the finding's own
    assert_eq!(cat("t/gone"), (true, None));
    assert_eq!(cat("u/gone"), (true, Some(Category::Governance)));
    assert_eq!(cat("old/x"), (true, Some(Category::PartyBuilding)));
    assert_eq!(cat("t/a"), (false, Some(Category::Leadership)));
    // an unknown template is a missing column of the unit, after the known ones
    let last = review.units[0].per_template.last().unwrap();
    assert!(last.missing && last.id == "old");
    assert_eq!(review.columns.last().unwrap().0, "old");
    // the orphan of a known template sorts after its items, the unknown template last
    let order: Vec<&str> = review
        .findings
        .iter()
        .map(|f| f.item.key.as_str())
        .collect();
    assert_eq!(order, ["t/a", "t/gone", "u/gone", "old/x"]);
}

#[test]
fn findings_group_by_category_or_checklist_and_filter_by_unit() {
    let mut a = record(
        "计算机学院",
        "张三",
        &[
            ("u/x", Problem),
            ("t/b", Doubt),
            ("t/a", Problem),
            ("t/gone", Problem),
        ],
    );
    a.answers.get_mut("u/x").unwrap().finding = Some(Finding {
        statement: "接待超标".into(),
        category: Some(Category::Leadership),
        ..Finding::default()
    });
    let b = record("外国语学院", "李四", &[("t/c", Problem)]);
    let review = build(vec![a, b]);
    let labels = |groups: &[FindingGroup]| -> Vec<(String, Vec<String>)> {
        groups
            .iter()
            .map(|g| {
                (
                    g.key.label(Lang::Zh),
                    g.findings
                        .iter()
                        .map(|&i| review.findings[i].item.key.clone())
                        .collect(),
                )
            })
            .collect()
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        labels(&review.grouped(Grouping::Category, None)),
        vec![
            ("党的领导弱化".to_string(), s(&["t/a", "u/x"])),
            ("党的建设缺失".to_string(), s(&["t/b"])),
            ("全面从严治党不力".to_string(), s(&["t/c"])),
            ("未归类".to_string(), s(&["t/gone"])),
        ]
    );
    assert_eq!(
        labels(&review.grouped(Grouping::Checklist, None)),
        vec![
            ("三看".to_string(), s(&["t/a", "t/b", "t/c", "t/gone"])),
            ("中央八项规定精神".to_string(), s(&["u/x"])),
        ]
    );
    let foreign = review.units[1].key.clone();
    assert_eq!(
        labels(&review.grouped(Grouping::Category, Some(&foreign))),
        vec![("全面从严治党不力".to_string(), s(&["t/c"]))]
    );
    assert_eq!(GroupKey::Category(None).label(Lang::En), "uncategorised");
}

#[test]
fn evidence_knows_its_source_kind_and_unknown_sources_fail_closed() {
    let mut r = record("计算机学院", "张三", &[("t/a", Problem)]);
    let note = |id, source: &str| Note {
        id,
        at: at(2, 10),
        source: source.into(),
        text: "会议记录显示……".into(),
        people: String::new(),
        figures: String::new(),
    };
    r.answers.get_mut("t/a").unwrap().notes =
        vec![note(1, "Z01"), note(2, "T01"), note(3, ""), note(4, "Q99")];
    let review = build(vec![r]);
    let ev = &review.findings[0].evidence;
    let kinds: Vec<(Option<SourceKind>, bool)> = ev
        .iter()
        .map(|e| (e.source_kind, e.may_identify_informant()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (Some(SourceKind::Documents), false),
            (Some(SourceKind::Interview), true),
            (None, true),
            (None, true),
        ]
    );
    assert_eq!(review.findings[0].finding, Finding::default());
}

mod entries;
