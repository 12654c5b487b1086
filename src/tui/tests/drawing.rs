//! Drawing at any size: every size from 1×1, borders intact under wide characters,
//! pathological text, line wrapping (ours against ratatui's), synchronized frames, panes where
//! clicks are mapped and scrollbars.

use crossterm::event::{Event, KeyCode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{
    App, app, app_with, catalog, ctrl, fixed_time, keys, press, record, render, review_app,
    rich_app, screen, view,
};
use crate::i18n::Lang;
use crate::model::{Source, SourceKind};
use crate::tui::app::Screen;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

#[test]
fn every_size_from_1x1_renders_without_panic() {
    let mut a = app();
    keys(&mut a, "2n");
    keys(&mut a, &"很长的证据记录".repeat(50));
    for (w, h) in [
        (1, 1),
        (2, 1),
        (10, 3),
        (20, 5),
        (39, 9),
        (40, 10),
        (41, 11),
        (57, 13),
        (80, 24),
        (250, 80),
    ] {
        render(&a, w, h);
    }
    ctrl(&mut a, 's');
    for w in (1..200).step_by(7) {
        for h in (1..60).step_by(5) {
            render(&a, w, h);
        }
    }
}

/// What a terminal would show: every row exactly the screen's width, and the right border of
/// the last pane intact (a double-width character must never cover it).
fn assert_borders_intact(shown: &str, w: usize, rows: std::ops::Range<usize>) {
    for (y, line) in shown.lines().enumerate() {
        assert_eq!(
            crate::text::width(line),
            w,
            "row {y} has the wrong width:\n{shown}"
        );
        if rows.contains(&y) {
            // The border's line, or the scrollbar's thumb drawn over it.
            assert!(
                line.ends_with('│') || line.ends_with('┃'),
                "row {y} lost its right border:\n{shown}"
            );
        }
    }
}

#[test]
fn wide_characters_never_cover_a_border() {
    let mut a = review_app();
    for _ in 0..3 {
        for _ in 0..25 {
            for (w, h) in [(80, 24), (97, 30), (160, 48)] {
                // below the tabs, above the bottom border, the status line and the footer
                assert_borders_intact(&screen(&a, w, h), w as usize, 3..(h as usize - 3));
            }
            keys(&mut a, "j");
        }
        press(&mut a, KeyCode::Tab);
    }
    let mut a = rich_app();
    for w in 60..130 {
        assert_borders_intact(&screen(&a, w, 30), w as usize, 2..27);
    }
    keys(&mut a, "j");
    assert_borders_intact(&screen(&a, 81, 30), 81, 2..27);
}

#[test]
fn wrap_lines_respects_width_and_keeps_ascii_words_whole() {
    use crate::tui::widgets::wrap_lines;
    use ratatui::text::Line;
    let lines = wrap_lines(
        vec![Line::raw(
            "三看 · 三看：是否贯彻落实决策部署 and some English words",
        )],
        12,
    );
    for l in &lines {
        assert!(l.width() <= 12, "{l:?}");
    }
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    assert!(text.iter().any(|t| t.contains("English")), "{text:?}");
    assert_eq!(
        text.concat(),
        "三看 · 三看：是否贯彻落实决策部署 and some English words"
    );
    assert_eq!(wrap_lines(vec![Line::raw("")], 5).len(), 1);
}

/// Text that has broken terminal programs: very long words, wide characters, emoji with
/// modifiers, combining marks, right-to-left text, control and escape characters.
const NASTY: &[&str] = &[
    "超长无空格的中文证据记录超长无空格的中文证据记录超长无空格的中文证据记录超长无空格的中文证据记录",
    "averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword",
    "👩🏽‍💻🇨🇳😀 emoji",
    "e\u{301}\u{302}\u{303} combining",
    "مرحبا بالعالم RTL עברית",
    "\u{1b}[2J\u{1b}[31mescape\u{7}\u{8}\r\n\ttab\u{0}nul\u{85}\u{2028}",
    "「」（）：；，。、",
];

/// No cell of the buffer may hold a control character: it would reach the terminal raw.
fn assert_no_control_cells(t: &Terminal<TestBackend>) {
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let s = buf[(x, y)].symbol();
            assert!(
                !s.chars().any(char::is_control),
                "control character {s:?} at {x},{y}"
            );
        }
    }
}

