//! xuncha — 巡察清单助手: a terminal assistant for university internal party inspection.
//!
//! Layers (see `docs/ARCHITECTURE.md`): `model` is the pure domain, `store` touches files,
//! `cli` parses arguments and dispatches.
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod cli;
pub mod i18n;
pub mod model;
pub mod report;
pub mod search;
pub mod store;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod text;
pub mod tui;
