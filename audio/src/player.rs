//! Gapless verse-by-verse playback.
//!
//! One engine thread owns a rodio [`Player`] and a plan (every ayah to hear,
//! with its repetitions, in order). It keeps up to [`LOOKAHEAD`] ayahs
//! decoded and queued ahead of the one being heard, so the next ayah is in
//! the queue before the current one ends and rodio moves from one to the
//! next without a single sample between them. symphonia trims each MP3's
//! encoder delay and padding (LAME/Xing gapless info), so what is queued is
//! exactly the recitation. A pause between ayahs, when asked for, is an
//! exact number of silent samples.
//!
//! A file that is not cached is fetched (streaming) while the queue plays;
//! the next few are fetched ahead. The UI sends commands and hears
//! [`Event`]s; it never touches audio.
//!
//! Output: the default device (opened when playback starts, so a device
//! that appears later is found on the next press of play), or
//! [`Output::Null`], a clock that consumes samples at real-time pace for
//! machines without a sound card and for tests, optionally keeping every
//! sample it consumed.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use companion_core::wire::{AudioEvent as Event, Gap};
use companion_core::AyahRef;
use rodio::source::Zero;
use rodio::{Decoder, Player, Source};
use serde::{Deserialize, Serialize};

use crate::fetch::Fetcher;
use crate::{Error, Result};

/// Ayahs kept decoded and queued ahead of the one being heard.
pub const LOOKAHEAD: usize = 2;
/// Ayahs fetched ahead of the queue when they are not cached.
pub const PREFETCH: usize = 3;
/// Most repetitions of one ayah, and of the whole range.
pub const MAX_REPEAT: u32 = 20;

/// What to play.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlayRequest {
    pub reciter: String,
    pub start: AyahRef,
    pub end: AyahRef,
    /// Times each ayah is heard (1 to 20).
    #[serde(default = "one")]
    pub repeat_each: u32,
    /// Times the whole range is heard (1 to 20).
    #[serde(default = "one")]
    pub repeat_range: u32,
    #[serde(default)]
    pub gap: Gap,
    /// Playback speed, 0.5 to 2.
    #[serde(default = "normal_speed")]
    pub speed: f32,
    /// Go on into the next surah after the range.
    #[serde(default)]
    pub continue_next_surah: bool,
}

fn one() -> u32 {
    1
}

fn normal_speed() -> f32 {
    1.0
}

impl PlayRequest {
    /// Checks the request; every limit gets a sentence.
    pub fn check(&self) -> Result<&'static quran_data::Reciter> {
        let reciter = crate::reciter(&self.reciter)?;
        if self.end < self.start {
            return Err(Error::InvalidRequest(
                "The range ends before it starts.".into(),
            ));
        }
        for (what, n) in [
            ("each ayah", self.repeat_each),
            ("the range", self.repeat_range),
        ] {
            if !(1..=MAX_REPEAT).contains(&n) {
                return Err(Error::InvalidRequest(format!(
                    "Repeat {what} 1 to {MAX_REPEAT} times."
                )));
            }
        }
        if !(0.5..=2.0).contains(&self.speed) {
            return Err(Error::InvalidRequest("Speed is from 0.5× to 2×.".into()));
        }
        let gap_ok = match self.gap {
            Gap::None => true,
            Gap::Seconds { seconds } => (0.0..=60.0).contains(&seconds),
            Gap::Multiple { factor } => (0.0..=5.0).contains(&factor),
        };
        if !gap_ok {
            return Err(Error::InvalidRequest(
                "A pause is 0 to 60 seconds, or 0 to 5 times the ayah.".into(),
            ));
        }
        Ok(reciter)
    }
}

/// Where samples go.
#[derive(Debug, Clone)]
pub enum Output {
    /// The default audio device.
    Device,
    /// No device: a clock consumes samples at `speedup` × real time and,
    /// if `capture` is set, keeps them.
    Null {
        speedup: f32,
        capture: Option<Arc<Mutex<Vec<f32>>>>,
    },
}

/// The engine's state, for a UI that (re)opens.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Status {
    /// `idle`, `playing`, `paused` or `buffering`.
    pub state: String,
    pub ayah: Option<AyahRef>,
    pub request: Option<PlayRequest>,
}

#[derive(Debug)]
enum Command {
    Play(PlayRequest),
    Pause,
    Resume,
    Stop,
    Next,
    Previous,
    Speed(f32),
}

