import koffi from "koffi";


import {

  configureRuntimeHooks,

  ffiFunctions,

  getFfiBindings,

  getFfiTypes,

} from "./zerok_sync-ffi.js";


import {

  createForeignBytes,

  RustBufferValue,

} from "./runtime/ffi-types.js";


import {

  AbstractFfiConverterByteArray,

  FfiConverterArray,

  FfiConverterBool,

  FfiConverterBytes,

  FfiConverterOptional,

  FfiConverterString,

  FfiConverterUInt16,

  FfiConverterUInt32,

  FfiConverterUInt64,

} from "./runtime/ffi-converters.js";


import {

  UnexpectedEnumCase,

} from "./runtime/errors.js";


import {

  rustCallAsync,

  rustFutureContinuationCallback,

} from "./runtime/async-rust-call.js";


import {

  clearPendingForeignFutures,

} from "./runtime/callbacks.js";


import {

  createObjectConverter,

  createObjectFactory,

  UniffiObjectBase,

} from "./runtime/objects.js";


import {

  UniffiRustCaller,

  createRustCallStatus,

} from "./runtime/rust-call.js";


export const componentMetadata = Object.freeze({
  namespace: "zerok_sync",
  packageName: "zerok-sync-generated",
  cdylibName: "zerok_sync_ffi",
  nodeEngine: ">=20",
  bundledPrebuilds: false,
  manualLoad: true,
});

export { ffiMetadata } from "./zerok_sync-ffi.js";

export { load, unload } from "./zerok_sync-ffi.js";


function uniffiNotImplemented(member) {
  throw new Error(`${member} is not implemented yet. Koffi-backed bindings are still pending.`);
}

const uniffiTextEncoder = new TextEncoder();
const uniffiTextDecoder = new TextDecoder();
const uniffiSuccessRustCallStatus = createRustCallStatus();
const UNIFFI_MAX_CACHED_RUST_CALL_STATUSES = 32;
const uniffiRustCallStatusPool = [];

function uniffiLiftString(bytes) {
  return uniffiTextDecoder.decode(bytes);
}

function uniffiDecodeRustCallStatus(status) {
  return status == null
    ? uniffiSuccessRustCallStatus
    : koffi.decode(status, 0, "int8_t") === 0
      ? uniffiSuccessRustCallStatus
      : koffi.decode(status, getFfiTypes().RustCallStatus);
}

function uniffiWriteRustCallStatus(status, value) {
  if (
    status != null
    && (
      value.code !== 0
      || value.error_buf.data !== null
      || value.error_buf.len !== 0n
      || value.error_buf.capacity !== 0n
    )
  ) {
    koffi.encode(status, getFfiTypes().RustCallStatus, value);
  }
  return status;
}

function uniffiAcquireRustCallStatus() {
  const status = uniffiRustCallStatusPool.pop();
  if (status != null) {
    return status;
  }
  return koffi.alloc(getFfiTypes().RustCallStatus, 1);
}

function uniffiReleaseRustCallStatus(status) {
  if (status == null) {
    return;
  }

  koffi.encode(status, getFfiTypes().RustCallStatus, uniffiSuccessRustCallStatus);
  if (uniffiRustCallStatusPool.length < UNIFFI_MAX_CACHED_RUST_CALL_STATUSES) {
    uniffiRustCallStatusPool.push(status);
    return;
  }

  koffi.free(status);
}

const uniffiRustCaller = new UniffiRustCaller({
  createStatus: uniffiAcquireRustCallStatus,
  disposeStatus: uniffiReleaseRustCallStatus,
  readStatus: uniffiDecodeRustCallStatus,
  writeStatus: uniffiWriteRustCallStatus,
  liftString: uniffiLiftString,
});

function uniffiFreeRustBuffer(buffer) {
  return uniffiRustCaller.rustCall(
    (status) => ffiFunctions.ffi_zerok_sync_ffi_rustbuffer_free(buffer, status),
    { liftString: uniffiLiftString },
  );
}

const uniffiDefaultRustCallOptions = Object.freeze({
  freeRustBuffer: uniffiFreeRustBuffer,
  liftString: uniffiLiftString,
  rustCaller: uniffiRustCaller,
});
const uniffiRustCallOptionsByErrorConverter = new WeakMap();
const uniffiOptionalConverterCache = new WeakMap();
const uniffiArrayConverterCache = new WeakMap();
const uniffiLibraryFunctionCache = new WeakMap();

function uniffiRustCallOptions(errorConverter = undefined) {
  if (errorConverter == null) {
    return uniffiDefaultRustCallOptions;
  }

  if (typeof errorConverter !== "object" && typeof errorConverter !== "function") {
    return Object.freeze({
      errorHandler: (errorBytes) => errorConverter.lift(errorBytes),
      freeRustBuffer: uniffiFreeRustBuffer,
      liftString: uniffiLiftString,
      rustCaller: uniffiRustCaller,
    });
  }

  const cachedOptions = uniffiRustCallOptionsByErrorConverter.get(errorConverter);
  if (cachedOptions != null) {
    return cachedOptions;
  }

  const options = Object.freeze({
    errorHandler: (errorBytes) => errorConverter.lift(errorBytes),
    freeRustBuffer: uniffiFreeRustBuffer,
    liftString: uniffiLiftString,
    rustCaller: uniffiRustCaller,
  });
  uniffiRustCallOptionsByErrorConverter.set(errorConverter, options);
  return options;
}

function uniffiOptionalConverter(innerConverter) {
  let converter = uniffiOptionalConverterCache.get(innerConverter);
  if (converter == null) {
    converter = new FfiConverterOptional(innerConverter);
    uniffiOptionalConverterCache.set(innerConverter, converter);
  }
  return converter;
}

function uniffiArrayConverter(innerConverter) {
  let converter = uniffiArrayConverterCache.get(innerConverter);
  if (converter == null) {
    converter = new FfiConverterArray(innerConverter);
    uniffiArrayConverterCache.set(innerConverter, converter);
  }
  return converter;
}

function uniffiGetCachedLibraryFunction(cacheKey, create) {
  const bindings = getFfiBindings();
  const library = bindings.library;
  let libraryCache = uniffiLibraryFunctionCache.get(library);
  if (libraryCache == null) {
    libraryCache = new Map();
    uniffiLibraryFunctionCache.set(library, libraryCache);
  }

  let cachedFunction = libraryCache.get(cacheKey);
  if (cachedFunction == null) {
    cachedFunction = create(bindings);
    libraryCache.set(cacheKey, cachedFunction);
  }
  return cachedFunction;
}

function uniffiCopyIntoRustBuffer(bytes) {
  return uniffiRustCaller.rustCall(
    (status) => ffiFunctions.ffi_zerok_sync_ffi_rustbuffer_from_bytes(createForeignBytes(bytes), status),
    uniffiRustCallOptions(),
  );
}

function uniffiLowerString(value) {
  return uniffiCopyIntoRustBuffer(uniffiTextEncoder.encode(value));
}

function uniffiLiftStringFromRustBuffer(value) {
  return uniffiLiftString(new RustBufferValue(value).consumeIntoUint8Array(uniffiFreeRustBuffer));
}

function uniffiLowerBytes(value) {
  return uniffiCopyIntoRustBuffer(value);
}

function uniffiLiftBytesFromRustBuffer(value) {
  return new RustBufferValue(value).consumeIntoUint8Array(uniffiFreeRustBuffer);
}

function uniffiLowerIntoRustBuffer(converter, value) {
  return uniffiCopyIntoRustBuffer(converter.lower(value));
}

function uniffiLiftFromRustBuffer(converter, value) {
  return converter.lift(uniffiLiftBytesFromRustBuffer(value));
}

function uniffiRequireRecordObject(typeName, value) {
  if (typeof value !== "object" || value == null) {
    throw new TypeError(`${typeName} values must be non-null objects.`);
  }
  return value;
}

function uniffiRequireFlatEnumValue(enumValues, typeName, value) {
  for (const enumValue of Object.values(enumValues)) {
    if (enumValue === value) {
      return enumValue;
    }
  }
  throw new TypeError(`${typeName} values must be one of ${Object.values(enumValues).map((item) => JSON.stringify(item)).join(", ")}.`);
}

function uniffiRequireTaggedEnumValue(typeName, value) {
  const enumValue = uniffiRequireRecordObject(typeName, value);
  if (typeof enumValue.tag !== "string") {
    throw new TypeError(`${typeName} values must be tagged objects with a string tag field.`);
  }
  return enumValue;
}

function uniffiNotImplementedConverter(typeName) {
  const fail = (member) => {
    throw new Error(`${typeName} converter ${member} is not implemented yet.`);
  };
  return Object.freeze({
    lower() {
      return fail("lower");
    },
    lift() {
      return fail("lift");
    },
    write() {
      return fail("write");
    },
    read() {
      return fail("read");
    },
    allocationSize() {
      return fail("allocationSize");
    },
  });
}

let uniffiRustFutureContinuationPointer = null;

function uniffiGetRustFutureContinuationPointer() {
  if (uniffiRustFutureContinuationPointer == null) {
    const bindings = getFfiBindings();
    uniffiRustFutureContinuationPointer = koffi.register(
      rustFutureContinuationCallback,
      koffi.pointer(bindings.ffiCallbacks.RustFutureContinuationCallback),
    );
  }
  return uniffiRustFutureContinuationPointer;
}

