use std::path::PathBuf;

use super::*;
use crate::model::review::Review;
use crate::model::review::ReviewOptions;
use crate::model::{Catalog, Finding, SourceKind, Status};
use crate::model::{Record, RecordError};
use crate::testing::{answer, at, builtin_catalog, note, record, source};

const KEY: &str = "zhengzhi-jilv/first-topic";

/// Two inspectors of 计算机学院: 张三 found a problem on `KEY` (one interview note), 李四
/// gives `other` on it.
fn round(other: Option<Status>) -> (Catalog, Vec<(PathBuf, Record)>) {
    let catalog = builtin_catalog();
    let t = catalog.get("zhengzhi-jilv").unwrap();
    let mut a = record("计算机学院", "张三", &[t], at(10, 9));
    a.sources.push(source("T01", SourceKind::Interview, "院长"));
    a.answers.insert(
        KEY.into(),
        answer(
            Status::Problem,
            vec![note(1, "T01", "传达滞后", "书记", "62 天")],
            Some(Finding {
                title: "第一议题落实不及时".into(),
                statement: "平均滞后 40 天".into(),
                ..Finding::default()
            }),
        ),
    );
    let mut b = record("计算机学院", "李四", &[t], at(10, 9));
    if let Some(s) = other {
        b.answers.insert(KEY.into(), answer(s, vec![], None));
    }
    (catalog, vec![("a.toml".into(), a), ("b.toml".into(), b)])
}

fn review(catalog: &Catalog, records: &[(PathBuf, Record)]) -> Review {
    Review::build(records, catalog, &ReviewOptions::new(at(20, 9)))
}

fn hash_of(records: &[(PathBuf, Record)]) -> String {
    let (catalog, _) = round(None);
    let rv = review(&catalog, records);
    content_hash(&rv, records, &rv.entries[0])
}

fn signed(signoffs: &mut Signoffs, signer: &str, key: &str, hash: &str, step: Step, day: u32) {
    let file = match signoffs.files.iter().position(|f| f.signer == signer) {
        Some(i) => &mut signoffs.files[i],
        None => {
            signoffs.files.push(SignoffFile::new("第三轮", signer));
            signoffs.files.last_mut().unwrap()
        }
    };
    file.signoffs.push(Signoff {
        key: key.into(),
        step,
        hash: hash.into(),
        at: at(day, 9),
        title: String::new(),
    });
}

#[test]
fn key_is_unit_checklist_item_and_hash_is_hex() {
    let (catalog, records) = round(None);
    let rv = review(&catalog, &records);
    assert_eq!(rv.entries.len(), 1);
    assert_eq!(
        finding_key(&rv, &rv.entries[0]),
        format!("计算机学院/{KEY}")
    );
    let h = content_hash(&rv, &records, &rv.entries[0]);
    assert_eq!(h.len(), 64);
    assert!(
        h.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_uppercase())
    );
}

#[test]
fn hash_survives_save_and_load_and_ignores_times() {
    let (_, records) = round(None);
    let before = hash_of(&records);
    let reloaded: Vec<(PathBuf, Record)> = records
        .iter()
        .map(|(p, r)| {
            let text = r.to_toml().unwrap();
            (p.clone(), Record::parse("x", &text).unwrap())
        })
        .collect();
    assert_eq!(hash_of(&reloaded), before);
    let mut later = records.clone();
    later[0].1.updated = at(25, 9);
    later[0].1.answers.get_mut(KEY).unwrap().updated = Some(at(25, 9));
    assert_eq!(hash_of(&later), before);
}

