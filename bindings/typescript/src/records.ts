/**
 * The contract's records (shapes.ts) converted to and from the generated snake_case objects.
 */
import type * as g from "../generated/zerok_sync.js";
import type {
  DerivedSecret,
  Invite,
  KdfParams,
  Pending,
  PairedInvite,
  PullResult,
  PushResult,
  RemoteObject,
  SyncBlob,
  SyncConfig,
  SyncEvent,
  TransferProgress,
  TransferResult,
  VersionInfo,
} from "./shapes.js";

export * from "./shapes.js";

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
