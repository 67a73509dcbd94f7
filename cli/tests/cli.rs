//! The `zerok` binary as a user runs it: one `--home` per device, a real relay process,
//! every command bounded in time.

mod common;

use std::{
    io::{BufRead, BufReader, Read, Write},
    path::{Path, PathBuf},
    process::{Child, Command, ExitStatus, Output, Stdio},
    sync::mpsc,
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use common::{RelayProc, ZEROK};
use zerok_core::{GroupSecret, Invite, RelayAddr};

/// `zerok` with a clean environment: nothing read from or written to the real home.
fn zerok_cmd(home: &Path) -> Command {
    let mut cmd = Command::new(ZEROK);
    cmd.arg("--home")
        .arg(home)
        .env_remove("ZEROK_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", home)
        .env("RUST_LOG", "warn");
    cmd
}

/// Sends `sig` to a process this test started.
fn signal(pid: u32, sig: &str) {
    let status = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill {sig} {pid}");
}

/// Runs a command to completion with `stdin`, killing it (and failing) after `secs`.
fn run(mut cmd: Command, stdin: Option<&[u8]>, secs: u64) -> Output {
    let mut child = cmd
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn zerok");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(input).unwrap();
    }
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            signal(pid, "-KILL");
            panic!("{cmd:?} did not finish within {secs} s");
        }
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `zerok --home <home> <args>` and requires success; returns stdout.
fn ok(home: &Path, args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut cmd = zerok_cmd(home);
    cmd.args(args);
    let out = run(cmd, stdin, 30);
    assert!(
        out.status.success(),
        "zerok {args:?} failed ({}): {}",
        out.status,
        stderr(&out)
    );
    stdout(&out)
}

/// Runs `zerok --home <home> <args>` and requires failure; returns stderr.
fn fails(home: &Path, args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut cmd = zerok_cmd(home);
    cmd.args(args);
    let out = run(cmd, stdin, 30);
    assert!(
        !out.status.success(),
        "zerok {args:?} should have failed; printed {}",
        stdout(&out)
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("zerok: "), "{err}");
    err
}

/// The group id (hex) from `created group <hex>` / `joined group <hex>[ (verifier …)]`.
fn group_hex(out: &str, verb: &str) -> String {
    let hex = out
        .trim()
        .strip_prefix(&format!("{verb} group "))
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or_else(|| panic!("expected '{verb} group <hex>', got {out:?}"));
    assert_eq!(hex.len(), 64, "{hex}");
    assert!(hex.bytes().all(|c| c.is_ascii_hexdigit()), "{hex}");
    hex.to_owned()
}

/// `init` on the first home, `invite` + `join` on the others. Returns the group id.
fn group(relay: &RelayAddr, homes: &[&Path]) -> String {
    let relay = relay.to_string();
    let id = group_hex(&ok(homes[0], &["init", "--relay", &relay], None), "created");
    let invite = ok(homes[0], &["invite"], None);
    for home in &homes[1..] {
        assert_eq!(
            group_hex(&ok(home, &["join", invite.trim()], None), "joined"),
            id
        );
    }
    id
}

/// `pushed <blob id> (<n> bytes) at cursor <c>` → (blob id, n, cursor).
fn parse_pushed(out: &str) -> (String, usize, u64) {
    let words: Vec<&str> = out.split_whitespace().collect();
    match words[..] {
        ["pushed", id, n, "bytes)", "at", "cursor", cursor] => (
            id.to_owned(),
            n.trim_start_matches('(').parse().unwrap(),
            cursor.parse().unwrap(),
        ),
        _ => panic!("unexpected push output {out:?}"),
    }
}

