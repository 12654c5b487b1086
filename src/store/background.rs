//! Saving on a writer thread: a large record's text takes longer to make and write than one
//! frame (see docs/PERFORMANCE.md, "The save on a writer thread"), so the program hands each
//! changed record to one thread and draws at once, saying 保存中… until the thread answers.
//!
//! Rules: one thread per open record, so two saves of it are never in flight at once; saves are
//! written in the order they were asked for, and a save asked for while another is being
//! written replaces any that is still waiting (only the newest state matters, and memory holds
//! at most two copies of the record: the one being written and the one waiting). Every outcome
//! comes back with the number of the save it belongs to; [`Background::wait`] blocks until the
//! last save asked for is done (before quitting or closing); dropping the writer finishes the
//! waiting save and joins the thread.

use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use crate::model::Record;

/// What the thread writes next, and whether it should stop once nothing is waiting.
#[derive(Default)]
struct Slot {
    waiting: Option<(u64, Record)>,
    closed: bool,
}

#[derive(Default)]
struct Shared {
    slot: Mutex<Slot>,
    wake: Condvar,
}

impl Shared {
    fn slot(&self) -> MutexGuard<'_, Slot> {
        // A panic on the writer thread while holding the slot leaves plain data behind.
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The outcome of save number `.0` (numbers count up from 1 per writer).
pub type Outcome<E> = (u64, Result<(), E>);

/// A writer thread for one record. `E` is the error of one save.
pub struct Background<E> {
    shared: Arc<Shared>,
    done: mpsc::Receiver<Outcome<E>>,
    thread: Option<JoinHandle<()>>,
    /// The number of the last save asked for.
    asked: u64,
    /// The number of the last save whose outcome was taken by [`Background::poll`] or
    /// [`Background::wait`] (saves replaced while waiting count as done by the later one).
    answered: u64,
}

impl<E: Send + 'static> Background<E> {
    /// Start the thread; `write` makes one save (serialise and write durably). Errors: the
    /// thread could not be started.
    pub fn start(
        mut write: impl FnMut(&Record) -> Result<(), E> + Send + 'static,
    ) -> std::io::Result<Background<E>> {
        let shared = Arc::new(Shared::default());
        let (tx, done) = mpsc::channel();
        let theirs = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("xuncha-save".into())
            .spawn(move || {
                loop {
                    let job = {
                        let mut slot = theirs.slot();
                        loop {
                            if let Some(job) = slot.waiting.take() {
                                break Some(job);
                            }
                            if slot.closed {
                                break None;
                            }
                            slot = theirs
                                .wake
                                .wait(slot)
                                .unwrap_or_else(PoisonError::into_inner);
                        }
                    };
                    let Some((number, record)) = job else {
                        return;
                    };
                    let result = write(&record);
                    drop(record);
                    if tx.send((number, result)).is_err() {
                        return;
                    }
                }
            })?;
        Ok(Background {
            shared,
            done,
            thread: Some(thread),
            asked: 0,
            answered: 0,
        })
    }

    /// Ask for `record` to be saved; returns the number of this save. A save still waiting
    /// (not yet begun) is replaced.
    pub fn save(&mut self, record: Record) -> u64 {
        self.asked += 1;
        self.shared.slot().waiting = Some((self.asked, record));
        self.shared.wake.notify_one();
        self.asked
    }

    /// Whether a save asked for has not been answered yet.
    pub fn busy(&self) -> bool {
        self.answered < self.asked
    }

    /// The newest outcome that arrived since the last call, without waiting.
    pub fn poll(&mut self) -> Option<Outcome<E>> {
        let mut newest = None;
        while let Ok(outcome) = self.done.try_recv() {
            newest = Some(outcome);
        }
        self.take(newest)
    }

    /// Wait until the last save asked for is done; its outcome (or the newest one that
    /// arrived, if the thread is gone), `None` if nothing was waiting.
    pub fn wait(&mut self) -> Option<Outcome<E>> {
        let mut newest = None;
        while self.answered < self.asked {
            match self.done.recv() {
                Ok(outcome) => {
                    self.answered = self.answered.max(outcome.0);
                    newest = Some(outcome);
                }
                // The thread ended (it panicked): nothing more will come.
                Err(_) => break,
            }
        }
        newest.or_else(|| self.poll())
    }

