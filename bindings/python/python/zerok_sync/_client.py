"""The asyncio facade over the generated module: Python idioms only, no protocol logic.

Every coroutine runs on the library's own Rust runtime; awaiting it here only waits for the
result, so any event loop works and cancelling the awaiting task cancels the Rust work.
"""

from __future__ import annotations

import asyncio
import collections
import os
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Deque, List, Optional, Sequence, Type, Union

from ._errors import translated
from ._native import zerok_sync as _ffi
from ._native.zerok_sync import DerivedSecret, Invite, KdfParams, PushResult, SyncBlob

if TYPE_CHECKING:
    from ._blocking import BlockingSyncClient

#: What push() takes. Any other buffer (array.array, numpy) works too; it is copied once.
Payload = Union[bytes, bytearray, memoryview]


def _as_bytes(data: Any) -> bytes:
    # bytes() alone would turn an int n into n zero bytes; memoryview() accepts only buffers.
    return data if type(data) is bytes else memoryview(data).tobytes()


def _optional_bytes(data: Any) -> Optional[bytes]:
    return None if data is None else _as_bytes(data)


@dataclass(frozen=True)
class SyncConfig:
    """Everything a client needs; the fields and their meaning are the UDL's `SyncConfig`.

    Give exactly one of `passphrase` and `secret_bytes`; a passphrase also needs the group's
    `salt` (and its `kdf`, defaults otherwise) so every device derives the same secret.

    A frozen dataclass rather than the generated record: `repr()` leaves out the passphrase
    and the secret, `dataclasses.replace()` derives a variant (another `device_name`, say),
    bytes-like values and path-like `state_path` are accepted, and `relay_addresses` may come
    first without a keyword.
    """

    relay_addresses: Sequence[str]
    passphrase: Optional[str] = field(default=None, repr=False)
    secret_bytes: Optional[bytes] = field(default=None, repr=False)
    salt: Optional[bytes] = None
    kdf: Optional[KdfParams] = None
    device_name: Optional[str] = None
    ttl_secs: Optional[int] = None
    state_path: Optional[Union[str, "os.PathLike[str]"]] = None

    @classmethod
    def from_invite(cls, invite: Invite, **fields: Any) -> SyncConfig:
        """A config joining the invite's group (its relays, secret and KDF parameters);
        `fields` set the rest, e.g. `device_name` or `state_path`."""
        return cls(
            invite.relay_addresses,
            secret_bytes=invite.secret_bytes,
            salt=invite.salt,
            kdf=invite.kdf,
            **fields,
        )

    def _to_native(self) -> _ffi.SyncConfig:
        if isinstance(self.relay_addresses, str):
            raise TypeError("relay_addresses is a sequence of addresses, not one string")
        return _ffi.SyncConfig(
            relay_addresses=list(self.relay_addresses),
            passphrase=self.passphrase,
            secret_bytes=_optional_bytes(self.secret_bytes),
            salt=_optional_bytes(self.salt),
            kdf=self.kdf,
            device_name=self.device_name,
            ttl_secs=self.ttl_secs,
            state_path=None if self.state_path is None else os.fspath(self.state_path),
        )


class SyncClient:
    """One device of a group, syncing through its relays.

    Create with `await SyncClient.create(config)` (Python has no async constructors), then
    `async with` it: entering connects, leaving shuts it down. Every method may run
    concurrently with any other, e.g. many pushes under one `asyncio.gather`.
    """

    __slots__ = ("_native", "_handover")

    def __init__(self, native: _ffi.SyncClient) -> None:
        """Private: use `create()` or `create_sync()`."""
        self._native = native
        # Subscription reads whose caller was cancelled, oldest first (see Subscription).
        self._handover: Deque["asyncio.Future[Optional[SyncBlob]]"] = collections.deque()

    @classmethod
    async def create(cls, config: SyncConfig) -> SyncClient:
        """A client for `config`; no network traffic until `connect()`. Deriving a secret
        from a passphrase runs on a Rust thread, never on the event loop."""
        with translated:
            return cls(await _ffi.create_client(config._to_native()))

    @classmethod
    def create_sync(cls, config: SyncConfig) -> BlockingSyncClient:
        """A blocking client for code without an event loop (see `BlockingSyncClient`)."""
        from ._blocking import BlockingSyncClient

        return BlockingSyncClient(config)

    async def __aenter__(self) -> SyncClient:
        try:
            await self.connect()
        except BaseException:
            # The `async with` body never runs, so nobody else could shut the client down.
            await self.shutdown()
            raise
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self.shutdown()

    async def connect(self) -> None:
        """Connects to the first relay (in the configured order) that accepts the group."""
        with translated:
            await self._native.connect()

    async def disconnect(self) -> None:
        """Closes every session; calls fail with NotConnectedError until `connect()`."""
        await self._native.disconnect()

    async def push(self, payload: Payload) -> PushResult:
        """Encrypts and pushes `payload`; returns once the relay has stored it durably."""
        data = _as_bytes(payload)
        with translated:
            return await self._native.push(data)

    async def pull(self) -> List[SyncBlob]:
        """Every blob this device has not received yet, oldest first; advances the cursor."""
        with translated:
            return await self._native.pull()

    async def pull_after(self, cursor: int) -> List[SyncBlob]:
        """Every blob after `cursor`, including ones received before."""
        with translated:
            return await self._native.pull_after(cursor)

    def subscribe(self) -> Subscription:
        """Live blobs: `async for blob in client.subscribe():` (see `Subscription`)."""
        return Subscription(self._native, self._handover)

    def is_connected(self) -> bool:
        return self._native.is_connected()

    def current_cursor(self) -> int:
        """Everything up to this cursor (on the active relay) has been received."""
        return self._native.current_cursor()

    def active_relay(self) -> Optional[str]:
        """The address of the relay serving calls now, None while disconnected."""
        return self._native.active_relay()

    def group_id(self) -> str:
        """The group's public id (hex), the same on every device of the group."""
        return self._native.group_id()

    def create_invite(self, ttl_secs: int) -> Invite:
        """An invite to this group, valid for `ttl_secs`; `invite_to_qr()` makes it a string.
        It carries the group secret: hand it over only on a channel you trust."""
        with translated:
            return self._native.create_invite(ttl_secs)

    async def shutdown(self) -> None:
        """Stops everything; idempotent. Every later call raises ShutdownError."""
        await self._native.shutdown()


