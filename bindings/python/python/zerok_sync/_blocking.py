"""Blocking wrappers for code without an event loop.

Each BlockingSyncClient owns a private event loop in a daemon thread and runs the asyncio
facade's coroutines there, so the async API stays the only implementation. Calls may come
from any number of threads at once; each blocks only its caller. Interrupting a call
(KeyboardInterrupt) cancels the Rust work behind it.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from types import TracebackType
from typing import Any, Coroutine, Generic, Optional, Type, TypeVar

from ._client import Payload, StrPath, SyncClient, SyncConfig
from ._events import SyncEvent
from ._native.zerok_sync import (
    Invite,
    Pending,
    PullResult,
    PushResult,
    RemoteObject,
    SyncBlob,
    TransferProgress,
    TransferResult,
)
from ._pairing import Pairing
from ._streams import _Stream
from ._transfers import Source, Transfer, Upload

T = TypeVar("T")
B = TypeVar("B", bound="_BlockingStream[Any]")


class _LoopThread:
    """An event loop running in a daemon thread until the owner is garbage-collected."""

    def __init__(self, owner: object) -> None:
        self.loop = asyncio.new_event_loop()
        thread = threading.Thread(target=self._serve, name="zerok-sync-loop", daemon=True)
        thread.start()
        weakref.finalize(owner, self.loop.call_soon_threadsafe, self.loop.stop)

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_forever()
        finally:
            self.loop.close()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()  # interrupted: cancel the coroutine (and its Rust future) too
            raise


class BlockingSyncClient:
    """`SyncClient` with blocking methods; create with `SyncClient.create_sync(config)`.

    `with SyncClient.create_sync(config) as client:` connects on entry and shuts the client
    down on exit. Methods, results and exceptions are those of `SyncClient`.
    """

    def __init__(self, config: SyncConfig) -> None:
        self._loop = _LoopThread(self)
        self._client = self._loop.run(SyncClient.create(config))

    def __enter__(self) -> BlockingSyncClient:
        self._loop.run(self._client.__aenter__())
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.shutdown()

    def connect(self) -> None:
        self._loop.run(self._client.connect())

    def disconnect(self) -> None:
        self._loop.run(self._client.disconnect())

    def push(self, payload: Payload) -> PushResult:
        return self._loop.run(self._client.push(payload))

    def enqueue(self, payload: Payload) -> str:
        return self._loop.run(self._client.enqueue(payload))

    def pending(self) -> Pending:
        return self._client.pending()

    def flush(self, timeout: Optional[float] = None) -> None:
        self._loop.run(self._client.flush(timeout))

    def events(self) -> BlockingEventStream:
        """Events: `for event in client.events():`. Another thread may `close()` it."""
        return BlockingEventStream(self, self._client.events())

    def pull(self) -> PullResult:
        return self._loop.run(self._client.pull())

    def pull_after(self, cursor: int) -> PullResult:
        return self._loop.run(self._client.pull_after(cursor))

    def subscribe(self) -> BlockingSubscription:
        """Live blobs: `for blob in client.subscribe():`. Another thread may `close()` it."""
        return BlockingSubscription(self, self._client.subscribe())

    def is_connected(self) -> bool:
        return self._client.is_connected()

    def current_cursor(self) -> int:
        return self._client.current_cursor()

    def active_relay(self) -> Optional[str]:
        return self._client.active_relay()

    def group_id(self) -> str:
        return self._client.group_id()

    def create_invite(self, ttl_secs: int) -> Invite:
        return self._client.create_invite(ttl_secs)

    def create_pairing_code(self, ttl_secs: Optional[int] = None) -> BlockingPairing:
        """A pairing code to show: `with client.create_pairing_code() as pairing:`."""
        return BlockingPairing(self, self._loop.run(self._client.create_pairing_code(ttl_secs)))

    def push_file(self, path: StrPath) -> BlockingTransfer:
        return BlockingTransfer(self, self._loop.run(self._client.push_file(path)))

    def enqueue_file(self, path: StrPath) -> str:
        return self._loop.run(self._client.enqueue_file(path))

    def push_stream(self, size: int, name: Optional[str] = None) -> BlockingUpload:
        """An upload to write: `with client.push_stream(size, name) as upload:`."""
        return BlockingUpload(self, self._loop.run(self._client.push_stream(size, name)))

    def push_from(self, source: Source, size: int, name: Optional[str] = None) -> TransferResult:
        return self._loop.run(self._client.push_from(source, size, name))

    def download(self, object: RemoteObject, path: StrPath) -> BlockingTransfer:
        return BlockingTransfer(self, self._loop.run(self._client.download(object, path)))

    def shutdown(self) -> None:
        self._loop.run(self._client.shutdown())


class BlockingPairing:
    """`Pairing` for blocking code: `wait()` blocks (any number of threads may wait), and
    `with` cancels the pairing at the end unless it finished. The device that types the code
    has no client yet: `asyncio.run(zerok_sync.join_with_code(code, relays))`."""

    def __init__(self, client: BlockingSyncClient, pairing: Pairing) -> None:
        self._client = client  # keeps the client, and so its loop thread, alive
        self._loop = client._loop
        self._pairing = pairing

    def code(self) -> str:
        return self._pairing.code()

    def expires_at_ms(self) -> int:
        return self._pairing.expires_at_ms()

    def wait(self) -> str:
        """The verifier digits once the other device has the invite (blocks until then).
        Interrupting it stops only this waiter; the pairing goes on until `cancel()`."""
        return self._loop.run(self._pairing.wait())

    def cancel(self) -> None:
        self._pairing.cancel()

    def __enter__(self) -> BlockingPairing:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.cancel()


class BlockingTransfer:
    """`Transfer` for blocking code: `outcome()` blocks (interrupting it cancels the
    transfer, as cancelling an awaiting task does), `for p in transfer.progress():`."""

    def __init__(self, client: BlockingSyncClient, transfer: Transfer) -> None:
        self._client = client  # keeps the client, and so its loop thread, alive
        self._loop = client._loop
        self._transfer = transfer

    def object_id(self) -> str:
        return self._transfer.object_id()

    def current_progress(self) -> TransferProgress:
        return self._transfer.current_progress()

    def progress(self) -> BlockingProgressStream:
        return BlockingProgressStream(self._client, self._transfer.progress())

    def outcome(self) -> TransferResult:
        return self._loop.run(self._transfer.outcome())

    def cancel(self) -> None:
        self._transfer.cancel()


class BlockingUpload:
    """`Upload` for blocking code; `with` cancels it at the end unless it finished."""

    def __init__(self, client: BlockingSyncClient, upload: Upload) -> None:
        self._client = client  # keeps the client, and so its loop thread, alive
        self._loop = client._loop
        self._upload = upload

    def write(self, data: Payload) -> None:
        self._loop.run(self._upload.write(data))

    def write_from(self, source: Source) -> None:
        self._loop.run(self._upload.write_from(source))

    def finish(self) -> TransferResult:
        return self._loop.run(self._upload.finish())

    def transfer(self) -> BlockingTransfer:
        return BlockingTransfer(self._client, self._upload.transfer())

    def cancel(self) -> None:
        self._upload.cancel()

    def __enter__(self) -> BlockingUpload:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.cancel()


class _BlockingStream(Generic[T]):
    """An async `_Stream` for blocking code: an iterator, closed like the async one."""

    def __init__(self, client: BlockingSyncClient, stream: _Stream[T]) -> None:
        self._client = client  # keeps the client, and so its loop thread, alive
        self._loop = client._loop
        self._stream = stream

    @property
    def closed(self) -> bool:
        return self._stream.closed

    def _next(self) -> Optional[T]:
        return self._loop.run(self._stream._next())

    def close(self) -> None:
        """Ends the stream, from any thread; a blocked read returns None."""
        self._loop.run(self._close())

    async def _close(self) -> None:
        # On the loop's thread, so it never races with a read that is opening the stream.
        self._stream.close()

    def __iter__(self: B) -> B:
        return self

    def __next__(self) -> T:
        try:
            item = self._next()
        except BaseException:
            self.close()
            raise
        if item is None:
            raise StopIteration
        return item

    def __enter__(self: B) -> B:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()


class BlockingSubscription(_BlockingStream[SyncBlob]):
    """`Subscription` for blocking code: `for blob in client.subscribe():`."""

    def next(self) -> Optional[SyncBlob]:
        """The next blob (blocks until one arrives), or None once closed."""
        return self._next()


class BlockingEventStream(_BlockingStream[SyncEvent]):
    """`EventStream` for blocking code: `for event in client.events():`."""

    def next_event(self) -> Optional[SyncEvent]:
        """The next event (blocks until one comes), or None once the stream ended."""
        return self._next()


class BlockingProgressStream(_BlockingStream[TransferProgress]):
    """`ProgressStream` for blocking code: `for p in transfer.progress():`."""

    def next_progress(self) -> Optional[TransferProgress]:
        """The next progress (blocks until there is one), or None once the transfer ended."""
        return self._next()
