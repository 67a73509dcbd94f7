/**
 * Errors from the generated layer as the public classes (errors.ts), for every call into the
 * library.
 */
import * as generated from "../generated/zerok_sync.js";
import { RustPanic } from "../generated/runtime/errors.js";
import { InternalError, errorFor } from "./errors.js";

/**
 * The public error for one thrown by the generated layer: its `SyncError` variants by tag, a
 * Rust panic as InternalError. Anything else (TypeError for a wrong argument, an abort
 * reason) passes through unchanged.
 */
export function translate(error: unknown): unknown {
  if (error instanceof generated.SyncError) {
    return errorFor(error.tag, error.message);
  }
  if (error instanceof RustPanic) return new InternalError(error.message);
  return error;
}

/** Runs a synchronous call into the library, throwing public errors. */
export function translated<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw translate(error);
  }
}

/** Awaits a call into the library, rejecting with public errors. */
export async function translatedAsync<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translate(error);
  }
}
