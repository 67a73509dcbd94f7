// The conformance scenarios (tests/conformance/scenarios.json) through `zerok daemon`, driven
// by smartrust from npm: one daemon per scenario, one daemon command per op. What the
// scenarios see must be what they see in-process.
import { daemonError, DAEMON_EVENTS, SyncError, type SubscriptionChunk, type SyncConfig } from "zerok-sync/daemon";

import { call, spawnDaemon, type Bridge, type Method } from "./daemon-harness.js";
import type { Relay } from "./harness.js";
import { Background, Run, runScenarios, type Json, type Ops } from "./scenarios.js";

/** Byte fields: a payload reads as text in the scenarios, the others as hex. */
const TEXT = new Set(["payload", "data"]);
const HEX = new Set(["secret", "salt", "secret_bytes", "inline_bytes"]);

/** A daemon result as the scenarios write it: the same records, bytes as text or hex. */
function canonical(value: unknown, field = ""): unknown {
  if (typeof value === "string" && (TEXT.has(field) || HEX.has(field))) {
    return Buffer.from(value, "base64").toString(TEXT.has(field) ? "utf8" : "hex");
  }
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v, k)]));
  }
  return value;
}

/** The inverse for arguments: hex fields of a scenario value as base64. */
function wire(value: Json, field = ""): Json {
  if (typeof value === "string" && HEX.has(field)) return Buffer.from(value, "hex").toString("base64");
  if (Array.isArray(value)) return value.map((v) => wire(v));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wire(v, k)]));
  }
  return value;
}

/** A payload argument: text, or `{ size }` zero bytes. */
const payload = (p: Json) => Buffer.from(typeof p === "string" ? p : new Uint8Array(p.size)).toString("base64");

class DaemonRun extends Run {
  constructor(
    relay: Relay,
    flags: string[] | undefined,
    readonly bridge: Bridge,
  ) {
    super(relay, flags, canonical);
  }

  call<K extends Method>(method: K, params: Json): Promise<unknown> {
    return call(this.bridge, method, params);
  }

  config(fields: Json): SyncConfig {
    const { from_invite: invite, ...rest } = fields;
    const config = wire(this.value(rest));
    if (invite === undefined) return config;
    // What an app does with an invite: its group, its relays.
    const { relay_addresses, secret_bytes, salt, kdf } = this.native(invite);
    return { relay_addresses, secret_bytes, salt, kdf, ...config };
  }
}

/** A subscription's stream: `{ error: "Tampered" }` for a tampered blob, null at its end. */
function subscription(run: DaemonRun, client: string): Background {
  const stream = run.bridge.sendCommandStreaming("subscribe", { client });
  stream.result.catch(() => {}); // its failure is the iterator's too
  const chunks = stream[Symbol.asyncIterator]();
  let handle: string | undefined;
  const read = async (): Promise<unknown> => {
    for (;;) {
      let next: IteratorResult<SubscriptionChunk>;
      try {
        next = await chunks.next();
      } catch (error) {
        throw daemonError(error);
      }
      if (next.done) return null;
      const chunk = next.value;
      if (chunk.kind === "subscribed") handle = chunk.subscription;
      if (chunk.kind === "blob") return chunk.blob;
      if (chunk.kind === "tampered") return { error: chunk.error.code };
    }
  };
  return new Background(read, () => handle !== undefined && run.call("close", { subscription: handle }));
}

