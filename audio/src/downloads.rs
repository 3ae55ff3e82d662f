//! Downloads for offline listening: a surah or the whole Qur'an for one
//! reciter. Several files at once (bounded), each through
//! [`Fetcher::ensure`] (resume, retries, mirrors, integrity), with progress
//! in files and bytes; pause, resume and cancel. The list of jobs is kept
//! in `downloads.json` in the cache folder, so unfinished downloads go on
//! after a restart. Pausing or cancelling lets the files already on the
//! wire finish; nothing half-written is ever left under a final name.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use companion_core::AyahRef;
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::fetch::Fetcher;
use crate::{Error, Result};

/// Files fetched at once, over all jobs.
pub const CONCURRENCY: usize = 4;

pub use companion_core::wire::{
    DownloadProgress as Progress, DownloadScope as Scope, DownloadState as State,
};

/// The ayahs of a scope.
fn scope_ayahs(scope: Scope) -> Result<Vec<AyahRef>> {
    let quran = quran_data::quran();
    match scope {
        Scope::All => Ok(quran.ayahs().iter().map(|a| a.reference).collect()),
        Scope::Surah { surah } => quran
            .surah_ayahs(surah)
            .map(|ayahs| ayahs.iter().map(|a| a.reference).collect())
            .ok_or_else(|| Error::InvalidRequest(format!("There is no surah {surah}."))),
    }
}

/// Receives progress.
pub type Listener = Box<dyn Fn(Progress) + Send + Sync>;

const RUN: u8 = 0;
const PAUSE: u8 = 1;
const CANCEL: u8 = 2;

struct Job {
    progress: Mutex<Progress>,
    control: AtomicU8,
    bytes: AtomicU64,
}

#[derive(Debug, Serialize, Deserialize)]
struct Saved {
    reciter: String,
    scope: Scope,
    state: State,
}

/// The downloads of the app.
#[derive(Clone)]
pub struct Downloads {
    fetcher: Fetcher,
    runtime: tokio::runtime::Handle,
    jobs: Arc<Mutex<BTreeMap<String, Arc<Job>>>>,
    permits: Arc<Semaphore>,
    listener: Arc<Listener>,
    /// One save at a time, each listing the jobs under the lock: two saves
    /// racing (a pause pressed as the job loop ends) must not leave the
    /// older list on disk.
    saving: Arc<Mutex<()>>,
}

impl std::fmt::Debug for Downloads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Downloads")
            .field("jobs", &self.list())
            .finish()
    }
}

fn job_id(reciter: &str, scope: Scope) -> String {
    match scope {
        Scope::All => format!("{reciter}/all"),
        Scope::Surah { surah } => format!("{reciter}/{surah}"),
    }
}

impl Downloads {
    pub fn new(fetcher: Fetcher, runtime: tokio::runtime::Handle, listener: Listener) -> Downloads {
        Downloads {
            fetcher,
            runtime,
            jobs: Arc::default(),
            permits: Arc::new(Semaphore::new(CONCURRENCY)),
            listener: Arc::new(listener),
            saving: Arc::default(),
        }
    }

    fn state_file(&self) -> PathBuf {
        self.fetcher.cache().root().join("downloads.json")
    }

    /// Picks up the jobs of the last run: running ones go on, paused ones
    /// wait, finished ones are forgotten.
    pub fn restore(&self) {
        let Ok(text) = std::fs::read_to_string(self.state_file()) else {
            return;
        };
        let saved: Vec<Saved> = match serde_json::from_str(&text) {
            Ok(saved) => saved,
            Err(error) => {
                tracing::warn!(%error, "downloads.json is unreadable; starting afresh");
                return;
            }
        };
        for job in saved {
            let result = match job.state {
                State::Running => self.start(&job.reciter, job.scope).map(|_| ()),
                State::Paused => self.add(&job.reciter, job.scope, State::Paused).map(|_| ()),
                _ => Ok(()),
            };
            if let Err(error) = result {
                tracing::warn!(%error, "a saved download cannot resume");
            }
        }
    }

    fn save(&self) {
        let _one_at_a_time = self.saving.lock().unwrap_or_else(|e| e.into_inner());
        let saved: Vec<Saved> = self
            .list()
            .into_iter()
            .filter(|p| matches!(p.state, State::Running | State::Paused))
            .map(|p| Saved {
                reciter: p.reciter,
                scope: p.scope,
                state: p.state,
            })
            .collect();
        let path = self.state_file();
        let written = std::fs::create_dir_all(self.fetcher.cache().root()).and_then(|()| {
            let temporary = path.with_extension("json.tmp");
            std::fs::write(
                &temporary,
                serde_json::to_vec_pretty(&saved).unwrap_or_default(),
            )?;
            std::fs::rename(&temporary, &path)
        });
        if let Err(error) = written {
            tracing::warn!(%error, "cannot save the download list");
        }
    }

    /// Every job, finished ones included.
    pub fn list(&self) -> Vec<Progress> {
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        jobs.values().map(|j| snapshot(j)).collect()
    }

