//! Pairing codes as a person types them: each parses or is `InvalidPairingCode`; what parses
//! is the code it shows back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerok_core::{Error, pairing::PairingCode};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match PairingCode::parse(text) {
        Ok(code) => {
            let again = PairingCode::parse(&code.reveal()).unwrap();
            assert!(again == code);
        }
        Err(Error::InvalidPairingCode(_)) => {}
        Err(e) => panic!("{e:?}"),
    }
});
