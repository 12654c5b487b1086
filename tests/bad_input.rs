//! Bad input never panics, and every error is positioned.
//!
//! proptest feeds arbitrary bytes, arbitrary text and mutations of a real record and a real
//! template (truncated at a byte, a byte flipped, a character, control character or NUL
//! inserted, a line duplicated or deleted) to `Record::parse`, `Template::parse`, and through
//! files to `load_record` and `load_template_dir`. For every error: the diagnostic names the
//! file; when it has a position, line and column are 1-based and inside the file, and its
//! `line_text` is the real line (windowed and made printable exactly as `Diagnostic::at`
//! documents), for any input that is valid UTF-8.
//!
//! `PROPTEST_CASES` raises the number of cases for a longer run.

use std::path::Path;

use proptest::prelude::*;
use proptest::sample::Index;
use xuncha::model::{Diagnostic, Record, Template};
use xuncha::store::{BUILTIN, load_record, load_template_dir};

/// `PROPTEST_CASES` if set, else `default` (CI-friendly).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Characters shown on each side of the error in a long line (`diag.rs`, `WINDOW`).
const WINDOW: usize = 60;

/// A real record, with every kind of field, multi-line and quoted text
/// ([`xuncha::testing::sample_record`]), as its file holds it.
fn sample_record() -> String {
    xuncha::testing::sample_record().to_toml().unwrap()
}

/// A small real template (the shape of `docs/FORMAT.md`).
const SMALL_TEMPLATE: &str = r#"id = "demo"
title = "示例清单"
version = "1"
basis = ["中央八项规定（2012）"]

[[sections]]
id = "s1"
title = "第一部分"

[[sections.items]]
id = "a"
text = "是否按期召开民主生活会？"
guide = "调阅近三年民主生活会方案、会议记录。"
methods = ["documents", "个别谈话"]
category = "party-building"

[[sections.items.thresholds]]
name = "陪餐人数"
value = "不超过 3 人"

[[sections.items]]
id = "b"
text = "公务接待是否先审批后接待？"
guide = "比对接待审批单与报销凭证。"
methods = ["documents"]
category = "governance"
unverified = true
note = "以本校办法为准"
"#;

/// The inputs that mutations start from.
fn bases() -> Vec<String> {
    let record = sample_record();
    vec![
        record.clone(),
        record.replace('\n', "\r\n"),
        SMALL_TEMPLATE.to_string(),
        BUILTIN[0].1.to_string(),
    ]
}

/// What a line becomes in a diagnostic: tabs as spaces, control characters as `?`.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '?',
            c => c,
        })
        .collect()
}

/// The `line_text` a diagnostic at `column` of `raw` must show.
fn expected_line_text(raw: &str, column: usize) -> String {
    let skip = column.saturating_sub(1 + WINDOW);
    let mut shown: String = raw.chars().skip(skip).take(2 * WINDOW).collect();
    if skip > 0 {
        shown.insert_str(0, "...");
    }
    if raw.chars().count() > skip + 2 * WINDOW {
        shown.push_str("...");
    }
    printable(&shown)
}

/// Check one diagnostic. `text` is what the parser saw (after a byte-order mark is dropped), or
/// for a file that is not UTF-8, its valid beginning (which is what the loader positions in).
fn check(d: &Diagnostic, file: &str, text: Option<&str>) -> Result<(), TestCaseError> {
    prop_assert_eq!(&d.file, file, "the diagnostic names the file: {}", d);
    if d.line == 0 {
        prop_assert_eq!(d.column, 0, "{}", d);
        return Ok(());
    }
    prop_assert!(d.column >= 1, "column is 1-based: {:?}", d);
    let location = format!("{file}:{}:{}: ", d.line, d.column);
    prop_assert!(d.to_string().starts_with(&location), "{}", d);
    if let Some(text) = text {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text.split('\n').collect();
        prop_assert!(
            d.line <= lines.len(),
            "line {} of {}: {:?}",
            d.line,
            lines.len(),
            d
        );
        let raw = lines[d.line - 1].trim_end_matches('\r');
        prop_assert!(
            d.column <= raw.chars().count() + 1,
            "column {} past the end of {:?}",
            d.column,
            raw
        );
        prop_assert_eq!(&d.line_text, &expected_line_text(raw, d.column), "{:?}", d);
    }
    Ok(())
}

