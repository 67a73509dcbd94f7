//! Test harness: real `zerok relay` processes on 127.0.0.1 with SQLite files in temp dirs,
//! and real clients over iroh.
#![allow(dead_code)] // each test binary uses a different part of the harness

use std::{
    io::{BufRead, BufReader},
    net::SocketAddr,
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
    pub db: PathBuf,
    args: Vec<String>,
}

impl RelayProc {
    /// Starts a relay with its database in `dir`, on an ephemeral loopback port.
    pub fn start(dir: &Path, extra: &[&str]) -> Self {
        Self::spawn(dir.join("relay.db"), "127.0.0.1:0".parse().unwrap(), extra)
    }

    fn spawn(db: PathBuf, listen: SocketAddr, extra: &[&str]) -> Self {
        let log = std::fs::File::create(db.with_extension("log")).unwrap();
        let mut child = Command::new(ZEROK)
            .args(["relay", "--db"])
            .arg(&db)
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
        let addr = line
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("relay printed {line:?}: {e}"));
        Self {
            child,
            addr,
            db,
            args: extra.iter().map(|s| s.to_string()).collect(),
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
        let again = Self::spawn(self.db.clone(), self.addr.addrs[0], extra);
        assert_eq!(
            again.addr, self.addr,
            "relay identity and address survive a restart"
        );
        *self = again;
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
        std::fs::read_to_string(self.db.with_extension("log")).unwrap_or_default()
    }
}

impl Drop for RelayProc {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A client config with short timeouts, so failure tests fail fast: a killed relay (which
/// says nothing) is given up after 4 s of silence.
pub fn config(secret: &GroupSecret, relays: &[&RelayProc]) -> ClientConfig {
    let mut config = ClientConfig::new(
        secret.clone(),
        relays.iter().map(|r| r.addr.clone()).collect(),
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

/// Fails the test instead of hanging when something never arrives.
pub async fn within<F: std::future::Future>(secs: u64, what: &str, f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(secs), f)
        .await
        .unwrap_or_else(|_| panic!("timed out after {secs} s: {what}"))
}
