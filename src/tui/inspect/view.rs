//! Drawing the inspect screen: the layout (also used to map mouse clicks), the checklist tree,
//! the items, the detail and the status bar. Every function here reads state and draws; none
//! changes state or reads files.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::popups::{draw_conflict, draw_outline, draw_sources};
use super::{Entry, Inspect, Overlay, Pane, SaveState, TreeRow, TreeWidth};
use crate::i18n::ui::ui;
use crate::model::progress::percent;
use crate::model::template::answer_key;
use crate::model::{Status, Template, TemplateProgress};
use crate::text;
use crate::tui::chrome::{
    ANSWERING, EDITING, MIN_HEIGHT, MIN_WIDTH, draw_footer_of, screen_rows, too_small,
};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::{Theme, mark};
use crate::tui::widgets::{
    ItemDetail, border, confirm, fit, highlighted, list, pane_block, scrollbar, selection,
    wrap_lines,
};

/// Where the inspect screen's panes are, for drawing and for mouse clicks.
#[derive(Debug, Clone, Copy, Default)]
pub struct InspectLayout {
    pub header: Rect,
    pub tree: Rect,
    pub items: Rect,
    pub detail: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// The inspect screen's rows (header, body, status bar, footer) and the body's three panes at
/// 27 %, 35 % and 38 % of the width, by ratatui's `Layout`.
pub fn inspect_layout(area: Rect, tree_width: TreeWidth) -> InspectLayout {
    let [header, body, status, footer] = screen_rows(area);
    let [tree, items, detail] = match tree_width {
        TreeWidth::Wide => Layout::horizontal([
            Constraint::Percentage(27),
            Constraint::Percentage(35),
            Constraint::Percentage(38),
        ])
        .areas(body),
        TreeWidth::Narrow => Layout::horizontal([
            Constraint::Length(14),
            Constraint::Percentage(45),
            Constraint::Percentage(55),
        ])
        .areas(body),
        TreeWidth::Hidden => Layout::horizontal([
            Constraint::Length(0),
            Constraint::Percentage(45),
            Constraint::Percentage(55),
        ])
        .areas(body),
    };
    InspectLayout {
        header,
        tree,
        items,
        detail,
        status,
        footer,
    }
}

/// Done/total of a checklist (counted by the model's one counting function) or of one of its
/// sections.
fn progress_of(view: &Inspect, t: &Template, section: Option<usize>) -> (usize, usize) {
    let is_done = |key: &str| view.record.status(key).is_done();
    match section {
        None => {
            let p = TemplateProgress::count(t, view.record.unit_type, is_done);
            (p.done, p.total)
        }
        Some(s) => {
            let items: Vec<_> = t.sections[s]
                .items
                .iter()
                .filter(|i| i.counted(view.record.unit_type))
                .collect();
            let done = items
                .iter()
                .filter(|i| is_done(&answer_key(&t.id, &i.id)))
                .count();
            (done, items.len())
        }
    }
}

/// A section of lens items only (the 三看 looks): nothing in it is answered or counted.
fn looks_only(section: &crate::model::Section) -> bool {
    !section.items.is_empty() && section.items.iter().all(|i| !i.refs.is_empty())
}

pub fn draw_inspect(frame: &mut Frame, view: &Inspect, keymap: &Keymap, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, ui(view.lang).too_small);
        return;
    }
    let ui = ui(view.lang);
    let l = inspect_layout(area, view.tree_width);

    // Header: who, where, and whether it can be changed.
    let r = &view.record;
    let mut header = vec![
        Span::styled(format!(" {} ", ui.app), theme.title),
        Span::raw(format!(
            " {} · {} · {} · {}",
            r.unit, r.round, r.inspector, view.file_name
        )),
    ];
    if let Some(why) = &view.read_only {
        header.insert(
            0,
            Span::styled(
                format!(" {why} "),
                theme.error.add_modifier(Modifier::REVERSED),
            ),
        );
    }
    frame.render_widget(
        Paragraph::new(fit(header, usize::from(l.header.width))),
        l.header,
    );

    if l.tree.width > 0 {
        draw_tree(frame, view, l.tree, theme);
    }
    let entries = view.entries();
    draw_items(frame, view, &entries, l.items, theme);
    draw_detail(frame, view, entries.get(view.item_sel), l.detail, theme);
    draw_status(frame, view, l.status, theme);
    let left_out: &[crate::tui::keymap::Action] = if view.read_only.is_some() {
        &EDITING
    } else if view.on_look() {
        &ANSWERING
    } else {
        &[]
    };
    draw_footer_of(
        frame,
        keymap,
        view.mode(),
        view.lang,
        l.footer,
        theme,
        left_out,
    );

    if view.mode() == Mode::Conflict {
        draw_conflict(frame, view.lang, area, theme);
    }
    match &view.overlay {
        Overlay::None => {}
        Overlay::Form(f) => {
            if f.purpose == super::Purpose::Search {
                // The search line sits on the status bar, the list updates as you type.
                let rect = l.status;
                frame.render_widget(Clear, rect);
                f.form
                    .render_inline(frame, rect, theme, &format!("{} /", ui.search));
            } else {
                let hint = if f.purpose == super::Purpose::OutlineRole {
                    ui.outline_hint
                } else {
                    ui.form_hint
                };
                f.form.render(frame, area, theme, hint);
            }
            if f.confirming {
                confirm(frame, area, ui.confirm_discard, ui.yes_no, theme);
            }
        }
        Overlay::Sources { selected } => draw_sources(frame, view, *selected, area, theme),
        Overlay::Outline { role, scroll } => draw_outline(frame, view, *role, scroll, area, theme),
        Overlay::ConfirmDelete { key, id } => {
            // Say which note: its number and the start of its text.
            let first = view
                .record
                .answer(key)
                .and_then(|a| a.notes.iter().find(|n| n.id == *id))
                .and_then(|n| n.text.lines().next())
                .unwrap_or_default();
            let question = format!("{} #{id} {}", ui.confirm_delete, text::truncate(first, 30));
            confirm(frame, area, &question, ui.yes_no, theme);
        }
    }
    // A message too wide for the status line, whole, over everything (it goes at the next
    // key); not while the search line takes the status line's place.
    let searching =
        matches!(&view.overlay, Overlay::Form(f) if f.purpose == super::Purpose::Search);
    if let Some((m, err)) = view.message.as_ref().filter(|_| !searching) {
        let style = if *err { theme.error } else { theme.warn };
        crate::tui::widgets::overflow(frame, l.status, m, style);
    }
}

