//! Keys are data: every [`Action`] a key can trigger, a default key table per [`Mode`]
//! (embedded from `keymap-default.toml`), user overrides from `config.toml`, and the help and
//! footer generated from the effective bindings so they never drift from the code.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use crate::i18n::Lang;

/// The screens and overlays that read keys differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// The record list.
    Home,
    /// Walking the checklist.
    Inspect,
    /// A form (note, finding, source, new record): keys not bound here go to the text field.
    Form,
    /// The sources list.
    Sources,
    /// Typing a search.
    Search,
    /// A yes/no question.
    Confirm,
    /// The help overlay.
    Help,
    /// The privacy screen.
    Privacy,
    /// The group leader's review.
    Review,
    /// A text to read and scroll over the screen: a row's detail opened from the review, the
    /// 谈话提纲 opened from the inspect screen.
    Detail,
    /// A save was refused because another program changed the record: the three ways out.
    Conflict,
}

impl Mode {
    pub const ALL: [Mode; 11] = [
        Mode::Home,
        Mode::Inspect,
        Mode::Form,
        Mode::Sources,
        Mode::Search,
        Mode::Confirm,
        Mode::Help,
        Mode::Privacy,
        Mode::Review,
        Mode::Detail,
        Mode::Conflict,
    ];
}

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    Quit,
    Help,
    Privacy,
    ToggleMouse,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Left,
    Right,
    NextPane,
    PrevPane,
    Open,
    NewRecord,
    Refresh,
    /// Move the selected record to the data folder's `trash/` (asks first).
    Trash,
    /// In the new-record form: fill in the next value already used for the unit or round.
    Complete,
    /// An outside change: take the file on disk, the change in memory to a rescue copy.
    ConflictReload,
    /// An outside change: save mine over it, the file on disk kept as a copy beside it.
    ConflictKeepMine,
    /// An outside change: save mine as a copy beside the record, take the file on disk.
    ConflictSaveCopy,
    StatusNoProblem,
    StatusProblem,
    StatusDoubt,
    StatusNotApplicable,
    StatusUnchecked,
    AddNote,
    EditNote,
    DeleteNote,
    EditFinding,
    Sources,
    AddSource,
    ClearSource,
    EditSource,
    DeleteSource,
    RevealReference,
    ToggleTree,
    /// Show the 谈话提纲 for the current source's role (asked when it has none).
    Outline,
    Search,
    CycleFilter,
    ClearFilter,
    Undo,
    Redo,
    Save,
    Cancel,
    NextField,
    PrevField,
    ExternalEditor,
    Yes,
    No,
    Back,
    NextTab,
    PrevTab,
    ToggleGrouping,
    CycleUnit,
    /// On the review: sign the selected finding (编制, 复核 or 审签), in a small form.
    Sign,
    /// On the review: record the leader's decision on the selected disagreement.
    Settle,
    /// Give the terminal back and stop, as `Ctrl+Z` does in a shell (`fg` to come back).
    Suspend,
}

/// One key with its modifiers, as written in key tables: `j`, `G`, `ctrl-s`, `alt-x`, `enter`,
/// `esc`, `tab`, `backtab`, `up`, `pgdn`, `f1`, `space`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub code: KeyCodeOrd,
    pub ctrl: bool,
    pub alt: bool,
}

/// `KeyCode` restricted to what tables can name, ordered so tables can be sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyCodeOrd {
    Char(char),
    F(u8),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
}