    fn add(&self, reciter_id: &str, scope: Scope, state: State) -> Result<Arc<Job>> {
        let reciter = crate::reciter(reciter_id)?;
        let ayahs = scope_ayahs(scope)?;
        let cache = self.fetcher.cache();
        let done = ayahs.iter().filter(|a| cache.has(reciter, **a)).count() as u64;
        let id = job_id(reciter_id, scope);
        let job = Arc::new(Job {
            progress: Mutex::new(Progress {
                id: id.clone(),
                reciter: reciter_id.to_owned(),
                scope,
                state,
                files_done: done,
                files_total: ayahs.len() as u64,
                bytes: 0,
                message: None,
            }),
            control: AtomicU8::new(RUN),
            bytes: AtomicU64::new(0),
        });
        self.jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, job.clone());
        Ok(job)
    }

    /// Starts (or resumes) downloading `scope` for a reciter.
    pub fn start(&self, reciter: &str, scope: Scope) -> Result<Progress> {
        let id = job_id(reciter, scope);
        let existing = self
            .jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned();
        if let Some(job) = &existing {
            if snapshot(job).state == State::Running {
                return Ok(snapshot(job));
            }
        }
        let job = self.add(reciter, scope, State::Running)?;
        self.save();
        (self.listener)(snapshot(&job));
        let this = self.clone();
        let running = job.clone();
        self.runtime.spawn(async move { this.run(running).await });
        Ok(snapshot(&job))
    }

    fn control(&self, id: &str, to: u8) -> Result<()> {
        let job = self
            .jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .cloned()
            .ok_or_else(|| Error::InvalidRequest(format!("No download is called {id}.")))?;
        job.control.store(to, Ordering::SeqCst);
        // A job that is not running changes state here; a running one when
        // its loop sees the flag.
        let state = snapshot(&job).state;
        if state != State::Running {
            let new = match to {
                CANCEL => Some(State::Cancelled),
                _ => None,
            };
            if let Some(new) = new {
                set_state(&job, new, None);
                (self.listener)(snapshot(&job));
            }
        }
        if to == CANCEL && state != State::Running {
            self.jobs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(id);
        }
        self.save();
        Ok(())
    }

    pub fn pause(&self, id: &str) -> Result<()> {
        self.control(id, PAUSE)
    }

    pub fn cancel(&self, id: &str) -> Result<()> {
        self.control(id, CANCEL)
    }

    /// Resumes a paused or failed job.
    pub fn resume(&self, id: &str) -> Result<Progress> {
        let progress = self
            .list()
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| Error::InvalidRequest(format!("No download is called {id}.")))?;
        self.start(&progress.reciter, progress.scope)
    }

    async fn run(&self, job: Arc<Job>) {
        let progress = snapshot(&job);
        let Ok(reciter) = crate::reciter(&progress.reciter) else {
            return;
        };
        let ayahs = scope_ayahs(progress.scope).unwrap_or_default();
        let cache = self.fetcher.cache().clone();
        let missing: Vec<AyahRef> = ayahs
            .into_iter()
            .filter(|a| !cache.has(reciter, *a))
            .collect();
        let mut tasks = JoinSet::new();
        let mut failures: Vec<Error> = Vec::new();
        let mut last_report = Instant::now();
        let mut pending = missing.into_iter();
        loop {
            let stopping = job.control.load(Ordering::SeqCst) != RUN;
            // Keep the pool full while running.
            while !stopping && tasks.len() < CONCURRENCY {
                let Some(ayah) = pending.next() else { break };
                let Ok(permit) = self.permits.clone().acquire_owned().await else {
                    break;
                };
                let (fetcher, counter) = (self.fetcher.clone(), job.clone());
                tasks.spawn(async move {
                    let result = fetcher
                        .ensure(reciter, ayah, &|n| {
                            counter.bytes.fetch_add(n, Ordering::Relaxed);
                        })
                        .await;
                    drop(permit);
                    result
                });
            }
            let next = tokio::time::timeout(Duration::from_millis(250), tasks.join_next()).await;
            match next {
                Ok(None) => break,
                Ok(Some(Ok(Ok(_)))) => {
                    if let Ok(mut p) = job.progress.lock() {
                        p.files_done += 1;
                    }
                }
                Ok(Some(Ok(Err(error)))) => {
                    // Offline or a full disk: every other file would fail too.
                    let stop_all = matches!(error, Error::Offline { .. } | Error::Disk { .. });
                    failures.push(error);
                    if stop_all {
                        pending = Vec::new().into_iter();
                    }
                }
                Ok(Some(Err(join))) => failures.push(Error::InvalidRequest(join.to_string())),
                Err(_elapsed) => {}
            }
            if last_report.elapsed() >= Duration::from_millis(250) || tasks.is_empty() {
                last_report = Instant::now();
                (self.listener)(snapshot(&job));
            }
        }
        let state = match job.control.load(Ordering::SeqCst) {
            CANCEL => State::Cancelled,
            PAUSE => State::Paused,
            _ if failures.is_empty() => State::Done,
            _ => State::Failed,
        };
        let message = failures.first().map(|first| {
            format!(
                "{} file(s) could not be downloaded. {first} Resume to try again.",
                failures.len()
            )
        });
        set_state(&job, state, message);
        job.control.store(RUN, Ordering::SeqCst);
        if state == State::Cancelled {
            self.jobs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&snapshot(&job).id);
        }
        self.save();
        (self.listener)(snapshot(&job));
    }
}

fn snapshot(job: &Job) -> Progress {
    let mut progress = job
        .progress
        .lock()
        .map(|p| p.clone())
        .unwrap_or_else(|e| e.into_inner().clone());
    progress.bytes = job.bytes.load(Ordering::Relaxed);
    progress
}

fn set_state(job: &Job, state: State, message: Option<String>) {
    if let Ok(mut p) = job.progress.lock() {
        p.state = state;
        p.message = message;
    }
}
