//! What the server benches share: the machine they ran on and where
//! their results go.

use std::path::PathBuf;

use serde_json::{json, Value};

/// Where results are written: `$BENCH_OUT_DIR`, else
/// `target/bench-results/`.
pub fn results_dir() -> PathBuf {
    std::env::var_os("BENCH_OUT_DIR").map_or_else(
        || {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../target/bench-results"
            ))
        },
        PathBuf::from,
    )
}

/// The cores, CPU, memory and load of the machine.
pub fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name")?.split_once(':'))
        .map(|(_, name)| name.trim().to_owned());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_mb = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))
        .and_then(|rest| rest.split_whitespace().next()?.parse::<u64>().ok())
        .map(|kb| kb / 1024);
    // Other work on the machine skews every number; the 1-minute load
    // average before the run says how much there was.
    let load_average = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<f64>().ok());
    json!({
        "cores": std::thread::available_parallelism().map_or(1, |n| n.get()),
        "cpu": cpu,
        "memory_mb": memory_mb,
        "load_average_1m_before": load_average,
    })
}
