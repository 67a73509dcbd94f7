/**
 * SyncClient: the contract's client with camelCase names, `Uint8Array` payloads, `bigint`
 * cursors, AbortSignal options and `await using`. Every call runs on the library's own Rust
 * runtime; the event loop only awaits results.
 */
import * as generated from "../generated/zerok_sync.js";

import "./disposable.js";
import { abortable, type CallOptions } from "./abort.js";
import { translated, translatedAsync } from "./translate.js";
import { EventStream, type EventsOptions } from "./events.js";
import { ensureLoaded } from "./library.js";
import { Pairing, type PairingOptions } from "./pairing.js";
import {
  liftInvite,
  liftPending,
  liftPullResult,
  liftPushResult,
  lowerConfig,
  lowerObject,
  lowerPayload,
  type Invite,
  type Pending,
  type PullResult,
  type PushResult,
  type RemoteObject,
  type SyncConfig,
} from "./records.js";
import { Subscription, type SubscribeOptions } from "./subscription.js";
import { Transfer, Upload, type TransferOptions } from "./transfer.js";

/** Options of `flush()`. */
export interface FlushOptions extends CallOptions {
  /** Reject with SyncTimeoutError if the outbox is not empty by then; no deadline without it. */
  readonly timeoutMs?: bigint | number | undefined;
}

/** Options of `pushStream()`. */
export interface PushStreamOptions extends TransferOptions {
  /** The base name the other devices see (`RemoteObject.name`); none without it. */
  readonly name?: string | undefined;
}

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

  /**
   * Connects to the first relay (in the configured order) that accepts the group. From then
   * on the client stays connected by itself (reconnecting, failing over) and sends the
   * outbox, until `disconnect()`.
   */
  connect(options: CallOptions = {}): Promise<void> {
    return this.#call(() => this.#native.connect(), options);
  }

  /**
   * Closes every session; calls fail with NotConnectedError, and the outbox waits, until
   * `connect()`.
   */
  disconnect(): Promise<void> {
    return this.#native.disconnect();
  }

  /**
   * Encrypts and pushes `payload`; resolves once the relay has stored it durably. Transport
   * failures are retried (with the same blob id) and rate limits waited out, within
   * `requestTimeoutMs`.
   */
  async push(payload: Uint8Array, options: CallOptions = {}): Promise<PushResult> {
    const data = lowerPayload(payload);
    return liftPushResult(await this.#call(() => this.#native.push(data), options));
  }

  /**
   * Seals `payload` into the durable outbox (fsync'd under `statePath` before this resolves)
   * and returns its blob id, without network. The client sends the outbox in enqueue order
   * whenever it is connected, across reconnects and restarts, each blob once. Rejects with
   * PayloadTooLargeError or OutboxFullError at once, never later in the background.
   */
  enqueue(payload: Uint8Array): Promise<string> {
    const data = lowerPayload(payload);
    return translatedAsync(() => this.#native.enqueue(data));
  }

  /** What the outbox holds now. */
  pending(): Pending {
    return liftPending(this.#native.pending());
  }

  /**
   * Resolves once the outbox is empty. Rejects with SyncTimeoutError after `timeoutMs`, and
   * with NotConnectedError while blobs wait and the client is not asked to be connected.
   * Aborting stops the waiting only: delivery goes on.
   */
  flush(options: FlushOptions = {}): Promise<void> {
    return this.#call(() => this.#native.flush(options.timeoutMs), options);
  }

  /**
   * This client's events from now on: `for await (const event of client.events())`; see
   * EventStream. Open it before `connect()` to see the first connection.
   */
  events(options: EventsOptions = {}): EventStream {
    return new EventStream(this.#native.events(), options);
  }

  /**
   * Every blob this device has not received yet, oldest first, and each one that failed
   * authentication (in `tampered`); advances the cursor past all of them.
   */
  async pull(options: CallOptions = {}): Promise<PullResult> {
    return liftPullResult(await this.#call(() => this.#native.pull(), options));
  }

  /** Every blob after `cursor`, including ones received before, and each tampered one. */
  async pullAfter(cursor: bigint | number, options: CallOptions = {}): Promise<PullResult> {
    return liftPullResult(await this.#call(() => this.#native.pull_after(cursor), options));
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

  /**
   * Opens a pairing mailbox on the active relay and returns the code to show: another device
   * that types it into `joinWithCode()` receives an invite to this group, with no QR code or
   * invite string to carry over. Rejects with NotConnectedError until `connect()`. A code
   * made after `signal` aborted is cancelled at once: nobody sees it.
   */
  async createPairingCode(options: PairingOptions = {}): Promise<Pairing> {
    const native = await this.#call(
      () => this.#native.create_pairing_code(options.ttlSecs),
      options,
      (late) => late.cancel(), // made after the caller gave up: shown to nobody, so ended
    );
    return new Pairing(native);
  }

  /**
   * Starts pushing the file at `path` as an object and resolves at once to its Transfer;
   * `await transfer.done` for the cursor. Over 256 KiB it goes in 1 MiB chunks, resumed
   * across reconnects and failovers; the file must not change meanwhile (IoError). The other
   * devices receive a blob whose `object` describes it.
   */
  async pushFile(path: string, options: TransferOptions = {}): Promise<Transfer> {
    options.signal?.throwIfAborted();
    const transfer = await translatedAsync(() => this.#native.push_file(path));
    return new Transfer(transfer, options.signal);
  }

  /**
   * Queues the file at `path` in the durable outbox, without network, and returns its
   * object id: sent in enqueue order with the queued blobs, across app restarts (an
   * `outboxSent` event reports it; a file changed before it went out, `outboxRejected`).
   */
  enqueueFile(path: string): Promise<string> {
    return translatedAsync(() => this.#native.enqueue_file(path));
  }

  /**
   * An upload of exactly `size` bytes that the app writes (`write()`, `finish()`, or
   * `pipeFrom(stream)`), for data that is not a file of its own.
   */
  async pushStream(size: bigint | number, options: PushStreamOptions = {}): Promise<Upload> {
    options.signal?.throwIfAborted();
    const upload = await translatedAsync(() => this.#native.push_stream(size, options.name));
    return new Upload(upload, options.signal);
  }

  /**
   * Starts downloading `object` (a blob's `object`) into the file at `path`, and resolves at
   * once to its Transfer. The file appears only once complete and verified; a part file
   * beside it lets a later download of the same object resume. Rejects (`done`) with
   * TamperedError for an altered chunk, ObjectUnavailableError if no relay holds it.
   */
  async download(
    object: RemoteObject,
    path: string,
    options: TransferOptions = {},
  ): Promise<Transfer> {
    options.signal?.throwIfAborted();
    const native = lowerObject(object);
    const transfer = await translatedAsync(() => this.#native.download(native, path));
    return new Transfer(transfer, options.signal);
  }

  /** Stops everything; idempotent. Every later call rejects with ShutdownError. */
  shutdown(): Promise<void> {
    return this.#native.shutdown();
  }

  /** `await using`: shuts the client down when the scope ends. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }

  /** `late` receives what a call made after its caller gave up (to release it). */
  async #call<T>(
    call: () => Promise<T>,
    options: CallOptions,
    late?: (value: T) => void,
  ): Promise<T> {
    options.signal?.throwIfAborted();
    return abortable(translatedAsync(call), options.signal, late);
  }
}
