//! Pure domain rules and the wire types shared by the app (`src-tauri`), the
//! UI (`ui`, built for wasm32) and the sync server.
//!
//! This crate must never depend on tokio, sqlx, reqwest or anything that does
//! I/O: it is compiled into the WebAssembly UI as well as the native binaries.

pub mod arabic;
pub mod command;
pub mod daily;
pub mod error;
pub mod habit;
pub mod latin;
pub mod navigation;
pub mod reference;
pub mod wire;

pub use error::{Error, Result};
pub use reference::{AyahRef, Reference};

/// Where the data of the daily practice (cities, the Umm al-Qura table,
/// the adhkar) comes from, with its licences; shipped with the app.
pub const ATTRIBUTION: &str = include_str!("../ATTRIBUTION.md");
