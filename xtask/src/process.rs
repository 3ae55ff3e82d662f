//! Running child processes with clear errors, and an Xvfb display that is
//! stopped when dropped.

use std::ffi::OsStr;
use std::fmt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Everything that can stop an xtask command.
#[derive(Debug)]
pub enum Error {
    /// A command could not be started (usually: not installed).
    Spawn(String, std::io::Error),
    /// A command ran and failed.
    Failed(String, Option<i32>),
    /// A file operation failed.
    Io(PathBuf, std::io::Error),
    /// The user asked for something xtask does not do.
    Usage(String),
    /// Anything else, said in a sentence.
    Other(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spawn(cmd, e) => write!(f, "could not start `{cmd}`: {e}"),
            Error::Failed(cmd, Some(code)) => write!(f, "`{cmd}` failed with exit code {code}"),
            Error::Failed(cmd, None) => write!(f, "`{cmd}` was killed by a signal"),
            Error::Io(path, e) => write!(f, "{}: {e}", path.display()),
            Error::Usage(text) | Error::Other(text) => f.write_str(text),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A command with its display form kept for error messages.
pub struct Cmd {
    inner: Command,
    shown: String,
}

/// Starts building a command.
pub fn cmd(program: &str) -> Cmd {
    Cmd {
        inner: Command::new(program),
        shown: program.to_owned(),
    }
}

impl Cmd {
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        for arg in args {
            self.shown.push(' ');
            self.shown.push_str(&arg.as_ref().to_string_lossy());
            self.inner.arg(arg);
        }
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.inner.env(key, value);
        self
    }

    pub fn current_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.inner.current_dir(dir.into());
        self
    }

    /// Hides the command's standard output (errors still show).
    pub fn quiet(mut self) -> Self {
        self.inner.stdout(Stdio::null());
        self
    }

    /// Runs to completion with inherited output; fails on a non-zero exit.
    pub fn run(mut self) -> Result<()> {
        eprintln!("$ {}", self.shown);
        let status = self
            .inner
            .status()
            .map_err(|e| Error::Spawn(self.shown.clone(), e))?;
        if status.success() {
            Ok(())
        } else {
            Err(Error::Failed(self.shown, status.code()))
        }
    }

    /// Runs with its output kept, and returns its standard output; on a
    /// failure both streams are shown and the command fails.
    pub fn run_captured(mut self) -> Result<String> {
        let out = self
            .inner
            .output()
            .map_err(|e| Error::Spawn(self.shown.clone(), e))?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if out.status.success() {
            return Ok(stdout);
        }
        eprintln!("$ {}", self.shown);
        eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
        Err(Error::Failed(self.shown, out.status.code()))
    }

    /// Runs quietly and returns its standard output.
    pub fn output(mut self) -> Result<String> {
        let out = self
            .inner
            .stderr(Stdio::null())
            .output()
            .map_err(|e| Error::Spawn(self.shown.clone(), e))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(Error::Failed(self.shown, out.status.code()))
        }
    }
}

/// A virtual X display for the tests, killed on drop. When a display is
/// already set (a developer's desktop), that one is used instead.
pub struct Xvfb {
    child: Option<Child>,
    name: String,
}

impl Xvfb {
    pub fn start() -> Result<Xvfb> {
        if std::env::var_os("XTASK_USE_CURRENT_DISPLAY").is_some() {
            if let Ok(name) = std::env::var("DISPLAY") {
                return Ok(Xvfb { child: None, name });
            }
        }
        // Pick a display number that no other X server holds.
        let number = (90..140)
            .find(|n| !std::path::Path::new(&format!("/tmp/.X{n}-lock")).exists())
            .ok_or_else(|| Error::Other("no free X display number between :90 and :139".into()))?;
        let name = format!(":{number}");
        let child = Command::new("Xvfb")
            .args([&name, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| Error::Spawn("Xvfb".into(), e))?;
        let lock = format!("/tmp/.X11-unix/X{number}");
        for _ in 0..100 {
            if std::path::Path::new(&lock).exists() {
                return Ok(Xvfb {
                    child: Some(child),
                    name,
                });
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(Error::Other(format!("Xvfb did not start on {name}")))
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
