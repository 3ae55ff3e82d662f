//! `cargo xtask bench server`: the release build of the sync server under
//! load on loopback, against a SQLite database seeded with a year of reading
//! (10,000 users in one group, 1,000,000 reading sessions).
//!
//! It measures logins, authenticated reads, sync pushes and the group
//! leaderboard with a fixed number of concurrent keep-alive connections,
//! records every latency, prints a table and writes
//! `$BENCH_OUT_DIR/server.json` (default `target/bench-results/`).
//! Targets are reported, never asserted. Any answer but a 2xx is an error:
//! it is counted in the report, and the bench fails once the report is
//! written.
//!
//! The load generator runs on the same cores as the server, so throughput
//! is a floor: the client's own CPU time is reported next to the server's.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::future::Future;
use std::ops::Range;
use std::process::{Child, Command};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use companion_core::AyahRef;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::Connection;

mod common;
use common::machine;

const USERS: usize = 10_000;
const SESSIONS: usize = 1_000_000;
/// Seeded sessions lie in the last `DAYS` days.
const DAYS: i64 = 365;
const PASSWORD: &str = "BenchPass123!";
const GROUP_ID: &str = "bench-group";

/// Concurrent connections, each sending its next request as soon as the
/// previous one is answered.
const CONCURRENCY: usize = 32;
/// Timed logins at full load (argon2 is deliberately slow); half as many
/// run first with one connection per core.
const LOGINS: usize = 200;
/// Users who push (and whose tokens the read scenarios use); the first
/// `LOGINS` of them log in during the timed login scenario.
const SIGNED_IN: usize = 400;
const EVENTS_PER_PUSH: usize = 100;
/// Each user's pushes go back `EVENTS_PER_PUSH` days per round, one event a
/// day, so at most this many rounds keep every event in a day of its own.
const PUSH_ROUNDS: usize = 15;
/// How long a scenario runs under full load (`CONCURRENCY` connections).
const LOADED_FOR: Duration = Duration::from_secs(10);
/// How long the one-connection runs of pushes and leaderboards take: they
/// show the time a request itself costs, without queueing behind others.
const ALONE_FOR: Duration = Duration::from_secs(5);

#[tokio::main]
async fn main() {
    let machine = machine();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());

    // The server's own migrations make the schema; seeding then writes
    // straight to the file.
    companion_server::store::Store::connect(&url).await.unwrap();
    let hash_started = Instant::now();
    let hash = companion_server::auth::hash_password(PASSWORD.into())
        .await
        .unwrap();
    let hash_seconds = hash_started.elapsed().as_secs_f64();
    let seed_started = Instant::now();
    let journal_mode = seed(&url, &hash).await;
    let seed_seconds = seed_started.elapsed().as_secs_f64();
    eprintln!("seeded {USERS} users and {SESSIONS} sessions in {seed_seconds:.1} s");

    let afresh = boards_afresh(&url).await;
    let server = Server::start(&url).await;
    eprintln!("server healthy at {}", server.base);
    let bench = Bench {
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(120))
            .pool_max_idle_per_host(CONCURRENCY * 2)
            .build()
            .unwrap(),
        base: server.base.clone(),
        pid: server.child.id(),
    };

    let memory_at_start = memory(bench.pid);

    // Logins one per core first, then at full load: the server hashes on
    // as many threads as there are logins in flight, and the memory after
    // each run shows what that costs.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let tokens = Arc::new(Mutex::new(vec![String::new(); SIGNED_IN]));
    let mut scenarios = vec![
        bench.login(0..LOGINS / 2, cores, &tokens).await,
        bench
            .login(LOGINS / 2..LOGINS / 2 + LOGINS, CONCURRENCY, &tokens)
            .await,
    ];
    // The other users who push sign in untimed.
    bench
        .login(LOGINS / 2 + LOGINS..SIGNED_IN, CONCURRENCY, &tokens)
        .await;
    let tokens: Arc<Vec<String>> = Arc::new(tokens.lock().unwrap().clone());
    scenarios.push(bench.me(&tokens).await);
    // Pushes take their users' days in turn; the loaded run carries on
    // where the lone one stopped.
    let (alone, pushed) = bench.push(&tokens, 1, ALONE_FOR, 0).await;
    scenarios.push(alone);
    let (loaded, mut pushed) = bench.push(&tokens, CONCURRENCY, LOADED_FOR, pushed).await;
    scenarios.push(loaded);
    // Boards alone, then while one connection pushes: every push changes
    // what the boards show, so a board cache cannot hide the query.
    for (period, target) in [("all_time", Target::MaxP99Ms(20.0)), ("week", Target::None)] {
        for (concurrency, duration, pushing) in [
            (1, ALONE_FOR, false),
            (CONCURRENCY, LOADED_FOR, false),
            (CONCURRENCY, LOADED_FOR, true),
        ] {
            let pushing_from = pushing.then_some(pushed);
            let (board, next) = bench
                .leaderboard(&tokens, period, target, concurrency, duration, pushing_from)
                .await;
            scenarios.push(board);
            pushed = next.unwrap_or(pushed);
        }
    }
    let memory_at_end = memory(bench.pid);
    let rate_limit_flag = server.rate_limit_flag;
    drop(server);

    print_table(&scenarios, &memory_at_start, &memory_at_end);
    let report = json!({
        "benchmark": "companion-server load",
        "what": "the release server on loopback with a SQLite file; concurrent keep-alive connections, each sending its next request when the last is answered; latency is per request as the client sees it; the client runs on the same cores",
        "machine": machine,
        "server": {
            "database": "SQLite file in a temporary directory",
            "journal_mode": journal_mode,
            "auth_rate_limit_disabled": rate_limit_flag,
        },
        "dataset": {
            "users": USERS,
            "groups": 1,
            "group_members": USERS,
            "reading_sessions": SESSIONS,
            "reading_days": DAYS,
        },
        "seeding": {
            "password_hash_s": round(hash_seconds, 3),
            "seed_s": round(seed_seconds, 2),
            "how": "users, group, members, sessions and totals through multi-row INSERTs in one transaction",
        },
        "scenarios": scenarios.iter().map(Scenario::json).collect::<Vec<_>>(),
        "boards_afresh": afresh,
        "server_memory": {
            "at_start": memory_at_start.json(),
            "at_end": memory_at_end.json(),
        },
    });
    let out = common::results_dir();
    std::fs::create_dir_all(&out).unwrap();
    let path = out.join("server.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).unwrap() + "\n").unwrap();
    println!("server load results -> {}", path.display());

    let errors: Vec<(&str, &String)> = scenarios
        .iter()
        .filter_map(|scenario| {
            Some((
                scenario.name.as_str(),
                &scenario.outcome.as_ref().ok()?.errors,
            ))
        })
        .flat_map(|(name, errors)| errors.iter().map(move |error| (name, error)))
        .collect();
    if let Some((name, error)) = errors.first() {
        eprintln!(
            "{} request(s) failed; the first, in {name}: {error}",
            errors.len()
        );
        // `exit` skips destructors: remove the database first.
        drop(dir);
        std::process::exit(1);
    }
}

