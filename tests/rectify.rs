//! The 整改台账 out to the unit and back, and 回头看, with the real binary on temporary folders:
//! `rectify export` (read back with calamine; the sheet XML unpacked for the drop-downs, the
//! locked and open cells, the hidden key columns), the workbook filled in here with
//! rust_xlsxwriter from what calamine read (the hidden keys kept), `rectify import`,
//! `rectify status`; a bad cell named and nothing imported; a newer or broken ledger file
//! refused and left as it was; export refused before the feedback; `new --follow-up`.

use std::fs;
use std::io::{Cursor, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, SheetVisible, Xlsx, open_workbook_from_rs};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use tempfile::TempDir;
use xuncha::model::ledger::{Ledger, Progress, RectifyType};
use xuncha::model::{Finding, SourceKind, Status, Template};
use xuncha::testing::{answer, at, builtin_catalog, note, record, source, write_approvals};

const FIRST: &str = "zhengzhi-jilv/first-topic";
const RECEPTION: &str = "baxiang-guiding/reception-approval";
const HEADERS: [&str; 13] = [
    "序号",
    "反馈问题",
    "具体表现",
    "整改措施",
    "责任领导",
    "责任部门/责任人",
    "完成时限",
    "类型",
    "进展",
    "佐证材料",
    "销号审核",
    "键",
    "内容哈希",
];
/// What the feedback may never carry: the inspectors, the statement that names someone, the
/// private references.
const NAMES: [&str; 4] = ["张三", "李四", "王某某", "党委会会议记录"];

struct Env {
    _root: TempDir,
    config: TempDir,
    data: PathBuf,
}

impl Env {
    /// 计算机学院 (张三, 李四) and 外国语学院 (王五), round 第三轮: every problem approved and
    /// the round reported (`write_approvals`), not yet fed back.
    fn new() -> Env {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("记录");
        fs::create_dir_all(&data).unwrap();
        let catalog = builtin_catalog();
        let templates: Vec<&Template> = catalog.templates().collect();
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
                vec![note(1, "T01", "王某某说会前未征求意见", "王某某", "")],
                Some(Finding {
                    title: "第一议题制度落实不及时".into(),
                    statement: "王某某主持的党委会传达滞后 62 天。".into(),
                    feedback_text: Some("有的上级重要文件传达学习滞后，最长 62 天。".into()),
                    figures: "抽查 12 份文件，9 份滞后超过 30 天".into(),
                    ..Finding::default()
                }),
            ),
        );
        let mut b = record("计算机学院", "李四", &templates, at(10, 9));
        b.answers.insert(
            RECEPTION.into(),
            answer(
                Status::Problem,
                vec![],
                Some(Finding {
                    statement: "公务接待先接待后审批，涉及 3 次。".into(),
                    ..Finding::default()
                }),
            ),
        );
        let mut c = record("外国语学院", "王五", &templates, at(10, 9));
        c.answers.insert(
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
        for r in [&a, &b, &c] {
            xuncha::store::create_record(&data, r).unwrap();
        }
        write_approvals(&data, &catalog);
        Env {
            _root: root,
            config: tempfile::tempdir().unwrap(),
            data,
        }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.config.path().join(name)
    }

    fn ledger(&self) -> PathBuf {
        self.data.join("第三轮_计算机学院.ledger.toml")
    }
}

/// `new --follow-up` for 计算机学院 of 第三轮, into 第四轮 by 赵六 (the inspector's name is
/// the ninth word), not opened.
const FOLLOW_UP: [&str; 10] = [
    "new",
    "--follow-up",
    "第三轮",
    "--unit",
    "计算机学院",
    "--round",
    "第四轮",
    "--inspector",
    "赵六",
    "--no-open",
];

/// The record file of `inspector`.
fn record_of(env: &Env, inspector: &str) -> PathBuf {
    fs::read_dir(&env.data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(&format!("_{inspector}.toml")))
        .unwrap()
}

