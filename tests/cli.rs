//! Integration tests: every test runs the real `xuncha` binary on temporary folders.
//!
//! Each test gets its own data folder and config folder (see [`Env`]) and never sees the
//! user's settings: `XUNCHA_LANG` and `XUNCHA_CHECKLISTS` are removed from the environment.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

/// The built-in checklist ids, in the order the program shows them.
const BUILTIN_IDS: [&str; 8] = [
    "sankan",
    "zhengzhi-jilv",
    "lide-shuren",
    "yigang-shuangze",
    "baxiang-guiding",
    "zuzhi-luxian",
    "jiceng-dangjian",
    "zhenggai-luoshi",
];

// ---------------------------------------------------------------------------------------------
// Environment and running the binary
// ---------------------------------------------------------------------------------------------

/// A private data folder and config folder for one test.
struct Env {
    _data_root: TempDir,
    config: TempDir,
    /// Not created in advance: the program has to create it (and its parent).
    data: PathBuf,
}

impl Env {
    fn new() -> Env {
        let data_root = tempfile::tempdir().unwrap();
        let data = data_root.path().join("巡察").join("记录");
        Env {
            _data_root: data_root,
            config: tempfile::tempdir().unwrap(),
            data,
        }
    }

    /// A fresh folder inside the test's temp space, for templates or loose files.
    fn folder(&self, name: &str) -> PathBuf {
        let dir = self.config.path().join(name);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// The `*.toml` files in the data folder (none if it does not exist).
    fn records(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.data) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        files
    }
}

/// The binary, isolated in `env`.
fn xuncha(env: &Env) -> Command {
    let mut cmd = Command::cargo_bin("xuncha").unwrap();
    cmd.env("XUNCHA_DATA_DIR", &env.data)
        .env("XUNCHA_CONFIG_DIR", env.config.path())
        .env_remove("XUNCHA_LANG")
        .env_remove("XUNCHA_CHECKLISTS");
    cmd
}

/// What one run of the binary produced.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run to completion. Whatever the input, the program must never panic.
fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    let r = Run {
        code: out.status.code().expect("killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !r.stderr.contains("panicked"),
        "the program panicked:\n{}",
        r.stderr
    );
    r
}

/// `xuncha new` with the given arguments; must succeed. Returns the path it printed.
fn new_record(env: &Env, unit: &str, round: &str, inspector: &str, extra: &[&str]) -> PathBuf {
    let r = run(xuncha(env)
        .args([
            "new",
            "--unit",
            unit,
            "--round",
            round,
            "--inspector",
            inspector,
        ])
        .args(extra));
    assert_eq!(r.code, 0, "new failed:\n{}", r.stderr);
    let path = r
        .stdout
        .strip_suffix('\n')
        .expect("path ends with a newline");
    assert!(!path.contains('\n'), "stdout is one line: {:?}", r.stdout);
    PathBuf::from(path)
}

// ---------------------------------------------------------------------------------------------
// The built-in checklists, read from the source tree
// ---------------------------------------------------------------------------------------------

fn checklist_file(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("checklists")
        .join(format!("{id}.toml"))
}

fn checklist_text(id: &str) -> String {
    fs::read_to_string(checklist_file(id)).unwrap()
}

fn checklist(id: &str) -> toml::Table {
    checklist_text(id).parse().unwrap()
}

fn title_of(id: &str) -> String {
    checklist(id)["title"].as_str().unwrap().to_string()
}

fn version_of(id: &str) -> String {
    checklist(id)["version"].as_str().unwrap().to_string()
}

