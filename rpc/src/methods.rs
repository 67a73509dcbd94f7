//! The contract's operations (`udl/zerok_sync.udl`) as methods, one to one and under
//! the same names (they are unique across the contract, so one flat namespace holds them).
//! Params are the UDL's parameters by name, plus the handle the method is called on
//! (`client`, `subscription`, `transfer`, `upload`, `pairing`, `events`); objects the
//! contract returns come back as handle ids. Where these differ from a foreign call:
//! - `subscribe` is a streaming command: a `subscribed` chunk with the subscription's handle
//!   (for `close`), then one chunk per blob (`blob`, or `tampered` for one that failed
//!   authentication: the stream goes on) and `idle` after `heartbeat_ms` of quiet, so a
//!   bridge's inactivity timeout does not end a quiet subscription. It ends with `null` once
//!   closed. The daemon takes each blob as it writes it: an app that reconnects resumes from
//!   the last cursor it handled with `pull_after`.
//! - `outcome` is a streaming command: progress chunks, then the transfer's result.
//! - `events` forwards the client's events from now on as events named by their kind (data:
//!   the `events` and `client` handles and the event's fields), then `events_closed`; the
//!   daemon writes them as `{event, data}` lines.

use std::{sync::Arc, time::Duration};

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use serde_json::{Value, json};
use zerok_sync_ffi::{
    EventStream, Invite, KdfParams, RemoteObject, SyncClient, SyncConfig, SyncError, Transfer,
    derive_secret, invite_from_qr, invite_to_qr, join_with_code, json::bytes, json::optional_bytes,
    version,
};

use crate::session::{Handle, Outlet, Session, handle};

/// Quiet time before a subscription stream sends `idle`: under smartrust's 30 s default.
const DEFAULT_HEARTBEAT_MS: u64 = 10_000;

/// Performs `method` for the session; `id` is the request's, under which a streaming
/// method's chunks go out.
pub async fn call<O: Outlet>(
    s: &Arc<Session<O>>,
    method: &str,
    params: Value,
    id: &Value,
) -> Result<Value, SyncError> {
    let p = Params { method, params };
    match method {
        "version" => p.none().and_then(|()| json(version())),
        "derive_secret" => {
            let a: DeriveSecret = p.get()?;
            json(derive_secret(a.passphrase, a.salt, a.kdf).await?)
        }
        "invite_to_qr" => json(invite_to_qr(p.get::<InviteArg>()?.invite)?),
        "invite_from_qr" => json(invite_from_qr(p.get::<Qr>()?.qr)?),
        "join_with_code" => {
            let a: JoinWithCode = p.get()?;
            json(join_with_code(a.code, a.relay_addresses).await?)
        }
        "create_client" => {
            let client = s.clients().create(p.get::<CreateClient>()?.config).await?;
            Ok(json!({ "client": s.add("client", Handle::Client(client)) }))
        }
        "shutdown" => s.shut_down(&p.get::<OnClient>()?.client).await.map(nothing),
        "connect" => p.on::<Empty>(s)?.0.connect().await.map(nothing),
        "disconnect" => {
            p.on::<Empty>(s)?.0.disconnect().await;
            Ok(Value::Null)
        }
        "push" => {
            let (c, a) = p.on::<Payload>(s)?;
            json(c.push(a.payload).await?)
        }
        "enqueue" => {
            let (c, a) = p.on::<Payload>(s)?;
            json(c.enqueue(a.payload).await?)
        }
        "pending" => json(p.on::<Empty>(s)?.0.pending()),
        "flush" => {
            let (c, a) = p.on::<Flush>(s)?;
            c.flush(a.timeout_ms).await.map(nothing)
        }
        "pull" => json(p.on::<Empty>(s)?.0.pull().await?),
        "pull_after" => {
            let (c, a) = p.on::<PullAfter>(s)?;
            json(c.pull_after(a.cursor).await?)
        }
        "is_connected" => json(p.on::<Empty>(s)?.0.is_connected()),
        "current_cursor" => json(p.on::<Empty>(s)?.0.current_cursor()),
        "active_relay" => json(p.on::<Empty>(s)?.0.active_relay()),
        "group_id" => json(p.on::<Empty>(s)?.0.group_id()),
        "create_invite" => {
            let (c, a) = p.on::<Ttl>(s)?;
            json(c.create_invite(a.ttl_secs)?)
        }
        "enqueue_file" => {
            let (c, a) = p.on::<PathArg>(s)?;
            json(c.enqueue_file(a.path).await?)
        }
        "push_file" => {
            let (c, a) = p.on::<PathArg>(s)?;
            transfer(s, c.push_file(a.path).await?)
        }
        "download" => {
            let (c, a) = p.on::<Download>(s)?;
            transfer(s, c.download(a.object, a.path).await?)
        }
        "push_stream" => {
            let (c, a) = p.on::<PushStream>(s)?;
            let upload = c.push_stream(a.size, a.name).await?;
            Ok(json!({ "upload": s.add("upload", Handle::Upload(upload)) }))
        }
        "create_pairing_code" => {
            let (c, a) = p.on::<OptionalTtl>(s)?;
            let pairing = c.create_pairing_code(a.ttl_secs).await?;
            let (code, expires_at_ms) = (pairing.code(), pairing.expires_at_ms());
            let pairing = s.add("pairing", Handle::Pairing(pairing));
            Ok(json!({ "pairing": pairing, "code": code, "expires_at_ms": expires_at_ms }))
        }
        "events" => {
            let (client, c, Empty {}) = p.on_named(s)?;
            let events = c.events();
            let handle = s.add("events", Handle::Events(events.clone()));
            tokio::spawn(forward_events(s.clone(), client, handle.clone(), events));
            Ok(json!({ "events": handle }))
        }
        "subscribe" => {
            let (c, a) = p.on::<Subscribe>(s)?;
            subscribe(s, &c, a.heartbeat_ms, id).await
        }
        _ => handle_method(s, p, id).await,
    }
}

