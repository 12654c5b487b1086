//! Colours in one place. With `NO_COLOR` set only bold, reverse and underline are used; status
//! marks are text, so nothing is lost without colour. The palette uses the terminal's own
//! named colours so it reads on light and dark backgrounds.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

#[derive(Debug, Clone)]
pub struct Theme {
    pub title: Style,
    pub dim: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub border: Style,
    pub border_focus: Style,
    pub input: Style,
    pub input_focus: Style,
    pub matched: Style,
    pub error: Style,
    pub ok: Style,
    pub warn: Style,
    pub no_color: bool,
}

impl Theme {
    pub fn new(no_color: bool) -> Theme {
        let plain = Style::default();
        if no_color {
            return Theme {
                title: plain.add_modifier(Modifier::BOLD),
                dim: plain,
                selected: plain.add_modifier(Modifier::REVERSED),
                selected_unfocused: plain.add_modifier(Modifier::UNDERLINED),
                border: plain,
                border_focus: plain.add_modifier(Modifier::BOLD),
                input: plain,
                input_focus: plain.add_modifier(Modifier::UNDERLINED),
                matched: plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
                error: plain.add_modifier(Modifier::BOLD),
                ok: plain,
                warn: plain.add_modifier(Modifier::BOLD),
                no_color,
            };
        }
        Theme {
            title: plain.add_modifier(Modifier::BOLD),
            dim: plain.fg(Color::DarkGray),
            selected: plain.add_modifier(Modifier::REVERSED),
            selected_unfocused: plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            border: plain.fg(Color::DarkGray),
            border_focus: plain.fg(Color::Cyan),
            input: plain,
            input_focus: plain.add_modifier(Modifier::UNDERLINED),
            matched: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            ok: plain.fg(Color::Green),
            warn: plain.fg(Color::Yellow),
            no_color,
        }
    }

    /// From the environment: `NO_COLOR` set and not empty disables colour.
    pub fn from_env() -> Theme {
        Theme::new(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()))
    }

    pub fn status(&self, s: Status) -> Style {
        if self.no_color {
            return match s {
                Status::Problem | Status::Doubt => Style::default().add_modifier(Modifier::BOLD),
                _ => Style::default(),
            };
        }
        match s {
            Status::Unchecked => self.dim,
            Status::NoProblem => self.ok,
            Status::Problem => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            Status::Doubt => self.warn.add_modifier(Modifier::BOLD),
            Status::NotApplicable => Style::default().fg(Color::Blue),
        }
    }
}

/// The text mark of a status: fixed width, ASCII, readable without colour.
pub fn mark(s: Status) -> &'static str {
    match s {
        Status::Unchecked => "[ ]",
        Status::NoProblem => "[o]",
        Status::Problem => "[!]",
        Status::Doubt => "[?]",
        Status::NotApplicable => "[-]",
    }
}
