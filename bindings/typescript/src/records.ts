/**
 * The contract's records with JavaScript names (camelCase), and their conversion to and from
 * the generated snake_case objects. Byte fields are `Uint8Array` (a `Buffer` is one too);
 * 64-bit integers are `bigint` coming out and `bigint | number` going in.
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

/** One blob of the group, decrypted. `cursor` orders blobs on the relay that served it. */
export interface SyncBlob {
  readonly blobId: string;
  readonly payload: Uint8Array;
  readonly cursor: bigint;
  readonly timestampMs: bigint;
}

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

/** Versions of the loaded library: core, wire protocol, FFI. */
export interface VersionInfo {
  readonly core: string;
  readonly wire: number;
  readonly ffi: string;
}

/**
 * Everything a client needs. Give exactly one of `passphrase` and `secretBytes`; a passphrase
 * also needs the group's `salt` (and its `kdf`, defaults otherwise) so every device derives
 * the same secret.
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
  /** A file keeping this device's id and cursors across runs; in memory otherwise. */
  readonly statePath?: string | undefined;
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

export function lowerConfig(config: SyncConfig): g.SyncConfig {
  if (typeof config.relayAddresses === "string" || !Array.isArray(config.relayAddresses)) {
    throw new TypeError("relayAddresses is an array of addresses, not one string");
  }
  return {
    relay_addresses: [...config.relayAddresses],
    passphrase: config.passphrase,
    secret_bytes: optionalBytes(config.secretBytes, "secretBytes"),
    salt: optionalBytes(config.salt, "salt"),
    kdf: lowerKdf(config.kdf),
    device_name: config.deviceName,
    ttl_secs: config.ttlSecs,
    state_path: config.statePath,
  };
}

export function liftBlob(blob: g.SyncBlob): SyncBlob {
  return {
    blobId: blob.blob_id,
    payload: blob.payload,
    cursor: BigInt(blob.cursor),
    timestampMs: BigInt(blob.timestamp_ms),
  };
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

export function liftDerivedSecret(derived: g.DerivedSecret): DerivedSecret {
  return { secret: derived.secret, salt: derived.salt, kdf: liftKdf(derived.kdf) };
}

export function liftVersion(version: g.VersionInfo): VersionInfo {
  return { core: version.core, wire: version.wire, ffi: version.ffi };
}
