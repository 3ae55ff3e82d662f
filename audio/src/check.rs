//! Is this file whole, decodable audio? Decoded to the end with symphonia
//! (gapless on, so the frame count is the real one). An HTML error page, an
//! empty file or a file cut short is refused: a LAME/Xing header records
//! how many frames the file should have, and fewer decoded means truncated.

use std::io::Cursor;

use symphonia::core::codecs::DecoderOptions;
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::FormatOptions;
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

/// What a good file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AudioInfo {
    /// Sample frames after trimming the encoder delay and padding.
    pub frames: u64,
    pub sample_rate: u32,
    pub channels: u16,
}

impl AudioInfo {
    /// Length in seconds.
    pub fn seconds(&self) -> f64 {
        self.frames as f64 / f64::from(self.sample_rate.max(1))
    }
}

/// Why a file is refused (a sentence).
pub type Refusal = String;

/// Decodes `bytes` (an MP3) to the end and says what it holds.
pub fn audio_info(bytes: Vec<u8>) -> Result<AudioInfo, Refusal> {
    let start = bytes.iter().find(|b| !b.is_ascii_whitespace());
    match start {
        None => return Err("the file is empty".into()),
        Some(b'<') => return Err("it is a web page, not an MP3 file".into()),
        _ => {}
    }
    let stream = MediaSourceStream::new(Box::new(Cursor::new(bytes)), Default::default());
    let mut hint = Hint::new();
    hint.with_extension("mp3");
    let format_options = FormatOptions {
        enable_gapless: true,
        ..Default::default()
    };
    let probed = symphonia::default::get_probe()
        .format(&hint, stream, &format_options, &MetadataOptions::default())
        .map_err(|e| format!("it is not an MP3 file ({e})"))?;
    let mut format = probed.format;
    let track = format
        .default_track()
        .ok_or_else(|| "it has no audio track".to_owned())?;
    let track_id = track.id;
    let expected = track.codec_params.n_frames;
    let mut decoder = symphonia::default::get_codecs()
        .make(&track.codec_params, &DecoderOptions::default())
        .map_err(|e| format!("its audio cannot be decoded ({e})"))?;
    let (mut frames, mut sample_rate, mut channels) = (0u64, 0u32, 0u16);
    loop {
        let packet = match format.next_packet() {
            Ok(packet) => packet,
            Err(SymphoniaError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                break
            }
            Err(e) => return Err(format!("it is damaged ({e})")),
        };
        if packet.track_id() != track_id {
            continue;
        }
        match decoder.decode(&packet) {
            Ok(buffer) => {
                let spec = buffer.spec();
                sample_rate = spec.rate;
                channels = u16::try_from(spec.channels.count()).unwrap_or(0);
                frames += buffer.frames() as u64;
            }
            // A damaged frame: counted as missing below.
            Err(SymphoniaError::DecodeError(_)) => continue,
            Err(e) => return Err(format!("its audio cannot be decoded ({e})")),
        }
    }
    if frames == 0 || sample_rate == 0 {
        return Err("it holds no audio".into());
    }
    if let Some(expected) = expected {
        if frames < expected {
            return Err(format!(
                "it is cut short ({frames} of {expected} sample frames)"
            ));
        }
    }
    Ok(AudioInfo {
        frames,
        sample_rate,
        channels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn whole_files_decode_to_exactly_the_encoded_length() {
        // The fixtures were encoded from 12,345, 22,050 and 30,001 frames of
        // PCM (see tests/fixtures/make.sh): the encoder delay and padding
        // are gone.
        for (name, frames) in [("a.mp3", 12_345), ("b.mp3", 22_050), ("c.mp3", 30_001)] {
            let info = audio_info(fixture(name)).unwrap();
            assert_eq!(info.frames, frames, "{name}");
            assert_eq!((info.sample_rate, info.channels), (44_100, 1));
        }
    }

    #[test]
    fn web_pages_empty_and_truncated_files_are_refused() {
        let page = b"<!DOCTYPE html><html><body>Not found</body></html>".to_vec();
        assert!(audio_info(page).unwrap_err().contains("web page"));
        assert!(audio_info(Vec::new()).unwrap_err().contains("empty"));
        let mut cut = fixture("c.mp3");
        cut.truncate(cut.len() / 2);
        let refusal = audio_info(cut).unwrap_err();
        assert!(refusal.contains("cut short"), "{refusal}");
        assert!(audio_info(b"ID3 nothing else".to_vec()).is_err());
    }
}
