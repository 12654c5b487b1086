//! The sentences of the steps after the interviews: `findings`, `sign`, `settle` and `round`
//! (sign-off of the 问题底稿, the leader's settlements, the round's milestones), and of the
//! feedback gate. Each sentence is written whole per language.

use std::fmt::Display;

use super::{Lang, plural};
use crate::model::signoff::{Refusal, SignerProblem, Step};

/// The table of one language.
pub struct SignoffStrings {
    /// 签审: the sign-off of a finding, as a label.
    pub signoff: &'static str,
    pub key: &'static str,
    pub number: &'static str,
    pub title: &'static str,
    pub marks: &'static str,
    pub disputed: &'static str,
    pub confirmed: &'static str,
    pub dismissed: &'static str,
    pub settlement_changed: &'static str,
    pub doubt: &'static str,
    pub transfer: &'static str,
    pub leading_cadre: &'static str,
    /// A clue whose receiver is not yet chosen.
    pub receiver_undecided: &'static str,
    pub no_findings: &'static str,
    pub reason_needed: &'static str,
    /// `共 N 个问题，M 个已审签`.
    pub summary: fn(usize, usize) -> String,
    /// `已签：KEY（审签）`.
    pub signed: fn(&dyn Display, Step) -> String,
    /// `已记入 PATH`.
    pub saved: fn(&dyn Display) -> String,
    /// Nothing was signed because some keys were refused.
    pub none_signed: &'static str,
    /// After the refusals of a settlement: nothing was recorded.
    pub none_settled: &'static str,
    /// `记录中有多个轮次（A、B），请用 --round 指明`.
    pub several_rounds: fn(&str) -> String,
    /// `没有轮次「X」的记录；现有：A、B`.
    pub unknown_round: fn(&str, &str) -> String,
    /// `没有单位「X」的记录；现有：A、B`.
    pub unknown_unit: fn(&str, &str) -> String,
    /// `已记录：第三轮已于 2026-12-05 向巡察工作领导小组汇报（王组长）`.
    pub reported: fn(&str, &dyn Display, &str) -> String,
    /// `已记录：第三轮已于 D 向计算机学院反馈（王组长）`.
    pub fed_back: fn(&str, &dyn Display, &str, &str) -> String,
    /// The round was already recorded as reported, on a day.
    pub already_reported: fn(&str, &dyn Display) -> String,
    /// The unit was already recorded as fed back, on a day.
    pub already_fed_back: fn(&str, &dyn Display) -> String,
    /// `round fed-back` without `--unit` when some units are recorded already: the first
    /// recorded, its day, the units not yet recorded (joined).
    pub already_fed_back_rest: fn(&str, &dyn Display, &str) -> String,
    /// `round fed-back` for units that have problems but none whose 审签 counts (joined):
    /// their feedback could not be made.
    pub fed_back_waiting: fn(&str) -> String,
    /// Feedback before the report to the leading group.
    pub not_reported: fn(&str) -> String,
    /// The feedback day is before the report day.
    pub fed_back_before_report: fn(&dyn Display, &dyn Display) -> String,
    /// A milestone's day is after today (the day, today): it is recorded after it happened.
    pub future_day: fn(&dyn Display, &dyn Display) -> String,
    /// `已记录：KEY 认定为问题（理由）`.
    pub settled: fn(&str, &str, &str) -> String,
    /// The feedback version refused: rounds not yet reported.
    pub gate_not_reported: fn(&str) -> String,
    /// `--clues` with `--redact`.
    pub clues_redacted: &'static str,
    /// A unit whose every problem waits for 审签: `计算机学院（3 个问题未审签）`.
    pub waiting: fn(&str, usize) -> String,
    /// The feedback version refused for units with nothing approved.
    pub nothing_approved: fn(&str) -> String,
    /// `--clues` with a format other than docx or xlsx.
    pub clues_format: &'static str,
    /// Why a problem stays out of the feedback version: not (or no longer) 审签.
    pub hold_not_approved: &'static str,
    /// Why a problem stays out: the leader dismissed it.
    pub hold_dismissed: &'static str,
}

