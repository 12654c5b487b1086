//! Golden files of a small fixed round, the redaction proof and the CSV rules.

use std::path::PathBuf;

use super::*;
use crate::model::{Answer, Category, Finding, Note, Source, SourceKind, Status, Template};
use crate::testing::{at, catalog_of};

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

pub(super) fn catalog() -> Catalog {
    catalog_of(T, U)
}

pub(super) fn now() -> Timestamp {
    at(26, 18)
}

fn source(code: &str, kind: SourceKind, reference: &str) -> Source {
    Source {
        code: code.into(),
        kind,
        reference: reference.into(),
        at: Some(at(10, 9)),
    }
}

fn note(id: u32, source: &str, text: &str, people: &str, figures: &str) -> Note {
    Note {
        id,
        at: at(10, 10 + id),
        source: source.into(),
        text: text.into(),
        people: people.into(),
        figures: figures.into(),
    }
}

fn answer(status: Status, notes: Vec<Note>, finding: Option<Finding>) -> Answer {
    Answer {
        status,
        updated: Some(at(12, 16)),
        notes,
        finding,
    }
}

/// A small round: two inspectors in 计算机学院 (one stale), one in 后勤管理处; a problem, a
/// doubt, a transfer clue, a disagreement, an orphan, and text that needs escaping.
pub(super) fn round() -> Vec<(PathBuf, Record)> {
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

fn render(lang: Lang, redact: bool) -> (String, String) {
    let r = round();
    let options = crate::testing::report_options(&r, &catalog(), lang, redact, now());
    (
        markdown(&r, &catalog(), &options).unwrap().text,
        csv(&r, &catalog(), &options).unwrap().text,
    )
}

#[test]
fn markdown_full() {
    insta::assert_snapshot!(render(Lang::Zh, false).0);
}

#[test]
fn markdown_redacted() {
    insta::assert_snapshot!(render(Lang::Zh, true).0);
}

#[test]
fn markdown_english() {
    insta::assert_snapshot!(render(Lang::En, false).0);
}

/// The CSV with its invisible parts shown: the BOM and the CRLF row ends (a line break
/// inside a quoted field stays a bare LF).
fn visible(csv: &str) -> String {
    csv.replacen('\u{feff}', "<BOM>", 1)
        .replace("\r\n", "<CRLF>\n")
}

#[test]
fn csv_full() {
    insta::assert_snapshot!(visible(&render(Lang::Zh, false).1));
}

#[test]
fn csv_redacted() {
    insta::assert_snapshot!(visible(&render(Lang::Zh, true).1));
}

/// The rows of a CSV text (without its BOM) as the `csv` crate reads them: every row the same
/// width (the reader refuses a ragged one), each ended by CRLF.
pub(crate) fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.expect("a CSV row");
        let start = usize::try_from(record.position().expect("a position").byte()).unwrap();
        // the reader starts a row after the CR of the CRLF before it, or after the LF
        let (before, after) = text.as_bytes().split_at(start);
        assert!(
            start == 0
                || before.ends_with(b"\r\n")
                || (before.ends_with(b"\r") && after.starts_with(b"\n")),
            "row {} does not follow a CRLF",
            rows.len()
        );
        rows.push(record.iter().map(String::from).collect());
    }
    assert!(
        text.is_empty() || text.ends_with("\r\n"),
        "last row without CRLF"
    );
    rows
}

#[test]
fn csv_is_rfc4180_with_a_bom_and_no_formulas() {
    let (_, text) = render(Lang::Zh, false);
    let body = text.strip_prefix('\u{feff}').expect("BOM");
    let rows = parse_csv(body);
    let width = rows[0].len();
    assert!(rows.iter().all(|r| r.len() == width));
    // 3 records x 4 items, plus one orphan
    assert_eq!(rows.len(), 1 + 3 * 4 + 1);
    let note = rows
        .iter()
        .flat_map(|r| r.iter())
        .find(|f| f.contains("会议记录无落实措施"))
        .unwrap();
    assert!(
        note.contains("5 月 13 日才传达。\n会议记录无落实措施"),
        "{note}"
    );
    // a cell starting with = is neutralised; the quotes inside survive the round trip
    assert!(
        rows.iter()
            .flat_map(|r| r.iter())
            .all(|f| !f.starts_with(['=', '+', '-', '@']))
    );
    let mut out = String::new();
    csv::field(&mut out, "=HYPERLINK(\"x\"), 1");
    assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\"), 1\"");
    let mut out = String::new();
    csv::field(&mut out, "-5%");
    assert_eq!(out, "'-5%");
    let mut out = String::new();
    csv::field(&mut out, "计算机学院");
    assert_eq!(out, "计算机学院");
}

#[test]
fn markdown_escapes_what_an_inspector_types() {
    use super::markdown::escape;
    assert_eq!(escape("*谈心谈话*"), "\\*谈心谈话\\*");
    assert_eq!(escape("a | b"), "a \\| b");
    assert_eq!(
        escape("# 标题\n- 项\n1. 第一"),
        "\\# 标题\n\\- 项\n1\\. 第一"
    );
    // only a continuation line starts a line: the first follows a prefix of ours
    assert_eq!(escape("286.5 万元"), "286.5 万元");
    assert_eq!(escape("- 5%"), "- 5%");
    assert_eq!(escape("2025 年 3-5 月"), "2025 年 3-5 月");
}

// ---------------------------------------------------------------------------------------------
// Redaction: every sensitive field carries a marker; none may reach the redacted versions.
// ---------------------------------------------------------------------------------------------

