//! Invite strings as a person pastes or a QR code scans them: each parses or is one of the
//! invite errors; what parses encodes back to an invite that parses the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerok_core::{Error, Invite};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Invite::decode_at(text, 1_000_000) {
        Ok(invite) => assert_eq!(
            Invite::decode_at(&invite.encode(), 1_000_000).unwrap(),
            invite
        ),
        Err(
            Error::InvalidInvite(_)
            | Error::InviteExpired { .. }
            | Error::UnsupportedInviteVersion { .. },
        ) => {}
        Err(e) => panic!("{e:?}"),
    }
});
