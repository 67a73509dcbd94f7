//! The conformance scenarios (tests/conformance/scenarios.json, format in its README) through
//! zerok_core's public API, the way a Rust app uses it, against real relay processes. Every
//! scenario runs once per storage backend: on relays with SQLite files, and on relays each on a
//! fresh PostgreSQL database (`ZEROK_TEST_POSTGRES`, set by scripts/with-postgres; unset, that
//! run fails). Each run fails listing each failing scenario, with the backend named.
//!
//! An op missing from `Run::call` fails its scenario, naming the op: a new scenario needs no
//! change here unless it needs an API the core lacks.
//!
//! Rust has no untyped config: a `ClientConfig` always holds one secret, a salt is 16 bytes,
//! and a passphrase is derived with a salt. So the configs the contract rejects for those
//! reasons cannot be written in Rust at all; `Run::config` reports them as `InvalidConfig`,
//! standing in for the compiler. Everything else (lengths, addresses, TTL, device name,
//! state file) is checked by the core itself.

mod common;

use std::{cell::RefCell, collections::HashMap, path::PathBuf, sync::Arc, time::Duration};

use common::{Backend, RelayDb, RelayProc};
use regex::Regex;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use tokio::{
    io::{AsyncWriteExt, DuplexStream},
    sync::mpsc,
};
use zerok_core::{
    CORE_VERSION, ClientConfig, Error, EventStream, GroupSecret, Invite, IrohTransport, KdfParams,
    ObjectInfo, ObjectPushed, ObjectSaved, Pairing, Progress, PullResult, RelayAddr, Salt,
    Subscription, SyncBlob, SyncClient, SyncEvent, Transfer, crypto, pairing,
    protocol::PROTOCOL_VERSION,
};

