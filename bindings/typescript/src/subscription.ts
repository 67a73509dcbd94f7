/**
 * Subscription: the contract's live stream as an async iterable.
 *
 * Delivery is at least once, by acknowledgement in Rust: a read is the contract's `next()`,
 * which hands out a ticket, then `take(ticket)`, which exchanges it for the blob and moves
 * this device's cursor. A read aborted before its `take` takes nothing, and Rust hands the
 * same ticket to the next read; a ticket a concurrent read took first gives null, and the
 * read waits for the next one. So no blob is lost or delivered twice, with no state here.
 */
import type * as generated from "../generated/zerok_sync.js";

import { abortable, type CallOptions } from "./abort.js";
import { translated, translatedAsync } from "./translate.js";
import { liftBlob, type SyncBlob } from "./records.js";
import { NativeStream } from "./stream.js";

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
export class Subscription extends NativeStream<SyncBlob> {
  readonly #open: () => Promise<generated.Subscription>;
  #native: generated.Subscription | undefined;
  #opening: Promise<generated.Subscription | undefined> | undefined;

  /** Private: use `SyncClient.subscribe()`. */
  constructor(open: () => Promise<generated.Subscription>, options: SubscribeOptions = {}) {
    super(options.signal);
    this.#open = open;
    this.watchSignal();
  }

  /**
   * The next blob, or undefined once closed (or the client shut down). Aborting `signal`
   * rejects this call only: the stream stays open, and the blob it would have read goes to
   * the next call. Concurrent calls each get a different blob.
   */
  async next(options: CallOptions = {}): Promise<SyncBlob | undefined> {
    this.throwIfAborted();
    options.signal?.throwIfAborted();
    const native = this.#native ?? (await abortable(this.#ensureOpen(), options.signal));
    // Closed meanwhile: a ticket stays untaken, for a later subscription to deliver.
    while (native !== undefined && !this.closed) {
      const ticket = await abortable(translatedAsync(() => native.next()), options.signal);
      if (ticket === undefined || this.closed) break;
      const blob = translated(() => native.take(ticket));
      if (blob !== undefined) return liftBlob(blob);
    }
    this.throwIfAborted();
    return undefined;
  }

  protected closeNative(): void {
    this.#native?.close();
    this.#native = undefined;
  }

  #ensureOpen(): Promise<generated.Subscription | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    // Concurrent first reads share one open; a failed open is retried by the next read.
    this.#opening ??= translatedAsync(this.#open)
      .then((native) => {
        if (this.closed) {
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