enum Msg {
    Command(Command),
    /// A queued ayah's first sample was pulled (generation, plan index).
    Started(u64, usize),
    /// A queued ayah's last sample was pulled.
    Finished(u64, usize),
    /// A file the plan waits for arrived (or failed).
    Fetched(u64, usize, Result<std::path::PathBuf>),
}

/// A handle on the engine; cheap to clone, usable from any thread.
#[derive(Clone)]
pub struct Engine {
    commands: Sender<Msg>,
    status: Arc<Mutex<Status>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("status", &self.status())
            .finish()
    }
}

/// Receives every event.
pub type Listener = Box<dyn Fn(Event) + Send>;

impl Engine {
    /// Starts the engine thread. `runtime` runs the fetches.
    pub fn start(
        output: Output,
        fetcher: Fetcher,
        runtime: tokio::runtime::Handle,
        listener: Listener,
    ) -> Engine {
        let (tx, rx) = mpsc::channel();
        let status = Arc::new(Mutex::new(Status {
            state: "idle".into(),
            ..Status::default()
        }));
        let worker = Worker {
            output,
            fetcher,
            runtime,
            listener,
            inbox: tx.clone(),
            status: status.clone(),
            player: None,
            _device: None,
            plan: Vec::new(),
            request: None,
            generation: 0,
            next_to_queue: 0,
            queued: 0,
            waiting_for: None,
            current: None,
            started_at: 0,
            last_frames: 0,
            decoded: None,
        };
        let spawned = std::thread::Builder::new()
            .name("recitation".into())
            .spawn(move || worker.run(rx));
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start the recitation thread");
        }
        Engine {
            commands: tx,
            status,
        }
    }

    fn send(&self, command: Command) {
        let _ = self.commands.send(Msg::Command(command));
    }

    /// Plays a request (checked here; the rest arrives as events).
    pub fn play(&self, request: PlayRequest) -> Result<()> {
        request.check()?;
        self.send(Command::Play(request));
        Ok(())
    }

    pub fn pause(&self) {
        self.send(Command::Pause);
    }

    pub fn resume(&self) {
        self.send(Command::Resume);
    }

    pub fn stop(&self) {
        self.send(Command::Stop);
    }

    /// On to the next ayah (its first repetition).
    pub fn next(&self) {
        self.send(Command::Next);
    }

    /// Back to the previous ayah, or the start of this one.
    pub fn previous(&self) {
        self.send(Command::Previous);
    }

    pub fn set_speed(&self, speed: f32) -> Result<()> {
        if !(0.5..=2.0).contains(&speed) {
            return Err(Error::InvalidRequest("Speed is from 0.5× to 2×.".into()));
        }
        self.send(Command::Speed(speed));
        Ok(())
    }

    pub fn status(&self) -> Status {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

/// One step of the plan: an ayah, its repetition and the round of the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Item {
    ayah: AyahRef,
    repetition: u32,
    round: u32,
}

/// Every item of a range, in order.
fn items(start: AyahRef, end: AyahRef, repeat_each: u32, repeat_range: u32) -> Vec<Item> {
    let ayahs: Vec<AyahRef> = quran_data::quran()
        .range(start, end)
        .iter()
        .map(|a| a.reference)
        .collect();
    let mut plan = Vec::with_capacity(ayahs.len() * (repeat_each * repeat_range) as usize);
    for round in 1..=repeat_range {
        for &ayah in &ayahs {
            for repetition in 1..=repeat_each {
                plan.push(Item {
                    ayah,
                    repetition,
                    round,
                });
            }
        }
    }
    plan
}

/// An ayah in the queue: tells the engine when it starts and ends.
struct AyahSource {
    inner: rodio::buffer::SamplesBuffer,
    started: bool,
    done: bool,
    generation: u64,
    index: usize,
    inbox: Sender<Msg>,
}

impl Iterator for AyahSource {
    type Item = rodio::Sample;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.started {
            self.started = true;
            let _ = self.inbox.send(Msg::Started(self.generation, self.index));
        }
        let sample = self.inner.next();
        if sample.is_none() && !self.done {
            self.done = true;
            let _ = self.inbox.send(Msg::Finished(self.generation, self.index));
        }
        sample
    }
}

impl Source for AyahSource {
    fn current_span_len(&self) -> Option<usize> {
        self.inner.current_span_len()
    }

    fn channels(&self) -> rodio::ChannelCount {
        self.inner.channels()
    }