type Client = SyncClient<IrohTransport>;

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_scenario_passes_on_sqlite() {
    every_scenario_passes(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_scenario_passes_on_postgres() {
    every_scenario_passes(Backend::Postgres).await;
}

/// Every scenario, its relays on `backend`: the shared relay on a store of its own, and each
/// scenario with `relay_flags` on a fresh one.
async fn every_scenario_passes(backend: Backend) {
    let path = format!("{REPO}/tests/conformance/scenarios.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let shared_db = RelayDb::fresh(backend, dir.path()).await;
    let mut shared = Relay {
        process: RelayProc::start_on(&shared_db, &[]),
        db: shared_db,
    };
    let mut failed = Vec::new();
    for scenario in file["scenarios"].as_array().unwrap() {
        let name = scenario["name"].as_str().unwrap();
        match run_scenario(scenario, backend, &mut shared).await {
            Ok(()) => println!("ok on {backend}: {name}"),
            Err(why) => failed.push(format!("{name}: {why}")),
        }
    }
    assert!(
        failed.is_empty(),
        "failed on {backend} relays:\n{}",
        failed.join("\n")
    );
}

/// A relay process and the store it runs on (which restarts reuse).
struct Relay {
    process: RelayProc,
    db: RelayDb,
}

async fn run_scenario(
    scenario: &Value,
    backend: Backend,
    shared: &mut Relay,
) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let mut own = match scenario["relay_flags"].as_array() {
        Some(flags) => {
            let flags: Vec<&str> = flags.iter().map(|f| f.as_str().unwrap()).collect();
            let db = RelayDb::fresh(backend, dir.path()).await;
            Some(Relay {
                process: RelayProc::start_on(&db, &flags),
                db,
            })
        }
        None => None,
    };
    let mut run = Run {
        own_relay: own.is_some(),
        relay_flags: scenario["relay_flags"].clone(),
        relay: own.as_mut().unwrap_or(shared),
        dir: dir.path().to_owned(),
        saved: HashMap::new(),
        secrets: RefCell::default(),
    };
    let outcome = run.steps(scenario).await;
    for saved in run.saved.values() {
        if let Object::Client(client) = &saved.object {
            client.shutdown().await;
        }
    }
    outcome
}

/// What a step produced: the object, and the value the scenarios compare (see `canonical_*`).
type Outcome = Result<(Object, Value), Error>;

const NOTHING: (Object, Value) = (Object::None, Value::Null);

fn value(v: Value) -> Outcome {
    Ok((Object::None, v))
}

fn invite(invite: Invite) -> (Object, Value) {
    let value = canonical_invite(&invite);
    (Object::Invite(invite), value)
}

/// An object later steps call (`on`), or a record the core takes back.
enum Object {
    None,
    Client(Client),
    Live(Live),
    Events(Arc<EventStream>),
    Invite(Invite),
    Pairing(Arc<Pairing>),
    Pushing(Arc<Transfer<ObjectPushed>>),
    Downloading(Arc<Transfer<ObjectSaved>>),
    Upload(Upload),
}

/// `push_stream`'s upload as the FFI makes it: the runner writes into one end of a pipe whose
/// other end the core reads.
struct Upload {
    writer: Option<DuplexStream>,
    transfer: Arc<Transfer<ObjectPushed>>,
}

struct Saved {
    object: Object,
    value: Value,
}

/// One scenario's relay, references and saved results.
struct Run<'a> {
    relay: &'a mut Relay,
    own_relay: bool,
    relay_flags: Value,
    dir: PathBuf,
    saved: HashMap<String, Saved>,
    secrets: RefCell<HashMap<String, String>>,
}

impl Run<'_> {
    async fn steps(&mut self, scenario: &Value) -> Result<(), String> {
        let devices = scenario["devices"].as_object().cloned().unwrap_or_default();
        for (name, config) in devices {
            let client = self.create_client(config.as_object().unwrap()).await;
            let client = client.map_err(|e| format!("device {name}: {e}"))?;
            client
                .connect()
                .await
                .map_err(|e| format!("device {name}: {e}"))?;
            let object = Object::Client(client);
            self.saved.insert(
                name,
                Saved {
                    object,
                    value: Value::Null,
                },
            );
        }
        for (index, step) in scenario["steps"].as_array().unwrap().iter().enumerate() {
            self.step(step)
                .await
                .map_err(|why| format!("step {index} {step}: {why}"))?;
        }
        Ok(())
    }

    async fn step(&mut self, step: &Value) -> Result<(), String> {
        let op = step["op"].as_str().unwrap();
        let on = step["on"].as_str();
        let mut result = (Object::None, Value::Null);
        let mut error = None;
        for i in 0..step["repeat"].as_u64().unwrap_or(1) {
            let args = numbered(&step["args"], i);
            match self.call(op, on, &args).await? {
                Ok(done) => result = done,
                Err(e) => {
                    error = Some(variant(&e));
                    break;
                }
            }
        }
        if error != step["error"].as_str() {
            return Err(format!("error {error:?}, expected {}", step["error"]));
        }
        if let Some(expect) = step.get("expect")
            && !self.matches(&result.1, expect)
        {
            return Err(format!("got {}", result.1));
        }
        if let Some(name) = step["save"].as_str() {
            let (object, value) = result;
            self.saved.insert(name.to_owned(), Saved { object, value });
        }
        Ok(())
    }

    /// One op: `Err` for a runner failure, `Ok(Err)` for the library's error.
    async fn call(&mut self, op: &str, on: Option<&str>, a: &Value) -> Result<Outcome, String> {
        let client = match on.map(|name| &self.saved[name].object) {
            Some(Object::Client(client)) => Some(client.clone()),
            _ => None,
        };
        let c = || client.clone().ok_or("no client to call this on");
        Ok(match op {
            "create_client" => self
                .create_client(a["config"].as_object().unwrap())
                .await
                .map(|client| (Object::Client(client), Value::Null)),
            "connect" => c()?.connect().await.map(|()| NOTHING),
            "disconnect" => {
                c()?.disconnect().await;
                Ok(NOTHING)
            }
            "push" => c()?.push(&payload(&a["payload"])).await.map(|ack| {
                let value = json!({ "blob_id": hex::encode(ack.blob_id), "cursor": ack.cursor });
                (Object::None, value)
            }),
            "enqueue" => c()?
                .enqueue(&payload(&a["payload"]))
                .await
                .map(|id| (Object::None, json!(hex::encode(id)))),
            "pending" => {
                let pending = c()?.pending();
                let ids: Vec<_> = pending.blob_ids.iter().map(hex::encode).collect();
                value(json!({ "count": ids.len(), "bytes": pending.bytes, "blob_ids": ids }))
            }
            "flush" => {
                let timeout = a["timeout_ms"].as_u64().map(Duration::from_millis);
                c()?.flush(timeout).await.map(|()| NOTHING)
            }
            "events" => Ok((Object::Events(Arc::new(c()?.events())), Value::Null)),
            "next_event" => {
                let Some(Object::Events(events)) = on.map(|name| &self.saved[name].object) else {
                    return Err("no event stream to call next_event on".into());
                };
                let count = a["count"].as_u64().unwrap() as usize;
                let timeout = Duration::from_millis(a["timeout_ms"].as_u64().unwrap());
                value(next_events(events, count, timeout).await)
            }
            "close_events" => {
                let Some(Object::Events(events)) = on.map(|name| &self.saved[name].object) else {
                    return Err("no event stream to close".into());
                };
                events.close();
                Ok(NOTHING)
            }
            "pull" => c()?.pull().await.map(pulled),
            "pull_after" => {
                let cursor = self.value(&a["cursor"]).as_u64().unwrap();
                c()?.pull_after(cursor).await.map(pulled)
            }
            "subscribe" => Ok((Object::Live(Live::start(c()?).await), Value::Null)),
            "next" => {
                let Some(Object::Live(live)) =
                    on.map(|name| &mut self.saved.get_mut(name).unwrap().object)
                else {
                    return Err("no subscription to call next on".into());
                };
                let count = a["count"].as_u64().unwrap() as usize;
                let timeout = Duration::from_millis(a["timeout_ms"].as_u64().unwrap());
                live.next(count, timeout)
                    .await
                    .map(|items| (Object::None, Value::Array(items)))
            }
            "close" => {
                let Some(Object::Live(live)) = on.map(|name| &self.saved[name].object) else {
                    return Err("no subscription to close".into());
                };
                live.close();
                Ok(NOTHING)
            }
            "is_connected" => value(json!(c()?.is_connected())),
            "current_cursor" => value(json!(c()?.current_cursor())),
            "active_relay" => value(json!(c()?.active_relay().map(|r| r.to_string()))),
            "group_id" => value(json!(c()?.group_id())),
            "create_invite" => {
                let ttl = Duration::from_secs(a["ttl_secs"].as_u64().unwrap());
                c()?.create_invite(ttl).map(invite)
            }
            "shutdown" => {
                c()?.shutdown().await;
                Ok(NOTHING)
            }
            "invite_to_qr" => match self.native(&a["invite"]) {
                Object::Invite(i) => value(json!(i.encode())),
                _ => return Err("not an invite".into()),
            },
            "invite_from_qr" => Invite::decode(self.value(&a["qr"]).as_str().unwrap()).map(invite),
            "derive_secret" => self.derive_secret(a),
            "create_pairing_code" => {
                let ttl = a["ttl_secs"].as_u64().map(Duration::from_secs);
                c()?.create_pairing_code(ttl).await.map(|p| {
                    let value = json!({ "code": p.code(), "expires_at_ms": p.expires_at_ms() });
                    (Object::Pairing(Arc::new(p)), value)
                })
            }
            "code" => value(json!(self.pairing(on)?.code())),
            "expires_at_ms" => value(json!(self.pairing(on)?.expires_at_ms())),
            "wait" => self
                .pairing(on)?
                .wait()
                .await
                .map(|v| (Object::None, json!(v))),
            "cancel" => {
                self.pairing(on)?.cancel();
                Ok(NOTHING)
            }
            "join_with_code" => {
                let relays: Vec<RelayAddr> = self
                    .value(&a["relay_addresses"])
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap().parse().unwrap())
                    .collect();
                let code = self.value(&a["code"]);
                pairing::join_with_code(&relays, code.as_str().unwrap())
                    .await
                    .map(|joined| {
                        let value = json!({
                            "invite": canonical_invite(&joined.invite),
                            "verifier": joined.verifier,
                        });
                        (Object::Invite(joined.invite), value)
                    })
            }
            "version" => value(json!({ "core": CORE_VERSION, "wire": PROTOCOL_VERSION })),
            // Harness ops (no contract name).
            "sleep" => {
                tokio::time::sleep(Duration::from_millis(a["ms"].as_u64().unwrap())).await;
                Ok(NOTHING)
            }
            "kill_relay" => {
                if !self.own_relay {
                    return Err(
                        "kill_relay needs a relay of the scenario's own (relay_flags)".into(),
                    );
                }
                self.relay.process.kill();
                Ok(NOTHING)
            }
            "relay_exited" => {
                let timeout = Duration::from_millis(a["timeout_ms"].as_u64().unwrap());
                if !self.relay.process.exited_within(timeout) {
                    return Err(format!("the relay still runs after {timeout:?}"));
                }
                Ok(NOTHING)
            }
            "start_relay" => {
                if !self.own_relay {
                    return Err(
                        "start_relay needs a relay of the scenario's own (relay_flags)".into(),
                    );
                }
                let flags = a.get("flags").unwrap_or(&self.relay_flags);
                let flags: Vec<&str> = flags
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f.as_str().unwrap())
                    .collect();
                self.relay.process.restart_with(&flags);
                Ok(NOTHING)
            }
            "tamper" => {
                let group = self.value(&a["group_id"]);
                let cursor = self.value(&a["cursor"]).as_u64().unwrap();
                self.relay
                    .db
                    .tamper(group.as_str().unwrap(), cursor)
                    .await?;
                Ok(NOTHING)
            }
            "write_file" => {
                let path = self.path(&a["path"]);
                match a["text"].as_str() {
                    Some(text) => std::fs::write(path, text).unwrap(),
                    None => std::fs::write(path, pattern(a["size"].as_u64().unwrap())).unwrap(),
                }
                Ok(NOTHING)
            }
            "file_sha256" => value(match std::fs::read(self.path(&a["path"])) {
                Ok(bytes) => json!(hex::encode(Sha256::digest(bytes))),
                Err(_) => Value::Null,
            }),
            "tamper_chunk" => {
                let group = self.value(&a["group_id"]);
                let object = self.value(&a["object_id"]);
                let index = a["index"].as_u64().unwrap();
                self.relay
                    .db
                    .tamper_chunk(group.as_str().unwrap(), object.as_str().unwrap(), index)
                    .await?;
                Ok(NOTHING)
            }
            "push_file" => c()?
                .push_file(&self.path(&a["path"]))
                .await
                .map(|t| (Object::Pushing(Arc::new(t)), Value::Null)),
            "enqueue_file" => c()?
                .enqueue_file(&self.path(&a["path"]))
                .await
                .map(|id| (Object::None, json!(hex::encode(id)))),
            "push_stream" => {
                let (writer, reader) = tokio::io::duplex(256 << 10);
                let name = a["name"].as_str().map(str::to_owned);
                c()?.push_stream(reader, a["size"].as_u64().unwrap(), name)
                    .map(|t| {
                        let transfer = Arc::new(t);
                        let writer = Some(writer);
                        (Object::Upload(Upload { writer, transfer }), Value::Null)
                    })
            }
            "download" => {
                let object = remote_object(&self.value(&a["object"]));
                c()?.download(&object, &self.path(&a["path"]))
                    .map(|t| (Object::Downloading(Arc::new(t)), Value::Null))
            }
            "write" | "finish" | "transfer" => {
                let Some(Object::Upload(upload)) =
                    on.map(|n| &mut self.saved.get_mut(n).unwrap().object)
                else {
                    return Err("no upload to call this on".into());
                };
                match op {
                    // A refused write means the upload ended; its outcome says why.
                    "write" => match upload.writer.as_mut() {
                        Some(w) => w
                            .write_all(&payload(&a["data"]))
                            .await
                            .map(|()| NOTHING)
                            .map_err(|e| Error::Io(e.to_string())),
                        None => Err(Error::Io("the upload is finished".into())),
                    },
                    "finish" => {
                        if let Some(mut w) = upload.writer.take() {
                            let _ = w.shutdown().await;
                        }
                        upload
                            .transfer
                            .wait()
                            .await
                            .map(|r| (Object::None, r.canonical()))
                    }
                    _ => Ok((Object::Pushing(upload.transfer.clone()), Value::Null)),
                }
            }
            "object_id" | "progress" | "next_progress" | "outcome" | "cancel_transfer" => {
                match on.map(|name| &self.saved[name].object) {
                    Some(Object::Pushing(t)) => transfer_op(t, op).await,
                    Some(Object::Downloading(t)) => transfer_op(t, op).await,
                    _ => return Err("no transfer to call this on".into()),
                }
            }
            _ => return Err(format!("op {op:?} is not supported by the Rust runner")),
        })
    }

    fn path(&self, reference: &Value) -> PathBuf {
        PathBuf::from(self.value(reference).as_str().unwrap())
    }

    fn derive_secret(&self, a: &Value) -> Outcome {
        let salt = match a.get("salt") {
            Some(s) => salt(&self.value(s))?,
            None => Salt::generate(),
        };
        let params = a
            .get("kdf")
            .map(|k| kdf(&self.value(k)))
            .unwrap_or_default();
        let secret =
            crypto::derive_secret(a["passphrase"].as_str().unwrap().as_bytes(), &salt, &params)?;
        value(json!({
            "secret": hex::encode(secret.expose()),
            "salt": hex::encode(salt.0),
            "kdf": canonical_kdf(&params),
        }))
    }

    async fn create_client(&self, fields: &Map<String, Value>) -> Result<Client, Error> {
        let config = self.config(fields)?;
        let transport = IrohTransport::for_relays(&config.relays).await?;
        SyncClient::new(transport, config)
    }

    /// The contract's config fields as a `ClientConfig`, as an app builds one.
    fn config(&self, fields: &Map<String, Value>) -> Result<ClientConfig, Error> {
        let unrepresentable =
            |why: &str| Error::InvalidConfig(format!("{why} (unrepresentable in Rust)"));
        let mut config = match fields.get("from_invite") {
            Some(invite) => match self.native(invite) {
                Object::Invite(invite) => ClientConfig::from_invite(invite),
                _ => panic!("from_invite names no invite"),
            },
            None => {
                let relays = self.value(&fields["relay_addresses"]);
                let relays = relays
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap().parse());
                let relays = relays.collect::<Result<Vec<RelayAddr>, Error>>()?;
                let salt = fields
                    .get("salt")
                    .map(|s| salt(&self.value(s)))
                    .transpose()?;
                let params = fields.get("kdf").map(|k| kdf(&self.value(k)));
                let (secret, kdf) = match (fields.get("passphrase"), fields.get("secret_bytes")) {
                    (Some(passphrase), None) => {
                        let salt =
                            salt.ok_or_else(|| unrepresentable("a passphrase without a salt"))?;
                        let params = params.unwrap_or_default();
                        let passphrase = passphrase.as_str().unwrap().as_bytes();
                        (
                            crypto::derive_secret(passphrase, &salt, &params)?,
                            Some((salt, params)),
                        )
                    }
                    (None, Some(secret)) => {
                        let secret = hex::decode(self.value(secret).as_str().unwrap()).unwrap();
                        (
                            GroupSecret::from_slice(&secret)?,
                            salt.map(|s| (s, params.unwrap_or_default())),
                        )
                    }
                    _ => return Err(unrepresentable("not exactly one of passphrase and secret")),
                };
                ClientConfig {
                    kdf,
                    ..ClientConfig::new(secret, relays)
                }
            }
        };
        if let Some(name) = fields.get("device_name") {
            config.device_name = name.as_str().unwrap().to_owned();
        }
        if let Some(ttl) = fields.get("ttl_secs") {
            config.ttl = Some(Duration::from_secs(ttl.as_u64().unwrap()));
        }
        if let Some(path) = fields.get("state_path") {
            config.state_path = Some(self.value(path).as_str().unwrap().into());
        }
        let ms = |name: &str| {
            fields
                .get(name)
                .map(|v| Duration::from_millis(v.as_u64().unwrap()))
        };
        if let Some(keep_alive) = ms("keep_alive_ms") {
            config.liveness.keep_alive = keep_alive;
        }
        if let Some(idle) = ms("idle_timeout_ms") {
            config.liveness.idle_timeout = idle;
        }
        if let Some(timeout) = ms("connect_timeout_ms") {
            config.connect_timeout = timeout;
        }
        if let Some(timeout) = ms("request_timeout_ms") {
            config.request_timeout = timeout;
        }
        if let Some(bytes) = fields.get("outbox_max_bytes") {
            config.outbox_max_bytes = bytes.as_u64().unwrap();
        }
        Ok(config)
    }

    fn resolve(&self, reference: &str) -> Value {
        let name = &reference[1..];
        if name == "relay" {
            return json!(self.relay.process.addr.to_string());
        }
        if let Some(digit) = name.strip_prefix("wrong_id:") {
            return json!(format!(
                "{}@{}",
                digit.repeat(64),
                self.relay.process.addr.addrs[0]
            ));
        }
        if let Some(secret) = name.strip_prefix("secret:") {
            let mut secrets = self.secrets.borrow_mut();
            let fresh = || hex::encode(GroupSecret::generate().expose());
            return json!(secrets.entry(secret.to_owned()).or_insert_with(fresh));
        }
        if let Some(file) = name.strip_prefix("file:") {
            return json!(self.dir.join(file));
        }
        let mut path = name.split('.');
        let saved = path.next().unwrap();
        let value = &self
            .saved
            .get(saved)
            .unwrap_or_else(|| panic!("nothing saved as {saved}"))
            .value;
        path.fold(value, |v, step| match step.parse::<usize>() {
            Ok(index) if v.is_array() => &v[index],
            _ => &v[step],
        })
        .clone()
    }

    /// `x` with every reference resolved to its canonical value.
    fn value(&self, x: &Value) -> Value {
        match x {
            Value::String(s) if s.starts_with('$') => self.resolve(s),
            Value::Array(items) => items.iter().map(|v| self.value(v)).collect(),
            Value::Object(fields) => fields
                .iter()
                .map(|(k, v)| (k.clone(), self.value(v)))
                .collect(),
            _ => x.clone(),
        }
    }

    /// The saved result itself (a record the core takes back).
    fn pairing(&self, on: Option<&str>) -> Result<Arc<Pairing>, String> {
        match on.map(|name| &self.saved[name].object) {
            Some(Object::Pairing(p)) => Ok(p.clone()),
            _ => Err("no pairing to call this on".into()),
        }
    }

    /// The record a reference names: `$name`, or `$name.invite` for the invite of a saved
    /// `join_with_code` result.
    fn native(&self, reference: &Value) -> &Object {
        let name = reference.as_str().unwrap()[1..].trim_end_matches(".invite");
        &self.saved[name].object
    }

    fn matches(&self, actual: &Value, template: &Value) -> bool {
        match template {
            Value::String(s) if s.starts_with('$') => *actual == self.resolve(s),
            Value::Array(items) => actual.as_array().is_some_and(|a| {
                a.len() == items.len() && a.iter().zip(items).all(|(a, t)| self.matches(a, t))
            }),
            Value::Object(t) if t.len() == 1 && t.contains_key("matches") => {
                let re = Regex::new(t["matches"].as_str().unwrap()).unwrap();
                actual.as_str().is_some_and(|s| re.is_match(s))
            }
            Value::Object(t) if t.len() == 2 && t.contains_key("each") => {
                let count = t["count"].as_u64().unwrap() as usize;
                actual.as_array().is_some_and(|a| {
                    a.len() == count
                        && a.iter()
                            .enumerate()
                            .all(|(i, a)| self.matches(a, &numbered(&t["each"], i as u64)))
                })
            }
            Value::Object(t) => actual.as_object().is_some_and(|a| {
                t.iter()
                    .all(|(k, v)| a.get(k).is_some_and(|a| self.matches(a, v)))
            }),
            _ => actual == template,
        }
    }
}

