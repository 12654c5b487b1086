//! Drawing. Every function here reads state and draws; none changes state or reads files.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, List, ListState, Paragraph, Scrollbar, ScrollbarOrientation,
    ScrollbarState,
};

use super::inspect::{Entry, Inspect, Overlay, Pane, SaveState, TreeRow};
use super::keymap::{Action, Keymap, Mode};
use super::theme::{Theme, mark};
use super::widgets::{ItemDetail, highlighted};
pub use super::widgets::{centered, list_offset, popup_area};
use crate::i18n::ui::ui;
use crate::model::progress::percent;
use crate::model::template::answer_key;
use crate::model::{Template, TemplateProgress};
use crate::text;

/// Below this the screen says it is too small instead of drawing.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

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
pub fn inspect_layout(area: Rect) -> InspectLayout {
    let [header, body, status, footer] = screen_rows(area);
    let [tree, items, detail] = Layout::horizontal([
        Constraint::Percentage(27),
        Constraint::Percentage(35),
        Constraint::Percentage(38),
    ])
    .areas(body);
    InspectLayout {
        header,
        tree,
        items,
        detail,
        status,
        footer,
    }
}

/// `area` as a one-row header, the body, and two one-row bars (status, footer) at the bottom.
pub fn screen_rows(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

pub fn too_small(frame: &mut Frame, area: Rect, label: &str) {
    let line = text::truncate(label, usize::from(area.width));
    let y = area.y + area.height / 2;
    frame.render_widget(
        Paragraph::new(line).alignment(ratatui::layout::Alignment::Center),
        Rect::new(area.x, y, area.width, 1.min(area.height)),
    );
}

/// A scrollbar over the right border of the bordered pane `rect`, for `total` rows of which
/// `height` show, from row `first`. Drawn only when they do not all fit. Its track is the
/// border's own line and its thumb a heavy line, so it never needs a symbol of ambiguous width.
pub fn scrollbar(frame: &mut Frame, rect: Rect, total: usize, first: usize, style: Style) {
    let rect = rect.intersection(frame.area());
    let height = usize::from(rect.height.saturating_sub(2));
    if total <= height || height == 0 || rect.width < 2 {
        return;
    }
    let mut state = ScrollbarState::new(total - height + 1)
        .position(first)
        .viewport_content_length(height);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .symbols(symbols::scrollbar::Set {
                track: symbols::line::VERTICAL,
                thumb: symbols::line::THICK_VERTICAL,
                begin: "",
                end: "",
            })
            .begin_symbol(None)
            .end_symbol(None)
            .style(style),
        rect.inner(Margin::new(0, 1)),
        &mut state,
    );
}

/// `rows` as a `List` in `block` on `rect` with row `selected` highlighted and scrolled into
/// view at [`list_offset`] (the offset mouse clicks are mapped with), and a scrollbar showing
/// where the view is.
pub fn list(
    frame: &mut Frame,
    rect: Rect,
    block: Block,
    rows: Vec<Line>,
    selected: Option<usize>,
    highlight: Style,
    border: Style,
) {
    let rect = rect.intersection(frame.area());
    let total = rows.len();
    let offset = selected.map_or(0, |s| list_offset(s, rect));
    let mut state = ListState::default()
        .with_offset(offset)
        .with_selected(selected.filter(|s| *s < total));
    frame.render_stateful_widget(
        List::new(rows).block(block).highlight_style(highlight),
        rect,
        &mut state,
    );
    scrollbar(frame, rect, total, state.offset(), border);
}

/// The highlight of a list's selected row: bright where the focus is.
fn selection(focused: bool, theme: &Theme) -> Style {
    if focused {
        theme.selected
    } else {
        theme.selected_unfocused
    }
}

fn border(focused: bool, theme: &Theme) -> Style {
    if focused {
        theme.border_focus
    } else {
        theme.border
    }
}

fn pane_block<'a>(title: &str, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(border(focused, theme))
        .title(Line::from(format!(" {title} ")).style(if focused {
            theme.title
        } else {
            Style::default()
        }))
}

/// Wrap lines to `width` cells with [`text::wrap`] (Unicode line breaking, whole grapheme
/// clusters, 避头尾), keeping each span's style; control characters become spaces. Our own
/// rather than `Paragraph::wrap`, which can leave a double-width character in the last column,
/// half over the border, and knows nothing of 避头尾.
pub fn wrap_lines(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for line in lines {
        let base = line.style;
        let mut flat = String::new();
        let mut runs: Vec<(usize, Style)> = Vec::new(); // (end byte, style)
        for span in &line.spans {
            flat.push_str(&text::clean(&span.content));
            runs.push((flat.len(), base.patch(span.style)));
        }
        for range in text::wrap(&flat, width) {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut start = range.start;
            for &(end, style) in &runs {
                if end <= start {
                    continue;
                }
                let stop = end.min(range.end);
                if stop > start {
                    spans.push(Span::styled(flat[start..stop].to_string(), style));
                    start = stop;
                }
                if start >= range.end {
                    break;
                }
            }
            out.push(Line::from(spans));
        }
    }
    out
}

