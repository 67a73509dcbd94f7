/**
 * One Error subclass per variant of the library's flat `SyncError` (udl/zerok_sync.udl), all
 * under `SyncError`: `err instanceof SyncError` for every failure of the library,
 * `err instanceof NotConnectedError` for one, or `switch (err.code)` over the variant names.
 * Messages are the library's, unchanged. No import of the native layer: the daemon's
 * command map (daemon.ts) uses these classes without loading the library.
 */

/** The variant names, as in the API contract. */
export type SyncErrorCode =
  | "NotConnected"
  | "ConnectionFailed"
  | "AllRelaysFailed"
  | "Unauthorized"
  | "VersionMismatch"
  | "PayloadTooLarge"
  | "QuotaExceeded"
  | "RateLimited"
  | "OutboxFull"
  | "InviteExpired"
  | "InvalidInvite"
  | "UnsupportedInviteVersion"
  | "Tampered"
  | "InvalidConfig"
  | "UnknownCursor"
  | "Protocol"
  | "Transport"
  | "Timeout"
  | "Relay"
  | "State"
  | "Shutdown"
  | "InvalidPairingCode"
  | "PairingFailed"
  | "PairingExpired"
  | "Io"
  | "Cancelled"
  | "ObjectUnavailable"
  | "Internal";

