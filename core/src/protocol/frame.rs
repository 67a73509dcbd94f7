//! Framing: a 4-byte big-endian length, then that many bytes of postcard-encoded
//! [`Message`]. A hard maximum keeps a peer from making the other allocate at will.

use std::{
    pin::Pin,
    task::{Context, Waker},
};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};

use super::{Message, StoredBlob};

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

/// Reads a frame's length, refusing one over [`MAX_FRAME`]: a reader that bounds the memory
/// all its streams hold takes its share for `len` bytes before [`read_message_body`].
pub async fn read_frame_len<R: AsyncRead + Unpin>(r: &mut R) -> Result<usize, FrameError> {
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
    Ok(len)
}

/// Reads the `len` bytes of a frame whose length [`read_frame_len`] read, as a message; a
/// stream that ends inside it is `Malformed`. A chunk's envelope (the last field of
/// `ChunkPut` and `Chunk`) is read into a buffer of its own, not into the frame's and then
/// copied out by decoding: a megabyte copied per chunk for nothing.
pub async fn read_message_body<R: AsyncRead + Unpin>(
    r: &mut R,
    len: usize,
) -> Result<Message, FrameError> {
    let mut head = Vec::with_capacity(len.min(CHUNK_HEAD_MAX));
    fill(r, &mut head, len, len.min(CHUNK_HEAD_MAX)).await?;
    if let Some((mut msg, at, envelope_len)) = chunk_head(&head)
        && at.checked_add(envelope_len) == Some(len)
        && let Message::ChunkPut { envelope, .. } | Message::Chunk { envelope, .. } = &mut msg
    {
        envelope.reserve_exact(envelope_len);
        envelope.extend_from_slice(&head[at..]);
        fill(r, envelope, len, envelope_len).await?;
        return Ok(msg);
    }
    head.reserve_exact(len - head.len());
    fill(r, &mut head, len, len).await?;
    decode_message(&head)
}

/// Reads from `r` into `buf` until it holds `to` bytes, straight into its uninitialised
/// capacity (no zeroing, no regrowth); `frame_len` is for the error.
async fn fill<R: AsyncRead + Unpin>(
    r: &mut R,
    buf: &mut Vec<u8>,
    frame_len: usize,
    to: usize,
) -> Result<(), FrameError> {
    while buf.len() < to {
        let remaining = (to - buf.len()) as u64;
        if (&mut *r).take(remaining).read_buf(buf).await? == 0 {
            return Err(FrameError::Malformed(format!(
                "stream ended inside a {frame_len}-byte frame"
            )));
        }
    }
    Ok(())
}

/// Bytes of a frame that hold every field of `ChunkPut` and `Chunk` before the envelope.
const CHUNK_HEAD_MAX: usize = 64;

/// For the first bytes of a `ChunkPut` or `Chunk` frame: the message without its envelope,
/// where the envelope starts and its length. Postcard writes an enum as its variant's index,
/// then the fields; a byte string as its length, then its bytes. The variants' indexes are
/// read off hollow messages, so this follows the `Message` definition.
fn chunk_head(head: &[u8]) -> Option<(Message, usize, usize)> {
    static VARIANTS: std::sync::LazyLock<[u32; 2]> = std::sync::LazyLock::new(|| {
        let variant = |m: &Message| {
            let encoded = postcard::to_stdvec(m).expect("a message encodes");
            postcard::from_bytes::<u32>(&encoded).expect("a variant index")
        };
        [
            variant(&Message::ChunkPut {
                object_id: [0; 16],
                index: 0,
                envelope: Vec::new(),
            }),
            variant(&Message::Chunk {
                index: 0,
                envelope: Vec::new(),
            }),
        ]
    });
    let (variant, fields) = postcard::take_from_bytes::<u32>(head).ok()?;
    let (hollow, envelope_len, rest) = if variant == VARIANTS[0] {
        let ((object_id, index, len), rest) =
            postcard::take_from_bytes::<([u8; 16], u64, usize)>(fields).ok()?;
        let hollow = Message::ChunkPut {
            object_id,
            index,
            envelope: Vec::new(),
        };
        (hollow, len, rest)
    } else if variant == VARIANTS[1] {
        let ((index, len), rest) = postcard::take_from_bytes::<(u64, usize)>(fields).ok()?;
        let hollow = Message::Chunk {
            index,
            envelope: Vec::new(),
        };
        (hollow, len, rest)
    } else {
        return None;
    };
    Some((hollow, head.len() - rest.len(), envelope_len))
}