/// A subscription read in the background from the moment it is made, so that what is pushed
/// after it arrives live. Items: canonical blobs, {"error": "Tampered"} (the stream goes on),
/// null once ended, or the error that ended it.
struct Live {
    items: mpsc::UnboundedReceiver<Result<Value, Error>>,
    subscription: Option<Arc<Subscription>>,
}

impl Live {
    async fn start(client: Client) -> Self {
        let (tx, items) = mpsc::unbounded_channel();
        let subscription = match client.subscribe().await {
            Ok(subscription) => Arc::new(subscription),
            Err(e) => {
                let _ = tx.send(Err(e));
                return Self {
                    items,
                    subscription: None,
                };
            }
        };
        let reading = subscription.clone();
        tokio::spawn(async move {
            loop {
                let item = match reading.next().await {
                    None => Ok(Value::Null),
                    Some(Ok(blob)) => Ok(canonical_blob(&blob)),
                    Some(Err(Error::Tampered { .. })) => Ok(json!({ "error": "Tampered" })),
                    Some(Err(e)) => Err(e),
                };
                let last = !matches!(item, Ok(ref v) if !v.is_null());
                if tx.send(item).is_err() || last {
                    return;
                }
            }
        });
        Self {
            items,
            subscription: Some(subscription),
        }
    }

