//! The one place that touches JavaScript: the binding to Tauri's
//! `window.__TAURI__.core.invoke`, wrapped in typed calls that return the
//! wire types of `companion_core::wire`.

use companion_core::wire::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(
        event: &str,
        handler: &Closure<dyn FnMut(JsValue)>,
    ) -> Result<JsValue, JsValue>;
}

/// Calls `on_event` with the payload of every `event` the app emits, for
/// the life of the page.
pub fn listen<T: DeserializeOwned + 'static>(event: &'static str, on_event: impl Fn(T) + 'static) {
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |message: JsValue| {
        let payload =
            js_sys::Reflect::get(&message, &JsValue::from_str("payload")).unwrap_or(JsValue::NULL);
        if let Ok(value) = serde_wasm_bindgen::from_value::<T>(payload) {
            on_event(value);
        }
    });
    yew::platform::spawn_local(async move {
        // Outside the app there is nothing to listen to.
        let _ = tauri_listen(event, &handler).await;
        // The listener lives as long as the page.
        handler.forget();
    });
}

/// Result of a command.
pub type CallResult<T> = Result<T, CommandError>;

#[derive(Serialize)]
struct Args<'a, T: Serialize> {
    request: &'a T,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, CommandError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| CommandError::new("encode_failed", e.to_string()))
}

fn error_from_js(value: JsValue) -> CommandError {
    if let Ok(error) = serde_wasm_bindgen::from_value::<CommandError>(value.clone()) {
        return error;
    }
    if let Some(text) = value.as_string() {
        return CommandError::new("command_failed", text);
    }
    // Not inside the app (no `window.__TAURI__`): a TypeError lands here.
    CommandError::new(
        "outside_app",
        "This page must run inside the Qur'an Companion app.",
    )
}

async fn call<R: DeserializeOwned>(cmd: &str, args: JsValue) -> CallResult<R> {
    let value = tauri_invoke(cmd, args).await.map_err(error_from_js)?;
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| CommandError::new("decode_failed", format!("{cmd}: {e}")))
}

async fn call_with<T: Serialize, R: DeserializeOwned>(cmd: &str, request: &T) -> CallResult<R> {
    let args = to_js(&Args { request })?;
    call(cmd, args).await
}

async fn call_plain<R: DeserializeOwned>(cmd: &str) -> CallResult<R> {
    call(cmd, JsValue::from(js_sys::Object::new())).await
}

pub async fn home() -> CallResult<HomeView> {
    call_plain("home").await
}

pub async fn surahs() -> CallResult<Vec<SurahSummary>> {
    call_plain("surahs").await
}

pub async fn juzs() -> CallResult<Vec<PartSummary>> {
    call_plain("juzs").await
}

pub async fn hizb_quarters() -> CallResult<Vec<PartSummary>> {
    call_plain("hizb_quarters").await
}

pub async fn translations() -> CallResult<Vec<TranslationOption>> {
    call_plain("translations").await
}

pub async fn attribution() -> CallResult<String> {
    call_plain("attribution").await
}

pub async fn open_view(target: ViewTarget, options: TextOptions) -> CallResult<ReadingView> {
    call_with("open_view", &OpenViewRequest { target, options }).await
}

pub async fn go_to(input: String) -> CallResult<GoToTarget> {
    call_with("go_to", &GoToRequest { input }).await
}

pub async fn search(query: String, translation: Option<String>) -> CallResult<SearchResponse> {
    call_with("search", &SearchRequest { query, translation }).await
}

pub async fn get_settings() -> CallResult<Settings> {
    call_plain("get_settings").await
}

pub async fn save_settings(settings: Settings) -> CallResult<Settings> {
    call_with("save_settings", &settings).await
}

pub async fn save_position(position: Position) -> CallResult<()> {
    call_with("save_position", &SavePositionRequest { position }).await
}

pub async fn bookmarks() -> CallResult<Vec<Bookmark>> {
    call_plain("bookmarks").await
}

pub async fn add_bookmark(
    reference: companion_core::AyahRef,
    note: Option<String>,
) -> CallResult<Bookmark> {
    call_with("add_bookmark", &AddBookmarkRequest { reference, note }).await
}

pub async fn delete_bookmark(id: i64) -> CallResult<()> {
    call_with("delete_bookmark", &DeleteBookmarkRequest { id }).await
}

pub async fn reciters() -> CallResult<Vec<ReciterInfo>> {
    call_plain("reciters").await
}

pub async fn audio_play(
    start: companion_core::AyahRef,
    end: companion_core::AyahRef,
) -> CallResult<()> {
    call_with("audio_play", &PlayAudioRequest { start, end }).await
}

/// `audio_pause`, `audio_resume`, `audio_stop`, `audio_next` or
/// `audio_previous`.
pub async fn audio_control(command: &str) -> CallResult<()> {
    call_plain(command).await
}

pub async fn audio_status() -> CallResult<AudioStatus> {
    call_plain("audio_status").await
}

pub async fn downloads() -> CallResult<Vec<DownloadProgress>> {
    call_plain("downloads").await
}

pub async fn download_start(reciter: String, scope: DownloadScope) -> CallResult<DownloadProgress> {
    call_with("download_start", &DownloadRequest { reciter, scope }).await
}

/// `download_pause`, `download_resume` or `download_cancel`.
pub async fn download_control(command: &str, id: String) -> CallResult<()> {
    call_with(command, &DownloadId { id }).await
}

pub async fn delete_reciter_audio(reciter: String) -> CallResult<()> {
    call_with("delete_reciter_audio", &ReciterId { reciter }).await
}
