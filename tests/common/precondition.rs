//! Tests that need something of the machine (root to mount a tmpfs, `prlimit`, `setpriv`) and
//! cannot test without it. Such a test never passes without testing:
//!
//! - on a developer's machine that lacks it, the test is reported as *ignored*, with the reason
//!   (`test NAME ... ignored, no prlimit here`), and counted among the ignored in the summary;
//! - under `CI=true` (CI runs `.ci/run` as root, which installs the tools) it *fails* with the
//!   reason instead, so a CI machine that cannot run a fault test is noticed.
//!
//! libtest decides `#[ignore]` at compile time; whether a tmpfs can be mounted is known only at
//! run time, so the test files that use this (`tests/faults.rs`) run on `libtest-mimic`
//! (`harness = false`), whose trials may report "ignored" when they run. Included with
//! `#[path = "common/precondition.rs"] mod precondition;`.

use std::fmt::Display;

pub use libtest_mimic::{Arguments, Completion, Failed, Trial};

/// What a test that may lack something on this machine returns: [`tested`] when it ran to the
/// end, [`cannot_test`] when it could not.
pub type Tested = Result<Completion, Failed>;

/// The test ran to its end (its assertions panic on failure).
pub fn tested() -> Tested {
    Ok(Completion::Completed)
}

/// Whether the tests run in CI: `CI` set to anything but empty, `0` or `false` (CI sets
/// `CI=true`, as most CI services do).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// The machine lacks what the test needs, for the reason `why`: ignored with that reason, or
/// under `CI=true` a failure naming it.
pub fn cannot_test(why: impl Display) -> Tested {
    if in_ci() {
        Err(format!(
            "cannot test on this machine: {why} (CI=true: a test that cannot test fails; \
             .ci/run installs what the fault tests need and runs them as root)"
        )
        .into())
    } else {
        Ok(Completion::ignored_with(why))
    }
}

/// A trial for a test that always tests: passes when `body` returns, fails when it panics.
pub fn plain(name: &str, body: fn()) -> Trial {
    Trial::test(name, move || {
        body();
        Ok(())
    })
}

/// A trial for a test that may find it cannot test here (see [`cannot_test`]).
pub fn needing(name: &str, body: fn() -> Tested) -> Trial {
    Trial::ignorable_test(name, body)
}

/// Run `trials` with the command line libtest takes (`--exact`, `--nocapture`,
/// `--test-threads`, `--ignored`, a filter...) and exit with the harness's status.
pub fn run(trials: Vec<Trial>) -> ! {
    let args = Arguments::from_args();
    libtest_mimic::run(&args, trials).exit()
}
