//! Frames as either side reads them (the relay reading a device, a device reading a relay:
//! one reader, `read_message`), from a stream holding any bytes: every frame decodes or is a
//! `FrameError`, and what decodes is what the general decoder (postcard) makes of the same
//! frame (the reader takes a short cut for chunk frames), and is written back to the same
//! message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerok_core::protocol::{FrameError, Message, read_message, write_message};

fuzz_target!(|data: &[u8]| {
    zerok_fuzz::block_on(async {
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
                    assert!(len > zerok_core::protocol::MAX_FRAME);
                    break;
                }
                Err(FrameError::Malformed(_) | FrameError::Io(_)) => break,
            }
        }
    });
});
