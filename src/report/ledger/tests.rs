use super::*;
use crate::model::signoff::FedBack;
use crate::model::{Finding, SourceKind, Status};
use crate::testing::{answer, approve_all, at, builtin_catalog, note, record, source};

const FIRST: &str = "zhengzhi-jilv/first-topic";
const RECEPTION: &str = "baxiang-guiding/reception-approval";
const DOUBT: &str = "baxiang-guiding/reception-standard";

/// 计算机学院 (张三): two problems — one with a feedback wording, one with a statement only —
/// and a doubt; 外国语学院 (李四): one problem. Every problem approved, the round reported.
fn round() -> (Catalog, Vec<(PathBuf, Record)>) {
    let catalog = builtin_catalog();
    let templates: Vec<_> = catalog.templates().collect();
    let mut a = record("计算机学院", "张三", &templates, at(10, 9));
    a.sources
        .push(source("T01", SourceKind::Interview, "与王某某个别谈话"));
    a.sources.push(source(
        "Z01",
        SourceKind::Documents,
        "2025 年党委会会议记录",
    ));
    a.answers.insert(
        FIRST.into(),
        answer(
            Status::Problem,
            vec![note(1, "Z01", "会议记录无研究落实措施", "", "")],
            Some(Finding {
                title: "第一议题制度落实不及时".into(),
                statement: "王某某主持的党委会传达滞后 62 天。".into(),
                feedback_text: Some("有的上级重要文件传达学习滞后，最长 62 天。".into()),
                figures: "抽查 12 份文件，9 份滞后超过 30 天".into(),
                ..Finding::default()
            }),
        ),
    );
    a.answers.insert(
        RECEPTION.into(),
        answer(
            Status::Problem,
            vec![],
            Some(Finding {
                statement: "公务接待先接待后审批。".into(),
                ..Finding::default()
            }),
        ),
    );
    a.answers.insert(
        DOUBT.into(),
        answer(
            Status::Doubt,
            vec![],
            Some(Finding {
                statement: "陪餐人数可能超标。".into(),
                ..Finding::default()
            }),
        ),
    );
    let mut b = record("外国语学院", "李四", &templates, at(10, 9));
    b.answers.insert(
        FIRST.into(),
        answer(
            Status::Problem,
            vec![],
            Some(Finding {
                statement: "学习不及时。".into(),
                ..Finding::default()
            }),
        ),
    );
    (catalog, vec![("a.toml".into(), a), ("b.toml".into(), b)])
}

fn fed(signoffs: &mut Signoffs, unit: &str) {
    let leader = signoffs.leaders.get_mut("第三轮").unwrap();
    leader.fed_back.push(FedBack {
        unit: unit.into(),
        date: "2026-12-01".parse().unwrap(),
        signer: "审签人".into(),
        at: at(29, 9),
        findings: Vec::new(),
    });
}

/// The ledger of 计算机学院, every finding approved and fed back.
fn fed_ledger() -> FedBackLedger {
    let (catalog, records) = round();
    let mut signoffs = approve_all(&records, &catalog);
    fed(&mut signoffs, "计算机学院");
    ledger_of(&records, &catalog, &signoffs).unwrap()
}

fn ledger_of(
    records: &[(PathBuf, Record)],
    catalog: &Catalog,
    signoffs: &Signoffs,
) -> Result<FedBackLedger, LedgerError> {
    fed_back(
        records,
        catalog,
        signoffs,
        "第三轮",
        "计算机学院",
        at(30, 9),
        None,
    )
}

#[test]
fn the_rows_are_the_fed_back_findings_in_their_feedback_wording() {
    let l = fed_ledger();
    assert_eq!(l.fed_back.to_string(), "2026-12-01");
    let keys: Vec<&str> = l.rows.iter().map(|r| r.key.as_str()).collect();
    // 三大问题 order: 党的领导弱化 (first-topic) before 全面从严治党不力 (reception)
    assert_eq!(
        keys,
        [
            "计算机学院/zhengzhi-jilv/first-topic",
            "计算机学院/baxiang-guiding/reception-approval"
        ]
    );
    assert_eq!(l.rows[0].number, 1);
    assert_eq!(l.rows[1].number, 2);
    assert_eq!(
        l.rows[0].problem,
        "有的上级重要文件传达学习滞后，最长 62 天。"
    );
    assert_eq!(l.rows[0].details, "抽查 12 份文件，9 份滞后超过 30 天");
    assert_eq!(l.rows[1].problem, "公务接待先接待后审批。");
    assert_eq!(l.rows[0].hash.len(), 64);
    // the doubt stays out and is said
    assert_eq!(l.left_out.len(), 1);
    assert!(l.left_out[0].reasons.contains(&crate::report::Hold::Doubt));
    // nothing of the statement, which names someone
    assert!(l.rows.iter().all(|r| !r.problem.contains("王某某")));
    let problems = l.problems();
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[1].category, Some(Category::Governance));
}

