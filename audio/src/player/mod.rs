//! Gapless verse-by-verse playback.
//!
//! One engine thread (`worker.rs`) owns a rodio `Player` and a plan
//! (`plan.rs`: every ayah to hear, with its repetitions, in order; pure,
//! and tested as such). It keeps up to [`LOOKAHEAD`] ayahs decoded and
//! queued ahead of the one being heard, so the next ayah is in
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

mod output;
mod plan;
mod source;
mod worker;

use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};

pub use companion_core::wire::{AudioEvent as Event, Gap, PlaybackState};
use companion_core::AyahRef;
use serde::{Deserialize, Serialize};

pub use self::output::Output;
use self::worker::{Command, Msg, Worker};
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

/// The engine's state, for a UI that (re)opens.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Status {
    pub state: PlaybackState,
    pub ayah: Option<AyahRef>,
    pub request: Option<PlayRequest>,
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
        let status = Arc::new(Mutex::new(Status::default()));
        let worker = Worker::new(
            output,
            fetcher,
            runtime,
            listener,
            tx.clone(),
            status.clone(),
        );
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
