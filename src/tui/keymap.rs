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
    /// A full-screen detail opened from the review.
    Detail,
}

impl Mode {
    pub const ALL: [Mode; 10] = [
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
}

impl Action {
    /// What the action does, for help and the footer.
    pub fn describe(self, lang: Lang) -> &'static str {
        use Action::*;
        let (zh, en) = match self {
            Quit => ("退出", "quit"),
            Help => ("帮助", "help"),
            Privacy => ("隐私遮挡", "privacy screen"),
            ToggleMouse => ("释放/接管鼠标", "release/capture mouse"),
            Up => ("上移", "up"),
            Down => ("下移", "down"),
            PageUp => ("上翻页", "page up"),
            PageDown => ("下翻页", "page down"),
            First => ("到顶", "first"),
            Last => ("到底", "last"),
            Left => ("左/上一项", "left / previous choice"),
            Right => ("右/下一项", "right / next choice"),
            NextPane => ("下一栏", "next pane"),
            PrevPane => ("上一栏", "previous pane"),
            Open => ("打开", "open"),
            NewRecord => ("新建记录", "new record"),
            Refresh => ("刷新", "refresh"),
            StatusNoProblem => ("未发现问题", "no problem"),
            StatusProblem => ("发现问题", "problem found"),
            StatusDoubt => ("存疑待核", "doubt"),
            StatusNotApplicable => ("不适用", "not applicable"),
            StatusUnchecked => ("改回未查", "back to unchecked"),
            AddNote => ("记证据", "add note"),
            EditNote => ("改证据", "edit note"),
            DeleteNote => ("删证据", "delete note"),
            EditFinding => ("问题底稿", "finding"),
            Sources => ("来源", "sources"),
            AddSource => ("新增来源", "add source"),
            ClearSource => ("不用当前来源", "clear current source"),
            Search => ("搜索", "search"),
            CycleFilter => ("筛选", "filter"),
            ClearFilter => ("清除筛选/搜索", "clear filter/search"),
            Undo => ("撤销", "undo"),
            Redo => ("重做", "redo"),
            Save => ("保存", "save"),
            Cancel => ("取消", "cancel"),
            NextField => ("下一栏位", "next field"),
            PrevField => ("上一栏位", "previous field"),
            ExternalEditor => ("用 $EDITOR 编辑", "edit in $EDITOR"),
            Yes => ("是", "yes"),
            No => ("否", "no"),
            Back => ("返回", "back"),
            NextTab => ("下一页签", "next tab"),
            PrevTab => ("上一页签", "previous tab"),
            ToggleGrouping => (
                "按三大问题/清单/四个落实分组",
                "group by category / checklist / focus",
            ),
            CycleUnit => ("切换单位", "next unit filter"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
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

/// `config.toml` may hold other settings; only `[keys.*]` is read here.
#[derive(Debug, Default, Deserialize)]
struct Table {
    #[serde(default)]
    keys: BTreeMap<Mode, Vec<Entry>>,
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
    /// user binds replaces the default binding of that key in that mode.
    pub fn with_overrides(config_text: &str) -> Result<Keymap, String> {
        let mut map = Self::default_map();
        let user = Self::parse(config_text, Origin::User)?;
        for (mode, entries) in user.modes {
            let list = map.modes.entry(mode).or_default();
            for (key, action, origin) in entries {
                list.retain(|(k, _, _)| *k != key);
                list.push((key, action, origin));
            }
        }
        Ok(map)
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

    /// Help rows for a mode: keys, description, and whether the user changed it. One row per
    /// action, in table order.
    pub fn help_rows(&self, mode: Mode, lang: Lang) -> Vec<(String, &'static str, bool)> {
        let mut rows: Vec<(Action, String, bool)> = Vec::new();
        for (key, action, origin) in self.modes.get(&mode).into_iter().flatten() {
            if let Some(row) = rows.iter_mut().find(|(a, _, _)| a == action) {
                row.1.push('/');
                row.1.push_str(&key.to_string());
                row.2 |= *origin == Origin::User;
            } else {
                rows.push((*action, key.to_string(), *origin == Origin::User));
            }
        }
        rows.into_iter()
            .map(|(a, keys, user)| (keys, a.describe(lang), user))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_table_parses_and_binds_no_key_twice() {
        let map = Keymap::parse(DEFAULT_KEYMAP, Origin::Default).unwrap();
        assert!(map.duplicates().is_empty(), "{:?}", map.duplicates());
        for mode in Mode::ALL {
            assert!(map.bound_in(mode) > 0, "{mode:?} has no keys");
        }
    }

    #[test]
    fn every_mode_can_be_left() {
        let map = Keymap::default_map();
        for mode in Mode::ALL {
            let leaves = [Action::Quit, Action::Cancel, Action::Back, Action::No]
                .iter()
                .any(|a| !map.keys_for(mode, *a).is_empty());
            assert!(leaves, "{mode:?} has no way out");
        }
    }

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(Key::parse("ctrl-s").unwrap().to_string(), "Ctrl+S");
        assert_eq!(Key::parse("G").unwrap().to_string(), "G");
        assert_eq!(Key::parse("f12").unwrap().to_string(), "F12");
        assert_eq!(Key::parse("space").unwrap().to_string(), "Space");
        assert!(Key::parse("hyper-x").is_err());
        let ev = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(&ev), Some(Key::parse("ctrl-s").unwrap()));
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Some(Key::parse("G").unwrap()));
    }

    #[test]
    fn user_overrides_replace_the_key_and_show_in_help() {
        let user = "[[keys.inspect]]\non = \"x\"\naction = \"status-problem\"\n\n[[keys.inspect]]\non = \"j\"\naction = \"up\"\n";
        let map = Keymap::with_overrides(user).unwrap();
        let x = Key::parse("x").unwrap();
        let j = Key::parse("j").unwrap();
        assert_eq!(map.action(Mode::Inspect, x), Some(Action::StatusProblem));
        assert_eq!(map.action(Mode::Inspect, j), Some(Action::Up));
        assert!(map.duplicates().is_empty());
        let rows = map.help_rows(Mode::Inspect, Lang::Zh);
        let problem = rows.iter().find(|r| r.1 == "发现问题").unwrap();
        assert!(problem.0.contains('x') && problem.2, "{problem:?}");
    }

    #[test]
    fn bad_user_tables_are_errors_not_panics() {
        assert!(
            Keymap::with_overrides("[[keys.inspect]]\non = \"x\"\naction = \"fly\"\n").is_err()
        );
        assert!(
            Keymap::with_overrides("[[keys.nowhere]]\non = \"x\"\naction = \"quit\"\n").is_err()
        );
        assert!(
            Keymap::with_overrides("[[keys.inspect]]\non = \"ctrl-\"\naction = \"quit\"\n")
                .is_err()
        );
    }
}
