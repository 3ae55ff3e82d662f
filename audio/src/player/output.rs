//! Where samples go: the default audio device, or a null clock that
//! consumes them at real-time pace (machines without a sound card, tests).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rodio::{Player, Source};

use crate::{Error, Result};

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

/// A player connected to its output.
pub(super) struct Opened {
    pub player: Player,
    /// Keeps the device open while the player plays on it.
    pub device: Option<rodio::MixerDeviceSink>,
}

impl Output {
    /// Opens the output (the device is looked for anew on each call, so
    /// one connected later is found on the next press of play).
    pub(super) fn open(&self) -> Result<Opened> {
        match self {
            Output::Device => {
                let mut device = rodio::DeviceSinkBuilder::open_default_sink()
                    .map_err(|e| Error::NoDevice(e.to_string()))?;
                device.log_on_drop(false);
                let player = Player::connect_new(device.mixer());
                Ok(Opened {
                    player,
                    device: Some(device),
                })
            }
            Output::Null { speedup, capture } => {
                let (player, output) = Player::new();
                spawn_null_clock(output, *speedup, capture.clone());
                Ok(Opened {
                    player,
                    device: None,
                })
            }
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
