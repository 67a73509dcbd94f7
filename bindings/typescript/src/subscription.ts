/**
 * Subscription: the contract's live stream as an async iterable.
 *
 * Aborting a `next()` must not lose a blob: once the library has handed a blob to a read,
 * this device's cursor is past it. A read whose caller stopped waiting is therefore kept, and
 * the next `next()` receives its result (blob or error) before any new read starts.
 */
import type * as generated from "../generated/zerok_sync.js";

import "./disposable.js";
import { abortable, type CallOptions } from "./abort.js";
import { translatedAsync } from "./errors.js";
import { liftBlob, type SyncBlob } from "./records.js";

/** Options of `SyncClient.subscribe()`. */
export interface SubscribeOptions {
  /**
   * Aborting closes the subscription: a pending and every later `next()` (and so a
   * `for await` loop) rejects with `signal.reason`.
   */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The group's blobs as they arrive: first those after this device's cursor, then live.
 *
 * `for await (const blob of client.subscribe())` closes the stream when the loop ends
 * (`break`, `return`, an exception in its body) or when `next()` rejects; `await using` or
 * `close()` close it otherwise. The native stream opens on the first `next()`. A
 * TamperedError from `next()` concerns one blob: the stream goes on.
 */
export class Subscription implements AsyncIterable<SyncBlob>, AsyncDisposable {
  readonly #open: () => Promise<generated.Subscription>;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => this.close();
  #native: generated.Subscription | undefined;
  #opening: Promise<generated.Subscription | undefined> | undefined;
  /** Reads whose callers stopped waiting, oldest first: their results go to the next calls. */
  #unclaimed: Promise<SyncBlob | undefined>[] = [];
  #closed = false;

  /** Private: use `SyncClient.subscribe()`. */
  constructor(open: () => Promise<generated.Subscription>, options: SubscribeOptions = {}) {
    this.#open = open;
    this.#signal = options.signal;
    if (this.#signal?.aborted) this.#closed = true;
    else this.#signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * The next blob, or undefined once closed (or the client shut down). Aborting `signal`
   * rejects this call only: the stream stays open and no blob is lost.
   */
  async next(options: CallOptions = {}): Promise<SyncBlob | undefined> {
    this.#signal?.throwIfAborted();
    options.signal?.throwIfAborted();
    if (this.#closed) return undefined;
    const read = this.#unclaimed.shift() ?? this.#read();
    let blob: SyncBlob | undefined;
    try {
      blob = await abortable(read, options.signal);
    } catch (error) {
      if (options.signal?.aborted && error === options.signal.reason && !this.#closed) {
        this.#unclaimed.unshift(read);
      }
      throw error;
    }
    if (blob === undefined) this.#signal?.throwIfAborted();
    return blob;
  }

  /** Ends the stream; a pending and every later `next()` resolves undefined. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unclaimed = [];
    this.#signal?.removeEventListener("abort", this.#onAbort);
    this.#native?.close();
    this.#native = undefined;
  }

  [Symbol.asyncIterator](): AsyncIterator<SyncBlob, undefined> {
    return {
      next: async (): Promise<IteratorResult<SyncBlob, undefined>> => {
        let blob: SyncBlob | undefined;
        try {
          blob = await this.next();
        } catch (error) {
          this.close();
          throw error;
        }
        if (blob === undefined) {
          this.close();
          return { done: true, value: undefined };
        }
        return { done: false, value: blob };
      },
      return: async (): Promise<IteratorResult<SyncBlob, undefined>> => {
        this.close();
        return { done: true, value: undefined };
      },
    };
  }

  /** `await using sub = client.subscribe()`: closes it when the scope ends. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  #read(): Promise<SyncBlob | undefined> {
    const read = (async () => {
      const native = this.#native ?? (await this.#ensureOpen());
      if (native === undefined) return undefined;
      const blob = await translatedAsync(() => native.next());
      return blob === undefined ? undefined : liftBlob(blob);
    })();
    // An unclaimed read may fail with nobody awaiting it yet; its taker sees the error.
    read.catch(() => {});
    return read;
  }

  #ensureOpen(): Promise<generated.Subscription | undefined> {
    // Concurrent first reads share one open; a failed open is retried by the next read.
    this.#opening ??= translatedAsync(this.#open)
      .then((native) => {
        if (this.#closed) {
          native.close();
          return undefined;
        }
        this.#native = native;
        return native;
      })
      .finally(() => {
        this.#opening = undefined;
      });
    return this.#opening;
  }
}
