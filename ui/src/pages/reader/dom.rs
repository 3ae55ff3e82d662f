//! What the reader reads from and does to the DOM: finding rendered ayahs,
//! measuring a scroll, and carrying out the scroll work the state asks for.
//! Never here: decisions about the window or focus (those are in `state`).

use web_sys::HtmlElement;

use super::state::{FocusTo, Pending, Scroll};
use companion_core::AyahRef;

/// Height covered by the sticky reader bar.
pub const BAR: i32 = 64;

/// The rendered ayah at `index` (`#ayah-{index}`).
pub fn element(index: usize) -> Option<HtmlElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()?
        .document()?
        .get_element_by_id(&format!("ayah-{index}"))?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// Whether the ayah at `index` is on screen in the reader.
pub fn is_visible(index: usize, container: &HtmlElement) -> bool {
    let Some(el) = element(index) else {
        return false;
    };
    let (ayah, area) = (
        el.get_bounding_client_rect(),
        container.get_bounding_client_rect(),
    );
    ayah.bottom() > area.top() + f64::from(BAR) && ayah.top() < area.bottom()
}

/// The first rendered ayah (of `lo..hi`) not yet scrolled past the bar.
fn top_ayah(container: &HtmlElement, lo: usize, hi: usize) -> usize {
    let line = container.scroll_top() + BAR;
    let (mut a, mut b) = (lo, hi);
    while a < b {
        let mid = (a + b) / 2;
        match element(mid) {
            Some(el) if el.offset_top() + el.offset_height() <= line => a = mid + 1,
            _ => b = mid,
        }
    }
    a.min(hi.saturating_sub(1)).max(lo)
}

fn viewport_top(index: usize) -> Option<f64> {
    element(index).map(|el| el.get_bounding_client_rect().top())
}

/// What the state needs to know about a scroll of the reader.
pub fn measure(container: &HtmlElement, (lo, hi): (usize, usize)) -> Scroll {
    let top = top_ayah(container, lo, hi);
    Scroll {
        top,
        top_at: viewport_top(top),
        scroll_top: container.scroll_top(),
        client_height: container.client_height(),
        scroll_height: container.scroll_height(),
    }
}

/// Carries out scroll work after a render. Returns whether it is done: a
/// jump whose ayah this render does not show yet waits for the render
/// that does.
pub fn carry_out(work: Pending, container: &HtmlElement) -> bool {
    match work {
        Pending::None => false,
        Pending::ScrollTo(index, focus_to) => {
            let Some(ayah) = element(index) else {
                return false;
            };
            container.set_scroll_top(if index == 0 {
                0
            } else {
                ayah.offset_top() - BAR
            });
            match focus_to {
                FocusTo::Ayah => {
                    let _ = ayah.focus();
                }
                FocusTo::Reader => {
                    let _ = container.focus();
                }
                FocusTo::Keep => {}
            }
            true
        }
        Pending::Reveal(index) => {
            if let Some(ayah) = element(index) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                ayah.scroll_into_view_with_scroll_into_view_options(&options);
                let _ = ayah.focus();
            }
            true
        }
        Pending::Anchor(index, old_top) => {
            if let Some(new_top) = viewport_top(index) {
                // Truncation is fine: sub-pixel drift is invisible.
                container.set_scroll_top(container.scroll_top() + (new_top - old_top) as i32);
            }
            true
        }
    }
}

/// Scrolls the ayah at `index` smoothly to the middle of the reader, unless
/// it is on screen already (recitation moving on).
pub fn center_if_hidden(index: usize, container: &HtmlElement) {
    match element(index) {
        Some(ayah) if !is_visible(index, container) => {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            options.set_behavior(web_sys::ScrollBehavior::Smooth);
            ayah.scroll_into_view_with_scroll_into_view_options(&options);
        }
        _ => {}
    }
}

/// Focuses the ayah with this reference once the current render is done.
pub fn focus_ayah_soon(reference: AyahRef) {
    yew::platform::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        let selector = format!("[data-ref='{reference}']");
        let found = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten());
        if let Some(el) = found.and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
}
