//! A throwaway PostgreSQL server for the tests: a fresh cluster in a temp
//! directory, listening on a free loopback port, stopped (and removed) on
//! drop. As root the cluster runs as the `postgres` user, because
//! PostgreSQL refuses to run as root.

use std::path::{Path, PathBuf};

use crate::process::{cmd, Error, Result};

pub struct Postgres {
    dir: PathBuf,
    bin: PathBuf,
    as_postgres: bool,
    port: u16,
}

/// The newest installed server's `bin` directory (Debian layout).
fn bin_dir() -> Result<PathBuf> {
    let root = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(root)
        .map_err(|e| Error::Io(root.to_path_buf(), e))?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, bin)| bin)
        .ok_or_else(|| Error::Other("no PostgreSQL server found under /usr/lib/postgresql".into()))
}

/// A loopback port no one listens on now.
pub fn free_port() -> Result<u16> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| Error::Other(format!("no free port: {e}")))
}

impl Postgres {
    pub fn start() -> Result<Postgres> {
        let bin = bin_dir()?;
        let as_postgres = cmd("id")
            .args(["-u"])
            .output()
            .is_ok_and(|id| id.trim() == "0");
        let dir = std::env::temp_dir().join(format!("companion-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::Io(dir.clone(), e))?;
        if as_postgres {
            cmd("chown")
                .args(["-R", "postgres:postgres"])
                .args([&dir])
                .run()?;
        }
        let port = free_port()?;
        let pg = Postgres {
            dir,
            bin,
            as_postgres,
            port,
        };
        let data = pg.dir.join("data");
        pg.run_tool(
            "initdb",
            &[
                "-D",
                &data.to_string_lossy(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        )?;
        // fsync off and a socket in our own directory: fast and private.
        // Minimal WAL kept small: the suites make hundreds of databases,
        // and a CI run once failed on a full disk.
        let options = format!(
            "-h 127.0.0.1 -p {port} -k {} -F -c wal_level=minimal -c max_wal_senders=0 \
             -c max_wal_size=96MB -c min_wal_size=32MB -c checkpoint_timeout=60s",
            pg.dir.display()
        );
        pg.run_tool(
            "pg_ctl",
            &[
                "-D",
                &data.to_string_lossy(),
                "-l",
                &pg.dir.join("server.log").to_string_lossy(),
                "-o",
                &options,
                "-w",
                "start",
            ],
        )?;
        eprintln!("xtask: PostgreSQL listening on 127.0.0.1:{port}");
        Ok(pg)
    }

    fn run_tool(&self, tool: &str, args: &[&str]) -> Result<()> {
        let program = self.bin.join(tool);
        if self.as_postgres {
            cmd("runuser")
                .args(["-u", "postgres", "--"])
                .args([&program])
                .args(args)
                .quiet()
                .run()
        } else {
            cmd(&program.to_string_lossy()).args(args).quiet().run()
        }
    }

    /// Drops the databases the test suites made (`t_…`, one per test),
    /// so a long run does not fill the disk.
    pub fn drop_test_databases(&self) -> Result<()> {
        let psql = self.bin.join("psql").to_string_lossy().into_owned();
        let port = self.port.to_string();
        let connect = [
            "-h",
            "127.0.0.1",
            "-p",
            &port,
            "-U",
            "postgres",
            "-d",
            "postgres",
        ];
        let listed = cmd(&psql)
            .args(connect)
            .args([
                "-Atc",
                "SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'",
            ])
            .output()?;
        let drops: Vec<String> = listed
            .lines()
            .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .map(|name| format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .collect();
        for batch in drops.chunks(50) {
            let mut run = cmd(&psql).args(connect).args(["-q"]);
            for drop in batch {
                run = run.args(["-c", drop.as_str()]);
            }
            run.quiet().run()?;
        }
        Ok(())
    }

    /// A URL for the `postgres` database as the superuser.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self.run_tool(
            "pg_ctl",
            &[
                "-D",
                &data.to_string_lossy(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
