/**
 * 0k-sync in a Tauri app's web UI: the npm package's API (`SyncClient.create`, `push`,
 * `pull`, `subscribe` as an async iterable, the same records and typed errors), served by the
 * `tauri-plugin-zerok-sync` commands instead of a native library, so nothing native loads in
 * the webview. What differs from `zerok-sync`: the getters the native package answers at
 * once (`pending`, `isConnected`, `currentCursor`, …) return promises here, and calls take
 * no AbortSignal (the subscription's `signal` still closes it).
 */
import { Channel, invoke } from "@tauri-apps/api/core";

import type { SubscriptionChunk, VersionInfo, ZerokCommands } from "../../typescript/src/daemon.js";
import { SyncError, errorFor } from "../../typescript/src/errors.js";
import type { Pending, PullResult, PushResult, SyncBlob, SyncConfig } from "../../typescript/src/shapes.js";
import { NativeStream } from "../../typescript/src/stream.js";
import { liftBlob, liftPending, liftPullResult, liftPushResult, lowerConfig, toBase64 } from "./wire.js";

export * from "../../typescript/src/errors.js";
export * from "../../typescript/src/shapes.js";
export type { VersionInfo };

type Method = keyof ZerokCommands & string;
/** A streaming command's chunk type. */
type Chunk<K extends Method> = ZerokCommands[K] extends { chunk: infer C } ? C : never;

/**
 * The command `method` with `params`: its result, or its `{code, message}` rejection as the
 * matching SyncError subclass (a rejection that is not the plugin's, e.g. Tauri's "not
 * allowed" for a command the app's capabilities leave out, is passed on as it is).
 */
async function call<K extends Method>(
  method: K,
  params: ZerokCommands[K]["params"] & { on_chunk?: Channel<Chunk<K>> },
): Promise<ZerokCommands[K]["result"]> {
  try {
    return await invoke(`plugin:zerok-sync|${method}`, params);
  } catch (rejection) {
    const e = rejection as { code?: unknown; message?: unknown } | null;
    if (typeof e?.code === "string" && typeof e.message === "string") throw errorFor(e.code, e.message);
    throw rejection;
  }
}

/** The library's versions (core, wire protocol, FFI), as the plugin's Rust side reports them. */
export function version(): Promise<VersionInfo> {
  return call("version", {});
}

/** Options of `SyncClient.flush()`. */
export interface FlushOptions {
  /** Give up (TimeoutError) after this long; the client's request timeout otherwise. */
  readonly timeoutMs?: bigint | number | undefined;
}

/** Options of `SyncClient.subscribe()`. */
export interface SubscribeOptions {
  /** Aborting closes the subscription; a pending and every later `next()` rejects with its reason. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * A device of a sync group, held by the plugin (one per state file: windows that name the
 * same `statePath` share it). `await using` shuts it down at the end of the scope.
 */
export class SyncClient implements AsyncDisposable {
  readonly #client: string;

  private constructor(client: string) {
    this.#client = client;
  }

  /** A client for `config`; `connect()` dials its relays. */
  static async create(config: SyncConfig): Promise<SyncClient> {
    const { client } = await call("create_client", { config: lowerConfig(config) });
    return new SyncClient(client);
  }