/// What is wrong with a signer's name, as one sentence.
pub fn signer_problem(p: SignerProblem, lang: Lang) -> &'static str {
    match (lang, p) {
        (Lang::Zh, SignerProblem::Empty) => "请填写签名人",
        (Lang::Zh, SignerProblem::Control) => "签名人姓名不能含控制字符（如 Esc、换行、制表符）",
        (Lang::Zh, SignerProblem::TooLong) => "签名人姓名过长（最多 32 个字）",
        (Lang::En, SignerProblem::Empty) => "Fill in the signer",
        (Lang::En, SignerProblem::Control) => {
            "The signer's name cannot hold control characters (an escape, a line break, a tab)"
        }
        (Lang::En, SignerProblem::TooLong) => {
            "The signer's name is too long (32 characters at most)"
        }
    }
}

/// Why a sign-off was refused, as one sentence.
pub fn refusal(r: &Refusal, lang: Lang) -> String {
    match (lang, r) {
        (Lang::Zh, Refusal::UnknownKey { key }) => {
            format!("{key}：没有这个问题（用 xuncha findings 查看问题的键）")
        }
        (Lang::En, Refusal::UnknownKey { key }) => {
            format!("{key}: no such finding (xuncha findings lists the keys)")
        }
        (Lang::Zh, Refusal::AmbiguousRound { key, rounds }) => {
            format!(
                "{key}：多个轮次都有此问题（{}），请用 --round 指明",
                rounds.join("、")
            )
        }
        (Lang::En, Refusal::AmbiguousRound { key, rounds }) => format!(
            "{key}: found in several rounds ({}); say which with --round",
            rounds.join(", ")
        ),
        (Lang::Zh, Refusal::NeedsPrevious { key, step }) => format!(
            "{key}：尚无有效的「{}」，不能先签后一步（编制 → 复核 → 审签）",
            step.label(lang)
        ),
        (Lang::En, Refusal::NeedsPrevious { key, step }) => format!(
            "{key}: not yet {} for its current content; the steps go draft → check → approve",
            step.label(lang)
        ),
        (Lang::Zh, Refusal::AlreadySigned { key, step, signer }) => {
            format!(
                "{key}：已由{signer}{}，内容未变，无需再签",
                step.label(lang)
            )
        }
        (Lang::En, Refusal::AlreadySigned { key, step, signer }) => format!(
            "{key}: already {} by {signer} for its current content",
            step.label(lang)
        ),
        (Lang::Zh, Refusal::SameSigner { key, other }) => format!(
            "{key}：签名人已签过此问题的「{}」，编制、复核、审签须由不同的人签",
            other.label(lang)
        ),
        (Lang::En, Refusal::SameSigner { key, other }) => format!(
            "{key}: the signer already {} this finding; each step needs another person",
            other.label(lang)
        ),
        (Lang::Zh, Refusal::Disputed { key }) => format!(
            "{key}：巡察人员对此有分歧，组长认定（xuncha settle 或审阅界面「覆盖」页）之前不能审签"
        ),
        (Lang::En, Refusal::Disputed { key }) => format!(
            "{key}: the inspectors disagree; it cannot be approved before the leader settles it \
             (xuncha settle, or the review's coverage tab)"
        ),
        (Lang::Zh, Refusal::Dismissed { key }) => {
            format!("{key}：组长已决定不予认定，不能审签")
        }
        (Lang::En, Refusal::Dismissed { key }) => {
            format!("{key}: the leader dismissed it; it cannot be approved")
        }
        (Lang::Zh, Refusal::Doubt { key }) => {
            format!("{key}：仍为存疑待核，核实并标为发现问题后才能签")
        }
        (Lang::En, Refusal::Doubt { key }) => {
            format!("{key}: still a doubt; mark it as a problem once verified, then sign it")
        }
        (Lang::Zh, Refusal::NotDisputed { key }) => {
            format!("{key}：巡察人员对此没有分歧，无需认定")
        }
        (Lang::En, Refusal::NotDisputed { key }) => {
            format!("{key}: the inspectors do not disagree on it; nothing to settle")
        }
    }
}

