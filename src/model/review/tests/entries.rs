//! Entries (the findings of a unit on one item, one entry), stale records, an empty round,
//! reading order by pinyin and numbers, and what a disagreement carries.

use super::*;

#[test]
fn findings_on_one_item_of_one_unit_are_one_entry_and_units_count_entries() {
    let mut a = record(
        "计算机学院",
        "张三",
        &[("t/a", Doubt), ("t/b", Problem), ("u/x", Doubt)],
    );
    a.answers.get_mut("t/a").unwrap().finding = Some(Finding {
        category: Some(Category::Governance),
        ..Finding::default()
    });
    let b = record(
        "计算机学院",
        "李四",
        &[("t/a", Problem), ("t/b", Problem), ("u/y", NoProblem)],
    );
    let c = record("外国语学院", "王五", &[("t/a", Problem)]);
    let review = build(vec![a, b, c]);
    type Seen<'a> = (&'a str, usize, Status, Option<Category>, Vec<usize>, bool);
    let entries: Vec<Seen> = review
        .entries
        .iter()
        .map(|e| {
            let records = e
                .findings
                .iter()
                .map(|&i| review.findings[i].record)
                .collect();
            (
                e.item.key.as_str(),
                e.unit,
                e.status,
                e.category,
                records,
                e.disputed,
            )
        })
        .collect();
    assert_eq!(
        entries,
        vec![
            // a doubt and a problem: a problem; the first finding's own category
            (
                "t/a",
                0,
                Problem,
                Some(Category::Governance),
                vec![0, 1],
                false
            ),
            (
                "t/a",
                1,
                Problem,
                Some(Category::Leadership),
                vec![2],
                false
            ),
            (
                "t/b",
                0,
                Problem,
                Some(Category::PartyBuilding),
                vec![0, 1],
                false
            ),
            ("u/x", 0, Doubt, Some(Category::Governance), vec![0], false),
        ]
    );
    // two problems and a doubt, not four answers marked 发现问题 and two 存疑待核
    assert_eq!((review.units[0].problems, review.units[0].doubts), (2, 1));
    assert_eq!(review.records[0].summary.problems, 1);
    let dispute = build(vec![
        record("计算机学院", "张三", &[("t/c", Problem)]),
        record("计算机学院", "李四", &[("t/c", NotApplicable)]),
    ]);
    assert!(dispute.entries[0].disputed);
    let groups = review.group_entries(0..review.entries.len(), Grouping::Category);
    assert_eq!(
        groups[0].key,
        GroupKey::Category(Some(Category::Leadership))
    );
    assert_eq!(groups[0].findings, vec![1]);
}

#[test]
fn records_idle_for_the_threshold_are_stale() {
    let mut old = record("计算机学院", "张三", &[]);
    old.updated = at(19, 8); // 7 days and 1 hour before the 26th, 9:00
    let mut fresh = record("计算机学院", "李四", &[]);
    fresh.updated = at(19, 10); // 6 days 23 hours
    let mut future = record("计算机学院", "王五", &[]);
    future.updated = at(28, 10);
    let review = build(vec![old, fresh, future]);
    let days: Vec<(i64, bool)> = review
        .records
        .iter()
        .map(|r| (r.idle_days, r.stale))
        .collect();
    assert_eq!(days, vec![(7, true), (6, false), (0, false)]);
    let input = vec![(PathBuf::from("a.toml"), record("计算机学院", "张三", &[]))];
    let off = Review::build(
        &input,
        &catalog(),
        &ReviewOptions {
            now: at(26, 9),
            stale_days: 0,
        },
    );
    assert!(off.stale().next().is_none());
}

#[test]
fn no_records_no_review() {
    let review = build(Vec::new());
    assert!(review.units.is_empty() && review.findings.is_empty() && review.columns.is_empty());
}

#[test]
fn units_rounds_and_groups_sort_by_pinyin_with_numbers_by_value() {
    let mut second = record("化学学院", "甲", &[]);
    second.round = "第10轮".into();
    let mut seventh_group = record("继续教育学院（7）", "乙", &[]);
    seventh_group.group = "第10组".into();
    let mut ninth_group = record("继续教育学院（10）", "丙", &[]);
    ninth_group.group = "第9组".into();
    let review = build(vec![
        record("外国语学院", "丁", &[]),
        ninth_group,
        second,
        seventh_group,
        record("机械学院", "戊", &[]),
    ]);
    let units: Vec<(&str, &str)> = review
        .units
        .iter()
        .map(|u| (u.key.round.as_str(), u.key.unit.as_str()))
        .collect();
    // 第10轮 (di 10) before 第三轮 (di san): a number sorts before a character
    assert_eq!(
        units,
        [
            ("第10轮", "化学学院"),
            ("第三轮", "机械学院"),
            ("第三轮", "继续教育学院（7）"),
            ("第三轮", "继续教育学院（10）"),
            ("第三轮", "外国语学院"),
        ]
    );
    assert_eq!(review.rounds(), ["第10轮", "第三轮"]);
    assert_eq!(review.groups(), ["第9组", "第10组", "第二巡察组"]);
    // each record still points at its own unit
    for r in &review.records {
        assert_eq!(review.units[r.unit_index].key.unit, r.unit);
        assert!(review.units[r.unit_index].records.contains(&r.index));
    }
}

#[test]
fn a_disagreement_carries_each_inspectors_finding_and_notes_and_marks_its_findings() {
    let mut zhang = record(
        "计算机学院",
        "张三",
        &[("t/a", NoProblem), ("t/c", Problem)],
    );
    zhang
        .answers
        .get_mut("t/a")
        .unwrap()
        .notes
        .push(crate::testing::note(1, "Z01", "会议记录齐全", "", ""));
    let mut li = record("计算机学院", "李四", &[("t/a", Problem), ("t/c", Problem)]);
    let a = li.answers.get_mut("t/a").unwrap();
    a.finding = Some(Finding {
        title: "议事规则未执行".into(),
        ..Finding::default()
    });
    a.notes
        .push(crate::testing::note(2, "T01", "书记称未上会", "", ""));
    let review = build(vec![zhang, li]);
    assert_eq!(review.disagreements.len(), 1);
    let d = &review.disagreements[0];
    assert_eq!(d.item.key, "t/a");
    type Side<'a> = (
        Status,
        Option<&'a str>,
        Vec<&'a str>,
        Vec<Option<SourceKind>>,
    );
    let texts: Vec<Side> = d
        .verdicts
        .iter()
        .map(|v| {
            (
                v.status,
                v.finding.as_ref().map(|f| f.title.as_str()),
                v.evidence.iter().map(|e| e.note.text.as_str()).collect(),
                v.evidence.iter().map(|e| e.source_kind).collect(),
            )
        })
        .collect();
    assert_eq!(
        texts,
        [
            (
                NoProblem,
                None,
                vec!["会议记录齐全"],
                vec![Some(SourceKind::Documents)]
            ),
            (
                Problem,
                Some("议事规则未执行"),
                vec!["书记称未上会"],
                vec![Some(SourceKind::Interview)]
            ),
        ]
    );
    // the finding on the disputed item is marked, the agreed one is not
    let disputed: Vec<(&str, bool)> = (0..review.findings.len())
        .map(|i| (review.findings[i].item.key.as_str(), review.disputed(i)))
        .collect();
    assert_eq!(disputed, [("t/a", true), ("t/c", false), ("t/c", false)]);
    assert!(!review.disputed(99));
}
