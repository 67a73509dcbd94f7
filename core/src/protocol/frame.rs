//! Framing: a 4-byte big-endian length, then that many bytes of postcard-encoded
//! [`Message`]. A hard maximum keeps a peer from making the other allocate at will.

use std::{
    pin::Pin,
    task::{Context, Waker},
};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};

use super::Message;

/// Largest frame either side accepts: a maximal blob plus headroom for its metadata.
pub const MAX_FRAME: usize = 16 * 1024 * 1024 + 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    /// The stream ended cleanly before a frame began.
    #[error("stream closed")]
    Closed,
    #[error("frame of {0} bytes exceeds the {MAX_FRAME}-byte limit")]
    TooLarge(usize),
    #[error("malformed frame: {0}")]
    Malformed(String),
    #[error("stream failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Reads one frame's bytes; `Closed` if the stream ends cleanly before it starts, and
/// `Malformed` if it ends inside a frame (so the peer can be told, not just dropped).
pub async fn read_frame<R: AsyncRead + Unpin>(r: &mut R) -> Result<Vec<u8>, FrameError> {
    let mut header = [0u8; 4];
    let mut filled = 0;
    while filled < header.len() {
        match r.read(&mut header[filled..]).await? {
            0 if filled == 0 => return Err(FrameError::Closed),
            0 => {
                return Err(FrameError::Malformed(format!(
                    "stream ended after {filled} of 4 header bytes"
                )));
            }
            n => filled += n,
        }
    }
    let len = u32::from_be_bytes(header) as usize;
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    // Filled straight from the stream into uninitialised capacity: no zeroing, no regrowth.
    let mut buf = Vec::with_capacity(len);
    while buf.len() < len {
        let remaining = (len - buf.len()) as u64;
        if (&mut *r).take(remaining).read_buf(&mut buf).await? == 0 {
            return Err(FrameError::Malformed(format!(
                "stream ended inside a {len}-byte frame"
            )));
        }
    }
    Ok(buf)
}

pub async fn read_message<R: AsyncRead + Unpin>(r: &mut R) -> Result<Message, FrameError> {
    let buf = read_frame(r).await?;
    postcard::from_bytes(&buf).map_err(|e| FrameError::Malformed(e.to_string()))
}

pub async fn write_message<W: AsyncWrite + Unpin>(
    w: &mut W,
    msg: &Message,
) -> Result<(), FrameError> {
    // Sized first (a walk that copies nothing), so a page of blobs is serialised into one
    // allocation of the right size instead of a buffer regrown (and copied) ~20 times.
    let len = postcard::serialize_with_flavor(msg, postcard::ser_flavors::Size::default())
        .map_err(|e| FrameError::Malformed(e.to_string()))?;
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    let mut buf = Vec::with_capacity(4 + len);
    buf.extend_from_slice(&(len as u32).to_be_bytes());
    let buf = postcard::to_extend(msg, buf).map_err(|e| FrameError::Malformed(e.to_string()))?;
    w.write_all(&buf).await?;
    Ok(())
}

/// Consumes the end of `r` if it has already arrived, never waiting for it.
///
/// A request stream carries one message each way, each followed at once by the end of the
/// stream, so the end usually arrives in the same packet as the message. Over QUIC, a stream
/// dropped before its end was read asks the peer to stop sending (a STOP_SENDING frame and
/// its acknowledgement): per request, traffic for nothing. Reading the end avoids that.
pub fn take_end_if_arrived<R: AsyncRead + Unpin>(r: &mut R) {
    let mut byte = [0u8; 1];
    let mut buf = ReadBuf::new(&mut byte);
    let _ = Pin::new(r).poll_read(&mut Context::from_waker(Waker::noop()), &mut buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::ErrorCode;

    #[tokio::test]
    async fn round_trip_and_limits() {
        let msg = Message::Error {
            code: ErrorCode::RateLimited { retry_after_ms: 5 },
            message: "slow down".into(),
        };
        let mut buf = Vec::new();
        write_message(&mut buf, &msg).await.unwrap();
        assert_eq!(read_message(&mut buf.as_slice()).await.unwrap(), msg);

        let mut empty: &[u8] = &[];
        assert!(matches!(
            read_message(&mut empty).await,
            Err(FrameError::Closed)
        ));

        let huge = ((MAX_FRAME + 1) as u32).to_be_bytes();
        assert!(matches!(
            read_message(&mut &huge[..]).await,
            Err(FrameError::TooLarge(_))
        ));

        let garbage = [0, 0, 0, 3, 0xff, 0xff, 0xff];
        assert!(matches!(
            read_message(&mut &garbage[..]).await,
            Err(FrameError::Malformed(_))
        ));
    }
}
