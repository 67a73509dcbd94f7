"""The client's two streams, `Subscription` (blobs) and `EventStream` (events): async
iterators that close their native stream when the consumer stops."""

from __future__ import annotations

from types import TracebackType
from typing import Any, Generic, Optional, Type, TypeVar

from . import _events
from ._errors import translated
from ._events import SyncEvent
from ._native import zerok_sync as _ffi
from ._native.zerok_sync import SyncBlob

T = TypeVar("T")
S = TypeVar("S", bound="_Stream[Any]")


class _Stream(Generic[T]):
    """`async for` and `async with` over `_next()` (None once ended) and `close()`.

    Iterating closes the stream when it ends, when `_next()` raises and when the loop is
    cancelled. After a `break` it closes once the stream is garbage-collected (at once on
    CPython); `async with` closes it deterministically.
    """

    __slots__ = ("_closed",)
    _closed: bool

    @property
    def closed(self) -> bool:
        return self._closed

    async def _next(self) -> Optional[T]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __aiter__(self: S) -> S:
        return self

    async def __anext__(self) -> T:
        try:
            item = await self._next()
        except BaseException:  # CancelledError too: the loop is over either way
            self.close()
            raise
        if item is None:
            self.close()
            raise StopAsyncIteration
        return item

    async def __aenter__(self: S) -> S:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()


class Subscription(_Stream[SyncBlob]):
    """The group's blobs as they arrive: first those after this device's cursor, then live.

    The native stream opens on the first `next()`; `async for` and `async with` close it as
    `_Stream` says. `next()` itself never closes anything: a TamperedError concerns one blob
    (the stream goes on), and a cancelled `next()` (e.g. under `asyncio.wait_for`) leaves the
    stream open.

    No blob is lost to a cancelled `next()`: this device's cursor moves past a blob only once
    a read has taken it, so a blob whose reader was cancelled is delivered again, by the next
    `next()` or, once this subscription is closed, by a later subscription. Concurrent
    `next()` calls on one subscription get each blob once between them.
    """

    __slots__ = ("__weakref__", "_client", "_native")

    def __init__(self, client: _ffi.SyncClient) -> None:
        """Private: use `SyncClient.subscribe()`."""
        self._client = client
        self._native: Optional[_ffi.Subscription] = None
        self._closed = False

    async def next(self) -> Optional[SyncBlob]:
        """The next blob, or None once closed (or the client shut down)."""
        if self._closed:
            return None
        with translated:
            if self._native is None:
                opened = await self._client.subscribe()
                if self._native is not None or self._closed:
                    opened.close()  # a concurrent next() opened it first, or close() came
                else:
                    self._native = opened
            if self._closed:
                return None
            # A read is a ticket, then the blob; a ticket nobody takes (this coroutine was
            # cancelled after Rust handed it out) comes back from the next native next().
            while True:
                ticket = await self._native.next()
                if ticket is None:
                    return None
                blob = self._native.take(ticket)
                if blob is not None:  # None: a concurrent read took that ticket first
                    return blob

    _next = next

    def close(self) -> None:
        """Ends the stream; a pending and every later `next()` returns None. Idempotent."""
        self._closed = True
        if self._native is not None:
            self._native.close()


class EventStream(_Stream[SyncEvent]):
    """What happens to the client from the moment `SyncClient.events()` made this stream:
    typed `SyncEvent`s, oldest first (`Lagged` if it was read too slowly to keep them all).
    Ends once closed, or once the client shut down and every earlier event was read.
    `async for` and `async with` close it as `_Stream` says."""

    __slots__ = ("__weakref__", "_native")

    def __init__(self, native: _ffi.EventStream) -> None:
        """Private: use `SyncClient.events()`."""
        self._native = native
        self._closed = False

    async def next_event(self) -> Optional[SyncEvent]:
        """The next event, or None once the stream ended. (A `next_event()` cancelled just as
        its event arrived drops that event: events report, they never carry data.)"""
        event = await self._native.next_event()
        return None if event is None else _events.from_native(event)

    _next = next_event

    def close(self) -> None:
        """Ends the stream (the contract's `close_events`); a pending and every later
        `next_event()` returns None. Idempotent."""
        self._closed = True
        self._native.close_events()
