//! `companion-server`: with no arguments it serves on 127.0.0.1:8787 with an
//! embedded SQLite file; `--help` lists every setting.

use clap::Parser;
use companion_server::config::Config;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = Config::parse();
    companion_server::init_logging(&config);
    match companion_server::run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "the server stopped");
            eprintln!("companion-server: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
