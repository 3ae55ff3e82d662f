//! The test suites of the crates with rules about the time of day (`core`,
//! the server, the app's store and views) run once more at awkward
//! instants, under libfaketime: a test that passes only at some hours
//! fails here instead of in CI at random.
//!
//! faketime is applied to the built test binaries only: under a faked
//! clock cargo would see every file as changed and rebuild, and a frozen
//! clock would hang it. The clock starts at the instant and runs on.

use std::path::{Path, PathBuf};

use crate::process::{cmd, Error, Result};

/// A moment the suites are run at: a local time in a zone.
struct Moment {
    what: &'static str,
    zone: &'static str,
    /// `YYYY-MM-DD hh:mm:ss` in `zone`, as libfaketime reads it.
    local: &'static str,
}

const MOMENTS: &[Moment] = &[
    Moment {
        what: "20 seconds before midnight UTC, at the end of a Sunday and of a month",
        zone: "UTC",
        local: "2026-05-31 23:59:40",
    },
    Moment {
        what: "20 seconds before the clocks spring forward in New York",
        zone: "America/New_York",
        local: "2026-03-08 01:59:40",
    },
];

/// The packages whose test binaries run under the faked clock, by folder.
const PACKAGES: &[&str] = &["core", "server", "src-tauri"];

/// Builds (or finds already built) the test binaries and runs each at
/// every moment, `after_each` after each run (to clear what it left);
/// any failure fails the whole step.
pub fn run_suites(
    cargo_test_args: &[&str],
    envs: &[(&str, &str)],
    after_each: &dyn Fn() -> Result<()>,
) -> Result<()> {
    let library = library()?;
    let binaries = test_binaries(cargo_test_args)?;
    if binaries.is_empty() {
        return Err(Error::Other(
            "found no test binaries to run under faketime".into(),
        ));
    }
    for moment in MOMENTS {
        eprintln!(
            "xtask: faketime: {} ({} in {})",
            moment.what, moment.local, moment.zone
        );
        for TestBinary { path, dir, label } in &binaries {
            let mut run = cmd(&path.to_string_lossy())
                .env("LD_PRELOAD", &library)
                .env("FAKETIME", format!("@{}", moment.local))
                .env("TZ", moment.zone)
                .env("CARGO_MANIFEST_DIR", dir)
                .current_dir(dir);
            for (key, value) in envs {
                run = run.env(key, value);
            }
            let out = run.run_captured()?;
            eprintln!("  {label}: {}", summary(&out));
            after_each()?;
        }
    }
    Ok(())
}

/// libfaketime's multi-threaded build, from Debian's `libfaketime`.
fn library() -> Result<PathBuf> {
    let listed = cmd("dpkg-query")
        .args(["-L", "libfaketime"])
        .output()
        .unwrap_or_default();
    listed
        .lines()
        .map(PathBuf::from)
        .find(|p| p.file_name().is_some_and(|n| n == "libfaketimeMT.so.1"))
        .filter(|p| p.is_file())
        .ok_or_else(|| {
            Error::Other("libfaketimeMT.so.1 not found: install the Debian package faketime".into())
        })
}

/// A built test executable.
struct TestBinary {
    path: PathBuf,
    /// Its package's folder (where cargo runs it).
    dir: PathBuf,
    /// `target (kind)`, for the log.
    label: String,
}

/// The test executables of [`PACKAGES`], from `cargo test --no-run` with
/// the same arguments as the test run (so nothing is rebuilt).
fn test_binaries(cargo_test_args: &[&str]) -> Result<Vec<TestBinary>> {
    let out = cmd("cargo")
        .args(["test", "--no-run", "--message-format=json"])
        .args(cargo_test_args)
        .current_dir(crate::root())
        .output()?;
    let root = crate::root();
    let wanted: Vec<PathBuf> = PACKAGES.iter().map(|p| root.join(p)).collect();
    let mut binaries = Vec::new();
    for line in out.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact" || message["profile"]["test"] != true {
            continue;
        }
        let (Some(executable), Some(manifest)) = (
            message["executable"].as_str(),
            message["manifest_path"].as_str(),
        ) else {
            continue;
        };
        let Some(dir) = Path::new(manifest).parent() else {
            continue;
        };
        if wanted.iter().any(|w| w == dir) {
            let target = &message["target"];
            binaries.push(TestBinary {
                path: PathBuf::from(executable),
                dir: dir.to_path_buf(),
                label: format!(
                    "{} ({})",
                    target["name"].as_str().unwrap_or("?"),
                    kind(&target["kind"])
                ),
            });
        }
    }
    Ok(binaries)
}

/// `lib`, `bin` or `test`, from a target's kinds.
fn kind(kinds: &serde_json::Value) -> &str {
    let kinds: Vec<&str> = kinds
        .as_array()
        .map(|k| k.iter().filter_map(|k| k.as_str()).collect())
        .unwrap_or_default();
    if kinds.iter().any(|k| k.ends_with("lib")) {
        "lib"
    } else {
        kinds.first().copied().unwrap_or("?")
    }
}

/// "N passed" from a test binary's output (the libtest result line).
fn summary(output: &str) -> String {
    output
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix("test result: ok. "))
        .and_then(|rest| rest.split(';').next())
        .unwrap_or("passed")
        .to_owned()
}