impl Key {
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCodeOrd::Enter,
            "esc" => KeyCodeOrd::Esc,
            "tab" => KeyCodeOrd::Tab,
            "backtab" => KeyCodeOrd::BackTab,
            "backspace" => KeyCodeOrd::Backspace,
            "delete" => KeyCodeOrd::Delete,
            "up" => KeyCodeOrd::Up,
            "down" => KeyCodeOrd::Down,
            "left" => KeyCodeOrd::Left,
            "right" => KeyCodeOrd::Right,
            "pgup" => KeyCodeOrd::PageUp,
            "pgdn" => KeyCodeOrd::PageDown,
            "home" => KeyCodeOrd::Home,
            "end" => KeyCodeOrd::End,
            "space" => KeyCodeOrd::Char(' '),
            f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCodeOrd::F(f[1..].parse().unwrap_or(1))
            }
            c if c.chars().count() == 1 => {
                let ch = c.chars().next().unwrap_or(' ');
                KeyCodeOrd::Char(if ctrl { ch.to_ascii_lowercase() } else { ch })
            }
            _ => return Err(format!("unknown key `{s}`")),
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The table key for a terminal key event; `None` for keys tables cannot name.
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::Enter => KeyCodeOrd::Enter,
            KeyCode::Esc => KeyCodeOrd::Esc,
            KeyCode::Tab => KeyCodeOrd::Tab,
            KeyCode::BackTab => KeyCodeOrd::BackTab,
            KeyCode::Backspace => KeyCodeOrd::Backspace,
            KeyCode::Delete => KeyCodeOrd::Delete,
            KeyCode::Up => KeyCodeOrd::Up,
            KeyCode::Down => KeyCodeOrd::Down,
            KeyCode::Left => KeyCodeOrd::Left,
            KeyCode::Right => KeyCodeOrd::Right,
            KeyCode::PageUp => KeyCodeOrd::PageUp,
            KeyCode::PageDown => KeyCodeOrd::PageDown,
            KeyCode::Home => KeyCodeOrd::Home,
            KeyCode::End => KeyCodeOrd::End,
            _ => return None,
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl+")?;
        }
        if self.alt {
            f.write_str("Alt+")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("Space"),
            KeyCodeOrd::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Enter => f.write_str("Enter"),
            KeyCodeOrd::Esc => f.write_str("Esc"),
            KeyCodeOrd::Tab => f.write_str("Tab"),
            KeyCodeOrd::BackTab => f.write_str("Shift+Tab"),
            KeyCodeOrd::Backspace => f.write_str("Backspace"),
            KeyCodeOrd::Delete => f.write_str("Del"),
            KeyCodeOrd::Up => f.write_str("Up"),
            KeyCodeOrd::Down => f.write_str("Down"),
            KeyCodeOrd::Left => f.write_str("Left"),
            KeyCodeOrd::Right => f.write_str("Right"),
            KeyCodeOrd::PageUp => f.write_str("PgUp"),
            KeyCodeOrd::PageDown => f.write_str("PgDn"),
            KeyCodeOrd::Home => f.write_str("Home"),
            KeyCodeOrd::End => f.write_str("End"),
        }
    }
}

/// How a table entry is written in TOML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    on: String,
    action: Action,
}

/// The default table: `[keys.MODE]` arrays of entries.
#[derive(Debug, Default, Deserialize)]
struct Table {
    #[serde(default)]
    keys: BTreeMap<Mode, Vec<Entry>>,
}

/// One entry of a user's `[keys]` that was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    /// Where in `config.toml`: `keys.inspect[3]` (entries counted from 1).
    pub place: String,
    pub what: KeyProblemKind,
}

/// Why a `[keys]` entry was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyProblemKind {
    /// `keys` or `keys.MODE` is not a table or an array of tables.
    NotATable,
    /// No such mode (the names are [`Mode`]'s, in kebab case).
    UnknownMode(String),
    /// A key the tables cannot name.
    UnknownKey(String),
    /// The entry does not read: an unknown action or field, a field missing (the `toml`
    /// crate's message, in English).
    Entry(String),
}

impl KeyProblem {
    /// The problem as one sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let place = &self.place;
        match (lang, &self.what) {
            (Lang::Zh, KeyProblemKind::NotATable) => format!("{place}：应为按键表"),
            (Lang::Zh, KeyProblemKind::UnknownMode(m)) => format!("{place}：没有“{m}”这个界面"),
            (Lang::Zh, KeyProblemKind::UnknownKey(k)) => format!("{place}：无法识别的按键“{k}”"),
            (Lang::Zh, KeyProblemKind::Entry(e)) => format!("{place}：写法有误（{e}）"),
            (Lang::En, KeyProblemKind::NotATable) => format!("{place}: should be a key table"),
            (Lang::En, KeyProblemKind::UnknownMode(m)) => format!("{place}: no screen named `{m}`"),
            (Lang::En, KeyProblemKind::UnknownKey(k)) => format!("{place}: unknown key `{k}`"),
            (Lang::En, KeyProblemKind::Entry(e)) => format!("{place}: cannot be read ({e})"),
        }
    }
}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Where a binding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Default,
    User,
}

