/**
 * `zerok daemon` from TypeScript through smartrust (`@push.rocks/smartrust`): the command map
 * that types `RustBridge<ZerokCommands>`, the JSON records the daemon speaks, and the typed
 * errors. Import it as `zerok-sync/daemon`: it loads no native library (the daemon is the
 * native part), so it works where the in-process package cannot.
 *
 * The records are the contract's (udl/zerok_sync.udl) as JSON: snake_case fields, absent
 * optionals `null`, bytes as standard base64, 64-bit integers as numbers. Objects the contract
 * returns (a client, subscription, transfer, upload, pairing, event stream) are handle ids,
 * passed back by name (`{ client }`, `{ transfer }`, …). The daemon's methods are documented
 * in rpc/src/methods.rs; the README shows a session.
 */
import { SyncError, errorFor } from "./errors.js";

// The error classes, for `instanceof` on what daemonError returns.
export * from "./errors.js";

/** Bytes in the daemon's JSON: standard base64, with padding. */
export type Base64 = string;

export interface VersionInfo {
  core: string;
  wire: number;
  ffi: string;
}
export interface KdfParams {
  memory_kib: number;
  iterations: number;
  parallelism: number;
}
export interface DerivedSecret {
  secret: Base64;
  salt: Base64;
  kdf: KdfParams;
}
/** Exactly one of `passphrase` and `secret_bytes`; the rest as in the contract's SyncConfig. */
export interface SyncConfig {
  relay_addresses: string[];
  passphrase?: string | null;
  secret_bytes?: Base64 | null;
  salt?: Base64 | null;
  kdf?: KdfParams | null;
  device_name?: string | null;
  ttl_secs?: number | null;
  /** Sessions naming the same state file (with the same secret) share one client. */
  state_path?: string | null;
  keep_alive_ms?: number | null;
  idle_timeout_ms?: number | null;
  connect_timeout_ms?: number | null;
  request_timeout_ms?: number | null;
  outbox_max_bytes?: number | null;
}
export interface RemoteObject {
  object_id: string;
  size: number;
  blake3: string;
  chunk_size: number;
  chunk_count: number;
  name: string | null;
  inline_bytes: Base64;
}
export interface SyncBlob {
  blob_id: string;
  payload: Base64;
  cursor: number;
  timestamp_ms: number;
  object: RemoteObject | null;
}
export interface PushResult {
  blob_id: string;
  cursor: number;
}
export interface TamperedBlob {
  blob_id: string;
  cursor: number;
}
export interface PullResult {
  blobs: SyncBlob[];
  tampered: TamperedBlob[];
}
export interface Pending {
  count: number;
  bytes: number;
  blob_ids: string[];
}
export interface TransferProgress {
  bytes_done: number;
  bytes_total: number;
  bytes_sent: number;
  chunks_done: number;
  chunks_total: number;
}
export interface TransferResult {
  object_id: string;
  size: number;
  blake3: string;
  cursor: number | null;
  path: string | null;
}
export interface Invite {
  relay_addresses: string[];
  secret_bytes: Base64;
  salt: Base64 | null;
  kdf: KdfParams | null;
  expires_at: number;
}
export interface PairedInvite {
  invite: Invite;
  verifier: string;
}

/** A client event as the contract names it. */
export type SyncEvent =
  | { kind: "connected"; relay: string }
  | { kind: "disconnected"; relay: string; reason: string }
  | { kind: "failover"; from_relay: string; to_relay: string }
  | { kind: "outbox_sent"; blob_id: string; cursor: number; pending: number }
  | { kind: "outbox_rejected"; blob_id: string; reason: string }
  | { kind: "lagged"; missed: number };

/**
 * What `bridge.on("management:<kind>")` receives once `events` was called for a client: the
 * event, with the `events` stream and the `client` it belongs to. `events_closed` ends a
 * stream (closed, or its client shut down).
 */
export type DaemonEvent = SyncEvent & { events: string; client: string };
export interface EventsClosed {
  events: string;
  client: string;
}
/** Every event name the daemon sends besides `ready`. */
export const DAEMON_EVENTS = [
  "connected",
  "disconnected",
  "failover",
  "outbox_sent",
  "outbox_rejected",
  "lagged",
  "events_closed",
] as const;

