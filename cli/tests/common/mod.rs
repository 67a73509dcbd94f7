//! Test harness: real `zerok relay` processes on 127.0.0.1 with SQLite files in temp dirs,
//! and real clients over iroh.
#![allow(dead_code)] // each test binary uses a different part of the harness

pub mod raw;

use std::{
    collections::HashSet,
    io::{BufRead, BufReader, Read, Write},
    net::{SocketAddr, TcpStream},
    path::{Path, PathBuf},
    process::{Child, Command, ExitStatus, Stdio},
    time::Duration,
};

use zerok_core::{
    ClientConfig, GroupSecret, IrohTransport, Liveness, RelayAddr, SyncBlob, SyncClient,
};

pub const ZEROK: &str = env!("CARGO_BIN_EXE_zerok");

/// A `zerok relay` child process. Killed (SIGKILL) on drop.
pub struct RelayProc {
    child: Child,
    pub addr: RelayAddr,
    /// The SQLite file (a PostgreSQL relay: its database URL).
    pub db: PathBuf,
    store: RelayDb,
    args: Vec<String>,
    /// The network namespace it runs in (`ip netns exec`), if not the test's own.
    netns: Option<String>,
}

impl RelayProc {
    /// Starts a relay with its database in `dir`, on an ephemeral loopback port.
    pub fn start(dir: &Path, extra: &[&str]) -> Self {
        Self::start_on(&RelayDb::Sqlite(dir.join("relay.db")), extra)
    }

    /// Starts a relay on `store`, on an ephemeral loopback port.
    pub fn start_on(store: &RelayDb, extra: &[&str]) -> Self {
        Self::spawn(store.clone(), "127.0.0.1:0".parse().unwrap(), extra, None)
    }

    /// Starts a relay with its database in `dir`, inside network namespace `netns`,
    /// listening on `listen` (an address of that namespace).
    pub fn start_in_netns(dir: &Path, netns: &str, listen: SocketAddr) -> Self {
        let store = RelayDb::Sqlite(dir.join("relay.db"));
        Self::spawn(store, listen, &[], Some(netns.to_owned()))
    }

    /// Its log (stderr) goes to [`RelayDb::log_path`], appended across restarts.
    fn spawn(store: RelayDb, listen: SocketAddr, extra: &[&str], netns: Option<String>) -> Self {
        let log_path = store.log_path();
        let log = std::fs::File::options()
            .create(true)
            .append(true)
            .open(&log_path)
            .unwrap();
        let mut command = match &netns {
            // `ip netns exec` execs the relay, so the child is the relay itself.
            Some(netns) => {
                let mut command = Command::new("ip");
                command.args(["netns", "exec", netns, ZEROK]);
                command
            }
            None => Command::new(ZEROK),
        };
        command.args(["relay", "--db"]);
        let db = match &store {
            RelayDb::Sqlite(path) => {
                command.arg(path);
                path.clone()
            }
            RelayDb::Postgres { url, key } => {
                command.arg(url).arg("--key").arg(key);
                PathBuf::from(url)
            }
        };
        let mut child = command
            .args(["--listen", &listen.to_string()])
            .args(extra)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("spawn zerok relay");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("relay address on stdout");
        let addr = line.trim().parse().unwrap_or_else(|e| {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            panic!("relay printed {line:?}: {e}; its log:\n{log}")
        });
        Self {
            child,
            addr,
            db,
            store,
            args: extra.iter().map(|s| s.to_string()).collect(),
            netns,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: no chance to flush anything.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, then waits for the exit.
    pub fn terminate(&mut self) -> ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        self.child.wait().unwrap()
    }

    /// Starts the relay again on the same database, key and port (after kill/terminate).
    pub fn restart(&mut self) {
        let extra: Vec<String> = self.args.clone();
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        self.restart_with(&extra);
    }

    /// `restart`, with other flags.
    pub fn restart_with(&mut self, extra: &[&str]) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let netns = self.netns.clone();
        let again = Self::spawn(self.store.clone(), self.addr.addrs[0], extra, netns);
        assert_eq!(
            again.addr, self.addr,
            "relay identity and address survive a restart"
        );
        *self = again;
    }

    /// Whether the process still runs.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Whether the process ended (by itself) within `timeout`.
    pub fn exited_within(&mut self, timeout: Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while std::time::Instant::now() < deadline {
            if self.child.try_wait().unwrap().is_some() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.store.log_path()).unwrap_or_default()
    }

    /// The operator listener's address (`--http-listen 127.0.0.1:0`), from its log line
    /// (written before the relay prints its own address, so it is there once started; the
    /// last one after a restart).
    pub fn http_addr(&self) -> SocketAddr {
        let log = self.log();
        let line = log
            .lines()
            .rfind(|l| l.contains("operator HTTP listening"))
            .unwrap_or_else(|| panic!("no operator HTTP line in the log:\n{log}"));
        let addr = regex::Regex::new(r"127\.0\.0\.1:\d+")
            .unwrap()
            .find(line)
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        addr.as_str().parse().unwrap()
    }
}

