/**
 * Transfer and Upload: files of any size, pushed from a path or a stream and downloaded to a
 * path. Chunking, resuming across reconnects, verification and the progress values are all
 * the library's; this file gives them JavaScript's shapes: a `done` promise, progress as an
 * async iterable, AbortSignal as cancellation, `await using`.
 *
 * Unlike the other calls' signals (see abort.ts: aborting them only stops the waiting), a
 * transfer's signal cancels the transfer itself in Rust: a transfer is a handle on work
 * that runs in the library's background, so cancelling it needs no future to be dropped.
 */
import type * as generated from "../generated/zerok_sync.js";

import "./disposable.js";
import { CancelledError, SyncError } from "./errors.js";
import { translatedAsync } from "./translate.js";
import {
  liftProgress,
  liftTransferResult,
  lowerPayload,
  type TransferProgress,
  type TransferResult,
} from "./records.js";

/** Options of `pushFile()`, `download()` and `pushStream()`. */
export interface TransferOptions {
  /**
   * Aborting cancels the transfer: `done` rejects with CancelledError, its `cause` the
   * signal's reason, and a download leaves no file. Already aborted: nothing starts.
   */
  readonly signal?: AbortSignal | undefined;
}

/**
 * An upload or download running in the library, from `SyncClient.pushFile()`,
 * `download()` or an Upload's `transfer`.
 *
 * ```ts
 * const transfer = await client.pushFile("photo.jpg");
 * for await (const p of transfer.progress()) console.log(p.bytesDone, "of", p.bytesTotal);
 * const { cursor } = await transfer.done;
 * ```
 *
 * It runs to its end, or until `cancel()` or its signal, whether or not anything still
 * references this object; `await using` cancels it at the end of the scope unless it ended.
 */
export class Transfer implements AsyncDisposable {
  readonly #native: generated.Transfer;
  /** The object's id (32 hex digits): the `objectId` of the blob the group's devices see. */
  readonly objectId: string;
  /**
   * The result once the transfer ended: an upload's `cursor`, a download's `path`. Rejects
   * with the library's error (CancelledError, IoError, TamperedError, ...). Awaiting it is
   * optional: a failure nobody awaits is no unhandled rejection.
   */
  readonly done: Promise<TransferResult>;

  /** Private: use `SyncClient.pushFile()`, `download()` or `pushStream()`. */
  constructor(native: generated.Transfer, signal?: AbortSignal) {
    this.#native = native;
    this.objectId = native.object_id();
    const onAbort = () => this.cancel();
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    this.done = translatedAsync(() => native.outcome())
      .then(liftTransferResult, (error: unknown) => {
        if (!(error instanceof CancelledError && signal?.aborted)) throw error;
        throw new CancelledError(error.message, { cause: signal.reason });
      })
      .finally(() => signal?.removeEventListener("abort", onAbort));
    this.done.catch(() => {}); // handled: a failure nobody awaits must not end the process
  }

  /**
   * The progress as it happens, until the transfer ends (the last item is its final
   * progress). A slow loop skips intermediate values, never falls behind. One loop at a time:
   * concurrent loops share the values between them.
   */
  async *progress(): AsyncGenerator<TransferProgress, void, undefined> {
    for (;;) {
      const p = await this.#native.next_progress();
      if (p === undefined) return;
      yield liftProgress(p);
    }
  }

  /** The latest progress, now. */
  currentProgress(): TransferProgress {
    return liftProgress(this.#native.progress());
  }

  /** `done`, for those who prefer a call. */
  outcome(): Promise<TransferResult> {
    return this.done;
  }

  /** Stops the transfer: `done` rejects with CancelledError, unless it ended first. Idempotent. */
  cancel(): void {
    this.#native.cancel_transfer();
  }

  /** `await using`: cancels the transfer unless it ended, and waits until it stopped. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.cancel();
    await this.done.catch(() => {});
  }
}

/**
 * An upload of exactly the size given to `SyncClient.pushStream()`, written in pieces.
 *
 * ```ts
 * await using upload = await client.pushStream(size, { name: "video.mp4" });
 * const result = await upload.pipeFrom(createReadStream("video.mp4")); // any async iterable
 * ```
 *
 * `write()` resolves once the bytes are buffered, so a fast source waits for the network.
 * `await using` cancels the upload at the end of the scope unless `finish()` ended it. An
 * upload neither finished nor cancelled keeps the process running, like an open socket.
 */
export class Upload implements AsyncDisposable {
  readonly #native: generated.Upload;
  /** Its progress and cancellation. */
  readonly transfer: Transfer;

  /** Private: use `SyncClient.pushStream()`. */
  constructor(native: generated.Upload, signal?: AbortSignal) {
    this.#native = native;
    this.transfer = new Transfer(native.transfer(), signal);
  }

  /**
   * Appends `data`; resolves once it is buffered. Rejects with IoError once the upload ended
   * (cancelled, failed, or finished): `finish()` then says why.
   */
  write(data: Uint8Array): Promise<void> {
    const bytes = lowerPayload(data);
    return translatedAsync(() => this.#native.write(bytes));
  }

  /**
   * Ends the data and resolves to the result once the relay stored the object: the
   * transfer's `done`. Rejects with IoError unless exactly the declared size was written.
   */
  finish(): Promise<TransferResult> {
    const done = () => this.transfer.done;
    return this.#native.finish().then(done, done);
  }

  /**
   * Writes every chunk of `source` (a ReadableStream, a Node stream, an async generator, an
   * array: anything `for await` reads `Uint8Array`s from), then `finish()`. If the source
   * fails, the upload is cancelled and this rejects with the source's error.
   */
  async pipeFrom(
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ): Promise<TransferResult> {
    try {
      for await (const chunk of source) await this.write(chunk);
    } catch (error) {
      // A refused write means the upload ended: finish() gives its reason.
      if (!(error instanceof SyncError)) {
        this.transfer.cancel();
        throw error;
      }
    }
    return this.finish();
  }

  /** `await using`: cancels the upload unless it ended, and waits until it stopped. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.transfer[Symbol.asyncDispose]();
  }
}