pub(super) const ZH: SignoffStrings = SignoffStrings {
    signoff: "签审",
    key: "键",
    number: "编号",
    title: "问题",
    marks: "标记",
    disputed: "有分歧",
    confirmed: "组长已认定",
    dismissed: "不予认定",
    settlement_changed: "认定后内容已变更",
    doubt: "存疑待核",
    transfer: "线索移交",
    leading_cadre: "领导干部线索",
    receiver_undecided: "接收单位待定",
    no_findings: "没有标为发现问题或存疑待核的条目。",
    reason_needed: "请用 --reason 写明认定理由",
    summary: |n, a| format!("共 {n} 个问题，{a} 个已审签。"),
    signed: |key, step| format!("已{}：{key}", step.label(Lang::Zh)),
    saved: |p| format!("已记入 {p}"),
    none_signed: "以上问题未能签，本次什么也没有记录。",
    none_settled: "以上问题未能认定，本次什么也没有记录。",
    several_rounds: |r| format!("记录中有多个轮次（{r}），请用 --round 指明"),
    unknown_round: |r, a| format!("没有轮次「{r}」的记录；现有：{a}"),
    unknown_unit: |u, a| format!("没有单位「{u}」的记录；现有：{a}"),
    reported: |r, d, who| format!("已记录：{r}已于 {d} 向巡察工作领导小组汇报（{who}）"),
    fed_back: |r, d, unit, who| format!("已记录：{r}已于 {d} 向{unit}反馈（{who}）"),
    already_reported: |r, d| format!("{r}已记录于 {d} 向领导小组汇报，未再记录"),
    already_fed_back: |u, d| format!("{u}已记录于 {d} 反馈，未再记录"),
    already_fed_back_rest: |u, d, rest| {
        format!("{u}已记录于 {d} 反馈，未再记录；其余单位请用 --unit 逐个记录：{rest}")
    },
    fed_back_waiting: |units| {
        format!(
            "不能记录反馈：{units}有问题但没有审签有效的，反馈意见还不能生成（先完成审签，xuncha findings 查看）；什么也没有记录"
        )
    },
    not_reported: |r| {
        format!("{r}尚未记录向巡察工作领导小组汇报，不能记录反馈；先运行 xuncha round reported")
    },
    fed_back_before_report: |f, r| format!("反馈日期 {f} 早于向领导小组汇报的日期 {r}"),
    future_day: |d, t| format!("日期 {d} 晚于今天（{t}）：节点在发生之后才记录，未记录"),
    settled: |key, d, reason| format!("已记录：{key} {d}（{reason}）"),
    gate_not_reported: |r| {
        format!(
            "不能生成反馈意见：{r}尚未记录向巡察工作领导小组汇报（xuncha round reported --date 日期 --signer 姓名）。反馈须在领导小组听取汇报之后"
        )
    },
    clues_redacted: "问题线索移交清单是内部保密材料，不生成反馈版（去掉 --redact）",
    waiting: |u, n| format!("{u}（{n} 个问题未审签）"),
    nothing_approved: |units| {
        format!(
            "不能生成反馈意见：{units}没有审签有效的问题，反馈稿会写成「未发现问题」。先完成审签（xuncha findings 查看），或用 --unit 只选已审签的单位"
        )
    },
    clues_format: "问题线索移交清单只生成 docx 或 xlsx（--format docx 或 --format xlsx，并用 -o 指定文件）",
    hold_not_approved: "未审签或审签后内容已变更",
    hold_dismissed: "组长不予认定",
};

