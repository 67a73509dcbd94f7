"""One exception class per variant of the library's flat `SyncError`, all under `SyncError`.

The generated module raises nested classes (`SyncError.NotConnected`) from a private module;
Python code wants `except NotConnectedError:` for one case and `except SyncError:` for all.
Each class names its Rust variant; the message is the library's, unchanged.
"""

from __future__ import annotations

from types import TracebackType
from typing import ClassVar, Dict, Optional, Type

from ._native import zerok_sync as _ffi


class SyncError(Exception):
    """Base class of every error the library raises. `variant` names the Rust variant."""

    variant: ClassVar[str] = ""
    _by_variant: ClassVar[Dict[str, Type[SyncError]]] = {}

    def __init_subclass__(cls, variant: str = "", **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if variant:
            cls.variant = variant
            SyncError._by_variant[variant] = cls


class NotConnectedError(SyncError, variant="NotConnected"):
    """Never connected, or disconnect() was called: call connect() (or use `async with`)."""


class ConnectionFailedError(SyncError, variant="ConnectionFailed"):
    """The one configured relay could not be reached or refused the connection."""


class AllRelaysFailedError(SyncError, variant="AllRelaysFailed"):
    """Every configured relay failed; the message has one reason per relay."""


class UnauthorizedError(SyncError, variant="Unauthorized"):
    """The relay rejected this device's proof of group membership."""


class VersionMismatchError(SyncError, variant="VersionMismatch"):
    """Client and relay share no wire protocol version: upgrade one of them."""


class PayloadTooLargeError(SyncError, variant="PayloadTooLarge"):
    """The payload exceeds the relay's (or the protocol's) size limit."""


class QuotaExceededError(SyncError, variant="QuotaExceeded"):
    """The group's storage quota on the relay is used up."""


class RateLimitedError(SyncError, variant="RateLimited"):
    """The relay's rate limit would outlast the request timeout (calls wait it out until
    then); the message says after how many milliseconds the relay takes more."""


class OutboxFullError(SyncError, variant="OutboxFull"):
    """The payload does not fit in the outbox (`SyncConfig.outbox_max_bytes`) until some of
    what waits there was sent: connect, or `flush()` first."""


class InviteExpiredError(SyncError, variant="InviteExpired"):
    """The invite's lifetime is over: ask for a new one."""


class InvalidInviteError(SyncError, variant="InvalidInvite"):
    """The invite string is corrupt (encoding, checksum or contents): mistyped or cut off."""


class UnsupportedInviteVersionError(SyncError, variant="UnsupportedInviteVersion"):
    """The invite was written by a newer (or unknown) invite format: upgrade this library."""


class TamperedError(SyncError, variant="Tampered"):
    """A blob failed authentication (altered, replayed, or of another group); later ones
    still arrive."""


class InvalidConfigError(SyncError, variant="InvalidConfig"):
    """The SyncConfig (or an argument) is unusable; the message says why."""


class UnknownCursorError(SyncError, variant="UnknownCursor"):
    """pull_after() named a cursor the relay never assigned."""


class ProtocolError(SyncError, variant="Protocol"):
    """The relay and this client disagree on the wire protocol (a bug on one side)."""


class TransportError(SyncError, variant="Transport"):
    """The network failed on an established connection (and kept failing until the request
    timeout)."""


class SyncTimeoutError(SyncError, TimeoutError, variant="Timeout"):
    """The operation did not finish in time. Also a builtin `TimeoutError`."""


class RelayError(SyncError, variant="Relay"):
    """The relay failed internally (its storage, most likely); nothing was acknowledged."""


class StateError(SyncError, variant="State"):
    """Reading or writing the local state file (`state_path`) failed."""


class ShutdownError(SyncError, variant="Shutdown"):
    """The client was shut down: create a new one."""


class InvalidPairingCodeError(SyncError, variant="InvalidPairingCode"):
    """The typed pairing code is malformed (length, a character outside the code's alphabet,
    or a check character that does not match: a typo). Nothing was sent, so the code still
    works: let the user correct it."""


class PairingFailedError(SyncError, variant="PairingFailed"):
    """The pairing ended without an invite: a wrong code (which burns it), one already used
    or never shown on that relay, or the showing device cancelled. Ask for a new code."""


class PairingExpiredError(SyncError, variant="PairingExpired"):
    """The pairing code expired before the other device finished: ask for a new one."""


class SyncIoError(SyncError, OSError, variant="Io"):
    """Reading or writing a file of a transfer failed (missing, unreadable, changed while it
    was pushed), or an upload got another number of bytes than its size. Also a builtin
    `OSError`."""


class SyncCancelledError(SyncError, variant="Cancelled"):
    """The transfer was cancelled (`cancel()`, a cancelled awaiting task, or its last handle
    freed). Not asyncio's `CancelledError`: this one reports how a transfer ended."""


class ObjectUnavailableError(SyncError, variant="ObjectUnavailable"):
    """No relay holds the object (or a chunk of it) any more: expired, or never pushed
    there."""


class InternalError(SyncError, variant="Internal"):
    """A bug in the library (a panic or a lost task); the process keeps running."""


def from_native(error: BaseException) -> SyncError:
    """The public exception for a generated one (its class name is the variant)."""
    name = type(error).__name__
    variant = "Internal" if isinstance(error, _ffi.InternalError) else name
    return SyncError._by_variant.get(variant, SyncError)(str(error))


class _Translated:
    """`with translated:` re-raises the generated exceptions as the public classes.

    A context manager rather than a decorator, so sync and async methods share it and keep
    their signatures for type checkers.
    """

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        if isinstance(exc, (_ffi.SyncError, _ffi.InternalError)):
            # `from None`: the generated frames and class add nothing for the caller.
            raise from_native(exc) from None


translated = _Translated()
