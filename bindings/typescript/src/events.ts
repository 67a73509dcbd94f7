/**
 * EventStream: a client's events (connection, failover, outbox progress) as an async
 * iterable, from the moment `SyncClient.events()` opened it.
 *
 * Events are not acknowledged like blobs: one the native stream produced is gone from it. So
 * a read takes no signal of its own (a read given up on would lose its event); the stream's
 * signal closes the whole stream instead, as ending a loop does.
 */
import type * as generated from "../generated/zerok_sync.js";

import { liftEvent, type SyncEvent } from "./records.js";
import { NativeStream } from "./stream.js";

/** Options of `SyncClient.events()`. */
export interface EventsOptions {
  /**
   * Aborting closes the stream: a pending and every later `next()` (and so a `for await`
   * loop) rejects with `signal.reason`.
   */
  readonly signal?: AbortSignal | undefined;
}

/**
 * ```ts
 * for await (const event of client.events()) {
 *   if (event.kind === "outboxSent") showPending(event.pending);
 * }
 * ```
 *
 * A `for await` loop closes the native stream when it ends (`break`, `return`, an exception
 * in its body); `await using` or `close()` close it otherwise. An unread stream keeps the
 * latest 1024 events; past that the next one read is `{ kind: "lagged", missed }`.
 */
export class EventStream extends NativeStream<SyncEvent> {
  readonly #native: generated.EventStream;

  /** Private: use `SyncClient.events()`. */
  constructor(native: generated.EventStream, options: EventsOptions = {}) {
    super(options.signal);
    this.#native = native;
    this.watchSignal();
  }

  /** The next event; undefined once closed, or once the client shut down and all was read. */
  async next(): Promise<SyncEvent | undefined> {
    this.throwIfAborted();
    const event = this.closed ? undefined : await this.#native.next_event();
    if (event === undefined) this.throwIfAborted();
    return event === undefined ? undefined : liftEvent(event);
  }

  protected closeNative(): void {
    this.#native.close_events();
  }
}
