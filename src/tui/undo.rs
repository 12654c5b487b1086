//! Undo and redo that store changes, not copies of the record.
//!
//! Each step keeps only what one change touched, before and after: the record's `updated`
//! time, the small fields of one answer (status, time, finding), the run of that answer's notes
//! that changed, or the run of sources that changed. A status change on a 5,000-note record
//! costs a few hundred bytes of history, not the record (which a whole clone per change made
//! grow by the record's size on every keystroke: 753 MiB after 300 changes to a 2.2 MB record).
//!
//! A step is made by [`diff`] from the answer (or source list) as it was and as it is, so a
//! change is described once, where it is made, and undo cannot drift from it. Undo sets every
//! part back to `before`, last part first; redo sets it to `after`, first part first.

use crate::model::{Answer, Finding, Note, Record, Source, Status, Timestamp};

/// The fields of an answer besides its notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub status: Status,
    pub updated: Option<Timestamp>,
    pub finding: Option<Finding>,
}

impl Head {
    fn of(a: &Answer) -> Box<Head> {
        Box::new(Head {
            status: a.status,
            updated: a.updated,
            finding: a.finding.clone(),
        })
    }
}

/// One part of the record a change touched, as it was and as it became.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// The record's `updated` time.
    Updated { before: Timestamp, after: Timestamp },
    /// The answer `key` besides its notes; `None`: there was (or is) no answer for the key.
    Answer {
        key: String,
        before: Option<Box<Head>>,
        after: Option<Box<Head>>,
    },
    /// The notes of answer `key` from index `at`: `before` were replaced by `after` (one note
    /// for an edit, none before for an addition, none after for a deletion).
    Notes {
        key: String,
        at: usize,
        before: Vec<Note>,
        after: Vec<Note>,
    },
    /// The record's sources from index `at`: `before` replaced by `after`.
    Sources {
        at: usize,
        before: Vec<Source>,
        after: Vec<Source>,
    },
}

impl Edit {
    /// Set this part of `record` to `before` (`forward == false`) or `after`.
    fn apply(&self, record: &mut Record, forward: bool) {
        match self {
            Edit::Updated { before, after } => {
                record.updated = if forward { *after } else { *before };
            }
            Edit::Answer { key, before, after } => match if forward { after } else { before } {
                Some(head) => {
                    let a = record.answers.entry(key.clone()).or_default();
                    a.status = head.status;
                    a.updated = head.updated;
                    a.finding = head.finding.clone();
                }
                None => {
                    record.answers.remove(key);
                }
            },
            Edit::Notes {
                key,
                at,
                before,
                after,
            } => {
                let (old, new) = if forward {
                    (before, after)
                } else {
                    (after, before)
                };
                let notes = &mut record.answers.entry(key.clone()).or_default().notes;
                let start = (*at).min(notes.len());
                let end = (start + old.len()).min(notes.len());
                notes.splice(start..end, new.iter().cloned());
            }
            Edit::Sources { at, before, after } => {
                let (old, new) = if forward {
                    (before, after)
                } else {
                    (after, before)
                };
                let sources = &mut record.sources;
                let start = (*at).min(sources.len());
                let end = (start + old.len()).min(sources.len());
                sources.splice(start..end, new.iter().cloned());
            }
        }
    }

    /// Heap bytes this part keeps (strings and vectors, roughly), for the memory test.
    pub fn weight(&self) -> usize {
        let note = |n: &Note| {
            std::mem::size_of::<Note>()
                + n.text.len()
                + n.source.len()
                + n.people.len()
                + n.figures.len()
        };
        let finding = |f: &Option<Finding>| {
            f.as_ref().map_or(0, |f| {
                f.title.len() + f.statement.len() + f.people.len() + f.figures.len() + f.basis.len()
            })
        };
        let head = |h: &Option<Box<Head>>| {
            h.as_ref()
                .map_or(0, |h| std::mem::size_of::<Head>() + finding(&h.finding))
        };
        std::mem::size_of::<Edit>()
            + match self {
                Edit::Updated { .. } => 0,
                Edit::Answer { key, before, after } => key.len() + head(before) + head(after),
                Edit::Notes {
                    key, before, after, ..
                } => key.len() + before.iter().chain(after).map(note).sum::<usize>(),
                Edit::Sources { before, after, .. } => before
                    .iter()
                    .chain(after)
                    .map(|s| std::mem::size_of::<Source>() + s.code.len() + s.reference.len())
                    .sum(),
            }
    }
}

