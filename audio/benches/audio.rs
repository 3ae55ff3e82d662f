//! `cargo xtask bench audio`: decode speed, time from play to sound on a
//! cached ayah, and download throughput from a local server. Writes
//! `$BENCH_OUT_DIR/audio.json`. Needs `lame` (installed by xtask) to make
//! the one-minute MP3.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use companion_audio::cache::Cache;
use companion_audio::downloads::{Downloads, Scope, State};
use companion_audio::fetch::{FetchConfig, Fetcher};
use companion_audio::player::{Engine, Event, Gap, Output, PlayRequest};
use companion_core::AyahRef;

/// A one-minute mono 44.1 kHz 128 kbit/s MP3 made by LAME.
fn one_minute_mp3(dir: &std::path::Path) -> Vec<u8> {
    let raw = dir.join("minute.raw");
    let mp3 = dir.join("minute.mp3");
    let frames = 44_100 * 60;
    let mut pcm = Vec::with_capacity(frames * 2);
    for i in 0..frames {
        let t = i as f64 / 44_100.0;
        let v = 0.3 * (2.0 * std::f64::consts::PI * 220.0 * t).sin()
            + 0.2 * (2.0 * std::f64::consts::PI * 330.0 * t * (1.0 + t / 120.0)).sin();
        pcm.extend_from_slice(&((v * 32_767.0) as i16).to_le_bytes());
    }
    std::fs::write(&raw, pcm).unwrap();
    let status = Command::new("lame")
        .args([
            "--quiet",
            "-r",
            "--little-endian",
            "--signed",
            "--bitwidth",
            "16",
            "-s",
            "44.1",
            "-m",
            "m",
            "-b",
            "128",
        ])
        .arg(&raw)
        .arg(&mp3)
        .status()
        .expect("lame is installed (cargo xtask install)");
    assert!(status.success());
    std::fs::read(mp3).unwrap()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();

    // 1. Decode speed: a one-minute MP3, decoded to samples five times.
    let minute = one_minute_mp3(dir.path());
    let mut decode_ms = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let decoder = rodio::Decoder::new(std::io::Cursor::new(minute.clone())).unwrap();
        let samples = decoder.count();
        decode_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(samples, 44_100 * 60, "gapless: exactly a minute of samples");
    }
    let decode = median(decode_ms);
    let realtime = 60_000.0 / decode;

    // 2. Play to first sound on a cached ayah.
    let server = runtime.block_on(common::start());
    let cache = Cache::new(dir.path().join("cache"));
    let fetcher = Fetcher::new(cache.clone(), FetchConfig::new(vec![server.url("good")]));
    let alafasy = quran_data::reciter("alafasy").unwrap();
    for ayah in 1..=7 {
        let a = AyahRef::new(1, ayah).unwrap();
        runtime
            .block_on(fetcher.ensure(alafasy, a, &|_| {}))
            .unwrap();
    }
    let (tx, rx) = std::sync::mpsc::channel::<(Instant, Event)>();
    let tx = Mutex::new(tx);
    let engine = Engine::start(
        Output::Null {
            speedup: 1.0,
            capture: None,
        },
        fetcher.clone(),
        runtime.handle().clone(),
        Box::new(move |event| {
            let _ = tx.lock().unwrap().send((Instant::now(), event));
        }),
    );
    let mut to_sound = Vec::new();
    for round in 0..20 {
        let a = AyahRef::new(1, 1 + round % 7).unwrap();
        let pressed = Instant::now();
        engine
            .play(PlayRequest {
                reciter: "alafasy".into(),
                start: a,
                end: a,
                repeat_each: 1,
                repeat_range: 1,
                gap: Gap::None,
                speed: 1.0,
                continue_next_surah: false,
            })
            .unwrap();
        loop {
            let (at, event) = rx.recv_timeout(Duration::from_secs(5)).unwrap();
            if matches!(event, Event::Playing { .. }) {
                to_sound.push((at - pressed).as_secs_f64() * 1000.0);
                break;
            }
        }
        engine.stop();
        while let Ok((_, event)) = rx.recv_timeout(Duration::from_secs(5)) {
            if event == Event::Stopped {
                break;
            }
        }
    }
    let play_median = median(to_sound.clone());
    let play_max = to_sound.iter().copied().fold(0.0, f64::max);

    // 3. Download throughput: al-Baqarah (286 files) from the local server.
    let progress = Arc::new(Mutex::new(None));
    let seen = progress.clone();
    let fresh = Fetcher::new(
        Cache::new(dir.path().join("downloads")),
        FetchConfig::new(vec![server.url("good")]),
    );
    let downloads = Downloads::new(
        fresh,
        runtime.handle().clone(),
        Box::new(move |p| *seen.lock().unwrap() = Some(p)),
    );
    let started = Instant::now();
    runtime.block_on(async {
        downloads
            .start("alafasy", Scope::Surah { surah: 2 })
            .unwrap();
        loop {
            let done = downloads
                .list()
                .into_iter()
                .find(|p| p.state == State::Done);
            if let Some(done) = done {
                return done;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    let last = progress.lock().unwrap().clone().unwrap();
    let files_per_second = last.files_done as f64 / seconds;
    let megabytes_per_second = last.bytes as f64 / 1_000_000.0 / seconds;

    println!("decode a 1-minute MP3: {decode:.1} ms median ({realtime:.0}× real time)");
    println!("play to first sample, cached ayah: median {play_median:.1} ms, max {play_max:.1} ms (target < 50 ms)");
    println!(
        "download al-Baqarah (286 files, {:.1} MB) from loopback: {seconds:.2} s, {files_per_second:.0} files/s, {megabytes_per_second:.1} MB/s",
        last.bytes as f64 / 1e6
    );
    let report = serde_json::json!({
        "machine": { "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0) },
        "decode_one_minute_mp3": { "median_ms": decode, "times_real_time": realtime },
        "play_to_first_sample_cached": {
            "median_ms": play_median, "max_ms": play_max, "runs": to_sound.len(),
            "target_ms": 50, "met": play_max < 50.0,
            "note": "from Engine::play to the first sample pulled by the output (null clock, 10 ms ticks)"
        },
        "download_surah_2_loopback": {
            "files": last.files_done, "bytes": last.bytes, "seconds": seconds,
            "files_per_second": files_per_second, "megabytes_per_second": megabytes_per_second,
            "concurrency": companion_audio::downloads::CONCURRENCY
        }
    });
    let out = std::env::var_os("BENCH_OUT_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("bench-results"));
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("audio.json"),
        serde_json::to_vec_pretty(&report).unwrap(),
    )
    .unwrap();
}