export const SyncEvent = Object.freeze({
  Connected(relay) {
    return Object.freeze({
      tag: "Connected",
      "relay": relay,
    });
  },
  Disconnected(relay, reason) {
    return Object.freeze({
      tag: "Disconnected",
      "relay": relay,
      "reason": reason,
    });
  },
  Failover(from_relay, to_relay) {
    return Object.freeze({
      tag: "Failover",
      "from_relay": from_relay,
      "to_relay": to_relay,
    });
  },
  OutboxSent(blob_id, cursor, pending) {
    return Object.freeze({
      tag: "OutboxSent",
      "blob_id": blob_id,
      "cursor": cursor,
      "pending": pending,
    });
  },
  OutboxRejected(blob_id, reason) {
    return Object.freeze({
      tag: "OutboxRejected",
      "blob_id": blob_id,
      "reason": reason,
    });
  },
  Lagged(missed) {
    return Object.freeze({
      tag: "Lagged",
      "missed": missed,
    });
  },
});

export class SyncError extends globalThis.Error {
  constructor(tag, message = tag) {
    super(message);
    this.name = "SyncError";
    this.tag = tag;
  }
}

export class SyncErrorNotConnected extends SyncError {
  constructor(message = undefined) {
    super("NotConnected", message ?? "NotConnected");
    this.name = "SyncErrorNotConnected";
    this.message = message ?? "NotConnected";
  }
}

export class SyncErrorConnectionFailed extends SyncError {
  constructor(message = undefined) {
    super("ConnectionFailed", message ?? "ConnectionFailed");
    this.name = "SyncErrorConnectionFailed";
    this.message = message ?? "ConnectionFailed";
  }
}

export class SyncErrorAllRelaysFailed extends SyncError {
  constructor(message = undefined) {
    super("AllRelaysFailed", message ?? "AllRelaysFailed");
    this.name = "SyncErrorAllRelaysFailed";
    this.message = message ?? "AllRelaysFailed";
  }
}

export class SyncErrorUnauthorized extends SyncError {
  constructor(message = undefined) {
    super("Unauthorized", message ?? "Unauthorized");
    this.name = "SyncErrorUnauthorized";
    this.message = message ?? "Unauthorized";
  }
}

export class SyncErrorVersionMismatch extends SyncError {
  constructor(message = undefined) {
    super("VersionMismatch", message ?? "VersionMismatch");
    this.name = "SyncErrorVersionMismatch";
    this.message = message ?? "VersionMismatch";
  }
}

export class SyncErrorPayloadTooLarge extends SyncError {
  constructor(message = undefined) {
    super("PayloadTooLarge", message ?? "PayloadTooLarge");
    this.name = "SyncErrorPayloadTooLarge";
    this.message = message ?? "PayloadTooLarge";
  }
}

export class SyncErrorQuotaExceeded extends SyncError {
  constructor(message = undefined) {
    super("QuotaExceeded", message ?? "QuotaExceeded");
    this.name = "SyncErrorQuotaExceeded";
    this.message = message ?? "QuotaExceeded";
  }
}

export class SyncErrorRateLimited extends SyncError {
  constructor(message = undefined) {
    super("RateLimited", message ?? "RateLimited");
    this.name = "SyncErrorRateLimited";
    this.message = message ?? "RateLimited";
  }
}

export class SyncErrorOutboxFull extends SyncError {
  constructor(message = undefined) {
    super("OutboxFull", message ?? "OutboxFull");
    this.name = "SyncErrorOutboxFull";
    this.message = message ?? "OutboxFull";
  }
}

export class SyncErrorInviteExpired extends SyncError {
  constructor(message = undefined) {
    super("InviteExpired", message ?? "InviteExpired");
    this.name = "SyncErrorInviteExpired";
    this.message = message ?? "InviteExpired";
  }
}

export class SyncErrorInvalidInvite extends SyncError {
  constructor(message = undefined) {
    super("InvalidInvite", message ?? "InvalidInvite");
    this.name = "SyncErrorInvalidInvite";
    this.message = message ?? "InvalidInvite";
  }
}

export class SyncErrorUnsupportedInviteVersion extends SyncError {
  constructor(message = undefined) {
    super("UnsupportedInviteVersion", message ?? "UnsupportedInviteVersion");
    this.name = "SyncErrorUnsupportedInviteVersion";
    this.message = message ?? "UnsupportedInviteVersion";
  }
}

export class SyncErrorTampered extends SyncError {
  constructor(message = undefined) {
    super("Tampered", message ?? "Tampered");
    this.name = "SyncErrorTampered";
    this.message = message ?? "Tampered";
  }
}

export class SyncErrorInvalidConfig extends SyncError {
  constructor(message = undefined) {
    super("InvalidConfig", message ?? "InvalidConfig");
    this.name = "SyncErrorInvalidConfig";
    this.message = message ?? "InvalidConfig";
  }
}

export class SyncErrorUnknownCursor extends SyncError {
  constructor(message = undefined) {
    super("UnknownCursor", message ?? "UnknownCursor");
    this.name = "SyncErrorUnknownCursor";
    this.message = message ?? "UnknownCursor";
  }
}

export class SyncErrorProtocol extends SyncError {
  constructor(message = undefined) {
    super("Protocol", message ?? "Protocol");
    this.name = "SyncErrorProtocol";
    this.message = message ?? "Protocol";
  }
}

export class SyncErrorTransport extends SyncError {
  constructor(message = undefined) {
    super("Transport", message ?? "Transport");
    this.name = "SyncErrorTransport";
    this.message = message ?? "Transport";
  }
}

export class SyncErrorTimeout extends SyncError {
  constructor(message = undefined) {
    super("Timeout", message ?? "Timeout");
    this.name = "SyncErrorTimeout";
    this.message = message ?? "Timeout";
  }
}

export class SyncErrorRelay extends SyncError {
  constructor(message = undefined) {
    super("Relay", message ?? "Relay");
    this.name = "SyncErrorRelay";
    this.message = message ?? "Relay";
  }
}

export class SyncErrorState extends SyncError {
  constructor(message = undefined) {
    super("State", message ?? "State");
    this.name = "SyncErrorState";
    this.message = message ?? "State";
  }
}

export class SyncErrorShutdown extends SyncError {
  constructor(message = undefined) {
    super("Shutdown", message ?? "Shutdown");
    this.name = "SyncErrorShutdown";
    this.message = message ?? "Shutdown";
  }
}

export class SyncErrorInvalidPairingCode extends SyncError {
  constructor(message = undefined) {
    super("InvalidPairingCode", message ?? "InvalidPairingCode");
    this.name = "SyncErrorInvalidPairingCode";
    this.message = message ?? "InvalidPairingCode";
  }
}

export class SyncErrorPairingFailed extends SyncError {
  constructor(message = undefined) {
    super("PairingFailed", message ?? "PairingFailed");
    this.name = "SyncErrorPairingFailed";
    this.message = message ?? "PairingFailed";
  }
}

export class SyncErrorPairingExpired extends SyncError {
  constructor(message = undefined) {
    super("PairingExpired", message ?? "PairingExpired");
    this.name = "SyncErrorPairingExpired";
    this.message = message ?? "PairingExpired";
  }
}

export class SyncErrorIo extends SyncError {
  constructor(message = undefined) {
    super("Io", message ?? "Io");
    this.name = "SyncErrorIo";
    this.message = message ?? "Io";
  }
}

export class SyncErrorCancelled extends SyncError {
  constructor(message = undefined) {
    super("Cancelled", message ?? "Cancelled");
    this.name = "SyncErrorCancelled";
    this.message = message ?? "Cancelled";
  }
}

export class SyncErrorObjectUnavailable extends SyncError {
  constructor(message = undefined) {
    super("ObjectUnavailable", message ?? "ObjectUnavailable");
    this.name = "SyncErrorObjectUnavailable";
    this.message = message ?? "ObjectUnavailable";
  }
}

export class SyncErrorInternal extends SyncError {
  constructor(message = undefined) {
    super("Internal", message ?? "Internal");
    this.name = "SyncErrorInternal";
    this.message = message ?? "Internal";
  }
}