/// What one change did: the parts it touched, and a sentence for the status bar
/// (`删除笔记「第一议题制度落实」`).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub what: String,
    pub edits: Vec<Edit>,
}

impl Step {
    /// Heap bytes the step keeps, roughly.
    pub fn weight(&self) -> usize {
        self.what.len() + self.edits.iter().map(Edit::weight).sum::<usize>()
    }
}

/// The parts in which answer `key` differs between `before` and `after` (`None`: no answer);
/// empty when nothing changed. The notes are compared from both ends, so an edit, an addition
/// or a deletion keeps only the notes it touched.
pub fn diff_answer(key: &str, before: Option<&Answer>, after: Option<&Answer>) -> Vec<Edit> {
    let head_before = before.map(Head::of);
    let head_after = after.map(Head::of);
    let empty: &[Note] = &[];
    let notes_before = before.map_or(empty, |a| a.notes.as_slice());
    let notes_after = after.map_or(empty, |a| a.notes.as_slice());
    let mut edits = Vec::new();
    let notes = splice(notes_before, notes_after).map(|(at, b, a)| Edit::Notes {
        key: key.to_string(),
        at,
        before: b.to_vec(),
        after: a.to_vec(),
    });
    let head = (head_before != head_after).then(|| Edit::Answer {
        key: key.to_string(),
        before: head_before,
        after: head_after,
    });
    // Redo runs first to last and undo last to first: the answer must exist before its notes
    // are put in, and its notes be gone before it is removed.
    if after.is_none() {
        edits.extend(notes);
        edits.extend(head);
    } else {
        edits.extend(head);
        edits.extend(notes);
    }
    edits
}

/// The run of sources that differs, if any.
pub fn diff_sources(before: &[Source], after: &[Source]) -> Option<Edit> {
    splice(before, after).map(|(at, b, a)| Edit::Sources {
        at,
        before: b.to_vec(),
        after: a.to_vec(),
    })
}

/// Where `before` and `after` differ: the start index and the two differing runs, after the
/// longest common prefix and then the longest common suffix are left out.
fn splice<'a, T: PartialEq>(before: &'a [T], after: &'a [T]) -> Option<(usize, &'a [T], &'a [T])> {
    let prefix = before.iter().zip(after).take_while(|(a, b)| a == b).count();
    if prefix == before.len() && prefix == after.len() {
        return None;
    }
    let (b, a) = (&before[prefix..], &after[prefix..]);
    let suffix = b
        .iter()
        .rev()
        .zip(a.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    Some((prefix, &b[..b.len() - suffix], &a[..a.len() - suffix]))
}

/// The undo and redo stacks, each at most `limit` steps.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    limit: usize,
}

