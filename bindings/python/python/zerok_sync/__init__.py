"""0k-sync for Python: zero-knowledge sync of encrypted blobs through untrusted relays.

    async with await SyncClient.create(SyncConfig([relay], secret_bytes=secret)) as client:
        await client.push(b"hello")          # or: await client.enqueue(b"hello"), offline
        async for blob in client.subscribe():
            ...

Files of any size: `transfer = await client.push_file(path)`, `async for p in
transfer.progress()`, `await transfer`; a device receiving a blob with an `object` fetches it
with `await client.download(blob.object, path)`.

A new device joins by an invite (`invite_from_qr`) or by the short code another device
shows (`client.create_pairing_code()`, then `join_with_code(code, [relay])`).

All cryptography, protocol and networking is the Rust library's (the generated module
`zerok_sync._native`, private); this package adds Python idioms only: `async with`,
`async for`, one exception class per error variant under `SyncError`, one dataclass per
event under `SyncEvent`, bytes-like payloads, path-like paths, timeouts in seconds, `await`
on a transfer and a blocking client (`SyncClient.create_sync`). Names are the API contract's
(udl/zerok_sync.udl). Records (`SyncBlob`, `RemoteObject`, `PushResult`, `PullResult`,
`TamperedBlob`, `Pending`, `Invite`, `PairedInvite`, `KdfParams`, `DerivedSecret`,
`TransferProgress`, `TransferResult`, `VersionInfo`) are the generated ones;
`SyncConfig` is a dataclass of the same fields.
"""

from . import _fast_bytes  # noqa: F401  (patches the generated module: see its docstring)
from ._blocking import (
    BlockingEventStream,
    BlockingPairing,
    BlockingProgressStream,
    BlockingSubscription,
    BlockingSyncClient,
    BlockingTransfer,
    BlockingUpload,
)
from ._client import (
    Payload,
    StrPath,
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
    ObjectUnavailableError,
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
    SyncCancelledError,
    SyncError,
    SyncIoError,
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
    RemoteObject,
    SyncBlob,
    TamperedBlob,
    TransferProgress,
    TransferResult,
    VersionInfo,
    version,
)
from ._pairing import Pairing, join_with_code
from ._streams import EventStream, Subscription
from ._transfers import ProgressStream, Source, Transfer, Upload

__version__: str = version().ffi

__all__ = [
    "AllRelaysFailedError",
    "BlockingEventStream",
    "BlockingPairing",
    "BlockingProgressStream",
    "BlockingSubscription",
    "BlockingSyncClient",
    "BlockingTransfer",
    "BlockingUpload",
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
    "ObjectUnavailableError",
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
    "ProgressStream",
    "ProtocolError",
    "PullResult",
    "PushResult",
    "QuotaExceededError",
    "RateLimitedError",
    "RelayError",
    "RemoteObject",
    "ShutdownError",
    "Source",
    "StateError",
    "StrPath",
    "Subscription",
    "SyncBlob",
    "SyncCancelledError",
    "SyncClient",
    "SyncConfig",
    "SyncError",
    "SyncEvent",
    "SyncIoError",
    "SyncTimeoutError",
    "TamperedBlob",
    "TamperedError",
    "Transfer",
    "TransferProgress",
    "TransferResult",
    "TransportError",
    "UnauthorizedError",
    "UnknownCursorError",
    "UnsupportedInviteVersionError",
    "Upload",
    "VersionInfo",
    "VersionMismatchError",
    "derive_secret",
    "invite_from_qr",
    "invite_to_qr",
    "join_with_code",
    "version",
]
