"""The contract's `SyncEvent` variants as frozen dataclasses, all under `SyncEvent`.

The generated enum has upper-case variant classes (`SyncEvent.OUTBOX_SENT`) without a useful
`repr()`, hash or `match` support; these are plain records of the same fields, so
`isinstance(event, OutboxSent)` and `case OutboxSent(blob_id=..., pending=0):` both work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Type

from ._native import zerok_sync as _ffi


@dataclass(frozen=True)
class SyncEvent:
    """Base class of every event of `SyncClient.events()`. Events are for showing state (a
    sync indicator, a pending count); the library retries on its own without them."""


@dataclass(frozen=True)
class Connected(SyncEvent):
    """A session with this relay is open; calls go there."""

    relay: str


@dataclass(frozen=True)
class Disconnected(SyncEvent):
    """The session with this relay ended; the client reconnects by itself unless
    `disconnect()` or `shutdown()` ended it."""

    relay: str
    reason: str


@dataclass(frozen=True)
class Failover(SyncEvent):
    """Calls moved from one relay to another."""

    from_relay: str
    to_relay: str


@dataclass(frozen=True)
class OutboxSent(SyncEvent):
    """A relay durably stored an enqueued blob (at `cursor`); `pending` blobs remain."""

    blob_id: str
    cursor: int
    pending: int


@dataclass(frozen=True)
class OutboxRejected(SyncEvent):
    """A relay refused an enqueued blob for good (e.g. over its size limit); it left the
    outbox and the blobs after it go on."""

    blob_id: str
    reason: str


@dataclass(frozen=True)
class Lagged(SyncEvent):
    """The stream was read too slowly and missed this many events."""

    missed: int


_PUBLIC: Dict[type, Type[SyncEvent]] = {
    _ffi.SyncEvent.CONNECTED: Connected,
    _ffi.SyncEvent.DISCONNECTED: Disconnected,
    _ffi.SyncEvent.FAILOVER: Failover,
    _ffi.SyncEvent.OUTBOX_SENT: OutboxSent,
    _ffi.SyncEvent.OUTBOX_REJECTED: OutboxRejected,
    _ffi.SyncEvent.LAGGED: Lagged,
}


def from_native(event: _ffi.SyncEvent) -> SyncEvent:
    """The public event for a generated one (the same fields, by name)."""
    return _PUBLIC[type(event)](**vars(event))
