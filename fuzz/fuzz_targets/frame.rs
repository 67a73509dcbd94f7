//! `zerok_core::fuzzing::frame` under libFuzzer: see its doc for what it checks.
#![no_main]

use zerok_fuzz as _;

libfuzzer_sys::fuzz_target!(|data: &[u8]| zerok_core::fuzzing::frame(data));