    async fn next(&mut self, count: usize, timeout: Duration) -> Result<Vec<Value>, Error> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut items = Vec::new();
        while items.len() < count {
            match tokio::time::timeout_at(deadline, self.items.recv()).await {
                Err(_) | Ok(None) => break,
                Ok(Some(item)) => {
                    let item = item?;
                    let end = item.is_null();
                    items.push(item);
                    if end {
                        break;
                    }
                }
            }
        }
        Ok(items)
    }

    fn close(&self) {
        if let Some(subscription) = &self.subscription {
            subscription.close();
        }
    }
}

/// Up to `count` events within `timeout`, canonical; `null` once the stream ended.
async fn next_events(events: &EventStream, count: usize, timeout: Duration) -> Value {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut items = Vec::new();
    while items.len() < count {
        match tokio::time::timeout_at(deadline, events.next()).await {
            Err(_) => break,
            Ok(None) => {
                items.push(Value::Null);
                break;
            }
            Ok(Some(event)) => items.push(canonical_event(&event)),
        }
    }
    Value::Array(items)
}

fn canonical_event(event: &SyncEvent) -> Value {
    match event {
        SyncEvent::Connected { relay } => {
            json!({ "kind": "connected", "relay": relay.to_string() })
        }
        SyncEvent::Disconnected { relay, reason } => {
            json!({ "kind": "disconnected", "relay": relay.to_string(), "reason": reason })
        }
        SyncEvent::Failover { from, to } => json!({
            "kind": "failover", "from_relay": from.to_string(), "to_relay": to.to_string()
        }),
        SyncEvent::OutboxSent {
            blob_id,
            cursor,
            pending,
        } => json!({
            "kind": "outbox_sent", "blob_id": hex::encode(blob_id), "cursor": cursor, "pending": pending
        }),
        SyncEvent::OutboxRejected { blob_id, error } => json!({
            "kind": "outbox_rejected", "blob_id": hex::encode(blob_id), "reason": error.to_string()
        }),
        SyncEvent::Lagged { missed } => json!({ "kind": "lagged", "missed": missed }),
    }
}

