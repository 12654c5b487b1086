//! The inspect screen's boxes over its panes: the outside change's three ways out, the
//! sources popup and the 谈话提纲.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::forms::{FormOverlay, OutlineField, Purpose};
use super::{Inspect, Overlay};
use crate::i18n::ui::ui;
use crate::model::Role;
use crate::model::outline::{self, Outline, OutlineOptions, chinese_numeral};
use crate::text;
use crate::tui::form::{Field, Form};
use crate::tui::scroll::Scroll;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, fit, list, pane_block, popup_area, scrollbar, wrap_lines};

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
            // The private reference is not listed (code name, kind, time and 谈话对象 only)
            // unless the inspector asked to see this one (`r`), until the popup closes.
            let mut spans = vec![
                Span::raw(if current { "* " } else { "  " }),
                Span::styled(text::pad(&s.code, 6), theme.title),
                Span::raw(text::pad(s.kind.label(view.lang), 18)),
                Span::styled(text::pad(&at, 11), theme.dim),
            ];
            // whom the talk was with, by kind of person only (谈话对象类别)
            if let Some(role) = s.role {
                spans.push(Span::raw(format!("  {}", role.label(view.lang))));
            }
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

/// The 谈话提纲 for `role` as lines: the content of `xuncha outline` (`model::outline`) for the
/// record's checklists and unit type, with what this record already settles marked. The
/// outline's texts are Chinese in either interface language, as the document is.
pub(super) fn outline_lines(view: &Inspect, role: Role, theme: &Theme) -> Vec<Line<'static>> {
    let record = &view.record;
    let outline = Outline::build(
        &view.templates,
        role,
        &OutlineOptions {
            unit: &record.unit,
            unit_type: record.unit_type,
            records: std::slice::from_ref(record),
        },
    );
    let part = |n: usize| {
        Line::styled(
            format!("{}、{}", chinese_numeral(n + 1), outline::PARTS[n]),
            theme.warn,
        )
    };
    let numbered = |lines: &mut Vec<Line<'static>>, texts: &[&str]| {
        for (n, t) in texts.iter().enumerate() {
            lines.push(Line::raw(format!("{}. {t}", n + 1)));
        }
    };
    let mut lines = vec![
        Line::styled(outline.title.clone(), theme.title),
        Line::raw(outline.header()),
        Line::styled(outline.notice, theme.warn),
        Line::raw(""),
        part(0),
    ];
    numbered(&mut lines, outline.opening);
    lines.push(Line::raw(outline.emphasis_line()));
    lines.push(Line::raw(""));
    lines.push(part(1));
    for (g, group) in outline.groups.iter().enumerate() {
        lines.push(Line::styled(
            format!("（{}）{}", chinese_numeral(g + 1), group.title),
            theme.title,
        ));
        for q in &group.questions {
            let mut spans = vec![Span::raw(format!("{}. {}", q.number, q.text))];
            if let Some(status) = q.settled {
                spans.push(Span::styled(format!(" {}", q.mark()), theme.status(status)));
            }
            lines.push(Line::from(spans));
            lines.push(Line::styled(
                format!("   {}{}", outline::FOLLOW_UP, q.follow_up),
                theme.dim,
            ));
            if !q.refs.is_empty() {
                lines.push(Line::styled(
                    format!("   {}{}", outline::ROLLED_UP_FROM, q.refs.join("、")),
                    theme.dim,
                ));
            }
            lines.push(Line::styled(
                format!("   {}{}", outline::ITEM_KEY, q.key),
                theme.dim,
            ));
        }
    }
    if outline.asked == 0 {
        lines.push(Line::styled(outline::NO_QUESTIONS, theme.dim));
    } else if let Some(count) = outline.count() {
        lines.push(Line::styled(count, theme.title));
    }
    lines.push(Line::raw(""));
    lines.push(part(2));
    numbered(&mut lines, outline.closing);
    lines.push(Line::raw(""));
    lines.push(part(3));
    lines.push(Line::raw(outline.recording));
    lines
}

/// The outline overlay: over the panes, below the header and above the status bar and the
/// footer (which shows how to close it); it scrolls and stops at its last line.
pub(super) fn draw_outline(
    frame: &mut Frame,
    view: &Inspect,
    role: Role,
    scroll: &Scroll,
    area: Rect,
    theme: &Theme,
) {
    let ui = ui(view.lang);
    let above_bars = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(3),
        ..area
    };
    // the whole width on a small terminal, so no pane's border shows beside its own
    let rect = centered(above_bars, area.width.min(110), above_bars.height);
    popup_area(frame, rect);
    let lines = wrap_lines(
        outline_lines(view, role, theme),
        usize::from(rect.width.saturating_sub(2)),
    );
    let total = lines.len();
    let first = scroll.settle(total, usize::from(rect.height.saturating_sub(2)), None);
    let title = format!("{} · {}", ui.outline_title, role.label(view.lang));
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((u16::try_from(first).unwrap_or(u16::MAX), 0))
            .block(pane_block(
                &text::truncate(&title, usize::from(rect.width.saturating_sub(4))),
                true,
                theme,
            )),
        rect,
    );
    scrollbar(frame, rect, total, first, theme.border_focus);
}

/// Opening the 谈话提纲 overlay.
impl Inspect {
    /// The 谈话提纲 for the current source's role; when the current source has none (or there
    /// is no current source), a form asks for the role first.
    pub(super) fn open_outline(&mut self) {
        let role = self
            .current_source
            .as_deref()
            .and_then(|c| self.record.source(c))
            .and_then(|s| s.role);
        if let Some(role) = role {
            self.show_outline(role);
            return;
        }
        let ui = self.ui();
        let roles = Role::ALL
            .iter()
            .map(|r| r.label(self.lang).to_string())
            .collect();
        let first = self
            .outline_role
            .and_then(|r| Role::ALL.iter().position(|x| *x == r))
            .unwrap_or(0);
        self.overlay = Overlay::Form(Box::new(FormOverlay {
            purpose: Purpose::OutlineRole,
            form: Form::new(
                ui.outline_ask,
                vec![(OutlineField::Role, Field::choice(ui.f_role, roles, first))],
            ),
            confirming: false,
        }));
    }

    /// Show the 谈话提纲 for `role`, from its top.
    pub(super) fn show_outline(&mut self, role: Role) {
        self.outline_role = Some(role);
        self.overlay = Overlay::Outline {
            role,
            scroll: Scroll::default(),
        };
    }
}
