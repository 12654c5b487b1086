//! What every screen draws around its panes, knowing no screen's state: the smallest size
//! drawn ("终端太小" below it), the rows of a screen, the footer of keys from the key table,
//! the help overlay and the privacy screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::keymap::{Action, Keymap, Mode};
use super::scroll::Scroll;
use super::theme::Theme;
use super::widgets::{centered, fit, pane_block, popup_area, scrollbar};
use crate::i18n::ui::ui;
use crate::text;

/// Below this the screen says it is too small instead of drawing.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

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

/// The keys that matter now, from the key table.
pub fn draw_footer(
    frame: &mut Frame,
    keymap: &Keymap,
    mode: Mode,
    lang: crate::i18n::Lang,
    rect: Rect,
    theme: &Theme,
) {
    draw_footer_of(frame, keymap, mode, lang, rect, theme, &[]);
}

/// What a read-only record cannot do: left out of its footer.
pub const EDITING: [Action; 4] = [
    Action::StatusProblem,
    Action::AddNote,
    Action::EditFinding,
    Action::Undo,
];

/// What a 三看 look does not take (its state is rolled up from the items it lists): left out
/// of the footer while one is selected. (`StatusProblem` stands for all the status keys.)
pub const ANSWERING: [Action; 3] = [Action::StatusProblem, Action::AddNote, Action::EditFinding];

/// The footer of `mode`; on the inspect screen without the actions in `left_out` (those that
/// would be refused now: [`EDITING`] on a read-only record, [`ANSWERING`] on a look).
pub fn draw_footer_of(
    frame: &mut Frame,
    keymap: &Keymap,
    mode: Mode,
    lang: crate::i18n::Lang,
    rect: Rect,
    theme: &Theme,
    left_out: &[Action],
) {
    let keep = |a: Action| !(mode == Mode::Inspect && left_out.contains(&a));
    footer_where(frame, keymap, mode, lang, rect, theme, &keep);
}

/// The footer of `mode` with only the actions in `handled`: for a screen whose forms take
/// some of the form table's actions and not others (the review's forms have no `$EDITOR`).
pub fn draw_footer_only(
    frame: &mut Frame,
    keymap: &Keymap,
    mode: Mode,
    lang: crate::i18n::Lang,
    rect: Rect,
    theme: &Theme,
    handled: &[Action],
) {
    footer_where(frame, keymap, mode, lang, rect, theme, &|a: Action| {
        handled.contains(&a)
    });
}

/// The footer of `mode`: its usual actions that `keep` takes, each with its first key.
fn footer_where(
    frame: &mut Frame,
    keymap: &Keymap,
    mode: Mode,
    lang: crate::i18n::Lang,
    rect: Rect,
    theme: &Theme,
    keep: &dyn Fn(Action) -> bool,
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
            Action::EditSource,
            Action::DeleteSource,
            Action::RevealReference,
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
            Action::Sign,
            Action::Settle,
            Action::Help,
            Action::Quit,
            Action::ToggleGrouping,
            Action::CycleUnit,
            Action::Privacy,
        ],
    };
    let mut spans = Vec::new();
    for a in wanted {
        if !keep(*a) {
            continue;
        }
        let (keys, desc) = if mode == Mode::Inspect && *a == Action::StatusProblem {
            let keys: Vec<String> = status_keys
                .iter()
                .map(|s| keymap.first_key_for(mode, *s))
                .filter(|k| !k.is_empty())
                .collect();
            (keys.join("/"), ui(lang).set_status)
        } else if matches!(mode, Mode::Sources | Mode::Search) {
            // what the key does in the list on show (the sources list's Enter sets the
            // current source, it does not "open"); elsewhere the short general label keeps
            // the footer within 80 columns
            (keymap.first_key_for(mode, *a), a.describe_in(mode, lang))
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

/// The help overlay: every key of the current mode and of the main screen, from the tables.
/// It leaves the header, the status bar and the footer uncovered, and scrolls with
/// `scroll`, settled here to stop at its last line.
pub fn draw_help(
    frame: &mut Frame,
    keymap: &Keymap,
    modes: &[Mode],
    lang: crate::i18n::Lang,
    scroll: &Scroll,
    theme: &Theme,
    settings: &HelpSettings,
) {
    let area = frame.area();
    let ui = ui(lang);
    // Below the header row, above the status bar and the footer.
    let above_bars = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(3),
        ..area
    };
    let rect = centered(
        above_bars,
        area.width.saturating_sub(4).min(100),
        above_bars.height,
    );
    // inside the borders, one column left for the scrollbar; long lines wrap (避头尾, whole
    // characters: `text::wrap`) instead of being cut at the border
    let inner = usize::from(rect.width.saturating_sub(3)).max(1);
    let wrapped = |s: &str| -> Vec<String> {
        text::wrap(s, inner)
            .into_iter()
            .map(|r| s[r].to_string())
            .collect()
    };
    popup_area(frame, rect);
    let mut lines = Vec::new();
    if !settings.config_problems.is_empty() {
        lines.push(Line::styled(
            lang.heading(ui.config_problems_title),
            theme.warn,
        ));
        for problem in settings.config_problems {
            lines.push(Line::styled(problem.clone(), theme.warn));
        }
        lines.push(Line::raw(""));
    }
    for mode in modes {
        lines.push(Line::styled(
            lang.heading(ui.mode_names[mode_index(*mode)]),
            theme.warn,
        ));
        let keep = |a: Action| {
            *mode != Mode::Form || settings.form_actions.is_none_or(|only| only.contains(&a))
        };
        for (keys, desc, user) in keymap.help_rows_where(*mode, lang, keep) {
            let mut desc = desc.to_string();
            if user {
                desc.push(' ');
                desc.push_str(ui.help_user);
            }
            // the description wraps under itself, after the 22 columns of the keys
            let room = inner.saturating_sub(22).max(8);
            for (i, r) in text::wrap(&desc, room).into_iter().enumerate() {
                let keys = if i == 0 { keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(text::pad(keys, 22), theme.title),
                    Span::raw(desc[r].to_string()),
                ]));
            }
        }
        lines.push(Line::raw(""));
    }
    for extra in ui.help_extra {
        for l in wrapped(extra) {
            lines.push(Line::styled(l, theme.title));
        }
    }
    let auto = ui.auto_advance[usize::from(!settings.auto_advance)];
    for l in wrapped(auto) {
        lines.push(Line::styled(l, theme.title));
    }
    let total = lines.len();
    let first = scroll.settle(total, usize::from(rect.height.saturating_sub(2)), None);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((u16::try_from(first).unwrap_or(u16::MAX), 0))
            .block(pane_block(ui.help_title, true, theme)),
        rect,
    );
    scrollbar(frame, rect, total, first, theme.border_focus);
}

/// What the help says about the settings read from `config.toml`.
pub struct HelpSettings<'a> {
    /// `[inspect] auto-advance`.
    pub auto_advance: bool,
    /// The entries that were skipped, as sentences.
    pub config_problems: &'a [String],
    /// The actions the screen's forms take, when not all of the form table's (the review's
    /// forms have no `$EDITOR` and nothing to complete): the help lists only their keys.
    pub form_actions: Option<&'a [Action]>,
}

fn mode_index(mode: Mode) -> usize {
    Mode::ALL.iter().position(|m| *m == mode).unwrap_or(0)
}

/// The privacy screen: nothing at all.
pub fn draw_privacy(frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
}