/// `subscribe`'s stream (see the module's doc).
async fn subscribe<O: Outlet>(
    s: &Session<O>,
    c: &SyncClient,
    heartbeat_ms: Option<u64>,
    id: &Value,
) -> Result<Value, SyncError> {
    let subscription = c.subscribe().await?;
    let handle = s.add("subscription", Handle::Subscription(subscription.clone()));
    let chunk = |data| s.outlet().chunk(id, data);
    if !chunk(json!({ "kind": "subscribed", "subscription": handle })).await {
        return Ok(Value::Null);
    }
    let quiet = Duration::from_millis(heartbeat_ms.unwrap_or(DEFAULT_HEARTBEAT_MS));
    loop {
        // A `next` cut short by the heartbeat takes nothing: its ticket is handed out again
        // by the next one.
        let next = if quiet.is_zero() {
            Ok(subscription.next().await)
        } else {
            tokio::time::timeout(quiet, subscription.next()).await
        };
        let data = match next {
            Err(_) => json!({ "kind": "idle" }),
            Ok(Ok(None)) => return Ok(Value::Null),
            Ok(Err(e)) => return Err(e),
            Ok(Ok(Some(ticket))) => match subscription.take(ticket) {
                Ok(None) => continue,
                Ok(Some(blob)) => json!({ "kind": "blob", "blob": json(blob)? }),
                Err(e) => json!({ "kind": "tampered", "error": json(e)? }),
            },
        };
        if !chunk(data).await {
            return Ok(Value::Null);
        }
    }
}

/// The methods of the contract's other objects, each called on its handle.
async fn handle_method<O: Outlet>(
    s: &Arc<Session<O>>,
    p: Params<'_>,
    id: &Value,
) -> Result<Value, SyncError> {
    let method = p.method;
    match method {
        "close" => {
            handle!(s, p.get::<OnSubscription>()?.subscription, Subscription)?.close();
            Ok(Value::Null)
        }
        "close_events" => {
            handle!(s, p.get::<OnEvents>()?.events, Events)?.close_events();
            Ok(Value::Null)
        }
        "code" => json(handle!(s, p.get::<OnPairing>()?.pairing, Pairing)?.code()),
        "expires_at_ms" => {
            json(handle!(s, p.get::<OnPairing>()?.pairing, Pairing)?.expires_at_ms())
        }
        "wait" => json(
            handle!(s, p.get::<OnPairing>()?.pairing, Pairing)?
                .wait()
                .await?,
        ),
        "cancel" => {
            handle!(s, p.get::<OnPairing>()?.pairing, Pairing)?.cancel();
            Ok(Value::Null)
        }
        "write" => {
            let a: Write = p.get()?;
            handle!(s, a.upload, Upload)?
                .write(a.data)
                .await
                .map(nothing)
        }
        "finish" => json(
            handle!(s, p.get::<OnUpload>()?.upload, Upload)?
                .finish()
                .await?,
        ),
        "transfer" => transfer(
            s,
            handle!(s, p.get::<OnUpload>()?.upload, Upload)?.transfer(),
        ),
        "object_id" => json(handle!(s, p.get::<OnTransfer>()?.transfer, Transfer)?.object_id()),
        "progress" => json(handle!(s, p.get::<OnTransfer>()?.transfer, Transfer)?.progress()),
        "next_progress" => json(
            handle!(s, p.get::<OnTransfer>()?.transfer, Transfer)?
                .next_progress()
                .await,
        ),
        "cancel_transfer" => {
            handle!(s, p.get::<OnTransfer>()?.transfer, Transfer)?.cancel_transfer();
            Ok(Value::Null)
        }
        "outcome" => {
            let t = handle!(s, p.get::<OnTransfer>()?.transfer, Transfer)?;
            while let Some(progress) = t.next_progress().await {
                if !s.outlet().chunk(id, json(progress)?).await {
                    break;
                }
            }
            json(t.outcome().await?)
        }
        _ => Err(SyncError::Protocol(format!("unknown method `{method}`"))),
    }
}

fn transfer<O: Outlet>(s: &Session<O>, t: Arc<Transfer>) -> Result<Value, SyncError> {
    let object_id = t.object_id();
    Ok(json!({ "transfer": s.add("transfer", Handle::Transfer(t)), "object_id": object_id }))
}