fn draw_tree(frame: &mut Frame, view: &Inspect, rect: Rect, theme: &Theme) {
    let ui = ui(view.lang);
    let width = usize::from(rect.width.saturating_sub(2));
    let rows: Vec<Line> = view
        .tree
        .iter()
        .map(|row| match *row {
            TreeRow::All => {
                let (d, n) = view.templates.iter().fold((0, 0), |(d, n), t| {
                    let (td, tn) = progress_of(view, t, None);
                    (d + td, n + tn)
                });
                let count = format!(" {d}/{n}");
                let title_w = width.saturating_sub(text::width(&count));
                fit(
                    vec![
                        Span::styled(text::pad(ui.all_checklists, title_w), theme.title),
                        Span::raw(count),
                    ],
                    width,
                )
            }
            TreeRow::Template(t) => {
                let template = &view.templates[t];
                let (d, n) = progress_of(view, template, None);
                let count = format!(" {d}/{n}");
                let title_w = width.saturating_sub(text::width(&count));
                fit(
                    vec![
                        Span::styled(text::pad(&template.title, title_w), theme.title),
                        Span::raw(count),
                    ],
                    width,
                )
            }
            TreeRow::Section(t, s) if looks_only(&view.templates[t].sections[s]) => {
                // a lens is not counted: its looks' rolled-up states instead of a count
                let section = &view.templates[t].sections[s];
                let marks: Vec<Span> = (0..section.items.len())
                    .map(|i| {
                        let status = view.shown_status(&Entry::Item { t, s, i });
                        Span::styled(mark(status), theme.status(status))
                    })
                    .collect();
                let marks_w: usize =
                    marks.iter().map(|m| text::width(&m.content)).sum::<usize>() + 1;
                let title_w = width.saturating_sub(marks_w + 2);
                let mut spans = vec![
                    Span::raw("  "),
                    Span::raw(text::pad(&section.title, title_w)),
                    Span::raw(" "),
                ];
                spans.extend(marks);
                fit(spans, width)
            }
            TreeRow::Section(t, s) => {
                let template = &view.templates[t];
                let (d, n) = progress_of(view, template, Some(s));
                let count = format!(" {d}/{n}");
                let title_w = width.saturating_sub(text::width(&count) + 2);
                let style = if d == n { theme.ok } else { Style::default() };
                fit(
                    vec![
                        Span::raw("  "),
                        Span::raw(text::pad(&template.sections[s].title, title_w)),
                        Span::styled(count, style),
                    ],
                    width,
                )
            }
            TreeRow::Orphans => {
                let n = view.orphan_keys().count();
                fit(
                    vec![Span::styled(format!("{} ({n})", ui.orphans), theme.warn)],
                    width,
                )
            }
        })
        .collect();
    let focused = view.focus == Pane::Tree && matches!(view.overlay, Overlay::None);
    list(
        frame,
        rect,
        pane_block(ui.checklists, focused, theme),
        rows,
        Some(view.tree_sel),
        selection(focused, theme),
        border(focused, theme),
    );
}

