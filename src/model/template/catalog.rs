//! The templates in use: built-ins first, a user template with the same id in place of a
//! built-in one, lookup, the rolled-up lenses, the cross-template link checks and content
//! warnings, and which templates a new record gets.

use std::collections::{BTreeMap, HashSet};

use super::roll_up;
use super::{Item, Section, Template, answer_key};
use crate::model::vocab::Status;

/// The share of character pairs two item texts must have in common to be warned of as nearly
/// the same. Set on the 2026.1 checklists: the 三看 items that restated 政治纪律 items share
/// 40–57 %; the most alike of two distinct 2026.2 items share 29 %.
pub const NEAR_DUPLICATE: f64 = 0.4;

/// The adjacent-character pairs of a text, punctuation, whitespace, digits and Latin letters
/// left out.
fn bigrams(text: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
        .collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

fn jaccard(a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
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

    /// The state of a lens item (one with `refs`) rolled up from the items it rests on, as
    /// `status` gives them by answer key: 发现问题 if any is, else 存疑待核 if any is, else
    /// 未查 while any is unchecked, else 未发现问题 (不适用 when every one is). Refs the catalog
    /// does not have are skipped. An item without refs: `status` of its own key.
    pub fn rolled_up(
        &self,
        template_id: &str,
        item: &Item,
        status: impl Fn(&str) -> Status,
    ) -> Status {
        if item.refs.is_empty() {
            return status(&answer_key(template_id, &item.id));
        }
        roll_up(
            item.refs
                .iter()
                .filter(|key| self.resolve(key).is_some())
                .map(|key| status(key)),
        )
    }

    /// Problems with the links between the templates in use, one message each: a `refs` entry
    /// naming an item that is not in use or is itself a lens, a `replaces` entry naming an item
    /// that is still in use, and an old item claimed by two `replaces`.
    pub fn link_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut claimed: BTreeMap<&str, String> = BTreeMap::new();
        for t in self.templates() {
            for (_, item) in t.items() {
                let here = answer_key(&t.id, &item.id);
                for key in &item.refs {
                    match self.resolve(key) {
                        None => problems.push(format!(
                            "{here}: refs names `{key}`, which is not an item in use"
                        )),
                        Some((_, _, target)) if !target.refs.is_empty() => problems.push(format!(
                            "{here}: refs names `{key}`, which is itself rolled up from refs"
                        )),
                        Some(_) => {}
                    }
                }
                for key in &item.replaces {
                    if self.resolve(key).is_some() {
                        problems.push(format!(
                            "{here}: replaces names `{key}`, which is still an item in use: its answers stay there"
                        ));
                    }
                    if let Some(first) = claimed.insert(key.as_str(), here.clone()) {
                        problems.push(format!(
                            "{here}: replaces `{key}`, already replaced by {first}"
                        ));
                    }
                }
            }
        }
        problems
    }

    /// Warnings on the content of the templates in use, one message each, for `xuncha
    /// checklists check`: the link problems ([`Catalog::link_problems`]), items that list no
    /// interviewee `roles` (they never reach an interview outline), and pairs of items whose
    /// texts are nearly the same — the same fact asked twice. Near means that the two texts
    /// share at least [`NEAR_DUPLICATE`] of their character pairs (Jaccard similarity of the
    /// sets of adjacent-character pairs, punctuation, digits and Latin letters left out).
    pub fn content_warnings(&self) -> Vec<String> {
        let mut warnings = self.link_problems();
        let items: Vec<(String, &Item)> = self
            .templates()
            .flat_map(|t| t.items().map(move |(_, i)| (answer_key(&t.id, &i.id), i)))
            .collect();
        for (key, item) in &items {
            if item.roles.is_empty() {
                warnings.push(format!(
                    "{key}: no roles; the item is in no interview outline"
                ));
            }
        }
        let grams: Vec<HashSet<(char, char)>> =
            items.iter().map(|(_, i)| bigrams(&i.text)).collect();
        for a in 0..items.len() {
            for b in a + 1..items.len() {
                let similarity = jaccard(&grams[a], &grams[b]);
                if similarity >= NEAR_DUPLICATE {
                    warnings.push(format!(
                        "{} and {}: nearly the same text ({:.0}% shared); one fact, one item",
                        items[a].0,
                        items[b].0,
                        similarity * 100.0
                    ));
                }
            }
        }
        warnings
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
