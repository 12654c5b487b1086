//! Reading a template: the file through private `raw` structs that keep the span of every id
//! and text, then validation, each error with its line and column.

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use super::{Focus, Item, Role, Section, Template, Threshold, UnitType, valid_id};
use crate::i18n::Lang;
use crate::model::diag::{self, Diagnostic};
use crate::model::vocab::{Category, SourceKind};

impl UnitType {
    /// Read a key or a Chinese name, as on the command line (`--unit-type 学院`).
    pub fn parse(s: &str) -> Option<UnitType> {
        let s = s.trim();
        UnitType::ALL
            .into_iter()
            .find(|u| u.key() == s || u.label(Lang::Zh) == s || u.label(Lang::En) == s)
            .or(match s {
                "院系" => Some(UnitType::College),
                "直属单位" | "企业" => Some(UnitType::Affiliate),
                _ => None,
            })
    }
}

impl Role {
    /// Read a key or a Chinese name (`--role 书记`).
    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.key() == s || r.label(Lang::Zh) == s)
            .or(match s {
                "院长" | "行政负责人" => Some(Role::Dean),
                "离退休" => Some(Role::Retiree),
                _ => None,
            })
    }
}

impl Template {
    /// Parse and validate one template file. `file` is only used in messages. Errors: the
    /// first syntax or shape error the `toml` crate finds, else every semantic error (blank
    /// texts, bad or duplicate ids, empty lists), each positioned at line and column.
    pub fn parse(file: &str, text: &str) -> Result<Template, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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
        let mut own_links = Vec::new();
        if let Some(list) = &raw.applies_to
            && list.get_ref().is_empty()
        {
            errors.push(Diagnostic::at(
                file,
                text,
                Some(list.span()),
                "applies_to is empty; leave it out for a checklist that applies to every unit type"
                    .into(),
            ));
        }
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
                if let Some(list) = &item.applies_to
                    && list.get_ref().is_empty()
                {
                    errors.push(Diagnostic::at(
                        file,
                        text,
                        Some(list.span()),
                        "applies_to is empty; leave it out for an item that applies to every unit type".into(),
                    ));
                }
                for (list, what) in [(&item.replaces, "replaces"), (&item.refs, "refs")] {
                    for key in list {
                        if let Some(message) = check_key(key.get_ref(), what) {
                            errors.push(Diagnostic::at(file, text, Some(key.span()), message));
                        }
                    }
                }
                own_links.push(item);
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
        // Links inside this template: a lens refers to items that exist; an item does not
        // replace one that is still here. Links to other templates are checked on the whole
        // catalog ([`Catalog::link_problems`]).
        let own = raw.id.get_ref().as_str();
        for item in own_links {
            for key in &item.refs {
                if let Some((t, i)) = key.get_ref().split_once('/')
                    && t == own
                    && (!item_ids.contains(i) || i == item.id.get_ref())
                {
                    errors.push(Diagnostic::at(
                        file,
                        text,
                        Some(key.span()),
                        format!(
                            "refs names `{}`, which is not another item of this checklist",
                            key.get_ref()
                        ),
                    ));
                }
            }
            for key in &item.replaces {
                if let Some((t, i)) = key.get_ref().split_once('/')
                    && t == own
                    && item_ids.contains(i)
                {
                    errors.push(Diagnostic::at(
                        file,
                        text,
                        Some(key.span()),
                        format!(
                            "replaces names `{}`, which is still an item of this checklist",
                            key.get_ref()
                        ),
                    ));
                }
            }
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

/// Why `key` is not an answer key `template-id/item-id`, for the field `what`.
fn check_key(key: &str, what: &str) -> Option<String> {
    match key.split_once('/') {
        Some((t, i)) if valid_id(t) && valid_id(i) => None,
        _ => Some(format!(
            "{what} entry `{key}` is not `template-id/item-id` (lowercase ASCII letters, digits and '-')"
        )),
    }
}

mod raw {
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
        pub applies_to: Option<Spanned<Vec<UnitType>>>,
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
        #[serde(default)]
        pub applies_to: Option<Spanned<Vec<UnitType>>>,
        #[serde(default)]
        pub roles: Vec<Role>,
        #[serde(default)]
        pub focus: Option<Focus>,
        #[serde(default)]
        pub replaces: Vec<Spanned<String>>,
        #[serde(default)]
        pub refs: Vec<Spanned<String>>,
    }

    impl Template {
        pub fn into_template(self) -> super::Template {
            let applies_to = self.applies_to.map(Spanned::into_inner).unwrap_or_default();
            super::Template {
                id: self.id.into_inner(),
                title: self.title.into_inner().trim().to_string(),
                version: self.version.into_inner().trim().to_string(),
                description: self.description,
                basis: self.basis,
                applies_to: applies_to.clone(),
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
                                applies_to: i
                                    .applies_to
                                    .map_or_else(|| applies_to.clone(), Spanned::into_inner),
                                roles: i.roles,
                                focus: i.focus,
                                replaces: i.replaces.into_iter().map(Spanned::into_inner).collect(),
                                refs: i.refs.into_iter().map(Spanned::into_inner).collect(),
                            })
                            .collect(),
                    })
                    .collect(),
            }
        }
    }
}