/// `template` for the `i`-th call of a repeated step (or item of an `each`): `{i}` in its
/// strings is replaced by `i`.
fn numbered(template: &Value, i: u64) -> Value {
    match template {
        Value::String(s) => json!(s.replace("{i}", &i.to_string())),
        Value::Array(items) => items.iter().map(|v| numbered(v, i)).collect(),
        Value::Object(fields) => fields
            .iter()
            .map(|(k, v)| (k.clone(), numbered(v, i)))
            .collect(),
        _ => template.clone(),
    }
}

/// The core's error as the contract names it.
fn variant(e: &Error) -> &'static str {
    match e {
        Error::NotConnected => "NotConnected",
        Error::ConnectionFailed { .. } => "ConnectionFailed",
        Error::AllRelaysFailed { .. } => "AllRelaysFailed",
        Error::Unauthorized(_) => "Unauthorized",
        Error::VersionMismatch { .. } => "VersionMismatch",
        Error::PayloadTooLarge { .. } => "PayloadTooLarge",
        Error::QuotaExceeded(_) => "QuotaExceeded",
        Error::RateLimited { .. } => "RateLimited",
        Error::OutboxFull { .. } => "OutboxFull",
        Error::InviteExpired { .. } => "InviteExpired",
        Error::UnsupportedInviteVersion { .. } => "UnsupportedInviteVersion",
        Error::InvalidInvite(_) => "InvalidInvite",
        Error::Tampered { .. } => "Tampered",
        Error::InvalidConfig(_) => "InvalidConfig",
        Error::UnknownCursor { .. } => "UnknownCursor",
        Error::Protocol(_) => "Protocol",
        Error::Transport(_) => "Transport",
        Error::Timeout(_) => "Timeout",
        Error::Relay(_) => "Relay",
        Error::State(_) => "State",
        Error::Shutdown => "Shutdown",
        Error::InvalidPairingCode(_) => "InvalidPairingCode",
        Error::PairingFailed(_) => "PairingFailed",
        Error::PairingExpired(_) => "PairingExpired",
        Error::Io(_) => "Io",
        Error::Cancelled => "Cancelled",
        Error::ObjectUnavailable { .. } => "ObjectUnavailable",
    }
}

