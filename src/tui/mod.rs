//! The full-screen interface: terminal setup and restore (also on panic, SIGTERM, SIGHUP and
//! SIGINT; given back on SIGTSTP and taken again on SIGCONT), the event loop, and the effects
//! `update` asks for (save, open, create, `$EDITOR`, mouse, suspend).
//! Data flows one way: key -> action -> update(state) -> save -> draw.

pub mod app;
pub mod config;
pub mod effect;
pub mod form;
pub mod home;
pub mod inspect;
pub mod keymap;
pub mod review;
pub mod theme;
pub mod undo;
pub mod view;
pub mod widgets;

use std::io::{self, BufWriter, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use self::app::{App, Screen};
use self::config::Config;
use self::effect::{Effect, NewRecord};
use self::home::{Home, HomeRow};
use self::inspect::Inspect;
use self::theme::Theme;
use crate::i18n::Lang;
use crate::i18n::ui::ui;
use crate::model::{Catalog, Record, RecordSummary, Timestamp};
use crate::store::session::ReadOnly;
use crate::store::{self, Paths, Session, fsutil};

/// What the interface needs from the command line.
pub struct Options {
    pub lang: Lang,
    pub paths: Paths,
    pub catalog: Catalog,
}

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Put the terminal in full-screen mode. Restored by [`restore`], which is safe to call any
/// number of times and is also called from the panic hook.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Give the terminal back exactly as it was: any synchronized update ended, raw mode off, main
/// screen, cursor shown, mouse and bracketed paste off. Does nothing when the terminal was not taken.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            io::stdout(),
            // A panic in the middle of a frame leaves its synchronized update open.
            EndSynchronizedUpdate,
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = disable_raw_mode();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// A terminal whose frames go out in a few large writes (standard output alone would send
/// them 1 KiB at a time). Every draw ends with a flush. Making it only asks the size; [`enter`]
/// takes the terminal over.
fn new_terminal() -> Result<Term> {
    let out = BufWriter::with_capacity(256 * 1024, io::stdout());
    Terminal::new(CrosstermBackend::new(out)).context("terminal")
}

/// Draw one frame inside a synchronized update (`CSI ? 2026 h` … `l`): a terminal that knows
/// it shows the frame whole, never half drawn; others ignore the two sequences.
fn draw<W: Write>(terminal: &mut Terminal<CrosstermBackend<W>>, app: &mut App) -> io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let drawn = terminal.draw(|f| app.draw(f)).map(drop);
    // Ended even when drawing failed: the terminal would otherwise hold its screen until its
    // own timeout.
    queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Write::flush(terminal.backend_mut())?;
    drawn
}

/// `config.toml` in the config folder, read forgivingly: what cannot be read is in
/// [`Config::problems`] and the defaults stand for it; no file is the defaults.
fn config(paths: &Paths, lang: Lang) -> Config {
    let file = paths.config_dir.join("config.toml");
    match store::fsutil::read_limited(&file, 1 << 20) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Config::parse(&text, lang),
            Err(_) => Config {
                problems: vec![(ui(lang).config_not_utf8).to_string()],
                ..Config::default()
            },
        },
        Err(store::StoreError::Io { err, .. }) if err.kind() == io::ErrorKind::NotFound => {
            Config::default()
        }
        Err(e) => Config {
            problems: vec![crate::i18n::store_error(&e, lang)],
            ..Config::default()
        },
    }
}

/// Why the full-screen interface cannot run here.
#[derive(Debug)]
pub enum NoTerminal {
    /// `TERM=dumb`: a terminal that cannot move its cursor.
    Dumb,
    /// Standard output goes to a file or a pipe.
    OutputRedirected,
    /// No terminal at all: standard input is not one, and there is no controlling terminal
    /// (`/dev/tty` does not open).
    None(io::Error),
}

impl NoTerminal {
    /// The reason as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let ui = ui(lang);
        match self {
            NoTerminal::Dumb => ui.term_dumb.to_string(),
            NoTerminal::OutputRedirected => ui.output_not_terminal.to_string(),
            NoTerminal::None(e) => (ui.no_terminal)(&crate::i18n::os_text(e)),
        }
    }
}

