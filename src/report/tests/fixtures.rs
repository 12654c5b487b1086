//! The small fixed round of the report tests and the round whose every sensitive field holds a
//! marker.

use std::path::PathBuf;

use crate::model::{Catalog, Category, Finding, Record, SourceKind, Status, Template, Timestamp};
use crate::testing::{answer, at, catalog_of, note, source};

const T: &str = r#"
id = "sankan"
title = "三看"
version = "1"
[[sections]]
id = "one"
title = "一看：领导班子是否坚强有力"
[[sections.items]]
id = "rules"
text = "班子是否严格执行议事规则？"
guide = "g"
methods = ["documents"]
category = "leadership"
[[sections.items]]
id = "life"
text = "民主生活会批评是否有“辣味”？"
guide = "g"
methods = ["interview"]
category = "party-building"
"#;

const U: &str = r#"
id = "baxiang"
title = "中央八项规定精神"
version = "1"
[[sections]]
id = "reception"
title = "公务接待"
[[sections.items]]
id = "approval"
text = "公务接待是否先审批后接待？"
guide = "g"
methods = ["documents"]
category = "governance"
[[sections.items]]
id = "procurement"
text = "采购有无指定品牌、收受回扣？"
guide = "g"
methods = ["clue"]
category = "governance"
"#;

pub(in crate::report) fn catalog() -> Catalog {
    catalog_of(T, U)
}

pub(in crate::report) fn now() -> Timestamp {
    at(26, 18)
}

/// A small round: two inspectors in 计算机学院 (one stale), one in 后勤管理处; a problem, a
/// doubt, a transfer clue, a disagreement, an orphan, and text that needs escaping.
pub(in crate::report) fn round() -> Vec<(PathBuf, Record)> {
    let c = catalog();
    let templates: Vec<&Template> = c.templates().collect();
    let mut a = Record::new(
        "计算机学院",
        "第三轮",
        "第二巡察组",
        "张三",
        &templates,
        at(1, 9),
    );
    a.updated = at(25, 17);
    a.sources = vec![
        source("T01", SourceKind::Interview, "与学院党委书记周某谈话"),
        source("Z01", SourceKind::Documents, "2025 年党委会会议记录"),
    ];
    a.answers.insert(
        "sankan/rules".into(),
        answer(
            Status::Problem,
            vec![
                note(
                    1,
                    "Z01",
                    "3 月 12 日文件，5 月 13 日才传达。\n会议记录无落实措施",
                    "",
                    "滞后 62 天",
                ),
                note(2, "T01", "书记称“先放一放”", "学院党委书记周某", ""),
            ],
            Some(Finding {
                title: "第一议题制度落实不及时".into(),
                statement: "2025 年传达学习上级文件平均滞后 40 天，最长 62 天。".into(),
                people: "学院党委书记".into(),
                figures: "抽查 12 份，9 份滞后".into(),
                basis: "第一议题制度".into(),
                category: None,
                transfer: false,
                ..Finding::default()
            }),
        ),
    );
    a.answers.insert(
        "sankan/life".into(),
        answer(
            Status::NoProblem,
            vec![note(3, "Z01", "=HYPERLINK(\"x\"), 记录完整", "", "")],
            None,
        ),
    );
    a.answers.insert(
        "baxiang/old-menu".into(),
        answer(Status::Doubt, vec![], None),
    );
    let mut b = Record::new(
        "计算机学院",
        "第三轮",
        "第二巡察组",
        "李四",
        &templates,
        at(1, 9),
    );
    b.updated = at(15, 9);
    b.sources = vec![source("C01", SourceKind::Survey, "民主测评汇总（86 份）")];
    b.answers.insert(
        "sankan/life".into(),
        answer(
            Status::Doubt,
            vec![note(1, "C01", "满意度 58%", "", "58%")],
            Some(Finding {
                statement: "批评意见雷同，待核实 *谈心谈话* 记录".into(),
                ..Finding::default()
            }),
        ),
    );
    b.answers.insert(
        "baxiang/approval".into(),
        answer(Status::NotApplicable, vec![], None),
    );
    let mut c2 = Record::new(
        "后勤管理处",
        "第三轮",
        "第二巡察组",
        "王五",
        &templates,
        at(1, 9),
    );
    c2.updated = at(26, 9);
    c2.sources = vec![
        source("X01", SourceKind::Clue, "匿名来信（编号 2026-017）"),
        source("K01", SourceKind::SiteVisit, "实地查看车库"),
    ];
    c2.answers.insert(
        "baxiang/procurement".into(),
        answer(
            Status::Problem,
            vec![note(1, "X01", "反映科长刘某收回扣", "科长刘某", "")],
            Some(Finding {
                title: "采购收受回扣线索".into(),
                statement: "3 个项目参数指向同一品牌".into(),
                people: "科长刘某".into(),
                figures: "286.5 万元".into(),
                basis: "政府采购法".into(),
                category: None,
                transfer: true,
                ..Finding::default()
            }),
        ),
    );
    c2.answers.insert(
        "baxiang/approval".into(),
        answer(
            Status::Problem,
            vec![note(
                2,
                "K01",
                "餐厅包间 2 次接待无审批单",
                "",
                "2 次, 3,146 元",
            )],
            Some(Finding {
                statement: "2 次接待无审批单 | 先接待后补批".into(),
                people: "办公室主任".into(),
                category: Some(Category::Leadership),
                ..Finding::default()
            }),
        ),
    );
    vec![
        (PathBuf::from("/巡察/第三轮_计算机学院_张三.toml"), a),
        (PathBuf::from("/巡察/第三轮_计算机学院_李四.toml"), b),
        (PathBuf::from("/巡察/第三轮_后勤管理处_王五.toml"), c2),
    ]
}

