//! Reading the command line: clap parses it; when it cannot, the error is said in the
//! interface language. The language is decided before clap has parsed (`--lang`, else
//! `XUNCHA_LANG`, else Chinese), as clap would decide it. In Chinese the common kinds of error
//! are written from the error's context ([`chinese`]); in English, and for `--help` and
//! `--version` (which are not errors), clap prints its own text.

use std::ffi::{OsStr, OsString};
use std::io::{self, Write};
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};

use super::args::Cli;
use crate::i18n::Lang;
use crate::i18n::args::{ArgErrorStrings, ValueError, ZH};

/// The command line of this process, parsed; or the exit code after its error (or its help,
/// or its version) was printed.
pub(super) fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = std::env::args_os().collect();
    Cli::try_parse_from(&args).map_err(|e| {
        let lang = lang_before_parsing(&args, std::env::var_os("XUNCHA_LANG").as_deref());
        refuse(&e, &args, lang)
    })
}

/// The interface language from the raw arguments (`--lang en`, `--lang=en`; the last one
/// counts; none after `--`) and the value of `XUNCHA_LANG`, as clap reads them; Chinese unless
/// English is asked for.
pub fn lang_before_parsing(args: &[OsString], env: Option<&OsStr>) -> Lang {
    let mut given: Option<&OsStr> = None;
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            given = rest.next().map(OsString::as_os_str).or(given);
        } else if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--lang=")) {
            given = Some(OsStr::new(value));
        }
    }
    match given.or(env) {
        Some(v) if v == "en" => Lang::En,
        _ => Lang::Zh,
    }
}

/// Print `e` (the error of `args`) in `lang` and return clap's exit code for it (2 for an
/// error, 0 for `--help` and `--version`).
fn refuse(e: &clap::Error, args: &[OsString], lang: Lang) -> ExitCode {
    let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    if lang == Lang::Zh
        && let Some(message) = chinese(e, args, &ZH)
    {
        let _ = writeln!(io::stderr(), "{}", crate::report::sanitize(&message));
    } else {
        let _ = e.print();
    }
    code
}

/// Whether `args` give the option `arg` an empty value (`--date ""` or `--date=`), which clap
/// reports as it reports a value left out.
fn given_empty(args: &[OsString], arg: &str) -> bool {
    !arg.is_empty()
        && (args.windows(2).any(|w| w[0] == arg && w[1].is_empty())
            || args.iter().any(|a| *a == *format!("{arg}=")))
}

