import { existsSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import koffi from "koffi";
import {
  ForeignBytes,
  RustBuffer,
  RustCallStatus,
  defineCallbackPrototype,
  UniffiHandle,
  VoidPointer,
  defineCallbackVtable,
  defineStructType,
  normalizeHandle,
  normalizeInt64,
  normalizeRustBuffer,
  normalizeRustCallStatus,
  normalizeUInt64,
} from "./runtime/ffi-types.js";
import {
  ChecksumMismatchError,
  ContractVersionMismatchError,
  LibraryNotLoadedError,
} from "./runtime/errors.js";

export const ffiMetadata = Object.freeze({
  namespace: "zerok_sync",
  cdylibName: "zerok_sync_ffi",
  stagedLibraryPackageRelativePath: "libzerok_sync_ffi.so",
  bundledPrebuilds: false,
  manualLoad: true,
});

export const ffiIntegrity = Object.freeze({
  contractVersionFunction: "ffi_zerok_sync_ffi_uniffi_contract_version",
  expectedContractVersion: 30,
  checksums: Object.freeze({

    "uniffi_zerok_sync_ffi_checksum_func_create_client": 36934,

    "uniffi_zerok_sync_ffi_checksum_func_derive_secret": 4539,

    "uniffi_zerok_sync_ffi_checksum_func_invite_from_qr": 7046,

    "uniffi_zerok_sync_ffi_checksum_func_invite_to_qr": 57633,

    "uniffi_zerok_sync_ffi_checksum_func_join_with_code": 50293,

    "uniffi_zerok_sync_ffi_checksum_func_version": 55395,

    "uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events": 37801,

    "uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event": 60309,

    "uniffi_zerok_sync_ffi_checksum_method_pairing_cancel": 58907,

    "uniffi_zerok_sync_ffi_checksum_method_pairing_code": 47496,

    "uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms": 37617,

    "uniffi_zerok_sync_ffi_checksum_method_pairing_wait": 22678,

    "uniffi_zerok_sync_ffi_checksum_method_subscription_close": 43296,

    "uniffi_zerok_sync_ffi_checksum_method_subscription_next": 4592,

    "uniffi_zerok_sync_ffi_checksum_method_subscription_take": 34188,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay": 44151,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_connect": 34024,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite": 53711,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code": 7684,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor": 48019,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect": 25776,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_download": 18228,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue": 8153,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file": 5405,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_events": 25774,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_flush": 57588,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id": 39204,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected": 27422,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_pending": 63902,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_pull": 10861,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after": 37384,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_push": 26811,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file": 48140,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream": 52367,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown": 21180,

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe": 41429,

    "uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer": 31286,

    "uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress": 9405,

    "uniffi_zerok_sync_ffi_checksum_method_transfer_object_id": 26883,

    "uniffi_zerok_sync_ffi_checksum_method_transfer_outcome": 25475,

    "uniffi_zerok_sync_ffi_checksum_method_transfer_progress": 14973,

    "uniffi_zerok_sync_ffi_checksum_method_upload_finish": 6243,

    "uniffi_zerok_sync_ffi_checksum_method_upload_transfer": 11052,

    "uniffi_zerok_sync_ffi_checksum_method_upload_write": 8463,

  }),
});

let loadedBindings = null;
let loadedFfiTypes = null;
let loadedFfiFunctions = null;
// Koffi retains native state for repeated lib.func() declarations, so keep a
// single binding core alive across unload/load cycles and evict stale cores
// when switching to a different canonical library path.
let cachedBindingCore = null;
let cachedLibraryPath = null;
let runtimeHooks = Object.freeze({});
const moduleFilename = fileURLToPath(import.meta.url);
const moduleDirectory = dirname(moduleFilename);
const libraryNotLoadedMessage =
  "The native library is not loaded. Call load(libraryPath) first.";

function bundledPrebuildPlatform() {
  switch (process.platform) {
    case "aix":
    case "android":
    case "darwin":
    case "freebsd":
    case "linux":
    case "openbsd":
    case "win32":
      return process.platform;
    default:
      throw new Error(
        `Unsupported Node platform ${JSON.stringify(process.platform)} for UniFFI bundled prebuild resolution.`,
      );
  }
}

function bundledPrebuildArch() {
  switch (process.arch) {
    case "arm":
    case "arm64":
    case "ia32":
    case "loong64":
    case "ppc64":
    case "riscv64":
    case "s390x":
    case "x64":
      return process.arch;
    default:
      throw new Error(
        `Unsupported Node architecture ${JSON.stringify(process.arch)} for UniFFI bundled prebuild resolution.`,
      );
  }
}

function defaultBundledTarget() {
  const platform = bundledPrebuildPlatform();
  const arch = bundledPrebuildArch();
  if (platform !== "linux") {
    return `${platform}-${arch}`;
  }

  const glibcVersionRuntime =
    process.report?.getReport?.().header?.glibcVersionRuntime;
  const linuxLibc = glibcVersionRuntime == null ? "musl" : "gnu";
  return `${platform}-${arch}-${linuxLibc}`;
}

function bundledLibraryFileName(platform) {
  switch (platform) {
    case "win32":
      return `${ffiMetadata.cdylibName}.dll`;
    case "darwin":
      return `lib${ffiMetadata.cdylibName}.dylib`;
    case "aix":
    case "android":
    case "freebsd":
    case "linux":
    case "openbsd":
      return `lib${ffiMetadata.cdylibName}.so`;
    default:
      throw new Error(
        `Unsupported Node platform ${JSON.stringify(platform)} for UniFFI bundled prebuild resolution.`,
      );
  }
}

function defaultBundledLibrary() {
  const platform = bundledPrebuildPlatform();
  const target = defaultBundledTarget();
  const filename = bundledLibraryFileName(platform);
  return Object.freeze({
    target,
    packageRelativePath: `prebuilds/${target}/${filename}`,
    libraryPath: join(moduleDirectory, "prebuilds", target, filename),
  });
}

function defaultSiblingLibraryPath() {
  return join(moduleDirectory, ffiMetadata.stagedLibraryPackageRelativePath);
}

function resolveLibraryPath(libraryPath = undefined) {
  if (libraryPath != null) {
    return Object.freeze({
      libraryPath: isAbsolute(libraryPath)
        ? libraryPath
        : join(moduleDirectory, libraryPath),
      packageRelativePath: null,
      bundledPrebuild: null,
    });
  }

  if (ffiMetadata.bundledPrebuilds) {
    const bundledPrebuild = defaultBundledLibrary();
    return Object.freeze({
      libraryPath: bundledPrebuild.libraryPath,
      packageRelativePath: bundledPrebuild.packageRelativePath,
      bundledPrebuild,
    });
  }

  return Object.freeze({
    libraryPath: defaultSiblingLibraryPath(),
    packageRelativePath: ffiMetadata.stagedLibraryPackageRelativePath,
    bundledPrebuild: null,
  });
}

function canonicalizeExistingLibraryPath(libraryPath) {
  if (!existsSync(libraryPath)) {
    return libraryPath;
  }

  return typeof realpathSync.native === "function"
    ? realpathSync.native(libraryPath)
    : realpathSync(libraryPath);
}

function createBindingCore(libraryPath) {
  const library = koffi.load(libraryPath);

  const ffiTypes = Object.freeze({
    UniffiHandle,
    VoidPointer,
    RustBuffer,
    ForeignBytes,
    RustCallStatus,
  });
  const ffiCallbacks = {};

  ffiCallbacks.RustFutureContinuationCallback = defineCallbackPrototype("RustFutureContinuationCallback", "void", ["uint64_t", "int8_t"]);

  ffiCallbacks.ForeignFutureDroppedCallback = defineCallbackPrototype("ForeignFutureDroppedCallback", "void", ["uint64_t"]);

  ffiCallbacks.CallbackInterfaceFree = defineCallbackPrototype("CallbackInterfaceFree", "void", ["uint64_t"]);

  ffiCallbacks.CallbackInterfaceClone = defineCallbackPrototype("CallbackInterfaceClone", "uint64_t", ["uint64_t"]);

  const ffiStructs = {};


  ffiStructs.ForeignFutureDroppedCallbackStruct = defineStructType("ForeignFutureDroppedCallbackStruct", {

      "handle": "uint64_t",

      "free": koffi.pointer(ffiCallbacks.ForeignFutureDroppedCallback),

  });



  ffiStructs.ForeignFutureResultU8 = defineStructType("ForeignFutureResultU8", {

      "return_value": "uint8_t",

      "call_status": ffiTypes.RustCallStatus,

  });



  ffiStructs.ForeignFutureResultI8 = defineStructType("ForeignFutureResultI8", {

      "return_value": "int8_t",

      "call_status": ffiTypes.RustCallStatus,

  });



  ffiStructs.ForeignFutureResultU16 = defineStructType("ForeignFutureResultU16", {

      "return_value": "uint16_t",

      "call_status": ffiTypes.RustCallStatus,

  });



  ffiStructs.ForeignFutureResultI16 = defineStructType("ForeignFutureResultI16", {

      "return_value": "int16_t",

      "call_status": ffiTypes.RustCallStatus,

  });



  ffiStructs.ForeignFutureResultU32 = defineStructType("ForeignFutureResultU32", {

      "return_value": "uint32_t",

      "call_status": ffiTypes.RustCallStatus,

  });



  ffiStructs.ForeignFutureResultI32 = defineStructType("ForeignFutureResultI32", {

      "return_value": "int32_t",

      "call_status": ffiTypes.RustCallStatus,

  });



  ffiStructs.ForeignFutureResultU64 = defineStructType("ForeignFutureResultU64", {

      "return_value": "uint64_t",

      "call_status": ffiTypes.RustCallStatus,

  });



  ffiStructs.ForeignFutureResultI64 = defineStructType("ForeignFutureResultI64", {

      "return_value": "int64_t",

      "call_status": ffiTypes.RustCallStatus,

  });



  ffiStructs.ForeignFutureResultF32 = defineStructType("ForeignFutureResultF32", {

      "return_value": "float",

      "call_status": ffiTypes.RustCallStatus,

  });



  ffiStructs.ForeignFutureResultF64 = defineStructType("ForeignFutureResultF64", {

      "return_value": "double",

      "call_status": ffiTypes.RustCallStatus,

  });



  ffiStructs.ForeignFutureResultRustBuffer = defineStructType("ForeignFutureResultRustBuffer", {

      "return_value": ffiTypes.RustBuffer,

      "call_status": ffiTypes.RustCallStatus,

  });



  ffiStructs.ForeignFutureResultVoid = defineStructType("ForeignFutureResultVoid", {

      "call_status": ffiTypes.RustCallStatus,

  });



  ffiCallbacks.ForeignFutureCompleteU8 = defineCallbackPrototype("ForeignFutureCompleteU8", "void", ["uint64_t", ffiStructs.ForeignFutureResultU8]);

  ffiCallbacks.ForeignFutureCompleteI8 = defineCallbackPrototype("ForeignFutureCompleteI8", "void", ["uint64_t", ffiStructs.ForeignFutureResultI8]);

  ffiCallbacks.ForeignFutureCompleteU16 = defineCallbackPrototype("ForeignFutureCompleteU16", "void", ["uint64_t", ffiStructs.ForeignFutureResultU16]);

  ffiCallbacks.ForeignFutureCompleteI16 = defineCallbackPrototype("ForeignFutureCompleteI16", "void", ["uint64_t", ffiStructs.ForeignFutureResultI16]);

  ffiCallbacks.ForeignFutureCompleteU32 = defineCallbackPrototype("ForeignFutureCompleteU32", "void", ["uint64_t", ffiStructs.ForeignFutureResultU32]);

  ffiCallbacks.ForeignFutureCompleteI32 = defineCallbackPrototype("ForeignFutureCompleteI32", "void", ["uint64_t", ffiStructs.ForeignFutureResultI32]);

  ffiCallbacks.ForeignFutureCompleteU64 = defineCallbackPrototype("ForeignFutureCompleteU64", "void", ["uint64_t", ffiStructs.ForeignFutureResultU64]);

  ffiCallbacks.ForeignFutureCompleteI64 = defineCallbackPrototype("ForeignFutureCompleteI64", "void", ["uint64_t", ffiStructs.ForeignFutureResultI64]);

  ffiCallbacks.ForeignFutureCompleteF32 = defineCallbackPrototype("ForeignFutureCompleteF32", "void", ["uint64_t", ffiStructs.ForeignFutureResultF32]);

  ffiCallbacks.ForeignFutureCompleteF64 = defineCallbackPrototype("ForeignFutureCompleteF64", "void", ["uint64_t", ffiStructs.ForeignFutureResultF64]);

  ffiCallbacks.ForeignFutureCompleteRustBuffer = defineCallbackPrototype("ForeignFutureCompleteRustBuffer", "void", ["uint64_t", ffiStructs.ForeignFutureResultRustBuffer]);

  ffiCallbacks.ForeignFutureCompleteVoid = defineCallbackPrototype("ForeignFutureCompleteVoid", "void", ["uint64_t", ffiStructs.ForeignFutureResultVoid]);




























  Object.freeze(ffiCallbacks);
  Object.freeze(ffiStructs);
  const ffiFunctions = Object.freeze({

    uniffi_zerok_sync_ffi_fn_clone_eventstream: library.func("uniffi_zerok_sync_ffi_fn_clone_eventstream", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_clone_eventstream_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_clone_eventstream", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_free_eventstream: library.func("uniffi_zerok_sync_ffi_fn_free_eventstream", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_free_eventstream_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_free_eventstream", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_eventstream_close_events: library.func("uniffi_zerok_sync_ffi_fn_method_eventstream_close_events", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_eventstream_close_events_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_eventstream_close_events", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_eventstream_next_event: library.func("uniffi_zerok_sync_ffi_fn_method_eventstream_next_event", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),

    uniffi_zerok_sync_ffi_fn_method_eventstream_next_event_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_eventstream_next_event", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),


    uniffi_zerok_sync_ffi_fn_clone_pairing: library.func("uniffi_zerok_sync_ffi_fn_clone_pairing", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_clone_pairing_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_clone_pairing", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_free_pairing: library.func("uniffi_zerok_sync_ffi_fn_free_pairing", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_free_pairing_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_free_pairing", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_pairing_cancel: library.func("uniffi_zerok_sync_ffi_fn_method_pairing_cancel", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_pairing_cancel_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_pairing_cancel", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_pairing_code: library.func("uniffi_zerok_sync_ffi_fn_method_pairing_code", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_pairing_code_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_pairing_code", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms: library.func("uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms", "uint64_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms", "uint64_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_pairing_wait: library.func("uniffi_zerok_sync_ffi_fn_method_pairing_wait", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),

    uniffi_zerok_sync_ffi_fn_method_pairing_wait_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_pairing_wait", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),


    uniffi_zerok_sync_ffi_fn_clone_subscription: library.func("uniffi_zerok_sync_ffi_fn_clone_subscription", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_clone_subscription_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_clone_subscription", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_free_subscription: library.func("uniffi_zerok_sync_ffi_fn_free_subscription", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_free_subscription_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_free_subscription", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_subscription_close: library.func("uniffi_zerok_sync_ffi_fn_method_subscription_close", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_subscription_close_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_subscription_close", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_subscription_next: library.func("uniffi_zerok_sync_ffi_fn_method_subscription_next", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),

    uniffi_zerok_sync_ffi_fn_method_subscription_next_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_subscription_next", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),


    uniffi_zerok_sync_ffi_fn_method_subscription_take: library.func("uniffi_zerok_sync_ffi_fn_method_subscription_take", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, "uint64_t", koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_subscription_take_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_subscription_take", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, "uint64_t", koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_clone_syncclient: library.func("uniffi_zerok_sync_ffi_fn_clone_syncclient", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_clone_syncclient_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_clone_syncclient", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_free_syncclient: library.func("uniffi_zerok_sync_ffi_fn_free_syncclient", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_free_syncclient_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_free_syncclient", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_connect: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_connect", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_connect_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_connect", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, "uint64_t", koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, "uint64_t", koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor", "uint64_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor", "uint64_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_download: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_download", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer, ffiTypes.RustBuffer]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_download_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_download", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer, ffiTypes.RustBuffer]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_events: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_events", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_events_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_events", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_flush: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_flush", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_flush_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_flush", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_group_id: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_group_id", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_group_id_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_group_id", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected", "int8_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected", "int8_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_pending: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_pending", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_pending_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_pending", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_pull: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_pull", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_pull_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_pull", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, "uint64_t"]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, "uint64_t"]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_push: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_push", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_push_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_push", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_push_file: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_push_file", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_push_file_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_push_file", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, "uint64_t", ffiTypes.RustBuffer]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, "uint64_t", ffiTypes.RustBuffer]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),


    uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),

    uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),


    uniffi_zerok_sync_ffi_fn_clone_transfer: library.func("uniffi_zerok_sync_ffi_fn_clone_transfer", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_clone_transfer_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_clone_transfer", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_free_transfer: library.func("uniffi_zerok_sync_ffi_fn_free_transfer", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_free_transfer_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_free_transfer", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer: library.func("uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_transfer_next_progress: library.func("uniffi_zerok_sync_ffi_fn_method_transfer_next_progress", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),

    uniffi_zerok_sync_ffi_fn_method_transfer_next_progress_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_transfer_next_progress", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),


    uniffi_zerok_sync_ffi_fn_method_transfer_object_id: library.func("uniffi_zerok_sync_ffi_fn_method_transfer_object_id", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_transfer_object_id_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_transfer_object_id", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_transfer_outcome: library.func("uniffi_zerok_sync_ffi_fn_method_transfer_outcome", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),

    uniffi_zerok_sync_ffi_fn_method_transfer_outcome_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_transfer_outcome", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),


    uniffi_zerok_sync_ffi_fn_method_transfer_progress: library.func("uniffi_zerok_sync_ffi_fn_method_transfer_progress", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_transfer_progress_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_transfer_progress", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_clone_upload: library.func("uniffi_zerok_sync_ffi_fn_clone_upload", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_clone_upload_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_clone_upload", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_free_upload: library.func("uniffi_zerok_sync_ffi_fn_free_upload", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_free_upload_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_free_upload", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_upload_finish: library.func("uniffi_zerok_sync_ffi_fn_method_upload_finish", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),

    uniffi_zerok_sync_ffi_fn_method_upload_finish_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_upload_finish", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle]),


    uniffi_zerok_sync_ffi_fn_method_upload_transfer: library.func("uniffi_zerok_sync_ffi_fn_method_upload_transfer", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    uniffi_zerok_sync_ffi_fn_method_upload_transfer_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_upload_transfer", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_method_upload_write: library.func("uniffi_zerok_sync_ffi_fn_method_upload_write", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),

    uniffi_zerok_sync_ffi_fn_method_upload_write_generic_abi: library.func("uniffi_zerok_sync_ffi_fn_method_upload_write", ffiTypes.UniffiHandle, [ffiTypes.UniffiHandle, ffiTypes.RustBuffer]),


    uniffi_zerok_sync_ffi_fn_func_create_client: library.func("uniffi_zerok_sync_ffi_fn_func_create_client", ffiTypes.UniffiHandle, [ffiTypes.RustBuffer]),


    uniffi_zerok_sync_ffi_fn_func_derive_secret: library.func("uniffi_zerok_sync_ffi_fn_func_derive_secret", ffiTypes.UniffiHandle, [ffiTypes.RustBuffer, ffiTypes.RustBuffer, ffiTypes.RustBuffer]),


    uniffi_zerok_sync_ffi_fn_func_invite_from_qr: library.func("uniffi_zerok_sync_ffi_fn_func_invite_from_qr", ffiTypes.RustBuffer, [ffiTypes.RustBuffer, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_func_invite_to_qr: library.func("uniffi_zerok_sync_ffi_fn_func_invite_to_qr", ffiTypes.RustBuffer, [ffiTypes.RustBuffer, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_fn_func_join_with_code: library.func("uniffi_zerok_sync_ffi_fn_func_join_with_code", ffiTypes.UniffiHandle, [ffiTypes.RustBuffer, ffiTypes.RustBuffer]),


    uniffi_zerok_sync_ffi_fn_func_version: library.func("uniffi_zerok_sync_ffi_fn_func_version", ffiTypes.RustBuffer, [koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rustbuffer_alloc: library.func("ffi_zerok_sync_ffi_rustbuffer_alloc", ffiTypes.RustBuffer, ["uint64_t", koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rustbuffer_from_bytes: library.func("ffi_zerok_sync_ffi_rustbuffer_from_bytes", ffiTypes.RustBuffer, [ffiTypes.ForeignBytes, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rustbuffer_free: library.func("ffi_zerok_sync_ffi_rustbuffer_free", "void", [ffiTypes.RustBuffer, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rustbuffer_reserve: library.func("ffi_zerok_sync_ffi_rustbuffer_reserve", ffiTypes.RustBuffer, [ffiTypes.RustBuffer, "uint64_t", koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rust_future_poll_u8: library.func("ffi_zerok_sync_ffi_rust_future_poll_u8", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_poll_u8_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_poll_u8", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_cancel_u8: library.func("ffi_zerok_sync_ffi_rust_future_cancel_u8", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_cancel_u8_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_cancel_u8", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_free_u8: library.func("ffi_zerok_sync_ffi_rust_future_free_u8", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_free_u8_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_free_u8", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_complete_u8: library.func("ffi_zerok_sync_ffi_rust_future_complete_u8", "uint8_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    ffi_zerok_sync_ffi_rust_future_complete_u8_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_complete_u8", "uint8_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rust_future_poll_i8: library.func("ffi_zerok_sync_ffi_rust_future_poll_i8", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_poll_i8_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_poll_i8", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_cancel_i8: library.func("ffi_zerok_sync_ffi_rust_future_cancel_i8", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_cancel_i8_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_cancel_i8", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_free_i8: library.func("ffi_zerok_sync_ffi_rust_future_free_i8", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_free_i8_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_free_i8", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_complete_i8: library.func("ffi_zerok_sync_ffi_rust_future_complete_i8", "int8_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    ffi_zerok_sync_ffi_rust_future_complete_i8_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_complete_i8", "int8_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rust_future_poll_u16: library.func("ffi_zerok_sync_ffi_rust_future_poll_u16", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_poll_u16_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_poll_u16", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_cancel_u16: library.func("ffi_zerok_sync_ffi_rust_future_cancel_u16", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_cancel_u16_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_cancel_u16", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_free_u16: library.func("ffi_zerok_sync_ffi_rust_future_free_u16", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_free_u16_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_free_u16", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_complete_u16: library.func("ffi_zerok_sync_ffi_rust_future_complete_u16", "uint16_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    ffi_zerok_sync_ffi_rust_future_complete_u16_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_complete_u16", "uint16_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rust_future_poll_i16: library.func("ffi_zerok_sync_ffi_rust_future_poll_i16", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_poll_i16_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_poll_i16", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_cancel_i16: library.func("ffi_zerok_sync_ffi_rust_future_cancel_i16", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_cancel_i16_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_cancel_i16", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_free_i16: library.func("ffi_zerok_sync_ffi_rust_future_free_i16", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_free_i16_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_free_i16", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_complete_i16: library.func("ffi_zerok_sync_ffi_rust_future_complete_i16", "int16_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    ffi_zerok_sync_ffi_rust_future_complete_i16_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_complete_i16", "int16_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rust_future_poll_u32: library.func("ffi_zerok_sync_ffi_rust_future_poll_u32", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_poll_u32_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_poll_u32", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_cancel_u32: library.func("ffi_zerok_sync_ffi_rust_future_cancel_u32", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_cancel_u32_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_cancel_u32", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_free_u32: library.func("ffi_zerok_sync_ffi_rust_future_free_u32", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_free_u32_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_free_u32", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_complete_u32: library.func("ffi_zerok_sync_ffi_rust_future_complete_u32", "uint32_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    ffi_zerok_sync_ffi_rust_future_complete_u32_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_complete_u32", "uint32_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rust_future_poll_i32: library.func("ffi_zerok_sync_ffi_rust_future_poll_i32", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_poll_i32_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_poll_i32", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_cancel_i32: library.func("ffi_zerok_sync_ffi_rust_future_cancel_i32", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_cancel_i32_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_cancel_i32", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_free_i32: library.func("ffi_zerok_sync_ffi_rust_future_free_i32", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_free_i32_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_free_i32", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_complete_i32: library.func("ffi_zerok_sync_ffi_rust_future_complete_i32", "int32_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    ffi_zerok_sync_ffi_rust_future_complete_i32_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_complete_i32", "int32_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rust_future_poll_u64: library.func("ffi_zerok_sync_ffi_rust_future_poll_u64", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_poll_u64_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_poll_u64", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_cancel_u64: library.func("ffi_zerok_sync_ffi_rust_future_cancel_u64", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_cancel_u64_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_cancel_u64", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_free_u64: library.func("ffi_zerok_sync_ffi_rust_future_free_u64", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_free_u64_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_free_u64", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_complete_u64: library.func("ffi_zerok_sync_ffi_rust_future_complete_u64", "uint64_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    ffi_zerok_sync_ffi_rust_future_complete_u64_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_complete_u64", "uint64_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rust_future_poll_i64: library.func("ffi_zerok_sync_ffi_rust_future_poll_i64", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_poll_i64_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_poll_i64", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_cancel_i64: library.func("ffi_zerok_sync_ffi_rust_future_cancel_i64", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_cancel_i64_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_cancel_i64", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_free_i64: library.func("ffi_zerok_sync_ffi_rust_future_free_i64", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_free_i64_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_free_i64", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_complete_i64: library.func("ffi_zerok_sync_ffi_rust_future_complete_i64", "int64_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    ffi_zerok_sync_ffi_rust_future_complete_i64_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_complete_i64", "int64_t", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rust_future_poll_f32: library.func("ffi_zerok_sync_ffi_rust_future_poll_f32", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_poll_f32_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_poll_f32", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_cancel_f32: library.func("ffi_zerok_sync_ffi_rust_future_cancel_f32", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_cancel_f32_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_cancel_f32", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_free_f32: library.func("ffi_zerok_sync_ffi_rust_future_free_f32", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_free_f32_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_free_f32", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_complete_f32: library.func("ffi_zerok_sync_ffi_rust_future_complete_f32", "float", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    ffi_zerok_sync_ffi_rust_future_complete_f32_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_complete_f32", "float", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rust_future_poll_f64: library.func("ffi_zerok_sync_ffi_rust_future_poll_f64", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_poll_f64_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_poll_f64", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_cancel_f64: library.func("ffi_zerok_sync_ffi_rust_future_cancel_f64", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_cancel_f64_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_cancel_f64", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_free_f64: library.func("ffi_zerok_sync_ffi_rust_future_free_f64", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_free_f64_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_free_f64", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_complete_f64: library.func("ffi_zerok_sync_ffi_rust_future_complete_f64", "double", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    ffi_zerok_sync_ffi_rust_future_complete_f64_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_complete_f64", "double", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rust_future_poll_rust_buffer: library.func("ffi_zerok_sync_ffi_rust_future_poll_rust_buffer", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_poll_rust_buffer_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_poll_rust_buffer", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer: library.func("ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_free_rust_buffer: library.func("ffi_zerok_sync_ffi_rust_future_free_rust_buffer", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_free_rust_buffer_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_free_rust_buffer", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_complete_rust_buffer: library.func("ffi_zerok_sync_ffi_rust_future_complete_rust_buffer", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    ffi_zerok_sync_ffi_rust_future_complete_rust_buffer_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_complete_rust_buffer", ffiTypes.RustBuffer, [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    ffi_zerok_sync_ffi_rust_future_poll_void: library.func("ffi_zerok_sync_ffi_rust_future_poll_void", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_poll_void_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_poll_void", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiCallbacks.RustFutureContinuationCallback), ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_cancel_void: library.func("ffi_zerok_sync_ffi_rust_future_cancel_void", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_cancel_void_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_cancel_void", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_free_void: library.func("ffi_zerok_sync_ffi_rust_future_free_void", "void", [ffiTypes.UniffiHandle]),

    ffi_zerok_sync_ffi_rust_future_free_void_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_free_void", "void", [ffiTypes.UniffiHandle]),


    ffi_zerok_sync_ffi_rust_future_complete_void: library.func("ffi_zerok_sync_ffi_rust_future_complete_void", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),

    ffi_zerok_sync_ffi_rust_future_complete_void_generic_abi: library.func("ffi_zerok_sync_ffi_rust_future_complete_void", "void", [ffiTypes.UniffiHandle, koffi.pointer(ffiTypes.RustCallStatus)]),


    uniffi_zerok_sync_ffi_checksum_func_create_client: library.func("uniffi_zerok_sync_ffi_checksum_func_create_client", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_func_derive_secret: library.func("uniffi_zerok_sync_ffi_checksum_func_derive_secret", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_func_invite_from_qr: library.func("uniffi_zerok_sync_ffi_checksum_func_invite_from_qr", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_func_invite_to_qr: library.func("uniffi_zerok_sync_ffi_checksum_func_invite_to_qr", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_func_join_with_code: library.func("uniffi_zerok_sync_ffi_checksum_func_join_with_code", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_func_version: library.func("uniffi_zerok_sync_ffi_checksum_func_version", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events: library.func("uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event: library.func("uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_pairing_cancel: library.func("uniffi_zerok_sync_ffi_checksum_method_pairing_cancel", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_pairing_code: library.func("uniffi_zerok_sync_ffi_checksum_method_pairing_code", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms: library.func("uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_pairing_wait: library.func("uniffi_zerok_sync_ffi_checksum_method_pairing_wait", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_subscription_close: library.func("uniffi_zerok_sync_ffi_checksum_method_subscription_close", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_subscription_next: library.func("uniffi_zerok_sync_ffi_checksum_method_subscription_next", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_subscription_take: library.func("uniffi_zerok_sync_ffi_checksum_method_subscription_take", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_connect: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_connect", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_download: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_download", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_events: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_events", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_flush: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_flush", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_pending: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_pending", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_pull: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_pull", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_push: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_push", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe: library.func("uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer: library.func("uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress: library.func("uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_transfer_object_id: library.func("uniffi_zerok_sync_ffi_checksum_method_transfer_object_id", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_transfer_outcome: library.func("uniffi_zerok_sync_ffi_checksum_method_transfer_outcome", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_transfer_progress: library.func("uniffi_zerok_sync_ffi_checksum_method_transfer_progress", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_upload_finish: library.func("uniffi_zerok_sync_ffi_checksum_method_upload_finish", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_upload_transfer: library.func("uniffi_zerok_sync_ffi_checksum_method_upload_transfer", "uint16_t", []),


    uniffi_zerok_sync_ffi_checksum_method_upload_write: library.func("uniffi_zerok_sync_ffi_checksum_method_upload_write", "uint16_t", []),


    ffi_zerok_sync_ffi_uniffi_contract_version: library.func("ffi_zerok_sync_ffi_uniffi_contract_version", "uint32_t", []),


  });

  return Object.freeze({
    library,
    ffiTypes,
    ffiCallbacks,
    ffiStructs,
    ffiFunctions,
  });
}

function createBindings(libraryPath, bindingCore = undefined, resolution = undefined) {
  const core = bindingCore ?? createBindingCore(libraryPath);
  const packageRelativePath = resolution?.packageRelativePath ?? null;
  return Object.freeze({
    libraryPath,
    packageRelativePath,
    library: core.library,
    ffiTypes: core.ffiTypes,
    ffiCallbacks: core.ffiCallbacks,
    ffiStructs: core.ffiStructs,
    ffiFunctions: core.ffiFunctions,
  });
}

function cacheBindingCore(libraryPath, bindings) {
  cachedLibraryPath = libraryPath;
  cachedBindingCore = Object.freeze({
    library: bindings.library,
    ffiTypes: bindings.ffiTypes,
    ffiCallbacks: bindings.ffiCallbacks,
    ffiStructs: bindings.ffiStructs,
    ffiFunctions: bindings.ffiFunctions,
  });
  return cachedBindingCore;
}

function clearBindingCoreCache() {
  cachedBindingCore = null;
  cachedLibraryPath = null;
}

export function load(libraryPath = undefined) {
  const resolution = resolveLibraryPath(libraryPath);
  const resolvedLibraryPath = resolution.libraryPath;
  const packageRelativePath = resolution.packageRelativePath;
  const bundledPrebuild = resolution.bundledPrebuild;
  const canonicalLibraryPath = canonicalizeExistingLibraryPath(resolvedLibraryPath);

  if (loadedBindings !== null) {
    if (loadedBindings.libraryPath === canonicalLibraryPath) {
      return loadedBindings;
    }

    throw new Error(
      `The native library is already loaded from ${JSON.stringify(loadedBindings.libraryPath)}. Call unload() before loading a different library path.`,
    );
  }

  if (packageRelativePath !== null && !existsSync(resolvedLibraryPath)) {
    if (bundledPrebuild !== null) {
      throw new Error(
        `No bundled UniFFI library was found for target ${JSON.stringify(bundledPrebuild.target)}. The generated package expects ${JSON.stringify(bundledPrebuild.packageRelativePath)} at ${JSON.stringify(resolvedLibraryPath)}.`,
      );
    }

    throw new Error(
      `No packaged UniFFI library was found at ${JSON.stringify(packageRelativePath)}. The generated package expects ${JSON.stringify(resolvedLibraryPath)}.`,
    );
  }

  let bindingCore =
    cachedLibraryPath === canonicalLibraryPath
      ? cachedBindingCore
      : null;
  if (bindingCore == null && cachedBindingCore != null) {
    cachedBindingCore.library.unload();
    clearBindingCoreCache();
  }

  const bindings = createBindings(canonicalLibraryPath, bindingCore, resolution);
  try {
    runtimeHooks.onLoad?.(bindings);
    if (bindingCore == null) {
      validateContractVersion(bindings);
      validateChecksums(bindings);
      bindingCore = cacheBindingCore(canonicalLibraryPath, bindings);
    }
  } catch (error) {
    try {
      runtimeHooks.onUnload?.(bindings);
    } catch {
      // Preserve the original initialization failure.
    }
    if (bindingCore == null) {
      try {
        bindings.library.unload();
      } catch {
        // Preserve the original initialization failure.
      }
    }
    throw error;
  }

  loadedBindings = bindings;
  loadedFfiTypes = bindings.ffiTypes;
  loadedFfiFunctions = bindings.ffiFunctions;
  return loadedBindings;
}

export function unload() {
  if (loadedBindings === null) {
    return false;
  }

  let hookError = null;
  try {
    runtimeHooks.onUnload?.(loadedBindings);
  } catch (error) {
    hookError = error;
  }
  loadedBindings = null;
  loadedFfiTypes = null;
  loadedFfiFunctions = null;
  if (hookError != null) {
    throw hookError;
  }
  return true;
}

export function isLoaded() {
  return loadedBindings !== null;
}

export function configureRuntimeHooks(hooks = undefined) {
  runtimeHooks = Object.freeze(hooks ?? {});
}

function throwLibraryNotLoaded() {
  throw new LibraryNotLoadedError(libraryNotLoadedMessage);
}

export function getFfiBindings() {
  if (loadedBindings === null) {
    throwLibraryNotLoaded();
  }

  return loadedBindings;
}

export function getFfiTypes() {
  if (loadedFfiTypes === null) {
    throwLibraryNotLoaded();
  }

  return loadedFfiTypes;
}

function getLoadedFfiFunctions() {
  if (loadedFfiFunctions === null) {
    throwLibraryNotLoaded();
  }

  return loadedFfiFunctions;
}

export function getContractVersion(bindings = getFfiBindings()) {
  return bindings.ffiFunctions.ffi_zerok_sync_ffi_uniffi_contract_version();
}

export function validateContractVersion(bindings = getFfiBindings()) {
  const actual = getContractVersion(bindings);
  const expected = ffiIntegrity.expectedContractVersion;
  if (actual !== expected) {
    throw new ContractVersionMismatchError(expected, actual, {
      details: {
        libraryPath: bindings.libraryPath,
        packageRelativePath: bindings.packageRelativePath,
        symbolName: ffiIntegrity.contractVersionFunction,
      },
    });
  }
  return actual;
}

export function getChecksums(bindings = getFfiBindings()) {
  return Object.freeze({

    "uniffi_zerok_sync_ffi_checksum_func_create_client": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_func_create_client(),

    "uniffi_zerok_sync_ffi_checksum_func_derive_secret": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_func_derive_secret(),

    "uniffi_zerok_sync_ffi_checksum_func_invite_from_qr": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_func_invite_from_qr(),

    "uniffi_zerok_sync_ffi_checksum_func_invite_to_qr": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_func_invite_to_qr(),

    "uniffi_zerok_sync_ffi_checksum_func_join_with_code": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_func_join_with_code(),

    "uniffi_zerok_sync_ffi_checksum_func_version": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_func_version(),

    "uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events(),

    "uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event(),

    "uniffi_zerok_sync_ffi_checksum_method_pairing_cancel": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_pairing_cancel(),

    "uniffi_zerok_sync_ffi_checksum_method_pairing_code": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_pairing_code(),

    "uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms(),

    "uniffi_zerok_sync_ffi_checksum_method_pairing_wait": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_pairing_wait(),

    "uniffi_zerok_sync_ffi_checksum_method_subscription_close": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_subscription_close(),

    "uniffi_zerok_sync_ffi_checksum_method_subscription_next": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_subscription_next(),

    "uniffi_zerok_sync_ffi_checksum_method_subscription_take": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_subscription_take(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_connect": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_connect(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_download": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_download(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_events": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_events(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_flush": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_flush(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_pending": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_pending(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_pull": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_pull(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_push": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_push(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown(),

    "uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe(),

    "uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer(),

    "uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress(),

    "uniffi_zerok_sync_ffi_checksum_method_transfer_object_id": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_transfer_object_id(),

    "uniffi_zerok_sync_ffi_checksum_method_transfer_outcome": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_transfer_outcome(),

    "uniffi_zerok_sync_ffi_checksum_method_transfer_progress": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_transfer_progress(),

    "uniffi_zerok_sync_ffi_checksum_method_upload_finish": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_upload_finish(),

    "uniffi_zerok_sync_ffi_checksum_method_upload_transfer": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_upload_transfer(),

    "uniffi_zerok_sync_ffi_checksum_method_upload_write": bindings.ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_upload_write(),

  });
}

export function validateChecksums(bindings = getFfiBindings()) {
  const actualChecksums = getChecksums(bindings);

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_func_create_client"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_func_create_client"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_func_create_client", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_func_derive_secret"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_func_derive_secret"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_func_derive_secret", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_func_invite_from_qr"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_func_invite_from_qr"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_func_invite_from_qr", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_func_invite_to_qr"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_func_invite_to_qr"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_func_invite_to_qr", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_func_join_with_code"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_func_join_with_code"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_func_join_with_code", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_func_version"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_func_version"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_func_version", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_pairing_cancel"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_pairing_cancel"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_pairing_cancel", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_pairing_code"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_pairing_code"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_pairing_code", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_pairing_wait"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_pairing_wait"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_pairing_wait", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_subscription_close"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_subscription_close"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_subscription_close", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_subscription_next"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_subscription_next"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_subscription_next", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_subscription_take"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_subscription_take"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_subscription_take", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_connect"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_connect"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_connect", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_download"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_download"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_download", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_events"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_events"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_events", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_flush"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_flush"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_flush", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_pending"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_pending"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_pending", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_pull"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_pull"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_pull", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_push"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_push"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_push", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_transfer_object_id"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_transfer_object_id"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_transfer_object_id", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_transfer_outcome"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_transfer_outcome"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_transfer_outcome", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_transfer_progress"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_transfer_progress"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_transfer_progress", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_upload_finish"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_upload_finish"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_upload_finish", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_upload_transfer"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_upload_transfer"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_upload_transfer", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  {
    const expected = ffiIntegrity.checksums["uniffi_zerok_sync_ffi_checksum_method_upload_write"];
    const actual = actualChecksums["uniffi_zerok_sync_ffi_checksum_method_upload_write"];
    if (actual !== expected) {
      throw new ChecksumMismatchError("uniffi_zerok_sync_ffi_checksum_method_upload_write", expected, actual, {
        details: {
          libraryPath: bindings.libraryPath,
          packageRelativePath: bindings.packageRelativePath,
        },
      });
    }
  }

  return actualChecksums;
}

export const ffiFunctions = Object.freeze({

  uniffi_zerok_sync_ffi_fn_clone_eventstream(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_clone_eventstream(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_clone_eventstream_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_clone_eventstream_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_free_eventstream(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_free_eventstream(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_free_eventstream_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_free_eventstream_generic_abi(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_eventstream_close_events(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_eventstream_close_events(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_eventstream_close_events_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_eventstream_close_events_generic_abi(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_eventstream_next_event(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_eventstream_next_event(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_eventstream_next_event_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_eventstream_next_event_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_clone_pairing(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_clone_pairing(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_clone_pairing_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_clone_pairing_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_free_pairing(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_free_pairing(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_free_pairing_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_free_pairing_generic_abi(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_pairing_cancel(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_pairing_cancel(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_pairing_cancel_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_pairing_cancel_generic_abi(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_pairing_code(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_pairing_code(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_pairing_code_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_pairing_code_generic_abi(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms(...args);

    return normalizeUInt64(result);

  },


  uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms_generic_abi(...args);

    return normalizeUInt64(result);

  },


  uniffi_zerok_sync_ffi_fn_method_pairing_wait(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_pairing_wait(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_pairing_wait_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_pairing_wait_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_clone_subscription(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_clone_subscription(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_clone_subscription_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_clone_subscription_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_free_subscription(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_free_subscription(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_free_subscription_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_free_subscription_generic_abi(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_subscription_close(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_subscription_close(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_subscription_close_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_subscription_close_generic_abi(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_subscription_next(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_subscription_next(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_subscription_next_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_subscription_next_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_subscription_take(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_subscription_take(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_subscription_take_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_subscription_take_generic_abi(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_clone_syncclient(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_clone_syncclient(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_clone_syncclient_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_clone_syncclient_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_free_syncclient(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_free_syncclient(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_free_syncclient_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_free_syncclient_generic_abi(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay_generic_abi(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_connect(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_connect(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_connect_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_connect_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite_generic_abi(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor(...args);

    return normalizeUInt64(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor_generic_abi(...args);

    return normalizeUInt64(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_download(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_download(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_download_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_download_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_events(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_events(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_events_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_events_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_flush(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_flush(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_flush_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_flush_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_group_id(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_group_id(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_group_id_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_group_id_generic_abi(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected_generic_abi(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_pending(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_pending(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_pending_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_pending_generic_abi(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_pull(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_pull(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_pull_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_pull_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_push(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_push(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_push_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_push_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_push_file(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_push_file(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_push_file_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_push_file_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_clone_transfer(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_clone_transfer(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_clone_transfer_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_clone_transfer_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_free_transfer(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_free_transfer(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_free_transfer_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_free_transfer_generic_abi(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer_generic_abi(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_transfer_next_progress(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_transfer_next_progress(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_transfer_next_progress_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_transfer_next_progress_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_transfer_object_id(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_transfer_object_id(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_transfer_object_id_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_transfer_object_id_generic_abi(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_transfer_outcome(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_transfer_outcome(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_transfer_outcome_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_transfer_outcome_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_transfer_progress(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_transfer_progress(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_method_transfer_progress_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_transfer_progress_generic_abi(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_clone_upload(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_clone_upload(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_clone_upload_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_clone_upload_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_free_upload(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_free_upload(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_free_upload_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_free_upload_generic_abi(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_fn_method_upload_finish(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_upload_finish(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_upload_finish_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_upload_finish_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_upload_transfer(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_upload_transfer(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_upload_transfer_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_upload_transfer_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_upload_write(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_upload_write(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_method_upload_write_generic_abi(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_method_upload_write_generic_abi(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_func_create_client(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_func_create_client(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_func_derive_secret(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_func_derive_secret(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_func_invite_from_qr(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_func_invite_from_qr(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_func_invite_to_qr(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_func_invite_to_qr(...args);

    return normalizeRustBuffer(result);

  },


  uniffi_zerok_sync_ffi_fn_func_join_with_code(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_func_join_with_code(...args);

    return normalizeHandle(result);

  },


  uniffi_zerok_sync_ffi_fn_func_version(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_fn_func_version(...args);

    return normalizeRustBuffer(result);

  },


  ffi_zerok_sync_ffi_rustbuffer_alloc(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rustbuffer_alloc(...args);

    return normalizeRustBuffer(result);

  },


  ffi_zerok_sync_ffi_rustbuffer_from_bytes(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rustbuffer_from_bytes(...args);

    return normalizeRustBuffer(result);

  },


  ffi_zerok_sync_ffi_rustbuffer_free(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rustbuffer_free(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rustbuffer_reserve(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rustbuffer_reserve(...args);

    return normalizeRustBuffer(result);

  },


  ffi_zerok_sync_ffi_rust_future_poll_u8(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_u8(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_u8_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_u8_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_u8(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_u8(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_u8_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_u8_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_u8(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_u8(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_u8_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_u8_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_u8(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_u8(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_u8_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_u8_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_i8(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_i8(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_i8_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_i8_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_i8(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_i8(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_i8_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_i8_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_i8(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_i8(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_i8_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_i8_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_i8(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_i8(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_i8_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_i8_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_u16(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_u16(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_u16_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_u16_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_u16(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_u16(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_u16_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_u16_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_u16(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_u16(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_u16_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_u16_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_u16(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_u16(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_u16_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_u16_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_i16(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_i16(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_i16_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_i16_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_i16(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_i16(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_i16_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_i16_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_i16(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_i16(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_i16_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_i16_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_i16(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_i16(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_i16_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_i16_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_u32(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_u32(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_u32_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_u32_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_u32(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_u32(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_u32_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_u32_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_u32(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_u32(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_u32_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_u32_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_u32(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_u32(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_u32_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_u32_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_i32(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_i32(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_i32_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_i32_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_i32(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_i32(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_i32_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_i32_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_i32(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_i32(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_i32_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_i32_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_i32(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_i32(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_i32_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_i32_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_u64(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_u64(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_u64_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_u64_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_u64(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_u64(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_u64_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_u64_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_u64(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_u64(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_u64_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_u64_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_u64(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_u64(...args);

    return normalizeUInt64(result);

  },


  ffi_zerok_sync_ffi_rust_future_complete_u64_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_u64_generic_abi(...args);

    return normalizeUInt64(result);

  },


  ffi_zerok_sync_ffi_rust_future_poll_i64(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_i64(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_i64_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_i64_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_i64(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_i64(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_i64_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_i64_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_i64(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_i64(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_i64_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_i64_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_i64(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_i64(...args);

    return normalizeInt64(result);

  },


  ffi_zerok_sync_ffi_rust_future_complete_i64_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_i64_generic_abi(...args);

    return normalizeInt64(result);

  },


  ffi_zerok_sync_ffi_rust_future_poll_f32(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_f32(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_f32_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_f32_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_f32(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_f32(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_f32_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_f32_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_f32(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_f32(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_f32_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_f32_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_f32(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_f32(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_f32_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_f32_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_f64(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_f64(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_f64_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_f64_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_f64(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_f64(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_f64_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_f64_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_f64(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_f64(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_f64_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_f64_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_f64(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_f64(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_f64_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_f64_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_rust_buffer_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_rust_buffer_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_rust_buffer(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_rust_buffer(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_rust_buffer_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_rust_buffer_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(...args);

    return normalizeRustBuffer(result);

  },


  ffi_zerok_sync_ffi_rust_future_complete_rust_buffer_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_rust_buffer_generic_abi(...args);

    return normalizeRustBuffer(result);

  },


  ffi_zerok_sync_ffi_rust_future_poll_void(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_void(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_poll_void_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_poll_void_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_void(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_void(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_cancel_void_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_cancel_void_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_void(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_void(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_free_void_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_free_void_generic_abi(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_void(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_void(...args);

    return result;

  },


  ffi_zerok_sync_ffi_rust_future_complete_void_generic_abi(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_rust_future_complete_void_generic_abi(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_func_create_client(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_func_create_client(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_func_derive_secret(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_func_derive_secret(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_func_invite_from_qr(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_func_invite_from_qr(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_func_invite_to_qr(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_func_invite_to_qr(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_func_join_with_code(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_func_join_with_code(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_func_version(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_func_version(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_pairing_cancel(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_pairing_cancel(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_pairing_code(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_pairing_code(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_pairing_wait(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_pairing_wait(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_subscription_close(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_subscription_close(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_subscription_next(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_subscription_next(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_subscription_take(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_subscription_take(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_connect(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_connect(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_download(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_download(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_events(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_events(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_flush(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_flush(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_pending(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_pending(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_pull(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_pull(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_push(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_push(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_transfer_object_id(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_transfer_object_id(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_transfer_outcome(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_transfer_outcome(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_transfer_progress(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_transfer_progress(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_upload_finish(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_upload_finish(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_upload_transfer(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_upload_transfer(...args);

    return result;

  },


  uniffi_zerok_sync_ffi_checksum_method_upload_write(...args) {
    const result = getLoadedFfiFunctions().uniffi_zerok_sync_ffi_checksum_method_upload_write(...args);

    return result;

  },


  ffi_zerok_sync_ffi_uniffi_contract_version(...args) {
    const result = getLoadedFfiFunctions().ffi_zerok_sync_ffi_uniffi_contract_version(...args);

    return result;

  },


});


export function uniffi_zerok_sync_ffi_fn_clone_eventstream(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_eventstream(...args);
}


export function uniffi_zerok_sync_ffi_fn_clone_eventstream_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_eventstream_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_free_eventstream(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_free_eventstream(...args);
}


export function uniffi_zerok_sync_ffi_fn_free_eventstream_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_free_eventstream_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_eventstream_close_events(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_eventstream_close_events(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_eventstream_close_events_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_eventstream_close_events_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_eventstream_next_event(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_eventstream_next_event(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_eventstream_next_event_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_eventstream_next_event_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_clone_pairing(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_pairing(...args);
}


export function uniffi_zerok_sync_ffi_fn_clone_pairing_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_pairing_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_free_pairing(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_free_pairing(...args);
}


export function uniffi_zerok_sync_ffi_fn_free_pairing_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_free_pairing_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_pairing_cancel(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_cancel(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_pairing_cancel_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_cancel_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_pairing_code(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_code(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_pairing_code_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_code_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_pairing_wait(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_wait(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_pairing_wait_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_pairing_wait_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_clone_subscription(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_subscription(...args);
}


export function uniffi_zerok_sync_ffi_fn_clone_subscription_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_subscription_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_free_subscription(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_free_subscription(...args);
}


export function uniffi_zerok_sync_ffi_fn_free_subscription_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_free_subscription_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_subscription_close(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_subscription_close(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_subscription_close_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_subscription_close_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_subscription_next(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_subscription_next(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_subscription_next_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_subscription_next_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_subscription_take(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_subscription_take(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_subscription_take_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_subscription_take_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_clone_syncclient(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_syncclient(...args);
}


export function uniffi_zerok_sync_ffi_fn_clone_syncclient_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_syncclient_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_free_syncclient(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_free_syncclient(...args);
}


export function uniffi_zerok_sync_ffi_fn_free_syncclient_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_free_syncclient_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_connect(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_connect(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_connect_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_connect_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_download(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_download(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_download_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_download_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_events(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_events(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_events_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_events_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_flush(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_flush(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_flush_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_flush_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_group_id(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_group_id(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_group_id_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_group_id_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_pending(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_pending(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_pending_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_pending_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_pull(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_pull(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_pull_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_pull_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_push(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_push(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_push_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_push_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_push_file(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_push_file(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_push_file_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_push_file_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_clone_transfer(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_transfer(...args);
}


export function uniffi_zerok_sync_ffi_fn_clone_transfer_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_transfer_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_free_transfer(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_free_transfer(...args);
}


export function uniffi_zerok_sync_ffi_fn_free_transfer_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_free_transfer_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_transfer_next_progress(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_next_progress(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_transfer_next_progress_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_next_progress_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_transfer_object_id(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_object_id(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_transfer_object_id_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_object_id_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_transfer_outcome(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_outcome(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_transfer_outcome_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_outcome_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_transfer_progress(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_progress(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_transfer_progress_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_transfer_progress_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_clone_upload(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_upload(...args);
}


export function uniffi_zerok_sync_ffi_fn_clone_upload_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_clone_upload_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_free_upload(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_free_upload(...args);
}


export function uniffi_zerok_sync_ffi_fn_free_upload_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_free_upload_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_upload_finish(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_upload_finish(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_upload_finish_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_upload_finish_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_upload_transfer(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_upload_transfer(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_upload_transfer_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_upload_transfer_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_method_upload_write(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_upload_write(...args);
}


export function uniffi_zerok_sync_ffi_fn_method_upload_write_generic_abi(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_method_upload_write_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_fn_func_create_client(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_func_create_client(...args);
}



export function uniffi_zerok_sync_ffi_fn_func_derive_secret(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_func_derive_secret(...args);
}



export function uniffi_zerok_sync_ffi_fn_func_invite_from_qr(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_func_invite_from_qr(...args);
}



export function uniffi_zerok_sync_ffi_fn_func_invite_to_qr(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_func_invite_to_qr(...args);
}



export function uniffi_zerok_sync_ffi_fn_func_join_with_code(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_func_join_with_code(...args);
}



export function uniffi_zerok_sync_ffi_fn_func_version(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_fn_func_version(...args);
}



export function ffi_zerok_sync_ffi_rustbuffer_alloc(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rustbuffer_alloc(...args);
}



export function ffi_zerok_sync_ffi_rustbuffer_from_bytes(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rustbuffer_from_bytes(...args);
}



export function ffi_zerok_sync_ffi_rustbuffer_free(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rustbuffer_free(...args);
}



export function ffi_zerok_sync_ffi_rustbuffer_reserve(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rustbuffer_reserve(...args);
}



export function ffi_zerok_sync_ffi_rust_future_poll_u8(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u8(...args);
}


export function ffi_zerok_sync_ffi_rust_future_poll_u8_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u8_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_cancel_u8(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u8(...args);
}


export function ffi_zerok_sync_ffi_rust_future_cancel_u8_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u8_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_free_u8(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u8(...args);
}


export function ffi_zerok_sync_ffi_rust_future_free_u8_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u8_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_complete_u8(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_u8(...args);
}


export function ffi_zerok_sync_ffi_rust_future_complete_u8_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_u8_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_poll_i8(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_i8(...args);
}


export function ffi_zerok_sync_ffi_rust_future_poll_i8_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_i8_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_cancel_i8(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_i8(...args);
}


export function ffi_zerok_sync_ffi_rust_future_cancel_i8_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_i8_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_free_i8(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_i8(...args);
}


export function ffi_zerok_sync_ffi_rust_future_free_i8_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_i8_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_complete_i8(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_i8(...args);
}


export function ffi_zerok_sync_ffi_rust_future_complete_i8_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_i8_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_poll_u16(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u16(...args);
}


export function ffi_zerok_sync_ffi_rust_future_poll_u16_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u16_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_cancel_u16(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u16(...args);
}


export function ffi_zerok_sync_ffi_rust_future_cancel_u16_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u16_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_free_u16(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u16(...args);
}


export function ffi_zerok_sync_ffi_rust_future_free_u16_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u16_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_complete_u16(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_u16(...args);
}


export function ffi_zerok_sync_ffi_rust_future_complete_u16_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_u16_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_poll_i16(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_i16(...args);
}


export function ffi_zerok_sync_ffi_rust_future_poll_i16_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_i16_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_cancel_i16(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_i16(...args);
}


export function ffi_zerok_sync_ffi_rust_future_cancel_i16_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_i16_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_free_i16(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_i16(...args);
}


export function ffi_zerok_sync_ffi_rust_future_free_i16_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_i16_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_complete_i16(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_i16(...args);
}


export function ffi_zerok_sync_ffi_rust_future_complete_i16_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_i16_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_poll_u32(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u32(...args);
}


export function ffi_zerok_sync_ffi_rust_future_poll_u32_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u32_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_cancel_u32(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u32(...args);
}


export function ffi_zerok_sync_ffi_rust_future_cancel_u32_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u32_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_free_u32(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u32(...args);
}


export function ffi_zerok_sync_ffi_rust_future_free_u32_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u32_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_complete_u32(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_u32(...args);
}


export function ffi_zerok_sync_ffi_rust_future_complete_u32_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_u32_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_poll_i32(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_i32(...args);
}


export function ffi_zerok_sync_ffi_rust_future_poll_i32_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_i32_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_cancel_i32(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_i32(...args);
}


export function ffi_zerok_sync_ffi_rust_future_cancel_i32_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_i32_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_free_i32(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_i32(...args);
}


export function ffi_zerok_sync_ffi_rust_future_free_i32_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_i32_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_complete_i32(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_i32(...args);
}


export function ffi_zerok_sync_ffi_rust_future_complete_i32_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_i32_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_poll_u64(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u64(...args);
}


export function ffi_zerok_sync_ffi_rust_future_poll_u64_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_u64_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_cancel_u64(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u64(...args);
}


export function ffi_zerok_sync_ffi_rust_future_cancel_u64_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_u64_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_free_u64(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u64(...args);
}


export function ffi_zerok_sync_ffi_rust_future_free_u64_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_u64_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_complete_u64(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_u64(...args);
}


export function ffi_zerok_sync_ffi_rust_future_complete_u64_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_u64_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_poll_i64(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_i64(...args);
}


export function ffi_zerok_sync_ffi_rust_future_poll_i64_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_i64_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_cancel_i64(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_i64(...args);
}


export function ffi_zerok_sync_ffi_rust_future_cancel_i64_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_i64_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_free_i64(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_i64(...args);
}


export function ffi_zerok_sync_ffi_rust_future_free_i64_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_i64_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_complete_i64(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_i64(...args);
}


export function ffi_zerok_sync_ffi_rust_future_complete_i64_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_i64_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_poll_f32(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_f32(...args);
}


export function ffi_zerok_sync_ffi_rust_future_poll_f32_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_f32_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_cancel_f32(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_f32(...args);
}


export function ffi_zerok_sync_ffi_rust_future_cancel_f32_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_f32_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_free_f32(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_f32(...args);
}


export function ffi_zerok_sync_ffi_rust_future_free_f32_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_f32_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_complete_f32(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_f32(...args);
}


export function ffi_zerok_sync_ffi_rust_future_complete_f32_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_f32_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_poll_f64(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_f64(...args);
}


export function ffi_zerok_sync_ffi_rust_future_poll_f64_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_f64_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_cancel_f64(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_f64(...args);
}


export function ffi_zerok_sync_ffi_rust_future_cancel_f64_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_f64_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_free_f64(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_f64(...args);
}


export function ffi_zerok_sync_ffi_rust_future_free_f64_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_f64_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_complete_f64(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_f64(...args);
}


export function ffi_zerok_sync_ffi_rust_future_complete_f64_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_f64_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(...args);
}


export function ffi_zerok_sync_ffi_rust_future_poll_rust_buffer_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_rust_buffer_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(...args);
}


export function ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_free_rust_buffer(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer(...args);
}


export function ffi_zerok_sync_ffi_rust_future_free_rust_buffer_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_rust_buffer_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(...args);
}


export function ffi_zerok_sync_ffi_rust_future_complete_rust_buffer_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_rust_buffer_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_poll_void(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_void(...args);
}


export function ffi_zerok_sync_ffi_rust_future_poll_void_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_poll_void_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_cancel_void(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_void(...args);
}


export function ffi_zerok_sync_ffi_rust_future_cancel_void_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_cancel_void_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_free_void(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_void(...args);
}


export function ffi_zerok_sync_ffi_rust_future_free_void_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_free_void_generic_abi(...args);
}



export function ffi_zerok_sync_ffi_rust_future_complete_void(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_void(...args);
}


export function ffi_zerok_sync_ffi_rust_future_complete_void_generic_abi(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_rust_future_complete_void_generic_abi(...args);
}



export function uniffi_zerok_sync_ffi_checksum_func_create_client(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_func_create_client(...args);
}



export function uniffi_zerok_sync_ffi_checksum_func_derive_secret(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_func_derive_secret(...args);
}



export function uniffi_zerok_sync_ffi_checksum_func_invite_from_qr(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_func_invite_from_qr(...args);
}



export function uniffi_zerok_sync_ffi_checksum_func_invite_to_qr(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_func_invite_to_qr(...args);
}



export function uniffi_zerok_sync_ffi_checksum_func_join_with_code(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_func_join_with_code(...args);
}



export function uniffi_zerok_sync_ffi_checksum_func_version(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_func_version(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_pairing_cancel(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_pairing_cancel(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_pairing_code(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_pairing_code(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_pairing_wait(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_pairing_wait(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_subscription_close(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_subscription_close(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_subscription_next(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_subscription_next(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_subscription_take(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_subscription_take(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_connect(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_connect(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_download(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_download(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_events(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_events(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_flush(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_flush(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_pending(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_pending(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_pull(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_pull(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_push(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_push(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_transfer_object_id(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_transfer_object_id(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_transfer_outcome(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_transfer_outcome(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_transfer_progress(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_transfer_progress(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_upload_finish(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_upload_finish(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_upload_transfer(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_upload_transfer(...args);
}



export function uniffi_zerok_sync_ffi_checksum_method_upload_write(...args) {
  return ffiFunctions.uniffi_zerok_sync_ffi_checksum_method_upload_write(...args);
}



export function ffi_zerok_sync_ffi_uniffi_contract_version(...args) {
  return ffiFunctions.ffi_zerok_sync_ffi_uniffi_contract_version(...args);
}


