/**
 * What Subscription and EventStream share: a native stream read with `next()`, closed once
 * (by `close()`, the end of a `for await` loop, `await using`, or the signal it was opened
 * with), after which every read resolves undefined, or rejects with the signal's reason.
 */
import "./disposable.js";

export abstract class NativeStream<T> implements AsyncIterable<T>, AsyncDisposable {
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => this.close();
  #closed = false;

  protected constructor(signal: AbortSignal | undefined) {
    this.#signal = signal;
  }

  /** Call once the subclass's fields are set: an aborted signal closes the stream at once. */
  protected watchSignal(): void {
    if (this.#signal?.aborted) this.close();
    else this.#signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** Rejects a read with the signal's reason once it aborted. */
  protected throwIfAborted(): void {
    this.#signal?.throwIfAborted();
  }

  /** Ends the native stream (its pending reads return null). Called once. */
  protected abstract closeNative(): void;

  /** The next item; undefined once the stream ended. */
  abstract next(): Promise<T | undefined>;

  get closed(): boolean {
    return this.#closed;
  }

  /** Ends the stream; a pending and every later `next()` resolves undefined. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#signal?.removeEventListener("abort", this.#onAbort);
    this.closeNative();
  }

  /** `for await`: closes the stream when the loop ends or a read rejects. */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return {
      next: async (): Promise<IteratorResult<T, undefined>> => {
        let item: T | undefined;
        try {
          item = await this.next();
        } catch (error) {
          this.close();
          throw error;
        }
        if (item === undefined) {
          this.close();
          return { done: true, value: undefined };
        }
        return { done: false, value: item };
      },
      return: async (): Promise<IteratorResult<T, undefined>> => {
        this.close();
        return { done: true, value: undefined };
      },
    };
  }

  /** `await using`: closes the stream when the scope ends. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }
}