/// Whether the full-screen interface can run: `TERM` is not `dumb`, standard output is a
/// terminal, and keys can be read from standard input or, when that is a pipe or a file
/// (`echo x | xuncha open F`), from the controlling terminal `/dev/tty` (crossterm reads
/// there then). Writes nothing to the terminal.
pub fn terminal_check() -> Result<(), NoTerminal> {
    use std::io::IsTerminal;
    let tty = || {
        if io::stdin().is_terminal() {
            Ok(())
        } else {
            std::fs::File::open("/dev/tty").map(drop)
        }
    };
    if let Err(e) = tty()
        && !io::stdout().is_terminal()
    {
        return Err(NoTerminal::None(e));
    }
    if !io::stdout().is_terminal() {
        return Err(NoTerminal::OutputRedirected);
    }
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return Err(NoTerminal::Dumb);
    }
    tty().map_err(NoTerminal::None)
}

/// [`terminal_check`] as an error for the command line.
fn need_terminal(lang: Lang) -> Result<()> {
    terminal_check().map_err(|e| anyhow::anyhow!(e.message(lang)))
}

fn last_new_path(paths: &Paths) -> PathBuf {
    paths.config_dir.join("last-new-record.toml")
}

/// The checklists offered in the new-record form: every template, built-in ones on.
fn checklist_choices(catalog: &Catalog) -> Vec<(String, String, bool)> {
    catalog
        .entries()
        .iter()
        .map(|(t, _)| (t.id.clone(), t.title.clone(), catalog.is_default(&t.id)))
        .collect()
}

/// Load the list for the home screen: every record in the data folder with its completion.
pub fn load_home_rows(data_dir: &Path, catalog: &Catalog) -> (Vec<HomeRow>, Vec<(String, String)>) {
    let mut rows = Vec::new();
    let mut failed = Vec::new();
    if !data_dir.is_dir() {
        return (rows, failed);
    }
    let round = match store::load_round(&[data_dir.to_path_buf()]) {
        Ok(round) => round,
        Err(e) => {
            failed.push((data_dir.display().to_string(), e.to_string()));
            return (rows, failed);
        }
    };
    for (path, mut r) in round.records {
        r.carry_replaced(catalog);
        let s = RecordSummary::of(&r, catalog);
        rows.push(HomeRow {
            path,
            unit: r.unit,
            round: r.round,
            group: r.group,
            inspector: r.inspector,
            done: s.done,
            total: s.total,
            updated: r.updated,
        });
    }
    failed.extend(
        round
            .failed
            .iter()
            .map(|(path, e)| (path.display().to_string(), e.to_string())),
    );
    (rows, failed)
}

/// Open a record for the inspect screen.
fn open_record(path: &Path, opts: &Options) -> Result<(Session, Inspect, Vec<String>)> {
    let opened = Session::open(path);
    inspect_view(path, opened, opts)
}

/// The inspect screen of a record that was opened (or could not be), and what is to be said
/// again when the program ends.
fn inspect_view(
    path: &Path,
    opened: Result<(Session, Record), store::session::SessionError>,
    opts: &Options,
) -> Result<(Session, Inspect, Vec<String>)> {
    let (mut session, mut record) = opened?;
    // Answers of replaced items move to their successors here; the next save writes them.
    record.carry_replaced(&opts.catalog);
    // A save killed before its rename left the change it was making: into the rescue folder,
    // said on the status bar now (file name) and on the terminal when the program ends (path).
    let ui = ui(opts.lang);
    let (shown, notices): (Vec<String>, Vec<String>) = session
        .rescue_unconfirmed(&opts.paths.config_dir.join("rescue"))
        .into_iter()
        .map(|moved| match moved {
            Ok(path) => {
                let said = |what: &dyn std::fmt::Display| (ui.unconfirmed_rescued)(what);
                let file = path.file_name().unwrap_or_default().to_string_lossy();
                (said(&file), said(&path.display()))
            }
            Err(e) => {
                let said = (ui.unconfirmed_stays)(&e);
                (said.clone(), said)
            }
        })
        .unzip();
    let read_only = session
        .read_only()
        .map(|r| read_only_sentence(r, opts.lang));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut view = Inspect::new(record, &opts.catalog, name, read_only, opts.lang);
    let mut shown = shown;
    if session.lock_unsupported() {
        shown.insert(0, ui.no_lock_warning.to_string());
    }
    if !shown.is_empty() {
        view.message = Some((shown.join(" · "), true));
    }
    Ok((session, view, notices))
}