const FfiConverterDerivedSecret = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("DerivedSecret", value);
    return FfiConverterBytes.allocationSize(recordValue["secret"]) + FfiConverterBytes.allocationSize(recordValue["salt"]) + FfiConverterKdfParams.allocationSize(recordValue["kdf"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("DerivedSecret", value);
    FfiConverterBytes.write(recordValue["secret"], writer);
    FfiConverterBytes.write(recordValue["salt"], writer);
    FfiConverterKdfParams.write(recordValue["kdf"], writer);
  }

  read(reader) {
    return {
      "secret": FfiConverterBytes.read(reader),
      "salt": FfiConverterBytes.read(reader),
      "kdf": FfiConverterKdfParams.read(reader),
    };
  }
})();
const FfiConverterInvite = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("Invite", value);
    return uniffiArrayConverter(FfiConverterString).allocationSize(recordValue["relay_addresses"]) + FfiConverterBytes.allocationSize(recordValue["secret_bytes"]) + uniffiOptionalConverter(FfiConverterBytes).allocationSize(recordValue["salt"]) + uniffiOptionalConverter(FfiConverterKdfParams).allocationSize(recordValue["kdf"]) + FfiConverterUInt64.allocationSize(recordValue["expires_at"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("Invite", value);
    uniffiArrayConverter(FfiConverterString).write(recordValue["relay_addresses"], writer);
    FfiConverterBytes.write(recordValue["secret_bytes"], writer);
    uniffiOptionalConverter(FfiConverterBytes).write(recordValue["salt"], writer);
    uniffiOptionalConverter(FfiConverterKdfParams).write(recordValue["kdf"], writer);
    FfiConverterUInt64.write(recordValue["expires_at"], writer);
  }

  read(reader) {
    return {
      "relay_addresses": uniffiArrayConverter(FfiConverterString).read(reader),
      "secret_bytes": FfiConverterBytes.read(reader),
      "salt": uniffiOptionalConverter(FfiConverterBytes).read(reader),
      "kdf": uniffiOptionalConverter(FfiConverterKdfParams).read(reader),
      "expires_at": FfiConverterUInt64.read(reader),
    };
  }
})();
const FfiConverterKdfParams = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("KdfParams", value);
    return FfiConverterUInt32.allocationSize(recordValue["memory_kib"]) + FfiConverterUInt32.allocationSize(recordValue["iterations"]) + FfiConverterUInt32.allocationSize(recordValue["parallelism"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("KdfParams", value);
    FfiConverterUInt32.write(recordValue["memory_kib"], writer);
    FfiConverterUInt32.write(recordValue["iterations"], writer);
    FfiConverterUInt32.write(recordValue["parallelism"], writer);
  }

  read(reader) {
    return {
      "memory_kib": FfiConverterUInt32.read(reader),
      "iterations": FfiConverterUInt32.read(reader),
      "parallelism": FfiConverterUInt32.read(reader),
    };
  }
})();
const FfiConverterPairedInvite = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("PairedInvite", value);
    return FfiConverterInvite.allocationSize(recordValue["invite"]) + FfiConverterString.allocationSize(recordValue["verifier"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("PairedInvite", value);
    FfiConverterInvite.write(recordValue["invite"], writer);
    FfiConverterString.write(recordValue["verifier"], writer);
  }

  read(reader) {
    return {
      "invite": FfiConverterInvite.read(reader),
      "verifier": FfiConverterString.read(reader),
    };
  }
})();
const FfiConverterPending = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("Pending", value);
    return FfiConverterUInt64.allocationSize(recordValue["count"]) + FfiConverterUInt64.allocationSize(recordValue["bytes"]) + uniffiArrayConverter(FfiConverterString).allocationSize(recordValue["blob_ids"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("Pending", value);
    FfiConverterUInt64.write(recordValue["count"], writer);
    FfiConverterUInt64.write(recordValue["bytes"], writer);
    uniffiArrayConverter(FfiConverterString).write(recordValue["blob_ids"], writer);
  }

  read(reader) {
    return {
      "count": FfiConverterUInt64.read(reader),
      "bytes": FfiConverterUInt64.read(reader),
      "blob_ids": uniffiArrayConverter(FfiConverterString).read(reader),
    };
  }
})();
const FfiConverterPullResult = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("PullResult", value);
    return uniffiArrayConverter(FfiConverterSyncBlob).allocationSize(recordValue["blobs"]) + uniffiArrayConverter(FfiConverterTamperedBlob).allocationSize(recordValue["tampered"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("PullResult", value);
    uniffiArrayConverter(FfiConverterSyncBlob).write(recordValue["blobs"], writer);
    uniffiArrayConverter(FfiConverterTamperedBlob).write(recordValue["tampered"], writer);
  }

  read(reader) {
    return {
      "blobs": uniffiArrayConverter(FfiConverterSyncBlob).read(reader),
      "tampered": uniffiArrayConverter(FfiConverterTamperedBlob).read(reader),
    };
  }
})();
const FfiConverterPushResult = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("PushResult", value);
    return FfiConverterString.allocationSize(recordValue["blob_id"]) + FfiConverterUInt64.allocationSize(recordValue["cursor"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("PushResult", value);
    FfiConverterString.write(recordValue["blob_id"], writer);
    FfiConverterUInt64.write(recordValue["cursor"], writer);
  }

  read(reader) {
    return {
      "blob_id": FfiConverterString.read(reader),
      "cursor": FfiConverterUInt64.read(reader),
    };
  }
})();
const FfiConverterRemoteObject = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("RemoteObject", value);
    return FfiConverterString.allocationSize(recordValue["object_id"]) + FfiConverterUInt64.allocationSize(recordValue["size"]) + FfiConverterString.allocationSize(recordValue["blake3"]) + FfiConverterUInt32.allocationSize(recordValue["chunk_size"]) + FfiConverterUInt64.allocationSize(recordValue["chunk_count"]) + uniffiOptionalConverter(FfiConverterString).allocationSize(recordValue["name"]) + FfiConverterBytes.allocationSize(recordValue["inline_bytes"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("RemoteObject", value);
    FfiConverterString.write(recordValue["object_id"], writer);
    FfiConverterUInt64.write(recordValue["size"], writer);
    FfiConverterString.write(recordValue["blake3"], writer);
    FfiConverterUInt32.write(recordValue["chunk_size"], writer);
    FfiConverterUInt64.write(recordValue["chunk_count"], writer);
    uniffiOptionalConverter(FfiConverterString).write(recordValue["name"], writer);
    FfiConverterBytes.write(recordValue["inline_bytes"], writer);
  }

  read(reader) {
    return {
      "object_id": FfiConverterString.read(reader),
      "size": FfiConverterUInt64.read(reader),
      "blake3": FfiConverterString.read(reader),
      "chunk_size": FfiConverterUInt32.read(reader),
      "chunk_count": FfiConverterUInt64.read(reader),
      "name": uniffiOptionalConverter(FfiConverterString).read(reader),
      "inline_bytes": FfiConverterBytes.read(reader),
    };
  }
})();
const FfiConverterSyncBlob = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("SyncBlob", value);
    return FfiConverterString.allocationSize(recordValue["blob_id"]) + FfiConverterBytes.allocationSize(recordValue["payload"]) + FfiConverterUInt64.allocationSize(recordValue["cursor"]) + FfiConverterUInt64.allocationSize(recordValue["timestamp_ms"]) + uniffiOptionalConverter(FfiConverterRemoteObject).allocationSize(recordValue["object"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("SyncBlob", value);
    FfiConverterString.write(recordValue["blob_id"], writer);
    FfiConverterBytes.write(recordValue["payload"], writer);
    FfiConverterUInt64.write(recordValue["cursor"], writer);
    FfiConverterUInt64.write(recordValue["timestamp_ms"], writer);
    uniffiOptionalConverter(FfiConverterRemoteObject).write(recordValue["object"], writer);
  }

  read(reader) {
    return {
      "blob_id": FfiConverterString.read(reader),
      "payload": FfiConverterBytes.read(reader),
      "cursor": FfiConverterUInt64.read(reader),
      "timestamp_ms": FfiConverterUInt64.read(reader),
      "object": uniffiOptionalConverter(FfiConverterRemoteObject).read(reader),
    };
  }
})();
const FfiConverterSyncConfig = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("SyncConfig", value);
    return uniffiArrayConverter(FfiConverterString).allocationSize(recordValue["relay_addresses"]) + uniffiOptionalConverter(FfiConverterString).allocationSize(recordValue["passphrase"]) + uniffiOptionalConverter(FfiConverterBytes).allocationSize(recordValue["secret_bytes"]) + uniffiOptionalConverter(FfiConverterBytes).allocationSize(recordValue["salt"]) + uniffiOptionalConverter(FfiConverterKdfParams).allocationSize(recordValue["kdf"]) + uniffiOptionalConverter(FfiConverterString).allocationSize(recordValue["device_name"]) + uniffiOptionalConverter(FfiConverterUInt64).allocationSize(recordValue["ttl_secs"]) + uniffiOptionalConverter(FfiConverterString).allocationSize(recordValue["state_path"]) + uniffiOptionalConverter(FfiConverterUInt64).allocationSize(recordValue["keep_alive_ms"]) + uniffiOptionalConverter(FfiConverterUInt64).allocationSize(recordValue["idle_timeout_ms"]) + uniffiOptionalConverter(FfiConverterUInt64).allocationSize(recordValue["connect_timeout_ms"]) + uniffiOptionalConverter(FfiConverterUInt64).allocationSize(recordValue["request_timeout_ms"]) + uniffiOptionalConverter(FfiConverterUInt64).allocationSize(recordValue["outbox_max_bytes"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("SyncConfig", value);
    uniffiArrayConverter(FfiConverterString).write(recordValue["relay_addresses"], writer);
    uniffiOptionalConverter(FfiConverterString).write(recordValue["passphrase"], writer);
    uniffiOptionalConverter(FfiConverterBytes).write(recordValue["secret_bytes"], writer);
    uniffiOptionalConverter(FfiConverterBytes).write(recordValue["salt"], writer);
    uniffiOptionalConverter(FfiConverterKdfParams).write(recordValue["kdf"], writer);
    uniffiOptionalConverter(FfiConverterString).write(recordValue["device_name"], writer);
    uniffiOptionalConverter(FfiConverterUInt64).write(recordValue["ttl_secs"], writer);
    uniffiOptionalConverter(FfiConverterString).write(recordValue["state_path"], writer);
    uniffiOptionalConverter(FfiConverterUInt64).write(recordValue["keep_alive_ms"], writer);
    uniffiOptionalConverter(FfiConverterUInt64).write(recordValue["idle_timeout_ms"], writer);
    uniffiOptionalConverter(FfiConverterUInt64).write(recordValue["connect_timeout_ms"], writer);
    uniffiOptionalConverter(FfiConverterUInt64).write(recordValue["request_timeout_ms"], writer);
    uniffiOptionalConverter(FfiConverterUInt64).write(recordValue["outbox_max_bytes"], writer);
  }

  read(reader) {
    return {
      "relay_addresses": uniffiArrayConverter(FfiConverterString).read(reader),
      "passphrase": uniffiOptionalConverter(FfiConverterString).read(reader),
      "secret_bytes": uniffiOptionalConverter(FfiConverterBytes).read(reader),
      "salt": uniffiOptionalConverter(FfiConverterBytes).read(reader),
      "kdf": uniffiOptionalConverter(FfiConverterKdfParams).read(reader),
      "device_name": uniffiOptionalConverter(FfiConverterString).read(reader),
      "ttl_secs": uniffiOptionalConverter(FfiConverterUInt64).read(reader),
      "state_path": uniffiOptionalConverter(FfiConverterString).read(reader),
      "keep_alive_ms": uniffiOptionalConverter(FfiConverterUInt64).read(reader),
      "idle_timeout_ms": uniffiOptionalConverter(FfiConverterUInt64).read(reader),
      "connect_timeout_ms": uniffiOptionalConverter(FfiConverterUInt64).read(reader),
      "request_timeout_ms": uniffiOptionalConverter(FfiConverterUInt64).read(reader),
      "outbox_max_bytes": uniffiOptionalConverter(FfiConverterUInt64).read(reader),
    };
  }
})();
const FfiConverterTamperedBlob = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("TamperedBlob", value);
    return FfiConverterString.allocationSize(recordValue["blob_id"]) + FfiConverterUInt64.allocationSize(recordValue["cursor"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("TamperedBlob", value);
    FfiConverterString.write(recordValue["blob_id"], writer);
    FfiConverterUInt64.write(recordValue["cursor"], writer);
  }

  read(reader) {
    return {
      "blob_id": FfiConverterString.read(reader),
      "cursor": FfiConverterUInt64.read(reader),
    };
  }
})();
const FfiConverterTransferProgress = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("TransferProgress", value);
    return FfiConverterUInt64.allocationSize(recordValue["bytes_done"]) + FfiConverterUInt64.allocationSize(recordValue["bytes_total"]) + FfiConverterUInt64.allocationSize(recordValue["bytes_sent"]) + FfiConverterUInt64.allocationSize(recordValue["chunks_done"]) + FfiConverterUInt64.allocationSize(recordValue["chunks_total"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("TransferProgress", value);
    FfiConverterUInt64.write(recordValue["bytes_done"], writer);
    FfiConverterUInt64.write(recordValue["bytes_total"], writer);
    FfiConverterUInt64.write(recordValue["bytes_sent"], writer);
    FfiConverterUInt64.write(recordValue["chunks_done"], writer);
    FfiConverterUInt64.write(recordValue["chunks_total"], writer);
  }

  read(reader) {
    return {
      "bytes_done": FfiConverterUInt64.read(reader),
      "bytes_total": FfiConverterUInt64.read(reader),
      "bytes_sent": FfiConverterUInt64.read(reader),
      "chunks_done": FfiConverterUInt64.read(reader),
      "chunks_total": FfiConverterUInt64.read(reader),
    };
  }
})();
const FfiConverterTransferResult = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("TransferResult", value);
    return FfiConverterString.allocationSize(recordValue["object_id"]) + FfiConverterUInt64.allocationSize(recordValue["size"]) + FfiConverterString.allocationSize(recordValue["blake3"]) + uniffiOptionalConverter(FfiConverterUInt64).allocationSize(recordValue["cursor"]) + uniffiOptionalConverter(FfiConverterString).allocationSize(recordValue["path"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("TransferResult", value);
    FfiConverterString.write(recordValue["object_id"], writer);
    FfiConverterUInt64.write(recordValue["size"], writer);
    FfiConverterString.write(recordValue["blake3"], writer);
    uniffiOptionalConverter(FfiConverterUInt64).write(recordValue["cursor"], writer);
    uniffiOptionalConverter(FfiConverterString).write(recordValue["path"], writer);
  }

  read(reader) {
    return {
      "object_id": FfiConverterString.read(reader),
      "size": FfiConverterUInt64.read(reader),
      "blake3": FfiConverterString.read(reader),
      "cursor": uniffiOptionalConverter(FfiConverterUInt64).read(reader),
      "path": uniffiOptionalConverter(FfiConverterString).read(reader),
    };
  }
})();
const FfiConverterVersionInfo = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const recordValue = uniffiRequireRecordObject("VersionInfo", value);
    return FfiConverterString.allocationSize(recordValue["core"]) + FfiConverterUInt16.allocationSize(recordValue["wire"]) + FfiConverterString.allocationSize(recordValue["ffi"]);
  }

  write(value, writer) {
    const recordValue = uniffiRequireRecordObject("VersionInfo", value);
    FfiConverterString.write(recordValue["core"], writer);
    FfiConverterUInt16.write(recordValue["wire"], writer);
    FfiConverterString.write(recordValue["ffi"], writer);
  }

  read(reader) {
    return {
      "core": FfiConverterString.read(reader),
      "wire": FfiConverterUInt16.read(reader),
      "ffi": FfiConverterString.read(reader),
    };
  }
})();
const FfiConverterSyncEvent = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    const enumValue = uniffiRequireTaggedEnumValue("SyncEvent", value);
    switch (enumValue.tag) {
      case "Connected":
        return 4 + FfiConverterString.allocationSize(enumValue["relay"]);
      case "Disconnected":
        return 4 + FfiConverterString.allocationSize(enumValue["relay"]) + FfiConverterString.allocationSize(enumValue["reason"]);
      case "Failover":
        return 4 + FfiConverterString.allocationSize(enumValue["from_relay"]) + FfiConverterString.allocationSize(enumValue["to_relay"]);
      case "OutboxSent":
        return 4 + FfiConverterString.allocationSize(enumValue["blob_id"]) + FfiConverterUInt64.allocationSize(enumValue["cursor"]) + FfiConverterUInt64.allocationSize(enumValue["pending"]);
      case "OutboxRejected":
        return 4 + FfiConverterString.allocationSize(enumValue["blob_id"]) + FfiConverterString.allocationSize(enumValue["reason"]);
      case "Lagged":
        return 4 + FfiConverterUInt64.allocationSize(enumValue["missed"]);
      default:
        throw new UnexpectedEnumCase(`Unexpected SyncEvent case ${String(enumValue.tag)}.`);
    }
  }

  write(value, writer) {
    const enumValue = uniffiRequireTaggedEnumValue("SyncEvent", value);
    switch (enumValue.tag) {
      case "Connected":
        writer.writeInt32(1);
        FfiConverterString.write(enumValue["relay"], writer);
        return;
      case "Disconnected":
        writer.writeInt32(2);
        FfiConverterString.write(enumValue["relay"], writer);
        FfiConverterString.write(enumValue["reason"], writer);
        return;
      case "Failover":
        writer.writeInt32(3);
        FfiConverterString.write(enumValue["from_relay"], writer);
        FfiConverterString.write(enumValue["to_relay"], writer);
        return;
      case "OutboxSent":
        writer.writeInt32(4);
        FfiConverterString.write(enumValue["blob_id"], writer);
        FfiConverterUInt64.write(enumValue["cursor"], writer);
        FfiConverterUInt64.write(enumValue["pending"], writer);
        return;
      case "OutboxRejected":
        writer.writeInt32(5);
        FfiConverterString.write(enumValue["blob_id"], writer);
        FfiConverterString.write(enumValue["reason"], writer);
        return;
      case "Lagged":
        writer.writeInt32(6);
        FfiConverterUInt64.write(enumValue["missed"], writer);
        return;
      default:
        throw new UnexpectedEnumCase(`Unexpected SyncEvent case ${String(enumValue.tag)}.`);
    }
  }

  read(reader) {
    const enumTag = reader.readInt32();
    switch (enumTag) {
      case 1:
        return SyncEvent.Connected(FfiConverterString.read(reader));
      case 2:
        return SyncEvent.Disconnected(FfiConverterString.read(reader), FfiConverterString.read(reader));
      case 3:
        return SyncEvent.Failover(FfiConverterString.read(reader), FfiConverterString.read(reader));
      case 4:
        return SyncEvent.OutboxSent(FfiConverterString.read(reader), FfiConverterUInt64.read(reader), FfiConverterUInt64.read(reader));
      case 5:
        return SyncEvent.OutboxRejected(FfiConverterString.read(reader), FfiConverterString.read(reader));
      case 6:
        return SyncEvent.Lagged(FfiConverterUInt64.read(reader));
      default:
        throw new UnexpectedEnumCase(`Unexpected SyncEvent case ${String(enumTag)}.`);
    }
  }
})();
const FfiConverterSyncError = new (class extends AbstractFfiConverterByteArray {
  allocationSize(value) {
    if (value instanceof SyncErrorNotConnected) {
      return 4;
    }
    if (value instanceof SyncErrorConnectionFailed) {
      return 4;
    }
    if (value instanceof SyncErrorAllRelaysFailed) {
      return 4;
    }
    if (value instanceof SyncErrorUnauthorized) {
      return 4;
    }
    if (value instanceof SyncErrorVersionMismatch) {
      return 4;
    }
    if (value instanceof SyncErrorPayloadTooLarge) {
      return 4;
    }
    if (value instanceof SyncErrorQuotaExceeded) {
      return 4;
    }
    if (value instanceof SyncErrorRateLimited) {
      return 4;
    }
    if (value instanceof SyncErrorOutboxFull) {
      return 4;
    }
    if (value instanceof SyncErrorInviteExpired) {
      return 4;
    }
    if (value instanceof SyncErrorInvalidInvite) {
      return 4;
    }
    if (value instanceof SyncErrorUnsupportedInviteVersion) {
      return 4;
    }
    if (value instanceof SyncErrorTampered) {
      return 4;
    }
    if (value instanceof SyncErrorInvalidConfig) {
      return 4;
    }
    if (value instanceof SyncErrorUnknownCursor) {
      return 4;
    }
    if (value instanceof SyncErrorProtocol) {
      return 4;
    }
    if (value instanceof SyncErrorTransport) {
      return 4;
    }
    if (value instanceof SyncErrorTimeout) {
      return 4;
    }
    if (value instanceof SyncErrorRelay) {
      return 4;
    }
    if (value instanceof SyncErrorState) {
      return 4;
    }
    if (value instanceof SyncErrorShutdown) {
      return 4;
    }
    if (value instanceof SyncErrorInvalidPairingCode) {
      return 4;
    }
    if (value instanceof SyncErrorPairingFailed) {
      return 4;
    }
    if (value instanceof SyncErrorPairingExpired) {
      return 4;
    }
    if (value instanceof SyncErrorIo) {
      return 4;
    }
    if (value instanceof SyncErrorCancelled) {
      return 4;
    }
    if (value instanceof SyncErrorObjectUnavailable) {
      return 4;
    }
    if (value instanceof SyncErrorInternal) {
      return 4;
    }
    throw new TypeError("SyncError values must be instances of SyncErrorNotConnected, SyncErrorConnectionFailed, SyncErrorAllRelaysFailed, SyncErrorUnauthorized, SyncErrorVersionMismatch, SyncErrorPayloadTooLarge, SyncErrorQuotaExceeded, SyncErrorRateLimited, SyncErrorOutboxFull, SyncErrorInviteExpired, SyncErrorInvalidInvite, SyncErrorUnsupportedInviteVersion, SyncErrorTampered, SyncErrorInvalidConfig, SyncErrorUnknownCursor, SyncErrorProtocol, SyncErrorTransport, SyncErrorTimeout, SyncErrorRelay, SyncErrorState, SyncErrorShutdown, SyncErrorInvalidPairingCode, SyncErrorPairingFailed, SyncErrorPairingExpired, SyncErrorIo, SyncErrorCancelled, SyncErrorObjectUnavailable, SyncErrorInternal.");
  }

  write(value, writer) {
    if (value instanceof SyncErrorNotConnected) {
      writer.writeInt32(1);
      return;
    }
    if (value instanceof SyncErrorConnectionFailed) {
      writer.writeInt32(2);
      return;
    }
    if (value instanceof SyncErrorAllRelaysFailed) {
      writer.writeInt32(3);
      return;
    }
    if (value instanceof SyncErrorUnauthorized) {
      writer.writeInt32(4);
      return;
    }
    if (value instanceof SyncErrorVersionMismatch) {
      writer.writeInt32(5);
      return;
    }
    if (value instanceof SyncErrorPayloadTooLarge) {
      writer.writeInt32(6);
      return;
    }
    if (value instanceof SyncErrorQuotaExceeded) {
      writer.writeInt32(7);
      return;
    }
    if (value instanceof SyncErrorRateLimited) {
      writer.writeInt32(8);
      return;
    }
    if (value instanceof SyncErrorOutboxFull) {
      writer.writeInt32(9);
      return;
    }
    if (value instanceof SyncErrorInviteExpired) {
      writer.writeInt32(10);
      return;
    }
    if (value instanceof SyncErrorInvalidInvite) {
      writer.writeInt32(11);
      return;
    }
    if (value instanceof SyncErrorUnsupportedInviteVersion) {
      writer.writeInt32(12);
      return;
    }
    if (value instanceof SyncErrorTampered) {
      writer.writeInt32(13);
      return;
    }
    if (value instanceof SyncErrorInvalidConfig) {
      writer.writeInt32(14);
      return;
    }
    if (value instanceof SyncErrorUnknownCursor) {
      writer.writeInt32(15);
      return;
    }
    if (value instanceof SyncErrorProtocol) {
      writer.writeInt32(16);
      return;
    }
    if (value instanceof SyncErrorTransport) {
      writer.writeInt32(17);
      return;
    }
    if (value instanceof SyncErrorTimeout) {
      writer.writeInt32(18);
      return;
    }
    if (value instanceof SyncErrorRelay) {
      writer.writeInt32(19);
      return;
    }
    if (value instanceof SyncErrorState) {
      writer.writeInt32(20);
      return;
    }
    if (value instanceof SyncErrorShutdown) {
      writer.writeInt32(21);
      return;
    }
    if (value instanceof SyncErrorInvalidPairingCode) {
      writer.writeInt32(22);
      return;
    }
    if (value instanceof SyncErrorPairingFailed) {
      writer.writeInt32(23);
      return;
    }
    if (value instanceof SyncErrorPairingExpired) {
      writer.writeInt32(24);
      return;
    }
    if (value instanceof SyncErrorIo) {
      writer.writeInt32(25);
      return;
    }
    if (value instanceof SyncErrorCancelled) {
      writer.writeInt32(26);
      return;
    }
    if (value instanceof SyncErrorObjectUnavailable) {
      writer.writeInt32(27);
      return;
    }
    if (value instanceof SyncErrorInternal) {
      writer.writeInt32(28);
      return;
    }
    throw new TypeError("SyncError values must be instances of SyncErrorNotConnected, SyncErrorConnectionFailed, SyncErrorAllRelaysFailed, SyncErrorUnauthorized, SyncErrorVersionMismatch, SyncErrorPayloadTooLarge, SyncErrorQuotaExceeded, SyncErrorRateLimited, SyncErrorOutboxFull, SyncErrorInviteExpired, SyncErrorInvalidInvite, SyncErrorUnsupportedInviteVersion, SyncErrorTampered, SyncErrorInvalidConfig, SyncErrorUnknownCursor, SyncErrorProtocol, SyncErrorTransport, SyncErrorTimeout, SyncErrorRelay, SyncErrorState, SyncErrorShutdown, SyncErrorInvalidPairingCode, SyncErrorPairingFailed, SyncErrorPairingExpired, SyncErrorIo, SyncErrorCancelled, SyncErrorObjectUnavailable, SyncErrorInternal.");
  }

  read(reader) {
    const enumTag = reader.readInt32();
    switch (enumTag) {
      case 1:
        return new SyncErrorNotConnected(FfiConverterString.read(reader));
      case 2:
        return new SyncErrorConnectionFailed(FfiConverterString.read(reader));
      case 3:
        return new SyncErrorAllRelaysFailed(FfiConverterString.read(reader));
      case 4:
        return new SyncErrorUnauthorized(FfiConverterString.read(reader));
      case 5:
        return new SyncErrorVersionMismatch(FfiConverterString.read(reader));
      case 6:
        return new SyncErrorPayloadTooLarge(FfiConverterString.read(reader));
      case 7:
        return new SyncErrorQuotaExceeded(FfiConverterString.read(reader));
      case 8:
        return new SyncErrorRateLimited(FfiConverterString.read(reader));
      case 9:
        return new SyncErrorOutboxFull(FfiConverterString.read(reader));
      case 10:
        return new SyncErrorInviteExpired(FfiConverterString.read(reader));
      case 11:
        return new SyncErrorInvalidInvite(FfiConverterString.read(reader));
      case 12:
        return new SyncErrorUnsupportedInviteVersion(FfiConverterString.read(reader));
      case 13:
        return new SyncErrorTampered(FfiConverterString.read(reader));
      case 14:
        return new SyncErrorInvalidConfig(FfiConverterString.read(reader));
      case 15:
        return new SyncErrorUnknownCursor(FfiConverterString.read(reader));
      case 16:
        return new SyncErrorProtocol(FfiConverterString.read(reader));
      case 17:
        return new SyncErrorTransport(FfiConverterString.read(reader));
      case 18:
        return new SyncErrorTimeout(FfiConverterString.read(reader));
      case 19:
        return new SyncErrorRelay(FfiConverterString.read(reader));
      case 20:
        return new SyncErrorState(FfiConverterString.read(reader));
      case 21:
        return new SyncErrorShutdown(FfiConverterString.read(reader));
      case 22:
        return new SyncErrorInvalidPairingCode(FfiConverterString.read(reader));
      case 23:
        return new SyncErrorPairingFailed(FfiConverterString.read(reader));
      case 24:
        return new SyncErrorPairingExpired(FfiConverterString.read(reader));
      case 25:
        return new SyncErrorIo(FfiConverterString.read(reader));
      case 26:
        return new SyncErrorCancelled(FfiConverterString.read(reader));
      case 27:
        return new SyncErrorObjectUnavailable(FfiConverterString.read(reader));
      case 28:
        return new SyncErrorInternal(FfiConverterString.read(reader));
      default:
        throw new UnexpectedEnumCase(`Unexpected SyncError case ${String(enumTag)}.`);
    }
  }
})();