fn canonical_blob(b: &SyncBlob) -> Value {
    json!({
        "blob_id": hex::encode(b.blob_id),
        "payload": String::from_utf8_lossy(&b.payload),
        "cursor": b.cursor,
        "timestamp_ms": b.timestamp_ms,
        "object": b.object.as_ref().map(canonical_object),
    })
}

fn canonical_object(o: &ObjectInfo) -> Value {
    json!({
        "object_id": hex::encode(o.object_id),
        "size": o.size,
        "blake3": hex::encode(o.blake3),
        "chunk_size": o.chunk_size,
        "chunk_count": o.chunk_count,
        "name": o.name,
        "inline_bytes": hex::encode(&o.inline),
    })
}

/// The record `download` takes back, from its canonical form.
fn remote_object(v: &Value) -> ObjectInfo {
    let bytes = |field: &str| hex::decode(v[field].as_str().unwrap()).unwrap();
    ObjectInfo {
        object_id: bytes("object_id").try_into().unwrap(),
        size: v["size"].as_u64().unwrap(),
        blake3: bytes("blake3").try_into().unwrap(),
        chunk_size: v["chunk_size"].as_u64().unwrap() as u32,
        chunk_count: v["chunk_count"].as_u64().unwrap(),
        name: v["name"].as_str().map(str::to_owned),
        inline: bytes("inline_bytes"),
    }
}