pub async fn read_message<R: AsyncRead + Unpin>(r: &mut R) -> Result<Message, FrameError> {
    let len = read_frame_len(r).await?;
    read_message_body(r, len).await
}

/// Decodes one frame's bytes.
fn decode_message(frame: &[u8]) -> Result<Message, FrameError> {
    postcard::from_bytes(frame).map_err(malformed)
}

/// Envelopes at least this large go to the stream straight from their blob; smaller ones are
/// copied into a buffer with their neighbours, so a page of small blobs takes few writes.
const DIRECT_ENVELOPE: usize = 16 * 1024;
/// Buffered bytes after which the buffer goes out.
const WRITE_CHUNK: usize = 64 * 1024;

/// Writes `msg` as one frame. A page of blobs goes out blob by blob ([`write_page`]), and a
/// large envelope straight from its message ([`write_around`]).
pub async fn write_message<W: AsyncWrite + Unpin>(
    w: &mut W,
    msg: &Message,
) -> Result<(), FrameError> {
    match msg {
        Message::PullPage { blobs, has_more } => write_page(w, blobs, *has_more).await,
        Message::Push {
            blob_id,
            envelope,
            ttl_secs,
        } if envelope.len() >= DIRECT_ENVELOPE => {
            let hollow = Message::Push {
                blob_id: *blob_id,
                envelope: Vec::new(),
                ttl_secs: *ttl_secs,
            };
            write_around(w, &hollow, envelope, encoded_len(ttl_secs)?).await
        }
        Message::Notify { blob } if blob.envelope.len() >= DIRECT_ENVELOPE => {
            write_notify(w, blob).await
        }
        // Chunks (a megabyte each) are the envelope-last messages of large objects.
        Message::ChunkPut {
            object_id,
            index,
            envelope,
        } if envelope.len() >= DIRECT_ENVELOPE => {
            let hollow = Message::ChunkPut {
                object_id: *object_id,
                index: *index,
                envelope: Vec::new(),
            };
            write_around(w, &hollow, envelope, 0).await
        }
        Message::Chunk { index, envelope } if envelope.len() >= DIRECT_ENVELOPE => {
            let hollow = Message::Chunk {
                index: *index,
                envelope: Vec::new(),
            };
            write_around(w, &hollow, envelope, 0).await
        }
        // A small envelope is copied with the rest into one exactly sized buffer.
        _ => {
            let buf = encode_frame(msg, Vec::new())?;
            w.write_all(&buf).await?;
            Ok(())
        }
    }
}

/// Writes `Message::Notify { blob }` for a blob the caller only borrows: a relay announces one
/// live blob to every subscriber of its group, and none of them needs a copy of it.
pub async fn write_notify<W: AsyncWrite + Unpin>(
    w: &mut W,
    blob: &StoredBlob,
) -> Result<(), FrameError> {
    let hollow = Message::Notify {
        blob: StoredBlob {
            envelope: Vec::new(),
            ..*blob
        },
    };
    write_around(w, &hollow, &blob.envelope, 0).await
}

/// Writes a message holding `envelope` as one frame, without copying a large envelope into a
/// buffer with the rest (for a push or a live blob of 64 KiB, a copy for nothing). `hollow`
/// is the message with an empty envelope, followed in it by `after` bytes of other fields
/// ([`envelope_head`]). A small envelope joins the rest in one write.
async fn write_around<W: AsyncWrite + Unpin>(
    w: &mut W,
    hollow: &Message,
    envelope: &[u8],
    after: usize,
) -> Result<(), FrameError> {
    let (mut frame, after) = frame_head(hollow, envelope.len(), after)?;
    if envelope.len() >= DIRECT_ENVELOPE {
        w.write_all(&frame).await?;
        w.write_all(envelope).await?;
        w.write_all(&after).await?;
    } else {
        frame.extend_from_slice(envelope);
        frame.extend_from_slice(&after);
        w.write_all(&frame).await?;
    }
    Ok(())
}

