//! A device state file with any content (a crash, a full disk, another program): loading it
//! starts from it, starts fresh, or is a `State` error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerok_core::{Error, client::fuzzing::load_state};

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("device.state");
    std::fs::write(&path, data).unwrap();
    match load_state(&path, &[1; 32]) {
        Ok(()) | Err(Error::State(_)) => {}
        Err(e) => panic!("{e:?}"),
    }
});