/** Base class of every error the library reports; `code` names the variant. */
export abstract class SyncError extends Error {
  abstract readonly code: SyncErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Never connected, or disconnect() was called: call connect() first. */
export class NotConnectedError extends SyncError {
  readonly code = "NotConnected";
}
/** The one configured relay could not be reached or refused the connection. */
export class ConnectionFailedError extends SyncError {
  readonly code = "ConnectionFailed";
}
/** Every configured relay failed; the message has one reason per relay. */
export class AllRelaysFailedError extends SyncError {
  readonly code = "AllRelaysFailed";
}
/** The relay rejected this device's proof of group membership. */
export class UnauthorizedError extends SyncError {
  readonly code = "Unauthorized";
}
/** Client and relay share no wire protocol version: upgrade one of them. */
export class VersionMismatchError extends SyncError {
  readonly code = "VersionMismatch";
}
/** The payload exceeds the relay's (or the protocol's) size limit. */
export class PayloadTooLargeError extends SyncError {
  readonly code = "PayloadTooLarge";
}
/** The group's storage quota on the relay is used up. */
export class QuotaExceededError extends SyncError {
  readonly code = "QuotaExceeded";
}
/**
 * The relay asked to slow down for longer than the call's `requestTimeoutMs` allowed (calls
 * wait out shorter pauses by themselves); the message says after how many milliseconds.
 */
export class RateLimitedError extends SyncError {
  readonly code = "RateLimited";
}
/** `enqueue()` would take the outbox past `outboxMaxBytes`: wait for it to drain (`flush()`). */
export class OutboxFullError extends SyncError {
  readonly code = "OutboxFull";
}
/** The invite's lifetime is over: ask for a new one. */
export class InviteExpiredError extends SyncError {
  readonly code = "InviteExpired";
}
/** The invite string is corrupt (encoding, checksum or contents): mistyped or cut off. */
export class InvalidInviteError extends SyncError {
  readonly code = "InvalidInvite";
}
/** The invite was written by a newer (or unknown) invite format: upgrade this library. */
export class UnsupportedInviteVersionError extends SyncError {
  readonly code = "UnsupportedInviteVersion";
}
/** A blob failed authentication (altered, replayed, or of another group); later ones arrive. */
export class TamperedError extends SyncError {
  readonly code = "Tampered";
}
/** The config (or an argument) is unusable; the message says why. */
export class InvalidConfigError extends SyncError {
  readonly code = "InvalidConfig";
}
/** pullAfter() named a cursor the relay never assigned. */
export class UnknownCursorError extends SyncError {
  readonly code = "UnknownCursor";
}
/** The relay and this client disagree on the wire protocol (a bug on one side). */
export class ProtocolError extends SyncError {
  readonly code = "Protocol";
}
/** The network failed, and retrying within the call's `requestTimeoutMs` did not get through. */
export class TransportError extends SyncError {
  readonly code = "Transport";
}
/**
 * The operation did not finish in time (`requestTimeoutMs`, or `flush()`'s `timeoutMs`).
 * Not named TimeoutError: that is AbortSignal's.
 */
export class SyncTimeoutError extends SyncError {
  readonly code = "Timeout";
}
/** The relay failed internally (its storage, most likely); nothing was acknowledged. */
export class RelayError extends SyncError {
  readonly code = "Relay";
}
/** Reading or writing the local state file (`statePath`) failed. */
export class StateError extends SyncError {
  readonly code = "State";
}
/** The client was shut down: create a new one. */
export class ShutdownError extends SyncError {
  readonly code = "Shutdown";
}
/**
 * The typed pairing code cannot be one (length, a character that is no code character, or
 * its check character): a typo, caught before any network traffic. Let the user retype it.
 */
export class InvalidPairingCodeError extends SyncError {
  readonly code = "InvalidPairingCode";
}
/**
 * The pairing did not happen: a wrong, already used or unknown code, or the showing device
 * cancelled it. The code is burned either way: show a new one.
 */
export class PairingFailedError extends SyncError {
  readonly code = "PairingFailed";
}
/** Nobody typed the code within its lifetime: show a new one. */
export class PairingExpiredError extends SyncError {
  readonly code = "PairingExpired";
}
/**
 * Reading or writing a transfer's file failed (the message says which and why), a pushed
 * file changed while it was sent, or a stream upload got other than its declared size.
 */
export class IoError extends SyncError {
  readonly code = "Io";
}
/** The transfer was cancelled (`cancel()`, or its signal aborted: then `cause` is the reason). */
export class CancelledError extends SyncError {
  readonly code = "Cancelled";
}
/** No relay of the group holds the object (or all of its chunks): it expired or never got there. */
export class ObjectUnavailableError extends SyncError {
  readonly code = "ObjectUnavailable";
}
/** A bug in the library (a panic or a lost task); the process keeps running. */
export class InternalError extends SyncError {
  readonly code = "Internal";
}

type ErrorClass = new (message: string, options?: ErrorOptions) => SyncError;

/** Exhaustive by type: a new variant fails to compile until it has its class. */
const byCode: { readonly [code in SyncErrorCode]: ErrorClass } = {
  NotConnected: NotConnectedError,
  ConnectionFailed: ConnectionFailedError,
  AllRelaysFailed: AllRelaysFailedError,
  Unauthorized: UnauthorizedError,
  VersionMismatch: VersionMismatchError,
  PayloadTooLarge: PayloadTooLargeError,
  QuotaExceeded: QuotaExceededError,
  RateLimited: RateLimitedError,
  OutboxFull: OutboxFullError,
  InviteExpired: InviteExpiredError,
  InvalidInvite: InvalidInviteError,
  UnsupportedInviteVersion: UnsupportedInviteVersionError,
  Tampered: TamperedError,
  InvalidConfig: InvalidConfigError,
  UnknownCursor: UnknownCursorError,
  Protocol: ProtocolError,
  Transport: TransportError,
  Timeout: SyncTimeoutError,
  Relay: RelayError,
  State: StateError,
  Shutdown: ShutdownError,
  InvalidPairingCode: InvalidPairingCodeError,
  PairingFailed: PairingFailedError,
  PairingExpired: PairingExpiredError,
  Io: IoError,
  Cancelled: CancelledError,
  ObjectUnavailable: ObjectUnavailableError,
  Internal: InternalError,
};

/**
 * The error for a variant name and message, as every projection of the contract reports them
 * (the generated layer's tags, the daemon's `code`); an unknown name is an InternalError (the
 * two sides disagree: a bug), with the message kept.
 */
export function errorFor(code: string, message: string): SyncError {
  const cls = Object.hasOwn(byCode, code) ? byCode[code as SyncErrorCode] : InternalError;
  return new cls(message);
}
