//! Envelopes as a device opens them from a relay: a blob, a chunk of an object (of a layout
//! taken from the input), and a manifest. Each opens, or is `Tampered`, or `Protocol` for an
//! envelope of another kind (written for another purpose, or by a newer client); none panics.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use zerok_core::{
    Error, GroupSecret,
    crypto::{GroupKeys, ObjectLayout, open, open_chunk, open_manifest},
};

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

fuzz_target!(|data: &[u8]| {
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
});