    fn sample_rate(&self) -> rodio::SampleRate {
        self.inner.sample_rate()
    }

    fn total_duration(&self) -> Option<Duration> {
        self.inner.total_duration()
    }
}

/// A decoded ayah.
#[derive(Clone)]
struct Decoded {
    ayah: AyahRef,
    channels: rodio::ChannelCount,
    sample_rate: rodio::SampleRate,
    /// The samples, shared: a repetition queues the same buffer again.
    buffer: rodio::buffer::SamplesBuffer,
    frames: u64,
}

fn decode(path: &std::path::Path, ayah: AyahRef) -> Result<Decoded> {
    let bad = |reason: String| Error::NotAudio {
        ayah: ayah.to_string(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| bad(e.to_string()))?;
    let decoder = Decoder::try_from(file).map_err(|e| bad(e.to_string()))?;
    let (channels, sample_rate) = (decoder.channels(), decoder.sample_rate());
    let samples: Vec<f32> = decoder.collect();
    let frames = samples.len() as u64 / u64::from(channels.get());
    Ok(Decoded {
        ayah,
        channels,
        sample_rate,
        buffer: rodio::buffer::SamplesBuffer::new(channels, sample_rate, samples),
        frames,
    })
}

struct Worker {
    output: Output,
    fetcher: Fetcher,
    runtime: tokio::runtime::Handle,
    listener: Listener,
    inbox: Sender<Msg>,
    status: Arc<Mutex<Status>>,
    player: Option<Player>,
    /// Keeps the device open while the player plays on it.
    _device: Option<rodio::MixerDeviceSink>,
    plan: Vec<Item>,
    request: Option<PlayRequest>,
    /// Bumped whenever the queue is thrown away, so signals from old
    /// sources are ignored.
    generation: u64,
    next_to_queue: usize,
    /// Ayahs queued and not yet finished.
    queued: usize,
    /// The plan index whose file is being fetched.
    waiting_for: Option<usize>,
    /// The plan index being heard.
    current: Option<usize>,
    /// Where playback (re)started: no pause before it.
    started_at: usize,
    /// Frames of the last ayah queued (for a pause as long as the ayah).
    last_frames: u64,
    /// The last decoded ayah (repetitions reuse it).
    decoded: Option<Decoded>,
}

impl Worker {
    fn run(mut self, inbox: Receiver<Msg>) {
        loop {
            match inbox.recv_timeout(Duration::from_millis(50)) {
                Ok(msg) => self.handle(msg),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            self.fill();
        }
    }

    fn emit(&self, event: Event) {
        (self.listener)(event);
    }

    fn set_status(&self, state: &str) {
        if let Ok(mut status) = self.status.lock() {
            status.state = state.to_owned();
            status.ayah = self.current.and_then(|i| self.plan.get(i)).map(|i| i.ayah);
            status.request = self.request.clone();
        }
    }

    /// The rodio player, opening the output if needed.
    fn player(&mut self) -> Result<&Player> {
        if self.player.is_none() {
            let player = match &self.output {
                Output::Device => {
                    let mut device = rodio::DeviceSinkBuilder::open_default_sink()
                        .map_err(|e| Error::NoDevice(e.to_string()))?;
                    device.log_on_drop(false);
                    let player = Player::connect_new(device.mixer());
                    self._device = Some(device);
                    player
                }
                Output::Null { speedup, capture } => {
                    let (player, output) = Player::new();
                    spawn_null_clock(output, *speedup, capture.clone());
                    player
                }
            };
            self.player = Some(player);
        }
        self.player
            .as_ref()
            .ok_or_else(|| Error::NoDevice("no output".into()))
    }

    fn fail(&mut self, error: &Error) {
        self.emit(Event::Error {
            code: error.code().into(),
            message: error.to_string(),
        });
    }

    /// Throws the queue away (old signals are ignored from now on).
    fn clear_queue(&mut self) {
        self.generation += 1;
        self.queued = 0;
        self.waiting_for = None;
        if let Some(player) = &self.player {
            player.clear();
        }
    }

    /// Starts hearing the plan from `index`.
    fn jump(&mut self, index: usize) {
        self.clear_queue();
        self.next_to_queue = index;
        self.started_at = index;
        self.current = None;
        if let Some(player) = &self.player {
            player.play();
        }
        self.set_status("buffering");
    }

    fn handle(&mut self, msg: Msg) {
        match msg {
            Msg::Command(Command::Play(request)) => {
                if let Err(error) = self.player() {
                    self.fail(&error);
                    return;
                }
                if let Some(player) = &self.player {
                    player.set_speed(request.speed);
                }
                self.plan = items(
                    request.start,
                    request.end,
                    request.repeat_each,
                    request.repeat_range,
                );
                self.request = Some(request);
                self.decoded = None;
                self.jump(0);
            }
            Msg::Command(Command::Pause) => {
                if let Some(player) = &self.player {
                    player.pause();
                    self.set_status("paused");
                    self.emit(Event::Paused);
                }
            }
            Msg::Command(Command::Resume) => {
                if let Some(player) = &self.player {
                    player.play();
                    self.set_status("playing");
                    self.emit(Event::Resumed);
                }
            }
            Msg::Command(Command::Stop) => self.stop(Event::Stopped),
            Msg::Command(Command::Next) => {
                if let Some(at) = self.current.or(self.waiting_for) {
                    let here = self.plan.get(at).map(|i| (i.ayah, i.round));
                    let next = (at + 1..self.plan.len())
                        .find(|&i| self.plan.get(i).map(|i| (i.ayah, i.round)) != here);
                    match next {
                        Some(i) => self.jump(i),
                        None => self.stop(Event::Finished),
                    }
                }
            }
            Msg::Command(Command::Previous) => {
                if let Some(at) = self.current.or(self.waiting_for) {
                    // The first repetition of the ayah before this one.
                    let first_of = |plan: &[Item], mut i: usize| {
                        let key = plan.get(i).map(|x| (x.ayah, x.round));
                        while i > 0 && plan.get(i - 1).map(|x| (x.ayah, x.round)) == key {
                            i -= 1;
                        }
                        i
                    };
                    let start = first_of(&self.plan, at);
                    let target = if start == 0 {
                        0
                    } else {
                        first_of(&self.plan, start - 1)
                    };
                    self.jump(target);
                }
            }
            Msg::Command(Command::Speed(speed)) => {
                if let Some(player) = &self.player {
                    player.set_speed(speed);
                }
                if let Some(request) = &mut self.request {
                    request.speed = speed;
                }
            }
            Msg::Started(generation, index) if generation == self.generation => {
                self.current = Some(index);
                if let Some(item) = self.plan.get(index).copied() {
                    self.set_status("playing");
                    self.emit(Event::Playing {
                        ayah: item.ayah,
                        repetition: item.repetition,
                        round: item.round,
                    });
                }
            }
            Msg::Finished(generation, index) if generation == self.generation => {
                self.queued = self.queued.saturating_sub(1);
                let last = index + 1 >= self.plan.len() && !self.extend_into_next_surah();
                if last && self.queued == 0 && self.waiting_for.is_none() {
                    self.stop(Event::Finished);
                }
            }
            Msg::Fetched(generation, index, result) if generation == self.generation => {
                self.waiting_for = None;
                match result {
                    Ok(path) => self.queue(index, &path),
                    Err(error) => {
                        self.fail(&error);
                        self.stop(Event::Stopped);
                    }
                }
            }
            // Signals from a queue that was thrown away.
            Msg::Started(..) | Msg::Finished(..) | Msg::Fetched(..) => {}
        }
    }

    fn stop(&mut self, event: Event) {
        self.clear_queue();
        self.plan.clear();
        self.current = None;
        self.request = None;
        self.set_status("idle");
        self.emit(event);
    }

    /// With "continue into the next surah", adds it to the plan.
    fn extend_into_next_surah(&mut self) -> bool {
        let Some(request) = &self.request else {
            return false;
        };
        if !request.continue_next_surah {
            return false;
        }
        let Some(last) = self.plan.last() else {
            return false;
        };
        let next = last.ayah.surah() + 1;
        let (Some(first), Some(end)) = (AyahRef::first_of(next), AyahRef::last_of(next)) else {
            return false;
        };
        let more = items(first, end, request.repeat_each, 1);
        self.plan.extend(more);
        true
    }

    /// Keeps the queue [`LOOKAHEAD`] ayahs ahead, fetching what is missing.
    fn fill(&mut self) {
        if self.request.is_none() || self.waiting_for.is_some() || self.queued >= LOOKAHEAD {
            return;
        }
        if self.next_to_queue >= self.plan.len() && !self.extend_into_next_surah() {
            return;
        }
        let index = self.next_to_queue;
        let Some(item) = self.plan.get(index).copied() else {
            return;
        };
        let Some(reciter) = self
            .request
            .as_ref()
            .and_then(|r| quran_data::reciter(&r.reciter))
        else {
            return;
        };
        let cached = self.fetcher.cache().file(reciter, item.ayah);
        if cached.is_file() {
            self.queue(index, &cached);
            return;
        }
        if self.queued == 0 {
            self.set_status("buffering");
            self.emit(Event::Buffering { ayah: item.ayah });
        }
        self.waiting_for = Some(index);
        let (fetcher, inbox, generation) =
            (self.fetcher.clone(), self.inbox.clone(), self.generation);
        self.runtime.spawn(async move {
            let result = fetcher.ensure(reciter, item.ayah, &|_| {}).await;
            let _ = inbox.send(Msg::Fetched(generation, index, result));
        });
    }

    /// Decodes the plan's `index` and appends it (after its pause).
    fn queue(&mut self, index: usize, path: &std::path::Path) {
        let Some(item) = self.plan.get(index).copied() else {
            return;
        };
        let decoded = match &self.decoded {
            Some(d) if d.ayah == item.ayah => Ok(d.clone()),
            _ => decode(path, item.ayah),
        };
        let decoded = match decoded {
            Ok(decoded) => decoded,
            Err(error) => {
                // A damaged file: drop it so the next try fetches it again.
                let _ = std::fs::remove_file(path);
                self.fail(&error);
                self.stop(Event::Stopped);
                return;
            }
        };
        let gap = self.gap_before(index, &decoded);
        let frames = decoded.frames;
        let source = AyahSource {
            inner: decoded.buffer.clone(),
            started: false,
            done: false,
            generation: self.generation,
            index,
            inbox: self.inbox.clone(),
        };
        if let Some(player) = &self.player {
            if gap > 0 {
                player.append(Zero::new_samples(
                    decoded.channels,
                    decoded.sample_rate,
                    gap * usize::from(decoded.channels.get()),
                ));
            }
            player.append(source);
        }
        self.last_frames = frames;
        self.decoded = Some(decoded);
        self.queued += 1;
        self.next_to_queue = index + 1;
        self.prefetch(index + 1);
    }

    /// Silent frames before the plan's `index`.
    fn gap_before(&self, index: usize, next: &Decoded) -> usize {
        if index == self.started_at {
            return 0;
        }
        let rate = f64::from(next.sample_rate.get());
        let frames = match self.request.as_ref().map(|r| r.gap).unwrap_or_default() {
            Gap::None => 0.0,
            Gap::Seconds { seconds } => f64::from(seconds) * rate,
            Gap::Multiple { factor } => f64::from(factor) * self.last_frames as f64,
        };
        frames.round() as usize
    }

    /// Fetches the next few distinct ayahs in the background.
    fn prefetch(&self, from: usize) {
        let Some(reciter) = self
            .request
            .as_ref()
            .and_then(|r| quran_data::reciter(&r.reciter))
        else {
            return;
        };
        let mut ayahs: Vec<AyahRef> = Vec::new();
        for item in self.plan.iter().skip(from) {
            if ayahs.len() >= PREFETCH {
                break;
            }
            if !ayahs.contains(&item.ayah) && !self.fetcher.cache().has(reciter, item.ayah) {
                ayahs.push(item.ayah);
            }
        }
        for ayah in ayahs {
            let fetcher = self.fetcher.clone();
            self.runtime.spawn(async move {
                let _ = fetcher.ensure(reciter, ayah, &|_| {}).await;
            });
        }
    }
}

/// Consumes the player's output at `speedup` × real time, as a device
/// would, keeping the samples if asked.
fn spawn_null_clock(
    mut output: rodio::queue::SourcesQueueOutput,
    speedup: f32,
    capture: Option<Arc<Mutex<Vec<f32>>>>,
) {
    let tick = Duration::from_millis(10);
    let spawned = std::thread::Builder::new()
        .name("null-audio".into())
        .spawn(move || loop {
            let rate = output.sample_rate().get() as f32 * f32::from(output.channels().get());
            let chunk = (rate * speedup.max(0.01) / 100.0).max(1.0) as usize;
            let samples: Vec<f32> = output.by_ref().take(chunk).collect();
            if let Some(capture) = &capture {
                if let Ok(mut kept) = capture.lock() {
                    kept.extend_from_slice(&samples);
                }
            }
            std::thread::sleep(tick);
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the null audio clock");
    }
}
