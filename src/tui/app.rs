//! The whole interface state and the one `update` every event goes through.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent};

use super::effect::Effect;
use super::home::Home;
use super::inspect::{Inspect, PaneRects};
use super::keymap::{Action, Keymap, Mode};
use super::scroll::Scroll;
use super::theme::Theme;
use crate::i18n::Lang;
use crate::i18n::ui::ui;
use crate::model::Timestamp;

pub enum Screen {
    Home(Box<Home>),
    Inspect(Box<Inspect>),
    Review(Box<super::review::ReviewScreen>),
}

/// Overlays that sit above any screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Global {
    None,
    /// The help overlay; its scroll is [`App::help_scroll`].
    Help,
    Privacy,
}

pub struct App {
    pub lang: Lang,
    pub keymap: Keymap,
    pub theme: Theme,
    pub screen: Screen,
    pub global: Global,
    pub mouse_captured: bool,
    /// Screen size, for mouse hit tests and for ignoring keys while the screen is too small
    /// to show anything.
    pub size: (u16, u16),
    /// `[inspect] auto-advance` in `config.toml`: a status key moves on to the next item.
    pub auto_advance: bool,
    /// Entries of `config.toml` that were skipped, as sentences, listed in the help.
    pub config_problems: Vec<String>,
    /// Where the help overlay is scrolled to (settled by its drawing).
    pub help_scroll: Scroll,
}

impl App {
    pub fn new(lang: Lang, keymap: Keymap, theme: Theme, screen: Screen) -> App {
        App {
            lang,
            keymap,
            theme,
            screen,
            global: Global::None,
            mouse_captured: true,
            size: (80, 24),
            auto_advance: false,
            config_problems: Vec::new(),
            help_scroll: Scroll::default(),
        }
    }

    /// The screen shows only "终端太小" (below `MIN_WIDTH` × `MIN_HEIGHT`).
    pub fn too_small(&self) -> bool {
        self.size.0 < super::chrome::MIN_WIDTH || self.size.1 < super::chrome::MIN_HEIGHT
    }

    /// Say `text` as a warning on the screen's status line.
    pub fn warn(&mut self, text: String) {
        match &mut self.screen {
            Screen::Inspect(i) => i.message = Some((text, true)),
            Screen::Home(h) => h.message = Some(text),
            Screen::Review(r) => r.warn(text),
        }
    }

    /// The mode that reads keys now.
    pub fn mode(&self) -> Mode {
        match self.global {
            Global::Help => Mode::Help,
            Global::Privacy => Mode::Privacy,
            Global::None => self.screen_mode(),
        }
    }

    fn screen_mode(&self) -> Mode {
        match &self.screen {
            Screen::Home(h) => h.mode(),
            Screen::Inspect(i) => i.mode(),
            Screen::Review(r) => r.mode(),
        }
    }

    /// The one entry point for terminal events. `now` is the time of the event: a change made
    /// by it is stamped with it (nothing below reads the clock).
    pub fn handle_event(&mut self, event: Event, now: Timestamp) -> Vec<Effect> {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => self.key(key, now),
            Event::Paste(text) => {
                // Nothing lands where nothing can be seen.
                if self.global == Global::None && !self.too_small() {
                    match &mut self.screen {
                        Screen::Home(h) => h.paste(&text),
                        Screen::Inspect(i) => i.paste(&text),
                        Screen::Review(r) => r.paste(&text),
                    }
                }
                Vec::new()
            }
            Event::Mouse(m) => {
                self.mouse(m);
                Vec::new()
            }
            Event::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn key(&mut self, key: KeyEvent, now: Timestamp) -> Vec<Effect> {
        // Ctrl+C always leaves, whatever is open; the runtime saves first.
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return vec![Effect::Quit];
        }
        let mode = self.mode();
        let action = self.keymap.lookup(mode, &key);
        // While the screen is too small to show anything, no key may change what cannot be
        // seen: only leaving, suspending and the privacy screen work.
        if self.too_small()
            && !matches!(
                action,
                Some(Action::Quit | Action::Suspend | Action::Privacy)
            )
        {
            return Vec::new();
        }
        if action == Some(Action::Suspend) {
            return vec![Effect::Suspend];
        }
        match (self.global, action) {
            (Global::Privacy, Some(Action::Back)) => {
                self.global = Global::None;
                return Vec::new();
            }
            (Global::Privacy, _) => return Vec::new(),
            (Global::Help, Some(Action::Privacy)) => {
                self.global = Global::Privacy;
                return Vec::new();
            }
            (Global::Help, Some(Action::Back)) => {
                self.global = Global::None;
                return Vec::new();
            }
            (Global::Help, Some(a)) if self.help_scroll.scroll(a) => {
                return Vec::new();
            }
            (Global::Help, _) => return Vec::new(),
            (Global::None, _) => {}
        }
        match action {
            Some(Action::Privacy) => {
                self.global = Global::Privacy;
                Vec::new()
            }
            Some(Action::Help) => {
                self.global = Global::Help;
                self.help_scroll = Scroll::default();
                Vec::new()
            }
            Some(Action::ToggleMouse) => {
                self.mouse_captured = !self.mouse_captured;
                let msg = if self.mouse_captured {
                    ui(self.lang).mouse_captured
                } else {
                    ui(self.lang).mouse_released
                };
                if let Screen::Inspect(i) = &mut self.screen {
                    i.message = Some((msg.to_string(), false));
                }
                vec![Effect::SetMouse(self.mouse_captured)]
            }
            Some(action) => match &mut self.screen {
                Screen::Inspect(i) => {
                    i.auto_advance = self.auto_advance;
                    i.update(action, now)
                }
                Screen::Home(h) => h.update(action, now),
                Screen::Review(r) => r.update(action, now),
            },
            None => {
                match &mut self.screen {
                    Screen::Inspect(i) => i.input(key),
                    Screen::Home(h) => h.input(key),
                    Screen::Review(r) => r.input(key),
                }
                Vec::new()
            }
        }
    }