fn canonical_progress(p: &Progress) -> Value {
    json!({
        "bytes_done": p.bytes_done,
        "bytes_total": p.bytes_total,
        "bytes_sent": p.bytes_sent,
        "chunks_done": p.chunks_done,
        "chunks_total": p.chunks_total,
    })
}

/// A transfer's result as the contract's `TransferResult`.
trait Canonical {
    fn canonical(&self) -> Value;
}

impl Canonical for ObjectPushed {
    fn canonical(&self) -> Value {
        json!({
            "object_id": hex::encode(self.object_id),
            "size": self.size,
            "blake3": hex::encode(self.blake3),
            "cursor": self.cursor,
            "path": null,
        })
    }
}

impl Canonical for ObjectSaved {
    fn canonical(&self) -> Value {
        json!({
            "object_id": hex::encode(self.object_id),
            "size": self.size,
            "blake3": hex::encode(self.blake3),
            "cursor": null,
            "path": self.path,
        })
    }
}

/// The ops on a transfer. `next_progress` reads the progress stream to its end, as an app's
/// loop over it does, and gives the last item.
async fn transfer_op<R: Canonical + Clone + Send + Sync + 'static>(
    t: &Transfer<R>,
    op: &str,
) -> Outcome {
    match op {
        "object_id" => value(json!(hex::encode(t.object_id()))),
        "progress" => value(canonical_progress(&t.progress())),
        "next_progress" => {
            let mut last = None;
            while let Some(p) = t.next_progress().await {
                last = Some(p);
            }
            value(last.as_ref().map_or(Value::Null, canonical_progress))
        }
        "outcome" => t.wait().await.map(|r| (Object::None, r.canonical())),
        _ => {
            t.cancel();
            Ok(NOTHING)
        }
    }
}

