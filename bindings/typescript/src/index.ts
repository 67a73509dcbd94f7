/**
 * 0k-sync for Node: zero-knowledge sync of encrypted blobs through untrusted relays.
 *
 * All cryptography, protocol and networking is the Rust library's, loaded through koffi (the
 * generated layer in `../generated`, private); this package adds JavaScript idioms only.
 */
export { type CallOptions } from "./abort.js";
export {
  AllRelaysFailedError,
  CancelledError,
  ConnectionFailedError,
  InternalError,
  InvalidConfigError,
  InvalidInviteError,
  InvalidPairingCodeError,
  IoError,
  InviteExpiredError,
  NotConnectedError,
  ObjectUnavailableError,
  OutboxFullError,
  PairingExpiredError,
  PairingFailedError,
  PayloadTooLargeError,
  ProtocolError,
  QuotaExceededError,
  RateLimitedError,
  RelayError,
  ShutdownError,
  StateError,
  SyncError,
  SyncTimeoutError,
  TamperedError,
  TransportError,
  UnauthorizedError,
  UnknownCursorError,
  UnsupportedInviteVersionError,
  VersionMismatchError,
  type SyncErrorCode,
} from "./errors.js";
export { SyncClient, type FlushOptions, type PushStreamOptions } from "./client.js";
export { EventStream, type EventsOptions } from "./events.js";
export {
  deriveSecret,
  inviteFromQr,
  inviteToQr,
  joinWithCode,
  version,
  type DeriveOptions,
} from "./functions.js";
export { LIBRARY_ENV, LibraryLoadError, loadLibrary, platformPackage } from "./library.js";
export {
  SyncConfig,
  type DerivedSecret,
  type Invite,
  type KdfParams,
  type PairedInvite,
  type Pending,
  type PullResult,
  type PushResult,
  type RemoteObject,
  type SyncBlob,
  type SyncEvent,
  type TamperedBlob,
  type TransferProgress,
  type TransferResult,
  type VersionInfo,
} from "./records.js";
export { Pairing, type PairingOptions } from "./pairing.js";
export { Subscription, type SubscribeOptions } from "./subscription.js";
export { Transfer, Upload, type TransferOptions } from "./transfer.js";