impl Drop for RelayProc {
    fn drop(&mut self) {
        self.kill();
    }
}

/// What a test names a relay by: a relay process it started, or an address.
pub trait Relayed {
    fn relay_addr(&self) -> RelayAddr;
}

impl Relayed for RelayProc {
    fn relay_addr(&self) -> RelayAddr {
        self.addr.clone()
    }
}

impl Relayed for RelayAddr {
    fn relay_addr(&self) -> RelayAddr {
        self.clone()
    }
}

/// A client config with short timeouts, so failure tests fail fast: a killed relay (which
/// says nothing) is given up after 4 s of silence.
pub fn config<R: Relayed>(secret: &GroupSecret, relays: &[&R]) -> ClientConfig {
    let mut config = ClientConfig::new(
        secret.clone(),
        relays.iter().map(|r| r.relay_addr()).collect(),
    );
    config.connect_timeout = Duration::from_secs(2);
    config.request_timeout = Duration::from_secs(10);
    config.liveness = Liveness {
        keep_alive: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(4),
    };
    config
}

pub async fn client_with(config: ClientConfig) -> SyncClient<IrohTransport> {
    let transport = IrohTransport::loopback().await.unwrap();
    SyncClient::new(transport, config).unwrap()
}

/// A connected client of `secret`'s group through `relays` (in preference order).
pub async fn connected(secret: &GroupSecret, relays: &[&RelayProc]) -> SyncClient<IrohTransport> {
    let client = client_with(config(secret, relays)).await;
    client.connect().await.unwrap();
    client
}

pub fn payloads(blobs: &[SyncBlob]) -> Vec<Vec<u8>> {
    blobs.iter().map(|b| b.payload.clone()).collect()
}

/// `size` bytes that differ with `seed` (xorshift: fast, and never the zeros of padding);
/// returns their BLAKE3 hash, what an object's transfers report.
pub fn write_data(path: &Path, size: u64, seed: u64) -> [u8; 32] {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let (mut x, mut left, mut hash) = (seed | 1, size, blake3::Hasher::new());
    while left > 0 {
        let block: Vec<u8> = (0..left.min(64 * 1024) / 8 + 1)
            .flat_map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x.to_le_bytes()
            })
            .take(left.min(64 * 1024) as usize)
            .collect();
        file.write_all(&block).unwrap();
        hash.update(&block);
        left -= block.len() as u64;
    }
    file.flush().unwrap();
    hash.finalize().into()
}

/// Fails the test instead of hanging when something never arrives.
pub async fn within<F: std::future::Future>(secs: u64, what: &str, f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(secs), f)
        .await
        .unwrap_or_else(|_| panic!("timed out after {secs} s: {what}"))
}

/// For each device, the ids of the blobs every other device wrote (`written[i]` is device
/// `i`'s): what it must receive.
pub fn from_the_others(written: &[&[[u8; 16]]]) -> Vec<HashSet<[u8; 16]>> {
    (0..written.len())
        .map(|i| {
            let others = written.iter().enumerate().filter(|(j, _)| *j != i);
            others.flat_map(|(_, ids)| ids.iter().copied()).collect()
        })
        .collect()
}

/// Waits until `done()`, looking again each time `progress` changes, for at most `secs`;
/// whether it got there.
pub async fn settle(
    progress: &mut tokio::sync::watch::Receiver<()>,
    secs: u64,
    done: impl Fn() -> bool,
) -> bool {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    while !done() {
        if !matches!(
            tokio::time::timeout_at(deadline, progress.changed()).await,
            Ok(Ok(()))
        ) {
            return done(); // the time is up, or nothing can change any more
        }
    }
    true
}

/// A `kB` field of `/proc/<pid>/status` (`VmRSS`, `VmHWM`, …); `None` once the process is gone.
pub fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| {
        l.strip_prefix(field)
            .is_some_and(|rest| rest.starts_with(':'))
    })?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One series of a relay's `/metrics` (0 when it has no sample yet).
pub fn metric(addr: SocketAddr, series: &str) -> f64 {
    let (status, body) = http_get(addr, "/metrics").unwrap();
    assert_eq!(status, 200, "{body}");
    body.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
        .map_or(0.0, |v| v.parse().unwrap())
}

/// Which storage a relay runs on: tests that hold for every backend (the conformance
/// scenarios) run once per backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        })
    }
}

/// The store one relay runs on. Restarting a relay on the same `RelayDb` keeps its data and,
/// through its key file, its identity and so the address devices dial.
#[derive(Clone, Debug)]
pub enum RelayDb {
    /// A SQLite file; the relay keeps its key beside it (`<db>.key`).
    Sqlite(PathBuf),
    /// A PostgreSQL database of its own; `--key` is required there, so the key file is named.
    Postgres { url: String, key: PathBuf },
}

