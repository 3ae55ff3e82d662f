//! The errors of this crate. Loading the embedded data cannot fail at run
//! time (the data is verified by the tests), so the only fallible entry point
//! is [`crate::search`], and what it rejects (an empty or overlong query, an
//! unknown translation) are the shared domain errors of `companion-core`, so
//! that the UI switches on one set of codes. This module names them here.

pub use companion_core::error::{Error, Result};
