//! `cargo xtask`: every chore of the project in one place (matklad's
//! cargo-xtask pattern). It installs what a fresh Debian/Ubuntu machine lacks
//! (only from package registries), builds the UI with trunk, runs the app,
//! runs every check, takes screenshots and runs the benchmarks.
//!
//! It must stay idempotent: when everything is installed, each install step
//! is a quick look-up and nothing is downloaded or rebuilt.

mod faketime;
mod install;
mod local_server;
mod postgres;
mod process;
mod redis;

use std::env;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use process::{cmd, Error, Result};

const USAGE: &str = "\
cargo xtask <command>

Commands:
  run            install what is missing, build the UI and launch the app
  test           install what is missing and run every check:
                 fmt, clippy, unit and UI tests (core, server and app
                 tests again under faketime at midnight and at a DST
                 change), end-to-end tests in Xvfb
  screenshots    take PNGs of the main screens of the real app (screenshots/)
  serve          run the sync server (companion-server) on 127.0.0.1:8787
                 with an embedded SQLite file; extra arguments go to it
  bench [which]  run the benchmarks and write results to bench-results/;
                 which: all (default), search, startup, audio, server,
                 habit or realtime
  install        only install the tools and system packages
  build-ui       only build the UI (ui/dist)
";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let started = Instant::now();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        Some("screenshots") => screenshots(),
        Some("bench") => bench(&args[1..]),
        Some("serve") => serve(&args[1..]),
        Some("install") => install::all(),
        Some("build-ui") => build_ui(),
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(Error::Usage(format!(
            "unknown command `{other}`\n\n{USAGE}"
        ))),
    };
    match result {
        Ok(()) => {
            eprintln!("xtask: done in {:.0?}", started.elapsed());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("xtask: error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate's directory).
///
/// `cargo run` sets `CARGO_MANIFEST_DIR` for the running binary too; that is
/// preferred over the compile-time value, because a binary shared through a
/// common target directory may have been built from another checkout.
fn root() -> PathBuf {
    let manifest = env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn build_ui() -> Result<()> {
    install::path_with_cargo_bin();
    cmd("trunk")
        .args(["build", "--release"])
        .current_dir(root().join("ui"))
        .run()
}

fn run() -> Result<()> {
    install::all()?;
    build_ui()?;
    let root = root();
    // The account screen signs in to a sync server: a local one on SQLite
    // (under target/, kept between runs), unless one answers already.
    let _server = local_server::start(&root, &target_dir())?;
    cmd("cargo")
        .args(["run", "--package", "companion-app"])
        .env("COMPANION_SERVER_URL", local_server::URL)
        .current_dir(root)
        .run()
}

/// Builds the app binary the end-to-end tests and screenshots drive.
fn build_app() -> Result<PathBuf> {
    cmd("cargo")
        .args(["build", "--package", "companion-app"])
        .current_dir(root())
        .run()?;
    Ok(target_dir().join("debug").join("quran-companion"))
}

fn test() -> Result<()> {
    install::all()?;
    build_ui()?;
    let root = root();
    step("rustfmt");
    cmd("cargo")
        .args(["fmt", "--all", "--check"])
        .current_dir(&root)
        .run()?;
    step("clippy");
    cmd("cargo")
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&root)
        .run()?;
    // One run for every crate but the end-to-end suite: unit tests,
    // quran-data's integration tests, and the UI's components rendered
    // server-side.
    // The server's API suite runs against SQLite and against this real
    // PostgreSQL server.
    let postgres = postgres::Postgres::start()?;
    // And against a real Redis (the two-node suite).
    let redis = redis::Redis::start()?;
    step("unit, integration and UI component tests");
    // The whole workspace in every step, so each dependency is built once
    // with one set of features. This also builds the end-to-end suite,
    // whose tests are ignored here and run in a window below, and the app
    // binary they drive.
    let suites = ["--workspace"];
    cmd("cargo")
        .args(["test"])
        .args(suites)
        .env("COMPANION_TEST_POSTGRES", postgres.url())
        .env("COMPANION_TEST_REDIS", redis.url())
        .current_dir(&root)
        .run()?;
    postgres.drop_test_databases()?;
    step("core, server and app tests again at midnight and at a DST change (faketime)");
    let (url, redis_url) = (postgres.url(), redis.url());
    faketime::run_suites(
        &suites,
        &[
            ("COMPANION_TEST_POSTGRES", &url),
            ("COMPANION_TEST_REDIS", &redis_url),
        ],
        &|| postgres.drop_test_databases(),
    )?;
    drop(redis);
    drop(postgres);
    step("end-to-end tests in a real window");
    let app = target_dir().join("debug").join("quran-companion");
    if !app.is_file() {
        return Err(Error::Other(format!(
            "the app binary {} was not built with the tests",
            app.display()
        )));
    }
    let display = process::Xvfb::start()?;
    cmd("cargo")
        .args([
            "test",
            "--workspace",
            "--test",
            "reader",
            "--test",
            "recitation",
            "--test",
            "progress",
            "--test",
            "daily",
            "--test",
            "focus",
            "--test",
            "dhikr",
            "--test",
            "reminders",
            "--test",
            "account",
            "--test",
            "together",
            "--test",
            "chat",
            "--",
            "--ignored",
            "--test-threads=1",
        ])
        .env("DISPLAY", display.name())
        .env("COMPANION_APP_BINARY", &app)
        .current_dir(&root)
        .run()
}

fn serve(args: &[String]) -> Result<()> {
    cmd("cargo")
        .args(["run", "--release", "--package", "companion-server", "--"])
        .args(args)
        .current_dir(root())
        .run()
}

fn screenshots() -> Result<()> {
    install::all()?;
    build_ui()?;
    let app = build_app()?;
    let display = process::Xvfb::start()?;
    let out = root().join("screenshots");
    cmd("cargo")
        .args(["run", "--package", "companion-e2e", "--bin", "screenshots"])
        .env("DISPLAY", display.name())
        .env("COMPANION_APP_BINARY", &app)
        .env("SCREENSHOT_DIR", &out)
        .current_dir(root())
        .run()?;
    eprintln!("xtask: screenshots written to {}", out.display());
    Ok(())
}

fn bench(args: &[String]) -> Result<()> {
    let out = root().join("bench-results");
    std::fs::create_dir_all(&out).map_err(|e| Error::Io(out.clone(), e))?;
    let which = args.first().map(String::as_str).unwrap_or("all");
    if !matches!(
        which,
        "all" | "search" | "data" | "audio" | "startup" | "server" | "habit" | "realtime"
    ) {
        return Err(Error::Usage(format!(
            "unknown benchmark `{which}`: use all, search, audio, startup, server, habit or realtime"
        )));
    }
    if matches!(which, "all" | "search" | "data") {
        step("criterion: search and text load");
        cmd("cargo")
            .args(["bench", "--package", "quran-data"])
            .env("BENCH_OUT_DIR", &out)
            .current_dir(root())
            .run()?;
    }
    if matches!(which, "all" | "audio") {
        step("recitation: decode, play to sound, downloads");
        install::all()?;
        cmd("cargo")
            .args(["bench", "--package", "companion-audio", "--bench", "audio"])
            .env("BENCH_OUT_DIR", &out)
            .current_dir(root())
            .run()?;
    }
    if matches!(which, "all" | "startup") {
        step("app start-up to home screen");
        install::all()?;
        build_ui()?;
        let app = build_app()?;
        let display = process::Xvfb::start()?;
        cmd("cargo")
            .args(["run", "--package", "companion-e2e", "--bin", "startup"])
            .env("DISPLAY", display.name())
            .env("COMPANION_APP_BINARY", &app)
            .env("BENCH_OUT_DIR", &out)
            .current_dir(root())
            .run()?;
    }
    if matches!(which, "all" | "habit") {
        step("habit: stats, summary, achievements and counting an ayah over 5 years of reading");
        cmd("cargo")
            .args(["bench", "--package", "companion-app", "--bench", "habit"])
            .env("BENCH_OUT_DIR", &out)
            .current_dir(root())
            .run()?;
    }
    if matches!(which, "all" | "server") {
        step("sync server under load (release build, seeded SQLite)");
        cmd("cargo")
            .args(["bench", "--package", "companion-server", "--bench", "load"])
            .env("BENCH_OUT_DIR", &out)
            .current_dir(root())
            .run()?;
    }
    if matches!(which, "all" | "realtime") {
        step("sync server: 10,000 WebSocket clients in 100 groups (release build)");
        cmd("cargo")
            .args([
                "bench",
                "--package",
                "companion-server",
                "--bench",
                "realtime",
            ])
            .env("BENCH_OUT_DIR", &out)
            .current_dir(root())
            .run()?;
    }
    eprintln!("xtask: results in {}", out.display());
    Ok(())
}

fn step(name: &str) {
    eprintln!("\nxtask: ── {name} ──");
}
