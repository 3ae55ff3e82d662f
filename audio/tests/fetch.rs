//! Fetching over real HTTP on loopback, with faults.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use companion_audio::cache::Cache;
use companion_audio::fetch::{FetchConfig, Fetcher};
use companion_core::AyahRef;

fn fetcher(dir: &std::path::Path, bases: Vec<String>) -> Fetcher {
    let mut config = FetchConfig::new(bases);
    config.attempts = 2;
    config.backoff = Duration::from_millis(20);
    config.read_timeout = Duration::from_millis(800);
    Fetcher::new(Cache::new(dir), config)
}

fn alafasy() -> &'static quran_data::Reciter {
    quran_data::reciter("alafasy").unwrap()
}

fn ayah(s: u16, a: u16) -> AyahRef {
    AyahRef::new(s, a).unwrap()
}

#[tokio::test]
async fn a_good_server_fills_the_cache_and_counts_bytes() {
    let server = common::start().await;
    let dir = tempfile::tempdir().unwrap();
    let fetcher = fetcher(dir.path(), vec![server.url("good")]);
    let bytes = AtomicU64::new(0);
    let path = fetcher
        .ensure(alafasy(), ayah(1, 2), &|n| {
            bytes.fetch_add(n, Ordering::Relaxed);
        })
        .await
        .unwrap();
    let expected = common::fixture(common::fixture_for("001002.mp3"));
    assert_eq!(std::fs::read(&path).unwrap(), expected);
    assert_eq!(bytes.load(Ordering::Relaxed), expected.len() as u64);
    assert!(path.ends_with("alafasy/001002.mp3"));
    // Cached: no second request.
    fetcher
        .ensure(alafasy(), ayah(1, 2), &|_| {})
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_missing_or_failing_server_falls_back_to_the_mirror() {
    let server = common::start().await;
    for first in ["missing", "broken", "html", "slow", "short"] {
        let dir = tempfile::tempdir().unwrap();
        let fetcher = fetcher(dir.path(), vec![server.url(first), server.url("good")]);
        let path = fetcher.ensure(alafasy(), ayah(2, 255), &|_| {}).await;
        assert!(path.is_ok(), "{first}: {path:?}");
    }
}

#[tokio::test]
async fn bad_answers_are_refused_with_clear_errors_and_leave_nothing_behind() {
    let server = common::start().await;
    for (mode, code) in [
        ("missing", "not_found"),
        ("broken", "server_error"),
        ("html", "not_audio"),
        ("short", "not_audio"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let fetcher = fetcher(dir.path(), vec![server.url(mode)]);
        let error = fetcher
            .ensure(alafasy(), ayah(1, 1), &|_| {})
            .await
            .unwrap_err();
        assert_eq!(error.code(), code, "{mode}: {error}");
        let cache = Cache::new(dir.path());
        assert!(!cache.has(alafasy(), ayah(1, 1)), "{mode}");
        assert!(
            !cache.part(alafasy(), ayah(1, 1)).exists(),
            "{mode}: no half file"
        );
    }
    // Retries: a 500 is asked again (two rounds); a 404 is not.
    let log = server.requests();
    let count = |mode: &str| log.iter().filter(|r| r.starts_with(mode)).count();
    assert_eq!(count("broken"), 2);
    assert_eq!(count("missing"), 1);
}

#[tokio::test]
async fn a_connection_cut_halfway_resumes_with_a_range_request() {
    let server = common::start().await;
    let dir = tempfile::tempdir().unwrap();
    let fetcher = fetcher(dir.path(), vec![server.url("cut")]);
    let path = fetcher
        .ensure(alafasy(), ayah(1, 3), &|_| {})
        .await
        .unwrap();
    let expected = common::fixture(common::fixture_for("001003.mp3"));
    assert_eq!(std::fs::read(path).unwrap(), expected, "byte for byte");
    let log = server.requests();
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log[0].ends_with("001003.mp3 "), "{log:?}");
    assert_eq!(
        log[1],
        format!("cut 001003.mp3 bytes={}-", expected.len() / 2)
    );
}

#[tokio::test]
async fn a_full_disk_is_a_clear_error() {
    let server = common::start().await;
    let dir = tempfile::tempdir().unwrap();
    let fetcher = fetcher(dir.path(), vec![server.url("good")]);
    let cache = Cache::new(dir.path());
    std::fs::create_dir_all(cache.folder(alafasy())).unwrap();
    // Every write to /dev/full fails with "no space left on device".
    std::os::unix::fs::symlink("/dev/full", cache.part(alafasy(), ayah(1, 4))).unwrap();
    let error = fetcher
        .ensure(alafasy(), ayah(1, 4), &|_| {})
        .await
        .unwrap_err();
    assert_eq!(error.code(), "disk");
    assert!(error.to_string().contains("Free some space"), "{error}");
}

#[tokio::test]
async fn without_a_network_the_message_says_how_to_listen_offline() {
    // A port nothing listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let dir = tempfile::tempdir().unwrap();
    let fetcher = fetcher(dir.path(), vec![base]);
    let error = fetcher
        .ensure(alafasy(), ayah(1, 1), &|_| {})
        .await
        .unwrap_err();
    assert_eq!(error.code(), "offline");
    assert!(error.to_string().contains("download the surah"), "{error}");
}
