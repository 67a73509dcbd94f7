/**
 * The plugin's JSON (the daemon's: snake_case, bytes as base64) to and from the records of
 * the npm package (shapes.ts), in a browser as in Node: no Buffer.
 */
import type * as wire from "../../typescript/src/daemon.js";
import type { KdfParams, Pending, PullResult, PushResult, SyncBlob, SyncConfig } from "../../typescript/src/shapes.js";

export function toBase64(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("bytes must be a Uint8Array");
  let binary = "";
  // String.fromCharCode takes its arguments on the stack: a slice at a time.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A 64-bit setting as the JSON number the plugin reads (exact up to 2^53). */
function integer(value: bigint | number | undefined): number | null {
  return value === undefined ? null : Number(value);
}

function kdf(k: KdfParams | undefined): wire.KdfParams | null {
  return k === undefined ? null : { memory_kib: k.memoryKib, iterations: k.iterations, parallelism: k.parallelism };
}

export function lowerConfig(config: SyncConfig): wire.SyncConfig {
  if (typeof config.relayAddresses === "string" || !Array.isArray(config.relayAddresses)) {
    throw new TypeError("relayAddresses is an array of addresses, not one string");
  }
  const bytes = (b: Uint8Array | undefined) => (b === undefined ? null : toBase64(b));
  return {
    relay_addresses: [...config.relayAddresses],
    passphrase: config.passphrase ?? null,
    secret_bytes: bytes(config.secretBytes),
    salt: bytes(config.salt),
    kdf: kdf(config.kdf),
    device_name: config.deviceName ?? null,
    ttl_secs: integer(config.ttlSecs),
    state_path: config.statePath ?? null,
    keep_alive_ms: integer(config.keepAliveMs),
    idle_timeout_ms: integer(config.idleTimeoutMs),
    connect_timeout_ms: integer(config.connectTimeoutMs),
    request_timeout_ms: integer(config.requestTimeoutMs),
    outbox_max_bytes: integer(config.outboxMaxBytes),
  };
}

export function liftBlob(b: wire.SyncBlob): SyncBlob {
  const o = b.object;
  return {
    blobId: b.blob_id,
    payload: fromBase64(b.payload),
    cursor: BigInt(b.cursor),
    timestampMs: BigInt(b.timestamp_ms),
    object:
      o === null
        ? undefined
        : {
            objectId: o.object_id,
            size: o.size,
            blake3: o.blake3,
            chunkSize: o.chunk_size,
            chunkCount: o.chunk_count,
            name: o.name ?? undefined,
            inlineBytes: fromBase64(o.inline_bytes),
          },
  };
}

export function liftPushResult(r: wire.PushResult): PushResult {
  return { blobId: r.blob_id, cursor: BigInt(r.cursor) };
}

export function liftPullResult(r: wire.PullResult): PullResult {
  return {
    blobs: r.blobs.map(liftBlob),
    tampered: r.tampered.map((t) => ({ blobId: t.blob_id, cursor: BigInt(t.cursor) })),
  };
}

export function liftPending(p: wire.Pending): Pending {
  return { count: p.count, bytes: p.bytes, blobIds: p.blob_ids };
}
