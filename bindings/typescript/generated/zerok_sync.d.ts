import { UniffiObjectBase } from "./runtime/objects.js";



export interface ComponentMetadata {
  namespace: string;
  packageName: string;
  cdylibName: string;
  nodeEngine: string;
  bundledPrebuilds: boolean;
  manualLoad: boolean;
}

export declare const componentMetadata: Readonly<ComponentMetadata>;

export { ffiMetadata } from "./zerok_sync-ffi.js";

export { load, unload } from "./zerok_sync-ffi.js";


export interface DerivedSecret {
  "secret": Uint8Array;
  "salt": Uint8Array;
  "kdf": KdfParams;
}

export interface Invite {
  "relay_addresses": Array<string>;
  "secret_bytes": Uint8Array;
  "salt": Uint8Array | undefined;
  "kdf": KdfParams | undefined;
  "expires_at": bigint | number;
}

export interface KdfParams {
  "memory_kib": number;
  "iterations": number;
  "parallelism": number;
}

export interface PairedInvite {
  "invite": Invite;
  "verifier": string;
}

export interface Pending {
  "count": bigint | number;
  "bytes": bigint | number;
  "blob_ids": Array<string>;
}

export interface PullResult {
  "blobs": Array<SyncBlob>;
  "tampered": Array<TamperedBlob>;
}

export interface PushResult {
  "blob_id": string;
  "cursor": bigint | number;
}

export interface RemoteObject {
  "object_id": string;
  "size": bigint | number;
  "blake3": string;
  "chunk_size": number;
  "chunk_count": bigint | number;
  "name": string | undefined;
  "inline_bytes": Uint8Array;
}

export interface SyncBlob {
  "blob_id": string;
  "payload": Uint8Array;
  "cursor": bigint | number;
  "timestamp_ms": bigint | number;
  "object": RemoteObject | undefined;
}

export interface SyncConfig {
  "relay_addresses": Array<string>;
  "passphrase": string | undefined;
  "secret_bytes": Uint8Array | undefined;
  "salt": Uint8Array | undefined;
  "kdf": KdfParams | undefined;
  "device_name": string | undefined;
  "ttl_secs": bigint | number | undefined;
  "state_path": string | undefined;
  "keep_alive_ms": bigint | number | undefined;
  "idle_timeout_ms": bigint | number | undefined;
  "connect_timeout_ms": bigint | number | undefined;
  "request_timeout_ms": bigint | number | undefined;
  "outbox_max_bytes": bigint | number | undefined;
}

export interface TamperedBlob {
  "blob_id": string;
  "cursor": bigint | number;
}

export interface TransferProgress {
  "bytes_done": bigint | number;
  "bytes_total": bigint | number;
  "bytes_sent": bigint | number;
  "chunks_done": bigint | number;
  "chunks_total": bigint | number;
}

export interface TransferResult {
  "object_id": string;
  "size": bigint | number;
  "blake3": string;
  "cursor": bigint | number | undefined;
  "path": string | undefined;
}

export interface VersionInfo {
  "core": string;
  "wire": number;
  "ffi": string;
}

export interface SyncEventConnected {
  tag: "Connected";
  "relay": string;
}

export interface SyncEventDisconnected {
  tag: "Disconnected";
  "relay": string;
  "reason": string;
}

export interface SyncEventFailover {
  tag: "Failover";
  "from_relay": string;
  "to_relay": string;
}

export interface SyncEventOutboxSent {
  tag: "OutboxSent";
  "blob_id": string;
  "cursor": bigint | number;
  "pending": bigint | number;
}

export interface SyncEventOutboxRejected {
  tag: "OutboxRejected";
  "blob_id": string;
  "reason": string;
}

export interface SyncEventLagged {
  tag: "Lagged";
  "missed": bigint | number;
}

export type SyncEvent = SyncEventConnected | SyncEventDisconnected | SyncEventFailover | SyncEventOutboxSent | SyncEventOutboxRejected | SyncEventLagged;
export declare const SyncEvent: Readonly<{
  Connected(relay: string): SyncEventConnected;
  Disconnected(relay: string, reason: string): SyncEventDisconnected;
  Failover(from_relay: string, to_relay: string): SyncEventFailover;
  OutboxSent(blob_id: string, cursor: bigint | number, pending: bigint | number): SyncEventOutboxSent;
  OutboxRejected(blob_id: string, reason: string): SyncEventOutboxRejected;
  Lagged(missed: bigint | number): SyncEventLagged;
}>;

export declare class SyncError extends globalThis.Error {
  readonly tag: string;
  protected constructor(tag: string, message?: string);
}

export declare class SyncErrorNotConnected extends SyncError {
  readonly tag: "NotConnected";
  constructor(message?: string);
}

export declare class SyncErrorConnectionFailed extends SyncError {
  readonly tag: "ConnectionFailed";
  constructor(message?: string);
}

export declare class SyncErrorAllRelaysFailed extends SyncError {
  readonly tag: "AllRelaysFailed";
  constructor(message?: string);
}

export declare class SyncErrorUnauthorized extends SyncError {
  readonly tag: "Unauthorized";
  constructor(message?: string);
}

export declare class SyncErrorVersionMismatch extends SyncError {
  readonly tag: "VersionMismatch";
  constructor(message?: string);
}

export declare class SyncErrorPayloadTooLarge extends SyncError {
  readonly tag: "PayloadTooLarge";
  constructor(message?: string);
}

