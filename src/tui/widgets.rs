//! Small pieces of drawing shared by every screen, below both the screens and the view: where a
//! popup goes, how a list scrolls, text with search matches marked, and the item detail (the
//! item, its finding and its evidence) that the inspect and the review screens both show.
//! Nothing here knows a screen's state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

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

/// The first visible row of a bordered list `rect` so that row `selected` is on screen (also
/// what a mouse click is measured from).
pub fn list_offset(selected: usize, rect: Rect) -> usize {
    let rows = usize::from(rect.height.saturating_sub(2)).max(1);
    selected.saturating_sub(rows - 1)
}

/// Spans of `s` in style `base`, with every case-insensitive occurrence of `needle` in style
/// `hl` (no highlight when `needle` is empty).
pub fn highlighted(s: &str, needle: &str, base: Style, hl: Style) -> Vec<Span<'static>> {
    if needle.is_empty() {
        return vec![Span::styled(s.to_string(), base)];
    }
    let lower = s.to_lowercase();
    // Lowercasing can change byte lengths (rare outside ASCII); then show without highlight.
    if lower.len() != s.len() {
        return vec![Span::styled(s.to_string(), base)];
    }
    let needle = needle.to_lowercase();
    let mut spans = Vec::new();
    let mut last = 0;
    for (pos, _) in lower.match_indices(&needle) {
        if pos < last || !s.is_char_boundary(pos) || !s.is_char_boundary(pos + needle.len()) {
            continue;
        }
        if pos > last {
            spans.push(Span::styled(s[last..pos].to_string(), base));
        }
        spans.push(Span::styled(s[pos..pos + needle.len()].to_string(), hl));
        last = pos + needle.len();
    }
    if last < s.len() {
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

    /// `【label】`, a heading within the detail.
    pub fn heading(&self, label: &str) -> Line<'static> {
        Line::styled(format!("【{label}】"), self.theme.title)
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
            for key in &item.refs {
                lines.push(Line::raw(format!("· {key}")));
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
            if !value.is_empty() {
                lines.push(self.field(label, Span::raw(value.clone())));
            }
        }
        if let Some(c) = category {
            lines.push(self.field(ui.f_category, Span::raw(c.label(self.lang))));
        }
        if f.transfer {
            lines.push(Line::styled(
                format!("{}{}[x]", ui.f_transfer, ui.colon),
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
