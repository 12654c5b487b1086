//! Drawing. Every function here reads state and draws; none changes state or reads files.

use ratatui::Frame;
use ratatui::buffer::CellWidth;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

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

pub fn inspect_layout(area: Rect) -> InspectLayout {
    let ([header], body, [status, footer]) = bars(area);
    let [tree, items, detail] = columns(body, [27, 35, 38]);
    InspectLayout {
        header,
        tree,
        items,
        detail,
        status,
        footer,
    }
}

/// `area` as `T` one-row bars at the top, `B` at the bottom and the body between them: what
/// `Layout` gives for `Length(1)`s around a `Min`, computed directly. The constraint solver
/// took about a tenth of a millisecond of the first frame. Without room for all the bars, the
/// top ones come first, then the bottom ones; the body may be empty.
pub fn bars<const T: usize, const B: usize>(area: Rect) -> ([Rect; T], Rect, [Rect; B]) {
    let row = |i: u16| {
        let y = area.y.saturating_add(i).min(area.bottom());
        Rect::new(area.x, y, area.width, u16::from(i < area.height))
    };
    let top_n = (T as u16).min(area.height);
    let bottom_n = (B as u16).min(area.height - top_n);
    let top = std::array::from_fn(|i| row(i as u16));
    let bottom = std::array::from_fn(|i| {
        let i = i as u16;
        if i < bottom_n {
            row(area.height - bottom_n + i)
        } else {
            row(area.height)
        }
    });
    let body = Rect::new(
        area.x,
        area.y + top_n,
        area.width,
        area.height - top_n - bottom_n,
    );
    (top, body, bottom)
}

/// `area` cut into columns at `percents` (summing to 100), each edge rounded to the nearest
/// cell as `Layout` rounds `Percentage`s, computed directly.
pub fn columns<const N: usize>(area: Rect, percents: [u16; N]) -> [Rect; N] {
    let width = u32::from(area.width);
    let mut edges = [0u16; N];
    let mut sum = 0u32;
    for (edge, p) in edges.iter_mut().zip(percents) {
        sum += u32::from(p);
        // round(width * sum / 100), halves up
        *edge = ((width * sum * 2 + 100) / 200).min(width) as u16;
    }
    std::array::from_fn(|i| {
        let start = if i == 0 { 0 } else { edges[i - 1] };
        Rect::new(area.x + start, area.y, edges[i] - start, area.height)
    })
}

pub fn too_small(frame: &mut Frame, area: Rect, label: &str) {
    let line = text::truncate(label, usize::from(area.width));
    let y = area.y + area.height / 2;
    frame.render_widget(
        Paragraph::new(line).alignment(ratatui::layout::Alignment::Center),
        Rect::new(area.x, y, area.width, 1.min(area.height)),
    );
}

/// `lines` (already wrapped and fitted) in `block` on `rect`, one per row from row `scroll`,
/// each cut at the inner width: what `Paragraph` with a block and a scroll draws, without its
/// two passes over every cell of the pane to apply a style that is the default. Those passes
/// were a third of the drawing of a first frame.
pub fn pane(frame: &mut Frame, rect: Rect, block: Block, lines: &[Line], scroll: usize) {
    let rect = rect.intersection(frame.area());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let buf = frame.buffer_mut();
    for (line, y) in lines.iter().skip(scroll).zip(inner.top()..inner.bottom()) {
        // As `Paragraph` cuts a line: a character wider than the pane is left out, the line
        // ends at the first that does not fit.
        let mut x = inner.x;
        for g in line.styled_graphemes(Style::default()) {
            let w = g.symbol.cell_width();
            if w > inner.width {
                continue;
            }
            if w > inner.right().saturating_sub(x) {
                break;
            }
            if w > 0 {
                buf[(x, y)].set_symbol(g.symbol).set_style(g.style);
                x += w;
            }
        }
    }
}

fn pane_block<'a>(title: &str, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(Line::from(format!(" {title} ")).style(if focused {
            theme.title
        } else {
            Style::default()
        }))
}