    fn take(&mut self, outcome: Option<Outcome<E>>) -> Option<Outcome<E>> {
        if let Some((number, _)) = &outcome {
            self.answered = self.answered.max(*number);
        }
        outcome
    }
}

impl<E> Drop for Background<E> {
    /// The waiting save is still written, then the thread ends and is joined: nothing writes the
    /// file after its owner (and the record's lock) is gone.
    fn drop(&mut self) {
        self.shared
            .slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .closed = true;
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Sizes only: a record's text is confidential.
impl<E> std::fmt::Debug for Background<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Background")
            .field("asked", &self.asked)
            .field("answered", &self.answered)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Timestamp;
    use std::sync::mpsc::{Receiver, Sender};

    fn record(unit: &str) -> Record {
        Record::new(unit, "第一轮", "", "王五", &[], Timestamp::now())
    }

    /// A writer whose saves each say which record they began, then wait for a go from the
    /// test; a record of the unit 坏 fails.
    fn gated() -> (Background<String>, Sender<()>, Receiver<String>) {
        let (go_tx, go) = mpsc::channel::<()>();
        let (began_tx, began) = mpsc::channel();
        let bg = Background::start(move |r: &Record| {
            let _ = began_tx.send(r.unit.clone());
            go.recv().map_err(|e| e.to_string())?;
            if r.unit == "坏" {
                Err("disk full".to_string())
            } else {
                Ok(())
            }
        })
        .unwrap();
        (bg, go_tx, began)
    }

    /// Saves asked for while one is being written: only the newest waits, and it is written
    /// after the one in hand, never before; the outcomes carry their numbers.
    #[test]
    fn a_waiting_save_is_replaced_and_order_is_kept() {
        let (mut bg, go, began) = gated();
        assert!(!bg.busy());
        assert_eq!(bg.save(record("一")), 1);
        assert_eq!(began.recv().unwrap(), "一");
        // While the first is being written, three more are asked for.
        assert_eq!(bg.save(record("二")), 2);
        assert_eq!(bg.save(record("三")), 3);
        assert_eq!(bg.save(record("四")), 4);
        assert!(bg.busy());
        go.send(()).unwrap();
        assert_eq!(began.recv().unwrap(), "四");
        assert!(bg.busy());
        go.send(()).unwrap();
        assert_eq!(bg.wait(), Some((4, Ok(()))));
        assert!(!bg.busy());
        assert_eq!(began.try_iter().count(), 0, "二 and 三 never written");
        assert_eq!(bg.poll(), None);
    }

    #[test]
    fn a_failure_comes_back_with_its_number() {
        let (mut bg, go, _began) = gated();
        bg.save(record("坏"));
        go.send(()).unwrap();
        assert_eq!(bg.wait(), Some((1, Err("disk full".to_string()))));
        bg.save(record("好"));
        go.send(()).unwrap();
        let outcome = loop {
            if let Some(o) = bg.poll() {
                break o;
            }
            std::thread::yield_now();
        };
        assert_eq!(outcome, (2, Ok(())));
        assert!(!bg.busy());
    }

    /// Dropping the writer still writes the save that was waiting, then joins the thread.
    #[test]
    fn dropping_finishes_the_waiting_save() {
        let (mut bg, go, began) = gated();
        bg.save(record("一"));
        assert_eq!(began.recv().unwrap(), "一");
        bg.save(record("二"));
        go.send(()).unwrap();
        go.send(()).unwrap();
        drop(bg);
        assert_eq!(began.try_iter().collect::<Vec<_>>(), vec!["二"]);
    }

    #[test]
    fn waiting_with_nothing_asked_returns_at_once() {
        let mut bg: Background<String> = Background::start(|_: &Record| Ok(())).unwrap();
        assert_eq!(bg.wait(), None);
        assert!(!bg.busy());
    }
}
