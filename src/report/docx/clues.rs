//! The 问题线索移交清单 as a document (`report --clues --format docx`): one section per
//! receiving body, each starting on a new page so it can be handed over on its own, one
//! label/value table per clue. Confidential; never made for the feedback version.

use docx_rs::Docx;

use super::page::{add_all, flush, h1, page, title};
use super::worksheet::worksheet_table;
use crate::i18n::Lang;
use crate::report::Input;
use crate::report::clues::{Clue, FEEDBACK_LIMIT, clue_list};

/// The whole list for the selected records (every unit, by receiving body).
pub(super) fn clues_document(input: &Input<'_>) -> Docx {
    let clues = clue_list(&input.review, &input.records, Lang::Zh);
    let mut doc = add_all(
        page(),
        [
            flush("内部资料　严格保密"),
            title("问题线索移交清单"),
            flush(""),
        ],
    );
    if clues.is_empty() {
        return doc.add_paragraph(flush("所选范围内没有标为移交的问题线索。"));
    }
    // by receiving body, in the order of the list
    let mut groups: Vec<(String, Vec<&Clue>)> = Vec::new();
    for c in &clues {
        let body = c.receiver_label.clone().unwrap_or_default();
        match groups.iter_mut().find(|(b, _)| *b == body) {
            Some((_, v)) => v.push(c),
            None => groups.push((body, vec![c])),
        }
    }
    let mut n = 0;
    for (gi, (body, list)) in groups.iter().enumerate() {
        let what = if body.is_empty() {
            "接收单位待定".to_string()
        } else {
            format!("移交{body}")
        };
        let mut heading = h1(gi + 1, &format!("{what}（{}件）", list.len()));
        if gi > 0 {
            heading = heading.page_break_before(true);
        }
        doc = doc.add_paragraph(heading);
        for c in list {
            n += 1;
            let mut subject = c.subject.clone();
            if c.leading_cadre {
                subject.push_str("（领导干部）");
            }
            let fields: Vec<(&str, String)> = vec![
                ("序号", n.to_string()),
                ("线索编号", c.number.clone()),
                ("被巡察单位", format!("{}（{}）", c.unit, c.round)),
                ("来源", c.sources.join("\n")),
                ("反映对象及职务", subject),
                ("问题摘要", c.summary.clone()),
                ("涉及纪律", c.discipline.clone()),
                ("已掌握材料", c.evidence.join("\n")),
                ("处置建议", String::new()),
                (
                    "接收单位",
                    if body.is_empty() {
                        "待定".into()
                    } else {
                        body.clone()
                    },
                ),
                ("移交日期", "　　年　　月　　日".into()),
                ("反馈期限", FEEDBACK_LIMIT.into()),
            ];
            doc = doc
                .add_table(worksheet_table(&fields))
                .add_paragraph(flush(""));
        }
        doc = add_all(
            doc,
            [
                flush("移交人：　　　　　　　　日期：　　年　　月　　日"),
                flush("接收人：　　　　　　　　日期：　　年　　月　　日"),
            ],
        );
    }
    doc
}
