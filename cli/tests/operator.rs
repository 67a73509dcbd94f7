//! What an operator relies on, with real `zerok relay` processes: the HTTP endpoints
//! (`/healthz`, `/readyz`, `/metrics`) following real pushes and pulls and the drain at
//! SIGTERM, the layered configuration (`--config`, `ZEROK_*`, flags, `--check-config`), the
//! example config in deploy/, and JSON logs that hold no key and no payload.

mod common;

use std::{
    collections::HashMap,
    net::SocketAddr,
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
    time::{Duration, Instant},
};

use common::*;
use zerok_core::GroupSecret;

/// `/metrics` as a map from series (`name{labels}`) to value; every line must be a comment
/// or a well-formed sample.
fn scrape(addr: SocketAddr) -> HashMap<String, f64> {
    let (status, body) = http_get(addr, "/metrics").unwrap();
    assert_eq!(status, 200, "{body}");
    let sample = regex::Regex::new(r"^([a-z_:][a-z0-9_:]*(\{[^}]*\})?) (\S+)$").unwrap();
    let mut series = HashMap::new();
    for line in body
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let captures = sample
            .captures(line)
            .unwrap_or_else(|| panic!("not a Prometheus sample: {line:?}"));
        let value: f64 = captures[3]
            .parse()
            .unwrap_or_else(|_| panic!("bad value in {line:?}"));
        series.insert(captures[1].to_owned(), value);
    }
    series
}

fn value(series: &HashMap<String, f64>, name: &str) -> f64 {
    *series
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing from /metrics: {series:?}"))
}

/// Envelope sizes stored in the relay's SQLite file, oldest first.
fn stored_envelope_sizes(db: &Path) -> Vec<u64> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut statement = conn
        .prepare("SELECT length(envelope) FROM blobs ORDER BY cursor")
        .unwrap();
    statement
        .query_map([], |row| row.get::<_, i64>(0))
        .unwrap()
        .map(|size| size.unwrap() as u64)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_ready_and_metrics_follow_a_real_push_and_pull() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &["--http-listen", "127.0.0.1:0"]);
    let http = relay.http_addr();
    assert_eq!(http_get(http, "/healthz").unwrap(), (200, "ok\n".into()));
    assert_eq!(http_get(http, "/readyz").unwrap(), (200, "ready\n".into()));
    assert_eq!(http_get(http, "/nothing").unwrap().0, 404);

    let before = scrape(http);
    let push_ok = r#"zerok_requests_total{kind="push",outcome="ok"}"#;
    let pull_ok = r#"zerok_requests_total{kind="pull",outcome="ok"}"#;
    assert_eq!(value(&before, push_ok), 0.0);
    assert_eq!(value(&before, "zerok_sessions_open"), 0.0);

    let secret = GroupSecret::generate();
    let a = connected(&secret, &[&relay]).await;
    let b = connected(&secret, &[&relay]).await;
    a.push(&[7u8; 1000]).await.unwrap();
    let pulled = b.pull().await.unwrap().blobs;
    assert_eq!(payloads(&pulled), vec![vec![7u8; 1000]]);

    let sizes = stored_envelope_sizes(&relay.db);
    assert_eq!(sizes.len(), 1);
    let envelope = sizes[0] as f64;
    assert!(envelope > 1000.0, "an envelope holds the payload and more");
    let after = scrape(http);
    let delta = |name: &str| value(&after, name) - before.get(name).copied().unwrap_or(0.0);
    assert_eq!(delta(push_ok), 1.0);
    assert_eq!(delta("zerok_push_envelope_bytes_total"), envelope);
    assert!(delta(pull_ok) >= 1.0);
    assert_eq!(delta("zerok_pull_envelope_bytes_total"), envelope);
    assert_eq!(value(&after, "zerok_sessions_open"), 2.0);
    assert_eq!(delta("zerok_sessions_accepted_total"), 2.0);
    assert!(delta("zerok_storage_commit_seconds_count") >= 1.0);
    assert!(delta("zerok_storage_commit_batch_size_count") >= 1.0);

    // A live subscriber (b pulled everything already): the fan-out histogram counts a
    // delivery of a fresh commit. Its session listens first and then reads the backlog, so a
    // blob committed before that read ends comes with the backlog, uncounted (on a loaded
    // machine the first push may); once caught up, every push goes through the fan-out.
    let live = b.subscribe().await.unwrap();
    let fanout = "zerok_notify_fanout_seconds_count";
    // Absent until the histogram's first observation.
    let count = |series: &HashMap<String, f64>| series.get(fanout).copied().unwrap_or(0.0);
    let mut fanned_out = false;
    for attempt in 0..10 {
        let before_live = count(&scrape(http));
        a.push(format!("live {attempt}").as_bytes()).await.unwrap();
        within(10, "live blob", live.next()).await.unwrap().unwrap();
        // The session records the write just after sending it: poll, bounded.
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut counted = scrape(http);
        while count(&counted) == before_live && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(10)).await;
            counted = scrape(http);
        }
        if count(&counted) != before_live {
            assert_eq!(
                count(&counted),
                before_live + 1.0,
                "one delivery, one count"
            );
            fanned_out = true;
            break;
        }
    }
    assert!(fanned_out, "no live delivery was counted by {fanout}");

    a.shutdown().await;
    b.shutdown().await;
    let mut closed = scrape(http);
    let deadline = Instant::now() + Duration::from_secs(10);
    while value(&closed, "zerok_sessions_open") > 0.0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
        closed = scrape(http);
    }
    assert_eq!(value(&closed, "zerok_sessions_open"), 0.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_turns_503_while_the_relay_drains_after_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut relay = RelayProc::start(dir.path(), &["--http-listen", "127.0.0.1:0"]);
    let http = relay.http_addr();
    assert_eq!(http_get(http, "/readyz").unwrap().0, 200);

    // A peer that connects and never starts its handshake: the relay's drain waits for it
    // (up to its drain limit), which keeps the drain open long enough to observe.
    let silent = raw::Raw::dial(&relay.addr).await;

    let status = Command::new("kill")
        .args(["-TERM", &relay.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    // Poll until the relay says it is draining; it must say so before its listener goes.
    let deadline = Instant::now() + Duration::from_secs(10);
    let reason = loop {
        match http_get(http, "/readyz") {
            Ok((503, body)) => break body,
            Ok((200, _)) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(5)).await
            }
            other => panic!(
                "/readyz during shutdown answered {other:?}\n{}",
                relay.log()
            ),
        }
    };
    assert!(reason.contains("draining"), "{reason}");
    // Alive all the same.
    assert_eq!(http_get(http, "/healthz").unwrap().0, 200);
    assert!(
        relay.exited_within(Duration::from_secs(15)),
        "{}",
        relay.log()
    );
    assert!(relay.log().contains("relay stopped"), "{}", relay.log());
    silent.close().await;
}

