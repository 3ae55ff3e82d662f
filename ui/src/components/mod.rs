//! Small reusable pieces of the screens.

pub mod charts;
pub mod go_to_box;
pub mod goals;
pub mod highlighted;
pub mod khatm;
pub mod mini_player;
pub mod progress_card;
pub mod reader;
pub mod toast;
pub mod today_card;
pub mod top_bar;
