//! `config.toml` in the config folder: the user's key bindings (`[[keys.MODE]]`, read by
//! [`Keymap::with_user_keys`]) and the interface settings (`[inspect]`). Read forgivingly: a
//! bad entry is reported and skipped, and the program starts with the defaults for it.

use crate::i18n::Lang;

use super::keymap::Keymap;

/// The settings in effect, with what could not be read.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    /// `[inspect] auto-advance = true`: after a status key the selection moves to the next
    /// item. Off by default.
    pub auto_advance: bool,
    /// Each entry that was skipped, as a sentence in the interface language, beginning with
    /// where it is (`keys.inspect[3]`, `inspect.auto-advance`, or the line and column of a
    /// syntax error).
    pub problems: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            keymap: Keymap::default_map(),
            auto_advance: false,
            problems: Vec::new(),
        }
    }
}

/// The top-level names `config.toml` may hold.
const KNOWN: [&str; 2] = ["keys", "inspect"];

impl Config {
    /// Read the text of `config.toml`. Never fails: a file that is not TOML at all gives the
    /// defaults and one problem; an unknown name, a bad key entry or a setting of the wrong
    /// type is one problem each, and the rest is used.
    pub fn parse(text: &str, lang: Lang) -> Config {
        let mut config = Config::default();
        let table: toml::Table = match toml::from_str(text) {
            Ok(table) => table,
            Err(e) => {
                let at = e
                    .span()
                    .map(|span| line_column(text, span.start))
                    .map(|(line, column)| match lang {
                        Lang::Zh => format!("第 {line} 行第 {column} 列"),
                        Lang::En => format!("line {line}, column {column}"),
                    })
                    .unwrap_or_default();
                config.problems.push(match lang {
                    Lang::Zh => format!("无法读取，全部按默认设置（{at}：{}）", e.message()),
                    Lang::En => format!(
                        "cannot be read; all defaults are used ({at}: {})",
                        e.message()
                    ),
                });
                return config;
            }
        };
        let (keymap, key_problems) = Keymap::with_user_keys(table.get("keys"));
        config.keymap = keymap;
        config
            .problems
            .extend(key_problems.iter().map(|p| p.message(lang)));
        for name in table.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
            config.problems.push(match lang {
                Lang::Zh => format!("{name}：不认识的设置，已忽略"),
                Lang::En => format!("{name}: unknown setting, ignored"),
            });
        }
        if let Some(inspect) = table.get("inspect") {
            config.read_inspect(inspect, lang);
        }
        config
    }

    fn read_inspect(&mut self, inspect: &toml::Value, lang: Lang) {
        let Some(inspect) = inspect.as_table() else {
            self.problems.push(match lang {
                Lang::Zh => "inspect：应为设置表 [inspect]".to_string(),
                Lang::En => "inspect: should be a table, [inspect]".to_string(),
            });
            return;
        };
        for (name, value) in inspect {
            match (name.as_str(), value.as_bool()) {
                ("auto-advance", Some(on)) => self.auto_advance = on,
                ("auto-advance", None) => self.problems.push(match lang {
                    Lang::Zh => {
                        "inspect.auto-advance：应为 true 或 false，按默认（关）".to_string()
                    }
                    Lang::En => "inspect.auto-advance: should be true or false; off (the default)"
                        .to_string(),
                }),
                _ => self.problems.push(match lang {
                    Lang::Zh => format!("inspect.{name}：不认识的设置，已忽略"),
                    Lang::En => format!("inspect.{name}: unknown setting, ignored"),
                }),
            }
        }
    }
}

/// Line and column (from 1, the column in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{Action, Key, Mode};

    #[test]
    fn no_file_content_is_the_defaults() {
        let c = Config::parse("", Lang::Zh);
        assert!(c.problems.is_empty());
        assert!(!c.auto_advance);
        assert_eq!(
            c.keymap.action(Mode::Inspect, Key::parse("q").unwrap()),
            Some(Action::Quit)
        );
    }

    #[test]
    fn a_bad_entry_is_reported_and_skipped_the_good_ones_kept() {
        let text = "\
[[keys.inspect]]
on = \"x\"
action = \"fly\"

[[keys.inspect]]
on = \"z\"
action = \"status-problem\"

[[keys.nowhere]]
on = \"x\"
action = \"quit\"

[[keys.inspect]]
on = \"hyper-x\"
action = \"quit\"

[inspect]
auto-advance = \"yes\"
colour = 3
";
        let c = Config::parse(text, Lang::Zh);
        assert_eq!(c.problems.len(), 5, "{:#?}", c.problems);
        assert!(
            c.problems[0].starts_with("keys.inspect[1]："),
            "{:?}",
            c.problems
        );
        assert!(c.problems.iter().any(|p| p.contains("nowhere")));
        assert!(c.problems.iter().any(|p| p.contains("hyper-x")));
        assert!(
            c.problems
                .iter()
                .any(|p| p.starts_with("inspect.auto-advance"))
        );
        assert!(c.problems.iter().any(|p| p.starts_with("inspect.colour")));
        let z = Key::parse("z").unwrap();
        assert_eq!(
            c.keymap.action(Mode::Inspect, z),
            Some(Action::StatusProblem)
        );
        // What the bad entries would have changed keeps its default.
        let x = Key::parse("x").unwrap();
        assert_eq!(c.keymap.action(Mode::Inspect, x), None);
        assert!(!c.auto_advance);
    }

    #[test]
    fn a_file_that_is_not_toml_gives_the_defaults_and_says_where() {
        let c = Config::parse("[[keys.inspect]\non = \"x\"\n", Lang::Zh);
        assert_eq!(c.problems.len(), 1);
        assert!(c.problems[0].contains("第 1 行"), "{:?}", c.problems);
        let c = Config::parse("[[keys.inspect]\n", Lang::En);
        assert!(c.problems[0].contains("line 1, column"), "{:?}", c.problems);
        assert!(!c.problems[0].contains(['：', '（']));
        assert_eq!(
            c.keymap.action(Mode::Inspect, Key::parse("2").unwrap()),
            Some(Action::StatusProblem)
        );
    }

    #[test]
    fn auto_advance_is_read() {
        assert!(Config::parse("[inspect]\nauto-advance = true\n", Lang::Zh).auto_advance);
        assert!(!Config::parse("[inspect]\nauto-advance = false\n", Lang::Zh).auto_advance);
    }

    #[test]
    fn a_rebinding_that_leaves_an_action_without_a_key_is_in_the_help() {
        let text = "[[keys.inspect]]\non = \"q\"\naction = \"up\"\n";
        let c = Config::parse(text, Lang::Zh);
        assert!(c.problems.is_empty());
        assert_eq!(c.keymap.unbound(Mode::Inspect), vec![Action::Quit]);
        let rows = c.keymap.help_rows(Mode::Inspect, Lang::Zh);
        let quit = rows.iter().find(|r| r.1 == "关闭记录").unwrap();
        assert_eq!(quit.0, "（无按键）");
        assert!(quit.2);
        let rows = c.keymap.help_rows(Mode::Inspect, Lang::En);
        assert!(
            rows.iter()
                .any(|r| r.0 == "(no key)" && r.1 == "close the record")
        );
        // The defaults leave nothing unbound.
        for mode in Mode::ALL {
            assert!(Keymap::default_map().unbound(mode).is_empty(), "{mode:?}");
        }
    }
}