/// `zerok relay ARGS` with `env` (and no inherited ZEROK_* settings), to completion.
fn zerok_relay(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(ZEROK);
    command.arg("relay").args(args).stdin(Stdio::null());
    for (name, _) in std::env::vars().filter(|(n, _)| n.starts_with("ZEROK_")) {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    let child = command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = child.spawn().unwrap();
    // A relay that started by mistake would never end: bound the wait.
    let pid = child.id();
    let waiter = std::thread::spawn(move || child.wait_with_output().unwrap());
    let deadline = Instant::now() + Duration::from_secs(20);
    while !waiter.is_finished() {
        if Instant::now() > deadline {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("zerok relay {args:?} did not exit");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    waiter.join().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write_config(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn bad_config_files_are_refused_naming_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("relay.db");
    let db_line = format!("db = {:?}\n", db.display().to_string());
    let unknown = write_config(
        dir.path(),
        "unknown.toml",
        &format!("# a relay\n{db_line}max_sesions = 10\n"),
    );
    let wrong_type = write_config(
        dir.path(),
        "wrong.toml",
        &format!("{db_line}\nlisten = \"127.0.0.1:0\"\nmax_blob_bytes = \"big\"\n"),
    );
    for (file, line, what) in [
        (&unknown, "line 3", "unknown field `max_sesions`"),
        (&wrong_type, "line 4", "invalid type"),
    ] {
        let file = file.to_str().unwrap();
        for extra in [&["--check-config"][..], &[]] {
            let mut args = vec!["--config", file];
            args.extend_from_slice(extra);
            let output = zerok_relay(&args, &[]);
            let err = stderr(&output);
            assert!(!output.status.success(), "{args:?} succeeded: {err}");
            assert!(
                err.contains(file) && err.contains(line) && err.contains(what),
                "{args:?}: {err}"
            );
        }
    }
    // Nothing was started: no database was created.
    assert!(!db.exists());
}

#[test]
fn a_flag_beats_the_environment_which_beats_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("relay.db");
    let file = write_config(
        dir.path(),
        "relay.toml",
        &format!("db = {:?}\nmax_sessions = 10\n", db.display().to_string()),
    );
    let file = file.to_str().unwrap();
    let check = |flags: &[&str], env: &[(&str, &str)]| {
        let mut args = vec!["--config", file, "--check-config"];
        args.extend_from_slice(flags);
        let output = zerok_relay(&args, env);
        assert!(output.status.success(), "{}", stderr(&output));
        let out = stdout(&output);
        assert!(out.contains("# configuration OK"), "{out}");
        out.lines()
            .find(|l| l.starts_with("max_sessions = "))
            .unwrap_or_else(|| panic!("no max_sessions in {out}"))
            .to_owned()
    };
    let env = [("ZEROK_MAX_SESSIONS", "20")];
    assert_eq!(
        check(&["--max-sessions", "30"], &env),
        "max_sessions = 30  # --max-sessions"
    );
    assert_eq!(
        check(&[], &env),
        "max_sessions = 20  # env ZEROK_MAX_SESSIONS"
    );
    assert_eq!(check(&[], &[]), "max_sessions = 10  # config file");
    // The config file itself can come from the environment; the default shows as such.
    let output = zerok_relay(&["--check-config"], &[("ZEROK_DB", db.to_str().unwrap())]);
    assert!(
        stdout(&output).contains("max_sessions = 1024  # default"),
        "{}",
        stdout(&output)
    );
    let output = zerok_relay(&["--check-config"], &[("ZEROK_CONFIG", file)]);
    assert!(
        stdout(&output).contains("max_sessions = 10  # config file"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn check_config_finds_what_would_fail_and_never_shows_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    // A database in a directory that does not exist.
    let output = zerok_relay(
        &["--check-config", "--db", "/nonexistent/dir/relay.db"],
        &[],
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("/nonexistent/dir"),
        "{}",
        stderr(&output)
    );
    // An unreadable key file.
    let db = dir.path().join("relay.db");
    std::fs::write(dir.path().join("relay.db.key"), "not a key").unwrap();
    let output = zerok_relay(&["--check-config", "--db", db.to_str().unwrap()], &[]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("not a relay key"),
        "{}",
        stderr(&output)
    );
    // A database URL's password is masked.
    let key = dir.path().join("node.key");
    let url = "postgres://zerok:hunter2secret@127.0.0.1:5432/zerok";
    let output = zerok_relay(
        &[
            "--check-config",
            "--db",
            url,
            "--key",
            key.to_str().unwrap(),
        ],
        &[],
    );
    let shown = format!("{}{}", stdout(&output), stderr(&output));
    assert!(output.status.success(), "{shown}");
    assert!(!shown.contains("hunter2secret"), "{shown}");
    assert!(
        shown.contains("postgres://zerok:****@127.0.0.1:5432/zerok"),
        "{shown}"
    );
}

#[test]
fn the_example_config_in_deploy_passes_check_config_and_lists_every_setting() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/relay.toml");
    let text = std::fs::read_to_string(&example).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Its database lives under /var/lib, which a test machine lacks: the flag overrides it.
    let db = dir.path().join("relay.db");
    let output = zerok_relay(
        &[
            "--config",
            example.to_str().unwrap(),
            "--check-config",
            "--db",
            db.to_str().unwrap(),
        ],
        &[],
    );
    let out = stdout(&output);
    assert!(output.status.success(), "{out}{}", stderr(&output));
    // Every effective setting is in the example, set or commented out, and every value the
    // example sets is the default (it documents the defaults).
    let setting = regex::Regex::new(r"^(?:# )?([a-z_]+) (?:= |unset)").unwrap();
    for line in out.lines() {
        let Some(name) = setting.captures(line).map(|c| c[1].to_owned()) else {
            continue;
        };
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("{name} = "))
                    || l.starts_with(&format!("# {name} = "))),
            "{name} is missing from deploy/relay.toml"
        );
        if name != "db" && name != "key" && line.contains(" = ") {
            assert!(
                line.ends_with("# config file") || line.ends_with("# default"),
                "{line}"
            );
            let value = line.split("  #").next().unwrap();
            assert!(
                text.contains(value),
                "deploy/relay.toml lacks the default {value}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_are_json_lines_without_payload_or_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("relay.db");
    let log_path = dir.path().join("relay.log");
    // Debug level: every line the relay might log, not only the usual ones.
    let mut child = Command::new(ZEROK)
        .args(["relay", "--log-format", "json", "--db"])
        .arg(&db)
        .env("RUST_LOG", "debug")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log_path).unwrap())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let addr: zerok_core::RelayAddr = line.trim().parse().unwrap();

    let payload = b"PAYLOAD-that-must-never-be-logged-0123456789".to_vec();
    let secret = GroupSecret::generate();
    let config = zerok_core::ClientConfig::new(secret.clone(), vec![addr]);
    let (a, b) = (client_with(config.clone()).await, client_with(config).await);
    a.connect().await.unwrap();
    b.connect().await.unwrap();
    a.push(&payload).await.unwrap();
    assert_eq!(
        payloads(&b.pull().await.unwrap().blobs),
        vec![payload.clone()]
    );
    a.shutdown().await;
    b.shutdown().await;

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(child.wait().unwrap().success());

    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(log.contains("relay stopped"), "{log}");
    for line in log.lines() {
        let parsed: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line:?}"));
        assert!(parsed.get("level").is_some(), "{line}");
    }
    let relay_key = std::fs::read_to_string(dir.path().join("relay.db.key")).unwrap();
    let envelope: Vec<u8> = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT envelope FROM blobs", [], |row| row.get(0))
        .unwrap();
    let group_secret_hex = hex::encode(secret.expose());
    for (what, needle) in [
        ("the relay key", relay_key.trim().to_owned()),
        ("the payload", String::from_utf8(payload.clone()).unwrap()),
        ("the payload in hex", hex::encode(&payload)),
        ("the envelope in hex", hex::encode(&envelope)),
        (
            "the envelope's first bytes in hex",
            hex::encode(&envelope[..24]),
        ),
        ("the group secret", group_secret_hex),
    ] {
        assert!(!log.contains(&needle), "{what} is in the log");
    }
}
