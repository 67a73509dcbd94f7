"""0k-sync for Python: zero-knowledge sync of encrypted blobs through untrusted relays.

    async with await SyncClient.create(SyncConfig([relay], secret_bytes=secret)) as client:
        await client.push(b"hello")          # or: await client.enqueue(b"hello"), offline
        async for blob in client.subscribe():
            ...

A new device joins by an invite (`invite_from_qr`) or by the short code another device
shows (`client.create_pairing_code()`, then `join_with_code(code, [relay])`).

All cryptography, protocol and networking is the Rust library's (the generated module
`zerok_sync._native`, private); this package adds Python idioms only: `async with`,
`async for`, one exception class per error variant under `SyncError`, one dataclass per
event under `SyncEvent`, bytes-like payloads, timeouts in seconds and a blocking client
(`SyncClient.create_sync`). Names are the API contract's (udl/zerok_sync.udl). Records
(`SyncBlob`, `PushResult`, `PullResult`, `TamperedBlob`, `Pending`, `Invite`,
`PairedInvite`, `KdfParams`, `DerivedSecret`, `VersionInfo`) are the generated ones;
`SyncConfig` is a dataclass of the same fields.
"""

from . import _fast_bytes  # noqa: F401  (patches the generated module: see its docstring)
from ._blocking import (
    BlockingEventStream,
    BlockingPairing,
    BlockingSubscription,
    BlockingSyncClient,
)
from ._client import (
    Payload,
    SyncClient,
    SyncConfig,
    derive_secret,
    invite_from_qr,
    invite_to_qr,
)
from ._errors import (
    AllRelaysFailedError,
    ConnectionFailedError,
    InternalError,
    InvalidConfigError,
    InvalidInviteError,
    InvalidPairingCodeError,
    InviteExpiredError,
    NotConnectedError,
    OutboxFullError,
    PairingExpiredError,
    PairingFailedError,
    PayloadTooLargeError,
    ProtocolError,
    QuotaExceededError,
    RateLimitedError,
    RelayError,
    ShutdownError,
    StateError,
    SyncError,
    SyncTimeoutError,
    TamperedError,
    TransportError,
    UnauthorizedError,
    UnknownCursorError,
    UnsupportedInviteVersionError,
    VersionMismatchError,
)
from ._events import (
    Connected,
    Disconnected,
    Failover,
    Lagged,
    OutboxRejected,
    OutboxSent,
    SyncEvent,
)
from ._native.zerok_sync import (
    DerivedSecret,
    Invite,
    KdfParams,
    PairedInvite,
    Pending,
    PullResult,
    PushResult,
    SyncBlob,
    TamperedBlob,
    VersionInfo,
    version,
)
from ._pairing import Pairing, join_with_code
from ._streams import EventStream, Subscription

__version__: str = version().ffi

__all__ = [
    "AllRelaysFailedError",
    "BlockingEventStream",
    "BlockingPairing",
    "BlockingSubscription",
    "BlockingSyncClient",
    "Connected",
    "ConnectionFailedError",
    "DerivedSecret",
    "Disconnected",
    "EventStream",
    "Failover",
    "InternalError",
    "InvalidConfigError",
    "InvalidInviteError",
    "InvalidPairingCodeError",
    "Invite",
    "InviteExpiredError",
    "KdfParams",
    "Lagged",
    "NotConnectedError",
    "OutboxFullError",
    "OutboxRejected",
    "OutboxSent",
    "PairedInvite",
    "Pairing",
    "PairingExpiredError",
    "PairingFailedError",
    "Payload",
    "PayloadTooLargeError",
    "Pending",
    "ProtocolError",
    "PullResult",
    "PushResult",
    "QuotaExceededError",
    "RateLimitedError",
    "RelayError",
    "ShutdownError",
    "StateError",
    "Subscription",
    "SyncBlob",
    "SyncClient",
    "SyncConfig",
    "SyncError",
    "SyncEvent",
    "SyncTimeoutError",
    "TamperedBlob",
    "TamperedError",
    "TransportError",
    "UnauthorizedError",
    "UnknownCursorError",
    "UnsupportedInviteVersionError",
    "VersionInfo",
    "VersionMismatchError",
    "derive_secret",
    "invite_from_qr",
    "invite_to_qr",
    "join_with_code",
    "version",
]
