//! `cargo xtask bench realtime`: 10,000 concurrent WebSocket clients on
//! one node, in 100 groups of 100, while messages are sent to the groups'
//! conversations and fanned out to every member's socket.
//!
//! The server is the release binary as a child process (so its resident
//! memory is its own) on a SQLite file seeded directly: users, groups,
//! members and the groups' conversations. Access tokens are signed here
//! with the secret the server is given, so 10,000 clients connect without
//! 10,000 argon2 logins. It measures the server's memory per idle
//! connection (VmRSS after every client is connected and idle, minus
//! before, divided by the clients), then sends messages at a steady rate
//! from random members and records, at every receiving socket, the time
//! from just before the send request to the frame's arrival: deliveries
//! per second and p50/p99 delivery latency. The file descriptor limit is
//! raised to its hard limit first (the server inherits it). Results go to
//! `$BENCH_OUT_DIR/realtime.json`; targets are reported, never asserted.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use futures_util::StreamExt;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{Connection, Executor};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;

mod common;

const CLIENTS: usize = 10_000;
const GROUPS: usize = 100;
/// Messages sent a second in each phase (each for `SENDING`): a steady
/// load, then one the writer cannot keep up with.
const RATES: [u64; 2] = [20, 100];
const SENDING: Duration = Duration::from_secs(10);
/// Sockets opened at once while connecting.
const OPENING: usize = 256;

fn user_id(n: usize) -> String {
    format!("rt-user-{n:05}")
}