/** A client's events as the bridge re-emits them, null once `events_closed` came. */
async function events(run: DaemonRun, client: string): Promise<Background> {
  const items: unknown[] = [];
  let wake: (() => void) | undefined;
  let handle: string | undefined;
  const early: Json[] = [];
  for (const name of DAEMON_EVENTS) {
    run.bridge.on(`management:${name}`, (data: Json) => {
      if (handle === undefined) early.push(data);
      else if (data.events === handle) {
        items.push(name === "events_closed" ? null : data);
        wake?.();
      }
    });
  }
  handle = ((await run.call("events", { client })) as { events: string }).events;
  items.push(...early.filter((d) => d.events === handle).map((d) => ("kind" in d ? d : null)));
  const read = async () => {
    while (items.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return items.shift();
  };
  return new Background(read, () => run.call("close_events", { events: handle }));
}

/** A transfer's progress read to its end the daemon's way (`next_progress`): the last one. */
async function lastProgress(run: DaemonRun, transfer: string): Promise<unknown> {
  let last = null;
  for (;;) {
    const next = await run.call("next_progress", { transfer });
    if (next === null) return last;
    last = next;
  }
}

/** The outcome as a streaming command: progress chunks, then the result. */
async function outcome(run: DaemonRun, transfer: string): Promise<unknown> {
  const stream = run.bridge.sendCommandStreaming("outcome", { transfer });
  stream.result.catch(() => {}); // read below, once the chunks are
  try {
    for await (const _ of stream);
    return await stream.result;
  } catch (error) {
    throw daemonError(error);
  }
}

/** A client method: the client's handle and the step's args, bytes as base64. */
const on =
  (method: Method, args: (run: DaemonRun, a: Json) => Json = () => ({})) =>
  (run: DaemonRun, c: Json, a: Json) =>
    run.call(method, { client: c.client, ...args(run, a) });
const path = (run: DaemonRun, a: Json) => ({ path: run.value(a.path) });

// op → the daemon command(s); the harness ops are the runner's (scenarios.ts).
const OPS: Ops<DaemonRun> = {
  create_client: (run, _, a) => run.call("create_client", { config: run.config(a.config) }),
  connect: on("connect"),
  disconnect: on("disconnect"),
  push: on("push", (_, a) => ({ payload: payload(a.payload) })),
  enqueue: on("enqueue", (_, a) => ({ payload: payload(a.payload) })),
  pending: on("pending"),
  flush: on("flush", (_, a) => ({ timeout_ms: a.timeout_ms ?? null })),
  events: (run, c) => events(run, c.client),
  next_event: (_, stream: Background, a) => stream.next(a.count, a.timeout_ms),
  close_events: (_, stream: Background) => stream.close(),
  pull: on("pull"),
  pull_after: on("pull_after", (run, a) => ({ cursor: run.value(a.cursor) })),
  subscribe: (run, c) => subscription(run, c.client),
  next: (_, stream: Background, a) => stream.next(a.count, a.timeout_ms),
  close: (_, stream: Background) => stream.close(),
  is_connected: on("is_connected"),
  current_cursor: on("current_cursor"),
  active_relay: on("active_relay"),
  group_id: on("group_id"),
  create_invite: on("create_invite", (_, a) => ({ ttl_secs: a.ttl_secs })),
  shutdown: on("shutdown"),
  invite_to_qr: (run, _, a) => run.call("invite_to_qr", { invite: run.native(a.invite) }),
  invite_from_qr: (run, _, a) => run.call("invite_from_qr", { qr: run.value(a.qr) }),
  derive_secret: (run, _, a) =>
    run.call("derive_secret", wire({ passphrase: a.passphrase, salt: run.value(a.salt), kdf: run.value(a.kdf) })),
  create_pairing_code: on("create_pairing_code", (_, a) => ({ ttl_secs: a.ttl_secs ?? null })),
  code: (run, p) => run.call("code", { pairing: p.pairing }),
  expires_at_ms: (run, p) => run.call("expires_at_ms", { pairing: p.pairing }),
  wait: (run, p) => run.call("wait", { pairing: p.pairing }),
  cancel: (run, p) => run.call("cancel", { pairing: p.pairing }),
  join_with_code: (run, _, a) =>
    run.call("join_with_code", { code: run.value(a.code), relay_addresses: run.value(a.relay_addresses) }),
  version: (run) => run.call("version", {}),
  push_file: on("push_file", path),
  enqueue_file: on("enqueue_file", path),
  push_stream: on("push_stream", (_, a) => ({ size: a.size, name: a.name ?? null })),
  write: (run, u, a) => run.call("write", { upload: u.upload, data: payload(a.data) }),
  finish: (run, u) => run.call("finish", { upload: u.upload }),
  transfer: (run, u) => run.call("transfer", { upload: u.upload }),
  download: on("download", (run, a) => ({ object: wire(run.value(a.object)), path: run.value(a.path) })),
  object_id: (run, t) => run.call("object_id", { transfer: t.transfer }),
  progress: (run, t) => run.call("progress", { transfer: t.transfer }),
  next_progress: (run, t) => lastProgress(run, t.transfer),
  outcome: (run, t) => outcome(run, t.transfer),
  cancel_transfer: (run, t) => run.call("cancel_transfer", { transfer: t.transfer }),
};

runScenarios<DaemonRun>({
  label: "daemon conformance",
  begin: async (relay, flags) => new DaemonRun(relay, flags, await spawnDaemon()),
  end: async (run) => run.bridge.kill(),
  device: async (run, config) => {
    const made = (await run.call("create_client", { config: run.config(config) })) as Json;
    await run.call("connect", { client: made.client });
    return made;
  },
  ops: OPS,
  errorCode: (e) => {
    const typed = daemonError(e);
    return typed instanceof SyncError ? typed.code : undefined;
  },
});