/**
 * A `subscribe` stream's chunks: first the subscription's handle (for `close`), then its
 * blobs, a tampered blob's error (the stream goes on), and `idle` after `heartbeat_ms` of
 * quiet (which keeps smartrust's inactivity timeout from ending the stream).
 */
export type SubscriptionChunk =
  | { kind: "subscribed"; subscription: string }
  | { kind: "blob"; blob: SyncBlob }
  | { kind: "tampered"; error: { code: "Tampered"; message: string } }
  | { kind: "idle" };

type Command<P, R> = { params: P; result: R };
type Streaming<P, C, R> = { params: P; chunk: C; result: R };
type On<H extends string, P = {}> = { [K in H]: string } & P;
type Client<P = {}> = On<"client", P>;
type Handed = { transfer: string; object_id: string };

/** The daemon's methods, for `new RustBridge<ZerokCommands>(…)`. */
export type ZerokCommands = {
  version: Command<{}, VersionInfo>;
  derive_secret: Command<{ passphrase: string; salt?: Base64 | null; kdf?: KdfParams | null }, DerivedSecret>;
  invite_to_qr: Command<{ invite: Invite }, string>;
  invite_from_qr: Command<{ qr: string }, Invite>;
  join_with_code: Command<{ code: string; relay_addresses: string[] }, PairedInvite>;
  create_client: Command<{ config: SyncConfig }, { client: string }>;
  connect: Command<Client, null>;
  disconnect: Command<Client, null>;
  push: Command<Client<{ payload: Base64 }>, PushResult>;
  enqueue: Command<Client<{ payload: Base64 }>, string>;
  pending: Command<Client, Pending>;
  flush: Command<Client<{ timeout_ms?: number | null }>, null>;
  events: Command<Client, { events: string }>;
  close_events: Command<On<"events">, null>;
  pull: Command<Client, PullResult>;
  pull_after: Command<Client<{ cursor: number }>, PullResult>;
  subscribe: Streaming<Client<{ heartbeat_ms?: number | null }>, SubscriptionChunk, null>;
  close: Command<On<"subscription">, null>;
  is_connected: Command<Client, boolean>;
  current_cursor: Command<Client, number>;
  active_relay: Command<Client, string | null>;
  group_id: Command<Client, string>;
  create_invite: Command<Client<{ ttl_secs: number }>, Invite>;
  create_pairing_code: Command<
    Client<{ ttl_secs?: number | null }>,
    { pairing: string; code: string; expires_at_ms: number }
  >;
  code: Command<On<"pairing">, string>;
  expires_at_ms: Command<On<"pairing">, number>;
  wait: Command<On<"pairing">, string>;
  cancel: Command<On<"pairing">, null>;
  push_file: Command<Client<{ path: string }>, Handed>;
  enqueue_file: Command<Client<{ path: string }>, string>;
  push_stream: Command<Client<{ size: number; name?: string | null }>, { upload: string }>;
  write: Command<On<"upload", { data: Base64 }>, null>;
  finish: Command<On<"upload">, TransferResult>;
  transfer: Command<On<"upload">, Handed>;
  download: Command<Client<{ object: RemoteObject; path: string }>, Handed>;
  object_id: Command<On<"transfer">, string>;
  progress: Command<On<"transfer">, TransferProgress>;
  next_progress: Command<On<"transfer">, TransferProgress | null>;
  outcome: Streaming<On<"transfer">, TransferProgress, TransferResult>;
  cancel_transfer: Command<On<"transfer">, null>;
  shutdown: Command<Client, null>;
};

/**
 * The typed error (the classes `zerok-sync` throws in-process: `TamperedError`, …) for a
 * failed daemon command. smartrust rejects with a plain `Error` whose message is the daemon's
 * `"<Variant>: <message>"`; anything else (a bridge timeout, the process gone) is returned
 * unchanged.
 */
export function daemonError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof SyncError) return error;
  const match = /^([A-Z][A-Za-z]+): (.*)$/s.exec(error.message);
  if (match === null) return error;
  const typed = errorFor(match[1]!, match[2]!);
  return typed.code === match[1] ? typed : error;
}
