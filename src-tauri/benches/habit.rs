//! `cargo xtask bench habit`: the habit layer on a reader with five years
//! of history (about 2,000 reading sessions a year, ten ayahs each, in a
//! real SQLite file): the stats screen's data, home's summary, the
//! achievements, and counting one ayah while reading. Writes
//! `$BENCH_OUT_DIR/habit.json`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use companion_app::progress;
use companion_app::stats::{stats, History};
use companion_app::store::Store;
use companion_core::habit::settings::HabitSettings;
use companion_core::habit::Day;
use companion_core::wire::{ReadHow, RecordReadingRequest};
use companion_core::AyahRef;

const YEARS: i32 = 5;
const SESSIONS_A_DAY: [u32; 2] = [5, 6];
const AYAHS_A_SESSION: usize = 10;

/// Milliseconds of each run of `f`, `runs` times.
async fn time<F, Fut>(runs: usize, mut f: F) -> Vec<f64>
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut out = Vec::with_capacity(runs);
    for i in 0..runs {
        let started = Instant::now();
        f(i).await;
        out.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    out
}

fn summary(mut ms: Vec<f64>) -> serde_json::Value {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    serde_json::json!({
        "runs": ms.len(),
        "median_ms": (at(0.5) * 1000.0).round() / 1000.0,
        "p95_ms": (at(0.95) * 1000.0).round() / 1000.0,
        "max_ms": (at(1.0) * 1000.0).round() / 1000.0,
    })
}

async fn seed(store: &Store, first: Day, today: Day) -> (u32, u32) {
    let quran = quran_data::quran();
    let all: Vec<AyahRef> = quran.ayahs().iter().map(|a| a.reference).collect();
    let (mut next, mut sessions) = (0usize, 0u32);
    let mut day = first;
    while day < today {
        let n = SESSIONS_A_DAY[(day.0 % 2) as usize];
        for s in 0..n {
            // Sessions an hour apart, from six in the morning.
            let at = i64::from(day.0) * 86_400 + 6 * 3600 + i64::from(s) * 3600;
            let ayahs: Vec<AyahRef> = (0..AYAHS_A_SESSION)
                .map(|k| all[(next + k) % all.len()])
                .collect();
            next += AYAHS_A_SESSION;
            let request = RecordReadingRequest {
                ayahs,
                how: ReadHow::Dwell,
            };
            progress::record(store, quran, &request, at, day)
                .await
                .unwrap();
            sessions += 1;
        }
        day = day.plus(1);
    }
    store.end_sessions().await.unwrap();
    (sessions, u32::try_from(next).unwrap())
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("companion.db");
    let store = Store::open_file(&path).await.unwrap();
    let today = Day::from_civil(2026, 6, 10).unwrap();
    let first = today.plus(-365 * YEARS);
    let started = Instant::now();
    let (sessions, ayahs) = seed(&store, first, today).await;
    let seed_s = started.elapsed().as_secs_f64();
    let db_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "seeded {sessions} sessions, {ayahs} ayahs read, in {seed_s:.1} s ({db_bytes} bytes)"
    );
    let quran = quran_data::quran();
    let habit = HabitSettings::default();

    let stats_ms = time(50, |_| async {
        let history = History::load(&store, today).await.unwrap();
        let view = stats(&history, quran, &habit, today);
        assert_eq!(view.last_30.len(), 30);
    })
    .await;
    let summary_ms = time(50, |_| async {
        progress::summary(&store, &habit, today).await.unwrap();
    })
    .await;
    let achievements_ms = time(20, |_| async {
        companion_app::achievements::all(&store, quran, &habit, today)
            .await
            .unwrap();
    })
    .await;
    let at = i64::from(today.0) * 86_400 + 9 * 3600;
    let check_ms = time(20, |i| {
        let (store, habit) = (&store, &habit);
        async move {
            companion_app::achievements::check(store, quran, habit, at + i as i64, today)
                .await
                .unwrap();
        }
    })
    .await;
    // Counting one ayah while reading: each run a new ayah in the open
    // session, as the reader's tick sends them.
    let quran_ayahs: Vec<AyahRef> = quran.ayahs().iter().map(|a| a.reference).collect();
    let count_ms = time(300, |i| {
        let request = RecordReadingRequest {
            ayahs: vec![quran_ayahs[i]],
            how: ReadHow::Dwell,
        };
        let store = &store;
        async move {
            let tally = progress::record(store, quran, &request, at + 60 + i as i64, today)
                .await
                .unwrap();
            assert_eq!(tally.newly.len(), 1);
        }
    })
    .await;

    let report = serde_json::json!({
        "history": {
            "years": YEARS,
            "sessions": sessions,
            "ayahs_read": ayahs,
            "seed_seconds": (seed_s * 10.0).round() / 10.0,
            "database_bytes": db_bytes,
        },
        "stats_screen": summary(stats_ms),
        "home_summary": summary(summary_ms),
        "achievements_screen": summary(achievements_ms),
        "achievements_check": summary(check_ms),
        "count_one_ayah": summary(count_ms),
    });
    eprintln!("{}", serde_json::to_string_pretty(&report).unwrap());
    let out = std::env::var_os("BENCH_OUT_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("bench-results"));
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("habit.json"),
        serde_json::to_vec_pretty(&report).unwrap(),
    )
    .unwrap();
}
