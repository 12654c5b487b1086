//! The terminal: the check before anything (standard output a terminal, keys from standard
//! input or `/dev/tty`, `TERM` not `dumb`), taking it over and an idempotent [`restore`] (also
//! from the panic hook), frames drawn as one synchronized update, the signals the loop
//! answers, the hang-up check, and `$EDITOR` with the terminal given back meanwhile.

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::App;
use crate::i18n::Lang;
use crate::i18n::ui::ui;
use crate::store::fsutil;

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Put the terminal in full-screen mode. Restored by [`restore`], which is safe to call any
/// number of times and is also called from the panic hook.
pub(super) fn enter() -> io::Result<()> {
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

pub(super) fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

pub(super) type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// A terminal whose frames go out in a few large writes (standard output alone would send
/// them 1 KiB at a time). Every draw ends with a flush. Making it only asks the size; [`enter`]
/// takes the terminal over.
pub(super) fn new_terminal() -> Result<Term> {
    let out = BufWriter::with_capacity(256 * 1024, io::stdout());
    Terminal::new(CrosstermBackend::new(out)).context("terminal")
}

/// Draw one frame inside a synchronized update (`CSI ? 2026 h` … `l`): a terminal that knows
/// it shows the frame whole, never half drawn; others ignore the two sequences.
pub(super) fn draw<W: Write>(
    terminal: &mut Terminal<CrosstermBackend<W>>,
    app: &mut App,
) -> io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let drawn = terminal.draw(|f| app.draw(f)).map(drop);
    // Ended even when drawing failed: the terminal would otherwise hold its screen until its
    // own timeout.
    queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Write::flush(terminal.backend_mut())?;
    drawn
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
pub(super) fn need_terminal(lang: Lang) -> Result<()> {
    terminal_check().map_err(|e| anyhow::anyhow!(e.message(lang)))
}

/// Take the terminal again after it was given back (`$EDITOR`, a stop) and draw the next frame
/// whole.
pub(super) fn retake(app: &App, terminal: &mut Term) -> Result<()> {
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

/// The signals the loop answers, each a flag a handler sets (`signal_hook::flag`).
#[derive(Default)]
pub(super) struct Signals {
    /// SIGTERM, SIGHUP, SIGINT: save, keep drafts, give the terminal back, leave.
    pub(super) stop: Arc<AtomicBool>,
    /// SIGTSTP: save, give the terminal back, stop until continued.
    pub(super) suspend: Arc<AtomicBool>,
    /// SIGCONT: take the terminal again and draw the whole screen (after a SIGSTOP that could
    /// not be answered, the terminal may have been used meanwhile).
    pub(super) resumed: Arc<AtomicBool>,
}

impl Signals {
    pub(super) fn register(&self) -> io::Result<()> {
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
pub(super) struct Tty(Option<std::fs::File>);

impl Tty {
    pub(super) fn open() -> Tty {
        use std::io::IsTerminal;
        if io::stdin().is_terminal() {
            Tty(None)
        } else {
            Tty(std::fs::File::open("/dev/tty").ok())
        }
    }

    /// The terminal hung up (window closed, ssh dropped): reading it would only ever give end
    /// of file. Usually SIGHUP says so first; this catches the cases where it does not come.
    pub(super) fn gone(&self) -> bool {
        match &self.0 {
            Some(tty) => hung_up(tty),
            None => hung_up(io::stdin()),
        }
    }
}

/// A hang-up, an error or a closed descriptor is waiting on `fd` (polled without waiting).
pub(super) fn hung_up(fd: impl std::os::fd::AsFd) -> bool {
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
pub(super) fn external_editor(text: &str) -> Result<String, String> {
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
