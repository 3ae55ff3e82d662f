//! Playback without a sound card: the engine plays into the null clock,
//! which keeps every sample, and the files come from a local server.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use companion_audio::cache::Cache;
use companion_audio::fetch::{FetchConfig, Fetcher};
use companion_audio::player::{Engine, Event, Gap, Output, PlayRequest, PlaybackState};
use companion_core::AyahRef;
use rodio::Source;

fn ayah(s: u16, a: u16) -> AyahRef {
    AyahRef::new(s, a).unwrap()
}

/// The samples rodio's decoder gives for the fixture an ayah is served.
fn decoded(a: AyahRef) -> Vec<f32> {
    let name = common::fixture_for(&format!("{:03}{:03}.mp3", a.surah(), a.ayah()));
    let bytes = common::fixture(name);
    let decoder = rodio::Decoder::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(decoder.channels().get(), 1);
    decoder.collect()
}

struct Rig {
    engine: Engine,
    events: Arc<Mutex<Vec<Event>>>,
    samples: Arc<Mutex<Vec<f32>>>,
    _server: common::Running,
    _dir: tempfile::TempDir,
}

async fn rig(speedup: f32) -> Rig {
    let server = common::start().await;
    let dir = tempfile::tempdir().unwrap();
    let fetcher = Fetcher::new(
        Cache::new(dir.path()),
        FetchConfig::new(vec![server.url("good")]),
    );
    let events = Arc::new(Mutex::new(Vec::new()));
    let samples = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let engine = Engine::start(
        Output::Null {
            speedup,
            capture: Some(samples.clone()),
        },
        fetcher,
        tokio::runtime::Handle::current(),
        Box::new(move |event| seen.lock().unwrap().push(event)),
    );
    Rig {
        engine,
        events,
        samples,
        _server: server,
        _dir: dir,
    }
}

impl Rig {
    /// Waits for an event (at most 20 s).
    async fn wait_for(&self, wanted: impl Fn(&Event) -> bool) -> Vec<Event> {
        self.wait_until(|events| events.iter().any(&wanted)).await
    }