fn pulled(result: PullResult) -> (Object, Value) {
    let tampered: Vec<_> = result
        .tampered
        .iter()
        .map(|t| json!({ "blob_id": hex::encode(t.blob_id), "cursor": t.cursor }))
        .collect();
    let blobs: Vec<_> = result.blobs.iter().map(canonical_blob).collect();
    (
        Object::None,
        json!({ "blobs": blobs, "tampered": tampered }),
    )
}

fn canonical_kdf(p: &KdfParams) -> Value {
    json!({ "memory_kib": p.memory_kib, "iterations": p.iterations, "parallelism": p.parallelism })
}

fn canonical_invite(i: &Invite) -> Value {
    json!({
        "relay_addresses": i.relays.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "secret_bytes": hex::encode(i.secret.expose()),
        "salt": i.kdf.map(|(salt, _)| hex::encode(salt.0)),
        "kdf": i.kdf.map(|(_, params)| canonical_kdf(&params)),
        "expires_at": i.expires_at,
    })
}

fn salt(hex_salt: &Value) -> Result<Salt, Error> {
    let bytes = hex::decode(hex_salt.as_str().unwrap()).unwrap();
    let bytes = bytes.try_into().map_err(|_| {
        Error::InvalidConfig(
            "a salt of another length than 16 bytes (unrepresentable in Rust)".into(),
        )
    })?;
    Ok(Salt(bytes))
}

fn kdf(params: &Value) -> KdfParams {
    let field = |name: &str| params[name].as_u64().unwrap() as u32;
    KdfParams {
        memory_kib: field("memory_kib"),
        iterations: field("iterations"),
        parallelism: field("parallelism"),
    }
}

/// `write_file`'s bytes: byte `i` is `i % 251`, the same file in every language.
fn pattern(size: u64) -> Vec<u8> {
    (0..251u8).cycle().take(size as usize).collect()
}

fn payload(p: &Value) -> Vec<u8> {
    match p.as_str() {
        Some(text) => text.as_bytes().to_vec(),
        None => vec![0; p["size"].as_u64().unwrap() as usize],
    }
}