export declare class SyncErrorQuotaExceeded extends SyncError {
  readonly tag: "QuotaExceeded";
  constructor(message?: string);
}

export declare class SyncErrorRateLimited extends SyncError {
  readonly tag: "RateLimited";
  constructor(message?: string);
}

export declare class SyncErrorOutboxFull extends SyncError {
  readonly tag: "OutboxFull";
  constructor(message?: string);
}

export declare class SyncErrorInviteExpired extends SyncError {
  readonly tag: "InviteExpired";
  constructor(message?: string);
}

export declare class SyncErrorInvalidInvite extends SyncError {
  readonly tag: "InvalidInvite";
  constructor(message?: string);
}

export declare class SyncErrorUnsupportedInviteVersion extends SyncError {
  readonly tag: "UnsupportedInviteVersion";
  constructor(message?: string);
}

export declare class SyncErrorTampered extends SyncError {
  readonly tag: "Tampered";
  constructor(message?: string);
}

export declare class SyncErrorInvalidConfig extends SyncError {
  readonly tag: "InvalidConfig";
  constructor(message?: string);
}

export declare class SyncErrorUnknownCursor extends SyncError {
  readonly tag: "UnknownCursor";
  constructor(message?: string);
}

export declare class SyncErrorProtocol extends SyncError {
  readonly tag: "Protocol";
  constructor(message?: string);
}

export declare class SyncErrorTransport extends SyncError {
  readonly tag: "Transport";
  constructor(message?: string);
}

export declare class SyncErrorTimeout extends SyncError {
  readonly tag: "Timeout";
  constructor(message?: string);
}

export declare class SyncErrorRelay extends SyncError {
  readonly tag: "Relay";
  constructor(message?: string);
}

export declare class SyncErrorState extends SyncError {
  readonly tag: "State";
  constructor(message?: string);
}

export declare class SyncErrorShutdown extends SyncError {
  readonly tag: "Shutdown";
  constructor(message?: string);
}

export declare class SyncErrorInvalidPairingCode extends SyncError {
  readonly tag: "InvalidPairingCode";
  constructor(message?: string);
}

export declare class SyncErrorPairingFailed extends SyncError {
  readonly tag: "PairingFailed";
  constructor(message?: string);
}

export declare class SyncErrorPairingExpired extends SyncError {
  readonly tag: "PairingExpired";
  constructor(message?: string);
}

export declare class SyncErrorIo extends SyncError {
  readonly tag: "Io";
  constructor(message?: string);
}

export declare class SyncErrorCancelled extends SyncError {
  readonly tag: "Cancelled";
  constructor(message?: string);
}

export declare class SyncErrorObjectUnavailable extends SyncError {
  readonly tag: "ObjectUnavailable";
  constructor(message?: string);
}

export declare class SyncErrorInternal extends SyncError {
  readonly tag: "Internal";
  constructor(message?: string);
}

export declare function create_client(config: SyncConfig): Promise<SyncClient>;

export declare function derive_secret(passphrase: string, salt: Uint8Array | undefined, kdf: KdfParams | undefined): Promise<DerivedSecret>;

export declare function invite_from_qr(qr: string): Invite;

export declare function invite_to_qr(invite: Invite): string;

export declare function join_with_code(code: string, relay_addresses: Array<string>): Promise<PairedInvite>;

export declare function version(): VersionInfo;

export declare class EventStream extends UniffiObjectBase {
  protected constructor();
  close_events(): void;
  next_event(): Promise<SyncEvent | undefined>;
}

export declare class Pairing extends UniffiObjectBase {
  protected constructor();
  cancel(): void;
  code(): string;
  expires_at_ms(): bigint | number;
  wait(): Promise<string>;
}

export declare class Subscription extends UniffiObjectBase {
  protected constructor();
  close(): void;
  next(): Promise<bigint | number | undefined>;
  take(ticket: bigint | number): SyncBlob | undefined;
}

export declare class SyncClient extends UniffiObjectBase {
  protected constructor();
  active_relay(): string | undefined;
  connect(): Promise<void>;
  create_invite(ttl_secs: bigint | number): Invite;
  create_pairing_code(ttl_secs: bigint | number | undefined): Promise<Pairing>;
  current_cursor(): bigint | number;
  disconnect(): Promise<void>;
  download(object: RemoteObject, path: string): Promise<Transfer>;
  enqueue(payload: Uint8Array): Promise<string>;
  enqueue_file(path: string): Promise<string>;
  events(): EventStream;
  flush(timeout_ms: bigint | number | undefined): Promise<void>;
  group_id(): string;
  is_connected(): boolean;
  pending(): Pending;
  pull(): Promise<PullResult>;
  pull_after(cursor: bigint | number): Promise<PullResult>;
  push(payload: Uint8Array): Promise<PushResult>;
  push_file(path: string): Promise<Transfer>;
  push_stream(size: bigint | number, name: string | undefined): Promise<Upload>;
  shutdown(): Promise<void>;
  subscribe(): Promise<Subscription>;
}

export declare class Transfer extends UniffiObjectBase {
  protected constructor();
  cancel_transfer(): void;
  next_progress(): Promise<TransferProgress | undefined>;
  object_id(): string;
  outcome(): Promise<TransferResult>;
  progress(): TransferProgress;
}

export declare class Upload extends UniffiObjectBase {
  protected constructor();
  finish(): Promise<TransferResult>;
  transfer(): Transfer;
  write(data: Uint8Array): Promise<void>;
}