fn draw_items(frame: &mut Frame, view: &Inspect, entries: &[Entry], rect: Rect, theme: &Theme) {
    let ui = ui(view.lang);
    let width = usize::from(rect.width.saturating_sub(2));
    let searching = !view.search.is_empty();
    // Items from several checklists say which one they are from.
    let whole = view.whole_record();
    let rows: Vec<Line> = entries
        .iter()
        .map(|e| {
            let key = view.key_of(e);
            let answer = view.record.answer(&key);
            let status = view.shown_status(e);
            let notes = answer.map_or(0, |a| a.notes.len());
            let label = match view.item_of(e) {
                Some(item) => item.text.clone(),
                None => key.clone(),
            };
            let mut spans = vec![Span::styled(
                format!("{} ", mark(status)),
                theme.status(status),
            )];
            if whole && let Entry::Item { t, .. } = e {
                spans.push(Span::styled(
                    format!("{} ", view.templates[*t].title),
                    theme.dim,
                ));
            }
            let mut count = if notes > 0 {
                format!(" ({notes})")
            } else {
                String::new()
            };
            // Marked 发现问题 or 存疑待核 with the finding still empty: say so. Never on a look:
            // its state is rolled up, its findings are written on the items it lists.
            let look = view.item_of(e).is_some_and(|i| !i.refs.is_empty());
            let unwritten = !look
                && status.has_finding()
                && answer
                    .and_then(|a| a.finding.as_ref())
                    .is_none_or(|f| f.title.trim().is_empty() && f.statement.trim().is_empty());
            if unwritten {
                count = format!(" {}{count}", ui.finding_missing);
            }
            let room = width
                .saturating_sub(4 + text::width(&count))
                .saturating_sub(spans.iter().skip(1).map(|s| text::width(&s.content)).sum());
            let shown = text::truncate(&label.replace('\n', " "), room);
            spans.extend(highlighted(
                &shown,
                &view.search,
                Style::default(),
                theme.matched,
            ));
            spans.push(Span::styled(
                count,
                if unwritten { theme.warn } else { theme.dim },
            ));
            fit(spans, width)
        })
        .collect();
    let focused = view.focus == Pane::Items && matches!(view.overlay, Overlay::None);
    let mut title = ui.items.to_string();
    if searching {
        title = (ui.search_matches)(&view.search, entries.len());
    }
    let mut rows = rows;
    if entries.is_empty() {
        rows.push(Line::styled(ui.no_items, theme.dim));
    }
    let block = pane_block(&text::truncate(&title, width), focused, theme);
    let selected = (!entries.is_empty()).then_some(view.item_sel);
    list(
        frame,
        rect,
        block,
        rows,
        selected,
        selection(focused, theme),
        border(focused, theme),
    );
}