    /// Waits until the events so far satisfy `done` (at most 20 s).
    async fn wait_until(&self, done: impl Fn(&[Event]) -> bool) -> Vec<Event> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let events = self.events.lock().unwrap().clone();
            if done(&events) {
                return events;
            }
            assert!(Instant::now() < deadline, "timed out; events: {events:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// How many non-silent samples the output has consumed.
    fn sounding(&self) -> usize {
        self.samples
            .lock()
            .unwrap()
            .iter()
            .filter(|s| **s != 0.0)
            .count()
    }

    /// What the output consumed, without the silence before and after.
    fn heard(&self) -> Vec<f32> {
        trim(&self.samples.lock().unwrap())
    }
}

fn trim(samples: &[f32]) -> Vec<f32> {
    let first = samples
        .iter()
        .position(|s| *s != 0.0)
        .unwrap_or(samples.len());
    let last = samples
        .iter()
        .rposition(|s| *s != 0.0)
        .map_or(first, |i| i + 1);
    samples[first..last].to_vec()
}

fn request(start: AyahRef, end: AyahRef) -> PlayRequest {
    PlayRequest {
        reciter: "alafasy".into(),
        start,
        end,
        repeat_each: 1,
        repeat_range: 1,
        gap: Gap::None,
        speed: 1.0,
        continue_next_surah: false,
    }
}

fn playing(events: &[Event]) -> Vec<(AyahRef, u32, u32)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Playing {
                ayah,
                repetition,
                round,
            } => Some((*ayah, *repetition, *round)),
            _ => None,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_streamed_ayahs_play_back_to_back_without_a_gap_or_an_overlap() {
    let rig = rig(2.0).await;
    rig.engine.play(request(ayah(1, 1), ayah(1, 3))).unwrap();
    let events = rig.wait_for(|e| *e == Event::Finished).await;
    assert_eq!(
        playing(&events),
        [(ayah(1, 1), 1, 1), (ayah(1, 2), 1, 1), (ayah(1, 3), 1, 1)]
    );
    assert!(matches!(events[0], Event::Buffering { .. }), "{events:?}");
    let mut expected = Vec::new();
    for a in [ayah(1, 1), ayah(1, 2), ayah(1, 3)] {
        expected.extend(decoded(a));
    }
    let heard = rig.heard();
    assert_eq!(heard.len(), trim(&expected).len(), "sample count");
    assert!(heard == trim(&expected), "sample for sample");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_ayah_heard_to_its_end_is_reported_recited_in_order() {
    let rig = rig(2.0).await;
    rig.engine.play(request(ayah(1, 1), ayah(1, 3))).unwrap();
    let events = rig.wait_for(|e| *e == Event::Finished).await;
    let recited: Vec<AyahRef> = events
        .iter()
        .filter_map(|e| match e {
            Event::Recited { ayah } => Some(*ayah),
            _ => None,
        })
        .collect();
    assert_eq!(recited, [ayah(1, 1), ayah(1, 2), ayah(1, 3)], "{events:?}");
    let last_recited = events
        .iter()
        .rposition(|e| matches!(e, Event::Recited { .. }));
    let finished = events.iter().position(|e| *e == Event::Finished);
    assert!(
        last_recited < finished,
        "the last ayah ends before the recitation does"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeats_and_pauses_are_obeyed_to_the_sample() {
    let rig = rig(2.0).await;
    let mut asked = request(ayah(1, 1), ayah(1, 2));
    asked.repeat_each = 2;
    asked.repeat_range = 2;
    asked.gap = Gap::Seconds { seconds: 0.05 };
    rig.engine.play(asked).unwrap();
    let events = rig.wait_for(|e| *e == Event::Finished).await;
    let (a, b) = (ayah(1, 1), ayah(1, 2));
    assert_eq!(
        playing(&events),
        [
            (a, 1, 1),
            (a, 2, 1),
            (b, 1, 1),
            (b, 2, 1),
            (a, 1, 2),
            (a, 2, 2),
            (b, 1, 2),
            (b, 2, 2)
        ]
    );
    let pause = vec![0.0f32; 2205]; // 0.05 s at 44.1 kHz, mono
    let mut expected = Vec::new();
    for (n, which) in [a, a, b, b, a, a, b, b].into_iter().enumerate() {
        if n > 0 {
            expected.extend(&pause);
        }
        expected.extend(decoded(which));
    }
    assert!(
        rig.heard() == trim(&expected),
        "repeats and pauses, sample for sample"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pause_resume_next_previous_and_stop() {
    let rig = rig(1.0).await;
    let mut asked = request(ayah(2, 1), ayah(2, 5));
    asked.repeat_each = 3;
    rig.engine.play(asked).unwrap();
    rig.wait_for(|e| matches!(e, Event::Playing { .. })).await;
    rig.engine.next();
    rig.wait_for(|e| matches!(e, Event::Playing { ayah: a, .. } if *a == ayah(2, 2)))
        .await;
    rig.engine.pause();
    rig.wait_for(|e| *e == Event::Paused).await;
    assert_eq!(rig.engine.status().state, PlaybackState::Paused);
    // rodio applies controls every 5 ms on its own thread.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let before = rig.sounding();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let after = rig.sounding();
    assert_eq!(before, after, "nothing is heard while paused");
    rig.engine.resume();
    rig.engine.previous();
    // Back to the first repetition of 2:1, heard a second time.
    let again = |events: &[Event]| {
        playing(events)
            .iter()
            .filter(|p| p.0 == ayah(2, 1) && p.1 == 1)
            .count()
            == 2
    };
    rig.wait_until(again).await;
    rig.engine.stop();
    rig.wait_for(|e| *e == Event::Stopped).await;
    assert_eq!(rig.engine.status().state, PlaybackState::Idle);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_cannot_be_fetched_is_a_clear_error_and_bad_requests_are_refused() {
    let server = common::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = FetchConfig::new(vec![server.url("missing")]);
    config.attempts = 1;
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let engine = Engine::start(
        Output::Null {
            speedup: 4.0,
            capture: None,
        },
        Fetcher::new(Cache::new(dir.path()), config),
        tokio::runtime::Handle::current(),
        Box::new(move |event| seen.lock().unwrap().push(event)),
    );
    engine.play(request(ayah(1, 1), ayah(1, 2))).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let got = events.lock().unwrap().clone();
        if let Some(Event::Error { code, message }) =
            got.iter().find(|e| matches!(e, Event::Error { .. }))
        {
            assert_eq!(code, "not_found");
            assert!(message.contains("1:1"), "{message}");
            break;
        }
        assert!(Instant::now() < deadline, "{got:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut bad = request(ayah(1, 3), ayah(1, 1));
    assert_eq!(
        engine.play(bad.clone()).unwrap_err().code(),
        "invalid_request"
    );
    bad = request(ayah(1, 1), ayah(1, 1));
    bad.speed = 3.0;
    assert!(engine.play(bad.clone()).is_err());
    bad.speed = 1.0;
    bad.repeat_each = 0;
    assert!(engine.play(bad.clone()).is_err());
    bad.repeat_each = 1;
    bad.reciter = "nobody".into();
    assert_eq!(engine.play(bad).unwrap_err().code(), "unknown_reciter");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn continuing_into_the_next_surah_goes_on_without_a_gap() {
    let rig = rig(3.0).await;
    let mut asked = request(ayah(113, 5), ayah(113, 5));
    asked.continue_next_surah = true;
    rig.engine.play(asked).unwrap();
    let events = rig.wait_for(|e| *e == Event::Finished).await;
    let heard: Vec<AyahRef> = playing(&events).into_iter().map(|p| p.0).collect();
    let mut wanted = vec![ayah(113, 5)];
    wanted.extend((1..=6).map(|a| ayah(114, a)));
    assert_eq!(heard, wanted, "113:5, then all of An-Nas, then the end");
    let mut expected = Vec::new();
    for a in wanted {
        expected.extend(decoded(a));
    }
    assert!(
        rig.heard() == trim(&expected),
        "sample for sample across the surahs"
    );
}