#[test]
fn hash_changes_with_each_vouched_field() {
    let (_, records) = round(None);
    let base = hash_of(&records);
    type Edit = Box<dyn Fn(&mut Record)>;
    let finding = |f: fn(&mut Finding)| -> Edit {
        Box::new(move |r: &mut Record| f(r.answers.get_mut(KEY).unwrap().finding.as_mut().unwrap()))
    };
    let edits: Vec<(&str, Edit)> = vec![
        ("title", finding(|f| f.title.push('改'))),
        ("statement", finding(|f| f.statement.push('改'))),
        (
            "feedback",
            finding(|f| f.feedback_text = Some("有的".into())),
        ),
        ("figures", finding(|f| f.figures = "3 次".into())),
        ("people", finding(|f| f.people = "某某".into())),
        ("basis", finding(|f| f.basis = "条例".into())),
        (
            "category",
            finding(|f| f.category = Some(crate::model::Category::Governance)),
        ),
        (
            "responsibility",
            finding(|f| f.responsibility = Some(crate::model::Responsibility::Main)),
        ),
        ("transfer", finding(|f| f.transfer = true)),
        (
            "receiver",
            finding(|f| f.receiver = Some(crate::model::Receiver::Organization)),
        ),
        (
            "receiver name",
            finding(|f| f.receiver_name = "资产处".into()),
        ),
        (
            "note text",
            Box::new(|r: &mut Record| {
                r.answers.get_mut(KEY).unwrap().notes[0].text.push('改');
            }),
        ),
        (
            "note source",
            Box::new(|r: &mut Record| {
                r.answers.get_mut(KEY).unwrap().notes[0].source = "Z01".into();
            }),
        ),
        (
            "source reference",
            Box::new(|r: &mut Record| r.sources[0].reference = "书记".into()),
        ),
        (
            "status",
            Box::new(|r: &mut Record| r.answers.get_mut(KEY).unwrap().status = Status::Doubt),
        ),
    ];
    for (what, edit) in edits {
        let mut changed = records.clone();
        edit(&mut changed[0].1);
        assert_ne!(hash_of(&changed), base, "{what} must change the hash");
    }
    // another inspector's verdict on the item is part of it too
    let (_, disputed) = round(Some(Status::NoProblem));
    assert_ne!(hash_of(&disputed), base);
}

#[test]
fn steps_count_in_order_and_go_stale_when_the_content_changes() {
    let (catalog, records) = round(None);
    let rv = review(&catalog, &records);
    let key = finding_key(&rv, &rv.entries[0]);
    let hash = content_hash(&rv, &records, &rv.entries[0]);
    let mut s = Signoffs::default();
    let st = |s: &Signoffs| s.state(&rv, &records).remove(0);

    // 复核 before 编制 is refused
    assert_eq!(
        may_sign(&rv, &st(&s), Step::Check, "王组长"),
        Err(Refusal::NeedsPrevious {
            key: key.clone(),
            step: Step::Draft
        })
    );
    assert_eq!(may_sign(&rv, &st(&s), Step::Draft, "张三"), Ok(()));
    signed(&mut s, "张三", &key, &hash, Step::Draft, 21);
    assert!(st(&s).step(Step::Draft).counts());
    assert_eq!(st(&s).reached(), Some(Step::Draft));
    // one person does not sign two steps
    assert_eq!(
        may_sign(&rv, &st(&s), Step::Check, "张三"),
        Err(Refusal::SameSigner {
            key: key.clone(),
            other: Step::Draft
        })
    );
    assert!(matches!(
        may_sign(&rv, &st(&s), Step::Draft, "赵六"),
        Err(Refusal::AlreadySigned { .. })
    ));
    signed(&mut s, "李副组长", &key, &hash, Step::Check, 22);
    signed(&mut s, "王组长", &key, &hash, Step::Approve, 23);
    assert!(st(&s).approved());

    // the finding changes: every sign-off is 内容已变更 and counts for nothing
    let mut changed = records.clone();
    changed[0]
        .1
        .answers
        .get_mut(KEY)
        .unwrap()
        .finding
        .as_mut()
        .unwrap()
        .statement
        .push_str("（补充）");
    let rv2 = review(&catalog, &changed);
    let st2 = s.state(&rv2, &changed).remove(0);
    assert!(!st2.approved());
    assert!(matches!(st2.step(Step::Draft), StepState::Changed { .. }));
    assert!(
        st2.step(Step::Draft)
            .label(Lang::Zh)
            .starts_with("内容已变更")
    );
    assert_eq!(
        may_sign(&rv2, &st2, Step::Approve, "王组长"),
        Err(Refusal::NeedsPrevious {
            key: key.clone(),
            step: Step::Check
        })
    );
    // a later-step sign-off without its earlier step does not count (hand-edited file)
    let mut gap = Signoffs::default();
    signed(&mut gap, "王组长", &key, &hash, Step::Approve, 23);
    assert!(matches!(
        st(&gap).step(Step::Approve),
        StepState::OutOfOrder { .. }
    ));
    assert!(!st(&gap).approved());
}

