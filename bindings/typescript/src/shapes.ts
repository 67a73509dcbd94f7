/**
 * The contract's records with JavaScript names (camelCase): plain types (and SyncConfig's
 * builder), with no import of the native layer, so the Tauri plugin's guest package
 * (bindings/tauri/guest-js) shares them. Byte fields are `Uint8Array` (a `Buffer` is one too).
 * 64-bit integers go in as `bigint | number`; positions (cursors, timestamps, expiry) come
 * out as `bigint`, counts and byte sizes as `number` (exact far beyond any outbox).
 */

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
