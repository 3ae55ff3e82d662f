//! The engine thread: owns the rodio player and the [`Plan`], keeps up to
//! [`LOOKAHEAD`] ayahs decoded and queued ahead of the one being heard, and
//! fetches what is not cached. Commands and the queue's signals arrive in
//! one inbox; events leave through the listener.

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use companion_core::wire::PlaybackState;
use rodio::source::Zero;
use rodio::Player;

use super::output::Output;
use super::plan::{gap_frames, Plan};
use super::source::{decode, AyahSource, Decoded};
use super::{Event, Listener, PlayRequest, Status, LOOKAHEAD, PREFETCH};
use crate::fetch::Fetcher;
use crate::Error;

#[derive(Debug)]
pub(super) enum Command {
    Play(PlayRequest),
    Pause,
    Resume,
    Stop,
    Next,
    Previous,
    Speed(f32),
}

pub(super) enum Msg {
    Command(Command),
    /// A queued ayah's first sample was pulled (generation, plan index).
    Started(u64, usize),
    /// A queued ayah's last sample was pulled.
    Finished(u64, usize),
    /// A file the plan waits for arrived (or failed).
    Fetched(u64, usize, crate::Result<std::path::PathBuf>),
}

pub(super) struct Worker {
    output: Output,
    fetcher: Fetcher,
    runtime: tokio::runtime::Handle,
    listener: Listener,
    inbox: Sender<Msg>,
    status: Arc<Mutex<Status>>,
    player: Option<Player>,
    /// Keeps the device open while the player plays on it.
    _device: Option<rodio::MixerDeviceSink>,
    plan: Plan,
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
    pub fn new(
        output: Output,
        fetcher: Fetcher,
        runtime: tokio::runtime::Handle,
        listener: Listener,
        inbox: Sender<Msg>,
        status: Arc<Mutex<Status>>,
    ) -> Worker {
        Worker {
            output,
            fetcher,
            runtime,
            listener,
            inbox,
            status,
            player: None,
            _device: None,
            plan: Plan::default(),
            request: None,
            generation: 0,
            next_to_queue: 0,
            queued: 0,
            waiting_for: None,
            current: None,
            started_at: 0,
            last_frames: 0,
            decoded: None,
        }
    }

    pub fn run(mut self, inbox: Receiver<Msg>) {
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

    fn set_status(&self, state: PlaybackState) {
        if let Ok(mut status) = self.status.lock() {
            status.state = state;
            status.ayah = self.current.and_then(|i| self.plan.get(i)).map(|i| i.ayah);
            status.request = self.request.clone();
        }
    }

    /// The rodio player, opening the output if needed.
    fn open_player(&mut self) -> crate::Result<()> {
        if self.player.is_none() {
            let opened = self.output.open()?;
            self.player = Some(opened.player);
            self._device = opened.device;
        }
        Ok(())
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
        self.set_status(PlaybackState::Buffering);
    }

    fn handle(&mut self, msg: Msg) {
        match msg {
            Msg::Command(command) => self.command(command),
            Msg::Started(generation, index) if generation == self.generation => {
                self.current = Some(index);
                if let Some(item) = self.plan.get(index) {
                    self.set_status(PlaybackState::Playing);
                    self.emit(Event::Playing {
                        ayah: item.ayah,
                        repetition: item.repetition,
                        round: item.round,
                    });
                }
            }
            Msg::Finished(generation, index) if generation == self.generation => {
                if let Some(item) = self.plan.get(index) {
                    self.emit(Event::Recited { ayah: item.ayah });
                }
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

    fn command(&mut self, command: Command) {
        match command {
            Command::Play(request) => {
                if let Err(error) = self.open_player() {
                    self.fail(&error);
                    return;
                }
                if let Some(player) = &self.player {
                    player.set_speed(request.speed);
                }
                self.plan = Plan::new(
                    request.start,
                    request.end,
                    request.repeat_each,
                    request.repeat_range,
                );
                self.request = Some(request);
                self.decoded = None;
                self.jump(0);
            }
            Command::Pause => {
                if let Some(player) = &self.player {
                    player.pause();
                    self.set_status(PlaybackState::Paused);
                    self.emit(Event::Paused);
                }
            }
            Command::Resume => {
                if let Some(player) = &self.player {
                    player.play();
                    self.set_status(PlaybackState::Playing);
                    self.emit(Event::Resumed);
                }
            }
            Command::Stop => self.stop(Event::Stopped),
            Command::Next => {
                if let Some(at) = self.current.or(self.waiting_for) {
                    match self.plan.next_ayah(at) {
                        Some(next) => self.jump(next),
                        None => self.stop(Event::Finished),
                    }
                }
            }
            Command::Previous => {
                if let Some(at) = self.current.or(self.waiting_for) {
                    let target = self.plan.previous_ayah(at);
                    self.jump(target);
                }
            }
            Command::Speed(speed) => {
                if let Some(player) = &self.player {
                    player.set_speed(speed);
                }
                if let Some(request) = &mut self.request {
                    request.speed = speed;
                }
            }
        }
    }

    fn stop(&mut self, event: Event) {
        self.clear_queue();
        self.plan = Plan::default();
        self.current = None;
        self.request = None;
        self.set_status(PlaybackState::Idle);
        self.emit(event);
    }

    /// With "continue into the next surah", adds it to the plan.
    fn extend_into_next_surah(&mut self) -> bool {
        match &self.request {
            Some(request) if request.continue_next_surah => {
                self.plan.extend_into_next_surah(request.repeat_each)
            }
            _ => false,
        }
    }

    fn reciter(&self) -> Option<&'static quran_data::Reciter> {
        self.request
            .as_ref()
            .and_then(|r| quran_data::reciter(&r.reciter))
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
        let (Some(item), Some(reciter)) = (self.plan.get(index), self.reciter()) else {
            return;
        };
        let cached = self.fetcher.cache().file(reciter, item.ayah);
        if cached.is_file() {
            self.queue(index, &cached);
            return;
        }
        if self.queued == 0 {
            self.set_status(PlaybackState::Buffering);
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
        let Some(item) = self.plan.get(index) else {
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
        let gap = if index == self.started_at {
            0
        } else {
            let gap = self.request.as_ref().map(|r| r.gap).unwrap_or_default();
            gap_frames(gap, decoded.sample_rate.get(), self.last_frames)
        };
        let source = AyahSource::new(&decoded, self.generation, index, self.inbox.clone());
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
        self.last_frames = decoded.frames;
        self.decoded = Some(decoded);
        self.queued += 1;
        self.next_to_queue = index + 1;
        self.prefetch(index + 1);
    }

    /// Fetches the next few distinct ayahs in the background.
    fn prefetch(&self, from: usize) {
        let Some(reciter) = self.reciter() else {
            return;
        };
        let cache = self.fetcher.cache();
        for ayah in self
            .plan
            .upcoming(from, PREFETCH, |ayah| !cache.has(reciter, ayah))
        {
            let fetcher = self.fetcher.clone();
            self.runtime.spawn(async move {
                let _ = fetcher.ensure(reciter, ayah, &|_| {}).await;
            });
        }
    }
}