impl History {
    /// Empty stacks keeping at most `limit` steps to undo.
    pub fn new(limit: usize) -> History {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            limit,
        }
    }

    /// A change was made: it can be undone, and what was undone before can no longer be redone.
    pub fn push(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Undo the last change on `record`; what it did, or `None` when there is nothing to undo.
    pub fn undo(&mut self, record: &mut Record) -> Option<&str> {
        let step = self.undo.pop()?;
        for edit in step.edits.iter().rev() {
            edit.apply(record, false);
        }
        self.redo.push(step);
        self.redo.last().map(|s| s.what.as_str())
    }

    /// Redo the last undone change on `record`; what it did, or `None`.
    pub fn redo(&mut self, record: &mut Record) -> Option<&str> {
        let step = self.redo.pop()?;
        for edit in &step.edits {
            edit.apply(record, true);
        }
        self.undo.push(step);
        self.undo.last().map(|s| s.what.as_str())
    }

    /// Steps that can be undone and redone.
    pub fn len(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }

    /// Heap bytes the history keeps, roughly (its size grows with what changed, never with the
    /// record).
    pub fn weight(&self) -> usize {
        self.undo.iter().chain(&self.redo).map(Step::weight).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(id: u32, text: &str) -> Note {
        Note {
            id,
            at: Timestamp(
                chrono::DateTime::parse_from_rfc3339("2026-11-26T09:30:00+08:00").unwrap(),
            ),
            source: String::new(),
            text: text.into(),
            people: String::new(),
            figures: String::new(),
        }
    }

    #[test]
    fn splice_keeps_only_the_changed_run() {
        assert_eq!(splice(&[1, 2, 3], &[1, 2, 3]), None);
        assert_eq!(
            splice(&[1, 2, 3], &[1, 9, 3]),
            Some((1, &[2][..], &[9][..]))
        );
        assert_eq!(splice(&[1, 2], &[1, 2, 3]), Some((2, &[][..], &[3][..])));
        assert_eq!(splice(&[1, 2, 3], &[1, 3]), Some((1, &[2][..], &[][..])));
        // A repeated value: the prefix is taken first, so the run is still one element.
        assert_eq!(splice(&[1, 1], &[1]), Some((1, &[1][..], &[][..])));
        assert_eq!(splice::<i32>(&[], &[]), None);
    }

    #[test]
    fn a_changed_note_keeps_only_that_note() {
        let a = Answer {
            notes: (1..=1000).map(|i| note(i, "很长的笔记")).collect(),
            ..Answer::default()
        };
        let mut b = a.clone();
        b.notes[500].text = "改过".into();
        let edits = diff_answer("k", Some(&a), Some(&b));
        assert_eq!(edits.len(), 1, "the head is unchanged");
        match &edits[0] {
            Edit::Notes {
                at, before, after, ..
            } => {
                assert_eq!(*at, 500);
                assert_eq!((before.len(), after.len()), (1, 1));
            }
            other => panic!("unexpected {other:?}"),
        }
        let step = Step {
            what: String::new(),
            edits,
        };
        assert!(step.weight() < 1000, "{}", step.weight());
    }

    #[test]
    fn undo_and_redo_of_a_new_answer_remove_and_restore_it() {
        let mut r = Record::new("单位", "第一轮", "", "王五", &[], note(0, "").at);
        let before = r.clone();
        let a = Answer {
            status: Status::Problem,
            notes: vec![note(1, "新")],
            ..Answer::default()
        };
        r.answers.insert("t/i".into(), a);
        let after = r.clone();
        let mut h = History::new(10);
        h.push(Step {
            what: "加".into(),
            edits: diff_answer("t/i", None, after.answers.get("t/i")),
        });
        assert_eq!(h.undo(&mut r), Some("加"));
        assert_eq!(r, before);
        assert_eq!(h.redo(&mut r), Some("加"));
        assert_eq!(r, after);
        assert_eq!(h.redo(&mut r), None);
    }

    #[test]
    fn the_limit_drops_the_oldest_step() {
        let mut r = Record::new("单位", "第一轮", "", "王五", &[], note(0, "").at);
        let mut h = History::new(2);
        for i in 0..3 {
            let before = r.sources.clone();
            r.sources.push(Source {
                code: format!("T{i}"),
                kind: crate::model::SourceKind::Interview,
                reference: String::new(),
                at: None,
                role: None,
            });
            h.push(Step {
                what: format!("{i}"),
                edits: diff_sources(&before, &r.sources).into_iter().collect(),
            });
        }
        assert_eq!(h.len(), (2, 0));
        assert_eq!(h.undo(&mut r), Some("2"));
        assert_eq!(h.undo(&mut r), Some("1"));
        assert_eq!(h.undo(&mut r), None);
        assert_eq!(r.sources.len(), 1);
    }
}
