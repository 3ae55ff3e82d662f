//! The harness for end-to-end tests: it starts tauri-driver (which starts
//! WebKitWebDriver, which starts the real app binary in a real window on
//! the X display in `DISPLAY`), and gives tests a WebDriver client.
//!
//! Each `Profile` is a private set of XDG directories, so tests never share
//! or leak state, and a test can quit the app and start it again on the same
//! profile to prove that something survived a restart.
//!
//! `cargo xtask test` builds the app, starts Xvfb and sets
//! `COMPANION_APP_BINARY` and `DISPLAY` before running these tests.

#![allow(clippy::unwrap_used)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use tokio::process::{Child, Command};

pub use fantoccini;

pub mod server;

/// The identifier from tauri.conf.json: the app keeps its data under it.
pub const APP_IDENTIFIER: &str = "app.qurancompanion.desktop";

/// How long to wait for something to appear on screen.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// A private home for the app: its config (database), data and cache dirs.
#[derive(Debug)]
pub struct Profile {
    dir: tempfile::TempDir,
    /// Extra environment for the app (e.g. where recitation audio comes from).
    pub env: Vec<(String, String)>,
    /// Watch the private session bus for desktop notifications.
    watch_notifications: bool,
    /// Run a real notification server (dunst) on the private session bus.
    notification_service: bool,
}

