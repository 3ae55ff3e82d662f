//! Downloads over real HTTP on loopback.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use companion_audio::cache::Cache;
use companion_audio::downloads::{Downloads, Progress, Scope, State};
use companion_audio::fetch::{FetchConfig, Fetcher};

struct Rig {
    downloads: Downloads,
    seen: Arc<Mutex<Vec<Progress>>>,
}

fn rig(dir: &std::path::Path, base: String) -> Rig {
    let mut config = FetchConfig::new(vec![base]);
    config.attempts = 1;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let downloads = Downloads::new(
        Fetcher::new(Cache::new(dir), config),
        tokio::runtime::Handle::current(),
        Box::new(move |p| log.lock().unwrap().push(p)),
    );
    Rig { downloads, seen }
}

impl Rig {
    async fn until(&self, id: &str, state: State) -> Progress {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(p) = self.downloads.list().into_iter().find(|p| p.id == id) {
                if p.state == state {
                    return p;
                }
            }
            assert!(Instant::now() < deadline, "{:?}", self.downloads.list());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

fn alafasy() -> &'static quran_data::Reciter {
    quran_data::reciter("alafasy").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_surah_downloads_with_progress_in_files_and_bytes() {
    let server = common::start().await;
    let dir = tempfile::tempdir().unwrap();
    let rig = rig(dir.path(), server.url("good"));
    rig.downloads
        .start("alafasy", Scope::Surah { surah: 1 })
        .unwrap();
    let done = rig.until("alafasy/1", State::Done).await;
    assert_eq!((done.files_done, done.files_total), (7, 7));
    let expected: u64 = (1..=7)
        .map(|a| common::fixture(common::fixture_for(&format!("001{a:03}.mp3"))).len() as u64)
        .sum();
    assert_eq!(done.bytes, expected);
    let usage = Cache::new(dir.path()).usage(alafasy());
    assert_eq!((usage.files, usage.bytes), (7, expected));
    assert!(rig.seen.lock().unwrap().len() >= 2, "progress was reported");
    // At most four files were asked for at a time, none twice.
    assert_eq!(server.requests().len(), 7);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pause_resume_and_cancel() {
    let server = common::start().await;
    let dir = tempfile::tempdir().unwrap();
    let rig = rig(dir.path(), server.url("good"));
    rig.downloads
        .start("alafasy", Scope::Surah { surah: 2 })
        .unwrap();
    rig.downloads.pause("alafasy/2").unwrap();
    let paused = rig.until("alafasy/2", State::Paused).await;
    assert!(paused.files_done < 286, "{paused:?}");
    // The list on disk follows the state (written just after it changes).
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let saved = std::fs::read_to_string(dir.path().join("downloads.json")).unwrap_or_default();
        if saved.contains("paused") {
            break;
        }
        assert!(Instant::now() < deadline, "{saved}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    rig.downloads.resume("alafasy/2").unwrap();
    let done = rig.until("alafasy/2", State::Done).await;
    assert_eq!(done.files_done, 286);
    assert_eq!(Cache::new(dir.path()).usage(alafasy()).files, 286);

    rig.downloads
        .start("alafasy", Scope::Surah { surah: 3 })
        .unwrap();
    rig.downloads.cancel("alafasy/3").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while rig.downloads.list().iter().any(|p| p.id == "alafasy/3") {
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(Cache::new(dir.path()).usage(alafasy()).files < 286 + 200);
    // Deleting a reciter frees the space.
    Cache::new(dir.path()).delete(alafasy()).unwrap();
    assert_eq!(Cache::new(dir.path()).usage(alafasy()).files, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_interrupted_by_a_crash_goes_on_after_a_restart() {
    let server = common::start().await;
    let dir = tempfile::tempdir().unwrap();
    // What a crashed app leaves: the job marked running, and half a file.
    std::fs::write(
        dir.path().join("downloads.json"),
        r#"[{"reciter":"alafasy","scope":{"kind":"surah","surah":112},"state":"running"}]"#,
    )
    .unwrap();
    let cache = Cache::new(dir.path());
    std::fs::create_dir_all(cache.folder(alafasy())).unwrap();
    let first = common::fixture(common::fixture_for("112001.mp3"));
    let ayah = companion_core::AyahRef::new(112, 1).unwrap();
    std::fs::write(cache.part(alafasy(), ayah), &first[..1000]).unwrap();

    let rig = rig(dir.path(), server.url("good"));
    rig.downloads.restore();
    let done = rig.until("alafasy/112", State::Done).await;
    assert_eq!(done.files_done, 4);
    assert_eq!(std::fs::read(cache.file(alafasy(), ayah)).unwrap(), first);
    assert!(
        server
            .requests()
            .iter()
            .any(|r| r.ends_with("112001.mp3 bytes=1000-")),
        "the half file was resumed: {:?}",
        server.requests()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_that_cannot_finish_says_why() {
    let server = common::start().await;
    let dir = tempfile::tempdir().unwrap();
    let rig = rig(dir.path(), server.url("html"));
    rig.downloads
        .start("alafasy", Scope::Surah { surah: 108 })
        .unwrap();
    let failed = rig.until("alafasy/108", State::Failed).await;
    let message = failed.message.unwrap();
    assert!(
        message.contains("3 file(s)") && message.contains("not audio"),
        "{message}"
    );
    assert!(rig.downloads.start("nobody", Scope::All).is_err());
    assert!(rig
        .downloads
        .start("alafasy", Scope::Surah { surah: 115 })
        .is_err());
}