/// The Chinese of `e`, the error of `args`: the message, the usage line and where to read
/// more (the subcommand `args` reached). `None` for what is not an error of the command line
/// (help, version, a failed write), which clap prints itself.
pub fn chinese(e: &clap::Error, args: &[OsString], s: &ArgErrorStrings) -> Option<String> {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(v)) => Some(v.clone()),
        Some(ContextValue::StyledStr(v)) => Some(v.to_string()),
        _ => None,
    };
    let list = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => Some(v.join(Lang::Zh.list_separator())),
        Some(ContextValue::String(v)) => Some(v.clone()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg)
        .map(|a| option_name(&a))
        .unwrap_or_default();
    let mut message = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            if value.is_empty() && given_empty(args, &arg) {
                (s.value_empty)(&arg)
            } else if value.is_empty() {
                (s.value_missing)(&arg)
            } else {
                let why = reason(e).unwrap_or_default();
                let mut m = (s.invalid_value)(&arg, &value, &why);
                if let Some(valid) = list(ContextKind::ValidValue) {
                    m.push_str(&(s.possible_values)(&valid));
                }
                m
            }
        }
        ErrorKind::UnknownArgument => {
            let word = text(ContextKind::InvalidArg).unwrap_or_default();
            (s.unknown_argument)(&word)
        }
        ErrorKind::InvalidSubcommand => {
            (s.unknown_subcommand)(&text(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::MissingRequiredArgument => {
            (s.missing)(&list(ContextKind::InvalidArg).unwrap_or_default())
        }
        ErrorKind::MissingSubcommand => (s.missing_subcommand)(
            &text(ContextKind::InvalidSubcommand).unwrap_or_default(),
            &list(ContextKind::ValidSubcommand).unwrap_or_default(),
        ),
        ErrorKind::ArgumentConflict => {
            let prior = match e.get(ContextKind::PriorArg) {
                Some(ContextValue::String(p)) => option_name(p),
                Some(ContextValue::Strings(p)) => p
                    .iter()
                    .map(|p| option_name(p))
                    .collect::<Vec<_>>()
                    .join(Lang::Zh.list_separator()),
                _ => String::new(),
            };
            if prior.is_empty() || prior == arg {
                (s.repeated)(&arg)
            } else {
                (s.conflict)(&arg, &prior)
            }
        }
        ErrorKind::TooManyValues => {
            (s.extra_value)(&text(ContextKind::InvalidValue).unwrap_or_default(), &arg)
        }
        ErrorKind::NoEquals => (s.no_equals)(&arg),
        ErrorKind::InvalidUtf8 => s.not_utf8.to_string(),
        // `xuncha round` alone: clap would print its English help as the error
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let (path, subcommands) = reached(args);
            if subcommands.is_empty() {
                return None;
            }
            (s.missing_subcommand)(&path, &subcommands.join(Lang::Zh.list_separator()))
        }
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::Io | ErrorKind::Format => {
            return None;
        }
        _ => s.other.to_string(),
    };
    let suggested = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(list);
    if let Some(suggested) = suggested {
        message.push_str(&(s.did_you_mean)(&suggested));
    }
    let mut out = (Lang::Zh.strings().error)(&message);
    let usage = text(ContextKind::Usage).and_then(|u| usage_line(&u, s));
    let command = command_path(args);
    if let Some(usage) = &usage {
        out.push_str("\n\n");
        out.push_str(&(s.usage)(usage));
    }
    out.push_str("\n\n");
    out.push_str(&(s.try_help)(&command));
    Some(out)
}

/// The reason of a value parser, when it is ours ([`ValueError`]); nothing for another (its
/// text is English).
fn reason(e: &clap::Error) -> Option<String> {
    let source = std::error::Error::source(e)?;
    if let Some(ours) = source.downcast_ref::<ValueError>() {
        return Some(ours.message(Lang::Zh));
    }
    None
}

/// `--date <DATE>` as typed: `--date`; a positional (`<SHELL>`) as it is.
fn option_name(arg: &str) -> String {
    match arg.split_once(' ') {
        Some((name, _)) if name.starts_with('-') => name.to_string(),
        _ => arg.to_string(),
    }
}

/// The first usage line without clap's `Usage:` title, its placeholders in Chinese.
fn usage_line(usage: &str, s: &ArgErrorStrings) -> Option<String> {
    let line = usage.trim().lines().next()?.trim();
    let line = line.strip_prefix("Usage:").unwrap_or(line).trim();
    if line.is_empty() {
        return None;
    }
    let mut out = line.to_string();
    for (from, to) in s.placeholders {
        out = out.replace(from, to);
    }
    Some(out)
}

/// The subcommand `args` reach, as typed (`xuncha round reported`).
fn command_path(args: &[OsString]) -> String {
    reached(args).0
}