const uniffiRegisteredCallbackPointers = [];
const uniffiRegisteredCallbackVtables = [];

function uniffiRegisterCallbackVtables(bindings) {
}

function uniffiUnregisterCallbackVtables() {
  clearPendingForeignFutures();
  while (uniffiRegisteredCallbackPointers.length > 0) {
    koffi.unregister(uniffiRegisteredCallbackPointers.pop());
  }
  uniffiRegisteredCallbackVtables.length = 0;
}

configureRuntimeHooks({
  onLoad(bindings) {
    void bindings;
  },
  onUnload() {
    if (uniffiRustFutureContinuationPointer != null) {
      koffi.unregister(uniffiRustFutureContinuationPointer);
      uniffiRustFutureContinuationPointer = null;
    }
    uniffiUnregisterCallbackVtables();
  },
});

export async function create_client(config) {
    const loweredConfig = uniffiLowerIntoRustBuffer(FfiConverterSyncConfig, config);
  const completePointer = uniffiGetCachedLibraryFunction(
    "complete:ffi_zerok_sync_ffi_rust_future_complete_u64",
    (bindings) => bindings.library.func(
      "ffi_zerok_sync_ffi_rust_future_complete_u64",
      bindings.ffiTypes.VoidPointer,
      [bindings.ffiTypes.UniffiHandle, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
    ),
  );
  const completeFunc = (rustFuture, status) => completePointer(rustFuture, status);
  return rustCallAsync({
    rustFutureFunc: () => ffiFunctions.uniffi_zerok_sync_ffi_fn_func_create_client(loweredConfig),
    pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u64(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
    cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u64(rustFuture),
    completeFunc,
    freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u64(rustFuture),
    liftFunc: (uniffiResult) => uniffiSyncClientObjectFactory.createRawExternal(uniffiResult),
    ...uniffiRustCallOptions(FfiConverterSyncError),
  });
}

export async function derive_secret(passphrase, salt, kdf) {
    const loweredPassphrase = uniffiLowerString(passphrase);
    const loweredSalt = uniffiLowerIntoRustBuffer(uniffiOptionalConverter(FfiConverterBytes), salt);
    const loweredKdf = uniffiLowerIntoRustBuffer(uniffiOptionalConverter(FfiConverterKdfParams), kdf);
  const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
  return rustCallAsync({
    rustFutureFunc: () => ffiFunctions.uniffi_zerok_sync_ffi_fn_func_derive_secret(loweredPassphrase, loweredSalt, loweredKdf),
    pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
    cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
    completeFunc,
    freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
    liftFunc: (uniffiResult) => uniffiLiftFromRustBuffer(FfiConverterDerivedSecret, uniffiResult),
    ...uniffiRustCallOptions(FfiConverterSyncError),
  });
}

export function invite_from_qr(qr) {
    const loweredQr = uniffiLowerString(qr);
  const uniffiResult = uniffiRustCaller.rustCall(
    (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_func_invite_from_qr(loweredQr, status),
    uniffiRustCallOptions(FfiConverterSyncError),
  );
  return uniffiLiftFromRustBuffer(FfiConverterInvite, uniffiResult);
}

export function invite_to_qr(invite) {
    const loweredInvite = uniffiLowerIntoRustBuffer(FfiConverterInvite, invite);
  const uniffiResult = uniffiRustCaller.rustCall(
    (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_func_invite_to_qr(loweredInvite, status),
    uniffiRustCallOptions(FfiConverterSyncError),
  );
  return uniffiLiftStringFromRustBuffer(uniffiResult);
}

export async function join_with_code(code, relay_addresses) {
    const loweredCode = uniffiLowerString(code);
    const loweredRelayAddresses = uniffiLowerIntoRustBuffer(uniffiArrayConverter(FfiConverterString), relay_addresses);
  const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
  return rustCallAsync({
    rustFutureFunc: () => ffiFunctions.uniffi_zerok_sync_ffi_fn_func_join_with_code(loweredCode, loweredRelayAddresses),
    pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
    cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
    completeFunc,
    freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
    liftFunc: (uniffiResult) => uniffiLiftFromRustBuffer(FfiConverterPairedInvite, uniffiResult),
    ...uniffiRustCallOptions(FfiConverterSyncError),
  });
}

export function version() {
  const uniffiResult = uniffiRustCaller.rustCall(
    (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_func_version(status),
    uniffiRustCallOptions(),
  );
  return uniffiLiftFromRustBuffer(FfiConverterVersionInfo, uniffiResult);
}

export class EventStream extends UniffiObjectBase {
  constructor() {
    super();
    return uniffiNotImplemented("EventStream.constructor");
  }

  close_events() {
    const loweredSelf = uniffiEventStreamObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiEventStreamObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_eventstream_close_events_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_eventstream_close_events;
    uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
  }

  async next_event() {
    const loweredSelf = uniffiEventStreamObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiEventStreamObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_eventstream_next_event_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_eventstream_next_event;
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
      liftFunc: (uniffiResult) => uniffiLiftFromRustBuffer(uniffiOptionalConverter(FfiConverterSyncEvent), uniffiResult),
      ...uniffiRustCallOptions(),
    });
  }
}

const uniffiEventStreamObjectFactory = createObjectFactory({
  typeName: "EventStream",
  createInstance: () => Object.create(EventStream.prototype),
  cloneFreeUsesUniffiHandle: true,
  cloneHandleGeneric(handle) {
    return uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_eventstream_generic_abi(handle, status),
      uniffiRustCallOptions(),
    );
  },
  cloneHandleRawExternal(handle) {
    const rawExternalCloneHandle = uniffiGetCachedLibraryFunction(
      "uniffi_zerok_sync_ffi_fn_clone_eventstream:raw-external",
      (bindings) => bindings.library.func(
        "uniffi_zerok_sync_ffi_fn_clone_eventstream",
        bindings.ffiTypes.VoidPointer,
        [bindings.ffiTypes.VoidPointer, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    return uniffiRustCaller.rustCall(
      (status) => rawExternalCloneHandle(handle, status),
      uniffiRustCallOptions(),
    );
  },
  cloneHandle(handle) {
    return uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_eventstream(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandleGeneric(handle) {
    uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_free_eventstream_generic_abi(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandleRawExternal(handle) {
    const rawExternalFreeHandle = uniffiGetCachedLibraryFunction(
      "uniffi_zerok_sync_ffi_fn_free_eventstream:raw-external",
      (bindings) => bindings.library.func(
        "uniffi_zerok_sync_ffi_fn_free_eventstream",
        "void",
        [bindings.ffiTypes.VoidPointer, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    uniffiRustCaller.rustCall(
      (status) => rawExternalFreeHandle(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandle(handle) {
    uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_free_eventstream(handle, status),
      uniffiRustCallOptions(),
    );
  },
});
const FfiConverterEventStream = createObjectConverter(uniffiEventStreamObjectFactory);

export class Pairing extends UniffiObjectBase {
  constructor() {
    super();
    return uniffiNotImplemented("Pairing.constructor");
  }

  cancel() {
    const loweredSelf = uniffiPairingObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiPairingObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_cancel_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_cancel;
    uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
  }

  code() {
    const loweredSelf = uniffiPairingObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiPairingObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_code_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_code;
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
    return uniffiLiftStringFromRustBuffer(uniffiResult);
  }

  expires_at_ms() {
    const loweredSelf = uniffiPairingObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiPairingObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms;
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
    return FfiConverterUInt64.lift(uniffiResult);
  }

  async wait() {
    const loweredSelf = uniffiPairingObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiPairingObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_wait_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_wait;
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
      liftFunc: (uniffiResult) => uniffiLiftStringFromRustBuffer(uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }
}

const uniffiPairingObjectFactory = createObjectFactory({
  typeName: "Pairing",
  createInstance: () => Object.create(Pairing.prototype),
  cloneFreeUsesUniffiHandle: true,
  cloneHandleGeneric(handle) {
    return uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_pairing_generic_abi(handle, status),
      uniffiRustCallOptions(),
    );
  },
  cloneHandleRawExternal(handle) {
    const rawExternalCloneHandle = uniffiGetCachedLibraryFunction(
      "uniffi_zerok_sync_ffi_fn_clone_pairing:raw-external",
      (bindings) => bindings.library.func(
        "uniffi_zerok_sync_ffi_fn_clone_pairing",
        bindings.ffiTypes.VoidPointer,
        [bindings.ffiTypes.VoidPointer, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    return uniffiRustCaller.rustCall(
      (status) => rawExternalCloneHandle(handle, status),
      uniffiRustCallOptions(),
    );
  },
  cloneHandle(handle) {
    return uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_pairing(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandleGeneric(handle) {
    uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_free_pairing_generic_abi(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandleRawExternal(handle) {
    const rawExternalFreeHandle = uniffiGetCachedLibraryFunction(
      "uniffi_zerok_sync_ffi_fn_free_pairing:raw-external",
      (bindings) => bindings.library.func(
        "uniffi_zerok_sync_ffi_fn_free_pairing",
        "void",
        [bindings.ffiTypes.VoidPointer, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    uniffiRustCaller.rustCall(
      (status) => rawExternalFreeHandle(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandle(handle) {
    uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_free_pairing(handle, status),
      uniffiRustCallOptions(),
    );
  },
});
const FfiConverterPairing = createObjectConverter(uniffiPairingObjectFactory);

export class Subscription extends UniffiObjectBase {
  constructor() {
    super();
    return uniffiNotImplemented("Subscription.constructor");
  }

  close() {
    const loweredSelf = uniffiSubscriptionObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSubscriptionObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_subscription_close_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_subscription_close;
    uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
  }

  async next() {
    const loweredSelf = uniffiSubscriptionObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSubscriptionObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_subscription_next_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_subscription_next;
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
      liftFunc: (uniffiResult) => uniffiLiftFromRustBuffer(uniffiOptionalConverter(FfiConverterUInt64), uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  take(ticket) {
    const loweredSelf = uniffiSubscriptionObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSubscriptionObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_subscription_take_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_subscription_take;
    const loweredTicket = FfiConverterUInt64.lower(ticket);
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, loweredTicket, status),
      uniffiRustCallOptions(FfiConverterSyncError),
    );
    return uniffiLiftFromRustBuffer(uniffiOptionalConverter(FfiConverterSyncBlob), uniffiResult);
  }
}

const uniffiSubscriptionObjectFactory = createObjectFactory({
  typeName: "Subscription",
  createInstance: () => Object.create(Subscription.prototype),
  cloneFreeUsesUniffiHandle: true,
  cloneHandleGeneric(handle) {
    return uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_subscription_generic_abi(handle, status),
      uniffiRustCallOptions(),
    );
  },
  cloneHandleRawExternal(handle) {
    const rawExternalCloneHandle = uniffiGetCachedLibraryFunction(
      "uniffi_zerok_sync_ffi_fn_clone_subscription:raw-external",
      (bindings) => bindings.library.func(
        "uniffi_zerok_sync_ffi_fn_clone_subscription",
        bindings.ffiTypes.VoidPointer,
        [bindings.ffiTypes.VoidPointer, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    return uniffiRustCaller.rustCall(
      (status) => rawExternalCloneHandle(handle, status),
      uniffiRustCallOptions(),
    );
  },
  cloneHandle(handle) {
    return uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_subscription(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandleGeneric(handle) {
    uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_free_subscription_generic_abi(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandleRawExternal(handle) {
    const rawExternalFreeHandle = uniffiGetCachedLibraryFunction(
      "uniffi_zerok_sync_ffi_fn_free_subscription:raw-external",
      (bindings) => bindings.library.func(
        "uniffi_zerok_sync_ffi_fn_free_subscription",
        "void",
        [bindings.ffiTypes.VoidPointer, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    uniffiRustCaller.rustCall(
      (status) => rawExternalFreeHandle(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandle(handle) {
    uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_free_subscription(handle, status),
      uniffiRustCallOptions(),
    );
  },
});
const FfiConverterSubscription = createObjectConverter(uniffiSubscriptionObjectFactory);

export class SyncClient extends UniffiObjectBase {
  constructor() {
    super();
    return uniffiNotImplemented("SyncClient.constructor");
  }

  active_relay() {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay;
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
    return uniffiLiftFromRustBuffer(uniffiOptionalConverter(FfiConverterString), uniffiResult);
  }

  async connect() {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_connect_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_connect;
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_void(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_void(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_void(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_void(rustFuture),
      liftFunc: (_uniffiResult) => undefined,
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  create_invite(ttl_secs) {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite;
    const loweredTtlSecs = FfiConverterUInt64.lower(ttl_secs);
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, loweredTtlSecs, status),
      uniffiRustCallOptions(FfiConverterSyncError),
    );
    return uniffiLiftFromRustBuffer(FfiConverterInvite, uniffiResult);
  }

  async create_pairing_code(ttl_secs) {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code;
    const loweredTtlSecs = uniffiLowerIntoRustBuffer(uniffiOptionalConverter(FfiConverterUInt64), ttl_secs);
    const completePointer = uniffiGetCachedLibraryFunction(
      "complete:ffi_zerok_sync_ffi_rust_future_complete_u64",
      (bindings) => bindings.library.func(
        "ffi_zerok_sync_ffi_rust_future_complete_u64",
        bindings.ffiTypes.VoidPointer,
        [bindings.ffiTypes.UniffiHandle, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    const completeFunc = (rustFuture, status) => completePointer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf, loweredTtlSecs),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u64(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u64(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u64(rustFuture),
      liftFunc: (uniffiResult) => uniffiPairingObjectFactory.createRawExternal(uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  current_cursor() {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor;
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
    return FfiConverterUInt64.lift(uniffiResult);
  }

  async disconnect() {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect;
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_void(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_void(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_void(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_void(rustFuture),
      liftFunc: (_uniffiResult) => undefined,
      ...uniffiRustCallOptions(),
    });
  }

  async download(object, path) {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_download_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_download;
    const loweredObject = uniffiLowerIntoRustBuffer(FfiConverterRemoteObject, object);
    const loweredPath = uniffiLowerString(path);
    const completePointer = uniffiGetCachedLibraryFunction(
      "complete:ffi_zerok_sync_ffi_rust_future_complete_u64",
      (bindings) => bindings.library.func(
        "ffi_zerok_sync_ffi_rust_future_complete_u64",
        bindings.ffiTypes.VoidPointer,
        [bindings.ffiTypes.UniffiHandle, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    const completeFunc = (rustFuture, status) => completePointer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf, loweredObject, loweredPath),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u64(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u64(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u64(rustFuture),
      liftFunc: (uniffiResult) => uniffiTransferObjectFactory.createRawExternal(uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  async enqueue(payload) {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue;
    const loweredPayload = uniffiLowerIntoRustBuffer(FfiConverterBytes, payload);
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf, loweredPayload),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
      liftFunc: (uniffiResult) => uniffiLiftStringFromRustBuffer(uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  async enqueue_file(path) {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file;
    const loweredPath = uniffiLowerString(path);
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf, loweredPath),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
      liftFunc: (uniffiResult) => uniffiLiftStringFromRustBuffer(uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  events() {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_events_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_events;
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
    return uniffiEventStreamObjectFactory.create(uniffiResult);
  }

  async flush(timeout_ms) {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_flush_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_flush;
    const loweredTimeoutMs = uniffiLowerIntoRustBuffer(uniffiOptionalConverter(FfiConverterUInt64), timeout_ms);
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_void(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf, loweredTimeoutMs),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_void(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_void(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_void(rustFuture),
      liftFunc: (_uniffiResult) => undefined,
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  group_id() {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_group_id_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_group_id;
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
    return uniffiLiftStringFromRustBuffer(uniffiResult);
  }

  is_connected() {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected;
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
    return FfiConverterBool.lift(uniffiResult);
  }

  pending() {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_pending_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_pending;
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
    return uniffiLiftFromRustBuffer(FfiConverterPending, uniffiResult);
  }

  async pull() {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_pull_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_pull;
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
      liftFunc: (uniffiResult) => uniffiLiftFromRustBuffer(FfiConverterPullResult, uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  async pull_after(cursor) {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after;
    const loweredCursor = FfiConverterUInt64.lower(cursor);
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf, loweredCursor),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
      liftFunc: (uniffiResult) => uniffiLiftFromRustBuffer(FfiConverterPullResult, uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  async push(payload) {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_push_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_push;
    const loweredPayload = uniffiLowerIntoRustBuffer(FfiConverterBytes, payload);
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf, loweredPayload),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
      liftFunc: (uniffiResult) => uniffiLiftFromRustBuffer(FfiConverterPushResult, uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  async push_file(path) {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_push_file_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_push_file;
    const loweredPath = uniffiLowerString(path);
    const completePointer = uniffiGetCachedLibraryFunction(
      "complete:ffi_zerok_sync_ffi_rust_future_complete_u64",
      (bindings) => bindings.library.func(
        "ffi_zerok_sync_ffi_rust_future_complete_u64",
        bindings.ffiTypes.VoidPointer,
        [bindings.ffiTypes.UniffiHandle, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    const completeFunc = (rustFuture, status) => completePointer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf, loweredPath),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u64(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u64(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u64(rustFuture),
      liftFunc: (uniffiResult) => uniffiTransferObjectFactory.createRawExternal(uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  async push_stream(size, name) {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream;
    const loweredSize = FfiConverterUInt64.lower(size);
    const loweredName = uniffiLowerIntoRustBuffer(uniffiOptionalConverter(FfiConverterString), name);
    const completePointer = uniffiGetCachedLibraryFunction(
      "complete:ffi_zerok_sync_ffi_rust_future_complete_u64",
      (bindings) => bindings.library.func(
        "ffi_zerok_sync_ffi_rust_future_complete_u64",
        bindings.ffiTypes.VoidPointer,
        [bindings.ffiTypes.UniffiHandle, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    const completeFunc = (rustFuture, status) => completePointer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf, loweredSize, loweredName),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u64(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u64(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u64(rustFuture),
      liftFunc: (uniffiResult) => uniffiUploadObjectFactory.createRawExternal(uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  async shutdown() {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown;
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_void(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_void(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_void(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_void(rustFuture),
      liftFunc: (_uniffiResult) => undefined,
      ...uniffiRustCallOptions(),
    });
  }

  async subscribe() {
    const loweredSelf = uniffiSyncClientObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiSyncClientObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe;
    const completePointer = uniffiGetCachedLibraryFunction(
      "complete:ffi_zerok_sync_ffi_rust_future_complete_u64",
      (bindings) => bindings.library.func(
        "ffi_zerok_sync_ffi_rust_future_complete_u64",
        bindings.ffiTypes.VoidPointer,
        [bindings.ffiTypes.UniffiHandle, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    const completeFunc = (rustFuture, status) => completePointer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u64(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u64(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u64(rustFuture),
      liftFunc: (uniffiResult) => uniffiSubscriptionObjectFactory.createRawExternal(uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }
}

const uniffiSyncClientObjectFactory = createObjectFactory({
  typeName: "SyncClient",
  createInstance: () => Object.create(SyncClient.prototype),
  cloneFreeUsesUniffiHandle: true,
  cloneHandleGeneric(handle) {
    return uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_syncclient_generic_abi(handle, status),
      uniffiRustCallOptions(),
    );
  },
  cloneHandleRawExternal(handle) {
    const rawExternalCloneHandle = uniffiGetCachedLibraryFunction(
      "uniffi_zerok_sync_ffi_fn_clone_syncclient:raw-external",
      (bindings) => bindings.library.func(
        "uniffi_zerok_sync_ffi_fn_clone_syncclient",
        bindings.ffiTypes.VoidPointer,
        [bindings.ffiTypes.VoidPointer, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    return uniffiRustCaller.rustCall(
      (status) => rawExternalCloneHandle(handle, status),
      uniffiRustCallOptions(),
    );
  },
  cloneHandle(handle) {
    return uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_syncclient(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandleGeneric(handle) {
    uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_free_syncclient_generic_abi(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandleRawExternal(handle) {
    const rawExternalFreeHandle = uniffiGetCachedLibraryFunction(
      "uniffi_zerok_sync_ffi_fn_free_syncclient:raw-external",
      (bindings) => bindings.library.func(
        "uniffi_zerok_sync_ffi_fn_free_syncclient",
        "void",
        [bindings.ffiTypes.VoidPointer, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    uniffiRustCaller.rustCall(
      (status) => rawExternalFreeHandle(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandle(handle) {
    uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_free_syncclient(handle, status),
      uniffiRustCallOptions(),
    );
  },
});
const FfiConverterSyncClient = createObjectConverter(uniffiSyncClientObjectFactory);

export class Transfer extends UniffiObjectBase {
  constructor() {
    super();
    return uniffiNotImplemented("Transfer.constructor");
  }

  cancel_transfer() {
    const loweredSelf = uniffiTransferObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiTransferObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer;
    uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
  }

  async next_progress() {
    const loweredSelf = uniffiTransferObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiTransferObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_next_progress_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_next_progress;
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
      liftFunc: (uniffiResult) => uniffiLiftFromRustBuffer(uniffiOptionalConverter(FfiConverterTransferProgress), uniffiResult),
      ...uniffiRustCallOptions(),
    });
  }

  object_id() {
    const loweredSelf = uniffiTransferObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiTransferObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_object_id_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_object_id;
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
    return uniffiLiftStringFromRustBuffer(uniffiResult);
  }

  async outcome() {
    const loweredSelf = uniffiTransferObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiTransferObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_outcome_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_outcome;
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
      liftFunc: (uniffiResult) => uniffiLiftFromRustBuffer(FfiConverterTransferResult, uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  progress() {
    const loweredSelf = uniffiTransferObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiTransferObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_progress_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_progress;
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
    return uniffiLiftFromRustBuffer(FfiConverterTransferProgress, uniffiResult);
  }
}

const uniffiTransferObjectFactory = createObjectFactory({
  typeName: "Transfer",
  createInstance: () => Object.create(Transfer.prototype),
  cloneFreeUsesUniffiHandle: true,
  cloneHandleGeneric(handle) {
    return uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_transfer_generic_abi(handle, status),
      uniffiRustCallOptions(),
    );
  },
  cloneHandleRawExternal(handle) {
    const rawExternalCloneHandle = uniffiGetCachedLibraryFunction(
      "uniffi_zerok_sync_ffi_fn_clone_transfer:raw-external",
      (bindings) => bindings.library.func(
        "uniffi_zerok_sync_ffi_fn_clone_transfer",
        bindings.ffiTypes.VoidPointer,
        [bindings.ffiTypes.VoidPointer, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    return uniffiRustCaller.rustCall(
      (status) => rawExternalCloneHandle(handle, status),
      uniffiRustCallOptions(),
    );
  },
  cloneHandle(handle) {
    return uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_transfer(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandleGeneric(handle) {
    uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_free_transfer_generic_abi(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandleRawExternal(handle) {
    const rawExternalFreeHandle = uniffiGetCachedLibraryFunction(
      "uniffi_zerok_sync_ffi_fn_free_transfer:raw-external",
      (bindings) => bindings.library.func(
        "uniffi_zerok_sync_ffi_fn_free_transfer",
        "void",
        [bindings.ffiTypes.VoidPointer, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    uniffiRustCaller.rustCall(
      (status) => rawExternalFreeHandle(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandle(handle) {
    uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_free_transfer(handle, status),
      uniffiRustCallOptions(),
    );
  },
});
const FfiConverterTransfer = createObjectConverter(uniffiTransferObjectFactory);

export class Upload extends UniffiObjectBase {
  constructor() {
    super();
    return uniffiNotImplemented("Upload.constructor");
  }

  async finish() {
    const loweredSelf = uniffiUploadObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiUploadObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_upload_finish_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_upload_finish;
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(rustFuture),
      liftFunc: (uniffiResult) => uniffiLiftFromRustBuffer(FfiConverterTransferResult, uniffiResult),
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }

  transfer() {
    const loweredSelf = uniffiUploadObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiUploadObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_upload_transfer_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_upload_transfer;
    const uniffiResult = uniffiRustCaller.rustCall(
      (status) => ffiMethod(loweredSelf, status),
      uniffiRustCallOptions(),
    );
    return uniffiTransferObjectFactory.create(uniffiResult);
  }

  async write(data) {
    const loweredSelf = uniffiUploadObjectFactory.cloneHandle(this);
    const ffiMethod =
      uniffiUploadObjectFactory.usesGenericAbi(this)
        ? ffiFunctions.uniffi_zerok_sync_ffi_fn_method_upload_write_generic_abi
        : ffiFunctions.uniffi_zerok_sync_ffi_fn_method_upload_write;
    const loweredData = uniffiLowerIntoRustBuffer(FfiConverterBytes, data);
    const completeFunc = (rustFuture, status) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_void(rustFuture, status);
    return rustCallAsync({
      rustFutureFunc: () => ffiMethod(loweredSelf, loweredData),
      pollFunc: (rustFuture, _continuationCallback, continuationHandle) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_void(rustFuture, uniffiGetRustFutureContinuationPointer(), continuationHandle),
      cancelFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_void(rustFuture),
      completeFunc,
      freeFunc: (rustFuture) => ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_void(rustFuture),
      liftFunc: (_uniffiResult) => undefined,
      ...uniffiRustCallOptions(FfiConverterSyncError),
    });
  }
}

const uniffiUploadObjectFactory = createObjectFactory({
  typeName: "Upload",
  createInstance: () => Object.create(Upload.prototype),
  cloneFreeUsesUniffiHandle: true,
  cloneHandleGeneric(handle) {
    return uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_upload_generic_abi(handle, status),
      uniffiRustCallOptions(),
    );
  },
  cloneHandleRawExternal(handle) {
    const rawExternalCloneHandle = uniffiGetCachedLibraryFunction(
      "uniffi_zerok_sync_ffi_fn_clone_upload:raw-external",
      (bindings) => bindings.library.func(
        "uniffi_zerok_sync_ffi_fn_clone_upload",
        bindings.ffiTypes.VoidPointer,
        [bindings.ffiTypes.VoidPointer, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    return uniffiRustCaller.rustCall(
      (status) => rawExternalCloneHandle(handle, status),
      uniffiRustCallOptions(),
    );
  },
  cloneHandle(handle) {
    return uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_upload(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandleGeneric(handle) {
    uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_free_upload_generic_abi(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandleRawExternal(handle) {
    const rawExternalFreeHandle = uniffiGetCachedLibraryFunction(
      "uniffi_zerok_sync_ffi_fn_free_upload:raw-external",
      (bindings) => bindings.library.func(
        "uniffi_zerok_sync_ffi_fn_free_upload",
        "void",
        [bindings.ffiTypes.VoidPointer, koffi.pointer(bindings.ffiTypes.RustCallStatus)],
      ),
    );
    uniffiRustCaller.rustCall(
      (status) => rawExternalFreeHandle(handle, status),
      uniffiRustCallOptions(),
    );
  },
  freeHandle(handle) {
    uniffiRustCaller.rustCall(
      (status) => ffiFunctions.uniffi_zerok_sync_ffi_fn_free_upload(handle, status),
      uniffiRustCallOptions(),
    );
  },
});
const FfiConverterUpload = createObjectConverter(uniffiUploadObjectFactory);