//! smartrust's JSON-lines protocol (`@push.rocks/smartrust` 1.3): one UTF-8 JSON object a
//! line. A request is `{id, method, params}`; the answer is `{id, success: true, result}` or
//! `{id, success: false, error, code}`, before which a streaming command sends
//! `{id, stream: true, data}` chunks; an event is `{event, data}` with no `id`, which the
//! bridge re-emits as `management:<event>`.
//!
//! smartrust rejects a failed request with `new Error(error)` and drops every other field, so
//! `error` starts with the contract's variant name (`"Tampered: …"`) and `code` repeats it
//! for readers that keep the object.

use bytes::BytesMut;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio_util::codec::{Decoder, LinesCodec, LinesCodecError};
use zerok_sync_ffi::SyncError;

/// smartrust's own limit on a line (`maxPayloadSize`, 50 MB): a request it lets through, the
/// daemon reads.
pub const DEFAULT_MAX_LINE_BYTES: usize = 50 * 1024 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub id: Value,
    pub method: String,
    #[serde(default)]
    pub params: Value,
}

/// What the daemon writes: every variant is one line.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Line {
    Ok {
        id: Value,
        success: bool,
        result: Value,
    },
    Failed {
        id: Value,
        success: bool,
        error: String,
        code: String,
    },
    Chunk {
        id: Value,
        stream: bool,
        data: Value,
    },
    Event {
        event: String,
        data: Value,
    },
}

impl Line {
    pub fn answer(id: Value, result: Result<Value, SyncError>) -> Self {
        match result {
            Ok(result) => Self::Ok {
                id,
                success: true,
                result,
            },
            Err(e) => {
                let code = error_code(&e);
                Self::Failed {
                    id,
                    success: false,
                    error: format!("{code}: {e}"),
                    code,
                }
            }
        }
    }

    pub fn chunk(id: Value, data: Value) -> Self {
        Self::Chunk {
            id,
            stream: true,
            data,
        }
    }

    pub fn event(event: impl Into<String>, data: Value) -> Self {
        Self::Event {
            event: event.into(),
            data,
        }
    }

    pub fn to_json(&self) -> String {
        let mut line = serde_json::to_string(self).expect("a line is plain JSON");
        line.push('\n');
        line
    }
}

/// The variant's name, as every language's error type names it.
pub fn error_code(e: &SyncError) -> String {
    match serde_json::to_value(e) {
        Ok(Value::Object(mut fields)) => match fields.remove("code") {
            Some(Value::String(code)) => code,
            _ => "Internal".into(),
        },
        _ => "Internal".into(),
    }
}

/// The lines of one session, each at most `max` bytes: a longer line is skipped without
/// being held in memory, and reported as an error in its place, as is one that is not UTF-8.
pub struct Lines<R> {
    reader: R,
    codec: LinesCodec,
    buf: BytesMut,
}

impl<R: AsyncRead + Unpin> Lines<R> {
    pub fn new(reader: R, max: usize) -> Self {
        Self {
            reader,
            codec: LinesCodec::new_with_max_length(max),
            buf: BytesMut::with_capacity(64 * 1024),
        }
    }

    /// The next line; `None` at the end of the input (or when it cannot be read any more).
    pub async fn next(&mut self) -> Option<Result<String, SyncError>> {
        loop {
            match self.codec.decode(&mut self.buf) {
                Ok(Some(line)) => return Some(Ok(line)),
                Ok(None) => {}
                Err(LinesCodecError::MaxLineLengthExceeded) => {
                    return Some(Err(SyncError::PayloadTooLarge(format!(
                        "a line over {} bytes was skipped",
                        self.codec.max_length()
                    ))));
                }
                Err(LinesCodecError::Io(e)) => {
                    return Some(Err(SyncError::Protocol(format!("a line was skipped: {e}"))));
                }
            }
            match self.reader.read_buf(&mut self.buf).await {
                Ok(0) | Err(_) => {
                    // A last line without its newline still counts.
                    return match self.codec.decode_eof(&mut self.buf) {
                        Ok(Some(line)) => Some(Ok(line)),
                        _ => None,
                    };
                }
                Ok(_) => {}
            }
        }
    }
}