/// Sends a client's events to the session until the stream ends or the session does.
async fn forward_events<O: Outlet>(
    s: Arc<Session<O>>,
    client: String,
    handle: String,
    events: Arc<EventStream>,
) {
    while let Some(event) = events.next_event().await {
        let Ok(Value::Object(mut data)) = serde_json::to_value(event) else {
            continue;
        };
        let kind = data
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        data.insert("events".into(), handle.clone().into());
        data.insert("client".into(), client.clone().into());
        if !s.outlet().event(&kind, data.into()).await {
            return;
        }
    }
    s.outlet()
        .event(
            "events_closed",
            json!({ "events": handle, "client": client }),
        )
        .await;
}

fn json(value: impl Serialize) -> Result<Value, SyncError> {
    serde_json::to_value(value).map_err(|e| SyncError::Internal(format!("to JSON: {e}")))
}

fn nothing(_: ()) -> Value {
    Value::Null
}

/// A request's params, read as the method's parameter record.
struct Params<'a> {
    method: &'a str,
    params: Value,
}

impl Params<'_> {
    /// The params as `T`; taken by value, so a payload is not copied on its way in.
    fn get<T: DeserializeOwned>(self) -> Result<T, SyncError> {
        let method = self.method;
        let params = match self.params {
            Value::Null => json!({}),
            p => p,
        };
        serde_json::from_value(params).map_err(|e| wrong(method, e))
    }

    /// The client the method is called on, and the method's own params.
    fn on<T: DeserializeOwned>(
        self,
        s: &Session<impl Outlet>,
    ) -> Result<(Arc<SyncClient>, T), SyncError> {
        self.on_named(s).map(|(_, client, own)| (client, own))
    }

    /// As `on`, with the client's handle id.
    fn on_named<T: DeserializeOwned>(
        self,
        s: &Session<impl Outlet>,
    ) -> Result<(String, Arc<SyncClient>, T), SyncError> {
        let method = self.method;
        let call: ClientCall = self.get()?;
        let own = serde_json::from_value(Value::Object(call.rest)).map_err(|e| wrong(method, e))?;
        let client = handle!(s, call.client, Client)?;
        Ok((call.client, client, own))
    }

    fn none(self) -> Result<(), SyncError> {
        self.get::<Empty>().map(|_| ())
    }
}

fn wrong(method: &str, e: impl std::fmt::Display) -> SyncError {
    SyncError::Protocol(format!("{method}: wrong params: {e}"))
}

/// A client method's params: the client's handle, and the method's own.
#[derive(Deserialize)]
struct ClientCall {
    client: String,
    #[serde(flatten)]
    rest: serde_json::Map<String, Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Empty {}

macro_rules! params {
    ($($name:ident { $($(#[$attr:meta])* $field:ident: $ty:ty),* $(,)? })*) => {$(
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name { $($(#[$attr])* $field: $ty),* }
    )*};
}

params! {
    DeriveSecret {
        passphrase: String,
        #[serde(default, with = "optional_bytes")] salt: Option<Vec<u8>>,
        kdf: Option<KdfParams>,
    }
    InviteArg { invite: Invite }
    Qr { qr: String }
    JoinWithCode { code: String, relay_addresses: Vec<String> }
    CreateClient { config: SyncConfig }
    OnClient { client: String }
    Payload { #[serde(with = "bytes")] payload: Vec<u8> }
    Flush { timeout_ms: Option<u64> }
    PullAfter { cursor: u64 }
    Ttl { ttl_secs: u64 }
    OptionalTtl { ttl_secs: Option<u64> }
    PathArg { path: String }
    Download { object: RemoteObject, path: String }
    PushStream { size: u64, name: Option<String> }
    Subscribe { heartbeat_ms: Option<u64> }
    OnSubscription { subscription: String }
    OnEvents { events: String }
    OnPairing { pairing: String }
    OnUpload { upload: String }
    OnTransfer { transfer: String }
    Write { upload: String, #[serde(with = "bytes")] data: Vec<u8> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Clients;

    struct Nowhere;

    impl Outlet for Nowhere {
        async fn chunk(&self, _: &Value, _: Value) -> bool {
            false
        }
        async fn event(&self, _: &str, _: Value) -> bool {
            false
        }
    }

    /// `with_methods!` (what the Tauri plugin makes commands of) names only methods `call`
    /// serves: each answers params naming no handle with an error about those params.
    #[tokio::test]
    async fn every_listed_method_is_served() {
        let s = Arc::new(Session::new(Arc::new(Clients::default()), Nowhere));
        macro_rules! check {
            ($($method:ident)*) => {$(
                let method = stringify!($method);
                let answer = call(&s, method, json!({ "nothing": 0 }), &Value::Null).await;
                let Err(SyncError::Protocol(message)) = answer else {
                    panic!("{method}: {answer:?}");
                };
                assert!(!message.contains("unknown method"), "{method}: {message}");
            )*};
        }
        crate::with_methods!(check);
    }
}
