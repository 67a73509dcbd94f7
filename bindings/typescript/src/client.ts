/**
 * SyncClient: the contract's client with camelCase names, `Uint8Array` payloads, `bigint`
 * cursors, AbortSignal options and `await using`. Every call runs on the library's own Rust
 * runtime; the event loop only awaits results.
 */
import * as generated from "../generated/zerok_sync.js";

import "./disposable.js";
import { abortable, type CallOptions } from "./abort.js";
import { translated, translatedAsync } from "./errors.js";
import { ensureLoaded } from "./library.js";
import {
  liftBlob,
  liftInvite,
  liftPushResult,
  lowerConfig,
  lowerPayload,
  type Invite,
  type PushResult,
  type SyncBlob,
  type SyncConfig,
} from "./records.js";
import { Subscription, type SubscribeOptions } from "./subscription.js";

/**
 * One device of a group, syncing through its relays.
 *
 * ```ts
 * await using client = await SyncClient.create(config); // shut down at the end of the scope
 * await client.connect();
 * ```
 *
 * Every method may run concurrently with any other (`Promise.all` of many pushes).
 */
export class SyncClient implements AsyncDisposable {
  readonly #native: generated.SyncClient;

  private constructor(native: generated.SyncClient) {
    this.#native = native;
  }

  /**
   * A client for `config`; no network traffic until `connect()`. Deriving the secret from a
   * passphrase runs on a Rust thread, never on the event loop.
   */
  static async create(config: SyncConfig, options: CallOptions = {}): Promise<SyncClient> {
    ensureLoaded();
    options.signal?.throwIfAborted();
    const native = lowerConfig(config);
    const made = translatedAsync(() => generated.create_client(native));
    // A client finished after the caller gave up is nobody's: shut it down.
    const client = await abortable(made, options.signal, (late) => void late.shutdown());
    return new SyncClient(client);
  }

  /** Connects to the first relay (in the configured order) that accepts the group. */
  connect(options: CallOptions = {}): Promise<void> {
    return this.#call(() => this.#native.connect(), options);
  }

  /** Closes every session; calls fail with NotConnectedError until `connect()`. */
  disconnect(): Promise<void> {
    return this.#native.disconnect();
  }

  /** Encrypts and pushes `payload`; resolves once the relay has stored it durably. */
  async push(payload: Uint8Array, options: CallOptions = {}): Promise<PushResult> {
    const data = lowerPayload(payload);
    return liftPushResult(await this.#call(() => this.#native.push(data), options));
  }

  /** Every blob this device has not received yet, oldest first; advances the cursor. */
  async pull(options: CallOptions = {}): Promise<SyncBlob[]> {
    return (await this.#call(() => this.#native.pull(), options)).map(liftBlob);
  }

  /** Every blob after `cursor`, including ones received before. */
  async pullAfter(cursor: bigint | number, options: CallOptions = {}): Promise<SyncBlob[]> {
    return (await this.#call(() => this.#native.pull_after(cursor), options)).map(liftBlob);
  }

  /**
   * The group's blobs as they arrive: first those after this device's cursor, then live.
   * `for await (const blob of client.subscribe())`; see Subscription.
   */
  subscribe(options: SubscribeOptions = {}): Subscription {
    return new Subscription(() => this.#native.subscribe(), options);
  }

  isConnected(): boolean {
    return this.#native.is_connected();
  }

  /** Everything up to this cursor (on the active relay) has been received. */
  currentCursor(): bigint {
    return BigInt(this.#native.current_cursor());
  }

  /** The address of the relay serving calls now; undefined while disconnected. */
  activeRelay(): string | undefined {
    return this.#native.active_relay();
  }

  /** The group's public id (hex), the same on every device of the group. */
  groupId(): string {
    return this.#native.group_id();
  }

  /**
   * An invite to this group, valid for `ttlSecs`; `inviteToQr()` makes it a string. It
   * carries the group secret: hand it over only on a channel you trust.
   */
  createInvite(ttlSecs: bigint | number): Invite {
    return liftInvite(translated(() => this.#native.create_invite(ttlSecs)));
  }

  /** Stops everything; idempotent. Every later call rejects with ShutdownError. */
  shutdown(): Promise<void> {
    return this.#native.shutdown();
  }

  /** `await using`: shuts the client down when the scope ends. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }

  async #call<T>(call: () => Promise<T>, options: CallOptions): Promise<T> {
    options.signal?.throwIfAborted();
    return abortable(translatedAsync(call), options.signal);
  }
}
