//! The event loop and the effects `update` asks for: it owns the [`Session`], hands the
//! changed record to the session's writer thread before every frame, answers signals and
//! hang-ups, and runs the same exit path (drafts kept, saved, or a rescue copy) however the
//! loop ends.

use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;

use super::app::{App, Screen};
use super::config::Config;
use super::effect::{Effect, NewRecord};
use super::terminal::{
    Signals, Term, Tty, draw, enter, external_editor, install_panic_hook, restore, retake,
};
use super::theme::Theme;
use super::{Options, home_screen, inspect, last_new_path, open_record, refused, reload_home};
use crate::i18n::ui::ui;
use crate::model::{Record, Timestamp};
use crate::store::{self, Session, fsutil};

/// The event loop on `terminal` (made beforehand: making it takes nothing over yet), and every
/// way out of it.
pub(super) fn run(
    opts: Options,
    config: Config,
    mut terminal: Term,
    screen: Screen,
    session: Option<Session>,
    has_home: bool,
    notices: Vec<String>,
) -> Result<()> {
    let mut app = App::new(opts.lang, config.keymap, Theme::from_env(), screen);
    app.auto_advance = config.auto_advance;
    let mut notices = notices;
    if !config.problems.is_empty() {
        let ui = ui(opts.lang);
        let file = opts.paths.config_dir.join("config.toml");
        // On the status bar now, in the help, and on the terminal when the program ends.
        app.warn((ui.config_problems)(config.problems.len()));
        notices.extend(
            config
                .problems
                .iter()
                .map(|p| (ui.config_problem)(&file.display(), p)),
        );
        app.config_problems = config.problems;
    }
    let signals = Signals::default();
    let say = |notices: &[String]| {
        for notice in notices {
            let _ = writeln!(io::stderr(), "{notice}");
        }
    };
    let started = (|| -> Result<()> {
        signals.register().context("signal handler")?;
        install_panic_hook();
        enter().context("terminal")
    })();
    if let Err(e) = started {
        // The program ends before its loop: what it had to say is still said.
        say(&notices);
        return Err(e);
    }
    let size = terminal.size().unwrap_or_default();
    app.size = (size.width, size.height);
    let mut rt = Runtime {
        opts,
        session,
        has_home,
        notices,
        failed_at: None,
        tty: Tty::open(),
    };
    // A panic (a bug) still keeps what was typed: catch it, save, then let it go on.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rt.event_loop(&mut app, &mut terminal, &signals)
    }));
    // Whatever happened: what was typed into an open form is kept, one last save, and the
    // terminal back.
    app.keep_drafts(Timestamp::now());
    rt.save(&mut app);
    rt.remember_place(&app);
    if let Screen::Home(home) = &app.screen
        && let Some(draft) = home.draft()
    {
        rt.remember(&draft);
    }
    let rescued = rt.rescue(&app);
    restore();
    // What the status bar said only for a moment, once more where it stays.
    say(&rt.notices);
    let result = match result {
        Ok(result) => result,
        Err(panic) => {
            // A panic while drawing leaves the frame's beginning (its synchronized update
            // begun) in the terminal's buffer: it must not reach the terminal after `restore`.
            std::mem::forget(terminal);
            std::panic::resume_unwind(panic)
        }
    };
    if let Some(message) = rescued {
        return Err(anyhow::anyhow!(message));
    }
    if rt.tty.gone() {
        // Dropping the terminal would try to show the cursor on a terminal that is gone.
        std::mem::forget(terminal);
        return Ok(());
    }
    result
}

pub(super) struct Runtime {
    opts: Options,
    session: Option<Session>,
    has_home: bool,
    /// Said on the terminal when the program ends (e.g. where an interrupted save's copy went).
    notices: Vec<String>,
    /// When the last save failed (it is tried again [`RETRY`] later at the earliest).
    failed_at: Option<Instant>,
    /// Where keys come from, watched for a hang-up.
    tty: Tty,
}

/// How soon a failed save is tried again: the loop's own timeout.
pub(super) const RETRY: Duration = Duration::from_millis(250);