#[test]
fn pathological_text_renders_at_every_size_without_control_characters() {
    let catalog = catalog();
    let mut r = record(&catalog);
    r.unit = NASTY.concat();
    r.inspector = NASTY[5].to_string();
    r.sources.push(Source {
        code: NASTY[5].to_string(),
        kind: SourceKind::Interview,
        reference: "私密".into(),
        at: None,
        role: None,
    });
    let mut a = app_with(r, None);
    keys(&mut a, "s");
    press(&mut a, KeyCode::Enter);
    for text in NASTY {
        keys(&mut a, "2n");
        a.handle_event(Event::Paste(text.to_string()), fixed_time());
        press(&mut a, KeyCode::Tab);
        press(&mut a, KeyCode::Tab);
        a.handle_event(Event::Paste(text.to_string()), fixed_time());
        ctrl(&mut a, 's');
        keys(&mut a, "f");
        a.handle_event(Event::Paste(text.to_string()), fixed_time());
        ctrl(&mut a, 's');
        keys(&mut a, "j");
    }
    keys(&mut a, "g");
    for (w, h) in [
        (1, 1),
        (3, 2),
        (40, 10),
        (41, 11),
        (57, 17),
        (80, 24),
        (101, 33),
        (250, 80),
    ] {
        for _ in 0..3 {
            let t = render(&a, w, h);
            assert_no_control_cells(&t);
            keys(&mut a, "j");
        }
        press(&mut a, KeyCode::Tab);
    }
    // wide characters at every column: the tree pane edge moves with the width
    for w in 40..140 {
        let t = render(&a, w, 20);
        assert_no_control_cells(&t);
        assert_borders_intact(&screen(&a, w, 20), usize::from(w), 2..17);
    }
    // the same record in the review
    let records = vec![(std::path::PathBuf::from("/x.toml"), view(&a).record.clone())];
    let review = crate::model::Review::build(
        &records,
        &catalog,
        &crate::model::ReviewOptions::new(fixed_time()),
    );
    let screen =
        crate::tui::review::ReviewScreen::new(Lang::Zh, review, catalog, vec![], "/".into());
    let mut r = App::new(
        Lang::Zh,
        Keymap::default_map(),
        Theme::new(true),
        Screen::Review(Box::new(screen)),
    );
    for _ in 0..3 {
        for w in (1..250).step_by(17) {
            for h in [1, 5, 11, 24, 80] {
                assert_no_control_cells(&render(&r, w, h));
            }
        }
        keys(&mut r, "j");
        press(&mut r, KeyCode::Tab);
    }
}

#[test]
fn each_frame_is_one_synchronized_update() {
    use ratatui::TerminalOptions;
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{Terminal, Viewport};
    /// What the backend writes, kept where the test can read it.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
    impl std::io::Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut a = app();
    let out = Shared::default();
    let mut t = Terminal::with_options(
        CrosstermBackend::new(out.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
        },
    )
    .unwrap();
    crate::tui::terminal::draw(&mut t, &mut a).unwrap();
    let first = std::mem::take(&mut *out.0.borrow_mut());
    keys(&mut a, "j");
    crate::tui::terminal::draw(&mut t, &mut a).unwrap();
    let second = out.0.borrow().clone();
    for bytes in [first, second] {
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with("\u{1b}[?2026h"), "{text:?}");
        assert!(text.ends_with("\u{1b}[?2026l"), "{text:?}");
        assert_eq!(text.matches("\u{1b}[?2026h").count(), 1);
    }
}

#[test]
fn panes_are_drawn_where_mouse_clicks_are_mapped() {
    let a = app();
    for (w, h) in [(80, 24), (97, 31), (120, 40), (250, 80)] {
        let t = render(&a, w, h);
        let buf = t.backend().buffer();
        let l = crate::tui::inspect::view::inspect_layout(
            ratatui::layout::Rect::new(0, 0, w, h),
            Default::default(),
        );
        for rect in [l.tree, l.items, l.detail] {
            assert_eq!(buf[(rect.x, rect.y)].symbol(), "┌", "{w}x{h} {rect:?}");
            assert_eq!(
                buf[(rect.right() - 1, rect.bottom() - 1)].symbol(),
                "┘",
                "{w}x{h} {rect:?}"
            );
        }
    }
}

/// The column of the right border of `rect` from its top to its bottom row, inside the corners.
fn right_border(t: &Terminal<TestBackend>, rect: ratatui::layout::Rect) -> String {
    let buf = t.backend().buffer();
    (rect.y + 1..rect.bottom() - 1)
        .map(|y| buf[(rect.right() - 1, y)].symbol().to_string())
        .collect()
}

