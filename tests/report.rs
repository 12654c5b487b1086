//! Integration tests of `demo`, `status` on a whole round and `report`: the real binary on
//! temporary folders, isolated with `XUNCHA_DATA_DIR` and `XUNCHA_CONFIG_DIR`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;
use xuncha::model::review::{Review, ReviewOptions};
use xuncha::model::{Record, Timestamp};
use xuncha::store;

#[path = "common/csv_rows.rs"]
mod csv_rows;
use csv_rows::parse_csv;

struct Env {
    root: TempDir,
    config: TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            root: tempfile::tempdir().unwrap(),
            config: tempfile::tempdir().unwrap(),
        }
    }

    fn data(&self) -> PathBuf {
        self.root.path().join("数据")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }
}

fn xuncha(env: &Env) -> Command {
    let mut cmd = Command::cargo_bin("xuncha").unwrap();
    cmd.env("XUNCHA_DATA_DIR", env.data())
        .env("XUNCHA_CONFIG_DIR", env.config.path())
        .env_remove("XUNCHA_LANG")
        .env_remove("XUNCHA_CHECKLISTS")
        .current_dir(env.root.path());
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    let r = Run {
        code: out.status.code().expect("killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(!r.stderr.contains("panicked"), "panic:\n{}", r.stderr);
    r
}

/// `xuncha demo DIR`; returns DIR.
fn demo(env: &Env) -> PathBuf {
    let dir = env.path("示例轮次");
    let r = run(xuncha(env).arg("demo").arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // signed and reported, so the feedback version is gated open
    xuncha::testing::write_approvals(&dir, &xuncha::testing::builtin_catalog());
    dir
}

/// The records of the round in `dir`, all of which load, as the program reads them: answers of
/// replaced items carried.
fn records_in(dir: &Path) -> Vec<(PathBuf, Record)> {
    let (catalog, _) = store::load_catalog(None);
    let mut round = store::load_round(&[dir.to_path_buf()]).unwrap();
    assert!(round.failed.is_empty(), "{:?}", round.failed);
    round.carry_replaced(&catalog);
    round.records
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// ---------------------------------------------------------------------------------------------
// demo
// ---------------------------------------------------------------------------------------------

#[test]
fn demo_writes_a_private_round_and_never_overwrites() {
    let env = Env::new();
    let dir = demo(&env);
    let records = records_in(&dir);
    assert!(records.len() >= 6, "{}", records.len());
    let units: std::collections::BTreeSet<&str> =
        records.iter().map(|(_, r)| r.unit.as_str()).collect();
    assert!(units.len() >= 3);
    #[cfg(unix)]
    {
        assert_eq!(mode(&dir), 0o700);
        for (p, _) in &records {
            assert_eq!(mode(p), 0o600, "{}", p.display());
        }
    }
    let before: Vec<Vec<u8>> = records.iter().map(|(p, _)| fs::read(p).unwrap()).collect();
    let r = run(xuncha(&env).arg("demo").arg(&dir));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("已有 8 份巡察记录"), "{}", r.stderr);
    let after: Vec<Vec<u8>> = records.iter().map(|(p, _)| fs::read(p).unwrap()).collect();
    assert_eq!(before, after, "a record was overwritten");
    assert!(!env.data().exists(), "demo does not touch the data folder");
}

/// Sample data never mixes with records: a folder holding any (even one, even in a subfolder)
/// and the data folder itself (or a folder inside it) are refused, and nothing is written;
/// an empty folder, or one holding other files, is fine. The records written say they are
/// samples.
#[test]
fn demo_refuses_a_folder_with_records_and_the_data_folder() {
    let env = Env::new();
    let mixed = env.path("混合");
    fs::create_dir_all(mixed.join("旧")).unwrap();
    fs::write(
        mixed.join("旧").join("第三轮_学院_王五.toml"),
        "format = 1\n",
    )
    .unwrap();
    let r = run(xuncha(&env).arg("demo").arg(&mixed));
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("已有 1 份巡察记录"), "{}", r.stderr);
    assert_eq!(fs::read_dir(&mixed).unwrap().count(), 1, "nothing written");
    for dir in [env.data(), env.data().join("示例")] {
        let r = run(xuncha(&env).arg("demo").arg(&dir));
        assert_eq!(r.code, 1, "{}", r.stdout);
        assert!(r.stderr.contains("是数据文件夹"), "{}", r.stderr);
        assert!(!env.data().exists(), "nothing written");
    }
    let r = run(xuncha(&env).args(["--lang", "en", "demo"]).arg(env.data()));
    assert!(r.stderr.contains("is the data folder"), "{}", r.stderr);
    let other = env.path("其他");
    fs::create_dir_all(&other).unwrap();
    fs::write(other.join("说明.txt"), "x").unwrap();
    let r = run(xuncha(&env).arg("demo").arg(&other));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let records = records_in(&other);
    assert_eq!(records.len(), 8);
    for (path, record) in &records {
        assert!(record.sample, "{}", path.display());
        assert!(record.unit.starts_with("示例"), "{}", record.unit);
        assert!(
            fs::read_to_string(path)
                .unwrap()
                .contains("\nsample = true\n")
        );
    }
    // what to type next names the sign-off listing, not a feedback version it would refuse
    assert!(r.stdout.contains("xuncha findings"), "{}", r.stdout);
    assert!(!r.stdout.contains("--redact"), "{}", r.stdout);
}

#[test]
fn demo_without_a_folder_makes_a_new_one_and_says_what_next() {
    let env = Env::new();
    let r = run(xuncha(&env).arg("demo"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let made: Vec<PathBuf> = fs::read_dir(env.root.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("xuncha-demo-")
        })
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    let dir = made[0].display().to_string();
    assert!(r.stdout.contains(&dir), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("xuncha status {dir}")));
    assert!(
        r.stdout
            .contains(&format!("xuncha report {dir} --format md"))
    );
    assert!(r.stdout.contains(&format!("xuncha review {dir}")));
    assert!(records_in(&made[0]).len() >= 6);
    let help = run(xuncha(&env).args(["demo", "--help"]));
    assert!(help.stdout.contains("--no-open"), "{}", help.stdout);
}

#[test]
fn in_english_the_demo_and_its_status_speak_english() {
    let env = Env::new();
    let dir = env.path("demo-en");
    let r = run(xuncha(&env).args(["--lang", "en", "demo"]).arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let said = format!(
        "Wrote a sample inspection round (8 records, 4 units): {}",
        dir.display()
    );
    assert!(r.stdout.contains(&said), "{}", r.stdout);
    let status = run(xuncha(&env).args(["--lang", "en", "status"]).arg(&dir));
    assert_eq!(status.code, 0, "{}", status.stderr);
    // the one orphaned answer, the one stale record
    assert!(
        status
            .stdout
            .contains("1 answer whose checklist item no longer exists (kept)"),
        "{}",
        status.stdout
    );
    assert!(status.stdout.contains(" days\n") || status.stdout.contains(" day\n"));
    // the only Chinese punctuation left is in the data (names of units, the unit total row)
    for text in [&r.stdout, &status.stdout] {
        for line in text.lines().filter(|l| !l.contains("第三轮")) {
            assert!(!line.contains(['：', '（', '）', '；']), "{line}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// status on a round
// ---------------------------------------------------------------------------------------------

#[test]
fn status_on_the_demo_agrees_with_the_review_aggregation() {
    let env = Env::new();
    let dir = demo(&env);
    let r = run(xuncha(&env).arg("status").arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let records = records_in(&dir);
    let (catalog, _) = store::load_catalog(None);
    let review = Review::build(&records, &catalog, &ReviewOptions::new(Timestamp::now()));
    let lines: Vec<&str> = r.stdout.lines().collect();
    for row in &review.records {
        let total = format!(
            "{}/{} {}%",
            row.summary.done,
            row.summary.total,
            row.summary.percent()
        );
        let line = lines
            .iter()
            .find(|l| l.starts_with(&row.unit) && l.contains(&format!("  {}  ", row.inspector)))
            .unwrap_or_else(|| panic!("no row for {}:\n{}", row.inspector, r.stdout));
        assert!(line.contains(&total), "{line} lacks {total}");
        for p in &row.summary.per_template {
            assert!(line.contains(&format!("{}/{} {}%", p.done, p.total, p.percent())));
        }
        if row.stale {
            assert!(
                r.stdout.contains(&format!(
                    "{}: {} 天未更新",
                    row.path.display(),
                    row.idle_days
                )),
                "{}",
                r.stdout
            );
        }
    }
    for unit in &review.units {
        let total = format!("{}/{} {}%", unit.done, unit.total, unit.percent());
        let line = lines
            .iter()
            .find(|l| l.starts_with(&unit.key.unit) && l.contains("（单位合计）"))
            .unwrap_or_else(|| panic!("no total for {}:\n{}", unit.key.unit, r.stdout));
        assert!(line.contains(&total), "{line} lacks {total}");
        // a unit is never less complete than any of its inspectors
        for &ri in &unit.records {
            assert!(unit.done >= review.records[ri].summary.done);
        }
    }
    assert_eq!(review.stale().count(), 1);
    assert!(r.stdout.contains("条答复的清单项已不存在"), "{}", r.stdout);
}

// ---------------------------------------------------------------------------------------------
// report
// ---------------------------------------------------------------------------------------------

#[test]
fn markdown_report_has_the_three_problems_and_the_disagreement() {
    let env = Env::new();
    let dir = demo(&env);
    let r = run(xuncha(&env)
        .arg("report")
        .arg(&dir)
        .args(["--format", "md"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = &r.stdout;
    assert!(md.starts_with("# 第三轮巡察 · 第二巡察组"), "{md}");
    for heading in ["党的领导弱化", "党的建设缺失", "全面从严治党不力"] {
        assert!(
            md.lines()
                .any(|l| l.starts_with("### ") && l.contains(heading)),
            "no heading {heading}"
        );
    }
    for section in [
        "## 一、完成情况",
        "## 二、发现的问题",
        "## 三、意见不一致的事项",
        "## 四、尚未检查的事项",
    ] {
        assert!(md.contains(section), "{section}");
    }
    let disagreement = md
        .lines()
        .find(|l| l.contains("科研经费使用是否规范") && l.starts_with("| 示例计算机学院"))
        .expect("the disagreement row");
    assert!(disagreement.contains("王立新：发现问题"), "{disagreement}");
    assert!(
        disagreement.contains("李晓梅：未发现问题"),
        "{disagreement}"
    );
    // evidence cites code names and kinds; the transfer clue is marked
    assert!(md.contains("（调阅资料，"), "{md}");
    assert!(md.contains("问题线索移交：**拟移交**"));
    // English
    let r = run(xuncha(&env)
        .args(["--lang", "en", "report"])
        .arg(&dir)
        .args(["--format", "md"]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("## 3. Disagreements"), "{}", r.stdout);
    assert!(r.stdout.contains("party building missing"));
}

#[test]
fn csv_report_has_a_bom_and_parses_with_one_row_per_answer() {
    let env = Env::new();
    let dir = demo(&env);
    let r = run(xuncha(&env)
        .arg("report")
        .arg(&dir)
        .args(["--format", "csv"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let body = r
        .stdout
        .strip_prefix('\u{feff}')
        .expect("starts with a BOM");
    let rows = parse_csv(body);
    let width = rows[0].len();
    assert!(rows.iter().all(|row| row.len() == width));
    assert_eq!(rows[0][0], "单位");
    let records = records_in(&dir);
    let (catalog, _) = store::load_catalog(None);
    // a row for every item counted for the record (its checklists, its unit type), and one
    // for every other answer it holds
    let expected: usize = records
        .iter()
        .map(|(_, r)| {
            let listed: Vec<String> = r
                .templates
                .iter()
                .filter_map(|t| catalog.get(&t.id))
                .flat_map(|t| {
                    t.items()
                        .filter(|(_, i)| i.counted(r.unit_type))
                        .map(|(_, i)| format!("{}/{}", t.id, i.id))
                })
                .collect();
            listed.len() + r.answers.keys().filter(|k| !listed.contains(k)).count()
        })
        .sum();
    assert_eq!(rows.len(), 1 + expected);
    // every note is there, joined within its cell
    let notes: usize = records
        .iter()
        .flat_map(|(_, r)| r.answers.values())
        .map(|a| a.notes.len())
        .sum();
    let col = rows[0].iter().position(|h| h == "证据").unwrap();
    let in_csv: usize = rows[1..]
        .iter()
        .map(|row| row[col].lines().filter(|l| !l.is_empty()).count())
        .sum();
    assert!(in_csv >= notes, "{in_csv} < {notes}");
}

#[test]
fn redacted_reports_carry_no_private_reference_nor_inspector() {
    let env = Env::new();
    let dir = demo(&env);
    let records = records_in(&dir);
    for format in ["md", "csv"] {
        let r = run(xuncha(&env)
            .arg("report")
            .arg(&dir)
            .args(["--format", format, "--redact"]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stderr.contains("--unit"), "warns about several units");
        for (_, rec) in &records {
            assert!(!r.stdout.contains(&rec.inspector), "{}", rec.inspector);
            for s in &rec.sources {
                assert!(
                    !r.stdout.contains(&s.reference),
                    "{format} leaks {}",
                    s.reference
                );
            }
        }
        // the transfer clue and its informant are not there
        assert!(!r.stdout.contains("刘某"), "{format}");
        assert!(!r.stdout.contains("回扣"), "{format}");
    }
    // one unit, for feedback: only its own findings
    let r =
        run(xuncha(&env)
            .arg("report")
            .arg(&dir)
            .args(["--redact", "--unit", "示例计算机学院"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("--unit"));
    assert!(!r.stdout.contains("外国语学院"));
    assert!(r.stdout.contains("计算机学院"));
}

#[test]
fn report_to_a_file_is_private_and_never_replaces_a_record() {
    let env = Env::new();
    let dir = demo(&env);
    let out = env.path("底稿.md");
    let r = run(xuncha(&env).arg("report").arg(&dir).arg("-o").arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .contains("## 二、发现的问题")
    );
    #[cfg(unix)]
    assert_eq!(mode(&out), 0o600);

    let (record, _) = records_in(&dir).remove(0);
    let before = fs::read(&record).unwrap();
    for target in [record.clone(), env.path("x.toml"), env.path("X.TOML")] {
        let r = run(xuncha(&env).arg("report").arg(&dir).arg("-o").arg(&target));
        assert_eq!(r.code, 1, "{}", target.display());
        assert!(r.stderr.contains(".toml"), "{}", r.stderr);
    }
    // a record given by another name is still recognised
    let alias = env.path("记录.md");
    fs::copy(&record, &alias).unwrap();
    let r = run(xuncha(&env).arg("report").arg(&alias).arg("-o").arg(&alias));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(fs::read(&record).unwrap(), before);
    assert!(!env.path("x.toml").exists());
}

#[test]
fn a_broken_record_is_reported_and_the_rest_still_make_the_report() {
    let env = Env::new();
    let dir = demo(&env);
    let broken = dir.join("坏记录.toml");
    fs::write(&broken, "format = 1\nunit = \"计算机学院\n").unwrap();
    let r = run(xuncha(&env).arg("report").arg(&dir));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(&broken.display().to_string()),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("## 二、发现的问题"));
    assert!(r.stdout.contains("外国语学院"));
}

#[test]
fn report_defaults_to_the_data_folder() {
    let env = Env::new();
    // no data folder: nothing to report
    let r = run(xuncha(&env).arg("report"));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("还没有巡察记录"), "{}", r.stderr);
    assert!(!env.data().exists());
    // records in the data folder (the demo refuses to write there: moved in by hand)
    fs::rename(demo(&env), env.data()).unwrap();
    let r = run(xuncha(&env).arg("report"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("计算机学院"));
    let r = run(xuncha(&env).args(["report", "--unit", "不存在的单位"]));
    assert_eq!(r.code, 1);
}
