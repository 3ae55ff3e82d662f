//! Talking to the app process.

pub mod bridge;