/// Cut a line of spans to `width` cells by display width.
pub fn fit(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut used = 0;
    let mut out = Vec::new();
    for span in spans {
        let w = text::width(&span.content);
        if used + w <= width {
            used += w;
            out.push(span);
        } else {
            let room = width.saturating_sub(used);
            if room > 0 {
                out.push(Span::styled(
                    text::truncate(&span.content, room),
                    span.style,
                ));
            }
            break;
        }
    }
    Line::from(out)
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

pub fn draw_inspect(frame: &mut Frame, view: &Inspect, keymap: &Keymap, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, ui(view.lang).too_small);
        return;
    }
    let ui = ui(view.lang);
    let l = inspect_layout(area);

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

    draw_tree(frame, view, l.tree, theme);
    let entries = view.entries();
    draw_items(frame, view, &entries, l.items, theme);
    draw_detail(frame, view, entries.get(view.item_sel), l.detail, theme);
    draw_status(frame, view, l.status, theme);
    draw_footer_of(
        frame,
        keymap,
        view.mode(),
        view.lang,
        l.footer,
        theme,
        view.read_only.is_some(),
    );

    if view.mode() == Mode::Conflict {
        draw_conflict(frame, view.lang, area, theme);
    }
    match &view.overlay {
        Overlay::None => {}
        Overlay::Form(f) => {
            if f.purpose == super::inspect::Purpose::Search {
                // The search line sits on the status bar, the list updates as you type.
                let rect = l.status;
                frame.render_widget(Clear, rect);
                f.form
                    .render_inline(frame, rect, theme, &format!("{} /", ui.search));
            } else {
                f.form.render(frame, area, theme, ui.form_hint);
            }
            if f.confirming {
                confirm(frame, area, ui.confirm_discard, ui.yes_no, theme);
            }
        }
        Overlay::Sources { selected } => draw_sources(frame, view, *selected, area, theme),
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
}

fn draw_tree(frame: &mut Frame, view: &Inspect, rect: Rect, theme: &Theme) {
    let ui = ui(view.lang);
    let width = usize::from(rect.width.saturating_sub(2));
    let rows: Vec<Line> = view
        .tree
        .iter()
        .map(|row| match *row {
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
            if searching && let Entry::Item { t, .. } = e {
                spans.push(Span::styled(
                    format!("{} ", view.templates[*t].title),
                    theme.dim,
                ));
            }
            let count = if notes > 0 {
                format!(" ({notes})")
            } else {
                String::new()
            };
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
            spans.push(Span::styled(count, theme.dim));
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
    let mut selected_head = None;
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
            Some(item) => d.item(&mut lines, None, item, Some(status)),
            None => d.orphan(&mut lines, None, &key, Some(status)),
        }
        if let Some(f) = answer.and_then(|a| a.finding.as_ref())
            && (status.has_finding() || *f != Default::default())
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
        }
    }
    // Wrap line by line to know where the selected note starts on screen.
    let width = usize::from(rect.width.saturating_sub(2));
    let mut wrapped = Vec::new();
    let mut selected_row = None;
    for (i, line) in lines.into_iter().enumerate() {
        if Some(i) == selected_head {
            selected_row = Some(wrapped.len());
        }
        wrapped.extend(wrap_lines(vec![line], width));
    }
    // While the notes have the focus, the selected one is kept in view.
    let height = usize::from(rect.height.saturating_sub(2)).max(1);
    let mut scroll = usize::from(view.detail_scroll);
    if focused && let Some(row) = selected_row {
        if row < scroll {
            scroll = row;
        } else if row + 2 > scroll + height {
            scroll = (row + 2).saturating_sub(height);
        }
    }
    let rect = rect.intersection(frame.area());
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

/// The keys that matter now, from the key table.
pub fn draw_footer(
    frame: &mut Frame,
    keymap: &Keymap,
    mode: Mode,
    lang: crate::i18n::Lang,
    rect: Rect,
    theme: &Theme,
) {
    draw_footer_of(frame, keymap, mode, lang, rect, theme, false);
}

/// What a read-only record cannot do: left out of its footer.
const EDITING: [Action; 4] = [
    Action::StatusProblem,
    Action::AddNote,
    Action::EditFinding,
    Action::Undo,
];

