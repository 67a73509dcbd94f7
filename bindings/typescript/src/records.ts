/**
 * The contract's records with JavaScript names (camelCase), and their conversion to and from
 * the generated snake_case objects. Byte fields are `Uint8Array` (a `Buffer` is one too).
 * 64-bit integers go in as `bigint | number`; positions (cursors, timestamps, expiry) come
 * out as `bigint`, counts and byte sizes as `number` (exact far beyond any outbox).
 */
import type * as g from "../generated/zerok_sync.js";

/** Argon2id cost parameters; every device of a passphrase group must use the same. */
export interface KdfParams {
  readonly memoryKib: number;
  readonly iterations: number;
  readonly parallelism: number;
}

/** A secret derived from a passphrase, with the salt and parameters that reproduce it. */
export interface DerivedSecret {
  readonly secret: Uint8Array;
  readonly salt: Uint8Array;
  readonly kdf: KdfParams;
}

/**
 * One blob of the group, decrypted. `cursor` orders blobs on the relay that served it. A blob
 * with `object` is a file another device pushed: its payload is empty, and
 * `client.download(blob.object, path)` fetches it.
 */
export interface SyncBlob {
  readonly blobId: string;
  readonly payload: Uint8Array;
  readonly cursor: bigint;
  readonly timestampMs: bigint;
  readonly object: RemoteObject | undefined;
}

/**
 * A pushed file as its manifest describes it: size, BLAKE3 hash (hex), how it is cut, the base
 * name it was pushed with. One up to 256 KiB carries its bytes in `inlineBytes` (no chunks).
 * Plain data: store it (e.g. as JSON, bytes as hex) to download the file later.
 */
export interface RemoteObject {
  readonly objectId: string;
  readonly size: number;
  readonly blake3: string;
  readonly chunkSize: number;
  readonly chunkCount: number;
  readonly name: string | undefined;
  readonly inlineBytes: Uint8Array;
}

/**
 * Where a transfer stands. `bytesDone` of `bytesTotal` are on the relay (upload) or verified
 * and written (download), counting what a resumed transfer found there; `bytesSent` is what
 * this transfer moved over the network (chunk envelopes); chunks count padding too.
 */
export interface TransferProgress {
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly bytesSent: number;
  readonly chunksDone: number;
  readonly chunksTotal: number;
}

/** How a transfer ended: an upload's `cursor`, or the `path` a download wrote. */
export interface TransferResult {
  readonly objectId: string;
  readonly size: number;
  readonly blake3: string;
  readonly cursor: bigint | undefined;
  readonly path: string | undefined;
}

/** A stored blob that failed authentication (altered, swapped or replayed by the relay). */
export interface TamperedBlob {
  readonly blobId: string;
  readonly cursor: bigint;
}

/**
 * What a pull read: the good blobs, oldest first, and each tampered one. The blobs after a
 * tampered one are read all the same, so the list is never silently cut short.
 */
export interface PullResult {
  readonly blobs: SyncBlob[];
  readonly tampered: TamperedBlob[];
}

/** What the outbox holds: blob ids in enqueue order (the next to send first), sealed bytes. */
export interface Pending {
  readonly count: number;
  readonly bytes: number;
  readonly blobIds: string[];
}

/**
 * What happens to a client in the background, discriminated by `kind`:
 * `switch (event.kind)` narrows it. For a sync indicator or a pending count; the library
 * reconnects and delivers the outbox by itself, so no app needs events for correctness.
 */
export type SyncEvent =
  /** A session with this relay is open; calls go there. */
  | { readonly kind: "connected"; readonly relay: string }
  /** The session ended; the client reconnects by itself unless disconnect()/shutdown() ended it. */
  | { readonly kind: "disconnected"; readonly relay: string; readonly reason: string }
  /** Calls moved from one relay to another. */
  | { readonly kind: "failover"; readonly fromRelay: string; readonly toRelay: string }
  /** A relay durably stored an outbox blob; `pending` blobs remain. */
  | {
      readonly kind: "outboxSent";
      readonly blobId: string;
      readonly cursor: bigint;
      readonly pending: number;
    }
  /** A relay refused an outbox blob for good (e.g. over its size limit); it left the outbox. */
  | { readonly kind: "outboxRejected"; readonly blobId: string; readonly reason: string }
  /** This stream fell behind and missed this many events. */
  | { readonly kind: "lagged"; readonly missed: number };

/** The relay's acknowledgement of a push: stored durably under this id and cursor. */
export interface PushResult {
  readonly blobId: string;
  readonly cursor: bigint;
}

/**
 * An invitation into a group: its relays and secret (and the passphrase's salt and KDF
 * parameters, if any). It carries the group secret: hand it over only on a trusted channel.
 */