class Subscription:
    """The group's blobs as they arrive: first those after this device's cursor, then live.

    The native stream opens on the first `next()`. Iterating (`async for`) closes it when
    the stream ends, when `next()` raises (TamperedError included) and when the loop is
    cancelled. After a `break` it closes once the Subscription is garbage-collected (at
    once on CPython); `async with client.subscribe() as blobs:` closes it deterministically.

    `next()` itself never closes anything: a cancelled `next()` (e.g. under
    `asyncio.wait_for`) leaves the stream open, and a TamperedError can be skipped.

    No blob is lost to a cancelled `next()`: once the library hands a blob to a read, this
    device's cursor is past it, so reads run shielded from the caller's cancellation, and
    a read whose caller went away is finished by the next `next()` of any subscription of
    the client, which returns its blob first.
    """

    __slots__ = ("__weakref__", "_client", "_handover", "_native", "_closed")

    def __init__(
        self,
        client: _ffi.SyncClient,
        handover: Deque["asyncio.Future[Optional[SyncBlob]]"],
    ) -> None:
        """Private: use `SyncClient.subscribe()`."""
        self._client = client
        self._handover = handover
        self._native: Optional[_ffi.Subscription] = None
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    async def next(self) -> Optional[SyncBlob]:
        """The next blob, or None once closed (or the client shut down)."""
        if self._closed:
            return None
        with translated:
            while self._handover:  # reads whose callers were cancelled come first
                blob = await self._claim(self._handover.popleft())
                if blob is not None:  # None: that read's stream was closed first
                    return blob
            if self._native is None:
                opened = await self._client.subscribe()
                if self._native is not None or self._closed:
                    opened.close()  # a concurrent next() opened it first, or close() came
                else:
                    self._native = opened
            if self._closed:
                return None
            return await self._claim(asyncio.ensure_future(self._native.next()))

    async def _claim(self, read: "asyncio.Future[Optional[SyncBlob]]") -> Optional[SyncBlob]:
        """The read's result; if this caller is cancelled first, the read is handed over."""
        try:
            return await asyncio.shield(read)
        except asyncio.CancelledError:
            # (shield marks the read's error retrieved; whoever claims it sees it again)
            if not read.cancelled():
                self._handover.appendleft(read)
            raise

    def close(self) -> None:
        """Ends the stream; a pending and every later `next()` returns None. Idempotent."""
        self._closed = True
        if self._native is not None:
            self._native.close()

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> SyncBlob:
        try:
            blob = await self.next()
        except BaseException:  # CancelledError too: the loop is over either way
            self.close()
            raise
        if blob is None:
            self.close()
            raise StopAsyncIteration
        return blob

    async def __aenter__(self) -> Subscription:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()


async def derive_secret(
    passphrase: str, salt: Optional[bytes] = None, kdf: Optional[KdfParams] = None
) -> DerivedSecret:
    """Argon2id(passphrase, salt, kdf) on a Rust thread, never the event loop's. Without a
    salt a fresh one is drawn, without `kdf` the defaults apply; all three come back, to be
    stored and shared with the group's other devices."""
    with translated:
        return await _ffi.derive_secret(passphrase, _optional_bytes(salt), kdf)


def invite_to_qr(invite: Invite) -> str:
    """The invite as a compact, URL-safe string (what a QR code shows)."""
    with translated:
        return _ffi.invite_to_qr(invite)


def invite_from_qr(qr: str) -> Invite:
    """Parses an invite string; raises InviteExpiredError, InvalidInviteError or
    UnsupportedInviteVersionError."""
    with translated:
        return _ffi.invite_from_qr(qr)
