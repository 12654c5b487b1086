//! Checklist templates: parsing, validation (every error positioned) and lookup.
//!
//! The file schema is documented in `docs/FORMAT.md`. Parsing reads into `raw` structs that keep
//! the source span of every id and text, so that semantic errors (duplicate ids, blank text) name
//! a line and column just like syntax errors do.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::diag::{self, Diagnostic};
use super::vocab::{Category, SourceKind};

/// A validated checklist template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: String,
    pub basis: Vec<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub text: String,
    pub guide: String,
    pub methods: Vec<SourceKind>,
    pub category: Category,
    /// Not confirmed against an official text.
    pub unverified: bool,
    pub note: String,
    pub thresholds: Vec<Threshold>,
}

/// A local figure that differs by university, kept editable in the template.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub name: String,
    pub value: String,
    #[serde(default)]
    pub note: String,
}

impl Template {
    /// Parse and validate one template file. `file` is only used in messages.
    pub fn parse(file: &str, text: &str) -> Result<Template, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // The plain shape is read directly; the `toml` crate reads anything else, and reads
        // again whatever fails validation, for the positions of the messages.
        if let Some(raw) = super::canonical::read_template(text)
            && Self::validate(file, text, &raw).is_empty()
        {
            return Ok(raw.into_template());
        }
        Self::read_by_toml(file, text)
    }

    /// [`Template::parse`] always through the `toml` crate: the reference the direct reader is
    /// tested (and fuzzed) against.
    #[doc(hidden)]
    pub fn parse_by_toml(file: &str, text: &str) -> Result<Template, Vec<Diagnostic>> {
        Self::read_by_toml(file, text.strip_prefix('\u{feff}').unwrap_or(text))
    }

    /// The text after its byte order mark, through the `toml` crate.
    fn read_by_toml(file: &str, text: &str) -> Result<Template, Vec<Diagnostic>> {
        let raw: raw::Template =
            toml::from_str(text).map_err(|e| vec![diag::from_toml(file, text, &e)])?;
        let errors = Self::validate(file, text, &raw);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(raw.into_template())
    }

    /// Every semantic error of a parsed template (blank texts, bad ids, duplicates, empty
    /// lists), in file order.
    fn validate(file: &str, text: &str, raw: &raw::Template) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let check = |errors: &mut Vec<Diagnostic>, s: &Spanned<String>, what: &str, is_id| {
            if let Some(message) = check_text(s.get_ref(), what, is_id) {
                errors.push(Diagnostic::at(file, text, Some(s.span()), message));
            }
        };
        check(&mut errors, &raw.id, "template id", true);
        check(&mut errors, &raw.title, "template title", false);
        check(&mut errors, &raw.version, "version", false);
        let mut section_ids = HashSet::new();
        let mut item_ids = HashSet::new();
        let mut dupes = Vec::new();
        for section in &raw.sections {
            check(&mut errors, &section.id, "section id", true);
            check(&mut errors, &section.title, "section title", false);
            if !section_ids.insert(section.id.get_ref().as_str()) {
                dupes.push((section.id.clone(), "section"));
            }
            for item in &section.items {
                check(&mut errors, &item.id, "item id", true);
                check(&mut errors, &item.text, "item text", false);
                check(&mut errors, &item.guide, "item guide", false);
                if !item_ids.insert(item.id.get_ref().as_str()) {
                    dupes.push((item.id.clone(), "item"));
                }
                if item.methods.get_ref().is_empty() {
                    errors.push(Diagnostic::at(
                        file,
                        text,
                        Some(item.methods.span()),
                        "methods is empty; expected at least one source kind".into(),
                    ));
                }
            }
            if section.items.is_empty() {
                errors.push(Diagnostic::at(
                    file,
                    text,
                    Some(section.id.span()),
                    format!("section `{}` has no items", section.id.get_ref()),
                ));
            }
        }
        for (id, what) in dupes {
            errors.push(Diagnostic::at(
                file,
                text,
                Some(id.span()),
                format!(
                    "duplicate {what} id `{}`; ids must be unique in a template",
                    id.get_ref()
                ),
            ));
        }
        if raw.sections.is_empty() {
            errors.push(Diagnostic::at(
                file,
                text,
                Some(raw.id.span()),
                "template has no sections; expected at least one [[sections]]".into(),
            ));
        }
        errors.sort_by_key(|d| (d.line, d.column));
        errors
    }

    pub fn items(&self) -> impl Iterator<Item = (&Section, &Item)> {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter().map(move |i| (s, i)))
    }

    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    pub fn item(&self, item_id: &str) -> Option<&Item> {
        self.items().map(|(_, i)| i).find(|i| i.id == item_id)
    }
}

