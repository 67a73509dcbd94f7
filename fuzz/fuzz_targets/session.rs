//! `zerok_relay::fuzzing::session` under libFuzzer: see its doc for what it checks.
#![no_main]

use zerok_fuzz as _;

libfuzzer_sys::fuzz_target!(|data: &[u8]| zerok_relay::fuzzing::session(data));
