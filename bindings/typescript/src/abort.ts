/**
 * AbortSignal support. The generated layer's calls take no signal (uniffi-bindgen-node-js
 * 0.0.16 does not pass one to its runtime), so aborting cannot drop the Rust future: the
 * caller stops waiting at once (rejected with `signal.reason`, like `fetch`), and the call
 * finishes in the background within its own timeouts. A subscription read loses nothing that
 * way: what it returns late is a ticket nobody takes, which Rust hands out again. Transfers
 * (transfer.ts) are the exception: a transfer is a handle, and its signal cancels it in Rust.
 */

/** Options of every call that may wait on the network or on Argon2. */
export interface CallOptions {
  /** Stop waiting when this aborts; the call rejects with `signal.reason`. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * `work`, or `signal.reason` as soon as `signal` aborts. `late` receives the result of work
 * that completes after the caller gave up (to release what it made).
 */
export function abortable<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  late?: (value: T) => void,
): Promise<T> {
  if (signal === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = () => {
      settled = true;
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        if (settled) late?.(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        if (!settled) reject(error);
      },
    );
  });
}
