//! A throwaway Redis for the tests: `redis-server` (the Debian package)
//! on a free loopback port, its files in a temp directory, nothing saved
//! (no RDB snapshots, no append-only file), stopped and removed on drop.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::postgres::free_port;
use crate::process::{Error, Result};

pub struct Redis {
    dir: PathBuf,
    child: Child,
    port: u16,
}

impl Redis {
    pub fn start() -> Result<Redis> {
        let dir = std::env::temp_dir().join(format!("companion-redis-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::Io(dir.clone(), e))?;
        let port = free_port()?;
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| Error::Other(format!("cannot start redis-server: {e}")))?;
        let redis = Redis { dir, child, port };
        // Ready when it accepts a connection.
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(10) {
                return Err(Error::Other(format!(
                    "redis-server did not listen on 127.0.0.1:{port} within 10 s"
                )));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        eprintln!("xtask: Redis listening on 127.0.0.1:{port}");
        Ok(redis)
    }

    /// Its URL.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn a_throwaway_redis_answers_on_loopback_and_leaves_nothing_behind() {
        let redis = Redis::start().expect("redis-server is installed (cargo xtask install)");
        let mut connection = std::net::TcpStream::connect(("127.0.0.1", redis.port)).unwrap();
        connection.write_all(b"PING\r\n").unwrap();
        let mut answer = [0u8; 7];
        connection.read_exact(&mut answer).unwrap();
        assert_eq!(&answer, b"+PONG\r\n");
        assert!(redis.url().starts_with("redis://127.0.0.1:"));
        let dir = redis.dir.clone();
        drop(redis);
        assert!(!dir.exists(), "its directory is removed with it");
    }
}
