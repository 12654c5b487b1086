//! The page and its paragraphs: A4 with the margins, the footers with the page number, the
//! title, body text and the four heading levels, each with the figures of [`super::layout`].

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
};

use super::layout as gb;
use crate::model::Timestamp;
use crate::report::{Input, sanitize};
use unicode_width::UnicodeWidthStr;

/// A4, the margins, the default font, and the page number in the footer (odd right, even left).
pub(super) fn page() -> Docx {
    Docx::new()
        .page_size(gb::PAGE_WIDTH, gb::PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(gb::MARGIN_TOP as i32)
                .left(gb::MARGIN_LEFT as i32)
                .bottom(gb::MARGIN_BOTTOM as i32)
                .right(gb::MARGIN_RIGHT as i32)
                .header(gb::HEADER_DISTANCE as i32)
                .footer(gb::FOOTER_DISTANCE as i32)
                .gutter(0),
        )
        .default_fonts(fonts(gb::BODY_FONT))
        .default_size(gb::BODY_SIZE)
        .footer(Footer::new().add_paragraph(page_number(true)))
        .even_footer(Footer::new().add_paragraph(page_number(false)))
}

/// East Asian text in `east_asia`, Latin letters and digits in Times New Roman.
fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(gb::LATIN_FONT)
        .hi_ansi(gb::LATIN_FONT)
}

/// 「— 1 —」: the PAGE field between two 一字线, 4号宋体, 空一字 from the outer edge.
fn page_number(odd: bool) -> Paragraph {
    let f = || {
        RunFonts::new()
            .east_asia(gb::PAGE_NUMBER_FONT)
            .ascii(gb::PAGE_NUMBER_FONT)
            .hi_ansi(gb::PAGE_NUMBER_FONT)
    };
    let text = |t: &str| Run::new().fonts(f()).size(gb::PAGE_NUMBER_SIZE).add_text(t);
    let field = Run::new()
        .fonts(f())
        .size(gb::PAGE_NUMBER_SIZE)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let p = Paragraph::new()
        .add_run(text(&format!("{} ", gb::PAGE_NUMBER_DASH)))
        .add_run(field)
        .add_run(text(&format!(" {}", gb::PAGE_NUMBER_DASH)));
    if odd {
        p.align(AlignmentType::Right)
            .indent(None, None, Some(gb::PAGE_NUMBER_INSET), None)
    } else {
        p.align(AlignmentType::Left)
            .indent(Some(gb::PAGE_NUMBER_INSET), None, None, None)
    }
}

pub(super) fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
        .before(0)
        .after(0)
}

pub(super) fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new()
        .fonts(fonts(font))
        .size(size)
        .add_text(sanitize(text).into_owned())
}

/// A title or a heading: never left alone at the bottom of a page (kept with the paragraph
/// after it) and never split across two pages.
fn heading(p: Paragraph) -> Paragraph {
    p.keep_next(true).keep_lines(true)
}

/// The title: 2号小标宋, centred, a [`heading`].
pub(super) fn title(text: &str) -> Paragraph {
    heading(Paragraph::new())
        .add_run(run(text, gb::TITLE_FONT, gb::TITLE_SIZE))
        .align(AlignmentType::Center)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::AtLeast)
                .line(gb::TITLE_LINE)
                .before(0)
                .after(0),
        )
}

/// A line of body text with no indent (主送, an empty line).
pub(super) fn flush(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, gb::BODY_FONT, gb::BODY_SIZE))
        .align(AlignmentType::Both)
        .line_spacing(exact(gb::BODY_LINE))
}

/// A body paragraph, indented two characters; a heading run in `lead` (font) before it.
pub(super) fn para(lead: Option<(&str, &str)>, text: &str) -> Paragraph {
    let mut p = Paragraph::new()
        .align(AlignmentType::Both)
        .line_spacing(exact(gb::BODY_LINE))
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(gb::FIRST_LINE_INDENT)),
            None,
            None,
        );
    if let Some((font, lead)) = lead {
        p = p.add_run(run(lead, font, gb::BODY_SIZE));
    }
    if !text.is_empty() {
        p = p.add_run(run(text, gb::BODY_FONT, gb::BODY_SIZE));
    }
    p
}