impl Runtime {
    /// The program is ending and the last save failed: write the record beside the settings,
    /// in `rescue/`, so nothing typed is lost; say where (or that even that failed).
    fn rescue(&self, app: &App) -> Option<String> {
        let Screen::Inspect(view) = &app.screen else {
            return None;
        };
        let session = self.session.as_ref()?;
        if !view.dirty || session.read_only().is_some() {
            return None;
        }
        let ui = ui(self.opts.lang);
        let why = match &view.save_state {
            inspect::SaveState::Failed(e) => e.clone(),
            _ => String::new(),
        };
        let stem = session
            .path()
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = self.opts.paths.config_dir.join("rescue");
        let name = format!("{stem}-{}", Timestamp::now().0.format("%Y%m%d-%H%M%S"));
        let written = view
            .record
            .to_toml()
            .map_err(|e| e.to_string())
            .and_then(|text| {
                match fsutil::write_rescue(&dir, &name, text.as_bytes()) {
                    Ok(file) => Ok(file),
                    // Written, only its folder entry not yet synced: the copy is there.
                    Err(store::StoreError::Unsynced { path, .. }) => Ok(path),
                    Err(e) => Err(e.to_string()),
                }
            });
        Some(match written {
            Ok(file) => (ui.rescued)(&why, &file.display()),
            Err(e) => (ui.not_saved)(&why, &e),
        })
    }

    /// Save the open record if it changed, now (closing, quitting): a save still running on
    /// the writer thread is finished first. A failure is shown and retried on the next turn.
    fn save(&mut self, app: &mut App) {
        self.take_saved(app, true);
        if let (Screen::Inspect(view), Some(session)) = (&mut app.screen, &self.session)
            && view.dirty
        {
            match session.save(&view.record) {
                Ok(()) => view.saved(Timestamp::now()),
                Err(e) => refused(view, &e, self.opts.lang),
            }
        }
    }

    /// Every turn of the loop: the writer thread's answer, then the changed record handed to
    /// it, so the frame is drawn at once, the status bar saying 保存中 until the thread
    /// answers (a large record's save takes longer than a frame: docs/PERFORMANCE.md).
    fn save_in_background(&mut self, app: &mut App) {
        self.take_saved(app, false);
        if let (Screen::Inspect(view), Some(session)) = (&mut app.screen, &self.session)
            && view.dirty
        {
            // After a failure: tried again on a later turn (a key, or the loop's timeout), not
            // at once, and the failure stays on show until a save succeeds.
            let failed = matches!(view.save_state, inspect::SaveState::Failed(_));
            if failed && self.failed_at.is_some_and(|t| t.elapsed() < RETRY) {
                return;
            }
            // An outside change is never retried: the inspector chooses a way out first.
            if view.conflict {
                return;
            }
            match session.save_in_background(view.record.clone()) {
                Ok(_) => {
                    view.dirty = false;
                    if !failed {
                        view.save_state = inspect::SaveState::Saving;
                    }
                }
                Err(e) => {
                    self.failed_at = Some(Instant::now());
                    view.save_failed(crate::i18n::session_error(&e, self.opts.lang));
                }
            }
        }
    }

    /// The outcome of the writer thread's last save (`wait`: waiting for it), shown once no
    /// newer save is on its way; a failed one leaves the record changed, to be saved again.
    fn take_saved(&mut self, app: &mut App, wait: bool) {
        let (Screen::Inspect(view), Some(session)) = (&mut app.screen, &self.session) else {
            return;
        };
        let outcome = if wait {
            session.wait_saved()
        } else {
            session.poll_saved()
        };
        let Some((_, result)) = outcome else {
            return;
        };
        if session.saving() {
            return;
        }
        match result {
            Ok(()) if !view.dirty => view.saved(Timestamp::now()),
            // Changed again since: the next save follows at once.
            Ok(()) => {}
            Err(e) => {
                self.failed_at = Some(Instant::now());
                view.dirty = true;
                refused(view, &e, self.opts.lang);
            }
        }
    }

    /// A read-only window follows the holder's saves: the record as it is on disk now, when it
    /// changed (a file that does not parse, such as one half written by hand, is skipped: the
    /// last good one stays on show).
    fn follow_holder(&mut self, app: &mut App) {
        let (Screen::Inspect(view), Some(session)) = (&mut app.screen, &self.session) else {
            return;
        };
        if session.read_only().is_none() {
            return;
        }
        if let Ok(Some(record)) = session.reload_if_changed() {
            view.replace_record(record);
            view.message = Some((ui(self.opts.lang).read_only_reloaded.to_string(), false));
        }
    }

