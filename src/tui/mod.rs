//! The full-screen interface: terminal setup and restore (also on panic, SIGTERM, SIGHUP and
//! SIGINT; given back on SIGTSTP and taken again on SIGCONT), the event loop, and the effects
//! `update` asks for (save, open, create, `$EDITOR`, mouse, suspend).
//! Data flows one way: key -> action -> update(state) -> save -> draw.

pub mod app;
pub mod chrome;
pub mod config;
pub mod effect;
pub mod form;
pub mod home;
pub mod inspect;
pub mod keymap;
pub mod review;
pub mod scroll;
pub mod theme;
pub mod undo;
pub mod widgets;

mod runtime;
mod terminal;

pub use terminal::{NoTerminal, restore, terminal_check};

use std::io::{self};
use std::path::{Path, PathBuf};

use anyhow::Result;

use self::app::Screen;
use self::config::Config;
use self::home::{Home, HomeRow};
use self::inspect::Inspect;
use self::runtime::run;
use self::terminal::{need_terminal, new_terminal};
use crate::i18n::Lang;
use crate::i18n::ui::ui;
use crate::model::{Catalog, Record, RecordSummary, Timestamp};
use crate::store::session::ReadOnly;
use crate::store::{self, Paths, Session};

/// What the interface needs from the command line.
pub struct Options {
    pub lang: Lang,
    pub paths: Paths,
    pub catalog: Catalog,
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

/// Load the list for the home screen: every record in the data folder with its completion,
/// and each file that did not load with why, in `lang`.
pub fn load_home_rows(
    data_dir: &Path,
    catalog: &Catalog,
    lang: Lang,
) -> (Vec<HomeRow>, Vec<(String, String)>) {
    let mut rows = Vec::new();
    let mut failed = Vec::new();
    if !data_dir.is_dir() {
        return (rows, failed);
    }
    let round = match store::load_round(&[data_dir.to_path_buf()]) {
        Ok(round) => round,
        Err(e) => {
            let why = crate::i18n::store_error(&e, lang);
            failed.push((data_dir.display().to_string(), why));
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
    failed.extend(round.failed.iter().map(|(path, e)| {
        let why = crate::i18n::store_error(e, lang);
        (path.display().to_string(), why)
    }));
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
    // Where this inspector left the record last time (`CONFIG/state.toml`, never the record).
    if let Some(place) = store::place::Places::load(&opts.paths).get(session.path()) {
        view.restore_place(place.source.as_deref(), place.item.as_deref());
    }
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
    reload_home(&mut home, opts);
    home
}

/// Read the home screen's list again from the data folder (after a record was moved or
/// changed).
fn reload_home(home: &mut Home, opts: &Options) {
    let (rows, failed) = load_home_rows(&opts.paths.data_dir, &opts.catalog, opts.lang);
    home.set_rows(rows, failed);
}

/// `xuncha review [PATH]...`: every record under the paths, read-only; with the round files
/// found there, and signing when the paths are the data folder itself.
pub fn run_review(opts: Options, paths: &[PathBuf], stale_days: u32) -> Result<()> {
    need_terminal(opts.lang)?;
    let read = read_review(
        paths,
        &opts.catalog,
        stale_days,
        opts.lang,
        Timestamp::now(),
    )?;
    let source = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let folders = review::Folders {
        paths: paths.to_vec(),
        data_dir: opts.paths.data_dir.clone(),
        signs_here: is_data_dir(paths, &opts.paths.data_dir),
    };
    let screen = review::ReviewScreen::new(
        opts.lang,
        read.review,
        opts.catalog.clone(),
        read.failed,
        source,
    )
    .with_signoffs(read.signoffs, read.signs, folders)
    .with_ledgers(read.ledgers);
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

/// What the review shows of the records and round files under some paths.
struct ReviewRead {
    review: crate::model::Review,
    /// The files that did not load, each with why (in the interface's language).
    failed: Vec<(String, String)>,
    signoffs: crate::model::signoff::Signoffs,
    signs: Vec<crate::model::signoff::FindingSign>,
    /// The units' 整改台账 found with the records.
    ledgers: Vec<crate::model::ledger::Ledger>,
    /// The round as read, for signing.
    round: store::Round,
}

/// Read the records and round files under `paths` and build the review of them at `now`.
fn read_review(
    paths: &[PathBuf],
    catalog: &Catalog,
    stale_days: u32,
    lang: Lang,
    now: Timestamp,
) -> Result<ReviewRead, store::StoreError> {
    let mut round = store::load_round(paths)?;
    round.carry_replaced(catalog);
    Ok(review_of_round(round, catalog, stale_days, lang, now))
}

/// The review of a round that was read.
fn review_of_round(
    round: store::Round,
    catalog: &Catalog,
    stale_days: u32,
    lang: Lang,
    now: Timestamp,
) -> ReviewRead {
    let failed = round
        .failed
        .iter()
        .map(|(path, e)| {
            (
                path.display().to_string(),
                crate::i18n::store_error(e, lang),
            )
        })
        .collect();
    let mut options = crate::model::ReviewOptions::new(now);
    options.stale_days = stale_days;
    let review = crate::model::Review::build(&round.records, catalog, &options);
    let signs = round.signoffs.state(&review, &round.records);
    ReviewRead {
        review,
        failed,
        signoffs: round.signoffs.clone(),
        signs,
        ledgers: round.ledgers.iter().map(|(_, l)| l.clone()).collect(),
        round,
    }
}

/// Whether `paths` is the data folder itself, and nothing else: the one place `xuncha sign`
/// reads and writes, so a sign-off made on the review is one the command line sees.
fn is_data_dir(paths: &[PathBuf], data_dir: &Path) -> bool {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    matches!(paths, [only] if same(only, data_dir))
}

/// Carry out a sign-off or a settlement asked for on the review (any other effect is
/// ignored): the round read again from the review's paths, the finding checked to be the
/// content shown, then `store::signing`; the review shown anew from the disk, and what was
/// done or why not on its status line. Nothing is written on a refusal or when a file of the
/// round did not load.
fn review_write(
    screen: &mut review::ReviewScreen,
    catalog: &Catalog,
    effect: &effect::Effect,
    now: Timestamp,
) {
    use crate::store::signing::{RoundState, settle, sign};
    use effect::{Effect, Shown};
    let lang = screen.lang;
    let (ui, st) = (ui(lang), lang.signoff());
    let (round_name, shown): (&str, Vec<&Shown>) = match effect {
        Effect::Sign { round, keys, .. } => (round, keys.iter().collect()),
        Effect::Settle { round, key, .. } => (round, vec![key]),
        _ => return,
    };
    let stale_days = screen.review.stale_days;
    let paths = screen.folders.paths.clone();
    let data_dir = screen.folders.data_dir.clone();
    if !screen.folders.signs_here {
        screen.warn((ui.sign_elsewhere)(&data_dir.display()));
        return;
    }
    let read = match read_review(&paths, catalog, stale_days, lang, now) {
        Ok(read) => read,
        Err(e) => {
            screen.warn(crate::i18n::store_error(&e, lang));
            return;
        }
    };
    let show = |screen: &mut review::ReviewScreen, read: ReviewRead| {
        screen.reload(read.review, read.failed, read.signoffs, read.signs);
        screen.set_ledgers(read.ledgers);
    };
    if let Some((path, _)) = read.round.failed.first() {
        let said = (ui.sign_partial)(&path.display());
        show(screen, read);
        screen.warn(said);
        return;
    }
    // What is signed is what was on show: a finding changed on disk since is shown anew.
    let state = RoundState::of(&read.round, catalog, round_name, now);
    if let Some(changed) = shown
        .iter()
        .find(|s| state.find(&s.key).is_some_and(|f| f.hash != s.hash))
    {
        let said = (ui.sign_changed_on_disk)(&changed.key);
        show(screen, read);
        screen.warn(said);
        return;
    }
    let outcome: Result<Result<String, Vec<crate::model::signoff::Refusal>>, store::StoreError> =
        match effect {
            Effect::Sign {
                keys, step, signer, ..
            } => {
                let keys: Vec<String> = keys.iter().map(|k| k.key.clone()).collect();
                sign(
                    &data_dir,
                    &read.round,
                    catalog,
                    round_name,
                    &keys,
                    *step,
                    signer,
                    now,
                )
                .map(|r| {
                    r.map(|signed| {
                        signed
                            .keys
                            .iter()
                            .map(|k| (st.signed)(k, *step))
                            .collect::<Vec<_>>()
                            .join("  ")
                    })
                })
            }
            Effect::Settle {
                key,
                decision,
                reason,
                signer,
                ..
            } => settle(
                &data_dir,
                &read.round,
                catalog,
                round_name,
                &key.key,
                *decision,
                reason,
                signer,
                now,
            )
            .map(|r| {
                r.map(|_| (st.settled)(&key.key, decision.label(lang), reason))
                    .map_err(|refusal| vec![refusal])
            }),
            _ => return,
        };
    match outcome {
        Ok(Ok(done)) => {
            // Read again: the review shows the sign-off just written.
            match read_review(&paths, catalog, stale_days, lang, now) {
                Ok(again) => show(screen, again),
                Err(_) => show(screen, read),
            }
            screen.message = Some((done, false));
        }
        Ok(Err(refusals)) => {
            let said = refusals
                .iter()
                .map(|r| crate::i18n::signoff::refusal(r, lang))
                .collect::<Vec<_>>()
                .join("  ");
            show(screen, read);
            screen.warn(said);
        }
        Err(e) => {
            show(screen, read);
            screen.warn(crate::i18n::store_error(&e, lang));
        }
    }
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

#[cfg(test)]
mod terminal_tests;
#[cfg(test)]
mod tests;