// ── Seeding ─────────────────────────────────────────────────────────────

/// One SQL value to bind.
enum Cell {
    Int(i64),
    Text(String),
}

/// Inserts `rows` into `table` with multi-row `INSERT`s. The SQL text holds
/// only the constant table and column names and `?` placeholders; every
/// value is bound. Full batches share one text, so one prepared statement.
async fn insert(conn: &mut SqliteConnection, table: &str, columns: &[&str], rows: &[Vec<Cell>]) {
    // SQLite allows 32,766 bound values per statement.
    let rows_per_statement = (30_000 / columns.len()).min(1_000);
    let row = format!("({})", vec!["?"; columns.len()].join(", "));
    for batch in rows.chunks(rows_per_statement) {
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {}",
            columns.join(", "),
            vec![row.as_str(); batch.len()].join(", ")
        );
        let mut query = sqlx::query(&sql);
        for cell in batch.iter().flatten() {
            query = match cell {
                Cell::Int(value) => query.bind(*value),
                Cell::Text(value) => query.bind(value.as_str()),
            };
        }
        query.execute(&mut *conn).await.unwrap();
    }
}

fn user_id(n: usize) -> String {
    format!("bench-user-{n:05}")
}

fn email(n: usize) -> String {
    format!("reader{n:05}@bench.example")
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Letters and page thousandths of every ayah, as prefix sums in mushaf
/// order, so a range's values are one subtraction. An ayah counts for its
/// share of its page's letters, as the server counts it.
struct Mushaf {
    letters: Vec<i64>,
    page_thousandths: Vec<i64>,
}

impl Mushaf {
    fn new() -> Mushaf {
        let ayahs = quran_data::quran().ayahs();
        let mut page_letters = vec![0i64; 605];
        for ayah in ayahs {
            page_letters[usize::from(ayah.page)] += i64::from(ayah.letters);
        }
        let mut letters = vec![0];
        let mut page_thousandths = vec![0];
        for ayah in ayahs {
            let own = i64::from(ayah.letters);
            letters.push(letters.last().unwrap() + own);
            let share = (own * 1000 + page_letters[usize::from(ayah.page)] / 2)
                / page_letters[usize::from(ayah.page)].max(1);
            page_thousandths.push(page_thousandths.last().unwrap() + share);
        }
        Mushaf {
            letters,
            page_thousandths,
        }
    }

    /// `(ayahs, letters, page thousandths)` of a range within one surah.
    fn range(&self, surah: u16, start: u16, end: u16) -> (i64, i64, i64) {
        let first = usize::from(AyahRef::new(surah, start).unwrap().index());
        let last = usize::from(AyahRef::new(surah, end).unwrap().index());
        (
            i64::from(end - start + 1),
            self.letters[last + 1] - self.letters[first],
            self.page_thousandths[last + 1] - self.page_thousandths[first],
        )
    }
}

/// Fills the migrated database: users sharing one password hash, one
/// public group holding them all, a year of reading sessions and each
/// user's running totals (which the server keeps in step with sessions).
/// Returns the journal mode the server left the file in.
async fn seed(url: &str, password_hash: &str) -> String {
    let options = SqliteConnectOptions::from_str(url)
        .unwrap()
        .pragma("synchronous", "OFF")
        .pragma("cache_size", "-524288");
    let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
    let mut rng = StdRng::seed_from_u64(0x5eed);
    let now = now();
    let joined = now - (DAYS + 30) * 86_400;
    let mut tx = conn.begin().await.unwrap();

    let users: Vec<Vec<Cell>> = (0..USERS)
        .map(|n| {
            vec![
                Cell::Text(user_id(n)),
                Cell::Text(email(n)),
                Cell::Text(format!("reader{n:05}")),
                Cell::Text(format!("Reader {n}")),
                Cell::Text(password_hash.to_owned()),
                Cell::Int(joined),
                Cell::Int(joined),
                Cell::Text("UTC".into()),
                Cell::Text("circles".into()),
            ]
        })
        .collect();
    insert(
        &mut tx,
        "users",
        &[
            "id",
            "email",
            "username",
            "display_name",
            "password_hash",
            "created_at",
            "updated_at",
            "time_zone",
            "leaderboard_visibility",
        ],
        &users,
    )
    .await;

    let group = vec![vec![
        Cell::Text(GROUP_ID.into()),
        Cell::Text("Bench readers".into()),
        Cell::Text("Everyone in the load benchmark".into()),
        Cell::Text(user_id(0)),
        Cell::Text("public".into()),
        Cell::Int(100_000),
        Cell::Int(USERS as i64),
        Cell::Text("BENCHINVITE".into()),
        Cell::Int(joined),
        Cell::Int(joined),
    ]];
    insert(
        &mut tx,
        "user_groups",
        &[
            "id",
            "name",
            "description",
            "creator_id",
            "privacy",
            "member_limit",
            "member_count",
            "invite_code",
            "created_at",
            "updated_at",
        ],
        &group,
    )
    .await;
    let members: Vec<Vec<Cell>> = (0..USERS)
        .map(|n| {
            vec![
                Cell::Text(GROUP_ID.into()),
                Cell::Text(user_id(n)),
                Cell::Text(if n == 0 { "admin" } else { "member" }.into()),
                Cell::Int(joined),
            ]
        })
        .collect();
    insert(
        &mut tx,
        "group_members",
        &["group_id", "user_id", "role", "joined_at"],
        &members,
    )
    .await;

    // Sessions per user vary around the mean; written user by user, in time
    // order, as a year of syncing would have left them.
    let mut per_user = vec![0usize; USERS];
    for _ in 0..SESSIONS {
        per_user[rng.gen_range(0..USERS)] += 1;
    }
    let mushaf = Mushaf::new();
    let surahs = quran_data::quran().surahs();
    let mut totals = Vec::with_capacity(USERS);
    let mut batch = Vec::with_capacity(10_000);
    let mut next_id = 0usize;
    for (n, &count) in per_user.iter().enumerate() {
        let mut starts: Vec<i64> = (0..count)
            .map(|_| now - rng.gen_range(3_600..DAYS * 86_400))
            .collect();
        starts.sort_unstable();
        let mut sum = [0i64; 6];
        for start_time in starts {
            let surah = &surahs[rng.gen_range(0..surahs.len())];
            let start_ayah = rng.gen_range(1..=surah.ayah_count);
            let end_ayah = (start_ayah + rng.gen_range(0..20)).min(surah.ayah_count);
            let (ayahs, letters, pages) = mushaf.range(surah.number, start_ayah, end_ayah);
            // Between 4 and 12 letters a second, and a little time to settle.
            let duration = 15 + letters / rng.gen_range(4..=12);
            let hasanat = letters * 10;
            batch.push(vec![
                Cell::Text(user_id(n)),
                Cell::Text(format!("seed{next_id:07}")),
                Cell::Int(i64::from(surah.number)),
                Cell::Int(i64::from(start_ayah)),
                Cell::Int(i64::from(end_ayah)),
                Cell::Int(start_time),
                Cell::Int(start_time + duration),
                // Every seeded reader's time zone is UTC.
                Cell::Int(start_time.div_euclid(86_400)),
                Cell::Int(duration),
                Cell::Text("reading".into()),
                Cell::Int(ayahs),
                Cell::Int(letters),
                Cell::Int(hasanat),
                Cell::Int(pages),
                Cell::Int(start_time + duration),
            ]);
            next_id += 1;
            for (total, value) in sum
                .iter_mut()
                .zip([1, duration, ayahs, letters, hasanat, pages])
            {
                *total += value;
            }
        }
        if batch.len() >= 9_000 {
            insert_sessions(&mut tx, &batch).await;
            batch.clear();
        }
        let mut row = vec![Cell::Text(user_id(n))];
        row.extend(sum.map(Cell::Int));
        totals.push(row);
    }
    insert_sessions(&mut tx, &batch).await;
    insert(
        &mut tx,
        "user_totals",
        &[
            "user_id",
            "sessions",
            "seconds",
            "ayahs",
            "letters",
            "hasanat",
            "page_thousandths",
        ],
        &totals,
    )
    .await;
    // The per-day totals a push keeps with its sessions (stats read them).
    sqlx::query(
        "INSERT INTO user_days (user_id, local_day, sessions, seconds, ayahs, letters, hasanat, page_thousandths)
         SELECT user_id, local_day, COUNT(*), SUM(duration_seconds), SUM(ayahs_read), SUM(letters),
                SUM(hasanat), SUM(page_thousandths)
         FROM reading_sessions GROUP BY user_id, local_day",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    // The per-UTC-day totals boards of a window read (servers that have
    // them).
    let has_board_days: Option<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE name = 'board_days'")
            .fetch_optional(&mut *tx)
            .await
            .unwrap();
    sqlx::query(if has_board_days.is_none() {
        "SELECT 1"
    } else {
        "INSERT INTO board_days (day, user_id, seconds, ayahs, hasanat, page_thousandths)
         SELECT start_time / 86400, user_id, SUM(duration_seconds), SUM(ayahs_read), SUM(hasanat),
                SUM(page_thousandths)
         FROM reading_sessions GROUP BY start_time / 86400, user_id"
    })
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let journal_mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    journal_mode
}

async fn insert_sessions(conn: &mut SqliteConnection, rows: &[Vec<Cell>]) {
    insert(
        conn,
        "reading_sessions",
        &[
            "user_id",
            "id",
            "surah_number",
            "start_ayah",
            "end_ayah",
            "start_time",
            "end_time",
            "local_day",
            "duration_seconds",
            "session_type",
            "ayahs_read",
            "letters",
            "hasanat",
            "page_thousandths",
            "created_at",
        ],
        rows,
    )
    .await;
}

// ── The server process ──────────────────────────────────────────────────

/// The release server as a child process; killed when dropped, so a failed
/// run leaves nothing behind.
struct Server {
    child: Child,
    base: String,
    /// Whether the server took `--auth-rate-limit-per-minute 0`.
    rate_limit_flag: bool,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    async fn start(url: &str) -> Server {
        match Server::try_start(url, true).await {
            Ok(server) => server,
            Err(status) => {
                eprintln!(
                    "the server exited ({status}) on --auth-rate-limit-per-minute; starting it without"
                );
                Server::try_start(url, false)
                    .await
                    .unwrap_or_else(|status| panic!("the server exited at start: {status}"))
            }
        }
    }

    /// Starts the server and waits until `/health` answers 200; `Err` when
    /// it exits first, as it does on a flag it does not know.
    async fn try_start(
        url: &str,
        rate_limit_flag: bool,
    ) -> Result<Server, std::process::ExitStatus> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let secret = companion_server::auth::random_token();
        let mut command = Command::new(env!("CARGO_BIN_EXE_companion-server"));
        command
            .args(["--database-url", url])
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(["--log-format", "text"])
            // `=` keeps a secret that starts with `-` (URL-safe base64 can)
            // from being read as a flag.
            .arg(format!("--jwt-secret={}", &secret[..40]))
            .env("COMPANION_LOG", "warn")
            // The load is many requests per user: the per-user limit
            // would measure itself (an env variable, so older servers
            // that do not know it still start).
            .env("COMPANION_USER_RATE_LIMIT_PER_MINUTE", "0");
        if rate_limit_flag {
            command.args(["--auth-rate-limit-per-minute", "0"]);
        }
        let mut server = Server {
            child: command.spawn().unwrap(),
            base: format!("http://127.0.0.1:{port}"),
            rate_limit_flag,
        };
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            if let Some(status) = server.child.try_wait().unwrap() {
                return Err(status);
            }
            let health = client.get(format!("{}/health", server.base)).send().await;
            if health.is_ok_and(|r| r.status() == StatusCode::OK) {
                return Ok(server);
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the server did not become healthy within a minute"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// A field of `/proc/<pid>/status` in kB.
fn status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn memory(pid: u32) -> Memory {
    Memory {
        rss_kb: status_kb(pid, "VmRSS"),
        hwm_kb: status_kb(pid, "VmHWM"),
    }
}

/// User plus system CPU seconds a process has used (`/proc/<pid>/stat`
/// counts clock ticks, 1/100 s on Linux).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name may hold spaces; count fields after it.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (ticks(11) + ticks(12)) as f64 / 100.0
}

/// The server's resident memory now and at its peak.
#[derive(Debug, Clone, Copy)]
struct Memory {
    rss_kb: u64,
    hwm_kb: u64,
}

impl Memory {
    fn json(&self) -> Value {
        json!({ "vm_rss_kb": self.rss_kb, "vm_hwm_kb": self.hwm_kb })
    }
}

// ── Measuring ───────────────────────────────────────────────────────────

/// What a scenario aims for; reported, never asserted.
#[derive(Debug, Clone, Copy)]
enum Target {
    None,
    MinRps(f64),
    MaxP99Ms(f64),
}

impl Target {
    fn shown(self) -> String {
        match self {
            Target::None => "—".into(),
            Target::MinRps(rps) => format!("≥ {rps:.0} req/s"),
            Target::MaxP99Ms(ms) => format!("p99 < {ms:.0} ms"),
        }
    }

    fn met(self, run: &Run) -> Option<bool> {
        match self {
            Target::None => None,
            Target::MinRps(rps) => Some(run.rps() >= rps),
            Target::MaxP99Ms(ms) => Some(run.percentile_ms(0.99) < ms),
        }
    }
}

/// The latencies of one timed run, and what it cost both processes.
#[derive(Debug)]
struct Run {
    concurrency: usize,
    /// Of the answered requests, sorted.
    latencies: Vec<Duration>,
    /// The requests that failed, and why.
    errors: Vec<String>,
    elapsed: Duration,
    server_cpu_s: f64,
    client_cpu_s: f64,
    server_memory_after: Memory,
    /// Request indices used up (see [`drive`]).
    taken: usize,
}

impl Run {
    fn rps(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    /// Nearest-rank percentile.
    fn percentile_ms(&self, p: f64) -> f64 {
        let rank = ((p * self.latencies.len() as f64).ceil() as usize).max(1) - 1;
        self.latencies
            .get(rank.min(self.latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| ms(*d))
    }

    fn max_ms(&self) -> f64 {
        self.latencies.last().map_or(0.0, |d| ms(*d))
    }
}

/// One line of the report: a run, or why there was none.
#[derive(Debug)]
struct Scenario {
    name: String,
    what: String,
    target: Target,
    outcome: Result<Run, String>,
    /// More facts for the JSON report.
    extra: Vec<(&'static str, Value)>,
}

impl Scenario {
    fn json(&self) -> Value {
        let mut value = json!({
            "name": self.name,
            "what": self.what,
            "target": self.target.shown(),
        });
        match &self.outcome {
            Ok(run) => {
                value["requests"] = json!(run.latencies.len());
                value["errors"] = json!(run.errors.len());
                if !run.errors.is_empty() {
                    value["first_errors"] = json!(run.errors.iter().take(3).collect::<Vec<_>>());
                }
                value["concurrency"] = json!(run.concurrency);
                value["duration_s"] = json!(round(run.elapsed.as_secs_f64(), 2));
                value["rps"] = json!(round(run.rps(), 1));
                value["p50_ms"] = json!(round(run.percentile_ms(0.50), 2));
                value["p99_ms"] = json!(round(run.percentile_ms(0.99), 2));
                value["max_ms"] = json!(round(run.max_ms(), 2));
                value["meets_target"] = json!(self.target.met(run));
                value["server_cpu_s"] = json!(round(run.server_cpu_s, 2));
                value["client_cpu_s"] = json!(round(run.client_cpu_s, 2));
                value["server_memory_after"] = run.server_memory_after.json();
            }
            Err(reason) => value["skipped"] = json!(reason),
        }
        for (key, fact) in &self.extra {
            value[*key] = fact.clone();
        }
        value
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

/// What [`drive`] saw: the latency of every answered request, sorted, and
/// the requests that failed.
#[derive(Debug, Default)]
struct Driven {
    latencies: Vec<Duration>,
    errors: Vec<String>,
}

/// Runs `request(0)`, `request(1)`, … on `concurrency` tasks until `limit`
/// requests were started or `duration` has passed, and records how long
/// each took. Also returns how many indices were handed out (those past
/// the deadline are never sent, but are used up).
async fn drive<F, Fut>(
    concurrency: usize,
    limit: usize,
    duration: Duration,
    request: F,
) -> (Driven, Duration, usize)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send,
{
    let request = Arc::new(request);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let request = request.clone();
            let next = next.clone();
            tokio::spawn(async move {
                let mut driven = Driven::default();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= limit || started.elapsed() >= duration {
                        return driven;
                    }
                    let sent = Instant::now();
                    match request(i).await {
                        Ok(()) => driven.latencies.push(sent.elapsed()),
                        Err(error) => driven.errors.push(error),
                    }
                }
            })
        })
        .collect();
    let mut driven = Driven::default();
    for task in tasks {
        let part = task.await.unwrap();
        driven.latencies.extend(part.latencies);
        driven.errors.extend(part.errors);
    }
    let elapsed = started.elapsed();
    driven.latencies.sort_unstable();
    (driven, elapsed, next.load(Ordering::Relaxed).min(limit))
}

/// The answer's status and body.
async fn answer(request: reqwest::RequestBuilder) -> (StatusCode, Vec<u8>) {
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.bytes().await.unwrap().to_vec())
}

/// The body of a 2xx answer; anything else (another status, or no answer)
/// is an error, which fails the bench once the report is written.
async fn success(request: reqwest::RequestBuilder, what: &str) -> Result<Vec<u8>, String> {
    let response = request
        .send()
        .await
        .map_err(|e| format!("{what}: no answer: {e}"))?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .map_err(|e| format!("{what}: {status}, body cut short: {e}"))?;
    if status.is_success() {
        Ok(body.to_vec())
    } else {
        Err(format!(
            "{what}: {status} {}",
            String::from_utf8_lossy(&body)
        ))
    }
}

/// Whether a route does not exist (yet): axum answers an unknown path with
/// an empty 404 or 405, while the API's own errors carry a JSON body.
fn route_missing(status: StatusCode, body: &[u8]) -> bool {
    matches!(
        status,
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
    ) && body.is_empty()
}

/// The client, the server's address and its pid (for CPU and memory).
#[derive(Debug, Clone)]
struct Bench {
    client: reqwest::Client,
    base: String,
    pid: u32,
}

impl Bench {
    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    /// Drives `request` and notes what the run cost the server and the
    /// client.
    async fn run<F, Fut>(
        &self,
        name: &str,
        concurrency: usize,
        limit: usize,
        duration: Duration,
        request: F,
    ) -> Run
    where
        F: Fn(usize) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), String>> + Send,
    {
        eprintln!("{name}: {concurrency} connection(s)…");
        let server_before = cpu_seconds(self.pid);
        let client_before = cpu_seconds(std::process::id());
        let (driven, elapsed, taken) = drive(concurrency, limit, duration, request).await;
        Run {
            taken,
            concurrency,
            latencies: driven.latencies,
            errors: driven.errors,
            elapsed,
            server_cpu_s: cpu_seconds(self.pid) - server_before,
            client_cpu_s: cpu_seconds(std::process::id()) - client_before,
            server_memory_after: memory(self.pid),
        }
    }

    /// Logs in the users in `users` on `concurrency` connections, keeping
    /// their access tokens (indexed by user number).
    async fn login(
        &self,
        users: Range<usize>,
        concurrency: usize,
        tokens: &Arc<Mutex<Vec<String>>>,
    ) -> Scenario {
        let bench = self.clone();
        let tokens = tokens.clone();
        let first = users.start;
        let run = self
            .run("login", concurrency, users.len(), Duration::MAX, move |i| {
                let bench = bench.clone();
                let tokens = tokens.clone();
                async move {
                    let n = first + i;
                    let request = bench
                        .client
                        .post(bench.url("/auth/login"))
                        .json(&json!({ "email": email(n), "password": PASSWORD }));
                    let body: Value = serde_json::from_slice(&success(request, "login").await?)
                        .unwrap_or_default();
                    let token = body["access_token"]
                        .as_str()
                        .ok_or_else(|| format!("login gave no access token: {body}"))?;
                    tokens.lock().unwrap()[n] = token.to_owned();
                    Ok(())
                }
            })
            .await;
        Scenario {
            name: "login".into(),
            what: "POST /api/v1/auth/login, a different user each time (argon2id verify)".into(),
            target: Target::None,
            outcome: Ok(run),
            extra: Vec::new(),
        }
    }

    async fn me(&self, tokens: &Arc<Vec<String>>) -> Scenario {
        let bench = self.clone();
        let tokens = tokens.clone();
        let run = self
            .run("users_me", CONCURRENCY, usize::MAX, LOADED_FOR, move |i| {
                let bench = bench.clone();
                let tokens = tokens.clone();
                async move {
                    let request = bench
                        .client
                        .get(bench.url("/users/me"))
                        .bearer_auth(&tokens[i % tokens.len()]);
                    success(request, "GET /users/me").await.map(drop)
                }
            })
            .await;
        Scenario {
            name: "users_me".into(),
            what: "GET /api/v1/users/me with a bearer token".into(),
            target: Target::MinRps(5_000.0),
            outcome: Ok(run),
            extra: Vec::new(),
        }
    }

    /// Pushes of 100 reading sessions each on `concurrency` connections,
    /// starting with push number `first`. Push `n` is user `n % SIGNED_IN`'s
    /// round `n / SIGNED_IN`: one event a day, on days no other push used.
    /// Also returns the number of the next unused push.
    async fn push(
        &self,
        tokens: &Arc<Vec<String>>,
        concurrency: usize,
        duration: Duration,
        first: usize,
    ) -> (Scenario, usize) {
        let name = "sync_push_100".to_owned();
        let what = format!("POST /api/v1/sync/push with {EVENTS_PER_PUSH} reading sessions, each on a day of its own, spread over {SIGNED_IN} users");
        let target = Target::MaxP99Ms(30.0);
        let probe = self
            .client
            .post(self.url("/sync/push"))
            .bearer_auth(&tokens[0])
            .json(&json!({ "events": [] }));
        let (status, body) = answer(probe).await;
        if route_missing(status, &body) {
            let outcome = Err("POST /api/v1/sync/push does not exist yet".into());
            return (
                Scenario {
                    name,
                    what,
                    target,
                    outcome,
                    extra: Vec::new(),
                },
                first,
            );
        }
        let bench = self.clone();
        let tokens = tokens.clone();
        let pushes = SIGNED_IN * PUSH_ROUNDS - first;
        let run = self
            .run(&name, concurrency, pushes, duration, move |i| {
                let bench = bench.clone();
                let tokens = tokens.clone();
                async move { bench.push_once(&tokens, first + i).await }
            })
            .await;
        let next = first + run.taken;
        (
            Scenario {
                name,
                what,
                target,
                outcome: Ok(run),
                extra: Vec::new(),
            },
            next,
        )
    }

    /// Push number `n`: user `n % SIGNED_IN`'s round `n / SIGNED_IN`, one
    /// event a day at 10:00 UTC going back from yesterday, on days no other
    /// push used. Every event must be accepted.
    async fn push_once(&self, tokens: &[String], n: usize) -> Result<(), String> {
        let today = now() - now().rem_euclid(86_400);
        let (user, round) = (n % SIGNED_IN, n / SIGNED_IN);
        let events: Vec<Value> = (0..EVENTS_PER_PUSH)
            .map(|j| {
                let days_back = (round * EVENTS_PER_PUSH + j + 1) as i64;
                let start = today - days_back * 86_400 + 10 * 3_600;
                json!({
                    "id": format!("bench-{user}-{round}-{j}"),
                    "type": "reading_session",
                    "data": {
                        "surah_number": 2,
                        "start_ayah": 1,
                        "end_ayah": 5,
                        "start_time": rfc3339(start),
                        "end_time": rfc3339(start + 60),
                        "duration_seconds": 60,
                        "session_type": "reading",
                    },
                })
            })
            .collect();
        let request = self
            .client
            .post(self.url("/sync/push"))
            .bearer_auth(&tokens[user])
            // Days go back past the 30 days a push may hold: each user's
            // pushes are its device's upload of its history.
            .json(&json!({ "events": events, "history_device": format!("bench-device-{user}") }));
        let body: Value =
            serde_json::from_slice(&success(request, "sync push").await?).unwrap_or_default();
        // Every event of a push is new and valid.
        let accepted = body["accepted"].as_array().map_or(0, Vec::len);
        if accepted == EVENTS_PER_PUSH {
            Ok(())
        } else {
            Err(format!(
                "sync push: {accepted} of {EVENTS_PER_PUSH} events accepted: {body}"
            ))
        }
    }

    /// The group's leaderboard by Hasanat over `period`, asked by members
    /// on `concurrency` connections. With `pushing_from`, one more
    /// connection pushes meanwhile (from that push number on), so boards
    /// keep changing and cannot simply be served from a cache; then it also
    /// returns the number of the next unused push.
    async fn leaderboard(
        &self,
        tokens: &Arc<Vec<String>>,
        period: &str,
        target: Target,
        concurrency: usize,
        duration: Duration,
        pushing_from: Option<usize>,
    ) -> (Scenario, Option<usize>) {
        let mut name = format!("group_leaderboard_{period}");
        let mut what = format!("GET /api/v1/groups/{{id}}/leaderboard?period={period}&metric=hasanat on the group of all {USERS} users");
        if pushing_from.is_some() {
            name.push_str("+push");
            what.push_str(", while one more connection pushes 100 sessions at a time");
        }
        let path = format!("/groups/{GROUP_ID}/leaderboard?period={period}&metric=hasanat");
        let probed = Instant::now();
        let (status, body) = answer(self.client.get(self.url(&path)).bearer_auth(&tokens[0])).await;
        let first_ms = ms(probed.elapsed());
        if route_missing(status, &body) {
            let outcome = Err("GET /api/v1/groups/{id}/leaderboard does not exist yet".into());
            return (
                Scenario {
                    name,
                    what,
                    target,
                    outcome,
                    extra: Vec::new(),
                },
                pushing_from,
            );
        }
        let board: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        assert!(
            status.is_success(),
            "leaderboard ({period}): {status} {board}"
        );
        let entries = board["entries"].as_array().map_or(0, Vec::len);
        assert!(
            entries > 0,
            "the seeded group has readers on the {period} board: {board}"
        );
        eprintln!(
            "group board {period}: {entries} entries, first {}, me {}",
            board["entries"][0], board["me"]
        );
        let stop = Arc::new(AtomicBool::new(false));
        let pusher = pushing_from.map(|first| {
            let (bench, tokens, stop) = (self.clone(), tokens.clone(), stop.clone());
            tokio::spawn(async move {
                let (mut n, mut errors) = (first, Vec::new());
                while !stop.load(Ordering::Relaxed) && n < SIGNED_IN * PUSH_ROUNDS {
                    if let Err(error) = bench.push_once(&tokens, n).await {
                        errors.push(error);
                    }
                    n += 1;
                }
                (n, errors)
            })
        });
        let bench = self.clone();
        let readers = tokens.clone();
        let mut run = self
            .run(&name, concurrency, usize::MAX, duration, move |i| {
                let bench = bench.clone();
                let tokens = readers.clone();
                let url = bench.url(&path);
                async move {
                    let request = bench.client.get(url).bearer_auth(&tokens[i % tokens.len()]);
                    success(request, "group leaderboard").await.map(drop)
                }
            })
            .await;
        stop.store(true, Ordering::Relaxed);
        // The probe right after pushes changed the data is a board computed
        // afresh; later probes may come from a server-side cache.
        let mut extra = vec![("first_request_ms", json!(round(first_ms, 2)))];
        let mut next = None;
        if let (Some(pusher), Some(first)) = (pusher, pushing_from) {
            let (after, errors) = pusher.await.unwrap();
            extra.push(("pushes_meanwhile", json!(after - first)));
            // A failed push fails the bench as a failed board does.
            run.errors.extend(errors);
            next = Some(after);
        }
        (
            Scenario {
                name,
                what,
                target,
                outcome: Ok(run),
                extra,
            },
            next,
        )
    }
}

fn rfc3339(unix_seconds: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

// ── Report ──────────────────────────────────────────────────────────────

fn print_table(scenarios: &[Scenario], at_start: &Memory, at_end: &Memory) {
    println!();
    println!(
        "{:<31} {:>5} {:>8} {:>6} {:>9} {:>8} {:>8} {:>8}  {:<16} met",
        "scenario", "conc", "requests", "errors", "req/s", "p50 ms", "p99 ms", "max ms", "target"
    );
    for scenario in scenarios {
        match &scenario.outcome {
            Ok(run) => println!(
                "{:<31} {:>5} {:>8} {:>6} {:>9.1} {:>8.2} {:>8.2} {:>8.2}  {:<16} {}",
                scenario.name,
                run.concurrency,
                run.latencies.len(),
                run.errors.len(),
                run.rps(),
                run.percentile_ms(0.50),
                run.percentile_ms(0.99),
                run.max_ms(),
                scenario.target.shown(),
                match scenario.target.met(run) {
                    Some(true) => "yes",
                    Some(false) => "NO",
                    None => "",
                }
            ),
            Err(reason) => println!("{:<31} skipped: {reason}", scenario.name),
        }
    }
    println!(
        "server memory: VmRSS {} MiB at start, {} MiB at the end; VmHWM (peak) {} MiB",
        at_start.rss_kb / 1024,
        at_end.rss_kb / 1024,
        at_end.hwm_kb / 1024
    );
}

/// The group's boards computed afresh by the store (no cache, no HTTP),
/// before the server starts: the week from UTC midnight six days ago and
/// all time, `RUNS` times each; milliseconds per computation.
async fn boards_afresh(url: &str) -> Value {
    const RUNS: usize = 15;
    use companion_server::kinds::Metric;
    use companion_server::store::{Scope, Store};
    let store = Store::connect(url).await.unwrap();
    let week = ((now() / 86_400 - 6) * 86_400, i64::MAX);
    let scope = Scope::Group {
        id: GROUP_ID,
        strangers: false,
    };
    let mut report = serde_json::Map::new();
    for (name, window) in [("week", Some(week)), ("all_time", None)] {
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let started = Instant::now();
            let board = store
                .standings(scope, Metric::Hasanat, window)
                .await
                .unwrap();
            times.push(ms(started.elapsed()));
            assert_eq!(board.len(), USERS, "every member is ranked");
        }
        let first = times[0];
        times.sort_by(f64::total_cmp);
        eprintln!(
            "group board {name} afresh: first {first:.1} ms, median {:.1} ms, max {:.1} ms",
            times[RUNS / 2],
            times[RUNS - 1]
        );
        report.insert(
            name.to_owned(),
            json!({
                "what": format!("Store::standings for the group of all {USERS} members over {SESSIONS} sessions, {RUNS} runs"),
                "first_ms": round(first, 2),
                "median_ms": round(times[RUNS / 2], 2),
                "max_ms": round(times[RUNS - 1], 2),
                "target_ms": if name == "week" { json!(50) } else { Value::Null },
            }),
        );
    }
    drop(store);
    Value::Object(report)
}
