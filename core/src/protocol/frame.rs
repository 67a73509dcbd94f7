//! Framing: a 4-byte big-endian length, then that many bytes of postcard-encoded
//! [`Message`]. A hard maximum keeps a peer from making the other allocate at will.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

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
    let mut buf = vec![0u8; len];
    match r.read_exact(&mut buf).await {
        Ok(_) => Ok(buf),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(FrameError::Malformed(
            format!("stream ended inside a {len}-byte frame"),
        )),
        Err(e) => Err(e.into()),
    }
}

pub async fn read_message<R: AsyncRead + Unpin>(r: &mut R) -> Result<Message, FrameError> {
    let buf = read_frame(r).await?;
    postcard::from_bytes(&buf).map_err(|e| FrameError::Malformed(e.to_string()))
}

pub async fn write_message<W: AsyncWrite + Unpin>(
    w: &mut W,
    msg: &Message,
) -> Result<(), FrameError> {
    let mut buf = vec![0u8; 4];
    postcard::to_io(msg, &mut buf).map_err(|e| FrameError::Malformed(e.to_string()))?;
    let len = buf.len() - 4;
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    buf[..4].copy_from_slice(&(len as u32).to_be_bytes());
    w.write_all(&buf).await?;
    Ok(())
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