/// The effective key tables.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Per mode, in table order: key, action, origin.
    modes: BTreeMap<Mode, Vec<(Key, Action, Origin)>>,
}

pub const DEFAULT_KEYMAP: &str = include_str!("keymap-default.toml");

impl Keymap {
    /// The built-in tables.
    pub fn default_map() -> Keymap {
        // The default table is tested to parse; should it ever fail, an empty map still lets
        // `q`-less users leave with Ctrl+C, handled outside the tables.
        Self::parse(DEFAULT_KEYMAP, Origin::Default).unwrap_or(Keymap {
            modes: BTreeMap::new(),
        })
    }

    fn parse(text: &str, origin: Origin) -> Result<Keymap, String> {
        let table: Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut modes = BTreeMap::new();
        for (mode, entries) in table.keys {
            let mut list = Vec::new();
            for e in entries {
                list.push((Key::parse(&e.on)?, e.action, origin));
            }
            modes.insert(mode, list);
        }
        Ok(Keymap { modes })
    }

    /// The defaults with a user's `config.toml` `[keys.MODE]` tables laid over them: a key the
    /// user binds replaces the default binding of that key in that mode. Any error in the text
    /// refuses all of it (see [`Keymap::with_user_keys`] for the forgiving reading).
    pub fn with_overrides(config_text: &str) -> Result<Keymap, String> {
        let table: toml::Table = toml::from_str(config_text).map_err(|e| e.to_string())?;
        let (map, problems) = Self::with_user_keys(table.get("keys"));
        match problems.into_iter().next() {
            Some(p) => Err(p.to_string()),
            None => Ok(map),
        }
    }

    /// The defaults with the `keys` value of a user's `config.toml` laid over them, entry by
    /// entry: an entry that does not read (an unknown mode, action or key, a missing field) is
    /// skipped and returned as a [`KeyProblem`], and the defaults stay for what it would have
    /// changed.
    pub fn with_user_keys(keys: Option<&toml::Value>) -> (Keymap, Vec<KeyProblem>) {
        let mut map = Self::default_map();
        let mut problems = Vec::new();
        let Some(keys) = keys else {
            return (map, problems);
        };
        let Some(modes) = keys.as_table() else {
            problems.push(KeyProblem {
                place: "keys".to_string(),
                what: KeyProblemKind::NotATable,
            });
            return (map, problems);
        };
        for (mode_name, entries) in modes {
            let place = format!("keys.{mode_name}");
            let mode = match Mode::deserialize(toml::Value::String(mode_name.clone())) {
                Ok(mode) => mode,
                Err(_) => {
                    problems.push(KeyProblem {
                        place,
                        what: KeyProblemKind::UnknownMode(mode_name.clone()),
                    });
                    continue;
                }
            };
            let Some(entries) = entries.as_array() else {
                problems.push(KeyProblem {
                    place,
                    what: KeyProblemKind::NotATable,
                });
                continue;
            };
            for (i, entry) in entries.iter().enumerate() {
                let place = format!("keys.{mode_name}[{}]", i + 1);
                let read = Entry::deserialize(entry.clone())
                    .map_err(|e| {
                        // The list of every action the crate adds would fill the screen.
                        let message = e.message();
                        let short = message.split(", expected one of").next().unwrap_or(message);
                        KeyProblemKind::Entry(short.trim().to_string())
                    })
                    .and_then(|e| {
                        Key::parse(&e.on)
                            .map(|k| (k, e.action))
                            .map_err(|_| KeyProblemKind::UnknownKey(e.on.clone()))
                    });
                match read {
                    Ok((key, action)) => {
                        let list = map.modes.entry(mode).or_default();
                        list.retain(|(k, _, _)| *k != key);
                        list.push((key, action, Origin::User));
                    }
                    Err(what) => problems.push(KeyProblem { place, what }),
                }
            }
        }
        (map, problems)
    }

