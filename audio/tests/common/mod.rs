//! A local audio server on loopback with faults on purpose. Each first
//! path segment picks a behaviour; files are the generated fixtures,
//! served for every ayah (`{mode}/{reciter dir}/{SSSAAA}.mp3`).
//!
//! - `good`: the file, with Range support (206 + Content-Range).
//! - `missing`: 404. `broken`: 500. `html`: a 200 web page.
//! - `cut`: the first request for each file sends half the body and drops
//!   the connection; later ones behave like `good`.
//! - `slow`: waits 3 s before answering.
//! - `short`: a whole response holding only half the file.

#![allow(clippy::unwrap_used, dead_code)]

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The fixtures, by name.
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Which fixture an ayah gets: they rotate, so neighbours differ.
pub fn fixture_for(file: &str) -> &'static str {
    let n: u32 = file.trim_end_matches(".mp3").parse().unwrap_or(0);
    ["a.mp3", "b.mp3", "c.mp3"][(n % 3) as usize]
}

#[derive(Debug, Default)]
pub struct Log {
    /// `mode file range` of every request.
    pub requests: Vec<String>,
    cut_once: HashSet<String>,
}

#[derive(Clone, Default)]
pub struct Server {
    pub log: Arc<Mutex<Log>>,
}

pub struct Running {
    pub base: String,
    pub log: Arc<Mutex<Log>>,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl Running {
    /// The base URL of one behaviour.
    pub fn url(&self, mode: &str) -> String {
        format!("{}/{mode}", self.base)
    }

    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().requests.clone()
    }
}

pub async fn start() -> Running {
    let server = Server::default();
    let log = server.log.clone();
    // A test double of a third-party audio host, not part of our API.
    #[allow(clippy::disallowed_methods)]
    let app = Router::new()
        .route("/{mode}/{dir}/{file}", get(serve))
        .with_state(server);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await
            .unwrap();
    });
    Running {
        base,
        log,
        _shutdown: tx,
    }
}

fn mp3(status: StatusCode, body: Vec<u8>, extra: &[(header::HeaderName, String)]) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, "audio/mpeg".parse().unwrap());
    for (name, value) in extra {
        response
            .headers_mut()
            .insert(name.clone(), value.parse().unwrap());
    }
    response
}

async fn serve(
    State(server): State<Server>,
    Path((mode, _dir, file)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Response {
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let first_cut = {
        let mut log = server.log.lock().unwrap();
        log.requests.push(format!("{mode} {file} {range}"));
        mode == "cut" && log.cut_once.insert(file.clone())
    };
    let bytes = fixture(fixture_for(&file));
    match mode.as_str() {
        "missing" => StatusCode::NOT_FOUND.into_response(),
        "broken" => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        "html" => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!DOCTYPE html><html><body>Please log in</body></html>",
        )
            .into_response(),
        "short" => mp3(StatusCode::OK, bytes[..bytes.len() / 2].to_vec(), &[]),
        "slow" => {
            tokio::time::sleep(std::time::Duration::from_secs(3)).await;
            mp3(StatusCode::OK, bytes, &[])
        }
        "cut" if first_cut => {
            // Promise the whole file, send half, then fail the stream: the
            // connection drops mid-body.
            let half = bytes[..bytes.len() / 2].to_vec();
            let total = bytes.len();
            let stream = futures_util::stream::unfold(Some(half), |half| async move {
                match half {
                    Some(half) => Some((Ok(axum::body::Bytes::from(half)), None)),
                    None => {
                        // Let the first half reach the client, then drop.
                        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
                        Some((Err(std::io::Error::other("cut")), None))
                    }
                }
            });
            let mut response = Response::new(Body::from_stream(stream));
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, total.to_string().parse().unwrap());
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, "audio/mpeg".parse().unwrap());
            response
        }
        _ => {
            let start = range
                .strip_prefix("bytes=")
                .and_then(|r| r.strip_suffix('-'))
                .and_then(|n| n.parse::<usize>().ok());
            match start {
                Some(start) if start < bytes.len() => mp3(
                    StatusCode::PARTIAL_CONTENT,
                    bytes[start..].to_vec(),
                    &[(
                        header::CONTENT_RANGE,
                        format!("bytes {start}-{}/{}", bytes.len() - 1, bytes.len()),
                    )],
                ),
                Some(_) => StatusCode::RANGE_NOT_SATISFIABLE.into_response(),
                None => mp3(StatusCode::OK, bytes, &[]),
            }
        }
    }
}