pub(super) const EN: SignoffStrings = SignoffStrings {
    signoff: "Sign-off",
    key: "Key",
    number: "No.",
    title: "Finding",
    marks: "Marks",
    disputed: "disputed",
    confirmed: "confirmed by the leader",
    dismissed: "dismissed",
    settlement_changed: "changed since settled",
    doubt: "doubt",
    transfer: "clue to transfer",
    leading_cadre: "leading-cadre clue",
    receiver_undecided: "receiver not yet chosen",
    no_findings: "No item is marked as a problem or a doubt.",
    reason_needed: "say why with --reason",
    summary: |n, a| format!("{n} {}, {a} approved.", plural(n, "finding", "findings")),
    signed: |key, step| format!("{}: {key}", capital(step.label(Lang::En))),
    saved: |p| format!("Recorded in {p}"),
    none_signed: "The findings above cannot be signed; nothing was recorded.",
    none_settled: "The finding above cannot be settled; nothing was recorded.",
    several_rounds: |r| format!("the records hold several rounds ({r}); say which with --round"),
    unknown_round: |r, a| format!("no records of round \"{r}\"; there are: {a}"),
    unknown_unit: |u, a| format!("no records of unit \"{u}\"; there are: {a}"),
    reported: |r, d, who| {
        format!("Recorded: round {r} was reported to the leading group on {d} ({who})")
    },
    fed_back: |r, d, unit, who| {
        format!("Recorded: round {r} was fed back to {unit} on {d} ({who})")
    },
    already_reported: |r, d| {
        format!("round {r} is already recorded as reported on {d}; nothing recorded")
    },
    already_fed_back: |u, d| {
        format!("{u} is already recorded as fed back on {d}; nothing recorded")
    },
    already_fed_back_rest: |u, d, rest| {
        format!(
            "{u} is already recorded as fed back on {d}; nothing recorded. Record the other \
             units one by one with --unit: {rest}"
        )
    },
    fed_back_waiting: |units| {
        format!(
            "feedback not recorded: every problem found at {units} still waits for approval, so \
             its feedback cannot be made yet (finish the sign-off first, see xuncha findings); \
             nothing recorded"
        )
    },
    not_reported: |r| {
        format!(
            "round {r} is not yet recorded as reported to the leading group; feedback cannot be \
             recorded. Run xuncha round reported first"
        )
    },
    fed_back_before_report: |f, r| {
        format!("the feedback day {f} is before the day of the report to the leading group {r}")
    },
    future_day: |d, t| {
        format!(
            "the day {d} is after today ({t}): a milestone is recorded after it happened; nothing \
             recorded"
        )
    },
    settled: |key, d, reason| format!("Recorded: {key} {d} ({reason})"),
    gate_not_reported: |r| {
        format!(
            "no feedback version: round {r} is not yet recorded as reported to the leading group \
             (xuncha round reported --date DAY --signer NAME); feedback comes after the leading \
             group has heard the report"
        )
    },
    clues_redacted: "the clue transfer list is confidential and has no feedback version (drop --redact)",
    waiting: |u, n| {
        format!(
            "{u} ({n} {} not approved)",
            plural(n, "finding", "findings")
        )
    },
    nothing_approved: |units| {
        format!(
            "no feedback version: {units} would show no problem, as every one of theirs still \
             waits for approval, and the feedback would say none was found. Finish the sign-off first (xuncha \
             findings), or choose approved units with --unit"
        )
    },
    clues_format: "the clue transfer list is made as docx or xlsx only (--format docx or xlsx, with -o)",
    hold_not_approved: "not approved, or changed since approved",
    hold_dismissed: "dismissed by the leader",
};

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl Lang {
    /// Between the items of a list: `、` in Chinese, `, ` in English.
    pub fn list_separator(self) -> &'static str {
        match self {
            Lang::Zh => "、",
            Lang::En => ", ",
        }
    }

    /// The sentences of sign-off and the round's milestones.
    pub fn signoff(self) -> &'static SignoffStrings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}
