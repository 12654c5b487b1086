//! The page and type figures of the DOCX documents, in one place, each with the clause of
//! GB/T 9704-2012 《党政机关公文格式》 it comes from (or the practice it follows where the
//! standard gives no figure). Summary and sources: `CHECKLIST-REVIEW.md` §4 of the project
//! notes, and `docs/REPORT.md`.
//!
//! Units are those of WordprocessingML: lengths in twips (1/20 pt; 1 mm = 1440/25.4 twips,
//! rounded to the nearest twip), font sizes in half-points (`w:sz`), fixed line spacing in
//! twips (`w:line` with `w:lineRule="exact"`). Chinese 字号: 二号 = 22 pt, 三号 = 16 pt,
//! 四号 = 14 pt (the usual convention; the standard names the 字号 only).

/// Twips in `mm` millimetres, rounded (1 in = 25.4 mm = 1440 twips).
pub const fn mm(mm: u32) -> u32 {
    // (mm × 1440 × 10 / 254 + 5) / 10: rounded to the nearest twip in integer arithmetic
    (mm * 144_000 / 254 + 5) / 10
}

/// 5.1: A4, 210 mm wide.
pub const PAGE_WIDTH: u32 = mm(210);
/// 5.1: A4, 297 mm high.
pub const PAGE_HEIGHT: u32 = mm(297);
/// 5.2.1: 天头 (top margin) 37 mm ± 1 mm.
pub const MARGIN_TOP: u32 = mm(37);
/// 5.2.1: 订口 (left, binding margin) 28 mm ± 1 mm.
pub const MARGIN_LEFT: u32 = mm(28);
/// 5.2.1: 版心 225 mm high, so 297 − 37 − 225 = 35 mm at the bottom (derived).
pub const MARGIN_BOTTOM: u32 = mm(35);
/// 5.2.1: 版心 156 mm wide, so 210 − 28 − 156 = 26 mm on the right (derived).
pub const MARGIN_RIGHT: u32 = mm(26);
/// 7.5: the page number's 一字线 lies 7 mm below the 版心, whose lower edge is 35 mm above
/// the page's; the footer's baseline is put 25 mm above the page edge, so that the middle of
/// a 四号 line (where the dashes are drawn) sits about 7 mm under the 版心.
pub const FOOTER_DISTANCE: u32 = mm(25);
/// Header distance (no header is written; Word's default of 15 mm).
pub const HEADER_DISTANCE: u32 = mm(15);

/// 7.3.1: the title in 2号小标宋体. 方正小标宋简体 is the face offices use; it is commercial,
/// so it is only named (East Asian font attribute), never embedded or shipped.
pub const TITLE_FONT: &str = "方正小标宋简体";
/// 7.3.1: 二号 = 22 pt.
pub const TITLE_SIZE: usize = 44;
/// Practice: a two-line title at 二号 needs more than the body's 28 pt; at least 35 pt.
pub const TITLE_LINE: i32 = 700;
/// 5.2.2 and 7.3.3: everything not stated otherwise in 3号仿宋体; offices name 仿宋_GB2312.
pub const BODY_FONT: &str = "仿宋_GB2312";
/// 5.2.2: 三号 = 16 pt.
pub const BODY_SIZE: usize = 32;
/// Western letters and digits in body text: practice names Times New Roman beside 仿宋.
pub const LATIN_FONT: &str = "Times New Roman";
/// 5.2.3 gives 22 lines per 225 mm 版心; Word practice (and the CTAN `gbt9704` class) is a
/// fixed 28 pt line pitch for 16 pt text.
pub const BODY_LINE: i32 = 560;
/// 7.3.3: each paragraph indented two characters: 2 × 16 pt = 32 pt = 640 twips. (docx-rs
/// 0.4 writes `w:firstLine` only, not `w:firstLineChars`, so the indent is in twips.)
pub const FIRST_LINE_INDENT: i32 = 640;
/// 7.3.3: level-one headings 「一、」 in 黑体.
pub const H1_FONT: &str = "黑体";
/// 7.3.3: level-two headings 「（一）」 in 楷体; offices name 楷体_GB2312.
pub const H2_FONT: &str = "楷体_GB2312";
/// 7.3.3: levels three 「1.」 and four 「（1）」 in 仿宋体.
pub const H3_FONT: &str = BODY_FONT;
/// 7.5: the page number in 4号半角宋体 Arabic numerals.
pub const PAGE_NUMBER_FONT: &str = "宋体";
/// 7.5: 四号 = 14 pt.
pub const PAGE_NUMBER_SIZE: usize = 28;
/// 7.5: odd pages right-aligned 空一字, even pages left-aligned 空一字: one 四号 character,
/// 14 pt = 280 twips.
pub const PAGE_NUMBER_INSET: i32 = 280;
/// 7.5: a 一字线 (em dash) each side of the number: 「— 1 —」.
pub const PAGE_NUMBER_DASH: &str = "—";
/// 5.2.2: one character of body text, 三号 = 16 pt = 320 twips; half of it is the width of a
/// digit or a Latin letter (Times New Roman's digits are half an em).
pub const BODY_CHAR: i32 = 320;
/// 7.3.5.2 (a document without a seal, as the drafts are): the longer of the sender's name and
/// the date is right-aligned 空二字 …
pub const SIGNATURE_INSET_CHARS: i32 = 2;
/// … and the date's first character stands two characters right of the sender's first one.
pub const DATE_SHIFT_CHARS: i32 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_become_the_twips_word_uses() {
        // Word's own A4 is 11906 × 16838 twips
        assert_eq!((PAGE_WIDTH, PAGE_HEIGHT), (11906, 16838));
        assert_eq!(MARGIN_TOP, 2098);
        assert_eq!(MARGIN_LEFT, 1587);
        assert_eq!(MARGIN_BOTTOM, 1984);
        assert_eq!(MARGIN_RIGHT, 1474);
        // the 版心 is 156 mm × 225 mm
        assert_eq!(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT, mm(156) + 1);
        assert_eq!(PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, mm(225));
    }
}
