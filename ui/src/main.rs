//! Qur'an Companion's UI: a Yew app compiled to WebAssembly. It is a view
//! only: all data, storage and search live in the Rust app behind typed
//! commands (see `services::bridge`).

mod app;
mod components;
mod hooks;
mod i18n;
mod pages;
mod services;
mod state;
#[cfg(test)]
mod test_support;
mod text;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