#[test]
fn no_ledger_before_the_report_or_the_feedback() {
    let (catalog, records) = round();
    let mut signoffs = approve_all(&records, &catalog);
    let reported = signoffs.clone();
    signoffs.leaders.clear();
    assert_eq!(
        ledger_of(&records, &catalog, &signoffs).unwrap_err(),
        LedgerError::NotReported {
            round: "第三轮".into(),
            unit: "计算机学院".into()
        }
    );
    assert_eq!(
        ledger_of(&records, &catalog, &reported).unwrap_err(),
        LedgerError::NotFedBack {
            round: "第三轮".into(),
            unit: "计算机学院".into()
        }
    );
    // fed back to the other unit only
    let mut other = reported.clone();
    fed(&mut other, "外国语学院");
    assert!(matches!(
        ledger_of(&records, &catalog, &other),
        Err(LedgerError::NotFedBack { .. })
    ));
    let message = ledger_of(&records, &catalog, &other)
        .unwrap_err()
        .message(Lang::Zh);
    assert!(message.contains("尚未记录向计算机学院反馈"), "{message}");
    assert!(message.contains("xuncha round fed-back"), "{message}");
    let e = fed_back(
        &records,
        &catalog,
        &other,
        "第三轮",
        "数学学院",
        at(30, 9),
        None,
    )
    .unwrap_err();
    assert!(
        matches!(&e, LedgerError::UnknownUnit { available, .. } if available.len() == 2),
        "{e:?}"
    );
}

#[test]
fn nothing_approved_is_nothing_to_rectify() {
    let (catalog, records) = round();
    let mut signoffs = approve_all(&records, &catalog);
    fed(&mut signoffs, "计算机学院");
    signoffs.files.clear();
    let e = ledger_of(&records, &catalog, &signoffs).unwrap_err();
    let LedgerError::Nothing { left_out, .. } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(left_out.len(), 3);
    assert!(
        e.message(Lang::Zh).contains("未审签"),
        "{}",
        e.message(Lang::Zh)
    );
}

#[test]
fn a_name_in_the_feedback_wording_refuses_the_ledger() {
    let (catalog, mut records) = round();
    records[0]
        .1
        .answers
        .get_mut(RECEPTION)
        .unwrap()
        .finding
        .as_mut()
        .unwrap()
        .feedback_text = Some("张三发现先接待后审批。".into());
    let mut signoffs = approve_all(&records, &catalog);
    fed(&mut signoffs, "计算机学院");
    let e = ledger_of(&records, &catalog, &signoffs).unwrap_err();
    assert!(matches!(e, LedgerError::Names(_)), "{e:?}");
}

#[test]
fn the_workbook_reads_back_and_its_rows_match_the_findings() {
    let l = fed_ledger();
    for lang in [Lang::Zh, Lang::En] {
        let bytes = write::workbook(&l, lang, at(30, 10)).unwrap();
        let sheet = read::read(&bytes).unwrap();
        assert_eq!(sheet.round, "第三轮");
        assert_eq!(sheet.unit, "计算机学院");
        assert_eq!(sheet.key_column, "L");
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0].row, 2);
        assert_eq!(sheet.rows[0].hash, l.rows[0].hash);
        let (items, notes) = items_from(&l, &sheet, at(30, 11)).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].problem, l.rows[0].problem);
        assert_eq!(items[0].progress, None);
        assert_eq!(items[0].imported, at(30, 11));
    }
}

#[test]
fn rows_that_do_not_match_are_errors_with_their_cells() {
    let l = fed_ledger();
    let bytes = write::workbook(&l, Lang::Zh, at(30, 10)).unwrap();
    let mut sheet = read::read(&bytes).unwrap();
    sheet.rows[1].key = "外国语学院/zhengzhi-jilv/first-topic".into();
    let mut dup = sheet.rows[0].clone();
    dup.row = 4;
    sheet.rows.push(dup);
    let errors = items_from(&l, &sheet, at(30, 11)).unwrap_err();
    let messages: Vec<String> = errors.iter().map(|e| e.message(Lang::Zh)).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with("「键」列 L3："), "{messages:?}");
    assert!(messages[1].starts_with("「键」列 L4："), "{messages:?}");
    assert!(messages[1].contains("两次"), "{messages:?}");
    // a changed hash is taken, and said
    let mut sheet = read::read(&bytes).unwrap();
    sheet.rows[0].hash = "f".repeat(64);
    sheet.rows.pop();
    let (items, notes) = items_from(&l, &sheet, at(30, 11)).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].hash, l.rows[0].hash);
    assert!(matches!(notes[0], ImportNote::Changed { number: 1, .. }));
    assert!(matches!(notes[1], ImportNote::NoRow { number: 2, .. }));
}

/// A 完成时限 before the feedback day (2026-12-01) is imported as written, and noted for its
/// row; the feedback day itself and later days are not.
#[test]
fn a_deadline_before_the_feedback_is_taken_and_noted() {
    let l = fed_ledger();
    let bytes = write::workbook(&l, Lang::Zh, at(30, 10)).unwrap();
    let mut sheet = read::read(&bytes).unwrap();
    sheet.rows[0].deadline = Some("2026-11-30".parse().unwrap());
    sheet.rows[1].deadline = Some("2026-12-01".parse().unwrap());
    let (items, notes) = items_from(&l, &sheet, at(30, 11)).unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].deadline, sheet.rows[0].deadline);
    assert_eq!(
        notes,
        vec![ImportNote::DeadlineBeforeFeedback {
            number: 1,
            key: l.rows[0].key.clone(),
            deadline: "2026-11-30".parse().unwrap(),
            fed_back: "2026-12-01".parse().unwrap(),
        }]
    );
}
