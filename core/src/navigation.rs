//! Where a typed reference leads. Pure, so the UI parses what the user
//! types without a round trip to the app.

use crate::wire::{GoToTarget, ViewTarget};
use crate::{Reference, Result};

/// The view and ayahs that `input` (`2:255`, `2:255-257`, `18`) names.
pub fn go_to(input: &str) -> Result<GoToTarget> {
    let reference = Reference::parse(input)?;
    let (focus, last) = (reference.first(), reference.last());
    Ok(GoToTarget {
        target: ViewTarget::Surah(focus.surah()),
        focus,
        last,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AyahRef;

    #[test]
    fn go_to_opens_the_surah_at_the_ayah() {
        let to = go_to("2:255").unwrap();
        assert_eq!(to.target, ViewTarget::Surah(2));
        assert_eq!(to.focus, AyahRef::new(2, 255).unwrap());
        for bad in ["115:1", "2:300", "abc", ""] {
            let error = go_to(bad).expect_err(bad);
            assert!(!error.to_string().is_empty());
        }
    }
}
