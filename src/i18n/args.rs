//! The sentences of a command line that cannot be read: the reasons our own value parsers give
//! (`--date`, `--role`, …; both languages), and the Chinese of clap's own errors (a value not
//! among the possible ones, an unknown option or subcommand, a missing required argument).
//! In English clap's own message is shown as it is, so the table of clap's errors is Chinese
//! only.

use super::Lang;

/// Why a value given on the command line is not taken, as our value parsers say it
/// (`cli::args`). Shown by clap after its own `invalid value '…' for '--date <DATE>':` in
/// English (its `Display`), and whole in Chinese ([`ValueError::message`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// `--date`: not a day (the text given).
    Date(String),
    /// `--unit-type`.
    UnitType,
    /// `--role`.
    Role,
    /// `--step`.
    Step,
    /// `--decision`.
    Decision,
    /// A whole number not in `min..=max`, or not a whole number.
    Number { min: u64, max: u64 },
}

impl ValueError {
    /// The reason, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, ValueError::Date(_)) => "不是有效的日期，应如 2026-12-05".into(),
            (Lang::Zh, ValueError::UnitType) => {
                "应为学院、职能部门或直属单位（也可写 college、department、affiliate）".into()
            }
            (Lang::Zh, ValueError::Role) => "应为书记、院长、班子成员、中层干部、教师、学生或离退休人员（也可写 secretary、dean、member、cadre、teacher、student、retiree）".into(),
            (Lang::Zh, ValueError::Step) => {
                "应为编制、复核或审签（也可写 draft、check、approve）".into()
            }
            (Lang::Zh, ValueError::Decision) => {
                "应为认定或不予认定（也可写 confirm、dismiss）".into()
            }
            (Lang::Zh, ValueError::Number { min, max }) => {
                format!("应为 {min} 到 {max} 之间的整数")
            }
            (Lang::En, ValueError::Date(t)) if t.trim().is_empty() => {
                "a date is needed, e.g. 2026-12-05".into()
            }
            (Lang::En, ValueError::Date(t)) => {
                format!("`{t}` is not a date; expected e.g. 2026-12-05")
            }
            (Lang::En, ValueError::UnitType) => {
                "expected 学院 (college), 职能部门 (department) or 直属单位 (affiliate)".into()
            }
            (Lang::En, ValueError::Role) => "expected 书记, 院长, 班子成员, 中层干部, 教师, 学生 or 离退休人员 (secretary, dean, member, cadre, teacher, student, retiree)".into(),
            (Lang::En, ValueError::Step) => {
                "expected 编制 (draft), 复核 (check) or 审签 (approve)".into()
            }
            (Lang::En, ValueError::Decision) => {
                "expected 认定 (confirm) or 不予认定 (dismiss)".into()
            }
            (Lang::En, ValueError::Number { min, max }) => {
                format!("expected a whole number from {min} to {max}")
            }
        }
    }
}

/// English, as clap shows it after its own words.
impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ValueError {}

/// The Chinese of clap's errors. Placeholders: an option as the user would type it
/// (`--date`), a value as given.
pub struct ArgErrorStrings {
    /// A value not taken: the option, the value, the reason (may be empty).
    pub invalid_value: fn(&str, &str, &str) -> String,
    /// After [`Self::invalid_value`]: the values there are (joined).
    pub possible_values: fn(&str) -> String,
    /// An option given without its value.
    pub value_missing: fn(&str) -> String,
    /// An option given an empty value (`--date ""`).
    pub value_empty: fn(&str) -> String,
    /// An option, flag or extra word the command does not have.
    pub unknown_argument: fn(&str) -> String,
    /// A subcommand there is not.
    pub unknown_subcommand: fn(&str) -> String,
    /// After an unknown word: what was probably meant.
    pub did_you_mean: fn(&str) -> String,
    /// Required arguments not given (joined).
    pub missing: fn(&str) -> String,
    /// A command that needs a subcommand, and those there are (joined).
    pub missing_subcommand: fn(&str, &str) -> String,
    /// Two options that cannot be used together.
    pub conflict: fn(&str, &str) -> String,
    /// An option given more than once.
    pub repeated: fn(&str) -> String,
    /// A value too many for an option (the value, the option).
    pub extra_value: fn(&str, &str) -> String,
    /// An option whose value must follow an equals sign.
    pub no_equals: fn(&str) -> String,
    /// An argument that is not valid UTF-8.
    pub not_utf8: &'static str,
    /// Any other error of the command line.
    pub other: &'static str,
    /// `用法：` and the usage line.
    pub usage: fn(&str) -> String,
    /// Where to read more: the command (`xuncha round reported`).
    pub try_help: fn(&str) -> String,
    /// clap's `[OPTIONS]`, `<COMMAND>` and `[COMMAND]` in a usage line, and what they read as
    /// here.
    pub placeholders: [(&'static str, &'static str); 3],
}

/// The Chinese of clap's errors.
pub static ZH: ArgErrorStrings = ArgErrorStrings {
    invalid_value: |arg, value, why| {
        if why.is_empty() {
            format!("{arg} 的值「{value}」无效")
        } else {
            format!("{arg} 的值「{value}」无效：{why}")
        }
    },
    possible_values: |list| format!("；可用值：{list}"),
    value_missing: |arg| format!("{arg} 后面缺少值"),
    value_empty: |arg| format!("{arg} 的值为空，请给出一个值"),
    unknown_argument: |arg| format!("无法识别的参数「{arg}」"),
    unknown_subcommand: |sub| format!("没有子命令「{sub}」"),
    did_you_mean: |s| format!("；是否要用 {s}？"),
    missing: |list| format!("缺少必需的参数：{list}"),
    missing_subcommand: |cmd, list| format!("{cmd} 需要一个子命令：{list}"),
    conflict: |a, b| format!("{a} 不能与 {b} 同用"),
    repeated: |a| format!("{a} 只能给一次"),
    extra_value: |value, arg| format!("「{value}」是多余的：{arg} 不再需要值"),
    no_equals: |arg| format!("{arg} 的值须用等号给出，如 {arg}=值"),
    not_utf8: "参数中有无法识别的字符（不是 UTF-8）",
    other: "命令行参数有误",
    usage: |u| format!("用法：{u}"),
    try_help: |cmd| format!("用 {cmd} --help 查看用法"),
    placeholders: [
        ("[OPTIONS]", "[选项]"),
        ("<COMMAND>", "<子命令>"),
        ("[COMMAND]", "[子命令]"),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Every reason in both languages: the Chinese with no English sentence, the English with
    /// no Chinese punctuation.
    #[test]
    fn value_errors_follow_the_language() {
        let all = [
            ValueError::Date("2026-13-01".into()),
            ValueError::UnitType,
            ValueError::Role,
            ValueError::Step,
            ValueError::Decision,
            ValueError::Number { min: 1, max: 9 },
        ];
        for e in &all {
            let zh = e.message(Lang::Zh);
            assert!(zh.starts_with('应') || zh.starts_with('不'), "{zh}");
            assert!(!zh.contains("expected"), "{zh}");
            let en = e.to_string();
            assert!(en.contains("expected"), "{en}");
            assert!(!en.contains(['：', '，', '；', '、']), "{en}");
        }
    }
}