/// Ids of the items of a built-in checklist that are answered, in file order: not the 三看
/// looks, which have `refs` and are rolled up from other items.
fn item_ids(id: &str) -> Vec<String> {
    checklist(id)["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["items"].as_array().unwrap())
        .filter(|i| i.get("refs").is_none())
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

/// Items of a built-in checklist counted in completion, for a record without a unit type.
fn counted(id: &str) -> usize {
    item_ids(id).len()
}

/// Number of `[[sections.items]]` headers in a built-in checklist file.
fn item_count(id: &str) -> usize {
    let n = checklist_text(id)
        .lines()
        .filter(|l| l.trim() == "[[sections.items]]")
        .count();
    let parsed: usize = checklist(id)["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["items"].as_array().unwrap().len())
        .sum();
    assert_eq!(n, parsed, "{id}: headers vs parsed items");
    n
}

/// Whole percent, rounded down (100 % means complete).
/// The percentage as the program rounds it (to nearest; 100 only when done, 0 only when none:
/// its own rules are tested in `model::progress`).
fn percent(done: usize, total: usize) -> u32 {
    xuncha::model::progress::percent(done, total)
}

// ---------------------------------------------------------------------------------------------
// Reading the output
// ---------------------------------------------------------------------------------------------

/// The rest of `line` from display column `col` (0-based) on. Fails if `col` falls inside a
/// double-width character or past the end.
fn from_display_col(line: &str, col: usize) -> &str {
    let mut w = 0;
    for (i, c) in line.char_indices() {
        if w == col {
            return &line[i..];
        }
        assert!(w < col, "column {col} falls inside {c:?} in {line:?}");
        w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    assert_eq!(w, col, "column {col} is past the end of {line:?}");
    ""
}

/// Check a plain-text table: every cell of `expected` starts at the same display column in
/// every line, columns are as wide as their widest cell and two spaces apart.
fn assert_table(lines: &[&str], expected: &[Vec<String>]) {
    assert_eq!(
        lines.len(),
        expected.len(),
        "table lines:\n{}",
        lines.join("\n")
    );
    let cols = expected[0].len();
    let widths: Vec<usize> = (0..cols)
        .map(|c| expected.iter().map(|r| r[c].width()).max().unwrap())
        .collect();
    for (line, row) in lines.iter().zip(expected) {
        assert_eq!(row.len(), cols);
        let mut start = 0;
        for (c, cell) in row.iter().enumerate() {
            let rest = from_display_col(line, start);
            assert!(
                rest.starts_with(cell.as_str()),
                "column {c} should start with {cell:?} at display column {start} in\n{line}\n\
                 whole table:\n{}",
                lines.join("\n")
            );
            if c > 0 {
                let before = &line[..line.len() - rest.len()];
                assert!(
                    before.ends_with("  "),
                    "two spaces before {cell:?} in {line:?}"
                );
            }
            start += widths[c] + 2;
        }
        assert_eq!(line.trim_end(), *line, "no trailing spaces: {line:?}");
    }
}

/// The `line:column` that follows `file:` in a diagnostic on stderr.
fn location(stderr: &str, file: &Path) -> (usize, usize) {
    let prefix = format!("{}:", file.display());
    let digits = |s: &str| -> Option<(usize, usize)> {
        let n = s.chars().take_while(char::is_ascii_digit).count();
        s[..n].parse().ok().map(|v| (v, n))
    };
    for (i, _) in stderr.match_indices(&prefix) {
        let rest = &stderr[i + prefix.len()..];
        // `file:LINE:COLUMN` then `:` (English) or `：` (Chinese)
        if let Some((line, n)) = digits(rest)
            && let Some(after) = rest[n..].strip_prefix(':')
            && let Some((col, _)) = digits(after)
        {
            return (line, col);
        }
    }
    panic!("no `{prefix}LINE:COLUMN` in stderr:\n{stderr}");
}

/// A diagnostic prints the source line as `N | text` and below it a caret. Returns the printed
/// text of line `line_no` and the character the caret points at, after checking that the caret
/// sits at a whole character (by display width, with the same gutter).
fn caret_target(stderr: &str, line_no: usize) -> (String, char) {
    let gutter = format!("{line_no} | ");
    let lines: Vec<&str> = stderr.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with(&gutter))
        .unwrap_or_else(|| panic!("source line {line_no} not printed:\n{stderr}"));
    let source = lines[i];
    let caret_line = lines.get(i + 1).expect("a caret line");
    let caret = caret_line
        .find('^')
        .unwrap_or_else(|| panic!("no caret under line {line_no}:\n{stderr}"));
    let blank_gutter = format!("{} | ", " ".repeat(line_no.to_string().len()));
    assert!(
        caret_line.starts_with(&blank_gutter),
        "caret line has the same gutter: {caret_line:?}"
    );
    let caret_col = caret_line[..caret].width();
    let target = from_display_col(source, caret_col)
        .chars()
        .next()
        .unwrap_or_else(|| panic!("caret past the end of {source:?}"));
    (source[gutter.len()..].to_string(), target)
}

/// 1-based character column of the first `needle` in `line`.
fn char_column(line: &str, needle: &str) -> usize {
    line[..line.find(needle).unwrap()].chars().count() + 1
}

/// The `updated` time of a record as `status` shows it.
fn shown_updated(record: &Path) -> String {
    let t: toml::Table = fs::read_to_string(record).unwrap().parse().unwrap();
    let dt = t["updated"].as_datetime().unwrap();
    let time = dt.time.unwrap();
    format!("{} {:02}:{:02}", dt.date.unwrap(), time.hour, time.minute)
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// ---------------------------------------------------------------------------------------------
// 1. new
// ---------------------------------------------------------------------------------------------

#[test]
fn new_creates_a_private_record_with_every_builtin_checklist() {
    let env = Env::new();
    assert!(!env.data.exists());
    let r = run(xuncha(&env).args([
        "new",
        "--unit",
        "计算机学院",
        "--round",
        "第三轮",
        "--inspector",
        "张三",
        "--group",
        "第二巡察组",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let path = PathBuf::from(r.stdout.strip_suffix('\n').unwrap());
    assert_eq!(r.stdout, format!("{}\n", path.display()));
    assert_eq!(path.parent(), Some(env.data.as_path()));
    assert_eq!(env.records(), vec![path.clone()]);

    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600, "record file mode");
        assert_eq!(mode(&env.data), 0o700, "data folder mode");
        assert_eq!(
            mode(env.data.parent().unwrap()),
            0o700,
            "parent folder mode"
        );
    }

    let t: toml::Table = fs::read_to_string(&path).unwrap().parse().unwrap();
    assert_eq!(t["format"].as_integer(), Some(2));
    assert_eq!(t["unit"].as_str(), Some("计算机学院"));
    assert_eq!(t["round"].as_str(), Some("第三轮"));
    assert_eq!(t["inspector"].as_str(), Some("张三"));
    assert_eq!(t["group"].as_str(), Some("第二巡察组"));
    let templates = t["templates"].as_array().unwrap();
    let ids: Vec<&str> = templates
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, BUILTIN_IDS);
    for x in templates {
        let id = x["id"].as_str().unwrap();
        assert_eq!(x["version"].as_str(), Some(version_of(id).as_str()));
    }
}

#[test]
fn new_with_chosen_checklists_uses_only_those() {
    let env = Env::new();
    let path = new_record(
        &env,
        "马克思主义学院",
        "第三轮",
        "李四",
        &["--checklist", "sankan", "--checklist", "baxiang-guiding"],
    );
    let t: toml::Table = fs::read_to_string(&path).unwrap().parse().unwrap();
    let ids: Vec<&str> = t["templates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["sankan", "baxiang-guiding"]);
    assert!(t.get("group").is_none_or(|g| g.as_str() == Some("")));
}

#[test]
fn new_with_an_unknown_checklist_fails_and_creates_nothing() {
    let env = Env::new();
    let r = run(xuncha(&env).args([
        "new",
        "--unit",
        "计算机学院",
        "--round",
        "第三轮",
        "--inspector",
        "张三",
        "--checklist",
        "sankan",
        "--checklist",
        "nope",
    ]));
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("nope"), "{}", r.stderr);
    for id in BUILTIN_IDS {
        assert!(r.stderr.contains(id), "available ids listed: {}", r.stderr);
    }
    assert_eq!(r.stdout, "");
    assert!(env.records().is_empty());
}

#[test]
fn new_refuses_blank_fields() {
    let env = Env::new();
    for blank in ["--unit", "--round", "--inspector"] {
        let mut args = vec![
            "new",
            "--unit",
            "计算机学院",
            "--round",
            "第三轮",
            "--inspector",
            "张三",
        ];
        let i = args.iter().position(|a| *a == blank).unwrap();
        args[i + 1] = "  ";
        let r = run(xuncha(&env).args(&args));
        assert_ne!(r.code, 0, "blank {blank} accepted");
        assert!(r.stderr.contains("不能为空"), "{}", r.stderr);
        assert_eq!(r.stdout, "");
    }
    assert!(env.records().is_empty());
}

#[test]
fn new_twice_gives_two_different_files() {
    let env = Env::new();
    let a = new_record(&env, "计算机学院", "第三轮", "张三", &[]);
    let b = new_record(&env, "计算机学院", "第三轮", "张三", &[]);
    assert_ne!(a, b);
    assert!(b.to_string_lossy().ends_with("-2.toml"), "{}", b.display());
    assert!(a.exists() && b.exists());
    assert_eq!(env.records().len(), 2);
}

// ---------------------------------------------------------------------------------------------
// 2. status
// ---------------------------------------------------------------------------------------------

/// Two records: 计算机学院 with every checklist and some answers, 马克思主义学院 with two
/// checklists and none. Returns their paths.
fn two_records(env: &Env) -> (PathBuf, PathBuf) {
    let a = new_record(
        env,
        "计算机学院",
        "第三轮",
        "张三",
        &["--group", "第二巡察组"],
    );
    let b = new_record(
        env,
        "马克思主义学院",
        "第三轮",
        "李四",
        &["--checklist", "sankan", "--checklist", "baxiang-guiding"],
    );
    let sankan = item_ids("sankan");
    let zhengzhi = item_ids("zhengzhi-jilv");
    let baxiang = item_ids("baxiang-guiding");
    let answers = [
        (format!("sankan/{}", sankan[0]), "problem"),
        (format!("sankan/{}", sankan[1]), "doubt"),
        (format!("sankan/{}", sankan[2]), "no-problem"),
        (format!("sankan/{}", sankan[3]), "unchecked"),
        (format!("zhengzhi-jilv/{}", zhengzhi[0]), "not-applicable"),
        // the Chinese name reads as `problem`
        (format!("baxiang-guiding/{}", baxiang[0]), "发现问题"),
    ];
    let mut file = fs::OpenOptions::new().append(true).open(&a).unwrap();
    for (key, status) in answers {
        write!(file, "\n[answers.\"{key}\"]\nstatus = \"{status}\"\n").unwrap();
    }
    (a, b)
}

/// The table `status` should print for [`two_records`], with the given header words.
fn expected_status_table(a: &Path, b: &Path, header: [&str; 7]) -> Vec<Vec<String>> {
    let cell = |done: usize, total: usize| format!("{done}/{total} {}%", percent(done, total));
    let n = |id: &str| counted(id);
    let mut head: Vec<String> = header[..3].iter().map(|s| s.to_string()).collect();
    head.extend(BUILTIN_IDS.iter().map(|id| title_of(id)));
    head.extend(header[3..].iter().map(|s| s.to_string()));
    let total_a: usize = BUILTIN_IDS.iter().map(|id| n(id)).sum();
    let done_a = |id: &str| match id {
        "sankan" => 3,
        "zhengzhi-jilv" | "baxiang-guiding" => 1,
        _ => 0,
    };
    let mut row_a = vec!["计算机学院".to_string(), "第三轮".into(), "张三".into()];
    row_a.extend(BUILTIN_IDS.iter().map(|id| cell(done_a(id), n(id))));
    row_a.extend([cell(5, total_a), "2".into(), "1".into(), shown_updated(a)]);
    let mut row_b = vec!["马克思主义学院".to_string(), "第三轮".into(), "李四".into()];
    row_b.extend(BUILTIN_IDS.iter().map(|id| match *id {
        "sankan" | "baxiang-guiding" => cell(0, n(id)),
        _ => "-".into(),
    }));
    row_b.extend([
        cell(0, n("sankan") + n("baxiang-guiding")),
        "0".into(),
        "0".into(),
        shown_updated(b),
    ]);
    vec![head, row_a, row_b]
}

const ZH_HEADER: [&str; 7] = [
    "单位",
    "轮次",
    "巡察人员",
    "合计",
    "发现问题",
    "存疑",
    "最后修改",
];
const EN_HEADER: [&str; 7] = [
    "Unit",
    "Round",
    "Inspector",
    "Total",
    "Problems",
    "Doubts",
    "Last change",
];

#[test]
fn status_shows_progress_in_aligned_columns() {
    let env = Env::new();
    let (a, b) = two_records(&env);
    let r = run(xuncha(&env).arg("status"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    for word in ZH_HEADER.iter().chain(&["三看"]) {
        assert!(lines[0].contains(word), "header lacks {word}: {}", lines[0]);
    }
    // sanity of the expectation itself: 3 of the answered 三看 items done
    assert!(r.stdout.contains(&format!(
        "3/{} {}%",
        counted("sankan"),
        percent(3, counted("sankan"))
    )));
    assert_table(&lines, &expected_status_table(&a, &b, ZH_HEADER));
}

#[test]
fn status_in_english() {
    let env = Env::new();
    let (a, b) = two_records(&env);
    let r = run(xuncha(&env).args(["status", "--lang", "en"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(!lines[0].contains("单位"), "{}", lines[0]);
    assert_table(&lines, &expected_status_table(&a, &b, EN_HEADER));
}

#[test]
fn status_reports_a_broken_record_and_still_prints_the_good_ones() {
    let env = Env::new();
    let (a, b) = two_records(&env);
    let broken = env.data.join("坏记录.toml");
    let broken_line = "unit = \"计算机学院";
    fs::write(&broken, format!("format = 1\n{broken_line}\n")).unwrap();
    let r = run(xuncha(&env).arg("status"));
    assert_eq!(r.code, 1, "stderr:\n{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_table(&lines, &expected_status_table(&a, &b, ZH_HEADER));
    let (line, col) = location(&r.stderr, &broken);
    assert_eq!(line, 2, "{}", r.stderr);
    assert!(
        (1..=broken_line.chars().count() + 1).contains(&col),
        "column {col} is on the line:\n{}",
        r.stderr
    );
    assert!(r.stderr.contains(broken_line), "line shown:\n{}", r.stderr);
}

#[test]
fn status_refuses_a_newer_format_and_leaves_the_file_untouched() {
    let env = Env::new();
    let path = new_record(&env, "计算机学院", "第三轮", "张三", &[]);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("format = 2\n", "format = 99\n");
    assert!(text.starts_with("format = 99\n"));
    fs::write(&path, &text).unwrap();
    let before = fs::read(&path).unwrap();

    let r = run(xuncha(&env).arg("status"));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("文件格式版本 99"), "{}", r.stderr);
    assert!(r.stderr.contains("文件未改动"), "{}", r.stderr);
    assert_eq!(location(&r.stderr, &path).0, 1);
    assert!(!r.stdout.contains("计算机学院"), "{}", r.stdout);

    let r = run(xuncha(&env).args(["--lang", "en", "status"]).arg(&path));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("newer"), "{}", r.stderr);
    assert_eq!(fs::read(&path).unwrap(), before, "file changed");
    assert_eq!(env.records(), vec![path], "no file added");
}

#[test]
fn status_on_one_file() {
    let env = Env::new();
    let (a, b) = two_records(&env);
    let r = run(xuncha(&env).arg("status").arg(&b));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert!(lines[1].starts_with("马克思主义学院"), "{}", r.stdout);
    assert!(!r.stdout.contains("计算机学院"));
    // only the record's own checklists are columns
    assert!(lines[0].contains(&title_of("baxiang-guiding")));
    assert!(!lines[0].contains(&title_of("zhengzhi-jilv")));

    // a file outside the data folder works the same
    let elsewhere = env.folder("别处").join("记录.toml");
    fs::copy(&a, &elsewhere).unwrap();
    let r = run(xuncha(&env).arg("status").arg(&elsewhere));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.lines().nth(1).unwrap().starts_with("计算机学院"));
}

#[test]
fn status_without_records() {
    let env = Env::new();
    // the data folder does not exist yet
    let r = run(xuncha(&env).arg("status"));
    assert_eq!((r.code, r.stdout.as_str()), (0, "还没有巡察记录。\n"));
    assert!(!env.data.exists(), "status must not create the data folder");
    // it exists and is empty
    fs::create_dir_all(&env.data).unwrap();
    let r = run(xuncha(&env).arg("status"));
    assert_eq!((r.code, r.stdout.as_str()), (0, "还没有巡察记录。\n"));
    assert_eq!(r.stderr, "");
}

// ---------------------------------------------------------------------------------------------
// 3. checklists list
// ---------------------------------------------------------------------------------------------

fn list_header() -> Vec<String> {
    ["编号", "清单", "版本", "条目", "来源"]
        .map(String::from)
        .to_vec()
}

fn builtin_row(id: &str) -> Vec<String> {
    vec![
        id.to_string(),
        title_of(id),
        version_of(id),
        item_count(id).to_string(),
        "内置".to_string(),
    ]
}

#[test]
fn outline_prints_the_questions_for_a_role_and_marks_what_is_settled() {
    let env = Env::new();
    let r = run(xuncha(&env).args(["outline", "--role", "离退休人员"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("# 谈话提纲（离退休人员）"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("`jiceng-dangjian/retiree-party-work`"));
    // with the unit, what the records there settle is marked
    let path = new_record(
        &env,
        "计算机学院",
        "第三轮",
        "张三",
        &["--unit-type", "学院"],
    );
    let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
    write!(
        file,
        "\n[answers.\"jiceng-dangjian/retiree-party-work\"]\nstatus = \"no-problem\"\n"
    )
    .unwrap();
    drop(file);
    let r = run(xuncha(&env).args(["outline", "--role", "retiree", "--unit", "计算机学院"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("被巡察单位：计算机学院（学院）"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("【已查清：未发现问题】"), "{}", r.stdout);
    let r = run(xuncha(&env).args(["outline", "--role", "校长"]));
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("书记"), "{}", r.stderr);
}

/// `word/document.xml` of a DOCX file.
fn document_xml(path: &Path) -> String {
    use std::io::Read;
    let bytes = fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn outline_as_docx_has_the_reports_layout_and_is_never_written_over_a_file() {
    let env = Env::new();
    let dir = env.folder("提纲");
    let out = dir.join("书记提纲.docx");
    // a DOCX needs a file
    let r = run(xuncha(&env).args(["outline", "--role", "书记", "--format", "docx"]));
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("-o"), "{}", r.stderr);
    let r = run(xuncha(&env)
        .args([
            "outline",
            "--role",
            "书记",
            "--unit-type",
            "学院",
            "--format",
            "docx",
            "-o",
        ])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    #[cfg(unix)]
    assert_eq!(mode(&out), 0o600);
    let xml = document_xml(&out);
    // the same content as the Markdown outline: the title, the four parts, every question's key
    // in the same order
    let md = run(xuncha(&env).args(["outline", "--role", "书记", "--unit-type", "学院"]));
    assert_eq!(md.code, 0, "{}", md.stderr);
    for part in [
        "谈话提纲（书记）",
        "被巡察单位：＿＿＿＿（学院）",
        "一、开场告知",
        "二、了解的问题",
        "（一）三看 · 只在本清单检查的事项",
        "三、结束时的问题",
        "四、记录提示",
        "保密承诺",
    ] {
        assert!(xml.contains(part), "{part}");
    }
    let keys: Vec<&str> = md
        .stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- 对应检查项：`"))
        .map(|k| k.trim_end_matches('`'))
        .collect();
    assert!(keys.len() >= 20, "{}", keys.len());
    let mut at = 0;
    for key in &keys {
        let found = xml[at..]
            .find(&format!(">{key}<"))
            .unwrap_or_else(|| panic!("{key} missing or out of order"));
        at += found + key.len();
    }
    // the GB/T 9704 page and fonts of the reports: A4, the title in 小标宋 2号 (22 pt = 44
    // half-points), the headings in 黑体 and 楷体
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
    assert!(xml.contains("方正小标宋简体") && xml.contains(r#"<w:sz w:val="44""#));
    assert!(xml.contains("黑体") && xml.contains("楷体_GB2312") && xml.contains("仿宋_GB2312"));
    // never over a file without --force; nor over a record, even with it
    let before = fs::read(&out).unwrap();
    let r = run(xuncha(&env)
        .args(["outline", "--role", "教师", "--format", "docx", "-o"])
        .arg(&out));
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(fs::read(&out).unwrap(), before, "left as it was");
    let r = run(xuncha(&env)
        .args([
            "outline", "--role", "教师", "--format", "docx", "--force", "-o",
        ])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(document_xml(&out).contains("谈话提纲（教师）"));
    let record = dir.join("记录.toml");
    fs::write(&record, "format = 2\n").unwrap();
    let r = run(xuncha(&env)
        .args(["outline", "--role", "教师", "--force", "-o"])
        .arg(&record));
    assert_ne!(r.code, 0);
    assert_eq!(fs::read_to_string(&record).unwrap(), "format = 2\n");
    // -o alone writes the Markdown, the same as on standard output
    let text = dir.join("提纲.md");
    let r = run(xuncha(&env)
        .args(["outline", "--role", "书记", "--unit-type", "学院", "-o"])
        .arg(&text));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(fs::read_to_string(&text).unwrap(), md.stdout);
    #[cfg(unix)]
    assert_eq!(mode(&text), 0o600);
}

#[test]
fn checklists_check_warns_of_the_same_fact_asked_twice() {
    let env = Env::new();
    let dir = env.config.path().join("2026.1");
    fs::create_dir_all(&dir).unwrap();
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join("checklists/2026.1");
    for name in ["sankan.toml", "zhengzhi-jilv.toml"] {
        fs::copy(old.join(name), dir.join(name)).unwrap();
    }
    let r = run(xuncha(&env).args(["checklists", "check"]).arg(&dir));
    assert_eq!(r.code, 0, "warnings do not fail the check: {}", r.stderr);
    assert!(
        r.stderr.contains("提示：sankan/major-matters-report and zhengzhi-jilv/major-matters-report: nearly the same text"),
        "{}",
        r.stderr
    );
    // the built-in set alone: no warning
    let r = run(xuncha(&env).args(["checklists", "check"]));
    assert_eq!(r.code, 0);
    assert!(!r.stderr.contains("提示"), "{}", r.stderr);
}

#[test]
fn new_records_the_unit_type() {
    let env = Env::new();
    let path = new_record(
        &env,
        "后勤管理处",
        "第三轮",
        "张三",
        &["--unit-type", "职能部门"],
    );
    let t: toml::Table = fs::read_to_string(&path).unwrap().parse().unwrap();
    assert_eq!(t["unit_type"].as_str(), Some("department"));
    let r = run(xuncha(&env).args([
        "new",
        "--unit",
        "x",
        "--round",
        "y",
        "--inspector",
        "z",
        "--unit-type",
        "系",
    ]));
    assert_ne!(r.code, 0);
}

#[test]
fn checklists_list_shows_the_builtins() {
    let env = Env::new();
    let r = run(xuncha(&env).args(["checklists", "list"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let mut expected = vec![list_header()];
    expected.extend(BUILTIN_IDS.iter().map(|id| builtin_row(id)));
    assert_table(&lines, &expected);
}

#[test]
fn checklists_list_shows_a_user_override() {
    let env = Env::new();
    let dir = env.folder("本校清单");
    let own = dir.join("sankan.toml");
    let text =
        checklist_text("sankan").replacen("title = \"三看\"", "title = \"三看（本校版）\"", 1);
    assert!(text.contains("三看（本校版）"));
    fs::write(&own, text).unwrap();

    let mut expected = vec![list_header()];
    expected.push(vec![
        "sankan".into(),
        "三看（本校版）".into(),
        version_of("sankan"),
        item_count("sankan").to_string(),
        format!("{} （覆盖内置）", own.display()),
    ]);
    expected.extend(BUILTIN_IDS[1..].iter().map(|id| builtin_row(id)));

    let r = run(xuncha(&env)
        .arg("--checklists")
        .arg(&dir)
        .args(["checklists", "list"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_table(&lines, &expected);
    assert!(r.stdout.contains("覆盖内置"));

    // the folder as an argument works the same
    let r = run(xuncha(&env).args(["checklists", "list"]).arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_table(&r.stdout.lines().collect::<Vec<_>>(), &expected);

    // and a record created with it uses the override
    let rec = new_record(&env, "计算机学院", "第三轮", "张三", &[]);
    let r = run(xuncha(&env)
        .arg("--checklists")
        .arg(&dir)
        .arg("status")
        .arg(&rec));
    assert!(
        r.stdout.lines().next().unwrap().contains("三看（本校版）"),
        "{}",
        r.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// 4. checklists check
// ---------------------------------------------------------------------------------------------

/// A folder holding one template file `name` with `text`. Returns the file path.
fn template_folder(env: &Env, folder: &str, name: &str, text: &str) -> PathBuf {
    let dir = env.folder(folder);
    let file = dir.join(name);
    fs::write(&file, text).unwrap();
    file
}

fn check(env: &Env, dir: &Path) -> Run {
    run(xuncha(env).args(["checklists", "check"]).arg(dir))
}

/// A copy of a built-in template with `from` replaced by `to` (once, and it must be there).
fn edited(id: &str, from: &str, to: &str, nth: usize) -> String {
    let text = checklist_text(id);
    let (at, _) = text
        .match_indices(from)
        .nth(nth)
        .unwrap_or_else(|| panic!("{from:?} #{nth} not in {id}"));
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

/// 1-based number of the line of `text` holding byte `at`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

#[test]
fn checklists_check_accepts_a_valid_folder() {
    let env = Env::new();
    let file = template_folder(&env, "好", "sankan.toml", &checklist_text("sankan"));
    let r = check(&env, file.parent().unwrap());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(&file.display().to_string()),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("有效"), "{}", r.stdout);
}

#[test]
fn checklists_check_points_at_garbage_after_a_chinese_string() {
    let env = Env::new();
    let bad_line = "title = \"政治纪律专项\" oops";
    let text = format!(
        "# 本校专项清单\n# 由巡察办维护\nid = \"zhengzhi-zhuanxiang\"\nversion = \"2026.1\"\n{bad_line}\n"
    );
    assert_eq!(text.lines().nth(4), Some(bad_line));
    let file = template_folder(&env, "坏模板", "zhuanxiang.toml", &text);
    let r = check(&env, file.parent().unwrap());
    assert_ne!(r.code, 0);

    let col = char_column(bad_line, "oops");
    assert_eq!(col, 18);
    assert!(
        r.stderr.contains(&format!("{}:5:{col}", file.display())),
        "expected {}:5:{col} in\n{}",
        file.display(),
        r.stderr
    );
    let (shown, target) = caret_target(&r.stderr, 5);
    assert_eq!(shown, bad_line);
    assert_eq!(target, 'o', "caret under the garbage:\n{}", r.stderr);
    // and by display width: the caret is 23 cells into the line, past the six wide characters
    let caret_line = r.stderr.lines().find(|l| l.ends_with('^')).unwrap();
    let source_line = r.stderr.lines().find(|l| l.starts_with("5 | ")).unwrap();
    let caret = caret_line[..caret_line.find('^').unwrap()].width();
    let oops = source_line[..source_line.find("oops").unwrap()].width();
    assert_eq!(caret, oops);
    assert_eq!(caret, "5 | ".width() + "title = \"政治纪律专项\" ".width());
}

/// One semantic error case: the broken text, the byte where the error is, what the message
/// must say.
fn assert_positioned_error(env: &Env, folder: &str, text: &str, at: usize, says: &[&str]) {
    let file = template_folder(env, folder, "t.toml", text);
    let r = check(env, file.parent().unwrap());
    assert_ne!(r.code, 0, "{folder}: accepted");
    for s in says {
        assert!(
            r.stderr.contains(s),
            "{folder}: message lacks {s:?}:\n{}",
            r.stderr
        );
    }
    let line = line_of(text, at);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..at].chars().count() + 1;
    assert_eq!(
        location(&r.stderr, &file),
        (line, col),
        "{folder}:\n{}",
        r.stderr
    );
    let (shown, target) = caret_target(&r.stderr, line);
    assert_eq!(shown, text[line_start..].lines().next().unwrap());
    assert_eq!(
        Some(target),
        text[at..].chars().next(),
        "{folder}:\n{}",
        r.stderr
    );
}

#[test]
fn checklists_check_reports_a_duplicate_item_id() {
    let env = Env::new();
    let ids = item_ids("zhengzhi-jilv");
    let (first, second) = (&ids[0], &ids[1]);
    let text = edited(
        "zhengzhi-jilv",
        &format!("id = \"{second}\""),
        &format!("id = \"{first}\""),
        0,
    );
    let at = text
        .match_indices(&format!("id = \"{first}\""))
        .nth(1)
        .unwrap()
        .0
        + 5;
    assert_positioned_error(&env, "重复", &text, at, &["duplicate", first]);
}

#[test]
fn checklists_check_reports_an_unknown_method() {
    let env = Env::new();
    let text = checklist_text("zhengzhi-jilv");
    let methods = text.find("methods = [").unwrap();
    let end = methods + text[methods..].find(']').unwrap();
    let text = format!("{}methods = [\"谈心\"{}", &text[..methods], &text[end..]);
    let at = text.find("\"谈心\"").unwrap();
    assert_positioned_error(
        &env,
        "方法",
        &text,
        at,
        &["谈心", "interview", "documents", "个别谈话"],
    );
}

#[test]
fn checklists_check_reports_an_empty_text() {
    let env = Env::new();
    let text = checklist_text("yigang-shuangze");
    let start = text.find("\ntext = \"").unwrap() + 1;
    let end = start + text[start..].find('\n').unwrap();
    let text = format!("{}text = \"\"{}", &text[..start], &text[end..]);
    let at = start + "text = ".len();
    assert_positioned_error(&env, "空文本", &text, at, &["text", "empty"]);
}

#[test]
fn checklists_check_reports_a_missing_version() {
    let env = Env::new();
    let text = edited("baxiang-guiding", "version = \"2026.2\"\n", "", 0);
    let file = template_folder(&env, "缺版本", "t.toml", &text);
    let r = check(&env, file.parent().unwrap());
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("version"), "{}", r.stderr);
    let (line, col) = location(&r.stderr, &file);
    assert!(line >= 1 && col >= 1, "{}", r.stderr);
    caret_target(&r.stderr, line);
}

#[test]
fn checklists_check_reports_every_bad_file_in_a_folder() {
    let env = Env::new();
    let dir = env.folder("多个");
    fs::write(dir.join("a.toml"), checklist_text("sankan")).unwrap();
    fs::write(
        dir.join("b.toml"),
        edited("zhengzhi-jilv", "category = \"", "category = \"作风", 0),
    )
    .unwrap();
    fs::write(
        dir.join("c.toml"),
        edited("yigang-shuangze", "title", "titel", 0),
    )
    .unwrap();
    let r = check(&env, &dir);
    assert_ne!(r.code, 0);
    assert!(r.stdout.contains(&dir.join("a.toml").display().to_string()));
    location(&r.stderr, &dir.join("b.toml"));
    location(&r.stderr, &dir.join("c.toml"));
    assert!(r.stderr.contains("2 个清单模板有错误"), "{}", r.stderr);
}

#[test]
fn checklists_check_without_a_folder_validates_the_builtins() {
    let env = Env::new();
    let r = run(xuncha(&env).args(["checklists", "check"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    for id in BUILTIN_IDS {
        assert!(
            r.stdout.contains(&format!(
                "（{id} {}，{} 条）",
                version_of(id),
                item_count(id)
            )),
            "{id}:\n{}",
            r.stdout
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 5. completions, man, help, and no arguments
// ---------------------------------------------------------------------------------------------

#[test]
fn completions_for_bash() {
    let env = Env::new();
    xuncha(&env)
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("xuncha").and(predicate::str::contains("complete")));
}

#[test]
fn man_page_is_roff() {
    let env = Env::new();
    xuncha(&env)
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH").and(predicate::str::contains("xuncha")));
}

/// The subcommands listed under `Commands:` in a help text, `help` excepted.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(String::from)
        .collect()
}

#[test]
fn help_works_for_every_subcommand() {
    let env = Env::new();
    let mut seen = Vec::new();
    let mut todo = vec![Vec::<String>::new()];
    while let Some(path) = todo.pop() {
        let r = run(xuncha(&env).args(&path).arg("--help"));
        assert_eq!(r.code, 0, "{path:?} --help:\n{}", r.stderr);
        let usage = format!(
            "Usage: {}",
            ["xuncha".to_string()]
                .iter()
                .chain(&path)
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        );
        assert!(r.stdout.contains(&usage), "{path:?}:\n{}", r.stdout);
        for sub in subcommands(&r.stdout) {
            let mut p = path.clone();
            p.push(sub);
            todo.push(p);
        }
        seen.push(path.join(" "));
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "",
            "checklists",
            "checklists check",
            "checklists list",
            "completions",
            "demo",
            "findings",
            "man",
            "new",
            "open",
            "outline",
            "rectify",
            "rectify export",
            "rectify import",
            "rectify status",
            "report",
            "review",
            "round",
            "round fed-back",
            "round reported",
            "settle",
            "sign",
            "status"
        ]
    );
}

#[test]
fn no_arguments_tells_a_newcomer_what_to_do() {
    let env = Env::new();
    let r = run(&mut xuncha(&env));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("xuncha new"), "{}", r.stdout);
    assert!(r.stdout.contains("还没有巡察记录。"), "{}", r.stdout);
    assert!(
        r.stdout.contains(&env.data.display().to_string()),
        "{}",
        r.stdout
    );
    assert!(!env.data.exists(), "nothing is created");

    // with a record, it is listed
    new_record(&env, "计算机学院", "第三轮", "张三", &[]);
    let r = run(&mut xuncha(&env));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("计算机学院"), "{}", r.stdout);
    assert!(!r.stdout.contains("还没有巡察记录"), "{}", r.stdout);

    let r = run(xuncha(&env).args(["--lang", "en"]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("xuncha new --unit"), "{}", r.stdout);
}

// ---------------------------------------------------------------------------------------------
// 6. Bad input is an error message, never a panic
// ---------------------------------------------------------------------------------------------

#[test]
fn bad_files_never_panic() {
    let env = Env::new();
    let good = new_record(&env, "计算机学院", "第三轮", "张三", &[]);
    let good_text = fs::read_to_string(&good).unwrap();
    let bad: [(&str, Vec<u8>); 4] = [
        ("空文件.toml", Vec::new()),
        (
            "乱码.toml",
            b"format = 1\nunit = \"\xe8\xae\xa1\xff\xfe\"\n".to_vec(),
        ),
        (
            "空字符.toml",
            good_text
                .replacen("计算机学院", "计算\0机学院", 1)
                .into_bytes(),
        ),
        ("只有BOM.toml", b"\xef\xbb\xbf".to_vec()),
    ];
    for (name, bytes) in &bad {
        let dir = env.folder(&format!("坏-{name}"));
        let file = dir.join(name);
        fs::write(&file, bytes).unwrap();
        for args in [
            vec!["status".into(), dir.clone()],
            vec!["status".into(), file.clone()],
        ] {
            let r = run(xuncha(&env).args(&args));
            assert_eq!(r.code, 1, "{name}:\n{}", r.stderr);
            assert!(
                r.stderr.contains(&file.display().to_string()),
                "{name}:\n{}",
                r.stderr
            );
        }
        // the same bytes as a checklist template
        let r = check(&env, &dir);
        assert_eq!(r.code, 1, "{name}:\n{}", r.stderr);
        // and in the data folder, beside a good record
        let in_data = env.data.join(name);
        fs::write(&in_data, bytes).unwrap();
        let r = run(xuncha(&env).arg("status"));
        assert_eq!(r.code, 1);
        assert!(
            r.stdout.contains("计算机学院"),
            "{name}: good record still shown"
        );
        let r = run(&mut xuncha(&env));
        assert_eq!(r.code, 1);
        fs::remove_file(&in_data).unwrap();
    }

    // a directory named like a record, and a path that does not exist
    fs::create_dir(env.data.join("目录.toml")).unwrap();
    let r = run(xuncha(&env).arg("status"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(xuncha(&env).arg("status").arg(env.data.join("不存在.toml")));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("不存在.toml"), "{}", r.stderr);
}

#[test]
fn a_huge_note_is_read_without_trouble() {
    let env = Env::new();
    let path = new_record(&env, "计算机学院", "第三轮", "张三", &[]);
    let item = &item_ids("sankan")[0];
    let note = "会议记录缺失，".repeat(3 * 1024 * 1024 / "会议记录缺失，".len() + 1);
    assert!(note.len() >= 3 * 1024 * 1024);
    let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
    write!(
        file,
        "\n[answers.\"sankan/{item}\"]\nstatus = \"problem\"\n\n\
         [[answers.\"sankan/{item}\".notes]]\nid = 1\nat = 2026-11-26T09:30:00+08:00\ntext = \"{note}\"\n"
    )
    .unwrap();
    drop(file);
    let r = run(xuncha(&env).arg("status"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(&format!("1/{} ", counted("sankan"))),
        "{}",
        r.stdout
    );
    assert!(r.stdout.len() < 10_000, "the note is not printed");

    // the same huge text where it does not belong: an error on line 2, not a panic
    fs::write(&path, format!("format = 1\nunit = \"{note}\" 多余\n")).unwrap();
    let r = run(xuncha(&env).arg("status"));
    assert_eq!(r.code, 1);
    assert_eq!(location(&r.stderr, &path).0, 2);
}

// ---------------------------------------------------------------------------------------------
// Bugs found in src/ (ignored until fixed)
// ---------------------------------------------------------------------------------------------

/// `read_limited` trusts `metadata().len()`, which is 0 for pipes and devices, then reads
/// without bound: `xuncha status /dev/zero` eats all memory. A record from a stream larger than
/// `RECORD_LIMIT` (64 MiB) must be refused after reading at most about that much.
#[cfg(unix)]
#[test]
fn the_record_size_limit_holds_for_a_stream() {
    use std::io::Read;
    use std::process::Stdio;

    let env = Env::new();
    let total: usize = 80 * 1024 * 1024;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("xuncha"))
        .env("XUNCHA_DATA_DIR", &env.data)
        .env("XUNCHA_CONFIG_DIR", env.config.path())
        .env_remove("XUNCHA_LANG")
        .env_remove("XUNCHA_CHECKLISTS")
        .args(["status", "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // invalid UTF-8 from the first byte, so a program that reads it all fails fast
        let chunk = vec![0xffu8; 1024 * 1024];
        let mut written = 0;
        while written < total {
            match stdin.write(&chunk) {
                Ok(n) => written += n,
                Err(_) => break,
            }
        }
        written
    });
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    let written = writer.join().unwrap();
    assert!(!status.success());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        written < total,
        "the program took all {written} bytes instead of stopping near the limit:\n{stderr}"
    );
}

/// docs/FORMAT.md: "Every error names the file, line and column". Two templates with the same
/// id in one folder are reported without any position (the id's span is dropped before the
/// folder-level check in `load_template_dir`).
#[test]
fn a_duplicate_template_id_in_a_folder_is_positioned() {
    let env = Env::new();
    let dir = env.folder("同号");
    fs::write(dir.join("a.toml"), checklist_text("sankan")).unwrap();
    let second = dir.join("b.toml");
    fs::write(
        &second,
        edited("sankan", "title = \"三看\"", "title = \"三看（副本）\"", 0),
    )
    .unwrap();
    let r = check(&env, &dir);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("already used"), "{}", r.stderr);
    assert_eq!(location(&r.stderr, &second), (1, 6), "{}", r.stderr);
}
