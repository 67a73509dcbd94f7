//! An outbox file with any content: opening it and reading back every waiting blob works or
//! is a `State` error. The input is a SQLite file's bytes; the seeds are real outboxes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerok_core::{Error, client::fuzzing::read_outbox};

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("device.state.outbox");
    std::fs::write(&path, data).unwrap();
    match zerok_fuzz::block_on(read_outbox(&path, [1; 32])) {
        Ok(_) | Err(Error::State(_)) => {}
        Err(e) => panic!("{e:?}"),
    }
});