fn conversation(group: usize) -> String {
    format!("rt-conversation-{group:03}")
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Users, groups of `CLIENTS / GROUPS` members and their conversations.
async fn seed(url: &str) {
    let options: SqliteConnectOptions = url.parse().unwrap();
    let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    let at = now() - 86_400;
    for n in 0..CLIENTS {
        sqlx::query(
            "INSERT INTO users (id, email, username, display_name, password_hash, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'x', ?, ?)",
        )
        .bind(user_id(n))
        .bind(format!("rt{n:05}@bench.example"))
        .bind(format!("rt{n:05}"))
        .bind(format!("Reader {n}"))
        .bind(at)
        .bind(at)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    let size = CLIENTS / GROUPS;
    for g in 0..GROUPS {
        let group = format!("rt-group-{g:03}");
        sqlx::query(
            "INSERT INTO user_groups (id, name, description, creator_id, privacy, member_limit,
               member_count, invite_code, created_at, updated_at)
             VALUES (?, ?, '', ?, 'private', 1000, ?, ?, ?, ?)",
        )
        .bind(&group)
        .bind(format!("Circle {g}"))
        .bind(user_id(g * size))
        .bind(size as i64)
        .bind(format!("RTINVITE{g:03}"))
        .bind(at)
        .bind(at)
        .execute(&mut *tx)
        .await
        .unwrap();
        for n in g * size..(g + 1) * size {
            sqlx::query("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)")
                .bind(&group)
                .bind(user_id(n))
                .bind(if n == g * size { "admin" } else { "member" })
                .bind(at)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        sqlx::query(
            "INSERT INTO conversations (id, kind, group_id, created_at) VALUES (?, 'group', ?, ?)",
        )
        .bind(conversation(g))
        .bind(&group)
        .bind(at)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        .await
        .unwrap();
}

/// The release server, killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    async fn start(url: &str, secret: &str) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_companion-server"))
            .args(["--database-url", url])
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(["--log-format", "text"])
            .arg(format!("--jwt-secret={secret}"))
            .args(["--user-rate-limit-per-minute", "0"])
            .args(["--chat-messages-per-minute", "0"])
            .args(["--announce-seconds", "0"])
            .env("COMPANION_LOG", "warn")
            .spawn()
            .unwrap();
        let server = Server {
            child,
            base: format!("127.0.0.1:{port}"),
        };
        let started = Instant::now();
        loop {
            let health = reqwest::get(format!("http://{}/health", server.base)).await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return server;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the server starts"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }
}

/// What one client saw: delivery latencies in microseconds, per phase.
type Latencies = Vec<Vec<u32>>;

/// One client: connects, reads its catch-up, then records the latency of
/// every message until `stop`.
async fn client(
    base: String,
    token: String,
    origin: Instant,
    (connected, stop): (Arc<AtomicUsize>, Arc<AtomicBool>),
    opening: tokio::sync::OwnedSemaphorePermit,
) -> Latencies {
    let mut request = format!("ws://{base}/api/v1/ws")
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    // Small buffers, as the server's: 10,000 clients in this process too.
    let config = WebSocketConfig::default()
        .read_buffer_size(4096)
        .write_buffer_size(0);
    let mut ws = loop {
        match tokio_tungstenite::connect_async_with_config(request.clone(), Some(config), true)
            .await
        {
            Ok((ws, _)) => break ws,
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    };
    let mut latencies = vec![Vec::new(); RATES.len()];
    // The catch-up ends with `ready`.
    loop {
        let text = match ws.next().await {
            Some(Ok(Message::Text(text))) => text,
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            _ => return latencies,
        };
        let frame: Value = serde_json::from_str(text.as_str()).unwrap_or(Value::Null);
        if frame["type"] == "ready" {
            connected.fetch_add(1, Ordering::Relaxed);
            // The next client may open now.
            drop(opening);
            break;
        }
    }
    while !stop.load(Ordering::Relaxed) {
        let Ok(next) = tokio::time::timeout(Duration::from_millis(500), ws.next()).await else {
            continue;
        };
        let Some(Ok(Message::Text(text))) = next else {
            if matches!(next, Some(Err(_)) | None | Some(Ok(Message::Close(_)))) {
                break;
            }
            continue;
        };
        let arrived = origin.elapsed().as_micros() as u64;
        let frame: Value = serde_json::from_str(text.as_str()).unwrap_or(Value::Null);
        if frame["kind"] == "message_created" {
            // The body is `{phase}:{micros}`, the send time.
            let sent = frame["data"]["body"]
                .as_str()
                .and_then(|body| body.split_once(':'))
                .and_then(|(phase, micros)| {
                    Some((phase.parse::<usize>().ok()?, micros.parse::<u64>().ok()?))
                });
            if let Some((phase, sent)) = sent {
                if let Some(phase) = latencies.get_mut(phase) {
                    phase.push(u32::try_from(arrived.saturating_sub(sent)).unwrap_or(u32::MAX));
                }
            }
        }
    }
    latencies
}

fn percentile_ms(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    (f64::from(sorted[index]) / 10.0).round() / 100.0
}

/// Raises the soft file descriptor limit to the hard one.
fn raise_fd_limit() {
    let (soft, hard) = rlimit::Resource::NOFILE.get().unwrap();
    rlimit::increase_nofile_limit(hard).unwrap();
    let (raised, _) = rlimit::Resource::NOFILE.get().unwrap();
    eprintln!("file descriptors: {soft} → {raised} (hard {hard})");
    assert!(
        raised as usize > CLIENTS + 1000,
        "the fd limit allows {CLIENTS} sockets"
    );
}

/// Connects every client (`OPENING` at a time): their tasks, and the
/// seconds it took.
async fn connect_all(
    server: &Server,
    signed: &[String],
    origin: Instant,
    stop: &Arc<AtomicBool>,
) -> (Vec<tokio::task::JoinHandle<Latencies>>, f64) {
    let connected = Arc::new(AtomicUsize::new(0));
    let opening = Arc::new(tokio::sync::Semaphore::new(OPENING));
    let started = Instant::now();
    let mut clients = Vec::with_capacity(CLIENTS);
    for token in signed.iter().cloned() {
        let (base, flags) = (server.base.clone(), (connected.clone(), stop.clone()));
        let permit = opening.clone().acquire_owned().await.unwrap();
        clients.push(tokio::spawn(client(base, token, origin, flags, permit)));
    }
    while connected.load(Ordering::Relaxed) < CLIENTS {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "{} of {CLIENTS} clients connected in 5 minutes",
            connected.load(Ordering::Relaxed)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (clients, started.elapsed().as_secs_f64())
}

/// Sends group messages at `rate` a second for `SENDING` from random
/// members: how many were sent and how many failed.
async fn send_phase(
    server: &Server,
    signed: &[String],
    origin: Instant,
    (phase, rate): (usize, u64),
) -> (usize, usize) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    let mut rng = rand::rngs::StdRng::seed_from_u64(7 + phase as u64);
    let mut ticks = tokio::time::interval(Duration::from_micros(1_000_000 / rate));
    let started = Instant::now();
    let mut sends = Vec::new();
    while started.elapsed() < SENDING {
        ticks.tick().await;
        let group = rng.gen_range(0..GROUPS);
        let sender = group * (CLIENTS / GROUPS) + rng.gen_range(0..CLIENTS / GROUPS);
        let url = format!(
            "http://{}/api/v1/chat/conversations/{}/messages",
            server.base,
            conversation(group)
        );
        let request = http.post(url).bearer_auth(&signed[sender]);
        let client_id = format!("rt-{phase}-{}", sends.len());
        sends.push(tokio::spawn(async move {
            let body = format!("{phase}:{}", origin.elapsed().as_micros());
            let response = request
                .json(&json!({ "client_id": client_id, "body": body }))
                .send()
                .await;
            response.is_ok_and(|r| r.status().is_success())
        }));
    }
    let sent = sends.len();
    let mut failed = 0;
    for send in sends {
        if !send.await.unwrap_or(false) {
            failed += 1;
        }
    }
    // Let the last deliveries arrive.
    tokio::time::sleep(Duration::from_secs(2)).await;
    (sent, failed)
}

/// One phase's report.
fn phase_report(rate: u64, (sent, failed): (usize, usize), mut latencies: Vec<u32>) -> Value {
    latencies.sort_unstable();
    let p99 = percentile_ms(&latencies, 0.99);
    json!({
        "rate_per_s": rate,
        "messages_sent": sent,
        "send_failures": failed,
        "deliveries_expected": sent * (CLIENTS / GROUPS),
        "deliveries": latencies.len(),
        "deliveries_per_s": (latencies.len() as f64 / SENDING.as_secs_f64()).round(),
        "p50_ms": percentile_ms(&latencies, 0.50),
        "p99_ms": p99,
        "max_ms": percentile_ms(&latencies, 1.0),
        "target_p99_ms": 100,
        "meets_target": p99 < 100.0,
    })
}

#[tokio::main]
async fn main() {
    raise_fd_limit();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("realtime.db").display());
    companion_server::store::Store::connect(&url).await.unwrap();
    seed(&url).await;
    let secret = companion_server::auth::random_token().replace('-', "x");
    let config = companion_server::config::Config::parse_from(["companion-server"]);
    let tokens = companion_server::auth::Tokens::new(&config, &secret);
    let server = Server::start(&url, &secret).await;
    // Warm: the first requests allocate what every later one reuses.
    for _ in 0..20 {
        let _ = reqwest::get(format!("http://{}/health", server.base)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_before = server.rss_kb();

    let origin = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let signed: Vec<String> = (0..CLIENTS)
        .map(|n| tokens.access_token(&user_id(n), 0, now()).unwrap())
        .collect();
    let (clients, connect_seconds) = connect_all(&server, &signed, origin, &stop).await;
    eprintln!("{CLIENTS} clients connected in {connect_seconds:.1} s");
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss_idle = server.rss_kb();
    let per_connection_kb = rss_idle.saturating_sub(rss_before) as f64 / CLIENTS as f64;
    eprintln!("server VmRSS {rss_before} kB → {rss_idle} kB: {per_connection_kb:.1} kB per idle connection");

    let mut sent = Vec::new();
    for (phase, rate) in RATES.iter().enumerate() {
        eprintln!(
            "sending {rate} group messages a second for {} s…",
            SENDING.as_secs()
        );
        sent.push(send_phase(&server, &signed, origin, (phase, *rate)).await);
    }
    let rss_after = server.rss_kb();
    stop.store(true, Ordering::Relaxed);
    let mut latencies = vec![Vec::new(); RATES.len()];
    for client in clients {
        for (all, own) in latencies.iter_mut().zip(client.await.unwrap_or_default()) {
            all.extend(own);
        }
    }
    let phases: Vec<Value> = RATES
        .iter()
        .zip(sent)
        .zip(latencies)
        .map(|((rate, sent), latencies)| phase_report(*rate, sent, latencies))
        .collect();
    let report = json!({
        "benchmark": "companion-server realtime",
        "what": "10,000 WebSocket clients on one node (the release server as its own process, a seeded SQLite file) in 100 groups of 100; group chat messages sent at a steady rate from random members over HTTP, each fanned out to the group's 100 members; latency from just before the send request to the frame's arrival at each member's socket; the clients run on the same cores",
        "machine": common::machine(),
        "clients": CLIENTS,
        "groups": GROUPS,
        "connect_s": (connect_seconds * 10.0).round() / 10.0,
        "memory": {
            "server_rss_before_kb": rss_before,
            "server_rss_idle_kb": rss_idle,
            "server_rss_after_sending_kb": rss_after,
            "per_idle_connection_kb": (per_connection_kb * 10.0).round() / 10.0,
            "target_kb": 20,
            "meets_target": per_connection_kb < 20.0,
        },
        "fanout": phases,
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    let out = common::results_dir();
    std::fs::create_dir_all(&out).unwrap();
    let path = out.join("realtime.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).unwrap() + "\n").unwrap();
    println!("realtime results -> {}", path.display());
    drop(server);
}
