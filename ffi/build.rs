fn main() {
    // src/zerok_sync.udl links to udl/zerok_sync.udl (the contract of every language); UniFFI's
    // library mode reads it from the crate's src/ when generating bindings.
    uniffi::generate_scaffolding("src/zerok_sync.udl").expect("valid UDL");
}
