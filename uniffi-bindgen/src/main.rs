//! `uniffi-bindgen` at exactly the workspace's UniFFI version, so maturin and
//! `scripts/generate` never pick up another one from PATH.
fn main() {
    uniffi::uniffi_bindgen_main()
}
