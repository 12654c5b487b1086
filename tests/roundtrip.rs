//! Save then load gives the same record, whatever the text holds.

use std::collections::BTreeMap;

use chrono::{FixedOffset, TimeZone};
use proptest::prelude::*;
use xuncha::model::{
    Answer, Category, Finding, Note, Receiver, Record, Responsibility, Role, Source, SourceKind,
    Status, TemplateRef, Timestamp,
};
use xuncha::store::{load_record, save_record};

/// Text that stresses the TOML writer: Chinese, emoji, quotes, backslashes, control characters,
/// line ends of every kind, TOML syntax, and plain empty strings.
fn nasty() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("中央八项规定精神".to_string()),
        Just("“四风”问题：公款吃喝 3.5 万元".to_string()),
        Just("😀👍🏽🇨🇳".to_string()),
        Just("\"'\"\"\"'''".to_string()),
        Just("\\n\\\\\\u0000".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just("\t".to_string()),
        Just("\u{0}\u{1}\u{1b}[31m\u{7f}\u{85}\u{2028}".to_string()),
        Just("[answers.\"x/y\"]\nstatus = \"problem\"".to_string()),
        Just("e\u{301}\u{200d}\u{feff}".to_string()),
        Just("مرحبا".to_string()),
        "\\PC{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(pieces, 0..6).prop_map(|v| v.concat())
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (
        -12i32..=14,
        prop_oneof![Just(0i32), Just(30), Just(45)],
        0i64..4_000_000_000,
        // Mostly whole seconds, as the program writes them; sometimes a fraction, as a file
        // written by hand or by another tool may hold (TOML keeps up to nanoseconds).
        prop_oneof![3 => Just(0u32), 1 => 0u32..1_000_000_000],
    )
        .prop_map(|(h, m, secs, nanos)| {
            let sign = if h < 0 { -1 } else { 1 };
            let offset = FixedOffset::east_opt(h * 3600 + sign * m * 60)
                .unwrap_or_else(|| FixedOffset::east_opt(0).unwrap());
            Timestamp(offset.timestamp_opt(secs, nanos).unwrap())
        })
}

fn kind() -> impl Strategy<Value = SourceKind> {
    prop::sample::select(SourceKind::ALL.to_vec())
}