/// A long-running child that is killed (by its id) if the test ends early.
struct Running {
    child: Child,
    lines: mpsc::Receiver<(&'static str, String)>,
    /// Lines received but not matched yet.
    pending: Vec<(&'static str, String)>,
}

impl Running {
    fn spawn(mut cmd: Command) -> Self {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn zerok");
        let (tx, lines) = mpsc::channel();
        let out: Box<dyn Read + Send> = Box::new(child.stdout.take().unwrap());
        let err: Box<dyn Read + Send> = Box::new(child.stderr.take().unwrap());
        for (name, pipe) in [("stdout", out), ("stderr", err)] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines() {
                    let Ok(line) = line else { break };
                    if tx.send((name, line)).is_err() {
                        break;
                    }
                }
            });
        }
        Self {
            child,
            lines,
            pending: Vec::new(),
        }
    }

    /// The first line on `stream` containing `needle`, waiting up to `secs` for it. Also
    /// returns the lines of `stream` before it (consumed with it); other streams' lines stay.
    fn wait_line(&mut self, stream: &str, needle: &str, secs: u64) -> (String, Vec<String>) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(i) = self
                .pending
                .iter()
                .position(|(s, l)| *s == stream && l.contains(needle))
            {
                let mut before = Vec::new();
                let mut rest = Vec::new();
                for (j, (s, l)) in self.pending.drain(..).enumerate() {
                    if j < i && s == stream {
                        before.push(l);
                    } else if j != i {
                        rest.push((s, l));
                    } else {
                        before.push(l);
                    }
                }
                self.pending = rest;
                let found = before.pop().unwrap();
                return (found, before);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => self.pending.push(line),
                Err(_) => panic!(
                    "no {stream} line with {needle:?} within {secs} s; got {:?}",
                    self.pending
                ),
            }
        }
    }

    /// Waits for the exit, killing the child (and failing) after `secs`.
    fn wait_exit(&mut self, secs: u64) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("process did not exit within {secs} s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn homes<const N: usize>() -> [tempfile::TempDir; N] {
    std::array::from_fn(|_| tempfile::tempdir().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn init_invite_join() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let [a, b] = homes();
    // A home that does not exist yet is created.
    let a_home = a.path().join("nested/home");

    let created = group_hex(
        &ok(
            &a_home,
            &[
                "init",
                "--relay",
                &relay.addr.to_string(),
                "--name",
                "laptop",
            ],
            None,
        ),
        "created",
    );
    let invite = ok(&a_home, &["invite"], None);
    let invite = invite.trim();
    assert!(invite.starts_with("0k1."), "{invite}");
    assert_eq!(invite.lines().count(), 1);
    let decoded = Invite::decode(invite).unwrap();
    assert_eq!(decoded.relays, vec![relay.addr.clone()]);
    assert!(decoded.kdf.is_none());
    // Default lifetime: an hour.
    let left = decoded.expires_at - unix_now();
    assert!((3590..=3601).contains(&left), "{left}");
    let short = Invite::decode(ok(&a_home, &["invite", "--ttl-mins", "2"], None).trim()).unwrap();
    assert!(short.expires_at <= unix_now() + 121);

    let joined = group_hex(&ok(b.path(), &["join", invite], None), "joined");
    assert_eq!(joined, created);

    let names = ["laptop", "phone"];
    assert_eq!(
        group_hex(
            &ok(
                b.path(),
                &["join", invite, "--name", "phone", "--force"],
                None
            ),
            "joined"
        ),
        created
    );
    for (home, name) in [a_home.as_path(), b.path()].into_iter().zip(names) {
        let file = home.join("device.json");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(json["relays"], serde_json::json!([relay.addr.to_string()]));
        assert!(json["kdf"].is_null());
        assert_eq!(json["name"], name);
        // Both devices hold the same secret, which hashes to the printed group id.
        let secret = hex::decode(json["secret"].as_str().unwrap()).unwrap();
        let secret = GroupSecret::from_slice(&secret).unwrap();
        let keys = zerok_core::crypto::GroupKeys::derive(&secret);
        assert_eq!(hex::encode(keys.group_id()), created);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{} has mode {mode:o}", file.display());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_and_join_by_short_code() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let [a, b, c] = homes();
    let addr = relay.addr.to_string();
    let created = group_hex(&ok(a.path(), &["init", "--relay", &addr], None), "created");
    let mut shower = Running::spawn({
        let mut cmd = zerok_cmd(a.path());
        cmd.args(["invite", "--code"]);
        cmd
    });
    let (code, _) = shower.wait_line("stdout", "-", 20);
    let (hint, _) = shower.wait_line("stderr", "zerok join --code", 20);
    assert!(hint.contains(&code) && hint.contains(&addr), "{hint}");

    // A typo is caught before anything is sent; the code still works afterwards.
    let typo = format!(
        "{}{}",
        &code[..18],
        if code.ends_with('0') { '1' } else { '0' }
    );
    let refused = fails(b.path(), &["join", "--code", &typo, "--relay", &addr], None);
    assert!(refused.contains("invalid pairing code"), "{refused}");
    let joined = ok(
        b.path(),
        &["join", "--code", &code.to_lowercase(), "--relay", &addr],
        None,
    );
    assert_eq!(group_hex(&joined, "joined"), created);
    let verifier = joined
        .trim()
        .split("verifier ")
        .nth(1)
        .unwrap()
        .trim_end_matches(')');
    let (paired, _) = shower.wait_line("stdout", "paired", 20);
    assert!(
        paired.ends_with(&format!("(verifier {verifier})")),
        "{paired} vs {joined}"
    );
    assert!(shower.wait_exit(20).success());

    // Used: a second device typing it is refused, and told why.
    let again = fails(c.path(), &["join", "--code", &code, "--relay", &addr], None);
    assert!(again.contains("pairing failed"), "{again}");
    ok(a.path(), &["push", "-"], Some(b"by code"));
    assert!(ok(b.path(), &["pull"], None).contains("by code"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_file_and_stdin_then_pull_list_save_and_reread() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let [a, b, c, files] = homes();
    let (a, b, c) = (a.path(), b.path(), c.path());
    group(&relay.addr, &[a, b, c]);

    let file_bytes = b"notes from a file\tcol2\x00\x01 binary tail".to_vec();
    let file = files.path().join("notes.bin");
    std::fs::write(&file, &file_bytes).unwrap();
    let (id1, n1, cursor1) = parse_pushed(&ok(a, &["push", file.to_str().unwrap()], None));
    assert_eq!((n1, cursor1), (file_bytes.len(), 1));
    let piped = b"piped through stdin\n".to_vec();
    let (id2, n2, cursor2) = parse_pushed(&ok(a, &["push", "-"], Some(&piped)));
    assert_eq!((n2, cursor2), (piped.len(), 2));
    assert_ne!(id1, id2);

    // Previews are escaped, so a blob is always one line.
    let expected = [
        format!("#1 {id1} {n1} bytes: notes from a file\\tcol2\\u{{0}}\\u{{1}} binary tail"),
        format!("#2 {id2} {n2} bytes: piped through stdin\\n"),
    ];
    let listed = ok(b, &["pull"], None);
    assert_eq!(listed.lines().collect::<Vec<_>>(), expected, "{listed}");

    // C saves the payloads byte for byte.
    let out = files.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let saved = ok(c, &["pull", "--out", out.to_str().unwrap()], None);
    assert_eq!(saved.lines().collect::<Vec<_>>(), expected, "{saved}");
    assert_eq!(
        std::fs::read(out.join(format!("1-{id1}.bin"))).unwrap(),
        file_bytes
    );
    assert_eq!(
        std::fs::read(out.join(format!("2-{id2}.bin"))).unwrap(),
        piped
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);

    // Cursors persist in each home: nothing new the second time, everything again on request.
    assert_eq!(ok(b, &["pull"], None), "");
    assert_eq!(ok(c, &["pull"], None), "");
    let reread = ok(b, &["pull", "--after", "0"], None);
    assert_eq!(reread.lines().collect::<Vec<_>>(), expected, "{reread}");
    let tail = ok(b, &["pull", "--after", "1"], None);
    assert_eq!(tail.lines().collect::<Vec<_>>(), expected[1..], "{tail}");

    // A cursor the relay never assigned is an error, not an empty list.
    let err = fails(b, &["pull", "--after", "99"], None);
    assert!(
        err.contains("unknown cursor 99") && err.contains("latest is 2"),
        "{err}"
    );
    // A file that does not exist.
    let err = fails(
        a,
        &["push", files.path().join("missing").to_str().unwrap()],
        None,
    );
    assert!(err.contains("missing"), "{err}");
}

/// A device that pushes from its very first run (init, then push) must recognise those
/// blobs as its own on every later run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_never_pulls_its_own_pushes() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let [a, b] = homes();
    let (a, b) = (a.path(), b.path());
    group(&relay.addr, &[a, b]);
    parse_pushed(&ok(a, &["push", "-"], Some(b"first run")));
    parse_pushed(&ok(a, &["push", "-"], Some(b"second run")));
    assert_eq!(ok(a, &["pull"], None), "", "A got its own pushes back");
    assert_eq!(ok(a, &["pull", "--after", "0"], None), "");

    // B answers; A sees only that.
    let (id3, _, cursor3) = parse_pushed(&ok(b, &["push", "-"], Some(b"ack")));
    assert_eq!(cursor3, 3);
    assert_eq!(ok(a, &["pull"], None), format!("#3 {id3} 3 bytes: ack\n"));
    assert_eq!(ok(b, &["pull"], None).lines().count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_prints_live_and_exits_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let [a, b] = homes();
    let (a, b) = (a.path(), b.path());
    group(&relay.addr, &[a, b]);

    // Something pushed before the watch starts arrives as backlog.
    let (id0, _, _) = parse_pushed(&ok(a, &["push", "-"], Some(b"before")));

    let mut watch_cmd = zerok_cmd(b);
    watch_cmd.arg("watch");
    let mut watcher = Running::spawn(watch_cmd);
    let (line, _) = watcher.wait_line("stdout", "before", 15);
    assert_eq!(line, format!("#1 {id0} 6 bytes: before"));
    watcher.wait_line("stderr", "watching group", 15);

    for (i, text) in ["live one", "live two"].iter().enumerate() {
        let started = Instant::now();
        let (id, _, cursor) = parse_pushed(&ok(a, &["push", "-"], Some(text.as_bytes())));
        assert_eq!(cursor, i as u64 + 2);
        let (line, skipped) = watcher.wait_line("stdout", text, 10);
        assert_eq!(line, format!("#{cursor} {id} {} bytes: {text}", text.len()));
        assert!(skipped.is_empty(), "unexpected output {skipped:?}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    let started = Instant::now();
    signal(watcher.child.id(), "-TERM");
    let status = watcher.wait_exit(10);
    assert!(status.success(), "watch exited with {status}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // What it printed is remembered: a pull on B finds nothing new.
    assert_eq!(ok(b, &["pull"], None), "");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passphrase_init_and_refusal_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let relay_arg = relay.addr.to_string();
    let [a, b] = homes();
    let (a, b) = (a.path(), b.path());
    let passphrase = b"correct horse battery staple\n";

    let started = Instant::now();
    let first = group_hex(
        &ok(
            a,
            &["init", "--relay", &relay_arg, "--passphrase-stdin"],
            Some(passphrase),
        ),
        "created",
    );
    let kdf_time = started.elapsed();
    // An empty passphrase is refused before anything is written.
    let [empty] = homes();
    let err = fails(
        empty.path(),
        &["init", "--relay", &relay_arg, "--passphrase-stdin"],
        Some(b"\n"),
    );
    assert!(err.contains("passphrase is empty"), "{err}");
    assert!(!empty.path().join("device.json").exists());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(a.join("device.json")).unwrap()).unwrap();
    assert!(!json["kdf"].is_null(), "{json}");

    // The membership stays: a second init is refused, and says how to override.
    let err = fails(a, &["init", "--relay", &relay_arg], None);
    assert!(err.contains("--force"), "{err}");
    let err = fails(
        a,
        &["init", "--relay", &relay_arg, "--passphrase-stdin"],
        Some(passphrase),
    );
    assert!(err.contains("--force"), "{err}");

    // The invite carries the KDF parameters; the joiner lands in the same group and syncs.
    let invite = ok(a, &["invite"], None);
    assert!(Invite::decode(invite.trim()).unwrap().kdf.is_some());
    assert_eq!(
        group_hex(&ok(b, &["join", invite.trim()], None), "joined"),
        first
    );
    let (id, _, _) = parse_pushed(&ok(a, &["push", "-"], Some(b"from the passphrase group")));
    assert!(ok(b, &["pull"], None).contains(&id));

    // --force replaces it; a fresh salt makes a new group even from the same passphrase.
    let second = group_hex(
        &ok(
            a,
            &[
                "init",
                "--relay",
                &relay_arg,
                "--passphrase-stdin",
                "--force",
            ],
            Some(passphrase),
        ),
        "created",
    );
    assert_ne!(second, first);
    eprintln!("passphrase KDF + init took {kdf_time:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_invites_and_a_dead_relay_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let mut relay = RelayProc::start(dir.path(), &[]);
    let [a, b, files] = homes();
    let (a, b) = (a.path(), b.path());

    let expired = Invite {
        relays: vec![relay.addr.clone()],
        secret: GroupSecret::generate(),
        kdf: None,
        expires_at: unix_now() - 60,
    }
    .encode();
    let err = fails(b, &["join", &expired], None);
    assert!(err.contains("expired"), "{err}");
    assert!(!b.join("device.json").exists());

    group(&relay.addr, &[a]);
    let good = ok(a, &["invite"], None).trim().to_owned();
    // Flip one character in the body (past the prefix and the version byte).
    let mut corrupt = good.clone().into_bytes();
    let i = corrupt.len() / 2;
    corrupt[i] = if corrupt[i] == b'A' { b'B' } else { b'A' };
    let corrupt = String::from_utf8(corrupt).unwrap();
    for bad in [
        corrupt.as_str(),
        &good[..good.len() - 5],
        "hello",
        "0k1.!!!",
    ] {
        let err = fails(b, &["join", bad], None);
        assert!(err.contains("invalid invite"), "{bad}: {err}");
        // The secret is never echoed back in an error.
        assert!(!err.contains(&good[10..30]), "{err}");
    }
    assert!(!b.join("device.json").exists());

    // Commands before any membership say what to do.
    let err = fails(b, &["push", "-"], Some(b"x"));
    assert!(
        err.contains("zerok init") && err.contains("zerok join"),
        "{err}"
    );

    // The relay dies: push fails within the connect timeout, naming the relay.
    relay.kill();
    let file = files.path().join("f");
    std::fs::write(&file, b"nobody will store this").unwrap();
    let started = Instant::now();
    let err = fails(a, &["push", file.to_str().unwrap()], None);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(10), "push took {took:?}");
    assert!(
        err.contains("connection to relay") && err.contains(&relay.addr.short_id()),
        "{err}"
    );
    let err = fails(a, &["pull"], None);
    assert!(err.contains("connection to relay"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relay_exits_zero_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("relay.db");
    let mut cmd = Command::new(ZEROK);
    cmd.args(["relay", "--db"])
        .arg(&db)
        .args(["--listen", "127.0.0.1:0"])
        .env("RUST_LOG", "info");
    let mut relay = Running::spawn(cmd);
    let (addr, _) = relay.wait_line("stdout", "@127.0.0.1:", 15);
    let addr: RelayAddr = addr.trim().parse().unwrap();
    relay.wait_line("stderr", "zerok relay serving", 15);
    // The identity key is kept beside the database, owner-readable only.
    let key = PathBuf::from(format!("{}.key", db.display()));
    assert_eq!(std::fs::read_to_string(&key).unwrap().trim().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    // Serve something first, with a watcher connected while it stops.
    let [a, b] = homes();
    let (a, b) = (a.path(), b.path());
    group(&addr, &[a, b]);
    parse_pushed(&ok(a, &["push", "-"], Some(b"stored before the stop")));
    let mut watch_cmd = zerok_cmd(b);
    watch_cmd.arg("watch");
    let mut watcher = Running::spawn(watch_cmd);
    watcher.wait_line("stdout", "stored before the stop", 15);

    let started = Instant::now();
    signal(relay.child.id(), "-TERM");
    let status = relay.wait_exit(15);
    assert!(status.success(), "relay exited with {status}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    relay.wait_line("stderr", "shutting down", 5);
    drop(watcher);

    // Same database and key: same identity, and the blob is still there.
    let mut cmd = Command::new(ZEROK);
    cmd.args(["relay", "--db"])
        .arg(&db)
        .args(["--listen", &addr.addrs[0].to_string()]);
    let mut again = Running::spawn(cmd);
    let (line, _) = again.wait_line("stdout", "@", 15);
    assert_eq!(line.trim().parse::<RelayAddr>().unwrap(), addr);
    let c = tempfile::tempdir().unwrap();
    let invite = ok(a, &["invite"], None);
    ok(c.path(), &["join", invite.trim()], None);
    assert!(ok(c.path(), &["pull"], None).contains("stored before the stop"));
    signal(again.child.id(), "-INT");
    assert!(again.wait_exit(15).success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_runs_end_to_end() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(ZEROK);
    cmd.arg("demo").env("HOME", home.path());
    let started = Instant::now();
    let out = run(cmd, None, 60);
    assert!(
        out.status.success(),
        "demo failed: {}\n{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(text.contains("received it live"), "{text}");
    assert!(text.contains("no plaintext"), "{text}");
    eprintln!("demo took {:?}", started.elapsed());
}

/// `--force` replaces the membership; what the device remembered about the old group's
/// log on the same relay must not leak into the new one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_groups_with_force_starts_from_scratch() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let [old, new, b] = homes();
    let (old, new, b) = (old.path(), new.path(), b.path());
    group(&relay.addr, &[old, b]);
    for text in ["old 1", "old 2", "old 3"] {
        parse_pushed(&ok(old, &["push", "-"], Some(text.as_bytes())));
    }
    assert_eq!(ok(b, &["pull"], None).lines().count(), 3);

    // B moves to another group on the same relay, which has a single blob so far.
    let new_id = group_hex(
        &ok(new, &["init", "--relay", &relay.addr.to_string()], None),
        "created",
    );
    let (id, _, cursor) = parse_pushed(&ok(new, &["push", "-"], Some(b"new 1")));
    assert_eq!(cursor, 1);
    let invite = ok(new, &["invite"], None);
    assert_eq!(
        group_hex(&ok(b, &["join", invite.trim(), "--force"], None), "joined"),
        new_id
    );
    let mut cmd = zerok_cmd(b);
    cmd.arg("pull");
    let out = run(cmd, None, 30);
    assert!(
        out.status.success(),
        "pull in the new group failed: {}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), format!("#1 {id} 5 bytes: new 1\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queue_offline_then_flush_when_the_relay_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut relay = RelayProc::start(dir.path(), &[]);
    let [a, b] = homes();
    let (a, b) = (a.path(), b.path());
    group(&relay.addr, &[a, b]);

    relay.kill();
    let mut queued = Vec::new();
    for (i, text) in ["one", "two", "three"].iter().enumerate() {
        let out = ok(a, &["push", "--queue", "-"], Some(text.as_bytes()));
        let words: Vec<&str> = out.split_whitespace().collect();
        assert_eq!(words[0], "queued", "{out}");
        assert!(out.contains(&format!("{} blob(s) wait", i + 1)), "{out}");
        queued.push(words[1].to_owned());
    }
    // Nobody to send to: flush gives up after its timeout, and keeps everything queued.
    let err = fails(a, &["flush", "--timeout-secs", "1"], None);
    assert!(err.contains("3 blob(s) still queued"), "{err}");

    relay.restart();
    let out = ok(a, &["flush"], None);
    assert!(out.contains("sent 3 blob(s)"), "{out}");
    assert!(ok(a, &["flush"], None).contains("sent 0 blob(s)"));

    let pulled = ok(b, &["pull"], None);
    let lines: Vec<&str> = pulled.lines().collect();
    assert_eq!(lines.len(), 3, "{pulled}");
    for ((line, id), text) in lines.iter().zip(&queued).zip(["one", "two", "three"]) {
        assert!(line.contains(id.as_str()) && line.ends_with(text), "{line}");
    }
}

/// A file over 256 KiB goes as an object: `push` names it, `pull --out` lists it by name and
/// size and downloads it under its name, byte for byte, leaving no part file behind.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_files_go_as_objects_and_arrive_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let relay = RelayProc::start(dir.path(), &[]);
    let [a, b, files] = homes();
    let (a, b) = (a.path(), b.path());
    group(&relay.addr, &[a, b]);

    let bytes: Vec<u8> = (0..3_000_000u32).map(|i| (i * 7 + i / 251) as u8).collect();
    let file = files.path().join("photo.raw");
    std::fs::write(&file, &bytes).unwrap();
    let pushed = ok(a, &["push", file.to_str().unwrap()], None);
    let words: Vec<&str> = pushed.split_whitespace().collect();
    let [
        "pushed",
        "object",
        id,
        name,
        size,
        "bytes)",
        "at",
        "cursor",
        "1",
    ] = words[..]
    else {
        panic!("unexpected push output {pushed:?}")
    };
    assert_eq!((name, size), (file.to_str().unwrap(), "(3000000"));

    let out = files.path().join("out");
    std::fs::create_dir(&out).unwrap();
    assert_eq!(
        ok(b, &["pull", "--out", out.to_str().unwrap()], None).trim(),
        format!("#1 {id} object photo.raw 3000000 bytes")
    );
    assert_eq!(std::fs::read(out.join("photo.raw")).unwrap(), bytes);
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        1,
        "no part file left"
    );

    // Queued: nothing travels until flush; then it arrives like the pushed one.
    let queued = ok(a, &["push", "--queue", file.to_str().unwrap()], None);
    assert!(queued.starts_with("queued object "), "{queued}");
    ok(a, &["flush"], None);
    std::fs::remove_file(out.join("photo.raw")).unwrap();
    let pulled = ok(b, &["pull", "--out", out.to_str().unwrap()], None);
    assert!(
        pulled.contains("object photo.raw 3000000 bytes"),
        "{pulled}"
    );
    assert_eq!(std::fs::read(out.join("photo.raw")).unwrap(), bytes);
}
