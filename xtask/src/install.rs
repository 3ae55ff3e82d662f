//! Installs what a fresh Debian/Ubuntu machine lacks, from package
//! registries only: Debian packages through apt, the wasm32 target through
//! rustup, and trunk, wasm-bindgen-cli and tauri-driver from crates.io.
//! Nothing is downloaded from anywhere else: with wasm-bindgen-cli on PATH,
//! trunk fetches nothing at build time.

use std::env;
use std::path::PathBuf;

use crate::process::{cmd, Error, Result};

/// Debian packages to build the app (WebKitGTK, audio), to test it in a
/// real window (Xvfb, WebKitWebDriver, a session bus, a notification
/// server), to test the sync server against a real PostgreSQL and Redis, to encode
/// test audio, and to run tests under a faked clock.
const DEBIAN_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "libwebkit2gtk-4.1-dev",
    "libssl-dev",
    "librsvg2-dev",
    "libasound2-dev",
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "dbus-x11",
    // A real notification server on the tests' session bus (clicked with
    // dunstctl).
    "dunst",
    "procps",
    "postgresql",
    // Shared live delivery, limits and boards between nodes (the two-node
    // suite).
    "redis-server",
    // Encodes the MP3s of the audio benchmark (and the test fixtures).
    "lame",
    // Runs the suites once more at awkward instants (libfaketime).
    "faketime",
    // Chat reactions are emoji: a font to draw them in the test window
    // (desktops have one).
    "fonts-noto-color-emoji",
];

/// trunk 0.22 needs a newer rustc than this project's; 0.21.14 builds.
const TRUNK_VERSION: &str = "0.21.14";

pub fn all() -> Result<()> {
    path_with_cargo_bin();
    debian_packages()?;
    wasm_target()?;
    wasm_bindgen_cli()?;
    cargo_tool(
        "trunk",
        &["--locked", "trunk", "--version", TRUNK_VERSION],
        || {
            cmd("trunk")
                .args(["--version"])
                .output()
                .is_ok_and(|v| v.contains(TRUNK_VERSION))
        },
    )?;
    // tauri-driver has no --version flag: being on PATH is the check.
    cargo_tool("tauri-driver", &["--locked", "tauri-driver"], || {
        which("tauri-driver").is_some()
    })?;
    Ok(())
}

/// Makes sure `~/.cargo/bin` is on PATH for the tools installed there.
pub fn path_with_cargo_bin() {
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let Some(bin) = cargo_home.map(|h| h.join("bin")) else {
        return;
    };
    let path = env::var_os("PATH").unwrap_or_default();
    if !env::split_paths(&path).any(|p| p == bin) {
        let joined = env::join_paths(std::iter::once(bin).chain(env::split_paths(&path)));
        if let Ok(joined) = joined {
            // xtask is single-threaded here; children inherit the new PATH.
            env::set_var("PATH", joined);
        }
    }
}

fn which(program: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

fn debian_packages() -> Result<()> {
    if which("dpkg-query").is_none() || which("apt-get").is_none() {
        eprintln!(
            "xtask: not a Debian/Ubuntu system; make sure the equivalents of these are installed: {}",
            DEBIAN_PACKAGES.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = DEBIAN_PACKAGES
        .iter()
        .copied()
        .filter(|pkg| {
            !cmd("dpkg-query")
                .args(["-W", "-f=${Status}", pkg])
                .output()
                .is_ok_and(|status| status.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing Debian packages: {}", missing.join(" "));
    let is_root = cmd("id")
        .args(["-u"])
        .output()
        .is_ok_and(|id| id.trim() == "0");
    let apt = |args: &[&str]| -> Result<()> {
        let command = if is_root {
            cmd("apt-get").args(args)
        } else {
            cmd("sudo").args(["apt-get"]).args(args)
        };
        command.env("DEBIAN_FRONTEND", "noninteractive").run()
    };
    apt(&["update", "-qq"])?;
    let mut install = vec!["install", "-y", "-qq"];
    install.extend(&missing);
    apt(&install)
}

fn wasm_target() -> Result<()> {
    let installed = cmd("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .unwrap_or_default();
    if installed
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    cmd("rustup")
        .args(["target", "add", "wasm32-unknown-unknown"])
        .run()
}

/// wasm-bindgen-cli must match the `wasm-bindgen` crate in Cargo.lock
/// exactly, or trunk would try to download a matching binary.
fn wasm_bindgen_cli() -> Result<()> {
    let lock_path = crate::root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path).map_err(|e| Error::Io(lock_path.clone(), e))?;
    let version = locked_version(&lock, "wasm-bindgen").ok_or_else(|| {
        Error::Other("Cargo.lock has no wasm-bindgen package; is ui/ in the workspace?".into())
    })?;
    // `--locked` fails for this version (a locked dependency left the
    // index), so the plain install is used.
    cargo_tool(
        "wasm-bindgen-cli",
        &["wasm-bindgen-cli", "--version", &version],
        || {
            cmd("wasm-bindgen")
                .args(["--version"])
                .output()
                .is_ok_and(|v| v.split_whitespace().nth(1) == Some(version.as_str()))
        },
    )
}

/// The version of `name` recorded in a Cargo.lock.
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim();
            return version
                .strip_prefix("version = \"")
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_owned);
        }
    }
    None
}

fn cargo_tool(name: &str, install_args: &[&str], present: impl Fn() -> bool) -> Result<()> {
    if present() {
        return Ok(());
    }
    eprintln!("xtask: installing {name} from crates.io (a few minutes, once)");
    cmd("cargo").args(["install"]).args(install_args).run()
}

#[cfg(test)]
mod tests {
    use super::locked_version;

    #[test]
    fn finds_the_locked_version_of_a_package() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\n[[package]]\nname = \"wasm-bindgen-futures\"\nversion = \"0.4.50\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            locked_version(lock, "wasm-bindgen-futures").as_deref(),
            Some("0.4.50")
        );
        assert_eq!(locked_version(lock, "trunk"), None);
    }
}