#[test]
fn a_disputed_finding_is_approved_only_after_the_leader_confirms_it() {
    let (catalog, records) = round(Some(Status::NoProblem));
    let rv = review(&catalog, &records);
    assert!(rv.entries[0].disputed);
    let key = finding_key(&rv, &rv.entries[0]);
    let hash = content_hash(&rv, &records, &rv.entries[0]);
    let mut s = Signoffs::default();
    signed(&mut s, "张三", &key, &hash, Step::Draft, 21);
    signed(&mut s, "李副组长", &key, &hash, Step::Check, 22);
    let st = |s: &Signoffs| s.state(&rv, &records).remove(0);
    assert_eq!(
        may_sign(&rv, &st(&s), Step::Approve, "王组长"),
        Err(Refusal::Disputed { key: key.clone() })
    );
    let settle = |decision, hash: &str| Settlement {
        key: key.clone(),
        decision,
        reason: "调阅会议记录核实".into(),
        hash: hash.into(),
        signer: "王组长".into(),
        at: at(22, 15),
    };
    // a settlement of other content does not count
    let mut leader = LeaderFile::new("第三轮");
    leader.settlements.push(settle(Decision::Confirm, "00"));
    s.leaders.insert("第三轮".into(), leader.clone());
    assert!(st(&s).settlement_changed);
    assert!(matches!(
        may_sign(&rv, &st(&s), Step::Approve, "王组长"),
        Err(Refusal::Disputed { .. })
    ));
    leader.settlements.push(settle(Decision::Dismiss, &hash));
    s.leaders.insert("第三轮".into(), leader.clone());
    assert!(st(&s).dismissed());
    assert!(matches!(
        may_sign(&rv, &st(&s), Step::Approve, "王组长"),
        Err(Refusal::Dismissed { .. })
    ));
    leader.settlements.push(settle(Decision::Confirm, &hash));
    s.leaders.insert("第三轮".into(), leader);
    assert!(st(&s).confirmed());
    assert_eq!(may_sign(&rv, &st(&s), Step::Approve, "王组长"), Ok(()));
}

#[test]
fn a_doubt_is_not_signed() {
    let (catalog, mut records) = round(None);
    records[0].1.answers.get_mut(KEY).unwrap().status = Status::Doubt;
    let rv = review(&catalog, &records);
    let st = Signoffs::default().state(&rv, &records).remove(0);
    assert!(matches!(
        may_sign(&rv, &st, Step::Draft, "张三"),
        Err(Refusal::Doubt { .. })
    ));
}

#[test]
fn files_round_trip_and_refuse_newer_formats() {
    let mut f = SignoffFile::new("第三轮", "张三");
    f.signoffs.push(Signoff {
        key: format!("计算机学院/{KEY}"),
        step: Step::Check,
        hash: "ab".repeat(32),
        at: at(21, 9),
        title: "第一议题".into(),
    });
    let text = f.to_toml().unwrap();
    assert!(text.contains("[[signoff]]"), "{text}");
    assert_eq!(SignoffFile::parse("s.toml", &text).unwrap(), f);
    let mut l = LeaderFile::new("第三轮");
    l.reported = Some(Milestone {
        date: "2026-12-05".parse().unwrap(),
        signer: "王组长".into(),
        at: at(28, 9),
    });
    l.fed_back.push(FedBack {
        unit: "计算机学院".into(),
        date: "2026-12-10".parse().unwrap(),
        signer: "王组长".into(),
        at: at(29, 9),
        findings: vec![FedFinding {
            key: "计算机学院/zhengzhi-jilv/first-topic".into(),
            hash: "0".repeat(64),
        }],
    });
    let text = l.to_toml().unwrap();
    assert!(text.contains("date = 2026-12-05"), "{text}");
    assert!(
        text.contains("format = 2") && text.contains("[[fed_back.finding]]"),
        "{text}"
    );
    assert_eq!(LeaderFile::parse("l.toml", &text).unwrap(), l);
    let newer = text.replace("format = 2", "format = 3");
    assert!(matches!(
        LeaderFile::parse("l.toml", &newer),
        Err(RecordError::NewerFormat { found: 3, .. })
    ));
    // a format 1 file (no findings recorded with the feedback) loads, and is written as 2
    let old = "format = 1\nround = \"第三轮\"\n[[fed_back]]\nunit = \"计算机学院\"\ndate = 2026-12-10\nsigner = \"王组长\"\nat = 2026-12-10T16:40:00+08:00\n";
    let read = LeaderFile::parse("l.toml", old).unwrap();
    assert!(read.fed_back[0].findings.is_empty());
    assert!(read.to_toml().unwrap().starts_with("format = 2"));
    let e = SignoffFile::parse("s.toml", "format = 1\nround = \"x\"\nsigner = 3\n").unwrap_err();
    assert_eq!(e.diagnostic().line, 3);
    // Chinese step and decision names are read too
    let zh = "format = 1\nround = \"第三轮\"\nsigner = \"张三\"\n[[signoff]]\nkey = \"a/b/c\"\nstep = \"审签\"\nhash = \"00\"\nat = 2026-11-21T09:00:00+08:00\n";
    assert_eq!(
        SignoffFile::parse("s.toml", zh).unwrap().signoffs[0].step,
        Step::Approve
    );
}
