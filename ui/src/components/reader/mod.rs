//! The pieces of the reader screen. They show what they are given and
//! report what the user did through callbacks; the reader's state and
//! effects live in `pages::reader` and `hooks`.

pub mod ayah_block;
pub mod markers;
pub mod note_editor;
pub mod page_flow;
pub mod reader_bar;
pub mod reader_nav;
pub mod surah_heading;