/// Everything a loader may be given, checked: the two parsers on the text, and the two file
/// loaders on the bytes.
fn exercise(bytes: &[u8]) -> Result<(), TestCaseError> {
    let text = std::str::from_utf8(bytes).ok();
    if let Some(text) = text {
        if let Err(e) = Record::parse("r.toml", text) {
            check(e.diagnostic(), "r.toml", Some(text))?;
        }
        if let Err(errors) = Template::parse("t.toml", text) {
            prop_assert!(!errors.is_empty());
            for d in &errors {
                check(d, "t.toml", Some(text))?;
            }
        }
    }
    // What the file loaders position in when the file is not UTF-8: its valid beginning.
    let valid = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned(),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("记录.toml");
    std::fs::write(&path, bytes).unwrap();
    let name = path.display().to_string();
    match load_record(&path) {
        Ok(_) => {}
        Err(xuncha::store::StoreError::Record(e)) => check(e.diagnostic(), &name, Some(&valid))?,
        Err(e) => prop_assert!(false, "not a record error: {}", e),
    }
    let files = load_template_dir(dir.path()).unwrap();
    prop_assert_eq!(files.len(), 1);
    if let Err(errors) = &files[0].result {
        prop_assert!(!errors.is_empty());
        for d in errors {
            check(d, &name, Some(&valid))?;
        }
    }
    Ok(())
}

/// One change to a file.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(Index),
    Flip(Index, u8),
    Insert(Index, char),
    DuplicateLine(Index),
    DeleteLine(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let chars = prop_oneof![
        Just('\0'),
        Just('\r'),
        Just('\n'),
        Just('\t'),
        Just('\u{1b}'),
        Just('\u{7f}'),
        Just('\u{feff}'),
        Just('"'),
        Just('\''),
        Just('['),
        Just(']'),
        Just('{'),
        Just('='),
        Just('.'),
        Just('#'),
        Just('\\'),
        Just('长'),
        (0u8..0x20).prop_map(char::from),
        any::<char>(),
    ];
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 0u8..8).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<Index>(), chars).prop_map(|(i, c)| Mutation::Insert(i, c)),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        any::<Index>().prop_map(Mutation::DeleteLine),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let line_starts = |b: &[u8]| -> Vec<usize> {
        std::iter::once(0)
            .chain(
                b.iter()
                    .enumerate()
                    .filter(|(_, c)| **c == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .filter(|i| *i < b.len())
            .collect()
    };
    let line_at = |b: &[u8], i: &Index| -> Option<(usize, usize)> {
        let starts = line_starts(b);
        if starts.is_empty() {
            return None;
        }
        let start = starts[i.index(starts.len())];
        let end = b[start..]
            .iter()
            .position(|c| *c == b'\n')
            .map_or(b.len(), |p| start + p + 1);
        Some((start, end))
    };
    match m {
        Mutation::Truncate(i) => {
            let at = i.index(bytes.len() + 1);
            bytes.truncate(at);
        }
        Mutation::Flip(i, bit) => {
            if !bytes.is_empty() {
                let at = i.index(bytes.len());
                bytes[at] ^= 1 << bit;
            }
        }
        Mutation::Insert(i, c) => {
            let at = i.index(bytes.len() + 1);
            let mut buf = [0; 4];
            let encoded = c.encode_utf8(&mut buf).as_bytes().to_vec();
            bytes.splice(at..at, encoded);
        }
        Mutation::DuplicateLine(i) => {
            if let Some((start, end)) = line_at(bytes, i) {
                let line = bytes[start..end].to_vec();
                bytes.splice(end..end, line);
            }
        }
        Mutation::DeleteLine(i) => {
            if let Some((start, end)) = line_at(bytes, i) {
                bytes.drain(start..end);
            }
        }
    }
}

/// TOML-ish text: the pieces TOML is made of, in any order.
fn tomlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("format = 1\n".to_string()),
        Just("format = 99\n".to_string()),
        Just("[answers.\"sankan/a\"]\n".to_string()),
        Just("[[answers.\"sankan/a\".notes]]\n".to_string()),
        Just("[[sections]]\n".to_string()),
        Just("[[sections.items]]\n".to_string()),
        Just("status = \"problem\"\n".to_string()),
        Just("id = \"a\"\n".to_string()),
        Just("at = 2026-11-26T10:00:00+08:00\n".to_string()),
        Just("text = \"\"\"\n多行\n".to_string()),
        Just("\"\"\"\n".to_string()),
        Just("methods = [\"documents\",\n".to_string()),
        Just("x = {a = [1, {b = 2}]}\n".to_string()),
        Just("\r\n".to_string()),
        "[a-z\\[\\]=\"'{},.#\\\\ \n\t0-9-]{0,20}",
        "\\PC{0,10}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_panic_and_errors_are_positioned(
        bytes in prop::collection::vec(any::<u8>(), 0..600)
    ) {
        exercise(&bytes)?;
    }

    #[test]
    fn arbitrary_text_never_panics_and_errors_are_positioned(text in any::<String>()) {
        exercise(text.as_bytes())?;
    }

    #[test]
    fn tomlish_text_never_panics_and_errors_are_positioned(text in tomlish()) {
        exercise(text.as_bytes())?;
    }

    #[test]
    fn mutated_records_and_templates_never_panic_and_errors_are_positioned(
        base in 0usize..4,
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut bytes = bases()[base].clone().into_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        exercise(&bytes)?;
    }
}

