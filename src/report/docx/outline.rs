//! The 谈话提纲 as a DOCX (`xuncha outline --format docx`), in the layout of the reports: the
//! same page, title and headings (GB/T 9704 figures in [`super::layout`]), the content of
//! [`Outline`] — the same as the Markdown outline — in the order it is read.

use docx_rs::Paragraph;

use super::layout as gb;
use super::page::{add_all, flush, h1, h2, h3, page, para, title};
use crate::model::outline::{self, Outline, PARTS};

/// The outline as the bytes of a `.docx` package, dated `now`.
pub fn outline_docx(outline: &Outline, now: crate::model::Timestamp) -> Vec<u8> {
    let mut ps: Vec<Paragraph> = vec![title(&outline.title), flush(""), flush(&outline.unit)];
    // the blanks two to a line: 谈话对象 and 谈话时间, 谈话人 and 记录人
    for pair in outline.blanks.chunks(2) {
        ps.push(flush(&pair.join("　")));
    }
    // that it stays with the inspectors, in 楷体 as a note
    ps.push(para(Some((gb::H2_FONT, outline.notice)), ""));

    ps.push(h1(1, PARTS[0]));
    numbered(&mut ps, outline.opening);
    ps.push(para(None, &outline.emphasis_line()));

    ps.push(h1(2, PARTS[1]));
    for (g, group) in outline.groups.iter().enumerate() {
        ps.push(h2(g + 1, &group.title));
        for q in &group.questions {
            let mark = q.mark();
            let space = if mark.is_empty() { "" } else { "　" };
            ps.push(h3(q.number, "", &format!("{}{space}{mark}", q.text)));
            ps.push(para(Some((gb::H2_FONT, outline::FOLLOW_UP)), &q.follow_up));
            if !q.refs.is_empty() {
                ps.push(para(
                    Some((gb::H2_FONT, outline::ROLLED_UP_FROM)),
                    &q.refs.join("、"),
                ));
            }
            ps.push(para(Some((gb::H2_FONT, outline::ITEM_KEY)), &q.key));
        }
    }
    if outline.asked == 0 {
        ps.push(para(None, outline::NO_QUESTIONS));
    } else if let Some(count) = outline.count() {
        ps.push(para(None, &count));
    }

    ps.push(h1(3, PARTS[2]));
    numbered(&mut ps, outline.closing);
    ps.push(h1(4, PARTS[3]));
    ps.push(para(None, outline.recording));
    super::pack(add_all(page(), ps), now)
}

/// `1.` `2.` … before each text.
fn numbered(ps: &mut Vec<Paragraph>, texts: &[&str]) {
    ps.extend(texts.iter().enumerate().map(|(n, t)| h3(n + 1, "", t)));
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use super::*;
    use crate::model::outline::OutlineOptions;
    use crate::model::{Record, Role, Status};
    use crate::store::load_catalog;

    fn document_xml(bytes: &[u8]) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    #[test]
    fn settled_items_are_marked_and_the_open_ones_counted() {
        let (catalog, _) = load_catalog(None);
        let templates: Vec<_> = catalog.templates().collect();
        let mut r = Record::new(
            "计算机学院",
            "第三轮",
            "",
            "张三",
            &templates,
            crate::testing::at(26, 9),
        );
        r.answers
            .entry("zhengzhi-jilv/first-topic".into())
            .or_default()
            .status = Status::Problem;
        let outline = Outline::build(
            catalog.templates(),
            Role::Secretary,
            &OutlineOptions {
                unit: "计算机学院",
                unit_type: None,
                records: std::slice::from_ref(&r),
            },
        );
        let xml = document_xml(&outline_docx(&outline, crate::testing::at(20, 9)));
        assert!(xml.contains("被巡察单位：计算机学院"));
        assert!(xml.contains("【已发现问题，可进一步印证】"));
        assert!(xml.contains(&outline.count().unwrap()));
        // the blanks two to a line
        assert!(xml.contains("谈话对象：＿＿＿＿　谈话时间：＿＿＿＿"));
        // a role no item lists says so instead of the questions
        let empty = crate::model::Catalog::default();
        let none = Outline::build(empty.templates(), Role::Retiree, &OutlineOptions::default());
        let xml = document_xml(&outline_docx(&none, crate::testing::at(20, 9)));
        assert!(xml.contains(outline::NO_QUESTIONS));
        assert!(xml.contains("三、结束时的问题"));
    }
}