/// Records whose every sensitive field holds a unique `MARK-…` string, and whose safe fields
/// hold `SAFE-…` strings. Returns the records and both lists of markers.
pub(super) fn marked_round() -> (Vec<(PathBuf, Record)>, Vec<String>, Vec<String>) {
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

#[test]
fn redacted_reports_carry_no_sensitive_field_and_full_ones_carry_all() {
    let (records, sensitive, safe) = marked_round();
    assert!(sensitive.len() > 60, "{}", sensitive.len());
    for lang in [Lang::Zh, Lang::En] {
        let full = Options::new(lang, false, now());
        let red = crate::testing::report_options(&records, &catalog(), lang, true, now());
        let md_full = markdown(&records, &catalog(), &full).unwrap().text;
        let csv_full = csv(&records, &catalog(), &full).unwrap().text;
        let md_red = markdown(&records, &catalog(), &red).unwrap().text;
        let csv_red = csv(&records, &catalog(), &red).unwrap().text;
        for m in &sensitive {
            assert!(md_full.contains(m.as_str()), "full Markdown lacks {m}");
            assert!(csv_full.contains(m.as_str()), "full CSV lacks {m}");
            assert!(!md_red.contains(m.as_str()), "redacted Markdown leaks {m}");
            assert!(!csv_red.contains(m.as_str()), "redacted CSV leaks {m}");
        }
        for m in &safe {
            assert!(md_red.contains(m.as_str()), "redacted Markdown lacks {m}");
            assert!(csv_red.contains(m.as_str()), "redacted CSV lacks {m}");
        }
        // no trace of the transfer or the doubt: one 发现问题 count per unit of 2
        assert!(!md_red.contains("MARK"), "{md_red}");
        assert!(!csv_red.contains("MARK"));
        let rows = parse_csv(csv_red.trim_start_matches('\u{feff}'));
        assert_eq!(rows.len(), 1 + 3 * 2);
    }
}

#[test]
fn the_demo_round_redacted_has_no_private_reference() {
    let (catalog, _) = crate::store::load_catalog(None);
    let records: Vec<(PathBuf, Record)> =
        crate::model::demo::demo_round(&catalog, crate::model::demo::DEFAULT_SIZE, now())
            .into_iter()
            .map(|(n, r)| (PathBuf::from(n), r))
            .collect();
    let red = crate::testing::report_options(&records, &catalog, Lang::Zh, true, now());
    let full = Options::new(Lang::Zh, false, now());
    let md = markdown(&records, &catalog, &red).unwrap().text;
    let table = csv(&records, &catalog, &red).unwrap().text;
    let md_full = markdown(&records, &catalog, &full).unwrap().text;
    for (_, r) in &records {
        assert!(!md.contains(&r.inspector) && !table.contains(&r.inspector));
        for s in &r.sources {
            assert!(!md.contains(&s.reference), "{}", s.reference);
            assert!(!table.contains(&s.reference), "{}", s.reference);
        }
    }
    for c in Category::ALL {
        assert!(md_full.contains(c.label(Lang::Zh)));
    }
    assert!(md_full.contains("采购科科长刘某"));
    assert!(!md.contains("刘某"));
}

#[test]
fn problems_can_be_grouped_by_the_four_implementations() {
    let (catalog, _) = crate::store::load_catalog(None);
    let round: Vec<(PathBuf, Record)> = crate::model::demo::demo_round(&catalog, 8, now())
        .into_iter()
        .map(|(n, mut r)| {
            r.carry_replaced(&catalog);
            (PathBuf::from(n), r)
        })
        .collect();
    let by_category = markdown(&round, &catalog, &Options::new(Lang::Zh, false, now()))
        .unwrap()
        .text;
    let mut options = Options::new(Lang::Zh, false, now());
    options.group_by = crate::model::review::Grouping::Focus;
    let by_focus = markdown(&round, &catalog, &options).unwrap().text;
    let headings = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("### （"))
            .map(String::from)
            .collect()
    };
    // the same findings, under the 四个落实 in their order instead of the 三大问题
    let count = |text: &str| text.lines().filter(|l| l.starts_with("**")).count();
    assert_eq!(count(&by_focus), count(&by_category));
    let focus = headings(&by_focus);
    let labels: Vec<&str> = crate::model::Focus::ALL
        .iter()
        .map(|f| f.label(Lang::Zh))
        .filter(|l| focus.iter().any(|h| h.contains(l)))
        .collect();
    assert!(labels.len() >= 3, "{focus:?}");
    for (h, l) in focus.iter().zip(&labels) {
        assert!(h.contains(l), "{focus:?}");
    }
    assert!(
        headings(&by_category)
            .iter()
            .any(|h| h.contains("党的领导弱化"))
    );
    assert!(!focus.iter().any(|h| h.contains("党的领导弱化")));
}

/// A report of sample records says so under its title, in the full and the feedback version;
/// a report of real records does not.
#[test]
fn a_report_of_sample_records_says_so() {
    let (catalog, _) = crate::store::load_catalog(None);
    let records: Vec<(PathBuf, Record)> =
        crate::model::demo::sample_round(&catalog, crate::model::demo::DEFAULT_SIZE, now())
            .into_iter()
            .map(|(n, r)| (PathBuf::from(n), r))
            .collect();
    for redact in [false, true] {
        let options = crate::testing::report_options(&records, &catalog, Lang::Zh, redact, now());
        let md = markdown(&records, &catalog, &options).unwrap().text;
        let head: Vec<&str> = md.lines().take(6).collect();
        assert!(
            head.contains(&"> **示例数据：由 xuncha demo 生成，不是真实巡察记录**"),
            "{head:?}"
        );
    }
    let real = markdown(
        &round(),
        &self::catalog(),
        &Options::new(Lang::Zh, false, now()),
    )
    .unwrap()
    .text;
    assert!(!real.contains("示例数据"));
}
