//! The review's two small forms: signing the selected finding (编制, 复核 or 审签) and the
//! leader's decision on the selected disagreement (认定为问题 or 不予认定, with a reason).
//! Submitting one returns the [`Effect`] the runtime carries out with `store::signing`;
//! nothing here writes, and the rules (step order, three signers, disputes) are checked there.

use crossterm::event::KeyEvent;

use super::{ReviewScreen, Row};
use crate::model::signoff::{Decision, Step};
use crate::tui::effect::{Effect, Shown};
use crate::tui::form::{Field, FieldName, Form};
use crate::tui::keymap::Action;

/// The fields of the sign-off form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignField {
    /// 编制, 复核 or 审签.
    Step,
    Signer,
}

/// The fields of the leader's settlement form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettleField {
    /// 认定为问题 or 不予认定.
    Decision,
    Reason,
    Signer,
}

impl FieldName for SignField {
    fn id(self) -> usize {
        self as usize
    }
}

impl FieldName for SettleField {
    fn id(self) -> usize {
        self as usize
    }
}

/// What the open form is for: the finding as shown (its round, key and content hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignPurpose {
    Sign { round: String, shown: Shown },
    Settle { round: String, shown: Shown },
}

/// The sign-off or settlement form on the review.
pub struct SignForm {
    pub purpose: SignPurpose,
    pub form: Form,
    /// `Esc` on a changed form asks first whether to drop what was typed (`y` drops it; any
    /// other answer goes back to the form), as every other form does.
    pub confirming: bool,
}

/// What the review's forms take (their footer and help list only these): no `$EDITOR`, no
/// completion. The privacy screen is the app's, on every form.
pub const FORM_ACTIONS: [Action; 5] = [
    Action::Save,
    Action::Cancel,
    Action::NextField,
    Action::PrevField,
    Action::Privacy,
];

/// The choices of the settlement form, in order.
const DECISIONS: [Decision; 2] = [Decision::Confirm, Decision::Dismiss];

impl ReviewScreen {
    /// Say `text` on the status line as an error.
    pub fn warn(&mut self, text: String) {
        self.message = Some((text, true));
    }

    /// The entry the selected row is about: a finding, or the finding a disagreement is about.
    pub fn selected_entry(&self) -> Option<usize> {
        match self.selected_row()? {
            Row::Entry(e) => Some(e),
            Row::Disagreement(d) => self.entry_of_disagreement(d),
            _ => None,
        }
    }

    /// The sign key: the form for the selected finding, its step the first that does not
    /// count yet and its signer the one last typed.
    pub(super) fn open_sign(&mut self) {
        let ui = self.ui();
        if !self.folders.signs_here {
            self.warn((ui.sign_elsewhere)(&self.folders.data_dir.display()));
            return;
        }
        if self.refuse_partial() {
            return;
        }
        let Some(sign) = self.selected_entry().and_then(|e| self.sign_of(e)) else {
            self.warn(ui.sign_which.to_string());
            return;
        };
        let step = Step::ALL
            .into_iter()
            .position(|s| !sign.step(s).counts())
            .unwrap_or(Step::ALL.len() - 1);
        // What refuses whoever signs (存疑待核, every step signed, dismissed or unsettled at
        // 审签) is said now, not after a name is typed.
        if let Err(why) = crate::model::signoff::may_sign(&self.review, sign, Step::ALL[step], "") {
            self.warn(crate::i18n::signoff::refusal(&why, self.lang));
            return;
        }
        let steps = Step::ALL
            .iter()
            .map(|s| s.label(self.lang).to_string())
            .collect();
        let form = Form::new(
            &format!("{} {}", ui.sign_title, sign.key),
            vec![
                (SignField::Step, Field::choice(ui.f_step, steps, step)),
                (
                    SignField::Signer,
                    Field::remembered(ui.f_signer, &self.signer),
                ),
            ],
        );
        self.form = Some(SignForm {
            purpose: SignPurpose::Sign {
                round: sign.round.clone(),
                shown: Shown {
                    key: sign.key.clone(),
                    hash: sign.hash.clone(),
                },
            },
            form,
            confirming: false,
        });
    }

    /// The settle key: the form for the selected disagreement (or disputed finding), with the
    /// leader's last decision and reason on it when there is one.
    pub(super) fn open_settle(&mut self) {
        let ui = self.ui();
        if !self.folders.signs_here {
            self.warn((ui.sign_elsewhere)(&self.folders.data_dir.display()));
            return;
        }
        if self.refuse_partial() {
            return;
        }
        let entry = match self.selected_row() {
            Some(Row::Disagreement(d)) => self.entry_of_disagreement(d),
            Some(Row::Entry(e)) if self.review.entries.get(e).is_some_and(|e| e.disputed) => {
                Some(e)
            }
            _ => None,
        };
        let Some(sign) = entry.and_then(|e| self.sign_of(e)) else {
            self.warn(ui.settle_which.to_string());
            return;
        };
        let last = self
            .signoffs
            .leader(&sign.round)
            .and_then(|l| l.settlement(&sign.key));
        let decision = last
            .and_then(|s| DECISIONS.iter().position(|d| *d == s.decision))
            .unwrap_or(0);
        let decisions = DECISIONS
            .iter()
            .map(|d| d.label(self.lang).to_string())
            .collect();
        let form = Form::new(
            &format!("{} {}", ui.settle_title, sign.key),
            vec![
                (
                    SettleField::Decision,
                    Field::choice(ui.f_decision, decisions, decision),
                ),
                (
                    SettleField::Reason,
                    // the reason on record, selected: a new decision's reason replaces it
                    Field::remembered(ui.f_reason, last.map_or("", |s| s.reason.as_str())),
                ),
                (
                    SettleField::Signer,
                    Field::remembered(ui.f_signer, &self.signer),
                ),
            ],
        );
        self.form = Some(SignForm {
            purpose: SignPurpose::Settle {
                round: sign.round.clone(),
                shown: Shown {
                    key: sign.key.clone(),
                    hash: sign.hash.clone(),
                },
            },
            form,
            confirming: false,
        });
    }