/// 「一、」 in 黑体, a [`heading`] at the first level of Word's outline.
pub(super) fn h1(n: usize, text: &str) -> Paragraph {
    heading(para(
        Some((gb::H1_FONT, &format!("{}、{text}", zh_numeral(n)))),
        "",
    ))
    .outline_lvl(0)
}

/// 「（一）」 in 楷体, a [`heading`] at the second level of Word's outline.
pub(super) fn h2(n: usize, text: &str) -> Paragraph {
    heading(para(
        Some((gb::H2_FONT, &format!("（{}）{text}", zh_numeral(n)))),
        "",
    ))
    .outline_lvl(1)
}

/// 「1.」 in 仿宋, the 定性 line, followed in the same paragraph by `rest`.
pub(super) fn h3(n: usize, text: &str, rest: &str) -> Paragraph {
    para(Some((gb::H3_FONT, &format!("{n}.{text}"))), rest)
}

/// 「（1）」 in 仿宋.
pub(super) fn h4(n: usize, text: &str) -> Paragraph {
    para(Some((gb::H3_FONT, &format!("（{n}）"))), text)
}

/// 一 … 十, 十一 … 九十九.
fn zh_numeral(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |i: usize| D.get(i).copied().unwrap_or_default();
    match n {
        0 => "〇".to_string(),
        1..=9 => digit(n).to_string(),
        10..=19 => format!("十{}", digit(n - 10)),
        20..=99 => format!("{}十{}", digit(n / 10), digit(n % 10)),
        _ => n.to_string(),
    }
}

/// 7.3.5: `2026年1月5日`: Arabic numerals, full year, no leading zeros.
pub fn date(t: Timestamp) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", t.0.year(), t.0.month(), t.0.day())
}

/// The sender and the date after a blank line (7.3.5.2, a document without a seal): the longer
/// of the two right-aligned 空二字, the date's first character two characters right of the
/// sender's. The last paragraph of `ps`, the blank line and the sender are kept with what
/// follows, so the signature never stands alone on a page.
pub(super) fn sign(ps: &mut Vec<Paragraph>, input: &Input<'_>, ui: usize) {
    let mut groups: Vec<String> = input
        .review
        .units
        .get(ui)
        .map(|u| u.groups.clone())
        .unwrap_or_default();
    groups.retain(|g| !g.trim().is_empty());
    let sender = if groups.is_empty() {
        "巡察组".to_string()
    } else {
        groups.join("、")
    };
    let date = date(input.options.now);
    let (sender_inset, date_inset) = signature_insets(&sender, &date);
    let right = |text: &str, inset: i32| {
        Paragraph::new()
            .add_run(run(text, gb::BODY_FONT, gb::BODY_SIZE))
            .align(AlignmentType::Right)
            .line_spacing(exact(gb::BODY_LINE))
            .indent(None, None, Some(inset), None)
    };
    if let Some(last) = ps.pop() {
        ps.push(last.keep_next(true));
    }
    ps.push(flush("").keep_next(true));
    ps.push(right(&sender, sender_inset).keep_next(true));
    ps.push(right(&date, date_inset));
}

/// The right indents of the sender and the date in twips (7.3.5.2), their widths measured in
/// half characters: a Chinese character is two, a digit one.
pub(super) fn signature_insets(sender: &str, date: &str) -> (i32, i32) {
    let halves = |s: &str| i32::try_from(UnicodeWidthStr::width(s)).unwrap_or(i32::MAX / 4);
    let (s, d) = (halves(sender), halves(date));
    let least = 2 * gb::SIGNATURE_INSET_CHARS;
    let shift = 2 * gb::DATE_SHIFT_CHARS;
    // the date's first character `shift` right of the sender's: date_inset + d = sender_inset + s - shift
    let sender_inset = least.max(d - s + shift + least);
    let date_inset = sender_inset + s - shift - d;
    let half = gb::BODY_CHAR / 2;
    (sender_inset * half, date_inset * half)
}

pub(super) fn add_all(doc: Docx, ps: impl IntoIterator<Item = Paragraph>) -> Docx {
    ps.into_iter().fold(doc, Docx::add_paragraph)
}