/// Lines of a list with the selection highlighted and scrolled into view; each line is cut to
/// the width so a long Chinese title never spills over the border.
fn list_lines<'a>(
    rows: Vec<Line<'a>>,
    selected: usize,
    rect: Rect,
    focused: bool,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let offset = list_offset(selected, rect);
    let height = usize::from(rect.height.saturating_sub(2));
    rows.into_iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, line)| {
            if i == selected {
                line.style(if focused {
                    theme.selected
                } else {
                    theme.selected_unfocused
                })
            } else {
                line
            }
        })
        .collect()
}

/// Wrap lines to `width` cells by display width. Chinese text breaks between any two
/// characters; a run of ASCII letters and digits moves to the next line whole when it fits
/// there. Done here rather than by `Paragraph::wrap`, which can leave a double-width
/// character in the last column, half over the border.
pub fn wrap_lines(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(2);
    let mut out = Vec::new();
    for line in lines {
        let base = line.style;
        let mut cells: Vec<(char, Style)> = Vec::new();
        for span in &line.spans {
            let style = base.patch(span.style);
            cells.extend(span.content.chars().map(|c| {
                let c = if c.is_control() { ' ' } else { c };
                (c, style)
            }));
        }
        if cells.is_empty() {
            out.push(Line::default());
            continue;
        }
        let mut rows: Vec<Vec<(char, Style)>> = vec![Vec::new()];
        let mut used = 0;
        for (c, style) in cells {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > width {
                let row = rows.last_mut().map(std::mem::take).unwrap_or_default();
                let (keep, carry) = split_word(row, c);
                used = carry
                    .iter()
                    .map(|(c, _)| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0))
                    .sum();
                if let Some(last) = rows.last_mut() {
                    *last = keep;
                }
                rows.push(carry);
            }
            if let Some(last) = rows.last_mut() {
                last.push((c, style));
            }
            used += w;
        }
        for row in rows {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (c, style) in row {
                match spans.last_mut() {
                    Some(s) if s.style == style => s.content.to_mut().push(c),
                    _ => spans.push(Span::styled(c.to_string(), style)),
                }
            }
            out.push(Line::from(spans));
        }
    }
    out
}

type StyledChar = (char, Style);

/// When `next` continues an ASCII word that ends `row`, move that word to the next row (if it
/// is not the whole row).
fn split_word(row: Vec<StyledChar>, next: char) -> (Vec<StyledChar>, Vec<StyledChar>) {
    let is_word = |c: char| c.is_ascii_alphanumeric();
    if !is_word(next) {
        return (row, Vec::new());
    }
    let start = row
        .iter()
        .rposition(|(c, _)| !is_word(*c))
        .map_or(0, |p| p + 1);
    if start == 0 || start == row.len() {
        return (row, Vec::new());
    }
    let mut keep = row;
    let carry = keep.split_off(start);
    (keep, carry)
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
                format!(" {} ", (ui.read_only_by)(why)),
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
    draw_footer(frame, keymap, view.mode(), view.lang, l.footer, theme);

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
    let lines = list_lines(rows, view.tree_sel, rect, focused, theme);
    pane(
        frame,
        rect,
        pane_block(ui.checklists, focused, theme),
        &lines,
        0,
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
    let mut lines = list_lines(rows, view.item_sel, rect, focused, theme);
    if entries.is_empty() {
        lines.push(Line::styled(ui.no_items, theme.dim));
    }
    let block = pane_block(&text::truncate(&title, width), focused, theme);
    pane(frame, rect, block, &lines, 0);
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
    pane(
        frame,
        rect,
        pane_block(ui.detail, focused, theme),
        &wrapped,
        scroll,
    );
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
    let lines = list_lines(rows, selected, rect, true, theme);
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(ui.sources_title, true, theme)),
        rect,
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
    for mode in modes {
        lines.push(Line::styled(
            format!("【{}】", ui.mode_names[mode_index(*mode)]),
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
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(pane_block(ui.help_title, true, theme)),
        rect,
    );
}

fn mode_index(mode: Mode) -> usize {
    Mode::ALL.iter().position(|m| *m == mode).unwrap_or(0)
}

/// The privacy screen: nothing at all.
pub fn draw_privacy(frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
}
