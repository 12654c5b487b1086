//! `xuncha report --format docx` and `--force` through the real binary: one document per unit
//! into a folder, a file for one unit, worksheets, and no file overwritten without `--force`
//! (every format).

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use tempfile::TempDir;

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

    fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    fn xuncha(&self) -> Command {
        let mut cmd = Command::cargo_bin("xuncha").unwrap();
        cmd.env("XUNCHA_DATA_DIR", self.path("数据"))
            .env("XUNCHA_CONFIG_DIR", self.config.path())
            .env_remove("XUNCHA_LANG")
            .env_remove("XUNCHA_CHECKLISTS")
            .current_dir(self.root.path());
        cmd
    }

    /// `xuncha demo --no-open DIR`; returns DIR.
    fn demo(&self) -> PathBuf {
        let dir = self.path("示例轮次");
        let out = self
            .xuncha()
            .args(["demo", "--no-open"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // signed and reported, so the feedback version is gated open
        xuncha::testing::write_approvals(&dir, &xuncha::testing::builtin_catalog());
        dir
    }
}

struct Run {
    code: i32,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    let r = Run {
        code: out.status.code().expect("killed by a signal"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(!r.stderr.contains("panicked"), "panic:\n{}", r.stderr);
    r
}

/// A DOCX is a ZIP package whose main part is WordprocessingML.
fn is_docx(path: &std::path::Path) -> bool {
    let bytes = fs::read(path).unwrap();
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    zip.by_name("word/document.xml").is_ok()
}

#[test]
fn a_round_of_several_units_gives_one_report_per_unit_in_a_folder() {
    let env = Env::new();
    let dir = env.demo();
    let out = env.path("报告");
    let r = run(env
        .xuncha()
        .args(["report", "--format", "docx", "-o"])
        .arg(&out)
        .arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 2, "{names:?}");
    assert!(
        names.iter().all(|n| n.ends_with("-巡察报告.docx")),
        "{names:?}"
    );
    for n in &names {
        assert!(is_docx(&out.join(n)), "{n}");
    }
    // the folder made for them is private, as the files in it are: unit names are in its list
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{mode:o}");
        let file = fs::metadata(out.join(&names[0]))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(file, 0o600, "{file:o}");
    }
    // a second run refuses to overwrite, and writes nothing
    let before = fs::read(out.join(&names[0])).unwrap();
    let r = run(env
        .xuncha()
        .args(["report", "--format", "docx", "-o"])
        .arg(&out)
        .arg(&dir));
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(fs::read(out.join(&names[0])).unwrap(), before);
    // with --force it does
    let r = run(env
        .xuncha()
        .args(["report", "--format", "docx", "--force", "-o"])
        .arg(&out)
        .arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn one_unit_goes_to_a_file_several_units_need_a_folder() {
    let env = Env::new();
    let dir = env.demo();
    let file = env.path("一个.docx");
    let r = run(env
        .xuncha()
        .args(["report", "--format", "docx", "-o"])
        .arg(&file)
        .arg(&dir));
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--unit"), "{}", r.stderr);
    assert!(!file.exists());
    // the demo's units: pick the first from the folder's file names via a report to a folder
    let folder = env.path("全部");
    let r = run(env
        .xuncha()
        .args(["report", "--format", "docx", "-o"])
        .arg(&folder)
        .arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let first = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .min()
        .unwrap();
    let unit = first.trim_end_matches("-巡察报告.docx").to_string();
    let r = run(env
        .xuncha()
        .args(["report", "--format", "docx", "--unit", &unit, "-o"])
        .arg(&file)
        .arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(is_docx(&file));
    // no -o: a DOCX never goes to the terminal
    let r = run(env.xuncha().args(["report", "--format", "docx"]).arg(&dir));
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("-o"), "{}", r.stderr);
}

#[test]
fn feedback_and_worksheets_are_written_and_never_combined() {
    let env = Env::new();
    let dir = env.demo();
    let out = env.path("反馈");
    let r = run(env
        .xuncha()
        .args(["report", "--format", "docx", "--redact", "-o"])
        .arg(&out)
        .arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.is_empty() && names.iter().all(|n| n.ends_with("-反馈意见.docx")));
    let out = env.path("底稿");
    let r = run(env
        .xuncha()
        .args(["report", "--format", "docx", "--worksheets", "-o"])
        .arg(&out)
        .arg(&dir));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(fs::read_dir(&out).unwrap().all(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with("-问题底稿.docx")
    }));
    let r = run(env
        .xuncha()
        .args([
            "report",
            "--format",
            "docx",
            "--worksheets",
            "--redact",
            "-o",
        ])
        .arg(env.path("x"))
        .arg(&dir));
    assert_ne!(r.code, 0);
    let r = run(env
        .xuncha()
        .args(["report", "--format", "md", "--worksheets"])
        .arg(&dir));
    assert_ne!(r.code, 0);
}

#[test]
fn markdown_and_csv_do_not_overwrite_without_force() {
    let env = Env::new();
    let dir = env.demo();
    for (format, name) in [("md", "报告.md"), ("csv", "底稿.csv")] {
        let file = env.path(name);
        fs::write(&file, "已有内容").unwrap();
        let r = run(env
            .xuncha()
            .args(["report", "--format", format, "-o"])
            .arg(&file)
            .arg(&dir));
        assert_ne!(r.code, 0, "{format}");
        assert!(r.stderr.contains("--force"), "{}", r.stderr);
        assert_eq!(fs::read_to_string(&file).unwrap(), "已有内容");
        let r = run(env
            .xuncha()
            .args(["report", "--format", format, "--force", "-o"])
            .arg(&file)
            .arg(&dir));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_ne!(fs::read_to_string(&file).unwrap(), "已有内容");
    }
}