/// A source's interviewee role, or none.
fn role() -> impl Strategy<Value = Option<Role>> {
    prop::option::of(prop::sample::select(Role::ALL.to_vec()))
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn note() -> impl Strategy<Value = Note> {
    (
        any::<u32>(),
        timestamp(),
        nasty(),
        nasty(),
        nasty(),
        nasty(),
    )
        .prop_map(|(id, at, source, text, people, figures)| Note {
            id,
            at,
            source,
            text,
            people,
            figures,
        })
}

fn finding() -> impl Strategy<Value = Finding> {
    (
        nasty(),
        nasty(),
        nasty(),
        nasty(),
        nasty(),
        prop::option::of(prop::sample::select(Category::ALL.to_vec())),
        any::<bool>(),
        prop::option::of(nasty()),
        (
            nasty(),
            nasty(),
            prop::option::of(prop::sample::select(Responsibility::ALL.to_vec())),
            any::<bool>(),
        ),
        (
            prop::option::of(prop::sample::select(Receiver::ALL.to_vec())),
            nasty(),
        ),
    )
        .prop_map(
            |(
                title,
                statement,
                people,
                figures,
                basis,
                category,
                transfer,
                feedback_text,
                (number, process, responsibility, leading_cadre),
                (receiver, receiver_name),
            )| Finding {
                title,
                statement,
                feedback_text,
                people,
                figures,
                basis,
                category,
                transfer,
                number,
                process,
                responsibility,
                leading_cadre,
                receiver,
                receiver_name,
            },
        )
}

fn answer() -> impl Strategy<Value = Answer> {
    (
        status(),
        prop::option::of(timestamp()),
        prop::collection::vec(note(), 0..4),
        prop::option::of(finding()),
    )
        .prop_map(|(status, updated, notes, finding)| Answer {
            status,
            updated,
            notes,
            finding,
        })
}

fn record() -> impl Strategy<Value = Record> {
    (
        (nasty(), nasty(), nasty(), nasty(), timestamp(), timestamp()),
        prop::collection::vec((nasty(), nasty()), 0..3),
        prop::collection::vec(
            (
                nasty(),
                kind(),
                nasty(),
                prop::option::of(timestamp()),
                role(),
            ),
            0..4,
        ),
        prop::collection::btree_map(nasty(), answer(), 0..5),
    )
        .prop_map(
            |((unit, round, group, inspector, created, updated), templates, sources, answers)| {
                Record {
                    format: xuncha::model::record::FORMAT_VERSION,
                    sample: false,
                    unit,
                    round,
                    group,
                    inspector,
                    unit_type: None,
                    created,
                    updated,
                    templates: templates
                        .into_iter()
                        .map(|(id, version)| TemplateRef { id, version })
                        .collect(),
                    sources: sources
                        .into_iter()
                        .map(|(code, kind, reference, at, role)| Source {
                            code,
                            kind,
                            reference,
                            at,
                            role,
                        })
                        .collect(),
                    answers: answers.into_iter().collect::<BTreeMap<_, _>>(),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Equal records, down to the UTC offset of every time (`Timestamp`'s `==` compares
    /// instants only; its `Debug` shows the offset).
    #[test]
    fn text_round_trip(r in record()) {
        let text = r.to_toml().unwrap();
        let back = Record::parse("r.toml", &text);
        prop_assert_eq!(back.as_ref().ok(), Some(&r), "text was:\n{}\nerror: {:?}", text, back.as_ref().err());
        prop_assert_eq!(format!("{:?}", back.unwrap()), format!("{r:?}"));
    }

    /// What the `toml` crate writes is what it reads: through a plain `toml::Table` and back,
    /// the record's text is the same text (nothing is written that the reader takes otherwise).
    #[test]
    fn written_text_is_stable_through_the_toml_crate(r in record()) {
        let text = r.to_toml().unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        let again = toml::to_string(&table).unwrap();
        let back = Record::parse("again", &again).unwrap();
        prop_assert_eq!(format!("{back:?}"), format!("{r:?}"));
    }

    #[test]
    fn file_round_trip(r in record()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("记录.toml");
        save_record(&path, &r).unwrap();
        prop_assert_eq!(load_record(&path).unwrap(), r);
    }
}

#[test]
fn very_long_note_round_trips() {
    let mut r = Record::new("单位", "轮次", "", "人", &[], Timestamp::now());
    let long = "谈话记录：".repeat(400_000) + "\r\n末尾\u{0}";
    r.answers.insert(
        "sankan/x".into(),
        Answer {
            status: Status::Doubt,
            notes: vec![Note {
                id: 1,
                at: Timestamp::now(),
                source: String::new(),
                text: long,
                people: String::new(),
                figures: String::new(),
            }],
            ..Answer::default()
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.toml");
    save_record(&path, &r).unwrap();
    assert_eq!(load_record(&path).unwrap(), r);
}

/// The example in docs/FORMAT.md is a real record: it parses and survives a save.
#[test]
fn format_doc_example_parses() {
    let doc = include_str!("../docs/FORMAT.md");
    let start = doc
        .find("```toml\nformat = 2")
        .expect("record example in FORMAT.md");
    let body = &doc[start + "```toml\n".len()..];
    let example = &body[..body.find("```").unwrap()];
    let r = Record::parse("FORMAT.md", example).unwrap();
    assert_eq!(r.unit, "计算机学院");
    assert_eq!(r.sources[0].reference, "与学院党委书记个别谈话");
    let a = &r.answers["sankan/transmission-lag"];
    assert_eq!(a.status, Status::Problem);
    assert_eq!(
        a.finding.as_ref().unwrap().category,
        Some(Category::Leadership)
    );
    assert_eq!(Record::parse("again", &r.to_toml().unwrap()).unwrap(), r);
}

/// The template example in docs/FORMAT.md validates.
#[test]
fn format_doc_template_example_parses() {
    let doc = include_str!("../docs/FORMAT.md");
    let start = doc
        .find("```toml\nid = ")
        .expect("template example in FORMAT.md");
    let body = &doc[start + "```toml\n".len()..];
    let example = &body[..body.find("```").unwrap()];
    let t = xuncha::model::Template::parse("FORMAT.md", example).unwrap();
    assert_eq!(t.item_count(), 1);
}

/// Records written by the earlier direct writer (tests/corpus/earlier/, see its README) still
/// load; ordinary text is written again byte for byte as it was, and text with quotes,
/// backslashes, tabs and control characters reads back the same after a save.
#[test]
fn records_written_by_the_earlier_writer_load() {
    let earlier = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/earlier");
    let demo_text = std::fs::read_to_string(earlier.join("demo.toml")).unwrap();
    let demo = load_record(&earlier.join("demo.toml")).unwrap();
    assert_eq!(demo.inspector, "赵建国");
    assert!(demo.answers.values().map(|a| a.notes.len()).sum::<usize>() > 50);
    // The changes on purpose: a source of the old kind `meeting` (座谈/列席 as one) is
    // written as `forum` (座谈会, from people: fail closed; docs/FORMAT.md), and the record
    // says the format it is now written in (2).
    assert!(demo_text.contains("kind = \"meeting\"\n"));
    assert_eq!(
        demo.to_toml().unwrap(),
        demo_text
            .replace("kind = \"meeting\"\n", "kind = \"forum\"\n")
            .replace("format = 1\n", "format = 2\n"),
        "the same text as before"
    );

    let special = load_record(&earlier.join("special.toml")).unwrap();
    assert_eq!(
        special.sources[0].reference,
        "与\"某书记\"谈话，C:\\记录\\谈话.docx"
    );
    let a = &special.answers["sankan/x y"];
    assert_eq!(
        a.notes[0].text,
        "引号\"\"\"三个，反斜杠\\，制表\tTab，回车\r，\n控制\u{1}字符，退格\u{8}换页\u{c}删除\u{7f}。\n末尾引号\""
    );
    assert_eq!(a.notes[0].people, "'单引号'与\"双引号\"");
    assert_eq!(a.notes[0].figures, "\t前导制表");
    assert_eq!(
        a.finding.as_ref().map(|f| f.statement.as_str()),
        Some("转义\u{1b}字符")
    );
    assert_eq!(
        format!("{:?}", special.updated),
        "Timestamp(2026-11-26T15:42:10.500+08:00)"
    );
    assert_eq!(
        special.sources[0]
            .at
            .map(|t| t.0.offset().local_minus_utc()),
        Some(-(3 * 3600 + 30 * 60))
    );
    assert!(special.answers.contains_key("sankan-plain_key"));
    let again = Record::parse("again", &special.to_toml().unwrap()).unwrap();
    assert_eq!(format!("{again:?}"), format!("{special:?}"));
}