impl Profile {
    pub fn new() -> Profile {
        let dir = tempfile::tempdir().expect("a temp dir for the app profile");
        for sub in ["config", "data", "cache", "runtime"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let runtime = dir.path().join("runtime");
            std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        Profile {
            dir,
            env: Vec::new(),
            watch_notifications: false,
            notification_service: false,
        }
    }

    /// Recitation from a local audio host (see [`audio_host`]) into the
    /// null output: there is no sound card here.
    pub fn with_local_audio(self, base: &str) -> Profile {
        self.with_env("COMPANION_AUDIO_OUTPUT", "null")
            .with_env("COMPANION_AUDIO_BASE_URL", base)
    }

    /// Records every call to the desktop notification service on the app's
    /// session bus (`dbus-monitor`) into [`Profile::notifications_log`].
    pub fn watching_notifications(mut self) -> Profile {
        self.watch_notifications = true;
        self
    }

    /// Runs dunst, a real notification server, on the app's session bus
    /// (on the test's X display), keeping each notification until it is
    /// acted on; [`Profile::on_session_bus`] drives it (`dunstctl`).
    pub fn with_notification_service(mut self) -> Profile {
        let config = self.path().join("config").join("dunst");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(
            config.join("dunstrc"),
            "[global]\n    follow = none\n[urgency_low]\n    timeout = 0\n\
             [urgency_normal]\n    timeout = 0\n[urgency_critical]\n    timeout = 0\n",
        )
        .unwrap();
        self.notification_service = true;
        self
    }

    /// A command on the private session bus of the app last launched on
    /// this profile (e.g. `dunstctl`).
    pub fn on_session_bus(&self, program: &str) -> std::process::Command {
        let address = std::fs::read_to_string(self.path().join("bus")).unwrap_or_default();
        let mut command = std::process::Command::new(program);
        command
            .env("DBUS_SESSION_BUS_ADDRESS", address.trim())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_RUNTIME_DIR", self.path().join("runtime"));
        command
    }

    /// What `dbus-monitor` saw of `org.freedesktop.Notifications`.
    pub fn notifications_log(&self) -> PathBuf {
        self.path().join("notifications.log")
    }

    /// Sets an environment variable for the app.
    pub fn with_env(mut self, key: &str, value: &str) -> Profile {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Where the app keeps its SQLite file.
    pub fn database(&self) -> PathBuf {
        self.path()
            .join("config")
            .join(APP_IDENTIFIER)
            .join("companion.db")
    }
}

impl Default for Profile {
    fn default() -> Self {
        Self::new()
    }
}

/// Waits (up to [`PATIENCE`]) until dunst answers on the profile's session
/// bus: it starts beside the app, and on a busy machine it can come after
/// the window, which would then find no notification service.
async fn wait_for_dunst(profile: &Profile) {
    let started = Instant::now();
    while started.elapsed() < PATIENCE {
        let answered = profile
            .on_session_bus("dunstctl")
            .arg("is-paused")
            .output()
            .is_ok_and(|out| out.status.success());
        if answered {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("dunst did not answer on the session bus within {PATIENCE:?}");
}

/// The system's session bus configuration, except that no notification
/// server is started on demand: a test has one only when it asks for it
/// ([`Profile::with_notification_service`]), whatever this machine has
/// installed. `None` (the system's own) where the file is not as expected.
fn session_bus_config(profile: &Profile) -> Option<PathBuf> {
    const SYSTEM: &str = "/usr/share/dbus-1/session.conf";
    const STANDARD_DIRS: &str = "<standard_session_servicedirs />";
    let system = std::fs::read_to_string(SYSTEM).ok()?;
    if !system.contains(STANDARD_DIRS) {
        return None;
    }
    let services = profile.path().join("dbus-services");
    std::fs::create_dir_all(&services).ok()?;
    for entry in std::fs::read_dir("/usr/share/dbus-1/services")
        .ok()?
        .flatten()
    {
        let file = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let link = services.join(entry.file_name());
        if !file.contains("Name=org.freedesktop.Notifications") && !link.exists() {
            std::os::unix::fs::symlink(entry.path(), link).ok()?;
        }
    }
    let config = profile.path().join("session.conf");
    let dirs = format!("<servicedir>{}</servicedir>", services.display());
    std::fs::write(&config, system.replace(STANDARD_DIRS, &dirs)).ok()?;
    Some(config)
}

/// Driver, D-Bus and app output go to `driver.log` in the profile; it is
/// printed when a test fails.
fn log_file(profile: &Profile) -> Stdio {
    std::fs::File::create(profile.path().join("driver.log"))
        .map(Stdio::from)
        .unwrap_or_else(|_| Stdio::null())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn app_binary() -> PathBuf {
    let path = std::env::var_os("COMPANION_APP_BINARY")
        .map(PathBuf::from)
        .expect(
            "COMPANION_APP_BINARY is not set: run the end-to-end tests through `cargo xtask test`",
        );
    assert!(
        path.is_file(),
        "the app binary {} does not exist",
        path.display()
    );
    path
}

/// The running app and a WebDriver session on its window.
#[derive(Debug)]
pub struct App {
    pub client: Client,
    driver: Child,
    log: PathBuf,
    /// When the session was requested: the app process starts then.
    pub launched_at: Instant,
}

impl App {
    /// Starts the app on a profile and waits for its window.
    pub async fn launch(profile: &Profile) -> App {
        let port = free_port();
        let native_port = free_port();
        // A private session bus per run, so GLib does not start daemons
        // that outlive the test.
        let mut driver = Command::new("dbus-run-session");
        if let Some(config) = session_bus_config(profile) {
            driver.arg("--config-file").arg(config);
        }
        // Inside the session: note the bus's address (for commands a test
        // runs on it), start what shares the bus with the app (a monitor of
        // notification calls, a notification server), then the driver.
        let mut session = String::from("echo \"$DBUS_SESSION_BUS_ADDRESS\" > \"$0/bus\"; ");
        if profile.watch_notifications {
            session.push_str(
                "dbus-monitor --session \"interface='org.freedesktop.Notifications'\" > \"$0/notifications.log\" 2>&1 & ",
            );
        }
        if profile.notification_service {
            session.push_str("dunst > \"$0/dunst.log\" 2>&1 & ");
        }
        session.push_str("exec \"$@\"");
        driver
            .args(["--", "sh", "-c", &session])
            .arg(profile.path());
        driver
            .args(["tauri-driver", "--port"])
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            .env("XDG_CONFIG_HOME", profile.path().join("config"))
            .env("XDG_DATA_HOME", profile.path().join("data"))
            .env("XDG_CACHE_HOME", profile.path().join("cache"))
            .env("XDG_RUNTIME_DIR", profile.path().join("runtime"))
            .env("COMPANION_LOG", "info")
            .envs(profile.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdout(Stdio::null())
            .stderr(log_file(profile))
            // Its own process group, so quitting stops the whole tree
            // (dbus, tauri-driver, WebKitWebDriver, the app).
            .process_group(0)
            .kill_on_drop(true);
        if Path::new("/usr/bin/WebKitWebDriver").exists() {
            driver.args(["--native-driver", "/usr/bin/WebKitWebDriver"]);
        }
        let driver = driver
            .spawn()
            .expect("tauri-driver starts (is it installed?)");
        let capabilities = serde_json::json!({
            "browserName": "wry",
            "tauri:options": { "application": app_binary() },
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object literal")
        };
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let mut last_error = String::new();
        while started.elapsed() < PATIENCE {
            let launched_at = Instant::now();
            let mut builder = ClientBuilder::new(HttpConnector::new());
            builder.capabilities(capabilities.clone());
            match builder.connect(&url).await {
                Ok(client) => {
                    if profile.notification_service {
                        wait_for_dunst(profile).await;
                    }
                    return App {
                        client,
                        driver,
                        log: profile.path().join("driver.log"),
                        launched_at,
                    };
                }
                Err(error) => {
                    last_error = error.to_string();
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        panic!("no WebDriver session within {PATIENCE:?}: {last_error}");
    }

    /// Waits until an element matching `css` exists.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("`{css}` did not appear within {PATIENCE:?}: {e}"))
    }

    /// Waits until an element matching `css` contains `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> Element {
        let started = Instant::now();
        let mut seen = String::new();
        while started.elapsed() < PATIENCE {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                seen = element.text().await.unwrap_or_default();
                if seen.contains(text) {
                    return element;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("`{css}` never contained {text:?} (last seen: {seen:?})");
    }

    /// Waits (up to `limit`) until the first element matching `css` has
    /// `attribute` equal to `want`.
    pub async fn wait_for_attribute(
        &self,
        css: &str,
        attribute: &str,
        want: &str,
        limit: Duration,
    ) {
        let started = Instant::now();
        let mut seen = None;
        while started.elapsed() < limit {
            if let Some(element) = self.all(css).await.into_iter().next() {
                seen = element.attr(attribute).await.ok().flatten();
                if seen.as_deref() == Some(want) {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        panic!("`{css}` {attribute} never became {want:?} (last seen: {seen:?})");
    }

    /// Starts a khatm plan on home ending on `end` (`YYYY-MM-DD`), and
    /// waits until today's portion starts at `first`.
    pub async fn start_khatm(&self, end: &str, first: &str) {
        self.wait_for("#khatm-date").await;
        self.script(&format!(
            "const d = document.getElementById('khatm-date');
             d.value = '{end}'; d.dispatchEvent(new Event('change', {{ bubbles: true }}));
             return true;"
        ))
        .await;
        self.click("#khatm-start").await;
        self.wait_for_attribute("#khatm", "data-start", first, Duration::from_secs(10))
            .await;
    }

    /// Creates an account on the Account screen (on the server the app
    /// points at) and waits until it is signed in.
    pub async fn register(&self, email: &str, username: &str, name: &str, password: &str) {
        self.click("#nav-account").await;
        self.click("#account-mode-register").await;
        self.type_into("#account-email", email).await;
        self.type_into("#account-username", username).await;
        self.type_into("#account-name", name).await;
        self.type_into("#account-password", password).await;
        self.click("#account-submit").await;
        self.wait_for("#account-signed-in").await;
    }

    /// On the Together screen, makes a group named `name`: its invite code
    /// and its id.
    pub async fn create_group(&self, name: &str) -> (String, String) {
        self.click("#together-tab-groups").await;
        self.type_into("#group-name", name).await;
        self.click("#group-create-submit").await;
        let code = self
            .wait_for("#groups .invite-code")
            .await
            .text()
            .await
            .unwrap();
        let group = self.wait_for("#groups .group").await;
        let id = group.attr("data-group").await.unwrap().unwrap();
        (code.trim().to_owned(), id)
    }

    /// On the Together screen, shows the board of all time of group `id`.
    pub async fn show_group_board(&self, id: &str) {
        self.click("#together-tab-boards").await;
        self.wait_for(&format!("#board-scope option[value='{id}']"))
            .await;
        self.script(&format!(
            "const s = document.getElementById('board-scope');
             s.value = '{id}'; s.dispatchEvent(new Event('change', {{ bubbles: true }}));
             return true;"
        ))
        .await;
        self.click("#board-all_time").await;
    }

    /// All elements matching `css` now.
    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_default()
    }

    /// Clicks the element matching `css`, once it exists.
    pub async fn click(&self, css: &str) {
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("could not click `{css}`: {e}"));
    }

    /// Types into the element matching `css`; a trailing `\n` presses Enter.
    pub async fn type_into(&self, css: &str, text: &str) {
        let element = self.wait_for(css).await;
        element.clear().await.ok();
        // WebDriver's code point for the Enter key.
        let keys = text.replace('\n', "\u{E007}");
        element
            .send_keys(&keys)
            .await
            .unwrap_or_else(|e| panic!("could not type into `{css}`: {e}"));
    }

    /// Runs a script in the page and returns its JSON result.
    pub async fn script(&self, js: &str) -> serde_json::Value {
        self.client
            .execute(js, Vec::new())
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{js}"))
    }

    /// Whether the element matching `css` starts in the upper half of the
    /// window, below the bars: where the reader puts an ayah it opens at.
    pub async fn is_near_top(&self, css: &str) -> bool {
        let js = format!(
            "const e = document.querySelector({css:?}); if (!e) return false;
             const r = e.getBoundingClientRect();
             return r.top > 40 && r.top < window.innerHeight / 2;",
        );
        self.script(&js).await.as_bool().unwrap_or(false)
    }

    /// A PNG of the window.
    pub async fn screenshot(&self) -> Vec<u8> {
        self.client.screenshot().await.expect("a screenshot")
    }

    /// Quits the app (ends the session) and stops the driver.
    pub async fn quit(mut self) {
        let _ = self.client.clone().close().await;
        self.stop_tree();
        let _ = self.driver.wait().await;
    }

    /// Kills the app and its drivers at once (`kill -9`), as a crash
    /// would: nothing gets to save or close.
    pub async fn kill(mut self) {
        if let Some(pid) = self.driver.id() {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", "--", &format!("-{pid}")])
                .status();
        }
        let _ = self.driver.wait().await;
    }

    fn stop_tree(&mut self) {
        if let Some(pid) = self.driver.id() {
            // The driver leads its own process group: signal all of it.
            let _ = std::process::Command::new("kill")
                .args(["-TERM", "--", &format!("-{pid}")])
                .status();
        }
        let _ = self.driver.start_kill();
    }
}

impl Drop for App {
    /// A failed test must not leave a window and drivers running.
    fn drop(&mut self) {
        self.stop_tree();
        if std::thread::panicking() {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            eprintln!("--- last lines of {} ---", self.log.display());
            for line in tail.into_iter().rev() {
                eprintln!("{line}");
            }
        }
    }
}

/// Starts a local audio host on loopback that serves the audio crate's
/// generated test MP3s for every ayah (`/{reciter dir}/{SSSAAA}.mp3`),
/// rotating among them; returns its base URL.
pub async fn audio_host() -> String {
    async fn file(
        axum::extract::Path((_dir, name)): axum::extract::Path<(String, String)>,
    ) -> axum::response::Response {
        use axum::response::IntoResponse;
        let n: u32 = name.trim_end_matches(".mp3").parse().unwrap_or(0);
        let fixture = ["a.mp3", "b.mp3", "c.mp3"][(n % 3) as usize];
        let path = format!(
            "{}/../audio/tests/fixtures/{fixture}",
            env!("CARGO_MANIFEST_DIR")
        );
        match std::fs::read(path) {
            Ok(bytes) => {
                ([(axum::http::header::CONTENT_TYPE, "audio/mpeg")], bytes).into_response()
            }
            Err(_) => axum::http::StatusCode::NOT_FOUND.into_response(),
        }
    }
    // A test double of a third-party audio host, not part of our API.
    #[allow(clippy::disallowed_methods)]
    let app = axum::Router::new().route("/{dir}/{name}", axum::routing::get(file));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port for the audio host");
    let base = format!(
        "http://{}",
        listener.local_addr().expect("the audio host's address")
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}