export interface Invite {
  readonly relayAddresses: readonly string[];
  readonly secretBytes: Uint8Array;
  readonly salt: Uint8Array | undefined;
  readonly kdf: KdfParams | undefined;
  /** Unix seconds. */
  readonly expiresAt: bigint;
}

/**
 * What `joinWithCode()` receives: the group's invite (for `SyncConfig.fromInvite`), and the
 * verifier, six digits as `"ddd ddd"` that the showing device's `wait()` returns too. The
 * code already proved both sides; showing the digits lets people check it was their devices.
 */
export interface PairedInvite {
  readonly invite: Invite;
  readonly verifier: string;
}

/** Versions of the loaded library: core, wire protocol, FFI. */
export interface VersionInfo {
  readonly core: string;
  readonly wire: number;
  readonly ffi: string;
}

/**
 * Everything a client needs. Give exactly one of `passphrase` and `secretBytes`; a passphrase
 * also needs the group's `salt` (and its `kdf`, defaults otherwise) so every device derives
 * the same secret. Unset settings take the library's defaults (below).
 */
export interface SyncConfig {
  /** `<endpoint id>@<ip:port>` as `zerok relay` prints it, in order of preference. */
  readonly relayAddresses: readonly string[];
  readonly passphrase?: string | undefined;
  readonly secretBytes?: Uint8Array | undefined;
  readonly salt?: Uint8Array | undefined;
  readonly kdf?: KdfParams | undefined;
  /** A name for this device (at most 256 bytes), for logs and the relay's operator. */
  readonly deviceName?: string | undefined;
  /** How long the relay keeps this device's blobs; the relay's default otherwise. */
  readonly ttlSecs?: bigint | number | undefined;
  /**
   * A file keeping this device's id and cursors across runs, with the outbox beside it
   * (`<statePath>.outbox`). Without it both live in memory: enqueued blobs not yet sent are
   * lost when the process ends.
   */
  readonly statePath?: string | undefined;
  /**
   * Silence after which the client sends a keep-alive: 3000 by default (desktop). A phone
   * wants 4500 with `idleTimeoutMs` 15000, the longest the transport allows (iroh 1.4 keeps
   * every path alive at least every 5 s); longer values fail with `InvalidConfigError`.
   */
  readonly keepAliveMs?: bigint | number | undefined;
  /** Silence after which a relay is given up (and failed over): 10000 by default. */
  readonly idleTimeoutMs?: bigint | number | undefined;
  /** How long dialing and authenticating with one relay may take: 5000 by default. */
  readonly connectTimeoutMs?: bigint | number | undefined;
  /**
   * How long one call may take in all, retries and rate-limit pacing included: 30000 by
   * default.
   */
  readonly requestTimeoutMs?: bigint | number | undefined;
  /** Sealed bytes the outbox may hold (`enqueue` beyond it throws OutboxFullError): 256 MiB. */
  readonly outboxMaxBytes?: bigint | number | undefined;
}

/** Builds configs: `SyncConfig.fromInvite(invite, { deviceName: "laptop" })`. */
export const SyncConfig = {
  /** A config joining the invite's group (its relays, secret and KDF parameters). */
  fromInvite(invite: Invite, fields: Omit<SyncConfig, "relayAddresses"> = {}): SyncConfig {
    return {
      relayAddresses: invite.relayAddresses,
      secretBytes: invite.secretBytes,
      salt: invite.salt,
      kdf: invite.kdf,
      ...fields,
    };
  },
};

