//! Input no key table binds: keys typed into the open text field, pasted text, text back
//! from `$EDITOR`, and the mouse (with the pane rectangles the view computed).

use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use crate::model::SourceKind;
use crate::tui::widgets::list_offset;

use super::{Inspect, Overlay, Pane, PaneRects, Purpose, SearchField, SourceField};

impl Inspect {
    /// A key that no table claimed: typed into the open form.
    pub fn input(&mut self, key: KeyEvent) {
        if let Overlay::Form(f) = &mut self.overlay {
            if f.confirming {
                return;
            }
            // the role is the only field: Enter shows its outline
            if f.purpose == Purpose::OutlineRole && key.code == KeyCode::Enter {
                let role = super::commit::chosen_role(&f.form);
                self.show_outline(role);
                return;
            }
            let before_kind = f.form.choice(SourceField::Kind);
            f.form.input(key);
            match &mut f.purpose {
                Purpose::Search => {
                    self.search = f.form.text(SearchField::Query).trim().to_string();
                    self.item_sel = 0;
                }
                Purpose::Source { suggested, .. } if f.form.is_focused(SourceField::Kind) => {
                    // Keep the suggested code in step with the kind until the user edits it.
                    let kind = f.form.choice(SourceField::Kind);
                    if kind != before_kind && f.form.text(SourceField::Code) == *suggested {
                        let k = SourceKind::ALL
                            .get(kind)
                            .copied()
                            .unwrap_or(SourceKind::Other);
                        let next = self.record.suggest_source_code(k);
                        f.form.set_text(SourceField::Code, &next);
                        *suggested = next;
                    }
                }
                _ => {}
            }
        }
    }

    /// Pasted text: only into an open text field.
    pub fn paste(&mut self, text: &str) {
        if let Overlay::Form(f) = &mut self.overlay
            && !f.confirming
        {
            f.form.paste(text);
            if f.purpose == Purpose::Search {
                self.search = f.form.text(SearchField::Query).trim().to_string();
            }
        }
    }

    /// The text came back from `$EDITOR`.
    pub fn editor_returned(&mut self, text: &str) {
        if let Overlay::Form(f) = &mut self.overlay {
            f.form.replace_focused(text.trim_end_matches('\n'));
        }
    }

    /// A mouse event, given the screen layout it happened on.
    pub fn mouse(&mut self, ev: MouseEvent, layout: PaneRects) {
        // the wheel scrolls an open outline
        if let Overlay::Outline { scroll, .. } = &mut self.overlay {
            match ev.kind {
                MouseEventKind::ScrollDown => scroll.by(3),
                MouseEventKind::ScrollUp => scroll.by(-3),
                _ => {}
            }
            return;
        }
        if !matches!(self.overlay, Overlay::None) {
            return;
        }
        let pos = ratatui::layout::Position::new(ev.column, ev.row);
        let pane = if layout.tree.contains(pos) {
            Pane::Tree
        } else if layout.items.contains(pos) {
            Pane::Items
        } else if layout.detail.contains(pos) {
            Pane::Detail
        } else {
            return;
        };
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                let rect = match pane {
                    Pane::Tree => layout.tree,
                    Pane::Items => layout.items,
                    Pane::Detail => return,
                };
                // Rows start below the border; lists scroll so the selection stays visible.
                let row = usize::from(ev.row.saturating_sub(rect.y + 1));
                let offset = match pane {
                    Pane::Tree => list_offset(self.tree_sel, rect),
                    _ => list_offset(self.item_sel, rect),
                };
                let target = offset + row;
                match pane {
                    Pane::Tree if target < self.tree.len() => {
                        self.tree_sel = target;
                        self.item_sel = 0;
                        self.note_sel = 0;
                    }
                    Pane::Items if target < self.entries().len() => {
                        self.item_sel = target;
                        self.note_sel = 0;
                        self.detail.home();
                    }
                    _ => {}
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta = if ev.kind == MouseEventKind::ScrollDown {
                    1
                } else {
                    -1
                };
                if pane == Pane::Detail {
                    self.detail.by(delta * 3);
                } else {
                    let keep = self.focus;
                    self.focus = pane;
                    self.move_in(delta);
                    self.focus = keep;
                }
            }
            _ => {}
        }
        self.clamp();
    }
}
