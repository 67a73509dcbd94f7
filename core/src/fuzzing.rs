//! What each fuzz target checks, one function per target: the libFuzzer binaries in `fuzz/`
//! (cargo feature `fuzzing`, nightly) call them, and this crate's own tests run every input
//! kept in `fuzz/corpus/` through them on stable, so a regression of any parser fails
//! `cargo test` without a fuzzer. Each function panics on what the fuzzer counts as a finding.

use std::{future::Future, path::Path, sync::LazyLock};

use tokio::runtime::Runtime;

use crate::{
    Error, GroupSecret, Invite, RelayAddr,
    client::fuzzing::{load_state, read_outbox},
    crypto::{GroupKeys, ObjectLayout, open, open_chunk, open_manifest},
    pairing::PairingCode,
    protocol::{FrameError, MAX_FRAME, Message, read_message, write_message},
};

/// One target's checks: panics on a finding.
pub type Check = fn(&[u8]);

/// Every target by name (the name of its binary and of its folder in `fuzz/corpus/`).
pub const TARGETS: &[(&str, Check)] = &[
    ("frame", frame),
    ("envelope", envelope),
    ("invite", invite),
    ("pairing_code", pairing_code),
    ("relay_addr", relay_addr),
    ("state_file", state_file),
    ("outbox", outbox),
];

static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
});

/// Runs `work` on the targets' one runtime (a runtime per input would dominate each run).
fn block_on<F: Future>(work: F) -> F::Output {
    RUNTIME.block_on(work)
}

/// Frames as either side reads them (the relay reading a device, a device reading a relay:
/// one reader, `read_message`), from a stream holding any bytes: every frame decodes or is a
/// `FrameError`, and what decodes is what the general decoder (postcard) makes of the same
/// frame (the reader takes a short cut for chunk frames), and is written back to the same
/// message.
pub fn frame(data: &[u8]) {
    block_on(async {
        let mut stream = data;
        loop {
            let before = stream;
            match read_message(&mut stream).await {
                Ok(message) => {
                    let frame = &before[4..before.len() - stream.len()];
                    assert_eq!(
                        postcard::from_bytes::<Message>(frame).ok().as_ref(),
                        Some(&message)
                    );
                    let mut written = Vec::new();
                    write_message(&mut written, &message).await.unwrap();
                    assert_eq!(read_message(&mut &written[..]).await.unwrap(), message);
                }
                Err(FrameError::Closed) => break,
                Err(FrameError::TooLarge(len)) => {
                    assert!(len > MAX_FRAME);
                    break;
                }
                Err(FrameError::Malformed(_) | FrameError::Io(_)) => break,
            }
        }
    });
}

/// The secret of tests/vectors (00 01 … 1f), so the seeds open.
static KEYS: LazyLock<GroupKeys> =
    LazyLock::new(|| GroupKeys::derive(&GroupSecret::from_bytes(std::array::from_fn(|i| i as u8))));

fn refused_as_such<T>(result: Result<T, Error>) {
    if let Err(e) = result {
        assert!(
            matches!(e, Error::Tampered { .. } | Error::Protocol(_)),
            "{e:?}"
        );
    }
}

/// Envelopes as a device opens them from a relay: a blob, a chunk of an object (of a layout
/// taken from the input), and a manifest. Each opens, or is `Tampered`, or `Protocol` for an
/// envelope of another kind (written for another purpose, or by a newer client); none panics.
pub fn envelope(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Some((id, envelope)) = rest.split_first_chunk::<16>() else {
        return;
    };
    match which % 3 {
        0 => refused_as_such(open(&KEYS, id, envelope.to_vec())),
        1 => {
            let Some((head, envelope)) = envelope.split_first_chunk::<20>() else {
                return;
            };
            let size = u64::from_le_bytes(head[..8].try_into().unwrap()) % (1 << 40);
            let chunk_size = u32::from_le_bytes(head[8..12].try_into().unwrap());
            let index = u64::from_le_bytes(head[12..].try_into().unwrap());
            if let Ok(layout) = ObjectLayout::new(size, chunk_size) {
                refused_as_such(open_chunk(&KEYS, id, &layout, index, envelope.to_vec()));
            }
        }
        _ => refused_as_such(open_manifest(&KEYS, id, envelope.to_vec())),
    }
}

/// Invite strings as a person pastes or a QR code scans them: each parses or is one of the
/// invite errors; what parses encodes back to an invite that parses the same.
pub fn invite(data: &[u8]) {
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
}

/// Pairing codes as a person types them: each parses or is `InvalidPairingCode`; what parses
/// is the code it shows back.
pub fn pairing_code(data: &[u8]) {
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
}

/// Relay addresses from configs, invites and command lines: each parses or is
/// `InvalidConfig`; what parses prints back to the same address.
pub fn relay_addr(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match text.parse::<RelayAddr>() {
        Ok(addr) => assert_eq!(addr.to_string().parse::<RelayAddr>().unwrap(), addr),
        Err(Error::InvalidConfig(_)) => {}
        Err(e) => panic!("{e:?}"),
    }
}

/// `data` as the file `name` in a fresh directory, for `check`.
fn as_file(name: &str, data: &[u8], check: impl FnOnce(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, data).unwrap();
    check(&path);
}

/// A device state file with any content (a crash, a full disk, another program): loading it
/// starts from it, starts fresh, or is a `State` error.
pub fn state_file(data: &[u8]) {
    as_file("device.state", data, |path| {
        match load_state(path, &[1; 32]) {
            Ok(()) | Err(Error::State(_)) => {}
            Err(e) => panic!("{e:?}"),
        }
    });
}

/// An outbox file with any content: opening it and reading back every waiting blob works or
/// is a `State` error. The input is a SQLite file's bytes; the seeds are real outboxes.
pub fn outbox(data: &[u8]) {
    as_file("device.state.outbox", data, |path| {
        match block_on(read_outbox(path, [1; 32])) {
            Ok(_) | Err(Error::State(_)) => {}
            Err(e) => panic!("{e:?}"),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::TARGETS;

    /// Every input the fuzzers kept (`fuzz/corpus/<target>/`, minimized after each run of
    /// scripts/fuzz) still passes its target's checks.
    #[test]
    fn every_kept_fuzz_input_still_passes() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
        for (name, check) in TARGETS {
            let inputs = std::fs::read_dir(corpus.join(name))
                .unwrap_or_else(|e| panic!("fuzz/corpus/{name}: {e}"))
                .map(|entry| entry.unwrap().path())
                .collect::<Vec<_>>();
            assert!(!inputs.is_empty(), "fuzz/corpus/{name} is empty");
            for input in inputs {
                let data = std::fs::read(&input).unwrap();
                let outcome = std::panic::catch_unwind(|| check(&data));
                assert!(outcome.is_ok(), "{name}: {} fails", input.display());
            }
        }
    }
}
