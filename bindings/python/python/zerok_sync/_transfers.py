"""Files of any size: `Transfer`, an upload or a download running in the library, and
`Upload`, a push whose bytes the application writes.

Chunking, encryption, retries, resume, verification and the progress values are the Rust
library's, which runs a transfer whether or not anyone awaits it; this module adds `await`,
`async for` over the progress, `async with`, and cancellation by asyncio.
"""

from __future__ import annotations

import asyncio
import inspect
from types import TracebackType
from typing import Any, AsyncIterable, AsyncIterator, Generator, Iterable, Optional, Type, Union

from ._errors import translated
from ._fast_bytes import as_bytes
from ._native import zerok_sync as _ffi
from ._native.zerok_sync import TransferProgress, TransferResult
from ._streams import _Stream

#: What `Upload.write_from()` and `SyncClient.push_from()` read: a binary file object (a
#: blocking `read(n)`, run in a thread, or an async one), or an (async) iterable of bytes.
Source = Union[AsyncIterable[Any], Iterable[Any], Any]

# The size of one read from a source: the library's chunk size.
_PIECE = 1 << 20


class Transfer:
    """An upload (`push_file`, `Upload.transfer()`) or a download (`download`) that runs in
    the library from the moment it exists.

    `await transfer` (or `await transfer.outcome()`; any number of times, by any number of
    tasks) returns its `TransferResult`. Cancelling an awaiting task (`task.cancel()`,
    `asyncio.wait_for`) cancels the transfer itself, as cancelling `push()` cancels the push;
    to stop waiting without that, await `asyncio.shield(transfer.outcome())`.
    `async for p in transfer.progress():` follows it. Freeing the last `Transfer` cancels it:
    keep it until it ended.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _ffi.Transfer) -> None:
        """Private: use `SyncClient.push_file()`, `download()` or `Upload.transfer()`."""
        self._native = native

    def object_id(self) -> str:
        """The object's id (hex): the `object_id` of the blob other devices receive."""
        return self._native.object_id()

    def current_progress(self) -> TransferProgress:
        """Where the transfer stands now (the contract's `progress`)."""
        return self._native.progress()

    def progress(self) -> ProgressStream:
        """`async for p in transfer.progress():` each new progress, until the transfer ended
        (however it ended). A slow reader skips to the latest value."""
        return ProgressStream(self._native)

    async def outcome(self) -> TransferResult:
        """The result once the transfer ended: an upload's `cursor` or a download's `path`;
        SyncCancelledError, SyncIoError, TamperedError, ObjectUnavailableError and the like
        if it failed. Cancelling this coroutine cancels the transfer."""
        try:
            with translated:
                return await self._native.outcome()
        except asyncio.CancelledError:
            self.cancel()
            raise

    def __await__(self) -> Generator[Any, None, TransferResult]:
        return self.outcome().__await__()

    def cancel(self) -> None:
        """Stops the transfer: it ends with SyncCancelledError unless it ended first; a
        download leaves no file at its path. Idempotent."""
        self._native.cancel_transfer()


class ProgressStream(_Stream[TransferProgress]):
    """A transfer's progress as an async iterator: ends when the transfer ends. Each value
    is the latest one not yet read; `async with` or `close()` ends only this reading."""

    __slots__ = ("__weakref__", "_native")

    def __init__(self, native: _ffi.Transfer) -> None:
        """Private: use `Transfer.progress()`."""
        self._native = native
        self._closed = False

    async def next_progress(self) -> Optional[TransferProgress]:
        """The next progress, or None once the transfer ended (or this stream was closed)."""
        return None if self._closed else await self._native.next_progress()

    _next = next_progress

    def close(self) -> None:
        self._closed = True


class Upload:
    """A push of exactly `size` bytes that the application writes, from
    `await client.push_stream(size, name)`:

        async with await client.push_stream(size, "photo.jpg") as upload:
            await upload.write(first)           # or: await upload.write_from(file)
            await upload.write(rest)
            result = await upload.finish()

    `write()` returns once the bytes are buffered (a fast writer waits for the network);
    `finish()` ends the data and returns the result (SyncIoError unless exactly `size` bytes
    came). Leaving `async with` cancels the upload unless it finished.
    """

    __slots__ = ("_native", "_transfer")

    def __init__(self, native: _ffi.Upload) -> None:
        """Private: use `SyncClient.push_stream()`."""
        self._native = native
        self._transfer = Transfer(native.transfer())

    async def write(self, data: Any) -> None:
        """Appends bytes (bytes, bytearray, memoryview or any buffer)."""
        payload = as_bytes(data)
        with translated:
            await self._native.write(payload)

    async def write_from(self, source: Source) -> None:
        """Appends everything `source` holds (see `Source`)."""
        async for piece in _pieces(source):
            await self.write(piece)

    async def finish(self) -> TransferResult:
        with translated:
            return await self._native.finish()

    def transfer(self) -> Transfer:
        """The upload's `Transfer`: its progress, `cancel()`, its outcome."""
        return self._transfer

    def cancel(self) -> None:
        self._transfer.cancel()

    async def __aenter__(self) -> Upload:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.cancel()  # a no-op once finished


async def _pieces(source: Source) -> AsyncIterator[Any]:
    read = getattr(source, "read", None)
    if read is None:
        if hasattr(source, "__aiter__"):
            async for piece in source:
                yield piece
        else:
            for piece in source:
                yield piece
        return
    while True:
        if inspect.iscoroutinefunction(read):
            piece = await read(_PIECE)
        else:  # a blocking read, in a thread: the event loop runs on meanwhile
            piece = await asyncio.to_thread(read, _PIECE)
        if not piece:
            return
        yield piece
