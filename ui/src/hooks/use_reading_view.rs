//! The reader's view: asks for it whenever the target, the focus, the visit
//! or the text options change (only the latest reply counts), and after
//! every render carries out the scroll work the state asks for.

use companion_core::wire::{TextOptions, ViewTarget};
use companion_core::AyahRef;
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::pages::reader::dom;
use crate::pages::reader::state::{Action, ReaderState};
use crate::services::bridge;

/// The reader's state, loaded and kept in step with the DOM in `container`.
#[hook]
pub fn use_reading_view(
    target: ViewTarget,
    focus: Option<AyahRef>,
    visit: u32,
    options: TextOptions,
    container: NodeRef,
) -> UseReducerHandle<ReaderState> {
    let reader = use_reducer(ReaderState::default);
    let tickets = use_mut_ref(|| 0u32);

    // Open the view; reopen (keeping the place) when the text options change.
    {
        let reader = reader.clone();
        use_effect_with(
            (target, focus, visit, options),
            move |(target, focus, visit, options)| {
                let ticket = {
                    let mut latest = tickets.borrow_mut();
                    *latest = latest.wrapping_add(1);
                    *latest
                };
                reader.dispatch(Action::Open {
                    ticket,
                    target: target.clone(),
                    focus: *focus,
                    visit: *visit,
                });
                let (target, options) = (target.clone(), options.clone());
                yew::platform::spawn_local(async move {
                    reader.dispatch(match bridge::open_view(target, options).await {
                        Ok(view) => Action::Loaded {
                            ticket,
                            view: Rc::new(view),
                        },
                        Err(error) => Action::Failed { ticket, error },
                    });
                });
            },
        );
    }

    // After each render: carry out the scroll work the last change asked for.
    {
        let reader = reader.clone();
        use_effect(move || {
            let work = reader.pending;
            if let Some(el) = container.cast::<HtmlElement>() {
                if dom::carry_out(work, &el) {
                    reader.dispatch(Action::Done(work));
                }
            }
        });
    }
    reader
}
