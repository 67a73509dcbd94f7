export interface FfiMetadata {
  namespace: string;
  cdylibName: string;
  stagedLibraryPackageRelativePath: string;
  bundledPrebuilds: boolean;
  manualLoad: boolean;
}

export interface FfiBindings {
  libraryPath: string;
  packageRelativePath: string | null;
  library: unknown;
  ffiTypes: Readonly<Record<string, unknown>>;
  ffiCallbacks: Readonly<Record<string, unknown>>;
  ffiStructs: Readonly<Record<string, unknown>>;
  ffiFunctions: Readonly<Record<string, (...args: any[]) => any>>;
}

export interface FfiIntegrity {
  contractVersionFunction: string;
  expectedContractVersion: number;
  checksums: Readonly<Record<string, number>>;
}

export interface FfiRuntimeHooks {
  onLoad?(bindings: Readonly<FfiBindings>): void;
  onUnload?(bindings: Readonly<FfiBindings>): void;
}

export declare const ffiMetadata: Readonly<FfiMetadata>;
export declare const ffiIntegrity: Readonly<FfiIntegrity>;
export declare function configureRuntimeHooks(hooks?: FfiRuntimeHooks | null): void;
export declare function load(libraryPath?: string | null): Readonly<FfiBindings>;
export declare function unload(): boolean;
export declare function isLoaded(): boolean;
export declare function getFfiBindings(): Readonly<FfiBindings>;
export declare function getFfiTypes(): Readonly<Record<string, unknown>>;
export declare function getContractVersion(bindings?: Readonly<FfiBindings>): number;
export declare function validateContractVersion(bindings?: Readonly<FfiBindings>): number;
export declare function getChecksums(
  bindings?: Readonly<FfiBindings>,
): Readonly<Record<string, number>>;
export declare function validateChecksums(
  bindings?: Readonly<FfiBindings>,
): Readonly<Record<string, number>>;
export declare const ffiFunctions: Readonly<Record<string, (...args: any[]) => any>>;


export declare function uniffi_zerok_sync_ffi_fn_clone_eventstream(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_free_eventstream(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_eventstream_close_events(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_eventstream_next_event(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_clone_pairing(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_free_pairing(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_pairing_cancel(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_pairing_code(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_pairing_expires_at_ms(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_pairing_wait(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_clone_subscription(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_free_subscription(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_subscription_close(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_subscription_next(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_subscription_take(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_clone_syncclient(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_free_syncclient(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_active_relay(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_connect(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_create_invite(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_create_pairing_code(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_current_cursor(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_disconnect(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_download(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_enqueue_file(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_events(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_flush(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_group_id(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_is_connected(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_pending(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_pull(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_pull_after(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_push(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_push_file(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_push_stream(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_shutdown(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_syncclient_subscribe(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_clone_transfer(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_free_transfer(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_transfer_cancel_transfer(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_transfer_next_progress(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_transfer_object_id(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_transfer_outcome(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_transfer_progress(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_clone_upload(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_free_upload(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_upload_finish(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_upload_transfer(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_method_upload_write(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_func_create_client(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_func_derive_secret(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_func_invite_from_qr(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_func_invite_to_qr(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_func_join_with_code(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_fn_func_version(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rustbuffer_alloc(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rustbuffer_from_bytes(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rustbuffer_free(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rustbuffer_reserve(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_poll_u8(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_cancel_u8(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_free_u8(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_complete_u8(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_poll_i8(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_cancel_i8(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_free_i8(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_complete_i8(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_poll_u16(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_cancel_u16(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_free_u16(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_complete_u16(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_poll_i16(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_cancel_i16(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_free_i16(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_complete_i16(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_poll_u32(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_cancel_u32(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_free_u32(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_complete_u32(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_poll_i32(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_cancel_i32(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_free_i32(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_complete_i32(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_poll_u64(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_cancel_u64(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_free_u64(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_complete_u64(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_poll_i64(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_cancel_i64(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_free_i64(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_complete_i64(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_poll_f32(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_cancel_f32(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_free_f32(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_complete_f32(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_poll_f64(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_cancel_f64(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_free_f64(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_complete_f64(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_poll_rust_buffer(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_cancel_rust_buffer(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_free_rust_buffer(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_complete_rust_buffer(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_poll_void(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_cancel_void(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_free_void(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_rust_future_complete_void(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_func_create_client(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_func_derive_secret(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_func_invite_from_qr(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_func_invite_to_qr(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_func_join_with_code(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_func_version(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_eventstream_close_events(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_eventstream_next_event(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_pairing_cancel(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_pairing_code(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_pairing_expires_at_ms(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_pairing_wait(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_subscription_close(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_subscription_next(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_subscription_take(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_active_relay(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_connect(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_create_invite(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_create_pairing_code(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_current_cursor(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_disconnect(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_download(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_enqueue_file(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_events(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_flush(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_group_id(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_is_connected(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_pending(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_pull(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_pull_after(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_push(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_push_file(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_push_stream(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_shutdown(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_syncclient_subscribe(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_transfer_cancel_transfer(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_transfer_next_progress(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_transfer_object_id(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_transfer_outcome(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_transfer_progress(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_upload_finish(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_upload_transfer(...args: any[]): any;

export declare function uniffi_zerok_sync_ffi_checksum_method_upload_write(...args: any[]): any;

export declare function ffi_zerok_sync_ffi_uniffi_contract_version(...args: any[]): any;
