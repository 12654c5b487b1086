//! 线索移交: the 问题线索移交清单 as a sheet (full version only, and `report --clues --format
//! xlsx` alone): one row per clue, by receiving body, with the fields the receiving body needs
//! (`report::clues`).

use super::labels;
use super::sheet::{Cell, MEDIUM, NARROW, Sheet, WIDE, WIDEST, col};
use crate::i18n::Lang;
use crate::report::Input;
use crate::report::clues::{FEEDBACK_LIMIT, clue_list};

/// Every clue of the input, in the order of [`clue_list`].
pub(super) fn transfers(input: &Input<'_>) -> Sheet {
    let lang = input.options.lang;
    let s = input.options.s();
    let l = labels(lang);
    let h = clue_headers(lang);
    let mut sheet = Sheet::new(vec![
        col(l.number, NARROW),
        col(h.number, NARROW),
        col(s.unit, MEDIUM),
        col(s.round, NARROW),
        col(h.source, WIDE),
        col(h.subject, MEDIUM),
        col(h.summary, WIDEST),
        col(h.discipline, WIDE),
        col(h.material, WIDEST),
        col(h.suggestion, MEDIUM),
        col(h.receiver, MEDIUM),
        col(h.date, NARROW),
        col(h.limit, MEDIUM),
    ]);
    let records: &[_] = &input.records;
    for (i, c) in clue_list(&input.review, records, lang)
        .into_iter()
        .enumerate()
    {
        let mut subject = c.subject.clone();
        if c.leading_cadre {
            subject.push_str(h.leading_cadre);
        }
        sheet.push(vec![
            (i + 1).into(),
            c.number.into(),
            c.unit.into(),
            c.round.into(),
            c.sources.join("\n").into(),
            subject.into(),
            c.summary.into(),
            c.discipline.into(),
            c.evidence.join("\n").into(),
            // 处置建议 and 移交日期 are the group's to write at transfer
            Cell::Empty,
            c.receiver_label
                .unwrap_or_else(|| h.undecided.to_string())
                .into(),
            Cell::Empty,
            FEEDBACK_LIMIT.into(),
        ]);
    }
    sheet
}

/// The transfer list's column headers.
pub(crate) struct ClueHeaders {
    pub number: &'static str,
    pub source: &'static str,
    pub subject: &'static str,
    pub summary: &'static str,
    pub discipline: &'static str,
    pub material: &'static str,
    pub suggestion: &'static str,
    pub receiver: &'static str,
    pub date: &'static str,
    pub limit: &'static str,
    pub leading_cadre: &'static str,
    pub undecided: &'static str,
}

pub(crate) fn clue_headers(lang: Lang) -> &'static ClueHeaders {
    static ZH: ClueHeaders = ClueHeaders {
        number: "线索编号",
        source: "来源",
        subject: "反映对象及职务",
        summary: "问题摘要",
        discipline: "涉及纪律",
        material: "已掌握材料",
        suggestion: "处置建议",
        receiver: "接收单位",
        date: "移交日期",
        limit: "反馈期限",
        leading_cadre: "（领导干部）",
        undecided: "待定",
    };
    static EN: ClueHeaders = ClueHeaders {
        number: "Clue no.",
        source: "Source",
        subject: "Person and post",
        summary: "Summary",
        discipline: "Discipline concerned",
        material: "Material in hand",
        suggestion: "Suggested handling",
        receiver: "Receiving body",
        date: "Transfer date",
        limit: "Report back by",
        leading_cadre: " (leading cadre)",
        undecided: "not yet chosen",
    };
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
