//! The feedback version (`report --redact`) never reveals who spoke: a property test over
//! generated rounds, the name check, merging, the settled-only rule, control characters in
//! every writer, the report filters, and old `meeting` sources. Rules in `docs/REPORT.md`.

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use xuncha::i18n::Lang;
use xuncha::model::{Answer, Catalog, Finding, Note, Origin, Record, SourceKind, Status, Template};
use xuncha::report::{self, Hold, MatchKind, Options, ReportError};
use xuncha::testing::{at, source};

const XUNCHA: &str = env!("CARGO_BIN_EXE_xuncha");

const T: &str = r#"
id = "t"
title = "三看"
version = "1"
[[sections]]
id = "s"
title = "一看"
[[sections.items]]
id = "a"
text = "班子是否严格执行议事规则？"
guide = "g"
methods = ["documents"]
category = "leadership"
[[sections.items]]
id = "b"
text = "公务接待是否先审批后接待？"
guide = "g"
methods = ["documents"]
category = "governance"
[[sections.items]]
id = "c"
text = "民主生活会是否有辣味？"
guide = "g"
methods = ["interview"]
category = "party-building"
"#;

/// The test checklist, parsed once (the property test asks for it thousands of times).
fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut c = Catalog::default();
        c.insert(Template::parse("t.toml", T).unwrap(), Origin::BuiltIn("t"));
        c
    })
}

fn record(unit: &str, inspector: &str) -> Record {
    let templates: Vec<&Template> = catalog().templates().collect();
    let mut r = Record::new(
        unit,
        "第三轮",
        "第二巡察组",
        inspector,
        &templates,
        at(1, 9),
    );
    r.updated = at(25, 9);
    r
}

fn note(id: u32, source: &str, text: &str, people: &str, figures: &str) -> Note {
    Note {
        id,
        at: at(10, 10),
        source: source.into(),
        text: text.into(),
        people: people.into(),
        figures: figures.into(),
    }
}

fn problem(notes: Vec<Note>, statement: &str) -> Answer {
    Answer {
        status: Status::Problem,
        updated: Some(at(12, 16)),
        notes,
        finding: Some(Finding {
            statement: statement.into(),
            ..Finding::default()
        }),
    }
}

fn files(records: Vec<Record>) -> Vec<(PathBuf, Record)> {
    records
        .into_iter()
        .map(|r| {
            (
                PathBuf::from(format!("第三轮_{}_{}.toml", r.unit, r.inspector)),
                r,
            )
        })
        .collect()
}

/// The feedback version's options: every finding that may be approved is approved and the
/// round reported ([`xuncha::testing::approve_all`]), so what these tests check is the
/// redaction, not the sign-off gate.
fn feedback_options(records: &[(PathBuf, Record)]) -> Options {
    let mut options = Options::new(Lang::Zh, true, at(26, 9));
    options.signoffs = xuncha::testing::approve_all(records, catalog());
    options
}

fn feedback(records: &[(PathBuf, Record)]) -> Result<report::Report, ReportError> {
    report::markdown(records, catalog(), &feedback_options(records))
}

fn full(records: &[(PathBuf, Record)]) -> String {
    report::markdown(
        records,
        catalog(),
        &Options::new(Lang::Zh, false, at(26, 9)),
    )
    .unwrap()
    .text
}

fn feedback_csv(records: &[(PathBuf, Record)]) -> Result<report::Report, ReportError> {
    report::csv(records, catalog(), &feedback_options(records))
}