#[test]
fn scrolling_panes_show_where_they_are() {
    let mut a = app();
    for i in 0..12 {
        keys(&mut a, "n");
        keys(
            &mut a,
            &format!("第{i}条证据，较长的谈话内容，占满详情区域的几行高度。"),
        );
        ctrl(&mut a, 's');
    }
    let l = crate::tui::inspect::view::inspect_layout(
        ratatui::layout::Rect::new(0, 0, 80, 24),
        Default::default(),
    );
    // The checklist tree is longer than its pane: a thumb shorter than the pane shows where
    // the selected row is.
    let tree = right_border(&render(&a, 80, 24), l.tree);
    assert!(tree.contains('┃') && tree.contains('│'), "{tree}");
    // The notes are longer than the detail pane: the thumb follows the selected note.
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "g");
    let top = right_border(&render(&a, 80, 24), l.detail);
    keys(&mut a, "G");
    let bottom = right_border(&render(&a, 80, 24), l.detail);
    let thumb = |s: &str| s.chars().position(|c| c == '┃');
    assert!(top.contains('│') && bottom.ends_with('┃'), "{top} {bottom}");
    assert!(thumb(&top) < thumb(&bottom), "{top} {bottom}");
    // A pane whose rows fit keeps its plain border.
    let items = right_border(&render(&a, 80, 24), l.items);
    assert!(items.chars().all(|c| c == '│'), "{items}");
}

#[test]
fn wrapped_detail_keeps_styles_and_kinsoku() {
    use crate::tui::widgets::wrap_lines;
    use ratatui::style::{Color, Style};
    use ratatui::text::{Line, Span};
    let red = Style::default().fg(Color::Red);
    let lines = wrap_lines(
        vec![Line::from(vec![
            Span::raw("巡察组进"),
            Span::styled("驻，开展", red),
            Span::raw("谈话"),
        ])],
        10,
    );
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    assert_eq!(text, ["巡察组进", "驻，开展谈", "话"]);
    assert_eq!(lines[1].spans[0].style, red);
    assert_eq!(lines[1].spans[0].content, "驻，开展");
    assert_eq!(lines[1].spans[1].style, Style::default());
}

/// Why the wrapping stays ours: ratatui's `Paragraph::wrap` puts a double-width character in a
/// pane's last column, where it covers the border, and starts lines with closing punctuation;
/// `view::wrap_lines` into a plain `Paragraph` does neither, on the same texts and widths. When
/// a ratatui release fixes both, this test fails, and our wrapping can go.
#[test]
fn ratatui_wrap_breaks_borders_and_kinsoku_where_ours_does_not() {
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
    let texts = [
        "书记是否切实履行管党治党第一责任人职责，班子是否定期研究党的建设和全面从严治党工作？",
        "Status: [ ] unchecked 调阅本单位党组织会议、党政联席会议议事规则及近三年会议记录，核对议题范围",
        "👩🏽‍💻🇨🇳😀 emoji e\u{301}\u{302}，「引号」（括号）：分号；逗号，句号。顿号、 averyveryveryveryverylongword 中文",
    ];
    // (A run of nothing but closing punctuation wider than the pane must be cut somewhere, so
    // the texts have none, and panes are at least six cells wide inside: "号）：" fits.)
    // (cells covering the right border, lines after the first starting with closing punctuation)
    let faults = |ours: bool| {
        let (mut border, mut kinsoku) = (0, 0);
        for text in texts {
            for w in 8u16..40 {
                let mut t = Terminal::new(TestBackend::new(w, 24)).unwrap();
                t.draw(|f| {
                    let block = Block::default().borders(Borders::ALL);
                    let p = if ours {
                        let lines = crate::tui::widgets::wrap_lines(
                            vec![Line::raw(text)],
                            usize::from(w - 2),
                        );
                        Paragraph::new(lines)
                    } else {
                        Paragraph::new(text).wrap(Wrap { trim: false })
                    };
                    f.render_widget(p.block(block), f.area());
                })
                .unwrap();
                let buf = t.backend().buffer();
                for y in 1..23 {
                    if crate::text::width(buf[(w - 2, y)].symbol()) > 1 {
                        border += 1;
                    }
                    if y > 1 && crate::text::is_closing(buf[(1, y)].symbol()) {
                        kinsoku += 1;
                    }
                }
            }
        }
        (border, kinsoku)
    };
    let (border, kinsoku) = faults(false);
    assert!(border > 0 && kinsoku > 0, "ratatui: {border} {kinsoku}");
    assert_eq!(faults(true), (0, 0));
}