    /// Actions the default table binds in `mode` that the user's rebinding left with no key
    /// there: they cannot be reached in that mode any more.
    pub fn unbound(&self, mode: Mode) -> Vec<Action> {
        let defaults = Self::default_map();
        let mut lost = Vec::new();
        for (_, action, _) in defaults.modes.get(&mode).into_iter().flatten() {
            let still = self
                .modes
                .get(&mode)
                .is_some_and(|list| list.iter().any(|(_, a, _)| a == action));
            if !still && !lost.contains(action) {
                lost.push(*action);
            }
        }
        lost
    }

    pub fn action(&self, mode: Mode, key: Key) -> Option<Action> {
        self.modes
            .get(&mode)?
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, a, _)| *a)
    }

    /// Look up a terminal key event.
    pub fn lookup(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        self.action(mode, Key::from_event(ev)?)
    }

    /// The keys bound to `action` in `mode`, for hints: "j/Down".
    pub fn keys_for(&self, mode: Mode, action: Action) -> String {
        self.modes
            .get(&mode)
            .map(|list| {
                list.iter()
                    .filter(|(_, a, _)| *a == action)
                    .map(|(k, _, _)| k.to_string())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default()
    }

    /// The first key bound to `action` in `mode`, for the footer.
    pub fn first_key_for(&self, mode: Mode, action: Action) -> String {
        self.modes
            .get(&mode)
            .and_then(|list| list.iter().find(|(_, a, _)| *a == action))
            .map(|(k, _, _)| k.to_string())
            .unwrap_or_default()
    }

    /// Help rows for a mode: keys, description, and whether the user changed it. First the
    /// actions a rebinding left with no key in this mode, with "（无按键）" / "(no key)" for
    /// keys; then one row per action, in table order.
    pub fn help_rows(&self, mode: Mode, lang: Lang) -> Vec<(String, &'static str, bool)> {
        self.help_rows_where(mode, lang, |_| true)
    }

    /// [`Keymap::help_rows`] of the actions `keep` takes only: the ones the screen on show
    /// carries out in that mode.
    pub fn help_rows_where(
        &self,
        mode: Mode,
        lang: Lang,
        keep: impl Fn(Action) -> bool,
    ) -> Vec<(String, &'static str, bool)> {
        let mut rows: Vec<(Action, String, bool)> = Vec::new();
        let bound = self.modes.get(&mode).into_iter().flatten();
        for (key, action, origin) in bound.filter(|(_, a, _)| keep(*a)) {
            if let Some(row) = rows.iter_mut().find(|(a, _, _)| a == action) {
                row.1.push('/');
                row.1.push_str(&key.to_string());
                row.2 |= *origin == Origin::User;
            } else {
                rows.push((*action, key.to_string(), *origin == Origin::User));
            }
        }
        let none = match lang {
            Lang::Zh => "（无按键）",
            Lang::En => "(no key)",
        };
        self.unbound(mode)
            .into_iter()
            .filter(|a| keep(*a))
            .map(|a| (none.to_string(), a.describe_in(mode, lang), true))
            .chain(
                rows.into_iter()
                    .map(|(a, keys, user)| (keys, a.describe_in(mode, lang), user)),
            )
            .collect()
    }

    /// Duplicate keys in one mode (a table error).
    pub fn duplicates(&self) -> Vec<(Mode, Key)> {
        let mut dups = Vec::new();
        for (mode, list) in &self.modes {
            for (i, (k, _, _)) in list.iter().enumerate() {
                if list[..i].iter().any(|(k2, _, _)| k2 == k) {
                    dups.push((*mode, *k));
                }
            }
        }
        dups
    }

    pub fn bound_in(&self, mode: Mode) -> usize {
        self.modes.get(&mode).map_or(0, Vec::len)
    }
}

mod describe;

#[cfg(test)]
mod tests;
