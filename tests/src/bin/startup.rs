//! `cargo xtask bench startup`: how long from launching the app until its
//! home screen is shown, measured by the harness over several launches and
//! written to `$BENCH_OUT_DIR/startup.json`. Reported, not asserted.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::Duration;

use companion_e2e::{App, Profile};

const RUNS: usize = 5;

#[tokio::main]
async fn main() {
    let out = std::env::var_os("BENCH_OUT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("bench-results"));
    std::fs::create_dir_all(&out).unwrap();
    let mut millis = Vec::new();
    for run in 0..RUNS {
        let profile = Profile::new();
        let app = App::launch(&profile).await;
        app.wait_for("#home #ayah-of-the-day .arabic").await;
        let elapsed = app.launched_at.elapsed();
        eprintln!("launch {}: home screen after {elapsed:.0?}", run + 1);
        millis.push(elapsed.as_secs_f64() * 1000.0);
        app.quit().await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    millis.sort_by(f64::total_cmp);
    let median = millis[millis.len() / 2];
    let report = serde_json::json!({
        "what": "time from requesting a WebDriver session (which launches the app) to the home screen showing the ayah of the day",
        "runs_ms": millis,
        "median_ms": median,
        "max_ms": millis.last(),
        "target_ms": 1500,
    });
    let path = out.join("startup.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).unwrap()).unwrap();
    eprintln!(
        "startup: median {median:.0} ms over {RUNS} launches → {}",
        path.display()
    );
}
