"""The asyncio facade over the generated module: Python idioms only, no protocol logic.

Every coroutine runs on the library's own Rust runtime; awaiting it here only waits for the
result, so any event loop works and cancelling the awaiting task cancels the Rust work.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Optional, Sequence, Type, Union

from ._errors import translated
from ._fast_bytes import as_bytes as _as_bytes
from ._native import zerok_sync as _ffi
from ._native.zerok_sync import (
    DerivedSecret,
    Invite,
    KdfParams,
    Pending,
    PullResult,
    PushResult,
    RemoteObject,
    TransferResult,
)
from ._pairing import Pairing
from ._streams import EventStream, Subscription
from ._transfers import Source, Transfer, Upload

if TYPE_CHECKING:
    from ._blocking import BlockingSyncClient

#: What push() and enqueue() take. Any other buffer (array.array, numpy) works too; it is
#: copied once.
Payload = Union[bytes, bytearray, memoryview]

#: A file's path: str, bytes or any os.PathLike.
StrPath = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


def _optional_bytes(data: Any) -> Optional[bytes]:
    return None if data is None else _as_bytes(data)


@dataclass(frozen=True)
class SyncConfig:
    """Everything a client needs; the fields and their meaning are the UDL's `SyncConfig`.

    Give exactly one of `passphrase` and `secret_bytes`; a passphrase also needs the group's
    `salt` (and its `kdf`, defaults otherwise) so every device derives the same secret.

    Without a `state_path`, cursors and the outbox live in memory. Settings left at None take
    the library's defaults: `keep_alive_ms` 3,000 and `idle_timeout_ms` 10,000 (desktop; on a
    phone use 25,000 and 75,000, so the radio sleeps between keep-alives),
    `connect_timeout_ms` 5,000, `request_timeout_ms` 30,000 (one call in all, its retries
    and its waits for a relay's rate limit included), `outbox_max_bytes` 256 MiB.

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
    keep_alive_ms: Optional[int] = None
    idle_timeout_ms: Optional[int] = None
    connect_timeout_ms: Optional[int] = None
    request_timeout_ms: Optional[int] = None
    outbox_max_bytes: Optional[int] = None

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
            keep_alive_ms=self.keep_alive_ms,
            idle_timeout_ms=self.idle_timeout_ms,
            connect_timeout_ms=self.connect_timeout_ms,
            request_timeout_ms=self.request_timeout_ms,
            outbox_max_bytes=self.outbox_max_bytes,
        )


class SyncClient:
    """One device of a group, syncing through its relays.

    Create with `await SyncClient.create(config)` (Python has no async constructors), then
    `async with` it: entering connects, leaving shuts it down. Every method may run
    concurrently with any other, e.g. many pushes under one `asyncio.gather`.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _ffi.SyncClient) -> None:
        """Private: use `create()` or `create_sync()`."""
        self._native = native

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
        """Encrypts and pushes `payload`; returns once the relay has stored it durably.
        Transport failures are retried (same blob id) within the request timeout."""
        data = _as_bytes(payload)
        with translated:
            return await self._native.push(data)

    async def enqueue(self, payload: Payload) -> str:
        """Seals `payload` into the outbox (durable with a `state_path`) without network and
        returns its blob id (hex). The client sends the outbox in order whenever connected,
        across reconnects and restarts, each blob once."""
        data = _as_bytes(payload)
        with translated:
            return await self._native.enqueue(data)

    def pending(self) -> Pending:
        """What the outbox holds: `count`, sealed `bytes`, `blob_ids` (next to send first)."""
        return self._native.pending()

    async def flush(self, timeout: Optional[float] = None) -> None:
        """Waits until the outbox is empty: SyncTimeoutError after `timeout` seconds (None:
        no deadline), NotConnectedError while blobs wait and `connect()` was not called."""
        timeout_ms = None if timeout is None else round(timeout * 1000)
        with translated:
            await self._native.flush(timeout_ms)

    def events(self) -> EventStream:
        """This client's events from now on: `async for event in client.events():`."""
        return EventStream(self._native.events())

    async def pull(self) -> PullResult:
        """Every blob this device has not received yet, oldest first, and the tampered ones
        among them (`tampered`; the blobs after one are read all the same); advances the
        cursor past them."""
        with translated:
            return await self._native.pull()

    async def pull_after(self, cursor: int) -> PullResult:
        """Every blob after `cursor`, including ones received before, as `pull()`."""
        with translated:
            return await self._native.pull_after(cursor)

    def subscribe(self) -> Subscription:
        """Live blobs: `async for blob in client.subscribe():` (see `Subscription`)."""
        return Subscription(self._native)

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

    async def create_pairing_code(self, ttl_secs: Optional[int] = None) -> Pairing:
        """A short code for a new device to type instead of scanning an invite: opens a
        mailbox on the active relay, valid for `ttl_secs` (None: 600; the relay may shorten
        it). The exchange runs in the library from now on; `Pairing.wait()` awaits it.
        NotConnectedError unless connected: the mailbox lives on the relay."""
        with translated:
            return Pairing(await self._native.create_pairing_code(ttl_secs))

    async def push_file(self, path: StrPath) -> Transfer:
        """Starts pushing the file at `path` as an object and returns its running `Transfer`
        (`await` it for the result). Over 256 KiB it goes in 1 MiB chunks, resumed across
        reconnects and failovers; the file must not change meanwhile (SyncIoError). Other
        devices receive a blob whose `object` is the file's `RemoteObject`."""
        with translated:
            return Transfer(await self._native.push_file(os.fsdecode(path)))

    async def enqueue_file(self, path: StrPath) -> str:
        """Queues the file at `path` in the outbox, without network, as `enqueue` queues a
        payload; returns its object id (hex). `OutboxSent` reports it sent, `OutboxRejected`
        a file that changed before it was."""
        with translated:
            return await self._native.enqueue_file(os.fsdecode(path))

    async def push_stream(self, size: int, name: Optional[str] = None) -> Upload:
        """An `Upload` of exactly `size` bytes that this program writes; `name` is the base
        name other devices see (`RemoteObject.name`)."""
        with translated:
            return Upload(await self._native.push_stream(size, name))

    async def push_from(
        self, source: Source, size: int, name: Optional[str] = None
    ) -> TransferResult:
        """Pushes `size` bytes read from `source` (a binary file object, or an async or plain
        iterable of bytes; see `Source`) through `push_stream`; returns the result."""
        async with await self.push_stream(size, name) as upload:
            await upload.write_from(source)
            return await upload.finish()

    async def download(self, object: RemoteObject, path: StrPath) -> Transfer:
        """Starts downloading an object (a received blob's `object`) into the file at `path`
        and returns the running `Transfer`. The file appears only once complete and
        verified; a part file beside it lets a later download of the same object resume."""
        with translated:
            return Transfer(await self._native.download(object, os.fsdecode(path)))

    async def shutdown(self) -> None:
        """Stops everything; idempotent. Every later call raises ShutdownError."""
        await self._native.shutdown()


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
