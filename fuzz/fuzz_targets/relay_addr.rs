//! Relay addresses from configs, invites and command lines: each parses or is
//! `InvalidConfig`; what parses prints back to the same address.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerok_core::{Error, RelayAddr};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match text.parse::<RelayAddr>() {
        Ok(addr) => assert_eq!(addr.to_string().parse::<RelayAddr>().unwrap(), addr),
        Err(Error::InvalidConfig(_)) => {}
        Err(e) => panic!("{e:?}"),
    }
});
