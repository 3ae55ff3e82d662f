//! Qur'an Companion's UI: a Yew app compiled to WebAssembly. It is a view
//! only: all data, storage and search live in the Rust app behind typed
//! commands (see `services::bridge`).

mod app;
mod components;
mod i18n;
mod pages;
mod services;
mod state;
mod text;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