/// The footer of `mode`; `read_only`: without the keys that would change the record.
pub fn draw_footer_of(
    frame: &mut Frame,
    keymap: &Keymap,
    mode: Mode,
    lang: crate::i18n::Lang,
    rect: Rect,
    theme: &Theme,
    read_only: bool,
) {
    let status_keys = [
        Action::StatusNoProblem,
        Action::StatusProblem,
        Action::StatusDoubt,
        Action::StatusNotApplicable,
        Action::StatusUnchecked,
    ];
    let wanted: &[Action] = match mode {
        Mode::Inspect => &[
            Action::StatusProblem, // stands for the status group
            Action::AddNote,
            Action::EditFinding,
            Action::Sources,
            Action::Search,
            Action::Help,
            Action::Quit,
            Action::Privacy,
            Action::CycleFilter,
            Action::Undo,
        ],
        Mode::Home => &[
            Action::Open,
            Action::NewRecord,
            Action::Trash,
            Action::Privacy,
            Action::Help,
            Action::Quit,
        ],
        Mode::Form => &[
            Action::Save,
            Action::Cancel,
            Action::NextField,
            Action::ExternalEditor,
            Action::Privacy,
        ],
        Mode::Sources => &[
            Action::Open,
            Action::AddSource,
            Action::ClearSource,
            Action::Back,
        ],
        Mode::Search => &[Action::Open, Action::Cancel],
        Mode::Confirm => &[Action::Yes, Action::No, Action::Privacy],
        Mode::Help | Mode::Detail => &[Action::Back],
        Mode::Privacy => &[],
        Mode::Conflict => &[
            Action::ConflictReload,
            Action::ConflictKeepMine,
            Action::ConflictSaveCopy,
            Action::Quit,
        ],
        Mode::Review => &[
            Action::NextTab,
            Action::Open,
            Action::ToggleGrouping,
            Action::CycleUnit,
            Action::Help,
            Action::Quit,
            Action::Privacy,
        ],
    };
    let mut spans = Vec::new();
    for a in wanted {
        if read_only && mode == Mode::Inspect && EDITING.contains(a) {
            continue;
        }
        let (keys, desc) = if mode == Mode::Inspect && *a == Action::StatusProblem {
            let keys: Vec<String> = status_keys
                .iter()
                .map(|s| keymap.first_key_for(mode, *s))
                .filter(|k| !k.is_empty())
                .collect();
            (keys.join("/"), ui(lang).set_status)
        } else {
            (keymap.first_key_for(mode, *a), a.describe(lang))
        };
        if keys.is_empty() {
            continue;
        }
        spans.push(Span::styled(keys, theme.title));
        spans.push(Span::styled(format!(" {desc}  "), theme.dim));
    }
    frame.render_widget(Paragraph::new(fit(spans, usize::from(rect.width))), rect);
}

fn confirm(frame: &mut Frame, area: Rect, question: &str, hint: &str, theme: &Theme) {
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
fn draw_conflict(frame: &mut Frame, lang: crate::i18n::Lang, area: Rect, theme: &Theme) {
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

fn draw_sources(frame: &mut Frame, view: &Inspect, selected: usize, area: Rect, theme: &Theme) {
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
            // The private reference is never listed: code name, kind and time only.
            fit(
                vec![
                    Span::raw(if current { "* " } else { "  " }),
                    Span::styled(text::pad(&s.code, 6), theme.title),
                    Span::raw(text::pad(s.kind.label(view.lang), 18)),
                    Span::styled(at, theme.dim),
                ],
                width,
            )
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

/// The help overlay: every key of the current mode and of the main screen, from the tables.
pub fn draw_help(
    frame: &mut Frame,
    keymap: &Keymap,
    modes: &[Mode],
    lang: crate::i18n::Lang,
    scroll: u16,
    theme: &Theme,
    settings: &HelpSettings,
) {
    let area = frame.area();
    let ui = ui(lang);
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(76),
        area.height.saturating_sub(2),
    );
    popup_area(frame, rect);
    let mut lines = Vec::new();
    if !settings.config_problems.is_empty() {
        lines.push(Line::styled(
            heading(ui.config_problems_title, lang),
            theme.warn,
        ));
        for problem in settings.config_problems {
            lines.push(Line::styled(problem.clone(), theme.warn));
        }
        lines.push(Line::raw(""));
    }
    for mode in modes {
        lines.push(Line::styled(
            heading(ui.mode_names[mode_index(*mode)], lang),
            theme.warn,
        ));
        for (keys, desc, user) in keymap.help_rows(*mode, lang) {
            let mut spans = vec![
                Span::styled(text::pad(&keys, 22), theme.title),
                Span::raw(desc.to_string()),
            ];
            if user {
                spans.push(Span::styled(format!(" {}", ui.help_user), theme.warn));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::raw(""));
    }
    for extra in ui.help_extra {
        lines.push(Line::styled(extra, theme.title));
    }
    let auto = ui.auto_advance[usize::from(!settings.auto_advance)];
    lines.push(Line::styled(auto, theme.title));
    let total = lines.len();
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(pane_block(ui.help_title, true, theme)),
        rect,
    );
    scrollbar(frame, rect, total, usize::from(scroll), theme.border_focus);
}

/// What the help says about the settings read from `config.toml`.
pub struct HelpSettings<'a> {
    /// `[inspect] auto-advance`.
    pub auto_advance: bool,
    /// The entries that were skipped, as sentences.
    pub config_problems: &'a [String],
}

/// A heading of the help: 【…】 in Chinese, […] in English.
fn heading(name: &str, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::Zh => format!("【{name}】"),
        crate::i18n::Lang::En => format!("[{name}]"),
    }
}

fn mode_index(mode: Mode) -> usize {
    Mode::ALL.iter().position(|m| *m == mode).unwrap_or(0)
}

/// The privacy screen: nothing at all.
pub fn draw_privacy(frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
}