/// A frame holding `hollow` with an envelope of `envelope_len` bytes, up to that envelope:
/// length prefix and the fields before it; with the encoding of the `after` bytes of fields
/// that follow the envelope ([`envelope_head`]).
fn frame_head(
    hollow: &Message,
    envelope_len: usize,
    after: usize,
) -> Result<(Vec<u8>, Vec<u8>), FrameError> {
    // The frame's length goes first; it is known once the head is.
    let (mut frame, after) = envelope_head(hollow, envelope_len, after, vec![0; 4])?;
    let len = frame.len() - 4 + envelope_len + after.len();
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    frame[..4].copy_from_slice(&(len as u32).to_be_bytes());
    Ok((frame, after))
}

/// The bytes of a `Chunk { index, envelope }` frame before its envelope of `envelope_len`
/// bytes: a writer that owns the envelope sends them, then hands the envelope itself to the
/// stream, uncopied.
pub fn chunk_frame_head(index: u64, envelope_len: usize) -> Result<Vec<u8>, FrameError> {
    let hollow = Message::Chunk {
        index,
        envelope: Vec::new(),
    };
    Ok(frame_head(&hollow, envelope_len, 0)?.0)
}

/// Appends `msg` to `buf` as one frame. Sized first (a walk that copies nothing), so a large
/// message is serialised into an allocation of the right size instead of a buffer regrown
/// (and copied) many times.
fn encode_frame(msg: &Message, mut buf: Vec<u8>) -> Result<Vec<u8>, FrameError> {
    let len = encoded_len(msg)?;
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    buf.reserve(4 + len);
    buf.extend_from_slice(&(len as u32).to_be_bytes());
    postcard::to_extend(msg, buf).map_err(malformed)
}

/// Frames for one stream, sent in writes of about [`WRITE_CHUNK`] bytes: for runs of small
/// messages (a subscription's backlog), which a write each would cost more than their bytes.
/// Nothing is sent before [`FrameBatch::flush`] unless the batch has grown to a write's size.
#[derive(Default)]
pub struct FrameBatch {
    buf: Vec<u8>,
}

impl FrameBatch {
    pub async fn push<W: AsyncWrite + Unpin>(
        &mut self,
        w: &mut W,
        msg: &Message,
    ) -> Result<(), FrameError> {
        self.buf = encode_frame(msg, std::mem::take(&mut self.buf))?;
        self.flush_if_full(w).await
    }

    /// Sends what is queued once it is a write's worth.
    async fn flush_if_full<W: AsyncWrite + Unpin>(&mut self, w: &mut W) -> Result<(), FrameError> {
        if self.buf.len() >= WRITE_CHUNK {
            self.flush(w).await?;
        }
        Ok(())
    }

    pub async fn flush<W: AsyncWrite + Unpin>(&mut self, w: &mut W) -> Result<(), FrameError> {
        if !self.buf.is_empty() {
            w.write_all(&self.buf).await?;
            self.buf.clear();
        }
        Ok(())
    }
}

