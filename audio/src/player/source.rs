//! A decoded ayah, and the source that queues it: it tells the engine when
//! its first sample is pulled (the ayah is heard) and when its last is.

use std::sync::mpsc::Sender;
use std::time::Duration;

use companion_core::AyahRef;
use rodio::{Decoder, Source};

use super::worker::Msg;
use crate::{Error, Result};

/// A decoded ayah.
#[derive(Clone)]
pub(super) struct Decoded {
    pub ayah: AyahRef,
    pub channels: rodio::ChannelCount,
    pub sample_rate: rodio::SampleRate,
    /// The samples, shared: a repetition queues the same buffer again.
    pub buffer: rodio::buffer::SamplesBuffer,
    pub frames: u64,
}

/// Decodes a whole file (symphonia trims the MP3 encoder delay and
/// padding, so these are exactly the recitation's samples).
pub(super) fn decode(path: &std::path::Path, ayah: AyahRef) -> Result<Decoded> {
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

/// An ayah in the queue.
pub(super) struct AyahSource {
    inner: rodio::buffer::SamplesBuffer,
    started: bool,
    done: bool,
    generation: u64,
    index: usize,
    inbox: Sender<Msg>,
}

impl AyahSource {
    /// The plan's `index` in queue `generation`, reporting to `inbox`.
    pub fn new(decoded: &Decoded, generation: u64, index: usize, inbox: Sender<Msg>) -> Self {
        AyahSource {
            inner: decoded.buffer.clone(),
            started: false,
            done: false,
            generation,
            index,
            inbox,
        }
    }
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