    fn mouse(&mut self, m: MouseEvent) {
        if self.global != Global::None || self.too_small() {
            return;
        }
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        match &mut self.screen {
            Screen::Inspect(i) => {
                let l = super::inspect::view::inspect_layout(area, i.tree_width);
                i.mouse(
                    m,
                    PaneRects {
                        tree: l.tree,
                        items: l.items,
                        detail: l.detail,
                    },
                );
            }
            Screen::Home(h) => h.mouse(m, area),
            Screen::Review(r) => r.mouse(m, area),
        }
    }

    /// The program is about to end (at `now`): keep any text typed into an open form.
    pub fn keep_drafts(&mut self, now: Timestamp) {
        if let Screen::Inspect(i) = &mut self.screen {
            i.keep_open_form(now);
        }
    }

    /// The text came back from `$EDITOR`.
    pub fn editor_returned(&mut self, result: Result<String, String>) {
        match (&mut self.screen, result) {
            (Screen::Inspect(i), Ok(text)) => i.editor_returned(&text),
            (Screen::Inspect(i), Err(e)) => {
                i.message = Some(((ui(self.lang).editor_failed)(&e), true));
            }
            (Screen::Home(h), Ok(text)) => h.editor_returned(&text),
            (Screen::Home(_), Err(_)) | (Screen::Review(_), _) => {}
        }
    }

    pub fn draw(&self, frame: &mut ratatui::Frame) {
        if self.global == Global::Privacy {
            super::chrome::draw_privacy(frame);
            return;
        }
        match &self.screen {
            Screen::Inspect(i) => {
                super::inspect::view::draw_inspect(frame, i, &self.keymap, &self.theme)
            }
            Screen::Home(h) => super::home::view::draw(frame, h, &self.keymap, &self.theme),
            Screen::Review(r) => super::review::view::draw(frame, r, &self.keymap, &self.theme),
        }
        if self.global == Global::Help {
            let area = frame.area();
            if area.width >= super::chrome::MIN_WIDTH && area.height >= super::chrome::MIN_HEIGHT {
                let under = self.screen_mode();
                let mut modes = vec![under];
                // the keys of the screen's other modes after those of the current one (the
                // full-screen text opens from the review and from the inspect screen)
                let others: &[Mode] = if matches!(self.screen, Screen::Review(_)) {
                    &[Mode::Review, Mode::Detail, Mode::Form, Mode::Privacy]
                } else {
                    &[
                        Mode::Inspect,
                        Mode::Form,
                        Mode::Sources,
                        Mode::Search,
                        Mode::Confirm,
                        Mode::Detail,
                        Mode::Home,
                        Mode::Privacy,
                    ]
                };
                for m in others.iter().copied() {
                    if !modes.contains(&m) {
                        modes.push(m);
                    }
                }
                let settings = super::chrome::HelpSettings {
                    auto_advance: self.auto_advance,
                    config_problems: &self.config_problems,
                    form_actions: matches!(self.screen, Screen::Review(_))
                        .then_some(&super::review::FORM_ACTIONS[..]),
                };
                super::chrome::draw_help(
                    frame,
                    &self.keymap,
                    &modes,
                    self.lang,
                    &self.help_scroll,
                    &self.theme,
                    &settings,
                );
            }
        }
    }
}
