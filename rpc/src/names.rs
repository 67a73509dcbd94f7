/// Calls `$then!` with the name of every method `call` serves (the contract's operations, see
/// methods.rs), as identifiers: the Tauri plugin makes one command of each, and its build
/// script (which `include!`s this file) one permission of each, from this one list.
#[macro_export]
macro_rules! with_methods {
    ($then:ident) => {
        $then! {
            version derive_secret invite_to_qr invite_from_qr join_with_code
            create_client shutdown connect disconnect push enqueue pending flush pull pull_after
            is_connected current_cursor active_relay group_id create_invite
            enqueue_file push_file download push_stream create_pairing_code events subscribe
            close close_events code expires_at_ms wait cancel write finish
            transfer object_id progress next_progress cancel_transfer outcome
        }
    };
}