impl RelayDb {
    /// Where a relay on this store logs: beside its SQLite file, or its key file.
    fn log_path(&self) -> PathBuf {
        match self {
            Self::Sqlite(path) => path.with_extension("log"),
            Self::Postgres { key, .. } => key.with_extension("log"),
        }
    }

    /// A fresh, empty store of `backend` for a relay whose files live in `dir`. PostgreSQL: a
    /// new database on the `ZEROK_TEST_POSTGRES` server (fails, never skips, if that is unset).
    pub async fn fresh(backend: Backend, dir: &Path) -> Self {
        match backend {
            Backend::Sqlite => Self::Sqlite(dir.join("relay.db")),
            Backend::Postgres => Self::Postgres {
                url: fresh_postgres_database().await,
                key: dir.join("relay.key"),
            },
        }
    }

    /// Flips one bit of the stored envelope at `cursor` of `group` (hex), as an attacker with
    /// the relay's storage would: `tests/tools/tamper_blob.py` on a SQLite file, the same flip
    /// by SQL on PostgreSQL.
    pub async fn tamper(&self, group: &str, cursor: u64) -> Result<(), String> {
        let at = i64::try_from(cursor).map_err(|e| format!("cursor: {e}"))?;
        let cursor = cursor.to_string();
        let tool = ("tamper_blob.py", &[group, &cursor][..]);
        let row = ("zerok_blobs", "group_id = $1 AND cursor = $2");
        self.flip(tool, row, &[&unhex(group)?, &at]).await
    }

    /// Flips one bit of chunk `index` of `object` (hex) in `group`:
    /// `tests/tools/tamper_chunk.py … flip INDEX` on a SQLite file, the same flip by SQL on
    /// PostgreSQL.
    pub async fn tamper_chunk(&self, group: &str, object: &str, index: u64) -> Result<(), String> {
        let at = i64::try_from(index).map_err(|e| format!("index: {e}"))?;
        let index = index.to_string();
        let tool = ("tamper_chunk.py", &[group, object, "flip", &index][..]);
        let row = (
            "zerok_chunks",
            "group_id = $1 AND object_id = $2 AND idx = $3",
        );
        self.flip(tool, row, &[&unhex(group)?, &unhex(object)?, &at])
            .await
    }

    /// Byte 40 of one stored envelope (inside the ciphertext) XOR 0x20: by the Python tool on
    /// SQLite, by SQL on the PostgreSQL row `row` (table, condition on `params`).
    async fn flip(
        &self,
        (tool, args): (&str, &[&str]),
        (table, condition): (&str, &str),
        params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> Result<(), String> {
        match self {
            Self::Sqlite(path) => sqlite_tool(tool, path, args),
            Self::Postgres { url, .. } => {
                let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                    .await
                    .map_err(|e| format!("connecting to {url}: {e}"))?;
                tokio::spawn(connection);
                let sql = format!(
                    "UPDATE {table} SET envelope = set_byte(envelope, 40, \
                     get_byte(envelope, 40) # 32) WHERE {condition}"
                );
                let changed = client
                    .execute(&sql, params)
                    .await
                    .map_err(|e| format!("tampering: {e}"))?;
                match changed {
                    1 => Ok(()),
                    _ => Err(format!("no such envelope in {table}: {args:?}")),
                }
            }
        }
    }
}

/// The test PostgreSQL server's URL, or a failure saying how to get one: PostgreSQL tests
/// never skip.
pub fn test_postgres_server() -> String {
    std::env::var("ZEROK_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!(
            "ZEROK_TEST_POSTGRES is not set: run the PostgreSQL tests through \
             scripts/with-postgres (scripts/test-all does)"
        )
    })
}

/// A fresh database on the test PostgreSQL server; its URL. Each test (or relay) gets its own,
/// so they run in parallel on one server.
pub async fn fresh_postgres_database() -> String {
    zerok_relay::storage::create_database(&test_postgres_server())
        .await
        .unwrap_or_else(|e| panic!("creating a database on the test PostgreSQL: {e}"))
}

/// A blocking `GET` to the operator listener: status code and body.
pub fn http_get(addr: SocketAddr, path: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let (head, body) = response
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP head in {response:?}"));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    Ok((status, body.to_owned()))
}

/// Runs `tests/tools/<tool> DB ARGS…`, a Python script that changes a relay's SQLite file as
/// an attacker with its disk would.
pub fn sqlite_tool(tool: &str, db: &Path, args: &[&str]) -> Result<(), String> {
    let status = Command::new("python3")
        .arg(format!(
            "{}/../tests/tools/{tool}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .arg(db)
        .args(args)
        .status()
        .map_err(|e| format!("running {tool}: {e}"))?;
    match status.success() {
        true => Ok(()),
        false => Err(format!("{tool} {args:?} failed")),
    }
}

fn unhex(s: &str) -> Result<Vec<u8>, String> {
    hex::decode(s).map_err(|e| format!("{s}: {e}"))
}