fn check_text(v: &str, what: &str, is_id: bool) -> Option<String> {
    if v.trim().is_empty() {
        Some(format!("{what} is empty; expected some text"))
    } else if is_id && !valid_id(v) {
        Some(format!(
            "{what} `{v}` may only use lowercase ASCII letters, digits and '-'"
        ))
    } else {
        None
    }
}

pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The key of an answer: `template-id/item-id`.
pub fn answer_key(template_id: &str, item_id: &str) -> String {
    format!("{template_id}/{item_id}")
}

/// Where a template in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn(&'static str),
    File(String),
}

/// The templates in use: built-in ones, overridden or extended by the user's folder.
/// Ordered: built-ins first in their fixed order, then user templates by file name.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<(Template, Origin)>,
    /// Built-in ids that a user template replaced, with the replacing file.
    overridden: BTreeMap<String, Origin>,
}

impl Catalog {
    /// Add a template; one with the same id replaces the earlier one in place.
    pub fn insert(&mut self, template: Template, origin: Origin) {
        if let Some(slot) = self.entries.iter_mut().find(|(t, _)| t.id == template.id) {
            self.overridden.insert(template.id.clone(), origin.clone());
            *slot = (template, origin);
        } else {
            self.entries.push((template, origin));
        }
    }

    pub fn get(&self, id: &str) -> Option<&Template> {
        self.entries.iter().map(|(t, _)| t).find(|t| t.id == id)
    }

    pub fn templates(&self) -> impl Iterator<Item = &Template> {
        self.entries.iter().map(|(t, _)| t)
    }

    pub fn entries(&self) -> &[(Template, Origin)] {
        &self.entries
    }

    pub fn is_overridden(&self, id: &str) -> bool {
        self.overridden.contains_key(id)
    }

    /// Whether a new record uses template `id` unless told otherwise: every built-in one (also
    /// where a user file replaced it); a template only the user's folder adds is chosen by hand.
    pub fn is_default(&self, id: &str) -> bool {
        self.entries
            .iter()
            .any(|(t, o)| t.id == id && (matches!(o, Origin::BuiltIn(_)) || self.is_overridden(id)))
    }

    /// The templates of a new record: those named in `ids` (each once, in the order given), or
    /// the [defaults](Self::is_default) when `ids` is empty.
    ///
    /// # Errors
    /// The first id the catalog does not have.
    pub fn for_new_record<'a>(&self, ids: &'a [String]) -> Result<Vec<&Template>, &'a str> {
        if ids.is_empty() {
            return Ok(self
                .templates()
                .filter(|t| self.is_default(&t.id))
                .collect());
        }
        let mut chosen: Vec<&Template> = Vec::new();
        for id in ids {
            let t = self.get(id).ok_or(id.as_str())?;
            if !chosen.iter().any(|c| c.id == t.id) {
                chosen.push(t);
            }
        }
        Ok(chosen)
    }

    /// Look up the item an answer key points at.
    pub fn resolve(&self, key: &str) -> Option<(&Template, &Section, &Item)> {
        let (tid, iid) = key.split_once('/')?;
        let t = self.get(tid)?;
        t.items().find(|(_, i)| i.id == iid).map(|(s, i)| (t, s, i))
    }
}

