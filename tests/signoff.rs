//! The steps after the interviews, with the real binary on the demo round: `findings`, `sign`
//! (编制 → 复核 → 审签), `settle`, `round reported|fed-back`, and the feedback gate. Every step
//! done out of order is refused with a sentence that says what is missing, and writes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use xuncha::model::signoff::{LeaderFile, SignoffFile};

const XUNCHA: &str = env!("CARGO_BIN_EXE_xuncha");

/// A demo round in its own data folder (the data folder is where sign-off files go).
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let env = Env { dir };
        let out = Command::new(XUNCHA)
            .args(["demo", "--no-open"])
            .arg(env.data())
            .env("XUNCHA_CONFIG_DIR", env.dir.path().join("config"))
            .env("XUNCHA_DATA_DIR", env.dir.path().join("elsewhere"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        env
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `xuncha round WHICH --date DATE --signer 王组长 [--unit U]...` (`reported` or
    /// `fed-back`).
    fn milestone(&self, which: &str, date: &str, units: &[&str]) -> Run {
        let mut args = vec!["round", which, "--date", date, "--signer", "王组长"];
        for u in units {
            args.extend(["--unit", u]);
        }
        self.run(&args)
    }

    fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(XUNCHA)
            .args(args)
            .env("XUNCHA_DATA_DIR", self.data())
            .env("XUNCHA_CONFIG_DIR", self.dir.path().join("config"))
            .env_remove("XUNCHA_LANG")
            .output()
            .unwrap();
        Run {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// 编制, 复核 and 审签 of `key` by three people, each of which must succeed.
    fn sign_all(&self, key: &str) {
        for (step, who) in [
            ("draft", "张三"),
            ("check", "李副组长"),
            ("approve", "王组长"),
        ] {
            let r = self.run(&["sign", key, "--step", step, "--signer", who]);
            assert_eq!(r.code, Some(0), "{step} {key}: {}", r.stderr);
        }
    }

    /// The round files in the data folder, by name.
    fn round_files(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.data())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".signoff.toml") || n.ends_with(".leader.toml"))
            .collect();
        v.sort();
        v
    }
}

#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

const KEY: &str = "示例计算机学院/zhengzhi-jilv/first-topic";
/// Two inspectors of 示例计算机学院 disagree on this one (the demo's dispute).
const DISPUTED: &str = "示例计算机学院/yigang-shuangze/research-funds";