function bytes(value: Uint8Array, name: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${name} must be a Uint8Array or Buffer`);
  }
  return value;
}

function optionalBytes(value: Uint8Array | undefined, name: string): Uint8Array | undefined {
  return value === undefined ? undefined : bytes(value, name);
}

export function lowerPayload(payload: Uint8Array): Uint8Array {
  return bytes(payload, "payload");
}

export function lowerKdf(kdf: KdfParams | undefined): g.KdfParams | undefined {
  return kdf === undefined
    ? undefined
    : { memory_kib: kdf.memoryKib, iterations: kdf.iterations, parallelism: kdf.parallelism };
}

export function liftKdf(kdf: g.KdfParams): KdfParams {
  return { memoryKib: kdf.memory_kib, iterations: kdf.iterations, parallelism: kdf.parallelism };
}

/** A list of relay addresses; one address given as a string is a TypeError, not a list. */
export function lowerRelayAddresses(addresses: readonly string[]): string[] {
  if (typeof addresses === "string" || !Array.isArray(addresses)) {
    throw new TypeError("relayAddresses is an array of addresses, not one string");
  }
  return [...addresses];
}

export function lowerConfig(config: SyncConfig): g.SyncConfig {
  return {
    relay_addresses: lowerRelayAddresses(config.relayAddresses),
    passphrase: config.passphrase,
    secret_bytes: optionalBytes(config.secretBytes, "secretBytes"),
    salt: optionalBytes(config.salt, "salt"),
    kdf: lowerKdf(config.kdf),
    device_name: config.deviceName,
    ttl_secs: config.ttlSecs,
    state_path: config.statePath,
    keep_alive_ms: config.keepAliveMs,
    idle_timeout_ms: config.idleTimeoutMs,
    connect_timeout_ms: config.connectTimeoutMs,
    request_timeout_ms: config.requestTimeoutMs,
    outbox_max_bytes: config.outboxMaxBytes,
  };
}

export function liftBlob(blob: g.SyncBlob): SyncBlob {
  return {
    blobId: blob.blob_id,
    payload: blob.payload,
    cursor: BigInt(blob.cursor),
    timestampMs: BigInt(blob.timestamp_ms),
    object: blob.object === undefined ? undefined : liftObject(blob.object),
  };
}

export function liftObject(o: g.RemoteObject): RemoteObject {
  return {
    objectId: o.object_id,
    size: Number(o.size),
    blake3: o.blake3,
    chunkSize: o.chunk_size,
    chunkCount: Number(o.chunk_count),
    name: o.name,
    inlineBytes: o.inline_bytes,
  };
}

export function lowerObject(o: RemoteObject): g.RemoteObject {
  return {
    object_id: o.objectId,
    size: o.size,
    blake3: o.blake3,
    chunk_size: o.chunkSize,
    chunk_count: o.chunkCount,
    name: o.name,
    inline_bytes: bytes(o.inlineBytes, "inlineBytes"),
  };
}

export function liftProgress(p: g.TransferProgress): TransferProgress {
  return {
    bytesDone: Number(p.bytes_done),
    bytesTotal: Number(p.bytes_total),
    bytesSent: Number(p.bytes_sent),
    chunksDone: Number(p.chunks_done),
    chunksTotal: Number(p.chunks_total),
  };
}

export function liftTransferResult(r: g.TransferResult): TransferResult {
  return {
    objectId: r.object_id,
    size: Number(r.size),
    blake3: r.blake3,
    cursor: r.cursor === undefined ? undefined : BigInt(r.cursor),
    path: r.path,
  };
}

export function liftPullResult(result: g.PullResult): PullResult {
  return {
    blobs: result.blobs.map(liftBlob),
    tampered: result.tampered.map((t) => ({ blobId: t.blob_id, cursor: BigInt(t.cursor) })),
  };
}

export function liftPending(pending: g.Pending): Pending {
  return { count: Number(pending.count), bytes: Number(pending.bytes), blobIds: pending.blob_ids };
}

/** Exhaustive by type: a new variant fails to compile until it has its case. */
export function liftEvent(event: g.SyncEvent): SyncEvent {
  switch (event.tag) {
    case "Connected":
      return { kind: "connected", relay: event.relay };
    case "Disconnected":
      return { kind: "disconnected", relay: event.relay, reason: event.reason };
    case "Failover":
      return { kind: "failover", fromRelay: event.from_relay, toRelay: event.to_relay };
    case "OutboxSent":
      return {
        kind: "outboxSent",
        blobId: event.blob_id,
        cursor: BigInt(event.cursor),
        pending: Number(event.pending),
      };
    case "OutboxRejected":
      return { kind: "outboxRejected", blobId: event.blob_id, reason: event.reason };
    case "Lagged":
      return { kind: "lagged", missed: Number(event.missed) };
  }
}

export function liftPushResult(result: g.PushResult): PushResult {
  return { blobId: result.blob_id, cursor: BigInt(result.cursor) };
}

export function lowerInvite(invite: Invite): g.Invite {
  return {
    relay_addresses: [...invite.relayAddresses],
    secret_bytes: bytes(invite.secretBytes, "secretBytes"),
    salt: optionalBytes(invite.salt, "salt"),
    kdf: lowerKdf(invite.kdf),
    expires_at: invite.expiresAt,
  };
}

export function liftInvite(invite: g.Invite): Invite {
  return {
    relayAddresses: invite.relay_addresses,
    secretBytes: invite.secret_bytes,
    salt: invite.salt,
    kdf: invite.kdf === undefined ? undefined : liftKdf(invite.kdf),
    expiresAt: BigInt(invite.expires_at),
  };
}

export function liftPairedInvite(paired: g.PairedInvite): PairedInvite {
  return { invite: liftInvite(paired.invite), verifier: paired.verifier };
}

export function liftDerivedSecret(derived: g.DerivedSecret): DerivedSecret {
  return { secret: derived.secret, salt: derived.salt, kdf: liftKdf(derived.kdf) };
}

export function liftVersion(version: g.VersionInfo): VersionInfo {
  return { core: version.core, wire: version.wire, ffi: version.ffi };
}