// ---------------------------------------------------------------------------------------------
// Redaction: every sensitive field carries a marker; none may reach the redacted versions.
// ---------------------------------------------------------------------------------------------

/// Records whose every sensitive field holds a unique `MARK-…` string, and whose safe fields
/// hold `SAFE-…` strings. Returns the records and both lists of markers.
pub(in crate::report) fn marked_round() -> (Vec<(PathBuf, Record)>, Vec<String>, Vec<String>) {
    let c = catalog();
    let templates: Vec<&Template> = c.templates().collect();
    let mut sensitive = Vec::new();
    let mut safe = Vec::new();
    let mut mark = |name: &str| {
        let m = format!("MARK-{name}");
        sensitive.push(m.clone());
        m
    };
    let mut ok = |name: &str| {
        let m = format!("SAFE-{name}");
        safe.push(m.clone());
        m
    };
    let mut records = Vec::new();
    for n in 1..=3 {
        let inspector = mark(&format!("inspector-{n}"));
        let mut r = Record::new(
            &format!("计算机学院{}", ok(&format!("unit-{n}"))),
            "第三轮",
            "第二巡察组",
            &inspector,
            &templates,
            at(1, 9),
        );
        r.updated = at(26, 9);
        let kinds = [
            ("T01", SourceKind::Interview),
            ("X01", SourceKind::Clue),
            ("B01", SourceKind::PersonalReport),
            ("Z01", SourceKind::Documents),
            ("K01", SourceKind::SiteVisit),
        ];
        for (code, kind) in kinds {
            let reference = mark(&format!("ref-{n}-{code}"));
            r.sources.push(source(code, kind, &reference));
        }
        // A problem resting on documents and on every informant kind, plus notes without a
        // source or with an unknown one: only the documents and site-visit notes may show.
        let mut notes = Vec::new();
        for (i, code) in ["T01", "X01", "B01", "", "Q99"].iter().enumerate() {
            notes.push(note(
                i as u32 + 1,
                code,
                &mark(&format!("notetext-{n}-{i}")),
                &mark(&format!("notepeople-{n}-{i}")),
                &mark(&format!("notefigures-{n}-{i}")),
            ));
        }
        notes.push(note(
            6,
            "Z01",
            &ok(&format!("doctext-{n}")),
            &mark(&format!("docpeople-{n}")),
            &ok(&format!("docfigures-{n}")),
        ));
        r.answers.insert(
            "sankan/rules".into(),
            answer(
                Status::Problem,
                notes,
                Some(Finding {
                    title: ok(&format!("title-{n}")),
                    statement: ok(&format!("statement-{n}")),
                    people: mark(&format!("findingpeople-{n}")),
                    figures: ok(&format!("figures-{n}")),
                    basis: ok(&format!("basis-{n}")),
                    category: None,
                    transfer: false,
                    ..Finding::default()
                }),
            ),
        );
        // A problem resting on documents only: its people may show.
        r.answers.insert(
            "baxiang/approval".into(),
            answer(
                Status::Problem,
                vec![note(7, "K01", &ok(&format!("sitetext-{n}")), "", "")],
                Some(Finding {
                    statement: ok(&format!("statement2-{n}")),
                    people: mark(&format!("people2-{n}")),
                    ..Finding::default()
                }),
            ),
        );
        // A clue to transfer: nothing of it, even from documents.
        r.answers.insert(
            "baxiang/procurement".into(),
            answer(
                Status::Problem,
                vec![note(
                    8,
                    "Z01",
                    &mark(&format!("transfernote-{n}")),
                    &mark(&format!("transfernotepeople-{n}")),
                    &mark(&format!("transfernotefigures-{n}")),
                )],
                Some(Finding {
                    title: mark(&format!("transfertitle-{n}")),
                    statement: mark(&format!("transferstatement-{n}")),
                    people: mark(&format!("transferpeople-{n}")),
                    figures: mark(&format!("transferfigures-{n}")),
                    basis: mark(&format!("transferbasis-{n}")),
                    category: Some(Category::Leadership),
                    transfer: true,
                    ..Finding::default()
                }),
            ),
        );
        // A doubt still being verified: nothing of it.
        r.answers.insert(
            "sankan/life".into(),
            answer(
                Status::Doubt,
                vec![note(9, "Z01", &mark(&format!("doubtnote-{n}")), "", "")],
                Some(Finding {
                    title: mark(&format!("doubttitle-{n}")),
                    statement: mark(&format!("doubtstatement-{n}")),
                    people: mark(&format!("doubtpeople-{n}")),
                    figures: mark(&format!("doubtfigures-{n}")),
                    basis: mark(&format!("doubtbasis-{n}")),
                    category: None,
                    transfer: false,
                    ..Finding::default()
                }),
            ),
        );
        let path = PathBuf::from(format!("/巡察/第三轮_计算机学院_{inspector}.toml"));
        records.push((path, r));
    }
    (records, sensitive, safe)
}
