//! The local sync server `cargo xtask run` starts beside the app, so the
//! account screen has a server to sign in to: companion-server on
//! 127.0.0.1:8787 with its SQLite file under the target directory (kept
//! between runs, so accounts stay), stopped when the app closes. If a
//! server answers there already (`cargo xtask serve` in another
//! terminal), that one is used.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::{cmd, Error, Result};

/// Where the app finds it.
pub const URL: &str = "http://127.0.0.1:8787";
const ADDRESS: (&str, u16) = ("127.0.0.1", 8787);

/// The server started here, stopped on drop (`None`: another answered).
pub struct LocalServer(Option<Child>);

impl Drop for LocalServer {
    fn drop(&mut self) {
        if let Some(child) = self.0.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn answers() -> bool {
    std::net::TcpStream::connect(ADDRESS).is_ok()
}

/// Builds and starts the server unless one answers at [`URL`].
pub fn start(root: &Path, target: &Path) -> Result<LocalServer> {
    if answers() {
        eprintln!("xtask: a sync server answers at {URL}; the app uses it");
        return Ok(LocalServer(None));
    }
    cmd("cargo")
        .args(["build", "--package", "companion-server"])
        .current_dir(root)
        .run()?;
    let dir = target.join("local-server");
    std::fs::create_dir_all(&dir).map_err(|e| Error::Io(dir.clone(), e))?;
    let database = format!("sqlite://{}", dir.join("companion-server.db").display());
    let log = dir.join("server.log");
    let log_file = std::fs::File::create(&log).map_err(|e| Error::Io(log.clone(), e))?;
    let binary = target.join("debug").join("companion-server");
    let child = Command::new(&binary)
        .args(["--database-url", &database])
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .map_err(|e| Error::Spawn(binary.display().to_string(), e))?;
    let server = LocalServer(Some(child));
    let started = Instant::now();
    while !answers() {
        if started.elapsed() > Duration::from_secs(20) {
            return Err(Error::Other(format!(
                "the local sync server did not listen on {URL} within 20 s (see {})",
                log.display()
            )));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!(
        "xtask: sync server on {URL} (database {database}, log {})",
        log.display()
    );
    Ok(server)
}
