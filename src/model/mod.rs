//! The pure domain: templates, records, statuses, evidence, progress, the review aggregation
//! and the demo round. No I/O, no terminal.

pub mod collate;
pub mod day;
pub mod demo;
pub mod diag;
pub mod followup;
pub mod ledger;
pub mod outline;
pub mod progress;
pub mod record;
pub mod review;
pub mod signoff;
pub mod template;
pub mod vocab;

pub use diag::Diagnostic;
pub use progress::{RecordSummary, TemplateProgress};
pub use record::{
    Answer, Finding, Note, Receiver, Record, RecordError, Responsibility, Source, TemplateRef,
    Timestamp,
};
pub use review::{Review, ReviewOptions};
pub use template::{Catalog, Focus, Item, Origin, Role, Section, Template, UnitType};
pub use vocab::{Category, SourceKind, Status};