/// The subcommand `args` reach, as typed (`xuncha round reported`): each word that names a
/// subcommand of the one before, skipping options and their values; up to `--`. With the
/// names of its own subcommands (none for a leaf), `help` left out.
fn reached(args: &[OsString]) -> (String, Vec<String>) {
    let mut cmd = Cli::command();
    cmd.build();
    let mut path = vec![cmd.get_name().to_string()];
    let mut rest = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(arg) = rest.next() {
        if arg == "--" {
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let takes_value = !long.contains('=')
                && cmd
                    .get_arguments()
                    .find(|a| a.get_long() == Some(long))
                    .is_some_and(|a| a.get_action().takes_values());
            if takes_value {
                rest.next();
            }
            continue;
        }
        if let Some(short) = arg.strip_prefix('-').filter(|s| s.chars().count() == 1) {
            let takes_value = cmd
                .get_arguments()
                .find(|a| a.get_short().is_some_and(|c| short.starts_with(c)))
                .is_some_and(|a| a.get_action().takes_values());
            if takes_value {
                rest.next();
            }
            continue;
        }
        let Some(sub) = cmd.find_subcommand(arg).cloned() else {
            continue;
        };
        path.push(sub.get_name().to_string());
        cmd = sub;
    }
    let subcommands = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|n| n != "help")
        .collect();
    (path.join(" "), subcommands)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_read_as_clap_would() {
        let zh = |a: &[&str], env: Option<&str>| {
            lang_before_parsing(&os(a), env.map(OsStr::new)) == Lang::Zh
        };
        assert!(zh(&["xuncha", "status"], None));
        assert!(!zh(&["xuncha", "status", "--lang", "en"], None));
        assert!(!zh(&["xuncha", "--lang=en", "status"], None));
        assert!(!zh(&["xuncha", "status"], Some("en")));
        // the argument wins over the environment, the last one over those before
        assert!(zh(&["xuncha", "--lang", "zh"], Some("en")));
        assert!(zh(&["xuncha", "--lang", "en", "--lang=zh"], None));
        // after `--` it is not an option; a value clap would refuse is not English
        assert!(zh(&["xuncha", "open", "--", "--lang=en"], None));
        assert!(zh(&["xuncha", "--lang", "EN"], None));
        assert!(zh(&["xuncha", "--lang"], None));
    }

    /// The Chinese of each common kind, from clap's own error for a real command line.
    #[test]
    fn common_errors_are_said_in_chinese() {
        let said = |args: &[&str]| {
            let e = Cli::command()
                .try_get_matches_from(args)
                .expect_err("refused");
            chinese(&e, &os(args), &ZH).expect("an error")
        };
        let m = said(&[
            "xuncha",
            "round",
            "reported",
            "--date",
            "2026-13-01",
            "--signer",
            "王",
        ]);
        assert!(
            m.starts_with("错误：--date 的值「2026-13-01」无效：不是有效的日期"),
            "{m}"
        );
        assert!(
            m.ends_with("用 xuncha round reported --help 查看用法"),
            "{m}"
        );
        let m = said(&["xuncha", "report", "--format", "pdf"]);
        assert!(m.contains("；可用值：md、csv、docx、xlsx"), "{m}");
        let m = said(&["xuncha", "sign", "k"]);
        assert!(
            m.contains("缺少必需的参数：--step <STEP>、--signer <NAME>"),
            "{m}"
        );
        let m = said(&["xuncha", "rund"]);
        assert!(m.contains("没有子命令「rund」；是否要用 round？"), "{m}");
        let m = said(&["xuncha", "report", "--fromat", "md"]);
        assert!(m.contains("无法识别的参数「--fromat」"), "{m}");
        assert!(m.contains("\n\n用法：xuncha report "), "{m}");
        let m = said(&["xuncha", "open", "a", "b"]);
        assert!(m.contains("无法识别的参数「b」"), "{m}");
        assert!(m.contains("用法：xuncha open [选项] <FILE>"), "{m}");
        let m = said(&["xuncha", "report", "--redact", "--worksheets"]);
        assert!(m.contains("--redact 不能与 --worksheets 同用"), "{m}");
        // options and their values are skipped on the way to the subcommand
        let m = said(&[
            "xuncha",
            "--data-dir",
            "round",
            "rectify",
            "export",
            "-o",
            "import",
            "--unit",
        ]);
        assert!(
            m.ends_with("用 xuncha rectify export --help 查看用法"),
            "{m}"
        );
        let m = said(&["xuncha", "demo", "--size", "0"]);
        assert!(m.contains("应为 1 到 20000 之间的整数"), "{m}");
        let m = said(&["xuncha", "status", "--stale-days"]);
        assert!(m.contains("--stale-days 后面缺少值"), "{m}");
        // a value given but empty is said as such, for a checked value and for a choice
        let m = said(&[
            "xuncha", "round", "reported", "--date", "", "--signer", "王",
        ]);
        assert!(m.contains("--date 的值为空"), "{m}");
        let m = said(&["xuncha", "report", "--format="]);
        assert!(m.contains("--format 的值为空"), "{m}");
        let help = Cli::command()
            .try_get_matches_from(["xuncha", "--help"])
            .unwrap_err();
        assert_eq!(chinese(&help, &os(&["xuncha", "--help"]), &ZH), None);
    }
}
