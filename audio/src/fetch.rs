//! Fetching one ayah's file: resumed with an HTTP Range request when a
//! `.part` is already there, retried with exponential backoff, and tried
//! on each base URL (mirror) in turn. What arrives is kept only when it is
//! complete and decodes as audio ([`crate::check`]). Two callers asking for
//! the same file share one download.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use companion_core::AyahRef;
use futures_util::StreamExt;
use quran_data::Reciter;
use reqwest::header::{CONTENT_RANGE, CONTENT_TYPE, RANGE};
use reqwest::StatusCode;
use tokio::io::AsyncWriteExt;

use crate::cache::Cache;
use crate::{check, Error, Result};

/// How hard to try.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// Base URLs in order: the first, then mirrors.
    pub bases: Vec<String>,
    /// Rounds over all bases before giving up.
    pub attempts: u32,
    /// Wait before the second round; doubled for each further round.
    pub backoff: Duration,
    pub connect_timeout: Duration,
    /// Longest silence from the server in the middle of a file.
    pub read_timeout: Duration,
}

impl FetchConfig {
    /// Sensible defaults for `bases`.
    pub fn new(bases: Vec<String>) -> FetchConfig {
        FetchConfig {
            bases,
            attempts: 4,
            backoff: Duration::from_millis(500),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
        }
    }
}

/// Fetches ayah files into the cache.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    config: Arc<Mutex<FetchConfig>>,
    cache: Cache,
    in_flight: Arc<Mutex<HashMap<PathBuf, Arc<tokio::sync::Mutex<()>>>>>,
}

fn label(reciter: &Reciter, ayah: AyahRef) -> String {
    format!("{ayah} ({})", reciter.name_en)
}

impl Fetcher {
    pub fn new(cache: Cache, config: FetchConfig) -> Fetcher {
        let client = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .user_agent(concat!("QuranCompanion/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_default();
        Fetcher {
            client,
            config: Arc::new(Mutex::new(config)),
            cache,
            in_flight: Arc::default(),
        }
    }

    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    /// Replaces the base URLs (a setting changed).
    pub fn set_bases(&self, bases: Vec<String>) {
        if let Ok(mut config) = self.config.lock() {
            config.bases = bases;
        }
    }

    fn config(&self) -> FetchConfig {
        self.config
            .lock()
            .map(|c| c.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// The ayah's file, fetched first if it is not cached. `progress` is
    /// told of every chunk of bytes written.
    pub async fn ensure(
        &self,
        reciter: &Reciter,
        ayah: AyahRef,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<PathBuf> {
        let file = self.cache.file(reciter, ayah);
        if file.is_file() {
            return Ok(file);
        }
        let lock = {
            let mut map = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(file.clone()).or_default().clone()
        };
        let _guard = lock.lock().await;
        if file.is_file() {
            return Ok(file);
        }
        let result = self.fetch_with_retries(reciter, ayah, progress).await;
        if let Ok(mut map) = self.in_flight.lock() {
            map.remove(&file);
        }
        result
    }

    async fn fetch_with_retries(
        &self,
        reciter: &Reciter,
        ayah: AyahRef,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<PathBuf> {
        let config = self.config();
        let folder = self.cache.folder(reciter);
        tokio::fs::create_dir_all(&folder)
            .await
            .map_err(|source| Error::Disk {
                path: folder.clone(),
                source,
            })?;
        let mut last = Error::InvalidRequest("No base URL is set for recitation audio.".into());
        for round in 0..config.attempts.max(1) {
            if round > 0 {
                let wait = config.backoff.saturating_mul(1 << (round - 1).min(6));
                tokio::time::sleep(wait).await;
            }
            let mut all_missing = !config.bases.is_empty();
            for base in &config.bases {
                match self.fetch_once(base, reciter, ayah, progress).await {
                    Ok(path) => return Ok(path),
                    Err(error @ Error::Disk { .. }) => return Err(error),
                    Err(error) => {
                        tracing::warn!(%base, %ayah, %error, "fetch failed");
                        all_missing &= matches!(error, Error::NotFound { .. });
                        last = error;
                    }
                }
            }
            // Every mirror says the file does not exist: asking again
            // will not change that.
            if all_missing {
                break;
            }
        }
        Err(last)
    }

    async fn fetch_once(
        &self,
        base: &str,
        reciter: &Reciter,
        ayah: AyahRef,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<PathBuf> {
        let url = reciter.ayah_url(base, ayah);
        let part = self.cache.part(reciter, ayah);
        let have = tokio::fs::metadata(&part)
            .await
            .map(|m| m.len())
            .unwrap_or(0);
        let mut request = self.client.get(&url);
        if have > 0 {
            request = request.header(RANGE, format!("bytes={have}-"));
        }
        let offline = |e: reqwest::Error| Error::Offline {
            ayah: label(reciter, ayah),
            detail: e.to_string(),
        };
        let response = request.send().await.map_err(offline)?;
        let status = response.status();
        let resume = status == StatusCode::PARTIAL_CONTENT && have > 0;
        if status == StatusCode::RANGE_NOT_SATISFIABLE {
            // The part is not a prefix of this server's file: start over.
            let _ = tokio::fs::remove_file(&part).await;
            return Err(Error::Server {
                ayah: label(reciter, ayah),
                status: status.as_u16(),
            });
        }
        if status == StatusCode::NOT_FOUND || status == StatusCode::GONE {
            return Err(Error::NotFound {
                ayah: label(reciter, ayah),
                status: status.as_u16(),
            });
        }
        if !status.is_success() {
            return Err(Error::Server {
                ayah: label(reciter, ayah),
                status: status.as_u16(),
            });
        }
        let is_html = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if is_html {
            let _ = tokio::fs::remove_file(&part).await;
            return Err(Error::NotAudio {
                ayah: label(reciter, ayah),
                reason: "the server sent a web page".into(),
            });
        }
        // The size the whole file should have, when the server says.
        let total = if resume {
            response
                .headers()
                .get(CONTENT_RANGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit('/').next())
                .and_then(|v| v.parse::<u64>().ok())
        } else {
            response.content_length()
        };
        let disk = |source: std::io::Error| Error::Disk {
            path: part.clone(),
            source,
        };
        let mut out = tokio::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(resume)
            .truncate(!resume)
            .open(&part)
            .await
            .map_err(disk)?;
        let mut body = response.bytes_stream();
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(offline)?;
            out.write_all(&chunk).await.map_err(disk)?;
            progress(chunk.len() as u64);
        }
        out.flush().await.map_err(disk)?;
        out.sync_all().await.map_err(disk)?;
        drop(out);
        let bytes = tokio::fs::read(&part).await.map_err(disk)?;
        if total.is_some_and(|total| (bytes.len() as u64) < total) {
            return Err(Error::Offline {
                ayah: label(reciter, ayah),
                detail: "the connection ended before the file did".into(),
            });
        }
        let checked = tokio::task::spawn_blocking(move || check::audio_info(bytes))
            .await
            .map_err(|e| Error::InvalidRequest(e.to_string()))?;
        if let Err(reason) = checked {
            let _ = tokio::fs::remove_file(&part).await;
            return Err(Error::NotAudio {
                ayah: label(reciter, ayah),
                reason,
            });
        }
        self.cache.commit(reciter, ayah)
    }
}