/// The feedback workbook, as a [`report::Report`] whose text is every part of the zip (sheets,
/// shared strings, properties) unpacked and joined: a marker anywhere in the file is found.
fn feedback_xlsx(records: &[(PathBuf, Record)]) -> Result<report::Report, ReportError> {
    use std::io::Read;
    match report::xlsx(records, catalog(), &feedback_options(records)) {
        Ok(made) => {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(made.bytes)).unwrap();
            let mut text = String::new();
            for i in 0..zip.len() {
                zip.by_index(i).unwrap().read_to_string(&mut text).unwrap();
            }
            Ok(report::Report {
                text,
                left_out: made.left_out,
            })
        }
        Err(report::XlsxReportError::Report(e)) => Err(e),
        Err(e) => panic!("{e}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The property: planted markers never reach the feedback version
// ---------------------------------------------------------------------------------------------

/// One generated note: which source it cites (an index into the record's sources, none, or a
/// code the record does not define).
#[derive(Debug, Clone)]
enum Cite {
    Source(usize),
    None,
    Unknown,
}

#[derive(Debug, Clone)]
struct GenAnswer {
    status: Status,
    notes: Vec<Cite>,
    title: bool,
    statement: bool,
    feedback_text: bool,
    transfer: bool,
}

#[derive(Debug, Clone)]
struct GenRecord {
    kinds: Vec<SourceKind>,
    answers: Vec<GenAnswer>,
}

/// Where the anchor problem (settled, material evidence only, its own item) carries a name it
/// must not: nowhere, or in one of its shown texts.
#[derive(Debug, Clone, Copy)]
enum Leak {
    None,
    Title,
    Statement,
    FeedbackText,
    Figures,
    Basis,
    NoteText,
    NoteFigures,
}

fn gen_answer() -> impl Strategy<Value = GenAnswer> {
    (
        prop::sample::select(vec![
            Status::Problem,
            Status::Problem,
            Status::Doubt,
            Status::NoProblem,
            Status::NotApplicable,
        ]),
        prop::collection::vec(
            prop_oneof![
                6 => (0usize..6).prop_map(Cite::Source),
                1 => Just(Cite::None),
                1 => Just(Cite::Unknown),
            ],
            0..4,
        ),
        any::<bool>(),
        prop::bool::weighted(0.8),
        any::<bool>(),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(status, notes, title, statement, feedback_text, transfer)| GenAnswer {
                status,
                notes,
                title,
                statement,
                feedback_text,
                transfer,
            },
        )
}

fn gen_record() -> impl Strategy<Value = GenRecord> {
    (
        prop::collection::vec(prop::sample::select(SourceKind::ALL.to_vec()), 1..6),
        prop::collection::vec(gen_answer(), 0..3),
    )
        .prop_map(|(kinds, answers)| GenRecord { kinds, answers })
}

fn gen_leak() -> impl Strategy<Value = Leak> {
    prop_oneof![
        8 => Just(Leak::None),
        1 => prop::sample::select(vec![
            Leak::Title,
            Leak::Statement,
            Leak::FeedbackText,
            Leak::Figures,
            Leak::Basis,
            Leak::NoteText,
            Leak::NoteFigures,
        ]),
    ]
}

/// Builds the round: every text that must not go out holds a marker `MK…`; every text that
/// may go out holds only `安全…` words. Returns the records and the markers a leak may plant
/// (the names the check must catch).
fn build(
    plan: &[GenRecord],
    leak: Leak,
    leak_pick: usize,
) -> (Vec<(PathBuf, Record)>, Vec<String>) {
    let mut names: Vec<String> = Vec::new();
    let mut n = 0usize;
    let mut mark = |what: &str| {
        n += 1;
        format!("MK{what}{n}x")
    };
    let mut records = Vec::new();
    for (ri, g) in plan.iter().enumerate() {
        let inspector = mark("i");
        names.push(inspector.clone());
        let mut r = record("计算机学院", &inspector);
        for (si, kind) in g.kinds.iter().enumerate() {
            let a = mark("ra");
            let b = mark("rb");
            // a reference with name-like parts: "MKra、MKrb（MKrc）"
            let c = mark("rc");
            let code = if kind.is_material() {
                format!("Z{ri}{si}")
            } else {
                let code = mark("c");
                names.push(code.clone());
                code
            };
            if !kind.is_material() {
                names.push(a.clone());
                names.push(c.clone());
            }
            r.sources
                .push(source(&code, *kind, &format!("{a}、{b}（{c}）")));
        }
        let mut id = 0;
        for (ai, ga) in g.answers.iter().enumerate() {
            let mut notes = Vec::new();
            for cite in &ga.notes {
                id += 1;
                let (code, material) = match cite {
                    Cite::Source(i) => {
                        let s = &r.sources[i % r.sources.len()];
                        (s.code.clone(), s.kind.is_material())
                    }
                    Cite::None => (String::new(), false),
                    Cite::Unknown => {
                        let code = mark("u");
                        names.push(code.clone());
                        (code, false)
                    }
                };
                let shown = material && !ga.transfer && ga.status == Status::Problem;
                let people = mark("np");
                if !material {
                    names.push(people.clone());
                }
                let (text, figures) = if shown {
                    (format!("安全证据{id}"), format!("安全数据{id}"))
                } else {
                    (mark("nt"), mark("nf"))
                };
                notes.push(note(id, &code, &text, &people, &figures));
            }
            let settled_looking = ga.status == Status::Problem && !ga.transfer;
            let text = |m: &mut dyn FnMut(&str) -> String, what: &str, safe: &str| {
                if settled_looking {
                    safe.to_string()
                } else {
                    m(what)
                }
            };
            let finding = ga.status.has_finding().then(|| Finding {
                title: if ga.title {
                    text(&mut mark, "ft", "安全标题")
                } else {
                    String::new()
                },
                statement: if ga.statement {
                    text(&mut mark, "fs", "安全问题")
                } else {
                    String::new()
                },
                feedback_text: ga
                    .feedback_text
                    .then(|| text(&mut mark, "fb", "安全反馈稿表述")),
                people: mark("fp"),
                figures: text(&mut mark, "ff", "安全数字"),
                basis: text(&mut mark, "fz", "安全依据"),
                category: None,
                transfer: ga.transfer,
                ..Finding::default()
            });
            // items "a" and "b" (at most two answers): "c" belongs to the anchor
            let key = format!("t/{}", ["a", "b"][ai % 2]);
            r.answers.insert(
                key,
                Answer {
                    status: ga.status,
                    updated: Some(at(12, 16)),
                    notes,
                    finding,
                },
            );
        }
        records.push(r);
    }
    // The anchor: a settled problem on item "c" of the first record, on a documents source.
    let first = &mut records[0];
    first
        .sources
        .push(source("ZA", SourceKind::Documents, "安全会议记录"));
    let planted = (!names.is_empty()).then(|| names[leak_pick % names.len()].clone());
    let with = |field: Leak, safe: &str| match (&planted, leak) {
        (Some(name), l) if std::mem::discriminant(&l) == std::mem::discriminant(&field) => {
            format!("{safe}，与{name}所述一致")
        }
        _ => safe.to_string(),
    };
    first.answers.insert(
        "t/c".into(),
        Answer {
            status: Status::Problem,
            updated: Some(at(12, 16)),
            notes: vec![note(
                900,
                "ZA",
                &with(Leak::NoteText, "安全锚点证据"),
                "",
                &with(Leak::NoteFigures, "安全锚点数据"),
            )],
            finding: Some(Finding {
                title: with(Leak::Title, "安全锚点标题"),
                statement: with(Leak::Statement, "安全锚点问题"),
                feedback_text: matches!(leak, Leak::FeedbackText)
                    .then(|| with(Leak::FeedbackText, "安全锚点反馈稿")),
                figures: with(Leak::Figures, "安全锚点数字"),
                basis: with(Leak::Basis, "安全锚点依据"),
                ..Finding::default()
            }),
        },
    );
    (files(records), names)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 10_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Whatever the round, no marker reaches the feedback version (Markdown or CSV): either it
    /// is written without any, or the name check refuses it. A name planted in a shown text of
    /// a settled problem is always refused; a round with nothing planted always passes, and then
    /// its settled anchor problem is shown.
    #[test]
    fn no_marker_ever_reaches_the_feedback_version(
        plan in prop::collection::vec(gen_record(), 1..4),
        leak in gen_leak(),
        pick in any::<usize>(),
    ) {
        let (records, names) = build(&plan, leak, pick);
        let planted = !matches!(leak, Leak::None) && !names.is_empty();
        for result in [feedback(&records), feedback_csv(&records)] {
            match result {
                Ok(report) => {
                    prop_assert!(!planted, "a planted name passed: {leak:?}");
                    prop_assert!(!report.text.contains("MK"), "{}", report.text);
                    prop_assert!(report.text.contains("安全锚点问题"));
                }
                Err(ReportError::Names(found)) => {
                    prop_assert!(planted, "refused with nothing planted: {found:?}");
                    prop_assert!(found.iter().all(|m| m.item.contains("民主生活会")));
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// The same property for the XLSX workbook, every part of its zip unpacked and searched
    /// (fewer cases: a workbook takes a few milliseconds to make).
    #[test]
    fn no_marker_ever_reaches_the_feedback_workbook(
        plan in prop::collection::vec(gen_record(), 1..4),
        leak in gen_leak(),
        pick in any::<usize>(),
    ) {
        let (records, names) = build(&plan, leak, pick);
        let planted = !matches!(leak, Leak::None) && !names.is_empty();
        match feedback_xlsx(&records) {
            Ok(report) => {
                prop_assert!(!planted, "a planted name passed: {leak:?}");
                prop_assert!(!report.text.contains("MK"), "{}", report.text);
                prop_assert!(report.text.contains("安全锚点问题"));
            }
            Err(ReportError::Names(found)) => {
                prop_assert!(planted, "refused with nothing planted: {found:?}");
                prop_assert!(found.iter().all(|m| m.item.contains("民主生活会")));
            }
            Err(e) => prop_assert!(false, "{e}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The name check
// ---------------------------------------------------------------------------------------------

fn named_round(statement: &str, feedback_text: Option<&str>) -> Vec<(PathBuf, Record)> {
    let mut r = record("计算机学院", "张三");
    r.sources = vec![
        source("T01", SourceKind::Interview, "王某某，院办主任"),
        source("Z01", SourceKind::Documents, "2025 年党委会会议记录"),
    ];
    r.answers.insert(
        "t/a".into(),
        Answer {
            status: Status::Problem,
            updated: Some(at(12, 16)),
            notes: vec![
                note(1, "Z01", "会议记录显示临时动议 3 次", "", "3 次"),
                note(2, "T01", "谈话称书记一人拍板", "党委书记周某", ""),
            ],
            finding: Some(Finding {
                title: "议事规则执行不严".into(),
                statement: statement.into(),
                feedback_text: feedback_text.map(str::to_string),
                ..Finding::default()
            }),
        },
    );
    files(vec![r])
}

#[test]
fn a_name_in_a_shown_text_refuses_the_feedback_and_names_the_place() {
    for (statement, found, kind) in [
        ("与院办主任所述一致", "院办主任", MatchKind::Reference),
        ("王某某反映临时动议", "王某某", MatchKind::Reference),
        ("已与T01所述核对一致", "T01", MatchKind::Code),
        ("经查周某主持的会议", "周某", MatchKind::People),
        ("张三核实了会议记录", "张三", MatchKind::Inspector),
    ] {
        let round = named_round(statement, None);
        for result in [
            feedback(&round),
            feedback_csv(&round),
            feedback_xlsx(&round),
        ] {
            let Err(ReportError::Names(m)) = result else {
                panic!("{statement}: not refused");
            };
            assert_eq!(m.len(), 1, "{m:?}");
            assert_eq!(m[0].text, found);
            assert_eq!(m[0].kind, kind);
            let line = m[0].line(Lang::Zh);
            assert_eq!(
                line,
                format!(
                    "第三轮_计算机学院_张三.toml · 三看 › 一看 › 班子是否严格执行议事规则？ · 问题 · 「{found}」（{}）",
                    kind.label(Lang::Zh)
                )
            );
        }
        // the full version is not checked: it names people on purpose
        assert!(full(&round).contains(statement));
    }
    // the message lists every match, one per line
    let Err(e) = feedback(&named_round("张三与王某某核对", None)) else {
        panic!()
    };
    let message = e.message(Lang::Zh);
    assert!(message.starts_with("未写出反馈稿"), "{message}");
    assert_eq!(message.lines().count(), 3, "{message}");
}

#[test]
fn the_feedback_wording_replaces_the_statement_and_is_checked_the_same_way() {
    let round = named_round("院办主任王某某擅自决定", Some("有的班子成员擅自决定"));
    let md = feedback(&round).unwrap().text;
    assert!(md.contains("有的班子成员擅自决定"), "{md}");
    assert!(!md.contains("王某某"));
    let csv = feedback_csv(&round).unwrap().text;
    assert!(csv.contains("有的班子成员擅自决定") && !csv.contains("王某某"));
    // the internal report keeps the statement and shows the wording beside it
    let internal = full(&round);
    assert!(internal.contains("院办主任王某某擅自决定"));
    assert!(
        internal.contains("反馈稿表述：有的班子成员擅自决定"),
        "{internal}"
    );
    // a wording that names someone is refused, in its own field
    let Err(ReportError::Names(m)) = feedback(&named_round("x", Some("王某某擅自决定")))
    else {
        panic!("not refused")
    };
    assert_eq!(m[0].field, report::feedback::ShownField::FeedbackText);
}

/// A reference written as a phrase, with nothing around the name (与院办主任王建国个别谈话), still
/// keeps the name out of the feedback: in the statement, in the feedback wording, with or
/// without the title; the phrase's words (谈话, 院办) do not refuse a feedback that uses them.
#[test]
fn a_name_inside_a_phrase_reference_refuses_the_feedback() {
    let round = |reference: &str, statement: &str, wording: Option<&str>| {
        let mut round = named_round(statement, wording);
        round[0].1.sources[0].reference = reference.to_string();
        round
    };
    for (reference, statement, wording, found) in [
        (
            "与院办主任王建国个别谈话",
            "议事不严",
            Some("据反映，院办王建国主任曾提出异议。"),
            "王建国",
        ),
        (
            "与院办主任王建国个别谈话",
            "王建国反映临时动议",
            None,
            "王建国",
        ),
        ("院办王建国主任", "据王建国反映", None, "王建国"),
        ("王建国个别谈话", "王建国称", None, "王建国"),
        ("与王建国谈话", "经与王建国核实", None, "王建国"),
        ("院办王主任", "王主任反映", None, "王主任"),
    ] {
        let r = round(reference, statement, wording);
        for result in [feedback(&r), feedback_csv(&r), feedback_xlsx(&r)] {
            let Err(ReportError::Names(m)) = result else {
                panic!("{reference} / {statement} / {wording:?}: not refused");
            };
            assert!(
                m.iter()
                    .any(|m| m.text == found && m.kind == MatchKind::Reference),
                "{reference}: {m:?}"
            );
        }
    }
    // the words of such a phrase are not names: a feedback that speaks of 个别谈话 and the
    // 院办 goes out
    let r = round(
        "与院办主任王建国个别谈话",
        "个别谈话和院办材料显示议事规则执行不严",
        None,
    );
    let md = feedback(&r).unwrap().text;
    assert!(md.contains("个别谈话和院办材料显示"), "{md}");
}

#[test]
fn name_like_parts_are_split_on_the_usual_separators() {
    use report::feedback::name_parts;
    assert_eq!(
        name_parts("王某某，院办主任"),
        ["王某某，院办主任", "王某某", "院办主任"]
    );
    assert_eq!(
        name_parts("与学院党委书记（周某）个别谈话；学院会议室"),
        [
            "与学院党委书记（周某）个别谈话；学院会议室",
            "与学院党委书记",
            "周某",
            "个别谈话",
            "学院会议室"
        ]
    );
    // parts shorter than two characters, numbers alone and a space next to a digit
    assert!(name_parts("王 五/A").is_empty());
    assert_eq!(name_parts("发放 86 份"), ["发放 86 份"]);
    assert_eq!(name_parts("Li Ming, 3"), ["Li Ming, 3", "Li", "Ming"]);
    // a surname with 某 inside a longer part
    assert!(name_parts("学院办公室主任陈某某经办").contains(&"陈某某".to_string()));
}

#[test]
fn collective_nouns_and_the_units_own_names_are_not_names() {
    let mut r = record("后勤管理处", "张三");
    r.sources = vec![
        source("X01", SourceKind::Clue, "来信（署名“后勤管理处职工”）"),
        source("Z01", SourceKind::Documents, "2025 年党委会会议记录"),
    ];
    r.answers.insert(
        "t/a".into(),
        problem(
            vec![
                note(1, "Z01", "后勤管理处会议记录无研究记录", "", ""),
                note(2, "X01", "反映处长一人说了算", "班子成员", ""),
            ],
            "有的班子成员对重大事项未集体研究，个别职工反映强烈",
        ),
    );
    let out = feedback(&files(vec![r.clone()])).unwrap();
    assert!(out.text.contains("有的班子成员"), "{}", out.text);
    // but the specific parts still count
    r.answers
        .get_mut("t/a")
        .unwrap()
        .finding
        .as_mut()
        .unwrap()
        .statement = "后勤管理处职工反映".into();
    let Err(ReportError::Names(m)) = feedback(&files(vec![r])) else {
        panic!("not refused")
    };
    assert_eq!(m[0].text, "后勤管理处职工");
}

// ---------------------------------------------------------------------------------------------
// One problem, one entry; only settled problems
// ---------------------------------------------------------------------------------------------

#[test]
fn findings_on_one_item_of_one_unit_are_one_entry_in_both_versions() {
    let mut a = record("计算机学院", "张三");
    a.sources = vec![source("Z01", SourceKind::Documents, "会议记录")];
    a.answers.insert(
        "t/a".into(),
        problem(vec![note(1, "Z01", "记录甲", "", "")], "问题甲"),
    );
    let mut b = record("计算机学院", "李四");
    b.sources = vec![source("K01", SourceKind::SiteVisit, "会议室")];
    let mut second = problem(vec![note(1, "K01", "记录乙", "", "")], "问题乙");
    if let Some(f) = second.finding.as_mut() {
        f.title = "议事规则执行不严".into();
    }
    b.answers.insert("t/a".into(), second);
    let mut c = record("外国语学院", "王五");
    c.answers.insert("t/a".into(), problem(vec![], "问题丙"));
    let round = files(vec![a, b, c]);

    let internal = full(&round);
    // one numbered entry for 计算机学院, titled by the first non-empty title, both statements
    // with their inspectors, the evidence pooled
    assert_eq!(internal.matches("**1. ").count(), 1, "{internal}");
    assert!(
        internal.contains("**1. 议事规则执行不严**（发现问题）"),
        "{internal}"
    );
    assert!(internal.contains("巡察人员：张三、李四"));
    assert!(internal.contains("张三：问题甲") && internal.contains("李四：问题乙"));
    assert!(internal.contains("记录甲") && internal.contains("记录乙"));
    assert!(
        internal.contains("**2. "),
        "the other unit's is its own entry"
    );
    assert!(!internal.contains("**3. "));
    // the unit counts one problem, not two answers
    assert!(
        internal.contains("| 计算机学院 | **单位合计** | 1/3 33% | 1/3 33% | 1 | 0 |"),
        "{internal}"
    );

    let fb = feedback(&round).unwrap().text;
    assert!(
        fb.contains("| 计算机学院 | 1/3 33% | 1/3 33% | 1 |"),
        "{fb}"
    );
    assert!(fb.contains("问题：问题甲\\\n  问题乙"), "{fb}");
    assert!(!fb.contains("张三") && !fb.contains("李四"));
    let csv = feedback_csv(&round).unwrap().text;
    // header and two entries, not three answers
    assert_eq!(csv.matches("\r\n").count(), 3, "{csv}");
}

#[test]
fn only_settled_problems_go_out_and_the_full_report_marks_the_rest() {
    let mut a = record("计算机学院", "张三");
    a.sources = vec![source("Z01", SourceKind::Documents, "会议记录")];
    // 发现问题 with no statement: out (its title would be the checklist's question)
    a.answers.insert(
        "t/a".into(),
        Answer {
            status: Status::Problem,
            ..Answer::default()
        },
    );
    // a settled problem: in
    a.answers.insert(
        "t/b".into(),
        problem(vec![note(1, "Z01", "审批单缺失", "", "")], "先接待后审批"),
    );
    // a doubt and a clue to transfer on the same item: out, both reasons
    let mut doubt = problem(vec![], "待核实");
    doubt.status = Status::Doubt;
    a.answers.insert("t/c".into(), doubt);
    let mut b = record("计算机学院", "李四");
    let mut clue = problem(vec![], "线索");
    if let Some(f) = clue.finding.as_mut() {
        f.transfer = true;
    }
    b.answers.insert("t/c".into(), clue);
    // another inspector disputes 先接待后审批: out
    let mut c = record("计算机学院", "王五");
    c.answers.insert(
        "t/b".into(),
        Answer {
            status: Status::NoProblem,
            ..Answer::default()
        },
    );
    let round = files(vec![a.clone(), b.clone(), c]);
    let out = feedback(&round).unwrap();
    assert!(out.text.contains("暂无发现的问题"), "{}", out.text);
    let reasons: Vec<(String, Vec<Hold>)> = out
        .left_out
        .iter()
        .map(|l| (l.item.clone(), l.reasons.clone()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (
                "三看 › 一看 › 班子是否严格执行议事规则？".to_string(),
                vec![Hold::NoStatement]
            ),
            (
                "三看 › 一看 › 公务接待是否先审批后接待？".to_string(),
                vec![Hold::Disputed]
            ),
            (
                "三看 › 一看 › 民主生活会是否有辣味？".to_string(),
                vec![Hold::Doubt, Hold::Transfer]
            ),
        ]
    );
    assert_eq!(
        out.left_out[2].line(Lang::Zh),
        "计算机学院 · 三看 › 一看 › 民主生活会是否有辣味？：存疑待核、问题线索移交"
    );
    let internal = full(&round);
    assert!(
        internal.contains("不进入反馈稿：未写问题描述"),
        "{internal}"
    );
    assert!(internal.contains("不进入反馈稿：巡察人员意见不一致"));
    assert!(internal.contains("不进入反馈稿：存疑待核、问题线索移交"));
    // without the dispute, 先接待后审批 goes out
    let out = feedback(&files(vec![a, b])).unwrap();
    assert!(out.text.contains("先接待后审批"));
    assert_eq!(out.left_out.len(), 2);
}

#[test]
fn evidence_from_people_never_shows_and_people_are_never_named() {
    let mut r = record("计算机学院", "张三");
    r.sources = SourceKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| source(&format!("S{i:02}"), *k, "来源"))
        .collect();
    let notes: Vec<Note> = SourceKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| {
            note(
                i as u32 + 1,
                &format!("S{i:02}"),
                &format!("笔记-{}", k.key()),
                &format!("人员-{}", k.key()),
                "",
            )
        })
        .collect();
    let mut answer = problem(notes, "问题");
    if let Some(f) = answer.finding.as_mut() {
        f.people = "负责人".into();
    }
    r.answers.insert("t/a".into(), answer);
    let round = files(vec![r]);
    let md = feedback(&round).unwrap().text;
    for k in SourceKind::ALL {
        let text = format!("笔记-{}", k.key());
        assert_eq!(md.contains(&text), k.is_material(), "{k:?}");
        assert!(!md.contains(&format!("人员-{}", k.key())));
    }
    assert!(!md.contains("负责人") && !md.contains("涉及人员："));
    let internal = full(&round);
    assert!(internal.contains("笔记-forum") && internal.contains("人员-interview"));
}

// ---------------------------------------------------------------------------------------------
// Control characters, in every writer
// ---------------------------------------------------------------------------------------------

const NASTY: &str = "\u{1b}]0;pwned\u{7}\u{1b}[32m伪造\r\u{9b}2J\u{202e}\u{2066}\u{7f}\u{0}";

fn assert_clean(what: &str, text: &str) {
    for c in text.chars() {
        assert!(
            !report::sanitize::is_unsafe(c),
            "{what}: {:?} in {text:?}",
            c
        );
    }
    assert!(!text.contains('\r'), "{what}: a carriage return");
    assert!(text.contains('\u{fffd}'), "{what}: no placeholder");
}

fn nasty_round() -> Vec<(PathBuf, Record)> {
    // (the inspector's name is looked for in the feedback version: a different text)
    let mut r = record(&format!("计算机学院{NASTY}"), "张三\u{1b}[31m\u{85}");
    r.sources = vec![source("Z01", SourceKind::Documents, "会议记录")];
    let mut a = problem(
        vec![note(1, "Z01", &format!("记录{NASTY}"), "", NASTY)],
        &format!("问题{NASTY}"),
    );
    if let Some(f) = a.finding.as_mut() {
        f.title = format!("标题{NASTY}");
        f.basis = format!("依据{NASTY}");
    }
    r.answers.insert("t/a".into(), a);
    vec![(PathBuf::from("nasty.toml"), r)]
}

#[test]
fn no_control_character_reaches_any_report() {
    let round = nasty_round();
    let c = catalog();
    for redact in [false, true] {
        let options = xuncha::testing::report_options(&round, c, Lang::Zh, redact, at(26, 9));
        let md = report::markdown(&round, c, &options).unwrap().text;
        assert_clean("markdown", &md);
        let csv = report::csv(&round, c, &options).unwrap().text;
        // the CSV's own row ends are its only CRs
        assert_clean("csv", &csv.replace("\r\n", "\n"));
    }
}

/// A data folder with the given records written as files, and the test checklist among the
/// user's checklists.
fn folder(records: &[(PathBuf, Record)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let checklists = dir.path().join("config").join("checklists");
    std::fs::create_dir_all(&checklists).unwrap();
    std::fs::write(checklists.join("t.toml"), T).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for (name, r) in records {
        std::fs::write(data.join(name), r.to_toml().unwrap()).unwrap();
    }
    // signed and reported, so the feedback version is gated open
    xuncha::testing::write_approvals(&data, catalog());
    dir
}

/// The data folder of [`folder`], as an argument.
fn data(dir: &tempfile::TempDir) -> String {
    dir.path().join("data").to_string_lossy().into_owned()
}

fn xuncha(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(XUNCHA)
        .args(args)
        .env("XUNCHA_DATA_DIR", dir.join("data"))
        .env("XUNCHA_CONFIG_DIR", dir.join("config"))
        .env_remove("XUNCHA_LANG")
        .output()
        .unwrap()
}

#[test]
fn status_messages_and_reports_of_the_program_carry_no_control_character() {
    let dir = folder(&nasty_round());
    let d = &data(&dir);
    let out = xuncha(dir.path(), &["status", d]);
    assert!(out.status.success());
    assert_clean("status", &String::from_utf8(out.stdout).unwrap());
    for args in [
        vec!["report", d],
        vec!["report", d, "--redact"],
        vec!["report", d, "--format", "csv"],
    ] {
        let out = xuncha(dir.path(), &args);
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n");
        assert_clean(&format!("{args:?}"), &text);
    }
    // an error message that echoes text from the files: the units there are
    let out = xuncha(dir.path(), &["report", d, "--unit", "外国语学院"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("没有单位「外国语学院」的记录；可用单位：计算机学院"),
        "{err}"
    );
    assert_clean("error", &err);
    // a record that does not load is reported with its line, sanitised
    std::fs::write(
        dir.path().join("data").join("坏.toml"),
        format!("format = 1\nunit = \"x\"\nround = {NASTY}\n"),
    )
    .unwrap();
    let out = xuncha(dir.path(), &["status", d]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("坏.toml"), "{err}");
    for c in err.chars() {
        assert!(!report::sanitize::is_unsafe(c), "{c:?} in {err:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// The report's filters and what it says on stderr
// ---------------------------------------------------------------------------------------------

#[test]
fn round_and_unit_filters_answer_with_what_there_is() {
    let mut a = record("计算机学院", "张三");
    a.answers
        .insert("t/a".into(), problem(vec![], "第三轮的问题"));
    let mut b = record("计算机学院", "张三");
    b.round = "第二轮".into();
    b.answers
        .insert("t/a".into(), problem(vec![], "第二轮的问题"));
    let mut c = record("外国语学院", "李四");
    c.round = "第二轮".into();
    let mut round = files(vec![a, b, c]);
    round[1].0 = PathBuf::from("第二轮_计算机学院_张三.toml");
    round[2].0 = PathBuf::from("第二轮_外国语学院_李四.toml");
    let dir = folder(&round);
    let d = &data(&dir);

    let out = xuncha(dir.path(), &["report", d, "--round", "第二轮"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("第二轮的问题") && !text.contains("第三轮的问题"));
    let out = xuncha(
        dir.path(),
        &[
            "report",
            d,
            "--round",
            "第二轮",
            "--round",
            "第三轮",
            "--unit",
            "计算机学院",
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("第二轮的问题") && text.contains("第三轮的问题"));
    assert!(!text.contains("外国语学院"));
    // a 反馈意见 is of one round: with two in the selection, it asks which
    let out = xuncha(
        dir.path(),
        &["report", d, "--redact", "--unit", "计算机学院"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("记录中有多个轮次（第二轮、第三轮），请用 --round 指明"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    let out = xuncha(dir.path(), &["report", d, "--round", "第一轮"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("没有轮次「第一轮」的记录；可用轮次：第三轮、第二轮"),
        "{err}"
    );
    assert!(!err.contains("还没有巡察记录"));
    assert!(out.stdout.is_empty());
    // 外国语学院 exists, but not in 第三轮
    let out = xuncha(
        dir.path(),
        &["report", d, "--round", "第三轮", "--unit", "外国语学院"],
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("没有单位「外国语学院」的记录；可用单位：计算机学院"),
        "{err}"
    );
}

#[test]
fn a_refused_feedback_writes_nothing_and_exits_non_zero() {
    let round = named_round("与院办主任所述一致", None);
    let dir = folder(&round);
    let d = &data(&dir);
    let target = dir.path().join("data").join("反馈.md");
    let t = target.to_str().unwrap();
    for format in ["md", "csv"] {
        let out = xuncha(
            dir.path(),
            &["report", d, "--redact", "--format", format, "-o", t],
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(!target.exists());
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("第三轮_计算机学院_张三.toml · 三看 › 一看 › 班子是否严格执行议事规则？ · 问题 · 「院办主任」"),
            "{err}"
        );
    }
    // the same record, reworded for the feedback: written, and what is left out is on stderr
    let mut round = named_round("与院办主任所述一致", Some("有的班子成员未执行议事规则"));
    round[0].1.answers.insert(
        "t/c".into(),
        Answer {
            status: Status::Doubt,
            ..Answer::default()
        },
    );
    let dir = folder(&round);
    let d = &data(&dir);
    let out = xuncha(dir.path(), &["report", d, "--redact"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("有的班子成员未执行议事规则"));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("反馈稿未收入以下事项") && err.contains("民主生活会是否有辣味？：存疑待核"),
        "{err}"
    );
}

#[test]
fn no_feedback_is_written_while_a_file_of_the_round_does_not_load() {
    let round = named_round("与院办主任所述一致", Some("有的班子成员未执行议事规则"));
    let dir = folder(&round);
    let d = &data(&dir);
    assert!(
        xuncha(dir.path(), &["report", d, "--redact"])
            .status
            .success()
    );
    // a record whose names and sources nobody can check
    let broken = dir.path().join("data").join("第三轮_计算机学院_坏.toml");
    std::fs::write(&broken, "unit = \"计算机学院\"\n[answers\n").unwrap();
    let target = dir.path().join("反馈");
    for format in ["md", "csv", "xlsx", "docx"] {
        let out = xuncha(
            dir.path(),
            &[
                "report",
                d,
                "--redact",
                "--format",
                format,
                "-o",
                target.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(!target.exists(), "{format}: written");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("第三轮_计算机学院_坏.toml") && err.contains("未写出任何文件"),
            "{format}: {err}"
        );
    }
    // the full version, for the group, is still made, the file named
    let out = xuncha(dir.path(), &["report", d]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout).unwrap().contains("院办主任"));
    std::fs::remove_file(&broken).unwrap();
    // a sign-off file that does not load: refused as well (what is signed is unknown)
    let signoff = dir.path().join("data").join("第三轮_王组长.signoff.toml");
    std::fs::write(&signoff, "format = 1\n[[signoff\n").unwrap();
    let out = xuncha(dir.path(), &["report", d, "--redact"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    std::fs::remove_file(&signoff).unwrap();
    // a broken 整改台账 does not matter to the feedback: written, the ledger named
    let ledger = dir
        .path()
        .join("data")
        .join("第三轮_计算机学院.ledger.toml");
    std::fs::write(&ledger, "format = 1\n[[item\n").unwrap();
    let out = xuncha(dir.path(), &["report", d, "--redact"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("有的班子成员未执行议事规则")
    );
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("ledger.toml")
    );
}

// ---------------------------------------------------------------------------------------------
// 座谈 and 列席 apart; old records
// ---------------------------------------------------------------------------------------------

#[test]
fn a_record_that_says_meeting_loads_and_its_source_is_a_forum() {
    let mut r = record("计算机学院", "张三");
    r.sources = vec![source("Y01", SourceKind::Forum, "青年教师座谈会")];
    r.answers.insert(
        "t/a".into(),
        problem(
            vec![note(1, "Y01", "青年教师孙某在座谈中反映", "孙某", "")],
            "问题",
        ),
    );
    let text = r.to_toml().unwrap();
    assert!(text.contains("kind = \"forum\""), "{text}");
    for old in ["meeting", "座谈/列席"] {
        let old_text = text.replace("kind = \"forum\"", &format!("kind = \"{old}\""));
        let back = Record::parse("old.toml", &old_text).unwrap();
        assert_eq!(back.sources[0].kind, SourceKind::Forum);
        // and through the general TOML reader too (hand-edited files)
        let spaced = old_text.replace("kind = ", "kind   = ");
        let back = Record::parse("old.toml", &spaced).unwrap();
        assert_eq!(back.sources[0].kind, SourceKind::Forum);
        // written back as forum
        assert!(back.to_toml().unwrap().contains("kind = \"forum\""));
        // and its notes stay out of the feedback version
        let md = feedback(&files(vec![back])).unwrap().text;
        assert!(!md.contains("孙某") && !md.contains("座谈中反映"), "{md}");
    }
    let sit_in = text.replace("kind = \"forum\"", "kind = \"sit-in\"");
    let back = Record::parse("new.toml", &sit_in).unwrap();
    assert_eq!(back.sources[0].kind, SourceKind::SitIn);
    assert_eq!(back.suggest_source_code(SourceKind::SitIn), "L01");
}

/// The name check takes no word of the demo round for a name: the round of 500 records (250
/// units, its references and texts written as inspectors write them) with the built-in
/// checklists, every finding approved, gives a feedback version in one piece. A word taken for
/// a name here (管理处 of a unit's name, 谈话 of a reference) would refuse it.
#[test]
fn the_name_check_refuses_nothing_in_the_demo_round() {
    let catalog = xuncha::testing::builtin_catalog();
    let records: Vec<(PathBuf, Record)> =
        xuncha::model::demo::sample_round(&catalog, 500, at(26, 9))
            .into_iter()
            .map(|(name, r)| (PathBuf::from(name), r))
            .collect();
    let mut options = Options::new(Lang::Zh, true, at(28, 9));
    options.signoffs = xuncha::testing::approve_all(&records, &catalog);
    match report::markdown(&records, &catalog, &options) {
        Ok(report) => assert!(report.text.contains("示例"), "{}", report.text),
        Err(ReportError::Names(m)) => {
            let first: Vec<String> = m.iter().take(5).map(|m| m.line(Lang::Zh)).collect();
            panic!("{} matches, first:\n{}", m.len(), first.join("\n"))
        }
        Err(e) => panic!("{}", e.message(Lang::Zh)),
    }
}