    /// The way out of an outside change the inspector chose.
    fn resolve(&mut self, app: &mut App, way: store::session::Resolution) {
        let (Screen::Inspect(view), Some(session)) = (&mut app.screen, &self.session) else {
            return;
        };
        let ui = ui(self.opts.lang);
        let rescue = self.opts.paths.config_dir.join("rescue");
        match session.resolve(way, &view.record, &rescue) {
            Ok(done) => {
                view.replace_record(done.record);
                view.saved(Timestamp::now());
                let said = match way {
                    store::session::Resolution::Reload => ui.conflict_reloaded,
                    store::session::Resolution::KeepMine => ui.conflict_kept_mine,
                    store::session::Resolution::SaveCopy => ui.conflict_copied,
                };
                let message = said(&done.copy.display());
                view.message = Some((message.clone(), false));
                // Said again when the program ends: where the other version went.
                self.notices.push(message);
            }
            Err(e) => view.message = Some(((ui.conflict_failed)(&e), true)),
        }
    }

    fn event_loop(&mut self, app: &mut App, terminal: &mut Term, signals: &Signals) -> Result<()> {
        loop {
            if signals.suspend.swap(false, Ordering::SeqCst) {
                self.suspend(app, terminal)?;
                signals.resumed.store(false, Ordering::SeqCst);
            }
            if signals.resumed.swap(false, Ordering::SeqCst) {
                retake(app, terminal)?;
            }
            // Every change is handed to the writer thread before the frame that shows it; the
            // status bar says when it is on disk.
            self.save_in_background(app);
            self.follow_holder(app);
            draw(terminal, app)?;
            panic_for_tests(app);
            if signals.stop.load(Ordering::SeqCst) || self.tty.gone() {
                return Ok(());
            }
            // While a save is being written, look again soon to show when it is done.
            let saving = self.session.as_ref().is_some_and(Session::saving);
            let wait = if saving {
                Duration::from_millis(5)
            } else {
                RETRY
            };
            if !event::poll(wait)? {
                continue;
            }
            let effects = app.handle_event(event::read()?, Timestamp::now());
            for effect in effects {
                if self.apply(effect, app, terminal)? {
                    return Ok(());
                }
            }
        }
    }

    /// Carry out one effect; `true` means leave.
    fn apply(&mut self, effect: Effect, app: &mut App, terminal: &mut Term) -> Result<bool> {
        match effect {
            Effect::Quit => return Ok(true),
            Effect::CloseRecord => {
                if let Screen::Inspect(view) = &mut app.screen
                    && view.conflict
                {
                    // Not retried, and not closed: the inspector chooses a way out first.
                    view.message = Some((ui(self.opts.lang).conflict_pending.to_string(), true));
                    return Ok(false);
                }
                self.save(app);
                if let Screen::Inspect(view) = &mut app.screen
                    && view.dirty
                    && self
                        .session
                        .as_ref()
                        .is_some_and(|s| s.read_only().is_none())
                {
                    // Not saved: stay and say so; the save is retried on every turn.
                    view.message =
                        Some((ui(self.opts.lang).cannot_close_unsaved.to_string(), true));
                    return Ok(false);
                }
                self.remember_place(app);
                if !self.has_home {
                    return Ok(true);
                }
                self.session = None;
                app.screen = Screen::Home(Box::new(home_screen(&self.opts)));
            }
            Effect::Refresh => {
                if let Screen::Home(home) = &mut app.screen {
                    reload_home(home, &self.opts);
                }
            }
            Effect::Open(path) => self.open(app, &path),
            Effect::Resolve(way) => self.resolve(app, way),
            Effect::Trash(path) => {
                let moved = store::move_to_trash(&self.opts.paths.data_dir, &path);
                if let Screen::Home(home) = &mut app.screen {
                    reload_home(home, &self.opts);
                    home.message = Some(match moved {
                        Ok(to) => (ui(self.opts.lang).trashed)(&to.display()),
                        Err(e) => e.to_string(),
                    });
                }
            }
            Effect::Create(new) => self.create(app, &new),
            Effect::SetMouse(on) => {
                let mut out = io::stdout();
                let _ = if on {
                    execute!(out, EnableMouseCapture)
                } else {
                    execute!(out, DisableMouseCapture)
                };
            }
            Effect::ExternalEditor(text) => {
                let result = external_editor(&text);
                // The text first: nothing after this may lose it.
                app.editor_returned(result);
                retake(app, terminal)?;
            }
            Effect::Suspend => self.suspend(app, terminal)?,
            effect @ (Effect::Sign { .. } | Effect::Settle { .. }) => {
                if let Screen::Review(screen) = &mut app.screen {
                    super::review_write(screen, &self.opts.catalog, &effect, Timestamp::now());
                }
            }
        }
        Ok(false)
    }