/// Writes `Message::PullPage { blobs, has_more }` as one frame, the bytes postcard gives the
/// whole message, but blob by blob: the first blobs are on the wire while the others are
/// still being encoded, no buffer of the whole page (megabytes) is built, and large envelopes
/// are not copied on the way.
async fn write_page<W: AsyncWrite + Unpin>(
    w: &mut W,
    blobs: &[StoredBlob],
    has_more: bool,
) -> Result<(), FrameError> {
    // Postcard writes an enum as its variant's index, then the fields; a sequence as its
    // length, then the elements. The variant's prefix is read off an empty page (index,
    // length 0, has_more), so it follows the `Message` definition.
    let empty = postcard::to_stdvec(&Message::PullPage {
        blobs: Vec::new(),
        has_more,
    })
    .map_err(malformed)?;
    let (variant, has_more_byte) = (&empty[..empty.len() - 2], empty[empty.len() - 1]);
    let count = postcard::to_stdvec(&blobs.len()).map_err(malformed)?;
    let mut len = variant.len() + count.len() + 1;
    for blob in blobs {
        len += encoded_len(blob)?;
    }
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    // The page's parts queue in a batch like frames do.
    let mut out = FrameBatch {
        buf: Vec::with_capacity(WRITE_CHUNK + DIRECT_ENVELOPE),
    };
    out.buf.extend_from_slice(&(len as u32).to_be_bytes());
    out.buf.extend_from_slice(variant);
    out.buf.extend_from_slice(&count);
    for blob in blobs {
        if blob.envelope.len() >= DIRECT_ENVELOPE {
            out.buf = blob_head(blob, std::mem::take(&mut out.buf))?;
            out.flush(w).await?;
            w.write_all(&blob.envelope).await?;
        } else {
            out.buf = postcard::to_extend(blob, std::mem::take(&mut out.buf)).map_err(malformed)?;
            out.flush_if_full(w).await?;
        }
    }
    out.buf.push(has_more_byte);
    out.flush(w).await
}

/// `blob`'s encoding up to its envelope's bytes, appended to `buf`.
fn blob_head(blob: &StoredBlob, buf: Vec<u8>) -> Result<Vec<u8>, FrameError> {
    let hollow = StoredBlob {
        envelope: Vec::new(),
        ..*blob
    };
    Ok(envelope_head(&hollow, blob.envelope.len(), 0, buf)?.0)
}

/// Appends to `buf` the encoding of a value up to its envelope's bytes, for an envelope of
/// `envelope_len` bytes; returns it with the encoding of the fields after the envelope.
/// `hollow` is the value with an empty envelope, followed in it by `after` bytes of other
/// fields: postcard writes a byte string as its length, then its bytes, so `hollow` encodes
/// as the bytes before the envelope, a length of 0, then those `after` bytes. Read off the
/// value itself, this keeps in step with its definition.
fn envelope_head<T: serde::Serialize>(
    hollow: &T,
    envelope_len: usize,
    after: usize,
    buf: Vec<u8>,
) -> Result<(Vec<u8>, Vec<u8>), FrameError> {
    let mut buf = postcard::to_extend(hollow, buf).map_err(malformed)?;
    let after = buf.split_off(buf.len() - after);
    buf.pop();
    let buf = postcard::to_extend(&envelope_len, buf).map_err(malformed)?;
    Ok((buf, after))
}

fn encoded_len<T: serde::Serialize + ?Sized>(value: &T) -> Result<usize, FrameError> {
    postcard::serialize_with_flavor(value, postcard::ser_flavors::Size::default())
        .map_err(malformed)
}

