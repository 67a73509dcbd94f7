/**
 * Pairing: a short code this device shows so that another device, typing it into
 * `joinWithCode()`, receives the group's invite without a QR code or a copied string.
 *
 * The exchange itself (PAKE, sealing the invite) runs inside the library from the moment the
 * code exists; this class only waits for its outcome and ends it. So `wait()` may be called
 * late, often, or concurrently: every caller gets the one outcome.
 */
import type * as generated from "../generated/zerok_sync.js";

import "./disposable.js";
import { abortable, type CallOptions } from "./abort.js";
import { translated, translatedAsync } from "./translate.js";

/** Options of `SyncClient.createPairingCode()`. */
export interface PairingOptions extends CallOptions {
  /**
   * How long the code works, in seconds (at least 1): 600 by default, and the relay may
   * shorten it. A code is typed by a person, so its lifetime is what keeps guessing it hard.
   */
  readonly ttlSecs?: bigint | number | undefined;
}

/**
 * A code shown on this device, from `SyncClient.createPairingCode()`.
 *
 * ```ts
 * await using pairing = await client.createPairingCode(); // cancelled at scope end if not done
 * show(pairing.code);
 * console.log("the other device shows", await pairing.wait());
 * ```
 *
 * Keep it until the pairing is done: once it is garbage collected, the library frees it and
 * the pairing ends as by `cancel()`.
 */
export class Pairing implements AsyncDisposable {
  readonly #native: generated.Pairing;
  /**
   * `XXXX-XXXX-XXXX-XXXX`, what the other device's user types. It is the key of the
   * exchange: show it to this device's user only.
   */
  readonly code: string;
  /** When the code stops working, by the relay's clock (Unix milliseconds). */
  readonly expiresAtMs: bigint;

  /** Private: use `SyncClient.createPairingCode()`. */
  constructor(native: generated.Pairing) {
    this.#native = native;
    // Fixed when the relay opened the mailbox: read once, plain properties from then on.
    this.code = native.code();
    this.expiresAtMs = BigInt(native.expires_at_ms());
  }

  /**
   * Resolves to the verifier (six digits, `"ddd ddd"`, the same `joinWithCode()` returned on
   * the other device) once the other device has the invite. Rejects with PairingFailedError
   * (a wrong code was typed, or `cancel()`) or PairingExpiredError. Aborting `signal` stops
   * this wait only: the pairing goes on, and a later `wait()` gets its outcome.
   */
  async wait(options: CallOptions = {}): Promise<string> {
    options.signal?.throwIfAborted(); // a rejection (async), never a synchronous throw
    return abortable(translatedAsync(() => this.#native.wait()), options.signal);
  }

  /**
   * Ends the pairing now: the code stops working, the other device is told, and every
   * `wait()` rejects with PairingFailedError. Once the pairing finished it changes nothing
   * (`wait()` still gives its outcome). Idempotent.
   */
  cancel(): void {
    translated(() => this.#native.cancel());
  }

  /** `await using`: cancels the pairing when the scope ends, unless it already finished. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.cancel();
  }
}