  /** Opens a session with the first relay that answers (failing over in order). */
  async connect(): Promise<void> {
    await call("connect", { client: this.#client });
  }

  /** Ends the relay session; `connect()` opens a new one. */
  async disconnect(): Promise<void> {
    await call("disconnect", { client: this.#client });
  }

  /** Encrypts and pushes `payload`; resolves once the relay stored it durably. */
  async push(payload: Uint8Array): Promise<PushResult> {
    return liftPushResult(await call("push", { client: this.#client, payload: toBase64(payload) }));
  }

  /** Keeps `payload` in the outbox (sent now or once a relay is reachable); its blob id. */
  enqueue(payload: Uint8Array): Promise<string> {
    return call("enqueue", { client: this.#client, payload: toBase64(payload) });
  }

  /** What the outbox holds. */
  async pending(): Promise<Pending> {
    return liftPending(await call("pending", { client: this.#client }));
  }

  /** Resolves once the outbox is empty. */
  async flush(options: FlushOptions = {}): Promise<void> {
    const timeout = options.timeoutMs === undefined ? null : Number(options.timeoutMs);
    await call("flush", { client: this.#client, timeout_ms: timeout });
  }

  /** The group's blobs after this device's cursor, which moves past them. */
  async pull(): Promise<PullResult> {
    return liftPullResult(await call("pull", { client: this.#client }));
  }

  /** The group's blobs after `cursor` (this device's cursor stays). */
  async pullAfter(cursor: bigint | number): Promise<PullResult> {
    return liftPullResult(await call("pull_after", { client: this.#client, cursor: Number(cursor) }));
  }

  /** The blobs after this device's cursor, then live ones (see Subscription). */
  subscribe(options: SubscribeOptions = {}): Subscription {
    return new Subscription(this.#client, options);
  }

  isConnected(): Promise<boolean> {
    return call("is_connected", { client: this.#client });
  }

  async currentCursor(): Promise<bigint> {
    return BigInt(await call("current_cursor", { client: this.#client }));
  }

  async activeRelay(): Promise<string | undefined> {
    return (await call("active_relay", { client: this.#client })) ?? undefined;
  }

  groupId(): Promise<string> {
    return call("group_id", { client: this.#client });
  }

  /** Sends what the outbox can, closes the relay session; every later call fails with ShutdownError. */
  async shutdown(): Promise<void> {
    await call("shutdown", { client: this.#client });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }
}

/**
 * The group's blobs as they arrive, through a Tauri `Channel`: first those after the
 * device's cursor, then live. `for await` closes it when the loop ends; `close()` or
 * `await using` otherwise. It opens on the first `next()`. A TamperedError from `next()`
 * concerns one blob: the stream goes on.
 */
export class Subscription extends NativeStream<SyncBlob> {
  readonly #client: string;
  /** Blobs (and tampered blobs' errors) delivered and not yet read. */
  readonly #arrived: (SyncBlob | SyncError)[] = [];
  #wake: (() => void)[] = [];
  #opened = false;
  #handle: Promise<string | undefined> | undefined;
  /** Set once the plugin's command ended: `{}` when it ended (closed), `{ error }` when it failed. */
  #ended: { error?: unknown } | undefined;

  /** Private: use `SyncClient.subscribe()`. */
  constructor(client: string, options: SubscribeOptions = {}) {
    super(options.signal);
    this.#client = client;
    this.watchSignal();
  }

  /** The next blob, or undefined once closed. Concurrent calls each get a different blob. */
  async next(): Promise<SyncBlob | undefined> {
    this.throwIfAborted();
    if (!this.#opened && !this.closed) this.#open();
    for (;;) {
      if (this.closed) {
        this.throwIfAborted();
        return undefined;
      }
      const item = this.#arrived.shift();
      if (item instanceof SyncError) throw item;
      if (item !== undefined) return item;
      if (this.#ended !== undefined) {
        if ("error" in this.#ended) throw this.#ended.error;
        return undefined;
      }
      await new Promise<void>((resolve) => this.#wake.push(resolve));
    }
  }

  protected closeNative(): void {
    const handle = this.#handle;
    // The plugin ends its stream (and the command) on `close`; reads waiting here end now.
    void handle?.then((subscription) => subscription && call("close", { subscription })).catch(() => {});
    this.#notify();
  }

  #open(): void {
    this.#opened = true;
    let handed!: (subscription: string | undefined) => void;
    this.#handle = new Promise((resolve) => (handed = resolve));
    const channel = new Channel<SubscriptionChunk>((chunk) => {
      switch (chunk.kind) {
        case "subscribed":
          handed(chunk.subscription);
          return;
        case "blob":
          this.#arrived.push(liftBlob(chunk.blob));
          break;
        case "tampered":
          this.#arrived.push(errorFor(chunk.error.code, chunk.error.message));
          break;
        case "idle":
          return;
      }
      this.#notify();
    });
    call("subscribe", { client: this.#client, heartbeat_ms: 0, on_chunk: channel }).then(
      () => (this.#ended = {}),
      (error: unknown) => (this.#ended = { error }),
    ).finally(() => {
      handed(undefined);
      this.#notify();
    });
  }

  #notify(): void {
    const waiting = this.#wake;
    this.#wake = [];
    waiting.forEach((wake) => wake());
  }
}