/// A file of blanks only is an empty file, positioned at line 1 with that line shown as it is
/// (a case the text proptest once found: `" "`), for records, templates and sign-off files.
#[test]
fn blank_files_are_positioned_at_their_first_line() {
    for blank in ["", " ", "\n", " \n\t\n", "\r\n", "\t \t"] {
        exercise(blank.as_bytes()).unwrap_or_else(|e| panic!("{blank:?}: {e}"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("第三轮_张三.signoff.toml");
        std::fs::write(&path, blank).unwrap();
        let name = path.display().to_string();
        match xuncha::store::signoff::load_signoff(&path) {
            Err(xuncha::store::StoreError::Record(e)) => {
                let d = e.diagnostic();
                assert!(d.message.contains("the file is empty"), "{blank:?}: {d}");
                check(d, &name, Some(blank)).unwrap_or_else(|e| panic!("{blank:?}: {e}"));
            }
            other => panic!("{blank:?}: {other:?}"),
        }
    }
}

/// The unmutated bases are good files (so the mutations start from something that loads).
#[test]
fn the_bases_load() {
    let bases = bases();
    Record::parse("r.toml", &bases[0]).unwrap();
    Record::parse("r.toml", &bases[1]).unwrap();
    Template::parse("t.toml", &bases[2]).unwrap();
    Template::parse("t.toml", &bases[3]).unwrap();
}

/// Every error of a UTF-8 file has a position, not only a file name.
fn positioned(text: &str) -> Vec<String> {
    let mut unpositioned = Vec::new();
    if let Err(e) = Record::parse("r.toml", text)
        && e.diagnostic().line == 0
    {
        unpositioned.push(format!("record: {}", e.diagnostic().message));
    }
    if let Err(errors) = Template::parse("t.toml", text) {
        for d in errors.iter().filter(|d| d.line == 0) {
            unpositioned.push(format!("template: {}", d.message));
        }
    }
    unpositioned
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Stricter than the tests above: no error at all lacks a line and column.
    #[test]
    fn every_error_of_a_mutated_file_has_a_line_and_column(
        base in 0usize..4,
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut bytes = bases()[base].clone().into_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        if let Ok(text) = String::from_utf8(bytes) {
            let missing = positioned(&text);
            prop_assert!(missing.is_empty(), "{:?} for\n{}", missing, text);
        }
    }
}

/// Deeply nested dotted keys and table headers (`a.a.a.…`) are refused by the TOML parser's
/// recursion limit, which carries no position: the message names the file only.
#[test]
fn deeply_dotted_keys_are_an_error_with_a_position() {
    let key = vec!["a"; 200].join(".");
    for text in [
        format!("format = 1\n{key} = 1\n"),
        format!("format = 1\n[{key}]\nb = 1\n"),
        format!("format = 99\n[[{key}]]\nb = 1\n"),
        format!("id = \"x\"\n{key} = 1\n"),
    ] {
        let missing = positioned(&text);
        assert!(missing.is_empty(), "{missing:?}");
    }
}

/// The file loaders name the path they were given.
#[test]
fn loaders_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("子目录 带空格").join("坏.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "format = 1\nunit = \n").unwrap();
    let e = load_record(&path).unwrap_err().to_string();
    assert!(e.starts_with(&format!("{}:2:", path.display())), "{e}");
    let files = load_template_dir(path.parent().unwrap()).unwrap();
    let d = &files[0].result.as_ref().err().unwrap()[0];
    assert_eq!(d.file, path.display().to_string());
    assert!(Path::new(&d.file).exists());
}

// ---------------------------------------------------------------------------------------------
// The corpus: nasty files (tests/corpus/, described in tests/corpus/README.md) and the message
// each must give. The big ones are generated here rather than committed.

fn corpus(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(path)
}

/// What loading a corpus file must give.
enum Expect {
    /// Loads, and equals `good.toml`.
    SameAsGood,
    /// Loads, and equals `good.toml` except that the line ends inside the multi-line note stay
    /// `\r\n` (TOML lets a parser keep them; nothing is lost).
    SameAsGoodWithCrlfInNote,
    /// Loads (checked further by its own test).
    Loads,
    /// An error at `line:column` whose message contains `fragment`.
    Error(&'static str, usize, usize),
}

const RECORDS: &[(&str, Expect)] = &[
    ("good.toml", Expect::SameAsGood),
    ("bom.toml", Expect::SameAsGood),
    ("crlf.toml", Expect::SameAsGoodWithCrlfInNote),
    ("bom-crlf.toml", Expect::SameAsGoodWithCrlfInNote),
    ("status-chinese.toml", Expect::SameAsGood),
    ("orphan-answer.toml", Expect::Loads),
    (
        "truncated.toml",
        Expect::Error("invalid multi-line basic string", 29, 1),
    ),
    ("empty.toml", Expect::Error("missing field `format`", 1, 1)),
    (
        "not-toml.toml",
        Expect::Error("key with no value, expected `=`", 1, 5),
    ),
    ("nul.toml", Expect::Error("invalid basic string", 30, 14)),
    ("invalid-utf8.toml", Expect::Error("invalid UTF-8", 16, 14)),
    // The message says what was wanted but not which statuses exist; the caret is on the 3.
    (
        "wrong-type-status.toml",
        Expect::Error("wanted string", 20, 10),
    ),
    ("duplicate-key.toml", Expect::Error("duplicate key", 6, 1)),
    (
        "unknown-field.toml",
        Expect::Error("unknown field `colour`", 30, 1),
    ),
    (
        "format-99.toml",
        Expect::Error("record format 99 is newer than this program reads", 1, 10),
    ),
    (
        "format-0.toml",
        Expect::Error("format 0 is not a record format", 1, 10),
    ),
    ("local-datetime.toml", Expect::Error("UTC offset", 6, 11)),
    // Found by fuzzing: the position of `format` came from a line scan that knew neither
    // quoted keys nor multi-line strings.
    (
        "quoted-format-newer.toml",
        Expect::Error("record format 99 is newer", 1, 10),
    ),
    (
        "quoted-format-zero.toml",
        Expect::Error("format 0 is not a record format", 1, 12),
    ),
    (
        "format-0-after-bracket-in-text.toml",
        Expect::Error("format 0 is not a record format", 4, 10),
    ),
    (
        "format-0-after-format-in-text.toml",
        Expect::Error("format 0 is not a record format", 4, 10),
    ),
];

const TEMPLATES: &[(&str, &str, usize, usize)] = &[
    ("duplicate-ids.toml", "duplicate item id `approval`", 17, 6),
    ("unknown-method.toml", "unknown variant `谈心谈话`", 13, 25),
    ("misspelt-field.toml", "unknown field `method`", 13, 1),
    ("no-sections.toml", "template has no sections", 1, 6),
];

/// The text a loader positions in: the whole file, or the valid beginning of a file that is not
/// UTF-8.
fn positioned_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned(),
    }
}

#[test]
fn corpus_of_nasty_records() {
    let good = load_record(&corpus("records/good.toml")).unwrap();
    let mut listed: Vec<&str> = Vec::new();
    for (name, expect) in RECORDS {
        listed.push(name);
        let path = corpus(&format!("records/{name}"));
        let bytes = std::fs::read(&path).unwrap();
        let shown = path.display().to_string();
        match (load_record(&path), expect) {
            (Ok(r), Expect::SameAsGood) => assert_eq!(r, good, "{name}"),
            (Ok(mut r), Expect::SameAsGoodWithCrlfInNote) => {
                let note = &mut r
                    .answers
                    .get_mut("sankan/rules-of-procedure")
                    .unwrap()
                    .notes[0];
                assert!(note.text.contains("\r\n"), "{name}: {note:?}");
                note.text = note.text.replace("\r\n", "\n");
                assert_eq!(r, good, "{name}");
            }
            (Ok(_), Expect::Loads) => {}
            (Err(xuncha::store::StoreError::Record(e)), Expect::Error(fragment, line, column)) => {
                let d = e.diagnostic();
                assert!(d.message.contains(fragment), "{name}: {d}");
                assert_eq!((d.line, d.column), (*line, *column), "{name}: {d}");
                check(d, &shown, Some(&positioned_text(&bytes)))
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert!(
                    e.to_string()
                        .starts_with(&format!("{shown}:{line}:{column}: ")),
                    "{e}"
                );
            }
            (got, _) => panic!("{name}: unexpected {:?}", got.map(|_| ())),
        }
    }
    // The fixtures are what they claim to be (an editor or git must not have "fixed" them).
    let raw = |n: &str| std::fs::read(corpus(&format!("records/{n}"))).unwrap();
    assert!(raw("bom.toml").starts_with(b"\xef\xbb\xbf"));
    assert!(raw("crlf.toml").windows(2).filter(|w| w == b"\r\n").count() > 20);
    assert!(raw("nul.toml").contains(&0));
    assert!(std::str::from_utf8(&raw("invalid-utf8.toml")).is_err());
    // Every file in the folder is in the table.
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus("records"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    listed.sort_unstable();
    assert_eq!(on_disk, listed);
}

#[test]
fn corpus_of_nasty_templates() {
    for (name, fragment, line, column) in TEMPLATES {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::copy(corpus(&format!("templates/{name}")), &path).unwrap();
        let files = load_template_dir(dir.path()).unwrap();
        let Err(errors) = &files[0].result else {
            panic!("{name} loaded");
        };
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        let d = &errors[0];
        assert!(d.message.contains(fragment), "{name}: {d}");
        assert_eq!((d.line, d.column), (*line, *column), "{name}: {d}");
        check(d, &path.display().to_string(), Some(&text)).unwrap();
    }
}

/// An answer for a template this program does not know is kept: it loads, is listed as an
/// orphan, and survives a save and a load unchanged.
#[test]
fn an_answer_for_an_unknown_template_is_kept() {
    let r = load_record(&corpus("records/orphan-answer.toml")).unwrap();
    let (catalog, problems) = xuncha::store::load_catalog(None);
    assert!(problems.is_empty());
    let orphans: Vec<&str> = r.orphans(&catalog).map(|(k, _)| k).collect();
    assert!(orphans.contains(&"jiu-moban/removed-item"), "{orphans:?}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.toml");
    xuncha::store::save_record(&path, &r).unwrap();
    let back = load_record(&path).unwrap();
    assert_eq!(back, r);
    let kept = &back.answers["jiu-moban/removed-item"];
    assert_eq!(kept.notes[0].text, "旧清单的答复：不得丢失");
}

/// A record from a newer program is refused by the library, by a session and by the real
/// binary, and never rewritten.
#[test]
fn a_newer_format_is_refused_and_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("第三轮_计算机学院_张三.toml");
    std::fs::copy(corpus("records/format-99.toml"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();

    match load_record(&path) {
        Err(xuncha::store::StoreError::Record(xuncha::model::RecordError::NewerFormat {
            found,
            ..
        })) => assert_eq!(found, 99),
        other => panic!("expected NewerFormat, got {:?}", other.map(|_| ())),
    }
    let e = xuncha::store::Session::open(&path).unwrap_err();
    assert!(e.to_string().contains("newer"), "{e}");

    for args in [&["status"][..], &["report"], &["report", "--format", "csv"]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_xuncha"))
            .args(args)
            .arg(&path)
            .env("XUNCHA_DATA_DIR", dir.path())
            .env("XUNCHA_CONFIG_DIR", dir.path().join("config"))
            .env_remove("XUNCHA_LANG")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}: {stderr}");
        // one language per message: Chinese by default
        assert!(stderr.contains("比本程序能读的新"), "{args:?}: {stderr}");
        assert!(stderr.contains(":1:10："), "{args:?}: {stderr}");
        assert!(!stderr.contains("newer"), "{args:?}: {stderr}");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_xuncha"))
            .args(["--lang", "en"])
            .args(args)
            .arg(&path)
            .env("XUNCHA_DATA_DIR", dir.path())
            .env("XUNCHA_CONFIG_DIR", dir.path().join("config"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("newer"), "{args:?}: {stderr}");
        assert!(stderr.contains(":1:10:"), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "never rewritten");
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "nothing written beside it: {left:?}");
}

/// A 10 MB note loads, and not slowly (no quadratic step: the bound is generous for a debug
/// build on a loaded CI machine, where it takes a few seconds); a long line with an error is
/// shown as a short window around the error.
#[test]
fn a_ten_megabyte_note() {
    let good = std::fs::read_to_string(corpus("records/good.toml")).unwrap();
    let long = |bytes: usize| -> String {
        "谈话记录：学院党委书记称会议记录系会后补记。"
            .chars()
            .cycle()
            .take(bytes / 3)
            .collect()
    };
    let big = long(10 * 1024 * 1024);
    let text = good.replace("滞后 62 天", &big);
    assert!(text.len() >= 10 * 1024 * 1024);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    std::fs::write(&path, &text).unwrap();
    let start = std::time::Instant::now();
    let r = load_record(&path).unwrap();
    let took = start.elapsed();
    eprintln!("10 MB note: loaded in {took:?}");
    assert!(took < std::time::Duration::from_secs(60), "{took:?}");
    assert_eq!(r.answers["sankan/rules-of-procedure"].notes[0].figures, big);
    drop((r, text));

    // A 2 MB line with a bad escape at its end.
    let bad = good.replace("滞后 62 天", &format!("{}\\q", long(2 * 1024 * 1024)));
    std::fs::write(&path, &bad).unwrap();
    let Err(xuncha::store::StoreError::Record(e)) = load_record(&path) else {
        panic!("a bad escape must be an error");
    };
    let d = e.diagnostic();
    let shown = e.to_string();
    assert_eq!(d.line, 30, "{shown}");
    assert!(d.column > 600_000, "{}", d.column);
    assert!(d.line_text.chars().count() < 200, "a window, not 2 MB");
    assert!(
        shown.len() < 2_000,
        "the message is short: {} bytes",
        shown.len()
    );
    check(d, &path.display().to_string(), Some(&bad)).unwrap();
}

/// A file over the size limit is refused before it is read, naming the file.
#[test]
fn a_file_over_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(xuncha::store::records::RECORD_LIMIT + 1).unwrap(); // sparse: no disk used
    let e = load_record(&path).unwrap_err();
    assert!(
        matches!(e, xuncha::store::StoreError::TooLarge { .. }),
        "{e}"
    );
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");
}

/// Run `f` on a thread with a small stack (1 MB; the program's main thread has 8 MB, test
/// threads 2 MB): a parser that recursed once per level would overflow it long before 10,000
/// levels. (The TOML parser stops at a fixed depth; its debug build needs about 300 KB for it.)
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    const DEPTH: usize = 10_000;
    let cases = [
        format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH)),
        format!("{}1{}", "{a = ".repeat(DEPTH), "}".repeat(DEPTH)),
        format!(
            "{}{{}}{}",
            "[{a = ".repeat(DEPTH / 2),
            "}]".repeat(DEPTH / 2)
        ),
    ];
    for value in cases {
        let record = format!("format = 1\nunit = \"计算机学院\"\nx = {value}\n");
        let template = format!("id = \"demo\"\ntitle = \"t\"\nversion = \"1\"\nbasis = {value}\n");
        let (r, t) = on_small_stack(move || {
            let r = Record::parse("r.toml", &record).map(|_| ()).unwrap_err();
            let t = Template::parse("t.toml", &template)
                .map(|_| ())
                .unwrap_err();
            (r, t)
        });
        let d = r.diagnostic();
        assert!(d.message.contains("recurs"), "{d}");
        assert_eq!(d.line, 3, "{d}");
        assert!(d.line_text.chars().count() < 200);
        assert!(t[0].message.contains("recurs"), "{}", t[0]);
        assert_eq!(t[0].line, 4, "{}", t[0]);
    }
    // Through a file, too.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.toml");
    std::fs::write(
        &path,
        format!(
            "format = 1\nx = {}{}\n",
            "[".repeat(DEPTH),
            "]".repeat(DEPTH)
        ),
    )
    .unwrap();
    let e = on_small_stack(move || load_record(&path).unwrap_err().to_string());
    assert!(e.contains(":2:"), "{e}");
}

/// Deeply dotted keys are refused without a stack overflow too (their error has no position:
/// see `deeply_dotted_keys_are_an_error_with_a_position`).
#[test]
fn deeply_dotted_keys_do_not_overflow_the_stack() {
    let key = vec!["a"; 10_000].join(".");
    let texts = [
        format!("format = 1\n{key} = 1\n"),
        format!("format = 1\n[{key}]\nb = 1\n"),
        format!("format = 99\n[[{key}]]\nb = 1\n"),
    ];
    on_small_stack(move || {
        for text in texts {
            let e = Record::parse("r.toml", &text).unwrap_err();
            assert!(e.diagnostic().message.contains("recursion"), "{e}");
            assert!(Template::parse("t.toml", &text).is_err());
        }
    });
}