fn draw_detail(
    frame: &mut Frame,
    view: &Inspect,
    entry: Option<&Entry>,
    rect: Rect,
    theme: &Theme,
) {
    let ui = ui(view.lang);
    let lang = view.lang;
    let focused = view.focus == Pane::Detail && matches!(view.overlay, Overlay::None);
    let mut lines: Vec<Line> = Vec::new();
    // Where the selected note starts and ends among the lines.
    let mut selected_head = None;
    let mut selected_end = None;
    if let Some(entry) = entry {
        let d = ItemDetail {
            lang,
            theme,
            search: &view.search,
        };
        let key = view.key_of(entry);
        let answer = view.record.answer(&key);
        let status = view.shown_status(entry);
        match view.item_of(entry) {
            // a look: what it rests on, each with this record's state of it
            Some(item) if !item.refs.is_empty() => {
                let refs: Vec<(String, Status)> = item
                    .refs
                    .iter()
                    .filter_map(|key| {
                        let (t, it) = view.resolve(key)?;
                        let title = &view.templates[t].title;
                        Some((format!("{title} {}", it.text), view.record.status(key)))
                    })
                    .collect();
                d.look(&mut lines, None, item, Some(status), &refs);
            }
            Some(item) => d.item(&mut lines, None, item, Some(status)),
            None => d.orphan(&mut lines, None, &key, Some(status)),
        }
        // (a look's rolled-up state says nothing of a finding of its own)
        let look = view.item_of(entry).is_some_and(|i| !i.refs.is_empty());
        if let Some(f) = answer.and_then(|a| a.finding.as_ref())
            && ((status.has_finding() && !look) || *f != Default::default())
        {
            let category = f
                .category
                .or_else(|| view.item_of(entry).map(|i| i.category));
            d.finding(&mut lines, f, category);
        }
        lines.push(d.heading(ui.notes));
        let notes = answer.map(|a| a.notes.as_slice()).unwrap_or_default();
        if notes.is_empty() {
            lines.push(Line::styled(ui.no_notes, theme.dim));
        }
        for (i, n) in notes.iter().enumerate() {
            // Only the code name of the source: the private reference never shows here.
            let source = view
                .record
                .source(&n.source)
                .map(|s| format!("{} {}", s.code, s.kind.label(lang)));
            let head_style = if i == view.note_sel && focused {
                theme.selected
            } else if i == view.note_sel {
                theme.selected_unfocused
            } else {
                theme.dim
            };
            if i == view.note_sel {
                selected_head = Some(lines.len());
            }
            d.note(&mut lines, n, source, head_style);
            if i == view.note_sel {
                selected_end = Some(lines.len());
            }
        }
    }
    // Wrap line by line to know where the selected note starts on screen.
    let width = usize::from(rect.width.saturating_sub(2));
    let mut wrapped = Vec::new();
    let (mut note_start, mut note_end) = (None, None);
    for (i, line) in lines.into_iter().enumerate() {
        if Some(i) == selected_head {
            note_start = Some(wrapped.len());
        }
        if Some(i) == selected_end {
            note_end = Some(wrapped.len());
        }
        wrapped.extend(wrap_lines(vec![line], width));
    }
    if note_start.is_some() && note_end.is_none() {
        note_end = Some(wrapped.len());
    }
    // A note just selected or added comes into view; paging moves freely through the text and
    // stops at its last line.
    let rect = rect.intersection(frame.area());
    let height = usize::from(rect.height.saturating_sub(2)).max(1);
    let note = note_start.zip(note_end).map(|(a, b)| a..b);
    let scroll = view.detail.settle(wrapped.len(), height, note);
    let total = wrapped.len();
    frame.render_widget(
        Paragraph::new(wrapped)
            .block(pane_block(ui.detail, focused, theme))
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        rect,
    );
    scrollbar(frame, rect, total, scroll, border(focused, theme));
}

fn draw_status(frame: &mut Frame, view: &Inspect, rect: Rect, theme: &Theme) {
    let ui = ui(view.lang);
    let mut spans = Vec::new();
    match &view.save_state {
        SaveState::Clean => spans.push(Span::styled(ui.not_saved_yet.to_string(), theme.dim)),
        SaveState::Saving => spans.push(Span::styled(ui.saving.to_string(), theme.dim)),
        SaveState::Saved(t) => spans.push(Span::styled(
            format!("{} {}", ui.saved, t.0.format("%H:%M:%S")),
            theme.ok,
        )),
        SaveState::Failed(e) => spans.push(Span::styled((ui.save_failed)(e), theme.error)),
    }
    let source = match view
        .current_source
        .as_ref()
        .and_then(|c| view.record.source(c))
    {
        Some(s) => format!("{} {}", s.code, s.kind.label(view.lang)),
        None => ui.no_source.to_string(),
    };
    spans.push(Span::raw(format!("  {}{}", ui.current_source, ui.colon)));
    spans.push(Span::styled(source, theme.title));
    spans.push(Span::raw(format!(
        "  {}{}{}",
        ui.filter,
        ui.colon,
        ui.filters[view.filter.index()]
    )));
    let (done, total) = view
        .templates
        .iter()
        .map(|t| progress_of(view, t, None))
        .fold((0, 0), |(d, n), (done, total)| (d + done, n + total));
    spans.push(Span::raw(format!(
        "  {done}/{total} {}%",
        percent(done, total)
    )));
    if let Some((m, err)) = &view.message {
        // What just happened comes first, so a long save error cannot hide it.
        let style = if *err { theme.error } else { theme.warn };
        spans.insert(0, Span::raw("  "));
        spans.insert(0, Span::styled(m.clone(), style));
    }
    frame.render_widget(Paragraph::new(fit(spans, usize::from(rect.width))), rect);
}