/// Why a record is read-only, in an inspector's words: which host holds it, since when.
fn read_only_sentence(why: &ReadOnly, lang: crate::i18n::Lang) -> String {
    let ui = ui(lang);
    match why {
        ReadOnly::LockedBy(Some(h)) => (ui.read_only_by)(&h.host, &h.since.0.format("%H:%M")),
        ReadOnly::LockedBy(None) => ui.read_only_unknown.to_string(),
    }
}

/// A save was refused: another program's change opens the three ways out (never retried);
/// anything else is shown, and retried.
fn refused(view: &mut Inspect, e: &store::session::SessionError, lang: crate::i18n::Lang) {
    view.save_failed(crate::i18n::session_error(e, lang));
    if matches!(e, store::session::SessionError::ChangedOnDisk { .. }) {
        view.conflict = true;
    }
}

/// `xuncha` with no arguments.
pub fn run_home(opts: Options) -> Result<()> {
    need_terminal(opts.lang)?;
    let home = home_screen(&opts);
    let keys = config(&opts.paths, opts.lang);
    run(
        opts,
        keys,
        new_terminal()?,
        Screen::Home(Box::new(home)),
        None,
        true,
        Vec::new(),
    )
}

/// The home screen as it is now: the records in the data folder and the new-record form's
/// remembered values.
fn home_screen(opts: &Options) -> Home {
    let last = std::fs::read_to_string(last_new_path(&opts.paths))
        .ok()
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default();
    let mut home = Home::new(
        opts.lang,
        opts.paths.data_dir.display().to_string(),
        checklist_choices(&opts.catalog),
        last,
    );
    let (rows, failed) = load_home_rows(&opts.paths.data_dir, &opts.catalog);
    home.set_rows(rows, failed);
    home
}

/// `xuncha review [PATH]...`: every record under the paths, read-only.
pub fn run_review(opts: Options, paths: &[PathBuf], stale_days: u32) -> Result<()> {
    need_terminal(opts.lang)?;
    let mut round = store::load_round(paths)?;
    round.carry_replaced(&opts.catalog);
    let (records, failed) = (round.records, round.failed);
    let failed = failed
        .iter()
        .map(|(path, e)| (path.display().to_string(), e.to_string()))
        .collect();
    let mut options = crate::model::ReviewOptions::new(Timestamp::now());
    options.stale_days = stale_days;
    let review = crate::model::Review::build(&records, &opts.catalog, &options);
    let source = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let screen = review::ReviewScreen::new(opts.lang, review, opts.catalog.clone(), failed, source);
    let keys = config(&opts.paths, opts.lang);
    run(
        opts,
        keys,
        new_terminal()?,
        Screen::Review(Box::new(screen)),
        None,
        false,
        Vec::new(),
    )
}

/// `xuncha open FILE` (and `xuncha new` in a terminal).
pub fn run_open(opts: Options, path: &Path) -> Result<()> {
    // No terminal: said before the record is even locked.
    need_terminal(opts.lang)?;
    let opened = Session::open(path);
    let keys = config(&opts.paths, opts.lang);
    // The terminal first: a program that cannot show anything does not move files about.
    let terminal = new_terminal()?;
    let (session, view, notices) = inspect_view(path, opened, &opts)?;
    run(
        opts,
        keys,
        terminal,
        Screen::Inspect(Box::new(view)),
        Some(session),
        false,
        notices,
    )
}

