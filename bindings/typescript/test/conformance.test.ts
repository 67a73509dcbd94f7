// The conformance scenarios (tests/conformance/scenarios.json, format in its README) through
// the TypeScript facade against real relays: one test per scenario, one facade call per op.
import {
  SyncConfig,
  SyncError,
  TamperedError,
  deriveSecret,
  inviteFromQr,
  inviteToQr,
  joinWithCode,
  version,
  type EventStream,
  type Pairing,
  type RemoteObject,
  type SyncClient,
  type Subscription,
  type Transfer,
  type Upload,
} from "zerok-sync";

import { client, type Relay } from "./harness.js";
import { Background, Run, runScenarios, unhex, type Json, type Ops } from "./scenarios.js";

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const camelKeys = (o: Json): Json => Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));

/**
 * A result as the scenarios write it: records with the contract's (snake_case) field names,
 * payloads as text, other bytes as hex, 64-bit integers as numbers, undefined as null, event
 * kinds in snake_case.
 */
function canonical(value: unknown, field = ""): unknown {
  if (value instanceof Uint8Array) {
    return Buffer.from(value).toString(field === "payload" ? "utf8" : "hex");
  }
  if (typeof value === "bigint") return Number(value);
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), canonical(v, snake(k))]));
  }
  // An event's kind is its variant's name (camelCase here, snake_case in the contract).
  return field === "kind" && typeof value === "string" ? snake(value) : value;
}

/** A subscription's blobs; `{ error: "Tampered" }` for a blob that failed authentication. */
function live(subscription: Subscription): Background {
  const read = () =>
    subscription.next().then(
      (blob) => canonical(blob),
      (error: unknown) => {
        if (error instanceof TamperedError) return { error: "Tampered" };
        throw error;
      },
    );
  return new Background(read, () => subscription.close());
}

/** A client's events, each `{ kind, ...fields }` as the contract names them. */
function events(stream: EventStream): Background {
  return new Background(async () => canonical(await stream.next()), () => stream.close());
}

/** A run whose saved records are the facade's (camelCase fields). */
class FacadeRun extends Run {
  override native(ref: string): Json {
    return super.native(ref, camel);
  }

  config(fields: Json): SyncConfig {
    const { from_invite: invite, ...rest } = fields;
    const config: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(this.value(rest) as Record<string, Json>)) {
      config[camel(key)] = key === "secret_bytes" || key === "salt" ? unhex(v) : key === "kdf" ? camelKeys(v) : v;
    }
    return invite === undefined
      ? (config as unknown as SyncConfig)
      : SyncConfig.fromInvite(this.native(invite), config);
  }
}

const payload = (p: Json) => (typeof p === "string" ? new TextEncoder().encode(p) : new Uint8Array(p.size));

/** A RemoteObject from its canonical JSON (a reference's value, or written out in the step). */
const remoteObject = (o: Json): RemoteObject => ({
  ...camelKeys(o),
  name: o.name ?? undefined,
  inlineBytes: unhex(o.inline_bytes),
});

/** A transfer's progress read as the facade gives it, to its end: the last item, or null. */
async function lastProgress(t: Transfer): Promise<unknown> {
  let last = null;
  for await (const p of t.progress()) last = p;
  return last;
}

// op → call(run, receiver, args); the harness ops are the runner's (scenarios.ts).
const OPS: Ops<FacadeRun> = {
  create_client: (run, _, a) => client(run.config(a.config), false),
  connect: (_, c: SyncClient) => c.connect(),
  disconnect: (_, c: SyncClient) => c.disconnect(),
  push: (_, c: SyncClient, a) => c.push(payload(a.payload)),
  enqueue: (_, c: SyncClient, a) => c.enqueue(payload(a.payload)),
  pending: (_, c: SyncClient) => c.pending(),
  flush: (_, c: SyncClient, a) => c.flush({ timeoutMs: a.timeout_ms }),
  events: (_, c: SyncClient) => events(c.events()),
  next_event: (_, stream: Background, a) => stream.next(a.count, a.timeout_ms),
  close_events: (_, stream: Background) => stream.close(),
  pull: (_, c: SyncClient) => c.pull(),
  pull_after: (run, c: SyncClient, a) => c.pullAfter(run.value(a.cursor)),
  subscribe: (_, c: SyncClient) => live(c.subscribe()),
  next: (_, stream: Background, a) => stream.next(a.count, a.timeout_ms),
  close: (_, stream: Background) => stream.close(),
  is_connected: (_, c: SyncClient) => c.isConnected(),
  current_cursor: (_, c: SyncClient) => c.currentCursor(),
  active_relay: (_, c: SyncClient) => c.activeRelay(),
  group_id: (_, c: SyncClient) => c.groupId(),
  create_invite: (_, c: SyncClient, a) => c.createInvite(a.ttl_secs),
  shutdown: (_, c: SyncClient) => c.shutdown(),
  invite_to_qr: (run, _, a) => inviteToQr(run.native(a.invite)),
  invite_from_qr: (run, _, a) => inviteFromQr(run.value(a.qr)),
  derive_secret: (run, _, a) =>
    deriveSecret(a.passphrase, {
      salt: a.salt === undefined ? undefined : unhex(run.value(a.salt)),
      kdf: a.kdf === undefined ? undefined : camelKeys(run.value(a.kdf)),
    }),
  create_pairing_code: (_, c: SyncClient, a) => c.createPairingCode({ ttlSecs: a.ttl_secs ?? undefined }),
  code: (_, p: Pairing) => p.code,
  expires_at_ms: (_, p: Pairing) => p.expiresAtMs,
  wait: (_, p: Pairing) => p.wait(),
  cancel: (_, p: Pairing) => p.cancel(),
  join_with_code: (run, _, a) => joinWithCode(run.value(a.code), run.value(a.relay_addresses)),
  version: () => version(),
  push_file: (run, c: SyncClient, a) => c.pushFile(run.value(a.path)),
  enqueue_file: (run, c: SyncClient, a) => c.enqueueFile(run.value(a.path)),
  push_stream: (_, c: SyncClient, a) => c.pushStream(a.size, { name: a.name ?? undefined }),
  write: (_, u: Upload, a) => u.write(payload(a.data)),
  finish: (_, u: Upload) => u.finish(),
  transfer: (_, u: Upload) => u.transfer,
  download: (run, c: SyncClient, a) => c.download(remoteObject(run.value(a.object)), run.value(a.path)),
  object_id: (_, t: Transfer) => t.objectId,
  progress: (_, t: Transfer) => t.currentProgress(),
  next_progress: (_, t: Transfer) => lastProgress(t),
  outcome: (_, t: Transfer) => t.outcome(),
  cancel_transfer: (_, t: Transfer) => t.cancel(),
};

runScenarios({
  label: "conformance",
  begin: async (relay: Relay, flags: string[] | undefined) => new FacadeRun(relay, flags, canonical),
  device: (run, config) => client(run.config(config)),
  ops: OPS,
  errorCode: (e) => (e instanceof SyncError ? e.code : undefined),
});
