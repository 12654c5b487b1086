//! Small pieces of drawing shared by every screen, below the screens and their views: where a
//! popup goes, how a list scrolls (`list`, `list_offset`, `scrollbar`), a pane's block, text
//! with search matches marked, lines wrapped or cut to a width, and the item detail (the item,
//! its finding and its evidence) that the inspect and the review screens both show. Nothing
//! here knows a screen's state.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, List, ListState, Paragraph, Scrollbar, ScrollbarOrientation,
    ScrollbarState,
};

use super::theme::{Theme, mark};
use crate::i18n::Lang;
use crate::i18n::ui::{Ui, ui};
use crate::model::{Category, Finding, Item, Note, Status};
use crate::text;

/// A rectangle of at most `w`×`h` cells centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clear `rect` for a popup. A double-width character just left of the popup would otherwise
/// cover the popup's left border (the terminal draws it two cells wide), so it is blanked.
pub fn popup_area(frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    let buf = frame.buffer_mut();
    let bounds = buf.area;
    if rect.x <= bounds.x {
        return;
    }
    for y in rect.top()..rect.bottom().min(bounds.bottom()) {
        let cell = &mut buf[(rect.x - 1, y)];
        if text::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// A message too wide for the one-row status line `status`, shown whole: wrapped at display
/// width ([`text::wrap`]: 避头尾, whole graphemes) in a bordered box standing on the status
/// line, at most as high as the screen above it. Nothing when the message fits (or the line is
/// too narrow for a box). The status line itself still shows its beginning.
pub fn overflow(frame: &mut Frame, status: Rect, message: &str, style: Style) {
    let width = usize::from(status.width);
    if text::width(message) <= width || width < 12 {
        return;
    }
    let lines: Vec<Line> = text::wrap(message, width - 2)
        .into_iter()
        .map(|r| Line::styled(message[r].trim_end().to_string(), style))
        .collect();
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(status.y);
    if height < 3 {
        return;
    }
    let rect = Rect {
        x: status.x,
        y: status.y - height,
        width: status.width,
        height,
    };
    popup_area(frame, rect);
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).border_style(style)),
        rect,
    );
}

/// A yes/no question in a bordered box in the middle of `area`, as wide as its longer line
/// (display width) and no wider than `area`: the question, then how to answer it.
pub fn confirm(frame: &mut Frame, area: Rect, question: &str, hint: &str, theme: &Theme) {
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

/// The first visible row of a bordered list `rect` so that row `selected` is on screen (also
/// what a mouse click is measured from).
pub fn list_offset(selected: usize, rect: Rect) -> usize {
    let rows = usize::from(rect.height.saturating_sub(2)).max(1);
    selected.saturating_sub(rows - 1)
}

/// Spans of `s` in style `base`, with what the search line `needle` matches in style `hl`:
/// each of its words, case-insensitive or as pinyin initials ([`crate::search::Query::ranges`];
/// no highlight when `needle` is empty).
pub fn highlighted(s: &str, needle: &str, base: Style, hl: Style) -> Vec<Span<'static>> {
    let query = crate::search::Query::parse(needle);
    let mut spans = Vec::new();
    let mut last = 0;
    for r in query.ranges(s) {
        if r.start > last {
            spans.push(Span::styled(s[last..r.start].to_string(), base));
        }
        spans.push(Span::styled(s[r.clone()].to_string(), hl));
        last = r.end;
    }
    if last < s.len() || spans.is_empty() {
        spans.push(Span::styled(s[last..].to_string(), base));
    }
    spans
}

/// The item detail both the inspect screen (the right pane) and the review (the detail of a
/// finding, a disagreement, an unchecked item) show: the item with its guide, the finding in the
/// shape of the 问题底稿, and evidence notes. Each method appends lines (unwrapped: the caller
/// wraps them to its pane); text matching `search` is marked.
///
/// Evidence names its source by code name and kind only: a source's private reference never
/// reaches the screen through here.
pub struct ItemDetail<'a> {
    pub lang: Lang,
    pub theme: &'a Theme,
    /// Text marked wherever it occurs (the inspect screen's search; empty for none).
    pub search: &'a str,
}