/// The event loop on `terminal` (made beforehand: making it takes nothing over yet), and every
/// way out of it.
fn run(
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

/// Take the terminal again after it was given back (`$EDITOR`, a stop) and draw the next frame
/// whole.
fn retake(app: &App, terminal: &mut Term) -> Result<()> {
    let _ = enter();
    if !app.mouse_captured {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    // A fresh terminal redraws everything without asking the terminal where its cursor is
    // (`Terminal::clear` does, and a terminal that does not answer would end the program).
    let _ = execute!(
        io::stdout(),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    );
    *terminal = new_terminal()?;
    Ok(())
}

struct Runtime {
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

/// The signals the loop answers, each a flag a handler sets (`signal_hook::flag`).
#[derive(Default)]
struct Signals {
    /// SIGTERM, SIGHUP, SIGINT: save, keep drafts, give the terminal back, leave.
    stop: Arc<AtomicBool>,
    /// SIGTSTP: save, give the terminal back, stop until continued.
    suspend: Arc<AtomicBool>,
    /// SIGCONT: take the terminal again and draw the whole screen (after a SIGSTOP that could
    /// not be answered, the terminal may have been used meanwhile).
    resumed: Arc<AtomicBool>,
}

impl Signals {
    fn register(&self) -> io::Result<()> {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
        // SIGINT comes as a signal only when the terminal is not in raw mode (while `$EDITOR`
        // runs) or from `kill -INT`; in raw mode Ctrl+C is a key.
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            signal_hook::flag::register(signal, Arc::clone(&self.stop))?;
        }
        signal_hook::flag::register(SIGTSTP, Arc::clone(&self.suspend))?;
        signal_hook::flag::register(SIGCONT, Arc::clone(&self.resumed))?;
        Ok(())
    }
}

/// The terminal keys are read from: standard input, or `/dev/tty` when standard input is not
/// a terminal (crossterm reads there then).
struct Tty(Option<std::fs::File>);

impl Tty {
    fn open() -> Tty {
        use std::io::IsTerminal;
        if io::stdin().is_terminal() {
            Tty(None)
        } else {
            Tty(std::fs::File::open("/dev/tty").ok())
        }
    }

    /// The terminal hung up (window closed, ssh dropped): reading it would only ever give end
    /// of file. Usually SIGHUP says so first; this catches the cases where it does not come.
    fn gone(&self) -> bool {
        match &self.0 {
            Some(tty) => hung_up(tty),
            None => hung_up(io::stdin()),
        }
    }
}
/// How soon a failed save is tried again: the loop's own timeout.
const RETRY: Duration = Duration::from_millis(250);

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
                if !self.has_home {
                    return Ok(true);
                }
                self.session = None;
                app.screen = Screen::Home(Box::new(home_screen(&self.opts)));
            }
            Effect::Refresh => {
                if let Screen::Home(home) = &mut app.screen {
                    let (rows, failed) =
                        load_home_rows(&self.opts.paths.data_dir, &self.opts.catalog);
                    home.set_rows(rows, failed);
                }
            }
            Effect::Open(path) => self.open(app, &path),
            Effect::Resolve(way) => self.resolve(app, way),
            Effect::Trash(path) => {
                let moved = store::move_to_trash(&self.opts.paths.data_dir, &path);
                if let Screen::Home(home) = &mut app.screen {
                    let (rows, failed) =
                        load_home_rows(&self.opts.paths.data_dir, &self.opts.catalog);
                    home.set_rows(rows, failed);
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
fn panic_for_tests(app: &App) {
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
fn panic_for_tests(_: &App) {}

/// A hang-up, an error or a closed descriptor is waiting on `fd` (polled without waiting).
fn hung_up(fd: impl std::os::fd::AsFd) -> bool {
    use rustix::event::{PollFd, PollFlags};
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    matches!(rustix::event::poll(&mut fds, Some(&zero)), Ok(n) if n > 0)
        && fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
}

/// Edit `text` in `$VISUAL`, `$EDITOR` or `vi`, with the terminal given back meanwhile. The
/// temporary file lives in a private folder and is removed afterwards.
fn external_editor(text: &str) -> Result<String, String> {
    restore();
    // A new folder with a random name, 0700, that did not exist before: never one somebody else
    // prepared in a shared temporary folder.
    let mut builder = tempfile::Builder::new();
    builder.prefix("xuncha-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(fsutil::DIR_MODE));
    }
    let dir = builder.tempdir().map_err(|e| e.to_string())?;
    let file = dir.path().join("note.txt");
    let run = || -> Result<String, String> {
        fsutil::write_atomic(&file, text.as_bytes()).map_err(|e| e.to_string())?;
        let editor = std::env::var("VISUAL")
            .ok()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| {
                std::env::var("EDITOR")
                    .ok()
                    .filter(|s| !s.trim().is_empty())
            })
            .unwrap_or_else(|| "vi".to_string());
        let mut parts = editor.split_whitespace();
        let program = parts.next().unwrap_or("vi");
        let status = std::process::Command::new(program)
            .args(parts)
            .arg(&file)
            .status()
            .map_err(|e| format!("{editor}: {e}"))?;
        let back = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
        // An editor that exits with an error may still have written the file: what is
        // there and differs from what went in is kept rather than thrown away.
        if status.success() || back != text {
            Ok(back)
        } else {
            Err(format!("{editor}: {status}"))
        }
    };
    let result = run();
    let _ = std::fs::remove_file(&file);
    drop(dir);
    let _ = io::stdout().flush();
    result
}

#[cfg(test)]
mod terminal_tests;
#[cfg(test)]
mod tests;
