//! A command line that cannot be read, with the real binary: the error is in the interface
//! language (Chinese by default, none of clap's English), exits 2 as clap does, and writes
//! nothing; `--lang en` and `XUNCHA_LANG=en` keep clap's English; `--help` and `--version`
//! are not errors.

use std::process::Command;

const XUNCHA: &str = env!("CARGO_BIN_EXE_xuncha");

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `xuncha ARGS` with an empty data folder, `XUNCHA_LANG` set to `lang` or unset.
fn run(args: &[&str], lang: Option<&str>) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(XUNCHA);
    cmd.args(args)
        .env("XUNCHA_DATA_DIR", dir.path().join("data"))
        .env("XUNCHA_CONFIG_DIR", dir.path().join("config"))
        .env_remove("XUNCHA_CHECKLISTS")
        .env_remove("XUNCHA_LANG");
    if let Some(lang) = lang {
        cmd.env("XUNCHA_LANG", lang);
    }
    let out = cmd.output().unwrap();
    let r = Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(!dir.path().join("data").exists(), "nothing is written");
    r
}

/// clap's English words that must not reach a Chinese message.
const ENGLISH: [&str; 9] = [
    "error:",
    "invalid value",
    "For more information",
    "Usage:",
    "tip:",
    "possible values",
    "unexpected argument",
    "required arguments",
    "expected",
];

/// Each bad command line, and what its Chinese message must say.
const CASES: [(&[&str], &[&str]); 9] = [
    (
        &[
            "round",
            "reported",
            "--date",
            "2026-13-01",
            "--signer",
            "王组长",
        ],
        &[
            "错误：--date 的值「2026-13-01」无效：不是有效的日期，应如 2026-12-05",
            "用 xuncha round reported --help 查看用法",
        ],
    ),
    (
        &["outline", "--role", "校长"],
        &[
            "错误：--role 的值「校长」无效：应为书记、院长",
            "用 xuncha outline --help 查看用法",
        ],
    ),
    (
        &["report", "--format", "pdf"],
        &["错误：--format 的值「pdf」无效；可用值：md、csv、docx、xlsx"],
    ),
    (
        &["sign", "单位/清单/条目"],
        &[
            "错误：缺少必需的参数：--step <STEP>、--signer <NAME>",
            "用法：xuncha sign",
            "用 xuncha sign --help 查看用法",
        ],
    ),
    (
        &["rund", "reported"],
        &[
            "错误：没有子命令「rund」；是否要用 round？",
            "用 xuncha --help 查看用法",
        ],
    ),
    (
        &["status", "--stale-dayz", "3"],
        &["错误：无法识别的参数「--stale-dayz」；是否要用 --stale-days？"],
    ),
    (
        &["sign", "k", "--step", "签字", "--signer", "王"],
        &["--step 的值「签字」无效：应为编制、复核或审签"],
    ),
    (
        &["report", "--redact", "--worksheets"],
        &["错误：--redact 不能与 --worksheets 同用"],
    ),
    (
        &["demo", "--size", "多少"],
        &["错误：--size 的值「多少」无效：应为 1 到 20000 之间的整数"],
    ),
];

#[test]
fn argument_errors_are_chinese_by_default() {
    for (args, said) in CASES {
        let r = run(args, None);
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        for s in said {
            assert!(r.stderr.contains(s), "{args:?}: want {s}\n{}", r.stderr);
        }
        for word in ENGLISH {
            assert!(!r.stderr.contains(word), "{args:?}: {word}\n{}", r.stderr);
        }
    }
    // `--lang zh` given, and `XUNCHA_LANG` set to something else than English
    let r = run(&["--lang", "zh", "report", "--format", "pdf"], Some("en"));
    assert!(r.stderr.starts_with("错误：--format"), "{}", r.stderr);
    let r = run(&["report", "--format", "pdf"], Some("fr"));
    assert!(r.stderr.starts_with("错误："), "{}", r.stderr);
}

#[test]
fn english_is_clap_s_own() {
    for (args, _) in CASES {
        for (extra, env) in [
            (&["--lang", "en"][..], None),
            (&["--lang=en"][..], None),
            (&[][..], Some("en")),
        ] {
            let all: Vec<&str> = args.iter().chain(extra).copied().collect();
            let r = run(&all, env);
            assert_eq!(r.code, Some(2), "{all:?}: {}", r.stderr);
            assert!(r.stderr.starts_with("error: "), "{all:?}: {}", r.stderr);
            assert!(r.stderr.contains("For more information"), "{}", r.stderr);
            assert!(!r.stderr.contains("错误"), "{all:?}: {}", r.stderr);
        }
    }
    // our own value parsers give their reason in English
    let r = run(
        &[
            "--lang",
            "en",
            "round",
            "reported",
            "--date",
            "2026-13-01",
            "--signer",
            "W",
        ],
        None,
    );
    assert!(
        r.stderr
            .contains("invalid value '2026-13-01' for '--date <DATE>': `2026-13-01` is not a date"),
        "{}",
        r.stderr
    );
    // an empty one is said as empty, in each language
    let args = ["round", "reported", "--date", "", "--signer", "W"];
    let r = run(&[&["--lang", "en"][..], &args].concat(), None);
    assert!(r.stderr.contains("a date is needed"), "{}", r.stderr);
    let r = run(&args, None);
    assert!(
        r.stderr.starts_with("错误：--date 的值为空"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("查看用法"), "{}", r.stderr);
}

#[test]
fn help_and_version_are_not_errors() {
    for args in [
        &["--help"][..],
        &["round", "reported", "--help"],
        &["-h"],
        &["--version"],
        &["--lang", "en", "--help"],
    ] {
        let r = run(args, None);
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "{args:?}: {}", r.stderr);
        assert!(!r.stdout.is_empty(), "{args:?}");
        assert!(!r.stdout.contains("错误"), "{args:?}: {}", r.stdout);
    }
    let r = run(&["--version"], None);
    assert!(r.stdout.starts_with("xuncha "), "{}", r.stdout);
    let r = run(&["round", "reported", "--help"], None);
    assert!(r.stdout.contains("--date <DATE>"), "{}", r.stdout);
}

/// A command that needs a subcommand, given none (`xuncha round`): clap would print its
/// English help as the error; in Chinese it says which subcommands there are, exit code 2.
#[test]
fn a_missing_subcommand_is_said_in_chinese() {
    for (args, subcommands) in [
        (&["round"][..], "reported、fed-back"),
        (&["checklists"], "list、check"),
        (&["rectify"], "export"),
    ] {
        let r = run(args, None);
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.stderr);
        assert!(r.stderr.starts_with("错误："), "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("需要一个子命令"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains(subcommands), "{args:?}: {}", r.stderr);
        for word in ENGLISH {
            assert!(!r.stderr.contains(word), "{args:?}: {word} in {}", r.stderr);
        }
        // English keeps clap's own help
        let r = run(args, Some("en"));
        assert_eq!(r.code, Some(2));
        assert!(r.stderr.contains("Usage:"), "{args:?}: {}", r.stderr);
    }
}