fn signoff(path: &Path) -> SignoffFile {
    SignoffFile::parse("x", &std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_round_goes_from_findings_to_feedback_and_every_step_out_of_order_is_refused() {
    let env = Env::new();

    // findings: every key listed whole, nothing signed yet
    let r = env.run(&["findings"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains(KEY), "{}", r.stdout);
    assert!(r.stdout.contains(DISPUTED));
    assert!(r.stdout.contains("有分歧"));
    assert!(r.stdout.contains("0 个已审签"), "{}", r.stdout);

    // the feedback version before the report to the leading group: refused, nothing written
    let out = env.dir.path().join("反馈.md");
    let r = env.run(&[
        "report",
        "--redact",
        "--unit",
        "示例计算机学院",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("尚未记录向巡察工作领导小组汇报"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("xuncha round reported"));
    assert!(!out.exists());
    // the full report is always there
    assert_eq!(env.run(&["report"]).code, Some(0));

    // 复核 before 编制, an unknown key: refused, nothing recorded
    let r = env.run(&["sign", KEY, "--step", "check", "--signer", "李副组长"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("尚无有效的「编制」"), "{}", r.stderr);
    let r = env.run(&[
        "sign",
        "示例计算机学院/x/y",
        "--step",
        "draft",
        "--signer",
        "张三",
    ]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("没有这个问题"), "{}", r.stderr);
    assert!(env.round_files().is_empty());

    // one good key and one refused: all or nothing
    let r = env.run(&[
        "sign",
        KEY,
        "示例计算机学院/x/y",
        "--step",
        "draft",
        "--signer",
        "张三",
    ]);
    assert_eq!(r.code, Some(1));
    assert!(env.round_files().is_empty());

    // 编制, then the same person may not 复核
    let r = env.run(&["sign", KEY, "--step", "编制", "--signer", "张三"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = env.run(&["sign", KEY, "--step", "check", "--signer", "张三"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("须由不同的人签"), "{}", r.stderr);
    assert_eq!(
        env.run(&["sign", KEY, "--step", "check", "--signer", "李副组长"])
            .code,
        Some(0)
    );
    assert_eq!(
        env.run(&["sign", KEY, "--step", "approve", "--signer", "王组长"])
            .code,
        Some(0)
    );
    let file = signoff(&env.data().join("第三轮_王组长.signoff.toml"));
    assert_eq!(file.signoffs.len(), 1);
    assert_eq!(file.signoffs[0].key, KEY);
    assert_eq!(file.signoffs[0].hash.len(), 64);
    let r = env.run(&["findings", "--unit", "示例计算机学院"]);
    assert!(r.stdout.contains("1 个已审签"), "{}", r.stdout);
    // sign-off files are not records: status counts the same records as before
    let status = env.run(&["status"]);
    assert_eq!(status.code, Some(0), "{}", status.stderr);
    assert!(!status.stdout.contains("signoff"));

    // the disputed finding: 审签 refused until the leader settles it
    for (step, who) in [("draft", "赵六"), ("check", "李副组长")] {
        let r = env.run(&["sign", DISPUTED, "--step", step, "--signer", who]);
        assert_eq!(r.code, Some(0), "{step}: {}", r.stderr);
    }
    let r = env.run(&["sign", DISPUTED, "--step", "approve", "--signer", "王组长"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("组长认定"), "{}", r.stderr);
    let r = env.run(&[
        "settle",
        KEY,
        "--decision",
        "confirm",
        "--reason",
        "x",
        "--signer",
        "王组长",
    ]);
    assert_eq!(
        r.code,
        Some(1),
        "a finding nobody disputes needs no settling"
    );
    let r = env.run(&[
        "settle",
        DISPUTED,
        "--decision",
        "认定",
        "--reason",
        "调阅劳务费发放明细核实",
        "--signer",
        "王组长",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = env.run(&["sign", DISPUTED, "--step", "approve", "--signer", "王组长"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);

    // fed back before reported: refused; then reported, then the feedback version
    let r = env.milestone("fed-back", "2026-11-25", &[]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("先运行 xuncha round reported"),
        "{}",
        r.stderr
    );
    // a day after today: refused, and nothing written
    let files = env.round_files();
    for lang in [None, Some("en")] {
        let mut args = vec![
            "round",
            "reported",
            "--date",
            "2999-01-01",
            "--signer",
            "王组长",
        ];
        if let Some(l) = lang {
            args.extend(["--lang", l]);
        }
        let r = env.run(&args);
        assert_eq!(r.code, Some(1), "{}", r.stderr);
        let said = if lang.is_some() {
            "the day 2999-01-01 is after today"
        } else {
            "日期 2999-01-01 晚于今天"
        };
        assert!(r.stderr.contains(said), "{}", r.stderr);
        assert_eq!(env.round_files(), files);
    }
    let r = env.milestone("reported", "2026-11-20", &[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = env.milestone("reported", "2026-11-21", &[]);
    assert_eq!(r.code, Some(1), "recorded once");

    let r = env.run(&["report", "--redact", "--unit", "示例计算机学院"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("第一议题制度落实不及时"), "{}", r.stdout);
    // not approved: left out, and said so on stderr
    assert!(!r.stdout.contains("公务接待超标准"), "{}", r.stdout);
    assert!(
        r.stderr.contains("未审签或审签后内容已变更"),
        "{}",
        r.stderr
    );
    // the settled dispute is a clue to transfer: still never in the feedback
    assert!(!r.stdout.contains("虚列劳务费"), "{}", r.stdout);

    // a day before the report, a unit with no records: refused
    let r = env.milestone("fed-back", "2026-11-19", &[]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("早于"), "{}", r.stderr);
    let r = env.milestone("fed-back", "2999-01-01", &[]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("晚于今天"), "{}", r.stderr);
    let r = env.milestone("fed-back", "2026-11-25", &["没有的学院"]);
    assert_eq!(r.code, Some(1));
    // a unit whose problems all wait for 审签 has no feedback to give yet
    let r = env.milestone("fed-back", "2026-11-25", &["示例后勤管理处"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .contains("不能记录反馈：示例后勤管理处有问题但没有审签有效的"),
        "{}",
        r.stderr
    );
    let r = env.milestone("fed-back", "2026-11-25", &["示例计算机学院"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // without --unit once one is recorded: the others are named, to be recorded one by one
    let r = env.milestone("fed-back", "2026-11-26", &[]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("其余单位请用 --unit 逐个记录：") && r.stderr.contains("示例外国语学院"),
        "{}",
        r.stderr
    );
    let leader = LeaderFile::parse(
        "x",
        &std::fs::read_to_string(env.data().join("第三轮.leader.toml")).unwrap(),
    )
    .unwrap();
    assert_eq!(leader.fed_back.len(), 1);
    assert_eq!(leader.settlements.len(), 1);
    assert!(leader.reported.is_some());
}

#[test]
fn an_edited_finding_loses_its_signatures_until_signed_again() {
    let env = Env::new();
    env.sign_all(KEY);
    assert_eq!(env.milestone("reported", "2026-11-20", &[]).code, Some(0));
    let before = env.run(&["report", "--redact", "--unit", "示例计算机学院"]);
    assert!(before.stdout.contains("第一议题制度落实不及时"));

    // an inspector edits the statement afterwards
    let record = std::fs::read_dir(env.data())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            std::fs::read_to_string(p).is_ok_and(|t| {
                t.contains("unit = \"示例计算机学院\"") && t.contains("第一议题制度落实不及时")
            })
        })
        .unwrap();
    let text = std::fs::read_to_string(&record).unwrap();
    let changed = text.replacen("其中 9 份滞后", "其中 10 份滞后", 1);
    assert_ne!(text, changed, "the demo text changed: update this test");
    std::fs::write(&record, changed).unwrap();

    let r = env.run(&["findings", "--unit", "示例计算机学院"]);
    assert!(r.stdout.contains("内容已变更（张三）"), "{}", r.stdout);
    // nothing of the unit is approved now: the feedback would read 未发现问题, so it is
    // refused (fail closed) rather than written
    let after = env.run(&["report", "--redact", "--unit", "示例计算机学院"]);
    assert_eq!(after.code, Some(1), "{}", after.stdout);
    assert!(after.stdout.is_empty());
    assert!(
        after
            .stderr
            .contains("示例计算机学院（3 个问题未审签）没有审签有效的问题"),
        "{}",
        after.stderr
    );
    // signed again from the start
    env.sign_all(KEY);
    let again = env.run(&["report", "--redact", "--unit", "示例计算机学院"]);
    assert!(again.stdout.contains("其中 10 份滞后"), "{}", again.stdout);
}

#[test]
fn a_broken_or_newer_sign_off_file_is_named_and_left_alone() {
    let env = Env::new();
    let path = env.data().join("第三轮_张三.signoff.toml");
    let broken = "format = 1\nround = \"第三轮\"\nsigner = \"张三\"\n[[signoff]]\nkey = 3\n";
    std::fs::write(&path, broken).unwrap();
    let r = env.run(&["sign", KEY, "--step", "draft", "--signer", "张三"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("第三轮_张三.signoff.toml:5:7"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    // the report still runs and names the file; it is not a record
    let r = env.run(&["status"]);
    assert!(
        r.stderr.contains("第三轮_张三.signoff.toml"),
        "{}",
        r.stderr
    );

    let newer = "format = 7\nround = \"第三轮\"\nsigner = \"张三\"\nseal = true\n";
    std::fs::write(&path, newer).unwrap();
    let r = env.run(&["sign", KEY, "--step", "draft", "--signer", "张三"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains('7'), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
}

#[test]
fn english_sentences_are_english() {
    let env = Env::new();
    let r = env.run(&[
        "--lang", "en", "sign", KEY, "--step", "check", "--signer", "Li",
    ]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("not yet drafted"), "{}", r.stderr);
    assert!(!r.stderr.contains('（'), "{}", r.stderr);
    let r = env.run(&["--lang", "en", "findings"]);
    assert!(r.stdout.contains("approved"), "{}", r.stdout);
}

/// The sign-off and leader file examples in docs/FORMAT.md are real files.
#[test]
fn format_doc_examples_parse() {
    let doc = include_str!("../docs/FORMAT.md");
    let example = |first: &str| -> String {
        let start = doc
            .find(first)
            .unwrap_or_else(|| panic!("{first} in FORMAT.md"));
        let body = &doc[start..];
        body[..body.find("```").unwrap()].to_string()
    };
    let s = SignoffFile::parse("FORMAT.md", &example("# 第三轮_李副组长.signoff.toml")).unwrap();
    assert_eq!(s.signoffs.len(), 1);
    let l = LeaderFile::parse("FORMAT.md", &example("# 第三轮.leader.toml")).unwrap();
    assert!(l.reported.is_some());
    assert_eq!(l.fed_back.len(), 1);
    assert_eq!(l.settlements.len(), 1);
}

#[test]
fn the_clue_transfer_list_is_by_receiver_and_never_made_for_the_unit() {
    use calamine::{Reader, Xlsx};
    let env = Env::new();
    let out = env.dir.path().join("线索");
    let r = env.run(&[
        "report",
        "--clues",
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let docx = out.join("问题线索移交清单.docx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    // the demo's clues: two to 纪委, one to 组织部门, each section on its own page
    assert!(xml.contains("移交纪委（纪检监察机构）（2件）"), "{xml}");
    assert!(xml.contains("移交组织部门（1件）"));
    assert_eq!(xml.matches("<w:pageBreakBefore").count(), 1);
    // private references are there: this is for the receiving body, not the unit
    assert!(xml.contains("信访编号 2026-019"));
    assert!(xml.contains("移交之日起3个月内"));

    let book = env.dir.path().join("线索.xlsx");
    let r = env.run(&[
        "report",
        "--clues",
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let mut wb: Xlsx<_> = calamine::open_workbook(&book).unwrap();
    assert_eq!(wb.sheet_names(), ["线索移交"]);
    let range = wb.worksheet_range("线索移交").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    for h in [
        "线索编号",
        "来源",
        "反映对象及职务",
        "问题摘要",
        "涉及纪律",
        "已掌握材料",
        "处置建议",
        "接收单位",
        "移交日期",
        "反馈期限",
    ] {
        assert!(header.iter().any(|x| x == h), "{h} in {header:?}");
    }
    assert_eq!(range.rows().count(), 1 + 3);

    // never with --redact, never in markdown or csv
    for args in [
        &["report", "--clues", "--redact", "--format", "docx", "-o"][..],
        &["report", "--clues", "--format", "md", "-o"],
    ] {
        let target = env.dir.path().join("不该有");
        let mut a = args.to_vec();
        a.push(target.to_str().unwrap());
        let r = env.run(&a);
        assert_eq!(r.code, Some(1), "{args:?}");
        assert!(!target.exists());
    }
    // and no clue reaches the feedback version
    env.sign_all("示例后勤管理处/yigang-shuangze/procurement");
    env.milestone("reported", "2026-11-20", &[]);
    env.sign_all("示例后勤管理处/baxiang-guiding/car-private-use");
    let r = env.run(&["report", "--redact", "--unit", "示例后勤管理处"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stdout.contains("回扣"), "{}", r.stdout);
    assert!(r.stdout.contains("公务用车"), "{}", r.stdout);
}

#[test]
fn rectify_status_of_an_unknown_unit_lists_the_units_there_are() {
    let env = Env::new();
    let r = env.run(&["rectify", "status", "--unit", "计算机学院"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("没有单位「计算机学院」的记录；现有：")
            && r.stderr.contains("示例计算机学院"),
        "{}",
        r.stderr
    );
}

/// The store itself refuses to sign or settle on a round of which a file did not load (the
/// finding's content, and its hash, would be missing what that file holds), whoever calls it:
/// the command line and the review screen check first, `store::signing` checks again.
#[test]
fn nothing_is_signed_or_settled_while_a_file_of_the_round_is_unreadable() {
    use xuncha::model::Timestamp;
    use xuncha::model::signoff::{Decision, Step};
    use xuncha::store::{StoreError, load_catalog, load_round, signing};

    let env = Env::new();
    let broken = env.data().join("第三轮_示例计算机学院_坏.toml");
    std::fs::write(&broken, "format = 2\nunit = \"示例计算机学院\"\nround = \n").unwrap();
    let round = load_round(&[env.data()]).unwrap();
    assert_eq!(round.failed.len(), 1, "{:?}", round.failed);
    let catalog = load_catalog(None).0;
    let now = Timestamp::now();
    // 张三's 编制 of KEY on the round as read
    let sign = |round: &_| {
        signing::sign(
            &env.data(),
            round,
            &catalog,
            "第三轮",
            &[KEY.to_string()],
            Step::Draft,
            "张三",
            now,
        )
    };
    let signed = sign(&round);
    match signed {
        Err(StoreError::Incomplete { unreadable }) => assert_eq!(unreadable, vec![broken.clone()]),
        other => panic!("{other:?}"),
    }
    let settled = signing::settle(
        &env.data(),
        &round,
        &catalog,
        "第三轮",
        DISPUTED,
        Decision::Confirm,
        "组长认定",
        "王组长",
        now,
    );
    assert!(
        matches!(settled, Err(StoreError::Incomplete { .. })),
        "{settled:?}"
    );
    assert!(env.round_files().is_empty(), "{:?}", env.round_files());

    // The command line says it in Chinese, names the file, and writes nothing either.
    let r = env.run(&["sign", KEY, "--step", "draft", "--signer", "张三"]);
    assert_ne!(r.code, Some(0));
    assert!(r.stderr.contains("坏.toml"), "{}", r.stderr);
    assert!(env.round_files().is_empty());

    // Once the file is mended (here: removed), the same call signs.
    std::fs::remove_file(&broken).unwrap();
    let round = load_round(&[env.data()]).unwrap();
    let signed = sign(&round);
    assert!(matches!(signed, Ok(Ok(_))), "{signed:?}");
    assert_eq!(env.round_files(), vec!["第三轮_张三.signoff.toml"]);
}

/// A signer's name must say who signed and be text: blanks, control characters and an
/// over-long name are refused with a sentence in the interface's language, and nothing is
/// written; the review's forms use the same rule (`model::signoff::checked_signer`).
#[test]
fn a_signer_name_that_is_blank_or_not_text_is_refused() {
    let env = Env::new();
    let long = "张".repeat(33);
    for (signer, said) in [
        ("  ", "请填写签名人"),
        ("王\u{1b}[31m五", "控制字符"),
        (long.as_str(), "过长"),
        // nothing shown, or shown in another order
        ("\u{200B}\u{200B}", "请填写签名人"),
        ("王\u{202E}五", "控制字符"),
    ] {
        let r = env.run(&["sign", KEY, "--step", "draft", "--signer", signer]);
        assert_eq!(r.code, Some(1), "{signer:?}: {}", r.stderr);
        assert!(r.stderr.contains(said), "{signer:?}: {}", r.stderr);
        let r = env.run(&[
            "round",
            "reported",
            "--date",
            "2026-11-20",
            "--signer",
            signer,
        ]);
        assert!(r.stderr.contains(said), "{signer:?}: {}", r.stderr);
        assert!(env.round_files().is_empty(), "{signer:?}");
    }
    let r = env.run(&[
        "--lang", "en", "sign", KEY, "--step", "draft", "--signer", " ",
    ]);
    assert!(r.stderr.contains("Fill in the signer"), "{}", r.stderr);
    // a name of 32 characters, trimmed, is taken
    let name = format!(" {} ", "张".repeat(32));
    let r = env.run(&["sign", KEY, "--step", "draft", "--signer", &name]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}
