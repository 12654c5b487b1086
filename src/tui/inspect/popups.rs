//! The inspect screen's boxes over its panes: a yes/no question, the outside change's three
//! ways out, and the sources popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Inspect;
use crate::i18n::ui::ui;
use crate::text;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, fit, list, pane_block, popup_area, wrap_lines};

pub(super) fn confirm(frame: &mut Frame, area: Rect, question: &str, hint: &str, theme: &Theme) {
    let w = (text::width(question).max(text::width(hint)) + 6).min(usize::from(area.width)) as u16;
    let rect = centered(area, w, 4);
    popup_area(frame, rect);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(question.to_string(), theme.title),
            Line::raw(hint.to_string()),
        ])
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border_focus),
        ),
        rect,
    );
}

/// Another program changed the record and a save was refused: what happened and the three
/// ways out, in the middle of the screen.
pub(super) fn draw_conflict(frame: &mut Frame, lang: crate::i18n::Lang, area: Rect, theme: &Theme) {
    let ui = ui(lang);
    let width = area.width.saturating_sub(4).min(76);
    let inner = usize::from(width.saturating_sub(2));
    let mut lines = vec![Line::raw(ui.conflict_text.to_string()), Line::raw("")];
    lines.extend(ui.conflict_ways.iter().map(|w| Line::raw(w.to_string())));
    let lines = wrap_lines(lines, inner);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = centered(area, width, height);
    popup_area(frame, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.error)
                .title(Span::styled(
                    format!(" {} ", ui.conflict_title),
                    theme.error,
                )),
        ),
        rect,
    );
}

pub(super) fn draw_sources(
    frame: &mut Frame,
    view: &Inspect,
    selected: usize,
    area: Rect,
    theme: &Theme,
) {
    let ui = ui(view.lang);
    let rect = centered(
        area,
        area.width.saturating_sub(8).min(70),
        area.height.saturating_sub(4).min(20),
    );
    popup_area(frame, rect);
    let width = usize::from(rect.width.saturating_sub(2));
    let mut rows: Vec<Line> = view
        .record
        .sources
        .iter()
        .map(|s| {
            let current = view.current_source.as_deref() == Some(s.code.as_str());
            let at =
                s.at.map(|t| t.0.format("%m-%d %H:%M").to_string())
                    .unwrap_or_default();
            // The private reference is not listed (code name, kind and time only) unless the
            // inspector asked to see this one (`r`), until the popup closes.
            let mut spans = vec![
                Span::raw(if current { "* " } else { "  " }),
                Span::styled(text::pad(&s.code, 6), theme.title),
                Span::raw(text::pad(s.kind.label(view.lang), 18)),
                Span::styled(at, theme.dim),
            ];
            if view.revealed.as_deref() == Some(s.code.as_str()) {
                spans.push(Span::styled(format!("  {}", ui.revealed), theme.warn));
                spans.push(Span::styled(s.reference.replace('\n', " "), theme.warn));
            }
            fit(spans, width)
        })
        .collect();
    if rows.is_empty() {
        rows.push(Line::styled(ui.no_sources, theme.dim));
    }
    let selected = (!view.record.sources.is_empty()).then_some(selected);
    list(
        frame,
        rect,
        pane_block(ui.sources_title, true, theme),
        rows,
        selected,
        theme.selected,
        theme.border_focus,
    );
}