fn xuncha(env: &Env) -> Command {
    let mut cmd = Command::cargo_bin("xuncha").unwrap();
    cmd.env("XUNCHA_DATA_DIR", &env.data)
        .env("XUNCHA_CONFIG_DIR", env.config.path())
        .env_remove("XUNCHA_LANG")
        .env_remove("XUNCHA_CHECKLISTS");
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(env: &Env, args: &[&str]) -> Run {
    let out = xuncha(env).args(args).output().unwrap();
    let r = Run {
        code: out.status.code().expect("killed by a signal"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    r
}

fn ok(env: &Env, args: &[&str]) -> Run {
    let r = run(env, args);
    assert_eq!(r.code, 0, "{args:?}\n{}\n{}", r.stdout, r.stderr);
    r
}

fn fed_back(env: &Env) {
    ok(
        env,
        &[
            "round",
            "fed-back",
            "--date",
            "2026-11-29",
            "--signer",
            "王组长",
            "--unit",
            "计算机学院",
        ],
    );
}

/// `rectify export --unit 计算机学院 -o OUT`, whatever it gives.
fn try_export(env: &Env, out: &Path) -> Run {
    run(
        env,
        &[
            "rectify",
            "export",
            "--unit",
            "计算机学院",
            "-o",
            out.to_str().unwrap(),
        ],
    )
}

/// The ledger exported into the config folder as `name`; the export must succeed.
fn export(env: &Env, name: &str) -> PathBuf {
    let out = env.file(name);
    let r = try_export(env, &out);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    out
}

/// Every sheet: its name, whether it is hidden, and its cells.
fn read(bytes: &[u8]) -> Vec<(String, bool, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let meta: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    meta.into_iter()
        .map(|(name, hidden)| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, hidden, rows)
        })
        .collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

/// A value the test types into a cell.
enum Value {
    Text(&'static str),
    Date(u16, u8, u8),
}

/// The unit's filled-in copy: every cell of `bytes` as calamine read it written again with
/// rust_xlsxwriter (the hidden key columns and the hidden sheet kept), then `edits` typed in
/// (row and column from 0).
fn fill(bytes: &[u8], edits: &[(u32, u16, Value)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (i, (name, hidden, rows)) in read(bytes).into_iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(&name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Data::Empty => {}
                    Data::Float(f) => {
                        ws.write_number(r, c, *f).unwrap();
                    }
                    Data::Int(n) => {
                        ws.write_number(r, c, *n as f64).unwrap();
                    }
                    other => {
                        ws.write_string(r, c, text(other)).unwrap();
                    }
                }
            }
        }
        if i == 0 {
            for (r, c, v) in edits {
                match v {
                    Value::Text(t) => {
                        ws.write_string(*r, *c, *t).unwrap();
                    }
                    Value::Date(y, m, d) => {
                        let day = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        ws.write_datetime_with_format(*r, *c, &day, &date).unwrap();
                    }
                }
            }
            ws.set_column_hidden(11).unwrap();
            ws.set_column_hidden(12).unwrap();
        }
        if hidden {
            ws.set_hidden(true);
        }
    }
    book.save_to_buffer().unwrap()
}

/// The edits of a unit that did its homework: row 2 done on time by an Excel date, row 3
/// started and overdue, its deadline typed as text.
fn homework() -> Vec<(u32, u16, Value)> {
    vec![
        (1, 3, Value::Text("修订第一议题学习制度\n建立传达学习台账")),
        (1, 4, Value::Text("党委书记")),
        (1, 5, Value::Text("党政办公室")),
        (1, 6, Value::Date(2099, 3, 31)),
        (1, 7, Value::Text("限期整改")),
        (1, 8, Value::Text("已完成")),
        (1, 9, Value::Text("党委会纪要 3 份")),
        (2, 3, Value::Text("接待先审批")),
        (2, 6, Value::Text("2020/1/31")),
        (2, 7, Value::Text("立行立改")),
        (2, 8, Value::Text("推进中")),
    ]
}

fn import(env: &Env, bytes: &[u8], name: &str) -> Run {
    let path = env.file(name);
    fs::write(&path, bytes).unwrap();
    run(env, &["rectify", "import", path.to_str().unwrap()])
}

#[test]
fn export_is_refused_before_the_report_and_the_feedback() {
    let env = Env::new();
    let out = env.file("台账.xlsx");
    let args = [
        "rectify",
        "export",
        "--unit",
        "计算机学院",
        "-o",
        out.to_str().unwrap(),
    ];
    let r = run(&env, &args);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("第三轮尚未记录向计算机学院反馈"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("xuncha round fed-back"), "{}", r.stderr);
    assert!(!out.exists());
    // without the report to the leading group, both are said
    fs::remove_file(env.data.join("第三轮.leader.toml")).unwrap();
    let r = run(&env, &args);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("尚未记录向巡察工作领导小组汇报，也尚未记录向计算机学院反馈"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());
    // an unknown unit
    let r = run(
        &env,
        &[
            "rectify",
            "export",
            "--unit",
            "数学学院",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("现有：计算机学院、外国语学院"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_ledger_goes_out_filled_in_and_comes_back() {
    let env = Env::new();
    fed_back(&env);
    let out = export(&env, "计算机学院整改台账.xlsx");
    let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let bytes = fs::read(&out).unwrap();

    // what the unit gets: the header first, a row per fed-back finding, in the feedback wording
    let sheets = read(&bytes);
    let names: Vec<(&str, bool)> = sheets.iter().map(|(n, h, _)| (n.as_str(), *h)).collect();
    assert_eq!(names, [("整改台账", false), ("xuncha", true)]);
    let rows = &sheets[0].2;
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(header, HEADERS);
    assert_eq!(rows.len(), 3);
    assert_eq!(text(&rows[1][0]), "1");
    assert_eq!(
        text(&rows[1][1]),
        "有的上级重要文件传达学习滞后，最长 62 天。"
    );
    assert_eq!(text(&rows[1][2]), "抽查 12 份文件，9 份滞后超过 30 天");
    assert_eq!(text(&rows[2][1]), "公务接待先接待后审批，涉及 3 次。");
    assert_eq!(text(&rows[1][11]), "计算机学院/zhengzhi-jilv/first-topic");
    assert_eq!(text(&rows[1][12]).len(), 64);
    for (_, _, rows) in &sheets {
        for cell in rows.iter().flatten() {
            for name in NAMES {
                assert!(!text(cell).contains(name), "{name} in {cell:?}");
            }
        }
    }
    let meta: Vec<(String, String)> = sheets[1]
        .2
        .iter()
        .map(|r| (text(&r[0]), text(&r[1])))
        .collect();
    assert!(
        meta.contains(&("round".into(), "第三轮".into())),
        "{meta:?}"
    );
    assert!(
        meta.contains(&("unit".into(), "计算机学院".into())),
        "{meta:?}"
    );

    // drop-downs, protection, locked and open cells, hidden keys, frozen header
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(
        xml.matches(r#"<dataValidation type="list""#).count(),
        2,
        "{xml}"
    );
    assert!(xml.contains(r#"error="请从下拉列表中选择：未启动、推进中、阶段完成、已完成""#));
    assert!(xml.contains("sqref=\"H2:H3\""), "{xml}");
    assert!(xml.contains("sqref=\"I2:I3\""), "{xml}");
    assert!(
        xml.contains("<formula1>\"未启动,推进中,阶段完成,已完成\"</formula1>"),
        "{xml}"
    );
    assert!(
        xml.contains("<formula1>\"立行立改,限期整改,长期坚持\"</formula1>"),
        "{xml}"
    );
    assert!(xml.contains("<sheetProtection"), "{xml}");
    assert!(!xml.contains("password"), "{xml}");
    assert!(xml.contains(r#"state="frozen""#), "{xml}");
    // the key and hash columns (L, M) hidden, and only they
    let hidden: Vec<&str> = xml
        .split("<col ")
        .skip(1)
        .filter(|c| c.split("/>").next().unwrap().contains(r#"hidden="1""#))
        .collect();
    assert_eq!(hidden.len(), 1, "{xml}");
    assert!(hidden[0].starts_with(r#"min="12" max="13""#), "{xml}");
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"<protection locked="0"/>"#), "{styles}");
    assert!(styles.contains(r#"wrapText="1""#));
    // the open columns (D to K) of a row use an unlocked style, the others a locked one
    let locked = locked_styles(&styles);
    let row2 = row_styles(&xml, 2);
    for (col, style) in &row2 {
        let open = ("D".."L").contains(&col.as_str());
        assert_eq!(locked.contains(style), !open, "{col}: style {style}");
    }
    assert_eq!(row2.len(), 13);

    // a second export is never written over the first without --force
    let again = try_export(&env, &out);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(fs::read(&out).unwrap(), bytes);

    // filled in by the unit and imported
    let filled = fill(&bytes, &homework());
    let r = import(&env, &filled, "填好的台账.xlsx");
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("已导入 2 个问题的整改情况"),
        "{}",
        r.stdout
    );
    // a deadline before the feedback day (2026-11-29): imported, with a warning for its row
    let warnings: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.contains("早于反馈日期"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", r.stderr);
    assert!(
        warnings[0].contains("完成时限 2020-01-31 早于反馈日期 2026-11-29"),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains("早于"), "{}", r.stdout);
    let again = env.file("填好的台账.xlsx");
    let r = run(
        &env,
        &["--lang", "en", "rectify", "import", again.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("deadline of 2020-01-31, before the feedback day 2026-11-29"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("早于"), "{}", r.stderr);
    let path = env.ledger();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let ledger = Ledger::parse("l", &fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(ledger.items.len(), 2);
    let first = &ledger.items[0];
    assert_eq!(first.measures, "修订第一议题学习制度\n建立传达学习台账");
    assert_eq!(first.leaders, "党委书记");
    assert_eq!(first.departments, "党政办公室");
    assert_eq!(first.deadline.unwrap().to_string(), "2099-03-31");
    assert_eq!(first.kind, Some(RectifyType::Deadline));
    assert_eq!(first.progress, Some(Progress::Done));
    assert_eq!(first.evidence, "党委会纪要 3 份");
    let second = &ledger.items[1];
    assert_eq!(second.deadline.unwrap().to_string(), "2020-01-31");
    assert_eq!(second.kind, Some(RectifyType::Immediate));
    assert_eq!(second.progress, Some(Progress::InProgress));

    // reported: the overdue one first
    let r = ok(&env, &["rectify", "status"]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("单位"), "{}", r.stdout);
    assert!(lines[1].contains("公务接待先接待后审批"), "{}", r.stdout);
    assert!(lines[1].contains("2020-01-31"), "{}", r.stdout);
    assert!(lines[1].contains("立行立改"), "{}", r.stdout);
    assert!(lines[1].contains("推进中"), "{}", r.stdout);
    assert!(
        lines[1].contains("逾期") && lines[1].ends_with("天"),
        "{}",
        r.stdout
    );
    assert!(
        lines[2].contains("已完成") && !lines[2].contains("逾期"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("共 2 项，已完成 1 项，逾期 1 项"),
        "{}",
        r.stdout
    );
    let en = ok(
        &env,
        &["--lang", "en", "rectify", "status", "--unit", "计算机学院"],
    );
    assert!(en.stdout.contains("days overdue"), "{}", en.stdout);
    let none = ok(&env, &["rectify", "status", "--unit", "外国语学院"]);
    assert!(
        none.stdout.contains("还没有导入的整改台账"),
        "{}",
        none.stdout
    );

    // a fresh export (--force) carries what the unit wrote
    ok(
        &env,
        &[
            "rectify",
            "export",
            "--unit",
            "计算机学院",
            "-o",
            out.to_str().unwrap(),
            "--force",
        ],
    );
    let sheets = read(&fs::read(&out).unwrap());
    assert_eq!(
        text(&sheets[0].2[1][3]),
        "修订第一议题学习制度\n建立传达学习台账"
    );
    assert_eq!(text(&sheets[0].2[1][8]), "已完成");
    assert!(matches!(sheets[0].2[1][6], Data::DateTime(_)));
}

/// The ids of the cell styles (`cellXfs`, in order) that keep a cell locked.
fn locked_styles(styles: &str) -> Vec<String> {
    let xfs = styles
        .split("<cellXfs")
        .nth(1)
        .and_then(|s| s.split("</cellXfs>").next())
        .unwrap();
    let mut out = Vec::new();
    for (i, xf) in xfs.split("<xf ").skip(1).enumerate() {
        let xf = xf.split("</xf>").next().unwrap();
        if !xf.contains(r#"locked="0""#) {
            out.push(i.to_string());
        }
    }
    out
}

/// `(column letters, style id)` of each cell of row `n` in the sheet XML.
fn row_styles(xml: &str, n: u32) -> Vec<(String, String)> {
    let row = xml
        .split(&format!("<row r=\"{n}\""))
        .nth(1)
        .and_then(|s| s.split("</row>").next())
        .unwrap();
    row.split("<c r=\"")
        .skip(1)
        .map(|c| {
            let reference: String = c.chars().take_while(|ch| *ch != '"').collect();
            let col: String = reference
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            let style = c
                .split("s=\"")
                .nth(1)
                .map(|s| s.chars().take_while(|ch| *ch != '"').collect())
                .unwrap_or_else(|| "0".to_string());
            (col, style)
        })
        .collect()
}

#[test]
fn a_bad_cell_is_named_and_nothing_is_imported() {
    let env = Env::new();
    fed_back(&env);
    let bytes = fs::read(export(&env, "台账.xlsx")).unwrap();
    let mut edits = homework();
    edits.push((2, 8, Value::Text("差不多")));
    edits.push((1, 6, Value::Text("年底前")));
    let r = import(&env, &fill(&bytes, &edits), "坏.xlsx");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("「进展」列 I3：无法识别的值「差不多」"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("「完成时限」列 G2：「年底前」不是日期"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("本次什么也没有导入"), "{}", r.stderr);
    assert!(!env.ledger().exists());

    // a good import first, then a bad one: the ledger stays as it was
    assert_eq!(import(&env, &fill(&bytes, &homework()), "好.xlsx").code, 0);
    let before = fs::read(env.ledger()).unwrap();
    let r = import(&env, &fill(&bytes, &edits), "坏.xlsx");
    assert_eq!(r.code, 1);
    assert_eq!(fs::read(env.ledger()).unwrap(), before);

    // English
    let path = env.file("坏.xlsx");
    let r = run(
        &env,
        &["--lang", "en", "rectify", "import", path.to_str().unwrap()],
    );
    assert!(
        r.stderr
            .contains("column \"Progress\" I3: unrecognised value \"差不多\""),
        "{}",
        r.stderr
    );
}

#[test]
fn an_unknown_key_a_missing_key_and_a_foreign_workbook_are_refused() {
    let env = Env::new();
    fed_back(&env);
    let bytes = fs::read(export(&env, "台账.xlsx")).unwrap();
    let mut edits = homework();
    edits.push((2, 11, Value::Text("外国语学院/zhengzhi-jilv/first-topic")));
    edits.push((3, 3, Value::Text("另加的一行")));
    let r = import(&env, &fill(&bytes, &edits), "改键.xlsx");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("「键」列 L4：此行没有问题的键"),
        "{}",
        r.stderr
    );
    assert!(!env.ledger().exists());
    let mut edits = homework();
    edits.push((2, 11, Value::Text("外国语学院/zhengzhi-jilv/first-topic")));
    let r = import(&env, &fill(&bytes, &edits), "改键.xlsx");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(
            "「键」列 L3：「外国语学院/zhengzhi-jilv/first-topic」不是该单位已反馈的问题"
        ),
        "{}",
        r.stderr
    );
    assert!(!env.ledger().exists());

    // not an xlsx; an xlsx that is not a ledger; a ledger sheet without its header
    let r = import(&env, b"format = 1\n", "假.xlsx");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("不是可读取的 XLSX 工作簿：文件已损坏，或不是 Excel 工作簿"),
        "{}",
        r.stderr
    );
    // one language: the zip reader's English reason is not in the Chinese sentence
    assert!(
        !r.stderr.contains("Zip") && !r.stderr.contains("zip"),
        "{}",
        r.stderr
    );
    let mut other = Workbook::new();
    other.add_worksheet().write_string(0, 0, "问题").unwrap();
    let r = import(&env, &other.save_to_buffer().unwrap(), "别的.xlsx");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("没有「xuncha」工作表"), "{}", r.stderr);
    let mut no_header = Workbook::new();
    let ws = no_header.add_worksheet();
    ws.set_name("整改台账").unwrap();
    ws.write_string(0, 0, "序号").unwrap();
    let meta = no_header.add_worksheet();
    meta.set_name("xuncha").unwrap();
    meta.write_string(0, 0, "format").unwrap();
    meta.write_string(0, 1, "1").unwrap();
    meta.write_string(1, 0, "round").unwrap();
    meta.write_string(1, 1, "第三轮").unwrap();
    meta.write_string(2, 0, "unit").unwrap();
    meta.write_string(2, 1, "计算机学院").unwrap();
    let r = import(&env, &no_header.save_to_buffer().unwrap(), "无表头.xlsx");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("表头缺少「"), "{}", r.stderr);
    assert!(r.stderr.contains("「键」"), "{}", r.stderr);
    assert!(!r.stderr.contains("」 列"), "{}", r.stderr);
    assert!(!env.ledger().exists());
}

#[test]
fn a_newer_ledger_is_refused_and_left_untouched() {
    let env = Env::new();
    fed_back(&env);
    let bytes = fs::read(export(&env, "台账.xlsx")).unwrap();
    let newer = "format = 2\nround = \"第三轮\"\nunit = \"计算机学院\"\n\n[[row]]\nkey = \"x\"\n";
    fs::write(env.ledger(), newer).unwrap();
    let r = import(&env, &fill(&bytes, &homework()), "好.xlsx");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("第三轮_计算机学院.ledger.toml:1:"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("文件格式版本 2 比本程序能读的新"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(env.ledger()).unwrap(), newer);
    // status names it too
    let r = run(&env, &["rectify", "status"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("第三轮_计算机学院.ledger.toml"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_broken_ledger_is_named_with_line_and_column_and_never_overwritten() {
    let env = Env::new();
    fed_back(&env);
    let bytes = fs::read(export(&env, "台账.xlsx")).unwrap();
    let broken = "format = 1\nround = \"第三轮\"\nunit = \"计算机学院\n";
    fs::write(env.ledger(), broken).unwrap();
    let r = import(&env, &fill(&bytes, &homework()), "好.xlsx");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("第三轮_计算机学院.ledger.toml:3:"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(env.ledger()).unwrap(), broken);
}

#[test]
fn a_follow_up_checklist_is_made_from_the_ledger_and_used() {
    let env = Env::new();
    fed_back(&env);
    let bytes = fs::read(export(&env, "台账.xlsx")).unwrap();
    assert_eq!(import(&env, &fill(&bytes, &homework()), "好.xlsx").code, 0);
    let r = ok(&env, &FOLLOW_UP);
    let id = "huitoukan-di-san-lun-ji-suan-ji-xue-yuan";
    assert!(
        r.stderr.contains(&format!("已生成回头看清单 {id}（2 项）")),
        "{}",
        r.stderr
    );
    let template = env
        .config
        .path()
        .join("checklists")
        .join(format!("{id}.toml"));
    let t = Template::parse("t", &fs::read_to_string(&template).unwrap()).unwrap();
    assert_eq!(t.item_count(), 2);
    let first = t.item("zhengzhi-jilv-first-topic").unwrap();
    assert_eq!(
        first.text,
        "有的上级重要文件传达学习滞后，最长 62 天：整改是否到位"
    );
    assert!(
        first
            .guide
            .contains("整改措施：修订第一议题学习制度；建立传达学习台账")
    );
    assert!(first.guide.contains("完成时限：2099-03-31（限期整改）"));
    // the new record uses it, and only it
    let path = PathBuf::from(r.stdout.trim());
    let record = xuncha::store::load_record(&path).unwrap();
    let ids: Vec<&str> = record.templates.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, [id]);
    assert_eq!(record.round, "第四轮");
    // the catalog finds it, and it is a valid checklist
    let list = ok(&env, &["checklists", "list"]);
    assert!(list.stdout.contains(id), "{}", list.stdout);
    ok(&env, &["checklists", "check"]);

    // a second inspector: the same template, kept, plus a checklist of their choice
    let second = [
        &FOLLOW_UP[..8],
        &["钱七", "--checklist", "sankan", "--no-open"],
    ]
    .concat();
    let r = ok(&env, &second);
    assert!(r.stderr.contains("已是最新"), "{}", r.stderr);
    let record = xuncha::store::load_record(Path::new(r.stdout.trim())).unwrap();
    let ids: Vec<&str> = record.templates.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, [id, "sankan"]);
}

#[test]
fn a_follow_up_without_fed_back_findings_is_refused() {
    let env = Env::new();
    fed_back(&env);
    let before: Vec<_> = fs::read_dir(&env.data).unwrap().collect();
    let r = run(
        &env,
        &[
            "new",
            "--follow-up",
            "第三轮",
            "--unit",
            "外国语学院",
            "--round",
            "第四轮",
            "--inspector",
            "赵六",
            "--no-open",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("不能为外国语学院生成第三轮的回头看清单：第三轮尚未记录向外国语学院反馈"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_dir(&env.data).unwrap().count(), before.len());
    assert!(!env.config.path().join("checklists").exists());
    // an unknown round
    let r = run(
        &env,
        &[
            "new",
            "--follow-up",
            "第九轮",
            "--unit",
            "计算机学院",
            "--round",
            "第四轮",
            "--inspector",
            "赵六",
            "--no-open",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("没有轮次「第九轮」的记录"),
        "{}",
        r.stderr
    );
}

/// The ledger example in docs/FORMAT.md is a real ledger file.
#[test]
fn the_format_doc_ledger_example_parses() {
    let doc = include_str!("../docs/FORMAT.md");
    let start = doc
        .find("```toml\nformat = 1                          # ledger format")
        .expect("ledger example in FORMAT.md");
    let body = &doc[start + "```toml\n".len()..];
    let example = &body[..body.find("```").unwrap()];
    let l = Ledger::parse("FORMAT.md", example).unwrap();
    assert_eq!(l.unit, "计算机学院");
    let item = &l.items[0];
    assert_eq!(item.kind, Some(RectifyType::Deadline));
    assert_eq!(item.progress, Some(Progress::InProgress));
    assert_eq!(item.deadline.unwrap().to_string(), "2027-03-31");
    assert_eq!(Ledger::parse("again", &l.to_toml().unwrap()).unwrap(), l);
}

#[test]
fn a_finding_changed_after_the_feedback_is_named_until_signed_again() {
    let env = Env::new();
    fed_back(&env);
    let before = fs::read(export(&env, "before.xlsx")).unwrap();
    // 李四's finding, fed back, is edited afterwards
    let file = record_of(&env, "李四");
    let written = fs::read_to_string(&file).unwrap();
    assert!(written.contains("涉及 3 次"));
    fs::write(&file, written.replace("涉及 3 次", "涉及 4 次")).unwrap();
    let key = format!("计算机学院/{RECEPTION}");
    // export, import and 回头看 say so, name it, and write nothing
    let out = env.file("after.xlsx");
    let r = try_export(&env, &out);
    assert_eq!(r.code, 1);
    assert!(!out.exists());
    assert!(
        r.stderr.contains("反馈后内容或状态有变更") && r.stderr.contains(&key),
        "{}",
        r.stderr
    );
    let r = import(&env, &fill(&before, &homework()), "回来.xlsx");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("反馈后内容或状态有变更"), "{}", r.stderr);
    assert!(!env.ledger().exists());
    let r = run(&env, &FOLLOW_UP);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(&key), "{}", r.stderr);
    // signed again, the finding is on the ledger with its new content
    for (step, signer) in [
        ("draft", "赵编制"),
        ("check", "钱复核"),
        ("approve", "孙审签"),
    ] {
        ok(&env, &["sign", &key, "--step", step, "--signer", signer]);
    }
    let sheet = read(&fs::read(export(&env, "again.xlsx")).unwrap());
    let rows = &sheet[0].2;
    assert!(
        rows.iter()
            .any(|row| row.iter().any(|c| text(c).contains("涉及 4 次"))),
        "{rows:?}"
    );
    // edited again after signing again: still what went out, still named
    let written = fs::read_to_string(&file).unwrap();
    fs::write(&file, written.replace("涉及 4 次", "涉及 5 次")).unwrap();
    let r = try_export(&env, &env.file("third.xlsx"));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(&key), "{}", r.stderr);
    // no longer a problem at all: named too, not dropped
    let written = fs::read_to_string(&file).unwrap();
    assert!(written.contains("status = \"problem\""), "{written}");
    fs::write(
        &file,
        written.replace("status = \"problem\"", "status = \"no-problem\""),
    )
    .unwrap();
    let r = try_export(&env, &env.file("fourth.xlsx"));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(&key), "{}", r.stderr);
}

#[test]
fn a_finding_left_out_of_the_feedback_is_not_asked_for_on_the_ledger() {
    // 李四's finding is edited before the feedback: not approved then, so not fed back, and
    // the ledger neither lists it nor asks for it
    let env = Env::new();
    let file = record_of(&env, "李四");
    let written = fs::read_to_string(&file).unwrap();
    fs::write(&file, written.replace("涉及 3 次", "涉及 4 次")).unwrap();
    fed_back(&env);
    let sheet = read(&fs::read(export(&env, "台账.xlsx")).unwrap());
    let rows = &sheet[0].2;
    assert!(
        !rows
            .iter()
            .any(|row| row.iter().any(|c| text(c).contains("涉及"))),
        "{rows:?}"
    );
    // approved afterwards, it is still not what the unit received
    let key = format!("计算机学院/{RECEPTION}");
    for (step, signer) in [
        ("draft", "赵编制"),
        ("check", "钱复核"),
        ("approve", "孙审签"),
    ] {
        ok(&env, &["sign", &key, "--step", step, "--signer", signer]);
    }
    let sheet = read(&fs::read(export(&env, "台账2.xlsx")).unwrap());
    assert_eq!(sheet[0].2.len(), rows.len(), "{:?}", sheet[0].2);
}

#[test]
fn an_older_blank_workbook_does_not_wipe_what_the_unit_wrote() {
    let env = Env::new();
    fed_back(&env);
    let blank = fs::read(export(&env, "空白.xlsx")).unwrap();
    assert_eq!(
        import(&env, &fill(&blank, &homework()), "填好.xlsx").code,
        0
    );
    let kept = fs::read_to_string(env.ledger()).unwrap();
    // the first, blank export imported again: refused, each cell it would empty named
    let r = import(&env, &blank, "空白.xlsx");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("会清空单位此前已填写的内容") && r.stderr.contains("序号 1「整改措施」"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(env.ledger()).unwrap(), kept);
    // the latest export carries what was written: imported again as it is
    let latest = fs::read(export(&env, "最新.xlsx")).unwrap();
    assert_eq!(import(&env, &latest, "最新.xlsx").code, 0);
}