impl ItemDetail<'_> {
    fn ui(&self) -> &'static Ui {
        ui(self.lang)
    }

    /// A heading within the detail: `【label】` in Chinese, `[label]` in English
    /// ([`Lang::heading`]).
    pub fn heading(&self, label: &str) -> Line<'static> {
        Line::styled(self.lang.heading(label), self.theme.title)
    }

    fn field(&self, label: &str, value: Span<'static>) -> Line<'static> {
        Line::from(vec![
            Span::styled(format!("{label}{}", self.ui().colon), self.theme.dim),
            value,
        ])
    }

    fn status_line(&self, status: Status) -> Line<'static> {
        let ui = self.ui();
        self.field(
            ui.status,
            Span::styled(
                format!("{} {}", mark(status), status.label(self.lang)),
                self.theme.status(status),
            ),
        )
    }

    /// The item: optionally where it sits (`checklist · section`), its text, its status if
    /// given, which of the 三大问题 it falls under, the suggested methods, the guide, the local
    /// standards and any caveat of the template.
    pub fn item(
        &self,
        lines: &mut Vec<Line<'static>>,
        place: Option<String>,
        item: &Item,
        status: Option<Status>,
    ) {
        self.item_with(lines, place, item, status, None);
    }

    /// A lens item (a 三看 look) as [`ItemDetail::item`] shows it, the items it rests on each
    /// by its text (`refs`: what to call it, and its state) instead of its key.
    pub fn look(
        &self,
        lines: &mut Vec<Line<'static>>,
        place: Option<String>,
        item: &Item,
        status: Option<Status>,
        refs: &[(String, Status)],
    ) {
        self.item_with(lines, place, item, status, Some(refs));
    }

    fn item_with(
        &self,
        lines: &mut Vec<Line<'static>>,
        place: Option<String>,
        item: &Item,
        status: Option<Status>,
        refs: Option<&[(String, Status)]>,
    ) {
        let (ui, theme, lang) = (self.ui(), self.theme, self.lang);
        if let Some(place) = place {
            lines.push(Line::styled(place, theme.dim));
        }
        lines.push(Line::from(highlighted(
            &item.text,
            self.search,
            theme.title,
            theme.matched,
        )));
        if let Some(status) = status {
            lines.push(self.status_line(status));
        }
        lines.push(self.field(ui.category, Span::raw(item.category.label(lang))));
        if let Some(focus) = item.focus {
            lines.push(self.field(ui.focus, Span::raw(focus.label(lang))));
        }
        let methods: Vec<&str> = item.methods.iter().map(|m| m.label(lang)).collect();
        lines.push(self.field(ui.methods, Span::raw(methods.join(ui.list_sep))));
        if !item.roles.is_empty() {
            let roles: Vec<&str> = item.roles.iter().map(|r| r.label(lang)).collect();
            lines.push(self.field(ui.roles, Span::raw(roles.join(ui.list_sep))));
        }
        if !item.applies_to.is_empty() {
            let units: Vec<&str> = item.applies_to.iter().map(|u| u.label(lang)).collect();
            lines.push(self.field(ui.applies_to, Span::raw(units.join(ui.list_sep))));
        }
        if !item.refs.is_empty() {
            lines.push(self.heading(ui.rests_on));
            match refs {
                Some(refs) => lines.extend(refs.iter().map(|(text, s)| {
                    Line::from(vec![
                        Span::styled(format!("{} ", mark(*s)), theme.status(*s)),
                        Span::raw(text.replace('\n', " ")),
                    ])
                })),
                None => lines.extend(item.refs.iter().map(|key| Line::raw(format!("· {key}")))),
            }
        }
        lines.push(self.heading(ui.guide));
        lines.push(Line::from(highlighted(
            &item.guide,
            self.search,
            Style::default(),
            theme.matched,
        )));
        if !item.thresholds.is_empty() {
            lines.push(self.heading(ui.local_standards));
            for t in &item.thresholds {
                lines.push(Line::raw(format!("{}{}{}", t.name, ui.colon, t.value)));
                if !t.note.is_empty() {
                    lines.push(Line::styled(format!("  {}", t.note), theme.dim));
                }
            }
        }
        if item.unverified || !item.note.is_empty() {
            let prefix = if item.unverified { ui.unverified } else { "" };
            lines.push(Line::styled(format!("{prefix}{}", item.note), theme.warn));
        }
    }

    /// An answer whose item is no longer in the templates: `title` (its key, or its last known
    /// text), a note that it is kept as it is, and its status if given.
    pub fn orphan(
        &self,
        lines: &mut Vec<Line<'static>>,
        place: Option<String>,
        title: &str,
        status: Option<Status>,
    ) {
        if let Some(place) = place {
            lines.push(Line::styled(place, self.theme.dim));
        }
        lines.push(Line::styled(title.to_string(), self.theme.title));
        lines.push(Line::styled(self.ui().orphan_note, self.theme.warn));
        if let Some(status) = status {
            lines.push(self.status_line(status));
        }
    }

    /// `【问题】` and every filled field of the finding; `category` is the one in effect (the
    /// finding's own, else the item's).
    pub fn finding(&self, lines: &mut Vec<Line<'static>>, f: &Finding, category: Option<Category>) {
        let ui = self.ui();
        lines.push(self.heading(ui.finding));
        for (label, value) in [
            (ui.f_title, &f.title),
            (ui.f_statement, &f.statement),
            (ui.f_people, &f.people),
            (ui.f_figures, &f.figures),
            (ui.f_basis, &f.basis),
        ] {
            // A value typed on several lines keeps its line breaks: the first line follows the
            // label, the others stand on lines of their own.
            let mut parts = value.lines();
            if let Some(first) = parts.next() {
                lines.push(self.field(label, Span::raw(first.to_string())));
                lines.extend(parts.map(|l| Line::raw(l.to_string())));
            }
        }
        if let Some(c) = category {
            lines.push(self.field(ui.f_category, Span::raw(c.label(self.lang))));
        }
        if f.transfer {
            // The receiver beside the mark: where the clue goes, or that it is not yet chosen.
            let to = f
                .receiver_label(self.lang)
                .unwrap_or_else(|| ui.receiver_undecided.to_string());
            lines.push(Line::styled(
                format!(
                    "{}{}[x]  {}{}{to}",
                    ui.f_transfer, ui.colon, ui.f_receiver, ui.colon
                ),
                self.theme.warn,
            ));
        }
    }

    /// One evidence note: a head (`#12 [T03 个别谈话] 11-26 09:30`, in `head_style`), its
    /// text, the people and figures. `source` is the source's code and kind as known to the
    /// caller (`None`: the note names no source, or one the record does not define, shown by
    /// its code alone).
    pub fn note(
        &self,
        lines: &mut Vec<Line<'static>>,
        n: &Note,
        source: Option<String>,
        head_style: Style,
    ) {
        let (ui, theme) = (self.ui(), self.theme);
        let source = match source {
            Some(s) => format!("[{s}] "),
            None if !n.source.is_empty() => format!("[{}] ", n.source),
            None => String::new(),
        };
        let head = format!("#{} {}{}", n.id, source, n.at.0.format("%m-%d %H:%M"));
        lines.push(Line::styled(head, head_style));
        for l in n.text.lines() {
            lines.push(Line::from(highlighted(
                l,
                self.search,
                Style::default(),
                theme.matched,
            )));
        }
        if !n.people.is_empty() {
            lines.push(Line::styled(
                format!("  {}{}{}", ui.f_people, ui.colon, n.people),
                theme.dim,
            ));
        }
        if !n.figures.is_empty() {
            lines.push(Line::styled(
                format!("  {}{}{}", ui.f_figures, ui.colon, n.figures),
                theme.dim,
            ));
        }
    }
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
pub(super) fn selection(focused: bool, theme: &Theme) -> Style {
    if focused {
        theme.selected
    } else {
        theme.selected_unfocused
    }
}

pub(super) fn border(focused: bool, theme: &Theme) -> Style {
    if focused {
        theme.border_focus
    } else {
        theme.border
    }
}

pub(super) fn pane_block<'a>(title: &str, focused: bool, theme: &Theme) -> Block<'a> {
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
