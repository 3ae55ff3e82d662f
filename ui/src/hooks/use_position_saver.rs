//! Saves the reading position once it stops moving, and at once when the
//! reader closes, so a quick exit does not lose it.

use std::cell::RefCell;
use std::rc::Rc;

use companion_core::wire::Position;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::services::bridge;

/// How long the position must stay put before it is saved.
const SETTLE_MS: u32 = 700;

#[derive(Default)]
struct PositionSaver {
    pending: RefCell<Option<Position>>,
    timer: RefCell<Option<Timeout>>,
}

impl PositionSaver {
    fn schedule(self: &Rc<Self>, position: Position) {
        self.pending.replace(Some(position));
        let this = self.clone();
        self.timer
            .replace(Some(Timeout::new(SETTLE_MS, move || this.flush())));
    }

    fn flush(&self) {
        if let Some(position) = self.pending.take() {
            yew::platform::spawn_local(async move {
                let _ = bridge::save_position(position).await;
            });
        }
    }
}

/// Saves `position` whenever it changes: once scrolling settles, not on
/// every frame.
#[hook]
pub fn use_position_saver(position: Option<Position>) {
    let saver = use_memo((), |_| Rc::new(PositionSaver::default()));
    {
        let saver = (*saver).clone();
        use_effect_with(position, move |position| {
            if let Some(position) = position {
                saver.schedule(position.clone());
            }
        });
    }
    // Closing the reader saves the position at once.
    use_effect_with((), move |_| move || saver.flush());
}