fn malformed(e: postcard::Error) -> FrameError {
    FrameError::Malformed(e.to_string())
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
    use crate::protocol::{ErrorCode, Limits};

    #[tokio::test]
    async fn a_page_written_blob_by_blob_is_the_same_frame() {
        let blob = |cursor: u64, len: usize| StoredBlob {
            cursor,
            blob_id: [cursor as u8; 16],
            origin: [7; 16],
            timestamp_ms: cursor.wrapping_add(1_700_000_000_000),
            envelope: (0..len).map(|i| i as u8).collect(),
        };
        for (blobs, has_more) in [
            (vec![], false),
            (vec![blob(1, 0)], true),
            (
                vec![blob(300, 200), blob(70_000, 70_000), blob(u64::MAX, 5)],
                false,
            ),
            // Around the size written straight from the blob, and a run of small blobs
            // longer than one buffered write.
            (
                [
                    DIRECT_ENVELOPE - 1,
                    DIRECT_ENVELOPE,
                    DIRECT_ENVELOPE + 1,
                    300_000,
                ]
                .into_iter()
                .enumerate()
                .map(|(i, len)| blob(i as u64 + 1, len))
                .collect(),
                true,
            ),
            ((1..100).map(|c| blob(c, 1500)).collect(), false),
            ((1..200).map(|c| blob(c, c as usize)).collect(), true),
        ] {
            let msg = Message::PullPage { blobs, has_more };
            let mut streamed = Vec::new();
            write_message(&mut streamed, &msg).await.unwrap();
            let body = postcard::to_stdvec(&msg).unwrap();
            let whole = [&(body.len() as u32).to_be_bytes()[..], &body].concat();
            assert_eq!(streamed, whole);
            assert_eq!(read_message(&mut streamed.as_slice()).await.unwrap(), msg);
        }
    }

    #[tokio::test]
    async fn an_envelope_written_in_place_is_the_same_frame() {
        let envelope = |len: usize| (0..len).map(|i| i as u8).collect::<Vec<_>>();
        for len in [
            0,
            DIRECT_ENVELOPE - 1,
            DIRECT_ENVELOPE,
            70_000,
            MAX_FRAME - 1000,
        ] {
            for ttl_secs in [None, Some(5), Some(u64::MAX)] {
                let push = Message::Push {
                    blob_id: [9; 16],
                    envelope: envelope(len),
                    ttl_secs,
                };
                let notify = Message::Notify {
                    blob: StoredBlob {
                        cursor: ttl_secs.unwrap_or(1 << 40),
                        blob_id: [3; 16],
                        origin: [4; 16],
                        timestamp_ms: 1_700_000_000_000,
                        envelope: envelope(len),
                    },
                };
                let chunk_put = Message::ChunkPut {
                    object_id: [5; 16],
                    index: ttl_secs.unwrap_or(7),
                    envelope: envelope(len),
                };
                let chunk = Message::Chunk {
                    index: ttl_secs.unwrap_or(1 << 33),
                    envelope: envelope(len),
                };
                for msg in [push, notify, chunk_put, chunk] {
                    let mut streamed = Vec::new();
                    write_message(&mut streamed, &msg).await.unwrap();
                    let body = postcard::to_stdvec(&msg).unwrap();
                    let whole = [&(body.len() as u32).to_be_bytes()[..], &body].concat();
                    assert!(streamed == whole, "{} of {len} bytes", msg.kind());
                    assert_eq!(read_message(&mut streamed.as_slice()).await.unwrap(), msg);
                    if let Message::Chunk { index, envelope } = &msg {
                        let head = chunk_frame_head(*index, envelope.len()).unwrap();
                        assert!([&head, &envelope[..]].concat() == whole, "Chunk head");
                    }
                    if let Message::Notify { blob } = &msg {
                        let mut borrowed = Vec::new();
                        write_notify(&mut borrowed, blob).await.unwrap();
                        assert!(borrowed == whole, "Notify of a borrowed {len}-byte blob");
                    }
                }
            }
        }
        let too_large = Message::Push {
            blob_id: [9; 16],
            envelope: envelope(MAX_FRAME),
            ttl_secs: None,
        };
        let mut streamed = Vec::new();
        assert!(matches!(
            write_message(&mut streamed, &too_large).await,
            Err(FrameError::TooLarge(_))
        ));
        assert!(streamed.is_empty(), "nothing of a refused frame is written");
    }

    #[tokio::test]
    async fn a_frame_batch_writes_whole_frames_in_chunks() {
        let notify = |cursor: u64| Message::Notify {
            blob: StoredBlob {
                cursor,
                blob_id: [1; 16],
                origin: [2; 16],
                timestamp_ms: cursor,
                envelope: vec![cursor as u8; 1000],
            },
        };
        let (mut out, mut batch) = (Vec::new(), FrameBatch::default());
        batch.push(&mut out, &notify(1)).await.unwrap();
        assert!(out.is_empty(), "a small frame waits for company");
        for cursor in 2..=200 {
            batch.push(&mut out, &notify(cursor)).await.unwrap();
        }
        let written = out.len();
        assert!(written >= WRITE_CHUNK, "full chunks go out as they fill");
        batch.flush(&mut out).await.unwrap();
        assert!(out.len() > written, "flush sends the rest");
        let mut frames = out.as_slice();
        for cursor in 1..=200 {
            assert_eq!(read_message(&mut frames).await.unwrap(), notify(cursor));
        }
        assert!(frames.is_empty());
    }

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

        // A stream that ends inside a chunk's envelope; a chunk frame that ends before the
        // envelope it declares.
        let chunk = Message::Chunk {
            index: 1,
            envelope: vec![7; 100_000],
        };
        let mut whole = Vec::new();
        write_message(&mut whole, &chunk).await.unwrap();
        let cut = &whole[..whole.len() - 1];
        assert!(matches!(
            read_message(&mut &cut[..]).await,
            Err(FrameError::Malformed(_))
        ));
        let mut short = whole[..whole.len() - 10].to_vec();
        short[..4].copy_from_slice(&((whole.len() - 14) as u32).to_be_bytes());
        assert!(matches!(
            read_message(&mut &short[..]).await,
            Err(FrameError::Malformed(_))
        ));

        // A chunk frame declaring an envelope of 2^64 - 1 bytes.
        let mut huge = Vec::new();
        write_message(
            &mut huge,
            &Message::Chunk {
                index: 1,
                envelope: vec![7; 5],
            },
        )
        .await
        .unwrap();
        let head = huge.len() - 4 - 5 - 1;
        let mut lying = huge[4..4 + head].to_vec();
        lying.extend_from_slice(&postcard::to_stdvec(&u64::MAX).unwrap());
        lying.extend_from_slice(&[7; 5]);
        let framed = [&(lying.len() as u32).to_be_bytes()[..], &lying].concat();
        assert!(matches!(
            read_message(&mut &framed[..]).await,
            Err(FrameError::Malformed(_))
        ));

        let garbage = [0, 0, 0, 3, 0xff, 0xff, 0xff];
        assert!(matches!(
            read_message(&mut &garbage[..]).await,
            Err(FrameError::Malformed(_))
        ));
    }

    /// Known answers for the large-object messages, appended after the pairing ones: the
    /// variant indexes are part of the wire (postcard numbers variants by position).
    #[tokio::test]
    async fn object_message_encoding() {
        let cases = [
            (
                Message::ChunkPut {
                    object_id: [0xAB; 16],
                    index: 300,
                    envelope: vec![1, 2, 3],
                },
                [&[0x12][..], &[0xAB; 16], &[0xAC, 0x02, 0x03, 1, 2, 3]].concat(),
            ),
            (
                Message::Error {
                    code: ErrorCode::ObjectIncomplete { missing: 2 },
                    message: "x".into(),
                },
                vec![0x0A, 0x12, 0x02, 0x01, b'x'],
            ),
            (
                Message::Chunk {
                    index: 1,
                    envelope: vec![9],
                },
                vec![0x18, 0x01, 0x01, 9],
            ),
        ];
        for (msg, body) in cases {
            let expected = [&(body.len() as u32).to_be_bytes()[..], &body].concat();
            let mut buf = Vec::new();
            write_message(&mut buf, &msg).await.unwrap();
            assert_eq!(buf, expected, "{}", msg.kind());
            assert_eq!(read_message(&mut buf.as_slice()).await.unwrap(), msg);
        }
    }

    /// Known answer for the handshake's last frame, with and without a cluster id: the
    /// bytes every implementation of the protocol must produce (postcard: variant index and
    /// integers as varints, an option as a 0/1 tag, a fixed array as its bytes).
    #[tokio::test]
    async fn welcome_encoding() {
        let limits = Limits {
            max_envelope_bytes: 1000,
            max_ttl_secs: 60,
            max_page_blobs: 512,
        };
        let head = [0x03, 0x01, 0xE8, 0x07, 0x3C, 0x80, 0x04];
        for (cluster, tail) in [
            (None, vec![0x00]),
            (Some([0xAB; 16]), [vec![0x01], vec![0xAB; 16]].concat()),
        ] {
            let msg = Message::Welcome {
                version: 1,
                limits,
                cluster,
            };
            let body = [&head[..], &tail].concat();
            let expected = [&(body.len() as u32).to_be_bytes()[..], &body].concat();
            let mut buf = Vec::new();
            write_message(&mut buf, &msg).await.unwrap();
            assert_eq!(buf, expected, "{cluster:?}");
            assert_eq!(read_message(&mut buf.as_slice()).await.unwrap(), msg);
        }
    }
}
