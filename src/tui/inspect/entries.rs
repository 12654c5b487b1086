//! What the inspect screen lists: the checklist tree, the items of the selected row under the
//! filter and search, an item's key and shown status, and selection by key.

use crate::model::template::{answer_key, roll_up};
use crate::model::{Answer, Item, Status};
use crate::search::Query;

use super::{Entry, Filter, Inspect, TreeRow};

impl Inspect {
    pub(super) fn rebuild_tree(&mut self) {
        let mut tree = vec![TreeRow::All];
        for (t, template) in self.templates.iter().enumerate() {
            tree.push(TreeRow::Template(t));
            for s in 0..template.sections.len() {
                tree.push(TreeRow::Section(t, s));
            }
        }
        if self.orphan_keys().next().is_some() {
            tree.push(TreeRow::Orphans);
        }
        self.tree = tree;
        self.tree_sel = self.tree_sel.min(self.tree.len().saturating_sub(1));
    }

    /// Answers whose item is not in the templates of this record.
    pub fn orphan_keys(&self) -> impl Iterator<Item = &String> {
        self.record
            .answers
            .keys()
            .filter(|k| self.resolve(k).is_none())
    }

    pub(crate) fn resolve(&self, key: &str) -> Option<(usize, &Item)> {
        let (tid, iid) = key.split_once('/')?;
        let (t, template) = self
            .templates
            .iter()
            .enumerate()
            .find(|(_, t)| t.id == tid)?;
        template.item(iid).map(|i| (t, i))
    }

    pub fn key_of(&self, e: &Entry) -> String {
        match e {
            Entry::Item { t, s, i } => {
                let template = &self.templates[*t];
                answer_key(&template.id, &template.sections[*s].items[*i].id)
            }
            Entry::Orphan(k) => k.clone(),
        }
    }

    /// The status shown for an entry: its answer's, or for a 三看 look (an item with `refs`)
    /// the state rolled up from the items it rests on.
    pub fn shown_status(&self, e: &Entry) -> Status {
        match self.item_of(e) {
            Some(item) if !item.refs.is_empty() => roll_up(
                item.refs
                    .iter()
                    .filter(|k| {
                        k.split_once('/').is_some_and(|(tid, iid)| {
                            self.templates
                                .iter()
                                .any(|t| t.id == tid && t.item(iid).is_some())
                        })
                    })
                    .map(|k| self.record.status(k)),
            ),
            _ => self.record.status(&self.key_of(e)),
        }
    }

    pub fn item_of(&self, e: &Entry) -> Option<&Item> {
        match e {
            Entry::Item { t, s, i } => self.templates.get(*t)?.sections.get(*s)?.items.get(*i),
            Entry::Orphan(_) => None,
        }
    }

    /// The middle pane: the items of the selected checklist or section, filtered; every item of
    /// the record under 全部清单, while a search is active, and while a filter is on (filters
    /// cover the whole record).
    pub fn entries(&self) -> Vec<Entry> {
        let mut out = Vec::new();
        let row = self.tree.get(self.tree_sel).copied();
        if row == Some(TreeRow::Orphans) && self.search.is_empty() {
            return self
                .orphan_keys()
                .filter(|k| self.filter.keeps(self.record.answer(k)))
                .map(|k| Entry::Orphan(k.clone()))
                .collect();
        }
        let query = Query::parse(&self.search);
        let everything = self.whole_record();
        for (t, template) in self.templates.iter().enumerate() {
            for (s, section) in template.sections.iter().enumerate() {
                let in_scope = everything
                    || match row {
                        Some(TreeRow::Template(x)) => x == t,
                        Some(TreeRow::Section(x, y)) => x == t && y == s,
                        _ => false,
                    };
                if !in_scope {
                    continue;
                }
                for (i, item) in section.items.iter().enumerate() {
                    let key = answer_key(&template.id, &item.id);
                    let answer = self.record.answer(&key);
                    if !self.filter.keeps(answer) {
                        continue;
                    }
                    // items for another type of unit are hidden, unless answered or asked for
                    if self.filter != Filter::Everything
                        && !item.applies(self.record.unit_type)
                        && answer.is_none_or(Answer::is_empty)
                    {
                        continue;
                    }
                    if !query.is_empty() && !matches(item, answer, &query) {
                        continue;
                    }
                    out.push(Entry::Item { t, s, i });
                }
            }
        }
        out
    }

    /// Whether the middle pane spans the whole record: the 全部清单 row, a search or a filter.
    pub fn whole_record(&self) -> bool {
        !self.search.trim().is_empty()
            || !matches!(self.filter, Filter::All | Filter::Everything)
            || self.tree.get(self.tree_sel) == Some(&TreeRow::All)
    }

    /// Put the cursor on the item `key`: the tree on its section (unless the middle pane spans
    /// the whole record) and the middle pane on the item, if it is shown.
    pub(super) fn select_key(&mut self, key: &str) {
        if !self.whole_record() {
            let place = self.templates.iter().enumerate().find_map(|(t, tpl)| {
                tpl.sections.iter().enumerate().find_map(|(s, sec)| {
                    sec.items
                        .iter()
                        .any(|i| answer_key(&tpl.id, &i.id) == key)
                        .then_some(TreeRow::Section(t, s))
                })
            });
            if let Some(p) = place.and_then(|row| self.tree.iter().position(|r| *r == row)) {
                self.tree_sel = p;
            }
        }
        let entries = self.entries();
        if let Some(i) = entries.iter().position(|e| self.key_of(e) == key) {
            self.item_sel = i;
        }
    }

    pub fn selected_entry(&self) -> Option<Entry> {
        self.entries().into_iter().nth(self.item_sel)
    }

    pub(super) fn selected_key(&self) -> Option<String> {
        self.selected_entry().map(|e| self.key_of(&e))
    }
}

/// Search in the item's text, guide and notes: every word of `query` in one of them, as it is
/// or as pinyin initials ([`Query`]).
fn matches(item: &Item, answer: Option<&Answer>, query: &Query) -> bool {
    let notes = answer.map(|a| a.notes.as_slice()).unwrap_or_default();
    let texts = [item.text.as_str(), item.guide.as_str()]
        .into_iter()
        .chain(notes.iter().map(|n| n.text.as_str()));
    query.matches(texts)
}