    /// Whether a file of the folders did not load, which refuses every sign-off and settlement
    /// (the runtime checks it again when it writes): said now, before a name is typed.
    fn refuse_partial(&mut self) -> bool {
        let Some((path, _)) = self.failed.first() else {
            return false;
        };
        let said = (self.ui().sign_partial)(path);
        self.warn(said);
        true
    }

    /// An action while the form is open: submit, cancel, move between fields.
    pub(super) fn update_form(&mut self, mut f: SignForm, action: Action) -> Option<Effect> {
        if f.confirming {
            // `y` drops the form and what was typed in it; anything else goes back to it.
            if action != Action::Yes {
                f.confirming = false;
                self.form = Some(f);
            }
            return None;
        }
        match action {
            Action::Save => {
                self.remember_signer(&f);
                match self.submit(&f) {
                    Ok(effect) => return Some(effect),
                    Err(why) => {
                        self.warn(why);
                        self.form = Some(f);
                    }
                }
            }
            Action::Cancel if f.form.changed() => {
                f.confirming = true;
                self.form = Some(f);
            }
            Action::Cancel => {}
            Action::NextField => {
                f.form.next_field();
                self.form = Some(f);
            }
            Action::PrevField => {
                f.form.prev_field();
                self.form = Some(f);
            }
            _ => self.form = Some(f),
        }
        None
    }

    /// A signer once typed is offered again for the rest of the session.
    fn remember_signer(&mut self, f: &SignForm) {
        let signer = match f.purpose {
            SignPurpose::Sign { .. } => f.form.text(SignField::Signer),
            SignPurpose::Settle { .. } => f.form.text(SettleField::Signer),
        };
        if !signer.trim().is_empty() {
            self.signer = signer.trim().to_string();
        }
    }

    /// The effect the form asks for, or what is missing from it.
    /// The rules of [`crate::model::signoff::may_sign`] that the form can see (step order,
    /// one person one step) are checked here, the form staying open on a refusal; the store
    /// checks them all again when it writes.
    fn submit(&self, f: &SignForm) -> Result<Effect, String> {
        let ui = self.ui();
        match &f.purpose {
            SignPurpose::Sign { round, shown } => {
                let signer = signer(&f.form.text(SignField::Signer), self.lang)?;
                let step = Step::ALL
                    .get(f.form.choice(SignField::Step))
                    .copied()
                    .unwrap_or(Step::Draft);
                if let Some(sign) = self
                    .signs
                    .iter()
                    .find(|s| s.round == *round && s.key == shown.key)
                    && let Err(why) =
                        crate::model::signoff::may_sign(&self.review, sign, step, &signer)
                {
                    return Err(crate::i18n::signoff::refusal(&why, self.lang));
                }
                Ok(Effect::Sign {
                    round: round.clone(),
                    keys: vec![shown.clone()],
                    step,
                    signer,
                })
            }
            SignPurpose::Settle { round, shown } => {
                let reason = f.form.text(SettleField::Reason).trim().to_string();
                if reason.is_empty() {
                    return Err(ui.reason_needed.to_string());
                }
                let signer = signer(&f.form.text(SettleField::Signer), self.lang)?;
                let decision = DECISIONS
                    .get(f.form.choice(SettleField::Decision))
                    .copied()
                    .unwrap_or(Decision::Confirm);
                Ok(Effect::Settle {
                    round: round.clone(),
                    key: shown.clone(),
                    decision,
                    reason,
                    signer,
                })
            }
        }
    }

    /// A key no table claimed: typed into the open form.
    pub fn input(&mut self, key: KeyEvent) {
        if let Some(f) = self.form.as_mut().filter(|f| !f.confirming) {
            f.form.input(key);
        }
    }

    /// Pasted text: into the open form's text field (not while its discard question is open).
    pub fn paste(&mut self, text: &str) {
        if let Some(f) = self.form.as_mut().filter(|f| !f.confirming) {
            f.form.paste(text);
        }
    }
}

/// The signer typed in a form as it is kept, or why it is refused.
fn signer(typed: &str, lang: crate::i18n::Lang) -> Result<String, &'static str> {
    crate::model::signoff::checked_signer(typed)
        .map(str::to_string)
        .map_err(|p| crate::i18n::signoff::signer_problem(p, lang))
}