pub(super) mod raw {
    use super::*;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Template {
        pub id: Spanned<String>,
        pub title: Spanned<String>,
        pub version: Spanned<String>,
        #[serde(default)]
        pub description: String,
        #[serde(default)]
        pub basis: Vec<String>,
        #[serde(default)]
        pub sections: Vec<Section>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Section {
        pub id: Spanned<String>,
        pub title: Spanned<String>,
        #[serde(default)]
        pub items: Vec<Item>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Item {
        pub id: Spanned<String>,
        pub text: Spanned<String>,
        pub guide: Spanned<String>,
        pub methods: Spanned<Vec<SourceKind>>,
        pub category: Category,
        #[serde(default)]
        pub unverified: bool,
        #[serde(default)]
        pub note: String,
        #[serde(default)]
        pub thresholds: Vec<Threshold>,
    }

    impl Template {
        pub fn into_template(self) -> super::Template {
            super::Template {
                id: self.id.into_inner(),
                title: self.title.into_inner().trim().to_string(),
                version: self.version.into_inner().trim().to_string(),
                description: self.description,
                basis: self.basis,
                sections: self
                    .sections
                    .into_iter()
                    .map(|s| super::Section {
                        id: s.id.into_inner(),
                        title: s.title.into_inner().trim().to_string(),
                        items: s
                            .items
                            .into_iter()
                            .map(|i| super::Item {
                                id: i.id.into_inner(),
                                text: i.text.into_inner().trim().to_string(),
                                guide: i.guide.into_inner().trim().to_string(),
                                methods: i.methods.into_inner(),
                                category: i.category,
                                unverified: i.unverified,
                                note: i.note,
                                thresholds: i.thresholds,
                            })
                            .collect(),
                    })
                    .collect(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "demo"
title = "示例清单"
version = "1"

[[sections]]
id = "s1"
title = "第一部分"

[[sections.items]]
id = "a"
text = "是否按期召开民主生活会？"
guide = "调阅近三年民主生活会方案、征求意见汇总、会议记录。"
methods = ["documents", "个别谈话"]
category = "party-building"

[[sections.items.thresholds]]
name = "陪餐人数"
value = "不超过 3 人"
"#;

    fn errors(text: &str) -> Vec<Diagnostic> {
        Template::parse("t.toml", text).err().unwrap_or_default()
    }

    #[test]
    fn a_good_template_parses() {
        let t = Template::parse("t.toml", GOOD).unwrap();
        assert_eq!(t.id, "demo");
        assert_eq!(t.item_count(), 1);
        let item = t.item("a").unwrap();
        assert_eq!(
            item.methods,
            vec![SourceKind::Documents, SourceKind::Interview]
        );
        assert_eq!(item.thresholds[0].name, "陪餐人数");
    }

    #[test]
    fn a_bom_is_accepted() {
        assert!(Template::parse("t.toml", &format!("\u{feff}{GOOD}")).is_ok());
    }

    #[test]
    fn missing_version_is_an_error() {
        let e = errors(&GOOD.replace("version = \"1\"\n", ""));
        assert_eq!(e.len(), 1);
        assert!(e[0].message.contains("version"), "{}", e[0]);
    }

    #[test]
    fn duplicate_item_id_points_at_the_second_one() {
        let twice = format!(
            "{GOOD}\n[[sections.items]]\nid = \"a\"\ntext = \"x\"\nguide = \"y\"\nmethods = [\"other\"]\ncategory = \"governance\"\n"
        );
        let e = errors(&twice);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].message.contains("duplicate item id `a`"));
        assert_eq!(
            e[0].line,
            twice
                .lines()
                .collect::<Vec<_>>()
                .iter()
                .rposition(|l| *l == "id = \"a\"")
                .unwrap()
                + 1
        );
    }

    #[test]
    fn blank_text_unknown_method_and_category_are_errors() {
        let e = errors(&GOOD.replace("是否按期召开民主生活会？", "  "));
        assert!(e[0].message.contains("item text is empty"), "{}", e[0]);
        let e = errors(&GOOD.replace("\"documents\"", "\"谈心谈话\""));
        assert!(e[0].message.contains("unknown variant"), "{}", e[0]);
        let e = errors(&GOOD.replace("party-building", "党风"));
        assert!(e[0].message.contains("leadership"), "{}", e[0]);
        let e = errors(&GOOD.replace("[\"documents\", \"个别谈话\"]", "[]"));
        assert!(e[0].message.contains("methods is empty"), "{}", e[0]);
    }

    #[test]
    fn misspelt_field_and_bad_id_are_errors() {
        let e = errors(&GOOD.replace("guide =", "guid ="));
        assert!(!e.is_empty());
        let e = errors(&GOOD.replace("id = \"s1\"", "id = \"第一\""));
        assert!(e[0].message.contains("lowercase"), "{}", e[0]);
    }

    /// What the `toml` crate alone makes of `text`: the reference for the direct reader.
    fn by_toml(text: &str) -> Option<Template> {
        Template::parse_by_toml("t.toml", text).ok()
    }

    /// What the direct reader makes of `text`, when it takes it and it is valid.
    fn directly(text: &str) -> Option<Template> {
        let raw = super::super::canonical::read_template(text)?;
        Template::validate("t.toml", text, &raw)
            .is_empty()
            .then(|| raw.into_template())
    }

    #[test]
    fn the_builtin_checklists_are_read_directly_as_toml_reads_them() {
        for (name, text) in crate::store::catalog::BUILTIN {
            let direct = directly(text).unwrap_or_else(|| panic!("{name}: not read directly"));
            assert_eq!(Some(direct), by_toml(text), "{name}");
        }
        assert!(directly(GOOD).is_some());
        assert_eq!(directly(GOOD), by_toml(GOOD));
    }

    #[test]
    fn the_direct_reader_never_disagrees_with_toml() {
        // Each built-in checklist and the fixture with every line in turn dropped, doubled,
        // swapped with the next, respaced or commented: whatever the direct reader takes, the
        // toml crate reads the same template from it.
        let mut texts: Vec<&str> = crate::store::catalog::BUILTIN
            .iter()
            .map(|(_, t)| *t)
            .collect();
        texts.push(GOOD);
        let (mut taken, mut tried) = (0, 0);
        for text in texts {
            let lines: Vec<&str> = text.lines().collect();
            for i in 0..lines.len() {
                let mut variants = Vec::new();
                let mut v = lines.clone();
                v.remove(i);
                variants.push(v);
                let mut v = lines.clone();
                v.insert(i, lines[i]);
                variants.push(v);
                if i + 1 < lines.len() {
                    let mut v = lines.clone();
                    v.swap(i, i + 1);
                    variants.push(v);
                }
                let respaced = lines[i].replacen(" = ", "=", 1);
                let commented = format!("# {}", lines[i]);
                let trailing = format!("{} # 注", lines[i]);
                for changed in [&respaced, &commented, &trailing] {
                    let mut v = lines.clone();
                    v[i] = changed;
                    variants.push(v);
                }
                for v in variants {
                    let v = v.join("\n");
                    tried += 1;
                    if let Some(direct) = directly(&v) {
                        taken += 1;
                        assert_eq!(Some(direct), by_toml(&v), "{v}");
                    }
                }
            }
        }
        // Many variants are still in the plain shape: the comparison is not empty.
        assert!(taken > tried / 4, "{taken} of {tried}");
    }

    #[test]
    fn other_shapes_are_left_to_toml_and_still_parse() {
        let body = GOOD.trim_start();
        for text in [
            format!("# 本校版\n{body}"),
            body.replace('\n', "\r\n"),
            body.replacen("id = \"demo\"", "id=\"demo\"", 1),
            body.replacen("title = \"示例清单\"", "title = '''示例清单'''", 1),
            body.replacen("version = \"1\"", "version = \"1\" # 版本", 1),
        ] {
            assert!(
                super::super::canonical::read_template(&text).is_none(),
                "{text}"
            );
            let t = Template::parse("t.toml", &text).unwrap();
            assert_eq!(Some(t), by_toml(&text));
        }
    }

    #[test]
    fn catalog_override_replaces_in_place() {
        let t = Template::parse("t.toml", GOOD).unwrap();
        let mut c = Catalog::default();
        c.insert(t.clone(), Origin::BuiltIn("demo.toml"));
        let mut t2 = t.clone();
        t2.title = "本校版".into();
        c.insert(t2, Origin::File("/x/demo.toml".into()));
        assert_eq!(c.templates().count(), 1);
        assert_eq!(c.get("demo").unwrap().title, "本校版");
        assert!(c.is_overridden("demo"));
        assert!(c.resolve("demo/a").is_some());
        assert!(c.resolve("demo/zz").is_none());
        assert!(c.resolve("nope").is_none());
    }

    #[test]
    fn a_new_record_gets_the_built_ins_unless_told_otherwise() {
        let t = Template::parse("t.toml", GOOD).unwrap();
        let mut extra = t.clone();
        extra.id = "extra".into();
        let mut c = Catalog::default();
        c.insert(t.clone(), Origin::BuiltIn("demo.toml"));
        c.insert(extra, Origin::File("/x/extra.toml".into()));
        assert!(c.is_default("demo") && !c.is_default("extra") && !c.is_default("nope"));
        let ids = |ts: Vec<&Template>| ts.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(c.for_new_record(&[]).unwrap()), ["demo"]);
        let asked = ["extra".to_string(), "demo".into(), "extra".into()];
        assert_eq!(ids(c.for_new_record(&asked).unwrap()), ["extra", "demo"]);
        assert_eq!(c.for_new_record(&["zz".to_string()]), Err("zz"));
        // a built-in replaced by a user file is still one
        c.insert(t, Origin::File("/x/demo.toml".into()));
        assert!(c.is_default("demo"));
    }
}