    /// SIGTSTP or the suspend key: what is saved is on disk, the terminal given back, and the
    /// process stopped (SIGSTOP) until it is continued; then the terminal is taken again and
    /// the screen drawn whole. Open forms stay open with what was typed in them.
    fn suspend(&mut self, app: &mut App, terminal: &mut Term) -> Result<()> {
        self.save(app);
        restore();
        let _ = io::stdout().flush();
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
        // Continued.
        retake(app, terminal)
    }

    fn open(&mut self, app: &mut App, path: &Path) {
        match open_record(path, &self.opts) {
            Ok((session, view, notices)) => {
                self.notices.extend(notices);
                self.session = Some(session);
                app.screen = Screen::Inspect(Box::new(view));
            }
            Err(e) => {
                if let Screen::Home(home) = &mut app.screen {
                    home.message = Some(crate::i18n::any_error(&e, self.opts.lang));
                }
            }
        }
    }

    /// Remember where the inspector is in the open record (current source, selected item) in
    /// the per-user state file, for the next open (`store::place`). Best effort: a state file
    /// that cannot be written costs a cursor position, never the record.
    fn remember_place(&self, app: &App) {
        let (Screen::Inspect(view), Some(session)) = (&app.screen, self.session.as_ref()) else {
            return;
        };
        let (source, item) = view.place();
        let mut places = store::place::Places::load(&self.opts.paths);
        let place = store::place::Place {
            source,
            item,
            seen: Timestamp::now(),
        };
        if places.remember(session.path(), place) {
            let _ = places.save(&self.opts.paths);
        }
    }

    /// The new-record form's values, offered the next time it opens (best effort: only a
    /// convenience).
    fn remember(&self, new: &NewRecord) {
        let remembered = toml::to_string(new).unwrap_or_default();
        let _ = fsutil::create_private_dir(&self.opts.paths.config_dir).and_then(|()| {
            fsutil::write_atomic(&last_new_path(&self.opts.paths), remembered.as_bytes())
        });
    }

    fn create(&mut self, app: &mut App, new: &NewRecord) {
        let templates: Vec<_> = new
            .checklists
            .iter()
            .filter_map(|id| self.opts.catalog.get(id))
            .collect();
        let mut record = Record::new(
            &new.unit,
            &new.round,
            &new.group,
            &new.inspector,
            &templates,
            Timestamp::now(),
        );
        record.unit_type = new.unit_type;
        self.remember(new);
        match store::create_record(&self.opts.paths.data_dir, &record) {
            Ok(path) => self.open(app, &path),
            Err(e) => {
                if let Screen::Home(home) = &mut app.screen {
                    home.message = Some(crate::i18n::store_error(&e, self.opts.lang));
                }
            }
        }
    }
}

/// Debug builds only, so the tests can prove a panic gives the terminal back and keeps what
/// was typed: `XUNCHA_TEST_PANIC=1` panics after the first frame, `=in-form` once a form has
/// text typed into it.
#[cfg(debug_assertions)]
#[allow(clippy::panic)]
pub(super) fn panic_for_tests(app: &App) {
    match std::env::var("XUNCHA_TEST_PANIC").as_deref() {
        Ok("1") => panic!("XUNCHA_TEST_PANIC: a panic on purpose"),
        Ok("in-form") => {
            if let Screen::Inspect(view) = &app.screen
                && let inspect::Overlay::Form(f) = &view.overlay
                && f.form.changed()
            {
                panic!("XUNCHA_TEST_PANIC: a panic on purpose, in a form");
            }
        }
        _ => {}
    }
}

#[cfg(not(debug_assertions))]
pub(super) fn panic_for_tests(_: &App) {}
