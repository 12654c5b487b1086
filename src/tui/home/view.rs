//! Drawing the home screen: the record list, the new-record form and its questions.

use crate::i18n::ui::ui;
use crate::text;
use crate::tui::chrome::{MIN_HEIGHT, MIN_WIDTH, draw_footer, too_small};
use crate::tui::keymap::{Action, Keymap, Mode};
use crate::tui::theme::Theme;
use crate::tui::widgets::list_offset;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Ask, Home};

pub(super) fn layout(area: Rect) -> (Rect, Rect, Rect, Rect) {
    let [header, list, status, footer] = crate::tui::chrome::screen_rows(area);
    (header, list, status, footer)
}

pub fn draw(frame: &mut Frame, home: &Home, keymap: &Keymap, theme: &Theme) {
    let area = frame.area();
    let ui = ui(home.lang);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, ui.too_small);
        return;
    }
    let (header, list, status, footer) = layout(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {} ", ui.app), theme.title),
            Span::styled(
                text::truncate(&home.data_dir, usize::from(area.width).saturating_sub(20)),
                theme.dim,
            ),
        ])),
        header,
    );
    let width = usize::from(list.width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    if home.rows.is_empty() && home.failed.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("  {}", ui.home_empty_1), theme.title));
        lines.push(Line::raw(format!("  {}", ui.home_empty_2)));
        lines.push(Line::styled(format!("  {}", ui.home_empty_3), theme.dim));
    } else {
        let offset = list_offset(home.selected, list);
        let rows = usize::from(list.height.saturating_sub(2));
        for (i, r) in home.rows.iter().enumerate().skip(offset).take(rows) {
            let pct = crate::model::progress::percent(r.done, r.total);
            let cells = format!(
                "{}  {}  {}  {}  {:>3}% {}/{}  {}  {}",
                text::pad(&r.unit, 16),
                text::pad(&r.round, 8),
                text::pad(&r.group, 10),
                text::pad(&r.inspector, 8),
                pct,
                r.done,
                r.total,
                r.updated,
                file_name(&r.path),
            );
            let line = Line::raw(text::truncate(&cells, width));
            lines.push(if i == home.selected && home.form.is_none() {
                line.style(theme.selected)
            } else {
                line
            });
        }
        for (_, err) in &home.failed {
            let first = err.lines().next().unwrap_or_default();
            lines.push(Line::styled(
                text::truncate(&format!("{} {first}", ui.home_failed), width),
                theme.error,
            ));
        }
    }
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border_focus)
                .title(format!(" {} ", ui.home_title)),
        ),
        list,
    );
    let shown = home.rows.len() + home.failed.len();
    crate::tui::widgets::scrollbar(
        frame,
        list,
        shown,
        list_offset(home.selected, list),
        theme.border_focus,
    );
    let width = usize::from(status.width);
    if let Some(m) = &home.message {
        frame.render_widget(Paragraph::new(Span::styled(m.clone(), theme.error)), status);
    } else if let Some(field) = home.completing() {
        // The values already in use, so that 第三轮 and 第3轮 do not split a unit.
        let used = home.used(field);
        if !used.is_empty() {
            let key = keymap.first_key_for(Mode::Form, Action::Complete);
            let said = (ui.used_values)(&key, &used.join(ui.list_sep));
            frame.render_widget(
                Paragraph::new(Span::styled(text::truncate(&said, width), theme.title)),
                status,
            );
        }
    } else if let Some(r) = home.rows.get(home.selected).filter(|_| home.form.is_none()) {
        // The selected record's file, whole: the list may cut it at the right edge.
        frame.render_widget(
            Paragraph::new(Span::styled(
                text::truncate(&format!("{}{}", ui.file_label, r.path.display()), width),
                theme.dim,
            )),
            status,
        );
    }
    draw_footer(frame, keymap, home.mode(), home.lang, footer, theme);
    if let Some((form, confirming)) = &home.form {
        form.render(frame, area, theme, ui.new_form_hint);
        if *confirming {
            crate::tui::widgets::confirm(frame, area, ui.confirm_discard, ui.yes_no, theme);
        }
    }
    if let Some(ask) = &home.ask {
        let question = match ask {
            Ask::Trash(path) => (ui.trash_confirm)(&file_name(path)),
            Ask::Duplicate(_, there) => (ui.duplicate_confirm)(&file_name(there)),
        };
        let w = area.width.saturating_sub(4).min(70);
        let lines = crate::tui::widgets::wrap_lines(
            vec![Line::styled(question, theme.title), Line::raw(ui.yes_no)],
            usize::from(w.saturating_sub(2)),
        );
        let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let rect = crate::tui::widgets::centered(area, w, h);
        frame.render_widget(ratatui::widgets::Clear, rect);
        frame.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border_focus),
            ),
            rect,
        );
    }
}

/// The file name of a record, for the list and the questions.
fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
