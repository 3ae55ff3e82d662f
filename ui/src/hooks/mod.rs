//! Hooks, each owning one concern of a screen (mostly the reader's): its
//! state and effects, so components only compose them.

pub mod use_achievement_check;
pub mod use_bookmarks;
pub mod use_follow_recitation;
pub mod use_play;
pub mod use_position_saver;
pub mod use_reader_keys;
pub mod use_reading_session;
pub mod use_reading_view;
pub mod use_settings_editor;
